"""The learned verb cues of the attribution layer: which verbs the rules' word lists leave
out still attribute what follows them to their subject ("Trump wants to build a wall",
"voters support banning ...", "the senator voted for the bill").

A logistic regression over sparse, named features of one candidate verb (its lemma, what
follows it, its subject, ...), stored as JSON: a weight per feature name, a bias and the
decision threshold. Scoring is a sum of weights, so it needs neither numpy nor
scikit-learn. Trained by `python -m propscope.training.attribution_cues` (see the card
beside the weights); the features come from
`propscope.components.attribution.cue_candidates`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from propscope.errors import ModelError

__all__ = ["DEFAULT_CUE_MODEL", "CueModel", "load_cue_model", "shipped_cue_model"]

DEFAULT_CUE_MODEL = Path(__file__).parent / "attribution-cues" / "cues.json"
FORMAT = "propscope-attribution-cues/1"


@dataclass(frozen=True)
class CueModel:
    """Weights of a logistic regression over named binary features."""

    weights: dict[str, float]
    bias: float
    threshold: float
    version: str = "0"

    def score(self, features: Iterable[str]) -> float:
        """Probability that the candidate is a cue whose source the rules find right."""
        total = self.bias + sum(self.weights.get(name, 0.0) for name in features)
        if total < -30:
            return 0.0
        return 1.0 / (1.0 + math.exp(-total))

    def accepts(self, features: Iterable[str]) -> bool:
        return self.score(features) >= self.threshold

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": self.version,
            "threshold": self.threshold,
            "bias": self.bias,
            "weights": dict(sorted(self.weights.items())),
        }

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_dict(), indent=0) + "\n", encoding="utf-8")


def load_cue_model(path: str | Path) -> CueModel:
    """Read a model written by `CueModel.save`; a file that is not one raises ModelError."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ModelError(
            f"{path}: no attribution cue model here. Reinstall propscope, or train one with "
            "`python -m propscope.training.attribution_cues ../shared/data/polnear/train`."
        ) from exc
    except (OSError, ValueError) as exc:
        raise ModelError(f"{path}: not a readable attribution cue model ({exc}).") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ModelError(f"{path}: not an attribution cue model (expected format {FORMAT}).")
    try:
        weights = {str(k): float(v) for k, v in data["weights"].items()}
        return CueModel(
            weights=weights,
            bias=float(data["bias"]),
            threshold=float(data["threshold"]),
            version=str(data.get("version", "0")),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ModelError(f"{path}: a broken attribution cue model ({exc!r}).") from exc


@lru_cache(maxsize=1)
def shipped_cue_model() -> CueModel:
    """The model that ships with propscope (loaded once per process)."""
    return load_cue_model(DEFAULT_CUE_MODEL)
