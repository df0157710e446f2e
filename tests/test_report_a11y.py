"""The HTML report for keyboard, screen reader and zoom users: a way past the article's
tab stops, the language of an article's words, quiet and distinguishable controls, a
heading outline without repeats, and a tooltip the pointer can reach on a narrow screen.

The page-level checks read the markup; the rest run in headless Chromium (Playwright),
skipped where it is absent and failing under CI=true. Every page is opened from a file
with requests to anywhere else blocked, and console errors (a Content-Security-Policy
violation among them) or script errors fail the test."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from fakes import span_at as _at
from propscope.analysis import (
    Actor,
    ActorLabel,
    Analysis,
    Attribution,
    Claim,
    DoubleStandard,
    Figure,
    FigureConflict,
    Headline,
    TechniqueSpan,
    summarize_techniques,
)
from propscope.document import Document
from propscope.render.html import render_html

VOID_TAGS = {"meta", "br", "img", "link", "input", "hr", "wbr", "source", "area", "base", "col"}
CALIBRATED = {"name": "propscope", "components": {"techniques": {"scores": "calibrated"}}}

ENGLISH = (
    "Council sells the harbour\n\n"
    "The council voted on Tuesday to sell the old harbour, a SHAMEFUL betrayal of every "
    "family. Tom Baker said the deal was a disgrace. She said the plan had failed. She "
    "said the boats were gone. She said nothing more.\n\n"
    "Can we really trust a man who changed his story three times?"
)

# German, with markup in it that must be shown, never run.
GERMAN = (
    "Der Hafen wird verkauft\n\n"
    "Der Stadtrat hat am Dienstag beschlossen, den alten Hafen zu verkaufen, ein "
    "SCHÄNDLICHER Verrat an jeder Familie. „Sie nehmen uns das Brot aus dem Mund“, sagte "
    "Tom Becker. Der Investor verspricht 400 Arbeitsplätze, aber unabhängige Schätzungen "
    "nennen nur 40 Arbeitsplätze. Die sogenannten Experten schweigen. "
    "<script>alert(1)</script>"
)


def _analysis(text: str, marked: list[tuple[str, str, float]]) -> Analysis:
    """An analysis of `text` with a technique span for each (passage, technique, score)."""
    document = Document.from_text(text)
    spans = []
    for passage, technique, score in marked:
        at = _at(document.text, passage)
        spans.append(TechniqueSpan(at.start, at.end, technique, score, passage))
    spans.sort(key=lambda s: (s.start, -s.end))
    summary = summarize_techniques(document.text, spans)
    return Analysis(document=document, techniques=spans, summary=summary, model=CALIBRATED)


def english_analysis() -> Analysis:
    """Three sources that read alike ("She pronoun 1 statement"), and one that does not."""
    analysis = _analysis(
        ENGLISH, [("SHAMEFUL", "Loaded_Language", 0.9), ("Can we really trust", "Doubt", 0.7)]
    )
    t = ENGLISH
    analysis.attributions = [
        Attribution(
            _at(t, "Tom Baker"), _at(t, "said"), _at(t, "the deal was a disgrace"), "person"
        ),
        Attribution(_at(t, "She"), _at(t, "said", 1), _at(t, "the plan had failed"), "pronoun"),
        Attribution(_at(t, "She", 1), _at(t, "said", 2), _at(t, "the boats were gone"), "pronoun"),
        Attribution(_at(t, "She", 2), _at(t, "said", 3), _at(t, "nothing more"), "pronoun"),
    ]
    return analysis


def german_analysis() -> Analysis:
    """Every layer, each quoting the article somewhere."""
    t = GERMAN
    analysis = _analysis(
        t, [("SCHÄNDLICHER Verrat", "Loaded_Language", 0.9), ("Experten", "Doubt", 0.6)]
    )
    quote = "„Sie nehmen uns das Brot aus dem Mund“"
    analysis.attributions = [
        Attribution(_at(t, "Tom Becker"), _at(t, "sagte"), _at(t, quote), "person")
    ]
    claim = _at(t, "Der Investor verspricht 400 Arbeitsplätze")
    analysis.claims = [Claim(claim.start, claim.end, 0.9, claim.text, attribution=None)]
    four_hundred, forty = _at(t, "400"), _at(t, "40 ")
    analysis.figures = [
        Figure(four_hundred.start, four_hundred.end, 400, 400, 400, "arbeitsplätze", text="400"),
        Figure(forty.start, forty.start + 2, 40, 40, 40, "arbeitsplätze", text="40", source=0),
    ]
    analysis.figure_conflicts = [FigureConflict((0, 1), 10.0, "Figures differ tenfold")]
    experts = _at(t, "sogenannten Experten")
    analysis.actors = [
        Actor(
            "Tom Becker",
            "person",
            (_at(t, "Tom Becker"),),
            (ActorLabel(experts.start, experts.end, experts.text, True, ("so_called",)),),
        )
    ]
    one, two = (
        _at(t, "ein SCHÄNDLICHER Verrat an jeder Familie"),
        _at(t, "Die sogenannten Experten"),
    )
    analysis.double_standards = [
        DoubleStandard(
            kind="opposite_judgements",
            passages=(one, two),
            act="den Hafen verkaufen",
            parties=("der Stadtrat", "der Investor"),
            judgements=("beschlossen", "verspricht"),
        )
    ]
    evidence = _at(t, "Die sogenannten Experten schweigen.")
    analysis.headline = Headline(
        text="Der Hafen wird verkauft",
        stance="agree",
        evidence=(evidence,),
        stance_scores={"agree": 0.9, "discuss": 0.1},
    )
    return analysis


# --- reading the markup -----------------------------------------------------------------


@dataclass
class Chunk:
    """A run of text with its language (the nearest lang attribute) and the elements
    around it, innermost last, as (tag, attributes)."""

    text: str
    lang: str | None
    around: list[tuple[str, dict[str, str]]]

    def inside(self, tag: str = "", **attrs: str) -> bool:
        """Whether an element around it is a `tag` (any, for "") whose attributes hold
        `attrs` (a class among its classes)."""
        for name, attributes in self.around:
            if tag and name != tag:
                continue
            if all(_holds(attributes, key.rstrip("_"), want) for key, want in attrs.items()):
                return True
        return False


def _holds(attributes: dict[str, str], key: str, want: str) -> bool:
    value = attributes.get(key.replace("_", "-"))
    if value is None:
        return False
    return want in value.split() if key == "class" else value == want


@dataclass
class Page(HTMLParser):
    chunks: list[Chunk] = field(default_factory=list)
    headings: list[tuple[int, str]] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)  # in the page's order
    within: dict[str, list[str]] = field(default_factory=dict)  # id: the ids around it

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._stack: list[tuple[str, dict[str, str]]] = []
        self._heading: tuple[int, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if "id" in attributes:
            self.ids.append(attributes["id"])
            self.within[attributes["id"]] = [a["id"] for _, a in self._stack if "id" in a]
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = (int(tag[1]), [])
        if tag not in VOID_TAGS:
            self._stack.append((tag, attributes))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_TAGS:
            return
        while self._stack:
            if self._stack.pop()[0] == tag:
                break
        if self._heading is not None and tag == f"h{self._heading[0]}":
            self.headings.append((self._heading[0], "".join(self._heading[1]).strip()))
            self._heading = None

    def handle_data(self, data: str) -> None:
        if any(tag in ("script", "style", "title") for tag, _ in self._stack):
            return
        lang = next((a["lang"] for _, a in reversed(self._stack) if "lang" in a), None)
        self.chunks.append(Chunk(data, lang, list(self._stack)))
        if self._heading is not None:
            self._heading[1].append(data)

    def text(self, keep: Callable[[Chunk], bool]) -> str:
        return "".join(chunk.text for chunk in self.chunks if keep(chunk))

    def langs(self, keep: Callable[[Chunk], bool]) -> set[str | None]:
        return {chunk.lang for chunk in self.chunks if keep(chunk) and chunk.text.strip()}


def parse(page: str) -> Page:
    parsed = Page()
    parsed.feed(page)
    parsed.close()
    return parsed


def _in_text_block(chunk: Chunk) -> bool:
    return chunk.inside("div", id="a0-text")


def _article_words(chunk: Chunk) -> bool:
    """The article's own text in its block, without the tooltips and hidden labels."""
    return (
        _in_text_block(chunk) and not chunk.inside(class_="tip") and not chunk.inside(class_="sr")
    )


