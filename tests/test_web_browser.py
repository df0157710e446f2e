"""The page in headless Chromium (Playwright), against the real server on 127.0.0.1.

Skipped where Playwright or Chromium is absent; under CI=true that fails instead. Every
page is loaded with requests to anywhere but the service blocked and recorded, so a
CDN or any other outside request fails the test; Content-Security-Policy violations and
script errors fail it too. Screenshots go to /tmp/propscope-screenshots/."""

from __future__ import annotations

import functools
import re
from contextlib import contextmanager
from pathlib import Path

import pytest

from conftest import ROOT
from fakes import Ranker
from fakes import span_at as _span_at
from web_helpers import ARTICLE_HTML, BlockingAnalyzer, fake_analyzer, live_server, require

require("fastapi")
require("uvicorn")

from propscope import Analysis, Analyzer, Document, TechniqueSpan  # noqa: E402
from propscope.analysis import (  # noqa: E402
    AttributedSpan,
    Headline,
    UpdateLine,
    disputed_claims,
    summarize_techniques,
)
from propscope.render._spans import DOUBLE_STANDARD_NONE  # noqa: E402
from propscope.render.html import render_html  # noqa: E402
from propscope.store import Store  # noqa: E402
from propscope.techniques import get_technique  # noqa: E402
from propscope.web import WebSettings, create_app  # noqa: E402

SHOTS = Path("/tmp/propscope-screenshots")

ARTICLE = """Council sells the HARBOUR

The council voted on Tuesday to sell the old harbour, a SHAMEFUL betrayal of every family.

Can we really trust a man who changed his story three times?

"They are taking the bread from our mouths," said Tom Baker.

The developer claims 400 jobs, but independent estimates put the figure closer to 40.

Everyone in Brinmouth already knows the truth.

UPDATE: The council has not sold the harbour."""

LOADED = get_technique("Loaded_Language")
DOUBT = get_technique("Doubt")
# The document's text in an element of the page: without the hidden text that names a
# mark's techniques for screen readers.
DOCUMENT_TEXT = (
    "el => { const c = el.cloneNode(true); c.querySelectorAll('.said')"
    ".forEach(n => n.remove()); return c.textContent; }"
)


def _rgb(hex_colour: str) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


# --- fixtures ---------------------------------------------------------------------------


def expect(locator):  # imported late: Playwright is optional
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    path = tmp_path_factory.mktemp("web") / "analyses.db"
    app = create_app(fake_analyzer(), Store(path), WebSettings(max_chars=5_000))
    with live_server(app) as base:
        yield base


class Watched:
    """A page that records requests leaving the service, console errors and script
    errors; `check()` fails the test on any of them."""

    def __init__(self, context, base: str) -> None:
        self.base = base
        self.outside: list[str] = []
        self.problems: list[str] = []
        context.route("**/*", self._route)
        self.page = context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda exc: self.problems.append(f"script error: {exc}"))
        self.page.on("dialog", lambda dialog: self.problems.append(f"dialog: {dialog.message}"))

    def _route(self, route) -> None:
        if route.request.url.startswith(self.base + "/"):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def _console(self, message) -> None:
        text = message.text
        if message.type == "error" and "Failed to load resource" not in text:
            self.problems.append(f"console: {text}")
        if "Content Security Policy" in text:
            self.problems.append(f"CSP: {text}")

    def check(self) -> None:
        assert self.outside == [], "requests left the service"
        assert self.problems == []


@pytest.fixture
def watched(browser, service):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = Watched(context, service)
    yield page
    context.close()
    page.check()


def _analyze(page, base: str, text: str, title: str = "") -> None:
    page.goto(base + "/")
    if title:
        page.fill("#title", title)
    page.fill("#text", text)
    page.click("#analyze-button")
    page.wait_for_selector("#view-result:not([hidden]), #form-error:not([hidden])")
    if page.is_visible("#form-error"):
        pytest.fail(f"the page shows an error: {page.inner_text('#form-error')}")
    assert re.search(r"/a/[\w-]+$", page.url), page.url


# --- the page ---------------------------------------------------------------------------


def test_a_pasted_article_shows_every_span_in_its_colour(watched):
    page = watched.page
    _analyze(page, watched.base, ARTICLE)
    assert page.inner_text("#r-title") == "Council sells the HARBOUR"
    marks = page.locator('#r-text mark.span[tabindex="0"]')
    texts = marks.evaluate_all(f"els => els.map({DOCUMENT_TEXT})")
    assert texts == [
        "HARBOUR",
        "SHAMEFUL",
        "Can we really trust a man who changed his story three times?",
        "UPDATE:",
    ]
    colour = page.locator('#r-text mark[data-technique="Loaded_Language"]').first.evaluate(
        "el => getComputedStyle(el).backgroundColor"
    )
    assert colour == _rgb(LOADED.colour)
    # The text block holds exactly the document's text, nothing added.
    shown = page.locator("#r-text").evaluate(DOCUMENT_TEXT)
    assert shown == ARTICLE
    panel = page.locator("#technique-list button.technique")
    assert panel.all_inner_texts() == ["Loaded language\n3\nspans", "Doubt\n1\nspan"]


def test_the_keyboard_alone_reaches_a_span_and_reads_its_definition(watched):
    page = watched.page
    _analyze(page, watched.base, ARTICLE)
    page.goto(page.url)  # start from a fresh page, focus at the top
    page.wait_for_selector("#r-text mark.span")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('#r-text mark.span')"):
            break
    else:
        pytest.fail("Tab never reached a highlighted span")
    assert page.evaluate(f"({DOCUMENT_TEXT})(document.activeElement)") == "HARBOUR"
    tip = page.locator("#tip")
    assert tip.is_visible()
    assert "Loaded language" in tip.inner_text()
    assert LOADED.definition in tip.inner_text()
    assert "80% confidence" in tip.inner_text()
    assert LOADED.example in tip.inner_text()
    page.keyboard.press("Escape")
    assert not tip.is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate(f"({DOCUMENT_TEXT})(document.activeElement)") == "SHAMEFUL"
    assert tip.is_visible()


def test_the_permanent_link_survives_a_reload(watched):
    page = watched.page
    _analyze(page, watched.base, ARTICLE, title="Permalink test")
    link = page.url
    assert page.get_attribute("#r-permalink", "href") == link.removeprefix(watched.base)
    page.reload()
    page.wait_for_selector("#r-text mark.span")
    assert page.url == link
    assert page.inner_text("#r-title") == "Permalink test"
    assert page.locator('#r-text mark.span[tabindex="0"]').count() == 4
    other = page.context.new_page()
    other.goto(link)
    other.wait_for_selector("#r-text mark.span")
    assert other.inner_text("#r-title") == "Permalink test"


def test_the_side_panel_filters_the_text_by_technique(watched):
    page = watched.page
    _analyze(page, watched.base, ARTICLE)
    doubt = page.locator('#technique-list button[data-technique="Doubt"]')
    doubt.click()
    assert doubt.get_attribute("aria-pressed") == "true"
    loaded = page.locator('#r-text mark[data-technique="Loaded_Language"]').first
    assert loaded.evaluate("el => getComputedStyle(el).backgroundColor") == "rgba(0, 0, 0, 0)"
    assert loaded.get_attribute("tabindex") == "-1"
    question = page.locator('#r-text mark[data-technique="Doubt"]')
    assert question.evaluate("el => getComputedStyle(el).backgroundColor") == _rgb(DOUBT.colour)
    assert page.inner_text("#filter-status") == "Showing 1 span: Doubt."
    # From the keyboard, only the chosen technique's span is a tab stop now.
    question.focus()
    page.keyboard.press("Shift+Tab")
    assert not page.evaluate("document.activeElement.matches('#r-text mark')")
    page.click("#show-all")
    assert loaded.evaluate("el => getComputedStyle(el).backgroundColor") == _rgb(LOADED.colour)
    assert doubt.get_attribute("aria-pressed") == "false"


def test_the_other_layers_have_their_panels(watched):
    page = watched.page
    _analyze(page, watched.base, ARTICLE)
    headline = page.locator("#headline-panel")
    assert "Contradicts the headline." in headline.inner_text()
    assert "UPDATE: The council has not sold the harbour." in headline.inner_text()
    assert "The body disagrees with the headline (70% likely)." in headline.inner_text()
    headline.locator("button.show").click()
    painted = page.evaluate(
        "[...CSS.highlights.get('ps-content')].map(r => r.toString()).join('|')"
    )
    assert painted.startswith("The council voted on Tuesday") and painted.endswith("family.")
    sources = page.locator("#sources-panel")
    assert page.inner_text("#src-heading") == "Sources and statements"
    assert "Tom Baker" in sources.inner_text() and "No source" in sources.inner_text()
    page.click("#source-list button.source >> nth=0")
    painted = page.evaluate(
        "[...CSS.highlights.get('ps-content')].map(r => r.toString()).join('|')"
    )
    assert painted == "They are taking the bread from our mouths"
    assert "1 statement by Tom Baker (person) highlighted" in page.inner_text("#source-status")
    figures = page.locator("#figures-panel")
    assert "tenfold" in figures.inner_text()
    assert figures.locator("tr.flagged").count() == 2
    # The figures that disagree stay marked in the text, whatever a button highlights.
    flagged = figures.locator("tr.flagged td:nth-child(2)").all_inner_texts()
    assert sorted(page.evaluate(FIGURES_PAINTED)) == sorted(flagged)
    assert "these figures have a double red underline" in figures.inner_text()
    page.click("#source-list button.source >> nth=0")  # pressed again: released
    assert page.evaluate(PAINTED_CONTENT) == ""
    assert sorted(page.evaluate(FIGURES_PAINTED)) == sorted(flagged)


FIGURES_PAINTED = "[...(CSS.highlights.get('ps-figure') || [])].map(r => r.toString())"
PAINTED_CONTENT = "[...(CSS.highlights.get('ps-content') || [])].map(r => r.toString()).join('')"


JOBS = "The developer claims 400 jobs, but independent estimates put the figure closer to 40."
PAINTED = "[...(CSS.highlights.get('ps-content') || [])].map(r => r.toString()).join('')"


def test_the_claims_panel_lists_the_sentences_to_check_first(watched):
    page = watched.page
    _analyze(page, watched.base, ARTICLE)
    panel = page.locator("#claims-panel")
    assert panel.is_visible()
    assert "Claims to check first" in panel.inner_text()
    assert "7 sentences scored; 1 is worth checking (50% or more)." in panel.inner_text()
    # The article's update line contradicts its headline: both come first (see
    # test_the_claims_the_article_calls_into_question_come_first); the five others follow.
    assert page.locator("#claim-list li.disputed").count() == 2
    claims = page.locator("#claim-list li:not(.disputed) button.claim")
    assert claims.count() == 5
    first = claims.first
    assert first.locator(".sentence").inner_text() == JOBS
    assert first.locator(".percent").inner_text() == "99%"
    # The others score 6-27%, highest first (ties in text order); the question keeps half
    # of its 12%.
    percents = [int(p.rstrip("%")) for p in claims.locator(".percent").all_inner_texts()]
    assert percents == [99, 27, 12, 12, 6]
    assert not page.is_visible("#claims-more")  # only one sentence is worth checking
    # Pressing the first claim highlights exactly its sentence and says so.
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    first.click()
    assert first.get_attribute("aria-pressed") == "true"
    status = page.locator("#claim-status")
    assert status.get_attribute("role") == "status"
    said = status.inner_text()
    assert said.startswith("The sentence “The developer claims 400 jobs, but independent")
    assert said.endswith("…” is highlighted in the text.")
    assert page.evaluate(PAINTED) == JOBS
    in_view = page.evaluate(
        "(() => { const r = [...CSS.highlights.get('ps-content')][0].getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= window.innerHeight; })()"
    )
    assert in_view, "the highlighted sentence was not scrolled into view"
    # Another panel's button takes the highlight over and clears this status line.
    page.click("#source-list button.source >> nth=0")
    assert first.get_attribute("aria-pressed") == "false" and status.inner_text() == ""
    # Pressing a claim twice clears the highlight; the keyboard reaches it too.
    first.focus()
    page.keyboard.press("Enter")
    assert page.evaluate(PAINTED) == JOBS
    page.keyboard.press("Enter")
    assert first.get_attribute("aria-pressed") == "false"
    assert page.evaluate(PAINTED) == "" and status.inner_text() == ""


def test_each_claim_says_who_it_is_attributed_to(watched):
    page = watched.page
    text = (
        '"The council promised 400 jobs," said Tom Baker.\n\n'
        "Everyone knows the estimates are wrong.\n\nThe harbour is old."
    )
    _analyze(page, watched.base, text, title="Harbour plans")
    claims = page.locator("#claim-list li")
    assert claims.count() == 4  # every sentence: fewer than five
    baker, everyone = claims.nth(0), claims.nth(1)
    assert "Tom Baker" in baker.inner_text()
    assert baker.locator(".by").inner_text() == "Said by: Tom Baker person"
    assert everyone.locator(".by").inner_text() == "Said by: unattributed"
    assert claims.nth(2).locator(".by").count() == 0  # no statement in it
    # A source's name is painted too, as the sources panel does.
    baker.locator("button").click()
    names = "[...CSS.highlights.get('ps-source')].map(r => r.toString()).join('|')"
    assert page.evaluate(names) == "Tom Baker"


