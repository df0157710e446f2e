"""The actors layer: its types and JSON, the rules on hand-made sentences, the component
in a pipeline, the terminal and HTML views, and the example article.

Type, JSON and rendering tests need no spaCy; rule and component tests need spaCy and
its English model (the `nlp` fixture: skipped where missing, failing under CI=true).
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from html.parser import HTMLParser

import pytest
from rich.console import Console

from fakes import span_at as span
from propscope import Analysis, Analyzer, Document
from propscope.analysis import (
    Actor,
    ActorLabel,
    AttributedSpan,
    TechniqueSpan,
    link_actors_to_techniques,
    read_actors,
    summarize_actors,
)
from propscope.components.actors import ActorFinder, find_actors
from propscope.components.attribution import AttributionFinder, find_attributions
from propscope.pipeline import DEFAULT_COMPONENTS, registered_components
from propscope.render.html import render_html
from propscope.render.terminal import render_terminal


def label(text: str, passage: str, nth: int = 0, *marks: str) -> ActorLabel:
    s = span(text, passage, nth)
    return ActorLabel(s.start, s.end, s.text, bool(marks), tuple(marks))


def by_name(actors: list[Actor], name: str) -> Actor:
    found = [a for a in actors if a.name.casefold().removeprefix("the ") == name.casefold()]
    assert len(found) == 1, f"{name!r} in {[a.name for a in actors]}"
    return found[0]


def mention_texts(actor: Actor) -> list[str]:
    return [m.text for m in actor.mentions]


# --- a hand-made analysis ---------------------------------------------------------------

TEXT = (
    "Rebels at the gates\n\n"
    "The Jihadis shelled the town. The West calls them “moderate rebels”, "
    "and the so-called “moderate rebels” [bold]win[/bold]."
)


def hand_made() -> Analysis:
    t = TEXT
    analysis = Analysis(document=Document.from_text(t))
    analysis.techniques = [
        TechniqueSpan(*_bounds(t, "The Jihadis shelled"), "Loaded_Language", 0.8),
        TechniqueSpan(*_bounds(t, "town"), "Doubt", 0.5),
    ]
    analysis.attributions = []
    jihadis = Actor(
        name="the Jihadis",
        kind="group",
        mentions=(span(t, "The Jihadis"),),
        labels=(
            label(t, "Jihadis"),
            label(t, "moderate rebels", 0, "scare_quotes"),
        ),
    )
    rebels = Actor(
        name="moderate rebels",
        kind="group",
        mentions=(span(t, "moderate rebels", 1),),
        labels=(label(t, "moderate rebels", 1, "scare_quotes", "so_called"),),
        sources=(),
    )
    analysis.actors = link_actors_to_techniques([jihadis, rebels], analysis.techniques)
    analysis.summary.update(summarize_actors(analysis.actors))
    return analysis


def _bounds(text: str, passage: str) -> tuple[int, int]:
    start = text.index(passage)
    return start, start + len(passage)


def test_the_layer_has_its_json_shape_and_round_trips() -> None:
    analysis = hand_made()
    data = json.loads(analysis.to_json())
    jihadis, rebels = data["actors"]
    assert jihadis["name"] == "the Jihadis" and jihadis["kind"] == "group"
    assert jihadis["mentions"] == [{"start": 21, "end": 32, "text": "The Jihadis"}]
    assert jihadis["labels"][1] == {
        "start": TEXT.index("moderate"),
        "end": TEXT.index("moderate") + len("moderate rebels"),
        "text": "moderate rebels",
        "distancing": True,
        "marks": ["scare_quotes"],
    }
    assert jihadis["techniques"] == [0] and jihadis["sources"] is None
    assert rebels["techniques"] == [] and rebels["sources"] == []
    assert data["summary"]["actors"] == 2 and data["summary"]["distancing_labels"] == 2
    for actor in data["actors"]:
        for item in actor["mentions"] + actor["labels"]:
            assert TEXT[item["start"] : item["end"]] == item["text"]
    again = Analysis.from_dict(data)
    assert again.actors == analysis.actors
    assert again.to_dict() == analysis.to_dict()


def test_an_absent_layer_is_absent_and_an_empty_one_is_empty() -> None:
    analysis = Analysis(document=Document.from_text("Some text."))
    assert "actors" not in analysis.to_dict()
    assert read_actors(analysis.to_dict()) is None
    assert Analysis.from_dict(analysis.to_dict()).actors is None
    analysis.actors = []
    assert analysis.to_dict()["actors"] == []
    assert Analysis.from_dict(analysis.to_dict()).actors == []


def test_bad_actors_and_labels_are_refused() -> None:
    mention = (AttributedSpan(0, 4, "Jane"),)
    with pytest.raises(ValueError, match="kind must be one of"):
        Actor("Jane", "alien", mention)
    with pytest.raises(ValueError, match="no mentions"):
        Actor("Jane", "person", ())
    with pytest.raises(ValueError, match="needs a name"):
        Actor(" ", "person", mention)
    with pytest.raises(ValueError, match="indexes >= 0"):
        Actor("Jane", "person", mention, techniques=(-1,))
    with pytest.raises(ValueError, match="unknown label mark"):
        ActorLabel(0, 4, "Jane", True, ("italics",))
    with pytest.raises(ValueError, match="must have distancing=True"):
        ActorLabel(0, 4, "Jane", False, ("so_called",))
    with pytest.raises(ValueError, match="start < end"):
        ActorLabel(4, 4, "")


def test_offsets_and_links_are_checked_against_the_analysis() -> None:
    data = hand_made().to_dict()
    text = data["document"]["text"]
    data["actors"][0]["mentions"][0]["text"] = ""
    assert read_actors(data, text)[0].mentions[0].text == "The Jihadis"  # type: ignore[index]
    data["actors"][0]["mentions"][0]["text"] = "The Rebels"
    with pytest.raises(ValueError, match=r"mention 0 of actor 0 .* different text"):
        read_actors(data, text)
    data = hand_made().to_dict()
    data["actors"][0]["techniques"] = [5]
    with pytest.raises(ValueError, match=r"links to techniques \[5\] but there are only 2"):
        Analysis.from_dict(data)
    del data["techniques"]
    with pytest.raises(ValueError, match="has no techniques layer"):
        read_actors(data)
    data = hand_made().to_dict()
    data["actors"][1]["sources"] = [0]
    with pytest.raises(ValueError, match=r"links to attributions \[0\] but there are only 0"):
        read_actors(data)


def test_techniques_touch_an_actor_through_its_mentions_and_labels() -> None:
    t = TEXT
    actor = Actor("the West", "group", (span(t, "The West"),), (label(t, "calls"),))
    techniques = [
        TechniqueSpan(*_bounds(t, "West calls"), "Flag-Waving", 0.6),  # overlaps the mention
        TechniqueSpan(*_bounds(t, "shelled the town"), "Doubt", 0.5),  # touches nothing
        TechniqueSpan(*_bounds(t, "calls them"), "Loaded_Language", 0.7),  # the label
        TechniqueSpan(*_bounds(t, ". The"), "Doubt", 0.4),  # ends right inside "The"
    ]
    (linked,) = link_actors_to_techniques([actor], techniques)
    assert linked.techniques == (0, 2, 3)
    assert link_actors_to_techniques([actor], None)[0].techniques is None
    assert link_actors_to_techniques([actor], [])[0].techniques == ()


# --- the rules on hand-made sentences ---------------------------------------------------


@pytest.fixture(scope="module")
def finder(nlp):  # type: ignore[no-untyped-def]
    return ActorFinder(nlp=nlp)


def actors_in(text: str, nlp) -> list[Actor]:  # type: ignore[no-untyped-def]
    return find_actors(text, nlp=nlp, attributions=find_attributions(text, nlp=nlp))


def test_a_name_and_its_surname_are_one_actor(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Vladimir Putin met reporters on Monday. Later, Putin said that the talks had failed."
    attributions = find_attributions(text, nlp=nlp)
    (putin,) = find_actors(text, nlp=nlp, attributions=attributions)
    assert putin.name == "Vladimir Putin" and putin.kind == "person"
    assert mention_texts(putin) == ["Vladimir Putin", "Putin"]
    said = [i for i, a in enumerate(attributions) if a.source and a.source.text == "Putin"]
    assert putin.sources == tuple(said) and len(said) == 1  # "Putin said that ..."


def test_a_title_after_a_place_is_no_country_and_a_police_chief_no_police(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "A man shot his mother on Tuesday, according to Miami Township Chief of Police "
        "Mike Mills.\n\nMills said the police found the house empty.\n\n"
        "The calls, Mills said, typically involve her son."
    )
    actors = actors_in(text, nlp)
    # Was "Miami Township Chief" (country) and "Police Mike Mills", which took in "police".
    assert [a.name for a in actors if "Chief" in a.name] == []
    mills = by_name(actors, "Mike Mills")
    assert mills.kind == "person"
    assert mention_texts(mills) == ["Mike Mills", "Mills", "Mills"]  # not "the police"


def test_a_first_name_is_not_a_surname_with_its_s(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Mick Roberts, a farmer, said the river had flooded twice this year. His brother "
        "Robert said the council had done nothing."
    )
    actors = actors_in(text, nlp)
    # Keys lose a final "s" ("mick robert", "robert"), and Robert joined his brother.
    assert mention_texts(by_name(actors, "Mick Roberts")) == ["Mick Roberts"]
    assert mention_texts(by_name(actors, "Robert")) == ["Robert"]


def test_a_one_word_name_joins_by_the_way_it_is_written(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Roberts" and "Robert" share the key "robert"; each joins the name written like it.
    text = (
        "Mick Roberts, a farmer, said the river had flooded twice this year. Robert "
        "Salway, a neighbour, agreed. Roberts said the council had done nothing. Robert "
        "said the same."
    )
    actors = actors_in(text, nlp)
    assert mention_texts(by_name(actors, "Mick Roberts")) == ["Mick Roberts", "Roberts"]
    assert mention_texts(by_name(actors, "Robert Salway")) == ["Robert Salway", "Robert"]
    # A first name ending in "s" starts its full name as written ("jame" is its key).
    text = "James Comey testified on Monday. James said the memo was accurate. Comey left."
    comey = by_name(actors_in(text, nlp), "James Comey")
    assert mention_texts(comey) == ["James Comey", "James", "Comey"]


def test_a_verb_opening_a_sentence_is_no_actor(nlp) -> None:  # type: ignore[no-untyped-def]
    # spaCy tags the imperative "Invest" an organisation (session 29, news).
    text = (
        "Invest in the high-quality Fiocchi Pistol Shooting Dynamics Centerfire Handgun "
        "Ammunition. This line of ammunition focuses on the shooter."
    )
    names = [a.name for a in actors_in(text, nlp)]
    assert "Invest" not in names
    assert "Fiocchi Pistol Shooting Dynamics Centerfire Handgun Ammunition" in names


def test_a_common_word_opening_a_sentence_is_no_actor(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Schools will close on Monday, the council said. Rainwater flooded the streets, "
        "and the rainwater rose. Donald Trump spoke. Trump has held two events. Britain "
        "January was cold."
    )
    names = [a.name for a in actors_in(text, nlp)]
    # "Schools" (ORG), "Rainwater" (PERSON) and "Britain January" were actors.
    assert "Schools" not in names and "Rainwater" not in names
    assert "Britain January" not in names
    trump = by_name(actors_in(text, nlp), "Donald Trump")
    assert mention_texts(trump) == ["Donald Trump", "Trump"]  # a name inside a sentence


def test_a_name_given_an_age_is_a_person(nlp) -> None:  # type: ignore[no-untyped-def]
    # The small model tags "Tatiana Romanova" ORG and "Romanova" GPE here.
    text = (
        "Mills said police found 62-year-old Tatiana Romanova lying in the doorway.\n\n"
        "Romanova, Mills said, was taken to hospital."
    )
    romanova = by_name(actors_in(text, nlp), "Tatiana Romanova")
    assert romanova.kind == "person"
    assert mention_texts(romanova) == ["Tatiana Romanova", "Romanova"]


def test_the_us_and_us_are_one_actor(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The US imposed new sanctions on Tuesday. Officials said US envoys would travel."
    actors = actors_in(text, nlp)
    us = by_name(actors, "US")
    assert mention_texts(us) == ["The US", "US"]
    assert us.kind == "country"


def test_plural_and_singular_labels_are_one_side_and_counted(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Jihadis attacked the town at dawn. "
        "The number of Jihadis is unknown, but the Jihadi counter-offensive has stalled."
    )
    actors = actors_in(text, nlp)
    jihadis = by_name(actors, "Jihadis")
    assert jihadis.kind == "group"
    assert [lb.text for lb in jihadis.labels] == ["Jihadis", "Jihadis", "Jihadi"]
    assert not any(lb.distancing for lb in jihadis.labels)
    assert len(jihadis.mentions) == 3


def test_a_possessive_is_a_mention_without_its_s(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Al-Qaeda’s Syrian branch claimed the attack on the convoy. "
        "Local officials blamed Al-Qaeda for the deaths of twelve people."
    )
    actors = actors_in(text, nlp)
    qaeda = by_name(actors, "Al-Qaeda")
    assert mention_texts(qaeda) == ["Al-Qaeda", "Al-Qaeda"]
    assert all(not m.text.endswith("s") for m in qaeda.mentions)
    assert [a.name for a in actors if "Syrian" in a.name] == []  # "Syrian branch" is no actor


def test_scare_quotes_and_so_called_mark_labels_as_distancing(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The government armed the so-called “moderate rebels” in the north. "
        "The West calls the Jihadis “freedom fighters” and ignores their crimes."
    )
    actors = actors_in(text, nlp)
    rebels = by_name(actors, "moderate rebels")
    assert [(lb.text, lb.distancing, lb.marks) for lb in rebels.labels] == [
        ("moderate rebels", True, ("scare_quotes", "so_called"))
    ]
    # A name given by a naming verb labels the verb's object, here the Jihadis.
    jihadis = by_name(actors, "Jihadis")
    quoted = [lb for lb in jihadis.labels if lb.text == "freedom fighters"]
    assert [(lb.distancing, lb.marks) for lb in quoted] == [(True, ("scare_quotes",))]
    plain = [lb for lb in jihadis.labels if lb.text == "Jihadis"]
    assert [lb.distancing for lb in plain] == [False]
    assert not any("freedom" in a.name for a in actors)


def test_what_a_naming_verb_calls_it_labels_no_actor(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Moscow warned ... across the Middle East, calling it “an adventurist step”": the
    # label went to the Middle East (session 31; five such labels on news, all wrong).
    text = (
        "Moscow warned that the strike would raise tensions across Ruritania, calling it "
        "“an adventurist step.”"
    )
    actors = actors_in(text, nlp)
    labels = {a.name: [lb.text for lb in a.labels] for a in actors}
    assert all("adventurist step" not in texts for texts in labels.values())
    assert not any("adventurist" in name for name in labels)


@pytest.mark.parametrize(
    "text",
    [
        "That commitment may seem radical to the voters in Ohio.",  # an adjective said of it
        "She lied about being gang-raped by a group of youths.",  # part of a verb
    ],
)
def test_a_labelling_word_that_names_no_one_is_no_actor(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert [a.name for a in actors_in(text, nlp)] == []


@pytest.mark.parametrize(
    ("text", "actors"),
    [
        # Places taken for actors in real news (session 23's audit).
        ("Australia's east coast is burning.", []),
        ("Japan's mobile gaming market grew.", []),
        ("The administration will deport Mexicans to Guatemala.", ["Mexicans"]),
        ("Putin flew to Syria and met Assad.", ["Putin", "Assad"]),
        # ... but a place that acts is an actor where it acts.
        ("Russia sent troops to Ukraine. Ukraine said it would fight.", ["Russia", "Ukraine"]),
        ("Iran's leaders said that they would respond.", ["Iran"]),
    ],
)
def test_a_place_a_possessive_or_a_journey_names_is_no_actor(
    nlp, text: str, actors: list[str]
) -> None:  # type: ignore[no-untyped-def]
    assert [a.name for a in actors_in(text, nlp)] == actors


@pytest.mark.parametrize(
    ("text", "actors"),
    [
        # Merged into one actor in real news (session 23's audit).
        (
            "Asthma Australia said the smoke is dangerous. Australia is burning.",
            [("Asthma Australia", 1), ("Australia", 1)],
        ),
        # ... and where the recogniser tags one of the organisation's mentions a person
        # (session 58: the rule held only while no mention was).
        (
            "Bushfires burn along Australia’s east coast, and doctors warn of lasting "
            "harm.\n\nNigel Cooper, a manager at Asthma Australia, said: “We have never "
            "seen anything like this.”\n\nAsthma Australia is conducting a survey on the "
            "impacts of the smoke on asthmatics.\n\nCaldicott believes this crisis might be "
            "a turning point for Australia.",
            [("Australia", 2), ("Nigel Cooper", 1), ("Asthma Australia", 2), ("Caldicott", 1)],
        ),
        ("Air France cancelled flights. France protested.", [("Air France", 1), ("France", 1)]),
        (
            "Germany was divided. East Germany was ruled by communists.",
            [("Germany", 1), ("East Germany", 1)],
        ),
        (
            "Democrat Bill Clinton signed the bill. Democrats cheered the vote.",
            [("Democrat", 2), ("Bill Clinton", 1)],
        ),
    ],
)
def test_a_country_and_a_longer_name_ending_in_it_are_two_actors(
    nlp, text: str, actors: list[tuple[str, int]]
) -> None:  # type: ignore[no-untyped-def]
    assert [(a.name, len(a.mentions)) for a in actors_in(text, nlp)] == actors


def test_a_credit_line_names_no_actor(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The mayor of Brinmouth spoke on Monday.\n"
        "Translated from German by Fernanda Janeiro.\n"
        "Courtesy of Bodo Magazine / INSP\n"
        "Photo by John Smith for the Brinmouth Herald"
    )
    assert [a.name for a in actors_in(text, nlp)] == ["Brinmouth"]


def test_a_sentence_that_opens_like_a_credit_keeps_its_actors(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Reporting by ProPublica found that Exxon Mobil knew. Senator Elizabeth Warren objected."
    names = [a.name for a in actors_in(text, nlp)]
    assert "Elizabeth Warren" in names and len(names) >= 2


def test_a_label_before_a_hyphened_participle_still_names_its_side(nlp) -> None:  # type: ignore[no-untyped-def]
    actors = actors_in("He was born in rebel-held eastern Ukraine.", nlp)
    assert [a.name for a in actors] == ["rebel"]


@pytest.mark.parametrize(
    "text",
    [
        # Marked as distancing in real news (session 23's audit): a show, a title, a
        # nickname and a word shown as a word are quoted, not held at a distance.
        "Sen. Josh Hawley said on \u201cFox & Friends\u201d that he plans to act.",
        "The band played \u201cCome Together\u201d at the rally of the Greens.",
        "The quarterback Tyler \u201cCoda\u201d Moore threw twice.",
        "The word \u201cHezbollah\u201d is spelt two ways by the Lebanese militants.",
    ],
)
def test_titles_nicknames_and_words_as_words_are_no_distancing(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    actors = actors_in(text, nlp)
    assert [(a.name, lb.text) for a in actors for lb in a.labels if lb.distancing] == []


def test_a_pronoun_object_of_a_naming_verb_is_the_actor_named_before(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Jihadis are using civilians as human shields. "
        "The West however calls them “moderate rebels” and condemns Russia."
    )
    actors = actors_in(text, nlp)
    jihadis = by_name(actors, "Jihadis")
    assert ("moderate rebels", True) in [(lb.text, lb.distancing) for lb in jihadis.labels]
    west = by_name(actors, "West")
    assert west.labels == ()
    assert west.sources and len(west.sources) >= 1


def test_so_called_before_a_name_marks_the_name(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The so-called Islamic State claimed the attack on the market in the old city."
    actors = actors_in(text, nlp)
    state = by_name(actors, "Islamic State")
    assert [(lb.text, lb.marks) for lb in state.labels] == [("Islamic State", ("so_called",))]


def test_an_actor_that_is_the_source_of_a_statement(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Russian military said that the rebels had 20 tanks. "
        "According to Western sources, the rebels have 200 tanks."
    )
    attributions = find_attributions(text, nlp=nlp)
    military_says = [
        i
        for i, a in enumerate(attributions)
        if a.source and a.source.text == "The Russian military"
    ]
    assert len(military_says) == 1
    actors = find_actors(text, nlp=nlp, attributions=attributions)
    military = by_name(actors, "Russian military")
    assert military.kind == "organisation"
    assert military.sources == tuple(military_says)
    rebels = by_name(actors, "rebels")
    assert rebels.sources == ()
    # Without attributions, nothing is linked, and the JSON says so with null.
    alone = by_name(find_actors(text, nlp=nlp), "Russian military")
    assert alone.sources is None and alone.to_dict()["sources"] is None


def test_conjoined_sources_are_each_a_source(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Western powers and the Western media are condemning ISIS for using human "
        "shields in the fighting for Mosul."
    )
    attributions = find_attributions(text, nlp=nlp)
    actors = find_actors(text, nlp=nlp, attributions=attributions)
    powers, media = by_name(actors, "Western powers"), by_name(actors, "Western media")
    assert powers.sources and powers.sources == media.sources
    assert by_name(actors, "ISIS").sources == ()
    assert media.kind == "media"
    assert [a.name for a in actors if a.name == "Mosul"] == []  # only says where


def test_techniques_that_touch_a_mention_are_linked_by_the_component(finder, nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The Jihadis shelled the town again. The weather stayed calm all day."
    doc = Document.from_text(text)
    analysis = Analysis(document=doc)
    analysis.techniques = [
        TechniqueSpan(*_bounds(text, "Jihadis shelled"), "Name_Calling,Labeling", 0.9),
        TechniqueSpan(*_bounds(text, "weather stayed calm"), "Doubt", 0.4),
    ]
    AttributionFinder(nlp=nlp)([doc], [analysis])
    finder([doc], [analysis])
    assert analysis.actors is not None
    jihadis = by_name(analysis.actors, "Jihadis")
    assert jihadis.techniques == (0,)
    assert jihadis.sources == ()
    assert analysis.summary["actors"] == len(analysis.actors)


def test_no_names_no_actors(finder) -> None:  # type: ignore[no-untyped-def]
    text = "The weather was fine and the sea was calm all day long, so the boats went out early."
    doc = Document.from_text(text)
    analysis = Analysis(document=doc)
    finder([doc], [analysis])
    assert analysis.actors == []
    assert analysis.summary["actors"] == 0 and analysis.summary["distancing_labels"] == 0
    assert analysis.notes == []


@pytest.mark.parametrize(
    "body",
    [
        "Bundeskanzler Olaf Scholz traf am Montag in Berlin den französischen Präsidenten "
        "Emmanuel Macron. Die beiden Politiker sprachen lange über die Lage in der Ukraine "
        "und über neue Hilfen für Kiew, sagte ein Sprecher der Regierung.",
        "Le président Emmanuel Macron a rencontré lundi à Paris le chancelier allemand Olaf "
        "Scholz. Les deux dirigeants ont parlé de la situation en Ukraine et de nouvelles "
        "aides pour Kiev, a déclaré un porte-parole du gouvernement.",
    ],
)
def test_a_body_that_is_not_english_gets_no_invented_actors(finder, nlp, body) -> None:  # type: ignore[no-untyped-def]
    # Without the guard, the English model would find actors in it.
    assert find_actors(body, nlp=nlp)
    doc = Document.from_text(body, title="News from Europe")
    analysis = Analysis(document=doc)
    finder([doc], [analysis])
    assert analysis.actors is None
    assert "actors" not in analysis.to_dict()
    (note,) = analysis.notes
    assert "not look like English" in note


def test_a_text_too_long_to_parse_gets_a_note_not_a_layer(finder, nlp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(nlp, "max_length", 40)
    short, long = Document.from_text("Putin spoke."), Document.from_text("Putin spoke. " * 10)
    analyses = [Analysis(document=short), Analysis(document=long)]
    finder([short, long], analyses)
    assert analyses[0].actors is not None and analyses[0].notes == []
    assert analyses[1].actors is None
    (note,) = analyses[1].notes
    assert "Actors were not computed" in note and "130 characters" in note


def test_the_component_is_registered_and_runs_after_the_layers_it_links(nlp) -> None:  # type: ignore[no-untyped-def]
    assert "actors" in registered_components()
    assert DEFAULT_COMPONENTS.index("actors") > DEFAULT_COMPONENTS.index("techniques")
    assert DEFAULT_COMPONENTS.index("actors") > DEFAULT_COMPONENTS.index("attributions")
    text = "The Russian military said that the rebels had 20 tanks."
    data = Analyzer(["attributions", "actors"]).analyze(text).to_dict()
    military = by_name(read_actors(data, text) or [], "Russian military")
    assert military.sources == (0,)
    assert military.techniques is None  # no techniques layer to link to
    assert data["model"]["components"]["actors"]["name"] == "actor-rules"
    # Run before "attributions", the actors cannot link sources: they say so with None.
    early = Analyzer(["actors", "attributions"]).analyze(text)
    assert early.actors is not None and early.attributions is not None
    assert all(a.sources is None for a in early.actors)


def test_actors_reuse_the_parse_the_attributions_made(nlp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    calls: list[list[str]] = []
    real_pipe = nlp.pipe

    def counting_pipe(texts, **kwargs) -> Iterator:  # type: ignore[no-untyped-def]
        texts = list(texts)
        calls.append(texts)
        return real_pipe(texts, **kwargs)

    monkeypatch.setattr(nlp, "pipe", counting_pipe)
    text = f"The Russian military said that the rebels had 20 tanks. Ref {uuid.uuid4().hex}."
    analyzer = Analyzer.from_components(
        [("attributions", AttributionFinder(nlp=nlp)), ("actors", ActorFinder(nlp=nlp))]
    )
    analysis = analyzer.analyze(text)
    assert analysis.actors and analysis.attributions
    assert calls == [[analysis.document.text]]


# --- views --------------------------------------------------------------------------------


class _Sink:
    def write(self, _: str) -> int:
        return 0

    def flush(self) -> None:
        pass


def render_plain(analysis: Analysis | dict, width: int = 160) -> str:
    console = Console(record=True, width=width, file=_Sink())
    console.print(render_terminal(analysis))
    return console.export_text()


def test_terminal_shows_an_actors_table_with_counts_and_distancing() -> None:
    out = render_plain(hand_made())
    table = out[out.index("Actors") :]
    for heading in ("Actor", "Kind", "Mentions", "Labels", "Techniques touching it", "Claims"):
        assert heading in table
    jihadis_row = next(line for line in table.splitlines() if "the Jihadis" in line)
    assert "Jihadis ×1" in jihadis_row and "“moderate rebels” ×1" in jihadis_row
    assert "1: Loaded language" in jihadis_row
    assert "not computed" in jihadis_row  # no attributions were linked
    rebels_row = next(line for line in table.splitlines() if line.startswith("│ moderate"))
    assert "so-called “moderate rebels” ×1 (distancing)" in rebels_row
    # Without colour each distancing label says so; the red-italics legend is left out.
    assert "“moderate rebels” ×1 (distancing)" in jihadis_row and "Jihadis ×1," in jihadis_row
    assert "Red italics" not in table


def test_on_a_colour_terminal_distancing_labels_are_red_italics() -> None:
    console = Console(
        record=True, width=160, file=_Sink(), force_terminal=True, color_system="truecolor"
    )
    console.print(render_terminal(hand_made()))
    table = console.export_text(styles=False)
    table = table[table.index("Actors") :]
    assert "(distancing)" not in table
    assert "Red italics: distancing labels (scare quotes, “so-called”)." in table


def _two_actors() -> Analysis:
    t = (
        "The Brinmouth Harbour Development Corporation said so. The Corporation, the "
        "“developers”, agreed. Councillor Hale did not."
    )
    analysis = Analysis(document=Document.from_text(t))
    analysis.actors = [
        Actor(
            "Brinmouth Harbour Development Corporation",
            "organisation",
            (span(t, "The Brinmouth Harbour Development Corporation"), span(t, "The Corporation")),
            (label(t, "“developers”"),),
        ),
        Actor("Councillor Hale", "person", (span(t, "Councillor Hale"),), ()),
    ]
    return analysis


def test_a_squeezed_actors_table_wraps_without_cutting_words() -> None:
    table = render_plain(_two_actors(), width=100).split("Actors", 1)[1]
    assert "…" not in table  # nothing cut short
    assert max(len(line) for line in table.splitlines()) <= 100
    # Each column read down, with the line breaks taken out, holds the whole words.
    rows = [line.split("│")[1:-1] for line in table.splitlines() if line.startswith("│")]
    columns = ["".join(cell.strip() for cell in column) for column in zip(*rows, strict=True)]
    assert "BrinmouthHarbourDevelopmentCorporation" in columns[0]
    assert "organisation" in columns[1] and "person" in columns[1]
    assert "“developers”×1" in columns[3].replace(" ", "")


@pytest.mark.parametrize("width", [40, 60, 80])
def test_a_narrow_terminal_shows_each_actor_as_a_paragraph(width: int) -> None:
    shown = render_plain(_two_actors(), width=width).split("Actors", 1)[1]
    assert "┃" not in shown and "…" not in shown
    lines = shown.splitlines()
    assert max(len(line) for line in lines) <= width
    # Lines break between words: with the breaks taken out, the words are whole.
    joined = " ".join(shown.split())
    assert "Brinmouth Harbour Development Corporation · organisation" in joined
    assert "Councillor Hale · person" in joined
    assert any(line.startswith("  labels: “developers” ×1") for line in lines)


def test_terminal_escapes_rich_markup_in_actor_names_and_labels() -> None:
    t = "[bold]Reds[/bold] marched. The [red]Reds[/red] won."
    analysis = Analysis(document=Document.from_text(t))
    analysis.actors = [
        Actor(
            "[bold]Reds[/bold]",
            "group",
            (span(t, "[bold]Reds[/bold]"),),
            (label(t, "[red]Reds[/red]"),),
        )
    ]
    out = render_plain(analysis)
    assert "[bold]Reds[/bold]" in out.split("Actors", 1)[1]
    assert "[red]Reds[/red] ×1" in out


def test_terminal_says_when_no_actors_were_found_and_nothing_without_the_layer() -> None:
    analysis = Analysis(document=Document.from_text("Quiet day."))
    assert "Actors" not in render_plain(analysis)
    analysis.actors = []
    assert "No actors found." in render_plain(analysis)


class _Buttons(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.buttons: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "button" and dict(attrs).get("class") == "actor":
            self.buttons.append(dict(attrs))


def test_html_panel_has_one_button_per_actor_with_its_offsets() -> None:
    analysis = hand_made()
    page = render_html(analysis)
    parser = _Buttons()
    parser.feed(page)
    jihadis, rebels = parser.buttons
    text = analysis.document.text
    start = text.index("The Jihadis")
    assert jihadis["data-mentions"] == f"{start},{start + len('The Jihadis')}"
    first = text.index("moderate rebels")
    assert jihadis["data-distancing"] == f"{first},{first + len('moderate rebels')}"
    assert jihadis["aria-pressed"] == "false" and jihadis["aria-controls"] == "a0-text"
    assert jihadis["data-said"] == "1 mention of the Jihadis (group)"
    assert rebels["id"] == "a0-actor-1"
    assert '<h3 id="a0-actors">Actors</h3>' in page
    assert 'class="badge">distancing</span>' in page
    assert "::highlight(ps-mention)" in page and "button.source, button.actor" in page


def test_html_panel_escapes_everything_from_the_article() -> None:
    t = "<b>Reds</b> marched. The <script>alert(1)</script> won."
    analysis = Analysis(document=Document.from_text(t))
    analysis.actors = [
        Actor(
            "<b>Reds</b>",
            "group",
            (span(t, "<b>Reds</b>"),),
            (label(t, "<script>alert(1)</script>", 0, "scare_quotes"),),
        )
    ]
    page = render_html(analysis)
    panel = page[page.index('id="a0-actors"') :]
    panel = panel[: panel.index("</ul>")]
    assert "<b>" not in panel and "<script" not in panel
    assert "&lt;b&gt;Reds&lt;/b&gt;" in panel
    assert "“&lt;script&gt;alert(1)&lt;/script&gt;”" in panel
    assert len(re.findall(r"<script(?:\s|>)", page)) == 2  # our script and the JSON twin


def test_html_panel_is_absent_without_the_layer_and_says_so_when_empty() -> None:
    analysis = Analysis(document=Document.from_text("Quiet day."))
    assert 'id="a0-actors"' not in render_html(analysis)
    analysis.actors = []
    assert "No actors found." in render_html(analysis)


# --- the example article ---------------------------------------------------------------


def test_the_example_article(example_article, nlp) -> None:  # type: ignore[no-untyped-def]
    text = example_article.read_text(encoding="utf-8")
    actors = actors_in(text, nlp)
    jihadis = by_name(actors, "Jihadis")
    jihadi_labels = [lb for lb in jihadis.labels if lb.text.casefold().startswith("jihadi")]
    assert len(jihadi_labels) >= 8
    assert all(text[lb.start : lb.end] == lb.text for lb in jihadis.labels)

    moderate = [lb for a in actors for lb in a.labels if lb.text == "moderate rebels"]
    assert len(moderate) == 3 and all(lb.distancing for lb in moderate)
    assert sum("so_called" in lb.marks for lb in moderate) == 1
    assert sum(lb.marks == ("scare_quotes",) for lb in moderate) == 2
    # "relabelled “moderate rebels”" and "calls them “moderate rebels”" label the Jihadis.
    assert sum(lb.text == "moderate rebels" for lb in jihadis.labels) == 2

    names = {a.name.casefold() for a in actors}
    assert "the western media" in names and "the russian military" in names
    putin = [a for a in actors if any("Putin" in m.text for m in a.mentions)]
    assert len(putin) == 1
    assert {"Vladimir Putin", "Putin"} <= set(mention_texts(putin[0]))
    assert putin[0].kind == "person"
    military = by_name(actors, "Russian military")
    assert military.sources and len(military.sources) >= 2  # "has asked", "say"


def test_names_met_only_in_capitalised_lines_are_no_actors(nlp) -> None:  # type: ignore[no-untyped-def]
    # A table's rows and a heading in capitals read as names to the entity recogniser;
    # "Prefer Clinton" also kept "Clinton" from joining "Hillary Clinton".
    text = (
        "Voters Weigh In\n\n"
        "Hillary Clinton spoke in Ohio on Monday. Clinton said the economy was strong.\n\n"
        "Prefer Clinton\n"
        "Prefer Sanders Most\n\n"
        "Bottom Line Analysis\n\n"
        "Clinton also said she would visit Iowa."
    )
    actors = actors_in(text, nlp)
    names = [a.name for a in actors]
    assert not any("Prefer" in name or "Bottom" in name for name in names), names
    clinton = by_name(actors, "Hillary Clinton")
    assert len(clinton.mentions) >= 3


def test_names_met_only_in_a_flattened_table_are_no_actors(nlp) -> None:  # type: ignore[no-untyped-def]
    # A poll's table pasted as one line: its row labels and figures run into names
    # ("Trump +10 Employment", "Prefer Clinton"), and those junk keys kept "Trump" from
    # joining "Donald Trump".
    text = (
        "Donald Trump and Hillary Clinton are close in the new poll. Trump leads on the "
        "economy, and Clinton leads on education.\n\n"
        "Issue Prefer Trump Prefer Clinton Advantage The economy 92 53 43 Trump +10 "
        "Employment and jobs 89 52 45 Trump +7 Education 86 35 61 Clinton +26 Healthcare "
        "83 40 56 Clinton +16\n\n"
        "Trump said the poll was fair."
    )
    actors = actors_in(text, nlp)
    names = [a.name for a in actors]
    assert not any(re.search(r"\d|Prefer|Employment|Healthcare", n) for n in names), names
    trump = by_name(actors, "Donald Trump")
    assert trump.kind == "person"
    assert mention_texts(trump).count("Trump") >= 2  # the prose's; the table's may stay out
    assert by_name(actors, "Hillary Clinton").kind == "person"


@pytest.mark.parametrize(
    "key, keys, persons, hints, counts, expected",
    [
        # "Trump" tagged an organisation still joins Donald Trump, beside a title it opens.
        (
            "trump",
            {"donald trump", "trump campaign manager brad parscale"},
            {"donald trump", "trump campaign manager brad parscale"},
            {"trump": "organisation"},
            {"trump": 9, "donald trump": 2, "trump campaign manager brad parscale": 1},
            "donald trump",
        ),
        # A place that opens a title joins nothing: not the club that ends with it.
        (
            "orlando",
            {"pulse orlando", "orlando mayor buddy dyer"},
            {"pulse orlando", "orlando mayor buddy dyer"},
            {"orlando": "country"},
            {"orlando": 19, "pulse orlando": 1, "orlando mayor buddy dyer": 1},
            None,
        ),
        (
            "house",
            {"white house", "house general counsel douglas letter"},
            {"house general counsel douglas letter"},
            {"house": "organisation"},
            {"house": 11, "white house": 4},
            None,
        ),
        # A two-word name takes its first name, whatever the model tags it.
        (
            "farnaz",
            {"farnaz fassihi"},
            {"farnaz fassihi"},
            {"farnaz": "country"},
            {"farnaz": 3, "farnaz fassihi": 1},
            "farnaz fassihi",
        ),
        # Dominance: the person named twice as often as each other; not a place's.
        (
            "trump",
            {"donald trump", "story highlights trump"},
            {"donald trump", "story highlights trump"},
            {"trump": "organisation"},
            {"donald trump": 4, "story highlights trump": 1},
            "donald trump",
        ),
        # Middle names are people's: "New York City government" is no "New York
        # government" with a middle name.
        (
            "government",
            {"new york government", "new york city government"},
            set(),
            {},
            {"new york government": 1, "new york city government": 1},
            None,
        ),
        (
            "trump",
            {"donald trump", "melania trump"},
            {"donald trump", "melania trump"},
            {"trump": "person"},
            {"donald trump": 3, "melania trump": 2},
            None,
        ),
    ],
)
def test_which_longer_name_a_short_one_joins(  # type: ignore[no-untyped-def]
    key, keys, persons, hints, counts, expected
) -> None:
    from collections import Counter

    from propscope.components.actors import _Finder

    alias = _Finder._alias(None, key, keys | {key}, persons, hints, Counter(counts))  # type: ignore[arg-type]
    assert alias == expected


GENDERS = {"donald wurtzel": "m", "elizabeth wurtzel": "f", "elizabeth lee wurtzel": "f"}


@pytest.mark.parametrize(
    "key, gender, genders, counts, expected",
    [
        # A woman's title is no man's name, however often he is named; the name with
        # a middle name is the fuller of hers.
        ("wurtzel", "f", GENDERS, {"donald wurtzel": 5}, "elizabeth lee wurtzel"),
        ("wurtzel", "m", GENDERS, {"donald wurtzel": 1}, "donald wurtzel"),
        # A name of no known gender stays a candidate.
        ("wurtzel", "f", {}, {"donald wurtzel": 5}, "donald wurtzel"),
        # The same name with a middle name is one candidate, with both names' mentions:
        # two and two, so neither is named twice as often.
        ("wurtzel", None, GENDERS, {"donald wurtzel": 2}, None),
        ("wurtzel", None, GENDERS, {"donald wurtzel": 4}, "donald wurtzel"),
        ("elizabeth wurtzel", None, {}, {}, "elizabeth lee wurtzel"),
    ],
)
def test_a_titles_gender_and_middle_names_decide_which_name_a_surname_joins(  # type: ignore[no-untyped-def]
    key, gender, genders, counts, expected
) -> None:
    from collections import Counter

    from propscope.components.actors import _Finder

    persons = {"donald wurtzel", "elizabeth wurtzel", "elizabeth lee wurtzel"}
    counts = Counter({"elizabeth wurtzel": 1, "elizabeth lee wurtzel": 1} | counts)
    alias = _Finder._alias(
        None,  # type: ignore[arg-type]
        key,
        persons | {key},
        persons,
        {},
        counts,
        gender=gender,
        genders=genders,
    )
    assert alias == expected


def test_a_womans_title_joins_the_woman_of_a_shared_surname(nlp) -> None:  # type: ignore[no-untyped-def]
    # An obituary names the writer and her father: "Ms. Wurtzel" is hers every time,
    # though the father is named in full more often than she is.
    text = (
        "Elizabeth Wurtzel, who wrote a memoir of depression, died on Tuesday. Ms. Wurtzel "
        "was 52. She learned that Donald Wurtzel was not her father. Donald Wurtzel had "
        "raised her. Ms. Wurtzel said the news was a shock. Elizabeth Lee Wurtzel was born "
        "in Manhattan."
    )
    actors = actors_in(text, nlp)
    her = by_name(actors, "Elizabeth Lee Wurtzel")
    assert mention_texts(her).count("Ms. Wurtzel") == 2
    assert "Elizabeth Wurtzel" in mention_texts(her)
    father = by_name(actors, "Donald Wurtzel")
    assert all(m.text == "Donald Wurtzel" for m in father.mentions)


def test_page_furniture_before_a_name_is_no_part_of_it(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Elizabeth Wurtzel died on Tuesday. Wp Get the full experience. Choose your plan "
        "ArrowRight Ms. Wurtzel announced in 2015 that she had cancer."
    )
    attributions = find_attributions(text, nlp=nlp)
    sources = [a.source.text for a in attributions if a.source is not None]
    assert "Ms. Wurtzel" in sources and not any("Arrow" in s for s in sources)
    (actor,) = actors_in(text, nlp)
    assert len(actor.mentions) == 2
    assert not any("Arrow" in m.text for m in actor.mentions)


def test_a_surname_the_recogniser_missed_is_still_a_mention(nlp) -> None:  # type: ignore[no-untyped-def]
    # The small model reads an unknown "Persoone" opening a sentence as a common noun:
    # the surname of a person the article named in full is still theirs, and so are
    # the statements it is the source of. "May" the month is no Ruby May.
    text = (
        "Those who like cacao can thank Belgian chocolatier Dominique Persoone, who "
        "invented a device. Persoone claims he developed the shooter in 2007, and says "
        "that snorting cacao is safe. The club opened in May."
    )
    attributions = find_attributions(text, nlp=nlp)
    actors = find_actors(text, nlp=nlp, attributions=attributions)
    persoone = by_name(actors, "Dominique Persoone")
    assert mention_texts(persoone) == ["Dominique Persoone", "Persoone"]
    sourced = [attributions[i].source.text for i in persoone.sources]  # type: ignore[union-attr]
    assert "Persoone" in sourced


@pytest.mark.parametrize(
    "text",
    [
        # Two people share the surname: it could be either.
        "Bill Clinton spoke first. Hillary Clinton spoke next. Later Clinton left.",
        # A name in a longer name is not the person.
        "Officials said Dominique Persoone was right. The Persoone Foundation disagreed.",
    ],
)
def test_a_surname_that_could_be_someone_else_stays_out(text: str, nlp) -> None:  # type: ignore[no-untyped-def]
    full_names = [a for a in actors_in(text, nlp) if a.kind == "person" and " " in a.name]
    assert full_names
    for actor in full_names:
        assert all(" " in m.text for m in actor.mentions), (actor.name, mention_texts(actor))


def test_a_surname_joins_the_full_name_named_most_often(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Story Highlights Trump" (a page's furniture read as a name) and "Donald Trump"
    # both end with "Trump": the one named twice as often takes the surname.
    text = (
        "Story Highlights Trump leads Clinton on jobs\n\n"
        "Donald Trump spoke in Ohio on Monday. Trump said jobs would come back. Later, "
        "Donald Trump visited a factory, and Trump thanked the workers."
    )
    actors = actors_in(text, nlp)
    trump = [a for a in actors if "Trump" in mention_texts(a)]
    assert len(trump) == 1, [a.name for a in actors]
    assert trump[0].name == "Donald Trump" and trump[0].kind == "person"
    assert mention_texts(trump[0]).count("Trump") >= 2


@pytest.mark.parametrize(
    "text, names",
    [
        (
            "Angela Merkel met Xi Jinping in Berlin.\nThe talks lasted two hours.",
            {"Angela Merkel", "Xi Jinping"},
        ),
        ("Hillary Clinton won\nThe vote was close.", {"Hillary Clinton"}),
    ],
)
def test_a_short_line_of_prose_is_no_heading(text: str, names: set[str], nlp) -> None:  # type: ignore[no-untyped-def]
    # A sentence whose longer words are all names is still a sentence: a verb in lower
    # case or a full stop says so.
    assert names <= {a.name for a in actors_in(text, nlp)}


def test_a_city_state_or_region_is_a_place_and_a_country_stays_one(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "London said the talks had failed, and Britain agreed. Officials in Iowa and the "
        "Middle East watched Russia. Communist China denied it; China's envoy left."
    )
    kinds = {a.name: a.kind for a in actors_in(text, nlp)}
    assert kinds.get("London") == "place" and kinds.get("Iowa", "place") == "place"
    assert kinds.get("Britain") == "country" and kinds.get("Russia") == "country"
    # A country named by a longer name ("Communist China") is still no place.
    china = [kind for name, kind in kinds.items() if "China" in name]
    assert china and "place" not in china, kinds


def test_a_name_set_beside_a_title_is_the_source_of_the_statement(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        'Fires\n\n"We are assuming that on Saturday conditions will be bad," the NSW '
        "premier, Gladys Berejiklian, said. Berejiklian visited Nowra on Monday."
    )
    attributions = find_attributions(text, nlp=nlp)
    actors = find_actors(text, nlp=nlp, attributions=attributions)
    premier = by_name(actors, "Gladys Berejiklian")
    assert premier.sources and all(
        "Berejiklian" in (attributions[i].source.text if attributions[i].source else "")
        for i in premier.sources
    )


def test_a_plural_name_after_the_is_no_person(nlp) -> None:  # type: ignore[no-untyped-def]
    # The small model tags teams, peoples and families PERSON; "the" before a one-word
    # plural name says it is several.
    text = (
        "The Dodgers beat the Giants again, and Dodgers fans cheered. The Dodgers won. "
        "Roberts said it was close. Later Roberts left."
    )
    kinds = {a.name: a.kind for a in actors_in(text, nlp)}
    assert kinds.get("the Dodgers") == "group", kinds
    assert kinds.get("Roberts") == "person", kinds  # a surname ending in "s" without "the"
    kinds = {a.name: a.kind for a in actors_in("The Houthis fired missiles.", nlp)}
    assert kinds == {"the Houthis": "group"}


def test_a_name_ending_in_a_companys_word_is_an_organisation(nlp) -> None:  # type: ignore[no-untyped-def]
    # The small model tags "Hot Toys" and "Shudder Labs" PERSON (session 32's news).
    text = (
        "Collectors queued outside the shop. Hot Toys unveiled a new figure of the hero on "
        "Friday, and Hot Toys will sell it in May. Anna Toys-Smith said she would buy one."
    )
    assert {e.label_ for e in nlp(text).ents if e.text == "Hot Toys"} == {"PERSON"}
    kinds = {a.name: a.kind for a in actors_in(text, nlp)}
    assert kinds.get("Hot Toys") == "organisation", kinds
    assert kinds.get("Anna Toys-Smith") == "person", kinds


def test_one_capitalised_word_in_quotes_is_no_scare_quote(nlp) -> None:  # type: ignore[no-untyped-def]
    # A code string, a renamed inn and a chant were actors with themselves as labels
    # (session 31's and 32's news).
    text = (
        "The game checks for the string “SAVE” before it loads the file. The inn will be "
        "known as 'Lafferty' during the Euros. The Russia fans chanted 'Rossiya' as they "
        "were chased by police, who called them “violent thugs”."
    )
    labels = {label.text for actor in actors_in(text, nlp) for label in actor.labels}
    assert not {"“SAVE”", "'Lafferty'", "'Rossiya'", "SAVE", "Lafferty", "Rossiya"} & labels
    assert any("violent thugs" in label for label in labels), labels


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        # Tagged ORG and GPE by the entity recogniser (session 37's news).
        ("The film stars Christina Ricci and a dog.", "Christina Ricci", "person"),
        ("Fans of Hugh Jackman cheered in Sydney.", "Hugh Jackman", "person"),
        # Tagged PERSON: a given name opens it, an institution's word ends it.
        ("Virginia Tech won the game in Blacksburg.", "Virginia Tech", "organisation"),
        # An organisation's name with a given name in it stays one.
        ("Lawyers at Arnold & Porter said the filing was late.", "Arnold & Porter", "organisation"),
    ],
)
def test_a_given_name_and_a_surname_make_a_person_whatever_the_tag(  # type: ignore[no-untyped-def]
    text: str, name: str, kind: str, nlp
) -> None:
    assert by_name(actors_in(text, nlp), name).kind == kind


def test_a_persons_name_tagged_otherwise_joins_its_middle_name_and_surname(nlp) -> None:  # type: ignore[no-untyped-def]
    # Both names tagged ORG: two organisations before, and "Davies" joined neither.
    text = (
        "Gregory Keith Davies was charged with one count of murder on Monday.\n\n"
        "Gregory Davies was charged in an office in Melbourne. (Supplied)\n\n"
        "Davies will appear at the court in March."
    )
    actor = by_name(find_actors(text, nlp=nlp), "Gregory Keith Davies")
    assert actor.kind == "person"
    assert mention_texts(actor) == ["Gregory Keith Davies", "Gregory Davies", "Davies"]


def test_the_word_of_an_office_is_no_actor(nlp) -> None:  # type: ignore[no-untyped-def]
    # "State" of "Secretary of State" was an actor, named first, that the United States
    # joined: "State · country · 3 (US, the United States)".
    text = "Secretary of State Mike Pompeo said the US would act. The United States has troops."
    actors = find_actors(text, nlp=nlp)
    assert "State" not in [a.name for a in actors]
    assert mention_texts(by_name(actors, "US")) == ["the US", "The United States"]


def test_a_party_member_in_apposition_is_no_actor(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Arizona Republican · place" was an actor, credited with McCain's statements.
    text = "“We are not going anywhere,” Sen. John McCain, Arizona Republican, said on Monday."
    assert [a.name for a in actors_in(text, nlp)] == ["John McCain"]
    text = "Rep. Elissa Slotkin, a Michigan Democrat and a former CIA analyst, spoke."
    assert "Michigan Democrat" not in [a.name for a in find_actors(text, nlp=nlp)]
    # Not where no name comes before it.
    text = "The Republican in the White House spoke to the Michigan Democrats on Monday."
    assert "the Michigan Democrats" in [a.name for a in find_actors(text, nlp=nlp)]


def test_a_person_s_name_holds_no_figure_and_no_handle(nlp) -> None:  # type: ignore[no-untyped-def]
    # On news (session 38) "Victoria 3844", "Linux Kernel 2.6.36" and "John 9:31" were
    # people, and "Twitter @howellspace" a person.
    text = (
        "The shop is at 12 Main Street, Traralgon, Victoria 3844. As John 9:31 says, God "
        "hears. Mike Howell wrote the piece; he is on Twitter @howellspace."
    )
    names = [a.name for a in find_actors(text, nlp=nlp)]
    assert not [n for n in names if any(c.isdigit() for c in n) or "@" in n], names
    assert "Mike Howell" in names


@pytest.mark.parametrize(
    ("text", "name", "mentions", "other"),
    [
        # "Major General Qassem Soleimani" (1 mention) and "Soleimani" (3, as a place) were
        # two actors of an article about him (review, session 39).
        (
            "Strike\n\nThe US killed Major General Qassem Soleimani on Friday. Soleimani led "
            "the Quds Force. Soleimani was 62. Officials said Soleimani planned attacks. Prime "
            "Minister Adil Abdul-Mahdi said Iraq would respond.",
            "Qassem Soleimani",
            4,
            "Adil Abdul-Mahdi",
        ),
        # A bishop was three actors of one PTC article: "Juan Barros", "Bishop Barros" and
        # "Barros" as a place; "Archbishop Charles Scicluna" kept his title in his name
        # (session 45).
        (
            "Scandal\n\nThe Pope appointed Juan Barros in 2015. Victims accuse Bishop Barros "
            "of covering up abuse. Bishop Barros denies it. Barros said he saw nothing. "
            "Archbishop Charles Scicluna heard the victims in New York. Scicluna said he "
            "believed them.",
            "Juan Barros",
            4,
            "Charles Scicluna",
        ),
    ],
    ids=["rank", "clergy"],
)
def test_a_title_opens_a_name_and_the_surname_joins_it(  # type: ignore[no-untyped-def]
    nlp, text: str, name: str, mentions: int, other: str
) -> None:
    actors = find_actors(text, nlp=nlp)
    found = by_name(actors, name)
    assert found.kind == "person" and len(found.mentions) == mentions
    assert by_name(actors, other).kind == "person"
    assert not [a for a in actors if name.split()[-1] in a.name and a is not found]


def tagged_actors(nlp, text: str, entities: list[tuple[str, str]]) -> list[Actor]:  # type: ignore[no-untyped-def]
    """The actors of `text` with the recogniser's entities set by hand, in order."""
    from propscope.components.actors import actors_from_doc

    doc = nlp(text)
    ents, i = [], 0
    for name, label in entities:
        i = text.index(name, i)
        ents.append(doc.char_span(i, i + len(name), label=label))
        i += len(name)
    assert all(ents)
    doc.ents = ents
    return actors_from_doc(doc)


