"""`run_batch`: a corpus through the analyzer, into outputs that a rerun resumes."""

from __future__ import annotations

import hashlib
import itertools
import logging
import numbers
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from propscope.batch.engines import (
    AnalyzerSpec,
    DaskEngine,
    Engine,
    InProcessEngine,
    ProcessEngine,
    auto_processes,
    available_cores,
    cached_analyzer,
)
from propscope.batch.inputs import read_keyed, stale_read_errors
from propscope.batch.records import STAGE_READ, BatchError, Outcome
from propscope.batch.sinks import BatchOutputError, Outputs, open_outputs
from propscope.document import Document
from propscope.errors import PropscopeError
from propscope.io.readers import InputFailure, PageRequest, ReadItem, ReadResult, fetch_keyed
from propscope.io.tables import count_corpus, input_reading

__all__ = ["BatchSummary", "EngineName", "run_batch"]

log = logging.getLogger("propscope")

EngineName = Literal["local", "dask"]
_KEPT_FAILURES = 100
_KEPT_KEYS = 20


@dataclass(slots=True)
class BatchSummary:
    """What one run did. Counts are of this run; `skipped` were done by an earlier one.

    `failures` holds the first 100 error rows of this run (the outputs hold them all);
    `skipped_failed` counts the skipped documents whose record is an error row of an
    earlier run, and `skipped_failed_keys` names the first 20; of those, `skipped_unread`
    (`skipped_unread_keys`) could not be read, this run as before: such inputs are read
    again on every run, while an error of another stage stays until its row is removed;
    `duplicates` counts documents whose key and text were both met earlier in this run's
    input (the same article twice), analyzed once; `duplicate_keys` names the first 20
    such keys. `conflicts` counts documents whose key was met earlier with another text
    (two articles given one id): they are not analyzed, which makes the run fail, and
    `conflict_keys` names the first 20. `processes` is the number of worker processes
    the run started (1: it ran in the caller's process; with a Dask scheduler, 0: the
    cluster's own).
    """

    analyzed: int = 0
    failed: int = 0
    skipped: int = 0
    skipped_failed: int = 0
    duplicates: int = 0
    conflicts: int = 0
    seconds: float = 0.0
    interrupted: bool = False
    failures: list[Outcome] = field(default_factory=list)
    duplicate_keys: list[str] = field(default_factory=list)
    conflict_keys: list[str] = field(default_factory=list)
    skipped_failed_keys: list[str] = field(default_factory=list)
    skipped_unread: int = 0
    skipped_unread_keys: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    processes: int = 1

    @property
    def seen(self) -> int:
        """Documents (and unreadable inputs) met so far, whatever became of them."""
        return self.analyzed + self.failed + self.skipped + self.duplicates + self.conflicts

    @property
    def rate(self) -> float:
        """Documents analyzed per second of this run; failed ones are not counted."""
        return self.analyzed / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "analyzed": self.analyzed,
            "failed": self.failed,
            "skipped": self.skipped,
            "skipped_failed": self.skipped_failed,
            "duplicates": self.duplicates,
            "conflicts": self.conflicts,
            "seconds": round(self.seconds, 3),
            "rate": round(self.rate, 3),
            "interrupted": self.interrupted,
            "failures": [
                {"key": o.key, **o.error.to_dict(), "origin": o.origin}
                for o in self.failures
                if o.error is not None
            ],
            "duplicate_keys": list(self.duplicate_keys),
            "conflict_keys": list(self.conflict_keys),
            "skipped_failed_keys": list(self.skipped_failed_keys),
            "skipped_unread": self.skipped_unread,
            "skipped_unread_keys": list(self.skipped_unread_keys),
            "notes": list(self.notes),
            "processes": self.processes,
        }


