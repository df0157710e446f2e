"""Is this text English? A cheap check, so English-only models can say when they do not apply.

English prose is about 40% function words ("the", "of", "and", "to" ...); other languages
written in Latin letters share few of them, and texts in other scripts share none.
"""

from __future__ import annotations

import re

__all__ = [
    "MIN_ENGLISH_SHARE",
    "english_share",
    "looks_english",
    "not_english_note",
    "only_function_words",
    "shown_notes",
]

_FUNCTION_WORDS = frozenset(
    """the of and to in is that for it as was with be by on not he she this are or his her
    from at which but have an they has were their been its who will would said had there
    we you i our what all when can more if about than also into after no so up out only
    new other some them these may could do does did should then over such most just how
    because while where before under between""".split()
)
_WORD = re.compile(r"[^\W\d_]+")
# Scripts written without spaces between words (Chinese, Japanese kana, Thai, Lao,
# Khmer, Burmese): each character counts as a word, or a whole paragraph of Chinese would
# be one "word", too short to tell.
_UNSPACED = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
)
MIN_WORDS = 12
# Below this share of function words a text is taken for not English (English prose: ~0.4).
MIN_ENGLISH_SHARE = 0.15


def only_function_words(text: str) -> bool:
    """Whether every word of `text` is a common English function word ("the", "an"):
    a fragment that says nothing of its own. False for a text with no word."""
    words = _WORD.findall(text.lower())
    return bool(words) and all(w in _FUNCTION_WORDS for w in words)


def english_share(text: str) -> float | None:
    """The share of the text's words that are common English function words; None for a
    text too short to tell (fewer than 12 words; in a script written without spaces, a
    character is a word)."""
    words = _WORD.findall(text.lower())
    count = sum(len(_UNSPACED.findall(w)) or 1 for w in words)
    if count < MIN_WORDS:
        return None
    return sum(w in _FUNCTION_WORDS for w in words) / count


def looks_english(text: str, *, threshold: float = MIN_ENGLISH_SHARE) -> bool:
    """True unless the text is long enough to tell and clearly not English."""
    share = english_share(text)
    return share is None or share >= threshold


def not_english_note(layer: str, share: float, why: str) -> str:
    """The note of a layer that leaves a text alone for not looking English: "Claims
    were not scored: only 3% of the words are English function words, so the text does
    not look like English, and <why>."."""
    return (
        f"{layer}: only {share:.0%} of the words are English function words, so the text "
        f"does not look like English, and {why}."
    )


_NOT_ENGLISH_NOTE = re.compile(
    r"(?P<layer>[^:]+): only (?P<share>\d+%) of the words are English function words, so "
    r"the text does not look like English, and (?P<why>.+)\.",
    re.DOTALL,
)


def shown_notes(notes: list[str]) -> list[str]:
    """An analysis's notes as a reader should see them: the layers' notes on a text that
    does not look English (`not_english_note`, one from every layer) as one note where
    the first of them stood, saying once why; the others as they are. The analysis
    keeps one note per layer, for programs that read them."""
    shown: list[str] = []
    found: list[re.Match[str]] = []
    at = 0
    for note in notes:
        match = _NOT_ENGLISH_NOTE.fullmatch(note)
        if match is None:
            shown.append(note)
            continue
        if not found:
            at = len(shown)
        found.append(match)
    if len(found) == 1:
        shown.insert(at, found[0].string)
    elif found:
        layers = " ".join(f"{m['layer']} ({m['why']})." for m in found)
        share = found[0]["share"]
        shown.insert(
            at,
            f"The text does not look like English: only {share} of its words are English "
            f"function words. {layers}",
        )
    return shown
