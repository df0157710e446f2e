"""The shipped technique model on real text."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

import propscope
from propscope import cli as cli_module
from propscope.errors import EmptyTextError
from propscope.io.ptc import read_si_labels, read_tc_labels

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parents[1]
OWN_EXAMPLE = ROOT / "examples" / "harbour_council.txt"


def _check_offsets(analysis: propscope.Analysis) -> None:
    text = analysis.document.text
    for span in analysis.techniques or []:
        assert 0 <= span.start < span.end <= len(text)
        assert text[span.start : span.end] == span.text
        assert 0.0 <= span.score <= 1.0


def test_example_article_shows_its_labelling_and_loaded_language(example_article: Path) -> None:
    analysis = propscope.analyze(example_article.read_text(encoding="utf-8"))
    _check_offsets(analysis)
    found = analysis.techniques or []
    techniques = {s.technique for s in found}
    assert len(found) >= 5
    assert techniques & {"Name_Calling,Labeling", "Loaded_Language"}
    assert analysis.document.title == (
        "Russian military asks Putin to restart bombing Al-Qaeda in Aleppo"
    )
    assert 0 < analysis.summary["covered_share"] < 1


def test_own_example_is_analyzed() -> None:
    analysis = propscope.analyze(OWN_EXAMPLE.read_text(encoding="utf-8"))
    _check_offsets(analysis)
    assert analysis.techniques, "the quick-start example shows no technique"


def test_long_article_is_read_to_the_end(example_article: Path) -> None:
    body = example_article.read_text(encoding="utf-8")
    text = "\n".join([body] * 8)  # about 8 windows of 254 word pieces
    analysis = propscope.analyze(text)
    _check_offsets(analysis)
    ends = [s.end for s in analysis.techniques or []]
    assert max(ends) > 0.9 * len(text), "no span found near the end: the article was cut"
    # The last copy is read as well as the first: windows shift, so compare counts.
    copy = len(body) + 1
    spans = analysis.techniques or []
    first = [s for s in spans if s.end <= copy]
    last = [s for s in spans if s.start >= 7 * copy]
    assert len(last) >= 0.5 * len(first) > 0


def test_same_input_same_output(example_article: Path) -> None:
    text = example_article.read_text(encoding="utf-8")
    a = propscope.analyze(text).to_dict()
    b = propscope.analyze(text).to_dict()
    assert a == b


def test_an_article_reads_the_same_alone_and_beside_other_articles(example_article: Path) -> None:
    """The int8 encoder's activation scales are per batch: an article must never share a
    batch with another, or its spans would change with what else a run reads."""
    from propscope.models.runtime import TechniqueModelRuntime

    runtime = TechniqueModelRuntime()
    text = example_article.read_text(encoding="utf-8")
    others = [
        "Short note\n\nThe council met on Monday. Nothing was decided.\n",
        "Markets\n\n" + "Shares rose 40% as traders cheered the shocking, historic deal. " * 60,
    ]
    (alone,) = runtime.score_texts([text])
    for batch in ([*others, text], [text, *others], [others[1], text, others[0]]):
        beside = runtime.score_texts(batch)[batch.index(text)]
        np.testing.assert_array_equal(beside.token_probs, alone.token_probs)
        np.testing.assert_array_equal(beside.hidden, alone.hidden)
    # The spans too, whole analyses apart.
    analyzer = propscope.Analyzer(("techniques",))
    together = list(analyzer.pipe([others[1], text, others[0]]))[1]
    assert together.to_dict()["techniques"] == propscope.analyze(text).to_dict()["techniques"]


def test_the_span_head_multiplies_on_one_blas_thread(
    example_article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """numpy's BLAS threads, left spinning after a product, would take the cores from the
    encoder's next run (propscope.blas)."""
    from threadpoolctl import threadpool_info, threadpool_limits

    from propscope.models import runtime as runtime_module

    seen: list[int] = []
    real_gelu = runtime_module._gelu

    def spy(x: np.ndarray) -> np.ndarray:
        seen.append(max(i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"))
        return real_gelu(x)

    monkeypatch.setattr(runtime_module, "_gelu", spy)
    with threadpool_limits(limits=2, user_api="blas"):
        analysis = propscope.Analyzer(("techniques",))(example_article.read_text(encoding="utf-8"))
    assert analysis.techniques and seen and set(seen) == {1}


def test_a_given_span_reads_the_same_whatever_else_is_asked(example_article: Path) -> None:
    """Each extra window a given span is read in runs on its own, so asking about other
    passages in the same call (windows of their own) cannot move this one's probabilities."""
    from propscope.models.runtime import TechniqueModelRuntime

    runtime = TechniqueModelRuntime()
    text = example_article.read_text(encoding="utf-8")
    scores = runtime.score_texts([text])[0]
    phrases = ("wide discrepancy", "moderate rebels", "Kamikaze tactic", "double standard")
    spans = [(text.index(p), text.index(p) + len(p)) for p in phrases]
    together = runtime.classify_spans(text, scores, spans, given=True)
    for i, span in enumerate(spans):
        (alone,) = runtime.classify_spans(text, scores, [span], given=True)
        np.testing.assert_allclose(alone, together[i], rtol=0, atol=1e-6)


@pytest.mark.parametrize(
    "text",
    [
        "Hello",
        "no punctuation at all just words running on and on " * 40,
        "Le gouvernement a annoncé hier une réforme profonde du système des retraites.",
        "数字 1,200 和 12,000",
        "!!! ??? ... 7",  # one digit, and no word pieces but punctuation
    ],
)
def test_odd_texts_are_analyzed_without_crashing(text: str) -> None:
    analysis = propscope.analyze(text)
    _check_offsets(analysis)


@pytest.mark.parametrize("text", ["!!!???...", "\u200b"])  # no letter or digit at all
def test_a_text_without_letters_or_digits_is_refused_with_a_fix(text: str) -> None:
    with pytest.raises(EmptyTextError, match="holds no letter or digit"):
        propscope.analyze(text)


def test_ptc_predict_si_and_tc_on_real_articles(ptc_train: Path, tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    ids = ["111111111", "111111112"]
    for article_id in ids:
        name = f"article{article_id}.txt"
        (articles / name).write_bytes((ptc_train / "articles" / name).read_bytes())
    gold = [
        r for r in read_tc_labels(ptc_train / "train-task-flc-tc.labels") if r.article_id in ids
    ]
    template = tmp_path / "template.tsv"
    template.write_text("".join(f"{r.article_id}\t?\t{r.start}\t{r.end}\n" for r in gold))
    runner = CliRunner()
    si_out = tmp_path / "si.tsv"
    result = runner.invoke(
        cli_module.app, ["ptc", "predict", str(articles), "--task", "si", "-o", str(si_out)]
    )
    assert result.exit_code == 0, result.output
    si_rows = read_si_labels(si_out)
    assert si_rows and {r.article_id for r in si_rows} <= set(ids)
    tc_out = tmp_path / "tc.tsv"
    result = runner.invoke(
        cli_module.app,
        [
            "ptc",
            "predict",
            str(articles),
            "--task",
            "tc",
            "--spans",
            str(template),
            "-o",
            str(tc_out),
        ],
    )
    assert result.exit_code == 0, result.output
    tc_rows = read_tc_labels(tc_out)
    assert [(r.article_id, r.start, r.end) for r in tc_rows] == [
        (r.article_id, r.start, r.end) for r in gold
    ]
    # A span listed twice gets two different techniques.
    seen: dict[tuple[str, int, int], set[str]] = {}
    for r in tc_rows:
        seen.setdefault((r.article_id, r.start, r.end), set()).add(r.technique)
    counts: dict[tuple[str, int, int], int] = {}
    for r in tc_rows:
        counts[(r.article_id, r.start, r.end)] = counts.get((r.article_id, r.start, r.end), 0) + 1
    assert all(len(seen[k]) == n for k, n in counts.items())


def test_shipped_model_scores_are_calibrated_and_capped(example_article: Path) -> None:
    from propscope.calibration import Calibration
    from propscope.components.techniques import TechniqueTagger

    tagger = TechniqueTagger()
    calibration = Calibration.from_config(tagger.runtime.config)
    assert calibration is not None and tagger.model_info()["scores"] == "calibrated"
    assert tagger.runtime.technique_offsets is not None
    assert len(tagger.runtime.technique_offsets) == len(tagger.labels)
    # No shown score can exceed the share right of the curve's top step (about a half),
    # and the raw product is what `calibrated=False` shows.
    top = max(calibration.curve[1])
    assert 0.3 < top < 0.8
    analysis = propscope.analyze(example_article.read_text(encoding="utf-8"))
    assert all(s.score <= top + 1e-9 for s in analysis.techniques or [])
    raw = propscope.Analyzer(("techniques",), settings={"techniques": {"calibrated": False}})
    raw_analysis = raw(analysis.document)
    assert raw_analysis.model["components"]["techniques"]["scores"] == "raw"
    assert [(s.start, s.end) for s in raw_analysis.techniques or []] == [
        (s.start, s.end) for s in analysis.techniques or []
    ]


def test_the_runtime_adds_the_stacker_to_given_spans_only() -> None:
    from propscope.models.runtime import TechniqueModelRuntime
    from propscope.stacking import STACK_FEATURES, TechniqueStacker

    runtime = TechniqueModelRuntime()
    assert runtime.given_stacker is not None and runtime.given_offsets is not None
    text = 'Title\n\nThe "traitors" lied again, as traitors do.\n'
    start = text.index("traitors")
    spans = [(start, start + 8), (text.index("lied"), text.index("lied") + 4)]
    scores = runtime.score_texts([text])[0]
    runtime.technique_offsets = runtime.given_offsets = None
    found = runtime.classify_spans(text, scores, spans)
    # A stacker that says quoted spans are Doubt, by a lot, and nothing else.
    doubt = runtime.labels.index("Doubt")
    weights = [[0.0] * len(runtime.labels) for _ in STACK_FEATURES]
    weights[STACK_FEATURES.index("quoted")][doubt] = 20.0
    runtime.given_stacker = TechniqueStacker(
        (0.0,) * len(STACK_FEATURES),
        (1.0,) * len(STACK_FEATURES),
        tuple(tuple(row) for row in weights),
        (0.0,) * len(runtime.labels),
    )
    assert runtime.classify_spans(text, scores, spans) == pytest.approx(found)
    given = runtime.classify_spans(text, scores, spans, given=True)
    assert given[0].argmax() == doubt and given[0, doubt] > 0.99
    assert given[1] == pytest.approx(found[1], abs=1e-6)  # "lied" is not quoted
    assert given.sum(axis=1) == pytest.approx([1.0, 1.0], abs=1e-5)


def test_the_runtime_weighs_the_lexicon_for_given_spans_when_its_stacker_does(
    tmp_path: Path,
) -> None:
    import shutil
    import zlib

    from propscope.errors import ModelError
    from propscope.models.runtime import DEFAULT_MODEL_DIR, TechniqueModelRuntime
    from propscope.stacking import STACK_FEATURES, TechniqueStacker
    from propscope.technique_lexicon import BUCKETS, LEXICON_FILE, TechniqueLexicon

    runtime = TechniqueModelRuntime()
    text = "Title\n\nThey lied again, as traitors do.\n"
    spans = [(text.index(w), text.index(w) + len(w)) for w in ("lied", "traitors")]
    scores = runtime.score_texts([text])[0]
    runtime.technique_offsets = runtime.given_offsets = None
    found = runtime.classify_spans(text, scores, spans)
    # A lexicon that says the word "lied" is Doubt, by a lot, and a stacker that weighs it.
    doubt = runtime.labels.index("Doubt")
    table = np.zeros((BUCKETS, len(runtime.labels)), dtype=np.float32)
    table[zlib.crc32(b"w:lied") % BUCKETS, doubt] = 20.0
    runtime.given_lexicon = TechniqueLexicon(table, np.zeros(len(runtime.labels)))
    runtime.given_stacker = TechniqueStacker(
        (0.0,) * len(STACK_FEATURES),
        (1.0,) * len(STACK_FEATURES),
        ((0.0,) * len(runtime.labels),) * len(STACK_FEATURES),
        (0.0,) * len(runtime.labels),
        1.0,
    )
    given = runtime.classify_spans(text, scores, spans, given=True)
    assert given[0].argmax() == doubt and given[0, doubt] > 0.99
    # "traitors" gets the same shift on every technique from the lexicon: its choice stands.
    assert given[1] == pytest.approx(found[1], abs=1e-5)
    assert runtime.classify_spans(text, scores, spans) == pytest.approx(found)

    # A model whose stacker weighs a lexicon it does not have is refused, with the fix.
    folder = tmp_path / "model"
    shutil.copytree(DEFAULT_MODEL_DIR, folder)
    (folder / LEXICON_FILE).unlink(missing_ok=True)
    config = json.loads((folder / "config.json").read_text())
    config["given_spans"]["technique_stacker"]["lexicon_weight"] = 1.0
    (folder / "config.json").write_text(json.dumps(config))
    with pytest.raises(ModelError, match="re-run `propscope calibrate`"):
        TechniqueModelRuntime(folder)


def test_the_shipped_model_reads_given_spans_as_it_was_calibrated() -> None:
    from propscope.models.runtime import DEFAULT_MODEL_DIR, TechniqueModelRuntime
    from propscope.technique_lexicon import LEXICON_FILE
    from propscope.training.calibration import GIVEN_VIEWS

    runtime = TechniqueModelRuntime()
    # Given spans are read four times (0.3.1), and the stacker was fitted so.
    assert runtime.given_views == GIVEN_VIEWS
    assert runtime.given_stacker is not None and runtime.given_offsets is not None
    card = (DEFAULT_MODEL_DIR / "MODEL_CARD.md").read_text()
    assert "a given span is read 4 times" in card
    # Calibrated without the technique lexicon: the model carries no file it does not read.
    assert runtime.given_stacker.lexicon_weight == 0 and runtime.given_lexicon is None
    assert not (DEFAULT_MODEL_DIR / LEXICON_FILE).exists()
    text = OWN_EXAMPLE.read_text(encoding="utf-8")
    # The version every Analysis names is the one on the card.
    config = json.loads((DEFAULT_MODEL_DIR / "config.json").read_text())
    title = (DEFAULT_MODEL_DIR / "MODEL_CARD.md").read_text().partition("\n")[0]
    assert title == f"# Model card: {config['name']} {config['version']}"
    analysis = propscope.analyze(text)
    assert analysis.model["components"]["techniques"]["version"] == config["version"]


def test_classify_names_the_technique_of_chosen_passages() -> None:
    text = OWN_EXAMPLE.read_text(encoding="utf-8")
    passages = {
        "Our harbour, our town, our future.": {"Slogans", "Flag-Waving", "Repetition"},
        "Can we really trust a man who changed his story three times in a single week?": {"Doubt"},
        "a shameful betrayal": {"Loaded_Language", "Name_Calling,Labeling"},
    }
    spans = [(text.index(p), text.index(p) + len(p)) for p in passages]
    got = propscope.classify(text, spans)
    assert [(c.start, c.end) for c in got] == spans
    for c, expected in zip(got, passages.values(), strict=True):
        assert c.text == text[c.start : c.end]
        assert c.technique in expected, (c.text, c.ranked[:3])
        assert sum(p for _, p in c.ranked) == pytest.approx(1.0, abs=1e-3)
        assert c.probability == max(p for _, p in c.ranked)


def test_classify_command_ranks_passages_and_shows_them_escaped(tmp_path: Path) -> None:
    import json

    text = "Harbour [red]sold[/red] <b>now</b>\n\nThe corrupt traitors sold our harbour, again.\n"
    article = tmp_path / "a.txt"
    article.write_text(text, encoding="utf-8")
    runner = CliRunner()
    args = ["classify", str(article), "-p", "corrupt traitors", "-s", "0:24"]
    result = runner.invoke(cli_module.app, [*args, "-f", "json"])
    assert result.exit_code == 0, result.output
    got = json.loads(result.output)
    start = text.index("corrupt traitors")
    # in the order of the text, whatever the order they were given in
    assert [(g["start"], g["end"]) for g in got] == [(0, 24), (start, start + 16)]
    assert got[1]["technique"] in {"Name_Calling,Labeling", "Loaded_Language"}
    assert len(got[1]["ranked"]) == 14 and got[1]["ranked"][0]["label"]
    result = runner.invoke(cli_module.app, args)
    assert result.exit_code == 0, result.output
    flat = " ".join(result.output.split())
    assert "[red]sold[/red]" in flat  # markup in the article is shown, not applied
    assert "corrupt traitors" in flat and "%" in flat


def test_the_runtime_reads_in_its_configured_windows_or_the_ones_it_is_given(
    example_article: Path,
) -> None:
    import itertools
    import json

    from propscope.encoding import Window
    from propscope.models.runtime import DEFAULT_MODEL_DIR, TechniqueModelRuntime

    text = example_article.read_text(encoding="utf-8")
    config = json.loads((DEFAULT_MODEL_DIR / "config.json").read_text())
    shipped = TechniqueModelRuntime()
    assert shipped.window == Window(config["max_tokens"], config["inference_stride"])
    for runtime in (shipped, TechniqueModelRuntime(window=Window(40, 32))):
        scores = runtime.score_texts([text])[0]
        starts = [start for start, _ in scores.windows]
        assert len(starts) > 2 and starts[0] == 0 and scores.windows[-1][1] == len(scores.encoded)
        assert {b - a for a, b in itertools.pairwise(starts)} == {runtime.window.stride}
        assert max(end - start for start, end in scores.windows) == runtime.window.tokens
        assert scores.token_probs.shape == (len(scores.encoded), 3)


def test_a_model_folder_with_a_window_that_cannot_be_read_names_its_config(
    tmp_path: Path,
) -> None:
    import json
    import shutil

    from propscope.errors import ModelError
    from propscope.models.runtime import DEFAULT_MODEL_DIR, TechniqueModelRuntime

    folder = tmp_path / "model"
    shutil.copytree(DEFAULT_MODEL_DIR, folder)
    config = json.loads((folder / "config.json").read_text())
    config["inference_stride"] = config["max_tokens"] + 1
    (folder / "config.json").write_text(json.dumps(config))
    with pytest.raises(ModelError, match=r"config\.json: a window of .* cannot be read"):
        TechniqueModelRuntime(folder)


def test_given_spans_are_read_again_in_windows_placed_around_them(
    example_article: Path, tmp_path: Path
) -> None:
    import shutil
    from types import SimpleNamespace

    from propscope.encoding import char_span_to_tokens, placed_window
    from propscope.errors import ModelError
    from propscope.models.runtime import DEFAULT_MODEL_DIR, TechniqueModelRuntime

    runtime = TechniqueModelRuntime()
    runtime.technique_offsets = runtime.given_offsets = None
    runtime.given_stacker = None
    text = example_article.read_text(encoding="utf-8")
    scores = runtime.score_texts([text])[0]
    phrases = ("moderate rebels", "Jihadis", "wide discrepancy", "Kamikaze", "double standard")
    spans = [(text.index(p), text.index(p) + len(p)) for p in phrases]
    rows: list[int] = []
    run_rows = runtime._run_rows

    def counted(parts):  # type: ignore[no-untyped-def]
        rows.append(len(parts))
        return run_rows(parts)

    runtime._run_rows = counted  # type: ignore[method-assign]
    once = runtime.classify_spans(text, scores, spans, views=())
    assert rows == []  # one reading needs no more of the encoder
    both = runtime.classify_spans(text, scores, spans, views=(0.5,))
    # A window centred on each span, unless the article was read in that window already.
    placed = []
    for span in spans:
        tok = char_span_to_tokens(scores.encoded.offsets, *span)
        assert tok is not None
        width, grid = runtime.window.tokens, runtime.view_grid
        placed.append(placed_window(len(scores.encoded), *tok, width=width, at=0.5, grid=grid))
    assert all(start % runtime.view_grid == 0 for start, _ in placed)
    assert sum(rows) == len(set(placed) - set(scores.windows)) >= 1
    # The same as the two readings' logits averaged: the read window's, and the centred one's
    # (read on its own, as the runtime reads each extra window).
    missing = sorted(set(placed) - set(scores.windows))
    i = next(k for k, window in enumerate(placed) if window in missing)
    hidden, _ = run_rows([(scores.encoded, *placed[i])])
    alone = SimpleNamespace(encoded=scores.encoded, windows=[placed[i]], hidden=hidden)
    other = runtime.classify_spans(text, alone, spans[i : i + 1], views=())  # type: ignore[arg-type]
    mean = (np.log(once[i]) + np.log(other[0])) / 2
    expected = np.exp(mean - mean.max()) / np.exp(mean - mean.max()).sum()
    assert both[i] == pytest.approx(expected, abs=1e-5)
    assert not np.allclose(np.log(both[i]), np.log(once[i]), atol=1e-3)  # a reading apart
    # Given spans get the model's views; the tagger's spans are read once.
    runtime.given_views = (0.5,)
    assert runtime.classify_spans(text, scores, spans, given=True) == pytest.approx(both)
    assert runtime.classify_spans(text, scores, spans) == pytest.approx(once)
    # A text read in one window is read in no other: the views add nothing.
    short = "Title\n\nThe moderate rebels lied again.\n"
    short_scores = runtime.score_texts([short])[0]
    rows.clear()
    span = [(short.index("moderate"), short.index("moderate") + 15)]
    read_once = runtime.classify_spans(short, short_scores, span, views=())
    assert runtime.classify_spans(short, short_scores, span, views=(0.25, 0.75)) == pytest.approx(
        read_once, abs=1e-6
    )
    assert rows == []

    # A model whose views are not shares of a window is refused, with the fix.
    folder = tmp_path / "model"
    shutil.copytree(DEFAULT_MODEL_DIR, folder)
    config = json.loads((folder / "config.json").read_text())
    config.setdefault("given_spans", {})["views"] = [0.5, 2]
    (folder / "config.json").write_text(json.dumps(config))
    with pytest.raises(ModelError, match=r"given_spans\.views .* re-run `propscope calibrate`"):
        TechniqueModelRuntime(folder)


def test_classify_loads_the_technique_model_alone() -> None:
    """It built the whole default analyzer, spaCy and five other layers, for a model it
    does not use (API audit, session 27: 2.2 s on the first call)."""
    import subprocess
    import sys

    code = (
        "import sys, propscope\n"
        "text = 'Title\\n\\nThe traitors lied to everyone again.'\n"
        "print(propscope.classify(text, [(11, 19)])[0].technique)\n"
        "print('spacy' in sys.modules)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    technique, spacy_loaded = run.stdout.split()
    from propscope.techniques import TECHNIQUE_NAMES

    assert technique in TECHNIQUE_NAMES and spacy_loaded == "False"
