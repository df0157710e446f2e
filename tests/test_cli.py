"""The CLI over hand-made components: no trained model needed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from fakes import Shouter
from propscope import Analyzer
from propscope import cli as cli_module

runner = CliRunner()
PTC = "../shared/data/ptc-train"  # as the shipped card names its data
_real_build_analyzer = cli_module._build_analyzer


@pytest.fixture(autouse=True)
def fake_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        cli_module,
        "_build_analyzer",
        lambda model, threshold, components=None, min_score=None: Analyzer.from_components(
            [("techniques", Shouter())]
        ),
    )


def _write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_json_output_is_one_analysis_with_offsets_into_the_text(tmp_path: Path) -> None:
    article = _write(tmp_path / "a.txt", "Headline here\n\nThis is OUTRAGEOUS news.\n")
    result = runner.invoke(cli_module.app, ["analyze", str(article), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["document"]["title"] == "Headline here"
    span = data["techniques"][0]
    assert data["document"]["text"][span["start"] : span["end"]] == "OUTRAGEOUS"
    assert span["technique"] == "Loaded_Language"
    assert data["summary"]["spans"] == 1


def test_one_broken_input_does_not_stop_the_others(tmp_path: Path) -> None:
    good = _write(tmp_path / "good.txt", "Title\n\nA SHAMEFUL act.\n")
    bad = _write(tmp_path / "bad.txt", b"Title\n\n\xff\xfe not utf-8\n")
    empty = _write(tmp_path / "empty.txt", "   \n")
    also_good = _write(tmp_path / "also.txt", "Other\n\nNothing loud.\n")
    result = runner.invoke(
        cli_module.app,
        [
            "analyze",
            str(good),
            str(bad),
            "nope.txt",
            str(empty),
            str(also_good),
            "--format",
            "jsonl",
            "--no-progress",
        ],
    )
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert [d["document"]["title"] for d in lines] == ["Title", "Other"]
    assert "3 inputs failed" in result.stderr
    assert "bad.txt" in result.stderr and "UTF-8" in result.stderr
    assert "nope.txt" in result.stderr
    assert "empty.txt" in result.stderr


def test_html_report_escapes_article_markup(tmp_path: Path) -> None:
    article = _write(tmp_path / "x.txt", "Title\n\nA DREADFUL <script>alert('x')</script> plan.\n")
    report = tmp_path / "report.html"
    result = runner.invoke(
        cli_module.app, ["analyze", str(article), "--format", "html", "--output", str(report)]
    )
    assert result.exit_code == 0, result.output
    page = report.read_text(encoding="utf-8")
    assert "alert(&#x27;x&#x27;)" in page or "alert(&#39;x&#39;)" in page
    assert "<script>alert" not in page
    assert "DREADFUL" in page


def test_an_html_report_lists_the_inputs_it_could_not_analyze(tmp_path: Path) -> None:
    good = _write(tmp_path / "good.txt", "Title\n\nA SHAMEFUL act.\n")
    empty = _write(tmp_path / "empty.txt", "  \n")
    report = tmp_path / "report.html"
    args = ["analyze", str(good), str(empty), "--format", "html", "-o", str(report)]
    result = runner.invoke(cli_module.app, [*args, "--no-progress"])
    assert result.exit_code == 1
    page = report.read_text(encoding="utf-8")
    assert "Not analyzed: 1 input" in page
    listed = page[page.index('id="not-analyzed"') :]
    assert "empty.txt" in listed[: listed.index("</section>")]
    assert "SHAMEFUL" in page


@pytest.mark.parametrize("format", ["html", "json", "jsonl", "terminal"])
def test_a_run_in_which_every_input_fails_leaves_the_earlier_report(
    tmp_path: Path, format: str
) -> None:
    report = tmp_path / "report.out"
    report.write_text("an earlier report", encoding="utf-8")
    bad = _write(tmp_path / "bad.txt", b"Title\n\n\xff\xfe not utf-8\n")
    result = runner.invoke(
        cli_module.app, ["analyze", str(bad), "--format", format, "-o", str(report)]
    )
    assert result.exit_code == 1
    assert report.read_text(encoding="utf-8") == "an earlier report"
    said = " ".join(result.stderr.split())  # the console wraps at its width
    assert "1 input failed" in said and "nothing was analyzed" in said
    assert "left as it was" in said
    assert not list(tmp_path.glob(".*partial"))


@pytest.mark.parametrize("format", ["html", "json", "jsonl", "terminal"])
def test_analyze_refuses_an_output_it_cannot_write_before_reading(
    tmp_path: Path, format: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A thousand articles analyzed, then lost to a typo in the output's folder: refused first.
    article = _write(tmp_path / "a.txt", "Title\n\nA SHAMEFUL act.\n")

    def not_read(*args: object, **kwargs: object) -> None:
        raise AssertionError("the inputs were read before the output was checked")

    monkeypatch.setattr("propscope.runner.analyze_inputs", not_read)
    for output, expected in (
        (tmp_path, f"{tmp_path} is a folder; give a file to write the analyses to."),
        (tmp_path / "no" / "r.out", f"{tmp_path / 'no'} does not exist; create it or write"),
    ):
        result = runner.invoke(
            cli_module.app, ["analyze", str(article), "--format", format, "-o", str(output)]
        )
        assert result.exit_code == 1, result.output
        assert expected in " ".join(result.stderr.split()), result.stderr  # wrapped
    assert {p.name for p in tmp_path.iterdir()} == {"a.txt"}


@pytest.mark.parametrize("format", ["json", "jsonl", "terminal"])
def test_analyze_refuses_to_write_over_one_of_its_inputs(tmp_path: Path, format: str) -> None:
    # "analyze corpus.jsonl -o corpus.jsonl" replaced the corpus, and the lines it said to
    # fix were gone (review, session 39); `batch` refused it already.
    corpus = _write(tmp_path / "corpus.jsonl", '{"id": "a", "text": "A SHAMEFUL act."}\n')
    before = corpus.read_bytes()
    link = tmp_path / "link.jsonl"
    link.symlink_to(corpus)
    for output in (corpus, link):
        result = runner.invoke(
            cli_module.app, ["analyze", str(corpus), "--format", format, "-o", str(output)]
        )
        assert result.exit_code == 1, result.output
        assert "is one of the inputs" in " ".join(result.stderr.split())
    assert corpus.read_bytes() == before


@pytest.mark.parametrize("format", ["json", "jsonl", "terminal"])
def test_a_run_to_stdout_in_which_every_input_fails_says_nothing_was_analyzed(
    tmp_path: Path, format: str
) -> None:
    bad = _write(tmp_path / "bad.txt", b"Title\n\n\xff\xfe not utf-8\n")
    result = runner.invoke(cli_module.app, ["analyze", str(bad), "--format", format])
    assert result.exit_code == 1
    said = " ".join(result.stderr.split())
    assert "1 input failed, nothing was analyzed" in said and "the others" not in said


def test_an_output_that_is_a_link_or_a_device_is_written_through_not_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `-o /dev/stdout` (as root) replaced the device's link with a file.
    article = _write(tmp_path / "a.txt", "Title\n\nA SHAMEFUL act.\n")
    target = _write(tmp_path / "kept.json", "an earlier report")
    link = tmp_path / "latest.json"
    link.symlink_to(target)
    to_null = tmp_path / "null"
    to_null.symlink_to("/dev/null")
    for output in (link, to_null):
        result = runner.invoke(
            cli_module.app, ["analyze", str(article), "-f", "json", "-o", str(output)]
        )
        assert result.exit_code == 0, result.output
        assert output.is_symlink()
    assert json.loads(target.read_text(encoding="utf-8"))["document"]["title"] == "Title"
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli_module.app, ["analyze", str(article), "-f", "json", "-o", "-"])
    assert result.exit_code == 0 and json.loads(result.stdout)["document"]["title"] == "Title"
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize("format", ["html", "json", "terminal"])
def test_a_report_replaces_the_earlier_one_whole(tmp_path: Path, format: str) -> None:
    report = tmp_path / "report.out"
    report.write_text("an earlier report", encoding="utf-8")
    good = _write(tmp_path / "good.txt", "Title\n\nA SHAMEFUL act.\n")
    result = runner.invoke(
        cli_module.app, ["analyze", str(good), "--format", format, "-o", str(report)]
    )
    assert result.exit_code == 0, result.output
    written = report.read_text(encoding="utf-8")
    assert "an earlier report" not in written and "SHAMEFUL" in written
    assert {p.name for p in tmp_path.iterdir()} == {"good.txt", "report.out"}


def test_terminal_output_shows_the_text_and_the_label(tmp_path: Path) -> None:
    article = _write(tmp_path / "t.txt", "Title\n\nThis is OUTRAGEOUS [bold]stuff[/bold].\n")
    result = runner.invoke(cli_module.app, ["analyze", str(article)])
    assert result.exit_code == 0, result.output
    assert "[bold]stuff[/bold]" in result.stdout  # article markup shown, not applied
    assert "Loaded language" in result.stdout


def test_piped_terminal_output_brackets_spans_and_pads_no_line(tmp_path: Path) -> None:
    text = "Title\n\n" + "A long line of plain words to wrap. " * 6 + "This is OUTRAGEOUS.\n"
    article = _write(tmp_path / "t.txt", text)
    result = runner.invoke(cli_module.app, ["analyze", str(article)])
    assert result.exit_code == 0, result.output
    # No colour on a pipe: brackets show where the span starts.
    assert "⟦OUTRAGEOUS.⟧ [Loaded language" in " ".join(result.stdout.split())
    assert [line for line in result.stdout.splitlines() if line.endswith(" ")] == []
    report = tmp_path / "report.txt"
    result = runner.invoke(cli_module.app, ["analyze", str(article), "-o", str(report)])
    written = report.read_text(encoding="utf-8")
    assert "⟦OUTRAGEOUS.⟧ [Loaded language" in " ".join(written.split())
    assert [line for line in written.splitlines() if line.endswith(" ")] == []


def test_stdin_is_read_with_dash() -> None:
    result = runner.invoke(
        cli_module.app, ["analyze", "-", "--format", "json"], input="Head\n\nSo UNFAIR.\n"
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["document"]["title"] == "Head"


def test_a_folder_with_nothing_readable_fails_with_a_reason(tmp_path: Path) -> None:
    (tmp_path / "picture.png").write_bytes(b"\x89PNG")
    result = runner.invoke(cli_module.app, ["analyze", str(tmp_path), "--format", "json"])
    assert result.exit_code == 1
    assert ".txt" in result.stderr


def test_ptc_score_prints_the_shared_task_figures(tmp_path: Path) -> None:
    gold = _write(tmp_path / "gold.tsv", "1\t5\t20\n")
    pred = _write(tmp_path / "pred.tsv", "1\t0\t10\n")
    result = runner.invoke(
        cli_module.app, ["ptc", "score", "--task", "si", str(pred), str(gold), "--json"]
    )
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    # P = 5/10, R = 5/15, F1 = 2PR/(P+R) = 0.4
    assert scores["precision"] == 0.5
    assert scores["recall"] == 0.3333
    assert scores["f1"] == 0.4


def test_ptc_score_warns_of_articles_the_gold_file_lacks(tmp_path: Path) -> None:
    gold = _write(tmp_path / "gold.tsv", "1\t5\t20\n")
    pred = _write(tmp_path / "pred.tsv", "1\t5\t20\n2\t0\t10\n")
    result = runner.invoke(cli_module.app, ["ptc", "score", "--task", "si", str(pred), str(gold)])
    assert result.exit_code == 0, result.output
    said = " ".join(result.stderr.split())
    assert "names 1 article(s)" in said and "(first: '2')" in said
    assert "precision 0.5000" in result.stdout  # the stray row still counts, as the task's scorer


def test_ptc_score_notes_gold_articles_the_predictions_never_name(tmp_path: Path) -> None:
    # Predicting three articles and scoring against the whole gold file gave a recall
    # near 0 and no hint why.
    gold = _write(tmp_path / "gold.tsv", "1\t5\t20\n2\t0\t10\n3\t0\t4\n")
    pred = _write(tmp_path / "pred.tsv", "1\t5\t20\n")
    result = runner.invoke(cli_module.app, ["ptc", "score", "--task", "si", str(pred), str(gold)])
    assert result.exit_code == 0, result.output
    said = " ".join(result.stderr.split())
    assert "has 2 of its 3 articles with no span" in said and "(first: '2', '3')" in said
    assert "add --articles with their folder" in said
    assert "recall 0.3333" in result.stdout


def test_ptc_score_asks_for_articles_only_where_it_would_help(tmp_path: Path) -> None:
    gold = _write(tmp_path / "gold.tsv", "1\t5\t20\n2\t0\t10\n")
    folder = tmp_path / "some"
    folder.mkdir()
    for article_id in ("1", "2"):
        (folder / f"article{article_id}.txt").write_text("Text.\n", encoding="utf-8")
    partial = _write(tmp_path / "pred.tsv", "1\t5\t20\n")
    empty = _write(tmp_path / "empty.tsv", "")
    for pred, articles, expected in [
        (partial, ["--articles", str(folder)], "are all scored, found spans or not"),
        (empty, [], "holds no span at all: is it the file you meant?"),
    ]:
        args = ["ptc", "score", "--task", "si", str(pred), str(gold), *articles]
        result = runner.invoke(cli_module.app, args)
        assert result.exit_code == 0, result.output
        said = " ".join(result.stderr.split())
        assert expected in said and "add --articles" not in said, said


def test_ptc_score_articles_keeps_the_gold_of_the_folders_articles(tmp_path: Path) -> None:
    gold = _write(tmp_path / "gold.tsv", "1\t5\t20\n2\t0\t10\n3\t0\t4\n")
    pred = _write(tmp_path / "pred.tsv", "1\t5\t20\n")
    folder = tmp_path / "some"
    folder.mkdir()
    for article_id in ("1", "2"):  # article 2 has gold and no prediction: still missed
        _write(folder / f"article{article_id}.txt", "T\n\nText.\n")
    args = ["ptc", "score", "--task", "si", str(pred), str(gold), "--articles", str(folder)]
    result = runner.invoke(cli_module.app, args)
    assert result.exit_code == 0, result.output
    assert "recall 0.5000" in result.stdout and "(1 predicted, 2 gold spans)" in result.stdout
    tc_gold = _write(tmp_path / "tc.tsv", "1\tDoubt\t5\t20\n3\tDoubt\t0\t4\n")
    tc_pred = _write(tmp_path / "tcp.tsv", "1\tDoubt\t5\t20\n")
    args = ["ptc", "score", "--task", "tc", str(tc_pred), str(tc_gold), "--articles", str(folder)]
    result = runner.invoke(cli_module.app, args)
    assert result.exit_code == 0, result.output
    assert "micro-F1 1.0000" in result.stdout
    args[-1] = str(tmp_path / "nowhere")
    assert runner.invoke(cli_module.app, args).exit_code == 1


def test_ptc_score_tc_refuses_rows_that_do_not_answer_the_gold(tmp_path: Path) -> None:
    gold = _write(tmp_path / "gold.tsv", "1\tDoubt\t0\t10\n1\tLoaded_Language\t20\t30\n")
    pred = _write(tmp_path / "pred.tsv", "1\tDoubt\t0\t10\n")  # once 1.0 precision, 0.67 F1
    result = runner.invoke(cli_module.app, ["ptc", "score", "--task", "tc", str(pred), str(gold)])
    assert result.exit_code == 1
    said = " ".join(result.stderr.split())
    assert "1 rows against 2 in the gold" in said and "--spans GOLD" in said
    assert result.stdout == ""


def test_ptc_predict_refuses_a_bad_output_before_reading(tmp_path: Path) -> None:
    _write(tmp_path / "article1.txt", "T\n\nText.\n")
    for output, expected in ((tmp_path, "is a folder"), (tmp_path / "no/x.tsv", "does not exist")):
        result = runner.invoke(
            cli_module.app, ["ptc", "predict", str(tmp_path), "--task", "si", "-o", str(output)]
        )
        assert result.exit_code == 1 and expected in " ".join(result.stderr.split())
    result = runner.invoke(
        cli_module.app,
        ["ptc", "predict", str(tmp_path), "--task", "si", "--spans", str(tmp_path / "t.tsv")],
    )
    assert result.exit_code == 2 and "--spans goes with --task tc" in result.stderr


def test_ptc_predict_names_an_article_that_is_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "article7.txt").write_bytes("T\n\nCaf\u00e9.\n".encode("latin-1"))
    result = runner.invoke(cli_module.app, ["ptc", "predict", str(tmp_path), "--task", "si"])
    assert result.exit_code == 1
    assert "article7.txt: not UTF-8" in " ".join(result.stderr.split())


def _fake_ptc_model(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """`ptc predict` with a model that marks each article's first four characters (SI)
    or calls every template span doubt (TC); `seen` keeps what each was given."""
    from propscope.io.ptc import SiRow, TcRow

    seen: dict[str, Any] = {}

    def predict_si(tagger: object, articles: Any, *, progress: Any) -> list[SiRow]:
        seen["si"] = [article_id for article_id, _ in articles]
        return [SiRow(article_id, 0, 4) for article_id in seen["si"]]

    def predict_tc(tagger: object, texts: Any, template: Any, *, progress: Any) -> list[TcRow]:
        seen["tc"] = sorted(texts), [row.article_id for row in template]
        return [TcRow(row.article_id, "Doubt", row.start, row.end) for row in template]

    monkeypatch.setattr("propscope.components.techniques.TechniqueTagger", lambda **_: None)
    monkeypatch.setattr("propscope.shared_task.predict_si", predict_si)
    monkeypatch.setattr("propscope.shared_task.predict_tc", predict_tc)
    return seen


def test_ptc_predict_predicts_every_article_it_can_read_and_lists_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One unreadable article of a folder does not lose the others' predictions: they
    are written, the unreadable one is named, and the exit status says not all went."""
    seen = _fake_ptc_model(monkeypatch)
    articles = tmp_path / "articles"
    articles.mkdir()
    _write(articles / "article1.txt", "T\n\nText.\n")
    (articles / "article7.txt").write_bytes("T\n\nCaf\u00e9.\n".encode("latin-1"))
    _write(articles / "article9.txt", "T\n\nMore text.\n")
    output = tmp_path / "si.tsv"
    args = ["ptc", "predict", str(articles), "--task", "si", "-o", str(output)]
    result = runner.invoke(cli_module.app, args)
    assert result.exit_code == 1
    assert seen["si"] == ["1", "9"]
    assert output.read_text(encoding="utf-8") == "1\t0\t4\n9\t0\t4\n"
    said = " ".join(result.stderr.split())
    assert "1 article could not be read and has no predictions" in said
    assert "article7" in said and "not UTF-8" in said
    # TC: the template's rows of the unreadable article are left out, the others named.
    template = _write(tmp_path / "t.tsv", "1\t?\t0\t4\n7\t?\t0\t3\n9\t?\t3\t7\n")
    output = tmp_path / "tc.tsv"
    args = ["ptc", "predict", str(articles), "--task", "tc", "--spans", str(template)]
    result = runner.invoke(cli_module.app, [*args, "-o", str(output)])
    assert result.exit_code == 1 and "not UTF-8" in result.stderr
    assert seen["tc"] == (["1", "9"], ["1", "9"])
    assert output.read_text(encoding="utf-8") == "1\tDoubt\t0\t4\n9\tDoubt\t3\t7\n"


