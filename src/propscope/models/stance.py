"""Headline stance: does the body agree with the headline, disagree, discuss it, or not
concern it at all (the four classes of the Fake News Challenge, FNC-1)?

The model is small and readable: term-frequency vectors of the headline and the body
over a fixed vocabulary, plus nine features a reader would look at (how similar the
headline is to the body and to its closest sentences, how many of its words the body
repeats, how often the body refutes or hedges), fed to a one-layer perceptron. Training
(`propscope.training.stance`) uses these same features, so the runtime and the trained
weights cannot drift apart. Inference needs numpy only.

The similarities are over every word, not the fixed vocabulary: a word the training
news never had ("Trump", "pardon" in FNC-1's 2014-2015 stories) weighs what the rarest
training words weigh (`StanceFeatures.unseen_idf`). Over the vocabulary alone, a
headline of new names shared nothing with its own body, and was "unrelated" at 85-100%
(session 54's review).

Evidence: the body sentences whose removal lowers the verdict's probability most are
the ones the verdict rests on; they are returned with their weight.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from propscope.analysis import STANCES
from propscope.blas import one_thread
from propscope.errors import ModelError

__all__ = [
    "STANCES",
    "StanceFeatures",
    "StanceModel",
    "StanceVerdict",
    "default_stance_path",
    "split_sentences",
]


REFUTING = frozenset(
    "fake fraud hoax false deny denies denied not despite nope doubt doubts bogus debunk "
    "debunked pranks retract retracted refute refuted refutes no never untrue rumor "
    "rumors".split()
)
HEDGING = frozenset(
    "reportedly allegedly claim claims claimed rumor rumors unconfirmed unverified "
    "according purportedly apparently".split()
)
MAX_SENTENCES = 60
# A sentence is evidence when leaving it out lowers the verdict's probability by this
# much: on a verdict of 0.99, drops of 0.001-0.015 are the bag of words shifting, not a
# sentence the verdict rests on (session 54's review).
MIN_EVIDENCE_DROP = 0.02
EXTRA_FEATURES = (
    "cosine",
    "best_sentence_cosine",
    "top3_sentence_cosine",
    "headline_words_in_body",
    "headline_words_in_opening",
    "refuting_per_100_words",
    "hedging_per_100_words",
    "refuting_in_headline",
    "headline_is_question",
)

_WORD = re.compile(r"[a-z0-9]+")
# A sentence ends after ".", "!", "?" or "…" and the quotation marks and brackets that
# close it ("... no comment.\u201d He left."), or at a line break.
_SENTENCE_END = re.compile(r"(?<=[.!?…])(?P<close>[\"'”’)\]]*)\s+|\n\s*\n?")


def default_stance_path() -> Path:
    return Path(__file__).parent / "stance-fnc1"


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """[start, end) character spans of the sentences of text[start:end], trimmed."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    pos = start
    for match in _SENTENCE_END.finditer(text, start, end):
        spans.append((pos, match.start() + len(match["close"] or "")))
        pos = match.end()
    spans.append((pos, end))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
    return out