def run_batch(
    inputs: Sequence[str | Path],
    *,
    output: str | Path | None = None,
    store: str | Path | None = None,
    processes: int | Literal["auto"] = 1,
    engine: EngineName = "local",
    scheduler: str | None = None,
    analyzer: AnalyzerSpec | None = None,
    chunk_size: int = 16,
    flush_every: int | None = None,
    on_progress: Callable[[BatchSummary], None] | None = None,
    limit: int | None = None,
    documents: int | None = None,
) -> BatchSummary:
    """Analyze every document in `inputs` into `output` (.jsonl or .parquet) and/or `store`.

    Run it again with the same arguments after a crash, Ctrl-C or `kill -9` and it goes
    on where it stopped: a document whose key (its id) every output already holds is
    skipped, and none is written twice. A document that cannot be read or analyzed gets
    an error row and the run goes on. A rerun reads the inputs of read-error rows again:
    one that reads now, or fails otherwise, gets a record that replaces its error row.
    Records are written in input order (with `engine="dask"`, in completion order).

    `engine="local"` runs `processes` worker processes (1: this process), each with
    cores / processes threads. `engine="dask"` runs on the cluster at `scheduler`, or on a
    local cluster of `processes` workers bound to 127.0.0.1 when it is None.
    `processes="auto"` counts the documents first and starts one per core, as many as
    the free memory holds and the run needs (`propscope.batch.auto_processes`); the
    command line's default.

    `limit` reads only the first `limit` documents of the inputs (a pilot run); run again
    with a larger one, or none, to go on. `documents` is what `count_corpus(inputs,
    at_most=limit)` gave, where the caller counted them already (for a progress bar):
    `"auto"` then does not read the corpus a second time before the run.

    `chunk_size` documents go to a worker at a time. `flush_every` is the number of
    records per Parquet part and per store transaction (default 200 and 50), so at most
    that many analyses are redone after a `kill -9`; JSONL is written record by record.

    Ctrl-C stops the run cleanly: what is done is written, and the summary says
    `interrupted`. `on_progress` is called with the summary after every document.
    """
    spec = analyzer or AnalyzerSpec()
    _check_arguments(inputs, output, processes, engine, scheduler, chunk_size)
    spec.check()
    if limit is not None and limit < 1:
        raise PropscopeError(f"limit must be 1 or more, got {limit}.")
    if flush_every is not None and flush_every < 1:
        raise PropscopeError(f"flush_every must be 1 or more, got {flush_every}.")
    outputs = open_outputs(output, store, flush_every=flush_every)
    on_a_cluster = engine == "dask" and scheduler is not None  # its workers are its own
    if on_a_cluster:
        processes = 1
    elif processes == "auto":
        # What is left to do: a rerun of a finished output starts no workers.
        if documents is None:
            documents = count_corpus(inputs, at_most=limit)
        left = None if documents is None else max(0, documents - outputs.held())
        processes = auto_processes(left, chunk_size=chunk_size)
    processes = int(processes)  # numpy's integers too
    summary = BatchSummary(notes=outputs.notes, processes=0 if on_a_cluster else processes)
    held = outputs.components_held()
    same_layers = held is None or frozenset(held[1]) == frozenset(spec.components)
    if held is not None and spec.factory is None and not same_layers:
        where, layers = held
        summary.notes.append(
            f"{where} holds analyses made with the layers {', '.join(sorted(layers))}, "
            f"and this run computes {', '.join(sorted(spec.components))}: the documents "
            "it holds are not analyzed again, so the output would mix the two. Write to a "
            "new output (and store) to analyze every document with these layers."
        )
    started = time.monotonic()
    complete = False
    running: Engine | None = None
    # Paths in the keys of unreadable inputs are relative to the output's folder.
    target = output if output is not None else store
    assert target is not None  # open_outputs refuses a run without either
    anchor = Path(target).parent

    compared = held is None or spec.factory is not None or not same_layers

    def record(outcome: Outcome) -> None:
        nonlocal compared
        if not compared and outcome.analysis is not None and held is not None:
            compared = True
            _note_changed_settings(summary, held, outcome.analysis.model.get("components"))
        outputs.write(outcome)
        if outcome.ok:
            summary.analyzed += 1
        else:
            summary.failed += 1
            if len(summary.failures) < _KEPT_FAILURES:
                summary.failures.append(outcome)
        _tick()

    def _tick() -> None:
        summary.seconds = time.monotonic() - started
        if on_progress is not None:
            on_progress(summary)

    order = _InputOrder(record)
    held_errors = outputs.read_error_keys()
    met: set[str] = set()
    read: set[str] = set()
    try:
        running = _make_engine(engine, spec, processes=processes, scheduler=scheduler)
        keyed = read_keyed(inputs, anchor=anchor, read=read)
        if limit is not None:
            keyed = itertools.islice(keyed, limit)
        pending = fetch_keyed(_pending(keyed, outputs, summary, _tick, met))
        chunks = _chunks(pending, outputs, summary, order, _tick, chunk_size)
        for outcomes in running.run(chunks):
            for outcome in outcomes:
                order.analyzed(outcome)
        order.flush()
        if not compared and held is not None and summary.skipped:
            # Nothing new was analyzed to compare with: a rerun of a finished output with
            # another threshold said "48 already done" and nothing of the setting.
            compared = True
            _note_changed_settings(summary, held, cached_analyzer(spec).describe())
        # A run cut short by `limit` did not read its files to the end.
        stale = stale_read_errors(held_errors, met, read) if limit is None else set()
        if stale:
            outputs.retire(stale)
            shown = ", ".join(sorted(stale)[:3]) + (", ..." if len(stale) > 3 else "")
            summary.notes.append(
                f"dropped {len(stale)} error row(s) of earlier runs ({shown}): those places "
                "in the inputs read now, under their documents' ids, or are gone."
            )
        complete = True
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        try:
            if running is not None:
                running.close()
        finally:
            outputs.close(complete=complete)
            summary.seconds = time.monotonic() - started
    return summary


