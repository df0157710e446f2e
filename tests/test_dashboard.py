"""Corpus figures and the dashboard: numbers, escaping, article pages, data tables."""

from __future__ import annotations

import csv
import json
import os
import re
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from propscope.batch import AnalyzerSpec, BatchOutputError, run_batch
from propscope.batch.report import article_page_name, write_report
from propscope.cli import app
from propscope.corpus import CorpusFigures, month_of, source_key
from propscope.render.dashboard import render_dashboard


def span(text: str, word: str, technique: str, nth: int = 0) -> dict:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return {
        "start": start,
        "end": start + len(word),
        "text": word,
        "technique": technique,
        "score": 0.9,
    }


def said(text: str, source: str, cue: str, content: str, kind: str = "organisation") -> dict:
    def part(word: str) -> dict:
        start = text.index(word)
        return {"start": start, "end": start + len(word), "text": word}

    return {
        "source": {**part(source), "kind": kind},
        "cue": part(cue),
        "content": part(content),
        "source_kind": kind,
    }


def record(
    key: str,
    text: str,
    *,
    source=None,
    published=None,
    techniques=(),
    attributions=None,
    metadata=None,
) -> dict:
    document = {
        "id": key,
        "title": None,
        "text": text,
        "source": source,
        "url": None,
        "published": published,
    }
    if metadata:
        document["metadata"] = metadata
    out = {
        "key": key,
        "status": "ok",
        "schema": 1,
        "document": document,
        "techniques": list(techniques),
        "summary": {},
    }
    if attributions is not None:
        out["attributions"] = attributions
    return out


A = "They are LIARS and loud liars, the Council said."  # 9 words
B = "A calm report with one Liars word."
C = "Undated piece: council's vote was a DISASTER."


def sample_records() -> list[dict]:
    return [
        record(
            "a",
            A,
            source="Gazette",
            published="2024-03-02",
            techniques=[
                span(A, "LIARS", "Name_Calling,Labeling"),
                span(A, "liars", "Name_Calling,Labeling"),
                span(A, "loud liars", "Loaded_Language"),
            ],
            attributions=[said(A, "the Council", "said", "They are LIARS")],
        ),
        record(
            "b",
            B,
            source="Herald",
            published="Fri, 15 Mar 2024 10:00:00 GMT",
            techniques=[span(B, "Liars", "Name_Calling,Labeling")],
        ),
        record(
            "c",
            C,
            metadata={"outlet": "Gazette"},
            techniques=[span(C, "DISASTER", "Exaggeration,Minimisation")],
            attributions=[said(C, "council's", "was", "a DISASTER")],
        ),
        {
            "key": "x",
            "status": "error",
            "error": {"stage": "read", "message": "bad <row>"},
            "origin": "f.csv:3",
            "document": None,
        },
    ]


def test_figures_by_outlet_month_span_and_source():
    figures = CorpusFigures()
    for item in sample_records():
        figures.add(item)
    tables = figures.tables()
    overview = tables["overview"][0]
    assert (overview["articles"], overview["failed"], overview["spans"]) == (3, 1, 5)
    assert overview["undated"] == 1
    outlets = {row["outlet"]: row for row in tables["outlets"]}
    assert set(outlets) == {"Gazette", "Herald"}  # "c" names its outlet in metadata
    words_gazette = 9 + 8  # \w+ runs: "council's" is two
    assert outlets["Gazette"]["articles"] == 2
    assert outlets["Gazette"]["spans_per_1000_words"] == round(4 * 1000 / words_gazette, 2)
    # "LIARS" (5) + "loud liars" (10, holding "liars") + "DISASTER" (8) characters.
    assert outlets["Gazette"]["share_of_text"] == round((5 + 10 + 8) / (len(A) + len(C)), 4)
    cell = next(
        r
        for r in tables["outlet_techniques"]
        if r["outlet"] == "Gazette" and r["technique"] == "Name_Calling,Labeling"
    )
    assert cell["spans"] == 2 and cell["share_of_text"] == round(10 / (len(A) + len(C)), 4)
    assert [m["month"] for m in tables["months"]] == ["2024-03"]
    assert tables["months"][0]["articles"] == 2
    top = [r for r in tables["top_spans"] if r["technique"] == "Name_Calling,Labeling"]
    assert (top[0]["text"], top[0]["count"]) == ("LIARS", 3)  # any case counts as one
    sources = tables["sources"]
    assert (sources[0]["source"], sources[0]["statements"], sources[0]["articles"]) == (
        "the Council",
        2,
        2,
    )
    assert tables["failures"] == [
        {
            "key": "x",
            "stage": "read",
            "message": "bad <row>",
            "origin": "f.csv:3",
            "outlet": "(unknown)",  # the error row names no document
            "month": None,
        }
    ]


