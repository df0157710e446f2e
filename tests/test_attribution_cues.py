"""The attribution layer's learned verb cues, and the PolNeAR scorer they are chosen by.

The model and scorer tests build their inputs by hand; the cue tests on sentences need
spaCy (they skip where it is missing and fail under CI); one data test measures the
shipped model on PolNeAR dev.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from propscope.analysis import AttributedSpan, Attribution
from propscope.components.attribution import (
    AttributionFinder,
    attributions_from_doc,
    cue_candidates,
)
from propscope.errors import ModelError
from propscope.io.brat import BratSpan, PolnearAttribution, PolnearDocument, read_polnear
from propscope.models.attribution_cues import CueModel, load_cue_model, shipped_cue_model
from propscope.training.polnear import (
    Counts,
    gold_spans,
    measured,
    predicted_spans,
    prf,
    strip_fragments,
)

WANTS = "Senator Smith wants to raise taxes on the rich."


def _want_model(threshold: float = 0.5) -> CueModel:
    # "want" with an infinitive after it is a cue; nothing else is.
    return CueModel(weights={"lemma=want": 4.0, "comp=xcomp": 1.0}, bias=-3.0, threshold=threshold)


# --- the model (no spaCy) ----------------------------------------------------------------


def test_score_is_the_logistic_of_the_summed_weights() -> None:
    model = _want_model()
    assert model.score(["lemma=want", "comp=xcomp"]) == pytest.approx(1 / (1 + math.exp(-2)))
    # Unknown features weigh nothing: the bias alone.
    assert model.score(["lemma=eat", "unknown"]) == pytest.approx(1 / (1 + math.exp(3)))
    assert model.score([]) == pytest.approx(1 / (1 + math.exp(3)))
    assert model.accepts(["lemma=want"])  # -3 + 4 = 1: 0.73 >= 0.5
    assert not _want_model(threshold=0.8).accepts(["lemma=want"])
    assert not model.accepts(["comp=xcomp"])  # -2: 0.12
    assert CueModel(weights={}, bias=-1000.0, threshold=0.5).score([]) == 0.0


def test_a_saved_model_loads_back_equal(tmp_path: Path) -> None:
    model = _want_model(threshold=0.4)
    model.save(tmp_path / "cues.json")
    assert load_cue_model(tmp_path / "cues.json") == model


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no attribution cue model here"),
        ("{not json", "not a readable"),
        (json.dumps({"format": "something else"}), "not an attribution cue model"),
        (json.dumps({"format": "propscope-attribution-cues/1", "bias": 0}), "broken"),
    ],
)
def test_a_missing_or_broken_model_file_is_named(
    tmp_path: Path, content: str | None, message: str
) -> None:
    path = tmp_path / "cues.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ModelError, match=message) as caught:
        load_cue_model(path)
    assert str(path) in str(caught.value)


def test_the_shipped_model_loads_and_has_a_card() -> None:
    model = shipped_cue_model()
    assert 0.0 < model.threshold < 1.0
    assert len(model.weights) > 100
    card = (
        Path(__file__).parents[1] / "src/propscope/models/attribution-cues/MODEL_CARD.md"
    ).read_text(encoding="utf-8")
    assert "python -m propscope.training.attribution_cues" in card
    assert "sha256" in card


# --- the scorer (no spaCy) ---------------------------------------------------------------


def test_strip_fragments_drops_punctuation_but_keeps_a_lone_colon() -> None:
    text = 'He said: "Yes."'
    assert strip_fragments(text, ((8, 15),)) == ((10, 13),)  # ' "Yes."' -> 'Yes'
    assert strip_fragments(text, ((7, 8),)) == ((7, 8),)  # ':' alone stays
    assert strip_fragments(text, ((2, 3),)) == ()  # a space only


Triple = tuple[tuple[int, int], tuple[int, int], tuple[int, int]]


def _span(text: str, label: str, span: tuple[int, int]) -> BratSpan:
    return BratSpan(id=label[0], label=label, fragments=(span,), text=text[span[0] : span[1]])


def _document(text: str, relations: list[Triple]) -> PolnearDocument:
    return PolnearDocument(
        name="hand",
        annotator="me",
        text=text,
        attributions=tuple(
            PolnearAttribution(
                id=f"R{k}",
                label="Attribution",
                source=_span(text, "Source", s),
                cue=_span(text, "Cue", c),
                content=_span(text, "Content", t),
            )
            for k, (s, c, t) in enumerate(relations)
        ),
    )


def test_counts_exact_and_by_token_overlap() -> None:
    # "Ann Lee said that it rains."  source [0, 7), cue [8, 12), content [13, 26)
    text = "Ann Lee said that it rains."
    gold = gold_spans(_document(text, [((0, 7), (8, 12), (13, 26))]))
    predicted = {"source": {((4, 7),)}, "cue": {((8, 12),)}, "content": {((13, 27),)}}
    counts = Counts()
    counts.add(text, gold, predicted)
    # source: "Lee" is not "Ann Lee" exactly, but one of its two tokens overlaps.
    assert counts.exact["source"] == [0, 1, 1]
    assert counts.tokens["source"] == [1, 1, 2]
    # cue exact; content exact after stripping the full stop.
    assert counts.exact["cue"] == [1, 1, 1]
    assert counts.exact["content"] == [1, 1, 1]
    p, r, f = prf(*counts.tokens["source"])
    assert (p, r) == (1.0, 0.5)
    assert f == pytest.approx(2 / 3)


def test_a_quotation_split_around_its_cue_is_scored_as_one_discontinuous_content() -> None:
    text = "“We won,” Ann Lee said. “They lost.” Bo said it rains."
    a, b = (0, 9), (24, 36)  # “We won,” and “They lost.”
    source, cue = AttributedSpan(10, 17, "Ann Lee"), AttributedSpan(18, 22, "said")
    parts = [
        Attribution(source, cue, AttributedSpan(*a, text[slice(*a)]), "person"),
        Attribution(source, cue, AttributedSpan(*b, text[slice(*b)]), "person"),
        Attribution(
            AttributedSpan(37, 39, "Bo"),
            AttributedSpan(40, 44, "said"),
            AttributedSpan(45, 53, "it rains"),
            "person",
        ),
    ]
    assert predicted_spans(parts)["content"] == {(a, b), ((45, 53),)}
    gold = PolnearDocument(
        name="hand",
        annotator="me",
        text=text,
        attributions=(
            PolnearAttribution(
                id="R1",
                label="Attribution",
                source=_span(text, "Source", (10, 17)),
                cue=_span(text, "Cue", (18, 22)),
                content=BratSpan(id="C", label="Content", fragments=(a, b), text=""),
            ),
        ),
    )
    counts = Counts()
    counts.add(text, gold_spans(gold), predicted_spans(parts))
    assert counts.exact["content"] == [1, 2, 1]  # the two parts match PolNeAR's one content


def test_predicted_spans_of_nothing_and_prf_of_nothing() -> None:
    assert predicted_spans([]) == {"source": set(), "cue": set(), "content": set()}
    assert prf(0, 0, 5) == (0.0, 0.0, 0.0)
    assert measured([]) == []


# --- learned cues on sentences (spaCy) ---------------------------------------------------


def test_a_learned_cue_adds_a_statement_the_rules_miss(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(WANTS)
    rules = attributions_from_doc(doc, unattributed=False, learned=False)
    assert [a for a in rules if a.cue is not None] == []
    found = attributions_from_doc(doc, unattributed=False, learned=_want_model())
    assert len(found) == 1
    item = found[0]
    assert item.source is not None and item.source.text == "Senator Smith"
    assert item.cue is not None and item.cue.text == "wants"
    assert item.content.text == "to raise taxes on the rich"
    assert item.source_kind == "person"


def test_a_model_that_rejects_adds_nothing(nlp) -> None:  # type: ignore[no-untyped-def]
    rejecting = CueModel(weights={}, bias=-10.0, threshold=0.5)
    doc = nlp(WANTS)
    assert attributions_from_doc(doc, unattributed=False, learned=rejecting) == (
        attributions_from_doc(doc, unattributed=False, learned=False)
    )


def test_candidates_leave_out_what_the_rules_found(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Ann Lee said that taxes will rise. Bob Ray supports the plan.")
    candidates = cue_candidates(doc)
    starts = {doc.text[c.verb_start : c.verb_start + 8] for c in candidates}
    assert "supports" in starts
    assert not any(doc.text.startswith("said", c.verb_start) for c in candidates)
    support = next(c for c in candidates if doc.text.startswith("supports", c.verb_start))
    assert "lemma=support" in support.features and "comp=dobj" in support.features
    assert doc.text[slice(*support.content)] == "the plan"


def test_the_infinitive_a_rule_cue_governs_is_no_candidate(nlp) -> None:  # type: ignore[no-untyped-def]
    # "declined | to name ..." is the statement; "to name | specific companies" was a
    # second one, over the same words, from the shipped learned cues (session 29, news).
    doc = nlp("He declined to name specific companies that could face bankruptcy.")
    assert not any(doc.text.startswith("name", c.verb_start) for c in cue_candidates(doc))
    found = attributions_from_doc(doc, unattributed=False)
    assert [(a.cue.text if a.cue else None) for a in found] == ["declined"]
    # An infinitive no rule cue governs stays a candidate ("went ... to defend").
    doc = nlp("President Trump went on Twitter to defend the embassy.")
    assert any(doc.text.startswith("defend", c.verb_start) for c in cue_candidates(doc))


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        # The shipped learned cues took these for statements (session 23's audit on news).
        ("Joanna Jedrzejczyk looks to continue the turnover.", "looks"),
        ("He fired off missiles to hit targets in Iraq.", "fired"),
        ("I need to link to them in the post.", "need"),
        ("You risk looking self-centered to the voters.", "risk"),
        ("We started looking for a new office in March.", "started"),
    ],
)
def test_doing_and_the_authors_own_wants_are_no_cue_candidates(nlp, text: str, verb: str) -> None:  # type: ignore[no-untyped-def]
    # Not even candidates: no weights can make them statements.
    candidates = cue_candidates(nlp(text))
    assert not [c for c in candidates if text.startswith(verb, c.verb_start)]


def test_the_component_can_run_the_rules_alone(nlp) -> None:  # type: ignore[no-untyped-def]
    assert AttributionFinder(nlp=nlp, learned=False).model_info()["learned_cues"] is None
    assert AttributionFinder(nlp=nlp).model_info()["learned_cues"] == shipped_cue_model().version


def test_labels_need_the_gold_cue_and_the_gold_source(nlp) -> None:  # type: ignore[no-untyped-def]
    from propscope.training.attribution_cues import label_candidates

    text = "Bob Ray supports the plan. Ann Lee opposes the tax."
    candidates = cue_candidates(nlp(text))
    assert len(candidates) == 2
    # Gold: Bob Ray -> supports -> the plan; "opposes" is annotated with another source.
    document = _document(text, [((0, 7), (8, 16), (17, 25)), ((31, 34), (35, 42), (43, 50))])
    assert label_candidates(document, candidates) == [1, 0]


# --- the shipped model on PolNeAR dev ------------------------------------------------------


@pytest.mark.data
@pytest.mark.model
def test_learned_cues_raise_source_f1_on_polnear_dev(nlp, polnear_dev: Path) -> None:  # type: ignore[no-untyped-def]
    documents = list(read_polnear(polnear_dev, annotators="first"))
    rules, learned = Counts(), Counts()
    for document, doc in zip(documents, nlp.pipe(d.text for d in documents), strict=True):
        gold = gold_spans(document)
        found = attributions_from_doc(doc, unattributed=False, learned=False)
        rules.add(document.text, gold, predicted_spans(measured(found)))
        found = attributions_from_doc(doc, unattributed=False)
        learned.add(document.text, gold, predicted_spans(measured(found)))
    rules_f1 = prf(*rules.exact["source"])[2]
    learned_f1 = prf(*learned.exact["source"])[2]
    assert learned_f1 > rules_f1 + 0.01
    assert learned_f1 >= 0.74
    assert prf(*learned.tokens["content"])[2] >= 0.78
