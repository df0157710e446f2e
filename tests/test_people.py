"""People the entity recogniser tags as something else (`propscope.components.people`).

The rule tests build their parses by hand, so they hold whatever the model tags; the
last tests run the shipped English pipeline on sentences it mistags."""

from __future__ import annotations

import pytest

from propscope.components.actors import find_actors
from propscope.components.attribution import find_attributions
from propscope.components.people import people_tagged_otherwise

spacy = pytest.importorskip("spacy")
from spacy.tokens import Doc, Span  # noqa: E402

VOCAB = spacy.blank("en").vocab  # English lexical attributes: lower case, title case

# (word, part of speech, dependency, head index, lemma) for each token.
Row = tuple[str, str, str, int, str]


def parse(rows: list[Row], ents: list[tuple[int, int, str]]) -> Doc:
    doc = Doc(
        VOCAB,
        words=[r[0] for r in rows],
        pos=[r[1] for r in rows],
        deps=[r[2] for r in rows],
        heads=[r[3] for r in rows],
        lemmas=[r[4] for r in rows],
        tags=["VBP" if r[0] in {"have", "are"} else "VBZ" if r[0] == "has" else "" for r in rows],
    )
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
    return doc


def names(doc: Doc) -> list[str]:
    return [e.text for e in people_tagged_otherwise(doc)]


def said_she(first: str, last: str, pronoun: str) -> Doc:
    return parse(
        [
            (first, "PROPN", "compound", 1, first),
            (last, "PROPN", "nsubj", 2, last),
            ("said", "VERB", "ROOT", 2, "say"),
            (pronoun, "PRON", "nsubjpass", 5, pronoun),
            ("was", "AUX", "auxpass", 5, "be"),
            ("harassed", "VERB", "ccomp", 2, "harass"),
            (".", "PUNCT", "punct", 2, "."),
        ],
        [(0, 2, "ORG")],
    )


def test_a_name_that_says_she_is_a_person() -> None:
    assert names(said_she("Marta", "Quinones", "she")) == ["Marta Quinones"]
    # "it" says nothing of a person; an organisation's word says it is none.
    assert names(said_she("Marta", "Quinones", "it")) == []
    assert names(said_she("Bristow", "Police", "he")) == []


def who_follows(first: str, last: str, aux: str) -> Doc:
    return parse(
        [
            (first, "PROPN", "compound", 1, first),
            (last, "PROPN", "nsubj", 7, last),
            (",", "PUNCT", "punct", 1, ","),
            ("who", "PRON", "nsubj", 5, "who"),
            (aux, "AUX", "aux", 5, "have"),
            ("served", "VERB", "relcl", 1, "serve"),
            (",", "PUNCT", "punct", 1, ","),
            ("spoke", "VERB", "ROOT", 7, "speak"),
            (".", "PUNCT", "punct", 7, "."),
        ],
        [(0, 2, "ORG")],
    )


def test_a_name_with_a_singular_who_is_a_person() -> None:
    assert names(who_follows("Amina", "Warfa", "has")) == ["Amina Warfa"]
    # "Sheffield United, who have won ...": a team.
    assert names(who_follows("Sheffield", "United", "have")) == []


def broke(possessive: str) -> Doc:
    return parse(
        [
            ("Marta", "PROPN", "compound", 1, "Marta"),
            ("Quinones", "PROPN", "nsubj", 2, "Quinones"),
            ("broke", "VERB", "ROOT", 2, "break"),
            (possessive, "PRON", "poss", 4, possessive),
            ("record", "NOUN", "dobj", 2, "record"),
            (".", "PUNCT", "punct", 2, "."),
        ],
        [(0, 2, "ORG")],
    )


def test_a_name_that_does_something_to_her_own_is_a_person() -> None:
    assert names(broke("her")) == ["Marta Quinones"]
    assert names(broke("its")) == []


def titled(title: str, surname: str) -> Doc:
    return parse(
        [
            ("Qassim", "PROPN", "compound", 1, "Qassim"),
            ("Suleimani", "PROPN", "nsubj", 2, "Suleimani"),
            ("spoke", "VERB", "ROOT", 2, "speak"),
            (".", "PUNCT", "punct", 2, "."),
            (title, "PROPN", "compound", 5, title),
            (surname, "PROPN", "nsubj", 6, surname),
            ("won", "VERB", "ROOT", 6, "win"),
            (".", "PUNCT", "punct", 6, "."),
        ],
        [(0, 2, "PERSON"), (4, 6, "ORG")],
    )


def test_a_title_and_a_persons_surname_is_that_person() -> None:
    assert names(titled("General", "Suleimani")) == ["General Suleimani"]
    assert names(titled("General", "Electric")) == []  # a company
    assert names(titled("Cheap", "Suleimani")) == []  # no title


def alone(word: str, full: list[str], label: str = "ORG") -> Doc:
    """'<full name> spoke. <word> won.' with the full name tagged PERSON and the word
    `label`."""
    rows: list[Row] = [(w, "PROPN", "compound", len(full) - 1, w) for w in full[:-1]]
    rows += [
        (full[-1], "PROPN", "nsubj", len(full), full[-1]),
        ("spoke", "VERB", "ROOT", len(full), "speak"),
        (".", "PUNCT", "punct", len(full), "."),
    ]
    n = len(rows)
    rows += [
        (word, "PROPN", "nsubj", n + 1, word),
        ("won", "VERB", "ROOT", n + 1, "win"),
        (".", "PUNCT", "punct", n + 1, "."),
    ]
    return parse(rows, [(0, len(full), "PERSON"), (n, n + 1, label)])


