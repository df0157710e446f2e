"""Reading articles from files, folders, JSONL files and standard input.

`read_inputs` turns the paths a user names into `Document`s, lazily and in input order.
One bad input never stops the others: it becomes an `InputFailure` in the stream, and
the caller decides whether to raise, report or skip it.

What is read:

- `-`: standard input, one plain-text article (origin `<stdin>`).
- A folder: the files directly inside it, sorted by name: `*.txt` as articles,
  `*.jsonl` / `*.ndjson` as one article per line. Subfolders are not entered (no
  recursion: no symlink loops, no surprise `.git` or `node_modules` trees) and hidden
  files (names starting with `.`, such as macOS `._article1.txt`) are skipped.
- A `.jsonl` / `.ndjson` file: one JSON object per non-blank line.
- A `.json` file: one JSON object, or an array of objects (a folder's `.json` files are
  not read: too many of them are not articles).
- A `.xml`, `.rss` or `.atom` file (named): a saved news feed or sitemap; each article
  it lists is fetched, as a URL is (`propscope.io.feeds`).
- A `.html` / `.htm` file (named, or in a folder): a saved web page, whose article
  (title, body, date, site) is read as the web service reads a fetched page (needs
  `propscope[web]`).
- An `http://` or `https://` URL: the page is fetched under `propscope.io.fetch`'s
  rules and its article read the same way (needs `propscope[web]`); its id is the URL.
  So is a JSONL line or JSON object with a "url" and neither "text" nor "html": its id
  is its "id", else the URL, and its own title, source and date win over the page's.
  Pages are fetched a few at a time (`FETCH_WORKERS`, or the environment variable
  `PROPSCOPE_FETCH_WORKERS`), in input order.
- Any other file: one plain-text article, whatever its suffix, since the user named it.

Text is decoded as strict UTF-8 and a leading byte order mark is dropped; newlines are
not translated here (offsets point into the text as `Document.from_text` keeps it). A
file (or standard input) with a NUL byte in its first 8 KB is refused as binary.
"""

from __future__ import annotations

import codecs
import json
import math
import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, TextIO, TypeVar

from propscope.document import Document, split_title
from propscope.errors import (
    DecodeError,
    EmptyTextError,
    InputError,
    MissingDependencyError,
    NoInputsError,
    PropscopeError,
)
from propscope.io.ptc import article_id_from_path

__all__ = [
    "FEED_SUFFIXES",
    "FETCH_WORKERS",
    "FETCH_WORKERS_ENV",
    "HTML_SUFFIXES",
    "JSONL_SUFFIXES",
    "JSON_SUFFIX",
    "STDIN_PATH",
    "TEXT_SUFFIXES",
    "InputFailure",
    "PageRequest",
    "fetch_keyed",
    "fetch_pages",
    "fetch_workers",
    "file_items",
    "input_items",
    "is_url",
    "json_problem",
    "read_file",
    "read_inputs",
    "stdin_again",
]

