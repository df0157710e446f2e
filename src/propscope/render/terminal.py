"""Render an analysis for the terminal with rich.

The renderer reads the plain dict (`Analysis.to_dict()`), so it shows exactly what the
JSON says. It returns renderables and prints nothing: only the CLI prints.

Article text only ever enters rich as `Text` objects with styles, never as markup
strings, so an article containing "[bold]" is shown literally; its control characters
are shown as signs ("␛"), so its escape sequences never reach the terminal.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from itertools import pairwise
from typing import Any

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.style import Style
from rich.table import Table
from rich.text import Text

from propscope.analysis import (
    CHECKWORTHY_THRESHOLD,
    Actor,
    Analysis,
    Attribution,
    Claim,
    Figure,
    FigureConflict,
    Headline,
    UpdateLine,
    disputed_claims,
    read_actors,
    read_attributions,
    read_claims,
    read_double_standards,
    read_figures,
    read_headline,
    summarize_claims,
    top_claims,
)
from propscope.language import shown_notes
from propscope.render._spans import (
    DOUBLE_STANDARD_NONE,
    DOUBLE_STANDARD_NOTE,
    DOUBLE_STANDARD_TITLE,
    NO_STATEMENT_NOTE,
    STANCE_ALTERNATIVES,
    STANCE_VERDICTS,
    UNNAMED_SOURCE,
    RenderSpan,
    SourceGroup,
    claim_percent,
    cue_shown,
    double_standard_heading,
    double_standard_sides,
    excerpt,
    flagged_figures,
    group_labels,
    group_sources,
    opens_quoted,
    read_spans,
    score_percent,
    shown_stance_scores,
    shown_title,
    source_name,
    stance_runner_up,
    statement_count,
    summary_of,
    unquoted,
    update_label,
    visible_controls,
)
from propscope.techniques import TECHNIQUE_NAMES, get_technique

__all__ = ["render_terminal"]


def render_terminal(
    analysis: Analysis | Mapping[str, Any], *, name_document: bool = False
) -> Group:
    """Build the terminal view of one analysis: title, the headline check, highlighted
    text, legend, counts, the statements grouped by source, the claims to check first,
    the actors, then the figures with the conflicting ones first; the analysis's notes
    (what a layer could not do, and why) under the title. `name_document` starts it
    with a line naming the document's id, for a view of several documents."""
    if not isinstance(analysis, Analysis | Mapping):
        several = isinstance(analysis, list | tuple)
        raise TypeError(
            f"render_terminal takes one Analysis or its dict, not {type(analysis).__name__}"
            + ("; for several, render each" if several else "")
        )
    data = analysis.to_dict() if isinstance(analysis, Analysis) else analysis
    # An article's escape sequences and direction overrides never reach the terminal.
    data = visible_controls(data, direction=True)
    document = data["document"]
    text: str = document["text"]
    attributions = read_attributions(data, text)
    figures = read_figures(data, text)
    parts: list[RenderableType] = [_title(document), Text()]
    if name_document:
        parts.insert(0, Text.assemble(("Document ", "dim"), (str(document.get("id", "")), "bold")))
    notes = shown_notes(list(data.get("notes") or []))
    if notes:
        parts += [*(Text(f"Note: {note}", style="italic") for note in notes), Text()]
    parts += _headline_parts(data, text)
    parts += _technique_parts(data, text, _flagged_figures(figures))
    parts += _double_standard_parts(data, text)
    if attributions is not None:
        parts += _claim_parts(attributions, data.get("summary") or {})
    parts += _check_first_parts(data, text, attributions)
    parts += _actor_parts(data, text)
    parts += _figure_parts(figures, attributions)
    return Group(*parts)


def _technique_parts(
    data: Mapping[str, Any], text: str, flagged: list[tuple[int, int, float]]
) -> list[RenderableType]:
    if "techniques" not in data:
        shown = _highlighted_text(text, [], flagged)
        return [shown, Text(), _note("The techniques layer was not computed.")]
    spans = read_spans(data["techniques"], text)
    highlighted = ByColour(
        lambda: _highlighted_text(text, spans, flagged),
        lambda: _highlighted_text(text, spans, flagged, plain=True),
    )
    parts: list[RenderableType] = [highlighted, Text()]
    if not spans:
        parts.append(_note("No propaganda techniques found."))
        return parts
    summary = summary_of(data, text)
    parts += [Text("Legend", style="bold"), _legend(spans)]
    parts += [ByColour(None, _note(PLAIN_MARKS_NOTE)), _score_note(data), Text()]
    parts += [_counts_table(summary), _coverage(summary)]
    return parts