def test_ptc_predict_with_no_readable_article_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = _fake_ptc_model(monkeypatch)
    (tmp_path / "article7.txt").write_bytes(b"\xff\xfe")
    output = tmp_path / "out" / "si.tsv"
    output.parent.mkdir()
    result = runner.invoke(
        cli_module.app, ["ptc", "predict", str(tmp_path), "--task", "si", "-o", str(output)]
    )
    assert result.exit_code == 1 and not output.exists() and "si" not in seen
    assert "1 article could not be read, nothing was predicted" in " ".join(result.stderr.split())


def test_ptc_score_names_the_bad_line(tmp_path: Path) -> None:
    gold = _write(tmp_path / "gold.tsv", "1\tLoaded_Language\t5\t20\n")
    pred = _write(tmp_path / "pred.tsv", "1\tSarcasm\t5\t20\n")
    result = runner.invoke(cli_module.app, ["ptc", "score", "--task", "tc", str(pred), str(gold)])
    assert result.exit_code == 1
    assert "pred.tsv:1" in result.stderr and "Sarcasm" in result.stderr


def test_ptc_predict_tc_needs_a_template(tmp_path: Path) -> None:
    _write(tmp_path / "article1.txt", "T\n\nText.\n")
    result = runner.invoke(cli_module.app, ["ptc", "predict", str(tmp_path), "--task", "tc"])
    assert result.exit_code == 2
    assert "--spans" in result.stderr


