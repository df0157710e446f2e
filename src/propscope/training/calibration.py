"""Fit what the technique layer learns after training, and measure it, on the held-out
predictions of cross-validation models: the technique stacker (surface features' say on
the technique) and per-technique offsets to the classifier's priors (both measured with
the shared task's TC scorer), then the confidence calibration.

Every fold model of `propscope crossval` labels its held-out articles exactly as the
shipped layer does (its decoding, its first and second techniques). A labelled span is
*right* when a gold span of the same technique overlaps it by at least one character:
the reader's question "does this passage use this technique?".

Two figures say how far a score can be taken at its word, both over pooled held-out
spans:
- the reliability table: spans binned by score, with the share of each bin that is
  right;
- the expected calibration error (ECE): the mean gap between score and share right,
  weighted by bin size.
Everything in the report is nested: each fold is scored with a stacker, offsets and a
calibration fitted on the other folds only.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from propscope.calibration import FEATURES, Calibration, calibration_features
from propscope.components.techniques import SpanPrediction, TechniqueTagger
from propscope.encoding import INFERENCE_WINDOW, Decoding, Window
from propscope.io.ptc import TcRow
from propscope.stacking import STACK_FEATURES, TechniqueStacker, stack_features
from propscope.training.data import Article

__all__ = [
    "HeldOutFold",
    "HeldOutSpan",
    "HeldOutTechniques",
    "calibration_report",
    "expected_calibration_error",
    "fit_calibration",
    "fit_technique_offsets",
    "fit_technique_stacker",
    "held_out_spans",
    "is_right",
    "isotonic_curve",
    "label_held_out",
    "nested_offsets",
    "read_held_out",
    "reliability_table",
    "techniques_report",
]

log = logging.getLogger("propscope.training")


@dataclass(frozen=True, slots=True)
class HeldOutSpan:
    fold: int
    article_id: str
    start: int
    end: int
    technique: str
    span_probability: float
    technique_probability: float
    rank: int
    right: bool

    @property
    def raw_score(self) -> float:
        """The uncalibrated score: span probability times technique probability."""
        return self.span_probability * self.technique_probability

    def features(self) -> list[float]:
        return calibration_features(
            self.span_probability,
            self.technique_probability,
            rank=self.rank,
            chars=self.end - self.start,
        )


def is_right(start: int, end: int, technique: str, gold: Sequence[tuple[str, int, int]]) -> bool:
    """True when a gold (technique, start, end) of the same technique overlaps [start, end)."""
    return any(t == technique and s < end and start < e for t, s, e in gold)


@dataclass(slots=True)
class HeldOutFold:
    """What one fold model says of its held-out articles, read once: its spans, decoded
    as shipped, with technique probabilities before any offsets; and its technique
    probabilities for the gold spans."""

    fold: int
    tagger: TechniqueTagger
    articles: list[Article]
    predictions: list[SpanPrediction]
    techniques: HeldOutTechniques


def read_held_out(
    data_dir: Path,
    runs_dir: Path,
    *,
    folds: int,
    decoding: Decoding,
    window: Window = INFERENCE_WINDOW,
    lexicon: bool = False,
    views: Sequence[float] = (),
) -> list[HeldOutFold]:
    """Run each fold model over its held-out articles once, reading them in `window`s
    and decoding with `decoding`: as the model being calibrated reads and decodes.
    With `lexicon`, each fold also gets a technique lexicon fitted on its own training
    articles, and its log-probabilities for the gold spans. With `views`, the gold spans
    are also read in windows placed around each (`TechniqueModelRuntime.classify_spans`),
    as the model reads the spans a caller gives."""
    from propscope.technique_lexicon import fit_technique_lexicon
    from propscope.training.crossval import held_out_scores
    from propscope.training.data import load_ptc
    from propscope.training.word_priors import fold_training_articles

    articles = {a.id: a for a in load_ptc(data_dir)}
    out = []
    for k in range(folds):
        fold_dir = runs_dir / f"fold{k}"
        held, scores, tagger = held_out_scores(fold_dir, articles, window=window)
        fold_lexicon = None
        if lexicon:
            trained = fold_training_articles(fold_dir, articles)
            fold_lexicon = fit_technique_lexicon(
                [(a.text, a.tc) for a in trained if a.labelled], tagger.labels
            )
        tagger.runtime.technique_offsets = None
        tagger.decoding = decoding
        predictions, template, probs, surface, lexical, viewed = [], [], [], [], [], []
        for article, doc_scores in zip(held, scores, strict=True):
            predictions.append(tagger.decode(article.text, doc_scores))
            template += [TcRow(article.id, t, s, e) for t, s, e in article.tc]
            spans = [(s, e) for _, s, e in article.tc]
            probs.append(tagger.runtime.classify_spans(article.text, doc_scores, spans))
            if views:
                viewed.append(
                    tagger.runtime.classify_spans(article.text, doc_scores, spans, views=views)
                )
            surface.append(_surface(article.text, spans))
            if fold_lexicon is not None:
                lexical.append(fold_lexicon.log_probs(article.text, spans))
        n_labels = len(tagger.labels)
        techniques = HeldOutTechniques(
            k,
            template,
            np.concatenate(probs) if probs else np.zeros((0, n_labels)),
            np.concatenate(surface) if surface else np.zeros((0, len(STACK_FEATURES))),
            None if fold_lexicon is None else np.concatenate(lexical).reshape(-1, n_labels),
            np.concatenate(viewed).reshape(-1, n_labels) if views else None,
        )
        out.append(HeldOutFold(k, tagger, held, predictions, techniques))
    return out


def _surface(text: str, spans: Sequence[tuple[int, int]]) -> np.ndarray:
    """The stacker's features of `spans` of `text`: (n, len(STACK_FEATURES))."""
    lowered = text.lower()
    rows = [stack_features(text, s, e, lowered_text=lowered) for s, e in spans]
    return np.asarray(rows, dtype=np.float64).reshape(len(rows), len(STACK_FEATURES))


