"""How the shipped ONNX models' sessions are opened, measured (docs/speed.md and
docs/quality.md, "Session 45").

    python bench/bench_sessions.py encoder   # the encoder alone: PyTorch fp32 against int8
    python bench/bench_sessions.py fusion    # the technique model's spans, fusion on and off
    python bench/bench_sessions.py tagger    # the attribution tagger's time, fusion on and off
    python bench/bench_sessions.py ops       # the shipped encoder's time by kind of op

- encoder: the shipped technique encoder on 16 and on 9 real news windows of 128 word
  pieces, PyTorch fp32 (the int8 weights read back, as `bench_techniques.py` does) and
  onnxruntime int8 as the runtime opens it, each in a process of its own (so that no
  engine's spinning threads share the cores with another's), the median of 9 rounds of 5
  runs. Needs the [train] extra.
- fusion: the shipped technique model read through a session with onnxruntime's
  SkipLayerNormalization fusion (as sessions 1-44 ran it) and one without (as shipped):
  SI F1 and TC micro-F1 (on the gold spans) over the PTC training articles, the model's
  own training data, so a comparison of the two, not a score; and how many of the spans
  found in the 400 news articles are the same to the character.
- ops: onnxruntime's own profiler over the shipped encoder, opened as the runtime opens
  it, on 9 real news windows of 126 word pieces (about one article), 30 runs after 3 of
  warm-up: milliseconds a run by kind of op, and the share of each.
- tagger: the attribution tagger's reading (`AttributionTaggerRuntime.probabilities`) of
  the 400 news articles, milliseconds an article, the two sessions alternating three times.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from bench_pages import run_in_process
from bench_techniques import DEFAULT_ARTICLES, load_texts

PTC = Path(__file__).resolve().parents[2] / "shared" / "data" / "ptc-train"
FUSED: list[str] = []  # onnxruntime's default: every fusion on


def _session(path: Path, disabled: list[str]) -> Any:
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    return ort.InferenceSession(
        str(path), options, providers=["CPUExecutionProvider"], disabled_optimizers=disabled
    )


def encoder_alone(engine: str, rows: int) -> dict[str, Any]:
    """Word pieces a second of one engine on `rows` windows, in this process."""
    from bench_engines import windows
    from propscope.models.runtime import DEFAULT_MODEL_DIR, TechniqueModelRuntime

    ids = windows(DEFAULT_MODEL_DIR, DEFAULT_ARTICLES, 16)[:rows]
    mask = np.ones_like(ids)
    if engine == "torch-fp32":
        import torch

        from propscope.training.export import load_exported

        model = load_exported(DEFAULT_MODEL_DIR)

        def run() -> None:
            with torch.inference_mode():
                model(torch.from_numpy(ids), torch.from_numpy(mask))
    else:
        session = TechniqueModelRuntime().session

        def run() -> None:
            session.run(None, {"input_ids": ids, "attention_mask": mask})

    for _ in range(3):
        run()
    seconds = []
    for _ in range(9):
        started = time.perf_counter()
        for _ in range(5):
            run()
        seconds.append((time.perf_counter() - started) / 5)
    return {"engine": engine, "rows": rows, "tokens_per_s": ids.size / statistics.median(seconds)}


def compare_encoders() -> None:
    print("engine | windows | word pieces/s (median)\n--- | --- | ---")
    for rows in (16, 9):
        found = {}
        for engine in ("torch-fp32", "int8"):
            options = ["--engine", engine, "--rows", str(rows)]
            found[engine] = run_in_process(__file__, "encoder", options)
            print(f"{engine} | {rows} | {found[engine]['tokens_per_s']:,.0f}")
        ratio = found["int8"]["tokens_per_s"] / found["torch-fp32"]["tokens_per_s"]
        print(f"int8 / torch-fp32 | {rows} | {ratio:.2f}x")


def compare_fusion() -> None:
    from propscope.components.techniques import TechniqueTagger
    from propscope.io.ptc import (
        list_ptc_articles,
        read_ptc_text,
        read_si_labels,
        read_tc_labels,
    )
    from propscope.models.sessions import DISABLED_OPTIMIZERS
    from propscope.scoring import score_si, score_tc
    from propscope.shared_task import predict_si, predict_tc

    articles = [(i, read_ptc_text(p)) for i, p in list_ptc_articles(PTC / "articles")]
    gold_tc = read_tc_labels(PTC / "train-task-flc-tc.labels")
    gold_si = read_si_labels(PTC / "train-task-si.labels")
    news = [(str(i), t) for i, t in enumerate(load_texts(DEFAULT_ARTICLES, None))]
    found = {}
    print("session | SI F1 (PTC train) | TC micro-F1 (gold spans) | news spans")
    print("--- | --- | --- | ---")
    for name, disabled in (("fused (sessions 1-44)", FUSED), ("unfused", DISABLED_OPTIMIZERS)):
        tagger = TechniqueTagger()
        tagger.runtime.session = _session(tagger.runtime.path / "encoder.onnx", disabled)
        si = score_si(predict_si(tagger, articles), gold_si)
        tc = score_tc(predict_tc(tagger, dict(articles), gold_tc), gold_tc)
        found[name] = set(predict_si(tagger, news))
        print(f"{name} | {si.f1:.4f} | {tc.f1:.4f} | {len(found[name]):,}")
    before, after = found.values()
    print(f"\nnews spans the same to the character: {len(before & after):,} of {len(before):,}")


def compare_tagger() -> None:
    from propscope.models.attribution_tagger import AttributionTaggerRuntime
    from propscope.models.sessions import DISABLED_OPTIMIZERS

    texts = load_texts(DEFAULT_ARTICLES, None)
    tagger = AttributionTaggerRuntime()
    sessions = {
        "fused (sessions 1-44)": _session(tagger.path / "model.onnx", FUSED),
        "unfused": _session(tagger.path / "model.onnx", DISABLED_OPTIMIZERS),
    }
    times: dict[str, list[float]] = {name: [] for name in sessions}
    for _ in range(3):
        for name, session in sessions.items():
            tagger.session = session
            tagger.probabilities(texts[0])  # warm-up
            started = time.perf_counter()
            for text in texts:
                tagger.probabilities(text)
            times[name].append((time.perf_counter() - started) / len(texts) * 1000)
    print("session | ms an article, runs 1 / 2 / 3\n--- | ---")
    for name, ms in times.items():
        print(f"{name} | {' / '.join(f'{m:.1f}' for m in ms)}")


def encoder_ops() -> None:
    import tempfile

    import onnxruntime as ort

    from bench_engines import windows
    from propscope.models.runtime import DEFAULT_MODEL_DIR
    from propscope.models.sessions import DISABLED_OPTIMIZERS

    ids = windows(DEFAULT_MODEL_DIR, DEFAULT_ARTICLES, 16)[:9]
    feed = {"input_ids": ids, "attention_mask": np.ones_like(ids)}
    runs = 30
    with tempfile.TemporaryDirectory() as tmp:
        options = ort.SessionOptions()
        options.intra_op_num_threads = 2
        options.enable_profiling = True
        options.profile_file_prefix = str(Path(tmp) / "encoder")
        session = ort.InferenceSession(
            str(DEFAULT_MODEL_DIR / "encoder.onnx"),
            options,
            providers=["CPUExecutionProvider"],
            disabled_optimizers=DISABLED_OPTIMIZERS,
        )
        for _ in range(3 + runs):
            session.run(None, feed)
        events = json.loads(Path(session.end_profiling()).read_text())
    by_op: dict[str, float] = {}
    # The runs after the warm-up: from the start of the fourth.
    start = sorted(e["ts"] for e in events if e.get("name") == "model_run")[3]
    for e in events:
        if e.get("cat") == "Node" and e["name"].endswith("_kernel_time") and e["ts"] >= start:
            by_op[e["args"]["op_name"]] = by_op.get(e["args"]["op_name"], 0) + e["dur"]
    total = sum(by_op.values())
    print(f"{ids.shape[0]} windows of {ids.shape[1]} word pieces, {runs} runs, 2 threads")
    print("op | ms a run | share\n--- | --- | ---")
    for op, micros in sorted(by_op.items(), key=lambda kv: -kv[1])[:12]:
        print(f"{op} | {micros / runs / 1000:.2f} | {micros / total:.1%}")
    print(f"all ops | {total / runs / 1000:.2f} | 100%")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", nargs="?", choices=("encoder", "fusion", "tagger", "ops"))
    # One engine, in a process of its own (`compare_encoders`).
    parser.add_argument("--way", help=argparse.SUPPRESS)
    parser.add_argument("--engine", help=argparse.SUPPRESS)
    parser.add_argument("--rows", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.way == "encoder":
        print(json.dumps(encoder_alone(args.engine, args.rows)))
        return
    if args.what is None:
        sys.exit("name what to measure: encoder, fusion, tagger or ops")
    {
        "encoder": compare_encoders,
        "fusion": compare_fusion,
        "tagger": compare_tagger,
        "ops": encoder_ops,
    }[args.what]()


if __name__ == "__main__":
    main()
