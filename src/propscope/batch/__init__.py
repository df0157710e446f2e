"""Corpus runs: many documents through the analyzer, resumable, on local processes or Dask.

>>> from propscope.batch import run_batch
>>> summary = run_batch(["corpus/*.csv"], output="analyses.jsonl", processes=2)
>>> summary.analyzed, summary.failed

See docs/batch.md for the command line, the output schema and Dask clusters.
"""

from propscope.batch.engines import AnalyzerSpec
from propscope.batch.records import BatchError, Outcome
from propscope.batch.results import read_results
from propscope.batch.run import BatchSummary, run_batch
from propscope.batch.sinks import BatchOutputError

__all__ = [
    "AnalyzerSpec",
    "BatchError",
    "BatchOutputError",
    "BatchSummary",
    "Outcome",
    "read_results",
    "run_batch",
]
