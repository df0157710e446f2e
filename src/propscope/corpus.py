"""Corpus figures: what many analyses say together, by outlet, by month, by technique and
by source.

`CorpusFigures.add` takes one batch record (or analysis dict) at a time and keeps only
counters, so a corpus of any size is summed in flat memory. `tables()` gives the figures
as plain, tidy tables (lists of flat dicts, one fact per row): the dashboard renders from
them and `propscope report --data-dir` writes them as CSV or JSON for pandas and R.

Definitions:
- *outlet*: `document.source`, else `document.metadata.outlet`, else "(unknown)";
- *month*: the year and month of `document.published` (ISO 8601 or e-mail style dates);
  articles without a readable date count in every figure except those by month;
- *share of text*: characters inside at least one span of the technique (or of any
  technique, for the total) over all characters of the articles;
- *spans per 1,000 words*: spans over words (`\\w+` runs of the whole text), times 1,000;
- *sources*: the third-party sources statements are attributed to, joined across
  articles by their words ("The Council" = "council's"); pronoun sources are left out,
  since "she" names a different person in each article;
- *actors*: the actors layer's actors, joined across articles by their name's words
  (as sources are) and their kind; labels are joined by wording, singular and plural
  together ("Jihadi", "jihadis"), and apart when distancing. Analyses without the
  layer add nothing;
- *claims*: the claims layer's sentences, each with its check-worthiness; a sentence
  at or above `CHECKWORTHY_THRESHOLD` is check-worthy. Outlets count the articles
  with the layer, their sentences and the check-worthy ones; the most check-worthy
  sentences of the whole corpus are kept in a heap of `top_claims` entries. Analyses
  without the layer add nothing.
"""

from __future__ import annotations

import email.utils
import heapq
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from propscope.analysis import (
    Actor,
    ActorLabel,
    Attribution,
    Claim,
    read_actors,
    read_attributions,
    read_claims,
    summarize_claims,
)
from propscope.render._spans import LabelGroup, group_sources, label_form, label_key
from propscope.techniques import TECHNIQUE_NAMES

__all__ = [
    "UNKNOWN_OUTLET",
    "CorpusFigures",
    "flat_cell",
    "month_of",
    "outlet_of",
    "source_key",
]

UNKNOWN_OUTLET = "(unknown)"
_WORD = re.compile(r"\w+")
_ISO_MONTH = re.compile(r"^\s*(\d{4})-(\d{2})")
# Counters of distinct texts are pruned of their single occurrences past this size, so
# memory stays bounded; the most frequent entries are what the figures show.
_PRUNE_AT = 50_000
# The same for the distinct labels of one actor.
_PRUNE_LABELS_AT = 1_000
# "she" in one article and "she" in another are different people: not ranked as a source.
_UNRANKED_KINDS = frozenset({"pronoun"})
# A claim's sentence is kept to this many characters in the `top_claims` table: one
# "sentence" of an article without punctuation can be the whole article.
_CLAIM_TEXT_LIMIT = 1_000


def outlet_of(document: Mapping[str, Any]) -> str:
    metadata = document.get("metadata") or {}
    for value in (document.get("source"), metadata.get("outlet")):
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())
    return UNKNOWN_OUTLET


def month_of(published: Any) -> str | None:
    """ "2024-03" for "2024-03-15T10:00Z" or "Fri, 15 Mar 2024 10:00:00 GMT"; else None."""
    if not isinstance(published, str) or not published.strip():
        return None
    match = _ISO_MONTH.match(published)
    if match and 1 <= int(match.group(2)) <= 12:
        return f"{match.group(1)}-{match.group(2)}"
    try:
        when = email.utils.parsedate_to_datetime(published)
    except (TypeError, ValueError, IndexError):
        return None
    return f"{when.year:04d}-{when.month:02d}"


def source_key(text: str) -> str:
    """ "The Russian military" and "Russian military's" are one source."""
    key = " ".join(text.casefold().split())
    key = re.sub(r"[’']s$", "", key)
    return re.sub(r"^the\s+", "", key)


def _union_length(bounds: Iterable[tuple[int, int]]) -> int:
    total, last_end = 0, -1
    for start, end in sorted(bounds):
        start = max(start, last_end)
        if end > start:
            total += end - start
        last_end = max(last_end, end)
    return total


