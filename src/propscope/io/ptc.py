"""The Propaganda Techniques Corpus formats of SemEval-2020 Task 11.

Articles are `article<ID>.txt`; offsets are Python character offsets into the file
read as UTF-8. Span identification (SI) rows are `id<TAB>start<TAB>end`; technique
classification (TC) rows are `id<TAB>technique<TAB>start<TAB>end`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from propscope.errors import DecodeError, ScoringFormatError
from propscope.techniques import TECHNIQUE_NAMES

__all__ = [
    "SiRow",
    "TcRow",
    "article_id_from_path",
    "format_si_rows",
    "format_tc_rows",
    "list_ptc_articles",
    "read_ptc_text",
    "read_si_labels",
    "read_tc_labels",
]

_ARTICLE_NAME = re.compile(r"^article(?P<id>[^/\\]+)\.txt$")


@dataclass(frozen=True, slots=True)
class SiRow:
    article_id: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class TcRow:
    article_id: str
    technique: str
    start: int
    end: int


def article_id_from_path(path: Path) -> str | None:
    """`article123.txt` -> "123"; None for other names."""
    match = _ARTICLE_NAME.match(path.name)
    return match.group("id") if match else None


def list_ptc_articles(folder: Path) -> list[tuple[str, Path]]:
    """(id, path) of every `article<ID>.txt` in `folder`, sorted by id."""
    found = []
    for path in folder.iterdir():
        article_id = article_id_from_path(path)
        if article_id is not None and path.is_file():
            found.append((article_id, path))
    return sorted(found, key=lambda item: _id_key(item[0]))


def _id_key(article_id: str) -> tuple[int, int | str]:
    return (0, int(article_id)) if article_id.isdigit() else (1, article_id)


def read_ptc_text(path: Path) -> str:
    """Read an article exactly as the shared task does: UTF-8, newlines untranslated."""
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            return handle.read()
    except UnicodeDecodeError as exc:
        raise DecodeError(_not_utf8(path, exc)) from None


def _not_utf8(path: Path, exc: UnicodeDecodeError) -> str:
    return (
        f"{path}: not UTF-8 text (byte {exc.object[exc.start]:#04x} at offset {exc.start}). "
        "Save it as UTF-8; the shared task's offsets count UTF-8 characters."
    )


def _rows(path: Path, n_fields: int | tuple[int, ...]) -> Iterable[tuple[int, list[str]]]:
    allowed = (n_fields,) if isinstance(n_fields, int) else n_fields
    # utf-8-sig: a byte order mark must not end up in the first article id.
    try:
        with open(path, encoding="utf-8-sig") as handle:
            yield from _split_rows(path, handle, allowed)
    except UnicodeDecodeError as exc:
        raise ScoringFormatError(_not_utf8(path, exc)) from None


def _split_rows(
    path: Path, lines: Iterable[str], allowed: tuple[int, ...]
) -> Iterable[tuple[int, list[str]]]:
    for line_no, line in enumerate(lines, start=1):
        line = line.rstrip("\r\n")
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) not in allowed:
            raise ScoringFormatError(
                f"{path}:{line_no}: expected {' or '.join(map(str, allowed))} tab-separated "
                f"fields, found {len(fields)}: {line[:80]!r}. SI rows are id, start, end; "
                "TC rows are id, technique, start, end."
            )
        if fields[-1] == "":
            raise ScoringFormatError(
                f"{path}:{line_no}: the line ends with a tab: {line[:80]!r}. Remove it."
            )
        yield line_no, fields


def _offsets(path: Path, line_no: int, start: str, end: str) -> tuple[int, int]:
    try:
        s, e = int(start), int(end)
    except ValueError:
        raise ScoringFormatError(
            f"{path}:{line_no}: offsets must be whole numbers, found {start!r} and {end!r}."
        ) from None
    if s < 0 or e <= s:
        raise ScoringFormatError(
            f"{path}:{line_no}: need 0 <= start < end (a span holds at least one "
            f"character), found start={s}, end={e}."
        )
    return s, e


def read_si_labels(path: Path) -> list[SiRow]:
    """SI rows; a TC file is accepted too (its technique column is ignored)."""
    rows = []
    for line_no, fields in _rows(path, (3, 4)):
        article_id, start, end = (fields[0], fields[1], fields[2])
        if len(fields) == 4:
            if fields[1].strip().isdigit():
                line = "\t".join(fields)
                raise ScoringFormatError(
                    f"{path}:{line_no}: four fields, the second a number: {line[:80]!r}. SI "
                    "rows are id, start, end (a TC row, id, technique, start, end, is read "
                    "too): remove the extra column."
                )
            article_id, start, end = fields[0], fields[2], fields[3]
        s, e = _offsets(path, line_no, start, end)
        rows.append(SiRow(article_id, s, e))
    return rows


def read_tc_labels(path: Path, *, require_technique: bool = True) -> list[TcRow]:
    """TC rows. A template may carry `?` (or anything) as technique when
    `require_technique` is false."""
    rows = []
    for line_no, fields in _rows(path, 4):
        article_id, technique, start, end = fields
        if require_technique and technique not in TECHNIQUE_NAMES:
            raise ScoringFormatError(
                f"{path}:{line_no}: unknown technique {technique!r}; expected one of "
                f"{', '.join(TECHNIQUE_NAMES)}."
            )
        s, e = _offsets(path, line_no, start, end)
        rows.append(TcRow(article_id, technique, s, e))
    return rows


def format_si_rows(rows: Iterable[SiRow]) -> str:
    return "".join(f"{r.article_id}\t{r.start}\t{r.end}\n" for r in rows)


def format_tc_rows(rows: Iterable[TcRow]) -> str:
    return "".join(f"{r.article_id}\t{r.technique}\t{r.start}\t{r.end}\n" for r in rows)
