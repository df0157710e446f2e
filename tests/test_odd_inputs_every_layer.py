"""Odd inputs through the default analyzer, every layer: text in another language, one
line, no sentence punctuation, and an article of more than a megabyte. Each is analyzed
with the layers that apply; each layer that does not apply is absent with a note saying
why; nothing crashes and no layer is invented from nothing."""

from __future__ import annotations

import pytest

import propscope
from propscope import Analysis
from propscope.pipeline import DEFAULT_COMPONENTS

pytestmark = pytest.mark.model

# The default components, each of which writes the layer of its name.
LAYERS = DEFAULT_COMPONENTS


@pytest.fixture(scope="module")
def analyzer() -> propscope.Analyzer:
    return propscope.default_analyzer()


def layers_of(analysis: Analysis) -> set[str]:
    data = analysis.to_dict()
    assert set(data["document"]) >= {"id", "title", "text"}
    return {layer for layer in LAYERS if layer in data}


def test_a_text_in_another_language_gets_notes_not_invented_layers(analyzer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Der Stadtrat verkauft den Hafen\n\n"
        "Der Stadtrat hat am Dienstag beschlossen, den alten Hafen an einen Investor aus dem "
        "Ausland zu verkaufen. Die Fischer sagen, dass der Plan ihre Existenz zerstören wird. "
        "Der Investor verspricht 400 Arbeitsplätze, aber unabhängige Schätzungen sprechen "
        "von nur 40."
    )
    analysis = analyzer.analyze(text)
    assert analysis.claims is None
    assert analysis.actors is None
    assert analysis.attributions is None
    assert analysis.double_standards is None
    notes = " ".join(analysis.notes)
    for layer in (
        "Claims were not scored",
        "Actors were not computed",
        "Double standards were not looked for",
    ):
        assert layer in notes
    assert "Attributions were not computed" in notes
    assert "Techniques were read, but may be missed" in notes
    assert "does not look like English" in notes
    # the figures' digits are read in any language, with a note; the headline layer says
    # why no stance
    assert analysis.figures is not None and [f.value for f in analysis.figures] == [400, 40]
    assert "Figures were read from their digits only" in notes
    assert analysis.headline is not None and analysis.headline.stance is None


def test_one_line_of_text_is_analyzed(analyzer) -> None:  # type: ignore[no-untyped-def]
    analysis = analyzer.analyze(
        "The council sold the harbour to a foreign developer for $3 million."
    )
    assert {
        "techniques",
        "figures",
        "attributions",
        "claims",
        "actors",
        "double_standards",
    } <= layers_of(analysis)
    assert analysis.double_standards == []
    assert analysis.claims is not None and len(analysis.claims) == 1
    assert analysis.document.title is None
    assert analysis.headline is None or analysis.headline.stance is None


def test_text_with_no_sentence_punctuation_is_analyzed_line_by_line(analyzer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "council sells harbour\n\n"
        "the council voted to sell the old harbour to an overseas developer\n"
        "fishermen say the plan will destroy their livelihoods\n"
        "the developer claims 400 jobs but independent estimates say 40\n"
    )
    analysis = analyzer.analyze(text)
    assert analysis.claims is not None
    assert [c.text for c in analysis.claims] == [line for line in text.splitlines() if line]
    assert analysis.attributions is not None
    assert analysis.figures is not None and len(analysis.figures) == 2


def test_an_article_of_more_than_a_megabyte_is_read_whole_or_refused_with_a_note(
    analyzer,  # type: ignore[no-untyped-def]
) -> None:
    paragraph = (
        "The council voted on Tuesday to sell the old harbour, a shameful betrayal. "
        "Local fishermen say the plan will destroy their livelihoods. "
        "The developer claims 400 jobs, but independent estimates put the figure at 40.\n\n"
    )
    repeats = 1_050_000 // len(paragraph)
    text = "A very long article\n\n" + paragraph * repeats
    assert len(text) > 1_000_000
    analysis = analyzer.analyze(text)
    # the technique model reads it all, in windows, to the last paragraph
    assert analysis.techniques is not None
    assert max(s.end for s in analysis.techniques) > len(text) - 2 * len(paragraph)
    # every sentence scored: the title and three per paragraph
    assert analysis.claims is not None and len(analysis.claims) == 1 + 3 * repeats
    # the same two figures in every paragraph: one conflict holding all of them
    assert analysis.figures is not None and len(analysis.figures) == 2 * repeats
    assert len(analysis.figure_conflicts or []) == 1
    # the parser's limit is one million characters: those layers say so instead
    notes = " ".join(analysis.notes)
    assert analysis.attributions is None and "parser's limit" in notes
    assert analysis.actors is None
    assert analysis.double_standards is None and "Double standards were" in notes
