"""The dashboard for keyboard, phone, screen reader and high-contrast users: every wide
table and chart scrolls in a focusable, named region; chart text stays readable at 390px;
nothing scrolls the page sideways at 320px; a missing rate says why in words on the page,
not only in a tooltip; the chart keys keep their colours in forced colours.

Records are built by hand (no model). The browser tests run the page in headless Chromium
(Playwright); they skip where either is absent, and fail so under CI=true."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest

from fakes import span_at as at
from propscope.analysis import (
    Actor,
    ActorLabel,
    Analysis,
    Attribution,
    Claim,
    TechniqueSpan,
)
from propscope.corpus import CorpusFigures
from propscope.document import Document
from propscope.render.dashboard import render_dashboard

MODEL = {
    "name": "propscope",
    "components": {"techniques": {"name": "techniques-minilm", "version": "0.3.2"}},
}
HOSTILE_OUTLET = "<b>Gazette</b> & Co"
A = (
    "The Jihadis shelled the town. The West calls them “moderate rebels”. Already the "
    "Jihadis are using suicide bombers, said the Russian military."
)
B = "The rebels took the bridge, the Russian military said. The rebels are Jihadis, Jihadis."
C = "A calm report with one SCANDAL word in it."


def technique(text: str, passage: str, name: str, nth: int = 0) -> TechniqueSpan:
    where = at(text, passage, nth)
    return TechniqueSpan(where.start, where.end, name, 0.9, passage)


def article(text: str, key: str, outlet: str, published: str) -> dict[str, Any]:
    """An analysis with every layer the dashboard shows: the Jihadis labelled twice (a
    frequent span), the Russian military quoted (a source), a claim per sentence."""
    sentence, jihadis = at(text, text.split(". ")[0]), at(text, "Jihadis")
    return Analysis(
        document=Document(text=text, id=key, source=outlet, published=published),
        techniques=[
            technique(text, "Jihadis", "Name_Calling,Labeling"),
            technique(text, "Jihadis", "Name_Calling,Labeling", nth=1),
        ],
        attributions=[
            Attribution(
                source=at(text, "the Russian military"),
                cue=at(text, "said"),
                content=at(text, text.split(", ")[0]),
                source_kind="organisation",
            )
        ],
        claims=[Claim(sentence.start, sentence.end, 0.8, sentence.text, attribution=0)],
        actors=[
            Actor(
                "Rebels",
                "group",
                mentions=(at(text, "Jihadis"),),
                labels=(ActorLabel(jihadis.start, jihadis.end, jihadis.text, distancing=False),),
                sources=(),
            )
        ],
        model=MODEL,
    ).to_dict()


def unread() -> dict[str, Any]:
    """The only article of its outlet and of its month, without the techniques layer and
    with no sentence scored: every rate of its outlet and month is missing."""
    return Analysis(
        document=Document(text=C, id="u", source="Wire", published="2024-05-20"),
        claims=[],
        model=MODEL,
    ).to_dict()


def tables_of(*records: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    figures = CorpusFigures()
    for item in records:
        figures.add(item)
    return figures.tables()


@pytest.fixture(scope="module")
def page() -> str:
    tables = tables_of(
        article(A, "a", HOSTILE_OUTLET, "2024-03-01"),
        article(B, "b", "Herald", "2024-04-02"),
        unread(),
    )
    return render_dashboard(tables, title="Corpus")


def visible(page: str) -> str:
    """The page without its JSON twin."""
    return page.split('<script type="application/json"')[0]


def css(page: str) -> str:
    match = re.search(r"<style>(.*?)</style>", page, re.S)
    assert match is not None
    return match.group(1)


class Elements(HTMLParser):
    """Every start tag of a page, in order, with its attributes, and the text of each
    element that has an id."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text_of: dict[str, str] = {}
        self._open: list[tuple[str, str | None]] = []
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        self.tags.append((tag, attributes))
        if tag not in ("meta", "link", "br", "hr", "img", "input", "col", "wbr"):
            self._open.append((tag, attributes.get("id")))
            if "id" in attributes:
                self.text_of[attributes["id"]] = ""

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        while any(open_tag == tag for open_tag, _ in self._open):
            if self._open.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        for _, id_ in self._open:
            if id_ is not None:
                self.text_of[id_] += data


