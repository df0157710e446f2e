"""Cross-validation of the technique model, through the shipped inference path.

Each fold's checkpoint is exported to int8 ONNX exactly as a shipped model is, and
its held-out articles are scored with the shared task's scorer:
- SI: spans decoded with the settings (threshold, smoothing, merging) that score best
  on the *other* folds' held-out predictions (nested, so the reported figure never
  sees its own fold's labels);
- TC: technique of every gold span of the held-out articles.
"""

from __future__ import annotations

import json
import logging
import statistics
from pathlib import Path
from typing import Any

from propscope.components.techniques import TechniqueTagger
from propscope.encoding import INFERENCE_WINDOW, Decoding, Window
from propscope.io.ptc import SiRow, TcRow, format_si_rows, format_tc_rows
from propscope.models.runtime import MODEL_FILES, DocumentScores, TechniqueModelRuntime
from propscope.scoring import score_si, score_tc
from propscope.shared_task import si_rows_from_scores, tc_rows_from_probs
from propscope.training.data import Article, load_ptc
from propscope.training.export import load_checkpoint, replacing_folder, write_model
from propscope.training.run import CHECKPOINT_NAME, META_NAME, RunFolderError, read_meta
from propscope.training.train import CheckpointError, TrainConfig
from propscope.training.word_priors import (
    fold_training_articles,
    reading_weight,
    write_word_prior,
)
from propscope.word_prior import WORD_PRIOR_FILE

__all__ = ["DECODINGS", "evaluate_folds", "held_out_scores"]

log = logging.getLogger("propscope.training")

