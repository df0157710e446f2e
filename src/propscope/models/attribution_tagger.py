"""The attribution tagger: a MiniLM token tagger that marks PolNeAR's source, cue and
content spans, read beside the attribution rules.

The rules cut spans exactly but find only the cues their word lists and the learned
verb cues know; PolNeAR attributes far more ("openly admires", "has no illusions about",
"sums up"). The tagger finds more and cuts less exactly, so the layer adds only the
tagger's whole statements (a cue, the source nearest it in its sentence, and the
contents it is nearest to) where no rule statement has a cue, and only above a cue
confidence chosen on held-out training documents (the model card says which).

Runs on onnxruntime, tokenizers and numpy; trained by
`python -m propscope.training.attribution_tagger` (needs the `train` extra).
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from propscope.errors import ModelError
from propscope.models.sessions import open_session

__all__ = [
    "DEFAULT_TAGGER_DIR",
    "ROLES",
    "TAGS",
    "AttributionTaggerRuntime",
    "TaggedSpan",
    "TaggedStatement",
    "decode_spans",
    "group_statements",
    "shipped_tagger",
    "tag_ids",
    "windows",
]

DEFAULT_TAGGER_DIR = Path(__file__).parent / "attribution-tagger"
MODEL_FILES = ("model.onnx", "tokenizer.json", "config.json")
ROLES = ("source", "cue", "content")
# Windows read in one onnxruntime call. Measured on 150 news articles (windows of 254):
# 16 at once held 291 MB at peak, 4 held 174 MB, at about the same speed.
BATCH = 4
TAGS = ("O", *(f"{b}-{role}" for role in ROLES for b in "BI"))


@dataclass(frozen=True, slots=True)
class TaggedSpan:
    """A span the tagger marks: `role` (source, cue or content), `[start, end)` into the
    text, and `confidence`, the mean probability of its word pieces' tags."""

    role: str
    start: int
    end: int
    confidence: float


@dataclass(frozen=True, slots=True)
class TaggedStatement:
    """A cue with the source nearest it in its sentence (or none) and the contents
    nearest to it."""

    cue: TaggedSpan
    source: TaggedSpan | None
    contents: tuple[TaggedSpan, ...]


def windows(length: int, size: int, stride: int) -> list[tuple[int, int]]:
    """`[start, end)` word-piece windows of at most `size` that start every `stride`
    and cover `length` word pieces; the last ends at `length`. None for an empty text."""
    if size < 1 or not 0 < stride <= size:
        raise ValueError(f"windows need 0 < stride <= size; got size {size}, stride {stride}")
    out: list[tuple[int, int]] = []
    start = 0
    while start < length:
        end = min(start + size, length)
        out.append((start, end))
        if end == length:
            break
        start += stride
    return out


def tag_ids(
    text_length: int,
    spans: Sequence[tuple[str, Sequence[tuple[int, int]]]],
    offsets: Sequence[tuple[int, int]],
) -> list[int]:
    """The training tag (an index into `TAGS`) of each word piece at `offsets`, from
    gold `spans` given as (role, fragments). Where roles overlap, a cue wins over a
    source and a source over a content; a word piece starts a span (B) where a fragment
    starts inside it or the role before it differs."""
    role_at = np.zeros(text_length, dtype=np.int8)
    starts = np.zeros(text_length, dtype=bool)
    for role in ("content", "source", "cue"):
        value = ROLES.index(role) + 1
        for span_role, fragments in spans:
            if span_role != role:
                continue
            for start, end in fragments:
                role_at[start:end] = value
                if start < end:
                    starts[start] = True
    tags: list[int] = []
    previous = 0
    for start, end in offsets:
        value = int(role_at[start:end].max()) if end > start else 0
        if value == 0:
            tags.append(0)
            previous = 0
            continue
        begins = bool(starts[start:end].any()) or previous != value
        tags.append(1 + 2 * (value - 1) + (0 if begins else 1))
        previous = value
    return tags