def test_past_five_claims_worth_checking_the_rest_fold_and_none_says_so(watched):
    page = watched.page
    line = "The developer says the plan will bring {}00 new jobs to the town."
    text = "\n\n".join(line.format(n) for n in range(1, 8)) + "\n\nThe end."
    _analyze(page, watched.base, text, title="Many")
    items = page.locator("#claim-list li")
    more = page.locator("#claims-more")
    assert items.count() == 7 and page.locator("#claim-list li:visible").count() == 5
    assert items.first.locator(".sentence").inner_text() == line.format(4)
    assert more.inner_text() == "Show all 7 sentences worth checking"
    assert more.get_attribute("aria-expanded") == "false"
    more.click()
    assert page.locator("#claim-list li:visible").count() == 7
    assert more.get_attribute("aria-expanded") == "true"
    # Folding away a highlighted claim clears its highlight.
    items.nth(6).locator("button").click()
    assert page.evaluate(PAINTED) == line.format(7)
    more.click()
    assert page.locator("#claim-list li:visible").count() == 5
    assert page.evaluate(PAINTED) == "" and page.inner_text("#claim-status") == ""
    # A text with no sentence in it (one digit: no letters or digits at all is refused as
    # empty): the layer ran and found nothing to score.
    _analyze(page, watched.base, "— 7 —")
    assert page.inner_text("#claims-summary") == "No sentences scored."
    assert page.locator("#claim-list li").count() == 0
    assert not page.is_visible("#claims-help")
    # Not English: the layer did not run, so there is no panel, only the note.
    french = (
        "Le conseil municipal promet quatre cents emplois, mais les estimations "
        "indépendantes disent quarante emplois seulement."
    )
    _analyze(page, watched.base, french)
    assert not page.is_visible("#claims-panel")
    assert "Claims were not scored" in page.inner_text("#r-notes")


def test_a_claim_holding_html_is_shown_as_text_and_runs_nothing(watched):
    page = watched.page
    sentence = (
        "The developer claims <script>window.__pwned = 1</script> 400 jobs, but "
        "independent estimates say 40."
    )
    _analyze(page, watched.base, f"Harbour plans\n\nThe harbour is old.\n\n{sentence}")
    first = page.locator("#claim-list button.claim").first
    assert first.locator(".sentence").inner_text() == sentence
    first.click()
    assert page.evaluate(PAINTED) == sentence
    assert "<script>window.__pwned = 1</script>" in page.inner_text("#claim-status")
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("document.querySelectorAll('main script').length") == 0


# An update line contradicting the headline (the fake says any "UPDATE:" line does), and a
# headline holding markup: the claims panel lists both first, then the others by score.
DISPUTED_TITLE = "Council sells harbour <script>window.__pwned=1</script>"
DISPUTED = """The council voted to sell the harbour on Tuesday.

The harbour was built in 1850.

The developer promises 400 jobs.

Locals fear the estimates are wrong.

UPDATE: The council has not sold the harbour."""
ATTRIBUTES = "b => [...b.attributes].map(a => a.name + '=' + a.value).sort()"


def test_the_claims_the_article_calls_into_question_come_first(watched):
    page = watched.page
    _analyze(page, watched.base, DISPUTED, title=DISPUTED_TITLE)
    assert page.inner_text("#claims-summary") == (
        "6 sentences scored; 2 are worth checking (50% or more). The article itself calls "
        "2 other sentences into question, whatever their scores; they come first."
    )
    items = page.locator("#claim-list > li")
    assert items.count() == 6 and page.locator("#claim-list li:visible").count() == 6
    assert not page.is_visible("#claims-more")
    assert items.locator(".sentence").all_inner_texts() == [
        DISPUTED_TITLE,
        "UPDATE: The council has not sold the harbour.",
        "The developer promises 400 jobs.",
        "Locals fear the estimates are wrong.",
        "The council voted to sell the harbour on Tuesday.",
        "The harbour was built in 1850.",
    ]
    # The first two are marked "!" (no score) with the reason in words under them.
    headline, update = items.nth(0), items.nth(1)
    for item in (headline, update):
        assert item.get_attribute("class") == "disputed"
        assert item.locator(".score.disputed .mark").inner_text() == "!"
        assert item.locator(".percent, .bar").count() == 0
    assert headline.locator(".why").inner_text() == (
        "the article's own update line contradicts this headline"
    )
    assert update.locator(".why").inner_text() == (
        "it contradicts the article's headline, and the body does not say it"
    )
    name = headline.locator("button").evaluate("b => b.textContent")
    assert name.startswith("!Called into question: " + DISPUTED_TITLE)
    # The mark and the reason are in the page's warning red, the mark white on it.
    mark = headline.locator(".mark").evaluate(
        "el => [getComputedStyle(el).backgroundColor, getComputedStyle(el).color]"
    )
    assert mark == ["rgb(176, 0, 32)", "rgb(255, 255, 255)"]
    why = headline.locator(".why").evaluate("el => getComputedStyle(el).color")
    assert why == "rgb(176, 0, 32)"
    # The others by score, highest first, as before.
    ranked = page.locator("#claim-list li:not(.disputed)")
    assert ranked.locator(".percent").all_inner_texts() == ["99%", "88%", "27%", "12%"]
    assert ranked.locator(".why, .mark").count() == 0
    # A disputed claim's button is a claim button like the others.
    first, other = headline.locator("button"), ranked.first.locator("button")
    assert (
        first.evaluate(ATTRIBUTES)
        == other.evaluate(ATTRIBUTES)
        == [
            "aria-controls=r-text",
            "aria-pressed=false",
            "class=claim",
            "type=button",
        ]
    )
    # Pressing it highlights the headline's sentence, and says so, as the others do.
    first.click()
    assert first.get_attribute("aria-pressed") == "true"
    assert page.evaluate(PAINTED) == DISPUTED_TITLE
    assert page.locator("#r-text").evaluate(DOCUMENT_TEXT).startswith(DISPUTED_TITLE)
    assert page.inner_text("#claim-status") == (
        f"The sentence “{DISPUTED_TITLE}” is highlighted in the text."
    )
    # Another claim takes the highlight over; the keyboard presses and releases one too.
    other.click()
    assert first.get_attribute("aria-pressed") == "false"
    assert page.evaluate(PAINTED) == "The developer promises 400 jobs."
    update.locator("button").focus()
    page.keyboard.press("Enter")
    assert page.evaluate(PAINTED) == "UPDATE: The council has not sold the harbour."
    page.keyboard.press("Enter")
    assert page.evaluate(PAINTED) == "" and page.inner_text("#claim-status") == ""
    # The markup in the headline is text: nothing ran, no element was made of it.
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("document.querySelectorAll('main script').length") == 0
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("#claims-panel").screenshot(path=SHOTS / "claims-disputed.png")


# Hand-made headline layers for DISPUTED, one per branch of disputed_claims: (case,
# title, the update line's kind, contradicts_headline, reflected_in_body, stance).
HEADLINE_CASES = [
    ("editor's note", "Harbour sold", "editors_note", True, True, None),
    ("correction", "Harbour sold", "correction", True, None, None),
    # Longer in UTF-16 units than in code points: the offsets count code points.
    ("emoji", "Harbour sold 🎣🎣🎣", "update", True, False, None),
    ("disagree", "Harbour sold", "update", False, False, "disagree"),
    ("agree", "Harbour sold", "update", False, None, "agree"),
    ("headline without text", None, "update", None, False, None),
    ("no headline layer", "Harbour sold", None, None, None, None),
]


def _headline(
    doc: Document,
    kind: str | None,
    contradicts: bool | None,
    reflected: bool | None,
    stance: str | None,
) -> Headline | None:
    if kind is None:
        return None
    start = doc.text.index("UPDATE:")
    line = UpdateLine(start, len(doc.text), kind, contradicts, reflected, text=doc.text[start:])
    return Headline(None if contradicts is None else doc.title, (line,), stance)


def test_the_page_finds_the_claims_in_question_as_the_python_does(browser, tmp_path):
    """Each branch of disputed_claims, on hand-made headline layers: the page lists the
    same claims, with the same reasons, as propscope.analysis.disputed_claims."""
    store = Store(tmp_path / "a.db")
    expected = {}
    for case, title, *layer in HEADLINE_CASES:
        doc = Document.from_text(DISPUTED, title=title, origin="The text")
        analysis = fake_analyzer()(doc)
        headline = analysis.headline = _headline(doc, *layer)
        claims = analysis.claims or []
        found = disputed_claims(claims, headline)
        want = [(claims[i].text, found[i]) for i in sorted(found)]
        expected[store.add(analysis).id] = (case, want)
    assert [len(want) for _, want in expected.values()] == [2, 2, 2, 1, 0, 0, 0]
    # The kinds and the body's silence in words, as the HTML report says them.
    reasons = {case: [why for _, why in want] for case, want in expected.values()}
    assert reasons["editor's note"] == [
        "the article's own editor's note line contradicts this headline",
        "it contradicts the article's headline",
    ]
    assert reasons["correction"][0] == "the article's own correction line contradicts this headline"
    assert reasons["disagree"] == ["the article's body disagrees with this headline"]
    app = create_app(fake_analyzer(), store)
    with live_server(app) as base:
        context = browser.new_context()
        page = Watched(context, base)
        try:
            for id, (case, want) in expected.items():
                page.page.goto(f"{base}/a/{id}")
                page.page.wait_for_selector("#claim-list li")
                disputed = page.page.locator("#claim-list li.disputed")
                got = list(
                    zip(
                        disputed.locator(".sentence").all_inner_texts(),
                        disputed.locator(".why").all_inner_texts(),
                        strict=True,
                    )
                )
                assert got == want, case
                summary = page.page.inner_text("#claims-summary")
                assert ("calls" in summary) == bool(want), case
        finally:
            context.close()
        page.check()


# The fake's actors: Hale (five mentions, the title's among them; labelled so-called
# “moderate rebels”) and Baker (three, the source of one statement). The question at
# the end is doubt, touching both.
ACTORS = """Hale and the harbour

Councillor Hale sold the harbour. Hale says the so-called "moderate rebels" of the \
fishing fleet oppose him.

"Hale lied to us," said Tom Baker.

Baker wants a vote. Is Hale AFRAID of Baker?"""

# Each range of highlight `name` as [offset in the text block, text], in text order
# (the marks' hidden text left out).
PAINTED_AT = """name => {
  const found = CSS.highlights.get(name);
  if (!found) { return []; }
  const text = document.getElementById('r-text');
  const words = range => {
    const part = range.cloneContents();
    part.querySelectorAll('.said').forEach(n => n.remove());
    return part.textContent;
  };
  return [...found].map(range => {
    const before = document.createRange();
    before.setStart(text, 0);
    before.setEnd(range.startContainer, range.startOffset);
    return [words(before).length, words(range)];
  }).sort((a, b) => a[0] - b[0]);
}"""


# Not English: the layers that read English grammar are left out, with a note.
FRENCH = (
    "Le conseil municipal de Brinmouth promet quatre cents emplois, mais Brinmouth "
    "sait que les estimations indépendantes disent quarante emplois seulement."
)

DOUBLES = """Two harbours

The Harbour Board is praised for dredging the river. Nobody asked why.

The council says <b>so</b>. The mill is condemned for dredging the river."""


def test_the_double_standards_panel_lists_each_and_highlights_both_passages(watched):
    page = watched.page
    _analyze(page, watched.base, DOUBLES)
    panel = page.locator("#doubles-panel")
    assert panel.is_visible()
    assert page.inner_text("#dbl-heading") == "Double standards (whataboutism)"
    button = page.locator("#double-list button.double")
    assert button.count() == 1
    assert button.inner_text() == (
        "One act, two judgements: “dredging the river” — Board (praised) / mill (condemned)"
    )
    quotes = page.locator("#double-list blockquote").all_inner_texts()
    one = "The Harbour Board is praised for dredging the river."
    two = "The mill is condemned for dredging the river."
    assert quotes == [one, two]
    text = page.locator("#r-text").evaluate(DOCUMENT_TEXT)
    assert "<b>so</b>" in text  # the article's markup is shown as text
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    assert page.evaluate(PAINTED_AT, "ps-content") == [
        [text.index(one), one],
        [text.index(two), two],
    ]
    status = page.locator("#double-status")
    assert status.inner_text() == (
        "The passages of “One act, two judgements” highlighted in the text."
    )
    button.click()
    assert page.evaluate(PAINTED_AT, "ps-content") == [] and status.inner_text() == ""
    # The layer ran and found none; not English: no layer, so no panel, only the note.
    _analyze(page, watched.base, ACTORS)
    assert panel.is_visible()
    assert page.locator("#double-list").inner_text() == DOUBLE_STANDARD_NONE
    assert not page.is_visible("#doubles-help")
    _analyze(page, watched.base, FRENCH)
    assert not panel.is_visible()
    assert "Double standards were not looked for" in page.inner_text("#r-notes")


def _at(text: str, word: str) -> list[list[int | str]]:
    return [[m.start(), word] for m in re.finditer(rf"\b{re.escape(word)}\b", text)]


def test_the_actors_panel_lists_actors_most_mentioned_first_and_highlights_one(watched):
    page = watched.page
    _analyze(page, watched.base, ACTORS)
    panel = page.locator("#actors-panel")
    assert panel.is_visible()
    assert page.inner_text("#act-heading") == "Actors"
    buttons = page.locator("#actor-list button.actor")
    assert buttons.locator(".name").all_inner_texts() == ["Hale", "Baker"]
    assert buttons.locator(".kind").all_inner_texts() == ["person", "person"]
    assert buttons.locator(".count").all_inner_texts() == ["5 mentions", "3 mentions"]
    hale, baker = page.locator("#actor-list > li").all()
    facts = hale.locator("dl.actor-facts")
    assert facts.get_attribute("aria-label") == "About Hale"
    assert facts.locator("dt").all_inner_texts() == [
        "Labels",
        "Techniques touching it",
        "Claims it is the source of",
    ]
    labels, touching, sources = facts.locator("dd").all()
    assert labels.locator(".distancing").inner_text() == "so-called “moderate rebels”"
    assert labels.locator(".badge").inner_text() == "distancing"
    assert labels.text_content() == "so-called “moderate rebels”distancing ×1"
    assert touching.text_content() == "Doubt"
    assert sources.text_content() == "none"
    assert [dd.text_content() for dd in baker.locator("dd").all()] == [
        "none",
        "Doubt",
        "1 statement",
    ]
    # Pressing Hale paints exactly its mentions, and its distancing label apart.
    text = page.locator("#r-text").evaluate(DOCUMENT_TEXT)
    assert text == ACTORS
    button = buttons.first
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    assert page.evaluate(PAINTED_AT, "ps-mention") == _at(ACTORS, "Hale")
    assert page.evaluate(PAINTED_AT, "ps-distancing") == _at(ACTORS, "moderate rebels")
    assert page.evaluate(PAINTED_AT, "ps-content") == []
    status = page.locator("#actor-status")
    assert status.get_attribute("role") == "status"
    assert status.inner_text() == "5 mentions of Hale (person) highlighted in the text."
    # Another actor takes the highlight over; pressing it again clears everything.
    buttons.nth(1).click()
    assert button.get_attribute("aria-pressed") == "false"
    assert page.evaluate(PAINTED_AT, "ps-mention") == _at(ACTORS, "Baker")
    assert page.evaluate(PAINTED_AT, "ps-distancing") == []
    assert status.inner_text() == "3 mentions of Baker (person) highlighted in the text."
    buttons.nth(1).click()
    assert buttons.nth(1).get_attribute("aria-pressed") == "false"
    assert page.evaluate(PAINTED_AT, "ps-mention") == [] and status.inner_text() == ""
    # A source's button takes over from an actor's, and clears its status line.
    button.click()
    page.click("#source-list button.source >> nth=0")
    assert button.get_attribute("aria-pressed") == "false" and status.inner_text() == ""
    assert page.evaluate(PAINTED_AT, "ps-mention") == []
    # No name said twice: the layer ran and found no actor.
    _analyze(page, watched.base, ARTICLE)
    assert panel.is_visible()
    assert page.locator("#actor-list").inner_text() == "No actors found."
    assert not page.is_visible("#actors-help")
    # Not English: no layer, so no panel, only the note.
    _analyze(page, watched.base, FRENCH)
    assert not panel.is_visible()
    assert "Actors were not computed" in page.inner_text("#r-notes")


