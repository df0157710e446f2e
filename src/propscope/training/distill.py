"""Soft targets from a teacher model, for distillation into the student.

A teacher is any exported technique model folder (a larger encoder, say, with its own
word pieces). It reads each training article in the shipped model's reading windows
(`INFERENCE_WINDOW`, whatever its own folder says, so every fold's teacher reads alike).
Its O/B/I probabilities are carried onto the student's word pieces by character overlap,
and its technique probabilities are taken for every annotated span. Training then mixes
the gold labels with these (`TrainConfig.distill_weight`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from propscope.encoding import INFERENCE_WINDOW, Window
from propscope.techniques import TECHNIQUE_NAMES
from propscope.training.data import Article, TeacherTargets

__all__ = ["check_teacher_fold", "teacher_targets"]


def teacher_targets(
    articles: Sequence[Article], teacher: Path, *, window: Window = INFERENCE_WINDOW
) -> dict[str, TeacherTargets]:
    """The teacher model folder's probabilities for every article, read in `window`s."""
    from propscope.components.techniques import TechniqueTagger
    from propscope.models.runtime import TechniqueModelRuntime

    runtime = TechniqueModelRuntime(teacher, window=window)
    tagger = TechniqueTagger(runtime=runtime)
    order = [list(runtime.labels).index(name) for name in TECHNIQUE_NAMES]
    out: dict[str, TeacherTargets] = {}
    for b in range(0, len(articles), 8):
        batch = articles[b : b + 8]
        for article, scores in zip(batch, tagger.scores([a.text for a in batch]), strict=True):
            spans = [(start, end) for _, start, end in article.tc]
            probs = runtime.classify_spans(article.text, scores, spans)[:, order]
            out[article.id] = TeacherTargets(
                scores.encoded.offsets, scores.token_probs.astype(np.float32), probs
            )
    return out


def check_teacher_fold(teacher: Path, held_out: Sequence[Article]) -> None:
    """A fold's teacher must not have trained on the fold's held-out articles, or its
    targets pass their labels on: its run (the train_meta.json beside its model folder,
    as `propscope crossval` leaves it) must have held out the same articles."""
    meta_path = teacher.parent / "train_meta.json"
    if not meta_path.is_file():
        raise ValueError(
            f"{teacher} has no {meta_path.name} beside it, so nothing shows which articles "
            "it held out: a cross-validation fold distils only from the same fold of a "
            "teacher's crossval run (--distill-from RUNS, with RUNS/fold<K>/model)."
        )
    earlier = json.loads(meta_path.read_text()).get("held_out_ids") or []
    if sorted(earlier) != sorted(a.id for a in held_out):
        raise ValueError(
            f"{teacher} was trained with other folds than this run: its held-out articles "
            "differ, so it has seen this fold's held-out articles. Distil from the teacher's "
            "crossval run cut with the same --split-seed (RUNS/fold<K>/model)."
        )
