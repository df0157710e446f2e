"""The HTML report: escaping, span marks, accessibility hooks and offline safety."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import random
import re
from dataclasses import dataclass
from html.parser import HTMLParser

import pytest

from propscope.analysis import (
    Analysis,
    AttributedSpan,
    Attribution,
    TechniqueSpan,
    summarize_techniques,
)
from propscope.document import Document
from propscope.errors import UnknownTechniqueError
from propscope.render.html import render_html
from propscope.techniques import TECHNIQUE_NAMES, TECHNIQUES, get_technique

VOID_TAGS = {"meta", "br", "img", "link", "input", "hr", "wbr", "source", "area", "base", "col"}

ARTICLE = (
    "A shameful betrayal of the town\n\n"
    "The radicals on the council voted again.\n"
    "Our town, our future. Our town, our future.\n\n"
    "Can we really trust them?"
)


def span_of(text: str, passage: str, technique: str, score: float, nth: int = 0) -> TechniqueSpan:
    start = -1
    for _ in range(nth + 1):
        start = text.index(passage, start + 1)
    return TechniqueSpan(start, start + len(passage), technique, score, passage)


def make_analysis(text: str, spans: list[TechniqueSpan] | None, **doc: str) -> Analysis:
    document = Document.from_text(text, **doc)
    summary = summarize_techniques(document.text, spans) if spans is not None else {}
    return Analysis(document=document, techniques=spans, summary=summary)


def overlapping_analysis() -> Analysis:
    """Nested, crossing and same-offset spans all at once."""
    t = ARTICLE
    return make_analysis(
        t,
        [
            span_of(t, "shameful betrayal", "Loaded_Language", 0.82),
            span_of(t, "shameful", "Exaggeration,Minimisation", 0.5),
            span_of(t, "radicals on the council", "Name_Calling,Labeling", 0.7),
            span_of(t, "radicals on the council", "Loaded_Language", 0.4),
            span_of(t, "the council", "Flag-Waving", 0.3),
            span_of(t, "council voted again", "Doubt", 0.35),  # crosses the three above
            span_of(t, "Our town, our future. Our town, our future.", "Repetition", 0.9),
            span_of(t, "Our town, our future.", "Slogans", 0.61, nth=1),
            span_of(t, "Can we really trust them?", "Doubt", 0.77),
        ],
    )


@dataclass
class Mark:
    attrs: dict[str, str]
    text: str = ""
    tip: str = ""


@dataclass
class Open:
    tag: str
    attrs: dict[str, str]
    mark: Mark | None = None


class Page(HTMLParser):
    """Parses a report, checking tag balance and collecting what the tests look at."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[Open] = []
        self.tags: list[str] = []
        self.ids: list[str] = []
        self.all_attrs: list[tuple[str, str, str]] = []
        self.visible_text: list[str] = []
        self.marks: list[Mark] = []
        self.buttons: list[dict[str, str]] = []
        self.scripts: list[tuple[dict[str, str], str]] = []
        self.tip_texts: dict[str, str] = {}
        self._data: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        self.tags.append(tag)
        self.all_attrs += [(tag, name, value) for name, value in attributes.items()]
        if "id" in attributes:
            self.ids.append(attributes["id"])
        mark = Mark(attributes) if tag == "mark" else None
        if tag == "button":
            self.buttons.append(attributes)
        if mark is not None:
            self.marks.append(mark)
        if tag not in VOID_TAGS:
            self.stack.append(Open(tag, attributes, mark))
            self._data = []

    def handle_endtag(self, tag: str) -> None:
        assert self.stack, f"</{tag}> closes nothing"
        top = self.stack.pop()
        assert top.tag == tag, f"</{tag}> closes <{top.tag}>"
        if tag == "script":
            self.scripts.append((top.attrs, "".join(self._data)))

    def handle_data(self, data: str) -> None:
        self._data.append(data)
        tips = [o.attrs for o in self.stack if o.attrs.get("class") == "tip"]
        if tips and "id" in tips[-1]:
            tip_id = tips[-1]["id"]
            self.tip_texts[tip_id] = self.tip_texts.get(tip_id, "") + data
        if not any(o.attrs.get("class") == "text" for o in self.stack):
            return
        marks = [o.mark for o in self.stack if o.mark is not None]
        if tips:
            marks[-1].tip += data
            return
        self.visible_text.append(data)
        for mark in marks:
            mark.text += data


