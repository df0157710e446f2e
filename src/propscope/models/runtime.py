"""Running the shipped technique model: onnxruntime, tokenizers and numpy only.

A model folder holds:
- `encoder.onnx`: the fine-tuned encoder (int8), windows -> hidden states and the span
  tagger's O/B/I probabilities;
- `span_head.npz`: the technique classifier over span vectors (a two-layer network);
- `tokenizer.json`, `config.json` (labels, window sizes, thresholds) and `MODEL_CARD.md`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from propscope.blas import one_thread
from propscope.encoding import (
    EncodedText,
    Window,
    best_window_for_span,
    build_rows,
    char_span_to_tokens,
    encode_text,
    placed_window,
    plan_windows,
    span_features,
    special_tokens,
    token_owner,
)
from propscope.errors import ModelError
from propscope.models.sessions import open_session
from propscope.stacking import TechniqueStacker, stack_features
from propscope.technique_lexicon import LEXICON_FILE, TechniqueLexicon
from propscope.word_prior import WORD_PRIOR_FILE, WordPrior

__all__ = [
    "DEFAULT_MODEL_DIR",
    "MODEL_FILES",
    "DocumentScores",
    "TechniqueModelRuntime",
    "shift_probabilities",
    "technique_offsets",
]

DEFAULT_MODEL_DIR = Path(__file__).parent / "techniques-minilm"
MODEL_FILES = ("encoder.onnx", "span_head.npz", "tokenizer.json", "config.json")


@dataclass(slots=True)
class DocumentScores:
    """What the model computed for one text, before any decision is taken."""

    encoded: EncodedText
    windows: list[tuple[int, int]]
    hidden: np.ndarray  # (windows, t, h) float32
    token_probs: np.ndarray  # (n tokens, 3): O, B, I


def _erf(x: np.ndarray) -> np.ndarray:
    # Abramowitz and Stegun 7.1.26 (error < 1.5e-7): numpy has no erf, and the
    # classifier was trained with the exact GELU.
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (
        0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))
    )
    return sign * (1.0 - poly * np.exp(-a * a))


def _gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + _erf(x / math.sqrt(2.0)))


def _softmax(x: np.ndarray) -> np.ndarray:
    x = x - x.max(axis=-1, keepdims=True)
    e = np.exp(x)
    return e / e.sum(axis=-1, keepdims=True)


def shift_probabilities(probs: np.ndarray, offsets: np.ndarray | None) -> np.ndarray:
    """Technique probabilities with `offsets` added to their logarithms, renormalised:
    what the classifier gives once `technique_offsets` correct its priors."""
    if offsets is None or len(probs) == 0:
        return probs
    return _softmax(np.log(np.clip(probs, 1e-12, 1.0)) + offsets).astype(probs.dtype)


def technique_offsets(config: dict[str, Any], labels: list[str]) -> np.ndarray | None:
    """The `technique_offsets` of a model's config.json (one per label), or None."""
    values = config.get("technique_offsets")
    if values is None:
        return None
    if len(values) != len(labels):
        raise ModelError(
            f"the model's technique_offsets has {len(values)} values for {len(labels)} "
            "labels: re-run `propscope calibrate` for this model"
        )
    return np.asarray(values, dtype=np.float32)


def _views(value: object, path: Path) -> tuple[float, ...]:
    """The `given_spans.views` of a model's config: shares of a window's width, 0 to 1."""
    try:
        views = tuple(float(v) for v in value)  # type: ignore[attr-defined]
    except (TypeError, ValueError):
        views = (-1.0,)
    if any(not 0.0 <= v <= 1.0 for v in views):
        raise ModelError(
            f"{path / 'config.json'}: given_spans.views must be a list of numbers from 0 "
            f"to 1, not {value!r}: re-run `propscope calibrate` for this model."
        )
    return views


# The most windows of one article the encoder reads in one batch (an article's windows
# never share a batch with another article's: `TechniqueModelRuntime.score_texts`).
BATCH_ROWS = 16


