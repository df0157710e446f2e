"""The claims layer: check-worthiness of every sentence, tied to its statement. Core tests
use a hand-made model; the shipped model has its own tests on real text and on the
CLEF-2019 test debates."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest
from rich.console import Console

import propscope
from fakes import figure_minded_model
from propscope import Analysis, Analyzer, AttributedSpan, Attribution, Claim
from propscope.analysis import (
    Headline,
    UpdateLine,
    disputed_claims,
    link_claims_to_attributions,
    read_claims,
    summarize_claims,
    top_claims,
)
from propscope.components.claims import ClaimScorer, sentence_spans, turn_speakers
from propscope.corpus import CorpusFigures
from propscope.document import Document
from propscope.models.checkworthy import (
    QUESTION_WEIGHT,
    QUESTIONER_WEIGHT,
    CheckworthyModel,
    ngrams,
    questioners,
    questions,
)
from propscope.pipeline import DEFAULT_COMPONENTS, registered_components
from propscope.render._spans import claim_percent
from propscope.render.dashboard import render_dashboard
from propscope.render.html import render_html
from propscope.render.terminal import render_terminal
from propscope.training.checkworthy import (
    Sentence,
    average_precision,
    debate_speakers,
    rank_metrics,
)

ARTICLE = (
    "Council sells the harbour\n\n"
    "The council voted on Tuesday.\n"
    "The developer claims the project will create 400 jobs, but independent estimates "
    "put the figure closer to 40.\n"
    "Is this what we want? I doubt it!\n"
)


def scorer() -> ClaimScorer:
    return ClaimScorer(model=figure_minded_model())


def analyze(text: str, *extra: tuple[str, object]) -> Analysis:
    return Analyzer.from_components([*extra, ("claims", scorer())]).analyze(text)  # type: ignore[list-item]


def scores(text: str) -> dict[str, float]:
    """Each sentence's check-worthiness by its text, as `analyze` scores it."""
    return {c.text: c.checkworthiness for c in analyze(text).claims or []}


# --- the type -------------------------------------------------------------------------------


def test_a_claim_checks_its_span_score_and_attribution() -> None:
    with pytest.raises(ValueError, match="start < end"):
        Claim(4, 4, 0.5)
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        Claim(0, 4, 1.5)
    with pytest.raises(ValueError, match="index >= 0"):
        Claim(0, 4, 0.5, attribution=-1)


def test_claims_round_trip_through_the_dict_and_are_absent_when_not_computed() -> None:
    analysis = analyze(ARTICLE)
    data = json.loads(analysis.to_json())
    assert set(data["claims"][0]) == {"start", "end", "text", "checkworthiness", "attribution"}
    assert Analysis.from_dict(data).claims == analysis.claims
    without = Analyzer.from_components([]).analyze(ARTICLE).to_dict()
    assert "claims" not in without
    assert Analysis.from_dict(without).claims is None


def test_read_claims_refuses_a_claim_from_another_text() -> None:
    data = analyze(ARTICLE).to_dict()
    assert read_claims(data, ARTICLE) == analyze(ARTICLE).claims
    with pytest.raises(ValueError, match="different text"):
        read_claims(data, ARTICLE.replace("council", "COUNCIL"))
    # a claim saved without its text gets it from the document
    data["claims"][0]["text"] = ""
    assert read_claims(data, ARTICLE)[0].text == "Council sells the harbour"  # type: ignore[index]


def test_each_claim_links_to_the_statement_it_overlaps_most() -> None:
    claims = [Claim(0, 10, 0.5), Claim(10, 30, 0.5), Claim(30, 40, 0.5)]
    small = Attribution(None, None, AttributedSpan(12, 15), "unattributed")
    large = Attribution(AttributedSpan(0, 2), AttributedSpan(2, 4), AttributedSpan(5, 25), "person")
    linked = link_claims_to_attributions(claims, [small, large])
    # [0, 10) overlaps only `large`; [10, 30) overlaps `large` by 15 and `small` by 3
    assert [c.attribution for c in linked] == [1, 1, None]


def test_linking_agrees_with_comparing_every_claim_to_every_statement() -> None:
    rng = np.random.default_rng(13)
    claims = [Claim(s, s + 40, 0.5) for s in range(0, 4000, 40)]
    attributions = []
    for _ in range(60):
        start = int(rng.integers(0, 3900))
        end = start + int(rng.integers(1, 300))
        attributions.append(Attribution(None, None, AttributedSpan(start, end), "unattributed"))

    def brute(claim: Claim) -> int | None:
        overlaps = [
            min(claim.end, a.content.end) - max(claim.start, a.content.start) for a in attributions
        ]
        best = max(overlaps)
        # a statement must cover a quarter of the sentence to be its source
        return overlaps.index(best) if best > 0 and best * 4 >= claim.end - claim.start else None

    linked = link_claims_to_attributions(claims, attributions)
    assert [c.attribution for c in linked] == [brute(c) for c in claims]


def test_a_statement_covering_a_sliver_of_a_sentence_is_not_its_source() -> None:
    # "... television has yet to offer us, hands down.": content "us" (audit, session 23).
    claims = [Claim(0, 80, 0.9)]
    sliver = Attribution(None, None, AttributedSpan(60, 62), "unattributed")
    whole = Attribution(None, None, AttributedSpan(10, 40), "unattributed")
    assert link_claims_to_attributions(claims, [sliver])[0].attribution is None
    assert link_claims_to_attributions(claims, [sliver, whole])[0].attribution == 1


