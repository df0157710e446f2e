"""A rate with nothing to measure (an outlet or a month whose articles are all not
English, or lack the techniques layer; an outlet with no sentence scored) is missing, not
0: null in JSON, an empty cell in CSV, "—" on the page, and no bar or point in a chart.
Records are built by hand (no model)."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

from propscope.batch.report import write_report
from propscope.corpus import CorpusFigures
from propscope.language import not_english_note
from propscope.render.dashboard import render_dashboard

ENGLISH = "They are LIARS and loud liars, the mayor said in March."  # 11 words
LATER = "A calm report with one SCANDAL word in it."  # 9 words
POLISH = "Burmistrz powiedział, że liczby są fałszywe, a miasto ma się dobrze."
NOTE = not_english_note(
    "Techniques were read, but may be missed", 0.05, "the model learned from English news"
)
RATES = ("spans_per_1000_words", "share_of_text")


def span(text: str, word: str, technique: str) -> dict[str, Any]:
    start = text.index(word)
    return {
        "start": start,
        "end": start + len(word),
        "text": word,
        "technique": technique,
        "score": 0.9,
    }


def record(
    key: str,
    text: str,
    outlet: str,
    published: str,
    *,
    spans: tuple[tuple[str, str], ...] = (),
    notes: list[str] | None = None,
    claims: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "key": key,
        "status": "ok",
        "schema": 1,
        "document": {
            "id": key,
            "title": f"Title {key}",
            "text": text,
            "source": outlet,
            "url": None,
            "published": published,
        },
        "techniques": [span(text, word, technique) for word, technique in spans],
        "summary": {},
    }
    if notes:
        out["notes"] = notes
    if claims is not None:
        out["claims"] = claims
    return out


def english() -> dict[str, Any]:
    return record(
        "en",
        ENGLISH,
        "Gazette",
        "2024-03-02",
        spans=(("LIARS", "Name_Calling,Labeling"), ("loud liars", "Loaded_Language")),
    )


def polish() -> dict[str, Any]:
    """The only article of its outlet and of its month; its spans count for nothing."""
    return record(
        "pl",
        POLISH,
        "Gazeta Krakowska",
        "2024-04-05",
        spans=(("fałszywe", "Loaded_Language"),),
        notes=[NOTE],
    )


def unread() -> dict[str, Any]:
    """The only article of its outlet; the techniques layer was left out."""
    out = record("u", LATER, "Wire", "2024-03-20")
    del out["techniques"]
    return out


def figures_of(*records: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    figures = CorpusFigures()
    for item in records:
        figures.add(item)
    return figures.tables()


def visible(page: str) -> str:
    """The page without its JSON twin."""
    return page.split('<script type="application/json"')[0]


def table_rows(page: str, name: str) -> list[str]:
    """Every table row of the page whose header cell is `name`."""
    return re.findall(rf'<tr><th scope="row">{re.escape(name)}</th>.*?</tr>', page)


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_an_outlet_and_a_month_without_english_words_have_no_rate_not_zero():
    tables = figures_of(english(), polish(), unread())
    outlets = {row["outlet"]: row for row in tables["outlets"]}
    for name in ("Gazeta Krakowska", "Wire"):
        assert outlets[name]["words"] == 0
        assert [outlets[name][measure] for measure in RATES] == [None, None], name
        cells = [r for r in tables["outlet_techniques"] if r["outlet"] == name]
        assert len(cells) == 14 and all(r["spans"] == 0 for r in cells)
        assert {r[m] for r in cells for m in RATES} == {None}, name
    months = {row["month"]: row for row in tables["months"]}
    assert [months["2024-04"][measure] for measure in RATES] == [None, None]
    april = [r for r in tables["month_techniques"] if r["month"] == "2024-04"]
    assert {r[m] for r in april for m in RATES} == {None}
    # The English outlet and the overview are what they are without the others.
    alone = figures_of(english())
    assert outlets["Gazette"] == alone["outlets"][0]
    gazette = [r for r in tables["outlet_techniques"] if r["outlet"] == "Gazette"]
    assert gazette == alone["outlet_techniques"]
    assert outlets["Gazette"]["spans_per_1000_words"] == round(2 * 1000 / 11, 2)
    for measure in RATES:
        assert tables["overview"][0][measure] == alone["overview"][0][measure]
        assert months["2024-03"][measure] == alone["months"][0][measure]
    # A corpus of nothing but such articles has no rate at all, and its page still draws.
    nothing = figures_of(polish())
    assert [nothing["overview"][0][m] for m in RATES] == [None, None]
    assert {r[m] for r in nothing["techniques"] for m in RATES} == {None}
    page = visible(render_dashboard(nothing, title="Corpus"))
    assert "of their text lies in" not in page
    assert "0.0%" not in page


def test_the_data_tables_write_a_missing_rate_as_an_empty_cell_and_null(tmp_path):
    results = write_jsonl(tmp_path / "r.jsonl", [english(), polish(), unread()])
    write_report(results, tmp_path / "d.html", data_dir=tmp_path / "csv", article_pages=False)
    outlets = {row["outlet"]: row for row in read_csv(tmp_path / "csv" / "outlets.csv")}
    assert outlets["Gazeta Krakowska"] == {
        "outlet": "Gazeta Krakowska",
        "articles": "1",
        "not_english": "1",
        "words": "0",
        "spans": "0",
        "share_of_text": "",
        "spans_per_1000_words": "",
        "failed": "0",
    }
    assert outlets["Wire"]["spans_per_1000_words"] == outlets["Wire"]["share_of_text"] == ""
    assert outlets["Gazette"]["spans_per_1000_words"] == str(round(2 * 1000 / 11, 2))
    assert outlets["Gazette"]["share_of_text"] == str(round(15 / len(ENGLISH), 4))
    for name in ("outlet_techniques", "month_techniques", "months"):
        rows = read_csv(tmp_path / "csv" / f"{name}.csv")
        missing = [
            r
            for r in rows
            if r.get("outlet") in ("Gazeta Krakowska", "Wire") or r.get("month") == "2024-04"
        ]
        assert missing, name
        assert {r[m] for r in missing for m in RATES} == {""}, name
        kept = [r for r in rows if r not in missing]
        assert all(r[m] != "" for r in kept for m in RATES), name
    write_report(
        results,
        tmp_path / "j.html",
        data_dir=tmp_path / "json",
        data_format="json",
        article_pages=False,
    )
    outlets_json = json.loads((tmp_path / "json" / "outlets.json").read_text(encoding="utf-8"))
    krakow = next(r for r in outlets_json if r["outlet"] == "Gazeta Krakowska")
    assert krakow["share_of_text"] is None and krakow["spans_per_1000_words"] is None
    text = (tmp_path / "json" / "outlet_techniques.json").read_text(encoding="utf-8")
    assert '"spans_per_1000_words": null' in text
    months_json = json.loads((tmp_path / "json" / "months.json").read_text(encoding="utf-8"))
    april = next(r for r in months_json if r["month"] == "2024-04")
    assert april["spans_per_1000_words"] is None and april["share_of_text"] is None
    # The page's own JSON twin says null too.
    page = (tmp_path / "j.html").read_text(encoding="utf-8")
    twin = re.search(r'id="dashboard-data">(.*?)</script>', page, re.S)
    assert twin is not None
    embedded = {r["outlet"]: r for r in json.loads(twin.group(1))["outlets"]}
    assert embedded["Gazeta Krakowska"]["spans_per_1000_words"] is None


def test_the_page_shows_a_dash_for_a_missing_rate_never_zero():
    tables = figures_of(english(), polish(), unread())
    page = visible(render_dashboard(tables, title="Corpus"))
    # Two heat tables (spans per 1,000 words, share of text) and each outlet over time,
    # one row each per outlet.
    for name in ("Gazeta Krakowska", "Wire"):
        rows = table_rows(page, name)
        assert len(rows) == 3, name
        for row in rows:
            assert "—" in row and 'title="no English words to measure"' in row
            assert "0.0" not in row, row
            assert "rgba(" not in row  # no tint for what was not measured
    # The English outlet keeps its figures.
    per_1000, share, _ = table_rows(page, "Gazette")
    assert f">{2 * 1000 / 11:.1f}<" in per_1000 and "—" not in per_1000
    assert f">{15 / len(ENGLISH):.1%}<" in share and "—" not in share
    # The months table: April, all Polish, has no rate.
    (april,) = table_rows(page, "2024-04")
    assert april.count("—") == 2 and "0.0" not in april
    (march,) = table_rows(page, "2024-03")
    assert "—" not in march


def test_charts_draw_no_zero_for_a_missing_rate():
    may = record("may", LATER, "Gazette", "2024-05-09", spans=(("SCANDAL", "Loaded_Language"),))
    tables = figures_of(english(), polish(), may)
    page = visible(render_dashboard(tables, title="Corpus"))
    chart = re.search(
        r'<svg class="chart"[^>]*aria-labelledby="outlets-chart-title".*?</svg>', page
    )
    assert chart is not None
    bars = re.findall(r"<g>.*?</g>", chart.group(0))
    (krakow,) = [bar for bar in bars if ">Gazeta Krakowska<" in bar]
    assert "<rect" not in krakow and "—" in krakow and "0.0" not in krakow
    (gazette,) = [bar for bar in bars if ">Gazette<" in bar]
    assert "<rect" in gazette
    # The line over time skips April: no point there, and the line breaks rather than
    # dropping to 0 (March and May are each a line of their own).
    line = re.search(r'<svg class="chart"[^>]*aria-labelledby="time-chart-title".*?</svg>', page)
    assert line is not None
    assert "2024-04:" not in line.group(0)
    assert "All techniques, 2024-03:" in line.group(0)
    assert "All techniques, 2024-05:" in line.group(0)
    assert "2024-04 has no English words to measure" in page
    for points in re.findall(r'<polyline points="([^"]*)"', line.group(0)):
        assert len(points.split()) == 1  # one month each side of the gap


def test_an_outlet_with_no_sentence_scored_has_no_checkworthy_share():
    text = ENGLISH
    sentence = {"start": 0, "end": len(text), "text": text, "checkworthiness": 0.9}
    tables = figures_of(
        {**english(), "claims": [sentence]},
        {**polish(), "claims": []},
    )
    shares = {row["outlet"]: row["checkworthy_share"] for row in tables["outlet_claims"]}
    assert shares == {"Gazette": 1.0, "Gazeta Krakowska": None}
    page = visible(render_dashboard(tables, title="Corpus"))
    claims = re.search(r'<section id="claims".*?</section>', page, re.S)
    assert claims is not None
    (row,) = table_rows(claims.group(0), "Gazeta Krakowska")
    assert 'title="no sentences scored">—</td>' in row and "0.0" not in row
    (row,) = table_rows(claims.group(0), "Gazette")
    assert ">100.0%<" in row
    # No sentence anywhere: the section's share is missing too.
    none = visible(render_dashboard(figures_of({**polish(), "claims": []}), title="Corpus"))
    assert "0 (—) are check-worthy" in none and "0 (0.0%)" not in none
