"""Corpus figures: what many analyses say together, by outlet, by month, by technique and
by source.

`CorpusFigures.add` takes one batch record (or analysis dict) at a time and keeps only
counters, so a corpus of any size is summed in flat memory. `tables()` gives the figures
as plain, tidy tables (lists of flat dicts, one fact per row): the dashboard renders from
them and `propscope report --data-dir` writes them as CSV or JSON for pandas and R. The
two tables with a row per record, `articles` and `failures`, keep only their first rows;
every row is handed to `on_row` as it is made, for a writer that streams them all.

Definitions:
- *outlet*: `document.source`, else `document.metadata.outlet`, else "(unknown)";
- *key*: a record's `key`; where several records have one key (outputs merged, or a
  rerun appended), the caller keeps the last (see `propscope.batch.report`) and counts
  the others with `set_aside`;
- *month*: the year and month of `document.published`, in UTC where the date has a time
  zone (see `month_of` for the forms read); articles without a readable date count in
  every figure except those by month;
- *not English*: an article one of whose notes says its text "does not look like
  English" (`propscope.language`). It counts as an article, but not in words, spans,
  share of text or rates, nor in the most frequent spans: the technique model finds
  little in such a text, and its zero would pull its outlet's rate down. An analysis
  without the techniques layer (`--components` left it out) is counted the same way;
- *share of text*: characters inside at least one span of the technique (or of any
  technique, for the total) over all characters of the articles (not English, and
  without the techniques layer, excepted);
- *spans per 1,000 words*: spans over words (`\\w+` runs of the whole text), times 1,000,
  pooled over a group: the group's spans over the group's words, not an average of its
  articles' rates. `words` in a table is that denominator;
- *a missing rate*: a group with no words to count over (every article not English, or
  without the techniques layer) has no rate: `spans_per_1000_words`, `share_of_text`
  and `checkworthy_share` (no sentence scored) are None, an empty cell in CSV and null
  in JSON, never 0, which would read as free of propaganda;
- *sources*: the named third-party sources statements are attributed to, joined across
  articles by their words ("The Council" = "council's"), under the fullest name of the
  actor the actors layer ties the source to, and a one-word person's name under the one
  longer person's name that ends with it (`_join_surnames`). Pronouns ("she") and vague or
  unnamed sources ("critics", "officials", "some", a statement with no source named)
  name someone different in each article: they are left out of the ranking and only
  counted;
- *models*: the `model` block of each record (components, model names, versions and
  settings); records made with different blocks make a mixed output;
- *actors*: the actors layer's actors, joined across articles by their name's words
  (as sources are: accents folded, a person's short given name as the one name it stands
  for, "Jim" as "James") and their kind, named as most of their articles name them;
  labels are joined by wording, singular and plural together ("Jihadi", "jihadis"), and
  apart when distancing. Analyses without the layer add nothing;
- *claims*: the claims layer's sentences, each with its check-worthiness; a sentence
  at or above `CHECKWORTHY_THRESHOLD` is check-worthy. Outlets count the articles
  with the layer, their sentences and the check-worthy ones; the most check-worthy
  sentences of the whole corpus are kept in a heap of `top_claims` entries. Analyses
  without the layer add nothing.
"""

from __future__ import annotations

import heapq
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from typing import Any, Final

from propscope.analysis import (
    Actor,
    ActorLabel,
    Attribution,
    Claim,
    read_actors,
    read_attributions,
    read_claims,
    read_double_standards,
    summarize_claims,
)
from propscope.first_names import full_given_name, unaccented
from propscope.language import only_function_words
from propscope.render._spans import (
    LabelGroup,
    double_standard_sides,
    group_sources,
    label_form,
    label_key,
)
from propscope.techniques import TECHNIQUE_NAMES

__all__ = [
    "NOT_ENGLISH_NOTE",
    "TABLE_COLUMNS",
    "UNKNOWN_OUTLET",
    "CorpusFigures",
    "flat_cell",
    "looks_not_english",
    "model_settings",
    "month_of",
    "outlet_of",
    "source_key",
]

