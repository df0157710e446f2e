"""Where a batch run writes: JSONL, Parquet and the SQLite store, each safe to resume.

Each sink knows the keys it already holds (`keys`), so a resumed run skips them, and
which of them it holds only as a read error (`read_errors`): a rerun reads those inputs
again, and when one now reads, or fails otherwise, its new record replaces the error row,
so each key still has one record. Sinks write in a way that a crash, Ctrl-C or `kill -9`
cannot leave half a record behind where the next run would miss or repeat it:

- JSONL appends one line per record and flushes it at once. After a crash the last line
  may be cut short; the next run finds it (no line end, or not JSON), cuts it off and
  does that document again. A run that replaced error rows rewrites the file without
  them when it closes (a copy, renamed over the file); after a `kill -9` before that,
  the next run does it.
- Parquet writes part files (`OUT.parquet.parts/part-*.parquet`), each made under a
  temporary name and renamed when complete, so a part is there whole or not at all. A
  finished run assembles the parts, after any earlier final file, into `OUT.parquet`,
  leaving out the error rows replaced since; the final file lists the parts it holds, so
  parts left by a crash during assembly are recognised and removed, never counted twice.
- The store commits rows in small transactions under their key (a key is stored once);
  errors go to its failures table, and an analysis under a key clears its failure.
"""

from __future__ import annotations

import json
import logging
import os
import re
import secrets
import time
from collections.abc import Collection, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol

from propscope.analysis import Analysis
from propscope.batch.records import PARQUET_COLUMNS, STAGE_READ, Outcome
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
    "jsonl_superseded",
    "open_outputs",
    "parquet_parts_dir",
    "superseded",
]

log = logging.getLogger("propscope")

JSONL_OUTPUT_SUFFIXES = frozenset({".jsonl", ".ndjson"})
PARQUET_OUTPUT_SUFFIXES = frozenset({".parquet", ".pq"})
_PARTS_METADATA_KEY = b"propscope.parts"


class BatchOutputError(PropscopeError):
    """A batch output cannot be written or resumed."""


class Sink(Protocol):
    keys: set[str]
    read_errors: dict[str, str]
    errors: set[str]
    notes: list[str]
    components: dict[str, Any] | None
    name: str

    def write(self, outcome: Outcome) -> None: ...

    def retire(self, keys: Iterable[str]) -> None: ...

    def close(self, *, complete: bool) -> None: ...


class Outputs:
    """All the sinks of one run: a document is done when every sink holds its key."""

    def __init__(self, sinks: Sequence[Sink]) -> None:
        self.sinks = list(sinks)

    @property
    def notes(self) -> list[str]:
        return [note for sink in self.sinks for note in sink.notes]

    def components_held(self) -> tuple[str, dict[str, Any]] | None:
        """A sink's name and the components (layers and their settings, as an analysis's
        `model` names them) of an analysis it already held when the run began (the first
        it read); None when no sink held one."""
        for sink in self.sinks:
            if sink.components is not None:
                return sink.name, sink.components
        return None

    def held(self) -> int:
        """How many documents every sink held when the run began (at most): a rerun's
        documents less these are what is left to do."""
        return min((len(sink.keys) for sink in self.sinks), default=0)

    def read_error_keys(self) -> set[str]:
        """The keys of the read-error rows the outputs hold."""
        return {key for sink in self.sinks for key in sink.read_errors}

    def holds_error(self, key: str) -> bool:
        """Whether a sink's last record for `key` is an error row (of any stage)."""
        return any(key in sink.errors for sink in self.sinks)

    def holds_read_error(self, key: str) -> bool:
        """Whether a sink's record for `key` is a read-error row, which a rerun reads again."""
        return any(key in sink.read_errors for sink in self.sinks)

    def retire(self, keys: Iterable[str]) -> None:
        """Drop the read-error rows of `keys` when the outputs close: their inputs read
        now under other keys (a fixed table's rows, by their ids)."""
        keys = set(keys)
        for sink in self.sinks:
            sink.retire(keys)

    def is_done(self, key: str, *, read_error: str | None = None) -> bool:
        """Whether every sink holds `key` for good. `read_error` is this run's message for
        an input that failed to read: an earlier read-error row holds the key only against
        the same failure, so an input that reads now, or fails otherwise, is done again."""
        return all(_holds(sink, key, read_error) for sink in self.sinks)

    def write(self, outcome: Outcome) -> None:
        # A crash between two sinks leaves a key in one only: the rerun writes the other.
        for sink in self.sinks:
            if not _holds(sink, outcome.key, outcome.read_error):
                sink.write(outcome)

    def close(self, *, complete: bool) -> None:
        errors = []
        for sink in self.sinks:
            try:
                sink.close(complete=complete)
            except Exception as exc:  # close the others, then report
                errors.append(exc)
        if errors:
            raise errors[0]