def _double_standard_parts(data: Mapping[str, Any], text: str) -> list[RenderableType]:
    """Each double standard: what it is, the parties, the shared act, its passages and
    the article's own word for it; nothing when the layer was not computed."""
    found = read_double_standards(data, text)
    if found is None:
        return []
    parts: list[RenderableType] = [Text(), Text(DOUBLE_STANDARD_TITLE, style="bold")]
    if not found:
        return [*parts, _note(DOUBLE_STANDARD_NONE)]
    parts.append(_note(DOUBLE_STANDARD_NOTE))
    for item in found:
        parts.append(
            Text.assemble(
                ("⚖ ", Style(bold=True)),
                (double_standard_heading(item), Style(bold=True)),
                f": “{excerpt(item.act, 100)}” — {double_standard_sides(item)}",
            )
        )
        quotes = Table.grid(padding=(0, 1))
        quotes.add_column(no_wrap=True)
        quotes.add_column()
        for passage in item.passages:
            quotes.add_row("  •", Text(f"“{excerpt(passage.text, 240)}”", style="italic"))
        if item.charge is not None:
            quotes.add_row("  ", Text(f"The article calls it: “{excerpt(item.charge.text, 200)}”"))
        parts.append(quotes)
    return parts


def _title(document: Mapping[str, Any]) -> Text:
    return Text(shown_title(document), style="bold underline")


def _note(message: str) -> Text:
    return Text(message, style="italic")


def _flagged_figures(
    layer: tuple[list[Figure], list[FigureConflict]] | None,
) -> list[tuple[int, int, float]]:
    """(start, end, ratio) of every figure a conflict names, in text order."""
    if layer is None:
        return []
    figures, conflicts = layer
    flagged = flagged_figures(conflicts)
    return sorted((figures[i].start, figures[i].end, ratio) for i, ratio in flagged.items())


FIGURE_STYLE = Style(color="red", bold=True, underline=True)


PLAIN_START, PLAIN_END = "⟦", "⟧"
PLAIN_MARKS_NOTE = (
    f"{PLAIN_START} and {PLAIN_END} mark where each span starts and ends; its technique "
    "and score follow its end."
)


def _highlighted_text(
    text: str,
    spans: list[RenderSpan],
    flagged: Sequence[tuple[int, int, float]] = (),
    *,
    plain: bool = False,
) -> Text:
    """The article with each span on its colour and a tag where the span ends, and each
    figure that disagrees with another in bold red, flagged where it ends.

    Overlapping spans cut the text at every boundary; a piece inside several spans
    takes the colour of the innermost one and is underlined, so overlap stays visible.
    `plain` (for output without colour: a pipe, a file, NO_COLOR) also brackets each
    passage, "⟦" where it starts and "⟧" before its tags, since no colour shows its
    start; passages that cross ("⟦a ⟦b⟧ c⟧" would read as nested) number their brackets,
    "⟦¹a ⟦²b¹⟧ c²⟧".
    """
    out = Text()
    bounds = {0, len(text)} | {s.start for s in spans} | {s.end for s in spans}
    bounds |= {start for start, _, _ in flagged} | {end for _, end, _ in flagged}
    numbers = _crossing_numbers(spans) if plain else {}
    for left, right in pairwise(sorted(bounds)):
        if plain:  # one bracket for the spans that share a passage, the outer first
            for end in sorted({s.end for s in spans if s.start == left}, reverse=True):
                out.append(PLAIN_START + numbers.get((left, end), ""))
        active = [s for s in spans if s.start <= left < s.end]
        style = _segment_style(active)
        if any(start <= left < end for start, end, _ in flagged):
            style += FIGURE_STYLE
        out.append(text[left:right], style)
        for _, end, ratio in flagged:
            if end == right:
                out.append(f" [⚑ {round(ratio, 1):g}x spread]", FIGURE_STYLE)
        ending = [s for s in spans if s.end == right]
        # Inner spans end "first" when several end together, so their tag comes first.
        ending.sort(key=lambda s: (-s.start, s.index))
        for k, span in enumerate(ending):
            if plain and (k == 0 or ending[k - 1].start != span.start):
                out.append(numbers.get((span.start, span.end), "") + PLAIN_END)
            out.append(" ")
            out.append(_tag(span), _tag_style(span))
    return out


