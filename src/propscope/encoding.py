"""Turning an article into model windows, and token scores back into character spans.

Training and inference share this module so that both see exactly the same windows,
tokens and span features. Long articles are covered whole by overlapping windows;
nothing is truncated.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from propscope.lines import glued

__all__ = [
    "BERT_TOKENS",
    "INFERENCE_WINDOW",
    "SPAN_FEATURES",
    "EncodedText",
    "SpecialTokens",
    "Window",
    "WindowBatch",
    "best_window_for_span",
    "build_batch",
    "build_rows",
    "char_span_to_tokens",
    "decode_spans",
    "encode_text",
    "plan_windows",
    "span_features",
    "special_tokens",
    "token_owner",
]


@dataclass(frozen=True, slots=True)
class SpecialTokens:
    """The ids that open, close and pad a window: [CLS] [SEP] [PAD] for BERT-style
    vocabularies (MiniLM), <s> </s> <pad> for RoBERTa-style ones (MPNet)."""

    cls: int
    sep: int
    pad: int


BERT_TOKENS = SpecialTokens(cls=101, sep=102, pad=0)


@dataclass(frozen=True, slots=True)
class Window:
    """How the model reads an article at inference: windows of `tokens` word pieces
    (the opening and closing tokens not counted), one starting every `stride`."""

    tokens: int
    stride: int

    # Encoders of this family have 512 positions; two go to the opening and closing tokens.
    MAX_TOKENS = 510

    def __post_init__(self) -> None:
        if not 0 < self.stride <= self.tokens <= self.MAX_TOKENS:
            raise ValueError(
                f"a window of {self.tokens} word pieces every {self.stride} cannot be read: "
                f"need 0 < stride <= tokens <= {self.MAX_TOKENS}"
            )

    @classmethod
    def from_config(cls, config: dict[str, object]) -> Window:
        """The windows a model folder's config.json reads articles in."""
        try:
            tokens, stride = config["max_tokens"], config["inference_stride"]
        except KeyError as exc:
            raise ValueError(f"the model's config has no {exc.args[0]}") from None
        return cls(int(tokens), int(stride))  # type: ignore[call-overload]

    def to_config(self) -> dict[str, int]:
        return {"max_tokens": self.tokens, "inference_stride": self.stride}


# Windows shorter than the 254 word pieces the model trains on: the attention's cost grows
# with the square of the window, and on the cross-validation folds 126 every 112 scored as
# 254 every 224 did (SI 0.4067 against 0.4070, TC 0.6135 against 0.6119) at 1.3-1.8x the
# speed (docs/experiments.md, row 34).
INFERENCE_WINDOW = Window(tokens=126, stride=112)


def special_tokens(tokenizer: object) -> SpecialTokens:
    """The ids a `tokenizers.Tokenizer` opens and closes a text with, and its padding id.

    Read from the tokenizer's own template, not looked up by name: MPNet's vocabulary
    has [CLS] and [SEP] too, but opens a text with <s>."""
    enc = tokenizer.encode("", add_special_tokens=True)  # type: ignore[attr-defined]
    ids = [i for i, m in zip(enc.ids, enc.attention_mask, strict=True) if m]
    opener = tokenizer.id_to_token(ids[0]) if ids else None  # type: ignore[attr-defined]
    pad = tokenizer.token_to_id("<pad>" if opener == "<s>" else "[PAD]")  # type: ignore[attr-defined]
    if len(ids) != 2 or pad is None:
        raise ValueError(
            "the tokenizer does not wrap a text in one opening and one closing token, or "
            "has no padding token: the technique model needs a BERT- or RoBERTa-style "
            "tokenizer.json."
        )
    return SpecialTokens(cls=ids[0], sep=ids[1], pad=pad)


# Hand-made features that the uncased encoder cannot see; the span head reads them
# beside the encoder's vectors.
SPAN_FEATURES = (
    "log_repeats",  # how often the span's words occur in the article (Repetition)
    "log_tokens",  # span length
    "upper_share",  # capital letters: lost by the uncased encoder
    "has_quote",  # quotation marks inside or around the span (scare quotes)
    "question",  # ends in a question mark (Doubt)
    "exclaim",  # exclamation (Slogans, Loaded language)
)


