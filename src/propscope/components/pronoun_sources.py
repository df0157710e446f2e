"""Whom a pronoun source stands for: "“...,” he said" after "Mike Mills told reporters".

The attribution rules mark a source that is only a pronoun (he, she, they, it, who ...)
as kind "pronoun", following PolNeAR, whose source span is the pronoun itself. A reader
still wants the name, so each such statement may also get `refers_to`: a span of the text
that names whom the pronoun stands for. The rules answer only where a careful reader
would not hesitate, and leave the rest unresolved:

- "who", "which" or "that" opening a relative clause ("Mike Mills, who said ..."): the
  noun the clause belongs to ("Mike Mills"), by the parse, or the person a name in
  apposition to it names ("a Kritarch, Patti Saris, who"), or for "who" a share of
  people ("the 67% who rate"); never another date or number, a
  noun the verb disagrees with ("the committees, which lays"), a PERSON for "which", or
  either of two people ("chief of staff to Rep. Clarke, who");
- "he" or "she" outside a quotation: the person source of the statement that reports
  the pronoun ("Pompeo told reporters that he ..."), else a person who is the subject of
  a verb before it in its own sentence ("When Thweatt thinks ..., he sees"), else, in the
  sentence before, the source of a statement that names a person, else the subject of
  the main clause when it is a person, else what a "he" (or "she") that is that subject
  stands for (a chain: "He ... He ... he said"), else a person who is another verb's
  subject, else the first person named ("caught up with Peck"; not one of a pair,
  "above Estis and Enkin"); where no sentence before names anyone, up to `FAR`
  sentences back, the person source of a statement, or what a chain of the same pronoun
  stands for, when the article shows that person's gender to be the pronoun's and no
  name or noun for a person stands between ("Thweatt jokes ... he tells them ...
  But, of course, they're not. “They want to talk about guns,” he said."). The sentence
  before passes over one that is only a closing quotation mark the parser split off.
  People are PERSON names, an untagged proper noun that is a PERSON's surname wherever it
  stands ("Peck" opening a sentence, after "Orville Peck"), other untagged proper nouns
  that are subjects, and person nouns that are subjects ("the Pope said"); names inside
  quotations, names that only modify a word ("the Obama administration"), one-word names
  after "the" or in the plural ("the Padres"), untagged names of a plural verb ("Elves
  were") and capitalised words in headings are not. A person
  named inside the pronoun's own quotation is not whom it stands for, nor another
  candidate ("“Patti Smith had a big impact on me,” he says"). The answer is the name
  alone ("Mike Mills" of "Mike Mills, who heads the union,"; "Leah Parsons", not the
  owner, of "Roberts’s niece Leah Parsons"). It is dropped when another person is
  named between it and the pronoun ("Smith met Jones. He said ..."), and when the
  article shows the person's gender to be the other one: a title ("Mr.", "Mrs.",
  "Ms."), or "his", "himself", "her" (possessive), "herself" in a sentence whose only
  person named is its subject; or, for a full name, its first name, where that is
  one gender's (`first_names`: "Donald Wurtzel" is no "she", though "Ms. Wurtzel" is);
- "they" or "it" outside a quotation: the source of the innermost statement that reports
  the pronoun, when it fits ("Authorities said they believed ..."; in "ORB found that
  voters say they ..." the voters, not ORB); else, when the pronoun is the subject of a
  verb of speech ("They added ..."), the source of the nearest statement before it in
  its sentence or the one before, when that fits. A source fits "they" when plural or
  names joined by "and" ("Labrosse and Canestrino said ... They say"), "it" when a
  singular organisation or outlet. The sentence before passes over a closing quotation
  mark the parser split off and the pronoun's own quoted words; a nearest source that does
  not fit, inside the words of one that does, gives way to it ("the WHO said lab tests
  ... confirmed ... “...,” it said": the WHO). A "they" whose statement's source is
  another "they" stands for what that one does ("They said they found ..."), and a "they"
  or "it" after such a statement for what the one before stands for ("They did not ...
  They said ...", "“...,” it said. It said ..."). Where no statement fits, a "they" that is
  the first subject of its sentence stands for the first subject of the sentence before
  when that is a plural noun for people or bodies ("Authorities in West Hollywood
  arrested ... They said ...") or names joined by "and", or for what a "they" there
  stands for; not where either sentence names another group that may be "they" ("Smith
  met the protesters. They said ...").

Everything else stays unresolved here: "you", "this", "I" ("I" inside a quotation is its
speaker's, which the attribution layer gives it: `resolve_first_person`), "he" inside a
quotation (the speaker's "he" is someone else), a pronoun with no candidate or with two. The rules
follow the parser's and the entity recogniser's mistakes; docs/quality.md has their
measured precision on news.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from propscope.components.attribution_lexicon import (
    CUE_VERBS,
    ORG_NOUNS,
    PERSON_NOUNS,
    SPEECH_VERBS,
    TITLES,
    VAGUE_HEADS,
)
from propscope.components.people import aged, people_tagged_otherwise
from propscope.first_names import name_gender
from propscope.lines import capitalised_lines

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["resolve_pronoun_sources"]

Spans = tuple[int, int]

RELATIVE = frozenset({"who", "whom", "which", "that"})
PERSONAL = frozenset({"he", "she"})
# Determiners that make a person noun no one in particular: "no candidate", "every voter".
_NOBODY = frozenset({"no", "every", "each", "any", "neither"})
GROUP = frozenset({"they", "it"})
NAMED_GROUP_KINDS = frozenset({"organisation", "media", "vague"})
SPEAKING_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_MALE_TITLES = frozenset({"mr", "mr."})
_FEMALE_TITLES = frozenset({"mrs", "mrs.", "ms", "ms.", "miss"})
# Words after a person's name, in the sentence of which the person is the only one named
# and the subject, that tell the person's gender: "Mills said his ..." ("he" and "him"
# are most often someone else, and "her" an object).
_MALE_WORDS = frozenset({"his", "himself"})
_FEMALE_WORDS = frozenset({"herself"})
# How many "he"s back a chain of pronouns is followed.
CHAIN_DEPTH = 8
# The marks of a quotation, which a transcript's turns do not have.
_QUOTATION_MARKS = ("“", "”", '"')
_QUOTE_CHARS = "".join(_QUOTATION_MARKS)
# How many sentences back from the pronoun's own the name it stands for may be; up to
# FAR back, only as a statement's source whose gender the article shows (a title, a
# first name, "his" or "her"), where no sentence nearer names anyone ("Mr. Thweatt said
# ...\n\nBut, of course, they're not.\n\n“They want to talk about guns,” he said.").
NEAR = 1
FAR = 3
# Nouns for someone a pronoun that far back may stand for instead.
_SOMEONE = PERSON_NOUNS | frozenset(
    """man woman boy girl child student mother father son daughter wife husband friend
    resident neighbour neighbor officer worker teacher owner victim witness""".split()
)
# Verbs of finding, which go on with what a speaker reported someone else did, not
# with the speaker: "McMahill told KNPR that Campos went up ... He found that ...".
_ACTS = frozenset({"find", "show", "reveal", "demonstrate", "discover", "notice", "see", "hear"})
# Entities that are nobody a "he" or "she" may stand for: places, dates, things.
_NO_ONE = frozenset(
    """GPE LOC FAC DATE TIME EVENT PRODUCT WORK_OF_ART LAW LANGUAGE MONEY PERCENT
    QUANTITY ORDINAL CARDINAL""".split()
)
_POSSESSIVE = re.compile(r"[’']s?$")
_OWNER = re.compile(r"[’'](?:s\b|\s)")  # right after a name: "Roberts’s niece", "Jones' aide"


class _Person(NamedTuple):
    """A person named in the text: where, whether a verb's subject, whether the subject
    of the sentence's main clause."""

    start: int
    end: int
    subject: bool
    main: bool