def test_a_given_name_or_surname_alone_tagged_an_organisation_is_that_person() -> None:
    # "Najib" (ORG) beside "Datuk Seri Najib Razak" (PERSON), session 49: after the
    # person's titles, Malay honorifics of two words included.
    assert names(alone("Najib", ["Datuk", "Seri", "Najib", "Razak"])) == ["Najib"]
    assert names(alone("Razak", ["Datuk", "Seri", "Najib", "Razak"])) == ["Razak"]
    assert names(alone("Ford", ["Christine", "Blasey", "Ford"])) == ["Ford"]
    assert names(alone("Seri", ["Datuk", "Seri", "Najib", "Razak"])) == []  # a title's word
    assert names(alone("Boeing", ["Christine", "Blasey", "Ford"])) == []  # no name of hers
    # A body's word that ends a PERSON the recogniser got wrong ("Disobediant Media").
    assert names(alone("Media", ["Disobediant", "Media"])) == []
    # A place is left as tagged: "Washington" beside "George Washington".
    assert names(alone("Washington", ["George", "Washington"], "GPE")) == []


def aged_one_word(age: str, noun: str) -> Doc:
    """'Traci, a <age>-year-old <noun>, saw it. Traci won.' with "Traci" tagged ORG
    both times."""
    return parse(
        [
            ("Traci", "PROPN", "nsubj", 10, "Traci"),
            (",", "PUNCT", "punct", 0, ","),
            ("a", "DET", "det", 8, "a"),
            (age, "NUM", "nummod", 4, age),
            ("-", "PUNCT", "punct", 4, "-"),
            ("year", "NOUN", "npadvmod", 6, "year"),
            ("-", "PUNCT", "punct", 6, "-"),
            ("old", "ADJ", "amod", 8, "old"),
            (noun, "NOUN", "appos", 0, noun),
            (",", "PUNCT", "punct", 0, ","),
            ("saw", "VERB", "ROOT", 10, "see"),
            ("it", "PRON", "dobj", 10, "it"),
            (".", "PUNCT", "punct", 10, "."),
            ("Traci", "PROPN", "nsubj", 14, "Traci"),
            ("won", "VERB", "ROOT", 14, "win"),
            (".", "PUNCT", "punct", 14, "."),
        ],
        [(0, 1, "ORG"), (13, 14, "ORG")],
    )


def test_a_one_word_name_with_an_age_after_it_is_a_person_wherever_it_stands() -> None:
    # "Traci, a 28-year-old real estate agent living in rural Louisiana" (news, session
    # 61): every "Traci" is ORG to the recogniser, and no "she" stood for her.
    assert names(aged_one_word("28", "agent")) == ["Traci", "Traci"]
    assert names(aged_one_word("500", "firm")) == []  # no one's age


def titled_then_alone(title: str, word: str) -> Doc:
    """'<title> <word> spoke. <word> won.' with the first "<word>" tagged PERSON (the
    title outside it) and the second ORG."""
    return parse(
        [
            (title, "PROPN", "compound", 1, title),
            (word, "PROPN", "nsubj", 2, word),
            ("spoke", "VERB", "ROOT", 2, "speak"),
            (".", "PUNCT", "punct", 2, "."),
            (word, "PROPN", "nsubj", 5, word),
            ("won", "VERB", "ROOT", 5, "win"),
            (".", "PUNCT", "punct", 5, "."),
        ],
        [(1, 2, "PERSON"), (4, 5, "ORG")],
    )


def test_a_one_word_name_a_title_stood_before_once_is_a_person_wherever_it_stands() -> None:
    # "President Trump" (PERSON ten times), then "Trump" tagged ORG eighteen times in the
    # same article: "Trump · organisation" made five statements (the PTC, session 65).
    assert names(titled_then_alone("President", "Trump")) == ["Trump"]
    assert names(titled_then_alone("Mr.", "Trump")) == ["Trump"]
    assert names(titled_then_alone("The", "Trump")) == []  # no title
    # A guard: "vote for president Gallup, May 18-22" (a chart's caption) made Gallup a
    # person in its first form; a title is capitalised.
    assert names(titled_then_alone("president", "Gallup")) == []


# --- on the shipped English pipeline -------------------------------------------------------


TEXT = (
    "Marta Quinones said she was stopped by a guard at the harbour.\n\n"
    "“I was feeding my son,” Quinones said."
)


def test_the_source_is_a_person_wherever_the_model_tags_her_an_organisation(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(TEXT)
    assert {e.label_ for e in doc.ents if "Quinones" in e.text} == {"ORG"}  # the mistake
    found = find_attributions(TEXT, nlp=nlp, unattributed=False)
    kinds = {(a.source.text if a.source else None, a.source_kind) for a in found}
    assert ("Quinones", "person") in kinds
    assert all(kind == "person" for source, kind in kinds if source and "Quinones" in source)


def test_the_actor_is_a_person_and_one(nlp) -> None:  # type: ignore[no-untyped-def]
    actors = {a.name: a for a in find_actors(TEXT, nlp=nlp)}
    assert actors["Marta Quinones"].kind == "person"
    assert len(actors["Marta Quinones"].mentions) == 2
