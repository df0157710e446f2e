"""The headline layer: lines that revise an article, and whether they undo its headline.

Two parts: a stance model (FNC-1, `propscope.models.stance`) says whether the body
supports the headline (`Headline.stance`), and rules find the lines that revise the
article and, for each, say whether it contradicts the headline and whether the body
says what it says.

Update lines
- A line that opens with a label and a separator ("UPDATE:", "Updated:", "Update 2:",
  "UPDATE (Oct. 5):", "Update 14:20 GMT —", "Correction:", "Clarification:",
  "Editor's note:"), or with a sentence about this article ("This article has been
  updated ...", "This story has been corrected ...", "An earlier version of this article
  ..."), anywhere in the text. A title line that is an update line ("UPDATE: Putin
  denies ...") is one, and the article has no headline. A label alone on its line
  ("Update as of 1/5:") says what the next line says. Decoration before the label ("*",
  "[", "(", "—") is allowed. The span is the whole line, without its surrounding
  whitespace. Between label and separator only dates, times, numbers and a bracketed
  note may stand, so "Updated figures show ...: ..." is not an update line, nor
  "updated" inside a sentence ("The software was updated last year.").
- Kinds: "correction" (Correction, Clarification, corrected, amended, clarified, "an
  earlier version of this ..."), "editors_note" (Editor's note, Ed. note, Note to
  readers) and "update" (the rest).
- What the line says is the text after its label ("Putin denies ..."), or after the
  phrase of a sentence form ("... has been updated to say that ...").

Key content is the lemmas of nouns, proper nouns, verbs and adjectives (spaCy), less stop
words, dates, times and numbers, a few words too common to tell anything ("say",
"report", "update") and the signal words below; "-ing" and a plural "s" are cut, so
"bombing", "bombs" and "bomb" are one key and "Russians" matches "Russian".

Reversal signals: the lemmas deny, reject, refuse, decline, cancel, retract, withdraw,
rescind, revoke, reverse, overturn, refute, debunk, disprove, recant, veto, halt,
suspend, contradict, misstate, misreport, misquote; the phrasal verbs "turn down", "call
off", "back down", "back out", "pull out"; negation ("not", "n't", "never", "no",
"no longer", "nothing", "none", "nobody", "neither ... nor", which bears on the verb of
the pair it opens); "false", "untrue", "incorrect", "inaccurate",
"wrong", "erroneous", "mistaken", "fake", "baseless", "unfounded" and their "-ly"
adverbs; and "in fact".

Contradicts the headline: the update shares at least `min_shared` (2) pieces of key
content with the headline (a named entity of several words, "San Francisco", counts as
one; "Putin" matches "Vladimir Putin") AND either
- carries a reversal signal while the headline carries none, in a clause that holds at
  least `min_shared` of the shared pieces: the subtree of the reversal verb, or of the
  word a negation depends on ("UPDATE: Putin denies the military's request to bomb
  Aleppo" under "Russian military asks Putin to restart bombing Al-Qaeda in Aleppo";
  but not "Putin approved the request to bomb Aleppo, which the army had not
  expected"), or
- states the opposite outcome: one word of a short list of opposites (win/lose,
  approve/reject, confirm/deny, arrest/release, live/die, start/stop, resume/halt, ...)
  in the update against the other in the headline.
With no title there is no headline: `contradicts_headline` is None and a note says so;
no verdict is made from nothing.

Reflected in the body: some body sentence (the text after the title, less the update
lines) shares at least a third of the update's key content (and at least `min_shared`
pieces) AND, when the update reverses or opposes something, carries a reversal signal
whose clause holds that much of the update's content, or the same opposite word ("A
Kremlin spokesman said Putin had refused the military's request to bomb Aleppo").
An update that reverses nothing is not reflected by a sentence that
carries a reversal signal over that content: "UPDATE: the campaign will release its
bundlers' names" against "... its decision to stop releasing its bundlers' names, on which
it did not comment" is the body still saying the opposite. Otherwise the body is written
as if the update had not happened. A line that says
nothing but a date ("Updated: Oct. 5, 2016") has nothing to look for:
`reflected_in_body` is None, and it does not contradict the headline. Nor does a note on
what an earlier version mentioned, listed or quoted ("The original version of this story
mentioned X as a possible target"): a revised body no longer says it.

Known failure cases
- Polarity is counted, not parsed: a headline and an update that both carry a negation
  are taken to agree, so a denial of a denial ("UPDATE: Putin did not deny it") is
  missed. The clause test follows the parser: where it attaches a negation to the wrong
  word, a negation about something else can still make a false contradiction, and a
  real one be missed.
- Opposite outcomes outside the short list of opposites ("Clinton concedes" under
  "Clinton leads") are missed; a paraphrase with no shared key ("the Kremlin said no"
  under "Putin asked to ...") shares nothing and is missed, in both checks.
- "in fact" and "no" are weak signals and can fire on a confirming update ("UPDATE:
  Putin has in fact approved it", "no one was hurt").
- An all-caps "UPDATE" with no separator ("UPDATE Putin denies ...") and an update whose
  text sits on the next line ("UPDATE" alone on a line) are not recognised.
- Reflection is one sentence at a time: a body that reports the denial across two
  sentences, or with different words, is "not reflected". For an update that reverses
  nothing ("This post has been updated with comments from X"), reflection is overlap
  alone: a body sentence that names the same people counts, whatever it says of them.

As the pipeline component "headline" (on by default, after "attributions"), it fills
`Analysis.headline` and adds `updates` and `updates_contradicting_headline` to the
summary. Finding update lines needs only regular expressions; spaCy and its English
model are loaded when the component is built, and a document is parsed only when it has
an update line.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from propscope.analysis import Analysis, AttributedSpan, Headline, UpdateLine
from propscope.document import Document, is_lede
from propscope.first_names import name_gender
from propscope.furniture import Furniture, find_furniture
from propscope.language import looks_english
from propscope.lines import stripped
from propscope.models.stance import MAX_SENTENCES, StanceModel
from propscope.nlp import (
    load_spacy,
    load_spacy_for,
    parse_texts,
    pipeline_name,
    too_long_note,
)
from propscope.pipeline import register_component
from propscope.sentences import sentence_spans

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "HeadlineChecker",
    "UpdateCandidate",
    "check_updates",
    "find_update_lines",
    "make_headline_checker",
    "stale_stance_notes",
]

# 13 (session 54's review): only an editor's note, and none that says what was wrong; a
# name and a date is no byline unless the first name is known (as in 10); the note that
# no sentence moves the verdict;
# 12 (session 54): a note on what an earlier version mentioned, listed or quoted has
# nothing to look for in the body;
# 11 (session 54): stance-fnc1 0.2.0 (its similarities read every word); a title that is
# no headline (a byline, a label, a credit, a date) is none for an update line to
# contradict either;
# 10 (session 53): the parse reads curly contractions as straight ones and splits
# invisible characters off words, and initials at a line's end ("H.R.\nMcMaster")
# end no body sentence;
# 9 (session 48): a caption's "— Picture by ..." is a credit, no headline;
# 8 (session 38): a plural title ends no sentence ("Republican Sens. Richard Lugar");
# 7 (session 37): body sentences as the claims layer cuts them ("Mr. Obama" ends none),
# and no stance for a lede of more than LONG_TITLE_WORDS words;
# 6 (session 36): nor a credit, a label or names; 5: furniture; 4: a date
RULES_VERSION = "13"

STALE_STANCE_NOTE = (
    "The body's agreement is with the headline as first published: an update line "
    "contradicts the headline, and the body was not revised to say so."
)


def stale_stance_notes(stance: str | None, updates: Sequence[UpdateLine]) -> tuple[str, ...]:
    """A note when the body agrees with a headline that one of the article's own update
    lines contradicts, unreflected in the body: the stance and the update then give a
    reader two verdicts, and the note says how they fit."""
    stale = any(u.contradicts_headline and u.reflected_in_body is False for u in updates)
    return (STALE_STANCE_NOTE,) if stance == "agree" and stale else ()


# Beside a verdict no one sentence moves (`propscope.models.stance.MIN_EVIDENCE_DROP`),
# where every sentence was left out in turn.
NO_STANCE_EVIDENCE_NOTE = (
    "No one sentence moves the stance verdict by 2 points or more: it rests on the body as a whole."
)
NO_HEADLINE_NOTE = (
    "The article has no headline (no title line): no update line can be said to contradict "
    "it, and there is no headline for the body to agree or disagree with."
)
MIN_STANCE_WORDS = 25


def lede_note(words: int) -> str:
    return (
        f"The first line has {words} words: a paragraph rather than a headline, so no "
        "verdict is given on whether the body supports it."
    )


NOT_A_HEADLINE_NOTE = (
    "The title line looks like a byline, a user name, a caption, a photo credit or a "
    "label, not a headline: no verdict is given on whether the body supports it."
)
# A first line that is a byline or a page's furniture: "Alex Mar | Atlas Obscura | June
# 2016 | 27 minutes (6,812 words)", "By Jay Zawaski--".
_BYLINE = re.compile(
    r"(?:\(\d[\d,]*\s+words\)|\b\d+\s+min(?:ute)?s?(?:\s+read)?\b.*$|"
    r"^By\s+[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+)*\s*(?:[-–—|,]|$))"
)
# A photo credit ("J.D. Pooley / Getty Images", "CP/Getty", "Photo by Karsten Moran",
# "© 2011, Pro-Youth Pages", a caption's "— Picture by Miera Zulyana") or a user's
# handle ("(@ChaudhryMAli88)").
_CREDIT = re.compile(
    r"\b(?:Getty|iStock|Shutterstock|Alamy|Photo(?:graph)? by)\b"
    r"|(?:^|\s)[—–-]\s*(?:Picture|Image)s? by\b|©|^\(?@\w+\)?$",
    re.IGNORECASE,
)
# A label: one word ("Updated", "By", "Others"), or up to four words ending in a colon or
# a comma ("OPINION:", "Transcript:", "Image caption,"); a longer line so ended is a
# lede's first sentence.
_LABEL_TITLE = re.compile(r"^\W*\w+\W*$|^\W*\w+(?:\s+\S+){0,3}?\s*[:,]\s*$")
# A byline that is only names: "Roger Naylor", "Nick Penzenstadler, and Susan Page",
# "Jay Cochran - June 03, 2016"; a first name of the list opens each.
_NAME = r"(?P<first{0}>[A-Z][a-z]+) [A-Z][\w'’.-]+"
_NAMES_TITLE = re.compile(
    rf"^{_NAME.format(1)}(?:,? and {_NAME.format(2)})?(?:\s*[-–—|]\s*[^\n]*\d{{4}})?\s*$"
)


def _byline_or_label(title: str) -> bool:
    """Whether a first line is a byline, a photo credit or a label rather than a headline."""
    if _BYLINE.search(title) or _CREDIT.search(title) or _LABEL_TITLE.search(title):
        return True
    names = _NAMES_TITLE.match(title.strip())
    return names is not None and all(
        name_gender(first) is not None for first in names.group("first1", "first2") if first
    )


DATE_TITLE_NOTE = (
    "The first line is a date, not a headline: no verdict is given on whether the body supports it."
)
FURNITURE_TITLE_NOTE = (
    "The first line is the web page's furniture (a call to action, an advertisement slot, a "
    "robot check), not a headline: no verdict is given on whether the body supports it."
)
# Dates and times, in a first line that is only a date and in an update line's label.
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_DAYS = (
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    "|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun"
)
_ZONES = r"gmt|utc|bst|cet|cest|eet|msk|[ecmp][sd]?t|a\.?m\.?|p\.?m\.?|hrs|h"
# The words of a first line that is only a date or a time: "January 6, 2020",
# "Mon 6 Jan 2020 10.30 GMT".
_DATE_WORDS = re.compile(
    rf"(?:{_MONTHS}|{_DAYS})\.?|{_ZONES}|ist|\d{{1,4}}(?:st|nd|rd|th)?"
    r"|updated|published|posted|on|at|of",
    re.IGNORECASE,
)


def _date_only(line: str) -> bool:
    """Whether a line holds a date and nothing else a headline would ("January 6, 2020")."""
    line = re.sub(r"\b([ap])\.m\.", r"\1m", line, flags=re.IGNORECASE)  # "p.m." -> "pm"
    words = re.findall(r"[^\W_]+(?:\.(?=\s|$))?", line)
    return (
        bool(words)
        and all(_DATE_WORDS.fullmatch(w) for w in words)
        and any(w[0].isdigit() for w in words)
    )


TITLE_IS_UPDATE_NOTE = (
    "The first line is an update line, not a headline: it is listed with the update lines, "
    "and there is no headline for the body to agree with or for an update to contradict."
)
NOT_ENGLISH_UPDATES = (
    "Not judged: the article does not look like English, and the rules read English words."
)


@dataclass(frozen=True, slots=True)
class StanceResult:
    stance: str | None
    scores: dict[str, float]
    evidence: tuple[AttributedSpan, ...]
    notes: tuple[str, ...]
    headline: bool = True  # False: the title is a byline, a label, a credit, a date ...


_CALL_TO_ACTION = re.compile(
    r"[\s\"“]*(?:click here|read more|sign up|subscribe|log in|follow us|share this)\b",
    re.IGNORECASE,
)


def judge_stance(
    model: StanceModel, doc: Document, update_spans: Sequence[tuple[int, int]]
) -> StanceResult:
    """The body's stance towards the headline, or a note saying why there is none.

    The body is the text after the title less its update lines (those are checked on
    their own). A verdict needs a headline, an English body and at least 25 words of it.
    """
    if not doc.title:
        return StanceResult(None, {}, (), ())
    text = doc.text
    furniture = find_furniture(text)
    not_a_headline = _not_a_headline(doc, furniture)
    if not_a_headline is not None:
        return StanceResult(None, {}, (), (not_a_headline,), headline=False)
    headline = doc.title
    notes: tuple[str, ...] = ()
    if is_lede(headline):
        # A lede taken for the title (an article saved without its headline): it belongs
        # to the article, so "unrelated" was always a false alarm and "agree" said nothing
        # (session 37: 36 and 38 of the 143 such news articles of 400).
        return StanceResult(None, {}, (), (lede_note(len(headline.split())),))
    title = " ".join(doc.title.split()).casefold()
    sentences = [
        (s, e)
        for s, e in sentence_spans(text)  # "Mr. Obama" is one sentence, not two
        if s >= doc.body_start
        and not any(s < ue and us < e for us, ue in update_spans)
        # Not the article's words: a call to action ("Click here to respond ..."), the
        # page's furniture, or the headline printed again as the body's first line.
        and not _CALL_TO_ACTION.match(text, s, e)
        and 2 * furniture.covered(s, e) < e - s
        and " ".join(text[s:e].split()).casefold().rstrip(".") != title.rstrip(".")
    ]
    body = " ".join(text[s:e] for s, e in sentences)
    if not looks_english(body):
        return StanceResult(
            None,
            {},
            (),
            (
                "The body does not look like English: the stance model reads English only, "
                "so no verdict is given on whether it supports the headline.",
            ),
        )
    words = len(body.split())
    if words < MIN_STANCE_WORDS:
        what = "no body" if not words else f"a body of {words} words"
        return StanceResult(
            None,
            {},
            (),
            (
                f"The article has {what}: too little to judge whether it supports the "
                f"headline (the stance model needs at least {MIN_STANCE_WORDS} words).",
            ),
        )
    verdict = model.predict(headline, [text[s:e] for s, e in sentences])
    evidence = tuple(
        AttributedSpan(sentences[i][0], sentences[i][1], text[sentences[i][0] : sentences[i][1]])
        for i, _ in verdict.evidence
    )
    # Said only where each sentence was left out in turn: not of a one-sentence body, nor
    # past the sentences the evidence looks at.
    if not evidence and verdict.stance != "unrelated" and 1 < len(sentences) <= MAX_SENTENCES:
        notes += (NO_STANCE_EVIDENCE_NOTE,)
    return StanceResult(verdict.stance, verdict.scores, evidence, notes)


# --- finding update lines -----------------------------------------------------------------

# What may stand between a label and its separator: dates, times, numbers, "at"/"on",
# a bracketed note. Never free words, so "Updated figures show ...:" is no label.
_QUALIFIER = rf"""
    (?:[ \t,]*
       (?:\([^()\n]{{1,40}}\)|\[[^\[\]\n]{{1,40}}\]
         |\d{{1,4}}(?:[:./]\d{{1,4}})*(?:st|nd|rd|th)?
         |(?:{_MONTHS}|{_DAYS}|{_ZONES}|at|on|as\s+of|of|local\s+time|time)\b\.?
       )
    ){{0,8}}
