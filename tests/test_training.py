"""The trainable component: overfit two tiny articles, export, reload, predict.

Needs the [train] extra (torch, transformers, the MiniLM base model).
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("torch", reason="training tests need the [train] extra")

from propscope import Document
from propscope.components.techniques import TechniqueTagger
from propscope.encoding import INFERENCE_WINDOW
from propscope.pipeline import Analyzer
from propscope.techniques import TECHNIQUE_NAMES as TECHNIQUES
from propscope.training.data import Article
from propscope.training.export import export_model
from propscope.training.run import fold_split, train_checkpoint
from propscope.training.train import TrainConfig, train_model
from ptc_fakes import TEXT_A, TEXT_B, labelled, tiny_ptc

pytestmark = pytest.mark.train


@pytest.fixture(scope="module")
def tiny_model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    config = TrainConfig(
        epochs=40, batch_size=2, learning_rate=3e-4, head_learning_rate=3e-3, warmup_share=0.05
    )
    model = train_model([labelled("1", TEXT_A), labelled("2", TEXT_B)], config=config)
    out = tmp_path_factory.mktemp("tiny-model")
    export_model(model, out, config=config, quantize=False, name="tiny", version="test")
    return out


def test_overfit_model_survives_export_and_reload(tiny_model_dir: Path) -> None:
    tagger = TechniqueTagger(model=tiny_model_dir, threshold=0.5)
    analyzer = Analyzer.from_components([("techniques", tagger)])
    analysis = analyzer(Document.from_text(TEXT_A))
    found = analysis.techniques or []
    assert found, "the overfit model found no span in its own training text"
    target = TEXT_A.index("corrupt traitors")
    best = max(found, key=lambda s: min(s.end, target + 16) - max(s.start, target))
    assert best.start <= target + 8 and best.end >= target + 8  # overlaps the gold span
    assert best.technique == "Name_Calling,Labeling"
    assert analysis.model["components"]["techniques"]["name"] == "tiny"


def test_exported_folder_has_exactly_the_runtime_files(tiny_model_dir: Path) -> None:
    assert sorted(p.name for p in tiny_model_dir.iterdir()) == [
        "config.json",
        "encoder.onnx",
        "span_head.npz",
        "tokenizer.json",
    ]
    meta = json.loads((tiny_model_dir / "config.json").read_text())
    # It reads articles in the inference windows, shorter than those it trained on.
    assert (meta["max_tokens"], meta["inference_stride"]) == (
        INFERENCE_WINDOW.tokens,
        INFERENCE_WINDOW.stride,
    )
    assert meta["train_config"]["max_tokens"] == TrainConfig().max_tokens > INFERENCE_WINDOW.tokens


def _both_engines(model_dir: Path, text: str):  # type: ignore[no-untyped-def]
    """Tagger probabilities of one window of `text` from onnxruntime and from the folder
    read back into PyTorch."""
    import numpy as np
    import torch

    from propscope.models.runtime import TechniqueModelRuntime
    from propscope.training.export import load_exported

    runtime = TechniqueModelRuntime(model_dir)
    ids = np.array([runtime.tokenizer.encode(text).ids[:60]], dtype=np.int64)
    mask = np.ones_like(ids)
    _, onnx_probs = runtime._infer(ids, mask)
    model = load_exported(model_dir)
    with torch.inference_mode():
        _, logits = model(torch.from_numpy(ids), torch.from_numpy(mask))
    return onnx_probs, torch.softmax(logits, -1).numpy(), model


def test_an_exported_folder_reads_back_into_pytorch(tiny_model_dir: Path, tmp_path: Path) -> None:
    import numpy as np

    from propscope.training.export import load_exported

    onnx_probs, torch_probs, model = _both_engines(tiny_model_dir, TEXT_A)
    assert np.abs(onnx_probs - torch_probs).max() < 1e-4  # fp32: the same numbers
    head = np.load(tiny_model_dir / "span_head.npz")
    assert np.array_equal(model.span_head[3].weight.detach().numpy(), head["w2"].T)

    # int8: the weights come back dequantized, the outputs close to onnxruntime's
    int8 = tmp_path / "int8"
    config = TrainConfig(**json.loads((tiny_model_dir / "config.json").read_text())["train_config"])
    export_model(model, int8, config=config, quantize=True)
    onnx_probs, torch_probs, _ = _both_engines(int8, TEXT_A)
    assert np.abs(onnx_probs - torch_probs).max() < 0.1
    assert (onnx_probs.argmax(-1) == torch_probs.argmax(-1)).mean() >= 0.9

    # a graph that is not an export of propscope's is named
    import onnx
    from onnx import TensorProto, helper

    other = tmp_path / "other"
    other.mkdir()
    for name in ("config.json", "span_head.npz", "tokenizer.json"):
        (other / name).write_bytes((tiny_model_dir / name).read_bytes())
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [1])
    graph = helper.make_graph([helper.make_node("Identity", ["x"], ["y"])], "g", [x], [x])
    graph.output[0].name = "y"
    onnx.save(helper.make_model(graph), str(other / "encoder.onnx"))
    with pytest.raises(ValueError, match="not an export of `propscope export`"):
        load_exported(other)


def test_windows_mark_each_token_with_the_techniques_it_is_inside() -> None:
    from tokenizers import Tokenizer

    from propscope.training.data import make_windows
    from propscope.training.train import base_model_path

    tokenizer = Tokenizer.from_file(str(base_model_path() / "tokenizer.json"))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    text = "Title\n\nThe corrupt traitors voted again.\n"
    a = text.index("corrupt traitors")
    b = text.index("traitors")
    article = Article(
        "t",
        text,
        si=[(a, a + 16)],
        tc=[("Name_Calling,Labeling", a, a + 16), ("Loaded_Language", b, b + 8)],
    )
    (window,) = make_windows(article, tokenizer, max_tokens=254, stride=224)
    assert window.techniques is not None
    assert window.techniques.shape == (len(window.input_ids), 14)
    names = [{TECHNIQUES[i] for i in row.nonzero()[0]} for row in window.techniques]
    words = [tokenizer.id_to_token(int(i)) for i in window.input_ids]
    assert names[words.index("corrupt")] == {"Name_Calling,Labeling"}
    assert names[words.index("traitor")] == {"Name_Calling,Labeling", "Loaded_Language"}
    assert names[words.index("voted")] == set()
    assert names[0] == set() and names[-1] == set()  # [CLS], [SEP]


def test_the_technique_tag_loss_trains_without_changing_what_is_saved() -> None:
    config = TrainConfig(
        epochs=1,
        batch_size=2,
        learning_rate=1e-4,
        head_learning_rate=1e-3,
        technique_tag_weight=0.5,
    )
    losses: list[float] = []
    model = train_model(
        [labelled("1", TEXT_A), labelled("2", TEXT_B)],
        config=config,
        on_progress=lambda step, total, loss: losses.append(loss),
    )
    plain_losses: list[float] = []
    plain = train_model(
        [labelled("1", TEXT_A), labelled("2", TEXT_B)],
        config=dataclasses.replace(config, technique_tag_weight=0.0),
        on_progress=lambda step, total, loss: plain_losses.append(loss),
    )
    assert losses and all(math.isfinite(x) for x in losses)
    # The loss is applied: a fresh head starts near ln 2 on each of 14 outputs, so the
    # first step costs about 0.5 * 14 * 0.69 = 4.9 more than without it.
    assert losses[0] - plain_losses[0] > 2.0
    # The auxiliary head is training-only: the saved weights have the same names.
    assert model.state_dict().keys() == plain.state_dict().keys()


def test_windows_carry_the_prior_shift_of_each_token() -> None:
    from tokenizers import Tokenizer

    from propscope.training.data import make_windows
    from propscope.training.train import base_model_path
    from propscope.word_prior import BUCKETS, WordPrior, word_feature_indices

    tokenizer = Tokenizer.from_file(str(base_model_path() / "tokenizer.json"))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    text = "Title\n\nThe corrupt traitors voted again.\n"
    table = np.zeros(BUCKETS, dtype=np.float32)
    table[word_feature_indices("traitors")[1][0, 0]] = 1.5
    prior = WordPrior(table, 0.0, 0.6)
    article = Article("t", text, si=[(text.index("traitors"), text.index(" voted"))])
    (window,) = make_windows(article, tokenizer, max_tokens=254, stride=224, prior=prior)
    (plain,) = make_windows(article, tokenizer, max_tokens=254, stride=224)
    assert plain.prior_shift is None
    assert window.prior_shift is not None
    words = [tokenizer.id_to_token(int(i)) for i in window.input_ids]
    shifts = dict(zip(words, window.prior_shift.tolist(), strict=True))
    assert shifts["traitor"] == shifts["##s"] == pytest.approx(1.5)  # both pieces of the word
    assert shifts["corrupt"] == shifts["voted"] == 0.0
    assert window.prior_shift[0] == window.prior_shift[-1] == 0.0  # [CLS], [SEP]


def test_training_beside_the_prior_moves_the_loss_and_saves_the_same_weights() -> None:
    config = TrainConfig(epochs=1, batch_size=2, prior_weight=3.0)
    articles = [labelled(str(i), text) for i, text in enumerate([TEXT_A, TEXT_B] * 2)]
    losses: list[float] = []
    model = train_model(articles, config=config, on_progress=lambda s, t, x: losses.append(x))
    plain_losses: list[float] = []
    plain = train_model(
        articles,
        config=dataclasses.replace(config, prior_weight=0.0),
        on_progress=lambda s, t, x: plain_losses.append(x),
    )
    assert all(math.isfinite(x) for x in losses)
    # Same seed, same batches: only the prior's shift of the tagger's logits differs.
    assert losses[0] != pytest.approx(plain_losses[0], abs=1e-3)
    assert model.state_dict().keys() == plain.state_dict().keys()
    with pytest.raises(ValueError, match="at least 2 labelled articles"):
        train_model(articles[:1], config=config)


def test_fold_split_is_disjoint_complete_and_repeatable() -> None:
    ids = [str(i) for i in range(23)]
    folds = fold_split(ids, folds=5, seed=13)
    assert sorted(i for fold in folds for i in fold) == sorted(ids)
    assert all(len(set(a) & set(b)) == 0 for k, a in enumerate(folds) for b in folds[k + 1 :])
    assert fold_split(ids, folds=5, seed=13) == folds
    assert fold_split(ids, folds=5, seed=14) != folds


def test_a_fold_that_continues_a_run_with_other_folds_is_refused(tmp_path: Path) -> None:
    data = tiny_ptc(tmp_path / "ptc", 10)
    ids = [str(n + 1) for n in range(10)]
    # The earlier run's fold 0 was cut with seed 13; this run cuts with seed 14.
    earlier = tmp_path / "earlier" / "fold0"
    earlier.mkdir(parents=True)
    (earlier / "checkpoint.pt").write_bytes(b"never read")
    held = fold_split(ids, folds=5, seed=13)[0]
    (earlier / "train_meta.json").write_text(json.dumps({"held_out_ids": held}))
    config = TrainConfig(epochs=1, seed=14, init_checkpoint=str(earlier / "checkpoint.pt"))
    assert fold_split(ids, folds=5, seed=14)[0] != held
    with pytest.raises(ValueError, match="other folds"):
        train_checkpoint(data, tmp_path / "new", config=config, folds=5, fold=0)
    assert not (tmp_path / "new" / "checkpoint.pt").exists()


def test_split_seed_keeps_the_folds_when_the_training_seed_changes(tmp_path: Path) -> None:
    data = tiny_ptc(tmp_path / "ptc", 10)
    ids = [str(n + 1) for n in range(10)]
    config = TrainConfig(epochs=1, batch_size=2, seed=29)
    train_checkpoint(data, tmp_path / "fold1", config=config, folds=5, fold=1, split_seed=13)
    meta = json.loads((tmp_path / "fold1" / "train_meta.json").read_text())
    assert sorted(meta["held_out_ids"]) == fold_split(ids, folds=5, seed=13)[1]
    assert sorted(meta["held_out_ids"]) != fold_split(ids, folds=5, seed=29)[1]
    assert (meta["split_seed"], meta["config"]["seed"]) == (13, 29)


def test_extra_articles_are_trained_on_and_never_held_out(tmp_path: Path) -> None:
    data = tiny_ptc(tmp_path / "ptc", 10)
    extra = tiny_ptc(tmp_path / "extra", 2, first_id=90)
    config = TrainConfig(epochs=1, batch_size=2, extra_data=str(extra))
    train_checkpoint(data, tmp_path / "fold0", config=config, folds=5, fold=0)
    meta = json.loads((tmp_path / "fold0" / "train_meta.json").read_text())
    ids = [str(n + 1) for n in range(10)]
    assert sorted(meta["held_out_ids"]) == fold_split(ids, folds=5, seed=13)[0]
    # Trained on: the 8 articles the fold keeps, and the 2 extra ones.
    assert (meta["train_articles"], meta["extra_articles"]) == (10, 2)
    assert meta["config"]["extra_data"] == str(extra)


def test_extra_articles_that_are_also_training_articles_are_refused(tmp_path: Path) -> None:
    data = tiny_ptc(tmp_path / "ptc", 10)
    extra = tiny_ptc(tmp_path / "extra", 2)  # article1 and article2, as in the data
    config = TrainConfig(epochs=1, extra_data=str(extra))
    with pytest.raises(ValueError, match="holds 2 article"):
        train_checkpoint(data, tmp_path / "fold0", config=config, folds=5, fold=0)
    assert not (tmp_path / "fold0" / "checkpoint.pt").exists()


def test_crossval_refuses_an_extra_folder_that_is_not_ptc(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from propscope import cli

    data = tiny_ptc(tmp_path / "ptc", 4)
    (tmp_path / "notes").mkdir()
    result = CliRunner().invoke(
        cli.app,
        [
            "crossval",
            str(data),
            "--runs",
            str(tmp_path / "runs"),
            "--folds",
            "2",
            "--extra-data",
            str(tmp_path / "notes"),
        ],
    )
    assert result.exit_code != 0
    assert "not a PTC-format folder" in " ".join(result.output.split())
    assert not (tmp_path / "runs" / "fold0").exists()


def config_sha(model_dir: Path) -> str:
    return str(json.loads((model_dir / "config.json").read_text())["base_model_sha256"])


def test_train_command_writes_a_model_that_analyze_can_use(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from propscope import cli

    data = tiny_ptc(tmp_path / "ptc", 2)
    model_dir = tmp_path / "model"
    runner = CliRunner()
    result = runner.invoke(
        cli.app, ["train", str(data), "--output", str(model_dir), "--epochs", "1"]
    )
    assert result.exit_code == 0, result.output
    for name in (
        "encoder.onnx",
        "span_head.npz",
        "tokenizer.json",
        "config.json",
        "train.log",
        "word_prior.npz",
    ):
        assert (model_dir / name).is_file(), name
    assert "step 1/1" in (model_dir / "train.log").read_text()
    # Its card names the data it trained on, counted, and says it is not measured yet.
    card = (model_dir / "MODEL_CARD.md").read_text()
    assert "2 articles, 2 spans, 2 technique labels" in card and "ptc-train" not in card
    assert "Not measured." in card and config_sha(model_dir) in card
    article = tmp_path / "new.txt"
    article.write_text("Title\n\nThe corrupt traitors met again.\n", encoding="utf-8")
    result = runner.invoke(
        cli.app, ["analyze", str(article), "--model", str(model_dir), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    assert '"techniques"' in result.stdout

    # Shipping: the decoding and the card come from a cross-validation report.
    report = {
        "folds": 5,
        "si_f1_mean": 0.4321,
        "si_f1_std": 0.01,
        "tc_micro_f1_mean": 0.6123,
        "tc_micro_f1_std": 0.02,
        "per_fold": [
            {
                "fold": 0,
                "decoding": {
                    "span_threshold": 0.25,
                    "span_smooth": 1,
                    "span_merge_gap": 25,
                    "span_seed": 0.4,
                },
                "si": {"precision": 0.3, "recall": 0.5, "f1": 0.375},
                "tc_micro_f1": 0.61,
            }
        ],
        "decoding_for_shipping": {
            "span_threshold": 0.25,
            "span_smooth": 1,
            "span_merge_gap": 25,
            "span_seed": 0.4,
        },
        "tc_pooled": {
            "per_technique": {
                "Loaded_Language": {"precision": 0.7, "recall": 0.8, "f1": 0.75, "gold": 10}
            }
        },
    }
    report_path = tmp_path / "crossval.json"
    report_path.write_text(json.dumps(report))
    shipped = tmp_path / "shipped"
    result = runner.invoke(
        cli.app,
        [
            "export",
            str(model_dir / "checkpoint"),
            "--output",
            str(shipped),
            "--crossval",
            str(report_path),
        ],
    )
    assert result.exit_code == 0, result.output
    config = json.loads((shipped / "config.json").read_text())
    assert (config["span_threshold"], config["span_seed"], config["span_merge_gap"]) == (
        0.25,
        0.4,
        25,
    )
    card = (shipped / "MODEL_CARD.md").read_text()
    assert "0.4321" in card and "0.6123" in card and "Loaded language" in card
    assert "2 articles, 2 spans" in card and "Not measured." not in card
    assert config["base_model_sha256"] in card
    # The export fits the word prior on the articles the checkpoint trained on.
    assert (shipped / "word_prior.npz").is_file()
    assert "A word prior (`word_prior.npz`" in card and "at weight 0.6" in card
    # Without the training data the model is still written, and the way to add it named.
    meta_path = model_dir / "checkpoint" / "train_meta.json"
    meta = json.loads(meta_path.read_text())
    meta_path.write_text(json.dumps({**meta, "data": str(tmp_path / "moved")}))
    result = runner.invoke(
        cli.app, ["export", str(model_dir / "checkpoint"), "--output", str(tmp_path / "bare")]
    )
    assert result.exit_code == 0, result.output
    assert "propscope word-prior DATA --model" in " ".join(result.output.split())
    assert (tmp_path / "bare" / "encoder.onnx").is_file()
    assert not (tmp_path / "bare" / "word_prior.npz").exists()


def test_train_command_names_a_missing_data_folder(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from propscope import cli

    result = CliRunner().invoke(
        cli.app, ["train", str(tmp_path / "nothing"), "--output", str(tmp_path / "m")]
    )
    assert result.exit_code == 1
    assert "articles" in result.stderr and "labels" in result.stderr


# -- another base encoder (--base-model): a RoBERTa-style vocabulary, as MPNet's --------


def _tiny_mpnet(folder: Path) -> Path:
    """A one-layer MPNet with a word-level tokenizer whose template is <s> ... </s> and
    whose padding id is 1, and whose vocabulary also has [CLS] and [SEP] (as MPNet's)."""
    from tokenizers import Tokenizer, normalizers
    from tokenizers.models import WordLevel
    from tokenizers.pre_tokenizers import Whitespace
    from tokenizers.processors import TemplateProcessing
    from transformers import MPNetConfig, MPNetModel

    words = sorted({w for text in (TEXT_A, TEXT_B) for w in text.lower().replace(".", " ").split()})
    vocab = ["<s>", "<pad>", "</s>", "<unk>", "[CLS]", "[SEP]", "[PAD]", ".", *words]
    ids = {token: i for i, token in enumerate(vocab)}
    tokenizer = Tokenizer(WordLevel(ids, unk_token="<unk>"))
    tokenizer.normalizer = normalizers.Lowercase()
    tokenizer.pre_tokenizer = Whitespace()
    tokenizer.post_processor = TemplateProcessing(
        single="<s> $A </s>", special_tokens=[("<s>", 0), ("</s>", 2)]
    )
    folder.mkdir(parents=True)
    tokenizer.save(str(folder / "tokenizer.json"))
    config = MPNetConfig(
        vocab_size=len(vocab),
        hidden_size=32,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=300,
        pad_token_id=1,
    )
    import torch

    torch.manual_seed(0)
    MPNetModel(config).save_pretrained(str(folder))
    return folder


def test_another_base_encoder_trains_exports_and_runs_with_its_own_special_tokens(
    tmp_path: Path,
) -> None:
    from propscope.encoding import SpecialTokens
    from propscope.models.runtime import TechniqueModelRuntime

    base = _tiny_mpnet(tmp_path / "base")
    config = TrainConfig(
        epochs=60,
        batch_size=2,
        learning_rate=1e-3,
        head_learning_rate=3e-3,
        warmup_share=0.05,
        base_model=str(base),
        bf16=True,
    )
    model = train_model([labelled("1", TEXT_A), labelled("2", TEXT_B)], config=config)
    assert model.encoder.config.model_type == "mpnet"
    out = export_model(model, tmp_path / "model", config=config, quantize=False)
    runtime = TechniqueModelRuntime(out)
    assert runtime.special == SpecialTokens(cls=0, sep=2, pad=1)
    meta = json.loads((out / "config.json").read_text())
    assert meta["base_model"].startswith("base (folder ") and meta["train_config"]["bf16"]
    assert meta["name"] == "techniques-base"
    # The exported encoder reads windows framed by <s> ... </s>: the overfit model finds
    # the span it was trained on.
    tagger = TechniqueTagger(runtime=runtime, threshold=0.5)
    analysis = Analyzer.from_components([("techniques", tagger)])(Document.from_text(TEXT_A))
    target = TEXT_A.index("corrupt traitors")
    assert any(s.start <= target + 8 < s.end for s in analysis.techniques or [])


def test_a_base_model_folder_without_weights_is_named_with_the_fix(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from propscope import cli

    data = tiny_ptc(tmp_path / "ptc", 4)
    (tmp_path / "base").mkdir()
    (tmp_path / "base" / "config.json").write_text("{}")
    result = CliRunner().invoke(
        cli.app,
        [
            *("crossval", str(data), "--runs", str(tmp_path / "runs"), "--folds", "2"),
            *("--base-model", str(tmp_path / "base")),
        ],
    )
    assert result.exit_code == 1
    message = " ".join(result.output.split())
    assert "lacks model.safetensors, tokenizer.json" in message and "--base-model" in message


def test_crossval_only_fold_trains_that_fold_and_reports_once_every_fold_is_there(
    tmp_path: Path,
) -> None:
    from typer.testing import CliRunner

    from propscope import cli

    data = tiny_ptc(tmp_path / "ptc", 4)
    runs = tmp_path / "runs"
    command = ["crossval", str(data), "--runs", str(runs), "--folds", "2", "--epochs", "1"]
    runner = CliRunner()
    result = runner.invoke(cli.app, [*command, "--only-fold", "1"])
    assert result.exit_code == 0, result.output
    assert (runs / "fold1" / "checkpoint.pt").is_file()
    assert not (runs / "fold0").exists() and not (runs / "crossval.json").exists()
    assert "fold(s) 0 still need a checkpoint" in " ".join(result.output.split())
    result = runner.invoke(cli.app, [*command, "--only-fold", "0"])
    assert result.exit_code == 0, result.output
    report = json.loads((runs / "crossval.json").read_text())
    assert [f["fold"] for f in report["per_fold"]] == [0, 1]
    default = {"tokens": INFERENCE_WINDOW.tokens, "stride": INFERENCE_WINDOW.stride}
    assert report["window"] == default
    result = runner.invoke(cli.app, [*command, "--only-fold", "2"])
    assert result.exit_code == 1 and "not a fold of 0..1" in " ".join(result.output.split())
    # Every fold has its checkpoint: the same folds read in other windows, no training.
    result = runner.invoke(cli.app, [*command, "--window", "8", "--window-stride", "6"])
    assert result.exit_code == 0, result.output
    assert json.loads((runs / "crossval.json").read_text())["window"] == {"tokens": 8, "stride": 6}
    result = runner.invoke(cli.app, [*command, "--window", "8", "--window-stride", "9"])
    assert result.exit_code == 1
    assert "a window of 8 word pieces every 9 cannot be read" in " ".join(result.output.split())
    # Re-scoring trains nothing, so the earlier run --continue-from names may be gone;
    # a fold still to train needs it.
    gone = ["--continue-from", str(tmp_path / "gone")]
    result = runner.invoke(cli.app, [*command, *gone])
    assert result.exit_code == 0, result.output
    other = ["crossval", str(data), "--runs", str(tmp_path / "other"), "--folds", "2"]
    result = runner.invoke(cli.app, [*other, *gone])
    said = " ".join(result.output.split())  # the console wraps long paths
    assert result.exit_code == 1 and "--continue-from needs every fold" in said


def test_going_on_from_a_checkpoint_of_another_base_encoder_is_refused(tmp_path: Path) -> None:
    data = tiny_ptc(tmp_path / "ptc", 4)
    earlier = tmp_path / "teacher"
    earlier.mkdir()
    (earlier / "checkpoint.pt").write_bytes(b"never read")
    teacher = TrainConfig(base_model="/models/mpnet")
    (earlier / "train_meta.json").write_text(json.dumps({"config": teacher.to_dict()}))
    config = TrainConfig(epochs=1, init_checkpoint=str(earlier / "checkpoint.pt"))
    with pytest.raises(ValueError, match="go on from it with --base-model /models/mpnet"):
        train_checkpoint(data, tmp_path / "student", config=config)
    assert not (tmp_path / "student" / "checkpoint.pt").exists()


def test_training_windows_of_another_length_are_kept_in_the_model(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from propscope import cli

    data = tiny_ptc(tmp_path / "ptc", 2)
    runner = CliRunner()
    args = ["train", str(data), "-o", str(tmp_path / "m"), "--epochs", "1", "--train-window"]
    result = runner.invoke(cli.app, [*args, "32", "--stride", "48"])
    said = " ".join(result.output.split())
    assert result.exit_code != 0 and "longer than --train-window 32" in said
    result = runner.invoke(cli.app, [*args, "32", "--stride", "24"])
    assert result.exit_code == 0, result.output
    meta = json.loads((tmp_path / "m" / "config.json").read_text())
    assert (meta["train_config"]["max_tokens"], meta["train_config"]["stride"]) == (32, 24)


def test_a_smaller_network_keeps_the_first_layers_and_reads_back(tmp_path: Path) -> None:
    """--encoder-layers 2: the model trains, exports and reads back with two of the
    base encoder's layers, says so in its config, and a count the base lacks is refused
    before anything is written."""
    from onnx import load as load_onnx
    from typer.testing import CliRunner

    from propscope import cli
    from propscope.training.export import load_exported

    data = tiny_ptc(tmp_path / "ptc", 2)
    runner = CliRunner()
    args = ["train", str(data), "--epochs", "1", "--encoder-layers"]
    result = runner.invoke(cli.app, [*args, "7", "-o", str(tmp_path / "too-many")])
    said = " ".join(result.output.split())
    assert result.exit_code != 0 and "--encoder-layers 7 asks for more layers" in said
    assert "from 1 to 6" in said and not (tmp_path / "too-many").exists()
    result = runner.invoke(cli.app, [*args, "2", "-o", str(tmp_path / "m")])
    assert result.exit_code == 0, result.output
    meta = json.loads((tmp_path / "m" / "config.json").read_text())
    assert meta["train_config"]["encoder_layers"] == 2
    assert meta["base_model"].endswith("its first 2 of 6 layers")
    graph = load_onnx(str(tmp_path / "m" / "encoder.onnx")).graph
    layers = {m for i in graph.initializer for m in re.findall(r"\.layer\.(\d+)\.", i.name)}
    assert layers == {"0", "1"}
    model = load_exported(tmp_path / "m")
    assert len(model.encoder.encoder.layer) == 2


def test_going_on_with_another_number_of_layers_is_refused(tmp_path: Path) -> None:
    data = tiny_ptc(tmp_path / "ptc", 4)
    earlier = tmp_path / "small"
    earlier.mkdir()
    (earlier / "checkpoint.pt").write_bytes(b"never read")
    small = TrainConfig(encoder_layers=3)
    (earlier / "train_meta.json").write_text(json.dumps({"config": small.to_dict()}))
    config = TrainConfig(epochs=1, init_checkpoint=str(earlier / "checkpoint.pt"))
    with pytest.raises(ValueError, match="go on from it with --encoder-layers 3"):
        train_checkpoint(data, tmp_path / "student", config=config)
    assert not (tmp_path / "student" / "checkpoint.pt").exists()
