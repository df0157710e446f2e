"""What both renderers read from an analysis dict: its spans, checked, its summary, and
its attributions grouped by source."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from propscope.analysis import (
    CHECKWORTHY_THRESHOLD,
    THIRD_PARTY_KINDS,
    ActorLabel,
    Attribution,
    DoubleStandard,
    FigureConflict,
    TechniqueSpan,
    UpdateLine,
    summarize_techniques,
)
from propscope.document import is_lede
from propscope.first_names import name_gender, title_gender
from propscope.techniques import Technique, get_technique

__all__ = [
    "DOUBLE_STANDARD_HEADINGS",
    "DOUBLE_STANDARD_NOTE",
    "DOUBLE_STANDARD_TITLE",
    "NEAR_TIE",
    "STANCE_ALTERNATIVES",
    "STANCE_VERDICTS",
    "UNNAMED_SOURCE",
    "LabelGroup",
    "MarkGroup",
    "RenderSpan",
    "SourceGroup",
    "claim_percent",
    "cue_words",
    "double_standard_heading",
    "double_standard_sides",
    "excerpt",
    "flagged_figures",
    "group_labels",
    "group_same_extent",
    "group_sources",
    "label_form",
    "label_key",
    "opens_quoted",
    "read_spans",
    "score_percent",
    "shown_stance_scores",
    "shown_title",
    "stance_runner_up",
    "statement_count",
    "summary_of",
    "update_kind",
    "update_label",
    "visible_controls",
    "whole_percent",
]

_SUMMARY_KEYS = ("spans", "techniques", "covered_share")
# Control characters but tab and line break: C0, DEL and C1 (ESC starts a terminal's
# escape sequences; U+009B is a one-character one).
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ␛ for ESC, ␀ for NUL
    return "\u2421" if code == 0x7F else "\ufffd"


# Direction overrides, embeddings and isolates (U+202A-U+202E, U+2066-U+2069): a terminal
# that lays text out by direction lets one reorder the rest of its line ("gnp.exe").
_DIRECTION_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def visible_controls(value: Any, *, direction: bool = False) -> Any:
    """`value` (a string, or a JSON-like structure of them) with every control character
    but tab and line break shown as one visible sign ("␛" for ESC): text from an article
    must never reach a terminal as an escape sequence (colours, a cleared screen, a
    disguised link), and offsets into it stay right, one character for one. With
    `direction`, the direction controls too, as "\ufffd" (for a terminal: a page isolates
    them instead)."""
    if isinstance(value, str):
        shown = _CONTROLS.sub(_picture, value)
        return _DIRECTION_CONTROLS.sub("\ufffd", shown) if direction else shown
    if isinstance(value, Mapping):
        return {key: visible_controls(item, direction=direction) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [visible_controls(item, direction=direction) for item in value]
    return value


_UPDATE_KINDS = {"update": "Update", "correction": "Correction", "editors_note": "Editor's note"}


def update_kind(update: UpdateLine) -> str:
    """The kind of an update line, in words: "Update", "Correction", "Editor's note"."""
    return _UPDATE_KINDS.get(update.kind, update.kind)


def update_label(update: UpdateLine) -> str | None:
    """The kind to show before an update line, or None where the line names its kind
    itself ("UPDATE: ..."; "This article has been updated" does not)."""
    kind = update_kind(update)
    # "(Editor's note: ...)" names its kind too, behind its bracket.
    opening = update.text.lstrip(" \t*_>#([•·-–—").replace("’", "'").casefold()
    return None if opening.startswith(kind.casefold()) else kind


def flagged_figures(conflicts: Sequence[FigureConflict]) -> dict[int, float]:
    """Each figure a conflict names (its index), with the widest spread it is part of."""
    flagged: dict[int, float] = {}
    for conflict in conflicts:
        for index in conflict.figures:
            flagged[index] = max(flagged.get(index, 1.0), conflict.ratio)
    return flagged


@dataclass(frozen=True, slots=True)
class RenderSpan:
    index: int
    start: int
    end: int
    technique: Technique
    score: float


def read_spans(raw: list[Mapping[str, Any]], text: str) -> list[RenderSpan]:
    """Turn the dict's spans into `RenderSpan`s, refusing offsets outside the text."""
    spans = []
    for index, item in enumerate(raw):
        start, end = int(item["start"]), int(item["end"])
        if not 0 <= start < end <= len(text):
            raise ValueError(
                f"span {index} has offsets [{start}, {end}) but the document text has "
                f"{len(text)} characters; offsets must satisfy 0 <= start < end <= "
                f"{len(text)}. Was the analysis made from a different text?"
            )
        technique = get_technique(item["technique"])
        spans.append(RenderSpan(index, start, end, technique, float(item["score"])))
    return spans


