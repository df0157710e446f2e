"""Render corpus figures as one standalone HTML dashboard.

The page is drawn from the plain tables of `CorpusFigures.tables()` (the same tables
`propscope report --data-dir` writes, less the article and failure rows past those
listed) and embeds them as its JSON twin. It loads nothing
and runs no script: charts are inline SVG, styles inline, and the Content-Security-Policy
forbids everything else. Every string from the corpus (titles, outlets, spans, sources,
actors and their labels, claims, error messages) is escaped with the article report's own
escaping, and technique colours are the article report's.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from propscope.analysis import CHECKWORTHY_THRESHOLD
from propscope.render._spans import DOUBLE_STANDARD_HEADINGS, LabelGroup, claim_percent
from propscope.render.html import _esc
from propscope.techniques import TECHNIQUE_NAMES, get_technique

__all__ = ["CSP", "render_dashboard"]

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; "
    "base-uri 'none'; form-action 'none'"
)
_MAX_OUTLETS = 20
_MAX_SOURCES_CHARTED = 15
_MAX_ACTORS_CHARTED = 15
# Labels and techniques shown per actor in the table; the data tables have more.
_ACTOR_TOP = 3
_LABEL_COLOUR, _DISTANCING_COLOUR = "#8ecae6", "#f4a6b4"
_TIME_TECHNIQUES = 4
# A claim's sentence is shortened to this in the page; the data table keeps more.
_CLAIM_SHOWN = 240
# Tables left out of the page's embedded data: one row per outlet, month and technique
# grows to megabytes over years of many outlets; `--data-dir` writes them.
_NOT_EMBEDDED = frozenset({"outlet_month_techniques"})
# A rate whose denominator is 0 (null in the tables) is shown so, never as 0.
_MISSING = "—"
_NO_WORDS = "no English words to measure"
_NO_SENTENCES = "no sentences scored"
_NO_TEXT = "no text to measure"
_RATES = ("spans_per_1000_words", "share_of_text")

_CSS = """
:root { color-scheme: light; --ink: #1a1a1a; --muted: #555; --rule: #ddd; }
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: var(--ink);
  font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.5rem; margin: .5rem 0; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; border-top: 1px solid var(--rule);
  padding-top: 1rem; }
h3 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
.intro, .note { color: var(--muted); }
/* A chart is drawn 720 wide with 13px text and scales to its column: below 34rem the text
   would shrink under 9.8px, so on a phone the chart keeps that width and its region
   scrolls sideways instead. */
