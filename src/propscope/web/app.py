"""The web service: a page and a JSON API over one Analyzer and one Store.

    app = create_app()                                   # the default analyzer, built lazily
    app = create_app(analyzer=my_analyzer, store=Store("a.db"), settings=WebSettings())

Every error, the framework's own included (unknown route, wrong method, invalid query),
is answered as `{"error": {"code": ..., "message": ...}}`. The page is static: one HTML
shell, one script and one stylesheet served by the service itself, under a
Content-Security-Policy that lets nothing else load or run. The script builds the
article with `textContent`, so an article's HTML is shown as text, never run.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import socket
from collections.abc import Awaitable, Callable, MutableMapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from propscope.errors import EmptyTextError, FetchError, PropscopeError, missing_dependency

try:
    from fastapi import FastAPI, Query, Request
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import HTMLResponse, JSONResponse, Response
    from fastapi.staticfiles import StaticFiles
    from pydantic import BaseModel, Field
    from starlette.concurrency import run_in_threadpool
    from starlette.datastructures import Headers, MutableHeaders
    from starlette.exceptions import HTTPException as StarletteHTTPException
except ImportError as exc:  # pragma: no cover - exercised by test_serve_without_the_extra
    raise missing_dependency(
        exc.name or "fastapi", feature="The web service (propscope serve)", extra="web"
    ) from None

from propscope import __version__
from propscope.analysis import Analysis
from propscope.document import Document
from propscope.io.fetch import Fetcher, read_html
from propscope.pipeline import Analyzer
from propscope.store import Store, StoredAnalysis, StoredSummary
from propscope.techniques import TECHNIQUES
from propscope.web.service import (
    MAX_CLASSIFY_SPANS,
    RANKED_SHOWN,
    AnalyzeRequest,
    AnalyzerRunner,
    ApiError,
    ClassifyRequest,
    check_length,
    check_page_size,
    classified_out,
    error_body,
    error_for,
    has_words,
    parse_analyze_request,
    parse_classify_request,
)
from propscope.web.settings import WebSettings, default_db_path

__all__ = ["CONTENT_SECURITY_POLICY", "create_app", "is_loopback_host", "loopback_host_names"]

log = logging.getLogger("propscope.web")

# Nothing inline, nothing from elsewhere: the page's script and styles are files served
# here. Inline style attributes are not allowed either; the script sets colours through
# the CSSOM, which the policy does not restrict.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
_SECURITY_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
}
_HISTORY_LIMIT = 200
# Far past any store's size, and within SQLite's integers (an OFFSET past 2**63 - 1 fails).
_MAX_OFFSET = 1_000_000_000
# The longest search: SQLite refuses a LIKE pattern of about 50,000 characters ("too
# complex"), which answered 500 and blamed the store.
_MAX_QUERY = 1_000
_SHOWN_CHARS = 80  # of an id or a path echoed in an error message

_DESCRIPTION = """\
propscope marks the passages of a news article that use one of the 14 propaganda
techniques of the Propaganda Techniques Corpus, lists its figures and the figures that
disagree, says whose each statement is, and checks update lines against the headline.