def label_held_out(
    read: Sequence[HeldOutFold],
    *,
    second_technique: float = 0.35,
    offsets: Sequence[np.ndarray | None] | None = None,
) -> list[HeldOutSpan]:
    """Label each fold's spans as the shipped layer would (with `offsets[k]` as fold k's
    technique offsets), and mark each labelled span right or wrong."""
    from propscope.models.runtime import shift_probabilities

    spans: list[HeldOutSpan] = []
    for fold in read:
        k = fold.fold
        tagger = fold.tagger
        tagger.second_technique = second_technique
        shift = offsets[k] if offsets is not None else None
        for article, pred in zip(fold.articles, fold.predictions, strict=True):
            shifted = SpanPrediction(pred.spans, shift_probabilities(pred.technique_probs, shift))
            for span in tagger.labelled(shifted):
                spans.append(
                    HeldOutSpan(
                        fold=k,
                        article_id=article.id,
                        start=span.start,
                        end=span.end,
                        technique=span.technique,
                        span_probability=span.span_probability,
                        technique_probability=span.technique_probability,
                        rank=span.rank,
                        right=is_right(span.start, span.end, span.technique, article.tc),
                    )
                )
        log.info("fold %d: %d labelled held-out spans", k, sum(s.fold == k for s in spans))
    return spans


def held_out_spans(
    data_dir: Path,
    runs_dir: Path,
    *,
    folds: int,
    decoding: Decoding,
    second_technique: float = 0.35,
    offsets: Sequence[np.ndarray | None] | None = None,
    window: Window = INFERENCE_WINDOW,
) -> list[HeldOutSpan]:
    """`read_held_out`, then `label_held_out`."""
    read = read_held_out(data_dir, runs_dir, folds=folds, decoding=decoding, window=window)
    return label_held_out(read, second_technique=second_technique, offsets=offsets)


# -- technique offsets -------------------------------------------------------------------


OFFSET_GRID = tuple(round(-1.5 + 0.1 * step, 1) for step in range(31))  # -1.5 ... 1.5


