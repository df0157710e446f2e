"""The terminal view: highlighted text, inline tags, legend, counts and coverage."""

from __future__ import annotations

import re

import pytest
from rich.console import Console, Group
from rich.text import Text

from fakes import span_at
from propscope.analysis import (
    Analysis,
    AttributedSpan,
    Attribution,
    Claim,
    TechniqueSpan,
    link_claims_to_attributions,
    summarize_techniques,
)
from propscope.components.attribution import AttributionFinder
from propscope.document import Document
from propscope.render.html import render_html
from propscope.render.terminal import ByColour, render_terminal
from propscope.techniques import TECHNIQUES, get_technique

ARTICLE = (
    "A shameful [bold]betrayal[/bold] of the town\n\n"
    "The radicals on the council voted again. [red]Our town[/red], our future.\n\n"
    "Can we really trust them?"
)
TAG = re.compile(r"\[[^\[\]]+ \d\.\d\d\]")


def span_of(text: str, passage: str, technique: str, score: float) -> TechniqueSpan:
    start = text.index(passage)
    return TechniqueSpan(start, start + len(passage), technique, score, passage)


def make_analysis(text: str, spans: list[TechniqueSpan] | None) -> Analysis:
    document = Document.from_text(text)
    summary = summarize_techniques(document.text, spans) if spans is not None else {}
    return Analysis(document=document, techniques=spans, summary=summary)


def sample() -> Analysis:
    t = ARTICLE
    return make_analysis(
        t,
        [
            span_of(t, "shameful [bold]betrayal[/bold]", "Loaded_Language", 0.82),
            span_of(t, "shameful", "Exaggeration,Minimisation", 0.5),
            span_of(t, "radicals on the council", "Name_Calling,Labeling", 0.7),
            span_of(t, "radicals on the council", "Loaded_Language", 0.4),
            span_of(t, "council voted again", "Doubt", 0.35),
            span_of(t, "Can we really trust them?", "Doubt", 0.77),
        ],
    )


def render_plain(analysis: Analysis | dict, width: int = 100) -> str:
    console = Console(record=True, width=width, file=_Sink())
    console.print(render_terminal(analysis))
    return console.export_text()


def render_ansi(analysis: Analysis, *, styles: bool = True) -> str:
    console = Console(
        record=True, width=100, file=_Sink(), force_terminal=True, color_system="truecolor"
    )
    console.print(render_terminal(analysis))
    return console.export_text(styles=styles)


class _Sink:
    """A file that drops what is written: the recording is what the tests read."""

    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass


def flat(text: str) -> str:
    return " ".join(text.split())


def test_returns_renderables_and_prints_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    group = render_terminal(sample())
    assert isinstance(group, Group)
    assert capsys.readouterr() == ("", "")


def test_article_text_is_shown_in_order() -> None:
    output = flat(render_plain(sample()))
    without_tags = re.sub("[⟦⟧¹²]", "", re.sub(" " + TAG.pattern, "", output))
    assert flat(ARTICLE) in without_tags


def test_each_span_is_tagged_right_after_it_ends() -> None:
    output = flat(render_ansi(sample(), styles=False))
    # Inner spans end "first": the shorter span's tag comes before the longer one's.
    assert "A shameful [Exaggeration 0.50] [bold]betrayal[/bold] [Loaded language 0.82]" in output
    assert "the council [Name-calling 0.70] [Loaded language 0.40] voted again [Doubt 0.35]" in (
        output
    )
    assert "trust them? [Doubt 0.77]" in output
    assert len(TAG.findall(output)) == 6
    assert "⟦" not in output  # colour shows where spans start


def test_without_colour_brackets_show_where_each_passage_starts_and_ends() -> None:
    output = flat(render_plain(sample(), width=300))
    # Nested passages nest their brackets; two techniques on one passage share a pair.
    assert (
        "A ⟦⟦shameful⟧ [Exaggeration 0.50] [bold]betrayal[/bold]⟧ [Loaded language 0.82] of"
        in output
    )
    # Passages that cross number their brackets, which would otherwise read as nested.
    assert (
        "The ⟦¹radicals on the ⟦²council¹⟧ [Name-calling 0.70] [Loaded language 0.40] "
        "voted again²⟧ [Doubt 0.35]." in output
    )
    assert "⟦Can we really trust them?⟧ [Doubt 0.77]" in output
    assert "⟦ and ⟧ mark where each span starts and ends" in output
    assert "⟦ and ⟧ mark" not in flat(render_ansi(sample(), styles=False))