_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _crossing_numbers(spans: list[RenderSpan]) -> dict[tuple[int, int], str]:
    """A superscript number for each passage that crosses another (one starts inside
    the other and ends after it), in text order; nested passages need none."""
    extents = sorted({(s.start, s.end) for s in spans})
    starts = [start for start, _ in extents]
    crossing: set[tuple[int, int]] = set()
    for start, end in extents:
        # the passages that start inside this one and end after it cross it
        for k in range(bisect_right(starts, start), bisect_left(starts, end)):
            if extents[k][1] > end:
                crossing |= {(start, end), extents[k]}
    return {extent: str(n).translate(_SUPERSCRIPT) for n, extent in enumerate(sorted(crossing), 1)}


def _innermost(active: list[RenderSpan]) -> RenderSpan:
    # Same order as the HTML nesting: later start, then earlier end, then later in the list.
    return max(active, key=lambda s: (s.start, -s.end, s.index))


def _segment_style(active: list[RenderSpan]) -> Style:
    if not active:
        return Style.null()
    colour = _innermost(active).technique.colour
    return Style(color="black", bgcolor=colour, underline=len(active) > 1)


def _tag(span: RenderSpan) -> str:
    return f"[{span.technique.label} {span.score:.2f}]"


def _tag_style(span: RenderSpan) -> Style:
    return Style(color="black", bgcolor=span.technique.colour, bold=True, italic=True)


def _legend(spans: list[RenderSpan]) -> Table:
    present = {s.technique.name for s in spans}
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True, style="bold")
    table.add_column()
    for name in TECHNIQUE_NAMES:
        if name in present:
            technique = get_technique(name)
            swatch = Text("  ", style=Style(bgcolor=technique.colour))
            table.add_row(swatch, Text(technique.label), Text(technique.definition))
    return table


CALIBRATED_NOTE = (
    "The number after each technique is the chance that the passage uses it. Scores are "
    "calibrated: of the spans scored 0.30, about 30% were right when the model was "
    "cross-validated."
)
RAW_NOTE = (
    "The number after each technique is the model's raw probability, not calibrated: "
    "read it as a ranking."
)


def _score_note(data: Mapping[str, Any]) -> Text:
    """How to read the scores: calibrated probabilities, or a ranking."""
    info = ((data.get("model") or {}).get("components") or {}).get("techniques") or {}
    return _note(CALIBRATED_NOTE if info.get("scores") == "calibrated" else RAW_NOTE)


def _counts_table(summary: Mapping[str, Any]) -> Table:
    counts = Counter({name: int(n) for name, n in summary["techniques"].items()})
    table = Table(title="Techniques", title_justify="left")
    table.add_column("Technique")
    table.add_column("Spans", justify="right")
    for name, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        technique = get_technique(name)
        swatch = Text("  ", style=Style(bgcolor=technique.colour))
        table.add_row(Text.assemble(swatch, " ", technique.label), Text(str(count)))
    return table


def _coverage(summary: Mapping[str, Any]) -> Text:
    count = int(summary["spans"])
    noun = "span" if count == 1 else "spans"
    share = float(summary["covered_share"])
    return Text(f"{share:.1%} of the text is covered by {count} {noun}.")


# --- headline check ---------------------------------------------------------------------

_WARNING = Style(color="red", bold=True)


