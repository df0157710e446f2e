"""Reading corpora: CSV, TSV and Parquet tables, globs, and folders holding any of them.

`read_corpus` extends `read_inputs` to what batch runs read. It keeps its conventions:
lazy, in input order, one row in memory at a time (Parquet a few hundred), and a bad input
becomes an `InputFailure` in the stream instead of stopping the others.

What is read, beyond `read_inputs`:

- `*.csv` (comma) and `*.tsv` (tab) files with a header row, UTF-8. Columns `id`,
  `title`, `text`, `source`, `url` and `published` fill the `Document`; every other
  column is kept, untouched, in `Document.metadata`. Only `text` is required, or
  instead `html` (a web page, read where the text is empty) or `url` (the page is
  fetched where both are empty: a list of links, with an `id` or keyed by the URL).
- `*.parquet` / `*.pq` files with the same columns (needs `propscope[batch]`).
- A pattern with `*`, `?` or `[` (`'corpus/*.csv'`, `'data/**/*.jsonl'`), expanded in
  sorted order when no file has that exact name.
- A folder: its `.txt`, `.html`, `.htm`, `.jsonl`, `.ndjson`, `.csv`, `.tsv`, `.parquet`
  and `.pq` files, sorted by name, not recursing, hidden files skipped.
- An `http://` or `https://` URL, read as `read_inputs` reads one (never as a pattern,
  though it may hold a `?`).

A row without an `id` gets a hash of its text as its id (`Document.from_text`'s rule), so
the id stays the same when the table is re-sorted or rows are added.
"""

from __future__ import annotations

import csv
import fnmatch
import glob
import itertools
import json
import math
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from propscope.document import Document
from propscope.errors import (
    EmptyTextError,
    InputError,
    MissingDependencyError,
    NoInputsError,
    missing_dependency,
)
from propscope.io.readers import (
    FEED_SUFFIXES,
    HTML_SUFFIXES,
    JSON_SUFFIX,
    JSONL_SUFFIXES,
    STDIN_PATH,
    TEXT_SUFFIXES,
    InputFailure,
    PageRequest,
    ReadItem,
    ReadResult,
    fetch_pages,
    file_items,
    given_fields,
    input_items,
    is_url,
    page_input_error,
    stdin_again,
    wide_encoding,
    wide_error,
)

__all__ = [
    "CORPUS_SUFFIXES",
    "CSV_SUFFIXES",
    "PARQUET_SUFFIXES",
    "corpus_items",
    "count_corpus",
    "document_from_row",
    "expand_inputs",
    "folder_files",
    "read_corpus",
    "read_csv",
    "read_parquet",
]

CSV_SUFFIXES = frozenset({".csv", ".tsv"})
PARQUET_SUFFIXES = frozenset({".parquet", ".pq"})
CORPUS_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES | PARQUET_SUFFIXES

# A row's "html" (a web page) is read where its "text" is empty, never kept as metadata;
# its "url" is fetched where both are.
_DOCUMENT_COLUMNS = ("id", "title", "text", "html", "source", "url", "published")
# A table needs one of these columns to hold articles.
_ARTICLE_COLUMNS = frozenset({"text", "html", "url"})
_PARQUET_BATCH_ROWS = 256
# An article can be longer than csv's default field limit of 128 KiB.
_CSV_FIELD_LIMIT = 2**31 - 1
# Counting parses a `.json` file only where it holds an array (its items are the count):
# any other reads as one document or one failure, and only the reader parses it.
_JSON_ARRAY_START = re.compile(rb"(?:\xef\xbb\xbf)?[ \t\r\n]*\[")


def read_corpus(
    paths: Sequence[str | Path], *, stdin: TextIO | BinaryIO | None = None
) -> Iterator[ReadResult]:
    """Every document in `paths`, in order: files, folders, globs, tables and `-`
    (`stdin` replaces `sys.stdin`, as for `read_inputs`). Web pages are fetched a few
    at a time, ahead of the document yielded (`fetch_pages`)."""
    return fetch_pages(corpus_items(paths, stdin=stdin))


