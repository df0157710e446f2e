"""The claims layer in corpus figures, the dashboard and the data tables, from hand-built
records (no model)."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

from propscope.batch.report import article_page_name, write_report
from propscope.corpus import CorpusFigures
from propscope.render.dashboard import render_dashboard

A = (
    "Unemployment rose to 9 percent in May, the ministry said. What a shame. "
    "The mayor spent 2 million on a fountain."
)
B = "Is this fair? Prices doubled in a year, critics say. I love this town."
C = "Crime fell 12 percent. Police arrested <script>alert(1)</script> 40 people."


def at(text: str, passage: str) -> dict[str, Any]:
    start = text.index(passage)
    return {"start": start, "end": start + len(passage), "text": passage}


def claim(text: str, sentence: str, score: float, attribution: int | None = None) -> dict:
    return {**at(text, sentence), "checkworthiness": score, "attribution": attribution}


def said(text: str, source: str | None, cue: str | None, content: str, kind: str) -> dict:
    return {
        "source": None if source is None else {**at(text, source), "kind": kind},
        "cue": None if cue is None else at(text, cue),
        "content": at(text, content),
        "source_kind": kind,
    }


def record(key: str, text: str, outlet: str, claims=None, attributions=None) -> dict:
    out: dict[str, Any] = {
        "key": key,
        "status": "ok",
        "document": {"id": key, "title": f"Title {key}", "text": text, "source": outlet},
        "techniques": [],
        "summary": {},
    }
    if attributions is not None:
        out["attributions"] = attributions
    if claims is not None:
        out["claims"] = claims
    return out


def article_a() -> dict:
    return record(
        "a",
        A,
        "Gazette",
        claims=[
            claim(A, "Unemployment rose to 9 percent in May, the ministry said.", 0.92, 0),
            claim(A, "What a shame.", 0.05),
            claim(A, "The mayor spent 2 million on a fountain.", 0.81, 1),
        ],
        attributions=[
            said(A, "the ministry", "said", "Unemployment rose to 9 percent", "organisation"),
            said(A, None, None, "The mayor spent 2 million on a fountain", "unattributed"),
        ],
    )


def article_b() -> dict:
    return record(
        "b",
        B,
        "Herald",
        claims=[
            claim(B, "Is this fair?", 0.1),
            claim(B, "Prices doubled in a year, critics say.", 0.6, 0),
            claim(B, "I love this town.", 0.02),
        ],
        attributions=[said(B, "critics", "say", "Prices doubled in a year", "vague")],
    )


def article_c() -> dict:
    return record(
        "c",
        C,
        "Gazette",
        claims=[
            claim(C, "Crime fell 12 percent.", 0.5),
            claim(C, "Police arrested <script>alert(1)</script> 40 people.", 0.7),
        ],
    )


def figures_of(*records: dict, **options: int) -> dict[str, list[dict[str, Any]]]:
    figures = CorpusFigures(**options)
    for item in records:
        figures.add(item, page=f"pages/{item['key']}.html")
    return figures.tables()


def test_outlet_counts_and_shares():
    rows = figures_of(article_a(), article_b(), article_c())["outlet_claims"]
    assert rows == [
        # 0.5 is at the threshold: check-worthy.
        {
            "outlet": "Gazette",
            "articles_with_claims": 2,
            "sentences": 5,
            "checkworthy": 4,
            "checkworthy_share": 0.8,
        },
        {
            "outlet": "Herald",
            "articles_with_claims": 1,
            "sentences": 3,
            "checkworthy": 1,
            "checkworthy_share": 0.3333,
        },
    ]


def test_top_claims_are_ranked_with_source_outlet_and_page():
    rows = figures_of(article_a(), article_b(), article_c(), top_claims=4)["top_claims"]
    assert [(r["rank"], r["checkworthiness"], r["key"]) for r in rows] == [
        (1, 0.92, "a"),
        (2, 0.81, "a"),
        (3, 0.7, "c"),
        (4, 0.6, "b"),
    ]
    assert rows[0] == {
        "rank": 1,
        "checkworthiness": 0.92,
        "text": "Unemployment rose to 9 percent in May, the ministry said.",
        "source": "the ministry",
        "source_kind": "organisation",
        "outlet": "Gazette",
        "key": "a",
        "title": "Title a",
        "report": "pages/a.html",
    }
    # No source span: the kind alone; no statement linked: neither.
    assert (rows[1]["source"], rows[1]["source_kind"]) == (None, "unattributed")
    assert (rows[2]["source"], rows[2]["source_kind"]) == (None, None)
    assert (rows[3]["source"], rows[3]["source_kind"], rows[3]["outlet"]) == (
        "critics",
        "vague",
        "Herald",
    )


def test_equal_scores_keep_the_claim_met_first():
    text = "One. Two. Three."
    same = [claim(text, word, 0.7) for word in ("One.", "Two.", "Three.")]
    rows = figures_of(record("t", text, "Gazette", claims=same), top_claims=2)["top_claims"]
    assert [r["text"] for r in rows] == ["One.", "Two."]


def test_the_heap_keeps_only_n_and_finds_the_true_top_n():
    text = " ".join(f"Claim {i}." for i in range(50))
    # Scores in a shuffled order, so the best are met early, late and in between.
    scores = [((i * 37) % 50) / 50 for i in range(50)]
    claims = [claim(text, f"Claim {i}.", score) for i, score in enumerate(scores)]
    figures = CorpusFigures(top_claims=5)
    for n in range(5):  # five articles of ten claims each
        figures.add(record(f"k{n}", text, "Gazette", claims=claims[10 * n : 10 * n + 10]))
        assert len(figures._top_claims) <= 5
    rows = figures.tables()["top_claims"]
    expected = sorted(scores, reverse=True)[:5]
    assert [r["checkworthiness"] for r in rows] == expected
    assert [r["text"] for r in rows] == [f"Claim {scores.index(s)}." for s in expected]
    assert figures.tables()["outlet_claims"][0]["sentences"] == 50


def test_a_long_sentence_is_shortened():
    text = "word " * 400 + "end."
    rows = figures_of(record("l", text, "Gazette", claims=[claim(text, text, 0.9)]))
    kept = rows["top_claims"][0]["text"]
    assert len(kept) == 1_000 and kept.endswith("…")
    page = render_dashboard(rows, title="Corpus")
    assert "word word" in page and "end." not in page.split('id="dashboard-data"')[0]


def section(page: str) -> str:
    found = re.search(r'<section id="claims".*?</section>', page, re.S)
    assert found
    return found.group(0)


def test_the_section_shows_outlets_and_top_claims():
    page = render_dashboard(figures_of(article_a(), article_b(), article_c()), title="Corpus")
    assert '<a href="#claims">Claims</a>' in page
    html = section(page)
    assert "8 sentences scored in 3 articles; 5 (62.5%) are check-worthy" in html
    outlets = re.findall(
        r'<tr><th scope="row">([^<]+)</th><td class="num">(\d+)</td>'
        r'<td class="num">(\d+)</td><td class="num">(\d+)</td><td class="num"[^>]*>([^<]+)</td>',
        html,
    )
    assert outlets == [("Gazette", "2", "5", "4", "80.0%"), ("Herald", "1", "3", "1", "33.3%")]
    ranks = re.findall(r'<tr><td class="num">(\d+)</td><td class="num">(\d+%)</td>', html)
    assert ranks[:4] == [("1", "92%"), ("2", "81%"), ("3", "70%"), ("4", "60%")]
    assert 'the ministry <span class="count">(organisation)</span>' in html
    assert '<span class="note">unattributed</span>' in html
    assert '<span class="note">none</span>' in html
    assert '<a href="pages/a.html">Title a</a>' in html


def test_claim_text_is_escaped():
    tables = figures_of(article_c())
    page = render_dashboard(tables, title="Corpus")
    assert "<script>alert" not in page
    assert "Police arrested &lt;script&gt;alert(1)&lt;/script&gt; 40 people." in section(page)
    assert re.findall(r"<script([^>]*)>", page) == [' type="application/json" id="dashboard-data"']
    twin = re.search(r'id="dashboard-data">(.*?)</script>', page, re.S)
    assert twin and json.loads(twin.group(1))["top_claims"] == tables["top_claims"]


def test_results_without_claims_say_so():
    tables = figures_of(record("n", A, "Gazette"))
    assert (tables["outlet_claims"], tables["top_claims"]) == ([], [])
    page = render_dashboard(tables, title="Corpus")
    html = section(page)
    assert "No claims: the claims layer was not computed." in html
    assert "<table" not in html
    # Tables made before the claims existed render too.
    del tables["outlet_claims"], tables["top_claims"]
    assert "No claims:" in render_dashboard(tables, title="Corpus")


def test_a_layer_with_no_sentences_is_counted_but_lists_none():
    tables = figures_of(record("e", "", "Gazette", claims=[]))
    assert tables["outlet_claims"][0]["sentences"] == 0
    html = section(render_dashboard(tables, title="Corpus"))
    assert "No sentence was scored." in html and "No claims:" not in html


def write_results(tmp_path: Path) -> Path:
    path = tmp_path / "results.jsonl"
    path.write_text(
        "".join(json.dumps(r) + "\n" for r in (article_a(), article_b(), article_c())),
        encoding="utf-8",
    )
    return path


def test_csv_tables(tmp_path):
    written = write_report(write_results(tmp_path), tmp_path / "dash.html", data_dir=tmp_path / "d")
    assert {tmp_path / "d" / "outlet_claims.csv", tmp_path / "d" / "top_claims.csv"} <= set(
        written.tables
    )
    with open(tmp_path / "d" / "outlet_claims.csv", newline="", encoding="utf-8") as handle:
        outlets = list(csv.DictReader(handle))
    assert outlets == [
        {
            "outlet": "Gazette",
            "articles_with_claims": "2",
            "sentences": "5",
            "checkworthy": "4",
            "checkworthy_share": "0.8",
        },
        {
            "outlet": "Herald",
            "articles_with_claims": "1",
            "sentences": "3",
            "checkworthy": "1",
            "checkworthy_share": "0.3333",
        },
    ]
    with open(tmp_path / "d" / "top_claims.csv", newline="", encoding="utf-8") as handle:
        top = list(csv.DictReader(handle))
    assert len(top) == 8
    assert top[0] == {
        "rank": "1",
        "checkworthiness": "0.92",
        "text": "Unemployment rose to 9 percent in May, the ministry said.",
        "source": "the ministry",
        "source_kind": "organisation",
        "outlet": "Gazette",
        "key": "a",
        "title": "Title a",
        "report": f"dash-articles/{article_page_name('a')}",
    }
    assert (top[2]["source"], top[2]["source_kind"]) == ("", "")
    # The link in the page is the article page that was written.
    page = (tmp_path / "dash.html").read_text(encoding="utf-8")
    assert f'<a href="dash-articles/{article_page_name("a")}">Title a</a>' in section(page)
    assert (tmp_path / f"dash-articles/{article_page_name('a')}").is_file()


def test_json_tables(tmp_path):
    write_report(
        write_results(tmp_path),
        tmp_path / "dash.html",
        data_dir=tmp_path / "d",
        data_format="json",
        article_pages=False,
    )
    outlets = json.loads((tmp_path / "d" / "outlet_claims.json").read_text(encoding="utf-8"))
    assert [(r["outlet"], r["checkworthy_share"]) for r in outlets] == [
        ("Gazette", 0.8),
        ("Herald", 0.3333),
    ]
    top = json.loads((tmp_path / "d" / "top_claims.json").read_text(encoding="utf-8"))
    assert [r["rank"] for r in top] == list(range(1, 9))
    assert top[1]["source"] is None and top[1]["source_kind"] == "unattributed"
    assert top[0]["report"] is None  # no article pages were written


def test_report_command_lists_as_many_top_claims_as_asked(tmp_path):
    from typer.testing import CliRunner

    from propscope.cli import app

    result = CliRunner().invoke(
        app,
        [
            "report",
            str(write_results(tmp_path)),
            "--output",
            str(tmp_path / "dash.html"),
            "--data-dir",
            str(tmp_path / "d"),
            "--format",
            "json",
            "--top-claims",
            "3",
        ],
    )
    assert result.exit_code == 0, result.output
    top = json.loads((tmp_path / "d" / "top_claims.json").read_text(encoding="utf-8"))
    assert [r["rank"] for r in top] == [1, 2, 3]
    assert top[0]["text"] == "Unemployment rose to 9 percent in May, the ministry said."
    page = section((tmp_path / "dash.html").read_text(encoding="utf-8"))
    assert page.count('<tr><td class="num">') == 3


def test_a_top_claim_said_by_a_resolved_pronoun_names_whom_it_stands_for():
    text = "Mike Mills spoke on Monday. Prices doubled in a year, he said."
    he = said(text, "he", "said", "Prices doubled in a year", "pronoun")
    he["refers_to"] = {**at(text, "Mike Mills"), "kind": "person"}
    claims = [claim(text, "Prices doubled in a year, he said.", 0.9, 0)]
    tables = figures_of(record("p", text, "Gazette", claims, [he]), top_claims=1)
    rows = tables["top_claims"]
    assert (rows[0]["source"], rows[0]["source_kind"]) == ("he (Mike Mills)", "person")
    # The sources ranking counts the statement for the name; an unresolved "he" is no one.
    assert [(r["source"], r["kind"], r["statements"]) for r in tables["sources"]] == [
        ("Mike Mills", "person", 1)
    ]
    unresolved = said(text, "he", "said", "Prices doubled in a year", "pronoun")
    alone = figures_of(record("q", text, "Gazette", claims, [unresolved]), top_claims=1)
    assert alone["top_claims"][0]["source"] == "he"
    assert alone["sources"] == []