class TechniqueModelRuntime:
    def __init__(
        self,
        path: str | Path | None = None,
        *,
        threads: int | None = None,
        window: Window | None = None,
    ) -> None:
        """Load the model folder at `path` (default: the shipped model). `window`
        overrides the windows its config.json reads articles with."""
        self.path = Path(path) if path is not None else DEFAULT_MODEL_DIR
        if not self.path.is_dir():
            raise ModelError(
                f"There is no model folder at {self.path} (it "
                f"{'is a file' if self.path.exists() else 'does not exist'}). Point --model "
                "at a folder that `propscope train` or `propscope export` wrote."
            )
        missing = [name for name in MODEL_FILES if not (self.path / name).is_file()]
        if missing:
            shipped = self.path.resolve() == DEFAULT_MODEL_DIR.resolve()
            fix = (
                "Reinstall propscope (the model ships inside the package)."
                if shipped
                else "Point --model at a whole model folder (`propscope train` or `propscope "
                "export` writes one), or export this one again."
            )
            raise ModelError(
                f"The technique model at {self.path} is missing {', '.join(missing)}. {fix}"
            )
        try:
            from tokenizers import Tokenizer
        except ImportError as exc:  # pragma: no cover - a hard dependency
            raise ModelError(f"propscope's runtime dependencies are missing: {exc}") from exc
        try:
            self.config: dict[str, Any] = json.loads((self.path / "config.json").read_text())
        except ValueError as exc:
            raise ModelError(
                f"{self.path / 'config.json'} is not valid JSON ({exc}): write the model "
                "folder again (`propscope export`)."
            ) from None
        self.labels: list[str] = list(self.config["labels"])
        # Added to the classifier's logits: per-technique priors fitted on held-out
        # articles (`propscope calibrate`); None when the model has none.
        self.technique_offsets = technique_offsets(self.config, self.labels)
        # For spans the caller gives (the shared task's TC) rather than the tagger finds:
        # the surface features' say on the technique, then offsets fitted after it.
        given = self.config.get("given_spans") or {}
        try:
            self.given_stacker = TechniqueStacker.from_config({"labels": self.labels, **given})
        except ValueError as exc:
            raise ModelError(str(exc)) from exc
        self.given_offsets = technique_offsets(given, self.labels)
        # Where a given span is read again: windows that put its middle at these shares
        # of their width; the classifier's logits over every reading are averaged.
        self.given_views = _views(given.get("views", ()), self.path)
        # What a given span's own words say of its technique, when the stacker weighs it.
        self.given_lexicon: TechniqueLexicon | None = None
        if self.given_stacker is not None and self.given_stacker.lexicon_weight:
            lexicon = self.path / LEXICON_FILE
            try:
                self.given_lexicon = TechniqueLexicon.load(lexicon, labels=len(self.labels))
            except (ValueError, KeyError, OSError) as exc:
                raise ModelError(
                    f"{lexicon} cannot be read ({exc}); the model's technique stacker needs "
                    "it: re-run `propscope calibrate` for this model."
                ) from exc
        if window is None:
            try:
                window = Window.from_config(self.config)
            except ValueError as exc:
                raise ModelError(f"{self.path / 'config.json'}: {exc}") from exc
        self.window = window
        # The windows a given span is read again in start on a grid of a quarter stride
        # (28 word pieces for 126 every 112): its middle lands within 14 of where it is
        # asked, and spans close together share windows.
        self.view_grid = max(1, window.stride // 4)
        self.tokenizer = Tokenizer.from_file(str(self.path / "tokenizer.json"))
        self.tokenizer.no_truncation()
        self.tokenizer.no_padding()
        try:
            self.special = special_tokens(self.tokenizer)
        except ValueError as exc:
            raise ModelError(f"{self.path / 'tokenizer.json'}: {exc}") from exc
        self.session = self._open_session(threads)
        # What the words themselves say about spans (`propscope word-prior`); None when
        # the model folder has no word_prior.npz.
        prior = self.path / WORD_PRIOR_FILE
        try:
            self.word_prior = WordPrior.load(prior) if prior.is_file() else None
        except (ValueError, KeyError, OSError) as exc:
            raise ModelError(f"{prior} cannot be read ({exc}); write it again.") from exc
        head = np.load(self.path / "span_head.npz")
        self.w1, self.b1 = head["w1"], head["b1"]
        self.w2, self.b2 = head["w2"], head["b2"]

    def _open_session(self, threads: int | None) -> Any:
        return open_session(self.path / "encoder.onnx", threads)

    def info(self) -> dict[str, Any]:
        return {
            "name": self.config.get("name", self.path.name),
            "version": self.config.get("version", "unknown"),
        }

    # -- the encoder ------------------------------------------------------------------

    def score_texts(
        self, texts: Sequence[str], *, batch_rows: int = BATCH_ROWS
    ) -> list[DocumentScores]:
        """Run the encoder over every window of every text.

        A text's windows are batched together, at most `batch_rows` at a time, and never
        with another text's: the int8 encoder quantizes its activations with one scale
        per batch, so a window read beside other texts' windows would come out
        differently (a token's probability moved by up to 0.24; bench/bench_batch_effect.py).
        A text therefore reads the same alone, in any batch of texts and in any order."""
        out = []
        for text in texts:
            encoded = encode_text(self.tokenizer, text)
            plan = plan_windows(
                len(encoded),
                max_tokens=self.window.tokens,
                stride=self.window.stride,
                align_last=False,
            )
            hidden: list[np.ndarray] = []
            probs: list[np.ndarray] = []
            for b in range(0, len(plan), batch_rows):
                h, p = self._run_rows([(encoded, ws, we) for ws, we in plan[b : b + batch_rows]])
                hidden.extend(h)
                probs.extend(p)
            scores = self._assemble(encoded, plan, hidden, probs)
            if self.word_prior is not None:
                scores.token_probs = self.word_prior.apply(
                    text, encoded.offsets, scores.token_probs
                )
            out.append(scores)
        return out

    def _run_rows(self, parts: list[tuple[EncodedText, int, int]]) -> tuple[np.ndarray, np.ndarray]:
        ids, mask = build_rows(parts, self.special)
        return self._infer(ids, mask)

    def _infer(self, ids: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Hidden states and O/B/I probabilities for a padded batch of rows."""
        hidden, probs = self.session.run(None, {"input_ids": ids, "attention_mask": mask})
        return hidden, probs

    def _assemble(
        self,
        encoded: EncodedText,
        plan: list[tuple[int, int]],
        hidden: list[np.ndarray],
        probs: list[np.ndarray],
    ) -> DocumentScores:
        n = len(encoded)
        width = max(h.shape[0] for h in hidden)
        stacked = np.zeros((len(plan), width, hidden[0].shape[-1]), dtype=np.float32)
        for k, h in enumerate(hidden):
            stacked[k, : h.shape[0]] = h
        token_probs = np.zeros((n, 3), dtype=np.float32)
        if n:
            owner = token_owner(plan, n)
            for k, (ws, _we) in enumerate(plan):
                idx = np.nonzero(owner == k)[0]
                if idx.size:
                    token_probs[idx] = probs[k][idx - ws + 1]
        return DocumentScores(encoded, plan, stacked, token_probs)

    # -- the technique classifier ---------------------------------------------------

    def classify_spans(
        self,
        text: str,
        scores: DocumentScores,
        spans: Sequence[tuple[int, int]],
        *,
        given: bool = False,
        views: Sequence[float] | None = None,
    ) -> np.ndarray:
        """Technique probabilities (n spans, 14) for character spans of `text`.

        `given`: the spans come from the caller (annotated phrases, the shared task's
        TC), not from the tagger, and get the model's adjustments for such spans.
        `views`: where each span is read again besides the window the article was read
        in (the shares of a window's width at which its middle sits); by default the
        model's `given_spans.views` for given spans and none for the tagger's.
        """
        out = np.zeros((len(spans), len(self.labels)), dtype=np.float32)
        if not spans:
            return out
        if views is None:
            views = self.given_views if given else ()
        lowered = text.lower()
        encoded = scores.encoded
        width, grid = self.window.tokens, self.view_grid
        # Every window read for this text, by its token range: first the article's own.
        read: dict[tuple[int, int], np.ndarray] = {
            (ws, we): scores.hidden[k] for k, (ws, we) in enumerate(scores.windows)
        }
        placed: list[list[tuple[int, int]]] = []  # per valid span, one window per reading
        tokens: list[tuple[int, int]] = []
        valid = []
        for i, (start, end) in enumerate(spans):
            tok = char_span_to_tokens(encoded.offsets, start, end)
            if tok is None:
                continue
            w, _, _ = best_window_for_span(scores.windows, *tok)
            windows = [scores.windows[w]]
            windows += [
                placed_window(len(encoded), *tok, width=width, at=at, grid=grid) for at in views
            ]
            placed.append(windows)
            tokens.append(tok)
            valid.append(i)
        # Each extra window is read on its own, so that a span's reading does not depend
        # on which other spans were asked about with it (see `score_texts`).
        for win in sorted({win for windows in placed for win in windows if win not in read}):
            hidden, _ = self._run_rows([(encoded, *win)])
            read[win] = hidden[0]
        if valid:
            n_views = 1 + len(views)
            vectors = []
            for (ts, te), i, windows in zip(tokens, valid, placed, strict=True):
                feats = span_features(text, *spans[i], lowered_text=lowered)
                for ws, we in windows:
                    cs, ce = max(ts, ws), min(te, we)
                    h = read[(ws, we)][cs - ws + 1 : ce - ws + 1]
                    vectors.append(np.concatenate([h[0], h[-1], h.mean(axis=0), feats]))
            x = np.stack(vectors).astype(np.float32)
            with one_thread():  # BLAS threads would take the cores from the encoder
                logits = _gelu(x @ self.w1 + self.b1) @ self.w2 + self.b2
            logits = logits.reshape(len(valid), n_views, -1).mean(axis=1)
            offsets = self.technique_offsets
            if given and self.given_stacker is not None:
                chosen = [spans[i] for i in valid]
                surface = [stack_features(text, *span, lowered_text=lowered) for span in chosen]
                lexical = None
                if self.given_lexicon is not None:
                    lexical = self.given_lexicon.log_probs(text, chosen)
                logits = logits + self.given_stacker.shift(np.asarray(surface), lexical)
                offsets = self.given_offsets
            if offsets is not None:
                logits = logits + offsets
            out[valid] = _softmax(logits)
        # A span with no tokens (only whitespace) gets the prior: uniform.
        empty = sorted(set(range(len(spans))) - set(valid))
        if empty:
            out[empty] = 1.0 / len(self.labels)
        return out
