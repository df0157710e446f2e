"""The one result type: what propscope found in a document.

An `Analysis` is plain data. Every span is [start, end) in character offsets into
`Analysis.document.text`; `to_dict()` gives the JSON shape that the CLI prints, the
HTML report renders and other tools read. Layers a run did not compute are `None` and
absent from the dict, never empty lists pretending to be results.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from propscope.document import Document
from propscope.errors import UnknownTechniqueError
from propscope.techniques import TECHNIQUE_NAMES

__all__ = ["Analysis", "TechniqueSpan", "covered_characters", "summarize_techniques"]

SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True)
class TechniqueSpan:
    """One passage using one technique. A passage with two techniques is two spans."""

    start: int
    end: int
    technique: str
    score: float
    text: str = ""

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"need 0 <= start < end, got [{self.start}, {self.end})")
        if self.technique not in TECHNIQUE_NAMES:
            raise UnknownTechniqueError(
                f"unknown technique {self.technique!r}; expected one of {TECHNIQUE_NAMES}"
            )
        if not 0.0 <= self.score <= 1.0:
            raise ValueError(f"score must be in [0, 1], got {self.score}")

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "technique": self.technique,
            "score": round(self.score, 4),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TechniqueSpan:
        return cls(
            start=int(data["start"]),
            end=int(data["end"]),
            technique=data["technique"],
            score=float(data["score"]),
            text=data.get("text", ""),
        )


@dataclass(slots=True)
class Analysis:
    document: Document
    techniques: list[TechniqueSpan] | None = None
    summary: dict[str, Any] = field(default_factory=dict)
    model: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"schema": SCHEMA_VERSION, "document": self.document.to_dict()}
        if self.techniques is not None:
            out["techniques"] = [s.to_dict() for s in self.techniques]
        out["summary"] = dict(self.summary)
        if self.model:
            out["model"] = dict(self.model)
        if self.notes:
            out["notes"] = list(self.notes)
        return out

    def to_json(self, *, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        techniques = data.get("techniques")
        return cls(
            document=Document.from_dict(data["document"]),
            techniques=None
            if techniques is None
            else [TechniqueSpan.from_dict(t) for t in techniques],
            summary=dict(data.get("summary") or {}),
            model=dict(data.get("model") or {}),
            notes=list(data.get("notes") or []),
        )


def covered_characters(spans: list[TechniqueSpan]) -> int:
    """Number of characters inside at least one span."""
    total = 0
    last_end = -1
    for s in sorted(spans, key=lambda s: (s.start, s.end)):
        start = max(s.start, last_end)
        if s.end > start:
            total += s.end - start
        last_end = max(last_end, s.end)
    return total


_WORD = re.compile(r"\w+")


def summarize_techniques(text: str, spans: list[TechniqueSpan]) -> dict[str, Any]:
    """Counts per technique, and how much of the text the spans cover."""
    counts = Counter(s.technique for s in spans)
    words = len(_WORD.findall(text))
    covered = covered_characters(spans)
    return {
        "spans": len(spans),
        "techniques": {name: counts[name] for name in TECHNIQUE_NAMES if counts[name]},
        "characters": len(text),
        "words": words,
        "covered_characters": covered,
        "covered_share": round(covered / len(text), 4) if text else 0.0,
        "spans_per_1000_words": round(1000 * len(spans) / words, 2) if words else 0.0,
    }
