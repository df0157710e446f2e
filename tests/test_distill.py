"""Distillation: a teacher's probabilities carried onto the student's word pieces and
mixed into its losses; a fold never distils from a teacher that saw its held-out articles."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from propscope.training.data import Article, TeacherTargets, onto_pieces


def test_teacher_pieces_are_averaged_onto_the_student_pieces_they_overlap() -> None:
    # Teacher pieces: "abc" "def" " " skipped, "ghi"; student pieces: "abcdef", "g", "hi",
    # and one past the teacher's last piece.
    teacher_offsets = np.array([[0, 3], [3, 6], [7, 10]])
    teacher_probs = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.2, 0.3, 0.5]])
    student = np.array([[0, 6], [7, 8], [8, 10], [11, 12]])
    out = onto_pieces(student, teacher_offsets, teacher_probs)
    np.testing.assert_allclose(out[0], [0.5, 0.5, 0.0])
    np.testing.assert_allclose(out[1], [0.2, 0.3, 0.5])
    np.testing.assert_allclose(out[2], [0.2, 0.3, 0.5])
    np.testing.assert_allclose(out[3], [0.2, 0.3, 0.5])  # overlaps none: the last piece


def test_a_student_piece_between_teacher_pieces_takes_the_next_one() -> None:
    teacher_offsets = np.array([[0, 2], [5, 8]])
    teacher_probs = np.array([[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]])
    out = onto_pieces(np.array([[3, 4]]), teacher_offsets, teacher_probs)
    np.testing.assert_allclose(out[0], [0.0, 0.0, 1.0])


def test_a_teacher_with_no_pieces_says_outside_everywhere() -> None:
    out = onto_pieces(np.array([[0, 3]]), np.zeros((0, 2), dtype=np.int64), np.zeros((0, 3)))
    np.testing.assert_allclose(out, [[1.0, 0.0, 0.0]])


torch = pytest.importorskip("torch", reason="distillation trains: it needs the [train] extra")

from propscope.training.data import make_windows  # noqa: E402
from propscope.training.run import fold_split, train_checkpoint  # noqa: E402
from propscope.training.train import TrainConfig, base_model_path, train_model  # noqa: E402
from ptc_fakes import TEXT_A, TEXT_B, labelled, tiny_ptc  # noqa: E402


def _tokenizer():  # type: ignore[no-untyped-def]
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(base_model_path() / "tokenizer.json"))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return tokenizer


def _outside_teacher(article: Article, technique: int) -> TeacherTargets:
    """A teacher that calls every character outside a span, and every span `technique`."""
    n = len(article.text)
    probs = np.zeros((n, 3), dtype=np.float32)
    probs[:, 0] = 1.0
    span_probs = np.zeros((len(article.tc), 14), dtype=np.float32)
    span_probs[:, technique] = 1.0
    return TeacherTargets(np.array([[i, i + 1] for i in range(n)]), probs, span_probs)


def _overfitting(distill_weight: float) -> TrainConfig:
    """Settings that learn two tiny articles by heart, distilling from "/teacher"."""
    return TrainConfig(
        epochs=40,
        batch_size=2,
        learning_rate=3e-4,
        head_learning_rate=3e-3,
        warmup_share=0.05,
        distill_from="/teacher",
        distill_weight=distill_weight,
    )


@pytest.mark.train
def test_windows_carry_the_teachers_targets_for_their_tokens_and_spans() -> None:
    article = labelled("1", TEXT_A)
    teacher = _outside_teacher(article, technique=3)
    (window,) = make_windows(article, _tokenizer(), max_tokens=254, stride=224, teacher=teacher)
    assert window.soft_tags is not None and window.soft_spans is not None
    assert window.soft_tags.shape == (len(window.input_ids), 3)
    # [CLS] and [SEP] get no target; every word piece the teacher's "outside".
    assert not window.soft_tags[0].any() and not window.soft_tags[-1].any()
    np.testing.assert_allclose(window.soft_tags[1:-1, 0], 1.0)
    assert len(window.soft_spans) == len(window.spans) == 1
    assert int(np.argmax(window.soft_spans[0])) == 3


@pytest.mark.train
def test_at_full_weight_the_student_learns_the_teacher_not_the_gold(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from propscope.techniques import TECHNIQUE_NAMES
    from propscope.training import distill

    loaded = TECHNIQUE_NAMES.index("Loaded_Language")
    articles = [labelled("1", TEXT_A), labelled("2", TEXT_B)]
    seen: list[Path] = []

    def fake_targets(arts, teacher, **_):  # type: ignore[no-untyped-def]
        seen.append(teacher)
        return {a.id: _outside_teacher(a, loaded) for a in arts}

    monkeypatch.setattr(distill, "teacher_targets", fake_targets)
    config = _overfitting(distill_weight=1.0)
    model = train_model(articles, config=config)
    assert seen == [Path("/teacher")]
    (window,) = make_windows(articles[0], _tokenizer(), max_tokens=254, stride=224)
    ids = torch.from_numpy(window.input_ids)[None]
    with torch.no_grad():
        hidden, logits = model(ids, torch.ones_like(ids))
        inside = [i for i, tag in enumerate(window.tags) if tag in (1, 2)]
        # The gold marks "corrupt traitors"; the teacher says outside, and wins.
        assert (logits[0, inside].argmax(-1) == 0).all()
        ts, te, _ = window.spans[0]
        spans = torch.tensor([[0, ts, te]])
        feats = torch.from_numpy(np.stack(window.features))
        technique = model.classify(hidden, spans, feats).argmax(-1).item()
    assert TECHNIQUE_NAMES[technique] == "Loaded_Language"


def _teacher_run(folder: Path, held_out: list[str] | None) -> Path:
    (folder / "model").mkdir(parents=True)
    (folder / "model" / "config.json").write_text("{}")
    if held_out is not None:
        (folder / "train_meta.json").write_text(json.dumps({"held_out_ids": held_out}))
    return folder / "model"


@pytest.mark.train
@pytest.mark.parametrize(
    ("held_out", "message"),
    [
        (None, "nothing shows which articles"),  # a teacher from `propscope train`
        ([], "other folds"),  # trained on every article
        (["1", "2"], "other folds"),  # another fold
    ],
)
def test_a_fold_never_distils_from_a_teacher_that_saw_its_held_out_articles(
    tmp_path: Path, held_out: list[str] | None, message: str
) -> None:
    data = tiny_ptc(tmp_path / "ptc", 10)
    teacher = _teacher_run(tmp_path / "teacher" / "fold0", held_out)
    config = TrainConfig(epochs=1, distill_from=str(teacher))
    with pytest.raises(ValueError, match=message):
        train_checkpoint(data, tmp_path / "fold0", config=config, folds=5, fold=0)
    assert not (tmp_path / "fold0" / "checkpoint.pt").exists()


@pytest.mark.train
def test_crossval_gives_each_fold_the_teacher_of_the_same_fold(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from propscope import cli
    from propscope.training import distill

    data = tiny_ptc(tmp_path / "ptc", 4)
    folds = fold_split([str(n + 1) for n in range(4)], folds=2, seed=13)
    for k in range(2):
        _teacher_run(tmp_path / "teacher" / f"fold{k}", folds[k])
    seen: list[Path] = []

    def fake_targets(arts, teacher, **_):  # type: ignore[no-untyped-def]
        seen.append(teacher)
        return {a.id: _outside_teacher(a, 0) for a in arts}

    monkeypatch.setattr(distill, "teacher_targets", fake_targets)
    result = CliRunner().invoke(
        cli.app,
        [
            "crossval",
            str(data),
            "--runs",
            str(tmp_path / "runs"),
            "--folds",
            "2",
            "--epochs",
            "1",
            "--only-fold",
            "1",
            "--distill-from",
            str(tmp_path / "teacher"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert seen == [(tmp_path / "teacher" / "fold1" / "model").resolve()]
    meta = json.loads((tmp_path / "runs" / "fold1" / "train_meta.json").read_text())
    assert meta["config"]["distill_from"] == str(seen[0])
    assert meta["config"]["distill_weight"] == 0.5


@pytest.mark.train
@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("--distill-from", "not a model folder"),
        ("--distill-data", "--distill-data needs --distill-from"),  # no teacher to read it
    ],
)
def test_the_cli_refuses_a_teacher_it_cannot_use(tmp_path: Path, option: str, message: str) -> None:
    from typer.testing import CliRunner

    from propscope import cli

    data = tiny_ptc(tmp_path / "ptc", 2)
    (tmp_path / "notes").mkdir()
    result = CliRunner().invoke(
        cli.app, ["train", str(data), "-o", str(tmp_path / "m"), option, str(tmp_path / "notes")]
    )
    assert result.exit_code != 0
    assert message in " ".join(result.output.split())  # the console wraps long paths
    assert not (tmp_path / "m" / "checkpoint").exists()


# Distillation on unlabelled articles: the teacher's probabilities are all the student
# learns there.


def test_the_tag_loss_takes_each_tokens_gold_and_teacher_by_their_shares() -> None:
    from propscope.training.train import _distilled_tag_loss

    # Every token's logits make the probabilities (0.5, 0.25, 0.25).
    logits = torch.log(torch.tensor([[[0.5, 0.25, 0.25]] * 4]))
    # Token 0: gold O and a teacher that says B: 0.5 ln 2 + 0.5 ln 4 at weight 0.5.
    # Token 1: a teacher (I) and no gold (an unlabelled article): ln 4, whole.
    # Token 2: gold B, no teacher: ln 4, whole. Token 3: neither ([SEP]): not counted.
    tags = torch.tensor([[0, -100, 1, -100]])
    soft = torch.tensor([[[0.0, 1.0, 0.0], [0.0, 0.0, 1.0], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]])
    loss = _distilled_tag_loss(logits, tags, soft, 0.5).item()
    ln2 = float(np.log(2))
    assert loss == pytest.approx((1.5 * ln2 + 2 * ln2 + 2 * ln2) / 3, rel=1e-5)
    # At weight 0 a labelled token is gold alone; the unlabelled one still learns the teacher.
    assert _distilled_tag_loss(logits, tags, soft, 0.0).item() == pytest.approx(
        (ln2 + 2 * ln2 + 2 * ln2) / 3, rel=1e-5
    )


TEXT_C = "Harbour report\n\nThe ships arrived in the old harbour at noon.\n"


def _teacher_marking(article: Article, phrase: str) -> TeacherTargets:
    """A teacher reading words and punctuation that calls `phrase` a span (B on its first
    word, I on the rest) and everything else outside."""
    import re

    start = article.text.index(phrase)
    offsets = np.array([m.span() for m in re.finditer(r"\w+|[^\w\s]", article.text)])
    probs = np.zeros((len(offsets), 3), dtype=np.float32)
    probs[:, 0] = 1.0
    inside = [i for i, (s, e) in enumerate(offsets) if s >= start and e <= start + len(phrase)]
    probs[inside[0]] = [0.0, 1.0, 0.0]
    probs[inside[1:]] = [0.0, 0.0, 1.0]
    return TeacherTargets(offsets, probs, np.zeros((len(article.tc), 14)))


@pytest.mark.train
def test_an_unlabelled_articles_windows_carry_no_gold_only_the_teacher() -> None:
    article = Article("u1", TEXT_C, labelled=False)
    (window,) = make_windows(
        article,
        _tokenizer(),
        max_tokens=254,
        stride=224,
        teacher=_teacher_marking(article, "the old harbour"),
    )
    assert (window.tags == -100).all()
    assert window.spans == [] and window.soft_spans == []
    assert window.soft_tags is not None
    assert (window.soft_tags[1:-1, 1:].sum(-1) > 0).sum() == 3  # "the", "old", "harbour"


@pytest.mark.train
def test_unlabelled_articles_teach_the_student_the_teachers_spans(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from propscope.training import distill

    gold = labelled("1", TEXT_A)
    news = Article("u1", TEXT_C, labelled=False)
    read: list[str] = []

    def fake_targets(arts, teacher, **_):  # type: ignore[no-untyped-def]
        read.extend(a.id for a in arts)
        return {a.id: _teacher_marking(a, "the old harbour") for a in arts}

    monkeypatch.setattr(distill, "teacher_targets", fake_targets)
    config = _overfitting(distill_weight=0.0)
    model = train_model([gold, news], config=config)
    assert read == ["u1"]  # at weight 0 the labelled article is learned from the gold alone
    tokenizer = _tokenizer()
    for article, phrase in ((gold, "corrupt traitors"), (news, "the old harbour")):
        (window,) = make_windows(
            Article(article.id, article.text), tokenizer, max_tokens=254, stride=224
        )
        encoded = tokenizer.encode(article.text, add_special_tokens=False)
        start = article.text.index(phrase)
        inside = [
            i + 1
            for i, (s, e) in enumerate(encoded.offsets)
            if s >= start and e <= start + len(phrase)
        ]
        ids = torch.from_numpy(window.input_ids)[None]
        with torch.no_grad():
            _, logits = model(ids, torch.ones_like(ids))
        tags = logits[0].argmax(-1)
        assert tags[inside[0]] == 1 and (tags[inside[1:]] == 2).all(), phrase
        outside = [i for i in range(1, len(ids[0]) - 1) if i not in inside]
        assert (tags[outside] == 0).all(), phrase


@pytest.mark.train
def test_unlabelled_articles_need_a_teacher_and_must_be_other_articles(tmp_path: Path) -> None:
    data = tiny_ptc(tmp_path / "ptc", 4)
    news = tmp_path / "news"
    news.mkdir()
    (news / "article90.txt").write_text(TEXT_C, encoding="utf-8")
    with pytest.raises(ValueError, match="--distill-data needs --distill-from"):
        train_checkpoint(data, tmp_path / "a", config=TrainConfig(distill_data=str(news)))
    (news / "article2.txt").write_text(TEXT_C, encoding="utf-8")  # an article of the data
    config = TrainConfig(distill_data=str(news), distill_from="/teacher")
    with pytest.raises(ValueError, match="holds 1 article"):
        train_checkpoint(data, tmp_path / "b", config=config)
    empty = tmp_path / "empty"
    empty.mkdir()
    config = TrainConfig(distill_data=str(empty), distill_from="/teacher")
    with pytest.raises(FileNotFoundError, match="holds no article"):
        train_checkpoint(data, tmp_path / "c", config=config)
    assert not any((tmp_path / name).exists() for name in "abc")
