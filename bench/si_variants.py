"""Span decoding variants, measured on a cross-validation's fold models.

Reads each fold model of RUNS (`propscope crossval` folders fold0 .. fold4) over its
held-out ptc-train articles once, keeps the raw token probabilities and the word prior's
shifts, then scores each variant of what happens between the tagger and the spans with
the shared task's SI scorer, the decoding chosen per fold on the other folds (nested,
as `propscope crossval` does). A variant costs a minute or two here; reading the folds,
another minute.

    pip install -e '.[train]'          # scikit-learn, for the token stacker
    python bench/si_variants.py --runs runs/cv-stage3
    python bench/si_variants.py --runs runs/cv-stage3 --variants baseline,trim --sentences

Variants (session 15, docs/experiments.md rows 45-48):
- baseline: the shipped path (the prior's shift added to each token's log-odds, then
  `decode_spans`); it reproduces `crossval.json`'s SI figure;
- token-stacker: a logistic regression per token over the tagger's log-odds, the
  prior's shift and both at the two neighbours on each side, fitted on the other folds'
  tokens, in place of the fixed sum;
- trim: words that begin or end decoded spans far more often than gold ones (learned on
  the other folds, as "the", "of", ",") cut from the spans' ends;
- join: spans that only a hyphen, an apostrophe or a slash separates joined.

`--sentences` also prints how well the classifier names the technique of whole
sentences in which the tagger found something (row 46).
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import statistics
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from propscope.components.claims import sentence_spans
from propscope.encoding import decode_spans
from propscope.io.ptc import SiRow
from propscope.models.runtime import TechniqueModelRuntime
from propscope.scoring import score_si
from propscope.training.crossval import DECODINGS
from propscope.training.data import load_ptc

Span = tuple[int, int, float]
ProbsOf = Callable[["Held"], np.ndarray]
Post = Callable[..., list[Span]]


@dataclass
class Held:
    """One held-out article as its fold model read it."""

    fold: int
    id: str
    text: str
    si: list[tuple[int, int]]
    tc: list[tuple[str, int, int]]
    offsets: np.ndarray  # (tokens, 2)
    probs: np.ndarray  # (tokens, 3): O, B, I, before the prior
    shipped: np.ndarray  # (tokens, 3): after the prior, as the shipped path reads them
    shift: np.ndarray  # (tokens,): the prior's shift of the token's word, in log-odds
    gold: np.ndarray  # (tokens,) 1 where the token overlaps a gold span
    sentences: list[tuple[tuple[int, int], np.ndarray]] | None = None


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(p) - np.log1p(-p)


def _with_inside(probs: np.ndarray, inside: np.ndarray) -> np.ndarray:
    old = probs[:, 1] + probs[:, 2]
    ratio = np.where(old > 0, inside / np.maximum(old, 1e-12), 0.0)
    return np.stack([1 - inside, probs[:, 1] * ratio, probs[:, 2] * ratio], axis=1)


def read_folds(
    runs: Path, data: Path, *, folds: int, sentences: bool, labels: list[str]
) -> list[Held]:
    articles = {a.id: a for a in load_ptc(data)}
    held: list[Held] = []
    for k in range(folds):
        fold = runs / f"fold{k}"
        meta = json.loads((fold / "train_meta.json").read_text())
        runtime = TechniqueModelRuntime(fold / "model")
        labels[:] = list(runtime.labels)
        prior = runtime.word_prior
        if prior is None:
            raise SystemExit(f"{fold / 'model'} has no word prior: run `propscope word-prior`.")
        runtime.word_prior = None
        ids = meta["held_out_ids"]
        for b in range(0, len(ids), 8):
            batch = [articles[i] for i in ids[b : b + 8]]
            for a, scores in zip(batch, runtime.score_texts([x.text for x in batch]), strict=True):
                off = np.asarray(scores.encoded.offsets)
                raw = scores.token_probs
                shipped = prior.apply(a.text, off, raw)
                gold = np.zeros(len(off), dtype=np.int8)
                for gs, ge in a.si:
                    gold[(off[:, 0] < ge) & (off[:, 1] > gs)] = 1
                h = Held(k, a.id, a.text, list(a.si), list(a.tc), off, raw, shipped,
                         prior.token_shifts(a.text, off), gold)  # fmt: skip
                if sentences:
                    sents = sentence_spans(a.text)
                    scores.token_probs = shipped
                    probs = runtime.classify_spans(a.text, scores, sents)
                    h.sentences = list(zip(sents, probs, strict=True))
                held.append(h)
        print(f"fold {k}: {len(ids)} held-out articles read", file=sys.stderr, flush=True)
    return held


def nested_si(
    held: Sequence[Held], probs_of: Callable[[Held], np.ndarray], post: Callable[..., list[Span]]
) -> tuple[list[float], float]:
    """SI F1 per fold at the decoding the other folds score best with, and the best
    single decoding's mean over folds (optimistic)."""
    folds = sorted({h.fold for h in held})
    pred = {k: {d: [] for d in DECODINGS} for k in folds}  # type: ignore[var-annotated]
    gold: dict[int, list[SiRow]] = {k: [] for k in folds}
    for h in held:
        p = probs_of(h)
        gold[h.fold].extend(SiRow(h.id, s, e) for s, e in h.si)
        for d in DECODINGS:
            spans = decode_spans(h.offsets, p, h.text, threshold=d.threshold, smooth=d.smooth,
                                 merge_gap=d.merge_gap, seed=d.seed)  # fmt: skip
            pred[h.fold][d].extend(SiRow(h.id, s, e) for s, e, _ in post(h, spans))
    f1 = {k: {d: score_si(pred[k][d], gold[k]).f1 for d in DECODINGS} for k in folds}
    nested = []
    for k in folds:
        chosen = max(DECODINGS, key=lambda d: statistics.mean(f1[j][d] for j in folds if j != k))
        nested.append(f1[k][chosen])
    best = max(statistics.mean(f1[k][d] for k in folds) for d in DECODINGS)
    return nested, best


