"""Shared fixtures. Data tests skip where ../shared/data is absent, and fail under CI."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLE = SHARED / "examples" / "000_3151d3f6a24649c0.txt"


def skip_or_fail(message: str) -> None:
    """Skip where something the test needs is absent (a user's machine); fail under CI,
    so that a wrong path can never turn these tests into silent skips."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{message} CI must run with it present.")
    pytest.skip(message)


def _require(path: Path, what: str) -> Path:
    if not path.exists():
        skip_or_fail(f"{what} not found at {path}; it lives in ../shared beside the project.")
    return path


@pytest.fixture(scope="session")
def ptc_train() -> Path:
    return _require(SHARED / "data" / "ptc-train", "The PTC training data")


@pytest.fixture(scope="session")
def example_article() -> Path:
    return _require(EXAMPLE, "The example article")


@pytest.fixture(scope="session")
def shipped_tagger():  # type: ignore[no-untyped-def]
    from propscope.components.techniques import TechniqueTagger

    return TechniqueTagger()


@pytest.fixture(scope="session")
def fnc1() -> Path:
    return _require(SHARED / "data" / "fnc-1", "The FNC-1 training data")


@pytest.fixture(scope="session")
def checkworthy_data() -> Path:
    return _require(SHARED / "data" / "checkworthy", "The check-worthiness data")


@pytest.fixture(scope="session")
def polnear_dev() -> Path:
    return _require(SHARED / "data" / "polnear" / "dev", "PolNeAR dev")


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    from propscope.errors import MissingDependencyError
    from propscope.nlp import load_spacy

    try:
        return load_spacy()
    except MissingDependencyError as exc:
        skip_or_fail(f"spaCy or its English model is not installed: {exc}")


BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium through Playwright, one per test module, for the pages' browser
    tests; skipped where either is missing, and failed so under CI=true."""
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        skip_or_fail("Playwright is not installed (pip install -e '.[dev]').")
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        skip_or_fail(
            "Chromium is not installed (apt-get install chromium); the browser tests need it."
        )
    with sync_playwright() as playwright:
        try:
            launched = playwright.chromium.launch(executable_path=chromium, args=BROWSER_ARGS)
        except Error as exc:
            skip_or_fail(f"Chromium at {chromium} does not start: {exc}")
        yield launched
        launched.close()