def test_articles_of_no_outlet_make_no_outlet_of_their_own():
    # "45 articles analyzed from 4 outlets" counted "(unknown)" as one (review, session 38).
    figures = CorpusFigures()
    for item in [*sample_records(), record("d", B), record("e", B)]:
        figures.add(item)
    tables = figures.tables()
    overview = tables["overview"][0]
    assert (overview["outlets"], overview["without_outlet"]) == (2, 2)
    assert {row["outlet"] for row in tables["outlets"]} == {"Gazette", "Herald", "(unknown)"}
    page = render_dashboard(tables, title="t")
    assert "5 articles analyzed from 2 outlets (2 articles with no outlet named)" in page
    alone = CorpusFigures()
    alone.add(record("d", B))
    page = render_dashboard(alone.tables(), title="t")
    assert "1 article analyzed with no outlet named" in page


def test_groups_of_few_articles_are_named_with_a_caution():
    # 48.5 spans per 1,000 words from 3 articles stood beside 9-26 with no word (review,
    # session 38).
    figures = CorpusFigures()
    for item in sample_records():
        figures.add(item)
    for k in range(12):
        figures.add(record(f"h{k}", B, source="Herald", published="2024-04-02"))
    page = render_dashboard(figures.tables(), title="t")
    outlets = page[page.index('id="outlets"') : page.index('id="time"')]
    assert "Fewer than 10 articles make the rates of Gazette: one article" in outlets
    months = page[page.index('id="time"') :]
    assert "Fewer than 10 articles make the rates of 2024-03: one article" in months


def test_one_setup_is_said_in_good_english():
    from propscope.render.dashboard import _models_section

    row = {"setup": 1, "records": 45, "component": "figures", "model": "figure-rules"}
    row |= {"version": "11", "settings": "{}"}
    assert "All 45 analyses were made with one setup" in _models_section({"models": [row]})
    row = {**row, "records": 1}
    assert "The analysis was made with one setup" in _models_section({"models": [row]})


def test_frequent_spans_leave_out_function_words_edge_marks_and_single_spans():
    # "the × 3" topped Loaded language; ", it will do so" and "It will do so" were two
    # spans; where every span occurred once the list was an alphabetical cut, leading
    # punctuation first (review, session 38).
    text = "The worst, it will be crushed. It will be crushed! the, the worst"
    figures = CorpusFigures()
    techniques = [
        span(text, "The", "Loaded_Language"),
        span(text, "the", "Loaded_Language", 0),
        span(text, ", it will be crushed", "Loaded_Language"),
        span(text, "It will be crushed!", "Loaded_Language"),
        span(text, "worst", "Exaggeration,Minimisation"),
    ]
    figures.add(record("a", text, techniques=techniques))
    tables = figures.tables()
    top = {(r["technique"], r["text"]): r["count"] for r in tables["top_spans"]}
    assert top == {
        ("Loaded_Language", "it will be crushed"): 2,
        ("Exaggeration,Minimisation", "worst"): 1,
    }
    assert tables["overview"][0]["spans"] == 5  # every span still counts
    page = render_dashboard(tables, title="t")
    spans = page[page.index('id="spans"') :]
    assert "it will be crushed <span" in spans and "No span of it occurs twice." in spans
    assert "worst <span" not in spans


def test_a_field_named_like_an_outlet_or_a_date_is_pointed_at():
    # Outlets in metadata.publisher and dates in metadata.date fell silently to
    # "(unknown)" and "undated" (review, session 38).
    figures = CorpusFigures()
    for key in "ab":
        figures.add(record(key, A, metadata={"publisher": "Gazette", "date": "2024-03-02"}))
    assert figures.field_hints() == [
        "no article has an outlet read, but 2 of 2 hold the field 'publisher': rerun with "
        "--outlet-field publisher to read it.",
        "no article has a published date read, but 2 of 2 hold the field 'date': rerun "
        "with --date-field date to read it.",
    ]
    read = CorpusFigures(outlet_field="publisher", date_field="date")
    read.add(record("a", A, metadata={"publisher": "Gazette", "date": "2024-03-02"}))
    assert read.field_hints() == []
    plain = CorpusFigures()
    plain.add(record("a", A, source="Gazette", published="2024-03-02", metadata={"date": "x"}))
    assert plain.field_hints() == []