def parse(page: str) -> Page:
    parser = Page()
    parser.feed(page)
    parser.close()
    assert not parser.stack, f"unclosed tags: {[tag for tag, _ in parser.stack]}"
    return parser


def mark_text_by_span(parsed: Page) -> dict[int, str]:
    texts: dict[int, str] = {}
    for mark in parsed.marks:
        index = int(mark.attrs["data-span"])
        texts[index] = texts.get(index, "") + mark.text
    return texts


# --- spans -----------------------------------------------------------------------------


def test_every_span_is_marked_in_its_technique_colour() -> None:
    analysis = overlapping_analysis()
    parsed = parse(render_html(analysis))
    assert analysis.techniques is not None
    texts = mark_text_by_span(parsed)
    assert set(texts) == set(range(len(analysis.techniques)))
    for index, span in enumerate(analysis.techniques):
        assert texts[index] == analysis.document.text[span.start : span.end]
        colour = get_technique(span.technique).colour
        fragments = [m for m in parsed.marks if m.attrs["data-span"] == str(index)]
        for mark in fragments:
            assert mark.attrs["data-technique"] == span.technique
            assert f"background-color:{colour}" in mark.attrs["style"]


def test_visible_text_is_exactly_the_document_text() -> None:
    analysis = overlapping_analysis()
    parsed = parse(render_html(analysis))
    assert "".join(parsed.visible_text) == analysis.document.text


def test_crossing_spans_are_split_and_each_span_is_one_tab_stop() -> None:
    analysis = overlapping_analysis()
    parsed = parse(render_html(analysis))
    doubt = [m for m in parsed.marks if m.attrs["data-span"] == "5"]
    assert len(doubt) == 2, "a span crossing others must be cut into fragments"
    for index in range(len(analysis.techniques or [])):
        stops = [m.attrs["tabindex"] for m in parsed.marks if m.attrs["data-span"] == str(index)]
        assert stops[0] == "0"
        assert all(stop == "-1" for stop in stops[1:])


def test_nested_and_same_offset_spans_nest_their_marks() -> None:
    page = render_html(overlapping_analysis())
    # Two techniques on one passage: one mark directly inside the other.
    assert re.search(
        r'data-technique="Name_Calling,Labeling"[^>]*>(<span class="tip".*?</span></span>)'
        r'<mark [^>]*data-technique="Loaded_Language"',
        page,
    )
    parse(page)  # tag balance is asserted while parsing


def test_contained_spans_never_split_their_container() -> None:
    t = ARTICLE
    # Listed inner first, starting at the same offset: the renderer must still put
    # the longer span outside rather than cut it.
    spans = [
        span_of(t, "shameful", "Exaggeration,Minimisation", 0.5),
        span_of(t, "shameful betrayal", "Loaded_Language", 0.82),
        span_of(t, "shameful betrayal of the town", "Flag-Waving", 0.3),
    ]
    parsed = parse(render_html(make_analysis(t, spans)))
    assert [m.attrs["data-span"] for m in parsed.marks] == ["2", "1", "0"]
    assert [m.text for m in parsed.marks] == [s.text for s in reversed(spans)]


@pytest.mark.parametrize("seed", range(5))
def test_random_overlapping_spans_each_render_exactly(seed: int) -> None:
    rng = random.Random(seed)
    text = ARTICLE * 3
    spans = []
    for _ in range(40):
        start = rng.randrange(len(text) - 1)
        end = rng.randrange(start + 1, min(len(text), start + 60) + 1)
        spans.append(TechniqueSpan(start, end, rng.choice(TECHNIQUE_NAMES), rng.random()))
    analysis = make_analysis(text, spans)
    parsed = parse(render_html(analysis))
    assert "".join(parsed.visible_text) == text
    texts = mark_text_by_span(parsed)
    assert [texts[i] for i in range(len(spans))] == [text[s.start : s.end] for s in spans]


def test_line_and_paragraph_breaks_are_kept() -> None:
    page = render_html(overlapping_analysis())
    assert "white-space: pre-wrap" in page
    parsed = parse(page)
    assert "\n\n" in "".join(parsed.visible_text)


def test_offsets_outside_the_text_are_refused() -> None:
    data = make_analysis("Short text here.", []).to_dict()
    data["techniques"] = [{"start": 3, "end": 400, "technique": "Doubt", "score": 0.5}]
    with pytest.raises(ValueError, match=r"\[3, 400\)"):
        render_html(data)