def whole_percent(score: float) -> int:
    """`score` in whole percents, halves rounded up, exactly as JavaScript's
    `Math.round(score * 100)`: the one rounding for every score shown and compared, so a
    tooltip's "25%" is never hidden by a slider at 25% (`f"{0.245:.0%}"` says "24%")."""
    scaled = score * 100
    floor = math.floor(scaled)
    return floor + 1 if scaled - floor >= 0.5 else floor


# The stance verdicts as a reader reads them. FNC-1's "discuss" is a body that reports the
# headline's claim, attributed or hedged, without itself saying it is true or false; "without
# taking a side" read as a certificate that a slanted article is neutral (session 54).
STANCE_VERDICTS = {
    "agree": "the body agrees with the headline",
    "disagree": "the body disagrees with the headline",
    "discuss": "the body reports the headline's claim without confirming or denying it",
    "unrelated": "the body is not about what the headline says",
}
# The runner-up of a near tie, after "or it ...".
STANCE_ALTERNATIVES = {
    "agree": "agrees with it",
    "disagree": "disagrees with it",
    "discuss": "reports its claim without confirming or denying it",
    "unrelated": "is not about it",
}
# Two verdicts this close are no verdict: "agrees (51%)" beside "discuss" at 49% flipped
# when any one of its evidence sentences was left out.
NEAR_TIE = 0.15


def shown_stance_scores(scores: Mapping[str, float]) -> dict[str, float]:
    """The stance scores a view shows: those that are numbers (edited JSON can hold NaN,
    which no percentage can show)."""
    return {name: value for name, value in scores.items() if math.isfinite(value)}


def stance_runner_up(scores: Mapping[str, float], stance: str) -> tuple[str, float] | None:
    """The second verdict when it comes within `NEAR_TIE` of `stance`'s score, else None."""
    best = scores.get(stance)
    others = sorted(((v, k) for k, v in scores.items() if k != stance), reverse=True)
    if best is None or not others or best - others[0][0] >= NEAR_TIE:
        return None
    return others[0][1], others[0][0]


def score_percent(score: float) -> int:
    """A model's probability in whole percents (`whole_percent`), where a score under 1
    never reads "100%", which would say certain (the headline stance's 0.9965)."""
    shown = whole_percent(score)
    return min(shown, 99) if score < 1 else shown


def claim_percent(checkworthiness: float) -> int:
    """A claim's check-worthiness in whole percents (`whole_percent`), except that a
    score under `CHECKWORTHY_THRESHOLD` never reads as the threshold or more: a claim at
    0.497 is not counted as check-worthy, so it shows "49%", not "50%" beside a count
    that leaves it out; nor does a score under 1 read as "100%", which would say certain."""
    shown = whole_percent(checkworthiness)
    if checkworthiness < CHECKWORTHY_THRESHOLD:
        return min(shown, math.ceil(CHECKWORTHY_THRESHOLD * 100) - 1)
    return min(shown, 99) if checkworthiness < 1 else shown


@dataclass(frozen=True, slots=True)
class MarkGroup:
    """The spans that share one passage (same start and end), drawn as one mark:
    `members` the most confident first."""

    start: int
    end: int
    members: tuple[RenderSpan, ...]

    @property
    def index(self) -> int:
        """The first of its spans in the analysis's order."""
        return min(span.index for span in self.members)


