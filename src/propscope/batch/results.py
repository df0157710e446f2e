"""Reading a batch run's results back: JSONL, Parquet or the store, as JSONL records."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from propscope.batch.records import record_from_parquet_row
from propscope.batch.sinks import (
    JSONL_OUTPUT_SUFFIXES,
    PARQUET_OUTPUT_SUFFIXES,
    BatchOutputError,
    iter_parquet_rows,
    jsonl_superseded,
    parquet_parts_dir,
)
from propscope.io.readers import json_problem
from propscope.store import Store

log = logging.getLogger(__name__)

__all__ = ["read_results"]

_SQLITE_MAGIC = b"SQLite format 3\x00"


def read_results(path: str | Path) -> Iterator[dict[str, Any]]:
    """Every record of a batch output, one at a time, in the JSONL shape (see
    `propscope.batch.records`): `.jsonl` and `.parquet` files by suffix, the store by
    its SQLite header. Lines of `propscope analyze --format jsonl` (plain analyses) are
    read as "ok" records keyed by document id.

    An error row that a rerun has replaced, still in an output the rerun has not finished
    tidying (Parquet parts, or JSONL after a `kill -9`), is left out: one record per key.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in PARQUET_OUTPUT_SUFFIXES and (path.exists() or parquet_parts_dir(path).is_dir()):
        return (record_from_parquet_row(row) for row in iter_parquet_rows(path))
    if not path.is_file():
        raise BatchOutputError(
            f"{path}: no such file. Give the output of `propscope batch` (.jsonl, .parquet) "
            "or its store (a SQLite file)."
        )
    with open(path, "rb") as handle:
        is_sqlite = handle.read(len(_SQLITE_MAGIC)) == _SQLITE_MAGIC
    if is_sqlite:
        return _store_records(Store(path))
    if suffix in JSONL_OUTPUT_SUFFIXES or suffix == "":
        return _jsonl_records(path)
    raise BatchOutputError(
        f"{path}: cannot tell the format; expected a .jsonl or .parquet output of "
        "`propscope batch`, or its store (a SQLite file)."
    )


_CUT_SHORT_SAID: set[tuple[str, int, int]] = set()


def _jsonl_records(path: Path) -> Iterator[dict[str, Any]]:
    dropped = jsonl_superseded(path)
    with open(path, encoding="utf-8", newline="\n") as handle:
        for line_no, line in enumerate(handle, start=1):
            if not line.strip() or line_no - 1 in dropped:
                continue
            if not line.endswith("\n"):
                # The line an interrupted run was writing: not a record yet. Said once
                # per file as it is: a report reads its results twice.
                seen = (str(path), line_no, path.stat().st_size)
                if seen in _CUT_SHORT_SAID:
                    return
                _CUT_SHORT_SAID.add(seen)
                log.warning(
                    "%s: line %d is cut short (a run was interrupted, or the file was cut) "
                    "and is left out; run the same propscope batch command again to "
                    "analyze its document.",
                    path,
                    line_no,
                )
                return
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                raise BatchOutputError(
                    f"{path}:{line_no} is not JSON ({json_problem(exc)}). If this is a batch "
                    "output, remove or repair that line (a rerun of the batch command "
                    "analyzes its document again); else give the output of `propscope batch`."
                ) from None
            if not isinstance(data, dict) or not (
                "status" in data or isinstance(data.get("document"), dict)
            ):
                raise BatchOutputError(
                    f"{path}:{line_no} is neither a batch record nor an analysis. "
                    "Give the output of `propscope batch` or `propscope analyze --format jsonl`."
                )
            if "status" not in data:
                data = {"key": data["document"].get("id"), "status": "ok", **data}
            yield data


def _store_records(store: Store) -> Iterator[dict[str, Any]]:
    for stored in store.iter_analyses():
        yield {"key": stored.key or stored.id, "status": "ok", **stored.analysis.to_dict()}
    for failure in store.failures():
        meta = failure.metadata
        document = {"id": meta["id"], "title": meta.get("title")} if meta.get("id") else None
        yield {
            "key": failure.key,
            "status": "error",
            "error": {"stage": failure.stage, "message": failure.message},
            "origin": meta.get("origin"),
            "document": document,
        }