def test_unknown_technique_in_dict_is_refused() -> None:
    data = make_analysis("Short text here.", []).to_dict()
    data["techniques"] = [{"start": 0, "end": 5, "technique": "Nope", "score": 0.5}]
    with pytest.raises(UnknownTechniqueError):
        render_html(data)


# --- tooltips and accessibility --------------------------------------------------------


def test_marks_are_focusable_and_described_by_their_tooltip() -> None:
    analysis = overlapping_analysis()
    parsed = parse(render_html(analysis))
    assert parsed.marks
    spans = analysis.techniques or []
    for mark in parsed.marks:
        assert mark.attrs["tabindex"] in {"0", "-1"}
        span = spans[int(mark.attrs["data-span"])]
        technique = get_technique(span.technique)
        tip = parsed.tip_texts[mark.attrs["aria-describedby"]]
        assert technique.label in tip
        assert technique.definition in tip
        assert f"{round(span.score * 100)}% confidence" in tip
        assert mark.attrs["aria-label"].startswith(technique.label)
        assert technique.label in mark.tip, "hovering any fragment shows the tooltip"


def test_ids_are_unique_across_several_analyses() -> None:
    analysis = overlapping_analysis()
    parsed = parse(render_html([analysis, analysis]))
    assert len(parsed.ids) == len(set(parsed.ids))
    assert {"article-0", "article-1", "analysis-0", "analysis-1"} <= set(parsed.ids)


def test_tooltips_show_on_hover_and_keyboard_focus_without_javascript() -> None:
    page = render_html(overlapping_analysis())
    css = page[page.index("<style>") : page.index("</style>")]
    assert re.search(r"mark\.span:hover > \.tip", css)
    assert re.search(r"mark\.span:focus > \.tip", css)
    assert ".tip { display: none" in css


def test_page_is_readable_on_a_phone() -> None:
    page = render_html(overlapping_analysis())
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert "max-width: 48rem" in page
    assert page.startswith("<!DOCTYPE html>")


# --- legend, chart, summary ------------------------------------------------------------


def test_legend_defines_present_techniques_only() -> None:
    analysis = overlapping_analysis()
    page = render_html(analysis)
    present = {s.technique for s in analysis.techniques or []}
    for technique in TECHNIQUES:
        if technique.name in present:
            assert technique.definition in page
            assert technique.example in page
        else:
            assert technique.definition not in page


def test_chart_has_one_coloured_bar_per_technique_with_counts() -> None:
    analysis = overlapping_analysis()
    page = render_html(analysis)
    svg = page[page.index("<svg") : page.index("</svg>")]
    counts = analysis.summary["techniques"]
    assert svg.count("<rect") == len(counts)
    assert '<title id="a0-chart-title">' in svg
    for name, count in counts.items():
        technique = get_technique(name)
        assert f'fill="{technique.colour}"' in svg
        noun = "span" if count == 1 else "spans"
        assert f"<title>{technique.label}: {count} {noun}</title>" in svg
    assert ">2</text>" in svg  # Doubt and Loaded language appear twice


def test_covered_share_and_span_count_are_shown() -> None:
    analysis = overlapping_analysis()
    page = render_html(analysis)
    share = analysis.summary["covered_share"]
    assert (
        f"<strong>{share:.1%}</strong> of the text is covered by <strong>9</strong> spans" in page
    )


def test_empty_summary_is_recomputed_from_the_spans() -> None:
    analysis = overlapping_analysis()
    analysis.summary = {}
    page = render_html(analysis)
    assert "<strong>9</strong> spans" in page
    assert "<svg" in page


def test_rendering_an_analysis_and_its_dict_gives_the_same_page() -> None:
    analysis = overlapping_analysis()
    assert render_html(analysis) == render_html(analysis.to_dict())
    assert render_html(analysis) == render_html([analysis])


# --- missing or empty layer ------------------------------------------------------------


def test_absent_techniques_layer_shows_plain_text_and_says_so() -> None:
    analysis = make_analysis(ARTICLE, None)
    page = render_html(analysis)
    parsed = parse(page)
    assert parsed.marks == []
    assert "".join(parsed.visible_text) == analysis.document.text
    assert "techniques layer was not computed" in page
    assert "<svg" not in page


def test_empty_techniques_layer_says_nothing_was_found() -> None:
    page = render_html(make_analysis(ARTICLE, []))
    assert "No propaganda techniques found." in page
    assert "<strong>0</strong> spans" in page
    assert "<mark" not in page


