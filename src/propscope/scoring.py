"""Scoring with the definitions of SemEval-2020 Task 11.

Span identification (SI): overlapping spans of one article are merged, in the gold
and in the prediction. With S the predicted spans and T the gold spans (over all
articles, each pair compared only within its article):

    P = (1/|S|) * sum over s in S, t in T of |s ∩ t| / |s|
    R = (1/|T|) * sum over s in S, t in T of |s ∩ t| / |t|
    F1 = 2PR / (P + R)

An empty prediction has P = 0 (and so F1 = 0); an empty gold has R = 0.

Technique classification (TC): micro-F1 over the gold spans. Rows are matched by
(article, start, end); a span that carries two techniques counts twice, and a prediction
earns as many hits at a span as the multiset of its techniques shares with the gold.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from propscope.io.ptc import SiRow, TcRow
from propscope.techniques import TECHNIQUE_NAMES

__all__ = [
    "SpanScore",
    "TcScore",
    "merge_overlapping",
    "score_si",
    "score_tc",
    "tc_spans_mismatch",
]


@dataclass(frozen=True, slots=True)
class SpanScore:
    precision: float
    recall: float
    f1: float
    predicted: int
    gold: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "predicted_spans": self.predicted,
            "gold_spans": self.gold,
        }


@dataclass(frozen=True, slots=True)
class TcScore:
    precision: float
    recall: float
    f1: float
    correct: int
    predicted: int
    gold: int
    per_technique: dict[str, dict[str, float | int]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "micro_f1": round(self.f1, 4),
            "correct": self.correct,
            "predicted": self.predicted,
            "gold": self.gold,
            "per_technique": self.per_technique,
        }


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r > 0 else 0.0


def merge_overlapping(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge spans that share at least one character; empty spans are dropped."""
    merged: list[list[int]] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def _by_article(rows: Iterable[SiRow]) -> dict[str, list[tuple[int, int]]]:
    grouped: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for row in rows:
        grouped[row.article_id].append((row.start, row.end))
    return {k: merge_overlapping(v) for k, v in grouped.items()}


def score_si(predicted: Iterable[SiRow], gold: Iterable[SiRow]) -> SpanScore:
    pred = _by_article(predicted)
    truth = _by_article(gold)
    n_pred = sum(len(v) for v in pred.values())
    n_gold = sum(len(v) for v in truth.values())
    p_sum = 0.0
    r_sum = 0.0
    for article_id, p_spans in pred.items():
        for gs, ge in truth.get(article_id, []):
            for ps, pe in p_spans:
                inter = min(pe, ge) - max(ps, gs)
                if inter > 0:
                    p_sum += inter / (pe - ps)
                    r_sum += inter / (ge - gs)
    precision = p_sum / n_pred if n_pred else 0.0
    recall = r_sum / n_gold if n_gold else 0.0
    return SpanScore(precision, recall, _f1(precision, recall), n_pred, n_gold)


def score_tc(predicted: Iterable[TcRow], gold: Iterable[TcRow]) -> TcScore:
    pred_at: dict[tuple[str, int, int], Counter[str]] = defaultdict(Counter)
    gold_at: dict[tuple[str, int, int], Counter[str]] = defaultdict(Counter)
    for row in predicted:
        pred_at[(row.article_id, row.start, row.end)][row.technique] += 1
    for row in gold:
        gold_at[(row.article_id, row.start, row.end)][row.technique] += 1
    hits: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    for key, techniques in pred_at.items():
        n_pred.update(techniques)
        hits.update(techniques & gold_at.get(key, Counter()))
    for techniques in gold_at.values():
        n_gold.update(techniques)
    correct = sum(hits.values())
    total_pred = sum(n_pred.values())
    total_gold = sum(n_gold.values())
    precision = correct / total_pred if total_pred else 0.0
    recall = correct / total_gold if total_gold else 0.0
    per_technique: dict[str, dict[str, float | int]] = {}
    for name in TECHNIQUE_NAMES:
        p = hits[name] / n_pred[name] if n_pred[name] else 0.0
        r = hits[name] / n_gold[name] if n_gold[name] else 0.0
        per_technique[name] = {
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(_f1(p, r), 4),
            "gold": n_gold[name],
            "predicted": n_pred[name],
        }
    return TcScore(
        precision,
        recall,
        _f1(precision, recall),
        correct,
        total_pred,
        total_gold,
        per_technique,
    )


def tc_spans_mismatch(predicted: Iterable[TcRow], gold: Iterable[TcRow]) -> str | None:
    """Why a TC prediction does not answer the gold, or None where it does: the shared
    task gives one row for each gold row, at the same (article, start, end), so that
    micro-F1 is the share of gold labels named. A prediction with rows missing or extra
    would score something else."""
    pred_at = Counter((r.article_id, r.start, r.end) for r in predicted)
    gold_at = Counter((r.article_id, r.start, r.end) for r in gold)
    if pred_at == gold_at:
        return None
    missing, extra = gold_at - pred_at, pred_at - gold_at
    parts = [f"{sum(pred_at.values())} rows against {sum(gold_at.values())} in the gold"]
    for what, spans in (("missing", missing), ("not in the gold", extra)):
        if spans:
            article_id, start, end = min(spans)
            parts.append(f"{sum(spans.values())} {what} (first: {article_id!r} {start}-{end})")
    return (
        "; ".join(parts) + ". TC names a technique for each gold span (a span with two "
        "techniques has two rows): predict with the gold file as the template, "
        "`propscope ptc predict DIR --task tc --spans GOLD`."
    )