def _unchanged(h: Held, spans: list[Span]) -> list[Span]:
    return spans


# --- token stacker ---------------------------------------------------------------------


def _shifted(x: np.ndarray, k: int) -> np.ndarray:
    out = np.zeros_like(x)
    if k > 0:
        out[k:] = x[:-k]
    else:
        out[:k] = x[-k:]
    return out


def _token_features(h: Held) -> np.ndarray:
    logit = _logit(h.probs[:, 1] + h.probs[:, 2])
    cols = [logit, h.shift]
    cols += [_shifted(logit, k) for k in (1, -1, 2, -2)]
    cols += [_shifted(h.shift, k) for k in (1, -1)]
    return np.stack(cols, axis=1)


def token_stacker(held: Sequence[Held]) -> Callable[[Held], np.ndarray]:
    from sklearn.linear_model import LogisticRegression

    features = {id(h): _token_features(h) for h in held}
    models = {}
    for k in sorted({h.fold for h in held}):
        train = [h for h in held if h.fold != k]
        x = np.concatenate([features[id(h)] for h in train])
        y = np.concatenate([h.gold for h in train])
        models[k] = LogisticRegression(C=1.0, max_iter=1000).fit(x, y)

    def probs_of(h: Held) -> np.ndarray:
        return _with_inside(h.probs, models[h.fold].predict_proba(features[id(h)])[:, 1])

    return probs_of


# --- trimming and joining ----------------------------------------------------------------

_WORD = re.compile(r"\w+|[^\w\s]")
_JOIN = re.compile(r"[-\u2010\u2011\u2012\u2013'\u2019/]+")


def _end_words(held: Sequence[Held]) -> tuple[set[str], set[str]]:
    """Words that begin (end) the shipped decoding's spans five times as often as they
    begin (end) gold spans, seen at least ten times."""
    counts = [collections.Counter() for _ in range(4)]  # type: ignore[var-annotated]
    for h in held:
        for which, spans in ((0, h.si), (2, decode_spans(
                h.offsets, h.shipped, h.text,
                threshold=0.2, seed=0.5))):  # fmt: skip
            for s, e, *_ in spans:
                words = _WORD.findall(h.text[s:e])
                if words:
                    counts[which][words[0].lower()] += 1
                    counts[which + 1][words[-1].lower()] += 1
    first_gold, last_gold, first_pred, last_pred = counts
    n_gold, n_pred = sum(first_gold.values()), sum(first_pred.values())

    def rare(pred: collections.Counter[str], gold: collections.Counter[str]) -> set[str]:
        return {w for w, c in pred.items() if c >= 10 and gold[w] / n_gold < 0.2 * c / n_pred}

    return rare(first_pred, first_gold), rare(last_pred, last_gold)


