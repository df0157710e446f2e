"""The word prior: hashed features of each word, a shift of the tagger's inside-probability
by the word each piece starts in, fitted on gold spans, written into model folders."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from propscope.word_prior import (
    BUCKETS,
    WORD_PRIOR_FILE,
    WordPrior,
    word_feature_indices,
)

TEXT = "The corrupt TRAITORS voted, again."


def _prior_for(word_text: str, shift: float, *, weight: float = 1.0) -> WordPrior:
    """A prior that moves the pieces of `word_text` (wherever it stands) by `shift`."""
    _, features = word_feature_indices(word_text)
    table = np.zeros(BUCKETS, dtype=np.float32)
    table[features[0, 0]] = shift  # the word feature alone
    return WordPrior(table, 0.0, weight)


def test_words_and_marks_are_found_and_hashed_by_their_lowercase_form() -> None:
    spans, features = word_feature_indices(TEXT)
    words = [TEXT[s:e] for s, e in spans]
    assert words == ["The", "corrupt", "TRAITORS", "voted", ",", "again", "."]
    assert features.shape == (7, 7)
    assert ((features >= 0) & (features < BUCKETS)).all()
    _, lower = word_feature_indices(TEXT.lower())
    # The word, its neighbours and the bigrams ignore case; the two shape features do not.
    assert (features[:, :5] == lower[:, :5]).all()
    assert features[2, 5] != lower[2, 5]
    # The same word in another sentence has the same word feature, other neighbours.
    _, other = word_feature_indices("Traitors everywhere")
    assert other[0, 0] == features[2, 0] and other[0, 1] != features[2, 1]
    assert word_feature_indices("   ")[1].shape == (0, 7)


def test_a_word_moves_the_inside_probability_of_its_pieces_only() -> None:
    prior = _prior_for("traitors", 2.0)
    # Pieces: "the", "corrupt", "trait", "##ors", "voted", and one before any word.
    offsets = np.array([[0, 3], [4, 11], [12, 17], [17, 20], [21, 26]])
    probs = np.array(
        [[0.9, 0.05, 0.05], [0.5, 0.25, 0.25], [0.5, 0.4, 0.1], [0.5, 0.0, 0.5], [1.0, 0.0, 0.0]],
        dtype=np.float32,
    )
    out = prior.apply(TEXT, offsets, probs)
    np.testing.assert_allclose(out[[0, 1, 4]], probs[[0, 1, 4]], atol=1e-6)
    inside = 1 / (1 + np.exp(-2.0))  # logit 0.5 = 0, moved by 2
    np.testing.assert_allclose(out[2], [1 - inside, 0.8 * inside, 0.2 * inside], rtol=1e-5)
    np.testing.assert_allclose(out[3], [1 - inside, 0.0, inside], rtol=1e-5)
    np.testing.assert_allclose(out.sum(axis=1), 1.0, rtol=1e-5)
    assert out.dtype == probs.dtype
    # Half the weight, half the move in log-odds; weight 0 changes nothing.
    half = _prior_for("traitors", 2.0, weight=0.5).apply(TEXT, offsets, probs)
    assert half[2, 0] == pytest.approx(1 - 1 / (1 + np.exp(-1.0)), rel=1e-5)
    assert _prior_for("traitors", 2.0, weight=0.0).apply(TEXT, offsets, probs) is probs
    # A piece that starts before the first word keeps its probabilities.
    ahead = prior.apply("  traitors", np.array([[0, 1], [2, 10]]), probs[2:4])
    np.testing.assert_allclose(ahead[0], probs[2], atol=1e-6)
    assert ahead[1, 0] == pytest.approx(1 - inside, rel=1e-5)


def test_token_shifts_are_the_words_shifts_unweighted() -> None:
    prior = _prior_for("traitors", 2.0, weight=0.5)
    offsets = np.array([[0, 3], [4, 11], [12, 17], [17, 20], [21, 26]])
    np.testing.assert_allclose(prior.token_shifts(TEXT, offsets), [0, 0, 2.0, 2.0, 0])
    # A piece before the first word, and no pieces at all.
    ahead = prior.token_shifts("  traitors", np.array([[0, 1], [2, 10]]))
    np.testing.assert_allclose(ahead, [0, 2.0])
    assert prior.token_shifts(TEXT, np.zeros((0, 2), dtype=np.int64)).shape == (0,)


def test_a_prior_is_saved_and_loaded_whole(tmp_path: Path) -> None:
    prior = _prior_for("traitors", 1.5, weight=0.6)
    path = tmp_path / WORD_PRIOR_FILE
    prior.save(path)
    loaded = WordPrior.load(path)
    assert loaded.weight == 0.6 and loaded.bias == 0.0
    np.testing.assert_array_equal(loaded.table, prior.table)
    np.savez(path, table=np.zeros(10, dtype=np.float32), bias=0.0, weight=0.6)
    with pytest.raises(ValueError, match="write it again"):
        WordPrior.load(path)


def test_the_runtime_applies_the_prior_of_its_model_folder(tmp_path: Path) -> None:
    from propscope.errors import ModelError
    from propscope.models.runtime import DEFAULT_MODEL_DIR, TechniqueModelRuntime

    plain = tmp_path / "plain"
    shutil.copytree(DEFAULT_MODEL_DIR, plain)
    (plain / WORD_PRIOR_FILE).unlink(missing_ok=True)
    with_prior = tmp_path / "with_prior"
    shutil.copytree(plain, with_prior)
    prior = _prior_for("traitors", 3.0)
    prior.save(with_prior / WORD_PRIOR_FILE)
    text = "Harbour news\n\nThose corrupt traitors want the harbour.\n"
    (raw,) = TechniqueModelRuntime(plain).score_texts([text])
    (moved,) = TechniqueModelRuntime(with_prior).score_texts([text])
    expected = prior.apply(text, raw.encoded.offsets, raw.token_probs)
    np.testing.assert_allclose(moved.token_probs, expected, atol=1e-5)
    changed = np.abs(moved.token_probs - raw.token_probs).max(axis=1) > 1e-4
    assert changed.any()
    word = (text.index("traitors"), text.index("traitors") + len("traitors"))
    moved_pieces = [
        (int(s), int(e)) for (s, e), c in zip(raw.encoded.offsets, changed, strict=True) if c
    ]
    assert moved_pieces and all(word[0] <= s and e <= word[1] for s, e in moved_pieces)
    (with_prior / WORD_PRIOR_FILE).write_bytes(b"not an npz")
    with pytest.raises(ModelError, match=WORD_PRIOR_FILE):
        TechniqueModelRuntime(with_prior)


sklearn = pytest.importorskip("sklearn", reason="fitting a prior needs the [train] extra")

from propscope.word_prior import fit_word_prior, out_of_fold_priors  # noqa: E402
from ptc_fakes import TEXT_A, TEXT_B, tiny_ptc  # noqa: E402


def test_a_fitted_prior_raises_the_words_the_gold_marks() -> None:
    texts = [TEXT_A, TEXT_B] * 5
    spans = [[(t.index("corrupt"), t.index("corrupt") + len("corrupt traitors"))] for t in texts]
    prior = fit_word_prior(texts, spans, weight=0.6, c=1.0)
    assert prior.weight == 0.6
    words, shifts = prior.word_shifts(TEXT_A)
    by_word = {TEXT_A[s:e]: z for (s, e), z in zip(words, shifts, strict=True)}
    assert by_word["traitors"] > 1.0 and by_word["corrupt"] > 1.0
    assert by_word["council"] < 0 and by_word["Monday"] < 0
    with pytest.raises(ValueError, match="at least one span"):
        fit_word_prior(texts, [[] for _ in texts])


def _shift_of(prior: WordPrior, text: str, word: str) -> float:
    words, shifts = prior.word_shifts(text)
    return float(shifts[[text[s:e] for s, e in words].index(word)])


def test_out_of_fold_priors_never_score_a_text_with_a_prior_fitted_on_it() -> None:
    # Eight texts, each with a word of its own inside its gold span.
    texts, spans = [], []
    for i in range(8):
        own = f"zorblat{chr(97 + i)}"
        text = f"Title\n\nThe council met on Monday. The {own} traitors lied again.\n"
        start = text.index(own)
        texts.append(text)
        spans.append([(start, start + len(own) + len(" traitors"))])
    priors = out_of_fold_priors(texts, spans, parts=4, seed=3)
    assert len(priors) == 8 and len({id(p) for p in priors}) == 4
    for i, (text, prior) in enumerate(zip(texts, priors, strict=True)):
        own = f"zorblat{chr(97 + i)}"
        # Every other part's prior was fitted on this text and learned its own word;
        # the prior it gets was not, and knows the word as little as any unseen one.
        fitted_on_it = {id(p): p for p in priors if p is not prior}.values()
        assert _shift_of(prior, text, own) < min(_shift_of(p, text, own) for p in fitted_on_it)
        assert _shift_of(prior, text, "traitors") > 0  # inside a span in every text
    with pytest.raises(ValueError, match="at least 4 texts"):
        out_of_fold_priors(texts[:3], spans[:3])


def _fold_run(runs: Path, k: int, held_out: list[str]) -> Path:
    (runs / f"fold{k}" / "model").mkdir(parents=True)
    (runs / f"fold{k}" / "model" / "config.json").write_text("{}")
    meta = {"held_out_ids": held_out, "config": {"extra_data": None}}
    (runs / f"fold{k}" / "train_meta.json").write_text(json.dumps(meta))
    return runs / f"fold{k}" / "model"


def test_the_command_fits_each_fold_on_its_training_articles_only(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from propscope import cli

    data = tiny_ptc(tmp_path / "ptc", 6)
    runs = tmp_path / "runs"
    fold0 = _fold_run(runs, 0, ["1", "2"])
    fold1 = _fold_run(runs, 1, ["3", "4", "5"])
    result = CliRunner().invoke(cli.app, ["word-prior", str(data), "--runs", str(runs)])
    assert result.exit_code == 0, result.output
    flat = " ".join(result.output.split())
    assert "word prior from 4 articles written to" in flat
    assert "word prior from 3 articles written to" in flat
    assert (fold0 / WORD_PRIOR_FILE).is_file() and (fold1 / WORD_PRIOR_FILE).is_file()
    model = tmp_path / "model"
    model.mkdir()
    (model / "config.json").write_text("{}")
    result = CliRunner().invoke(
        cli.app, ["word-prior", str(data), "--model", str(model), "--weight", "0.3"]
    )
    assert result.exit_code == 0, result.output
    assert "word prior from 6 articles" in " ".join(result.output.split())
    assert WordPrior.load(model / WORD_PRIOR_FILE).weight == 0.3
    # --crossval takes the decoding the folds chose with their priors.
    report = tmp_path / "crossval.json"
    chosen = {"span_threshold": 0.15, "span_smooth": 1, "span_merge_gap": -1, "span_seed": 0.5}
    report.write_text(json.dumps({"decoding_for_shipping": chosen}))
    result = CliRunner().invoke(
        cli.app, ["word-prior", str(data), "--model", str(model), "--crossval", str(report)]
    )
    assert result.exit_code == 0, result.output
    assert json.loads((model / "config.json").read_text()) == chosen


def test_refitting_a_models_prior_is_noted_on_its_card_and_its_calibration_named(
    tmp_path: Path,
) -> None:
    from typer.testing import CliRunner

    from propscope import cli

    data = tiny_ptc(tmp_path / "ptc", 4)
    model = tmp_path / "model"
    model.mkdir()
    (model / "config.json").write_text(json.dumps({"calibration": {"kind": "isotonic"}}))
    (model / "MODEL_CARD.md").write_text("# Model card: x 1\n\n## Model\n- prior at 0.6\n")
    args = ["word-prior", str(data), "--model", str(model), "--weight", "0.3"]
    result = CliRunner().invoke(cli.app, args)
    assert result.exit_code == 0, result.output
    card = (model / "MODEL_CARD.md").read_text()
    assert card.startswith("# Model card: x 1\n\n## Model\n- prior at 0.6\n")
    assert "## Changed since the figures above" in card
    assert (
        f"word prior refitted: `propscope word-prior {data} --model {model} --weight 0.3`" in card
    )
    assert "Run `propscope calibrate` again" in " ".join(result.output.split())
    result = CliRunner().invoke(cli.app, args)  # a second change is listed under the first
    assert (model / "MODEL_CARD.md").read_text().count("## Changed since") == 1
    assert (model / "MODEL_CARD.md").read_text().count("word prior refitted") == 2


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ([], "give either --model DIR or --runs RUNS"),
        (["--model", "m", "--runs", "r"], "give either --model DIR or --runs RUNS"),
        (["--model", "nowhere"], "is not a model folder"),
        (["--runs", "nowhere"], "has no fold<K>/model folders"),
        (["--runs", "r", "--crossval", "c.json"], "--crossval goes with --model"),
    ],
)
def test_the_command_says_what_it_needs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, options: list[str], message: str
) -> None:
    from typer.testing import CliRunner

    from propscope import cli

    data = tiny_ptc(tmp_path / "ptc", 2)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli.app, ["word-prior", str(data), *options])
    assert result.exit_code != 0
    assert message in " ".join(result.output.split())


def test_a_folder_that_held_out_nothing_is_not_a_fold(tmp_path: Path) -> None:
    from propscope.training.data import load_ptc
    from propscope.training.word_priors import fold_training_articles

    data = tiny_ptc(tmp_path / "ptc", 2)
    articles = {a.id: a for a in load_ptc(data)}
    _fold_run(tmp_path / "runs", 0, [])
    with pytest.raises(ValueError, match="not a cross-validation fold"):
        fold_training_articles(tmp_path / "runs" / "fold0", articles)
    _fold_run(tmp_path / "other", 0, ["99"])
    with pytest.raises(ValueError, match="article99, which the data folder lacks"):
        fold_training_articles(tmp_path / "other" / "fold0", articles)


@pytest.mark.parametrize(("trained_weight", "expected"), [(0.0, 0.6), (0.9, 0.9)])
def test_an_export_reads_with_the_prior_at_the_weight_its_tagger_trained_beside(
    tmp_path: Path, trained_weight: float, expected: float
) -> None:
    from propscope import cli as cli_module

    data = tiny_ptc(tmp_path / "ptc", 6)
    meta = {"data": str(data), "held_out_ids": [], "config": {"prior_weight": trained_weight}}
    out = tmp_path / "model"
    out.mkdir()
    cli_module._prior_from_meta(out, meta)
    assert WordPrior.load(out / WORD_PRIOR_FILE).weight == pytest.approx(expected)


def test_the_command_gives_each_fold_the_weight_its_tagger_trained_beside(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from propscope import cli

    data = tiny_ptc(tmp_path / "ptc", 6)
    runs = tmp_path / "runs"
    beside = _fold_run(runs, 0, ["1", "2"])
    meta = json.loads((runs / "fold0" / "train_meta.json").read_text())
    meta["config"]["prior_weight"] = 0.9
    (runs / "fold0" / "train_meta.json").write_text(json.dumps(meta))
    plain = _fold_run(runs, 1, ["3", "4", "5"])
    result = CliRunner().invoke(cli.app, ["word-prior", str(data), "--runs", str(runs)])
    assert result.exit_code == 0, result.output
    assert WordPrior.load(beside / WORD_PRIOR_FILE).weight == pytest.approx(0.9)
    assert WordPrior.load(plain / WORD_PRIOR_FILE).weight == pytest.approx(0.6)
    # A weight given on the command line is every fold's.
    args = ["word-prior", str(data), "--runs", str(runs), "--weight", "0.2"]
    assert CliRunner().invoke(cli.app, args).exit_code == 0
    assert WordPrior.load(beside / WORD_PRIOR_FILE).weight == pytest.approx(0.2)
    # A model folder: its config's train_config says how it trained.
    model = tmp_path / "model"
    model.mkdir()
    (model / "config.json").write_text(json.dumps({"train_config": {"prior_weight": 0.45}}))
    args = ["word-prior", str(data), "--model", str(model)]
    assert CliRunner().invoke(cli.app, args).exit_code == 0
    assert WordPrior.load(model / WORD_PRIOR_FILE).weight == pytest.approx(0.45)
