"""Shared fixtures. Data tests skip where ../shared/data is absent, and fail under CI."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLE = SHARED / "examples" / "000_3151d3f6a24649c0.txt"


def _require(path: Path, what: str) -> Path:
    if path.exists():
        return path
    message = f"{what} not found at {path}; it lives in ../shared beside the project."
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{message} CI must run with ../shared present.")
    pytest.skip(message)


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