def test_summary_counts_and_ranking() -> None:
    claims = [Claim(0, 1, 0.2), Claim(1, 2, 0.9), Claim(2, 3, 0.5), Claim(3, 4, 0.9)]
    assert summarize_claims(claims) == {"claims": 4, "checkworthy": 3}
    assert top_claims(claims, 3) == [1, 3, 2]  # ties keep text order
    assert top_claims(claims, 3, exclude={1, 2}) == [3, 0]  # left out, the rest ranked


# --- the model ------------------------------------------------------------------------------


def test_ngrams_are_lower_case_words_of_two_characters_and_their_pairs() -> None:
    assert ngrams("The U.S. sent 20 tanks, a lot!") == [
        "the", "sent", "20", "tanks", "lot",
        "the sent", "sent 20", "20 tanks", "tanks lot",
    ]  # fmt: skip
    assert ngrams("I", 2) == []


def test_the_model_scores_by_tf_idf_and_a_linear_layer() -> None:
    model = CheckworthyModel(["jobs", "tanks"], np.array([1.0, 2.0]), np.array([1.0, 3.0]), -1.0)
    # "jobs jobs tanks": tf 2 and 1 -> (1 + ln 2) * 1 and 1 * 2, l2-normalised
    weights = np.array([1 + np.log(2), 2.0])
    weights /= np.linalg.norm(weights)
    expected = -1.0 + weights @ np.array([1.0, 3.0])
    assert model.decision(["Jobs jobs tanks", "nothing known"]) == pytest.approx([expected, -1.0])
    assert model.scores(["nothing known"])[0] == pytest.approx(1 / (1 + np.e))


def test_files_that_do_not_belong_together_are_refused(tmp_path) -> None:
    with pytest.raises(propscope.ModelError, match="do not belong together"):
        CheckworthyModel(["a"], np.ones(2), np.ones(1), 0.0)
    with pytest.raises(propscope.ModelError, match="missing a file"):
        CheckworthyModel.load(tmp_path)


@pytest.mark.train
def test_the_runtime_scores_as_scikit_learn_does() -> None:
    sklearn = pytest.importorskip("sklearn", reason="needs the [train] extra")
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    assert sklearn
    train = [
        "Unemployment fell to 4 per cent last year.",
        "We spent 300 million dollars on the navy.",
        "Thank you, good evening.",
        "I love this great country.",
        "Crime rose by 20 per cent in the city.",
        "What a wonderful crowd tonight!",
    ]
    labels = [1, 1, 0, 0, 1, 0]
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
    x = vectorizer.fit_transform(train)
    classifier = LogisticRegression(C=10.0).fit(x, labels)
    vocabulary = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.__getitem__)
    model = CheckworthyModel(
        vocabulary, vectorizer.idf_, classifier.coef_[0], float(classifier.intercept_[0])
    )
    new = ["Crime fell by 4 per cent.", "Good evening, crowd!", "Nothing in the vocabulary"]
    expected = classifier.decision_function(vectorizer.transform(new))
    assert model.decision(new) == pytest.approx(expected, abs=1e-9)


def test_average_precision_as_worked_out_by_hand() -> None:
    # ranked: 1 0 1 0 -> precision at the positives 1/1 and 2/3
    assert average_precision([1, 0, 1, 0], [0.9, 0.8, 0.7, 0.1]) == pytest.approx((1 + 2 / 3) / 2)
    assert average_precision([0, 0], [0.5, 0.1]) == 0.0
    metrics = rank_metrics([([0, 1, 0, 0, 0, 0], [0.9, 0.8, 0.7, 0.6, 0.5, 0.4])])
    assert metrics["map"] == 0.5
    assert metrics["p_at_5"] == 0.2


# --- the component --------------------------------------------------------------------------


def test_every_sentence_of_the_text_is_scored_title_included() -> None:
    analysis = analyze(ARTICLE)
    assert analysis.claims is not None
    assert [c.text for c in analysis.claims] == [
        "Council sells the harbour",
        "The council voted on Tuesday.",
        "The developer claims the project will create 400 jobs, but independent estimates "
        "put the figure closer to 40.",
        "Is this what we want?",
        "I doubt it!",
    ]
    for claim in analysis.claims:
        assert ARTICLE[claim.start : claim.end] == claim.text
    best = analysis.claims[top_claims(analysis.claims, 1)[0]]
    assert "400 jobs" in best.text
    assert best.checkworthiness > 0.99
    assert analysis.summary["claims"] == 5
    assert analysis.summary["checkworthy"] == 1


def test_sentences_without_two_word_characters_are_left_out() -> None:
    text = "A line\n—\nAnother one. !\n"
    assert [text[s:e] for s, e in sentence_spans(text)] == ["A line", "Another one."]


def test_claims_are_tied_to_the_statements_before_them() -> None:
    class OneStatement:
        name = "statements"

        def __call__(self, docs, analyses):
            for doc, analysis in zip(docs, analyses, strict=True):
                start = doc.text.index("the project")
                content = AttributedSpan(start, start + 30, doc.text[start : start + 30])
                cue = AttributedSpan(start - 7, start - 1, "claims")
                source = AttributedSpan(start - 21, start - 8, "The developer")
                analysis.attributions = [Attribution(source, cue, content, "organisation")]

    analysis = analyze(ARTICLE, ("statements", OneStatement()))
    assert analysis.claims is not None
    linked = [c for c in analysis.claims if c.attribution is not None]
    assert len(linked) == 1 and "400 jobs" in linked[0].text