def _holds(sink: Sink, key: str, read_error: str | None) -> bool:
    return key in sink.keys and sink.read_errors.get(key, read_error) == read_error


class _Holdings:
    """What a sink holds: the key of every record, and the message of each record that
    is a read error, the one kind of record a rerun replaces."""

    def __init__(self) -> None:
        self.keys: set[str] = set()
        self.read_errors: dict[str, str] = {}
        # Keys whose last record is an error row, of any stage: a rerun counts those it
        # skips, so that its summary does not read as if nothing had ever failed.
        self.errors: set[str] = set()
        self.notes: list[str] = []
        # The components of one analysis held before the run: a rerun with other layers
        # or settings mixes them.
        self.components: dict[str, Any] | None = None
        self.name = ""
        # Keys whose read-error rows are dropped at close (`Outputs.retire`).
        self.retired: set[str] = set()

    def retire(self, keys: Iterable[str]) -> None:
        for key in keys:
            if key in self.read_errors:
                del self.read_errors[key]
                self.keys.discard(key)
                self.errors.discard(key)
                self.retired.add(key)

    def _hold(self, key: str, read_error: str | None, *, error: bool = False) -> bool:
        """Note a record for `key`, after any earlier one (`error`: an error row, of any
        stage); True if it replaces an earlier read-error row (which must then be
        dropped)."""
        replaces = key in self.read_errors
        self.keys.add(key)
        if error or read_error is not None:
            self.errors.add(key)
        else:
            self.errors.discard(key)
        if read_error is None:
            self.read_errors.pop(key, None)
        else:
            self.read_errors[key] = read_error
        return replaces


def superseded(
    heads: Iterable[tuple[str, str | None] | None], retired: Collection[str] = ()
) -> set[int]:
    """Positions of the rows that a later row with the same key replaces, and of the
    read-error rows of the `retired` keys.

    `heads` gives each row's key and read-error message (None for any other record), or
    None for a row that is no record. Only keys with a read-error row are followed, so
    memory grows with those only: a rerun writes a record for a key it holds only after a
    read-error row for it, never after any other record.
    """
    latest: dict[str, int] = {}
    dropped: set[int] = set()
    for position, head in enumerate(heads):
        if head is None:
            continue
        key, read_error = head
        if read_error is not None and key in retired:
            dropped.add(position)
            continue
        if key in latest:
            dropped.add(latest[key])
            latest[key] = position
        elif read_error is not None:
            latest[key] = position
    return dropped


def _record_read_error(data: dict[str, Any]) -> str | None:
    error = data.get("error")
    if data.get("status") != "error" or not isinstance(error, dict):
        return None
    if error.get("stage") != STAGE_READ:
        return None
    return str(error.get("message") or "")


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
    if path.exists() and not path.is_file():
        # A device (/dev/full, /dev/zero), a pipe or a socket: a resume would read it
        # without end, and the output cannot be rewritten in place.
        raise BatchOutputError(
            f"{path} is not a regular file (a device, a pipe or a socket); write the output "
            "to a file."
        )
    _make_parent(path)
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise BatchOutputError(
            f"cannot write in the folder {path.parent} (permission denied); choose another "
            "output path."
        )


