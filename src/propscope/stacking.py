"""A second look at the technique classifier's choice, with what the network underuses.

The span classifier sees a span's hidden states and six surface features, but on
held-out articles it still underuses what those features say: a span whose words recur
across the article is more often Repetition, one in quotation marks more often
Name-calling, a short one more often Loaded language. A `TechniqueStacker` adds to
each technique's log-probability a bias and a weighted sum of nine surface features of
the span (`STACK_FEATURES`, standardised), then the softmax chooses again. It is a
multinomial logistic layer fitted on the held-out predictions of cross-validation
models for annotated spans (`propscope calibrate`,
`propscope.training.calibration.fit_technique_stacker`), and costs microseconds a span.

It is fitted on whole annotated phrases, and it is applied to such spans only: those a
caller gives (the shared task's TC, `propscope ptc predict --task tc`), kept in the
model's config.json under `given_spans`. On the fragments the tagger decodes by itself
it measured worse than the plain per-technique offsets (docs/experiments.md).

A stacker may also weigh the log-probabilities of the model's technique lexicon
(`propscope.technique_lexicon`, what the span's own words say) by `lexicon_weight`;
a weight of 0, the default and what older models have, leaves the lexicon out.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from propscope.encoding import QUOTES, capital_share, occurrences

__all__ = ["STACK_FEATURES", "TechniqueStacker", "stack_features"]

STACK_FEATURES = (
    "log_repeats",  # log(1 + other occurrences of the span's text in the article)
    "capitals",  # share of the span's letters that are capitals
    "quoted",  # a quotation mark opens the span or sits right before or after it
    "log_words",  # log(1 + words)
    "share_of_line",  # the span's length over its line's (sentence's) length
    "exclamation",  # the span holds a "!"
    "question_line",  # the span's line holds a "?"
    "in_title",  # the span is in the first line (the title)
    "short",  # three words or fewer
)


def stack_features(
    text: str, start: int, end: int, *, lowered_text: str | None = None
) -> list[float]:
    """The features of `text[start:end]` in the order of `STACK_FEATURES`.

    Pass `lowered_text` (`text.lower()`) when scoring many spans of one text.
    """
    span = text[start:end]
    lowered = lowered_text if lowered_text is not None else text.lower()
    repeats = occurrences(span, lowered)
    capitals = capital_share(span)
    before, after = text[max(0, start - 1) : start], text[end : end + 1]
    quoted = (before != "" and before in QUOTES) or (after != "" and after in QUOTES)
    quoted = quoted or (span[:1] != "" and span[:1] in QUOTES)
    words = len(span.split())
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    first_newline = text.find("\n")
    return [
        math.log1p(max(repeats, 1) - 1),
        capitals,
        float(quoted),
        math.log1p(words),
        len(span) / max(1, line_end - line_start),
        float("!" in span),
        float("?" in text[line_start:line_end]),
        float(first_newline < 0 or start < first_newline),
        float(words <= 3),
    ]


@dataclass(frozen=True, slots=True)
class TechniqueStacker:
    """log p'(technique) = log p(technique) + bias + ((features - mean) / scale) · weights
    + lexicon_weight · log q(technique), renormalised (q: the technique lexicon's).

    `weights` has one row per feature of `STACK_FEATURES` and one column per label of
    the model, in the model's label order.
    """

    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[tuple[float, ...], ...]
    bias: tuple[float, ...]
    lexicon_weight: float = 0.0

    def __post_init__(self) -> None:
        n = len(STACK_FEATURES)
        if len(self.mean) != n or len(self.scale) != n or len(self.weights) != n:
            raise ValueError(
                f"a technique stacker needs {n} means, scales and weight rows "
                f"({', '.join(STACK_FEATURES)})"
            )
        if any(len(row) != len(self.bias) for row in self.weights):
            raise ValueError("every weight row of a technique stacker needs one value per label")
        if any(s <= 0 for s in self.scale):
            raise ValueError("a technique stacker's scales must be positive")

    @property
    def labels(self) -> int:
        return len(self.bias)

    def shift(self, features: np.ndarray, lexicon: np.ndarray | None = None) -> np.ndarray:
        """What to add to the log-probabilities (or logits) of spans with `features`
        (n spans, len(STACK_FEATURES)) and, when the stacker weighs it, the lexicon's
        log-probabilities for them (n spans, labels): an (n, labels) array."""
        x = np.asarray(features, dtype=np.float64).reshape(-1, len(STACK_FEATURES))
        z = (x - np.asarray(self.mean)) / np.asarray(self.scale)
        out = np.asarray(self.bias) + z @ np.asarray(self.weights)
        if self.lexicon_weight:
            if lexicon is None:
                raise ValueError("this technique stacker weighs the technique lexicon: pass it")
            out = out + self.lexicon_weight * np.asarray(lexicon, dtype=np.float64)
        return out

    def to_config(self) -> dict[str, Any]:
        return {
            "features": list(STACK_FEATURES),
            "mean": [round(v, 6) for v in self.mean],
            "scale": [round(v, 6) for v in self.scale],
            "weights": [[round(v, 6) for v in row] for row in self.weights],
            "bias": [round(v, 6) for v in self.bias],
            **({"lexicon_weight": round(self.lexicon_weight, 6)} if self.lexicon_weight else {}),
        }

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> TechniqueStacker | None:
        """The `technique_stacker` entry of `config` (checked against its `labels`), or
        None when it has none."""
        entry = config.get("technique_stacker")
        if entry is None:
            return None
        features: Sequence[str] = entry.get("features", ())
        if tuple(features) != STACK_FEATURES:
            raise ValueError(
                f"the model's technique stacker uses features {list(features)}, this version "
                f"of propscope computes {list(STACK_FEATURES)}: re-run `propscope calibrate` "
                "for it"
            )
        labels = config.get("labels")
        stacker = cls(
            tuple(float(v) for v in entry["mean"]),
            tuple(float(v) for v in entry["scale"]),
            tuple(tuple(float(v) for v in row) for row in entry["weights"]),
            tuple(float(v) for v in entry["bias"]),
            float(entry.get("lexicon_weight", 0.0)),
        )
        if labels is not None and len(labels) != stacker.labels:
            raise ValueError(
                f"the model's technique stacker has {stacker.labels} labels, its config "
                f"{len(labels)}: re-run `propscope calibrate` for it"
            )
        return stacker
