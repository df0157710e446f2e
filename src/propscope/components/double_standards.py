"""The double-standards layer: where an article answers one party's conduct by pointing
at another's (whataboutism).

The PTC defines whataboutism as discrediting an opponent's position by charging them
with hypocrisy, without disproving it. Its surest trace in a text is two passages that
set one act beside two parties and treat them differently. The layer finds four forms,
by rules over the spaCy parse that the "attributions" component already made
(`propscope.nlp.parse_texts` shares it):

- **Opposite judgements of one act** ("opposite_judgements"): a party praised for an act
  and another condemned for the same act, in two sentences ("The US is praised for
  bombing them." / "... is condemning Russia for bombing them."). A judgement is a verb
  of blame (`BLAME`: condemn, criticise, accuse, denounce, ...) or of praise (`PRAISE`:
  praise, applaud, hail, ...) with the act after "for", "of" or "over"; a negated
  judgement ("is not condemned for") counts as the opposite one. The act is the verb
  after the preposition with its object ("bombing them"), and the verbs joined to it
  ("using suicide bombers, executing civilians, and using civilians as human
  shields"); the two acts must share a verb and its object.
- **Blamed for what another also does** ("also_does"): a party blamed for an act, and a
  sentence that says another does the same, with "also", "too", "as well", "likewise"
  or "the same" ("... are condemning ISIS for using suicide bombers, executing
  civilians, and using civilians as human shields." / "In Aleppo the Al-Qaeda led
  Jihadis are also using suicide bombers, are executing civilians, and are using
  civilians as human shields."). The second sentence must repeat at least two of the
  acts (verb and object), judge nothing itself, and not name the blamed party.
- **The same thing, treated differently** ("same_thing"): a party that "did the same
  thing" (does, doing, done; not "to do the same thing"), in a sentence that also judges
  or treats someone ("... while Hillary stands accused of inherent corruption for
  making less money doing the same thing?"; "Two guys on my ship did the same thing and
  weren't treated as criminals."), or after a sentence that judges someone ("... the
  Left accusing the Trump Administration of being cruel ..." / "When in fact, their
  idol, Obama did the same thing for years."). A judging word is a verb of blame or
  praise; in the same sentence also a negated verb of treatment (`TREATMENT`: treat,
  punish, charge, arrest, prosecute, investigate, mention, report, ...). Its passages
  are the judging sentence before, where that is the one that judges, and the sentence
  itself.
- **"What about ...?" after a judgement** ("what_about"): a question that opens with
  "what about" (or whose last clause does: "..., but what about ...?"), after a
  judgement in its own sentence or in one of the two before ("They want to prosecute
  Assange ..., but what about Judith Miller and The New York Times lying the West into
  war?"; "It is a true disgrace." / "What about Theresa May and the British
  government?"). A judgement here is a verb of blame or praise, a verb of punishment
  (`PUNISHMENT`: prosecute, arrest, jail, sanction, ...), or, in a sentence before, a
  word that condemns (`CONDEMNING`: disgrace, shame, scandal, outrage, ...). The
  question's words after "about" are its act; their noun phrase is the other side.

The passages are whole sentences, in text order (one for a "same_thing" that judges in
its own sentence, two otherwise). A sentence within three before the first passage, or
between the two, that names the double standard ("double standard",
"hypocrisy", "hypocritical", "hypocrite", "selective outrage") is given as its `charge`.
The two passages are at most `MAX_APART` (8) sentences apart. A pair of passages is
reported once, however many acts they share.

What the rules leave out, on purpose: a charge of hypocrisy with no pair of passages
behind it ("the hypocrites in Congress": that is name-calling, which the technique layer
marks), and two parties treated alike. Measured on 400 news articles and the 371 PTC
training articles in docs/quality.md ("Double standards").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from propscope.analysis import Analysis, AttributedSpan, DoubleStandard
from propscope.document import Document
from propscope.language import MIN_ENGLISH_SHARE
from propscope.language import not_english_note as _not_english
from propscope.nlp import ParsingLayer, load_spacy_for, parse_texts, pipeline_name
from propscope.pipeline import register_component

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "BLAME",
    "CONDEMNING",
    "MAX_APART",
    "PRAISE",
    "PUNISHMENT",
    "RULES_VERSION",
    "TREATMENT",
    "DoubleStandardFinder",
    "double_standards_from_doc",
]

# 3 (session 53): the parse reads curly contractions as straight ones ("it’s" is "it
# is") and splits invisible characters off words.
RULES_VERSION = 3

BLAME = frozenset(
    "condemn criticise criticize denounce accuse blame slam castigate decry censure "
    "vilify demonise demonize fault chastise rebuke scold lambast lambaste berate shame "
    "punish sanction attack".split()
)
PRAISE = frozenset(
    "praise applaud hail laud commend celebrate thank reward honour honor congratulate "
    "admire excuse forgive".split()
)
# Verbs of treatment that, negated beside "did the same thing", set the two apart
# ("... and weren't treated as criminals").
TREATMENT = (
    BLAME
    | PRAISE
    | frozenset(
        "treat charge prosecute arrest jail fire investigate question report cover mention "
        "notice care complain object protest".split()
    )
)
# Verbs of punishment: before "what about ...?" they judge as blame does ("They want to
# prosecute Assange ..., but what about ...?").
PUNISHMENT = frozenset(
    "punish sanction prosecute arrest jail imprison convict sentence charge indict fine "
    "fire expel ban suspend investigate impeach".split()
)
# Words that condemn without a verb of blame, in a sentence before "What about ...?"
# ("It is a true disgrace.").
CONDEMNING = frozenset(
    "disgrace disgraceful shame shameful scandal scandalous outrage outrageous "
    "unacceptable appalling despicable deplorable".split()
)
# Words that may open the clause of "what about": "But what about ...?", "And what ...".
_OPENERS = frozenset({"but", "and", "so", "well", "yet", "then", "or", "now"})
# What may end the clause or turn before "what about": a speaker's colon, a comma, ...
_CLAUSE_ENDS = frozenset({":", ",", ";", "—", "–", "-"})
# Sentences before "What about ...?" in which its judgement is looked for.
_WHAT_ABOUT_BEFORE = 2
# The prepositions that take the act a party is judged for.
_ACT_PREPS = frozenset({"for", "of", "over"})
_PARALLEL = re.compile(r"\b(?:also|too|as well|likewise|the same)\b", re.IGNORECASE)
_CHARGE = re.compile(
    r"\bdouble[- ]standards?\b|\bhypocri(?:sy|tical|tes?)\b|\bselective (?:outrage|indignation)\b",
    re.IGNORECASE,
)
# Sentences before the first passage in which a charge is looked for.
_CHARGE_BEFORE = 3
# How many sentences apart the two passages may be: an article sets one act against two
# parties within a few paragraphs (the example: two sentences apart), and a long text
# that repeats itself would otherwise pair every copy with every other.
MAX_APART = 8


def not_english_note(share: float) -> str:
    return _not_english(
        "Double standards were not looked for",
        share,
        "the rules read English grammar",
    )


@dataclass(frozen=True, slots=True)
class _Judgement:
    """A judging verb with the act it judges: "condemning ISIS for using ..."."""

    sentence: int
    verb: Token
    blame: bool  # True: blame; False: praise (a negation flips it)
    party: str  # who is judged, as written ("" where the parse names nobody)
    acts: frozenset[tuple[str, str]]  # (verb lemma, object lemma) of each act
    act: tuple[int, int]  # character span of the act, the preposition left out


def _object(verb: Token) -> str | None:
    """The lemma of the verb's direct object (or of the noun after its preposition)."""
    for child in verb.children:
        if child.dep_ in ("dobj", "obj"):
            return child.lemma_.lower()
    for child in verb.children:
        if child.dep_ == "prep":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild.lemma_.lower()
    return None