def _subject(token: Token) -> tuple[bool, bool]:
    """(a verb's subject, the main clause's subject: its verb is the sentence's root or
    a verb joined to it). A name beside a noun that is the subject is that subject:
    "When the sociologist Ruth Glass coined the term ..."."""
    if token.dep_ == "appos" and token.head.pos_ == "NOUN" and token.head.i < token.i:
        token = token.head
    if token.dep_ not in {"nsubj", "nsubjpass"}:
        return False, False
    verb = token.head
    return True, verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")


# Nouns that speak as people ("spokesman", "officials"), not the vague heads that are
# things ("report", "account").
_PERSON_HEADS = (PERSON_NOUNS | VAGUE_HEADS) - {"report", "account", "voice", "rumour", "rumor"}
# Plural nouns for people or bodies that "they" may stand for as the subject of the
# sentence before ("Authorities in West Hollywood arrested ... They said ...").
# Of the organisations' nouns, not those that are as often things or events ("Houses
# flooded", "Market forces pushed", "The parties went on").
_PEOPLE = (
    _SOMEONE
    | _PERSON_HEADS
    | (
        ORG_NOUNS
        - frozenset(
            """house force center centre party movement office club state power campaign
            court board school hospital utility assembly lobby secretariat""".split()
        )
    )
    | frozenset(
        """player fan troop soldier fighter parent family student inspector politician
        doctor nurse agent farmer police cop guard detective organizer organiser scholar
        academic historian writer artist lawyer prosecutor judge official leader
        investigator analyst expert authority""".split()
    )
) - frozenset({"some", "many", "others", "other", "most", "several", "few", "all", "both"})


def _plural_verb(verb: Token) -> bool:
    """Whether a verb agrees with a plural subject only: "were", or a present tense
    that is not the third person singular ("Elves live")."""
    words = [verb, *(c for c in verb.children if c.dep_ in {"aux", "auxpass"})]
    return any(w.tag_ == "VBP" or w.lower_ == "were" for w in words)


def _a_bodys_name(name: str) -> bool:
    """Whether a name of two words or more ends on a body's noun: "Victoria Police",
    which the recogniser tags a person's name ("Victoria" is a woman's)."""
    words = name.split()
    return len(words) > 1 and words[-1].lower() in ORG_NOUNS


def _a_day_of(doc: Doc, ent: Span) -> bool:
    """Whether a name is a day's that is named after it: "Saviour" of "Saviour’s Day",
    "Valentine" of "Valentine's Day"."""
    k = ent.end - 1 if ent[-1].tag_ == "POS" else ent.end
    return k + 1 < len(doc) and doc[k].tag_ == "POS" and doc[k + 1].text in {"Day", "Days", "Eve"}


def _is_person(noun: Token) -> bool:
    """A person or people: a PERSON name, a person noun ("spokesman", "officials")."""
    if noun.ent_type_:
        return noun.ent_type_ == "PERSON"
    return noun.lemma_.lower() in _PERSON_HEADS


def _described_as_a_body(name: Token) -> bool:
    """Whether the article describes a name as a body in apposition, whatever the tagger
    calls it: "Activision Blizzard, an e-gaming company", "Mizrahi, a firm"."""
    return any(c.dep_ == "appos" and c.lemma_.lower() in ORG_NOUNS for c in name.children)


def _same_number(noun: Token, verb: Token) -> bool:
    """Whether a present-tense verb agrees with its noun: not "committees, which lays"."""
    plural = noun.tag_ in {"NNS", "NNPS"}
    if verb.tag_ == "VBZ":
        return not plural
    if verb.tag_ == "VBP":
        return plural
    return True


def _modified_noun(noun: Token) -> Token | None:
    """The noun that `noun` modifies through a preposition or a participle ("a letter
    from a survivor", "a memo prepared by the committees"), if any."""
    head = noun.head
    if noun.dep_ != "pobj" or head.dep_ != "prep":
        return None
    above = head.head
    if above.pos_ in {"NOUN", "PROPN"}:
        return above
    if above.dep_ == "acl" and above.head.pos_ in {"NOUN", "PROPN"}:
        return above.head
    return None


def _names_someone(span: Span) -> bool:
    """Not a pronoun, and not a phrase a pronoun opens ("whose group", "his aides")."""
    return span.root.pos_ != "PRON" and span[0].tag_ not in {"WP", "WP$", "PRP", "PRP$", "WDT"}


