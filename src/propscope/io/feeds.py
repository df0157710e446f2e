"""News feeds (RSS 2.0, RSS 1.0 and Atom) and sitemaps as lists of links.

An outlet's feed lists its latest articles: each item's address, title, date and the
feed's own title (the outlet). A sitemap (`<urlset>`) lists its pages, and a news
sitemap each article's title, date and publication too. `read_feed` reads one from a
URL (fetched under `propscope.io.fetch`'s rules) or a saved file; `propscope links
FEED... -o links.csv` writes the items of one or more feeds as a table that `propscope
batch` reads as a list of links, fetching each article:

    propscope links https://outlet.example/rss -o links.csv
    propscope batch links.csv -o analyses.jsonl     # again later: only new links are fetched

A feed that declares a DOCTYPE is refused: no feed needs one, and entity declarations
are how an XML file is made to expand without end.
"""

from __future__ import annotations

import html
import re
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urljoin

from propscope.errors import InputError, NoInputsError
from propscope.io.readers import is_url

__all__ = ["FeedItem", "looks_like_feed", "no_links_error", "parse_feed", "read_feed"]

_DECLARATIONS = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_HTML = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!DOCTYPE\s+html|<html)", re.IGNORECASE)
_ATOM = "{http://www.w3.org/2005/Atom}"
# The root of a feed or sitemap, after an XML declaration and comments.
_FEED_ROOT = re.compile(
    rb"\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*<(?:[\w-]+:)?(?:rss|feed|RDF|urlset|sitemapindex)\b",
    re.DOTALL,
)


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One item of a feed: the article's address, and what the feed says of it."""

    url: str
    title: str | None = None
    published: str | None = None  # ISO 8601 where the feed's date reads as a date
    source: str | None = None  # the feed's title: the outlet


def looks_like_feed(content: bytes) -> bool:
    """Whether XML opens as one of the documents `parse_feed` reads (RSS, Atom, a
    sitemap or sitemap index): for a page served as plain `text/xml`."""
    return _FEED_ROOT.match(content[:2048]) is not None


def no_links_error(origin: str) -> NoInputsError:
    """The error of a feed that lists no article one could fetch."""
    return NoInputsError(f"{origin} lists no article with an http(s) address.")


def read_feed(source: str) -> list[FeedItem]:
    """The items of the feed at a URL, in a saved file, or on standard input (`-`).
    Raises `FetchError` (or `InputError`) naming the problem where it cannot be read or
    is no feed."""
    if is_url(source):
        from propscope.io.fetch import Fetcher

        page = Fetcher().download(source)
        return parse_feed(page.body, origin=source, base_url=page.final_url)
    if source == "-":
        return parse_feed(sys.stdin.buffer.read(), origin="<stdin>")
    try:
        content = Path(source).read_bytes()
    except OSError as exc:
        raise InputError(f"{source} cannot be read: {exc.strerror}.") from None
    return parse_feed(content, origin=source)


