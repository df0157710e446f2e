"""`write_report`: a batch run's results as a dashboard, article pages and data tables."""

from __future__ import annotations

import csv
import hashlib
import json
import logging
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from propscope.batch.results import read_results
from propscope.batch.sinks import BatchOutputError
from propscope.corpus import CorpusFigures, flat_cell
from propscope.render.dashboard import render_dashboard
from propscope.render.html import render_html

__all__ = ["ReportWritten", "article_page_name", "write_report", "write_tables"]

log = logging.getLogger("propscope")


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
) -> ReportWritten:
    """Read `results` (a batch output or its store) once and write the dashboard to
    `output`; with `article_pages`, each article's own report into the folder
    `<output stem>-articles/` beside it (linked from the dashboard's table); with
    `data_dir`, every figure as a table in `data_format`. `max_articles` rows of the
    article table and the `top_claims` most check-worthy sentences are kept."""
    output = Path(output)
    if output.is_dir():
        raise BatchOutputError(
            f"{output} is a folder; give the dashboard a file name such as "
            f"{output / 'dashboard.html'}."
        )
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BatchOutputError(f"cannot create the folder {output.parent}: {exc}.") from exc
    if data_format not in ("csv", "json"):
        raise BatchOutputError(f"data_format must be 'csv' or 'json', got {data_format!r}.")
    pages_dir = output.parent / f"{output.stem}-articles" if article_pages else None
    if pages_dir is not None:
        pages_dir.mkdir(exist_ok=True)
    figures = CorpusFigures(max_articles=max_articles, top_claims=top_claims)
    pages = page_errors = 0
    for record in read_results(results):
        page = None
        if pages_dir is not None and record.get("status", "ok") == "ok":
            name = article_page_name(str(record.get("key")))
            try:
                html = render_html(record, title=_page_title(record))
            except (ValueError, KeyError) as exc:  # an analysis whose offsets do not fit
                page_errors += 1
                log.warning("no page for %s: %s", record.get("key"), exc)
            else:
                _write_text(pages_dir / name, html)
                page = f"{pages_dir.name}/{name}"
                pages += 1
        figures.add(record, page=page)
    tables = figures.tables()
    _write_text(output, render_dashboard(tables, title=title))
    written: tuple[Path, ...] = ()
    if data_dir is not None:
        written = write_tables(tables, Path(data_dir), data_format=data_format)
    overview = tables["overview"][0]
    return ReportWritten(
        dashboard=output,
        articles=int(overview["articles"]),
        failed=int(overview["failed"]),
        pages=pages,
        pages_dir=pages_dir,
        page_errors=page_errors,
        tables=written,
    )


def _page_title(record: Mapping[str, Any]) -> str:
    document = record.get("document") or {}
    return str(document.get("title") or document.get("id") or "propscope report")


def _write_text(path: Path, text: str) -> None:
    # Written beside, then renamed: a reader never sees half a page.
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def write_tables(
    tables: Mapping[str, Sequence[Mapping[str, Any]]],
    folder: Path,
    *,
    data_format: Literal["csv", "json"] = "csv",
) -> tuple[Path, ...]:
    """One file per table, `<name>.csv` or `<name>.json` (a list of rows), in `folder`.
    A list in a cell (an actor's labels) stays a list in JSON and is one string in CSV."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, rows in tables.items():
        path = folder / f"{name}.{data_format}"
        if data_format == "json":
            _write_text(path, json.dumps(list(rows), ensure_ascii=False, indent=1, default=str))
        else:
            columns = list(rows[0]) if rows else []
            with open(path, "w", encoding="utf-8", newline="") as handle:
                writer = csv.DictWriter(handle, fieldnames=columns)
                writer.writeheader()
                writer.writerows({k: flat_cell(v) for k, v in row.items()} for row in rows)
        written.append(path)
    return tuple(written)