@dataclass(frozen=True, slots=True)
class EncodedText:
    """An article's word pieces, without special tokens, and their character offsets."""

    ids: np.ndarray  # (n,) int64
    offsets: np.ndarray  # (n, 2) int64, [start, end) into the text

    def __len__(self) -> int:
        return int(self.ids.shape[0])


@dataclass(frozen=True, slots=True)
class WindowBatch:
    input_ids: np.ndarray  # (b, t) int64, with [CLS] and [SEP]
    attention_mask: np.ndarray  # (b, t) int64
    windows: list[tuple[int, int]]  # token range [start, end) of each row, into EncodedText


def encode_text(tokenizer: object, text: str) -> EncodedText:
    """Tokenize a whole text with `tokenizers.Tokenizer`, keeping offsets."""
    enc = tokenizer.encode(text, add_special_tokens=False)  # type: ignore[attr-defined]
    ids = np.asarray(enc.ids, dtype=np.int64)
    offsets = np.asarray(enc.offsets, dtype=np.int64).reshape(-1, 2)
    return EncodedText(ids=ids, offsets=offsets)


def plan_windows(
    n_tokens: int, *, max_tokens: int, stride: int, align_last: bool = True
) -> list[tuple[int, int]]:
    """Cover [0, n_tokens) with windows of at most `max_tokens`, starting every `stride`.

    With `align_last` the last window is a full window aligned to the end of the text
    (the most context, used in training); without it the last window continues the
    stride and is shorter, which reads fewer tokens twice (used at inference).
    """
    if max_tokens <= 0 or stride <= 0 or stride > max_tokens:
        raise ValueError(f"need 0 < stride <= max_tokens, got {stride=} {max_tokens=}")
    if n_tokens <= max_tokens:
        return [(0, n_tokens)]
    windows = []
    start = 0
    while start + max_tokens < n_tokens:
        windows.append((start, start + max_tokens))
        start += stride
    windows.append((n_tokens - max_tokens, n_tokens) if align_last else (start, n_tokens))
    return windows


def build_rows(
    rows: Sequence[tuple[EncodedText, int, int]], special: SpecialTokens = BERT_TOKENS
) -> tuple[np.ndarray, np.ndarray]:
    """(input_ids, attention_mask): one row of [CLS] tokens[start:end] [SEP] for each
    (text, start, end), from one text or several, padded to the longest row. An empty
    range (a text with no word pieces) gives [CLS] [SEP]."""
    width = max(end - start for _, start, end in rows) + 2
    input_ids = np.full((len(rows), width), special.pad, dtype=np.int64)
    mask = np.zeros((len(rows), width), dtype=np.int64)
    for row, (encoded, start, end) in enumerate(rows):
        n = end - start
        input_ids[row, 0] = special.cls
        input_ids[row, 1 : n + 1] = encoded.ids[start:end]
        input_ids[row, n + 1] = special.sep
        mask[row, : n + 2] = 1
    return input_ids, mask


def build_batch(
    encoded: EncodedText,
    windows: Sequence[tuple[int, int]],
    special: SpecialTokens = BERT_TOKENS,
) -> WindowBatch:
    """Rows of [CLS] tokens [SEP] for windows of one text, padded to the longest row."""
    input_ids, mask = build_rows([(encoded, start, end) for start, end in windows], special)
    return WindowBatch(input_ids=input_ids, attention_mask=mask, windows=list(windows))


def token_owner(windows: Sequence[tuple[int, int]], n_tokens: int) -> np.ndarray:
    """For each token, the window that sees it with the most context on both sides.

    Where two windows overlap, the boundary is the middle of the overlap.
    """
    owner = np.zeros(n_tokens, dtype=np.int64)
    for i, (start, _end) in enumerate(windows):
        if i == 0:
            continue
        prev_end = windows[i - 1][1]
        boundary = (start + prev_end) // 2 if start < prev_end else start
        owner[boundary:] = i
    return owner


