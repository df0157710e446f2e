"""The headline stance layer: features, the perceptron, evidence, notes; then the
shipped model on real text and on FNC-1's held-out bodies."""

from __future__ import annotations

import numpy as np
import pytest

from propscope import Document, Headline
from propscope.components.headline import MIN_STANCE_WORDS, judge_stance
from propscope.models.stance import (
    EXTRA_FEATURES,
    STANCES,
    StanceFeatures,
    StanceModel,
    split_sentences,
)

VOCAB = ["harbour", "closed", "storm", "football", "match", "council"]


def toy_model() -> StanceModel:
    """A hand-set model: 'agree' grows with the headline's cosine to the body, and
    'unrelated' wins when it is near zero."""
    features = StanceFeatures(VOCAB, np.ones(len(VOCAB), np.float32), ["the", "a"])
    n = features.size
    cosine = 2 * len(VOCAB) + EXTRA_FEATURES.index("cosine")
    w1 = np.zeros((n, 1), np.float32)
    w1[cosine, 0] = 10.0
    w2 = np.array([[1.0, 0.0, 0.0, -1.0]], np.float32)
    b2 = np.array([0.0, -5.0, -5.0, 2.0], np.float32)
    weights = {"w1": w1, "b1": np.zeros(1, np.float32), "w2": w2, "b2": b2}
    return StanceModel(features, weights, {"name": "toy", "version": "0"})


def test_split_sentences_gives_trimmed_offsets():
    text = "Title\n\nThe harbour closed. A storm came!  Then   what?\nNext line"
    spans = split_sentences(text, 7)
    assert [text[s:e] for s, e in spans] == [
        "The harbour closed.",
        "A storm came!",
        "Then   what?",
        "Next line",
    ]


def test_features_follow_the_vocabulary_and_skip_stop_words():
    model = toy_model()
    body = model.features.body(["The harbour closed.", "A storm came."])
    x = model.features.pair("Harbour closed by the storm", body)
    assert x.shape == (model.features.size,)
    head = x[: len(VOCAB)]
    assert head[VOCAB.index("football")] == 0
    assert head[VOCAB.index("harbour")] > 0
    extra = dict(zip(EXTRA_FEATURES, x[2 * len(VOCAB) :], strict=True))
    assert extra["headline_words_in_body"] == pytest.approx(3 / 4)  # 'by' is no stop word here
    assert extra["cosine"] > 0.5
    assert extra["headline_is_question"] == 0.0


