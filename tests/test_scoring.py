"""Hand-worked checks of the SemEval-2020 Task 11 scorer and the PTC label formats.

Every expected number is worked out by hand in the comment beside it, from the
definitions in `propscope.scoring` and the ptc-train README:

    SI: P = sum |s∩t|/|s| / |S|,  R = sum |s∩t|/|t| / |T|  (after merging overlaps)
    TC: micro-F1 over gold rows matched by (article, start, end), multiset hits.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from propscope.errors import ScoringFormatError
from propscope.io.ptc import (
    SiRow,
    TcRow,
    format_si_rows,
    format_tc_rows,
    read_si_labels,
    read_tc_labels,
)
from propscope.scoring import merge_overlapping, score_si, score_tc
from propscope.techniques import TECHNIQUE_NAMES

LL = "Loaded_Language"
NC = "Name_Calling,Labeling"
DOUBT = "Doubt"


def si(*rows: tuple[str, int, int]) -> list[SiRow]:
    return [SiRow(a, s, e) for a, s, e in rows]


def tc(*rows: tuple[str, str, int, int]) -> list[TcRow]:
    return [TcRow(a, t, s, e) for a, t, s, e in rows]


def approx(x: float) -> object:
    return pytest.approx(x, abs=1e-12)


# --------------------------------------------------------------------------------------
# merge_overlapping
# --------------------------------------------------------------------------------------


def test_merge_overlapping_joins_overlaps_and_keeps_adjacent_apart() -> None:
    # [0,10) and [5,15) share 5..9 -> [0,15); [20,25) is separate.
    assert merge_overlapping([(5, 15), (20, 25), (0, 10)]) == [(0, 15), (20, 25)]
    # Chain: [0,5)+[3,8) -> [0,8); +[7,12) shares char 7 -> [0,12).
    assert merge_overlapping([(7, 12), (0, 5), (3, 8)]) == [(0, 12)]
    # A span inside another disappears into it.
    assert merge_overlapping([(0, 20), (5, 10)]) == [(0, 20)]
    # [0,5) and [5,10) share no character (as in the official scorer, which
    # merges on a non-empty intersection of character sets): kept apart.
    assert merge_overlapping([(0, 5), (5, 10)]) == [(0, 5), (5, 10)]
    # Empty spans are dropped.
    assert merge_overlapping([(3, 3), (0, 2)]) == [(0, 2)]
    assert merge_overlapping([]) == []


# --------------------------------------------------------------------------------------
# SI
# --------------------------------------------------------------------------------------


def test_si_exact_match() -> None:
    rows = si(("1", 0, 10), ("1", 20, 30), ("2", 5, 9))
    score = score_si(rows, rows)
    # Each s equals its t: every term is 1 -> P = 3/3, R = 3/3, F1 = 1.
    assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0)
    assert (score.predicted, score.gold) == (3, 3)


def test_si_partial_overlap() -> None:
    score = score_si(si(("1", 0, 10)), si(("1", 5, 20)))
    # |s∩t| = |[5,10)| = 5; P = 5/10 = 1/2; R = 5/15 = 1/3;
    # F1 = 2 * 1/2 * 1/3 / (1/2 + 1/3) = (1/3) / (5/6) = 2/5.
    assert score.precision == approx(0.5)
    assert score.recall == approx(1 / 3)
    assert score.f1 == approx(0.4)
    assert score.to_dict() == {
        "precision": 0.5,
        "recall": 0.3333,
        "f1": 0.4,
        "predicted_spans": 1,
        "gold_spans": 1,
    }


def test_si_overlapping_predictions_are_merged() -> None:
    pred = si(("1", 0, 10), ("1", 5, 15))
    # Merged: [0,15) against gold [0,30): P = 15/15 = 1, R = 15/30 = 1/2,
    # F1 = 2 * 1 * 1/2 / (3/2) = 2/3.  (Unmerged would give |S| = 2 and
    # R = (10 + 10)/30 = 2/3, so this tells the two apart.)
    score = score_si(pred, si(("1", 0, 30)))
    assert score.predicted == 1
    assert score.precision == approx(1.0)
    assert score.recall == approx(0.5)
    assert score.f1 == approx(2 / 3)

    # Against gold [0,15): the merged prediction is an exact match.
    score = score_si(pred, si(("1", 0, 15)))
    assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0)


def test_si_overlapping_gold_is_merged() -> None:
    gold = si(("1", 0, 10), ("1", 5, 15))
    # Gold merged to [0,15) -> exact match, |T| = 1.  (Unmerged: P would be
    # (10/15 + 10/15)/1 = 4/3 > 1.)
    score = score_si(si(("1", 0, 15)), gold)
    assert score.gold == 1
    assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0)


def test_si_duplicate_gold_from_two_techniques_counts_once() -> None:
    # The SI view of a TC file repeats a span carrying two techniques; merging
    # makes it one gold span.
    gold = si(("1", 0, 10), ("1", 0, 10))
    score = score_si(si(("1", 0, 10)), gold)
    assert score.gold == 1
    assert (score.precision, score.recall) == (1.0, 1.0)


def test_si_adjacent_predictions_are_not_merged() -> None:
    # [0,5) and [5,10) share no character: |S| = 2.  Gold [0,10):
    # P = (5/5 + 5/5)/2 = 1; R = (5/10 + 5/10)/1 = 1.
    score = score_si(si(("1", 0, 5), ("1", 5, 10)), si(("1", 0, 10)))
    assert score.predicted == 2
    assert score.precision == approx(1.0)
    assert score.recall == approx(1.0)


def test_si_one_prediction_covering_two_gold_spans() -> None:
    # s = [0,30), t1 = [0,10), t2 = [20,30): |s∩t1| = |s∩t2| = 10.
    # P = (10/30 + 10/30)/1 = 2/3; R = (10/10 + 10/10)/2 = 1;
    # F1 = 2 * 2/3 * 1 / (5/3) = 4/5.
    score = score_si(si(("1", 0, 30)), si(("1", 0, 10), ("1", 20, 30)))
    assert score.precision == approx(2 / 3)
    assert score.recall == approx(1.0)
    assert score.f1 == approx(0.8)


def test_si_two_predictions_inside_one_gold_span() -> None:
    # t = [0,20); s1 = [0,5), s2 = [10,20).
    # P = (5/5 + 10/10)/2 = 1; R = (5/20 + 10/20)/1 = 3/4; F1 = 2*1*3/4/(7/4) = 6/7.
    score = score_si(si(("1", 0, 5), ("1", 10, 20)), si(("1", 0, 20)))
    assert score.precision == approx(1.0)
    assert score.recall == approx(0.75)
    assert score.f1 == approx(6 / 7)


def test_si_spans_in_different_articles_never_match() -> None:
    # Same offsets, other article: no pair is compared; P = 0/1, R = 0/1, F1 = 0.
    score = score_si(si(("1", 0, 10)), si(("2", 0, 10)))
    assert (score.precision, score.recall, score.f1) == (0.0, 0.0, 0.0)
    assert (score.predicted, score.gold) == (1, 1)


def test_si_empty_prediction() -> None:
    # |S| = 0 -> P = 0 by definition, R = 0/1 = 0, F1 = 0; no division by zero.
    score = score_si([], si(("1", 0, 10)))
    assert (score.precision, score.recall, score.f1) == (0.0, 0.0, 0.0)
    assert (score.predicted, score.gold) == (0, 1)
    # Both empty: all zero.
    score = score_si([], [])
    assert (score.precision, score.recall, score.f1, score.predicted, score.gold) == (
        0.0,
        0.0,
        0.0,
        0,
        0,
    )


def test_si_empty_gold() -> None:
    # |T| = 0 -> R = 0; P = 0/1 = 0.
    score = score_si(si(("1", 0, 10)), [])
    assert (score.precision, score.recall, score.f1) == (0.0, 0.0, 0.0)


def test_si_article_with_gold_but_no_prediction() -> None:
    # Article 2 has gold and no prediction: it only adds to |T|.
    # P = (10/10)/1 = 1; R = (10/10 + 0)/2 = 1/2; F1 = 2*1*1/2/(3/2) = 2/3.
    score = score_si(si(("1", 0, 10)), si(("1", 0, 10), ("2", 0, 10)))
    assert score.precision == approx(1.0)
    assert score.recall == approx(0.5)
    assert score.f1 == approx(2 / 3)


def test_si_prediction_in_article_without_gold() -> None:
    # Article 3 has no gold: its prediction adds to |S| only.
    # P = (10/10 + 0)/2 = 1/2; R = (10/10)/1 = 1; F1 = 2*1/2*1/(3/2) = 2/3.
    score = score_si(si(("1", 0, 10), ("3", 0, 10)), si(("1", 0, 10)))
    assert score.predicted == 2
    assert score.precision == approx(0.5)
    assert score.recall == approx(1.0)
    assert score.f1 == approx(2 / 3)


def test_si_mixed_articles_by_hand() -> None:
    # Article 1: s = [0,10) vs t = [5,20)  -> p-term 5/10, r-term 5/15.
    # Article 2: s = [0,4), [2,8) merge to [0,8) vs t = [4,8) -> p 4/8, r 4/4.
    # |S| = 2, |T| = 2.  P = (1/2 + 1/2)/2 = 1/2; R = (1/3 + 1)/2 = 2/3;
    # F1 = 2 * 1/2 * 2/3 / (7/6) = (2/3) / (7/6) = 4/7.
    pred = si(("1", 0, 10), ("2", 0, 4), ("2", 2, 8))
    gold = si(("1", 5, 20), ("2", 4, 8))
    score = score_si(pred, gold)
    assert (score.predicted, score.gold) == (2, 2)
    assert score.precision == approx(0.5)
    assert score.recall == approx(2 / 3)
    assert score.f1 == approx(4 / 7)


def test_si_accepts_generators() -> None:
    # The scorer takes iterables, and must not read them twice.
    score = score_si((r for r in si(("1", 0, 10))), (r for r in si(("1", 0, 10))))
    assert score.f1 == 1.0


# --------------------------------------------------------------------------------------
# TC
# --------------------------------------------------------------------------------------


def test_tc_all_right() -> None:
    gold = tc(("1", LL, 0, 10), ("1", DOUBT, 20, 30), ("2", NC, 0, 5))
    score = score_tc(gold, gold)
    # 3 hits out of 3 predicted and 3 gold -> P = R = F1 = 1.
    assert (score.correct, score.predicted, score.gold) == (3, 3, 3)
    assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0)


def test_tc_some_wrong() -> None:
    gold = tc(("1", LL, 0, 10), ("1", DOUBT, 20, 30), ("2", NC, 0, 5), ("2", LL, 9, 12))
    pred = tc(("1", LL, 0, 10), ("1", LL, 20, 30), ("2", NC, 0, 5), ("2", LL, 9, 12))
    score = score_tc(pred, gold)
    # 3 of 4 right: P = 3/4, R = 3/4, F1 = 3/4.
    assert (score.correct, score.predicted, score.gold) == (3, 4, 4)
    assert score.precision == approx(0.75)
    assert score.recall == approx(0.75)
    assert score.f1 == approx(0.75)
    assert score.to_dict()["micro_f1"] == 0.75


def test_tc_two_gold_techniques_both_predicted() -> None:
    gold = tc(("1", LL, 0, 10), ("1", NC, 0, 10))
    score = score_tc(tc(("1", NC, 0, 10), ("1", LL, 0, 10)), gold)
    # {LL, NC} ∩ {LL, NC} = 2 hits; P = 2/2, R = 2/2.
    assert (score.correct, score.predicted, score.gold) == (2, 2, 2)
    assert score.f1 == approx(1.0)


def test_tc_two_gold_techniques_same_one_predicted_twice() -> None:
    gold = tc(("1", LL, 0, 10), ("1", NC, 0, 10))
    score = score_tc(tc(("1", LL, 0, 10), ("1", LL, 0, 10)), gold)
    # Multisets: {LL:2} ∩ {LL:1, NC:1} = {LL:1} -> 1 hit.
    # P = 1/2, R = 1/2, F1 = 1/2.
    assert (score.correct, score.predicted, score.gold) == (1, 2, 2)
    assert score.precision == approx(0.5)
    assert score.recall == approx(0.5)
    assert score.f1 == approx(0.5)


def test_tc_two_gold_techniques_one_predicted() -> None:
    gold = tc(("1", LL, 0, 10), ("1", NC, 0, 10))
    score = score_tc(tc(("1", NC, 0, 10)), gold)
    # {NC} ∩ {LL, NC} = 1 hit; P = 1/1, R = 1/2, F1 = 2*1*1/2/(3/2) = 2/3.
    assert (score.correct, score.predicted, score.gold) == (1, 1, 2)
    assert score.precision == approx(1.0)
    assert score.recall == approx(0.5)
    assert score.f1 == approx(2 / 3)


def test_tc_per_technique() -> None:
    gold = tc(("1", LL, 0, 10), ("1", LL, 20, 30), ("1", DOUBT, 40, 50))
    pred = tc(("1", LL, 0, 10), ("1", DOUBT, 20, 30), ("1", DOUBT, 40, 50))
    score = score_tc(pred, gold)
    # Hits: [0,10) LL and [40,50) Doubt -> 2; micro P = 2/3, R = 2/3, F1 = 2/3.
    assert (score.correct, score.predicted, score.gold) == (2, 3, 3)
    assert score.f1 == approx(2 / 3)
    # LL: 1 hit, 1 predicted, 2 gold -> P = 1, R = 1/2, F1 = 2/3 -> 0.6667.
    assert score.per_technique[LL] == {
        "precision": 1.0,
        "recall": 0.5,
        "f1": 0.6667,
        "gold": 2,
        "predicted": 1,
    }
    # Doubt: 1 hit, 2 predicted, 1 gold -> P = 1/2, R = 1, F1 = 2/3 -> 0.6667.
    assert score.per_technique[DOUBT] == {
        "precision": 0.5,
        "recall": 1.0,
        "f1": 0.6667,
        "gold": 1,
        "predicted": 2,
    }
    # Every technique is listed; the unused ones are all zero.
    assert list(score.per_technique) == list(TECHNIQUE_NAMES)
    assert score.per_technique[NC] == {
        "precision": 0.0,
        "recall": 0.0,
        "f1": 0.0,
        "gold": 0,
        "predicted": 0,
    }


def test_tc_prediction_for_span_not_in_gold() -> None:
    gold = tc(("1", LL, 0, 10))
    # [0,11) is not a gold span (rows match on exact offsets), and article 2
    # [0,10) is another article: both count as predictions, neither hits.
    # P = 1/3, R = 1/1, F1 = 2*1/3*1/(4/3) = 1/2.
    pred = tc(("1", LL, 0, 10), ("1", LL, 0, 11), ("2", LL, 0, 10))
    score = score_tc(pred, gold)
    assert (score.correct, score.predicted, score.gold) == (1, 3, 1)
    assert score.precision == approx(1 / 3)
    assert score.recall == approx(1.0)
    assert score.f1 == approx(0.5)
    # LL per technique: 1 hit / 3 predicted, 1 gold.
    assert score.per_technique[LL]["precision"] == 0.3333
    assert score.per_technique[LL]["recall"] == 1.0


def test_tc_empty_prediction() -> None:
    score = score_tc([], tc(("1", LL, 0, 10)))
    # Nothing predicted: P = 0 (by definition), R = 0/1, F1 = 0.
    assert (score.precision, score.recall, score.f1) == (0.0, 0.0, 0.0)
    assert (score.correct, score.predicted, score.gold) == (0, 0, 1)


# --------------------------------------------------------------------------------------
# Label files
# --------------------------------------------------------------------------------------


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def test_read_si_labels(tmp_path: Path) -> None:
    path = write(tmp_path, "si.labels", "111\t0\t10\n111\t5\t6\n222\t3\t8\n")
    assert read_si_labels(path) == si(("111", 0, 10), ("111", 5, 6), ("222", 3, 8))


def test_read_si_labels_accepts_tc_file(tmp_path: Path) -> None:
    # The technique column (here with commas in the name) is ignored.
    path = write(tmp_path, "tc.labels", f"111\t{NC}\t0\t10\n111\t{LL}\t0\t10\n")
    assert read_si_labels(path) == si(("111", 0, 10), ("111", 0, 10))


def test_blank_lines_are_skipped(tmp_path: Path) -> None:
    # Empty lines, whitespace-only lines and CRLF endings.
    path = write(tmp_path, "si.labels", "\n1\t0\t10\r\n   \n\t\n1\t20\t30\n\n")
    assert read_si_labels(path) == si(("1", 0, 10), ("1", 20, 30))
    path = write(tmp_path, "tc.labels", f"\n1\t{LL}\t0\t10\n\n \n")
    assert read_tc_labels(path) == tc(("1", LL, 0, 10))


@pytest.mark.parametrize(
    "text, bad_line",
    [
        ("1\t0\t10\n1\t5\n", 2),  # two fields
        ("1\t0\t10\n\n1\tLoaded_Language\t0\t10\textra\n", 3),  # five fields; blank line counts
        ("1 0 10\n", 1),  # spaces, not tabs: one field
    ],
)
def test_si_wrong_field_count(tmp_path: Path, text: str, bad_line: int) -> None:
    path = write(tmp_path, "si.labels", text)
    with pytest.raises(ScoringFormatError, match="tab-separated") as info:
        read_si_labels(path)
    assert f"{path}:{bad_line}:" in str(info.value)


def test_tc_wrong_field_count(tmp_path: Path) -> None:
    path = write(tmp_path, "tc.labels", f"1\t{LL}\t0\t10\n1\t0\t10\n")
    with pytest.raises(ScoringFormatError, match="tab-separated") as info:
        read_tc_labels(path)
    assert f"{path}:2:" in str(info.value)


@pytest.mark.parametrize("start, end", [("x", "10"), ("0", "1.5"), ("", "3"), ("0", "ten")])
def test_non_integer_offsets(tmp_path: Path, start: str, end: str) -> None:
    path = write(tmp_path, "si.labels", f"1\t0\t1\n1\t{start}\t{end}\n")
    with pytest.raises(ScoringFormatError, match="whole numbers") as info:
        read_si_labels(path)
    assert f"{path}:2:" in str(info.value)
    path = write(tmp_path, "tc.labels", f"1\t{LL}\t{start}\t{end}\n")
    with pytest.raises(ScoringFormatError, match="whole numbers") as info:
        read_tc_labels(path)
    assert f"{path}:1:" in str(info.value)


@pytest.mark.parametrize("start, end", [(10, 5), (-1, 5), (5, 5)])  # 5-5 holds nothing
def test_bad_offset_order(tmp_path: Path, start: int, end: int) -> None:
    path = write(tmp_path, "si.labels", f"1\t0\t1\n\n1\t{start}\t{end}\n")
    with pytest.raises(ScoringFormatError, match="start < end") as info:
        read_si_labels(path)
    assert f"{path}:3:" in str(info.value)
    path = write(tmp_path, "tc.labels", f"1\t{LL}\t{start}\t{end}\n")
    with pytest.raises(ScoringFormatError, match="start < end") as info:
        read_tc_labels(path)
    assert f"{path}:1:" in str(info.value)


def test_an_extra_column_or_a_trailing_tab_is_named(tmp_path: Path) -> None:
    # "1 0 10 30" once read as the span 10-30: four fields are a TC row only with a
    # technique second.
    path = write(tmp_path, "si.labels", "1\t0\t10\t30\n")
    with pytest.raises(ScoringFormatError, match="remove the extra column") as info:
        read_si_labels(path)
    assert f"{path}:1:" in str(info.value)
    path = write(tmp_path, "si.labels", "1\t0\t10\n1\t0\t10\t\n")
    with pytest.raises(ScoringFormatError, match="ends with a tab") as info:
        read_si_labels(path)
    assert f"{path}:2:" in str(info.value)


def test_a_file_that_is_not_utf8_is_named(tmp_path: Path) -> None:
    path = tmp_path / "latin.labels"
    path.write_bytes("1\tcaf\u00e9\t0\t4\n".encode("latin-1"))
    for read in (read_si_labels, read_tc_labels):
        with pytest.raises(ScoringFormatError, match="not UTF-8") as info:
            read(path)
        assert str(path) in str(info.value)


def test_tc_spans_mismatch_names_what_is_missing_and_extra() -> None:
    from propscope.scoring import tc_spans_mismatch

    gold = tc(("A", DOUBT, 0, 10), ("A", LL, 20, 30), ("A", NC, 20, 30), ("B", LL, 5, 9))
    answer = tc(("B", NC, 5, 9), ("A", LL, 20, 30), ("A", LL, 20, 30), ("A", LL, 0, 10))
    assert tc_spans_mismatch(answer, gold) is None  # any order, any techniques
    short = tc_spans_mismatch(answer[:3], gold)
    assert short is not None and "3 rows against 4" in short and "'A' 0-10" in short
    shifted = tc_spans_mismatch([*answer[:3], TcRow("A", LL, 0, 11)], gold)
    assert shifted is not None
    assert "1 missing (first: 'A' 0-10)" in shifted
    assert "1 not in the gold (first: 'A' 0-11)" in shifted
    doubled = tc_spans_mismatch([*answer, answer[0]], gold)
    assert doubled is not None and "1 not in the gold (first: 'B' 5-9)" in doubled


def test_unknown_technique(tmp_path: Path) -> None:
    path = write(tmp_path, "tc.labels", f"1\t{LL}\t0\t10\n1\tloaded_language\t0\t10\n")
    with pytest.raises(ScoringFormatError, match="unknown technique") as info:
        read_tc_labels(path)
    assert f"{path}:2:" in str(info.value)
    # A template may carry "?" when techniques are not required.
    path = write(tmp_path, "template.labels", "1\t?\t0\t10\n")
    assert read_tc_labels(path, require_technique=False) == tc(("1", "?", 0, 10))


def test_all_technique_names_are_accepted(tmp_path: Path) -> None:
    text = "".join(f"1\t{name}\t{i}\t{i + 1}\n" for i, name in enumerate(TECHNIQUE_NAMES))
    rows = read_tc_labels(write(tmp_path, "tc.labels", text))
    assert [r.technique for r in rows] == list(TECHNIQUE_NAMES)


def test_format_rows_round_trip(tmp_path: Path) -> None:
    si_rows = si(("111", 0, 10), ("111", 4, 5), ("abc", 7, 30))
    text = format_si_rows(si_rows)
    assert text == "111\t0\t10\n111\t4\t5\nabc\t7\t30\n"
    assert read_si_labels(write(tmp_path, "si.labels", text)) == si_rows

    tc_rows = tc(("111", NC, 0, 10), ("111", LL, 0, 10), ("9", DOUBT, 3, 8))
    text = format_tc_rows(tc_rows)
    assert text.splitlines()[0] == f"111\t{NC}\t0\t10"
    assert read_tc_labels(write(tmp_path, "tc.labels", text)) == tc_rows
    # The TC file is also a valid SI file.
    assert read_si_labels(tmp_path / "tc.labels") == si(("111", 0, 10), ("111", 0, 10), ("9", 3, 8))
    assert format_si_rows([]) == "" and format_tc_rows([]) == ""