def char_span_to_tokens(offsets: np.ndarray, start: int, end: int) -> tuple[int, int] | None:
    """Token range [ts, te) of the tokens that overlap characters [start, end)."""
    if len(offsets) == 0 or end <= start:
        return None
    overlaps = (offsets[:, 0] < end) & (offsets[:, 1] > start)
    idx = np.nonzero(overlaps)[0]
    if idx.size == 0:
        return None
    return int(idx[0]), int(idx[-1]) + 1


def placed_window(
    n_tokens: int, ts: int, te: int, *, width: int, at: float, grid: int = 1
) -> tuple[int, int]:
    """A window of at most `width` tokens of a text of `n_tokens` that puts the middle of
    the span [ts, te) at `at` of its width (0.5: centred), moved back inside the text
    where it would run past an end. With `grid`, the window starts at the nearest
    multiple of `grid` tokens, so spans close together share windows."""
    if width <= 0 or grid <= 0 or not 0.0 <= at <= 1.0:
        raise ValueError(f"need width > 0, grid > 0 and 0 <= at <= 1, got {width=} {grid=} {at=}")
    middle = (ts + te) // 2
    start = (middle - int(width * at) + grid // 2) // grid * grid  # the nearest, halves up
    start = max(0, min(n_tokens - width, start))
    return start, min(n_tokens, start + width)


def best_window_for_span(
    windows: Sequence[tuple[int, int]], ts: int, te: int
) -> tuple[int, int, int]:
    """The window that holds the span with the most context, and the span clipped to it.

    Returns (window index, clipped ts, clipped te).
    """
    best = (-(10**9), 0)
    for i, (ws, we) in enumerate(windows):
        covered = min(te, we) - max(ts, ws)
        if covered <= 0:
            continue
        # Prefer full coverage, then the most room around the span.
        margin = min(ts - ws, we - te)
        key = covered * 10_000 + margin
        if key > best[0]:
            best = (key, i)
    i = best[1]
    ws, we = windows[i]
    return i, max(ts, ws), min(te, we)


_WORD = re.compile(r"\w+", re.UNICODE)
QUOTES = "\"“”‘’«»'"


def occurrences(span: str, lowered_text: str) -> int:
    """How often `span` (case aside, outer spaces stripped) occurs in the text, itself
    included; 1 for spans under three characters, which recur by chance."""
    needle = span.strip().lower()
    return lowered_text.count(needle) if len(needle) >= 3 else 1


def capital_share(span: str) -> float:
    """The share of the span's letters that are capitals (0 without letters)."""
    letters = [c for c in span if c.isalpha()]
    return sum(c.isupper() for c in letters) / len(letters) if letters else 0.0


def span_features(
    text: str, start: int, end: int, *, lowered_text: str | None = None
) -> np.ndarray:
    """Features of the span text that the uncased word-piece encoder does not see."""
    span = text[start:end]
    lowered = lowered_text if lowered_text is not None else text.lower()
    repeats = occurrences(span, lowered)
    n_words = max(1, len(_WORD.findall(span)))
    upper = capital_share(span)
    before = text[max(0, start - 1) : start]
    after = text[end : end + 1]
    quoted = any(q in span for q in QUOTES) or (before in QUOTES and before != "")
    quoted = quoted or (after in QUOTES and after != "")
    stripped = span.rstrip()
    tail = stripped[-1:] if stripped else ""
    after_tail = text[end : end + 2]
    return np.asarray(
        [
            np.log1p(max(0, repeats - 1)),
            np.log1p(n_words) / 3.0,
            upper,
            float(quoted),
            float(tail == "?" or "?" in after_tail),
            float(tail == "!" or "!" in after_tail),
        ],
        dtype=np.float32,
    )


@dataclass(frozen=True, slots=True)
class Decoding:
    """How token probabilities become spans; chosen by cross-validation, kept in the
    model's config.json."""

    threshold: float = 0.5
    smooth: int = 1  # moving average over this many tokens (1: none)
    merge_gap: int = -1  # merge spans at most this many characters apart (-1: never)
    seed: float = 0.0  # keep a span only if some token reaches this (hysteresis)

    @classmethod
    def from_config(cls, config: dict[str, object]) -> Decoding:
        return cls(
            threshold=float(config.get("span_threshold", 0.5)),  # type: ignore[arg-type]
            smooth=int(config.get("span_smooth", 1)),  # type: ignore[call-overload]
            merge_gap=int(config.get("span_merge_gap", -1)),  # type: ignore[call-overload]
            seed=float(config.get("span_seed", 0.0)),  # type: ignore[arg-type]
        )

    def to_config(self) -> dict[str, float | int]:
        return {
            "span_threshold": self.threshold,
            "span_smooth": self.smooth,
            "span_merge_gap": self.merge_gap,
            "span_seed": self.seed,
        }


def _smoothed(probs: np.ndarray, width: int) -> np.ndarray:
    if width <= 1 or len(probs) == 0:
        return probs
    kernel = np.ones(width)
    counts = np.convolve(np.ones(len(probs)), kernel, mode="same")
    return np.stack(
        [np.convolve(probs[:, c], kernel, mode="same") / counts for c in range(probs.shape[1])],
        axis=1,
    )


def decode_spans(
    offsets: np.ndarray,
    probs: np.ndarray,
    text: str,
    *,
    threshold: float,
    smooth: int = 1,
    merge_gap: int = -1,
    seed: float = 0.0,
) -> list[tuple[int, int, float]]:
    """Character spans from per-token probabilities of (O, B, I).

    A span is a run of tokens whose probability of being inside a span (B + I) is at
    least `threshold`; a token that is more likely to begin a span than to continue
    one starts a new span. Spans are widened to whole words. With `smooth` > 1 the
    probabilities are first averaged over that many neighbouring tokens, and spans at
    most `merge_gap` characters apart on one line are merged, since the model's
    probabilities flicker inside long passages. With `seed` (hysteresis), a run is kept
    only if one of its tokens reaches `seed`: spans grow from confident tokens through
    less confident neighbours. A run ends at a blank line: spans stay within a
    paragraph. Spans of one character are dropped. Returns (start, end, score) with
    score the mean inside-probability of the run.
    """
    probs = _smoothed(probs, smooth)
    spans: list[tuple[int, int, float]] = []
    inside = probs[:, 1] + probs[:, 2]
    new_paragraph = _paragraph_starts(offsets, text)
    run_start = -1
    for i in range(len(offsets) + 1):
        is_in = i < len(offsets) and inside[i] >= threshold
        starts_new = (
            is_in
            and run_start >= 0
            and i > run_start
            and (probs[i, 1] > probs[i, 2] or bool(new_paragraph[i]))
        )
        if run_start >= 0 and (not is_in or starts_new):
            if inside[run_start:i].max() >= seed:
                spans.append(_finish_span(offsets, inside, text, run_start, i))
            run_start = -1
        if is_in and run_start < 0:
            run_start = i
    spans = _merge_touching(
        [s for s in spans if s[1] - s[0] >= MIN_SPAN_CHARS and _has_word(text[s[0] : s[1]])]
    )
    return _merge_close(spans, text, merge_gap) if merge_gap >= 0 else spans


# A span of one character ("a") is noise to a reader; no gold span of the PTC is one.
MIN_SPAN_CHARS = 2
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


def _paragraph_starts(offsets: np.ndarray, text: str) -> np.ndarray:
    """For each token, whether a blank line stands between it and the token before: a
    span never runs on over a paragraph break (nor from a title into the text), as no
    gold span of the PTC does."""
    breaks = np.array([m.start() for m in _BLANK_LINE.finditer(text)], dtype=np.int64)
    starts = np.zeros(len(offsets), dtype=bool)
    if len(breaks) == 0 or len(offsets) < 2:
        return starts
    before = np.searchsorted(breaks, offsets[:, 0])  # blank lines starting before each token
    starts[1:] = before[1:] > np.searchsorted(breaks, offsets[:-1, 1])
    return starts


def _merge_touching(spans: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    # Widening to whole words can make two runs cover the same word: one span, not two.
    merged: list[tuple[int, int, float]] = []
    for start, end, score in spans:
        if merged and start < merged[-1][1]:
            prev = merged[-1]
            merged[-1] = (prev[0], max(prev[1], end), max(prev[2], score))
        else:
            merged.append((start, end, score))
    return merged


def _merge_close(
    spans: list[tuple[int, int, float]], text: str, gap: int
) -> list[tuple[int, int, float]]:
    merged: list[tuple[int, int, float]] = []
    for start, end, score in spans:
        if merged and start - merged[-1][1] <= gap and "\n" not in text[merged[-1][1] : start]:
            prev = merged[-1]
            merged[-1] = (prev[0], end, max(prev[2], score))
        else:
            merged.append((start, end, score))
    return merged


def _finish_span(
    offsets: np.ndarray, inside: np.ndarray, text: str, ts: int, te: int
) -> tuple[int, int, float]:
    start = int(offsets[ts, 0])
    end = int(offsets[te - 1, 1])
    # Word pieces can cut a word, or leave off the marks that end a character (an accent,
    # an emoji's variation selector or skin tone, which the tokenizer strips); a span
    # should not. Nor a word a hyphen or an apostrophe holds together, which the
    # tokenizer splits in three: "blue-]collar", "non-[toxic", "Iran[’s most powerful";
    # nor an abbreviation or a number its dots hold together ("the D.I.]C.E. Awards").
    # No further than `MAX_WIDENING` characters: "word-word-word-..." 6,000 times is one
    # "word", and widening every span of it to the whole took 161 s.
    least, most = start - MAX_WIDENING, end + MAX_WIDENING
    while start > max(0, least) and (
        _extends(text[start])
        or (text[start - 1].isalnum() and text[start].isalnum())
        or glued(text, start - 1, _JOINERS)
        or glued(text, start, _JOINERS)
        or _inner_dot(text, start - 1)
        or _inner_dot(text, start)
    ):
        start -= 1
    while end < min(len(text), most) and (
        _extends(text[end])
        or (text[end - 1].isalnum() and text[end].isalnum())
        or glued(text, end - 1, _JOINERS)
        or glued(text, end, _JOINERS)
        or _inner_dot(text, end - 1)
        or _inner_dot(text, end)
    ):
        end += 1
    # Nor open on the punctuation that ends the clause before ("⟦, it is young men"), or
    # close on a bracket it does not close ("Porn Panic! (⟧"): no PTC span does.
    trimmed_start, trimmed_end = start, end
    while trimmed_start < trimmed_end and (
        text[trimmed_start] in _NO_SPAN_START or text[trimmed_start].isspace()
    ):
        trimmed_start += 1
    while trimmed_end > trimmed_start and (
        text[trimmed_end - 1] in _NO_SPAN_END or text[trimmed_end - 1].isspace()
    ):
        trimmed_end -= 1
    if trimmed_start < trimmed_end:
        start, end = trimmed_start, trimmed_end
    return start, end, float(inside[ts:te].mean())


# Punctuation no span of the PTC's annotators opens or closes on.
_NO_SPAN_START = frozenset(",;:.)]")
_NO_SPAN_END = frozenset(",;:([")


# How far a span widens to take in the rest of a word (`_finish_span`): more than the
# longest word of news-unlabeled and the PTC (72 and 42 characters).
MAX_WIDENING = 100

# Marks that join two parts of one word: "non-toxic", "Iran’s", "isn't".
_JOINERS = frozenset("-'’\u2010\u2011")


def _inner_dot(text: str, i: int) -> bool:
    """Whether text[i] is a dot inside an abbreviation ("D.I.C.E.", "U.S.": one letter
    before it) or a number ("3.5"); not the end of a sentence that lost its space
    ("instead.However")."""
    if not (0 < i < len(text) - 1 and text[i] == "."):
        return False
    before, after = text[i - 1], text[i + 1]
    if before.isdigit() and after.isdigit():
        return True
    return before.isalpha() and after.isalpha() and (i < 2 or not text[i - 2].isalpha())


def _extends(char: str) -> bool:
    """A character that belongs to the one before it: a combining mark, a variation
    selector, an emoji skin tone."""
    return unicodedata.category(char) in ("Mn", "Mc", "Me") or "\U0001f3fb" <= char <= "\U0001f3ff"


def _has_word(span: str) -> bool:
    return any(c.isalnum() for c in span)