STDIN_PATH = "-"
STDIN_ORIGIN = "<stdin>"
TEXT_SUFFIXES = frozenset({".txt"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
# Named, never found in a folder: news feeds and sitemaps, read as lists of links.
FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
JSON_SUFFIX = ".json"

# "html" is read only where "text" is missing, and is never kept as metadata.
_DOCUMENT_KEYS = frozenset(
    {"text", "html", "id", "title", "source", "url", "published", "metadata"}
)
_OPTIONAL_STR_KEYS = ("title", "source", "url", "published")
_JSONL_EXAMPLE = '{"id": "a1", "title": "...", "text": "..."}'
_ENCODING_FIX = (
    "Convert it to UTF-8, for example with `iconv -f latin1 -t utf-8 OLD > NEW` "
    "(use -f cp1252 for files from Windows)."
)
_EXCERPT_CHARS = 60
_BINARY_SNIFF_BYTES = 8192
_WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# Pages fetched at once, and how many inputs a reader may run ahead of the one it yields.
FETCH_WORKERS = 4
FETCH_WORKERS_ENV = "PROPSCOPE_FETCH_WORKERS"


def json_problem(exc: json.JSONDecodeError) -> str:
    """What the JSON reader found wrong, in words that stand alone: Python's own message
    ends in a dangling "at" for some ("Invalid control character at"), which a message
    that adds the column after a comma turns into "at, column 30"."""
    msg = exc.msg.removesuffix(" at")
    if msg == "Unterminated string starting":
        return "a string left open: no closing quotation mark"
    if msg == "Invalid control character":
        return (
            "a control character inside a string: a line break or tab not written as \\n "
            "or \\t, or a string left open"
        )
    return msg


@dataclass(frozen=True, slots=True)
class InputFailure:
    """An input that could not be read, with where it came from and why."""

    origin: str
    error: PropscopeError
    # The document's id where the input says it though its article cannot be read (a
    # JSONL line or table row with an "id" and an empty text): batch keys the error by it.
    id: str | None = None
    # What else the line, row or link says of the document (`given_fields`): its title,
    # source, url, published and other fields, so that a corpus report counts the
    # failure under its outlet.
    given: dict[str, Any] = field(default_factory=dict)

    def message(self) -> str:
        """One line: the origin, then what went wrong and how to fix it."""
        text = " ".join(str(self.error).splitlines())
        if text.startswith(self.origin):
            return text
        return f"{self.origin}: {text}"


ReadResult = Document | InputFailure


@dataclass(frozen=True, slots=True)
class PageRequest:
    """A web page still to fetch: a URL named as an input, or a JSONL line or table row
    that gives a "url" and no text. Its `id` (the document's, known before the fetch, so
    that a batch run can skip a page it has done without fetching it again) is the one
    the line gives, else the URL. `given` title, source and published win over what the
    page names; the document's url is where the page was found, after redirects."""

    url: str
    id: str
    origin: str
    given: dict[str, str | None] = field(default_factory=dict)
    metadata: dict[str, Any] = field(default_factory=dict)

    def fetch(self) -> ReadResult:
        """The page's article as a `Document`, or the failure that says why not."""
        from propscope.io import fetch

        try:
            article = fetch.fetch_article(self.url)
        except MissingDependencyError as exc:
            return InputFailure(
                self.origin, page_input_error(exc, self.origin), id=self.id, given=self._known()
            )
        except PropscopeError as exc:  # refused, unreachable, no article text
            return InputFailure(self.origin, exc, id=self.id, given=self._known())
        except Exception as exc:  # a page no rule foresaw must not stop a batch's others
            error = InputError(
                f"reading the page at {self.url} failed ({type(exc).__name__}: {exc}). "
                "Check the page in a browser; if it reads there, report this error."
            )
            return InputFailure(self.origin, error, id=self.id, given=self._known())
        own = {
            "title": article.title,
            "source": article.site,
            "url": article.final_url,
            "published": article.published,
        }
        fields = {key: self.given.get(key) or value for key, value in own.items()}
        return Document.from_text(
            article.text,
            id=self.id,
            metadata=self.metadata or None,
            origin=self.origin,
            **fields,
        )

    def _known(self) -> dict[str, Any]:
        known: dict[str, Any] = {k: v for k, v in self.given.items() if v}
        known.setdefault("url", self.url)
        if self.metadata:
            known["metadata"] = dict(self.metadata)
        return known


# What the readers yield before pages are fetched.
ReadItem = Document | InputFailure | PageRequest
K = TypeVar("K")


def read_inputs(
    paths: Sequence[str | Path], *, stdin: TextIO | BinaryIO | None = None
) -> Iterator[ReadResult]:
    """Read every path in order: `-` is standard input, a folder its files, else a file.

    `stdin` replaces `sys.stdin` (bytes are decoded as UTF-8). Nothing is read before the
    iterator is advanced, and one input is held in memory at a time, except among web
    pages, which are fetched a few at a time ahead of the one yielded (`fetch_pages`).
    """
    return fetch_pages(input_items(paths, stdin=stdin))


def input_items(
    paths: Sequence[str | Path], *, stdin: TextIO | BinaryIO | None = None
) -> Iterator[ReadItem]:
    """`read_inputs` before its pages are fetched: each web page is a `PageRequest`."""
    if isinstance(paths, str | bytes | os.PathLike):
        raise TypeError(
            f"read_inputs takes a list of paths, got a single {type(paths).__name__}: "
            f"{paths!r}. Wrap it in a list: read_inputs([path])."
        )
    return _read_all(paths, stdin)


def fetch_workers() -> int:
    """How many pages to fetch at once: `PROPSCOPE_FETCH_WORKERS` where it is set (1 to
    be gentlest with a site), else `FETCH_WORKERS`."""
    raw = os.environ.get(FETCH_WORKERS_ENV, "").strip()
    if not raw:
        return FETCH_WORKERS
    if not raw.isdigit() or not 1 <= int(raw) <= 64:
        raise PropscopeError(
            f"{FETCH_WORKERS_ENV}={raw!r} is not a number of pages to fetch at once: give a "
            f"whole number from 1 to 64 (unset, {FETCH_WORKERS})."
        )
    return int(raw)


def fetch_pages(items: Iterable[ReadItem], *, workers: int | None = None) -> Iterator[ReadResult]:
    """`items` in order, each `PageRequest` replaced by what its fetch gave.

    Up to `workers` pages are fetched at once (`fetch_workers()` where None), while
    the items before them are yielded; the reading runs at most four times as many
    items ahead. No thread is started until a page is met."""
    for _, result in fetch_keyed(((None, item) for item in items), workers=workers):
        yield result


def fetch_keyed(
    pairs: Iterable[tuple[K, ReadItem]], *, workers: int | None = None
) -> Iterator[tuple[K, ReadResult]]:
    """`fetch_pages` over (key, item) pairs, each key kept beside its item's result."""
    workers = fetch_workers() if workers is None else workers
    if workers < 1:
        raise ValueError(f"workers must be 1 or more, got {workers}")
    pool: ThreadPoolExecutor | None = None
    ahead: deque[tuple[K, ReadResult | Future[ReadResult]]] = deque()
    try:
        for key, item in pairs:
            if isinstance(item, PageRequest):
                if pool is None:
                    pool = ThreadPoolExecutor(workers, thread_name_prefix="propscope-fetch")
                ahead.append((key, pool.submit(item.fetch)))
            elif not ahead:
                yield key, item  # nothing waits before it: no need to hold it
                continue
            else:
                ahead.append((key, item))
            # Yield what is ready at the front; wait for it once the reading is far ahead.
            while ahead and (len(ahead) > 4 * workers or _ready(ahead[0][1])):
                key, entry = ahead.popleft()
                yield key, _result(entry)
        while ahead:
            key, entry = ahead.popleft()
            yield key, _result(entry)
    finally:
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)


def _ready(entry: ReadResult | Future[ReadResult]) -> bool:
    return not isinstance(entry, Future) or entry.done()


def _result(entry: ReadResult | Future[ReadResult]) -> ReadResult:
    return entry.result() if isinstance(entry, Future) else entry


def stdin_again() -> InputFailure:
    """The failure of a second `-` in one run: standard input is read once."""
    return InputFailure(
        STDIN_ORIGIN,
        InputError(
            f"{STDIN_ORIGIN}: standard input (-) was given more than once; it can be read "
            "only once. Give - once."
        ),
    )


def read_file(path: Path) -> Iterator[ReadResult]:
    """Read one file: JSONL (`.jsonl`, `.ndjson`) line by line, a `.json` file as one
    article object or an array of them, anything else as one article."""
    return fetch_pages(file_items(path))


def file_items(path: Path) -> Iterator[ReadItem]:
    """`read_file` before its pages (lines that give only a "url") are fetched."""
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(path)
    elif suffix == JSON_SUFFIX:
        yield from _read_json(path)
    elif suffix in HTML_SUFFIXES:
        yield _read_html_file(path)
    elif suffix in FEED_SUFFIXES:
        yield from _read_feed_file(path)
    else:
        yield _read_text_file(path)


def _read_feed_file(path: Path) -> Iterator[ReadItem]:
    """A saved news feed or sitemap (`propscope.io.feeds`): each article it lists is a
    page to fetch, keyed by its address, with the feed's title, date and outlet for it."""
    from propscope.io.feeds import no_links_error, parse_feed

    origin = str(path)
    try:
        items = parse_feed(path.read_bytes(), origin=origin)
    except OSError as exc:
        yield InputFailure(origin, _os_error(exc, origin))
        return
    except InputError as exc:
        yield InputFailure(origin, exc)
        return
    if not items:
        yield InputFailure(origin, no_links_error(origin))
    for item in items:
        given = {"title": item.title, "source": item.source, "published": item.published}
        yield PageRequest(item.url, item.url, origin, given, {"feed": origin})


def is_url(item: str) -> bool:
    """Whether an input names a web page to fetch rather than a path."""
    return item[:8].lower().startswith(("http://", "https://"))


def _read_all(paths: Iterable[str | Path], stdin: TextIO | BinaryIO | None) -> Iterator[ReadItem]:
    stdin_read = False
    for raw in paths:
        if str(raw) == STDIN_PATH and stdin_read:
            yield stdin_again()
        elif str(raw) == STDIN_PATH:
            stdin_read = True
            yield _read_stdin(stdin)
        elif str(raw) == "":  # Path("") would silently mean the current folder
            yield InputFailure("''", InputError("'': an empty path was given. Name a file."))
        elif isinstance(raw, str) and is_url(raw):
            yield PageRequest(raw, id=raw, origin=raw)
        elif _is_dir(Path(raw)):
            yield from _read_folder(Path(raw))
        else:
            yield from file_items(Path(raw))


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # e.g. permission denied on a parent: reading it will say why
        return False


# --- plain text -------------------------------------------------------------------------


def _read_text_file(path: Path) -> ReadResult:
    origin = str(path)
    try:
        text = _decode_whole(path.read_bytes(), origin)
        return Document.from_text(text, id=_text_file_id(path), origin=origin)
    except OSError as exc:
        return InputFailure(origin, _os_error(exc, origin))
    except InputError as exc:
        return InputFailure(origin, exc)


def _read_html_file(path: Path) -> ReadResult:
    from propscope.io.fetch import read_html

    origin = str(path)
    try:
        return read_html(path.read_bytes(), id=_text_file_id(path), origin=origin)
    except OSError as exc:
        return InputFailure(origin, _os_error(exc, origin))
    except MissingDependencyError as exc:
        return InputFailure(origin, page_input_error(exc, origin))
    except PropscopeError as exc:  # no article text
        return InputFailure(origin, exc)


def _text_file_id(path: Path) -> str:
    """`article123.txt` -> "123" (the PTC id); any other file -> its stem."""
    return article_id_from_path(path) or path.stem


def _read_stdin(stdin: TextIO | BinaryIO | None) -> ReadResult:
    source = stdin if stdin is not None else sys.stdin
    if source is None:
        error = InputError(
            f"{STDIN_ORIGIN}: standard input is closed. Pipe an article in, or name a file."
        )
        return InputFailure(STDIN_ORIGIN, error)
    # A text stream such as sys.stdin has a byte `buffer`: read that so we decode strictly.
    stream = getattr(source, "buffer", source)
    try:
        data = stream.read()
        text = data if isinstance(data, str) else _decode_whole(data, STDIN_ORIGIN)
        return Document.from_text(text.removeprefix("\ufeff"), origin=STDIN_ORIGIN)
    except OSError as exc:
        return InputFailure(STDIN_ORIGIN, _os_error(exc, STDIN_ORIGIN))
    except InputError as exc:
        return InputFailure(STDIN_ORIGIN, exc)


# --- decoding and OS errors -------------------------------------------------------------


def _decode_whole(data: bytes, origin: str) -> str:
    """A whole file's (or standard input's) text, refused as binary where a NUL byte in
    its first bytes says it is no text: advice on converting text would mislead. UTF-16
    and UTF-32 text, whose byte order mark comes first, is left to the UTF-8 error."""
    if b"\x00" in data[:_BINARY_SNIFF_BYTES] and not data.startswith(_WIDE_BOMS):
        raise DecodeError(
            f"{origin} looks like a binary file (a program, an image, an archive), not an "
            "article: it holds NUL bytes, which text does not. Give a text file, the "
            "article's text in UTF-8."
        )
    return _decode(data, origin, line_numbers=True)


def wide_encoding(data: bytes) -> str | None:
    """ "UTF-16" or "UTF-32" where `data` opens with that encoding's byte order mark and
    a NUL byte follows among its first bytes, as in any such text with Latin letters
    (b"\\xff\\xfe bad" is no UTF-16)."""
    if b"\x00" not in data[2:64]:
        return None
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "UTF-32"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "UTF-16"
    return None


def wide_error(origin: str, encoding: str) -> DecodeError:
    """The error for a whole file in UTF-16 or UTF-32: the fix names its encoding, where
    a Latin-1 conversion would turn it into text full of NUL bytes."""
    return DecodeError(
        f"{origin} is {encoding} text (it opens with a {encoding} byte order mark); "
        f"propscope reads UTF-8 only. Convert it with `iconv -f {encoding.lower()} -t utf-8 "
        "OLD > NEW` and run again."
    )


def _decode(data: bytes, origin: str, *, byte_base: int = 0, line_numbers: bool) -> str:
    """Strict UTF-8 with a leading BOM dropped; `byte_base` is `data`'s offset in its file."""
    wide = wide_encoding(data) if byte_base == 0 else None
    if wide is not None:
        raise wide_error(origin, wide)
    bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data[bom:].decode("utf-8")
    except UnicodeDecodeError as exc:
        position = bom + exc.start
        line = data.count(b"\n", 0, position) + 1 if line_numbers else None
        raise _decode_error(origin, data[position], byte_base + position, line) from None


def _decode_error(origin: str, bad_byte: int, offset: int, line: int | None) -> DecodeError:
    where = f"byte offset {offset}" + (f" (line {line})" if line is not None else "")
    return DecodeError(
        f"{origin} is not UTF-8 text: byte 0x{bad_byte:02X} at {where} cannot be decoded. "
        f"propscope reads UTF-8 only. {_ENCODING_FIX}"
    )


def _os_error(exc: OSError, origin: str) -> InputError:
    if isinstance(exc, FileNotFoundError):
        return InputError(
            f"{origin}: no such file or folder. Check the path (use - to read standard input)."
        )
    if isinstance(exc, PermissionError):
        return InputError(
            f"{origin} cannot be read: permission denied. "
            "Give your user read access to it, for example with `chmod u+r`."
        )
    if isinstance(exc, IsADirectoryError):
        return InputError(
            f"{origin} is a folder, but a single file was expected here. "
            "Pass the folder to read_inputs (or the command line) to read the files inside it."
        )
    if isinstance(exc, NotADirectoryError):
        return InputError(f"{origin}: a part of this path is a file, not a folder. Check the path.")
    return InputError(
        f"{origin} could not be read: {exc.strerror or exc}. Check that it is a readable file."
    )


# --- folders ----------------------------------------------------------------------------


def _read_folder(folder: Path) -> Iterator[ReadItem]:
    origin = str(folder)
    try:
        with os.scandir(folder) as scan:
            # Only names are held, never contents, so large folders still stream.
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        yield InputFailure(origin, _os_error(exc, origin))
        return
    read_any = False
    for entry in entries:
        if _is_readable_entry(entry):
            read_any = True
            yield from file_items(folder / entry.name)
    if not read_any:
        yield InputFailure(origin, _no_inputs_error(origin, [entry.name for entry in entries]))


def _is_readable_entry(entry: os.DirEntry[str]) -> bool:
    if entry.name.startswith("."):
        return False
    suffix = Path(entry.name).suffix.lower()
    if suffix not in TEXT_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES:
        return False
    try:
        return entry.is_file()
    except OSError:
        return False


def _no_inputs_error(origin: str, names: list[str]) -> NoInputsError:
    if names:
        shown = ", ".join(names[:3]) + (", ..." if len(names) > 3 else "")
        found = f"found {len(names)} other entr{'y' if len(names) == 1 else 'ies'}: {shown}"
    else:
        found = "it is empty"
    return NoInputsError(
        f"{origin} holds no file that propscope reads ({found}). Expected .txt files "
        "(one article each), .html / .htm (saved web pages) or .jsonl / .ndjson files "
        "(one JSON article per line); "
        "subfolders and hidden files are not read. Put the articles in this folder "
        "or name the files directly."
    )


# --- JSONL ------------------------------------------------------------------------------


def _read_jsonl(path: Path) -> Iterator[ReadItem]:
    origin = str(path)
    read_any = False
    try:
        with path.open("rb") as handle:
            wide = wide_encoding(handle.read(64))
            if wide is not None:  # one error for the file, not one for each line
                yield InputFailure(origin, wide_error(origin, wide))
                return
            handle.seek(0)
            # Binary lines split on b"\n" only, so U+2028 inside a text is not a line break.
            byte_offset = 0
            for line_no, raw in enumerate(handle, start=1):
                if raw.strip():
                    read_any = True
                    yield _read_jsonl_line(raw, path, line_no, byte_offset)
                byte_offset += len(raw)
    except OSError as exc:
        yield InputFailure(origin, _os_error(exc, origin))
        return
    if not read_any:
        error = NoInputsError(
            f"{origin} holds no lines with articles: it is empty or blank. "
            f"Expected one JSON object per line, like {_JSONL_EXAMPLE}."
        )
        yield InputFailure(origin, error)


def _read_json(path: Path) -> Iterator[ReadItem]:
    """A `.json` file named on its own: one article object, or an array of them (each
    item's origin is `path[i]`). Folders do not read `.json` files: too many are not
    articles."""
    origin = str(path)
    try:
        text = _decode_whole(path.read_bytes(), origin)
        data = json.loads(text)
    except OSError as exc:
        yield InputFailure(origin, _os_error(exc, origin))
        return
    except InputError as exc:
        yield InputFailure(origin, exc)
        return
    except json.JSONDecodeError as exc:
        error = InputError(
            f"{origin}: not valid JSON ({json_problem(exc)}, line {exc.lineno}, column "
            f"{exc.colno}). "
            f"Expected an article object like {_JSONL_EXAMPLE}, an array of them, or JSON "
            "Lines in a .jsonl file; fix the file, or rename it to .txt if it is article text."
        )
        yield InputFailure(origin, error)
        return
    items = data if isinstance(data, list) else [data]
    if not items:
        yield InputFailure(origin, NoInputsError(f"{origin} is an empty JSON array: no articles."))
    for index, item in enumerate(items):
        where = f"{origin}[{index}]" if isinstance(data, list) else origin
        try:
            if not isinstance(item, dict):
                raise InputError(
                    f"{where}: expected a JSON object, got {_json_kind(item)}. Write each "
                    f"article as an object, like {_JSONL_EXAMPLE}."
                )
            default_id = f"{path.stem}:{index + 1}" if isinstance(data, list) else path.stem
            yield _document_from_json(item, where, default_id)
        except InputError as exc:
            known = item if isinstance(item, dict) else None
            yield InputFailure(where, exc, id=given_id(known), given=given_fields(known))


def _read_jsonl_line(raw: bytes, path: Path, line_no: int, byte_offset: int) -> ReadItem:
    origin = f"{path}:{line_no}"
    data: dict[str, Any] | None = None
    try:
        line = _decode(raw, origin, byte_base=byte_offset, line_numbers=False)
        data = _parse_object(line, origin)
        return _document_from_json(data, origin, f"{path.stem}:{line_no}")
    except InputError as exc:
        return InputFailure(origin, exc, id=given_id(data), given=given_fields(data))


# The longest field a failure keeps of what its line or row says (a title, an outlet).
_GIVEN_CHARS = 500


def given_fields(data: Mapping[str, Any] | None) -> dict[str, Any]:
    """What a line or row that cannot be read says of its document besides the text:
    the title, source, url and published that are strings, and the other short fields
    (under "metadata", with those of a "metadata" object), each on one line."""
    if not data:
        return {}
    known: dict[str, Any] = {}
    metadata: dict[str, Any] = {}
    nested = data.get("metadata")
    items = [*data.items(), *(nested.items() if isinstance(nested, Mapping) else ())]
    for key, value in items:
        if key in ("text", "html", "id", "metadata") or not isinstance(key, str):
            continue
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            continue
        shown = " ".join(str(value).split())[:_GIVEN_CHARS]
        if not shown:
            continue
        if key in _OPTIONAL_STR_KEYS:
            known.setdefault(key, shown)
        else:
            metadata.setdefault(key, value if not isinstance(value, str) else shown)
    if metadata:
        known["metadata"] = metadata
    return known


def given_id(data: dict[str, Any] | None) -> str | None:
    """The id an article object gives, where it gives a usable one; else None."""
    if data is None:
        return None
    try:
        return _jsonl_id(data, "")
    except InputError:
        return None


def _parse_object(line: str, origin: str) -> dict[str, Any]:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{origin}: not valid JSON ({json_problem(exc)}, column {exc.colno}): "
            f"{_excerpt(line)}. "
            f"Expected one JSON object per line, like {_JSONL_EXAMPLE}; "
            "fix the line or remove it."
        ) from None
    if not isinstance(data, dict):
        raise InputError(
            f"{origin}: expected a JSON object, got {_json_kind(data)}: {_excerpt(line)}. "
            f"Write each article as an object, like {_JSONL_EXAMPLE}."
        )
    return data