.chart { display: block; width: 100%; min-width: 34rem; max-width: 54rem; height: auto; }
.chart text { font: 13px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  fill: #1a1a1a; }
.scroll { overflow-x: auto; }
.scroll:focus-visible { outline: 3px solid #1a5fb4; outline-offset: 2px; }
table { border-collapse: collapse; font-size: .9rem; margin: .5rem 0; }
th, td { text-align: left; padding: .2rem .45rem; border-bottom: 1px solid var(--rule);
  vertical-align: top; }
tbody th { white-space: nowrap; max-width: 16rem; overflow: hidden; text-overflow: ellipsis; }
td.long { min-width: 14rem; overflow-wrap: anywhere; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
thead th { position: sticky; top: 0; background: #fff; }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .3rem 1rem; }
.swatch { display: inline-block; width: 1rem; height: 1rem; margin-right: .35rem;
  vertical-align: -.15rem; border: 1px solid #888; border-radius: 2px; }
.line-key { display: inline-block; width: 1.4rem; height: .25rem; margin-right: .35rem;
  vertical-align: .2rem; }
/* min(): a column narrower than 20rem where the page is (a 320px phone), not a scroll. */
.spans { display: grid;
  grid-template-columns: repeat(auto-fill, minmax(min(20rem, 100%), 1fr)); gap: 0 2rem; }
.spans ol { margin: 0; padding-left: 1.6rem; }
.spans li { overflow-wrap: anywhere; }
.count { color: var(--muted); font-size: .85rem; }
.distancing { color: #b00020; font-style: italic; }
.warning { border-left: 4px solid #b00020; background: #fdecee; padding: .4rem .7rem; }
.missing { color: var(--muted); }
.badge { display: inline-block; margin-left: .25rem; padding: 0 .3rem; border-radius: 3px;
  font-size: .75rem; font-style: normal; background: #fdecee; color: #b00020;
  border: 1px solid #b00020; }
/* Forced colours (Windows High Contrast) would paint the keys' colours over with one
   system colour, leaving the charts without a key, and the charts' dark text would vanish
   on a dark theme's background: keys and charts keep their colours, the charts on white. */
@media (forced-colors: active) {
  .swatch, .line-key, .chart { forced-color-adjust: none; }
  .chart { background: #fff; }
  .line-key { outline: 1px solid CanvasText; }
}
"""


def render_dashboard(
    tables: Mapping[str, Sequence[Mapping[str, Any]]], *, title: str, notes: Sequence[str] = ()
) -> str:
    """The dashboard page for `tables` (as `CorpusFigures.tables()` returns them), with
    `notes` as warnings under the title ("... is not finished: ...")."""
    overview = tables["overview"][0]
    sections = [
        _outlets_section(tables),
        _time_section(tables),
        _spans_section(tables),
        _sources_section(tables),
        _actors_section(tables),
        _claims_section(tables),
        _double_standards_section(tables),
        _models_section(tables),
        _articles_section(tables),
        _failures_section(tables),
    ]
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
            f"<title>{_esc(title)}</title>",
            f"<style>{_CSS}</style>",
            "</head>",
            "<body>",
            "<main>",
            f"<header><h1>{_esc(title)}</h1>"
            + "".join(f'<p class="warning">{_esc(note)}</p>' for note in notes)
            + f"{_intro(overview)}{_mixed_models(tables)}</header>",
            _nav(sections),
            *[section for section in sections if section],
            _json_twin({k: v for k, v in tables.items() if k not in _NOT_EMBEDDED}),
            "</main>",
            "</body>",
            "</html>",
            "",
        ]
    )


_SECTIONS = (
    ("outlets", "By outlet"),
    ("time", "Over time"),
    ("spans", "Frequent spans"),
    ("sources", "Sources"),
    ("actors", "Actors"),
    ("claims", "Claims"),
    ("doubles", "Double standards"),
    ("models", "Models"),
    ("articles", "Articles"),
    ("failures", "Failures"),
)


def _nav(sections: Sequence[str]) -> str:
    """Links to the sections the page has."""
    shown = [
        (anchor, label)
        for anchor, label in _SECTIONS
        if any(section.startswith(f'<section id="{anchor}"') for section in sections)
    ]
    items = "".join(f'<li><a href="#{anchor}">{label}</a></li>' for anchor, label in shown)
    return f'<nav aria-label="Sections"><ul class="legend">{items}</ul></nav>'


def _intro(overview: Mapping[str, Any]) -> str:
    source = f"from {_count(int(overview['outlets']), 'outlet')}"
    without = int(overview.get("without_outlet") or 0)
    if without and without == overview["articles"]:
        source = "with no outlet named"
    elif without:
        source += f" ({_count(without, 'article')} with no outlet named)"
    parts = [f"{_count(int(overview['articles']), 'article')} analyzed {source}"]
    if overview["failed"]:
        parts.append(f"{overview['failed']:,} could not be analyzed (see Failures)")
    text = "; ".join(parts) + "."
    not_english = int(overview.get("not_english") or 0)
    rated = overview["articles"] - overview["without_techniques"] - not_english
    share = _rate_of(overview["share_of_text"])
    per_1000 = _rate_of(overview["spans_per_1000_words"])
    if rated > 0 and share is not None and per_1000 is not None:
        text += (
            f" {_percent(share, 1)} of their text lies in a propaganda "
            f"technique span: {overview['spans']:,} spans in {overview['words']:,} words, "
            f"{per_1000:.1f} per 1,000 words. Rates are pooled: a "
            "group's spans over its words, not an average of its articles' rates."
        )
    if overview["without_techniques"]:
        text += (
            f" {overview['without_techniques']:,} "
            f"{'analysis has' if overview['without_techniques'] == 1 else 'analyses have'} "
            "no techniques layer: they count as articles, and are left out of words, spans "
            "and every rate and share."
        )
    if not_english:
        text += (
            f" {_count(not_english, 'article')} {'does' if not_english == 1 else 'do'} not "
            "look like English (a note of the analysis says so): the technique model finds "
            "little in such a text, so such articles count as articles but are left out of "
            "words, spans and every rate and share."
        )
    repeated = int(overview.get("set_aside_records") or 0)
    if repeated:
        text += (
            f" {_count(repeated, 'record')} {'repeats' if repeated == 1 else 'repeat'} a key "
            "met later in the output (outputs merged, or a run appended): only the last "
            "record of each key counts, and the earlier ones were set aside."
        )
    return f'<p class="intro">{_esc(text)}</p>'


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _mixed_models(tables: Mapping[str, Sequence[Mapping[str, Any]]]) -> str:
    """A warning where the records were made with more than one model setup."""
    rows = list(tables.get("models") or [])
    setups = sorted({int(row["setup"]) for row in rows})
    if len(setups) < 2:
        return ""
    differ = _differing_components(rows)
    which = f" They differ in: {', '.join(differ)}." if differ else ""
    return (
        f'<p class="warning"><strong>Mixed output:</strong> these records were made with '
        f"{len(setups)} different model setups (models, versions or settings).{_esc(which)} "
        'The figures pool them all; see <a href="#models">Models</a> for which records '
        "were made with which.</p>"
    )


def _differing_components(rows: Sequence[Mapping[str, Any]]) -> list[str]:
    """The components whose model, version or settings are not the same in every setup
    (a component some setups lack among them)."""
    setups = {int(row["setup"]) for row in rows}
    seen: dict[str, set[tuple[Any, ...]]] = {}
    present: dict[str, set[int]] = {}
    for row in rows:
        name = str(row["component"]) if row["component"] is not None else "(none recorded)"
        seen.setdefault(name, set()).add((row["model"], row["version"], row["settings"]))
        present.setdefault(name, set()).add(int(row["setup"]))
    return [name for name in seen if len(seen[name]) > 1 or present[name] != setups]


def _percent(value: float, digits: int = 0) -> str:
    return f"{value:.{digits}%}"


def _rate_of(value: Any) -> float | None:
    """A rate from a table; None where the table has none (its denominator was 0)."""
    if value is None or value == "":
        return None
    return float(value)


def _highest(values: Iterable[float | None]) -> float:
    """The highest of the rates that are there; 0.0 where none is."""
    return max((v for v in values if v is not None), default=0.0)


def _rate_td(
    value: float | None,
    *,
    share: bool,
    described_by: str,
    shade: float | None = None,
    why: str = _NO_WORDS,
) -> str:
    """A table cell for a rate: "12.5" or "3.4%", tinted against `shade` (the highest in
    the table) where given; "—", untinted, where it is missing, described by the table's
    `_missing_key` of id `described_by` (and `why` as a tooltip for the mouse)."""
    if value is None:
        return (
            f'<td class="num missing" aria-describedby="{described_by}" title="{_esc(why)}">'
            f"{_MISSING}</td>"
        )
    shown = _percent(value, 1) if share else f"{value:.1f}"
    if shade is None:
        return f'<td class="num">{shown}</td>'
    alpha = 0.55 * value / shade if shade else 0.0
    return f'<td class="num" style="background-color:rgba(176,0,32,{alpha:.2f})">{shown}</td>'


def _missing_key(id_: str, why: str, values: Iterable[float | None]) -> str:
    """What a "—" in a table means, shown above it where one of its `values` is missing: a
    tooltip alone cannot be read from the keyboard or on a touch screen."""
    if all(value is not None for value in values):
        return ""
    return f'<p class="note" id="{id_}">{_MISSING} marks no rate: {_esc(why)}.</p>'


def _scroll_region(content: str, *, labelled_by: str) -> str:
    """`content` (a wide table or chart) in a box that scrolls sideways where the page is
    narrower; focusable, so that the keyboard can scroll it too, and named by the element
    of id `labelled_by`, as the content is."""
    return (
        f'<div class="scroll" tabindex="0" role="region" aria-labelledby="{labelled_by}">'
        f"{content}</div>"
    )


def _num(value: Any, digits: int | None = None) -> str:
    if value is None:
        return ""
    if digits is None:
        return f"{int(value):,}"
    return f"{float(value):,.{digits}f}"


# --- by outlet ------------------------------------------------------------------------


def _outlets_section(tables: Mapping[str, Sequence[Mapping[str, Any]]]) -> str:
    outlets = list(tables["outlets"])[:_MAX_OUTLETS]
    if not outlets:
        return ""
    names = [row["outlet"] for row in outlets]
    cells = {
        (row["outlet"], row["technique"]): row
        for row in tables["outlet_techniques"]
        if row["outlet"] in names
    }
    used = [name for name in TECHNIQUE_NAMES if any(cells[(o, name)]["spans"] for o in names)]
    more = len(tables["outlets"]) - len(outlets)
    note = (
        f'<p class="note">The {len(outlets)} outlets with the most articles; all '
        f"{len(tables['outlets']):,} are in the data tables.</p>"
        if more > 0
        else ""
    )
    return "\n".join(
        [
            '<section id="outlets" aria-labelledby="outlets-title">',
            '<h2 id="outlets-title">Technique profile by outlet</h2>',
            note,
            f'<p class="note">{_POOLED}{_not_english_note(outlets)}'
            f"{_few_note(outlets, 'outlet', 'outlets')}{_unused_note(used)}</p>",
            _stacked_bars(outlets, cells, used),
            _legend(used),
            '<h3 id="outlets-per1000">Spans per 1,000 words</h3>',
            _heat_table(outlets, cells, used, "spans_per_1000_words", "outlets-per1000"),
            '<h3 id="outlets-share">Share of text in spans</h3>',
            _heat_table(outlets, cells, used, "share_of_text", "outlets-share"),
            "</section>",
        ]
    )


_POOLED = (
    "An outlet's rate is its spans over its words (the words column), pooled over its "
    "articles: a long article weighs more than a short one."
)


# A group of fewer articles than this has a rate one article can swing.
FEW_ARTICLES = 10


def _few_note(rows: Sequence[Mapping[str, Any]], key: str, plural: str) -> str:
    """A caution naming the groups (outlets, months) of fewer than `FEW_ARTICLES`
    articles: the review of session 38 read 48.5 spans per 1,000 words for a cell of 3
    articles beside 9–26 for the others."""
    few = [str(row[key]) for row in rows if int(row["articles"]) < FEW_ARTICLES]
    if not few or len(few) == len(rows) == 1:
        return ""
    named = ", ".join(_esc(name) for name in few[:5])
    shown = named + (f" and {len(few) - 5} more" if len(few) > 5 else "")
    return (
        f" Fewer than {FEW_ARTICLES} articles make the rates of {shown}: one article can "
        f"swing them, so compare such {plural} with care."
    )


def _unused_note(used: Sequence[str]) -> str:
    """The techniques that no outlet shown has a span of, which the chart and tables
    leave out (the data tables list them at 0): a reader should not think them
    forgotten."""
    unused = [get_technique(name).label for name in TECHNIQUE_NAMES if name not in used]
    if not unused or not used:
        return ""
    return (
        f" No span of {_esc(', '.join(unused))} in these outlets: left out of the chart "
        "and tables, listed at 0 in the data tables."
    )


def _not_english_note(rows: Sequence[Mapping[str, Any]]) -> str:
    if not any(int(row.get("not_english") or 0) for row in rows):
        return ""
    return (
        " Articles that do not look like English are counted under “not English” and "
        "left out of words, spans and rates."
    )


def _stacked_bars(
    outlets: Sequence[Mapping[str, Any]],
    cells: Mapping[tuple[str, str], Mapping[str, Any]],
    used: Sequence[str],
) -> str:
    """One bar per outlet: its spans per 1,000 words, in segments by technique."""
    if not used:
        return '<p class="note">No technique spans were found.</p>'
    row, label_width, bar_x, room, width = 26, 200, 210, 440, 720
    most = _highest(_rate_of(o["spans_per_1000_words"]) for o in outlets) or 1.0
    groups = []
    for i, outlet in enumerate(outlets):
        y = 4 + i * row
        x = float(bar_x)
        segments = []
        for name in used:
            value = _rate_of(cells[(outlet["outlet"], name)]["spans_per_1000_words"])
            if value is None or value <= 0:
                continue
            technique = get_technique(name)
            w = room * value / most
            segments.append(
                f'<rect x="{x:.1f}" y="{y + 3}" width="{max(w, 0.5):.1f}" height="{row - 8}" '
                f'fill="{_esc(technique.colour)}" stroke="#666" stroke-width="0.5">'
                f"<title>{_esc(outlet['outlet'])}: {_esc(technique.label)}, {value:.1f} "
                "spans per 1,000 words</title></rect>"
            )
            x += w
        total = _rate_of(outlet["spans_per_1000_words"])
        # No bar, and a dash, for an outlet without English words: not a rate of 0.
        total_shown = (
            f'<text x="{x + 6:.1f}" y="{y + 18}" class="missing"><title>'
            f"{_esc(outlet['outlet'])}: {_NO_WORDS}</title>{_MISSING}</text>"
            if total is None
            else f'<text x="{x + 6:.1f}" y="{y + 18}">{total:.1f}</text>'
        )
        groups.append(
            f'<g><text x="{label_width}" y="{y + 18}" text-anchor="end">'
            f"{_esc(_clip(outlet['outlet'], 28))}</text>{''.join(segments)}{total_shown}</g>"
        )
    height = 8 + row * len(outlets)
    return _scroll_region(
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        'aria-labelledby="outlets-chart-title">'
        '<title id="outlets-chart-title">Spans per 1,000 words by outlet, in segments by '
        "technique; exact figures in the tables below</title>"
        f"{''.join(groups)}</svg>",
        labelled_by="outlets-chart-title",
    )


def _legend(names: Sequence[str]) -> str:
    items = "".join(
        f'<li><span class="swatch" style="background-color:{_esc(get_technique(n).colour)}" '
        f'aria-hidden="true"></span>{_esc(get_technique(n).label)}</li>'
        for n in names
    )
    return f'<ul class="legend" aria-label="Techniques">{items}</ul>'


def _heat_table(
    outlets: Sequence[Mapping[str, Any]],
    cells: Mapping[tuple[str, str], Mapping[str, Any]],
    used: Sequence[str],
    measure: str,
    labelled_by: str,
) -> str:
    is_share = measure == "share_of_text"
    most = _highest(_rate_of(cells[(o["outlet"], n)][measure]) for o in outlets for n in used)
    head = "".join(f'<th scope="col" class="num">{_esc(get_technique(n).label)}</th>' for n in used)
    total_head = "all (share)" if is_share else "all"
    foreign = any(int(o.get("not_english") or 0) for o in outlets)
    missing_id = f"{labelled_by}-missing"
    rows = []
    for outlet in outlets:
        tds = []
        for name in used:
            value = _rate_of(cells[(outlet["outlet"], name)][measure])
            tds.append(_rate_td(value, share=is_share, described_by=missing_id, shade=most))
        total_shown = _rate_td(_rate_of(outlet[measure]), share=is_share, described_by=missing_id)
        not_english = (
            f'<td class="num">{_num(outlet.get("not_english") or 0)}</td>' if foreign else ""
        )
        rows.append(
            f'<tr><th scope="row">{_esc(outlet["outlet"])}</th>'
            f'<td class="num">{_num(outlet["articles"])}</td>{not_english}'
            f'<td class="num">{_num(outlet["words"])}</td>'
            f"{total_shown}{''.join(tds)}</tr>"
        )
    foreign_head = '<th scope="col" class="num">not English</th>' if foreign else ""
    values = [_rate_of(o[measure]) for o in outlets] + [
        _rate_of(cells[(o["outlet"], n)][measure]) for o in outlets for n in used
    ]
    missing = _missing_key(missing_id, _NO_WORDS, values)
    table = _scroll_region(
        f'<table aria-labelledby="{labelled_by}"><thead><tr>'
        f'<th scope="col">outlet</th><th scope="col" class="num">articles</th>{foreign_head}'
        '<th scope="col" class="num">words</th>'
        f'<th scope="col" class="num">{total_head}</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>",
        labelled_by=labelled_by,
    )
    return missing + table


# --- over time ------------------------------------------------------------------------


def _month_index(month: str) -> int:
    year, mon = month.split("-")
    return int(year) * 12 + int(mon) - 1


def _time_section(tables: Mapping[str, Sequence[Mapping[str, Any]]]) -> str:
    months = list(tables["months"])
    overview = tables["overview"][0]
    undated = (
        f'<p class="note">{_count(int(overview["undated"]), "article")} without a readable '
        f"<code>published</code> date {'is' if overview['undated'] == 1 else 'are'} left out "
        "here; the data table <code>articles</code> has each article's month, empty where "
        "the date could not be read.</p>"
        if overview["undated"]
        else ""
    )
    if not months:
        return (
            '<section id="time" aria-labelledby="time-title">'
            '<h2 id="time-title">Technique use over time</h2>'
            f'<p class="note">No article has a readable published date.</p>{undated}</section>'
        )
    per_technique: dict[str, dict[str, float | None]] = {}
    for row in tables["month_techniques"]:
        per_technique.setdefault(row["technique"], {})[row["month"]] = _rate_of(
            row["spans_per_1000_words"]
        )
    totals = {row["technique"]: int(row["spans"]) for row in tables["techniques"]}
    top = [n for n in sorted(totals, key=lambda n: -totals[n]) if totals[n]][:_TIME_TECHNIQUES]
    series: list[tuple[str, str, Mapping[str, float | None]]] = [
        (
            "All techniques",
            "#1a1a1a",
            {m["month"]: _rate_of(m["spans_per_1000_words"]) for m in months},
        )
    ]
    series += [
        (get_technique(n).label, get_technique(n).colour, per_technique.get(n, {})) for n in top
    ]
    foreign = any(int(m.get("not_english") or 0) for m in months)
    table_rows = "".join(
        f'<tr><th scope="row">{_esc(m["month"])}</th><td class="num">{_num(m["articles"])}</td>'
        + (f'<td class="num">{_num(m.get("not_english") or 0)}</td>' if foreign else "")
        + f'<td class="num">{_num(m["words"])}</td>'
        f'<td class="num">{_num(m["spans"])}</td>'
        + _rate_td(_rate_of(m["spans_per_1000_words"]), share=False, described_by="time-missing")
        + _rate_td(_rate_of(m["share_of_text"]), share=True, described_by="time-missing")
        + "</tr>"
        for m in months
    )
    rates = [_rate_of(m[measure]) for m in months for measure in _RATES]
    key = "".join(
        f'<li><span class="line-key" style="background-color:{_esc(colour)}" '
        f'aria-hidden="true"></span>{_esc(label)}</li>'
        for label, colour, _ in series
    )
    return "\n".join(
        [
            '<section id="time" aria-labelledby="time-title">',
            '<h2 id="time-title">Technique use over time</h2>',
            '<p class="note">Spans per 1,000 words by month of publication, months in UTC '
            "(a date with a time zone is taken to UTC first; a date without one is taken as "
            f"written): all techniques, and the {len(top)} most frequent. A month's rate is "
            "its spans over its words, pooled over its articles, not an average of their "
            f"rates.{_not_english_note(months)}{_months_without_rate(months)}"
            f"{_few_note(months, 'month', 'months')}</p>",
            _line_chart(months, series),
            f'<ul class="legend" aria-label="Lines">{key}</ul>',
            undated,
            _missing_key("time-missing", _NO_WORDS, rates),
            _scroll_region(
                '<table aria-labelledby="time-title"><thead><tr>'
                '<th scope="col">month</th><th scope="col" class="num">articles</th>'
                + ('<th scope="col" class="num">not English</th>' if foreign else "")
                + '<th scope="col" class="num">words</th><th scope="col" class="num">spans</th>'
                '<th scope="col" class="num">spans per 1,000 words</th>'
                '<th scope="col" class="num">share of text</th></tr></thead>'
                f"<tbody>{table_rows}</tbody></table>",
                labelled_by="time-title",
            ),
            _outlet_months(tables, months),
            "</section>",
        ]
    )


def _outlet_months(
    tables: Mapping[str, Sequence[Mapping[str, Any]]], months: Sequence[Mapping[str, Any]]
) -> str:
    """Each outlet over time: spans per 1,000 words by outlet and month, with the cell's
    articles, for the outlets with the most articles; "" where there is one outlet only
    (the table above is its) or no month."""
    outlets = [row["outlet"] for row in list(tables["outlets"])[:_MAX_OUTLETS]]
    cells = {
        (row["outlet"], row["month"]): row
        for row in tables.get("outlet_months", ())  # reports written before session 44
        if row["outlet"] in outlets
    }
    shown = [o for o in outlets if any((o, m["month"]) in cells for m in months)]
    if len(shown) < 2:
        return ""
    most = _highest(_rate_of(c["spans_per_1000_words"]) for c in cells.values())
    rows = []
    for outlet in shown:
        tds = []
        for month in months:
            cell = cells.get((outlet, month["month"]))
            if cell is None:
                tds.append('<td class="num empty"></td>')
                continue
            rate = _rate_td(
                _rate_of(cell["spans_per_1000_words"]),
                share=False,
                described_by="outlet-months-missing",
                shade=most,
            )
            articles = int(cell["articles"])
            few = "*" if articles < FEW_ARTICLES else ""
            tds.append(rate.replace("</td>", f" <small>({articles:,}{few})</small></td>"))
        rows.append(f'<tr><th scope="row">{_esc(outlet)}</th>{"".join(tds)}</tr>')
    head = "".join(f'<th scope="col" class="num">{_esc(m["month"])}</th>' for m in months)
    missing = _missing_key(
        "outlet-months-missing",
        _NO_WORDS,
        [_rate_of(c["spans_per_1000_words"]) for c in cells.values()],
    )
    return "\n".join(
        [
            '<h3 id="outlet-months-title">Each outlet over time</h3>',
            '<p class="note">Spans per 1,000 words by outlet and month, with the cell\'s '
            f"articles in brackets; * marks a cell of fewer than {FEW_ARTICLES} articles, "
            "which one article can swing, and an empty cell a month without the outlet's "
            "articles. The data table <code>outlet_months</code> has every outlet, and "
            "<code>outlet_month_techniques</code> each technique.</p>",
            missing,
            _scroll_region(
                '<table aria-labelledby="outlet-months-title"><thead><tr>'
                f'<th scope="col">outlet</th>{head}</tr></thead>'
                f"<tbody>{''.join(rows)}</tbody></table>",
                labelled_by="outlet-months-title",
            ),
        ]
    )


def _months_without_rate(months: Sequence[Mapping[str, Any]]) -> str:
    missing = [m["month"] for m in months if _rate_of(m["spans_per_1000_words"]) is None]
    if not missing:
        return ""
    which = ", ".join(_esc(month) for month in missing)
    return (
        f" {which} {'has' if len(missing) == 1 else 'have'} no English words to measure: "
        f"no rate ({_MISSING} in the table), and the lines skip "
        f"{'it' if len(missing) == 1 else 'them'}."
    )


def _line_chart(
    months: Sequence[Mapping[str, Any]],
    series: Sequence[tuple[str, str, Mapping[str, float | None]]],
) -> str:
    """One line per series; a month without a rate (no English words) gets no point, and
    the line breaks there rather than dropping to 0."""
    width, height, left, right, top, bottom = 720, 260, 50, 40, 12, 36
    first = _month_index(months[0]["month"])
    last = _month_index(months[-1]["month"])
    span = max(1, last - first)
    most = _highest(v for _, _, values in series for v in values.values()) or 1e-9

    def x(month: str) -> float:
        if last == first:
            return left + (width - left - right) / 2
        return left + (width - left - right) * (_month_index(month) - first) / span

    def y(value: float) -> float:
        return top + (height - top - bottom) * (1 - value / most)

    axis = [
        f'<line x1="{left}" y1="{y(0):.1f}" x2="{width - right}" y2="{y(0):.1f}" stroke="#888"/>',
    ]
    for fraction in (0.0, 0.5, 1.0):
        value = most * fraction
        axis.append(
            f'<text x="{left - 6}" y="{y(value) + 4:.1f}" text-anchor="end">{value:.1f}</text>'
        )
    step = max(1, len(months) // 8)
    for i, month in enumerate(months):
        if i % step == 0 or i == len(months) - 1:
            axis.append(
                f'<text x="{x(month["month"]):.1f}" y="{height - 12}" text-anchor="middle">'
                f"{_esc(month['month'])}</text>"
            )
    lines = []
    for label, colour, values in series:
        runs: list[list[tuple[float, float, str, float]]] = [[]]
        for m in months:
            rate = values.get(m["month"])
            if rate is None:
                if runs[-1]:
                    runs.append([])
                continue
            runs[-1].append((x(m["month"]), y(rate), m["month"], rate))
        paths = [" ".join(f"{px:.1f},{py:.1f}" for px, py, _, _ in run) for run in runs if run]
        dots = "".join(
            f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3.5" fill="{_esc(colour)}" stroke="#333" '
            f'stroke-width="0.8"><title>{_esc(label)}, {_esc(month)}: '
            f"{value:.1f} per 1,000 words</title></circle>"
            for run in runs
            for px, py, month, value in run
        )
        # A dark edge under each line keeps the pale technique colours visible on white.
        polylines = "".join(
            f'<polyline points="{path}" fill="none" stroke="#555" stroke-width="4.5" '
            f'stroke-linejoin="round"/><polyline points="{path}" fill="none" '
            f'stroke="{_esc(colour)}" stroke-width="3" stroke-linejoin="round"/>'
            for path in paths
        )
        lines.append(f"<g>{polylines}{dots}</g>")
    return _scroll_region(
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        'aria-labelledby="time-chart-title"><title id="time-chart-title">Spans per 1,000 words '
        "by month; exact figures in the table below</title>"
        f"{''.join(axis)}{''.join(lines)}</svg>",
        labelled_by="time-chart-title",
    )


# --- frequent spans -------------------------------------------------------------------


def _spans_section(tables: Mapping[str, Sequence[Mapping[str, Any]]]) -> str:
    by_technique: dict[str, list[Mapping[str, Any]]] = {}
    for row in tables["top_spans"]:
        by_technique.setdefault(row["technique"], []).append(row)
    if not by_technique:
        return ""
    blocks = []
    for name in TECHNIQUE_NAMES:
        rows = by_technique.get(name)
        if not rows:
            continue
        technique = get_technique(name)
        # A span met once has no rank: where every one is, the "top ten" was an
        # alphabetical cut of them (the review of session 38).
        repeated = [row for row in rows if int(row["count"]) > 1]
        items = "".join(
            f'<li>{_esc(row["text"])} <span class="count">× {_num(row["count"])}</span></li>'
            for row in repeated
        )
        listed = (
            f"<ol>{items}</ol>" if repeated else '<p class="note">No span of it occurs twice.</p>'
        )
        blocks.append(
            f'<div><h3><span class="swatch" style="background-color:{_esc(technique.colour)}" '
            f'aria-hidden="true"></span>{_esc(technique.label)}</h3>{listed}</div>'
        )
    return (
        '<section id="spans" aria-labelledby="spans-title">'
        '<h2 id="spans-title">Most frequent spans by technique</h2>'
        '<p class="note">The same words, in any case and spacing, with or without the '
        "punctuation at their ends, count as one span; spans of function words alone "
        "(“the”, a fragment of a longer phrase) are not counted. Spans met once are left "
        "out here; the table <code>top_spans</code> lists them.</p>"
        f'<div class="spans">{"".join(blocks)}</div></section>'
    )


# --- sources --------------------------------------------------------------------------


def _sources_section(tables: Mapping[str, Sequence[Mapping[str, Any]]]) -> str:
    sources = list(tables["sources"])
    left_out = _sources_left_out(tables["overview"][0])
    if not sources:
        return (
            '<section id="sources" aria-labelledby="sources-title">'
            '<h2 id="sources-title">Most cited sources</h2><p class="note">'
            + (
                f"No statement is attributed to a named source.{_esc(left_out)}"
                if left_out
                else "No attributed statements: the attributions layer was not computed or "
                "found none."
            )
            + "</p></section>"
        )
    charted = sources[:_MAX_SOURCES_CHARTED]
    row, label_width, bar_x, room, width = 26, 240, 250, 400, 720
    most = max(int(s["statements"]) for s in charted) or 1
    bars = []
    for i, source in enumerate(charted):
        y = 4 + i * row
        w = max(2, round(room * int(source["statements"]) / most))
        bars.append(
            f"<g><title>{_esc(source['source'])} ({_esc(source['kind'])}): "
            f"{_count(int(source['statements']), 'statement')} in "
            f"{_count(int(source['articles']), 'article')}"
            f'</title><text x="{label_width}" y="{y + 18}" text-anchor="end">'
            f"{_esc(_clip(source['source'], 34))}</text>"
            f'<rect x="{bar_x}" y="{y + 3}" width="{w}" height="{row - 8}" rx="2" '
            f'fill="#8ecae6" stroke="#666" '
            f'stroke-width="0.5"></rect><text x="{bar_x + w + 6}" y="{y + 18}">'
            f"{_num(source['statements'])}</text></g>"
        )
    chart = _scroll_region(
        f'<svg class="chart" viewBox="0 0 {width} {8 + row * len(charted)}" role="img" '
        'aria-labelledby="sources-chart-title"><title id="sources-chart-title">Statements '
        "attributed to the most cited named sources</title>"
        f"{''.join(bars)}</svg>",
        labelled_by="sources-chart-title",
    )
    rows = "".join(
        f'<tr><td class="num">{s["rank"]}</td><td class="long">{_esc(s["source"])}</td>'
        f'<td>{_esc(s["kind"])}</td><td class="num">{_num(s["statements"])}</td>'
        f'<td class="num">{_num(s["articles"])}</td></tr>'
        for s in sources
    )
    return (
        '<section id="sources" aria-labelledby="sources-title">'
        '<h2 id="sources-title">Most cited sources</h2>'
        '<p class="note">The named sources the articles attribute statements to, by how '
        "many statements. The author's own assertions and unattributed ones are not "
        'sources; unresolved pronouns ("she", "they") and vague or unnamed sources '
        '("critics", "officials", "some", a statement whose source is not named) name '
        "someone different in each article: all are left out. A pronoun the article "
        'resolves ("he" after "Mike Mills said") counts for that name.'
        f"{_esc(left_out)}</p>"
        f"{chart}"
        + _scroll_region(
            '<table aria-labelledby="sources-title"><thead><tr>'
            '<th scope="col" class="num">#</th><th scope="col">source</th>'
            '<th scope="col">kind</th><th scope="col" class="num">statements</th>'
            f'<th scope="col" class="num">articles</th></tr></thead><tbody>{rows}</tbody>'
            "</table>",
            labelled_by="sources-title",
        )
        + "</section>"
    )


def _sources_left_out(overview: Mapping[str, Any]) -> str:
    statements = int(overview.get("vague_source_statements") or 0)
    if not statements:
        return ""
    articles = int(overview.get("vague_source_articles") or 0)
    return (
        f" {_count(statements, 'statement')} in {_count(articles, 'article')} "
        f"{'is' if statements == 1 else 'are'} attributed to a vague or unnamed source."
    )


# --- actors ---------------------------------------------------------------------------


def _actors_section(tables: Mapping[str, Sequence[Mapping[str, Any]]]) -> str:
    actors = list(tables.get("actors") or [])
    if not actors:
        return (
            '<section id="actors" aria-labelledby="actors-title">'
            '<h2 id="actors-title">Most labelled actors</h2><p class="note">No actors: the '
            "actors layer was not computed or found none.</p></section>"
        )
    rows = "".join(_actor_row(actor) for actor in actors)
    return (
        '<section id="actors" aria-labelledby="actors-title">'
        '<h2 id="actors-title">Most labelled actors</h2>'
        '<p class="note">Who the articles name, ranked by how often they label them '
        "(“Jihadis”, “the regime”), joined across articles by name and kind. Labels the "
        "articles keep at arm's length (scare quotes, “so-called”) are marked "
        '<em class="distancing">distancing</em>.</p>'
        f"{_actors_chart(actors)}"
        + _scroll_region(
            '<table aria-labelledby="actors-title"><thead><tr>'
            '<th scope="col" class="num">#</th><th scope="col">actor</th>'
            '<th scope="col">kind</th><th scope="col" class="num">articles</th>'
            '<th scope="col" class="num">mentions</th><th scope="col" class="num">label uses</th>'
            '<th scope="col">most used labels</th><th scope="col">techniques touching it</th>'
            f'<th scope="col" class="num">claims sourced</th></tr></thead><tbody>{rows}</tbody>'
            "</table>",
            labelled_by="actors-title",
        )
        + "</section>"
    )


def _actors_chart(actors: Sequence[Mapping[str, Any]]) -> str:
    """One bar per labelled actor: its label uses, the distancing ones in red."""
    charted = [a for a in actors if int(a["label_uses"])][:_MAX_ACTORS_CHARTED]
    if not charted:
        return '<p class="note">No actor is labelled.</p>'
    row, label_width, bar_x, room, width = 26, 240, 250, 400, 720
    most = max(int(a["label_uses"]) for a in charted)
    bars = []
    for i, actor in enumerate(charted):
        y = 4 + i * row
        uses, distancing = int(actor["label_uses"]), int(actor["distancing_labels"])
        x = float(bar_x)
        segments = []
        for count, colour in ((uses - distancing, _LABEL_COLOUR), (distancing, _DISTANCING_COLOUR)):
            if count <= 0:
                continue
            w = max(2.0, room * count / most)
            segments.append(
                f'<rect x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{row - 8}" '
                f'fill="{colour}" stroke="#666" stroke-width="0.5"></rect>'
            )
            x += w
        bars.append(
            f"<g><title>{_esc(actor['actor'])} ({_esc(actor['kind'])}): "
            f"{_count(uses, 'label use')}, {_num(distancing)} distancing, in "
            f"{_count(int(actor['articles']), 'article')}"
            f'</title><text x="{label_width}" y="{y + 18}" text-anchor="end">'
            f"{_esc(_clip(actor['actor'], 34))}</text>{''.join(segments)}"
            f'<text x="{x + 6:.1f}" y="{y + 18}">{_num(uses)}</text></g>'
        )
    key = "".join(
        f'<li><span class="swatch" style="background-color:{colour}" aria-hidden="true">'
        f"</span>{label}</li>"
        for colour, label in ((_LABEL_COLOUR, "labels"), (_DISTANCING_COLOUR, "distancing labels"))
    )
    chart = _scroll_region(
        f'<svg class="chart" viewBox="0 0 {width} {8 + row * len(charted)}" role="img" '
        'aria-labelledby="actors-chart-title"><title id="actors-chart-title">Label uses of '
        "the most labelled actors (distancing labels in red); exact figures in the table "
        f"below</title>{''.join(bars)}</svg>",
        labelled_by="actors-chart-title",
    )
    return f'{chart}<ul class="legend" aria-label="Bars">{key}</ul>'


def _actor_row(actor: Mapping[str, Any]) -> str:
    none = '<span class="note">none</span>'
    labels = ", ".join(_actor_label(item) for item in actor["labels"][:_ACTOR_TOP])
    techniques = ", ".join(
        f"{_esc(get_technique(item['technique']).label)} "
        f'<span class="count">×{_num(item["count"])}</span>'
        for item in actor["techniques"][:_ACTOR_TOP]
    )
    distancing = int(actor["distancing_labels"])
    uses = _num(actor["label_uses"]) + (
        f' <span class="count">({_num(distancing)} distancing)</span>' if distancing else ""
    )
    return (
        f'<tr><td class="num">{_num(actor["rank"])}</td>'
        f'<td class="long">{_esc(actor["actor"])}</td><td>{_esc(actor["kind"])}</td>'
        f'<td class="num">{_num(actor["articles"])}</td>'
        f'<td class="num">{_num(actor["mentions"])}</td><td class="num">{uses}</td>'
        f'<td class="long">{labels or none}</td><td class="long">{techniques or none}</td>'
        f'<td class="num">{_num(actor["claims_sourced"])}</td></tr>'
    )


def _actor_label(item: Mapping[str, Any]) -> str:
    marks = tuple(item.get("marks") or ())
    shown = _esc(LabelGroup(item["text"], item["count"], item["distancing"], marks).shown)
    times = f' <span class="count">×{_num(item["count"])}</span>'
    if item["distancing"]:
        return f'<em class="distancing">{shown}</em><span class="badge">distancing</span>{times}'
    return f"{shown}{times}"


# --- claims ---------------------------------------------------------------------------


def _claims_section(tables: Mapping[str, Sequence[Mapping[str, Any]]]) -> str:
    outlets = list(tables.get("outlet_claims") or [])
    if not outlets:
        return (
            '<section id="claims" aria-labelledby="claims-title">'
            '<h2 id="claims-title">Check-worthy claims</h2><p class="note">No claims: the '
            "claims layer was not computed.</p></section>"
        )
    sentences = sum(int(row["sentences"]) for row in outlets)
    checkworthy = sum(int(row["checkworthy"]) for row in outlets)
    articles = sum(_claim_articles(row) for row in outlets)
    share = _percent(checkworthy / sentences, 1) if sentences else _MISSING
    return "\n".join(
        [
            '<section id="claims" aria-labelledby="claims-title">',
            '<h2 id="claims-title">Check-worthy claims</h2>',
            f'<p class="note">{_count(sentences, "sentence")} scored in '
            f"{_count(articles, 'article')}; {_num(checkworthy)} ({share}) "
            f"{'is' if checkworthy == 1 else 'are'} check-worthy (a score of at least "
            f"{CHECKWORTHY_THRESHOLD:g}): factual claims of public interest a fact-checker "
            "would verify. The score ranks sentences; it is not the chance that one is "
            "false.</p>",
            '<h3 id="claims-outlets">By outlet</h3>',
            _claim_outlets_table(outlets),
            '<h3 id="claims-top">Most check-worthy claims</h3>',
            _top_claims_table(list(tables.get("top_claims") or [])),
            "</section>",
        ]
    )


def _claim_outlets_table(outlets: Sequence[Mapping[str, Any]]) -> str:
    shown = outlets[:_MAX_OUTLETS]
    note = (
        f'<p class="note">The {len(shown)} outlets with the most articles; all '
        f"{len(outlets):,} are in the data table <code>outlet_claims</code>.</p>"
        if len(outlets) > len(shown)
        else ""
    )
    most = _highest(_rate_of(row["checkworthy_share"]) for row in shown) or 1.0
    rows = "".join(
        f'<tr><th scope="row">{_esc(row["outlet"])}</th>'
        f'<td class="num">{_num(_claim_articles(row))}</td>'
        f'<td class="num">{_num(row["sentences"])}</td>'
        f'<td class="num">{_num(row["checkworthy"])}</td>'
        + _rate_td(
            _rate_of(row["checkworthy_share"]),
            share=True,
            described_by="claims-outlets-missing",
            shade=most,
            why=_NO_SENTENCES,
        )
        + "</tr>"
        for row in shown
    )
    missing = _missing_key(
        "claims-outlets-missing",
        _NO_SENTENCES,
        (_rate_of(row["checkworthy_share"]) for row in shown),
    )
    return (
        note
        + missing
        + _scroll_region(
            '<table aria-labelledby="claims-outlets"><thead><tr>'
            '<th scope="col">outlet</th><th scope="col" class="num">articles with claims</th>'
            '<th scope="col" class="num">sentences</th>'
            '<th scope="col" class="num">check-worthy</th>'
            '<th scope="col" class="num">share</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>",
            labelled_by="claims-outlets",
        )
    )


def _claim_articles(row: Mapping[str, Any]) -> int:
    """An outlet's articles with the claims layer (`articles` in tables made before the
    column was named for what it counts)."""
    return int(row["articles_with_claims"] if "articles_with_claims" in row else row["articles"])


def _top_claims_table(claims: Sequence[Mapping[str, Any]]) -> str:
    if not claims:
        return '<p class="note">No sentence was scored.</p>'
    rows = "".join(_claim_row(claim) for claim in claims)
    return (
        '<p class="note">The sentences with the highest scores in the whole corpus, and '
        "whose statement each reports where it reports one.</p>"
        + _scroll_region(
            '<table aria-labelledby="claims-top"><thead><tr>'
            '<th scope="col" class="num">#</th><th scope="col" class="num">score</th>'
            '<th scope="col">claim</th><th scope="col">whose</th>'
            '<th scope="col">outlet</th><th scope="col">article</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>",
            labelled_by="claims-top",
        )
    )


def _article_cell(label: Any, report: Any) -> str:
    """An article's name, escaped, as a link to its report page where it has one."""
    shown = _esc(label)
    return f'<a href="{_esc(report)}">{shown}</a>' if report else shown


def _claim_row(claim: Mapping[str, Any]) -> str:
    article = _article_cell(claim.get("title") or claim.get("key") or "", claim.get("report"))
    return (
        f'<tr><td class="num">{_num(claim["rank"])}</td>'
        f'<td class="num">{claim_percent(float(claim["checkworthiness"]))}%</td>'
        f'<td class="long">{_esc(_clip(claim["text"], _CLAIM_SHOWN))}</td>'
        f"<td>{_claim_source(claim)}</td><td>{_esc(claim['outlet'])}</td>"
        f'<td class="long">{article}</td></tr>'
    )


def _claim_source(claim: Mapping[str, Any]) -> str:
    """The source's words with their kind; the kind alone where no words name the source
    ("unattributed", "author"); "none" where the claim reports no statement."""
    source, kind = claim.get("source"), claim.get("source_kind")
    if source:
        return f'{_esc(source)} <span class="count">({_esc(kind)})</span>'
    if kind:
        return f'<span class="note">{_esc(kind)}</span>'
    return '<span class="note">none</span>'


# --- models ---------------------------------------------------------------------------


def _double_standards_section(tables: Mapping[str, Sequence[Mapping[str, Any]]]) -> str:
    """The double standards the articles draw (whataboutism), counted by outlet from
    `outlet_headlines`, then listed; a note where the layer was not computed (tables
    written before the layer have no `double_standards` table)."""
    heading = '<h2 id="doubles-title">Double standards (whataboutism)</h2>'
    outlets = [r for r in tables.get("outlet_headlines") or [] if "double_standards" in r]
    found = list(tables.get("double_standards") or [])
    if "double_standards" not in tables or not outlets:
        return (
            f'<section id="doubles" aria-labelledby="doubles-title">{heading}'
            '<p class="note">Not computed: these tables were written without the '
            "double-standards layer.</p></section>"
        )
    total = sum(int(r["double_standards"]) for r in outlets)
    counted = [r for r in outlets if int(r["double_standards"])]
    by_outlet = (
        "; ".join(
            f"{_esc(r['outlet'])} {_num(r['double_standards'])}"
            for r in sorted(counted, key=lambda r: (-int(r["double_standards"]), r["outlet"]))
        )
        or "none"
    )
    note = (
        f'<p class="note">{_count(total, "double standard")} found: passages that treat two '
        "parties differently for one act, the argument that answers one side's conduct by "
        "pointing at another's. Rules, not a model: they speak rarely, and each passage is "
        f"worth reading before calling it whataboutism. By outlet: {by_outlet}.</p>"
    )
    if not found:
        return f'<section id="doubles" aria-labelledby="doubles-title">{heading}{note}</section>'
    listed = (
        f'<p class="note">The first {len(found):,} listed; all are counted above.</p>'
        if len(found) < total
        else ""
    )
    rows = "".join(_double_standard_row(row) for row in found)
    return (
        f'<section id="doubles" aria-labelledby="doubles-title">{heading}{note}{listed}'
        + _scroll_region(
            '<table aria-labelledby="doubles-title"><thead><tr>'
            '<th scope="col">what</th><th scope="col">act</th><th scope="col">sides</th>'
            '<th scope="col">passage</th><th scope="col">outlet</th>'
            f'<th scope="col">article</th></tr></thead><tbody>{rows}</tbody></table>',
            labelled_by="doubles-title",
        )
        + "</section>"
    )


def _double_standard_row(row: Mapping[str, Any]) -> str:
    article = _article_cell(row.get("title") or row.get("key") or "", row.get("report"))
    what = DOUBLE_STANDARD_HEADINGS.get(str(row["kind"]), str(row["kind"]))
    return (
        f"<tr><td>{_esc(what)}</td><td>{_esc(_clip(row['act'], 80))}</td>"
        f'<td>{_esc(row["sides"])}</td><td class="long">{_esc(row["passage"])}</td>'
        f'<td>{_esc(row["outlet"])}</td><td class="long">{article}</td></tr>'
    )


def _models_section(tables: Mapping[str, Sequence[Mapping[str, Any]]]) -> str:
    rows = list(tables.get("models") or [])
    if not rows:
        return ""
    setups: dict[int, int] = {int(row["setup"]): int(row["records"]) for row in rows}
    if len(setups) == 1:
        records = next(iter(setups.values()))
        made = "The analysis was" if records == 1 else f"All {records:,} analyses were"
        note = f"{made} made with one setup: the figures are comparable with each other."
    else:
        note = (
            f"The analyses were made with {len(setups)} setups; figures that pool them mix "
            "the models, versions or settings below. Setup 1 made the most."
        )
    body = "".join(_model_row(row) for row in rows)
    return (
        '<section id="models" aria-labelledby="models-title">'
        '<h2 id="models-title">Models</h2>'
        f'<p class="note">Which components, models, versions and settings made the numbers, '
        f"from each analysis's <code>model</code> block. {_esc(note)}</p>"
        + _scroll_region(
            '<table aria-labelledby="models-title"><thead><tr>'
            '<th scope="col" class="num">setup</th><th scope="col" class="num">analyses</th>'
            '<th scope="col">component</th><th scope="col">model</th>'
            '<th scope="col">version</th><th scope="col">settings</th></tr></thead>'
            f"<tbody>{body}</tbody></table>",
            labelled_by="models-title",
        )
        + "</section>"
    )


def _model_row(row: Mapping[str, Any]) -> str:
    none = '<span class="note">not recorded</span>'
    component = _esc(row["component"]) if row["component"] is not None else none
    return (
        f'<tr><td class="num">{_num(row["setup"])}</td>'
        f'<td class="num">{_num(row["records"])}</td><td>{component}</td>'
        f"<td>{_esc(row['model'] or '')}</td><td>{_esc(row['version'] or '')}</td>"
        f'<td class="long">{_esc(row["settings"] or "")}</td></tr>'
    )


# --- articles and failures ------------------------------------------------------------


def _articles_section(tables: Mapping[str, Sequence[Mapping[str, Any]]]) -> str:
    overview = tables["overview"][0]
    articles = tables["articles"]
    if not articles:
        return ""
    rows = []
    for a in articles:
        cell = _article_cell(a["title"] or a["id"] or a["key"], a.get("report"))
        if a.get("not_english"):
            cell += '<span class="badge">not English</span>'
        top = a.get("top_technique")
        rows.append(
            f'<tr><td class="long">{cell}</td><td>{_esc(a["outlet"])}</td>'
            f"<td>{_esc(a.get('published') or '')}</td>"
            f"<td>{_esc(a.get('month') or '')}</td>"
            f'<td class="num">{_num(a["words"])}</td><td class="num">{_num(a["spans"])}</td>'
            + _rate_td(
                _rate_of(a["share_of_text"]),
                share=True,
                described_by="articles-missing",
                why=_NO_TEXT,
            )
            + f"<td>{_esc(get_technique(top).label) if top else ''}</td></tr>"
        )
    note = _articles_note(len(articles), overview)
    missing = _missing_key(
        "articles-missing", _NO_TEXT, (_rate_of(a["share_of_text"]) for a in articles)
    )
    return (
        '<section id="articles" aria-labelledby="articles-title">'
        '<h2 id="articles-title">Articles</h2>'
        f"{note}{missing}"
        + _scroll_region(
            '<table aria-labelledby="articles-title"><thead><tr>'
            '<th scope="col">article</th><th scope="col">outlet</th>'
            '<th scope="col">published</th><th scope="col">month (UTC)</th>'
            '<th scope="col" class="num">words</th>'
            '<th scope="col" class="num">spans</th><th scope="col" class="num">share</th>'
            f'<th scope="col">most used</th></tr></thead><tbody>{"".join(rows)}</tbody>'
            "</table>",
            labelled_by="articles-title",
        )
        + "</section>"
    )


def _articles_note(listed: int, overview: Mapping[str, Any]) -> str:
    """What the list leaves out and where the rest is: the data table has a row for every
    article; the pages are those `propscope report` could write."""
    total = int(overview["articles"])
    pages = int(overview.get("article_pages") or 0)
    parts = []
    if listed < total:
        parts.append(
            f"The first {listed:,} of {total:,} articles are listed here; the data table "
            "<code>articles</code> (written with <code>--data-dir</code>) has a row for each "
            f"of them, with its month{' and page' if pages else ''}"
        )
    if pages and listed < total:
        parts.append(
            "each has its own page in the folder beside this one"
            if pages == total
            else f"{pages:,} of them have their own page in the folder beside this one"
        )
    elif 0 < pages < total:
        parts.append(f"{pages:,} of the {total:,} articles have their own page")
    if not parts:
        return ""
    return f'<p class="note">{"; ".join(parts)}.</p>'


def _failures_section(tables: Mapping[str, Sequence[Mapping[str, Any]]]) -> str:
    failures = tables["failures"]
    if not failures:
        return ""
    total = tables["overview"][0]["failed"]
    rows = "".join(
        f'<tr><td class="long">{_esc(f["key"])}</td>'
        # Tables written before session 48 have no outlet for a failure.
        f"<td>{_esc(f.get('outlet') or '')}</td><td>{_esc(f['stage'])}</td>"
        f'<td class="long">{_esc(f["message"])}</td></tr>'
        for f in failures
    )
    shown = (
        f"the first {len(failures):,} of {total:,}; the data table <code>failures</code> "
        "(written with <code>--data-dir</code>) has them all"
        if len(failures) < total
        else "all"
    )
    return (
        '<section id="failures" aria-labelledby="failures-title">'
        '<h2 id="failures-title">Documents that could not be analyzed</h2>'
        f'<p class="note">Showing {shown}.</p>'
        + _scroll_region(
            '<table aria-labelledby="failures-title"><thead><tr>'
            '<th scope="col">key</th><th scope="col">outlet</th><th scope="col">stage</th>'
            '<th scope="col">message</th>'
            f"</tr></thead><tbody>{rows}</tbody></table>",
            labelled_by="failures-title",
        )
        + "</section>"
    )


def _clip(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _json_twin(tables: Mapping[str, Any]) -> str:
    raw = json.dumps(tables, ensure_ascii=False, default=str)
    # As in the article report: nothing in the data can end the block or open a comment.
    safe = raw.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    return f'<script type="application/json" id="dashboard-data">{safe}</script>'