def group_same_extent(spans: Sequence[RenderSpan]) -> list[MarkGroup]:
    """One group per distinct passage, in the order of their first span: two techniques on
    one passage would otherwise be two nested marks, the inner one hiding the outer."""
    by_extent: dict[tuple[int, int], list[RenderSpan]] = {}
    for span in spans:
        by_extent.setdefault((span.start, span.end), []).append(span)
    return [
        MarkGroup(start, end, tuple(sorted(members, key=lambda s: (-s.score, s.index))))
        for (start, end), members in by_extent.items()
    ]


def summary_of(data: Mapping[str, Any], text: str) -> Mapping[str, Any]:
    """The dict's summary, recomputed when a hand-built analysis left it empty."""
    summary = data.get("summary") or {}
    if all(key in summary for key in _SUMMARY_KEYS):
        return summary
    spans = [TechniqueSpan.from_dict(item) for item in data["techniques"]]
    return summarize_techniques(text, spans)


# --- attributions -----------------------------------------------------------------------

# Under a figures table with a "Said by" column where a figure lies in no statement: the
# review of session 38 found most such figures in body sentences, beside a statement
# that does not hold them ("Thirty minutes from the nearest sheriff's office, Thweatt
# said ..."), not in titles or lists as the note said.
NO_STATEMENT_NOTE = (
    "Said by “—”: no statement found holds the figure: it is in a title or a list, or in "
    "the writer's own words beside a statement. “unattributed”: a sentence the writer "
    "asserts with no source."
)
UNNAMED_SOURCE = "No source named"  # not "Unnamed source": the article cites none


@dataclass(frozen=True, slots=True)
class SourceGroup:
    """The statements of one source: `label` as the text first names it, its kind, and
    the indexes of its statements in the attributions layer."""

    label: str
    kind: str
    members: tuple[int, ...]


# Words that stand for a source without naming it: "who" in one sentence and "who" in the
# next are most likely two different people.
_PRONOUNS = frozenset(
    "i me we us you he him she her it they them who whom which that this these those one "
    "someone somebody anyone everyone".split()
)


_RELATIVE_TAIL = re.compile(r",\s+(?:who|which|whose|whom)\b.*\Z", re.DOTALL)
_AGE_TAIL = re.compile(r",\s+\d{1,3}\s*,?\s*\Z")


def source_name(text: str) -> str:
    """A source as a list names it: without the relative clause or the age the article
    tells about them ("Borri, who works at the airport" is Borri, "resident Luis Borri,
    31" is resident Luis Borri) or a possessive ending ("Haley’s claim"), so one person's
    statements make one group."""
    cut = text
    while True:
        shorter = _AGE_TAIL.sub("", _RELATIVE_TAIL.sub("", cut)).rstrip(" ,")
        if shorter == cut:
            # "Haley’s claim that ...": the list names Haley
            return re.sub(r"(?<=\w)[’']s$", "", cut) or text
        cut = shorter


# Titles a description after a source's name may open with, capitalised ("Philip
# Luther, Director of Amnesty International's Middle East and North Africa Programme").
_TITLE_WORDS = frozenset(
    """
    director president chairman chairwoman chair minister secretary head chief ceo
    spokesman spokeswoman spokesperson professor senator governor mayor leader founder
    editor executive commissioner ambassador deputy vice general manager coordinator
    """.split()
)


def _named(label: str) -> str:
    """The name of a source that describes it after a comma in lower case or with a
    title ("Thweatt" of "Thweatt, the son of a preacher"; "Philip Luther" of "Philip
    Luther, Director of Amnesty International's Middle East ..."); the source as it is
    otherwise."""
    head, comma, tail = label.partition(",")
    words = tail.split()
    described = bool(words) and (
        words[0][:1].islower() or words[0].strip(".").casefold() in _TITLE_WORDS
    )
    if comma and described and all(w[:1].isupper() for w in head.split()):
        return head
    return label


def _source_key(text: str) -> str:
    """ "The Russian military" and "Russian military's" are one source; so are "Thweatt"
    and "Thweatt, the son of a preacher", and "U.S. Attorney Andrew Luger" and "U.S.
    Attorney Andrew Luger, speaking to reporters": a name, then a description after a
    comma that opens in lower case, is the name."""
    key = " ".join(_named(source_name(text)).casefold().split())
    key = re.sub(r"[’']s$", "", key)
    return re.sub(r"^the\s+", "", key)


