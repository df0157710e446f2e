"""PTC articles and labels turned into training windows."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from propscope.encoding import (
    BERT_TOKENS,
    EncodedText,
    SpecialTokens,
    best_window_for_span,
    char_span_to_tokens,
    encode_text,
    plan_windows,
    span_features,
)
from propscope.errors import PropscopeError
from propscope.io.ptc import list_ptc_articles, read_ptc_text, read_si_labels, read_tc_labels
from propscope.techniques import TECHNIQUE_NAMES
from propscope.word_prior import WordPrior

__all__ = [
    "Article",
    "DroppedLabels",
    "TeacherTargets",
    "TrainWindow",
    "TrainingDataError",
    "load_ptc",
    "load_unlabelled",
    "make_windows",
    "merge_spans",
    "onto_pieces",
    "read_ptc",
]

TAG_O, TAG_B, TAG_I = 0, 1, 2
SI_LABELS = "train-task-si.labels"
TC_LABELS = "train-task-flc-tc.labels"


class TrainingDataError(PropscopeError, ValueError):
    """A training folder gives training nothing to learn from."""


@dataclass(slots=True)
class Article:
    id: str
    text: str
    si: list[tuple[int, int]] = field(default_factory=list)
    tc: list[tuple[str, int, int]] = field(default_factory=list)
    # False for an article read only by a teacher (distillation on unlabelled text): its
    # windows carry no gold tags, only the teacher's targets.
    labelled: bool = True


@dataclass(slots=True)
class TrainWindow:
    input_ids: np.ndarray  # (t,) with [CLS], [SEP]
    tags: np.ndarray  # (t,) O/B/I, -100 on special tokens
    spans: list[
        tuple[int, int, int]
    ]  # (start token, end token exclusive, technique index), row positions
    features: list[np.ndarray]
    # (t, 14) multi-hot: the techniques each token is inside; 0 on special tokens.
    techniques: np.ndarray | None = None
    # A teacher's soft targets (distillation): (t, 3) O/B/I probabilities, 0 on special
    # tokens, and a (14,) technique distribution for each of `spans`.
    soft_tags: np.ndarray | None = None
    soft_spans: list[np.ndarray] | None = None
    # (t,) the word prior's shift of each token (`TrainConfig.prior_weight`), 0 on
    # special tokens.
    prior_shift: np.ndarray | None = None


@dataclass(frozen=True, slots=True)
class TeacherTargets:
    """What a teacher says about one article, in its own word pieces."""

    offsets: np.ndarray  # (n, 2) character offsets of the teacher's word pieces
    token_probs: np.ndarray  # (n, 3): O, B, I
    span_probs: np.ndarray  # (len(article.tc), 14), in TECHNIQUE_NAMES order


def onto_pieces(
    offsets: np.ndarray, teacher_offsets: np.ndarray, teacher_probs: np.ndarray
) -> np.ndarray:
    """The teacher's per-piece probabilities carried onto other word pieces of the same
    text: each piece gets the mean over the teacher's pieces it overlaps, or, when it
    overlaps none, the teacher's next piece (the last one at the end)."""
    out = np.zeros((len(offsets), teacher_probs.shape[1]), dtype=np.float32)
    if len(teacher_offsets) == 0:
        out[:, 0] = 1.0
        return out
    j = 0
    for i, (start, end) in enumerate(offsets):
        while j < len(teacher_offsets) and teacher_offsets[j][1] <= start:
            j += 1
        k = j
        while k < len(teacher_offsets) and teacher_offsets[k][0] < end:
            k += 1
        if k > j:
            out[i] = teacher_probs[j:k].mean(axis=0)
        else:
            out[i] = teacher_probs[min(j, len(teacher_offsets) - 1)]
    return out