@pytest.mark.parametrize(
    ("published", "month"),
    [
        ("2024-03-15", "2024-03"),
        ("2024-03-15T10:00:00Z", "2024-03"),
        ("Sun, 03 Nov 2019 08:00:00 +0000", "2019-11"),
        ("2024-13-01", None),
        ("last week", None),
        (None, None),
        ("", None),
        ("2 Dec 2026 14:00 BST", "2026-12"),
        ("1 Mar 2024 00:30 CET", "2024-02"),  # 23:30 UTC on the last day of February
        ("Mar 1, 2024 8:00 am AEDT", "2024-02"),
        ("0001-01-01T00:00:00+01:00", None),  # a feed's "no date": before year 1 in UTC
        ("9999-12-31T23:00:00-05:00", None),  # past year 9999 in UTC
    ],
)
def test_month_of(published, month):
    assert month_of(published) == month


def test_source_key_joins_spellings():
    assert source_key("The Council") == source_key("council's") == "council"


def hostile_records() -> list[dict]:
    text = "Breaking </script><script>alert(1)</script> and <img src=x onerror=alert(2)> LIES"
    item = record(
        "<evil>&",
        text,
        source="<b>Outlet</b>",
        published="2024-01-01",
        techniques=[
            span(text, "LIES", "Loaded_Language"),
            span(text, "</script><script>alert(1)</script>", "Doubt"),
        ],
        attributions=[said(text, "<img src=x onerror=alert(2)>", "and", "LIES", kind="person")],
    )
    item["document"]["title"] = "<script>alert('title')</script>"
    return [
        item,
        {
            "key": "<k>",
            "status": "error",
            "error": {"stage": "read", "message": "<script>alert(3)</script>"},
            "origin": None,
            "document": None,
        },
    ]


def test_the_dashboard_escapes_everything_and_loads_nothing():
    figures = CorpusFigures()
    for item in hostile_records():
        figures.add(item, page="dash-articles/x.html")
    page = render_dashboard(figures.tables(), title="<Corpus>")
    assert "<script>alert" not in page and "<img" not in page and "<b>Outlet" not in page
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;" in page
    assert "&lt;Corpus&gt;" in page
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert csp and "default-src 'none'" in csp.group(1) and "script-src" not in csp.group(1)
    # Nothing is fetched: no src attributes, no stylesheet links, no absolute URLs.
    assert not re.search(r"\ssrc=", page.replace("src=x", ""))
    assert "<link" not in page and "http://" not in page and "https://" not in page
    scripts = re.findall(r"<script([^>]*)>", page)
    assert scripts == [' type="application/json" id="dashboard-data"']
    twin = re.search(r'id="dashboard-data">(.*?)</script>', page, re.S)
    embedded = {k: v for k, v in figures.tables().items() if k != "outlet_month_techniques"}
    assert twin and json.loads(twin.group(1)) == json.loads(json.dumps(embedded, default=str))
    assert "<svg" in page  # charts are inline


def write_results(tmp_path: Path) -> Path:
    path = tmp_path / "results.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in sample_records()), encoding="utf-8")
    return path


