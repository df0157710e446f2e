"""Confidence a reader can take at its word.

The technique layer's raw numbers (the span's mean inside-probability times the
technique's probability) rank spans well but are not probabilities of being right: on
held-out articles the shipped model's averaged 0.27 for spans right 23% of the time,
and its highest ones overstated themselves most. A `Calibration` maps them to the
probability that the span really uses the technique named, fitted on held-out
predictions of cross-validation models (`propscope calibrate`,
`propscope.training.calibration`). It is a logistic regression over four named
features, then a non-decreasing curve (isotonic regression) from the regression's
output to the share of held-out spans that were right, so that no score claims more
than held-out spans like it achieved. Both are kept in the model's config.json.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

__all__ = ["FEATURES", "Calibration", "calibration_features"]

FEATURES = ("span_logit", "technique_logit", "second_choice", "log_chars")

_EPS = 1e-4


def _logit(p: float) -> float:
    p = min(max(p, _EPS), 1.0 - _EPS)
    return math.log(p / (1.0 - p))


def calibration_features(
    span_probability: float, technique_probability: float, *, rank: int, chars: int
) -> list[float]:
    """The features of one labelled span, in the order of `FEATURES`.

    `rank` is 0 for the span's most likely technique and 1 for its second choice;
    `chars` is the span's length in characters.
    """
    return [
        _logit(span_probability),
        _logit(technique_probability),
        1.0 if rank else 0.0,
        math.log(max(chars, 1)),
    ]


@dataclass(frozen=True, slots=True)
class Calibration:
    """P(right) = curve(sigmoid(bias + weights · features)).

    `curve` is (x, y): the points of a non-decreasing piecewise-linear map on [0, 1],
    flat beyond its ends; empty, the logistic's output is the score.
    """

    weights: tuple[float, ...]
    bias: float
    curve: tuple[tuple[float, ...], tuple[float, ...]] = ((), ())

    def __post_init__(self) -> None:
        if len(self.weights) != len(FEATURES):
            raise ValueError(
                f"a calibration needs {len(FEATURES)} weights ({', '.join(FEATURES)}), "
                f"got {len(self.weights)}"
            )
        xs, ys = self.curve
        if len(xs) != len(ys):
            raise ValueError("a calibration curve needs one y for every x")
        if any(b < a for a, b in pairwise(xs)) or any(b < a for a, b in pairwise(ys)):
            raise ValueError("a calibration curve must be non-decreasing in x and in y")

    def score(
        self, span_probability: float, technique_probability: float, *, rank: int, chars: int
    ) -> float:
        return self.apply_curve(
            self.logistic(span_probability, technique_probability, rank=rank, chars=chars)
        )

    def logistic(
        self, span_probability: float, technique_probability: float, *, rank: int, chars: int
    ) -> float:
        """The regression's output, before the curve."""
        x = calibration_features(span_probability, technique_probability, rank=rank, chars=chars)
        z = self.bias + sum(w * v for w, v in zip(self.weights, x, strict=True))
        if z >= 0:
            return 1.0 / (1.0 + math.exp(-z))
        e = math.exp(z)
        return e / (1.0 + e)

    def apply_curve(self, p: float) -> float:
        xs, ys = self.curve
        if not xs:
            return p
        if p <= xs[0]:
            return ys[0]
        if p >= xs[-1]:
            return ys[-1]
        i = bisect.bisect_right(xs, p)
        x0, x1, y0, y1 = xs[i - 1], xs[i], ys[i - 1], ys[i]
        return y0 if x1 == x0 else y0 + (y1 - y0) * (p - x0) / (x1 - x0)

    def to_config(self) -> dict[str, Any]:
        return {
            "features": list(FEATURES),
            "weights": [round(w, 6) for w in self.weights],
            "bias": round(self.bias, 6),
            "curve": {
                "x": [round(v, 6) for v in self.curve[0]],
                "y": [round(v, 6) for v in self.curve[1]],
            },
        }

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> Calibration | None:
        """The `calibration` entry of a model's config.json, or None when it has none."""
        entry = config.get("calibration")
        if entry is None:
            return None
        features: Sequence[str] = entry.get("features", ())
        if tuple(features) != FEATURES:
            raise ValueError(
                f"the model's calibration uses features {list(features)}, this version of "
                f"propscope computes {list(FEATURES)}: re-run `propscope calibrate` for it"
            )
        curve = entry.get("curve") or {}
        return cls(
            tuple(float(w) for w in entry["weights"]),
            float(entry["bias"]),
            (
                tuple(float(v) for v in curve.get("x", ())),
                tuple(float(v) for v in curve.get("y", ())),
            ),
        )
