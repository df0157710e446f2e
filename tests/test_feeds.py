"""News feeds (RSS 2.0, RSS 1.0, Atom) as lists of links: `parse_feed` on hand-written
feeds, and `propscope links` writing a CSV that batch reads as links to fetch. The
fetched pages come from a local http.server on 127.0.0.1, so no test leaves the
machine."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from propscope.errors import InputError
from propscope.io.feeds import FeedItem, parse_feed
from web_helpers import ArticleSite, require

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Brinmouth Gazette</title>
<item><title>Council sells the harbour</title><link>https://gazette.example/harbour</link>
<pubDate>Tue, 05 Mar 2024 08:00:00 GMT</pubDate></item>
<item><title><![CDATA[By guid &amp; twice escaped]]></title>
<guid>https://gazette.example/by-guid</guid></item>
<item><title>A relative link</title><link>/sport/match</link></item>
<item><title>No link</title><guid isPermaLink="false">tag-123</guid></item>
<item><title>Mail</title><link>mailto:desk@gazette.example</link></item>
</channel></rss>
"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Harbour Watch</title>
<entry><title>Jobs claim doubted</title>
<link rel="alternate" href="https://watch.example/jobs"/>
<link rel="enclosure" href="https://watch.example/jobs.mp3"/>
<published>2024-03-06T09:30:00Z</published></entry>
<entry><title>Updated only</title><link href="https://watch.example/later"/>
<updated>2024-03-07</updated></entry>
</feed>
"""

RDF = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
 xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://old.example/"><title>The Old Wire</title></channel>
<item rdf:about="https://old.example/1"><title>First</title><link>https://old.example/1</link>
<dc:date>2024-03-01</dc:date></item>
</rdf:RDF>
"""


def test_an_rss_feed_gives_each_items_address_title_date_and_outlet() -> None:
    items = parse_feed(RSS, origin="feed.xml", base_url="https://gazette.example/rss")
    assert items == [
        FeedItem(
            "https://gazette.example/harbour",
            "Council sells the harbour",
            "2024-03-05T08:00:00+00:00",
            "Brinmouth Gazette",
        ),
        FeedItem(
            "https://gazette.example/by-guid",
            "By guid & twice escaped",
            None,
            "Brinmouth Gazette",
        ),
        FeedItem(
            "https://gazette.example/sport/match", "A relative link", None, "Brinmouth Gazette"
        ),
    ]
    # Saved without its address, a relative link leads nowhere: left out.
    assert [i.url for i in parse_feed(RSS, origin="feed.xml")] == [
        "https://gazette.example/harbour",
        "https://gazette.example/by-guid",
    ]


def test_atom_and_rss_1_feeds_are_read_too() -> None:
    assert parse_feed(ATOM, origin="atom.xml") == [
        FeedItem(
            "https://watch.example/jobs",
            "Jobs claim doubted",
            "2024-03-06T09:30:00+00:00",
            "Harbour Watch",
        ),
        FeedItem(
            "https://watch.example/later", "Updated only", "2024-03-07T00:00:00", "Harbour Watch"
        ),
    ]
    assert parse_feed(RDF, origin="rdf.xml") == [
        FeedItem("https://old.example/1", "First", "2024-03-01T00:00:00", "The Old Wire")
    ]


NEWS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
 xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://gazette.example/harbour</loc>
<news:news><news:publication><news:name>Brinmouth Gazette</news:name>
<news:language>en</news:language></news:publication>
<news:publication_date>2024-03-05T08:00:00+00:00</news:publication_date>
<news:title>Council sells the harbour</news:title></news:news></url>
<url><loc>https://gazette.example/about</loc><lastmod>2023-12-01</lastmod></url>
</urlset>
"""


def test_a_sitemap_lists_its_pages_and_a_news_sitemap_what_it_says_of_them() -> None:
    assert parse_feed(NEWS_SITEMAP, origin="sitemap.xml") == [
        FeedItem(
            "https://gazette.example/harbour",
            "Council sells the harbour",
            "2024-03-05T08:00:00+00:00",
            "Brinmouth Gazette",
        ),
        FeedItem("https://gazette.example/about", None, "2023-12-01T00:00:00", None),
    ]
    index = (
        b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<sitemap><loc>https://gazette.example/news.xml</loc></sitemap>"
        b"<sitemap><loc>https://gazette.example/pages.xml</loc></sitemap></sitemapindex>"
    )
    with pytest.raises(InputError, match="is a sitemap index: it lists 2 sitemap") as raised:
        parse_feed(index, origin="index.xml")
    assert "https://gazette.example/news.xml, https://gazette.example/pages.xml" in str(
        raised.value
    )


@pytest.mark.parametrize(
    "content, expected",
    [
        (b"<!DOCTYPE html><html><body>News</body></html>", "is a web page, not a feed"),
        (
            b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol "lol">]><rss>&lol;</rss>',
            "declares a DOCTYPE or entities",
        ),
        (b"<rss><channel><title>Cut off", "is not a readable feed (XML:"),
        (b"<sitemap><url/></sitemap>", "is XML but no feed (its root is <sitemap>)"),
    ],
)
def test_what_is_no_feed_is_refused_with_what_it_is(content: bytes, expected: str) -> None:
    with pytest.raises(InputError, match=expected.replace("(", r"\(").replace(")", r"\)")):
        parse_feed(content, origin="x.xml")


@pytest.fixture(scope="module")
def served():
    """The local site, for the tests that fetch (the web extra)."""
    require("trafilatura")
    require("httpx")
    with ArticleSite() as site:
        yield site