# --- skipping past the article ------------------------------------------------------------


def test_a_link_before_each_article_text_skips_past_it() -> None:
    # Tab went from the slider through every mark (37 to 100 stops) to the legend.
    page = render_html([english_analysis(), german_analysis()])
    parsed = parse(page)
    assert len(parsed.ids) == len(set(parsed.ids))
    for n in (0, 1):
        link = f'<a href="#a{n}-after-text">Skip past the article</a>'
        assert page.count(link) == 1
        # Slider, link, text; then, past the text's end, the target; then the legend.
        assert page.index(f'id="a{n}-min-score"') < page.index(link)
        assert page.index(link) < page.index(f'<div class="text" id="a{n}-text"')
        order = [parsed.ids.index(f"a{n}-{name}") for name in ("text", "after-text", "legend")]
        assert order == sorted(order)
        assert f"a{n}-text" not in parsed.within[f"a{n}-after-text"]
        # Focusable from the link, never from Tab.
        assert re.search(rf'<div [^>]*id="a{n}-after-text" tabindex="-1"></div>', page)


# --- the language of an article's words ---------------------------------------------------


def test_words_of_an_article_not_in_english_are_not_marked_english() -> None:
    page = render_html(german_analysis())
    parsed = parse(page)
    assert '<html lang="en">' in page
    # The article's text, title and every passage a panel quotes: language unknown.
    assert parsed.text(_article_words).startswith("Der Hafen wird verkauft")
    assert parsed.langs(_article_words) == {""}
    assert parsed.langs(lambda c: c.inside("h2")) == {""}
    assert parsed.langs(lambda c: c.inside("q")) == {""}
    for panel in ("statements", "actor-facts", "figures", "evidence", "doubles"):
        quoted = parsed.text(lambda c, p=panel: c.inside(class_=p) and c.lang == "")
        assert quoted.strip(), panel
    assert parsed.langs(
        lambda c: c.inside("button", class_="actor") and c.inside(class_="name")
    ) == {""}
    assert parsed.langs(
        lambda c: c.inside("button", class_="source") and c.inside(class_="name")
    ) == {""}
    # A double standard's act and sides are the article's words; what kind it is, not.
    assert parsed.langs(lambda c: c.inside("button", class_="double") and c.inside("q")) == {""}
    assert parsed.langs(lambda c: c.inside("button", class_="double") and c.inside("strong")) == {
        "en"
    }
    assert "arbeitsplätze" in parsed.text(lambda c: c.inside("table") and c.lang == "")
    # What the page says stays English, in the text block too.
    assert parsed.langs(lambda c: _in_text_block(c) and c.inside(class_="tip")) == {"en"}
    assert parsed.langs(lambda c: _in_text_block(c) and c.inside(class_="sr")) == {"en"}
    chrome = parsed.langs(
        lambda c: (
            c.inside("h3")
            or c.inside("dl", class_="legend")
            or c.inside("label")
            or c.inside("span", class_="kind")
            or c.inside("span", class_="count")
        )
    )
    assert chrome == {"en"}
    # The markup in the article is shown as text.
    assert "<script>alert(1)</script>" in parsed.text(_article_words)
    assert page.count("<script>") == 1 and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_an_english_article_is_left_to_the_pages_language() -> None:
    page = render_html([english_analysis(), german_analysis()])
    parsed = parse(page)
    english = parse(render_html(english_analysis()))
    assert english.langs(lambda c: True) == {"en"}
    # In a report of both, only the German article's words (and its link) leave English.
    assert parsed.langs(lambda c: c.inside("div", id="a0-text")) == {"en"}
    assert parsed.langs(lambda c: c.inside("div", id="a1-text") and not c.inside(class_="tip")) == {
        "",
        "en",
    }
    links = {c.text: c.lang for c in parsed.chunks if c.inside("nav", aria_label="Articles")}
    assert links == {"Council sells the harbour": "en", "Der Hafen wird verkauft": ""}


