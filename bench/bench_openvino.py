"""OpenVINO against the shipped onnxruntime int8 engine, on the same technique encoder.

OpenVINO is not a dependency of propscope: this measures whether it should become one.
It runs in two steps, because the export needs the [train] extra and OpenVINO wants an
environment of its own:

    # 1. in the project's environment: the shipped weights as an fp32 ONNX file, and the
    #    windows to time (16 real news windows of 126 word pieces, as bench_engines.py)
    python bench/bench_openvino.py export /tmp/ovx
    # 2. in any environment with openvino, nncf, onnxruntime and numpy:
    python3 -m venv /tmp/ov && /tmp/ov/bin/pip install openvino==2026.4.1 nncf==3.4.0 \
        onnxruntime==1.32.0 numpy
    /tmp/ov/bin/python bench/bench_openvino.py time /tmp/ovx

Step 2 quantizes the fp32 graph statically with NNCF (200 other news windows for
calibration, the transformer preset), then times onnxruntime int8 (shipped) and fp32,
OpenVINO fp32 and OpenVINO int8 on the same windows, interleaved, and prints the median
word pieces per second and each engine's largest difference from onnxruntime fp32 in the
encoder's output.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

MODEL = Path(__file__).resolve().parents[1] / "src" / "propscope" / "models" / "techniques-minilm"
WINDOW, STRIDE = 126, 112


def export(out: Path) -> None:
    from tokenizers import Tokenizer

    from bench_techniques import DEFAULT_ARTICLES, load_texts
    from propscope.training.export import export_model, load_exported
    from propscope.training.train import TrainConfig

    config = TrainConfig(**json.loads((MODEL / "config.json").read_text())["train_config"])
    export_model(load_exported(MODEL), out / "fp32", config=config, quantize=False)
    tokenizer = Tokenizer.from_file(str(MODEL / "tokenizer.json"))
    rows: list[list[int]] = []
    for text in load_texts(DEFAULT_ARTICLES, 400):
        ids = tokenizer.encode(text).ids
        rows += [ids[i : i + WINDOW] for i in range(0, len(ids) - WINDOW, STRIDE)]
    np.save(out / "timed.npy", np.array(rows[:16], dtype=np.int64))
    np.save(out / "calibration.npy", np.array(rows[-200:], dtype=np.int64))
    print(f"wrote {out / 'fp32'}, {out / 'timed.npy'}, {out / 'calibration.npy'}")


def feed(names: list[str], ids: np.ndarray) -> dict[str, np.ndarray]:
    return {name: ids if "ids" in name else np.ones_like(ids) for name in names}


def timed(folder: Path, repeats: int) -> None:
    import nncf
    import onnxruntime as ort
    import openvino as ov

    ids = np.load(folder / "timed.npy")
    fp32 = str(folder / "fp32" / "encoder.onnx")
    core = ov.Core()
    model = core.read_model(fp32)
    names = [port.get_any_name() for port in model.inputs]
    calibration = nncf.Dataset(
        list(np.load(folder / "calibration.npy")), lambda row: feed(names, row[None, :])
    )
    int8 = nncf.quantize(model, calibration, model_type=nncf.ModelType.TRANSFORMER, subset_size=200)

    def onnxruntime(path: str) -> Callable[[], np.ndarray]:
        options = ort.SessionOptions()
        options.intra_op_num_threads = 2
        session = ort.InferenceSession(path, options, providers=["CPUExecutionProvider"])
        inputs = feed([i.name for i in session.get_inputs()], ids)
        return lambda: session.run(None, inputs)[0]

    def openvino(graph: object, hint: str) -> Callable[[], np.ndarray]:
        compiled = core.compile_model(
            graph, "CPU", {"INFERENCE_NUM_THREADS": 2, "PERFORMANCE_HINT": hint}
        )
        request = compiled.create_infer_request()
        inputs = feed(names, ids)
        return lambda: request.infer(inputs)[compiled.outputs[0]]

    engines = {
        "onnxruntime int8 (shipped)": onnxruntime(str(MODEL / "encoder.onnx")),
        "onnxruntime fp32": onnxruntime(fp32),
        "openvino fp32, latency": openvino(model, "LATENCY"),
        "openvino fp32, throughput": openvino(model, "THROUGHPUT"),
        "openvino int8 (nncf), latency": openvino(int8, "LATENCY"),
        "openvino int8 (nncf), throughput": openvino(int8, "THROUGHPUT"),
    }
    reference = engines["onnxruntime fp32"]()
    differences = {name: float(np.abs(run() - reference).max()) for name, run in engines.items()}
    seconds: dict[str, list[float]] = {name: [] for name in engines}
    for _ in range(repeats):
        for name, run in engines.items():
            start = time.perf_counter()
            run()
            seconds[name].append(time.perf_counter() - start)
    print(
        f"| engine | word pieces/s (median of {repeats}) "
        "| largest difference from onnxruntime fp32 |"
    )
    print("|---|---:|---:|")
    for name, spent in seconds.items():
        print(f"| {name} | {ids.size / np.median(spent):,.0f} | {differences[name]:.3f} |")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("step", choices=["export", "time"])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--repeats", type=int, default=9)
    args = parser.parse_args()
    if args.step == "export":
        export(args.folder)
    else:
        timed(args.folder, args.repeats)


if __name__ == "__main__":
    main()