def test_write_report_writes_linked_article_pages_and_tables(tmp_path):
    results = write_results(tmp_path)
    out = tmp_path / "site" / "dashboard.html"
    out.parent.mkdir()
    written = write_report(results, out, data_dir=tmp_path / "data")
    assert (written.articles, written.failed, written.pages) == (3, 1, 3)
    page = out.read_text(encoding="utf-8")
    links = re.findall(r'<a href="(dashboard-articles/[^"]+)">', page)
    assert len(links) == 3
    for link in links:
        article = (out.parent / link).read_text(encoding="utf-8")
        assert "Content-Security-Policy" in article and "<mark" in article
    own = out.parent / "dashboard-articles" / article_page_name("a")
    # The page names the article's id, which the tables key it by (a title such as
    # "OPINION:" matched no row otherwise; session 48's review).
    assert "· id <bdi>a</bdi></p>" in own.read_text(encoding="utf-8")
    with open(tmp_path / "data" / "outlets.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["outlet"] for r in rows] == ["Gazette", "Herald"]
    assert rows[0]["spans"] == "4"
    assert {p.name for p in written.tables} >= {
        "overview.csv",
        "outlets.csv",
        "outlet_techniques.csv",
        "months.csv",
        "month_techniques.csv",
        "top_spans.csv",
        "sources.csv",
        "articles.csv",
        "failures.csv",
    }


def test_results_from_jsonl_parquet_and_store_give_the_same_figures(tmp_path):
    pytest.importorskip("pyarrow")
    corpus = tmp_path / "news.jsonl"
    corpus.write_text(
        "".join(
            json.dumps(
                {
                    "id": f"n{i}",
                    "text": f"Item {i} is a SCANDAL.",
                    "source": f"O{i % 2}",
                    "published": f"2023-1{i % 3}-01",
                }
            )
            + "\n"
            for i in range(12)
        )
        + '{"id": "p", "text": "POISON"}\n',
        encoding="utf-8",
    )
    spec = AnalyzerSpec(factory="batch_fakes:shouter")
    run_batch([corpus], output=tmp_path / "r.jsonl", store=tmp_path / "r.db", analyzer=spec)
    run_batch([corpus], output=tmp_path / "r.parquet", analyzer=spec)
    tables = []
    for name in ("r.jsonl", "r.parquet", "r.db"):
        written = write_report(
            tmp_path / name,
            tmp_path / f"{name}.html",
            data_dir=tmp_path / f"{name}-data",
            data_format="json",
            article_pages=False,
        )
        assert (written.articles, written.failed) == (12, 1)
        data = json.loads((tmp_path / f"{name}-data" / "outlet_techniques.json").read_text())
        tables.append(data)
    assert tables[0] == tables[1] == tables[2]


def test_cli_batch_then_report(tmp_path):
    corpus = tmp_path / "news.csv"
    corpus.write_text("id,text,source\n1,ONE LOUD text,A\n2,POISON,B\n3,,C\n", encoding="utf-8")
    runner = CliRunner()
    out = tmp_path / "out.jsonl"
    result = runner.invoke(
        app,
        [
            "batch",
            str(corpus),
            "-o",
            str(out),
            "--analyzer",
            "batch_fakes:shouter",
            "--no-progress",
            "--json",
        ],
    )
    assert result.exit_code == 1, result.output  # two documents failed
    assert "1 analyzed, 2 failed" in result.stderr
    assert json.loads(result.stdout)["failed"] == 2
    again = runner.invoke(
        app,
        [
            "batch",
            str(corpus),
            "-o",
            str(out),
            "--analyzer",
            "batch_fakes:shouter",
            "--no-progress",
        ],
    )
    assert "0 analyzed, 0 failed, 3 already done" in again.stderr
    result = runner.invoke(
        app,
        [
            "report",
            str(out),
            "-o",
            str(tmp_path / "d.html"),
            "--data-dir",
            str(tmp_path / "data"),
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "d.html").is_file() and (tmp_path / "data" / "articles.json").is_file()
    assert "set aside" not in result.stderr
    twice = tmp_path / "twice.jsonl"
    twice.write_text(out.read_text(encoding="utf-8") * 2, encoding="utf-8")  # merged shards
    merged = runner.invoke(app, ["report", str(twice), "-o", str(tmp_path / "t.html")])
    assert merged.exit_code == 0, merged.output
    said = " ".join(merged.stderr.split())
    assert "1 article, 2 failed" in said and "set aside" in said  # as the run itself
    bad = runner.invoke(
        app, ["report", str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "x.html")]
    )
    assert bad.exit_code == 1 and "no such file" in bad.stderr


def test_cli_report_points_at_a_field_named_like_a_date(tmp_path):
    results = tmp_path / "r.jsonl"
    rows = [record(k, A, source="Gazette", metadata={"date": "2024-03-02"}) for k in "ab"]
    results.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    runner = CliRunner()
    out = runner.invoke(app, ["report", str(results), "-o", str(tmp_path / "d.html")])
    assert out.exit_code == 0, out.output
    said = " ".join(out.stderr.split())
    assert "note: no article has a published date read" in said
    assert "rerun with --date-field date" in said
    read = ["report", str(results), "-o", str(tmp_path / "e.html"), "--date-field", "date"]
    assert "note:" not in runner.invoke(app, read).stderr


def test_the_dashboard_never_replaces_the_results_it_reads(tmp_path):
    results = write_results(tmp_path)
    before = results.read_bytes()
    with pytest.raises(BatchOutputError, match="would replace the results it reads"):
        write_report(results, results)
    linked = tmp_path / "sub" / ".." / results.name
    (tmp_path / "sub").mkdir()
    with pytest.raises(BatchOutputError, match="would replace the results it reads"):
        write_report(results, linked)
    assert results.read_bytes() == before


def test_the_dashboard_refuses_a_device_and_writes_through_a_link(tmp_path):
    # `report -o /dev/full`, run as root, put a page where the device was (review,
    # session 39); a link was replaced by a file.
    results = write_results(tmp_path)
    fifo = tmp_path / "pipe.html"
    os.mkfifo(fifo)
    with pytest.raises(BatchOutputError, match="not a regular file"):
        write_report(results, fifo)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert not (tmp_path / "pipe-articles").exists()
    real = tmp_path / "real.html"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.html"
    link.symlink_to(real)
    write_report(results, link, article_pages=False)
    assert link.is_symlink() and "<html" in real.read_text(encoding="utf-8")


def test_a_refused_input_leaves_no_folder_behind(tmp_path):
    other = tmp_path / "notes.txt"
    other.write_text("not a batch output\n", encoding="utf-8")
    with pytest.raises(BatchOutputError):
        write_report(other, tmp_path / "site" / "d.html")
    assert not (tmp_path / "site").exists()


def test_a_malformed_record_is_left_out_and_named_and_the_rest_counted(tmp_path):
    results = write_results(tmp_path)
    with results.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"key": "weird", "status": "ok"}) + "\n")
        bad_span = {"start": "x", "end": 3, "technique": "Doubt"}
        handle.write(
            json.dumps({"key": "odd", "document": {"text": "abc"}, "techniques": [bad_span]}) + "\n"
        )
    written = write_report(results, tmp_path / "d.html", article_pages=False)
    assert (written.articles, written.failed) == (3, 1)
    [note] = [n for n in written.notes if "not records of propscope batch" in n]
    assert "key 'weird': no document with a text" in note and "key 'odd'" in note
    assert "not records of propscope batch" in (tmp_path / "d.html").read_text(encoding="utf-8")