def test_no_analyses_still_gives_a_page() -> None:
    page = render_html([])
    parse(page)
    assert "No analyses to show." in page


# --- escaping and offline safety -------------------------------------------------------

HOSTILE = (
    "Breaking <script>alert(1)</script> news\n\n"
    'Look <img src=x onerror=alert(1)> here. A "quoted" & <b>bold</b> claim.\n'
    "Then </script><script>alert(2)</script> and <!-- a comment -->."
)


def hostile_analysis() -> Analysis:
    t = HOSTILE
    spans = [
        span_of(t, "<script>alert(1)</script>", "Loaded_Language", 0.9),
        span_of(t, "<img src=x onerror=alert(1)>", "Doubt", 0.6),
        span_of(t, "</script><script>alert(2)</script>", "Slogans", 0.5),
    ]
    analysis = make_analysis(t, spans, source="<i>Daily</i>", url="javascript:alert(3)")
    analysis.notes = ["<script>alert(4)</script>"]
    return analysis


def test_article_markup_is_escaped_everywhere() -> None:
    page = render_html(hostile_analysis(), title="<b>report</b>")
    for raw in ("<script>alert", "<img", "<b>bold", "<i>Daily", "<b>report", "<!-- a comment"):
        assert raw not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "&lt;i&gt;Daily&lt;/i&gt;" in page
    parsed = parse(page)
    assert "img" not in parsed.tags and "b" not in parsed.tags and "i" not in parsed.tags
    assert not [name for _, name, _ in parsed.all_attrs if name.startswith("on")]


def test_only_our_own_scripts_are_on_the_page() -> None:
    analyses = [hostile_analysis(), hostile_analysis()]
    page = render_html(analyses)
    parsed = parse(page)
    executable = [body for attrs, body in parsed.scripts if "type" not in attrs]
    data = [attrs for attrs, _ in parsed.scripts if attrs.get("type") == "application/json"]
    assert len(executable) == 1
    assert len(data) == 2
    assert len(parsed.scripts) == 3
    assert page.count("<script") == 3
    assert page.count("</script>") == 3


def test_script_end_tag_in_text_cannot_break_out_of_the_json_twin() -> None:
    analysis = hostile_analysis()
    parsed = parse(render_html(analysis))
    twin = next(body for attrs, body in parsed.scripts if attrs.get("id") == "analysis-0")
    assert "<" not in twin and ">" not in twin and "&" not in twin
    assert json.loads(twin) == analysis.to_dict()


def test_content_security_policy_allows_only_our_script() -> None:
    page = render_html(hostile_analysis())
    parsed = parse(page)
    policy = next(
        v
        for tag, name, v in parsed.all_attrs
        if tag == "meta" and name == "content" and "default-src" in v
    )
    script = next(body for attrs, body in parsed.scripts if "type" not in attrs)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["script-src"] == f"'sha256-{digest}'"
    assert directives["default-src"] == "'none'"


def test_page_loads_nothing_from_outside() -> None:
    page = render_html([overlapping_analysis(), hostile_analysis()])
    parsed = parse(page)
    for tag, name, value in parsed.all_attrs:
        if name in {"src", "href", "xlink:href", "action", "srcset", "poster"}:
            assert value.startswith("#"), f"<{tag} {name}={value!r}> leaves the page"
    assert "link" not in parsed.tags and "iframe" not in parsed.tags
    assert "http://" not in page and "https://" not in page
    assert "url(" not in page and "@import" not in page


# --- figures ---------------------------------------------------------------------------


def with_figures(text: str) -> Analysis:
    from propscope.components.figures import FigureFinder

    analysis = make_analysis(text, [span_of(text, "traitors", "Name_Calling,Labeling", 0.8)])
    FigureFinder()([analysis.document], [analysis])
    return analysis


FIGURES_ARTICLE = (
    "Figures disagree\n\n"
    "The traitors number between 1,200 and 12,000 fighters. "
    "They had about 20 tanks <b>and</b> 15 armoured personnel carriers."
)


