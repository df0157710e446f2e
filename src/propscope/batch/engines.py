"""Engines run chunks of documents through an analyzer: in this process, in a pool of
local processes, or on a Dask cluster.

Every engine takes an iterator of chunks and yields each chunk's outcomes, and reads the
next chunk only when there is room, so however long the input, only a few chunks are in
memory. Each worker process builds its analyzer once (`cached_analyzer`) and reuses it
for every chunk it is given.
"""

from __future__ import annotations

import importlib
import logging
import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any, Protocol

from propscope.batch.records import STAGE_ANALYZE, STAGE_WORKER, BatchError, Outcome
from propscope.document import Document
from propscope.errors import PropscopeError, UnknownComponentError, missing_dependency
from propscope.pipeline import (
    DEFAULT_COMPONENTS,
    Analyzer,
    failed_component,
    registered_components,
)
from propscope.resources import available_cores, available_memory

__all__ = [
    "THREAD_VARIABLES",
    "AnalyzerSpec",
    "DaskEngine",
    "Engine",
    "InProcessEngine",
    "ProcessEngine",
    "analyze_chunk",
    "auto_processes",
    "available_cores",
    "available_memory",
    "cached_analyzer",
]

log = logging.getLogger("propscope")

# Thread pools a worker may start: onnxruntime (propscope's own), OpenMP, BLAS.
THREAD_VARIABLES = (
    "PROPSCOPE_THREADS",
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
)
_MESSAGE_LIMIT = 2000


@dataclass(frozen=True)
class AnalyzerSpec:
    """How every worker builds the same analyzer: by component names and settings, or by
    a factory, `"package.module:function"`, that returns an `Analyzer` (for custom
    components; the module must be importable on every worker).

    `threads` caps the threads of each analyzer's thread pools (None: the libraries'
    defaults); `batch_size` is the analyzer's batch.
    """

    components: tuple[str, ...] = DEFAULT_COMPONENTS
    settings: dict[str, dict[str, Any]] = field(default_factory=dict)
    factory: str | None = None
    threads: int | None = None
    batch_size: int = 8

    def check(self) -> None:
        """Fail now, with a clear message, on a spec no worker could build."""
        if self.factory is not None:
            if self.components != DEFAULT_COMPONENTS or self.settings:
                raise PropscopeError(
                    f"the analyzer factory {self.factory!r} builds the whole analyzer; it "
                    "cannot be combined with component names or settings. Give one or the "
                    "other."
                )
            self._factory()
            return
        known = registered_components()
        unknown = [name for name in self.components if name not in known]
        if unknown:
            raise UnknownComponentError(
                f"No component named {', '.join(map(repr, unknown))}. "
                f"Available: {', '.join(sorted(known))}."
            )

    def _factory(self) -> Callable[[], Analyzer]:
        assert self.factory is not None
        module_name, _, attr = self.factory.partition(":")
        if not module_name or not attr:
            raise PropscopeError(
                f"analyzer factory {self.factory!r} is not of the form 'package.module:function'."
            )
        try:
            module = importlib.import_module(module_name)
        except ImportError as exc:
            raise PropscopeError(
                f"cannot import {module_name!r} for the analyzer factory {self.factory!r}: "
                f"{exc}. Install the package that holds it, or add its folder to PYTHONPATH "
                "(on every worker)."
            ) from exc
        factory = getattr(module, attr, None)
        if not callable(factory):
            raise PropscopeError(
                f"{module_name!r} has no function {attr!r} (analyzer factory {self.factory!r})."
            )
        return factory  # type: ignore[no-any-return]

    def build(self) -> Analyzer:
        if self.threads is not None:
            for name in THREAD_VARIABLES:
                os.environ.setdefault(name, str(self.threads))
        if self.factory is not None:
            analyzer = self._factory()()
            if not isinstance(analyzer, Analyzer):
                raise PropscopeError(
                    f"the analyzer factory {self.factory!r} returned "
                    f"{type(analyzer).__name__}, not an Analyzer."
                )
            return analyzer
        return Analyzer(self.components, settings=self.settings)


_ANALYZERS: dict[str, Analyzer] = {}
_ANALYZERS_LOCK = threading.Lock()


def cached_analyzer(spec: AnalyzerSpec) -> Analyzer:
    """The analyzer for `spec`, built once per process (Dask may call from several threads)."""
    key = repr(spec)
    with _ANALYZERS_LOCK:
        if key not in _ANALYZERS:
            _ANALYZERS[key] = spec.build()
        return _ANALYZERS[key]


def _message(exc: BaseException) -> str:
    text = str(exc) if isinstance(exc, PropscopeError) else f"{type(exc).__name__}: {exc}"
    text = " ".join(text.split())
    return text if len(text) <= _MESSAGE_LIMIT else text[: _MESSAGE_LIMIT - 1] + "…"


