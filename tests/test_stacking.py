"""The technique stacker: surface features of a span, the fit, and how the runtime and
the held-out labelling apply it. Every input is built by hand; no trained model is needed."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest

from propscope.io.ptc import TcRow
from propscope.stacking import STACK_FEATURES, TechniqueStacker, stack_features
from propscope.training.calibration import (
    HeldOutTechniques,
    fit_technique_stacker,
    nested_offsets,
    techniques_report,
)


def _features(text: str, needle: str, nth: int = 0) -> dict[str, float]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    values = stack_features(text, start, start + len(needle))
    assert len(values) == len(STACK_FEATURES)
    return dict(zip(STACK_FEATURES, values, strict=True))


def test_surface_features_by_hand() -> None:
    text = 'Traitors Everywhere!\n\nThe "traitors" lied. Traitors, traitors!\nWhy is that?\n'
    quoted = _features(text, "traitors")  # the one in quotation marks, in the body
    assert quoted["log_repeats"] == pytest.approx(math.log1p(3))  # four in all, three others
    assert quoted["quoted"] == 1.0 and quoted["in_title"] == 0.0
    assert quoted["capitals"] == 0.0 and quoted["short"] == 1.0
    assert quoted["log_words"] == pytest.approx(math.log1p(1))
    line = 'The "traitors" lied. Traitors, traitors!'
    assert quoted["share_of_line"] == pytest.approx(8 / len(line))
    assert quoted["exclamation"] == 0.0 and quoted["question_line"] == 0.0
    title = _features(text, "Traitors Everywhere!")
    assert title["in_title"] == 1.0 and title["exclamation"] == 1.0
    assert title["capitals"] == pytest.approx(2 / 18) and title["share_of_line"] == 1.0
    assert title["log_repeats"] == 0.0 and title["quoted"] == 0.0
    question = _features(text, "Why is that")
    assert question["question_line"] == 1.0 and question["short"] == 1.0
    # Text of fewer than three letters is not counted: every "a" would be a repeat.
    assert _features("a cat and a dog", "a", 1)["log_repeats"] == 0.0


def _stacker(bias: tuple[float, ...] = (0.0, 0.0), weight: float = 0.0) -> TechniqueStacker:
    rows = [(0.0, 0.0)] * len(STACK_FEATURES)
    rows[STACK_FEATURES.index("quoted")] = (0.0, weight)
    return TechniqueStacker(
        (0.0,) * len(STACK_FEATURES), (1.0,) * len(STACK_FEATURES), tuple(rows), bias
    )


def test_stacker_shift_and_config_round_trip() -> None:
    stacker = _stacker((0.5, -0.5), 2.0)
    surface = np.zeros((2, len(STACK_FEATURES)))
    surface[1, STACK_FEATURES.index("quoted")] = 1.0
    assert stacker.shift(surface).tolist() == [[0.5, -0.5], [0.5, 1.5]]
    config = {"labels": ["A", "B"], "technique_stacker": stacker.to_config()}
    assert TechniqueStacker.from_config(config) == stacker
    assert TechniqueStacker.from_config({"labels": ["A"]}) is None
    with pytest.raises(ValueError, match="2 labels, its config 3"):
        TechniqueStacker.from_config({**config, "labels": ["A", "B", "C"]})
    renamed = {**config["technique_stacker"], "features": ["other"]}  # type: ignore[dict-item]
    with pytest.raises(ValueError, match="re-run `propscope calibrate`"):
        TechniqueStacker.from_config({"technique_stacker": renamed})
    with pytest.raises(ValueError, match="one value per label"):
        TechniqueStacker((0.0,) * 9, (1.0,) * 9, ((0.0,),) * 9, (0.0, 0.0))
    with pytest.raises(ValueError, match="positive"):
        TechniqueStacker((0.0,) * 9, (0.0,) * 9, ((0.0, 0.0),) * 9, (0.0, 0.0))


def _quoted_folds(a: str = "A", b: str = "B") -> list[HeldOutTechniques]:
    """The classifier always prefers A a little, but a quoted span is B: the features
    know what the classifier does not."""
    folds = []
    for k in range(3):
        template, probs, surface = [], [], []
        for i in range(20):
            quoted = i % 2 == 0
            template.append(TcRow(f"{k}-{i}", b if quoted else a, 0, 5))
            probs.append([0.55, 0.45])
            row = [0.0] * len(STACK_FEATURES)
            row[STACK_FEATURES.index("quoted")] = 1.0 if quoted else 0.0
            row[STACK_FEATURES.index("log_words")] = 0.1 * (i % 5)  # noise
            surface.append(row)
        folds.append(HeldOutTechniques(k, template, np.array(probs), np.array(surface)))
    return folds


def test_fitted_stacker_learns_what_the_features_say() -> None:
    folds = _quoted_folds()
    probs = np.concatenate([f.probs for f in folds])
    surface = np.concatenate([f.surface for f in folds])
    gold = np.array([0 if r.technique == "A" else 1 for f in folds for r in f.template])
    stacker = fit_technique_stacker(probs, surface, gold)
    adjusted = np.log(probs) + stacker.shift(surface)
    assert (adjusted.argmax(axis=1) == gold).all()
    weights = np.asarray(stacker.weights)
    quoted = STACK_FEATURES.index("quoted")
    assert weights[quoted, 1] - weights[quoted, 0] > 1.0
    # A constant feature gets a scale of 1 (no division by zero) and no say.
    assert stacker.scale[STACK_FEATURES.index("in_title")] == 1.0
    assert not weights[STACK_FEATURES.index("in_title")].any()
    with pytest.raises(ValueError, match="one gold label"):
        fit_technique_stacker(probs, surface, gold[:-1])


def test_techniques_report_offsets_for_found_spans_stacker_for_given_ones() -> None:
    report = techniques_report(["A", "B"], _quoted_folds())
    f1 = report["tc_micro_f1"]
    assert f1["classifier"]["folds"] == [0.5, 0.5, 0.5]
    # Offsets alone can only move every span to A or to B: at best half right.
    assert f1["offsets"]["folds"] == [0.5, 0.5, 0.5]
    assert f1["given_spans"]["folds"] == [1.0, 1.0, 1.0]
    given = report["given_spans"]
    stacker = TechniqueStacker.from_config(
        {"labels": ["A", "B"], "technique_stacker": given["stacker"]}
    )
    assert stacker is not None and set(given["offsets"]) == {"A", "B"}
    shifts = nested_offsets(report, 3)
    assert shifts is not None and len(shifts) == 3 and shifts[0].shape == (2,)
    assert nested_offsets(None, 3) is None
    with pytest.raises(ValueError, match="other than 4 folds"):
        nested_offsets(report, 4)
    # Without offsets or without the stacker, the report says so.
    plain = techniques_report(["A", "B"], _quoted_folds(), offsets=False)
    assert plain["offsets"] is None and plain["given_spans"]["offsets"] is None
    assert nested_offsets(plain, 3) is None
    assert techniques_report(["A", "B"], _quoted_folds(), stacker=False)["given_spans"] is None


def test_a_stacker_weighs_the_lexicon_by_its_weight() -> None:
    stacker = TechniqueStacker(*dataclasses.astuple(_stacker((0.5, -0.5)))[:4], 2.0)
    surface = np.zeros((2, len(STACK_FEATURES)))
    lexicon = np.log(np.array([[0.9, 0.1], [0.5, 0.5]]))
    expected = np.array([[0.5, -0.5], [0.5, -0.5]]) + 2.0 * lexicon
    assert stacker.shift(surface, lexicon) == pytest.approx(expected)
    with pytest.raises(ValueError, match="weighs the technique lexicon"):
        stacker.shift(surface)
    config = {"labels": ["A", "B"], "technique_stacker": stacker.to_config()}
    assert config["technique_stacker"]["lexicon_weight"] == 2.0
    assert TechniqueStacker.from_config(config) == stacker
    # A stacker without a lexicon (every model before it) has no such entry, and reads as 0.
    plain = _stacker((0.5, -0.5)).to_config()
    assert "lexicon_weight" not in plain
    found = TechniqueStacker.from_config({"labels": ["A", "B"], "technique_stacker": plain})
    assert found is not None and found.lexicon_weight == 0.0
    assert found.shift(surface).tolist() == [[0.5, -0.5], [0.5, -0.5]]


def _lexicon_folds(a: str = "A", b: str = "B") -> list[HeldOutTechniques]:
    """The classifier and the surface features know nothing; the lexicon is right, if
    unsure."""
    folds = []
    for k, fold in enumerate(_quoted_folds(a, b)):
        gold = np.array([0 if r.technique == a else 1 for r in fold.template])
        lexicon = np.log(np.where(np.eye(2)[gold] > 0, 0.6, 0.4))
        folds.append(
            HeldOutTechniques(
                k, fold.template, np.full((len(gold), 2), 0.5), np.zeros_like(fold.surface), lexicon
            )
        )
    return folds


def test_the_stacker_learns_the_lexicons_weight_when_the_folds_have_one() -> None:
    folds = _lexicon_folds()
    probs = np.concatenate([f.probs for f in folds])
    surface = np.concatenate([f.surface for f in folds])
    lexicon = np.concatenate([f.lexicon for f in folds])  # type: ignore[misc]
    gold = np.array([0 if r.technique == "A" else 1 for f in folds for r in f.template])
    stacker = fit_technique_stacker(probs, surface, gold, lexicon=lexicon)
    assert stacker.lexicon_weight > 1.0  # sharpened: the lexicon is always right
    assert fit_technique_stacker(probs, surface, gold).lexicon_weight == 0.0
    with pytest.raises(ValueError, match="one per label"):
        fit_technique_stacker(probs, surface, gold, lexicon=lexicon[:, :1])
    report = techniques_report(["A", "B"], folds)
    f1 = report["tc_micro_f1"]
    assert f1["offsets"]["folds"] == [0.5, 0.5, 0.5]
    assert f1["given_spans"]["folds"] == [1.0, 1.0, 1.0]
    assert report["given_spans"]["stacker"]["lexicon_weight"] > 1.0
    # A fold without a lexicon: the stacker does without.
    folds[1] = dataclasses.replace(folds[1], lexicon=None)
    report = techniques_report(["A", "B"], folds)
    assert "lexicon_weight" not in report["given_spans"]["stacker"]
    assert report["tc_micro_f1"]["given_spans"]["folds"] == [0.5, 0.5, 0.5]


def test_the_card_shows_each_technique_choice_nested(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from propscope.training.calibration import calibration_report
    from propscope.training.card import write_calibration_section
    from test_calibration import _synthetic_spans

    report = calibration_report(_synthetic_spans(500, 5), folds=5)
    report["technique_choice"] = techniques_report(
        ["Doubt", "Repetition"], _quoted_folds("Doubt", "Repetition")
    )
    card = write_calibration_section(tmp_path, report, command="propscope calibrate x").read_text()
    assert "| the classifier alone | 0.5000 ± 0.0000 | 0.500 / 0.500 / 0.500 |" in card
    assert "| with per-technique offsets (spans the layer finds) | 0.5000" in card
    assert "(spans given: the shared task's TC) | 1.0000 ± 0.0000 |" in card
    assert "| Repetition |" in card and "| Doubt |" in card
    # Per technique, nested and pooled: every span right.
    assert "| Repetition | 30 | 1.000 | 1.000 | 1.000 |" in card
    assert "technique lexicon" not in card
    # A stacker that weighs the lexicon says so, with its weight.
    report["technique_choice"] = techniques_report(
        ["Doubt", "Repetition"], _lexicon_folds("Doubt", "Repetition")
    )
    card = write_calibration_section(tmp_path, report, command="propscope calibrate x").read_text()
    weight = report["technique_choice"]["given_spans"]["stacker"]["lexicon_weight"]
    assert "weighs the technique lexicon (`technique_lexicon.npz`" in card
    assert f"at {weight:.2f}." in card


class _GivenRuntime:
    """Says Doubt for given spans and Slogans for found ones, so a test can tell which
    path a call took."""

    def __init__(self) -> None:
        from propscope.techniques import TECHNIQUE_NAMES

        self.labels = list(TECHNIQUE_NAMES)
        self.config: dict[str, object] = {"span_threshold": 0.5}
        self.calls: list[list[tuple[int, int]]] = []

    def score_texts(self, texts: list[str], *, batch_rows: int = 16) -> list[object]:
        return [object() for _ in texts]

    def classify_spans(
        self, text: str, scores: object, spans: list[tuple[int, int]], *, given: bool = False
    ) -> np.ndarray:
        self.calls.append(list(spans))
        out = np.full((len(spans), len(self.labels)), 0.01, dtype=np.float32)
        out[:, self.labels.index("Doubt" if given else "Slogans")] = 0.5
        out[:, self.labels.index("Repetition")] = 0.3
        return out / out.sum(axis=1, keepdims=True)


def test_classify_ranks_the_techniques_of_given_passages_and_refuses_bad_spans() -> None:
    from propscope.components.techniques import TechniqueTagger
    from propscope.errors import SpanError

    runtime = _GivenRuntime()
    tagger = TechniqueTagger(runtime=runtime)  # type: ignore[arg-type]
    text = "Title\n\nIs it true? Nobody knows."
    got = tagger.classify(text, [(7, 18), (19, 31)])
    assert [(c.start, c.end, c.text, c.technique) for c in got] == [
        (7, 18, "Is it true?", "Doubt"),
        (19, 31, "Nobody knows", "Doubt"),
    ]
    assert [name for name, _ in got[0].ranked[:2]] == ["Doubt", "Repetition"]
    assert got[0].probability == pytest.approx(0.5 / (0.8 + 0.01 * 12), abs=1e-4)
    assert len(got[0].ranked) == 14
    assert tagger.classify(text, []) == [] and len(runtime.calls) == 1
    for bad, why in [
        ((5, 5), "not a passage"),
        ((20, 99), "not a passage"),
        ((5, 7), "not a passage"),  # only the empty line
        (("a", "b"), "character offsets"),
        ((3,), "character offsets"),
        ((7.5, 18), "whole-number"),  # a float is refused, not truncated
        ((True, 18), "whole-number"),
    ]:
        with pytest.raises(SpanError, match=why):
            tagger.classify(text, [(7, 18), bad])  # type: ignore[list-item]
    assert len(runtime.calls) == 1  # a bad span stops the call before the model runs
    for not_text in (b"Title", None):
        with pytest.raises(TypeError, match="text must be str, got"):
            tagger.classify(not_text, [(0, 3)])  # type: ignore[arg-type]
    assert len(runtime.calls) == 1


def test_given_spans_are_fitted_and_scored_on_their_own_reading() -> None:
    # Read once, the classifier always prefers A a little; read as given spans are (in
    # several windows), it knows the quoted spans are B. The offsets for found spans
    # stay with the single reading; the stacker for given spans gets the other.
    folds = []
    for fold in _quoted_folds():
        quoted = fold.surface[:, STACK_FEATURES.index("quoted")] == 1.0
        viewed = np.where(quoted[:, None], [0.2, 0.8], [0.8, 0.2])
        folds.append(dataclasses.replace(fold, surface=fold.surface * 0.0, viewed=viewed))
    assert folds[0].given_probs is folds[0].viewed
    report = techniques_report(["A", "B"], folds, views=(0.25, 0.5, 0.75))
    f1 = report["tc_micro_f1"]
    assert f1["classifier"]["folds"] == [0.5, 0.5, 0.5]
    assert f1["offsets"]["folds"] == [0.5, 0.5, 0.5]
    assert f1["classifier_views"]["folds"] == [1.0, 1.0, 1.0]
    assert f1["given_spans"]["folds"] == [1.0, 1.0, 1.0]  # no surface feature to help
    assert report["given_spans"]["views"] == [0.25, 0.5, 0.75]
    # Folds read once have no such figure, and their given spans use the one reading.
    single = techniques_report(["A", "B"], _quoted_folds())
    assert "classifier_views" not in single["tc_micro_f1"]
    assert single["given_spans"]["views"] == []