def test_ptc_predict_tc_refuses_a_span_past_the_text(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    _write(articles / "article1.txt", "T\n\nText.\n")
    template = _write(tmp_path / "template.tsv", "1\t?\t3\t99999\n")
    result = runner.invoke(
        cli_module.app, ["ptc", "predict", str(articles), "--task", "tc", "--spans", str(template)]
    )
    assert result.exit_code == 1
    said = " ".join(result.stderr.split())
    assert "end past their article's text" in said and "3-99999" in said


def test_components_choose_the_layers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The real builder: the figures layer needs no trained model.
    monkeypatch.setattr(cli_module, "_build_analyzer", _real_build_analyzer)
    article = _write(tmp_path / "a.txt", "Toll\n\nThe toll will rise to 4 dollars.\n")
    result = runner.invoke(
        cli_module.app, ["analyze", str(article), "--components", "figures", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [(f["text"], f["counts"]) for f in data["figures"]] == [("4", "dollars")]
    assert "techniques" not in data and "attributions" not in data


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--components", "figures,nonsense"], "No component named 'nonsense'"),
        (["--components", "figures", "--threshold", "0.2"], "leaves out"),
        (["--components", "figures", "--min-score", "0.5"], "leaves out"),
    ],
)
def test_bad_components_are_named_before_any_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, options: list[str], message: str
) -> None:
    monkeypatch.setattr(cli_module, "_build_analyzer", _real_build_analyzer)
    article = _write(tmp_path / "a.txt", "Toll\n\nThe toll will rise.\n")
    result = runner.invoke(cli_module.app, ["analyze", str(article), *options])
    assert result.exit_code == 2  # a usage error, as `batch` says; 1 is "inputs failed"
    assert message in result.output