def _headline_parts(data: Mapping[str, Any], text: str) -> list[RenderableType]:
    """Each update line quoted, then whether it contradicts the headline and whether the
    body reflects it, with the reasons; nothing when the layer was not computed."""
    headline = read_headline(data, text)
    if headline is None:
        return []
    parts: list[RenderableType] = [Text("Headline check", style="bold")]
    parts += _stance_parts(headline)
    if not headline.updates:
        parts.append(_note("No update or correction lines."))
    for update in headline.updates:
        parts += [_update_line(update), _contradiction(update), _reflection(update)]
        if update.reasons:
            parts.append(_reasons(update.reasons))
    parts += [_note(note) for note in headline.notes]
    return [*parts, Text()]


def _stance_parts(headline: Headline) -> list[RenderableType]:
    """The body's stance towards the headline, its probability (and the runner-up's, in
    a near tie), and the sentences it rests on; nothing when no verdict was given (a
    note says why)."""
    if headline.stance is None:
        return []
    scores = shown_stance_scores(headline.stance_scores)
    score = scores.get(headline.stance)
    runner_up = stance_runner_up(scores, headline.stance)
    style = _WARNING if headline.stance in ("disagree", "unrelated") else Style(bold=True)
    if runner_up is not None:
        style = Style(bold=True)
    line = Text.assemble(
        ("Stance: ", Style(bold=True)),
        (STANCE_VERDICTS.get(headline.stance, headline.stance), style),
        (f" ({score_percent(score)}%)" if score is not None else "", "dim"),
    )
    if runner_up is not None:
        other, other_score = runner_up
        line.append(f", or it {STANCE_ALTERNATIVES.get(other, other)}")
        line.append(f" ({score_percent(other_score)}%)", "dim")
        line.append(": no clear verdict")
    parts: list[RenderableType] = [line]
    if headline.evidence:
        parts.append(Text("  the sentences that weigh most in it:", style="dim"))
        parts += [
            Padding(
                Text(_in_marks(excerpt(e.text, 160)), style="italic"), (0, 0, 0, 3), expand=False
            )  # lines hang
            for e in headline.evidence
        ]
    return parts


def _reasons(reasons: tuple[str, ...]) -> Table:
    """The reasons, wrapped lines hanging under the first."""
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column()
    for reason in reasons:
        table.add_row(Text("   "), Text(reason, style="dim"))
    return table


def _update_line(update: UpdateLine) -> Text:
    quoted = (f"“{update.text}”", Style(italic=True))
    if (kind := update_label(update)) is None:
        return Text.assemble(quoted)  # "UPDATE: ..." names its kind itself
    return Text.assemble((f"{kind}: ", Style(bold=True)), quoted)


def _contradiction(update: UpdateLine) -> Text:
    if update.contradicts_headline is None:
        return Text("  ? cannot tell (no headline)", style="italic")
    if update.contradicts_headline:
        return Text.assemble(("  ⚑ contradicts the headline", _WARNING))
    return Text("  ✓ does not contradict the headline")


def _reflection(update: UpdateLine) -> Text:
    if update.reflected_in_body is None:
        return Text("  – nothing to look for in the body", style="italic")
    if update.reflected_in_body:
        return Text("  ✓ the body reflects it")
    style = _WARNING if update.contradicts_headline else Style(bold=True)
    return Text.assemble(("  ✗ the body does not reflect it", style))


# --- figures ----------------------------------------------------------------------------

_QUALIFIER_SIGNS = {
    "about": "≈ ",
    "more than": "> ",
    "less than": "< ",
    "at least": "≥ ",
    "up to": "≤ ",
}


def _figure_parts(
    layer: tuple[list[Figure], list[FigureConflict]] | None, attributions: list[Attribution] | None
) -> list[RenderableType]:
    """The figures layer (`read_figures`): nothing when it was not computed, conflicts
    first, then a table (with whose statement holds each figure when the attributions
    layer is there)."""
    if layer is None:
        return []
    figures, conflicts = layer
    parts: list[RenderableType] = [Text(), Text("Figures", style="bold")]
    if not figures:
        return [*parts, _note("No figures found.")]
    if conflicts:
        parts += [_conflict_line(conflict, figures) for conflict in conflicts]
    else:
        parts.append(_note("No conflicting figures."))
    flagged = set(flagged_figures(conflicts))
    return [*parts, Text(), _figures_table(figures, flagged, attributions)]