def test_figures_panel_lists_conflicts_then_every_figure() -> None:
    analysis = with_figures(FIGURES_ARTICLE)
    page = render_html(analysis)
    parsed = parse(page)
    assert "".join(parsed.visible_text) == analysis.document.text
    assert [m.attrs["data-span"] for m in parsed.marks] == ["0"]  # figures add no marks
    panel = page[page.index('<h3 id="a0-figures">') :]
    conflict = panel.index("1,200 to 12,000 fighters: a tenfold spread")
    assert conflict < panel.index('<table class="figures"')
    assert "<q>between 1,200 and 12,000</q>" in panel
    assert '<tr class="flagged"><td class="num">1 <span class="flag"' in panel
    assert '<td>about 20</td><td class="num">≈ 20</td><td>tanks</td>' in panel
    assert "<td>armoured personnel carriers</td>" in panel
    # The figures that disagree are marked in the text by the script, from their offsets
    # (the text block gets no markup for them).
    text = analysis.document.text
    start = text.index("between 1,200")
    block = f'<div class="text" id="a0-text" data-figures="{start},{start + 24}">'
    assert block in page and text[start : start + 24] == "between 1,200 and 12,000"
    assert "these figures have a double red underline" in panel
    assert "data-figures=" not in render_html(
        with_figures("Title\n\nThe traitors had about 20 tanks.")
    )


def test_figures_panel_is_absent_without_the_layer_and_says_so_when_empty() -> None:
    assert "Figures in this article" not in render_html(overlapping_analysis())
    page = render_html(with_figures("Title\n\nThe traitors left. No numbers here."))
    assert "Figures in this article" in page
    assert "No figures found." in page
    parse(page)


def test_figures_panel_escapes_everything_from_the_article() -> None:
    data = with_figures(FIGURES_ARTICLE).to_dict()
    data["figures"][1]["counts"] = "<script>alert(1)</script>"
    data["figure_conflicts"][0]["note"] = '<img src=x onerror="alert(2)">'
    page = render_html(data)
    assert "<script>alert" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=&quot;alert(2)&quot;&gt;" in page
    parsed = parse(page)
    assert "img" not in parsed.tags
    assert not [name for _, name, _ in parsed.all_attrs if name.startswith("on")]


def test_figure_offsets_outside_the_text_are_refused() -> None:
    data = with_figures(FIGURES_ARTICLE).to_dict()
    data["figures"][0]["end"] = 5000
    with pytest.raises(ValueError, match="different text"):
        render_html(data)


# --- sources ---------------------------------------------------------------------------

SOURCES_ARTICLE = (
    "Who says <b>what</b>\n\n"
    "The <script>alert(1)</script> ministry said that 20 tanks were lost. "
    "According to Western sources, “200 tanks <img src=x onerror=alert(2)> were lost”. "
    "I expect the town to fall. The fighting went on."
)


def claim(text: str, source: str | None, cue: str | None, content: str, kind: str) -> Attribution:
    def at(passage: str) -> AttributedSpan:
        start = text.index(passage)
        return AttributedSpan(start, start + len(passage), passage)

    return Attribution(
        None if source is None else at(source), None if cue is None else at(cue), at(content), kind
    )


def with_sources(text: str = SOURCES_ARTICLE) -> Analysis:
    from propscope.components.attribution import AttributionFinder
    from propscope.components.figures import FigureFinder

    t = text
    analysis = make_analysis(
        t,
        [
            span_of(t, "ministry said that 20", "Loaded_Language", 0.8),
            span_of(t, "tanks were lost", "Doubt", 0.5),
        ],
    )
    FigureFinder()([analysis.document], [analysis])
    statements = [
        claim(
            t,
            "The <script>alert(1)</script> ministry",
            "said",
            "that 20 tanks were lost",
            "organisation",
        ),
        claim(
            t,
            "Western sources",
            "According to",
            "“200 tanks <img src=x onerror=alert(2)> were lost”",
            "vague",
        ),
        claim(t, "I", "expect", "the town to fall", "author"),
        claim(t, None, None, "The fighting went on", "unattributed"),
    ]
    AttributionFinder().set_annotations([analysis.document], [analysis], [statements])
    return analysis


def test_sources_panel_lists_each_source_as_a_button_with_its_kind() -> None:
    analysis = with_sources()
    page = render_html(analysis)
    parsed = parse(page)
    buttons = parsed.buttons
    assert [b["id"] for b in buttons] == [f"a0-source-{k}" for k in range(4)]
    for button in buttons:
        assert button["type"] == "button" and button["class"] == "source"
        assert button["aria-pressed"] == "false"
        assert button["data-text"] == "a0-text" and "a0-text" in parsed.ids
        assert button["data-status"] == "a0-source-status" and "a0-source-status" in parsed.ids
    panel = page[page.index('<h3 id="a0-sources">') :]
    for kind in ("organisation", "vague", "author", "unattributed"):
        assert f'<span class="kind kind-{kind}">{kind}</span>' in panel
    assert buttons[0]["data-said"] == (
        "1 statement by The <script>alert(1)</script> ministry (organisation)"
    )
    assert buttons[2]["data-said"] == "1 statement by the author"
    assert buttons[3]["data-said"] == "1 unattributed statement"
    # Without script, every statement is listed under its source.
    assert "<q>that 20 tanks were lost</q>" in panel
    assert '<span class="cue">I expect</span>: <q>the town to fall</q>' in panel