def _note_changed_settings(summary: BatchSummary, held: tuple[str, Any], now: Any) -> None:
    """Add a note to `summary` where the output `held` names was made with other settings
    than `now` (an analyzer's components and their settings)."""
    changed = _changed_settings(held[1], now)
    if changed:
        summary.notes.append(
            f"{held[0]} holds analyses made with other settings than this run's "
            f"({'; '.join(changed)}): the documents it holds are not analyzed "
            "again, so the output would mix the two. Write to a new output (and "
            "store) to analyze every document with these settings."
        )


def _changed_settings(before: dict[str, Any], now: Any) -> list[str]:
    """Each setting of a layer that differs between two analyses' components:
    "techniques.threshold 0.15 -> 0.3"."""
    if not isinstance(now, dict):
        return []
    changed = []
    for layer in sorted(set(before) & set(now)):
        old, new = before[layer], now[layer]
        if not (isinstance(old, dict) and isinstance(new, dict)):
            continue
        for name in sorted(set(old) | set(new)):
            if old.get(name) != new.get(name):
                changed.append(f"{layer}.{name} {old.get(name)} -> {new.get(name)}")
    return changed


def _check_arguments(
    inputs: Sequence[str | Path],
    output: str | Path | None,
    processes: int | str,
    engine: str,
    scheduler: str | None,
    chunk_size: int,
) -> None:
    if isinstance(inputs, str | Path):
        raise TypeError(f"inputs must be a list of paths; wrap {str(inputs)!r} in a list.")
    if not inputs:
        raise PropscopeError("no inputs given: name files, folders, patterns or tables to read.")
    if engine not in ("local", "dask"):
        raise PropscopeError(f"engine must be 'local' or 'dask', got {engine!r}.")
    if scheduler is not None and engine != "dask":
        raise PropscopeError("a scheduler address needs engine='dask' (--engine dask).")
    if processes != "auto" and (
        isinstance(processes, bool) or not isinstance(processes, numbers.Integral) or processes < 1
    ):
        raise PropscopeError(f"processes must be 1 or more, or 'auto', got {processes!r}.")
    if chunk_size < 1:
        raise PropscopeError(f"chunk_size must be 1 or more, got {chunk_size}.")
    if output is not None:
        _check_output_is_not_an_input(Path(output), inputs)


def _check_output_is_not_an_input(output: Path, inputs: Sequence[str | Path]) -> None:
    """The output must not be read back as input (`input_reading`)."""
    item = input_reading(output, inputs)
    if item is not None:
        raise BatchOutputError(
            f"the output {output} would be read as input (from {item}). Write it to another folder."
        )