def _conflict_line(conflict: FigureConflict, figures: list[Figure]) -> Text:
    quoted = ", ".join(f"#{i + 1} “{figures[i].text}”" for i in conflict.figures)
    return Text.assemble(
        ("⚑ ", Style(color="red", bold=True)),
        (conflict.note, Style(bold=True)),
        " — ",
        (quoted, Style(italic=True)),
    )


def _figures_table(
    figures: list[Figure], flagged: set[int], attributions: list[Attribution] | None
) -> Table:
    table = Table()
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Figure")
    table.add_column("Value", justify="right", no_wrap=True)  # a number is read whole
    table.add_column("Counts", overflow="fold")
    if attributions is not None:
        table.add_column("Said by", overflow="fold")
    for index, figure in enumerate(figures):
        number = Text(f"{index + 1}")
        if index in flagged:
            number.append(" ⚑", Style(color="red", bold=True))
        sign = _QUALIFIER_SIGNS.get(figure.qualifier or "", "")
        counts = Text(figure.counts) if figure.counts else Text("—", style="dim")
        row = [number, Text(figure.text), Text(sign + figure.value_text), counts]
        if attributions is not None:
            row.append(_said_by(figure, attributions))
        table.add_row(*row)
    if attributions is not None and any(f.source is None for f in figures):
        # "—" beside "unattributed" read as two words for one thing.
        table.caption = NO_STATEMENT_NOTE
        table.caption_justify = "left"
    return table


def _said_by(figure: Figure, attributions: list[Attribution]) -> Text:
    if figure.source is None:
        return Text("—", style="dim")
    return _voice(attributions[figure.source])


def _voice(item: Attribution) -> Text:
    """Whose statement it is: the source and its kind, "the author" or "unattributed"."""
    if item.source_kind in ("author", "unattributed"):
        return Text(_KIND_NAMES[item.source_kind], style="italic")
    name = source_name(item.source.text) if item.source is not None else UNNAMED_SOURCE
    if item.refers_to is not None and item.refers_to_kind is not None:
        # "he (Mike Mills, person)": the name the pronoun stands for, and its kind.
        return Text.assemble(name, (f" ({item.refers_to.text}, {item.refers_to_kind})", "dim"))
    return Text.assemble(name, (f" ({item.source_kind})", "dim"))


# --- claims and sources -----------------------------------------------------------------

_SHOWN = 5  # author's and unattributed assertions listed before "... and N more"
_KIND_NAMES = {"author": "the author", "unattributed": "unattributed"}


def _claim_parts(
    attributions: list[Attribution], summary: Mapping[str, Any]
) -> list[RenderableType]:
    """Statements grouped by source, then the author's own and the unattributed ones."""
    parts: list[RenderableType] = [Text(), Text("Claims and sources", style="bold")]
    if not attributions:
        return [*parts, _note("No statements found.")]
    groups = group_sources(attributions)
    author = [a for a in attributions if a.source_kind == "author"]
    unattributed = [a for a in attributions if a.source_kind == "unattributed"]
    members = [attributions[i] for g in groups for i in g.members]
    sources = "source" if len(groups) == 1 else "sources"
    parts.append(
        Text(
            f"{_attributed(members)} from {len(groups)} {sources}; {len(author)} by the author; "
            f"{len(unattributed)} unattributed."
        )
    )
    if any(item.act for item in members):
        parts.append(_note(_ACTS_NOTE))
    for group in groups:
        parts += [Text(), _group_heading(group, attributions)]
        parts.append(_statement_list([attributions[i] for i in group.members]))
    parts += [Text(), _list_heading("Author's own assertions and predictions", len(author))]
    parts += _first_few(author, "None found.")
    # Sentences nobody asserts were only looked for when the summary counts them.
    looked = "unattributed" in summary or "attributions" not in summary
    parts += [Text(), _list_heading("Unattributed assertions", len(unattributed))]
    parts += _first_few(unattributed, "None found." if looked else "Not looked for in this run.")
    return parts


# Under the count, where a source's statements include acts (`Attribution.act`).
_ACTS_NOTE = (
    "An act is something a source did to what it names (thanked Ritter, voted for the "
    "bill), listed without quotation marks: nobody's words."
)