def test_source_buttons_carry_the_offsets_of_contents_and_source_names() -> None:
    analysis = with_sources()
    text = analysis.document.text
    buttons = parse(render_html(analysis)).buttons
    statements = analysis.attributions or []
    for button, item in zip(buttons, statements, strict=True):
        [(start, end)] = [
            tuple(map(int, pair.split(","))) for pair in button["data-contents"].split(";")
        ]
        assert text[start:end] == item.content.text
        if item.source is None:
            assert button["data-names"] == ""
        else:
            start, end = map(int, button["data-names"].split(","))
            assert text[start:end] == item.source.text


def test_offsets_count_utf16_units_as_the_browser_does() -> None:
    text = "Emoji 😀 title\n\nThe 🚀 agency said that the launch 🚀 failed."
    from propscope.components.attribution import AttributionFinder

    analysis = make_analysis(text, [])
    statement = claim(text, "The 🚀 agency", "said", "that the launch 🚀 failed", "organisation")
    AttributionFinder().set_annotations([analysis.document], [analysis], [[statement]])
    [button] = parse(render_html(analysis)).buttons
    units = text.encode("utf-16-le")
    start, end = map(int, button["data-contents"].split(","))
    assert units[2 * start : 2 * end].decode("utf-16-le") == "that the launch 🚀 failed"
    start, end = map(int, button["data-names"].split(","))
    assert units[2 * start : 2 * end].decode("utf-16-le") == "The 🚀 agency"


def test_sources_panel_keeps_the_text_block_to_technique_marks() -> None:
    analysis = with_sources()
    parsed = parse(render_html(analysis))  # tag balance is asserted while parsing
    assert "".join(parsed.visible_text) == analysis.document.text
    texts = mark_text_by_span(parsed)
    assert set(texts) == {0, 1}
    for index, span in enumerate(analysis.techniques or []):
        assert texts[index] == span.text


def test_sources_panel_escapes_everything_from_the_article() -> None:
    page = render_html(with_sources())
    for raw in ("<script>alert", "<img", "<b>what"):
        assert raw not in page
    panel = page[page.index('<h3 id="a0-sources">') :]
    assert '<span class="name">The &lt;script&gt;alert(1)&lt;/script&gt; ministry</span>' in panel
    assert "<q>“200 tanks &lt;img src=x onerror=alert(2)&gt; were lost”</q>" in panel
    parsed = parse(page)
    assert "img" not in parsed.tags and "b" not in parsed.tags
    assert not [name for _, name, _ in parsed.all_attrs if name.startswith("on")]
    executable = [body for attrs, body in parsed.scripts if "type" not in attrs]
    assert len(executable) == 1


def test_the_script_highlights_with_ranges_and_its_hash_is_in_the_policy() -> None:
    page = render_html(with_sources())
    parsed = parse(page)
    script = next(body for attrs, body in parsed.scripts if "type" not in attrs)
    assert "CSS.highlights" in script and "new Highlight()" in script
    assert "::highlight(ps-content)" in page and "::highlight(ps-source)" in page
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in page


def test_sources_panel_is_absent_without_the_layer_and_says_so_when_empty() -> None:
    assert 'id="a0-sources"' not in render_html(overlapping_analysis())
    assert "Under Sources" not in render_html(overlapping_analysis())
    analysis = make_analysis(ARTICLE, [])
    analysis.attributions = []
    page = render_html(analysis)
    assert 'id="a0-sources"' in page and "No statements found." in page
    parse(page)


def test_figures_table_says_whose_statement_holds_each_figure() -> None:
    page = render_html(with_sources())
    table = page[page.index('<table class="figures"') :]
    assert '<th scope="col">Said by</th>' in table
    assert (
        "<td>The &lt;script&gt;alert(1)&lt;/script&gt; ministry "
        '<span class="kind kind-organisation">organisation</span></td>'
    ) in table
    assert '<span class="kind kind-vague">vague</span></td>' in table
    assert '<th scope="col">Said by</th>' not in render_html(with_figures(FIGURES_ARTICLE))


