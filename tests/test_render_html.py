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
from propscope.render._spans import group_sources, whole_percent
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
    said: str = ""  # the hidden text a screen reader reads

    @property
    def spans(self) -> list[int]:
        return [int(index) for index in self.attrs["data-span"].split()]

    @property
    def techniques(self) -> list[str]:
        return self.attrs["data-technique"].split()


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
        for o in self.stack:
            if "id" in o.attrs and (tips or o.attrs.get("class") == "def"):
                self.tip_texts[o.attrs["id"]] = self.tip_texts.get(o.attrs["id"], "") + data
        if not any(o.attrs.get("class") == "text" for o in self.stack):
            return
        marks = [o.mark for o in self.stack if o.mark is not None]
        if tips:
            marks[-1].tip += data
            return
        hidden = [i for i, o in enumerate(self.stack) if "sr" in o.attrs.get("class", "").split()]
        if hidden:
            owner = self.stack[hidden[-1] - 1].mark
            if owner is not None:
                owner.said += data
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
        for index in mark.spans:
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
        fragments = [m for m in parsed.marks if index in m.spans]
        for mark in fragments:
            k = mark.spans.index(index)
            assert mark.techniques[k] == span.technique
            assert mark.attrs["data-colour"].split()[k] == colour
            assert colour in mark.attrs["style"]
            if len(mark.spans) == 1:
                assert mark.attrs["style"] == f"background:{colour}"


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
        stops = [m.attrs["tabindex"] for m in parsed.marks if index in m.spans]
        assert stops[0] == "0"
        assert all(stop == "-1" for stop in stops[1:])


def test_nested_spans_nest_their_marks() -> None:
    page = render_html(overlapping_analysis())
    parsed = parse(page)  # tag balance is asserted while parsing
    # "shameful" inside "shameful betrayal": the inner mark directly inside the outer.
    assert re.search(
        r'<mark [^>]*data-technique="Loaded_Language"[^>]*>(<span class="(tip|sr)".*?'
        r"</span></span>)+<mark [^>]*data-technique=\"Exaggeration,Minimisation\"",
        page,
    )
    assert [m.text for m in parsed.marks[:2]] == ["shameful betrayal", "shameful"]


def test_techniques_sharing_a_passage_share_one_mark() -> None:
    analysis = overlapping_analysis()
    parsed = parse(render_html(analysis))
    # "radicals on the council": name-calling (70%) and loaded language (40%). Two nested
    # marks of one extent would let the inner one hide the outer from every hover.
    shared = [m for m in parsed.marks if m.text.startswith("radicals")]
    assert len(shared) == 1
    mark = shared[0]
    assert mark.spans == [2, 3]  # the most confident first
    assert mark.techniques == ["Name_Calling,Labeling", "Loaded_Language"]
    assert mark.attrs["data-percent"] == "70 40"
    assert mark.attrs["tabindex"] == "0"
    # A visible cue (stripes of both colours and a badge with the count)...
    assert "multi" in mark.attrs["class"].split()
    assert mark.attrs["data-count"] == "2"
    name_calling, loaded = get_technique("Name_Calling,Labeling"), get_technique("Loaded_Language")
    assert mark.attrs["style"] == (
        "background:repeating-linear-gradient(135deg, "
        f"{name_calling.colour} 0em 0.5em, {loaded.colour} 0.5em 1em)"
    )
    # ...the tooltip lists both with their confidence...
    assert "Name-calling · 70% confidence" in mark.tip
    assert "Loaded language · 40% confidence" in mark.tip
    assert name_calling.definition in mark.tip and loaded.definition in mark.tip
    # ...and so does what a screen reader reads, once.
    assert mark.said == "Name-calling, 70% confidence. Loaded language, 40% confidence. "
    # Its text is in the text block once, inside no other mark of its own extent.
    assert mark_text_by_span(parsed)[2] == mark_text_by_span(parsed)[3] == mark.text


def test_the_script_shows_a_shared_mark_while_any_of_its_techniques_is_shown() -> None:
    parsed = parse(render_html(overlapping_analysis()))
    script = next(body for attrs, body in parsed.scripts if "type" not in attrs)
    assert 'getAttribute("data-percent").split(" ")' in script
    assert "var on = passing.length > 0;" in script
    assert "background(passing)" in script


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


def random_spans(rng: random.Random, text: str, n: int) -> list[TechniqueSpan]:
    """`n` spans of up to 60 characters at random places, overlapping as they fall."""
    spans = []
    for _ in range(n):
        start = rng.randrange(len(text) - 1)
        end = rng.randrange(start + 1, min(len(text), start + 60) + 1)
        spans.append(TechniqueSpan(start, end, rng.choice(TECHNIQUE_NAMES), rng.random()))
    return spans


