"""The attribution tagger: its windows, training tags, decoding and grouping (built by
hand, no model), how the layer adds its statements to the rules' (hand-made tagged spans
over a spaCy parse), and the shipped tagger on PolNeAR dev and on real text.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from propscope.components.attribution import Attribution, AttributionFinder, attributions_from_doc
from propscope.errors import ModelError
from propscope.io.brat import read_polnear
from propscope.models.attribution_tagger import (
    DEFAULT_TAGGER_DIR,
    TAGS,
    AttributionTaggerRuntime,
    TaggedSpan,
    decode_spans,
    group_statements,
    shipped_tagger,
    tag_ids,
    windows,
)
from propscope.training.polnear import Counts, gold_spans, measured, predicted_spans, prf


def test_windows_cover_the_text_and_the_last_ends_at_its_end() -> None:
    assert windows(0, 4, 3) == []
    assert windows(3, 4, 3) == [(0, 3)]
    assert windows(4, 4, 3) == [(0, 4)]
    assert windows(9, 4, 3) == [(0, 4), (3, 7), (6, 9)]
    with pytest.raises(ValueError, match="stride"):
        windows(9, 4, 5)


def test_training_tags_mark_begin_and_inside_and_a_cue_wins_an_overlap() -> None:
    text = "Smith said taxes rise."
    offsets = [(0, 5), (6, 10), (11, 16), (17, 21), (21, 22)]
    spans = [("source", ((0, 5),)), ("cue", ((6, 10),)), ("content", ((6, 21),))]
    tags = [TAGS[t] for t in tag_ids(len(text), spans, offsets)]
    assert tags == ["B-source", "B-cue", "B-content", "I-content", "O"]


def test_a_new_fragment_of_the_same_role_begins_a_new_span() -> None:
    text = "ab cd"
    tags = tag_ids(len(text), [("content", ((0, 2),)), ("content", ((3, 5),))], [(0, 2), (3, 5)])
    assert [TAGS[t] for t in tags] == ["B-content", "B-content"]


def _probs(tags: list[str], confidence: float = 0.9) -> np.ndarray:
    probs = np.full((len(tags), len(TAGS)), (1 - confidence) / (len(TAGS) - 1), np.float32)
    for row, tag in enumerate(tags):
        probs[row, TAGS.index(tag)] = confidence
    return probs


def test_decoding_joins_inside_tags_and_averages_their_confidence() -> None:
    offsets = [(0, 5), (6, 10), (11, 16), (17, 21), (22, 25)]
    probs = _probs(["B-source", "B-cue", "B-content", "I-content", "O"])
    probs[3, TAGS.index("I-content")] = 0.7
    spans = decode_spans(probs, offsets)
    assert [(s.role, s.start, s.end) for s in spans] == [
        ("source", 0, 5),
        ("cue", 6, 10),
        ("content", 11, 21),
    ]
    assert spans[2].confidence == pytest.approx(0.8)
    assert decode_spans(np.zeros((0, len(TAGS))), []) == []


def test_an_inside_tag_of_another_role_starts_a_span_of_its_own() -> None:
    spans = decode_spans(_probs(["B-cue", "I-content"]), [(0, 4), (5, 9)])
    assert [(s.role, s.start) for s in spans] == [("cue", 0), ("content", 5)]


def test_sources_and_contents_go_to_the_nearest_cue_never_across_a_blank_line() -> None:
    text = "Ann said A. Bob says B.\n\nC."
    ann, said, a = TaggedSpan("source", 0, 3, 0.9), TaggedSpan("cue", 4, 8, 0.9), None
    a = TaggedSpan("content", 9, 10, 0.9)
    bob, says, b = (
        TaggedSpan("source", 12, 15, 0.9),
        TaggedSpan("cue", 16, 20, 0.8),
        TaggedSpan("content", 21, 22, 0.9),
    )
    c = TaggedSpan("content", 25, 26, 0.9)
    sentences = [(0, 11), (12, 23), (25, 27)]
    statements = group_statements(text, [ann, said, a, bob, says, b, c], sentences)
    assert [(s.cue, s.source, s.contents) for s in statements] == [
        (said, ann, (a,)),
        (says, bob, (b,)),
    ]


def test_a_content_between_two_cues_goes_to_the_nearer_or_on_a_tie_the_earlier() -> None:
    text = "x said aaaa bbbb cccc said x"
    first, second = TaggedSpan("cue", 2, 6, 0.9), TaggedSpan("cue", 22, 26, 0.9)
    middle = TaggedSpan("content", 7, 21, 0.9)  # one character from each cue
    near_second = TaggedSpan("content", 12, 21, 0.9)
    far = [TaggedSpan("cue", 27, 28, 0.9)]  # a third cue, after both
    statements = group_statements(text, [first, middle, second, *far], [(0, len(text))])
    assert [s.contents for s in statements] == [(middle,), (), ()]
    statements = group_statements(text, [first, near_second, second, *far], [(0, len(text))])
    assert [s.contents for s in statements] == [(), (near_second,), ()]


def test_a_source_in_another_sentence_is_no_source_of_the_cue() -> None:
    text = "Ann. Said it."
    statements = group_statements(
        text,
        [
            TaggedSpan("source", 0, 3, 0.9),
            TaggedSpan("cue", 5, 9, 0.9),
            TaggedSpan("content", 10, 12, 0.9),
        ],
        [(0, 4), (5, 13)],
    )
    assert statements[0].source is None
    assert group_statements(text, [TaggedSpan("source", 0, 3, 0.9)], [(0, 13)]) == []


TEXT = "The senator openly admires the new tax plan. Smith said the plan fails."


def _tagged(cue_confidence: float) -> list[TaggedSpan]:
    # "The senator | openly admires | the new tax plan", as a tagger would mark it, and a
    # second cue over the rules' own "said".
    return [
        TaggedSpan("source", 0, 11, 0.9),
        TaggedSpan("cue", 12, 26, cue_confidence),
        TaggedSpan("content", 27, 43, 0.9),
        TaggedSpan("source", 45, 50, 0.9),
        TaggedSpan("cue", 51, 55, 0.99),
        TaggedSpan("content", 56, 70, 0.9),
    ]


def _statements(nlp, tagged):  # type: ignore[no-untyped-def]
    doc = nlp(TEXT)
    found = attributions_from_doc(doc, unattributed=False, learned=False, tagged=tagged)
    return [(a.source.text if a.source else None, a.cue.text, a.content.text) for a in found]  # type: ignore[union-attr]


def test_the_taggers_statement_is_added_where_the_rules_have_no_cue(nlp) -> None:  # type: ignore[no-untyped-def]
    rules = _statements(nlp, None)
    assert rules == [("Smith", "said", "the plan fails")]
    both = _statements(nlp, (_tagged(0.8), 0.7))
    assert ("The senator", "openly admires", "the new tax plan") in both
    # The rules' "said" keeps its statement; the tagger's cue over it adds nothing.
    assert [s for s in both if s[1] == "said"] == rules
    assert len(both) == 2


def test_a_tagged_cue_below_the_threshold_adds_nothing(nlp) -> None:  # type: ignore[no-untyped-def]
    assert _statements(nlp, (_tagged(0.6), 0.7)) == _statements(nlp, None)


def test_a_tagged_statement_needs_a_source_and_a_content(nlp) -> None:  # type: ignore[no-untyped-def]
    no_source = [s for s in _tagged(0.9) if s.start != 0]
    no_content = [s for s in _tagged(0.9) if s.start != 27]
    assert _statements(nlp, (no_source, 0.7)) == _statements(nlp, None)
    assert _statements(nlp, (no_content, 0.7)) == _statements(nlp, None)


def test_a_tagged_span_grows_to_whole_words(nlp) -> None:  # type: ignore[no-untyped-def]
    # Word pieces: "he senator" inside "The senator", "admir" inside "admires".
    tagged = [
        TaggedSpan("source", 1, 11, 0.9),
        TaggedSpan("cue", 12, 23, 0.9),
        TaggedSpan("content", 27, 43, 0.9),
    ]
    assert ("The senator", "openly admires", "the new tax plan") in _statements(nlp, (tagged, 0.7))


ADMIRES = "The senator openly admires the new tax plan."
ADMIRES_SPANS = (
    TaggedSpan("source", 0, 11, 0.9),
    TaggedSpan("cue", 12, 26, 0.9),
    TaggedSpan("content", 27, 43, 0.9),
)


@pytest.mark.parametrize(
    "changed",
    [
        TaggedSpan("cue", 12, 18, 0.9),  # "openly": no verb, noun or adjective
        TaggedSpan("content", 35, 43, 0.9),  # "tax plan": under three words
    ],
    ids=["adverb cue", "two-word content"],
)
def test_what_cannot_play_its_role_adds_no_statement(nlp, changed: TaggedSpan) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(ADMIRES)

    def cues(spans: list[TaggedSpan]) -> list[str]:
        found = attributions_from_doc(doc, unattributed=False, learned=False, tagged=(spans, 0.5))
        return [a.cue.text for a in found if a.cue is not None]

    assert cues(list(ADMIRES_SPANS)) == ["openly admires"]
    assert cues([changed if s.role == changed.role else s for s in ADMIRES_SPANS]) == []


def test_a_source_never_starts_on_a_preposition(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Photographs of the jet show that the fuselage was hit by shrapnel."
    tagged = [
        TaggedSpan("source", 12, 22, 0.9),  # "of the jet"
        TaggedSpan("cue", 23, 27, 0.9),
        TaggedSpan("content", 28, 65, 0.9),
    ]
    doc = nlp(text)
    found = attributions_from_doc(doc, unattributed=False, learned=False, tagged=(tagged, 0.5))
    assert all(a.source is None or not a.source.text.startswith("of") for a in found)


def _tagged_found(nlp, text: str, roles: tuple[tuple[str, str], ...]) -> list[Attribution]:  # type: ignore[no-untyped-def]
    """The layer's statements (no learned cues) with the tagger's spans over the first
    occurrence of each (role, words) in `text`, at confidence 0.9."""
    tagged = [
        TaggedSpan(role, text.index(words), text.index(words) + len(words), 0.9)
        for role, words in roles
    ]
    return attributions_from_doc(nlp(text), unattributed=False, learned=False, tagged=(tagged, 0.5))


@pytest.mark.parametrize(
    ("text", "source", "cue", "content"),
    [
        # The subject of a passive is whom others speak of.
        (
            "Hillary has been accused of hosting a private email server.",
            "Hillary",
            "has been accused of",
            "hosting a private email server",
        ),
        # Outside a quotation "you" is the reader and "I" the author.
        (
            "You will love the new colour schemes in this edition.",
            "You",
            "will love",
            "the new colour schemes in this edition",
        ),
        (
            "I thought of skipping the monthly recap entirely.",
            "I",
            "thought of",
            "skipping the monthly recap entirely",
        ),
    ],
)
def test_a_tagged_source_must_be_one_that_speaks(  # type: ignore[no-untyped-def]
    nlp, text: str, source: str, cue: str, content: str
) -> None:
    found = _tagged_found(nlp, text, (("source", source), ("cue", cue), ("content", content)))
    assert [a.cue.text for a in found if a.cue is not None] == []


def test_a_passive_is_no_tagged_cue(nlp) -> None:  # type: ignore[no-untyped-def]
    # The source is no passive's subject here, yet nobody named says anything.
    text = "Concerns from Draper were noted in the discussion of long-term effects."
    found = _tagged_found(
        nlp,
        text,
        (
            ("source", "Draper"),
            ("cue", "were noted"),
            ("content", "the discussion of long-term effects"),
        ),
    )
    assert [a.cue.text for a in found if a.cue is not None] == []


@pytest.mark.parametrize(
    ("source", "content"),
    [
        ("Mateen", "that he was mentally ill"),  # whose ex-wife, not who speaks
        ("ex-wife", "'s ex-wife figured"),  # the rest of the source's phrase
    ],
)
def test_a_possessor_is_no_tagged_source_nor_its_possession_a_content(  # type: ignore[no-untyped-def]
    nlp, source: str, content: str
) -> None:
    # A cue the rules do not know, so that only the tagger's statement can hold it.
    text = "Mateen's ex-wife figured that he was mentally ill."
    found = _tagged_found(nlp, text, (("source", source), ("cue", "figured"), ("content", content)))
    assert "figured" not in [a.cue.text for a in found if a.cue is not None]


def test_a_possessor_is_the_tagged_source_of_a_noun_cue(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Safran's thoughts about a good league map were published on Monday."
    found = _tagged_found(
        nlp,
        text,
        (
            ("source", "Safran"),
            ("cue", "thoughts about"),
            ("content", "a good league map"),
        ),
    )
    assert [(a.source.text, a.cue.text) for a in found if a.cue and a.source] == [
        ("Safran", "thoughts about")
    ]


def test_a_quoted_you_is_a_source(nlp) -> None:  # type: ignore[no-untyped-def]
    text = '"You will love the new colour schemes in this edition," the owner told reporters.'
    tagged = [
        TaggedSpan("source", 1, 4, 0.9),
        TaggedSpan("cue", 5, 14, 0.9),
        TaggedSpan("content", 15, 53, 0.9),
    ]
    assert text[15:53] == "the new colour schemes in this edition"
    found = attributions_from_doc(
        nlp(text), unattributed=False, learned=False, tagged=(tagged, 0.5)
    )
    assert "will love" in [a.cue.text for a in found if a.cue is not None]


def test_a_quoted_cue_takes_no_content_outside_its_quotation(nlp) -> None:  # type: ignore[no-untyped-def]
    # "He said" opening Haig's words was given the line before the quotation (PTC,
    # session 57): what a quoted speaker reports is inside the quotation.
    text = (
        "The rounds he sold are called tracer bullets that leave a visible trail.\n"
        '"He said he was going to put on a light show," Haig said.'
    )
    he = text.index('"He') + 1
    tagged = [
        TaggedSpan("content", 0, text.index(".\n"), 0.9),
        TaggedSpan("source", he, he + 2, 0.9),
        TaggedSpan("cue", he + 3, he + 7, 0.9),
        TaggedSpan("content", he + 8, text.index(',"'), 0.9),
    ]
    found = attributions_from_doc(
        nlp(text), unattributed=False, learned=False, tagged=(tagged, 0.5)
    )
    quoted = [a.content.text for a in found if a.source is not None and a.source.text == "He"]
    assert quoted == ["he was going to put on a light show"]


def test_a_heading_line_holds_no_tagged_statement(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "A report on the city.\n\nRead more: The senator openly admires the new tax plan\n\n"
        "The senator openly admires the new tax plan."
    )
    doc = nlp(text)

    def found(k: int) -> list[str]:
        tagged = [
            TaggedSpan("source", k, k + 11, 0.9),
            TaggedSpan("cue", k + 12, k + 26, 0.9),
            TaggedSpan("content", k + 27, k + 43, 0.9),
        ]
        return [
            a.cue.text  # type: ignore[union-attr]
            for a in attributions_from_doc(
                doc, unattributed=False, learned=False, tagged=(tagged, 0.5)
            )
        ]

    assert found(text.index("The senator")) == []
    assert found(text.rindex("The senator")) == ["openly admires"]


def test_a_missing_tagger_folder_is_named(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text("{}")
    with pytest.raises(ModelError, match=r"missing model\.onnx, tokenizer\.json"):
        AttributionTaggerRuntime(tmp_path)


# --- the shipped tagger --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tagger() -> AttributionTaggerRuntime:
    found = shipped_tagger()
    assert found is not None, f"the attribution tagger should ship in {DEFAULT_TAGGER_DIR}"
    return found


@pytest.mark.model
def test_the_shipped_tagger_has_a_card_and_a_threshold(tagger: AttributionTaggerRuntime) -> None:
    assert (DEFAULT_TAGGER_DIR / "MODEL_CARD.md").is_file()
    assert 0.5 <= tagger.threshold < 1.0
    assert tagger.config["tags"] == list(TAGS)


@pytest.mark.model
def test_the_shipped_tagger_marks_a_statement_the_rules_cannot(  # type: ignore[no-untyped-def]
    nlp, tagger: AttributionTaggerRuntime
) -> None:
    text = "Senator Warren has long been an outspoken critic of the merger."
    spans = tagger.spans(text)
    roles = {s.role for s in spans}
    assert {"source", "cue", "content"} <= roles
    source = next(s for s in spans if s.role == "source")
    assert text[source.start : source.end] == "Senator Warren"
    assert all(0 <= s.start < s.end <= len(text) for s in spans)


@pytest.mark.model
def test_the_tagger_reads_a_long_text_whole(tagger: AttributionTaggerRuntime) -> None:
    text = " ".join(["The mayor said the bridge will close."] * 400)
    spans = tagger.spans(text)
    cues = [s for s in spans if s.role == "cue"]
    assert len(cues) >= 390  # every repeat's "said", the last one too
    assert text[cues[-1].start : cues[-1].end] == "said"


@pytest.mark.model
def test_the_component_adds_the_shipped_taggers_statements(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Senator Warren has long been an outspoken critic of the merger."
    without = AttributionFinder(nlp=nlp, unattributed=False, tagger=False)
    with_tagger = AttributionFinder(nlp=nlp, unattributed=False)
    assert with_tagger.model_info()["tagger"] is not None
    from propscope.document import Document

    doc = Document.from_text(text)
    assert without.predict([doc]) == [[]]
    (found,) = with_tagger.predict([doc])
    assert not isinstance(found, str)
    assert [a.source.text for a in found if a.source] == ["Senator Warren"]
    assert found[0].source_kind == "person"


@pytest.mark.data
@pytest.mark.model
def test_the_tagger_raises_overlap_f1_on_polnear_dev(  # type: ignore[no-untyped-def]
    nlp, polnear_dev: Path, tagger: AttributionTaggerRuntime
) -> None:
    documents = list(read_polnear(polnear_dev, annotators="first"))
    rules, both = Counts(), Counts()
    for document, doc in zip(documents, nlp.pipe(d.text for d in documents), strict=True):
        gold = gold_spans(document)
        found = attributions_from_doc(doc, unattributed=False)
        rules.add(document.text, gold, predicted_spans(measured(found)))
        tagged = (tagger.spans(document.text), tagger.threshold)
        found = attributions_from_doc(doc, unattributed=False, tagged=tagged)
        both.add(document.text, gold, predicted_spans(measured(found)))
    for role in ("source", "cue", "content"):
        assert prf(*both.tokens[role])[2] > prf(*rules.tokens[role])[2]
    assert prf(*both.exact["source"])[2] >= prf(*rules.exact["source"])[2]
    assert prf(*both.exact["source"])[2] >= 0.75
    assert prf(*both.tokens["content"])[2] >= 0.83


# --- the training command's bad input (no training runs) ------------------------------------------


def test_the_training_command_names_a_missing_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from propscope.training.attribution_tagger import main

    missing = tmp_path / "no-such-folder"
    assert main([str(missing), "--runs", str(tmp_path / "runs")]) == 2
    assert "no-such-folder" in capsys.readouterr().err
    assert not (tmp_path / "runs").exists()


def test_the_training_command_needs_documents_to_choose_the_threshold_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from propscope.training.attribution_tagger import main
    from test_brat import ANN, TEXT

    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "story.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "story_aaaa.ann").write_text(ANN, encoding="utf-8")
    args = [str(tmp_path), "--runs", str(tmp_path / "runs"), "--out", str(tmp_path / "out")]
    assert main([*args, "--holdout", "0"]) == 2
    err = capsys.readouterr().err
    assert "1 documents to train on and 0 to choose the threshold on" in err
    assert "--holdout" in err
    assert not (tmp_path / "runs").exists() and not (tmp_path / "out").exists()


def test_a_tagged_source_is_the_whole_name_and_a_content_keeps_its_clitics_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    # The tagger marked "Kill" of "Kill Team" as the source and began the content at
    # "’s" (news-unlabeled, session 58): the name's first word names nobody, and "’s
    # trying" lacks whom it is said of.
    text = "Jeremy Corbyn argues it’s trying very hard to win back the voters."
    found = _tagged_found(
        nlp,
        text,
        (
            ("source", "Jeremy"),
            ("cue", "argues"),
            ("content", "’s trying very hard to win back the voters"),
        ),
    )
    assert [(a.source.text, a.content.text) for a in found if a.source is not None] == [
        ("Jeremy Corbyn", "it’s trying very hard to win back the voters")
    ]


def test_a_noun_cue_after_amid_is_not_the_clauses_subjects(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Emergency crews | claims | a mattress had been sprayed ..." (news-unlabeled,
    # session 58): the claims are a circumstance of the crews' work, nobody's named.
    text = (
        "Emergency crews treated 25 people for smoke poisoning before police started an "
        "arson investigation amid claims a mattress had been sprayed with lighter fluid."
    )
    roles = (
        ("source", "Emergency crews"),
        ("cue", "claims"),
        ("content", "a mattress had been sprayed with lighter fluid"),
    )
    assert [a.cue.text for a in _tagged_found(nlp, text, roles) if a.cue is not None] == []
    # Named inside the noun's own phrase, the source is kept.
    text = "Police opened an inquiry amid claims by residents that the tower was unsafe."
    roles = (("source", "residents"), ("cue", "claims"), ("content", "the tower was unsafe"))
    found = [(a.source.text, a.cue.text) for a in _tagged_found(nlp, text, roles) if a.cue]
    assert found == [("residents", "claims")]


def test_a_word_of_a_found_source_is_no_tagged_cue(nlp) -> None:  # type: ignore[no-untyped-def]
    # The tagger read "centre | reports | <the clause before>" beside the rules' "reports
    # | said" (news-unlabeled, session 58); a clause the parse takes into a source by
    # mistake stays the tagger's ("Cooper ..., called Friday for ..., saying").
    text = (
        "Police had been called 89 times to the hall, which was formerly part of the "
        "city's congress centre, reports said."
    )
    roles = (
        ("source", "congress centre"),
        ("cue", "reports"),
        ("content", "Police had been called 89 times to the hall"),
    )
    assert [(a.source.text, a.cue.text) for a in _tagged_found(nlp, text, roles) if a.cue] == [
        ("reports", "said")
    ]


def test_a_tagged_source_takes_its_nouns_determiner_and_describing_words(nlp) -> None:  # type: ignore[no-untyped-def]
    # The tagger marked "initiative, Operation Double Helix 2.0" of "A succeeding
    # initiative, ..." (news-unlabeled, session 59); a possessor is the phrase's too.
    text = "A succeeding initiative, Operation Double Helix 2.0, discovered that 79 were false."
    roles = (
        ("source", "initiative, Operation Double Helix 2.0"),
        ("cue", "discovered"),
        ("content", "that 79 were false"),
    )
    found = [a.source.text for a in _tagged_found(nlp, text, roles) if a.source is not None]
    assert found == ["A succeeding initiative, Operation Double Helix 2.0"]
    text = "The mayor's spokesman was adamant that the budget was balanced."
    roles = (
        ("source", "spokesman"),
        ("cue", "was adamant"),
        ("content", "that the budget was balanced"),
    )
    found = [a.source.text for a in _tagged_found(nlp, text, roles) if a.source is not None]
    assert found == ["The mayor's spokesman"]


def test_watching_is_no_tagged_cue(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Investors | are watching | for early signs of the impact of ..." (Reuters, 59).
    text = "Investors are watching for early signs of the impact of the election victory."
    roles = (
        ("source", "Investors"),
        ("cue", "are watching"),
        ("content", "for early signs of the impact of the election"),
    )
    assert [a for a in _tagged_found(nlp, text, roles) if a.cue is not None] == []


def test_a_tagged_content_that_cuts_its_clauses_subject_takes_it_whole(nlp) -> None:  # type: ignore[no-untyped-def]
    # The tagger's content began "subsidy program could be exposing ..." (The Daily
    # Caller, session 59).
    text = (
        "Vulnerabilities in a federal cell phone subsidy program could be exposing "
        "taxpayers to fraud, a leading regulator revealed on Wednesday."
    )
    roles = (
        ("source", "a leading regulator"),
        ("cue", "revealed"),
        ("content", "subsidy program could be exposing taxpayers to fraud"),
    )
    found = [a.content.text for a in _tagged_found(nlp, text, roles) if a.cue is not None]
    assert found == [
        "Vulnerabilities in a federal cell phone subsidy program could be exposing taxpayers "
        "to fraud"
    ]


def test_a_source_in_a_bracket_after_its_cue_speaks_for_nothing_outside_it(nlp) -> None:  # type: ignore[no-untyped-def]
    # "a detailed discussion | of view of | what is called first strike stability" (news,
    # session 61): the tagger's source sat in the bracket the sentence ends with.
    text = (
        "The combo could seem rather destabilizing from the point of view of what is called "
        "first strike stability (for a detailed discussion see here )."
    )
    roles = (
        ("cue", "view of"),
        ("content", "what is called first strike stability"),
        ("source", "a detailed discussion"),
    )
    assert _tagged_found(nlp, text, roles) == []
    # A source in a bracket before its cue stays: "(The ministry) said on Monday ...".
    text = "The plan failed. The agency (the GAO) said that costs rose by a third this year."
    roles = (("source", "The agency (the GAO)"), ("cue", "said"), ("content", "that costs rose"))
    assert [a.source.text for a in _tagged_found(nlp, text, roles) if a.source] == [
        "The agency (the GAO)"
    ]


@pytest.mark.model
def test_the_tagger_finds_no_statement_in_a_question(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Who | sanctioned | this commitment to a new army" (the PTC, session 62): the
    # writer asks; the learned cues and the rules already skip such a question.
    from propscope.components.attribution import find_attributions

    text = (
        "Who sanctioned this commitment to a new army, which, if Syria and its Russian and "
        "Iranian allies, and the Turks, do not all back down, risks a major U.S. war with no "
        "allies but the Kurds?"
    )
    found = find_attributions(text, nlp=nlp, unattributed=False, tagger=True)
    assert [a.cue.text for a in found if a.cue] == []


def test_a_tagged_content_stays_in_its_cues_paragraph(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Pope Francis | praise of | Some rescripts concern the granting of favors ..." took
    # a line three lines above its cue (the PTC, session 62, which breaks a line after
    # each sentence).
    text = (
        "Some rescripts concern the granting of favors and the administration of justice.\n"
        "The senator openly admires the new tax plan."
    )
    line = text.index("\n") + 1
    tagged = [
        TaggedSpan("content", 0, line - 2, 0.9),
        TaggedSpan("source", line, line + 11, 0.9),
        TaggedSpan("cue", line + 12, line + 26, 0.9),
        TaggedSpan("content", line + 27, line + 43, 0.9),
    ]
    doc = nlp(text)
    found = attributions_from_doc(doc, unattributed=False, learned=False, tagged=(tagged, 0.7))
    assert [(a.cue.text, a.content.text) for a in found if a.cue] == [  # type: ignore[union-attr]
        ("openly admires", "the new tax plan")
    ]


def test_a_tagged_content_may_follow_a_colon_on_the_next_line(nlp) -> None:  # type: ignore[no-untyped-def]
    # A guard on the rule above: "GOA Executive Director Erich Pratt writes:\nThe anti-gun
    # Left is hopping-mad ..." (the PTC) keeps its content.
    text = "The director openly writes:\nThe new tax plan will fail within the year.\n"
    line = text.index("\n") + 1
    tagged = [
        TaggedSpan("source", 0, 12, 0.9),
        TaggedSpan("cue", 13, 26, 0.9),
        TaggedSpan("content", line, len(text) - 2, 0.9),
    ]
    doc = nlp(text)
    found = attributions_from_doc(doc, unattributed=False, learned=False, tagged=(tagged, 0.7))
    assert [(a.cue.text, a.content.text) for a in found if a.cue] == [  # type: ignore[union-attr]
        ("openly writes", "The new tax plan will fail within the year")
    ]


def test_a_time_is_no_tagged_source(nlp) -> None:  # type: ignore[no-untyped-def]
    # "yesterday afternoon | referred | a 23-year-old ... male" (the PTC, session 63).
    text = "Officers at the crossing yesterday afternoon referred a man for further inspection."
    doc = nlp(text)

    def sources(source: tuple[int, int]) -> list[str]:
        tagged = [
            TaggedSpan("source", *source, 0.9),
            TaggedSpan("cue", 45, 53, 0.9),  # "referred"
            TaggedSpan("content", 54, 82, 0.9),
        ]
        found = attributions_from_doc(doc, unattributed=False, learned=False, tagged=(tagged, 0.5))
        return [a.source.text for a in found if a.source is not None]

    assert text[25:44] == "yesterday afternoon"
    assert sources((25, 44)) == []
    assert sources((0, 8)) == ["Officers"]  # the same statement, its source a body


def test_an_i_inside_a_speakers_turn_stands_for_the_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    # The tagger's "I | think | ..." inside Whitney Medworth's turns of an interview
    # stood apart as "I · pronoun" (news, session 66); "I" there is hers.
    text = (
        "Whitney Medworth runs a fan account, and we talked to her.\n\n"
        "WM: Agents do a lot of the talking. I think teams know they have a window.\n"
    )
    i = text.index("I think")
    found = attributions_from_doc(
        nlp(text),
        unattributed=False,
        learned=False,
        tagged=(
            [
                TaggedSpan("source", i, i + 1, 0.9),
                TaggedSpan("cue", i + 2, i + 7, 0.9),
                TaggedSpan("content", i + 8, len(text) - 2, 0.9),
            ],
            0.5,
        ),
    )
    mine = [a for a in found if a.source is not None and a.source.text == "I"]
    assert [a.refers_to.text for a in mine if a.refers_to is not None] == ["Whitney Medworth"]


def test_a_tagged_content_before_its_cue_with_the_source_after_is_a_closed_quotation(nlp) -> None:  # type: ignore[no-untyped-def]
    # "KD | recently heard | the Knicks do" took the sentence before "We've recently heard
    # KD praise Paul" (news, session 66): a content before its cue with the source after
    # it is a quotation that a "said X" tag closes, nothing but marks between.
    text = (
        "The Pacers have the exact same reasons for him that the Knicks do. We've recently "
        "heard KD praise Paul and Myles."
    )
    found = _tagged_found(
        nlp,
        text,
        (("content", "the Knicks do"), ("cue", "recently heard"), ("source", "KD")),
    )
    assert not [a for a in found if a.cue is not None and a.cue.text == "recently heard"]


def test_a_tagged_cue_after_its_content_drops_the_preposition_it_ends_on(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Trump | said at | ‘I like taking the guns early ...’" (the PTC, session 66): "at"
    # opens where he said it, not what he said.
    text = "“I like taking the guns early,” Trump riffed at a meeting with lawmakers."
    found = _tagged_found(
        nlp,
        text,
        (("content", "I like taking the guns early"), ("cue", "riffed at"), ("source", "Trump")),
    )
    assert [(a.cue.text, a.content.text) for a in found if a.cue is not None] == [
        ("riffed", "I like taking the guns early")
    ]