def test_links_to_article_pages_survive_a_hash_or_question_mark_in_the_name(tmp_path):
    results = write_results(tmp_path)
    out = tmp_path / "Week #3 ?.html"
    write_report(results, out)
    page = out.read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"#][^"]*-articles/[^"]+)">', page)
    assert links and all(link.startswith("Week%20%233%20%3F-articles/") for link in links)
    for link in links:
        from urllib.parse import unquote

        assert (tmp_path / unquote(link)).is_file()


def test_cli_report_and_batch_turn_system_errors_into_messages(tmp_path, monkeypatch):
    import propscope.batch.report as report_module

    results = write_results(tmp_path)

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(report_module, "write_report", full)
    runner = CliRunner()
    result = runner.invoke(app, ["report", str(results), "-o", str(tmp_path / "d.html")])
    assert result.exit_code == 1
    said = " ".join(result.stderr.split())
    assert "d.html: No space left on device; the dashboard was not written" in said
    assert "Traceback" not in result.output
    import propscope.batch as batch_module

    monkeypatch.setattr(batch_module, "run_batch", full)
    result = runner.invoke(
        app, ["batch", str(results), "-o", str(tmp_path / "o.jsonl"), "--no-progress"]
    )
    assert result.exit_code == 2  # the run stopped: not "some documents failed" (1)
    said = " ".join(result.stderr.split())
    assert "o.jsonl: No space left on device. What was written is kept" in said
    assert "Traceback" not in result.output


def test_a_cut_last_line_is_left_out_and_said(tmp_path, caplog):
    results = write_results(tmp_path)
    data = results.read_bytes()
    results.write_bytes(data[:-50])  # the last record loses its end and its newline
    with caplog.at_level("WARNING"):
        written = write_report(results, tmp_path / "d.html")
    assert written.articles + written.failed == len(sample_records()) - 1
    lines = data.count(b"\n")
    assert f"line {lines} is cut short" in caplog.text
    assert "run the same propscope batch command again" in caplog.text
    assert caplog.text.count("is cut short") == 1  # the report reads the file twice


def test_every_table_has_its_declared_columns_and_empty_ones_keep_a_header(tmp_path):
    from propscope.corpus import TABLE_COLUMNS

    tables = figures_of_samples()
    assert set(tables) == set(TABLE_COLUMNS)
    for name, rows in tables.items():
        for row in rows:
            assert tuple(row) == TABLE_COLUMNS[name], name
    # A clean corpus without dates: no failures, no months. The files keep their header.
    records = [r for r in sample_records() if r.get("status", "ok") == "ok"]
    for record in records:
        record["document"]["published"] = None
    results = tmp_path / "clean.jsonl"
    results.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    write_report(results, tmp_path / "d.html", data_dir=tmp_path / "data")
    for name in ("failures", "months", "month_techniques"):
        with open(tmp_path / "data" / f"{name}.csv", newline="", encoding="utf-8") as handle:
            assert next(csv.reader(handle)) == list(TABLE_COLUMNS[name]), name


def figures_of_samples() -> dict:
    figures = CorpusFigures()
    for record in sample_records():
        figures.add(record, page="pages/x.html")
    return figures.tables()


def test_a_broken_line_inside_the_results_is_refused_with_the_fix(tmp_path):
    results = write_results(tmp_path)
    lines = results.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[0] = '{"key": "broken", "status": "ok", "document": {"id"\n'
    results.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(BatchOutputError, match=r"results\.jsonl:1 is not JSON") as refused:
        write_report(results, tmp_path / "d.html")
    assert "remove or repair that line" in str(refused.value)


def test_the_page_lists_each_failure_under_its_outlet():
    figures = CorpusFigures()
    for item in sample_records():
        figures.add(item)
    figures.add(
        {
            "key": "e1",
            "status": "error",
            "error": {"stage": "read", "message": "the text is empty"},
            "origin": "g.jsonl:2",
            "document": {"id": "e1", "title": "T", "source": "Herald <Daily>", "url": None,
                         "published": "2024-02-11"},
        }
    )  # fmt: skip
    page = render_dashboard(figures.tables(), title="Corpus")
    failures = page[page.index('<section id="failures"') :]
    failures = failures[: failures.index("</section>")]
    assert '<th scope="col">outlet</th>' in failures
    assert "<td>Herald &lt;Daily&gt;</td>" in failures  # escaped
    assert "<td>(unknown)</td>" in failures  # "x" names no document


def test_the_profile_names_the_techniques_it_leaves_out():
    # The profile's chart and tables show the techniques with spans; a researcher who
    # missed Whataboutism there thought it forgotten (session 48's review).
    figures = CorpusFigures()
    for item in sample_records():
        figures.add(item)
    page = render_dashboard(figures.tables(), title="Corpus")
    section = page[page.index('<section id="outlets"') :]
    section = section[: section.index("</section>")]
    note = re.search(r"No span of ([^<]*) in these outlets", section)
    assert note is not None
    assert "Whataboutism" in note.group(1) and "Doubt" in note.group(1)
    assert "Name-calling" not in note.group(1) and "Loaded language" not in note.group(1)


def test_the_page_shows_each_outlet_over_time():
    # "By outlet and over time": the outlet_months table was written and embedded, but
    # the page showed months for the whole corpus only (session 48's review).
    figures = CorpusFigures()
    for item in sample_records():
        figures.add(item)
    figures.add(record("d", B, source="Herald <Daily>", published="2024-04-09", techniques=[]))
    page = render_dashboard(figures.tables(), title="Corpus")
    section = page[page.index('<h3 id="outlet-months-title">') :]
    section = section[: section.index("</table>")]
    header = re.findall(r'<th scope="col" class="num">([^<]*)</th>', section)
    assert header == ["2024-03", "2024-04"]
    rows = dict(re.findall(r'<tr><th scope="row">([^<]*)</th>(.*?)</tr>', section))
    assert set(rows) == {"Gazette", "Herald", "Herald &lt;Daily&gt;"}  # escaped
    gazette = re.findall(r"<td[^>]*>([^<]*)(?:<small>\(([^)]*)\)</small>)?</td>", rows["Gazette"])
    words_a = 9
    assert gazette == [(f"{3 * 1000 / words_a:.1f} ", "1*"), ("", "")]  # one article; none
    # One outlet alone has no such table: the months table above is its.
    alone = CorpusFigures()
    alone.add(sample_records()[0])
    assert 'id="outlet-months-title"' not in render_dashboard(alone.tables(), title="C")