@pytest.mark.parametrize("seed", range(5))
def test_random_overlapping_spans_each_render_exactly(seed: int) -> None:
    rng = random.Random(seed)
    text = ARTICLE * 3
    spans = random_spans(rng, text, 40)
    analysis = make_analysis(text, spans)
    parsed = parse(render_html(analysis))
    assert "".join(parsed.visible_text) == text
    texts = mark_text_by_span(parsed)
    assert [texts[i] for i in range(len(spans))] == [text[s.start : s.end] for s in spans]


@pytest.mark.parametrize("seed", range(5))
def test_update_lines_crossing_random_spans_render_exactly(seed: int) -> None:
    from propscope.analysis import Headline, UpdateLine

    rng = random.Random(seed)
    text = ARTICLE * 3
    spans = random_spans(rng, text, 30)
    analysis = make_analysis(text, spans)
    lines = sorted(rng.sample(range(len(text) - 30), 3))
    analysis.headline = Headline(
        text=analysis.document.title,
        updates=tuple(
            UpdateLine(s, s + rng.randrange(5, 30), "update", text=text[s : s + 5]) for s in lines
        ),
    )
    data = analysis.to_dict()
    for update in data["headline"]["updates"]:
        update["text"] = text[update["start"] : update["end"]]
    page = render_html(data)
    parsed = parse(page)
    assert "".join(parsed.visible_text) == text
    texts = mark_text_by_span(parsed)
    assert [texts[i] for i in range(len(spans))] == [text[s.start : s.end] for s in spans]
    assert page.count('<span class="sr">Update line') == 3  # said once per line


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
        # <mark> cannot take a name: no aria-label, whose words Chrome read twice.
        assert "aria-label" not in mark.attrs
        first = mark.attrs["tabindex"] == "0"
        described = mark.attrs.get("aria-describedby", "").split()
        assert len(described) == (len(mark.spans) if first else 0)
        for k, index in enumerate(mark.spans):
            span = spans[index]
            technique = get_technique(span.technique)
            assert technique.label in mark.tip, "hovering any fragment shows the tooltip"
            assert f"{technique.label} · {round(span.score * 100)}% confidence" in mark.tip
            if first:
                # Read once: the technique and confidence as hidden text before the
                # passage, its definition as the description.
                assert f"{technique.label}, {round(span.score * 100)}% confidence." in mark.said
                assert parsed.tip_texts[described[k]] == technique.definition
            else:
                assert mark.said == "", "a continuation fragment says nothing again"


def test_the_tooltips_are_not_read_out_and_their_ids_are_unique() -> None:
    page = render_html(overlapping_analysis())
    assert 'role="tooltip"' not in page
    tips = re.findall(r'<span class="tip"[^>]*>', page)
    assert tips and set(tips) == {'<span class="tip" aria-hidden="true">'}
    parse(page)


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
        f"<strong>{share:.1%}</strong> of the text is covered by <strong>9</strong> spans "
        "of any score." in page
    )
    # The slider filters the marks, not these figures: the page says so (at 100% it read
    # "Showing 0 of 14" under "covered by 14 spans").
    assert ">Spans per technique, of any score</h3>" in page


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


def test_control_characters_show_as_signs_one_for_one() -> None:
    # The terminal showed an article's ESC as "␛"; the report wrote the raw byte.
    text = "Title \x1b[31mred\n\nA \x1b[2J and SHAMEFUL\x07 plan, \x00 and \x9b31m.\n"
    analysis = make_analysis(text, [span_of(text, "SHAMEFUL\x07 plan", "Loaded_Language", 0.8)])
    page = render_html(analysis)
    for control in ("\x1b", "\x07", "\x00", "\x9b"):
        assert control not in page
    assert "<title>Title ␛[31mred</title>" in page
    parsed = parse(page)
    shown = "".join(parsed.visible_text)
    assert shown == "Title ␛[31mred\n\nA ␛[2J and SHAMEFUL␇ plan, ␀ and \ufffd31m.\n"
    assert len(shown) == len(analysis.document.text)  # one sign a character: offsets hold
    assert mark_text_by_span(parsed) == {0: "SHAMEFUL␇ plan"}
    (twin,) = [body for attrs, body in parsed.scripts if attrs.get("id") == "analysis-0"]
    assert json.loads(twin)["document"]["text"] == text  # the data keeps them, escaped


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
    assert (
        '<tr class="flagged" role="row"><td class="num" role="cell">1 <span class="flag"' in panel
    )
    assert (
        '<td role="cell" data-label="Figure">about 20</td><td class="num" role="cell" '
        'data-label="Value">≈ 20</td><td role="cell" data-label="Counts">tanks</td>'
    ) in panel
    assert '<td role="cell" data-label="Counts">armoured personnel carriers</td>' in panel
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
    # One quotation: the page's <q> gives its marks, so the article's own are not doubled.
    assert "<q>200 tanks &lt;img src=x onerror=alert(2)&gt; were lost</q>" in panel
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
    assert '<th scope="col" role="columnheader">Said by</th>' in table
    assert (
        '<td role="cell" data-label="Said by">The &lt;script&gt;alert(1)&lt;/script&gt; ministry '
        '<span class="kind kind-organisation">organisation</span></td>'
    ) in table
    assert '<span class="kind kind-vague">vague</span></td>' in table
    assert ">Said by</th>" not in render_html(with_figures(FIGURES_ARTICLE))


