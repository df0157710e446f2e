"""Reading corpora for batch runs: CSV, TSV, Parquet, globs and mixed folders."""

from __future__ import annotations

import builtins
import json
from pathlib import Path

import pytest

from propscope import Document
from propscope.document import content_id
from propscope.errors import MissingDependencyError
from propscope.io.readers import InputFailure
from propscope.io.tables import count_corpus, document_from_row, read_corpus


def write_csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def docs_and_failures(items):
    items = list(items)
    return (
        [i for i in items if isinstance(i, Document)],
        [i for i in items if isinstance(i, InputFailure)],
    )


def test_csv_rows_become_documents_with_metadata_untouched(tmp_path):
    path = write_csv(
        tmp_path / "news.csv",
        "id,title,text,source,published,lang,score\n"
        'a1,Harbour vote,"The council voted, LOUDLY.",Gazette,2024-03-01,en,0.5\n'
        'a2,,"Line one\nline two",Herald,,fr,\n',
    )
    docs, failures = docs_and_failures(read_corpus([path]))
    assert failures == []
    assert [d.id for d in docs] == ["a1", "a2"]
    first, second = docs
    assert first.title == "Harbour vote"
    assert first.text == "Harbour vote\n\nThe council voted, LOUDLY."
    assert (first.source, first.published) == ("Gazette", "2024-03-01")
    assert first.metadata == {"lang": "en", "score": "0.5"}
    assert second.text == "Line one\nline two"  # a quoted line break stays in the text
    assert second.published is None
    assert second.metadata == {"lang": "fr"}  # empty cells are left out


def test_a_row_without_id_gets_a_content_hash(tmp_path):
    path = write_csv(tmp_path / "x.csv", "text\nSome article text.\n")
    (doc,) = read_corpus([path])
    assert isinstance(doc, Document)
    assert doc.id == content_id("Some article text.")


def test_missing_text_column_names_the_columns_and_the_fix(tmp_path):
    path = write_csv(tmp_path / "x.csv", "id,body\n1,hello\n")
    (failure,) = read_corpus([path])
    assert isinstance(failure, InputFailure)
    message = failure.message()
    assert "no 'text' column" in message and "'body'" in message and "Name the column" in message


def test_bad_rows_become_failures_and_the_rest_is_read(tmp_path):
    path = write_csv(
        tmp_path / "x.csv",
        "id,text\n1,first\n2,\n3,too,many,cells\n4,fourth\n",
    )
    docs, failures = docs_and_failures(read_corpus([path]))
    assert [d.id for d in docs] == ["1", "4"]
    assert [f.origin for f in failures] == [f"{path}:3", f"{path}:4"]
    assert "empty" in failures[0].message()
    assert "has 4 cells but the header has 2" in failures[1].message()


def test_tsv_and_a_long_article(tmp_path):
    long_text = "word " * 60_000  # beyond csv's default 128 KiB field limit
    path = write_csv(tmp_path / "x.tsv", f"id\ttext\nlong\t{long_text}\n")
    (doc,) = read_corpus([path])
    assert isinstance(doc, Document) and len(doc.text) == len(long_text)


def test_a_non_utf8_csv_is_reported(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes(b"id,text\n1,caf\xe9\n")
    (failure,) = read_corpus([path])
    assert isinstance(failure, InputFailure)
    assert "not UTF-8" in failure.message() and "iconv" in failure.message()
    assert failure.origin == f"{path}:2" and failure.id == "1"


def test_one_bad_byte_fails_its_own_row_and_the_rest_of_the_table_is_read(tmp_path):
    """The file was decoded in blocks and read no further than the block before the
    byte: 246 of 1,000 rows were lost, and the error named a line 46 rows too early."""
    rows = [f"r{i},Text number {i}." for i in range(1000)]
    body = ("id,text\n" + "\n".join(rows) + "\n").encode()
    body = body.replace(b"Text number 800.", b"Caf\xe9 number 800.")
    path = tmp_path / "big.csv"
    path.write_bytes(body)
    results = list(read_corpus([path]))
    failures = [r for r in results if isinstance(r, InputFailure)]
    assert len(results) == 1000 and len(failures) == 1
    (failure,) = failures
    assert failure.origin == f"{path}:802" and failure.id == "r800"  # line 1 is the header
    assert "byte 0xE9 in this row" in failure.message() and "other rows were read" in (
        failure.message()
    )
    path.write_bytes(b"id,t\xe9xt\n1,one\n")
    (failure,) = read_corpus([path])
    assert isinstance(failure, InputFailure) and "in its header" in failure.message()


def test_globs_and_mixed_folders(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "article7.txt").write_text("Title\n\nBody one.", encoding="utf-8")
    (folder / "b.jsonl").write_text(json.dumps({"id": "j1", "text": "Body two."}) + "\n")
    write_csv(folder / "c.csv", "id,text\nc1,Body three.\n")
    (folder / "notes.md").write_text("not an article")
    (folder / ".hidden.csv").write_text("id,text\nh,hidden\n")
    docs, failures = docs_and_failures(read_corpus([folder]))
    assert [d.id for d in docs] == ["7", "j1", "c1"]
    assert failures == []
    docs, _ = docs_and_failures(read_corpus([str(folder / "*.csv"), str(folder / "*.jsonl")]))
    assert [d.id for d in docs] == ["c1", "j1"]
    assert count_corpus([folder]) == 3
    (nothing,) = read_corpus([str(tmp_path / "*.parquet")])
    assert isinstance(nothing, InputFailure) and "matches no file" in nothing.message()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        # A table without a text column is one failure, whatever its rows: the bar read
        # 3/4 for it beside a good table, and 15/14 where a JSON array was in the run.
        ("notext.csv", "id,title\n1,a\n2,b\n3,c\n"),
        ("array.json", json.dumps([{"text": "One."}, {"text": "Two."}, {"text": "Three."}])),
        ("empty.json", "[]"),
        ("blank.csv", "id,text\n1,One.\n  ,  \n\n2,Two.\n"),
        ("header.csv", "id,text\n"),
        ("empty.csv", ""),
    ],
)
def test_the_count_is_what_the_readers_yield(tmp_path, name, content):
    path = write_csv(tmp_path / name, content)
    good = write_csv(tmp_path / "good.csv", "id,text\ng1,Good one.\ng2,Good two.\n")
    assert count_corpus([good, path]) == len(list(read_corpus([good, path])))


