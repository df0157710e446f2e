"""Where a batch run writes: JSONL, Parquet and the SQLite store, each safe to resume.

Each sink knows the keys it already holds (`keys`), so a resumed run skips them, and
writes in a way that a crash, Ctrl-C or `kill -9` cannot leave half a record behind where
the next run would miss or repeat it:

- JSONL appends one line per record and flushes it at once. After a crash the last line
  may be cut short; the next run finds it (no line end, or not JSON), cuts it off and
  does that document again.
- Parquet writes part files (`OUT.parquet.parts/part-*.parquet`), each made under a
  temporary name and renamed when complete, so a part is there whole or not at all. A
  finished run assembles the parts, after any earlier final file, into `OUT.parquet`; the
  final file lists the parts it holds, so parts left by a crash during assembly are
  recognised and removed, never counted twice.
- The store commits rows in small transactions under their key (a key is stored once);
  errors go to its failures table.
"""

from __future__ import annotations

import json
import logging
import os
import re
import secrets
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol

from propscope.analysis import Analysis
from propscope.batch.records import PARQUET_COLUMNS, Outcome
from propscope.errors import PropscopeError, missing_dependency
from propscope.store import Failure, Store

__all__ = [
    "JSONL_OUTPUT_SUFFIXES",
    "PARQUET_OUTPUT_SUFFIXES",
    "BatchOutputError",
    "JsonlSink",
    "Outputs",
    "ParquetSink",
    "Sink",
    "StoreSink",
    "open_outputs",
    "parquet_parts_dir",
]

log = logging.getLogger("propscope")

JSONL_OUTPUT_SUFFIXES = frozenset({".jsonl", ".ndjson"})
PARQUET_OUTPUT_SUFFIXES = frozenset({".parquet", ".pq"})
_PARTS_METADATA_KEY = b"propscope.parts"


class BatchOutputError(PropscopeError):
    """A batch output cannot be written or resumed."""


class Sink(Protocol):
    keys: set[str]
    notes: list[str]

    def write(self, outcome: Outcome) -> None: ...

    def close(self, *, complete: bool) -> None: ...


class Outputs:
    """All the sinks of one run: a document is done when every sink holds its key."""

    def __init__(self, sinks: Sequence[Sink]) -> None:
        self.sinks = list(sinks)

    @property
    def notes(self) -> list[str]:
        return [note for sink in self.sinks for note in sink.notes]

    def is_done(self, key: str) -> bool:
        return all(key in sink.keys for sink in self.sinks)

    def write(self, outcome: Outcome) -> None:
        # A crash between two sinks leaves a key in one only: the rerun writes the other.
        for sink in self.sinks:
            if outcome.key not in sink.keys:
                sink.write(outcome)
                sink.keys.add(outcome.key)

    def close(self, *, complete: bool) -> None:
        errors = []
        for sink in self.sinks:
            try:
                sink.close(complete=complete)
            except Exception as exc:  # close the others, then report
                errors.append(exc)
        if errors:
            raise errors[0]


def open_outputs(
    output: str | Path | None, store: str | Path | None, *, flush_every: int | None = None
) -> Outputs:
    """The sinks for `output` (JSONL or Parquet, by suffix) and/or `store`.

    `flush_every` is the number of records per Parquet part and per store transaction
    (default 200 and 50): what a `kill -9` can cost. JSONL writes every record at once.
    """
    sinks: list[Sink] = []
    if output is None and store is None:
        raise BatchOutputError(
            "a batch run needs somewhere to write: give an output file (.jsonl or .parquet) "
            "and/or a store (a SQLite file)."
        )
    if output is not None:
        path = Path(output)
        suffix = path.suffix.lower()
        if suffix in JSONL_OUTPUT_SUFFIXES:
            sinks.append(JsonlSink(path))
        elif suffix in PARQUET_OUTPUT_SUFFIXES:
            sinks.append(ParquetSink(path, part_rows=flush_every or 200))
        else:
            raise BatchOutputError(
                f"{path}: the output's suffix says its format; expected .jsonl (or .ndjson) "
                f"or .parquet, got {suffix or 'none'!r}. For the SQLite store use --store."
            )
    if store is not None:
        sinks.append(StoreSink(Path(store), batch_rows=flush_every or 50))
    return Outputs(sinks)


def _check_parent(path: Path) -> None:
    if path.is_dir():
        raise BatchOutputError(f"{path} is a folder; give a file path such as {path / 'out.jsonl'}")
    if not path.parent.is_dir():
        raise BatchOutputError(
            f"the folder {path.parent} does not exist; create it or choose another output path."
        )


# --- JSONL ------------------------------------------------------------------------------