class StanceFeatures:
    """The features of a (headline, body) pair, over a fixed vocabulary."""

    def __init__(
        self,
        vocabulary: Sequence[str],
        idf: np.ndarray,
        stop_words: Sequence[str],
        *,
        open_idf: Mapping[str, float] | None = None,
        unseen_idf: float = 0.0,
    ):
        """`idf` weighs the vocabulary's words in the similarities; `open_idf` any other
        word's, and `unseen_idf` a word in neither (0: the similarities see the
        vocabulary alone, as models before stance-fnc1 0.2.0 did)."""
        if len(vocabulary) != len(idf):
            raise ModelError(
                f"the stance vocabulary has {len(vocabulary)} words but {len(idf)} idf "
                "weights; the model files do not belong together. Reinstall propscope."
            )
        self.vocabulary = list(vocabulary)
        self.index = {w: i for i, w in enumerate(self.vocabulary)}
        self.idf = np.asarray(idf, dtype=np.float32)
        self.stop_words = frozenset(stop_words)
        self.open_idf = {str(w): float(v) for w, v in (open_idf or {}).items()}
        self.open_idf.update(zip(self.vocabulary, (float(v) for v in self.idf), strict=True))
        self.unseen_idf = float(unseen_idf)

    @property
    def size(self) -> int:
        return 2 * len(self.vocabulary) + len(EXTRA_FEATURES)

    def words(self, text: str) -> list[str]:
        return [w for w in _WORD.findall(text.lower()) if w not in self.stop_words]

    def tf(self, words: Sequence[str]) -> np.ndarray:
        return _normed(self.counts(words))

    def weights(self, counts: Mapping[str, int]) -> dict[str, float]:
        """Term frequency (L2-normed) times idf, over every word: the similarities'
        sparse vector of a headline, a sentence or a body."""
        norm = math.sqrt(math.fsum(c * c for c in counts.values()))
        if not norm:
            return {}
        idf, unseen = self.open_idf, self.unseen_idf
        return {w: c / norm * idf.get(w, unseen) for w, c in counts.items() if c}

    def counts(self, words: Sequence[str]) -> np.ndarray:
        """How often each vocabulary word occurs in `words` (`tf` before its norm)."""
        v = np.zeros(len(self.vocabulary), np.float32)
        for w in words:
            i = self.index.get(w)
            if i is not None:
                v[i] += 1
        return v

    def body(self, sentences: Sequence[str]) -> BodyFeatures:
        """What the features need from a body, computed once for many headlines."""
        sentence_words = [self.words(s) for s in sentences]
        words = [w for ws in sentence_words for w in ws]
        kept = sentence_words[:MAX_SENTENCES]
        return BodyFeatures(
            tf=self.tf(words),
            n_words=len(words),
            word_set=frozenset(words),
            opening=frozenset(w for ws in kept[:3] for w in ws),
            weights=_Sparse(self.weights(Counter(words))),
            sentence_weights=[_Sparse(self.weights(Counter(ws))) for ws in kept],
            refuting=sum(w in REFUTING for w in words),
            hedging=sum(w in HEDGING for w in words),
        )

    def bodies_without_each(self, sentences: Sequence[str], n: int) -> list[BodyFeatures]:
        """`body(sentences without sentence i)` for each i < n, equal to it value for
        value, computed from the whole body's counts less sentence i's: each is a
        subtraction, not a new pass over every word (the evidence of a verdict is
        found by leaving out each sentence in turn)."""
        sentence_words = [self.words(s) for s in sentences]
        # Count vectors only for the sentences left out and those the features keep: a
        # megabyte of text has 12,000 sentences, each vector the vocabulary's size.
        counts = [self.counts(ws) for ws in sentence_words[: max(n, MAX_SENTENCES + 1)]]
        total = self.counts([w for ws in sentence_words for w in ws])
        in_sentences: Counter[str] = Counter(w for ws in sentence_words for w in set(ws))
        every_word: Counter[str] = Counter(w for ws in sentence_words for w in ws)
        sparse: dict[int, _Sparse] = {}

        def sentence_weights(j: int) -> _Sparse:
            if j not in sparse:
                sparse[j] = _Sparse(self.weights(Counter(sentence_words[j])))
            return sparse[j]

        n_words = sum(len(ws) for ws in sentence_words)
        refuting = sum(w in REFUTING for ws in sentence_words for w in ws)
        hedging = sum(w in HEDGING for ws in sentence_words for w in ws)
        out = []
        for i in range(n):
            left_out = set(sentence_words[i])
            others = [j for j in range(len(sentences)) if j != i][:MAX_SENTENCES]
            out.append(
                BodyFeatures(
                    tf=_normed(total - counts[i]),
                    n_words=n_words - len(sentence_words[i]),
                    word_set=frozenset(w for w, c in in_sentences.items() if c > (w in left_out)),
                    opening=frozenset(w for j in others[:3] for w in sentence_words[j]),
                    weights=_Sparse(self.weights(every_word - Counter(sentence_words[i]))),
                    sentence_weights=[sentence_weights(j) for j in others],
                    refuting=refuting - sum(w in REFUTING for w in sentence_words[i]),
                    hedging=hedging - sum(w in HEDGING for w in sentence_words[i]),
                )
            )
        return out

    def pair(self, headline: str, body: BodyFeatures) -> np.ndarray:
        head_words = self.words(headline)
        head_set = set(head_words)
        vh = self.tf(head_words)
        a = _Sparse(self.weights(Counter(head_words)))
        sims = sorted((a.cosine(s) for s in body.sentence_weights), reverse=True)
        n_head = len(head_set) or 1
        n_body = body.n_words or 1
        extra = np.array(
            [
                a.cosine(body.weights),
                sims[0] if sims else 0.0,
                float(np.mean(sims[:3])) if sims else 0.0,
                len(head_set & body.word_set) / n_head,
                len(head_set & body.opening) / n_head,
                body.refuting / n_body * 100,
                body.hedging / n_body * 100,
                sum(w in REFUTING for w in _WORD.findall(headline.lower())),
                float("?" in headline),
            ],
            dtype=np.float32,
        )
        return np.concatenate([vh, body.tf, extra])


def _normed(v: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(v))
    return v / norm if norm else v


