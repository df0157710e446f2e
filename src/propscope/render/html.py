"""Render analyses as one standalone HTML page.

The page is built from the plain dict (`Analysis.to_dict()`), the same shape the JSON
output has, and embeds that dict so every page carries its JSON twin. Everything is
inline (styles, one small script, the SVG chart) so the page works offline, and a
Content-Security-Policy allows only that one script, by hash.

Every string that came from an article goes through `html.escape`, with its control
characters shown as signs ("␛"), one for one so that offsets hold; the embedded JSON
escapes `<`, `>` and `&` so a "</script>" inside an article cannot end its block.

The text block holds only the technique marks. The Sources panel highlights what a
source says without adding markup to it: each source button carries its statements'
offsets (in UTF-16 code units, as the browser counts), and the script turns them into
DOM Ranges painted with the CSS Custom Highlight API. Without script or without that
API, the panel still lists every statement under its source. The Actors panel works
the same way: an actor's button carries the offsets of its mentions (and of its
distancing labels), painted when it is selected; so does each sentence listed under
"Check first", the most check-worthy claims. Figures that disagree are painted the same
way, from the start: the text block carries their offsets.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from propscope.analysis import (
    CHECKWORTHY_THRESHOLD,
    Actor,
    Analysis,
    AttributedSpan,
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
from propscope.language import looks_english, shown_notes
from propscope.render._spans import (
    DOUBLE_STANDARD_NONE,
    DOUBLE_STANDARD_NOTE,
    DOUBLE_STANDARD_TITLE,
    NO_STATEMENT_NOTE,
    STANCE_ALTERNATIVES,
    STANCE_VERDICTS,
    UNNAMED_SOURCE,
    MarkGroup,
    RenderSpan,
    claim_percent,
    cue_shown,
    double_standard_heading,
    double_standard_sides,
    excerpt,
    flagged_figures,
    group_labels,
    group_same_extent,
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
    update_kind,
    update_label,
    visible_controls,
    whole_percent,
)
from propscope.techniques import TECHNIQUE_NAMES, get_technique

__all__ = ["render_html"]

AnalysisLike = Analysis | Mapping[str, Any]

_CSS = """
:root { color-scheme: light; --ink: #1a1a1a; --muted: #555; --rule: #ddd; }
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: var(--ink);
  font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 48rem; margin: 0 auto; padding: 1rem; }