def test_the_keyboard_reaches_an_actor_and_presses_it(watched):
    page = watched.page
    _analyze(page, watched.base, ACTORS)
    page.goto(page.url)  # start from a fresh page, focus at the top
    page.wait_for_selector("#actor-list button.actor")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('#actor-list button.actor')"):
            break
    else:
        pytest.fail("Tab never reached an actor")
    focused = "document.activeElement.querySelector('.name').textContent"
    assert page.evaluate(focused) == "Hale"
    page.keyboard.press("Enter")
    hale = page.locator("#actor-list button.actor").first
    assert hale.get_attribute("aria-pressed") == "true"
    assert page.evaluate(PAINTED_AT, "ps-mention") == _at(ACTORS, "Hale")
    assert page.inner_text("#actor-status") == (
        "5 mentions of Hale (person) highlighted in the text."
    )
    # The first mention (in the title, above) is scrolled into view.
    in_view = page.evaluate(
        "(() => { const r = [...CSS.highlights.get('ps-mention')][0].getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= window.innerHeight; })()"
    )
    assert in_view, "the first mention was not scrolled into view"
    page.keyboard.press("Enter")
    assert hale.get_attribute("aria-pressed") == "false"
    assert page.evaluate(PAINTED_AT, "ps-mention") == []
    assert page.inner_text("#actor-status") == ""


def test_an_actor_label_holding_html_is_shown_as_text_and_runs_nothing(watched):
    page = watched.page
    label = "<script>window.__pwned=1</script>"
    text = (
        "Hale and the harbour\n\nHale and Baker met on the quay. Baker calls the "
        f'fishermen the so-called "{label}" of the town.'
    )
    _analyze(page, watched.base, text)
    hale = page.locator("#actor-list > li").first
    assert hale.locator(".name").inner_text() == "Hale"
    assert hale.locator(".distancing").inner_text() == f"so-called “{label}”"
    hale.locator("button").click()
    assert page.evaluate(PAINTED_AT, "ps-distancing") == [[text.index(label), label]]
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("document.querySelectorAll('main script').length") == 0


def test_an_article_full_of_html_is_shown_as_text_and_runs_nothing(watched):
    page = watched.page
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    text = (
        "<script>window.__pwned=1</script>\n\n"
        '<img src=x onerror="window.__pwned=2">\n\n'
        '<a href="javascript:window.__pwned=3">click</a> <b onmouseover="window.__pwned=4">'
        "bold</b> and OUTRAGEOUS."
    )
    _analyze(page, watched.base, text, title='<img src=y onerror="window.__pwned=5">')
    page.hover("#r-text mark.span")
    page.hover("#r-text", position={"x": 5, "y": 5})
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#r-text").evaluate(DOCUMENT_TEXT) == (
        '<img src=y onerror="window.__pwned=5">\n\n' + text
    )
    assert page.inner_text("#r-title") == '<img src=y onerror="window.__pwned=5">'
    assert (
        page.evaluate(
            "document.querySelectorAll('main script, main img, main a[href^=javascript]').length"
        )
        == 0
    )
    page.goto(watched.base + "/history")
    page.wait_for_selector("#history-list li")
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#history-list img").count() == 0
    assert not [url for url in requested if url.endswith(("/x", "/y"))]


def test_errors_show_next_to_the_input(watched):
    page = watched.page
    page.goto(watched.base + "/")
    page.click("#analyze-button")
    error = page.locator("#form-error")
    assert error.inner_text() == "Paste the article's text first."
    assert page.get_attribute("#text", "aria-invalid") == "true"
    page.fill("#text", "x" * 5_001)
    page.click("#analyze-button")
    expect(error).to_contain_text("5,001")
    assert "at most 5,000" in error.inner_text()
    page.check('input[name="mode"][value="url"]')
    page.fill("#url", "file:///etc/passwd")
    page.click("#analyze-button")
    expect(error).to_contain_text("http://")
    assert "only http:// and https://" in error.inner_text()
    assert "Traceback" not in page.content()
    assert page.url == watched.base + "/"  # still on the form, input kept
    assert page.input_value("#url") == "file:///etc/passwd"


def test_a_saved_page_opened_from_disk_is_read_as_a_fetched_one(watched):
    page = watched.page
    page.goto(watched.base + "/")
    page.check('input[name="mode"][value="file"]')
    assert page.is_hidden("#text") and page.is_visible("#file")
    page.click("#analyze-button")
    error = page.locator("#form-error")
    expect(error).to_have_text("Choose the saved page (.html) or a text file first.")
    assert page.get_attribute("#file", "aria-invalid") == "true"
    # Saved in Windows' Western encoding, as older sites serve pages: "café" is one byte.
    html = ARTICLE_HTML.replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
    html = html.replace("a skipper.", "a skipper at the café.")
    saved = {"name": "harbour.html", "mimeType": "text/html", "buffer": html.encode("cp1252")}
    page.set_input_files("#file", files=[saved])
    page.click("#analyze-button")
    page.wait_for_selector("#view-result:not([hidden])")
    assert page.inner_text("#r-title") == "Council sells the HARBOUR"
    text = page.inner_text("#r-text")
    assert "a skipper at the café." in text and "Copyright" not in text
    # A text file is sent as text, its first line and an empty line the title.
    page.goto(watched.base + "/")
    page.check('input[name="mode"][value="file"]')
    plain = {"name": "note.txt", "mimeType": "text/plain", "buffer": ARTICLE.encode()}
    page.set_input_files("#file", files=[plain])
    page.click("#analyze-button")
    page.wait_for_selector("#view-result:not([hidden])")
    assert page.inner_text("#r-title") == ARTICLE.split("\n", 1)[0]


def test_a_saved_page_clicked_twice_is_sent_once(watched):
    # The button went busy only once the file was read: a second click in between read
    # and sent the page again, and the history held two analyses of it.
    page = watched.page
    posts: list[str] = []
    page.on(
        "request",
        lambda r: posts.append(r.url) if r.method == "POST" and "/api/analyze" in r.url else None,
    )
    page.goto(watched.base + "/")
    page.check('input[name="mode"][value="file"]')
    padding = "<!--" + "x" * 3_000_000 + "-->"  # long enough to read for a while
    saved = {
        "name": "harbour.html",
        "mimeType": "text/html",
        "buffer": ARTICLE_HTML.replace("</head>", padding + "</head>").encode(),
    }
    page.set_input_files("#file", files=[saved])
    page.dblclick("#analyze-button")
    page.wait_for_selector("#view-result:not([hidden])")
    page.wait_for_timeout(300)  # room for a second request, were one sent
    assert len(posts) == 1, posts


def test_the_history_lists_analyses_newest_first_and_searches(watched):
    page = watched.page
    for title in ("Harbour history one", "Bridge history two"):
        _analyze(page, watched.base, "Some TEXT here.", title=title)
    page.goto(watched.base + "/history")
    page.wait_for_selector("#history-list li")
    titles = page.locator("#history-list li a").all_inner_texts()
    assert titles.index("Bridge history two") < titles.index("Harbour history one")
    page.fill("#query", "harbour history")
    page.keyboard.press("Enter")
    expect(page.locator("#history-list li")).to_have_count(1)
    assert page.url.endswith("/history?query=harbour+history")
    page.click("#history-list li a")
    page.wait_for_selector("#r-text mark.span")
    assert page.inner_text("#r-title") == "Harbour history one"


def test_the_page_shows_progress_while_an_analysis_runs(browser, tmp_path):
    blocking = BlockingAnalyzer()
    app = create_app(blocking, Store(tmp_path / "a.db"))  # type: ignore[arg-type]
    with live_server(app) as base:
        context = browser.new_context()
        page = Watched(context, base)
        try:
            page.page.goto(base + "/")
            page.page.fill("#text", "A SLOW one.")
            page.page.click("#analyze-button")  # which focuses it
            # Playwright's own default wait: 10 s ran out once under a full test run.
            assert blocking.started.wait(30)
            progress = page.page.locator("#progress")
            assert progress.is_visible()
            assert "Analyzing the article" in page.page.inner_text("#progress-text")
            # Busy, and still holding the keyboard's focus (a disabled button drops it to
            # the page's start for the whole wait).
            assert page.page.get_attribute("#analyze-button", "aria-disabled") == "true"
            assert page.page.evaluate("document.activeElement.id") == "analyze-button"
            blocking.release.set()
            page.page.wait_for_selector("#r-text mark.span")
            assert not progress.is_visible()
        finally:
            blocking.release.set()
            context.close()
        page.check()


def test_a_right_to_left_override_in_a_title_or_site_reorders_only_itself(browser, tmp_path):
    # A site name and a title holding U+202E (right-to-left override), as a fetched page
    # can bring: each is isolated, so the date and address beside them keep their order.
    store = Store(tmp_path / "a.db")
    doc = Document.from_text(
        "Some TEXT here.",
        title="\u202eCouncil sells harbour",
        source="\u202eBrinmouth Gazette",
        url="https://news.example/story",
        published="2024-03-05",
        origin="The text",
    )
    stored = store.add(fake_analyzer()(doc))
    with live_server(create_app(fake_analyzer(), store)) as base:
        context = browser.new_context()
        page = Watched(context, base)
        try:
            page.page.goto(f"{base}/a/{stored.id}")
            page.page.wait_for_selector("#r-text mark.span")
            parts = page.page.locator("#r-meta > bdi.part")
            assert parts.all_text_contents()[:3] == [
                "\u202eBrinmouth Gazette",
                "published 2024-03-05",
                "https://news.example/story",
            ]
            assert parts.last.text_content().startswith("analyzed ")
            # The separators are text between the parts, not inside any of them.
            assert page.page.locator("#r-meta").evaluate(
                "el => [...el.childNodes].filter(n => n.nodeType === 3)"
                ".every(n => n.textContent === ' · ')"
            )
            isolation = "el => getComputedStyle(el).unicodeBidi"
            assert page.page.locator("#r-title").evaluate(isolation) == "isolate"
            assert parts.first.evaluate(isolation) == "isolate"
            page.page.goto(f"{base}/history")
            page.page.wait_for_selector("#history-list li")
            item = page.page.locator("#history-list li").first
            assert item.locator("a").evaluate(isolation) == "isolate"
            assert item.locator(".meta > bdi.part").first.text_content() == (
                "\u202eBrinmouth Gazette"
            )
            assert item.locator(".meta > bdi.part").count() == 4
        finally:
            context.close()
        page.check()


def test_an_unknown_permalink_says_so(watched):
    page = watched.page
    response = page.goto(watched.base + "/a/no-such-id")
    assert response.status == 404
    page.wait_for_selector("#view-missing:not([hidden])")
    assert "No analysis has the id 'no-such-id'" in page.inner_text("#missing-message")


def test_the_api_docs_load_with_nothing_from_outside(watched):
    page = watched.page
    page.goto(watched.base + "/docs")
    page.wait_for_selector(".opblock", timeout=15_000)
    assert "/api/analyze" in page.inner_text("#swagger-ui")


# --- minimum confidence: the page and the HTML report ---------------------------------

BG = "el => getComputedStyle(el).backgroundColor"
# The text of an element as a reader sees it, without the hidden tooltips and the text
# only screen readers read.
WITHOUT_TIPS = (
    "el => { const c = el.cloneNode(true); c.querySelectorAll('.tip, .sr')"
    ".forEach(t => t.remove()); return c.textContent; }"
)
RAW_SCORES = (
    "These scores are the model's raw probabilities, not calibrated: read them as a ranking."
)
CALIBRATED_SCORES = (
    "Scores are calibrated: of the spans scored 30%, about 30% were right when the model "
    "was cross-validated."
)


