"""The PolNeAR brat reader: spans, relations, and every failure path it claims to handle."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from propscope.errors import InputError, NoInputsError
from propscope.io.brat import parse_ann, read_ann, read_polnear

TEXT = (
    "The New York Post reports that the team avoided the hospital.\n\n"
    '"It was a mistake," he said. "We will fix it."'
)


def _offsets(fragment: str, *, after: int = 0) -> tuple[int, int]:
    start = TEXT.index(fragment, after)
    return start, start + len(fragment)


def _t(number: int, label: str, *fragments: str) -> str:
    spans = [_offsets(f) for f in fragments]
    offsets = ";".join(f"{s} {e}" for s, e in spans)
    return f"T{number}\t{label} {offsets}\t{' '.join(fragments)}"


ANN = "\n".join(
    [
        _t(1, "Source", "The New York Post"),
        _t(2, "Cue", "reports"),
        _t(3, "Content", "that the team avoided the hospital"),
        _t(4, "Attribution", "reports"),
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        _t(5, "Source", "he"),
        _t(6, "Cue", "said"),
        _t(7, "Content", '"It was a mistake,"', '"We will fix it."'),
        _t(8, "Attribution", "said"),
        "E2\tAttribution:T8 Source:T5 Cue:T6 Content:T7",
        _t(9, "Cue", "avoided"),
        _t(10, "Content", "the hospital"),
        _t(11, "Attribution-no-source", "avoided"),
        "E3\tAttribution-no-source:T11 Content:T10 Cue:T9",
        _t(12, "Discuss", "mistake"),
        "#1\tAnnotatorNotes T12\tnot sure",
    ]
)


def test_relations_with_their_spans() -> None:
    relations = parse_ann(ANN, TEXT)
    assert [r.id for r in relations] == ["E1", "E2", "E3"]
    first = relations[0]
    assert first.label == "Attribution"
    assert first.source is not None and first.source.text == "The New York Post"
    assert first.cue is not None and first.cue.text == "reports"
    assert first.content is not None
    assert TEXT[first.content.start : first.content.end] == "that the team avoided the hospital"


def test_discontinuous_content_keeps_its_fragments() -> None:
    quote = parse_ann(ANN, TEXT)[1].content
    assert quote is not None
    assert [TEXT[s:e] for s, e in quote.fragments] == ['"It was a mistake,"', '"We will fix it."']
    assert quote.start == TEXT.index('"It was')
    assert quote.end == len(TEXT)


def test_relation_without_source() -> None:
    relation = parse_ann(ANN, TEXT)[2]
    assert relation.label == "Attribution-no-source"
    assert relation.source is None
    assert relation.cue is not None and relation.cue.text == "avoided"


def test_second_content_joins_the_first() -> None:
    ann = "\n".join(
        [
            _t(1, "Source", "he"),
            _t(2, "Cue", "said"),
            _t(3, "Content", '"It was a mistake,"'),
            _t(4, "Content", '"We will fix it."'),
            _t(5, "Attribution", "said"),
            "E1\tAttribution:T5 Source:T1 Cue:T2 Content:T3 Content2:T4",
        ]
    )
    content = parse_ann(ann, TEXT)[0].content
    assert content is not None
    assert [TEXT[s:e] for s, e in content.fragments] == ['"It was a mistake,"', '"We will fix it."']


def test_span_text_with_a_line_break_continues_on_the_next_line() -> None:
    start, _ = _offsets("hospital.")
    end = TEXT.index('"It')
    ann = f'T1\tContent {start} {end + 3}\thospital.\n\n"It\nE1\tAttribution:T1 Content:T1'
    relation = parse_ann(ann, TEXT)[0]
    assert relation.content is not None
    assert relation.content.text == 'hospital.\n\n"It'


def test_span_that_does_not_match_the_text_is_an_error() -> None:
    start, end = _offsets("reports")
    with pytest.raises(InputError, match="paired with the right text"):
        parse_ann(f"T1\tCue {start} {end}\tclaims", TEXT)
    with pytest.raises(InputError, match="past the text"):
        parse_ann(f"T1\tCue {len(TEXT)} {len(TEXT) + 4}\tnope", TEXT)
    with pytest.raises(InputError, match="offsets"):
        parse_ann("T1\tCue twelve 14\treports", TEXT)


def test_stale_copy_after_the_first_fragment_warns_and_keeps_offsets() -> None:
    (s1, e1), (s2, e2) = _offsets('"It was a mistake,"'), _offsets('"We will fix it."')
    ann = f'T1\tContent {s1} {e1};{s2} {e2}\t"It was a mistake," something else'
    ann += "\nE1\tAttribution:T1 Content:T1"
    with pytest.warns(UserWarning, match="keeping the offsets"):
        relation = parse_ann(ann, TEXT)[0]
    assert relation.content is not None
    assert relation.content.fragments == ((s1, e1), (s2, e2))


def test_event_pointing_nowhere_is_an_error() -> None:
    with pytest.raises(InputError, match="never defined"):
        parse_ann("E1\tAttribution:T9 Cue:T8", TEXT)


def _split(tmp_path: Path) -> Path:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "story.txt").write_text(TEXT, encoding="utf-8")
    for annotator in ("bbbb", "aaaa"):
        (tmp_path / "attributions" / f"story_{annotator}.ann").write_text(ANN, encoding="utf-8")
    return tmp_path


def test_split_first_or_all_annotators(tmp_path: Path) -> None:
    split = _split(tmp_path)
    first = list(read_polnear(split))
    assert [(d.name, d.annotator) for d in first] == [("story", "aaaa")]
    assert len(first[0].attributions) == 3
    every = list(read_polnear(split, annotators="all"))
    assert [d.annotator for d in every] == ["aaaa", "bbbb"]


def test_folder_that_is_not_a_split(tmp_path: Path) -> None:
    with pytest.raises(NoInputsError, match="text/ and attributions/"):
        list(read_polnear(tmp_path))
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    with pytest.raises(NoInputsError, match=re.escape("no '<name>_<annotator>.ann'")):
        list(read_polnear(tmp_path))
    (tmp_path / "attributions" / "lost_aaaa.ann").write_text(ANN, encoding="utf-8")
    with pytest.raises(InputError, match=re.escape("lost.txt is missing")):
        list(read_polnear(tmp_path))


@pytest.mark.data
def test_a_dev_file_reads_and_its_spans_match_the_text(polnear_dev: Path) -> None:
    name = "breitbart_2016-09-12_stealth-over-health-hillary-clin"
    text = (polnear_dev / "text" / f"{name}.txt").read_text(encoding="utf-8")
    relations = read_ann(polnear_dev / "attributions" / f"{name}_ef2d.ann", text)
    assert len(relations) == 6
    first = relations[0]
    assert first.source is not None and first.cue is not None and first.content is not None
    assert (first.source.text, first.cue.text) == ("The New York Post", "reports")
    assert first.content.text.startswith("that Hillary Clinton")
    for relation in relations:
        for span in (relation.source, relation.cue, relation.content):
            if span is not None:
                got = " ".join(text[s:e] for s, e in span.fragments)
                assert " ".join(got.split()) == " ".join(span.text.split())
