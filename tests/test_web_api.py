"""The web service's JSON API over a fast fake analyzer: analyses, the store behind
them, limits and bad input, one error shape, concurrency, URL fetching and `serve`."""

from __future__ import annotations

import json
import re
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from web_helpers import (
    ARTICLE_HTML,
    ArticleSite,
    BlockingAnalyzer,
    fake_analyzer,
    live_server,
    require,
)

require("fastapi")
httpx = require("httpx")

from fastapi.testclient import TestClient  # noqa: E402

from fakes import Ranker  # noqa: E402
from propscope import Analyzer, Document  # noqa: E402
from propscope.errors import ComponentError  # noqa: E402
from propscope.store import Store  # noqa: E402
from propscope.techniques import TECHNIQUE_NAMES  # noqa: E402
from propscope.web import WebSettings, create_app  # noqa: E402
from propscope.web.app import (  # noqa: E402
    CONTENT_SECURITY_POLICY,
    is_loopback_host,
    loopback_host_names,
)

ARTICLE = (
    "The council voted to sell the harbour, a SHAMEFUL betrayal.\n\n"
    '"They are taking the bread from our mouths," said Tom Baker.\n\n'
    "The developer claims 400 jobs, but independent estimates put the figure closer to 40."
)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "analyses.db")


@pytest.fixture
def client(store: Store) -> TestClient:
    app = create_app(fake_analyzer(), store, WebSettings(max_chars=2_000))
    with TestClient(app) as client:
        yield client


def _post(client, body, **headers):
    return client.post("/api/analyze", json=body, headers=headers)


def test_an_article_sent_with_its_outlet_and_date_is_grouped_by_them_in_a_report(
    client, store, tmp_path
) -> None:
    # The service's store could never be grouped by outlet or month: the API refused
    # both fields (review, session 38).
    from propscope.batch.report import write_report

    body = {"text": "The mayor spoke.", "source": " Daily  Ledger ", "published": "2025-02-03"}
    made = _post(client, body)
    assert made.status_code == 201, made.text
    document = client.get(made.headers["location"]).json()["analysis"]["document"]
    assert (document["source"], document["published"]) == ("Daily Ledger", "2025-02-03")
    assert _post(client, {"text": "The mayor left."}).status_code == 201
    written = write_report(store.path, tmp_path / "d.html", data_dir=tmp_path / "t")
    import csv

    with open(tmp_path / "t" / "overview.csv", encoding="utf-8") as handle:
        (overview,) = csv.DictReader(handle)
    assert written.articles == 2
    assert (overview["outlets"], overview["without_outlet"]) == ("1", "1")
    months = (tmp_path / "t" / "months.csv").read_text(encoding="utf-8")
    assert "2025-02,1," in months


@pytest.fixture
def ranker() -> Ranker:
    return Ranker()


@pytest.fixture
def classifying(store: Store, ranker: Ranker) -> TestClient:
    app = create_app(
        Analyzer.from_components([("techniques", ranker)]), store, WebSettings(max_chars=2_000)
    )
    with TestClient(app) as client:
        yield client