# --- headings -------------------------------------------------------------------------------


def test_an_article_page_of_the_dashboard_repeats_no_heading() -> None:
    # The dashboard names each article page after its article: its <h1> and the article's
    # <h2> said the same.
    analysis = english_analysis()
    page = render_html(
        analysis,
        title="Council sells the harbour",
        back_link=("../dashboard.html", "← Back to the corpus dashboard"),
    )
    headings = parse(page).headings
    texts = [text for _, text in headings]
    assert len(texts) == len(set(texts)), headings
    assert headings[0][0] == 1 and "Council sells the harbour" in texts
    levels = [level for level, _ in headings]
    assert all(b <= a + 1 for a, b in pairwise(levels)), headings
    assert "<title>Council sells the harbour</title>" in page
    # A title that is not the article's still heads the page.
    other = parse(render_html(analysis, title="Harbour coverage")).headings
    assert other[:2] == [(1, "Harbour coverage"), (2, "Council sells the harbour")]


# --- in the browser ------------------------------------------------------------------------


@contextmanager
def report_page(browser: Any, tmp_path: Path, page_html: str, **viewport: int) -> Iterator[Any]:
    """The report opened from a file; a request leaving it, a console error (a CSP
    violation among them) or a script error fails the test."""
    report = tmp_path / "report.html"
    report.write_text(page_html, encoding="utf-8")
    context = browser.new_context(viewport=viewport or {"width": 1000, "height": 900})
    problems: list[str] = []

    def route(request_route: Any) -> None:
        if request_route.request.url == report.as_uri():
            request_route.continue_()
        else:
            problems.append(f"request: {request_route.request.url}")
            request_route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(f"script error: {exc}"))
    try:
        page.goto(report.as_uri())
        yield page
    finally:
        context.close()
    assert problems == []