.not-analyzed { border-left: 4px solid #b00020; padding-left: 0.75rem; }
h1 { font-size: 1.5rem; margin: .5rem 0; }
h2 { font-size: 1.3rem; margin: 0 0 .25rem; overflow-wrap: anywhere; }
h3 { font-size: 1rem; margin: 1.5rem 0 .5rem; }
.intro, .meta, .note, .stats, .notes { color: var(--muted); }
.meta { font-size: .9rem; overflow-wrap: anywhere; }
section.analysis { border-top: 1px solid var(--rule); margin-top: 2rem; padding-top: 1rem; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 1.05rem; line-height: 2.2; }
mark.span { position: relative; color: #000; border-radius: 2px; cursor: help;
  padding: .1em 0 .45em; box-decoration-break: clone; -webkit-box-decoration-break: clone; }
/* Inner marks stop short of the outer one's bottom edge, so the outer colour shows as a band. */
mark.span mark.span { padding-bottom: .3em; }
mark.span mark.span mark.span { padding-bottom: .15em; }
mark.span:focus { outline: 2px solid #000; outline-offset: 1px; }
/* Each mark is underlined in a darker shade of its own colour, at least 4.9:1 against the
   page (WCAG 1.4.11 asks 3:1), so a reader who cannot see a pale fill (1.6-2.8:1) still
   sees where every passage starts and ends. */
mark.span:not(.off) { box-shadow: inset 0 -2px 0 rgba(0, 0, 0, .45); }
/* A passage with several techniques is one mark, striped in their colours, with a badge
   saying how many (the number is not read out: the hidden text names them). */
mark.span.multi::after { content: attr(data-count); content: attr(data-count) / "";
  display: inline-block; margin-left: .15em; padding: 0 .3em; border-radius: .6em;
  background: #1a1a1a; color: #fff; font-size: .7em; line-height: 1.4; vertical-align: .35em;
  font-weight: 600; }
/* Below the minimum confidence: the text stays, its colour, tooltip and outline go. */
mark.span.off { background: none !important; cursor: auto; padding: 0; }
mark.span.off > .tip, mark.span.off > .sr, mark.span.off::after { display: none !important; }
mark.span.off:focus { outline: none; }
.member.off, .tip .head.off { display: none !important; }
/* Read by screen readers, not shown; placed at its mark's corner, inside the mark. */
.sr { position: absolute !important; top: 0; left: 0; width: 1px; height: 1px;
  overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap;
  /* ... and never copied with the article's words around it. */
  -webkit-user-select: none; user-select: none; }
/* Read by screen readers, not shown, outside the text (a source button's first words). */
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip-path: inset(50%); white-space: nowrap; }
/* Tab reaches every mark in the text: a link before it skips them all, shown only while
   it has the focus; what it moves the focus to shows no outline. */
.skip-text { margin: 0; }
.skip-text a:not(:focus) { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip-path: inset(50%); white-space: nowrap; }
.after-text:focus { outline: none; }
/* Each paragraph of an article runs in its own direction (Arabic right to left), and a
   quoted passage's direction controls (U+202E) stay inside its quotation marks. */
.text { unicode-bidi: plaintext; text-align: start; }
q, .sr, .tip, .cue, .name, .distancing, .why, button { unicode-bidi: isolate; }
q.own { quotes: none; }
/* An update or correction line in the text: a bar before it, red when it contradicts the
   headline, and its kind in a small label (not read out: the hidden text says it). */
.update-mark { position: relative; border-left: 4px solid #666; padding: .1em .2em .1em .35em;
  background: #f3f3f3; box-decoration-break: clone; -webkit-box-decoration-break: clone; }
.update-mark.contradicts { border-left-color: #b00020; background: #fdecee; }
.update-mark[data-label]::before { content: attr(data-label); content: attr(data-label) / "";
  margin-right: .4em; padding: 0 .3em; border: 1px solid #666; border-radius: 3px;
  font-size: .75rem; font-weight: 600; color: #1a1a1a; background: #fff; }
.update-mark.contradicts[data-label]::before { border-color: #b00020; color: #b00020; }
.tip { display: none; position: absolute; left: 0; top: 100%; z-index: 10;
  width: max-content; max-width: min(22rem, 85vw); padding: .5rem .65rem;
  background: #1a1a1a; color: #fff; border-radius: 4px; box-shadow: 0 2px 8px rgba(0,0,0,.3);
  font-size: .875rem; font-weight: normal; font-style: normal; line-height: 1.4;
  text-align: left; white-space: normal; }
.tip .def { display: block; margin-top: .25rem; }
.tip .member + .member { display: block; margin-top: .5rem; padding-top: .4rem;
  border-top: 1px solid #666; }
.tip .head { display: block; margin-bottom: .35rem; color: #ddd; }
mark.span:hover > .tip, mark.span:focus > .tip { display: block; }
/* Hovering a nested mark hovers its ancestors too; show only the innermost tooltip
   (of the marks still shown). */
mark.span:has(mark.span:not(.off):hover) > .tip { display: none; }
.tips-off .tip { display: none !important; }
.confidence { margin: .75rem 0; }
.confidence label { font-weight: 600; }
.confidence input { width: min(16rem, 100%); vertical-align: middle; margin: 0 .5rem 0 0; }
.confidence output { font-weight: 600; font-variant-numeric: tabular-nums; }
.confidence p { margin: .25rem 0; }
.legend { margin: 0; }
.legend div { margin-bottom: .5rem; }
.legend dt { font-weight: 600; }
.legend dd { margin: 0 0 0 1.6rem; }
.legend .example { display: block; color: var(--muted); font-size: .9rem; }
.legend-help { margin: 0 0 .5rem; }
.legend button.technique .count { margin-left: .2rem; font-weight: normal; }
/* No span of this technique scores as much as the slider asks. */
.legend button.technique.none-left:not([aria-pressed="true"]) { color: var(--muted); }
button.show-all { margin: 0 0 .5rem; }
.swatch { display: inline-block; width: 1.1rem; height: 1.1rem; margin-right: .5rem;
  vertical-align: -.2rem; border: 1px solid #888; border-radius: 2px; }
.chart { display: block; width: 100%; max-width: 36rem; height: auto; }
.chart text { font: 14px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; fill: #1a1a1a; }
.conflicts { padding-left: 1.2rem; }
.conflicts li { margin-bottom: .4rem; }
.flag { color: #b00020; font-weight: 600; }
table.figures { border-collapse: collapse; width: 100%; font-size: .95rem; }
/* On a phone the table scrolls sideways rather than break "Figure" into "Figu|re". */
.figures-wrap { overflow-x: auto; }
table.figures th, table.figures td { text-align: left; padding: .2rem .5rem;
  border-bottom: 1px solid var(--rule); vertical-align: top; overflow-wrap: break-word; }
table.figures td.num { text-align: right; white-space: nowrap; }
table.figures tr.flagged { background: #fdecee; }
.sources { list-style: none; padding: 0; margin: 0; }
.sources > li { margin-bottom: .8rem; }
button.source, button.actor, button.claim, button.double, button.technique,
button.show-all {
  font: inherit; color: var(--ink); background: #f4f4f4; text-align: left;
  border: 1px solid #888; border-radius: 4px; padding: .25rem .6rem; cursor: pointer;
  overflow-wrap: anywhere; max-width: 100%; }
button.source:hover, button.actor:hover, button.claim:hover, button.double:hover,
button.technique:hover, button.show-all:hover { background: #e8e8e8; }
button.source:focus-visible, button.actor:focus-visible, button.claim:focus-visible,
button.double:focus-visible, button.technique:focus-visible, button.show-all:focus-visible {
  outline: 2px solid #000; outline-offset: 2px; }
button.source[aria-pressed="true"], button.actor[aria-pressed="true"],
button.claim[aria-pressed="true"], button.double[aria-pressed="true"],
button.technique[aria-pressed="true"] {
  background: #1a1a1a; color: #fff; border-color: #1a1a1a; }
.claims { list-style: none; padding: 0; margin: 0; }
.claims > li { margin-bottom: .6rem; }
.claims .score { font-weight: 600; margin-right: .4rem; }
.claims .whose { display: block; margin: .15rem 0 0 1.6rem; font-size: .95rem; }
.claims .score.disputed { color: #b00020; }
details.more-claims { margin: .25rem 0 .6rem; }
details.more-claims > summary { cursor: pointer; margin-bottom: .6rem; }
.claims .why { display: block; margin: .15rem 0 0 1.6rem; font-size: .95rem; color: #b00020; }
.doubles { list-style: none; padding: 0; margin: 0; }
.doubles > li { margin-bottom: .8rem; }
.doubles blockquote { margin: .3rem 0 0 1.6rem; padding-left: .6rem;
  border-left: 3px solid #888; overflow-wrap: anywhere; }
.doubles .charge { margin: .3rem 0 0 1.6rem; font-size: .95rem; }
.actors { list-style: none; padding: 0; margin: 0; }
.actors > li { margin-bottom: .8rem; }
.actor-facts { margin: .3rem 0 0 1.6rem; font-size: .95rem; overflow-wrap: anywhere; }
.actor-facts dt { display: inline; font-weight: 600; }
.actor-facts dt::after { content: ": "; }
.actor-facts dd { display: inline; margin: 0; }
.actor-facts dd::after { content: ""; display: block; }
.distancing { color: #b00020; font-style: italic; }
.badge { display: inline-block; margin-left: .25rem; padding: 0 .3rem; border-radius: 3px;
  font-size: .75rem; font-style: normal; background: #fdecee; color: #b00020;
  border: 1px solid #b00020; }
.kind { display: inline-block; margin-left: .4rem; padding: 0 .35rem; border-radius: 3px;
  font-size: .8rem; background: #e0e0e0; color: #1a1a1a; }
.kind-vague { background: #ffe0b8; }
.kind-author { background: #d6e4ff; }
.kind-unattributed { background: #ececec; }
.count { margin-left: .4rem; font-size: .85rem; }
.statements { margin: .3rem 0 0; padding-left: 1.6rem; font-size: .95rem; }
.statements li { margin-bottom: .2rem; overflow-wrap: anywhere; }
.cue { font-style: italic; }
.headline-check { margin: 1rem 0; padding: .6rem .9rem; border: 1px solid #888;
  border-radius: 4px; background: #f7f7f7; }
.headline-check h3 { margin: 0 0 .4rem; }
.updates { list-style: none; padding: 0; margin: 0; }
.updates > li { margin: .5rem 0; padding: .4rem .6rem; border-left: 4px solid #888;
  background: #fff; overflow-wrap: anywhere; }
.updates > li.contradicts { border-left-color: #b00020; background: #fdecee; }
.update-line { margin: 0 0 .25rem; font-weight: 600; }
.verdicts { margin: 0; padding-left: 1.2rem; }
.reasons { margin: .25rem 0 0; padding-left: 1.2rem; color: var(--muted); font-size: .9rem; }
/* A statement is underlined over a faint tint, so technique colours still show through. */
::highlight(ps-content) { background-color: rgba(0, 82, 204, .1);
  text-decoration: underline 3px #0052cc; }
::highlight(ps-source) { background-color: #1a1a1a; color: #fff; }
/* An actor's mentions: a strong outline-like underline over a light tint; its
   distancing labels get a wavy red underline. */
::highlight(ps-mention) { background-color: rgba(255, 193, 7, .45); color: #000;
  text-decoration: underline 3px #7a5200; }
::highlight(ps-distancing) { background-color: rgba(176, 0, 32, .12);
  text-decoration: underline wavy 2px #b00020; }
/* Figures that disagree with another: always marked, a double red underline. */
::highlight(ps-figure) { background-color: rgba(176, 0, 32, .08);
  text-decoration: underline double 2px #b00020; }
@media (max-width: 40rem) {
  main { padding: .75rem; }
  /* On a phone a tooltip beside the text would run off screen: pin it to the bottom. */
  .tip { position: fixed; left: .5rem; right: .5rem; top: auto; bottom: .5rem;
    width: auto; max-width: none; }
  /* Far from its mark, a tooltip would hide as the pointer left the mark for it (WCAG
     1.4.13, hoverable): it lingers, so the pointer can reach it, and over it the mark
     (its parent) is hovered again. Escape still hides it at once, and so do Tab to
     another mark (no pointer travels there) and a mark inside it hovered. Hidden, not
     undisplayed: one leaving display would not take the pointer. */
  .tip { display: block; visibility: hidden; transition: visibility 0s .5s; }
  mark.span:hover > .tip, mark.span:focus > .tip { visibility: visible; transition-delay: 0s; }
  .text:has(mark.span:focus-visible) .tip { transition: none; }
  /* The figures table, one figure a block: "Said by" scrolled out of sight beside it. */
  table.figures thead tr { position: absolute; width: 1px; height: 1px; overflow: hidden;
    clip-path: inset(50%); white-space: nowrap; }
  table.figures, table.figures tbody, table.figures tr, table.figures td { display: block; }
  table.figures tr { border-bottom: 1px solid var(--rule); padding: .3rem 0; }
  table.figures td, table.figures td.num { border: none; padding: .05rem .5rem;
    text-align: left; white-space: normal; }
  table.figures td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; }
}
.model-info { margin-top: 1.5rem; padding-top: .5rem; border-top: 1px solid var(--rule);
  color: var(--muted); font-size: .8rem; overflow-wrap: anywhere; }
.model-info p { margin: 0; }
@media (forced-colors: active) {
  /* High-contrast modes drop background images: a passage striped in several
     techniques' colours would lose its highlight. Every mark takes the system's mark
     colours and an underline; a pressed toggle an outline. */
  mark.span:not(.off) { background: Mark !important; color: MarkText !important;
    border-bottom: 2px solid MarkText; }
  [aria-pressed="true"] { outline: 3px solid Highlight; outline-offset: 1px; }
}
@media print {
  /* Browsers print without backgrounds by default, which would drop every highlight:
     keep the colours, and underline every mark for a printer that ignores that. */
  mark.span, .swatch, .update-mark, mark.span.multi::after, table.figures tr.flagged,
  .kind, .badge { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  mark.span { border-bottom: 2px solid #333; }
  mark.span.multi { border-bottom-style: double; border-bottom-width: 4px; }
  mark.span.off { border-bottom: none; }
  /* Controls do nothing on paper. */
  .tip, .confidence > div, .legend-help, button.show-all, .source-status, .claim-status,
  .actor-status, .double-status, .skip-text { display: none !important; }
  button.source, button.actor, button.claim, button.double, button.technique { border: none;
    background: none !important; color: var(--ink) !important; padding: 0; }
  /* The claims folded away print too (the script opens them before printing). */
  details.more-claims::details-content { content-visibility: visible; }
}
"""

# Escape hides tooltips (WCAG 1.4.13: hover/focus content must be dismissable);
# the next focus or pointer move brings them back, and a tooltip that would leave the
# screen is moved into view. The page works without it.
_SCRIPT = """
(function () {
  var root = document.documentElement;
  function show() { root.classList.remove("tips-off"); }
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { root.classList.add("tips-off"); }
  });
  // A tooltip near the right edge would run off screen: slide it back in view; one
  // below the window's bottom goes above its mark, where there is room. On a phone,
  // where it is pinned to the bottom, the passage scrolls up above it (as the web page).
  function fit(event) {
    show();
    var mark = event.target.closest ? event.target.closest("mark.span:not(.off)") : null;
    var tip = mark ? mark.querySelector(":scope > .tip") : null;
    if (!tip) { return; }
    var position = getComputedStyle(tip).position;
    var rects = mark.getClientRects();
    var box = rects.length ? rects[0] : mark.getBoundingClientRect();
    if (position === "fixed") {
      var room = window.innerHeight - tip.offsetHeight - 16;
      if (box.bottom > room) { window.scrollBy(0, box.bottom - room); }
      return;
    }
    if (position !== "absolute") { return; }
    tip.style.left = "0px"; tip.style.top = ""; tip.style.bottom = "";
    var over = tip.getBoundingClientRect().right - (document.documentElement.clientWidth - 8);
    if (over > 0) { tip.style.left = (-over) + "px"; }
    var height = tip.getBoundingClientRect().height;
    if (tip.getBoundingClientRect().bottom > window.innerHeight - 8 && box.top - height - 6 > 0) {
      tip.style.top = "auto"; tip.style.bottom = "100%";
    }
  }
  document.addEventListener("focusin", fit);
  document.addEventListener("mouseover", fit);

  // Sources: a pressed source button paints what its source says in the text. Offsets
  // count the text block's characters, tooltips left out; no markup is added to it.
  var pressed = null;
  function textNodes(block) {
    var nodes = [], pos = 0, node;
    var walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    while ((node = walker.nextNode())) {
      if (node.parentElement.closest(".tip, .sr")) { continue; }
      nodes.push({ node: node, start: pos });
      pos += node.length;
    }
    return nodes;
  }
  // One range per text node, so tooltips inside the marks are never painted.
  function highlight(nodes, spec) {
    var found = new Highlight();
    (spec || "").split(";").forEach(function (pair) {
      var bounds = pair.split(","), from = Number(bounds[0]), to = Number(bounds[1]);
      if (bounds.length !== 2 || !(from < to)) { return; }
      nodes.forEach(function (item) {
        var start = Math.max(from, item.start) - item.start;
        var end = Math.min(to, item.start + item.node.length) - item.start;
        if (start >= end) { return; }
        var range = document.createRange();
        range.setStart(item.node, start);
        range.setEnd(item.node, end);
        found.add(range);
      });
    });
    return found;
  }
  // Which offsets attribute of a button is painted as which highlight.
  var layers = [["data-contents", "ps-content"], ["data-names", "ps-source"],
    ["data-mentions", "ps-mention"], ["data-distancing", "ps-distancing"]];
  function release() {
    if (pressed) { pressed.setAttribute("aria-pressed", "false"); }
    pressed = null;
    if (window.CSS && CSS.highlights) {
      layers.forEach(function (layer) { CSS.highlights.delete(layer[1]); });
    }
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest
      ? event.target.closest("button.source, button.actor, button.claim, button.double")
      : null;
    if (!button) { return; }
    var again = button === pressed;
    var status = document.getElementById(button.getAttribute("data-status"));
    release();
    status.textContent = "";
    if (again) { return; }
    pressed = button;
    button.setAttribute("aria-pressed", "true");
    if (!(window.CSS && CSS.highlights && window.Highlight)) {
      status.textContent = "This browser cannot highlight passages; "
        + "what each button stands for is listed under it.";
      return;
    }
    var nodes = textNodes(document.getElementById(button.getAttribute("data-text")));
    var first = null;
    layers.forEach(function (layer) {
      if (!button.hasAttribute(layer[0])) { return; }
      var found = highlight(nodes, button.getAttribute(layer[0]));
      CSS.highlights.set(layer[1], found);
      if (!first) { first = found.values().next().value; }
    });
    status.textContent = button.getAttribute("data-said") + " highlighted in the text.";
    if (first) {
      var box = first.getBoundingClientRect();
      if (box.bottom < 0 || box.top > window.innerHeight) {
        window.scrollBy(0, box.top - window.innerHeight / 3);
      }
    }
  });

  // Minimum confidence and techniques: a span is shown when it scores at least the
  // slider's value and, while any technique in the legend is pressed, is one of those.
  // A mark holds every technique found on its passage and is shown while any of them
  // is, in their colours; one filtered out entirely loses its colour, its tooltip and
  // its tab stop; its text stays, and so do the marks inside or around it that pass.
  // Scores compare as the tooltips show them, in whole percents (data-percent, rounded
  // once, in Python). Each article's slider and legend filter its own marks.
  function plural(count, noun) { return count + " " + noun + (count === 1 ? "" : "s"); }
  function background(colours) {
    if (colours.length === 1) { return colours[0]; }
    var stops = colours.map(function (colour, k) {
      return colour + " " + (k * 0.5) + "em " + ((k + 1) * 0.5) + "em";
    });
    return "repeating-linear-gradient(135deg, " + stops.join(", ") + ")";
  }
  function filterMarks(view) {
    var least = Number(view.input.value), shown = 0, total = 0, counts = {};
    var chosen = view.toggles.filter(function (button) {
      return button.getAttribute("aria-pressed") === "true";
    });
    var names = chosen.map(function (button) { return button.getAttribute("data-technique"); });
    view.marks.forEach(function (mark) {
      var techniques = mark.getAttribute("data-technique").split(" ");
      var percents = mark.getAttribute("data-percent").split(" ").map(Number);
      var colours = mark.getAttribute("data-colour").split(" ");
      var passing = [], ids = [];
      techniques.forEach(function (name, k) {
        var likely = percents[k] >= least;
        var member = likely && (!names.length || names.indexOf(name) >= 0);
        mark.querySelectorAll(':scope > .tip > [data-member="' + k + '"], '
          + ':scope > .sr > [data-member="' + k + '"]').forEach(function (row) {
          row.classList.toggle("off", !member);
        });
        if (member) {
          passing.push(colours[k]);
          if (mark._described[k]) { ids.push(mark._described[k]); }
        }
        if (!mark._first) { return; }
        total += 1;
        shown += member ? 1 : 0;
        if (likely) { counts[name] = (counts[name] || 0) + 1; }
      });
      var on = passing.length > 0;
      mark.classList.toggle("off", !on);
      mark.setAttribute("tabindex", on && mark._first ? "0" : "-1");
      if (on) { mark.style.background = background(passing); }
      mark.classList.toggle("multi", passing.length > 1);
      mark.setAttribute("data-count", String(passing.length));
      var head = mark.querySelector(":scope > .tip > .head");
      if (head) {
        head.classList.toggle("off", passing.length < 2);
        head.textContent = passing.length + " techniques on this passage";
      }
      if (ids.length) { mark.setAttribute("aria-describedby", ids.join(" ")); }
      else { mark.removeAttribute("aria-describedby"); }
    });
    // The toggles count the spans the slider lets through.
    view.toggles.forEach(function (button) {
      var count = counts[button.getAttribute("data-technique")] || 0;
      button.querySelector(".count").textContent = plural(count, "span");
      button.classList.toggle("none-left", !count);
    });
    if (view.showAll) { view.showAll.hidden = !names.length; }
    view.input.setAttribute("aria-valuetext", least + "%");
    document.getElementById(view.input.getAttribute("data-value")).textContent = least + "%";
    var status = least || names.length
      ? "Showing " + shown + " of " + plural(total, "technique span")
      : total === 1
        ? "Showing the one technique span"
        : "Showing all " + plural(total, "technique span");
    if (least) { status += " (\\u2265 " + least + "%)"; }
    status += names.length
      ? ": " + chosen.map(function (button) { return button._label; }).join(", ") + "."
      : ".";
    document.getElementById(view.input.getAttribute("data-status")).textContent = status;
  }
  function element(tag, className, text) {
    var made = document.createElement(tag);
    made.className = className;
    if (text) { made.textContent = text; }
    return made;
  }
  // Each legend entry's term becomes a toggle; "Show all techniques" clears them all.
  function makeToggles(view, legend) {
    legend.querySelectorAll(":scope > div[data-technique]").forEach(function (entry) {
      var term = entry.querySelector("dt");
      var button = element("button", "technique");
      button.type = "button";
      button.setAttribute("aria-pressed", "false");
      button.setAttribute("aria-controls", view.input.getAttribute("data-text"));
      button.setAttribute("data-technique", entry.getAttribute("data-technique"));
      button._label = term.textContent;
      while (term.firstChild) { button.appendChild(term.firstChild); }
      button.append(" ", element("span", "count"));
      term.appendChild(button);
      button.addEventListener("click", function () {
        var pressed = button.getAttribute("aria-pressed") === "true";
        button.setAttribute("aria-pressed", pressed ? "false" : "true");
        filterMarks(view);
      });
      view.toggles.push(button);
    });
    legend.before(element("p", "note legend-help", "Select techniques to show only their "
      + "spans in the text; select one again to drop it."));
    view.showAll = element("button", "show-all", "Show all techniques");
    view.showAll.type = "button";
    view.showAll.setAttribute("aria-controls", view.input.getAttribute("data-text"));
    legend.after(view.showAll);
    view.showAll.addEventListener("click", function () {
      view.toggles.forEach(function (button) { button.setAttribute("aria-pressed", "false"); });
      filterMarks(view);
      view.toggles[0].focus();  // the button hides itself: keep the focus in the legend
    });
  }
  // Figures that disagree are marked in every article's text from the start.
  if (window.CSS && CSS.highlights && window.Highlight) {
    var figures = new Highlight();
    document.querySelectorAll(".text[data-figures]").forEach(function (block) {
      highlight(textNodes(block), block.getAttribute("data-figures")).forEach(function (range) {
        figures.add(range);
      });
    });
    if (figures.size) { CSS.highlights.set("ps-figure", figures); }
  }
  document.querySelectorAll("input.min-score").forEach(function (input) {
    var block = document.getElementById(input.getAttribute("data-text"));
    var marks = Array.prototype.slice.call(block.querySelectorAll("mark.span"));
    var view = { input: input, marks: marks, toggles: [], showAll: null };
    view.marks.forEach(function (mark) {
      mark._first = mark.getAttribute("tabindex") === "0";
      // Each technique's definition, by its place in the mark: what a screen reader
      // reads as the mark's description while that technique is shown.
      mark._described = (mark.getAttribute("aria-describedby") || "").split(" ");
    });
    var legend = document.getElementById(input.getAttribute("data-legend"));
    if (legend) { makeToggles(view, legend); }
    input.addEventListener("input", function () { filterMarks(view); });
    filterMarks(view);  // a reload may have kept the slider's last value
    document.getElementById(input.getAttribute("data-control")).hidden = false;
  });
  // What only works with the script (selecting, Escape) is said only when it runs.
  document.querySelectorAll(".js-only").forEach(function (node) { node.hidden = false; });
  // The claims folded away are printed too.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.more-claims").forEach(function (node) {
      node.open = true;
    });
  });
})();
"""


_DEFAULT_TITLE = "propscope report"


def render_html(
    analyses: AnalysisLike | Sequence[AnalysisLike],
    *,
    title: str | None = None,
    back_link: tuple[str, str] | None = None,
    not_analyzed: Sequence[str] = (),
) -> str:
    """Render one or more analyses as a standalone HTML5 page (no external resources).

    `title` heads the page and names it; without it the heading is "propscope report"
    and the page is named after the article, when there is one article with a title.
    `back_link` is (href, text) of a link above the heading, such as an article page's
    way back to the corpus dashboard. `not_analyzed` lists the inputs of the run that
    could not be read or analyzed, each a message naming it: the page says so first, so
    a reader of the report alone knows the run was not whole."""
    items = _as_dicts(analyses)
    sections = [_section(data, n) for n, data in enumerate(items)]
    if not sections:
        sections = ['<p class="note">No analyses to show.</p>']
    if not_analyzed:
        listed = "".join(f"<li>{_esc(message)}</li>" for message in not_analyzed)
        count = len(not_analyzed)
        noun = "input" if count == 1 else "inputs"
        sections.insert(
            0,
            f'<section class="not-analyzed" aria-labelledby="not-analyzed">'
            f'<h2 id="not-analyzed">Not analyzed: {count} {noun}</h2><ul>{listed}</ul>'
            "</section>",
        )
    heading = _DEFAULT_TITLE if title is None else title
    name = heading
    if title is None and len(items) == 1 and items[0]["document"].get("title"):
        name = shown_title(items[0]["document"])
    if len(items) == 1 and _names_the_article(heading, items[0]["document"]):
        # A dashboard's article page is named after its article, whose section heads
        # itself with the title: a second heading saying the same would only repeat it.
        heading = _DEFAULT_TITLE
    return _page(heading, name, items, sections, back_link)


def _names_the_article(title: str, document: Mapping[str, Any]) -> bool:
    """Whether `title` is the article's own title, as given or as its heading shows it."""
    return title in (document.get("title"), shown_title(document))


def _as_dicts(analyses: AnalysisLike | Sequence[AnalysisLike]) -> list[Mapping[str, Any]]:
    if isinstance(analyses, Analysis | Mapping):
        items: list[Any] = [analyses]
    elif isinstance(analyses, str | bytes) or not isinstance(analyses, Iterable):
        raise TypeError(
            f"render_html takes an Analysis, its dict, or a list of them, not "
            f"{type(analyses).__name__}; analyze a text first: "
            "render_html(propscope.analyze(text))"
        )
    else:
        items = list(analyses)
    for n, item in enumerate(items):
        if not isinstance(item, Analysis | Mapping):
            raise TypeError(
                f"render_html: item {n} is a {type(item).__name__}, not an Analysis or its dict"
            )
    return [a.to_dict() if isinstance(a, Analysis) else a for a in items]


def _esc(value: object) -> str:
    # Control characters but tab and line break are shown as signs ("␛" for ESC), as in
    # the terminal: a browser drops some (NUL) and hides the others, and one sign for
    # one character keeps the offsets of every highlight after it. (A carriage return,
    # which the parser would turn into a line break, is shown as "␍".)
    return html.escape(visible_controls(str(value)))


def _attrs(values: Mapping[str, str]) -> str:
    return "".join(f' {name}="{_esc(value)}"' for name, value in values.items())


def _percent(value: float, digits: int = 0) -> str:
    """A share as a percentage; in whole percents, rounded as every score is
    (`whole_percent`)."""
    return f"{value:.{digits}%}" if digits else f"{whole_percent(value)}%"


def _js_only(html_text: str, *, note: bool = False) -> str:
    """Words about what only the script makes work (selecting, Escape), as a span or,
    with `note`, a paragraph: hidden until it runs, so a page read without it promises
    nothing."""
    if note:
        return f'<p class="note js-only" hidden>{html_text}</p>'
    return f'<span class="js-only" hidden>{html_text}</span>'


# --- page -----------------------------------------------------------------------------


def _page(
    title: str,
    name: str,
    items: list[Mapping[str, Any]],
    sections: list[str],
    back_link: tuple[str, str] | None = None,
) -> str:
    count = len(items)
    back = (
        f'<nav aria-label="Back"><p><a href="{_esc(back_link[0])}">{_esc(back_link[1])}</a>'
        "</p></nav>"
        if back_link is not None
        else ""
    )
    noun = "article" if count == 1 else "articles"
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f'<meta http-equiv="Content-Security-Policy" content="{_csp()}">',
            f"<title>{_esc(name)}</title>",
            f"<style>{_CSS}</style>",
            "</head>",
            "<body>",
            "<main>",
            *([back] if back else []),
            "<header>",
            f'<h1 dir="auto">{_esc(title)}</h1>',
            f'<p class="intro">{count} {noun} analyzed by propscope.'
            + _techniques_intro(items)
            + f"{_sources_intro(items)}{_actors_intro(items)}</p>",
            "</header>",
            _nav(items),
            *sections,
            "</main>",
            f"<script>{_SCRIPT}</script>",
            "</body>",
            "</html>",
            "",
        ]
    )


def _techniques_intro(items: list[Mapping[str, Any]]) -> str:
    if not any(data.get("techniques") is not None for data in items):
        return ""  # the page says the layer was not computed; nothing is highlighted
    return (
        " Highlighted passages use a propaganda technique: hover over one, or move to it "
        "with the Tab key, to see which technique and how confident the model is."
        + _js_only(" Escape hides the tooltip.")
    )


def _sources_intro(items: list[Mapping[str, Any]]) -> str:
    if not any("attributions" in data for data in items):
        return ""
    return (
        " Under Sources, each source is listed with what it says"
        + _js_only("; select one to highlight it in the text")
        + "; the author's own assertions and those nobody is said to make are listed there too."
        + (
            " An act is something a source did to what it names (thanked Ritter, voted for "
            "the bill), listed without quotation marks: nobody's words."
            if any(item.get("act") for data in items for item in data.get("attributions") or ())
            else ""
        )
    )


def _actors_intro(items: list[Mapping[str, Any]]) -> str:
    if not any("actors" in data for data in items):
        return ""
    return (
        " Under Actors, each one the article names is listed"
        + _js_only("; select one to highlight every mention of it in the text")
        + "; labels the article keeps its distance from (scare quotes, “so-called”) are "
        "marked."
    )


def _csp() -> str:
    """A policy that loads nothing from anywhere and runs only our own script."""
    digest = base64.b64encode(hashlib.sha256(_SCRIPT.encode("utf-8")).digest()).decode("ascii")
    return (
        "default-src 'none'; style-src 'unsafe-inline'; "
        f"script-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"
    )


def _nav(items: list[Mapping[str, Any]]) -> str:
    if len(items) < 2:
        return ""
    links = "".join(
        f'<li><a href="#article-{n}"{_article_lang(data["document"]["text"])}>'
        f"{_esc(shown_title(data['document']))}</a></li>"
        for n, data in enumerate(items)
    )
    return f'<nav aria-label="Articles"><ol>{links}</ol></nav>'


# --- one analysis ---------------------------------------------------------------------


def _section(data: Mapping[str, Any], n: int) -> str:
    document = data["document"]
    text: str = document["text"]
    attributions = read_attributions(data, text)
    figures = read_figures(data, text)
    lang = _article_lang(text)
    parts = [
        f'<section class="analysis" id="article-{n}" aria-labelledby="article-{n}-title">',
        f'<h2 id="article-{n}-title" dir="auto"{lang}>{_esc(shown_title(document))}</h2>',
        _meta(document),
        _notes(data),
        _headline_panel(data, text, n, lang=lang),
    ]
    flagged = _flagged_figures(figures, text)
    headline = read_headline(data, text)
    updates = headline.updates if headline is not None else ()
    if "techniques" not in data:
        parts.append(_text_block(text, [], n, flagged, updates, lang=lang))
        parts.append('<p class="note">The techniques layer was not computed for this analysis.</p>')
    else:
        spans = read_spans(data["techniques"], text)
        summary = summary_of(data, text)
        parts.append(_stats(summary))
        if spans:
            parts.append(_min_score(data, n))
        parts.append(_text_block(text, spans, n, flagged, updates, lang=lang))
        if spans:
            parts += [_legend(spans, n), _chart(summary, n)]
        else:
            parts.append('<p class="note">No propaganda techniques found.</p>')
    parts.append(_double_standards_panel(data, text, n, lang=lang))
    if attributions is not None:
        parts.append(_sources_panel(attributions, text, n, lang=lang))
    parts.append(_claims_panel(data, text, n, attributions, lang=lang))
    parts.append(_actors_panel(data, text, n, lang=lang))
    parts += [
        _figures_panel(figures, n, attributions, lang=lang),
        _model_footer(data),
        _json_twin(data, n),
        "</section>",
    ]
    return "\n".join(part for part in parts if part)


def _article_lang(text: str) -> str:
    """The attribute of the elements holding an article's own words (its text, title and
    the passages the panels quote): `lang=""`, language unknown (WCAG 3.1.2), for a text
    that does not look English, which the page's lang="en" would have read out as English;
    nothing for English. The page's own words stay English."""
    return "" if looks_english(text) else ' lang=""'


def _page_lang(lang: str) -> str:
    """The attribute of the page's own words inside an element holding the article's
    (`_article_lang`): English again, where that element's language is not."""
    return ' lang="en"' if lang else ""


def _words(shown: str, lang: str) -> str:
    """Some of the article's words (a name, a label), escaped, in its language."""
    return f"<span{lang}>{_esc(shown)}</span>" if lang else _esc(shown)


def _q(shown: str, *, lang: str = "") -> str:
    """A passage in the browser's quotation marks, unless it opens with its own ("“I
    don't think so,” he said."): then with none added (`q.own`). `lang`, the article's
    (`_article_lang`)."""
    if opens_quoted(shown):
        return f'<q class="own"{lang}>{_esc(shown)}</q>'
    return f"<q{lang}>{_esc(shown)}</q>"


def _meta(document: Mapping[str, Any]) -> str:
    # The URL is shown as text, not a link: the page must not reach out, and an
    # article's URL could be a javascript: one.
    # Each part in its own <bdi>: a right-to-left override (U+202E) in a source's name
    # then reorders only that name, never the date or the address beside it.
    fields = [document.get(key) for key in ("source", "published", "url")]
    shown = [f"<bdi>{_esc(value)}</bdi>" for value in fields if value]
    # The id, which a corpus's tables and file names key the article by: a dashboard's
    # article page named "OPINION:" could be matched to its row by nothing else.
    if document.get("id"):
        shown.append(f"id <bdi>{_esc(document['id'])}</bdi>")
    return f'<p class="meta">{" · ".join(shown)}</p>' if shown else ""


def _notes(data: Mapping[str, Any]) -> str:
    """What a layer could not do, and why, under the title, where a reader sees it before
    the results it qualifies."""
    notes = shown_notes(list(data.get("notes") or []))
    if not notes:
        return ""
    items = "".join(f"<li>{_esc(note)}</li>" for note in notes)
    return f'<ul class="notes">{items}</ul>'


def _model_footer(data: Mapping[str, Any]) -> str:
    """Which models made the analysis: each component's name and version, small, at the
    end of its section; nothing when the analysis does not say."""
    info = data.get("model")
    if not isinstance(info, Mapping) or not info:
        return ""
    parts = []
    components = info.get("components")
    if isinstance(components, Mapping):
        for layer, component in components.items():
            parts.append(f"{_esc(layer)}: {_component_words(component)}")
    made_by = " ".join(
        _esc(info[key]) for key in ("name", "version") if isinstance(info.get(key), str)
    )
    if not parts and not made_by:
        return ""
    lead = f"Analyzed by {made_by}." if made_by else ""
    listed = f"Models: {'; '.join(parts)}." if parts else ""
    return f'<footer class="model-info"><p>{" ".join(filter(None, (lead, listed)))}</p></footer>'


def _component_words(component: object) -> str:
    """ "techniques-minilm 0.3.2 (calibrated scores)", escaped."""
    if not isinstance(component, Mapping):
        return _esc(component)
    words = (
        " ".join(_esc(component[key]) for key in ("name", "version") if key in component)
        or "unnamed"
    )
    if component.get("scores") in ("calibrated", "raw"):
        words += f" ({component['scores']} scores)"
    nested = [
        f"{_esc(key.replace('_', ' '))} {_component_words(value)}"
        for key, value in component.items()
        if isinstance(value, Mapping) and ("name" in value or "version" in value)
    ]
    return words + (f", with {', '.join(nested)}" if nested else "")


def _json_twin(data: Mapping[str, Any], n: int) -> str:
    raw = json.dumps(data, ensure_ascii=False)
    # Inside <script> only "</" can end the block, but escaping all three also keeps
    # "<!--" and entities inert; JSON parsers read \u003c back as "<".
    safe = raw.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    # json.dumps escapes C0 controls but writes DEL and C1 (U+009B, a terminal's CSI) raw.
    safe = _RAW_CONTROLS.sub(lambda found: f"\\u{ord(found.group()):04x}", safe)
    return f'<script type="application/json" id="analysis-{n}">{safe}</script>'


_RAW_CONTROLS = re.compile("[\x7f-\x9f]")


def _stats(summary: Mapping[str, Any]) -> str:
    count = int(summary["spans"])
    noun = "span" if count == 1 else "spans"
    share = _percent(float(summary["covered_share"]), 1)
    # Of every score: the confidence slider filters the marks, not these figures.
    return (
        f'<p class="stats"><strong>{share}</strong> of the text is covered by '
        f"<strong>{count}</strong> {noun} of any score.</p>"
    )


# --- minimum confidence ---------------------------------------------------------------

_SCORES_CALIBRATED = (
    "Scores are calibrated: of the spans scored 30%, about 30% were right when the model "
    "was cross-validated."
)
_SCORES_RAW = (
    "These scores are the model's raw probabilities, not calibrated: read them as a ranking."
)


def _scores_are_calibrated(data: Mapping[str, Any]) -> bool:
    """Whether the techniques model says its scores are calibrated (`model_info`'s
    "scores"); an analysis that does not say is read as raw."""
    info: Any = data.get("model")
    for key in ("components", "techniques"):
        info = info.get(key) if isinstance(info, Mapping) else None
    return isinstance(info, Mapping) and info.get("scores") == "calibrated"


def _min_score(data: Mapping[str, Any], n: int) -> str:
    """A slider that hides the marks scored below its value, and what a score means.

    The slider stays hidden until the script shows it: without script every mark is
    shown, and the sentence still explains the scores in the tooltips."""
    note = _SCORES_CALIBRATED if _scores_are_calibrated(data) else _SCORES_RAW
    slider = {
        "type": "range",
        "class": "min-score",
        "id": f"a{n}-min-score",
        "min": "0",
        "max": "100",
        "step": "5",
        "value": "0",
        "aria-controls": f"a{n}-text",
        "aria-describedby": f"a{n}-min-score-note",
        "data-text": f"a{n}-text",
        "data-value": f"a{n}-min-score-value",
        "data-status": f"a{n}-min-score-status",
        "data-control": f"a{n}-min-score-control",
        "data-legend": f"a{n}-legend-list",
    }
    return (
        '<div class="confidence">'
        f'<div id="a{n}-min-score-control" hidden>'
        f'<label for="a{n}-min-score">Show techniques at least this likely to be right</label> '
        # The value is shown, not read: the slider says it (aria-valuetext), and the
        # output, a live region, would read it again, and again at each toggle pressed.
        f'<input{_attrs(slider)}><span aria-hidden="true">'
        f'<output id="a{n}-min-score-value" for="a{n}-min-score">0%</output></span>'
        f'<p class="note" id="a{n}-min-score-status" role="status"></p></div>'
        f'<p class="note" id="a{n}-min-score-note">{_esc(note)}</p></div>'
    )


# --- highlighted text -----------------------------------------------------------------


def _text_block(
    text: str,
    spans: list[RenderSpan],
    n: int,
    figures: str = "",
    updates: Sequence[UpdateLine] = (),
    *,
    lang: str = "",
) -> str:
    """The article's text with its technique marks and its update lines marked;
    `figures`, the UTF-16 offsets of the figures that disagree ("start,end;..."), which
    the script marks on load; `lang`, the article's (`_article_lang`).

    Where there are marks, each a tab stop, a link before the text skips them all."""
    attribute = f' data-figures="{figures}"' if figures else ""
    items: list[_Item] = [_UpdateRegion(update) for update in updates]
    items += group_same_extent(spans)
    marked = _marked_text(text, items, n, page_lang=_page_lang(lang))
    block = f'<div class="text" id="a{n}-text"{attribute}{lang}>{marked}</div>'
    if not spans:
        return block
    return (
        f'<p class="skip-text"><a href="#a{n}-after-text">Skip past the article</a></p>'
        f'{block}<div class="after-text" id="a{n}-after-text" tabindex="-1"></div>'
    )


def _flagged_figures(layer: tuple[list[Figure], list[FigureConflict]] | None, text: str) -> str:
    """The offsets of every figure a conflict names, for the text block."""
    if layer is None:
        return ""
    figures, conflicts = layer
    flagged = sorted(flagged_figures(conflicts))
    return _ranges([figures[i] for i in flagged], _utf16_offsets(text))


@dataclass(frozen=True, slots=True)
class _UpdateRegion:
    """An update or correction line, marked in the text around the marks in it."""

    update: UpdateLine

    @property
    def start(self) -> int:
        return self.update.start

    @property
    def end(self) -> int:
        return self.update.end


_Item = MarkGroup | _UpdateRegion


def _opening_order(item: _Item) -> tuple[int, int, int]:
    # Marks that end later go outside, which keeps crossings (and splits) rare; an
    # update line goes around the marks of its own extent.
    if isinstance(item, _UpdateRegion):
        return (-item.end, 0, 0)
    return (-item.end, 1, item.index)


def _marked_text(text: str, items: Sequence[_Item], n: int, *, page_lang: str = "") -> str:
    """The text with one <mark> per passage marked (one per group of spans sharing it)
    and a wrapper per update line, properly nested; `page_lang`, the attribute of what
    the page says in them (`_page_lang`).

    Items that cross (neither contains the other) cannot nest, so one closed early to let
    another close is reopened as a continuation fragment. Only a mark's first fragment is
    a tab stop and carries what a screen reader reads, so each is met once.
    """
    starting: dict[int, list[_Item]] = {}
    for item in items:
        starting.setdefault(item.start, []).append(item)
    bounds = sorted({0, len(text)} | {i.start for i in items} | {i.end for i in items})
    parts: list[str] = []
    stack: list[_Item] = []
    for left, right in pairwise(bounds):
        reopen = _close_ending(left, stack, parts)
        opening = [(i, False) for i in reopen] + [(i, True) for i in starting.get(left, [])]
        for item, first in sorted(opening, key=lambda pair: _opening_order(pair[0])):
            parts.append(_open_item(item, n, first=first, page_lang=page_lang))
            stack.append(item)
        parts.append(_esc(text[left:right]))
    _close_ending(len(text), stack, parts)
    return "".join(parts)


def _close_ending(pos: int, stack: list[_Item], parts: list[str]) -> list[_Item]:
    """Close every open item ending at `pos`; return those closed early that must reopen."""
    depth = next((i for i, item in enumerate(stack) if item.end == pos), None)
    if depth is None:
        return []
    closed = stack[depth:]
    del stack[depth:]
    parts.extend(_closing_tag(item) for item in reversed(closed))
    return [item for item in closed if item.end != pos]


def _closing_tag(item: _Item) -> str:
    return "</span>" if isinstance(item, _UpdateRegion) else "</mark>"


def _open_item(item: _Item, n: int, *, first: bool, page_lang: str = "") -> str:
    if isinstance(item, _UpdateRegion):
        return _open_update(item.update, first=first)
    return _open_mark(item, n, first=first, page_lang=page_lang)


def _open_update(update: UpdateLine, *, first: bool) -> str:
    kind = update_kind(update)
    attrs = {"class": "update-mark"}
    if first and update_label(update) is not None:
        attrs["data-label"] = kind
    said = f"{kind} line"
    if update.contradicts_headline:
        attrs["class"] += " contradicts"
        said += ", which contradicts the headline"
    # A continuation keeps the bar but says nothing again.
    return f"<span{_attrs(attrs)}>" + (f'<span class="sr">{_esc(said)}: </span>' if first else "")


def _mark_background(colours: Sequence[str]) -> str:
    """The background of a mark: its technique's colour, or stripes of each technique's."""
    if len(colours) == 1:
        return colours[0]
    stops = ", ".join(
        f"{colour} {k * 0.5:g}em {(k + 1) * 0.5:g}em" for k, colour in enumerate(colours)
    )
    return f"repeating-linear-gradient(135deg, {stops})"


def _open_mark(group: MarkGroup, n: int, *, first: bool, page_lang: str = "") -> str:
    members = group.members
    tip_id = f"a{n}-s{group.index}-tip"
    percents = [whole_percent(span.score) for span in members]
    mark = {
        "class": "span multi" if len(members) > 1 else "span",
        "data-span": " ".join(str(span.index) for span in members),
        "data-technique": " ".join(span.technique.name for span in members),
        "data-score": " ".join(f"{span.score:.4f}" for span in members),
        "data-percent": " ".join(map(str, percents)),
        "data-colour": " ".join(span.technique.colour for span in members),
        "data-count": str(len(members)),
        "style": f"background:{_mark_background([s.technique.colour for s in members])}",
        "tabindex": "0" if first else "-1",
    }
    if first:
        # The technique and confidence are read once, as hidden text at the start of the
        # passage; the definitions are the description, read when the mark is focused.
        mark["aria-describedby"] = " ".join(f"{tip_id}-d{k}" for k in range(len(members)))
    rows, said = [], []
    for k, (span, percent) in enumerate(zip(members, percents, strict=True)):
        technique = span.technique
        definition = {"class": "def", "id": f"{tip_id}-d{k}"} if first else {"class": "def"}
        rows.append(
            f'<span class="member" data-member="{k}"><strong>{_esc(technique.label)}</strong>'
            f" · {percent}% confidence"
            f"<span{_attrs(definition)}>{_esc(technique.definition)}</span></span>"
        )
        said.append(
            f'<span class="member" data-member="{k}">'
            f"{_esc(technique.label)}, {percent}% confidence. </span>"
        )
    head = (
        f'<span class="head">{len(members)} techniques on this passage</span>'
        if len(members) > 1
        else ""
    )
    # Every fragment shows the tooltip on hover; none is read out (the hidden text is).
    tip = f'<span class="tip" aria-hidden="true"{page_lang}>{head}{"".join(rows)}</span>'
    hidden = f'<span class="sr"{page_lang}>{"".join(said)}</span>' if first else ""
    return f"<mark{_attrs(mark)}>{tip}{hidden}"


# --- legend and chart -----------------------------------------------------------------


def _legend(spans: list[RenderSpan], n: int) -> str:
    """Each technique present with its definition and an example.

    The script (driven from the slider, which names the list in `data-legend`) turns
    each entry's term into a toggle that shows only the techniques pressed; without
    script the legend is a plain list and every mark stays shown."""
    present = {span.technique.name for span in spans}
    entries = []
    for name in TECHNIQUE_NAMES:
        if name not in present:
            continue
        technique = get_technique(name)
        entries.append(
            f'<div data-technique="{_esc(name)}"><dt>'
            f'<span class="swatch" style="background-color:{_esc(technique.colour)}" '
            f'aria-hidden="true"></span>{_esc(technique.label)}</dt>'
            f"<dd>{_esc(technique.definition)}"
            f'<span class="example">Example: {_esc(technique.example)}</span></dd></div>'
        )
    return (
        f'<h3 id="a{n}-legend">Techniques in this article</h3>'
        f'<dl class="legend" id="a{n}-legend-list" aria-labelledby="a{n}-legend">'
        f"{''.join(entries)}</dl>"
    )


def _chart(summary: Mapping[str, Any], n: int) -> str:
    """Horizontal bars of spans per technique, as inline SVG."""
    order = {name: i for i, name in enumerate(TECHNIQUE_NAMES)}
    counts = sorted(
        ((get_technique(name), int(count)) for name, count in summary["techniques"].items()),
        key=lambda item: (-item[1], order[item[0].name]),
    )
    if not counts:
        return ""
    row, label_width, bar_x, bar_room, width = 28, 170, 180, 330, 560
    height = row * len(counts) + 8
    most = max(count for _, count in counts)
    described = ", ".join(f"{t.label}: {count}" for t, count in counts)
    rows = []
    for i, (technique, count) in enumerate(counts):
        y = 4 + i * row
        bar = max(2, round(bar_room * count / most))
        noun = "span" if count == 1 else "spans"
        rows.append(
            f"<g><title>{_esc(technique.label)}: {count} {noun}</title>"
            f'<text x="{label_width}" y="{y + 19}" text-anchor="end">{_esc(technique.label)}</text>'
            f'<rect x="{bar_x}" y="{y + 3}" width="{bar}" height="{row - 8}" rx="2" '
            f'fill="{_esc(technique.colour)}" stroke="#666" stroke-width="0.5"></rect>'
            f'<text x="{bar_x + bar + 6}" y="{y + 19}">{count}</text></g>'
        )
    return (
        f'<h3 id="a{n}-chart-heading">Spans per technique, of any score</h3>'
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="a{n}-chart-title">'
        f'<title id="a{n}-chart-title">Spans per technique: {_esc(described)}</title>'
        f"{''.join(rows)}</svg>"
    )


# --- headline check -------------------------------------------------------------------


def _headline_panel(data: Mapping[str, Any], text: str, n: int, *, lang: str = "") -> str:
    """Update lines with their verdicts, above the article; nothing when the layer is
    absent. Contradictions take a warning style; nothing is marked in the text block.
    `lang`, the article's (`_article_lang`), for the passages quoted."""
    headline = read_headline(data, text)
    if headline is None:
        return ""
    heading = f'<h3 id="a{n}-headline">Headline check</h3>' + _stance_block(headline, lang=lang)
    if headline.updates:
        items = "".join(_update_item(update) for update in headline.updates)
        body = f'<ul class="updates" aria-labelledby="a{n}-headline">{items}</ul>'
    else:
        body = '<p class="note">No update or correction lines.</p>'
    notes = "".join(f'<p class="note">{_esc(note)}</p>' for note in headline.notes)
    return (
        f'<section class="headline-check" aria-labelledby="a{n}-headline">'
        f"{heading}{body}{notes}</section>"
    )


def _stance_block(headline: Headline, *, lang: str = "") -> str:
    """The stance verdict, the probability of each class, and its evidence sentences."""
    if headline.stance is None:
        return ""
    words = STANCE_VERDICTS.get(headline.stance, headline.stance)
    verdict = _esc(f"{words[:1].upper()}{words[1:]}.")
    finite = shown_stance_scores(headline.stance_scores)
    runner_up = stance_runner_up(finite, headline.stance)
    if runner_up is not None:
        other = STANCE_ALTERNATIVES.get(runner_up[0], runner_up[0])
        verdict = _esc(f"No clear verdict: {words}, or it {other}.")
    elif headline.stance in ("disagree", "unrelated"):
        verdict = f'<span class="flag" aria-hidden="true">⚑</span> <strong>{verdict}</strong>'
    scores = ", ".join(
        f"{_esc(name)} {score_percent(value)}%"
        for name, value in sorted(finite.items(), key=lambda kv: -kv[1])
    )
    evidence = "".join(f"<li>{_q(e.text, lang=lang)}</li>" for e in headline.evidence)
    return f'<p class="stance">{verdict} <span class="note">({scores})</span></p>' + (
        f'<p class="note">The sentences this verdict rests on most:</p>'
        f'<ul class="evidence">{evidence}</ul>'
        if evidence
        else ""
    )


def _update_item(update: UpdateLine) -> str:
    if update.contradicts_headline is None:
        contradiction = "Cannot tell whether it contradicts the headline (no headline)."
    elif update.contradicts_headline:
        contradiction = (
            '<span class="flag" aria-hidden="true">⚑</span> '
            "<strong>Contradicts the headline.</strong>"
        )
    else:
        contradiction = "Does not contradict the headline."
    if update.reflected_in_body is None:
        reflection = "Nothing to look for in the body."
    elif update.reflected_in_body:
        reflection = "The body reflects it."
    else:
        reflection = "<strong>The body does not reflect it.</strong>"
    reasons = "".join(f"<li>{_esc(reason)}</li>" for reason in update.reasons)
    css = ' class="contradicts"' if update.contradicts_headline else ""
    label = "" if (kind := update_label(update)) is None else f"{_esc(kind)}: "
    return (
        f'<li{css}><p class="update-line">{label}<q>{_esc(update.text)}</q></p>'
        f'<ul class="verdicts"><li>{contradiction}</li><li>{reflection}</li></ul>'
        + (f'<ul class="reasons">{reasons}</ul>' if reasons else "")
        + "</li>"
    )


# --- figures --------------------------------------------------------------------------

_QUALIFIER_SIGNS = {
    "about": "≈ ",
    "more than": "&gt; ",
    "less than": "&lt; ",
    "at least": "≥ ",
    "up to": "≤ ",
}


def _figures_panel(
    layer: tuple[list[Figure], list[FigureConflict]] | None,
    n: int,
    attributions: list[Attribution] | None,
    *,
    lang: str = "",
) -> str:
    """Conflicting figures first, then every figure (`read_figures`); nothing when the
    layer is absent. `lang`, the article's (`_article_lang`), for its words quoted."""
    if layer is None:
        return ""
    figures, conflicts = layer
    heading = f'<h3 id="a{n}-figures">Figures in this article</h3>'
    if not figures:
        return heading + '<p class="note">No figures found.</p>'
    if conflicts:
        items = "".join(_conflict_item(conflict, figures, lang=lang) for conflict in conflicts)
        listed = (
            f'<h4 id="a{n}-conflicts">Figures that disagree</h4>'
            f'<ul class="conflicts" aria-labelledby="a{n}-conflicts">{items}</ul>'
        )
        listed += _js_only(
            "In the text, these figures have a double red underline "
            "(where the browser can highlight passages).",
            note=True,
        )
    else:
        listed = '<p class="note">No conflicting figures.</p>'
    flagged = set(flagged_figures(conflicts))
    return heading + listed + _figures_table(figures, flagged, n, attributions, lang=lang)


def _conflict_item(conflict: FigureConflict, figures: list[Figure], *, lang: str = "") -> str:
    quoted = ", ".join(f"#{i + 1} <q{lang}>{_esc(figures[i].text)}</q>" for i in conflict.figures)
    return (
        f'<li><span class="flag" aria-hidden="true">⚑</span> '
        f"<strong>{_esc(conflict.note)}</strong> — {quoted}</li>"
    )


def _figures_table(
    figures: list[Figure],
    flagged: set[int],
    n: int,
    attributions: list[Attribution] | None,
    *,
    lang: str = "",
) -> str:
    rows = []
    for index, figure in enumerate(figures):
        row, flag = "<tr>", ""
        if index in flagged:
            row = '<tr class="flagged">'
            flag = ' <span class="flag" role="img" aria-label="flagged" title="flagged">⚑</span>'
        sign = _QUALIFIER_SIGNS.get(figure.qualifier or "", "")
        counts = _words(figure.counts, lang) if figure.counts else '<span class="note">—</span>'
        said_by = (
            ""
            if attributions is None
            else f'<td role="cell" data-label="Said by">{_said_by(figure, attributions, lang)}</td>'
        )
        rows.append(
            f'{row}<td class="num" role="cell">{index + 1}{flag}</td>'
            f'<td role="cell" data-label="Figure">{_words(figure.text, lang)}</td>'
            f'<td class="num" role="cell" data-label="Value">{sign}{_esc(figure.value_text)}</td>'
            f'<td role="cell" data-label="Counts">{counts}</td>{said_by}</tr>'
        )
    said_by_heading = (
        "" if attributions is None else '<th scope="col" role="columnheader">Said by</th>'
    )
    note = ""
    if attributions is not None and any(f.source is None for f in figures):
        note = f'<p class="note">{_esc(NO_STATEMENT_NOTE)}</p>'
    # The roles keep the table a table for a screen reader where a phone lays its rows
    # out as blocks.
    heads = "".join(
        f'<th scope="col" role="columnheader">{name}</th>'
        for name in ("#", "Figure", "Value", "Counts")
    )
    body = (
        "".join(rows)
        .replace("<tr>", '<tr role="row">')
        .replace('<tr class="flagged">', '<tr class="flagged" role="row">')
    )
    return (
        f'<div class="figures-wrap"><table class="figures" role="table" '
        f'aria-labelledby="a{n}-figures"><thead role="rowgroup"><tr role="row">{heads}'
        f'{said_by_heading}</tr></thead><tbody role="rowgroup">{body}</tbody></table></div>'
        f"{note}"
    )


def _said_by(figure: Figure, attributions: list[Attribution], lang: str = "") -> str:
    if figure.source is None:
        return '<span class="note">—</span>'
    return _voice(attributions[figure.source], lang=lang)


def _voice(item: Attribution, *, lang: str = "") -> str:
    """Whose statement it is, as escaped HTML: the source with its kind, "the author" or
    "unattributed"; the source's name in the article's `lang` (`_article_lang`)."""
    if item.source_kind == "author":
        return "<em>the author</em>"
    if item.source_kind == "unattributed":
        return "<em>unattributed</em>"
    name = source_name(item.source.text) if item.source is not None else UNNAMED_SOURCE
    if item.refers_to is not None and item.refers_to_kind is not None:
        # "he (Mike Mills)": the name the pronoun stands for, with that name's kind.
        kind = item.refers_to_kind
        return (
            f"{_words(name, lang)} ({_words(item.refers_to.text, lang)}) "
            f'<span class="kind kind-{kind}">{kind}</span>'
        )
    return (
        f'{_words(name, lang)} <span class="kind kind-{item.source_kind}">{item.source_kind}</span>'
    )


# --- sources --------------------------------------------------------------------------

_EXCERPT_LIMIT = 200
_FIRST_WORDS_LIMIT = 40  # of a statement, telling apart sources that read the same


def _sources_panel(attributions: list[Attribution], text: str, n: int, *, lang: str = "") -> str:
    """Each source as a button that highlights what it says, with its statements listed
    (escaped) under it; then the author's own and the unattributed assertions. `lang`,
    the article's (`_article_lang`), for its words quoted."""
    heading = f'<h3 id="a{n}-sources">Sources</h3>'
    if not attributions:
        return heading + '<p class="note">No statements found.</p>'
    to_utf16 = _utf16_offsets(text)
    entries = [
        (group.label, group.kind, [attributions[i] for i in group.members])
        for group in group_sources(attributions)
    ]
    for kind, label in (("author", "The author"), ("unattributed", "No source")):
        members = [a for a in attributions if a.source_kind == kind]
        if members:
            entries.append((label, kind, members))
    shown = Counter((label, kind, statement_count(members)) for label, kind, members in entries)
    items = "".join(
        _source_item(
            label,
            kind,
            members,
            n,
            k,
            to_utf16,
            lang=lang,
            alike=shown[label, kind, statement_count(members)] > 1,
        )
        for k, (label, kind, members) in enumerate(entries)
    )
    return (
        heading
        + _js_only(
            "Select a source to highlight its statements in the text; select it again to clear.",
            note=True,
        )
        + f'<p class="note source-status" id="a{n}-source-status" role="status"></p>'
        + f'<ul class="sources" aria-labelledby="a{n}-sources">{items}</ul>'
    )


def _source_item(
    label: str,
    kind: str,
    members: list[Attribution],
    n: int,
    k: int,
    to_utf16: Callable[[int], int],
    *,
    lang: str = "",
    alike: bool = False,
) -> str:
    """A source's button and its statements. `alike`: another button of the article
    shows the same words (three "she pronoun 1 statement"), so this one's name ends with
    the first words of its first statement, read out but not shown."""
    names = [a.source for a in members if a.source is not None]
    button = {
        "type": "button",
        "class": "source",
        "aria-pressed": "false",
        "aria-controls": f"a{n}-text",
        "data-text": f"a{n}-text",
        "data-status": f"a{n}-source-status",
        "data-contents": _ranges([a.content for a in members], to_utf16),
        "data-names": _ranges(names, to_utf16),
        "data-said": _said(label, kind, members),
    }
    statements = "".join(_statement_item(a, lang=lang) for a in members)
    # "The author" and "No source" are the page's words; a source's name is the article's.
    name_lang = "" if kind in ("author", "unattributed") else lang
    first = ""
    if alike:
        words = excerpt(unquoted(members[0].content.text), _FIRST_WORDS_LIMIT)
        first = f'<span class="visually-hidden">, first: {_q(words, lang=lang)}</span>'
    return (
        f'<li><button{_attrs(button)} id="a{n}-source-{k}">'
        f'<span class="name"{name_lang}>{_esc(label)}</span>'
        f'<span class="kind kind-{_esc(kind)}">{_esc(kind)}</span>'
        f'<span class="count">{statement_count(members)}</span>{first}</button>'
        f'<ul class="statements" aria-label="Statements by {_esc(label)}">{statements}</ul></li>'
    )


def _said(label: str, kind: str, members: list[Attribution]) -> str:
    """What the status line says once a source is selected."""
    count = len(members)
    noun = "statement" if count == 1 else "statements"
    if kind == "unattributed":
        return f"{count} unattributed {noun}"
    if kind == "author":
        return f"{count} {noun} by the author"
    return f"{statement_count(members)} by {label} ({kind})"


def _statement_item(item: Attribution, *, lang: str = "") -> str:
    words = cue_shown(item) if item.cue is not None else ""
    if item.act:
        # What the source did, not words: "thanked Ritter", not "thanked: “Ritter”".
        return (
            f'<li class="act"{lang}><span class="cue">{_esc(excerpt(words, 60))}</span> '
            f"{_esc(excerpt(item.content.text, _EXCERPT_LIMIT))}</li>"
        )
    cue = f'<span class="cue"{lang}>{_esc(excerpt(words, 60))}</span>: ' if words else ""
    return f"<li>{cue}{_q(excerpt(unquoted(item.content.text), _EXCERPT_LIMIT), lang=lang)}</li>"


def _ranges(spans: Sequence[AttributedSpan | Figure], to_utf16: Callable[[int], int]) -> str:
    return ";".join(f"{to_utf16(s.start)},{to_utf16(s.end)}" for s in spans)


def _utf16_offsets(text: str) -> Callable[[int], int]:
    """Python counts code points, the browser UTF-16 units: a character beyond U+FFFF
    (most emoji) is one in Python and two in the DOM."""
    if all(ord(c) <= 0xFFFF for c in text):
        return lambda offset: offset
    before = [0]
    for char in text:
        before.append(before[-1] + (2 if ord(char) > 0xFFFF else 1))
    return before.__getitem__


# --- claims to check first ------------------------------------------------------------

_CHECK_FIRST = 5  # sentences listed under "Check first"


def _claims_panel(
    data: Mapping[str, Any],
    text: str,
    n: int,
    attributions: list[Attribution] | None,
    *,
    lang: str = "",
) -> str:
    """The most check-worthy sentences, each a button that highlights it in the text,
    with whose statement it is; nothing when the layer is absent. `lang`, the article's
    (`_article_lang`), for the sentences quoted."""
    claims = read_claims(data, text)
    if claims is None:
        return ""
    heading = f'<h3 id="a{n}-claims">Check first</h3>'
    if not claims:
        return heading + '<p class="note">No sentences scored.</p>'
    to_utf16 = _utf16_offsets(text)
    worthy = summarize_claims(claims)["checkworthy"]
    disputed = disputed_claims(claims, read_headline(data, text))
    ranked = top_claims(claims, len(claims), exclude=disputed)
    shown = ranked[:_CHECK_FIRST]
    # Every check-worthy sentence is listed: those past the first few behind a fold.
    folded = [
        i for i in ranked[_CHECK_FIRST:] if claims[i].checkworthiness >= CHECKWORTHY_THRESHOLD
    ]
    items = "".join(
        _claim_item(claims[i], n, i, to_utf16, attributions, disputed=disputed[i], lang=lang)
        for i in sorted(disputed)
    )
    items += "".join(_claim_item(claims[i], n, i, to_utf16, attributions, lang=lang) for i in shown)
    rest = ""
    if folded:
        count = len(folded)
        others = "sentence" if count == 1 else "sentences"
        rest = (
            f'<details class="more-claims"><summary>The other {count} {others} scoring '
            f"{_percent(CHECKWORTHY_THRESHOLD)} or more</summary>"
            f'<ol class="claims" start="{len(disputed) + len(shown) + 1}" '
            f'aria-label="The other check-worthy sentences">'
            + "".join(
                _claim_item(claims[i], n, i, to_utf16, attributions, lang=lang) for i in folded
            )
            + "</ol></details>"
        )
    lead = ""
    if disputed:
        count = len(disputed)
        lead = (
            f"{count} {'sentence' if count == 1 else 'sentences'} the article itself calls "
            "into question, then "
        )
    listed = "most check-worthy" if len(shown) == 1 else f"{len(shown)} most check-worthy"
    sentences = "sentence" if len(claims) == 1 else "sentences"
    most = f"{listed} of {len(claims)} {sentences}"
    intro = f"{lead}the {most}" if lead else f"The {most}"
    scores = "scores" if worthy == 1 else "score"
    return (
        heading + f'<p class="note">{intro[0].upper() + intro[1:]} '
        f"({worthy} {scores} {_percent(CHECKWORTHY_THRESHOLD)} or more): claims of fact a "
        "fact-checker would verify first."
        + _js_only(" Select one to highlight it in the text.")
        + "</p>"
        + f'<p class="note claim-status" id="a{n}-claim-status" role="status"></p>'
        + f'<ol class="claims" aria-labelledby="a{n}-claims">{items}</ol>'
        + rest
    )


def _claim_item(
    claim: Claim,
    n: int,
    k: int,
    to_utf16: Callable[[int], int],
    attributions: list[Attribution] | None,
    *,
    disputed: str | None = None,
    lang: str = "",
) -> str:
    score = f"{claim_percent(claim.checkworthiness)}%"
    button = {
        "type": "button",
        "class": "claim",
        "aria-pressed": "false",
        "aria-controls": f"a{n}-text",
        "data-text": f"a{n}-text",
        "data-status": f"a{n}-claim-status",
        "data-contents": f"{to_utf16(claim.start)},{to_utf16(claim.end)}",
        "data-said": f"A claim scored {score} check-worthy",
    }
    whose = ""
    if attributions is not None and claim.attribution is not None:
        whose = f'<span class="whose">{_voice(attributions[claim.attribution], lang=lang)}</span>'
    mark, why, item = f'<span class="score">{score}</span>', "", "<li>"
    if disputed is not None:
        button["data-said"] = f"A claim the article itself calls into question: {disputed}"
        mark = '<span class="score disputed" aria-label="called into question">!</span>'
        why = f'<span class="why">{_esc(disputed)}</span>'
        item = '<li class="disputed">'
    return (
        f'{item}<button{_attrs(button)} id="a{n}-claim-{k}">{mark}'
        f"{_q(excerpt(unquoted(claim.text), _EXCERPT_LIMIT), lang=lang)}</button>{whose}{why}</li>"
    )


# --- actors ---------------------------------------------------------------------------


def _double_standards_panel(data: Mapping[str, Any], text: str, n: int, *, lang: str = "") -> str:
    """Each double standard as a button that highlights its passages in the text,
    with the act, the parties, its passages quoted and the article's own word for it;
    nothing when the layer is absent. `lang`, the article's (`_article_lang`)."""
    found = read_double_standards(data, text)
    if found is None:
        return ""
    heading = f'<h3 id="a{n}-doubles">{_esc(DOUBLE_STANDARD_TITLE)}</h3>'
    if not found:
        return heading + f'<p class="note">{_esc(DOUBLE_STANDARD_NONE)}</p>'
    to_utf16 = _utf16_offsets(text)
    items = []
    for k, item in enumerate(found):
        what = double_standard_heading(item)
        button = {
            "type": "button",
            "class": "double",
            "aria-pressed": "false",
            "aria-controls": f"a{n}-text",
            "data-text": f"a{n}-text",
            "data-status": f"a{n}-double-status",
            "data-contents": _ranges(item.passages, to_utf16),
            "data-said": f"The passages of “{what}”",
        }
        quotes = "".join(
            f"<blockquote{lang}>{_esc(passage.text)}</blockquote>" for passage in item.passages
        )
        charge = (
            ""
            if item.charge is None
            else f'<p class="charge">The article calls it: {_q(item.charge.text, lang=lang)}</p>'
        )
        items.append(
            f'<li><button{_attrs(button)} id="a{n}-double-{k}"><strong>{_esc(what)}</strong>: '
            f"{_q(item.act, lang=lang)} — {_words(double_standard_sides(item), lang)}</button>"
            f"{quotes}{charge}</li>"
        )
    return (
        heading
        + f'<p class="note">{_esc(DOUBLE_STANDARD_NOTE)}</p>'
        + _js_only(
            "Select one to highlight its passages in the text; select it again to clear.",
            note=True,
        )
        + f'<p class="note double-status" id="a{n}-double-status" role="status"></p>'
        + f'<ul class="doubles" aria-labelledby="a{n}-doubles">{"".join(items)}</ul>'
    )


def _actors_panel(data: Mapping[str, Any], text: str, n: int, *, lang: str = "") -> str:
    """Each actor as a button that highlights its mentions in the text, with its labels
    (distancing ones marked), the techniques touching it and the claims it is the
    source of; nothing when the layer is absent. `lang`, the article's
    (`_article_lang`), for its names and labels."""
    actors = read_actors(data, text)
    if actors is None:
        return ""
    heading = f'<h3 id="a{n}-actors">Actors</h3>'
    if not actors:
        return heading + '<p class="note">No actors found.</p>'
    to_utf16 = _utf16_offsets(text)
    spans = read_spans(data.get("techniques") or [], text)
    order = sorted(range(len(actors)), key=lambda i: (-len(actors[i].mentions), i))
    items = "".join(_actor_item(actors[i], n, i, spans, to_utf16, lang=lang) for i in order)
    return (
        heading
        + _js_only(
            "Select an actor to highlight its mentions in the text; select it again to clear.",
            note=True,
        )
        + f'<p class="note actor-status" id="a{n}-actor-status" role="status"></p>'
        + f'<ul class="actors" aria-labelledby="a{n}-actors">{items}</ul>'
    )


def _actor_item(
    actor: Actor,
    n: int,
    k: int,
    spans: list[RenderSpan],
    to_utf16: Callable[[int], int],
    *,
    lang: str = "",
) -> str:
    count = len(actor.mentions)
    noun = "mention" if count == 1 else "mentions"
    distancing = [label for label in actor.labels if label.distancing]
    button = {
        "type": "button",
        "class": "actor",
        "aria-pressed": "false",
        "aria-controls": f"a{n}-text",
        "data-text": f"a{n}-text",
        "data-status": f"a{n}-actor-status",
        "data-mentions": _ranges(actor.mentions, to_utf16),
        "data-distancing": ";".join(
            f"{to_utf16(label.start)},{to_utf16(label.end)}" for label in distancing
        ),
        "data-said": f"{count} {noun} of {actor.name} ({actor.kind})",
    }
    facts = [
        ("Labels", _actor_labels(actor, lang=lang)),
        ("Techniques touching it", _actor_techniques(actor, spans)),
        ("Claims it is the source of", _actor_sources(actor)),
    ]
    listed = "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in facts)
    return (
        f'<li><button{_attrs(button)} id="a{n}-actor-{k}">'
        f'<span class="name"{lang}>{_esc(actor.name)}</span>'
        f'<span class="kind kind-{_esc(actor.kind)}">{_esc(actor.kind)}</span>'
        f'<span class="count">{count} {noun}</span></button>'
        f'<dl class="actor-facts" aria-label="About {_esc(actor.name)}">{listed}</dl></li>'
    )


def _actor_labels(actor: Actor, *, lang: str = "") -> str:
    groups = group_labels(actor.labels)
    if not groups:
        return '<span class="note">none</span>'
    out = []
    for group in groups:
        times = f' <span class="note">×{group.count}</span>'
        if group.distancing:
            out.append(
                f'<span class="distancing"{lang}>{_esc(group.shown)}</span>'
                f'<span class="badge">distancing</span>{times}'
            )
        else:
            out.append(f"{_words(group.shown, lang)}{times}")
    return ", ".join(out)


def _actor_techniques(actor: Actor, spans: list[RenderSpan]) -> str:
    if actor.techniques is None:
        return '<span class="note">not computed</span>'
    if not actor.techniques:
        return '<span class="note">none</span>'
    counts: dict[str, int] = {}
    for index in actor.techniques:
        label = spans[index].technique.label
        counts[label] = counts.get(label, 0) + 1
    return ", ".join(
        f"{_esc(label)} ×{count}" if count > 1 else _esc(label)
        for label, count in sorted(counts.items(), key=lambda kv: -kv[1])
    )


def _actor_sources(actor: Actor) -> str:
    if actor.sources is None:
        return '<span class="note">not computed</span>'
    count = len(actor.sources)
    if not count:
        return '<span class="note">none</span>'
    return f"{count} statement" + ("" if count == 1 else "s")