def _rate(part: float, whole: float, scale: float = 1.0, digits: int = 4) -> float:
    return round(scale * part / whole, digits) if whole else 0.0


def flat_cell(value: Any) -> Any:
    """A cell as CSV takes it: a list of labels or of techniques (in the `actors` table)
    becomes one string, `Jihadi(s) ×11; “moderate rebels” ×2 [distancing]`."""
    if not isinstance(value, list):
        return value
    parts = []
    for item in value:
        if "technique" in item:
            words = str(item["technique"])
        else:
            marks = tuple(item.get("marks") or ())
            words = LabelGroup(item["text"], item["count"], item["distancing"], marks).shown
        suffix = " [distancing]" if item.get("distancing") else ""
        parts.append(f"{words} ×{item['count']}{suffix}")
    return "; ".join(parts)


@dataclass(slots=True)
class Tally:
    """Sums over a group of articles (an outlet, a month, the whole corpus)."""

    articles: int = 0
    words: int = 0
    characters: int = 0
    covered: int = 0
    spans: Counter[str] = field(default_factory=Counter)
    covered_by: Counter[str] = field(default_factory=Counter)

    def add(
        self,
        words: int,
        characters: int,
        covered: int,
        spans: Counter[str],
        covered_by: Counter[str],
    ) -> None:
        self.articles += 1
        self.words += words
        self.characters += characters
        self.covered += covered
        self.spans.update(spans)
        self.covered_by.update(covered_by)

    def row(self) -> dict[str, Any]:
        total = sum(self.spans.values())
        return {
            "articles": self.articles,
            "words": self.words,
            "spans": total,
            "share_of_text": _rate(self.covered, self.characters),
            "spans_per_1000_words": _rate(total, self.words, 1000, 2),
        }

    def technique_rows(self) -> list[dict[str, Any]]:
        return [
            {
                "technique": name,
                "spans": self.spans[name],
                "spans_per_1000_words": _rate(self.spans[name], self.words, 1000, 2),
                "share_of_text": _rate(self.covered_by[name], self.characters),
            }
            for name in TECHNIQUE_NAMES
        ]


@dataclass(slots=True)
class _ClaimTally:
    """An outlet's claims layer: articles that have it, sentences scored, check-worthy."""

    articles: int = 0
    sentences: int = 0
    checkworthy: int = 0

    def row(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "sentences": self.sentences,
            "checkworthy": self.checkworthy,
            "checkworthy_share": _rate(self.checkworthy, self.sentences),
        }


@dataclass(slots=True)
class _Source:
    label: str
    kinds: Counter[str] = field(default_factory=Counter)
    statements: int = 0
    articles: int = 0


@dataclass(slots=True)
class _Label:
    uses: int = 0
    wordings: Counter[str] = field(default_factory=Counter)
    marks: set[str] = field(default_factory=set)


@dataclass(slots=True)
class _Actor:
    """One actor's sums; `labels` is keyed by (label key, distancing)."""

    name: str
    kind: str
    articles: int = 0
    mentions: int = 0
    label_uses: int = 0
    distancing: int = 0
    claims: int = 0
    techniques: Counter[str] = field(default_factory=Counter)
    labels: dict[tuple[str, bool], _Label] = field(default_factory=dict)

    def add(self, same: Iterable[Actor], text: str, techniques: list[Mapping[str, Any]]) -> None:
        """Count one article's entries for this actor (usually one; two when the article
        names it twice over, "the Council" and "Council")."""
        self.articles += 1
        touching: set[int] = set()
        sourced: set[int] = set()
        for actor in same:
            self.mentions += len(actor.mentions)
            for label in actor.labels:
                self._add_label(label, text)
            touching.update(actor.techniques or ())
            sourced.update(actor.sources or ())
        self.claims += len(sourced)
        names = (str(techniques[i]["technique"]) for i in touching)
        self.techniques.update(name for name in names if name in TECHNIQUE_NAMES)
        if len(self.labels) > _PRUNE_LABELS_AT:
            for rare in [k for k, entry in self.labels.items() if entry.uses == 1]:
                del self.labels[rare]

    def _add_label(self, label: ActorLabel, text: str) -> None:
        wording = " ".join((label.text or text[label.start : label.end]).split())
        self.label_uses += 1
        self.distancing += int(label.distancing)
        entry = self.labels.setdefault((label_key(wording), label.distancing), _Label())
        entry.uses += 1
        entry.wordings[wording] += 1
        entry.marks.update(label.marks)

    def top_labels(self, limit: int) -> list[dict[str, Any]]:
        ranked = sorted(self.labels.items(), key=lambda item: (-item[1].uses, item[0]))
        return [
            {
                "text": label_form(entry.wordings),
                "count": entry.uses,
                "distancing": distancing,
                "marks": sorted(entry.marks),
            }
            for (_, distancing), entry in ranked[:limit]
        ]


