"""A word-level prior for the span tagger: what each word, its neighbours and its case say
about being inside a propaganda span, learned from the same gold spans as the tagger.

The tagger's encoder is uncased and sees words only through its word pieces; a logistic
regression over a few plain features of every word (the word, the words before and after
it, the two bigrams, its case and the case of the word before) brings in what it misses.
Its log-odds, less the log-odds of the base rate, shift the inside-probability of each of
the word's pieces: `logit p' = logit p + weight * shift`, B and I keeping their ratio.
The features are hashed into a fixed table, so a model is one array and a few numbers;
reading an article costs a regular expression and a few numpy operations.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

__all__ = [
    "WORD_PRIOR_FILE",
    "WordPrior",
    "fit_word_prior",
    "out_of_fold_priors",
    "word_feature_indices",
]

WORD_PRIOR_FILE = "word_prior.npz"
BUCKETS = 2**18
# Chosen by cross-validation (docs/experiments.md, row 39): every fold chose 0.6.
DEFAULT_WEIGHT = 0.6
DEFAULT_C = 0.3

_WORD = re.compile(r"\w+|[^\w\s]")
_START, _END = 0x5A5A5A5A, 0xA5A5A5A5  # the hashes of "before the first" and "after the last"
_MIX = (
    np.uint64(0x9E3779B97F4A7C15),
    np.uint64(0xC2B2AE3D27D4EB4F),
    np.uint64(0x165667B19E3779F9),
)


def _shape(word: str) -> int:
    if len(word) > 1 and word.isupper():
        return 1  # ALL CAPS
    if word[:1].isupper():
        return 2  # Capitalised
    if word.isdigit():
        return 3
    return 4


def _bucket(kind: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):
        x: Any = a * _MIX[1] + b * _MIX[2] + np.uint64(kind) * _MIX[0]
        x ^= x >> np.uint64(29)
        x *= _MIX[0]
        x ^= x >> np.uint64(32)
    return (x & np.uint64(BUCKETS - 1)).astype(np.int64)


def word_feature_indices(text: str) -> tuple[np.ndarray, np.ndarray]:
    """The [start, end) character spans of `text`'s words and punctuation marks, (n, 2),
    and the table indices of each one's seven features, (n, 7)."""
    found = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    spans = np.array([(s, e) for s, e, _ in found], dtype=np.int64).reshape(-1, 2)
    if not found:
        return spans, np.zeros((0, 7), dtype=np.int64)
    words = np.array([zlib.crc32(w.lower().encode()) for _, _, w in found], dtype=np.uint64)
    shapes = np.array([_shape(w) for _, _, w in found], dtype=np.uint64)
    before = np.concatenate([[np.uint64(_START)], words[:-1]])
    after = np.concatenate([words[1:], [np.uint64(_END)]])
    shape_before = np.concatenate([[np.uint64(0)], shapes[:-1]])
    zero = np.zeros_like(words)
    features = np.stack(
        [
            _bucket(1, words, zero),
            _bucket(2, before, zero),
            _bucket(3, after, zero),
            _bucket(4, before, words),
            _bucket(5, words, after),
            _bucket(6, shapes, zero),
            _bucket(7, shape_before, zero),
        ],
        axis=1,
    )
    return spans, features


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


