"""Resuming for real: `propscope batch` in a subprocess, killed midway (kill -9 or Ctrl-C),
then run again; every document must end up in the output exactly once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from propscope.batch import read_results

TESTS = Path(__file__).resolve().parent
N_DOCS = 120


def corpus(folder: Path) -> Path:
    folder.mkdir()
    path = folder / "news.jsonl"
    rows = [
        {"id": f"d{i:03d}", "title": f"T{i}", "text": f"Story {i} is SHOCKING.", "source": "S"}
        for i in range(N_DOCS)
    ]
    rows[50]["text"] = "A POISON story."
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def command(inputs: Path, *args: str) -> list[str]:
    return [
        sys.executable, "-m", "propscope.cli", "batch", str(inputs),
        "--analyzer", "batch_fakes:slow_shouter", "--no-progress", "--chunk-size", "4", *args,
    ]  # fmt: skip


def environment(delay: float) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(TESTS), env.get("PYTHONPATH")]))
    env["PROPSCOPE_TEST_DELAY"] = str(delay)
    return env


def done_count(out: Path | None, store: Path | None) -> int:
    try:
        if out is not None and out.suffix == ".jsonl":
            return out.read_bytes().count(b"\n") if out.exists() else 0
        if out is not None:
            parts = out.with_name(out.name + ".parts")
            return len(list(parts.glob("*.parquet"))) * 4 if parts.is_dir() else 0
        assert store is not None
        return sum(1 for _ in read_results(store)) if store.exists() else 0
    except Exception:  # a store being written may be briefly unreadable
        return 0


def children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_until(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


@pytest.mark.parametrize(
    ("output", "store", "processes"),
    [("out.jsonl", None, "2"), ("out.parquet", None, "1"), (None, "runs.db", "1")],
    ids=["jsonl-2-processes", "parquet", "store"],
)
def test_kill_9_midway_then_rerun_gives_every_document_once(tmp_path, output, store, processes):
    if output == "out.parquet":
        pytest.importorskip("pyarrow")
    if not Path("/proc/self/stat").exists():
        pytest.skip("needs /proc to watch the processes")
    inputs = corpus(tmp_path / "in")
    out = tmp_path / output if output else None
    db = tmp_path / store if store else None
    args = ["--processes", processes, "--flush-every", "4"]
    args += ["--output", str(out)] if out else []
    args += ["--store", str(db)] if db else []
    env = environment(delay=0.04)
    first = subprocess.Popen(
        command(inputs, *args),
        env=env,
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        started = wait_until(lambda: done_count(out, db) >= 12, timeout=120)
        workers = children(first.pid)
        assert started, "the run wrote nothing in time: " + (
            first.stderr.read().decode() if first.poll() is not None and first.stderr else ""
        )
        os.kill(first.pid, signal.SIGKILL)
        first.wait(timeout=30)
    finally:
        if first.poll() is None:
            first.kill()
        if first.stderr:
            first.stderr.close()
    assert first.returncode == -signal.SIGKILL
    partial = done_count(out, db)
    assert 0 < partial < N_DOCS
    # Worker processes notice that their parent is gone and stop.
    assert wait_until(lambda: not any(alive(pid) for pid in workers), timeout=10)

    second = subprocess.run(
        command(inputs, *args),
        env=environment(delay=0),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert second.returncode == 1, second.stderr  # 1: the POISON document failed
    assert "already done" in second.stderr
    counts = Counter(r["key"] for r in read_results(out or db))  # type: ignore[arg-type]
    assert set(counts) == {f"d{i:03d}" for i in range(N_DOCS)}
    assert set(counts.values()) == {1}
    statuses = Counter(r["status"] for r in read_results(out or db))  # type: ignore[arg-type]
    assert statuses == {"ok": N_DOCS - 1, "error": 1}


def _answer_ctrl_c() -> None:
    # A shell starts a background job (`./scripts/check &`) with SIGINT ignored, and a
    # child inherits that: the run under test must get Ctrl-C as a terminal gives it.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_stops_cleanly_and_the_rerun_finishes(tmp_path):
    inputs = corpus(tmp_path / "in")
    out = tmp_path / "out.jsonl"
    run = subprocess.Popen(
        command(inputs, "--output", str(out)),
        env=environment(0.04),
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_answer_ctrl_c,
    )
    try:
        assert wait_until(lambda: done_count(out, None) >= 8, timeout=120)
        run.send_signal(signal.SIGINT)
        _, stderr = run.communicate(timeout=60)
    finally:
        if run.poll() is None:
            run.kill()
    assert run.returncode == 130, stderr
    assert "run the same command again" in stderr
    assert out.read_bytes().endswith(b"\n")  # nothing half-written
    rerun = subprocess.run(
        command(inputs, "--output", str(out)),
        env=environment(0),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert rerun.returncode == 1, rerun.stderr
    counts = Counter(r["key"] for r in read_results(out))
    assert len(counts) == N_DOCS and set(counts.values()) == {1}
