"""The figures layer: formats, what is skipped, what is counted, and conflicts."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from propscope import Analysis, Analyzer, Document
from propscope.analysis import Figure, FigureConflict, read_figures
from propscope.components.figures import FigureFinder, find_conflicts, find_figures
from propscope.pipeline import DEFAULT_COMPONENTS, registered_components

# The one sentence of the example article (../shared/examples/000_3151d3f6a24649c0.txt)
# that gives a range for a quantity named earlier in the sentence.
EXAMPLE_SENTENCE = (
    "There is wide discrepancy about the number of Jihadis involved, with the numbers "
    "given varying between 1,200 and 12,000."
)


def only_figure(sentence: str) -> Figure:
    figures = find_figures(sentence)
    assert len(figures) == 1, [f.text for f in figures]
    return figures[0]


def summary_of(figure: Figure) -> tuple[str, float | None, float, float, str | None, str | None]:
    return (figure.text, figure.value, figure.low, figure.high, figure.counts, figure.qualifier)


# --- formats ----------------------------------------------------------------------------

# (sentence, figure text, value, counts, qualifier): single figures, low == value == high
SINGLE_FIGURES = [
    # digits, scales, currency, per cent, decimals, units
    ("Officials counted 1,200 people.", "1,200", 1200, "people", None),
    ("The army sent 12,000 troops.", "12,000", 12000, "troops", None),
    ("The city has 1.5 million residents.", "1.5 million", 1_500_000, "residents", None),
    ("They recruited 12 thousand fighters.", "12 thousand", 12000, "fighters", None),
    ("Washington gave $3 million in aid.", "$3 million", 3_000_000, "dollars", None),
    ("The deal is worth $2bn.", "$2bn", 2_000_000_000, "dollars", None),
    ("The bridge cost £3m to build.", "£3m", 3_000_000, "pounds", None),
    ("Turnout was 45% this year.", "45%", 45, "per cent", None),
    ("Turnout was 45 per cent this year.", "45 per cent", 45, "per cent", None),
    ("Turnout was 45 percent this year.", "45 percent", 45, "per cent", None),
    # What a per cent is a share of (session 38: "81 percent" of Germans read "per cent").
    ("Some 81 percent of Germans agree.", "Some 81 percent", 81, "per cent of germans", "about"),
    ("He won 64.4 percent of the vote.", "64.4 percent", 64.4, "per cent of the vote", None),
    ("The rebels fired 3.5 tonnes of shells.", "3.5", 3.5, "tonnes", None),
    ("They used 122 mm artillery.", "122", 122, "mm", None),
    # Units glued to the number (session 42: "50g of heroin" was no figure at all).
    ("Police found 50g of heroin.", "50g", 50, "g", None),
    ("The lorry carried 30t of sand.", "30t", 30, "t", None),
    ("The wind farm makes 50MW at most.", "50MW", 50, "mw", None),
    ("The estate covers 40ha of forest.", "40ha", 40, "ha", None),
    ("He drove at 90mph through town.", "90mph", 90, "mph", None),
    ("She ran the 100m in record time.", "100m", 100, "m", None),
    ("The wall is 10m high.", "10m", 10, "m", None),
    ("She won the 110m hurdles.", "110m", 110, "m", None),
    ("They finished a 5k race.", "5k", 5, "km", None),
    # Without a currency, a glued "k" is a thousand, and an "m" a million before a plural
    # noun or a unit (session 58: "8.4m hectares" was 8.4 counting "m", "235k" 235 "k").
    ("The fires burned 8.4m hectares.", "8.4m", 8_400_000, "hectares", None),
    ("The almond takes 35m lb a year.", "35m", 35_000_000, "lb", None),
    ("Beekeepers kept 2.7m colonies.", "2.7m", 2_700_000, "colonies", None),
    ("The page has 235k followers.", "235k", 235_000, "followers", None),
    ("He earns 40k a year.", "40k", 40_000, None, None),
    # A measure of two words (session 58: "65,000 sq ft" counted "sq").
    ("Police were called to the 65,000 sq ft hall.", "65,000", 65_000, "sq ft", None),
    ("The fire burned 300 sq km of forest.", "300", 300, "sq km", None),
    ("They pumped 10 cubic metres of water.", "10", 10, "cubic metres", None),
    # A name's "s" in mid-phrase is no plural (session 38, news-unlabeled).
    ("Jurors convicted three Minneapolis men.", "three", 3, "minneapolis men", None),
    ("They hired 20 Texas teachers.", "20", 20, "texas teachers", None),
    # numbers in words
    ("Twelve soldiers died.", "Twelve", 12, "soldiers", None),
    ("They held twenty-five journalists.", "twenty-five", 25, "journalists", None),
    ("They freed three hundred prisoners.", "three hundred", 300, "prisoners", None),
    ("We met two thousand refugees.", "two thousand", 2000, "refugees", None),
    ("They lost a dozen tanks.", "a dozen", 12, "tanks", None),
    ("It took three hundred and fifty men.", "three hundred and fifty", 350, "men", None),
    # qualifiers: part of the span
    ("They saw about 500 people.", "about 500", 500, "people", "about"),
    ("They saw around 500 people.", "around 500", 500, "people", "about"),
    ("They saw roughly 500 people.", "roughly 500", 500, "people", "about"),
    ("They saw nearly 500 people.", "nearly 500", 500, "people", "about"),
    ("They saw some 500 people.", "some 500", 500, "people", "about"),
    ("They destroyed more than 300 tanks.", "more than 300", 300, "tanks", "more than"),
    ("They destroyed over 300 tanks.", "over 300", 300, "tanks", "more than"),
    ("They kept less than 50 tanks.", "less than 50", 50, "tanks", "less than"),
    ("They kept fewer than 50 tanks.", "fewer than 50", 50, "tanks", "less than"),
    ("They kept under 50 tanks.", "under 50", 50, "tanks", "less than"),
    ("The raid killed at least 7 civilians.", "at least 7", 7, "civilians", "at least"),
    ("The convoy had up to 40 buses.", "up to 40", 40, "buses", "up to"),
]


@pytest.mark.parametrize(
    ("sentence", "text", "value", "counts", "qualifier"),
    SINGLE_FIGURES,
    ids=[row[0] for row in SINGLE_FIGURES],
)
def test_each_single_figure_format_gives_its_exact_value(
    sentence: str, text: str, value: float, counts: str, qualifier: str | None
) -> None:
    figure = only_figure(sentence)
    assert summary_of(figure) == (text, value, value, value, counts, qualifier)
    assert sentence[figure.start : figure.end] == text


# (sentence, figure text, low, high, counts, qualifier): no single value
BOUNDED_FIGURES = [
    ("Hundreds of people fled.", "Hundreds", 200, 1000, "people", "about"),
    ("Tens of thousands fled.", "Tens of thousands", 2e4, 1e5, None, "about"),
    (
        "They saw between 1,200 and 12,000 men.",
        "between 1,200 and 12,000",
        1200,
        12e3,
        "men",
        "range",
    ),
    ("They fired from 10 to 20 rockets.", "from 10 to 20", 10, 20, "rockets", "range"),
    ("They fired 10-20 rockets.", "10-20", 10, 20, "rockets", "range"),
    ("They fired 10 to 20 rockets.", "10 to 20", 10, 20, "rockets", "range"),
    ("They fired two or three rockets.", "two or three", 2, 3, "rockets", "range"),
    ("It had between 1.5 and 2 million.", "between 1.5 and 2 million", 1.5e6, 2e6, None, "range"),
    ("Support stood at 10-20%.", "10-20%", 10, 20, "per cent", "range"),
]


@pytest.mark.parametrize(
    ("sentence", "text", "low", "high", "counts", "qualifier"),
    BOUNDED_FIGURES,
    ids=[row[0] for row in BOUNDED_FIGURES],
)
def test_ranges_and_vague_quantities_give_bounds_and_no_value(
    sentence: str, text: str, low: float, high: float, counts: str | None, qualifier: str
) -> None:
    figure = only_figure(sentence)
    assert summary_of(figure) == (text, None, low, high, counts, qualifier)
    assert sentence[figure.start : figure.end] == text


NOT_FIGURES = [
    "In 2016 the war went on.",
    "Nothing has changed since 1999.",
    "It must end by 2020.",
    "The 2016 election was close.",
    "They fought from 1999 to 2005.",
    "It was the 2015-16 season.",
    "They met on August 5.",
    "They left on 5 August.",
    "It rained in August 2016.",
    "It rained on August 5, 2016.",
    "They attacked at 5 pm.",
    "The meeting started at 10:30.",
    "He came 3rd.",
    "He came first.",
    "The battle of Mosul 2 began.",
    "The G7 met.",
    "Covid-19 spread.",
    "Their F-16s flew.",
    "Resolution 2254 passed.",
    "The Big Three met.",
    "One of them left.",
    "It is a 10-year plan.",
    # The same compounds without their hyphens (session 52, news-unlabeled).
    "It is a 10 year plan.",
    "The five year plan failed.",
    "A 37 foot wall surrounds it.",
    "Tatis is a 17 year old infielder.",
    "It was a 3-1 win.",
    "Two-thirds agreed.",
    "He quoted page 5.",
    # Seen as figures in real news (session 23's audit):
    "Samuel Mitchell, 27, who is now a sub-lieutenant, was heard.",  # ages
    "The accused is Sam Zokaei, 42.",
    "The man, aged 27, was held.",
    "Films to watch:\n14. Black Panther\n15) Thor",  # items of a list
    "The advisory[4] was published.",  # a reference
    "Call 201-223-1133 or 1-877-927-6337 today.",  # telephone numbers
    # A legal code's references (session 29, news-unlabeled).
    "It was based on title 18, §§ 234, 235 and ch. 321.",
    "Section consolidates sections 234 and 235 of the code.",
    # Addresses and scripture (session 30, news-unlabeled).
    "Groundwater remediation continues at 800 Monroe Street.",
    "The 800 Monroe Street project was stopped.",
    "She left 10 Downing St. at noon.",
    "Read 1 Peter 1:13-15 and 2 Timothy 3:1-5 aloud.",
    "Please call 1-877-WARNDEP or 1-800-FLOWERS.",  # telephone numbers in letters
    "The game ID is “GAFE” and the 01 refers to the maker.",  # a code
    "Agent 007 returned.",
    # Years before 1900 (session 36, news-unlabeled).
    "Macarthur arrived in the Colony in 1806.",
    "By 1750 the town had doubled.",
    "The war of 1812 ended in a draw.",
    # A year after "a": one thing is no count of 1998 (session 38, news-unlabeled).
    "But a 1998 Senate hearing sheds additional light.",
    # A paper's DOI (session 35, news-unlabeled).
    "DOI: 10.1001/jamapsychiatry.2016.0637",
    "See doi:10.1038/nature12373 for the data.",
]


def test_a_doi_hides_no_figure_beside_it() -> None:
    sentence = "The study (doi:10.1038/nature12373) followed 10.5 percent of 1,037 people."
    assert [f.text for f in find_figures(sentence)] == ["10.5 percent", "1,037"]


@pytest.mark.parametrize("sentence", NOT_FIGURES)
def test_years_dates_times_ordinals_and_names_are_not_figures(sentence: str) -> None:
    assert find_figures(sentence) == []


# --- what is counted ----------------------------------------------------------------------


def test_counts_is_the_noun_phrase_after_each_figure() -> None:
    sentence = "They are supported by 20 tanks and 15 armoured personnel carriers."
    assert [(f.text, f.counts) for f in find_figures(sentence)] == [
        ("20", "tanks"),
        ("15", "armoured personnel carriers"),
    ]


def test_the_example_sentence_gives_one_range_of_jihadis() -> None:
    figure = only_figure(EXAMPLE_SENTENCE)
    assert summary_of(figure) == ("between 1,200 and 12,000", None, 1200, 12000, "jihadis", "range")


@pytest.mark.parametrize(
    ("sentence", "counts"),
    [
        ("Casualties numbered 300.", "casualties"),
        ("The death toll was 300.", "death toll"),
        ("Estimates of the dead reached 300.", None),  # "the dead" is no noun phrase here
        ("The raid left at least 7 dead.", "dead"),
        # "of the prisoners" is no "number of"; what was done to them is said after
        ("Of the prisoners, 20 were released.", "released"),
    ],
)
def test_counts_looks_back_when_no_noun_follows(sentence: str, counts: str | None) -> None:
    assert only_figure(sentence).counts == counts


def test_a_street_that_names_what_is_counted_keeps_the_figure() -> None:
    found = find_figures("Police closed 5 Main Street shops and 30 Jersey City schools.")
    assert [(f.text, f.counts) for f in found] == [
        ("5", "main street shops"),
        ("30", "jersey city schools"),
    ]


def test_a_possessive_before_a_figure_is_no_name() -> None:
    assert [(f.text, f.counts) for f in find_figures("He saw Russia's 20 tanks.")] == [
        ("20", "tanks")
    ]


def test_a_title_case_headline_still_has_figures() -> None:
    assert [(f.text, f.counts) for f in find_figures("Russia Sends 20 Tanks To Syria")] == [
        ("20", "tanks")
    ]


def test_the_bare_cells_of_a_flattened_table_are_no_figures() -> None:
    # A poll's table pasted as one line: "92 53 43" count nothing the line still says,
    # and "+18 Taxes" is a cell and the next row's label. Cells with a marker of their
    # own stay, and so do the figures of the prose around the table.
    text = (
        "Trump leads on 8 issues and Clinton on 9 issues.\n"
        "Issue Trump Clinton The economy 92 53 43 Trump +10 Deficit 78 57 39 Trump +18 "
        "Taxes 71 52% 44% Trump +8\n"
        "Trump leads by 10 points on the economy."
    )
    assert [(f.text, f.counts) for f in find_figures(text)] == [
        ("8", "issues"),
        ("9", "issues"),
        ("52%", "per cent"),
        ("44%", "per cent"),
        ("10", "points"),
    ]


def test_a_change_is_two_figures_not_a_range() -> None:
    text = "The number of deaths rose from 10 to 40 this year."
    figures = find_figures(text)
    assert [(f.text, f.value, f.qualifier, f.counts) for f in figures] == [
        ("10", 10, None, "deaths"),
        ("40", 40, None, "deaths"),
    ]
    assert find_conflicts(text, figures) == []
    percent = find_figures("Prices increased from 10 to 20 per cent.")
    assert [f.counts for f in percent] == ["per cent", "per cent"]


# --- conflicts ----------------------------------------------------------------------------


def conflicts_in(text: str) -> list[FigureConflict]:
    return find_conflicts(text, find_figures(text))


def test_a_range_spanning_a_factor_of_two_or_more_is_flagged() -> None:
    assert conflicts_in(EXAMPLE_SENTENCE) == [
        FigureConflict((0,), 10.0, "1,200 to 12,000 jihadis: a tenfold spread")
    ]
    [twofold] = conflicts_in("They fired 10-20 rockets.")
    assert (twofold.ratio, twofold.note) == (2.0, "10 to 20 rockets: a twofold spread")


def test_a_narrow_range_is_not_flagged() -> None:
    assert conflicts_in("They had 10-12 tanks.") == []
    assert conflicts_in("They had between 10 and 12 tanks.") == []


def test_two_figures_for_the_same_thing_far_apart_are_flagged() -> None:
    text = "The rebels had 40 tanks. Later reports said 400 tanks."
    [conflict] = conflicts_in(text)
    assert conflict.figures == (0, 1)
    assert conflict.ratio == 10.0
    assert conflict.note == "figures for tanks disagree (40; 400): a tenfold spread"


def test_counts_are_compared_singular() -> None:
    text = "10 tank, 50 tanks, 20 casualty, 200 casualties"

    def figure(number: str, counts: str) -> Figure:
        start = text.index(number + " ")
        value = float(number)
        return Figure(start, start + len(number), value, value, value, counts, text=number)

    figures = [
        figure("10", "tank"),
        figure("50", "tanks"),
        figure("20", "casualty"),
        figure("200", "casualties"),
    ]
    assert [(c.figures, c.ratio) for c in find_conflicts(text, figures)] == [
        ((0, 1), 5.0),
        ((2, 3), 10.0),
    ]


def test_small_counts_and_figures_worlds_apart_are_not_compared() -> None:
    assert conflicts_in("Two people spoke. Later five people came.") == []
    assert conflicts_in("Eight people died in a city of 12 million people.") == []
    assert conflicts_in("They fired 2-20 rockets.") != []  # a range is one quantity


def test_different_counts_are_never_compared() -> None:
    assert conflicts_in("They had 40 tanks and 400 soldiers.") == []
    assert conflicts_in("About 40 came; later 400 soldiers came.") == []  # no counts: never


def test_close_figures_are_not_flagged() -> None:
    assert conflicts_in("Police said 500 people came; organisers said 900 people.") == []


def test_an_open_bound_does_not_contradict_a_figure_beyond_it() -> None:
    assert conflicts_in("More than 300 protesters came. Police said 1,000 protesters came.") == []
    [conflict] = conflicts_in("More than 300 protesters came. Police said 100 protesters came.")
    assert conflict.ratio == 3.0


@pytest.mark.parametrize(
    "text",
    [
        # Each was flagged as the article contradicting itself (news-unlabeled, session 23).
        "Call the hotline at 1-877-927-6337 or (503) 399-6801.",  # telephone numbers
        "Added 2010-01-07. Fixed 2010-02-11.",  # ISO dates
        "He killed 10 girls ages 6-13. Workers aged 20-64 were counted.",  # ages
        "Revenues rose 16% to 1.8 billion euros.",  # a change, not a range
        "Miners go down 300 to 3,000 feet.",  # ranges of measures: variation
        "Damages ranged from $115,000 to $410,000.",
        "Prices rose two to four per cent.",
        "The Alpha can lift 2,200 lbs. The Electron can lift about 500 lbs.",
        "It was 580,000 sq km below the record of 12 million sq km.",
        "The fire covers 300 square miles. Others say 1,000 square miles.",  # measures too
        "It pays 2,500 francs per adult and 625 francs per child.",
        # Two groups of one noun, not two estimates of one quantity:
        "Police said dozens of people were injured. More than 11,000 people donated.",
        "More than 200 properties were lost. Another 50 properties were destroyed on Sunday.",
        "Fires destroyed almost 2,000 homes. About 200 homes were destroyed in Victoria.",
        "A quake in 1918 killed 116 people. Hurricanes in 2017 killed about 3,000 people.",
        "A hurricane killed 116 people in 1918. A hurricane killed 3,000 people in 2017.",
        "The agency represents 135 people. The number jumps to over 500 people.",
        "In all, 605 men were handed over. The killings of 17 men are investigated.",
        # A whole and its parts:
        "He was indicted on 34 counts, including 17 counts of murder.",
        "Trump wants 21 pages released. The 21 pages are a small portion of the 412 pages.",
        "He sold 720 rounds. The list: 600 rounds of tracer. Then 120 rounds of ball.",
        # Parts one off their total (49 killed; the gunman among the 39 at the scene).
        "The gunman killed 49 people. Thirty-nine people and the gunman were pronounced "
        "dead at the scene. Eleven people were pronounced dead in hospitals.",
        # Killed and wounded together are another count than the killed.
        "The attack left more than 100 killed and wounded, the group said. Officials "
        "counted 27 killed.",
    ],
)
def test_what_is_not_two_estimates_of_one_quantity_is_not_flagged(text: str) -> None:
    assert conflicts_in(text) == []


@pytest.mark.parametrize(
    ("text", "note"),
    [
        (
            "The number of Jihadis involved varies between 1,200 and 12,000.",
            "1,200 to 12,000 jihadis: a tenfold spread",
        ),
        (
            "Officials said 22 ambulances were at the site. About 10 ambulances were on the scene.",
            "figures for ambulances disagree (22; About 10): a 2.2-fold spread",
        ),
        (
            "Ten missiles hit the base. An Iraqi statement said 22 missiles were fired.",
            "figures for missiles disagree (Ten; 22): a 2.2-fold spread",
        ),
        (  # people in general: both sentences say they were killed
            "The raid killed 30 people, officials said. Activists said 120 people died.",
            "figures for people disagree (30; 120): a fourfold spread",
        ),
        (  # a vague quantity against a figure (ptc-train)
            "You both said 5,000 documents. The FBI says it has tens of thousands of documents.",
            "figures for documents disagree (5,000; tens of thousands): a fourfold spread",
        ),
        (  # three competing counts, one of which happens to be the sum of the others
            "Police said 1,000 protesters attended. Organisers said 3,000 protesters "
            "attended. A local paper counted 2,000 protesters.",
            "figures for protesters disagree (1,000; 3,000; 2,000): a threefold spread",
        ),
        (  # the same place after both
            "About 200 homes burned in Victoria. Officials said 900 homes burned in Victoria.",
            "figures for homes disagree (About 200; 900): a 4.5-fold spread",
        ),
    ],
)
def test_two_estimates_of_one_quantity_are_still_flagged(text: str, note: str) -> None:
    assert [c.note for c in conflicts_in(text)] == [note]


def test_units_that_measure_are_not_compared_across_figures() -> None:
    assert conflicts_in("Support was 5% in May and 40% in June.") == []
    assert conflicts_in("It cost $3 million, then $30 million.") == []


@pytest.mark.parametrize(
    ("sentence", "ratio", "spread"),
    [
        ("They had between 2 and 29 tanks.", 14.5, "a 14.5-fold spread"),
        ("They had between 1 and 11 tanks.", 11.0, "an 11-fold spread"),
        ("They had between 100 and 300 tanks.", 3.0, "a threefold spread"),
    ],
)
def test_notes_name_the_spread_in_words(sentence: str, ratio: float, spread: str) -> None:
    [conflict] = conflicts_in(sentence)
    assert conflict.ratio == pytest.approx(ratio)
    assert conflict.note.endswith(spread)


# --- types --------------------------------------------------------------------------------


def test_figures_round_trip_through_the_dict_and_json() -> None:
    analysis = Analyzer.from_components([("figures", FigureFinder())]).analyze(EXAMPLE_SENTENCE)
    data = analysis.to_dict()
    assert data["figures"][0] == {
        "start": EXAMPLE_SENTENCE.index("between"),
        "end": len(EXAMPLE_SENTENCE) - 1,
        "text": "between 1,200 and 12,000",
        "value": None,
        "low": 1200.0,
        "high": 12000.0,
        "counts": "jihadis",
        "qualifier": "range",
        "source": None,  # no attributions layer ran
    }
    assert data["figure_conflicts"] == [
        {"figures": [0], "ratio": 10.0, "note": "1,200 to 12,000 jihadis: a tenfold spread"}
    ]
    again = Analysis.from_dict(json.loads(analysis.to_json()))
    assert again.figures == analysis.figures
    assert again.figure_conflicts == analysis.figure_conflicts
    assert again.to_dict() == data


def test_an_absent_layer_is_absent_from_the_dict() -> None:
    analysis = Analysis(document=Document.from_text("Some text."))
    data = analysis.to_dict()
    assert "figures" not in data and "figure_conflicts" not in data
    assert Analysis.from_dict(data).figures is None
    assert read_figures(data) is None


def test_figures_and_conflicts_refuse_bad_values() -> None:
    with pytest.raises(ValueError, match="start < end"):
        Figure(5, 5, 1.0, 1.0, 1.0)
    with pytest.raises(ValueError, match="low <= high"):
        Figure(0, 2, None, 20.0, 10.0)
    with pytest.raises(ValueError, match="outside its bounds"):
        Figure(0, 2, 30.0, 10.0, 20.0)
    with pytest.raises(ValueError, match="unknown qualifier"):
        Figure(0, 2, 1.0, 1.0, 1.0, qualifier="roughly")
    with pytest.raises(ValueError, match="ratio"):
        FigureConflict((0,), 0.5)
    with pytest.raises(ValueError, match="figure indexes"):
        FigureConflict((), 2.0)


def test_read_figures_checks_offsets_and_conflict_indexes() -> None:
    figure = {"start": 0, "end": 2, "value": 12.0, "low": 12.0, "high": 12.0}
    data = {"figures": [figure], "figure_conflicts": [{"figures": [3], "ratio": 2.0}]}
    with pytest.raises(ValueError, match="only 1 figures"):
        read_figures(data)
    with pytest.raises(ValueError, match=r"\[0, 2\)"):
        read_figures({"figures": [figure]}, "1")
    layer = read_figures({"figures": [figure]}, "12 tanks")
    assert layer is not None
    assert layer[0][0].text == "12"  # filled in from the text where the dict left it out


# --- the component ------------------------------------------------------------------------


def test_component_runs_inside_an_analyzer_and_counts_in_the_summary(
    capsys: pytest.CaptureFixture[str],
) -> None:
    analyzer = Analyzer.from_components([("figures", FigureFinder())])
    text = "Figures disagree\n\n" + EXAMPLE_SENTENCE + " They had 20 tanks."
    analysis = analyzer.analyze(text)
    assert analysis.figures is not None and analysis.figure_conflicts is not None
    assert [f.text for f in analysis.figures] == ["between 1,200 and 12,000", "20"]
    for figure in analysis.figures:
        assert analysis.document.text[figure.start : figure.end] == figure.text
    assert analysis.summary == {"figures": 2, "figure_conflicts": 1}
    assert analysis.techniques is None
    assert analysis.model["components"]["figures"]["name"] == "figure-rules"
    assert capsys.readouterr() == ("", "")


def test_predict_has_no_side_effects_and_set_annotations_takes_hand_made_figures() -> None:
    finder = FigureFinder()
    doc = Document.from_text("They had 40 tanks, or 400.")
    analysis = Analysis(document=doc)
    predicted = finder.predict([doc])
    assert analysis.figures is None and analysis.summary == {}
    assert [f.text for f in predicted[0]] == ["40", "400"]
    hand_made = [
        Figure(9, 11, 40.0, 40.0, 40.0, "tanks", text="40"),
        Figure(22, 25, 400.0, 400.0, 400.0, "tanks", text="400"),
    ]
    finder.set_annotations([doc], [analysis], [hand_made])
    assert analysis.figures == hand_made
    assert [c.figures for c in analysis.figure_conflicts or []] == [(0, 1)]


def test_min_ratio_sets_how_far_apart_figures_must_be() -> None:
    doc = Document.from_text("They fired 10-15 rockets.")
    for finder, flagged in ((FigureFinder(), 0), (FigureFinder(min_ratio=1.5), 1)):
        analysis = Analysis(document=doc)
        finder([doc], [analysis])
        assert len(analysis.figure_conflicts or []) == flagged
    with pytest.raises(ValueError, match="min_ratio"):
        FigureFinder(min_ratio=1.0)


def test_component_is_registered_and_runs_by_default_after_techniques() -> None:
    assert "figures" in registered_components()
    assert DEFAULT_COMPONENTS.index("figures") == DEFAULT_COMPONENTS.index("techniques") + 1
    analysis = Analyzer(["figures"]).analyze("They had 20 tanks.")
    assert [f.counts for f in analysis.figures or []] == ["tanks"]


@pytest.mark.data
def test_the_example_article_has_its_tenfold_conflict_and_its_tanks(
    example_article: Path,
) -> None:
    doc = Document.from_text(example_article.read_text(encoding="utf-8"))
    analysis = Analysis(document=doc)
    FigureFinder()([doc], [analysis])
    figures = analysis.figures or []
    for figure in figures:
        assert doc.text[figure.start : figure.end] == figure.text
    by_text = {(f.text, f.counts) for f in figures}
    assert {("20", "tanks"), ("15", "armoured personnel carriers")} <= by_text
    ranges = [
        c
        for c in analysis.figure_conflicts or []
        if [figures[i].text for i in c.figures] == ["between 1,200 and 12,000"]
    ]
    assert len(ranges) == 1
    assert ranges[0].ratio == 10.0
    assert "tenfold" in ranges[0].note
    assert figures[ranges[0].figures[0]].counts == "jihadis"


@pytest.mark.parametrize("seed", range(3))
def test_any_jumble_of_number_words_gives_consistent_figures(seed: int) -> None:
    vocab = (
        "1,200 12,000 3.5 $ £ % per cent - – to and between from rose about more than up to "
        "twenty -five hundred hundreds of tens thousands a dozen tanks people In 2016 August "
        "5 pm : 30 . \n Mosul G7 the number of numbered toll one million bn m 3rd ’s “ ” "
        "Twelve several 0 1 9 2000"
    ).split(" ")
    rng = random.Random(seed)
    for _ in range(300):
        words = [rng.choice(vocab) + rng.choice(["", " ", " "]) for _ in range(rng.randrange(40))]
        text = "".join(words)
        figures = find_figures(text)
        end = 0
        for figure in figures:
            assert text[figure.start : figure.end] == figure.text
            assert figure.start >= end, "figures must not overlap"
            end = figure.end
        assert all(c.ratio >= 2.0 for c in find_conflicts(text, figures))


def test_min_ratio_is_a_setting_by_name() -> None:
    from propscope import Analyzer

    text = "Head\n\nThe army had 40 tanks. Others counted 70 tanks.\n"
    strict = Analyzer(["figures"], settings={"figures": {"min_ratio": 1.5}}).analyze(text)
    loose = Analyzer(["figures"]).analyze(text)
    assert strict.figure_conflicts and not loose.figure_conflicts


def test_the_figure_refers_back_to_the_figure_just_given() -> None:
    text = (
        "The developer claims the project will create 400 jobs, but independent "
        "estimates put the figure closer to 40."
    )
    figures = find_figures(text)
    assert [(f.text, f.counts) for f in figures] == [("400", "jobs"), ("40", "jobs")]
    conflicts = find_conflicts(text, figures)
    assert len(conflicts) == 1 and "tenfold" in conflicts[0].note


def test_a_figure_without_a_reference_back_does_not_borrow_counts() -> None:
    text = "The plan has 400 jobs. Separately, 40 came to the meeting."
    figures = find_figures(text)
    assert figures[1].counts is None
    assert find_conflicts(text, figures) == []


def test_conflicts_over_many_figures_are_those_of_every_pair_compared() -> None:
    """Distinct bounds are compared instead of every pair of figures; the result is the
    same as comparing every pair, changes ("from 10 to 40") included."""
    from propscope.components.figures import _interval, _linked

    def gap_ratio(a: Figure, b: Figure) -> float:  # written out pair by pair
        (lo_a, hi_a), (lo_b, hi_b) = _interval(a), _interval(b)
        if hi_a < lo_b:
            return lo_b / hi_a if hi_a > 0 else 1.0
        if hi_b < lo_a:
            return lo_a / hi_b if hi_b > 0 else 1.0
        return 1.0

    rng = random.Random(13)
    sentences = [
        "The developer promises 400 jobs.",
        "Estimates put it at 40 jobs.",
        "Jobs rose from 10 to 40 jobs.",
        "Some say 120 jobs.",
        "About 90 jobs, or more than 300 jobs.",
    ]
    text = " ".join(rng.choice(sentences) for _ in range(300))
    figures = find_figures(text)
    members = [i for i, f in enumerate(figures) if f.counts and f.high >= 10]
    involved, worst = set(), 1.0
    for n, a in enumerate(members):
        for b in members[n + 1 :]:
            ratio = gap_ratio(figures[a], figures[b])
            if not _linked(text, figures[a], figures[b]) and 2.0 <= ratio < 100.0:
                involved |= {a, b}
                worst = max(worst, ratio)
    [conflict] = find_conflicts(text, figures)
    assert set(conflict.figures) == involved
    assert conflict.ratio == pytest.approx(worst)


def test_no_break_spaces_group_thousands_in_any_text() -> None:
    figures = find_figures("Officials counted 12\u202f000 fighters and 3\u00a0500 tanks.")
    assert [(f.value, f.counts) for f in figures] == [(12000, "fighters"), (3500, "tanks")]


def test_a_plain_space_groups_thousands_only_where_asked() -> None:
    text = "On May 5 100 protesters marched."
    assert [f.value for f in find_figures(text)] == [100]  # "May 5": a date, not 5 100
    # Ungrouped, "000" is no quantity of its own (a leading zero writes a code).
    assert [f.value for f in find_figures("Le plan créera 3 000 emplois.")] == [3]
    spaced = find_figures("Le plan créera 3 000 emplois.", spaced_thousands=True)
    assert [(f.text, f.value) for f in spaced] == [("3 000", 3000)]


def test_a_text_that_is_not_english_reads_spaced_thousands_with_a_note() -> None:
    text = (
        "Le ministre a déclaré mardi que le plan créera 3 000 emplois dans la région, mais "
        "les syndicats estiment que ce chiffre est exagéré et promettent de manifester."
    )
    analysis = Analysis(document=Document.from_text(text))
    FigureFinder()([analysis.document], [analysis])
    assert analysis.figures is not None
    assert [(f.text, f.value) for f in analysis.figures] == [("3 000", 3000)]
    assert any("Figures were read from their digits only" in n for n in analysis.notes)
    english = Analysis(document=Document.from_text("The plan will create 3 000 jobs."))
    FigureFinder()([english.document], [english])
    assert english.notes == []


def _figures_of(text: str) -> list[tuple[str, float]]:
    analysis = Analysis(document=Document.from_text(text))
    FigureFinder()([analysis.document], [analysis])
    assert analysis.figures is not None
    return [(f.text, f.value) for f in analysis.figures]


def test_a_text_that_is_not_english_reads_its_own_decimal_comma() -> None:
    german = (
        "Nach Angaben der Armee waren 12.500 Soldaten und 1.200 Panzer in der Region, "
        "sagte der Sprecher am Dienstag in der Hauptstadt vor den Journalisten."
    )  # German capitals every noun: "Armee 12.500" counts, it names nothing
    assert _figures_of(german) == [("12.500", 12500), ("1.200", 1200)]
    spanish = (
        "Según el gobierno, 1.200.000 personas y 3,5 por ciento de los soldados estaban "
        "en la región durante la semana pasada, dijo el portavoz del ministerio."
    )
    assert [value for _, value in _figures_of(spanish)] == [1200000, 3.5]
    written = "Le plan coûte 2 500,75 euros et créera 3 000 emplois dans la région du nord."
    assert [value for _, value in _figures_of(written * 2)][:2] == [2500.75, 3000]


def test_a_text_that_is_not_english_keeps_english_figures_when_it_writes_them() -> None:
    # Its own figures decide: "3.5" and "1,200,000" are written the English way.
    text = (
        "Selon le rapport, 1,200,000 personnes et 3.5 pour cent des soldats étaient dans la "
        "région pendant la semaine, a déclaré le porte-parole du ministère mardi."
    )
    assert [value for _, value in _figures_of(text)] == [1200000, 3.5]


def test_uses_decimal_comma_weighs_what_only_one_convention_writes() -> None:
    from propscope.components.figures import uses_decimal_comma

    assert uses_decimal_comma("1.200.000 und 3,5")
    assert uses_decimal_comma("12.500 Soldaten")  # neither: a dot before three digits
    assert not uses_decimal_comma("1,200,000 and 3.5")
    assert not uses_decimal_comma("3,5 und 2.5 und 1.75")  # two against one
    assert not uses_decimal_comma("no figures at all, 1,200")


def test_a_grouped_number_after_a_capital_is_a_count_not_a_name() -> None:
    assert [f.value for f in find_figures("The rebels in Aleppo 12,000 strong held out.")] == [
        12000
    ]
    assert find_figures("The Security Council passed Resolution 2254 then.") == []
    assert find_figures("They retook Mosul 2 last week.") == []


def test_the_context_answers_as_rereading_the_text_would(seed: int = 7) -> None:
    """Sentence openings and Title Case lines, looked up (bisect, one cache per line),
    agree with scanning the text around each position again, as the layer once did."""
    import re

    from propscope.components.figures import _Context

    rng = random.Random(seed)
    pieces = ["Army Sends 20 Tanks To The Border", "\n", "\n\n", ". ", "“", "(", " ", "the 3 men"]
    pieces += ["Mosul 2", "said 40 people", "? ", "Over 9 Big Cities Hit"]
    text = "".join(rng.choice(pieces) for _ in range(400))
    ctx = _Context(text)
    minor = {"a", "an", "the", "of", "to", "in", "on", "and", "or", "for", "at", "by"}
    for pos in range(len(text)):
        start = text.rfind("\n", 0, pos) + 1
        end = text.find("\n", pos)
        line = text[start : end if end >= 0 else len(text)]
        words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", line) if w.lower() not in minor]
        title_case = len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)
        assert ctx.in_title_case_line(pos) == title_case, pos
        opens = not text[ctx.sentence_start(pos) : pos].strip(" \t\"“‘'(")
        assert ctx.opens_sentence(pos) == opens, pos


def test_a_number_alone_in_brackets_numbers_or_names_something() -> None:
    text = "Call rename(2) first. Stefon Diggs (14) ran. (5) Items sold: 13 (3%) of 413 events."
    assert [f.text for f in find_figures(text)] == ["13", "3%", "413"]
    # After the noun it counts, it is a figure: a player's "home runs (21)".
    assert [f.text for f in find_figures("He hit more home runs (21) than ever.")] == ["21"]
    assert [f.text for f in find_figures("The militia (12,000) and (about 40) more.")] == [
        "12,000",
        "about 40",
    ]


def test_a_part_of_a_whole_counts_the_whole_and_never_disagrees_with_it() -> None:
    text = "Three of the seven planets orbit it. Two of his children and 10 children came."
    figures = find_figures(text)
    assert [(f.text, f.counts) for f in figures] == [
        ("Three", "planets"),
        ("seven", "planets"),
        ("Two", "children"),
        ("10", "children"),
    ]
    text = "Only 13 of the 1,500 tanks moved; the army said 400 tanks had moved."
    figures = find_figures(text)
    assert [f.counts for f in figures] == ["tanks"] * 3
    assert [c.figures for c in find_conflicts(text, figures)] == [(1, 2)]


def test_the_base_of_a_rate_is_no_count_to_compare() -> None:
    for rate in ("one in every 10,000 people", "1 in 10,000 people", "3 per 100,000 people"):
        text = f"Officials said 400 people were hurt, {rate}."
        figures = find_figures(text)
        assert [f.counts for f in figures][-1] == "people"
        assert find_conflicts(text, figures) == [], rate
    text = "Officials said 400 people were hurt; medics said 10,000 people were hurt."
    assert len(find_conflicts(text, find_figures(text))) == 1


def test_the_next_days_of_a_month_in_a_list_are_dates() -> None:
    for text in ("The hearings are on Dec. 5 and 12 in Paris.", "We met on March 3, 10 and 17."):
        assert find_figures(text) == [], text
    assert [f.text for f in find_figures("On Dec. 5 and 12 people came.")] == ["12"]
    assert [f.text for f in find_figures("On March 3, 10 soldiers died.")] == ["10"]


def test_a_day_or_a_month_is_no_place_that_sets_figures_apart() -> None:
    # "on Monday" was read as a place, so the tenfold spread was never flagged.
    for when in ("on Monday", "in January", "on Christmas Eve"):
        text = f"Police said 12 people died in the storm {when}. The mayor said 120 people died."
        assert [c.figures for c in find_conflicts(text, find_figures(text))] == [(0, 1)], when
    text = "Police said 12 people died on Monday in Paris. The mayor said 120 people died in Lyon."
    assert find_conflicts(text, find_figures(text)) == []


def test_a_number_listed_with_a_place_after_a_figure_counts_what_it_counts() -> None:
    text = (
        "Authorities confirmed 176 homes were lost on the south coast; 89 in Conjola Park, "
        "40 at Malua Bay and 15 in Rosedale."
    )
    figures = find_figures(text)
    assert [(f.text, f.counts) for f in figures] == [
        ("176", "homes"),
        ("89", "homes"),
        ("40", "homes"),
        ("15", "homes"),
    ]
    assert find_conflicts(text, figures) == []  # parts, not estimates of the 176
    text = "There were 655 attacks on Iraqi targets and 95 in Syria."
    assert [f.counts for f in find_figures(text)] == ["attacks", "attacks"]
    # Not without a place after it, nor across sentences.
    assert [f.counts for f in find_figures("Police said 12 people died, and 120 more.")] == [
        "people",
        None,
    ]
    assert find_figures("The army had 40 tanks. 12 in April were lost.")[1].counts is None


def test_a_fraction_after_a_whole_number_and_a_per_cent_in_words() -> None:
    # A recipe's "3 1/4 Tbsp." read as 3, and "five percent" lost its per cent (review,
    # session 39).
    found = find_figures("Then stir in 3 1/4 Tbsp. ricotta, 1 1/2 tsp. salt and 2 3/2 cups.")
    assert [(f.text, f.value) for f in found][:2] == [("3 1/4", 3.25), ("1 1/2", 1.5)]
    assert ("2", 2.0) in [(f.text, f.value) for f in found]  # 3/2 is no fraction of a whole
    [five] = find_figures("Tencent owns five percent of its parent company.")
    assert (five.text, five.value) == ("five percent", 5.0)
    assert five.counts is not None and five.counts.startswith("per cent")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "More than one third of Iran's population is minority groups.",
            [("More than one third", 33.33, "per cent of iran's population", "more than")],
        ),
        (
            "About two-thirds of voters agreed.",
            [("About two-thirds", 66.67, "per cent of voters", "about")],
        ),
        (
            "Three quarters of respondents said no.",
            [("Three quarters", 75.0, "per cent of respondents", None)],
        ),
        (
            "A quarter of the budget went to defence.",
            [("A quarter", 25.0, "per cent of the budget", None)],
        ),
        (
            "Nearly half of Americans agree.",
            [("Nearly half", 50.0, "per cent of americans", "about")],
        ),
        # not a share: a part of a time or of one thing
        ("In the second half of the year, profits rose.", []),
        ("A quarter of a century ago, it rained for half of an hour.", []),
    ],
)
def test_a_fraction_in_words_is_a_share_in_per_cent(sentence: str, expected: list) -> None:  # type: ignore[type-arg]
    # "More than one third of Iran's population is minority groups", a white paper's key
    # figure, was no figure (session 49's review).
    found = [(f.text, f.value, f.counts, f.qualifier) for f in find_figures(sentence)]
    assert found == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # half a scale is half of it: "a million" was 1,000,000, twice the figure
        (
            "They raised nearly half a million dollars.",
            [("nearly half a million", 500_000.0, "dollars", "about")],
        ),
        # a share written "N in M"
        ("Six in 10 voters said no.", [("Six in 10", 60.0, "per cent of voters", None)]),
        ("One in five Americans agree.", [("One in five", 20.0, "per cent of americans", None)]),
        ("3 out of 4 doctors agree.", [("3 out of 4", 75.0, "per cent of doctors", None)]),
        # ... but not a count of times, nor a rate's base
        ("He scored one in 10 games.", [("10", 10.0, "games", None)]),
        ("One in 10,000 people had it.", [("10,000", 10_000.0, "people", None)]),
        # a bound before an inner "about", and one after the figure
        (
            "It could cost him as much as almost $30 million.",
            [("as much as almost $30 million", 30_000_000.0, "dollars", "up to")],
        ),
        ("That could be as high as 99%.", [("as high as 99%", 99.0, "per cent", "up to")]),
        ("Most require $100 or less.", [("$100", 100.0, "dollars", "up to")]),
        ("He won 500 votes or more.", [("500", 500.0, "votes", "at least")]),
        # a bound denied turns over; "not only" denies nothing
        (
            "The plane never made it above 8,000 feet.",
            [("above 8,000", 8000.0, "feet", "up to")],
        ),
        ("It wasn't more than 40 people.", [("more than 40", 40.0, "people", "up to")]),
        ("Not only over 300 people came.", [("over 300", 300.0, "people", "more than")]),
        # the noun after a comparison is what is counted
        (
            "It won dozens more corporate clients.",
            [("dozens", None, "corporate clients", "about")],
        ),
        # ages in a list, or a span's end, are no counts
        ("They reported their use at ages 18, 21, 26, 32 and 38, from age 26 to 38.", []),
        ("He opposed raising the purchase age from 18 to 21.", []),
        # the emergency number and an aircraft's model are no figures; a range stays one
        ("Mateen called 911 twice, one of 911 calls.", []),
        ("There were 911 confirmed cases.", [("911", 911.0, "confirmed cases", None)]),
        (
            "A 737-800 aircraft crashed; 300-400 planes flew.",
            [("300-400", None, "planes", "range")],
        ),
    ],
)
def test_the_phrasings_a_data_reporter_met(sentence: str, expected: list) -> None:  # type: ignore[type-arg]
    # Session 50's review of the figures of ten news articles.
    found = [(f.text, f.value, f.counts, f.qualifier) for f in find_figures(sentence)]
    assert found == expected


def test_and_a_half_adds_a_half_and_six_figures_is_an_income() -> None:
    cases = {
        "It took 2 and a half years.": [("2 and a half", 2.5, "years")],
        "Then one and a half million people came.": [
            ("one and a half million", 1_500_000.0, "people")
        ],
        "They have two and a half kids.": [("two and a half", 2.5, "kids")],
        "A few sellers earn six figures or more.": [],
        "He drew six figures on the wall.": [],
    }
    for text, expected in cases.items():
        assert [(f.text, f.value, f.counts) for f in find_figures(text)] == expected, text


def test_shares_of_a_whole_are_still_measures_compared_with_nothing() -> None:
    # "per cent of the vote" says what a share is of; like "per cent", it is no count two
    # estimates could disagree on (session 38).
    text = "He won 64.4 percent of the vote in May. In June he won 12 percent of the vote."
    figures = find_figures(text)
    assert [f.counts for f in figures] == ["per cent of the vote"] * 2
    assert find_conflicts(text, figures) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a currency whose plural is its singular counts itself ...
        ("Lu was responsible for 120,000 yuan in damages.", [("120,000", "yuan")]),
        ("He paid 500 yen for it.", [("500", "yen")]),
        # ... unless a plural noun follows it
        ("The 19 euro zone countries met.", [("19", "euro zone countries")]),
        # what was done to those counted, where no noun names them
        ("The jet crashed, killing more than 150 onboard.", [("more than 150", "killed")]),
        ("It fell, killing six people and injuring 11.", [("six", "people"), ("11", "injured")]),
        (
            "At least 20 were killed and 45 were wounded.",
            [("At least 20", "killed"), ("45", "wounded")],
        ),
        ("The blast killed 12 soldiers.", [("12", "soldiers")]),
        ("In 2014, 66 were infected, of which 49 died.", [("66", "infected"), ("49", "dead")]),
        # a unit of concentration measures; a district's or an exit's number names it
        ("People smell it at 20 ppm.", [("20", "ppm")]),
        ("DISTRICT 23 Edgar R. Flores; take exit 5.", []),
        (
            "42 students were expelled and 81 were suspended.",
            [("42", "students"), ("81", "suspended")],
        ),
        # a body of people named before its size, and two sizes of it that disagree
        (
            "A crew of 134 and a caravan of several thousand.",
            [("134", "crew"), ("several thousand", "caravan")],
        ),
        # the noun after "other" is counted
        ("Texas joined 10 other states.", [("10", "states")]),
        # an age in words after a name is no count, as one in digits is not
        (
            "They lost their two young sons Erik, nine, and Emil, seven, in the crash.",
            [("two", "young sons")],
        ),
        # a counted phrase of four words
        (
            "It looked at five top real-estate business executives.",
            [("five", "top real-estate business executives")],
        ),
        # a code listing's line numbers, one a line, count nothing; other lines of
        # bare numbers still do
        ("Run these lines:\n1\n2\n3\n4\nint x = 5;", [("5", None)]),
        ("Votes by ward:\n12\n14\n15", [("12", None), ("14", None), ("15", None)]),
    ],
)
def test_counts_a_news_review_of_the_figures_left_empty(text: str, expected: list) -> None:  # type: ignore[type-arg]
    # Session 51: a quarter of the figures of news and the PTC counted nothing.
    assert [(f.text, f.counts) for f in find_figures(text)] == expected


def test_a_sentence_that_opens_on_its_whole_lists_parts_of_it() -> None:
    # Session 51: "39 were arrested" came to count "arrested", and was flagged against
    # the 145 it is a part of.
    whole = "Of the 145 arrested, 86 had convictions; 39 were arrested on earlier charges."
    figures = find_figures(whole)
    assert [f.counts for f in figures] == ["arrested", None, "arrested"]
    assert find_conflicts(whole, figures) == []
    apart = "Police said 145 were arrested; a second report said 39 were arrested."
    assert [c.figures for c in find_conflicts(apart, find_figures(apart))] == [(0, 1)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # rupees and the Indian scales, currency codes before digits
        (
            "It paid Rs 50,000 and Rs. 5 crore.",
            [("Rs 50,000", 50_000.0, "rupees"), ("Rs. 5 crore", 50_000_000.0, "rupees")],
        ),
        (
            "About 2 lakh people came; ₹2,000 each.",
            [("About 2 lakh", 200_000.0, "people"), ("₹2,000", 2_000.0, "rupees")],
        ),
        ("A credit of USD 75 million.", [("USD 75 million", 75_000_000.0, "dollars")]),
        # a per cent, a currency or a scale after a capitalised word is no name's number
        ("It was Trump 45%, Clinton 42%.", [("45%", 45.0, "per cent"), ("42%", 42.0, "per cent")]),
        ("EOG Power $22 a unit.", [("$22", 22.0, "dollars")]),
        # ... but a bare number after one still names something
        ("Mosul 2 began; Windows 10 shipped.", []),
    ],
)
def test_currencies_and_scales_of_other_countries_and_a_name_before_a_share(
    text: str,
    expected: list,  # type: ignore[type-arg]
) -> None:
    # Session 51: Indian articles of news-unlabeled wrote "Rs 10 crore", polls "Remain 52 per cent".
    assert [(f.text, f.value, f.counts) for f in find_figures(text)] == expected


def test_two_sizes_of_a_crowd_named_before_them_disagree() -> None:
    text = "Police said a crowd of 5,000 gathered. Organisers put the crowd at 50,000."
    figures = find_figures(text)
    assert [f.counts for f in figures] == ["crowd", "crowd"]
    assert [c.note for c in find_conflicts(text, figures)] == [
        "figures for crowd disagree (5,000; 50,000): a tenfold spread"
    ]


def test_a_unit_after_a_number_is_a_compound_only_without_a_unit_of_its_own() -> None:
    # "a 10 year plan" is the 10-year plan's compound; a per cent or a sum before "year
    # over year" is still a figure, and so are "5 years" and "one year later".
    found = find_figures("Sales grew 29.5 percent year over year. He served 5 years.")
    assert [(f.text, f.counts) for f in found] == [("29.5 percent", "per cent"), ("5", "years")]
    assert not find_figures("It was a 10 year plan.")


def test_a_measure_in_the_singular_is_still_a_figure() -> None:
    # "6 foot tall", "70 mile an hour": a measure, not a compound (session 53's reviewer).
    for sentence, value in [
        ("He stands 6 foot tall.", 6),
        ("The wall is 30 foot high.", 30),
        ("Winds reached 70 mile an hour.", 70),
    ]:
        (found,) = find_figures(sentence)
        assert found.value == value, (sentence, found)
    # With an article before it, the number opens a compound again.
    assert not find_figures("It is a 37 foot wall.")
    assert not find_figures("Picture that army in a 6 month long jungle fight.")


def test_a_currency_sign_and_its_number_may_stand_apart() -> None:
    # "US$ 5 million" counted nothing: only a currency code ("USD 75") took a space.
    found = find_figures("It cost US$ 5 million, then € 40 billion and $ 120.")
    assert [(f.text, f.value, f.counts) for f in found] == [
        ("US$ 5 million", 5_000_000, "dollars"),
        ("€ 40 billion", 40_000_000_000, "euros"),
        ("$ 120", 120, "dollars"),
    ]


def test_a_year_after_a_possessive_is_no_figure() -> None:
    # "98% of the campaign's 2019 donations" read 2,019 donations (Business Insider,
    # session 59).
    text = "He said 98% of the campaign's 2019 donations came in under $200. Its 2019 budget rose."
    assert [f.text for f in find_figures(text)] == ["98%", "under $200"]
    assert [f.text for f in find_figures("Their 1,500 troops left.")] == ["1,500"]
