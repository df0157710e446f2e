"""What the web service does, apart from HTTP: read an analyze request, fetch, analyze
one document at a time, and say what went wrong in one error shape."""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from propscope.analysis import Analysis, ClassifiedSpan
from propscope.document import Document
from propscope.errors import (
    EmptyTextError,
    FetchError,
    FetchTimeoutError,
    InputError,
    MissingDependencyError,
    ModelError,
    PropscopeError,
    SpanError,
    UnknownComponentError,
    UrlRefusedError,
)
from propscope.io.readers import json_problem
from propscope.pipeline import Analyzer

__all__ = [
    "MAX_CLASSIFY_SPANS",
    "RANKED_SHOWN",
    "AnalyzeRequest",
    "AnalyzerRunner",
    "ApiError",
    "ClassifyRequest",
    "check_length",
    "classified_out",
    "error_body",
    "error_for",
    "has_words",
    "parse_analyze_request",
    "parse_classify_request",
]

MAX_CLASSIFY_SPANS = 50  # passages per POST /api/classify
RANKED_SHOWN = 5  # techniques listed per passage


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
    message = _sentence(str(exc))
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


def _sentence(message: str) -> str:
    """`message` with a capital first letter, as a sentence, unless it starts with a URL
    or a name that keeps its case ("http://example.org/ answered HTTP 404",
    "propscope ...", "max_chars ...")."""
    words = message.split(maxsplit=1)
    first = words[0] if words else ""
    keeps_case = (
        not first[:1].islower()
        or "://" in first
        or any(char in first for char in "_./`'\"")
        or any(char.isdigit() for char in first)
        or first.rstrip(":,;") == "propscope"
    )
    return message if keeps_case else message[:1].upper() + message[1:]


# --- the request ---------------------------------------------------------------------


class AnalyzeRequest(BaseModel):
    """One of `text` (with an optional `title`), `url` or `html`."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(
        default=None,
        description="The article's text. Give this, `url` or `html`: one of the three.",
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
    html: str | None = Field(
        default=None,
        description="A web page as saved from a browser, whose article is read as a "
        "fetched page's is: for pages the service cannot fetch (behind a login or a "
        "paywall, or on a network it cannot reach).",
    )
    source: str | None = Field(
        default=None,
        description="The outlet that published the article, as `propscope report` groups "
        "the store's analyses by it (instead of what a fetched page names).",
    )
    published: str | None = Field(
        default=None,
        description="When it was published (ISO 8601, or as a feed writes it), as "
        "`propscope report` groups analyses by month (instead of a fetched page's date).",
    )


_ANALYZE_FIELDS = ("text", "title", "url", "html", "source", "published")


def parse_analyze_request(body: bytes, content_type: str | None) -> AnalyzeRequest:
    """Read the body of `POST /api/analyze`, or raise `ApiError` saying what is wrong."""
    data = _read_json_object(body, content_type, example='{"text": "..."} or {"url": "..."}')
    for name in _ANALYZE_FIELDS:
        if data.get(name) is not None and not isinstance(data[name], str):
            raise ApiError(
                422,
                "invalid_request",
                f"`{name}` must be a string; got {_json_kind(data[name])}.",
            )
    for name in _ANALYZE_FIELDS:
        value = data.get(name)
        if isinstance(value, str) and _has_lone_surrogate(value):
            raise ApiError(
                422,
                "invalid_request",
                f"`{name}` holds an unpaired UTF-16 surrogate escape (such as \\ud800), which "
                "is not a character; send the text as valid Unicode.",
            )
    unknown = sorted(set(data) - set(_ANALYZE_FIELDS))
    if unknown:
        raise ApiError(
            422,
            "invalid_request",
            f"Unknown field(s) {', '.join(map(repr, unknown))}; the fields are text, title, "
            "url, html, source (the outlet) and published (the date).",
        )
    request = AnalyzeRequest(**data)
    given = [name for name in ("text", "url", "html") if getattr(request, name) is not None]
    if not given:
        raise ApiError(
            422,
            "invalid_request",
            'Give the article as {"text": "...", "title": "..."}, a page to fetch as '
            '{"url": "..."} or a saved page as {"html": "..."}.',
        )
    if len(given) > 1:
        raise ApiError(
            422,
            "invalid_request",
            f"Give either `text`, `url` or `html`, not both `{given[0]}` and `{given[1]}`.",
        )
    if request.text is None and request.title is not None:
        kind = "fetched from `url`" if request.url is not None else "given as `html`"
        raise ApiError(
            422,
            "invalid_request",
            f"`title` goes with `text`; a page {kind} brings its own title.",
        )
    if request.url is not None and not request.url.strip():
        raise ApiError(422, "invalid_request", "`url` is empty; give the page's address.")
    if request.html is not None and not request.html.strip():
        raise ApiError(422, "invalid_request", "`html` is empty; give the saved page.")
    return request


class ClassifyRequest(BaseModel):
    """A text and the passages of it to classify."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="The whole text: the model reads it all for context.")
    spans: list[tuple[int, int]] = Field(
        description="The passages, as [start, end] character offsets into `text` (Unicode "
        f"code points, end excluded); at most {MAX_CLASSIFY_SPANS}.",
        max_length=MAX_CLASSIFY_SPANS,
    )