def test_classify_names_what_is_wrong_before_loading_a_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import propscope.components.techniques as techniques

    def no_model(**kwargs: object) -> None:
        raise AssertionError("the model should not be loaded for a request this wrong")

    monkeypatch.setattr(techniques, "TechniqueTagger", no_model)
    article = _write(tmp_path / "a.txt", "Title\n\nThe traitors lied.\n")
    cases = [  # a usage mistake exits 2, as typer's own do; a passage not there 1
        ([], 2, "Name the passages"),
        (["-p", "the liars"], 1, "'the liars' is not in the article's text"),
        (["-p", "   "], 2, "--passage is empty"),
        (["-s", "4-9"], 2, "--span '4-9': give START:END"),
        (["-s", "1_0:20"], 2, "two offsets from 0"),
        (["-s", "-5:3"], 2, "two offsets from 0"),
        (["-s", "5:3"], 1, "--span '5:3' is not a passage of the article"),
        (["-s", "0:999"], 1, "0 <= START < END <= 26"),
    ]
    for args, code, message in cases:
        result = runner.invoke(cli_module.app, ["classify", str(article), *args])
        assert result.exit_code == code, (args, result.output)
        assert message in " ".join(result.output.split()), (args, result.output)

    result = runner.invoke(
        cli_module.app, ["classify", str(article), "-p", "traitors", "-f", "html"]
    )
    assert result.exit_code == 2  # the help lists only the formats classify writes
    assert "'terminal', 'json'." in result.output and "jsonl" not in result.output
    folder = tmp_path / "two"
    folder.mkdir()
    _write(folder / "b.txt", "One\n")
    _write(folder / "c.txt", "Two\n")
    result = runner.invoke(cli_module.app, ["classify", str(folder), "-p", "One"])
    assert result.exit_code == 1 and "classify reads one" in " ".join(result.output.split())
    result = runner.invoke(cli_module.app, ["classify", str(tmp_path / "none.txt"), "-p", "x"])
    assert result.exit_code == 1 and "none.txt" in result.output


def test_classify_finds_a_passage_typed_with_plain_spaces_and_quotes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import propscope.components.techniques as techniques
    from propscope.analysis import ClassifiedSpan

    asked: list[tuple[int, int]] = []

    class Tagger:
        def __init__(self, **kwargs: object) -> None:
            pass

        def classify(self, text: str, spans: list[tuple[int, int]]) -> list[ClassifiedSpan]:
            asked.extend(spans)
            return [ClassifiedSpan(s, e, text[s:e], (("Doubt", 0.5),)) for s, e in spans]

    monkeypatch.setattr(techniques, "TechniqueTagger", Tagger)
    text = "Title\n\nThe West calls them \u201cmoderate rebels\u201d.\u00a0 It lies.\n"
    article = _write(tmp_path / "a.txt", text)
    args = ["classify", str(article), "-p", '"moderate rebels". It lies', "-f", "json"]
    result = runner.invoke(cli_module.app, args)
    assert result.exit_code == 0, result.output
    ((start, end),) = asked
    assert text[start:end] == "\u201cmoderate rebels\u201d.\u00a0 It lies"
    assert json.loads(result.stdout)[0]["start"] == start


