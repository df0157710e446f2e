"""Scoring the attribution layer on PolNeAR: the figures `bench/eval_attribution.py` prints
and `propscope.training.attribution_cues` chooses its settings by.

Gold: every `Attribution` and `Attribution-no-source` relation of a document's `.ann`
files (`propscope.io.brat.read_polnear`). Predicted: `measured(...)`, the relations that
have a cue, leaving out the author's own statements with no source span ("What is also
certain is ...", "of course", "will"), which PolNeAR does not annotate.

Metrics, computed separately for each role (source, cue, content) and summed over all
documents (micro average):

- EXACT: a span matches when its offsets equal those of a gold span of the same role in
  the same document, after stripping surrounding whitespace and punctuation (quotation
  marks included) from both the predicted and the gold span; a span made only of
  punctuation (the cues ":" and "―") is compared as it is. A discontinuous gold span
  (fragments "start end;start end") matches only a prediction with the same fragments,
  which a single predicted span never is. Spans are compared as sets per document and
  role (a source shared by three relations counts once). PolNeAR gives a quotation split
  around its cue ("“A,” he said. “B.”") one relation whose content is discontinuous
  (A;B); the layer gives one statement per part, with the same source and cue spans. So
  the predicted statements that share their source and cue spans are scored as one
  relation, their contents as the fragments of one content (since session 33; before,
  each part counted as a content of its own, and none could match: dev content exact
  0.471 then, 0.545 now, with every other figure the same).
  P = matched predicted spans / predicted spans, R = matched gold spans / gold spans.
- TOKEN OVERLAP: tokens are the whitespace-separated tokens of the text. A token belongs
  to a role's predicted (gold) set when at least one of its characters lies inside a
  predicted (gold) span of that role in that document.
  P = tokens in both sets / tokens in the predicted set,
  R = tokens in both sets / tokens in the gold set.
- F1 = 2PR / (P + R) for both.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from propscope.components.attribution import Attribution
from propscope.io.brat import PolnearDocument
from propscope.nlp import TOKENIZER_VERSION, load_spacy

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = [
    "ROLES",
    "Counts",
    "format_table",
    "gold_spans",
    "measured",
    "parse",
    "predicted_spans",
    "prf",
    "strip_fragments",
    "token_set",
]

ROLES = ("source", "cue", "content")
STRIP = string.whitespace + string.punctuation + "“”‘’—–―…«»\u00a0"
TOKEN = re.compile(r"\S+")

_Offsets = tuple[int, int]
Fragments = tuple[_Offsets, ...]


def strip_fragments(text: str, fragments: Fragments) -> Fragments:
    """Fragments without surrounding whitespace and punctuation; a fragment made only of
    punctuation (the cues ":" and "―") loses its whitespace only."""
    out = []
    for start, end in fragments:
        s, e = start, end
        while s < e and text[s] in STRIP:
            s += 1
        while e > s and text[e - 1] in STRIP:
            e -= 1
        if s == e:
            s, e = start, end
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
        if s < e:
            out.append((s, e))
    return tuple(out)


def gold_spans(doc: PolnearDocument) -> dict[str, set[Fragments]]:
    spans: dict[str, set[Fragments]] = {role: set() for role in ROLES}
    for relation in doc.attributions:
        for role in ROLES:
            span = getattr(relation, role)
            if span is not None:
                spans[role].add(span.fragments)
    return spans


def predicted_spans(attributions: Iterable[Attribution]) -> dict[str, set[Fragments]]:
    """Each role's spans; the contents of statements with the same source and cue spans
    (the parts of a quotation split around its cue) are one content's fragments."""
    spans: dict[str, set[Fragments]] = {role: set() for role in ROLES}
    contents: dict[tuple[_Offsets | None, _Offsets | None], set[_Offsets]] = {}
    for item in attributions:
        source, cue = (
            None if span is None else (span.start, span.end) for span in (item.source, item.cue)
        )
        for role, span in (("source", source), ("cue", cue)):
            if span is not None:
                spans[role].add((span,))
        contents.setdefault((source, cue), set()).add((item.content.start, item.content.end))
    spans["content"] = {tuple(sorted(parts)) for parts in contents.values()}
    return spans


def measured(attributions: Iterable[Attribution]) -> list[Attribution]:
    """What PolNeAR can judge: relations with a cue, the author's unsourced voice left out."""
    return [
        a
        for a in attributions
        if a.cue is not None and not (a.source_kind == "author" and a.source is None)
    ]


def token_set(text: str, spans: Iterable[Fragments]) -> set[int]:
    ranges = [fragment for fragments in spans for fragment in fragments]
    found = set()
    for index, match in enumerate(TOKEN.finditer(text)):
        if any(s < match.end() and match.start() < e for s, e in ranges):
            found.add(index)
    return found


@dataclass
class Counts:
    exact: dict[str, list[int]] = field(
        default_factory=lambda: {r: [0, 0, 0] for r in ROLES}
    )  # matched, predicted, gold
    tokens: dict[str, list[int]] = field(default_factory=lambda: {r: [0, 0, 0] for r in ROLES})

    def add(
        self, text: str, gold: dict[str, set[Fragments]], pred: dict[str, set[Fragments]]
    ) -> None:
        for role in ROLES:
            g = {strip_fragments(text, f) for f in gold[role]} - {()}
            p = {strip_fragments(text, f) for f in pred[role]} - {()}
            row = self.exact[role]
            row[0] += len(g & p)
            row[1] += len(p)
            row[2] += len(g)
            gt, pt = token_set(text, gold[role]), token_set(text, pred[role])
            row = self.tokens[role]
            row[0] += len(gt & pt)
            row[1] += len(pt)
            row[2] += len(gt)


def prf(matched: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p = matched / predicted if predicted else 0.0
    r = matched / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def format_table(counts: Counts) -> str:
    header = f"{'role':<8} {'match':<8} {'P':>6} {'R':>6} {'F1':>6}"
    lines = [f"{header}   {'matched':>7} {'pred':>6} {'gold':>6}"]
    for role in ROLES:
        for name, table in (("exact", counts.exact), ("overlap", counts.tokens)):
            m, p, g = table[role]
            pr, rc, f1 = prf(m, p, g)
            lines.append(
                f"{role:<8} {name:<8} {pr:6.3f} {rc:6.3f} {f1:6.3f}   {m:>7} {p:>6} {g:>6}"
            )
    return "\n".join(lines)


def parse(texts: Sequence[str], cache: Path | None) -> list[Doc]:
    """Parse the texts, or reuse the parses kept in `cache` when they were made from the
    same texts by the same pipeline (names, components and model version)."""
    from spacy.tokens import DocBin

    nlp = load_spacy()
    signature = (
        f"{nlp.meta.get('name')} {nlp.meta.get('version')} {' '.join(nlp.pipe_names)}"
        f" tokenizer {TOKENIZER_VERSION}"
    )
    if cache is not None and cache.exists():
        docs = list(DocBin(store_user_data=True).from_disk(cache).get_docs(nlp.vocab))
        same_texts = [d.text for d in docs] == list(texts)
        if same_texts and all(d.user_data.get("pipeline") == signature for d in docs):
            return docs
    docs = list(nlp.pipe(texts, batch_size=8))
    if cache is not None:
        for doc in docs:
            doc.user_data["pipeline"] = signature
        DocBin(docs=docs, store_user_data=True).to_disk(cache)
    return docs