def _make_parent(path: Path) -> None:
    """Create the output's folder where it is missing, as `propscope report` does."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise BatchOutputError(
            f"cannot create the folder {path.parent}: a file has its name, or the name of a "
            "folder above it; choose another output path."
        ) from None
    except OSError as exc:
        raise BatchOutputError(
            f"cannot create the folder {path.parent} ({exc.strerror}); choose another output path."
        ) from None


# --- JSONL ------------------------------------------------------------------------------

# Records start with their key and status (see Outcome.to_record), so a resume parses
# only error rows, to tell read errors from the others.
_HEAD = re.compile(rb'^\{"key": ("(?:[^"\\]|\\.)*"), "status": "(ok|error)"')


class JsonlSink(_Holdings):
    """Append-only JSONL, one flushed line per record."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        _check_parent(path)
        self.path = path
        self.name = str(path)
        # Whether the file holds error rows that later lines replace, to drop at close.
        self._replaced = False
        self._scan_and_repair()
        try:
            self._handle = open(path, "a", encoding="utf-8")
        except OSError as exc:
            raise BatchOutputError(f"cannot write {path}: {exc.strerror}.") from exc

    def _scan_and_repair(self) -> None:
        if not self.path.exists():
            return
        good_end = 0
        damaged_at: int | None = None
        complete = False
        with open(self.path, "rb") as handle:
            for line_no, raw in enumerate(handle, start=1):
                record = _line_record(raw) if raw.endswith(b"\n") else None
                if record is None:
                    if raw.strip() == b"":
                        good_end += len(raw)
                        continue
                    damaged_at, complete = line_no, raw.endswith(b"\n")
                    break
                key, read_error, error = record
                self._replaced |= self._hold(key, read_error, error=error)
                if self.components is None and read_error is None:
                    self.components = _components_of(_json_object(raw.rstrip(b"\r\n")))
                good_end += len(raw)
            rest = handle.read()
        if damaged_at is None:
            return
        # A run writes each record whole with its line break: a crash can cut only the
        # last line, and only short of its line break.
        if rest.strip() or complete:
            why = "records follow it" if rest.strip() else "it ends with a line break"
            raise BatchOutputError(
                f"{self.path}: line {damaged_at} is not a record of propscope batch, and "
                f"{why}, so it is not a line cut short by a crash. Was the file "
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

    def write(self, outcome: Outcome) -> None:
        self._replaced |= self._hold(
            outcome.key, outcome.read_error, error=outcome.error is not None
        )
        self._handle.write(outcome.to_json() + "\n")
        self._handle.flush()

    def close(self, *, complete: bool) -> None:
        self._handle.flush()
        os.fsync(self._handle.fileno())
        self._handle.close()
        if self._replaced or self.retired:
            self._drop_replaced()

    def _drop_replaced(self) -> None:
        """Rewrite the file without the error rows that later records replace, or that
        are retired."""
        dropped = jsonl_superseded(self.path, self.retired)
        if not dropped:
            return
        tmp = self.path.with_name(self.path.name + ".tmp")
        with open(self.path, "rb") as source, open(tmp, "wb") as target:
            for position, raw in enumerate(source):
                if position not in dropped:
                    target.write(raw)
            target.flush()
            os.fsync(target.fileno())
        os.replace(tmp, self.path)


def _components_of(record: dict[str, Any] | None) -> dict[str, Any] | None:
    """The components an analysis record was made with (its model's), by layer."""
    model = (record or {}).get("model")
    components = model.get("components") if isinstance(model, dict) else None
    return components if isinstance(components, dict) else None


def jsonl_superseded(path: Path, retired: Collection[str] = ()) -> set[int]:
    """Positions (from 0) of the lines of a JSONL output that later lines replace, and
    of the read-error lines of the `retired` keys."""
    with open(path, "rb") as handle:
        return superseded((_line_head(raw, parse_others=False) for raw in handle), retired)


def _line_head(raw: bytes, *, parse_others: bool = True) -> tuple[str, str | None] | None:
    """The key and read-error message (None for any other record) of one complete JSONL
    record, or None if the line is not one. `parse_others=False` does not parse lines
    that do not start as this module writes them (faster; they count as no record)."""
    record = _line_record(raw, parse_others=parse_others)
    return None if record is None else record[:2]


def _line_record(raw: bytes, *, parse_others: bool = True) -> tuple[str, str | None, bool] | None:
    """`_line_head`'s key and read-error message, and whether the record is an error
    row (of any stage)."""
    body = raw.rstrip(b"\r\n")
    match = _HEAD.match(body)
    if match and body.endswith(b"}"):
        key = str(json.loads(match.group(1)))
        if match.group(2) == b"ok":
            return key, None, False
        data = _json_object(body)  # error rows are few: parse them for their stage
        return None if data is None else (key, _record_read_error(data), True)
    if not parse_others:
        return None
    data = _json_object(body)
    if data is None or not isinstance(data.get("key"), str):
        return None
    return data["key"], _record_read_error(data), data.get("status") == "error"


def _json_object(body: bytes) -> dict[str, Any] | None:
    try:
        data = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None
    return data if isinstance(data, dict) else None


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


class ParquetSink(_Holdings):
    """Parquet through part files, assembled into one file when the run completes."""

    def __init__(self, path: Path, *, part_rows: int = 200, part_seconds: float = 60.0) -> None:
        super().__init__()
        self.pa, self.pq = _pyarrow()
        _check_parent(path)
        self.path = path
        self.name = str(path)
        self.parts = parquet_parts_dir(path)
        self.part_rows = part_rows
        self.part_seconds = part_seconds
        self.schema = parquet_schema()
        self._rows: list[dict[str, Any]] = []
        self._last_part = time.monotonic()
        self._run = f"{time.strftime('%Y%m%dT%H%M%S')}-{secrets.token_hex(3)}"
        self._count = 0
        # Whether rows replaced by later ones are to be left out when assembling.
        self._replaced = False
        self._scan()

    def _scan(self) -> None:
        sources: list[Path] = []
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
            sources.append(self.path)
        if self.parts.is_dir():
            for part in sorted(self.parts.iterdir()):
                if part.name.endswith(".tmp") or part.name in assembled:
                    # A part cut short by a crash, or one already assembled into the final file.
                    part.unlink()
                elif part.suffix == ".parquet":
                    sources.append(part)
        for key, read_error, error in _parquet_rows(self.pq, sources):
            self._replaced |= self._hold(key, read_error, error=error)
        self.components = _parquet_components(self.pq, sources)

    def write(self, outcome: Outcome) -> None:
        self._replaced |= self._hold(
            outcome.key, outcome.read_error, error=outcome.error is not None
        )
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
        dropping = self._replaced or bool(self.retired)
        if not parts and not dropping and self.path.exists():
            return
        sources = ([self.path] if self.path.exists() else []) + parts
        heads = _parquet_heads(self.pq, sources)
        dropped = superseded(heads, self.retired) if dropping else set()
        metadata = {_PARTS_METADATA_KEY: json.dumps([p.name for p in parts]).encode()}
        schema = self.schema.with_metadata(metadata)
        tmp = self.path.with_name(self.path.name + ".tmp")
        with self.pq.ParquetWriter(tmp, schema) as writer:
            position = 0
            for source in sources:
                for batch in self.pq.ParquetFile(source).iter_batches(batch_size=1000):
                    table = self.pa.Table.from_batches([batch])
                    if dropped:
                        keep = [position + i not in dropped for i in range(batch.num_rows)]
                        table = table.filter(self.pa.array(keep, type=self.pa.bool_()))
                    position += batch.num_rows
                    writer.write_table(table.cast(schema))
        _fsync_file(tmp)
        os.replace(tmp, self.path)
        for part in parts:
            part.unlink()
        if self.parts.is_dir() and not any(self.parts.iterdir()):
            self.parts.rmdir()


def _parquet_heads(pq: Any, sources: Sequence[Path]) -> Iterator[tuple[str, str | None]]:
    """Each row's key and read-error message (None for any other record), in order."""
    return ((key, read_error) for key, read_error, _ in _parquet_rows(pq, sources))


def _parquet_rows(pq: Any, sources: Sequence[Path]) -> Iterator[tuple[str, str | None, bool]]:
    """Each row's key, read-error message (None for any other record) and whether it is
    an error row, in order."""
    columns = ["key", "status", "error_stage", "error_message"]
    for source in sources:
        for batch in pq.ParquetFile(source).iter_batches(columns=columns, batch_size=10_000):
            keys, statuses, stages, messages = (batch.column(i).to_pylist() for i in range(4))
            for key, status, stage, message in zip(keys, statuses, stages, messages, strict=True):
                read = status == "error" and stage == STAGE_READ
                yield key, (message or "") if read else None, status == "error"


def _parquet_components(pq: Any, sources: Sequence[Path]) -> dict[str, Any] | None:
    """The components of the first analysis the Parquet output holds."""
    for source in sources:
        for batch in pq.ParquetFile(source).iter_batches(
            columns=["status", "analysis"], batch_size=64
        ):
            for status, analysis in zip(*(c.to_pylist() for c in batch.columns), strict=True):
                if status == "ok" and analysis:
                    return _components_of(_json_object(analysis.encode()))
    return None


def _fsync_file(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def unassembled_parts(path: Path) -> int:
    """How many part files of a Parquet output no finished run has assembled into it: a
    run still going, or one stopped before its end (0 for a finished output)."""
    parts = parquet_parts_dir(path)
    if not parts.is_dir():
        return 0
    assembled = _assembled_parts(path)
    return sum(p.name not in assembled for p in parts.glob("part-*.parquet"))


def _assembled_parts(path: Path) -> set[str]:
    """The names of the part files a finished run assembled into the Parquet file at
    `path` (none where it does not exist yet), as its metadata lists them."""
    if not path.exists():
        return set()
    _, pq = _pyarrow()
    meta = pq.ParquetFile(path).schema_arrow.metadata or {}
    return set(json.loads(meta.get(_PARTS_METADATA_KEY, b"[]")))


def iter_parquet_rows(path: Path) -> Iterator[dict[str, Any]]:
    """Rows of a Parquet output, the final file and then any parts not yet assembled."""
    _, pq = _pyarrow()
    parts = parquet_parts_dir(path)
    sources: list[Path] = [path] if path.exists() else []
    assembled = _assembled_parts(path)
    if parts.is_dir():
        sources += [p for p in sorted(parts.glob("part-*.parquet")) if p.name not in assembled]
    if not sources:
        raise BatchOutputError(f"{path} does not exist, and no parts of it were found.")
    # An assembled file holds no replaced rows; parts of an unfinished run may.
    dropped = superseded(_parquet_heads(pq, sources)) if len(sources) > 1 else set()
    position = 0
    for source in sources:
        for batch in pq.ParquetFile(source).iter_batches(batch_size=500):
            for row in batch.to_pylist():
                if position not in dropped:
                    yield row
                position += 1


# --- the store --------------------------------------------------------------------------


class StoreSink(_Holdings):
    """The SQLite store: analyses committed a few at a time, errors as failures. A key is
    stored once: an analysis clears the key's failure, a failure replaces the one before."""

    def __init__(self, path: Path, *, batch_rows: int = 50, batch_seconds: float = 5.0) -> None:
        super().__init__()
        _make_parent(path)
        self.store = Store(path)
        self.name = str(path)
        self.components = _components_of(self.store.any_analysis())
        self.batch_rows = batch_rows
        self.batch_seconds = batch_seconds
        self._rows: list[tuple[Analysis, str | None, dict[str, Any] | None]] = []
        self._last = time.monotonic()
        self.keys = self.store.keys()
        for failure in self.store.failures():
            if failure.key not in self.keys:
                read_error = failure.message if failure.stage == STAGE_READ else None
                self._hold(failure.key, read_error, error=True)

    def write(self, outcome: Outcome) -> None:
        self._hold(outcome.key, outcome.read_error, error=outcome.error is not None)
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
        if complete and self.retired:
            self.store.remove_failures(self.retired)
