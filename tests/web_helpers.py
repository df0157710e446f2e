"""What the web and fetch tests share: a fast analyzer with every layer, a local web
site of article pages, and the real server on a free port."""

from __future__ import annotations

import importlib
import os
import re
import socket
import threading
import time
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import pytest

from fakes import Shouter, figure_minded_model
from propscope import Analysis, Analyzer, Document, TechniqueSpan
from propscope.analysis import (
    Actor,
    ActorLabel,
    AttributedSpan,
    Attribution,
    DoubleStandard,
    Headline,
    UpdateLine,
    link_actors_to_techniques,
    summarize_actors,
    summarize_techniques,
)
from propscope.components.claims import ClaimScorer
from propscope.language import english_share


def require(module: str) -> Any:
    """Import `module` (part of the `web` extra), or skip the tests that need it where it
    is missing; under CI a missing module fails them, so they never go silently unrun."""
    if os.environ.get("CI", "").lower() == "true":
        return importlib.import_module(module)
    return pytest.importorskip(
        module, reason=f"{module} is not installed; pip install -e '.[web]' to run these tests"
    )


# A feed of one article, linked by a relative address.
FEED_XML = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
    b"<title>Brinmouth Gazette</title><item><title>Council sells the harbour</title>"
    b"<link>/article</link></item></channel></rss>"
)