def analyze_chunk(spec: AnalyzerSpec, docs: list[Document]) -> list[Outcome]:
    """Analyze `docs` with the process's analyzer; a document that fails gets an error
    outcome naming the component that raised. Outcomes come in the order of `docs`."""
    analyzer = cached_analyzer(spec)
    outcomes: list[Outcome | None] = [None] * len(docs)

    def on_error(exc: BaseException, doc: Document | None, index: Any) -> None:
        stage = failed_component(exc) or STAGE_ANALYZE
        error = BatchError(stage, _message(exc))
        outcomes[index] = Outcome(docs[index].id, error=error, document=docs[index])

    results = analyzer.pipe(
        ((doc, i) for i, doc in enumerate(docs)),
        as_tuples=True,
        batch_size=spec.batch_size,
        error_handler=on_error,
    )
    for analysis, index in results:  # type: ignore[misc]
        outcomes[index] = Outcome(docs[index].id, analysis=analysis)
    return [o for o in outcomes if o is not None]


def _take(chunks: Iterator[list[Document]]) -> list[Document] | None:
    return next(chunks, None)


# What one worker holds with every layer built: the whole analyzer's peak over the news
# articles is 720-750 MB (docs/speed.md), and a worker holds a chunk's analyses besides.
WORKER_MEMORY = 800 * 2**20


