"""Input readers: plain text, folders, JSONL, standard input, and every failure path."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from propscope.document import Document
from propscope.errors import DecodeError, EmptyTextError, InputError, NoInputsError
from propscope.io.readers import InputFailure, read_file, read_inputs


def _write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def _only(results: list[Document | InputFailure]) -> Document | InputFailure:
    assert len(results) == 1, results
    return results[0]


def _doc(item: Document | InputFailure) -> Document:
    assert isinstance(item, Document), item.message() if isinstance(item, InputFailure) else item
    return item


def _failure(item: Document | InputFailure) -> InputFailure:
    assert isinstance(item, InputFailure), item
    return item


# --- plain text -------------------------------------------------------------------------


def test_title_followed_by_empty_line_is_the_title(tmp_path: Path) -> None:
    content = "A headline\n\nFirst paragraph.\nSecond line."
    doc = _doc(_only(list(read_inputs([_write(tmp_path / "news.txt", content)]))))
    assert doc.title == "A headline"
    assert doc.text == content
    assert doc.body == "First paragraph.\nSecond line."
    assert doc.id == "news"


def test_no_empty_line_means_no_title_and_text_is_the_file(tmp_path: Path) -> None:
    content = "Just a first line\nand a second one.\n"
    doc = _doc(_only(list(read_inputs([_write(tmp_path / "plain.txt", content)]))))
    assert doc.title is None
    assert doc.text == content
    start = content.index("second")
    assert doc.text[start : start + len("second")] == "second"


def test_bom_is_dropped_and_offsets_start_after_it(tmp_path: Path) -> None:
    path = _write(tmp_path / "bom.txt", b"\xef\xbb\xbfTitle\n\nBody.")
    doc = _doc(_only(list(read_inputs([path]))))
    assert doc.text == "Title\n\nBody."
    assert doc.title == "Title"


def test_carriage_returns_are_read_untranslated_then_normalised(tmp_path: Path) -> None:
    path = _write(tmp_path / "crlf.txt", b"Title\r\n\r\nBody.\r\n")
    doc = _doc(_only(list(read_inputs([path]))))
    assert doc.title == "Title"
    assert doc.text == "Title\n\nBody.\n"


def test_ptc_article_name_gives_the_article_id(tmp_path: Path) -> None:
    path = _write(tmp_path / "article111111112.txt", "Title\n\nBody text.")
    doc = _doc(_only(list(read_file(path))))
    assert doc.id == "111111112"
    assert doc.title == "Title"


def test_explicit_file_with_other_suffix_is_read_as_text(tmp_path: Path) -> None:
    doc = _doc(_only(list(read_inputs([_write(tmp_path / "notes.md", "Some text.")]))))
    assert doc.id == "notes"
    assert doc.text == "Some text."


@pytest.mark.parametrize("content", ["", "   \n\t\n  "], ids=["empty", "whitespace"])
def test_empty_or_whitespace_file_is_an_empty_text_failure(tmp_path: Path, content: str) -> None:
    path = _write(tmp_path / "blank.txt", content)
    failure = _failure(_only(list(read_inputs([path]))))
    assert isinstance(failure.error, EmptyTextError)
    assert failure.origin == str(path)
    message = failure.message()
    assert message.startswith(str(path))
    assert "empty or holds only whitespace" in message
    assert "\n" not in message


def test_undecodable_file_names_offset_and_fix(tmp_path: Path) -> None:
    path = _write(tmp_path / "latin.txt", b"Title\n\ncaf" + b"\xe9 au lait")
    failure = _failure(_only(list(read_inputs([path]))))
    assert isinstance(failure.error, DecodeError)
    message = failure.message()
    assert str(path) in message
    assert "0xE9" in message
    assert "byte offset 10" in message
    assert "line 3" in message
    assert "iconv -f latin1 -t utf-8" in message


# The head of a program, as `head -c 2000 /usr/bin/ls > b.txt` gives it: NUL bytes among
# bytes that are not UTF-8, which were met with advice to convert the text with iconv.
PROGRAM = b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00>\x00\x01\x00\xf0"


@pytest.mark.parametrize("name", ["b.txt", "b.json", "-"])
def test_a_binary_file_is_called_binary_not_text_to_convert(tmp_path: Path, name: str) -> None:
    path = "-" if name == "-" else _write(tmp_path / name, PROGRAM * 50)
    stdin = io.BytesIO(PROGRAM * 50)
    failure = _failure(_only(list(read_inputs([path], stdin=stdin))))
    assert isinstance(failure.error, DecodeError)
    message = failure.message()
    assert "looks like a binary file" in message and "Give a text file" in message
    assert "iconv" not in message


def test_utf16_text_is_not_called_binary_and_gets_the_fix_for_its_encoding(
    tmp_path: Path,
) -> None:
    # The fix said `iconv -f latin1`, which turns UTF-16 into text full of NUL bytes; a
    # JSONL file got an error for each line and a CSV "the other rows were read" (review,
    # session 39).
    for name, text, encoding in (
        ("wide.txt", "Title\n\nSome text.", "utf-16"),
        ("wide.jsonl", '{"id": "a", "text": "x"}\n{"id": "b", "text": "y"}\n', "utf-16"),
        ("wide.csv", "id,text\nc1,hello there\n", "utf-16"),
        ("wider.txt", "Title\n\nSome text.", "utf-32"),
    ):
        path = _write(tmp_path / name, text.encode(encoding))
        from propscope.io.tables import read_corpus

        message = _failure(_only(list(read_corpus([path])))).message()
        assert f"is {encoding.upper()} text" in message and "binary" not in message
        assert f"iconv -f {encoding} -t utf-8" in message and "latin1" not in message


def test_a_csv_whose_header_is_not_utf8_says_no_row_was_read(tmp_path: Path) -> None:
    from propscope.io.tables import read_corpus

    path = _write(tmp_path / "bad.csv", b"id,t\xe9xt\nc1,hello\n")
    message = _failure(_only(list(read_corpus([path])))).message()
    assert "no row was read" in message and "the other rows were read" not in message


# --- folders ----------------------------------------------------------------------------


def test_folder_reads_files_sorted_by_name_and_reports_the_bad_one(tmp_path: Path) -> None:
    _write(tmp_path / "c.txt", "Third article.")
    _write(tmp_path / "article2.txt", "Second\n\nBody two.")
    _write(tmp_path / "b_bad.txt", b"\xff\xfe bad")
    _write(tmp_path / "a.jsonl", json.dumps({"id": "j1", "text": "From JSONL."}) + "\n")
    _write(tmp_path / "image.png", b"\x89PNG")
    _write(tmp_path / ".hidden.txt", "Hidden, skipped.")
    (tmp_path / "sub").mkdir()
    _write(tmp_path / "sub" / "deep.txt", "Not read: no recursion.")

    results = list(read_inputs([tmp_path]))

    labels = [r.id if isinstance(r, Document) else r.origin for r in results]
    assert labels == ["j1", "2", str(tmp_path / "b_bad.txt"), "c"]
    failure = _failure(results[2])
    assert isinstance(failure.error, DecodeError)
    assert "byte offset 0" in failure.message()
    assert "0xFF" in failure.message()
    assert "iconv" in failure.message()


def test_a_folders_broken_links_and_pipes_are_reported_not_skipped(tmp_path: Path) -> None:
    # They vanished without a word and the run exited 0 (review, session 39); a pipe
    # must not be opened, or the run waits for a writer forever.
    from propscope.io.tables import count_corpus, read_corpus

    _write(tmp_path / "a.txt", "Title\n\nBody.")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "l1.txt").symlink_to(tmp_path / "l2.txt")
    (tmp_path / "l2.txt").symlink_to(tmp_path / "l1.txt")
    os.mkfifo(tmp_path / "pipe.jsonl")
    (tmp_path / "sub.txt").mkdir()  # a subfolder: not read, as documented
    results = list(read_corpus([tmp_path]))
    failures = {Path(r.origin).name: r.message() for r in results if isinstance(r, InputFailure)}
    assert [r.text for r in results if isinstance(r, Document)] == ["Title\n\nBody."]
    assert set(failures) == {"gone.txt", "l1.txt", "l2.txt", "pipe.jsonl"}
    assert "a link to nothing" in failures["gone.txt"] and "a link to nothing" in failures["l1.txt"]
    assert "not a regular file" in failures["pipe.jsonl"]
    assert count_corpus([tmp_path]) == 5


def test_folder_with_only_an_image_is_a_no_inputs_failure(tmp_path: Path) -> None:
    _write(tmp_path / "picture.png", b"\x89PNG")
    failure = _failure(_only(list(read_inputs([tmp_path]))))
    assert isinstance(failure.error, NoInputsError)
    message = failure.message()
    assert message.startswith(str(tmp_path))
    assert "picture.png" in message
    assert ".txt" in message and ".jsonl" in message


def test_empty_folder_is_a_no_inputs_failure(tmp_path: Path) -> None:
    failure = _failure(_only(list(read_inputs([tmp_path]))))
    assert isinstance(failure.error, NoInputsError)
    assert "it is empty" in failure.message()


def test_folder_of_empty_article_reports_the_empty_file_not_no_inputs(tmp_path: Path) -> None:
    _write(tmp_path / "empty.txt", "")
    failure = _failure(_only(list(read_inputs([tmp_path]))))
    assert isinstance(failure.error, EmptyTextError)


# --- JSONL ------------------------------------------------------------------------------


def _jsonl_lines() -> list[str]:
    return [
        json.dumps({"id": "good", "title": "T", "text": "Body.", "source": "wire", "lang": "en"}),
        '{"id": "broken", "text": ',
        json.dumps({"id": "no-text", "body": "Wrong key."}),
        "",
        json.dumps({"text": "   "}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"text": "No id here.", "url": "https://example.org/a", "published": "2020"}),
        json.dumps({"id": 7, "text": 42}),
        json.dumps({"id": 8, "text": "Numeric id.", "metadata": {"k": 1}, "extra": True}),
    ]


def test_jsonl_reads_good_lines_and_reports_each_broken_one(tmp_path: Path) -> None:
    path = _write(tmp_path / "batch.jsonl", "\n".join(_jsonl_lines()) + "\n")
    results = list(read_inputs([path]))
    origins = [r.origin for r in results if isinstance(r, InputFailure)]
    assert origins == [f"{path}:{n}" for n in (2, 3, 5, 6, 8)]
    docs = [r for r in results if isinstance(r, Document)]
    assert [d.id for d in docs] == ["good", "batch:7", "8"]

    good, no_id, numeric = docs
    assert good.title == "T"
    assert good.text == "T\n\nBody."
    assert good.source == "wire"
    assert good.metadata == {"lang": "en"}
    assert no_id.url == "https://example.org/a"
    assert no_id.published == "2020"
    assert no_id.metadata == {}
    assert numeric.metadata == {"k": 1, "extra": True}


@pytest.mark.parametrize(
    ("line_no", "error_type", "parts"),
    [
        (2, InputError, ["not valid JSON", "column", "one JSON object per line"]),
        (3, InputError, ['no "text" field', "'body'", 'Put the article under "text"']),
        (5, EmptyTextError, ['"text" is empty', "remove the line"]),
        (6, InputError, ["expected a JSON object, got an array", "Write each article"]),
        (8, InputError, ['"text" must be a string, got a number']),
    ],
)
def test_jsonl_failure_messages_name_line_problem_and_fix(
    tmp_path: Path, line_no: int, error_type: type[Exception], parts: list[str]
) -> None:
    path = _write(tmp_path / "batch.jsonl", "\n".join(_jsonl_lines()) + "\n")
    failures = {r.origin: r for r in read_inputs([path]) if isinstance(r, InputFailure)}
    failure = failures[f"{path}:{line_no}"]
    assert type(failure.error) is error_type
    message = failure.message()
    assert message.startswith(f"{path}:{line_no}: ")
    assert "\n" not in message
    for part in parts:
        assert part in message


def test_jsonl_undecodable_line_names_its_file_offset(tmp_path: Path) -> None:
    first = json.dumps({"text": "ok"}).encode() + b"\n"
    bad = b'{"text": "caf\xe9"}\n'
    path = _write(tmp_path / "mixed.ndjson", first + bad)
    results = list(read_inputs([path]))
    assert _doc(results[0]).id == "mixed:1"
    failure = _failure(results[1])
    assert isinstance(failure.error, DecodeError)
    assert failure.origin == f"{path}:2"
    bad_offset = len(first) + bad.index(b"\xe9")
    assert f"byte offset {bad_offset}" in failure.message()


def test_jsonl_round_trip_of_to_dict_does_not_repeat_the_title(tmp_path: Path) -> None:
    original = Document.from_text("Body.", title="Headline", id="x", metadata={"k": "v"})
    path = _write(tmp_path / "docs.jsonl", json.dumps(original.to_dict()) + "\n")
    assert _doc(_only(list(read_inputs([path])))) == original


def test_empty_jsonl_file_is_a_no_inputs_failure(tmp_path: Path) -> None:
    path = _write(tmp_path / "none.jsonl", "\n  \n")
    failure = _failure(_only(list(read_inputs([path]))))
    assert isinstance(failure.error, NoInputsError)
    assert "one JSON object per line" in failure.message()


# --- standard input ---------------------------------------------------------------------


def test_dash_reads_bytes_from_stdin() -> None:
    stdin = io.BytesIO(b"Title\n\nBody from a pipe.")
    doc = _doc(_only(list(read_inputs(["-"], stdin=stdin))))
    assert doc.title == "Title"
    assert doc.text == "Title\n\nBody from a pipe."


def test_dash_accepts_a_text_stream() -> None:
    doc = _doc(_only(list(read_inputs(["-"], stdin=io.StringIO("Plain text.")))))
    assert doc.text == "Plain text."


def test_undecodable_stdin_is_a_decode_failure() -> None:
    failure = _failure(_only(list(read_inputs(["-"], stdin=io.BytesIO(b"ok \xff")))))
    assert isinstance(failure.error, DecodeError)
    assert failure.origin == "<stdin>"
    assert failure.message().startswith("<stdin> is not UTF-8 text")
    assert "byte offset 3" in failure.message()


def test_empty_stdin_is_an_empty_text_failure() -> None:
    failure = _failure(_only(list(read_inputs(["-"], stdin=io.BytesIO(b"  \n")))))
    assert isinstance(failure.error, EmptyTextError)
    assert failure.origin == "<stdin>"


# --- missing paths and order ------------------------------------------------------------


def test_missing_path_does_not_stop_the_others(tmp_path: Path) -> None:
    first = _write(tmp_path / "one.txt", "One.")
    missing = tmp_path / "nope.txt"
    last = _write(tmp_path / "two.txt", "Two.")
    results = list(read_inputs([first, str(missing), "-", last], stdin=io.BytesIO(b"Three.")))
    assert [type(r) for r in results] == [Document, InputFailure, Document, Document]
    failure = _failure(results[1])
    assert type(failure.error) is InputError
    assert failure.message() == (
        f"{missing}: no such file or folder. Check the path (use - to read standard input)."
    )


def test_empty_path_is_a_failure_not_the_current_folder() -> None:
    failure = _failure(_only(list(read_inputs([""]))))
    assert "an empty path was given" in failure.message()


def test_read_file_on_a_folder_is_a_failure(tmp_path: Path) -> None:
    failure = _failure(_only(list(read_file(tmp_path))))
    assert "is a folder" in failure.message()
    assert "read_inputs" in failure.message()


def test_unreadable_file_is_a_permission_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Simulated: chmod does not stop root, and the tests may run as root.
    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    path = _write(tmp_path / "locked.txt", "Secret.")
    monkeypatch.setattr(Path, "read_bytes", refuse)
    failure = _failure(_only(list(read_inputs([path]))))
    assert type(failure.error) is InputError
    assert failure.message().startswith(f"{path} cannot be read: permission denied")
    assert "chmod" in failure.message()


def test_unlistable_folder_is_a_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(path: object) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(os, "scandir", refuse)
    failure = _failure(_only(list(read_inputs([tmp_path]))))
    assert failure.origin == str(tmp_path)
    assert "permission denied" in failure.message()


def test_reading_is_lazy(tmp_path: Path) -> None:
    first = _write(tmp_path / "first.txt", "First.")
    later = tmp_path / "later.txt"
    results = read_inputs([first, later])
    assert _doc(next(results)).id == "first"
    _write(later, "Written after the first was read.")
    assert _doc(next(results)).id == "later"


def test_a_single_path_instead_of_a_list_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match=r"read_inputs\(\[path\]\)"):
        read_inputs(str(tmp_path))  # type: ignore[arg-type]


def test_message_adds_origin_when_the_error_lacks_it() -> None:
    failure = InputFailure("x.jsonl:3", InputError("something\nwent wrong"))
    assert failure.message() == "x.jsonl:3: something went wrong"


def test_a_key_given_twice_with_two_values_is_refused_and_with_one_is_kept(
    tmp_path: Path,
) -> None:
    lines = [
        {"id": "a", "text": "Body.", "outlet": "Outside", "metadata": {"outlet": "Inside"}},
        {"id": "b", "text": "Body.", "outlet": "Same", "metadata": {"outlet": "Same", "k": 1}},
    ]
    path = _write(tmp_path / "m.jsonl", "".join(json.dumps(x) + "\n" for x in lines))
    failure, doc = list(read_inputs([path]))
    assert isinstance(failure, InputFailure) and isinstance(doc, Document)
    assert str(failure.error) == (
        f'{path}:1: "outlet" is given twice, as "Outside" at the top level and as '
        '"Inside" under "metadata". Keep one of them.'
    )
    assert doc.metadata == {"outlet": "Same", "k": 1}


def test_jsonl_takes_a_number_in_a_describing_field_as_its_text(tmp_path: Path) -> None:
    # An epoch "published" once made the whole article a read error; Parquet reads it.
    lines = [
        json.dumps({"id": "a", "text": "Body.", "published": 1764633600, "source": 12345}),
        json.dumps({"id": "b", "text": "Body.", "title": ["a", "list"]}),
        json.dumps({"id": "c", "text": "Body.", "url": True}),
    ]
    path = _write(tmp_path / "n.jsonl", "\n".join(lines) + "\n")
    results = list(read_inputs([path]))
    (doc,) = [r for r in results if isinstance(r, Document)]
    assert (doc.published, doc.source) == ("1764633600", "12345")
    messages = [r.message() for r in results if isinstance(r, InputFailure)]
    assert '"title" must be a string, a number or null, got an array' in messages[0]
    assert '"url" must be a string, a number or null, got a boolean' in messages[1]


def test_a_json_problem_reads_as_words_with_no_dangling_at(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # Python says "Invalid control character at"; with the column after a comma the
    # message read "(Invalid control character at, column 30)".
    path = tmp_path / "c.jsonl"
    path.write_text('{"id": "j1", "text": "Fine."}\n{"id": "j2", "title": "a\tb"}\n')
    failures = [r for r in read_inputs([str(path)]) if isinstance(r, InputFailure)]
    assert len(failures) == 1
    message = failures[0].message()
    assert "a control character inside a string" in message
    assert " at," not in message and " at)" not in message


def test_standard_input_named_twice_is_read_once_and_the_second_says_why() -> None:
    import io

    results = list(read_inputs(["-", "-"], stdin=io.StringIO("The mayor said 20 buses were late.")))
    assert not isinstance(results[0], InputFailure)
    assert isinstance(results[1], InputFailure)
    assert "given more than once" in results[1].message()
    assert "empty" not in results[1].message()


def test_a_long_broken_line_is_quoted_cut_with_one_ellipsis(tmp_path: Path) -> None:
    # "'{"id": ... "untermina'.... Expected": the cut's dots ran into the sentence's stop.
    line = '{"id": "broken1", "title": "Broken line", "text": "unterminated ' + "x" * 200
    path = _write(tmp_path / "broken.jsonl", line + "\n")
    (failure,) = [r for r in read_inputs([path]) if isinstance(r, InputFailure)]
    message = failure.message()
    assert "…'. Expected one JSON object per line" in message
    assert "...." not in message