UNKNOWN_OUTLET = "(unknown)"
_WORD = re.compile(r"\w+")
# The columns of each table of `CorpusFigures.tables()`, for a table with no rows (a CSV
# file still gets its header). tests/test_dashboard.py checks them against the rows.
_TALLY = ("articles", "not_english", "words", "spans", "share_of_text", "spans_per_1000_words")
_BY_TECHNIQUE = ("technique", "spans", "spans_per_1000_words", "share_of_text")
TABLE_COLUMNS: Final[dict[str, tuple[str, ...]]] = {
    "overview": (
        *_TALLY,
        *("failed", "outlets", "without_outlet", "months", "undated", "without_techniques"),
        "articles_listed",
        *("failures_listed", "article_pages", "set_aside_records", "model_setups"),
        *("vague_source_statements", "vague_source_articles"),
    ),
    "outlets": ("outlet", *_TALLY, "failed"),
    "outlet_techniques": ("outlet", *_BY_TECHNIQUE),
    "months": ("month", *_TALLY),
    "month_techniques": ("month", *_BY_TECHNIQUE),
    "outlet_months": ("outlet", "month", *_TALLY),
    "outlet_month_techniques": ("outlet", "month", *_BY_TECHNIQUE),
    "outlet_headlines": (
        *("outlet", "articles", "headlines_judged", "agree", "disagree", "discuss"),
        *("unrelated", "updates_contradicting_headline", "figure_conflicts"),
        "double_standards",
    ),
    "techniques": _BY_TECHNIQUE,
    "top_spans": ("technique", "rank", "text", "count"),
    "sources": ("rank", "source", "kind", "statements", "articles"),
    "models": ("setup", "records", "component", "model", "version", "settings"),
    "actors": (
        *("rank", "actor", "kind", "articles", "mentions", "label_uses", "distancing_labels"),
        *("labels", "technique_spans", "techniques", "claims_sourced"),
    ),
    "outlet_claims": (
        *("outlet", "articles_with_claims", "sentences", "checkworthy", "checkworthy_share"),
    ),
    "top_claims": (
        *("rank", "checkworthiness", "text", "source", "source_kind", "outlet", "key"),
        *("title", "report"),
    ),
    "double_standards": (
        *("key", "title", "outlet", "month", "kind", "act", "sides", "passage", "report"),
    ),
    "articles": (
        *("key", "id", "title", "outlet", "published", "month", "words", "spans"),
        *("share_of_text", "top_technique", "techniques", "headline_stance"),
        *("updates_contradicting_headline", "figure_conflicts", "double_standards"),
        *("not_english", "report"),
    ),
    "failures": ("key", "stage", "message", "origin", "outlet", "month"),
}

# The words every layer's note uses for a text it takes for not English
# (`propscope.language.not_english_note`, and the headline layer's own note).
NOT_ENGLISH_NOTE = "does not look like English"
# Counters of distinct texts are pruned of their single occurrences past this size, so
# memory stays bounded; the most frequent entries are what the figures show.
_PRUNE_AT = 50_000
# The same for the distinct labels of one actor.
_PRUNE_LABELS_AT = 1_000
# "she" in one article and "she" in another are different people: not ranked as a source.
_UNRANKED_KINDS = frozenset({"pronoun"})
# Nor are "critics", "officials" or "some" one source across articles: counted apart.
_VAGUE_KINDS = frozenset({"vague"})
# Actors whose name a statement's source takes in the sources table ("Donald Trump" for
# "President Trump"): named ones, not a group or side.
_NAMED_ACTOR_KINDS = frozenset({"person", "organisation", "media", "country"})
# A claim's sentence is kept to this many characters in the `top_claims` table: one
# "sentence" of an article without punctuation can be the whole article.
_CLAIM_TEXT_LIMIT = 1_000
# Distinct `model` blocks kept with their counts; past this, records with a new one are
# only counted (a mixed output of so many setups is mixed whatever they are).
_MAX_SETUPS = 50


def _field(document: Mapping[str, Any], name: str) -> Any:
    """A document's field of that name ("published", "source"), else its metadata's."""
    if name in document and name != "metadata":
        return document.get(name)
    return (document.get("metadata") or {}).get(name)


# Field names that hold an outlet or a date in other tools' exports, besides the ones
# read by default ("source", "metadata.outlet", "published").
_OUTLET_NAMES = re.compile(
    r"(?:publisher|outlet|outlet_name|site|site_name|sitename|domain|source_name|"
    r"newspaper|publication|media|media_outlet|brand|feed)",
    re.IGNORECASE,
)
_DATE_NAMES = re.compile(
    r"(?:date|.*_date|date_.*|pubdate|published_at|publish_time|datetime|timestamp|time|"
    r"created|created_at|publication_date)",
    re.IGNORECASE,
)


# Marks at a span's edges that do not make it another span.
_SPAN_EDGES = " ,.;:!?—–-\"“”‘’'()[]…"


def _named_fields(document: Mapping[str, Any], names: re.Pattern[str]) -> list[str]:
    """The names of the document's own fields, then its metadata's, that `names`
    matches in full and that hold a non-empty string or a number: each is a name
    --outlet-field or --date-field would read."""
    found = []
    metadata = document.get("metadata") or {}
    for where in (document, metadata if isinstance(metadata, Mapping) else {}):
        for key, value in where.items():
            if key in ("metadata", "source", "published") or not names.fullmatch(str(key)):
                continue
            if (isinstance(value, str) and value.strip()) or isinstance(value, int | float):
                found.append(str(key))
    return found