def test_a_16_colour_terminal_gets_the_brackets_not_colours_it_cannot_tell_apart() -> None:
    # There eight of the 14 technique colours are one grey (UX review, session 23).
    for system, bracketed in (("standard", True), ("256", False), ("truecolor", False)):
        console = Console(
            record=True, width=300, file=_Sink(), force_terminal=True, color_system=system
        )
        console.print(render_terminal(sample()))
        output = flat(console.export_text())
        assert ("⟦Can we really trust them?⟧ [Doubt 0.77]" in output) is bracketed, system


def test_rich_markup_in_the_article_is_printed_literally() -> None:
    output = render_plain(sample())
    assert "[bold]betrayal[/bold]" in output
    assert "[red]Our town[/red]" in output
    assert "[bold]" in render_plain(make_analysis("[bold]Title[/bold]\n\nBody.", None))


def test_escape_sequences_in_the_article_never_reach_the_terminal() -> None:
    # Colours, a cleared screen, a disguised link (OSC 8), a NUL and a C1 CSI (U+009B),
    # in the title and in the text, beside a span whose offsets must stay right.
    text = (
        "Title \x1b[31mRED\x1b]8;;http://evil/\x07link\x1b]8;;\x07\n\n"
        "The shameful \x1b[2Jtraitors and \x00 and \x9b31m met.\n"
    )
    analysis = make_analysis(
        text, [span_of(text, "shameful \x1b[2Jtraitors", "Name_Calling,Labeling", 0.7)]
    )
    for output in (render_ansi(analysis), render_plain(analysis)):
        assert "\x1b[2J" not in output and "\x1b]8;;http://evil" not in output
        assert "\x00" not in output and "\x9b" not in output
    plain = flat(render_plain(analysis))
    assert "Title ␛[31mRED␛]8;;http://evil/␇link␛]8;;␇" in plain
    assert "⟦shameful ␛[2Jtraitors⟧ [Name-calling 0.70]" in plain  # same characters marked
    assert "␀ and \ufffd31m met." in plain


def test_a_direction_override_in_the_article_never_reaches_the_terminal() -> None:
    # U+202E reordered the rest of its line in a terminal that lays text out by
    # direction (review, session 39): "gnp.exe" read as "exe.png".
    text = "Title\n\nThe council lied. \u202egnp.exe and \u2066more\u2069 text\n"
    analysis = make_analysis(text, [span_of(text, "lied", "Loaded_Language", 0.7)])
    for output in (render_ansi(analysis), render_plain(analysis)):
        assert not any(
            c in output for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
        )
    assert "\ufffdgnp.exe and \ufffdmore\ufffd text" in flat(render_plain(analysis))


def highlighted_text(analysis: Analysis | dict, *, plain: bool = False) -> Text:
    """The article's text as a console with colour (or without: `plain`) shows it."""
    group = render_terminal(analysis)
    views = [r.plain if plain else r.coloured for r in group.renderables if isinstance(r, ByColour)]
    built = [v() if callable(v) else v for v in views]
    return next(v for v in built if isinstance(v, Text) and ("⚑" in v.plain or TAG.search(v.plain)))


def test_each_piece_takes_the_innermost_span_colour_and_overlap_is_underlined() -> None:
    text = highlighted_text(sample())
    console = Console()

    def style_at(word: str) -> tuple[str | None, bool]:
        style = text.get_style_at_offset(console, text.plain.index(word))
        colour = style.bgcolor.triplet.hex if style.bgcolor and style.bgcolor.triplet else None
        return colour, bool(style.underline)

    doubt = get_technique("Doubt").colour
    loaded = get_technique("Loaded_Language").colour
    assert style_at("voted") == (doubt, False)
    assert style_at("council [") == (doubt, True)  # inside three spans
    assert style_at("radicals") == (loaded, True)  # two techniques on one passage
    assert style_at("[Doubt 0.35]") == (doubt, False)
    assert style_at(" of the town") == (None, False)