def test_the_minimum_confidence_slider_combines_with_the_technique_buttons(watched):
    page = watched.page
    _analyze(page, watched.base, ARTICLE)  # loaded language scores 80%, doubt 60%
    slider = page.locator("#min-score")
    status = page.locator("#filter-status")
    assert status.get_attribute("role") == "status"
    assert page.is_visible("#score-filter")
    assert page.inner_text("label[for=min-score]") == (
        "Show techniques at least this likely to be right"
    )
    assert slider.input_value() == "0" and page.inner_text("#min-score-value") == "0%"
    # The fake analyzer says nothing of calibration: its scores are read as raw.
    assert page.inner_text("#score-help") == RAW_SCORES
    assert slider.get_attribute("aria-describedby") == "score-help"
    marks = page.locator("#r-text mark.span")
    assert marks.evaluate_all("ms => ms.map(m => m.dataset.score)") == ["0.8", "0.8", "0.6", "0.8"]
    question = page.locator('#r-text mark[data-technique="Doubt"]')
    shameful = page.locator("#r-text mark.span", has_text="SHAMEFUL")
    slider.fill("70")
    assert page.inner_text("#min-score-value") == "70%"
    assert slider.get_attribute("aria-valuetext") == "70%"
    assert status.inner_text() == "Showing 3 of 4 technique spans (≥ 70%)."
    assert question.evaluate(BG) == "rgba(0, 0, 0, 0)"
    assert question.get_attribute("tabindex") == "-1"
    assert question.get_attribute("aria-describedby") is None
    assert question.get_attribute("aria-hidden") is None  # its text stays readable
    assert shameful.evaluate(BG) == _rgb(LOADED.colour)
    assert shameful.get_attribute("tabindex") == "0"
    assert page.locator("#r-text").evaluate(DOCUMENT_TEXT) == ARTICLE
    # Hovering the span below the minimum shows no tooltip; one above it does.
    question.hover()
    assert not page.is_visible("#tip")
    shameful.hover()
    assert page.is_visible("#tip") and "80% confidence" in page.inner_text("#tip")
    # With a technique chosen, a span is shown only if both filters allow it.
    page.click('#technique-list button[data-technique="Doubt"]')
    assert status.inner_text() == "Showing 0 of 4 technique spans (≥ 70%): Doubt."
    assert shameful.evaluate(BG) == "rgba(0, 0, 0, 0)" and question.evaluate(BG) == (
        "rgba(0, 0, 0, 0)"
    )
    slider.fill("60")
    assert status.inner_text() == "Showing 1 of 4 technique spans (≥ 60%): Doubt."
    assert question.evaluate(BG) == _rgb(DOUBT.colour)
    assert question.get_attribute("tabindex") == "0"
    assert question.get_attribute("aria-label") is None  # a <mark> cannot take a name
    # Read out before the passage: the technique and its confidence; on focus, the
    # definition.
    assert question.locator(".said").text_content() == "Doubt, 60% confidence. "
    described = question.get_attribute("aria-describedby")
    assert page.locator(f"#{described}").text_content() == DOUBT.definition
    assert shameful.get_attribute("tabindex") == "-1"
    page.click("#show-all")
    assert status.inner_text() == "Showing 4 of 4 technique spans (≥ 60%)."
    assert slider.input_value() == "60"  # "Show all techniques" leaves the slider alone
    slider.fill("0")
    assert status.inner_text() == "Showing every technique."
    assert shameful.evaluate(BG) == _rgb(LOADED.colour)
    # Another analysis starts from 0 again.
    slider.fill("85")
    assert marks.evaluate_all("ms => ms.filter(m => !m.classList.contains('off')).length") == 0
    _analyze(page, watched.base, ARTICLE)
    assert slider.input_value() == "0" and page.inner_text("#min-score-value") == "0%"
    assert page.locator("#r-text mark.span.off").count() == 0
    # No spans, nothing to filter: no slider.
    _analyze(page, watched.base, "nothing shouts here.")
    assert not page.is_visible("#score-filter")


def test_the_slider_is_kept_in_the_address_and_the_counts_follow_it(watched):
    page = watched.page
    _analyze(page, watched.base, ARTICLE)  # loaded language scores 80% (3 spans), doubt 60%
    link = page.url
    path = link.removeprefix(watched.base)
    slider = page.locator("#min-score")
    counts = page.locator("#technique-list button.technique")
    question = page.locator('#r-text mark[data-technique="Doubt"]')
    assert counts.all_inner_texts() == ["Loaded language\n3\nspans", "Doubt\n1\nspan"]
    slider.fill("70")
    assert page.url == link + "?min=0.70"
    assert page.get_attribute("#r-permalink", "href") == path + "?min=0.70"
    assert page.inner_text("#r-permalink") == link + "?min=0.70"
    assert counts.all_inner_texts() == ["Loaded language\n3\nspans", "Doubt\n0\nspans"]
    # A reload (or the link, copied) shows the same spans.
    page.reload()
    page.wait_for_selector("#r-text mark.span")
    assert slider.input_value() == "70" and page.inner_text("#min-score-value") == "70%"
    assert page.inner_text("#filter-status") == "Showing 3 of 4 technique spans (≥ 70%)."
    assert question.evaluate(BG) == "rgba(0, 0, 0, 0)"
    assert counts.all_inner_texts() == ["Loaded language\n3\nspans", "Doubt\n0\nspans"]
    slider.fill("85")
    assert page.url == link + "?min=0.85"
    assert counts.all_inner_texts() == ["Loaded language\n0\nspans", "Doubt\n0\nspans"]
    # The counts follow the slider only: a chosen technique leaves the others' counts.
    page.click('#technique-list button[data-technique="Doubt"]')
    slider.fill("60")
    assert counts.all_inner_texts() == ["Loaded language\n3\nspans", "Doubt\n1\nspan"]
    page.click("#show-all")
    slider.fill("0")
    assert page.url == link and page.get_attribute("#r-permalink", "href") == path
    # An address written by hand: the slider's steps of 5 apply, nonsense is ignored.
    page.goto(link + "?min=0.62")
    page.wait_for_selector("#r-text mark.span")
    assert slider.input_value() == "60" and page.url == link + "?min=0.60"
    assert counts.all_inner_texts() == ["Loaded language\n3\nspans", "Doubt\n1\nspan"]
    page.goto(link + "?min=lots")
    page.wait_for_selector("#r-text mark.span")
    assert slider.input_value() == "0" and page.url == link
    assert page.inner_text("#filter-status") == ""


# --- "Which technique?" for a passage the reader selects --------------------------------


# Characters beyond U+FFFF before the passages: the API counts code points, the page
# UTF-16 units. The question holds markup, to be shown as text.
ASKED = """Harbour sold 🎣🎣

The council sold the harbour, a SHAMEFUL betrayal of every family.

<b>Can we trust them?</b>"""

SELECT = """passage => {
  const box = document.getElementById('r-text');
  const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
  const nodes = [];
  let node, pos = 0, text = '';
  while ((node = walker.nextNode())) {
    if (node.parentElement.closest('.said')) { continue; }
    nodes.push([node, pos]); pos += node.length; text += node.data;
  }
  const at = offset => {
    const [found, start] = nodes.find(([n, p]) => offset <= p + n.length);
    return [found, offset - start];
  };
  const start = text.indexOf(passage);
  const range = document.createRange();
  range.setStart(...at(start));
  range.setEnd(...at(start + passage.length));
  getSelection().removeAllRanges();
  getSelection().addRange(range);
}"""

ASK_HELP = (
    "If this passage is propaganda, the model's guess at its technique (probabilities add up to 1)."
)


@contextmanager
def _asking(browser, tmp_path, ranker, viewport):
    """A page showing ASKED, analyzed by a service whose techniques layer is `ranker`;
    the page's console and requests are checked at the end."""
    analyzer = Analyzer.from_components([("techniques", ranker)])
    app = create_app(analyzer, Store(tmp_path / "a.db"), WebSettings(max_chars=5_000))
    with live_server(app) as base:
        context = browser.new_context(viewport=viewport)
        watched = Watched(context, base)
        try:
            _analyze(watched.page, base, ASKED)
            yield watched.page
        finally:
            context.close()
        watched.check()


def test_a_selected_passage_gets_the_models_guess_at_its_technique(browser, tmp_path):
    ranker = Ranker()
    with _asking(browser, tmp_path, ranker, {"width": 1280, "height": 900}) as page:
        button = page.locator("#classify-button")
        popover = page.locator("#classify-popover")
        assert not button.is_visible() and not popover.is_visible()
        # Across the mark around SHAMEFUL, with white space at both ends.
        page.evaluate(SELECT, " a SHAMEFUL betrayal of every family.\n")
        expect(button).to_be_visible()
        assert button.inner_text() == "Which technique?"
        box, chosen = button.bounding_box(), page.locator("#r-text mark.span").bounding_box()
        assert abs(box["y"] - (chosen["y"] + chosen["height"])) < 40  # under the passage
        button.click()
        expect(popover.locator("ol.ranked li")).to_have_count(3)
        assert ranker.asked == ["a SHAMEFUL betrayal of every family."]
        assert popover.get_attribute("role") == "dialog"
        assert popover.get_attribute("aria-labelledby") == "classify-heading"
        assert page.evaluate("document.activeElement.id") == "classify-popover"
        assert page.inner_text("#classify-heading") == "Which technique is this?"
        assert page.inner_text("#classify-help") == ASK_HELP
        assert page.get_attribute("#classify-result", "aria-live") == "polite"
        assert page.inner_text("#classify-passage") == "“a SHAMEFUL betrayal of every family.”"
        items = popover.locator("ol.ranked li")
        assert items.locator(".name").all_inner_texts() == [
            "Loaded language",
            "Name-calling",
            "Exaggeration",
        ]
        assert items.locator(".percent").all_inner_texts() == ["50%", "20%", "10%"]
        swatch = items.first.locator(".swatch").evaluate(BG)
        assert swatch == _rgb(LOADED.colour)
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SHOTS / "which-technique.png")
        # Escape closes it and gives the focus back to the button.
        page.keyboard.press("Escape")
        assert not popover.is_visible()
        assert page.evaluate("document.activeElement.id") == "classify-button"
        # Another passage, holding markup: shown as text, closed with its button.
        page.evaluate(SELECT, "<b>Can we trust them?</b>")
        button.click()
        expect(items).to_have_count(3)
        assert items.locator(".name").first.inner_text() == "Doubt"
        assert ranker.asked[-1] == "<b>Can we trust them?</b>"
        assert page.inner_text("#classify-passage") == "“<b>Can we trust them?</b>”"
        assert popover.locator("b").count() == 0
        page.click("#classify-close")
        assert not popover.is_visible()
        # A selection outside the article gets no button.
        page.evaluate("() => getSelection().selectAllChildren(document.getElementById('r-title'))")
        expect(button).to_be_hidden()
        assert page.locator("#r-text").evaluate(DOCUMENT_TEXT) == ASKED


def test_on_a_phone_the_answer_never_covers_the_passage_asked_about(browser, tmp_path):
    # On a phone the answer is a sheet pinned to the bottom of the screen. The last
    # passage of a short article sits where that sheet opens: the page must make room
    # to scroll the passage above it.
    with _asking(browser, tmp_path, Ranker(), {"width": 390, "height": 844}) as page:
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        page.evaluate(SELECT, "<b>Can we trust them?</b>")
        expect(page.locator("#classify-button")).to_be_visible()
        length = page.evaluate("document.documentElement.scrollHeight")
        page.click("#classify-button")
        popover = page.locator("#classify-popover")
        expect(popover.locator("ol.ranked li")).to_have_count(3)
        passage = page.evaluate(
            "() => getSelection().getRangeAt(0).getBoundingClientRect().toJSON()"
        )
        sheet = popover.bounding_box()
        assert passage["bottom"] <= sheet["y"], (passage, sheet)
        assert passage["top"] >= 0
        # Closed, the page is as long as before.
        page.click("#classify-close")
        assert page.evaluate("document.documentElement.scrollHeight") == length


def test_asking_a_service_that_cannot_classify_says_why(watched):
    page = watched.page
    _analyze(page, watched.base, ARTICLE)  # the fake analyzer's shouter ranks nothing
    page.evaluate(SELECT, "a SHAMEFUL betrayal")
    page.click("#classify-button")
    error = page.locator("#classify-result .error")
    expect(error).to_be_visible()
    assert "no techniques component that classifies chosen passages" in error.inner_text()
    assert page.locator("#classify-popover ol.ranked").count() == 0


# Nested spans, each side of 50%: an outer span below it around an inner one above it,
# and an outer one above it around an inner one below it.
NESTED = """Harbour sale

The council sold the harbour, a SHAMEFUL betrayal of every family.

Can we trust them?"""


def _hand_analysis(
    text: str, marked: list[tuple[str, str, float]], model: dict[str, object]
) -> Analysis:
    """An analysis of `text` with a span for each (passage, technique, score)."""
    doc = Document.from_text(text, origin="The text")
    spans = []
    for passage, technique, score in marked:
        start = text.index(passage)
        spans.append(TechniqueSpan(start, start + len(passage), technique, score, passage))
    spans.sort(key=lambda s: (s.start, -s.end))
    summary = summarize_techniques(doc.text, spans)
    return Analysis(document=doc, techniques=spans, summary=summary, model=model)


def _nested_analysis(model: dict[str, object]) -> Analysis:
    marked = [
        ("a SHAMEFUL betrayal of every family", "Loaded_Language", 0.4),
        ("SHAMEFUL", "Exaggeration,Minimisation", 0.9),
        ("Can we trust them?", "Doubt", 0.75),
        ("trust", "Loaded_Language", 0.3),
    ]
    return _hand_analysis(NESTED, marked, model)


CALIBRATED_MODEL = {"name": "propscope", "components": {"techniques": {"scores": "calibrated"}}}
EXAGGERATION = get_technique("Exaggeration,Minimisation")


FOCUSED_MARK = "document.activeElement.matches('mark.span')"


def _tab_through_marks(page) -> list[str]:
    """The techniques of the marks Tab reaches, in order, from the first mark after the
    focus to the first thing after it that is not a mark."""
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUSED_MARK):
            break
    reached = []
    while page.evaluate(FOCUSED_MARK) and len(reached) < 20:
        reached.append(page.evaluate("document.activeElement.dataset.technique"))
        page.keyboard.press("Tab")
    return reached


