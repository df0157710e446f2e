from __future__ import annotations

import copy
import json
import re

import pytest

from propscope import Analysis, Document, TechniqueSpan
from propscope.analysis import covered_characters, summarize_techniques


def _span(start: int, end: int, technique: str = "Loaded_Language", score: float = 0.9):
    return TechniqueSpan(start, end, technique, score)


def test_span_contract_is_checked() -> None:
    with pytest.raises(ValueError, match="start < end"):
        _span(5, 5)
    with pytest.raises(ValueError, match="unknown technique"):
        _span(0, 3, technique="Sarcasm")
    with pytest.raises(ValueError, match="score"):
        _span(0, 3, score=1.5)


def test_covered_characters_counts_overlaps_once() -> None:
    spans = [_span(0, 10), _span(5, 15), _span(20, 25), _span(21, 22)]
    # [0, 15) and [20, 25): 15 + 5
    assert covered_characters(spans) == 20


def test_summary_counts_techniques_and_share() -> None:
    text = "one two three four five six seven eight nine ten"  # 49 chars, 10 words
    spans = [_span(0, 7), _span(0, 7, "Name_Calling,Labeling"), _span(14, 18)]
    summary = summarize_techniques(text, spans)
    assert summary["spans"] == 3
    assert summary["techniques"] == {"Loaded_Language": 2, "Name_Calling,Labeling": 1}
    assert summary["covered_characters"] == 11
    assert summary["covered_share"] == round(11 / len(text), 4)
    assert summary["words"] == 10
    assert summary["spans_per_1000_words"] == 300.0


def test_layers_not_computed_are_absent_not_empty() -> None:
    analysis = Analysis(document=Document.from_text("T\n\nBody"))
    data = analysis.to_dict()
    assert "techniques" not in data
    analysis.techniques = []
    assert analysis.to_dict()["techniques"] == []


def test_json_round_trip_keeps_offsets_into_the_text() -> None:
    doc = Document.from_text("Headline\n\nThe corrupt elite lied again.")
    start = doc.text.index("corrupt elite")
    span = TechniqueSpan(start, start + 13, "Name_Calling,Labeling", 0.75, "corrupt elite")
    analysis = Analysis(document=doc, techniques=[span], summary={"spans": 1})
    data = json.loads(analysis.to_json())
    assert set(data) >= {"document", "techniques", "summary"}
    got = data["techniques"][0]
    assert data["document"]["text"][got["start"] : got["end"]] == "corrupt elite"
    assert Analysis.from_dict(data).techniques == [span]
    data["techniques"][0]["end"] = len(doc.text) + 1  # a record edited out of shape
    with pytest.raises(ValueError, match=r"technique span 0 is \[\d+, \d+\), outside"):
        Analysis.from_dict(data)


def test_from_dict_checks_the_spans_of_every_layer() -> None:
    """Only the technique spans' bounds were checked: a claim at [5000, 5010) of an
    86-character text was taken, and failed later in the renderer (API audit, session 27)."""
    from propscope import Analyzer

    text = "Council cuts jobs\n\nThe council said 1,200 jobs would go. Others said 12,000 would."
    good = Analyzer(["figures", "claims"]).analyze(text).to_dict()
    assert Analysis.from_dict(good).document.text == text
    for layer, field in (("claims", "start"), ("figures", "start")):
        bad = copy.deepcopy(good)
        bad[layer][0].update({field: 5000, "end": 5010})
        with pytest.raises(ValueError):
            Analysis.from_dict(bad)
    moved = copy.deepcopy(good)
    moved["techniques"] = [
        {"start": 0, "end": 7, "technique": "Loaded_Language", "score": 0.5, "text": "Council"}
    ]
    assert Analysis.from_dict(moved).techniques is not None
    moved["techniques"][0].update(start=3, end=10)
    with pytest.raises(ValueError, match="says 'Council', but the document has"):
        Analysis.from_dict(moved)


def test_from_dict_names_what_a_record_lacks_and_refuses_another_schema() -> None:
    """A missing field was a bare KeyError, a claim naming attribution 999 passed and
    broke both renderers, and a record of schema 2 was read as 1 (review, session 49)."""
    from propscope import Analyzer

    text = "Council cuts jobs\n\nThe council said 1,200 jobs would go. Others said 12,000 would."
    good = Analyzer(["figures", "attributions", "claims"]).analyze(text).to_dict()
    assert Analysis.from_json(json.dumps(good)).to_dict() == good
    cases = [
        (lambda d: d["claims"][0].update(attribution=999), "claim 0 names attribution 999"),
        (lambda d: d.pop("document"), "lacks the field 'document'"),
        (lambda d: d["claims"][0].pop("checkworthiness"), "lacks the field 'checkworthiness'"),
        (lambda d: d["document"].update(text=None), "document.text must be a str"),
        (lambda d: d.update(schema=2), "schema 2; this propscope reads schema 1"),
    ]
    for edit, message in cases:
        bad = copy.deepcopy(good)
        edit(bad)
        with pytest.raises(ValueError, match=re.escape(message)):
            Analysis.from_dict(bad)
    with pytest.raises(TypeError, match=r"use Analysis\.from_json"):
        Analysis.from_dict(json.dumps(good))  # type: ignore[arg-type]