@dataclass(slots=True)
class HeldOutTechniques:
    """One fold's gold spans (as a TC template), its model's technique probabilities for
    them before any stacker or offsets (read once, as the tagger's spans are, and where
    given spans are read in several windows, as those are), and their surface features
    for the stacker."""

    fold: int
    template: list[TcRow]
    probs: np.ndarray  # (gold rows, labels)
    surface: np.ndarray  # (gold rows, len(STACK_FEATURES))
    lexicon: np.ndarray | None = None  # (gold rows, labels): the fold lexicon's log-probs
    # (gold rows, labels): the probabilities as given spans are read, in several windows
    viewed: np.ndarray | None = None

    @property
    def given_probs(self) -> np.ndarray:
        """The classifier's probabilities for the gold spans read as given spans are."""
        return self.probs if self.viewed is None else self.viewed


# Where `propscope calibrate` has the model read each given span again: windows that put
# the span's middle at a quarter, half and three quarters of their width (row 53 of
# docs/experiments.md: the four readings averaged gain 0.014 TC for the classifier alone).
GIVEN_VIEWS = (0.25, 0.5, 0.75)

STACKER_L2 = 0.003  # chosen a priori; 0.001 and 0.01 measured within 0.003 TC of it


def fit_technique_stacker(
    probs: np.ndarray,
    surface: np.ndarray,
    gold: np.ndarray,
    *,
    lexicon: np.ndarray | None = None,
    l2: float = STACKER_L2,
) -> TechniqueStacker:
    """The stacker that maximises the likelihood of `gold` (label indices) given the
    classifier's `probs` and the spans' `surface` features: a multinomial logistic layer
    whose input includes the log-probabilities at a fixed weight of 1, fitted by L-BFGS
    with an L2 pull of `l2` on the feature weights (not the biases). With `lexicon` (the
    technique lexicon's log-probabilities, (n, labels)), it also learns the lexicon's
    weight, one number, unpulled."""
    from scipy.optimize import minimize

    log_p = np.log(np.clip(np.asarray(probs, dtype=np.float64), 1e-12, 1.0))
    x = np.asarray(surface, dtype=np.float64)
    gold = np.asarray(gold, dtype=int)
    n, k = log_p.shape
    if x.shape != (n, len(STACK_FEATURES)) or gold.shape != (n,) or n == 0:
        raise ValueError(
            f"a stacker needs (n, {len(STACK_FEATURES)}) features and one gold label for "
            "each row of probabilities, n > 0"
        )
    lex = np.zeros((n, k)) if lexicon is None else np.asarray(lexicon, dtype=np.float64)
    if lex.shape != (n, k):
        raise ValueError(f"the lexicon's log-probabilities must be ({n}, {k}), one per label")
    learn_lexicon = lexicon is not None
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0  # a constant feature: its weights stay 0
    z = (x - mean) / scale
    m = z.shape[1]
    onehot = np.eye(k)[gold]

    def objective(theta: np.ndarray) -> tuple[float, np.ndarray]:
        bias, weights, alpha = theta[:k], theta[k : k + m * k].reshape(m, k), theta[-1]
        logits = log_p + bias + z @ weights + alpha * lex
        logits -= logits.max(axis=1, keepdims=True)
        e = np.exp(logits)
        p = e / e.sum(axis=1, keepdims=True)
        loss = -np.log(p[np.arange(n), gold] + 1e-12).mean() + l2 * float((weights**2).sum())
        g = (p - onehot) / n
        d_alpha = float((g * lex).sum()) if learn_lexicon else 0.0
        grad = np.concatenate([g.sum(axis=0), (z.T @ g + 2 * l2 * weights).ravel(), [d_alpha]])
        return float(loss), grad

    result = minimize(
        objective, np.zeros(k + m * k + 1), jac=True, method="L-BFGS-B", options={"maxiter": 500}
    )
    bias, weights = result.x[:k], result.x[k : k + m * k].reshape(m, k)
    return TechniqueStacker(
        tuple(float(v) for v in mean),
        tuple(float(v) for v in scale),
        tuple(tuple(float(v) for v in row) for row in weights),
        tuple(float(v) for v in bias),
        float(result.x[-1]) if learn_lexicon else 0.0,
    )