def test_classify_says_when_a_span_cuts_a_word(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import propscope.components.techniques as techniques
    from propscope.analysis import ClassifiedSpan

    class Tagger:
        def __init__(self, **kwargs: object) -> None:
            pass

        def classify(self, text: str, spans: list[tuple[int, int]]) -> list[ClassifiedSpan]:
            return [ClassifiedSpan(s, e, text[s:e], (("Doubt", 0.5),)) for s, e in spans]

    monkeypatch.setattr(techniques, "TechniqueTagger", Tagger)
    article = _write(tmp_path / "a.txt", "The headline\n\nThe traitors lied.\n")
    for span, cut in (("6:8", "headline"), ("18:24", "traitors"), ("14:26", None)):
        result = runner.invoke(cli_module.app, ["classify", str(article), "-s", span, "-f", "json"])
        assert result.exit_code == 0, result.output
        said = " ".join(result.stderr.split())
        if cut is None:
            assert "cuts the word" not in said  # "The traitors" starts and ends at word edges
        else:
            assert f"cuts the word '{cut}'" in said


def test_a_model_folder_that_is_not_there_is_named_so(tmp_path: Path) -> None:
    article = _write(tmp_path / "a.txt", "Title\n\nThe traitors lied.\n")
    for model, state in ((tmp_path / "no", "does not exist"), (article, "is a file")):
        result = runner.invoke(
            cli_module.app, ["classify", str(article), "-s", "7:15", "--model", str(model)]
        )
        assert result.exit_code == 1
        said = " ".join(result.output.split())
        assert f"There is no model folder at {model} (it {state})" in said, said


def test_classify_takes_passages_as_words_in_the_order_of_the_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import propscope.components.techniques as techniques
    from propscope.analysis import ClassifiedSpan

    class Tagger:
        def __init__(self, **kwargs: object) -> None:
            if kwargs.get("model"):
                raise AssertionError("no model folder was given")

        def classify(self, text: str, spans: list[tuple[int, int]]) -> list[ClassifiedSpan]:
            return [ClassifiedSpan(s, e, text[s:e], (("Doubt", 0.5),)) for s, e in spans]

    monkeypatch.setattr(techniques, "TechniqueTagger", Tagger)
    text = "The liars\n\nThe liars lied, and he said they lied again.\n"
    article = _write(tmp_path / "a.txt", text)
    args = ["classify", str(article), "-s", "11:20", "-p", "he", "-p", "The liars", "-f", "json"]
    result = runner.invoke(cli_module.app, args)
    assert result.exit_code == 0, result.output
    found = [(c["start"], c["end"], c["text"]) for c in json.loads(result.stdout)]
    # "he" is the word, not the end of "The"; "The liars" (the title) comes first, and
    # 11:20 (the same words again) after it, as in the text.
    he = text.index(" he ") + 1
    assert found == [(0, 9, "The liars"), (11, 20, "The liars"), (he, he + 2, "he")]
    said = " ".join(result.stderr.split())
    assert "'The liars' occurs 2 times in the article; the one at 0:9 is classified" in said
    assert "'he' occurs" not in said  # once as a word (the count is of the passage found)


def test_the_card_recipe_rebuilds_every_stage_with_its_own_options(tmp_path: Path) -> None:
    from propscope.cli import _recipe
    from propscope.training.train import TrainConfig

    first = TrainConfig(
        epochs=2, extra_data="/data/pseudo", base_model="/models/mpnet", bf16=True, encoder_layers=3
    )
    (tmp_path / "stage1").mkdir()
    (tmp_path / "stage1" / "train_meta.json").write_text(json.dumps({"config": first.to_dict()}))
    second = TrainConfig(
        epochs=1,
        learning_rate=3e-5,
        technique_tag_weight=0.5,
        base_model="/models/mpnet",
        encoder_layers=3,
        init_checkpoint=str(tmp_path / "stage1" / "checkpoint.pt"),
    )
    train, cross, last = _recipe(second, 5, PTC)
    stage1, stage2 = train.split(" && ")
    assert "--epochs 2 " in stage1 and "--technique-tag-weight" not in stage1
    assert "--extra-data /data/pseudo" in stage1 and "--extra-data" not in stage2
    assert "--base-model /models/mpnet --encoder-layers 3 --bf16" in stage1
    assert "--base-model /models/mpnet" in stage2 and "--bf16" not in stage2
    assert "--epochs 1 " in stage2 and "--learning-rate 3e-05 " in stage2
    assert stage2.endswith(
        "--technique-tag-weight 0.5 --base-model /models/mpnet --encoder-layers 3 "
        "--init-checkpoint runs/stage1/checkpoint/checkpoint.pt"
    )
    assert cross.split(" && ")[1].endswith(
        "--technique-tag-weight 0.5 --base-model /models/mpnet --encoder-layers 3 "
        "--continue-from runs/cv-stage1"
    )
    assert last == "stage2"


def test_the_card_names_every_earlier_stage_of_a_multi_stage_model(tmp_path: Path) -> None:
    from propscope.training.card import _stage_note
    from propscope.training.train import TrainConfig

    assert _stage_note(TrainConfig().to_dict()) == ""  # one stage: the settings say it all
    previous = None
    for k, (epochs, rate, weight) in enumerate([(2, 1e-4, 0.0), (1, 3e-5, 0.0), (1, 3e-5, 0.5)]):
        folder = tmp_path / f"stage{k + 1}" / "checkpoint"
        folder.mkdir(parents=True)
        config = TrainConfig(
            epochs=epochs,
            learning_rate=rate,
            technique_tag_weight=weight,
            init_checkpoint=previous,
        )
        (folder / "train_meta.json").write_text(json.dumps({"config": config.to_dict()}))
        previous = str(folder / "checkpoint.pt")
    last = TrainConfig(epochs=1, learning_rate=1e-5, init_checkpoint=previous).to_dict()
    note = _stage_note(last)
    assert note.startswith("- Four stages: stage 1, 2 epoch(s) at learning rate 0.0001 ")
    assert "from the base model; stage 2, 1 epoch(s) at learning rate 3e-05 " in note
    assert "technique-tag loss weight 0.5 from stage 2's weights" in note
    assert note.endswith("then stage 4 below, from stage 3's weights.\n")
    # A chain whose first checkpoint kept no settings names that checkpoint instead.
    (tmp_path / "stage1" / "checkpoint" / "train_meta.json").unlink()
    assert "Trained further from the checkpoint" in _stage_note(last)


def test_the_card_names_the_teacher_a_stage_was_distilled_from(tmp_path: Path) -> None:
    from propscope.cli import _recipe
    from propscope.training.card import _teacher_note
    from propscope.training.train import TrainConfig

    assert _teacher_note(TrainConfig().to_dict()) == ""
    teacher = tmp_path / "teacher"
    teacher.mkdir()
    (teacher / "config.json").write_text(
        json.dumps(
            {
                "base_model": "all-mpnet-base-v2",
                "base_model_sha256": "78c0197b",
                "train_config": TrainConfig(learning_rate=5e-5, bf16=True).to_dict(),
            }
        )
    )
    config = TrainConfig(distill_from=str(teacher), distill_weight=0.3)
    note = _teacher_note(config.to_dict())
    assert f"teacher `{teacher}`: all-mpnet-base-v2 fine-tuned on the same articles" in note
    assert "SHA-256 `78c0197b` (2 epoch(s) at learning rate 5e-05 (encoder)" in note
    assert "seed 13, bfloat16)" in note and "teacher weight 0.3" in note
    # The recipe builds the teacher first, with its own settings, then distils from it.
    train, cross, _ = _recipe(config, 5, PTC)
    build_teacher, student = train.split(" && ")
    data = "../shared/data/ptc-train"
    assert build_teacher.startswith(f"propscope train {data} --output runs/teacher ")
    assert "--learning-rate 5e-05 " in build_teacher and build_teacher.endswith("--bf16")
    assert student.endswith("--distill-weight 0.3 --distill-from runs/teacher")
    teacher_cv, student_cv = cross.split(" && ")
    assert teacher_cv.startswith(f"propscope crossval {data} --runs runs/cv-teacher ")
    assert student_cv.endswith("--distill-weight 0.3 --distill-from runs/cv-teacher")
    assert "unlabelled" not in note
    # Unlabelled articles the teacher read are named in the note and the recipe.
    config = TrainConfig(distill_from=str(teacher), distill_weight=0.0, distill_data="/news")
    assert "the unlabelled articles of `/news`, where the student learned" in _teacher_note(
        config.to_dict()
    )
    train, cross, _ = _recipe(config, 5, PTC)
    assert train.endswith("--distill-weight 0.0 --distill-data /news --distill-from runs/teacher")
    assert "--distill-data /news --distill-from runs/cv-teacher" in cross


def test_the_card_recipe_names_a_training_window_other_than_the_default() -> None:
    from propscope.cli import _recipe
    from propscope.training.train import TrainConfig

    train, cross, _ = _recipe(TrainConfig(max_tokens=126, stride=112), 5, PTC)
    assert train.endswith("--stride 112 --train-window 126")
    assert cross.endswith("--stride 112 --train-window 126")
    assert "--train-window" not in _recipe(TrainConfig(), 5, PTC)[0]


@pytest.mark.parametrize(
    "command", [["--help"], ["train", "--help"], ["word-prior", "--help"], ["calibrate", "--help"]]
)
def test_help_names_the_train_extra_in_full(command: list[str]) -> None:
    # Rich markup read "[train]" as a style tag and printed "Needs propscope."
    result = runner.invoke(cli_module.app, command, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "propscope[train]" in result.output
    assert "Needs propscope." not in result.output


def test_help_keeps_angle_bracketed_names() -> None:
    # Markdown would read <ID> and <K> as HTML tags and drop them.
    analyze = runner.invoke(cli_module.app, ["analyze", "--help"], env={"COLUMNS": "200"})
    crossval = runner.invoke(cli_module.app, ["crossval", "--help"], env={"COLUMNS": "250"})
    assert "article<ID>.txt" in analyze.output
    assert "fold<K>" in crossval.output


def test_batch_lists_each_failure_once_with_its_stage(tmp_path: Path) -> None:
    corpus = _write(tmp_path / "in.jsonl", '{"id": "a", "text": "LOUD words"}\n{"id": "b", "te\n')
    result = runner.invoke(
        cli_module.app,
        ["batch", str(corpus), "-o", str(tmp_path / "out.jsonl"), "--analyzer",
         "batch_fakes:shouter", "--no-progress"],
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    listed = " ".join(result.stderr.split("✗", 1)[1].split())
    assert listed.startswith("[read] ")
    assert listed.count("in.jsonl:2") == 1


def test_batch_that_cannot_run_exits_2_not_1(tmp_path: Path) -> None:
    # 1 means "some documents failed, the rest are done"; a script must tell that apart.
    corpus = _write(tmp_path / "in.jsonl", '{"id": "a", "text": "LOUD words"}\n')
    result = runner.invoke(
        cli_module.app,
        ["batch", str(corpus), "-o", str(tmp_path / "out.txt"), "--analyzer",
         "batch_fakes:shouter", "--no-progress"],
    )  # fmt: skip
    assert result.exit_code == 2, result.output
    assert "expected .jsonl" in " ".join(result.stderr.split())


def test_help_lists_the_formats_unbroken() -> None:
    result = runner.invoke(cli_module.app, ["analyze", "--help"], env={"COLUMNS": "80"})
    text = " ".join(result.output.replace("│", " ").split())
    assert "terminal, json, jsonl (a line per article) or html" in text


def test_version_names_the_package_and_its_models() -> None:
    import propscope

    result = runner.invoke(cli_module.app, ["--version"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"propscope {propscope.__version__}"
    versions = dict(line.split() for line in lines[1:])
    config = json.loads(
        (Path(propscope.__file__).parent / "models/techniques-minilm/config.json").read_text()
    )
    assert versions["techniques-minilm"] == config["version"]
    # Every model folder the package ships is named (the attribution tagger was left out).
    shipped = {
        path.name
        for path in (Path(propscope.__file__).parent / "models").iterdir()
        if path.is_dir() and not path.name.startswith("__")
    }
    assert set(versions) == shipped
    assert "missing" not in versions.values()


def test_analyze_reads_tables_and_json_files_as_batch_does(tmp_path: Path) -> None:
    table = _write(tmp_path / "t.csv", "id,title,text\nc1,First,A SHAMEFUL act.\nc2,,Calm.\n")
    array = _write(
        tmp_path / "arr.json", json.dumps([{"id": "j1", "text": "So UNFAIR."}, {"text": "Quiet."}])
    )
    single = _write(tmp_path / "one.json", json.dumps({"text": "A DREADFUL plan."}))
    result = runner.invoke(
        cli_module.app,
        ["analyze", str(table), str(array), str(single), "--format", "jsonl", "--no-progress"],
    )
    assert result.exit_code == 0, result.output
    docs = [json.loads(line)["document"] for line in result.stdout.splitlines()]
    assert [d["id"] for d in docs] == ["c1", "c2", "j1", "arr:2", "one"]
    assert docs[0]["title"] == "First" and docs[0]["text"].endswith("A SHAMEFUL act.")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ("[]", "empty JSON array"),
        ('[{"text": "fine"}, 3]', "arr.json[1]: expected a JSON object, got a number"),
    ],
)
def test_a_broken_json_file_is_named_with_the_fix(
    tmp_path: Path, content: str, message: str
) -> None:
    broken = _write(tmp_path / "arr.json", content)
    result = runner.invoke(
        cli_module.app, ["analyze", str(broken), "--format", "jsonl", "--no-progress"]
    )
    assert result.exit_code == 1
    assert message in " ".join(result.stderr.split())


def test_a_folder_does_not_read_its_json_files(tmp_path: Path) -> None:
    _write(tmp_path / "config.json", '{"text": "not an article"}')
    _write(tmp_path / "a.txt", "Title\n\nA SHAMEFUL act.\n")
    result = runner.invoke(
        cli_module.app, ["analyze", str(tmp_path), "--format", "jsonl", "--no-progress"]
    )
    assert result.exit_code == 0, result.output
    assert [json.loads(x)["document"]["id"] for x in result.stdout.splitlines()] == ["a"]


def test_output_to_dev_stdout_goes_to_stdout_whatever_it_is(tmp_path: Path) -> None:
    # Into a pipe it failed ("cannot write /proc/.../fd/pipe:[...]"); onto ">> log" it
    # replaced the log with the report (review, session 23). A real process: the runner's
    # stdout is no file.
    import subprocess
    import sys

    article = _write(tmp_path / "a.txt", "Title\n\nSome 20 tanks came.\n")
    script = str(Path(sys.executable).parent / "propscope")  # the installed command
    command = [script, "analyze", str(article), "--components", "figures", "-f", "json",
               "-o", "/dev/stdout"]  # fmt: skip
    piped = subprocess.run(command, capture_output=True, text=True, check=False)
    assert piped.returncode == 0, piped.stderr
    assert json.loads(piped.stdout)["document"]["title"] == "Title"
    log = tmp_path / "log.txt"
    log.write_text("an earlier line\n", encoding="utf-8")
    with open(log, "a", encoding="utf-8") as appended:
        done = subprocess.run(command, stdout=appended, stderr=subprocess.PIPE, check=False)
    assert done.returncode == 0
    kept = log.read_text(encoding="utf-8")
    assert kept.startswith("an earlier line\n{") and '"title": "Title"' in kept


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
def test_a_full_standard_output_is_one_line_of_error_not_a_traceback(tmp_path: Path) -> None:
    # "> /dev/full" ended in rich's traceback (review, session 39). A real process.
    import subprocess
    import sys

    article = _write(tmp_path / "a.txt", "Title\n\nSome 20 tanks came.\n")
    script = str(Path(sys.executable).parent / "propscope")
    for command in (
        [script, "analyze", str(article), "--components", "figures"],
        [script, "techniques"],
    ):
        with open("/dev/full", "w") as full:
            done = subprocess.run(
                command, stdout=full, stderr=subprocess.PIPE, text=True, check=False
            )
        assert done.returncode == 1
        assert "Traceback" not in done.stderr and "File " not in done.stderr
        assert "cannot write the output: No space left on device" in " ".join(done.stderr.split())


def test_standard_input_named_twice_on_the_command_line_says_so() -> None:
    result = runner.invoke(
        cli_module.app,
        ["analyze", "-", "-", "--components", "figures", "--format", "jsonl", "--no-progress"],
        input="The mayor said 20 buses were late.",
    )
    assert result.exit_code == 1
    said = " ".join(result.stderr.split())
    assert "given more than once" in said and "empty" not in said
    assert len(result.stdout.strip().splitlines()) == 1


def test_the_time_left_comes_from_the_runs_own_average_and_logs_get_lines(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A batch run's records come in bursts, and rich's estimate read seconds where
    minutes were left; a log (no terminal) saw nothing until the end (audit, session 27)."""
    from propscope.cli import _Pace, _progress

    now = [100.0]
    with _progress(100, enabled=False, paced=True) as bar:
        task = bar.add_task("analyzing", total=100, rate="", left="")
        pace = _Pace(bar, task, 100, enabled=True, every=60)
        pace.clock = lambda: now[0]
        pace.started = pace.last_line = now[0]
        assert pace.lines  # stderr is captured here: no terminal
        now[0] = 110.0
        pace.update(done=10, seen=30)  # 20 were done before: skipped, not timed
        fields = bar.tasks[0].fields
        assert fields["rate"] == "1.0 art/s" and fields["left"] == "0:01:10 left"
        assert bar.tasks[0].completed == 30
        assert capsys.readouterr().err == ""  # not a minute yet
        now[0] = 170.0
        pace.update(done=70, seen=90)
    said = capsys.readouterr().err
    assert "analyzing: 90/100 documents, 1.0 art/s, 0:00:10 left" in said


# --- what a user walkthrough of a fresh install found --------------------------------


def test_json_output_is_one_object_only_for_one_text_file_or_stdin(tmp_path: Path) -> None:
    # The shape followed what was read: a folder of one article printed an object, and a
    # JSONL of two lines, one broken, an object instead of a list.
    folder = tmp_path / "folder"
    folder.mkdir()
    good = _write(folder / "good.txt", "Title\n\nA SHAMEFUL act.\n")
    bad = _write(tmp_path / "bad.txt", b"Title\n\n\xff\xfe not utf-8\n")
    lines = _write(tmp_path / "in.jsonl", '{"id": "j1", "text": "So UNFAIR."}\n{"id": "j2", "te\n')
    single = _write(tmp_path / "one.json", json.dumps({"text": "A DREADFUL plan."}))
    for paths, status in (
        ([folder], 0),
        ([lines], 1),
        ([good, bad], 1),
        ([folder / "*.txt"], 0),
        ([single], 0),
    ):
        args = ["analyze", *map(str, paths), "--format", "json"]
        result = runner.invoke(cli_module.app, args)
        assert result.exit_code == status, result.output
        data = json.loads(result.stdout)
        assert isinstance(data, list) and len(data) == 1, paths
    result = runner.invoke(cli_module.app, ["analyze", str(good), "--format", "json"])
    assert json.loads(result.stdout)["document"]["title"] == "Title"
    # One article asked for and not analyzed: nothing on stdout, the error on stderr.
    result = runner.invoke(cli_module.app, ["analyze", str(bad), "--format", "json"])
    assert result.exit_code == 1 and result.stdout == ""
    assert "bad.txt" in result.stderr


def test_each_article_of_several_starts_with_its_id_in_the_terminal(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    _write(articles / "first.txt", "Same title\n\nA SHAMEFUL act.\n")
    _write(articles / "second.txt", "Same title\n\nNothing loud.\n")
    report = tmp_path / "report.txt"  # not in the folder read: it would be read next time
    shown = runner.invoke(cli_module.app, ["analyze", str(articles)]).stdout
    runner.invoke(cli_module.app, ["analyze", str(articles), "-o", str(report)])
    for output in (shown, report.read_text(encoding="utf-8")):
        lines = output.splitlines()
        assert lines.count("Document first") == lines.count("Document second") == 1
        assert lines[lines.index("Document first") + 1] == "Same title"
    alone = runner.invoke(cli_module.app, ["analyze", str(articles / "first.txt")])
    assert alone.stdout.startswith("Same title\n") and "Document" not in alone.stdout


@pytest.mark.parametrize("command", ["analyze", "batch"])
@pytest.mark.parametrize("given", ["", " , "])
def test_an_empty_components_list_is_refused_with_the_choices(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, given: str
) -> None:
    # `--components ""` ran every layer, silently.
    monkeypatch.setattr(cli_module, "_build_analyzer", _real_build_analyzer)
    article = _write(tmp_path / "a.txt", "Toll\n\nThe toll will rise.\n")
    args = [command, str(article), "--components", given]
    if command == "batch":
        args += ["-o", str(tmp_path / "out.jsonl")]
    result = runner.invoke(cli_module.app, args)
    assert result.exit_code == 2, result.output
    said = " ".join(result.stderr.split())
    assert "names no layer" in said
    assert "actors, attributions, claims, double_standards, figures, headline, techniques" in said
    assert not (tmp_path / "out.jsonl").exists()


BAR = "━"  # rich's bar, drawn at the end where stderr is no terminal


def test_no_progress_bar_where_stderr_is_no_terminal_unless_asked(tmp_path: Path) -> None:
    # `echo x | propscope analyze - 2> o.err` left bar characters in o.err.
    first = _write(tmp_path / "a.txt", "Title\n\nA SHAMEFUL act.\n")
    second = _write(tmp_path / "b.txt", "Title\n\nNothing loud.\n")
    corpus = _write(
        tmp_path / "in.jsonl", '{"id": "a", "text": "LOUD words"}\n{"id": "b", "text": "calm"}\n'
    )
    batch = ["batch", str(corpus), "--analyzer", "batch_fakes:shouter"]
    for command in (
        ["analyze", str(first), str(second), "-f", "jsonl"],
        [*batch, "-o", str(tmp_path / "out1.jsonl")],
    ):
        plain = runner.invoke(cli_module.app, command)
        assert plain.exit_code == 0, plain.output
        assert BAR not in plain.stderr and "analyzing" not in plain.stderr
    for command in (
        ["analyze", str(first), str(second), "-f", "jsonl"],
        [*batch, "-o", str(tmp_path / "out2.jsonl")],
    ):
        asked = runner.invoke(cli_module.app, [*command, "--progress"])
        assert asked.exit_code == 0, asked.output
        assert BAR in asked.stderr and "2/2" in asked.stderr


def test_ptc_predict_draws_no_bar_where_stderr_is_no_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path / "article1.txt", "T\n\nText.\n")
    _write(tmp_path / "article2.txt", "T\n\nMore text.\n")

    def predict_si(tagger: object, articles: object, *, progress: Any) -> list[object]:
        progress(2)
        return []

    monkeypatch.setattr("propscope.components.techniques.TechniqueTagger", lambda **_: None)
    monkeypatch.setattr("propscope.shared_task.predict_si", predict_si)
    result = runner.invoke(cli_module.app, ["ptc", "predict", str(tmp_path), "--task", "si"])
    assert result.exit_code == 0, result.output
    assert BAR not in result.stderr and "ptc si" not in result.stderr


def test_a_rerun_says_which_failures_it_reads_again_and_which_need_their_rows_removed(
    tmp_path: Path,
) -> None:
    # It said every earlier failure needed its row removed, though unreadable inputs are
    # read again on every run (docs/batch.md).
    lines = ['{"id": "ok", "text": "LOUD words"}', '{"id": "bad", "text": "The POISON"}', '{"te']
    corpus = _write(tmp_path / "in.jsonl", "\n".join(lines) + "\n")
    args = ["batch", str(corpus), "-o", str(tmp_path / "out.jsonl"), "--analyzer",
            "batch_fakes:shouter", "--no-progress"]  # fmt: skip
    runner.invoke(cli_module.app, args)
    again = runner.invoke(cli_module.app, args)
    assert again.exit_code == 0, again.output
    said = " ".join(again.stderr.split())
    assert (
        "1 of the documents already done still could not be read (in.jsonl:3), as in an "
        "earlier run: an input that could not be read is read again on every run, so fix it "
        "and run the same command again."
    ) in said
    assert (
        "1 of the documents already done failed in an earlier run (bad) at a stage after "
        "reading: their error rows are in the output. To try them again, remove those rows"
    ) in said


def test_help_describes_every_option_the_walkthrough_found_bare() -> None:
    def shown(*command: str) -> str:
        result = runner.invoke(cli_module.app, [*command, "--help"], env={"COLUMNS": "200"})
        assert result.exit_code == 0, result.output
        return " ".join(result.output.replace("│", " ").split())

    batch = shown("batch")
    assert ".json, .csv, .tsv, .parquet files (a table or JSONL of urls is a list of links" in batch
    assert "Show a progress bar on stderr" in batch
    assert "Port to listen on." in shown("serve")
    assert "not a random seed" in shown("export")
    assert "Random seed of the training run." in shown("train")
    analyze = shown("analyze")
    assert "json prints one object for one text file, page, URL or -, else a list" in analyze


def _command_paths(command: Any, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """`()` for propscope itself, then every command and subcommand: ("ptc", "score")."""
    subcommands = getattr(command, "commands", {})
    return [path] + [
        p for name, sub in subcommands.items() for p in _command_paths(sub, (*path, name))
    ]


def test_help_shows_flags_bare_without_a_value_type() -> None:
    # `propscope batch --help` showed "--json <bool>" and "--help <bool>", as if the
    # flags took a value.
    import typer

    paths = _command_paths(typer.main.get_command(cli_module.app))
    assert ("batch",) in paths and ("ptc", "score") in paths
    for path in paths:
        result = runner.invoke(cli_module.app, [*path, "--help"], env={"COLUMNS": "200"})
        assert result.exit_code == 0, result.output
        assert "<bool>" not in result.output, path
        assert "--help Show this message and exit." in " ".join(result.output.split()), path
    batch = runner.invoke(cli_module.app, ["batch", "--help"], env={"COLUMNS": "200"}).output
    said = " ".join(batch.replace("│", " ").split())
    assert "--json Print the summary as JSON." in said
    assert "--progress --no-progress Show a progress bar" in said
    assert "--chunk-size <int range> [x>=1] Documents per task." in said  # values keep theirs


@pytest.mark.parametrize("command", ["analyze", "batch"])
def test_a_json_article_is_parsed_once_though_the_bar_counts_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    # Counting the documents for the progress bar parsed a .json file, then reading it
    # parsed it again: only an array has to be parsed to be counted.
    article = _write(tmp_path / "a.json", json.dumps({"id": "a", "text": "A RARE WORD."}))
    parsed: list[object] = []
    real_loads = json.loads

    def loads(text: str | bytes, *args: Any, **kwargs: Any) -> Any:
        if "RARE" in (text.decode(errors="replace") if isinstance(text, bytes) else text):
            parsed.append(text)
        return real_loads(text, *args, **kwargs)

    monkeypatch.setattr(json, "loads", loads)
    args = [command, str(article), "--progress"]
    if command == "batch":
        args += ["-o", str(tmp_path / "out.jsonl"), "--analyzer", "batch_fakes:shouter"]
    else:
        args += ["-f", "jsonl"]
    result = runner.invoke(cli_module.app, args)
    assert result.exit_code == 0, result.output
    assert len(parsed) == 1


def test_reading_a_typed_article_from_a_terminal_says_how_to_end_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # "analyze -" with nothing piped showed a progress bar over what was typed, and no
    # word of Ctrl-D (review, session 39).
    monkeypatch.setattr(cli_module, "_stdin_is_terminal", lambda: True)
    result = runner.invoke(
        cli_module.app,
        ["analyze", "-", "--components", "figures"],
        input="Title\n\nSome 20 tanks.\n",
    )
    assert result.exit_code == 0, result.output
    said = " ".join(result.stderr.split())
    assert "type or paste it, then press Ctrl-D" in said and "analyzing" not in said
    monkeypatch.setattr(cli_module, "_stdin_is_terminal", lambda: False)
    piped = runner.invoke(
        cli_module.app,
        ["analyze", "-", "--components", "figures"],
        input="Title\n\nSome 20 tanks.\n",
    )
    assert "Ctrl-D" not in piped.stderr


def test_a_run_with_many_failures_lists_the_first_twenty(tmp_path: Path) -> None:
    lines = ['{"id": "g", "text": "Good text."}'] + [f"not json {i}" for i in range(30)]
    corpus = _write(tmp_path / "m.jsonl", "\n".join(lines) + "\n")
    result = runner.invoke(
        cli_module.app, ["analyze", str(corpus), "--components", "figures", "-f", "jsonl"]
    )
    assert result.exit_code == 1
    said = result.stderr
    assert said.count("✗") == 20 and "... and 10 more" in " ".join(said.split())


def test_more_workers_than_cores_gets_a_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # "-p 64" started 64 interpreters for one document, without a word (review, session 39).
    import propscope.batch as batch_module

    def stop(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")  # the run need not start

    monkeypatch.setattr(batch_module, "run_batch", stop)
    monkeypatch.setattr(cli_module.os, "cpu_count", lambda: 2)
    article = _write(tmp_path / "a.txt", "Title\n\nA text.\n")
    args = ["batch", str(article), "-o", str(tmp_path / "o.jsonl"), "--no-progress"]
    many = runner.invoke(cli_module.app, [*args, "-p", "8"])
    assert "--processes 8 is more than this machine's 2 cores" in " ".join(many.stderr.split())
    few = runner.invoke(cli_module.app, [*args, "-p", "2"])
    assert "more than this machine" not in few.stderr


def test_messages_to_a_log_file_stay_on_one_line(tmp_path: Path) -> None:
    # A batch run's stderr sent to a file was wrapped at 80 columns ("(1.38 ⏎analyzed/s)",
    # "(corpus.jsonl:13, ⏎empty1)"), so a grep for a key or a message missed it.
    import subprocess
    import sys

    missing = tmp_path / ("a-folder-with-a-rather-long-name-" * 3) / "article.txt"
    done = subprocess.run(
        [sys.executable, "-c", "from propscope.cli import main; main()", "analyze", str(missing)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**__import__("os").environ, "COLUMNS": "80"},
    )
    assert done.returncode == 1
    line = next(line for line in done.stderr.splitlines() if str(missing) in line)
    assert "no such file or folder" in line and "standard input" in line
    assert len(line) > 80


def test_python_dash_m_propscope_runs_the_command_line() -> None:
    # "python -m propscope analyze FILE" said "No module named propscope.__main__"
    # (session 50's review): where the console script is not on PATH, this is the way in.
    import subprocess
    import sys

    import propscope

    run = subprocess.run(
        [sys.executable, "-m", "propscope", "--version"], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[0] == f"propscope {propscope.__version__}"
