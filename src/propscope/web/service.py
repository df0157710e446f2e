"""What the web service does, apart from HTTP: read an analyze request, fetch, analyze
one document at a time, and say what went wrong in one error shape."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from propscope.analysis import Analysis
from propscope.document import Document
from propscope.errors import (
    EmptyTextError,
    FetchError,
    FetchTimeoutError,
    InputError,
    MissingDependencyError,
    ModelError,
    PropscopeError,
    UrlRefusedError,
)
from propscope.pipeline import Analyzer

__all__ = [
    "AnalyzeRequest",
    "AnalyzerRunner",
    "ApiError",
    "error_body",
    "error_for",
    "parse_analyze_request",
]


class ApiError(Exception):
    """An error the API answers with `{"error": {"code", "message"}}` and `status`."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


def error_body(code: str, message: str) -> dict[str, Any]:
    """The one JSON shape of every error the service answers."""
    return {"error": {"code": code, "message": message}}


def error_for(exc: PropscopeError) -> ApiError:
    """The HTTP status and code for one of propscope's own errors."""
    message = str(exc)
    message = message[:1].upper() + message[1:]
    if isinstance(exc, UrlRefusedError):
        return ApiError(400, "url_refused", message)
    if isinstance(exc, FetchTimeoutError):
        return ApiError(504, "fetch_timeout", message)
    if isinstance(exc, EmptyTextError):
        return ApiError(422, "empty_text", message)
    if isinstance(exc, FetchError):
        return ApiError(502, "fetch_failed", message)
    if isinstance(exc, InputError):
        return ApiError(422, "invalid_input", message)
    if isinstance(exc, MissingDependencyError):
        return ApiError(500, "missing_dependency", message)
    if isinstance(exc, ModelError):
        return ApiError(500, "model_error", message)
    return ApiError(500, "analysis_failed", message)


# --- the request ---------------------------------------------------------------------


class AnalyzeRequest(BaseModel):
    """Either `text` (with an optional `title`) or `url`."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(
        default=None, description="The article's text. Give this or `url`, not both."
    )
    title: str | None = Field(
        default=None,
        description="The headline. Without it, a first line followed by an empty line "
        "is taken as the title.",
    )
    url: str | None = Field(
        default=None,
        description="An http(s) address to fetch the article from (public addresses only, "
        "unless the service allows private ones).",
    )


def parse_analyze_request(body: bytes, content_type: str | None) -> AnalyzeRequest:
    """Read the body of `POST /api/analyze`, or raise `ApiError` saying what is wrong."""
    # JSON only, declared: a page elsewhere cannot send that without the browser asking
    # this service first (CORS), so it cannot make analyses in a user's name.
    media = (content_type or "").split(";")[0].strip().lower()
    if media != "application/json" and not media.endswith("+json"):
        received = f"is {media}" if media else "has no Content-Type"
        raise ApiError(
            415,
            "unsupported_media_type",
            f"The request body {received}; send JSON with the header "
            "Content-Type: application/json.",
        )
    try:
        decoded = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ApiError(
            400,
            "not_utf8",
            f"The request body is not UTF-8 (byte {exc.start} cannot be decoded); encode "
            "the JSON as UTF-8.",
        ) from None
    if not decoded.strip():
        raise ApiError(
            400,
            "malformed_json",
            'The request body is empty; send {"text": "..."} or {"url": "..."}.',
        )
    try:
        data = json.loads(decoded)
    except json.JSONDecodeError as exc:
        raise ApiError(
            400,
            "malformed_json",
            f"The request body is not valid JSON: {exc.msg} at line {exc.lineno}, column "
            f"{exc.colno}.",
        ) from None
    if not isinstance(data, dict):
        raise ApiError(
            422,
            "invalid_request",
            f'The request body is a JSON {type(data).__name__}; send an object, {{"text": '
            '"..."} or {"url": "..."}.',
        )
    for name in ("text", "title", "url"):
        if data.get(name) is not None and not isinstance(data[name], str):
            raise ApiError(
                422,
                "invalid_request",
                f"`{name}` must be a string; got a JSON {_json_type(data[name])}.",
            )
    for name in ("text", "title", "url"):
        value = data.get(name)
        if isinstance(value, str) and _has_lone_surrogate(value):
            raise ApiError(
                422,
                "invalid_request",
                f"`{name}` holds an unpaired UTF-16 surrogate escape (such as \\ud800), which "
                "is not a character; send the text as valid Unicode.",
            )
    unknown = sorted(set(data) - {"text", "title", "url"})
    if unknown:
        raise ApiError(
            422,
            "invalid_request",
            f"Unknown field(s) {', '.join(map(repr, unknown))}; the fields are text, title "
            "and url.",
        )
    request = AnalyzeRequest(**data)
    if request.text is None and request.url is None:
        raise ApiError(
            422,
            "invalid_request",
            'Give the article as {"text": "...", "title": "..."} or a page as {"url": "..."}.',
        )
    if request.text is not None and request.url is not None:
        raise ApiError(422, "invalid_request", "Give either `text` or `url`, not both.")
    if request.url is not None and request.title is not None:
        raise ApiError(
            422,
            "invalid_request",
            "`title` goes with `text`; a page fetched from `url` brings its own title.",
        )
    if request.url is not None and not request.url.strip():
        raise ApiError(422, "invalid_request", "`url` is empty; give the page's address.")
    return request


def _has_lone_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _json_type(value: object) -> str:
    names = {bool: "boolean", int: "number", float: "number", list: "array", dict: "object"}
    return next((name for kind, name in names.items() if isinstance(value, kind)), "value")


def check_length(doc: Document, max_chars: int, *, where: str = "The text") -> None:
    """Refuse a document longer than the service accepts (HTTP 413)."""
    if len(doc.text) > max_chars:
        raise ApiError(
            413,
            "text_too_long",
            f"{where} has {len(doc.text):,} characters (title included); this service "
            f"analyzes at most {max_chars:,}. Send a shorter article, or start the service "
            "with a larger --max-chars.",
        )


# --- the analyzer ----------------------------------------------------------------------


class AnalyzerRunner:
    """One analyzer, built on first use, run by one thread at a time.

    The default analyzer is not known to be thread-safe (ONNX session, spaCy pipeline), so
    every call goes through one lock. The web app runs `analyze` in a worker thread, off
    the event loop, so health and history stay responsive while an analysis runs.
    """

    def __init__(
        self,
        analyzer: Analyzer | None = None,
        *,
        factory: Callable[[], Analyzer] | None = None,
    ) -> None:
        if factory is None:
            from propscope import default_analyzer

            factory = default_analyzer
        self._analyzer = analyzer
        self._factory = factory
        self._lock = threading.Lock()
        self._count_lock = threading.Lock()
        self._pending = 0

    @property
    def loaded(self) -> bool:
        return self._analyzer is not None

    @property
    def pending(self) -> int:
        """Analyses asked for and not finished: running or waiting their turn."""
        return self._pending

    def analyze(self, doc: Document) -> Analysis:
        with self._count_lock:
            self._pending += 1
        try:
            with self._lock:
                if self._analyzer is None:
                    self._analyzer = self._factory()
                return self._analyzer(doc)
        finally:
            with self._count_lock:
                self._pending -= 1