def _pronoun(doc: Doc, source: Spans) -> Token | None:
    """The pronoun a pronoun source consists of ("he", "He and his allies" -> "He")."""
    span = doc.char_span(*source, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    root = span.root
    return root if root.lower_ in RELATIVE | PERSONAL | GROUP else None


# Plural nouns of time and measure, which no "they" stands for.
_MEASURES = frozenset(
    """year month week day hour minute second time percent dollar cent euro pound point
    mile kilometre kilometer metre meter inch foot feet degree ton tonne""".split()
)
# Singular nouns for more than one person: "Officials met the family. They said ..."
_COLLECTIVE = frozenset("family couple pair crowd staff public team group trio duo".split())


def _group_noun(token: Token) -> bool:
    """A plural noun for people or bodies: "authorities", "Democrats", "the Yankees"."""
    if token.tag_ not in {"NNS", "NNPS"} and token.lemma_.lower() != "police":
        return False
    return token.lemma_.lower() in _PEOPLE or token.ent_type_ in {"NORP", "ORG", "PERSON"}


def _first_subject(token: Token) -> bool:
    """Whether a word is the first subject of its sentence ("They said ..., police
    said": the parse may make another clause the main one)."""
    if token.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    return not any(t.dep_ in {"nsubj", "nsubjpass"} for t in token.doc[token.sent.start : token.i])


def _another_they(token: Token) -> bool:
    """A word "they" might stand for as well, over which it hesitates: any plural noun
    but one of time or measure (people or things: "Police arrested two suspects. They
    said ...", "Scientists analysed the samples. They showed ..."), a noun for more
    than one person ("the family"), or people named together ("a man and a woman",
    "Smith and Jones")."""
    lemma = token.lemma_.lower()
    if token.tag_ in {"NNS", "NNPS"} and lemma not in _MEASURES:
        return True
    if token.pos_ in {"NOUN", "PROPN"} and lemma in _COLLECTIVE:
        return True
    return token.dep_ == "conj" and _coordinated(token.head)


def _coordinated(token: Token) -> bool:
    """Names, or nouns for people, joined by "and": "Barbara and John", "Russia and
    China", "the press and some Democratic politicians"."""
    joined = [c for c in token.children if c.dep_ == "conj"]
    if not joined or not any(c.lower_ == "and" for c in token.children):
        return False
    return all(
        t.ent_type_ in SPEAKING_ENTITIES or _group_noun(t) or t.lemma_.lower() in _PEOPLE
        for t in [token, *joined]
    )


def _phrase(noun: Token) -> Spans:
    """The words of a noun phrase up to its noun, or up to its last noun joined by "and"
    ("Canadian health inspectors" of "Canadian health inspectors in Saskatoon")."""
    last = noun
    while joined := [c for c in last.children if c.dep_ == "conj"]:
        last = joined[-1]
    return noun.left_edge.idx, last.idx + len(last.text)


class _Resolver:
    def __init__(
        self,
        doc: Doc,
        statements: Sequence[tuple[Spans | None, str, Spans]],
        in_quote: Callable[[int], bool],
    ) -> None:
        self.doc = doc
        self.text = doc.text
        self.statements = statements
        self.in_quote = in_quote
        self.sents: list[Span] = list(doc.sents)
        self.sent_starts = [s.start_char for s in self.sents]
        self.capitalised = capitalised_lines(self.text)
        self.people = self._people()
        self._people_starts = [p.start for p in self.people]
        # Statements by the sentences their content covers, and by their source's
        # sentence, so that each pronoun looks at its neighbourhood only.
        self._holding: dict[int, list[int]] = {}
        self._sourced: dict[int, list[int]] = {}
        for j, (source, _, content) in enumerate(statements):
            first, last = self.sentence_of(content[0]), self.sentence_of(content[1] - 1)
            for k in range(first, last + 1):
                self._holding.setdefault(k, []).append(j)
            if source is not None:
                self._sourced.setdefault(self.sentence_of(source[0]), []).append(j)
        self._entities = {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}
        self.genders = self._genders()
        # Last names that two people the article names in full share (a title is no
        # given name: "Ms Simpson" is Lorna Simpson).
        full: dict[str, set[str]] = {}
        for ent in doc.ents:
            if ent.label_ != "PERSON" or len(words := ent.text.split()) < 2:
                continue
            given = [w for w in words[:-1] if w.casefold().rstrip(".") not in TITLES]
            if given:
                full.setdefault(self._last_name(ent.text), set()).add(given[0].casefold())
        self.shared_surnames = {last for last, firsts in full.items() if len(firsts) > 1}
        self.resolved: list[Spans | None] = [None] * len(statements)
        self._persons: dict[int, Spans | None] = {}  # he/she tokens resolved, by index
        self._groups: dict[int, Spans] = {}  # "they" and "it" sources resolved, by start
        self._bound: dict[int, frozenset[str]] = {}  # `bound_by`, by the pronoun's index

    # the article's people ----------------------------------------------------------------

    def _people(self) -> list[_Person]:
        """People named outside quotations, by start. PERSON names, and names tagged
        otherwise that the article shows are people's (`propscope.components.people`:
        "Kristie Quinones said she ..."); an untagged proper noun that is the last word
        of a PERSON name, wherever it stands ("Peck" after "Orville Peck"); another
        untagged proper noun that is a verb's subject ("Elijah set the record straight";
        at a sentence's start only with an age after it: "Kylene, a 28-year-old mother
        of two, joined ..."); a person noun that is a verb's subject ("the Pope said").
        A name that only modifies another word is left out: "Norman Rockwellian", "the
        Obama administration"."""
        out = []
        surnames = set()
        persons = [e for e in self.doc.ents if e.label_ == "PERSON"]
        misnamed = people_tagged_otherwise(self.doc)
        # A one-word name the article shows is a person's ("Rosmah", an organisation to the
        # recogniser, beside "Datin Seri Rosmah Mansor") stands for a "she" as a subject
        # only: "Trump" of "voting for Trump", tagged ORG, is as often the company.
        lone = [e for e in misnamed if len(e) == 1 and e.root.dep_ in {"nsubj", "nsubjpass"}]
        misnamed = [e for e in misnamed if len(e) > 1]
        # Their surnames alone carry the same wrong tag ("Quinones", an organisation).
        tagged = {ent.root.text for ent in misnamed}
        named = {i for ent in misnamed for i in range(ent.start, ent.end)}
        for ent in sorted([*persons, *misnamed, *lone], key=lambda e: e.start):
            if self.in_quote(ent.start_char):
                continue
            root = ent.root
            if root.dep_ in {"compound", "amod"} or root.pos_ == "ADJ":
                continue
            if _described_as_a_body(root):
                continue  # "Activision Blizzard, an e-gaming company, banned ..."
            if _a_bodys_name(ent.text):
                continue  # "Victoria Police" (PERSON): a force, no "she"
            if len(ent) == 1 and (
                root.tag_ == "NNPS" or (ent.start > 0 and self.doc[ent.start - 1].lower_ == "the")
            ):
                continue  # "the Padres", "Democrats": a team or a party, no one person
            if _a_day_of(self.doc, ent):
                continue  # "Saviour’s Day celebrations": a feast, no one a "she" stands for
            end = ent.end_char
            if ent[-1].tag_ == "POS" and len(ent) > 1:
                end = ent[-2].idx + len(ent[-2].text)
            out.append(_Person(ent.start_char, end, *_subject(root)))
            if (
                len(ent) > 1
                and len(ent.root) > 1
                and all(t.pos_ == "PROPN" and t.is_title for t in ent)
            ):
                surnames.add(ent.root.text)  # "Orla Peck", not "the Model S"
        taken = set()
        for token in self.doc:
            if token.text not in surnames or self.in_quote(token.idx):
                continue
            if token.pos_ != "PROPN" or token.dep_ in {"compound", "amod", "poss"}:
                continue
            if token.ent_type_ and (token.text not in tagged or token.i in named):
                continue  # tagged otherwise: as often right ("Trump" the company) as not
            # "Peck" of "Orville Peck", wherever the recogniser missed it: "Peck
            # certainly carries ..." opening a sentence, "caught up with Peck".
            out.append(_Person(token.idx, token.idx + len(token.text), *_subject(token)))
            taken.add(token.i)
        for token in self.doc:
            if token.dep_ not in {"nsubj", "nsubjpass"} or self.in_quote(token.idx):
                continue
            if token.i in taken:
                continue
            # Capitals say nothing at the start of a sentence or in a line of capitalised
            # words (a headline, a caption): "Peradventure", "Shot Officers".
            untagged_name = (
                token.pos_ == "PROPN"
                and not token.ent_type_
                and token.text[:1].isupper()
                and not token.text.isupper()
                and not self.capitalised(token.idx)
                and not _plural_verb(token.head)  # "that Elves were evil"
                and (
                    not (token.is_sent_start or self.doc[token.i - 1].is_sent_start)
                    # or an age says so: "Kylene, a 28-year-old mother of two, joined ..."
                    or aged(self.doc, self.doc[token.i : token.i + 1])
                )
            )
            person_noun = (
                token.pos_ == "NOUN"
                and token.tag_ == "NN"
                and token.lemma_.lower() in PERSON_NOUNS
                # "No candidate of a major party has ...": nobody a "he" can stand for
                and not any(c.dep_ == "det" and c.lower_ in _NOBODY for c in token.children)
            )
            if not (untagged_name or person_noun):
                continue
            parts = [c for c in token.lefts if c.dep_ in {"compound", "det", "amod", "poss"}]
            start = min([token.idx] + [c.left_edge.idx for c in parts])
            out.append(_Person(start, token.idx + len(token.text), *_subject(token)))
        out.sort()
        return out

    def _genders(self) -> dict[str, str]:
        """Last names the article shows a gender for: a title ("Mr. Mills", "Ms. Berg"),
        else the pronouns of the sentences whose only person named is their subject
        ("Mills said his ...": "m"), where one gender has more of them, else the first
        name of the full names written with it ("Michelle ... Vasilinda")."""
        out: dict[str, str] = {}
        votes: dict[str, list[int]] = {}
        for ent in self.doc.ents:
            if ent.label_ != "PERSON" or ent.start == 0:
                continue
            title = self.doc[ent.start - 1].lower_
            gender = "m" if title in _MALE_TITLES else "f" if title in _FEMALE_TITLES else ""
            if gender:
                out.setdefault(self._last_name(ent.text), gender)
        for sent in self.sents:
            named = self.people_within(sent.start_char, sent.end_char)
            if len(named) != 1 or not named[0].subject:
                continue
            if (words := self._words(named[0])) is not None and words.root.dep_ == "appos":
                continue  # "when her husband Rizwan Ahmed sent her back": her, not his
            tally = votes.setdefault(self._last_name(self.text[named[0][0] : named[0][1]]), [0, 0])
            for token in sent:
                if token.idx > named[0][0] and not self.in_quote(token.idx):
                    if token.lower_ in _MALE_WORDS:
                        tally[0] += 1
                    elif token.lower_ in _FEMALE_WORDS or (
                        token.lower_ == "her" and token.tag_ == "PRP$"
                    ):
                        tally[1] += 1
        for name, (male, female) in votes.items():
            if male != female:
                out.setdefault(name, "m" if male > female else "f")
        # Last, a full name's first name gives its surname alone a gender ("Vasilinda"
        # after "Rep. Michelle Rehwinkel Vasilinda" is no "he"), where every full name the
        # article writes with that surname has a first name of that gender: "Michele
        # Rasmussen" (no gender listed) and "Dean Rasmussen" (her title, a man's name)
        # give none. The article's own words go first.
        given: dict[str, set[str | None]] = {}
        for ent in self.doc.ents:
            if ent.label_ == "PERSON" and len(ent.text.split()) > 1:
                first = self._first_name_gender(ent.text)
                given.setdefault(self._last_name(ent.text), set()).add(first)
        for last, found in given.items():
            only = found.pop() if len(found) == 1 else None
            if only is not None:
                out.setdefault(last, only)
        return out

    @staticmethod
    def _first_name_gender(text: str) -> str | None:
        """The gender of a full name's first name ("Donald Wurtzel": "m"), None for a
        surname alone or a first name of either gender or none listed."""
        words = _POSSESSIVE.sub("", text.strip()).split()
        while words and words[0].lower().rstrip(".") in TITLES:
            words = words[1:]
        return name_gender(words[0]) if len(words) > 1 else None

    @staticmethod
    def _last_name(text: str) -> str:
        words = _POSSESSIVE.sub("", text.strip()).split()
        return words[-1].casefold() if words else ""

    def sentence_of(self, pos: int) -> int:
        return bisect.bisect_right(self.sent_starts, pos) - 1

    def people_within(self, start: int, end: int) -> list[_Person]:
        """The people named inside [start, end), by start."""
        first = bisect.bisect_left(self._people_starts, start)
        last = bisect.bisect_left(self._people_starts, end)
        return [p for p in self.people[first:last] if p.end <= end]

    def agrees(self, name: str, pronoun: str, *, known: bool = False) -> bool:
        """Whether `name` may be whom `pronoun` stands for: the article shows its gender
        to be the pronoun's, or (unless `known`) shows none."""
        gender = self._first_name_gender(name) or self.genders.get(self._last_name(name))
        if known and not gender:
            return False
        return not gender or gender == ("m" if pronoun == "he" else "f")

    def reports(self, pos: int) -> set[int]:
        """Statements whose content holds `pos`: their sources report the pronoun's
        words and are not whom it stands for ("ORB found that ... voters say they")."""
        return {
            j
            for j in self._holding.get(self.sentence_of(pos), ())
            if self.statements[j][2][0] <= pos < self.statements[j][2][1]
        }

    # the rules ------------------------------------------------------------------------------

    def run(self) -> list[Spans | None]:
        order = sorted(
            (k for k, (source, _, _) in enumerate(self.statements) if source is not None),
            key=lambda k: self.statements[k][0],  # type: ignore[arg-type, return-value]
        )
        for k in order:
            source, kind, _ = self.statements[k]
            if kind != "pronoun" or source is None:
                continue
            token = _pronoun(self.doc, source)
            if token is None:
                continue
            word = token.lower_
            if word in RELATIVE:
                self.resolved[k] = self.relative(token)
            elif self.in_quote(token.idx):
                continue
            elif word in PERSONAL:
                self.resolved[k] = named = self.person(token)
                last = None if named is None else self._last_name(self.text[slice(*named)])
                if last and last not in self.shared_surnames:
                    # "Jessica Wade ... she says" makes Wade a woman, whom no later "he"
                    # stands for ("Some of the issues Wade encountered, he says"); not
                    # where two people share the name (Philip and Sheena Monnin).
                    self.genders.setdefault(last, "m" if word == "he" else "f")
            else:
                self.resolved[k] = named = self.group(token, source)
                if named is not None and word in {"they", "it"}:
                    self._groups[source[0]] = named
        return self.resolved

    def relative(self, token: Token) -> Spans | None:
        verb = token.head
        # "Matt Shea, whom the foundation denounced for promoting a screed": the object
        # of the relative clause, whom the rules make the source of "promoting".
        whom = token.lower_ == "whom" and token.dep_ == "dobj"
        if verb.dep_ != "relcl" or (token.dep_ not in {"nsubj", "nsubjpass"} and not whom):
            return None
        noun = verb.head
        if noun.dep_ == "advmod":
            # "shared a video online that claimed to show ...": the parser hung the
            # clause on the adverb; it belongs to the object just before it, if any.
            before = next(
                (
                    c
                    for c in noun.head.children
                    if c.dep_ in {"dobj", "nsubj", "nsubjpass"} and c.right_edge.i == noun.i - 1
                ),
                None,
            )
            if before is None:
                return None
            noun = before
        share = self._entities.get(noun.i) if noun.ent_type_ == "PERCENT" else None
        if share is not None and token.lower_ in {"who", "whom"} and share.end <= token.i:
            # "slightly higher than the 67% who rate the eight issues ..." (news, session
            # 66): a share of people who speak, as a poll reports them ("rate" is plural).
            return noun.left_edge.idx, share.end_char
        if noun.pos_ == "PRON" or noun.i >= token.i or not (whom or _same_number(noun, verb)):
            return None
        if token.lower_ not in {"who", "whom"} and noun.ent_type_ == "PERSON":
            return None  # "Mike Mills, which ..." is a misparse
        if token.lower_ in {"who", "whom"} and noun.ent_type_ != "PERSON":
            # "assigned to a Kritarch, Patti Saris, who apparently thinks ..." (the PTC,
            # session 66): the person the apposition names, not the noun it describes.
            named = [
                c
                for c in noun.children
                if c.dep_ == "appos" and c.ent_type_ == "PERSON" and c.i < token.i
            ]
            if named:
                noun = named[-1]
        outer = _modified_noun(noun)
        if token.lower_ in {"who", "whom"} and outer is not None and _is_person(outer):
            if _is_person(noun) or noun.pos_ == "PROPN":
                # "chief of staff to Rep. Clarke, who warned ...": either of two people.
                return None
            # "two priests in two different German dioceses who publicly state ...",
            # "members of the media who defended ...": the people, not where they are.
            noun = outer
        if noun.ent_type_:
            # "the coup of March 13, 1920, which sought ...": a date or a number says nothing.
            ent = self._entities.get(noun.i)
            if ent is None or ent.label_ not in SPEAKING_ENTITIES or ent.end > token.i:
                return None
            return ent.start_char, ent.end_char
        if noun.pos_ not in {"NOUN", "PROPN"}:
            return None
        left = [
            c
            for c in noun.lefts
            if c.dep_ in {"det", "amod", "compound", "poss", "nummod", "nmod"}
            and c.i >= noun.left_edge.i
        ]
        start = min([noun.idx] + [c.left_edge.idx for c in left])
        return start, noun.idx + len(noun.text)

    def person(self, token: Token, depth: int = 0) -> Spans | None:
        """Whom "he" or "she" stands for: a person who is the subject of a verb before it
        in its own sentence ("When Thweatt thinks ..., he sees"), else the nearest of
        the sentences before it that names one (`person_in`); kept only when no other
        person is named between that one and the pronoun (`alone_between`)."""
        if token.i in self._persons:
            return self._persons[token.i]
        self._persons[token.i] = None  # a chain that comes back here ends here
        word = token.lower_
        here = self.sentence_of(token.idx)
        sent = self.sents[here]
        # (the name, the words that make it the answer: the name or a pronoun for it)
        found: tuple[Spans, Spans] | None = None
        held = self.holder(
            token,
            lambda named, kind: kind == "person" and self.agrees(self.text[slice(*named)], word),
        )
        held = None if held is None else self.name_in(held)
        if held is not None:
            found = (held, held)
        else:
            found = self.inner(token)
        # Not a subject of the other gender inside what the pronoun says: "Ford “really
        # doesn't want to testify,” he said" (Christine Blasey Ford) goes on with the
        # speaker of the sentence before. (One outside stands: "Brandon Rook brought the
        # case against Noelle Halcrow ... after she began ..." is no Rook, nor anyone
        # before him.)
        contents = self.own_contents(token)
        own = [
            p
            for p in self.people_within(sent.start_char, token.idx)
            if p.subject
            and (
                self.agrees(self.text[p.start : p.end], word)
                or not any(s <= p.start < e for s, e in contents)
            )
        ]
        if own and found is None:
            found = ((own[-1].start, own[-1].end), (own[-1].start, own[-1].end))
        for before in self.sentences_before(here, token):
            if found is not None:
                break
            found = self.person_in(before, token, depth)
        for before in self.sentences_before(here, token, FAR)[NEAR:]:
            if found is not None:
                break
            found = self.person_in(before, token, depth, strict=True)
            if found is not None and (
                not self.agrees(self.text[slice(*found[0])], word, known=True)
                or self.names_between(found[1], token, found[0])
            ):
                # That far back, only a person the article shows as a "he" (or "she"),
                # and no name between: one the entity recogniser missed ("Traci, a
                # 28-year-old agent, ...") may be whom the pronoun stands for.
                found = None
        name: Spans | None = None
        if found is not None and _a_bodys_name(self.text[slice(*found[0])]):
            found = None  # "Victoria Police" (PERSON, a statement's source): a force
        if found is not None and self.agrees(self.text[slice(*found[0])], word):
            quoted = self.named_in_content(token)
            if self._name(self.text[slice(*found[0])]) in quoted:
                pass  # "“Patti Smith had a big impact on me,” he says": not Patti Smith
            elif self.bound(self.text[slice(*found[0])], token):
                pass  # "He did not know the location of Barbieri’s house": not Barbieri
            elif (
                self.alone_between(found[1], token, quoted)
                or self.speaker_goes_on(found, token, quoted)
                or self.joined_clause(found[0], token, quoted)
            ):
                name = found[0]
        self._persons[token.i] = name
        return name

    def joined_clause(self, name: Spans, token: Token, quoted: frozenset[str]) -> bool:
        """Whether the pronoun is the subject of a clause joined to the one whose subject
        is `name`, with no other subject between: "Leftwing journalist Glenn Greenwald is
        no fan of President Trump's policies, but he simply cannot understand ..." (the
        president is named between, only as an owner or in a phrase of a preposition;
        "Smith met Jones, and he said ..." stays open)."""
        if token.dep_ != "nsubj" or token.head.dep_ != "conj":
            return False
        verb = token.head.head
        if not any(
            c.dep_ in {"nsubj", "nsubjpass"} and name[0] <= c.idx < name[1] for c in verb.children
        ):
            return False
        for p in self.others_between(name, token, quoted):
            words = self._words(p)
            if words is None or words.root.dep_ not in {"poss", "pobj"}:
                return False
        return True

    def name_in(self, source: Spans) -> Spans | None:
        """The name in a person source, without what follows it: the PERSON name in
        "Mike Mills, who said the plant would close" or "Senator Jane Porter" (a proper
        name before a person noun: "Ahmed Al-Asadi" of "The spokesman for the body,
        Ahmed Al-Asadi"), else the
        proper name the source is ("Roberts’s niece Leah Parsons": "Leah Parsons", even
        when the entity recogniser misses it), else the words before a comma; None for
        "His spokesman". A name in the possessive inside the source is someone else's:
        "Roberts" of "Roberts’s niece" is not who speaks (a source that is only
        "Biden’s", of "Biden’s suggestion that ...", is Biden)."""
        span = self.doc.char_span(*source, alignment_mode="expand")
        if span is None or len(span) == 0 or not _names_someone(span):
            return None
        own = [
            p
            for p in self.people_within(*source)
            if (owner := _OWNER.match(self.text, p.end)) is None
            or owner.end() >= source[1]  # "Biden’s" of "Biden’s claim"
        ]
        # A name before a person noun: "The spokesman for ..., Ahmed Al-Asadi".
        named = [p for p in own if (words := self._words(p)) and words.root.pos_ == "PROPN"]
        if named or own:
            return (named or own)[0].start, (named or own)[0].end
        root = span.root
        if root.pos_ == "PROPN" and root.i > span.start:
            first = root
            while (
                first.i > span.start
                and self.doc[first.i - 1].pos_ == "PROPN"
                and self.doc[first.i - 1].head == root
                and self.doc[first.i - 1].dep_ == "compound"
                and self.doc[first.i - 1].lower_.rstrip(".") not in TITLES
            ):
                first = self.doc[first.i - 1]
            if first.i > span.start:
                return first.idx, root.idx + len(root.text)
        comma = self.text.find(",", source[0], source[1])
        return (source[0], comma) if comma > source[0] else source

    def _words(self, person: _Person) -> Span | None:
        return self.doc.char_span(person.start, person.end, alignment_mode="expand")

    def alone_between(self, anchor: Spans, token: Token, quoted: frozenset[str]) -> bool:
        """Whether no other person is named between `anchor` (the name, or the pronoun
        of a chain) and the pronoun (`others_between`): "Smith met Jones. He said ..."
        is left unresolved, as a careful reader would hesitate."""
        return not self.others_between(anchor, token, quoted)

    def others_between(self, anchor: Spans, token: Token, quoted: frozenset[str]) -> list[_Person]:
        """The people named between `anchor` and the pronoun who may be whom it stands
        for: not another mention of the anchor's name, not one the pronoun's own
        statement names (`quoted`) or its own clause (`bound`), and not one the article
        shows to be of the other gender."""
        last = self._last_name(self.text[slice(*anchor)])
        return [
            p
            for p in self.people_within(anchor[1], token.idx)
            if self._last_name(words := self.text[p.start : p.end]) != last
            and not self.bound(words, token)
            and self._name(words) not in quoted
            and self.agrees(words, token.lower_)
        ]

    def bound_by(self, token: Token) -> frozenset[str]:
        """The names written after the pronoun in the clause it is the subject of, each a
        run of proper nouns as written, titles left out, in lower case: whom they name
        the pronoun never stands for ("Oliveira says Frederik Barbieri was arrested ...
        He did not know the location of Barbieri’s house" is Oliveira's "he", as "Smith
        met Jones. He said Jones was late" is Smith's). Not inside a relative clause or
        an apposition, which the writer adds ("he testified against Mark Farmer, ...
        who bribed Montague" may be Montague's), nor inside quotation marks ("he noticed
        a different “Tim Oliver” sign into his account" is Tim Oliver's)."""
        if token.i not in self._bound:
            self._bound[token.i] = self._names_in_clause(token)
        return self._bound[token.i]

    def _names_in_clause(self, token: Token) -> frozenset[str]:
        if token.dep_ not in {"nsubj", "nsubjpass"}:
            return frozenset()
        runs: list[list[str]] = []
        stack = [c for c in token.head.children if c.i > token.right_edge.i]
        words = []
        while stack:
            t = stack.pop()
            if t.dep_ in {"relcl", "appos", "acl"}:
                continue
            if t.dep_ == "advcl" and any(
                w.tag_ in {"WDT", "WP", "WP$"} and w.i < t.i for w in t.subtree
            ):
                continue  # "..., 40 of which had been found by Messier himself": relative
            words.append(t)
            stack.extend(t.children)
        last = -2
        for t in sorted(words, key=lambda t: t.i):
            if t.pos_ != "PROPN" or t.lower_.rstrip(".") in TITLES or self.in_quote(t.idx):
                # a run ends: no name's word, a title, or a quoted name ('noticed a
                # different “Tim Oliver” sign in' names nobody the pronoun is not)
                last = -2
                continue
            if t.i == last + 1 and runs:
                runs[-1].append(t.text)
            else:
                runs.append([t.text])
            last = t.i
        return frozenset(" ".join(run).casefold() for run in runs)

    def bound(self, name: str, token: Token) -> bool:
        """Whether the person `name` is one the pronoun's own clause names
        (`bound_by`): the same words ("Nidal Hasan" of "Maj. Nidal Hasan", the title
        left out), a name of two words or more that ends the words written there, or a
        surname written there alone that no two people of the article share ("Barbieri’s
        house"); not "Elizabeth Wurtzel" for "Donald Wurtzel"."""
        runs = self.bound_by(token)
        named, last = self._name(name), self._last_name(name)
        return (
            named in runs
            or (" " in named and any(r.endswith(" " + named) for r in runs))
            # not a surname two people share: "She said Smith always carried a gun" is
            # Candace Smith's, of Quentin Smith
            or (last in runs and last not in self.shared_surnames)
        )

    def inner(self, token: Token) -> tuple[Spans, Spans] | None:
        """Whom the same pronoun stands for where it is the source of the statement that
        reports this one, and is resolved: "He said he doubts ...", with the outer "He"
        as the anchor that no other person may follow."""
        source = self.holder(token, lambda _, kind: kind == "pronoun")
        outer = None if source is None else _pronoun(self.doc, source)
        if outer is None or outer.lower_ != token.lower_ or outer.i >= token.i:
            return None
        named = self._persons.get(outer.i)
        return None if named is None else (named, (outer.idx, outer.idx + len(outer.text)))

    def speaker_goes_on(
        self, found: tuple[Spans, Spans], token: Token, quoted: frozenset[str]
    ) -> bool:
        """Whether the pronoun goes on with a speaker of the sentence before, past the
        people that speaker names or that sit below the main clause there, as the only
        speaker of that sentence and with a verb of saying, not of finding: "Nick Ryan
        ... suggested that the polling shows Yang rising. / “You're missing ...,” he
        said.", "So far, Mills explained, Siddique has provided no indication ... / A
        police investigation, he said, is underway." Only for a speaker whose gender
        the article shows to be the pronoun's, where nobody else between is a speaker or
        the main clause's subject outside that speaker's words, and nobody else is named
        in the pronoun's own sentence before it: "Smith met Jones. He said ..." stays
        open."""
        name = found[0]
        if found[1] != name or not self.agrees(self.text[slice(*name)], token.lower_, known=True):
            return False
        k = self.sentence_of(name[0])
        if k >= self.sentence_of(token.idx):
            return False
        said: list[Spans] = []  # what the speaker says in sentence k
        others: list[tuple[Spans, str]] = []  # the other sources of sentence k
        for j in self._sourced.get(k, ()):
            source, kind, content = self.statements[j]
            if source is None or self.in_quote(source[0]):
                continue
            if kind == "person" and source[0] <= name[0] and name[1] <= source[1]:
                said.append(content)
            else:
                others.append((source, kind))
        if not said or any(s <= token.idx < e for s, e in said):
            return False
        speakers = [
            source
            for source, kind in others
            # "Cruz, who said ...", not "the polling shows ..." in the speaker's words
            if kind in {"person", "pronoun"} or not any(s <= source[0] < e for s, e in said)
        ]
        if speakers:
            return False
        if token.head.lemma_.lower() in _ACTS:
            return False  # "McMahill told KNPR that Campos went up ... / he found that ..."
        for p in self.others_between(name, token, quoted):
            if self.sentence_of(p.start) != k:
                return False
            if p.main and not any(s <= p.start < e for s, e in said):
                return False
        return True

    def names_between(self, anchor: Spans, token: Token, name: Spans | None = None) -> bool:
        """Whether a proper noun, a capitalised noun ("Sanders" opening a sentence) or a
        noun for a person ("a 22-year-old young man") stands between `anchor` and the
        pronoun `token`, outside quotations: someone else, whether or not the entity
        recogniser took them for a person. Not a word of `name` itself ("Barbara says
        ... Barbara shoos ... she"), a word the recogniser tags as a place, a date or
        a thing ("in Sydney", "Sunday"), unless it is a verb's subject ("after Doocy
        spoke", a place to the recogniser), or a plural common noun ("lawmakers"): none
        is a "he"."""
        span = self.doc.char_span(*anchor, alignment_mode="expand")
        start = token.i if span is None else span.end
        own = set() if name is None else set(self._name(self.text[slice(*name)]).split())
        return any(
            (
                t.pos_ == "PROPN"
                or (t.pos_ == "NOUN" and (t.text[:1].isupper() or t.lemma_.lower() in _SOMEONE))
            )
            and not self.in_quote(t.idx)
            and (t.ent_type_ not in _NO_ONE or t.dep_ in {"nsubj", "nsubjpass"})
            and not (t.tag_ == "NNS" and t.text[:1].islower())
            and self._name(t.text) not in own
            for t in self.doc[start : token.i]
        )

    def sentences_before(self, here: int, token: Token, near: int = NEAR) -> list[Span]:
        """The `near` sentences before sentence `here`, nearest first, passing over
        those that are only punctuation (a closing quotation mark the parser split off)
        and those inside what the pronoun `token` is reported to say ("“State
        legislature, it doesn't matter. And president, it doesn't matter,” she says":
        whom she stands for is named before her quotation)."""
        own = self.own_contents(token)
        out: list[Span] = []
        k = here - 1
        while k >= 0 and len(out) < near:
            sent = self.sents[k]
            # A sentence keeps the line break after it ("... to my lawyer.\n\n") and a
            # content may leave out its full stop: the sentence ends where its words do.
            words = sent.text.rstrip().rstrip(_QUOTE_CHARS).rstrip()
            last = sent.start_char + len(words)
            inside = any(start - 2 <= sent.start_char and last <= end + 2 for start, end in own)
            if not inside and any(t.is_alpha for t in sent):
                out.append(sent)
            k -= 1
        return out

    def own_contents(self, token: Token) -> list[Spans]:
        """What the statements whose source is the pronoun `token` report."""
        return [
            content
            for source, _, content in (
                self.statements[j] for j in self._sourced.get(self.sentence_of(token.idx), ())
            )
            if source is not None and source[0] <= token.idx < source[1]
        ]

    def named_in_content(self, token: Token) -> frozenset[str]:
        """The people named inside the quotation marks of what the pronoun is reported
        to say, as written: a speaker does not name themselves in their own words
        ("“Patti Smith had a big impact on me,” he says"), though the writer may
        around them ("he testified against Farmer, who bribed Montague")."""
        out = set()
        for j in self._sourced.get(self.sentence_of(token.idx), ()):
            source, _, content = self.statements[j]
            if source is None or not source[0] <= token.idx < source[1]:
                continue
            span = self.doc.char_span(*content, alignment_mode="expand")
            for ent in span.ents if span is not None else ():
                if ent.label_ == "PERSON" and self.in_quote(ent.start_char):
                    out.add(self._name(ent.text))
        return frozenset(out)

    @staticmethod
    def _name(text: str) -> str:
        """A name as written, for comparing: "Patti Smith’s" -> "patti smith"."""
        return " ".join(_POSSESSIVE.sub("", text.strip()).split()).casefold()

    def person_in(
        self, sent: Span, pronoun: Token, depth: int, *, strict: bool = False
    ) -> tuple[Spans, Spans] | None:
        """In one sentence, in order: a statement's person source (with `strict`, not a
        transcript's turn); the person source of an earlier sentence's quotation that
        this one goes on with; unless `strict`, a person who is the subject of the main
        clause; what the same pronoun as the subject of the main clause (unless `strict`,
        of any clause, alone: not "she and Quentin Smith") stands for (a chain: "He ...
        He ... he said", "The discounts she received ... she won ... “...,” she said");
        unless `strict`, a person who is another verb's
        subject, else the first person named, unless paired with another name."""
        word = pronoun.lower_
        reporting = self.reports(pronoun.idx)
        k = self.sentence_of(sent.start_char)
        going_on = [j for j in self._holding.get(k, ()) if self.goes_on(j, sent)]
        for j in [*self._sourced.get(k, ()), *going_on]:
            source, kind, content = self.statements[j]
            if source is None or self.in_quote(source[0]) or j in reporting or kind != "person":
                continue
            if strict and self.text[source[1] : content[0]].strip() == ":":
                continue  # "DL: Mr. Hale has admitted ...": a turn speaks of someone else
            named = self.name_in(source)
            if named is not None and self.agrees(self.text[slice(*named)], word):
                return named, named
        people = [
            p
            for p in self.people_within(sent.start_char, sent.end_char)
            if self.agrees(self.text[p.start : p.end], word)
        ]
        main = [p for p in people if p.main]
        if main and not strict:
            return (main[0].start, main[0].end), (main[0].start, main[0].end)
        if depth < CHAIN_DEPTH:
            for token in sent:
                if (
                    token.lower_ == word
                    and (
                        _subject(token)[1]
                        or not (strict or any(c.dep_ == "conj" for c in token.children))
                    )
                    and token.i < pronoun.i
                    and not self.in_quote(token.idx)
                ):
                    found = self.person(token, depth + 1)
                    if found is not None:
                        return found, (token.idx, token.idx + len(token.text))
        if strict:
            return None
        chosen = next((p for p in people if p.subject), people[0] if people else None)
        if chosen is not None and not chosen.subject and self.paired(chosen):
            return None  # "four floors above Estis and Enkin": either of the two
        return None if chosen is None else ((chosen.start, chosen.end),) * 2

    def goes_on(self, j: int, sent: Span) -> bool:
        """Whether statement `j` is a quotation that `sent` goes on with from an earlier
        sentence: "“...,” Price said. “But this time ...” / “It’s a new record,” he
        said." Not a transcript's turn ("DL: ... Trump ... He's bragging." / "he said"):
        the speaker there talks of someone else."""
        source, _, content = self.statements[j]
        quoted = self.text[max(0, content[0] - 1) : content[1] + 1]
        if source is None or not any(mark in quoted for mark in _QUOTATION_MARKS):
            return False
        covered = min(content[1], sent.end_char) - max(content[0], sent.start_char)
        return source[1] <= sent.start_char and 2 * covered >= sent.end_char - sent.start_char

    def paired(self, person: _Person) -> bool:
        """Whether a name is joined to another by "and" or "or" ("Estis and Enkin")."""
        span = self._words(person)
        if span is None:
            return False
        root = span.root
        joined = [c for c in root.children if c.dep_ == "conj"]
        if root.dep_ == "conj":
            joined.append(root.head)
        return any(t.pos_ == "PROPN" for t in joined)

    def holder(self, token: Token, fits: Callable[[Spans, str], bool]) -> Spans | None:
        """The source of the innermost statement whose content holds the pronoun, when it
        fits: "Authorities said they would ...", "Pompeo told reporters that he ..."."""
        holding = [
            (content[1] - content[0], source, kind)
            for source, kind, content in (
                self.statements[j] for j in self._holding.get(self.sentence_of(token.idx), ())
            )
            if source is not None
            and content[0] <= token.idx < content[1]
            and source[1] <= token.idx
            and not self.in_quote(source[0])
        ]
        if not holding:
            return None
        _, source, kind = min(holding, key=lambda item: item[0])  # the innermost
        return source if fits(source, kind) else None

    def group(self, token: Token, source: Spans) -> Spans | None:
        """Whom "they" or "it" stands for: the source of the statement that reports it,
        when that source fits, else, where the pronoun's own cue is a verb of speech or
        another cue verb ("They added ...", "They pointed out ...", "They found ..."),
        the fitting source of the nearest statement before it in its sentence or the
        one before."""
        word = token.lower_
        held = self.holder(token, lambda named, kind: self.fits_group(named, kind, word))
        if held is not None:
            return held
        if word == "they":
            # "They said they found ...": the second is whom the first stands for.
            # Not past another they: "They asked the workers whether they ...".
            outer = self.holder(token, lambda named, kind: named[0] in self._groups)
            if outer is not None and self.text[slice(*outer)].lower() == "they":
                between = self.doc.char_span(outer[1], token.idx, alignment_mode="expand")
                if between is not None and not any(_another_they(t) for t in between):
                    return self._groups[outer[0]]
        if token.head.lemma_.lower() not in SPEECH_VERBS | CUE_VERBS:
            return self.subject_before(token) if word == "they" else None
        here = self.sentence_of(token.idx)
        # The sentence before, past a closing quotation mark the parser split off ("...
        # international impact.\"" / "\"Twenty-one cases ...\" ..., it said": the health
        # ministry's; the PTC, session 66) and past the pronoun's own quoted words.
        near = [
            here,
            *(self.sentence_of(sent.start_char) for sent in self.sentences_before(here, token)),
        ]
        window = self.sent_starts[min(near)]
        reporting = self.reports(token.idx)
        nearest: tuple[Spans, str] | None = None
        nearby = [j for k in range(min(near), here + 1) for j in self._sourced.get(k, ())]
        for j in nearby:
            other, kind, _ = self.statements[j]
            if other is None or kind in {"author", "unattributed"} or j in reporting:
                continue
            if not (window <= other[0] and other[1] <= source[0]) or self.in_quote(other[0]):
                continue
            if nearest is None or other[0] > nearest[0][0]:
                nearest = (other, kind)
        if nearest is not None and not self.fits_group(nearest[0], nearest[1], word):
            # "the World Health Organization (WHO) said lab tests in the DRC confirmed ...":
            # a source that does not fit, inside what a fitting one says, gives way to it
            # ("... discovered that there were groups of Jews calling for ... They were
            # calling for ..." keeps the groups of Jews, who fit)
            inner = nearest[0][0]
            holding: list[tuple[Spans, str]] = []
            for j in nearby:
                speaker, said_kind, said = self.statements[j]
                if speaker is None or said_kind in {"author", "unattributed"}:
                    continue
                if said[0] <= inner < said[1] and speaker[1] <= source[0]:
                    holding.append((speaker, said_kind))
            if holding:
                nearest = max(holding, key=lambda found: found[0][0])
        # The nearest statement's source, or nobody: "Officials said ... Smith said ...
        # They added" is left unresolved.
        if nearest is not None and self.fits_group(nearest[0], nearest[1], word):
            return nearest[0]
        if (
            nearest is not None
            and nearest[0][0] in self._groups
            and self.text[slice(*nearest[0])].lower() == word
        ):
            # "They did not ... They said ...", "“...,” it said in a statement. It said
            # it had released $1 million ..." (the PTC, session 66)
            return self._groups[nearest[0][0]]
        return self.subject_before(token) if word == "they" and nearest is None else None

    def subject_before(self, token: Token, depth: int = 0) -> Spans | None:
        """Whom a "they" that is the first subject of its sentence stands for, where no
        statement says: the plural first subject of the sentence before, when it is also
        the main clause's and names people or bodies ("Authorities in West Hollywood
        arrested ... They said ...", "Barbara and John grew bored ... They wanted ..."),
        or what a "they" that is that subject stands for (a chain: "Canadian health
        inspectors agree. They did not validate the complaint. They said ..."). Not
        where either sentence names anything else "they" may be: "Police arrested two
        suspects. They said ..." may be either (`_another_they`)."""
        if depth > CHAIN_DEPTH or not _first_subject(token):
            return None
        here = self.sentence_of(token.idx)
        before = self.sentences_before(here, token)
        if not before or any(_another_they(t) for t in self.sents[here] if t.i < token.i):
            return None
        sent = before[0]
        words = sent.text.rstrip().rstrip(_QUOTE_CHARS + "’'")
        if self.capitalised(sent.start_char) or not words.endswith((".", "!", "?", ";")):
            return None  # a heading: "Nurses strike over pay"
        subject = next((t for t in sent if _first_subject(t)), None)
        if subject is None or _subject(subject) != (True, True) or self.in_quote(subject.idx):
            return None  # "As the police watched, the couple argued."
        phrase = _phrase(subject)
        if any(_another_they(t) for t in sent if not phrase[0] <= t.idx < phrase[1]):
            return None
        if subject.lower_ == "they":
            return self.subject_before(subject, depth + 1)
        return phrase if _group_noun(subject) or _coordinated(subject) else None

    def fits_group(self, source: Spans, kind: str, word: str) -> bool:
        # People named together are a "they" ("Labrosse and Canestrino said")
        if kind not in NAMED_GROUP_KINDS and not (word == "they" and kind == "person"):
            return False
        span = self.doc.char_span(*source, alignment_mode="expand")
        if span is None or len(span) == 0 or not _names_someone(span):
            return False
        plural = span.root.tag_ in {"NNS", "NNPS"}
        if word == "they":
            return plural or _coordinated(span.root)
        return not plural and kind in {"organisation", "media"}


def resolve_pronoun_sources(
    doc: Doc,
    statements: Sequence[tuple[Spans | None, str, Spans]],
    in_quote: Callable[[int], bool],
) -> list[Spans | None]:
    """For each statement `(source, kind, content)` of `doc` (character offsets), the
    span that names whom its pronoun source stands for, or None (see the module's rules).
    `in_quote(pos)` says whether a character lies inside a quotation."""
    return _Resolver(doc, statements, in_quote).run()
