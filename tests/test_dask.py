"""The Dask engine on a local cluster bound to 127.0.0.1: same records as the local engine,
and a worker killed midway loses and repeats nothing."""

from __future__ import annotations

import json
import os
import signal
import threading
from collections import Counter
from pathlib import Path

import pytest

from propscope.batch import AnalyzerSpec, read_results, run_batch
from propscope.batch.engines import DaskEngine
from propscope.batch.records import Outcome

distributed = pytest.importorskip("distributed")

TESTS = Path(__file__).resolve().parent


@pytest.fixture(scope="module")
def cluster():
    # Workers are fresh processes: they find batch_fakes through PYTHONPATH.
    previous = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(TESTS), previous]))
    os.environ["PROPSCOPE_TEST_DELAY"] = "0.02"
    local = distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address="127.0.0.1:0",
    )
    try:
        yield local
    finally:
        local.close()
        if previous is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = previous
        os.environ.pop("PROPSCOPE_TEST_DELAY", None)


def corpus(path: Path, n: int) -> Path:
    rows = [
        {"id": f"d{i:03d}", "text": f"Story {i} is OUTRAGEOUS.", "source": f"S{i % 3}"}
        for i in range(n)
    ]
    rows[min(7, n - 1)]["text"] = "A POISON story."
    lines = [json.dumps(r) for r in rows] + ["{broken"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def sorted_records(path: Path) -> list[str]:
    return sorted(json.dumps(r, sort_keys=True) for r in read_results(path))


def test_dask_writes_the_same_records_as_the_local_engine(tmp_path, cluster):
    inputs = [corpus(tmp_path / "news.jsonl", 40)]
    spec = AnalyzerSpec(factory="batch_fakes:shouter")
    run_batch(inputs, output=tmp_path / "local.jsonl", analyzer=spec)
    summary = run_batch(
        inputs,
        output=tmp_path / "dask.jsonl",
        analyzer=spec,
        engine="dask",
        scheduler=cluster.scheduler_address,
        chunk_size=3,
    )
    assert (summary.analyzed, summary.failed) == (39, 2)
    assert sorted_records(tmp_path / "dask.jsonl") == sorted_records(tmp_path / "local.jsonl")
    again = run_batch(
        inputs,
        output=tmp_path / "dask.jsonl",
        analyzer=spec,
        engine="dask",
        scheduler=cluster.scheduler_address,
    )
    assert (again.analyzed, again.skipped) == (0, 41)


def test_killing_a_worker_midway_loses_and_repeats_nothing(tmp_path, cluster):
    n = 160
    inputs = [corpus(tmp_path / "news.jsonl", n)]
    spec = AnalyzerSpec(factory="batch_fakes:slow_shouter")
    client = distributed.Client(cluster.scheduler_address)
    killed: list[int] = []
    lock = threading.Lock()

    def kill_one_worker(summary):
        with lock:
            if killed or summary.analyzed < 30:
                return
            pids = client.run(os.getpid)  # {worker address: pid}
            victim = sorted(pids.values())[0]
            os.kill(victim, signal.SIGKILL)
            killed.append(victim)

    try:
        summary = run_batch(
            inputs,
            output=tmp_path / "out.jsonl",
            analyzer=spec,
            engine="dask",
            scheduler=cluster.scheduler_address,
            chunk_size=4,
            on_progress=kill_one_worker,
        )
    finally:
        client.close()
    assert killed, "no worker was killed: the run ended too soon"
    assert not summary.interrupted
    counts = Counter(r["key"] for r in read_results(tmp_path / "out.jsonl"))
    assert set(counts.values()) == {1}
    assert len(counts) == n + 1  # every document and the broken line, once each
    statuses = Counter(r["status"] for r in read_results(tmp_path / "out.jsonl"))
    assert statuses == {"ok": n - 1, "error": 2}


def test_a_local_cluster_is_started_on_loopback_when_no_scheduler_is_given(tmp_path, cluster):
    inputs = [corpus(tmp_path / "news.jsonl", 6)]
    summary = run_batch(
        inputs,
        output=tmp_path / "out.jsonl",
        analyzer=AnalyzerSpec(factory="batch_fakes:shouter"),
        engine="dask",
        processes=1,
    )
    assert (summary.analyzed, summary.failed) == (5, 2)
    engine = DaskEngine(AnalyzerSpec(factory="batch_fakes:shouter"), workers=1)
    try:
        assert engine.cluster is not None
        assert engine.cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        addresses = engine.client.scheduler_info()["workers"]
        assert addresses and all(a.startswith("tcp://127.0.0.1:") for a in addresses)
    finally:
        engine.close()


class _Killed(Exception):
    """Stands for distributed.KilledWorker."""


class _FakeFuture:
    def __init__(self, docs, fails: bool) -> None:
        self.docs, self.fails = docs, fails

    def result(self):
        from propscope.analysis import Analysis

        if self.fails:
            raise _Killed()
        return [Outcome(d.id, analysis=Analysis(document=d)) for d in self.docs]


class _FakeClient:
    """Dask as the audit saw it: a task holding the KILL document dies, and so does any
    task that was in flight beside it (a worker's death counts against all its tasks)."""

    def __init__(self) -> None:
        self.pending: list[_FakeFuture] = []
        self.submitted: list[list[str]] = []

    def submit(self, function, spec, docs, pure):
        killer_running = any("KILL" in d.text for f in self.pending for d in f.docs if not f.done)
        kills = any("KILL" in d.text for d in docs)
        future = _FakeFuture(docs, fails=kills or killer_running)
        future.done = False
        if kills:  # it takes down whatever else is running with it
            for other in self.pending:
                if not other.done:
                    other.fails = True
        self.pending.append(future)
        self.submitted.append([d.id for d in docs])
        return future

    def scheduler_info(self):
        return {"workers": {"w1": {"nthreads": 1}, "w2": {"nthreads": 1}}}


class _FakeAsCompleted:
    def __init__(self) -> None:
        self.queue: list[_FakeFuture] = []

    def add(self, future) -> None:
        self.queue.append(future)

    def __iter__(self):
        while self.queue:
            future = self.queue.pop(0)
            future.done = True
            yield future


def test_a_document_that_failed_beside_the_killer_is_retried_alone_not_failed() -> None:
    from propscope.document import Document

    engine = object.__new__(DaskEngine)
    engine.spec = None
    engine.client = _FakeClient()
    engine._killed_worker = _Killed
    engine._as_completed = _FakeAsCompleted
    docs = [Document.from_text(t, id=f"n{i}") for i, t in enumerate(["ok", "KILL", "fine"])]
    outcomes = [o for batch in engine.run(iter([docs])) for o in batch]
    by_key = {o.key: o for o in outcomes}
    assert sorted(by_key) == ["n0", "n1", "n2"] and len(outcomes) == 3
    assert by_key["n1"].error is not None and by_key["n1"].error.stage == "worker"
    assert by_key["n0"].error is None and by_key["n2"].error is None  # innocent neighbours
    # The chunk, then each document, then those that failed beside the killer, one by one.
    assert engine.client.submitted[:4] == [["n0", "n1", "n2"], ["n0"], ["n1"], ["n2"]]
