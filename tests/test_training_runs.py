"""What a training run leaves on disk, and what a rerun trusts of it: fold checkpoints
reused only under the settings they were trained with, files written whole or not at
all, a model folder replaced whole, and the chain of stages followed without looping."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

pytest.importorskip("torch", reason="training tests need the [train] extra")

from propscope import cli
from propscope.training.run import (
    CHECKPOINT_NAME,
    RunFolderError,
    check_reused_folds,
    earlier_stages,
    fold_split,
    train_checkpoint,
)
from propscope.training.train import TrainConfig
from ptc_fakes import tiny_ptc

pytestmark = pytest.mark.train


def _flat(text: str) -> str:
    """Text without its white space: the console breaks long paths anywhere."""
    return "".join(text.split())


def _refused(result) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception  # no traceback
    return _flat(result.output)


def _fake_runs(
    runs: Path, data: Path, *, folds: int = 2, seed: int = 13, config: TrainConfig
) -> None:
    """Fold folders as `train_checkpoint` leaves them (the weights a stand-in)."""
    ids = sorted(p.stem.removeprefix("article") for p in (data / "articles").iterdir())
    for k, held in enumerate(fold_split(ids, folds=folds, seed=seed)):
        fold_dir = runs / f"fold{k}"
        fold_dir.mkdir(parents=True)
        (fold_dir / CHECKPOINT_NAME).write_bytes(b"weights")
        meta = {
            "config": config.to_dict(),
            "data": str(data.resolve()),
            "held_out_ids": held,
            "folds": folds,
            "fold": k,
            "split_seed": seed,
        }
        (fold_dir / "train_meta.json").write_text(json.dumps(meta))


# -- reruns of crossval into a runs folder ----------------------------------------------


def test_crossval_refuses_to_reuse_folds_trained_with_other_settings(tmp_path: Path) -> None:
    data = tiny_ptc(tmp_path / "ptc", 6)
    runs = tmp_path / "runs"
    _fake_runs(runs, data, config=TrainConfig(epochs=1))
    runner = CliRunner()
    command = ["crossval", str(data), "--runs", str(runs), "--folds", "2", "--epochs", "1"]

    said = _refused(runner.invoke(cli.app, [*command, "--seed", "14"]))
    assert _flat("fold0 was trained with --split-seed 13 (now 14), --seed 13 (now 14)") in said
    assert _flat(f"Give another --runs, or remove {runs}") in said
    said = _refused(runner.invoke(cli.app, [*command, "--seed", "14", "--split-seed", "13"]))
    assert _flat("was trained with --seed 13 (now 14).") in said
    said = _refused(runner.invoke(cli.app, [*command[:-4], "--folds", "3", "--epochs", "1"]))
    assert _flat("fold0 was trained with --folds 2 (now 3)") in said
    said = _refused(runner.invoke(cli.app, [*command[:-2], "--epochs", "2"]))
    assert _flat("was trained with --epochs 1 (now 2).") in said
    # Going on from an earlier run, with other epochs, is another run too.
    earlier = tmp_path / "earlier"
    _fake_runs(earlier, data, config=TrainConfig(epochs=1))
    more = [*command[:-2], "--epochs", "2", "--continue-from", str(earlier)]
    said = _refused(runner.invoke(cli.app, more))
    assert _flat("--epochs 1 (now 2), --continue-from none (now") in said
    # Another data folder with the same articles.
    other = shutil.copytree(data, tmp_path / "other")
    said = _refused(runner.invoke(cli.app, ["crossval", str(other), *command[2:]]))
    assert _flat(f"data {data.resolve()} (now {other.resolve()})") in said
    assert not (runs / "crossval.log").exists()  # refused before anything was written

    # The same settings pass: the folds are reused as they are.
    ids = [str(n + 1) for n in range(6)]
    same = [TrainConfig(epochs=1)] * 2
    kept = {"folds": 2, "split_seed": 13, "configs": same, "article_ids": ids}
    check_reused_folds(runs, data_dir=data, **kept)  # type: ignore[arg-type]
    with pytest.raises(RunFolderError, match="other held-out articles"):
        check_reused_folds(  # the articles of the folder changed
            runs, data_dir=data, **{**kept, "article_ids": [*ids, "7"]}
        )  # type: ignore[arg-type]


def test_a_fold_checkpoint_without_its_meta_is_named_with_the_fix(tmp_path: Path) -> None:
    data = tiny_ptc(tmp_path / "ptc", 4)
    runs = tmp_path / "runs"
    _fake_runs(runs, data, config=TrainConfig(epochs=1))
    (runs / "fold1" / "train_meta.json").unlink()
    command = ["crossval", str(data), "--runs", str(runs), "--folds", "2", "--epochs", "1"]
    said = _refused(CliRunner().invoke(cli.app, command))
    assert _flat(f"{runs / 'fold1' / CHECKPOINT_NAME} has no train_meta.json beside it") in said
    assert _flat(f"Delete {runs / 'fold1'} and run the same command again") in said
    (runs / "fold1" / "train_meta.json").write_text('{"config": {"epo')  # cut short
    said = _refused(CliRunner().invoke(cli.app, command))
    assert _flat("train_meta.json is not the JSON object a training run writes") in said


def test_a_truncated_fold_checkpoint_is_named_with_the_fix(tmp_path: Path) -> None:
    data = tiny_ptc(tmp_path / "ptc", 4)
    runs = tmp_path / "runs"
    _fake_runs(runs, data, config=TrainConfig(epochs=1))  # b"weights": no checkpoint
    command = ["crossval", str(data), "--runs", str(runs), "--folds", "2", "--epochs", "1"]
    said = _refused(CliRunner().invoke(cli.app, command))
    assert _flat(f"{runs / 'fold0' / CHECKPOINT_NAME} cannot be read as a checkpoint") in said
    assert _flat(f"delete {runs / 'fold0'} and run the same crossval command again") in said
    assert "Reinstall" not in said
    assert not (runs / "fold0" / "model").exists()


def test_a_fold_model_cut_short_is_named_with_the_fix(tmp_path: Path) -> None:
    from propscope.training.crossval import held_out_scores
    from propscope.training.data import load_ptc

    data = tiny_ptc(tmp_path / "ptc", 4)
    articles = {a.id: a for a in load_ptc(data)}
    runs = tmp_path / "runs"
    _fake_runs(runs, data, config=TrainConfig(epochs=1))
    model = runs / "fold0" / "model"
    model.mkdir()
    (model / "encoder.onnx").write_bytes(b"half")
    with pytest.raises(RunFolderError) as refused:
        held_out_scores(runs / "fold0", articles)
    message = str(refused.value)
    assert "lacks span_head.npz, tokenizer.json, config.json" in message
    assert f"Delete {model} (the fold's checkpoint stays)" in message
    assert "Reinstall" not in message
    # Whole but for the word prior, which the other fold's model has.
    for name in ("span_head.npz", "tokenizer.json", "config.json"):
        (model / name).write_bytes(b"")
    (runs / "fold1" / "model").mkdir()
    (runs / "fold1" / "model" / "word_prior.npz").write_bytes(b"")
    with pytest.raises(RunFolderError, match=r"lacks word_prior\.npz"):
        held_out_scores(runs / "fold0", articles)


def test_scoring_folds_on_another_data_folder_names_the_one_they_were_cut_from(
    tmp_path: Path,
) -> None:
    data = tiny_ptc(tmp_path / "ptc", 4)
    runs = tmp_path / "runs"
    _fake_runs(runs, data, config=TrainConfig(epochs=1))
    other = tiny_ptc(tmp_path / "other", 4, first_id=739140767)
    model = tmp_path / "model"
    model.mkdir()
    config = {"labels": [], "max_tokens": 126, "inference_stride": 112}
    config.update(span_threshold=0.2, span_smooth=1, span_merge_gap=-1, span_seed=0.4)
    (model / "config.json").write_text(json.dumps(config))
    args = ["calibrate", str(other), "--runs", str(runs), "--model", str(model), "--folds", "2"]
    said = _refused(CliRunner().invoke(cli.app, args))
    assert _flat("which the data folder lacks: give the folder it was trained on") in said
    assert _flat(str(data.resolve())) in said


# -- files written whole ---------------------------------------------------------------


class _Weights:
    """A stand-in for the trained model: what `train_checkpoint` saves of it."""

    def state_dict(self) -> dict[str, object]:
        import torch

        return {"w": torch.zeros(2)}


def test_a_checkpoint_never_stands_without_its_meta(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import propscope.training.run as run

    monkeypatch.setattr(run, "train_model", lambda articles, **kwargs: _Weights())
    data = tiny_ptc(tmp_path / "ptc", 2)

    def cut(path: Path, text: str) -> None:
        raise KeyboardInterrupt  # the run is stopped while the meta is written

    monkeypatch.setattr(run, "_write_atomically", cut)
    with pytest.raises(KeyboardInterrupt):
        train_checkpoint(data, tmp_path / "out", config=TrainConfig(epochs=1))
    assert not (tmp_path / "out" / CHECKPOINT_NAME).exists()
    assert not (tmp_path / "out" / "train_meta.json").exists()


def test_the_meta_names_the_data_folder_resolved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import propscope.training.run as run

    monkeypatch.setattr(run, "train_model", lambda articles, **kwargs: _Weights())
    tiny_ptc(tmp_path / "ptc", 2)
    monkeypatch.chdir(tmp_path)
    train_checkpoint(Path("ptc"), Path("out"), config=TrainConfig(epochs=1))
    meta = json.loads((tmp_path / "out" / "train_meta.json").read_text())
    assert meta["data"] == str((tmp_path / "ptc").resolve())
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        CHECKPOINT_NAME,
        "train_meta.json",
    ]


# -- a run that went on from itself ------------------------------------------------------


def test_earlier_stages_stop_at_a_checkpoint_met_before(tmp_path: Path) -> None:
    def stage(name: str, init: Path) -> Path:
        folder = tmp_path / name
        folder.mkdir()
        config = TrainConfig(epochs=1, init_checkpoint=str(init)).to_dict()
        (folder / "train_meta.json").write_text(json.dumps({"config": config}))
        return folder / CHECKPOINT_NAME

    own = stage("m5", tmp_path / "m5" / CHECKPOINT_NAME)  # went on from itself
    configs, broken = earlier_stages(str(own))
    assert len(configs) == 1 and broken == str(own)
    a = tmp_path / "a" / CHECKPOINT_NAME
    b = stage("b", a)
    stage("a", b)  # a from b, b from a
    configs, broken = earlier_stages(str(a))
    assert len(configs) == 2 and broken == str(a)


# -- a model folder replaced whole --------------------------------------------------------


def test_replacing_a_folder_leaves_no_earlier_file_and_keeps_the_training_record(
    tmp_path: Path,
) -> None:
    from propscope.training.export import OutputFolderError, replacing_folder

    out = tmp_path / "m"
    (out / "checkpoint").mkdir(parents=True)
    (out / "checkpoint" / CHECKPOINT_NAME).write_bytes(b"weights")
    (out / "train.log").write_text("log\n")
    for name in ("config.json", "MODEL_CARD.md", "technique_lexicon.npz"):
        (out / name).write_text("old")
    with replacing_folder(out) as staging:
        assert staging.parent == tmp_path and staging.name.startswith(".m.new-")
        (staging / "config.json").write_text("new")
    assert sorted(p.name for p in out.iterdir()) == ["checkpoint", "config.json", "train.log"]
    assert (out / "config.json").read_text() == "new"
    assert (out / "checkpoint" / CHECKPOINT_NAME).read_bytes() == b"weights"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m"]  # nothing left aside
    # An export that fails leaves the folder as it was.
    with pytest.raises(RuntimeError), replacing_folder(out) as staging:
        (staging / "config.json").write_text("half")
        raise RuntimeError("cut")
    assert (out / "config.json").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m"]
    # What may not be replaced: a file, a folder of other things.
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(OutputFolderError, match="is a file"):
        with replacing_folder(tmp_path / "notes.txt"):
            pass
    with pytest.raises(OutputFolderError, match=r"no config\.json"):
        with replacing_folder(tmp_path):
            pass


def test_export_replaces_a_model_folder_whole_from_any_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from propscope.technique_lexicon import LEXICON_FILE

    # A `propscope train` folder: trained from a relative data path.
    monkeypatch.chdir(tmp_path)
    tiny_ptc(tmp_path / "ptc", 2)
    config = TrainConfig(epochs=1, batch_size=2)
    train_checkpoint(Path("ptc"), Path("m") / "checkpoint", config=config)
    out = tmp_path / "m"
    (out / "train.log").write_text("log\n")
    # An earlier, calibrated model in it.
    (out / "config.json").write_text(json.dumps({"calibration": {"weights": [1]}}))
    (out / "MODEL_CARD.md").write_text("# old card\n")
    (out / LEXICON_FILE).write_bytes(b"old")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = CliRunner().invoke(cli.app, ["export", str(out / "checkpoint"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "checkpoint",
        "config.json",
        "encoder.onnx",
        "span_head.npz",
        "tokenizer.json",
        "train.log",
        "word_prior.npz",  # the data folder is found from here too
    ]
    assert "calibration" not in json.loads((out / "config.json").read_text())
    assert (out / "train.log").read_text() == "log\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["elsewhere", "m", "ptc"]
    assert os.getcwd() == str(elsewhere)
