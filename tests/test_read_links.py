"""Lists of links as inputs: a JSONL line or table row that gives a "url" and no text is
fetched, under the same rules as a URL named on the command line; pages are fetched a
few at a time, in input order; and a batch rerun does not fetch again a page it has
done. URLs come from a local http.server on 127.0.0.1 (private addresses allowed through
the environment), so no test reaches outside this machine."""

from __future__ import annotations

import csv
import json
import threading
import time
from pathlib import Path

import pytest

from web_helpers import ArticleSite, require

require("trafilatura")
require("httpx")

from propscope.batch import AnalyzerSpec, run_batch  # noqa: E402
from propscope.document import Document  # noqa: E402
from propscope.io.fetch import ALLOW_PRIVATE_ENV  # noqa: E402
from propscope.io.readers import InputFailure, PageRequest, fetch_pages, read_inputs  # noqa: E402
from propscope.io.tables import count_corpus, read_corpus  # noqa: E402

FAKES = AnalyzerSpec(factory="batch_fakes:shouter")


@pytest.fixture(scope="module")
def site():
    with ArticleSite() as site:
        yield site


@pytest.fixture(autouse=True)
def _allow_local(monkeypatch):
    monkeypatch.setenv(ALLOW_PRIVATE_ENV, "1")


def _csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _asked(site: ArticleSite, path: str) -> int:
    return sum(1 for asked in site.requests if asked == path)


def test_a_jsonl_line_with_only_a_url_is_fetched(tmp_path, site):
    lines = [
        {"id": "g1", "url": site.url("/article"), "outlet": "Gazette", "title": "As listed"},
        {"url": site.url("/redirect")},
        {"id": "t1", "text": "Its own text wins.", "url": site.url("/plain")},
        {"id": "f1", "url": "ftp://gazette.example/harbour"},
    ]
    path = tmp_path / "links.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    before = _asked(site, "/plain")
    listed, redirected, text, ftp = read_inputs([path])
    assert isinstance(listed, Document) and listed.id == "g1"
    assert listed.title == "As listed"  # the line's own title wins over the page's
    assert listed.source == "Brinmouth Gazette" and listed.published == "2024-03-05"
    assert listed.url == site.url("/article") and listed.metadata == {"outlet": "Gazette"}
    assert "The Brinmouth town council voted" in listed.text
    assert isinstance(redirected, Document) and redirected.id == site.url("/redirect")
    assert redirected.url == site.url("/article")  # where the redirect led
    assert isinstance(text, Document) and text.text == "Its own text wins."
    assert _asked(site, "/plain") == before  # a line with its text is never fetched
    assert isinstance(ftp, InputFailure) and ftp.id == "f1"
    assert 'address under "url" to fetch it' in ftp.message()


def test_a_table_of_links_is_fetched_in_order_and_a_bad_link_fails_alone(tmp_path, site):
    links = _csv(
        tmp_path / "links.csv",
        ["url", "outlet"],
        [
            [site.url("/article"), "Gazette"],
            [site.url("/missing"), "Gazette"],
            [site.url("/plain"), "Wire"],
        ],
    )
    assert count_corpus([links]) == 3
    article, missing, plain = read_corpus([links])
    assert isinstance(article, Document) and article.id == site.url("/article")
    assert article.metadata == {"outlet": "Gazette"}
    assert isinstance(missing, InputFailure) and missing.id == site.url("/missing")
    assert missing.message().startswith(f"{links}:3: ")
    assert "answered HTTP 404" in missing.message()
    assert isinstance(plain, Document) and plain.text == "They are LIARS. All of them."
    # A row with neither text nor a web address says what it lacks.
    empty = _csv(tmp_path / "empty.csv", ["id", "url"], [["e1", "gazette.example/x"]])
    [failure] = read_corpus([empty])
    assert isinstance(failure, InputFailure) and failure.id == "e1"
    assert "the url cell with the page's http(s) address" in failure.message()
    bare = _csv(tmp_path / "bare.csv", ["id", "body"], [["a", "words"]])
    [failure] = read_corpus([bare])
    assert "'url'" in failure.message()


def test_pages_are_fetched_a_few_at_a_time_and_come_back_in_order(monkeypatch):
    running = 0
    most = 0
    lock = threading.Lock()

    def fetch(self: PageRequest) -> Document:
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        time.sleep(0.05 if self.id.endswith("0") else 0.01)  # the first pages are slowest
        with lock:
            running -= 1
        return Document.from_text(f"page {self.id}", id=self.id)

    monkeypatch.setattr(PageRequest, "fetch", fetch)
    read_so_far = 0

    def items():
        nonlocal read_so_far
        for n in range(40):
            read_so_far += 1
            if n % 5 == 4:
                yield Document.from_text(f"text {n}", id=f"t{n}")
            else:
                yield PageRequest(f"https://news.example/{n}", id=f"p{n}", origin=f"line {n}")

    ids = []
    for result in fetch_pages(items(), workers=3):
        assert read_so_far - len(ids) <= 4 * 3 + 1  # runs ahead a little
        ids.append(result.id)
    expected = [f"t{n}" if n % 5 == 4 else f"p{n}" for n in range(40)]
    assert ids == expected
    assert 1 < most <= 3