"""
_LEAD = r"[ \t\u00a0*_>#(\[•·\-–—]*"
_LABEL_LINE = re.compile(
    rf"""
    ^{_LEAD}
    (?:
        (?P<editors_note>editor(?:['’]s|s['’]?)?\s+note|ed\.?\s+note|note\s+to\s+readers)
      | (?P<correction>corrections?|corrected|clarifications?|clarified)
      | (?P<update>updated?|updates|latest\s+update)
    )
    {_QUALIFIER}
    [ \t]*(?:[:—–]|-{{1,2}}(?=[ \t]))
    """,
    re.IGNORECASE | re.VERBOSE,
)
_SENTENCE_LINE = re.compile(
    rf"""
    ^{_LEAD}
    (?:
        this\s+(?:article|story|post|report|piece|item|page|headline|column|blog\s+post)
        \s+(?:(?:has|had|have)\s+)?(?:been|was|is|were)\s+(?:(?:since|now|subsequently)\s+)?
        (?:(?P<correction>corrected|amended|clarified)|(?P<update>updated|revised|changed|edited))
      | (?P<earlier>an?\s+(?:earlier|previous|prior)\s+version\s+of\s+this
        \s+(?:article|story|post|report|piece|headline|page))
      | (?P<addition>an?\s+(?:update|addition)\s+to\s+this
        \s+(?:article|story|post|report|piece|page))
    )\b
    """,
    re.IGNORECASE | re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class UpdateCandidate:
    """An update line found by the patterns: the line's span, its kind, and the span of
    what it says (after its label; empty when it says nothing)."""

    start: int
    end: int
    kind: str
    content_start: int
    content_end: int


def _lines(text: str, start: int) -> Iterable[tuple[int, int]]:
    """(start, end) of each line of text[start:], without the line break."""
    pos = start
    while pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        yield pos, end
        pos = end + 1


def find_update_lines(text: str, *, body_start: int = 0) -> list[UpdateCandidate]:
    """Every line of text[body_start:] that revises the article, with its kind.

    Pass the document's `body_start` so that the title line is never taken for one.
    """
    found = []
    for line_start, line_end in _lines(text, body_start):
        start, end = stripped(text, line_start, line_end)
        if start >= end:
            continue
        line = text[start:end]
        label = _LABEL_LINE.match(line)
        if label is not None:
            kind = next(k for k in ("editors_note", "correction", "update") if label[k])
            matched = label.end()
        else:
            sentence = _SENTENCE_LINE.match(line)
            if sentence is None:
                continue
            kind = "update" if sentence["update"] or sentence["addition"] else "correction"
            matched = sentence.end()
        content_start, content_end = stripped(text, start + matched, end)
        # A closing bracket or decoration closing the line is no content: "[UPDATE: ...]".
        while content_end > content_start and text[content_end - 1] in "]*_)":
            content_end -= 1
        if content_start >= content_end and label is not None:
            following = _next_line(text, end)
            if following is not None:  # "Update as of 1/5:" over what it says
                start_next, end_next = following
                following_line = text[start_next:end_next]
                if not (_LABEL_LINE.match(following_line) or _SENTENCE_LINE.match(following_line)):
                    content_start, content_end = start_next, end_next
                    end = end_next
        found.append(UpdateCandidate(start, end, kind, content_start, content_end))
    return found


def _next_line(text: str, after: int) -> tuple[int, int] | None:
    """The next line with something on it after position `after`, stripped."""
    for line_start, line_end in _lines(text, after + 1):
        start, end = stripped(text, line_start, line_end)
        if start < end:
            return start, end
    return None


# --- key content and signals ---------------------------------------------------------------

_CONTENT_POS: Final = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})
_NOT_CONTENT_ENTS: Final = frozenset(
    {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}
)
# Too common in news, and in update lines themselves, to tell what a line is about.
_GENERIC: Final = frozenset(
    """
    say tell be have do make get go take give come see know think report update article story
    post version earlier late latest new time day week month year today yesterday tonight
    people thing way include add note editor correction correct clarify clarification
    """.split()
)
_REVERSAL_LEMMAS: Final = frozenset(
    """
    deny reject refuse decline cancel retract withdraw rescind revoke reverse overturn refute
    debunk disprove recant veto halt suspend contradict misstate misreport misquote
    """.split()
)
_PHRASAL_REVERSALS: Final = {
    "turn": {"down"},
    "call": {"off"},
    "back": {"down", "out"},
    "pull": {"out"},
}
_FALSITY: Final = frozenset(
    """
    false falsely untrue incorrect incorrectly inaccurate inaccurately wrong wrongly
    erroneous erroneously mistaken mistakenly fake baseless unfounded
    """.split()
)
_NEGATIONS: Final = frozenset({"not", "n't", "never", "no", "nothing", "none", "nobody"})
_OPPOSITES: Final = (
    ("win", "lose"),
    ("approve", "reject"),
    ("approve", "deny"),
    ("accept", "reject"),
    ("accept", "decline"),
    ("confirm", "deny"),
    ("grant", "refuse"),
    ("agree", "refuse"),
    ("arrest", "release"),
    ("convict", "acquit"),
    ("guilty", "innocent"),
    ("live", "die"),
    ("alive", "dead"),
    ("survive", "die"),
    ("pass", "fail"),
    ("succeed", "fail"),
    ("open", "close"),
    ("rise", "fall"),
    ("increase", "decrease"),
    ("start", "stop"),
    ("restart", "stop"),
    ("restart", "halt"),
    ("resume", "stop"),
    ("resume", "halt"),
    ("true", "false"),
)


def _opposites_by_word() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for a, b in _OPPOSITES:
        out.setdefault(a, set()).add(b)
        out.setdefault(b, set()).add(a)
    return {word: frozenset(words) for word, words in out.items()}


_OPPOSITE_OF: Final = _opposites_by_word()


def _stem(word: str) -> str:
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        word = word[:-1]
    if word.endswith("ing") and len(word) > 5:
        word = word[:-3]
    return word


def _lemma(token: Token) -> str:
    return token.lemma_.lower().replace("’", "'")


def _key(token: Token) -> str | None:
    """The content key of a token, or None for a word that tells nothing."""
    if token.pos_ not in _CONTENT_POS or token.is_stop or token.ent_type_ in _NOT_CONTENT_ENTS:
        return None
    lemma = _lemma(token)
    if len(lemma) < 2 or not re.fullmatch(r"[a-z][a-z'-]*", lemma):
        return None
    if lemma in _REVERSAL_LEMMAS or lemma in _FALSITY or token.lower_ in _FALSITY:
        return None
    key = _stem(lemma)
    return None if key in _GENERIC or lemma in _GENERIC else key


def _signals(tokens: Sequence[Token]) -> list[tuple[int, int, Token]]:
    """The reversal signals among `tokens`: (start, end, the head of the clause the signal
    bears on: the reversal verb itself, or the word a negation or "false" depends on)."""
    found: list[tuple[int, int, Token]] = []
    for k, token in enumerate(tokens):
        lower = token.lower_.replace("’", "'")
        end = token.idx + len(token.text)
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        if lower in {"neither", "nor"}:
            # "Neither X nor Y will profit": it bears on the verb whose subject (or
            # object) the pair is, not on the noun it opens.
            head = token.head
            while head.dep_ == "conj" and head.head.i != head.i:
                head = head.head
            if head.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj", "attr"}:
                head = head.head
            found.append((token.idx, end, head))
        elif token.dep_ == "neg" or lower in _NEGATIONS:
            if lower == "no" and nxt is not None and nxt.lower_ == "longer":
                end = nxt.idx + len(nxt.text)
            found.append((token.idx, end, token.head))
        elif _lemma(token) in _REVERSAL_LEMMAS:
            found.append((token.idx, end, token))
        elif lower in _FALSITY:
            found.append((token.idx, end, token.head))
        elif token.pos_ == "VERB" and _lemma(token) in _PHRASAL_REVERSALS:
            particles = _PHRASAL_REVERSALS[_lemma(token)]
            particle = next(
                (c for c in token.children if c.dep_ == "prt" and c.lower_ in particles), None
            )
            if particle is not None:
                found.append((token.idx, particle.idx + len(particle.text), token))
        elif lower == "in" and nxt is not None and nxt.lower_ == "fact":
            found.append((token.idx, nxt.idx + len(nxt.text), token.head))
    return found


def _unit(token: Token, key: str) -> str:
    """What a key counts as: the named entity it is part of ("San Francisco" is one
    piece of content, not two), or the key itself."""
    if not token.ent_type_:
        return key
    start = token.i
    while start > 0 and token.doc[start].ent_iob_ == "I":
        start -= 1
    return f"entity {start}"


@dataclass(slots=True)
class _Passage:
    """The key content of a span of the parsed text: its keys, the tokens that carry
    them and the unit each counts as, its reversal signals and its words that have an
    opposite."""

    tokens: list[Token]
    keys: dict[str, list[Token]]
    units: dict[str, str]
    signals: list[tuple[int, int]]
    reversed_keys: set[str]  # keys in the clauses the signals bear on
    outcomes: dict[str, Token]

    @classmethod
    def of(cls, tokens: Iterable[Token]) -> _Passage:
        items = [t for t in tokens if not t.is_space]
        keys: dict[str, list[Token]] = {}
        units: dict[str, str] = {}
        outcomes: dict[str, Token] = {}
        for token in items:
            key = _key(token)
            if key is not None:
                keys.setdefault(key, []).append(token)
                units.setdefault(key, _unit(token, key))
            lemma = _lemma(token)
            if lemma in _OPPOSITE_OF and token.pos_ in _CONTENT_POS:
                outcomes.setdefault(lemma, token)
        signals = _signals(items)
        inside = {t.i for t in items}
        reversed_keys = {
            key
            for _, _, head in signals
            for token in head.subtree
            if token.i in inside and (key := _key(token)) is not None
        }
        spans = [(start, end) for start, end, _ in signals]
        return cls(items, keys, units, spans, reversed_keys, outcomes)

    def reverses(self, keys: Iterable[str]) -> int:
        """How many pieces of `keys` lie in a clause a reversal signal bears on."""
        return self.count(k for k in keys if k in self.reversed_keys)

    def count(self, keys: Iterable[str]) -> int:
        """How many pieces of this passage's content `keys` make up."""
        return len({self.units[k] for k in keys})

    def opposed_by(self, other: _Passage) -> tuple[Token, Token] | None:
        """(this passage's word, the other's opposite word), if they state opposite outcomes."""
        for lemma, token in self.outcomes.items():
            for opposite in _OPPOSITE_OF[lemma]:
                if opposite in other.outcomes and lemma not in other.outcomes:
                    return token, other.outcomes[opposite]
        return None