def fit_technique_offsets(
    probs: np.ndarray,
    gold: np.ndarray,
    *,
    grid: Sequence[float] = OFFSET_GRID,
    rounds: int = 3,
) -> np.ndarray:
    """Per-technique offsets to the log-probabilities that make the first choice right
    most often over `gold` (label indices): coordinate ascent over `grid`, technique by
    technique, `rounds` times. A change must gain; ties keep 0."""
    log_p = np.log(np.clip(np.asarray(probs, dtype=np.float64), 1e-12, 1.0))
    gold = np.asarray(gold)
    offsets = np.zeros(log_p.shape[1])

    def right(b: np.ndarray) -> int:
        return int(((log_p + b).argmax(axis=1) == gold).sum())

    best = right(offsets)
    for _ in range(rounds):
        changed = False
        for c in range(len(offsets)):
            for value in grid:
                trial = offsets.copy()
                trial[c] = value
                score = right(trial)
                if score > best:
                    best, offsets, changed = score, trial, True
        if not changed:
            break
    return offsets


def techniques_report(
    labels: Sequence[str],
    folds: Sequence[HeldOutTechniques],
    *,
    stacker: bool = True,
    offsets: bool = True,
    views: Sequence[float] = (),
) -> dict[str, Any]:
    """How the classifier's choice of technique is adjusted, measured as each fold's TC
    micro-F1 (the shared task's scorer) with adjustments fitted on the other folds:

    - `offsets` alone: what the layer applies to the spans it finds itself;
    - for spans given by the caller (the shared task's TC): the technique stacker, then
      offsets fitted on top of it. The stacker is fitted on annotated spans, whole
      phrases; on the fragments the tagger decodes it measured worse (docs/experiments.md),
      so the layer keeps it for given spans.

    Given spans are read as the folds' `viewed` probabilities were, in windows placed at
    `views` (recorded for the model's config).

    Also returns what to ship: each, fitted on every fold."""
    from propscope.models.runtime import shift_probabilities
    from propscope.scoring import score_tc
    from propscope.shared_task import tc_rows_from_probs

    index = {name: i for i, name in enumerate(labels)}
    gold = [np.array([index[r.technique] for r in f.template], dtype=int) for f in folds]
    with_lexicon = bool(folds) and all(f.lexicon is not None for f in folds)

    def _lexicon(use: list[int]) -> np.ndarray | None:
        """The stacker weighs the lexicon when every fold has one."""
        if not with_lexicon:
            return None
        return np.concatenate([folds[j].lexicon for j in use])  # type: ignore[misc]

    def fit(use: list[int], with_stacker: bool) -> tuple[TechniqueStacker | None, np.ndarray]:
        probs = np.concatenate(
            [folds[j].given_probs if with_stacker else folds[j].probs for j in use]
        )
        truth = np.concatenate([gold[j] for j in use])
        fitted = None
        if with_stacker:
            surface = np.concatenate([folds[j].surface for j in use])
            lexicon = _lexicon(use)
            fitted = fit_technique_stacker(probs, surface, truth, lexicon=lexicon)
            probs = shift_probabilities(probs, fitted.shift(surface, lexicon))
        shift = fit_technique_offsets(probs, truth) if offsets else np.zeros(len(labels))
        return fitted, shift

    def predict(
        fold: HeldOutTechniques, fitted: TechniqueStacker | None, shift: np.ndarray
    ) -> list[TcRow]:
        probs = fold.probs
        if fitted is not None:
            probs = shift_probabilities(fold.given_probs, fitted.shift(fold.surface, fold.lexicon))
        probs = shift_probabilities(probs, shift.astype(np.float32))
        return tc_rows_from_probs(fold.template, probs, labels)

    def f1(fold: HeldOutTechniques, rows: list[TcRow]) -> float:
        return score_tc(rows, fold.template).f1

    given_rows: list[TcRow] = []  # every fold's, for the pooled per-technique table

    zero = np.zeros(len(labels))
    before, shifted, given, viewed = [], [], [], []
    nested_offsets = []
    for k, fold in enumerate(folds):
        others = [j for j in range(len(folds)) if j != k]
        before.append(f1(fold, predict(fold, None, zero)))
        if fold.viewed is not None:
            viewed.append(f1(fold, tc_rows_from_probs(fold.template, fold.viewed, labels)))
        if offsets:
            _, shift = fit(others, False)
            nested_offsets.append(shift)
            shifted.append(f1(fold, predict(fold, None, shift)))
        if stacker:
            rows = predict(fold, *fit(others, True))
            given_rows.extend(rows)
            given.append(f1(fold, rows))

    def summary(values: list[float]) -> dict[str, Any]:
        return {
            "folds": [round(v, 4) for v in values],
            "mean": round(statistics.mean(values), 4),
            "std": round(statistics.pstdev(values), 4),
        }

    def named(shift: np.ndarray) -> dict[str, float]:
        return {name: round(float(v), 2) for name, v in zip(labels, shift, strict=True)}

    report: dict[str, Any] = {
        "tc_micro_f1": {"classifier": summary(before)},
        "nested_offsets": [[round(float(v), 2) for v in o] for o in nested_offsets] or None,
        "offsets": named(fit(list(range(len(folds))), False)[1]) if offsets else None,
        "given_spans": None,
    }
    if viewed:
        report["tc_micro_f1"]["classifier_views"] = summary(viewed)
    if offsets:
        report["tc_micro_f1"]["offsets"] = summary(shifted)
    if stacker:
        report["tc_micro_f1"]["given_spans"] = summary(given)
        fitted, shift = fit(list(range(len(folds))), True)
        assert fitted is not None
        pooled = score_tc(given_rows, [row for fold in folds for row in fold.template])
        report["given_spans"] = {
            "stacker": fitted.to_config(),
            "offsets": named(shift) if offsets else None,
            "views": list(views),
            "per_technique_nested": pooled.per_technique,
        }
    return report