def _document_from_json(
    data: dict[str, Any], origin: str, default_id: str
) -> Document | PageRequest:
    if "text" not in data and "html" in data:
        return _document_from_html(data, origin, default_id)
    no_text = data.get("text") is None or (
        isinstance(data["text"], str) and not data["text"].strip()
    )
    if no_text and isinstance(data.get("url"), str) and is_url(data["url"].strip()):
        url = data["url"].strip()
        given = {key: _optional_str(data, key, origin) for key in ("title", "source", "published")}
        metadata = _metadata(data, origin)
        return PageRequest(url, _jsonl_id(data, origin) or url, origin, given, metadata)
    text = _required_text(data, origin)
    fields = {key: _optional_str(data, key, origin) for key in _OPTIONAL_STR_KEYS}
    title = fields["title"]
    if title is not None and _text_starts_with_title(text, title):
        title = None  # e.g. a `Document.to_dict()` line: its text already holds the title
    return Document.from_text(
        text,
        title=title,
        id=_jsonl_id(data, origin) or default_id,
        source=fields["source"],
        url=fields["url"],
        published=fields["published"],
        metadata=_metadata(data, origin),
        origin=origin,
    )


def _document_from_html(data: dict[str, Any], origin: str, default_id: str) -> Document:
    """A line or object holding a web page under "html" instead of a "text": the
    page's article, with the line's own title, source, url and date where it gives them."""
    from propscope.io.fetch import read_html

    html = data["html"]
    if not isinstance(html, str) or not html.strip():
        raise InputError(
            f'{origin}: "html" must be a web page as one JSON string, got '
            f"{_json_kind(html) if not isinstance(html, str) else 'an empty string'}. "
            'Put the page under "html", or the article\'s text under "text".'
        )
    given = {key: _optional_str(data, key, origin) for key in _OPTIONAL_STR_KEYS}
    try:
        return read_html(
            html,
            id=_jsonl_id(data, origin) or default_id,
            origin=origin,
            given=given,
            metadata=_metadata(data, origin),
        )
    except MissingDependencyError as exc:
        raise page_input_error(exc, origin) from None