def _char_tokens(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return [] if span is None else list(span)


def _phrases(text: str, tokens: Iterable[Token]) -> list[tuple[int, int]]:
    """Character spans of `tokens`, with adjacent ones joined ("Russian military")."""
    spans: list[tuple[int, int]] = []
    last = -2
    for token in sorted(set(tokens), key=lambda t: t.i):
        end = token.idx + len(token.text)
        if spans and token.i == last + 1 and not text[spans[-1][1] : token.idx].strip():
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((token.idx, end))
        last = token.i
    return spans


def _quoted(text: str, spans: Iterable[tuple[int, int]]) -> str:
    return ", ".join(f"“{text[s:e]}”" for s, e in spans)


def _excerpt(value: str, limit: int = 90) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


# --- verdicts ------------------------------------------------------------------------------


@dataclass(slots=True)
class _Verdict:
    value: bool | None
    reason: str
    evidence: list[tuple[int, int]]


def _contradiction(
    text: str, headline: _Passage | None, update: _Passage, *, min_shared: int
) -> _Verdict:
    if headline is None:
        return _Verdict(None, "Cannot tell whether it contradicts the headline: no headline.", [])
    shared = [k for k in update.keys if k in headline.keys]
    if not update.keys:
        return _Verdict(
            False, "Does not contradict the headline: the line says nothing but a date.", []
        )
    in_update = _phrases(text, (t for k in shared for t in update.keys[k]))
    in_headline = _phrases(text, (t for k in shared for t in headline.keys[k]))
    if update.count(shared) < min_shared:
        what = f"only {_quoted(text, in_update)}" if shared else "no key content"
        return _Verdict(False, f"Does not contradict the headline: it shares {what} with it.", [])
    evidence = in_headline + in_update
    opposed = headline.opposed_by(update)
    reversed_shared = update.reverses(shared) >= min_shared
    if update.signals and not headline.signals and reversed_shared:
        return _Verdict(
            True,
            f"Contradicts the headline: it shares {_quoted(text, in_update)} with it and "
            f"carries a reversal the headline lacks ({_quoted(text, update.signals)}).",
            evidence + update.signals,
        )
    if opposed is not None:
        ours, theirs = opposed
        ours_span = (ours.idx, ours.idx + len(ours.text))
        theirs_span = (theirs.idx, theirs.idx + len(theirs.text))
        return _Verdict(
            True,
            f"Contradicts the headline: it shares {_quoted(text, in_update)} with it and "
            f"states the opposite outcome ({_quoted(text, [theirs_span])} against the "
            f"headline's {_quoted(text, [ours_span])}).",
            [*evidence, ours_span, theirs_span],
        )
    if update.signals and not headline.signals:
        return _Verdict(
            False,
            f"Does not contradict the headline: it shares {_quoted(text, in_update)} with it, "
            f"but its {_quoted(text, update.signals)} bears on something else.",
            evidence,
        )
    if update.signals:
        return _Verdict(
            False,
            f"Does not contradict the headline: it shares {_quoted(text, in_update)} with it, "
            f"but the headline is negated too ({_quoted(text, headline.signals)}), so the "
            "update does not reverse it.",
            evidence,
        )
    return _Verdict(
        False,
        f"Does not contradict the headline: it shares {_quoted(text, in_update)} with it "
        "but carries no denial, negation or reversal of it.",
        evidence,
    )


def _reflection(
    text: str,
    update: _Passage,
    body: Sequence[tuple[Span, _Passage]],
    headline: _Passage | None,
    *,
    min_shared: int,
) -> _Verdict:
    if not update.keys:
        return _Verdict(None, "Nothing to look for in the body: the line gives only a date.", [])
    need = max(min_shared, math.ceil(update.count(update.keys) / 3))
    reverses = bool(update.signals) or (
        headline is not None and headline.opposed_by(update) is not None
    )
    opposite_words = set(update.outcomes) if reverses else set()
    best: tuple[int, Span, _Passage] | None = None
    against: tuple[Span, _Passage] | None = None
    for sentence, passage in body:
        shared_keys = [k for k in update.keys if k in passage.keys]
        shared = update.count(shared_keys)
        if shared < need:
            continue
        opposed = bool(opposite_words & set(passage.outcomes))
        if reverses and not (opposed or passage.reverses(shared_keys) >= need):
            continue
        if not reverses and passage.reverses(shared_keys) >= need:
            # "UPDATE: the campaign will release its bundlers' names" against "... its
            # decision to stop releasing its bundlers' names": the body denies what the
            # update says happened.
            against = against or (sentence, passage)
            continue
        if best is None or shared > best[0]:
            best = (shared, sentence, passage)
    if best is None and against is not None:
        sentence, passage = against
        start, end = stripped(text, sentence.start_char, sentence.end_char)
        return _Verdict(
            False,
            f"Not reflected: the body is written as if it had not happened (“"
            f"{_excerpt(text[start:end])}” shares its key content but carries "
            f"{_quoted(text, passage.signals)}, which the update does not).",
            [(start, end)],
        )
    if best is None:
        if reverses:
            why = "no body sentence shares its key content with a denial, negation or reversal"
        else:
            why = "no body sentence shares its key content"
        return _Verdict(
            False, f"Not reflected: the body is written as if it had not happened ({why}).", []
        )
    _, sentence, passage = best
    start, end = stripped(text, sentence.start_char, sentence.end_char)
    shared_tokens = (t for k in update.keys if k in passage.keys for t in passage.keys[k])
    carried = ""
    if reverses and passage.signals:
        carried = f" and carries {_quoted(text, passage.signals)}"
    return _Verdict(
        True,
        f"Reflected in the body: “{_excerpt(text[start:end])}” shares "
        f"{_quoted(text, _phrases(text, shared_tokens))}{carried}.",
        [(start, end)],
    )


# A note that says what an earlier version held, now taken out: "(Editor's note: The
# original version of this story mentioned Vadim Shipachyov as a possible target ...)".
# A revised body no longer says it, so its silence is no sign that it was not revised.
_REMOVAL_NOTE = re.compile(
    r"\b(?:original|earlier|previous|prior)\s+version\s+of\s+this\s+\w+\s+"
    r"(?:mentioned|named|listed|included|quoted|contained|referred\s+to|linked\s+to)\b",
    re.IGNORECASE,
)
# A correction says what was wrong: it is looked for, whatever its verb.
_MISSTATED = re.compile(
    r"\b(?:incorrect(?:ly)?|wrong(?:ly)?|mistaken(?:ly)?|erroneous(?:ly)?|in\s+error|misstated"
    r"|misidentified|misspelled|misquoted)\b",
    re.IGNORECASE,
)
REMOVAL_NOTE_REASON = (
    "Nothing to look for in the body: the line says what an earlier version held, which "
    "a revised body no longer says."
)


def check_updates(
    doc: Doc,
    candidates: Sequence[UpdateCandidate],
    *,
    title_span: tuple[int, int] | None,
    body_start: int,
    min_shared: int = 2,
    english: bool = True,
) -> list[UpdateLine]:
    """The verdicts on each update line of a parsed document (`doc.text` is the
    document text): does it contradict the headline (the text at `title_span`, or None
    when there is none), and does the body after `body_start` reflect it?"""
    text = doc.text
    headline = None if title_span is None else _Passage.of(_char_tokens(doc, *title_span))
    lines = [(c.start, c.end) for c in candidates]
    body = [
        (sentence, _Passage.of(sentence))
        for sentence in doc.sents
        if sentence.start_char >= body_start
        and not any(s < sentence.end_char and sentence.start_char < e for s, e in lines)
    ]
    out = []
    for candidate in candidates:
        tokens = (
            _char_tokens(doc, candidate.content_start, candidate.content_end)
            if candidate.content_start < candidate.content_end
            else []
        )
        update = _Passage.of(tokens)
        removal = (
            candidate.kind == "editors_note"
            and _REMOVAL_NOTE.search(text, candidate.start, candidate.end) is not None
            and _MISSTATED.search(text, candidate.start, candidate.end) is None
        )
        verdicts = (
            (
                _contradiction(text, headline, update, min_shared=min_shared),
                _Verdict(None, REMOVAL_NOTE_REASON, [])
                if removal
                else _reflection(text, update, body, headline, min_shared=min_shared),
            )
            if english
            else (_Verdict(None, NOT_ENGLISH_UPDATES, []), _Verdict(None, NOT_ENGLISH_UPDATES, []))
        )
        evidence = sorted({span for verdict in verdicts for span in verdict.evidence})
        out.append(
            UpdateLine(
                start=candidate.start,
                end=candidate.end,
                kind=candidate.kind,
                contradicts_headline=verdicts[0].value,
                reflected_in_body=verdicts[1].value,
                reasons=tuple(verdict.reason for verdict in verdicts),
                evidence=tuple(AttributedSpan(s, e, text[s:e]) for s, e in evidence),
                text=text[candidate.start : candidate.end],
            )
        )
    return out


def _not_a_headline(doc: Document, furniture: Furniture | None = None) -> str | None:
    """The note saying why the title line is no headline (the page's furniture, a
    byline, a photo credit, a label, a date), or None for a headline or no title."""
    if not doc.title:
        return None
    title_span = _title_span(doc)
    if furniture is None:
        furniture = find_furniture(doc.text)
    if (
        title_span is not None
        and 2 * furniture.covered(*title_span) >= title_span[1] - title_span[0]
    ):
        # A photo credit is furniture too ("J.D. Pooley / Getty Images"): the note that
        # names it says more.
        credit = _BYLINE.search(doc.title) or _CREDIT.search(doc.title)
        return NOT_A_HEADLINE_NOTE if credit else FURNITURE_TITLE_NOTE
    cased = [c for c in doc.title if c.lower() != c.upper()]  # not Arabic, not Chinese
    if (cased and not any(c.isupper() for c in cased)) or _byline_or_label(doc.title):
        return NOT_A_HEADLINE_NOTE
    if _date_only(doc.title):
        return DATE_TITLE_NOTE
    return None


def _title_span(doc: Document) -> tuple[int, int] | None:
    if not doc.title:
        return None
    first_break = doc.text.find("\n")
    start, end = stripped(doc.text, 0, len(doc.text) if first_break < 0 else first_break)
    return (start, end) if start < end else None


# --- the component -------------------------------------------------------------------------


class HeadlineChecker:
    """The headline layer: update lines, and whether each undoes the headline.

    `predict` finds each document's update lines and judges them, with no side effects,
    parsing only documents that have one; `set_annotations` writes the layer and its
    counts. A text longer than the parser's `max_length` that has update lines is not
    parsed: its layer stays absent and a note says why.
    """

    name = "headline"

    def __init__(
        self,
        *,
        nlp: Language | None = None,
        min_shared: int = 2,
        batch_size: int = 8,
        stance: StanceModel | None = None,
    ) -> None:
        if min_shared < 1:
            raise ValueError(f"min_shared must be at least 1, got {min_shared}")
        self._nlp = nlp
        self.stance = stance
        self.min_shared = min_shared
        self.batch_size = batch_size

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = load_spacy()
        return self._nlp

    def model_info(self) -> dict[str, Any]:
        info: dict[str, Any] = {
            "name": "headline-rules",
            "version": RULES_VERSION,
            "spacy_model": pipeline_name(self.nlp),
            "min_shared": self.min_shared,
        }
        if self.stance is not None:
            info["stance_model"] = self.stance.model_info()
        return info

    def _stance(self, doc: Document, lines: Sequence[UpdateCandidate]) -> StanceResult:
        if self.stance is None:  # no verdict, but why the title line is no headline
            note = _not_a_headline(doc)
            if note is None:
                return StanceResult(None, {}, (), ())
            return StanceResult(None, {}, (), (note,), headline=False)
        return judge_stance(self.stance, doc, [(c.start, c.end) for c in lines])

    def predict(self, docs: Sequence[Document]) -> list[Headline | None]:
        """Each document's headline layer, or None for a text too long to parse."""
        title_updates = [bool(doc.title and _LABEL_LINE.match(doc.title)) for doc in docs]
        found = [
            find_update_lines(doc.text, body_start=0 if is_update else doc.body_start)
            for doc, is_update in zip(docs, title_updates, strict=True)
        ]
        limit = self.nlp.max_length
        to_parse = [
            doc.text
            for doc, lines in zip(docs, found, strict=True)
            if lines and len(doc.text) <= limit
        ]
        parsed = iter(parse_texts(self.nlp, to_parse, batch_size=self.batch_size))
        out: list[Headline | None] = []
        for doc, lines, title_is_update in zip(docs, found, title_updates, strict=True):
            if lines and len(doc.text) > limit:
                out.append(None)
                continue
            if title_is_update:
                stance = StanceResult(None, {}, (), ())
                notes: tuple[str, ...] = (TITLE_IS_UPDATE_NOTE,)
            else:
                stance = self._stance(doc, lines)
                notes = (() if doc.title else (NO_HEADLINE_NOTE,)) + stance.notes
            updates: list[UpdateLine] = []
            if lines:
                # A byline or a label is no headline for an update to contradict: "✓ does
                # not contradict the headline" stood beside the note that there is none.
                headline_line = not title_is_update and stance.headline
                updates = check_updates(
                    next(parsed),
                    lines,
                    title_span=_title_span(doc) if headline_line else None,
                    body_start=doc.body_start,
                    min_shared=self.min_shared,
                    english=looks_english(doc.body),
                )
            out.append(
                Headline(
                    text=None if title_is_update else doc.title or None,
                    updates=tuple(updates),
                    notes=notes + stale_stance_notes(stance.stance, updates),
                    stance=stance.stance,
                    stance_scores=stance.scores,
                    evidence=stance.evidence,
                )
            )
        return out

    def set_annotations(
        self,
        docs: Sequence[Document],
        analyses: Sequence[Analysis],
        predictions: Sequence[Headline | None],
    ) -> None:
        for doc, analysis, headline in zip(docs, analyses, predictions, strict=True):
            if headline is None:
                analysis.notes.append(
                    too_long_note("The headline check was", len(doc.text), self.nlp.max_length)
                )
                continue
            analysis.headline = headline
            analysis.summary.update(headline.summary())

    def __call__(self, docs: Sequence[Document], analyses: Sequence[Analysis]) -> None:
        self.set_annotations(docs, analyses, self.predict(docs))


@register_component(
    "headline",
    defaults={"spacy_model": None, "min_shared": 2, "batch_size": 8, "stance": True},
    description="Whether the body supports the headline (FNC-1 stance model), and update "
    "lines that contradict it (rules).",
)
def make_headline_checker(
    *, spacy_model: str | None, min_shared: int, batch_size: int, stance: bool
) -> HeadlineChecker:
    """Build the component, loading spaCy and the stance model now, so that a missing
    spaCy or English model fails when the Analyzer is built, with the install command."""
    nlp = load_spacy_for("headline", "the headline check", spacy_model)
    return HeadlineChecker(
        nlp=nlp,
        min_shared=min_shared,
        batch_size=batch_size,
        stance=StanceModel.load() if stance else None,
    )