def test_a_figure_in_no_statement_is_explained_under_the_html_table() -> None:
    # The report showed "—" beside "unattributed" with no word on either (session 38).
    from dataclasses import replace

    analysis = with_sources()
    assert "no statement found holds the figure" not in render_html(analysis)
    analysis.figures = [replace(f, source=None) for f in analysis.figures or []]
    page = render_html(analysis)
    assert "Said by “—”: no statement found holds the figure" in page
    parse(page)


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
    assert 'querySelectorAll("input.min-score")' in script and "data-percent" in script


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
        scores = mark.attrs["data-score"].split()
        for index, score in zip(mark.spans, scores, strict=True):
            assert float(score) == pytest.approx(spans[index].score, abs=5e-5)
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
    assert {name for m in parsed.marks for name in m.techniques} == present
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
    assert {index for m in parsed.marks for index in m.spans} == set(range(len(spans)))
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


# --- printing ----------------------------------------------------------------------------


def print_css(page: str) -> str:
    css = page[page.index("<style>") : page.index("</style>")]
    return css[css.index("@media print") :]


def test_printing_keeps_the_marks_colours_underlines_them_and_drops_the_controls() -> None:
    printed = print_css(render_html(overlapping_analysis()))
    # Browsers print without backgrounds unless told: the marks keep their colours...
    printed = re.sub(r"/\*.*?\*/", "", printed, flags=re.S)
    kept = re.search(
        r"([^{}]*)\{ print-color-adjust: exact; -webkit-print-color-adjust: exact; \}", printed
    )
    assert kept, printed
    selectors = [selector.strip() for selector in kept.group(1).split(",")]
    assert "mark.span" in selectors and ".swatch" in selectors
    # ...and an underline for a printer that drops them anyway.
    assert re.search(r"mark\.span \{ border-bottom: 2px solid #333; \}", printed)
    hidden = re.search(r"([^{}]*)\{ display: none !important; \}", printed)
    assert hidden
    for control in (".tip", ".confidence > div", "button.show-all", ".legend-help"):
        assert control in hidden.group(1), control


# --- one rounding for scores -------------------------------------------------------------


@pytest.mark.parametrize(
    ("score", "percent"),
    # As JavaScript's Math.round(score * 100); Python's f"{score:.0%}" rounds half to even
    # and says 24, 12 and 0 for the first three.
    [(0.245, 25), (0.125, 13), (0.005, 1), (0.285, 28), (0.2449, 24), (0.0, 0), (1.0, 100)],
)
def test_whole_percents_round_half_up_as_the_script_does(score: float, percent: int) -> None:
    assert whole_percent(score) == percent


def test_the_tooltip_shows_the_percent_the_slider_compares() -> None:
    t = ARTICLE
    parsed = parse(render_html(make_analysis(t, [span_of(t, "shameful", "Doubt", 0.245)])))
    (mark,) = parsed.marks
    # The script compares data-percent with the slider: one rounding, made here.
    assert mark.attrs["data-percent"] == "25"
    assert "Doubt · 25% confidence" in mark.tip
    assert mark.said == "Doubt, 25% confidence. "
    script = next(body for attrs, body in parsed.scripts if "type" not in attrs)
    assert "Math.round" not in script


# --- the palette -------------------------------------------------------------------------


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _rgb_of(colour: str) -> tuple[float, float, float]:
    r, g, b = (_linear(int(colour[i : i + 2], 16)) for i in (1, 3, 5))
    return r, g, b


