"""The technique lexicon: a span's string features, hashing, the fit, saving and loading.
Every input is built by hand; no trained model is needed."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from propscope.technique_lexicon import (
    BUCKETS,
    TechniqueLexicon,
    fit_technique_lexicon,
    lexicon_indices,
    span_features,
)

LABELS = ["Doubt", "Flag-Waving", "Name_Calling,Labeling"]


def test_span_features_by_hand() -> None:
    text = "They said: the corrupt Traitors lied again, as always."
    start = text.index("corrupt")
    end = start + len("corrupt Traitors")
    assert span_features(text, start, end) == sorted(
        [
            "w:corrupt",
            "w:traitors",  # lowercased
            "b:corrupt traitors",
            "f:corrupt",
            "l:traitors",
            "p0:the",  # the word right before, then further back
            "p1::",
            "p2:said",
            "n0:lied",
            "n1:again",
            "len:2",
        ]
    )
    # At the edges of the text there is nothing before or after; a long span's length is capped.
    long = " ".join(["word"] * 20)
    features = span_features(long, 0, len(long))
    assert "len:12" in features
    assert not [f for f in features if f.startswith(("p0:", "n0:"))]
    assert "b:word word" in features and features.count("w:word") == 1


def test_indices_hash_each_feature_into_the_table() -> None:
    text = "Our nation, our pride."
    rows = lexicon_indices(text, 0, 10)
    assert len(rows) == len(span_features(text, 0, 10))
    assert ((rows >= 0) & (rows < BUCKETS)).all()
    assert lexicon_indices(text, 0, 10).tolist() == rows.tolist()  # the same every time


def _articles() -> list[tuple[str, list[tuple[str, int, int]]]]:
    out = []
    for i in range(12):
        text = f"Story {i}. Is it true? The patriots of our nation stand. Those traitors lied."
        spans = [
            ("Doubt", text.index("Is it true"), text.index("Is it true") + 10),
            ("Flag-Waving", text.index("patriots"), text.index("patriots") + 22),
            ("Name_Calling,Labeling", text.index("traitors"), text.index("traitors") + 8),
        ]
        out.append((text, spans))
    return out


def test_a_fitted_lexicon_names_the_technique_its_words_say() -> None:
    lexicon = fit_technique_lexicon(_articles(), LABELS)
    text = "Why? Is it true that the traitors hate our nation?"
    spans = [
        (text.index("Is it true"), text.index("Is it true") + 10),
        (text.index("traitors"), text.index("traitors") + 8),
        (text.index("our nation"), text.index("our nation") + 10),
    ]
    log_probs = lexicon.log_probs(text, spans)
    assert log_probs.shape == (3, 3)
    assert np.exp(log_probs).sum(axis=1) == pytest.approx([1.0, 1.0, 1.0])
    assert [LABELS[i] for i in log_probs.argmax(axis=1)] == [LABELS[0], LABELS[2], LABELS[1]]
    assert lexicon.log_probs(text, []).shape == (0, 3)


def test_techniques_without_gold_get_no_probability_and_two_techniques_fit() -> None:
    two = [(t, [s for s in spans if s[0] != "Doubt"]) for t, spans in _articles()]
    lexicon = fit_technique_lexicon(two, LABELS)
    text = "The traitors of our nation."
    probs = np.exp(lexicon.log_probs(text, [(4, 12), (16, 26)]))
    assert probs[:, 0].max() < 1e-9  # Doubt: never seen
    assert probs[0].argmax() == 2 and probs[1].argmax() == 1


def test_a_fit_needs_two_techniques_and_known_labels() -> None:
    text = "The traitors lied."
    with pytest.raises(ValueError, match="at least two techniques"):
        fit_technique_lexicon([(text, [("Doubt", 4, 12)])], LABELS)
    with pytest.raises(ValueError, match="not one of the model's labels"):
        fit_technique_lexicon([(text, [("Bandwagon", 4, 12)])], LABELS)


def test_a_lexicon_is_saved_and_loaded_whole(tmp_path: Path) -> None:
    lexicon = fit_technique_lexicon(_articles(), LABELS)
    path = tmp_path / "lexicon.npz"
    lexicon.save(path)
    loaded = TechniqueLexicon.load(path, labels=3)
    text = "Is it true that traitors lied?"
    assert loaded.log_probs(text, [(0, 10)]) == pytest.approx(
        lexicon.log_probs(text, [(0, 10)]), abs=1e-2
    )
    assert loaded.table.dtype == np.float32  # float16 on disk, float32 to compute with
    with pytest.raises(ValueError, match="knows 3 techniques, the model 14"):
        TechniqueLexicon.load(path, labels=14)
    np.savez(path, table=np.zeros((10, 3)), bias=np.zeros(3))
    with pytest.raises(ValueError, match="another version of propscope"):
        TechniqueLexicon.load(path)
