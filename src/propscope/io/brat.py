"""Reading PolNeAR's attribution annotations (brat standoff format).

PolNeAR (Newell, Margolin and Ruths, LREC 2018) keeps each article as
`text/<name>.txt` and its annotations as `attributions/<name>_<annotator>.ann`.
In an `.ann` file:

- `T` lines are text spans: `T3<TAB>Content 115 290<TAB>that Hillary ...`. A span may be
  discontinuous, its fragments separated by `;` (`Content 315 448;463 553`); brat then
  writes the fragments' texts joined by one space. Labels are `Source`, `Cue`,
  `Content`, `Attribution` / `Attribution-no-source` (the relation's anchor, on the cue),
  and `Discuss` / `Discard` (annotators' notes, ignored here).
- `E` lines tie one relation together: `E1<TAB>Attribution:T4 Content:T3 Cue:T2 Source:T1`.
  An `Attribution-no-source` event has no `Source` role. A few events carry a second
  content (`Content2`), read as a second fragment list of the content. One source span
  may serve several events.

Offsets are character offsets into the UTF-8 text (Python `str` indices). The reader
checks every span against the text and raises `InputError` when a span's text does not
match, so a wrong file pairing or a changed text is caught at once.

Several annotators: 82 of the 84 dev texts have one `.ann` file; two have one file from
each of the six annotators (the agreement set). `read_polnear` picks, by default, the
first annotator file in sorted order for each text (`annotators="first"`), so every text
counts once and the choice is deterministic; `annotators="all"` yields every file as its
own document, which weights the two agreement texts six times.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from propscope.errors import InputError, NoInputsError

__all__ = [
    "BratSpan",
    "PolnearAttribution",
    "PolnearDocument",
    "parse_ann",
    "read_ann",
    "read_polnear",
]

_EVENT_LABELS = frozenset({"Attribution", "Attribution-no-source"})
_ROLE_LABELS = frozenset({"Source", "Cue", "Content"})
_ANN_NAME = re.compile(r"^(?P<name>.+)_(?P<annotator>[^_]+)\.ann$")


@dataclass(frozen=True, slots=True)
class BratSpan:
    """One annotated span: its label and its fragments, each `[start, end)` into the text."""

    id: str
    label: str
    fragments: tuple[tuple[int, int], ...]
    text: str

    @property
    def start(self) -> int:
        return self.fragments[0][0]

    @property
    def end(self) -> int:
        return self.fragments[-1][1]


@dataclass(frozen=True, slots=True)
class PolnearAttribution:
    """One attribution relation: source (absent for `Attribution-no-source`), cue, content."""

    id: str
    label: str
    source: BratSpan | None
    cue: BratSpan | None
    content: BratSpan | None


@dataclass(frozen=True, slots=True)
class PolnearDocument:
    """An article with one annotator's attributions."""

    name: str
    annotator: str
    text: str
    attributions: tuple[PolnearAttribution, ...]


def _parse_fragments(raw: str, *, where: str) -> tuple[tuple[int, int], ...]:
    fragments = []
    for part in raw.split(";"):
        bounds = part.split()
        if len(bounds) != 2 or not all(b.isdigit() for b in bounds):
            raise InputError(f"{where}: expected offsets 'start end[;start end...]', got {raw!r}.")
        start, end = int(bounds[0]), int(bounds[1])
        if end < start:
            raise InputError(f"{where}: span end {end} is before its start {start}.")
        fragments.append((start, end))
    return tuple(fragments)


def _squash(value: str) -> str:
    return " ".join(value.split())


def _check_span(span: BratSpan, text: str, *, where: str) -> None:
    """Check a span's offsets against the text; the offsets are what the reader keeps.

    Two PolNeAR train spans carry a stale copy of their text after the first fragment;
    a mismatch after the first fragment is a warning, a mismatch in it an error.
    """
    if span.end > len(text):
        raise InputError(
            f"{where}: span {span.id} ends at {span.end}, past the text's {len(text)} "
            "characters. Is the .ann file paired with the right text?"
        )
    expected = _squash(" ".join(text[s:e] for s, e in span.fragments))
    stored = _squash(span.text)
    if expected == stored:
        return
    first = _squash(text[span.fragments[0][0] : span.fragments[0][1]])
    if len(span.fragments) > 1 and stored.startswith(first):
        warnings.warn(
            f"{where}: span {span.id}'s copy of its text differs from the text at its "
            f"offsets {span.fragments} after the first fragment; keeping the offsets.",
            stacklevel=4,
        )
        return
    raise InputError(
        f"{where}: span {span.id} says {span.text[:60]!r} but the text has "
        f"{expected[:60]!r} at {span.fragments}. Is the .ann file paired with the right text?"
    )


_LINE_START = re.compile(r"^[TERAMN#*]\d*\t")