def _luminance(colour: str) -> float:
    r, g, b = _rgb_of(colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _oklab(colour: str) -> tuple[float, float, float]:
    r, g, b = _rgb_of(colour)
    lms = (
        (0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b) ** (1 / 3),
        (0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b) ** (1 / 3),
        (0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b) ** (1 / 3),
    )
    long_, medium, short = lms
    return (
        0.2104542553 * long_ + 0.7936177850 * medium - 0.0040720468 * short,
        1.9779984951 * long_ - 2.4285922050 * medium + 0.4505937099 * short,
        0.0259040371 * long_ + 0.7827717662 * medium - 0.8086757660 * short,
    )


@pytest.mark.parametrize("technique", TECHNIQUES, ids=lambda t: t.label)
def test_each_colour_stands_out_from_white_and_keeps_black_text_readable(technique) -> None:
    luminance = _luminance(technique.colour)
    assert 1.05 / (luminance + 0.05) >= 1.6, "too close to the white page"
    assert (luminance + 0.05) / 0.05 >= 7.5, "black text on it below WCAG AAA"


def test_the_fourteen_colours_are_told_apart() -> None:
    import itertools
    import math

    closest = min(
        (math.dist(_oklab(a.colour), _oklab(b.colour)), a.label, b.label)
        for a, b in itertools.combinations(TECHNIQUES, 2)
    )
    # 0.09 in Oklab is plainly different side by side; the old palette had 0.044
    # (Fear / prejudice and Whataboutism), and loaded language near exaggeration.
    assert closest[0] >= 0.10, closest
    assert len({t.colour for t in TECHNIQUES}) == 14


_UNDERLINE = re.compile(
    r"mark\.span:not\(\.off\) \{ box-shadow: inset 0 -(\d+)px 0 rgba\(0, 0, 0, ([.\d]+)\); \}"
)


def _stylesheets() -> dict[str, str]:
    from importlib.resources import files

    report = render_html(make_analysis(ARTICLE, []))
    web = files("propscope.web").joinpath("static/app.css").read_text(encoding="utf-8")
    return {"report": report, "web page": web}


@pytest.mark.parametrize("where", ["report", "web page"])
def test_every_mark_is_underlined_darker_than_the_pale_fill_at_3_to_1(where: str) -> None:
    """WCAG 1.4.11: what marks a passage must stand 3:1 from the page. The fills stand
    1.6-2.8:1 (pale enough for black text at AAA), so each mark also gets an underline,
    its own colour under a layer of black, which must reach 3:1 for every technique."""
    found = _UNDERLINE.findall(_stylesheets()[where])
    assert len(found) == 1, "no underline rule for the marks"
    [(width, alpha)] = found
    assert int(width) >= 2
    for technique in TECHNIQUES:
        # Black at `alpha` over the colour: browsers blend the encoded sRGB values.
        shade = "#" + "".join(
            f"{round(int(technique.colour[i : i + 2], 16) * (1 - float(alpha))):02x}"
            for i in (1, 3, 5)
        )
        assert 1.05 / (_luminance(shade) + 0.05) >= 3.0, (technique.label, shade)
        assert 1.05 / (_luminance(technique.colour) + 0.05) < 3.0  # why the line is needed


# Machado, Oliveira and Fernandes (2009), severity 1, on linear RGB.
_COLOUR_BLINDNESS = {
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602),
                   (0.004733, 0.691367, 0.303900)),
}  # fmt: skip


@pytest.mark.parametrize("kind", sorted(_COLOUR_BLINDNESS))
def test_the_fourteen_colours_are_told_apart_with_colour_blindness(kind: str) -> None:
    """A reader who cannot tell red from green (one man in twelve) still sees fourteen
    different highlights: the old palette had Doubt and Flag-waving 0.003 apart."""
    import itertools
    import math

    matrix = _COLOUR_BLINDNESS[kind]

    def seen(colour: str) -> str:
        rgb = _rgb_of(colour)
        linear = [min(1.0, max(0.0, sum(m * c for m, c in zip(row, rgb, strict=True))))
                  for row in matrix]  # fmt: skip
        encoded = [12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055 for c in linear]
        return "#" + "".join(f"{round(c * 255):02x}" for c in encoded)

    closest = min(
        (math.dist(_oklab(seen(a.colour)), _oklab(seen(b.colour))), a.label, b.label)
        for a, b in itertools.combinations(TECHNIQUES, 2)
    )
    assert closest[0] >= 0.05, closest


# --- sources: pronouns ---------------------------------------------------------------------

PRONOUN_ARTICLE = (
    "Two witnesses\n\n"
    "A fisherman, who asked not to be named, said the boats were gone. "
    "A baker, who lives nearby, said the boats were still there. "
    "The council said nothing. The Council's spokesman said more."
)


def test_pronoun_sources_are_not_merged_across_statements() -> None:
    t = PRONOUN_ARTICLE

    def at(passage: str, nth: int = 0) -> AttributedSpan:
        start = -1
        for _ in range(nth + 1):
            start = t.index(passage, start + 1)
        return AttributedSpan(start, start + len(passage), passage)

    statements = [
        Attribution(at("who"), at("said"), at("the boats were gone"), "pronoun"),
        Attribution(at("who", 1), at("said", 1), at("the boats were still there"), "pronoun"),
        Attribution(at("The council"), at("said", 2), at("nothing"), "organisation"),
        Attribution(at("The council"), at("said", 2), at("nothing"), "organisation"),
    ]
    groups = group_sources(statements)
    # Two people called "who" are two sources; a named source still gathers its statements,
    # and comes first (an article's twelve "she"s pushed the named sources down).
    assert [(g.label, g.members) for g in groups] == [
        ("The council", (2, 3)),
        ("who", (0,)),
        ("who", (1,)),
    ]
    analysis = make_analysis(t, [])
    analysis.attributions = statements
    page = render_html(analysis)
    assert page.count('<span class="name">who</span>') == 2
    assert "who (pronoun): 2" not in page and "2 statements by who" not in page