def _acts(verb: Token) -> tuple[frozenset[tuple[str, str]], list[Token]]:
    """The acts of `verb` and of the verbs joined to it ("using ..., executing ..., and
    using ..."), each as its lemma with its object's; verbs without an object are no act."""
    verbs = [verb]
    frontier = [verb]
    while frontier:
        current = frontier.pop()
        for child in current.children:
            if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX") and child not in verbs:
                verbs.append(child)
                frontier.append(child)
    acts = set()
    for token in verbs:
        obj = _object(token)
        if obj is not None:
            acts.add((token.lemma_.lower(), obj))
    return frozenset(acts), verbs


def _negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" for c in verb.children) or any(
        c.lower_ in ("no", "nobody", "none") and c.dep_ in ("nsubj", "nsubjpass")
        for c in verb.children
    )


def _written(tokens: Sequence[Token]) -> str:
    """Tokens as the text writes them ("Trump's tweets", not "Trump 's tweets"): the
    text from the first to the last where they follow one another, else joined by
    spaces."""
    if not tokens:
        return ""
    first, last = tokens[0].i, tokens[-1].i
    if last - first + 1 == len(tokens) == len({t.i for t in tokens}):
        return tokens[0].doc[first : last + 1].text.strip()
    return " ".join(t.text for t in tokens).strip()


