"""The technique layer: propaganda spans, each with one of the 14 PTC techniques."""

from __future__ import annotations

import dataclasses
import numbers
import operator
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from propscope.analysis import Analysis, ClassifiedSpan, TechniqueSpan, summarize_techniques
from propscope.calibration import Calibration
from propscope.document import Document, refuse_surrogates
from propscope.encoding import Decoding, decode_spans
from propscope.errors import SettingError, SpanError
from propscope.furniture import find_furniture
from propscope.language import MIN_ENGLISH_SHARE, english_share
from propscope.language import not_english_note as _not_english
from propscope.models.runtime import DocumentScores, TechniqueModelRuntime
from propscope.pipeline import register_component

__all__ = ["LabelledSpan", "SpanPrediction", "TechniqueTagger", "make_technique_tagger"]


@dataclass(slots=True)
class SpanPrediction:
    """Model output for one document: candidate spans and technique probabilities."""

    spans: list[tuple[int, int, float]]  # start, end, span probability
    technique_probs: np.ndarray  # (n spans, n labels)


@dataclass(frozen=True, slots=True)
class LabelledSpan:
    """One span with one of its techniques, before it is scored for display."""

    start: int
    end: int
    technique: str
    span_probability: float  # the span's mean inside-probability
    technique_probability: float
    rank: int  # 0: the span's most likely technique, 1: its second


def not_english_note(share: float) -> str:
    return _not_english(
        "Techniques were read, but may be missed",
        share,
        "the technique model learned from English news: few spans, or none, say little "
        "about such a text",
    )


