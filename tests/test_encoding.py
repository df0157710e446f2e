"""Hand-worked checks of windows, token ownership and span decoding (no model needed)."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from propscope.encoding import (
    BERT_TOKENS,
    INFERENCE_WINDOW,
    SPAN_FEATURES,
    EncodedText,
    SpecialTokens,
    Window,
    best_window_for_span,
    build_batch,
    char_span_to_tokens,
    decode_spans,
    placed_window,
    plan_windows,
    span_features,
    special_tokens,
    token_owner,
)

CLS_ID, SEP_ID, PAD_ID = BERT_TOKENS.cls, BERT_TOKENS.sep, BERT_TOKENS.pad

# Feature positions, by name, so a reordering of SPAN_FEATURES shows up here.
REPEATS, TOKENS, UPPER, QUOTE, QUESTION, EXCLAIM = (
    SPAN_FEATURES.index(name)
    for name in ("log_repeats", "log_tokens", "upper_share", "has_quote", "question", "exclaim")
)


def offsets_of(text: str) -> np.ndarray:
    """One token per whitespace-separated word, with its character offsets."""
    out = []
    pos = 0
    for word in text.split():
        start = text.index(word, pos)
        out.append((start, start + len(word)))
        pos = start + len(word)
    return np.asarray(out, dtype=np.int64).reshape(-1, 2)


def probs_from(rows: list[tuple[float, float, float]]) -> np.ndarray:
    """(O, B, I) per token."""
    return np.asarray(rows, dtype=np.float64).reshape(-1, 3)


# --------------------------------------------------------------------------------------
# plan_windows
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [0, 1, 5, 10])
def test_plan_windows_short_text_is_one_window(n: int) -> None:
    assert plan_windows(n, max_tokens=10, stride=5) == [(0, n)]


def test_plan_windows_by_hand() -> None:
    # n = 25, max 10, stride 5: starts 0, 5, 10 (10 + 10 = 20 < 25); at 15,
    # 15 + 10 = 25 is not < 25, so the loop stops and the last window is
    # aligned to the end: (25 - 10, 25) = (15, 25).
    assert plan_windows(25, max_tokens=10, stride=5) == [(0, 10), (5, 15), (10, 20), (15, 25)]
    # n = 23: starts 0, 5, 10; then the end-aligned (13, 23) (step 3 <= stride).
    assert plan_windows(23, max_tokens=10, stride=5) == [(0, 10), (5, 15), (10, 20), (13, 23)]
    # n = 11, stride = max = 10: (0, 10), then (1, 11).
    assert plan_windows(11, max_tokens=10, stride=10) == [(0, 10), (1, 11)]
    # Stride equal to max on an exact multiple: (0,4), (4,8), (8,12) with no overlap.
    assert plan_windows(12, max_tokens=4, stride=4) == [(0, 4), (4, 8), (8, 12)]


@pytest.mark.parametrize(
    "n, max_tokens, stride",
    [
        (n, m, s)
        for n in (11, 17, 64, 99, 100, 101, 513)
        for m, s in ((10, 1), (10, 3), (10, 10), (32, 16), (7, 5))
        if n > m  # long texts only; short ones are one window (tested above)
    ],
)
def test_plan_windows_properties(n: int, max_tokens: int, stride: int) -> None:
    windows = plan_windows(n, max_tokens=max_tokens, stride=stride)
    covered = np.zeros(n, dtype=int)
    for start, end in windows:
        assert 0 <= start < end <= n
        # Long text: every window is exactly max_tokens long (none shorter than needed).
        assert end - start == max_tokens
        covered[start:end] += 1
    assert (covered >= 1).all()
    assert windows[0][0] == 0
    assert windows[-1][1] == n
    starts = [s for s, _ in windows]
    steps = [b - a for a, b in itertools.pairwise(starts)]
    # Every step but the last is the stride; the end-aligned last one is at most it.
    assert all(step == stride for step in steps[:-1])
    assert 0 < steps[-1] <= stride


@pytest.mark.parametrize("max_tokens, stride", [(0, 1), (10, 0), (10, -1), (-5, -5), (10, 11)])
def test_plan_windows_invalid_args(max_tokens: int, stride: int) -> None:
    with pytest.raises(ValueError, match="stride"):
        plan_windows(100, max_tokens=max_tokens, stride=stride)


@pytest.mark.parametrize("tokens, stride", [(0, 0), (10, 0), (10, 11), (511, 100), (600, 600)])
def test_a_window_that_cannot_be_read_is_refused_with_its_limits(tokens: int, stride: int) -> None:
    with pytest.raises(ValueError, match=r"need 0 < stride <= tokens <= 510"):
        Window(tokens, stride)


def test_a_window_goes_to_a_model_config_and_back() -> None:
    config = Window(126, 112).to_config()
    assert config == {"max_tokens": 126, "inference_stride": 112}
    assert Window.from_config({**config, "span_threshold": 0.15}) == Window(126, 112)
    with pytest.raises(ValueError, match="has no inference_stride"):
        Window.from_config({"max_tokens": 126})


def test_the_inference_window_is_shorter_than_the_training_one() -> None:
    from propscope.training.train import TrainConfig

    assert Window(510, 510).tokens == 510  # the longest an encoder of 512 positions reads
    assert INFERENCE_WINDOW.stride <= INFERENCE_WINDOW.tokens < TrainConfig().max_tokens


# --------------------------------------------------------------------------------------
# token_owner
# --------------------------------------------------------------------------------------


def test_token_owner_two_windows_by_hand() -> None:
    # Overlap of (0,10) and (5,15) is [5,10); its middle: (5 + 10) // 2 = 7.
    owner = token_owner([(0, 10), (5, 15)], 15)
    assert owner.tolist() == [0] * 7 + [1] * 8


def test_token_owner_plan_by_hand() -> None:
    # Windows (0,10), (5,15), (10,20), (15,25); boundaries (5+10)//2 = 7,
    # (10+15)//2 = 12, (15+20)//2 = 17.
    windows = plan_windows(25, max_tokens=10, stride=5)
    owner = token_owner(windows, 25)
    assert owner.tolist() == [0] * 7 + [1] * 5 + [2] * 5 + [3] * 8


def test_token_owner_edge_cases() -> None:
    assert token_owner([(0, 4)], 4).tolist() == [0, 0, 0, 0]
    # Windows that touch without overlapping: the boundary is the second start.
    assert token_owner([(0, 3), (3, 6)], 6).tolist() == [0, 0, 0, 1, 1, 1]


@pytest.mark.parametrize(
    "n, max_tokens, stride",
    [(n, m, s) for n in (1, 10, 11, 23, 64, 101) for m, s in ((10, 1), (10, 3), (10, 5), (10, 10))],
)
def test_token_owner_owner_contains_token(n: int, max_tokens: int, stride: int) -> None:
    windows = plan_windows(n, max_tokens=max_tokens, stride=stride)
    owner = token_owner(windows, n)
    assert owner.shape == (n,)
    # Exactly one owner per token (an array, so one value each), it holds the
    # token, and ownership moves forward only.
    for tok, w in enumerate(owner.tolist()):
        start, end = windows[w]
        assert start <= tok < end
    assert (np.diff(owner) >= 0).all()
    assert owner[0] == 0 and owner[-1] == len(windows) - 1


# --------------------------------------------------------------------------------------
# build_batch
# --------------------------------------------------------------------------------------


def test_build_batch_framing_and_padding() -> None:
    encoded = EncodedText(
        ids=np.arange(1000, 1005, dtype=np.int64),
        offsets=np.asarray([(0, 1), (2, 3), (4, 5), (6, 7), (8, 9)], dtype=np.int64),
    )
    assert len(encoded) == 5
    # Rows of 5 and 2 tokens: width = 5 + 2 special tokens = 7.
    batch = build_batch(encoded, [(0, 5), (3, 5)])
    assert batch.input_ids.dtype == np.int64 and batch.attention_mask.dtype == np.int64
    assert batch.input_ids.tolist() == [
        [CLS_ID, 1000, 1001, 1002, 1003, 1004, SEP_ID],
        [CLS_ID, 1003, 1004, SEP_ID, PAD_ID, PAD_ID, PAD_ID],
    ]
    assert batch.attention_mask.tolist() == [[1] * 7, [1, 1, 1, 1, 0, 0, 0]]
    assert batch.windows == [(0, 5), (3, 5)]
    assert (CLS_ID, SEP_ID, PAD_ID) == (101, 102, 0)


def test_build_batch_frames_rows_with_the_models_own_special_tokens() -> None:
    # MPNet (RoBERTa-style): <s> = 0 opens, </s> = 2 closes, <pad> = 1 pads.
    roberta = SpecialTokens(cls=0, sep=2, pad=1)
    encoded = EncodedText(np.arange(1000, 1003, dtype=np.int64), np.zeros((3, 2), dtype=np.int64))
    batch = build_batch(encoded, [(0, 3), (2, 3)], roberta)
    assert batch.input_ids.tolist() == [[0, 1000, 1001, 1002, 2], [0, 1002, 2, 1, 1]]
    assert batch.attention_mask.tolist() == [[1] * 5, [1, 1, 1, 0, 0]]


def _word_level_tokenizer(vocab: list[str], opener: str, closer: str):  # type: ignore[no-untyped-def]
    from tokenizers import Tokenizer
    from tokenizers.models import WordLevel
    from tokenizers.pre_tokenizers import Whitespace
    from tokenizers.processors import TemplateProcessing

    ids = {token: i for i, token in enumerate(vocab)}
    tokenizer = Tokenizer(WordLevel(ids, unk_token=vocab[-1]))
    tokenizer.pre_tokenizer = Whitespace()
    tokenizer.post_processor = TemplateProcessing(
        single=f"{opener} $A {closer}",
        special_tokens=[(opener, ids[opener]), (closer, ids[closer])],
    )
    return tokenizer


def test_special_tokens_come_from_the_tokenizers_template_not_from_names() -> None:
    # Like MPNet's vocabulary: [CLS] and [SEP] exist, but a text opens with <s>.
    vocab = ["<s>", "<pad>", "</s>", "[PAD]", "[CLS]", "[SEP]", "word", "<unk>"]
    roberta = _word_level_tokenizer(vocab, "<s>", "</s>")
    assert special_tokens(roberta) == SpecialTokens(cls=0, sep=2, pad=1)
    bert = _word_level_tokenizer(vocab, "[CLS]", "[SEP]")
    assert special_tokens(bert) == SpecialTokens(cls=4, sep=5, pad=3)
    # Padding switched on does not count the pads as special tokens of the template.
    bert.enable_padding(pad_id=3, pad_token="[PAD]", length=8)
    assert special_tokens(bert) == SpecialTokens(cls=4, sep=5, pad=3)


def test_special_tokens_refuses_a_tokenizer_without_a_wrapping_template() -> None:
    plain = _word_level_tokenizer(["[PAD]", "[CLS]", "[SEP]", "<unk>"], "[CLS]", "[SEP]")
    plain.post_processor = None
    with pytest.raises(ValueError, match="BERT- or RoBERTa-style"):
        special_tokens(plain)


def test_build_batch_empty_text() -> None:
    encoded = EncodedText(np.zeros(0, dtype=np.int64), np.zeros((0, 2), dtype=np.int64))
    batch = build_batch(encoded, plan_windows(0, max_tokens=8, stride=4))
    assert batch.input_ids.tolist() == [[CLS_ID, SEP_ID]]
    assert batch.attention_mask.tolist() == [[1, 1]]


# --------------------------------------------------------------------------------------
# char_span_to_tokens
# --------------------------------------------------------------------------------------

# "unbelievable claims": word pieces "un" [0,2), "believable" [2,12), "claims" [13,19).
UNBELIEVABLE = "unbelievable claims"
UNBELIEVABLE_OFFSETS = np.asarray([(0, 2), (2, 12), (13, 19)], dtype=np.int64)


@pytest.mark.parametrize(
    "start, end, expected",
    [
        (0, 19, (0, 3)),  # everything
        (2, 12, (1, 2)),  # exactly token 1; token 0 ends at 2, so does not overlap
        (5, 8, (1, 2)),  # inside token 1
        (1, 3, (0, 2)),  # last char of token 0, first of token 1
        (11, 14, (1, 3)),  # last char of "believable", the space, first of "claims"
        (12, 13, None),  # only the space between tokens
        (19, 25, None),  # past the end
        # Empty ranges hold no characters, so no token overlaps them (even at a
        # position inside a token).
        (5, 5, None),
        (0, 0, None),
        (8, 5, None),
    ],
)
def test_char_span_to_tokens(start: int, end: int, expected: tuple[int, int] | None) -> None:
    assert char_span_to_tokens(UNBELIEVABLE_OFFSETS, start, end) == expected


def test_char_span_to_tokens_no_tokens() -> None:
    assert char_span_to_tokens(np.zeros((0, 2), dtype=np.int64), 0, 5) is None


# --------------------------------------------------------------------------------------
# best_window_for_span
# --------------------------------------------------------------------------------------

WINDOWS = [(0, 10), (5, 15), (10, 20)]


def test_best_window_prefers_most_margin() -> None:
    # Span tokens [8,10): window 0 covers 2, margin min(8-0, 10-10) = 0;
    # window 1 covers 2, margin min(8-5, 15-10) = 3; window 2 does not overlap.
    assert best_window_for_span(WINDOWS, 8, 10) == (1, 8, 10)
    # [11,13): window 1 margin min(6, 2) = 2; window 2 margin min(1, 7) = 1.
    assert best_window_for_span(WINDOWS, 11, 13) == (1, 11, 13)
    # [16,19): only window 2 holds it.
    assert best_window_for_span(WINDOWS, 16, 19) == (2, 16, 19)
    # [1,3): window 0 only.
    assert best_window_for_span(WINDOWS, 1, 3) == (0, 1, 3)


def test_best_window_prefers_full_coverage_over_margin() -> None:
    # Span [5,10): window (0,10) holds it whole (margin 0); window (9,30) has
    # lots of room after it but covers only token 9 -> window 0.
    assert best_window_for_span([(0, 10), (9, 30)], 5, 10) == (0, 5, 10)


def test_best_window_clips_long_span() -> None:
    # Span [2,18) is longer than any window (10): window 0 covers 8, window 1
    # covers 10 (all of it), window 2 covers 8 -> window 1, clipped to [5,15).
    assert best_window_for_span(WINDOWS, 2, 18) == (1, 5, 15)
    # A span over the whole text of one window is clipped to it.
    assert best_window_for_span([(0, 10)], 0, 30) == (0, 0, 10)


# --------------------------------------------------------------------------------------
# decode_spans
# --------------------------------------------------------------------------------------

# "the big lie is here": the [0,3) big [4,7) lie [8,11) is [12,14) here [15,19).
SENTENCE = "the big lie is here"
SENTENCE_OFFSETS = offsets_of(SENTENCE)

# Dyadic probabilities, so sums such as B + I are exact in floating point.
OUT = (0.875, 0.0625, 0.0625)  # inside 0.125


def test_offsets_helper() -> None:
    assert SENTENCE_OFFSETS.tolist() == [[0, 3], [4, 7], [8, 11], [12, 14], [15, 19]]


def test_decode_one_run_is_one_span() -> None:
    probs = probs_from(
        [
            OUT,
            (0.125, 0.75, 0.125),  # "big": inside 0.875, B > I: begins
            (0.25, 0.125, 0.625),  # "lie": inside 0.75, I > B: continues
            OUT,
            OUT,
        ]
    )
    # Threshold 0.5: tokens 1-2 -> chars [4, 11) "big lie", score (0.875 + 0.75)/2 = 0.8125.
    assert decode_spans(SENTENCE_OFFSETS, probs, SENTENCE, threshold=0.5) == [(4, 11, 0.8125)]


def test_decode_threshold_is_inclusive_and_respected() -> None:
    probs = probs_from([OUT, (0.125, 0.75, 0.125), (0.25, 0.125, 0.625), OUT, OUT])
    # inside = [0.125, 0.875, 0.75, 0.125, 0.125].
    # 0.75: "lie" is exactly at the threshold and counts -> [4,11).
    assert decode_spans(SENTENCE_OFFSETS, probs, SENTENCE, threshold=0.75) == [(4, 11, 0.8125)]
    # 0.8: only "big" -> [4,7), score 0.875.
    assert decode_spans(SENTENCE_OFFSETS, probs, SENTENCE, threshold=0.8) == [(4, 7, 0.875)]
    # 0.9: nothing.
    assert decode_spans(SENTENCE_OFFSETS, probs, SENTENCE, threshold=0.9) == []
    # 0.1: every token is inside, but "big" is B-heavy (0.75 > 0.125) and so
    # starts a new span: "the" [0,3) score 0.125, and "big lie is here" [4,19)
    # score (0.875 + 0.75 + 0.125 + 0.125)/4 = 1.875/4 = 0.46875.  (OUT rows have
    # B == I and continue.)
    assert decode_spans(SENTENCE_OFFSETS, probs, SENTENCE, threshold=0.1) == [
        (0, 3, 0.125),
        (4, 19, 0.46875),
    ]


def test_decode_b_inside_run_starts_new_span() -> None:
    probs = probs_from(
        [
            OUT,
            (0.125, 0.75, 0.125),  # "big" begins
            (0.25, 0.5, 0.25),  # "lie": inside 0.75, B 0.5 > I 0.25 -> begins again
            (0.5, 0.125, 0.375),  # "is": inside 0.5, I > B -> continues "lie"
            OUT,
        ]
    )
    # Threshold 0.5: runs [1,2) and [2,4) -> "big" [4,7) score 0.875 and
    # "lie is" [8,14) score (0.75 + 0.5)/2 = 0.625.
    assert decode_spans(SENTENCE_OFFSETS, probs, SENTENCE, threshold=0.5) == [
        (4, 7, 0.875),
        (8, 14, 0.625),
    ]


def test_decode_b_equal_to_i_continues() -> None:
    # "more likely to begin than to continue": B == I does not split.
    probs = probs_from([OUT, (0.125, 0.75, 0.125), (0.5, 0.25, 0.25), OUT, OUT])
    assert decode_spans(SENTENCE_OFFSETS, probs, SENTENCE, threshold=0.5) == [(4, 11, 0.6875)]


def test_decode_run_at_start_and_end_of_text() -> None:
    inside = (0.125, 0.5, 0.375)  # inside 0.875
    probs = probs_from([inside, OUT, OUT, (0.25, 0.125, 0.625), inside])
    # Token 0 -> [0,3); tokens 3 and 4: "is" is I-heavy and continues nothing
    # (a new run), "here" is B-heavy -> split: [12,14) and [15,19).
    assert decode_spans(SENTENCE_OFFSETS, probs, SENTENCE, threshold=0.5) == [
        (0, 3, 0.875),
        (12, 14, 0.75),
        (15, 19, 0.875),
    ]


def test_decode_widens_to_whole_words() -> None:
    # Only "believable" (token 1) is above the threshold; the piece cuts the word
    # "unbelievable", so the start moves back to 0 -> (0, 12), score 0.875.
    probs = probs_from([OUT, (0.125, 0.75, 0.125), OUT])
    assert decode_spans(UNBELIEVABLE_OFFSETS, probs, UNBELIEVABLE, threshold=0.5) == [
        (0, 12, 0.875)
    ]
    # Only "un": the end moves forward to the end of the word -> (0, 12).
    probs = probs_from([(0.125, 0.75, 0.125), OUT, OUT])
    assert decode_spans(UNBELIEVABLE_OFFSETS, probs, UNBELIEVABLE, threshold=0.5) == [
        (0, 12, 0.875)
    ]
    # Only "claims": a whole word already, unchanged -> (13, 19).
    probs = probs_from([OUT, OUT, (0.125, 0.75, 0.125)])
    assert decode_spans(UNBELIEVABLE_OFFSETS, probs, UNBELIEVABLE, threshold=0.5) == [
        (13, 19, 0.875)
    ]


def test_decode_widening_stops_after_its_limit() -> None:
    # "word-word-word-..." is one word to the widening; each span of it widened to the
    # whole, so that 6,000 of them took 161 s (session 56). A span widens no further
    # than MAX_WIDENING characters each way.
    from propscope.encoding import MAX_WIDENING

    text = "-".join(["word"] * 200)  # 999 characters, pieces "word" and "-"
    offsets = np.asarray(
        [(i, i + 4) if k % 2 == 0 else (i, i + 1) for k, i in enumerate(_pieces(text))],
        dtype=np.int64,
    )
    middle = len(offsets) // 2 + (len(offsets) // 2) % 2  # a "word" piece mid-text
    probs = probs_from([(0.125, 0.75, 0.125) if k == middle else OUT for k in range(len(offsets))])
    ((start, end, _),) = decode_spans(offsets, probs, text, threshold=0.5)
    piece_start, piece_end = offsets[middle]
    assert piece_start - MAX_WIDENING <= start < piece_start
    assert piece_end < end <= piece_end + MAX_WIDENING


def _pieces(text: str) -> list[int]:
    """Where each piece of "word-word-..." starts: words and hyphens in turn."""
    starts, at = [], 0
    for k, word in enumerate(text.split("-")):
        if k:
            starts.append(at)
            at += 1
        starts.append(at)
        at += len(word)
    return starts


def test_decode_widening_stops_at_punctuation() -> None:
    # "self, made man": pieces "self" [0,4) "," [4,5) "made" [6,10) "man" [11,14).
    text = "self, made man"
    offsets = np.asarray([(0, 4), (4, 5), (6, 10), (11, 14)], dtype=np.int64)
    probs = probs_from([OUT, OUT, (0.125, 0.75, 0.125), OUT])
    # "made" is bounded by " " on both sides: nothing to widen -> (6, 10).
    assert decode_spans(offsets, probs, text, threshold=0.5) == [(6, 10, 0.875)]


@pytest.mark.parametrize(
    "text, piece, expected",
    [
        # The tokenizer cuts "self-made" in three: "self" "-" "made".
        ("a self-made man", "made", "self-made"),
        ("a self-made man", "self", "self-made"),
        ("a self-made man", "self-", "self-made"),
        ("the 95-foot-tall tower", "foot", "95-foot-tall"),
        # An apostrophe in a word: "Iran’s", "isn't".
        ("killing Iran’s general", "’s general", "Iran’s general"),
        ("it isn't true", "isn", "isn't"),
        # A dash between words, and quotes around one, are no part of a word.
        ("he said - then left", "said", "said"),
        ("the 'made' man", "made", "made"),
        # Dots inside an abbreviation or a number (session 48's review: "the D.I.⟧C.E.").
        ("and the D.I.C.E. Awards", "and the D.I.", "and the D.I.C.E"),
        ("up 3.5 times", "3.", "3.5"),
        # Not a sentence's end that lost its space.
        ("it went instead.However we", "it went instead.", "it went instead."),
        # Nor the punctuation that ends the clause before, or a bracket left open.
        ("to respond to, it is young men", ", it is young", "it is young"),
        ("my book Porn Panic! (Zero, 2018)", "my book Porn Panic! (", "my book Porn Panic!"),
    ],
)
def test_decode_widens_over_a_hyphen_or_apostrophe_inside_a_word(
    text: str, piece: str, expected: str
) -> None:
    start = text.index(piece)
    offsets = np.asarray([(start, start + len(piece))], dtype=np.int64)
    (span,) = decode_spans(offsets, probs_from([(0.125, 0.75, 0.125)]), text, threshold=0.5)
    assert text[span[0] : span[1]] == expected


def test_decode_drops_punctuation_only_spans() -> None:
    # "Lies ! here": "Lies" [0,4) "!" [5,6) "here" [7,11).
    text = "Lies ! here"
    offsets = offsets_of(text)
    probs = probs_from([OUT, (0.125, 0.75, 0.125), OUT])
    assert decode_spans(offsets, probs, text, threshold=0.5) == []
    # With "Lies" in the run, the span has a word and is kept: [0,6).
    probs = probs_from([(0.125, 0.75, 0.125), (0.25, 0.125, 0.625), OUT])
    assert decode_spans(offsets, probs, text, threshold=0.5) == [(0, 6, 0.8125)]


def test_decode_no_tokens() -> None:
    empty = np.zeros((0, 2), dtype=np.int64)
    assert decode_spans(empty, np.zeros((0, 3)), "", threshold=0.5) == []


# --------------------------------------------------------------------------------------
# span_features
# --------------------------------------------------------------------------------------


def test_span_features_shape() -> None:
    feats = span_features("fake news", 0, 9)
    assert feats.shape == (len(SPAN_FEATURES),) == (6,)
    assert feats.dtype == np.float32


def test_span_features_repeats_grow() -> None:
    once = "fake news is here"
    # "fake news" occurs once -> log1p(1 - 1) = 0.
    assert span_features(once, 0, 9)[REPEATS] == 0.0
    twice = "fake news. More fake news."
    # Twice -> log1p(1) = ln 2.
    assert span_features(twice, 0, 9)[REPEATS] == pytest.approx(math.log(2), rel=1e-6)
    thrice = "fake news. fake news everywhere. FAKE NEWS!"
    # Three times (case-insensitive) -> log1p(2) = ln 3 ~ 1.0986.
    assert span_features(thrice, 0, 9)[REPEATS] == pytest.approx(math.log(3), rel=1e-6)
    # The same, with the lowered text given by the caller.
    given = span_features(thrice, 0, 9, lowered_text=thrice.lower())
    assert np.array_equal(given, span_features(thrice, 0, 9))
    # Surrounding spaces in the span are ignored when counting: " fake news " -> 3.
    assert span_features(thrice + " ", 10, 21)[REPEATS] == pytest.approx(math.log(3), rel=1e-6)
    # Needles shorter than 3 characters are not counted: "is is is" span "is" -> 0.
    assert span_features("is is is", 0, 2)[REPEATS] == 0.0


def test_span_features_length() -> None:
    # Two words -> log1p(2) / 3 = ln 3 / 3 ~ 0.3662.
    assert span_features("fake news", 0, 9)[TOKENS] == pytest.approx(math.log(3) / 3, rel=1e-6)
    # No word at all still counts as one -> ln 2 / 3.
    assert span_features("a ... b", 2, 5)[TOKENS] == pytest.approx(math.log(2) / 3, rel=1e-6)


def test_span_features_question_and_exclaim() -> None:
    text = "Is it true? Maybe. Stop them!"
    # "Is it true" [0,10): the "?" follows right after -> question 1.
    feats = span_features(text, 0, 10)
    assert (feats[QUESTION], feats[EXCLAIM]) == (1.0, 0.0)
    # "Is it true?" [0,11): ends in "?" -> 1.
    assert span_features(text, 0, 11)[QUESTION] == 1.0
    # "Maybe" [12,17): followed by ". " -> 0.
    assert span_features(text, 12, 17)[QUESTION] == 0.0
    # "Stop them" [19,28): followed by "!" -> exclaim 1, question 0.
    feats = span_features(text, 19, 28)
    assert (feats[QUESTION], feats[EXCLAIM]) == (0.0, 1.0)


def test_span_features_quotes() -> None:
    text = 'He called it a "hoax" today'
    hoax = text.index("hoax")  # 16; the quote is at 15, the closing one at 20
    assert (hoax, text[hoax - 1], text[hoax + 4]) == (16, '"', '"')
    # Quotes just around the span.
    assert span_features(text, hoax, hoax + 4)[QUOTE] == 1.0
    # Quotes inside the span: '"hoax"' [15,21).
    assert span_features(text, hoax - 1, hoax + 5)[QUOTE] == 1.0
    # "today" [22,27): a space before, end of text after -> 0.
    today = text.index("today")
    assert span_features(text, today, today + 5)[QUOTE] == 0.0
    # Curly quotes count too.
    curly = "a “crisis” now"
    assert span_features(curly, 3, 9)[QUOTE] == 1.0


def test_span_features_upper_share() -> None:
    text = "FAKE news from the USA, 2024"
    # "FAKE news": 8 letters, 4 upper -> 0.5.
    assert span_features(text, 0, 9)[UPPER] == pytest.approx(0.5)
    # "USA" -> 3/3 = 1.
    usa = text.index("USA")
    assert span_features(text, usa, usa + 3)[UPPER] == 1.0
    # "news" -> 0/4 = 0.
    assert span_features(text, 5, 9)[UPPER] == 0.0
    # "2024": no letters -> 0.
    assert span_features(text, len(text) - 4, len(text))[UPPER] == 0.0


def test_plan_windows_without_aligning_the_last_window_reads_fewer_tokens() -> None:
    from propscope.encoding import plan_windows

    # n = 25, windows of 10 every 5: (0,10) (5,15) (10,20) (15,25) either way ...
    assert plan_windows(25, max_tokens=10, stride=5, align_last=False)[-1] == (15, 25)
    # ... but n = 23 ends with a short (15, 23) instead of a full (13, 23).
    short = plan_windows(23, max_tokens=10, stride=5, align_last=False)
    assert short[-1] == (15, 23)
    covered = set()
    for start, end in short:
        assert end - start <= 10
        covered.update(range(start, end))
    assert covered == set(range(23))


def _probs(inside: list[float]) -> np.ndarray:
    # (O, B, I) with all the inside mass on I, so no token starts a new span.
    return np.array([[1 - p, 0.0, p] for p in inside])


def test_merge_gap_joins_nearby_spans_on_one_line_only() -> None:
    from propscope.encoding import decode_spans

    text = "aa bb cc dd\nee"
    offsets = np.array([(0, 2), (3, 5), (6, 8), (9, 11), (12, 14)])
    probs = _probs([0.9, 0.1, 0.9, 0.1, 0.9])
    apart = decode_spans(offsets, probs, text, threshold=0.5)
    assert [(s, e) for s, e, _ in apart] == [(0, 2), (6, 8), (12, 14)]
    # gap between "aa" and "cc" is 4 characters; "cc" and "ee" are on different lines
    merged = decode_spans(offsets, probs, text, threshold=0.5, merge_gap=4)
    assert [(s, e) for s, e, _ in merged] == [(0, 8), (12, 14)]
    assert decode_spans(offsets, probs, text, threshold=0.5, merge_gap=3) == apart


def test_smoothing_fills_a_one_token_dip() -> None:
    from propscope.encoding import decode_spans

    text = "aa bb cc dd ee"
    offsets = np.array([(0, 2), (3, 5), (6, 8), (9, 11), (12, 14)])
    probs = _probs([0.0, 0.9, 0.3, 0.9, 0.0])
    assert len(decode_spans(offsets, probs, text, threshold=0.5)) == 2
    # a 3-token average: bb (0+.9+.3)/3=.4, cc (.9+.3+.9)/3=.7, dd .4; at the edges
    # the average is over 2 tokens: aa (0+.9)/2=.45, ee .45 -> at 0.5 only "cc" ...
    smooth = decode_spans(offsets, probs, text, threshold=0.5, smooth=3)
    assert [(s, e) for s, e, _ in smooth] == [(6, 8)]
    # ... and at 0.35 one span over all five words instead of two.
    smooth_low = decode_spans(offsets, probs, text, threshold=0.35, smooth=3)
    assert [(s, e) for s, e, _ in smooth_low] == [(0, 14)]


def test_decoding_round_trips_through_the_model_config() -> None:
    from propscope.encoding import Decoding

    decoding = Decoding(threshold=0.3, smooth=3, merge_gap=10)
    assert Decoding.from_config(decoding.to_config()) == decoding
    assert Decoding.from_config({}) == Decoding(0.5, 1, -1)


def test_seed_keeps_only_runs_that_reach_it() -> None:
    from propscope.encoding import decode_spans

    text = "aa bb cc dd ee"
    offsets = np.array([(0, 2), (3, 5), (6, 8), (9, 11), (12, 14)])
    probs = _probs([0.3, 0.7, 0.0, 0.3, 0.35])
    # Both runs clear 0.25; only the first has a token at 0.6 or more.
    assert len(decode_spans(offsets, probs, text, threshold=0.25)) == 2
    kept = decode_spans(offsets, probs, text, threshold=0.25, seed=0.6)
    assert [(s, e) for s, e, _ in kept] == [(0, 5)]


def test_build_rows_mixes_texts_and_frames_an_empty_text() -> None:
    from propscope.encoding import EncodedText, build_rows

    a = EncodedText(np.array([7, 8, 9]), np.array([(0, 1), (2, 3), (4, 5)]))
    empty = EncodedText(np.zeros(0, dtype=np.int64), np.zeros((0, 2), dtype=np.int64))
    ids, mask = build_rows([(a, 1, 3), (empty, 0, 0)])
    assert ids.tolist() == [[101, 8, 9, 102], [101, 102, 0, 0]]
    assert mask.tolist() == [[1, 1, 1, 1], [1, 1, 0, 0]]


def test_placed_window_puts_the_span_where_asked_and_stays_inside_the_text() -> None:
    # A span of tokens [100, 110) (middle 105) in a text of 1,000, windows of 40.
    assert placed_window(1000, 100, 110, width=40, at=0.5) == (85, 125)
    assert placed_window(1000, 100, 110, width=40, at=0.25) == (95, 135)
    assert placed_window(1000, 100, 110, width=40, at=0.75) == (75, 115)
    # Near either end it is moved back inside the text, at full width.
    assert placed_window(1000, 2, 6, width=40, at=0.75) == (0, 40)
    assert placed_window(1000, 990, 998, width=40, at=0.25) == (960, 1000)
    # A text shorter than the window is read whole.
    assert placed_window(30, 10, 12, width=40, at=0.5) == (0, 30)
    with pytest.raises(ValueError, match="0 <= at <= 1"):
        placed_window(1000, 100, 110, width=40, at=1.5)
    # On a grid the window starts at the nearest multiple (halves up): 85 -> 90,
    # 95 -> 100, 79 -> 80; two nearby spans share one window; it stays inside the text.
    assert placed_window(1000, 100, 110, width=40, at=0.5, grid=10) == (90, 130)
    assert placed_window(1000, 110, 120, width=40, at=0.75, grid=10) == (90, 130)
    assert placed_window(1000, 100, 110, width=40, at=0.25, grid=10) == (100, 140)
    assert placed_window(1000, 98, 100, width=40, at=0.5, grid=10) == (80, 120)
    assert placed_window(1000, 990, 998, width=40, at=0.25, grid=7) == (960, 1000)
    with pytest.raises(ValueError, match="grid > 0"):
        placed_window(1000, 100, 110, width=40, at=0.5, grid=0)


def test_a_span_ends_at_a_blank_line_but_not_at_a_line_break() -> None:
    from propscope.encoding import decode_spans

    text = "aa bb?\n\ncc dd\nee"
    offsets = np.array([(0, 2), (3, 5), (5, 6), (8, 10), (11, 13), (14, 16)])
    probs = _probs([0.9, 0.9, 0.9, 0.9, 0.9, 0.9])  # one run by the probabilities
    spans = decode_spans(offsets, probs, text, threshold=0.5)
    assert [text[s:e] for s, e, _ in spans] == ["aa bb?", "cc dd\nee"]
    # Blank means empty or whitespace only: "\n \t\n" is a break too.
    spaced = text.replace("\n\n", "\n \t\n")
    shifted = np.where(offsets >= 8, offsets + 2, offsets)
    assert [spaced[s:e] for s, e, _ in decode_spans(shifted, probs, spaced, threshold=0.5)] == [
        "aa bb?",
        "cc dd\nee",
    ]


def test_each_paragraph_s_part_of_a_run_needs_its_own_seed() -> None:
    from propscope.encoding import decode_spans

    text = "aa bb\n\ncc dd"
    offsets = np.array([(0, 2), (3, 5), (7, 9), (10, 12)])
    probs = _probs([0.3, 0.3, 0.9, 0.3])  # the seed (0.8) is in the second paragraph only
    spans = decode_spans(offsets, probs, text, threshold=0.2, seed=0.8)
    assert [text[s:e] for s, e, _ in spans] == ["cc dd"]


def test_a_one_letter_span_is_dropped() -> None:
    from propscope.encoding import decode_spans

    text = "a US plan"
    offsets = np.array([(0, 1), (2, 4), (5, 9)])
    spans = decode_spans(offsets, _probs([0.9, 0.1, 0.1]), text, threshold=0.5)
    assert spans == []
    spans = decode_spans(offsets, _probs([0.1, 0.9, 0.1]), text, threshold=0.5)
    assert [text[s:e] for s, e, _ in spans] == ["US"]


def test_a_span_keeps_the_marks_that_end_its_last_character() -> None:
    # The tokenizer strips accents and emoji selectors, so the last word piece ended
    # before them: "Jihadis\u0301" lost its accent, "Al-Qaeda\ufe0f" its selector.
    for text, word, bare in (
        ("The Jihadis\u0301\u0308 came", "Jihadis\u0301\u0308", "Jihadis"),
        ("The Al\ufe0f came", "Al\ufe0f", "Al"),
        ("The cafe\u0301 came", "cafe\u0301", "cafe"),
    ):
        start = text.index(word)
        after = start + len(word) + 1
        offsets = np.array([[0, start - 1], [start, start + len(bare)], [after, len(text)]])
        probs = probs_from([OUT, (0.125, 0.75, 0.125), OUT])
        [(s, e, _)] = decode_spans(offsets, probs, text, threshold=0.5)
        assert text[s:e] == word, (text, text[s:e])