def parse_classify_request(body: bytes, content_type: str | None) -> ClassifyRequest:
    """Read the body of `POST /api/classify`, or raise `ApiError` saying what is wrong.
    Whether each span is a passage of the text is the techniques component's to say."""
    example = '{"text": "...", "spans": [[start, end], ...]}'
    data = _read_json_object(body, content_type, example=example)
    unknown = sorted(set(data) - {"text", "spans"})
    if unknown:
        raise ApiError(
            422,
            "invalid_request",
            f"Unknown field(s) {', '.join(map(repr, unknown))}; the fields are text and spans.",
        )
    text, spans = data.get("text"), data.get("spans")
    if text is None or spans is None:
        missing = " and ".join(f"`{name}`" for name in ("text", "spans") if data.get(name) is None)
        raise ApiError(422, "invalid_request", f"Give {missing}: send {example}.")
    if not isinstance(text, str):
        raise ApiError(422, "invalid_request", f"`text` must be a string; got {_json_kind(text)}.")
    if _has_lone_surrogate(text):
        raise ApiError(
            422,
            "invalid_request",
            "`text` holds an unpaired UTF-16 surrogate escape (such as \\ud800), which is not "
            "a character; send the text as valid Unicode.",
        )
    if not isinstance(spans, list):
        raise ApiError(
            422,
            "invalid_request",
            f"`spans` must be an array of [start, end] pairs; got {_json_kind(spans)}.",
        )
    if len(spans) > MAX_CLASSIFY_SPANS:
        raise ApiError(
            422,
            "too_many_spans",
            f"`spans` holds {len(spans)} passages; this service classifies at most "
            f"{MAX_CLASSIFY_SPANS} per request. Send them in several requests of "
            f"{MAX_CLASSIFY_SPANS} or fewer.",
        )
    for i, span in enumerate(spans):
        if not (isinstance(span, list) and len(span) == 2 and all(map(_is_whole, span))):
            raise ApiError(
                422,
                "invalid_request",
                f"`spans[{i}]` is {_shown_json(span)}; give each span as [start, end], two "
                "whole numbers: character offsets into `text`, end excluded.",
            )
    return ClassifyRequest(text=text, spans=[(start, end) for start, end in spans])


def _shown_json(value: object, limit: int = 80) -> str:
    """`value` as JSON, cut to `limit` characters, for a message."""
    try:
        shown = json.dumps(value)
    except (RecursionError, ValueError):
        shown = f"{_json_kind(value)} too deep or too long to show"
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def _is_whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def classified_out(classified: Sequence[ClassifiedSpan]) -> dict[str, Any]:
    """The answer of `POST /api/classify`: each passage with its most likely technique and
    the first `RANKED_SHOWN` techniques, with their labels."""
    return {"spans": [span.to_dict(top=RANKED_SHOWN) for span in classified]}


def _read_json_object(body: bytes, content_type: str | None, *, example: str) -> dict[str, Any]:
    """The JSON object a request body holds, or `ApiError` saying what is wrong with the
    body; `example` is the object expected, for the messages."""
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
            f"The request body is empty; send {example}.",
        )
    try:
        data = json.loads(decoded)
    except json.JSONDecodeError as exc:
        raise ApiError(
            400,
            "malformed_json",
            f"The request body is not valid JSON: {json_problem(exc)} at line {exc.lineno}, column "
            f"{exc.colno}.",
        ) from None
    except RecursionError:
        raise ApiError(
            400,
            "malformed_json",
            "The request body nests arrays or objects too deeply for this service to read "
            f"(hundreds of levels); send {example}.",
        ) from None
    except ValueError:  # Python reads integers of at most sys.get_int_max_str_digits() digits
        raise ApiError(
            422,
            "invalid_request",
            f"The request body holds a number of more than {sys.get_int_max_str_digits():,} "
            f"digits, longer than this service reads; send {example}.",
        ) from None
    if not isinstance(data, dict):
        raise ApiError(
            422,
            "invalid_request",
            f"The request body is {_json_kind(data)}; send an object, {example}.",
        )
    return data


