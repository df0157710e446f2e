"""Resume keys of unreadable inputs, and what a rerun does with their error rows: one
record per document, whatever the working directory, after the input is fixed."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from propscope.batch import AnalyzerSpec, read_results, run_batch
from propscope.batch.sinks import parquet_parts_dir
from propscope.store import Store

SHOUTER = AnalyzerSpec(factory="batch_fakes:shouter")
LATIN1 = "Caf\u00e9 owners are OUTRAGED.\n".encode("latin-1")  # é is 0xE9: not UTF-8


def ptc_corpus(folder: Path) -> Path:
    """Three PTC-style articles; article9999.txt is Latin-1."""
    folder.mkdir(parents=True)
    (folder / "article1.txt").write_text("A CALM story.\n", encoding="utf-8")
    (folder / "article2.txt").write_text("Another story.\n", encoding="utf-8")
    (folder / "article9999.txt").write_bytes(LATIN1)
    return folder


def fix(path: Path) -> None:
    """What `iconv -f latin1 -t utf-8` does."""
    path.write_text(path.read_bytes().decode("latin-1"), encoding="utf-8")


def records(path: Path) -> list[dict]:
    return list(read_results(path))


def by_key(path: Path) -> dict[str, dict]:
    rows = records(path)
    counts = Counter(r["key"] for r in rows)
    assert set(counts.values()) == {1}, f"keys written more than once: {counts}"
    return {r["key"]: r for r in rows}


def test_an_unreadable_text_file_is_keyed_by_the_id_it_would_have(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    ptc_corpus(tmp_path / "corpus")
    summary = run_batch(["corpus/article9999.txt"], output="out.jsonl", analyzer=SHOUTER)
    assert summary.failed == 1
    (row,) = records(tmp_path / "out.jsonl")
    assert row["key"] == "9999" and row["error"]["stage"] == "read"
    assert row["origin"] == "corpus/article9999.txt"  # where it was read, as typed
    # The key a readable file gets, by the same rule: PTC id, else the file's stem.
    (tmp_path / "corpus" / "notes.v2.txt").write_bytes(LATIN1)
    run_batch(["corpus/notes.v2.txt"], output="notes.jsonl", analyzer=SHOUTER)
    fix(tmp_path / "corpus" / "notes.v2.txt")
    run_batch(["corpus/notes.v2.txt"], output="notes-ok.jsonl", analyzer=SHOUTER)
    assert (
        {r["key"] for r in records(tmp_path / "notes.jsonl")}
        == {r["key"] for r in records(tmp_path / "notes-ok.jsonl")}
        == {"notes.v2"}
    )


@pytest.mark.parametrize("output", ["out.jsonl", "out.parquet", None])
def test_fixing_an_unreadable_file_and_rerunning_leaves_one_ok_record(tmp_path, output):
    if output and output.endswith(".parquet"):
        pytest.importorskip("pyarrow")
    corpus = ptc_corpus(tmp_path / "corpus")
    out = tmp_path / output if output else None
    db = tmp_path / "runs.db"
    first = run_batch([corpus], output=out, store=db, analyzer=SHOUTER)
    assert (first.analyzed, first.failed) == (2, 1)
    # Nothing changed: the read error stands, nothing is rewritten.
    again = run_batch([corpus], output=out, store=db, analyzer=SHOUTER)
    assert (again.analyzed, again.failed, again.skipped) == (0, 0, 3)
    fix(corpus / "article9999.txt")
    third = run_batch([corpus], output=out, store=db, analyzer=SHOUTER)
    assert (third.analyzed, third.failed, third.skipped) == (1, 0, 2)
    for path in filter(None, [out, db]):
        rows = by_key(path)
        assert set(rows) == {"1", "2", "9999"}
        assert rows["9999"]["status"] == "ok"
        assert rows["9999"]["document"]["text"].startswith("Caf\u00e9")
    assert Store(db).failures() == []
    if out is not None and out.suffix == ".parquet":
        assert not parquet_parts_dir(out).exists()
    assert run_batch([corpus], output=out, store=db, analyzer=SHOUTER).skipped == 3


def test_a_rerun_from_another_folder_with_absolute_paths_adds_no_record(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    corpus = ptc_corpus(tmp_path / "corpus")
    (corpus / "news.csv").write_text("id,text\nc1,A LOUD row.\nc2,\n", encoding="utf-8")
    run_batch(["corpus/"], output="out.jsonl", store="runs.db", analyzer=SHOUTER)
    first = by_key(tmp_path / "out.jsonl")
    assert {k for k, r in first.items() if r["status"] == "error"} == {
        "9999",
        "c2",
    }  # the row names its id
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    run_batch(
        [str(corpus)], output=tmp_path / "out.jsonl", store=tmp_path / "runs.db", analyzer=SHOUTER
    )
    for path in (tmp_path / "out.jsonl", tmp_path / "runs.db"):
        assert set(by_key(path)) == set(first)
    # The error rows say where the input was read this time.
    assert by_key(tmp_path / "out.jsonl")["9999"]["origin"] == str(corpus / "article9999.txt")
    fix(corpus / "article9999.txt")
    run_batch([str(corpus)], output=tmp_path / "out.jsonl", analyzer=SHOUTER)
    rows = by_key(tmp_path / "out.jsonl")
    assert set(rows) == set(first) and rows["9999"]["status"] == "ok"


def test_a_fixed_jsonl_line_gets_its_documents_key_and_its_error_row_goes(tmp_path):
    path = tmp_path / "news.jsonl"
    good = json.dumps({"id": "a", "text": "One LOUD text."})
    path.write_text(good + '\n{"text": "cut short\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    run_batch([path], output=out, analyzer=SHOUTER)
    assert by_key(out)["news.jsonl:2"]["error"]["stage"] == "read"
    # Fixed without an id, the line gets the key `<stem>:<line>`, not its origin.
    path.write_text(good + '\n{"text": "whole now"}\n', encoding="utf-8")
    run_batch([path], output=out, analyzer=SHOUTER)
    rows = by_key(out)
    assert rows["news:2"]["status"] == "ok"
    # A line's key needs its content: the origin-keyed error row is not met again, and
    # as the run read its file, the row is dropped.
    assert "news.jsonl:2" not in rows and len(rows) == 2


@pytest.mark.parametrize("output", ["out.jsonl", "out.parquet", None])
def test_a_table_fixed_whole_leaves_no_error_row_of_its_earlier_failure(tmp_path, output):
    """A CSV that could not be read at all is keyed by its path; once fixed, its rows
    read under their ids, and the error row goes from every output (the audit of session
    27 found it listed in failures.csv for good)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    table = corpus / "news.csv"
    table.write_text("id,body\nc1,Owners are OUTRAGED.\nc2,All calm.\n", encoding="utf-8")
    other = corpus / "broken.jsonl"
    other.write_text('{"text": "cut short\n', encoding="utf-8")
    out = tmp_path / output if output else None
    store = tmp_path / "store.db"
    summary = run_batch([table, other], output=out, store=store, analyzer=SHOUTER)
    assert summary.failed == 2  # no 'text' column: the whole table
    table.write_text(table.read_text().replace("id,body", "id,text"), encoding="utf-8")
    summary = run_batch([table, other], output=out, store=store, analyzer=SHOUTER)
    assert summary.analyzed == 2 and summary.skipped == 1
    assert any("dropped 1 error row(s)" in note for note in summary.notes)
    failures = {f.key for f in Store(store).failures()}
    assert failures == {"corpus/broken.jsonl:1"}  # still broken, still listed
    if out is not None:
        rows = by_key(out)
        assert {k: r["status"] for k, r in rows.items()} == {
            "corpus/broken.jsonl:1": "error",
            "c1": "ok",
            "c2": "ok",
        }
    # A run that does not read the broken file leaves its row alone.
    run_batch([table], output=out, store=store, analyzer=SHOUTER)
    assert {f.key for f in Store(store).failures()} == failures


