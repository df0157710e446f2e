"""`write_report`: a batch run's results as a dashboard, article pages and data tables.

The results are read twice: once for the keys, so that where several records have one
key (outputs merged, or a rerun appended) only the last counts, and once for the
figures. The first reading holds every key in memory (about 100 bytes an article); the
figures, as `CorpusFigures` sums them, take flat memory.
"""

from __future__ import annotations

import csv
import hashlib
import json
import logging
import os
import re
from collections.abc import Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal
from urllib.parse import quote

from propscope.batch.results import read_results
from propscope.batch.sinks import (
    PARQUET_OUTPUT_SUFFIXES,
    BatchOutputError,
    parquet_parts_dir,
    unassembled_parts,
)
from propscope.corpus import TABLE_COLUMNS, CorpusFigures, flat_cell
from propscope.render.dashboard import render_dashboard
from propscope.render.html import render_html

__all__ = ["ReportWritten", "article_page_name", "csv_safe", "write_report", "write_tables"]

log = logging.getLogger("propscope")

# The tables with a row per record: written as the records are read, every row, while
# the dashboard lists only the first ones.
_ROW_TABLES = ("articles", "failures")
# A spreadsheet reads a cell that starts with one of these as a formula (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, slots=True)
class ReportWritten:
    """What `write_report` wrote."""

    dashboard: Path
    articles: int
    failed: int
    pages: int
    pages_dir: Path | None
    page_errors: int
    tables: tuple[Path, ...]
    set_aside: int = 0
    """Records left out because a later record has the same key."""
    notes: tuple[str, ...] = ()
    """What the reader of the figures should know: a run not finished, and where no
    outlet or no date was read but the records hold a field of such a name, the option
    that reads it (`CorpusFigures.field_hints`)."""


def article_page_name(key: str) -> str:
    """A file name for an article's page: readable, safe on any file system, and unique
    (a hash of the key tells apart keys that read the same once cleaned)."""
    readable = re.sub(r"[^A-Za-z0-9_.-]+", "_", key)[:60].strip("._") or "article"
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]
    return f"{readable}-{digest}.html"


def write_report(
    results: str | Path,
    output: str | Path,
    *,
    data_dir: str | Path | None = None,
    data_format: Literal["csv", "json"] = "csv",
    article_pages: bool = True,
    max_articles: int = 1000,
    top_claims: int = 20,
    title: str = "propscope corpus report",
    outlet_field: str | None = None,
    date_field: str | None = None,
) -> ReportWritten:
    """Read `results` (a batch output or its store) and write the dashboard to `output`;
    with `article_pages`, each article's own report into the folder
    `<output stem>-articles/` beside it (linked from the dashboard's table, and linking
    back to it); with `data_dir`, every figure as a table in `data_format`, the
    `articles` and `failures` tables with a row for every record.

    One record counts per key: the last, as a later run's record supersedes an earlier
    one; the others are counted as set aside. `max_articles` caps the dashboard's list
    of articles only; `top_claims` is the number of most check-worthy sentences kept.
    `outlet_field` and `date_field` name the metadata fields (the input's own columns)
    that give the outlet and the date, instead of `source` and `published`."""
    output = Path(output)
    if output.is_dir():
        raise BatchOutputError(
            f"{output} is a folder; give the dashboard a file name such as "
            f"{output / 'dashboard.html'}."
        )
    if output.resolve() == Path(results).resolve():
        raise BatchOutputError(
            f"the dashboard {output} would replace the results it reads ({results}); give it "
            "another name, such as dashboard.html."
        )
    # A link is written through, to the file it points to, as `propscope analyze -o`
    # does; a device or a pipe is refused: a rename would put a page in its place.
    target = Path(os.path.realpath(output)) if output.is_symlink() else output
    if target.exists() and not target.is_file():
        raise BatchOutputError(
            f"{output} is not a regular file (a device, a pipe or a socket); the dashboard "
            "is an HTML page with a folder of article pages beside it: give it a file name "
            "such as dashboard.html."
        )
    if data_format not in ("csv", "json"):
        raise BatchOutputError(f"data_format must be 'csv' or 'json', got {data_format!r}.")
    # The results are read (and refused, if they are no batch output) before any folder
    # is made for the dashboard.
    superseded = _superseded(results)
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BatchOutputError(f"cannot create the folder {output.parent}: {exc}.") from exc
    pages_dir = output.parent / f"{output.stem}-articles" if article_pages else None
    if pages_dir is not None:
        pages_dir.mkdir(exist_ok=True)
    folder = None if data_dir is None else Path(data_dir)
    pages = page_errors = 0
    malformed: list[str] = []
    with ExitStack() as stack:
        rows = None
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
            rows = stack.enter_context(_RowTables(folder, data_format))
        figures = CorpusFigures(
            max_articles=max_articles,
            top_claims=top_claims,
            on_row=None if rows is None else rows.write,
            outlet_field=outlet_field,
            date_field=date_field,
        )
        for position, record in enumerate(read_results(results)):
            if position in superseded:
                figures.set_aside(record)
                continue
            problem = _malformed(record)
            if problem is not None:
                malformed.append(f"record {position + 1} ({problem})")
                continue
            page = None
            if pages_dir is not None and record.get("status", "ok") == "ok":
                page = _write_page(record, pages_dir, back=output.name)
                if page is None:
                    page_errors += 1
                else:
                    pages += 1
            figures.add(record, page=page)
        row_paths = () if rows is None else rows.close()
    tables = figures.tables()
    # The page warns of an unfinished run; the field hints are for the command line.
    unfinished = _unfinished(Path(results))
    warnings = [unfinished] if unfinished else []
    if malformed:
        shown = "; ".join(malformed[:5]) + (
            f"; and {len(malformed) - 5} more" if len(malformed) > 5 else ""
        )
        warnings.append(
            f"{len(malformed)} record(s) of {results} are not records of propscope batch and "
            f"are left out of every figure: {shown}. Remove or repair them, or rerun "
            "`propscope batch` for their documents."
        )
    notes = warnings + figures.field_hints()
    _write_text(target, render_dashboard(tables, title=title, notes=warnings))
    written: tuple[Path, ...] = ()
    if folder is not None:
        others = {name: table for name, table in tables.items() if name not in _ROW_TABLES}
        written = write_tables(others, folder, data_format=data_format) + row_paths
    overview = tables["overview"][0]
    return ReportWritten(
        dashboard=output,
        articles=int(overview["articles"]),
        failed=int(overview["failed"]),
        pages=pages,
        pages_dir=pages_dir,
        page_errors=page_errors,
        tables=written,
        set_aside=int(overview["set_aside_records"]),
        notes=tuple(notes),
    )