def outlet_of(document: Mapping[str, Any], field: str | None = None) -> str:
    """The outlet of a document: `source`, else `metadata.outlet`; with `field`, the
    document's field of that name, else its metadata's (a column `publisher`, say)."""
    metadata = document.get("metadata") or {}
    values = (
        (_field(document, field),) if field else (document.get("source"), metadata.get("outlet"))
    )
    for value in values:
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())
    return UNKNOWN_OUTLET


# --- dates ------------------------------------------------------------------------------

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_MONTH_NAME = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAY = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+"
# RFC 2822 zones, and the US zone names it keeps from RFC 822; "-0000" is a time in UTC
# whose local zone is unknown, which is all a month needs.
_ZONES = {"ut": 0, "utc": 0, "gmt": 0, "z": 0, "edt": -4, "est": -5, "cdt": -5, "cst": -6}
_ZONES |= {"mdt": -6, "mst": -7, "pdt": -7, "pst": -8}
# Zones news sites outside America write: Britain's and Europe's, Moscow, East Asia and
# Eastern Australia. Names that mean several zones (IST, AST) are left out.
_ZONES |= {"bst": 1, "wet": 0, "west": 1, "cet": 1, "cest": 2, "eet": 2, "eest": 3}
_ZONES |= {"msk": 3, "hkt": 8, "sgt": 8, "jst": 9, "kst": 9, "aest": 10, "aedt": 11}
_ZONE = r"(?P<zone>[+-]\d{2}:?\d{2}|" + "|".join(_ZONES) + r")"
_TIME = (
    r"(?:,?\s+(?:at\s+)?(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"(?:\s*(?P<half>[ap])\.?m\.?)?(?:\s*" + _ZONE + r")?)?"
)
# "Tue, 05 Mar 2024 10:00:00 GMT" (RFC 2822, with or without its time), "5 March 2024".
_DAY_MONTH_YEAR = re.compile(
    rf"(?:{_WEEKDAY})?(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH_NAME})\.?,?\s+(?P<year>\d{{4}})"
    + _TIME,
    re.IGNORECASE,
)
# "March 5, 2024", "Tuesday, Mar. 5th, 2024 at 10:30 a.m. EST".
_MONTH_DAY_YEAR = re.compile(
    rf"(?:{_WEEKDAY})?(?P<month>{_MONTH_NAME})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+"
    r"(?P<year>\d{4})" + _TIME,
    re.IGNORECASE,
)
_ISO_YEAR_MONTH = re.compile(r"(\d{4})-(\d{2})")
# What `datetime.fromisoformat` reads beyond ISO 8601 ("2024-03-05x10:00", any separator)
# is not taken: only these characters, and the date and time apart by "T" or a space.
_ISO_CHARACTERS = re.compile(r"\d{4}-?(?:\d{2}|W\d{2})(?:-?\d{1,2})?(?:[T ][\dZ:+\-.,]+)?", re.I)


def month_of(published: Any) -> str | None:
    """The year and month of a `published` date, "2024-03"; None where it cannot be read.

    Read: ISO 8601 ("2024-03-15", "20240315", "2024-03-15T10:00:00+02:00", "2024-03"
    alone), RFC 2822 with or without its time ("Fri, 15 Mar 2024 10:00:00 GMT",
    "15 Mar 2024") and dates with the month's name ("March 15, 2024", "15 March 2024"),
    with a time and zone or not. A time with a zone is taken to UTC first: the month is
    the UTC month ("2024-03-31T23:30:00-05:00" is April). A date without a zone is taken
    as written. Numeric dates other than ISO ("05/03/2024": May or March?), anything
    after the date, and year 0 are not read.
    """
    if not isinstance(published, str):
        return None
    text = published.strip()
    when = _parse_iso(text) or _parse_named(text)
    if when is None:
        return None
    if isinstance(when, str):
        return when
    if when.tzinfo is not None:
        try:
            when = when.astimezone(UTC)
        except OverflowError:  # "0001-01-01T00:00:00+01:00", a feed's "no date"
            return None
    return f"{when.year:04d}-{when.month:02d}"


def _parse_iso(text: str) -> datetime | str | None:
    """An ISO 8601 date or time; "2024-03" for a year and month alone."""
    month_only = _ISO_YEAR_MONTH.fullmatch(text)
    if month_only:
        year, month = int(month_only.group(1)), int(month_only.group(2))
        return f"{year:04d}-{month:02d}" if year >= 1 and 1 <= month <= 12 else None
    if not _ISO_CHARACTERS.fullmatch(text):
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:  # no such date, or year 0: datetime's years start at 1
        return None