class _Sparse:
    """A sparse vector (word -> weight) with its norm. Sums are `math.fsum`, exact
    whatever the order of the words, so a body made without a sentence and one made by
    subtracting it give the same features to the bit."""

    __slots__ = ("norm", "values")

    def __init__(self, values: dict[str, float]) -> None:
        self.values = values
        self.norm = math.sqrt(math.fsum(v * v for v in values.values()))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Sparse) and self.values == other.values

    __hash__ = None  # type: ignore[assignment]

    def cosine(self, other: _Sparse) -> float:
        small, large = sorted((self.values, other.values), key=len)
        dot = math.fsum(v * large[w] for w, v in small.items() if w in large)
        return dot / (self.norm * other.norm + 1e-9)


@dataclass(frozen=True, slots=True)
class BodyFeatures:
    tf: np.ndarray
    n_words: int
    word_set: frozenset[str]
    opening: frozenset[str]
    weights: _Sparse
    sentence_weights: list[_Sparse]
    refuting: int
    hedging: int


@dataclass(frozen=True, slots=True)
class StanceVerdict:
    """The stance of a body towards a headline, with the probability of each class
    and the body sentences (by index) the verdict rests on, with their weights."""

    stance: str
    scores: dict[str, float]
    evidence: list[tuple[int, float]]


class StanceModel:
    """The trained stance classifier: features, then a one-hidden-layer perceptron."""

    def __init__(self, features: StanceFeatures, weights: dict[str, np.ndarray], info: dict):
        self.features = features
        self.w1 = weights["w1"].astype(np.float32)
        self.b1 = weights["b1"].astype(np.float32)
        self.w2 = weights["w2"].astype(np.float32)
        self.b2 = weights["b2"].astype(np.float32)
        self.info = info
        if self.w1.shape[0] != features.size:
            raise ModelError(
                f"the stance model expects {self.w1.shape[0]} features but the vocabulary "
                f"gives {features.size}; the model files do not belong together."
            )

    @classmethod
    def load(cls, path: Path | None = None) -> StanceModel:
        path = path or default_stance_path()
        try:
            config = json.loads((path / "config.json").read_text())
            data = np.load(path / "stance.npz", allow_pickle=False)
            vocabulary = json.loads((path / "vocabulary.json").read_text())
        except FileNotFoundError as exc:
            raise ModelError(
                f"the stance model is missing a file in {path}: {exc.filename}. Reinstall "
                "propscope, or retrain it with `python -m propscope.training.stance`."
            ) from exc
        features = StanceFeatures(
            vocabulary["words"],
            data["idf"],
            vocabulary["stop_words"],
            open_idf=vocabulary.get("open_idf"),
            unseen_idf=float(vocabulary.get("unseen_idf", 0.0)),
        )
        return cls(features, {k: data[k] for k in ("w1", "b1", "w2", "b2")}, config)

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        """Class probabilities for rows of features, in the order of STANCES."""
        with one_thread():  # BLAS threads would take the cores from the other layers
            h = np.maximum(x @ self.w1 + self.b1, 0.0)
            logits = h @ self.w2 + self.b2
        logits -= logits.max(axis=-1, keepdims=True)
        p = np.exp(logits)
        return p / p.sum(axis=-1, keepdims=True)

    def predict(
        self, headline: str, sentences: Sequence[str], *, evidence: int = 3
    ) -> StanceVerdict:
        """The stance of the body (its sentences, in order) towards the headline.

        Evidence: each sentence is left out in turn; those whose absence lowers the
        verdict's probability most are the evidence, strongest first (at most
        `evidence` of them, and only those that lower it by `MIN_EVIDENCE_DROP` or
        more: a verdict the body as a whole makes has none). An unrelated body has no
        evidence: nothing in it bears on the headline.
        """
        sentences = list(sentences)
        body = self.features.body(sentences)
        full = self.probabilities(self.features.pair(headline, body)[None, :])[0]
        k = int(full.argmax())
        stance = STANCES[k]
        weights: list[tuple[int, float]] = []
        if stance != "unrelated" and len(sentences) > 1 and evidence > 0:
            n = min(len(sentences), MAX_SENTENCES)
            rows = [
                self.features.pair(headline, without)
                for without in self.features.bodies_without_each(sentences, n)
            ]
            without = self.probabilities(np.stack(rows))[:, k]
            drops = full[k] - without
            order = np.argsort(-drops, kind="stable")
            weights = [
                (int(i), round(float(drops[i]), 4))
                for i in order[:evidence]
                if drops[i] >= MIN_EVIDENCE_DROP
            ]
        return StanceVerdict(
            stance=stance,
            scores={s: round(float(p), 4) for s, p in zip(STANCES, full, strict=True)},
            evidence=weights,
        )

    def model_info(self) -> dict[str, Any]:
        return {"name": self.info.get("name", "stance-fnc1"), "version": self.info.get("version")}