class TechniqueTagger:
    """Finds propaganda spans and names their technique.

    `predict` computes scores and has no side effects; `set_annotations` turns scores
    into `TechniqueSpan`s on the analyses. Tests can feed hand-made predictions to
    `set_annotations`.

    A span's `score` is the model's calibrated probability that the span uses the
    technique named (`propscope.calibration`), when the model ships a calibration and
    `calibrated` is true; otherwise the raw product of the span's and the technique's
    probabilities, which orders spans much the same way but overstates itself. Spans
    scored below `min_score` are left out.
    """

    name = "techniques"

    def __init__(
        self,
        *,
        model: str | Path | None = None,
        threshold: float | None = None,
        second_technique: float = 0.35,
        batch_rows: int = 16,
        calibrated: bool = True,
        min_score: float = 0.0,
        runtime: TechniqueModelRuntime | None = None,
    ) -> None:
        _check_probability("min_score", min_score, "0 shows every span")
        if threshold is not None:
            _check_probability("threshold", threshold, "a token's span probability to start a span")
        _check_probability("second_technique", second_technique, "0 always shows a second")
        if isinstance(batch_rows, bool) or not isinstance(batch_rows, int) or batch_rows < 1:
            raise SettingError(
                f"batch_rows is the number of windows the model reads at once, a whole number "
                f"from 1; got {batch_rows!r}"
            )
        self.min_score = min_score
        self.runtime = runtime or TechniqueModelRuntime(model)
        self.labels = self.runtime.labels
        self.calibration = Calibration.from_config(self.runtime.config) if calibrated else None
        decoding = Decoding.from_config(self.runtime.config)
        if threshold is not None:
            decoding = dataclasses.replace(decoding, threshold=float(threshold))
        self.decoding = decoding
        self.second_technique = second_technique
        self.batch_rows = batch_rows

    def model_info(self) -> dict[str, Any]:
        return {
            **self.runtime.info(),
            "threshold": self.decoding.threshold,
            "min_score": self.min_score,
            "scores": "calibrated" if self.calibration is not None else "raw",
        }

    @property
    def threshold(self) -> float:
        return self.decoding.threshold

    def scores(self, texts: Sequence[str]) -> list[DocumentScores]:
        return self.runtime.score_texts(texts, batch_rows=self.batch_rows)

    def predict(self, docs: Sequence[Document]) -> list[SpanPrediction]:
        texts = [doc.text for doc in docs]
        return [
            self.decode(text, scores)
            for text, scores in zip(texts, self.scores(texts), strict=True)
        ]

    def decode(self, text: str, scores: DocumentScores) -> SpanPrediction:
        """Spans from one text's token scores, with their technique probabilities."""
        spans = decode_spans(
            scores.encoded.offsets,
            scores.token_probs,
            text,
            threshold=self.decoding.threshold,
            smooth=self.decoding.smooth,
            merge_gap=self.decoding.merge_gap,
            seed=self.decoding.seed,
        )
        probs = self.runtime.classify_spans(text, scores, [(s, e) for s, e, _ in spans])
        return SpanPrediction(spans, probs)

    def classify(self, text: str, spans: Sequence[tuple[int, int]]) -> list[ClassifiedSpan]:
        """The technique of each passage `text[start:end]` the caller chose, as in the
        shared task's TC: the model reads the whole text, and the passages get the
        adjustments fitted for annotated phrases (`propscope.stacking`). A span that is
        not a passage of the text raises `SpanError` (a `ValueError`) before the model
        runs."""
        if not isinstance(text, str):
            raise TypeError(f"text must be str, got {type(text).__name__}")
        refuse_surrogates(text)
        if isinstance(spans, tuple) and len(spans) == 2 and all(isinstance(v, int) for v in spans):
            raise SpanError(
                f"spans is one pair {spans!r}: give a list of (start, end) pairs, "
                f"[{spans!r}] for one passage"
            )
        checked = []
        for i, span in enumerate(spans):
            try:
                start, end = (_offset(v) for v in span)
            except (TypeError, ValueError):
                raise SpanError(
                    f"span {i} is {span!r}: give each span as (start, end) whole-number "
                    "character offsets"
                ) from None
            if not 0 <= start < end <= len(text) or not text[start:end].strip():
                raise SpanError(
                    f"span {i} ({start}, {end}) is not a passage of the text (0 to "
                    f"{len(text)} characters, start before end, not only whitespace): "
                    "give [start, end) offsets into the text passed"
                )
            checked.append((start, end))
        if not checked:
            return []
        scores = self.scores([text])[0]
        probs = self.runtime.classify_spans(text, scores, checked, given=True)
        out = []
        for (start, end), row in zip(checked, probs, strict=True):
            order = np.argsort(-row, kind="stable")
            ranked = tuple((self.labels[j], round(float(row[j]), 4)) for j in order)
            out.append(ClassifiedSpan(start, end, text[start:end], ranked))
        return out

    def labelled(self, prediction: SpanPrediction) -> Iterator[LabelledSpan]:
        """Each span with its first technique, and its second when that is at least
        `second_technique` likely: what `set_annotations` shows."""
        for (start, end, span_p), probs in zip(
            prediction.spans, prediction.technique_probs, strict=True
        ):
            ranked = np.argsort(-probs)
            for rank, k in enumerate(ranked[:2]):
                if rank == 1 and probs[k] < self.second_technique:
                    break
                yield LabelledSpan(start, end, self.labels[int(k)], span_p, float(probs[k]), rank)

    def set_annotations(
        self,
        docs: Sequence[Document],
        analyses: Sequence[Analysis],
        predictions: Sequence[SpanPrediction],
    ) -> None:
        for doc, analysis, pred in zip(docs, analyses, predictions, strict=True):
            found = [
                TechniqueSpan(
                    start=span.start,
                    end=span.end,
                    technique=span.technique,
                    score=self.span_score(
                        span.span_probability,
                        span.technique_probability,
                        span.rank,
                        span.end - span.start,
                    ),
                    text=doc.text[span.start : span.end],
                )
                for span in self.labelled(pred)
            ]
            # A page's furniture ("Sorry, we just need to make sure you're not a robot.")
            # is not the article's writing.
            furniture = find_furniture(doc.text)
            found = [
                s
                for s in found
                if s.score >= self.min_score
                and 2 * furniture.covered(s.start, s.end) < s.end - s.start
            ]
            found.sort(key=lambda s: (s.start, s.end, -s.score))
            analysis.techniques = found
            analysis.summary.update(summarize_techniques(doc.text, found))
            share = english_share(doc.text)
            if share is not None and share < MIN_ENGLISH_SHARE:
                analysis.notes.append(not_english_note(share))

    def span_score(
        self, span_probability: float, technique_probability: float, rank: int, chars: int
    ) -> float:
        """The score shown for a span labelled with its `rank`-th technique (0: first)."""
        if self.calibration is not None:
            return self.calibration.score(
                span_probability, technique_probability, rank=rank, chars=chars
            )
        return float(np.clip(span_probability * technique_probability, 0.0, 1.0))

    def __call__(self, docs: Sequence[Document], analyses: Sequence[Analysis]) -> None:
        self.set_annotations(docs, analyses, self.predict(docs))


def _offset(value: object) -> int:
    """A character offset: a whole number (numpy's too), never a float cut short or a bool."""
    if isinstance(value, bool):
        raise TypeError("a bool is not an offset")
    return operator.index(value)  # type: ignore[arg-type]


def _check_probability(name: str, value: object, meaning: str) -> None:
    # numbers.Real takes numpy's floats too (np.float32(0.5) is no Python float)
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not 0 <= float(value) <= 1:
        raise SettingError(f"{name} is a probability, from 0 to 1 ({meaning}); got {value!r}")


@register_component(
    "techniques",
    defaults={
        "model": None,
        "threshold": None,
        "second_technique": 0.35,
        "batch_rows": 16,
        "calibrated": True,
        "min_score": 0.0,
    },
    description="Propaganda spans with one of the 14 PTC techniques (MiniLM, int8 ONNX).",
)
def make_technique_tagger(
    *,
    model: str | Path | None,
    threshold: float | None,
    second_technique: float,
    batch_rows: int,
    calibrated: bool,
    min_score: float,
) -> TechniqueTagger:
    return TechniqueTagger(
        model=model,
        threshold=threshold,
        second_technique=second_technique,
        batch_rows=batch_rows,
        calibrated=calibrated,
        min_score=min_score,
    )