def test_the_slider_keeps_marks_nested_in_or_around_a_hidden_one(browser, tmp_path):
    with _stored_page(browser, tmp_path, _nested_analysis(CALIBRATED_MODEL)) as page:
        page.wait_for_selector("#r-text mark.span")
        assert page.inner_text("#score-help") == CALIBRATED_SCORES
        outer, inner, question, trust = page.locator("#r-text mark.span").all()
        inner.hover()
        assert "Inside: Loaded language" in page.inner_text("#tip")
        # From the keyboard: the arrow keys move the slider in steps of 5.
        page.focus("#min-score")
        for _ in range(10):
            page.keyboard.press("ArrowRight")
        assert page.input_value("#min-score") == "50"
        assert page.inner_text("#filter-status") == "Showing 2 of 4 technique spans (≥ 50%)."
        assert [m.evaluate(BG) for m in (outer, inner, question, trust)] == [
            "rgba(0, 0, 0, 0)",
            _rgb(EXAGGERATION.colour),
            _rgb(DOUBT.colour),
            "rgba(0, 0, 0, 0)",
        ]
        # Tab from the slider reaches the two marks shown, and nothing else in the text.
        assert _tab_through_marks(page) == ["Exaggeration,Minimisation", "Doubt"]
        # The inner mark's tooltip no longer names the hidden one around it...
        page.mouse.move(0, 0)
        inner.hover()
        assert page.is_visible("#tip")
        tip = page.inner_text("#tip")
        assert tip.startswith(EXAGGERATION.label) and "Inside" not in tip
        # ...and over the hidden inner one, the question around it gives the tooltip.
        trust.hover()
        assert page.is_visible("#tip") and page.inner_text("#tip").startswith("Doubt")
        page.mouse.move(0, 0)
        outer.hover(position={"x": 2, "y": 2})  # "a", in no mark shown
        assert not page.is_visible("#tip")
        assert page.locator("#r-text").evaluate(DOCUMENT_TEXT) == NESTED


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 700}, {"width": 390, "height": 700}]
)
def test_a_report_tooltip_reached_by_tab_near_the_bottom_stays_in_view(browser, tmp_path, viewport):
    # On a desktop the tooltip of a mark near the window's bottom ran off it; on a phone
    # the tooltip pinned to the bottom covered the mark Tab had scrolled to (review,
    # session 39).
    text = "Far down\n\n" + "Plain words fill this line. " * 120 + "A SHAMEFUL lie, they said."
    analysis = _hand_analysis(text, [("SHAMEFUL", "Loaded_Language", 0.9)], CALIBRATED_MODEL)
    report = tmp_path / "report.html"
    report.write_text(render_html(analysis), encoding="utf-8")
    context = browser.new_context(viewport=viewport)
    watched = Watched(context, tmp_path.as_uri())
    try:
        page = watched.page
        page.goto(report.as_uri())
        mark = page.locator("#a0-text mark.span").first
        mark.focus()
        mark.evaluate("m => m.scrollIntoView({block: 'end'})")
        mark.evaluate("m => { m.blur(); m.focus(); }")
        tip = mark.locator(".tip")
        tip.wait_for(state="visible")
        tip_box, mark_box = tip.bounding_box(), mark.bounding_box()
        assert tip_box is not None and mark_box is not None
        height = page.evaluate("window.innerHeight")
        assert tip_box["y"] >= 0 and tip_box["y"] + tip_box["height"] <= height
        # The tooltip covers no part of its mark.
        above = tip_box["y"] + tip_box["height"] <= mark_box["y"] + 1
        below = tip_box["y"] >= mark_box["y"] + mark_box["height"] - 1
        assert above or below
    finally:
        context.close()
    watched.check()


def test_the_report_slider_hides_spans_below_the_minimum_confidence(browser, tmp_path):
    report = tmp_path / "report.html"
    report.write_text(render_html(_nested_analysis(CALIBRATED_MODEL)), encoding="utf-8")
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    watched = Watched(context, tmp_path.as_uri())
    try:
        page = watched.page
        page.goto(report.as_uri())
        text = page.locator("#a0-text")
        status = page.locator("#a0-min-score-status")
        slider = page.locator("#a0-min-score")
        assert slider.is_visible()
        assert page.inner_text("label[for=a0-min-score]") == (
            "Show techniques at least this likely to be right"
        )
        assert page.inner_text("#a0-min-score-note") == CALIBRATED_SCORES
        assert status.get_attribute("role") == "status"
        assert status.inner_text() == "Showing all 4 technique spans."
        outer, inner, question, trust = text.locator("mark.span").all()
        slider.focus()
        for _ in range(10):
            page.keyboard.press("ArrowRight")
        assert page.inner_text("#a0-min-score-value") == "50%"
        assert slider.get_attribute("aria-valuetext") == "50%"
        assert status.inner_text() == "Showing 2 of 4 technique spans (≥ 50%)."
        assert [m.evaluate(BG) for m in (outer, inner, question, trust)] == [
            "rgba(0, 0, 0, 0)",
            _rgb(EXAGGERATION.colour),
            _rgb(DOUBT.colour),
            "rgba(0, 0, 0, 0)",
        ]
        assert [m.get_attribute("tabindex") for m in (outer, inner, question, trust)] == [
            "-1",
            "0",
            "0",
            "-1",
        ]
        assert outer.get_attribute("aria-describedby") is None
        assert inner.get_attribute("aria-label") is None  # a <mark> cannot take a name
        assert page.locator(f"#{inner.get_attribute('aria-describedby')}").text_content() == (
            EXAGGERATION.definition
        )
        # What a screen reader reads of the text: each mark shown names its technique once.
        said = text.evaluate(
            "el => [...el.querySelectorAll('.sr')].map(s => getComputedStyle(s).display"
            " === 'none' ? '' : [...s.children].filter(c => getComputedStyle(c).display"
            " !== 'none').map(c => c.textContent).join(''))"
        )
        assert said == ["", "Exaggeration, 90% confidence. ", "Doubt, 75% confidence. ", ""]
        assert _tab_through_marks(page) == ["Exaggeration,Minimisation", "Doubt"]
        # The hidden marks show no tooltip; over the hidden inner one, the outer's shows.
        tips = "el => [...el.querySelectorAll('.tip')].map(t => getComputedStyle(t).display)"
        page.mouse.move(0, 0)
        outer.hover(position={"x": 2, "y": 2})
        assert text.evaluate(tips) == ["none"] * 4
        trust.hover()
        assert text.evaluate(tips) == ["none", "none", "block", "none"]
        # The article reads as before: the tooltips are hidden, the text is all there.
        shown = text.evaluate(WITHOUT_TIPS)
        assert shown == NESTED
        slider.fill("95")
        assert status.inner_text() == "Showing 0 of 4 technique spans (≥ 95%)."
        assert text.locator("mark.span.off").count() == 4
        page.keyboard.press("Home")
        assert status.inner_text() == "Showing all 4 technique spans."
        assert text.locator("mark.span.off").count() == 0
    finally:
        context.close()
    watched.check()
    # Without JavaScript the slider is not shown and every span keeps its mark.
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(report.as_uri())
        assert not page.is_visible("#a0-min-score")
        assert page.inner_text("#a0-min-score-note") == CALIBRATED_SCORES
        marks = page.locator("#a0-text mark.span")
        assert marks.count() == 4 and page.locator("#a0-text mark.span.off").count() == 0
        assert marks.evaluate_all("ms => ms.map(m => m.getAttribute('tabindex'))") == ["0"] * 4
        assert marks.nth(0).evaluate(BG) == _rgb(LOADED.colour)
    finally:
        context.close()


# --- screenshots: desktop and phone ----------------------------------------------------


@pytest.mark.parametrize(
    ("name", "viewport"),
    [("desktop", {"width": 1280, "height": 900}), ("phone", {"width": 390, "height": 844})],
)
def test_screenshots_fit_the_screen(browser, service, name, viewport):
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport=viewport)
    page = Watched(context, service)
    try:
        p = page.page
        p.goto(service + "/")
        p.screenshot(path=SHOTS / f"{name}-form.png", full_page=True)
        _analyze(p, service, ARTICLE)
        p.focus("#r-text mark.span >> nth=0")
        p.screenshot(path=SHOTS / f"{name}-analysis.png")
        p.screenshot(path=SHOTS / f"{name}-analysis-full.png", full_page=True)
        # Nothing wider than the screen: no sideways scrolling on a phone.
        assert p.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        tip = p.locator("#tip").bounding_box()
        assert tip is not None and 0 <= tip["x"] and tip["x"] + tip["width"] <= viewport["width"]
        p.goto(service + "/history")
        p.wait_for_selector("#history-list li")
        p.screenshot(path=SHOTS / f"{name}-history.png", full_page=True)
        assert p.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    finally:
        context.close()
    page.check()


@pytest.mark.parametrize(
    ("name", "viewport"),
    [("desktop", {"width": 1280, "height": 900}), ("phone", {"width": 390, "height": 844})],
)
def test_the_actors_panel_fits_the_screen(browser, service, name, viewport):
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport=viewport)
    page = Watched(context, service)
    try:
        p = page.page
        _analyze(p, service, ACTORS)
        p.click("#actor-list button.actor >> nth=0")
        p.screenshot(path=SHOTS / f"{name}-actors-text.png")
        p.locator("#actors-panel").scroll_into_view_if_needed()
        p.screenshot(path=SHOTS / f"{name}-actors-panel.png")
        assert p.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    finally:
        context.close()
    page.check()


# --- the real analyzer ------------------------------------------------------------------


@pytest.mark.model
def test_the_real_analyzer_marks_the_example_article(browser, tmp_path):
    text = (ROOT / "examples" / "harbour_council.txt").read_text(encoding="utf-8")
    app = create_app(store=Store(tmp_path / "a.db"))  # the default analyzer, built lazily
    with live_server(app) as base:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = Watched(context, base)
        try:
            p = page.page
            p.set_default_timeout(120_000)
            _analyze(p, base, text)
            p.wait_for_selector("#r-text mark.span")
            techniques = set(
                p.locator("#r-text mark.span").evaluate_all(
                    "marks => marks.map(m => m.dataset.technique)"
                )
            )
            assert len(techniques) >= 2
            assert p.locator('#r-text mark.span[tabindex="0"]').count() >= 3
            assert p.locator("#source-list > li").count() >= 2
            conflict = p.inner_text("#figures-panel .conflicts")
            assert "“400”" in conflict and "“40”" in conflict
            SHOTS.mkdir(parents=True, exist_ok=True)
            p.screenshot(path=SHOTS / "real-analyzer.png", full_page=True)
        finally:
            context.close()
        page.check()


# --- technique toggles in the HTML report's legend --------------------------------------

HOSTILE_REPORT = """Breaking <script>window.ran = 1; alert("ran")</script> news

A <img src=x onerror="window.ran = 2"> plan. Can we trust them?"""
PRESSED = "ms => ms.map(m => m.getAttribute('aria-pressed'))"
SHOWN = "ms => ms.filter(m => !m.classList.contains('off')).map(m => m.dataset.technique)"


def _hostile_report_analysis() -> Analysis:
    marked = [
        ('<script>window.ran = 1; alert("ran")</script>', "Loaded_Language", 0.9),
        ('<img src=x onerror="window.ran = 2">', "Doubt", 0.6),
        ("Can we trust them?", "Doubt", 0.7),
    ]
    return _hand_analysis(HOSTILE_REPORT, marked, CALIBRATED_MODEL)


def test_the_report_marks_the_figures_that_disagree_in_the_text(browser, tmp_path):
    from propscope.components.figures import FigureFinder

    text = (
        "Estimates differ\n\n"
        "Officials said between 1,200 and 12,000 fighters took part. "
        "Later, the army put the attackers at 300 fighters. They had 20 tanks."
    )
    analysis = Analysis(document=Document.from_text(text))
    FigureFinder()([analysis.document], [analysis])
    assert analysis.figure_conflicts  # the hand-made text has a spread
    report = tmp_path / "report.html"
    report.write_text(render_html(analysis), encoding="utf-8")
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    watched = Watched(context, tmp_path.as_uri())
    try:
        page = watched.page
        page.goto(report.as_uri())
        painted = page.evaluate(FIGURES_PAINTED)
        flagged = {i for conflict in analysis.figure_conflicts for i in conflict.figures}
        assert sorted(painted) == sorted(analysis.figures[i].text for i in flagged)
        assert "between 1,200 and 12,000" in painted and "20" not in painted
        style = page.evaluate(
            "getComputedStyle(document.getElementById('a0-text'), '::highlight(ps-figure)')"
            ".textDecorationStyle"
        )
        assert style == "double"
        watched.check()
    finally:
        context.close()


def test_the_report_copies_as_the_article_reads_and_lays_out_each_paragraph_its_way(
    browser, tmp_path
):
    from propscope.components.figures import FigureFinder

    # Copying marked text pasted the hidden screen-reader labels into it ("...to Loaded
    # language, 17% confidence.restart..."); a NUL, dropped by the parser, moved every
    # highlight after it; an Arabic paragraph was laid out left to right.
    arabic = (
        "\u0637\u0644\u0628 \u0627\u0644\u062c\u064a\u0634 \u0627\u0644\u0631\u0648\u0633\u064a."
    )
    text = (
        "Estimates differ\n\nUPDATE: the army denies it.\n\n"
        "A SHAMEFUL\x00 betrayal. Officials said between 1,200 and 12,000 fighters took part.\n\n"
        + arabic
        + "\n"
    )
    analysis = _hand_analysis(text, [("SHAMEFUL", "Loaded_Language", 0.4)], CALIBRATED_MODEL)
    FigureFinder()([analysis.document], [analysis])
    with _report_page(browser, tmp_path, analysis) as page:
        copied = page.evaluate(
            "() => { const r = document.createRange();"
            " r.selectNodeContents(document.getElementById('a0-text'));"
            " const s = getSelection(); s.removeAllRanges(); s.addRange(r); return s.toString(); }"
        )
        assert copied == analysis.document.text.replace("\x00", "\u2400").rstrip("\n")
        assert page.evaluate(FIGURES_PAINTED) == ["between 1,200 and 12,000"]
        edges = page.evaluate(
            "(words) => { const block = document.getElementById('a0-text');"
            " const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);"
            " const found = {}; let node;"
            " while ((node = walker.nextNode())) { for (const w of words) {"
            "  const at = node.data.indexOf(w); if (at < 0) continue;"
            "  const r = document.createRange();"
            "  r.setStart(node, at); r.setEnd(node, at + w.length);"
            "  const box = r.getBoundingClientRect(); found[w] = [box.left, box.right]; } }"
            " const outer = block.getBoundingClientRect();"
            " return {found, left: outer.left, right: outer.right}; }",
            [arabic, "UPDATE"],
        )
        assert abs(edges["found"][arabic][1] - edges["right"]) < 2  # right-aligned
        assert edges["found"]["UPDATE"][0] < edges["left"] + 60  # English stays on the left


def _toggle_report(tmp_path: Path) -> Path:
    report = tmp_path / "report.html"
    analyses = [_nested_analysis(CALIBRATED_MODEL), _hostile_report_analysis()]
    report.write_text(render_html(analyses), encoding="utf-8")
    return report