def _attributed(members: list[Attribution]) -> str:
    """ "12 attributed statements", "12 attributed statements and 2 acts"."""
    acts = sum(item.act for item in members)
    said = len(members) - acts
    words = f"{said} attributed {'statement' if said == 1 else 'statements'}"
    return words if not acts else f"{words} and {acts} {'act' if acts == 1 else 'acts'}"


def _group_heading(group: SourceGroup, attributions: list[Attribution]) -> Text:
    count = statement_count([attributions[i] for i in group.members])
    return Text.assemble(
        (group.label, Style(bold=True)),
        (f" · {group.kind}", Style(italic=True)),
        (f" · {count}", Style(dim=True)),
    )


def _list_heading(title: str, count: int) -> Text:
    return Text.assemble((title, Style(bold=True)), (f" ({count})", Style(dim=True)))


def _statement_list(items: list[Attribution]) -> Table:
    """One bulleted line per statement, wrapped lines hanging under the first."""
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column()
    for item in items:
        table.add_row(Text("  •"), _statement(item))
    return table


def _in_marks(shown: str) -> str:
    """A passage in quotation marks, unless it opens with its own."""
    return shown if opens_quoted(shown) else f"“{shown}”"


def _statement(item: Attribution) -> Text:
    line = Text()
    cue = cue_shown(item) if item.cue is not None else ""
    if item.act:
        # What the source did, not words: "thanked Ritter", not "thanked: “Ritter”".
        line.append(excerpt(cue, 40), Style(italic=True))
        line.append(f" {excerpt(item.content.text, _STATEMENT_LIMIT)}")
        return line
    if cue:
        line.append(excerpt(cue, 40), Style(italic=True))
        line.append(": ")
    line.append(_in_marks(excerpt(unquoted(item.content.text), _STATEMENT_LIMIT)))
    return line


# A statement's words shown: enough for its figures ("... supported by 20 tanks and 15
# armoured personnel carriers"), which a cut at 120 characters lost.
_STATEMENT_LIMIT = 240


def _first_few(items: list[Attribution], empty: str) -> list[RenderableType]:
    if not items:
        return [_note(f"  {empty}")]
    lines: list[RenderableType] = [_statement_list(items[:_SHOWN])]
    if len(items) > _SHOWN:
        lines.append(_note(f"  … and {len(items) - _SHOWN} more."))
    return lines


# --- claims to check first ------------------------------------------------------------

_CHECK_FIRST = 5  # sentences listed under "Check first"


def _check_first_parts(
    data: Mapping[str, Any], text: str, attributions: list[Attribution] | None
) -> list[RenderableType]:
    """The claims the article itself calls into question (its headline, contradicted by
    its own update line), then the most check-worthy sentences, with their score and
    whose statement each is; nothing when the claims layer was not computed."""
    claims = read_claims(data, text)
    if claims is None:
        return []
    parts: list[RenderableType] = [Text(), Text("Check first", style="bold")]
    if not claims:
        return [*parts, _note("No sentences scored.")]
    disputed = disputed_claims(claims, read_headline(data, text))
    worthy = summarize_claims(claims)["checkworthy"]
    ranked = top_claims(claims, _CHECK_FIRST, exclude=disputed)
    listed = "the most check-worthy" if len(ranked) == 1 else f"the {len(ranked)} most check-worthy"
    most = (
        f"{listed} of {len(claims)} {_sentences(len(claims))} "
        f"({worthy} {'scores' if worthy == 1 else 'score'} {CHECKWORTHY_THRESHOLD:.0%} or more)."
    )
    if disputed:
        n = len(disputed)
        most = f"{n} {_sentences(n)} the article itself calls into question, then {most}"
    parts.append(_note(most[0].upper() + most[1:]))
    table = Table.grid(padding=(0, 1))
    table.add_column(justify="right", no_wrap=True)
    table.add_column()
    for i in sorted(disputed):
        line = _claim_line(claims[i], attributions)
        line.append(f" — {disputed[i]}", style=_DISPUTED)
        table.add_row(Text("!", style=_DISPUTED), line)
    for i in ranked:
        table.add_row(
            Text(f"{claim_percent(claims[i].checkworthiness)}%", style="bold"),
            _claim_line(claims[i], attributions),
        )
    parts.append(table)
    parts.append(
        _note(
            "A score says how much a sentence reads like a checkable claim of public "
            "interest, not whether it is false."
        )
    )
    return parts