def test_the_terminal_says_whose_each_claim_is_or_that_no_statement_was_found() -> None:
    class LongStatement:
        name = "statements"

        def __call__(self, docs, analyses):
            for doc, analysis in zip(docs, analyses, strict=True):
                start = doc.text.index("the project")
                end = doc.text.index("40.") + 2
                content = AttributedSpan(start, end, doc.text[start:end])
                cue = AttributedSpan(start - 7, start - 1, "claims")
                source = AttributedSpan(start - 21, start - 8, "The developer")
                analysis.attributions = [Attribution(source, cue, content, "organisation")]

    analysis = analyze(ARTICLE, ("statements", LongStatement()))
    console = Console(width=200, record=True)
    console.print(render_terminal(analysis))
    out = console.export_text()
    check_first = out[out.index("Check first") :]
    # The statement's figures are not cut ("... closer to 40" was lost at 120 characters).
    assert "independent estimates put the figure closer to 40." in " ".join(out.split())
    assert "closer to 40.” — The developer (organisation)" in check_first
    assert "“Is this what we want?” — no statement found" in check_first
    assert "not whether it is false" in check_first


def test_a_text_that_is_not_english_gets_a_note_not_scores() -> None:
    german = (
        "Der Stadtrat hat am Dienstag beschlossen, den alten Hafen an einen Investor zu "
        "verkaufen. Die Fischer sagen, dass der Plan ihre Existenz zerstören wird."
    )
    analysis = analyze(german)
    assert analysis.claims is None
    assert any("not scored" in note and "English" in note for note in analysis.notes)


def test_the_component_is_registered_and_runs_after_the_attributions() -> None:
    assert "claims" in registered_components()
    assert DEFAULT_COMPONENTS.index("claims") > DEFAULT_COMPONENTS.index("attributions")
    assert "Claim" in propscope.__all__


# --- what the reader sees -------------------------------------------------------------------


def test_the_terminal_lists_the_claims_to_check_first_literally() -> None:
    text = ARTICLE.replace("Tuesday", "[bold]Tuesday[/bold]")
    console = Console(width=120, record=True)
    console.print(render_terminal(analyze(text)))
    out = console.export_text()
    check_first = out[out.index("Check first") :]
    assert "The 5 most check-worthy of 5 sentences (1 scores 50% or more)." in check_first
    first = check_first.splitlines()[2]
    assert first.startswith("99% “The developer claims the project will create 400 jobs")
    assert "[bold]Tuesday[/bold]" in check_first


def test_the_html_report_lists_claims_as_buttons_that_highlight_them() -> None:
    text = ARTICLE.replace("400 jobs", "400 jobs <script>alert(1)</script> 😀")
    analysis = analyze(text)
    page = render_html(analysis)
    assert "<script>alert(1)</script>" not in page
    panel = page[page.index('id="a0-claims"') :]
    buttons = re.findall(r'<button[^>]*class="claim"[^>]*data-contents="(\d+),(\d+)"', panel)
    assert len(buttons) == 5
    assert analysis.claims is not None
    best = analysis.claims[top_claims(analysis.claims, 1)[0]]
    start, end = map(int, buttons[0])
    # the emoji sits inside the best claim, before its end: one more UTF-16 unit there
    assert (start, end) == (best.start, best.end + 1)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in panel
    assert "button.claim" in page  # the script handles the claim buttons


@pytest.mark.parametrize(
    ("score", "shown"),
    [
        (0.497, 49),
        (0.4951, 49),
        (0.4949, 49),
        (0.5, 50),
        (0.505, 51),
        (0.0049, 0),
        # Nor does a score under 1 read as certain (0.9973 was "100%" on the dashboard).
        (0.999, 99),
        (0.9973, 99),
        (1.0, 100),
    ],
)
def test_a_claim_under_the_threshold_never_reads_as_check_worthy(score: float, shown: int) -> None:
    assert claim_percent(score) == shown


def test_every_view_shows_a_claim_just_under_the_threshold_under_it() -> None:
    analysis = Analysis(document=Document.from_text(REVISED))
    analysis.claims = _sentence_claims(REVISED, [0.2, 0.1, 0.497, 0.5])
    console = Console(width=160, record=True)
    console.print(render_terminal(analysis))
    out = console.export_text()
    assert "(1 scores 50% or more)" in out
    assert "49% “The toll would cost drivers 4 dollars.”" in out
    assert "50% “Officials expect 2 million crossings.”" in out
    page = render_html(analysis)
    assert 'data-said="A claim scored 49% check-worthy' in page
    assert 'data-said="A claim scored 50% check-worthy' in page
    record = {"key": "k", "status": "ok", **analysis.to_dict()}
    figures = CorpusFigures(top_claims=2)
    figures.add(record, page="pages/k.html")
    dashboard = render_dashboard(figures.tables(), title="Claims")
    assert '<td class="num">49%</td>' in dashboard
    assert '<td class="num">50%</td>' in dashboard


