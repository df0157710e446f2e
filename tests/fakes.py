"""Hand-made components for tests that need no model."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from propscope import Analysis, ClassifiedSpan, Document, TechniqueSpan
from propscope.analysis import AttributedSpan, summarize_techniques
from propscope.errors import SpanError
from propscope.models.checkworthy import CheckworthyModel


class Shouter:
    """Marks every word in capitals (three letters or more) as loaded language."""

    name = "shouter"

    def __call__(self, docs: Sequence[Document], analyses: Sequence[Analysis]) -> None:
        for doc, analysis in zip(docs, analyses, strict=True):
            spans = []
            pos = 0
            for word in doc.text.split():
                start = doc.text.index(word, pos)
                pos = start + len(word)
                if word.isupper() and len(word) > 2:
                    spans.append(TechniqueSpan(start, pos, "Loaded_Language", 0.8, word))
            analysis.techniques = spans
            analysis.summary.update(summarize_techniques(doc.text, spans))


RANKED_AFTER = (
    "Loaded_Language",
    "Name_Calling,Labeling",
    "Exaggeration,Minimisation",
    "Flag-Waving",
    "Slogans",
    "Repetition",
)


class Ranker(Shouter):
    """The shouter, which also ranks the techniques of passages a caller chooses, as
    `TechniqueTagger.classify` does: a passage holding a word in capitals (three letters
    or more) is most likely loaded language, any other doubt; six techniques are ranked,
    0.5 first. `calls` keeps what it was asked, `asked` the passages."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, list[tuple[int, int]]]] = []

    @property
    def asked(self) -> list[str]:
        return [text[start:end] for text, spans in self.calls for start, end in spans]

    def classify(self, text: str, spans: Sequence[tuple[int, int]]) -> list[ClassifiedSpan]:
        self.calls.append((text, list(spans)))
        out = []
        for i, (start, end) in enumerate(spans):
            if not 0 <= start < end <= len(text) or not text[start:end].strip():
                raise SpanError(f"span {i} ({start}, {end}) is not a passage of the text")
            passage = text[start:end]
            shouts = any(word.isupper() and len(word) > 2 for word in passage.split())
            first = "Loaded_Language" if shouts else "Doubt"
            others = [name for name in RANKED_AFTER if name != first]
            ranked = ((first, 0.5), *zip(others, (0.2, 0.1, 0.08, 0.07, 0.05), strict=False))
            out.append(ClassifiedSpan(start, end, passage, ranked))
        return out


def figure_minded_model() -> CheckworthyModel:
    """A hand-made check-worthiness model: sentences with the figures 400 or 40, or
    about jobs and estimates, score high; others score low (intercept -2)."""
    terms = ["400", "40", "jobs", "estimates", "council"]
    return CheckworthyModel(
        terms, np.ones(len(terms)), np.array([6.0, 6.0, 4.0, 4.0, 1.0]), -2.0, n_max=1
    )


def span_at(text: str, passage: str, nth: int = 0) -> AttributedSpan:
    """The `nth` occurrence of `passage` in `text` (from 0), as a span."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(passage, start + 1)
    return AttributedSpan(start, start + len(passage), passage)