def expect(locator: Any) -> Any:  # imported late: Playwright is optional
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


ACTIVE = "document.activeElement"


def test_the_keyboard_skips_from_the_slider_past_every_mark(browser: Any, tmp_path: Path) -> None:
    with report_page(
        browser, tmp_path, render_html([english_analysis(), german_analysis()])
    ) as page:
        link = page.locator('#article-0 a[href="#a0-after-text"]')
        hidden = link.bounding_box()
        assert hidden is not None and hidden["width"] <= 1 and hidden["height"] <= 1
        page.focus("#a0-min-score")
        page.keyboard.press("Tab")
        assert page.evaluate(f"{ACTIVE}.textContent") == "Skip past the article"
        shown = link.bounding_box()  # seen while it has the focus
        assert shown is not None and shown["width"] > 50
        page.keyboard.press("Enter")
        assert page.evaluate(f"{ACTIVE}.id") == "a0-after-text"
        page.keyboard.press("Tab")
        # Past the text: the first technique toggle of the legend, not a mark.
        assert page.evaluate(f"{ACTIVE}.matches('#a0-legend-list button.technique')")
        # The second article's link skips its own text.
        page.focus("#a1-min-score")
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        assert page.evaluate(f"{ACTIVE}.id") == "a1-after-text"


def test_the_slider_value_is_shown_but_not_announced(browser: Any, tmp_path: Path) -> None:
    # The <output> was a live region: a toggle pressed had "0%" read before the filter
    # status, and each step of the slider read its value twice.
    with report_page(browser, tmp_path, render_html(english_analysis())) as page:
        box = page.locator("#article-0 .confidence")
        value = page.locator("#a0-min-score-value")
        statuses = box.get_by_role("status")  # live regions, as a screen reader finds them
        assert statuses.count() == 1 and statuses.get_attribute("id") == "a0-min-score-status"
        [output] = _accessibility(page, "#a0-min-score-value")
        assert output["ignored"], output
        page.focus("#a0-min-score")
        page.keyboard.press("ArrowRight")
        expect(value).to_have_text("5%")
        assert value.is_visible()
        assert page.get_attribute("#a0-min-score", "aria-valuetext") == "5%"
        page.click("#a0-legend-list button.technique >> nth=0")
        expect(page.locator("#a0-min-score-status")).to_contain_text("Showing 1 of 2")
        assert statuses.count() == 1 and value.inner_text() == "5%"


def _accessibility(page: Any, selector: str) -> list[dict[str, Any]]:
    """The accessibility nodes of the elements `selector` finds, as Chromium gives them
    to a screen reader."""
    cdp = page.context.new_cdp_session(page)
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    found = cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": selector})["nodeIds"]
    return [
        cdp.send("Accessibility.getPartialAXTree", {"nodeId": node, "fetchRelatives": False})[
            "nodes"
        ][0]
        for node in found
    ]


def test_each_source_button_has_a_name_of_its_own(browser: Any, tmp_path: Path) -> None:
    # Three buttons read "she pronoun 1 statement" (article1111161303).
    with report_page(browser, tmp_path, render_html(english_analysis())) as page:
        buttons = page.locator("#article-0 button.source")
        names = [node["name"]["value"] for node in _accessibility(page, "#article-0 button.source")]
        assert len(names) == 4 and len(set(names)) == 4, names
        assert names[0] == "Tom Baker person 1 statement"  # already its own: unchanged
        for name, said in zip(
            names[1:], ("the plan had failed", "the boats were gone", "nothing more"), strict=True
        ):
            assert name.startswith("She pronoun 1 statement") and said in name, name
        # What is shown does not change: the first words are not seen.
        heights = [box["height"] for box in (b.bounding_box() for b in buttons.all()) if box]
        assert len(set(heights)) == 1
        hidden = page.locator("#article-0 button.source .visually-hidden").all()
        assert len(hidden) == 3
        for extra in hidden:
            box = extra.bounding_box()
            assert box is not None and box["width"] <= 1 and box["height"] <= 1


