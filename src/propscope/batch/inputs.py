"""What a batch run reads: every document, or unreadable input, with its resume key.

A document's key is its id. An input that cannot be read gets the key its document would
have had if it could, where that is known:

- a JSONL line or table row that gives an id (with an empty text, say) is keyed by it;
- a file read as one article (`article123.txt`, `notes.txt`) is keyed by the id its name
  gives (`123`, `notes`).

So the error row and, once the input is fixed, the analysis share one key. Other
unreadable inputs (a line or row without a usable id, a whole table, a pattern that
matches nothing) are keyed by their origin, with its path written relative to the
output's folder: the same key from any working directory, and in the usual case (the
command run where its output is) the origin as typed.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from propscope.document import Document
from propscope.io.ptc import article_id_from_path
from propscope.io.readers import (
    FEED_SUFFIXES,
    HTML_SUFFIXES,
    JSONL_SUFFIXES,
    STDIN_ORIGIN,
    STDIN_PATH,
    TEXT_SUFFIXES,
    InputFailure,
    PageRequest,
    ReadItem,
    is_url,
)
from propscope.io.tables import (
    CSV_SUFFIXES,
    PARQUET_SUFFIXES,
    corpus_items,
    expand_inputs,
    folder_files,
)

__all__ = ["failure_key", "read_keyed", "stale_read_errors", "text_file_key"]

# Files whose documents' ids come from their content (a `.json` file holds an object or
# an array of them); any other file named on the command line is one article.
_TABLE_SUFFIXES = JSONL_SUFFIXES | CSV_SUFFIXES | PARQUET_SUFFIXES | FEED_SUFFIXES | {".json"}
# Origins that name no path.
_NOT_PATHS = frozenset({STDIN_ORIGIN, "''"})
# `news.csv:14`, `news.jsonl:3`, `news.parquet:row 7`, `news.json[2]`: a path, then a place.
_PLACE = re.compile(r"(.+?)(:(?:row )?\d+|\[\d+\])")


def read_keyed(
    inputs: Sequence[str | Path], *, anchor: Path, read: set[str] | None = None
) -> Iterator[tuple[str, ReadItem]]:
    """Every document and unreadable input of `inputs` (as `read_corpus` reads them, in the
    same order), each with its resume key; a web page is a `PageRequest`, not yet
    fetched, keyed by the id it will have (the one its line gives, else its URL).
    `anchor` is the output's folder: paths in the keys of unreadable inputs are written
    relative to it. `read`, where given, gets each table file (JSONL, CSV, Parquet,
    JSON, a feed) read to its end without failing as a whole, as such a path, once its
    input (the file, or the folder holding it) is read."""
    for item in expand_inputs(inputs):
        if isinstance(item, InputFailure):
            yield failure_key(item, source=None, anchor=anchor), item
            continue
        whole_failures: set[str] = set()
        for result in corpus_items([item]):
            if isinstance(result, Document | PageRequest):
                yield result.id, result
            else:
                whole_failures.add(result.origin)
                yield failure_key(result, source=item, anchor=anchor), result
        if read is not None:
            read.update(
                _relative(table, anchor)
                for table in _tables_of(item)
                if str(table) not in whole_failures
            )


def failure_key(failure: InputFailure, *, source: str | None, anchor: Path) -> str:
    """The resume key of an input that could not be read from `source` (a path as
    `expand_inputs` gives it; None when there was none to read)."""
    if failure.id is not None:  # a JSONL line or table row that names its id
        return failure.id
    if is_url(failure.origin):  # a page that could not be fetched: its document's id
        return failure.origin
    text_file = _text_file(failure.origin, source) if source is not None else None
    if text_file is not None:
        return text_file_key(text_file)
    if failure.origin in _NOT_PATHS:
        return failure.origin
    path, place = _split_place(failure.origin)
    return _relative(Path(path), anchor) + place


def stale_read_errors(held: set[str], met: set[str], read: set[str]) -> set[str]:
    """The keys of read-error rows (`held`) that a whole run has left behind: keyed by a
    table file it read to the end (`read`, as `read_keyed` gives them), or a line or row
    of one, and not met again (`met`), because that place now reads under another key (a
    fixed table whose rows now give their ids) or is gone. A key is matched to a file by
    its exact path, so a row of a file in a subfolder, or in a file not read, stays."""

    def place_read(key: str) -> bool:
        match = _PLACE.fullmatch(key)
        return key in read or (match is not None and match.group(1) in read)

    return {key for key in held - met if place_read(key)}


def _tables_of(item: str) -> list[Path]:
    """The table files an input names: itself, or the tables of the folder it names (as
    `read_corpus` lists them: no subfolders, no hidden files)."""
    if item == STDIN_PATH:
        return []
    path = Path(item)
    if _is_dir(path):
        files = folder_files(path)
        listed = [] if isinstance(files, InputFailure) else [f for f in files if f.is_file()]
    else:
        listed = [path]
    return [f for f in listed if f.suffix.lower() in _TABLE_SUFFIXES]


def text_file_key(path: Path) -> str:
    """The id of the article in a text file: `article123.txt` -> "123" (the PTC id), any
    other file its stem. The readers give a readable file the same id."""
    return article_id_from_path(path) or path.stem


def _text_file(origin: str, source: str) -> Path | None:
    """The file read as one article that `origin` names, if the failure is about one."""
    if source == STDIN_PATH:
        return None
    path = Path(source)
    if _is_dir(path):
        # A folder's `.txt` files are articles; its tables fail row by row or whole.
        inner = Path(origin)
        if inner.parent == path and inner.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES:
            return inner
        return None
    if origin == str(path) and path.suffix.lower() not in _TABLE_SUFFIXES:
        return path
    return None


def _split_place(origin: str) -> tuple[str, str]:
    if os.path.lexists(origin):
        return origin, ""
    match = _PLACE.fullmatch(origin)
    if match and os.path.lexists(match.group(1)):
        return match.group(1), match.group(2)
    return origin, ""  # a missing file, or a pattern that matched nothing


def _relative(path: Path, anchor: Path) -> str:
    try:
        return os.path.relpath(path.resolve(), anchor.resolve())
    except ValueError:  # on another drive than the output (Windows)
        return str(path.resolve())


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False