def _make_engine(
    engine: str, spec: AnalyzerSpec, *, processes: int, scheduler: str | None
) -> Engine:
    if engine == "dask":
        threads = max(1, available_cores() // processes)
        return DaskEngine(spec, scheduler=scheduler, workers=processes, threads=threads)
    if processes == 1:
        return InProcessEngine(spec)
    threads = max(1, available_cores() // processes)
    return ProcessEngine(spec, processes=processes, threads=threads)


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


class _InputOrder:
    """Writes an unreadable input's error row after the record of the document read just
    before it, so that records keep input order although documents come back from the
    engine later than the error rows are made."""

    def __init__(self, record: Callable[[Outcome], None]) -> None:
        self._record = record
        self._sent: set[str] = set()  # keys sent to the engine and not yet recorded
        self._last_sent: str | None = None
        self._held: dict[str, list[Outcome]] = {}  # error rows, by the key they follow

    def sent(self, key: str) -> None:
        self._sent.add(key)
        self._last_sent = key

    def unreadable(self, outcome: Outcome) -> None:
        if self._last_sent is not None and self._last_sent in self._sent:
            self._held.setdefault(self._last_sent, []).append(outcome)
        else:
            self._record(outcome)

    def analyzed(self, outcome: Outcome) -> None:
        self._record(outcome)
        self._sent.discard(outcome.key)
        for held in self._held.pop(outcome.key, []):
            self._record(held)

    def flush(self) -> None:
        """Write what is still held (only if a document came back without an outcome)."""
        for held in self._held.values():
            for outcome in held:
                self._record(outcome)
        self._held.clear()


def _pending(
    keyed: Iterator[tuple[str, ReadItem]],
    outputs: Outputs,
    summary: BatchSummary,
    tick: Callable[[], None],
    seen: set[str],
) -> Iterator[tuple[str, ReadItem]]:
    """The documents, pages and unreadable inputs still to do, with their keys: a
    document or page every output holds, or a key met before in this run, is counted
    and left out, so a page done by an earlier run is not fetched again. `seen` gets
    every key met."""
    texts: dict[str, bytes | None] = {}  # each key's text, as a digest (None: unreadable)
    for key, item in keyed:
        digest = _item_digest(item)
        if key in seen:
            # The same article twice is analyzed once; another article under a key
            # already used is never analyzed, which the run must not pass over.
            if texts.get(key) == digest:
                summary.duplicates += 1
                keys = summary.duplicate_keys
            else:
                summary.conflicts += 1
                keys = summary.conflict_keys
            if len(keys) < _KEPT_KEYS and key not in keys:
                keys.append(key)
            tick()
            continue
        seen.add(key)
        texts[key] = digest
        read_error = item.message() if isinstance(item, InputFailure) else None
        if outputs.is_done(key, read_error=read_error):
            _count_skipped(summary, outputs, key, read_error)
            tick()
            continue
        yield key, item


def _failed_document(key: str, failure: InputFailure) -> Document | None:
    """What an unreadable line, row or link says of its document (no text), for its error
    row, so that a corpus report counts the failure under its outlet and month; None
    where it says nothing (a broken line, a missing file)."""
    given = failure.given
    if not given:
        return None
    title = given.get("title")
    metadata = given.get("metadata")
    return Document(
        text=title or "",
        id=failure.id or key,
        title=title,
        source=given.get("source"),
        url=given.get("url"),
        published=given.get("published"),
        metadata=dict(metadata) if isinstance(metadata, dict) else {},
    )


def _count_skipped(
    summary: BatchSummary, outputs: Outputs, key: str, read_error: str | None
) -> None:
    summary.skipped += 1
    if outputs.holds_error(key):
        summary.skipped_failed += 1
        if len(summary.skipped_failed_keys) < _KEPT_KEYS:
            summary.skipped_failed_keys.append(key)
        if read_error is not None and outputs.holds_read_error(key):
            summary.skipped_unread += 1
            if len(summary.skipped_unread_keys) < _KEPT_KEYS:
                summary.skipped_unread_keys.append(key)


def _item_digest(item: ReadItem) -> bytes | None:
    """What tells two inputs under one key apart: a document's text, a page's address."""
    if isinstance(item, Document):
        return _digest(item.text)
    if isinstance(item, PageRequest):
        return _digest("\0page\0" + item.url)
    return None


def _chunks(
    pending: Iterator[tuple[str, ReadResult]],
    outputs: Outputs,
    summary: BatchSummary,
    order: _InputOrder,
    tick: Callable[[], None],
    chunk_size: int,
) -> Iterator[list[Document]]:
    """Chunks of the documents to analyze; unreadable inputs (a page that could not be
    fetched too) get their error row here. A page that fails as it failed in an earlier
    run is counted as that run's error row, skipped, as any other input that still does
    not read."""
    chunk: list[Document] = []
    for key, item in pending:
        if isinstance(item, InputFailure) and outputs.is_done(key, read_error=item.message()):
            _count_skipped(summary, outputs, key, item.message())
            tick()
            continue
        if isinstance(item, InputFailure):
            error = BatchError(STAGE_READ, item.message())
            document = _failed_document(key, item)
            order.unreadable(Outcome(key, error=error, origin=item.origin, document=document))
            continue
        order.sent(key)
        chunk.append(item)
        if len(chunk) >= chunk_size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