# --- 1. scroll regions -------------------------------------------------------------------


def test_every_wide_table_and_chart_scrolls_in_a_focusable_named_region(page):
    elements = Elements(visible(page))
    tags = elements.tags
    regions = [i for i, (tag, a) in enumerate(tags) if "scroll" in a.get("class", "").split()]
    inside = {i + 1 for i in regions}
    tables = [i for i, (tag, a) in enumerate(tags) if tag == "table"]
    charts = [i for i, (tag, a) in enumerate(tags) if tag == "svg"]
    assert tables and charts
    # Each table and chart is the first thing in a region of its own, and nothing else is.
    assert set(tables) | set(charts) == inside
    named = []
    for i in regions:
        attributes, content = tags[i][1], tags[i + 1][1]
        assert attributes.get("tabindex") == "0", attributes
        assert attributes.get("role") == "region", attributes
        name = attributes.get("aria-labelledby")
        # The region is named as its table or chart is, by a heading or title with text.
        assert name and name == content.get("aria-labelledby"), (attributes, content)
        assert elements.text_of.get(name, "").strip(), name
        named.append(name)
    assert len(named) == len(set(named))
    for name in (
        "outlets-per1000",
        "outlets-share",
        "sources-title",
        "actors-title",
        "claims-outlets",
        "models-title",
        "outlets-chart-title",
        "time-chart-title",
        "sources-chart-title",
        "actors-chart-title",
    ):
        assert name in named
    # A focused region is seen: an outline of its own, not "none".
    focus = re.search(r"\.scroll:focus(?:-visible)?\s*\{([^}]*)\}", css(page))
    assert focus is not None and re.search(r"outline:\s*(?!none)\S", focus.group(1))


# --- 3. reflow at 320px ------------------------------------------------------------------


def test_the_frequent_span_columns_shrink_to_a_narrow_page(page):
    assert '<div class="spans">' in page
    rule = re.search(r"\.spans\s*\{([^}]*)\}", css(page))
    assert rule is not None
    # A column's minimum is 20rem or the whole width, whichever is less; never wider.
    assert re.search(r"minmax\(\s*min\(\s*20rem\s*,\s*100%\s*\)", rule.group(1)), rule.group(1)


# --- 4. a missing rate, in words --------------------------------------------------------


def test_a_missing_rate_is_a_dash_explained_on_the_page_not_only_in_a_tooltip(page):
    shown = visible(page)
    elements = Elements(shown)
    missing = [a for tag, a in elements.tags if tag == "td" and "missing" in a.get("class", "")]
    reasons = {a["title"] for a in missing}
    assert reasons == {"no English words to measure", "no sentences scored"}
    described = set()
    for cell in missing:
        key = cell.get("aria-describedby", "")
        # The key is visible text (not a tooltip, not hidden), names the dash and the reason.
        note = elements.text_of.get(key, "")
        assert "—" in note and cell["title"] in note, (cell, note)
        described.add(key)
    # Both heat tables of the outlets, the months, each outlet over time and the claims by
    # outlet.
    assert len(described) == 5, described
    for key in described:
        (tag, attributes) = next((t, a) for t, a in elements.tags if a.get("id") == key)
        assert tag == "p" and "sr" not in attributes.get("class", "").split()
    # The cells still show the dash.
    # (each outlet over time adds the cell's articles after it)
    cells = re.findall(r'<td class="num missing"[^>]*>—(?: <small>\([^<]*\)</small>)?</td>', shown)
    assert len(cells) == len(missing)


def test_a_table_without_a_missing_rate_has_no_key():
    tables = tables_of(article(A, "a", "Gazette", "2024-03-01"))
    shown = visible(render_dashboard(tables, title="Corpus"))
    assert "—</td>" not in shown and "marks no rate" not in shown