def _has_lone_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _json_kind(value: object) -> str:
    """What `value`, read from JSON, is, named as JSON names it: "an array", "null"."""
    if value is None:
        return "null"
    if isinstance(value, bool):  # before int: a bool is an int in Python
        return "true" if value else "false"
    names = {int: "a number", float: "a number", str: "a string", list: "an array"}
    return next((name for kind, name in names.items() if isinstance(value, kind)), "an object")


def has_words(text: str) -> bool:
    """Whether `text` holds a letter or a digit, in any script: a text of only
    whitespace, punctuation or control characters ("\\u0000\\u0000") has nothing to
    analyze."""
    return any(char.isalnum() for char in text)


def check_length(doc: Document | str, max_chars: int, *, where: str = "The text") -> None:
    """Refuse a document (or a plain text) longer than the service accepts (HTTP 413)."""
    text = doc if isinstance(doc, str) else doc.text
    if len(text) > max_chars:
        counted = "" if isinstance(doc, str) else " (title included)"
        raise ApiError(
            413,
            "text_too_long",
            f"{where} has {len(text):,} characters{counted}; this service "
            f"analyzes at most {max_chars:,}. Send a shorter article, or start the service "
            "with a larger --max-chars.",
        )


def check_page_size(html: str, max_bytes: int) -> None:
    """Refuse a saved page larger than a fetched one may be (HTTP 413): the same bound
    for a page the service downloads and one a reader sends."""
    size = len(html.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise ApiError(
            413,
            "text_too_long",
            f"The page is {size:,} bytes; this service reads pages of at most "
            f"{max_bytes:,} bytes, as it fetches them. Save the page without its pictures "
            "and scripts, or paste the article's text.",
        )


# --- the analyzer ----------------------------------------------------------------------

_T = TypeVar("_T")


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
        """Analyses (and classifications) asked for and not finished: running or waiting
        their turn."""
        return self._pending

    def analyze(self, doc: Document) -> Analysis:
        return self._run(lambda analyzer: analyzer(doc))

    def classify(self, text: str, spans: Sequence[tuple[int, int]]) -> list[ClassifiedSpan]:
        """The techniques component's ranking of each passage `text[start:end]`
        (`TechniqueTagger.classify`); `ApiError` (422) where the analyzer has no
        component that can, or a span is not a passage of the text."""

        def classify_with(analyzer: Analyzer) -> list[ClassifiedSpan]:
            classify = _classifier_of(analyzer)
            try:
                return list(classify(text, spans))
            except SpanError as exc:
                message = str(exc)
                raise ApiError(
                    422, "invalid_spans", message[:1].upper() + message[1:].rstrip(".") + "."
                ) from None

        return self._run(classify_with)

    @contextmanager
    def waiting(self) -> Iterator[None]:
        """Count a request in `pending` from when it is asked for, waiting its turn in the
        service's queue included, to when it is answered."""
        with self._count_lock:
            self._pending += 1
        try:
            yield
        finally:
            with self._count_lock:
                self._pending -= 1

    def _run(self, work: Callable[[Analyzer], _T]) -> _T:
        with self._lock:
            if self._analyzer is None:
                self._analyzer = self._factory()
            return work(self._analyzer)


def _classifier_of(analyzer: Analyzer) -> Callable[..., Sequence[ClassifiedSpan]]:
    """The `classify` method of the analyzer's techniques component, or `ApiError`."""
    component = None
    get = getattr(analyzer, "get", None)  # a stand-in for an Analyzer may have no components
    if callable(get):
        try:
            component = get("techniques")
        except UnknownComponentError:
            pass
    classify = getattr(component, "classify", None)
    if not callable(classify):
        raise ApiError(
            422,
            "classify_unavailable",
            "This service's analyzer has no techniques component that classifies chosen "
            "passages (one with a `classify` method), so it cannot answer /api/classify. "
            "Build the service with an analyzer that includes propscope's techniques "
            "component, as the default one does.",
        )
    return classify  # type: ignore[no-any-return]
