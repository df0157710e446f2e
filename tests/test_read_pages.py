"""Saved web pages (.html files) and URLs as inputs to `analyze` and `batch`: the page's
article is read as the web service reads a fetched page, and a page that cannot be read
fails alone. URLs come from a local http.server on 127.0.0.1 with private addresses
allowed through the environment, so no test reaches outside this machine."""

from __future__ import annotations

import builtins
import json
from pathlib import Path

import pytest

from web_helpers import ARTICLE_HTML, ArticleSite, require

require("trafilatura")
require("httpx")

from propscope.batch import AnalyzerSpec, run_batch  # noqa: E402
from propscope.batch.inputs import read_keyed  # noqa: E402
from propscope.document import Document  # noqa: E402
from propscope.errors import EmptyTextError  # noqa: E402
from propscope.io.fetch import ALLOW_PRIVATE_ENV  # noqa: E402
from propscope.io.readers import InputFailure, PageRequest, read_inputs  # noqa: E402
from propscope.io.tables import count_corpus, read_corpus  # noqa: E402

SCRIPTED_ONLY = "<html><head><title>App</title></head><body><script>go()</script></body></html>"


@pytest.fixture(scope="module")
def site():
    with ArticleSite() as site:
        yield site


def _page(tmp_path: Path, name: str = "harbour.html", html: str = ARTICLE_HTML) -> Path:
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    return path


def test_a_saved_page_gives_its_article_not_its_markup(tmp_path):
    [doc] = read_inputs([_page(tmp_path)])
    assert isinstance(doc, Document)
    assert doc.id == "harbour" and doc.title == "Council sells the HARBOUR"
    assert doc.source == "Brinmouth Gazette" and doc.published == "2024-03-05"
    assert doc.text.startswith("Council sells the HARBOUR\n\nThe Brinmouth town council voted")
    assert "independent estimates put the figure closer to 40." in doc.text
    for furniture in ("<p>", "Sport", "Copyright", "og:site_name"):
        assert furniture not in doc.text


def test_a_page_names_its_own_address_when_it_gives_one(tmp_path):
    canonical = '<link rel="canonical" href="https://gazette.example/harbour-sale">\n</head>'
    [doc] = read_inputs([_page(tmp_path, html=ARTICLE_HTML.replace("</head>", canonical))])
    assert isinstance(doc, Document) and doc.url == "https://gazette.example/harbour-sale"
    [doc] = read_inputs([_page(tmp_path, "plain.html")])
    assert isinstance(doc, Document) and doc.url is None  # no address is made up


def test_a_folder_reads_its_pages_beside_its_text_files_in_name_order(tmp_path):
    _page(tmp_path, "b.htm")
    (tmp_path / "a.txt").write_text("Title\n\nThe council met on Tuesday.", encoding="utf-8")
    (tmp_path / "c.HTML").write_text(SCRIPTED_ONLY, encoding="utf-8")
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")
    results = list(read_corpus([tmp_path]))
    assert [r.id if isinstance(r, Document) else r.origin for r in results] == [
        "a",
        "b",
        str(tmp_path / "c.HTML"),
    ]
    assert count_corpus([tmp_path]) == 3
    [a, b] = [r for r in results if isinstance(r, Document)]
    assert a.title == "Title" and b.title == "Council sells the HARBOUR"


def test_a_page_without_article_text_fails_alone_with_the_fix(tmp_path):
    empty = _page(tmp_path, "app.html", SCRIPTED_ONLY)
    good = _page(tmp_path)
    failure, doc = read_inputs([empty, good])
    assert isinstance(failure, InputFailure) and isinstance(failure.error, EmptyTextError)
    message = failure.message()
    assert message.startswith(f"{empty}: found no article text in this web page")
    assert "built by script" in message and "give the article's text instead" in message
    assert isinstance(doc, Document) and doc.id == "harbour"