def _names_its_source(item: Attribution) -> bool:
    """Whether the statement's source is a name (or a description) that another
    statement can share, rather than a pronoun that stands for someone unresolved."""
    assert item.source is not None
    if item.source_kind == "organisation":
        return True  # "WHO": the World Health Organization, not the pronoun
    return item.source_kind != "pronoun" and _source_key(item.source.text) not in _PRONOUNS


def cue_words(item: Attribution) -> str:
    """A statement's cue as its source group lists it: "said", or with the source's own
    words where the group's name is not them ("I expect" for the author, "he said" for a
    pronoun grouped under the name it stands for)."""
    assert item.cue is not None
    words = item.cue.text
    if item.source is not None and (item.source_kind == "author" or item.refers_to is not None):
        # "We'll show", not "We 'll show": a contraction's verb starts where its pronoun
        # ends (session 66).
        space = "" if item.source.end == item.cue.start else " "
        words = f"{item.source.text}{space}{words}"
    return words


def cue_shown(item: Attribution) -> str:
    """`cue_words` as a list shows them before ": ", without a colon of their own: ""
    for a speaker's colon ("FILE PHOTO: ...", "Raab: ..."), which the list's own colon
    stands for."""
    words = cue_words(item).rstrip().removesuffix(":").rstrip()
    return words if any(c.isalnum() for c in words) else ""


def statement_count(members: Sequence[Attribution]) -> str:
    """How many statements a source makes, acts counted apart (`Attribution.act`):
    "3 statements", "2 statements, 1 act", "1 act"."""
    acts = sum(item.act for item in members)
    said = len(members) - acts
    parts = [f"{said} {'statement' if said == 1 else 'statements'}"] if said or not acts else []
    if acts:
        parts.append(f"{acts} {'act' if acts == 1 else 'acts'}")
    return ", ".join(parts)


_OPENING_MARKS = "“\"‘'«"
_CLOSING_MARKS = "”\"’'»"
_MARKS = frozenset('“”"«»')


def opens_quoted(text: str) -> bool:
    """Whether a text to show in quotation marks opens with its own ("“I don't think
    so,” he said."): a view then shows it without adding marks, not as "““I ...". A
    straight single mark is no quotation mark here: "'90s" opens with an apostrophe."""
    return text[:1] in '“"‘«'


def unquoted(text: str) -> str:
    """A statement or sentence to show inside the page's own quotation marks: one that is
    itself a single quotation ("“We always keep our advice under review.”") without its
    marks, so it is not quoted twice; any other text as it is."""
    if len(text) < 2 or text[0] not in _OPENING_MARKS or text[-1] not in _CLOSING_MARKS:
        return text
    inner = text[1:-1]
    if _MARKS.intersection(inner):
        return text
    # Single marks double as apostrophes ("it’s"): a closing one before a space or a
    # stop, or an opening one, ends or starts another quotation ("‘We will fight,’ he
    # said, ‘and win.’").
    if text[0] in "‘'" and re.search(r"‘|['’](?![A-Za-z])|(?<![A-Za-z])'", inner):
        return text
    return inner.strip()


