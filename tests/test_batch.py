"""Batch runs with the fake analyzer: outputs, error rows, resuming, local processes."""

from __future__ import annotations

import builtins
import json
from collections import Counter
from pathlib import Path

import pytest

from propscope import Analysis
from propscope.batch import AnalyzerSpec, BatchOutputError, read_results, run_batch
from propscope.batch.sinks import parquet_parts_dir
from propscope.errors import MissingDependencyError, PropscopeError
from propscope.store import Store

SHOUTER = AnalyzerSpec(factory="batch_fakes:shouter")


def write_corpus(folder: Path, n: int = 10) -> list[Path]:
    """n good articles in JSONL and CSV, one that fails analysis, two unreadable rows."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = [
        json.dumps(
            {
                "id": f"j{i}",
                "title": f"Title {i}",
                "text": f"Article {i} is OUTRAGEOUS and calm.",
                "source": "Gazette" if i % 2 else "Herald",
                "published": f"2024-0{1 + i % 3}-15",
                "lang": "en",
                "extra": {"rank": i},
            }
        )
        for i in range(n)
    ]
    lines.append(json.dumps({"id": "bad", "text": "Swallow the POISON now."}))
    lines.append("{not json")
    jsonl = folder / "a.jsonl"
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    table = folder / "b.csv"
    table.write_text("id,text,outlet\nc1,A CSV ARTICLE.,Blog\nc2,,Blog\n", encoding="utf-8")
    return [jsonl, table]


def records(path: Path) -> list[dict]:
    return list(read_results(path))


def keys(path: Path) -> Counter:
    return Counter(r["key"] for r in records(path))


def test_a_run_writes_every_document_once_with_error_rows(tmp_path):
    inputs = write_corpus(tmp_path / "in")
    out = tmp_path / "out.jsonl"
    summary = run_batch(inputs, output=out, analyzer=SHOUTER)
    assert (summary.analyzed, summary.failed, summary.skipped) == (11, 3, 0)
    rows = {r["key"]: r for r in records(out)}
    assert len(rows) == 14
    ok = rows["j3"]
    assert ok["status"] == "ok"
    assert ok["document"]["source"] == "Gazette"
    assert ok["document"]["metadata"] == {"lang": "en", "extra": {"rank": 3}}
    assert [s["text"] for s in ok["techniques"]] == ["OUTRAGEOUS"]
    assert Analysis.from_dict(ok).document.id == "j3"  # an ok record is an Analysis dict
    assert rows["c1"]["document"]["metadata"] == {"outlet": "Blog"}
    poisoned = rows["bad"]
    assert poisoned["status"] == "error"
    assert poisoned["error"]["stage"] == "poison"  # the component that raised
    assert "POISON" in poisoned["error"]["message"]
    assert poisoned["document"]["id"] == "bad" and "text" not in poisoned["document"]
    unreadable = {k: r for k, r in rows.items() if r["status"] == "error" and k != "bad"}
    assert sorted(r["error"]["stage"] for r in unreadable.values()) == ["read", "read"]
    assert any("not valid JSON" in r["error"]["message"] for r in unreadable.values())
    # In input order; an unreadable row's key is the id it names ("c2", with no text), else
    # its origin, relative to the output's folder.
    assert [f.key for f in summary.failures] == ["bad", "in/a.jsonl:12", "c2"]


def test_a_second_run_resumes_and_writes_nothing_twice(tmp_path):
    inputs = write_corpus(tmp_path / "in")
    out = tmp_path / "out.jsonl"
    run_batch(inputs, output=out, analyzer=SHOUTER)
    before = out.read_bytes()
    again = run_batch(inputs, output=out, analyzer=SHOUTER)
    assert (again.analyzed, again.failed, again.skipped) == (0, 0, 14)
    assert out.read_bytes() == before


@pytest.mark.parametrize("where", ["out.jsonl", "out.parquet", "store.db"])
def test_a_rerun_says_which_of_the_documents_it_skips_failed_before(tmp_path, where):
    inputs = write_corpus(tmp_path / "in")
    target = tmp_path / where
    outputs = {"store": target} if where.endswith(".db") else {"output": target}
    run_batch(inputs, analyzer=SHOUTER, **outputs)
    again = run_batch(inputs, analyzer=SHOUTER, **outputs)
    # Nothing failed in this run, but three of the fourteen it skips are error rows.
    assert (again.failed, again.skipped, again.skipped_failed) == (0, 14, 3)
    assert again.skipped_failed_keys == ["bad", "in/a.jsonl:12", "c2"]
    assert again.to_dict()["skipped_failed"] == 3


def test_a_rerun_counts_no_failure_once_its_document_reads(tmp_path):
    inputs = write_corpus(tmp_path / "in")
    out = tmp_path / "out.jsonl"
    run_batch(inputs, output=out, analyzer=SHOUTER)
    inputs[1].write_text("id,text,outlet\nc1,A CSV ARTICLE.,Blog\nc2,FIXED.,Blog\n")
    fixed = run_batch(inputs, output=out, analyzer=SHOUTER)
    assert (fixed.analyzed, fixed.skipped) == (1, 13)
    again = run_batch(inputs, output=out, analyzer=SHOUTER)
    assert (again.skipped, again.skipped_failed) == (14, 2)
    assert "c2" not in again.skipped_failed_keys


def test_an_interrupted_run_goes_on_where_it_stopped(tmp_path):
    inputs = write_corpus(tmp_path / "in", n=40)
    out = tmp_path / "out.jsonl"

    def stop_after_ten(summary):
        if summary.analyzed == 10:
            raise KeyboardInterrupt

    first = run_batch(
        inputs, output=out, analyzer=SHOUTER, chunk_size=4, on_progress=stop_after_ten
    )
    assert first.interrupted and first.analyzed == 10
    second = run_batch(inputs, output=out, analyzer=SHOUTER, chunk_size=4)
    assert not second.interrupted
    assert second.skipped == first.analyzed + first.failed
    counts = keys(out)
    assert len(counts) == 44 and set(counts.values()) == {1}


def test_a_line_cut_short_by_a_crash_is_repaired(tmp_path):
    inputs = write_corpus(tmp_path / "in")
    out = tmp_path / "out.jsonl"
    run_batch(inputs, output=out, analyzer=SHOUTER)
    lines = out.read_text(encoding="utf-8").splitlines(keepends=True)
    cut_key = json.loads(lines[-1])["key"]
    out.write_text("".join(lines[:-1]) + lines[-1][:25], encoding="utf-8")
    summary = run_batch(inputs, output=out, analyzer=SHOUTER)
    assert summary.analyzed + summary.failed == 1
    assert any("incomplete last line" in note for note in summary.notes)
    counts = keys(out)
    assert counts[cut_key] == 1 and len(counts) == 14 and set(counts.values()) == {1}


def test_a_whole_last_line_that_is_no_record_is_refused_not_removed(tmp_path):
    # A one-line JSONL of articles given as the output lost its line, called "left by an
    # interrupted run" (review, session 39): a crash never leaves a line break behind.
    inputs = write_corpus(tmp_path / "in")
    out = tmp_path / "notes.jsonl"
    precious = '{"id": "precious", "text": "An article I have no other copy of."}\n'
    out.write_text(precious, encoding="utf-8")
    with pytest.raises(BatchOutputError, match=r"line 1 is not a record.*ends with a line break"):
        run_batch(inputs, output=out, analyzer=SHOUTER)
    assert out.read_text(encoding="utf-8") == precious


def test_a_link_loop_among_the_inputs_is_a_read_error_and_the_rest_run(tmp_path):
    # It stopped the run with a traceback before anything was analyzed (review, session 39).
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Title\n\nThe council told a lie.\n", encoding="utf-8")
    (folder / "loop1.txt").symlink_to(folder / "loop2.txt")
    (folder / "loop2.txt").symlink_to(folder / "loop1.txt")
    out = tmp_path / "out.jsonl"
    summary = run_batch([str(folder / "*.txt")], output=out, analyzer=SHOUTER)
    assert summary.analyzed == 1 and summary.failed == 2
    assert len(keys(out)) == 3


def test_an_output_a_pattern_among_the_inputs_would_match_is_refused_on_the_first_run(
    tmp_path, monkeypatch
):
    # "d/*.jsonl" with "-o d/out.jsonl" read its own new output as an input on the first
    # run, and was refused only on the second (review, session 39).
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "in.jsonl").write_text('{"id": "a", "text": "A text."}\n', encoding="utf-8")
    with pytest.raises(BatchOutputError, match=r"would be read as input \(from d/\*\.jsonl\)"):
        run_batch(["d/*.jsonl"], output="d/out.jsonl", analyzer=SHOUTER)
    assert not (tmp_path / "d" / "out.jsonl").exists()
    assert run_batch(["d/*.jsonl"], output="out.jsonl", analyzer=SHOUTER).analyzed == 1


def test_a_damaged_line_inside_the_output_is_refused(tmp_path):
    inputs = write_corpus(tmp_path / "in")
    out = tmp_path / "out.jsonl"
    run_batch(inputs, output=out, analyzer=SHOUTER)
    lines = out.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[3] = "garbage\n"
    out.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(BatchOutputError, match="line 4 is not a record"):
        run_batch(inputs, output=out, analyzer=SHOUTER)


def test_store_output_keeps_analyses_and_failures_by_key(tmp_path):
    inputs = write_corpus(tmp_path / "in")
    db = tmp_path / "runs.db"
    out = tmp_path / "out.jsonl"
    summary = run_batch(inputs, output=out, store=db, analyzer=SHOUTER)
    store = Store(db)
    assert store.count() == summary.analyzed == 11
    assert {f.key for f in store.failures()} >= {"bad"}
    assert len(store.failures()) == 3
    stored = {s.key: s for s in store.iter_analyses()}
    assert stored["j2"].metadata == {"lang": "en", "extra": {"rank": 2}}
    # Losing one output resumes into that output only.
    out.unlink()
    again = run_batch(inputs, output=out, store=db, analyzer=SHOUTER)
    assert again.analyzed + again.failed == 14
    assert store.count() == 11 and len(keys(out)) == 14
    assert Counter(r["key"] for r in records(db)) == keys(out)


def _stop_after_12(summary):
    """An on_progress callback that stops a run as Ctrl-C would, after 12 analyses."""
    if summary.analyzed == 12:
        raise KeyboardInterrupt


def test_parquet_output_assembles_parts_and_resumes(tmp_path):
    pytest.importorskip("pyarrow")
    inputs = write_corpus(tmp_path / "in", n=30)
    out = tmp_path / "out.parquet"
    first = run_batch(
        inputs, output=out, analyzer=SHOUTER, chunk_size=4, on_progress=_stop_after_12
    )
    assert first.interrupted
    assert not out.exists() and any(parquet_parts_dir(out).iterdir())
    assert len(keys(out)) == first.analyzed + first.failed  # parts can be read already
    second = run_batch(inputs, output=out, analyzer=SHOUTER)
    assert out.exists() and not parquet_parts_dir(out).exists()
    counts = keys(out)
    assert len(counts) == 34 and set(counts.values()) == {1}
    assert second.skipped == first.analyzed + first.failed
    # Same records as the JSONL output.
    run_batch(inputs, output=tmp_path / "out.jsonl", analyzer=SHOUTER)
    as_json = sorted(json.dumps(r, sort_keys=True) for r in records(tmp_path / "out.jsonl"))
    assert sorted(json.dumps(r, sort_keys=True) for r in records(out)) == as_json


def test_a_report_on_an_unfinished_parquet_run_says_so(tmp_path):
    # A dashboard of an interrupted run read '24 articles' and looked final (review,
    # session 38).
    pytest.importorskip("pyarrow")
    from propscope.batch.report import write_report

    inputs = write_corpus(tmp_path / "in", n=30)
    out = tmp_path / "out.parquet"
    stopped = run_batch(
        inputs, output=out, analyzer=SHOUTER, chunk_size=4, on_progress=_stop_after_12
    )
    assert stopped.interrupted
    written = write_report(out, tmp_path / "d.html", article_pages=False)
    (note,) = written.notes
    assert note.startswith(f"{out} is not finished: ") and "Run the same batch command" in note
    assert "is not finished" in (tmp_path / "d.html").read_text(encoding="utf-8")
    run_batch(inputs, output=out, analyzer=SHOUTER)
    finished = write_report(out, tmp_path / "e.html", article_pages=False)
    assert finished.notes == ()
    assert "is not finished" not in (tmp_path / "e.html").read_text(encoding="utf-8")


def test_parts_already_assembled_are_not_counted_twice(tmp_path):
    pytest.importorskip("pyarrow")
    import shutil

    inputs = write_corpus(tmp_path / "in", n=10)
    out = tmp_path / "out.parquet"

    def stop(summary):
        if summary.analyzed == 5:
            raise KeyboardInterrupt

    run_batch(inputs, output=out, analyzer=SHOUTER, chunk_size=2, on_progress=stop)
    saved = tmp_path / "saved-parts"
    shutil.copytree(parquet_parts_dir(out), saved)
    run_batch(inputs, output=out, analyzer=SHOUTER)
    # A crash after assembly but before the parts were removed leaves them behind.
    shutil.copytree(saved, parquet_parts_dir(out))
    again = run_batch(inputs, output=out, analyzer=SHOUTER)
    assert again.analyzed == 0
    counts = keys(out)
    assert len(counts) == 14 and set(counts.values()) == {1}


def test_two_processes_write_the_same_records_as_one(tmp_path):
    inputs = write_corpus(tmp_path / "in", n=25)
    run_batch(inputs, output=tmp_path / "one.jsonl", analyzer=SHOUTER)
    summary = run_batch(
        inputs, output=tmp_path / "two.jsonl", analyzer=SHOUTER, processes=2, chunk_size=3
    )
    assert summary.analyzed == 26 and summary.failed == 3
    one = (tmp_path / "one.jsonl").read_text().splitlines()
    two = (tmp_path / "two.jsonl").read_text().splitlines()
    assert one == two  # input order, error rows included


def test_a_document_that_kills_its_worker_gets_an_error_row(tmp_path):
    inputs = write_corpus(tmp_path / "in", n=12)
    crash = tmp_path / "in" / "crash.jsonl"
    crash.write_text(json.dumps({"id": "boom", "text": "This will CRASHME hard."}) + "\n")
    out = tmp_path / "out.jsonl"
    summary = run_batch(
        [*inputs, crash],
        output=out,
        analyzer=AnalyzerSpec(factory="batch_fakes:crashing_shouter"),
        processes=2,
        chunk_size=4,
    )
    rows = {r["key"]: r for r in records(out)}
    assert rows["boom"]["status"] == "error" and rows["boom"]["error"]["stage"] == "worker"
    assert summary.analyzed == 13  # every other document was analyzed
    assert len(rows) == 17


def test_a_repeated_document_is_analyzed_once_and_counted(tmp_path):
    path = tmp_path / "dup.jsonl"
    path.write_text("\n".join(json.dumps({"id": "same", "text": "one text"}) for _ in range(3)))
    summary = run_batch([path], output=tmp_path / "out.jsonl", analyzer=SHOUTER)
    assert (summary.analyzed, summary.duplicates, summary.duplicate_keys) == (1, 2, ["same"])
    assert (summary.conflicts, summary.conflict_keys) == (0, [])


def test_another_text_under_a_used_id_is_a_conflict_not_a_duplicate(tmp_path):
    path = tmp_path / "dup.jsonl"
    rows = [("same", "text 0"), ("same", "text 1"), ("same", "text 0"), ("other", "text 0")]
    path.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in rows))
    summary = run_batch([path], output=tmp_path / "out.jsonl", analyzer=SHOUTER)
    assert (summary.analyzed, summary.duplicates, summary.conflicts) == (2, 1, 1)
    assert summary.conflict_keys == ["same"] and summary.seen == 4
    # The first text under the id is the one analyzed; the other is not written.
    rows_out = {r["key"]: r for r in records(tmp_path / "out.jsonl")}
    assert rows_out["same"]["document"]["text"] == "text 0" and len(rows_out) == 2
    assert summary.to_dict()["conflict_keys"] == ["same"]


def test_the_output_may_not_be_read_as_input(tmp_path):
    inputs = write_corpus(tmp_path / "in")
    with pytest.raises(BatchOutputError, match="would be read as input"):
        run_batch([tmp_path / "in"], output=tmp_path / "in" / "out.jsonl", analyzer=SHOUTER)
    with pytest.raises(BatchOutputError, match=r"expected \.jsonl"):
        run_batch(inputs, output=tmp_path / "out.json", analyzer=SHOUTER)
    with pytest.raises(BatchOutputError, match="somewhere to write"):
        run_batch(inputs, analyzer=SHOUTER)


def test_a_bad_analyzer_fails_before_any_work(tmp_path):
    inputs = write_corpus(tmp_path / "in")
    with pytest.raises(PropscopeError, match="cannot import 'no_such_module'"):
        run_batch(
            inputs,
            output=tmp_path / "o.jsonl",
            analyzer=AnalyzerSpec(factory="no_such_module:make"),
        )
    with pytest.raises(PropscopeError, match="No component named 'nope'"):
        run_batch(inputs, output=tmp_path / "o.jsonl", analyzer=AnalyzerSpec(components=("nope",)))
    assert not (tmp_path / "o.jsonl").exists()


def test_dask_without_distributed_names_the_extra(tmp_path, monkeypatch):
    inputs = write_corpus(tmp_path / "in")
    real_import = builtins.__import__

    def no_dask(name, *args, **kwargs):
        if name.split(".")[0] in {"distributed", "dask"}:
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_dask)
    with pytest.raises(MissingDependencyError, match=r"propscope\[batch\]"):
        run_batch(inputs, output=tmp_path / "o.jsonl", analyzer=SHOUTER, engine="dask")


@pytest.mark.model
def test_the_real_analyzer_on_short_texts(tmp_path):
    path = tmp_path / "news.csv"
    path.write_text(
        "id,title,text,source\n"
        'r1,Council vote,"The corrupt traitors on the council voted again, the mayor said.",A\n'
        'r2,Harbour,"Officials said 20 boats, not 200, were damaged in the storm.",B\n',
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    summary = run_batch([path], output=out, processes=1)
    assert (summary.analyzed, summary.failed) == (2, 0)
    rows = {r["key"]: r for r in records(out)}
    for row in rows.values():
        assert {"techniques", "figures", "attributions", "headline"} <= set(row)
        text = row["document"]["text"]
        assert all(text[s["start"] : s["end"]] == s["text"] for s in row["techniques"])


def test_an_output_that_is_not_a_regular_file_is_refused(tmp_path):
    import os

    inputs = write_corpus(tmp_path / "in")
    pipe = tmp_path / "pipe.jsonl"
    os.mkfifo(pipe)  # a resume would wait on it forever; /dev/full would be read forever
    with pytest.raises(BatchOutputError, match="is not a regular file"):
        run_batch(inputs, output=pipe, analyzer=SHOUTER)
    device = tmp_path / "full.jsonl"
    device.symlink_to("/dev/null")
    with pytest.raises(BatchOutputError, match="is not a regular file"):
        run_batch(inputs, output=device, analyzer=SHOUTER)


def test_an_unwritable_folder_is_refused_before_any_work(tmp_path, monkeypatch):
    import os

    inputs = write_corpus(tmp_path / "in")
    real_access = os.access
    folder = tmp_path / "ro"
    folder.mkdir()
    # As root every folder is writable, so the check is asked as another user would be.
    monkeypatch.setattr(
        os, "access", lambda path, mode: Path(path) != folder and real_access(path, mode)
    )
    for name in ("out.jsonl", "out.parquet"):
        with pytest.raises(BatchOutputError, match="cannot write in the folder"):
            run_batch(inputs, output=folder / name, analyzer=SHOUTER)
    assert list(folder.iterdir()) == []


def test_the_cli_names_a_failed_input_once_as_typed(tmp_path, monkeypatch):
    """It said "../in/c.jsonl:2: in/c.jsonl:2: not valid JSON": the key (relative to the
    output's folder) before the reader's own message (audit, session 27)."""
    from typer.testing import CliRunner

    from propscope.cli import app

    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / "in" / "c.jsonl").write_text('{"id": "a", "text": "Fine."}\n{broken\n')
    args = ["batch", "in/c.jsonl", "-o", "out/r.jsonl", "--analyzer", "batch_fakes:shouter"]
    result = CliRunner().invoke(app, [*args, "--no-progress"])
    said = " ".join(result.stderr.split())
    assert result.exit_code == 1 and "✗ [read] in/c.jsonl:2: not valid JSON" in said
    assert "../in" not in said


def test_the_cli_lists_repeated_ids_and_says_when_there_are_more(tmp_path):
    from typer.testing import CliRunner

    from propscope.cli import app

    def run(ids: list[str], name: str, *, same_text: bool = False) -> tuple[int, str]:
        path = tmp_path / f"{name}.jsonl"
        rows = [{"id": i, "text": f"text {i if same_text else n}"} for n, i in enumerate(ids)]
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        out = tmp_path / f"{name}-out.jsonl"
        args = ["batch", str(path), "-o", str(out), "--analyzer", "batch_fakes:shouter"]
        result = CliRunner().invoke(app, [*args, "--no-progress"])
        return result.exit_code, " ".join(result.stderr.split())

    # Another text under a used id: that article is lost, so the run fails.
    code, said = run(["a", "a", "b", "b"], "few")
    assert code == 1 and "2 with a used id" in said
    assert "2 document(s) have the id of another document met earlier in this run (a, b)" in said
    many = [k for k in "abcdefg" for _ in range(2)]
    code, said = run(many, "many")
    assert code == 1 and "(a, b, c, d, e, ...) and were not analyzed" in said
    # The same article twice is analyzed once, and the run passes.
    code, said = run(["a", "a", "b"], "copies", same_text=True)
    assert code == 0 and "1 duplicate(s) skipped in" in said
    assert "repeat a document met earlier in this run, the same id and text (a)" in said
    assert "used id" not in said


def test_the_cli_says_when_documents_already_done_had_failed(tmp_path):
    from typer.testing import CliRunner

    from propscope.cli import app

    path = tmp_path / "c.jsonl"
    rows = [{"id": "a", "text": "Fine."}, {"id": "b", "text": "The POISON."}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    args = ["batch", str(path), "-o", str(tmp_path / "out.jsonl"), "--no-progress"]
    args += ["--analyzer", "batch_fakes:shouter"]
    assert CliRunner().invoke(app, args).exit_code == 1
    again = CliRunner().invoke(app, args)
    said = " ".join(again.stderr.split())
    # Documented: a rerun that finds everything done exits 0; it says what failed before.
    assert again.exit_code == 0
    assert "0 analyzed, 0 failed, 2 already done" in said
    assert "1 of the documents already done failed in an earlier run (b)" in said


def test_a_rerun_with_other_layers_says_the_outputs_would_mix_them(tmp_path):
    inputs = [str(tmp_path / "in.jsonl")]
    rows = [{"id": f"d{i}", "text": f"The toll rose to {i} dead."} for i in range(3)]
    Path(inputs[0]).write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    figures = AnalyzerSpec(components=("figures",))
    first = run_batch(
        inputs, output=tmp_path / "o.jsonl", store=tmp_path / "s.db", analyzer=figures
    )
    assert first.analyzed == 3 and first.notes == []
    again = run_batch(
        inputs, output=tmp_path / "o.jsonl", store=tmp_path / "s.db", analyzer=figures
    )
    assert again.skipped == 3 and again.notes == []  # the same layers: nothing to say
    more = AnalyzerSpec(components=("figures", "claims"))
    for output in ("o.jsonl", "new.jsonl"):  # the store alone holds them in the second
        mixed = run_batch(inputs, output=tmp_path / output, store=tmp_path / "s.db", analyzer=more)
        (note,) = mixed.notes
        assert "holds analyses made with the layers figures, and this run computes claims, " in note
        assert "Write to a new output (and store)" in note


@pytest.mark.parametrize("output", ["o.jsonl", "o.parquet", None])
def test_a_rerun_with_other_settings_says_the_outputs_would_mix_them(tmp_path, output):
    """--threshold, --min-score or --model changed on a rerun mixed two setups without a
    word, where other layers got a note (audit, session 27)."""
    if output == "o.parquet":
        pytest.importorskip("pyarrow")
    path = tmp_path / "in.jsonl"
    rows = [{"id": f"d{i}", "text": f"The toll rose to {i} dead."} for i in range(2)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / output if output else None
    store = tmp_path / "s.db" if output is None else None
    spec = AnalyzerSpec(components=("figures",), settings={"figures": {"min_ratio": 2.0}})
    assert run_batch([path], output=out, store=store, analyzer=spec).notes == []
    same = run_batch([path], output=out, store=store, analyzer=spec)
    assert same.notes == []
    rows.append({"id": "d9", "text": "The toll rose to 90 dead."})
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    other = AnalyzerSpec(components=("figures",), settings={"figures": {"min_ratio": 3.0}})
    mixed = run_batch([path], output=out, store=store, analyzer=other)
    assert mixed.analyzed == 1 and mixed.skipped == 2
    (note,) = mixed.notes
    assert "other settings than this run's (figures.min_ratio 2.0 -> 3.0)" in note
    assert "Write to a new output (and store)" in note
    # With nothing new to analyze, the run still says so: a rerun of a finished output
    # with another threshold said "3 already done" and no more (review, session 38).
    done = run_batch([path], output=out, store=store, analyzer=other)
    assert done.analyzed == 0 and done.skipped == 3
    (note,) = done.notes
    assert "other settings than this run's (figures.min_ratio 2.0 -> 3.0)" in note
    assert run_batch([path], output=out, store=store, analyzer=spec).notes == []


def test_a_parquet_output_says_so_too(tmp_path):
    pytest.importorskip("pyarrow")
    inputs = [str(tmp_path / "in.jsonl")]
    Path(inputs[0]).write_text(json.dumps({"id": "d", "text": "The toll rose to 5 dead."}) + "\n")
    out = tmp_path / "o.parquet"
    assert run_batch(inputs, output=out, analyzer=AnalyzerSpec(components=("figures",))).notes == []
    more = AnalyzerSpec(components=("figures", "claims"))
    (note,) = run_batch(inputs, output=out, analyzer=more).notes
    assert f"{out} holds analyses made with the layers figures, and this run computes" in note


def test_a_pilot_run_reads_the_first_documents_and_a_rerun_goes_on(tmp_path):
    path = tmp_path / "in.jsonl"
    rows = [{"id": f"d{i}", "text": f"Text {i}."} for i in range(5)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows) + "{broken\n")
    out = tmp_path / "o.jsonl"
    first = run_batch([path], output=out, analyzer=SHOUTER, limit=2)
    assert (first.analyzed, first.failed) == (2, 0)
    assert [r["key"] for r in read_results(out)] == ["d0", "d1"]
    rest = run_batch([path], output=out, analyzer=SHOUTER)
    assert (rest.analyzed, rest.failed, rest.skipped) == (3, 1, 2)
    with pytest.raises(PropscopeError, match="limit must be 1 or more"):
        run_batch([path], output=out, analyzer=SHOUTER, limit=0)


@pytest.mark.parametrize("where", ["new/deeper/out.jsonl", "new/out.parquet", "new/store.db"])
def test_a_missing_output_folder_is_created_as_report_does(tmp_path, where):
    # `propscope batch ... -o new/out.jsonl` was refused ("the folder new does not exist"),
    # while `propscope report -o new/dash.html` created its folder.
    from typer.testing import CliRunner

    from propscope.cli import app

    if where.endswith(".parquet"):
        pytest.importorskip("pyarrow")
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "A LOUD text."}) + "\n")
    target = tmp_path / where
    option = "--store" if where.endswith(".db") else "-o"
    args = ["batch", str(path), option, str(target), "--analyzer", "batch_fakes:shouter"]
    result = CliRunner().invoke(app, [*args, "--no-progress"])
    assert result.exit_code == 0, result.output
    assert [r["key"] for r in read_results(target)] == ["a"]


def test_an_output_below_a_file_says_a_file_is_in_the_way(tmp_path):
    # It said "the folder in.jsonl does not exist; create it", though a file has that name.
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "A text."}) + "\n")
    for output in (path / "out.jsonl", path / "sub" / "out.jsonl"):
        with pytest.raises(BatchOutputError, match="a file has its name, or the name of a"):
            run_batch([path], output=output, analyzer=SHOUTER)


def test_the_rate_counts_only_the_documents_analyzed(tmp_path, monkeypatch):
    # "1 analyzed, 2 failed ... in 10.0 s (0.30 articles/s)": an unreadable line and a
    # failed analysis counted as articles analyzed.
    from types import SimpleNamespace

    from typer.testing import CliRunner

    from propscope.cli import app

    path = tmp_path / "in.jsonl"
    rows = [{"id": "ok", "text": "A LOUD text."}, {"id": "bad", "text": "The POISON."}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows) + "{broken\n")
    clock = iter([0.0])  # the run starts at 0 s, and every later reading says 10 s
    monkeypatch.setattr(
        "propscope.batch.run.time", SimpleNamespace(monotonic=lambda: next(clock, 10.0))
    )
    args = ["batch", str(path), "-o", str(tmp_path / "out.jsonl"), "--json", "--no-progress"]
    result = CliRunner().invoke(app, [*args, "--analyzer", "batch_fakes:shouter"])
    assert result.exit_code == 1, result.output
    summary = json.loads(result.stdout)
    assert (summary["analyzed"], summary["failed"], summary["seconds"]) == (1, 2, 10.0)
    assert summary["rate"] == 0.1
    assert "in 10.0 s (0.10 analyzed/s)" in " ".join(result.stderr.split())


def test_an_unreadable_line_or_row_keeps_what_it_says_of_its_document(tmp_path):
    # A researcher comparing outlets must see where the failures fall: an empty text's
    # line names its outlet and date, and the corpus report counts it there (session
    # 48's review: "Northern Herald" showed 10 articles of 11 sent, with no sign).
    from propscope.corpus import CorpusFigures

    inputs = write_corpus(tmp_path / "in")
    inputs[0].write_text(
        inputs[0].read_text(encoding="utf-8")
        + json.dumps(
            {"id": "e1", "title": "Empty\none", "text": " ", "source": "Herald",
             "published": "2024-02-11", "desk": "local"}
        )
        + "\n",
        encoding="utf-8",
    )  # fmt: skip
    out = tmp_path / "out.jsonl"
    run_batch(inputs, output=out, analyzer=SHOUTER)
    rows = {r["key"]: r for r in records(out)}
    assert rows["e1"]["status"] == "error"
    assert rows["e1"]["document"] == {
        "id": "e1",
        "title": "Empty one",
        "source": "Herald",
        "url": None,
        "published": "2024-02-11",
        "metadata": {"desk": "local"},
    }
    assert rows["c2"]["document"]["metadata"] == {"outlet": "Blog"}  # the CSV row's
    broken = next(r for r in rows.values() if str(r.get("origin")).endswith("a.jsonl:12"))
    assert broken["document"] is None  # a broken line says nothing
    figures = CorpusFigures()
    for record in records(out):
        figures.add(record)
    tables = figures.tables()
    outlets = {row["outlet"]: row for row in tables["outlets"]}
    assert (outlets["Herald"]["failed"], outlets["Blog"]["failed"]) == (1, 1)
    failures = {row["key"]: row for row in tables["failures"]}
    assert (failures["e1"]["outlet"], failures["e1"]["month"]) == ("Herald", "2024-02")
    assert failures[broken["key"]]["outlet"] == "(unknown)"


def test_auto_starts_a_worker_per_core_as_memory_and_the_corpus_allow(monkeypatch):
    # A research team's `propscope batch corpus/` ran in one process on a machine of
    # several cores: `-p 2` was 1.3x faster on two (docs/speed.md, session 45).
    from propscope.batch import engines

    gb = 2**30
    monkeypatch.setattr(engines, "available_cores", lambda: 8)
    monkeypatch.setattr(engines, "available_memory", lambda: 64 * gb)
    assert engines.auto_processes(None) == 1  # standard input: one piped article, no pool
    assert engines.auto_processes(10_000, chunk_size=16) == 8
    assert engines.auto_processes(100, chunk_size=16) == 3  # a worker per two chunks
    assert engines.auto_processes(31, chunk_size=16) == 1  # a pilot run: no workers
    monkeypatch.setattr(engines, "available_memory", lambda: int(2.5 * gb))
    assert engines.auto_processes(10_000) == 3  # 0.8 GB each
    monkeypatch.setattr(engines, "available_memory", lambda: gb // 2)
    assert engines.auto_processes(10_000) == 1  # never none
    monkeypatch.setattr(engines, "available_memory", lambda: None)
    assert engines.auto_processes(10_000) == 8


def test_available_memory_reads_a_number_of_bytes():
    from propscope.batch.engines import available_memory

    memory = available_memory()
    if Path("/proc/meminfo").exists():
        assert memory is not None and memory > 2**20
    else:
        assert memory is None


def test_auto_processes_counts_the_corpus_and_the_limit(tmp_path, monkeypatch):
    from propscope.batch import engines

    monkeypatch.setattr(engines, "available_cores", lambda: 2)
    monkeypatch.setattr(engines, "available_memory", lambda: 2**34)
    inputs = write_corpus(tmp_path / "in", n=25)  # 29 documents and error rows
    summary = run_batch(
        inputs, output=tmp_path / "a.jsonl", analyzer=SHOUTER, processes="auto", chunk_size=16
    )
    assert summary.processes == 1 and summary.analyzed == 26
    summary = run_batch(
        inputs, output=tmp_path / "b.jsonl", analyzer=SHOUTER, processes="auto", chunk_size=4
    )
    assert summary.processes == 2 and summary.analyzed == 26
    assert (tmp_path / "a.jsonl").read_text() == (tmp_path / "b.jsonl").read_text()
    summary = run_batch(
        inputs,
        output=tmp_path / "c.jsonl",
        analyzer=SHOUTER,
        processes="auto",
        chunk_size=4,
        limit=12,
    )
    assert summary.processes == 1 and summary.to_dict()["processes"] == 1


def test_auto_counts_only_what_is_left_to_do(tmp_path, monkeypatch):
    # A rerun of a finished output started a worker per core to analyze nothing
    # (session 54's review).
    from propscope.batch import engines

    monkeypatch.setattr(engines, "available_cores", lambda: 8)
    monkeypatch.setattr(engines, "available_memory", lambda: 2**36)
    inputs = write_corpus(tmp_path / "in", n=25)
    out = tmp_path / "a.jsonl"
    first = run_batch(inputs, output=out, analyzer=SHOUTER, processes=1, chunk_size=4)
    assert first.analyzed == 26
    again = run_batch(inputs, output=out, analyzer=SHOUTER, processes="auto", chunk_size=4)
    assert (again.analyzed, again.processes) == (0, 1)


def test_auto_takes_the_callers_count(tmp_path, monkeypatch):
    # The command line counts the corpus for its progress bar; "auto" counted it again,
    # a second read of a million-line corpus before the first article.
    from propscope.batch import engines, run

    monkeypatch.setattr(engines, "available_cores", lambda: 2)
    monkeypatch.setattr(engines, "available_memory", lambda: 2**34)

    def no_second_count(*args, **kwargs):
        raise AssertionError("the corpus was counted again")

    monkeypatch.setattr(run, "count_corpus", no_second_count)
    inputs = write_corpus(tmp_path / "in", n=25)
    summary = run_batch(
        inputs,
        output=tmp_path / "a.jsonl",
        analyzer=SHOUTER,
        processes="auto",
        chunk_size=4,
        documents=29,
    )
    assert summary.processes == 2 and summary.analyzed == 26


def test_the_command_counts_the_corpus_once(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from propscope.batch import run
    from propscope.cli import app
    from propscope.io import tables

    counted = []
    real = tables.count_corpus

    def counting(*args, **kwargs):
        counted.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(tables, "count_corpus", counting)
    monkeypatch.setattr(run, "count_corpus", counting)
    path = tmp_path / "c.jsonl"
    rows = [{"id": str(n), "text": f"Text {n}."} for n in range(5)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    args = ["batch", str(path), "-o", str(tmp_path / "out.jsonl"), "--progress"]
    result = CliRunner().invoke(app, [*args, "--analyzer", "batch_fakes:shouter"])
    assert result.exit_code == 0, result.stderr
    assert "5 analyzed" in " ".join(result.stderr.split())
    assert len(counted) == 1


def test_numpys_integers_are_numbers_of_processes(tmp_path):
    import numpy as np

    inputs = write_corpus(tmp_path / "in")
    summary = run_batch(
        inputs, output=tmp_path / "o.jsonl", analyzer=SHOUTER, processes=np.int64(1)
    )
    assert summary.processes == 1 and type(summary.to_dict()["processes"]) is int


@pytest.mark.parametrize("processes", [0, -1, "two", 1.5, True])
def test_a_wrong_number_of_processes_is_refused(tmp_path, processes):
    inputs = write_corpus(tmp_path / "in")
    with pytest.raises(PropscopeError, match="processes must be 1 or more, or 'auto'"):
        run_batch(inputs, output=tmp_path / "o.jsonl", analyzer=SHOUTER, processes=processes)


def test_the_cli_picks_the_processes_itself_unless_told(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from propscope.batch import engines
    from propscope.cli import app

    asked = []
    monkeypatch.setattr(engines, "available_memory", lambda: 2**34)
    monkeypatch.setattr(
        "propscope.batch.run.auto_processes",
        lambda documents, chunk_size: asked.append(documents) or 1,
    )
    inputs = [str(p) for p in write_corpus(tmp_path / "in", n=25)]
    base = ["batch", *inputs, "--analyzer", "batch_fakes:shouter", "--json", "--no-progress"]
    result = CliRunner().invoke(app, [*base, "-o", str(tmp_path / "a.jsonl"), "--limit", "20"])
    assert asked == [20]  # counted, then cut to the limit
    assert json.loads(result.stdout)["processes"] == 1
    result = CliRunner().invoke(app, [*base, "-o", str(tmp_path / "b.jsonl"), "-p", "2"])
    assert asked == [20] and json.loads(result.stdout)["processes"] == 2
    assert "2 worker processes" in " ".join(result.stderr.split())
    for wrong in ("0", "two", "-3"):
        args = [*base, "-o", str(tmp_path / "c.jsonl"), "-p", wrong]
        result = CliRunner().invoke(app, args, env={"COLUMNS": "200"})
        assert result.exit_code == 2
        assert "give a whole number of 1 or more, or auto" in " ".join(result.output.split())


def test_a_limit_stops_the_count(tmp_path, monkeypatch):
    # `--limit 20` over a million-line corpus counted it to the end, for the bar and for
    # auto (session 54's review).
    from propscope.io import tables

    big = tmp_path / "big.jsonl"
    big.write_text(
        "".join(json.dumps({"id": f"d{i}", "text": "Words."}) + "\n" for i in range(500))
    )
    folder = tmp_path / "folder"
    folder.mkdir()
    for i in range(6):
        (folder / f"article{i}.txt").write_text(f"Title {i}\n\nSome words.\n")
    assert tables.count_corpus([big]) == 500
    assert tables.count_corpus([big], at_most=20) == 20
    assert tables.count_corpus([folder, big], at_most=4) == 4
    assert tables.count_corpus([folder, big], at_most=10_000) == 506
    read = []
    real = tables._count_file
    monkeypatch.setattr(
        tables, "_count_file", lambda p, at_most=None: read.append(p) or real(p, at_most)
    )
    assert tables.count_corpus([folder, big], at_most=3) == 3
    assert big not in read and len(read) == 3  # the rest was never opened
