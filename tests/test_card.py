"""The model card says what the model was trained on and how it was measured, from the
files themselves: never figures or data copied by hand."""

from __future__ import annotations

import shutil
from pathlib import Path

import propscope
from propscope.training.card import CROSSVAL_HEADING, data_line, write_card
from ptc_fakes import tiny_ptc

SHIPPED = Path(propscope.__file__).parent / "models" / "techniques-minilm"


def _model_folder(tmp_path: Path) -> Path:
    model = tmp_path / "model"
    model.mkdir()
    shutil.copy(SHIPPED / "config.json", model / "config.json")
    (model / "encoder.onnx").write_bytes(b"\0" * 1_500_000)
    return model


def test_the_data_line_counts_the_folder_it_names(tmp_path: Path) -> None:
    data = tiny_ptc(tmp_path / "mine", 3)
    with (data / "train-task-si.labels").open("a") as labels:
        labels.write("999\t0\t5\n")  # an article the folder lacks: not counted
    line = data_line(data)
    assert "3 articles, 3 spans, 3 technique labels" in line
    assert "SemEval" not in line  # only a folder named ptc-train is called the PTC
    assert "not on this machine" in data_line(tmp_path / "gone")
    assert data_line(None) == "- Data: not recorded with the checkpoint.\n"


def test_a_card_without_cross_validation_says_so_and_names_the_real_data(tmp_path: Path) -> None:
    model = _model_folder(tmp_path)
    data = tiny_ptc(tmp_path / "mine", 2)
    write_card(
        model,
        None,
        train_command="propscope train mine --output m",
        crossval_command="propscope crossval mine --runs cv",
        export_command="propscope export m/checkpoint --output m",
        data=data,
    )
    card = (model / "MODEL_CARD.md").read_text()
    assert card.startswith("# Model card: techniques-minilm ")
    assert "2 articles, 2 spans, 2 technique labels" in card
    assert "371 articles" not in card and "ptc-train" not in card
    section = card.split(CROSSVAL_HEADING, 1)[1]
    assert section.lstrip().startswith("Not measured.")
    assert "`propscope crossval mine --runs cv`" in section


def test_the_cross_validation_section_names_the_seed_that_cut_the_folds(tmp_path: Path) -> None:
    model = _model_folder(tmp_path)
    per_technique = {"Loaded_Language": {"gold": 3, "precision": 0.5, "recall": 0.5, "f1": 0.5}}
    fold = {
        "fold": 0,
        "decoding": {
            "span_threshold": 0.2,
            "span_seed": 0.5,
            "span_smooth": 1,
            "span_merge_gap": -1,
        },
        "si": {"precision": 0.4, "recall": 0.5, "f1": 0.44},
        "tc_micro_f1": 0.6,
    }
    report = {
        "folds": 2,
        "si_f1_mean": 0.44,
        "si_f1_std": 0.01,
        "tc_micro_f1_mean": 0.6,
        "tc_micro_f1_std": 0.02,
        "per_fold": [fold, {**fold, "fold": 1}],
        "tc_pooled": {"per_technique": per_technique},
    }
    write_card(
        model,
        report,
        train_command="t",
        crossval_command="c",
        export_command="e",
        data=None,
        split_seed=7,
    )
    card = (model / "MODEL_CARD.md").read_text()
    assert "2-fold cross-validation by article (the same split for every run, seed\n7)" in card
    assert "| SI F1 (span identification) | 0.4400 | 0.0100 |" in card
