"""Hand-made components for tests that need no model."""

from __future__ import annotations

from collections.abc import Sequence

from propscope import Analysis, Document, TechniqueSpan
from propscope.analysis import summarize_techniques


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