DECODINGS = tuple(
    Decoding(threshold, smooth, gap, seed)
    for threshold in (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
    for seed in (0.0, 0.4, 0.5, 0.6)
    for smooth in (1, 3)
    for gap in (-1, 10, 25)
    if seed == 0.0 or seed > threshold
)


def held_out_scores(
    fold_dir: Path, articles: dict[str, Article], *, window: Window = INFERENCE_WINDOW
) -> tuple[list[Article], list[DocumentScores], TechniqueTagger]:
    """The fold model's scores for its held-out articles, read in `window`s (exported
    to int8 first, as shipped, when the fold has no model folder yet), and a tagger over
    that model."""
    meta_path = fold_dir / META_NAME
    if not meta_path.is_file():
        raise RunFolderError(
            f"{fold_dir} has no {META_NAME}: it is no fold of a finished `propscope "
            f"crossval` run. Delete {fold_dir} and run crossval again."
        )
    meta = read_meta(meta_path)
    missing = sorted(set(meta.get("held_out_ids") or []) - articles.keys())
    if missing:
        raise ValueError(
            f"{meta_path} held out article{missing[0]}, which the data folder lacks: give "
            f"the folder it was trained on ({meta.get('data') or 'named in that file'})."
        )
    config = TrainConfig(**meta["config"])
    model_dir = fold_dir / "model"
    if not model_dir.exists():
        try:
            model = load_checkpoint(fold_dir / CHECKPOINT_NAME, config)
        except CheckpointError as exc:
            raise CheckpointError(
                f"{exc} For a fold: delete {fold_dir} and run the same crossval command again."
            ) from None
        trained = fold_training_articles(fold_dir, articles, meta)
        # The model and its prior go in together: an interrupted export leaves no fold
        # model that a rerun would take for a whole one.
        with replacing_folder(model_dir) as staging:
            write_model(model, staging, config=config)
            write_word_prior(staging, trained, weight=reading_weight(meta["config"]))
    _check_fold_model(model_dir, meta["config"])
    tagger = TechniqueTagger(runtime=TechniqueModelRuntime(model_dir, window=window))
    held = [articles[i] for i in meta["held_out_ids"]]
    scores: list[DocumentScores] = []
    for b in range(0, len(held), 8):
        scores.extend(tagger.scores([a.text for a in held[b : b + 8]]))
    return held, scores, tagger


def _check_fold_model(model_dir: Path, train_config: dict[str, object]) -> None:
    """Refuse a fold's model folder that lacks some of its files (an export cut short):
    the runtime's files, and the word prior where the tagger trained beside one or
    another fold's model has one."""
    missing = [name for name in MODEL_FILES if not (model_dir / name).is_file()]
    others = model_dir.parent.parent.glob(f"fold*/model/{WORD_PRIOR_FILE}")
    if not (model_dir / WORD_PRIOR_FILE).is_file() and (
        train_config.get("prior_weight") or any(others)
    ):
        missing.append(WORD_PRIOR_FILE)
    if missing:
        raise RunFolderError(
            f"the fold model {model_dir} lacks {', '.join(missing)}: its export stopped "
            f"before the end. Delete {model_dir} (the fold's checkpoint stays) and run the "
            "same command again."
        )


def evaluate_folds(
    data_dir: Path, runs_dir: Path, *, folds: int, window: Window = INFERENCE_WINDOW
) -> dict[str, Any]:
    """Score every fold checkpoint under runs_dir/fold<k>, reading articles in `window`s;
    write predictions and a report."""
    articles = {a.id: a for a in load_ptc(data_dir)}
    si_by_fold: list[dict[Decoding, list[SiRow]]] = []
    gold_si: list[list[SiRow]] = []
    tc_pred: list[list[TcRow]] = []
    tc_gold: list[list[TcRow]] = []
    for k in range(folds):
        fold_dir = runs_dir / f"fold{k}"
        held, scores, tagger = held_out_scores(fold_dir, articles, window=window)
        by_decoding: dict[Decoding, list[SiRow]] = {d: [] for d in DECODINGS}
        template: list[TcRow] = []
        for article, doc_scores in zip(held, scores, strict=True):
            for d in DECODINGS:
                by_decoding[d].extend(
                    si_rows_from_scores(article.id, article.text, doc_scores, decoding=d)
                )
        gold_si.append([SiRow(a.id, s, e) for a in held for s, e in a.si])
        template = [TcRow(a.id, tech, s, e) for a in held for tech, s, e in a.tc]
        probs_rows = []
        for article, doc_scores in zip(held, scores, strict=True):
            spans = [(s, e) for _, s, e in article.tc]
            probs_rows.append(tagger.runtime.classify_spans(article.text, doc_scores, spans))
        import numpy as np

        probs = np.concatenate(probs_rows) if probs_rows else np.zeros((0, 14))
        tc_pred.append(tc_rows_from_probs(template, probs, tagger.labels))
        tc_gold.append(template)
        si_by_fold.append(by_decoding)
        log.info("fold %d scored: %d held-out articles", k, len(held))
    return _report(runs_dir, folds, si_by_fold, gold_si, tc_pred, tc_gold, window)


def _report(
    runs_dir: Path,
    folds: int,
    si_by_fold: list[dict[Decoding, list[SiRow]]],
    gold_si: list[list[SiRow]],
    tc_pred: list[list[TcRow]],
    tc_gold: list[list[TcRow]],
    window: Window,
) -> dict[str, Any]:
    f1_at = [
        {d: score_si(si_by_fold[k][d], gold_si[k]).f1 for d in DECODINGS} for k in range(folds)
    ]
    per_fold: list[dict[str, Any]] = []
    si_f1: list[float] = []
    tc_f1: list[float] = []
    all_si: list[SiRow] = []
    for k in range(folds):
        # Nested choice: the decoding that is best on the other folds.
        others = [f1_at[j] for j in range(folds) if j != k]
        chosen = max(DECODINGS, key=lambda d: statistics.mean(o[d] for o in others))
        si = score_si(si_by_fold[k][chosen], gold_si[k])
        tc = score_tc(tc_pred[k], tc_gold[k])
        all_si.extend(si_by_fold[k][chosen])
        si_f1.append(si.f1)
        tc_f1.append(tc.f1)
        per_fold.append(
            {
                "fold": k,
                "decoding": chosen.to_config(),
                "si": si.to_dict(),
                "tc_micro_f1": round(tc.f1, 4),
            }
        )
    best_overall = max(DECODINGS, key=lambda d: statistics.mean(f[d] for f in f1_at))
    pooled_tc = score_tc(
        [r for fold in tc_pred for r in fold], [r for fold in tc_gold for r in fold]
    )
    meta_path = runs_dir / "fold0" / "train_meta.json"
    meta = json.loads(meta_path.read_text()) if meta_path.is_file() else {}
    report = {
        "folds": folds,
        # The seed that cut the folds and the data they hold: the model card names them.
        "split_seed": meta.get("split_seed"),
        "data": meta.get("data"),
        "window": {"tokens": window.tokens, "stride": window.stride},
        "si_f1_mean": round(statistics.mean(si_f1), 4),
        "si_f1_std": round(statistics.pstdev(si_f1), 4),
        "tc_micro_f1_mean": round(statistics.mean(tc_f1), 4),
        "tc_micro_f1_std": round(statistics.pstdev(tc_f1), 4),
        "per_fold": per_fold,
        "si_f1_by_decoding": {
            f"t={d.threshold} seed={d.seed} smooth={d.smooth} gap={d.merge_gap}": round(
                statistics.mean(f[d] for f in f1_at), 4
            )
            for d in DECODINGS
        },
        "decoding_for_shipping": best_overall.to_config(),
        "tc_pooled": pooled_tc.to_dict(),
    }
    (runs_dir / "crossval.json").write_text(json.dumps(report, indent=2) + "\n")
    (runs_dir / "crossval-si.pred").write_text(format_si_rows(all_si))
    (runs_dir / "crossval-tc.pred").write_text(format_tc_rows(r for f in tc_pred for r in f))
    return report
