"""Calibrated technique scores: the fitting, the reliability figures, and how the layer
shows them. Every input is built by hand; no trained model is needed."""

from __future__ import annotations

import dataclasses
import json
import math
import random
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from propscope.analysis import Analysis
from propscope.calibration import FEATURES, Calibration, calibration_features
from propscope.cli import app
from propscope.components.techniques import SpanPrediction, TechniqueTagger
from propscope.document import Document
from propscope.encoding import Window
from propscope.techniques import TECHNIQUE_NAMES
from propscope.training.calibration import (
    HeldOutSpan,
    calibration_report,
    expected_calibration_error,
    fit_calibration,
    is_right,
    isotonic_curve,
    reliability_table,
    write_calibration,
)
from propscope.training.card import CALIBRATION_HEADING, write_calibration_section


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def test_a_span_is_right_only_when_a_gold_span_of_its_technique_overlaps_it() -> None:
    gold = [("Loaded_Language", 10, 20), ("Doubt", 30, 40)]
    assert is_right(15, 25, "Loaded_Language", gold)
    assert is_right(0, 11, "Loaded_Language", gold)
    assert not is_right(15, 25, "Doubt", gold)  # overlaps, but another technique
    assert not is_right(20, 30, "Loaded_Language", gold)  # touches, shares no character
    assert not is_right(0, 5, "Loaded_Language", [])


def test_reliability_table_and_its_calibration_error_by_hand() -> None:
    scores = [0.05, 0.15, 0.12, 0.95, 1.0]
    right = [False, True, False, True, True]
    table = reliability_table(scores, right)
    assert [(b.low, b.count) for b in table] == [(0.0, 1), (0.1, 2), (0.9, 2)]
    assert table[1].mean_score == pytest.approx(0.135)
    assert table[1].share_right == 0.5
    assert table[2].share_right == 1.0  # a score of exactly 1 falls in the last bin
    # (1 * 0.05 + 2 * |0.135 - 0.5| + 2 * |0.975 - 1|) / 5
    assert expected_calibration_error(table) == pytest.approx(0.166)
    assert expected_calibration_error([]) == 0.0
    with pytest.raises(ValueError, match="one right/wrong mark per score"):
        reliability_table([0.5], [])


def test_fit_recovers_the_weights_that_generated_the_labels() -> None:
    rng = np.random.default_rng(7)
    x = rng.normal(size=(20000, len(FEATURES)))
    true_w, true_b = np.array([1.5, -0.5, 0.8, 0.0]), -0.3
    y = rng.random(20000) < 1 / (1 + np.exp(-(x @ true_w + true_b)))
    fitted = fit_calibration(x, y, l2=0.0)
    assert np.allclose(fitted.weights, true_w, atol=0.1)
    assert fitted.bias == pytest.approx(true_b, abs=0.1)


def test_fit_refuses_what_it_cannot_learn_from() -> None:
    with pytest.raises(ValueError, match="both right and wrong"):
        fit_calibration(np.zeros((3, len(FEATURES))), np.ones(3, dtype=bool))
    with pytest.raises(ValueError, match="features must be"):
        fit_calibration(np.zeros((3, 2)), np.array([0, 1, 0]))


def test_calibration_config_round_trip_and_refusals() -> None:
    cal = Calibration((1.0, 0.5, -0.4, 0.1), -1.0)
    again = Calibration.from_config({"calibration": cal.to_config()})
    assert again == cal
    assert Calibration.from_config({"span_threshold": 0.15}) is None
    stale = {"calibration": {"features": ["span_logit"], "weights": [1.0], "bias": 0.0}}
    with pytest.raises(ValueError, match="re-run `propscope calibrate`"):
        Calibration.from_config(stale)
    with pytest.raises(ValueError, match="needs 4 weights"):
        Calibration((1.0,), 0.0)


def test_calibrated_score_is_the_logistic_of_the_named_features() -> None:
    cal = Calibration((1.0, 0.5, -0.4, 0.1), -1.0)
    x = calibration_features(0.3, 0.8, rank=1, chars=20)
    assert x == pytest.approx([math.log(0.3 / 0.7), math.log(4.0), 1.0, math.log(20)])
    z = -1.0 + 1.0 * x[0] + 0.5 * x[1] - 0.4 * x[2] + 0.1 * x[3]
    assert cal.score(0.3, 0.8, rank=1, chars=20) == pytest.approx(_sigmoid(z))
    # More likely spans and techniques read higher; probabilities of 0 and 1 stay finite.
    assert cal.score(0.6, 0.8, rank=0, chars=20) > cal.score(0.3, 0.8, rank=0, chars=20)
    assert 0.0 < cal.score(0.0, 0.0, rank=0, chars=0) < cal.score(1.0, 1.0, rank=0, chars=0) < 1