def test_one_sentence_is_counted_in_the_singular() -> None:
    # "The 1 most check-worthy of 1 sentences" (user walkthrough).
    text = "The toll would cost drivers 4 dollars."
    analysis = Analysis(document=Document.from_text(text))
    analysis.claims = _sentence_claims(text, [0.7])
    console = Console(width=160, record=True)
    console.print(render_terminal(analysis))
    out = console.export_text()
    assert "The most check-worthy of 1 sentence (1 scores 50% or more)." in out
    # The HTML report said "The 1 most check-worthy of 1 sentences (1 score ...)".
    page = render_html(analysis)
    assert "The most check-worthy of 1 sentence (1 scores 50% or more)" in page
    record = {"key": "k", "status": "ok", **analysis.to_dict()}
    figures = CorpusFigures()
    figures.add(record)
    dashboard = render_dashboard(figures.tables(), title="Claims")
    assert "1 sentence scored in 1 article; 1 (100.0%) is check-worthy" in dashboard


# --- claims the article itself calls into question ---------------------------------------

REVISED = (
    "Council approves harbour toll\n\n"
    "UPDATE: The council delayed the vote on the harbour toll.\n\n"
    "The toll would cost drivers 4 dollars. Officials expect 2 million crossings."
)


def _revised(*, contradicts: bool | None, reflected: bool | None, stance: str | None = None):  # type: ignore[no-untyped-def]
    start = REVISED.index("UPDATE")
    end = REVISED.index("\n", start)
    update = UpdateLine(
        start, end, "update", contradicts_headline=contradicts, reflected_in_body=reflected
    )
    updates = (update,) if contradicts is not None else ()
    return Headline(text="Council approves harbour toll", updates=updates, stance=stance)


def _sentence_claims(text: str, scores: list[float]) -> list[Claim]:
    spans = sentence_spans(text)
    assert len(spans) == len(scores)
    return [Claim(s, e, score, text[s:e]) for (s, e), score in zip(spans, scores, strict=True)]


def test_a_headline_its_own_update_contradicts_is_disputed_and_so_is_the_update() -> None:
    claims = _sentence_claims(REVISED, [0.2, 0.1, 0.9, 0.8])
    disputed = disputed_claims(claims, _revised(contradicts=True, reflected=False))
    assert disputed == {
        0: "the article's own update line contradicts this headline",
        1: "it contradicts the article's headline, and the body does not say it",
    }
    reflected = disputed_claims(claims, _revised(contradicts=True, reflected=True))
    assert reflected[1] == "it contradicts the article's headline"


def test_a_body_that_disagrees_disputes_the_headline_only() -> None:
    claims = _sentence_claims(REVISED, [0.2, 0.1, 0.9, 0.8])
    assert disputed_claims(
        claims, _revised(contradicts=None, reflected=None, stance="disagree")
    ) == {0: "the article's body disagrees with this headline"}


def test_nothing_is_disputed_without_a_reason_a_title_or_the_layer() -> None:
    claims = _sentence_claims(REVISED, [0.2, 0.1, 0.9, 0.8])
    assert disputed_claims(claims, _revised(contradicts=False, reflected=True)) == {}
    assert disputed_claims(claims, _revised(contradicts=None, reflected=None, stance="agree")) == {}
    assert disputed_claims(claims, Headline(text=None)) == {}
    assert disputed_claims(claims, None) == {}
    assert disputed_claims([], _revised(contradicts=True, reflected=False)) == {}


def _revised_analysis() -> Analysis:
    analysis = Analysis(document=Document.from_text(REVISED))
    analysis.claims = _sentence_claims(REVISED, [0.2, 0.1, 0.9, 0.8])
    analysis.headline = _revised(contradicts=True, reflected=False)
    return analysis


def test_the_terminal_puts_what_the_article_disputes_before_the_ranking() -> None:
    console = Console(width=160, record=True)
    console.print(render_terminal(_revised_analysis()))
    out = console.export_text()
    lines = out[out.index("Check first") :].splitlines()
    assert lines[1].startswith(
        "2 sentences the article itself calls into question, then the 2 most check-worthy"
    )
    assert lines[2].lstrip().startswith("! “Council approves harbour toll”")
    assert "update line contradicts this headline" in lines[2]
    assert lines[3].lstrip().startswith("! “UPDATE: The council delayed")
    assert lines[4].startswith("90% “The toll would cost drivers 4 dollars.”")
    assert lines[5].startswith("80% “Officials expect 2 million crossings.”")


def test_the_html_report_marks_what_the_article_disputes_first() -> None:
    page = render_html(_revised_analysis())
    panel = page[page.index('id="a0-claims"') :]
    items = re.findall(r'<li( class="disputed")?><button[^>]*data-contents="(\d+),', panel)
    assert [(bool(flag), int(start)) for flag, start in items] == [
        (True, 0),
        (True, REVISED.index("UPDATE")),
        (False, REVISED.index("The toll")),
        (False, REVISED.index("Officials")),
    ]
    assert "the article&#x27;s own update line contradicts this headline" in panel


# --- the shipped model ----------------------------------------------------------------------


@pytest.mark.model
def test_the_shipped_model_puts_the_example_figures_near_the_top(example_article) -> None:
    text = example_article.read_text(encoding="utf-8")
    analysis = Analyzer(["claims"]).analyze(text)
    assert analysis.claims is not None
    top = [analysis.claims[i].text for i in top_claims(analysis.claims, 5)]
    assert any("between 1,200 and 12,000" in t for t in top)
    assert any("20 tanks" in t for t in top)
    scores = CheckworthyModel.load().scores(
        ["Good evening and welcome to the debate.", "Unemployment rose to 9 per cent in 2010."]
    )
    assert scores[0] < 0.5 < scores[1]