def test_the_report_legend_toggles_combine_with_the_slider(browser, tmp_path):
    report = _toggle_report(tmp_path)
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    watched = Watched(context, tmp_path.as_uri())
    try:
        page = watched.page
        page.goto(report.as_uri())
        marks = page.locator("#a0-text mark.span")
        outer, inner, question, trust = marks.all()
        status = page.locator("#a0-min-score-status")
        slider = page.locator("#a0-min-score")
        toggles = page.locator("#a0-legend-list button.technique")
        show_all = page.locator("#a0-legend-list ~ button.show-all")
        # One toggle per legend entry, named by its label and the spans it has.
        assert toggles.evaluate_all("bs => bs.map(b => b.getAttribute('type'))") == ["button"] * 3
        assert toggles.evaluate_all(PRESSED) == ["false"] * 3
        assert toggles.all_inner_texts() == [
            "Doubt 1 span",
            f"{EXAGGERATION.label} 1 span",
            "Loaded language 2 spans",
        ]
        doubt = page.get_by_role("button", name="Doubt 1 span")
        assert doubt.count() == 1  # the other article's legend says "Doubt 2 spans"
        assert status.inner_text() == "Showing all 4 technique spans."
        assert not show_all.is_visible()
        # From the keyboard: a toggle is a tab stop, and Space presses it.
        doubt.focus()
        page.keyboard.press("Space")
        assert doubt.get_attribute("aria-pressed") == "true"
        assert status.inner_text() == "Showing 1 of 4 technique spans: Doubt."
        assert marks.evaluate_all(SHOWN) == ["Doubt"]
        assert [m.evaluate(BG) for m in (outer, inner, question, trust)] == [
            "rgba(0, 0, 0, 0)",
            "rgba(0, 0, 0, 0)",
            _rgb(DOUBT.colour),
            "rgba(0, 0, 0, 0)",
        ]
        assert inner.get_attribute("tabindex") == "-1" and question.get_attribute("tabindex") == "0"
        assert show_all.is_visible()
        # The slider and the toggles combine: a mark is shown only if it passes both.
        slider.fill("80")
        assert status.inner_text() == "Showing 0 of 4 technique spans (≥ 80%): Doubt."
        assert marks.evaluate_all(SHOWN) == []
        # The counts follow the slider, not the toggles.
        assert toggles.all_inner_texts() == [
            "Doubt 0 spans",
            f"{EXAGGERATION.label} 1 span",
            "Loaded language 0 spans",
        ]
        page.click(f"#a0-legend-list button.technique >> text={EXAGGERATION.label}")
        assert toggles.evaluate_all(PRESSED) == ["true", "true", "false"]
        assert status.inner_text() == (
            f"Showing 1 of 4 technique spans (≥ 80%): Doubt, {EXAGGERATION.label}."
        )
        assert marks.evaluate_all(SHOWN) == ["Exaggeration,Minimisation"]
        slider.fill("0")
        assert status.inner_text() == (
            f"Showing 2 of 4 technique spans: Doubt, {EXAGGERATION.label}."
        )
        assert marks.evaluate_all(SHOWN) == ["Exaggeration,Minimisation", "Doubt"]
        assert toggles.all_inner_texts()[2] == "Loaded language 2 spans"
        # Pressing a toggle again drops its technique.
        doubt.click()
        assert marks.evaluate_all(SHOWN) == ["Exaggeration,Minimisation"]
        assert status.inner_text() == f"Showing 1 of 4 technique spans: {EXAGGERATION.label}."
        # "Show all techniques" clears the toggles, leaves the slider, and hands the focus on.
        slider.fill("50")
        show_all.click()
        assert toggles.evaluate_all(PRESSED) == ["false"] * 3
        assert status.inner_text() == "Showing 2 of 4 technique spans (≥ 50%)."
        assert slider.input_value() == "50" and not show_all.is_visible()
        assert page.evaluate(f"({DOCUMENT_TEXT})(document.activeElement)") == "Doubt 1 span"
        slider.fill("0")
        assert status.inner_text() == "Showing all 4 technique spans."
        assert page.locator("#a0-text mark.span.off").count() == 0
        assert outer.evaluate(BG) == _rgb(LOADED.colour)
        shown = page.locator("#a0-text").evaluate(WITHOUT_TIPS)
        assert shown == NESTED
    finally:
        context.close()
    watched.check()


def test_each_report_article_toggles_its_own_marks_and_runs_nothing_from_it(browser, tmp_path):
    report = _toggle_report(tmp_path)
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    watched = Watched(context, tmp_path.as_uri())
    try:
        page = watched.page
        page.goto(report.as_uri())
        first = page.locator("#a0-text mark.span")
        second = page.locator("#a1-text mark.span")
        toggles = page.locator("#a1-legend-list button.technique")
        assert toggles.all_inner_texts() == ["Doubt 2 spans", "Loaded language 1 span"]
        toggles.nth(1).click()
        assert second.evaluate_all(SHOWN) == ["Loaded_Language"]
        assert page.inner_text("#a1-min-score-status") == (
            "Showing 1 of 3 technique spans: Loaded language."
        )
        # The first article is left as it was.
        assert first.evaluate_all(SHOWN) == [
            "Loaded_Language",
            "Exaggeration,Minimisation",
            "Doubt",
            "Loaded_Language",
        ]
        assert page.inner_text("#a0-min-score-status") == "Showing all 4 technique spans."
        assert not page.is_visible("#a0-legend-list ~ button.show-all")
        page.fill("#a0-min-score", "80")
        assert second.evaluate_all(SHOWN) == ["Loaded_Language"]
        assert toggles.all_inner_texts() == ["Doubt 2 spans", "Loaded language 1 span"]
        # The article's markup is text on the page, and none of it ran.
        shown = page.locator("#a1-text").evaluate(WITHOUT_TIPS)
        assert shown == HOSTILE_REPORT
        assert page.evaluate("window.ran") is None
        assert page.locator("#a1-text script, #a1-text img").count() == 0
    finally:
        context.close()
    watched.check()
    # Without JavaScript the legend has no toggles and every span keeps its mark.
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(report.as_uri())
        assert page.locator("button.technique, button.show-all").count() == 0
        assert page.locator("mark.span").count() == 4 + 3
        assert page.locator("mark.span.off").count() == 0
        assert page.inner_text("#a0-legend-list dt >> nth=0") == "Doubt"
        assert page.locator("#a1-text mark.span").nth(0).evaluate(BG) == _rgb(LOADED.colour)
    finally:
        context.close()


# --- two techniques on one passage, one rounding, print, accessibility -----------------

SHARED = """Harbour sale

There is wide discrepancy about the numbers. Can we trust them?

A fisherman, who asked not to be named, said the boats were gone.
A baker, who lives nearby, said the boats were still there."""
SHARED_MARKED = [
    ("wide discrepancy", "Loaded_Language", 0.62),
    ("wide discrepancy", "Doubt", 0.245),  # "25%": Python's f"{0.245:.0%}" said 24%
    ("Can we trust them?", "Doubt", 0.8),
]


def _shared_analysis() -> Analysis:
    from propscope.analysis import Attribution

    analysis = _hand_analysis(SHARED, SHARED_MARKED, CALIBRATED_MODEL)

    at = functools.partial(_span_at, SHARED)

    analysis.attributions = [
        Attribution(at("who"), at("said"), at("the boats were gone"), "pronoun"),
        Attribution(at("who", 1), at("said", 1), at("the boats were still there"), "pronoun"),
    ]
    return analysis


TIP_LINES = "el => el.innerText.split('\\n').filter(Boolean)"


def test_two_techniques_on_one_passage_are_one_mark_on_the_page(browser, tmp_path):
    with _stored_page(browser, tmp_path, _shared_analysis()) as page:
        page.wait_for_selector("#r-text mark.span")
        marks = page.locator("#r-text mark.span")
        assert marks.count() == 2
        shared = marks.first
        assert shared.get_attribute("data-technique") == "Loaded_Language Doubt"
        assert "multi" in shared.get_attribute("class").split()
        # Striped in both colours, with a badge "2" that is not read out.
        image = shared.evaluate("el => getComputedStyle(el).backgroundImage")
        assert image.startswith("repeating-linear-gradient")
        assert _rgb(LOADED.colour) in image and _rgb(DOUBT.colour) in image
        badge = shared.evaluate("el => getComputedStyle(el, '::after').content")
        assert badge.startswith('"2"') or badge.startswith("attr(")
        # Hovering shows both techniques, each with its confidence, rounded half up.
        shared.hover()
        tip = page.inner_text("#tip")
        assert "2 techniques on this passage" in tip
        assert "Loaded language · 62% confidence" in tip
        assert "Doubt · 25% confidence" in tip
        assert page.get_attribute("#tip", "aria-hidden") == "true"
        # The keyboard reaches it once; its hidden text names both, once, and its
        # description gives both definitions.
        assert _tab_through_marks(page) == ["Loaded_Language Doubt", "Doubt"]
        assert shared.locator(".said").text_content() == (
            "Loaded language, 62% confidence. Doubt, 25% confidence. "
        )
        described = page.locator(f"#{shared.get_attribute('aria-describedby')}")
        assert described.text_content() == (
            f"Loaded language: {LOADED.definition} Doubt: {DOUBT.definition}"
        )
        assert shared.get_attribute("aria-label") is None
        # Filtered to Doubt, it stays, in Doubt's colour alone.
        page.click('#technique-list button[data-technique="Doubt"]')
        assert shared.evaluate(BG) == _rgb(DOUBT.colour)
        assert "multi" not in shared.get_attribute("class").split()
        assert page.inner_text("#filter-status") == "Showing 2 spans: Doubt."
        shared.hover()
        assert "Loaded language" not in page.inner_text("#tip")
        # At 25% the slider keeps the 25% doubt the tooltip shows; at 30% it goes,
        # and with it the mark (loaded language is not chosen).
        page.fill("#min-score", "25")
        assert shared.evaluate(BG) == _rgb(DOUBT.colour)
        assert page.inner_text("#filter-status") == (
            "Showing 2 of 3 technique spans (≥ 25%): Doubt."
        )
        page.fill("#min-score", "30")
        assert shared.evaluate(BG) == "rgba(0, 0, 0, 0)"
        assert shared.get_attribute("aria-describedby") is None
        page.click("#show-all")
        assert shared.evaluate(BG) == _rgb(LOADED.colour)  # loaded language, 62%
        assert described.text_content() == LOADED.definition
        assert shared.locator(".said").text_content() == "Loaded language, 62% confidence. "
        assert page.locator("#r-text").evaluate(DOCUMENT_TEXT) == SHARED
        # Two people called "who" are two sources.
        sources = page.locator("#source-list button.source")
        names = sources.locator(".name")
        assert names.all_inner_texts() == ["who", "who"]
        assert sources.locator(".count").all_inner_texts() == ["1 statement"] * 2
        # ... told apart for a screen reader by their first words.
        heard = sources.evaluate_all("els => els.map(b => b.textContent)")
        assert len(set(heard)) == 2 and all("“" in said for said in heard), heard


def test_two_techniques_on_one_passage_are_one_mark_in_the_report(browser, tmp_path):
    report = tmp_path / "report.html"
    report.write_text(render_html(_shared_analysis()), encoding="utf-8")
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    watched = Watched(context, tmp_path.as_uri())
    try:
        page = watched.page
        page.goto(report.as_uri())
        shared = page.locator("#a0-text mark.span").first
        tip = shared.locator(":scope > .tip")
        shared.hover()
        assert tip.is_visible()
        assert tip.evaluate(TIP_LINES) == [
            "2 techniques on this passage",
            "Loaded language · 62% confidence",
            LOADED.definition,
            "Doubt · 25% confidence",
            DOUBT.definition,
        ]
        status = page.locator("#a0-min-score-status")
        # The slider at 25% keeps the doubt its tooltip calls 25%.
        page.get_by_role("button", name="Doubt 2 spans").click()
        page.fill("#a0-min-score", "25")
        assert status.inner_text() == "Showing 2 of 3 technique spans (≥ 25%): Doubt."
        assert shared.evaluate(BG) == _rgb(DOUBT.colour)
        page.mouse.move(0, 0)
        shared.hover()
        assert tip.evaluate(TIP_LINES) == ["Doubt · 25% confidence", DOUBT.definition]
        assert shared.get_attribute("aria-describedby") == "a0-s0-tip-d1"
        page.fill("#a0-min-score", "30")
        assert shared.evaluate(BG) == "rgba(0, 0, 0, 0)"
        assert shared.get_attribute("tabindex") == "-1"
        page.get_by_role("button", name="Show all techniques").click()
        assert shared.evaluate(BG) == _rgb(LOADED.colour)
        page.fill("#a0-min-score", "0")
        assert shared.evaluate("el => getComputedStyle(el).backgroundImage").startswith(
            "repeating-linear-gradient"
        )
        assert page.locator("#a0-text").evaluate(WITHOUT_TIPS) == SHARED
        sources = page.locator("button.source .name")
        assert sources.all_inner_texts() == ["who", "who"]
    finally:
        context.close()
    watched.check()


def test_printing_keeps_the_highlights_and_drops_the_controls(browser, tmp_path):
    report = tmp_path / "report.html"
    report.write_text(render_html(_shared_analysis()), encoding="utf-8")
    store = Store(tmp_path / "a.db")
    id = store.add(_shared_analysis()).id
    printed = (
        "el => { const s = getComputedStyle(el); return [s.printColorAdjust,"
        " s.borderBottomStyle]; }"
    )
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    try:
        page = context.new_page()
        page.goto(report.as_uri())
        page.emulate_media(media="print")
        shared, question = page.locator("#a0-text mark.span").all()
        assert shared.evaluate(printed) == ["exact", "double"]
        assert question.evaluate(printed) == ["exact", "solid"]
        assert question.evaluate(BG) == _rgb(DOUBT.colour)
        assert not page.is_visible("#a0-min-score-control")
        assert not page.is_visible("button.show-all")
        tips = page.locator("#a0-text .tip")
        assert tips.evaluate_all("ts => ts.map(t => getComputedStyle(t).display)") == ["none"] * 2
        app = create_app(fake_analyzer(), store)
        with live_server(app) as base:
            page.goto(f"{base}/a/{id}")
            page.wait_for_selector("#r-text mark.span")
            page.emulate_media(media="print")
            web_marks = page.locator("#r-text mark.span")
            assert web_marks.nth(1).evaluate(printed) == ["exact", "solid"]
            for control in ("#score-filter", "#classify-button", "header.top", "#copy-link"):
                assert not page.is_visible(control), control
            assert page.is_visible("#technique-list")
    finally:
        context.close()