Every analysis is kept and has a permanent link. Every error is answered as
`{"error": {"code": "...", "message": "..."}}`.
"""


# --- response models (for the OpenAPI document) ----------------------------------------


class StoredAnalysisOut(BaseModel):
    id: str = Field(description="The analysis's id in this service.")
    permalink: str = Field(description="The page of this analysis, relative to the service.")
    created: str = Field(description="When it was made (ISO 8601, UTC).")
    metadata: dict[str, Any]
    analysis: dict[str, Any] = Field(description="The Analysis, as docs/analysis.md describes.")


class SummaryOut(BaseModel):
    id: str
    permalink: str
    created: str
    title: str | None
    source: str | None
    url: str | None
    published: str | None
    spans: int
    covered_share: float


class ListingOut(BaseModel):
    total: int = Field(description="How many analyses match, in all.")
    limit: int
    offset: int
    query: str | None
    items: list[SummaryOut] = Field(description="Newest first.")


class TechniqueOut(BaseModel):
    name: str
    label: str
    definition: str
    example: str
    colour: str


class RankedTechniqueOut(BaseModel):
    technique: str = Field(description="The technique's name, as in /api/techniques.")
    label: str = Field(description="Its name for people.")
    probability: float


class ClassifiedSpanOut(BaseModel):
    start: int
    end: int
    text: str = Field(description="text[start:end].")
    technique: str = Field(description="The most likely technique.")
    probability: float = Field(description="Its probability.")
    ranked: list[RankedTechniqueOut] = Field(
        description=f"The {RANKED_SHOWN} most likely techniques, most likely first."
    )


class ClassifyOut(BaseModel):
    spans: list[ClassifiedSpanOut] = Field(description="One per span asked for, in order.")


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorOut(BaseModel):
    error: ErrorDetail


_ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorOut, "description": description}
    for status, description in {
        400: "Malformed JSON, a body that is not UTF-8, or a refused URL",
        404: "No such analysis",
        413: "The article is longer than the service accepts",
        415: "The body is not declared as JSON (application/json or a +json type)",
        422: "Empty text, input the analyzer refuses, or a request of the wrong shape",
        502: "The URL could not be fetched or read",
        504: "Fetching the URL took too long",
    }.items()
}


def _stored_out(stored: StoredAnalysis) -> dict[str, Any]:
    return {
        "id": stored.id,
        "permalink": f"/a/{stored.id}",
        "created": stored.created,
        "metadata": dict(stored.metadata),
        "analysis": stored.analysis.to_dict(),
    }


def _summary_out(row: StoredSummary) -> dict[str, Any]:
    out = row.to_dict()
    out.pop("key", None)
    return {"id": row.id, "permalink": f"/a/{row.id}", **out}


# --- static files -----------------------------------------------------------------------


@cache
def _template(name: str) -> str:
    return resources.files("propscope.web").joinpath("templates", name).read_text("utf-8")


def _static_dir() -> Path:
    return Path(str(resources.files("propscope.web").joinpath("static")))


def _swagger_dir() -> Path:
    try:
        import fastapi_offline
    except ImportError:
        raise missing_dependency(
            "fastapi-offline", feature="The web service's API docs", extra="web"
        ) from None
    return Path(fastapi_offline.__file__).parent / "static"


# --- middleware -------------------------------------------------------------------------

ASGIApp = Callable[[MutableMapping[str, Any], Any, Any], Awaitable[None]]


class _SecurityHeaders:
    """Adds the security headers to every response, the 500 of an unexpected error
    included, and, where `allowed_hosts` is set, refuses requests for other host names
    (a web page elsewhere can point its own name at 127.0.0.1: DNS rebinding).

    The unexpected error is answered here, inside the headers, rather than by a
    framework handler: Starlette runs that one outside every middleware (so its 500
    would go without the headers) and then raises the error again for the server to log
    a second time. A HEAD request gets the GET's status and headers, without the body.
    """

    def __init__(self, app: ASGIApp, *, allowed_hosts: tuple[str, ...]) -> None:
        self.app = app
        self.allowed_hosts = {host.lower() for host in allowed_hosts}

    async def __call__(self, scope: MutableMapping[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send_with_headers = self._with_headers(scope, send)
        if self.allowed_hosts and not self._host_allowed(scope):
            response = JSONResponse(
                error_body(
                    "bad_host",
                    "This service answers only to "
                    + ", ".join(sorted(self.allowed_hosts))
                    + "; open it under one of those names.",
                ),
                status_code=400,
            )
            await response(scope, receive, send_with_headers)
            return
        started = False

        async def send_tracked(message: MutableMapping[str, Any]) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send_with_headers(message)

        try:
            await self.app(scope, receive, send_tracked)
        except Exception:
            if started:  # too late to answer: the server logs it and drops the connection
                raise
            log.exception("unexpected error on %s %s", scope.get("method"), scope.get("path"))
            response = JSONResponse(
                error_body(
                    "internal_error",
                    "The service failed unexpectedly; the details are in its log. Try "
                    "again, and report the problem if it persists.",
                ),
                status_code=500,
            )
            await response(scope, receive, send_with_headers)

    def _host_allowed(self, scope: MutableMapping[str, Any]) -> bool:
        host = Headers(scope=scope).get("host", "").lower()
        if host.startswith("["):
            name = host[: host.find("]") + 1]
        else:
            name = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
        return name in self.allowed_hosts

    @staticmethod
    def _with_headers(scope: MutableMapping[str, Any], send: Any) -> Any:
        path = scope.get("path", "")
        head = scope.get("method") == "HEAD"

        async def send_with_headers(message: MutableMapping[str, Any]) -> None:
            if head and message["type"] == "http.response.body":
                message = {**message, "body": b""}  # Content-Length stays the GET's
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in _SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
                if path.startswith("/api/"):
                    headers.setdefault("cache-control", "no-store")
                else:
                    headers.setdefault("cache-control", "no-cache")
            await send(message)

        return send_with_headers


# --- the app ----------------------------------------------------------------------------


def _json_body(model: type[BaseModel]) -> dict[str, Any]:
    """The OpenAPI entry of a required JSON request body shaped like `model` (the routes
    read their bodies themselves, to answer malformed ones with clear errors)."""
    return {
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": model.model_json_schema()}},
        }
    }


def create_app(
    analyzer: Analyzer | None = None,
    store: Store | str | Path | None = None,
    settings: WebSettings | None = None,
    *,
    analyzer_factory: Callable[[], Analyzer] | None = None,
    fetcher: Fetcher | None = None,
    allowed_hosts: tuple[str, ...] = (),
) -> FastAPI:
    """Build the service.

    `analyzer`: the Analyzer to run; without it, `analyzer_factory()` (default: the
    default analyzer) is built on the first analysis. `store`: a Store or a path;
    without it, the file `default_db_path()` names. `allowed_hosts`: host names the
    service answers to (empty: any; `propscope serve` on a loopback address sets them).
    """
    settings = settings or WebSettings()
    if store is None:
        path = default_db_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        store = Store(path)
    elif not isinstance(store, Store):
        store = Store(store)
    runner = AnalyzerRunner(analyzer, factory=analyzer_factory)
    fetcher = fetcher or Fetcher(
        allow_private_addresses=settings.allow_private_addresses,
        max_bytes=settings.fetch_max_bytes,
        timeout=settings.fetch_timeout,
        max_redirects=settings.max_redirects,
        # Someone is waiting for the answer: a busy site is named at once, not waited for.
        retries=0,
    )
    # One worker thread runs every analysis: the analyzer is not known to be
    # thread-safe, and queued analyses then wait without holding the threads that
    # health and history are served from.
    workers: list[ThreadPoolExecutor] = []

    def worker() -> ThreadPoolExecutor:
        if not workers:
            workers.append(
                ThreadPoolExecutor(max_workers=1, thread_name_prefix="propscope-analyzer")
            )
        return workers[0]

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> Any:
        yield
        while workers:  # a later start (tests start one app several times) makes a new one
            workers.pop().shutdown(wait=False, cancel_futures=True)

    app = FastAPI(
        title="propscope",
        version=__version__,
        description=_DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.runner = runner
    app.state.settings = settings
    app.state.fetcher = fetcher
    _add_error_handlers(app)
    app.add_middleware(_SecurityHeaders, allowed_hosts=allowed_hosts)  # type: ignore[arg-type]

    async def run_analysis(doc: Document) -> Analysis:
        with runner.waiting():
            return await asyncio.wrap_future(worker().submit(runner.analyze, doc))

    # -- API ------------------------------------------------------------------------

    # HEAD too, for uptime monitors; the middleware leaves the body out.
    @app.head("/api/health", include_in_schema=False)
    @app.get("/api/health", tags=["service"], summary="Is the service up")
    async def health() -> dict[str, Any]:
        return {
            "status": "ok",
            "version": __version__,
            "analyzer": {"loaded": runner.loaded, "pending": runner.pending},
            "limits": {"max_chars": settings.max_chars},
        }

    @app.get(
        "/api/techniques",
        tags=["analyses"],
        summary="The 14 techniques",
        response_model=list[TechniqueOut],
    )
    async def techniques() -> list[dict[str, str]]:
        return [
            {
                "name": t.name,
                "label": t.label,
                "definition": t.definition,
                "example": t.example,
                "colour": t.colour,
            }
            for t in TECHNIQUES
        ]

    @app.post(
        "/api/analyze",
        tags=["analyses"],
        summary="Analyze an article (text, URL or saved page) and keep the analysis",
        status_code=201,
        response_model=StoredAnalysisOut,
        responses=_ERRORS,
        openapi_extra=_json_body(AnalyzeRequest),
    )
    async def analyze(request: Request) -> Response:
        body = await _read_body(request, settings.max_body_bytes)
        wanted = parse_analyze_request(body, request.headers.get("content-type"))
        metadata: dict[str, Any] = {}
        if wanted.url is not None:
            url = wanted.url.strip()
            article = await run_in_threadpool(fetcher.fetch, url)
            doc = article.to_document()
            metadata["requested_url"] = url
            check_length(doc, settings.max_chars, where=f"The article at {article.final_url}")
        elif wanted.html is not None:
            check_page_size(wanted.html, settings.fetch_max_bytes)
            doc = await run_in_threadpool(read_html, wanted.html, id=None, origin="The page")
            check_length(doc, settings.max_chars, where="The article in the page")
        else:
            assert wanted.text is not None
            if not has_words(wanted.text):
                raise EmptyTextError(
                    "The text is empty or holds no letters or digits (only whitespace, "
                    "punctuation or control characters): there is nothing to analyze. "
                    "Paste the article's text."
                )
            doc = Document.from_text(wanted.text, title=wanted.title, origin="The text")
            check_length(doc, settings.max_chars)
        source = " ".join((wanted.source or "").split())
        published = (wanted.published or "").strip()
        if source or published:
            # The outlet and date a report groups the store's analyses by.
            doc = replace(doc, source=source or doc.source, published=published or doc.published)
        analysis = await run_analysis(doc)
        stored = await run_in_threadpool(store.add, analysis, metadata=metadata)
        # Location names the resource made, as REST clients expect (GET it for the same
        # object); the page people open is the body's `permalink`.
        return JSONResponse(
            _stored_out(stored),
            status_code=201,
            headers={"location": f"/api/analyses/{stored.id}"},
        )

    @app.post(
        "/api/classify",
        tags=["analyses"],
        summary="Name the technique of passages you choose",
        description="Given that each passage is propaganda, which technique is it? The "
        "model reads the whole `text` for context and ranks the techniques of each "
        "`text[start:end]` by probability (they add up to 1 over all 14; the "
        f"{RANKED_SHOWN} most likely are returned). At most {MAX_CLASSIFY_SPANS} spans "
        "per request; offsets count Unicode code points, end excluded. Nothing is kept.",
        response_model=ClassifyOut,
        responses={
            400: _ERRORS[400],
            413: _ERRORS[413],
            415: _ERRORS[415],
            422: {
                "model": ErrorOut,
                "description": "A span that is not a passage of the text, more than "
                f"{MAX_CLASSIFY_SPANS} spans, a request of the wrong shape, or an analyzer "
                "without a techniques component that classifies passages",
            },
        },
        openapi_extra=_json_body(ClassifyRequest),
    )
    async def classify(request: Request) -> Response:
        body = await _read_body(request, settings.max_body_bytes)
        wanted = parse_classify_request(body, request.headers.get("content-type"))
        check_length(wanted.text, settings.max_chars)
        with runner.waiting():
            classified = await asyncio.wrap_future(
                worker().submit(runner.classify, wanted.text, wanted.spans)
            )
        return JSONResponse(classified_out(classified))

    @app.get(
        "/api/analyses/{analysis_id}",
        tags=["analyses"],
        summary="One stored analysis",
        response_model=StoredAnalysisOut,
        responses={404: _ERRORS[404]},
    )
    def get_analysis(analysis_id: str) -> Response:
        stored = store.get(analysis_id)
        if stored is None:
            raise _no_analysis(analysis_id)
        return JSONResponse(_stored_out(stored))

    @app.get(
        "/api/analyses",
        tags=["analyses"],
        summary="Stored analyses, newest first",
        response_model=ListingOut,
    )
    def list_analyses(
        request: Request,
        query: str | None = Query(
            default=None,
            max_length=_MAX_QUERY,
            description="Matches the title, source or URL, in any case.",
        ),
        limit: int = Query(default=20, ge=1, le=_HISTORY_LIMIT),
        offset: int = Query(default=0, ge=0, le=_MAX_OFFSET),
    ) -> Response:
        unknown = sorted(set(request.query_params) - _LISTING_PARAMETERS)
        if unknown:
            # "?q=harbour" listed everything, as if no search had been asked for.
            raise ApiError(
                400,
                "unknown_parameter",
                f"GET /api/analyses takes no parameter {_shortened(unknown[0])!r}: it takes "
                "query (the search), limit and offset.",
            )
        if query is not None and any(ord(c) < 32 or ord(c) == 127 for c in query):
            # A NUL cut the pattern short and matched every analysis.
            raise ApiError(
                422,
                "invalid_request",
                "query parameter 'query' holds a control character; search for words.",
            )
        rows = store.search(query, limit=limit, offset=offset)
        return JSONResponse(
            {
                "total": store.count(query),
                "limit": limit,
                "offset": offset,
                "query": query,
                "items": [_summary_out(row) for row in rows],
            }
        )

    # -- pages ----------------------------------------------------------------------

    @app.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
    async def home() -> HTMLResponse:
        return HTMLResponse(_template("index.html"))

    @app.api_route("/history", methods=["GET", "HEAD"], include_in_schema=False)
    async def history() -> HTMLResponse:
        return HTMLResponse(_template("index.html"))

    @app.api_route("/a/{analysis_id}", methods=["GET", "HEAD"], include_in_schema=False)
    def permalink(analysis_id: str) -> HTMLResponse:
        # The page asks the API for the analysis; the status is for everyone else.
        found = store.get(analysis_id) is not None
        return HTMLResponse(_template("index.html"), status_code=200 if found else 404)

    @app.api_route("/docs", methods=["GET", "HEAD"], include_in_schema=False)
    async def docs() -> HTMLResponse:
        return HTMLResponse(_template("docs.html"))

    app.mount("/static", StaticFiles(directory=_static_dir()), name="static")
    app.mount("/docs-static", StaticFiles(directory=_swagger_dir()), name="docs-static")
    return app


_LISTING_PARAMETERS = frozenset({"query", "limit", "offset"})


async def _read_body(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 past `limit` bytes without reading it all."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise _body_too_large(limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _body_too_large(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _body_too_large(limit: int) -> ApiError:
    return ApiError(
        413,
        "text_too_long",
        f"The request body is larger than {limit:,} bytes, more than this service reads. "
        "Send a shorter article (of a saved page that large, its text), or start the "
        "service with a larger --max-chars.",
    )


def _shortened(text: str) -> str:
    """`text` cut to `_SHOWN_CHARS` characters, for a message that echoes it."""
    return text if len(text) <= _SHOWN_CHARS else text[: _SHOWN_CHARS - 1] + "…"


def is_loopback_host(host: str) -> bool:
    """Whether listening on `host` keeps a service to this machine: "localhost", or an
    address that is loopback however it is written (127.0.0.2, 127.1, ::1,
    ::ffff:127.0.0.1)."""
    return bool(_loopback_addresses(host)) or host.strip().lower() == "localhost"


def loopback_host_names(host: str) -> tuple[str, ...]:
    """The names a service listening on the loopback `host` answers to in the Host
    header: 127.0.0.1, localhost and [::1], `host` as given, and the addresses it means
    as a browser writes them (127.1 is 127.0.0.1). Empty where `host` is not loopback:
    such a service answers to any name."""
    if not is_loopback_host(host):
        return ()
    names = ["127.0.0.1", "localhost", "[::1]", f"[{host}]" if ":" in host else host]
    for address in _loopback_addresses(host):
        names.append(f"[{address.compressed}]" if address.version == 6 else str(address))
    return tuple(dict.fromkeys(names))


def _loopback_addresses(host: str) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    """The addresses `host` means, as the server will read it, when every one is
    loopback; else none."""
    try:
        # The C library's reading of a numeric address: also "127.1" and "2130706433".
        found = socket.getaddrinfo(host, None, flags=socket.AI_NUMERICHOST)
    except (socket.gaierror, UnicodeError, ValueError):
        return []  # a host name, or not an address at all
    addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in found]
    return addresses if addresses and all(map(_loopback, addresses)) else []


def _loopback(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    mapped = getattr(address, "ipv4_mapped", None)  # ::ffff:127.0.0.1
    return (mapped or address).is_loopback


def _no_analysis(analysis_id: str) -> ApiError:
    return ApiError(
        404,
        "not_found",
        f"No analysis has the id {_shortened(analysis_id)!r}. It may have been made by "
        "another propscope service or with another --db; GET /api/analyses lists those kept "
        "here.",
    )


# --- errors -----------------------------------------------------------------------------

_STATUS_CODES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    413: "text_too_long",
    415: "unsupported_media_type",
}


def _wants_page(request: Request) -> bool:
    """A browser navigating to a page (not the API) gets the page, which shows the error."""
    return not request.url.path.startswith(("/api/", "/static/", "/docs-static/")) and (
        "text/html" in request.headers.get("accept", "")
    )


def _add_error_handlers(app: FastAPI) -> None:
    def respond(request: Request, status: int, code: str, message: str) -> Response:
        if status == 404 and _wants_page(request):
            return HTMLResponse(_template("index.html"), status_code=404)
        headers = None
        if status == 405:
            allowed = _allowed_methods(app, request.url.path)
            headers = {"allow": ", ".join(allowed)} if allowed else None
        return JSONResponse(error_body(code, message), status_code=status, headers=headers)

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> Response:
        return respond(request, exc.status, exc.code, exc.message)

    @app.exception_handler(PropscopeError)
    async def propscope_error(request: Request, exc: PropscopeError) -> Response:
        error = error_for(exc)
        if isinstance(exc, FetchError) and error.status >= 500:
            log.warning("fetch failed: %s", exc)  # the site's doing, not the service's
        elif error.status >= 500:
            log.error("analysis failed: %s", exc)
        return respond(request, error.status, error.code, error.message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        code = _STATUS_CODES.get(exc.status_code, "http_error")
        if exc.status_code == 404:
            message = (
                f"Nothing at {_shortened(request.url.path)}. The API is under /api/ (see "
                "/docs); the pages are /, /history and /a/{id}."
            )
        elif exc.status_code == 405:
            message = f"{request.method} is not allowed on {_shortened(request.url.path)}."
            allowed = _allowed_methods(app, request.url.path)
            if allowed:
                message += f" Use {' or '.join(allowed)}."
        else:
            message = str(exc.detail)
        return respond(request, exc.status_code, code, message)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        problems = []
        for error in exc.errors():
            where = [str(part) for part in error.get("loc", ())]
            if where and where[0] in ("query", "path", "body"):
                place = f"{where[0]} parameter {'.'.join(where[1:])!r}" if where[1:] else where[0]
            else:
                place = ".".join(where) or "the request"
            problems.append(f"{place}: {error.get('msg', 'invalid')}")
        return respond(request, 422, "invalid_request", "; ".join(problems) + ".")

    # Any other exception is answered by _SecurityHeaders, inside the security headers.


def _allowed_methods(app: FastAPI, path: str) -> list[str]:
    from starlette.routing import Match

    methods: set[str] = set()
    scope = {"type": "http", "path": path, "method": "GET"}
    for route in app.router.routes:
        match, _ = route.matches(scope)
        if match != Match.NONE:
            methods |= set(getattr(route, "methods", None) or ())
    return sorted(methods - {"HEAD"})