def test_source_ids_are_unique_across_several_analyses() -> None:
    parsed = parse(render_html([with_sources(), with_sources()]))
    assert len(parsed.ids) == len(set(parsed.ids))
    assert {"a0-source-0", "a1-source-0", "a0-text", "a1-text"} <= set(parsed.ids)


# --- minimum confidence ----------------------------------------------------------------

CALIBRATED = {"name": "propscope", "components": {"techniques": {"scores": "calibrated"}}}
RAW = {"name": "propscope", "components": {"techniques": {"scores": "raw"}}}
SAYS_CALIBRATED = (
    "Scores are calibrated: of the spans scored 30%, about 30% were right when the model "
    "was cross-validated."
)
SAYS_RAW = "These scores are the model's raw probabilities, not calibrated: read them as a ranking."


def confidence_box(page: str, n: int = 0) -> str:
    start = page.index('<div class="confidence">', page.index(f'id="article-{n}"'))
    return page[start : page.index(f'<div class="text" id="a{n}-text"')]


def note_of(page: str, n: int = 0) -> str:
    box = confidence_box(page, n)
    found = re.search(rf'<p class="note" id="a{n}-min-score-note">(.*?)</p>', box)
    assert found, box
    return html.unescape(found.group(1))


def test_the_minimum_confidence_slider_is_labelled_and_waits_for_the_script() -> None:
    page = render_html(overlapping_analysis())
    box = confidence_box(page)
    assert (
        '<label for="a0-min-score">Show techniques at least this likely to be right</label>' in box
    )
    slider = re.search(r"<input [^>]*>", box)
    assert slider
    for attribute in (
        'type="range"',
        'class="min-score"',
        'id="a0-min-score"',
        'min="0"',
        'max="100"',
        'step="5"',
        'value="0"',
        'aria-controls="a0-text"',
        'aria-describedby="a0-min-score-note"',
        'data-text="a0-text"',
    ):
        assert attribute in slider.group(), attribute
    assert '<output id="a0-min-score-value" for="a0-min-score">0%</output>' in box
    assert '<p class="note" id="a0-min-score-status" role="status"></p>' in box
    # Without script the slider is not shown, and no mark starts filtered out.
    assert '<div id="a0-min-score-control" hidden>' in box
    parsed = parse(page)
    assert not [m for m in parsed.marks if "off" in m.attrs["class"].split()]
    # It sits above the text it controls, and the one script drives it.
    assert page.index('id="a0-min-score"') < page.index('id="a0-text"')
    script = next(body for attrs, body in parsed.scripts if "type" not in attrs)
    assert 'querySelectorAll("input.min-score")' in script and "data-score" in script


@pytest.mark.parametrize(
    ("model", "says"),
    [
        (CALIBRATED, SAYS_CALIBRATED),
        (RAW, SAYS_RAW),
        ({}, SAYS_RAW),  # an analysis that does not say is read as raw
        ({"components": {"techniques": {}}}, SAYS_RAW),
        ({"components": None}, SAYS_RAW),
        ({"components": {"techniques": "calibrated"}}, SAYS_RAW),
        ({"components": {"techniques": {"scores": "<b>calibrated</b>"}}}, SAYS_RAW),
    ],
)
def test_the_sentence_under_the_slider_follows_the_model_info(
    model: dict[str, object], says: str
) -> None:
    analysis = overlapping_analysis()
    analysis.model = model
    page = render_html(analysis)
    assert note_of(page) == says
    other = SAYS_RAW if says == SAYS_CALIBRATED else SAYS_CALIBRATED
    assert html.escape(other) not in page
    assert "<b>calibrated" not in page


def test_each_analysis_in_a_report_gets_its_own_slider_and_sentence() -> None:
    calibrated, raw = overlapping_analysis(), overlapping_analysis()
    calibrated.model = CALIBRATED
    raw.model = RAW
    page = render_html([calibrated, raw])
    assert note_of(page, 0) == SAYS_CALIBRATED
    assert note_of(page, 1) == SAYS_RAW
    assert 'data-text="a1-text"' in confidence_box(page, 1)
    parsed = parse(page)
    assert len(parsed.ids) == len(set(parsed.ids))
    assert {"a0-min-score", "a1-min-score", "a1-min-score-status"} <= set(parsed.ids)


