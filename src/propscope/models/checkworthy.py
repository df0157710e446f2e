"""Check-worthiness: how much a sentence deserves a fact-checker's time.

The model is a logistic regression over tf-idf vectors of word unigrams and bigrams,
trained on the CLEF-2019 CheckThat! debates and ClaimBuster (`propscope.training.
checkworthy`; the card in `models/checkworthy-clef/` has the data, command and figures).
The runtime rebuilds scikit-learn's `TfidfVectorizer` exactly (lower case, tokens of two
or more word characters, sublinear term frequency, idf, l2 norm), so inference needs
numpy only, and a test checks the two agree.

Its scores rank the sentences of one article (the check-worthy first); they are the
model's probability under balanced classes, not the chance that a sentence is false.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from propscope.errors import ModelError

__all__ = [
    "QUESTIONER_SHARE",
    "QUESTIONER_WEIGHT",
    "QUESTION_WEIGHT",
    "CheckworthyModel",
    "default_checkworthy_path",
    "ngrams",
    "questioners",
    "questions",
]

# scikit-learn's default token pattern.
_TOKEN = re.compile(r"(?u)\b\w\w+\b")


# In a transcript, a speaker who ends this share of their sentences or more with a
# question mark is interviewing the others (a moderator, an interviewer, a reporter at a
# press conference): what they say sets up a claim rather than makes one. Chosen by
# cross-validation over the training debates (0.10-0.12 tie, best), where every candidate
# asks at most 0.08 of their sentences and every moderator 0.14 or more.
QUESTIONER_SHARE = 0.12
# An interviewer's sentence keeps this share of its score: below the answers, still in
# the list (cross-validation: 0 to 0.5 tie).
QUESTIONER_WEIGHT = 0.25
# A share needs this many sentences of the speaker's to count.
QUESTIONER_MIN_SENTENCES = 3
# A question keeps this share of its score, whoever asks it: it asserts nothing itself,
# and a rhetorical one ("Is it the equivalent of liquor shopping ...?") read like a claim
# at the top of an opinion piece's list. On the CLEF-2019 debates, on top of the
# interviewer rule: cross-validated MAP 0.2468 -> 0.2468, test 0.1749 -> 0.1759 (1, 0.5,
# 0.25 and 0 tie within 0.0004 on both; 0.5 keeps a question in the list).
# A statement ending on a quoted question is none (session 53): CV 0.2467, test 0.1758.
QUESTION_WEIGHT = 0.5
_CLOSERS = " \t\"'”’)]»"


def questioners(speakers: Sequence[str | None], sentences: Sequence[str]) -> np.ndarray:
    """Which sentences an interviewer speaks: for each sentence, its speaker's name in a
    transcript (None where no speaker's turn holds it) and its text. A speaker is an
    interviewer when at least `QUESTIONER_MIN_SENTENCES` of their sentences are known
    and `QUESTIONER_SHARE` of them or more end with a question mark, and another speaker
    of the same text asks less: a round table where everyone asks is left as it is."""
    if len(speakers) != len(sentences):
        raise ValueError(f"{len(speakers)} speakers for {len(sentences)} sentences")
    asked: Counter[str] = Counter()
    said: Counter[str] = Counter()
    for speaker, sentence in zip(speakers, sentences, strict=True):
        if speaker is not None:
            said[speaker] += 1
            asked[speaker] += sentence.rstrip(_CLOSERS).endswith("?")
    share = {name: asked[name] / n for name, n in said.items()}
    asking = {
        name
        for name, n in said.items()
        if n >= QUESTIONER_MIN_SENTENCES and share[name] >= QUESTIONER_SHARE
    }
    if not asking or all(share[name] >= QUESTIONER_SHARE for name in said):
        return np.zeros(len(sentences), dtype=bool)
    return np.array([speaker in asking for speaker in speakers], dtype=bool)


def questions(sentences: Sequence[str]) -> np.ndarray:
    """Which sentences end with a question mark (closing quotes and brackets after it
    allowed): "Is it the equivalent ...?" is one, "“Why?” she asked." is not, and
    neither is a statement that ends on a question quoted or bracketed inside it ("The
    judge asked: “Do you understand?”", "sold 400 jobs (or was it 500?)")."""
    return np.array([_a_question(s) for s in sentences], dtype=bool)


_OPENERS = frozenset('"“‘([«')
_PAIRS = {"”": "“", "’": "‘", ")": "(", "]": "[", "»": "«"}


def _unclosed(text: str) -> int:
    """Where the last quotation or bracket `text` opens and does not close starts; -1
    where every one closes (a sentence inside a quotation opened before it)."""
    stack: list[tuple[str, int]] = []
    for k, c in enumerate(text):
        if c == '"':
            if stack and stack[-1][0] == '"':
                stack.pop()
            else:
                stack.append((c, k))
        elif c in _OPENERS:
            stack.append((c, k))
        elif c in _PAIRS and stack and stack[-1][0] == _PAIRS[c]:
            if c == "’" and text[k + 1 : k + 2].isalpha():
                continue  # "don’t": an apostrophe
            stack.pop()
    return stack[-1][1] if stack else -1


def _a_question(sentence: str) -> bool:
    core = sentence.rstrip(_CLOSERS)
    if not core.endswith("?"):
        return False
    if not sentence[len(core) :].strip(" \t"):
        return True  # "Is it ...?" with nothing after its mark
    # Closed by a quotation mark or a bracket: the sentence's own question where the
    # sentence opens the quotation ("“Is it true?”", "(Why not?)") or a sentence before
    # it did ("Why?”"), not where it opens after the sentence's first words.
    opened = _unclosed(core)
    if opened <= len(core) - len(core.lstrip()):
        return True
    # "What might be this “generous response?”", "And why “now?”": a question that quotes
    # its last words.
    words = [w.lower().replace("’", "'") for w in _WORD.findall(core[: opened + 1])]
    while words and (words[0] in _LEAD_INS or words[:2] == ["i", "mean"]):
        words = words[2:] if words[0] == "i" else words[1:]
    return bool(words) and (
        words[0] in _QUESTION_OPENERS
        or (words[0].endswith("'s") and words[0][:-2] in _QUESTION_OPENERS)  # "What’s"
    )


_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
# Words a question may open with before its own first word: "And why ...?", "But is ...?",
# "Really, who’s ...?", "I mean, is that ...?".
_LEAD_INS = frozenset("and but so then or really well now yet oh".split())


_QUESTION_OPENERS = frozenset(
    "what who whom whose which why how when where is are was were do does did can could "
    "will would should shall may might must has have had isn't aren't wasn't weren't "
    "don't doesn't didn't can't couldn't won't wouldn't shouldn't hasn't haven't".split()
)


def default_checkworthy_path() -> Path:
    return Path(__file__).parent / "checkworthy-clef"


def ngrams(text: str, n_max: int = 2) -> list[str]:
    """The word n-grams (1 to `n_max`) of `text` as scikit-learn's `TfidfVectorizer`
    makes them: lower case, tokens of two or more word characters, joined by a space."""
    tokens = _TOKEN.findall(text.lower())
    out = list(tokens)
    for n in range(2, n_max + 1):
        out += [" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]
    return out


class CheckworthyModel:
    """tf-idf features, then a linear score squashed to [0, 1]."""

    def __init__(
        self,
        vocabulary: Sequence[str],
        idf: np.ndarray,
        coef: np.ndarray,
        intercept: float,
        *,
        n_max: int = 2,
        info: dict[str, Any] | None = None,
    ) -> None:
        if not len(vocabulary) == len(idf) == len(coef):
            raise ModelError(
                f"the check-worthiness model has {len(vocabulary)} terms, {len(idf)} idf "
                f"weights and {len(coef)} coefficients; the files do not belong together. "
                "Reinstall propscope, or retrain with `python -m propscope.training.checkworthy`."
            )
        self.index = {term: i for i, term in enumerate(vocabulary)}
        self.idf = np.asarray(idf, dtype=np.float64)
        self.coef = np.asarray(coef, dtype=np.float64)
        self.intercept = float(intercept)
        self.n_max = n_max
        self.info = dict(info or {})

    @classmethod
    def load(cls, path: Path | None = None) -> CheckworthyModel:
        path = path or default_checkworthy_path()
        try:
            config = json.loads((path / "config.json").read_text(encoding="utf-8"))
            vocabulary = json.loads((path / "vocabulary.json").read_text(encoding="utf-8"))
            with np.load(path / "checkworthy.npz", allow_pickle=False) as data:
                idf, coef, intercept = data["idf"], data["coef"], float(data["intercept"])
        except FileNotFoundError as exc:
            raise ModelError(
                f"the check-worthiness model is missing a file in {path}: {exc.filename}. "
                "Reinstall propscope, or retrain it with "
                "`python -m propscope.training.checkworthy`."
            ) from exc
        return cls(vocabulary, idf, coef, intercept, n_max=int(config["n_max"]), info=config)

    def decision(self, sentences: Sequence[str]) -> np.ndarray:
        """The linear score of each sentence (what scikit-learn's `decision_function`
        gives for the same model)."""
        out = np.full(len(sentences), self.intercept)
        for row, sentence in enumerate(sentences):
            counts = Counter(
                i for i in map(self.index.get, ngrams(sentence, self.n_max)) if i is not None
            )
            if not counts:
                continue
            columns = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
            tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
            weights = (1.0 + np.log(tf)) * self.idf[columns]
            weights /= np.linalg.norm(weights)
            out[row] += float(weights @ self.coef[columns])
        return out

    def scores(self, sentences: Sequence[str]) -> np.ndarray:
        """Check-worthiness of each sentence, in [0, 1]."""
        return 1.0 / (1.0 + np.exp(-self.decision(sentences)))

    def model_info(self) -> dict[str, Any]:
        return {
            "name": self.info.get("name", "checkworthy-clef"),
            "version": self.info.get("version"),
        }
