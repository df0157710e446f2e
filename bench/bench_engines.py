"""The same technique encoder under other engines and quantisations, on this CPU.

Every variant is made from the model folder's own weights (`load_exported`, int8 weights
dequantized) into a temporary folder, then each runs the same 16 real news windows of
126 word pieces; the runs are interleaved, five times, and the median is printed as
word pieces per second. This is the table "Engines for the same weights on this CPU" of
docs/speed.md (session 13). Needs the [train] extra.

    python bench/bench_engines.py
    python bench/bench_engines.py --threads 1
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from bench_techniques import DEFAULT_ARTICLES, load_texts

WINDOW, STRIDE, ROWS = 126, 112, 16
FUSED = "int8 signed, SkipLayerNormalization fused (sessions 1-44)"


def windows(model_dir: Path, articles: Path, rows: int = ROWS, skip: int = 0) -> np.ndarray:
    """`rows` windows from the articles, after the first `skip` texts."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    found: list[list[int]] = []
    for text in load_texts(articles, skip + 200)[skip:]:
        ids = tokenizer.encode(text).ids
        found += [ids[i : i + WINDOW] for i in range(0, len(ids) - WINDOW, STRIDE)]
        if len(found) >= rows:
            break
    return np.array(found[:rows], dtype=np.int64)


def variants(model_dir: Path, out: Path, calibration: np.ndarray) -> dict[str, Path]:
    """The ONNX files to time, by name; `calibration` holds the windows that static
    quantisation sets its activation ranges on."""
    import onnx
    from onnxruntime.quantization import (
        CalibrationDataReader,
        QuantFormat,
        QuantType,
        quantize_dynamic,
        quantize_static,
    )
    from onnxruntime.quantization.matmul_nbits_quantizer import (
        DefaultWeightOnlyQuantConfig,
        MatMulNBitsQuantizer,
    )
    from onnxruntime.transformers.fusion_options import FusionOptions
    from onnxruntime.transformers.optimizer import optimize_model

    from propscope.training.export import export_model, load_exported
    from propscope.training.train import TrainConfig

    config = TrainConfig(**json.loads((model_dir / "config.json").read_text())["train_config"])
    export_model(load_exported(model_dir), out / "fp32", config=config, quantize=False)
    fp32 = str(out / "fp32" / "encoder.onnx")
    files = {"onnxruntime fp32": Path(fp32), "int8 signed (shipped)": model_dir / "encoder.onnx"}
    default = {"DefaultTensorType": onnx.TensorProto.FLOAT}

    def dynamic(name: str, source: str, **options: object) -> None:
        target = out / f"{len(files)}.onnx"
        quantize_dynamic(source, str(target), **options)  # type: ignore[arg-type]
        files[name] = target

    dynamic("int8 unsigned", fp32, weight_type=QuantType.QUInt8)
    dynamic("int8 unsigned, per channel", fp32, weight_type=QuantType.QUInt8, per_channel=True)
    dynamic("int8 signed, reduce_range", fp32, weight_type=QuantType.QInt8, reduce_range=True)
    for fused, attention in (("optimizer", True), ("optimizer without Attention", False)):
        options = FusionOptions("bert")
        options.enable_attention = attention
        optimized = optimize_model(
            fp32, model_type="bert", num_heads=12, hidden_size=384, opt_level=1,
            optimization_options=options,
        )  # fmt: skip
        path = out / f"{len(files)}.onnx"
        optimized.save_model_to_file(str(path))
        files[f"{fused} -> fp32"] = path
        dynamic(f"{fused} -> int8", str(path), weight_type=QuantType.QInt8, extra_options=default)

    class Windows(CalibrationDataReader):
        def __init__(self) -> None:
            self.batches = iter(
                {"input_ids": rows, "attention_mask": np.ones_like(rows)}
                for rows in np.array_split(calibration, max(1, len(calibration) // 8))
            )

        def get_next(self) -> dict[str, np.ndarray] | None:
            return next(self.batches, None)

    for form, quant_format in (("QOperator", QuantFormat.QOperator), ("QDQ", QuantFormat.QDQ)):
        target = out / f"static-{form}.onnx"
        quantize_static(
            fp32, str(target), Windows(), quant_format=quant_format,
            activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8,
            op_types_to_quantize=["MatMul"],
        )  # fmt: skip
        files[f"static int8 ({form}, calibrated on {len(calibration)} other windows)"] = target
    for bits in (4, 8):
        cfg = DefaultWeightOnlyQuantConfig(
            block_size=32, is_symmetric=True, accuracy_level=4, bits=bits
        )
        quantizer = MatMulNBitsQuantizer(onnx.load(fp32), algo_config=cfg)
        quantizer.process()
        path = out / f"nbits{bits}.onnx"
        quantizer.model.save_model_to_file(str(path), False)
        files[f"MatMulNBits, {bits} bits"] = path
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES)
    parser.add_argument("--model", type=Path, help="model folder (default: the shipped one)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()

    import onnxruntime as ort
    import torch

    from propscope.models.runtime import DEFAULT_MODEL_DIR
    from propscope.models.sessions import DISABLED_OPTIMIZERS
    from propscope.training.export import load_exported

    model_dir = args.model or DEFAULT_MODEL_DIR
    ids = windows(model_dir, args.articles)
    mask = np.ones_like(ids)
    torch.set_num_threads(args.threads)
    runs: dict[str, Callable[[], object]] = {}
    model = load_exported(model_dir)
    runs["PyTorch fp32"] = lambda: model(torch.from_numpy(ids), torch.from_numpy(mask))
    with tempfile.TemporaryDirectory() as tmp:
        calibration = windows(model_dir, args.articles, rows=96, skip=40)
        found = variants(model_dir, Path(tmp), calibration)
        # Every file opens as the runtime opens the shipped one; the shipped file also
        # with the fusion the runtime turns off (sessions 1-44 ran it so).
        opened = [(name, path, DISABLED_OPTIMIZERS) for name, path in found.items()]
        opened.insert(2, (FUSED, found["int8 signed (shipped)"], []))
        for name, path, disabled in opened:
            options = ort.SessionOptions()
            options.intra_op_num_threads = args.threads
            session = ort.InferenceSession(
                str(path),
                options,
                providers=["CPUExecutionProvider"],
                disabled_optimizers=disabled,
            )
            feed = {"input_ids": ids, "attention_mask": mask}
            runs[name] = lambda s=session, f=feed: s.run(None, f)
        times: dict[str, list[float]] = {name: [] for name in runs}
        with torch.inference_mode():
            for run in runs.values():
                run()  # warm-up
            for _ in range(args.repeats):
                for name, run in runs.items():
                    started = time.perf_counter()
                    run()
                    times[name].append(time.perf_counter() - started)
    print(f"{ids.shape[0]} windows of {ids.shape[1]} word pieces, {args.threads} threads")
    print("engine | word pieces/s (median)\n--- | ---")
    for name, seconds in times.items():
        print(f"{name} | {ids.size / float(np.median(seconds)):,.0f}")


if __name__ == "__main__":
    main()