def corpus_items(
    paths: Sequence[str | Path], *, stdin: TextIO | BinaryIO | None = None
) -> Iterator[ReadItem]:
    """`read_corpus` before its pages are fetched: each page is a `PageRequest`, whose
    id is known (a batch run skips the pages it has done without fetching them)."""
    if isinstance(paths, str | bytes | os.PathLike):
        raise TypeError(
            f"read_corpus takes a list of paths, got a single {type(paths).__name__}: "
            f"{paths!r}. Wrap it in a list: read_corpus([path])."
        )
    stdin_read = False
    for item in expand_inputs(paths):
        if isinstance(item, InputFailure):
            yield item
        elif item == STDIN_PATH and stdin_read:
            yield stdin_again()
        elif item in (STDIN_PATH, "") or is_url(item):  # Path("") is the current folder
            stdin_read = stdin_read or item == STDIN_PATH
            yield from input_items([item], stdin=stdin)
        else:
            yield from _read_path(Path(item))


def expand_inputs(paths: Sequence[str | Path]) -> Iterator[str | InputFailure]:
    """The files and folders `paths` name: globs expanded (sorted), others as given.

    A pattern that matches nothing becomes an `InputFailure`.
    """
    for raw in paths:
        text = str(raw)
        if (
            text != STDIN_PATH
            and not is_url(text)
            and glob.has_magic(text)
            and not os.path.lexists(text)
        ):
            matches = sorted(glob.glob(text, recursive=True))
            if not matches:
                yield InputFailure(
                    text,
                    NoInputsError(
                        f"{text}: the pattern matches no file. Check it, and quote it so that "
                        "the shell passes it to propscope unexpanded."
                    ),
                )
            yield from matches
        else:
            yield text


def _read_path(path: Path) -> Iterator[ReadItem]:
    if _is_dir(path):
        yield from _read_folder(path)
        return
    suffix = path.suffix.lower()
    if suffix in CSV_SUFFIXES:
        yield from _csv_items(path)
    elif suffix in PARQUET_SUFFIXES:
        yield from _parquet_items(path)
    else:
        yield from input_items([path])


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


def folder_files(folder: Path) -> list[Path] | InputFailure:
    """The files of `folder` that the readers read, sorted by name, or the failure."""
    origin = str(folder)
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        return InputFailure(origin, InputError(f"{origin} cannot be listed: {exc.strerror}."))
    files = []
    for entry in entries:
        if entry.name.startswith(".") or Path(entry.name).suffix.lower() not in CORPUS_SUFFIXES:
            continue
        try:
            if entry.is_dir():
                continue  # subfolders are not read
        except OSError:
            pass  # a link that loops: its reading says so
        # A file, or a broken link or a pipe, whose reading says what it is.
        files.append(folder / entry.name)
    if not files:
        return InputFailure(
            origin,
            NoInputsError(
                f"{origin} holds no file that propscope reads. Expected .txt files (one "
                "article each), .html / .htm (saved web pages), .jsonl / .ndjson (one JSON "
                "article per line), .csv / .tsv "
                "or .parquet tables with a text column; subfolders and hidden files are not "
                "read."
            ),
        )
    return files


def _not_a_file(path: Path) -> str | None:
    """Why a folder's entry is no file to read (a link to nothing, a pipe, a device), in
    words with the fix; None for a regular file. A pipe is never opened: the run would
    wait for a writer."""
    try:
        if path.is_file():
            return None
        if path.exists():
            return (
                f"{path} is not a regular file (a pipe, a socket or a device): a folder's "
                "files are read as articles, and this is none. Move it out of the folder."
            )
    except OSError:
        pass  # a link that loops
    return (
        f"{path} is a link to nothing: what it names is missing, or the link loops. Fix "
        "the link or remove it."
    )


def _read_folder(folder: Path) -> Iterator[ReadItem]:
    files = folder_files(folder)
    if isinstance(files, InputFailure):
        yield files
        return
    for path in files:
        odd = _not_a_file(path)
        if odd is not None:
            yield InputFailure(str(path), InputError(odd))
            continue
        suffix = path.suffix.lower()
        if suffix in CSV_SUFFIXES:
            yield from _csv_items(path)
        elif suffix in PARQUET_SUFFIXES:
            yield from _parquet_items(path)
        else:
            yield from file_items(path)


# --- rows -------------------------------------------------------------------------------


