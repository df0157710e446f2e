"""What both renderers read from an analysis dict: its spans, checked, and its summary."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from propscope.analysis import TechniqueSpan, summarize_techniques
from propscope.techniques import Technique, get_technique

__all__ = ["RenderSpan", "read_spans", "summary_of"]

_SUMMARY_KEYS = ("spans", "techniques", "covered_share")


@dataclass(frozen=True, slots=True)
class RenderSpan:
    index: int
    start: int
    end: int
    technique: Technique
    score: float


def read_spans(raw: list[Mapping[str, Any]], text: str) -> list[RenderSpan]:
    """Turn the dict's spans into `RenderSpan`s, refusing offsets outside the text."""
    spans = []
    for index, item in enumerate(raw):
        start, end = int(item["start"]), int(item["end"])
        if not 0 <= start < end <= len(text):
            raise ValueError(
                f"span {index} has offsets [{start}, {end}) but the document text has "
                f"{len(text)} characters; offsets must satisfy 0 <= start < end <= "
                f"{len(text)}. Was the analysis made from a different text?"
            )
        technique = get_technique(item["technique"])
        spans.append(RenderSpan(index, start, end, technique, float(item["score"])))
    return spans


def summary_of(data: Mapping[str, Any], text: str) -> Mapping[str, Any]:
    """The dict's summary, recomputed when a hand-built analysis left it empty."""
    summary = data.get("summary") or {}
    if all(key in summary for key in _SUMMARY_KEYS):
        return summary
    spans = [TechniqueSpan.from_dict(item) for item in data["techniques"]]
    return summarize_techniques(text, spans)