def _party(verb: Token) -> str:
    """Who the judging verb judges: its object, or its subject where it is passive, up
    to the preposition of the act ("the mill", not "the mill for dumping waste")."""
    for dep in ("dobj", "nsubjpass"):
        for child in verb.children:
            if child.dep_ == dep:
                words = [
                    t
                    for t in child.subtree
                    if not any(
                        a.dep_ == "prep" and a.lower_ in _ACT_PREPS and a.head == child
                        for a in (t, *t.ancestors)
                    )
                ]
                return _written(words)
    return ""


def _judgements(sentences: Sequence[Span]) -> list[_Judgement]:
    found = []
    for index, sentence in enumerate(sentences):
        for token in sentence:
            lemma = token.lemma_.lower()
            if token.pos_ != "VERB" or (lemma not in BLAME and lemma not in PRAISE):
                continue
            # The parser hangs "for ..." on the verb or on its object ("condemned the
            # mill for dumping waste").
            heads = [token, *(c for c in token.children if c.dep_ in ("dobj", "nsubjpass"))]
            for prep in (c for head in heads for c in head.children):
                if prep.dep_ != "prep" or prep.lower_ not in _ACT_PREPS:
                    continue
                for act_verb in prep.children:
                    if act_verb.dep_ != "pcomp" or act_verb.pos_ != "VERB":
                        continue
                    acts, verbs = _acts(act_verb)
                    if not acts:
                        continue
                    tokens = [t for v in verbs for t in v.subtree]
                    start = min(t.idx for t in tokens)
                    end = max(t.idx + len(t.text) for t in tokens)
                    blame = (lemma in BLAME) != _negated(token)
                    found.append(_Judgement(index, token, blame, _party(token), acts, (start, end)))
    return found


def _asserted_acts(sentence: Span) -> list[tuple[frozenset[tuple[str, str]], Token]]:
    """The acts a sentence states, outside any judgement: each verb heading a run of
    joined verbs, with the acts of the run."""
    runs = []
    for token in sentence:
        if token.pos_ not in ("VERB", "AUX") or token.dep_ == "conj":
            continue
        if token.dep_ == "pcomp" and token.head.lower_ in _ACT_PREPS:
            continue
        acts, _ = _acts(token)
        if acts:
            runs.append((acts, token))
    return runs


def _sentence_span(sentence: Span) -> AttributedSpan:
    # The span's own text: `Doc.text` would join every token of the document again.
    text = sentence.text
    start = sentence.start_char + (len(text) - len(text.lstrip()))
    return AttributedSpan(start, start + len(text.strip()), text.strip())