def test_isotonic_curve_pools_adjacent_violators_by_hand() -> None:
    scores, right = [0.1, 0.2, 0.3, 0.4], [False, True, False, True]
    # 0.2 (right) then 0.3 (wrong) violate the order and pool at 0.5.
    assert isotonic_curve(scores, right, min_count=1) == (
        (0.1, 0.1, 0.2, 0.3, 0.4, 0.4),
        (0.0, 0.0, 0.5, 0.5, 1.0, 1.0),
    )
    # With two spans a step at least, the lone spans at either end join their neighbours.
    assert isotonic_curve(scores, right, min_count=2) == ((0.1, 0.4), (0.5, 0.5))


def test_a_handful_of_spans_at_the_top_cannot_claim_certainty() -> None:
    scores = [0.5] * 200 + [0.99] * 5
    right = [i % 2 == 0 for i in range(200)] + [True] * 5
    _, ys = isotonic_curve(scores, right, min_count=100)
    assert max(ys) == pytest.approx(105 / 205)
    assert isotonic_curve(scores, right, min_count=1)[1][-1] == 1.0  # what it would say


def test_the_curve_maps_the_regressions_output() -> None:
    cal = Calibration((0.0, 0.0, 0.0, 0.0), 0.0, curve=((0.2, 0.6), (0.1, 0.5)))
    assert cal.apply_curve(0.1) == 0.1  # flat beyond the ends
    assert cal.apply_curve(0.4) == pytest.approx(0.3)
    assert cal.apply_curve(0.9) == 0.5
    assert cal.score(0.3, 0.8, rank=0, chars=5) == pytest.approx(0.4)  # sigmoid(0) = 0.5
    assert Calibration.from_config({"calibration": cal.to_config()}) == cal
    with pytest.raises(ValueError, match="non-decreasing"):
        Calibration((0.0,) * 4, 0.0, curve=((0.2, 0.6), (0.5, 0.1)))
    with pytest.raises(ValueError, match="one y for every x"):
        Calibration((0.0,) * 4, 0.0, curve=((0.2, 0.6), (0.5,)))


class _Runtime:
    def __init__(self, calibration: Calibration | None) -> None:
        self.labels = list(TECHNIQUE_NAMES)
        self.config: dict[str, object] = {"span_threshold": 0.5}
        if calibration is not None:
            self.config["calibration"] = calibration.to_config()

    def info(self) -> dict[str, str]:
        return {"name": "fake", "version": "0"}

    def classify_spans(
        self, text: str, scores: object, spans: list[tuple[int, int]], *, views: tuple = ()
    ) -> np.ndarray:
        # Uniform over the techniques: what the model gives a span it cannot read. Read
        # again in windows placed around it, the span is doubt.
        probs = np.full((len(spans), len(self.labels)), 1 / len(self.labels), dtype=np.float32)
        if views:
            probs[:] = 0.0
            probs[:, TECHNIQUE_NAMES.index("Doubt")] = 1.0
        return probs


def _one_span_analysis(tagger: TechniqueTagger) -> Analysis:
    doc = Document.from_text("Title\n\nThe traitors lied.")
    start = doc.text.index("traitors")
    probs = np.zeros((1, len(TECHNIQUE_NAMES)), dtype=np.float32)
    probs[0, TECHNIQUE_NAMES.index("Name_Calling,Labeling")] = 0.7
    probs[0, TECHNIQUE_NAMES.index("Loaded_Language")] = 0.3
    analysis = Analysis(document=doc)
    pred = SpanPrediction(spans=[(start, start + 8, 0.4)], technique_probs=probs)
    tagger.set_annotations([doc], [analysis], [pred])
    return analysis


def test_the_layer_shows_calibrated_scores_when_the_model_has_a_calibration() -> None:
    cal = Calibration((2.0, 1.0, -1.0, 0.0), 1.5)
    tagger = TechniqueTagger(runtime=_Runtime(cal))  # type: ignore[arg-type]
    analysis = _one_span_analysis(tagger)
    assert tagger.model_info()["scores"] == "calibrated"
    assert [(s.technique, s.score) for s in analysis.techniques or []] == [
        ("Name_Calling,Labeling", pytest.approx(cal.score(0.4, 0.7, rank=0, chars=8)))
    ]
    raw = TechniqueTagger(runtime=_Runtime(cal), calibrated=False)  # type: ignore[arg-type]
    assert raw.model_info()["scores"] == "raw"
    assert [s.score for s in _one_span_analysis(raw).techniques or []] == [pytest.approx(0.4 * 0.7)]
    # A model without a calibration shows the raw product.
    plain = TechniqueTagger(runtime=_Runtime(None))  # type: ignore[arg-type]
    assert [s.score for s in _one_span_analysis(plain).techniques or []] == [pytest.approx(0.28)]