def test_a_batch_rerun_does_not_fetch_again_the_pages_it_has_done(tmp_path, site):
    links = _csv(
        tmp_path / "links.csv",
        ["id", "url"],
        [["a1", site.url("/article")], ["p1", site.url("/plain")], ["m1", site.url("/gone")]],
    )
    out = tmp_path / "out.jsonl"
    first = run_batch([links], output=out, analyzer=FAKES)
    assert (first.analyzed, first.failed) == (2, 1)
    rows = {r["key"]: r for r in map(json.loads, out.read_text().splitlines())}
    assert rows["a1"]["document"]["source"] == "Brinmouth Gazette"
    assert rows["m1"]["status"] == "error" and rows["m1"]["error"]["stage"] == "read"
    asked = {path: _asked(site, path) for path in ("/article", "/plain", "/gone")}
    again = run_batch([links], output=out, analyzer=FAKES)
    # The done pages are skipped unfetched; the one that failed to read is asked again.
    assert (again.analyzed, again.failed, again.skipped) == (0, 0, 3)
    assert again.skipped_unread_keys == ["m1"]
    assert _asked(site, "/article") == asked["/article"]
    assert _asked(site, "/plain") == asked["/plain"]
    assert _asked(site, "/gone") == asked["/gone"] + 1


def test_a_link_listed_twice_is_one_document_and_two_links_under_one_id_conflict(tmp_path, site):
    links = _csv(
        tmp_path / "links.csv",
        ["id", "url"],
        [
            ["", site.url("/article")],
            ["", site.url("/article")],
            ["x", site.url("/plain")],
            ["x", site.url("/redirect")],
        ],
    )
    before = _asked(site, "/redirect")
    summary = run_batch([links], output=tmp_path / "out.jsonl", analyzer=FAKES)
    assert (summary.analyzed, summary.duplicates, summary.conflicts) == (2, 1, 1)
    assert summary.conflict_keys == ["x"]
    assert _asked(site, "/redirect") == before  # the conflicting page is never fetched


def test_a_line_whose_text_is_empty_or_null_is_fetched_from_its_url(tmp_path, site):
    lines = [
        {"id": "e1", "text": "", "url": site.url("/article")},
        {"id": "n1", "text": None, "url": site.url("/article")},
        {"id": "w1", "text": " \n", "url": "gazette.example/harbour"},
    ]
    path = tmp_path / "links.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    empty, null, nowhere = read_inputs([path])
    assert isinstance(empty, Document) and empty.id == "e1" and "town council" in empty.text
    assert isinstance(null, Document) and null.id == "n1"
    assert isinstance(nowhere, InputFailure) and nowhere.id == "w1"


def test_a_page_that_breaks_the_reader_fails_alone(tmp_path, site, monkeypatch):
    from propscope.io import fetch

    real = fetch.fetch_article

    def fragile(url, **options):
        if url.endswith("/plain"):
            raise RuntimeError("the parser fell over")
        return real(url, **options)

    monkeypatch.setattr(fetch, "fetch_article", fragile)
    links = _csv(
        tmp_path / "links.csv",
        ["id", "url"],
        [["a1", site.url("/article")], ["p1", site.url("/plain")], ["r1", site.url("/redirect")]],
    )
    out = tmp_path / "out.jsonl"
    summary = run_batch([links], output=out, analyzer=FAKES)
    assert (summary.analyzed, summary.failed) == (2, 1)
    rows = {r["key"]: r for r in map(json.loads, out.read_text().splitlines())}
    message = rows["p1"]["error"]["message"]
    assert "RuntimeError: the parser fell over" in message and "report this error" in message


def test_the_number_of_pages_fetched_at_once_is_set_by_the_environment(tmp_path, site, monkeypatch):
    from typer.testing import CliRunner

    from propscope.cli import app
    from propscope.io.readers import FETCH_WORKERS_ENV, fetch_workers

    assert fetch_workers() == 4
    monkeypatch.setenv(FETCH_WORKERS_ENV, "1")
    assert fetch_workers() == 1
    running = most = 0
    lock = threading.Lock()

    def fetch(self: PageRequest) -> Document:
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        time.sleep(0.01)
        with lock:
            running -= 1
        return Document.from_text("page", id=self.id)

    monkeypatch.setattr(PageRequest, "fetch", fetch)
    pages = (PageRequest(f"https://news.example/{n}", f"p{n}", f"line {n}") for n in range(8))
    assert len(list(fetch_pages(pages))) == 8 and most == 1
    monkeypatch.setenv(FETCH_WORKERS_ENV, "many")
    links = _csv(tmp_path / "links.csv", ["url"], [[site.url("/article")]])
    result = CliRunner().invoke(app, ["batch", str(links), "-o", str(tmp_path / "o.jsonl")])
    assert result.exit_code != 0
    message = " ".join(result.stderr.split())
    assert "PROPSCOPE_FETCH_WORKERS='many' is not a number of pages" in message
