"""The Actors panel of the standalone report in headless Chromium (Playwright).

An actor is selected from the keyboard (Enter, then Space on another, then Enter again
to clear) and the test reads back what the CSS Custom Highlight API paints. The page is
loaded from a file with every network request blocked and recorded; console errors
(Content-Security-Policy violations among them) and script errors fail the test.
Skipped where Playwright or Chromium is absent; under CI=true that fails instead. The
screenshot goes to /tmp/propscope-screenshots/actors-panel.png.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from propscope.analysis import (
    Actor,
    ActorLabel,
    Analysis,
    AttributedSpan,
    TechniqueSpan,
    link_actors_to_techniques,
)
from propscope.document import Document
from propscope.render.html import render_html

SHOTS = Path("/tmp/propscope-screenshots")

TEXT = (
    "Rebels at the gates\n\n"
    "The Jihadis shelled the town again 🙂 on Monday. The West calls them “moderate "
    "rebels”, and the Western media repeat it.\n\n"
    "Already the <b>Jihadis</b> are using suicide bombers, said the Russian military."
)


def _span(passage: str, nth: int = 0) -> AttributedSpan:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(passage, start + 1)
    return AttributedSpan(start, start + len(passage), passage)


def _analysis() -> Analysis:
    document = Document.from_text(TEXT)
    jihadis_at = _span("Jihadis shelled")
    techniques = [
        # Crosses the first mention, so a highlight runs over a technique mark and its
        # tooltip, which must not be painted.
        TechniqueSpan(jihadis_at.start, jihadis_at.end, "Name_Calling,Labeling", 0.9),
        TechniqueSpan(*_bounds("suicide bombers"), "Appeal_to_fear-prejudice", 0.7),
    ]
    rebels = _span("moderate rebels")
    actors = [
        Actor(
            "the Jihadis",
            "group",
            (_span("The Jihadis"), _span("Jihadis", 1)),
            (
                ActorLabel(*_bounds("Jihadis"), "Jihadis"),
                ActorLabel(rebels.start, rebels.end, rebels.text, True, ("scare_quotes",)),
            ),
        ),
        Actor("the West", "group", (_span("The West"),)),
        Actor("the Western media", "media", (_span("the Western media"),)),
        Actor("the Russian military", "organisation", (_span("the Russian military"),)),
    ]
    analysis = Analysis(document=document, techniques=techniques, attributions=[])
    analysis.actors = link_actors_to_techniques(actors, techniques)
    return analysis


def _bounds(passage: str) -> tuple[int, int]:
    start = TEXT.index(passage)
    return start, start + len(passage)


def _painted(page: Any, name: str) -> list[str]:
    return page.evaluate(
        f"CSS.highlights.has('{name}') ? "
        f"[...CSS.highlights.get('{name}')].map(r => r.toString()) : []"
    )


def test_selecting_an_actor_from_the_keyboard_highlights_its_mentions(
    browser, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    report = tmp_path / "report.html"
    report.write_text(render_html(_analysis()), encoding="utf-8")
    page = browser.new_page(viewport={"width": 900, "height": 1000})
    problems: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))

    def block(route: Any) -> None:
        if route.request.url != report.as_uri():
            requests.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    page.route("**/*", block)
    page.goto(report.as_uri())
    assert page.evaluate("typeof Highlight") == "function"  # the API the panel relies on

    jihadis = page.locator("#a0-actor-0")
    assert jihadis.text_content().startswith("the Jihadis")
    jihadis.focus()
    page.keyboard.press("Enter")
    assert jihadis.get_attribute("aria-pressed") == "true"
    # One range per text node: a technique mark opens between "The " and "Jihadis",
    # and its tooltip inside the mark is not painted.
    assert _painted(page, "ps-mention") == ["The ", "Jihadis", "Jihadis"]
    assert _painted(page, "ps-distancing") == ["moderate rebels"]
    status = page.locator("#a0-actor-status").text_content()
    assert status == "2 mentions of the Jihadis (group) highlighted in the text."

    SHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("#a0-text").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "actors-text.png"))
    jihadis.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "actors-panel.png"))

    # Space on another actor moves the selection; the emoji before it shifts no offset.
    media = page.locator("button.actor", has_text="the Western media")
    media.focus()
    page.keyboard.press("Space")
    assert media.get_attribute("aria-pressed") == "true"
    assert jihadis.get_attribute("aria-pressed") == "false"
    assert _painted(page, "ps-mention") == ["the Western media"]
    assert _painted(page, "ps-distancing") == []
    # Enter again on the selected actor clears the highlight.
    page.keyboard.press("Enter")
    assert media.get_attribute("aria-pressed") == "false"
    assert _painted(page, "ps-mention") == []

    assert problems == [], problems
    assert requests == [], requests
    page.close()