def group_sources(attributions: Sequence[Attribution]) -> list[SourceGroup]:
    """Third-party sources (not the author, not unattributed assertions) in order of
    first appearance, each with its statements. Statements of a vague kind with no
    source span ("there is confirmation that ...") make one group, `UNNAMED_SOURCE`.
    A pronoun resolved to a name (`Attribution.refers_to`: the "he" of "he said" after
    "Mike Mills told ...") joins the group of the statement whose source holds that name
    ("Mike Mills, who heads the union,"), else the name's own group. An unresolved
    pronoun ("who", "he", "they") is its own source in each statement: nothing says two
    of them are the same person; they come after the named sources, so an article's
    twelve "she"s do not push its named ones out of sight."""
    groups: dict[tuple[str, str, int], tuple[str, list[int]]] = {}
    as_written: set[tuple[str, str, int]] = set()  # groups labelled by a source's own words
    # Named sources by span: "he" resolved to the "Mike Mills" of "Mike Mills, who heads
    # the union, said ..." joins that statement's group.
    named = [
        (item.source, (_source_key(item.source.text), item.source_kind, -1))
        for item in attributions
        if item.source is not None
        and item.source_kind in THIRD_PARTY_KINDS
        and item.refers_to is None
        and _names_its_source(item)
    ]
    for index, item in enumerate(attributions):
        if item.source_kind not in THIRD_PARTY_KINDS:
            continue
        resolved = item.refers_to is not None and item.refers_to_kind is not None
        if item.source is None:
            key, label = ("", item.source_kind, -1), UNNAMED_SOURCE
        elif item.refers_to is not None and item.refers_to_kind is not None:
            label = item.refers_to.text
            key = next(
                (
                    k
                    for span, k in named
                    if span.start <= item.refers_to.start and item.refers_to.end <= span.end
                ),
                (_source_key(label), item.refers_to_kind, -1),
            )
        else:
            alone = -1 if _names_its_source(item) else index
            key = (_source_key(item.source.text), item.source_kind, alone)
            label = source_name(item.source.text)
        members = groups.setdefault(key, (label, []))[1]
        members.append(index)
        if not resolved and key not in as_written:
            # The name as the article writes it as a source, not as a pronoun resolved.
            as_written.add(key)
            groups[key] = (label, members)
    _join_full_names(groups)
    _join_surnames(groups)
    # A pronoun's group is keyed by its own statement (key[2] >= 0): those go last; the
    # others in order of their first statement.
    ordered = sorted(groups.items(), key=lambda entry: (entry[0][2] >= 0, min(entry[1][1])))
    return [SourceGroup(label, key[1], tuple(members)) for key, (label, members) in ordered]


_SURNAME = re.compile(r"(?:[A-Z]|[a-z]{1,3}[’'-]?[A-Z])[\w’'-]+")  # "Edelson", "diGenova"
# Where a name ends in a longer source: the end, a mark, a spaced dash, or one of these
# words ("Trump on Tuesday", "Heiko Maas and ..."); not "Yang campaign chief Nick
# Ryan", "The Obama White House", "Kolb's spokesman" or "Jean-Claude Juncker", where the
# word only qualifies someone else or is part of a name.
_NAME_ENDS = re.compile(
    r"(?:\Z|[,;:()\[\]–—]|\s+[-–—]|\s+(?:and|or|on|in|at|of|from|for|with|who|said|told)\b)"
)
# A name after one of these is a place or an employer ("who used to work for SpaceX").
_NOT_AFTER = frozenset("for at of from with by to in on".split())
# A source that names two people ("Kevin Stephens and director of art Phil Straub"): a
# surname said alone is one of them, and listed under both it would hide which. Read
# before the first comma: "Rep. Elissa Slotkin, a Michigan Democrat and ..." is one.
_SEVERAL = re.compile(r"[A-Z][a-z][\w’'-]*\s+(?:and|&)\s")  # not "Former CIA and NSA chief"
_TOKEN = re.compile(r"\w+")


def _holds_name(label: str, word: str) -> bool:
    """Whether `label` names someone whose name ends with `word`."""
    for match in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", label):
        before = label[: match.start()].split()
        if before and before[-1].lower() in _NOT_AFTER:
            continue
        if _NAME_ENDS.match(label, match.end()):
            return True
    return False


def _surname(label: str) -> tuple[str, str | None] | None:
    """(surname, the gender of its title) of a source that names someone by a surname
    alone ("Edelson") or after a title ("Mr. Edelson", "Ms. Wurtzel"); None otherwise."""
    words = _named(label).split()
    gender = None
    if len(words) == 2 and title_gender(words[0]):
        gender, words = title_gender(words[0]), words[1:]
    return (words[0], gender) if len(words) == 1 and _SURNAME.fullmatch(words[0]) else None


# Two capitalised words, at every word: "Viktor Orban" of "Hungarian Prime Minister
# Viktor Orban" (a lookahead, so that "Minister Viktor" does not hide it).
_TWO_NAMES = re.compile(r"(?<![\w’'-])(?=([A-Z][\w’'-]+) ([A-Z][\w’'-]+))")


