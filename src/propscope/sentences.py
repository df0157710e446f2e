"""Sentences of an article as a reader counts them: "Mr. Hale", "the U.S. said" and "Jan. 5"
end none, nor does a quotation followed by who said it ('"Why?" Yang asked.').

>>> from propscope.sentences import sentence_spans
>>> text = "Mr. Hale spoke. The U.S. said no."
>>> [text[s:e] for s, e in sentence_spans(text)]
['Mr. Hale spoke.', 'The U.S. said no.']
"""

from __future__ import annotations

import re

from propscope.models.stance import split_sentences

__all__ = ["sentence_spans"]

_WORD_CHARS = re.compile(r"\w.*\w", re.DOTALL)


# Words whose full stop ends no sentence: titles, street and company words, months,
# "U.S." and the like, and a single capital ("J. Smith").
_TITLES = (
    "Mr|Mrs|Ms|Dr|Prof|Gov|Sen|Rep|Gen|Lt|Col|Sgt|Capt|Cmdr|Adm|Supt|Insp|Rev|Hon|Maj|Brig|"
    "Cpl|Pvt|Pres|Sens|Reps|Gens|Govs|Drs|Profs"
)
_ABBREVIATION_END = re.compile(
    rf"(?:\b(?:{_TITLES}|St|Ave|Blvd|Rd|Ln|Mt|Ft|Jr|Sr|Inc|Corp|Co|Ltd|Bros|vs|approx|est)|"
    r"\b[A-Z]|(?:\b[A-Za-z]\.)+[A-Za-z])\.$"
)
# Titles, which end no sentence even at a line's end: a line cut after "Pvt." (as the
# PTC's files cut "We do not know if Pvt.\nBradley Manning gave ...") goes on in the next.
TITLE_END = re.compile(rf"\b(?:{_TITLES}|Fr|Msgr|Rt)\.$")
# Abbreviations that end no sentence when a number follows: "Jan. 5", "No. 10".
_BEFORE_NUMBER_END = re.compile(r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|Nos)\.$")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) of each sentence of `text` that holds at least two word characters.

    A cut after an abbreviation ("Main St. in Portland", "Mr. Hale", "the U.S. said")
    or before a lowercase word is no sentence end: the two parts stay one sentence,
    unless a line break separates them.
    """
    spans: list[tuple[int, int]] = []
    for s, e in split_sentences(text):
        if spans and _continues(text, spans[-1], (s, e)):
            spans[-1] = (spans[-1][0], e)
        else:
            spans.append((s, e))
    return [(s, e) for s, e in spans if _WORD_CHARS.search(text, s, e)]


# '"What is that about?" Yang said at an event.': the speaker's tail of a quotation.
_QUOTE_CLOSED = re.compile(r"[?!.,][\"”’']$")
_SAID_TAIL = re.compile(
    r"(?:[A-Z][\w.'’-]*\s+){1,4}(?:said|says|asked|asks|told|added|adds|wrote|replied)\b"
)


def _continues(text: str, before: tuple[int, int], after: tuple[int, int]) -> bool:
    gap = text[before[1] : after[0]]
    if "\n" in gap:
        return gap.count("\n") == 1 and title_cut(text, before[1], after[0])
    if _ABBREVIATION_END.search(text, before[0], before[1]) or text[after[0]].islower():
        return True
    if _QUOTE_CLOSED.search(text, before[0], before[1]) and _SAID_TAIL.match(text, after[0]):
        return True
    return text[after[0]].isdigit() and bool(_BEFORE_NUMBER_END.search(text, *before))


# Initials at a line's end ("H.R.", "U.S.", "F.B.I."), which the PTC's files cut after as
# after a sentence: "National Security Adviser H.R.\nMcMaster said ...", "the 9th U.S.\n
# Circuit Court", "Will the F.B.I.\nand LVMPD explain". The next line goes on where it
# opens in lower case; after a person's initials, where it opens with a name, not as
# sentences do ("Malcolm X.\nAfter", "P.S.\nOne more time"); after a place's, only in
# a name that place opens ("U.S.\nMarshals", "D.C.\nCircuit"), since "the U.S.\nTrump
# said" and "Washington, D.C.\nMany of his neighbors" are two sentences where a line
# is a paragraph. A time ("9 P.M.") ends its sentence.
_INITIALS_END = re.compile(r"(?<![\w.])(?:[A-Z]\.){2,3}$")
_NOT_NAME_INITIALS = frozenset({"A.M.", "P.M.", "P.S.", "B.C.", "A.D."})
_PLACE_INITIALS = frozenset({"U.S.", "U.K.", "U.N.", "D.C.", "E.U.", "U.S.A.", "L.A.", "N.Y."})
_AFTER_A_PLACE = frozenset(
    "Air Ambassador Army Attorney Attorneys Border Capitol Census Central Chamber Circuit "
    "Coast Command Congress Congressman Congresswoman Consulate Court Customs Department "
    "District Embassy Envoy Forces General Geological Government Homeland House "
    "Immigration Marine Marines Marshal Marshals Military Mission Navy Office Postal "
    "Rep Representative Secretary Security Senate Senator Special Supreme Treasury "
    "Uranium Custody".split()
)
_SENTENCE_OPENERS = frozenset(
    "A After All Also An And As At But By For From He Her His However I If In It Its My "
    "No Now On One Our She So Some Still That The Their Then There These They This Those "
    "Thus To We What When Where While Why Yes Yet You Your".split()
)


# A capitalised word's "!" or full stop at a line's end ("Now!", "Dept."), or a Latin
# abbreviation's ("e.g.", "i.e.").
_NAME_MARK_END = re.compile(r"(?:\b[A-Z][\w'’-]*[.!]|(?<![\w.])(?:[a-z]\.){2})$")
# A word in lower case that opens a line and is no link's first part ("pic.twitter.com",
# "https://").
_LOWER_WORD = re.compile(r"[a-z]+\b(?!\.\w|:/)")


def title_cut(text: str, end: int, start: int) -> bool:
    """Whether a line that ends at `end` on a title ("the Rev.") or initials ("H.R.")
    goes on in the name or word that opens the line at `start`: a sentence cut in two,
    not two sentences. So does a line cut at a capitalised word's "!" or full stop (a
    name's, an abbreviation's) where the next line opens on a word in lower case, as
    the PTC's files cut "told the leftists at Democracy Now!\nthat getting all worked
    up ... was ridiculous" and "Dallas Police Dept.\nfires officer" (not a link's line,
    "pic.twitter.com/...", nor "He left!\nthe next line")."""
    if start >= len(text):
        return False
    line_start = text.rfind("\n", 0, end) + 1
    if _NAME_MARK_END.search(text, line_start, end) and _LOWER_WORD.match(text, start):
        return True
    if text[start].isupper() and TITLE_END.search(text, line_start, end) is not None:
        return True
    initials = _INITIALS_END.search(text, line_start, end)
    if initials is None or initials.group() in _NOT_NAME_INITIALS:
        return False
    if text[start].islower():
        return True  # "more U.S.\nintervention", "the F.B.I.\nand LVMPD"
    word = re.match(r"[A-Za-z]+", text[start:])
    if word is None:
        return False
    if initials.group() in _PLACE_INITIALS:
        return word.group() in _AFTER_A_PLACE
    return word.group() not in _SENTENCE_OPENERS  # opens in a capital: not lower case
