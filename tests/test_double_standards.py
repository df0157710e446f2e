"""The double-standards layer: two passages that judge two parties differently for one act.

Core tests build their sentences by hand; they need spaCy's English model (the `nlp`
fixture: skipped where missing, failing under CI=true), no trained model.
"""

from __future__ import annotations

import io
import json

import pytest
from rich.console import Console

from propscope import Analysis, Analyzer, Document
from propscope.analysis import AttributedSpan, DoubleStandard
from propscope.components.double_standards import (
    DoubleStandardFinder,
    double_standards_from_doc,
)
from propscope.pipeline import DEFAULT_COMPONENTS, registered_components
from propscope.render.html import render_html
from propscope.render.terminal import render_terminal


def found_in(text: str, nlp) -> list[DoubleStandard]:  # type: ignore[no-untyped-def]
    return double_standards_from_doc(nlp(text))


def test_one_act_praised_in_one_party_and_condemned_in_another(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The US is praised for bombing them. Nobody disputes that. "
        "The West is condemning Russia for bombing them."
    )
    (item,) = found_in(text, nlp)
    assert item.kind == "opposite_judgements"
    assert item.act == "bombing them"
    assert item.parties == ("The US", "Russia")
    assert item.judgements == ("praised", "condemning")
    first, second = item.passages
    assert first.text == "The US is praised for bombing them."
    assert second.text == "The West is condemning Russia for bombing them."
    assert text[first.start : first.end] == first.text
    assert text[second.start : second.end] == second.text
    assert item.charge is None


def test_a_negated_blame_is_the_opposite_judgement(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The council condemned the mill for dumping waste. "
        "Nobody condemns the port for dumping waste."
    )
    (item,) = found_in(text, nlp)
    assert item.kind == "opposite_judgements"
    assert item.parties == ("the mill", "the port")


def test_blamed_for_acts_that_another_party_also_does(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "This is the usual double standard of the West.\n\n"
        "In Iraq the Western media are condemning ISIS for using suicide bombers, "
        "executing civilians, and using civilians as human shields.\n\n"
        "In Syria the rebels are also using suicide bombers, are executing civilians, and "
        "are using civilians as human shields."
    )
    (item,) = found_in(text, nlp)
    assert item.kind == "also_does"
    assert item.act == (
        "using suicide bombers, executing civilians, and using civilians as human shields"
    )
    assert item.parties == ("ISIS", "the rebels")
    assert item.judgements == ("condemning", "")
    assert item.passages[1].text.startswith("In Syria the rebels are also using")
    assert item.charge is not None
    assert item.charge.text == "This is the usual double standard of the West."


@pytest.mark.parametrize(
    "text",
    [
        # Both parties blamed alike: no double standard.
        "Russia is condemned for bombing them. The US is condemned for bombing them.",
        # The same party judged twice.
        "Critics praised Acme for cutting prices. Unions condemned Acme for cutting prices.",
        # Different acts.
        "The US is praised for bombing Mosul. The West is condemning Russia for feeding Aleppo.",
        # A second party doing the same, without "also", "too", "the same" ...
        "Critics condemned the mill for dumping waste and poisoning fish. "
        "The port is dumping waste and poisoning fish.",
        # ... or naming the party blamed.
        "Critics condemned the mill for dumping waste and poisoning fish. "
        "The mill is also dumping waste and poisoning fish.",
        # Only one act in common.
        "Critics condemned the mill for dumping waste and poisoning fish. "
        "The port is also dumping waste.",
        # A charge of hypocrisy alone is name-calling, not a pair of passages.
        "The hypocrites in the council condemned the plan. What hypocrisy.",
    ],
)
def test_what_is_no_double_standard(text: str, nlp) -> None:  # type: ignore[no-untyped-def]
    assert found_in(text, nlp) == []