def test_spans_scored_below_min_score_are_left_out() -> None:
    cal = Calibration((2.0, 1.0, -1.0, 0.0), 1.5)
    shown = cal.score(0.4, 0.7, rank=0, chars=8)
    keep = TechniqueTagger(runtime=_Runtime(cal), min_score=shown - 1e-6)  # type: ignore[arg-type]
    assert len(_one_span_analysis(keep).techniques or []) == 1
    drop = TechniqueTagger(runtime=_Runtime(cal), min_score=shown + 0.01)  # type: ignore[arg-type]
    analysis = _one_span_analysis(drop)
    assert analysis.techniques == []
    assert analysis.summary["techniques"] == {}
    with pytest.raises(ValueError, match="min_score is a probability"):
        TechniqueTagger(runtime=_Runtime(cal), min_score=2)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        (
            "min_score",
            "0.5",
            "min_score is a probability, from 0 to 1 (0 shows every span); got '0.5'",
        ),
        ("threshold", -1, "threshold is a probability, from 0 to 1"),
        ("threshold", 2, "threshold is a probability, from 0 to 1"),
        ("threshold", "0.2", "got '0.2'"),
        ("second_technique", 1.5, "second_technique is a probability"),
        ("batch_rows", 0, "batch_rows is the number of windows the model reads at once"),
        ("batch_rows", 2.5, "a whole number from 1; got 2.5"),
    ],
)
def test_the_layers_options_are_refused_by_name_when_out_of_range(
    option: str, value: object, message: str
) -> None:
    # threshold=-1 made sentence-long spans and 2 none at all, without a word.
    runtime = _Runtime(Calibration((2.0, 1.0, -1.0, 0.0), 1.5))
    with pytest.raises(ValueError) as raised:
        TechniqueTagger(runtime=runtime, **{option: value})  # type: ignore[arg-type]
    assert message in str(raised.value)
    assert TechniqueTagger(runtime=runtime, threshold=0.2).threshold == 0.2  # type: ignore[arg-type]
    assert TechniqueTagger(runtime=runtime, min_score=np.float32(0.5)).min_score == 0.5  # type: ignore[arg-type]


