from __future__ import annotations

import pytest

from propscope import Document, EmptyTextError
from propscope.document import split_title


def test_ptc_rule_takes_first_line_as_title_when_an_empty_line_follows() -> None:
    doc = Document.from_text("The headline\n\nFirst sentence.\nSecond sentence.\n")
    assert doc.title == "The headline"
    assert doc.body == "First sentence.\nSecond sentence.\n"
    assert doc.text[doc.body_start :] == doc.body


def test_no_title_without_the_empty_line() -> None:
    doc = Document.from_text("Line one\nLine two\n")
    assert doc.title is None
    assert doc.body_start == 0
    assert doc.body == doc.text


def test_explicit_title_is_prepended_like_a_ptc_file() -> None:
    doc = Document.from_text("Body here.", title="  A   title ")
    assert doc.text == "A title\n\nBody here."
    assert doc.title == "A title"
    assert doc.text[doc.body_start :] == "Body here."


def test_title_only_text() -> None:
    title, body = split_title("Only a headline\n\n")
    assert title == "Only a headline"
    assert body == ""


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t\n"])
def test_empty_text_is_refused_with_a_fix(text: str) -> None:
    with pytest.raises(EmptyTextError, match="nothing to analyze"):
        Document.from_text(text, origin="my.txt")


def test_crlf_is_normalised_so_offsets_match_the_text() -> None:
    doc = Document.from_text("Title\r\n\r\nBody.\r\n")
    assert doc.text == "Title\n\nBody.\n"
    assert doc.title == "Title"


def test_id_is_stable_content_hash_when_not_given() -> None:
    a = Document.from_text("Same text")
    b = Document.from_text("Same text")
    c = Document.from_text("Other text")
    assert a.id == b.id != c.id


def test_round_trip_through_dict() -> None:
    doc = Document.from_text("T\n\nB", id="x1", source="Outlet", metadata={"k": 1})
    assert Document.from_dict(doc.to_dict()) == doc