ARTICLE_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Council sells harbour | Brinmouth Gazette</title>
<meta property="og:site_name" content="Brinmouth Gazette">
<meta property="og:title" content="Council sells the HARBOUR">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>Council sells the HARBOUR</h1>
<p>The Brinmouth town council voted on Tuesday to sell the old harbour to an overseas
developer, a SHAMEFUL betrayal of every family that has fished these waters.</p>
<p>Councillor Hale, who pushed the deal through, has never been able to explain where the
money will go. Can we really trust a man who changed his story three times?</p>
<p>"They are taking the bread from our children's mouths," said Tom Baker, a skipper.</p>
<p>The developer claims the project will create 400 jobs, but independent estimates put the
figure closer to 40.</p>
</article>
<footer>Copyright 2024 Brinmouth Gazette. All rights reserved.</footer>
</body></html>
"""


# --- a fast analyzer with every layer ----------------------------------------------------


class FakeLayers:
    """Attributions, a headline check and figures by simple rules: `"...," said Name`
    is a person's statement, a sentence starting "Everyone" an unattributed one, a line
    starting "UPDATE:" an update that contradicts the headline. Figures come from the
    real (rule-based, fast) figures component."""

    name = "layers"
    _SAID = re.compile(r'"([^"]+?),?" said ([A-Z]\w+(?: [A-Z]\w+)*)')
    _EVERYONE = re.compile(r"Everyone[^.\n]*\.")
    _UPDATE = re.compile(r"^UPDATE:[^\n]*", re.MULTILINE)

    def __init__(self) -> None:
        self._figures = Analyzer(("figures",)).get("figures")

    def __call__(self, docs: Sequence[Document], analyses: Sequence[Analysis]) -> None:
        self._figures(docs, analyses)
        for doc, analysis in zip(docs, analyses, strict=True):
            text = doc.text
            attributions = []
            for match in self._SAID.finditer(text):
                cue_start = text.index("said", match.end(1))
                attributions.append(
                    Attribution(
                        source=AttributedSpan(match.start(2), match.end(2), match.group(2)),
                        cue=AttributedSpan(cue_start, cue_start + 4, "said"),
                        content=AttributedSpan(match.start(1), match.end(1), match.group(1)),
                        source_kind="person",
                    )
                )
            for match in self._EVERYONE.finditer(text):
                attributions.append(
                    Attribution(
                        source=None,
                        cue=None,
                        content=AttributedSpan(match.start(), match.end(), match.group()),
                        source_kind="unattributed",
                    )
                )
            analysis.attributions = attributions
            updates = tuple(
                UpdateLine(
                    start=match.start(),
                    end=match.end(),
                    kind="update",
                    contradicts_headline=True if doc.title else None,
                    reflected_in_body=False,
                    reasons=("the fake says so",),
                    text=match.group(),
                )
                for match in self._UPDATE.finditer(text)
            )
            # With a headline and an update, the body "disagrees", resting on its first line.
            first = doc.body_start, doc.text.find("\n", doc.body_start)
            judged = bool(doc.title and updates and first[1] > first[0])
            analysis.headline = Headline(
                text=doc.title,
                updates=updates,
                stance="disagree" if judged else None,
                stance_scores={"disagree": 0.7, "agree": 0.1, "discuss": 0.1, "unrelated": 0.1}
                if judged
                else {},
                evidence=(AttributedSpan(first[0], first[1], doc.text[first[0] : first[1]]),)
                if judged
                else (),
            )


class Questioner:
    """Marks every question as doubt, beside the spans already found."""

    name = "questioner"
    _QUESTION = re.compile(r"[A-Z][^.?!\n]*\?")

    def __call__(self, docs: Sequence[Document], analyses: Sequence[Analysis]) -> None:
        for doc, analysis in zip(docs, analyses, strict=True):
            spans = list(analysis.techniques or [])
            for match in self._QUESTION.finditer(doc.text):
                spans.append(TechniqueSpan(match.start(), match.end(), "Doubt", 0.6, match.group()))
            spans.sort(key=lambda span: (span.start, span.end))
            analysis.techniques = spans
            analysis.summary.update(summarize_techniques(doc.text, spans))


class FakeActors:
    """Actors by two rules: every capitalised word (not a sentence-opening function word
    such as "The") that the text holds two or more times is a person, with each use a
    mention; a quotation after "so-called" (`so-called "moderate rebels"`) is a
    distancing label of the most mentioned actor. Each actor is linked, as the real
    component does, to the technique spans touching it and to the statements whose
    source names it. A text that does not look English gets no layer and a note."""

    name = "actors"
    _WORD = re.compile(r"\b[A-Z][a-z]+\b")
    _SO_CALLED = re.compile(r'so-called "([^"\n]+)"')
    _FUNCTION_WORDS = frozenset(
        "A An And As At But By For He How If In Is It Its No Of On Or She So That The "
        "Their There These They This Those To We What When Who Why Yet You".split()
    )

    def __call__(self, docs: Sequence[Document], analyses: Sequence[Analysis]) -> None:
        for doc, analysis in zip(docs, analyses, strict=True):
            share = english_share(doc.text)
            if share is not None and share < 0.15:
                analysis.notes.append("Actors were not computed: the text does not look English.")
                continue
            mentions: dict[str, list[AttributedSpan]] = {}
            for match in self._WORD.finditer(doc.text):
                if match.group() not in self._FUNCTION_WORDS:
                    span = AttributedSpan(match.start(), match.end(), match.group())
                    mentions.setdefault(match.group(), []).append(span)
            named = {word: spans for word, spans in mentions.items() if len(spans) >= 2}
            labels: dict[str, list[ActorLabel]] = {word: [] for word in named}
            if named:
                most = max(named, key=lambda word: len(named[word]))  # the first, on a tie
                for match in self._SO_CALLED.finditer(doc.text):
                    labels[most].append(
                        ActorLabel(
                            match.start(1),
                            match.end(1),
                            match.group(1),
                            distancing=True,
                            marks=("scare_quotes", "so_called"),
                        )
                    )
            actors = [
                Actor(
                    word,
                    "person",
                    tuple(spans),
                    tuple(labels[word]),
                    sources=self._sources(spans, analysis.attributions),
                )
                for word, spans in named.items()
            ]
            actors = link_actors_to_techniques(actors, analysis.techniques)
            analysis.actors = actors
            analysis.summary.update(summarize_actors(actors))

    @staticmethod
    def _sources(
        mentions: Sequence[AttributedSpan], attributions: Sequence[Attribution] | None
    ) -> tuple[int, ...] | None:
        """The statements whose source span overlaps a mention; None without the layer."""
        if attributions is None:
            return None
        return tuple(
            index
            for index, item in enumerate(attributions)
            if item.source is not None
            and any(m.start < item.source.end and item.source.start < m.end for m in mentions)
        )


class FakeDoubleStandards:
    """Double standards by one rule: a sentence "X is praised for ACT." and a later one
    "... Y is condemned for ACT." with the same ACT. A text that does not look English
    gets no layer and a note."""

    name = "double_standards"
    _SENTENCE = re.compile(r"[^.?!\n]+[.?!]")
    _JUDGED = re.compile(r"(\w+) is (praised|condemned) for ([^.]+)\.")

    def __call__(self, docs: Sequence[Document], analyses: Sequence[Analysis]) -> None:
        for doc, analysis in zip(docs, analyses, strict=True):
            share = english_share(doc.text)
            if share is not None and share < 0.15:
                analysis.notes.append(
                    "Double standards were not looked for: the text does not look English."
                )
                continue
            judged = []
            for sentence in self._SENTENCE.finditer(doc.text):
                match = self._JUDGED.search(sentence.group())
                if match:
                    start = (
                        sentence.start() + len(sentence.group()) - len(sentence.group().lstrip())
                    )
                    span = AttributedSpan(start, sentence.end(), doc.text[start : sentence.end()])
                    judged.append((span, match.group(1), match.group(2), match.group(3)))
            found = [
                DoubleStandard(
                    kind="opposite_judgements",
                    passages=(one[0], two[0]),
                    act=one[3],
                    parties=(one[1], two[1]),
                    judgements=(one[2], two[2]),
                )
                for k, one in enumerate(judged)
                for two in judged[k + 1 :]
                if one[3] == two[3] and one[2] != two[2]
            ]
            analysis.double_standards = found
            analysis.summary["double_standards"] = len(found)


def fake_analyzer() -> Analyzer:
    """Loaded language for every word in capitals, doubt for every question, and every
    other layer, in no time (claims scored by a hand-made model that favours the figures
    400 and 40, jobs and estimates; actors by `FakeActors`' two rules; double standards
    by `FakeDoubleStandards`' one)."""
    return Analyzer.from_components(
        [
            ("techniques", Shouter()),
            ("questions", Questioner()),
            ("layers", FakeLayers()),
            ("claims", ClaimScorer(model=figure_minded_model())),
            ("actors", FakeActors()),
            ("double_standards", FakeDoubleStandards()),
        ]
    )


class BlockingAnalyzer:
    """An analyzer stand-in that holds each analysis until `release` is set, to show
    that the service answers other requests meanwhile."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.started = threading.Event()
        self._inner = fake_analyzer()

    def __call__(self, doc: Document) -> Analysis:
        self.started.set()
        if not self.release.wait(30):
            raise RuntimeError("the test never released the analysis")
        return self._inner(doc)


@cache
def gzip_bomb() -> bytes:
    """100 MB of zeros, gzip-compressed to about 100 KB (made once; about half a second)."""
    packer = zlib.compressobj(6, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = bytes(10_000_000)
    return b"".join([*(packer.compress(zeros) for _ in range(10)), packer.flush()])


def _compressed(data: bytes, wbits: int) -> bytes:
    packer = zlib.compressobj(6, zlib.DEFLATED, wbits)
    return packer.compress(data) + packer.flush()


# --- a local web site ------------------------------------------------------------------


class _Pages(BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, Any]] = {}

    def do_GET(self) -> None:
        route = self.routes.get(self.path)
        if route is None:
            self._send(404, "text/html", b"<p>not here</p>")
            return
        route(self)

    def _send(self, status: int, content_type: str, body: bytes, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
        pass


class ArticleSite:
    """Pages served from 127.0.0.1 on a free port: an article, redirects, pages too big,
    too slow or of the wrong kind. `slow_release` lets the slow page finish."""

    def __init__(self) -> None:
        self.slow_release = threading.Event()
        self.requests: list[str] = []
        routes = {
            "/article": self._article,
            "/redirect": self._redirect_to("/article"),
            "/redirect-twice": self._redirect_to("/redirect"),
            "/loop": self._redirect_to("/loop"),
            "/to-metadata": self._redirect_to("http://169.254.169.254/latest/meta-data/"),
            "/big": self._big,
            "/big-unsized": self._big_unsized,
            "/slow": self._slow,
            "/pdf": lambda h: h._send(200, "application/pdf", b"%PDF-1.4 ..."),
            "/plain": lambda h: h._send(
                200, "text/plain; charset=utf-8", b"They are LIARS. All of them."
            ),
            "/empty": lambda h: h._send(200, "text/html", b"<html><body></body></html>"),
            "/feed": lambda h: h._send(200, "application/rss+xml; charset=utf-8", FEED_XML),
            "/feed-as-xml": lambda h: h._send(200, "text/xml", FEED_XML),
            "/latin1": lambda h: h._send(
                200,
                "text/html; charset=iso-8859-1",
                ARTICLE_HTML.replace("Tuesday", "Tuesday in the café").encode("latin-1"),
            ),
            "/trickle": self._trickle,
            "/hang-up": self._hang_up,
            "/gzip": self._encoded("gzip", 16 + zlib.MAX_WBITS),
            "/deflate": self._encoded("deflate", zlib.MAX_WBITS),  # zlib's format
            "/raw-deflate": self._encoded("deflate", -zlib.MAX_WBITS),
            "/brotli": lambda h: h._send(200, "text/html", b"\x8b\x03\x80", Content_Encoding="br"),
            "/gzip-twice": lambda h: h._send(
                200, "text/html", b"\x1f\x8b", Content_Encoding="gzip, gzip"
            ),
            "/bomb": lambda h: h._send(200, "text/html", gzip_bomb(), Content_Encoding="gzip"),
            # Busy: 429 at the first request, the article after; 503 always; a long wait.
            "/busy-once": self._busy_once,
            "/unavailable": lambda h: h._send(503, "text/html", b"down", Retry_After="0"),
            "/busy-long": lambda h: h._send(429, "text/html", b"slow down", Retry_After="3600"),
            "/busy-unsaid": lambda h: h._send(429, "text/html", b"slow down"),
        }
        site = self

        class Handler(_Pages):
            def do_GET(self) -> None:
                site.requests.append(self.path)
                super().do_GET()

        Handler.routes = routes
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def __enter__(self) -> ArticleSite:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.slow_release.set()
        self.server.shutdown()
        self.server.server_close()

    def _busy_once(self, handler: _Pages) -> None:
        if self.requests.count("/busy-once") == 1:
            handler._send(429, "text/html", b"slow down", Retry_After="1")
        else:
            self._article(handler)

    @staticmethod
    def _article(handler: _Pages) -> None:
        handler._send(200, "text/html; charset=utf-8", ARTICLE_HTML.encode("utf-8"))

    @staticmethod
    def _redirect_to(location: str) -> Any:
        return lambda handler: handler._send(302, "text/html", b"", Location=location)

    @staticmethod
    def _big(handler: _Pages) -> None:
        handler._send(200, "text/html", b"<p>" + b"x" * 200_000 + b"</p>")

    @staticmethod
    def _big_unsized(handler: _Pages) -> None:
        # No Content-Length: the fetcher has to count as it reads.
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Connection", "close")
        handler.end_headers()
        try:
            for _ in range(50):
                handler.wfile.write(b"<p>" + b"y" * 10_000 + b"</p>")
        except OSError:
            pass  # the fetcher hung up, as it should

    @staticmethod
    def _encoded(encoding: str, wbits: int) -> Any:
        body = _compressed(ARTICLE_HTML.encode("utf-8"), wbits)
        return lambda handler: handler._send(
            200, "text/html; charset=utf-8", body, Content_Encoding=encoding
        )

    @staticmethod
    def _hang_up(handler: _Pages) -> None:
        handler.close_connection = True  # closes the connection without an answer

    def _trickle(self, handler: _Pages) -> None:
        """The status line and headers, one byte every 0.2 s (about 20 s in all): each
        read is quick, the whole is not."""
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Padding: " + b"a" * 60
        try:
            for byte in head:
                handler.wfile.write(bytes([byte]))
                if self.slow_release.wait(0.2):
                    return
            handler.wfile.write(b"\r\nContent-Length: 2\r\n\r\nok")
        except OSError:
            pass  # the fetcher hung up, as it should
        handler.close_connection = True

    def _slow(self, handler: _Pages) -> None:
        self.slow_release.wait(30)
        handler._send(200, "text/html", ARTICLE_HTML.encode())


# --- the real server -------------------------------------------------------------------


@contextmanager
def live_server(app: Any) -> Iterator[str]:
    """Run `app` with uvicorn in a thread on a free port of 127.0.0.1; yield its base URL."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:  # uvicorn sets this once it accepts connections
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()