def document_from_row(row: Mapping[str, Any], origin: str) -> Document | PageRequest:
    """A `Document` from one table row; columns it has no field for become metadata.
    A row whose text and html cells are empty and whose url cell holds an http(s)
    address is a `PageRequest` (its id: the row's, else the URL).

    Empty cells (None, "", NaN) count as missing. Raises `InputError` for a row
    without text or with an unusable id.
    """
    text = row.get("text")
    html = row.get("html")
    if _is_missing(text) and isinstance(html, str) and html.strip():
        return _document_from_html(row, html, origin)
    url = row.get("url")
    if _is_missing(text) and _is_missing(html) and isinstance(url, str) and is_url(url.strip()):
        given = {key: _cell_str(row.get(key)) for key in ("title", "source", "published")}
        row_id = _row_id(row.get("id"), origin) or url.strip()
        return PageRequest(url.strip(), row_id, origin, given, _row_metadata(row))
    if _is_missing(text) or not isinstance(text, str) or not text.strip():
        if text is not None and not isinstance(text, str) and not _is_missing(text):
            raise InputError(
                f"{origin}: the text cell holds {type(text).__name__}, not text. "
                "Put the article's text in the text column as a string."
            )
        raise EmptyTextError(
            f"{origin}: the text cell is empty: there is nothing to analyze. "
            "Fill it with the article (or the url cell with the page's http(s) address, "
            "to fetch it), or remove the row."
        )
    fields = {key: _cell_str(row.get(key)) for key in ("title", "source", "url", "published")}
    metadata = _row_metadata(row)
    return Document.from_text(
        text,
        title=fields["title"],
        id=_row_id(row.get("id"), origin),
        source=fields["source"],
        url=fields["url"],
        published=fields["published"],
        metadata=metadata,
        origin=origin,
    )


def _document_from_html(row: Mapping[str, Any], html: str, origin: str) -> Document:
    """A row whose text cell is empty and whose html cell holds a web page: the page's
    article, with the row's own title, source, url and date where it gives them."""
    from propscope.io.fetch import read_html

    given = {key: _cell_str(row.get(key)) for key in ("title", "source", "url", "published")}
    try:
        return read_html(
            html,
            id=_row_id(row.get("id"), origin),
            origin=origin,
            given=given,
            metadata=_row_metadata(row),
        )
    except MissingDependencyError as exc:
        raise page_input_error(exc, origin) from None


def _row_metadata(row: Mapping[str, Any]) -> dict[str, Any]:
    return {
        str(key): _plain(value)
        for key, value in row.items()
        if key not in _DOCUMENT_COLUMNS and not _is_missing(value)
    }


def _is_missing(value: Any) -> bool:
    if value is None or value == "":
        return True
    return isinstance(value, float) and math.isnan(value)


def _row_id(value: Any, origin: str) -> str | None:
    if _is_missing(value):
        return None
    if isinstance(value, bool):
        raise InputError(f"{origin}: the id cell holds a boolean. Use a string or a number.")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a CSV opened in a spreadsheet turns 12 into 12.0
    if isinstance(value, str | int | float):
        return str(value).strip() or None
    raise InputError(
        f"{origin}: the id cell holds {type(value).__name__}. Use a string or a whole number."
    )