def decode_spans(probs: np.ndarray, offsets: Sequence[tuple[int, int]]) -> list[TaggedSpan]:
    """Spans from per-word-piece tag probabilities (rows of `TAGS`): each word piece takes
    its likeliest tag; a span runs while the role stays and no B starts a new one."""
    spans: list[TaggedSpan] = []
    current: list[Any] | None = None  # role, start, end, probabilities
    tags = probs.argmax(axis=1) if len(probs) else np.zeros(0, dtype=int)
    for index, (tag, (start, end)) in enumerate(zip(tags, offsets, strict=True)):
        if end <= start:
            continue
        if tag == 0:
            if current is not None:
                spans.append(_span(current))
                current = None
            continue
        role = ROLES[(tag - 1) // 2]
        begins = (tag - 1) % 2 == 0
        if current is not None and current[0] == role and not begins:
            current[2] = end
            current[3].append(float(probs[index, tag]))
        else:
            if current is not None:
                spans.append(_span(current))
            current = [role, start, end, [float(probs[index, tag])]]
    if current is not None:
        spans.append(_span(current))
    return spans


def _span(current: list[Any]) -> TaggedSpan:
    role, start, end, probs = current
    return TaggedSpan(role, start, end, sum(probs) / len(probs))


def _gap(a: TaggedSpan, b: TaggedSpan) -> int:
    return max(0, max(a.start, b.start) - min(a.end, b.end))


def group_statements(
    text: str, spans: Sequence[TaggedSpan], sentences: Sequence[tuple[int, int]]
) -> list[TaggedStatement]:
    """Statements from tagged spans: every source and content goes to the cue it is
    nearest (in characters between them, the earlier cue on a tie), never across a
    blank line; a cue keeps the nearest of its sources that share its sentence (one of
    `sentences`, `[start, end)` each, in text order) and all of its contents, in text
    order. `spans` are in text order and do not overlap, as `decode_spans` gives them, so
    a span's nearest cue is one of the two around it: linear in the text's length."""
    cues = [span for span in spans if span.role == "cue"]
    if not cues:
        return []
    cue_starts = [cue.start for cue in cues]
    sentence_starts = [start for start, _ in sentences]
    sources: dict[int, TaggedSpan] = {}
    contents: dict[int, list[TaggedSpan]] = {k: [] for k in range(len(cues))}

    def sentence_of(position: int) -> int:
        k = bisect.bisect_right(sentence_starts, position) - 1
        return k if k >= 0 and position < sentences[k][1] else -1

    for span in spans:
        if span.role == "cue":
            continue
        after = bisect.bisect_left(cue_starts, span.start)
        around = [i for i in (after - 1, after) if 0 <= i < len(cues)]
        k = min(around, key=lambda i: (_gap(span, cues[i]), i))
        cue = cues[k]
        if "\n\n" in text[min(span.start, cue.start) : max(span.end, cue.end)]:
            continue
        if span.role == "source":
            if sentence_of(span.start) != sentence_of(cue.start):
                continue
            if k not in sources or _gap(span, cue) < _gap(sources[k], cue):
                sources[k] = span
        else:
            contents[k].append(span)
    return [
        TaggedStatement(cue, sources.get(k), tuple(sorted(contents[k], key=lambda s: s.start)))
        for k, cue in enumerate(cues)
    ]


class AttributionTaggerRuntime:
    """The exported tagger: `spans(text)` marks a text's sources, cues and contents."""

    def __init__(self, path: str | Path | None = None, *, threads: int | None = None) -> None:
        self.path = Path(path) if path is not None else DEFAULT_TAGGER_DIR
        missing = [name for name in MODEL_FILES if not (self.path / name).is_file()]
        if missing:
            raise ModelError(
                f"The attribution tagger at {self.path} is missing {', '.join(missing)}. "
                "Reinstall propscope (the tagger ships inside the package), or train one "
                "with `python -m propscope.training.attribution_tagger`."
            )
        try:
            self.config: dict[str, Any] = json.loads((self.path / "config.json").read_text())
            self.size = int(self.config["window"])
            self.stride = int(self.config["stride"])
            self.threshold = float(self.config["threshold"])
            self.version = str(self.config.get("version", "0"))
        except (ValueError, KeyError, TypeError) as exc:
            raise ModelError(
                f"{self.path / 'config.json'} cannot be read ({exc!r}): train or export the "
                "tagger again."
            ) from None
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(self.path / "tokenizer.json"))
        self.tokenizer.no_truncation()
        self.tokenizer.no_padding()
        cls, sep = (self.tokenizer.token_to_id(token) for token in ("[CLS]", "[SEP]"))
        if cls is None or sep is None:
            raise ModelError(f"{self.path / 'tokenizer.json'} lacks [CLS] or [SEP].")
        self.cls: int = cls
        self.sep: int = sep
        self.session = open_session(self.path / "model.onnx", threads)

    def probabilities(self, text: str) -> tuple[np.ndarray, list[tuple[int, int]]]:
        """Each word piece's tag probabilities (averaged over the windows that read it)
        and its `[start, end)` offsets into `text`."""
        encoding = self.tokenizer.encode(text, add_special_tokens=False)
        ids = encoding.ids
        offsets = [(int(a), int(b)) for a, b in encoding.offsets]
        probs = np.zeros((len(ids), len(TAGS)), dtype=np.float32)
        reads = np.zeros(len(ids), dtype=np.float32)
        spans = windows(len(ids), self.size, self.stride)
        if not spans:
            return probs, offsets
        for first in range(0, len(spans), BATCH):
            chunk = spans[first : first + BATCH]
            width = max(end - start for start, end in chunk) + 2
            batch = np.zeros((len(chunk), width), dtype=np.int64)
            mask = np.zeros_like(batch)
            for row, (start, end) in enumerate(chunk):
                piece = [self.cls, *ids[start:end], self.sep]
                batch[row, : len(piece)] = piece
                mask[row, : len(piece)] = 1
            (out,) = self.session.run(["probs"], {"input_ids": batch, "attention_mask": mask})
            for row, (start, end) in enumerate(chunk):
                probs[start:end] += out[row, 1 : 1 + end - start]
                reads[start:end] += 1
        return probs / reads[:, None], offsets  # type: ignore[return-value]

    def spans(self, text: str) -> list[TaggedSpan]:
        probs, offsets = self.probabilities(text)
        return decode_spans(probs, offsets)


@lru_cache(maxsize=1)
def shipped_tagger() -> AttributionTaggerRuntime | None:
    """The tagger that ships with propscope, loaded once; None where the package has none."""
    if not DEFAULT_TAGGER_DIR.is_dir():
        return None
    return AttributionTaggerRuntime()