SURNAME_ARTICLE = (
    "Russian President Vladimir Putin said the talks had failed. Experts said so too. "
    "Putin added that he was sad. Bill Clinton said one thing, Hillary Clinton another, "
    "and Clinton a third. Yang campaign chief Nick Ryan said it was over; Yang said no."
)


def test_a_person_named_by_one_word_joins_the_one_source_that_holds_it() -> None:
    t = SURNAME_ARTICLE

    def at(passage: str, nth: int = 0) -> AttributedSpan:
        start = -1
        for _ in range(nth + 1):
            start = t.index(passage, start + 1)
        return AttributedSpan(start, start + len(passage), passage)

    statements = [
        Attribution(at("Russian President Vladimir Putin"), at("said"), at("the talks"), "person"),
        Attribution(at("Experts"), at("said", 1), at("so too"), "vague"),
        Attribution(at("Putin", 1), at("added"), at("he was sad"), "person"),
        Attribution(at("Bill Clinton"), at("said", 2), at("one thing"), "person"),
        Attribution(at("Hillary Clinton"), at("said", 2), at("another"), "person"),
        Attribution(at("Clinton", 2), at("said", 2), at("a third"), "person"),
        Attribution(
            at("Yang campaign chief Nick Ryan"), at("said", 3), at("it was over"), "person"
        ),
        Attribution(at("Yang", 1), at("said", 4), at("no"), "person"),
    ]
    groups = group_sources(statements)
    # "Putin" is the President's; "Clinton" could be either Clinton, and "Yang" only
    # qualifies Nick Ryan, so both stay alone.
    assert [(g.label, g.members) for g in groups] == [
        ("Russian President Vladimir Putin", (0, 2)),
        ("Experts", (1,)),
        ("Bill Clinton", (3,)),
        ("Hillary Clinton", (4,)),
        ("Clinton", (5,)),
        ("Yang campaign chief Nick Ryan", (6,)),
        ("Yang", (7,)),
    ]


def _said_by(sources: list[str], kind: str) -> list[Attribution]:
    """One statement ("<source> said no") for each source, in a text of them all."""
    statements, at = [], 0
    for source in sources:
        cue = at + len(source) + 1
        statements.append(
            Attribution(
                AttributedSpan(at, at + len(source), source),
                AttributedSpan(cue, cue + 4, "said"),
                AttributedSpan(cue + 5, cue + 7, "no"),
                kind,
            )
        )
        at = cue + 9
    return statements


def test_sources_naming_one_given_name_and_surname_are_one_group() -> None:
    # Five groups for Viktor Orban, so no "Orban" joined any (the PTC, session 61); two
    # Clintons and two people named together stay apart.
    sources = [
        "Hungarian Prime Minister Viktor Orban who leads the fight",
        "Viktor Orban",
        "Hungarian leader Viktor Orban",
        "Orban",
        "Bill Clinton",
        "Hillary Clinton",
        "Viktor Orban and Xi Jinping",
        "Former CIA and NSA chief Michael Hayden",  # two acronyms, one person
        "Hayden",
    ]
    groups = group_sources(_said_by(sources, "person"))
    assert [(g.label, g.members) for g in groups] == [
        ("Hungarian Prime Minister Viktor Orban who leads the fight", (0, 1, 2, 3)),
        ("Bill Clinton", (4,)),
        ("Hillary Clinton", (5,)),
        ("Viktor Orban and Xi Jinping", (6,)),
        ("Former CIA and NSA chief Michael Hayden", (7, 8)),
    ]


@pytest.mark.parametrize(
    "label, holds",
    [
        ("Russian President Vladimir Putin", True),
        ("Putin on Tuesday", True),
        ("Mike Mills, the union chief", False),  # asked for "Putin"
        ("The Putin White House", False),
        ("Putin's spokesman, Dmitry Peskov", False),
        ("Peskov, who used to work for Putin", False),
        ("Vladimir Putin and Xi Jinping", True),
    ],
)
def test_which_source_names_someone_by_a_word(label: str, holds: bool) -> None:
    from propscope.render._spans import _holds_name

    assert _holds_name(label, "Putin") is holds
    assert not _holds_name(label.replace("Putin", "Putin-Smith"), "Putin")  # part of a name


def _said(text: str, name: str, content: str, cue: str = "said") -> Attribution:
    """A person's statement "NAME CUE CONTENT" found in `text`, with its offsets."""
    start = text.index(f"{name} {cue} {content}")
    at_cue = start + len(name) + 1
    at_content = at_cue + len(cue) + 1
    return Attribution(
        AttributedSpan(start, start + len(name), name),
        AttributedSpan(at_cue, at_cue + len(cue), cue),
        AttributedSpan(at_content, at_content + len(content), content),
        "person",
    )