@dataclass(frozen=True, slots=True)
class WordPrior:
    """`table[i]` is feature i's weight; a word's shift is the sum over its features
    plus `bias` (the regression's intercept less the base rate's log-odds)."""

    table: np.ndarray  # (BUCKETS,) float32
    bias: float
    weight: float = DEFAULT_WEIGHT

    def word_shifts(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Each word's span in `text` and its shift in log-odds."""
        spans, features = word_feature_indices(text)
        return spans, self.table[features].sum(axis=1) + self.bias

    def token_shifts(self, text: str, offsets: np.ndarray) -> np.ndarray:
        """(pieces,) each word piece's shift: that of the word it starts in; 0 for pieces
        before the first word. Not weighted."""
        offsets = np.asarray(offsets)
        spans, shifts = self.word_shifts(text)
        if len(spans) == 0 or len(offsets) == 0:
            return np.zeros(len(offsets), dtype=np.float32)
        word = np.searchsorted(spans[:, 0], offsets[:, 0], side="right") - 1
        return np.where(word >= 0, shifts[np.maximum(word, 0)], 0.0).astype(np.float32)

    def apply(self, text: str, offsets: np.ndarray, token_probs: np.ndarray) -> np.ndarray:
        """`token_probs` (pieces, 3: O, B, I) with each piece's inside-probability shifted
        by the word it starts in; pieces before the first word keep theirs."""
        if self.weight == 0 or len(offsets) == 0:
            return token_probs
        shift = self.token_shifts(text, offsets)
        inside = token_probs[:, 1] + token_probs[:, 2]
        shifted = 1.0 / (1.0 + np.exp(-(_logit(inside) + self.weight * shift)))
        ratio = np.where(inside > 0, shifted / np.maximum(inside, 1e-12), 0.0)
        out = np.stack(
            [1.0 - shifted, token_probs[:, 1] * ratio, token_probs[:, 2] * ratio], axis=1
        )
        return out.astype(token_probs.dtype)

    def save(self, path: Path) -> None:
        np.savez_compressed(
            path,
            table=self.table.astype(np.float32),
            bias=np.float64(self.bias),
            weight=np.float64(self.weight),
        )

    @classmethod
    def load(cls, path: Path) -> WordPrior:
        with np.load(path) as data:
            table = data["table"]
            if table.shape != (BUCKETS,):
                raise ValueError(
                    f"{path} has a table of {table.shape}, not ({BUCKETS},): it was written "
                    "by another version of propscope; write it again with `propscope "
                    "word-prior`."
                )
            return cls(table, float(data["bias"]), float(data["weight"]))


def fit_word_prior(
    texts: Sequence[str],
    spans: Sequence[Sequence[tuple[int, int]]],
    *,
    weight: float = DEFAULT_WEIGHT,
    c: float = DEFAULT_C,
) -> WordPrior:
    """Fit the prior on articles and their gold spans ([start, end) character offsets):
    a word is inside when it starts inside a span. Needs scikit-learn."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    rows, labels = [], []
    for text, gold in zip(texts, spans, strict=True):
        words, features = word_feature_indices(text)
        inside = np.zeros(len(words), dtype=bool)
        for start, end in gold:
            inside |= (words[:, 0] >= start) & (words[:, 0] < end)
        rows.append(features)
        labels.append(inside)
    features = np.concatenate(rows) if rows else np.zeros((0, 7), dtype=np.int64)
    y = np.concatenate(labels) if labels else np.zeros(0, dtype=bool)
    if len(np.unique(y)) < 2:
        raise ValueError(
            "a word prior needs words both inside and outside the gold spans: give "
            "labelled articles with at least one span."
        )
    n = len(features)
    x = csr_matrix(
        (np.ones(features.size), features.ravel(), np.arange(0, features.size + 1, 7)),
        shape=(n, BUCKETS),
    )
    x.sum_duplicates()
    model = LogisticRegression(C=c, max_iter=2000, solver="liblinear", random_state=0)
    model.fit(x, y)
    base = float(y.mean())
    bias = float(model.intercept_[0]) - float(np.log(base / (1 - base)))
    return WordPrior(model.coef_[0].astype(np.float32), bias, weight)


def out_of_fold_priors(
    texts: Sequence[str],
    spans: Sequence[Sequence[tuple[int, int]]],
    *,
    parts: int = 4,
    seed: int = 13,
    c: float = DEFAULT_C,
) -> list[WordPrior]:
    """For each text, a prior fitted on the other `parts - 1` parts of the texts (dealt
    at random), never on the text itself. A prior is far surer of the words of the
    articles it was fitted on than of others (on 285 PTC articles, gold words get 0.76
    in log-odds on its own articles and 0.10 on held-out ones: docs/experiments.md,
    row 49); a tagger trained beside
    it must see it as strong as it will be on unseen text."""
    if parts < 2 or len(texts) < parts:
        raise ValueError(f"out-of-fold priors need at least {max(parts, 2)} texts and 2 parts.")
    order = np.random.default_rng(seed).permutation(len(texts))
    part_of = np.empty(len(texts), dtype=np.int64)
    part_of[order] = np.arange(len(texts)) % parts
    fitted = []
    for k in range(parts):
        rest = [i for i in range(len(texts)) if part_of[i] != k]
        fitted.append(fit_word_prior([texts[i] for i in rest], [spans[i] for i in rest], c=c))
    return [fitted[part_of[i]] for i in range(len(texts))]