_DISPUTED = Style(color="red", bold=True)


def _sentences(count: int) -> str:
    return "sentence" if count == 1 else "sentences"


def _claim_line(claim: Claim, attributions: list[Attribution] | None) -> Text:
    line = Text(_in_marks(excerpt(unquoted(claim.text), _STATEMENT_LIMIT)))
    if attributions is not None:
        line.append(" — ", Style(dim=True))
        inside = _statement_inside(claim, attributions) if claim.attribution is None else None
        if inside is not None:
            # "... captured on closed circuit video that showed a blinding flash": a
            # statement too short to be the sentence's, but there all the same.
            line.append("in part ", Style(dim=True))
            line.append_text(_voice(attributions[inside]))
        elif claim.attribution is None:
            line.append("no statement found", Style(dim=True))
        else:
            line.append_text(_voice(attributions[claim.attribution]))
    return line


# The fewest words of a sentence a statement's content must hold to be "in part" its:
# "us" of "... that television has yet to offer us" or the "it" of "as she later put
# it" say nothing of whose the sentence is (session 53's reviewer).
_IN_PART_WORDS = 3


def _statement_inside(claim: Claim, attributions: list[Attribution]) -> int | None:
    """The statement whose content overlaps a sentence most, where the sentence is no
    statement's (`link_claims_to_attributions` takes one that covers a quarter of it);
    None where no content reaches `_IN_PART_WORDS` words into it. An act says nothing."""
    best, most = None, 0
    for index, item in enumerate(attributions):
        start = max(claim.start, item.content.start)
        overlap = min(claim.end, item.content.end) - start
        if item.act or overlap <= most:
            continue
        inside = claim.text[start - claim.start : start - claim.start + overlap]
        if len(inside.split()) >= _IN_PART_WORDS:
            best, most = index, overlap
    return best


# --- actors -----------------------------------------------------------------------------

_DISTANCING = Style(color="red", italic=True)
_SHOWN_FORMS = 4  # other wordings of an actor's name listed beside its mention count


def _actor_parts(data: Mapping[str, Any], text: str) -> list[RenderableType]:
    """The actors table, most mentioned first; nothing when the layer was not computed."""
    actors = read_actors(data, text)
    if actors is None:
        return []
    parts: list[RenderableType] = [Text(), Text("Actors", style="bold")]
    if not actors:
        return [*parts, _note("No actors found.")]
    techniques = read_spans(data.get("techniques") or [], text)
    parts.append(
        ByColour(
            _actors_view(actors, techniques, plain=False),
            _actors_view(actors, techniques, plain=True),
        )
    )
    if any(label.distancing for actor in actors for label in actor.labels):
        legend = Text.assemble(
            ("Red italics", _DISTANCING), ": distancing labels (scare quotes, “so-called”)."
        )
        parts.append(ByColour(legend, None))  # without colour, each says "(distancing)"
    return parts


def _actors_view(actors: list[Actor], techniques: list[RenderSpan], *, plain: bool) -> ByWidth:
    """The actors as a table, or as paragraphs on a narrow console; `plain` for a
    console without colour."""
    order = sorted(range(len(actors)), key=lambda i: (-len(actors[i].mentions), i))
    table = Table()
    # Where the table is squeezed, a long word breaks across lines rather than losing
    # its end ("Corporati…", "organisat…"); narrower still, each actor is a paragraph.
    for heading in ("Actor", "Kind", "Mentions", "Labels", "Techniques touching it"):
        table.add_column(heading, overflow="fold")
    table.add_column("Claims sourced", justify="right", overflow="fold")
    paragraphs: list[RenderableType] = []
    for index in order:
        actor = actors[index]
        cells = (
            _mentions_cell(actor),
            _labels_cell(actor, plain=plain),
            _techniques_cell(actor, techniques),
            _links_cell(actor.sources),
        )
        table.add_row(Text(actor.name, style="bold"), Text(actor.kind), *cells)
        paragraphs.append(_actor_paragraph(actor, *cells))
    return ByWidth(ACTORS_TABLE_MIN_WIDTH, table, Group(*paragraphs))


