"""The one result type: what propscope found in a document.

An `Analysis` is plain data. Every span is [start, end) in character offsets into
`Analysis.document.text`; `to_dict()` gives the JSON shape that the CLI prints, the
HTML report renders and other tools read. Layers a run did not compute are `None` and
absent from the dict, never empty lists pretending to be results.
"""

from __future__ import annotations

import bisect
import json
import re
from collections import Counter
from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Final, Literal

from propscope.document import Document
from propscope.errors import UnknownTechniqueError
from propscope.techniques import TECHNIQUE_NAMES, get_technique

__all__ = [
    "ACTOR_KINDS",
    "CHECKWORTHY_THRESHOLD",
    "FIGURE_QUALIFIERS",
    "LABEL_MARKS",
    "NAMED_KINDS",
    "SOURCE_KINDS",
    "THIRD_PARTY_KINDS",
    "UPDATE_KINDS",
    "Actor",
    "ActorKind",
    "ActorLabel",
    "Analysis",
    "AttributedSpan",
    "Attribution",
    "Claim",
    "ClassifiedSpan",
    "DoubleStandard",
    "Figure",
    "FigureConflict",
    "Headline",
    "LabelMark",
    "SourceKind",
    "TechniqueSpan",
    "UpdateKind",
    "UpdateLine",
    "covered_characters",
    "disputed_claims",
    "format_quantity",
    "link_actors_to_techniques",
    "link_claims_to_attributions",
    "link_figures_to_attributions",
    "read_actors",
    "read_attributions",
    "read_claims",
    "read_double_standards",
    "read_figures",
    "read_headline",
    "summarize_actors",
    "summarize_attributions",
    "summarize_claims",
    "summarize_techniques",
    "top_claims",
]

SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True)
class ClassifiedSpan:
    """A passage the caller chose, with every technique ranked by the model's probability
    that it is the passage's technique (the shared task's TC question: given that this
    passage is propaganda, which technique is it?)."""

    start: int
    end: int
    text: str
    ranked: tuple[tuple[str, float], ...]  # (technique, probability), most likely first

    @property
    def technique(self) -> str:
        return self.ranked[0][0]

    @property
    def probability(self) -> float:
        return self.ranked[0][1]

    def to_dict(self, *, top: int | None = None) -> dict[str, Any]:
        """The JSON shape: the passage, its first technique, and the `top` techniques
        (all of them by default) with their labels and probabilities."""
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "technique": self.technique,
            "probability": self.probability,
            "ranked": [
                {"technique": name, "label": get_technique(name).label, "probability": p}
                for name, p in self.ranked[:top]
            ],
        }


@dataclass(frozen=True, slots=True)
class TechniqueSpan:
    """One passage using one technique. A passage with two techniques is two spans."""

    start: int
    end: int
    technique: str
    score: float
    text: str = ""

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"need 0 <= start < end, got [{self.start}, {self.end})")
        if self.technique not in TECHNIQUE_NAMES:
            raise UnknownTechniqueError(
                f"unknown technique {self.technique!r}; expected one of {TECHNIQUE_NAMES}"
            )
        if not 0.0 <= self.score <= 1.0:
            raise ValueError(f"score must be in [0, 1], got {self.score}")

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "technique": self.technique,
            "score": round(self.score, 4),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TechniqueSpan:
        return cls(
            start=int(data["start"]),
            end=int(data["end"]),
            technique=data["technique"],
            score=float(data["score"]),
            text=data.get("text", ""),
        )


FIGURE_QUALIFIERS: Final = (None, "about", "more than", "less than", "at least", "up to", "range")