def parse_feed(content: bytes, *, origin: str, base_url: str | None = None) -> list[FeedItem]:
    """The items of an RSS 2.0, RSS 1.0 or Atom feed, or of a sitemap, in their order,
    each address made absolute against `base_url` and kept only where it is http(s)."""
    if _HTML.search(content[:4096]):
        raise InputError(
            f"{origin} is a web page, not a feed. Give the address of the outlet's RSS or "
            'Atom feed (its pages often link it as "RSS"), or give this page to '
            "`propscope analyze` or `batch` as it is."
        )
    if _DECLARATIONS.search(content[:4096]):
        raise InputError(
            f"{origin} declares a DOCTYPE or entities, which no feed needs; propscope "
            "does not read such XML. Check that this is the outlet's RSS or Atom feed."
        )
    try:
        root = ET.fromstring(content)
    except ET.ParseError as exc:
        raise InputError(
            f"{origin} is not a readable feed (XML: {exc}). Give the address of the "
            "outlet's RSS or Atom feed, not of a page."
        ) from None
    name = _local(root.tag)
    if name == "rss":
        channel = root.find("channel")
        items = [] if channel is None else channel.findall("item")
        feed_title = _text(channel, "title") if channel is not None else None
        found = [_rss_item(item, feed_title) for item in items]
    elif name == "RDF":
        channel = next((c for c in root if _local(c.tag) == "channel"), None)
        feed_title = _child_text(channel, "title") if channel is not None else None
        found = [_rdf_item(item, feed_title) for item in root if _local(item.tag) == "item"]
    elif root.tag == f"{_ATOM}feed":
        feed_title = _text(root, f"{_ATOM}title")
        found = [_atom_entry(entry, feed_title) for entry in root.findall(f"{_ATOM}entry")]
    elif name == "urlset":
        found = [_sitemap_url(url) for url in root if _local(url.tag) == "url"]
    elif name == "sitemapindex":
        maps = [_child_text(m, "loc") for m in root if _local(m.tag) == "sitemap"]
        shown = ", ".join(m for m in maps[:3] if m) + (", ..." if len(maps) > 3 else "")
        raise InputError(
            f"{origin} is a sitemap index: it lists {len(maps)} sitemap(s), not articles "
            f"({shown}). Give one or more of those sitemaps."
        )
    else:
        raise InputError(
            f"{origin} is XML but no feed (its root is <{name}>); propscope reads RSS and "
            "Atom feeds. Give the address of the outlet's feed."
        )
    out = []
    for item in found:
        if item is None:
            continue
        url = urljoin(base_url, item.url) if base_url else item.url
        if is_url(url):
            out.append(FeedItem(url, item.title, item.published, item.source))
    return out


def _rss_item(item: ET.Element, feed_title: str | None) -> FeedItem | None:
    link = _text(item, "link")
    guid = item.find("guid")
    if not link and guid is not None and guid.get("isPermaLink", "true") == "true":
        link = _clean(guid.text)
    if not link:
        return None
    return FeedItem(link, _text(item, "title"), _date(_text(item, "pubDate")), feed_title)


def _rdf_item(item: ET.Element, feed_title: str | None) -> FeedItem | None:
    link = _child_text(item, "link") or item.get(
        "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about"
    )
    if not link:
        return None
    return FeedItem(link, _child_text(item, "title"), _date(_child_text(item, "date")), feed_title)


def _atom_entry(entry: ET.Element, feed_title: str | None) -> FeedItem | None:
    links = entry.findall(f"{_ATOM}link")
    chosen = next((li for li in links if li.get("rel", "alternate") == "alternate"), None)
    href = _clean(chosen.get("href")) if chosen is not None else None
    if not href:
        return None
    date = _text(entry, f"{_ATOM}published") or _text(entry, f"{_ATOM}updated")
    return FeedItem(href, _text(entry, f"{_ATOM}title"), _date(date), feed_title)


def _sitemap_url(url: ET.Element) -> FeedItem | None:
    """A sitemap's page; a news sitemap's `<news:news>` gives its title, date and
    publication, and `<lastmod>` the date otherwise."""
    loc = _child_text(url, "loc")
    if not loc:
        return None
    news = next((c for c in url if _local(c.tag) == "news"), None)
    publication = (
        None if news is None else next((c for c in news if _local(c.tag) == "publication"), None)
    )
    date = _child_text(news, "publication_date") or _child_text(url, "lastmod")
    return FeedItem(loc, _child_text(news, "title"), _date(date), _child_text(publication, "name"))


def _date(value: str | None) -> str | None:
    """An RSS date ("Tue, 05 Mar 2024 08:00:00 GMT") or an ISO one as ISO 8601; any
    other as written."""
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        return value


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _text(element: ET.Element | None, path: str) -> str | None:
    found = element.find(path) if element is not None else None
    return _clean(found.text) if found is not None else None


def _child_text(element: ET.Element | None, name: str) -> str | None:
    """The text of the first child named `name` in any namespace (RSS 1.0 mixes its
    own, Dublin Core's and RDF's)."""
    for child in element if element is not None else ():
        if _local(child.tag) == name:
            return _clean(child.text)
    return None


def _clean(value: str | None) -> str | None:
    """Text with its spaces made single; HTML entities are read too, as feeds escape
    their titles twice ("A &amp; B" inside CDATA is "A & B")."""
    flat = " ".join(html.unescape(value or "").split())
    return flat or None
