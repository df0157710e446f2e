"""People the entity recogniser tags as something else.

spaCy's small English model tags "Kristie Quinones", "Sadik Warfa" and "General
Suleimani" as organisations, and a source, an actor or a pronoun's candidate then goes
with the tag. A reader knows them for people from the words around them, and so do
these rules (`people_tagged_otherwise`), which the attribution, pronoun and actor rules
read alike.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from propscope.components.attribution_lexicon import (
    COMPANY_WORDS,
    CUE_VERBS,
    MEDIA_NOUNS,
    ORG_NOUNS,
    OUTLET_NOUNS,
    PERSON_AFTER_THE,
    QUESTION_AUXILIARIES,
    SPEECH_VERBS,
    TITLES,
    VAGUE_HEADS,
    title_words,
)
from propscope.first_names import name_gender, unaccented

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["aged", "people_tagged_otherwise", "question_auxiliary", "the_name_kind"]

# The labels a person's name is mistaken for.
_OTHER_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "WORK_OF_ART", "EVENT"})
_HE_OR_SHE = frozenset({"he", "she"})
_HIS_OR_HER = frozenset({"his", "her"})


def people_tagged_otherwise(doc: Doc) -> list[Span]:
    """The entities tagged other than PERSON that the article shows are people, in text
    order:
    - a title and the surname of a person named in the article ("General Suleimani"
      beside "Qassim Suleimani"; not "General Electric");
    - a name of two or more capitalised words that a comma and "who" follow, the
      subject of a singular relative clause ("Sadik Warfa, who has served as ...";
      not "Sheffield United, who have won ...");
    - such a name that an age between commas follows ("Narelle Coady, 54, took refuge");
    - such a name as the subject of a verb of saying whose reported clause has "he" or
      "she" for its subject ("Kristie Quinones said she was harassed");
    - such a name as the subject of a verb whose object is his or her own ("Yoenis
      Cespedes fractured his right ankle", "... told her story");
    - one word tagged an organisation that is the surname of a person the article
      names in full, or the given name after a title or one listed as a given name
      ("Najib" and "Rosmah" beside "Datuk Seri Najib Razak" and "Datin Seri Rosmah
      Mansor"; "Ford" beside "Christine Blasey Ford"), or one that an age follows
      once ("Traci, a 28-year-old real estate agent"), or one tagged a person after a
      capitalised title once ("President Trump", then "Trump" tagged ORG; not "vote for
      president Gallup"), unless it is a body's word
      ("Media" of the recogniser's PERSON "Disobediant Media").
    A name holding an organisation's or a group's word ("Bristow Police said he ...")
    is none of them."""
    full_names = [ent for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1]
    surnames = {ent[-1].text for ent in full_names if ent[-1].is_title}
    # Alone, a surname of two letters at least ("Model S" names no one "S"), and a given
    # name after a title ("Datuk Seri Najib Razak") or one listed as a given name: the
    # recogniser's PERSON "Northrop Grumman" or "Reds Caravan" gives no "Northrop".
    lone_names = {name for name in surnames if len(name) > 1}
    for ent in full_names:
        first = _given_name(ent)
        if first is not None and (first.i > ent.start or name_gender(first.text)):
            lone_names.add(first.text)
    # A one-word PERSON after a title, wherever else it stands: "President Trump" (the
    # title outside the name), then "Trump" tagged ORG eighteen times in the same article.
    lone_names.update(
        ent[0].text
        for ent in doc.ents
        if len(ent) == 1
        and ent.label_ == "PERSON"
        and ent[0].is_title
        and ent.start > 0
        and doc[ent.start - 1].text[:1].isupper()  # not "vote for president Gallup"
        and doc[ent.start - 1].lower_.rstrip(".") in TITLES
    )
    # A one-word name with an age after it, wherever else it stands: "Traci, a
    # 28-year-old real estate agent" (ORG), then "Traci was killing it" (ORG).
    lone_names.update(
        ent[0].text for ent in doc.ents if len(ent) == 1 and ent.label_ == "ORG" and aged(doc, ent)
    )
    out = []
    for ent in doc.ents:
        if ent.label_ not in _OTHER_LABELS:
            continue
        if len(ent) == 1:
            name = ent[0]
            if (
                ent.label_ == "ORG"
                and name.pos_ == "PROPN"
                and name.is_title
                and name.text in lone_names
                # "Media" of the recogniser's PERSON "Disobediant Media" is no one
                and name.lower_ not in ORG_NOUNS | VAGUE_HEADS | MEDIA_NOUNS | COMPANY_WORDS
            ):
                out.append(ent)
            continue
        words = [t for t in ent if t.lower_ not in {"the", "'s", "’s"}]  # "Bishop Laun's"
        if len(words) < 2 or not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in words):
            continue
        if any(t.lower_ in ORG_NOUNS or t.lower_ in VAGUE_HEADS for t in words):
            continue
        if (
            _titled_surname(words, surnames)
            or _who_follows(doc, ent)
            or aged(doc, ent)
            or _says_he(ent.root)
            or _does_to_his(ent.root)
        ):
            out.append(ent)
    return out


def a_presidents_staff(name: str) -> bool:
    """Whether a name the recogniser tags PERSON is a president's staff, an institution:
    "The Obama White House subsequently blamed ..." (lower case or not, "the" or not).
    For the actors and the sources alike."""
    return name.lower().endswith(" white house")


def the_name_kind(word: Token) -> str | None:
    """The kind of one word tagged a person's name that "the" stands before: no one is
    called "the Smith", so "The Gazette" is media and "the Duma" an organisation. None
    where it is a person's after all: an epithet or a title ("the Emir", "the Prophet"),
    or a name before a hyphen, where "the" is another noun's ("the Putin-backed
    candidate"). For the actors and the sources alike; each layer checks the rest (one
    word, "the" before it, no plural)."""
    if word.doc.text.startswith("-", word.idx + len(word.text)):
        return None
    if unaccented(word.lower_).rstrip(".") in PERSON_AFTER_THE:
        return None
    return "media" if word.lower_ in OUTLET_NOUNS else "organisation"


def question_auxiliary(token: Token, sentence: Span | None = None) -> bool:
    """Whether `token` is the auxiliary of a question put before its subject, which a
    parse or the recogniser takes into the name: "Will" of "... Washington: Will Marco
    Rubio ... renege on his pledge?"; not "Will Smith said". It opens its sentence
    (`sentence`, else `token.sent`, read only for such a token), or the clause a colon
    introduces, and the sentence asks."""
    if token.pos_ != "AUX" or token.text not in QUESTION_AUXILIARIES:
        return False
    if not (token.is_sent_start or (token.i > 0 and token.doc[token.i - 1].text == ":")):
        return False
    asked = token.sent if sentence is None else sentence
    return asked.text.rstrip().rstrip("”\"’'").endswith("?")


def _given_name(ent: Span) -> Token | None:
    """The given name of a person's full name, after its titles ("Najib" of "Datuk Seri
    Najib Razak"), where a surname follows it."""
    words = [t.lower_.rstrip(".") for t in ent]
    n = 0
    while n < len(words) - 1 and (step := title_words(words[n : n + 2])):
        n += step
    return ent[n] if n < len(ent) - 1 and ent[n].is_title else None


def _titled_surname(words: list[Token], surnames: set[str]) -> bool:
    return words[0].lower_.rstrip(".") in TITLES and words[-1].text in surnames


def _who_follows(doc: Doc, ent: Span) -> bool:
    if ent.end + 1 >= len(doc) or doc[ent.end].text != ",":
        return False
    who = doc[ent.end + 1]
    if who.lower_ != "who" or who.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    verb = who.head
    if verb.dep_ != "relcl" or verb.head.i not in range(ent.start, ent.end):
        return False
    # "who have won": a plural verb speaks of a team or a people.
    return not any(t.tag_ == "VBP" for t in (verb, *verb.children) if t.dep_ in {"aux", "relcl"})


def aged(doc: Doc, ent: Span) -> bool:
    """Whether an age stands between commas after the name, or ends its sentence, or
    opens its apposition: "Narelle Coady, 54, took refuge ...", "... said Brett Tolliver,
    27.", "Traci, a 28-year-old real estate agent, ..."."""
    if ent.end + 2 >= len(doc) or doc[ent.end].text != ",":
        return False
    age, comma = doc[ent.end + 1], doc[ent.end + 2]
    if age.lower_ in {"a", "an"}:
        words = [t.lower_ for t in doc[ent.end + 2 : ent.end + 7]]
        return (
            len(words) == 5
            and words[0].isdigit()
            and 0 < int(words[0]) < 120
            and words[1:] == ["-", "year", "-", "old"]
        )
    return age.text.isdigit() and 0 < int(age.text) < 120 and comma.text in {",", "."}


def _says_he(root: Token) -> bool:
    if root.dep_ != "nsubj":
        return False
    verb = root.head
    if verb.lemma_.lower() not in SPEECH_VERBS | CUE_VERBS:
        return False
    return any(
        c.dep_ == "ccomp"
        and any(s.dep_ in {"nsubj", "nsubjpass"} and s.lower_ in _HE_OR_SHE for s in c.children)
        for c in verb.children
    )


def _does_to_his(root: Token) -> bool:
    """ "Yoenis Cespedes fractured his right ankle": the subject of a verb whose object
    is his or her own."""
    if root.dep_ != "nsubj":
        return False
    objects = [c for c in root.head.children if c.dep_ == "dobj"]
    objects += [
        o for c in root.head.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"
    ]
    return any(
        any(d.dep_ == "poss" and d.lower_ in _HIS_OR_HER for d in o.children) for o in objects
    )