def test_tags_of_spans_ending_together_put_the_inner_one_first() -> None:
    t = "Title\n\nThey said it loud and clear."
    spans = [
        span_of(t, "They said it loud and clear.", "Doubt", 0.4),
        span_of(t, "loud and clear.", "Slogans", 0.9),
    ]
    output = flat(render_ansi(make_analysis(t, spans), styles=False))
    assert "loud and clear. [Slogan 0.90] [Doubt 0.40]" in output
    plain = flat(render_plain(make_analysis(t, spans)))
    assert "⟦They said it ⟦loud and clear.⟧ [Slogan 0.90]⟧ [Doubt 0.40]" in plain


def test_spans_are_highlighted_in_their_technique_colour() -> None:
    output = render_ansi(sample())
    for name in ("Loaded_Language", "Name_Calling,Labeling", "Doubt", "Exaggeration,Minimisation"):
        colour = get_technique(name).colour.lstrip("#")
        red, green, blue = (int(colour[i : i + 2], 16) for i in (0, 2, 4))
        assert f"48;2;{red};{green};{blue}" in output, f"no background for {name}"


def test_legend_defines_the_techniques_present_only() -> None:
    output = flat(render_plain(sample(), width=300))
    present = {"Loaded_Language", "Exaggeration,Minimisation", "Name_Calling,Labeling", "Doubt"}
    for technique in TECHNIQUES:
        if technique.name in present:
            assert flat(technique.definition) in output
        else:
            assert technique.definition not in output


def test_the_legend_says_how_to_read_the_scores() -> None:
    from propscope.render.terminal import CALIBRATED_NOTE, RAW_NOTE

    analysis = sample()
    assert flat(RAW_NOTE) in flat(render_plain(analysis, width=300))  # no model info: raw
    analysis.model = {"components": {"techniques": {"name": "m", "scores": "calibrated"}}}
    output = flat(render_plain(analysis, width=300))
    assert flat(CALIBRATED_NOTE) in output and flat(RAW_NOTE) not in output
    analysis.model = {"components": {"techniques": {"name": "m", "scores": "raw"}}}
    assert flat(RAW_NOTE) in flat(render_plain(analysis, width=300))


def test_counts_table_lists_each_technique_with_its_count() -> None:
    output = render_plain(sample())
    rows = {
        line.split("│")[1].strip(): line.split("│")[2].strip()
        for line in output.splitlines()
        if line.count("│") == 3
    }
    assert rows == {"Loaded language": "2", "Doubt": "2", "Exaggeration": "1", "Name-calling": "1"}


def test_covered_share_and_span_count_are_shown() -> None:
    analysis = sample()
    share = analysis.summary["covered_share"]
    output = render_plain(analysis)
    assert f"{share:.1%} of the text is covered by 6 spans." in output


def test_empty_summary_is_recomputed_from_the_spans() -> None:
    analysis = sample()
    expected = analysis.summary["covered_share"]
    analysis.summary = {}
    assert f"{expected:.1%} of the text is covered by 6 spans." in render_plain(analysis)


def test_dict_and_analysis_render_the_same() -> None:
    analysis = sample()
    assert render_plain(analysis) == render_plain(analysis.to_dict())


def test_title_comes_first() -> None:
    output = render_plain(sample())
    assert output.splitlines()[0].strip() == "A shameful [bold]betrayal[/bold] of the town"


def test_a_view_among_several_starts_with_the_documents_id_shown_literally() -> None:
    # `analyze folder/` began each article with its title alone: which file was it?
    analysis = sample()
    analysis.document = Document.from_text(ARTICLE, id="[red]a\x1b[2J")
    console = Console(record=True, width=100, file=_Sink(), force_terminal=True)
    console.print(render_terminal(analysis, name_document=True))
    lines = console.export_text().splitlines()
    assert lines[0] == "Document [red]a␛[2J"
    assert lines[1].strip() == "A shameful [bold]betrayal[/bold] of the town"


def test_absent_techniques_layer_shows_plain_text_and_says_so() -> None:
    output = render_plain(make_analysis(ARTICLE, None))
    assert flat(ARTICLE) in flat(output)
    assert "The techniques layer was not computed." in output
    assert not TAG.search(output)
    assert "Techniques" not in output