# Below this many columns the actors table's six columns break words in the middle.
ACTORS_TABLE_MIN_WIDTH = 100


Built = RenderableType | Callable[[], RenderableType] | None


class ByColour:
    """`coloured` on a console that shows colour, else `plain` (a pipe, a file, NO_COLOR),
    where what colour alone marks needs words or brackets; None prints nothing. Either
    may be a function that builds it, called only when it is the one printed."""

    def __init__(self, coloured: Built, plain: Built) -> None:
        self.coloured = coloured
        self.plain = plain

    def _chosen(self, console: Console) -> RenderableType | None:
        # A 16-colour terminal shows eight of the 14 technique colours as one grey: there
        # the words and brackets of the plain view tell the techniques apart.
        few = console.color_system in (None, "standard", "windows")
        chosen = self.plain if console.no_color or few else self.coloured
        return chosen() if callable(chosen) else chosen

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        chosen = self._chosen(console)
        if chosen is not None:
            yield chosen

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        chosen = self._chosen(console)
        return Measurement(0, 0) if chosen is None else Measurement.get(console, options, chosen)


class ByWidth:
    """`wide` where the console gives at least `min_width` columns, else `narrow`: the
    choice is made when it is printed, at the width it is printed at."""

    def __init__(self, min_width: int, wide: RenderableType, narrow: RenderableType) -> None:
        self.min_width = min_width
        self.wide = wide
        self.narrow = narrow

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.wide if options.max_width >= self.min_width else self.narrow


def _actor_paragraph(
    actor: Actor, mentions: Text, labels: Text, techniques: Text, claims: Text
) -> Group:
    """One actor as indented lines that wrap at spaces, for a terminal too narrow for
    the table."""
    lines = (
        ("mentions: ", mentions),
        ("labels: ", labels),
        ("techniques touching it: ", techniques),
        ("claims sourced: ", claims),
    )
    return Group(
        Text.assemble((actor.name, "bold"), (f" · {actor.kind}", "dim")),
        *(Padding(Text.assemble(name, cell), (0, 0, 0, 2), expand=False) for name, cell in lines),
    )


def _mentions_cell(actor: Actor) -> Text:
    forms: list[str] = []
    for mention in actor.mentions:
        form = " ".join(mention.text.split())
        if form.casefold() != actor.name.casefold() and form not in forms:
            forms.append(form)
    cell = Text(str(len(actor.mentions)))
    if forms:
        shown = ", ".join(forms[:_SHOWN_FORMS]) + (", …" if len(forms) > _SHOWN_FORMS else "")
        cell.append(f" ({shown})", style="dim")
    return cell


def _labels_cell(actor: Actor, *, plain: bool = False) -> Text:
    """Each label and its count; a distancing label in red italics, and, for a console
    without colour (`plain`), followed by "(distancing)"."""
    groups = group_labels(actor.labels)
    if not groups:
        return Text("—", style="dim")
    cell = Text()
    for k, group in enumerate(groups):
        if k:
            cell.append(", ")
        cell.append(group.shown, _DISTANCING if group.distancing else "")
        cell.append(f" ×{group.count}", style="dim")
        if plain and group.distancing:
            cell.append(" (distancing)")
    return cell


def _techniques_cell(actor: Actor, techniques: list[RenderSpan]) -> Text:
    if actor.techniques is None:
        return Text("not computed", style="dim italic")
    if not actor.techniques:
        return Text("—", style="dim")
    counts = Counter(techniques[i].technique.label for i in actor.techniques)
    names = ", ".join(
        f"{label} ×{count}" if count > 1 else label for label, count in counts.most_common()
    )
    return Text.assemble(str(len(actor.techniques)), (f": {names}", "dim"))


def _links_cell(links: tuple[int, ...] | None) -> Text:
    if links is None:
        return Text("not computed", style="dim italic")
    return Text(str(len(links))) if links else Text("—", style="dim")
