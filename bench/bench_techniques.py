"""Speed and memory of the technique layer, against plain PyTorch fp32.

Each engine runs in its own process (so peak memory is its own) over the same articles,
and the table compares them:

- propscope-int8: the shipped model, as `propscope analyze` runs it (onnxruntime int8);
- torch-fp32-plain: the same fine-tuned model run the way a user would write it:
                  transformers and PyTorch fp32, one article at a time (its windows as one
                  batch), same windows and decoding. The baseline of the "vs torch" column.
- analyzer-all:   every default layer of the analyzer, with each layer's cost (the
                  parse starts ahead, beside the technique layer, as the Analyzer runs
                  it: the technique layer's milliseconds include sharing the cores);
- analyzer-all-sequential: the same with the parse in turn (`propscope.nlp.PARSE_AHEAD`
                  off), the way the analyzer ran before session 40;
- analyzer-all-kept: analyzer-all with spaCy's vocabulary kept after each batch
                  (`propscope.nlp.TRANSIENT_PARSES` off), the way it ran before session 51;
- onnx-fp32:      the same weights exported without quantisation (onnxruntime fp32);
- torch-fp32:     PyTorch fp32 with propscope's batching (windows of 8 articles sorted by
                  length, 16 rows a run): how much of the gain is the engine alone.

The default is the first three, side by side. The PyTorch engines need the [train]
extra. They run the training checkpoint when given one (`--checkpoint`; `propscope
train` keeps it in OUTPUT/checkpoint/checkpoint.pt), and otherwise the model folder's
own weights read back into PyTorch fp32 (`propscope.training.export.load_exported`, the
int8 weights dequantized): the same network doing the same work, so a fresh install
measures the ratio without training anything.

    python bench/bench_techniques.py                       # the shipped model, 400 articles
    python bench/bench_techniques.py --checkpoint runs/stage3/checkpoint/checkpoint.pt \
        --engines propscope-int8,onnx-fp32,torch-fp32,torch-fp32-plain
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_ARTICLES = ROOT.parent / "shared" / "data" / "news-unlabeled"


def load_texts(folder: Path, limit: int | None) -> list[str]:
    from propscope.io.ptc import list_ptc_articles, read_ptc_text

    found = list_ptc_articles(folder)
    if not found:
        sys.exit(f"no article<ID>.txt files in {folder}")
    return [read_ptc_text(path) for _, path in found[:limit]]


def peak_rss_mb() -> float:
    # VmHWM belongs to this process's memory and starts afresh at exec; ru_maxrss would
    # carry over the parent's peak (Linux keeps it across execve).
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def torch_model(checkpoint: Path | None, model_dir: Path):  # type: ignore[no-untyped-def]
    """The fine-tuned model in PyTorch fp32: the checkpoint's weights when given one, else
    the model folder's own (dequantized when int8)."""
    from propscope.training.export import load_checkpoint, load_exported
    from propscope.training.train import TrainConfig

    if checkpoint is None:
        return load_exported(model_dir)
    # The model folder's training settings name the encoder the checkpoint needs.
    config = json.loads((model_dir / "config.json").read_text())
    return load_checkpoint(checkpoint, TrainConfig(**config["train_config"]))


def torch_runtime(checkpoint: Path | None, model_dir: Path):  # type: ignore[no-untyped-def]
    """The plain baseline's engine: the fine-tuned model in PyTorch fp32, through the
    same windows, span classifier and decoding as the shipped runtime (no onnxruntime
    session is opened). The span classifier's products run on one BLAS thread, as in
    the runtime: until session 45 numpy's spinning BLAS threads took a core from every
    PyTorch run after them, a handicap a head written in PyTorch would not have had
    (docs/speed.md, "Session 45")."""
    import torch

    from propscope.models.runtime import TechniqueModelRuntime

    class TorchRuntime(TechniqueModelRuntime):
        def _open_session(self, threads: int | None) -> object:
            self.model = torch_model(checkpoint, model_dir)
            return None

        def info(self) -> dict[str, str]:
            return {"name": "torch-fp32", "version": "bench"}

        def _infer(self, ids, mask):  # type: ignore[no-untyped-def]
            with torch.inference_mode():
                hidden, logits = self.model(torch.from_numpy(ids), torch.from_numpy(mask))
                return hidden.numpy(), torch.softmax(logits, -1).numpy()

    return TorchRuntime(model_dir)