@pytest.mark.model
@pytest.mark.data
def test_the_shipped_model_has_its_cards_map_on_the_clef_test_debates(checkworthy_data) -> None:
    from propscope.training.checkworthy import load_debates, score_debate

    debates = load_debates(checkworthy_data / "clef2019" / "test_annotated")
    model = CheckworthyModel.load()

    def measured(*, turns: bool) -> float:
        rows = [score_debate(model, debate, turns=turns) for _, debate in sorted(debates.items())]
        return float(rank_metrics(rows)["map"])

    text_only, layer = measured(turns=False), measured(turns=True)
    assert text_only == pytest.approx(model.info["text_only"]["test"]["map"], abs=2e-4)
    assert layer == pytest.approx(model.info["test"]["map"], abs=2e-4)
    assert text_only > 0.14  # well above chance (about 0.03 here)
    # The debates' moderators are interviewers: their sentences sink, and MAP rises.
    assert layer > text_only + 0.01


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            "The crash happened at 1200 SE Division Blvd. in Portland. Police said two died.",
            ["The crash happened at 1200 SE Division Blvd. in Portland.", "Police said two died."],
        ),
        (
            "Mr. Hale said so. The U.S. Army left. It was J. Smith.",
            ["Mr. Hale said so.", "The U.S. Army left.", "It was J. Smith."],
        ),
        (
            "It rose in Jan. Then it fell. On Jan. 5 it rose.",
            ["It rose in Jan.", "Then it fell.", "On Jan. 5 it rose."],
        ),
        ("He left!\nthe next line", ["He left!", "the next line"]),  # a line break ends one
        # Session 23's audit on news: closing quotes and brackets stay, "Maj." ends nothing,
        # and the speaker's tail of a quotation stays with it.
        (
            'He said "no comment." Then he left. (It was late.) [Updated.] Done.',
            ['He said "no comment."', "Then he left.", "(It was late.)", "[Updated.]", "Done."],
        ),
        (
            "They killed Maj. Gen. Soleimani. Iran vowed revenge.",
            ["They killed Maj. Gen. Soleimani.", "Iran vowed revenge."],
        ),
        (  # A plural title (session 38, news-unlabeled)
            "He joined Republican Sens. Richard Lugar and Chuck Hagel. It failed.",
            ["He joined Republican Sens. Richard Lugar and Chuck Hagel.", "It failed."],
        ),
        (
            '"What is that about?" Yang said at an event. He left.',
            ['"What is that about?" Yang said at an event.', "He left."],
        ),
        (  # A line cut after a title (the PTC's files; session 49's review); not a paragraph
            "We do not know if Pvt.\nBradley Manning gave it. He moved to the U.S.\n"
            "Then Dr.\n\nEnd.",
            [
                "We do not know if Pvt.\nBradley Manning gave it.",
                "He moved to the U.S.",
                "Then Dr.",
                "End.",
            ],
        ),
        (  # Initials at a line's end (the PTC's files; session 53), unless a sentence opens
            "Adviser H.R.\nMcMaster said no. He is in U.S.\nMarshals custody. It went to "
            "the U.S.\nAll were held.\nP.S.\nYes.",
            [
                "Adviser H.R.\nMcMaster said no.",
                "He is in U.S.\nMarshals custody.",
                "It went to the U.S.",
                "All were held.",
                "P.S.",
                "Yes.",
            ],
        ),
        (  # ... where a line is a paragraph: a time, a place before a name (session 53)
            "It began at 9 P.M.\nPolice said so. It came to the U.S.\nTrump said so. "
            "Will the F.B.I.\nand the police explain?",
            [
                "It began at 9 P.M.",
                "Police said so.",
                "It came to the U.S.",
                "Trump said so.",
                "Will the F.B.I.\nand the police explain?",
            ],
        ),
        (  # a line cut at a name's "!" or an abbreviation's full stop, going on in lower
            # case; a link's line does not (the PTC, session 64)
            "He told the hosts at Democracy Now!\nthat it was absurd.\nDallas Police Dept.\n"
            "fires officer.\nOthers the justice, e.g.\nthe law.\nIt is gone.\n"
            "pic.twitter.com/abc — Laura",
            [
                "He told the hosts at Democracy Now!\nthat it was absurd.",
                "Dallas Police Dept.\nfires officer.",
                "Others the justice, e.g.\nthe law.",
                "It is gone.",
                "pic.twitter.com/abc — Laura",
            ],
        ),
    ],
)
def test_sentences_do_not_end_at_abbreviations(text: str, sentences: list[str]) -> None:
    assert [text[s:e] for s, e in sentence_spans(text)] == sentences


def test_what_is_no_sentence_scores_nothing_and_the_title_keeps_its_score() -> None:
    text = (
        "Council sells the harbour\n\n"
        "Log in now.\n"
        "A New Year's Letter from the President\n"
        "Courtesy of bodo / INSP.ngo\n"
        "UPDATE: the council denies it\n"
        "The developer claims the project will create 400 jobs in the town.\n"
    )
    claims = scores(text)
    assert claims["Log in now."] == 0.0
    assert claims["A New Year's Letter from the President"] == 0.0
    assert claims["Courtesy of bodo / INSP.ngo"] == 0.0
    assert claims["Council sells the harbour"] > 0.0  # the title: a short line, still a claim
    assert claims["UPDATE: the council denies it"] > 0.0
    assert claims["The developer claims the project will create 400 jobs in the town."] > 0.9


