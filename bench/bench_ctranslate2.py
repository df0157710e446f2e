"""CTranslate2 against the shipped onnxruntime int8 engine, on the same technique encoder.

CTranslate2 is not a dependency of propscope: this measures whether it should become
one. It needs the [train] extra (the shipped weights go back to PyTorch, then through
CTranslate2's converter) and ctranslate2 itself, which can live in a folder of its own:

    pip install --no-deps --target /tmp/ct2pkg ctranslate2==4.8.5
    CT2_PATH=/tmp/ct2pkg python bench/bench_ctranslate2.py

Times CTranslate2 int8, int8 with fp32 activations and fp32, the shipped onnxruntime
int8 file and PyTorch fp32 on the 16 real news windows of 126 word pieces that
bench_engines.py times, interleaved, and prints the median word pieces per second and
each engine's largest difference from PyTorch fp32 in the encoder's output.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from bench_engines import windows
from bench_techniques import DEFAULT_ARTICLES


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    if os.environ.get("CT2_PATH"):
        sys.path.append(os.environ["CT2_PATH"])

    import ctranslate2
    import onnxruntime as ort
    import torch
    from ctranslate2.converters import TransformersConverter
    from tokenizers import Tokenizer
    from transformers import BertTokenizerFast

    from propscope.models.runtime import DEFAULT_MODEL_DIR
    from propscope.training.export import load_exported

    ids = windows(DEFAULT_MODEL_DIR, args.articles)
    mask = np.ones_like(ids)
    torch.set_num_threads(args.threads)
    model = load_exported(DEFAULT_MODEL_DIR)
    tokenizer = Tokenizer.from_file(str(DEFAULT_MODEL_DIR / "tokenizer.json"))
    pieces = [[tokenizer.id_to_token(int(i)) for i in row] for row in ids]
    runs: dict[str, Callable[[], np.ndarray]] = {}
    with torch.inference_mode():
        reference = model(torch.from_numpy(ids), torch.from_numpy(mask))[0].numpy()
        runs["PyTorch fp32"] = lambda: model(torch.from_numpy(ids), torch.from_numpy(mask))[0]
    options = ort.SessionOptions()
    options.intra_op_num_threads = args.threads
    session = ort.InferenceSession(
        str(DEFAULT_MODEL_DIR / "encoder.onnx"), options, providers=["CPUExecutionProvider"]
    )
    feed = {"input_ids": ids, "attention_mask": mask}
    runs["onnxruntime int8 (shipped)"] = lambda: session.run(None, feed)[0]
    with tempfile.TemporaryDirectory() as tmp:
        hf = Path(tmp) / "hf"
        model.encoder.save_pretrained(hf)
        BertTokenizerFast(tokenizer_object=tokenizer).save_pretrained(hf)
        for compute in ("int8", "int8_float32", "float32"):
            folder = Path(tmp) / compute
            quantization = None if compute == "float32" else "int8"
            TransformersConverter(str(hf)).convert(str(folder), quantization=quantization)
            encoder = ctranslate2.Encoder(
                str(folder), device="cpu", compute_type=compute, intra_threads=args.threads
            )
            runs[f"CTranslate2 {compute}"] = lambda e=encoder: np.array(
                e.forward_batch(pieces).last_hidden_state
            )
        times: dict[str, list[float]] = {name: [] for name in runs}
        with torch.inference_mode():
            differences = {
                name: float(np.abs(np.asarray(run()) - reference).max())
                for name, run in runs.items()
            }
            for _ in range(args.repeats):
                for name, run in runs.items():
                    started = time.perf_counter()
                    run()
                    times[name].append(time.perf_counter() - started)
    print(f"{ids.shape[0]} windows of {ids.shape[1]} word pieces, {args.threads} threads")
    print("engine | word pieces/s (median) | largest difference from PyTorch fp32")
    print("--- | ---: | ---:")
    for name, seconds in times.items():
        speed = ids.size / float(np.median(seconds))
        print(f"{name} | {speed:,.0f} | {differences[name]:.2f}")


if __name__ == "__main__":
    main()