def auto_processes(documents: int | None, *, chunk_size: int = 16) -> int:
    """How many worker processes a run of `documents` still to analyze should start: one
    per core, no more than the free memory holds at `WORKER_MEMORY` each, and one per
    two chunks of the run at most, since a worker costs its start-up (the models loaded,
    2-4 s) before it analyzes anything. Cores and memory are a container's where its
    limits are tighter (`propscope.resources`). 1 means the command's own process, and is the
    answer where the number is not known (standard input: one piped article must not
    start a worker per core)."""
    if documents is None:
        return 1
    processes = available_cores()
    memory = available_memory()
    if memory is not None:
        processes = min(processes, memory // WORKER_MEMORY)
    processes = min(processes, documents // (2 * max(1, chunk_size)))
    return max(1, processes)


class Engine(Protocol):
    def run(self, chunks: Iterator[list[Document]]) -> Iterator[list[Outcome]]: ...

    def close(self) -> None: ...


# --- in this process --------------------------------------------------------------------


class InProcessEngine:
    """One process: the caller's. The analyzer is built before the first chunk is read."""

    def __init__(self, spec: AnalyzerSpec) -> None:
        self.spec = spec
        cached_analyzer(spec)

    def run(self, chunks: Iterator[list[Document]]) -> Iterator[list[Outcome]]:
        for chunk in chunks:
            yield analyze_chunk(self.spec, chunk)

    def close(self) -> None:
        pass


# --- local processes --------------------------------------------------------------------


def _init_worker(parent: int, threads: int) -> None:
    """Runs first in each worker process, before the analyzer (and numpy) is loaded."""
    for name in THREAD_VARIABLES:
        os.environ.setdefault(name, str(threads))
    # Ctrl-C reaches the whole process group; the parent decides what to do about it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def watch_parent() -> None:
        # After `kill -9` of the parent nobody would stop this process: stop by itself.
        while True:
            if os.getppid() != parent:
                os._exit(1)
            threading.Event().wait(1.0)

    threading.Thread(target=watch_parent, daemon=True, name="propscope-parent-watch").start()


def _warm_up(spec: AnalyzerSpec) -> int:
    cached_analyzer(spec)
    return os.getpid()


@dataclass(slots=True)
class _Task:
    docs: list[Document]
    future: Future[list[Outcome]] | None = None
    suspect: bool = False


class ProcessEngine:
    """A pool of `processes` local worker processes, started fresh (spawn), each with
    `threads` threads; outcomes come back in input order.

    When a worker dies (a crash in native code, the kernel's out-of-memory killer), the
    pool is restarted and the chunks that were in flight run again one at a time; a chunk
    that kills a worker alone is split into single documents, and a document that kills
    one alone gets an error outcome (stage "worker"). The other documents are unharmed.
    """

    def __init__(self, spec: AnalyzerSpec, *, processes: int, threads: int) -> None:
        self.spec = spec
        self.processes = processes
        self.threads = threads
        self.window = 2 * processes
        self._pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        pool = ProcessPoolExecutor(
            max_workers=self.processes,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(os.getpid(), self.threads),
        )
        # Build every worker's analyzer now, so a broken setup fails before any work.
        warm = [pool.submit(_warm_up, self.spec) for _ in range(self.processes)]
        for future in warm:
            future.result()
        return pool

    def run(self, chunks: Iterator[list[Document]]) -> Iterator[list[Outcome]]:
        pending: deque[_Task] = deque()
        exhausted = False
        while True:
            while not exhausted and len(pending) < self.window:
                chunk = _take(chunks)
                if chunk is None:
                    exhausted = True
                else:
                    pending.append(_Task(chunk))
            if not pending:
                return
            isolate = any(task.suspect for task in pending)
            for task in list(pending)[: 1 if isolate else self.window]:
                if task.future is None:
                    task.future = self._pool.submit(analyze_chunk, self.spec, task.docs)
            head = pending[0]
            assert head.future is not None
            try:
                outcomes = head.future.result()
            except BrokenProcessPool:
                yield from self._recover(pending, isolate)
                continue
            pending.popleft()
            yield outcomes

    def _recover(self, pending: deque[_Task], isolated: bool) -> Iterator[list[Outcome]]:
        log.warning("a worker process died; restarting the pool and retrying its chunks")
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = self._start()
        if isolated:
            head = pending.popleft()
            if len(head.docs) > 1:
                pending.extendleft(reversed([_Task([doc], suspect=True) for doc in head.docs]))
            else:
                doc = head.docs[0]
                error = BatchError(
                    STAGE_WORKER,
                    "the worker process analyzing this document died (a crash in native code "
                    "or out of memory), with other documents and again alone.",
                )
                yield [Outcome(doc.id, error=error, document=doc)]
        for task in pending:
            if task.future is not None:
                task.suspect = True
            task.future = None

    def close(self) -> None:
        processes = list(getattr(self._pool, "_processes", {}).values())
        self._pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:  # only this pool's own workers
            if process.is_alive():
                process.terminate()


# --- Dask -------------------------------------------------------------------------------


def _distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise missing_dependency(
            "dask[distributed]", feature="The Dask engine", extra="batch"
        ) from None
    return distributed


class DaskEngine:
    """Chunks as Dask tasks, on the cluster at `scheduler` or on a local cluster of
    `workers` processes bound to 127.0.0.1. Outcomes come back as tasks complete.

    Dask reruns the tasks of a worker that dies; a chunk whose task fails for good
    (`KilledWorker`) is retried one document at a time. Dask counts a worker's death
    against every task on it, so a document retried beside the one that kills its
    worker can fail too: such a document is retried once more with nothing else
    running (after the other work), and only a document that fails then gets an error
    outcome (stage "worker").
    """

    def __init__(
        self,
        spec: AnalyzerSpec,
        *,
        scheduler: str | None = None,
        workers: int = 2,
        threads: int = 1,
    ) -> None:
        distributed = _distributed()
        self.spec = spec
        self.cluster = None
        if scheduler is None:
            env = {name: os.environ.get(name, str(threads)) for name in THREAD_VARIABLES}
            self.cluster = distributed.LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                # Its HTTP server (health, metrics) too: loopback, on any free port.
                dashboard_address="127.0.0.1:0",
                silence_logs=logging.ERROR,
                env=env,
            )
            self.client = distributed.Client(self.cluster)
        else:
            try:
                self.client = distributed.Client(scheduler, timeout="30s")
            except OSError as exc:
                raise PropscopeError(
                    f"cannot reach the Dask scheduler at {scheduler}: {exc}. Check the "
                    "address (tcp://HOST:8786) and that the scheduler is running."
                ) from exc
        self._killed_worker = distributed.KilledWorker
        self._as_completed = distributed.as_completed

    def _window(self) -> int:
        workers = self.client.scheduler_info().get("workers", {})
        threads = sum(int(w.get("nthreads", 1)) for w in workers.values())
        return max(4, 2 * threads)

    def run(self, chunks: Iterator[list[Document]]) -> Iterator[list[Outcome]]:
        in_flight: dict[Any, list[Document]] = {}
        completed = self._as_completed()
        window = self._window()
        waiting_alone: list[Document] = []  # failed beside others: retried by themselves
        alone: set[Any] = set()  # the futures that ran with nothing else in flight

        def submit(docs: list[Document]) -> Any:
            future = self.client.submit(analyze_chunk, self.spec, docs, pure=False)
            in_flight[future] = docs
            completed.add(future)
            return future

        for chunk in chunks:
            submit(chunk)
            if len(in_flight) >= window:
                break
        exhausted = len(in_flight) < window
        for future in completed:
            docs = in_flight.pop(future)
            try:
                outcomes = future.result()
            except self._killed_worker:
                if len(docs) > 1:
                    for doc in docs:
                        submit([doc])
                    continue
                if future not in alone:
                    waiting_alone.append(docs[0])
                    outcomes = []
                else:
                    error = BatchError(
                        STAGE_WORKER,
                        "the Dask workers analyzing this document died repeatedly (a crash "
                        "in native code or out of memory), with other documents and again "
                        "alone.",
                    )
                    outcomes = [Outcome(docs[0].id, error=error, document=docs[0])]
            except Exception as exc:
                raise PropscopeError(
                    f"a Dask worker could not run the analysis: {_message(exc)}. Check that "
                    "every worker has propscope installed, at the same version as here, "
                    "with what the analyzer needs."
                ) from exc
            if outcomes:
                yield outcomes
            while not exhausted and len(in_flight) < window:
                more = _take(chunks)
                if more is None:
                    exhausted = True
                else:
                    submit(more)
            if exhausted and not in_flight and waiting_alone:
                alone.add(submit([waiting_alone.pop(0)]))

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