# Records start with their key (see Outcome.to_record), so a resume need not parse them.
_KEY_PREFIX = re.compile(rb'^\{"key": ("(?:[^"\\]|\\.)*")')


class JsonlSink:
    """Append-only JSONL, one flushed line per record."""

    def __init__(self, path: Path) -> None:
        _check_parent(path)
        self.path = path
        self.notes: list[str] = []
        self.keys = self._scan_and_repair()
        try:
            self._handle = open(path, "a", encoding="utf-8")
        except OSError as exc:
            raise BatchOutputError(f"cannot write {path}: {exc.strerror}.") from exc

    def _scan_and_repair(self) -> set[str]:
        keys: set[str] = set()
        if not self.path.exists():
            return keys
        good_end = 0
        damaged_at: int | None = None
        with open(self.path, "rb") as handle:
            for line_no, raw in enumerate(handle, start=1):
                key = _line_key(raw) if raw.endswith(b"\n") else None
                if key is None:
                    if raw.strip() == b"":
                        good_end += len(raw)
                        continue
                    damaged_at = line_no
                    break
                if damaged_at is None:
                    keys.add(key)
                    good_end += len(raw)
            rest = handle.read()
        if damaged_at is None:
            return keys
        if rest.strip():
            raise BatchOutputError(
                f"{self.path}: line {damaged_at} is not a record of propscope batch, and "
                "records follow it, so it is not a line cut short by a crash. Was the file "
                "edited, or written by another program? Remove that line, or write to a new "
                "output file."
            )
        size = self.path.stat().st_size
        with open(self.path, "r+b") as handle:
            handle.truncate(good_end)
        note = (
            f"{self.path}: removed an incomplete last line ({size - good_end} bytes, "
            "left by an interrupted run); its document is analyzed again."
        )
        log.warning(note)
        self.notes.append(note)
        return keys

    def write(self, outcome: Outcome) -> None:
        self._handle.write(outcome.to_json() + "\n")
        self._handle.flush()

    def close(self, *, complete: bool) -> None:
        self._handle.flush()
        os.fsync(self._handle.fileno())
        self._handle.close()


def _line_key(raw: bytes) -> str | None:
    """The key of one complete JSONL record, or None if the line is not one."""
    body = raw.rstrip(b"\r\n")
    match = _KEY_PREFIX.match(body)
    if match and body.endswith(b"}"):
        return str(json.loads(match.group(1)))
    try:
        data = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None
    if isinstance(data, dict) and isinstance(data.get("key"), str):
        return data["key"]
    return None


# --- Parquet ----------------------------------------------------------------------------


def _pyarrow() -> tuple[Any, Any]:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise missing_dependency("pyarrow", feature="Parquet output", extra="batch") from None
    return pa, pq


def parquet_parts_dir(path: Path) -> Path:
    """Where the part files of the Parquet output `path` are kept until assembly."""
    return path.with_name(path.name + ".parts")


def parquet_schema() -> Any:
    pa, _ = _pyarrow()
    types = {"string": pa.string(), "int64": pa.int64(), "float64": pa.float64()}
    return pa.schema([(name, types[kind]) for name, kind in PARQUET_COLUMNS])