def _full_name(label: str) -> str | None:
    """The given name and surname a person source names, case-folded: "viktor orban" of
    "Hungarian Prime Minister Viktor Orban" and of "Viktor Orban who has been at the
    forefront ..."; None for a source naming two people, a title and a surname ("Prime
    Minister Orban") or no two such words."""
    named = _named(label)
    if _SEVERAL.search(named.split(",")[0]):
        return None
    for match in _TWO_NAMES.finditer(named):
        given, surname = match.group(1), match.group(2)
        end = match.start() + len(given) + 1 + len(surname)
        if not _NAME_ENDS.match(named, end):
            continue
        if given.lower().rstrip(".") in _TITLE_WORDS or title_gender(given):
            return None
        return f"{given} {surname}".casefold()
    return None


def _join_full_names(groups: dict[tuple[str, str, int], tuple[str, list[int]]]) -> None:
    """Person sources that name one given name and surname ("Viktor Orban", "Hungarian
    leader Viktor Orban", "Hungarian Prime Minister Viktor Orban who has been ...") are
    one group, under the first one's words; "Bill Clinton" and "Hillary Clinton" stay
    two."""
    by_name: dict[str, list[tuple[str, str, int]]] = {}
    for key in groups:
        if key[1] == "person" and key[2] < 0 and key[0]:
            name = _full_name(groups[key][0])
            if name is not None:
                by_name.setdefault(name, []).append(key)
    for keys in by_name.values():
        if len(keys) < 2:
            continue
        keys.sort(key=lambda k: min(groups[k][1]))
        members = groups[keys[0]][1]
        for other in keys[1:]:
            members.extend(groups.pop(other)[1])
        members.sort()


def _join_surnames(groups: dict[tuple[str, str, int], tuple[str, list[int]]]) -> None:
    """A person named by one word ("Putin said ...") or by a title and one word ("Mr.
    Edelson") joins the one other person source whose words name someone by it
    ("Russian President Vladimir Putin", "Mike Mills, the union chief"; `_holds_name`),
    and whose first name is not the other gender's ("Ms. Wurtzel" is no "Donald
    Wurtzel"), as a reader takes them for one person; where two
    do ("Bill Clinton", "Hillary Clinton") it joins neither, nor does it join a source
    that names two people ("Kevin Stephens and Phil Straub"). The joins are found among
    the groups as they are, then made, so the order of the groups does not matter; a
    source that joins another holds none. Sources are found through their words, so an
    article of thousands of sources is not thousands squared tests."""
    persons = [k for k in groups if k[1] == "person" and k[2] < 0 and k[0]]
    by_token: dict[str, list[tuple[str, str, int]]] = {}
    for k in persons:
        for token in set(_TOKEN.findall(groups[k][0])):
            by_token.setdefault(token, []).append(k)
    # "Edelson", "Mr. Edelson": a surname alone, or after a title, and the title's gender.
    surnames = {k: _surname(groups[k][0]) for k in persons}
    joins: dict[tuple[str, str, int], tuple[str, str, int]] = {}
    for key in persons:
        found = surnames[key]
        if found is None:
            continue
        label, gender = found
        first = _TOKEN.match(label)
        candidates = by_token.get(first.group(), []) if first else []
        holders = [
            k
            for k in candidates
            if k != key
            and surnames[k] is None  # "Mr. Edelson" and "Edelson" both join "Chris Edelson"
            and _holds_name(groups[k][0], label)
            and not _SEVERAL.search(groups[k][0].split(",")[0])
            and (gender is None or name_gender(groups[k][0].split()[0]) in {None, gender})
        ]
        if len(holders) == 1:
            joins[key] = holders[0]
    for key, holder in joins.items():
        if holder in joins:
            continue
        _, members = groups.pop(key)
        groups[holder][1].extend(members)
        groups[holder][1].sort()