def format_quantity(value: float) -> str:
    """A figure as a reader writes it: 1,200 / 1,500,000 / 3.5."""
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure in the text: a number or a range, with what it counts.

    [start, end) covers the figure expression with its qualifier, currency sign, scale
    and per-cent marker ("about $3 million", "between 1,200 and 12,000", "45 per cent"),
    not the counted noun. `value` is the stated number, or None where the text states
    only bounds (a range, or a vague "hundreds of"); `low` and `high` are always set,
    and equal for a single figure. `counts` is the lower-case noun phrase counted
    ("tanks", "per cent", "per cent of the vote", "dollars"), or None when it could not
    be found.
    `source` is the index, in `Analysis.attributions`, of the innermost attributed
    statement whose content holds the figure (so whose figure it is), or None when no
    statement holds it or the attributions layer was not computed.
    """

    start: int
    end: int
    value: float | None
    low: float
    high: float
    counts: str | None = None
    qualifier: str | None = None
    text: str = ""
    source: int | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"need 0 <= start < end, got [{self.start}, {self.end})")
        if not self.low <= self.high:
            raise ValueError(f"need low <= high, got low={self.low}, high={self.high}")
        if self.value is not None and not self.low <= self.value <= self.high:
            raise ValueError(
                f"value {self.value} lies outside its bounds [{self.low}, {self.high}]"
            )
        if self.qualifier not in FIGURE_QUALIFIERS:
            raise ValueError(
                f"unknown qualifier {self.qualifier!r}; expected one of {FIGURE_QUALIFIERS}"
            )
        if self.source is not None and self.source < 0:
            raise ValueError(f"source must be an attribution index >= 0 or None, got {self.source}")

    @property
    def value_text(self) -> str:
        """The value as a reader writes it, a range as "low–high"."""
        if self.low == self.high:
            return format_quantity(self.low)
        return f"{format_quantity(self.low)}–{format_quantity(self.high)}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "value": self.value,
            "low": self.low,
            "high": self.high,
            "counts": self.counts,
            "qualifier": self.qualifier,
            "source": self.source,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Figure:
        value = data.get("value")
        source = data.get("source")
        return cls(
            start=int(data["start"]),
            end=int(data["end"]),
            value=None if value is None else float(value),
            low=float(data["low"]),
            high=float(data["high"]),
            counts=data.get("counts"),
            qualifier=data.get("qualifier"),
            text=data.get("text", ""),
            source=None if source is None else int(source),
        )


@dataclass(frozen=True, slots=True)
class FigureConflict:
    """Figures that disagree: one range spanning a wide factor, or several figures for
    the same thing far apart. `figures` are indexes into `Analysis.figures`; `ratio` is
    how far apart they are (high / low, at least 1)."""

    figures: tuple[int, ...]
    ratio: float
    note: str = ""

    def __post_init__(self) -> None:
        if not self.figures or min(self.figures) < 0:
            raise ValueError(f"need one or more figure indexes >= 0, got {self.figures}")
        if not self.ratio >= 1.0:
            raise ValueError(f"ratio must be >= 1, got {self.ratio}")

    def to_dict(self) -> dict[str, Any]:
        return {"figures": list(self.figures), "ratio": round(self.ratio, 4), "note": self.note}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FigureConflict:
        return cls(
            figures=tuple(int(i) for i in data["figures"]),
            ratio=float(data["ratio"]),
            note=data.get("note", ""),
        )


def read_figures(
    data: Mapping[str, Any], text: str | None = None
) -> tuple[list[Figure], list[FigureConflict]] | None:
    """The figures layer of an analysis dict, checked; None when the layer is absent.

    With `text`, offsets must fall inside it. Conflicts must point at existing figures,
    and a figure's `source` at an existing attribution.
    """
    if "figures" not in data:
        return None
    figures = [Figure.from_dict(item) for item in data["figures"] or []]
    conflicts = [FigureConflict.from_dict(item) for item in data.get("figure_conflicts") or []]
    if text is not None:
        for index, figure in enumerate(figures):
            if figure.end > len(text):
                raise ValueError(
                    f"figure {index} has offsets [{figure.start}, {figure.end}) but the "
                    f"document text has {len(text)} characters. Was the analysis made "
                    "from a different text?"
                )
            if not figure.text:
                figures[index] = replace(figure, text=text[figure.start : figure.end])
    for index, conflict in enumerate(conflicts):
        if max(conflict.figures) >= len(figures):
            raise ValueError(
                f"figure conflict {index} points at figures {list(conflict.figures)} but "
                f"there are only {len(figures)} figures."
            )
    attributions = data.get("attributions")
    for index, figure in enumerate(figures):
        if figure.source is None:
            continue
        if attributions is None:
            raise ValueError(
                f"figure {index} names attribution {figure.source} as its source but the "
                "analysis has no attributions layer."
            )
        if figure.source >= len(attributions):
            raise ValueError(
                f"figure {index} names attribution {figure.source} as its source but there "
                f"are only {len(attributions)} attributions."
            )
    return figures, conflicts


# --- attributions -----------------------------------------------------------------------

SourceKind = Literal[
    "person", "organisation", "media", "vague", "pronoun", "author", "unattributed"
]
SOURCE_KINDS: Final[tuple[str, ...]] = (
    "person",
    "organisation",
    "media",
    "vague",
    "pronoun",
    "author",
    "unattributed",
)
# Kinds of a source other than the author: counted under summary["sources"].
THIRD_PARTY_KINDS: Final[tuple[str, ...]] = SOURCE_KINDS[:5]
# Kinds of a source that names someone: what a pronoun source may refer to.
NAMED_KINDS: Final[tuple[str, ...]] = SOURCE_KINDS[:4]
# Kinds of a source that may stand for a name given elsewhere: a pronoun ("he"), or a
# description with "the" ("the economist", kind vague; "the spokesman", kind person).
_REFERRING_KINDS = frozenset({"pronoun", "person", "vague"})


@dataclass(frozen=True, slots=True)
class AttributedSpan:
    """A `[start, end)` span of the document text: a statement's source, cue or content,
    a piece of evidence for a verdict of the headline layer, or a mention of an actor."""

    start: int
    end: int
    text: str = ""

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"need 0 <= start < end, got [{self.start}, {self.end})")

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> AttributedSpan:
        return cls(start=int(data["start"]), end=int(data["end"]), text=str(data.get("text", "")))


@dataclass(frozen=True, slots=True)
class Attribution:
    """One statement and whose it is: SOURCE (who), CUE (the words that attribute:
    "said", "according to") and CONTENT (what is attributed), with `source_kind`.

    Kinds: "person", "organisation", "media", "vague" (a source a reader cannot
    identify: "Western sources", "reports", or none named behind "there is
    confirmation that"), "pronoun" (he, they, who), "author" (the
    author's own voice: "I expect", "What is certain is", a prediction with "will")
    and "unattributed" (an assertion nobody is said to make: no source, no cue).
    `source` is None when no span names the source ("unattributed", most "author"
    entries, some "vague" ones); `cue` is None exactly for "unattributed".
    `refers_to`, for kind "pronoun", is a span of the text naming whom the pronoun
    stands for ("Mike Mills" for the "he" of "he said"), where the rules of
    `propscope.components.pronoun_sources` find one (a guess, as a reader's would be),
    and `refers_to_kind` that name's kind (person, organisation, media or vague). A
    source that is a description with "the" (kind "person" or "vague": "the economist
    added", "The spokesman said") may have one too: the person an earlier source
    describes so and names ("Mushroom Kingdom economist Toad", "spokesman John Kirby");
    so may a person source written as initials: the one person the article names with
    them ("DL" of an interview's "DL:" turns, "Dara Lind").
    `act` is True where the cue is something the source did to what the content names,
    not words it said: a phrase with no verb and no quotation mark after a cue that is
    no verb of saying ("thanked | Ritter", "voted against | the first Gulf War",
    "praised | the decision"; not "denied | the report" or "estimated | 12,000
    fighters", which report words). Nobody's words are in an act's content, so no
    figure or claim counts it as the source's statement, and the views list it as what
    the source did ("thanked Ritter"), not as a quotation.
    """

    source: AttributedSpan | None
    cue: AttributedSpan | None
    content: AttributedSpan
    source_kind: str
    refers_to: AttributedSpan | None = None
    refers_to_kind: str | None = None
    act: bool = False

    def __post_init__(self) -> None:
        if self.act and self.source_kind not in THIRD_PARTY_KINDS:
            raise ValueError(
                "only a third party's statement can be an act; this statement's kind is "
                f"{self.source_kind!r}"
            )
        if self.source_kind not in SOURCE_KINDS:
            raise ValueError(
                f"source_kind must be one of {', '.join(SOURCE_KINDS)}; got {self.source_kind!r}"
            )
        if self.source_kind == "unattributed" and (self.source is not None or self.cue is not None):
            raise ValueError("an unattributed statement has no source and no cue")
        if self.cue is None and self.source_kind != "unattributed":
            raise ValueError(
                f"a statement of kind {self.source_kind!r} needs a cue; only kind "
                "'unattributed' has none"
            )
        if self.refers_to is not None and self.source_kind not in _REFERRING_KINDS:
            raise ValueError(
                'only a pronoun or a description ("the economist") refers to a name; '
                f"this statement's kind is {self.source_kind!r}"
            )
        if (self.refers_to is None) != (self.refers_to_kind is None):
            raise ValueError("refers_to and refers_to_kind go together: give both or neither")
        if self.refers_to_kind is not None and self.refers_to_kind not in NAMED_KINDS:
            raise ValueError(
                f"refers_to_kind must be one of {', '.join(NAMED_KINDS)}; "
                f"got {self.refers_to_kind!r}"
            )

    def spans(self) -> tuple[AttributedSpan, ...]:
        return tuple(s for s in (self.source, self.cue, self.content) if s is not None)

    def to_dict(self) -> dict[str, Any]:
        """`{"source": {start, end, text, kind} | None, "cue": {...} | None, "content": {...},
        "source_kind": kind, "refers_to": {start, end, text, kind} | None}`; the kind is repeated
        at the top level because a missing source span still has a kind ("unattributed",
        "author", "vague")."""
        source = (
            None if self.source is None else {**self.source.to_dict(), "kind": self.source_kind}
        )
        return {
            "source": source,
            "cue": None if self.cue is None else self.cue.to_dict(),
            "content": self.content.to_dict(),
            "source_kind": self.source_kind,
            "refers_to": (
                None
                if self.refers_to is None
                else {**self.refers_to.to_dict(), "kind": self.refers_to_kind}
            ),
            "act": self.act,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Attribution:
        source, cue = data.get("source"), data.get("cue")
        kind = data.get("source_kind") or (source or {}).get("kind")
        refers_to = data.get("refers_to")
        return cls(
            source=None if source is None else AttributedSpan.from_dict(source),
            cue=None if cue is None else AttributedSpan.from_dict(cue),
            content=AttributedSpan.from_dict(data["content"]),
            source_kind=str(kind),
            refers_to=None if refers_to is None else AttributedSpan.from_dict(refers_to),
            refers_to_kind=None if refers_to is None else _refers_to_kind(refers_to),
            act=_act(data.get("act", False)),
        )


def _act(value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"an attribution's 'act' is true or false; got {value!r}")
    return value


def _refers_to_kind(refers_to: Mapping[str, Any]) -> str:
    kind = refers_to.get("kind")
    if kind is None:
        raise ValueError(
            "refers_to needs its 'kind' (person, organisation, media or vague) beside "
            "start, end and text"
        )
    return str(kind)


def read_attributions(data: Mapping[str, Any], text: str | None = None) -> list[Attribution] | None:
    """The attributions layer of an analysis dict, checked; None when the layer is absent.

    With `text`, every span must fall inside it and, where the dict gives the span's
    text, match it; a span the dict left without text gets it from `text`.
    """
    if "attributions" not in data:
        return None
    items = [Attribution.from_dict(item) for item in data["attributions"] or []]
    if text is None:
        return items

    def checked(span: AttributedSpan | None, index: int, role: str) -> AttributedSpan | None:
        if span is None:
            return None
        if span.end > len(text) or (span.text and text[span.start : span.end] != span.text):
            raise ValueError(
                f"attribution {index} has a {role} at [{span.start}, {span.end}) that does "
                f"not match the document text ({len(text)} characters). Was the analysis "
                "made from a different text?"
            )
        return span if span.text else replace(span, text=text[span.start : span.end])

    for index, item in enumerate(items):
        content = checked(item.content, index, "content")
        assert content is not None
        items[index] = Attribution(
            source=checked(item.source, index, "source"),
            cue=checked(item.cue, index, "cue"),
            content=content,
            source_kind=item.source_kind,
            refers_to=checked(item.refers_to, index, "refers_to"),
            refers_to_kind=item.refers_to_kind,
            act=item.act,
        )
    return items


def summarize_attributions(
    attributions: Sequence[Attribution], *, unattributed: bool = True
) -> dict[str, Any]:
    """Counts for the summary: every statement, then by whose voice it is.

    `attributions` counts every entry; `sources` counts the statements of each
    third-party kind (person, organisation, media, vague, pronoun; kinds with none are
    left out); `author` counts the author's own assertions and predictions; and
    `unattributed` the assertions nobody is said to make, absent when those were not
    looked for (`unattributed=False`). The three add up to `attributions`.
    """
    counts = Counter(a.source_kind for a in attributions)
    out: dict[str, Any] = {
        "attributions": len(attributions),
        "sources": {kind: counts[kind] for kind in THIRD_PARTY_KINDS if counts[kind]},
        "author": counts["author"],
    }
    if unattributed:
        out["unattributed"] = counts["unattributed"]
    return out


def link_figures_to_attributions(
    figures: Sequence[Figure], attributions: Sequence[Attribution]
) -> list[Figure]:
    """The figures with `source` set to the innermost attributed statement whose content
    holds each one (the shortest such content), or None where no content holds it. An
    act's content ("voted for | the $700 billion bailout") is no one's words and holds
    no figure (`Attribution.act`)."""
    contents = sorted(
        (a.content.end - a.content.start, index, a.content)
        for index, a in enumerate(attributions)
        if not a.act
    )
    out = []
    for figure in figures:
        source = next(
            (index for _, index, c in contents if c.start <= figure.start and figure.end <= c.end),
            None,
        )
        out.append(figure if figure.source == source else replace(figure, source=source))
    return out


# --- claims -------------------------------------------------------------------------------

# A sentence at or above this check-worthiness is counted as "worth checking" in the
# summary; the scores rank sentences, and the threshold only sizes the count.
CHECKWORTHY_THRESHOLD: Final[float] = 0.5


@dataclass(frozen=True, slots=True)
class Claim:
    """One sentence of the document and how much it deserves a fact-checker's time.

    `checkworthiness` is in [0, 1]: higher means a factual claim of public interest that
    a fact-checker would verify ("The unemployment rate is 23 million Americans"), lower
    an opinion, a greeting or a question. It ranks the sentences of one article; it is
    not the probability that a sentence is false. `attribution` is the index, in
    `Analysis.attributions`, of the statement the sentence reports (the one whose
    content overlaps the sentence most), or None when the sentence holds no statement
    or the attributions layer was not computed.
    """

    start: int
    end: int
    checkworthiness: float
    text: str = ""
    attribution: int | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"need 0 <= start < end, got [{self.start}, {self.end})")
        if not 0.0 <= self.checkworthiness <= 1.0:
            raise ValueError(f"checkworthiness must be in [0, 1], got {self.checkworthiness}")
        if self.attribution is not None and self.attribution < 0:
            raise ValueError(f"attribution must be an index >= 0 or None, got {self.attribution}")

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "checkworthiness": round(self.checkworthiness, 4),
            "attribution": self.attribution,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Claim:
        attribution = data.get("attribution")
        return cls(
            start=int(data["start"]),
            end=int(data["end"]),
            checkworthiness=float(data["checkworthiness"]),
            text=str(data.get("text", "")),
            attribution=None if attribution is None else int(attribution),
        )


def read_claims(data: Mapping[str, Any], text: str | None = None) -> list[Claim] | None:
    """The claims layer of an analysis dict, checked against `text` when given (spans
    inside it, texts matching, a missing text filled in); None when the layer is absent."""
    if "claims" not in data:
        return None
    claims = [Claim.from_dict(item) for item in data["claims"] or []]
    attributions = data.get("attributions")
    for index, claim in enumerate(claims):
        if claim.attribution is None:
            continue
        # The renderers read the statement a claim names: one past the list broke them.
        if attributions is None or not 0 <= claim.attribution < len(attributions):
            raise ValueError(
                f"claim {index} names attribution {claim.attribution} as its source but there "
                f"are only {len(attributions or [])} attributions."
            )
    if text is None:
        return claims
    out = []
    for index, claim in enumerate(claims):
        found = text[claim.start : claim.end]
        if claim.end > len(text) or (claim.text and found != claim.text):
            raise ValueError(
                f"claim {index} at [{claim.start}, {claim.end}) does not match the document "
                f"text ({len(text)} characters). Was the analysis made from a different text?"
            )
        out.append(claim if claim.text else replace(claim, text=found))
    return out


def link_claims_to_attributions(
    claims: Sequence[Claim], attributions: Sequence[Attribution]
) -> list[Claim]:
    """The claims with `attribution` set to the statement whose content overlaps each
    sentence most (ties: the earlier statement), where it covers a quarter of it (a
    content of one word, "us", says nothing of whose the sentence is). Where none does,
    the statements of one source as written ("Persoone", "officials", the author's "I")
    count together: in "Persoone claims he developed
    the shooter in 2007, has sold 25,000 of them and says that snorting cacao is safe"
    neither content covers a quarter, the two, both Persoone's, do; the larger stands
    for them. A pronoun source counts as whom it stands for (`refers_to`), and alone
    where that is not known. Where no source's contents cover a quarter, the sentence is
    the statements' whose cues of saying are in it (`_SAYING`), when they are one
    source's ("That was why “we never decided to go after him” before, Nagata said –
    ...": a short quotation, but Nagata's sentence). Otherwise None. An act ("thanked |
    Ritter", `Attribution.act`) makes no sentence its source's."""
    said = [i for i, a in enumerate(attributions) if not a.act]
    # Contents by start: a claim looks only at those that start less than the longest
    # content before it ends, so a long article is not claims x statements.
    order = sorted(said, key=lambda i: (attributions[i].content.start, i))
    starts = [attributions[i].content.start for i in order]
    longest = max(
        (attributions[i].content.end - attributions[i].content.start for i in said), default=0
    )
    cued = sorted(
        (i for i in said if attributions[i].cue is not None),
        key=lambda i: (attributions[i].cue.start, i),  # type: ignore[union-attr]
    )
    cue_starts = [attributions[i].cue.start for i in cued]  # type: ignore[union-attr]
    out = []
    for claim in claims:
        lo = bisect.bisect_left(starts, claim.start - longest)
        hi = bisect.bisect_left(starts, claim.end)
        found, most = None, 0
        by_source: dict[object, list[int]] = {}
        for index in sorted(order[lo:hi]):
            statement = attributions[index]
            content = statement.content
            overlap = min(claim.end, content.end) - max(claim.start, content.start)
            if overlap <= 0:
                continue
            if overlap > most:
                found, most = index, overlap
            key = _source_key(statement)
            if key is not None:
                by_source.setdefault(key, []).append(index)
        quarter = (claim.end - claim.start) / 4
        if most < quarter:
            found = None
            # The source whose statements cover most of the sentence together (nested
            # contents counted once); ties: the one whose statement comes first.
            covered = {
                key: _covered(claim, [attributions[i].content for i in members])
                for key, members in by_source.items()
            }
            ranked = sorted(by_source, key=lambda k: (-covered[k], by_source[k][0]))
            if ranked and covered[ranked[0]] >= quarter:
                members = by_source[ranked[0]]
                found = max(members, key=lambda i: (_overlap(claim, attributions[i].content), -i))
        if found is None:
            first = bisect.bisect_left(cue_starts, claim.start)
            last = bisect.bisect_left(cue_starts, claim.end)
            inside = [
                i
                for i in cued[first:last]
                if (cue := attributions[i].cue) is not None
                and cue.end <= claim.end
                and _SAYING.search(cue.text)
            ]
            keys = {_source_key(attributions[i]) for i in inside}
            if len(keys) == 1 and None not in keys:
                found = max(inside, key=lambda i: (_overlap(claim, attributions[i].content), -i))
        out.append(claim if claim.attribution == found else replace(claim, attribution=found))
    return out


# Cues that say someone said it, for `link_claims_to_attributions`: not "hired",
# "offer" or "voted for", whose statements make no sentence theirs.
_SAYING = re.compile(
    r"\b(?:(?:say|says|said|saying|tell|tells|told|telling|according\s+to|wrote|writes|"
    r"written|writing)|(?:ask|add|explain|claim|insist|warn|tweet|report|respond|state|"
    r"confirm|announce|note|declare|argue|suggest|acknowledge|admit)(?:s|ed|d|ing)?|"
    r"admitted|replied|replies|denied|denies)\b",
    re.IGNORECASE,
)


def _source_key(statement: Attribution) -> tuple[str, object] | None:
    """Whose a statement is, as written: its source's kind and words (a pronoun as whom
    it stands for, where that is known), None for one with no source."""
    source, kind = statement.source, statement.source_kind
    if kind == "pronoun":  # "he" is whom it stands for, where that is known
        source, kind = statement.refers_to, statement.refers_to_kind or "pronoun"
    elif statement.refers_to is not None and statement.refers_to_kind is not None:
        source, kind = statement.refers_to, statement.refers_to_kind  # "the economist"
    if source is None:
        return None
    name = " ".join(source.text.casefold().split())
    return (kind, name or (source.start, source.end))


def _overlap(claim: Claim, span: AttributedSpan) -> int:
    return max(0, min(claim.end, span.end) - max(claim.start, span.start))


def _covered(claim: Claim, spans: Sequence[AttributedSpan]) -> int:
    """Characters of the claim inside at least one of the spans."""
    total, reach = 0, claim.start
    for start, end in sorted((max(s.start, claim.start), min(s.end, claim.end)) for s in spans):
        if start < end and end > reach:
            total += end - max(start, reach)
            reach = end
    return total


def summarize_claims(claims: Sequence[Claim]) -> dict[str, int]:
    """`claims`: sentences scored; `checkworthy`: those at or above the threshold."""
    return {
        "claims": len(claims),
        "checkworthy": sum(c.checkworthiness >= CHECKWORTHY_THRESHOLD for c in claims),
    }


def top_claims(claims: Sequence[Claim], k: int, *, exclude: Container[int] = ()) -> list[int]:
    """Indexes of the `k` most check-worthy claims, most worthy first (ties: text order),
    leaving out the indexes in `exclude` (the claims already listed, as disputed ones)."""
    kept = [i for i in range(len(claims)) if i not in exclude]
    return sorted(kept, key=lambda i: (-claims[i].checkworthiness, i))[:k]


def disputed_claims(claims: Sequence[Claim], headline: Headline | None) -> dict[int, str]:
    """Claims the article itself calls into question, by index, with why in words: the
    headline when an update line contradicts it or the body disagrees with it, and the
    update line that contradicts it. A fact-checker checks these first, whatever their
    score (the check-worthiness model learnt from debates, where no sentence revises
    another). Empty without the headline layer or without a title."""
    if headline is None or not headline.text or not claims:
        return {}
    out: dict[int, str] = {}
    contradicting = [u for u in headline.updates if u.contradicts_headline]
    title_end = len(headline.text)
    if contradicting:
        kind = contradicting[0].kind.replace("_", " ").replace("editors", "editor's")
        why = f"the article's own {kind} line contradicts this headline"
    elif headline.stance == "disagree":
        why = "the article's body disagrees with this headline"
    else:
        why = ""
    for i, claim in enumerate(claims):
        if why and claim.start < title_end:
            out[i] = why
            continue
        for line in contradicting:
            if claim.start < line.end and line.start < claim.end:
                why_line = "it contradicts the article's headline"
                if line.reflected_in_body is False:
                    why_line += ", and the body does not say it"
                out[i] = why_line
                break
    return out


# --- actors -------------------------------------------------------------------------------

ActorKind = Literal["person", "organisation", "group", "country", "place", "media"]
ACTOR_KINDS: Final[tuple[str, ...]] = (
    "person",
    "organisation",
    "group",
    "country",
    "place",
    "media",
)
LabelMark = Literal["scare_quotes", "so_called"]
LABEL_MARKS: Final[tuple[str, ...]] = ("scare_quotes", "so_called")


@dataclass(frozen=True, slots=True)
class ActorLabel:
    """A word or phrase the article uses to label an actor ("Jihadis", “moderate rebels”).

    [start, end) covers the labelling words, without quotation marks or "so-called".
    `distancing` is true when the article holds the label at arm's length; `marks` says
    how: "scare_quotes" (in quotation marks too short to be a quotation) and/or
    "so_called". A label repeated N times is N entries.
    """

    start: int
    end: int
    text: str = ""
    distancing: bool = False
    marks: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"need 0 <= start < end, got [{self.start}, {self.end})")
        unknown = [m for m in self.marks if m not in LABEL_MARKS]
        if unknown:
            raise ValueError(
                f"unknown label mark(s) {unknown}; expected some of {', '.join(LABEL_MARKS)}"
            )
        if self.marks and not self.distancing:
            raise ValueError(
                f"a label with distancing marks {list(self.marks)} must have distancing=True"
            )

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "distancing": self.distancing,
            "marks": list(self.marks),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ActorLabel:
        return cls(
            start=int(data["start"]),
            end=int(data["end"]),
            text=str(data.get("text", "")),
            distancing=bool(data.get("distancing", False)),
            marks=tuple(str(m) for m in data.get("marks") or ()),
        )


@dataclass(frozen=True, slots=True)
class Actor:
    """A party the article names: a person, an organisation, a group or side, a country,
    a place (a city, a state, a region), or the media, with every mention of it grouped
    ("Vladimir Putin", "Putin").

    `mentions` are the spans that name it; `labels` the words the article labels it
    with (see `ActorLabel`). `techniques` holds the indexes, in `Analysis.techniques`,
    of the technique spans that overlap a mention or a label, and `sources` the
    indexes, in `Analysis.attributions`, of the statements whose source it is; each is
    None when that layer was not there to link to.
    """

    name: str
    kind: str
    mentions: tuple[AttributedSpan, ...]
    labels: tuple[ActorLabel, ...] = ()
    techniques: tuple[int, ...] | None = None
    sources: tuple[int, ...] | None = None

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValueError("an actor needs a name")
        if self.kind not in ACTOR_KINDS:
            raise ValueError(f"kind must be one of {', '.join(ACTOR_KINDS)}; got {self.kind!r}")
        if not self.mentions:
            raise ValueError(f"actor {self.name!r} has no mentions; an actor needs one or more")
        for field_name in ("techniques", "sources"):
            indexes = getattr(self, field_name)
            if indexes is not None and any(i < 0 for i in indexes):
                raise ValueError(f"{field_name} of actor {self.name!r} must be indexes >= 0")

    def spans(self) -> tuple[tuple[int, int], ...]:
        """Every span of the actor in the text: its mentions, then its labels."""
        return tuple((m.start, m.end) for m in self.mentions) + tuple(
            (label.start, label.end) for label in self.labels
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "mentions": [m.to_dict() for m in self.mentions],
            "labels": [label.to_dict() for label in self.labels],
            "techniques": None if self.techniques is None else list(self.techniques),
            "sources": None if self.sources is None else list(self.sources),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Actor:
        techniques, sources = data.get("techniques"), data.get("sources")
        return cls(
            name=str(data["name"]),
            kind=str(data["kind"]),
            mentions=tuple(AttributedSpan.from_dict(m) for m in data.get("mentions") or ()),
            labels=tuple(ActorLabel.from_dict(label) for label in data.get("labels") or ()),
            techniques=None if techniques is None else tuple(int(i) for i in techniques),
            sources=None if sources is None else tuple(int(i) for i in sources),
        )


def read_actors(data: Mapping[str, Any], text: str | None = None) -> list[Actor] | None:
    """The actors layer of an analysis dict, checked; None when the layer is absent.

    With `text`, every mention and label must fall inside it and, where the dict gives
    its text, match it; a span left without text gets it from `text`. Technique and
    source indexes must point at existing technique spans and attributions.
    """
    if "actors" not in data:
        return None
    actors = [Actor.from_dict(item) for item in data["actors"] or []]
    for layer, field_name in (("techniques", "techniques"), ("attributions", "sources")):
        size = None if data.get(layer) is None else len(data[layer])
        for index, actor in enumerate(actors):
            links = getattr(actor, field_name) or ()
            if links and size is None:
                raise ValueError(
                    f"actor {index} ({actor.name!r}) links to {layer} {list(links)} but the "
                    f"analysis has no {layer} layer."
                )
            if links and size is not None and max(links) >= size:
                raise ValueError(
                    f"actor {index} ({actor.name!r}) links to {layer} {list(links)} but there "
                    f"are only {size}."
                )
    if text is None:
        return actors

    def checked(start: int, end: int, given: str, where: str) -> str:
        if end > len(text) or (given and text[start:end] != given):
            raise ValueError(
                f"{where} at [{start}, {end}) does not match the document text "
                f"({len(text)} characters). Was the analysis made from a different text?"
            )
        return given or text[start:end]

    for index, actor in enumerate(actors):
        mentions = tuple(
            replace(m, text=checked(m.start, m.end, m.text, f"mention {k} of actor {index}"))
            for k, m in enumerate(actor.mentions)
        )
        labels = tuple(
            replace(lb, text=checked(lb.start, lb.end, lb.text, f"label {k} of actor {index}"))
            for k, lb in enumerate(actor.labels)
        )
        actors[index] = replace(actor, mentions=mentions, labels=labels)
    return actors


def link_actors_to_techniques(
    actors: Sequence[Actor], techniques: Sequence[TechniqueSpan] | None
) -> list[Actor]:
    """The actors with `techniques` set to the indexes of the technique spans that
    overlap one of their mentions or labels; None for every actor when `techniques` is
    None (the layer was not computed)."""
    out = []
    for actor in actors:
        if techniques is None:
            touching = None
        else:
            spans = actor.spans()
            touching = tuple(
                index
                for index, t in enumerate(techniques)
                if any(t.start < end and start < t.end for start, end in spans)
            )
        out.append(actor if actor.techniques == touching else replace(actor, techniques=touching))
    return out


def summarize_actors(actors: Sequence[Actor]) -> dict[str, int]:
    """Counts for the summary: actors, and labels the article keeps its distance from."""
    return {
        "actors": len(actors),
        "distancing_labels": sum(1 for a in actors for label in a.labels if label.distancing),
    }


def _checked_span(span: AttributedSpan, text: str, where: str) -> AttributedSpan:
    """`span` checked against the document `text` (`where` names it in the error); a
    span without its text gets it from `text`."""
    if span.end > len(text) or (span.text and text[span.start : span.end] != span.text):
        raise ValueError(
            f"{where} at [{span.start}, {span.end}) does not match the document text "
            f"({len(text)} characters). Was the analysis made from a different text?"
        )
    return span if span.text else replace(span, text=text[span.start : span.end])


# --- double standards ---------------------------------------------------------------------

DOUBLE_STANDARD_KINDS = ("opposite_judgements", "also_does", "same_thing", "what_about")


@dataclass(frozen=True, slots=True)
class DoubleStandard:
    """Two passages that treat two parties differently for one act: where an article
    answers one party's conduct by pointing at another's (whataboutism).

    `kind`: "opposite_judgements" (one party praised for the act, another condemned for
    it), "also_does" (one party condemned for it, and another said to do it too),
    "same_thing" (a party that "did the same thing", set against a judgement) or
    "what_about" (a "What about ...?" question after a judgement). `passages` are the
    sentences, in text order: two, or one where a "same_thing" or "what_about" judges in
    its own sentence. `act` is the act as the judging passage words it ("bombing them";
    "the same thing"), or what "what about" points at; `parties` and `judgements` are,
    for each side, who is judged or acts and the judging words, as written ("" where the
    text has none; the side that does it too has no judgement, the side a question
    points at has "what about"). `charge` is a sentence nearby that names
    the double standard ("the usual double standard of the Western powers"), if any.
    The rules are in `propscope.components.double_standards`.
    """

    kind: str
    passages: tuple[AttributedSpan, ...]
    act: str
    parties: tuple[str, str] = ("", "")
    judgements: tuple[str, str] = ("", "")
    charge: AttributedSpan | None = None

    def __post_init__(self) -> None:
        if self.kind not in DOUBLE_STANDARD_KINDS:
            raise ValueError(
                f"unknown double-standard kind {self.kind!r}; expected one of "
                f"{', '.join(DOUBLE_STANDARD_KINDS)}"
            )
        if len(self.passages) not in (1, 2) or len(self.parties) != 2 or len(self.judgements) != 2:
            raise ValueError(
                "a double standard has one or two passages, and two parties and judgements"
            )

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "passages": [p.to_dict() for p in self.passages],
            "act": self.act,
            "parties": list(self.parties),
            "judgements": list(self.judgements),
            "charge": None if self.charge is None else self.charge.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> DoubleStandard:
        passages = [AttributedSpan.from_dict(p) for p in data["passages"]]
        parties = [str(p) for p in data.get("parties") or ("", "")]
        judgements = [str(j) for j in data.get("judgements") or ("", "")]
        if len(parties) != 2 or len(judgements) != 2:
            raise ValueError("a double standard has two parties and two judgements")
        charge = data.get("charge")
        return cls(
            kind=str(data["kind"]),
            passages=tuple(passages),
            act=str(data.get("act", "")),
            parties=(parties[0], parties[1]),
            judgements=(judgements[0], judgements[1]),
            charge=None if charge is None else AttributedSpan.from_dict(charge),
        )


def read_double_standards(
    data: Mapping[str, Any], text: str | None = None
) -> list[DoubleStandard] | None:
    """The double-standards layer of an analysis dict, checked; None when the layer is
    absent. With `text`, every passage and charge must fall inside it and, where the
    dict gives its text, match it; a span left without text gets it from `text`."""
    if data.get("double_standards") is None:
        return None
    found = [DoubleStandard.from_dict(item) for item in data["double_standards"]]
    if text is None:
        return found

    out = []
    for index, item in enumerate(found):
        passages = tuple(
            _checked_span(p, text, f"passage {k} of double standard {index}")
            for k, p in enumerate(item.passages)
        )
        charge = item.charge
        if charge is not None:
            charge = _checked_span(charge, text, f"the charge of double standard {index}")
        out.append(replace(item, passages=passages, charge=charge))
    return out


# --- headline -----------------------------------------------------------------------------

STANCES: Final[tuple[str, ...]] = ("agree", "disagree", "discuss", "unrelated")
UpdateKind = Literal["update", "correction", "editors_note"]
UPDATE_KINDS: Final[tuple[str, ...]] = ("update", "correction", "editors_note")


@dataclass(frozen=True, slots=True)
class UpdateLine:
    """A line that revises the article ("UPDATE: ...", "Correction: ...", "Editor's note:
    ...", "This article has been updated ..."), wherever it stands in the text.

    [start, end) covers the whole line, without surrounding whitespace. `kind` is
    "update", "correction" or "editors_note". `contradicts_headline` is None when the
    article has no headline to contradict; `reflected_in_body` says whether the body (the
    text after the title, less the update lines) says what the line says, and is None
    when the line says nothing to look for (a bare date). `reasons` say, in words, why
    each verdict was reached; `evidence` holds the spans the verdicts rest on.
    """

    start: int
    end: int
    kind: str
    contradicts_headline: bool | None = None
    reflected_in_body: bool | None = None
    reasons: tuple[str, ...] = ()
    evidence: tuple[AttributedSpan, ...] = ()
    text: str = ""

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"need 0 <= start < end, got [{self.start}, {self.end})")
        if self.kind not in UPDATE_KINDS:
            raise ValueError(f"kind must be one of {', '.join(UPDATE_KINDS)}; got {self.kind!r}")

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind,
            "contradicts_headline": self.contradicts_headline,
            "reflected_in_body": self.reflected_in_body,
            "reasons": list(self.reasons),
            "evidence": [e.to_dict() for e in self.evidence],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> UpdateLine:
        contradicts, reflected = data.get("contradicts_headline"), data.get("reflected_in_body")
        return cls(
            start=int(data["start"]),
            end=int(data["end"]),
            kind=str(data["kind"]),
            contradicts_headline=None if contradicts is None else bool(contradicts),
            reflected_in_body=None if reflected is None else bool(reflected),
            reasons=tuple(str(r) for r in data.get("reasons") or ()),
            evidence=tuple(AttributedSpan.from_dict(e) for e in data.get("evidence") or ()),
            text=str(data.get("text", "")),
        )


@dataclass(frozen=True, slots=True)
class Headline:
    """The headline layer: the title, and the lines that revise the article.

    `text` is the title, or None when the article has none; then no update can be said
    to contradict it, and every `contradicts_headline` must be None. `stance` is the
    body's stance towards the headline ("agree", "disagree", "discuss" or "unrelated",
    the classes of FNC-1), or None when it could not be judged; `stance_scores` holds the
    probability of each class and `evidence` the body sentences the verdict rests on,
    strongest first. `notes` say what could not be judged and why.
    """

    text: str | None
    updates: tuple[UpdateLine, ...] = ()
    stance: str | None = None
    evidence: tuple[AttributedSpan, ...] = ()
    notes: tuple[str, ...] = ()
    stance_scores: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.stance is not None and self.stance not in STANCES:
            raise ValueError(
                f"stance must be one of {', '.join(STANCES)} or None; got {self.stance!r}"
            )
        if self.text is None:
            if self.stance is not None:
                raise ValueError("the article has no headline (text is None), so it has no stance")
            judged = [i for i, u in enumerate(self.updates) if u.contradicts_headline is not None]
            if judged:
                raise ValueError(
                    f"update {judged[0]} says whether it contradicts the headline, but the "
                    "article has no headline (text is None); set contradicts_headline to None."
                )

    @property
    def contradicting(self) -> list[UpdateLine]:
        return [u for u in self.updates if u.contradicts_headline]

    def summary(self) -> dict[str, int]:
        """The counts the summary carries: update lines, and those contradicting the headline."""
        return {
            "updates": len(self.updates),
            "updates_contradicting_headline": len(self.contradicting),
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "stance": self.stance,
            "stance_scores": dict(self.stance_scores),
            "evidence": [e.to_dict() for e in self.evidence],
            "updates": [u.to_dict() for u in self.updates],
            "notes": list(self.notes),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Headline:
        text, stance = data.get("text"), data.get("stance")
        return cls(
            text=None if text is None else str(text),
            updates=tuple(UpdateLine.from_dict(u) for u in data.get("updates") or ()),
            stance=None if stance is None else str(stance),
            evidence=tuple(AttributedSpan.from_dict(e) for e in data.get("evidence") or ()),
            notes=tuple(str(n) for n in data.get("notes") or ()),
            stance_scores={str(k): float(v) for k, v in (data.get("stance_scores") or {}).items()},
        )


def read_headline(data: Mapping[str, Any], text: str | None = None) -> Headline | None:
    """The headline layer of an analysis dict, checked; None when the layer is absent.

    With `text`, every update line and evidence span must fall inside it and, where the
    dict gives its text, match it; a span left without text gets it from `text`.
    """
    if data.get("headline") is None:
        return None
    headline = Headline.from_dict(data["headline"])
    if text is None:
        return headline

    updates = []
    for index, update in enumerate(headline.updates):
        line = _checked_span(
            AttributedSpan(update.start, update.end, update.text), text, f"headline update {index}"
        )
        evidence = tuple(
            _checked_span(e, text, f"evidence {k} of headline update {index}")
            for k, e in enumerate(update.evidence)
        )
        updates.append(replace(update, text=line.text, evidence=evidence))
    evidence = tuple(
        _checked_span(e, text, f"headline evidence {k}") for k, e in enumerate(headline.evidence)
    )
    return replace(headline, updates=tuple(updates), evidence=evidence)


@dataclass(slots=True)
class Analysis:
    """What the analyzer found in one document, layer by layer (docs/analysis.md).

    Every span is `[start, end)` into `document.text`. A layer the run did not compute
    is None (and absent from `to_dict()`); one that ran and found nothing is `[]`.
    `summary` holds counts, `model` which models made it, `notes` what a layer could
    not do and why.
    """

    document: Document
    techniques: list[TechniqueSpan] | None = None
    summary: dict[str, Any] = field(default_factory=dict)
    model: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    figures: list[Figure] | None = None
    figure_conflicts: list[FigureConflict] | None = None
    attributions: list[Attribution] | None = None
    claims: list[Claim] | None = None
    headline: Headline | None = None
    actors: list[Actor] | None = None
    double_standards: list[DoubleStandard] | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape (`--format json`): plain dicts, lists and numbers; layers that
        were not computed are left out."""
        out: dict[str, Any] = {"schema": SCHEMA_VERSION, "document": self.document.to_dict()}
        if self.techniques is not None:
            out["techniques"] = [s.to_dict() for s in self.techniques]
        if self.attributions is not None:
            out["attributions"] = [a.to_dict() for a in self.attributions]
        if self.claims is not None:
            out["claims"] = [c.to_dict() for c in self.claims]
        if self.figures is not None:
            out["figures"] = [f.to_dict() for f in self.figures]
            out["figure_conflicts"] = [c.to_dict() for c in self.figure_conflicts or []]
        if self.headline is not None:
            out["headline"] = self.headline.to_dict()
        if self.actors is not None:
            out["actors"] = [a.to_dict() for a in self.actors]
        if self.double_standards is not None:
            out["double_standards"] = [d.to_dict() for d in self.double_standards]
        out["summary"] = dict(self.summary)
        if self.model:
            out["model"] = dict(self.model)
        if self.notes:
            out["notes"] = list(self.notes)
        return out

    def to_json(self, *, indent: int | None = None) -> str:
        """`to_dict()` as JSON text, non-ASCII characters kept as they are."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        """An analysis back from `to_dict()` (or a batch record): every span of every
        layer is checked against the text (inside it and, where the dict gives the
        span's text, the same), so a record edited out of shape raises `ValueError`
        naming what is wrong, as does a record of another `schema` than this version's."""
        if not isinstance(data, Mapping):
            raise TypeError(
                f"Analysis.from_dict takes the dict that to_dict() gives, not "
                f"{type(data).__name__}"
                + ("; for JSON text use Analysis.from_json(text)" if isinstance(data, str) else "")
            )
        schema = data.get("schema", SCHEMA_VERSION)
        if schema != SCHEMA_VERSION:
            raise ValueError(
                f"the record is of schema {schema!r}; this propscope reads schema "
                f"{SCHEMA_VERSION}. Analyze the text again with this version."
            )
        try:
            return cls._from_dict(data)
        except KeyError as exc:
            raise ValueError(
                f"the analysis record lacks the field {exc.args[0]!r}; a record from "
                "to_dict() has every field of each layer it holds"
            ) from exc
        except (TypeError, AttributeError) as exc:
            raise ValueError(f"the analysis record is out of shape: {exc}") from exc

    @classmethod
    def from_json(cls, text: str | bytes) -> Analysis:
        """An analysis back from `to_json()`: `from_dict` of the parsed JSON, with the
        same checks."""
        return cls.from_dict(json.loads(text))

    @classmethod
    def _from_dict(cls, data: Mapping[str, Any]) -> Analysis:
        document = Document.from_dict(data["document"])
        text = document.text
        techniques = data.get("techniques")
        spans = None if techniques is None else [TechniqueSpan.from_dict(t) for t in techniques]
        for k, span in enumerate(spans or []):
            if not 0 <= span.start < span.end <= len(text):
                raise ValueError(
                    f"technique span {k} is [{span.start}, {span.end}), outside the "
                    f"document's {len(text)} characters. Was the analysis made "
                    "from a different text?"
                )
            if span.text and text[span.start : span.end] != span.text:
                raise ValueError(
                    f"technique span {k} says {span.text!r}, but the document has "
                    f"{text[span.start : span.end]!r} at [{span.start}, {span.end}). Was the "
                    "analysis made from a different text?"
                )
        attributions = read_attributions(data, text)
        figure_layer = read_figures(data, text)
        return cls(
            document=document,
            techniques=spans,
            summary=dict(data.get("summary") or {}),
            model=dict(data.get("model") or {}),
            notes=list(data.get("notes") or []),
            figures=None if figure_layer is None else figure_layer[0],
            figure_conflicts=None if figure_layer is None else figure_layer[1],
            attributions=attributions,
            claims=read_claims(data, text),
            headline=read_headline(data, text),
            actors=read_actors(data, text),
            double_standards=read_double_standards(data, text),
        )


def covered_characters(spans: list[TechniqueSpan]) -> int:
    """Number of characters inside at least one span."""
    total = 0
    last_end = -1
    for s in sorted(spans, key=lambda s: (s.start, s.end)):
        start = max(s.start, last_end)
        if s.end > start:
            total += s.end - start
        last_end = max(last_end, s.end)
    return total


_WORD = re.compile(r"\w+")


def summarize_techniques(text: str, spans: list[TechniqueSpan]) -> dict[str, Any]:
    """Counts per technique, and how much of the text the spans cover."""
    counts = Counter(s.technique for s in spans)
    words = len(_WORD.findall(text))
    covered = covered_characters(spans)
    return {
        "spans": len(spans),
        "techniques": {name: counts[name] for name in TECHNIQUE_NAMES if counts[name]},
        "characters": len(text),
        "words": words,
        "covered_characters": covered,
        "covered_share": round(covered / len(text), 4) if text else 0.0,
        "spans_per_1000_words": round(1000 * len(spans) / words, 2) if words else 0.0,
    }