def _parse_named(text: str) -> datetime | None:
    """A date with its month's name, RFC 2822's among them."""
    match = _DAY_MONTH_YEAR.fullmatch(text) or _MONTH_DAY_YEAR.fullmatch(text)
    if match is None:
        return None
    parts = match.groupdict()
    hour = int(parts["hour"] or 0)
    if parts["half"]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if parts["half"].lower() == "p" else 0)
    zone = parts["zone"]
    tz = None
    if zone:
        zone = zone.lower()
        if zone in _ZONES:
            tz = timezone(timedelta(hours=_ZONES[zone]))
        else:
            digits = zone[1:].replace(":", "")
            offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
            if offset >= timedelta(days=1):
                return None
            tz = timezone(-offset if zone[0] == "-" else offset)
    try:
        return datetime(
            int(parts["year"]),
            _MONTHS[parts["month"].lower()],
            int(parts["day"]),
            hour,
            int(parts["minute"] or 0),
            int(parts["second"] or 0),
            tzinfo=tz,
        )
    except ValueError:  # no such day or time, or year 0
        return None


def looks_not_english(record: Mapping[str, Any]) -> bool:
    """Whether a note of the record says its text does not look like English."""
    notes = record.get("notes") or ()
    return any(isinstance(note, str) and NOT_ENGLISH_NOTE in note for note in notes)


def model_settings(info: Mapping[str, Any]) -> str:
    """A component's `model` entry less its name and version, as one cell:
    "min_score=0.0; scores=calibrated; threshold=0.4" (nested entries as "stance_model.name")."""
    parts: list[str] = []

    def walk(prefix: str, value: Any) -> None:
        if isinstance(value, Mapping):
            for name in sorted(value, key=str):
                walk(f"{prefix}.{name}" if prefix else str(name), value[name])
        else:
            shown = json.dumps(value, ensure_ascii=False, default=str)
            parts.append(f"{prefix}={value if isinstance(value, str) else shown}")

    walk("", {k: v for k, v in info.items() if k not in ("name", "version")})
    return "; ".join(parts)


def source_key(text: str, *, person: bool = False) -> str:
    """ "The Russian military" and "Russian military's" are one source, "Stéphane Dion"
    and "Stephane Dion" one, and a person's given name its full form where a short form
    stands for one name only ("Jim Comey" and "James Comey", not "Chris Smith" and
    "Christine Smith")."""
    key = " ".join(unaccented(text).casefold().split())
    key = re.sub(r"[’']s$", "", key)
    key = re.sub(r"^the\s+", "", key)
    if person and " " in key:
        first, rest = key.split(" ", 1)
        key = f"{full_given_name(first)} {rest}"
    return key


def _join_surnames(sources: Mapping[str, _Source]) -> dict[str, _Source]:
    """The sources, with a one-word person's name joined to the one longer person's name
    that ends with it ("Trump" of the articles that never name him in full, to "Donald
    Trump" of those that do); where two longer names end with it ("Joe Biden", "Hunter
    Biden"), it stays apart. Its articles are added: an article that named both forms
    apart counts twice."""
    persons = {k for k, s in sources.items() if s.kinds.most_common(1)[0][0] == "person"}
    joined = dict(sources)
    for key in [k for k in persons if " " not in k]:
        longer = [k for k in persons if k.endswith(" " + key)]
        if len(longer) != 1:
            continue
        short, full = joined.pop(key), joined[longer[0]]
        merged = _Source(full.label, full.kinds + short.kinds)
        merged.statements = full.statements + short.statements
        merged.articles = full.articles + short.articles
        joined[longer[0]] = merged
    return joined


def _union_length(bounds: Iterable[tuple[int, int]]) -> int:
    total, last_end = 0, -1
    for start, end in sorted(bounds):
        start = max(start, last_end)
        if end > start:
            total += end - start
        last_end = max(last_end, end)
    return total


