"""Training runs that leave a checkpoint on disk: the full model, or one cross-validation fold."""

from __future__ import annotations

import json
import logging
import random
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from propscope.training.data import Article, load_ptc
from propscope.training.train import TrainConfig, train_model

__all__ = ["CHECKPOINT_NAME", "fold_split", "train_checkpoint"]

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
    on_progress: Callable[[int, int, float], None] | None = None,
) -> Path:
    """Train on `data_dir` (all of it, or all but one fold) and save the weights in `out_dir`."""
    import torch

    articles = load_ptc(data_dir)
    held_out: list[Article] = []
    if fold is not None:
        if folds is None:
            raise ValueError("fold needs folds")
        articles, held_out = split_articles(articles, folds=folds, fold=fold, seed=config.seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    model = train_model(articles, config=config, on_progress=on_progress)
    path = out_dir / CHECKPOINT_NAME
    torch.save(model.state_dict(), path)
    meta = {
        "config": config.to_dict(),
        "data": str(data_dir),
        "train_articles": len(articles),
        "held_out_ids": [a.id for a in held_out],
        "folds": folds,
        "fold": fold,
        "seconds": round(time.monotonic() - started, 1),
    }
    (out_dir / "train_meta.json").write_text(json.dumps(meta, indent=2))
    log.info("saved %s after %.0fs", path, meta["seconds"])
    return path
