"""Fitting the word prior (`propscope.word_prior`) into model folders: a fold's model
learns it from the fold's training articles only, the shipped model from all of them."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from propscope.training.data import Article, load_ptc
from propscope.word_prior import (
    DEFAULT_C,
    DEFAULT_WEIGHT,
    WORD_PRIOR_FILE,
    WordPrior,
    fit_word_prior,
)

__all__ = ["fold_training_articles", "reading_weight", "trained_on", "write_word_prior"]


def reading_weight(train_config: dict[str, Any] | None) -> float:
    """The weight a model reads its prior with: the one its tagger trained beside
    (`TrainConfig.prior_weight`, from a train_meta.json's or config.json's training
    settings), else the default."""
    return float((train_config or {}).get("prior_weight") or DEFAULT_WEIGHT)


def write_word_prior(
    model_dir: Path,
    articles: Sequence[Article],
    *,
    weight: float = DEFAULT_WEIGHT,
    c: float = DEFAULT_C,
) -> WordPrior:
    """Fit the prior on the labelled `articles` and write it into `model_dir`."""
    labelled = [a for a in articles if a.labelled]
    prior = fit_word_prior([a.text for a in labelled], [a.si for a in labelled], weight=weight, c=c)
    prior.save(model_dir / WORD_PRIOR_FILE)
    return prior


def trained_on(meta: dict[str, Any], articles: dict[str, Article]) -> list[Article]:
    """The articles a checkpoint trained on, as its train_meta.json (`meta`) names them:
    every article of `articles` but the ones it held out, and its extra articles."""
    held = set(meta.get("held_out_ids") or [])
    missing = held - articles.keys()
    if missing:
        raise ValueError(
            f"the checkpoint held out article{min(missing)}, which the data folder lacks: "
            "give the folder it was trained on."
        )
    extra = meta["config"].get("extra_data")
    chosen = [a for i, a in articles.items() if i not in held]
    return chosen + (load_ptc(Path(extra)) if extra else [])


def fold_training_articles(
    fold_dir: Path, articles: dict[str, Article], meta: dict[str, Any] | None = None
) -> list[Article]:
    """The articles a cross-validation fold trained on (`trained_on`); a folder whose
    train_meta.json held out nothing is no fold. `meta` is that file's content, where
    the caller has read it already."""
    if meta is None:
        meta = json.loads((fold_dir / "train_meta.json").read_text())
    if not meta.get("held_out_ids"):
        raise ValueError(
            f"{fold_dir / 'train_meta.json'} holds out no articles: it is not a "
            "cross-validation fold. Give the runs folder of `propscope crossval`."
        )
    return trained_on(meta, articles)
