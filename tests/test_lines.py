"""Lines that are not prose: the tests of `propscope.lines`, on hand-made lines."""

from __future__ import annotations

import pytest

from propscope.lines import LineTest, capitalised, tabular, tabular_lines


@pytest.mark.parametrize(
    "line",
    [
        "The economy 92 53 43 Trump +10 Employment and jobs 89 52 45 Trump +7",
        "Party 2019 2020 2021 Labour 32% 35% 40% Conservative 44% 41% 33%",
        "1 2 3 4 5 6",
    ],
)
def test_a_table_flattened_into_a_line_is_tabular(line: str) -> None:
    assert tabular(line)


@pytest.mark.parametrize(
    "line",
    [
        "The numbers varied between 1,200 and 12,000, and then between 3 and 4.",
        "Americans chose Trump on the economy (53%), jobs (52%) and terrorism (50%).",
        "He scored 12, 15 and 22 points in the three games of 2015, 2016 and 2017.",
        "Beyond his leads on the economy (+10) and jobs (+7), he leads on taxes (+8).",
        "One row: Education 86 35 61 Clinton +26",  # one run of three: not enough
        "Le pays compte 67 000 000 habitants, dont 3 500 000 chômeurs.",  # spaced groups
        "Call 0800 555 123 or 0161 555 1234 for help.",  # telephone numbers
        "",
    ],
)
def test_prose_with_figures_is_not_tabular(line: str) -> None:
    assert not tabular(line)


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Prefer Clinton 45 50", True),
        ("Bottom Line Analysis", True),
        ("Top Five Election Issues of 2016", True),
        # Title case keeps "but" small too (session 29, a poll's subheading in news).
        ("Trump Leads on Higher-Profile Issues, but by Slimmer Margins", True),
        ("Trump leads, but by slimmer margins", False),
        ("Angela Merkel met Xi Jinping in Berlin.", False),  # a sentence end
        ("Hillary Clinton won", False),  # a verb in lower case
        ("Obama Speaks", True),
        ("Hi Bo", False),  # fewer than two words of four letters
        # A live blog's time after its heading (session 44).
        ("House Asks Court to Enforce McGahn Subpoena (11:41 a.m.)", True),
        ("Court to Hear Appeal on McGahn Testimony (6 a.m.)", True),
        ("Trump Speaks (Updated 3:15 p.m. ET)", True),
        ("Angela Merkel met Xi Jinping (6 a.m.)", False),
    ],
)
def test_a_heading_in_capitals(line: str, expected: bool) -> None:
    assert capitalised(line) is expected


def test_each_line_is_judged_once_and_positions_find_their_line() -> None:
    judged: list[str] = []

    def test(line: str) -> bool:
        judged.append(line)
        return line.startswith("yes")

    text = "yes one\nno two\nyes three"
    lines = LineTest(text, test)
    assert [lines(i) for i in (0, 6, 7, 8, 14, 15, len(text) - 1)] == [
        True,
        True,
        True,  # the newline belongs to the line it ends
        False,
        False,
        True,
        True,
    ]
    assert lines(2) and not lines(10)
    assert judged == ["yes one\n", "no two\n", "yes three"]


def test_a_line_is_judged_sentence_by_sentence() -> None:
    # A one-paragraph article whose last sentences hold a table: its first sentence,
    # and the names in it, are prose.
    text = (
        "Donald Trump leads Hillary Clinton on jobs, please tell me. "
        "Issue 92 53 43 Trump +10 Jobs 89 52 45 Trump +7\nNext line 1 2 3."
    )
    lines = tabular_lines(text)
    assert not lines(text.index("Donald"))
    assert lines(text.index("Issue")) and lines(text.index("Jobs"))
    assert not lines(text.index("Next"))
