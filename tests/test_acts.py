"""Acts: statements whose content is a phrase a cue acts on ("thanked | Ritter"), not
words a source said (`Attribution.act`). PolNeAR counts them as attributions, so the
layer keeps them; no figure or claim is counted as their source's words, and the views
list them as what the source did.

Rule tests need spaCy and its English model (skipped where missing, failing under
CI=true); the rest build their statements by hand.
"""

from __future__ import annotations

import pytest
from rich.console import Console

from propscope import Analysis, Document
from propscope.analysis import (
    AttributedSpan,
    Attribution,
    Claim,
    Figure,
    link_claims_to_attributions,
    link_figures_to_attributions,
)
from propscope.components.attribution import find_attributions
from propscope.corpus import CorpusFigures
from propscope.render._spans import statement_count
from propscope.render.html import render_html
from propscope.render.terminal import render_terminal

TEXT = (
    "Rally\n\n"
    "Senator Ann Reed voted for the <b>$700 billion</b> bailout. "
    "Reed said the bill would cost 9 billion dollars."
)


def span(passage: str) -> AttributedSpan:
    start = TEXT.index(passage)
    return AttributedSpan(start, start + len(passage), passage)


ACT = Attribution(
    span("Senator Ann Reed"),
    span("voted for"),
    span("the <b>$700 billion</b> bailout"),
    "person",
    act=True,
)
SAID = Attribution(
    AttributedSpan(TEXT.index("Reed said"), TEXT.index("Reed said") + 4, "Reed"),
    span("said"),
    span("the bill would cost 9 billion dollars"),
    "person",
)


def test_act_is_in_the_json_and_read_back() -> None:
    data = ACT.to_dict()
    assert data["act"] is True and SAID.to_dict()["act"] is False
    assert Attribution.from_dict(data) == ACT
    # An analysis written before the field existed reads as words said.
    del data["act"]
    assert Attribution.from_dict(data).act is False
    with pytest.raises(ValueError, match="true or false"):
        Attribution.from_dict({**ACT.to_dict(), "act": "yes"})


def test_only_a_third_party_statement_is_an_act() -> None:
    with pytest.raises(ValueError, match="kind is 'author'"):
        Attribution(span("Senator"), span("voted for"), span("the"), "author", act=True)


def test_no_figure_in_an_act_is_said_by_its_source() -> None:
    start = TEXT.index("$700 billion")
    figure = Figure(start, start + len("$700 billion"), 7e8, 7e8, 7e8, "dollars")
    assert link_figures_to_attributions([figure], [ACT])[0].source is None
    # The same statement as words said holds it.
    plain = Attribution(ACT.source, ACT.cue, ACT.content, "person")
    assert link_figures_to_attributions([figure], [plain])[0].source == 0


def test_no_sentence_is_an_acts_source_claim() -> None:
    claim = Claim(TEXT.index("Senator"), TEXT.index(" Reed said"), 0.7)
    assert link_claims_to_attributions([claim], [ACT])[0].attribution is None
    plain = Attribution(ACT.source, ACT.cue, ACT.content, "person")
    assert link_claims_to_attributions([claim], [plain])[0].attribution == 0


def test_statement_count_counts_acts_apart() -> None:
    assert statement_count([SAID, SAID]) == "2 statements"
    assert statement_count([SAID, ACT]) == "1 statement, 1 act"
    assert statement_count([ACT, ACT]) == "2 acts"
    assert statement_count([]) == "0 statements"


def _analysis() -> Analysis:
    return Analysis(document=Document.from_text(TEXT), attributions=[ACT, SAID])


def test_the_terminal_lists_an_act_as_what_the_source_did() -> None:
    console = Console(width=200, record=True, color_system=None)
    console.print(render_terminal(_analysis().to_dict()))
    shown = console.export_text()
    assert "voted for the <b>$700 billion</b> bailout" in shown
    assert "“the <b>$700 billion</b> bailout”" not in shown
    assert "said: “the bill would cost 9 billion dollars”" in shown
    assert "1 attributed statement and 1 act from 1 source" in shown
    assert "Senator Ann Reed · person · 1 statement, 1 act" in shown


def test_the_report_lists_an_act_without_quotation_marks_and_escaped() -> None:
    page = render_html(_analysis().to_dict())
    assert (
        '<li class="act"><span class="cue">voted for</span> '
        "the &lt;b&gt;$700 billion&lt;/b&gt; bailout</li>"
    ) in page
    assert "<b>$700" not in page
    assert '<span class="count">1 statement, 1 act</span>' in page
    assert 'data-said="1 statement, 1 act by Senator Ann Reed (person)"' in page
    assert "An act is something a source did" in page
    assert "An act is" not in render_html(
        Analysis(Document.from_text(TEXT), attributions=[SAID]).to_dict()
    )


def test_the_corpus_counts_a_source_for_what_it_said() -> None:
    figures = CorpusFigures()
    only_acts = Analysis(document=Document.from_text(TEXT), attributions=[ACT])
    figures.add(only_acts.to_dict())
    assert figures.tables()["sources"] == []
    figures.add(_analysis().to_dict())
    [row] = figures.tables()["sources"]
    assert row["statements"] == 1 and row["articles"] == 1


@pytest.mark.parametrize(
    ("text", "cue", "act"),
    [
        ("Biden thanked Ritter for his service.", "thanked", True),
        ("He had voted against the first Gulf War.", "had voted against", True),
        ("Smith praised the decision.", "praised", True),
        ("Western sources estimated 12,000 fighters.", "estimated", False),
        ("The minister denied the report.", "denied", False),
        ("Jones said the war was a mistake.", "said", False),
        ("Lee praised “the bravest decision”.", "praised", False),
        ("The study found higher rates of disease.", "found", False),
        ("Trump lamented the loss of 70,000 jobs.", "lamented", False),
        ("She found two coins on the ground.", "found", True),
        ("Most bridges are safe, according to three engineers.", "according to", False),
    ],
)
def test_which_statements_are_acts(nlp, text: str, cue: str, act: bool) -> None:  # type: ignore[no-untyped-def]
    [item] = [a for a in find_attributions(text, nlp=nlp) if a.cue is not None]
    assert item.cue is not None and item.cue.text == cue
    assert item.act is act


def test_an_actor_is_no_source_of_its_acts(nlp) -> None:  # type: ignore[no-untyped-def]
    from propscope.components.actors import find_actors

    actors = find_actors(TEXT, nlp=nlp, attributions=[ACT, SAID])
    [reed] = [a for a in actors if a.name.endswith("Reed")]
    assert reed.sources == (1,)  # what Reed said, not the bailout Reed voted for