def hover(page: Any, mark: Any) -> None:
    """The pointer onto the middle of `mark`. (Playwright's own hover aims at the middle
    of the first box Chromium gives, which on a narrow screen is the hidden tooltip's.)"""
    box = mark.evaluate("m => m.getBoundingClientRect().toJSON()")
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


@pytest.mark.parametrize(
    "viewport",
    [{"width": 390, "height": 700}, {"width": 640, "height": 450}],  # a phone; 1280 at 200%
    ids=["phone", "zoomed"],
)
def test_on_a_narrow_screen_the_pointer_can_move_onto_the_tooltip(
    browser: Any, tmp_path: Path, viewport: dict[str, int]
) -> None:
    # The tooltip is pinned to the bottom of the window there, and showed only while its
    # mark was hovered: moving the pointer onto it hid it (WCAG 1.4.13, hoverable).
    text = (
        "Harbour\n\nA SHAMEFUL betrayal, they said. "
        + "Plain words fill this line. " * 60
        + "Can we really trust them?"
    )
    analysis = _analysis(
        text, [("SHAMEFUL", "Loaded_Language", 0.9), ("Can we really trust them?", "Doubt", 0.7)]
    )
    with report_page(browser, tmp_path, render_html(analysis), **viewport) as page:
        first, last = page.locator("#a0-text mark.span").all()
        tip = first.locator(".tip")
        first.evaluate("m => window.scrollBy(0, m.getBoundingClientRect().top - 60)")
        hover(page, first)
        expect(tip).to_be_visible()
        mark_box, tip_box = first.bounding_box(), tip.bounding_box()
        assert mark_box is not None and tip_box is not None
        assert tip_box["y"] > mark_box["y"] + mark_box["height"] + 100  # far below it
        # Across the plain text between them, onto the tooltip: it stays.
        page.mouse.move(
            tip_box["x"] + tip_box["width"] / 2, tip_box["y"] + tip_box["height"] / 2, steps=12
        )
        expect(tip).to_be_visible()
        page.wait_for_timeout(800)  # longer than it lingers after the pointer leaves
        expect(tip).to_be_visible()
        # The pointer leaves both: it goes.
        page.mouse.move(5, 5)
        expect(tip).to_be_hidden()
        # Escape hides it at once, the pointer still on the mark.
        hover(page, first)
        expect(tip).to_be_visible()
        page.keyboard.press("Escape")
        assert tip.is_hidden()
        # From the keyboard: Tab to the next mark hides the last one's tooltip at once.
        page.mouse.move(5, 5)
        page.focus("#a0-min-score")
        page.keyboard.press("Tab")  # the skip link
        page.keyboard.press("Tab")
        expect(tip).to_be_visible()
        page.keyboard.press("Tab")
        assert page.evaluate(f"{ACTIVE}.dataset.technique") == "Doubt"
        assert tip.is_hidden()
        expect(last.locator(".tip")).to_be_visible()
        # Focus gone too, the tooltip goes; hidden, no tooltip is copied with the text.
        page.evaluate(f"{ACTIVE}.blur()")
        expect(last.locator(".tip")).to_be_hidden()
        copied = page.evaluate(
            "() => { const r = document.createRange();"
            " r.selectNodeContents(document.getElementById('a0-text'));"
            " const s = getSelection(); s.removeAllRanges(); s.addRange(r); return s.toString(); }"
        )
        # (Word for word: where Chromium breaks a line around a mark is its own affair.)
        assert copied.split() == analysis.document.text.split()


def test_each_shown_mark_is_underlined_a_hidden_one_not(browser: Any, tmp_path: Path) -> None:
    """The pale fills stand 1.6-2.8:1 from the page: a darker line under each mark is
    what a reader with low vision finds (test_render_html.py checks its contrast)."""
    with report_page(browser, tmp_path, render_html(english_analysis())) as page:
        shadow = "getComputedStyle(document.querySelector(%r)).boxShadow"
        loaded = '#article-0 mark.span[data-technique="Loaded_Language"]'
        doubt = '#article-0 mark.span[data-technique="Doubt"]'
        for mark in (loaded, doubt):
            assert page.evaluate(shadow % mark) == "rgba(0, 0, 0, 0.45) 0px -2px 0px 0px inset"
        page.click('#a0-legend-list button.technique[data-technique="Loaded_Language"]')
        expect(page.locator(doubt)).to_have_class(re.compile(r"\boff\b"))
        assert page.evaluate(shadow % doubt) == "none"
        assert page.evaluate(shadow % loaded) != "none"
