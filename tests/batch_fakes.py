"""Analyzer factories for batch tests, importable by worker processes by name
(`batch_fakes:shouter`): pytest puts tests/ on sys.path, and the tests that start other
processes set PYTHONPATH to it."""

from __future__ import annotations

import os
import time
from collections.abc import Sequence

from fakes import Shouter
from propscope import Analysis, Analyzer, Document


class FailsOn:
    """Raises for any document that holds `word`."""

    name = "poison"

    def __init__(self, word: str) -> None:
        self.word = word

    def __call__(self, docs: Sequence[Document], analyses: Sequence[Analysis]) -> None:
        for doc in docs:
            if self.word in doc.text:
                raise RuntimeError(f"cannot digest {self.word}")


class CrashOn:
    """Kills its own process, as a crash in native code would, on a document holding `word`."""

    name = "crash"

    def __init__(self, word: str) -> None:
        self.word = word

    def __call__(self, docs: Sequence[Document], analyses: Sequence[Analysis]) -> None:
        if any(self.word in doc.text for doc in docs):
            os._exit(70)


class Sleeper:
    """Takes PROPSCOPE_TEST_DELAY seconds per document, so a run can be stopped midway."""

    name = "sleeper"

    def __call__(self, docs: Sequence[Document], analyses: Sequence[Analysis]) -> None:
        time.sleep(float(os.environ.get("PROPSCOPE_TEST_DELAY", "0.05")) * len(docs))


def shouter() -> Analyzer:
    """Loaded language for words in capitals; documents holding POISON fail."""
    return Analyzer.from_components([("techniques", Shouter()), ("poison", FailsOn("POISON"))])


def slow_shouter() -> Analyzer:
    return Analyzer.from_components(
        [("techniques", Shouter()), ("poison", FailsOn("POISON")), ("sleeper", Sleeper())]
    )


def crashing_shouter() -> Analyzer:
    """As `shouter`, but the process dies on a document holding CRASHME."""
    return Analyzer.from_components(
        [("techniques", Shouter()), ("poison", FailsOn("POISON")), ("crash", CrashOn("CRASHME"))]
    )