def _charge(sentences: Sequence[Span], first: int, second: int) -> AttributedSpan | None:
    for index in range(max(0, first - _CHARGE_BEFORE), second):
        if index in (first, second):
            continue
        match = _CHARGE.search(sentences[index].text)
        if match is not None:
            return _sentence_span(sentences[index])
    return None


def _same_thing(sentence: Span) -> Token | None:
    """The verb of "did the same thing" in `sentence` (does, doing, done), unless it is
    an infinitive or follows "from" ("trying to do the same thing", "deter them from
    doing the same thing")."""
    for token in sentence:
        if token.lemma_.lower() != "do" or token.pos_ not in ("VERB", "AUX"):
            continue
        thing = next(
            (c for c in token.children if c.dep_ == "dobj" and c.lower_ in ("thing", "things")),
            None,
        )
        if thing is None or not any(c.lower_ == "same" for c in thing.children):
            continue
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
            continue
        if token.dep_ == "pcomp" and token.head.lower_ == "from":
            continue
        return token
    return None


def _judging_word(sentence: Span, *, skip: Token | None = None, negated: bool = False) -> str:
    """The first verb of blame or praise in `sentence` ("accused"), or, with `negated`, a
    negated verb of treatment with its negation ("weren’t treated"); "" where none."""
    for token in sentence:
        if skip is not None and token.i == skip.i:
            continue
        lemma = token.lemma_.lower()
        if lemma in BLAME or lemma in PRAISE:
            return token.text
        if negated and lemma in TREATMENT and token.pos_ == "VERB":
            words = [c for c in token.children if c.dep_ in ("aux", "auxpass", "neg")]
            if any(c.dep_ == "neg" for c in words):
                shown = sorted([*words, token], key=lambda t: t.i)
                return token.doc[shown[0].i : token.i + 1].text
    return ""