def test_a_byline_and_a_line_of_contributors_are_no_claims() -> None:
    # In the top five of Check first on news (session 38): "by Waste & Recycling Staff
    # January 2, 2020" at 37%, "By Lana Sweeten-Shults of the Times Record News" at 69%.
    text = (
        "Audi trials succeed\n\n"
        "by Waste & Recycling Staff January 2, 2020\n\n"
        "By Lana Sweeten-Shults of the Times Record News\n\n"
        "By Friday, officials said the road would reopen.\n\n"
        "Staff writers Ann Lee, Bo Chan and Cy Diaz contributed to this report.\n"
    )
    claims = scores(text)
    assert claims["by Waste & Recycling Staff January 2, 2020"] == 0.0
    assert claims["By Lana Sweeten-Shults of the Times Record News"] == 0.0
    assert claims["Staff writers Ann Lee, Bo Chan and Cy Diaz contributed to this report."] == 0.0
    assert claims["By Friday, officials said the road would reopen."] > 0.0  # a sentence


def test_an_instruction_to_the_reader_is_no_claim() -> None:
    # A recipe's steps were in the top five of Check first ("Preheat the oven to 425
    # degrees Fahrenheit..", 74%) and filled "Unattributed assertions" (review, session 39).
    text = (
        "Doughnuts\n\n"
        "Preheat the oven to 425 degrees Fahrenheit. Then stir in 2 cups of sugar. "
        "Click here to subscribe to our newsletter. "
        "Bake sales raised $500 for the school in 2019.\n"
    )
    claims = scores(text)
    assert claims["Preheat the oven to 425 degrees Fahrenheit."] == 0.0
    assert claims["Then stir in 2 cups of sugar."] == 0.0
    assert claims["Click here to subscribe to our newsletter."] == 0.0
    assert claims["Bake sales raised $500 for the school in 2019."] > 0.0


def test_a_call_to_read_hear_or_watch_more_is_no_claim() -> None:
    # "Hear more from Orville Peck in the interview above" stood at 62% in the top five
    # of a music article's Check first (session 52).
    text = (
        "Peck talks\n\n"
        "Hear more from Peck in the interview above, including the 2019 tour. "
        "Check out the full gallery of 40 photographs. "
        "Watch the latest news on Channel 7. "
        "Read more skiing stories from the Sun. "
        "Watchdogs say 12 people died in 2019. "
        "Read the report: it says 12 people died.\n"
    )
    claims = scores(text)
    assert claims["Hear more from Peck in the interview above, including the 2019 tour."] == 0.0
    assert claims["Check out the full gallery of 40 photographs."] == 0.0
    assert claims["Watch the latest news on Channel 7."] == 0.0
    assert claims["Read more skiing stories from the Sun."] == 0.0
    assert claims["Watchdogs say 12 people died in 2019."] > 0.0
    assert claims["Read the report: it says 12 people died."] > 0.0


def test_a_quoted_call_to_watch_or_listen_is_a_claim_reported() -> None:
    # "“Watch the numbers: unemployment fell ...,” Trump said." reports what was said;
    # "Listen to this:" opens a claim of the author's (session 53's reviewer).
    text = (
        "Jobs\n\n"
        "“Watch the numbers: unemployment fell to 3.5% in 2019,” Trump said. "
        "Listen to this: the state spent $400 million on consultants in 2019. "
        "Listen to this episode of the podcast for 12 more stories."
    )
    claims = scores(text)
    assert claims["“Watch the numbers: unemployment fell to 3.5% in 2019,” Trump said."] > 0.0
    assert claims["Listen to this: the state spent $400 million on consultants in 2019."] > 0.0
    assert claims["Listen to this episode of the podcast for 12 more stories."] == 0.0


def test_a_per_cent_sign_is_read_as_the_debates_write_it() -> None:
    from propscope.components.claims import _as_read

    assert _as_read("Hydro will hold 8% of generation, up from 2.5 % today.") == (
        "Hydro will hold 8 percent of generation, up from 2.5 percent today."
    )
    # The shipped model: "%" was dropped by its tokenizer, "percent" is one of its
    # strongest words.
    model = CheckworthyModel.load()
    raw, read = model.scores(
        ["Hydro will hold 8% of generation.", _as_read("Hydro will hold 8% of generation.")]
    )
    assert read > raw


def test_a_sentence_printed_twice_is_listed_once() -> None:
    # "Deputies say the homeowner shot the suspect." was both first and second (audit).
    repeated = "The developer claims the project will create 400 jobs in the town."
    text = f"Council sells the harbour\n\n{repeated}\nThe council voted.\n{repeated}\n"
    claims = analyze(text).claims or []
    scores = [c.checkworthiness for c in claims if c.text == repeated]
    assert len(scores) == 2 and scores[0] > 0.9 and scores[1] == 0.0
    ranked = [claims[i].text for i in top_claims(claims, 2)]
    assert ranked.count(repeated) == 1


def test_short_claims_and_list_items_with_figures_keep_their_scores() -> None:
    # The furniture rule zeroed "Unemployment hit 9%." and list items (review, session 23).
    text = (
        "Council sells the harbour\n\n"
        "Unemployment hit 9%.\n"
        "Jobs rose by 400 in the town in 2019\n"
        "Reporting by the Brinmouth Herald found that the council sold 400 jobs.\n"
    )
    claims = scores(text)
    assert claims["Unemployment hit 9%."] > 0.0
    assert claims["Jobs rose by 400 in the town in 2019"] > 0.0
    assert claims["Reporting by the Brinmouth Herald found that the council sold 400 jobs."] > 0.0