def trimmer(held: Sequence[Held]) -> Callable[..., list[Span]]:
    words = {k: _end_words([h for h in held if h.fold != k]) for k in {h.fold for h in held}}

    def post(h: Held, spans: list[Span]) -> list[Span]:
        lead, trail = words[h.fold]
        out = []
        for s, e, score in spans:
            while True:
                toks = list(_WORD.finditer(h.text, s, e))
                if len(toks) > 1 and toks[0].group().lower() in lead:
                    s = toks[1].start()
                elif len(toks) > 1 and toks[-1].group().lower() in trail:
                    e = toks[-2].end()
                else:
                    break
            out.append((s, e, score))
        return out

    return post


def join(h: Held, spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for s, e, score in spans:
        if out and _JOIN.fullmatch(h.text[out[-1][1] : s]):
            out[-1] = (out[-1][0], e, max(out[-1][2], score))
        else:
            out.append((s, e, score))
    return out


# --- whole sentences ---------------------------------------------------------------------

SENTENCE_TECHNIQUES = (
    "Appeal_to_Authority",
    "Appeal_to_fear-prejudice",
    "Black-and-White_Fallacy",
    "Causal_Oversimplification",
    "Doubt",
    "Thought-terminating_Cliches",
    "Whataboutism,Straw_Men,Red_Herring",
)


def sentence_report(held: Sequence[Held], labels: list[str]) -> None:
    """For each technique usually annotated on whole sentences: the sentences in which a
    token reaches the shipped seed (0.5) and whose first technique it is at 0.3 or more,
    and how many of them hold a gold span of it covering half the sentence."""
    print("\n| technique | sentences named | of them right | gold sentences found |")
    print("|---|---:|---:|---:|")
    for name in SENTENCE_TECHNIQUES:
        t = labels.index(name)
        named = right = gold_total = 0
        for h in held:
            inside = h.shipped[:, 1] + h.shipped[:, 2]
            for (s, e), p in h.sentences or []:
                is_gold = any(
                    tech == name and (min(e, ge) - max(s, gs)) / (e - s) >= 0.5
                    for tech, gs, ge in h.tc
                )
                gold_total += is_gold
                m = (h.offsets[:, 0] < e) & (h.offsets[:, 1] > s)
                if m.any() and inside[m].max() >= 0.5 and p.argmax() == t and p[t] >= 0.3:
                    named += 1
                    right += is_gold
        share = f"{right / named:.2f}" if named else "-"
        found = f"{right / gold_total:.2f}" if gold_total else "-"
        print(f"| {name} | {named} | {share} | {found} of {gold_total} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=Path, required=True, help="a `propscope crossval` folder")
    parser.add_argument("--data", type=Path, default=Path("../shared/data/ptc-train"))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--variants", default="baseline,token-stacker,trim,join")
    parser.add_argument("--sentences", action="store_true")
    args = parser.parse_args()
    labels: list[str] = []
    held = read_folds(args.runs, args.data, folds=args.folds, sentences=args.sentences,
                      labels=labels)  # fmt: skip

    variants: dict[str, Callable[[], tuple[ProbsOf, Post]]] = {
        "baseline": lambda: (lambda h: h.shipped, _unchanged),
        "token-stacker": lambda: (token_stacker(held), _unchanged),
        "trim": lambda: (lambda h: h.shipped, trimmer(held)),
        "join": lambda: (lambda h: h.shipped, join),
    }
    print("| variant | SI F1 nested (mean ± std) | per fold | best of grid |")
    print("|---|---:|---|---:|")
    for name in args.variants.split(","):
        if name not in variants:
            raise SystemExit(f"unknown variant {name!r}; choose among {', '.join(variants)}")
        probs_of, post = variants[name]()
        nested, best = nested_si(held, probs_of, post)
        folds = " / ".join(f"{f:.3f}" for f in nested)
        mean, std = statistics.mean(nested), statistics.pstdev(nested)
        print(f"| {name} | {mean:.4f} ± {std:.4f} | {folds} | {best:.4f} |", flush=True)
    if args.sentences:
        sentence_report(held, labels)


if __name__ == "__main__":
    main()