def _own_subject(verb: Token) -> str | None:
    """The words of `verb`'s own subject, or None where it has none."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return _written(list(child.subtree))
    return None


def _subject(verb: Token) -> str:
    """Who does `verb`: its subject, or the subject of the first verb above it that has
    one ("... Hillary stands accused ... for making less money doing the same thing")."""
    current: Token | None = verb
    while current is not None:
        subject = _own_subject(current)
        if subject is not None:
            return subject
        # The root is its own head; spaCy makes a new Token object at every access,
        # so compare indexes, not objects.
        current = None if current.head.i == current.i else current.head
    return ""


def _what_about(sentence: Span) -> Token | None:
    """The "about" of a question that opens with "what about", or whose last clause does
    ("..., but what about ...?"); None where the sentence asks no such question."""
    tokens = list(sentence)
    while tokens and (tokens[-1].is_space or tokens[-1].is_quote):
        tokens.pop()
    if not tokens or tokens[-1].text != "?":
        return None
    for k in range(len(tokens) - 1):
        if tokens[k].lower_ != "what" or tokens[k + 1].lower_ != "about":
            continue
        before = k - 1
        while before >= 0 and (tokens[before].lower_ in _OPENERS or tokens[before].is_space):
            before -= 1
        # The sentence's start, an opening quotation mark, a speaker's colon ("RC: What
        # about ...?") or the comma, semicolon or dash that ends the clause before.
        if before < 0 or tokens[before].is_quote or tokens[before].text in _CLAUSE_ENDS:
            return tokens[k + 1]
    return None


def _pointed_at(about: Token) -> tuple[str, tuple[int, int]]:
    """What "what about" points at: the noun phrase after it ("Judith Miller and The New
    York Times"), and the character span of all it says up to the question mark (the
    act)."""
    doc, end = about.doc, about.sent.end
    words = []
    for token in doc[about.i + 1 : end]:
        if token.text == "?":
            break
        words.append(token)
    while words and (words[-1].is_punct or words[-1].is_space):
        words.pop()
    if not words:
        return "", (about.idx, about.idx)
    party: list[Token] = []
    for token in words:
        if party and (
            token.pos_ in ("VERB", "AUX", "ADP", "PUNCT", "SCONJ")
            or token.lower_ in ("who", "which", "that", "whose")
        ):
            break
        party.append(token)
    act = (words[0].idx, words[-1].idx + len(words[-1].text))
    return _written(party), act


def _judging_before(sentence: Span, about: Token) -> tuple[str, str]:
    """The judgement before "what about" in its own sentence: a verb of blame, praise or
    punishment, not negated, with whom it judges; ("", "") where none."""
    for token in sentence:
        if token.i >= about.i:
            break
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" and (lemma in BLAME or lemma in PRAISE or lemma in PUNISHMENT):
            if not _negated(token):
                return _party(token), token.text
    return "", ""


def _condemning(sentence: Span) -> tuple[str, str]:
    """A judgement in a sentence before "What about ...?": a verb of blame, praise or
    punishment with whom it judges, or a word that condemns; ("", "") where none."""
    for token in sentence:
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" and (lemma in BLAME or lemma in PRAISE or lemma in PUNISHMENT):
            return _party(token), token.text
        if lemma in CONDEMNING or token.lower_ in CONDEMNING:
            return "", token.text
    return "", ""


def double_standards_from_doc(doc: Doc) -> list[DoubleStandard]:
    """The double standards of one parsed document, in text order of their first passage."""
    sentences = [s for s in doc.sents if s.text.strip()]
    judgements = _judgements(sentences)
    found: dict[tuple[int, int], DoubleStandard] = {}
    text = doc.text  # once: `Doc.text` joins every token again

    def add(
        kind: str,
        first: tuple[int, str, str],
        second: tuple[int, str, str],
        act: tuple[int, int],
    ) -> None:
        """Each side as (sentence, party, judging word): the earlier sentence first, the
        judging side first within one sentence; one passage where both are the same
        sentence."""
        first, second = sorted((first, second), key=lambda side: side[0])
        key = (first[0], second[0])
        if key in found:
            return
        passages = tuple(_sentence_span(sentences[i]) for i in dict.fromkeys(key))
        found[key] = DoubleStandard(
            kind=kind,
            passages=passages,
            act=" ".join(text[act[0] : act[1]].split()),
            parties=(first[1], second[1]),
            judgements=(first[2], second[2]),
            charge=_charge(sentences, *key),
        )

    # The same act, praised in one party and blamed in another.
    for i, one in enumerate(judgements):
        for other in judgements[i + 1 :]:
            if other.sentence - one.sentence > MAX_APART:
                break
            if one.sentence == other.sentence or one.blame == other.blame:
                continue
            if not one.acts & other.acts:
                continue
            if one.party and one.party.lower() == other.party.lower():
                continue
            add(
                "opposite_judgements",
                (one.sentence, one.party, one.verb.text),
                (other.sentence, other.party, other.verb.text),
                one.act,
            )
    # A party blamed for acts that another sentence says someone else does too.
    judged = {j.sentence for j in judgements}
    blamed_ones = [j for j in judgements if j.blame]
    # The sentences that could say another does it too, each read once.
    parallel = (
        []
        if not blamed_ones
        else [
            (index, sentence.text.lower(), _asserted_acts(sentence))
            for index, sentence in enumerate(sentences)
            if index not in judged and _PARALLEL.search(sentence.text)
        ]
    )
    for blamed in blamed_ones:
        for index, lowered, runs in parallel:
            if abs(index - blamed.sentence) > MAX_APART:
                continue
            if blamed.party and blamed.party.lower() in lowered:
                continue
            for acts, head in runs:
                if len(acts & blamed.acts) >= 2:
                    add(
                        "also_does",
                        (blamed.sentence, blamed.party, blamed.verb.text),
                        (index, _doer(head), ""),
                        blamed.act,
                    )
                    break
    # "did the same thing", set against a judgement in its sentence or the one before.
    for index, sentence in enumerate(sentences):
        verb = _same_thing(sentence)
        if verb is None:
            continue
        thing = next(c for c in verb.children if c.dep_ == "dobj")
        act = (min(t.idx for t in thing.subtree), thing.idx + len(thing.text))
        doer = (index, _subject(verb), "")
        judging = _judging_word(sentence, skip=verb, negated=True)
        if judging:
            add("same_thing", (index, "", judging), doer, act)
        elif index > 0 and (before := _judging_word(sentences[index - 1])):
            add("same_thing", (index - 1, "", before), doer, act)
    # "What about ...?" after a judgement in its sentence or one of the two before.
    for index, sentence in enumerate(sentences):
        about = _what_about(sentence)
        if about is None:
            continue
        target, act = _pointed_at(about)
        if not target:
            continue
        pointed = (index, target, "what about")
        judged_party, word = _judging_before(sentence, about)
        if word:
            add("what_about", (index, judged_party, word), pointed, act)
            continue
        for earlier in range(index - 1, max(-1, index - 1 - _WHAT_ABOUT_BEFORE), -1):
            judged_party, word = _condemning(sentences[earlier])
            if word:
                add("what_about", (earlier, judged_party, word), pointed, act)
                break
    return [found[key] for key in sorted(found)]


def _doer(verb: Token) -> str:
    """Who does the act a sentence states: the verb's subject, or the noun phrase before
    the verb where the parse gives it none."""
    subject = _own_subject(verb)
    if subject is not None:
        return subject
    # Not `noun_chunks`, which reads the whole document for every sentence.
    start = verb.sent.start
    for token in reversed(verb.doc[start : verb.i]):
        if token.pos_ in ("NOUN", "PROPN"):
            return verb.doc[max(token.left_edge.i, start) : token.i + 1].text
    return ""


class DoubleStandardFinder(ParsingLayer):
    """The double-standards layer (the rules in this module's docstring).

    `predict` parses the documents (reusing the parse "attributions" made) and returns
    each one's double standards, with no side effects; `set_annotations` writes them
    onto the analyses with their count in the summary. A document too long for the
    parser, or not English, is left without the layer, with a note saying why.
    """

    name = "double_standards"
    layer_words = "Double standards were"
    not_english = staticmethod(not_english_note)

    def model_info(self) -> dict[str, Any]:
        return {
            "name": "double-standard-rules",
            "version": RULES_VERSION,
            "spacy_model": pipeline_name(self.nlp),
        }

    def predict(self, docs: Sequence[Document]) -> list[list[DoubleStandard] | str]:
        """Each document's double standards, or a note saying why it has none looked
        for (too long, not English)."""
        notes = self._notes(docs)
        parsed = iter(
            parse_texts(self.nlp, self._to_parse(docs, notes), batch_size=self.batch_size)
        )
        return [
            note if note is not None else double_standards_from_doc(next(parsed)) for note in notes
        ]

    def set_annotations(
        self,
        docs: Sequence[Document],
        analyses: Sequence[Analysis],
        predictions: Sequence[Sequence[DoubleStandard] | str],
    ) -> None:
        for analysis, found in zip(analyses, predictions, strict=True):
            if isinstance(found, str):
                analysis.notes.append(found)
                continue
            analysis.double_standards = list(found)
            analysis.summary["double_standards"] = len(found)

    def __call__(self, docs: Sequence[Document], analyses: Sequence[Analysis]) -> None:
        self.set_annotations(docs, analyses, self.predict(docs))


@register_component(
    "double_standards",
    defaults={"spacy_model": None, "batch_size": 8, "min_english_share": MIN_ENGLISH_SHARE},
    description="Passages that judge two parties differently for one act: whataboutism's "
    "double standard (rules over spaCy).",
)
def make_double_standard_finder(
    *, spacy_model: str | None, batch_size: int, min_english_share: float
) -> DoubleStandardFinder:
    """Build the component, loading spaCy now: a missing spaCy or English model fails
    here, when the Analyzer is built, with the install command."""
    nlp = load_spacy_for("double_standards", "double standards", spacy_model)
    return DoubleStandardFinder(nlp=nlp, batch_size=batch_size, min_english_share=min_english_share)