def run_engine(engine: str, args: argparse.Namespace) -> dict[str, float | int | str]:
    from propscope.analysis import Analysis
    from propscope.components.techniques import TechniqueTagger
    from propscope.document import Document
    from propscope.models.runtime import DEFAULT_MODEL_DIR, TechniqueModelRuntime

    texts = load_texts(Path(args.articles), args.limit)
    model_dir = Path(args.model) if args.model else DEFAULT_MODEL_DIR
    if engine == "propscope-int8":
        runtime = TechniqueModelRuntime(model_dir)
    elif engine == "onnx-fp32":
        runtime = TechniqueModelRuntime(Path(args.fp32_model))
    elif engine in ("torch-fp32", "torch-fp32-plain"):
        checkpoint = Path(args.checkpoint) if args.checkpoint else None
        runtime = torch_runtime(checkpoint, model_dir)
    elif engine in ("analyzer-all", "analyzer-all-sequential", "analyzer-all-kept"):
        import propscope.nlp

        propscope.nlp.PARSE_AHEAD = engine != "analyzer-all-sequential"
        propscope.nlp.TRANSIENT_PARSES = engine != "analyzer-all-kept"
        return {**run_analyzer(args, texts, model_dir), "engine": engine}
    else:
        raise SystemExit(f"unknown engine {engine}")
    tagger = TechniqueTagger(runtime=runtime)  # type: ignore[arg-type]
    batch_size = 1 if engine == "torch-fp32-plain" else args.batch
    docs = [Document.from_text(t) for t in texts]
    n_tokens = sum(len(runtime.tokenizer.encode(t, add_special_tokens=False).ids) for t in texts)
    tagger([docs[0]], [Analysis(document=docs[0])])  # warm-up, not timed
    started = time.perf_counter()
    spans = 0
    for b in range(0, len(docs), batch_size):
        batch = docs[b : b + batch_size]
        analyses = [Analysis(document=d) for d in batch]
        tagger(batch, analyses)
        spans += sum(len(a.techniques or []) for a in analyses)
    seconds = time.perf_counter() - started
    return {
        "engine": engine,
        "articles": len(docs),
        "tokens": n_tokens,
        "seconds": round(seconds, 2),
        "articles_per_s": round(len(docs) / seconds, 2),
        "tokens_per_s": round(n_tokens / seconds),
        "peak_rss_mb": round(peak_rss_mb()),
        "spans": spans,
    }


def run_analyzer(
    args: argparse.Namespace, texts: list[str], model_dir: Path
) -> dict[str, float | int | str]:
    """Every default layer, timed one component at a time, each batch prepared first as
    the Analyzer prepares it (`Component.prepare`: the parse starts ahead) and run in
    `transient_parses` as the Analyzer runs it (what the batch's parse adds to spaCy's
    vocabulary is freed after it; the time to free it counts in no layer, only in the
    whole)."""
    from propscope.analysis import Analysis
    from propscope.document import Document
    from propscope.nlp import transient_parses
    from propscope.pipeline import Analyzer

    analyzer = Analyzer(settings={"techniques": {"model": model_dir}})
    components = [(name, analyzer.get(name)) for name in analyzer.component_names]
    docs = [Document.from_text(t) for t in texts]
    warm = [Analysis(document=docs[0])]
    for _, component in components:
        component([docs[0]], warm)
    per_layer = {name: 0.0 for name, _ in components}
    started = time.perf_counter()
    for b in range(0, len(docs), args.batch):
        batch = docs[b : b + args.batch]
        analyses = [Analysis(document=d) for d in batch]
        with transient_parses():
            for name, component in components:
                prepare = getattr(component, "prepare", None)
                if callable(prepare):
                    t0 = time.perf_counter()
                    prepare(batch)
                    per_layer[name] += time.perf_counter() - t0
            for name, component in components:
                t0 = time.perf_counter()
                component(batch, analyses)
                per_layer[name] += time.perf_counter() - t0
    seconds = time.perf_counter() - started
    n_tokens = sum(len(t.split()) for t in texts)
    return {
        "engine": "analyzer-all",
        "articles": len(docs),
        "tokens": n_tokens,
        "seconds": round(seconds, 2),
        "articles_per_s": round(len(docs) / seconds, 2),
        "tokens_per_s": round(n_tokens / seconds),
        "peak_rss_mb": round(peak_rss_mb()),
        "layers": {k: round(v / len(docs) * 1000, 1) for k, v in per_layer.items()},
    }