def page_input_error(exc: MissingDependencyError, origin: str) -> InputError:
    """A page that cannot be read for want of trafilatura is one input's failure, as any
    other: the rest are read, and a rerun after the install reads it again."""
    return InputError(f"{origin}: {exc}")


def _required_text(data: dict[str, Any], origin: str) -> str:
    if "text" not in data:
        keys = ", ".join(map(repr, list(data)[:8])) or "none"
        raise InputError(
            f'{origin}: the object has no "text" field (its keys: {keys}). '
            'Put the article under "text" (or a web page under "html", or the page\'s '
            'http(s) address under "url" to fetch it).'
        )
    text = data["text"]
    if not isinstance(text, str):
        raise InputError(
            f'{origin}: "text" must be a string, got {_json_kind(text)}. '
            'Put the article\'s text under "text" as one JSON string.'
        )
    if not text.strip():
        raise EmptyTextError(
            f'{origin}: "text" is empty or holds only whitespace: there is nothing to analyze. '
            "Fill it with the article, or remove the line."
        )
    return text


def _optional_str(data: dict[str, Any], key: str, origin: str) -> str | None:
    """A title, source, URL or date: a string, or a number taken as its text (an epoch
    in "published", as Parquet and CSV give it), so that a field that only describes
    the article never stops it from being read."""
    value = data.get(key)
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return str(value)
    raise InputError(
        f'{origin}: "{key}" must be a string, a number or null, got {_json_kind(value)}. '
        f'Write it as a JSON string, or leave "{key}" out.'
    )


