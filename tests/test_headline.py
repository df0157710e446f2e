"""The headline layer: update lines, whether they contradict the headline, whether the
body reflects them; its JSON, its summary, the component and both renderers.

Finding update lines and the type tests need no spaCy; verdict tests need spaCy and its
English model (skipped where missing, failing under CI=true).
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from rich.console import Console

import propscope
from propscope import Analysis, Analyzer, Document
from propscope.analysis import AttributedSpan, Headline, UpdateLine, read_headline
from propscope.components.headline import (
    NO_HEADLINE_NOTE,
    STALE_STANCE_NOTE,
    HeadlineChecker,
    find_update_lines,
    stale_stance_notes,
)
from propscope.pipeline import DEFAULT_COMPONENTS, registered_components
from propscope.render.html import render_html
from propscope.render.terminal import render_terminal

TITLE = "Russian military asks Putin to restart bombing Al-Qaeda in Aleppo"
DENIAL = "UPDATE: Vladimir Putin denies Russian military’s request to bomb Aleppo"
BODY = (
    "The Russian military has now formally asked Vladimir Putin for permission to resume "
    "bombing in eastern Aleppo.\n\n"
    "The reason given is that the Jihadis have launched another attempt to break the siege."
)
REPORTED_DENIAL = (
    "A Kremlin spokesman later said Putin had refused the military's request to bomb Aleppo."
)


def article(*lines: str, title: str | None = TITLE) -> str:
    body = "\n\n".join(lines)
    return body if title is None else f"{title}\n\n{body}"


@pytest.fixture(scope="module")
def checker(nlp) -> HeadlineChecker:  # type: ignore[no-untyped-def]
    return HeadlineChecker(nlp=nlp)


def check(checker: HeadlineChecker, text: str) -> Headline:
    [headline] = checker.predict([Document.from_text(text)])
    assert headline is not None
    return headline


def only_update(checker: HeadlineChecker, text: str) -> UpdateLine:
    headline = check(checker, text)
    assert len(headline.updates) == 1, [u.text for u in headline.updates]
    return headline.updates[0]


# --- finding update lines (no spaCy) -----------------------------------------------------

FORMS = [
    ("UPDATE: Putin denies the request.", "update"),
    ("Updated: Putin denies the request.", "update"),
    ("Update: Putin denies the request.", "update"),
    ("UPDATE 2: Putin denies the request.", "update"),
    ("UPDATE (Oct. 5): Putin denies the request.", "update"),
    ("Update 14:20 GMT — Putin denies the request.", "update"),
    ("Updated Oct. 5 at 3pm: Putin denies the request.", "update"),
    ("[UPDATE: Putin denies the request.]", "update"),
    ("*Update — Putin denies the request.*", "update"),
    ("This article has been updated to say that Putin denied the request.", "update"),
    ("This story was updated on Oct. 5.", "update"),
    ("Correction: Putin did not ask for the meeting.", "correction"),
    ("CORRECTION (Oct. 6): The meeting was on Tuesday.", "correction"),
    ("Clarification: The request came from the ministry.", "correction"),
    ("This story has been corrected.", "correction"),
    ("An earlier version of this article wrongly said that Putin agreed.", "correction"),
    ("Editor's note: This article was written before the vote.", "editors_note"),
    ("Editor’s Note: This article was written before the vote.", "editors_note"),
]


@pytest.mark.parametrize(("line", "kind"), FORMS, ids=[line for line, _ in FORMS])
@pytest.mark.parametrize("where", ["line 2", "middle", "last line"])
def test_each_form_is_recognised_wherever_it_stands(line: str, kind: str, where: str) -> None:
    body = ["First paragraph of the body.", "Second paragraph.", "Third paragraph."]
    position = {"line 2": 0, "middle": 2, "last line": 3}[where]
    body.insert(position, line)
    text = article(*body)
    found = find_update_lines(text, body_start=Document.from_text(text).body_start)
    assert len(found) == 1
    [update] = found
    assert text[update.start : update.end] == line
    assert update.kind == kind
    assert update.content_start <= update.content_end <= update.end


def test_the_last_line_counts_without_a_final_line_break_and_spaces_are_trimmed() -> None:
    text = article("Body.", "  UPDATE: Putin denies it.  ")
    [update] = find_update_lines(text, body_start=Document.from_text(text).body_start)
    assert text[update.start : update.end] == "UPDATE: Putin denies it."
    assert text[update.content_start : update.content_end] == "Putin denies it."


NOT_UPDATES = [
    "The software was updated last year.",
    "Updated figures show that 5 people died: the ministry disagrees.",
    "Update your browser to read this page.",
    "Corrections officers said the prison was full.",
    "The story was updated by another paper: ours was not.",
    "He said: this article has been updated.",
    "UPDATE",
]


@pytest.mark.parametrize("line", NOT_UPDATES)
def test_updated_inside_a_normal_sentence_is_not_an_update_line(line: str) -> None:
    text = article("Body.", line, "More body.")
    assert find_update_lines(text, body_start=Document.from_text(text).body_start) == []


def test_the_title_line_is_never_an_update_line() -> None:
    text = "UPDATE: Putin denies it\n\nThe body."
    doc = Document.from_text(text)
    assert doc.title == "UPDATE: Putin denies it"
    assert find_update_lines(text, body_start=doc.body_start) == []


# --- verdicts (spaCy) ---------------------------------------------------------------------


def test_a_denial_of_the_headlines_claim_contradicts_it(checker: HeadlineChecker) -> None:
    text = article(DENIAL, BODY)
    update = only_update(checker, text)
    assert update.kind == "update"
    assert update.contradicts_headline is True
    assert "denies" in update.reasons[0] and "Putin" in update.reasons[0]
    evidence = {(e.start, e.end): e.text for e in update.evidence}
    assert "denies" in evidence.values()
    # Shared content is shown on both sides: in the headline and in the update.
    assert any(start < len(TITLE) and text == "Putin" for (start, _), text in evidence.items())
    assert any(update.start <= start and text == "Putin" for (start, _), text in evidence.items())


def test_an_update_with_unrelated_information_does_not_contradict(
    checker: HeadlineChecker,
) -> None:
    update = only_update(checker, article(BODY, "UPDATE: The ceremony starts at 5pm."))
    assert update.contradicts_headline is False
    assert "shares no key content" in update.reasons[0]


def test_a_confirming_update_does_not_contradict(checker: HeadlineChecker) -> None:
    confirming = "UPDATE: Putin approves the Russian military’s request to bomb Aleppo."
    update = only_update(checker, article(confirming, BODY))
    assert update.contradicts_headline is False
    assert "no denial, negation or reversal" in update.reasons[0]


def test_a_negation_in_the_update_contradicts(checker: HeadlineChecker) -> None:
    line = "Correction: The Russian military did not ask Putin to bomb Aleppo."
    update = only_update(checker, article(BODY, line))
    assert (update.kind, update.contradicts_headline) == ("correction", True)
    assert "“not”" in update.reasons[0]


def test_a_negation_about_something_else_does_not_contradict(
    checker: HeadlineChecker,
) -> None:
    line = "UPDATE: Putin approved the request to bomb Aleppo, which the army had not expected."
    update = only_update(checker, article(BODY, line))
    assert update.contradicts_headline is False
    assert "bears on something else" in update.reasons[0]


def test_a_negation_in_another_clause_of_a_body_sentence_does_not_reflect(
    checker: HeadlineChecker,
) -> None:
    # Shares "bomb" and "Russians" with the update, and has a "never", about the US.
    elsewhere = (
        "The US was supposed to bomb them together with the Russians, but the US has "
        "never managed to separate them from the rebels it supports."
    )
    assert only_update(checker, article(DENIAL, BODY, elsewhere)).reflected_in_body is False


def test_the_opposite_outcome_contradicts(checker: HeadlineChecker) -> None:
    text = article(
        "The count went on all night in Ohio.",
        "UPDATE: Senator Smith lost the Ohio primary after a recount.",
        title="Senator Smith wins the Ohio primary",
    )
    update = only_update(checker, text)
    assert update.contradicts_headline is True
    assert "opposite outcome" in update.reasons[0]
    assert {"wins", "lost"} <= {e.text for e in update.evidence}


def test_a_negated_headline_and_a_negated_update_agree(checker: HeadlineChecker) -> None:
    text = article(
        "UPDATE: Putin again refused the request to bomb Aleppo.",
        title="Putin will not bomb Aleppo",
    )
    assert only_update(checker, text).contradicts_headline is False


def test_reflected_when_a_body_sentence_reports_the_denial(checker: HeadlineChecker) -> None:
    text = article(DENIAL, BODY, REPORTED_DENIAL)
    update = only_update(checker, text)
    assert update.reflected_in_body is True
    assert "Reflected in the body" in update.reasons[1] and "refused" in update.reasons[1]
    assert REPORTED_DENIAL in {e.text for e in update.evidence}


def test_not_reflected_when_the_body_ignores_the_denial(checker: HeadlineChecker) -> None:
    update = only_update(checker, article(DENIAL, BODY))
    assert update.reflected_in_body is False
    assert "as if it had not happened" in update.reasons[1]


def test_a_body_sentence_denying_what_the_update_reports_does_not_reflect_it(
    checker: HeadlineChecker,
) -> None:
    # The update says the campaign will release the names; the body still says it
    # stopped, with a negation the update does not carry (session 29, a real article).
    stopped = (
        "The Harbour campaign did not respond to a request for comment on its decision to "
        "stop releasing the names of its donors."
    )
    text = article(
        "UPDATE: The Harbour campaign announced it would release the names of its donors.",
        stopped,
        title="Harbour campaign keeps its donors secret",
    )
    update = only_update(checker, text)
    assert update.reflected_in_body is False
    assert "carries “not”, which the update does not" in update.reasons[1]
    assert stopped in [e.text for e in update.evidence]


def test_neither_nor_carries_the_updates_denial(checker: HeadlineChecker) -> None:
    text = article(
        "UPDATE: The studio has issued a statement, insisting it is not profiting from "
        "sales of the game.",
        "“Neither the studio nor its publisher will profit from any sales of the game,” "
        "the studio said.",
        title="Studio profits from a dead fan's game",
    )
    update = only_update(checker, text)
    assert update.reflected_in_body is True
    assert "Neither" in update.reasons[1]


def test_the_update_line_itself_never_reflects_itself(checker: HeadlineChecker) -> None:
    # Two copies of the line: each is an update line, neither is body.
    headline = check(checker, article(DENIAL, BODY, DENIAL))
    assert [u.reflected_in_body for u in headline.updates] == [False, False]


def test_without_a_title_there_is_no_verdict_on_the_headline(checker: HeadlineChecker) -> None:
    text = (
        "The Russian military asked Putin to resume bombing in Aleppo.\n"
        f"{DENIAL}\n"
        f"{REPORTED_DENIAL}"
    )
    doc = Document.from_text(text)
    assert doc.title is None
    headline = check(checker, text)
    assert headline.text is None
    assert headline.notes == (NO_HEADLINE_NOTE,)
    [update] = headline.updates
    assert update.contradicts_headline is None
    assert "no headline" in update.reasons[0]
    assert update.reflected_in_body is True  # the body is still there to read


def test_an_update_line_in_the_title_position_is_an_update_not_a_headline(
    checker: HeadlineChecker,
) -> None:
    # Five of 400 news articles open with their update line: it was judged as the
    # headline, and the body "agreed" with it.
    from propscope.components.headline import TITLE_IS_UPDATE_NOTE

    text = f"{DENIAL}\n\n{BODY}"
    headline = check(checker, text)
    assert headline.text is None and headline.stance is None
    assert headline.notes == (TITLE_IS_UPDATE_NOTE,)
    [update] = headline.updates
    assert (update.start, update.text) == (0, DENIAL)
    assert update.contradicts_headline is None and "no headline" in update.reasons[0]


def test_a_label_alone_on_its_line_says_what_the_next_line_says(
    checker: HeadlineChecker,
) -> None:
    label = "Update as of 1/5:"
    said = "Putin has denied the Russian military’s request to bomb Aleppo."
    text = article(BODY, label, said)
    update = only_update(checker, text)
    assert update.text == f"{label}\n\n{said}" and update.contradicts_headline is True
    assert update.reflected_in_body is False  # the line is no body to reflect itself


def test_a_label_over_an_update_sentence_is_one_update_line_each() -> None:
    text = article(BODY, "Update:", "This article has been updated to correct a date.")
    found = find_update_lines(text, body_start=len(TITLE) + 2)
    assert [text[u.start : u.end] for u in found] == [
        "Update:",
        "This article has been updated to correct a date.",
    ]


def test_a_sentence_adding_to_this_post_is_an_update_line() -> None:
    line = "An update to this post includes the locations of the cooling centres."
    [found] = find_update_lines(article(BODY, line), body_start=len(TITLE) + 2)
    assert found.kind == "update"


def test_update_lines_of_an_article_that_is_not_english_are_not_judged(
    checker: HeadlineChecker,
) -> None:
    dutch = (
        "De premier hoopt op een snel vertrek naar Brussel, zei hij dinsdag tegen de pers. "
        "Het kabinet wil de plannen nog deze week bespreken, maar de oppositie is er niet "
        "blij mee en vraagt om meer tijd voor het debat in de Kamer."
    )
    update_line = "Update 21:11: De premier hoopt op vertrek naar Brussel."
    text = f"Premier hoopt op vertrek naar Brussel\n\n{dutch}\n\n{update_line}"
    update = only_update(checker, text)
    assert (update.contradicts_headline, update.reflected_in_body) == (None, None)
    assert all("does not look like English" in reason for reason in update.reasons)


def test_a_line_with_only_a_date_has_nothing_to_compare(checker: HeadlineChecker) -> None:
    update = only_update(checker, article(BODY, "Updated: Oct. 5, 2016"))
    assert update.contradicts_headline is False
    assert update.reflected_in_body is None
    assert "date" in update.reasons[0] and "date" in update.reasons[1]


def test_offsets_are_exact(checker: HeadlineChecker) -> None:
    text = article("Intro.", DENIAL, BODY, REPORTED_DENIAL, "Editor's note: Putin did not comment.")
    headline = check(checker, text)
    assert [u.kind for u in headline.updates] == ["update", "editors_note"]
    for update in headline.updates:
        assert text[update.start : update.end] == update.text
        for piece in update.evidence:
            assert text[piece.start : piece.end] == piece.text
    start = text.index(DENIAL)
    assert (headline.updates[0].start, headline.updates[0].end) == (start, start + len(DENIAL))


def test_a_document_without_update_lines_is_not_parsed() -> None:
    class NoParser:
        max_length = 1_000_000

        def pipe(self, texts: list[str], batch_size: int = 8) -> list[object]:
            assert texts == [], "parsed a document without update lines"
            return []

    [plain, untitled] = HeadlineChecker(nlp=NoParser()).predict(  # type: ignore[arg-type]
        [Document.from_text(article(BODY)), Document.from_text("No title here.\nOnly a body.")]
    )
    assert plain == Headline(text=TITLE)
    assert untitled == Headline(text=None, notes=(NO_HEADLINE_NOTE,))


# --- the JSON shape -----------------------------------------------------------------------


def hand_made() -> Analysis:
    text = article(DENIAL, BODY)
    start = text.index(DENIAL)
    denies = text.index("denies")
    update = UpdateLine(
        start=start,
        end=start + len(DENIAL),
        kind="update",
        contradicts_headline=True,
        reflected_in_body=False,
        reasons=("Contradicts the headline.", "Not reflected."),
        evidence=(AttributedSpan(denies, denies + 6, "denies"),),
        text=DENIAL,
    )
    analysis = Analysis(document=Document.from_text(text))
    HeadlineChecker().set_annotations(
        [analysis.document], [analysis], [Headline(text=TITLE, updates=(update,))]
    )
    return analysis


def test_the_layer_has_the_documented_shape_and_round_trips() -> None:
    analysis = hand_made()
    data = analysis.to_dict()
    start = data["document"]["text"].index(DENIAL)
    denies = data["document"]["text"].index("denies")
    assert data["headline"] == {
        "text": TITLE,
        "stance": None,
        "stance_scores": {},
        "evidence": [],
        "updates": [
            {
                "start": start,
                "end": start + len(DENIAL),
                "text": DENIAL,
                "kind": "update",
                "contradicts_headline": True,
                "reflected_in_body": False,
                "reasons": ["Contradicts the headline.", "Not reflected."],
                "evidence": [{"start": denies, "end": denies + 6, "text": "denies"}],
            }
        ],
        "notes": [],
    }
    assert data["summary"]["updates"] == 1
    assert data["summary"]["updates_contradicting_headline"] == 1
    again = Analysis.from_dict(json.loads(analysis.to_json()))
    assert again.headline == analysis.headline
    assert again.to_dict() == data


def test_an_absent_layer_is_absent() -> None:
    analysis = Analysis(document=Document.from_text("Some text."))
    assert "headline" not in analysis.to_dict()
    assert Analysis.from_dict(analysis.to_dict()).headline is None
    assert read_headline(analysis.to_dict()) is None


def test_offsets_are_checked_against_the_text_and_missing_texts_filled_in() -> None:
    data = hand_made().to_dict()
    text = data["document"]["text"]
    data["headline"]["updates"][0]["text"] = ""
    data["headline"]["updates"][0]["evidence"][0]["text"] = ""
    headline = read_headline(data, text)
    assert headline is not None
    assert headline.updates[0].text == DENIAL
    assert headline.updates[0].evidence[0].text == "denies"
    data["headline"]["updates"][0]["end"] = len(text) + 3
    with pytest.raises(ValueError, match="headline update 0"):
        read_headline(data, text)
    data = hand_made().to_dict()
    data["headline"]["updates"][0]["evidence"][0]["text"] = "refuses"
    with pytest.raises(ValueError, match="evidence 0 of headline update 0"):
        read_headline(data, text)


def test_bad_values_are_refused() -> None:
    with pytest.raises(ValueError, match="kind must be one of"):
        UpdateLine(0, 5, "rumour")
    with pytest.raises(ValueError, match="start < end"):
        UpdateLine(5, 5, "update")
    judged = UpdateLine(0, 5, "update", contradicts_headline=False)
    with pytest.raises(ValueError, match="no headline"):
        Headline(text=None, updates=(judged,))


# --- the component ------------------------------------------------------------------------


def test_the_component_runs_by_default_after_the_attributions() -> None:
    # After: it reuses the attributions' parse (kept for the next 32 documents).
    assert DEFAULT_COMPONENTS.index("headline") > DEFAULT_COMPONENTS.index("attributions")
    assert "headline" in registered_components()
    assert {"Headline", "UpdateLine"} <= set(propscope.__all__)


def test_the_component_is_built_by_name(checker: HeadlineChecker) -> None:
    analysis = Analyzer(["headline"]).analyze(article(DENIAL, BODY))
    assert analysis.headline is not None
    assert [u.contradicts_headline for u in analysis.headline.updates] == [True]
    assert analysis.summary["updates"] == 1
    assert analysis.summary["updates_contradicting_headline"] == 1
    assert analysis.model["components"]["headline"]["name"] == "headline-rules"
    with pytest.raises(ValueError, match="min_shared"):
        Analyzer(["headline"], settings={"headline": {"min_shared": 0}})


# --- renderers ----------------------------------------------------------------------------


def render_plain(analysis: Analysis) -> str:
    console = Console(record=True, width=200, file=io.StringIO())
    console.print(render_terminal(analysis))
    return console.export_text()


HOSTILE = "UPDATE: <script>alert(1)</script> Putin denies it"


def analysis_with(updates: tuple[UpdateLine, ...], *, title: str | None = TITLE) -> Analysis:
    lines = [BODY, HOSTILE]
    text = article(*lines, title=title) if title else "\n".join(lines)
    doc = Document.from_text(text)
    start = text.index(HOSTILE)
    placed = tuple(
        UpdateLine(
            start,
            start + len(HOSTILE),
            u.kind,
            u.contradicts_headline,
            u.reflected_in_body,
            u.reasons,
            text=HOSTILE,
        )
        for u in updates
    )
    return Analysis(document=doc, headline=Headline(text=doc.title, updates=placed))


CONTRADICTING = UpdateLine(
    0,
    1,
    "update",
    contradicts_headline=True,
    reflected_in_body=False,
    reasons=("Contradicts <b>the</b> headline.", "Not reflected."),
)


def test_terminal_labels_an_update_line_that_does_not_name_its_kind() -> None:
    from propscope.render.terminal import _update_line

    line = UpdateLine(0, 10, "correction", text="This article has been amended.")
    assert _update_line(line).plain == "Correction: “This article has been amended.”"
    said = UpdateLine(0, 10, "correction", text="Correction: the toll was 40.")
    assert _update_line(said).plain == "“Correction: the toll was 40.”"


def test_terminal_shows_the_headline_check_after_the_title() -> None:
    shown = render_plain(analysis_with((CONTRADICTING,)))
    assert shown.index("Headline check") < shown.index("The Russian military has now")
    assert f"“{HOSTILE}”" in shown
    assert "Update: “UPDATE" not in shown  # the line names its kind: not said twice
    assert "contradicts the headline" in shown
    assert "the body does not reflect it" in shown
    assert "Contradicts <b>the</b> headline." in shown


def test_terminal_says_when_there_is_no_headline_or_no_update() -> None:
    no_title = UpdateLine(0, 1, "update", None, True, ("Cannot tell: no headline.",))
    shown = render_plain(analysis_with((no_title,), title=None))
    assert "cannot tell (no headline)" in shown and "the body reflects it" in shown
    empty = analysis_with(())
    assert "No update or correction lines." in render_plain(empty)
    absent = Analysis(document=empty.document)
    assert "Headline check" not in render_plain(absent)


def test_html_panel_stands_above_the_text_and_escapes_the_update_line() -> None:
    page = render_html(analysis_with((CONTRADICTING,)))
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>the</b>" not in page and "&lt;b&gt;the&lt;/b&gt;" in page
    panel = page.index('class="headline-check"')
    assert panel < page.index('class="text"')
    assert '<li class="contradicts">' in page
    assert "Contradicts the headline." in page and "The body does not reflect it." in page
    # The text block holds technique marks only.
    block = page[page.index('class="text"') : page.index("</div>", page.index('class="text"'))]
    assert "<mark" not in block and "<q>" not in block


def test_html_says_when_there_is_no_headline_or_no_update() -> None:
    no_title = UpdateLine(0, 1, "update", None, False, ())
    page = render_html(analysis_with((no_title,), title=None))
    assert "Cannot tell whether it contradicts the headline (no headline)." in page
    assert 'class="contradicts"' not in page
    page = render_html(analysis_with(()))
    assert "No update or correction lines." in page
    absent = Analysis(document=analysis_with(()).document)
    assert "Headline check" not in render_html(absent)


def test_agreement_with_a_headline_the_update_contradicts_gets_a_note() -> None:
    def line(contradicts: bool | None, reflected: bool | None) -> UpdateLine:
        return UpdateLine(0, 5, "update", contradicts, reflected, text="UPDATE")

    unrevised = [line(False, True), line(True, False)]
    assert stale_stance_notes("agree", unrevised) == (STALE_STANCE_NOTE,)
    # Not when the body already says it, when nothing contradicts, or when the body does
    # not agree in the first place.
    assert stale_stance_notes("agree", [line(True, True)]) == ()
    assert stale_stance_notes("agree", [line(True, None)]) == ()
    assert stale_stance_notes("agree", [line(False, False)]) == ()
    assert stale_stance_notes("agree", []) == ()
    assert stale_stance_notes("disagree", unrevised) == ()
    assert stale_stance_notes(None, unrevised) == ()


# --- the example article ------------------------------------------------------------------


@pytest.mark.data
def test_the_example_articles_update_contradicts_its_headline_unreflected(
    checker: HeadlineChecker, example_article: Path
) -> None:
    text = example_article.read_text(encoding="utf-8")
    doc = Document.from_text(text)
    assert doc.title == TITLE
    [headline] = checker.predict([doc])
    assert headline is not None
    [update] = headline.updates
    assert update.text == DENIAL
    assert doc.text[update.start : update.end] == DENIAL
    assert update.kind == "update"
    assert update.contradicts_headline is True
    assert update.reflected_in_body is False
    assert STALE_STANCE_NOTE not in headline.notes  # no stance model, no stance to explain


@pytest.mark.model
@pytest.mark.data
def test_the_example_articles_stance_is_explained_beside_its_update(
    nlp,
    example_article: Path,  # type: ignore[no-untyped-def]
) -> None:
    from propscope.models.stance import StanceModel

    checker = HeadlineChecker(nlp=nlp, stance=StanceModel.load())
    [headline] = checker.predict([Document.from_text(example_article.read_text("utf-8"))])
    assert headline is not None
    # The body was written before the update and agrees with the headline; the update
    # contradicts it. A note says how the two verdicts fit.
    assert headline.stance == "agree"
    assert STALE_STANCE_NOTE in headline.notes


# --- session 54's review: what a reader is told -----------------------------------------


def stance_analysis(stance: str, scores: dict[str, float]) -> Analysis:
    doc = Document.from_text(article(BODY))
    return Analysis(
        document=doc, headline=Headline(text=doc.title, stance=stance, stance_scores=scores)
    )


def test_a_near_tie_is_shown_as_no_clear_verdict() -> None:
    # "Stance: the body agrees with the headline (51%)" while "discuss" stood at 49%.
    near = stance_analysis("agree", {"agree": 0.51, "discuss": 0.4862, "unrelated": 0.0038})
    shown = " ".join(render_plain(near).split())
    assert (
        "the body agrees with the headline (51%), or it reports its claim without "
        "confirming or denying it (49%): no clear verdict" in shown
    )
    assert "No clear verdict: the body agrees with the headline, or it reports" in render_html(near)
    clear = stance_analysis("agree", {"agree": 0.7, "discuss": 0.3})
    assert "no clear verdict" not in render_plain(clear).lower()
    assert "no clear verdict" not in render_html(clear).lower()


def test_a_stance_score_under_one_never_reads_certain() -> None:
    shown = " ".join(render_plain(stance_analysis("discuss", {"discuss": 0.9965})).split())
    assert "(99%)" in shown and "100%" not in shown
    assert "discuss 99%" in render_html(stance_analysis("discuss", {"discuss": 0.9965}))


def test_discuss_says_what_the_class_means_not_that_the_article_is_neutral() -> None:
    shown = " ".join(render_plain(stance_analysis("discuss", {"discuss": 0.8})).split())
    assert "reports the headline's claim without confirming or denying it" in shown
    assert "without taking a side" not in shown
    assert "without taking a side" not in render_html(stance_analysis("discuss", {"discuss": 0.8}))


def test_an_editors_note_in_brackets_is_not_labelled_twice() -> None:
    from propscope.render.terminal import _update_line

    note = UpdateLine(0, 10, "editors_note", text="(Editor's note: The story was changed.)")
    assert _update_line(note).plain == "“(Editor's note: The story was changed.)”"


def test_an_update_under_a_byline_contradicts_no_headline(checker: HeadlineChecker) -> None:
    # "✓ does not contradict the headline" stood beside the note that the title line was a
    # byline, no headline (session 54's review).
    text = article(BODY, DENIAL.replace("UPDATE:", "Editor's note:"), title="By Ann Lee")
    headline = check(checker, text)
    (update,) = headline.updates
    assert update.contradicts_headline is None
    assert any("byline" in note for note in headline.notes)


def test_a_byline_of_known_names_is_no_headline_and_a_dated_headline_stays_one() -> None:
    from propscope.components.headline import _byline_or_label

    assert _byline_or_label("Roger Naylor") and _byline_or_label("Roger Naylor - June 3, 2016")
    # Two capitalised words and a date are a headline as often ("Jay Cochran - June 03,
    # 2016" stays judged: "Jay" is in no list of first names).
    assert not _byline_or_label("Trump Wins - November 9, 2016")
    assert not _byline_or_label("Harbour Sold | June 24, 2016")


def test_a_verdict_no_sentence_moves_says_so_where_each_was_tried() -> None:
    from propscope.components.headline import NO_STANCE_EVIDENCE_NOTE, judge_stance
    from propscope.models.stance import MAX_SENTENCES
    from test_stance import toy_model

    calm = "The harbour closed in the storm. "
    saturated = Document.from_text(calm * 12, title="Harbour closed by storm")
    result = judge_stance(toy_model(), saturated, [])
    assert result.stance == "agree" and not result.evidence
    assert NO_STANCE_EVIDENCE_NOTE in result.notes
    # One sentence, or more than the evidence looks at: not tried, not said.
    one = Document.from_text(("The harbour closed in the storm " * 9) + ".", title="Harbour closed")
    assert NO_STANCE_EVIDENCE_NOTE not in judge_stance(toy_model(), one, []).notes
    long = Document.from_text(calm * (MAX_SENTENCES + 5), title="Harbour closed by storm")
    assert NO_STANCE_EVIDENCE_NOTE not in judge_stance(toy_model(), long, []).notes


def test_a_stance_score_that_is_no_number_is_not_shown() -> None:
    nan = stance_analysis("agree", {"agree": float("nan"), "discuss": 0.2})
    shown = " ".join(render_plain(nan).split())
    assert "the body agrees with the headline" in shown and "nan" not in shown.lower()
    assert "agree nan" not in render_html(nan).lower()


def test_a_note_on_what_an_earlier_version_mentioned_has_nothing_to_look_for(
    checker: HeadlineChecker,
) -> None:
    # "Not reflected: the body is written as if it had not happened" for a note whose
    # point is that the body was revised (session 54's review).
    note = (
        "(Editor's note: The original version of this story mentioned Vadim Shipachyov as a "
        "possible target for the club; he will stay in Russia.)"
    )
    update = only_update(checker, article(BODY, note))
    assert update.reflected_in_body is None
    assert "earlier version" in update.reasons[1]
    # A correction of what an earlier version got wrong is still looked for.
    for wrong in (
        "Correction: An earlier version of this story misstated the day of the vote.",
        "Correction: An earlier version of this story listed the price as 5 million.",
        "(Editor's note: An earlier version of this story incorrectly named the town.)",
    ):
        assert only_update(checker, article(BODY, wrong)).reflected_in_body is not None, wrong