def test_statements_of_one_source_count_together_for_a_sentence() -> None:
    # "Persoone claims he developed the shooter in 2007, has sold 25,000 of them and says
    # that snorting cacao is safe": neither content covers a quarter of the sentence,
    # both together do, and both are Persoone's.
    claims = [Claim(0, 100, 0.9)]
    persoone = AttributedSpan(0, 8, "Persoone")
    claims_cue, says_cue = AttributedSpan(9, 15, "claims"), AttributedSpan(60, 64, "says")
    first = Attribution(persoone, claims_cue, AttributedSpan(16, 36), "person")
    second = Attribution(persoone, says_cue, AttributedSpan(70, 90), "person")
    assert link_claims_to_attributions(claims, [first, second])[0].attribution == 0
    # Two sources with as much each stay below a quarter apart: no source for the sentence.
    other = Attribution(AttributedSpan(40, 45, "Smith"), says_cue, AttributedSpan(70, 90), "person")
    assert link_claims_to_attributions(claims, [first, other])[0].attribution is None
    # Unattributed statements have no source to share: each counts alone.
    lone = [Attribution(None, None, AttributedSpan(s, s + 20), "unattributed") for s in (0, 50)]
    assert link_claims_to_attributions(claims, lone)[0].attribution is None
    # A content inside another of the same source counts once (cues in the next sentence).
    later = AttributedSpan(110, 114, "says")
    outer = Attribution(persoone, later, AttributedSpan(16, 36), "person")
    nested = Attribution(persoone, later, AttributedSpan(20, 34), "person")
    assert link_claims_to_attributions(claims, [outer, nested])[0].attribution is None
    # The cue in the sentence makes it its source's, where one source's cues are there
    # ("... “we never decided to go after him” before, Nagata said – ...").
    assert link_claims_to_attributions(claims, [first, nested])[0].attribution == 0
    assert link_claims_to_attributions(claims, [first, other])[0].attribution is None
    # A cue of no saying makes no sentence its source's: "And when he had left that
    # job, Donald hired him."
    hired = Attribution(persoone, AttributedSpan(9, 14, "hired"), AttributedSpan(16, 20), "person")
    assert link_claims_to_attributions(claims, [hired])[0].attribution is None
    # A statement that covers a quarter alone is the source, as before, whoever else speaks.
    whole = Attribution(AttributedSpan(40, 45, "Smith"), says_cue, AttributedSpan(40, 70), "person")
    assert link_claims_to_attributions(claims, [first, second, whole])[0].attribution == 2
    # The source that covers most wins, even where another has the larger single statement.
    big = Attribution(AttributedSpan(40, 45, "Smith"), says_cue, AttributedSpan(40, 62), "person")
    assert link_claims_to_attributions(claims, [first, second, big])[0].attribution == 0


def test_claims_link_to_statements_whichever_layer_runs_first() -> None:
    """With "claims" before "attributions" every link was null, as if the attributions
    layer had not run (API audit, session 27); figures linked in either order."""
    from propscope import Analyzer

    text = (
        "Council cuts jobs\n\nThe council said that 1,200 jobs would go. Critics said that "
        "12,000 would. The plan is bad."
    )
    late = Analyzer(["claims", "attributions"]).analyze(text)
    early = Analyzer(["attributions", "claims"]).analyze(text)
    assert late.claims is not None and early.claims is not None
    assert [c.attribution for c in late.claims] == [c.attribution for c in early.claims]
    assert any(c.attribution is not None for c in late.claims)
    assert late.summary == early.summary


# --- a transcript's interviewer -------------------------------------------------------------


def test_an_interviewer_is_one_who_asks_where_another_answers() -> None:
    asks = ["Is that so?", "You said 400 jobs.", "Why?", "Why not?"]
    answers = ["We built 400 homes.", "Jobs rose.", "Taxes fell.", "Nobody knows."]
    speakers = ["muir"] * 4 + ["clinton"] * 4
    marked = questioners(speakers, asks + answers)
    assert marked.tolist() == [True] * 4 + [False] * 4
    # Everyone asks (a round table): nobody is singled out.
    assert not questioners(["a"] * 4 + ["b"] * 4, asks + asks).any()
    # Two sentences say too little of a speaker; lines without a speaker are no one's.
    assert not questioners(["muir", "muir"] + ["clinton"] * 4, asks[:2] + answers).any()
    assert not questioners([None] * 4 + ["clinton"] * 4, asks + answers).any()
    # A question closed by a quotation mark or a bracket still asks.
    quoted = ["“Is that so?”", "(Why?)", "Is it?'", "Yes."]
    assert questioners(["q"] * 4 + ["a"] * 4, quoted + answers)[:4].all()
    with pytest.raises(ValueError, match="3 speakers for 2 sentences"):
        questioners(["a", "b", "c"], ["One.", "Two."])


