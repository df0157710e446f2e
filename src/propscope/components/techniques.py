"""The technique layer: propaganda spans, each with one of the 14 PTC techniques."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from propscope.analysis import Analysis, TechniqueSpan, summarize_techniques
from propscope.document import Document
from propscope.encoding import Decoding, decode_spans
from propscope.models.runtime import DocumentScores, TechniqueModelRuntime
from propscope.pipeline import register_component

__all__ = ["SpanPrediction", "TechniqueTagger", "make_technique_tagger"]


@dataclass(slots=True)
class SpanPrediction:
    """Model output for one document: candidate spans and technique probabilities."""

    spans: list[tuple[int, int, float]]  # start, end, span probability
    technique_probs: np.ndarray  # (n spans, n labels)


class TechniqueTagger:
    """Finds propaganda spans and names their technique.

    `predict` computes scores and has no side effects; `set_annotations` turns scores
    into `TechniqueSpan`s on the analyses. Tests can feed hand-made predictions to
    `set_annotations`.
    """

    name = "techniques"

    def __init__(
        self,
        *,
        model: str | Path | None = None,
        threshold: float | None = None,
        second_technique: float = 0.35,
        batch_rows: int = 16,
        runtime: TechniqueModelRuntime | None = None,
    ) -> None:
        self.runtime = runtime or TechniqueModelRuntime(model)
        self.labels = self.runtime.labels
        decoding = Decoding.from_config(self.runtime.config)
        if threshold is not None:
            decoding = dataclasses.replace(decoding, threshold=float(threshold))
        self.decoding = decoding
        self.second_technique = second_technique
        self.batch_rows = batch_rows

    def model_info(self) -> dict[str, Any]:
        return {**self.runtime.info(), "threshold": self.decoding.threshold}

    @property
    def threshold(self) -> float:
        return self.decoding.threshold

    def scores(self, texts: Sequence[str]) -> list[DocumentScores]:
        return self.runtime.score_texts(texts, batch_rows=self.batch_rows)

    def predict(self, docs: Sequence[Document]) -> list[SpanPrediction]:
        texts = [doc.text for doc in docs]
        out = []
        for text, scores in zip(texts, self.scores(texts), strict=True):
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
            out.append(SpanPrediction(spans, probs))
        return out

    def set_annotations(
        self,
        docs: Sequence[Document],
        analyses: Sequence[Analysis],
        predictions: Sequence[SpanPrediction],
    ) -> None:
        for doc, analysis, pred in zip(docs, analyses, predictions, strict=True):
            found: list[TechniqueSpan] = []
            for (start, end, span_p), probs in zip(pred.spans, pred.technique_probs, strict=True):
                ranked = np.argsort(-probs)
                for rank, k in enumerate(ranked[:2]):
                    if rank == 1 and probs[k] < self.second_technique:
                        break
                    found.append(
                        TechniqueSpan(
                            start=start,
                            end=end,
                            technique=self.labels[int(k)],
                            score=float(np.clip(span_p * probs[k], 0.0, 1.0)),
                            text=doc.text[start:end],
                        )
                    )
            found.sort(key=lambda s: (s.start, s.end, -s.score))
            analysis.techniques = found
            analysis.summary.update(summarize_techniques(doc.text, found))

    def __call__(self, docs: Sequence[Document], analyses: Sequence[Analysis]) -> None:
        self.set_annotations(docs, analyses, self.predict(docs))


@register_component(
    "techniques",
    defaults={"model": None, "threshold": None, "second_technique": 0.35, "batch_rows": 16},
    description="Propaganda spans with one of the 14 PTC techniques (MiniLM, int8 ONNX).",
)
def make_technique_tagger(
    *,
    model: str | Path | None,
    threshold: float | None,
    second_technique: float,
    batch_rows: int,
) -> TechniqueTagger:
    return TechniqueTagger(
        model=model,
        threshold=threshold,
        second_technique=second_technique,
        batch_rows=batch_rows,
    )