def test_surname_joins_do_not_depend_on_the_order_of_sources() -> None:
    # "Smith-Jones" is Anna's; "Smith" names no one here but as part of a name. The
    # joins are found among the sources as they are, whichever comes first.
    text = "Smith said a. Smith-Jones said b. Anna Smith-Jones said c."
    statements = [
        _said(text, "Smith", "a"),
        _said(text, "Smith-Jones", "b"),
        _said(text, "Anna Smith-Jones", "c"),
    ]
    forward = [(g.label, g.members) for g in group_sources(statements)]
    backward = [(g.label, g.members) for g in group_sources(statements[::-1])]
    assert forward == [("Smith", (0,)), ("Anna Smith-Jones", (1, 2))]
    assert backward == [("Anna Smith-Jones", (0, 1)), ("Smith", (2,))]


# --- check first: every check-worthy claim ---------------------------------------------------

CLAIMS_ARTICLE = (
    "Council sells harbour\n\n"
    "UPDATE: The council has not sold the harbour.\n\n"
    + " ".join(f"Claim number {i} says {i * 10} boats left." for i in range(1, 10))
)


def claims_analysis() -> Analysis:
    from propscope.analysis import Claim, Headline, UpdateLine

    t = CLAIMS_ARTICLE
    analysis = make_analysis(t, [span_of(t, "has not sold", "Doubt", 0.6)])
    scores = [0.9, 0.85, 0.8, 0.75, 0.7, 0.65, 0.6, 0.55, 0.3]
    claims = []
    for i, score in enumerate(scores, start=1):
        sentence = f"Claim number {i} says {i * 10} boats left."
        start = t.index(sentence)
        claims.append(Claim(start, start + len(sentence), score, sentence))
    analysis.claims = claims
    start = t.index("UPDATE")
    end = t.index("\n", start)
    analysis.headline = Headline(
        text="Council sells harbour",
        updates=(
            UpdateLine(
                start,
                end,
                "update",
                contradicts_headline=True,
                reflected_in_body=False,
                text=t[start:end],
            ),
        ),
    )
    analysis.model = {
        "name": "propscope",
        "version": "9.9",
        "components": {
            "techniques": {"name": "techniques-minilm", "version": "0.3.2", "scores": "calibrated"},
            "headline": {
                "name": "<b>rules</b>",
                "version": "1",
                "stance_model": {"name": "stance", "version": "0.1"},
            },
        },
    }
    return analysis


def test_every_check_worthy_claim_is_listed_the_rest_behind_a_fold() -> None:
    page = render_html(claims_analysis())
    panel = page[page.index('id="a0-claims"') :]
    panel = panel[: panel.index("</details>") + len("</details>")]
    assert "(8 score 50% or more)" in panel
    listed = re.findall(r'data-said="A claim scored (\d+)% check-worthy"', panel)
    # The top five, then the other three of the eight at 50% or more; not the 30% one.
    assert listed == ["90", "85", "80", "75", "70", "65", "60", "55"]
    fold = panel[panel.index('<details class="more-claims">') :]
    assert re.findall(r"scored (\d+)%", fold) == ["65", "60", "55"]
    assert "<summary>The other 3 sentences scoring 50% or more</summary>" in fold
    assert '<ol class="claims" start="6"' in fold  # numbered on from the five
    parse(page)


def test_the_update_line_is_marked_in_the_text_and_labelled_once() -> None:
    analysis = claims_analysis()
    page = render_html(analysis)
    parsed = parse(page)
    assert "".join(parsed.visible_text) == analysis.document.text
    marked = re.search(r'<span class="update-mark contradicts">(.*?)</span>', page)
    assert marked, "the update line is marked in the text"
    assert marked.group(1) == '<span class="sr">Update line, which contradicts the headline: '
    after = page[marked.end() : page.index("\n", marked.end())]
    assert after.startswith("UPDATE: The council ")
    # The mark of the technique inside it nests in it.
    assert re.search(
        r'<span class="update-mark contradicts">.*?<mark [^>]*>.*?</mark> the harbour\.</span>',
        page,
    )
    # In the headline check, the line is not labelled "Update:" before its own "UPDATE:".
    assert '<p class="update-line"><q>UPDATE: The council has not sold the harbour.</q>' in page
    assert "Update: <q>" not in page