def test_a_name_written_with_a_persons_title_is_a_person_however_it_is_tagged(nlp) -> None:  # type: ignore[no-untyped-def]
    # Once "Cardinal" was a title, "Cardinal McCarrick" (56 mentions, tagged PERSON) joined
    # "McCarrick" (tagged ORG more often) into an organisation; "Archbishop Viganò" into a
    # group (PTC, session 45).
    text = (
        "Cardinal McCarrick resigned in July. McCarrick denied the claims. Critics said "
        "McCarrick lied. General Motors said nothing. DR Congo reported new cases, and "
        "flights left Imam Khomeini International Airport."
    )
    entities = [
        ("Cardinal McCarrick", "PERSON"),
        ("McCarrick", "ORG"),
        ("McCarrick", "ORG"),
        ("General Motors", "ORG"),
        ("DR Congo", "GPE"),  # "DR" is no doctor
        ("Imam Khomeini International Airport", "PERSON"),  # as the recogniser tagged it
    ]
    actors = tagged_actors(nlp, text, entities)
    mccarrick = by_name(actors, "McCarrick")
    assert mccarrick.kind == "person" and len(mccarrick.mentions) == 3
    assert by_name(actors, "General Motors").kind == "organisation"
    assert by_name(actors, "DR Congo").kind == "country"
    assert by_name(actors, "Imam Khomeini International Airport").kind == "organisation"