def _malformed(record: Mapping[str, Any]) -> str | None:
    """What makes a record no record of `propscope batch` (a line edited by hand, another
    tool's output), in words; None for a well-formed one. Checks what the figures read
    first, so that a bad record adds to none of them."""
    key = record.get("key")
    named = f"key {key!r}: " if isinstance(key, str) else ""
    if record.get("status", "ok") != "ok":
        return None
    document = record.get("document")
    if not isinstance(document, Mapping) or not isinstance(document.get("text"), str):
        return f"{named}no document with a text"
    for name in ("techniques", "figures", "attributions", "claims", "actors"):
        items = record.get(name)
        if items is not None and not isinstance(items, list):
            return f"{named}{name} is no list"
    for span in record.get("techniques") or ():
        if not isinstance(span, Mapping):
            return f"{named}a technique span is no object"
        start, end = span.get("start"), span.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end):
            return f"{named}a technique span at {start!r}-{end!r} has no offsets"
        if not isinstance(span.get("technique"), str):
            return f"{named}a technique span names no technique"
    return None


def _unfinished(results: Path) -> str | None:
    """A note where `results` is a Parquet output whose run has not finished."""
    if results.suffix.lower() not in PARQUET_OUTPUT_SUFFIXES:
        return None
    parts = unassembled_parts(results)
    if not parts:
        return None
    return (
        f"{results} is not finished: {parts} part file(s) in {parquet_parts_dir(results)} "
        "are not assembled into it, so these figures count only the documents done so far. "
        "Run the same batch command again to finish it (or wait for the run going on)."
    )


def _superseded(results: str | Path) -> set[int]:
    """Positions (from 0) of the records that a later record with the same key replaces.
    Records without a key (plain analyses of documents without an id) are all kept."""
    last: dict[str, int] = {}
    dropped: set[int] = set()
    for position, record in enumerate(read_results(results)):
        key = record.get("key")
        if key is None:
            continue
        earlier = last.get(str(key))
        if earlier is not None:
            dropped.add(earlier)
        last[str(key)] = position
    return dropped


def _write_page(record: Mapping[str, Any], pages_dir: Path, *, back: str) -> str | None:
    """Write the article's own report, with a link back to the dashboard `back` (a file
    beside the folder); its path from the dashboard, or None where it cannot be drawn."""
    name = article_page_name(str(record.get("key")))
    try:
        html = render_html(
            record,
            title=_page_title(record),
            back_link=(f"../{quote(back)}", "← Back to the corpus dashboard"),
        )
    except (ValueError, KeyError) as exc:  # an analysis whose offsets do not fit
        log.warning("no page for %s: %s", record.get("key"), exc)
        return None
    _write_text(pages_dir / name, html)
    return f"{quote(pages_dir.name)}/{quote(name)}"  # "#" or "?" in a name would cut a link


