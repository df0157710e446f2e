"""Hand-made components for tests that need no model."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from propscope import Analysis, Document, TechniqueSpan
from propscope.analysis import summarize_techniques
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


def figure_minded_model() -> CheckworthyModel:
    """A hand-made check-worthiness model: sentences with the figures 400 or 40, or
    about jobs and estimates, score high; others score low (intercept -2)."""
    terms = ["400", "40", "jobs", "estimates", "council"]
    return CheckworthyModel(
        terms, np.ones(len(terms)), np.array([6.0, 6.0, 4.0, 4.0, 1.0]), -2.0, n_max=1
    )