def _logical_lines(content: str) -> Iterator[tuple[int, str]]:
    """Annotation lines with their line numbers. A span whose text holds a line break
    continues on the next physical line (brat writes the text raw); such a line does not
    start with an annotation id and is joined back to the one before."""
    pending: tuple[int, str] | None = None
    for number, line in enumerate(content.splitlines(), start=1):
        if pending is not None and not _LINE_START.match(line):
            pending = (pending[0], pending[1] + "\n" + line)
            continue
        if pending is not None and pending[1].strip():
            yield pending
        pending = (number, line)
    if pending is not None and pending[1].strip():
        yield pending


def parse_ann(
    content: str, text: str, *, origin: str = "the .ann file"
) -> list[PolnearAttribution]:
    """Parse brat standoff lines into attribution relations, checking spans against `text`."""
    spans: dict[str, BratSpan] = {}
    events: list[tuple[str, str, list[tuple[str, str]]]] = []
    for number, line in _logical_lines(content):
        where = f"{origin}, line {number}"
        fields = line.split("\t")
        kind = fields[0][:1]
        if kind == "T":
            if len(fields) < 3:
                raise InputError(f"{where}: expected 'T<id><TAB>Label offsets<TAB>text'.")
            label, _, offsets = fields[1].partition(" ")
            span = BratSpan(
                fields[0], label, _parse_fragments(offsets, where=where), "\t".join(fields[2:])
            )
            _check_span(span, text, where=where)
            spans[span.id] = span
        elif kind == "E":
            if len(fields) < 2:
                raise InputError(f"{where}: expected 'E<id><TAB>Label:T<id> Role:T<id>...'.")
            args = [tuple(arg.split(":", 1)) for arg in fields[1].split()]
            if not args or any(len(a) != 2 for a in args):
                raise InputError(f"{where}: cannot read the event arguments {fields[1]!r}.")
            label = args[0][0]
            if label in _EVENT_LABELS:
                events.append((fields[0], label, [(r, t) for r, t in args[1:]]))
        # Other line kinds (relations, notes, attributes) carry nothing PolNeAR uses.

    out = []
    for event_id, label, roles in events:
        found: dict[str, BratSpan] = {}
        extra_content: list[BratSpan] = []
        for role, target in roles:
            if target not in spans:
                raise InputError(f"{origin}: event {event_id} refers to {target}, never defined.")
            base = role.rstrip("0123456789")
            if base not in _ROLE_LABELS:
                continue
            if base == "Content" and base in found:
                extra_content.append(spans[target])
            else:
                found[base] = spans[target]
        joined = found.get("Content")
        if joined is not None and extra_content:
            fragments = tuple(
                sorted(f for span in (joined, *extra_content) for f in span.fragments)
            )
            joined = BratSpan(
                joined.id, joined.label, fragments, " ".join(text[s:e] for s, e in fragments)
            )
        out.append(
            PolnearAttribution(
                id=event_id,
                label=label,
                source=found.get("Source"),
                cue=found.get("Cue"),
                content=joined,
            )
        )
    return out


def read_ann(path: str | Path, text: str) -> list[PolnearAttribution]:
    """Read one `.ann` file; `text` is the article it annotates."""
    path = Path(path)
    return parse_ann(path.read_text(encoding="utf-8"), text, origin=str(path))


def read_polnear(
    split_dir: str | Path, *, annotators: Literal["first", "all"] = "first"
) -> Iterator[PolnearDocument]:
    """Yield the annotated articles of one PolNeAR split: a folder holding `text/` and
    `attributions/`.

    Texts come in sorted name order. With `annotators="first"` each text yields its first
    annotator file (sorted by annotator id); with `"all"`, every annotator file.
    """
    split_dir = Path(split_dir)
    text_dir, ann_dir = split_dir / "text", split_dir / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise NoInputsError(
            f"{split_dir} is not a PolNeAR split: expected the folders text/ and "
            "attributions/ inside it (for example data/polnear/dev)."
        )
    by_name: dict[str, list[tuple[str, Path]]] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        match = _ANN_NAME.match(ann.name)
        if match:
            by_name.setdefault(match["name"], []).append((match["annotator"], ann))
    if not by_name:
        raise NoInputsError(f"{ann_dir} holds no '<name>_<annotator>.ann' files.")
    for name in sorted(by_name):
        text_path = text_dir / f"{name}.txt"
        if not text_path.exists():
            raise InputError(f"{by_name[name][0][1]} has no text: {text_path} is missing.")
        text = text_path.read_text(encoding="utf-8")
        files = sorted(by_name[name])
        for annotator, ann in files if annotators == "all" else files[:1]:
            yield PolnearDocument(name, annotator, text, tuple(read_ann(ann, text)))