def export_fp32(args: argparse.Namespace) -> str:
    """The same model exported without quantisation, once, outside the timed runs."""
    from propscope.encoding import Window
    from propscope.models.runtime import DEFAULT_MODEL_DIR
    from propscope.training.export import export_model
    from propscope.training.train import TrainConfig

    model_dir = Path(args.model) if args.model else DEFAULT_MODEL_DIR
    config = json.loads((model_dir / "config.json").read_text())
    out = Path(tempfile.mkdtemp(prefix="propscope-fp32-"))
    train_config = TrainConfig(**config["train_config"])
    checkpoint = Path(args.checkpoint) if args.checkpoint else None
    export_model(
        torch_model(checkpoint, model_dir),
        out,
        config=train_config,
        quantize=False,
        window=Window.from_config(config),
    )
    return str(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", default=str(DEFAULT_ARTICLES))
    parser.add_argument(
        "--checkpoint",
        help="training checkpoint for the fp32 engines (default: the model folder's weights)",
    )
    parser.add_argument("--model", help="model folder (default: the shipped one)")
    parser.add_argument("--engines", default="propscope-int8,torch-fp32-plain,analyzer-all")
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--batch", type=int, default=8, help="articles per batch")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # internal: run one engine
    parser.add_argument("--fp32-model", help=argparse.SUPPRESS)  # internal
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_engine(args.one, args)))
        return
    engines = args.engines.split(",")
    if importlib.util.find_spec("torch") is None and any("fp32" in e for e in engines):
        engines = [e for e in engines if "fp32" not in e]
        print("no PyTorch: no fp32 engines (pip install -e '.[train]' for them)", file=sys.stderr)
    if args.checkpoint is None and any("fp32" in e for e in engines):
        print("no --checkpoint: the fp32 engines run the model folder's weights", file=sys.stderr)
    extra: list[str] = []
    if "onnx-fp32" in engines:
        extra = ["--fp32-model", export_fp32(args)]
    rows = []
    for engine in engines:
        cmd = [sys.executable, __file__, "--one", engine, *sys.argv[1:], *extra]
        done = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ})
        if done.returncode != 0:
            sys.exit(f"{engine} failed:\n{done.stderr[-3000:]}")
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
    base = next((r for r in rows if r["engine"] == "torch-fp32-plain"), None)
    print("tokens: word pieces for the technique engines, words for analyzer-all")
    header = [
        "engine",
        "articles",
        "seconds",
        "articles/s",
        "tokens/s",
        "peak MB",
        "vs plain torch",
    ]
    print(f"cpus: {os.cpu_count()}  articles: {rows[0]['articles']}  tokens: {rows[0]['tokens']}")
    print(" | ".join(header))
    print(" | ".join("---" for _ in header))
    for r in rows:
        ratio = f"{r['articles_per_s'] / base['articles_per_s']:.2f}x" if base else "n/a"
        print(
            f"{r['engine']} | {r['articles']} | {r['seconds']} | {r['articles_per_s']} | "
            f"{r['tokens_per_s']} | {r['peak_rss_mb']} | {ratio}"
        )
    for r in rows:
        if "layers" in r:
            layers = ", ".join(f"{k} {v} ms" for k, v in r["layers"].items())
            print(f"{r['engine']}, milliseconds per article by layer: {layers}")


if __name__ == "__main__":
    main()