def _synthetic_spans(n: int, folds: int) -> list[HeldOutSpan]:
    # Rightness follows a logistic of the features, so the raw product reads far too low.
    rng = random.Random(3)
    spans = []
    for i in range(n):
        span_p, tech_p = rng.uniform(0.15, 0.9), rng.uniform(0.2, 0.95)
        z = 1.5 * math.log(span_p / (1 - span_p)) + math.log(tech_p / (1 - tech_p)) + 0.8
        spans.append(
            HeldOutSpan(
                fold=i % folds,
                article_id=str(i // 20),
                start=0,
                end=rng.randint(5, 60),
                technique="Loaded_Language",
                span_probability=span_p,
                technique_probability=tech_p,
                rank=0,
                right=rng.random() < _sigmoid(z),
            )
        )
    return spans


def test_report_measures_nested_calibration_against_the_raw_scores() -> None:
    report = calibration_report(_synthetic_spans(6000, 5), folds=5)
    assert report["spans"] == 6000
    assert report["raw"]["ece"] > 0.1
    assert report["calibrated_nested"]["ece"] < 0.03
    assert report["logistic_nested"]["ece"] < 0.03
    assert report["calibrated_nested"]["brier"] < report["raw"]["brier"]
    assert report["calibration"]["features"] == list(FEATURES)
    assert sum(row["spans"] for row in report["calibrated_nested"]["table"]) == 6000
    with pytest.raises(ValueError, match="no held-out spans"):
        calibration_report([], folds=5)


def test_the_report_goes_into_the_config_and_replaces_the_cards_section(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text(json.dumps({"name": "m", "span_threshold": 0.15}))
    (tmp_path / "MODEL_CARD.md").write_text("# Card\n\n## Model\nsmall\n")
    report = calibration_report(_synthetic_spans(1000, 5), folds=5)
    write_calibration(tmp_path, report)
    config = json.loads((tmp_path / "config.json").read_text())
    assert config["span_threshold"] == 0.15
    assert Calibration.from_config(config) is not None
    for _ in range(2):
        write_calibration_section(tmp_path, report, command="propscope calibrate x")
    card = (tmp_path / "MODEL_CARD.md").read_text()
    assert card.count(CALIBRATION_HEADING) == 1
    assert card.startswith("# Card\n\n## Model\nsmall\n")
    assert "| 0.9-1.0 |" in card and "propscope calibrate x" in card
    # A section after the calibration survives a rewrite.
    (tmp_path / "MODEL_CARD.md").write_text(card + "\n## Notes\nkept\n")
    write_calibration_section(tmp_path, report, command="propscope calibrate y")
    card = (tmp_path / "MODEL_CARD.md").read_text()
    assert "## Notes\nkept" in card and "calibrate y" in card and "calibrate x" not in card


def test_calibrate_command_names_what_is_missing(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        app, ["calibrate", str(tmp_path), "--runs", str(tmp_path), "--model", str(tmp_path)]
    )
    assert result.exit_code != 0
    assert "has no config.json" in " ".join(result.output.split())
    (tmp_path / "config.json").write_text("{}")
    result = runner.invoke(
        app, ["calibrate", str(tmp_path), "--runs", str(tmp_path), "--model", str(tmp_path)]
    )
    assert result.exit_code != 0
    message = " ".join(result.output.split())
    assert "lacks fold 0, 1, 2, 3, 4" in message
    assert "propscope crossval" in message


def _two_fold_runs(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    read_windows: list[Window] | None = None,
    *,
    gold: str = "Name_Calling,Labeling",
) -> Path:
    """Two one-article folds whose fake model finds "traitors" and calls it name-calling
    (0.6) or loaded language (0.4), where article 1's gold calls "corrupt traitors"
    `gold`; returns the data folder. The windows each fold model is asked to read in are
    appended to `read_windows`."""
    import propscope.training.crossval as crossval
    from propscope.encoding import Decoding
    from propscope.training.data import load_ptc

    text = "Title\n\nThe corrupt traitors met. Fine words followed.\n"
    start = text.index("corrupt traitors")
    data = tmp_path / "ptc"
    (data / "articles").mkdir(parents=True)
    for article_id in ("1", "2"):
        (data / "articles" / f"article{article_id}.txt").write_text(text, encoding="utf-8")
    (data / "train-task-si.labels").write_text(f"1\t{start}\t{start + 16}\n")
    (data / "train-task-flc-tc.labels").write_text(f"1\t{gold}\t{start}\t{start + 16}\n")
    by_id = {a.id: a for a in load_ptc(data)}

    class _Tagger(TechniqueTagger):
        def decode(self, text: str, scores: object) -> SpanPrediction:  # type: ignore[override]
            assert self.decoding == Decoding(0.2, 1, -1, 0.4)  # the model's, not the fold's
            probs = np.zeros((1, len(TECHNIQUE_NAMES)), dtype=np.float32)
            probs[0, TECHNIQUE_NAMES.index("Name_Calling,Labeling")] = 0.6
            probs[0, TECHNIQUE_NAMES.index("Loaded_Language")] = 0.4
            return SpanPrediction([(start + 8, start + 16, 0.5)], probs)

    def fake_scores(
        fold_dir: Path, articles: dict[str, object], *, window: Window
    ) -> tuple[list, list, _Tagger]:
        if read_windows is not None:
            read_windows.append(window)
        held = [by_id["1"]] if fold_dir.name == "fold0" else [by_id["2"]]
        return held, [None] * len(held), _Tagger(runtime=_Runtime(None))  # type: ignore[arg-type]

    monkeypatch.setattr(crossval, "held_out_scores", fake_scores)
    return data


def test_held_out_spans_label_each_fold_as_the_shipped_layer_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from propscope.encoding import Decoding
    from propscope.training.calibration import held_out_spans

    read_windows: list[Window] = []
    data = _two_fold_runs(tmp_path, monkeypatch, read_windows)
    spans = held_out_spans(
        data, tmp_path, folds=2, decoding=Decoding(0.2, 1, -1, 0.4), window=Window(64, 48)
    )
    # Every fold model reads its articles in the windows of the model being calibrated.
    assert read_windows == [Window(64, 48), Window(64, 48)]
    got = [(s.fold, s.article_id, s.technique, s.rank, s.right) for s in spans]
    # Article 1 has a gold name-calling span under "traitors"; article 2 has none.
    assert got == [
        (0, "1", "Name_Calling,Labeling", 0, True),
        (0, "1", "Loaded_Language", 1, False),
        (1, "2", "Name_Calling,Labeling", 0, False),
        (1, "2", "Loaded_Language", 1, False),
    ]
    assert spans[0].raw_score == pytest.approx(0.3)


def test_each_fold_gets_a_lexicon_fitted_on_its_own_training_articles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import propscope.training.word_priors as word_priors
    from propscope.encoding import Decoding
    from propscope.training.calibration import read_held_out
    from propscope.training.data import Article

    data = _two_fold_runs(tmp_path, monkeypatch)
    text = "Title\n\nThe corrupt traitors met. Fine words followed.\n"
    a, b = text.index("corrupt traitors"), text.index("Fine words")
    # Fold 0's training articles call "corrupt traitors" doubt; fold 1's name-calling.
    says = {"fold0": "Doubt", "fold1": "Name_Calling,Labeling"}
    other = {"fold0": "Name_Calling,Labeling", "fold1": "Doubt"}
    asked: list[str] = []

    def training_articles(fold_dir: Path, articles: dict[str, Article]) -> list[Article]:
        asked.append(fold_dir.name)
        gold = [(says[fold_dir.name], a, a + 16), (other[fold_dir.name], b, b + 10)]
        return [Article(f"t{i}", text, si=[], tc=gold) for i in range(4)]

    monkeypatch.setattr(word_priors, "fold_training_articles", training_articles)
    read = read_held_out(data, tmp_path, folds=2, decoding=Decoding(0.2, 1, -1, 0.4), lexicon=True)
    assert asked == ["fold0", "fold1"]
    fold0 = read[0].techniques.lexicon
    assert fold0 is not None and fold0.shape == (1, len(TECHNIQUE_NAMES))  # article 1's span
    assert TECHNIQUE_NAMES[int(fold0[0].argmax())] == "Doubt"
    assert read[1].techniques.lexicon is not None and read[1].techniques.lexicon.shape == (0, 14)
    plain = read_held_out(data, tmp_path, folds=2, decoding=Decoding(0.2, 1, -1, 0.4))
    assert plain[0].techniques.lexicon is None and len(asked) == 2


def test_the_folds_read_given_spans_in_the_views_asked_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from propscope.encoding import Decoding
    from propscope.training.calibration import read_held_out

    data = _two_fold_runs(tmp_path, monkeypatch)
    decoding = Decoding(0.2, 1, -1, 0.4)
    viewed = read_held_out(data, tmp_path, folds=2, decoding=decoding, views=(0.25, 0.75))
    fold0 = viewed[0].techniques
    assert fold0.viewed is not None and fold0.viewed.shape == fold0.probs.shape == (1, 14)
    assert TECHNIQUE_NAMES[int(fold0.given_probs[0].argmax())] == "Doubt"
    assert fold0.probs[0] == pytest.approx(1 / 14)  # the tagger's spans: one reading
    plain = read_held_out(data, tmp_path, folds=2, decoding=decoding)
    assert plain[0].techniques.viewed is None
    assert plain[0].techniques.given_probs is plain[0].techniques.probs


def test_calibrate_says_when_the_folds_are_too_small_for_a_lexicon(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _two_fold_runs(tmp_path, monkeypatch)  # one technique in all the gold
    runs = tmp_path / "runs"
    for k, held in enumerate(("1", "2")):
        (runs / f"fold{k}").mkdir(parents=True)
        meta = {"held_out_ids": [held], "config": {}}
        (runs / f"fold{k}" / "train_meta.json").write_text(json.dumps(meta))
    model = tmp_path / "model"
    model.mkdir()
    config = {"labels": list(TECHNIQUE_NAMES), "max_tokens": 126, "inference_stride": 112}
    config.update(span_threshold=0.2, span_smooth=1, span_merge_gap=-1, span_seed=0.4)
    (model / "config.json").write_text(json.dumps(config))
    args = ["calibrate", str(data), "--runs", str(runs), "--model", str(model), "--folds", "2"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1, result.output
    message = " ".join(result.output.split())
    assert "at least two techniques" in message and "--no-lexicon" in message
    assert "Traceback" not in result.output


def test_calibrate_says_when_the_held_out_spans_are_too_few_to_calibrate_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _two_fold_runs(tmp_path, monkeypatch, gold="Doubt")  # every span is wrong
    runs = tmp_path / "runs"
    for k, held in enumerate(("1", "2")):
        (runs / f"fold{k}").mkdir(parents=True)
        meta = {"held_out_ids": [held], "config": {}}
        (runs / f"fold{k}" / "train_meta.json").write_text(json.dumps(meta))
    model = tmp_path / "model"
    model.mkdir()
    config = {"labels": list(TECHNIQUE_NAMES), "max_tokens": 126, "inference_stride": 112}
    config.update(span_threshold=0.2, span_smooth=1, span_merge_gap=-1, span_seed=0.4)
    (model / "config.json").write_text(json.dumps(config))
    args = ["calibrate", str(data), "--runs", str(runs), "--model", str(model), "--folds", "2"]
    result = CliRunner().invoke(app, [*args, "--no-offsets", "--no-stacker"])
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)  # no traceback
    message = " ".join(result.output.split())
    assert "needs both right and wrong spans" in message
    assert "too few to calibrate on" in message
    # A model folder whose config.json is no JSON is named too.
    (model / "config.json").write_text('{"labels": ')
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "is not valid JSON" in " ".join(result.output.split())


def test_the_model_gets_a_lexicon_only_when_its_stacker_weighs_one(tmp_path: Path) -> None:
    from propscope.cli import _write_lexicon
    from propscope.technique_lexicon import LEXICON_FILE, TechniqueLexicon

    data = tmp_path / "ptc"
    (data / "articles").mkdir(parents=True)
    text = "Title\n\nThe corrupt traitors met. Is it true?\n"
    a, b = text.index("corrupt traitors"), text.index("Is it true")
    for i in (1, 2):
        (data / "articles" / f"article{i}.txt").write_text(text, encoding="utf-8")
    (data / "train-task-si.labels").write_text(f"1\t{a}\t{a + 16}\n1\t{b}\t{b + 10}\n")
    (data / "train-task-flc-tc.labels").write_text(
        f"1\tName_Calling,Labeling\t{a}\t{a + 16}\n1\tDoubt\t{b}\t{b + 10}\n"
    )
    model = tmp_path / "model"
    model.mkdir()
    (model / "config.json").write_text(json.dumps({"labels": list(TECHNIQUE_NAMES)}))
    weighs = {"technique_choice": {"given_spans": {"stacker": {"lexicon_weight": 0.4}}}}
    labels = list(TECHNIQUE_NAMES)
    assert _write_lexicon(model, data, weighs, labels=labels) == 0.4
    lexicon = TechniqueLexicon.load(model / LEXICON_FILE, labels=len(TECHNIQUE_NAMES))
    assert TECHNIQUE_NAMES[int(lexicon.log_probs(text, [(b, b + 10)])[0].argmax())] == "Doubt"
    # Calibrated again without the lexicon: the old file goes, so no model keeps a stale one.
    nothing = {"technique_choice": {"given_spans": None}}
    assert _write_lexicon(model, data, nothing, labels=labels) == 0.0
    assert not (model / LEXICON_FILE).exists()


def test_held_out_spans_take_each_folds_offsets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from propscope.encoding import Decoding
    from propscope.training.calibration import held_out_spans

    data = _two_fold_runs(tmp_path, monkeypatch)
    loaded = TECHNIQUE_NAMES.index("Loaded_Language")
    # Fold 1's offsets say loaded language (+1 log-odds: 0.4 -> 0.64); fold 0 has none.
    offset = np.zeros(len(TECHNIQUE_NAMES), dtype=np.float32)
    offset[loaded] = 1.0
    spans = held_out_spans(
        data, tmp_path, folds=2, decoding=Decoding(0.2, 1, -1, 0.4), offsets=[None, offset]
    )
    assert [(s.fold, s.technique, s.rank) for s in spans] == [
        (0, "Name_Calling,Labeling", 0),
        (0, "Loaded_Language", 1),
        (1, "Loaded_Language", 0),
        (1, "Name_Calling,Labeling", 1),
    ]
    share = 0.4 * math.e / (0.4 * math.e + 0.6)
    assert spans[2].technique_probability == pytest.approx(share, abs=1e-5)


# --- technique offsets ---------------------------------------------------------------


def test_offsets_shift_the_log_probabilities_and_renormalise() -> None:
    from propscope.models.runtime import shift_probabilities

    probs = np.array([[0.6, 0.4]], dtype=np.float32)
    shifted = shift_probabilities(probs, np.array([0.0, math.log(3.0)], dtype=np.float32))
    assert shifted == pytest.approx(np.array([[1 / 3, 2 / 3]]), abs=1e-6)
    assert shift_probabilities(probs, None) is probs


def test_offsets_in_a_config_must_match_the_labels() -> None:
    from propscope.errors import ModelError
    from propscope.models.runtime import technique_offsets

    assert technique_offsets({}, ["a", "b"]) is None
    assert technique_offsets({"technique_offsets": [0.5, -1]}, ["a", "b"]).tolist() == [0.5, -1]  # type: ignore[union-attr]
    with pytest.raises(ModelError, match="re-run `propscope calibrate`"):
        technique_offsets({"technique_offsets": [0.5]}, ["a", "b"])


def test_fitted_offsets_turn_a_systematic_second_choice_into_the_first() -> None:
    from propscope.training.calibration import fit_technique_offsets

    # Technique 1 is right in the first three rows but always a little behind technique
    # 0; the fourth row is a clear technique 0.
    probs = np.array([[0.5, 0.45, 0.05], [0.55, 0.4, 0.05], [0.5, 0.4, 0.1], [0.9, 0.05, 0.05]])
    gold = np.array([1, 1, 1, 0])
    offsets = fit_technique_offsets(probs, gold)
    assert ((np.log(probs) + offsets).argmax(axis=1) == gold).all()
    assert offsets[1] - offsets[0] > math.log(0.55 / 0.4)
    # Nothing to gain, nothing moves.
    assert not fit_technique_offsets(probs[3:], gold[3:]).any()


def _offset_folds(surface: float = 0.0) -> list:  # type: ignore[type-arg]
    from propscope.io.ptc import TcRow
    from propscope.training.calibration import HeldOutTechniques

    folds = []
    for k in range(3):
        # Every fold: B is right but scored just under A, six times out of ten.
        template, probs = [], []
        for i in range(10):
            gold = "B" if i < 6 else "A"
            template.append(TcRow(f"{k}-{i}", gold, 0, 5))
            probs.append([0.5, 0.45, 0.05] if gold == "B" else [0.8, 0.1, 0.1])
        folds.append(HeldOutTechniques(k, template, np.array(probs), np.full((10, 9), surface)))
    return folds


def test_techniques_report_scores_each_fold_with_offsets_fitted_on_the_others() -> None:
    from propscope.training.calibration import techniques_report

    report = techniques_report(["A", "B", "C"], _offset_folds(), stacker=False)
    assert report["tc_micro_f1"]["classifier"]["folds"] == [0.4, 0.4, 0.4]
    assert report["tc_micro_f1"]["offsets"]["folds"] == [1.0, 1.0, 1.0]
    assert report["offsets"]["B"] - report["offsets"]["A"] > math.log(0.5 / 0.45)
    assert len(report["nested_offsets"]) == 3
    assert report["given_spans"] is None and "given_spans" not in report["tc_micro_f1"]


def test_write_calibration_puts_the_offsets_in_label_order(tmp_path: Path) -> None:
    from propscope.models.runtime import technique_offsets
    from propscope.stacking import TechniqueStacker
    from propscope.training.calibration import techniques_report

    labels = ["B", "A", "C"]
    (tmp_path / "config.json").write_text(json.dumps({"labels": labels}))
    report = calibration_report(_synthetic_spans(500, 5), folds=5)
    report["technique_choice"] = {"offsets": {"A": -0.5, "B": 1.0, "C": 0.0}, "given_spans": None}
    write_calibration(tmp_path, report)
    config = json.loads((tmp_path / "config.json").read_text())
    assert config["technique_offsets"] == [1.0, -0.5, 0.0]
    assert "given_spans" not in config
    report["technique_choice"] = choice = techniques_report(labels, _offset_folds(1.0))
    write_calibration(tmp_path, report)
    config = json.loads((tmp_path / "config.json").read_text())
    given = config["given_spans"]
    assert TechniqueStacker.from_config({"labels": labels, **given}) is not None
    expected = [choice["given_spans"]["offsets"][name] for name in labels]
    assert technique_offsets(given, labels).tolist() == pytest.approx(expected)  # type: ignore[union-attr]
    assert "views" not in given  # read once, as before views
    # Fitted on given spans read in more windows, the model reads them so too.
    viewed = [dataclasses.replace(f, viewed=f.probs) for f in _offset_folds(1.0)]
    report["technique_choice"] = techniques_report(labels, viewed, views=(0.25, 0.75))
    write_calibration(tmp_path, report)
    config = json.loads((tmp_path / "config.json").read_text())
    assert config["given_spans"]["views"] == [0.25, 0.75]
    del report["technique_choice"]  # calibrated with --no-offsets --no-stacker: none are kept
    write_calibration(tmp_path, report)
    config = json.loads((tmp_path / "config.json").read_text())
    assert "technique_offsets" not in config and "given_spans" not in config


def test_a_calibrated_model_can_be_given_a_new_version(tmp_path: Path) -> None:
    from propscope.training.card import set_model_version

    model = tmp_path / "model"
    model.mkdir()
    (model / "config.json").write_text(json.dumps({"name": "techniques-x", "version": "0.2.0"}))
    card = "# Model card: techniques-x 0.2.0\n\nText that stays.\n## Model\n- 0.2.0 here stays\n"
    (model / "MODEL_CARD.md").write_text(card)
    set_model_version(model, "0.2.1")
    assert json.loads((model / "config.json").read_text())["version"] == "0.2.1"
    assert (model / "MODEL_CARD.md").read_text() == card.replace(
        "techniques-x 0.2.0", "techniques-x 0.2.1"
    )
    for bad in ("", "0.2 .1", "0.3\n"):
        with pytest.raises(ValueError, match="one word"):
            set_model_version(model, bad)
    assert json.loads((model / "config.json").read_text())["version"] == "0.2.1"


def test_calibrate_refuses_a_version_that_is_not_one_word_before_any_work(
    tmp_path: Path,
) -> None:
    model = tmp_path / "model"
    model.mkdir()
    config = {"labels": list(TECHNIQUE_NAMES), "max_tokens": 126, "inference_stride": 112}
    config.update(span_threshold=0.2, span_smooth=1, span_merge_gap=-1, span_seed=0.4)
    (model / "config.json").write_text(json.dumps(config))
    runs = tmp_path / "runs"
    for k in range(2):
        (runs / f"fold{k}").mkdir(parents=True)
        (runs / f"fold{k}" / "train_meta.json").write_text("{}")
    args = ["calibrate", str(tmp_path), "--runs", str(runs), "--model", str(model)]
    result = CliRunner().invoke(app, [*args, "--folds", "2", "--version", "0.2 beta"])
    assert result.exit_code == 1, result.output
    assert "must be one word" in " ".join(result.output.split())
    assert not (runs / "calibrate.log").exists()  # refused before reading a fold


def test_calibrating_puts_the_fold_models_figures_on_the_card(tmp_path: Path) -> None:
    from propscope.cli import _refresh_crossval_section

    model, runs = tmp_path / "model", tmp_path / "runs"
    model.mkdir()
    card = (
        "# Model card: techniques-x 0.2.0\n\n## Training\n- kept\n\n"
        "## Cross-validated quality\nSI F1 0.9999 from folds long gone\n\n"
        "## Confidence calibration\nkept too\n"
    )
    (model / "MODEL_CARD.md").write_text(card)
    assert not _refresh_crossval_section(model, runs)  # no report: the card stays
    assert (model / "MODEL_CARD.md").read_text() == card
    stage = {"epochs": 1, "learning_rate": 3e-05, "seed": 13}
    (runs / "stage1" / "fold0").mkdir(parents=True)
    (runs / "stage1" / "fold0" / "train_meta.json").write_text(
        json.dumps({"config": {**stage, "epochs": 2}})
    )
    chained = {**stage, "init_checkpoint": str(runs / "stage1" / "fold0" / "checkpoint.pt")}
    (runs / "fold0").mkdir()
    (runs / "fold0" / "train_meta.json").write_text(json.dumps({"config": chained}))
    fold = {"decoding": {"span_threshold": 0.2, "span_smooth": 1, "span_merge_gap": -1}}
    fold["decoding"]["span_seed"] = 0.5
    per_fold = [
        {**fold, "fold": k, "si": {"precision": 0.3, "recall": 0.6, "f1": f1}, "tc_micro_f1": 0.6}
        for k, f1 in enumerate((0.41, 0.43))
    ]
    pooled = {"Doubt": {"precision": 0.5, "recall": 0.5, "f1": 0.5, "gold": 10}}
    report = {"folds": 2, "si_f1_mean": 0.42, "si_f1_std": 0.01, "tc_micro_f1_mean": 0.6}
    report.update(tc_micro_f1_std=0.0, per_fold=per_fold, tc_pooled={"per_technique": pooled})
    (runs / "crossval.json").write_text(json.dumps(report))
    assert _refresh_crossval_section(model, runs)
    text = (model / "MODEL_CARD.md").read_text()
    assert "0.9999" not in text and "| SI F1 (span identification) | 0.4200 | 0.0100 |" in text
    assert "| 1 | 0.2, 0.5, 1, -1 | 0.300 | 0.600 | 0.430 | 0.600 |" in text
    # The command rebuilds both stages, the second going on from the first.
    assert "--runs runs/cv-stage1 --folds 2 --epochs 2" in text
    assert "--runs runs/cv-stage2 --folds 2 --epochs 1" in text
    assert "--continue-from runs/cv-stage1" in text
    assert text.startswith("# Model card: techniques-x 0.2.0\n\n## Training\n- kept\n\n")
    assert text.endswith("\n\n## Confidence calibration\nkept too\n")


def test_the_layer_records_its_min_score_so_a_run_says_what_it_left_out() -> None:
    cal = Calibration((2.0, 1.0, -1.0, 0.0), 1.5)
    assert TechniqueTagger(runtime=_Runtime(cal)).model_info()["min_score"] == 0.0  # type: ignore[arg-type]
    strict = TechniqueTagger(runtime=_Runtime(cal), min_score=0.9)  # type: ignore[arg-type]
    assert strict.model_info()["min_score"] == 0.9
    assert _one_span_analysis(strict).techniques == []  # the one span scores 0.82


def test_classify_refuses_half_a_character_before_the_model_reads() -> None:
    from propscope.errors import InputError

    tagger = TechniqueTagger(runtime=_Runtime(None))  # type: ignore[arg-type]
    with pytest.raises(InputError, match=r"unpaired surrogate \(U\+D800 at character 5\)"):
        tagger.classify("The a\ud800b traitors lied.", [(7, 15)])


def test_classify_names_one_pair_given_for_a_list() -> None:
    from propscope.errors import SpanError

    tagger = TechniqueTagger(runtime=_Runtime(None))  # type: ignore[arg-type]
    with pytest.raises(
        SpanError, match=r"spans is one pair \(4, 12\): give a list .* \[\(4, 12\)\]"
    ):
        tagger.classify("The traitors lied.", (4, 12))  # type: ignore[arg-type]
