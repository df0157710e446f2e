"""The corpus report after an audit: one record per key, data tables with every article,
months in UTC, the models behind the figures, text that does not look English, vague
sources, CSV formula injection and rates with their denominators. Records are built by
hand (no model)."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

import pytest

from propscope.batch import AnalyzerSpec, run_batch
from propscope.batch.report import csv_safe, write_report, write_tables
from propscope.corpus import CorpusFigures, month_of
from propscope.language import not_english_note
from propscope.render.dashboard import render_dashboard

TECHNIQUES = {
    "name": "techniques-minilm",
    "version": "0.3.2",
    "threshold": 0.4,
    "min_score": 0.0,
    "scores": "calibrated",
}


def span(text: str, word: str, technique: str = "Loaded_Language") -> dict[str, Any]:
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
    *,
    outlet: str = "Gazette",
    published: str | None = "2024-03-02",
    words: tuple[str, ...] = (),
    title: str | None = None,
    model: dict[str, Any] | None = None,
    notes: list[str] | None = None,
    attributions: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "key": key,
        "status": "ok",
        "schema": 1,
        "document": {
            "id": key,
            "title": title,
            "text": text,
            "source": outlet,
            "url": None,
            "published": published,
        },
        "techniques": [span(text, word) for word in words],
        "summary": {},
        "model": model or {"name": "propscope", "components": {"techniques": TECHNIQUES}},
    }
    if notes:
        out["notes"] = notes
    if attributions is not None:
        out["attributions"] = attributions
    return out


def failure(key: str, stage: str = "poison") -> dict[str, Any]:
    return {
        "key": key,
        "status": "error",
        "error": {"stage": stage, "message": f"cannot digest {key}"},
        "origin": None,
        "document": None,
    }


def figures_of(*records: dict[str, Any], **options: Any) -> dict[str, list[dict[str, Any]]]:
    figures = CorpusFigures(**options)
    for item in records:
        figures.add(item)
    return figures.tables()


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def visible(page: str) -> str:
    """The page without its JSON twin."""
    return page.split('<script type="application/json"')[0]


ONE = "They are LIARS, plain and simple, the mayor said."  # 9 words
TWO = "A calm report with one SCANDAL word in it."  # 9 words


# --- 1. one record per key -------------------------------------------------------------


def test_a_merged_output_counts_each_key_once_the_last_record_winning(tmp_path):
    first = [record("a", ONE, words=("LIARS",)), record("b", TWO), failure("x")]
    # A later run: "a" again, from another outlet; "b" and the component error repeated.
    later = [record("a", ONE, outlet="Tribune", words=("LIARS",)), *first[1:]]
    results = write_jsonl(tmp_path / "twice.jsonl", first + later)
    out = tmp_path / "dash.html"
    written = write_report(results, out, data_dir=tmp_path / "data")
    assert (written.articles, written.failed, written.set_aside) == (2, 1, 3)
    outlets = read_csv(tmp_path / "data" / "outlets.csv")
    assert [(o["outlet"], o["articles"]) for o in outlets] == [("Gazette", "1"), ("Tribune", "1")]
    assert [a["key"] for a in read_csv(tmp_path / "data" / "articles.csv")] == ["a", "b"]
    assert len(read_csv(tmp_path / "data" / "failures.csv")) == 1
    overview = read_csv(tmp_path / "data" / "overview.csv")[0]
    assert (overview["articles"], overview["set_aside_records"]) == ("2", "3")
    page = visible(out.read_text(encoding="utf-8"))
    assert "3 records repeat a key met later in the output" in page
    assert "only the last record of each key counts" in page


def test_records_without_a_key_are_all_kept(tmp_path):
    plain = record("a", ONE)
    plain["key"] = None
    results = write_jsonl(tmp_path / "r.jsonl", [plain, plain])
    written = write_report(results, tmp_path / "dash.html", article_pages=False)
    assert (written.articles, written.set_aside) == (2, 0)
    assert "repeat a key" not in (tmp_path / "dash.html").read_text(encoding="utf-8")


# --- 2. the data tables cover every article --------------------------------------------


@pytest.mark.parametrize("data_format", ["csv", "json"])
def test_max_articles_caps_the_page_not_the_data_tables(tmp_path, data_format):
    records = [record(f"k{i}", ONE) for i in range(5)] + [failure("x"), failure("y")]
    out = tmp_path / "dash.html"
    write_report(
        write_jsonl(tmp_path / "r.jsonl", records),
        out,
        data_dir=tmp_path / "data",
        data_format=data_format,
        max_articles=2,
    )
    if data_format == "csv":
        rows = read_csv(tmp_path / "data" / "articles.csv")
    else:
        raw = (tmp_path / "data" / "articles.json").read_text(encoding="utf-8")
        rows = json.loads(raw)
        # Streamed row by row, written as `write_tables` writes a whole table.
        assert raw == json.dumps(rows, ensure_ascii=False, indent=1)
    assert [r["key"] for r in rows] == [f"k{i}" for i in range(5)]
    assert all(r["report"] for r in rows)  # each article has a page, and the row says which
    page = visible(out.read_text(encoding="utf-8"))
    assert "The first 2 of 5 articles are listed here" in page
    assert "has a row for each of them" in page and "each has its own page" in page
    listed = re.search(r'<section id="articles".*?</section>', page, re.S)
    assert listed and listed.group(0).count("<tr><td") == 2


def test_every_failure_reaches_the_data_table_through_on_row():
    rows: list[tuple[str, dict[str, Any]]] = []
    figures = CorpusFigures(max_articles=1, max_failures=1, on_row=lambda *r: rows.append(r))
    for item in (record("a", ONE), record("b", TWO), failure("x"), failure("y")):
        figures.add(item)
    tables = figures.tables()
    assert (len(tables["articles"]), len(tables["failures"])) == (1, 1)
    assert [(name, row["key"]) for name, row in rows] == [
        ("articles", "a"),
        ("articles", "b"),
        ("failures", "x"),
        ("failures", "y"),
    ]
    page = visible(render_dashboard(tables, title="Corpus"))
    assert "the first 1 of 2; the data table <code>failures</code>" in page


def test_without_pages_the_page_does_not_promise_them(tmp_path):
    out = tmp_path / "dash.html"
    records = [record(f"k{i}", ONE) for i in range(3)]
    write_report(
        write_jsonl(tmp_path / "r.jsonl", records), out, article_pages=False, max_articles=1
    )
    page = visible(out.read_text(encoding="utf-8"))
    note = re.search(r'<section id="articles".*?</p>', page, re.S)
    assert note and "The first 1 of 3 articles" in note.group(0)
    assert "page" not in note.group(0)


# --- 3. months -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("published", "month"),
    [
        # Aware times are taken to UTC first: the later instant is never the earlier month.
        ("2024-03-31T23:30:00-05:00", "2024-04"),
        ("2024-04-01T01:00:00+02:00", "2024-03"),
        ("Sun, 31 Mar 2024 23:30:00 -0500", "2024-04"),
        ("March 31, 2024 11:30 PM EST", "2024-04"),
        ("2024-03-31T23:30:00", "2024-03"),  # no zone: as written
        ("20240305", "2024-03"),
        ("20240305T103000Z", "2024-03"),
        ("Tue, 05 Mar 2024", "2024-03"),
        ("05 Mar 2024", "2024-03"),
        ("March 5, 2024", "2024-03"),
        ("Mar. 5th, 2024", "2024-03"),
        ("5 March 2024", "2024-03"),
        ("Tuesday, 5 March 2024", "2024-03"),
        ("2024-03", "2024-03"),
        ("Fri, 15 Mar 2024 10:00:00 GMT", "2024-03"),
        ("2024-03garbage", None),
        ("Fri, 15 Mar 2024 10:00:00 +0200 junk", None),
        ("0000-01-01", None),
        ("0000-03", None),
        ("05/03/2024", None),  # 5 March or May 3: not read
        ("2024-03-05x10:00", None),
        ("February 30, 2024", None),
        ("5 Mar 24", None),
        ("Mar 2024", None),
        ("202403", None),
    ],
)
def test_month_of_reads_common_unambiguous_forms_in_utc(published, month):
    assert month_of(published) == month


def test_the_articles_table_has_the_month_and_the_page_says_utc():
    tables = figures_of(
        record("a", ONE, published="2024-03-31T23:30:00-05:00"),
        record("b", TWO, published="05/03/2024"),
    )
    assert [(a["key"], a["month"]) for a in tables["articles"]] == [("a", "2024-04"), ("b", None)]
    assert tables["overview"][0]["undated"] == 1
    page = visible(render_dashboard(tables, title="Corpus"))
    assert "months in UTC" in page and "month (UTC)" in page
    assert "1 article without a readable <code>published</code> date is left out" in page


# --- 4. models -------------------------------------------------------------------------


def test_the_models_behind_the_figures_are_listed():
    tables = figures_of(record("a", ONE), record("b", TWO))
    assert tables["models"] == [
        {
            "setup": 1,
            "records": 2,
            "component": "techniques",
            "model": "techniques-minilm",
            "version": "0.3.2",
            "settings": "min_score=0.0; scores=calibrated; threshold=0.4",
        }
    ]
    assert tables["overview"][0]["model_setups"] == 1
    page = visible(render_dashboard(tables, title="Corpus"))
    assert '<a href="#models">Models</a>' in page
    assert "techniques-minilm</td><td>0.3.2</td>" in page
    assert "threshold=0.4" in page and "Mixed output" not in page


def test_a_mixed_output_is_flagged():
    other = {"name": "propscope", "components": {"techniques": {**TECHNIQUES, "threshold": 0.5}}}
    stance = {"name": "headline-rules", "version": "1", "stance_model": {"name": "nli"}}
    third = {"name": "propscope", "components": {"techniques": TECHNIQUES, "headline": stance}}
    tables = figures_of(
        record("a", ONE),
        record("b", TWO, model=other),
        record("c", TWO),
        record("d", TWO, model=third),
    )
    rows = tables["models"]
    assert [(r["setup"], r["records"], r["component"]) for r in rows] == [
        (1, 2, "techniques"),
        (2, 1, "techniques"),
        (3, 1, "techniques"),
        (3, 1, "headline"),
    ]
    assert rows[1]["settings"] == "min_score=0.0; scores=calibrated; threshold=0.5"
    assert rows[3]["settings"] == "stance_model.name=nli"
    assert tables["overview"][0]["model_setups"] == 3
    page = visible(render_dashboard(tables, title="Corpus"))
    assert "Mixed output:" in page and "3 different model setups" in page
    assert "They differ in: techniques, headline." in page


# --- 5. text that does not look English ------------------------------------------------

FOREIGN = "Le maire a dit que les chiffres sont faux et que la ville va bien."
NOTE = not_english_note(
    "Techniques were read, but may be missed", 0.05, "the model learned from English news"
)


def test_text_that_does_not_look_english_is_counted_but_not_rated():
    english = record("a", ONE, words=("LIARS",))
    tables = figures_of(english, record("f", FOREIGN, notes=[NOTE]))
    alone = figures_of(english)
    outlet = tables["outlets"][0]
    assert (outlet["articles"], outlet["not_english"]) == (2, 1)
    for measure in ("words", "spans", "spans_per_1000_words", "share_of_text"):
        assert outlet[measure] == alone["outlets"][0][measure]
    overview = tables["overview"][0]
    assert (overview["articles"], overview["not_english"]) == (2, 1)
    assert tables["months"][0]["not_english"] == 1
    assert [a["not_english"] for a in tables["articles"]] == [False, True]
    page = visible(render_dashboard(tables, title="Corpus"))
    assert "1 article does not look like English" in page
    assert "left out of words, spans and every rate and share" in page
    assert '<th scope="col" class="num">not English</th>' in page
    assert '<span class="badge">not English</span>' in page


def test_an_analysis_without_the_techniques_layer_lowers_no_rate():
    english = record("a", ONE, words=("LIARS",))
    unread = record("u", ONE.replace("LIARS", "people"), published="2024-03-09")
    del unread["techniques"]
    tables = figures_of(english, unread)
    alone = figures_of(english)
    for table in ("outlets", "months", "overview"):
        row, before = tables[table][0], alone[table][0]
        assert row["articles"] == 2
        for measure in ("words", "spans", "spans_per_1000_words", "share_of_text"):
            assert row[measure] == before[measure], (table, measure)
    assert tables["outlet_techniques"] == alone["outlet_techniques"]
    page = visible(render_dashboard(tables, title="Corpus"))
    assert "1 analysis has no techniques layer: they count as articles, and are left" in page


def test_spans_of_text_that_does_not_look_english_are_not_frequent_spans():
    foreign = record("f", FOREIGN, words=("maire",), notes=[NOTE])
    assert figures_of(foreign)["top_spans"] == []


# --- 6. sources ------------------------------------------------------------------------


def said(text: str, source: str | None, cue: str, kind: str) -> dict[str, Any]:
    def part(word: str) -> dict[str, Any]:
        start = text.index(word)
        return {"start": start, "end": start + len(word), "text": word}

    return {
        "source": None if source is None else {**part(source), "kind": kind},
        "cue": part(cue),
        "content": part("LIARS"),
        "source_kind": kind,
    }


def test_vague_and_unnamed_sources_are_not_ranked():
    text = "They are LIARS, critics said, and the mayor said so, it was said."
    statements = [
        said(text, "critics", "said", "vague"),
        said(text, "the mayor", "said", "person"),
        said(text, None, "was said", "vague"),
    ]
    tables = figures_of(
        record("a", text, attributions=statements), record("b", text, attributions=statements)
    )
    assert [(s["source"], s["statements"], s["articles"]) for s in tables["sources"]] == [
        ("the mayor", 2, 2)
    ]
    overview = tables["overview"][0]
    assert (overview["vague_source_statements"], overview["vague_source_articles"]) == (4, 2)
    page = visible(render_dashboard(tables, title="Corpus"))
    assert "No source named" not in page and "critics</td>" not in page
    assert "4 statements in 2 articles are attributed to a vague or unnamed source" in page


def test_only_vague_sources_say_so():
    text = "They are LIARS, critics said."
    tables = figures_of(record("a", text, attributions=[said(text, "critics", "said", "vague")]))
    assert tables["sources"] == []
    page = visible(render_dashboard(tables, title="Corpus"))
    assert "No statement is attributed to a named source." in page


# --- 7. CSV formula injection ----------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ("=1+2", "'=1+2"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Gazette", "Gazette"),
        (-1, -1),
        (0.5, 0.5),
        (None, None),
    ],
)
def test_csv_safe(value, safe):
    assert csv_safe(value) == safe


def test_formulas_are_defused_in_csv_and_kept_in_json(tmp_path):
    hostile = record("a", ONE, outlet='=HYPERLINK("http://x","y")', title="=1+2")
    results = write_jsonl(tmp_path / "r.jsonl", [hostile])
    write_report(results, tmp_path / "d1.html", data_dir=tmp_path / "csv", article_pages=False)
    row = read_csv(tmp_path / "csv" / "articles.csv")[0]
    assert (row["title"], row["outlet"]) == ("'=1+2", '\'=HYPERLINK("http://x","y")')
    assert read_csv(tmp_path / "csv" / "outlets.csv")[0]["outlet"].startswith("'=")
    write_report(
        results,
        tmp_path / "d2.html",
        data_dir=tmp_path / "json",
        data_format="json",
        article_pages=False,
    )
    rows = json.loads((tmp_path / "json" / "articles.json").read_text(encoding="utf-8"))
    assert rows[0]["title"] == "=1+2"


def test_write_tables_defuses_every_table(tmp_path):
    tables = {"t": [{"text": "-cmd", "count": -3}]}
    (path,) = write_tables(tables, tmp_path)
    assert read_csv(path) == [{"text": "'-cmd", "count": "-3"}]


def test_keys_and_ids_are_written_as_they_are_so_the_tables_join_the_results(tmp_path):
    """The guard made "-42" "'-42" in articles.csv, while the JSONL says "-42": a join on
    `key` in pandas dropped the row without a word (audit, session 27)."""
    results = write_jsonl(
        tmp_path / "r.jsonl", [record("-42", ONE, title="-5% for the budget"), record("@home", ONE)]
    )
    write_report(results, tmp_path / "d.html", data_dir=tmp_path / "csv", article_pages=False)
    rows = read_csv(tmp_path / "csv" / "articles.csv")
    # A plain number joins as it is; "@home" could start a formula (the review of the
    # change): guarded like text.
    assert [(r["key"], r["id"]) for r in rows] == [("-42", "-42"), ("'@home", "'@home")]
    assert rows[0]["title"] == "'-5% for the budget"  # text still defused
    tables = {"t": [{"key": "-2+3+cmd|' /C calc'!A0", "id": "=cmd()"}]}
    (path,) = write_tables(tables, tmp_path / "t")
    assert read_csv(path) == [{"key": "'-2+3+cmd|' /C calc'!A0", "id": "'=cmd()"}]


# --- 8. denominators and navigation ----------------------------------------------------


def test_month_and_outlet_tables_show_their_words():
    tables = figures_of(record("a", ONE, words=("LIARS",)), record("b", TWO, outlet="Herald"))
    page = visible(render_dashboard(tables, title="Corpus"))
    time = re.search(r'<section id="time".*?</section>', page, re.S)
    assert time and '<th scope="col" class="num">words</th>' in time.group(0)
    # 2024-03: 2 articles, 18 words, 1 span.
    assert '<td class="num">2</td><td class="num">18</td><td class="num">1</td>' in time.group(0)
    outlets = re.search(r'<section id="outlets".*?</section>', page, re.S)
    assert outlets and '<th scope="col" class="num">words</th>' in outlets.group(0)
    assert "pooled" in time.group(0) and "pooled" in outlets.group(0)
    assert "not an average of its articles&#x27; rates" in page


def test_the_nav_links_failures_only_where_there_are_some():
    with_failure = render_dashboard(figures_of(record("a", ONE), failure("x")), title="C")
    assert '<a href="#failures">Failures</a>' in with_failure
    assert '<section id="failures"' in with_failure
    without = render_dashboard(figures_of(record("a", ONE)), title="C")
    assert "#failures" not in without


def test_article_pages_link_back_to_the_dashboard(tmp_path):
    results = write_jsonl(tmp_path / "r.jsonl", [record("a", ONE, words=("LIARS",))])
    out = tmp_path / "site" / "my dash.html"
    written = write_report(results, out)
    assert written.pages_dir is not None
    (page,) = written.pages_dir.iterdir()
    html = page.read_text(encoding="utf-8")
    assert '<a href="../my%20dash.html">← Back to the corpus dashboard</a>' in html
    assert (page.parent / "../my dash.html").resolve() == out.resolve()


# --- the store and JSONL give the same report ------------------------------------------


def test_the_report_of_the_store_is_the_report_of_the_jsonl(tmp_path):
    corpus = tmp_path / "news.jsonl"
    corpus.write_text(
        "".join(
            json.dumps(
                {
                    "id": f"n{i}",
                    "title": f"=Item {i}",
                    "text": f"Item {i} is a SCANDAL.",
                    "source": f"O{i % 2}",
                    "published": f"2023-1{i % 3}-01T23:30:00-05:00",
                }
            )
            + "\n"
            for i in range(6)
        )
        + '{"id": "p", "text": "POISON"}\n',
        encoding="utf-8",
    )
    spec = AnalyzerSpec(factory="batch_fakes:shouter")
    run_batch([corpus], output=tmp_path / "r.jsonl", store=tmp_path / "r.db", analyzer=spec)
    sites = []
    for name in ("r.jsonl", "r.db"):
        site = tmp_path / name.replace(".", "-")
        write_report(tmp_path / name, site / "dash.html", data_dir=site / "data", max_articles=3)
        sites.append(site)
    jsonl, store = sites
    files = sorted(p.relative_to(jsonl) for p in jsonl.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(store) for p in store.rglob("*") if p.is_file())
    for path in files:
        assert (jsonl / path).read_bytes() == (store / path).read_bytes(), path


def test_model_blocks_are_escaped():
    hostile = {"name": "<b>m</b>", "version": "<i>1</i>", "note": "</script><script>x()"}
    model = {"name": "propscope", "components": {"<script>c</script>": hostile}}
    tables = figures_of(record("a", ONE), record("b", TWO, model=model))
    page = render_dashboard(tables, title="Corpus")
    assert "<script>c" not in page and "<b>m" not in page and "<i>1" not in page
    assert "</script><script>x()" not in page
    assert "They differ in: techniques, &lt;script&gt;c&lt;/script&gt;." in page
    assert re.findall(r"<script([^>]*)>", page) == [' type="application/json" id="dashboard-data"']


def test_the_outlet_and_the_date_can_come_from_the_inputs_own_columns(tmp_path):
    """A `date` or `publisher` column is kept as metadata; the report counted every
    article undated and of no outlet (audit, session 27)."""
    first = record("a", ONE, outlet=None, published=None)
    first["document"]["metadata"] = {"publisher": "Daily Post", "date": "2024-05-01"}
    second = record("b", ONE, published=None)
    second["document"]["metadata"] = {"publisher": "Gazette", "date": "June 3, 2024"}
    results = write_jsonl(tmp_path / "r.jsonl", [first, second])
    write_report(results, tmp_path / "plain.html", data_dir=tmp_path / "plain", article_pages=False)
    plain = read_csv(tmp_path / "plain" / "articles.csv")
    assert [(r["outlet"], r["month"]) for r in plain] == [("(unknown)", ""), ("Gazette", "")]
    write_report(
        results,
        tmp_path / "d.html",
        data_dir=tmp_path / "csv",
        article_pages=False,
        outlet_field="publisher",
        date_field="date",
    )
    rows = read_csv(tmp_path / "csv" / "articles.csv")
    assert [(r["outlet"], r["published"], r["month"]) for r in rows] == [
        ("Daily Post", "2024-05-01", "2024-05"),
        ("Gazette", "June 3, 2024", "2024-06"),
    ]
    assert [r["month"] for r in read_csv(tmp_path / "csv" / "months.csv")] == ["2024-05", "2024-06"]
    # A document's own field by its name works too (the review of session 27).
    write_report(
        results, tmp_path / "s.html", data_dir=tmp_path / "s", article_pages=False,
        outlet_field="source", date_field="published",
    )  # fmt: skip
    rows = read_csv(tmp_path / "s" / "articles.csv")
    assert [(r["outlet"], r["month"]) for r in rows] == [("(unknown)", ""), ("Gazette", "")]