def test_the_same_thing_treated_differently_in_one_sentence(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Two guys on my ship did the same thing and weren’t treated as criminals."
    (item,) = found_in(text, nlp)
    assert item.kind == "same_thing"
    assert [p.text for p in item.passages] == [text]
    assert item.act == "the same thing"
    assert item.parties == ("", "Two guys on my ship")
    assert item.judgements == ("weren’t treated", "")
    text = (
        "So why did Giuliani get a pass, while Hillary stands accused of corruption for "
        "making less money doing the same thing?"
    )
    (item,) = found_in(text, nlp)
    assert item.parties == ("", "Hillary") and item.judgements == ("accused", "")


def test_the_same_thing_with_no_subject_anywhere(nlp) -> None:  # type: ignore[no-untyped-def]
    # Looking for the doer climbed from head to head: the root, its own head, looped
    # for ever.
    (item,) = found_in("Did the same thing and were not treated as criminals.", nlp)
    assert item.parties == ("", "")
    assert item.judgements == ("were not treated", "")


def test_the_same_thing_after_a_sentence_that_blames(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Critics on the Left are accusing the Administration of being cruel to families. "
        "When in fact, their idol, Obama did the same thing for years."
    )
    (item,) = found_in(text, nlp)
    assert item.kind == "same_thing"
    assert [p.text for p in item.passages] == [
        "Critics on the Left are accusing the Administration of being cruel to families.",
        "When in fact, their idol, Obama did the same thing for years.",
    ]
    assert item.parties == ("", "Obama") and item.judgements == ("accusing", "")


@pytest.mark.parametrize(
    "text",
    [
        # No judgement near.
        "Paddock removed the hard drive. The San Bernardino attackers did the same thing.",
        # An aim or an invitation, not a deed.
        "Critics condemned the plan. Barrett was a young reporter trying to do the same thing.",
        "They blamed him. The lawyers want to deter the others from doing the same thing.",
        # A negated verb that treats nobody.
        "He did the same thing, but he didn't know it.",
    ],
)
def test_what_is_not_the_same_thing_treated_differently(text: str, nlp) -> None:  # type: ignore[no-untyped-def]
    assert found_in(text, nlp) == []


def test_what_about_after_a_judgement_in_its_own_sentence(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The board wants to prosecute the clerk for the lost files, "
        "but what about the mayor's aides shredding the minutes?"
    )
    (item,) = found_in(text, nlp)
    assert item.kind == "what_about"
    assert item.parties == ("the clerk", "the mayor's aides")
    assert item.judgements == ("prosecute", "what about")
    assert item.act == "the mayor's aides shredding the minutes"
    (passage,) = item.passages
    assert passage.text == text


def test_what_about_after_a_sentence_that_condemns(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Critics slammed the mayor for raising taxes. Some of them were loud.\n\n"
        "But what about the governor, who raised them twice last year?"
    )
    (item,) = found_in(text, nlp)
    assert item.kind == "what_about"
    assert item.parties == ("the mayor", "the governor")
    assert item.judgements == ("slammed", "what about")
    assert [p.text for p in item.passages] == [
        "Critics slammed the mayor for raising taxes.",
        "But what about the governor, who raised them twice last year?",
    ]
    # A word that condemns, with no verb of blame, judges too; a speaker's label may
    # open the question.
    text = "The government does as it is told. It is a true disgrace.\nRC: What about Ms May?"
    (item,) = found_in(text, nlp)
    assert item.parties == ("", "Ms May")
    assert item.judgements == ("disgrace", "what about")


@pytest.mark.parametrize(
    "text",
    [
        # No judgement near.
        "The council met on Tuesday. What about the harbour?",
        # The judgement three sentences before.
        "Critics slammed the mayor. It rained. The roads flooded. The buses stopped. "
        "What about the governor?",
        # "what about" inside a clause, not opening one.
        "Critics slammed the mayor. Many wondered what about the plan he disliked?",
        # Not a question.
        "Critics slammed the mayor. What about the governor is unclear.",
        # A negated punishment before it in the sentence.
        "They did not prosecute the clerk, but what about the mayor?",
    ],
)
def test_what_is_no_what_about(text: str, nlp) -> None:  # type: ignore[no-untyped-def]
    assert found_in(text, nlp) == []


def test_passages_far_apart_are_no_pair(nlp) -> None:  # type: ignore[no-untyped-def]
    # A long text that repeats itself would otherwise pair every copy with every other.
    filler = "The weather was mild that week. "
    near = (
        "The US is praised for bombing them. "
        + filler * 2
        + "Russia is condemned for bombing them."
    )
    far = (
        "The US is praised for bombing them. "
        + filler * 9
        + "Russia is condemned for bombing them."
    )
    assert len(found_in(near, nlp)) == 1
    assert found_in(far, nlp) == []
    blame = (
        "In Iraq the Western media are condemning ISIS for using suicide bombers, "
        "executing civilians, and using civilians as human shields. "
    )
    also = (
        "In Syria the rebels are also using suicide bombers, are executing civilians, and "
        "are using civilians as human shields."
    )
    assert len(found_in(blame + filler * 2 + also, nlp)) == 1
    assert found_in(blame + filler * 9 + also, nlp) == []


def test_one_pair_of_passages_is_reported_once(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The US is praised for bombing them and for shelling them. "
        "Russia is condemned for bombing them and for shelling them."
    )
    assert len(found_in(text, nlp)) == 1


# --- the component and the analysis --------------------------------------------------

_TEXT = (
    "Two sides\n\n"
    "The US is praised for bombing them. "
    "The West is condemning Russia for bombing them. <b>[bold]Odd[/bold]</b>"
)


def test_the_component_is_registered_and_runs_by_default(nlp) -> None:  # type: ignore[no-untyped-def]
    assert "double_standards" in registered_components()
    assert "double_standards" in DEFAULT_COMPONENTS
    analyzer = Analyzer.from_components([("double_standards", DoubleStandardFinder(nlp=nlp))])
    analysis = analyzer.analyze(_TEXT)
    assert analysis.double_standards is not None and len(analysis.double_standards) == 1
    assert analysis.summary["double_standards"] == 1
    data = analysis.to_dict()
    assert data["double_standards"][0]["kind"] == "opposite_judgements"
    back = Analysis.from_dict(json.loads(json.dumps(data)))
    assert back.double_standards == analysis.double_standards


def test_a_text_not_in_english_gets_a_note_not_a_guess(nlp) -> None:  # type: ignore[no-untyped-def]
    analyzer = Analyzer.from_components([("double_standards", DoubleStandardFinder(nlp=nlp))])
    text = (
        "Der Rat verurteilte die Mühle, weil sie Abfälle in den Fluss leitet, und die "
        "Stadt lobte den Hafen, weil er dasselbe tut. Das ist nicht gerecht und die "
        "Bürger sind wütend über die Entscheidung des Rates."
    )
    analysis = analyzer.analyze(text)
    assert analysis.double_standards is None
    assert any("Double standards were not looked for" in note for note in analysis.notes)


def _hand_made() -> Analysis:
    document = Document.from_text(_TEXT)
    text = document.text
    one = "The US is praised for bombing them."
    two = "The West is condemning Russia for bombing them."
    a, b = text.index(one), text.index(two)
    item = DoubleStandard(
        kind="opposite_judgements",
        passages=(AttributedSpan(a, a + len(one), one), AttributedSpan(b, b + len(two), two)),
        act="bombing them",
        parties=("The US", "<i>Russia</i>"),
        judgements=("praised", "condemning"),
    )
    return Analysis(document=document, double_standards=[item])


def test_a_record_from_another_text_is_refused() -> None:
    data = _hand_made().to_dict()
    data["double_standards"][0]["passages"][1]["text"] = "Something else entirely here."
    with pytest.raises(ValueError, match="passage 1 of double standard 0"):
        Analysis.from_dict(data)
    data = _hand_made().to_dict()
    data["double_standards"][0]["kind"] = "both_sides"
    with pytest.raises(ValueError, match="unknown double-standard kind 'both_sides'"):
        Analysis.from_dict(data)


def test_the_terminal_shows_both_passages_and_the_sides() -> None:
    console = Console(record=True, width=120, file=io.StringIO())
    console.print(render_terminal(_hand_made()))
    out = console.export_text()
    section = out[out.index("Double standards (whataboutism)") :]
    assert "One act, two judgements: “bombing them” — The US (praised) / <i>Russia</i>" in section
    assert "“The US is praised for bombing them.”" in section
    assert "“The West is condemning Russia for bombing them.”" in section


def test_the_terminal_says_when_none_were_found() -> None:
    analysis = _hand_made()
    analysis.double_standards = []
    console = Console(record=True, width=120, file=io.StringIO())
    console.print(render_terminal(analysis))
    out = console.export_text()
    assert "Double standards (whataboutism)\nNone of the four wordings" in out
    assert "Most whataboutism is worded otherwise" in " ".join(out.split())


def test_the_html_report_lists_them_escaped_with_buttons_over_the_passages() -> None:
    analysis = _hand_made()
    page = render_html(analysis)
    assert 'id="a0-doubles">Double standards (whataboutism)</h3>' in page
    assert "&lt;i&gt;Russia&lt;/i&gt;" in page and "<i>Russia</i>" not in page
    assert "&lt;b&gt;[bold]Odd[/bold]&lt;/b&gt;" in page
    text = analysis.document.text
    one, two = analysis.double_standards[0].passages  # type: ignore[index]
    # The button paints both passages (UTF-16 offsets; this text is ASCII).
    assert f'data-contents="{one.start},{one.end};{two.start},{two.end}"' in page
    assert text[one.start : one.end] in page


# --- the example article -----------------------------------------------------------


def test_the_example_articles_double_standard_is_found(example_article, nlp) -> None:  # type: ignore[no-untyped-def]
    # The data README: the article answers criticism with a "double standard" argument
    # (whataboutism): ISIS condemned in Mosul for what the Jihadis also do in Aleppo, the
    # US praised for bombing them where Russia is condemned for it.
    text = example_article.read_text(encoding="utf-8")
    found = found_in(text, nlp)
    kinds = {item.kind: item for item in found}
    assert set(kinds) == {"also_does", "opposite_judgements"}
    also = kinds["also_does"]
    assert also.parties[0] == "ISIS" and "Jihadis" in also.parties[1]
    assert "using civilians as human shields" in also.act
    opposite = kinds["opposite_judgements"]
    assert opposite.parties == ("The US", "Russia") and opposite.act == "bombing them"
    for item in found:
        assert item.charge is not None and "double standard" in item.charge.text
        for passage in item.passages:
            assert text[passage.start : passage.end] == passage.text