def nested_offsets(report: dict[str, Any] | None, folds: int) -> list[np.ndarray] | None:
    """Each fold's offsets (fitted on the other folds) from a `techniques_report`, for
    `label_held_out`; None without a report or offsets."""
    if report is None or not report.get("nested_offsets"):
        return None
    shifts = [np.asarray(o, dtype=np.float32) for o in report["nested_offsets"]]
    if len(shifts) != folds:
        raise ValueError(f"the techniques report has offsets for other than {folds} folds")
    return shifts


# -- the score calibration -------------------------------------------------------------


def fit_calibration(
    features: np.ndarray, right: np.ndarray, *, l2: float = 1.0, iterations: int = 100
) -> Calibration:
    """Logistic regression of `right` (0/1) on `features` (rows of `FEATURES`) by
    Newton's method, with an L2 penalty on the weights (not the bias)."""
    x = np.asarray(features, dtype=np.float64)
    y = np.asarray(right, dtype=np.float64)
    if x.ndim != 2 or x.shape[1] != len(FEATURES) or len(x) != len(y):
        raise ValueError(f"features must be (n, {len(FEATURES)}) with one label per row")
    if len(y) == 0 or y.min() == y.max():
        raise ValueError("a calibration needs both right and wrong spans to learn from")
    design = np.hstack([np.ones((len(x), 1)), x])
    penalty = np.full(design.shape[1], l2)
    penalty[0] = 0.0
    theta = np.zeros(design.shape[1])
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(design @ theta)))
        gradient = design.T @ (p - y) + penalty * theta
        hessian = (design * (p * (1 - p))[:, None]).T @ design + np.diag(penalty)
        step = np.linalg.solve(hessian + 1e-9 * np.eye(len(theta)), gradient)
        theta -= step
        if np.abs(step).max() < 1e-8:
            break
    return Calibration(tuple(float(w) for w in theta[1:]), float(theta[0]))