def test_a_bare_title_is_the_one_person_written_with_it(nlp) -> None:  # type: ignore[no-untyped-def]
    # "the Pope" (12 mentions, tagged PERSON) stood apart from "Pope Francis" (PTC,
    # session 45); beside two popes it still does.
    text = (
        "Visit\n\nPope Francis arrived in Chile on Monday. The Pope met victims. Critics "
        "said the Pope acted too late."
    )
    entities = [("Pope Francis", "PERSON"), ("Pope", "PERSON"), ("Pope", "PERSON")]
    (francis,) = tagged_actors(nlp, text, entities)
    assert francis.name == "Francis" and mention_texts(francis) == [
        "Pope Francis",
        "The Pope",
        "the Pope",
    ]
    text = text.replace("The Pope met victims", "Pope Benedict stayed in Rome")
    entities = [("Pope Francis", "PERSON"), ("Pope Benedict", "PERSON"), ("Pope", "PERSON")]
    names = sorted(a.name for a in tagged_actors(nlp, text, entities))
    assert names == ["Benedict", "Francis", "Pope"]
    # A surname that is also a title joins its name as before (a first draft split "King"
    # from "Martin Luther King", 10 of his 13 mentions, on news).
    text = "Dream\n\nMartin Luther King spoke in 1963. King said he had a dream."
    entities = [("Martin Luther King", "PERSON"), ("King", "PERSON")]
    (king,) = tagged_actors(nlp, text, entities)
    assert king.name == "Martin Luther King" and len(king.mentions) == 2