def test_empty_techniques_layer_says_nothing_was_found() -> None:
    output = render_plain(make_analysis(ARTICLE, []))
    assert "No propaganda techniques found." in output
    assert flat(ARTICLE) in flat(output)


def test_offsets_outside_the_text_are_refused() -> None:
    data = make_analysis("Short text here.", []).to_dict()
    data["techniques"] = [{"start": 3, "end": 400, "technique": "Doubt", "score": 0.5}]
    with pytest.raises(ValueError, match=r"\[3, 400\)"):
        render_terminal(data)


# --- figures -------------------------------------------------------------------------------

FIGURES_ARTICLE = (
    "Figures disagree\n\n"
    "The number of fighters [bold]varies[/bold] between 1,200 and 12,000. "
    "They had 20 tanks and 15 armoured personnel carriers."
)


def with_figures(text: str = FIGURES_ARTICLE) -> Analysis:
    from propscope.components.figures import FigureFinder

    analysis = make_analysis(text, [])
    FigureFinder()([analysis.document], [analysis])
    return analysis


def test_figures_section_lists_conflicts_first_then_every_figure() -> None:
    output = render_plain(with_figures(), width=200)
    section = output[output.index("Figures\n") :]
    conflict = "⚑ 1,200 to 12,000 fighters: a tenfold spread — #1 “between 1,200 and 12,000”"
    assert conflict in section
    assert section.index(conflict) < section.index("armoured personnel carriers")
    rows = [
        [cell.strip() for cell in line.split("│")[1:-1]]
        for line in section.splitlines()
        if line.count("│") == 5
    ]
    assert rows == [
        ["1 ⚑", "between 1,200 and 12,000", "1,200–12,000", "fighters"],
        ["2", "20", "20", "tanks"],
        ["3", "15", "15", "armoured personnel carriers"],
    ]


def test_figures_that_disagree_are_marked_in_the_article_text() -> None:
    text = FIGURES_ARTICLE.replace("The number", "The traitors' number")
    analysis = make_analysis(text, [span_of(text, "traitors", "Name_Calling,Labeling", 0.6)])
    from propscope.components.figures import FigureFinder

    FigureFinder()([analysis.document], [analysis])
    output = render_plain(analysis, width=200)
    body = output[: output.index("Legend")]
    assert "between 1,200 and 12,000 [⚑ 10x spread]. They had 20 tanks" in flat(body)
    shown = highlighted_text(analysis)
    style = shown.get_style_at_offset(Console(), shown.plain.index("12,000"))
    assert style.bold and style.underline and style.color and style.color.name == "red"
    plain = shown.get_style_at_offset(Console(), shown.plain.index("20 tanks"))
    assert not plain.bold
    # Without the techniques layer the figures are still marked.
    data = analysis.to_dict()
    del data["techniques"]
    assert "12,000 [⚑ 10x spread]" in flat(render_plain(data, width=200))


def test_figure_qualifiers_show_as_signs_and_missing_counts_as_a_dash() -> None:
    output = render_plain(with_figures("Title\n\nAbout 500 came, and at least 7 died."), width=200)
    assert "≈ 500" in output and "≥ 7" in output
    assert "—" in output
    assert "No conflicting figures." in output


def test_figures_section_is_absent_without_the_layer_and_says_so_when_empty() -> None:
    assert "Figures" not in render_plain(sample())
    output = render_plain(with_figures("Title\n\nNo numbers here at all."))
    assert "Figures" in output
    assert "No figures found." in output


def test_figures_section_shows_markup_literally_and_renders_dict_and_analysis_alike() -> None:
    analysis = with_figures()
    data = analysis.to_dict()
    data["figure_conflicts"][0]["note"] = "[red]loud[/red] note"
    assert "[red]loud[/red] note" in render_plain(data, width=200)
    assert render_plain(analysis) == render_plain(analysis.to_dict())


def test_figure_conflicts_pointing_nowhere_are_refused() -> None:
    data = with_figures().to_dict()
    data["figure_conflicts"][0]["figures"] = [9]
    with pytest.raises(ValueError, match="only 3 figures"):
        render_terminal(data)


# --- claims and sources ----------------------------------------------------------------------