class ParquetSink:
    """Parquet through part files, assembled into one file when the run completes."""

    def __init__(self, path: Path, *, part_rows: int = 200, part_seconds: float = 60.0) -> None:
        self.pa, self.pq = _pyarrow()
        _check_parent(path)
        self.path = path
        self.parts = parquet_parts_dir(path)
        self.part_rows = part_rows
        self.part_seconds = part_seconds
        self.notes: list[str] = []
        self.schema = parquet_schema()
        self._rows: list[dict[str, Any]] = []
        self._last_part = time.monotonic()
        self._run = f"{time.strftime('%Y%m%dT%H%M%S')}-{secrets.token_hex(3)}"
        self._count = 0
        self.keys = self._scan()

    def _scan(self) -> set[str]:
        keys: set[str] = set()
        assembled: set[str] = set()
        if self.path.exists():
            try:
                final = self.pq.ParquetFile(self.path)
            except Exception as exc:
                raise BatchOutputError(
                    f"{self.path} is not a readable Parquet file ({exc}). Move it away or "
                    "choose another output path."
                ) from exc
            if final.schema_arrow.names != self.schema.names:
                raise BatchOutputError(
                    f"{self.path} was not written by propscope batch (its columns differ). "
                    "Choose another output path."
                )
            meta = final.schema_arrow.metadata or {}
            assembled = set(json.loads(meta.get(_PARTS_METADATA_KEY, b"[]")))
            keys |= _parquet_keys(final)
        if self.parts.is_dir():
            for part in sorted(self.parts.iterdir()):
                if part.name.endswith(".tmp") or part.name in assembled:
                    # A part cut short by a crash, or one already assembled into the final file.
                    part.unlink()
                elif part.suffix == ".parquet":
                    keys |= _parquet_keys(self.pq.ParquetFile(part))
        return keys

    def write(self, outcome: Outcome) -> None:
        self._rows.append(outcome.to_parquet_row())
        if (
            len(self._rows) >= self.part_rows
            or time.monotonic() - self._last_part >= self.part_seconds
        ):
            self._write_part()

    def _write_part(self) -> None:
        self._last_part = time.monotonic()
        if not self._rows:
            return
        self.parts.mkdir(exist_ok=True)
        self._count += 1
        name = f"part-{self._run}-{self._count:06d}.parquet"
        table = self.pa.Table.from_pylist(self._rows, schema=self.schema)
        tmp = self.parts / (name + ".tmp")
        self.pq.write_table(table, tmp)
        _fsync_file(tmp)
        os.replace(tmp, self.parts / name)
        self._rows = []

    def close(self, *, complete: bool) -> None:
        self._write_part()
        if complete:
            self._assemble()

    def _assemble(self) -> None:
        parts = sorted(self.parts.glob("part-*.parquet")) if self.parts.is_dir() else []
        if not parts and self.path.exists():
            return
        metadata = {_PARTS_METADATA_KEY: json.dumps([p.name for p in parts]).encode()}
        schema = self.schema.with_metadata(metadata)
        tmp = self.path.with_name(self.path.name + ".tmp")
        with self.pq.ParquetWriter(tmp, schema) as writer:
            sources = ([self.path] if self.path.exists() else []) + parts
            for source in sources:
                for batch in self.pq.ParquetFile(source).iter_batches(batch_size=1000):
                    writer.write_table(self.pa.Table.from_batches([batch]).cast(schema))
        _fsync_file(tmp)
        os.replace(tmp, self.path)
        for part in parts:
            part.unlink()
        if self.parts.is_dir() and not any(self.parts.iterdir()):
            self.parts.rmdir()


def _parquet_keys(file: Any) -> set[str]:
    keys: set[str] = set()
    for batch in file.iter_batches(columns=["key"], batch_size=10_000):
        keys.update(batch.column(0).to_pylist())
    return keys


def _fsync_file(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def iter_parquet_rows(path: Path) -> Iterator[dict[str, Any]]:
    """Rows of a Parquet output, the final file and then any parts not yet assembled."""
    _, pq = _pyarrow()
    parts = parquet_parts_dir(path)
    sources: list[Path] = []
    assembled: set[str] = set()
    if path.exists():
        final = pq.ParquetFile(path)
        meta = final.schema_arrow.metadata or {}
        assembled = set(json.loads(meta.get(_PARTS_METADATA_KEY, b"[]")))
        sources.append(path)
    if parts.is_dir():
        sources += [p for p in sorted(parts.glob("part-*.parquet")) if p.name not in assembled]
    if not sources:
        raise BatchOutputError(f"{path} does not exist, and no parts of it were found.")
    for source in sources:
        for batch in pq.ParquetFile(source).iter_batches(batch_size=500):
            yield from batch.to_pylist()


# --- the store --------------------------------------------------------------------------


class StoreSink:
    """The SQLite store: analyses committed a few at a time, errors as failures."""

    def __init__(self, path: Path, *, batch_rows: int = 50, batch_seconds: float = 5.0) -> None:
        self.store = Store(path)
        self.notes: list[str] = []
        self.batch_rows = batch_rows
        self.batch_seconds = batch_seconds
        self._rows: list[tuple[Analysis, str | None, dict[str, Any] | None]] = []
        self._last = time.monotonic()
        self.keys = self.store.keys() | {failure.key for failure in self.store.failures()}

    def write(self, outcome: Outcome) -> None:
        if outcome.analysis is not None:
            self._rows.append((outcome.analysis, outcome.key, outcome.analysis.document.metadata))
            if (
                len(self._rows) >= self.batch_rows
                or time.monotonic() - self._last >= self.batch_seconds
            ):
                self._commit()
            return
        assert outcome.error is not None
        metadata: dict[str, Any] = {"origin": outcome.origin}
        if outcome.document is not None:
            metadata["id"] = outcome.document.id
            metadata["title"] = outcome.document.title
        self.store.add_failure(
            Failure(outcome.key, outcome.error.stage, outcome.error.message, metadata=metadata)
        )

    def _commit(self) -> None:
        self._last = time.monotonic()
        if self._rows:
            self.store.add_many(self._rows)
            self._rows = []

    def close(self, *, complete: bool) -> None:
        self._commit()