def test_an_update_line_that_does_not_name_its_kind_is_labelled() -> None:
    from propscope.analysis import Headline, UpdateLine

    t = "Council sells harbour\n\nThe council voted.\n\nThis article has been corrected."
    analysis = make_analysis(t, [])
    start = t.index("This article")
    analysis.headline = Headline(
        text="Council sells harbour",
        updates=(
            UpdateLine(start, len(t), "correction", contradicts_headline=False, text=t[start:]),
        ),
    )
    page = render_html(analysis)
    assert '<span class="update-mark" data-label="Correction">' in page
    assert '<p class="update-line">Correction: <q>This article has been corrected.</q>' in page


def test_the_models_are_named_in_a_footer_escaped() -> None:
    page = render_html(claims_analysis())
    footer = re.search(r'<footer class="model-info"><p>(.*?)</p></footer>', page)
    assert footer
    assert footer.group(1) == (
        "Analyzed by propscope 9.9. Models: techniques: techniques-minilm 0.3.2 "
        "(calibrated scores); headline: &lt;b&gt;rules&lt;/b&gt; 1, with stance model "
        "stance 0.1."
    )
    assert '<footer class="model-info">' not in render_html(make_analysis(ARTICLE, []))


def test_the_page_is_named_after_its_article() -> None:
    analysis = make_analysis(ARTICLE, [], title="Harbour <sold> & gone")
    page = render_html(analysis)
    assert "<title>Harbour &lt;sold&gt; &amp; gone</title>" in page
    assert '<h1 dir="auto">propscope report</h1>' in page
    # Several articles, or one without a title: the report's name; a title given wins.
    assert "<title>propscope report</title>" in render_html([analysis, analysis])
    assert "<title>propscope report</title>" in render_html(make_analysis("No title here.", []))
    assert "<title>Mine</title>" in render_html(analysis, title="Mine")


# --- without the script --------------------------------------------------------------------


def test_without_the_script_the_page_promises_nothing_only_the_script_does() -> None:
    page = render_html(with_sources())
    # Hover and Tab work without the script (CSS); Escape and selecting do not.
    for words in (
        " Escape hides the tooltip.",
        "; select one to highlight it in the text",
        "Select a source to highlight its statements in the text; select it again to clear.",
    ):
        at = page.index(words)
        opening = page[page.rindex("<", 0, at) : at]
        assert "js-only" in opening and opening.endswith(" hidden>"), words
    script = next(body for attrs, body in parse(page).scripts if "type" not in attrs)
    assert 'querySelectorAll(".js-only")' in script


def test_a_back_link_heads_the_page_escaped() -> None:
    doc = Document.from_text("Title\n\nA calm text.")
    page = render_html(Analysis(document=doc), back_link=('../a"b.html', "Back <home>"))
    assert '<nav aria-label="Back"><p><a href="../a&quot;b.html">Back &lt;home&gt;</a>' in page
    assert page.index('aria-label="Back"') < page.index("<h1 ")
    assert 'aria-label="Back"' not in render_html(Analysis(document=doc))


def test_each_part_of_the_meta_line_is_isolated_from_the_others() -> None:
    # A right-to-left override in a source's name reorders only that name.
    analysis = make_analysis(
        "Title\n\nBody text.",
        [],
        source="Daily \u202ewen",
        published="2024-03-05",
        url="https://example.org/a",
    )
    page = render_html(analysis)
    assert (
        '<p class="meta"><bdi>Daily \u202ewen</bdi> · <bdi>2024-03-05</bdi> · '
        f"<bdi>https://example.org/a</bdi> · id <bdi>{analysis.document.id}</bdi></p>" in page
    )


def test_the_report_quotes_a_quotation_once_and_shows_no_colon_cue() -> None:
    from propscope.analysis import AttributedSpan, Attribution

    text = "Advice\n\nRaab: “We keep it under review.” The office said so."

    def at(passage: str) -> AttributedSpan:
        start = text.index(passage)
        return AttributedSpan(start, start + len(passage), passage)

    analysis = Analysis(document=Document.from_text(text))
    analysis.attributions = [
        Attribution(at("Raab"), at(":"), at("“We keep it under review.”"), "person"),
        Attribution(at("The office"), at("said"), at("so"), "organisation"),
    ]
    page = render_html(analysis)
    assert "<li><q>We keep it under review.</q></li>" in page
    assert '<li><span class="cue">said</span>: <q>so</q></li>' in page


def test_the_intro_explains_the_highlights_only_where_techniques_were_computed() -> None:
    analysis = Analysis(document=Document.from_text("Toll\n\nThe toll will rise by 4 dollars."))
    assert "Highlighted passages use a propaganda technique" not in render_html(analysis)
    analysis.techniques = []
    assert "Highlighted passages use a propaganda technique" in render_html(analysis)