# --- actors -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LabelGroup:
    """One label of an actor with how often the article uses it: `text` as shown
    ("Jihadi(s)" when singular and plural both occur), `marks` the distancing marks any
    use of it carries."""

    text: str
    count: int
    distancing: bool
    marks: tuple[str, ...]

    @property
    def shown(self) -> str:
        """The label as a reader meets it: “in quotes”, "so-called" before it."""
        text = f"“{self.text}”" if "scare_quotes" in self.marks else self.text
        return f"so-called {text}" if "so_called" in self.marks else text


def label_key(text: str) -> str:
    """ "Jihadis" and "jihadi" are one label."""
    key = " ".join(text.casefold().split())
    return key[:-1] if len(key) > 3 and key.endswith("s") and not key.endswith("ss") else key


def label_form(uses: Mapping[str, int]) -> str:
    """How to show a label met in the wordings `uses` (wording -> times): "Jihadi(s)"
    when singular and plural both occur, else the most used wording."""
    forms = sorted(uses, key=lambda f: (len(f), f))
    if len(forms) == 2 and forms[1] == forms[0] + "s":
        return f"{forms[0]}(s)"
    counts = [uses[f] for f in forms]
    return forms[counts.index(max(counts))]


def group_labels(labels: Sequence[ActorLabel]) -> list[LabelGroup]:
    """An actor's labels grouped by wording (singular and plural together) and by
    whether they are distancing, the most used first."""
    groups: dict[tuple[str, bool], list[ActorLabel]] = {}
    for label in labels:
        groups.setdefault((label_key(label.text), label.distancing), []).append(label)
    out = []
    for (_, distancing), members in groups.items():
        uses: dict[str, int] = {}
        for m in members:
            uses[m.text] = uses.get(m.text, 0) + 1
        marks = tuple(sorted({mark for m in members for mark in m.marks}))
        out.append(LabelGroup(label_form(uses), len(members), distancing, marks))
    return sorted(out, key=lambda g: -g.count)


def shown_title(document: Mapping[str, Any]) -> str:
    """The heading a view gives a document: its title, the start of a lede taken for
    the title (the whole of it begins the text shown below), or "Untitled document ID"."""
    title = document.get("title")
    if not title:
        return f"Untitled document {document.get('id', '')}".strip()
    return excerpt(title, 100) if is_lede(title) else str(title)


def excerpt(text: str, limit: int = 120) -> str:
    """`text` on one line, cut at a word boundary to at most `limit` characters."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"


DOUBLE_STANDARD_TITLE = "Double standards (whataboutism)"
DOUBLE_STANDARD_NOTE = (
    "Passages that treat two parties differently for one act: the argument that "
    "answers one side's conduct by pointing at another's. Rules over the grammar, not a "
    "model: read the passages before you call it whataboutism."
)
# What an empty layer says: its rules find four wordings only, and a reader took "None
# found." for "this article makes no such argument" (session 49's review).
DOUBLE_STANDARD_NONE = (
    "None of the four wordings these rules find. Most whataboutism is worded otherwise: "
    "this says nothing of the article's other arguments."
)


DOUBLE_STANDARD_HEADINGS = {
    "opposite_judgements": "One act, two judgements",
    "also_does": "Blamed on one, done by another",
    "same_thing": "The same thing, treated differently",
    "what_about": "Judged, then “what about …?”",
}


def double_standard_heading(item: DoubleStandard) -> str:
    """What a double standard is, in a few words: "One act, two judgements", "Blamed on
    one, done by another", "The same thing, treated differently" or "Judged, then “what
    about …?”"."""
    return DOUBLE_STANDARD_HEADINGS.get(item.kind, item.kind)


def double_standard_sides(item: DoubleStandard) -> str:
    """Who is on each side, and how the passages treat them: "The US (praised) / Russia
    (condemning)"; "ISIS (condemning) / Jihadis (does it too)"; "(accused) / Obama (does
    it too)". A side the text names nobody for and judges nobody on is left out."""
    sides = []
    for party, judgement in zip(item.parties, item.judgements, strict=True):
        if not party and not judgement:
            continue
        how = judgement or "does it too"
        sides.append(f"{excerpt(party, 60)} ({how})" if party else f"({how})")
    return " / ".join(sides)