# --- titles apart from their names (session 46) --------------------------------------------


def test_a_title_the_recogniser_tags_apart_from_its_name_is_no_actor(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Cardinal" (20 mentions, ORG) before "McCarrick", "Parolin", "Burke" made an
    # organisation of its own; "Fr." before "Weinandy", across PTC's line break, a person
    # "Fr" of 12 mentions; "Msgr." a place (PTC, session 46).
    text = (
        "Visit\n\nThe letter went to Cardinal McCarrick in June. Cardinal Parolin "
        "said nothing. The Cardinal lied, wrote Fr.\nWeinandy, and Msgr. Pacelli agreed. "
        "The College of Cardinals met."
    )
    entities = [
        ("Cardinal", "ORG"),
        ("McCarrick", "PERSON"),
        ("Cardinal", "ORG"),
        ("Parolin", "PERSON"),
        ("Cardinal", "ORG"),
        ("Fr.", "PERSON"),
        ("Weinandy", "PERSON"),
        ("Msgr.", "GPE"),
        ("Pacelli", "PERSON"),
        ("College of Cardinals", "ORG"),
    ]
    actors = tagged_actors(nlp, text, entities)
    names = sorted(a.name.casefold().removeprefix("the ") for a in actors)
    assert names == [
        "cardinal",
        "college of cardinals",
        "mccarrick",
        "pacelli",
        "parolin",
        "weinandy",
    ]
    # What is left is a title alone, "the Cardinal" beside two cardinals: a person's,
    # and no body's whose name ends with the word.
    cardinal = by_name(actors, "Cardinal")
    assert cardinal.kind == "person" and mention_texts(cardinal) == ["The Cardinal"]


def test_a_titled_surname_tagged_otherwise_joins_its_name(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Bishop Laun's statement" (ORG) stood apart from "Andreas Laun" as an organisation;
    # "Msgr" and "Father" were no titles (PTC, session 46).
    text = (
        "Vienna\n\nAndreas Laun signed the letter. We publish Bishop Laun's statement. "
        "Eckhard Bieger disagreed, and Father Bieger said so twice. Eugenio Pacelli "
        "left Rome, and Monsignor Pacelli never came back."
    )
    entities = [
        ("Andreas Laun", "PERSON"),
        ("Bishop Laun's", "ORG"),
        ("Eckhard Bieger", "PERSON"),
        ("Father Bieger", "PERSON"),
        ("Eugenio Pacelli", "PERSON"),
        ("Monsignor Pacelli", "PERSON"),
    ]
    actors = tagged_actors(nlp, text, entities)
    assert sorted(a.name for a in actors) == ["Andreas Laun", "Eckhard Bieger", "Eugenio Pacelli"]
    assert all(a.kind == "person" and len(a.mentions) == 2 for a in actors)


def test_a_title_opens_a_persons_name_inside_any_entity(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Philadelphia Archbishop Charles Chaput" (ORG) was one organisation with "Chaput";
    # "former Secretaries of State Angelo Sodano" made the person "State Angelo Sodano":
    # another entity is no word of a name unless a title follows it (PTC, session 46).
    text = (
        "Blessings\n\nPhiladelphia Archbishop Charles Chaput has spoken out. “No,” "
        "wrote Chaput. Officials, including former Secretaries of State Angelo Sodano "
        "and Tarcisio Bertone, knew. Sodano left."
    )
    entities = [
        ("Philadelphia Archbishop Charles Chaput", "ORG"),
        ("Chaput", "PERSON"),
        ("State", "ORG"),
        ("Angelo Sodano", "PERSON"),
        ("Tarcisio Bertone", "PERSON"),
        ("Sodano", "PERSON"),
    ]
    actors = tagged_actors(nlp, text, entities)
    chaput = by_name(actors, "Charles Chaput")
    assert chaput.kind == "person"
    assert mention_texts(chaput) == ["Philadelphia Archbishop Charles Chaput", "Chaput"]
    sodano = by_name(actors, "Angelo Sodano")
    assert mention_texts(sodano) == ["Angelo Sodano", "Sodano"]
    # A word the article writes in a person's name elsewhere stays one ("Wilfredo",
    # tagged a place here).
    text = "Dinner\n\nIt was led by Wilfredo Amr Ruiz. Critics named Wilfredo Ruiz."
    entities = [("Wilfredo", "GPE"), ("Amr Ruiz", "PERSON"), ("Wilfredo Ruiz", "PERSON")]
    (ruiz,) = tagged_actors(nlp, text, entities)
    assert mention_texts(ruiz) == ["Wilfredo Amr Ruiz", "Wilfredo Ruiz"]
    # "General Motors" opens no name.
    text = "Detroit\n\nGeneral Motors Chief Mary Barra spoke. General Motors lost money."
    entities = [("General Motors", "ORG"), ("Mary Barra", "PERSON"), ("General Motors", "ORG")]
    names = sorted(a.name for a in tagged_actors(nlp, text, entities))
    assert names == ["General Motors", "Mary Barra"]


def test_a_saint_takes_no_name_that_a_living_person_is_called_by(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Saint Francis" took "Pope Francis" and every "Francis" into 19 mentions (PTC,
    # session 46).
    text = (
        "Names\n\nPope Francis chose the name of Saint Francis, who loved the poor. "
        "Francis spoke on Sunday."
    )
    entities = [("Pope Francis", "PERSON"), ("Saint Francis", "PERSON"), ("Francis", "PERSON")]
    actors = tagged_actors(nlp, text, entities)
    assert sorted((a.name, len(a.mentions)) for a in actors) == [
        ("Francis", 2),
        ("Saint Francis", 1),
    ]


def test_a_persons_name_after_a_possessive_is_the_person(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Circa’s Sara Carter" (ORG, 10 mentions with "Carter") was the organisation
    # "CARTER" (PTC, session 46); "John Allen’s Crux" names no person after its "’s".
    text = (
        "Memo\n\nCirca’s Sara Carter reported the memo. Carter said it was real. "
        "He spoke to John Allen’s Crux."
    )
    entities = [("Circa’s Sara Carter", "ORG"), ("Carter", "ORG"), ("John Allen’s Crux", "ORG")]
    actors = tagged_actors(nlp, text, entities)
    carter = by_name(actors, "Sara Carter")
    assert carter.kind == "person" and mention_texts(carter) == ["Sara Carter", "Carter"]
    assert by_name(actors, "John Allen’s Crux").kind == "organisation"


def test_a_lone_name_is_a_surname_before_it_is_a_given_name(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Allen" (5 mentions) stood alone beside "John Allen" once "Archbishop Allen
    # Vigneron" shared the word (PTC, session 45).
    text = (
        "Crux\n\nJohn Allen wrote the story. Archbishop Allen Vigneron declined to "
        "comment. Allen said the letter was real, and Allen has seen it."
    )
    entities = [
        ("John Allen", "PERSON"),
        ("Archbishop Allen Vigneron", "PERSON"),
        ("Allen", "PERSON"),
        ("Allen", "PERSON"),
    ]
    actors = tagged_actors(nlp, text, entities)
    assert sorted((a.name, len(a.mentions)) for a in actors) == [
        ("Allen Vigneron", 1),
        ("John Allen", 3),
    ]
    # Not where what the name ends is no given name and surname: a slogan the recogniser
    # took for a person ("Run Marco", news, a first draft of the rule).
    text = "Rally\n\nMarco Rubio spoke. Signs read Run Marco. Marco thanked them."
    entities = [("Marco Rubio", "PERSON"), ("Run Marco", "PERSON"), ("Marco", "PERSON")]
    assert mention_texts(by_name(tagged_actors(nlp, text, entities), "Run Marco")) == ["Run Marco"]


def test_a_country_is_no_stance_against_it(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Israel" (16 mentions) joined "anti-Israel" (NORP) and was shown as a group (PTC,
    # session 46).
    text = (
        "Event\n\nIt is a campaign by the radical anti-Jewish and anti-Israel left. "
        "Critics of Israel spoke. Israel replied."
    )
    entities = [("anti-Israel", "NORP"), ("Israel", "GPE"), ("Israel", "GPE")]
    israel = by_name(tagged_actors(nlp, text, entities), "Israel")
    assert israel.kind == "country" and mention_texts(israel) == ["Israel", "Israel"]


# --- acronyms defined in brackets (session 42) ------------------------------------------


def test_an_acronym_defined_after_a_name_is_that_actor(nlp) -> None:  # type: ignore[no-untyped-def]
    """Amnesty's "militias known as Popular Mobilization Units (PMU)" went on to write
    "members of the PMU": two of the three mentions were lost."""
    text = (
        "Detainees were held by militias known as Popular Mobilization Units (PMU). "
        "Amnesty called for inquiries into abuses by members of the PMU. "
        "The PMU denied the reports on Friday."
    )
    actors = actors_in(text, nlp)
    pmu = by_name(actors, "Popular Mobilization Units")
    assert mention_texts(pmu) == ["Popular Mobilization Units", "PMU", "PMU", "PMU"]
    assert not [a for a in actors if a.name.removeprefix("the ") == "PMU"]
    statements = find_attributions(text, nlp=nlp)
    said = [i for i, a in enumerate(statements) if a.source and a.source.text == "The PMU"]
    assert said and pmu.sources == tuple(said)


def test_an_acronym_makes_an_actor_of_a_name_the_recogniser_missed(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Men fleeing the armed group calling itself Islamic State (IS) were beaten. "
        "Later IS fighters shelled the road. THIS IS WAR, a banner read."
    )
    islamic_state = by_name(actors_in(text, nlp), "Islamic State")
    assert islamic_state.kind == "organisation"
    # The shouted "IS" of the banner names nothing.
    assert mention_texts(islamic_state) == ["Islamic State", "IS", "IS"]
    assert [m.start for m in islamic_state.mentions][-1] < text.index("THIS")


def test_a_bracket_the_recogniser_took_in_leaves_the_name(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The World Health Organization (WHO) warned of a surge. The WHO said cases doubled."
    actors = actors_in(text, nlp)
    who = by_name(actors, "World Health Organization")
    assert "(" not in who.name and len(actors) == 1
    assert [m.text for m in who.mentions] == ["The World Health Organization", "WHO", "The WHO"]


def test_an_organisations_initials_alone_are_its_mentions(nlp) -> None:  # type: ignore[no-untyped-def]
    # "WHO has delivered 1.2 million doses" after "the World Health Organization", with no
    # bracket: the recogniser reads "WHO" as the pronoun and tagged nothing (the PTC,
    # session 64). The shouted "WHO IS TO BLAME" names nothing.
    text = (
        "The outbreak is unusual, according to the World Health Organization.\n\n"
        "WHO has delivered 1.2 million doses of antibiotics to fight the disease.\n\n"
        "WHO IS TO BLAME, a banner read.\n"
    )
    who = by_name(actors_in(text, nlp), "World Health Organization")
    assert who.name == "the World Health Organization"
    assert mention_texts(who) == ["the World Health Organization", "WHO"]


def test_an_address_is_a_place(nlp) -> None:  # type: ignore[no-untyped-def]
    # "E. McLoughlin Blvd" a person and "NE 136th Ave" an organisation (news, session 64).
    text = (
        "Cooling centers are open:\n\n"
        "* Marshall Community Center, 1009 E. McLoughlin Blvd., 5:30 a.m. to 9 p.m.\n\n"
        "* Firstenburg Community Center, 700 NE 136th Ave., 5:30 a.m. to 9 p.m.\n"
    )
    kinds = {a.name: a.kind for a in actors_in(text, nlp)}
    assert kinds.get("E. McLoughlin Blvd") == "place"
    assert kinds.get("NE 136th Ave") == "place"
    # Not a person whose surname is a street's word (a first form's "Lois Lane", a place).
    text = "Lois Lane wrote the story. Lois Lane later left the paper."
    assert {a.name: a.kind for a in actors_in(text, nlp)}.get("Lois Lane") == "person"


def test_an_acronym_used_once_or_not_spelling_the_name_makes_no_actor(nlp) -> None:  # type: ignore[no-untyped-def]
    once = "Polls close at 8pm Eastern Time (ET) on Tuesday, officials said."
    assert [a.name for a in actors_in(once, nlp)] == []
    other = "Rebels of the Kurdistan Workers Party (PKK) attacked. The PKK said so."
    party = by_name(actors_in(other, nlp), "Kurdistan Workers Party")
    assert mention_texts(party) == ["the Kurdistan Workers Party"]  # "PKK" spells no initials


def test_a_bracket_an_entity_opens_and_never_closes_ends_the_name(nlp) -> None:  # type: ignore[no-untyped-def]
    # The recogniser tags "Mazra’at Tarek (Tarek Farm" as one organisation.
    text = "Men were taken to a chicken farm in Mazra’at Tarek (Tarek Farm), witnesses said."
    assert "Mazra’at Tarek (Tarek Farm" in [e.text for e in nlp(text).ents]
    names = [(a.name, mention_texts(a)) for a in find_actors(text, nlp=nlp)]
    assert ("Mazra’at Tarek", ["Mazra’at Tarek"]) in names
    assert not [n for n, _ in names if "(" in n]


def test_an_acronym_joins_a_name_with_minor_words_and_a_hyphen(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The Council on American-Islamic Relations (CAIR) condemned it. CAIR said it would sue."
    [council] = find_actors(text, nlp=nlp)
    assert council.name == "the Council on American-Islamic Relations"
    assert mention_texts(council) == ["The Council on American-Islamic Relations", "CAIR", "CAIR"]


def test_an_actor_is_named_by_its_first_form_when_forms_tie(nlp) -> None:  # type: ignore[no-untyped-def]
    """The name a reader meets first names the actor: "National Intelligence", a later
    and shorter form that joined the actor of "the Office of the Director of National
    Intelligence (ODNI)", named it, as its mentions came first in the actor's list."""
    text = (
        "Trump ordered the documents released by the Office of the Director of National "
        "Intelligence (ODNI) and the Justice Department. Officials said the FBI was "
        "already working with the Director of National Intelligence to comply."
    )
    actors = actors_in(text, nlp)
    [odni] = [a for a in actors if "ODNI" in mention_texts(a)]
    assert odni.name == "the Office of the Director of National Intelligence"


def test_a_name_spelled_two_ways_is_one_person(nlp) -> None:  # type: ignore[no-untyped-def]
    """A name written from another alphabet is spelled several ways in one article
    ("Qassem", "Qassim"; "Soleimani", "Suleimani"): it made four people of one, and the
    two spellings of the first name made the surname shared, so "Soleimani" alone joined
    nobody."""
    text = (
        "Major General Qassem Soleimani was killed on Friday. Iran said Maj. Gen. Qassim "
        "Soleimani had led the Quds Force for two decades. General Soleimani was buried "
        "on Tuesday, and thousands mourned Suleimani in Tehran. Soleimani was 62."
    )
    actors = actors_in(text, nlp)
    [person] = [a for a in actors if "Soleimani" in a.name or "Suleimani" in a.name]
    assert person.name == "Qassem Soleimani" and person.kind == "person"
    assert len(person.mentions) == 5


def test_names_a_vowel_apart_stay_apart_when_short_or_of_two_genders(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Daniel Moreau and his sister Daniela Moreau run the bakery. Dan Brown met Don "
        "Brown at the market. Daniela Moreau said the ovens were old."
    )
    names = {a.name for a in actors_in(text, nlp) if a.kind == "person"}
    assert {"Daniel Moreau", "Daniela Moreau", "Dan Brown", "Don Brown"} <= names


def test_no_country_or_body_is_taken_for_a_respelled_surname(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Dick Cheney flew to China in May. Cheney said China was ready. The Mayburies "
        "thanked police, and Kylie Maybury's aunt spoke. Patrick Hyland left Holland."
    )
    actors = actors_in(text, nlp)
    cheney = by_name(actors, "Dick Cheney")
    assert "China" not in mention_texts(cheney)
    assert "the Mayburies" not in mention_texts(by_name(actors, "Kylie Maybury"))
    assert "Holland" not in mention_texts(by_name(actors, "Patrick Hyland"))


def test_a_persons_name_leaves_out_what_opens_a_title(nlp) -> None:  # type: ignore[no-untyped-def]
    """ "Florida Gov. Rick Scott" named the actor; the corpus report joined it with no
    other article's "Rick Scott"."""
    text = (
        "Florida Gov. Rick Scott signed the bill. Scott said it was fair. Iranian Foreign "
        "Minister Javad Zarif called it illegal. Martin Luther King Jr. was quoted. House "
        "General Counsel Douglas Letter argued. National Park Service Director Jonathan "
        "Jarvis agreed, and National Park Director Jarvis said so twice. Oliver Queen "
        "fought on. Oliver returned home. Vice-President Joe Biden spoke last."
    )
    names = {a.name for a in actors_in(text, nlp) if a.kind == "person"}
    expected = {"Rick Scott", "Javad Zarif", "Martin Luther King Jr.", "Douglas Letter"}
    assert expected | {"Jonathan Jarvis", "Oliver Queen", "Joe Biden"} <= names


def test_of_two_spellings_the_one_written_most_often_names_the_person(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Senator Dianne Feinstein spoke first. Dianna Feinstein, as one aide wrote it, "
        "then left. Dianne Feinstein returned at noon. Feinstein said nothing more."
    )
    [person] = [a for a in actors_in(text, nlp) if a.kind == "person"]
    assert person.name == "Dianne Feinstein" and len(person.mentions) == 4


def test_a_short_given_name_is_the_same_person(nlp) -> None:  # type: ignore[no-untyped-def]
    """ "Don McGahn" and "Donald McGahn" were two people in one article (session 44)."""
    text = (
        "The court ordered former White House Counsel Donald McGahn to testify. A lawyer "
        "said former White House Counsel Don McGahn would appeal. McGahn said nothing. "
        "Bill Clinton and Hillary Clinton arrived; William Clinton spoke first."
    )
    actors = actors_in(text, nlp)
    mcgahn = by_name(actors, "Donald McGahn")
    assert len(mcgahn.mentions) == 3
    assert not [a for a in actors if a.name.startswith("Don ")]
    [bill] = [a for a in actors if "Bill Clinton" in mention_texts(a)]
    assert "William Clinton" in mention_texts(bill)  # the fuller form names him
    assert "Hillary Clinton" not in mention_texts(bill)


def test_a_name_written_with_and_without_its_accents_is_one_person(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Foreign Minister Stéphane Dion flew to Beijing on Monday. On Tuesday, Stephane "
        "Dion met Wang Yi. Dion said the talks went well."
    )
    [person] = [a for a in actors_in(text, nlp) if "Dion" in a.name]
    assert person.name == "Stéphane Dion" and len(person.mentions) == 3


def test_a_live_blogs_headings_with_a_time_make_no_actors(nlp) -> None:  # type: ignore[no-untyped-def]
    """ "House Asks Court to Enforce McGahn Subpoena (11:41 a.m.)": the time in brackets
    kept the heading from being read as one, and "Enforce McGahn Subpoena" was a person."""
    text = (
        "House Asks Court to Enforce McGahn Subpoena (11:41 a.m.)\n\n"
        "A lawyer for the committee urged the court to order Donald McGahn to testify.\n\n"
        "Court to Hear Appeal on McGahn Testimony (6 a.m.)\n\n"
        "Judges will hear arguments on Friday. McGahn has refused to appear."
    )
    names = {a.name for a in actors_in(text, nlp)}
    assert "Donald McGahn" in names
    assert not {n for n in names if "Enforce" in n or "Testimony" in n}


def test_which_name_a_surname_joins_does_not_depend_on_the_hash_seed() -> None:
    """ "Barros" (14 mentions) joined "Chilean Bishop Juan Barros" under one hash seed in
    eight and stood apart, as a place, under the others: the shorter names of one
    person were folded into the longer ones in a set's order (session 44)."""
    import os
    import subprocess
    import sys

    code = (
        "from collections import Counter\n"
        "from propscope.components.actors import _Finder\n"
        "keys = {'barro', 'bishop barro', 'bishop juan barro', 'chilean bishop juan barro'}\n"
        "hints = {k: 'person' for k in keys} | {'barro': 'country'}\n"
        "counts = Counter({k: 1 for k in keys} | {'barro': 14})\n"
        "written = {k: {'barros'} for k in keys}\n"
        "print(_Finder.__new__(_Finder)._alias('barro', keys, keys, hints, counts, written))\n"
    )
    joined = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for seed in range(8)
    }
    assert joined == {"chilean bishop juan barro"}


def test_a_given_name_alone_joins_the_person_its_short_form_names(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Nick Sandmann sued the Post. Nick Sandmann said the story was false. Nicholas "
        "Sandmann, a student, spoke. Nicholas and his family suffered."
    )
    [person] = [a for a in actors_in(text, nlp) if a.kind == "person"]
    assert mention_texts(person) == [
        "Nick Sandmann",
        "Nick Sandmann",
        "Nicholas Sandmann",
        "Nicholas",
    ]


def test_a_surname_written_without_its_accent_joins_its_person(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Archbishop Carlo Maria Viganò wrote a letter in August. Viganò said the pope had "
        "known for years. One bishop said the letter speaks to Vigano's integrity."
    )
    [person] = actors_in(text, nlp)
    assert mention_texts(person) == ["Archbishop Carlo Maria Viganò", "Viganò", "Vigano"]


def test_the_average_joe_is_nobody(nlp) -> None:  # type: ignore[no-untyped-def]
    """With short given names joined to full ones, "the average Joe" joined Joseph Shaw."""
    text = (
        "Joseph Shaw wrote the essay. Shaw said the rules could not be expected of the "
        "average Joe or Jane with an ex who has remarried. Joseph Shaw spoke again."
    )
    [person] = actors_in(text, nlp)
    assert mention_texts(person) == ["Joseph Shaw", "Shaw", "Joseph Shaw"]


def test_a_particle_inside_a_name_after_a_title_is_the_names(nlp) -> None:  # type: ignore[no-untyped-def]
    """ "Crown Prince Mohammed bin Salman" kept its title: the lower-case "bin" stopped
    the words after the title from reading as a name."""
    text = (
        "Saudi Crown Prince Mohammed bin Salman met the envoy. Crown Prince Mohammed bin "
        "Salman said little."
    )
    [person] = [a for a in actors_in(text, nlp) if a.kind == "person"]
    assert person.name == "Mohammed bin Salman" and len(person.mentions) == 2


def test_a_platform_is_an_organisation_however_it_is_tagged(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Twitter" (PERSON) was a person of five mentions in a news article (session 46's
    # notes); "YouTube" tagged GPE a place.
    text = (
        "Twitter suspended the account on Monday. Critics said Twitter acted late, and "
        "YouTube removed the videos. Jane Doe said YouTube had waited a week."
    )
    actors = tagged_actors(
        nlp,
        text,
        [
            ("Twitter", "PERSON"),
            ("Twitter", "PERSON"),
            ("YouTube", "GPE"),
            ("Jane Doe", "PERSON"),
            ("YouTube", "GPE"),
        ],
    )
    kinds = {a.name: a.kind for a in actors}
    assert kinds["Twitter"] == "organisation" and kinds["YouTube"] == "organisation"
    assert kinds["Jane Doe"] == "person"


def test_a_partys_side_is_no_place(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Sweden Democrats" (GPE) was a place in three PTC articles, "Florida Democrats"
    # (GPE) in two, and "Democrats" (LOC) in two more. ("in Tampa" is a place only, no
    # actor.)
    text = (
        "The Sweden Democrats won 17 percent. Florida Democrats met in Tampa. "
        "Liberals cheered, and Jane Doe said the Sweden Democrats had lost. "
        "Goldwater, Mr. Conservative, agreed."
    )
    actors = tagged_actors(
        nlp,
        text,
        [
            ("Sweden Democrats", "GPE"),
            ("Florida Democrats", "GPE"),
            ("Jane Doe", "PERSON"),
            ("Sweden Democrats", "GPE"),
            ("Mr. Conservative", "PERSON"),
        ],
    )
    kinds = {a.name: a.kind for a in actors}
    assert kinds["Conservative"] == "person"  # the title left out of the name
    assert kinds["the Sweden Democrats"] == "organisation"
    assert kinds["Florida Democrats"] == "group"
    assert kinds["Jane Doe"] == "person"


def test_a_day_is_nobody(nlp) -> None:  # type: ignore[no-untyped-def]
    # "St. Valentine's Day" (LOC) was a place, "Saviour’s Day" (PERSON) a person and
    # "Armed Forces Day" (ORG) an organisation; "Doris Day" stays a person.
    text = (
        "Louis Farrakhan spoke at Saviour’s Day in Chicago. Doris Day sang. "
        "The parade marks Armed Forces Day, and Valentine's Day is on Sunday. "
        "St. Valentine was a priest."
    )
    actors = tagged_actors(
        nlp,
        text,
        [
            ("Louis Farrakhan", "PERSON"),
            ("Saviour’s Day", "PERSON"),
            ("Doris Day", "PERSON"),
            ("Armed Forces Day", "ORG"),
            ("Valentine", "PERSON"),
            ("St. Valentine", "PERSON"),
        ],
    )
    kinds = {a.name: a.kind for a in actors}
    assert kinds == {
        "Louis Farrakhan": "person",
        "Doris Day": "person",
        "St. Valentine": "person",
    }
    # "Valentine" of "Valentine's Day" is no mention of the saint.
    (saint,) = [a for a in actors if a.name == "St. Valentine"]
    assert [text[m.start : m.end] for m in saint.mentions] == ["St. Valentine"]


def test_a_questions_auxiliary_is_no_part_of_a_name(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Will Marco Rubio" (PERSON) named the actor, and so his statements in a corpus's
    # ranking of sources (session 48's researcher review); "Will Smith" is a name.
    text = (
        "That is the question in Washington: Will Marco Rubio, the former candidate, "
        "renege on his pledge?\n\nWill Smith said the film was good."
    )
    actors = tagged_actors(nlp, text, [("Will Marco Rubio", "PERSON"), ("Will Smith", "PERSON")])
    assert {a.name for a in actors} >= {"Marco Rubio", "Will Smith"}
    assert "Will Marco Rubio" not in {a.name for a in actors}


def test_malay_honorifics_are_titles_and_a_given_name_joins_its_person(nlp) -> None:  # type: ignore[no-untyped-def]
    # A Malaysian article's "Datuk Seri Najib Razak" (PERSON) and "Najib" (ORG, three
    # statements) were two actors, the second an organisation (session 49).
    text = (
        "Former prime minister Datuk Seri Najib Razak appeared in court. Najib said the "
        "timing was suspicious. Tan Sri Dzulkifli Ahmad resigned, and Sri Lanka and "
        "Tan Cheng Lock were named."
    )
    actors = tagged_actors(
        nlp,
        text,
        [
            ("Datuk Seri Najib Razak", "PERSON"),
            ("Najib", "ORG"),
            ("Tan Sri Dzulkifli Ahmad", "PERSON"),
            ("Sri Lanka", "GPE"),
            ("Tan Cheng Lock", "PERSON"),
        ],
    )
    kinds = {a.name: a.kind for a in actors}
    assert kinds["Najib Razak"] == "person"
    assert kinds["Dzulkifli Ahmad"] == "person"
    # Neither word of a two-word honorific is one alone.
    assert "Sri Lanka" in kinds
    assert "Tan Cheng Lock" in kinds
    assert "Najib" not in kinds
    najib = by_name(actors, "Najib Razak")
    assert mention_texts(najib)[:2] == ["Datuk Seri Najib Razak", "Najib"]


def test_regime_change_names_no_regime(nlp) -> None:  # type: ignore[no-untyped-def]
    # "regime change" made a 19-mention "regime" actor, one mention of it "distancing"
    # for the quotation marks around the policy's name (session 49's review).
    text = (
        "Bolton wants regime change in Iran. He pushed a “regime change” policy. The "
        "regime in Tehran is brutal, and the ruling regime jails critics."
    )
    (regime,) = [a for a in find_actors(text, nlp=nlp) if "regime" in a.name]
    assert mention_texts(regime) == ["The regime", "the ruling regime"]
    assert not any(label.distancing for label in regime.labels)


def test_the_first_part_of_a_hyphenated_surname_is_that_person(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Francisco Lopez-Loyola" and "Lopez", the only person of a border report, were two
    # actors (session 49's review).
    text = (
        "Agents arrested Francisco Lopez-Loyola near Nogales. Lopez was wanted in North "
        "Carolina. Jane Smith-Jones spoke, and Smith left. Jean-Pierre Dupont came."
    )
    actors = find_actors(text, nlp=nlp)
    names = {a.name: mention_texts(a) for a in actors}
    assert names["Francisco Lopez-Loyola"] == ["Francisco Lopez-Loyola", "Lopez"]
    assert names["Jane Smith-Jones"] == ["Jane Smith-Jones", "Smith"]
    assert "Lopez" not in names and "Smith" not in names
    assert "Jean" not in names  # a hyphenated given name is no surname


def test_the_labels_of_immigration_articles_are_labels(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Illegal alien wanted for attempted murder ... arrested": an immigration article's
    # labels made no actor and no label, where the jihad vocabulary does (session 49's
    # review). As nouns only: an illegal strike and alien life forms label nobody.
    text = (
        "ICE deported 200 criminal aliens last year. Critics say the illegals were hunted. "
        "An illegal strike and alien life forms worried the union."
    )
    actors = find_actors(text, nlp=nlp)
    labels = {a.name: [label.text for label in a.labels] for a in actors}
    assert labels["200 criminal aliens"] == ["criminal aliens"]
    assert labels["the illegals"] == ["illegals"]
    assert not [name for name in labels if "strike" in name or "life" in name]


def test_illnesses_hashtags_slogans_and_a_gang_of_eight_are_nobody(nlp) -> None:  # type: ignore[no-untyped-def]
    # Session 49's review: "Ebola · place · 8", "LasVegas attack · organisation",
    # "CLOSE OUR SOUTHERN BORDER · organisation · 3", and "Gang" labelled for the "Gang of
    # Eight", a group of senators.
    text = (
        "The Ebola outbreak spread. Ebola killed 20 people, the WHO said. Trump wrote CLOSE "
        "OUR SOUTHERN BORDER, and the #LasVegas attack shocked Nevada. He attacked the "
        "infamous “Gang of Eight” who wrote the bill, and the rebels of Idlib fled."
    )
    names = {a.name for a in find_actors(text, nlp=nlp)}
    assert {"the WHO", "Trump", "Nevada", "the rebels"} <= names
    # Where the recogniser does make actors of them (before actors rules 36: "Ebola",
    # "LasVegas Strong").
    more = (
        "Ebola has killed 20 people in Congo. Health workers fear Ebola will reach Mbandaka, "
        "and Ebola vaccines arrived. Trump tweeted about the #WWIII memes and #LasVegas Strong."
    )
    names |= {a.name for a in find_actors(more, nlp=nlp)}
    assert not [n for n in names if re.search(r"Ebola|BORDER|LasVegas|Gang", n)], names


def test_topics_scriptures_and_interjections_alone_are_nobody(nlp) -> None:  # type: ignore[no-untyped-def]
    # Session 51: "Brexit", "Gospel", "Shariah", "Nah" and "Bitcoin" were persons in the
    # actors of 4, 10, 6, 5 and 3 news and PTC articles.
    texts = [
        "Farage said Brexit would free Britain. Brexit was his life's work, and Brexit won.",
        "The bishop spoke of the universal command of the Gospel. Where the Gospel proclaims "
        "the good news, Francis listened.",
        "Nah, I don't have no problems with it, Smith said.",
        "Her commitment to freedom from jihad and Shariah shines forth in her books.",
        "He bought Bitcoin in 2015. Bitcoin rose, Musk said.",
    ]
    names = {a.name for text in texts for a in find_actors(text, nlp=nlp)}
    assert {"Britain", "Francis", "Smith", "Musk"} <= names
    assert not names & {"Brexit", "Gospel", "Nah", "Shariah", "Bitcoin"}, names


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("A fundraiser launched by comedian Celeste Barber raised $20 million.", "Celeste Barber"),
        (
            "He dresses like Oklahoma City's resident fashionista Russell Westbrook.",
            "Russell Westbrook",
        ),
        ("The commander of Islam, haj Qassem Soleimani, was killed on Friday.", "Qassem Soleimani"),
        (
            "After signing Vinicius Jr and Rodrygo in recent seasons, Real won the league.",
            "Vinicius Jr",
        ),
    ],
)
def test_a_common_word_before_a_name_or_an_and_after_it_is_no_word_of_it(  # type: ignore[no-untyped-def]
    nlp, text: str, name: str
) -> None:
    # The recogniser, or a compound the parser hangs on the name, takes in the word
    # that says what the person is ("comedian", "haj") or the "and" of a list.
    names = [a.name for a in actors_in(text, nlp)]
    assert name in names
    assert not any(n.split()[0].islower() or n.endswith(" and") for n in names)


def test_a_particle_still_opens_a_name(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Mayor Bill de Blasio met al Qaeda's victims. Later, de Blasio said that al Qaeda lost."
    names = [a.name for a in actors_in(text, nlp)]
    assert "Bill de Blasio" in names and any(n.startswith("al Qaeda") for n in names)


def test_a_name_that_takes_a_plural_verb_is_a_body(nlp) -> None:  # type: ignore[no-untyped-def]
    # The recogniser makes persons of clubs and peoples; no one person "are".
    text = (
        "Image: Aston Villa are denied by VAR. Aston Villa have lost three in a row. "
        "John Smith, the coach, is angry, and Smith and Mary Jones are to meet on Friday."
    )
    kinds = {a.name: a.kind for a in actors_in(text, nlp)}
    assert kinds["Aston Villa"] == "organisation"
    assert kinds["John Smith"] == kinds["Mary Jones"] == "person"


def test_a_bare_or_subjunctive_have_makes_no_body(nlp) -> None:  # type: ignore[no-untyped-def]
    # "watching Biden have a meltdown", "ordered that Smith have a lawyer": one person
    # each, whom actors rules 39 made organisations (session 53's reviewer).
    text = (
        "Watching Biden have a meltdown, Sanders laughed. Biden said nothing. The judge "
        "ordered that Smith have a lawyer present. Smith said he was innocent."
    )
    kinds = {a.name: a.kind for a in actors_in(text, nlp)}
    assert kinds["Biden"] == kinds["Smith"] == "person"


def test_a_name_before_based_or_born_is_where_not_who(nlp) -> None:  # type: ignore[no-untyped-def]
    # "a New York-based writer" says where the writer works; "Iran-backed" says what
    # Iran does, and stays a mention of Iran.
    text = (
        "David Marcus is a New York-based writer. An American-born man and Oscar-winning "
        "director James Cameron spoke. Iran-backed militias attacked the embassy."
    )
    names = [a.name for a in actors_in(text, nlp)]
    assert "David Marcus" in names and "James Cameron" in names and "Iran" in names
    assert not {"New York", "American", "Oscar"} & set(names)


def test_invisible_characters_are_no_part_of_a_name_or_a_statement(nlp) -> None:  # type: ignore[no-untyped-def]
    # Zero-width spaces and byte-order marks pasted into pages made "Zamanian.\u200b" one
    # word of a name ("Waheed Zamanian.\u200b \u200b" an actor) and "\u200balso" an
    # unknown word; they split off now, and every offset still indexes the text.
    text = (
        "Colonel Hadi Taremi was \u200balso killed, along with Captain Waheed Zamanian."
        "\u200b \u200b\n\n\ufeffAbu Mahdi al-Muhandis and \u200bMohammad al-Shibani died too."
        "\n\nThe drone has a range of 1,150 miles, according to the US Air Force.\u200b"
    )
    doc = nlp(text)
    assert doc.text == text
    assert [t.text for t in doc if t.text.strip("\u200b\ufeff") == ""] == [
        "\u200b", "\u200b", "\u200b", "\ufeff", "\u200b", "\u200b",
    ]  # fmt: skip
    assert all(t.is_space for t in doc if t.text in {"\u200b", "\ufeff"})
    attributions = find_attributions(text, nlp=nlp)
    names = {a.name for a in find_actors(text, nlp=nlp, attributions=attributions)}
    assert {"Waheed Zamanian", "Abu Mahdi al-Muhandis", "Mohammad al-Shibani"} <= names
    assert not any(c in name for name in names for c in "\u200b\ufeff.")
    # Before a full stop, and inside a name, where the recogniser reads it as a space.
    assert [t.text for t in nlp("The drone\u200b. It flew.")][:4] == ["The", "drone", "\u200b", "."]
    inside = "Qassem \u200bSoleimani and Hadi Taremi were killed."
    assert {a.name for a in find_actors(inside, nlp=nlp)} == {"Qassem Soleimani", "Hadi Taremi"}
    (air_force,) = [a for a in attributions if a.cue is not None and a.cue.text == "according to"]
    assert air_force.content.text == "The drone has a range of 1,150 miles"
    assert text[air_force.content.start : air_force.content.end] == air_force.content.text


def test_a_name_before_based_is_no_mention_where_it_is_named_again(nlp) -> None:  # type: ignore[no-untyped-def]
    # The repeat rule added "Texas" of "Texas-based" back as a mention of Texas, which
    # the article names elsewhere (12 mentions in 10 articles, session 53's reviewer);
    # a headline's "New York-Based" says where as well.
    text = (
        "Texas passed a law on Monday. A Texas-based firm sued Texas on Tuesday. The "
        "New York-Based Group\n\nNew York sued too."
    )
    texas = by_name(actors_in(text, nlp), "Texas")
    assert [text[m.start : m.end + 6] for m in texas.mentions] == ["Texas passe", "Texas on Tu"]
    new_york = by_name(actors_in(text, nlp), "New York")
    assert [text[m.start : m.end + 1] for m in new_york.mentions] == ["New York "]


def test_a_title_and_of_are_no_name(nlp) -> None:  # type: ignore[no-untyped-def]
    # The recogniser tags "the King of" a person; less its title it was the actor "of".
    text = "I am the King of the 2020s."
    assert "of" not in [a.name for a in actors_in(text, nlp)]


# --- session 54's review of 30 news articles ---------------------------------------------


def test_an_outlet_whose_name_ends_in_s_is_media(nlp) -> None:  # type: ignore[no-untyped-def]
    # Keys are singular ("fox new", "reuter"); the list of outlets was not: "Fox News",
    # "CBS News", "Reuters" and "The New York Times" were organisations.
    actors = actors_in(
        "The senator told Fox News that she would vote no. Reuters and The New York Times "
        "said the vote was close.",
        nlp,
    )
    assert [(a.name, a.kind) for a in actors] == [
        ("Fox News", "media"),
        ("Reuters", "media"),
        ("the New York Times", "media"),
    ]


def test_an_outlet_named_only_before_a_noun_is_a_mention(nlp) -> None:  # type: ignore[no-untyped-def]
    actors = actors_in(
        "A Politico reporter asked the governor about the vote. The Grad rockets hit the town.",
        nlp,
    )
    assert [(a.name, a.kind) for a in actors] == [("Politico", "media")]
    # A photo credit's outlet is no mention (before a name, not a common noun).
    credit = actors_in("The mayor spoke on Monday. (Reuters/Kevin Lamarque)", nlp)
    assert "Reuters" not in [a.name for a in credit]


def test_a_name_a_participle_introduces_is_a_mention(nlp) -> None:  # type: ignore[no-untyped-def]
    actors = actors_in(
        "A teenager named Trayvon Martin was shot by George Zimmerman. Martin was unarmed.",
        nlp,
    )
    martin = by_name(actors, "Trayvon Martin")
    assert mention_texts(martin) == ["Trayvon Martin", "Martin"]
    # A name in quotation marks is a label, not a mention; a thing's name is no actor.
    assert actors_in("A movement called “Antifa” marched on Sunday.", nlp) == []
    built = actors_in("Google built a search engine called Project Dragonfly.", nlp)
    assert [a.name for a in built] == ["Google"]


def test_an_organisations_first_word_is_its_short_name(nlp) -> None:  # type: ignore[no-untyped-def]
    labour = actors_in("Voters deserted the Labour Party in 2019. Labour had promised more.", nlp)
    assert [(a.name, len(a.mentions)) for a in labour] == [("the Labour Party", 2)]
    tesla = actors_in("Tesla Motors was fined. Regulators said Tesla ignored the warnings.", nlp)
    assert [(a.name, len(a.mentions)) for a in tesla] == [("Tesla Motors", 2)]


def test_a_programme_is_no_actor(nlp) -> None:  # type: ignore[no-untyped-def]
    actors = actors_in("Senators voted to expand Medicaid and Medicare, the White House said.", nlp)
    assert [a.name for a in actors] == ["the White House"]


def test_a_label_said_of_someone_names_no_one_new(nlp) -> None:  # type: ignore[no-untyped-def]
    # "an extremist" and "an insurgent" were person actors of their own (review, session 54).
    said = actors_in(
        "Critics echo smears about him being an extremist who hates Jews. "
        "Sanders did well as an insurgent.",
        nlp,
    )
    assert "extremist" not in [a.name for a in said]
    assert "insurgent" not in [a.name for a in said]
    assert actors_in("They say I'm an anarchist.", nlp) == []
    # Said of no one the text names: the label is all there is of them (review).
    attacker = actors_in("Police said the attacker was a terrorist who had been to Syria.", nlp)
    assert "terrorist" in [a.name for a in attacker]
    # A label that names the side it labels stays an actor.
    jihadis = actors_in("The Jihadis shelled the town on Monday.", nlp)
    assert [(a.name, a.kind) for a in jihadis] == [("the Jihadis", "group")]


def test_a_label_before_a_hyphen(nlp) -> None:  # type: ignore[no-untyped-def]
    # "gangster-like threats": what they are like, nobody; "gangster" was a person.
    assert actors_in("He tweeted a litany of gangster-like threats.", nlp) == []
    assert actors_in("The militant-turned-informant testified on Monday.", nlp) == []
    led = actors_in("A dictator-led country cannot be trusted, he wrote.", nlp)
    assert [(a.name, a.kind) for a in led] == [("dictator", "person")]
    # "rebel-held Ukraine" names the rebels, a group, not a person called "rebel".
    held = actors_in(
        "She was from Luhansk in rebel-held eastern Ukraine. The rebels denied it.", nlp
    )
    (rebels,) = [a for a in held if a.name != "Luhansk"]
    assert rebels.kind == "group" and mention_texts(rebels) == ["rebel", "The rebels"]


def test_no_one_is_called_the_smith(nlp) -> None:  # type: ignore[no-untyped-def]
    # A paper, a team and a parliament tagged PERSON after "the" were persons.
    actors = actors_in(
        "They plan to sue Gannett, owners of The Enquirer, according to Wood. "
        "Given that the Thunder beat Golden State, the Duma passed the law.",
        nlp,
    )
    kinds = {a.name.removeprefix("the ").removeprefix("The "): a.kind for a in actors}
    assert kinds["Enquirer"] == "media"
    assert kinds["Thunder"] == "organisation" and kinds["Duma"] == "organisation"
    # "the" and the word is a mention of the longer name it joins, and an epithet is a
    # person's.
    enquirer = actors_in(
        "The Cincinnati Enquirer reported it first. The Enquirer said the Prophet forbade it.",
        nlp,
    )
    assert len(by_name(enquirer, "Cincinnati Enquirer").mentions) == 2
    assert by_name(enquirer, "Prophet").kind == "person"
    emir = actors_in("The Emir of Qatar met Trump. The Emir said talks went well.", nlp)
    assert by_name(emir, "Emir").kind == "person"
    # "the" of another noun: the person is still named (review, session 55).
    backed = actors_in("The Putin-backed candidate won the vote.", nlp)
    assert [(a.name, a.kind) for a in backed] == [("Putin", "person")]
    # A plural after "the" is still a family or a team.
    trumps = actors_in("The Trumps arrived in Florida on Friday.", nlp)
    assert [(a.name, a.kind) for a in trumps] == [("the Trumps", "group")]


def test_a_settlements_name_is_a_place(nlp) -> None:  # type: ignore[no-untyped-def]
    actors = actors_in(
        "Qasem Soleimani posed in the rebel-held Syrian town of Dana. "
        "Fighting went on in the provinces of Aleppo, Al-Raqqah and Al-Hasakah.",
        nlp,
    )
    names = [a.name for a in actors]
    assert "Qasem Soleimani" in names
    assert not {"Dana", "Al-Raqqah", "Al-Hasakah"} & set(names)
    # "the fall of" a person is no place.
    fall = actors_in("The fall of Mubarak surprised Washington.", nlp)
    assert "Mubarak" in [a.name for a in fall]


def test_a_name_beside_an_organisations_noun_is_an_organisation(nlp) -> None:  # type: ignore[no-untyped-def]
    # Tagged PERSON; the text says what it is.
    joined = actors_in(
        "Three men left to join the Somali terrorist organization Al-Shabab, prosecutors said.",
        nlp,
    )
    assert [(a.name, a.kind) for a in joined] == [("Al-Shabab", "organisation")]
    leader = actors_in("He met Smith, a group leader, on Monday.", nlp)
    assert [(a.name, a.kind) for a in leader] == [("Smith", "person")]


def test_a_title_with_a_full_stop_before_a_name_is_neither_in_the_name_nor_a_body(nlp) -> None:  # type: ignore[no-untyped-def]
    # spaCy's tokenizer split "Capt.", the recogniser tagged "Binghamton Police Capt" an
    # organisation, and the full stop, tagged a proper noun, opened the person's name
    # (". Jack Collins", news-unlabeled, session 58). "Capt." is one word now, read as
    # "Mr." (`propscope.nlp.TITLE_ABBREVIATIONS`); the test after this one holds the
    # actors' rule for a full stop that still comes so.
    text = (
        "A man was stabbed Saturday after an argument over dinner.\n\n"
        "The victim suffered stab wounds in the assault, which took place at 8 Elm St., "
        "according to Binghamton Police Capt. Jack Collins. The victim remained in "
        "hospital Wednesday, police said.\n\n"
        "Collins said the two men had known each other for a few weeks."
    )
    assert [(a.name, a.kind, mention_texts(a)) for a in actors_in(text, nlp)] == [
        ("Jack Collins", "person", ["Capt. Jack Collins", "Collins"])
    ]


def test_a_full_stop_the_tagger_calls_a_proper_noun_opens_no_name(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Sr." (a nun's title, not kept whole: it also ends "John Smith Sr.") is split, and
    # its full stop, tagged a proper noun in a name's compounds, opened "Sr. Enrica
    # Rosanna" (the PTC, session 58), as "#" did "# Grep" on news.
    text = (
        "The order was founded in Turin.\n\nThe superior, Sr. Enrica Rosanna, said the "
        "sisters would stay. Sr. Enrica later wrote to the bishop."
    )
    assert [a.name for a in actors_in(text, nlp)] == ["Enrica Rosanna"]


def test_a_name_after_a_titles_abbreviation_is_a_persons(nlp) -> None:  # type: ignore[no-untyped-def]
    # The PTC breaks lines after "Fr."; the recogniser tagged the name on the next line an
    # organisation and the one later a person, and the tie made him a body (session 59).
    text = (
        "In 2015, the monasteries received a questionnaire from the Father General Fr.\n"
        "Saverio Cannistra, a Mexican, to ask if they wanted a commission of nuns.\n"
        "This suggestion was rejected.\n"
        "The push is still on under the current General, an Italian, Saverio Cannistrà."
    )
    kinds = {a.name: a.kind for a in actors_in(text, nlp)}
    assert kinds.get("Saverio Cannistra") == "person"


def test_a_name_listed_after_places_is_a_place(nlp) -> None:  # type: ignore[no-untyped-def]
    # The recogniser tagged "Mogo" and "Yatte Yattah" persons (news-unlabeled, session 59).
    text = (
        "Police have now confirmed deaths at Lake Conjola, Yatte Yattah, Sussex Inlet and "
        "Coolagolite.\n\n"
        "Our family home was lost in Batemans Bay and Mogo.\n\n"
        "The communities of Cobargo, Quaama and Mogo are cut off, Jane Smith said."
    )
    kinds = {a.name: a.kind for a in actors_in(text, nlp)}
    assert "Yatte Yattah" not in kinds and "Sussex Inlet" not in kinds
    assert kinds.get("Mogo", "place") == "place"
    assert kinds.get("Jane Smith") == "person"


def test_a_title_after_titled_is_a_work_not_an_actor(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "In 2018, Shea admitted to distributing the violent screed titled “Biblical Basis "
        "for War,” the Freedom From Religion Foundation said."
    )
    assert "Biblical Basis for War" not in [a.name for a in actors_in(text, nlp)]


def test_common_words_opening_a_caption_after_a_gallerys_furniture_are_no_name(nlp) -> None:  # type: ignore[no-untyped-def]
    # The recogniser tagged "People cross" an organisation and "Concertgoers" a place
    # (CNN's gallery in the PTC, session 59).
    text = (
        "Hide Caption 1 of 30 Photos: Mass shooting at Las Vegas music festival People "
        "cross a street near the Las Vegas Strip. Hide Caption 2 of 30 Photos: Mass "
        "shooting at Las Vegas music festival Concertgoers dive over a fence to take cover.\n"
        "People fled, and concertgoers hid. Sheriff Joe Lombardo said the gunman was dead."
    )
    names = [a.name for a in actors_in(text, nlp)]
    assert "People cross" not in names and "Concertgoers" not in names
    assert "Joe Lombardo" in names


def test_a_storms_name_is_nobody(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Hurricanes Irma" and "Maria" were two places (the PTC, session 59).
    text = (
        "Even before Hurricanes Irma and Maria hit the territories, the islands were poor. "
        "Hurricane Maria killed 3,000. Maria Lopez, a nurse, said she stayed."
    )
    assert [(a.name, a.kind) for a in actors_in(text, nlp)] == [("Maria Lopez", "person")]


def test_countries_listed_together_stay_countries(nlp) -> None:  # type: ignore[no-untyped-def]
    # Actors rules 53 first made every name listed after a place a place, countries too
    # (session 59's review on the PTC).
    text = "Britain, France and Germany signed the deal, the minister said."
    kinds = {a.name: a.kind for a in actors_in(text, nlp)}
    assert kinds.get("France") == "country" and kinds.get("Germany") == "country"


def test_a_person_listed_after_a_place_stays_a_person(nlp) -> None:  # type: ignore[no-untyped-def]
    # Actors rules 53 first made a place of a person listed after one (session 59's
    # review on the PTC; 56 first took "Storm Lake", a town in Iowa, for a storm).
    text = (
        "Associated Press writers Ken Ritter in Las Vegas and Anita Snow in Phoenix "
        "contributed to this report."
    )
    names = {a.name: a.kind for a in actors_in(text, nlp)}
    assert names.get("Anita Snow") == "person"


def test_a_presidents_white_house_is_no_person_and_keeps_his_name_apart(nlp) -> None:  # type: ignore[no-untyped-def]
    # "The Obama White House" (PERSON) took Obama's three mentions as its given name's
    # (news, session 60).
    text = (
        "The Obama White House blamed a video. Obama defended the war, and Obama "
        "demonstrated that his threats were empty."
    )
    actors = {re.sub(r"^[Tt]he ", "", a.name): a for a in actors_in(text, nlp)}
    assert actors["Obama White House"].kind == "organisation"
    assert actors["Obama"].kind == "person" and len(actors["Obama"].mentions) == 2


def test_a_word_joined_to_an_adjective_is_no_name(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Hilarious" (PERSON, a proper noun to the tagger in its article) was a person.
    text = (
        "I stumbled onto this show by accident, online.\n\n\n\nThe pilot got me "
        "interested, the next episode got me excited, and as I just watched the 3rd "
        "episode, it had me bawling with laughter.\n\n\n\nThe final scene, they ask the "
        'neighbour at the door "are you hungry?", having caught him in the kitchen.... and '
        'his reply is "no, but this cake tastes really good".\n\n\n\nHilarious and '
        "refreshingly irreverent!\n\n\n\nTom Hanks and Rita Wilson watched it."
    )
    names = [a.name for a in actors_in(text, nlp)]
    assert "Hilarious" not in names and "Tom Hanks" in names


def test_more_outlets_are_media(nlp) -> None:  # type: ignore[no-untyped-def]
    # "MailOnline" was an organisation (the PTC, session 60).
    text = "Professor John McFadden told MailOnline that the plague would spread."
    kinds = {a.name: a.kind for a in actors_in(text, nlp)}
    assert kinds["MailOnline"] == "media"


def test_a_title_and_one_surname_tagged_a_body_are_a_person(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Archbishop Myers", "Bishop Hubbard" and "Sheriff Lombardo" were organisations
    # (the PTC, session 62).
    text = (
        "I had read an allegation in a 2005 lawsuit against Archbishop Myers, Cardinal "
        "Eagan, Bishop Hubbard and the Irish Christian Brothers. They would have posed "
        "questions of Sheriff Lombardo. Lombardo said the guard was shot at 9:59 p.m."
    )
    kinds = {a.name: a.kind for a in actors_in(text, nlp)}
    assert kinds["Myers"] == kinds["Hubbard"] == kinds["Lombardo"] == "person"


def test_a_headlines_verb_is_no_word_of_the_name_before_it(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Louis Farrakhan Refers" and "Donald Trump Proposes" were persons of their own
    # (the PTC, session 62).
    text = (
        'President Donald Trump Proposes "Simple Immigration Plan": Illegals Have To Go\n\n'
        "President Donald Trump spoke on Monday. Trump said the laws are obsolete.\n"
        'Louis Farrakhan Refers to the U.S. as "Great Satan" during a Tehran University '
        "Speech\nLouis Farrakhan spoke in Tehran.\n"
    )
    names = {a.name for a in actors_in(text, nlp)}
    assert {"Donald Trump", "Louis Farrakhan"} <= names
    assert not {n for n in names if n.endswith(("Proposes", "Refers"))}


def test_names_the_recogniser_ran_together_part_at_a_semicolon(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Broadcom; Cavium, Inc." was one organisation (news, session 63).
    text = (
        "There are now multiple participating organizations, including Barefoot Networks; "
        "Broadcom; Cavium, Inc.; Extreme Networks; Hewlett Packard Enterprise; LinkedIn; "
        "Mellanox; and SnapRoute."
    )
    names = {a.name for a in actors_in(text, nlp)}
    assert {"Broadcom", "Cavium, Inc."} <= names
    assert not [n for n in names if ";" in n]


def test_a_currency_is_nobody(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Euros" was a person met twice (the PTC, session 63).
    text = (
        "Senate Republicans accused the administration of trying to convert billions of "
        "dollars in assets into Euros. Iran wanted to convert them into Euros."
    )
    assert "Euros" not in {a.name for a in actors_in(text, nlp)}


def test_a_description_resolved_to_a_name_counts_among_its_sources(nlp) -> None:  # type: ignore[no-untyped-def]
    # "the economist added" was nobody's actor (news, session 63).
    from propscope.components.attribution import find_attributions

    text = (
        '"The harbour will close in the spring," said Mushroom Kingdom economist Toad.\n\n'
        '"Everyone is affected by this decision," the economist added.\n'
    )
    statements = find_attributions(text, nlp=nlp, unattributed=False)
    toad = next(a for a in find_actors(text, nlp=nlp, attributions=statements) if a.name == "Toad")
    assert sorted(statements[i].cue.text for i in toad.sources or ()) == ["added", "said"]  # type: ignore[union-attr]


def test_two_names_the_recogniser_ran_together_part_at_a_comma(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Eizenkot, Zakkout" and "Facebook, Zakkout" (ORG) made "Zakkout" a name three
    # longer ones end with, and it joined none: 27 mentions of a place (the PTC,
    # session 63).
    text = (
        "Sofian Zakkout is the President of AMANA. Zakkout posted a video. Above the picture "
        "of Eizenkot, Zakkout wrote in Arabic. On Facebook, Zakkout wrote more. Zakkout "
        "posted again."
    )
    names = {a.name for a in actors_in(text, nlp)}
    assert not [n for n in names if "," in n]
    # A list with "and" is one name, and a company's suffix stays its own.
    text = "The book was published by Farrar, Straus and Giroux. Cavium, Inc. makes chips."
    names = {a.name for a in actors_in(text, nlp)}
    assert not [n for n in names if n in {"Farrar", "Straus", "Inc."}]


def test_two_letters_after_a_hyphen_are_no_surname(nlp) -> None:  # type: ignore[no-untyped-def]
    # "the UN" and "UN" were mentions of Kim Jong-un (the PTC, session 63).
    text = (
        "North Korea's Kim Jong-un met Trump. In 2005, Bolton served as ambassador to the UN. "
        "The UN was not pleased with Kim Jong-un."
    )
    kim = next(a for a in actors_in(text, nlp) if a.name == "Kim Jong-un")
    assert "UN" not in {m.text.removeprefix("the ") for m in kim.mentions}


def test_a_name_said_to_be_a_made_thing_is_no_person(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Open Switch" was a person met ten times (news, session 63).
    text = (
        "A few short years ago, the Linux Foundation had no networking projects. Now it has "
        "six, with the addition of the Open Switch project this week.\n\n"
        "Open Switch is a complete network operating system with the Open vSwitch virtual "
        "switch at its core. The Open Switch effort originally got its start in October 2015 "
        "as a Hewlett Packard (HP) led effort.\n\n"
        "Rather than relying on an existing Linux distribution as the core, Open Switch is "
        "built from scratch from upstream kernel sources.\n"
    )
    kinds = {a.name: a.kind for a in actors_in(text, nlp)}
    assert kinds["Open Switch"] == "organisation"
    # A person said to be something stays one.
    text = "Donald Trump is a product of the system. Trump is a businessman."
    assert {a.name: a.kind for a in actors_in(text, nlp)}["Donald Trump"] == "person"


def test_a_part_of_a_run_together_name_takes_the_label_it_has_elsewhere(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Campos, Paddock" (ORG) of "Once he saw Campos, Paddock reportedly fired ...": its
    # "Paddock" made the gunman an organisation, where he was a person three times (the
    # PTC, session 63, the comma's first form).
    from spacy.tokens import Span

    from propscope.components.actors import actors_from_doc

    text = "Once he saw Campos, Paddock fired. Paddock left."
    doc = nlp(text)
    words = [t.text for t in doc]
    at = [i for i, w in enumerate(words) if w == "Paddock"]
    campos = words.index("Campos")
    doc.ents = [
        Span(doc, campos, at[0] + 1, label="ORG"),
        Span(doc, at[1], at[1] + 1, label="PERSON"),
    ]
    kinds = {a.name: a.kind for a in actors_from_doc(doc)}
    assert kinds["Paddock"] == "person"


def test_a_company_suffix_alone_is_nobody(nlp) -> None:  # type: ignore[no-untyped-def]
    # "LLC" of "Distributed by Tribune Content Agency, LLC." (ORG, nine PTC articles) and
    # "LTD" of a letter's "SQUARE ENIX HOLDINGS CO., LTD." were organisations; "AI" of "In
    # the case of AI in particular" a place (news, session 65).
    text = (
        "In the case of AI in particular, we will be undertaking a wide range of initiatives.\n\n"
        "SQUARE ENIX HOLDINGS CO., LTD.\n\n"
        "Distributed by Tribune Content Agency, LLC.\n"
    )
    names = {a.name for a in actors_in(text, nlp)}
    assert "Tribune Content Agency" in names
    assert not names & {"LLC", "LTD", "AI"}


def test_two_names_joined_by_a_slash_are_apart(nlp) -> None:  # type: ignore[no-untyped-def]
    # "Bergoglio/Francis" (ORG) took Pope Francis's 20 mentions and made him an
    # organisation (the PTC, session 65); each part is a PERSON elsewhere.
    from spacy.tokens import Span

    from propscope.components.actors import actors_from_doc

    text = "Francis left. Bergoglio was in Rome. The record of Bergoglio/Francis is long."
    doc = nlp(text)
    words = [t.text for t in doc]
    francis = [i for i, w in enumerate(words) if w == "Francis"]
    bergoglio = [i for i, w in enumerate(words) if w == "Bergoglio"]
    doc.ents = [
        Span(doc, francis[0], francis[0] + 1, label="PERSON"),
        Span(doc, bergoglio[0], bergoglio[0] + 1, label="PERSON"),
        Span(doc, bergoglio[1], francis[1] + 1, label="ORG"),
    ]
    kinds = {a.name: a.kind for a in actors_from_doc(doc)}
    assert kinds.get("Francis") == "person"
    assert kinds.get("Bergoglio") == "person"
    # A name written with a slash whose parts are no names elsewhere stays whole.
    doc = nlp("The band AC/DC played.")
    ac = next(t.i for t in doc if t.text.startswith("AC"))
    doc.ents = [Span(doc, ac, ac + 3 if doc[ac + 1].text == "/" else ac + 1, label="ORG")]
    assert [a.name for a in actors_from_doc(doc)] == [doc.ents[0].text]