def test_a_surname_does_not_join_a_source_that_names_two_people() -> None:
    # Listed under the pair, "Stephens said" and "Straub added" would not say who spoke.
    text = (
        "Studio head Kevin Stephens and art director Phil Straub remember him. "
        "Stephens said a. Straub added b."
    )

    pair = "Studio head Kevin Stephens and art director Phil Straub"
    statements = [
        _said(text, pair, "him", cue="remember"),
        _said(text, "Stephens", "a"),
        _said(text, "Straub", "b", cue="added"),
    ]
    groups = [(g.label, g.members) for g in group_sources(statements)]
    assert groups == [(pair, (0,)), ("Stephens", (1,)), ("Straub", (2,))]


def test_a_surname_joins_a_source_whose_apposition_holds_an_and() -> None:
    text = "Rep. Ann Lee, a Democrat and a former officer, said a. Lee said b."
    full = "Rep. Ann Lee, a Democrat and a former officer,"
    groups = group_sources([_said(text, full, "a"), _said(text, "Lee", "b")])
    assert [g.members for g in groups] == [(0, 1)]


def test_a_name_and_its_description_after_a_comma_are_one_source() -> None:
    # A profile listed "David Thweatt", "Thweatt, the son of a preacher ..." and
    # "Thweatt" as three sources, and "U.S. Attorney Andrew Luger" beside "U.S. Attorney
    # Andrew Luger, speaking to reporters" (review, session 38).
    text = (
        "David Thweatt said a. Thweatt, the son of a preacher, said b. Thweatt said c. "
        "Attorney Andrew Luger said d. Attorney Andrew Luger, speaking to reporters, said e."
    )
    statements = [
        _said(text, "David Thweatt", "a"),
        _said(text, "Thweatt, the son of a preacher,", "b"),
        _said(text, "Thweatt", "c"),
        _said(text, "Attorney Andrew Luger", "d"),
        _said(text, "Attorney Andrew Luger, speaking to reporters,", "e"),
    ]
    groups = [(g.label, g.members) for g in group_sources(statements)]
    assert groups == [("David Thweatt", (0, 1, 2)), ("Attorney Andrew Luger", (3, 4))]
    # Only a description in lower case or opening with a title is cut: names listed
    # after a comma stay.
    from propscope.render._spans import _source_key

    assert _source_key("Smith, Jones and Brown") == "smith, jones and brown"
    assert _source_key("Marc Grynberg, CEO of Umicore") == "marc grynberg"


def test_a_name_and_its_title_after_a_comma_are_one_source() -> None:
    # "Philip Luther, Director of Amnesty International's Middle East and North Africa
    # Programme" and "Philip Luther" were two sources of one article (review, session 39).
    text = (
        "Philip Luther, Director of Amnesty International's Middle East Programme, said a. "
        "Philip Luther said b. Ann Cole, Jones and Brown said c."
    )
    statements = [
        _said(
            text, "Philip Luther, Director of Amnesty International's Middle East Programme,", "a"
        ),
        _said(text, "Philip Luther", "b"),
        _said(text, "Ann Cole, Jones and Brown", "c"),
    ]
    groups = [g.members for g in group_sources(statements)]
    assert groups == [(0, 1), (2,)]


def test_a_surname_after_a_title_joins_the_full_name_as_the_bare_surname_does() -> None:
    # "Chris Edelson, a professor", "Mr. Edelson" and "Edelson" were three sources.
    text = "Chris Edelson, a professor, said a. Mr. Edelson said b. Edelson added c."
    full = "Chris Edelson, a professor,"
    statements = [
        _said(text, full, "a"),
        _said(text, "Mr. Edelson", "b"),
        _said(text, "Edelson", "c", cue="added"),
    ]
    assert [g.members for g in group_sources(statements)] == [(0, 1, 2)]
    # A title of the other gender joins no one: "Ms. Wurtzel" is not Donald Wurtzel.
    text = "Donald Wurtzel said a. Ms. Wurtzel said b."
    statements = [_said(text, "Donald Wurtzel", "a"), _said(text, "Ms. Wurtzel", "b")]
    assert [g.members for g in group_sources(statements)] == [(0,), (1,)]


def test_the_renderers_name_what_they_take() -> None:
    from propscope.render.terminal import render_terminal

    analysis = Analysis(document=Document.from_text("Title\n\nBody text."))
    for wrong in (None, "Title\n\nBody text.", 5):
        with pytest.raises(TypeError, match="render_html takes an Analysis, its dict, or a list"):
            render_html(wrong)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="item 1 is a str"):
        render_html([analysis, "text"])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="one Analysis or its dict, not list; for several"):
        render_terminal([analysis, analysis])  # type: ignore[arg-type]


def test_a_possessors_source_is_listed_by_the_name() -> None:
    # "Haley’s" headed a group of five statements ("Haley’s claim that ...", then "Haley
    # warned"): the list names Haley (the PTC, session 62).
    groups = group_sources(_said_by(["Haley’s", "Haley", "Russian military's"], "organisation"))
    assert [(g.label, g.members) for g in groups] == [
        ("Haley", (0, 1)),
        ("Russian military", (2,)),
    ]
