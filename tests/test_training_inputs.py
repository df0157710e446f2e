"""What the model-building commands say about inputs they cannot use: each is refused in
one line, before any training and before an output folder is made, and what training
leaves out of its data is said. No test here trains a model."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from typer.testing import CliRunner

pytest.importorskip("torch", reason="training tests need the [train] extra")

from propscope import cli
from propscope.training.data import Article, TrainingDataError
from propscope.training.run import check_training_data
from propscope.training.train import TrainConfig, train_model
from ptc_fakes import TEXT_A, tiny_ptc

pytestmark = pytest.mark.train


def _said(result) -> str:  # type: ignore[no-untyped-def]
    """The output of a command without its white space: the console breaks long paths
    anywhere. Compare it with `_flat` text."""
    return _flat(result.output)


def _flat(text: str) -> str:
    return "".join(text.split())


def _refused(result) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception  # no traceback
    return _said(result)


def _relabel(data: Path, si: str, tc: str = "") -> Path:
    (data / "train-task-si.labels").write_text(si)
    (data / "train-task-flc-tc.labels").write_text(tc)
    return data


# -- nothing to train on: refused before any training, with no output folder ----------


@pytest.mark.parametrize("command", ["train", "crossval"])
def test_labels_that_name_no_article_of_the_folder_are_refused_before_training(
    tmp_path: Path, command: str
) -> None:
    data = tiny_ptc(tmp_path / "ptc", 4)
    rows = "".join(f"{900 + n}\t10\t20\n" for n in range(33))
    _relabel(data, rows)
    out = tmp_path / "out"
    flag = "--output" if command == "train" else "--runs"
    said = _refused(CliRunner().invoke(cli.app, [command, str(data), flag, str(out)]))
    assert _flat("train-task-si.labels names 33 article(s), none of them in") in said
    assert _flat(str(data / "articles")) in said and _flat("(first: 900)") in said
    assert not out.exists()  # no folder holding only a log


def test_an_empty_articles_folder_and_labels_without_spans_are_named(tmp_path: Path) -> None:
    runner = CliRunner()
    data = tiny_ptc(tmp_path / "ptc", 2)
    for article in (data / "articles").iterdir():
        article.unlink()
    said = _refused(runner.invoke(cli.app, ["train", str(data), "-o", str(tmp_path / "m")]))
    assert _flat(f"{data / 'articles'} holds no article<ID>.txt files") in said
    data = _relabel(tiny_ptc(tmp_path / "ptc2", 2), "")
    said = _refused(runner.invoke(cli.app, ["train", str(data), "-o", str(tmp_path / "m")]))
    assert _flat("train-task-si.labels holds no spans") in said
    assert not (tmp_path / "m").exists()


def test_spans_that_all_end_past_their_articles_are_refused(tmp_path: Path) -> None:
    data = _relabel(tiny_ptc(tmp_path / "ptc", 2), "1\t99000\t99050\n")
    with pytest.raises(TrainingDataError, match="1 span\\(s\\) end past their article's text"):
        check_training_data(data)


def test_folds_that_would_hold_out_nothing_or_train_on_no_span_are_refused(
    tmp_path: Path,
) -> None:
    data = tiny_ptc(tmp_path / "ptc", 3)
    with pytest.raises(TrainingDataError, match="Give --folds 3 or fewer"):
        check_training_data(data, folds=4)
    # Only article 1 is labelled: the fold that holds it out has nothing to learn.
    start = TEXT_A.index("corrupt traitors")
    _relabel(data, f"1\t{start}\t{start + 16}\n")
    with pytest.raises(TrainingDataError, match="would train on no labelled span"):
        check_training_data(data, folds=2)


def test_articles_without_words_give_no_window_and_are_refused() -> None:
    with pytest.raises(TrainingDataError, match="give no training window"):
        train_model([Article("1", " \n \n", si=[(0, 2)])], config=TrainConfig(epochs=1))


def test_what_training_leaves_out_of_the_labels_is_said_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import propscope.training.run as run

    data = tiny_ptc(tmp_path / "ptc", 4)
    with open(data / "train-task-si.labels", "a") as labels:
        labels.write("".join(f"{999 + n}\t1\t5\n" for n in range(32)) + "1\t99000\t99050\n")
    with open(data / "train-task-flc-tc.labels", "a") as labels:
        labels.write("2\tDoubt\t99000\t99100\n999\tDoubt\t1\t5\n")
    articles, warning = check_training_data(data)
    assert warning == (
        f"33 label row(s) name articles not in {data / 'articles'} (first: 999); "
        "2 span(s) end past their article's text (first: 1 99000-99050); they are left out"
    )
    assert all(end <= len(a.text) for a in articles for _, end in a.si)
    assert check_training_data(tiny_ptc(tmp_path / "clean", 2))[1] is None

    trained: list[int | None] = []
    monkeypatch.setattr(run, "train_checkpoint", lambda *a, **k: trained.append(k["fold"]))
    runs = tmp_path / "runs"
    result = CliRunner().invoke(
        cli.app, ["crossval", str(data), "--runs", str(runs), "--folds", "2"]
    )
    assert result.exit_code == 0, result.output
    assert trained == [0, 1]
    assert _said(result).count(_flat("33 label row(s) name articles not in")) == 1
    assert "they are left out" in (runs / "crossval.log").read_text()


# -- output paths -----------------------------------------------------------------------


def test_an_output_or_runs_path_that_is_a_file_is_refused_in_one_line(tmp_path: Path) -> None:
    runner = CliRunner()
    data = tiny_ptc(tmp_path / "ptc", 4)
    taken = tmp_path / "taken"
    taken.write_text("notes")
    said = _refused(runner.invoke(cli.app, ["train", str(data), "--output", str(taken)]))
    assert _flat("is a file, not a folder") in said
    said = _refused(runner.invoke(cli.app, ["crossval", str(data), "--runs", str(taken)]))
    assert _flat(f"--runs {taken} is a file") in said
    # A folder of other things is no model folder: writing a model would replace it.
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "todo.txt").write_text("x")
    said = _refused(runner.invoke(cli.app, ["train", str(data), "-o", str(tmp_path / "notes")]))
    assert _flat("holds other files (todo.txt) and no config.json") in said
    assert sorted(p.name for p in (tmp_path / "notes").iterdir()) == ["todo.txt"]
    assert taken.read_text() == "notes"


def test_export_refuses_an_output_file_before_reading_the_checkpoint(tmp_path: Path) -> None:
    checkpoint = tmp_path / "run" / "checkpoint"
    checkpoint.mkdir(parents=True)
    (checkpoint / "checkpoint.pt").write_bytes(b"never read")
    meta = {"config": TrainConfig().to_dict(), "data": str(tmp_path / "ptc")}
    (checkpoint / "train_meta.json").write_text(json.dumps(meta))
    taken = tmp_path / "taken"
    taken.write_text("notes")
    result = CliRunner().invoke(cli.app, ["export", str(checkpoint), "-o", str(taken)])
    assert _flat("is a file, not a folder") in _refused(result)
    # Given a folder, the checkpoint is read, and one that cannot be is named.
    result = CliRunner().invoke(cli.app, ["export", str(checkpoint), "-o", str(tmp_path / "m")])
    said = _refused(result)
    assert (
        _flat("checkpoint.pt cannot be read as a checkpoint") in said
        and _flat("train it again") in said
    )
    assert not (tmp_path / "m").exists()


def test_a_log_that_cannot_be_written_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(path: Path, *args: object, **kwargs: object) -> logging.Handler:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(logging, "FileHandler", refuse)
    data = tiny_ptc(tmp_path / "ptc", 2)
    result = CliRunner().invoke(cli.app, ["train", str(data), "-o", str(tmp_path / "m")])
    said = _refused(result)
    assert _flat("cannot write the log") in said and _flat("Permission denied") in said


def test_init_checkpoint_inside_the_output_folder_is_refused(tmp_path: Path) -> None:
    data = tiny_ptc(tmp_path / "ptc", 2)
    own = tmp_path / "m5" / "checkpoint"
    own.mkdir(parents=True)
    (own / "checkpoint.pt").write_bytes(b"earlier weights")
    args = ["train", str(data), "--output", str(tmp_path / "m5")]
    result = CliRunner().invoke(cli.app, [*args, "--init-checkpoint", str(own / "checkpoint.pt")])
    said = _refused(result)
    assert _flat("is inside --output") in said and _flat("overwrite") in said
    assert (own / "checkpoint.pt").read_bytes() == b"earlier weights"
    assert not (tmp_path / "m5" / "train.log").exists()


def test_train_help_names_no_fixed_training_window() -> None:
    result = CliRunner().invoke(cli.app, ["train", "--help"], env={"COLUMNS": "200"})
    said = _said(result)
    assert _flat("training reads 254") not in said
    assert _flat("the training windows are the run's --train-window,") in said
    assert _flat("254 by default). Shorter windows") in said


# -- the log -----------------------------------------------------------------------------


def test_the_command_log_is_not_also_handed_to_the_root_logger(tmp_path: Path) -> None:
    seen: list[str] = []

    class Catch(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            seen.append(record.getMessage())

    root = logging.getLogger()
    catch = Catch()
    root.addHandler(catch)  # as onnxruntime's logging.warning sets one up
    try:
        with cli._log_to(tmp_path / "run" / "train.log"):
            logging.getLogger("propscope.training").info("step 1/1")
        assert seen == []
        assert (tmp_path / "run" / "train.log").read_text().count("step 1/1") == 1
        assert logging.getLogger("propscope").propagate  # as it was before the command
    finally:
        root.removeHandler(catch)


# -- a model folder whose config.json is no JSON ---------------------------------------


def test_a_model_folder_with_a_broken_config_is_one_line(tmp_path: Path) -> None:
    model = tmp_path / "model"
    model.mkdir()
    for name in ("encoder.onnx", "span_head.npz", "tokenizer.json"):
        (model / name).write_bytes(b"")
    (model / "config.json").write_text('{"labels": [')
    article = tmp_path / "a.txt"
    article.write_text("Title\n\nThe corrupt traitors met again.\n", encoding="utf-8")
    result = CliRunner().invoke(cli.app, ["analyze", str(article), "--model", str(model)])
    said = _refused(result)
    assert _flat(f"{model / 'config.json'} is not valid JSON") in said


def test_a_model_folder_cut_short_is_named_with_its_own_fix_not_a_reinstall(tmp_path: Path) -> None:
    model = tmp_path / "model"
    model.mkdir()
    (model / "config.json").write_text("{}")
    article = tmp_path / "a.txt"
    article.write_text("Title\n\nThe corrupt traitors met again.\n", encoding="utf-8")
    result = CliRunner().invoke(cli.app, ["analyze", str(article), "--model", str(model)])
    said = _refused(result)
    assert _flat("is missing encoder.onnx, span_head.npz, tokenizer.json") in said
    assert _flat("Point --model at a whole model folder") in said and "Reinstall" not in said


# -- the side entry points ---------------------------------------------------------------


def _side(module: str, argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    import importlib

    main = importlib.import_module(f"propscope.training.{module}").main
    assert main(argv) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and "\n" not in err, err
    return _flat(err)


@pytest.mark.parametrize("module", ["checkworthy", "stance", "attribution_cues"])
def test_side_entry_points_say_what_is_wrong_in_one_line(
    module: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = str(tmp_path / "out")
    assert _flat(str(tmp_path / "missing")) in _side(
        module, [str(tmp_path / "missing"), "--out", out], capsys
    )
    (tmp_path / "empty").mkdir()
    _side(module, [str(tmp_path / "empty"), "--out", out], capsys)
    (tmp_path / "taken").write_text("x")
    said = _side(module, [str(tmp_path / "empty"), "--out", str(tmp_path / "taken")], capsys)
    assert _flat("is a file") in said
    assert not (tmp_path / "out").exists()


def test_side_entry_points_refuse_settings_that_cannot_train(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = str(tmp_path / "out")
    said = _side("checkworthy", [str(tmp_path), "--out", out, "--folds", "1"], capsys)
    assert _flat("at least 2 folds") in said
    said = _side("stance", [str(tmp_path), "--out", out, "--epochs", "0"], capsys)
    assert _flat("at least 1 epoch") in said


def test_stance_data_without_pairs_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "train_bodies.csv").write_text("Body ID,articleBody\n")
    (tmp_path / "train_stances.csv").write_text("Headline,Body ID,Stance\n")
    said = _side("stance", [str(tmp_path), "--out", str(tmp_path / "out")], capsys)
    assert _flat("train_stances.csv holds no rows") in said
    (tmp_path / "train_stances.csv").write_text("Title,Body\nx,1\n")
    said = _side("stance", [str(tmp_path), "--out", str(tmp_path / "out")], capsys)
    assert _flat("does not hold FNC-1's files") in said