@pytest.fixture
def site(served, monkeypatch):
    from propscope.io.fetch import ALLOW_PRIVATE_ENV

    monkeypatch.setenv(ALLOW_PRIVATE_ENV, "1")
    return served


def _gazette(path: Path, site: ArticleSite) -> Path:
    """`RSS` saved at `path`, its two first articles on the local site."""
    path.write_bytes(
        RSS.replace(b"https://gazette.example/harbour", site.url("/article").encode()).replace(
            b"https://gazette.example/by-guid", site.url("/plain").encode()
        )
    )
    return path


def test_links_writes_the_feeds_articles_for_batch_to_fetch(tmp_path, site) -> None:
    from propscope.batch import AnalyzerSpec, run_batch
    from propscope.cli import app

    feed = _gazette(tmp_path / "gazette.xml", site)
    atom = tmp_path / "watch.xml"
    atom.write_bytes(ATOM.replace(b"https://watch.example/jobs", site.url("/article").encode()))
    out = tmp_path / "links.csv"
    runner = CliRunner()
    result = runner.invoke(app, ["links", str(feed), str(atom), str(tmp_path / "gone.xml")])
    assert result.exit_code == 1  # the missing feed, named; the others listed
    assert "gone.xml cannot be read" in " ".join(result.stderr.split())
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["url"] for r in rows] == [
        site.url("/article"),  # listed by both feeds: once, as the first gives it
        site.url("/plain"),
        "https://watch.example/later",
    ]
    assert rows[0]["source"] == "Brinmouth Gazette" and rows[0]["feed"] == str(feed)
    # An address that answers with a page, not a feed, says so.
    result = runner.invoke(app, ["links", site.url("/article"), "-o", str(out)])
    assert result.exit_code == 1 and not out.exists()
    assert "is a web page, not a feed" in " ".join(result.stderr.split())
    result = runner.invoke(app, ["links", str(feed), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    analyses = tmp_path / "out.jsonl"
    summary = run_batch(
        [out], output=analyses, analyzer=AnalyzerSpec(factory="batch_fakes:shouter")
    )
    assert (summary.analyzed, summary.failed) == (2, 0)
    record = json.loads(analyses.read_text().splitlines()[0])
    document = record["document"]
    assert document["id"] == site.url("/article")
    assert document["title"] == "Council sells the harbour"  # the feed's, as the row gives it
    assert document["published"] == "2024-03-05T08:00:00+00:00"
    assert document["source"] == "Brinmouth Gazette"
    assert document["metadata"] == {"feed": str(feed)}


def test_links_reads_a_feed_from_standard_input() -> None:
    from propscope.cli import app

    result = CliRunner().invoke(app, ["links", "-"], input=ATOM)
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["url"], r["feed"]) for r in rows] == [
        ("https://watch.example/jobs", "-"),
        ("https://watch.example/later", "-"),
    ]


def test_a_saved_feed_given_to_batch_is_a_list_of_links(tmp_path, site) -> None:
    """A `.xml` feed named to batch was read as one article of XML markup."""
    from propscope.batch import AnalyzerSpec, run_batch
    from propscope.io.tables import count_corpus

    feed = _gazette(tmp_path / "gazette.xml", site)
    sitemap = tmp_path / "sitemap.xml"
    sitemap.write_bytes(b"<sitemapindex><sitemap><loc>x</loc></sitemap></sitemapindex>")
    assert count_corpus([feed, sitemap]) == 3
    out = tmp_path / "out.jsonl"
    spec = AnalyzerSpec(factory="batch_fakes:shouter")
    summary = run_batch([feed, sitemap], output=out, analyzer=spec)
    assert (summary.analyzed, summary.failed) == (2, 1)
    rows = {r["key"]: r for r in map(json.loads, out.read_text().splitlines())}
    article = rows[site.url("/article")]["document"]
    assert article["title"] == "Council sells the harbour"
    assert article["metadata"] == {"feed": str(feed)}
    assert "is a sitemap index" in rows["sitemap.xml"]["error"]["message"]
    asked = len(site.requests)
    again = run_batch([feed], output=out, analyzer=spec)
    assert (again.analyzed, again.skipped) == (0, 2) and len(site.requests) == asked


def test_a_feeds_address_analyzed_as_a_page_says_how_to_list_its_articles(site) -> None:
    from propscope.cli import app
    from propscope.io.readers import InputFailure
    from propscope.io.tables import read_corpus

    for path in ("/feed", "/feed-as-xml"):
        [failure] = read_corpus([site.url(path)])
        assert isinstance(failure, InputFailure)
        message = " ".join(failure.message().split())
        assert "is a news feed or sitemap" in message
        assert f"propscope links {site.url(path)} -o links.csv" in message
    result = CliRunner().invoke(app, ["links", site.url("/feed")])
    assert result.exit_code == 0, result.stderr
    [row] = list(csv.DictReader(io.StringIO(result.stdout)))
    assert row["url"] == site.url("/article")  # the relative link, made whole
    assert row["source"] == "Brinmouth Gazette"


def test_analyze_prints_a_list_for_a_saved_feed_of_one_article(tmp_path, site) -> None:
    """The shape follows what was asked for: a feed is a file of several, like a table."""
    from propscope.cli import app

    feed = tmp_path / "one.rss"
    feed.write_bytes(FEED_ONE.replace(b"ARTICLE", site.url("/article").encode()))
    args = ["analyze", str(feed), "--components", "figures", "--format", "json"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.stderr
    [analysis] = json.loads(result.stdout)
    assert analysis["document"]["id"] == site.url("/article")


FEED_ONE = (
    b"<rss><channel><title>G</title><item><title>One</title><link>ARTICLE</link></item>"
    b"</channel></rss>"
)
