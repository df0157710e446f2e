"""How the shipped ONNX models are opened (propscope.models.sessions)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from propscope.errors import ModelError
from propscope.models.attribution_tagger import DEFAULT_TAGGER_DIR, AttributionTaggerRuntime
from propscope.models.runtime import DEFAULT_MODEL_DIR, TechniqueModelRuntime
from propscope.models.sessions import THREADS_ENV, open_session, session_threads

MODEL_FILES = [DEFAULT_MODEL_DIR / "encoder.onnx", DEFAULT_TAGGER_DIR / "model.onnx"]


def test_threads_are_the_callers_else_the_environments_else_the_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from propscope import resources

    monkeypatch.setattr(resources, "cpu_quota", lambda: None)  # no container's quota here
    monkeypatch.delenv(THREADS_ENV, raising=False)
    assert session_threads() is None
    assert session_threads(3) == 3
    monkeypatch.setenv(THREADS_ENV, "1")
    assert session_threads() == 1
    assert session_threads(3) == 3
    monkeypatch.setenv(THREADS_ENV, "0")
    assert session_threads() is None


@pytest.mark.parametrize("value", ["two", "-1", "1.5"])
def test_a_number_of_threads_that_is_no_number_is_refused_by_name(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv(THREADS_ENV, value)
    with pytest.raises(ModelError, match=f"{THREADS_ENV}=.*whole number"):
        session_threads()


@pytest.mark.model
def test_every_shipped_model_keeps_to_the_threads_a_batch_worker_is_given(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`propscope batch -p N` gives each worker cores / N threads through the
    environment; the attribution tagger took every core whatever it said."""
    monkeypatch.setenv(THREADS_ENV, "1")
    for session in (TechniqueModelRuntime().session, AttributionTaggerRuntime().session):
        assert session.get_session_options().intra_op_num_threads == 1


@pytest.mark.model
@pytest.mark.parametrize("path", MODEL_FILES, ids=lambda p: Path(p).parent.name)
def test_a_shipped_model_computes_what_its_graph_says(path: Path, example_article: Path) -> None:
    """onnxruntime's SkipLayerNormalization fusion rounds differently from the graph's own
    Add and LayerNormalization (the technique encoder's hidden states moved by up to 0.48
    on news windows) and runs slower: a session gives what one with no optimization gives."""
    import onnxruntime as ort
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(path.parent / "tokenizer.json"))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    pieces = tokenizer.encode(example_article.read_text(encoding="utf-8")).ids
    ids = np.array([pieces[k * 100 : k * 100 + 128] for k in range(4)], dtype=np.int64)
    mask = np.ones_like(ids)
    mask[3, 90:] = 0  # a padded row
    feed = {"input_ids": ids, "attention_mask": mask}
    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
    plain = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    for got, want in zip(open_session(path).run(None, feed), plain.run(None, feed), strict=True):
        np.testing.assert_allclose(got, want, rtol=0, atol=1e-5)