def test_a_parquet_table_without_a_text_column_counts_as_its_one_failure(tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    path = tmp_path / "notext.parquet"
    pq.write_table(pa.table({"id": ["p1", "p2", "p3"], "body": ["a", "b", "c"]}), path)
    assert count_corpus([path]) == len(list(read_corpus([path]))) == 1


def test_document_from_row_takes_typed_cells():
    from datetime import datetime

    doc = document_from_row(
        {"id": 12.0, "text": "Body.", "published": datetime(2024, 5, 1, 8, 30), "n": 3},
        "row 1",
    )
    assert doc.id == "12"
    assert doc.published == "2024-05-01T08:30:00"
    assert doc.metadata == {"n": 3}


def test_parquet_rows_stream_with_metadata(tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    table = pa.table(
        {
            "id": ["p1", "p2", "p3"],
            "text": ["First LOUD text.", None, "Third text."],
            "source": ["Gazette", "Herald", None],
            "tags": [["a", "b"], [], ["c"]],
        }
    )
    path = tmp_path / "news.parquet"
    pq.write_table(table, path)
    docs, failures = docs_and_failures(read_corpus([path]))
    assert [d.id for d in docs] == ["p1", "p3"]
    assert docs[0].source == "Gazette" and docs[0].metadata == {"tags": ["a", "b"]}
    assert [f.origin for f in failures] == [f"{path}:row 2"]
    assert count_corpus([path]) == 3
    pq.write_table(pa.table({"body": ["x"]}), tmp_path / "bad.parquet")
    (failure,) = read_corpus([tmp_path / "bad.parquet"])
    assert isinstance(failure, InputFailure) and "no 'text' column" in failure.message()


def test_parquet_without_pyarrow_names_the_extra(tmp_path, monkeypatch):
    real_import = builtins.__import__

    def no_pyarrow(name, *args, **kwargs):
        if name.startswith("pyarrow"):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pyarrow)
    (tmp_path / "x.parquet").write_bytes(b"PAR1")
    with pytest.raises(MissingDependencyError, match=r"pip install 'propscope\[batch\]'"):
        list(read_corpus([tmp_path / "x.parquet"]))


def test_an_empty_path_is_refused_not_read_as_the_current_folder(tmp_path, monkeypatch) -> None:
    from propscope.io.readers import InputFailure
    from propscope.io.tables import read_corpus

    (tmp_path / "a.txt").write_text("Title\n\nText.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    [result] = list(read_corpus([""]))
    assert isinstance(result, InputFailure)
    assert "an empty path was given" in result.message()


def test_standard_input_among_the_inputs_leaves_the_files_unread(tmp_path, monkeypatch):
    # Standard input cannot be counted, so nothing is: the files before "-" were read
    # to the end for a count of None, by the progress bar and again by run_batch.
    from propscope.io import tables

    big = write_csv(tmp_path / "big.csv", "id,text\n" + "".join(f"{n},Text.\n" for n in range(9)))
    opened = []
    real = tables._count_file
    monkeypatch.setattr(tables, "_count_file", lambda *a, **k: opened.append(a) or real(*a, **k))
    assert count_corpus([big, "-"]) is None
    assert count_corpus([big, tmp_path, "-"]) is None
    assert opened == []
    # A pilot's limit that the files before it reach is still a count.
    assert count_corpus([big, "-"], at_most=4) == 4
    assert count_corpus([big]) == 9