def test_an_analysis_error_row_is_final(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_text(json.dumps({"id": "p", "text": "A POISON pill."}) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    run_batch([path], output=out, analyzer=SHOUTER)
    before = out.read_bytes()
    again = run_batch([path], output=out, analyzer=SHOUTER)
    assert (again.failed, again.skipped) == (0, 1)
    assert out.read_bytes() == before


def test_records_are_written_in_input_order(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(1, 8):
        name = corpus / f"article{i}.txt"
        if i in (3, 6):
            name.write_bytes(LATIN1)
        else:
            name.write_text(f"Story {i} is LOUD.\n", encoding="utf-8")
    for processes in (1, 2):
        out = tmp_path / f"out{processes}.jsonl"
        run_batch([corpus], output=out, analyzer=SHOUTER, processes=processes, chunk_size=2)
        assert [r["key"] for r in records(out)] == [str(i) for i in range(1, 8)]


def test_a_crash_between_replacing_and_tidying_is_tidied_by_the_next_run(tmp_path):
    corpus = ptc_corpus(tmp_path / "corpus")
    out = tmp_path / "out.jsonl"
    run_batch([corpus], output=out, analyzer=SHOUTER)
    fix(corpus / "article9999.txt")
    stale = out.read_bytes()
    run_batch([corpus], output=out, analyzer=SHOUTER)
    # As if killed after appending the new record but before dropping the error row.
    new_line = out.read_bytes().splitlines(keepends=True)[-1]
    out.write_bytes(stale + new_line)
    assert [r["status"] for r in records(out) if r["key"] == "9999"] == ["ok"]  # read back once
    again = run_batch([corpus], output=out, analyzer=SHOUTER)
    assert again.skipped == 3
    assert out.read_bytes().count(b'"key": "9999"') == 1


def test_an_unfinished_parquet_rerun_reads_back_one_record_per_key(tmp_path):
    pytest.importorskip("pyarrow")
    corpus = ptc_corpus(tmp_path / "corpus")
    out = tmp_path / "out.parquet"
    run_batch([corpus], output=out, analyzer=SHOUTER)
    fix(corpus / "article9999.txt")

    def stop(summary):
        if summary.analyzed == 1:
            raise KeyboardInterrupt

    stopped = run_batch([corpus], output=out, analyzer=SHOUTER, flush_every=1, on_progress=stop)
    assert stopped.interrupted and any(parquet_parts_dir(out).iterdir())
    # The final file still holds the error row, a part its replacement.
    assert by_key(out)["9999"]["status"] == "ok"
    run_batch([corpus], output=out, analyzer=SHOUTER)
    assert not parquet_parts_dir(out).exists()
    assert by_key(out)["9999"]["status"] == "ok"


def test_keys_of_other_unreadable_inputs_do_not_depend_on_the_working_directory(
    tmp_path, monkeypatch
):
    from propscope.batch.inputs import read_keyed

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.jsonl").write_text('{"id": "x", "text": "fine"}\n{oops\n', encoding="utf-8")
    (corpus / "b.csv").write_text("id,title\n1,no text column\n", encoding="utf-8")
    (corpus / "bad.txt").write_bytes(LATIN1)
    (tmp_path / "runs").mkdir()
    expected = ["x", "../corpus/a.jsonl:2", "../corpus/b.csv", "bad", "../corpus/*.md"]
    for cwd, prefix in ((tmp_path, "corpus"), (corpus, "."), (tmp_path / "runs", str(corpus))):
        monkeypatch.chdir(cwd)
        inputs = [prefix, f"{prefix}/*.md"]
        keyed = read_keyed(inputs, anchor=tmp_path / "runs")
        assert [key for key, _ in keyed] == expected, cwd


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
def test_a_line_that_names_its_id_is_keyed_by_it_and_replaced_when_fixed(tmp_path, suffix):
    corpus = tmp_path / f"news{suffix}"
    if suffix == ".jsonl":
        broken = '{"id": "a1", "text": "LOUD words"}\n{"id": "x7", "text": ""}\n'
        fixed = broken.replace('"text": ""', '"text": "Quiet words"')
    else:
        broken = "id,text\na1,LOUD words\nx7,\n"
        fixed = broken.replace("x7,", "x7,Quiet words")
    corpus.write_text(broken, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    first = run_batch([corpus], output=out, analyzer=SHOUTER)
    assert (first.analyzed, first.failed) == (1, 1)
    assert by_key(out)["x7"]["error"]["stage"] == "read"
    corpus.write_text(fixed, encoding="utf-8")
    second = run_batch([corpus], output=out, analyzer=SHOUTER)
    assert (second.analyzed, second.failed) == (1, 0)
    assert {key: row["status"] for key, row in by_key(out).items()} == {"a1": "ok", "x7": "ok"}


def test_only_files_read_to_the_end_drop_their_old_error_rows(tmp_path, monkeypatch):
    """The review of session 27: a folder read one level deep dropped the error rows of
    its subfolders' files, and a file that failed as a whole this time dropped its rows'
    errors of the time before."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in" / "extra").mkdir(parents=True)
    (tmp_path / "in" / "extra" / "b.jsonl").write_text('{"id": "b1", "text": "Fine."}\n{broken\n')
    table = tmp_path / "in" / "t.csv"
    table.write_text("id,text\nt1,Fine.\na,b,c\n", encoding="utf-8")  # row 3: 3 cells
    out = tmp_path / "out.jsonl"
    run_batch(["in/extra", "in"], output=out, analyzer=SHOUTER)
    assert {"in/extra/b.jsonl:2", "in/t.csv:3"} <= set(by_key(out))
    table.write_text("id;text\nt1;Fine.\n", encoding="utf-8")  # no 'text' column now
    summary = run_batch(["in"], output=out, analyzer=SHOUTER)  # extra/ is not read
    keys = set(by_key(out))
    assert "in/extra/b.jsonl:2" in keys  # its file was not read: its row stays
    assert "in/t.csv:3" in keys and "in/t.csv" in keys  # failed whole: nothing retired
    assert not any("dropped" in note for note in summary.notes)
    # The store beside the inputs ("batch . --store p.db"): keys are the files' names.
    monkeypatch.chdir(tmp_path / "in")
    table.write_text("id,text\nt1,Fine.\na,b,c\n", encoding="utf-8")
    run_batch(["."], store="p.db", analyzer=SHOUTER)
    assert "t.csv:3" in {f.key for f in Store(tmp_path / "in" / "p.db").failures()}
    table.write_text("id,text\nt1,Fine.\n", encoding="utf-8")
    summary = run_batch(["."], store="p.db", analyzer=SHOUTER)
    assert "t.csv:3" not in {f.key for f in Store(tmp_path / "in" / "p.db").failures()}
    assert any("dropped 1 error row(s)" in note for note in summary.notes)
