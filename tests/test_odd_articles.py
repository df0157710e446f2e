"""Issue 4's odd inputs through every default layer of the shipped analyzer: no headline,
a headline only, one sentence, a body in another language. Each is analyzed with the
layers that apply; the others say why they do not; no verdict comes from nothing."""

from __future__ import annotations

import pytest

import propscope

pytestmark = pytest.mark.model

BODY = (
    "The harbour council voted on Tuesday to close the old ferry pier for repairs. "
    "The mayor said the work would take about three months and cost 1.2 million dollars. "
    "Critics called the plan a reckless waste of money, but the council said the pier was "
    "no longer safe for passengers."
)


def _offsets_hold(analysis: propscope.Analysis) -> None:
    text = analysis.document.text
    for span in analysis.techniques or []:
        assert text[span.start : span.end] == span.text


def test_no_headline_gives_no_stance_and_says_why() -> None:
    analysis = propscope.analyze(BODY)
    assert analysis.document.title is None
    assert analysis.headline is not None
    assert analysis.headline.stance is None
    assert analysis.headline.evidence == ()
    assert any("no headline" in note for note in analysis.headline.notes)
    assert analysis.techniques is not None
    assert analysis.attributions is not None  # "The mayor said ..." still counts
    assert any(a.source and "mayor" in a.source.text for a in analysis.attributions)
    _offsets_hold(analysis)


def test_a_headline_only_gives_no_stance_and_says_why() -> None:
    analysis = propscope.analyze("", title="Harbour council closes the old ferry pier")
    assert analysis.document.title == "Harbour council closes the old ferry pier"
    assert analysis.headline is not None
    assert analysis.headline.stance is None
    assert any("no body" in note for note in analysis.headline.notes)
    assert analysis.headline.updates == ()
    _offsets_hold(analysis)


def test_one_sentence_gives_no_stance_and_says_why() -> None:
    analysis = propscope.analyze(
        "The council closed the pier.", title="Harbour council closes the old ferry pier"
    )
    assert analysis.headline.stance is None
    assert any("too little to judge" in note for note in analysis.headline.notes)
    _offsets_hold(analysis)


def test_a_body_in_another_language_gives_no_stance_and_says_why() -> None:
    german = (
        "Der Stadtrat hat am Dienstag beschlossen, den alten Fähranleger wegen Reparaturen "
        "zu schließen. Die Arbeiten sollen etwa drei Monate dauern und 1,2 Millionen Euro "
        "kosten, sagte die Bürgermeisterin. Kritiker nannten den Plan eine Verschwendung."
    )
    analysis = propscope.analyze(german, title="Harbour council closes the old ferry pier")
    assert analysis.headline.stance is None
    assert any("English" in note for note in analysis.headline.notes)
    _offsets_hold(analysis)


def test_a_normal_article_gets_a_stance_with_evidence_from_its_body() -> None:
    analysis = propscope.analyze(BODY, title="Harbour council closes the old ferry pier")
    headline = analysis.headline
    assert headline.stance in ("agree", "discuss")
    assert headline.evidence
    body_start = analysis.document.body_start
    assert all(e.start >= body_start for e in headline.evidence)
    assert set(headline.stance_scores) == {"agree", "disagree", "discuss", "unrelated"}