CLAIMS_ARTICLE = (
    "Who says [bold]what[/bold]\n\n"
    "The [red]Army[/red] said that 20 tanks were lost. "
    "The [red]Army[/red]'s statement added that the [i]town[/i] held. "
    "According to Western sources, 200 tanks were lost. "
    "There is confirmation that the bridge fell. "
    "I expect the town to fall. "
    "It will rain. It may snow. It could hail. It must end. It should stop. "
    "The fighting went on. The shelling went on."
)


def claim(
    source: str | None, cue: str | None, content: str, kind: str, *, nth: int = 0
) -> Attribution:
    t = CLAIMS_ARTICLE
    return Attribution(
        source=None if source is None else span_at(t, source, nth),
        cue=None if cue is None else span_at(t, cue),
        content=span_at(t, content),
        source_kind=kind,
    )


def with_claims(*, figures: bool = False) -> Analysis:
    analysis = make_analysis(CLAIMS_ARTICLE, [])
    if figures:
        from propscope.components.figures import FigureFinder

        FigureFinder()([analysis.document], [analysis])
    statements = [
        claim("The [red]Army[/red]", "said", "that 20 tanks were lost", "organisation"),
        # The same source named again, with a possessive: one group.
        claim("The [red]Army[/red]'s", "added", "that the [i]town[/i] held", "organisation"),
        claim("Western sources", "According to", "200 tanks were lost", "vague"),
        claim(None, "confirmation", "that the bridge fell", "vague"),
        claim("I", "expect", "the town to fall", "author"),
        *(
            claim(None, modal, f"It {modal} {verb}", "author")
            for modal, verb in (("will", "rain"), ("may", "snow"), ("could", "hail"))
        ),
        *(
            claim(None, modal, f"It {modal} {verb}", "author")
            for modal, verb in (("must", "end"), ("should", "stop"))
        ),
        claim(None, None, "The fighting went on", "unattributed"),
        claim(None, None, "The shelling went on", "unattributed"),
    ]
    AttributionFinder().set_annotations([analysis.document], [analysis], [statements])
    return analysis


def test_claims_are_grouped_by_source_then_the_author_then_the_unattributed() -> None:
    output = render_plain(with_claims(), width=200)
    section = output[output.index("Claims and sources") :]
    assert "4 attributed statements from 3 sources; 6 by the author; 2 unattributed." in section
    army = section.index("The [red]Army[/red] · organisation · 2 statements")
    assert "said: “that 20 tanks were lost”" in section
    assert "added: “that the [i]town[/i] held”" in section
    western = section.index("Western sources · vague · 1 statement")
    unnamed = section.index("No source named · vague · 1 statement")
    author = section.index("Author's own assertions and predictions (6)")
    unattributed = section.index("Unattributed assertions (2)")
    assert army < western < unnamed < author < unattributed
    author_part = section[author:unattributed]
    assert "I expect: “the town to fall”" in author_part
    assert "will: “It will rain”" in author_part
    assert "should" not in author_part and "… and 1 more." in author_part
    assert "“The fighting went on”" in section[unattributed:]


def test_claims_section_shows_markup_literally_and_renders_dict_and_analysis_alike() -> None:
    analysis = with_claims()
    output = render_plain(analysis, width=200)
    assert "[red]Army[/red]" in output and "[i]town[/i]" in output
    assert render_plain(analysis) == render_plain(analysis.to_dict())


def test_claims_section_is_absent_without_the_layer_and_says_so_when_empty() -> None:
    assert "Claims and sources" not in render_plain(sample())
    analysis = make_analysis(CLAIMS_ARTICLE, [])
    analysis.attributions = []
    output = render_plain(analysis)
    assert "Claims and sources" in output and "No statements found." in output


def test_unattributed_assertions_not_looked_for_are_not_called_none() -> None:
    analysis = with_claims()
    kept = [a for a in analysis.attributions or [] if a.source_kind != "unattributed"]
    analysis.attributions = kept
    del analysis.summary["unattributed"]
    output = render_plain(analysis, width=200)
    assert "Unattributed assertions (0)" in output
    assert "Not looked for in this run." in output