def _cell_str(value: Any) -> str | None:
    if _is_missing(value):
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def _plain(value: Any) -> Any:
    """A cell as JSON can hold it: dates as ISO text, nested values kept."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _row_result(row: Mapping[str, Any], origin: str) -> ReadItem:
    try:
        return document_from_row(row, origin)
    except InputError as exc:
        try:
            known = _row_id(row.get("id"), origin)
        except InputError:
            known = None
        return InputFailure(origin, exc, id=known, given=given_fields(row))


def _missing_text_column(origin: str, columns: Sequence[str]) -> InputFailure:
    shown = ", ".join(repr(c) for c in list(columns)[:12]) or "none"
    return InputFailure(
        origin,
        InputError(
            f"{origin} has no 'text' column (its columns: {shown}). Name the column that "
            "holds the articles 'text' (or one that holds their web pages 'html', or their "
            "addresses 'url', to fetch them); 'id', "
            "'title', 'source', 'url' and 'published' are read too, and any other column "
            "is kept as metadata."
        ),
    )


# --- CSV --------------------------------------------------------------------------------


def read_csv(path: Path) -> Iterator[ReadResult]:
    """One document per data row of a CSV (or, for `.tsv`, tab-separated) file."""
    return fetch_pages(_csv_items(path))


def _csv_items(path: Path) -> Iterator[ReadItem]:
    origin = str(path)
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    csv.field_size_limit(_CSV_FIELD_LIMIT)
    try:
        with open(path, "rb") as raw:
            wide = wide_encoding(raw.read(64))
    except OSError:
        wide = None  # the open below says why
    if wide is not None:
        yield InputFailure(origin, wide_error(origin, wide))
        return
    try:
        # Bytes that are not UTF-8 come through as lone surrogates, so that one bad row
        # fails alone, with its own line, and the rest of the table is read.
        handle = open(path, encoding="utf-8-sig", errors="surrogateescape", newline="")
    except OSError as exc:
        yield InputFailure(origin, InputError(f"{origin} cannot be read: {exc.strerror}."))
        return
    with handle:
        reader = csv.reader(handle, delimiter=delimiter)
        try:
            header = next(reader, None)
            if header is None:
                yield InputFailure(
                    origin,
                    NoInputsError(
                        f"{origin} is empty. Expected a header row, then one row per article."
                    ),
                )
                return
            header = [name.strip() for name in header]
            if _undecoded(header) is not None:
                yield _not_utf8(origin, _undecoded(header), "its header", rows_read=False)
                return
            if not _ARTICLE_COLUMNS & set(header):
                yield _missing_text_column(origin, header)
                return
            read_any = False
            for cells in reader:
                if not any(cell.strip() for cell in cells):
                    continue
                read_any = True
                row_origin = f"{path}:{reader.line_num}"
                if len(cells) != len(header):
                    yield InputFailure(
                        row_origin,
                        InputError(
                            f"{row_origin}: the row has {len(cells)} cells but the header has "
                            f"{len(header)}. A cell holding the delimiter "
                            f"({delimiter!r}), a quote or a line break must be quoted "
                            '("...", with "" for a quote inside); fix the row or remove it.'
                        ),
                    )
                    continue
                bad = _undecoded(cells)
                if bad is not None:
                    # Keyed by its id where that reads, so the fixed row replaces it.
                    row = dict(zip(header, cells, strict=True))
                    try:
                        known = (
                            None
                            if _undecoded([row.get("id") or ""])
                            else _row_id(row.get("id"), row_origin)
                        )
                    except InputError:
                        known = None
                    failure = _not_utf8(row_origin, bad, "this row")
                    yield InputFailure(row_origin, failure.error, id=known)
                    continue
                yield _row_result(dict(zip(header, cells, strict=True)), row_origin)
            if not read_any:
                yield InputFailure(
                    origin, NoInputsError(f"{origin} has a header but no rows with articles.")
                )
        except csv.Error as exc:
            yield InputFailure(
                origin,
                InputError(
                    f"{origin}: not readable as CSV at line {reader.line_num} ({exc}); the rows "
                    "after it were not read. Fix the file, for example by quoting that cell."
                ),
            )


def _undecoded(cells: Sequence[str]) -> int | None:
    """The first byte that was not UTF-8 in `cells` (read with "surrogateescape"), if any."""
    for cell in cells:
        for char in cell:
            if "\udc80" <= char <= "\udcff":
                return ord(char) - 0xDC00
    return None


def _not_utf8(origin: str, byte: int | None, where: str, *, rows_read: bool = True) -> InputFailure:
    read = "the other rows were read" if rows_read else "no row was read"
    return InputFailure(
        origin,
        InputError(
            f"{origin} is not UTF-8 text (byte 0x{byte or 0:02X} in {where}); {read}. "
            "Convert the file to UTF-8, for example with `iconv -f cp1252 -t utf-8 "
            "OLD > NEW`, and run again."
        ),
    )


# --- Parquet ----------------------------------------------------------------------------


def _pyarrow_parquet() -> Any:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise missing_dependency("pyarrow", feature="Reading Parquet", extra="batch") from None
    return pq


def read_parquet(path: Path) -> Iterator[ReadResult]:
    """One document per row of a Parquet file, read a few hundred rows at a time."""
    return fetch_pages(_parquet_items(path))


def _parquet_items(path: Path) -> Iterator[ReadItem]:
    pq = _pyarrow_parquet()
    origin = str(path)
    try:
        table = pq.ParquetFile(path)
    except OSError as exc:
        yield InputFailure(origin, InputError(f"{origin} cannot be read: {exc}."))
        return
    except Exception as exc:  # pyarrow raises ArrowInvalid for a file that is not Parquet
        yield InputFailure(
            origin,
            InputError(f"{origin} is not a readable Parquet file ({exc}). Check the file."),
        )
        return
    columns = list(table.schema_arrow.names)
    if not _ARTICLE_COLUMNS & set(columns):
        yield _missing_text_column(origin, columns)
        return
    if table.metadata.num_rows == 0:
        yield InputFailure(origin, NoInputsError(f"{origin} has no rows."))
        return
    row_number = 0
    try:
        for batch in table.iter_batches(batch_size=_PARQUET_BATCH_ROWS):
            for row in batch.to_pylist():
                row_number += 1
                yield _row_result(row, f"{path}:row {row_number}")
    except Exception as exc:  # a damaged page: keep what was read, report the rest
        yield InputFailure(
            origin,
            InputError(
                f"{origin}: reading stopped after row {row_number} ({exc}); the rows after "
                "it were not read. Check the file."
            ),
        )


# --- counting ---------------------------------------------------------------------------


def count_corpus(paths: Sequence[str | Path], *, at_most: int | None = None) -> int | None:
    """How many documents `paths` hold, for a progress bar; None when it cannot be known
    cheaply (standard input). Unreadable inputs count as one (their error row). With
    `at_most` (a run's `--limit`), counting stops there: a pilot of 20 articles does not
    read a million-line corpus to the end."""
    if at_most is None and any(str(p) == STDIN_PATH for p in paths):
        return None  # without reading the files before it, here and again in run_batch
    total = 0
    for item in expand_inputs(paths):
        if at_most is not None and total >= at_most:
            return at_most
        if isinstance(item, InputFailure):
            total += 1
        elif item == STDIN_PATH:
            return None
        elif item == "":
            total += 1  # its error row
        else:
            path = Path(item)
            if _is_dir(path):
                files = folder_files(path)
                if isinstance(files, InputFailure):
                    total += 1
                else:
                    for f in files:
                        if at_most is not None and total >= at_most:
                            return at_most
                        total += 1 if _not_a_file(f) else _count_file(f, at_most)
            else:
                total += _count_file(path, at_most)
    return total if at_most is None else min(total, at_most)


def _count_file(path: Path, at_most: int | None = None) -> int:
    """What the readers yield for `path`, documents and failures, counted as they count
    them: a table without a text column is one failure, whatever its rows. A JSON Lines
    file is read no further than `at_most` lines."""
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            with open(path, "rb") as handle:
                lines = (line for line in handle if line.strip())
                return max(1, sum(1 for _ in itertools.islice(lines, at_most)))
        if suffix == JSON_SUFFIX:
            raw = path.read_bytes()
            if not _JSON_ARRAY_START.match(raw):
                return 1
            data = json.loads(raw)
            return max(1, len(data)) if isinstance(data, list) else 1
        if suffix in CSV_SUFFIXES:
            return _count_csv(path)
        if suffix in FEED_SUFFIXES:
            from propscope.io.feeds import parse_feed

            return max(1, len(parse_feed(path.read_bytes(), origin=str(path))))
        if suffix in PARQUET_SUFFIXES:
            table = _pyarrow_parquet().ParquetFile(path)
            if not _ARTICLE_COLUMNS & set(table.schema_arrow.names):
                return 1
            return max(1, int(table.metadata.num_rows))
    except Exception:  # the reader will report it; count its error row
        return 1
    return 1


def _count_csv(path: Path) -> int:
    csv.field_size_limit(_CSV_FIELD_LIMIT)
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    rows = 0
    with open(path, encoding="utf-8-sig", errors="surrogateescape", newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        header = next(reader, None)
        if header is None or _undecoded(header) is not None:
            return 1
        if not _ARTICLE_COLUMNS & {name.strip() for name in header}:
            return 1
        try:
            for cells in reader:
                rows += any(cell.strip() for cell in cells)
        except csv.Error:  # the rows before it, then the error
            return rows + 1
    return max(1, rows)  # no rows: one failure


def input_reading(output: str | Path, inputs: Sequence[str | Path]) -> str | None:
    """The input that would read `output` back, or None: the output named among the
    inputs (a link to it too), or in a folder being read, with a suffix that folders
    are read for. `propscope analyze -o` and `batch -o` refuse such an output, which
    would replace an input or be read as one."""
    target = Path(output).resolve()
    # A pattern matches the output it has not met yet, once the run has made it: "d/*.jsonl"
    # with "-o d/out.jsonl" read its own output on the first run.
    for raw in inputs:
        text = str(raw)
        if (
            text != STDIN_PATH
            and not is_url(text)
            and glob.has_magic(text)
            and not os.path.lexists(text)
        ):
            pattern = os.path.normpath(os.path.abspath(text))
            if fnmatch.fnmatchcase(str(target), pattern) or fnmatch.fnmatchcase(
                os.path.normpath(os.path.abspath(output)), pattern
            ):
                return text
    for item in expand_inputs(inputs):
        if isinstance(item, InputFailure) or item == "-":
            continue
        try:
            path = Path(item).resolve()
        except (OSError, RuntimeError):
            continue  # a link loop: its reading fails, and that row tells the user
        inside_folder = (
            path.is_dir() and target.parent == path and target.suffix.lower() in CORPUS_SUFFIXES
        )
        if path == target or inside_folder:
            return str(item)
    return None