def test_without_script_the_report_promises_no_selecting_nor_escape(browser, tmp_path):
    report = tmp_path / "report.html"
    report.write_text(render_html(_shared_analysis()), encoding="utf-8")
    for scripts, says in ((False, False), (True, True)):
        context = browser.new_context(java_script_enabled=scripts)
        try:
            page = context.new_page()
            page.goto(report.as_uri())
            intro = page.inner_text(".intro")
            assert intro.startswith("1 article analyzed by propscope.")
            assert ("Escape hides the tooltip" in intro) is says
            assert ("select one to highlight it in the text" in intro) is says
            assert page.is_visible("text=Select a source to highlight") is says
        finally:
            context.close()


def test_a_claim_just_under_the_threshold_is_not_shown_as_worth_checking(browser, tmp_path):
    from propscope import Claim
    from propscope.components.claims import sentence_spans

    text = "Harbour sold\n\nThe toll costs 4 dollars. Officials expect 2 million crossings."
    analysis = Analysis(document=Document.from_text(text))
    (title, first, second) = sentence_spans(text)
    analysis.claims = [
        Claim(*title, 0.1, text[slice(*title)]),
        Claim(*first, 0.497, text[slice(*first)]),
        Claim(*second, 0.5, text[slice(*second)]),
    ]
    with _stored_page(browser, tmp_path, analysis) as page:
        page.wait_for_selector("#claim-list button.claim")
        summary = page.inner_text("#claims-panel")
        assert "3 sentences scored; 1 is worth checking (50% or more)." in summary
        percents = page.locator("#claim-list .percent").all_inner_texts()
        assert percents == ["50%", "49%", "10%"]
        worthy = page.locator("#claim-list .score.worthy .percent").all_inner_texts()
        assert worthy == ["50%"]


@contextmanager
def _report_page(browser, tmp_path, analysis, *, width=1000, height=900):
    """The standalone HTML report of `analysis`, opened from a file; outside requests and
    script errors fail the test, as `watched`'s."""
    report = tmp_path / "report.html"
    report.write_text(render_html(analysis), encoding="utf-8")
    context = browser.new_context(viewport={"width": width, "height": height})
    watched = Watched(context, tmp_path.as_uri())
    try:
        watched.page.goto(report.as_uri())
        yield watched.page
    finally:
        context.close()
    watched.check()


@contextmanager
def _stored_page(browser, tmp_path, analysis):
    """The page of `analysis`, stored and opened at its permanent link (/a/{id}) on the
    real service; outside requests and script errors fail the test, as `watched`'s."""
    store = Store(tmp_path / "a.db")
    id = store.add(analysis).id
    with live_server(create_app(fake_analyzer(), store)) as base:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        watched = Watched(context, base)
        try:
            watched.page.goto(f"{base}/a/{id}")
            yield watched.page
        finally:
            context.close()
        watched.check()


def test_the_layers_notes_on_a_text_that_is_not_english_read_as_one(browser, tmp_path):
    from propscope.language import not_english_note

    analysis = Analysis(document=Document.from_text("Titel\n\nDie Regierung hat verkauft."))
    analysis.notes = [
        not_english_note("Claims were not scored", 0.04, "why"),
        "Text too long to parse.",
        not_english_note("Actors were not computed", 0.04, "so"),
    ]
    with _stored_page(browser, tmp_path, analysis) as page:
        page.wait_for_selector("#r-notes:not([hidden])")
        assert page.inner_text("#r-notes") == (
            "The text does not look like English: only 4% of its words are English "
            "function words. Claims were not scored (why). Actors were not computed (so). "
            "Text too long to parse."
        )
        # Its words are in a language the page cannot name: not read as English.
        assert page.get_attribute("#r-text", "lang") == ""
        assert page.get_attribute("#r-title", "lang") == ""
        assert page.get_attribute("html", "lang") == "en"  # the page's own words are


def test_update_lines_are_marked_in_the_text_as_in_the_report(watched, browser, tmp_path):
    page = watched.page
    _analyze(page, watched.base, ARTICLE)
    bars = page.locator("#r-text .update-mark")
    assert bars.count() == 1
    assert bars.first.evaluate(DOCUMENT_TEXT) == "UPDATE: The council has not sold the harbour."
    assert "contradicts" in (bars.first.get_attribute("class") or "")
    assert bars.first.get_attribute("data-label") is None  # the line says "UPDATE" itself
    style = "el => getComputedStyle(el).borderLeftColor"
    assert bars.first.evaluate(style) == "rgb(176, 0, 32)"
    # A line that does not name its kind gets a label; one that crosses a mark splits it.
    text = "Council sells harbour\n\nThis article has been UPDATED today.\n\nBody text."
    start = text.index("This article")
    end = text.index("\n", start)
    analysis = Analysis(document=Document.from_text(text))
    shout = text.index("UPDATED")
    analysis.techniques = [
        TechniqueSpan(shout, len(text) - 6, "Loaded_Language", 0.8, text[shout : len(text) - 6])
    ]
    analysis.summary = summarize_techniques(text, analysis.techniques)
    analysis.headline = Headline(
        text="Council sells harbour",
        updates=(UpdateLine(start, end, "update", text=text[start:end]),),
    )
    with _stored_page(browser, tmp_path, analysis) as stored:
        stored.wait_for_selector("#r-text .update-mark")
        bar = stored.locator("#r-text .update-mark")
        assert bar.count() == 1 and bar.get_attribute("data-label") == "Update"
        assert "contradicts" not in (bar.get_attribute("class") or "")
        assert bar.evaluate(DOCUMENT_TEXT) == text[start:end]
        # The mark that runs out of the line goes on after it as a continuation.
        marks = stored.locator("#r-text mark.span")
        assert [m.evaluate(DOCUMENT_TEXT) for m in marks.all()] == ["UPDATED today.", "\n\nBody"]
        shown = stored.locator("#r-text").evaluate(DOCUMENT_TEXT)
        assert shown.replace("\n", "") == text.replace("\n", "")


def test_the_page_lists_named_sources_before_pronouns_as_the_report_does(browser, tmp_path):
    from propscope.analysis import Attribution
    from propscope.render._spans import group_sources

    text = (
        "Two witnesses\n\n"
        "A fisherman, who asked not to be named, said the boats were gone. "
        "The council said nothing."
    )
    analysis = _hand_analysis(text, [], CALIBRATED_MODEL)

    at = functools.partial(_span_at, text)

    analysis.attributions = [
        Attribution(at("who"), at("said"), at("the boats were gone"), "pronoun"),
        Attribution(at("The council"), at("said nothing"), at("nothing"), "organisation"),
    ]
    with _stored_page(browser, tmp_path, analysis) as page:
        page.wait_for_selector("#source-list button.source")
        names = page.locator("#source-list button.source .name").all_inner_texts()
        assert names == [g.label for g in group_sources(analysis.attributions)]
        assert names == ["The council", "who"]


def test_the_page_joins_a_surname_to_its_full_name_as_the_report_does(browser, tmp_path):
    from propscope.analysis import Attribution
    from propscope.render._spans import group_sources

    text = (
        "Talks fail\n\n"
        "Russian President Vladimir Putin said the talks had failed. Experts said so too. "
        "Putin added that he was sad. Bill Clinton said one thing, Hillary Clinton another, "
        "and Clinton a third. Yang campaign chief Nick Ryan said it was over; Yang said no. "
        "Smith-Jones said b. Anna Smith-Jones said c. Smith said a. "
        "Studio head Kevin Stephens and art director Phil Straub remember him. Straub said d."
    )
    analysis = _hand_analysis(text, [], CALIBRATED_MODEL)

    at = functools.partial(_span_at, text)

    analysis.attributions = [
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
        Attribution(at("Smith-Jones"), at("said b"), at("b."), "person"),
        Attribution(at("Anna Smith-Jones"), at("said c"), at("c."), "person"),
        Attribution(at("Smith", 2), at("said a"), at("a."), "person"),
        Attribution(
            at("Studio head Kevin Stephens and art director Phil Straub"),
            at("remember"),
            at("him."),
            "person",
        ),
        Attribution(at("Straub", 1), at("said d"), at("d."), "person"),
    ]
    with _stored_page(browser, tmp_path, analysis) as page:
        page.wait_for_selector("#source-list button.source")
        names = page.locator("#source-list button.source .name").all_inner_texts()
        assert names == [g.label for g in group_sources(analysis.attributions)]
        assert names[:2] == ["Russian President Vladimir Putin", "Experts"]
        assert "Putin" not in names and "Clinton" in names
        assert "Smith" in names and "Smith-Jones" not in names
        assert "Straub" in names  # not joined to the pair that names him
        first = page.locator("#source-list > li").first
        assert first.locator(".count").inner_text() == "2 statements"


def test_the_page_joins_a_name_and_its_description_as_the_report_does(browser, tmp_path):
    from propscope.analysis import Attribution
    from propscope.render._spans import group_sources

    text = (
        "Guns in school\n\n"
        "David Thweatt said a. Thweatt, the son of a preacher, said b. Thweatt said c. "
        "Marc Grynberg, CEO of Umicore, said d. Marc Grynberg said e."
    )
    analysis = _hand_analysis(text, [], CALIBRATED_MODEL)

    at = functools.partial(_span_at, text)

    analysis.attributions = [
        Attribution(at("David Thweatt"), at("said"), at("a."), "person"),
        Attribution(at("Thweatt, the son of a preacher,"), at("said", 1), at("b."), "person"),
        Attribution(at("Thweatt", 2), at("said", 2), at("c."), "person"),
        Attribution(at("Marc Grynberg, CEO of Umicore,"), at("said", 3), at("d."), "person"),
        Attribution(at("Marc Grynberg", 1), at("said", 4), at("e."), "person"),
    ]
    with _stored_page(browser, tmp_path, analysis) as page:
        page.wait_for_selector("#source-list button.source")
        names = page.locator("#source-list button.source .name").all_inner_texts()
        assert names == [g.label for g in group_sources(analysis.attributions)]
        assert names == ["David Thweatt", "Marc Grynberg, CEO of Umicore"]
        counts = page.locator("#source-list button.source .count").all_inner_texts()
        assert counts == ["3 statements", "2 statements"]


def test_the_page_groups_a_resolved_pronoun_under_its_name_as_the_report_does(browser, tmp_path):
    from propscope.analysis import Attribution
    from propscope.render._spans import group_sources

    text = (
        "Plant to close\n\n"
        "Mike Mills, the union chief, told reporters the plant would close. "
        "Later he said the workers were told. Then she said nothing."
    )
    analysis = _hand_analysis(text, [], CALIBRATED_MODEL)

    at = functools.partial(_span_at, text)

    analysis.attributions = [
        Attribution(
            at("Mike Mills, the union chief"), at("told"), at("the plant would close"), "person"
        ),
        Attribution(
            at("he"),
            at("said the"),
            at("the workers were told"),
            "pronoun",
            refers_to=at("Mike Mills"),
            refers_to_kind="person",
        ),
        Attribution(at("she"), at("said nothing"), at("nothing"), "pronoun"),
    ]
    with _stored_page(browser, tmp_path, analysis) as page:
        page.wait_for_selector("#source-list button.source")
        names = page.locator("#source-list button.source .name").all_inner_texts()
        assert names == [g.label for g in group_sources(analysis.attributions)]
        assert names == ["Mike Mills, the union chief", "she"]  # "he" joins its holder
        first = page.locator("#source-list > li").first
        assert first.locator(".count").inner_text() == "2 statements"
        assert "he said the: " in first.locator("ul.statements").inner_text()


def test_the_reports_figures_table_fits_a_phone_and_breaks_no_word(browser, tmp_path):
    from propscope.components.figures import FigureFinder

    # At 390 px "Figure" broke into "Figu|re" and "jihadis" into "jihadi|s" (UX review).
    text = (
        "Estimates differ\n\n"
        "Officials said between 1,200 and 12,000 jihadis took part, with 20 tanks and 15 "
        "armoured personnel carriers."
    )
    import dataclasses

    from propscope.analysis import Attribution

    analysis = _hand_analysis(text, [], CALIBRATED_MODEL)
    FigureFinder()([analysis.document], [analysis])
    start = text.index("Officials")
    analysis.attributions = [  # the "Said by" column, with a long organisation's name
        Attribution(
            AttributedSpan(start, start + 9, "Officials"),
            AttributedSpan(start + 10, start + 14, "said"),
            AttributedSpan(start + 15, len(text), text[start + 15 :]),
            "organisation",
        )
    ]
    analysis.figures = [dataclasses.replace(f, source=0) for f in analysis.figures or []]
    with _report_page(browser, tmp_path, analysis, width=390, height=844) as page:
        lines = page.evaluate(
            "[...document.querySelectorAll('table.figures th, table.figures td')].map(c => {"
            " const r = document.createRange(); r.selectNodeContents(c);"
            " const tops = new Set([...r.getClientRects()].map(b => Math.round(b.top)));"
            " return [c.textContent, tops.size]; })"
        )
        broken = [cell for cell, rows in lines if " " not in cell.strip() and rows > 1]
        assert lines and broken == [], lines  # no single word broken over two lines
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        # "Said by" was scrolled out of sight beside the table (review, session 39): each
        # figure is now a block, its cells named.
        said = page.locator("table.figures td[data-label='Said by']").first
        box = said.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
        label = said.evaluate("c => getComputedStyle(c, '::before').content")
        assert label == '"Said by: "'
        assert page.locator("table.figures").first.get_attribute("role") == "table"


