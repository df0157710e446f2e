"""What the words of a span say about its technique, learned from the gold spans.

The technique classifier reads a span through the encoder's pooled word pieces. A plain
linear model over the span's own words reads it another way: "our nation" and "patriots"
are Flag-waving, "so-called" and "regime" Name-calling, a span that starts with "why" or
"is it" Doubt, "wake up" a Slogan. `TechniqueLexicon` is a multinomial logistic
regression over a few string features of a span (`span_features`: its words and bigrams,
its first and last words, the three words before it and the two after it, its length in
words), hashed into a fixed table. On its own it names the technique of 53% of the gold
spans of held-out articles (the classifier: 61%); the technique stacker
(`propscope.stacking`) weighs its log-probabilities beside the classifier's.

Reading a span costs a regular expression over a few dozen characters and a sum of table
rows; the table is one array.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import numpy as np

__all__ = [
    "LEXICON_FILE",
    "TechniqueLexicon",
    "fit_technique_lexicon",
    "lexicon_indices",
    "span_features",
]

LEXICON_FILE = "technique_lexicon.npz"
BUCKETS = 2**16
DEFAULT_C = 1.0  # the fit's inverse L2 strength: 0.3, 1 and 3 measured within 0.004

_WORD = re.compile(r"\w+|[^\w\s]")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def span_features(text: str, start: int, end: int) -> list[str]:
    """The string features of `text[start:end]`, each once."""
    words = _words(text[start:end])
    features = {f"w:{w}" for w in words}
    features.update(f"b:{a} {b}" for a, b in pairwise(words))
    if words:
        features.update((f"f:{words[0]}", f"l:{words[-1]}"))
    before = _words(text[max(0, start - 40) : start])[-3:]
    after = _words(text[end : end + 30])[:2]
    features.update(f"p{i}:{w}" for i, w in enumerate(reversed(before)))
    features.update(f"n{i}:{w}" for i, w in enumerate(after))
    features.add(f"len:{min(len(text[start:end].split()), 12)}")
    return sorted(features)


def lexicon_indices(text: str, start: int, end: int) -> np.ndarray:
    """The table rows of the span's features (hashed; a collision sums two features)."""
    return np.fromiter(
        (zlib.crc32(f.encode("utf-8")) % BUCKETS for f in span_features(text, start, end)),
        dtype=np.int64,
    )


@dataclass(frozen=True, slots=True)
class TechniqueLexicon:
    """log p(technique | span) = log softmax(bias + sum of the span's feature rows)."""

    table: np.ndarray  # (BUCKETS, labels)
    bias: np.ndarray  # (labels,)

    @property
    def labels(self) -> int:
        return len(self.bias)

    def log_probs(self, text: str, spans: Sequence[tuple[int, int]]) -> np.ndarray:
        """Log-probabilities of each technique for `spans` of `text`: (n, labels)."""
        out = np.zeros((len(spans), self.labels))
        for i, (start, end) in enumerate(spans):
            out[i] = self.bias + self.table[lexicon_indices(text, start, end)].sum(axis=0)
        if not len(out):
            return out
        out -= out.max(axis=1, keepdims=True)
        return out - np.log(np.exp(out).sum(axis=1, keepdims=True))

    def save(self, path: Path) -> None:
        """Write `path`; the table in float16 (half the file, within 1e-3 of each weight)."""
        np.savez_compressed(
            path, table=self.table.astype(np.float16), bias=self.bias.astype(np.float64)
        )

    @classmethod
    def load(cls, path: Path, *, labels: int | None = None) -> TechniqueLexicon:
        """Read `path`; with `labels`, check the table has one column per label."""
        with np.load(path) as data:
            table, bias = data["table"].astype(np.float32), data["bias"]
        if table.ndim != 2 or table.shape[0] != BUCKETS or table.shape[1] != len(bias):
            raise ValueError(
                f"{path} has a table of {table.shape}, not ({BUCKETS}, labels): it was "
                "written by another version of propscope; re-run `propscope calibrate`."
            )
        if labels is not None and len(bias) != labels:
            raise ValueError(
                f"{path} knows {len(bias)} techniques, the model {labels}: re-run "
                "`propscope calibrate` for this model."
            )
        return cls(table, bias)


def fit_technique_lexicon(
    articles: Sequence[tuple[str, Sequence[tuple[str, int, int]]]],
    labels: Sequence[str],
    *,
    c: float = DEFAULT_C,
) -> TechniqueLexicon:
    """Fit on (text, gold (technique, start, end) spans) pairs; `labels` orders the
    columns. Techniques without a gold span get a very low bias. Needs scikit-learn."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    index = {name: i for i, name in enumerate(labels)}
    rows: list[np.ndarray] = []
    gold: list[int] = []
    for text, spans in articles:
        for technique, start, end in spans:
            if technique not in index:
                raise ValueError(f"gold technique {technique!r} is not one of the model's labels")
            rows.append(lexicon_indices(text, start, end))
            gold.append(index[technique])
    seen = sorted(set(gold))
    if len(seen) < 2:
        raise ValueError(
            "a technique lexicon needs gold spans of at least two techniques: give "
            "labelled articles."
        )
    pointers = np.cumsum([0] + [len(r) for r in rows])
    x = csr_matrix(
        (np.ones(int(pointers[-1])), np.concatenate(rows), pointers),
        shape=(len(rows), BUCKETS),
    )
    x.sum_duplicates()
    model = LogisticRegression(C=c, max_iter=3000)
    model.fit(x, np.asarray(gold))
    table = np.zeros((BUCKETS, len(labels)), dtype=np.float32)
    bias = np.full(len(labels), -30.0)
    if len(seen) == 2:  # scikit-learn gives the log-odds of the second against the first
        table[:, seen[1]] = model.coef_[0]
        bias[seen] = (0.0, float(model.intercept_[0]))
    else:
        table[:, seen] = model.coef_.T
        bias[seen] = model.intercept_
    return TechniqueLexicon(table, bias)