def _page_title(record: Mapping[str, Any]) -> str:
    document = record.get("document") or {}
    return str(document.get("title") or document.get("id") or "propscope report")


def _write_text(path: Path, text: str) -> None:
    # Written beside, then renamed: a reader never sees half a page.
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def csv_safe(value: Any) -> Any:
    """A cell as a CSV file keeps it without a spreadsheet running it: text that starts
    with =, +, -, @, a tab or a carriage return gets a single quote in front
    ("=1+2" -> "'=1+2"). Numbers, and JSON output, are left as they are."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


# Identifiers that join a table to the results (JSONL, Parquet, the store): a plain
# number ("-42", "+7") is written as it is, since a spreadsheet reads it as a number and
# nothing more; any other identifier that could start a formula is guarded like text.
_IDENTIFIERS = frozenset({"key", "id"})
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")


def _csv_row(row: Mapping[str, Any]) -> dict[str, Any]:
    return {
        k: v
        if k in _IDENTIFIERS and isinstance(v, str) and _PLAIN_NUMBER.fullmatch(v)
        else csv_safe(flat_cell(v))
        for k, v in row.items()
    }


def write_tables(
    tables: Mapping[str, Sequence[Mapping[str, Any]]],
    folder: Path,
    *,
    data_format: Literal["csv", "json"] = "csv",
) -> tuple[Path, ...]:
    """One file per table, `<name>.csv` or `<name>.json` (a list of rows), in `folder`.
    A list in a cell (an actor's labels) stays a list in JSON and is one string in CSV;
    in CSV, text that a spreadsheet would run as a formula starts with "'" (`csv_safe`)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, rows in tables.items():
        path = folder / f"{name}.{data_format}"
        if data_format == "json":
            _write_text(path, json.dumps(list(rows), ensure_ascii=False, indent=1, default=str))
        else:
            columns = list(rows[0]) if rows else list(TABLE_COLUMNS.get(name, ()))
            with open(path, "w", encoding="utf-8", newline="") as handle:
                writer = csv.DictWriter(handle, fieldnames=columns)
                writer.writeheader()
                writer.writerows(_csv_row(row) for row in rows)
        written.append(path)
    return tuple(written)


class _RowTables:
    """The `articles` and `failures` tables, written a row at a time as `write_tables`
    would write them whole: each into `<name>.<format>.tmp`, renamed when closed."""

    def __init__(self, folder: Path, data_format: Literal["csv", "json"]) -> None:
        self.folder = folder
        self.data_format = data_format
        self._handles: dict[str, IO[str]] = {}
        self._writers: dict[str, csv.DictWriter[str]] = {}
        self._counts: dict[str, int] = dict.fromkeys(_ROW_TABLES, 0)

    def __enter__(self) -> _RowTables:
        return self

    def __exit__(self, *exc: object) -> None:
        # Left open only by an error: the half-written tables go, the old ones stay.
        for handle in self._handles.values():
            handle.close()
            Path(handle.name).unlink(missing_ok=True)
        self._handles.clear()

    def _path(self, name: str) -> Path:
        return self.folder / f"{name}.{self.data_format}"

    def _handle(self, name: str) -> IO[str]:
        handle = self._handles.get(name)
        if handle is None:
            tmp = self._path(name).with_name(self._path(name).name + ".tmp")
            handle = self._handles[name] = open(tmp, "w", encoding="utf-8", newline="")
        return handle

    def write(self, name: str, row: dict[str, Any]) -> None:
        handle = self._handle(name)
        if self.data_format == "json":
            text = json.dumps(row, ensure_ascii=False, indent=1, default=str)
            handle.write(("[\n" if not self._counts[name] else ",\n") + _indented(text))
        else:
            writer = self._writers.get(name)
            if writer is None:
                writer = self._writers[name] = csv.DictWriter(handle, fieldnames=list(row))
                writer.writeheader()
            writer.writerow(_csv_row(row))
        self._counts[name] += 1

    def close(self) -> tuple[Path, ...]:
        """Finish every table (an empty one as `write_tables` writes it) and put it in
        place; the paths written."""
        paths = []
        for name in _ROW_TABLES:
            handle = self._handle(name)
            if self.data_format == "json":
                handle.write("\n]" if self._counts[name] else "[]")
            elif not self._counts[name]:
                csv.DictWriter(handle, fieldnames=list(TABLE_COLUMNS[name])).writeheader()
            handle.close()
            path = self._path(name)
            os.replace(handle.name, path)
            paths.append(path)
        self._handles.clear()
        return tuple(paths)


def _indented(text: str) -> str:
    """A row's JSON one space in, as in a list that `json.dumps(..., indent=1)` writes."""
    return "\n".join(" " + line for line in text.split("\n"))
