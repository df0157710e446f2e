"""Opening the shipped ONNX models: one way for the technique encoder and the
attribution tagger alike.

- Threads: the caller's number, else `PROPSCOPE_THREADS` (set by `propscope batch` for
  its workers, so that N processes share the cores), else the cores a container's CPU
  quota allows, else onnxruntime's default (every core).
- Optimizations: all of onnxruntime's but `DISABLED_OPTIMIZERS`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from propscope.errors import ModelError
from propscope.resources import quota_threads

__all__ = ["DISABLED_OPTIMIZERS", "THREADS_ENV", "open_session", "session_threads"]

THREADS_ENV = "PROPSCOPE_THREADS"

# onnxruntime's fusion of a residual Add into the LayerNormalization after it
# (SkipLayerNormalization) runs slower on CPU than the two ops it replaces, and rounds
# differently from them: without it an encoder computes what its graph says (as with no
# optimization at all), and faster (`bench/bench_engines.py`, `bench/bench_sessions.py`;
# docs/speed.md, session 45).
DISABLED_OPTIMIZERS = ["SkipLayerNormFusion"]


def session_threads(threads: int | None = None) -> int | None:
    """The threads a session gets: `threads`, else `PROPSCOPE_THREADS`, else the cores
    a CPU quota allows where it allows fewer than the machine has (a container's
    `--cpus`), else None (onnxruntime's default: one per core)."""
    if threads:
        return threads
    raw = os.environ.get(THREADS_ENV, "").strip()
    if not raw or raw == "0":
        return quota_threads()
    if not raw.isdigit():
        raise ModelError(
            f"{THREADS_ENV}={raw!r} is not a number of threads: give a whole number such "
            "as 2, or unset it for one thread per core."
        )
    return int(raw)


def open_session(path: Path, threads: int | None = None) -> Any:
    """An onnxruntime session of the model file at `path`, on the CPU."""
    try:
        import onnxruntime as ort
    except ImportError as exc:  # pragma: no cover - a hard dependency
        raise ModelError(f"propscope's runtime dependencies are missing: {exc}") from exc

    options = ort.SessionOptions()
    n_threads = session_threads(threads)
    if n_threads:
        options.intra_op_num_threads = n_threads
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    return ort.InferenceSession(
        str(path),
        options,
        providers=["CPUExecutionProvider"],
        disabled_optimizers=DISABLED_OPTIMIZERS,
    )
