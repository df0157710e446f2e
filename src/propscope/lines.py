"""Lines of an article that are not prose: headings and table rows in capitals, and
tables flattened into one line of figures.

The entity recogniser reads names into both ("Prefer Clinton", "Bottom Line Analysis",
"Trump +10 Employment" of "The economy 92 53 43 Trump +10 Employment and jobs 89 52
45"), so the rules that find people and organisations treat a name met only there with
suspicion (`propscope.components.actors`, `propscope.components.pronoun_sources`).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Container

__all__ = [
    "LineTest",
    "capitalised",
    "capitalised_lines",
    "glued",
    "stripped",
    "tabular",
    "tabular_lines",
]

# Lower-case words a heading in capitals keeps: "Top Five Election Issues of 2016",
# "Trump Leads on Higher-Profile Issues, but by Slimmer Margins".
_HEADING_SMALL_WORDS = frozenset(
    """
    a an the of and or nor but yet so in on at to for by with from as via per into onto
    upon vs vs. de la van von der
    """.split()
)
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
# A table cell's figure: "92", "+10", "-3.5", "45%", "1,200"; not "12," or "(+10)".
_FIGURE = re.compile(r"[+\-−±]?\d+(?:[.,]\d+)*%?")
# "(11:41 a.m.)", "(6 a.m.)", "(Updated 3:15 p.m. ET)" at the end of a line.
_TIME_STAMP = re.compile(
    r"\s*\((?:updated:?\s+)?\d{1,2}(?:[:.]\d{2})?\s*[ap]\.?\s?m\.?(?:\s+[A-Z]{2,4})?\)$",
    re.IGNORECASE,
)
_RUN = 3  # figures in a row that make a run
_RUNS = 2  # runs that make a flattened table


def stripped(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) of `text` without the whitespace at either end."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def glued(text: str, i: int, marks: Container[str]) -> bool:
    """Whether text[i] is one of `marks` between two letters or digits: the hyphen of
    "co-author", the apostrophe of "Iran’s", which hold one word together."""
    return (
        0 < i < len(text) - 1
        and text[i] in marks
        and text[i - 1].isalnum()
        and text[i + 1].isalnum()
    )


def capitalised(line: str) -> bool:
    """A heading or a table row in capitals: no sentence end, every word capitalised but
    a few small ones, two or more words of four letters or more ("Prefer Clinton 45
    50", "Bottom Line Analysis"); not "Angela Merkel met Xi Jinping in Berlin.". A live
    blog's time in brackets after a heading is no part of it ("House Asks Court to
    Enforce McGahn Subpoena (11:41 a.m.)")."""
    line = _TIME_STAMP.sub("", line.strip())
    if not line or line[-1] in ".!?”\"'’":
        return False
    words = _WORD.findall(line)
    if sum(len(w) >= 4 for w in words) < 2:
        return False
    return all(w[:1].isupper() or w.lower() in _HEADING_SMALL_WORDS for w in words)


def tabular(piece: str) -> bool:
    """A table flattened into text: two or more runs of three bare figures in a row
    ("The economy 92 53 43 Trump +10 Employment and jobs 89 52 45 Trump +7"). Prose
    writes its figures apart ("between 1,200 and 12,000", "53%, 52% and 50%", "scores
    of 12, 15 and 22"), and a number grouped by spaces ("3 500 000") or a telephone
    number ("0800 555 123") is one figure, so prose has no such runs. `tabular_lines`
    judges each sentence of a line apart: a paragraph that mentions a few figures is
    not a table for one sentence that is."""
    runs = length = 0
    for token in _SPACED_NUMBER.sub(_joined, piece).split():
        if _FIGURE.fullmatch(token):
            length += 1
            if length % _RUN == 0:  # six in a row are two runs
                runs += 1
                if runs == _RUNS:
                    return True
        else:
            length = 0
    return False


# "3 500 000", "0800 555 123": groups of three digits after a number, read as one.
_SPACED_NUMBER = re.compile(r"(?<![\d,.])\d+(?: \d{3})+(?![\d,.%])")
# Where a line's sentences part: after . ! or ? and a space, before a capital or a quote.
_SENTENCE_END = re.compile(r"(?<=[.!?])[ \t]+(?=[A-Z“\"‘'(])")


def _joined(match: re.Match[str]) -> str:
    return match.group().replace(" ", "")


class LineTest:
    """Whether the line that holds a position of `text` passes `test`, each line judged
    once (a 268 KB line must not be judged for every name on it). With `split`, each
    piece of a line between the regular expression's matches is judged apart."""

    def __init__(
        self, text: str, test: Callable[[str], bool], *, split: re.Pattern[str] | None = None
    ) -> None:
        self.text = text
        self.test = test
        self.split = split
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self._seen: dict[int, tuple[list[int], list[bool]]] = {}

    def __call__(self, pos: int) -> bool:
        line = bisect.bisect_right(self.starts, pos) - 1
        if line not in self._seen:
            start = self.starts[line]
            end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)
            cuts = [start]
            if self.split is not None:
                cuts += [m.end() for m in self.split.finditer(self.text, start, end)]
            bounds = [*cuts, end]
            self._seen[line] = (
                cuts,
                [self.test(self.text[a:b]) for a, b in itertools.pairwise(bounds)],
            )
        cuts, judged = self._seen[line]
        return judged[bisect.bisect_right(cuts, pos) - 1]


def capitalised_lines(text: str) -> LineTest:
    """Whether a position lies in a heading or a table row in capitals (`capitalised`)."""
    return LineTest(text, capitalised)


def tabular_lines(text: str) -> LineTest:
    """Whether a position lies in a table flattened into text (`tabular`), judged
    sentence by sentence within each line."""
    return LineTest(text, tabular, split=_SENTENCE_END)