def test_the_page_quotes_a_quotation_once_and_shows_no_colon_cue_as_the_report_does(
    browser, tmp_path
):
    from propscope.analysis import Attribution
    from propscope.render._spans import cue_shown, unquoted

    text = "Advice\n\nRaab: “We always keep our advice under review.” The office said so."
    analysis = _hand_analysis(text, [], CALIBRATED_MODEL)

    at = functools.partial(_span_at, text)

    quote = "“We always keep our advice under review.”"
    analysis.attributions = [
        Attribution(at("Raab"), at(":"), at(quote), "person"),
        Attribution(at("The office"), at("said"), at("so"), "organisation"),
    ]
    with _stored_page(browser, tmp_path, analysis) as page:
        page.wait_for_selector("#source-list button.source")
        items = page.locator("#source-list .statements li")
        assert items.first.locator(".cue").count() == 0  # no ": :" before the words
        assert items.first.locator("q").inner_text() == unquoted(quote)
        assert (
            items.nth(1).locator(".cue").inner_text() == cue_shown(analysis.attributions[1]) + ": "
        )


def test_the_page_names_a_source_without_its_relative_clause_as_the_report_does(browser, tmp_path):
    from propscope.analysis import Attribution
    from propscope.render._spans import group_sources

    text = (
        "Quake\n\nWater ran low, said resident Luis Borri, 31. Power is back, said Borri, "
        "who works at the airport. Schools will stay closed, Governor Wanda Vazquez said. "
        "We are resilient, said Vazquez, who assumed office in August."
    )
    analysis = _hand_analysis(text, [], CALIBRATED_MODEL)

    at = functools.partial(_span_at, text)

    analysis.attributions = [
        Attribution(
            at("resident Luis Borri, 31"), at("said resident"), at("Water ran low"), "person"
        ),
        Attribution(
            at("Borri, who works at the airport"), at("said Borri"), at("Power is back"), "person"
        ),
        Attribution(
            at("Governor Wanda Vazquez"),
            at("Vazquez said"),
            at("Schools will stay closed"),
            "person",
        ),
        Attribution(
            at("Vazquez, who assumed office in August"),
            at("said Vazquez"),
            at("We are resilient"),
            "person",
        ),
    ]
    with _stored_page(browser, tmp_path, analysis) as page:
        page.wait_for_selector("#source-list button.source")
        names = page.locator("#source-list button.source .name").all_inner_texts()
        assert names == [g.label for g in group_sources(analysis.attributions)]
        assert names == ["resident Luis Borri", "Governor Wanda Vazquez"]


def test_the_page_lists_an_act_as_what_the_source_did_as_the_report_does(browser, tmp_path):
    from propscope.analysis import Attribution
    from propscope.render._spans import statement_count

    text = "Vote\n\nSenator Ann Reed voted for the <b>bailout</b>. Reed said it was needed."
    analysis = _hand_analysis(text, [], CALIBRATED_MODEL)

    at = functools.partial(_span_at, text)

    analysis.attributions = [
        Attribution(
            at("Senator Ann Reed"), at("voted for"), at("the <b>bailout</b>"), "person", act=True
        ),
        Attribution(at("Reed", 1), at("said"), at("it was needed"), "person"),
    ]
    with _stored_page(browser, tmp_path, analysis) as page:
        page.wait_for_selector("#source-list button.source")
        count = page.locator("#source-list button.source .count").all_inner_texts()
        assert count == [statement_count(analysis.attributions)] == ["1 statement, 1 act"]
        act = page.locator("#source-list li.act")
        assert act.count() == 1 and act.locator("q").count() == 0
        assert act.inner_text() == "voted for the <b>bailout</b>"
        assert page.locator("#source-list .statements q").all_inner_texts() == ["it was needed"]


def test_the_report_says_one_technique_span_in_the_singular(browser, tmp_path):
    # "Showing all 1 technique span." (session 37's reading of a short article).
    report = tmp_path / "report.html"
    marked = [("SHAMEFUL", "Exaggeration,Minimisation", 0.9)]
    report.write_text(
        render_html(_hand_analysis(NESTED, marked, CALIBRATED_MODEL)), encoding="utf-8"
    )
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    watched = Watched(context, tmp_path.as_uri())
    try:
        page = watched.page
        page.goto(report.as_uri())
        status = page.locator("#a0-min-score-status")
        assert status.inner_text() == "Showing the one technique span."
        watched.check()
    finally:
        context.close()


def test_a_lede_taken_for_the_title_is_headed_by_its_start(watched):
    # A 53-word paragraph as the page's heading, then again as the text's first lines.
    page = watched.page
    lede = " ".join(["The harbour closed after the storm, the council said."] * 5)
    _analyze(page, watched.base, ARTICLE, title=lede)
    heading = page.inner_text("#r-title")
    assert heading.startswith("The harbour closed after the storm") and heading.endswith("…")
    assert len(heading) <= 100


def test_the_page_adds_no_quotation_marks_to_a_passage_that_opens_with_its_own(browser, tmp_path):
    from propscope.analysis import Attribution

    text = "Advice\n\n“We will not go,” Raab said, and the office said so."
    analysis = _hand_analysis(text, [], CALIBRATED_MODEL)
    content = "“We will not go,” Raab said, and"  # a quotation and more, as a tagger may cut
    start = text.index(content)
    analysis.attributions = [
        Attribution(
            AttributedSpan(text.index("the office"), text.index("the office") + 10),
            AttributedSpan(text.rindex("said"), text.rindex("said") + 4),
            AttributedSpan(start, start + len(content)),
            "organisation",
        )
    ]
    with _stored_page(browser, tmp_path, analysis) as page:
        page.wait_for_selector("#source-list button.source")
        q = page.locator("#source-list .statements li q").first
        assert q.get_attribute("class") == "own"
        # What the reader sees: the passage's own marks, none added before them.
        assert q.evaluate("el => getComputedStyle(el).quotes") == "none"


def test_in_forced_colours_every_mark_keeps_a_highlight_and_a_pressed_toggle_shows(
    browser, tmp_path
):
    # High-contrast modes drop background images: a passage striped in two techniques'
    # colours lost its highlight, and a pressed toggle looked like the others (review,
    # session 40).
    analysis = _hand_analysis(
        "They told a SHAMEFUL lie. Can we trust them?",
        [
            ("SHAMEFUL", "Loaded_Language", 0.9),
            ("SHAMEFUL", "Exaggeration,Minimisation", 0.8),
            ("Can we trust them?", "Doubt", 0.7),
        ],
        CALIBRATED_MODEL,
    )
    report = tmp_path / "report.html"
    report.write_text(render_html(analysis), encoding="utf-8")
    context = browser.new_context(forced_colors="active")
    watched = Watched(context, tmp_path.as_uri())
    try:
        page = watched.page
        page.goto(report.as_uri())
        multi = page.locator("#a0-text mark.span.multi").first
        assert multi.evaluate("m => getComputedStyle(m).backgroundColor") not in (
            "rgba(0, 0, 0, 0)",
            "transparent",
        )
        button = page.locator("button.technique").first
        button.click()
        assert button.get_attribute("aria-pressed") == "true"
        assert button.evaluate("b => getComputedStyle(b).outlineStyle") == "solid"
    finally:
        context.close()
    watched.check()
    with _stored_page(browser, tmp_path, analysis) as page:
        page.emulate_media(forced_colors="active")
        page.wait_for_selector("#r-text mark.span")
        multi = page.locator("#r-text mark.span.multi").first
        assert multi.evaluate("m => getComputedStyle(m).backgroundColor") not in (
            "rgba(0, 0, 0, 0)",
            "transparent",
        )


# --- for readers who do not see or do not point -----------------------------------------


def test_a_screen_reader_reads_each_marks_technique_before_its_words(watched):
    """The page's marks name their technique in text, as the report's do: read in the
    flow of the article, not only on Tab (a description). The hidden words are never
    copied with the article's, nor counted in its offsets."""
    page = watched.page
    _analyze(page, watched.base, ARTICLE)
    tree = page.locator("#r-text").aria_snapshot()
    assert "Loaded language, 80% confidence. HARBOUR" in tree
    assert "Doubt, 60% confidence. Can we really trust" in tree
    assert page.get_attribute("#r-text", "role") == "region"  # its label is read
    assert page.get_attribute("#r-text", "lang") is None  # English: the page's own
    copied = page.evaluate(
        "() => { const r = document.createRange();"
        " r.selectNodeContents(document.getElementById('r-text'));"
        " const s = getSelection(); s.removeAllRanges(); s.addRange(r); return s.toString(); }"
    )
    assert "confidence" not in copied and "SHAMEFUL betrayal" in copied
    # The technique buttons say what they count.
    loaded = page.locator('#technique-list button[data-technique="Loaded_Language"]')
    assert loaded.evaluate("b => b.textContent") == "Loaded language3 spans"
    # The slider's value is not announced twice (the slider says it).
    assert page.get_attribute("#min-score-value", "aria-hidden") == "true"


def test_the_keyboard_asks_which_technique_of_a_passage_typed_in(browser, tmp_path):
    ranker = Ranker()
    with _asking(browser, tmp_path, ranker, {"width": 1280, "height": 900}) as page:
        popover = page.locator("#classify-popover")
        page.focus("#ask-by-words > summary")
        page.keyboard.press("Enter")  # opens the form
        page.focus("#ask-passage")
        # Typed from memory: two spaces where the article has one.
        page.keyboard.type("the harbour,  a SHAMEFUL")
        page.keyboard.press("Enter")
        expect(popover.locator("ol.ranked li")).to_have_count(3)
        # Offsets in code points, though the title's fishing poles take two units each.
        assert ranker.asked == ["the harbour, a SHAMEFUL"]
        assert page.evaluate("document.activeElement.id") == "classify-popover"
        assert page.inner_text("#classify-passage") == "“the harbour, a SHAMEFUL”"
        page.keyboard.press("Escape")
        assert not popover.is_visible()
        assert page.evaluate("document.activeElement.id") == "ask-passage"
        # Words that are not in the article: said, and nothing is asked.
        page.fill("#ask-passage", "the pier was sold")
        page.keyboard.press("Enter")
        assert "not in the article" in page.inner_text("#ask-form-error")
        assert page.get_attribute("#ask-passage", "aria-invalid") == "true"
        assert not popover.is_visible() and len(ranker.calls) == 1


def test_the_pointer_can_move_onto_a_tooltip_to_read_it(watched):
    """WCAG 1.4.13: a tooltip shown on hover stays while the pointer moves onto it, even
    across the lines of text it covers, and goes when the pointer leaves both."""
    page = watched.page
    _analyze(page, watched.base, ARTICLE)
    page.mouse.move(2, 2)  # the pointer pressed "Analyze"; the text may be there now
    mark = page.locator('#r-text mark[data-technique="Doubt"]')
    mark.hover()
    tip = page.locator("#tip")
    expect(tip).to_be_visible()
    said = tip.inner_text()
    assert said.startswith("Doubt")
    near, box = mark.bounding_box(), tip.bounding_box()
    x = near["x"] + 5
    # Down from the mark into the tooltip, a few pixels at a time.
    for y in range(int(near["y"] + near["height"] / 2), int(box["y"] + 20), 3):
        page.mouse.move(x, y)
        assert tip.is_visible() and tip.inner_text() == said, y
    middle = [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2]
    page.mouse.move(*middle)
    assert tip.is_visible() and tip.inner_text() == said
    # The pointer is on the tooltip itself (its words can be selected), not on the
    # text it covers, whose marks would take the tooltip over.
    assert page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).closest('#tip') !== null", middle
    )
    page.mouse.move(2, 2)  # off both
    expect(tip).to_be_hidden()


def test_the_page_words_the_stance_as_the_report_does(browser, tmp_path):
    """A near tie, a tie between the runners-up and a bracketed editor's note: the page
    (app.js) says what render.html says (session 54's review found them apart)."""
    store = Store(tmp_path / "a.db")
    cases = {
        # agree 0.4, then a tie at 0.3: the later name, as stance_runner_up picks it.
        "tie": ({"agree": 0.4, "disagree": 0.3, "discuss": 0.3}, "agree"),
        "near": ({"disagree": 0.51, "discuss": 0.45, "agree": 0.04}, "disagree"),
        "clear": ({"disagree": 0.9965, "discuss": 0.0035}, "disagree"),
    }
    ids = {}
    noted = DISPUTED.replace("UPDATE: The council", "(Editor's note: The council") + ")"
    for case, (scores, stance) in cases.items():
        doc = Document.from_text(noted, title="Harbour sold", origin="The text")
        analysis = fake_analyzer()(doc)
        start = doc.text.index("(Editor's note:")
        note = UpdateLine(start, len(doc.text), "editors_note", False, None, text=doc.text[start:])
        analysis.headline = Headline(doc.title, (note,), stance, stance_scores=scores)
        ids[case] = store.add(analysis).id
    shown = {}
    app = create_app(fake_analyzer(), store)
    with live_server(app) as base:
        context = browser.new_context()
        page = Watched(context, base)
        try:
            for case, id in ids.items():
                page.page.goto(f"{base}/a/{id}")
                page.page.wait_for_selector("#headline-panel p.stance")
                stance = page.page.locator("#headline-panel p.stance")
                shown[case] = (
                    " ".join(stance.inner_text().split()),
                    "flag" in (stance.get_attribute("class") or ""),
                    page.page.inner_text("#headline-panel"),
                )
        finally:
            context.close()
        page.check()
    assert shown["tie"][0] == (
        "No clear verdict: the body agrees with the headline (40%), or it reports its "
        "claim without confirming or denying it (30%)."
    )
    assert shown["near"][0].startswith("No clear verdict: the body disagrees with the headline")
    assert shown["near"][1] is False  # no flag on a verdict that is none
    assert shown["clear"][0] == "The body disagrees with the headline (99% likely)."
    assert shown["clear"][1] is True
    assert "Editor's note: (Editor's note" not in shown["clear"][2]
    # The report, rendered in Python, words the same verdicts.
    for case, (scores, stance) in cases.items():
        doc = Document.from_text(DISPUTED, title="Harbour sold")
        report = render_html(
            Analysis(document=doc, headline=Headline(doc.title, (), stance, stance_scores=scores))
        )
        if case == "tie":
            assert "or it reports its claim without confirming or denying it." in report
        if case == "clear":
            assert "No clear verdict" not in report and "disagree 99%" in report
