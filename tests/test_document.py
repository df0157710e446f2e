from __future__ import annotations

import pytest

from propscope import Document, EmptyTextError
from propscope.document import find_passage, split_title


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


@pytest.mark.parametrize("text", ["One line only.", "One line only.\n", "One line only.\r\n"])
def test_one_line_is_a_body_not_a_title(text: str) -> None:
    doc = Document.from_text(text)
    assert doc.title is None
    assert doc.body.strip() == "One line only."


def test_title_only_text() -> None:
    title, body = split_title("Only a headline\n\n")
    assert title == "Only a headline"
    assert body == ""


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t\n", "\u0000\u0000", "— ! —", "…\n\n–"])
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


def test_a_passage_is_found_where_only_spaces_and_quotation_marks_differ() -> None:
    text = "Title\n\nThey call them \u201cmoderate rebels\u201d and\u00a0bomb them.\nIt's over."
    # Exact first: the offsets are the passage's own.
    assert find_passage(text, "moderate rebels") == (23, 38)
    assert text[23:38] == "moderate rebels"
    # A non-breaking space typed as a space, curly quotes typed straight.
    start, end = find_passage(text, '"moderate rebels" and bomb them.') or (0, 0)
    assert text[start:end] == "\u201cmoderate rebels\u201d and\u00a0bomb them."
    # A line break copied as a space, and a straight apostrophe for a straight one.
    start, end = find_passage(text, "them. It's") or (0, 0)
    assert text[start:end] == "them.\nIt's"
    # Curly for straight, and outer whitespace ignored.
    start, end = find_passage(text, "  It\u2019s over. ") or (0, 0)
    assert text[start:end] == "It's over."


@pytest.mark.parametrize("passage", ["", "   ", "moderate  traitors", "Title Title"])
def test_a_passage_that_is_not_there_is_none(passage: str) -> None:
    assert find_passage("Title\n\nThey call them moderate rebels.", passage) is None


def test_fields_that_are_not_text_are_refused_by_name() -> None:
    with pytest.raises(TypeError, match="title must be str or None, got int"):
        Document.from_text("Body.", title=5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="source must be str or None, got bytes"):
        Document.from_text("Body.", source=b"x")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="metadata must be a dict or None, got str"):
        Document.from_text("Body.", metadata="x")  # type: ignore[arg-type]
    assert Document.from_text("Body.", id=5).id == "5"  # type: ignore[arg-type]


def test_every_line_ending_becomes_a_newline() -> None:
    for ending in ("\r\n", "\r", "\n"):
        doc = Document.from_text(f"Title{ending}{ending}Body one.{ending}Body two.")
        assert doc.title == "Title"
        assert doc.text == "Title\n\nBody one.\nBody two."


def test_nan_and_infinities_in_metadata_become_null_so_outputs_stay_json() -> None:
    import json

    from propscope import Analysis

    nan, inf = float("nan"), float("inf")
    metadata = {"score": nan, "range": [inf, 1.5], "deep": {"low": -inf}, "pair": (nan, 2)}
    doc = Document.from_text("Some words to read here.", metadata=metadata)
    assert doc.metadata == {
        "score": None,
        "range": [None, 1.5],
        "deep": {"low": None},
        "pair": [None, 2],
    }
    text = Analysis(document=doc).to_json()
    assert "NaN" not in text and "Infinity" not in text
    json.loads(text, parse_constant=lambda name: pytest.fail(f"{name} in the JSON"))


def test_metadata_is_made_json_or_refused_where_it_is_given() -> None:
    import datetime

    from propscope import Analysis

    when = datetime.datetime(2026, 12, 2, 9, 30, tzinfo=datetime.UTC)
    metadata = {"day": datetime.date(2026, 12, 2), "when": when, 7: "seven", "tags": ("a",)}
    doc = Document.from_text("Some words to read here.", metadata=metadata)
    assert doc.metadata == {
        "day": "2026-12-02",
        "when": "2026-12-02T09:30:00+00:00",
        "7": "seven",
        "tags": ["a"],
    }
    assert Analysis(document=doc).to_json()  # a date failed here, after the analysis
    with pytest.raises(TypeError, match=r"metadata\['deep'\]\[1\] is a set, which JSON cannot"):
        Document.from_text("Some words.", metadata={"deep": [1, {"x"}]})
    with pytest.raises(TypeError, match=r"has the key \(1, 2\), a tuple"):
        Document.from_text("Some words.", metadata={(1, 2): "pair"})


@pytest.mark.parametrize(
    ("fields", "name"),
    [
        ({"text": "The traitors \ud800 lied."}, "the text"),
        ({"text": "Body text.", "title": "Cut \udc00"}, "the title"),
        ({"text": "Body text.", "source": "\ud83d"}, "the source"),
        ({"text": "Body text.", "metadata": {"by": ["ok", "x\udfff"]}}, "the metadata['by'][1]"),
        ({"text": "Body text.", "metadata": {"\ud800k": 1}}, "the metadata key"),
    ],
)
def test_half_a_character_is_refused_by_name(fields: dict[str, object], name: str) -> None:
    from propscope.errors import InputError

    with pytest.raises(InputError) as raised:
        Document.from_text(**fields)  # type: ignore[arg-type]
    said = str(raised.value)
    assert said.startswith(f"{name} holds an unpaired surrogate (U+")
    assert "text.encode('utf-8', 'replace')" in said


def test_a_leading_byte_order_mark_is_dropped_as_readers_drop_it() -> None:
    doc = Document.from_text("\ufeffReckless council\n\nThe body.")
    assert doc.title == "Reckless council" and doc.text == "Reckless council\n\nThe body."
    titled = Document.from_text("\ufeffThe body.", title="\ufeffReckless")
    assert titled.text == "Reckless\n\nThe body."
    assert Document.from_text("a\ufeffb c").text == "a\ufeffb c"  # only a leading one


def test_metadata_from_tables_keeps_its_numbers_and_text() -> None:
    # Parquet and pandas give decimals, numpy scalars, durations and bytes: made JSON,
    # never a failed article.
    import datetime
    import decimal

    import numpy as np

    metadata = {
        "shares": np.int64(5),
        "ratio": np.float32(1.5),
        "price": decimal.Decimal("2.25"),
        "flags": np.array([1, 2]),
        "read": datetime.timedelta(minutes=3),
        "raw": b"caf\xc3\xa9",
    }
    doc = Document.from_text("Some words to read here.", metadata=metadata)
    assert doc.metadata == {
        "shares": 5,
        "ratio": 1.5,
        "price": 2.25,
        "flags": [1, 2],
        "read": "0:03:00",
        "raw": "café",
    }
    assert type(doc.metadata["shares"]) is int