def _jsonl_id(data: dict[str, Any], origin: str) -> str | None:
    value = data.get("id")
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise InputError(
        f'{origin}: "id" must be a string or a whole number, got {_json_kind(value)}. '
        'Write it as a JSON string, or leave "id" out to use the file name and line number.'
    )


def _metadata(data: dict[str, Any], origin: str) -> dict[str, Any]:
    """A nested "metadata" object, plus every key a `Document` has no field for."""
    nested = data.get("metadata")
    if nested is None:
        nested = {}
    if not isinstance(nested, dict):
        raise InputError(
            f'{origin}: "metadata" must be a JSON object, got {_json_kind(nested)}. '
            'Write it as {"key": value, ...}, or put the extra keys at the top level.'
        )
    extra = {key: value for key, value in data.items() if key not in _DOCUMENT_KEYS}
    for key, value in extra.items():
        if key in nested and nested[key] != value:
            raise InputError(
                f'{origin}: "{key}" is given twice, as {_json_excerpt(value)} at the top '
                f'level and as {_json_excerpt(nested[key])} under "metadata". Keep one of '
                "them."
            )
    return {**nested, **extra}


def _text_starts_with_title(text: str, title: str) -> bool:
    found, _ = split_title(text.replace("\r\n", "\n"))
    return found is not None and found.split() == title.split()


def _json_kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


def _json_excerpt(value: object) -> str:
    shown = json.dumps(value, ensure_ascii=False)
    return shown if len(shown) <= _EXCERPT_CHARS else shown[:_EXCERPT_CHARS] + "..."


def _excerpt(line: str) -> str:
    line = line.rstrip("\r\n")
    if len(line) <= _EXCERPT_CHARS:
        return repr(line)
    return repr(line[:_EXCERPT_CHARS] + "…")  # not "'...'...": the sentence's stop follows