def test_figures_say_whose_statement_holds_them() -> None:
    output = render_plain(with_claims(figures=True), width=200)
    section = output[output.index("Figures\n") :]
    rows = [
        [cell.strip() for cell in line.split("│")[1:-1]]
        for line in section.splitlines()
        if line.count("│") == 6
    ]
    assert any("Said by" in line for line in section.splitlines() if "┃" in line)
    said_by = {row[1]: row[-1] for row in rows}
    assert said_by == {"20": "The [red]Army[/red] (organisation)", "200": "Western sources (vague)"}


def test_a_quotation_is_quoted_once_and_a_speakers_colon_is_no_cue() -> None:
    from propscope.analysis import AttributedSpan, Attribution
    from propscope.render._spans import cue_shown, unquoted

    assert unquoted("“We always keep it under review.”") == "We always keep it under review."
    assert unquoted('"It is over," he said') == '"It is over," he said'  # not one quotation
    assert unquoted("“A” and “B”") == "“A” and “B”"
    two = "‘We will fight,’ he said, ‘and we will win.’"  # two quotations, single marks
    assert unquoted(two) == two
    assert unquoted("‘It’s over.’") == "It’s over."  # an apostrophe is no quotation mark
    assert unquoted("plain words") == "plain words"
    text = "Advice\n\nFILE PHOTO: The minister in London. Raab: “We keep it under review.”"

    def at(passage: str, nth: int = 0) -> AttributedSpan:
        start = -1
        for _ in range(nth + 1):
            start = text.index(passage, start + 1)
        return AttributedSpan(start, start + len(passage), passage)

    quote = "“We keep it under review.”"
    statement = Attribution(at("Raab"), at(":", 1), at(quote), "person")
    assert cue_shown(statement) == ""
    analysis = Analysis(document=Document.from_text(text))
    analysis.attributions = [statement]
    shown = render_plain(analysis)
    assert "“We keep it under review.”" in shown
    assert "““" not in shown and "::" not in shown


@pytest.mark.parametrize(
    "source, name",
    [
        ("Borri, who works at the airport", "Borri"),
        ("resident Luis Borri, 31", "resident Luis Borri"),
        ("Luis Borri, 31, who works at the airport", "Luis Borri"),
        ("the NSW premier, Gladys Berejiklian", "the NSW premier, Gladys Berejiklian"),
        ("who", "who"),
    ],
)
def test_a_source_is_named_without_its_relative_clause_or_age(source: str, name: str) -> None:
    from propscope.render._spans import source_name

    assert source_name(source) == name


def test_a_lede_taken_for_the_title_is_shown_by_its_start_only() -> None:
    # A 53-word paragraph printed as the heading, then again as the text's first lines.
    lede = "The harbour closed after the storm, the council said on Monday, " * 5
    analysis = Analysis(document=Document.from_text(f"{lede.strip()}\n\nThe ferries stopped."))
    assert analysis.document.title is not None and len(analysis.document.title.split()) > 30
    output = render_plain(analysis, width=300)
    heading = output.splitlines()[0]
    assert heading.startswith("The harbour closed after the storm") and heading.endswith("…")
    assert len(heading) <= 100
    # The text below shows the whole lede, as before.
    assert " ".join(output.split()).count("said on Monday") == 5 + heading.count("said on Monday")
    page = render_html(analysis)
    assert f">{heading}</h2>" in page


def test_a_figure_in_no_statement_is_explained_under_the_table() -> None:
    # "—" and "unattributed" side by side in "Said by" read as two words for one thing.
    from dataclasses import replace

    analysis = with_claims(figures=True)
    assert "no statement found" not in render_plain(analysis, width=200)
    figures = analysis.figures or []
    analysis.figures = [replace(f, source=None) if f.text == "200" else f for f in figures]
    output = render_plain(analysis, width=200)
    assert "Said by “—”: no statement found holds the figure" in " ".join(output.split())


def test_a_passage_that_opens_with_its_own_quotation_mark_gets_no_more() -> None:
    # Check first showed "““We will not go,” said Ann Lee.”".
    text = "“We will not go,” said Ann Lee. The harbour closed."
    analysis = Analysis(document=Document.from_text(text))
    cut = text.index(" The")
    analysis.claims = [
        Claim(0, cut, 0.9, text[:cut]),
        Claim(cut + 1, len(text), 0.6, text[cut + 1 :]),
    ]
    output = " ".join(render_plain(analysis, width=200).split())
    assert "““" not in output and "“We will not go,” said Ann Lee." in output
    assert "“The harbour closed.”" in output  # the others in marks, as before
    page = render_html(analysis)
    assert '<q class="own">“We will not go,” said Ann Lee.</q>' in page
    assert "<q>The harbour closed.</q>" in page