def isotonic_curve(
    scores: Sequence[float], right: Sequence[bool], *, min_count: int = 100
) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """The non-decreasing curve from score to share right (pool-adjacent-violators),
    with every step holding at least `min_count` spans, so that a handful of spans at
    the top cannot claim certainty. Returns the (x, y) points of `Calibration.curve`."""
    order = np.argsort(np.asarray(scores, dtype=np.float64), kind="stable")
    x = np.asarray(scores, dtype=np.float64)[order]
    y = np.asarray(right, dtype=np.float64)[order]
    blocks: list[list[float]] = []  # [sum right, count, lowest score, highest score]

    def merge(i: int) -> None:  # block i absorbs block i + 1
        a, b = blocks[i], blocks.pop(i + 1)
        blocks[i] = [a[0] + b[0], a[1] + b[1], a[2], b[3]]

    for xi, yi in zip(x.tolist(), y.tolist(), strict=True):
        blocks.append([yi, 1.0, xi, xi])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] >= blocks[-1][0] / blocks[-1][1]:
            merge(len(blocks) - 2)
    while len(blocks) > 1 and min(b[1] for b in blocks) < min_count:
        i = min(range(len(blocks)), key=lambda k: blocks[k][1])
        if i == 0 or i == len(blocks) - 1:
            merge(0 if i == 0 else i - 1)
            continue
        mean = blocks[i][0] / blocks[i][1]
        before = abs(mean - blocks[i - 1][0] / blocks[i - 1][1])
        after = abs(blocks[i + 1][0] / blocks[i + 1][1] - mean)
        merge(i - 1 if before <= after else i)
    xs: list[float] = []
    ys: list[float] = []
    for total, count, low, high in blocks:
        xs += [low, high]
        ys += [total / count] * 2
    return tuple(xs), tuple(ys)


@dataclass(frozen=True, slots=True)
class ReliabilityBin:
    low: float
    high: float
    count: int
    mean_score: float
    share_right: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "bin": f"{self.low:.1f}-{self.high:.1f}",
            "spans": self.count,
            "mean_score": round(self.mean_score, 4),
            "share_right": round(self.share_right, 4),
        }


def reliability_table(
    scores: Sequence[float], right: Sequence[bool], *, bins: int = 10
) -> list[ReliabilityBin]:
    """Scores binned into `bins` equal widths over [0, 1] (a score of 1 falls in the
    last); empty bins are left out."""
    if len(scores) != len(right):
        raise ValueError("one right/wrong mark per score")
    table = []
    for b in range(bins):
        low, high = b / bins, (b + 1) / bins
        members = [
            (s, r)
            for s, r in zip(scores, right, strict=True)
            if low <= s < high or (b == bins - 1 and s == high)
        ]
        if members:
            table.append(
                ReliabilityBin(
                    low,
                    high,
                    len(members),
                    sum(s for s, _ in members) / len(members),
                    sum(1 for _, r in members if r) / len(members),
                )
            )
    return table


def expected_calibration_error(table: Sequence[ReliabilityBin]) -> float:
    total = sum(b.count for b in table)
    if not total:
        return 0.0
    return sum(b.count * abs(b.mean_score - b.share_right) for b in table) / total


def _brier(scores: Sequence[float], right: Sequence[bool]) -> float:
    return sum((s - float(r)) ** 2 for s, r in zip(scores, right, strict=True)) / max(
        1, len(scores)
    )


def _summary(scores: Sequence[float], right: Sequence[bool]) -> dict[str, Any]:
    table = reliability_table(scores, right)
    return {
        "ece": round(expected_calibration_error(table), 4),
        "brier": round(_brier(scores, right), 4),
        "mean_score": round(sum(scores) / max(1, len(scores)), 4),
        "table": [b.to_dict() for b in table],
    }