def test_without_trafilatura_a_page_names_the_extra_to_install(tmp_path, monkeypatch):
    real_import = builtins.__import__

    def no_trafilatura(name, *args, **kwargs):
        if name == "trafilatura":
            raise ImportError("No module named 'trafilatura'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_trafilatura)
    [failure] = read_inputs([_page(tmp_path)])
    assert isinstance(failure, InputFailure)
    message = failure.message()
    assert message.startswith(f"{tmp_path / 'harbour.html'}: Reading saved web pages")
    assert "pip install 'propscope[web]'" in message


def test_a_url_is_fetched_and_its_id_is_the_url(site, monkeypatch):
    monkeypatch.setenv(ALLOW_PRIVATE_ENV, "1")
    url = site.url("/redirect")
    [doc] = read_corpus([url])
    assert isinstance(doc, Document), doc
    assert doc.id == url and doc.title == "Council sells the HARBOUR"
    assert doc.url == site.url("/article")  # where the redirect led
    assert count_corpus([url]) == 1
    # A "?" in a URL is no glob: the page is asked for, and answers for itself.
    [failure] = read_corpus([url + "?from=feed"])
    assert isinstance(failure, InputFailure) and "HTTP 404" in failure.message()


def test_a_refused_url_fails_alone_and_keeps_its_url_as_key(tmp_path, site, monkeypatch):
    monkeypatch.delenv(ALLOW_PRIVATE_ENV, raising=False)
    url = site.url("/article")
    keyed = list(read_keyed([url, str(_page(tmp_path))], anchor=tmp_path))
    (key, request), (page_key, doc) = keyed
    # Keyed before it is fetched, so that a batch rerun can skip it unfetched.
    assert key == url and isinstance(request, PageRequest) and request.id == url
    assert page_key == "harbour" and isinstance(doc, Document)
    failure = request.fetch()
    assert isinstance(failure, InputFailure) and failure.id == url
    assert "loopback" in failure.message() and f"{ALLOW_PRIVATE_ENV}=1" in failure.message()


def test_batch_reads_a_folder_of_pages_and_reports_the_unreadable_one(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    _page(pages, "one.html")
    _page(pages, "two.html", ARTICLE_HTML.replace("400 jobs", "500 jobs"))
    (pages / "three.html").write_text(SCRIPTED_ONLY, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    summary = run_batch([pages], output=out, analyzer=AnalyzerSpec(factory="batch_fakes:shouter"))
    rows = {r["key"]: r for r in map(json.loads, out.read_text().splitlines())}
    assert (summary.analyzed, summary.failed) == (2, 1)
    assert rows["one"]["document"]["source"] == "Brinmouth Gazette"
    assert rows["three"]["status"] == "error"
    assert "found no article text" in rows["three"]["error"]["message"]


def test_the_cli_analyzes_a_saved_page(tmp_path):
    from typer.testing import CliRunner

    from propscope.cli import app

    page = _page(tmp_path)
    result = CliRunner().invoke(
        app, ["analyze", str(page), "--components", "figures", "--format", "json"]
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["document"]["title"] == "Council sells the HARBOUR"
    assert [f["value"] for f in data["figures"]] == [3, 400, 40]  # three times, 400 jobs, 40


def test_a_jsonl_line_may_hold_a_page_under_html(tmp_path):
    lines = [
        {"id": "p1", "html": ARTICLE_HTML, "source": "Gazette feed", "crawl": 7},
        {"id": "p2", "html": SCRIPTED_ONLY},
        {"id": "p3", "html": 12},
        {"id": "t1", "text": "Plain text wins.", "html": ARTICLE_HTML},
    ]
    path = tmp_path / "crawl.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    page, empty, wrong, text = read_inputs([path])
    assert isinstance(page, Document) and page.id == "p1"
    assert page.title == "Council sells the HARBOUR" and page.published == "2024-03-05"
    assert page.source == "Gazette feed"  # the line's own field wins over the page's
    assert page.metadata == {"crawl": 7}  # the page itself is not kept as metadata
    assert isinstance(empty, InputFailure) and empty.id == "p2"
    assert "found no article text" in empty.message()
    assert isinstance(wrong, InputFailure) and '"html" must be a web page' in wrong.message()
    assert isinstance(text, Document) and text.text == "Plain text wins."
    assert text.metadata == {}


def test_a_table_may_hold_pages_in_an_html_column(tmp_path):
    import csv

    path = tmp_path / "crawl.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "html", "outlet"])
        writer.writerow(["a", ARTICLE_HTML, "Gazette"])
        writer.writerow(["b", SCRIPTED_ONLY, "App"])
    page, empty = read_corpus([path])
    assert isinstance(page, Document) and page.id == "a"
    assert page.source == "Brinmouth Gazette" and page.metadata == {"outlet": "Gazette"}
    assert isinstance(empty, InputFailure) and empty.id == "b"
    assert count_corpus([path]) == 2
    bare = tmp_path / "bare.csv"
    bare.write_text("id,body\na,words\n", encoding="utf-8")
    [failure] = read_corpus([bare])
    assert isinstance(failure, InputFailure) and "'html'" in failure.message()


def test_the_cli_prints_one_object_for_one_url(site, monkeypatch):
    from typer.testing import CliRunner

    from propscope.cli import app

    monkeypatch.setenv(ALLOW_PRIVATE_ENV, "1")
    args = ["--components", "figures", "--format", "json"]
    result = CliRunner().invoke(app, ["analyze", site.url("/article"), *args])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["document"]["id"] == site.url("/article")
    # One page asked for with a "?" (no glob), and not read: nothing on stdout.
    missing = site.url("/article") + "?page=2"
    result = CliRunner().invoke(app, ["analyze", missing, *args])
    assert result.exit_code == 1 and result.stdout == ""
    assert f"{missing} answered HTTP 404" in " ".join(result.stderr.split())