@dataclass(frozen=True, slots=True)
class DroppedLabels:
    """What `read_ptc` read of a folder's labels and left out."""

    si_rows: int = 0  # rows of the SI labels file
    si_articles: int = 0  # distinct article ids they name
    unknown_rows: int = 0  # SI and TC rows naming an article the folder lacks
    first_unknown: str | None = None
    past_end: int = 0  # SI and TC spans that end past their article's text
    first_past_end: tuple[str, int, int] | None = None

    def warning(self, folder: Path) -> str | None:
        """One line naming what was left out, None when nothing was."""
        parts = []
        if self.unknown_rows:
            parts.append(
                f"{self.unknown_rows} label row(s) name articles not in {folder / 'articles'} "
                f"(first: {self.first_unknown})"
            )
        if self.first_past_end is not None:
            article_id, start, end = self.first_past_end
            parts.append(
                f"{self.past_end} span(s) end past their article's text "
                f"(first: {article_id} {start}-{end})"
            )
        return "; ".join(parts) + "; they are left out" if parts else None


def read_ptc(folder: Path) -> tuple[list[Article], DroppedLabels]:
    """Articles of a PTC training folder (`articles/` plus the two label files), and what
    of the labels was left out: rows naming an article the folder lacks, and spans that
    end past their article's text."""
    articles_dir = folder / "articles"
    si_path = folder / SI_LABELS
    tc_path = folder / TC_LABELS
    for p in (articles_dir, si_path, tc_path):
        if not p.exists():
            raise FileNotFoundError(
                f"{p} is missing: a PTC training folder holds articles/, "
                f"{SI_LABELS} and {TC_LABELS}."
            )
    if not articles_dir.is_dir():
        raise FileNotFoundError(
            f"{articles_dir} is not a folder: a PTC training folder holds its "
            "article<ID>.txt files in articles/."
        )
    texts = {
        article_id: read_ptc_text(path) for article_id, path in list_ptc_articles(articles_dir)
    }
    unknown: list[str] = []
    past_end: list[tuple[str, int, int]] = []

    def kept(article_id: str, start: int, end: int) -> bool:
        if article_id not in texts:
            unknown.append(article_id)
            return False
        if end > len(texts[article_id]):
            past_end.append((article_id, start, end))
            return False
        return True

    si: dict[str, list[tuple[int, int]]] = defaultdict(list)
    si_rows = read_si_labels(si_path)
    for row in si_rows:
        if kept(row.article_id, row.start, row.end):
            si[row.article_id].append((row.start, row.end))
    tc: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    for trow in read_tc_labels(tc_path):
        if kept(trow.article_id, trow.start, trow.end):
            tc[trow.article_id].append((trow.technique, trow.start, trow.end))
    dropped = DroppedLabels(
        si_rows=len(si_rows),
        si_articles=len({row.article_id for row in si_rows}),
        unknown_rows=len(unknown),
        first_unknown=unknown[0] if unknown else None,
        past_end=len(past_end),
        first_past_end=past_end[0] if past_end else None,
    )
    articles = [
        Article(article_id, text, si[article_id], tc[article_id])
        for article_id, text in texts.items()
    ]
    return articles, dropped


def load_ptc(folder: Path) -> list[Article]:
    """Articles of a PTC training folder (`articles/` plus the two label files); label
    rows of articles the folder lacks, and spans past their article's end, are left out
    (`read_ptc` counts them)."""
    return read_ptc(folder)[0]


def load_unlabelled(folder: Path) -> list[Article]:
    """The `article<ID>.txt` files of `folder` (or of its `articles/`), as articles without
    labels, for a teacher to read."""
    articles_dir = folder / "articles" if (folder / "articles").is_dir() else folder
    found = list_ptc_articles(articles_dir) if articles_dir.is_dir() else []
    if not found:
        raise FileNotFoundError(
            f"{folder} holds no article<ID>.txt files: --distill-data needs a folder of "
            "articles (as ../shared/data/news-unlabeled), or one with an articles/ folder."
        )
    return [Article(article_id, read_ptc_text(path), labelled=False) for article_id, path in found]


def merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge overlapping [start, end) spans."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def token_tags(encoded: EncodedText, spans: list[tuple[int, int]]) -> np.ndarray:
    tags = np.zeros(len(encoded), dtype=np.int64)
    for start, end in merge_spans(spans):
        tok = char_span_to_tokens(encoded.offsets, start, end)
        if tok is None:
            continue
        ts, te = tok
        tags[ts] = TAG_B
        tags[ts + 1 : te] = TAG_I
    return tags


def token_techniques(encoded: EncodedText, tc: list[tuple[str, int, int]]) -> np.ndarray:
    """(tokens, 14) multi-hot: which techniques' spans each token is inside."""
    index = {name: i for i, name in enumerate(TECHNIQUE_NAMES)}
    out = np.zeros((len(encoded), len(TECHNIQUE_NAMES)), dtype=np.float32)
    for technique, start, end in tc:
        tok = char_span_to_tokens(encoded.offsets, start, end)
        if tok is not None:
            out[tok[0] : tok[1], index[technique]] = 1.0
    return out


def make_windows(
    article: Article,
    tokenizer: object,
    *,
    max_tokens: int,
    stride: int,
    special: SpecialTokens = BERT_TOKENS,
    teacher: TeacherTargets | None = None,
    prior: WordPrior | None = None,
) -> list[TrainWindow]:
    """An article's training windows; with `teacher`, each also carries the teacher's
    soft targets for its tokens and spans, and with `prior` its tokens' shifts."""
    encoded = encode_text(tokenizer, article.text)
    if len(encoded) == 0:
        return []
    tags = token_tags(encoded, article.si)
    if not article.labelled:
        tags[:] = -100  # no gold: only the teacher's targets train on it
    soft = (
        onto_pieces(encoded.offsets, teacher.offsets, teacher.token_probs)
        if teacher is not None
        else None
    )
    techniques = token_techniques(encoded, article.tc)
    shifts = prior.token_shifts(article.text, encoded.offsets) if prior is not None else None
    windows = plan_windows(len(encoded), max_tokens=max_tokens, stride=stride)
    lowered = article.text.lower()
    span_rows: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    span_feats: dict[int, list[np.ndarray]] = defaultdict(list)
    span_soft: dict[int, list[np.ndarray]] = defaultdict(list)
    technique_index = {name: i for i, name in enumerate(TECHNIQUE_NAMES)}
    for n, (technique, start, end) in enumerate(article.tc):
        tok = char_span_to_tokens(encoded.offsets, start, end)
        if tok is None:
            continue
        w, ts, te = best_window_for_span(windows, *tok)
        ws = windows[w][0]
        # +1: row position 0 is [CLS]
        span_rows[w].append((ts - ws + 1, te - ws + 1, technique_index[technique]))
        span_feats[w].append(span_features(article.text, start, end, lowered_text=lowered))
        if teacher is not None:
            span_soft[w].append(teacher.span_probs[n])
    out = []
    for w, (ws, we) in enumerate(windows):
        ids = np.concatenate([[special.cls], encoded.ids[ws:we], [special.sep]]).astype(np.int64)
        row_tags = np.concatenate([[-100], tags[ws:we], [-100]]).astype(np.int64)
        edge = np.zeros((1, techniques.shape[1]), dtype=np.float32)
        row_techniques = np.concatenate([edge, techniques[ws:we], edge])
        window = TrainWindow(ids, row_tags, span_rows[w], span_feats[w], row_techniques)
        if soft is not None:
            edge3 = np.zeros((1, 3), dtype=np.float32)
            window.soft_tags = np.concatenate([edge3, soft[ws:we], edge3])
            window.soft_spans = span_soft[w]
        if shifts is not None:
            window.prior_shift = np.concatenate([[0.0], shifts[ws:we], [0.0]]).astype(np.float32)
        out.append(window)
    return out