class CorpusFigures:
    """Running figures over batch records; see the module's docstring for definitions.

    `max_articles` rows of the article table and `max_failures` error rows are kept in
    full (the first ones met); everything else is counted.
    """

    def __init__(
        self,
        *,
        max_articles: int = 1000,
        max_failures: int = 200,
        top_spans: int = 10,
        top_sources: int = 50,
        top_actors: int = 50,
        top_labels: int = 10,
        top_claims: int = 20,
    ) -> None:
        self.max_articles = max_articles
        self.max_failures = max_failures
        self.top_spans = top_spans
        self.top_sources = top_sources
        self.top_actors = top_actors
        self.top_labels = top_labels
        self.top_claims = top_claims
        self.overall = Tally()
        self.outlets: dict[str, Tally] = {}
        self.months: dict[str, Tally] = {}
        self.undated = 0
        self.without_techniques = 0
        self.failed = 0
        self.failures: list[dict[str, Any]] = []
        self.articles: list[dict[str, Any]] = []
        self._span_texts: dict[str, Counter[str]] = {name: Counter() for name in TECHNIQUE_NAMES}
        self._span_shown: dict[str, dict[str, str]] = {name: {} for name in TECHNIQUE_NAMES}
        self._sources: dict[str, _Source] = {}
        self._actors: dict[tuple[str, str], _Actor] = {}
        self._prune_actors_at = _PRUNE_AT
        self._claim_outlets: dict[str, _ClaimTally] = {}
        # A min-heap of (score, -order, row): its root is the claim to drop first, the
        # lowest score and, among equal ones, the last met; so it never holds more than
        # `top_claims` rows, and ties go to the claim met first.
        self._top_claims: list[tuple[float, int, dict[str, Any]]] = []
        self._claims_seen = 0

    def add(self, record: Mapping[str, Any], *, page: str | None = None) -> None:
        """Count one record: an "ok" record (an analysis dict) or an "error" row.
        `page` is the path of the article's own report, for the article table."""
        if record.get("status", "ok") != "ok":
            self._add_failure(record)
            return
        document = record["document"]
        text: str = document.get("text") or ""
        summary = record.get("summary") or {}
        words = int(summary["words"]) if "words" in summary else len(_WORD.findall(text))
        techniques = record.get("techniques")
        spans: Counter[str] = Counter()
        covered_by: Counter[str] = Counter()
        covered = 0
        if techniques is None:
            self.without_techniques += 1
        else:
            by_technique: dict[str, list[tuple[int, int]]] = {}
            for span in techniques:
                bounds = (int(span["start"]), int(span["end"]))
                by_technique.setdefault(span["technique"], []).append(bounds)
                self._count_span(span["technique"], span.get("text") or text[bounds[0] : bounds[1]])
            spans = Counter({name: len(b) for name, b in by_technique.items()})
            covered_by = Counter({name: _union_length(b) for name, b in by_technique.items()})
            covered = _union_length(b for bounds in by_technique.values() for b in bounds)
        values = (words, len(text), covered, spans, covered_by)
        self.overall.add(*values)
        outlet = outlet_of(document)
        self.outlets.setdefault(outlet, Tally()).add(*values)
        month = month_of(document.get("published"))
        if month is None:
            self.undated += 1
        else:
            self.months.setdefault(month, Tally()).add(*values)
        self._add_sources(record)
        self._add_actors(record, text)
        self._add_claims(record, text, outlet, page)
        if len(self.articles) < self.max_articles:
            top = spans.most_common(1)
            self.articles.append(
                {
                    "key": record.get("key") or document.get("id"),
                    "id": document.get("id"),
                    "title": document.get("title"),
                    "outlet": outlet,
                    "published": document.get("published"),
                    "words": words,
                    "spans": sum(spans.values()),
                    "share_of_text": _rate(covered, len(text)),
                    "top_technique": top[0][0] if top else None,
                    "report": page,
                }
            )

    def _add_failure(self, record: Mapping[str, Any]) -> None:
        self.failed += 1
        if len(self.failures) < self.max_failures:
            error = record.get("error") or {}
            self.failures.append(
                {
                    "key": record.get("key"),
                    "stage": error.get("stage"),
                    "message": error.get("message"),
                    "origin": record.get("origin"),
                }
            )

    def _count_span(self, technique: str, text: str) -> None:
        if technique not in self._span_texts:
            return
        shown = " ".join(text.split())
        key = shown.casefold()
        counter = self._span_texts[technique]
        counter[key] += 1
        self._span_shown[technique].setdefault(key, shown)
        if len(counter) > _PRUNE_AT:
            for rare in [k for k, n in counter.items() if n == 1]:
                del counter[rare]
                self._span_shown[technique].pop(rare, None)

    def _add_sources(self, record: Mapping[str, Any]) -> None:
        attributions = read_attributions(record)
        if not attributions:
            return
        for group in group_sources(attributions):
            if group.kind in _UNRANKED_KINDS:
                continue
            key = source_key(group.label)
            entry = self._sources.setdefault(key, _Source(group.label))
            entry.kinds[group.kind] += 1
            entry.statements += len(group.members)
            entry.articles += 1
        if len(self._sources) > _PRUNE_AT:
            for rare in [k for k, s in self._sources.items() if s.articles == 1]:
                del self._sources[rare]

    def _add_actors(self, record: Mapping[str, Any], text: str) -> None:
        actors = read_actors(record)
        if not actors:
            return
        by_key: dict[tuple[str, str], list[Actor]] = {}
        for actor in actors:
            by_key.setdefault((source_key(actor.name), actor.kind), []).append(actor)
        techniques = record.get("techniques") or []
        for key, same in by_key.items():
            entry = self._actors.get(key)
            if entry is None:
                entry = self._actors[key] = _Actor(" ".join(same[0].name.split()), key[1])
            entry.add(same, text, techniques)
        if len(self._actors) > self._prune_actors_at:
            for rare in [
                k for k, a in self._actors.items() if a.articles == 1 and a.label_uses <= 1
            ]:
                del self._actors[rare]
            # Where few could go, do not scan them all again at the very next article.
            self._prune_actors_at = max(_PRUNE_AT, 2 * len(self._actors))

    def _add_claims(
        self, record: Mapping[str, Any], text: str, outlet: str, page: str | None
    ) -> None:
        claims = read_claims(record)
        if claims is None:
            return
        tally = self._claim_outlets.setdefault(outlet, _ClaimTally())
        counts = summarize_claims(claims)
        tally.articles += 1
        tally.sentences += counts["claims"]
        tally.checkworthy += counts["checkworthy"]
        heap = self._top_claims
        for claim in claims:
            self._claims_seen += 1
            rank = (claim.checkworthiness, -self._claims_seen)
            if len(heap) < self.top_claims:
                heapq.heappush(heap, (*rank, _claim_row(claim, record, text, outlet, page)))
            elif heap and rank > heap[0][:2]:
                # The row is built only for a claim that gets in: most never do.
                heapq.heapreplace(heap, (*rank, _claim_row(claim, record, text, outlet, page)))

    # -- tables ---------------------------------------------------------------------

    def tables(self) -> dict[str, list[dict[str, Any]]]:
        """Every figure as a tidy table: a list of flat rows."""
        outlets = sorted(self.outlets.items(), key=lambda item: (-item[1].articles, item[0]))
        months = sorted(self.months.items())
        return {
            "overview": [self._overview()],
            "outlets": [{"outlet": name, **tally.row()} for name, tally in outlets],
            "outlet_techniques": [
                {"outlet": name, **row} for name, tally in outlets for row in tally.technique_rows()
            ],
            "months": [{"month": month, **tally.row()} for month, tally in months],
            "month_techniques": [
                {"month": month, **row} for month, tally in months for row in tally.technique_rows()
            ],
            "techniques": self.overall.technique_rows(),
            "top_spans": self._top_spans(),
            "sources": self._top_source_rows(),
            "actors": self._top_actor_rows(),
            "outlet_claims": self._outlet_claim_rows(),
            "top_claims": self._top_claim_rows(),
            "articles": list(self.articles),
            "failures": list(self.failures),
        }

    def _overview(self) -> dict[str, Any]:
        return {
            **self.overall.row(),
            "failed": self.failed,
            "outlets": len(self.outlets),
            "months": len(self.months),
            "undated": self.undated,
            "without_techniques": self.without_techniques,
            "articles_listed": len(self.articles),
        }

    def _top_spans(self) -> list[dict[str, Any]]:
        rows = []
        for technique in TECHNIQUE_NAMES:
            counter = self._span_texts[technique]
            ranked = sorted(counter.items(), key=lambda item: (-item[1], item[0]))
            for rank, (key, count) in enumerate(ranked[: self.top_spans], start=1):
                rows.append(
                    {
                        "technique": technique,
                        "rank": rank,
                        "text": self._span_shown[technique][key],
                        "count": count,
                    }
                )
        return rows

    def _top_source_rows(self) -> list[dict[str, Any]]:
        ranked = sorted(self._sources.values(), key=lambda s: (-s.statements, -s.articles, s.label))
        return [
            {
                "rank": rank,
                "source": entry.label,
                "kind": entry.kinds.most_common(1)[0][0],
                "statements": entry.statements,
                "articles": entry.articles,
            }
            for rank, entry in enumerate(ranked[: self.top_sources], start=1)
        ]

    def _top_actor_rows(self) -> list[dict[str, Any]]:
        ranked = sorted(
            self._actors.values(),
            key=lambda a: (-a.label_uses, -a.distancing, -a.mentions, -a.articles, a.name),
        )
        return [
            {
                "rank": rank,
                "actor": entry.name,
                "kind": entry.kind,
                "articles": entry.articles,
                "mentions": entry.mentions,
                "label_uses": entry.label_uses,
                "distancing_labels": entry.distancing,
                "labels": entry.top_labels(self.top_labels),
                "technique_spans": sum(entry.techniques.values()),
                "techniques": [
                    {"technique": name, "count": count}
                    for name, count in sorted(entry.techniques.items(), key=lambda i: (-i[1], i[0]))
                ],
                "claims_sourced": entry.claims,
            }
            for rank, entry in enumerate(ranked[: self.top_actors], start=1)
        ]

    def _outlet_claim_rows(self) -> list[dict[str, Any]]:
        ranked = sorted(
            self._claim_outlets.items(),
            key=lambda item: (-item[1].articles, -item[1].sentences, item[0]),
        )
        return [{"outlet": name, **tally.row()} for name, tally in ranked]

    def _top_claim_rows(self) -> list[dict[str, Any]]:
        ranked = sorted(self._top_claims, key=lambda entry: (-entry[0], -entry[1]))
        return [{"rank": rank, **row} for rank, (_, _, row) in enumerate(ranked, start=1)]


