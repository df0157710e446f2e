"""What a batch run writes for each document: an analysis, or an error row.

One record shape travels through every output. In JSONL it is the line itself:

    {"key": "a1", "status": "ok", "schema": 1, "document": {...}, "techniques": [...], ...}
    {"key": "a2", "status": "error", "error": {"stage": "read", "message": "..."},
     "origin": "corpus.csv:3", "document": {"id": ..., "title": ..., ...} | null}

An "ok" record is the `Analysis` dict with `key` and `status` in front, so
`Analysis.from_dict(record)` reads it. Parquet flattens the same record into fixed columns
(`PARQUET_COLUMNS`); the store keeps analyses in its rows and errors in its failures table.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from propscope.analysis import Analysis
from propscope.document import Document

__all__ = [
    "PARQUET_COLUMNS",
    "STAGE_ANALYZE",
    "STAGE_READ",
    "STAGE_WORKER",
    "BatchError",
    "Outcome",
    "record_from_parquet_row",
]

STAGE_READ: Final = "read"
STAGE_ANALYZE: Final = "analyze"
STAGE_WORKER: Final = "worker"

# (name, Arrow type name) of the Parquet output, in order.
PARQUET_COLUMNS: Final[tuple[tuple[str, str], ...]] = (
    ("key", "string"),
    ("status", "string"),
    ("id", "string"),
    ("title", "string"),
    ("source", "string"),
    ("url", "string"),
    ("published", "string"),
    ("metadata", "string"),
    ("words", "int64"),
    ("spans", "int64"),
    ("covered_share", "float64"),
    ("spans_per_1000_words", "float64"),
    ("techniques", "string"),
    ("analysis", "string"),
    ("error_stage", "string"),
    ("error_message", "string"),
    ("origin", "string"),
)


@dataclass(frozen=True, slots=True)
class BatchError:
    """Why a document has no analysis: the stage that failed and what went wrong.

    `stage` is "read" (the input could not be read), the name of the component that
    raised, "analyze" (failed outside any component) or "worker" (the process analyzing it
    died, twice).
    """

    stage: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"stage": self.stage, "message": self.message}


@dataclass(frozen=True, slots=True)
class Outcome:
    """One document's result: its resume key and either an analysis or an error."""

    key: str
    analysis: Analysis | None = None
    error: BatchError | None = None
    origin: str | None = None
    document: Document | None = None

    def __post_init__(self) -> None:
        if (self.analysis is None) == (self.error is None):
            raise ValueError("an Outcome holds exactly one of analysis and error")

    @property
    def ok(self) -> bool:
        return self.analysis is not None

    @property
    def read_error(self) -> str | None:
        """The message of an input that could not be read; None for any other outcome."""
        if self.error is None or self.error.stage != STAGE_READ:
            return None
        return self.error.message

    def to_record(self) -> dict[str, Any]:
        """The JSONL record (see the module's docstring)."""
        if self.analysis is not None:
            return {"key": self.key, "status": "ok", **self.analysis.to_dict()}
        assert self.error is not None
        return {
            "key": self.key,
            "status": "error",
            "error": self.error.to_dict(),
            "origin": self.origin,
            "document": None if self.document is None else _identity(self.document),
        }

    def to_json(self) -> str:
        # default=str: metadata from a table may hold values JSON has no type for.
        return json.dumps(self.to_record(), ensure_ascii=False, default=str)

    def to_parquet_row(self) -> dict[str, Any]:
        """The record as one row of `PARQUET_COLUMNS`."""
        doc = self.analysis.document if self.analysis is not None else self.document
        row: dict[str, Any] = {name: None for name, _ in PARQUET_COLUMNS}
        row.update(key=self.key, status="ok" if self.ok else "error", origin=self.origin)
        if doc is not None:
            row.update(
                id=doc.id,
                title=doc.title,
                source=doc.source,
                url=doc.url,
                published=doc.published,
                metadata=json.dumps(doc.metadata, ensure_ascii=False, default=str),
            )
        if self.analysis is not None:
            summary = self.analysis.summary
            row["analysis"] = json.dumps(self.analysis.to_dict(), ensure_ascii=False, default=str)
            if "words" in summary:
                row.update(
                    words=int(summary["words"]),
                    spans=int(summary.get("spans", 0)),
                    covered_share=float(summary.get("covered_share", 0.0)),
                    spans_per_1000_words=float(summary.get("spans_per_1000_words", 0.0)),
                    techniques=json.dumps(summary.get("techniques", {})),
                )
        if self.error is not None:
            row.update(error_stage=self.error.stage, error_message=self.error.message)
        return row


def _identity(doc: Document) -> dict[str, Any]:
    """A document without its text: what an error row says about the document."""
    out = doc.to_dict()
    del out["text"]
    return out


def record_from_parquet_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """The JSONL record a Parquet row was made from."""
    if row.get("status") == "ok":
        return {"key": row["key"], "status": "ok", **json.loads(row["analysis"])}
    document = None
    if row.get("id") is not None:
        document = {name: row.get(name) for name in ("id", "title", "source", "url", "published")}
        metadata = json.loads(row.get("metadata") or "{}")
        if metadata:
            document["metadata"] = metadata
    return {
        "key": row["key"],
        "status": "error",
        "error": {"stage": row.get("error_stage"), "message": row.get("error_message")},
        "origin": row.get("origin"),
        "document": document,
    }