def test_bodies_without_each_sentence_equal_bodies_made_without_it():
    # The evidence leaves out each sentence in turn; the subtraction must give the very
    # features a body made without the sentence gives, past the sentences the features
    # keep (MAX_SENTENCES) and with words repeated across sentences.
    from propscope.models.stance import MAX_SENTENCES

    model = toy_model()
    sentences = [
        "The harbour closed.",
        "A storm came, a storm no one saw!",
        "Officials deny the harbour closed.",
        "",
        "Football was cancelled.",
    ] * (MAX_SENTENCES // 4)
    n = MAX_SENTENCES
    assert len(sentences) > n
    for i, without in enumerate(model.features.bodies_without_each(sentences, n)):
        made = model.features.body(sentences[:i] + sentences[i + 1 :])
        for name in ("n_words", "word_set", "opening", "refuting", "hedging"):
            assert getattr(without, name) == getattr(made, name), (i, name)
        assert np.array_equal(without.tf, made.tf)
        assert without.weights == made.weights
        assert without.sentence_weights == made.sentence_weights
        headline = "Storm closes harbour"
        assert np.array_equal(
            model.features.pair(headline, without), model.features.pair(headline, made)
        )


def test_related_body_agrees_and_unrelated_body_does_not():
    model = toy_model()
    related = model.predict("Harbour closed by storm", ["The harbour closed in the storm."])
    unrelated = model.predict("Harbour closed by storm", ["The football match ended late."])
    assert related.stance == "agree"
    assert unrelated.stance == "unrelated"
    assert sum(related.scores.values()) == pytest.approx(1.0, abs=1e-3)
    assert unrelated.evidence == []  # nothing in an unrelated body bears on the headline


def test_evidence_is_the_sentence_the_verdict_rests_on():
    model = toy_model()
    verdict = model.predict(
        "Harbour closed by storm",
        ["The football match ended late.", "The harbour closed in the storm.", "Council met."],
    )
    assert verdict.stance == "agree"
    assert verdict.evidence[0][0] == 1
    assert verdict.evidence[0][1] > 0


def test_mismatched_model_files_are_refused():
    features = StanceFeatures(VOCAB, np.ones(len(VOCAB), np.float32), [])
    bad = {"w1": np.zeros((3, 1)), "b1": np.zeros(1), "w2": np.zeros((1, 4)), "b2": np.zeros(4)}
    with pytest.raises(Exception, match="do not belong together"):
        StanceModel(features, bad, {})


def body_of(words: int) -> str:
    return " ".join(["The harbour closed in the storm."] * (words // 6 + 1))


def test_no_headline_gives_no_verdict():
    doc = Document.from_text(body_of(60))
    assert doc.title is None
    result = judge_stance(toy_model(), doc, [])
    assert result.stance is None and result.evidence == ()


def test_a_short_body_gets_a_note_not_a_verdict():
    doc = Document.from_text("The harbour closed.", title="Harbour closed by storm")
    result = judge_stance(toy_model(), doc, [])
    assert result.stance is None
    assert str(MIN_STANCE_WORDS) in result.notes[0]
    headline_only = Document.from_text("Harbour closed by storm\n\n")
    assert judge_stance(toy_model(), headline_only, []).stance is None


def test_a_foreign_body_gets_a_note_not_a_verdict():
    german = (
        "Der Hafen wurde wegen des Sturms geschlossen, sagte der Stadtrat am Dienstag. "
        "Die Arbeiten sollen mindestens zwei Monate dauern, und die Fähren fahren nicht."
    )
    doc = Document.from_text(german, title="Harbour closed by storm")
    result = judge_stance(toy_model(), doc, [])
    assert result.stance is None
    assert "English" in result.notes[0]


def test_update_lines_are_not_read_as_body():
    text = "Harbour closed by storm\n\nUPDATE: the football match ended late.\n\n" + body_of(40)
    doc = Document.from_text(text)
    start = text.index("UPDATE")
    end = text.index("\n", start)
    result = judge_stance(toy_model(), doc, [(start, end)])
    assert result.stance == "agree"
    assert all(not (e.start < end and start < e.end) for e in result.evidence)


def test_headline_checks_its_stance_value():
    with pytest.raises(ValueError, match="stance must be one of"):
        Headline(text="A title", stance="maybe")
    with pytest.raises(ValueError, match="no stance"):
        Headline(text=None, stance="agree")
    h = Headline(text="A", stance="agree", stance_scores={"agree": 0.9})
    assert Headline.from_dict(h.to_dict()) == h


# --- the shipped model ------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped():
    return StanceModel.load()


@pytest.mark.model
def test_shipped_model_on_the_example_article(shipped, example_article):
    doc = Document.from_text(example_article.read_text(encoding="utf-8"))
    text = doc.text
    start = text.index("UPDATE:")
    result = judge_stance(shipped, doc, [(start, text.index("\n", start))])
    # The body reports the military's request: it is about the headline.
    assert result.stance in ("agree", "discuss")
    assert result.evidence
    assert all(text[e.start : e.end] == e.text for e in result.evidence)
    # What the headline says (the military asked to restart bombing) is the body's
    # first sentence, and the verdict rests on it most.
    assert "formally asked Vladimir Putin" in result.evidence[0].text


@pytest.mark.model
def test_shipped_model_says_unrelated_for_an_unrelated_body(shipped):
    body = (
        "The city's football club won its third match of the season on Saturday, with two "
        "goals in the second half. The coach praised the young defenders and said the team "
        "would travel to the coast next week for a friendly game against an old rival."
    )
    doc = Document.from_text(body, title="Apple unveils new iPhone with a larger screen")
    assert judge_stance(shipped, doc, []).stance == "unrelated"


@pytest.mark.data
@pytest.mark.model
def test_shipped_model_scores_its_card_figure_on_held_out_bodies(shipped, fnc1):
    from propscope.training.stance import fnc_score, load_fnc, split_by_body

    bodies, pairs = load_fnc(fnc1)
    train, held = split_by_body(pairs, list(bodies), seed=shipped.info["training"]["seed"])
    assert not {p.body_id for p in train} & {p.body_id for p in held}
    sample = held[::7]
    predicted = []
    cache = {}
    for pair in sample:
        if pair.body_id not in cache:
            text = bodies[pair.body_id]
            cache[pair.body_id] = shipped.features.body(
                [text[s:e] for s, e in split_sentences(text)]
            )
        x = shipped.features.pair(pair.headline, cache[pair.body_id])
        predicted.append(STANCES[int(shipped.probabilities(x[None, :])[0].argmax())])
    score = fnc_score([p.stance for p in sample], predicted)
    assert score >= 0.82
    assert abs(score - shipped.info["held_out"]["fnc_score_relative"]) < 0.03


def test_a_caption_label_first_is_the_pages_furniture_and_no_headline() -> None:
    # "Image caption," was judged as a byline until session 60 made the BBC's caption
    # labels page furniture; it gets no verdict either way.
    doc = Document.from_text(body_of(60), title="Image caption,")
    result = judge_stance(toy_model(), doc, [])
    assert result.stance is None
    assert "furniture" in result.notes[0]


@pytest.mark.parametrize(
    "title",
    [
        "michael barbaro",  # got "agree" (session 23's audit)
        "Alex Mar | Atlas Obscura | June 2016 | 27 minutes (6,812 words)",  # "unrelated", red
        "By Jay Zawaski--",
        # Session 36's news: first lines judged "unrelated" to their articles.
        "By",
        "Updated",
        "OPINION:",
        "J.D. Pooley / Getty Images",
        "Photo by Karsten Moran",
        "© 2011, Pro-Youth Pages",
        "(@ChaudhryMAli88)",
        "Roger Naylor",
        "Nick Penzenstadler, and Susan Page",
        # A photo's caption with its credit (session 48's review: judged "discuss").
        "Latheefa Koya speaks at a press conference in Putrajaya January 8, 2020. "
        "— Picture by Miera Zulyana",
    ],
)
def test_a_byline_is_no_headline_to_judge(title: str):
    doc = Document.from_text(body_of(60), title=title)
    result = judge_stance(toy_model(), doc, [])
    assert result.stance is None
    assert "looks like a byline" in result.notes[0]
    # A headline with bars in it, or one opening "By The ...:", is still one.
    for headline in (
        "Harbour closed by storm | Local news | Example Times",
        "By The Numbers: harbour closed by storm",
        "Images show the harbour closed by storm",
        "Self-image by the sea: the harbour closed by storm",
        "Storm: harbour closed",
        "Donald Trump closes the harbour",
        "Harbour Closed",
    ):
        doc = Document.from_text(body_of(60), title=headline)
        assert judge_stance(toy_model(), doc, []).stance == "agree", headline


def test_a_lede_taken_for_the_title_gets_a_note_not_a_verdict():
    # Its first sentence was judged as the headline: "unrelated" on 31 of 104 such
    # articles in the news, always a false alarm, since the sentence is the article's.
    asked: list[str] = []
    model = toy_model()
    predict = model.predict

    def spy(headline: str, sentences: list[str]):  # type: ignore[no-untyped-def]
        asked.append(headline)
        return predict(headline, sentences)

    model.predict = spy  # type: ignore[method-assign]
    lede = "Harbour closed by the storm. " + " ".join(["The council met on Monday."] * 6)
    assert len(lede.split()) > 30
    result = judge_stance(model, Document.from_text(body_of(60), title=lede), [])
    assert asked == [] and result.stance is None and result.evidence == ()
    assert result.notes == (
        f"The first line has {len(lede.split())} words: a paragraph rather than a headline, "
        "so no verdict is given on whether the body supports it.",
    )


def test_the_body_read_for_the_stance_leaves_out_calls_to_action_and_the_headline_again():
    seen: list[list[str]] = []
    model = toy_model()
    predict = model.predict

    def spy(headline: str, sentences: list[str]):  # type: ignore[no-untyped-def]
        seen.append(list(sentences))
        return predict(headline, sentences)

    model.predict = spy  # type: ignore[method-assign]
    headline = "Harbour closed by storm"
    body = (
        "Harbour closed by storm.\n\n"
        + body_of(60)
        + "\n\nClick here to respond to this harbour storm post on our Facebook page."
    )
    judge_stance(model, Document.from_text(body, title=headline), [])
    (sentences,) = seen
    assert not any(s.startswith(("Harbour closed by storm", "Click here")) for s in sentences)
    assert sentences and all(s == "The harbour closed in the storm." for s in sentences)


@pytest.mark.parametrize(
    "title",
    ["January 6, 2020", "Mon 6 Jan 2020 10.30 GMT", "2020-01-06", "June 5, 2019 at 5:30 p.m. ET"],
)
def test_a_date_is_no_headline_to_judge(title: str):
    # A dateline taken for the title was judged "unrelated" to its own article.
    doc = Document.from_text(body_of(60), title=title)
    result = judge_stance(toy_model(), doc, [])
    assert result.stance is None
    assert "is a date, not a headline" in result.notes[0]
    # A headline that holds a date, or opens with a month's name, is still one.
    for headline in ("May 2020 bring a new harbour", "Harbour closed on January 6, 2020"):
        doc = Document.from_text(body_of(60), title=headline)
        assert judge_stance(toy_model(), doc, []).stance == "agree", headline


@pytest.mark.parametrize(
    "title",
    [
        "NEW You can now listen to Fox News articles!",
        "Placeholder while article actions load",
        "Advertisement",
        "Send this page to someone via email",
        "Why did this happen?",
    ],
)
def test_page_furniture_is_no_headline_to_judge(title: str):
    # Scraped pages open with their furniture, which was judged "unrelated" to the article.
    body = body_of(60)
    if title == "Why did this happen?":  # a robot check's heading, over its request
        body = (
            "Please make sure your browser supports JavaScript and cookies and that you are "
            "not blocking them from loading.\n\n" + body
        )
    doc = Document.from_text(body, title=title)
    result = judge_stance(toy_model(), doc, [])
    assert result.stance is None
    assert "furniture" in result.notes[0]
    # A headline with a furniture word in it is still one.
    for headline in ("Advertisement ban closes harbour", "Why did the harbour close?"):
        doc = Document.from_text(body_of(60), title=headline)
        assert judge_stance(toy_model(), doc, []).stance == "agree", headline


def test_evidence_is_a_whole_sentence_past_a_title_or_an_abbreviation():
    # "Mr. Obama is stretching those laws" was shown as "Obama is stretching those
    # laws": cut after "Mr.", the lawmakers' claim read as the article's.
    body = "Some lawmakers on Capitol Hill have said Mr. Obama closed the harbour in the storm."
    filler = " The football match ended late." * 6
    doc = Document.from_text(body + filler, title="Harbour closed by storm")
    result = judge_stance(toy_model(), doc, [])
    assert result.stance == "agree"
    assert body in [e.text for e in result.evidence]
    assert all(not e.text.startswith("Obama") for e in result.evidence)


def test_the_similarities_read_words_outside_the_vocabulary():
    # "Trump", "pardon" are in no FNC-1 vocabulary: a headline of new names shared
    # nothing with its own body and was "unrelated" at 85-100% (session 54's review).
    cosine = 2 * len(VOCAB) + EXTRA_FEATURES.index("cosine")
    headline, sentences = "Trump pardons ranchers", ["Trump pardons the ranchers."]
    closed = StanceFeatures(VOCAB, np.ones(len(VOCAB), np.float32), ["the"])
    assert closed.pair(headline, closed.body(sentences))[cosine] == 0.0
    open_ = StanceFeatures(VOCAB, np.ones(len(VOCAB), np.float32), ["the"], unseen_idf=2.0)
    assert open_.pair(headline, open_.body(sentences))[cosine] > 0.9
    weighed = StanceFeatures(
        VOCAB, np.ones(len(VOCAB), np.float32), ["the"], open_idf={"trump": 0.5}, unseen_idf=2.0
    )
    assert weighed.weights({"trump": 1, "pardons": 1}) == pytest.approx(
        {"trump": 0.5 / 2**0.5, "pardons": 2.0 / 2**0.5}
    )


def test_a_sentence_that_barely_moves_the_verdict_is_no_evidence():
    # On a verdict of 0.99, leaving out a sentence moved it by 0.001-0.015: shown under
    # "because of:", they were the bag of words shifting (session 54's review).
    from propscope.models.stance import MIN_EVIDENCE_DROP

    model = toy_model()
    sentences = ["The harbour closed in the storm."] * 8 + ["The football match ended late."]
    verdict = model.predict("Harbour closed by storm", sentences)
    assert verdict.stance == "agree" and verdict.scores["agree"] > 0.99
    assert verdict.evidence == []
    decisive = model.predict(
        "Harbour closed by storm", ["The football match ended late.", "The harbour closed."]
    )
    assert decisive.evidence and decisive.evidence[0][1] >= MIN_EVIDENCE_DROP


@pytest.mark.model
def test_shipped_model_reads_a_headline_of_names_it_never_learned(shipped):
    # "Trump", "rancher", "pardon" are in no FNC-1 vocabulary: stance-fnc1 0.1.0 found the
    # headline unrelated to its own body (76%; session 54's review, its own words).
    body = (
        "President Donald Trump said on Twitter on Friday that the five-year prison term "
        'handed to Oregon rancher Dale Hollis was unfair. "Five years for a grass fire? '
        'Very sad," Trump tweeted. Hollis was convicted in May of setting a fire that '
        'spread onto federal land. His mother replied within the hour: "Please pardon my '
        'son." The Justice Department did not comment.'
    )
    title = "Trump voices sympathy for jailed rancher, whose mom asks for pardon"
    result = judge_stance(shipped, Document.from_text(body, title=title), [])
    assert result.stance not in (None, "unrelated")