def test_headline_evidence_that_opens_with_its_own_quotation_mark_gets_no_more() -> None:
    # The stance's evidence showed "““Innovative technologies, ...”" (review, session 38).
    from propscope.analysis import Headline

    text = "Harbour to close\n\n“We will not go,” said Ann Lee. The harbour closed."
    analysis = Analysis(document=Document.from_text(text))
    quote = text.index("“We")
    cut = text.index(" The harbour")
    analysis.headline = Headline(
        text="Harbour to close",
        stance="agree",
        stance_scores={"agree": 0.9, "disagree": 0.0, "discuss": 0.1, "unrelated": 0.0},
        evidence=(
            AttributedSpan(quote, cut, text[quote:cut]),
            AttributedSpan(cut + 1, len(text), text[cut + 1 :]),
        ),
    )
    output = " ".join(render_plain(analysis, width=200).split())
    assert "““" not in output and "“We will not go,” said Ann Lee." in output
    assert "“The harbour closed.”" in output
    page = render_html(analysis)
    assert '<li><q class="own">“We will not go,” said Ann Lee.</q></li>' in page
    assert "<li><q>The harbour closed.</q></li>" in page


def check_first_text(analysis: Analysis) -> str:
    """The plain view's Check first section on one line."""
    output = " ".join(render_plain(analysis, width=200).split())
    return output[output.index("Check first") :]


def shown_by_a_video(text: str) -> Attribution:
    return Attribution(
        source=span_at(text, "a video"),
        cue=span_at(text, "showed"),
        content=span_at(text, "a blinding flash"),
        source_kind="vague",
    )


def test_check_first_names_a_statement_inside_a_sentence_that_is_no_ones() -> None:
    # "... was captured on closed circuit video that showed a blinding flash ..." said
    # "no statement found" beside a statement the claims section listed (session 52).
    text = (
        "Strike\n\nThe exact moment the convoy was hit at the airport in Baghdad was captured "
        "on a video that showed a blinding flash. Nobody spoke."
    )
    analysis = make_analysis(text, [])
    t = analysis.document.text
    shown = shown_by_a_video(t)
    sentences = [span_at(t, "The exact moment"), span_at(t, "Nobody spoke.")]
    first = Claim(sentences[0].start, t.index("flash.") + len("flash."), 0.9)
    second = Claim(sentences[1].start, sentences[1].end, 0.2)
    analysis.attributions = [shown]
    analysis.claims = link_claims_to_attributions([first, second], [shown])
    assert analysis.claims[0].attribution is None  # too short to be the sentence's
    check_first = check_first_text(analysis)
    assert "blinding flash.” — in part a video (vague)" in check_first
    assert "“Nobody spoke.” — no statement found" in check_first


def test_check_first_says_in_part_only_for_a_content_of_three_words_or_more() -> None:
    # "It's one of the finest things that television has yet to offer us" said "in part
    # television (media)" for a content of one word, "us" (session 53's reviewer).
    text = (
        "TV\n\nIt is one of the finest things that television has yet to offer us, hands "
        "down. The show, which ran for six seasons on the network, was filmed on a video "
        "that showed a blinding flash."
    )
    analysis = make_analysis(text, [])
    t = analysis.document.text
    offered = Attribution(
        source=span_at(t, "television"),
        cue=span_at(t, "offer"),
        content=span_at(t, "us"),
        source_kind="media",
    )
    shown = shown_by_a_video(t)
    first = Claim(t.index("It is"), t.index("down.") + len("down."), 0.9)
    second = Claim(t.index("The show"), t.index("flash.") + len("flash."), 0.8)
    analysis.attributions = [offered, shown]
    analysis.claims = link_claims_to_attributions([first, second], [offered, shown])
    assert [c.attribution for c in analysis.claims] == [None, None]
    check_first = check_first_text(analysis)
    assert "hands down.” — no statement found" in check_first
    assert "in part television" not in check_first
    assert "blinding flash.” — in part a video (vague)" in check_first