def test_an_outlet_name_is_escaped_wherever_the_page_names_it(page):
    shown = visible(page)
    # In the tables, the chart, and the caution about outlets of few articles.
    assert "<b>" not in shown
    assert shown.count("&lt;b&gt;Gazette&lt;/b&gt; &amp; Co") >= 4


# --- in Chromium -------------------------------------------------------------------------


def opened(browser: Any, html: str, **options: Any) -> Any:
    context = browser.new_context(**options)
    tab = context.new_page()
    tab.set_content(html)
    return context, tab


# The size a chart's text is drawn at on screen: its font size times the chart's scale.
CHART_TEXT_PX = """() => [...document.querySelectorAll('svg.chart')].map(svg => {
  const text = svg.querySelector('text');
  return [svg.getAttribute('aria-labelledby'),
          text.getScreenCTM().a * parseFloat(getComputedStyle(text).fontSize)];
})"""


def test_chart_text_is_readable_on_a_phone_and_the_chart_scrolls_not_the_page(browser, page):
    context, tab = opened(browser, page, viewport={"width": 390, "height": 844})
    try:
        sizes = dict(tab.evaluate(CHART_TEXT_PX))
        assert set(sizes) == {
            "outlets-chart-title",
            "time-chart-title",
            "sources-chart-title",
            "actors-chart-title",
        }
        assert all(px >= 9 for px in sizes.values()), sizes
        assert tab.evaluate("document.documentElement.scrollWidth") <= 390
        # The chart is wider than the phone: its own region scrolls, from the keyboard too.
        region = tab.locator('div.scroll:has(> svg[aria-labelledby="time-chart-title"])')
        assert region.evaluate("e => e.scrollWidth > e.clientWidth")
        region.focus()
        tab.keyboard.press("ArrowRight")
        tab.wait_for_function(
            "() => document.querySelector("
            "'div.scroll:has(> svg[aria-labelledby=\"time-chart-title\"])').scrollLeft > 0"
        )
    finally:
        context.close()


def test_nothing_scrolls_the_page_sideways_at_320px(browser, page):
    context, tab = opened(browser, page, viewport={"width": 320, "height": 640})
    try:
        assert tab.evaluate("document.documentElement.scrollWidth") <= 320
    finally:
        context.close()


# Each key's colour as drawn, beside the colour its style asks for (resolved by a probe
# element outside forced colours' reach).
KEY_COLOURS = """() => {
  const probe = document.createElement('span');
  probe.style.forcedColorAdjust = 'none';
  document.body.append(probe);
  return [...document.querySelectorAll('.swatch, .line-key')].map(key => {
    probe.style.backgroundColor = key.style.backgroundColor;
    return [getComputedStyle(key).backgroundColor, getComputedStyle(probe).backgroundColor];
  });
}"""

# The contrast of a chart's text against what lies behind it (WCAG's ratio).
CHART_TEXT_CONTRAST = """() => {
  const rgb = c => c.match(/[\\d.]+/g).map(Number);
  const lum = c => {
    const [r, g, b] = rgb(c).slice(0, 3).map(v => v / 255)
      .map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const behind = e => {
    for (; e; e = e.parentElement) {
      const c = getComputedStyle(e).backgroundColor;
      if (rgb(c).length === 3 || rgb(c)[3] > 0) return c;
    }
    return 'rgb(255, 255, 255)';
  };
  return [...document.querySelectorAll('svg.chart')].map(svg => {
    const [a, b] = [lum(getComputedStyle(svg.querySelector('text')).fill), lum(behind(svg))];
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  });
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_in_forced_colours_the_chart_keys_keep_their_colours_and_text_stays_legible(
    browser, page, scheme
):
    context, tab = opened(browser, page, forced_colors="active", color_scheme=scheme)
    try:
        assert tab.evaluate("matchMedia('(forced-colors: active)').matches")
        keys = tab.evaluate(KEY_COLOURS)
        assert len(keys) >= 4  # techniques, lines over time, actors' bars
        for drawn, asked in keys:
            assert drawn == asked
        contrasts = tab.evaluate(CHART_TEXT_CONTRAST)
        assert len(contrasts) == 4 and min(contrasts) >= 4.5, contrasts
    finally:
        context.close()
