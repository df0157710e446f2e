"""Predictions in the formats of SemEval-2020 Task 11 (span identification, technique
classification), from the technique component."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence

import numpy as np

from propscope.components.techniques import TechniqueTagger
from propscope.encoding import Decoding, decode_spans
from propscope.errors import ScoringFormatError
from propscope.io.ptc import SiRow, TcRow
from propscope.models.runtime import DocumentScores

__all__ = ["predict_si", "predict_tc", "si_rows_from_scores", "tc_rows_from_probs"]

Progress = Callable[[int], None]


def si_rows_from_scores(
    article_id: str, text: str, scores: DocumentScores, *, decoding: Decoding
) -> list[SiRow]:
    spans = decode_spans(
        scores.encoded.offsets,
        scores.token_probs,
        text,
        threshold=decoding.threshold,
        smooth=decoding.smooth,
        merge_gap=decoding.merge_gap,
        seed=decoding.seed,
    )
    return [SiRow(article_id, start, end) for start, end, _ in spans]


def predict_si(
    tagger: TechniqueTagger,
    articles: Iterable[tuple[str, str]],
    *,
    threshold: float | None = None,
    batch_size: int = 8,
    progress: Progress | None = None,
) -> list[SiRow]:
    """SI rows for (id, text) articles, in article order."""
    decoding = tagger.decoding
    if threshold is not None:
        decoding = dataclasses.replace(decoding, threshold=threshold)
    rows: list[SiRow] = []
    for batch in _batches(articles, batch_size):
        for (article_id, text), scores in zip(
            batch, tagger.scores([t for _, t in batch]), strict=True
        ):
            rows.extend(si_rows_from_scores(article_id, text, scores, decoding=decoding))
        if progress:
            progress(len(batch))
    return rows


def tc_rows_from_probs(
    template: Sequence[TcRow], probs: np.ndarray, labels: Sequence[str]
) -> list[TcRow]:
    """Name the technique of each template row.

    A span listed twice in the template carries two techniques in the gold, so its
    copies get the most likely, then the second most likely technique, and so on.
    """
    seen: dict[tuple[str, int, int], int] = defaultdict(int)
    out = []
    for row, p in zip(template, probs, strict=True):
        key = (row.article_id, row.start, row.end)
        rank = seen[key]
        seen[key] += 1
        k = int(np.argsort(-p)[min(rank, len(labels) - 1)])
        out.append(TcRow(row.article_id, labels[k], row.start, row.end))
    return out


def predict_tc(
    tagger: TechniqueTagger,
    texts: Mapping[str, str],
    template: Sequence[TcRow],
    *,
    batch_size: int = 8,
    progress: Progress | None = None,
) -> list[TcRow]:
    """The template's rows, in its order, each with the predicted technique."""
    missing = sorted({row.article_id for row in template} - set(texts))
    if missing:
        raise ScoringFormatError(
            f"The template names {len(missing)} article(s) not in the articles folder "
            f"(first: {missing[:3]}). Point ARTICLES_DIR at the folder that holds "
            "article<ID>.txt for every id in the template."
        )
    outside = [row for row in template if row.end > len(texts[row.article_id])]
    if outside:
        row = outside[0]
        raise ScoringFormatError(
            f"The template has {len(outside)} span(s) that end past their article's text "
            f"(first: article {row.article_id}, {row.start}-{row.end}, text of "
            f"{len(texts[row.article_id])} characters). Check that the template was made "
            "for these articles' files, as read in UTF-8 (offsets count characters)."
        )
    by_article: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(template):
        by_article[row.article_id].append(i)
    probs = np.zeros((len(template), len(tagger.labels)), dtype=np.float32)
    ids = list(by_article)
    for b in range(0, len(ids), batch_size):
        batch_ids = ids[b : b + batch_size]
        batch_texts = [texts[i] for i in batch_ids]
        for article_id, text, scores in zip(
            batch_ids, batch_texts, tagger.scores(batch_texts), strict=True
        ):
            rows = by_article[article_id]
            spans = [(template[i].start, template[i].end) for i in rows]
            probs[rows] = tagger.runtime.classify_spans(text, scores, spans, given=True)
        if progress:
            progress(len(batch_ids))
    return tc_rows_from_probs(template, probs, tagger.labels)


def _batches(items: Iterable[tuple[str, str]], size: int) -> Iterable[list[tuple[str, str]]]:
    batch: list[tuple[str, str]] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