def _rate(part: float, whole: float, scale: float = 1.0, digits: int = 4) -> float | None:
    """`part` over `whole`, times `scale`, rounded; None where `whole` is 0: a group with
    no English words (or no sentences scored) has no rate, which is not a rate of 0."""
    return round(scale * part / whole, digits) if whole else None


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
    """Sums over a group of articles (an outlet, a month, the whole corpus). Articles that
    do not look English, or whose techniques layer was not computed, are counted, and
    add nothing else: their words would lower every rate without a span to count."""

    articles: int = 0
    not_english: int = 0
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
        *,
        not_english: bool = False,
        read: bool = True,
    ) -> None:
        self.articles += 1
        if not_english:
            self.not_english += 1
            return
        if not read:
            return
        self.words += words
        self.characters += characters
        self.covered += covered
        self.spans.update(spans)
        self.covered_by.update(covered_by)

    def row(self) -> dict[str, Any]:
        total = sum(self.spans.values())
        return {
            "articles": self.articles,
            "not_english": self.not_english,
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
            "articles_with_claims": self.articles,
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
    # Each way the joined articles write the name, by articles: the most written names it.
    labels: Counter[str] = field(default_factory=Counter)

    def named(self, label: str) -> None:
        self.labels[label] += 1
        self.label = self.labels.most_common(1)[0][0]


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
    # Each way the joined articles write the name, by articles: the most written names it
    # ("Jim Comey" in 9 articles over "James Comey" in 2), the first met where they tie.
    names: Counter[str] = field(default_factory=Counter)

    def add(self, same: Iterable[Actor], text: str, techniques: list[Mapping[str, Any]]) -> None:
        """Count one article's entries for this actor (usually one; two when the article
        names it twice over, "the Council" and "Council")."""
        self.articles += 1
        self.names[" ".join(next(iter(same)).name.split())] += 1
        self.name = self.names.most_common(1)[0][0]
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


_RowSink = Callable[[str, dict[str, Any]], None]
_HEADLINE_COUNTS = TABLE_COLUMNS["outlet_headlines"][1:]


@dataclass(slots=True)
class _Setup:
    """One distinct `model` block and the records made with it."""

    model: dict[str, Any]
    records: int = 0


class CorpusFigures:
    """Running figures over batch records; see the module's docstring for definitions.

    `tables()` keeps the first `max_articles` rows of the article table and the first
    `max_failures` error rows (the dashboard lists them); `on_row`, where given, gets
    every row of both as it is made, `on_row("articles", row)` and
    `on_row("failures", row)`, so that a writer can keep them all. Everything else is
    counted.
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
        max_double_standards: int = 500,
        on_row: _RowSink | None = None,
        outlet_field: str | None = None,
        date_field: str | None = None,
    ) -> None:
        """`outlet_field` and `date_field` name the metadata fields (the input's other
        columns) that give each article's outlet and date, where they are not `source`
        (or `metadata.outlet`) and `published`."""
        self.on_row = on_row
        self.outlet_field = outlet_field
        self.date_field = date_field
        self.max_articles = max_articles
        self.max_failures = max_failures
        self.top_spans = top_spans
        self.top_sources = top_sources
        self.top_actors = top_actors
        self.top_labels = top_labels
        self.top_claims = top_claims
        self.max_double_standards = max_double_standards
        # The first `max_double_standards` double standards met, a row each.
        self.double_standards: list[dict[str, Any]] = []
        self.overall = Tally()
        self.outlets: dict[str, Tally] = {}
        # Records that failed, by the outlet their error row names (UNKNOWN_OUTLET where
        # it names none).
        self.failed_by_outlet: Counter[str] = Counter()
        self.months: dict[str, Tally] = {}
        self.outlet_months: dict[tuple[str, str], Tally] = {}
        self.headlines: dict[str, Counter[str]] = {}
        self.undated = 0
        self.without_techniques = 0
        self.set_aside_records = 0
        self.pages = 0
        self.failed = 0
        self.failures: list[dict[str, Any]] = []
        self.articles: list[dict[str, Any]] = []
        self._span_texts: dict[str, Counter[str]] = {name: Counter() for name in TECHNIQUE_NAMES}
        self._span_shown: dict[str, dict[str, str]] = {name: {} for name in TECHNIQUE_NAMES}
        self._sources: dict[str, _Source] = {}
        self._vague_statements = 0
        self._vague_articles = 0
        self._setups: dict[str, _Setup] = {}
        self._other_setups = 0
        self._actors: dict[tuple[str, str], _Actor] = {}
        self._prune_actors_at = _PRUNE_AT
        self._claim_outlets: dict[str, _ClaimTally] = {}
        # A min-heap of (score, -order, row): its root is the claim to drop first, the
        # lowest score and, among equal ones, the last met; so it never holds more than
        # `top_claims` rows, and ties go to the claim met first.
        self._top_claims: list[tuple[float, int, dict[str, Any]]] = []
        self._claims_seen = 0
        # Fields with an outlet's or a date's name, counted in the records that have no
        # outlet or no date read: a hint at --outlet-field or --date-field.
        self._outlet_fields: Counter[str] = Counter()
        self._date_fields: Counter[str] = Counter()

    def field_hints(self) -> list[str]:
        """What to say where every article falls to "(unknown)" or none is dated while
        the records hold a field of such a name ("metadata.date"): the option that reads
        it. Empty where an outlet or a date was read, or nothing looks like one."""
        hints = []
        outlets_read = len(self.outlets) > (UNKNOWN_OUTLET in self.outlets)
        for fields, read, option, what in (
            (self._outlet_fields, outlets_read, "--outlet-field", "an outlet"),
            (self._date_fields, bool(self.months), "--date-field", "a published date"),
        ):
            if read or not fields:
                continue
            name, count = fields.most_common(1)[0]
            hints.append(
                f"no article has {what} read, but {count:,} of "
                f"{self.overall.articles:,} hold the field {name!r}: rerun with "
                f"{option} {name} to read it."
            )
        return hints

    def set_aside(self, record: Mapping[str, Any]) -> None:
        """Count a record that a later record with the same key supersedes (outputs
        merged, or a rerun appended): it adds to no other figure."""
        self.set_aside_records += 1

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
        not_english = looks_not_english(record)
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
                if not not_english:
                    shown = span.get("text") or text[bounds[0] : bounds[1]]
                    self._count_span(span["technique"], shown)
            spans = Counter({name: len(b) for name, b in by_technique.items()})
            covered_by = Counter({name: _union_length(b) for name, b in by_technique.items()})
            covered = _union_length(b for bounds in by_technique.values() for b in bounds)
        values = (words, len(text), covered, spans, covered_by)
        read = techniques is not None
        self.overall.add(*values, not_english=not_english, read=read)
        outlet = outlet_of(document, self.outlet_field)
        if outlet == UNKNOWN_OUTLET and self.outlet_field is None:
            self._outlet_fields.update(_named_fields(document, _OUTLET_NAMES))
        self.outlets.setdefault(outlet, Tally()).add(*values, not_english=not_english, read=read)
        published = (
            _field(document, self.date_field) if self.date_field else document.get("published")
        )
        month = month_of(published)
        if month is None:
            self.undated += 1
            if self.date_field is None:
                self._date_fields.update(_named_fields(document, _DATE_NAMES))
        else:
            tally = self.months.setdefault(month, Tally())
            tally.add(*values, not_english=not_english, read=read)
            tally = self.outlet_months.setdefault((outlet, month), Tally())
            tally.add(*values, not_english=not_english, read=read)
        headline = record.get("headline") if isinstance(record.get("headline"), dict) else {}
        stance = headline.get("stance") if headline else None
        conflicts = int(summary.get("figure_conflicts") or 0)
        contradicting = int(summary.get("updates_contradicting_headline") or 0)
        doubles = int(summary.get("double_standards") or 0)
        counts = self.headlines.setdefault(outlet, Counter())
        counts["articles"] += 1
        if stance:
            counts["headlines_judged"] += 1
            counts[str(stance)] += 1
        counts["updates_contradicting_headline"] += contradicting
        counts["figure_conflicts"] += conflicts
        counts["double_standards"] += doubles
        self._add_setup(record)
        actors = read_actors(record)
        self._add_sources(record, actors)
        self._add_actors(actors, record, text)
        self._add_claims(record, text, outlet, page)
        self._add_double_standards(record, outlet, month, page)
        self.pages += page is not None
        top = spans.most_common(1)
        row = {
            "key": record.get("key") or document.get("id"),
            "id": document.get("id"),
            "title": document.get("title"),
            "outlet": outlet,
            "published": published,
            "month": month,
            "words": words,
            "spans": sum(spans.values()),
            "share_of_text": _rate(covered, len(text)),
            "top_technique": top[0][0] if top else None,
            "techniques": [{"technique": n, "count": c} for n, c in spans.most_common()],
            "headline_stance": stance,
            "updates_contradicting_headline": contradicting,
            "figure_conflicts": conflicts,
            "double_standards": doubles,
            "not_english": not_english,
            "report": page,
        }
        if len(self.articles) < self.max_articles:
            self.articles.append(row)
        if self.on_row is not None:
            self.on_row("articles", dict(row))

    def _add_failure(self, record: Mapping[str, Any]) -> None:
        self.failed += 1
        error = record.get("error") or {}
        # An error row names its document where the input did (an empty text's line, a
        # page that could not be fetched): the failure counts under its outlet.
        document = record.get("document")
        document = document if isinstance(document, Mapping) else {}
        outlet = outlet_of(document, self.outlet_field) if document else UNKNOWN_OUTLET
        self.failed_by_outlet[outlet] += 1
        published = (
            _field(document, self.date_field) if self.date_field else document.get("published")
        )
        row = {
            "key": record.get("key"),
            "stage": error.get("stage"),
            "message": error.get("message"),
            "origin": record.get("origin"),
            "outlet": outlet,
            "month": month_of(published),
        }
        if len(self.failures) < self.max_failures:
            self.failures.append(row)
        if self.on_row is not None:
            self.on_row("failures", dict(row))

    def _add_setup(self, record: Mapping[str, Any]) -> None:
        model = record.get("model")
        model = dict(model) if isinstance(model, Mapping) else {}
        key = json.dumps(model, sort_keys=True, ensure_ascii=False, default=str)
        setup = self._setups.get(key)
        if setup is None:
            if len(self._setups) >= _MAX_SETUPS:
                self._other_setups += 1
                return
            setup = self._setups[key] = _Setup(model)
        setup.records += 1

    def _count_span(self, technique: str, text: str) -> None:
        if technique not in self._span_texts:
            return
        # ", it will do so unequivocally" and "it will do so unequivocally" are one span;
        # a bare "the" (a fragment of "the worst") topped Loaded language on news.
        shown = " ".join(text.split()).strip(_SPAN_EDGES)
        if not shown or only_function_words(shown):
            return
        key = shown.casefold()
        counter = self._span_texts[technique]
        counter[key] += 1
        self._span_shown[technique].setdefault(key, shown)
        if len(counter) > _PRUNE_AT:
            for rare in [k for k, n in counter.items() if n == 1]:
                del counter[rare]
                self._span_shown[technique].pop(rare, None)

    def _add_sources(self, record: Mapping[str, Any], actors: list[Actor] | None) -> None:
        attributions = read_attributions(record)
        if not attributions:
            return
        # A statement whose source the actors layer tied to a named actor is listed
        # under the actor's fullest name: "President Trump" and "Trump on Tuesday" of an
        # article that names "Donald Trump" are his.
        named = {
            index: actor.name
            for actor in actors or ()
            if actor.kind in _NAMED_ACTOR_KINDS
            for index in actor.sources or ()
        }
        vague = 0
        found: dict[str, tuple[str, Counter[str], int]] = {}
        for group in group_sources(attributions):
            # Acts ("thanked | Ritter", `Attribution.act`) are no one's words: a source
            # counts for what it said.
            said = [i for i in group.members if not attributions[i].act]
            if group.kind in _UNRANKED_KINDS or not said:
                continue
            # A group without a source span is every unnamed statement of the article.
            if group.kind in _VAGUE_KINDS or attributions[group.members[0]].source is None:
                vague += len(said)
                continue
            label = next((named[i] for i in group.members if i in named), group.label)
            label = " ".join(label.split())
            key = source_key(label, person=group.kind == "person")
            earlier = found.get(key)
            kinds = earlier[1] if earlier else Counter()
            kinds[group.kind] += 1
            statements = (earlier[2] if earlier else 0) + len(said)
            found[key] = (earlier[0] if earlier else label, kinds, statements)
        for key, (label, kinds, statements) in found.items():
            entry = self._sources.setdefault(key, _Source(label))
            entry.named(label)
            entry.kinds.update(kinds)
            entry.statements += statements
            entry.articles += 1
        self._vague_statements += vague
        self._vague_articles += vague > 0
        if len(self._sources) > _PRUNE_AT:
            for rare in [k for k, s in self._sources.items() if s.articles == 1]:
                del self._sources[rare]

    def _add_actors(self, actors: list[Actor] | None, record: Mapping[str, Any], text: str) -> None:
        if not actors:
            return
        by_key: dict[tuple[str, str], list[Actor]] = {}
        for actor in actors:
            person = actor.kind == "person"
            by_key.setdefault((source_key(actor.name, person=person), actor.kind), []).append(actor)
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

    def _add_double_standards(
        self, record: Mapping[str, Any], outlet: str, month: str | None, page: str | None
    ) -> None:
        found = read_double_standards(record) or []
        document = record["document"]
        for item in found:
            if len(self.double_standards) >= self.max_double_standards:
                return
            passage = _one_line(item.passages[-1].text)
            self.double_standards.append(
                {
                    "key": record.get("key") or document.get("id"),
                    "title": document.get("title"),
                    "outlet": outlet,
                    "month": month,
                    "kind": item.kind,
                    "act": item.act,
                    "sides": double_standard_sides(item),
                    "passage": passage,
                    "report": page,
                }
            )

    # -- tables ---------------------------------------------------------------------

    def tables(self) -> dict[str, list[dict[str, Any]]]:
        """Every figure as a tidy table: a list of flat rows."""
        outlets = sorted(self.outlets.items(), key=lambda item: (-item[1].articles, item[0]))
        months = sorted(self.months.items())
        return {
            "overview": [self._overview()],
            "outlets": [
                {"outlet": name, **tally.row(), "failed": self.failed_by_outlet[name]}
                for name, tally in outlets
            ],
            "outlet_techniques": [
                {"outlet": name, **row} for name, tally in outlets for row in tally.technique_rows()
            ],
            "months": [{"month": month, **tally.row()} for month, tally in months],
            "month_techniques": [
                {"month": month, **row} for month, tally in months for row in tally.technique_rows()
            ],
            "outlet_months": [
                {"outlet": outlet, "month": month, **tally.row()}
                for (outlet, month), tally in sorted(self.outlet_months.items())
            ],
            "outlet_month_techniques": [
                {"outlet": outlet, "month": month, **row}
                for (outlet, month), tally in sorted(self.outlet_months.items())
                for row in tally.technique_rows()
            ],
            "outlet_headlines": [
                {"outlet": name, **{c: self.headlines[name][c] for c in _HEADLINE_COUNTS}}
                for name, _ in outlets
            ],
            "techniques": self.overall.technique_rows(),
            "top_spans": self._top_spans(),
            "sources": self._top_source_rows(),
            "models": self._model_rows(),
            "actors": self._top_actor_rows(),
            "outlet_claims": self._outlet_claim_rows(),
            "top_claims": self._top_claim_rows(),
            "double_standards": list(self.double_standards),
            "articles": list(self.articles),
            "failures": list(self.failures),
        }

    def _overview(self) -> dict[str, Any]:
        return {
            **self.overall.row(),
            "failed": self.failed,
            # "(unknown)" holds the articles of no outlet; it is no outlet of its own.
            "outlets": len(self.outlets) - (UNKNOWN_OUTLET in self.outlets),
            "without_outlet": (
                self.outlets[UNKNOWN_OUTLET].articles if UNKNOWN_OUTLET in self.outlets else 0
            ),
            "months": len(self.months),
            "undated": self.undated,
            "without_techniques": self.without_techniques,
            "articles_listed": len(self.articles),
            "failures_listed": len(self.failures),
            "article_pages": self.pages,
            "set_aside_records": self.set_aside_records,
            "model_setups": len(self._setups) + (1 if self._other_setups else 0),
            "vague_source_statements": self._vague_statements,
            "vague_source_articles": self._vague_articles,
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
        ranked = sorted(
            _join_surnames(self._sources).values(),
            key=lambda s: (-s.statements, -s.articles, s.label),
        )
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

    def _model_rows(self) -> list[dict[str, Any]]:
        """One row per component of each distinct `model` block, the block most records
        were made with first: `setup` numbers the blocks, `records` counts theirs."""
        ranked = sorted(self._setups.values(), key=lambda s: -s.records)  # stable: first met
        rows: list[dict[str, Any]] = []
        for number, setup in enumerate(ranked, start=1):
            components = setup.model.get("components")
            if not isinstance(components, Mapping) or not components:
                components = {None: {}}
            for component, info in components.items():
                info = info if isinstance(info, Mapping) else {}
                rows.append(
                    {
                        "setup": number,
                        "records": setup.records,
                        "component": component,
                        "model": info.get("name"),
                        "version": info.get("version"),
                        "settings": model_settings(info),
                    }
                )
        if self._other_setups:
            rows.append(
                {
                    "setup": len(ranked) + 1,
                    "records": self._other_setups,
                    "component": None,
                    "model": f"(more than {_MAX_SETUPS} other setups, not kept)",
                    "version": None,
                    "settings": "",
                }
            )
        return rows

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


def _one_line(text: str) -> str:
    """A passage for a table cell: on one line, cut to `_CLAIM_TEXT_LIMIT` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= _CLAIM_TEXT_LIMIT else flat[: _CLAIM_TEXT_LIMIT - 1] + "…"


def _claim_row(
    claim: Claim, record: Mapping[str, Any], text: str, outlet: str, page: str | None
) -> dict[str, Any]:
    """A row of the `top_claims` table; `page` is the article's report, as in `articles`."""
    document = record["document"]
    sentence = _one_line(claim.text or text[claim.start : claim.end])
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
    """Whose statement the claim is: the source's words and the kind ("he (Mike Mills)"
    and the name's kind for a resolved pronoun); only the kind
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
    named = statement.refers_to
    if named is not None and statement.refers_to_kind is not None:
        # "he (Mike Mills)", of the name's kind: whom the pronoun stands for.
        name = " ".join((named.text or text[named.start : named.end]).split())
        return f"{' '.join(words.split())} ({name})", statement.refers_to_kind
    return " ".join(words.split()) or None, statement.source_kind