def test_a_question_keeps_half_its_score_whoever_asks_it() -> None:
    # A question asserts nothing itself: a rhetorical one sinks below the claims, and
    # stays in the list. A quoted question inside a reported sentence is no question.
    text = (
        "Council sells the harbour\n\n"
        "Did the council sell 400 jobs with the harbour? "
        "The council sold 400 jobs with the harbour. "
        "“Did the council sell 400 jobs?” she asked."
    )
    claims = scores(text)
    model = figure_minded_model()
    asked = "Did the council sell 400 jobs with the harbour?"
    reported = "“Did the council sell 400 jobs?” she asked."
    raw = dict(zip((asked, reported), model.scores([asked, reported]).tolist(), strict=True))
    assert claims[asked] == pytest.approx(raw[asked] * QUESTION_WEIGHT, abs=1e-4)
    assert claims[reported] == pytest.approx(raw[reported], abs=1e-4)
    assert claims[asked] > 0
    assert questions(["Why?”", "(Is it?)", "“Why?” she asked.", "Yes."]).tolist() == [
        True,
        True,
        False,
        False,
    ]


def test_a_statement_that_ends_on_a_quoted_question_is_no_question() -> None:
    # "Judge Davis asked each defendant: “Do you understand what the verdict was?”" and
    # "... (or was it 500?)" lost half their score as questions (session 53's reviewer).
    assert questions(
        [
            "Judge Davis asked each defendant in turn: “Do you understand the verdict?”",
            "The council sold 400 jobs in 2019 (or was it 500?)",
            "Jordan asked “why did we not see it until last Thursday?”",
            "“Do you understand the verdict?”",
            "“Is it?” and “why?”",
            "What’s the “plan?”",
            "And why “now?”",
            "I mean, is that really “news?”",
        ]
    ).tolist() == [False, False, False, True, True, True, True, True]
    sentence = "The council sold 400 jobs in 2019 (or was it 500?)"
    claims = scores(f"Jobs\n\n{sentence}")
    raw = figure_minded_model().scores([sentence]).tolist()[0]
    assert claims[sentence] == pytest.approx(raw, abs=1e-4) and raw > 0


def test_a_turn_belongs_to_the_name_that_opens_its_line() -> None:
    text = (
        "MUIR: Secretary Clinton, is that so? You said 400 jobs.\n"
        "Lesley Stahl: Why?\n"
        "The debate went on.\n"
        "UPDATE: The council voted.\n"
        "In other words: nothing changed.\n"
        "Q: And the jobs?\n"
    )
    spans = sentence_spans(text)
    by_text = dict(zip((text[s:e] for s, e in spans), turn_speakers(text, spans), strict=True))
    assert by_text == {
        "MUIR: Secretary Clinton, is that so?": "muir",
        "You said 400 jobs.": "muir",
        "Lesley Stahl: Why?": "lesley stahl",
        "The debate went on.": None,
        "UPDATE: The council voted.": None,
        "In other words: nothing changed.": None,
        "Q: And the jobs?": "q",
    }


def test_an_interviewers_sentences_sink_below_the_answers() -> None:
    turns = (
        "MUIR: The council says it sold 400 jobs. Is that right?\n"
        "CLINTON: The estimates say 40 jobs.\n"
        "MUIR: Why 40?\n"
        "CLINTON: The council counted jobs twice.\n"
        "MUIR: Who counted?\n"
    )
    text = f"Council sells the harbour\n\n{turns}"
    claims = scores(text)
    alone = {
        c.text: c.checkworthiness
        for c in analyze(f"Council sells the harbour\n\n{turns.replace('MUIR: ', 'Q. ')}").claims
        or []
    }
    asked = "MUIR: The council says it sold 400 jobs."
    assert claims[asked] == pytest.approx(
        alone["Q. The council says it sold 400 jobs."] * QUESTIONER_WEIGHT, abs=1e-4
    )
    assert claims["CLINTON: The estimates say 40 jobs."] > claims[asked]
    assert len(claims) == len(alone)  # every sentence is still listed


def test_the_debates_are_read_as_the_layer_reads_a_transcript() -> None:
    debate = [
        Sentence("Good evening.", 0, "MUIR"),
        Sentence("(APPLAUSE)", 0, "SYSTEM"),
        Sentence("We built 400 homes.", 1, "SEN. BERNIE SANDERS (D-VT), PRESIDENTIAL CANDIDATE"),
        Sentence("Jobs rose.", 0, None),
    ]
    assert debate_speakers(debate) == ["muir", "system", None, None]


def test_a_sentence_starts_after_the_furniture_that_opens_it() -> None:
    # "Article content The 30 legally questionable permits ..." was listed first with the
    # page's words (news, session 63).
    text = (
        "Council sells the harbour\n\n"
        "Article content The developer claims the project will create 400 jobs in the town.\n"
    )
    assert "The developer claims the project will create 400 jobs in the town." in scores(text)


def test_a_title_that_is_furniture_is_no_claim() -> None:
    # A robot check's page: its title "Enter the characters you see below" scored 19%
    # (news, session 63).
    text = (
        "Enter the characters you see below\n\n"
        "Sorry, we just need to make sure you're not a robot. For best results, please "
        "make sure your browser is accepting cookies.\n"
    )
    assert scores(text)["Enter the characters you see below"] == 0.0


def test_a_credit_keeps_its_full_stop() -> None:
    # "Photo: May James/HKFP." left a sentence "." after the credit (news, session 63, a
    # first form): the credit stays whole, with no score.
    text = "Protest in Hong Kong\n\nThousands marched on Sunday.\nPhoto: May James/HKFP.\n"
    assert scores(text)["Photo: May James/HKFP."] == 0.0