def _error(response, status: int, code: str) -> str:
    """Check the one error shape and return its message."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    data = response.json()
    assert set(data) == {"error"} and set(data["error"]) == {"code", "message"}, data
    assert data["error"]["code"] == code, data
    message = data["error"]["message"]
    assert "Traceback" not in message and 'File "' not in message
    return message


# --- analyses -----------------------------------------------------------------------------


def test_analyze_returns_the_analysis_with_a_permanent_link(client):
    response = _post(client, {"text": ARTICLE, "title": "Harbour sold"})
    assert response.status_code == 201, response.text
    data = response.json()
    assert data["permalink"] == f"/a/{data['id']}"
    assert response.headers["location"] == f"/api/analyses/{data['id']}"
    analysis = data["analysis"]
    assert analysis["document"]["title"] == "Harbour sold"
    text = analysis["document"]["text"]
    assert text == "Harbour sold\n\n" + ARTICLE
    (span,) = analysis["techniques"]
    assert text[span["start"] : span["end"]] == "SHAMEFUL"
    assert {"figures", "figure_conflicts", "attributions", "headline"} <= set(analysis)
    again = client.get(f"/api/analyses/{data['id']}")
    assert again.status_code == 200
    assert again.json() == data
    # Location names the resource, as a REST client expects: following it gives the same.
    assert client.get(response.headers["location"]).json() == data


def test_the_docs_say_where_location_and_the_permalink_point():
    docs = (Path(__file__).parents[1] / "docs" / "web.md").read_text(encoding="utf-8")
    section = docs[docs.index("### `POST /api/analyze`") : docs.index("### `POST /api/classify`")]
    assert "`Location` header" in section
    assert "`/api/analyses/{id}`" in section and "`/a/{id}`" in section
    assert "(also in the `Location` header)" not in section


def test_the_docs_list_every_error_code_and_status_of_analyze():
    from propscope import errors
    from propscope.web.service import error_for

    docs = (Path(__file__).parents[1] / "docs" / "web.md").read_text(encoding="utf-8")
    section = docs[docs.index("### `POST /api/analyze`") : docs.index("### `POST /api/classify`")]
    kinds = [
        errors.UrlRefusedError,
        errors.FetchTimeoutError,
        errors.EmptyTextError,
        errors.FetchError,
        errors.InputError,
        errors.MissingDependencyError,
        errors.ModelError,
        errors.ComponentError,
    ]
    rows = {(f"| {e.status} |", f"`{e.code}`") for e in (error_for(k("x")) for k in kinds)}
    rows.add(("| 500 |", "`internal_error`"))
    for status, code in rows:
        assert any(line.startswith(status) and code in line for line in section.splitlines()), (
            status,
            code,
        )


def test_analyze_returns_every_sentence_scored_as_a_claim(client):
    analysis = _post(client, {"text": ARTICLE, "title": "Harbour sold"}).json()["analysis"]
    text = analysis["document"]["text"]
    claims = analysis["claims"]
    assert [claim["text"] for claim in claims] == [
        "Harbour sold",
        "The council voted to sell the harbour, a SHAMEFUL betrayal.",
        '"They are taking the bread from our mouths," said Tom Baker.',
        "The developer claims 400 jobs, but independent estimates put the figure closer to 40.",
    ]
    for claim in claims:
        assert set(claim) == {"start", "end", "text", "checkworthiness", "attribution"}
        assert text[claim["start"] : claim["end"]] == claim["text"]
        assert 0.0 <= claim["checkworthiness"] <= 1.0
    assert [claim["start"] for claim in claims] == sorted(claim["start"] for claim in claims)
    best = max(claims, key=lambda claim: claim["checkworthiness"])
    assert "400 jobs" in best["text"] and best["checkworthiness"] >= 0.5
    # Tom Baker's sentence points at his statement; the others report none.
    attributions = analysis["attributions"]
    assert [claim["attribution"] for claim in claims] == [None, None, 0, None]
    assert attributions[0]["source"]["text"] == "Tom Baker"
    summary = analysis["summary"]
    assert summary["claims"] == 4
    assert summary["checkworthy"] == sum(claim["checkworthiness"] >= 0.5 for claim in claims) == 1


def test_analyze_returns_the_actors_layer(client):
    analysis = _post(client, {"text": ARTICLE, "title": "Baker's harbour"}).json()["analysis"]
    # "Baker" is in the title and the body: the fake makes an actor of it, the source
    # of Tom Baker's statement.
    actors = [(a["name"], a["kind"], len(a["mentions"]), a["sources"]) for a in analysis["actors"]]
    assert actors == [("Baker", "person", 2, [0])]


def test_without_a_title_the_first_line_and_an_empty_line_make_one(client):
    data = _post(client, {"text": "Headline HERE\n\nBody text."}).json()
    assert data["analysis"]["document"]["title"] == "Headline HERE"


def test_history_is_newest_first_and_searchable_by_title_or_source(client, store):
    for title in ("Harbour sold", "Bridge closed", "Weather warning"):
        assert _post(client, {"text": "Some TEXT here.", "title": title}).status_code == 201
    # A fetched article has a source; the store's own row shows it.
    store.add(
        fake_analyzer()(Document.from_text("Body.", title="Ferry late", source="Harbour Gazette"))
    )
    listing = client.get("/api/analyses").json()
    assert [item["title"] for item in listing["items"]] == [
        "Ferry late",
        "Weather warning",
        "Bridge closed",
        "Harbour sold",
    ]
    assert listing["total"] == 4
    item = listing["items"][1]
    assert item["permalink"] == f"/a/{item['id']}" and item["spans"] == 1
    found = client.get("/api/analyses", params={"query": "HARBOUR"}).json()
    assert [item["title"] for item in found["items"]] == ["Ferry late", "Harbour sold"]
    assert found["total"] == 2 and found["query"] == "HARBOUR"
    page = client.get("/api/analyses", params={"limit": 2, "offset": 1}).json()
    assert [item["title"] for item in page["items"]] == ["Weather warning", "Bridge closed"]
    assert (page["total"], page["limit"], page["offset"]) == (4, 2, 1)


def test_a_search_too_long_or_holding_a_control_character_is_refused(client):
    # 60,000 characters answered 500 and blamed the store; a NUL matched everything
    # (review, session 39).
    assert _post(client, {"text": "Some TEXT here.", "title": "Harbour sold"}).status_code == 201
    long = client.get("/api/analyses", params={"query": "a" * 60_000})
    assert long.status_code == 422
    assert long.json()["error"]["code"] == "invalid_request"
    assert "store" not in long.json()["error"]["message"]
    nul = client.get("/api/analyses", params={"query": "\x00"})
    assert nul.status_code == 422 and "control character" in nul.json()["error"]["message"]
    assert client.get("/api/analyses", params={"query": "a" * 1000}).status_code == 200


def test_analyses_survive_a_restart(tmp_path):
    path = tmp_path / "kept.db"
    with TestClient(create_app(fake_analyzer(), path)) as first:
        made = _post(first, {"text": "Kept ACROSS restarts.", "title": "Kept"}).json()
    with TestClient(create_app(fake_analyzer(), path)) as second:
        again = second.get(f"/api/analyses/{made['id']}")
        assert again.status_code == 200
        assert again.json()["analysis"] == made["analysis"]
        assert second.get(f"/a/{made['id']}").status_code == 200


def test_techniques_lists_the_fourteen_with_what_the_page_shows(client):
    data = client.get("/api/techniques").json()
    assert [t["name"] for t in data] == list(TECHNIQUE_NAMES)
    assert all(t["label"] and t["definition"] and t["example"] for t in data)
    assert all(re.fullmatch(r"#[0-9a-f]{6}", t["colour"]) for t in data)


def test_health_says_whether_the_analyzer_is_loaded(store):
    built = []

    def factory() -> Analyzer:
        built.append(1)
        return fake_analyzer()

    with TestClient(create_app(store=store, analyzer_factory=factory)) as client:
        health = client.get("/api/health").json()
        assert health["status"] == "ok"
        assert health["analyzer"]["loaded"] is False  # built lazily, on first use
        assert health["limits"]["max_chars"] == WebSettings().max_chars
        _post(client, {"text": "ONE"})
        _post(client, {"text": "TWO"})
        assert client.get("/api/health").json()["analyzer"]["loaded"] is True
    assert built == [1]  # once


def test_html_in_an_article_is_kept_as_text(client):
    text = "<script>window.__pwned=1</script> and <img src=x onerror=alert(1)> here."
    data = _post(client, {"text": text, "title": "<b>Bold</b>"}).json()
    assert data["analysis"]["document"]["text"] == "<b>Bold</b>\n\n" + text


# --- limits and bad input: one error shape -----------------------------------------------


def test_malformed_json_is_a_400(client):
    response = client.post(
        "/api/analyze", content=b'{"text": "abc",}', headers={"content-type": "application/json"}
    )
    message = _error(response, 400, "malformed_json")
    assert "line 1, column 16" in message


def test_a_body_that_is_not_utf8_is_a_400(client):
    response = client.post(
        "/api/analyze",
        content='{"text": "café"}'.encode("latin-1"),
        headers={"content-type": "application/json"},
    )
    assert "UTF-8" in _error(response, 400, "not_utf8")


@pytest.mark.parametrize(
    "text", ["", "   \n\n\t ", "\u0000\u0000", "\u0001\u007f\n\u200b", "… — !?", "\ufeff"]
)
def test_a_text_without_letters_or_digits_is_empty_a_422(client, store, text):
    message = _error(_post(client, {"text": text, "title": "A title"}), 422, "empty_text")
    assert "empty" in message and "letters or digits" in message
    assert store.count() == 0, "nothing is stored"


@pytest.mark.parametrize("text", ["42", "Ça va.", "東京", "\u0000Hello\u0000"])
def test_a_text_with_any_letter_or_digit_is_analyzed(client, text):
    assert _post(client, {"text": text}).status_code == 201


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({}, "Give the article"),
        ({"title": "Only a title"}, "Give the article"),
        ({"text": "a", "url": "https://example.org/"}, "not both `text` and `url`"),
        ({"url": "https://example.org/", "html": "<p>a</p>"}, "not both `url` and `html`"),
        ({"html": " \n"}, "`html` is empty"),
        ({"html": "<p>a</p>", "title": "Mine"}, "a page given as `html` brings its own title"),
        ({"html": 7}, "`html` must be a string"),
        ({"text": 42}, "`text` must be a string"),
        ({"text": "a", "title": ["x"]}, "`title` must be a string"),
        ({"text": "a", "author": "me"}, "Unknown field(s) 'author'"),
        ({"text": "a", "source": 3}, "`source` must be a string"),
        ({"text": "a", "published": ["2025"]}, "`published` must be a string"),
        ({"url": "  "}, "`url` is empty"),
        ({"url": "https://example.org/", "title": "Mine"}, "brings its own title"),
        ({"text": 42}, "got a number"),
        ({"text": True}, "got true"),
        ({"text": "a", "title": {}}, "got an object"),
        ([1, 2], "The request body is an array; send an object"),
        ("just a string", "The request body is a string"),
        (None, "The request body is null"),
        (3.5, "The request body is a number"),
        (False, "The request body is false"),
    ],
)
def test_requests_of_the_wrong_shape_are_a_422(client, body, expected):
    response = client.post(
        "/api/analyze", content=json.dumps(body), headers={"content-type": "application/json"}
    )
    assert expected in _error(response, 422, "invalid_request")


def test_an_unpaired_surrogate_is_a_422(client):
    response = client.post(
        "/api/analyze",
        content=b'{"text": "bad \\ud800 text"}',
        headers={"content-type": "application/json"},
    )
    assert "surrogate" in _error(response, 422, "invalid_request")


def test_a_body_that_is_not_json_is_a_415(client):
    response = client.post("/api/analyze", data={"text": "hello"})
    assert "Content-Type: application/json" in _error(response, 415, "unsupported_media_type")
    response = client.post("/api/analyze", content=b'{"text": "hello"}')
    _error(response, 415, "unsupported_media_type")


def test_text_longer_than_the_limit_is_a_413(client):
    message = _error(_post(client, {"text": "x" * 2_001}), 413, "text_too_long")
    assert "2,001 characters" in message and "at most 2,000" in message
    assert "--max-chars" in message
    # The title counts too: "T\n\n" + 1,997 characters is 2,000.
    assert _post(client, {"text": "x" * 1_997, "title": "T"}).status_code == 201
    _error(_post(client, {"text": "x" * 1_998, "title": "T"}), 413, "text_too_long")


def test_a_huge_body_is_refused_before_it_is_read(client):
    limit = WebSettings(max_chars=2_000).max_body_bytes
    body = json.dumps({"text": "y" * (limit + 10)}).encode()
    response = client.post(
        "/api/analyze", content=body, headers={"content-type": "application/json"}
    )
    assert "larger than" in _error(response, 413, "text_too_long")


@pytest.mark.parametrize("route", ["/api/analyze", "/api/classify"])
def test_json_nested_too_deeply_is_a_400(store, route):
    # 200 KB, within the default body limit.
    with TestClient(create_app(fake_analyzer(), store)) as client:
        for body in (
            b"[" * 100_000 + b"]" * 100_000,
            b'{"text": "abc", "spans": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        ):
            response = client.post(
                route, content=body, headers={"content-type": "application/json"}
            )
            assert "too deeply" in _error(response, 400, "malformed_json")


@pytest.mark.parametrize(
    ("route", "body"),
    [
        ("/api/analyze", b'{"text": "abc", "title": ' + b"7" * 5_000 + b"}"),
        ("/api/classify", b'{"text": "abc", "spans": [[0, ' + b"9" * 5_000 + b"]]}"),
    ],
)
def test_a_number_of_thousands_of_digits_is_a_422(client, route, body):
    response = client.post(route, content=body, headers={"content-type": "application/json"})
    message = _error(response, 422, "invalid_request")
    assert "more than 4,300 digits" in message


def test_an_unknown_id_is_a_404(client):
    message = _error(client.get("/api/analyses/no-such-id"), 404, "not_found")
    assert "'no-such-id'" in message


def test_a_long_unknown_id_is_shortened_in_the_404(client):
    long_id = "x" * 60_000
    response = client.get(f"/api/analyses/{long_id}")
    message = _error(response, 404, "not_found")
    assert f"'{'x' * 79}…'" in message
    assert len(response.content) < 1_000
    message = _error(client.get(f"/api/{long_id}"), 404, "not_found")
    assert f"/api/{'x' * 74}…" in message and len(message) < 1_000


def test_the_frameworks_own_errors_share_the_shape(client):
    assert "/docs" in _error(client.get("/api/no-such-thing"), 404, "not_found")
    response = client.delete("/api/analyses")
    assert "Use GET" in _error(response, 405, "method_not_allowed")
    assert response.headers["allow"] == "GET"
    _error(client.get("/api/analyze"), 405, "method_not_allowed")
    message = _error(client.get("/api/analyses?limit=0"), 422, "invalid_request")
    assert "'limit'" in message and "greater than or equal to 1" in message
    _error(client.get("/api/analyses?offset=-1"), 422, "invalid_request")
    # Past SQLite's integers: a 422, not the store's OverflowError.
    message = _error(client.get("/api/analyses?offset=9223372036854775808"), 422, "invalid_request")
    assert "'offset'" in message and "less than or equal to" in message
    assert client.get("/api/analyses?offset=1000000000").json()["items"] == []
    _error(client.get("/api/analyses?limit=many"), 422, "invalid_request")
    # A parameter the listing does not take is no silent "list everything".
    message = _error(client.get("/api/analyses?q=harbour"), 400, "unknown_parameter")
    assert "'q'" in message and "query" in message
    assert client.get("/api/analyses?query=harbour&limit=5").status_code == 200


def test_a_failing_analyzer_is_a_500_without_a_stack_trace(store):
    class Broken:
        name = "broken"

        def __call__(self, docs, analyses):
            raise RuntimeError("secret internals /home/user/x.py line 3")

    class Rude:
        name = "rude"

        def __call__(self, docs, analyses):
            raise ComponentError("component 'rude' broke its contract")

    for component, code in ((Broken(), "internal_error"), (Rude(), "analysis_failed")):
        app = create_app(Analyzer.from_components([(component.name, component)]), store)
        with TestClient(app, raise_server_exceptions=False) as client:
            message = _error(_post(client, {"text": "hello"}), 500, code)
            assert "secret internals" not in message
    assert store.count() == 0


def test_an_unexpected_error_is_a_500_with_the_security_headers_logged_once(store, caplog):
    class Failing:
        def __call__(self, doc):
            raise RuntimeError("secret internals /home/user/x.py line 3")

    app = create_app(Failing(), store)  # type: ignore[arg-type]
    # The default TestClient raises what the app lets out: the error must not get out.
    with TestClient(app) as client, caplog.at_level("ERROR", logger="propscope.web"):
        response = _post(client, {"text": "hello"})
    message = _error(response, 500, "internal_error")
    assert "secret internals" not in message
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["cache-control"] == "no-store"
    (record,) = [r for r in caplog.records if r.name == "propscope.web"]
    assert record.levelname == "ERROR" and "POST /api/analyze" in record.getMessage()
    assert record.exc_info is not None  # the traceback goes to the log


def test_fetch_failures_are_logged_as_warnings_not_as_analysis_failures(store, site, caplog):
    settings = WebSettings(allow_private_addresses=True, fetch_timeout=10)
    with TestClient(create_app(fake_analyzer(), store, settings)) as client:
        with caplog.at_level("WARNING", logger="propscope.web"):
            _error(_post(client, {"url": site.url("/gone")}), 502, "fetch_failed")
    (record,) = [r for r in caplog.records if r.name == "propscope.web"]
    assert record.levelname == "WARNING"
    assert record.getMessage().startswith("fetch failed: ")


def test_messages_keep_a_leading_url_and_name_as_written():
    from propscope.errors import ComponentError, FetchError
    from propscope.web.service import error_for

    url = "http://news.example/gone answered HTTP 404 Not Found."
    assert error_for(FetchError(url)).message == url
    assert error_for(FetchError("propscope_x is odd")).message == "propscope_x is odd"
    assert error_for(ComponentError("component 'x' broke")).message == "Component 'x' broke"


@pytest.mark.parametrize("path", ["/", "/history", "/api/health", "/docs"])
def test_head_is_answered_like_get_without_a_body(client, path):
    got = client.get(path)
    head = client.head(path)
    assert head.status_code == got.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]
    assert head.headers["content-security-policy"] == CONTENT_SECURITY_POLICY


def test_head_on_a_permalink_says_whether_the_analysis_exists(client):
    made = _post(client, {"text": "Some TEXT."}).json()
    found = client.head(made["permalink"])
    assert found.status_code == 200 and found.content == b""
    assert client.head("/a/no-such-id").status_code == 404


def test_head_on_the_real_server_sends_no_body(store):
    with live_server(create_app(fake_analyzer(), store)) as base:
        for path in ("/", "/api/health"):
            response = httpx.head(base + path)
            assert response.status_code == 200, path
            assert response.content == b""


# --- classifying passages a reader chooses ------------------------------------------------


def _classify(client, text, spans):
    return client.post("/api/classify", json={"text": text, "spans": spans})


def test_classify_ranks_the_techniques_of_each_passage_chosen(classifying, ranker, store):
    shameful = ARTICLE.index("SHAMEFUL")
    council = ARTICLE.index("The council")
    spans = [[shameful, shameful + 8], [council, council + 11]]
    response = _classify(classifying, ARTICLE, spans)
    assert response.status_code == 200, response.text
    first, second = response.json()["spans"]
    assert first == {
        "start": shameful,
        "end": shameful + 8,
        "text": "SHAMEFUL",
        "technique": "Loaded_Language",
        "probability": 0.5,
        "ranked": [
            {"technique": "Loaded_Language", "label": "Loaded language", "probability": 0.5},
            {"technique": "Name_Calling,Labeling", "label": "Name-calling", "probability": 0.2},
            {"technique": "Exaggeration,Minimisation", "label": "Exaggeration", "probability": 0.1},
            {"technique": "Flag-Waving", "label": "Flag-waving", "probability": 0.08},
            {"technique": "Slogans", "label": "Slogan", "probability": 0.07},
        ],  # the first five of six
    }
    assert (second["text"], second["technique"]) == ("The council", "Doubt")
    assert [r["technique"] for r in second["ranked"]][:2] == ["Doubt", "Loaded_Language"]
    assert ranker.calls == [(ARTICLE, [(shameful, shameful + 8), (council, council + 11)])]
    assert store.count() == 0  # nothing is kept
    assert _classify(classifying, ARTICLE, []).json() == {"spans": []}


def test_classify_refuses_a_span_that_is_not_a_passage_of_the_text(classifying):
    message = _error(_classify(classifying, "Short TEXT.", [[0, 5], [8, 30]]), 422, "invalid_spans")
    assert message == "Span 1 (8, 30) is not a passage of the text."


def test_classify_refuses_more_than_fifty_spans(classifying, ranker):
    spans = [[0, 3]] * 51
    message = _error(_classify(classifying, ARTICLE, spans), 422, "too_many_spans")
    assert "51 passages" in message and "at most 50" in message
    assert "several requests of 50 or fewer" in message
    assert ranker.calls == []
    assert _classify(classifying, ARTICLE, spans[:50]).status_code == 200


def test_classify_refuses_a_text_over_the_limit_as_analyze_does(classifying, ranker):
    message = _error(_classify(classifying, "x" * 2_001, [[0, 1]]), 413, "text_too_long")
    assert "2,001 characters" in message and "at most 2,000" in message
    assert "--max-chars" in message
    assert ranker.calls == []
    assert _classify(classifying, "x" * 2_000, [[0, 1]]).status_code == 200


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"text": "abc"}, "Give `spans`"),
        ({"spans": [[0, 1]]}, "Give `text`"),
        ({"text": 3, "spans": []}, "`text` must be a string; got a number"),
        ({"text": "abc", "spans": "0-1"}, "`spans` must be an array"),
        ({"text": "abc", "spans": [[0, 1], [2]]}, "`spans[1]` is [2]"),
        ({"text": "abc", "spans": [[0.5, 2]]}, "two whole numbers"),
        ({"text": "abc", "spans": [[True, 2]]}, "`spans[0]` is [true, 2]"),
        ({"text": "abc", "spans": [], "title": "T"}, "Unknown field(s) 'title'"),
        ({"text": "abc", "spans": None}, "Give `spans`"),
        (
            {"text": "abc", "spans": {"0": 1}},
            "`spans` must be an array of [start, end] pairs; got an",
        ),
        ({"text": "abc", "spans": [list(range(1_000))]}, "`spans[0]` is [0, 1, 2, "),
        ([[0, 1]], "The request body is an array"),
    ],
)
def test_classify_requests_of_the_wrong_shape_are_a_422(classifying, body, expected):
    response = classifying.post("/api/classify", json=body)
    message = _error(response, 422, "invalid_request")
    assert expected in message
    assert len(message) < 300  # a long span is shown cut short


def test_classify_takes_json_only(classifying):
    response = classifying.post("/api/classify", content=b'{"text": "a", "spans": []}')
    _error(response, 415, "unsupported_media_type")


def test_classify_without_a_component_that_classifies_says_so(client):
    # The fake analyzer's techniques component marks capitals and ranks nothing.
    message = _error(_classify(client, ARTICLE, [[0, 3]]), 422, "classify_unavailable")
    assert "techniques component" in message and "default one" in message


# --- pages and headers -----------------------------------------------------------------


class _Scripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []
        self.handlers: list[str] = []
        self.styles = 0
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "script":
            self.scripts.append(values)
        if tag == "style" or "style" in values:
            self.styles += 1
        if tag == "link":
            self.links.append(values.get("href") or "")
        self.handlers += [name for name in values if name.startswith("on")]


@pytest.mark.parametrize("path", ["/", "/history", "/docs"])
def test_pages_load_only_their_own_files_under_a_strict_policy(client, path):
    response = client.get(path)
    assert response.status_code == 200
    policy = response.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "script-src 'self';" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    page = _Scripts()
    page.feed(response.text)
    assert page.scripts and all(s.get("src", "").startswith("/") for s in page.scripts)
    assert page.handlers == [] and page.styles == 0  # nothing inline
    assert all(href.startswith("/") for href in page.links)
    for script in page.scripts:
        assert client.get(script["src"]).status_code == 200
    for href in page.links:
        assert client.get(href).status_code == 200


def test_the_script_never_parses_data_as_html(client):
    script = client.get("/static/app.js").text
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in script


def test_the_permalink_page_is_404_for_an_unknown_id(client):
    made = _post(client, {"text": "Some TEXT."}).json()
    assert client.get(made["permalink"]).status_code == 200
    missing = client.get("/a/no-such-id", headers={"accept": "text/html"})
    assert missing.status_code == 404 and "text/html" in missing.headers["content-type"]


def test_the_api_is_documented(client):
    spec = client.get("/openapi.json").json()
    assert {
        "/api/analyze",
        "/api/classify",
        "/api/analyses",
        "/api/analyses/{analysis_id}",
        "/api/techniques",
    } <= set(spec["paths"])
    body = spec["paths"]["/api/analyze"]["post"]["requestBody"]["content"]["application/json"]
    fields = {"text", "title", "url", "html", "source", "published"}
    assert set(body["schema"]["properties"]) == fields
    classify = spec["paths"]["/api/classify"]["post"]
    assert classify["tags"] == ["analyses"] and classify["summary"]
    body = classify["requestBody"]["content"]["application/json"]["schema"]
    assert set(body["properties"]) == {"text", "spans"}
    assert body["properties"]["spans"]["maxItems"] == 50
    assert {"200", "413", "422"} <= set(classify["responses"])


def test_other_host_names_are_refused_when_hosts_are_set(store):
    app = create_app(fake_analyzer(), store, allowed_hosts=("127.0.0.1", "localhost"))
    with TestClient(app, base_url="http://127.0.0.1:8000") as client:
        assert client.get("/api/health").status_code == 200
        rebound = client.get("/api/analyses", headers={"host": "evil.example:8000"})
        assert "127.0.0.1" in _error(rebound, 400, "bad_host")


# --- concurrency, on the real server ---------------------------------------------------


class _OneAtATime:
    """Fails if two analyses ever run at once, as the default analyzer must never."""

    name = "one_at_a_time"

    def __init__(self) -> None:
        self.active = 0
        self.most = 0
        self.lock = threading.Lock()

    def __call__(self, docs, analyses):
        with self.lock:
            self.active += 1
            self.most = max(self.most, self.active)
        time.sleep(0.005)  # work long enough for an overlap to show
        with self.lock:
            self.active -= 1


def test_concurrent_requests_never_lose_an_analysis(store):
    guard = _OneAtATime()
    analyzer = Analyzer.from_components([*fake_analyzer()._components, ("one_at_a_time", guard)])
    app = create_app(analyzer, store)
    with live_server(app) as base:

        def post(n: int) -> dict:
            with httpx.Client(base_url=base, timeout=30) as http:
                response = http.post("/api/analyze", json={"text": f"Article NUMBER{n}."})
                assert response.status_code == 201, response.text
                return response.json()

        with ThreadPoolExecutor(max_workers=8) as pool:
            made = list(pool.map(post, range(24)))
        with httpx.Client(base_url=base) as http:
            listing = http.get("/api/analyses", params={"limit": 100}).json()
            for data in made:
                again = http.get(f"/api/analyses/{data['id']}").json()
                assert again["analysis"] == data["analysis"]
    assert len({data["id"] for data in made}) == 24
    assert listing["total"] == 24 == store.count()
    texts = {data["analysis"]["document"]["text"] for data in made}
    assert texts == {f"Article NUMBER{n}." for n in range(24)}
    assert guard.most == 1  # the analyzer was never entered twice at once


def test_health_and_history_answer_while_an_analysis_runs(store):
    blocking = BlockingAnalyzer()
    app = create_app(blocking, store)  # type: ignore[arg-type]
    with live_server(app) as base, ThreadPoolExecutor(max_workers=1) as pool:
        pending = pool.submit(
            httpx.post, f"{base}/api/analyze", json={"text": "SLOW one."}, timeout=30
        )
        assert blocking.started.wait(10)
        try:
            with httpx.Client(base_url=base, timeout=5) as http:
                health = http.get("/api/health").json()
                assert health["analyzer"]["pending"] == 1
                assert http.get("/api/analyses").json()["total"] == 0
                assert http.get("/").status_code == 200
        finally:
            blocking.release.set()
        assert pending.result(timeout=30).status_code == 201
    assert store.count() == 1


def test_health_counts_the_analyses_waiting_their_turn(store):
    # "pending" stayed 1 while five requests waited behind the running one (review,
    # session 39): only the one running was counted.
    blocking = BlockingAnalyzer()
    app = create_app(blocking, store)  # type: ignore[arg-type]
    with live_server(app) as base, ThreadPoolExecutor(max_workers=3) as pool:
        posts = [
            pool.submit(httpx.post, f"{base}/api/analyze", json={"text": f"SLOW {n}."}, timeout=30)
            for n in range(3)
        ]
        assert blocking.started.wait(10)
        try:
            with httpx.Client(base_url=base, timeout=5) as http:
                for _ in range(50):
                    pending = http.get("/api/health").json()["analyzer"]["pending"]
                    if pending == 3:
                        break
                    time.sleep(0.1)
                assert pending == 3
        finally:
            blocking.release.set()
        assert all(p.result(timeout=30).status_code == 201 for p in posts)
        assert httpx.get(f"{base}/api/health").json()["analyzer"]["pending"] == 0


# --- URLs ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site():
    with ArticleSite() as site:
        yield site


def test_a_url_is_fetched_and_analyzed_when_private_addresses_are_allowed(store, site):
    settings = WebSettings(allow_private_addresses=True, max_chars=5_000)
    with TestClient(create_app(fake_analyzer(), store, settings)) as client:
        response = _post(client, {"url": site.url("/redirect")})
        assert response.status_code == 201, response.text
        data = response.json()
    document = data["analysis"]["document"]
    assert document["title"] == "Council sells the HARBOUR"
    assert document["source"] == "Brinmouth Gazette"
    assert document["url"] == site.url("/article")
    assert document["published"] == "2024-03-05"
    assert data["metadata"] == {"requested_url": site.url("/redirect")}
    found = {
        (span["technique"], document["text"][span["start"] : span["end"]])
        for span in data["analysis"]["techniques"]
    }
    assert found == {
        ("Loaded_Language", "HARBOUR"),
        ("Loaded_Language", "SHAMEFUL"),
        ("Doubt", "Can we really trust a man who changed his story three times?"),
    }
    assert store.search("gazette")[0].id == data["id"]


def test_a_local_url_is_refused_by_default(store, site):
    before = len(site.requests)
    settings = WebSettings(allow_private_addresses=False)
    with TestClient(create_app(fake_analyzer(), store, settings)) as client:
        message = _error(_post(client, {"url": site.url("/article")}), 400, "url_refused")
        assert "loopback" in message and "--allow-private-addresses" in message
        message = _error(_post(client, {"url": "file:///etc/passwd"}), 400, "url_refused")
        assert "only http:// and https://" in message
    assert len(site.requests) == before
    assert store.count() == 0


def test_fetch_failures_are_readable(store, site):
    settings = WebSettings(allow_private_addresses=True, fetch_timeout=0.3, max_chars=300)
    with TestClient(create_app(fake_analyzer(), store, settings)) as client:
        _error(_post(client, {"url": site.url("/slow")}), 504, "fetch_timeout")
    # The other pages answer at once; a loaded machine may still take more than 0.3 s.
    settings = WebSettings(allow_private_addresses=True, fetch_timeout=10, max_chars=300)
    with TestClient(create_app(fake_analyzer(), store, settings)) as client:
        assert "not an HTML page" in _error(
            _post(client, {"url": site.url("/pdf")}), 502, "fetch_failed"
        )
        message = _error(_post(client, {"url": site.url("/gone")}), 502, "fetch_failed")
        assert message.startswith(site.url("/gone") + " answered HTTP 404")  # not "Http://"
        message = _error(_post(client, {"url": site.url("/hang-up")}), 502, "fetch_failed")
        assert "without sending a response" in message and not message.endswith("..")
        _error(_post(client, {"url": site.url("/empty")}), 422, "empty_text")
        message = _error(_post(client, {"url": site.url("/article")}), 413, "text_too_long")
        assert site.url("/article") in message


def test_a_busy_site_is_named_at_once_not_waited_for(store, site):
    """Someone waits for the page: a 503 is an answer now, with the wait the site asks."""
    before = site.requests.count("/unavailable")
    settings = WebSettings(allow_private_addresses=True, fetch_timeout=10)
    with TestClient(create_app(fake_analyzer(), store, settings)) as client:
        message = _error(_post(client, {"url": site.url("/unavailable")}), 502, "fetch_failed")
    assert "HTTP 503 Service Unavailable and asks to wait 0 s:" in message
    assert "Try again later" in message
    assert site.requests.count("/unavailable") - before == 1


def test_a_saved_page_is_read_as_a_fetched_one_without_any_fetch(store, site):
    before = len(site.requests)
    settings = WebSettings(allow_private_addresses=False, max_chars=5_000)
    with TestClient(create_app(fake_analyzer(), store, settings)) as client:
        body = {"html": ARTICLE_HTML, "source": "Gazette (print)"}
        response = _post(client, body)
        assert response.status_code == 201, response.text
        data = response.json()
        document = data["analysis"]["document"]
        assert document["title"] == "Council sells the HARBOUR"
        assert document["source"] == "Gazette (print)"  # the request's own field wins
        assert document["published"] == "2024-03-05" and document["url"] is None
        assert "Copyright" not in document["text"] and "<p>" not in document["text"]
        assert data["metadata"] == {}
        page = "<html><body><script>go()</script></body></html>"
        message = _error(_post(client, {"html": page}), 422, "empty_text")
        assert message.startswith("The page: found no article text")
    with TestClient(create_app(fake_analyzer(), store, WebSettings(max_chars=300))) as client:
        message = _error(_post(client, {"html": ARTICLE_HTML}), 413, "text_too_long")
        assert message.startswith("The article in the page has")
    assert len(site.requests) == before  # nothing was fetched


def test_a_saved_page_as_large_as_a_fetched_one_may_be_is_read(store):
    # The page sends files of up to 5 MB, the most a fetched page may be, and the
    # service refused any body over 2.4 MB ("larger than 2,465,536 bytes").
    padding = '<script>var data = "' + "x\\n" * 1_100_000 + '";</script>'
    page = ARTICLE_HTML.replace("</head>", padding + "</head>")
    assert 3_000_000 < len(page) < 5_000_000
    with TestClient(create_app(fake_analyzer(), store, WebSettings())) as client:
        response = _post(client, {"html": page})
        assert response.status_code == 201, response.text[:300]
        assert response.json()["analysis"]["document"]["title"] == "Council sells the HARBOUR"
        too_big = ARTICLE_HTML.replace("</head>", "<!--" + "x" * 5_000_001 + "--></head>")
        message = _error(_post(client, {"html": too_big}), 413, "text_too_long")
        assert "reads pages of at most 5,000,000 bytes" in message


# --- the command ------------------------------------------------------------------------


def test_serve_builds_the_app_on_the_given_store(monkeypatch, tmp_path):
    import uvicorn

    from propscope import cli

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: calls.append((app, options)))
    db = tmp_path / "service.db"
    result = CliRunner().invoke(
        cli.app, ["serve", "--db", str(db), "--port", "8123", "--max-chars", "500"]
    )
    assert result.exit_code == 0, result.output
    ((app, options),) = calls
    assert options == {"host": "127.0.0.1", "port": 8123, "log_level": "info"}
    assert app.state.store.path == db and db.exists()
    assert app.state.settings.max_chars == 500
    with TestClient(app, base_url="http://127.0.0.1:8123") as client:
        assert client.get("/api/health").status_code == 200
        _error(client.get("/api/health", headers={"host": "evil.example"}), 400, "bad_host")


@pytest.mark.parametrize(
    "host",
    ["127.0.0.1", "127.0.0.2", "127.1", "::1", "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1", "localhost"],
)
def test_loopback_addresses_however_written_are_loopback(host):
    assert is_loopback_host(host)


@pytest.mark.parametrize(
    "host", ["0.0.0.0", "::", "192.168.1.5", "10.0.0.7", "::ffff:10.0.0.7", "example.org", ""]
)
def test_other_addresses_are_not_loopback(host):
    assert not is_loopback_host(host)
    assert loopback_host_names(host) == ()


def test_a_loopback_service_answers_to_the_names_a_browser_sends():
    assert loopback_host_names("127.1") == ("127.0.0.1", "localhost", "[::1]", "127.1")
    names = loopback_host_names("::ffff:127.0.0.1")
    assert "[::ffff:127.0.0.1]" in names and "[::ffff:7f00:1]" in names
    assert loopback_host_names("0:0:0:0:0:0:0:1")[:3] == ("127.0.0.1", "localhost", "[::1]")


@pytest.mark.parametrize(
    ("host", "header"),
    [("127.0.0.2", "127.0.0.2:8123"), ("::ffff:127.0.0.1", "[::ffff:127.0.0.1]:8123")],
)
def test_serve_on_another_loopback_address_keeps_the_host_check(
    monkeypatch, tmp_path, host, header
):
    import uvicorn

    from propscope import cli

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: calls.append((app, options)))
    result = CliRunner().invoke(
        cli.app, ["serve", "--db", str(tmp_path / "a.db"), "--host", host, "--port", "8123"]
    )
    assert result.exit_code == 0, result.output
    assert "anyone who can reach" not in result.output
    ((app, options),) = calls
    assert options["host"] == host
    with TestClient(app, base_url="http://127.0.0.1:8123") as client:
        assert client.get("/api/health", headers={"host": header}).status_code == 200
        assert client.get("/api/health", headers={"host": "localhost:8123"}).status_code == 200
        _error(client.get("/api/health", headers={"host": "evil.example"}), 400, "bad_host")


def test_serve_on_a_port_in_use_says_so_before_any_banner(monkeypatch, tmp_path):
    # It printed its "serving" banner, then uvicorn's raw error, and exited 3 (review,
    # session 39).
    import socket

    import uvicorn

    from propscope import cli

    monkeypatch.setattr(uvicorn, "run", lambda app, **options: pytest.fail("served"))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(
            cli.app, ["serve", "--db", str(tmp_path / "a.db"), "--port", str(port)]
        )
    assert result.exit_code == 1
    said = " ".join(result.output.split())
    assert f"cannot listen on 127.0.0.1 port {port}: the port is in use" in said
    assert "--port" in said and "http://" not in said


def test_serve_on_a_public_address_warns(monkeypatch, tmp_path):
    import uvicorn

    from propscope import cli

    monkeypatch.setattr(uvicorn, "run", lambda app, **options: None)
    result = CliRunner().invoke(
        cli.app, ["serve", "--db", str(tmp_path / "a.db"), "--host", "0.0.0.0"]
    )
    assert result.exit_code == 0, result.output
    assert "anyone who can reach" in " ".join(result.output.split())


def test_serve_help_names_the_default_store_and_the_settings():
    from propscope import cli

    result = CliRunner().invoke(cli.app, ["serve", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    flat = " ".join(result.output.split())
    for expected in ("--db", ".local/share/propscope", "--max-chars", "--allow-private-addresses"):
        assert expected in flat


def test_serve_without_the_web_extra_names_the_install_command(monkeypatch):
    from propscope import cli

    for name in [n for n in sys.modules if n == "propscope.web" or n.startswith("propscope.web.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "fastapi", None)  # import fastapi now fails
    result = CliRunner().invoke(cli.app, ["serve"])
    assert result.exit_code == 1
    flat = " ".join(result.output.split())
    assert "needs the package 'fastapi'" in flat
    assert "pip install 'propscope[web]'" in flat


def test_a_package_that_is_installed_but_cannot_import_is_not_called_missing():
    from propscope.errors import missing_dependency

    try:  # what trafilatura raised when lxml 6 dropped the module it imports
        raise ImportError(
            "lxml.html.clean module is now a separate project", name="lxml_html_clean"
        )
    except ImportError:
        error = missing_dependency("trafilatura", feature="Reading articles from URLs", extra="web")
    message = str(error)
    assert "'trafilatura', which is installed but cannot be imported" in message
    assert "lxml.html.clean module is now a separate project" in message
    assert "pip install -e '.[web]'" in message
    try:
        raise ImportError("No module named 'trafilatura'", name="trafilatura")
    except ImportError:
        error = missing_dependency("trafilatura", feature="Reading articles from URLs", extra="web")
    assert "which is not installed" in str(error)


def test_the_script_names_every_kind_of_double_standard_as_the_reports_do(client):
    # app.js mirrors propscope.render._spans.DOUBLE_STANDARD_HEADINGS; a kind the rules
    # add must be named on the page as in the terminal and the HTML report.
    import re

    from propscope.analysis import DOUBLE_STANDARD_KINDS
    from propscope.render._spans import DOUBLE_STANDARD_HEADINGS

    script = client.get("/static/app.js").text
    block = script[script.index("var DOUBLE_HEADINGS = {") :]
    block = block[: block.index("};")]
    on_page = dict(re.findall(r'(\w+): "([^"]*)"', block))
    assert set(DOUBLE_STANDARD_HEADINGS) == set(DOUBLE_STANDARD_KINDS)
    assert on_page == DOUBLE_STANDARD_HEADINGS


def test_the_script_says_what_an_empty_double_standards_layer_means_as_the_reports_do(client):
    # "None found." read as "this article makes no such argument" (session 49's review).
    import re

    from propscope.render._spans import DOUBLE_STANDARD_NONE

    script = client.get("/static/app.js").text
    block = script[script.index("var DOUBLE_NONE =") :]
    block = block[: block.index(";")]
    assert "".join(re.findall(r'"([^"]*)"', block)) == DOUBLE_STANDARD_NONE
