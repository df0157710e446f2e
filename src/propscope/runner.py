"""Analyzing many inputs: read, analyze, keep going past failures, report them."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, TextIO, cast

from propscope.analysis import Analysis
from propscope.document import Document
from propscope.errors import PropscopeError
from propscope.io.readers import InputFailure
from propscope.io.tables import count_corpus, read_corpus
from propscope.pipeline import Analyzer

__all__ = ["RunFailures", "analyze_inputs", "count_documents"]


@dataclass(slots=True)
class RunFailures:
    """Inputs that could not be read or analyzed, in the order they were met."""

    items: list[InputFailure] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.items)


def count_documents(paths: Sequence[str | Path]) -> int | None:
    """A cheap count of the documents in `paths`, for a progress bar; None if unknown."""
    return count_corpus(paths)


def analyze_inputs(
    analyzer: Analyzer,
    paths: Sequence[str | Path],
    *,
    failures: RunFailures,
    stdin: TextIO | BinaryIO | None = None,
    on_document: Callable[[], None] | None = None,
    batch_size: int = 8,
) -> Iterator[Analysis]:
    """Analyses of every readable document in `paths`, in input order.

    A document that cannot be read or analyzed is added to `failures` and the run goes
    on; callers report the failures at the end.
    """

    def documents() -> Iterator[tuple[Document, str]]:
        for item in read_corpus(paths, stdin=stdin):
            if isinstance(item, InputFailure):
                failures.items.append(item)
                if on_document:
                    on_document()
                continue
            yield item, item.id

    def on_error(exc: BaseException, doc: Document | None, origin: Any) -> None:
        error = (
            exc
            if isinstance(exc, PropscopeError)
            else PropscopeError(f"analysis failed: {type(exc).__name__}: {exc}")
        )
        failures.items.append(InputFailure(str(origin or (doc.id if doc else "?")), error))
        if on_document:
            on_document()

    results = analyzer.pipe(
        documents(), as_tuples=True, batch_size=batch_size, error_handler=on_error
    )
    for analysis, _origin in cast(Iterator[tuple[Analysis, Any]], results):
        if on_document:
            on_document()
        yield analysis