def _claim_row(
    claim: Claim, record: Mapping[str, Any], text: str, outlet: str, page: str | None
) -> dict[str, Any]:
    """A row of the `top_claims` table; `page` is the article's report, as in `articles`."""
    document = record["document"]
    sentence = " ".join((claim.text or text[claim.start : claim.end]).split())
    if len(sentence) > _CLAIM_TEXT_LIMIT:
        sentence = sentence[: _CLAIM_TEXT_LIMIT - 1] + "…"
    source, kind = _claim_source(claim, record, text)
    return {
        "checkworthiness": round(claim.checkworthiness, 4),
        "text": sentence,
        "source": source,
        "source_kind": kind,
        "outlet": outlet,
        "key": record.get("key") or document.get("id"),
        "title": document.get("title"),
        "report": page,
    }


def _claim_source(
    claim: Claim, record: Mapping[str, Any], text: str
) -> tuple[str | None, str | None]:
    """Whose statement the claim is: the source's words and the kind; only the kind
    where no span names the source ("unattributed", "author"); (None, None) where the
    claim is linked to no statement. Only the one linked statement is read, since this
    runs for the few claims that reach the top."""
    attributions = record.get("attributions") or []
    if claim.attribution is None or claim.attribution >= len(attributions):
        return None, None
    statement = Attribution.from_dict(attributions[claim.attribution])
    if statement.source is None:
        return None, statement.source_kind
    span = statement.source
    words = span.text or text[span.start : span.end]
    return " ".join(words.split()) or None, statement.source_kind