def calibration_report(spans: Sequence[HeldOutSpan], *, folds: int) -> dict[str, Any]:
    """Raw and (nested) calibrated reliability of `spans`, and the calibration fitted on
    all of them, which is the one to ship."""
    if not spans:
        raise ValueError("no held-out spans to calibrate on")
    features = np.array([s.features() for s in spans])
    right = np.array([s.right for s in spans], dtype=bool)
    fold_of = np.array([s.fold for s in spans])
    logistic = np.zeros(len(spans))
    nested = np.zeros(len(spans))
    for k in range(folds):
        inside = fold_of == k
        if not inside.any():
            continue
        fitted = _fit(spans, features, right, ~inside)
        for i in np.flatnonzero(inside).tolist():
            s = spans[i]
            args = (s.span_probability, s.technique_probability)
            logistic[i] = fitted.logistic(*args, rank=s.rank, chars=s.end - s.start)
            nested[i] = fitted.score(*args, rank=s.rank, chars=s.end - s.start)
    shipped = _fit(spans, features, right, np.ones(len(spans), dtype=bool))
    raw = [s.raw_score for s in spans]
    right_list = [bool(r) for r in right]
    return {
        "definition": "a labelled span is right when a gold span of the same technique "
        "overlaps it by at least one character",
        "spans": len(spans),
        "share_right": round(float(right.mean()), 4),
        "raw": _summary(raw, right_list),
        "logistic_nested": _summary(logistic.tolist(), right_list),
        "calibrated_nested": _summary(nested.tolist(), right_list),
        "calibration": shipped.to_config(),
    }


def _fit(
    spans: Sequence[HeldOutSpan], features: np.ndarray, right: np.ndarray, use: np.ndarray
) -> Calibration:
    """The logistic regression on the spans in `use`, then the curve from its output to
    their share right."""
    fitted = fit_calibration(features[use], right[use])
    outputs = [
        fitted.logistic(
            s.span_probability, s.technique_probability, rank=s.rank, chars=s.end - s.start
        )
        for s, used in zip(spans, use.tolist(), strict=True)
        if used
    ]
    curve = isotonic_curve(outputs, right[use].tolist())
    return dataclasses.replace(fitted, curve=curve)


def write_calibration(model_dir: Path, report: dict[str, Any]) -> None:
    """Put the report's calibration, and its technique offsets and its adjustments for
    given spans (in the order of the model's labels) when it has them, into the model's
    config.json."""
    config_path = model_dir / "config.json"
    config = json.loads(config_path.read_text())
    config["calibration"] = report["calibration"]
    choice = report.get("technique_choice") or {}
    offsets, given = choice.get("offsets"), choice.get("given_spans")
    if offsets is not None:
        config["technique_offsets"] = [offsets[name] for name in config["labels"]]
    else:
        config.pop("technique_offsets", None)
    if given is not None:
        config["given_spans"] = {"technique_stacker": given["stacker"]}
        if given.get("views"):
            config["given_spans"]["views"] = given["views"]
        if given.get("offsets") is not None:
            config["given_spans"]["technique_offsets"] = [
                given["offsets"][name] for name in config["labels"]
            ]
    else:
        config.pop("given_spans", None)
    config_path.write_text(json.dumps(config, indent=2) + "\n")


def reliability_markdown(report: dict[str, Any]) -> str:
    """The report's two reliability tables side by side, as Markdown."""
    raw = {row["bin"]: row for row in report["raw"]["table"]}
    cal = {row["bin"]: row for row in report["calibrated_nested"]["table"]}
    lines = [
        "| score | raw: spans | raw: right | calibrated: spans | calibrated: mean score "
        "| calibrated: right |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for b in range(10):
        key = f"{b / 10:.1f}-{(b + 1) / 10:.1f}"
        r, c = raw.get(key), cal.get(key)
        lines.append(
            f"| {key} | {r['spans'] if r else 0} | {_share(r)} | {c['spans'] if c else 0} "
            f"| {format(c['mean_score'], '.3f') if c else '—'} | {_share(c)} |"
        )
    return "\n".join(lines)


def _share(row: dict[str, Any] | None) -> str:
    return "—" if row is None else f"{row['share_right']:.3f}"