def test_no_slider_without_spans_to_filter() -> None:
    for analysis in (make_analysis(ARTICLE, []), make_analysis(ARTICLE, None)):
        analysis.model = CALIBRATED
        page = render_html(analysis)
        assert 'class="confidence"' not in page and "min-score" not in page.split("<script>")[0]
        assert SAYS_CALIBRATED not in page


def test_every_mark_carries_its_span_score() -> None:
    analysis = overlapping_analysis()
    parsed = parse(render_html(analysis))
    spans = analysis.techniques or []
    assert parsed.marks
    for mark in parsed.marks:
        span = spans[int(mark.attrs["data-span"])]
        assert float(mark.attrs["data-score"]) == pytest.approx(span.score, abs=5e-5)
    # Every fragment of a crossing span carries the score, not only the first.
    doubt = [m.attrs["data-score"] for m in parsed.marks if m.attrs["data-span"] == "5"]
    assert doubt == ["0.3500", "0.3500"]


def test_the_slider_and_its_sentence_leave_article_markup_escaped() -> None:
    analysis = hostile_analysis()
    analysis.model = CALIBRATED
    page = render_html(analysis, title="<b>report</b>")
    for raw in ("<script>alert", "<img", "<b>bold", "<b>report", "<!-- a comment"):
        assert raw not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert note_of(page) == SAYS_CALIBRATED
    parsed = parse(page)
    assert "".join(parsed.visible_text) == analysis.document.text
    assert "img" not in parsed.tags and "b" not in parsed.tags
    assert len([body for attrs, body in parsed.scripts if "type" not in attrs]) == 1


# --- technique toggles in the legend ---------------------------------------------------


def legend_entries(page: str, n: int) -> list[str]:
    """The techniques of article `n`'s legend entries, in order."""
    start = page.index(f'<dl class="legend" id="a{n}-legend-list"')
    legend = page[start : page.index("</dl>", start)]
    return [html.unescape(name) for name in re.findall(r'<div data-technique="([^"]*)">', legend)]


def test_the_legend_gives_the_script_hooks_for_technique_toggles() -> None:
    analysis = overlapping_analysis()
    page = render_html([analysis, overlapping_analysis()])
    present = {s.technique for s in analysis.techniques or []}
    in_order = [name for name in TECHNIQUE_NAMES if name in present]
    for n in (0, 1):
        # Each article's slider names its own legend, whose entries name their techniques
        # as the marks do.
        assert f'data-legend="a{n}-legend-list"' in confidence_box(page, n)
        assert legend_entries(page, n) == in_order
    parsed = parse(page)
    assert {m.attrs["data-technique"] for m in parsed.marks} == present
    assert len(parsed.ids) == len(set(parsed.ids))
    script = next(body for attrs, body in parsed.scripts if "type" not in attrs)
    for hook in ('getAttribute("data-legend")', "div[data-technique]", "aria-pressed"):
        assert hook in script, hook
    assert "Show all techniques" in script


def test_without_script_the_legend_has_no_toggles_and_every_mark_is_shown() -> None:
    analysis = overlapping_analysis()
    page = render_html(analysis)
    parsed = parse(page)
    # The toggles and "Show all techniques" are made by the script; nothing hides a mark.
    assert parsed.buttons == []
    assert "Show all techniques" not in page.split("<script>")[0]
    assert not [m for m in parsed.marks if "off" in m.attrs["class"].split()]
    assert not [m for m in parsed.marks if "hidden" in m.attrs]
    spans = analysis.techniques or []
    assert {int(m.attrs["data-span"]) for m in parsed.marks} == set(range(len(spans)))
    assert "".join(parsed.visible_text) == analysis.document.text
    # Each entry still reads as a term with its swatch and label.
    technique = get_technique("Doubt")
    assert (
        '<div data-technique="Doubt"><dt><span class="swatch" '
        f'style="background-color:{technique.colour}" aria-hidden="true"></span>'
        f"{technique.label}</dt>"
    ) in page


def test_the_legend_hooks_leave_article_markup_escaped() -> None:
    analysis = hostile_analysis()
    page = render_html(analysis)
    present = {s.technique for s in analysis.techniques or []}
    assert legend_entries(page, 0) == [name for name in TECHNIQUE_NAMES if name in present]
    assert "<script>alert" not in page
    parsed = parse(page)
    assert len([body for attrs, body in parsed.scripts if "type" not in attrs]) == 1
    assert "".join(parsed.visible_text) == analysis.document.text
