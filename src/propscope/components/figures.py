"""The figures layer: every figure in an article, what it counts, and where figures disagree.

Rules only: regular expressions and small word lists, no model and no extra dependency.

What a figure is here
- A number in digits ("1,200", "3.5", "12,000"), with a scale ("1.5 million", "12 thousand",
  "$2bn", "£3m"), a currency sign ("$3 million" counts "dollars") or a per-cent marker
  ("45%", "45 per cent", "45 percent" count "per cent").
- A number in words ("twelve", "twenty-five", "three hundred and fifty", "two thousand",
  "a dozen", "a hundred"). A lone "one" is not a figure: it is nearly always a pronoun
  or an article ("one of them", "no one").
- A vague quantity ("hundreds of", "thousands", "tens of thousands", "several hundred"):
  qualifier "about", no single value, bounds [2, 10] times its unit, so "hundreds of"
  is 200 to 1,000.
- A range ("between 1,200 and 12,000", "from 10 to 20", "10-20", "10 to 20", "two or
  three"): qualifier "range", value None, bounds low and high. A scale or unit written
  once applies to both ends ("between 1.5 and 2 million", "10-20%"). "rose from 10 to
  20" is a change, not a range: two figures.

The span [start, end) covers the figure expression with its qualifier and markers
("about 500", "more than $3 million", "between 1,200 and 12,000"), never the counted
noun. `counts` is the noun phrase right after it (up to four words, ending at the
first plural noun: "tanks", "armoured personnel carriers"), a unit ("mm", "km"), or,
when no noun follows, what the same sentence said was being counted before the figure
("the number of Jihadis involved ... between 1,200 and 12,000" counts "jihadis";
"casualties numbered 300" counts "casualties").

Not figures: years (1500-2099 after in/since/until/during/the/..., next to a month, in
year ranges, or with nothing counted after them: "by 2020", "the summer of 2016", "the
2016 elections"; a plain "2000 people" stays a figure), dates ("August 5", "5 August"),
times ("5 pm", "10:30"), ordinals ("3rd", "first"), compound adjectives ("10-year"),
fractions ("two-thirds"), numbers that are part of a name ("Mosul 2", "G7",
"Covid-19", "Resolution 2254", "the Big Three"), and the cells of a table flattened
into one line of text ("The economy 92 53 43 Trump +10": a line with two runs of three
bare figures, `propscope.lines.tabular`) but those with a unit, currency or per-cent
marker of their own ("53%"), telephone numbers written in groups ("0800 555 123", "(555)
123-4567", "+44 20 7946 0958"), and numbers in a page's furniture ("Advertisement 2",
"Slideshow ( 15 images )", a footer's address; `propscope.furniture`).

Conflicts: a range of a counted thing whose high end is at least `min_ratio` (2) times
its low end, and figures for the same thing (same `counts`, compared singular) at
least that far apart, listed together as one conflict per thing. The rules keep to
what looks like two estimates of one quantity:
- Units that measure rather than count (per cent, money, lengths, weights, areas,
  durations) are never flagged, in a range or across figures: "300 to 3,000 feet",
  "$4 to $11 a day", "12-24 hours" describe variation far more often than
  disagreement, and an article's 5% and 40% are rarely two estimates of one thing.
  Nor is a range with nothing counted ("pages 10-12").
- Not ranges at all: telephone numbers and ISO dates ("1-877-927-6337", "2010-01-07"),
  ages ("girls ages 6-13"), and a change with a unit at each end ("rose 16% to 1.8
  billion euros").
- Across figures: not counts under 10, nor figures 100 or more times apart; not the
  two ends of a change ("from 10 to 40"); a qualifier opens a bound ("more than 300"
  does not contradict 1,000); not an increment ("another 50 properties"), a part of the
  other in one sentence ("34 counts, including 17 counts of murder"), or parts that add
  up to a total given apart ("720 rounds": 600 and 120); not figures whose sentences
  name different years, or that a different place follows ("200 homes ... in
  Victoria" against 2,000 in all); and people in general ("people", "men", "children")
  only when both sentences say the same kind of thing happened to them (killed,
  injured, arrested, displaced...).
Two different groups of one noun ("3 jets" lost by one side, "30 jets" by the other)
are still flagged: rules cannot tell them from two estimates. Measured by hand on real
news in docs/quality.md ("Quality of the figures layer").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

import numpy as np

from propscope.analysis import (
    Analysis,
    Figure,
    FigureConflict,
    format_quantity,
    link_figures_to_attributions,
)
from propscope.document import Document
from propscope.errors import SettingError
from propscope.furniture import find_furniture
from propscope.language import MIN_ENGLISH_SHARE, english_share
from propscope.language import not_english_note as _not_english
from propscope.lines import LineTest, tabular_lines
from propscope.pipeline import register_component

__all__ = [
    "FigureFinder",
    "find_conflicts",
    "find_figures",
    "make_figure_finder",
    "uses_decimal_comma",
]

# 7 (session 30): addresses, scripture, codes with a leading zero, lettered telephones.
# 8 (session 35): DOIs. 9 (session 36): years from 1500 ("arrived in the Colony in 1806").
# 10 (session 37): a number alone in brackets ("rename(2)", "Stefon Diggs (14)"); the next
# days of a month in a list ("Dec. 5 and 12") are dates; a part "of the" whole counts the
# whole's noun ("three of the seven planets"); neither a part nor a rate's base ("one in
# every 10,000 people") is compared with other figures. 11 (session 37): a day or a month
# is no place that sets two figures apart ("on Monday"); a bare number listed with a place
# after a figure counts what it counts ("176 homes; 89 in Conjola Park") and is compared
# with nothing; "and a half" adds a half ("one and a half million"); "six figures" is an
# income. 12 (session 38): a 1500..2099 after "a" or "an" is a year ("a 1998 Senate
# hearing sheds light"); 13: a capitalised word ending in "s" before a plural noun is a
# name's, not the head ("three Minneapolis men"); 14: a per cent counts what it is a share
# of ("81 percent of Germans": "per cent of germans"), still compared with nothing; 15
# (session 39): a whole number and a fraction ("3 1/4 Tbsp.") is one figure, 3.25, and a
# number in words before "percent" ("five percent") counts per cent; 16 (session 42): a
# weight, length, area or power glued to its number is a figure ("50g", "30MW"). 17
# (session 48): parts add up to their total give or take one ("Thirty-nine people and Mateen
# were pronounced dead at the scene", "Eleven ... pronounced dead there": 49 killed);
# "100 killed and wounded" counts both, not "killed". 18 (session 50): a fraction in words
# before "of" is a share in per cent ("more than one third of Iran's population": 33.33,
# "two-thirds of voters", "half of Americans"; not "the second half of the year"); "half a
# million" is 500,000; "six in 10 voters" is 60 per cent of voters ("one in five", "3 out
# of 4"; not "one in 10 games"); a bound holds over an inner "about" ("as much as almost
# $30 million": up to), "as high as" is one, and so are "or less" and "or more" after a
# figure; a bound denied turns over ("never made it above 8,000 feet": up to); the noun
# after "more" is counted ("dozens more corporate clients"); "911" (not "911 confirmed
# cases"), a model's "737-800 aircraft" and the ages of a list ("at ages 18, 21 and 26")
# are no figures; a number in words opening a sentence after "EU." is one. 19 (session
# 51): what was done to those counted, where no noun names them ("killing 62 on board":
# killed, "injuring 11", "at least 20 were killed", "49 died": dead, "81 were suspended");
# a body of people named before its size ("a crowd of 5,000", "put the crowd at 50,000",
# "a crew of 134"); the noun after "other" ("10 other states"); a counted noun phrase of
# four words, not three ("five top real-estate business executives"); a currency whose
# plural is its singular counts itself ("120,000 yuan"); rupees ("Rs 50,000", "₹2,000"),
# currency codes before digits ("USD 75 million") and the Indian scales ("Rs 5 crore", "2
# lakh"); ppm and ppb are units; a per cent, a currency or a scale after a capitalised
# word is no name's number ("Trump 45%, Clinton 42%"); a district's, ward's, precinct's,
# exit's or channel's number names it; a code listing's line numbers, one a line, and a
# number with a full stop right after page furniture (a gallery's "<title> 2. <caption>")
# are no figures, nor an age in words after a name ("Erik, nine, and Emil, seven"). 20
# (session 52): "a 5 year deadline" is a compound; 21 (session 53): "6 foot tall" is a
# measure; 22 (session 53): a currency sign may stand a space before its number ("US$ 5
# million"). 23 (session 58): a "k" glued to a number is a thousand without a currency
# too ("235k followers", "He earns 40k"; "a 5k race" is kilometres), and an "m" is a
# million before a plural noun or a unit ("8.4m hectares", "2.7m colonies", "35m lb"; "the
# 100m hurdles", "10m high" stay metres). 24: "sq ft", "square miles" and "cubic metres"
# are what a figure counts, not "sq". 25: a 4-digit number from 1500 to 2099 after a
# possessive is a year ("the campaign's 2019 donations", "its 2019 budget").
RULES_VERSION = "25"

# --- word lists -------------------------------------------------------------------------

_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {
    "hundred": Decimal(100),
    "thousand": Decimal(1_000),
    "million": Decimal(1_000_000),
    "billion": Decimal(1_000_000_000),
    "trillion": Decimal(1_000_000_000_000),
}
_VAGUE_UNITS = {
    "tens": Decimal(10),
    "dozens": Decimal(12),
    "dozen": Decimal(12),
    "hundreds": Decimal(100),
    "hundred": Decimal(100),
    "thousands": Decimal(1_000),
    "thousand": Decimal(1_000),
    "millions": Decimal(1_000_000),
    "million": Decimal(1_000_000),
    "billions": Decimal(1_000_000_000),
    "billion": Decimal(1_000_000_000),
}
_GLUED_SCALES = {"bn": Decimal(1_000_000_000), "mn": Decimal(1_000_000)}
# The Indian scales after digits: "Rs 5 crore" is 50 million rupees, "50 lakh" 5 million.
_INDIAN_SCALES = {
    "lakh": Decimal(100_000),
    "lakhs": Decimal(100_000),
    "crore": Decimal(10_000_000),
    "crores": Decimal(10_000_000),
}
# Glued after a currency sign, these are scales ("$3m", "$50k"); otherwise units.
_CURRENCY_GLUED_SCALES = {"m": Decimal(1_000_000), "k": Decimal(1_000)}
# Without one, "k" is a thousand ("235k followers") except before a race ("a 5k run"),
# and "m" a million before a plural noun or a unit ("8.4m hectares", "35m lb"), except
# the plurals of a race ("the 110m hurdles").
_NEXT_WORD = re.compile(r"[^\S\n]+([A-Za-z]+)")
_RACES = frozenset("race races run runs walk walks fun hurdles relay relays sprint sprints".split())
_CURRENCIES = {"$": "dollars", "US$": "dollars", "£": "pounds", "€": "euros", "₹": "rupees"}
# ... and before digits as letters: "Rs 50,000", "Rs. 5 crore", "USD 75 million".
_CURRENCY_CODES = {
    "Rs": "rupees",
    "USD": "dollars",
    "EUR": "euros",
    "GBP": "pounds",
    "INR": "rupees",
    "CNY": "yuan",
    "JPY": "yen",
}

_WEEKDAYS = "(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|Easter|Christmas"
_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)

_QUALIFIER_WORDS: dict[str, tuple[str, ...]] = {
    "up to": (
        "up to", "as many as", "as much as", "as high as", "at most", "no more than",
        "a maximum of",
    ),
    "at least": ("at least", "no fewer than", "no less than", "a minimum of"),
    "more than": (
        "more than", "over", "above", "in excess of", "upwards of", "just over", "well over",
    ),
    "less than": ("less than", "fewer than", "under", "below", "just under", "well under"),
    "about": (
        "about", "around", "roughly", "approximately", "approx.", "nearly", "almost", "some",
        "an estimated", "estimated", "close to", "circa", "an approximate",
    ),
}  # fmt: skip
_QUALIFIER_OF = {w: q for q, words in _QUALIFIER_WORDS.items() for w in words}
# A bound denied turns over: "never made it above 8,000 feet" is at most 8,000, "was not
# less than 50" at least 50.
_NEGATED = {"more than": "up to", "less than": "at least"}
_NEGATION_BEFORE = re.compile(
    r"(?:(?<![\w-])(?:never|not)|n['’]t)(?:[^\S\n]+(?:made|it|go|gone|went|get|got|rise|rose|"
    r"risen|climb|climbed|be|been|was|were|is|are|reach|reached|stay|stayed|fly|flew|flown|"
    r"grow|grew|grown|much|by)){0,3}[^\S\n]+$",
    re.IGNORECASE,
)
# Qualifiers that bound a figure, which an inner "about" does not undo.
_BOUNDS = frozenset({"up to", "at least", "more than", "less than"})
# A bound after the figure and up to three words it counts: "$100 or less", "500 votes or
# more", "ten years or longer".
_OR_AFTER = re.compile(
    r"(?:[^\S\n]+[a-z]+){0,3}?[^\S\n]+or[^\S\n]+(?P<q>less|fewer|more|greater|longer|higher)"
    r"(?![\w-])(?![^\S\n]+than)",
    re.IGNORECASE,
)
_OR_QUALIFIER = {
    "less": "up to", "fewer": "up to", "more": "at least", "greater": "at least",
    "longer": "at least", "higher": "at least",
}  # fmt: skip

# Words after which a number is a change, not a range: "rose from 10 to 20".
_CHANGE_VERBS = (
    "rose|risen|rise|rises|rising|increased|increase|increases|increasing|grew|grown|grow"
    "|grows|growing|fell|fallen|fall|falls|falling|dropped|drop|drops|dropping|declined"
    "|decline|declines|declining|jumped|jumps|jump|climbed|climbs|climb|soared|surged"
    "|plunged|plummeted|slumped|slipped|doubled|tripled|halved|went|gone|up|down|raised"
    "|reduced|cut|cuts|lowered|boosted|expanded|shrank|shrunk|moved|changed|revised"
    "|upgraded|downgraded"
)

# Words that end a counted noun phrase: function words, auxiliaries, pronouns.
_STOP = frozenset(
    """
    a an the this that these those their its his her our your my them they we he she it
    and or but nor of in on at to from by with for into onto upon than as per via
    which who whom whose what when where while why how if because so yet though although
    is are was were be been being am has have had having will would could should may might
    can must shall did do does done said says say told according
    after before during since until till across against among amongst around about over
    under between through throughout within without beyond behind near off out up down
    more most less least fewer many much few several some any each every all both either
    neither other others another such not no only also just even still then there here
    again ago later earlier already always perhaps towards afterwards besides whereas
    very too quite rather almost nearly roughly approximately about
    """.split()
)
# Plural nouns without a final "s" that head a counted phrase; also as word endings
# ("grandchildren", "gunmen"), less a few singulars.
_IRREGULAR_PLURALS = frozenset(
    "people men women children feet teeth mice geese sheep cattle livestock deer".split()
)
_IRREGULAR_ENDINGS = ("children", "people", "men")
_NOT_IRREGULAR = frozenset("specimen abdomen omen regimen acumen stamen".split())
# Words that count on their own but often modify the next one ("personnel carriers",
# "wounded soldiers"), or stand for people in casualty counts ("at least 7 dead").
_WEAK_HEADS = frozenset(
    """
    police personnel staff aircraft military militia infantry artillery fish media
    dead killed wounded injured missing displaced arrested detained
    """.split()
)
# Casualty words a count may join ("100 killed and wounded"): the two together are
# another count than either alone.
_CASUALTIES = frozenset("dead killed wounded injured missing".split())
_BOTH_CASUALTIES = re.compile(
    r"[^\S\n]+(?P<joint>and|or)[^\S\n]+(?P<other>dead|killed|wounded|injured|missing)\b",
    re.IGNORECASE,
)
_NOT_PLURAL_ENDINGS = ("ss", "us", "sis", "news", "'s", "’s")
_UNITS = frozenset(
    """
    mm cm km m kg g t mph kph kmh ft lb lbs mw gw kw kwh ha sq ppm ppb
    metre meter kilometre kilometer mile tonne ton acre hectare kilogram gram litre liter
    """.split()
)
# "sq ft", "square miles", "cubic metres": a measure of two words.
_AREA_OR_VOLUME = frozenset({"sq", "square", "cubic", "cu"})
_LENGTHS = frozenset(
    """
    ft foot feet yd yard yards mi mile miles m metre metres meter meters km kilometre
    kilometres kilometer kilometers cm mm
    """.split()
)
# Currencies whose plural is the singular: "120,000 yuan in damages" counts yuan, though
# no "s" marks a plural ("the 19 euro zone countries" counts countries).
_INVARIANT_CURRENCIES = frozenset("yuan yen baht rupiah naira renminbi euro rand kyat riel".split())
# Units that measure rather than count: never compared across figures.
_NOT_COMPARED = frozenset(
    {
        "per cent",
        "percentage point",
        *"""
        dollar pound euro yen yuan rouble ruble baht rupiah naira renminbi kyat riel
        century decade year month week day hour minute second time
        mm cm km m kg g t mph kph kmh ft lb lbs mw gw kw kwh ha sq ppm ppb
        degree yard inch foot feet
        franc peso rupee won lira krona crown shekel dinar rand real dirham riyal cent
        metre meter kilometre kilometer mile tonne ton acre hectare kilogram gram litre liter
        """.split(),
    }
)
# Words before a number that make it a label, not a quantity: "number 10", "page 5".
_LABEL_WORDS = frozenset(
    """
    no number page article chapter section paragraph resolution item route flight level
    phase grade category version episode season round stage room platform gate week day
    age ages aged
    pages articles chapters sections paragraphs title ch chap sec pp vol art para clause
    rule code district ward precinct exit channel
    """.split()
)
# A reference's list of numbers: every number after "§§" or "sections" in "§§ 234, 235"
# and "sections 234 and 235".
_REFERENCE_LIST = re.compile(
    r"(?:§+|\b(?:sections|articles|chapters|paragraphs|pages|pp|ages|aged)\.?)[^\S\n]*"
    r"(?:\d+[a-z]?[^\S\n]*(?:,|and|or|&|to|-)[^\S\n]*)*$",
    re.IGNORECASE,
)
# Context before a 1500..2099 that makes it a year even with a plural noun after it
# ("in 2016 elections", "the 2016 elections", "a 1998 Senate hearing sheds light": one
# thing is no count of 1998). With nothing counted after it, such a number is taken for
# a year anyway ("the summer of 2016", "by 2020").
_YEAR_BEFORE = re.compile(
    r"(?:(?<![\w-])(?:in|since|until|till|during|before|after|early|late|mid|the|this|that|a|an"
    r"|last|next|year|summer|winter|spring|autumn|circa|its|their|his|her|our|your|my)[\s-]+"
    # A possessive before: "the campaign's 2019 donations" (a year, not 2,019 donations).
    r"|(?<=\w)['’]s?\s+"
    rf"|(?:{_MONTHS})\.?\s+(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?)$",
    re.IGNORECASE,
)

# --- patterns ---------------------------------------------------------------------------

# THOUSANDS and POINT are the text's separators; GROUP is the spaces that group thousands
# too, and SPACED_POINT the decimals such a number may have (none in English text).
_DIGITS_PATTERN = r"""
    (?<![\w.,/:#@$£€₹'’])                     # not inside a word, a decimal, a date or a path
    (?P<cur>(?:US\$|\$|£|€|₹|\b(?:Rs\.?|USD|EUR|GBP|INR|CNY|JPY))[^\S\n]?)?  # "US$ 5 million" too
    (?P<num>\d{1,3}(?:THOUSANDS\d{3}){1,5}(?:POINT\d{1,6})?|\d{1,3}(?:GROUP\d{3}){1,5}SPACED_POINT(?!GROUP?\d)
        |\d{1,15}(?:POINT\d{1,6})?)                 # no overflow
    (?![.,:/]\d)(?!\d)
    (?:
        (?P<glued>bn|mn|mm|cm|km|kg|(?i:kwh|kw|mw|gw|mph|kph|kmh)|ft|lbs|lb|ha|m|k|g|t)(?![\w])
      | \s?(?P<scale>(?i:thousand|million|billion|trillion|lakhs?|crores?)|bn|mn)\b
    )?
    (?P<pct>\s?%|\s+(?i:per\s?cent|percent)\b)?
    (?![\w]|['’]s\b)                          # not "3rd", not "her 50's"
    """


def _digits(group: str, *, decimal_comma: bool = False) -> re.Pattern[str]:
    """The pattern of a number written with digits, its thousands grouped by `group` as
    well as by the separator: "1,200.5" in English, "1.200,5" with `decimal_comma` (the
    convention of most of Europe, where "12 000,5" has decimals too)."""
    thousands, point = (r"\.", ",") if decimal_comma else (",", r"\.")
    pattern = (
        _DIGITS_PATTERN.replace("THOUSANDS", thousands)
        .replace("SPACED_POINT", rf"(?:{point}\d{{1,6}})?" if decimal_comma else "")
        .replace("POINT", point)
        .replace("GROUP", group)
    )
    return re.compile(pattern, re.VERBOSE)


# Thousands grouped by a no-break or narrow no-break space ("12\u202f000") in any text;
# by a plain space ("12 000") only in a text that does not look English, where that is
# the convention and "on May 5 100 people" is not a risk.
_DIGITS = _digits("[\u00a0\u202f]")
_DIGITS_SPACED = _digits("[ \u00a0\u202f]")
# "1.200.000" and "3,5": read so only in a text that does not look English and whose own
# figures say it writes them so (`decimal_comma`).
_DIGITS_DECIMAL_COMMA = _digits("[ \u00a0\u202f]", decimal_comma=True)
# Figures only one convention writes: "1.200.000" or "3,5" against "1,200,000" or "3.5".
_CONTINENTAL_ONLY = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:\.\d{3}){2,}|\d+,\d{1,2})(?![\d]|[.,]\d)")
_ENGLISH_ONLY = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:,\d{3}){2,}|\d+\.\d{1,2})(?![\d]|[.,]\d)")
# "12.500": a thousand grouped by a dot, or a decimal with three places, which English
# news does not write for a count ("12.5").
_DOTTED_THOUSAND = re.compile(r"(?<![\d.,])\d{1,3}\.\d{3}(?![\d]|[.,]\d)")


def uses_decimal_comma(text: str) -> bool:
    """Whether a text writes "1.200" for twelve hundred and "3,5" for three and a half:
    more figures only that convention writes than figures only English writes, or, with
    neither, a dot before three digits ("12.500 Soldaten")."""
    continental = len(_CONTINENTAL_ONLY.findall(text))
    english = len(_ENGLISH_ONLY.findall(text))
    if continental or english:
        return continental > english
    return _DOTTED_THOUSAND.search(text) is not None


_NUMBER_WORD = "|".join([*_SMALL, *_TENS, *_SCALES, "dozen"])
_FIRST_WORD = "|".join([*_SMALL, *_TENS])
_WORDS = re.compile(
    rf"""
    (?<![\w-])
    (?:(?P<a>a)\s+(?=(?:hundred|thousand|million|billion|dozen)\b)|(?={_FIRST_WORD}))
    (?:{_NUMBER_WORD})
    (?:(?:-|\s+|(?<=hundred)\s+and\s+|(?<=thousand)\s+and\s+|(?<=million)\s+and\s+)
       (?:{_NUMBER_WORD}))*
    (?![\w-])
    """,
    re.VERBOSE | re.IGNORECASE,
)
_WORD_TOKEN = re.compile(r"[A-Za-z]+")
_VAGUE = re.compile(
    r"""
    (?<![\w-])
    (?:(?P<few>several|a\s+few)\s+(?P<unit_s>hundred|thousand|million|billion|dozen)
      |(?P<unit>tens|dozens|hundreds|thousands|millions|billions)
       (?:\s+of\s+(?P<unit2>thousands|millions|billions))?)
    (?![\w-])
    """,
    re.VERBOSE | re.IGNORECASE,
)
_QUALIFIER_BEFORE = re.compile(
    r"(?<![\w-])(?P<q>"
    + "|".join(re.escape(w) for w in sorted(_QUALIFIER_OF, key=len, reverse=True))
    + r")\s+$",
    re.IGNORECASE,
)
_BETWEEN_BEFORE = re.compile(r"(?<![\w-])between\s+$", re.IGNORECASE)
_FROM_BEFORE = re.compile(r"(?<![\w-])from\s+$", re.IGNORECASE)
_CHANGE_BEFORE = re.compile(
    rf"(?<![\w-])(?:{_CHANGE_VERBS})\s+(?:[a-z]+ly\s+)?from\s+$", re.IGNORECASE
)
_WORD_BEFORE = re.compile(r"(?P<word>[A-Za-z][\w'’]*)\.?[^\S\n]+$")
_DATE_BEFORE = re.compile(rf"(?<![\w])(?:{_MONTHS})\.?\s+$")
_DAYS_BEFORE = re.compile(
    rf"(?<![\w])(?:{_MONTHS})\.?\s+(?:\d{{1,2}}(?:st|nd|rd|th)?"
    r"(?:,?\s+(?:and|or|to|through|until)\s+|,\s*|\s*[-–]\s*)){1,3}$"
)
_DATE_AFTER = re.compile(rf"(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\b")
_TIME_AFTER = re.compile(
    r"\s?(?:a\.?m\.?|p\.?m\.?|GMT|UTC|BST|CET|EST|EDT|PST|hrs|o['’]clock)(?![\w])",
    re.IGNORECASE,
)
_COMPOUND_AFTER = re.compile(r"[-–]\s?[A-Za-z]")
# The same compound written without its hyphens: "a 5 year deadline", "the five year plan",
# "a 37 foot wall", "a 17 year old boy". A unit in the singular after a number other than
# one is a compound's, not a count's ("5 years", "one year later").
_OPEN_COMPOUND_AFTER = re.compile(
    r"[^\S\n]+(?:year|month|week|day|hour|minute|foot|mile|metre|meter|inch|yard|acre"
    r"|kilometre|kilometer|ton|tonne)[^\S\n]+"
    r"(?!(?:of|and|or|in|on|at|to|for|by|from|with|ago|later|earlier|before|after)\b)[a-z]"
)
# But a measure: "He stands 6 foot tall", "70 mile an hour"; not "a 6 month long fight".
_MEASURE_AFTER = re.compile(
    r"[^\S\n]+[a-z]+[^\S\n]+(?:tall|high|long|wide|deep|thick|short|away|apart|an?|per|each)\b"
)
_ARTICLE_BEFORE = re.compile(r"(?<![\w-])(?i:an?)[^\S\n]+$")
_NP_WORD = re.compile(r"[^\S\n]+(?P<word>[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*)(?![\w'’-])")
_OF_AFTER = re.compile(r"[^\S\n]+of(?![\w-])")
# A part of a whole named after it: "three of the seven planets", "two of his children",
# "12 of their 16 games". The figure counts the whole's noun, and is a part of it.
_PART_AFTER = re.compile(
    r"[^\S\n]+of[^\S\n]+(?:the|these|those|his|her|their|its|our|my|your)"
    r"(?:[^\S\n]+(?:\d[\d,]*|[a-z]+teen|[a-z]+ty|one|two|three|four|five|six|seven|eight|"
    r"nine|ten|eleven|twelve|hundreds|thousands|dozens)(?![\w-]))?(?![\w-])",
    re.IGNORECASE,
)
_NUMBER_OF = re.compile(
    r"(?<![\w-])(?:numbers?|estimates?|counts?|tally|tallies)\s+of(?![\w-])", re.IGNORECASE
)
_TOLL = re.compile(r"(?<![\w-])(?P<what>[A-Za-z]+)\s+toll(?![\w-])", re.IGNORECASE)
_NUMBERED = re.compile(
    r"(?P<np>(?:[A-Za-z][\w'’-]*[^\S\n]+){0,3})"
    r"(?:numbered|numbering|totalled|totaled|totalling|totaling|totals?)(?![\w-])",
    re.IGNORECASE,
)
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’')\]]*\s+|\n\s*")
_RANGE_GAPS = {
    "hyphen": re.compile(r"\s?[-–]\s?"),
    "to": re.compile(r"\s+to\s+"),
    "and": re.compile(r"\s+and\s+"),
    "or": re.compile(r"\s+or\s+"),
}
_CHANGE_GAP = re.compile(r"\s+(?:to|from)\s+", re.IGNORECASE)
_CHANGE_AFTER = re.compile(r"\s+(?:to|from)\s+(?=\S)", re.IGNORECASE)
_HYPHEN_PAIR_BEFORE = re.compile(r"\d\s?[-–]\s?$")
# Numbers chained by hyphens, dots or a bracketed area code are one code, not a range:
# telephone numbers ("1-877-927-6337", "(503) 399-6801") and ISO dates ("2010-01-07").
_CHAIN_BEFORE = re.compile(r"(?:\d[-–.]|\(\d{3}\)\s?)$")
_CHAIN_AFTER = re.compile(r"[-–.]\d")
# A telephone number written in groups: a trunk prefix ("0800 555 123", "020 7946
# 0958"), an area code in brackets ("(555) 123-4567") or a country code ("+44 20 7946
# 0958") and two or three more groups, seven digits or more in all.
_PHONE = re.compile(
    r"(?<![\w.,+])(?:\+\d{1,3}[ .-]?\d{1,4}|\(\d{3}\)|\(0\d{1,4}\)|0\d{1,4})(?:[ .-]?\d{2,4}){1,3}"
    r"(?!\w|[.,]\d)"
)


# A document's DOI ("10.1001/jamapsychiatry.2016.0637"): its prefix reads as a decimal.
_DOI = re.compile(r"(?<![\w.])10\.\d{4,9}/\S+")


# A telephone number spelt partly in letters: "1-877-WARNDEP", "1-800-FLOWERS".
_LETTER_PHONE = re.compile(
    r"(?<![\w.,+])(?:1[-. ])?(?:\(\d{3}\)\s?|\d{3}[-. ])"
    r"(?=[A-Z0-9-]*[A-Z])[A-Z0-9]{3}-?[A-Z0-9]{4}\b"
)


_CONTROL = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?)")


def _digit_count(text: str) -> int:
    return sum(c.isdigit() for c in text)


_AGES_BEFORE = re.compile(
    r"(?<![\w-])(?:ages?|aged)\s+(?:of\s+|between\s+|from\s+)?$", re.IGNORECASE
)
# The end of an age's span: "from age 26 to 38", "ages 18 to 24".
_AGE_SPAN_BEFORE = re.compile(
    r"(?<![\w-])(?:ages?|aged)\s+(?:from\s+|between\s+)?\d{1,3}\s*(?:to|-|through|and)\s*$",
    re.IGNORECASE,
)
# The base of a rate ("one in every 10,000 people", "per 100,000 residents") is no count
# of anything: it is not compared with other figures.
_RATE_BEFORE = re.compile(
    r"(?<![\w-])(?:(?:one|1|a)[^\S\n]+(?:in|out[^\S\n]+of)[^\S\n]+(?:every[^\S\n]+)?|"
    r"per[^\S\n]+(?:every[^\S\n]+)?|for[^\S\n]+every[^\S\n]+|in[^\S\n]+every[^\S\n]+)$",
    re.IGNORECASE,
)
# "another 50 properties", "a further 8,000 employees": added to a total the article
# gives elsewhere, never a second estimate of it.
_INCREMENT_BEFORE = re.compile(
    r"(?<![\w-])(?:another|a\s+further|an\s+additional|an\s+extra)\s+(?:\S+\s+)?$",
    re.IGNORECASE,
)


# --- atoms: one number each -------------------------------------------------------------


@dataclass(slots=True)
class _Atom:
    start: int
    end: int
    number: Decimal  # as written, before the scale
    scale: Decimal
    kind: str  # "digits", "words", "vague" or "share" ("one third of", "six in 10")
    currency: str | None = None
    percent: bool = False
    unit: str | None = None  # glued unit: "122mm"
    year_like: bool = False  # a bare 4-digit 1500..2099
    grouped: bool = False  # thousands grouped ("12,500"): a count, never a name's number
    low: Decimal | None = None  # vague quantities only
    high: Decimal | None = None

    @property
    def value(self) -> Decimal:
        return self.number * self.scale


def _digit_atoms(
    text: str, *, spaced_thousands: bool = False, decimal_comma: bool = False
) -> list[_Atom]:
    atoms = []
    pattern = (
        _DIGITS_DECIMAL_COMMA if decimal_comma else _DIGITS_SPACED if spaced_thousands else _DIGITS
    )
    for m in pattern.finditer(text):
        raw = m["num"]
        if decimal_comma:
            number = Decimal(re.sub(r"[.\s]", "", raw).replace(",", "."))
        else:
            number = Decimal(re.sub(r"[,\s]", "", raw))
        cur = m["cur"]
        code = cur.rstrip(". \t") if cur else None
        currency = (_CURRENCIES.get(code) or _CURRENCY_CODES[code]) if code else None
        scale = Decimal(1)
        unit = None
        glued = m["glued"]
        if m["scale"]:
            word = m["scale"].lower()
            scale = _SCALES.get(word) or _GLUED_SCALES.get(word) or _INDIAN_SCALES[word]
        elif glued in _GLUED_SCALES:
            scale = _GLUED_SCALES[glued]
        elif glued in _CURRENCY_GLUED_SCALES and currency:
            scale = _CURRENCY_GLUED_SCALES[glued]
        elif glued in _CURRENCY_GLUED_SCALES and _glued_scale(glued, text, m.end()):
            scale = _CURRENCY_GLUED_SCALES[glued]
        elif glued == "k":
            unit = "km"  # "a 5k race"
        elif glued:
            unit = glued.lower()  # "50MW" measures what "50mw" does
        bare = not (currency or m["scale"] or glued or m["pct"])
        year_like = bare and raw.isdigit() and len(raw) == 4 and 1500 <= int(raw) <= 2099
        grouped = re.search(r"\d[.\s]\d" if decimal_comma else r"\d[,\s]\d", raw) is not None
        atoms.append(
            _Atom(
                m.start(),
                m.end(),
                number,
                scale,
                "digits",
                currency=currency,
                percent=bool(m["pct"]),
                unit=unit,
                year_like=year_like,
                grouped=grouped,
            )
        )
    return atoms


def _glued_scale(glued: str, text: str, end: int) -> bool:
    """Whether a "k" or an "m" glued to a number with no currency is a thousand or a
    million, by the word after it: "235k followers" and "8.4m hectares", not "a 5k race"
    or "10m high"."""
    m = _NEXT_WORD.match(text, end)
    word = m[1].lower() if m else ""
    if word in _RACES:
        return False
    if glued == "k":
        return True
    return word in _UNITS or _is_plural(word)


def _parse_number_words(words: Sequence[str]) -> tuple[int, Decimal, Decimal] | None:
    """(words used, number, scale) for the longest well-formed prefix of number words.

    "three hundred and fifty" gives 350 and "twenty-five" 25; "two million" gives
    number 2 and scale 10**6, the trailing scale kept apart so that a range can lend it
    to its other end ("between two and three million").
    """
    total = Decimal(0)
    current = Decimal(0)
    last = ""  # the kind of the previous word
    big = Decimal(0)  # each thousand/million/... must be smaller than the one before
    used = 0
    for word in words:
        w = word.lower()
        if w in _SMALL:
            kind = "teen" if _SMALL[w] >= 10 else "unit"
            if last in ("unit", "teen") or (last == "tens" and kind == "teen"):
                break
            current += _SMALL[w]
        elif w in _TENS:
            kind = "tens"
            if last in ("unit", "teen", "tens"):
                break
            current += _TENS[w]
        elif w in ("hundred", "dozen"):
            kind = w
            if last in ("hundred", "dozen"):
                break
            current = (current or Decimal(1)) * (100 if w == "hundred" else 12)
        elif w in _SCALES:
            kind = "big"
            if last == "big" or (big and _SCALES[w] >= big):
                break
            total += (current or Decimal(1)) * _SCALES[w]
            current = Decimal(0)
            big = _SCALES[w]
        else:
            break
        last = kind
        used += 1
    if not used:
        return None
    value = total + current
    scale = _SCALES.get(words[used - 1].lower(), Decimal(1))
    return used, value / scale, scale


def _word_atoms(text: str) -> list[_Atom]:
    atoms = []
    for m in _WORDS.finditer(text):
        tokens = [
            (t.group(), m.start() + t.end())
            for t in _WORD_TOKEN.finditer(m.group())
            if t.group().lower() not in ("a", "and")
        ]
        parsed = _parse_number_words([word for word, _ in tokens])
        if parsed is None:
            continue
        used, number, scale = parsed
        if used == 1 and tokens[0][0].lower() in ("one", "zero") and not m["a"]:
            if not _AND_A_HALF.match(text, tokens[0][1]):
                continue  # "one of them", "no one", "zero tolerance"
        atoms.append(_Atom(m.start(), tokens[used - 1][1], number, scale, "words"))
    return atoms


# "one third of", "two-thirds of", "a quarter of", "three fifths of", "half of": a share.
_FRACTION_WORDS = re.compile(
    r"(?<![\w'’-])(?:(?P<n>a|one|two|three|four|five|six|seven|eight|nine)[^\S\n]*[-\s][^\S\n]*"
    r"(?P<d>thirds?|quarters?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)|"
    r"(?P<half>half))(?=[^\S\n]+of\b)(?![^\S\n]+of[^\S\n]+an?\b)",
    re.IGNORECASE,
)
_DENOMINATORS = {
    "third": 3, "quarter": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
    "tenth": 10,
}  # fmt: skip
# A half that is a part of a time or a thing, not a share: "the second half of the year".
_NOT_A_SHARE_BEFORE = re.compile(
    r"(?<![\w-])(?:the|a|first|second|third|last|latter|back|front|top|bottom|other|better|"
    r"lower|upper|northern|southern|eastern|western|[a-z]+ern)[^\S\n]+$",
    re.IGNORECASE,
)


def _fraction_word_atoms(text: str) -> list[_Atom]:
    """A fraction in words before "of" is a share, in per cent: "one third of the
    population" 33.33, "two-thirds of voters" 66.67, "more than half of Americans" 50;
    not one of a single thing ("a quarter of a century", "half of an hour")."""
    atoms = []
    for m in _FRACTION_WORDS.finditer(text):
        if m["half"]:
            if _NOT_A_SHARE_BEFORE.search(text, max(0, m.start() - 30), m.start()):
                continue
            share = Decimal(50)
        else:
            n = 1 if m["n"].lower() in {"a", "one"} else _SMALL[m["n"].lower()]
            d = _DENOMINATORS[m["d"].lower().removesuffix("s")]
            if n >= d or (n > 1) != m["d"].lower().endswith("s"):
                continue  # "four thirds", "two third", "one thirds": no share as written
            share = (Decimal(100 * n) / Decimal(d)).quantize(Decimal("0.01"))
        atoms.append(_Atom(m.start(), m.end(), share, Decimal(1), "share", percent=True))
    return atoms


# "half a million", "half a billion dollars": half of the scale after it.
_HALF_BEFORE = re.compile(r"(?<![\w-])half[^\S\n]+$", re.IGNORECASE)


def _half_of(text: str, atom: _Atom) -> _Atom:
    """ "half a million" is 500,000, not a million."""
    if atom.kind != "words" or atom.scale == 1 or text[atom.start : atom.start + 2] != "a ":
        return atom
    m = _HALF_BEFORE.search(text, max(0, atom.start - 8), atom.start)
    return atom if m is None else replace(atom, start=m.start(), number=atom.number / 2)


def _vague_atoms(text: str) -> list[_Atom]:
    atoms = []
    for m in _VAGUE.finditer(text):
        if m["few"]:
            unit = _VAGUE_UNITS[m["unit_s"].lower()]
        else:
            if m["unit"].lower() == "tens" and not m["unit2"]:
                continue
            unit = _VAGUE_UNITS[m["unit"].lower()]
            if m["unit2"]:
                unit *= _VAGUE_UNITS[m["unit2"].lower()]
        low, high = 2 * unit, 10 * unit
        atoms.append(_Atom(m.start(), m.end(), low, Decimal(1), "vague", low=low, high=high))
    return atoms


def _all_atoms(
    text: str, *, spaced_thousands: bool = False, decimal_comma: bool = False
) -> list[_Atom]:
    found = sorted(
        _digit_atoms(text, spaced_thousands=spaced_thousands, decimal_comma=decimal_comma)
        + _word_atoms(text)
        + _fraction_word_atoms(text)
        + _vague_atoms(text),
        key=lambda a: (a.start, -a.end),
    )
    atoms: list[_Atom] = []
    for atom in found:
        if atoms and atom.start < atoms[-1].end:
            continue
        atom = _half_of(text, _and_a_half(text, atom))
        atoms.append(_per_cent_after(text, _fraction_after(text, atom)))
    return _in_every(text, atoms)


# "six in 10 voters", "one in five Americans", "3 out of 4 doctors": a share.
_IN_EVERY_GAP = re.compile(r"[^\S\n]+(?:in|out[^\S\n]+of)[^\S\n]+", re.IGNORECASE)


def _in_every(text: str, atoms: list[_Atom]) -> list[_Atom]:
    """Two plain whole numbers joined by "in" or "out of", the first the smaller and the
    second at most 100, are one share in per cent: "six in 10 voters" is 60 per cent of
    voters, not six and 10 voters; "one in 10,000 people" stays a rate's base."""
    out: list[_Atom] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        b = atoms[i + 1] if i + 1 < len(atoms) else None
        if (
            b is not None
            and _IN_EVERY_GAP.fullmatch(text, a.end, b.start)
            and all(_plain_whole(x) for x in (a, b))
            and 0 < a.value < b.value <= 100
            and not _TIMES_AFTER.match(text, b.end)
        ):
            share = (a.value * 100 / b.value).quantize(Decimal("0.01"))
            out.append(_Atom(a.start, b.end, share, Decimal(1), "share", percent=True))
            i += 2
            continue
        one = _ONE_IN_BEFORE.search(text, max(0, a.start - 12), a.start)
        if (
            one is not None
            and _plain_whole(a)
            and 1 < a.value <= 100
            and not _TIMES_AFTER.match(text, a.end)
        ):
            # "one in five Americans": "one" alone is no atom ("one of them")
            share = (100 / a.value).quantize(Decimal("0.01"))
            out.append(_Atom(one.start(), a.end, share, Decimal(1), "share", percent=True))
            i += 1
            continue
        out.append(a)
        i += 1
    return out


_ONE_IN_BEFORE = re.compile(r"(?<![\w-])one[^\S\n]+(?:in|out[^\S\n]+of)[^\S\n]+$", re.IGNORECASE)
# A share written "six in 10", "one out of five" (`_in_every`).
_IN_EVERY_TEXT = re.compile(r"[^\S\n](?:in|out[^\S\n]+of)[^\S\n]", re.IGNORECASE)


# After "one in 10": a count of times, not of a group a share is of ("scored one in 10
# games", "twice in three years").
_TIMES_AFTER = re.compile(
    r"[^\S\n]+(?:games?|matches|match|starts?|appearances?|outings?|innings|seasons?|races?|"
    r"fights?|bouts?|years?|months?|weeks?|days?|hours?|minutes?|seconds?|tries|attempts?)"
    r"(?![\w-])",
    re.IGNORECASE,
)


def _plain_whole(atom: _Atom) -> bool:
    plain = not (atom.percent or atom.currency or atom.unit or atom.year_like or atom.grouped)
    return plain and atom.kind != "vague" and atom.scale == 1 and atom.number == int(atom.number)


# "3 1/4 Tbsp.", "1 1/2 tsp.": a whole number and a fraction of it.
_FRACTION_AFTER = re.compile(r"[^\S\n]+(?P<n>[1-9])/(?P<d>[2-9]|1[0-6])(?![\w/.,]\d|\d|/)")
# "five percent", "twenty per cent": a per cent written in words.
_PER_CENT_AFTER = re.compile(r"[^\S\n]+(?:per[^\S\n]?cent|percent)(?![\w-])", re.IGNORECASE)


def _fraction_after(text: str, atom: _Atom) -> _Atom:
    """The atom with the fraction that follows a whole number, if one does: "3 1/4" is
    3.25, not 3."""
    plain = not (atom.percent or atom.currency or atom.unit or atom.year_like or atom.grouped)
    if atom.kind != "digits" or atom.scale != 1 or not plain or atom.number != int(atom.number):
        return atom
    m = _FRACTION_AFTER.match(text, atom.end)
    if m is None or int(m["n"]) >= int(m["d"]):
        return atom
    return replace(atom, end=m.end(), number=atom.number + Decimal(m["n"]) / Decimal(m["d"]))


def _per_cent_after(text: str, atom: _Atom) -> _Atom:
    """A number in words with "percent" after it counts per cent ("five percent"), as
    one in digits does."""
    if atom.kind != "words" or atom.percent:
        return atom
    m = _PER_CENT_AFTER.match(text, atom.end)
    return atom if m is None else replace(atom, end=m.end(), percent=True)


# "two and a half years", "one and a half million people".
_AND_A_HALF = re.compile(
    r"[^\S\n]+and[^\S\n]+a[^\S\n]+half(?:[^\S\n]+(?P<scale>thousand|million|billion|trillion))?"
    r"(?![\w-])",
    re.IGNORECASE,
)


def _and_a_half(text: str, atom: _Atom) -> _Atom:
    """The atom with the half that follows it, if one does: 2.5, 1.5 million."""
    plain = not (atom.percent or atom.currency or atom.unit or atom.year_like)
    if atom.kind == "vague" or atom.scale != 1 or not plain or atom.number != int(atom.number):
        return atom
    m = _AND_A_HALF.match(text, atom.end)
    if m is None:
        return atom
    scale = _SCALES[m["scale"].lower()] if m["scale"] else Decimal(1)
    return replace(atom, end=m.end(), number=atom.number + Decimal("0.5"), scale=scale)


# --- context: sentences, names, dates ---------------------------------------------------


class _Context:
    """Where sentences and lines start in one text, for the rules that look around a
    number. Each question costs the same on a one-line megabyte as on a short article."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in _SENTENCE_BREAK.finditer(text)]
        # A headline in Title Case capitalises every word, so capitals mark no names.
        self.in_title_case_line = LineTest(text, _title_case)
        self.in_table_line = tabular_lines(text)
        # "Advertisement 2", "Slideshow ( 15 images )": a page's furniture counts nothing.
        self.furniture = find_furniture(text)
        self.codes = [m.span() for m in _PHONE.finditer(text) if _digit_count(m.group()) >= 7]
        self.codes = sorted(self.codes + [m.span() for m in _LETTER_PHONE.finditer(text)])
        if "10." in text:
            self.codes = sorted(self.codes + [m.span() for m in _DOI.finditer(text)])
        # Terminal control sequences pasted with a text ("\x1b[0m", "\x1b]8;;url\x07") hold
        # digits that count nothing: read like telephone numbers.
        if "\x1b" in text:
            self.codes = sorted(self.codes + [m.span() for m in _CONTROL.finditer(text)])
        if "\n" in text:
            self.codes = sorted(self.codes + _line_numbers(text))
        self._code_starts = [s for s, _ in self.codes]
        self.occasions: dict[int, _Occasion] = {}  # by figure start, for find_conflicts

    def in_code(self, pos: int) -> bool:
        k = bisect.bisect_right(self._code_starts, pos) - 1
        return k >= 0 and pos < self.codes[k][1]

    def sentence_start(self, pos: int) -> int:
        return self.starts[bisect.bisect_right(self.starts, pos) - 1]

    def opens_sentence(self, pos: int) -> bool:
        start = self.sentence_start(pos)
        while pos > start and self.text[pos - 1] in _OPENERS:
            pos -= 1
        return pos == start


# A line that holds a whole number and nothing else.
_NUMBER_LINE = re.compile(r"^[^\S\n]*(\d{1,4})[^\S\n]*$", re.MULTILINE)


def _line_numbers(text: str) -> list[tuple[int, int]]:
    """A code listing's line numbers, copied one a line ("1\\n2\\n3\\n ... 25"): three
    lines or more in a row, blank lines aside, each a whole number one more than the
    line before. They count nothing."""
    spans: list[tuple[int, int]] = []
    run: list[re.Match[str]] = []
    for m in _NUMBER_LINE.finditer(text):
        last = run[-1] if run else None
        if last and int(m[1]) == int(last[1]) + 1 and not text[last.end() : m.start()].strip():
            run.append(m)
            continue
        if len(run) >= 3:
            spans += [r.span(1) for r in run]
        run = [m]
    if len(run) >= 3:
        spans += [r.span(1) for r in run]
    return spans


_LIST_NUMBER = re.compile(r"[.)][^\S\n]")
# A whole number alone in brackets numbers or names something: a list item "(5)", a
# manual's section "rename(2)", a player's shirt "Stefon Diggs (14)".
_BRACKETED = re.compile(r"\(\d{1,3}\)")
# ... unless it follows the noun it counts: "more home runs (21) than ever".
_COUNTED_BEFORE = re.compile(r"(?<![\w'’-])[a-z]+s[^\S\n]$")
# After a number, what makes it part of a name: a street address ("800 Monroe Street",
# "10 Downing St.") or a book of scripture with its chapter and verse ("1 Peter 1:13").
_ADDRESS_AFTER = re.compile(
    r"[^\S\n]+(?:[A-Z][\w'’.-]*[^\S\n]+){1,3}"
    r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Drive|Place|Court|Square"
    r"|Parkway|Pkwy|Highway|Terrace)\b"
    # ... unless the street names what is counted: "5 Main Street shops"
    r"(?![^\S\n]+(?!(?:was|has|does|its|this|remains|sits)\b)[a-z]{2,}s\b)"
)
_SCRIPTURE_AFTER = re.compile(r"[^\S\n]+[A-Z][a-z]+[^\S\n]+\d{1,3}:\d")
_AGE_AFTER = re.compile(r"(?:[,;)]|\.(?:\s|$)|\s+years?\s+old\b)")
_NAME_COMMA_BEFORE = re.compile(r"[A-Z][\w'’-]+,[^\S\n]+$")
_OPENERS = frozenset(" \t\"“‘'(")
_MINOR_WORDS = frozenset({"a", "an", "the", "of", "to", "in", "on", "and", "or", "for", "at", "by"})


def _title_case(line: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", line) if w.lower() not in _MINOR_WORDS]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _word_before(text: str, pos: int) -> str | None:
    m = _WORD_BEFORE.search(text, max(0, pos - 40), pos)
    return m["word"] if m else None


def _is_label(text: str, atom: _Atom, ctx: _Context) -> bool:
    """A number that names something ("Mosul 2", "Resolution 2254", "page 5", "Covid-19",
    "800 Monroe Street", "1 Peter 1:13"), numbers an item ("14. Black Panther" opening a
    line, a reference "[2]") or gives a person's age ("Samuel Mitchell, 27, is ...")."""
    start = atom.start
    if start >= 2 and text[start - 1] == "-" and text[start - 2].isalpha():
        return True
    if atom.kind == "digits" and text[start] == "0" and text[start + 1 : start + 2].isdigit():
        return True  # a code, "01", "007": no quantity is written with a leading zero
    plain = not (atom.percent or atom.currency or atom.unit or atom.grouped)
    if atom.kind == "digits" and plain and atom.scale == 1:
        if _ADDRESS_AFTER.match(text, atom.end):
            return True
        if text[start : atom.end] in _EMERGENCY and (
            _noun_phrase(text, atom.end) is None or _EMERGENCY_AFTER.match(text, atom.end)
        ):
            return True  # "Mateen called 911", "911 calls"; not "911 confirmed cases"
        if atom.value <= 3 and _SCRIPTURE_AFTER.match(text, atom.end):
            return True
    if (
        atom.kind == "digits"
        and (
            (
                _LIST_NUMBER.match(text, atom.end)
                and (
                    text[text.rfind("\n", 0, start) + 1 : start].strip() == ""
                    or _after_furniture(text, start, ctx)  # a gallery's "<title> 2. <caption>"
                )
            )
            or (text[start - 1 : start] == "[" and text[atom.end : atom.end + 1] == "]")
            or (
                plain
                and start >= 1
                and _BRACKETED.match(text, start - 1)
                and not _COUNTED_BEFORE.search(text, max(0, start - 30), start - 1)
            )
            or _an_age(text, atom)
        )
    ):
        return True
    if atom.kind == "words" and atom.scale == 1 and _an_age(text, atom):
        return True  # "their two young sons Erik, nine, and Emil, seven"
    if _REFERENCE_LIST.search(text, max(0, start - 40), start):
        return True  # "sections 234 and 235", "at ages 18, 21, 26, 32 and 38"
    if atom.kind == "digits" and (
        _AGE_SPAN_BEFORE.search(text, max(0, start - 24), start)
        or _AGES_BEFORE.search(text, max(0, start - 20), start)
    ):
        return True  # "from age 26 to 38", "the purchase age from 18 to 21"
    word = _word_before(text, start)
    if word is not None:
        lower = word.lower()
        if lower in _LABEL_WORDS:
            return True
        ordinary = (
            lower in _STOP
            or lower in _QUALIFIER_OF
            or lower in ("between", "from")
            or lower.endswith(("'s", "’s", "s'", "s’"))  # "Russia's 20 tanks"
        )
        # "Mosul 2" names a thing; "Armee 12.500" (German capitals every noun) counts;
        # so does a number in words that opens a sentence ("... the EU. Seven out of 10"),
        # and one with a per cent, a currency or a scale, which no name's number has
        # ("Trump 45%, Clinton 42%", "EOG Power ₹22/unit").
        if (
            word[0].isupper()
            and not ordinary
            and not (atom.grouped or atom.percent or atom.currency or atom.scale != 1)
            and not ctx.in_title_case_line(start)
            and not (text[start].isupper() and ctx.opens_sentence(start))
        ):
            return True
    return (
        atom.kind == "words"
        and text[start].isupper()
        and not ctx.opens_sentence(start)
        and not ctx.in_title_case_line(start)
    )


def _is_date_or_time(text: str, atom: _Atom) -> bool:
    if atom.kind != "digits":
        return False
    if _TIME_AFTER.match(text, atom.end):
        return True
    day = atom.value == int(atom.value) and 1 <= atom.value <= 31 and not atom.currency
    if day and not atom.percent and atom.scale == 1:
        before = _DATE_BEFORE.search(text, max(0, atom.start - 12), atom.start)
        if before or _DATE_AFTER.match(text, atom.end):
            return True
        # The next days of the month in a list ("Dec. 5 and 12", "March 3, 10 and 17"),
        # unless a counted noun follows ("on Dec. 5 and 12 people came").
        listed = _DAYS_BEFORE.search(text, max(0, atom.start - 40), atom.start)
        return bool(listed) and _noun_phrase(text, atom.end) is None
    return False


def _is_quantity(text: str, atom: _Atom, ctx: _Context) -> bool:
    if ctx.furniture and ctx.furniture.covered(atom.start, atom.end):
        return False
    if atom.kind == "vague":
        return True
    if ctx.in_code(atom.start):
        return False
    if _COMPOUND_AFTER.match(text, atom.end):
        return False  # "a 10-year sentence", "a 122-mm gun"
    if _an_open_compound(text, atom):
        return False  # "a 10 year sentence", "a 37 foot wall"
    return not (_is_label(text, atom, ctx) or _is_date_or_time(text, atom))


def _an_open_compound(text: str, atom: _Atom) -> bool:
    """Whether a number other than one, with no unit of its own, opens a compound
    without its hyphens ("a 10 year sentence", "a 6 month long fight"), not a measure
    ("He stands 6 foot tall", "70 mile an hour")."""
    if atom.value == 1 or atom.percent or atom.currency or atom.unit:
        return False
    if not _OPEN_COMPOUND_AFTER.match(text, atom.end):
        return False
    measure = _MEASURE_AFTER.match(text, atom.end) and not _ARTICLE_BEFORE.search(
        text, max(0, atom.start - 4), atom.start
    )
    return not measure


def _an_age(text: str, atom: _Atom) -> bool:
    """A person's age after their name and a comma: "Samuel Mitchell, 27, is ..."."""
    return bool(
        atom.value <= 120
        and not (atom.percent or atom.currency or atom.unit)
        and _AGE_AFTER.match(text, atom.end)
        and _NAME_COMMA_BEFORE.search(text, max(0, atom.start - 40), atom.start)
    )


def _after_furniture(text: str, start: int, ctx: _Context) -> bool:
    """Whether only spaces part `start` from furniture before it on its line."""
    k = start
    while k > 0 and text[k - 1] in " \t":
        k -= 1
    return k > 0 and k < start and bool(ctx.furniture) and (k - 1) in ctx.furniture


def _in_year_context(text: str, atom: _Atom) -> bool:
    return atom.year_like and bool(_YEAR_BEFORE.search(text, max(0, atom.start - 40), atom.start))


# --- figures: atoms joined into ranges, with qualifier and counts -------------------------


# "a 737-800 aircraft", "A330-300 jets": a model, not 737 to 800 of them.
_MODEL_NUMBER = re.compile(r"\d{3}-\d{3}")
_MODEL_AFTER = re.compile(
    r"[^\S\n]+(?:aircraft|airliners?|jets?|planes?|flights?|models?|series|max)(?![\w-])",
    re.IGNORECASE,
)
# The emergency number: "called 911", "911 calls" (not "911 confirmed cases").
_EMERGENCY = frozenset({"911"})
_EMERGENCY_AFTER = re.compile(
    r"[^\S\n]+(?:calls?|call(?:er|ers)|dispatch(?:er|ers)?|operators?|cent(?:er|re)s?|"
    r"system|emergency|tapes?|recordings?|lines?|truthers?)(?![\w-])",
    re.IGNORECASE,
)


def _range_start(text: str, a: _Atom, b: _Atom) -> int | None:
    """Where the range of a and b starts ("between", "from" or a), or None if no range."""
    if a.kind == "vague" or b.kind == "vague" or a.year_like != b.year_like:
        return None  # "sentenced in 2014 to five years" is no range
    if _AGES_BEFORE.search(text, max(0, a.start - 20), a.start):
        return None  # "girls ages 6-13": who, not how many
    if (a.percent and not b.percent) or (a.currency and b.currency and a.currency != b.currency):
        return None  # "rose 16% to 1.8 billion euros": two quantities
    gap = text[a.end : b.start]
    if _RANGE_GAPS["hyphen"].fullmatch(gap):
        if (
            _MODEL_NUMBER.fullmatch(text, a.start, b.end)
            and _MODEL_AFTER.match(text, b.end)
            and (a.number % 10 or b.number % 10)  # "300-400 planes" is a range
        ):
            return None  # "737-800 aircraft": a model's name, no range
        chained = _CHAIN_BEFORE.search(text, max(0, a.start - 6), a.start) or _CHAIN_AFTER.match(
            text, b.end
        )
        if chained:
            return None  # "1-877-927-6337", "(503) 399-6801", "2010-01-07"
        if a.kind == "digits" and b.kind == "digits" and a.number < b.number:
            return a.start
        return None
    if _RANGE_GAPS["and"].fullmatch(gap):
        m = _BETWEEN_BEFORE.search(text, max(0, a.start - 20), a.start)
        return m.start() if m else None
    if _RANGE_GAPS["to"].fullmatch(gap):
        lo = max(0, a.start - 60)
        if _CHANGE_BEFORE.search(text, lo, a.start):
            return None  # "rose from 10 to 20": two figures, before and after
        m = _FROM_BEFORE.search(text, lo, a.start)
        return m.start() if m else a.start
    if _RANGE_GAPS["or"].fullmatch(gap):
        return a.start
    return None


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    low: Decimal
    high: Decimal
    value: Decimal | None
    qualifier: str | None
    fixed_counts: str | None = None  # from a unit, currency or per-cent marker
    skip_of: bool = False  # "hundreds of people": the counted noun comes after "of"
    year_like: bool = False


def _unit_counts(atoms: Sequence[_Atom]) -> str | None:
    if any(a.percent for a in atoms):
        return "per cent"
    currency = next((a.currency for a in atoms if a.currency), None)
    if currency:
        return currency
    return atoms[-1].unit


def _range_candidate(start: int, a: _Atom, b: _Atom) -> _Candidate:
    first = a.value
    if a.scale == 1 and b.scale != 1 and a.number < b.number:
        first = a.number * b.scale  # "between 1.5 and 2 million"
    low, high = sorted((first, b.value))
    return _Candidate(
        start=start,
        end=b.end,
        low=low,
        high=high,
        value=None,
        qualifier="range",
        fixed_counts=_unit_counts((a, b)),
    )


def _single_candidate(text: str, atom: _Atom) -> _Candidate:
    if atom.kind == "vague":
        assert atom.low is not None and atom.high is not None
        return _Candidate(
            start=atom.start,
            end=atom.end,
            low=atom.low,
            high=atom.high,
            value=None,
            qualifier="about",
            skip_of=True,
        )
    start = atom.start
    qualifier = None
    m = _QUALIFIER_BEFORE.search(text, max(0, start - 20), start)
    if m:
        qualifier = _QUALIFIER_OF[m["q"].lower()]
        start = m.start()
        if qualifier in _NEGATED and _NEGATION_BEFORE.search(text, max(0, start - 30), start):
            qualifier = _NEGATED[qualifier]  # "never made it above 8,000 feet": up to
        outer = _QUALIFIER_BEFORE.search(text, max(0, start - 20), start)
        if outer and _QUALIFIER_OF[outer["q"].lower()] in _BOUNDS:
            # "as much as almost $30 million": the bound holds, "almost" only rounds it
            qualifier = _QUALIFIER_OF[outer["q"].lower()]
            start = outer.start()
    elif after := _OR_AFTER.match(text, atom.end):
        qualifier = _OR_QUALIFIER[after["q"].lower()]  # "$100 or less", "500 votes or more"
    return _Candidate(
        start=start,
        end=atom.end,
        low=atom.value,
        high=atom.value,
        value=atom.value,
        qualifier=qualifier,
        fixed_counts=_unit_counts((atom,)),
        year_like=atom.year_like,
    )


def _lend_unit(a: _Atom, b: _Atom) -> None:
    """ "from 10 to 20 per cent": the start of a change shares the end's unit."""
    if a.percent or a.currency or a.unit or b.kind == "vague":
        return
    a.percent, a.currency = b.percent, b.currency
    if a.scale == 1 and b.scale != 1 and a.number < b.number:
        a.scale = b.scale


def _candidates(text: str, atoms: list[_Atom]) -> list[_Candidate]:
    out = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        b = atoms[i + 1] if i + 1 < len(atoms) else None
        gap = text[a.end : b.start] if b is not None else ""
        start = _range_start(text, a, b) if b is not None else None
        if b is not None and start is not None:
            if not (a.year_like and b.year_like):  # "2015-2016", "from 1999 to 2005"
                out.append(_range_candidate(start, a, b))
            i += 2
            continue
        if b is not None and a.kind == b.kind == "digits" and _RANGE_GAPS["hyphen"].fullmatch(gap):
            i += 2  # "3-1", "2015-16": scores and seasons
            continue
        if b is not None and _CHANGE_GAP.fullmatch(gap):
            _lend_unit(a, b)
        if not (
            _in_year_context(text, a)
            or _HYPHEN_PAIR_BEFORE.search(text, max(0, a.start - 3), a.start)
        ):
            out.append(_single_candidate(text, a))
        i += 1
    return out


def _is_plural(word: str) -> bool:
    if word in _IRREGULAR_PLURALS:
        return True
    if word.endswith(_IRREGULAR_ENDINGS) and word not in _NOT_IRREGULAR:
        return True
    return (
        len(word) > 3
        and word.endswith("s")
        and not word.endswith(_NOT_PLURAL_ENDINGS)
        and word not in _STOP
    )


def _noun_phrase(text: str, pos: int, limit: int | None = None) -> str | None:
    """The counted noun phrase starting at `pos`: up to four words, ending at its head
    ("five top real-estate business executives")."""
    words: list[str] = []
    named: list[bool] = []  # whether each word is capitalised: a name's, in mid-phrase
    ends: list[int] = []
    end = len(text) if limit is None else limit
    while len(words) < 4:
        m = _NP_WORD.match(text, pos, end)
        if not m:
            break
        word = m["word"].lower().replace("’", "'")
        if word in _STOP or word.endswith("'s") or word in _SMALL or word in _TENS:
            break
        words.append(word)
        named.append(m["word"][:1].isupper())
        ends.append(m.end())
        pos = m.end()
    if len(words) > 1 and words[0] in _AREA_OR_VOLUME and words[1] in _LENGTHS:
        return " ".join(words[:2])  # "65,000 sq ft": square feet, not "sq"
    if words and words[0] in _UNITS:
        return words[0]  # "122 mm artillery" measures in mm
    if words and words[0] in _INVARIANT_CURRENCIES and not any(map(_is_plural, words[1:])):
        return words[0]
    for k, word in enumerate(words):
        if word in _WEAK_HEADS and k + 1 < len(words) and _is_plural(words[k + 1]):
            continue  # "personnel carriers", "police officers"
        after = words[k + 1] if k + 1 < len(words) else ""
        if named[k] and not after.endswith("ed") and (_is_plural(after) or after in _WEAK_HEADS):
            continue  # "three Minneapolis men", "20 Texas teachers": a name's "s"
        if word in _WEAK_HEADS or _is_plural(word):
            if k == 0 and word in _CASUALTIES:
                # "100 killed and wounded": both, another count than "27 killed".
                both = _BOTH_CASUALTIES.match(text, ends[0], end)
                if both is not None and both["other"].lower() != word:
                    return f"{word} {both['joint'].lower()} {both['other'].lower()}"
            return " ".join(words[: k + 1])
    return None


def _counts_before(text: str, lo: int, hi: int) -> str | None:
    """What text[lo:hi] said is counted: "the number of X" first (the last one), then
    "X numbered/totalled", then "X toll"."""
    for m in reversed(list(_NUMBER_OF.finditer(text, lo, hi))):
        phrase = _noun_phrase(text, m.end(), hi)
        if phrase:
            return phrase
    for m in reversed(list(_NUMBERED.finditer(text, lo, hi))):
        tail: list[str] = []
        for word in reversed(m["np"].split()):
            if word.lower() in _STOP:
                break
            tail.insert(0, word.lower())
        if tail:
            return " ".join(tail)
    for m in reversed(list(_TOLL.finditer(text, lo, hi))):
        if m["what"].lower() not in _STOP:
            return f"{m['what'].lower()} toll"
    return None


_EXTENT = frozenset("entire whole total overall national global presidential top".split())


def _leads_on(word: str) -> bool:
    """Whether a word of a whole's name wants the next: a possessive or an adjective
    of extent."""
    return word.endswith("'s") or word in _EXTENT


_OF_WHOLE = re.compile(r"[^\S\n]+of(?:[^\S\n]+(?P<det>the|their|its|his|her|all))?(?![\w-])")


def _per_cent_of(text: str, pos: int) -> str:
    """What a per cent at `pos` is a share of, as the Counts of a reader's table: "per
    cent of the vote", "per cent of germans" (a counted noun phrase, else one word);
    "per cent" alone where no "of" follows."""
    m = _OF_WHOLE.match(text, pos)
    if m is None:
        return "per cent"
    phrase = _noun_phrase(text, m.end())  # "of voters", "of young Minnesotans"
    if phrase is not None:
        words = phrase.split()
    else:  # a singular whole: "of the vote", "of the cobalt and nickel"
        words = []
        pos = m.end()
        # One word, and the next after a possessive or an adjective of extent ("the
        # world's population", "the entire population"): more would run into a verb.
        while len(words) < 3 and (w := _NP_WORD.match(text, pos)) is not None:
            word = w["word"].lower().replace("’", "'")
            if word in _STOP or (words and not _leads_on(words[-1])):
                break
            words.append(word)
            pos = w.end()
        if not words:
            return "per cent"
    return " ".join(["per cent of", *([m["det"].lower()] if m["det"] else []), *words])


def _counts(text: str, cand: _Candidate, ctx: _Context, look_from: int) -> tuple[str | None, bool]:
    """(counts, whether it came from right after the figure). Looking back, stop at
    `look_from`: what the sentence named before an earlier figure was that one's."""
    if cand.fixed_counts == "per cent":
        share = _per_cent_of(text, cand.end)  # "81 percent of Germans"
        if share == "per cent" and _IN_EVERY_TEXT.search(text, cand.start, cand.end):
            phrase = _noun_phrase(text, cand.end)  # "six in 10 voters": of voters
            if phrase is not None:
                return f"per cent of {phrase}", True
        return share, True
    if cand.fixed_counts:
        return cand.fixed_counts, True
    pos = cand.end
    if cand.skip_of:
        m = _OF_AFTER.match(text, pos)
        pos = m.end() if m else pos
    phrase = _noun_phrase(text, pos)
    if phrase:
        return phrase, True
    more = _MORE_AFTER.match(text, pos)
    if more:
        phrase = _noun_phrase(text, more.end())
        if phrase and not phrase.split()[0].endswith("ed"):  # "dozens more involved ..."
            return phrase, True  # "dozens more corporate clients"
    part = _PART_AFTER.match(text, cand.end)
    if part:
        phrase = _noun_phrase(text, part.end())
        if phrase:
            return phrase, True  # "three of the seven planets" counts planets
    harmed = _HARMED_AFTER.match(text, cand.end)
    if harmed:  # "at least 20 were killed", "49 died"
        return ("dead" if harmed["died"] else harmed["how"].lower()), True
    verb = _HARMING_BEFORE.search(text, max(0, cand.start - 12), cand.start)
    if verb:
        return _HARMED[verb["verb"][:4].lower()], False  # "killing 62 on board"
    body = _BODY_BEFORE.search(text, max(0, cand.start - 40), cand.start)
    if body:
        return body["body"].lower(), False  # "a crowd of 5,000", "put the crowd at 50,000"
    lo = max(ctx.sentence_start(cand.start), look_from)
    return _counts_before(text, lo, cand.start), False


# The people a figure counts by what was done to them, where no noun says who: "killing
# 62 on board", "injuring 11", "at least 20 were killed", "81 were suspended".
_HARMED = {"kill": "killed", "inju": "injured", "woun": "wounded"}
_HARMING_BEFORE = re.compile(
    r"(?<![\w-])(?P<verb>kill(?:ing|ed|s)?|injur(?:ing|ed|es|e)|wound(?:ing|ed|s)?)[^\S\n]+$",
    re.IGNORECASE,
)
# A body of people named before its size: "a crowd of 5,000", "a crew of 134", "put the
# crowd at 50,000".
_BODY_BEFORE = re.compile(
    r"(?<![\w-])(?:a|an|the|its|their|his|her)[^\S\n]+(?:[a-z]+[^\S\n]+)?"
    r"(?P<body>crowd|crew|army|workforce|fleet|audience|congregation|delegation|convoy"
    r"|caravan|population)[^\S\n]+(?:of|at)[^\S\n]+$",
    re.IGNORECASE,
)
_HARMED_AFTER = re.compile(
    r"[^\S\n]+(?:(?:were|have[^\S\n]+been|had[^\S\n]+been|are|was)[^\S\n]+"
    r"(?P<how>[a-z]{3,}ed|hurt|shot)|(?:have[^\S\n]+)?(?P<died>died))\b",
    re.IGNORECASE,
)


# "dozens more corporate clients", "50 fewer jobs", "10 other states": the noun comes
# after the comparison.
_MORE_AFTER = re.compile(
    r"[^\S\n]+(?:more|fewer|less|additional|extra|other)(?=[^\S\n])", re.IGNORECASE
)
# "... put the figure closer to 40": the figure is the one just given.
_REFERS_BACK = re.compile(
    r"\b(?:the|that|this|their|its)\s+(?:figure|number|estimate|total|tally|count)s?\b",
    re.IGNORECASE,
)


def _referred_counts(text: str, cand: _Candidate, ctx: _Context, previous: Figure) -> str | None:
    """The counts of the previous figure, when this one's sentence refers back to it
    ("the figure", "that number") and it stood in this sentence or the one before."""
    if previous.counts is None:
        return None
    start = ctx.sentence_start(cand.start)
    before = ctx.sentence_start(max(0, start - 1))
    if previous.start < before or not _REFERS_BACK.search(text, start, cand.start):
        return None
    return previous.counts


# "earn six figures": an income of so many digits, no count of figures.
_FIGURES_IDIOM = re.compile(r"(?i:four|five|six|seven|eight|nine|ten)")
# A bare number listed after a figure, with where it was counted and no noun: "176 homes
# were lost; 89 in Conjola Park, 40 at Malua Bay", "655 attacks in Iraq and 95 in Syria".
_LISTED_BEFORE = re.compile(r"(?:[,;]|[,;]?[^\S\n]+and)[^\S\n]+$")
_LISTED_AFTER = re.compile(r"[^\S\n]+(?:in|at|on|from|across)[^\S\n]+[A-Z]")


def _listed(text: str, start: int, end: int) -> bool:
    return bool(
        _LISTED_BEFORE.search(text, max(0, start - 6), start) and _LISTED_AFTER.match(text, end)
    )


def _listed_counts(text: str, cand: _Candidate, ctx: _Context, previous: Figure) -> str | None:
    """The counts of the figure before, in the same sentence, for a number listed after
    it with only a place (`_LISTED_BEFORE`, `_LISTED_AFTER`): a part of it, or the same
    thing counted elsewhere."""
    if previous.counts is None or cand.fixed_counts is not None or cand.year_like:
        return None
    if ctx.sentence_start(previous.start) != ctx.sentence_start(cand.start):
        return None
    return previous.counts if _listed(text, cand.start, cand.end) else None


def find_figures(
    text: str, *, spaced_thousands: bool = False, decimal_comma: bool = False
) -> list[Figure]:
    """Every figure in `text`, in order, with its value, bounds, qualifier and counts.

    With `spaced_thousands`, a plain space groups thousands too ("3 000"), as in most
    languages other than English. With `decimal_comma` (which implies it), a dot groups
    thousands and a comma marks the decimals: "1.200,5" is 1200.5.
    """
    ctx = _Context(text)
    found = _all_atoms(text, spaced_thousands=spaced_thousands, decimal_comma=decimal_comma)
    atoms = [a for a in found if _is_quantity(text, a, ctx)]
    figures: list[Figure] = []
    look_from = 0
    for cand in _candidates(text, atoms):
        counts, after = _counts(text, cand, ctx, look_from)
        if counts is None and figures:
            counts = _referred_counts(text, cand, ctx, figures[-1]) or _listed_counts(
                text, cand, ctx, figures[-1]
            )
        if not _CHANGE_AFTER.match(text, cand.end):
            look_from = cand.end  # but "from 10 to 40 deaths": both ends count deaths
        if cand.year_like and not after:
            continue  # a bare 1500..2099 that counts nothing is a year
        if counts == "figures" and _FIGURES_IDIOM.fullmatch(text, cand.start, cand.end):
            continue  # "earn six figures": an income of so many digits
        if cand.fixed_counts is None and ctx.in_table_line(cand.start):
            # A cell of a table flattened into a line ("The economy 92 53 43 Trump +18
            # Taxes"): what it counts is in a header the line lost, and the noun after
            # it is the next row's.
            continue
        figures.append(
            Figure(
                start=cand.start,
                end=cand.end,
                value=None if cand.value is None else float(cand.value),
                low=float(cand.low),
                high=float(cand.high),
                counts=counts,
                qualifier=cand.qualifier,
                text=text[cand.start : cand.end],
            )
        )
    return figures


# --- conflicts --------------------------------------------------------------------------

_FOLD_WORDS = {
    2: "twofold", 3: "threefold", 4: "fourfold", 5: "fivefold", 6: "sixfold",
    7: "sevenfold", 8: "eightfold", 9: "ninefold", 10: "tenfold",
}  # fmt: skip


def _spread(ratio: float) -> str:
    """ "a tenfold spread", "a 14.5-fold spread", "an 11-fold spread"."""
    whole = round(ratio)
    if whole in _FOLD_WORDS and abs(ratio - whole) < 0.05:
        return f"{'an' if whole == 8 else 'a'} {_FOLD_WORDS[whole]} spread"
    number = f"{ratio:,.1f}".removesuffix(".0")
    article = "an" if number.startswith("8") or re.match(r"1[18](?:[.,]|$)", number) else "a"
    return f"{article} {number}-fold spread"


def _count_key(counts: str) -> str:
    """Compare "tank" with "tanks": the last word, crudely singular. A share of anything
    is a per cent ("per cent of the vote"), a measure like any other per cent."""
    if counts.startswith("per cent"):
        return "per cent"
    *rest, last = counts.split()
    if last.endswith("ies") and len(last) > 4:
        last = last[:-3] + "y"
    elif last.endswith("s") and not last.endswith(("ss", "us")) and len(last) > 3:
        last = last[:-1]
    return " ".join([*rest, last])


def _interval(figure: Figure) -> tuple[float, float]:
    if figure.qualifier in ("more than", "at least"):
        return figure.low, float("inf")
    if figure.qualifier in ("less than", "up to"):
        return 0.0, figure.high
    return figure.low, figure.high


def _gap_ratios(low: float, high: float, lows: np.ndarray, highs: np.ndarray) -> np.ndarray:
    """How many times apart one figure's bounds are from each of many: 1 where they
    overlap (or the lower bound is 0)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        above = lows / high if high > 0 else np.ones_like(lows)
        below = np.where(highs > 0, low / highs, 1.0)
    return np.where(high < lows, above, np.where(highs < low, below, 1.0))


def _linked(text: str, a: Figure, b: Figure) -> bool:
    """Two ends of one change ("from 10 to 40"): before and after, not two estimates."""
    first, second = sorted((a, b), key=lambda f: f.start)
    return bool(_CHANGE_GAP.fullmatch(text, first.end, second.start))


def _unlinked(text: str, figures: Sequence[Figure], side: list[int], other: list[int]) -> set[int]:
    """The figures of `side` that are not linked to every figure of `other`."""
    return {a for a in side if any(not _linked(text, figures[a], figures[b]) for b in other)}


# Across figures, counts under 10 are not compared: "two speakers" and "five members" are
# different groups far more often than two estimates of one. Figures 100 or more times
# apart are taken for different quantities ("eight people" died in a city of "12
# million people"). Ranges are one quantity by construction and keep no upper limit.
_SMALLEST_COMPARED = 10.0
_UNRELATED_RATIO = 100.0


# Counts so general ("people", "men") that two of them are two groups unless their
# sentences say the same thing happened to both: a word of one of these families each.
_GENERIC_COUNTS = frozenset(
    "people person men man women woman children child adult individual".split()
)
_EVENTS = {
    word: family
    for family, words in {
        "death": "killed killing killings dead died die dies death deaths fatalities perished",
        "injury": "injured injuring injuries wounded wounding hurt",
        "arrest": "arrested arrests detained detention jailed",
        "displacement": "displaced evacuated evacuation homeless fled flee refugees",
        "missing": "missing",
        "rescue": "rescued saved",
        "infection": "infected infections cases sick ill",
    }.items()
    for word in words.split()
}
_YEAR = re.compile(r"(?<![\w.,-])(?:1[89]|20)\d\d(?![\w-]|[.,]\d)")


def _sentence(ctx: _Context, figure: Figure) -> str:
    start = ctx.sentence_start(figure.start)
    after = bisect.bisect_right(ctx.starts, figure.end)
    end = ctx.starts[after] if after < len(ctx.starts) else len(ctx.text)
    return ctx.text[start:end]


_PART_OF = re.compile(
    r"(?<![\w-])(?:including|includes|included|of\s+which|of\s+whom|of\s+them|out\s+of|"
    r"(?:a\s+)?(?:small\s+|large\s+)?(?:portion|part|share|fraction|majority|minority)\s+of|"
    r"among\s+them)(?![\w-])",
    re.IGNORECASE,
)
_PLACE_AFTER = re.compile(
    r"[^.!?\n]{0,50}?(?<![\w-])(?:in|on|at|across)\s+(?:the\s+)?(?:[a-z]+\s+){0,2}?"
    rf"(?!(?:{_MONTHS}|{_WEEKDAYS})\b)(?P<place>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)"
)


def _place(text: str, figure: Figure) -> str | None:
    """The capitalised place named soon after a figure in its sentence ("homes ... in
    neighbouring Victoria", "strikes in Iraq"), or None."""
    m = _PLACE_AFTER.match(text, figure.end)
    return m["place"] if m else None


# A sentence that opens on its whole: "Of the 145 arrested, 86 had criminal convictions;
# 39 were arrested ...".
_OF_THE_WHOLE = re.compile(
    r"[\W_]*of[^\S\n]+(?:(?:all[^\S\n]+)?(?:the|those|these)[^\S\n]+)?$", re.I
)


def _part_of(ctx: _Context, a: Figure, b: Figure) -> bool:
    """One figure given as part of the other in one sentence: "34 counts, including 17
    counts of murder", "the 21 pages make up a small portion of the 412 pages", "Of the
    145 arrested, ... 39 were arrested ..."."""
    early, late = sorted((a, b), key=lambda f: f.start)
    start = ctx.sentence_start(early.start)
    if start != ctx.sentence_start(late.start):
        return False
    if _OF_THE_WHOLE.fullmatch(ctx.text, start, early.start):
        return True
    return bool(_PART_OF.search(ctx.text, early.end, late.start))


def _any_part_of(
    ctx: _Context, figures: Sequence[Figure], side: list[int], other: list[int]
) -> bool:
    """Whether a figure of `side` is part of one of `other` or the other way round (only
    figures of one sentence can be), wherever either is repeated."""
    by_sentence: dict[int, list[int]] = {}
    for b in other:
        by_sentence.setdefault(ctx.sentence_start(figures[b].start), []).append(b)
    return any(
        _part_of(ctx, figures[a], figures[b])
        for a in side
        for b in by_sentence.get(ctx.sentence_start(figures[a].start), ())
    )


def _same_occasion(first: _Occasion, second: _Occasion, *, generic: bool) -> bool:
    """Whether two figures for one noun could be two estimates of one quantity: not when
    a place follows one and not the other, or another place; not when their sentences
    name different years ("in 1918 killed 116 people", "in 2017 killed
    about 3,000"), and, for people in general (`generic`), only when both sentences say
    the same kind of thing happened to them (killed, injured, arrested, displaced...)."""
    if first.sentence == second.sentence:
        return True
    if first.place != second.place:
        return False  # "200 homes ... in Victoria" is part of "2,000 homes" in all
    if first.years and second.years and not first.years & second.years:
        return False
    if not generic:
        return True
    return bool(first.events & second.events)


def _on_same_occasion(
    ctx: _Context, figures: Sequence[Figure], side: list[int], other: list[int]
) -> list[int]:
    """The figures of `side` that could be estimates of one quantity with some figure of
    `other`. The figures of `other` are read as their sentences and their distinct
    occasions apart from the sentence, so a noun repeated thousands of times on both
    sides costs the number of its figures, not of their pairs."""
    occasions = [_occasion(ctx, figures[b]) for b in other]
    sentences = {o.sentence for o in occasions}
    kinds = {replace(o, sentence=-1) for o in occasions}
    generic = _count_key(figures[side[0]].counts or "").split()[-1] in _GENERIC_COUNTS
    kept = []
    for a in side:
        first = _occasion(ctx, figures[a])
        if first.sentence in sentences or any(
            _same_occasion(first, kind, generic=generic) for kind in kinds
        ):
            kept.append(a)
    return kept


@dataclass(frozen=True, slots=True)
class _Occasion:
    sentence: int  # where it starts
    place: str | None
    years: frozenset[str]
    events: frozenset[str]


def _occasion(ctx: _Context, figure: Figure) -> _Occasion:
    """What `_same_occasion` reads around a figure, worked out once per figure: an article
    that gives one noun hundreds of figures compares them pairwise."""
    known = ctx.occasions.get(figure.start)
    if known is None:
        sentence = _sentence(ctx, figure)
        words = re.findall(r"[a-z]+", sentence.lower())
        known = _Occasion(
            ctx.sentence_start(figure.start),
            _place(ctx.text, figure),
            frozenset(_YEAR.findall(sentence)),
            frozenset(_EVENTS[w] for w in words if w in _EVENTS),
        )
        ctx.occasions[figure.start] = known
    return known


def _sums(figures: Sequence[Figure], members: list[int]) -> set[int]:
    """The figures of a group that add up: a total ("720 rounds") and two or three
    parts of it given apart ("600 rounds", "120 rounds"), which never disagree."""
    values: dict[int, float] = {}
    for index in members:
        value = figures[index].value
        if value is not None and value not in values.values() and len(values) < 12:
            values[index] = value
    found: set[int] = set()
    order = sorted(values, key=lambda i: figures[i].start)
    for total_index, total in values.items():
        low, high = _interval(figures[total_index])
        for size in (2, 3):
            # Parts are listed together, one after another, apart from their total:
            # three competing counts (1,000, 3,000, 2,000 protesters) are no sum.
            for k in range(len(order) - size + 1):
                run = order[k : k + size]
                if total_index in run or any(values[i] >= total for i in run):
                    continue
                parts = [(i, values[i]) for i in run]
                added = sum(v for _, v in parts)
                top = high if high != float("inf") else added
                # One off still adds up: a gunman counted or not ("Thirty-nine people and
                # Mateen", "Eleven people" of "49 people" killed).
                if low * 0.995 - 1 <= added <= top * 1.005 + 1:
                    found |= {total_index, *(i for i, _ in parts)}
    # Repeats of a summed value ("720 rounds" twice) go with it.
    summed = {figures[i].value for i in found}
    return {i for i in members if figures[i].value in summed} if found else set()


def _compared(figure: Figure) -> bool:
    """Whether a figure counts something that two estimates could disagree on: a noun,
    not a measure (per cent, money, lengths, durations, ages)."""
    if figure.counts is None:
        return False
    key = _count_key(figure.counts)
    return key not in _NOT_COMPARED and key.split()[0] not in _AREA_OR_VOLUME  # "sq km"


def find_conflicts(
    text: str, figures: Sequence[Figure], *, min_ratio: float = 2.0
) -> list[FigureConflict]:
    """Ranges spanning `min_ratio` or more, and figures for one thing that far apart."""
    conflicts = []
    for index, figure in enumerate(figures):
        if figure.qualifier == "range" and figure.low > 0 and _compared(figure):
            ratio = figure.high / figure.low
            if ratio >= min_ratio:
                what = f" {figure.counts}" if figure.counts else ""
                note = (
                    f"{format_quantity(figure.low)} to {format_quantity(figure.high)}{what}: "
                    f"{_spread(ratio)}"
                )
                conflicts.append(FigureConflict((index,), ratio, note))
    ctx: _Context | None = None  # built when two figures are compared
    groups: dict[str, list[int]] = {}
    for index, figure in enumerate(figures):
        if (
            _compared(figure)
            and figure.high >= _SMALLEST_COMPARED
            and not _INCREMENT_BEFORE.search(text, max(0, figure.start - 30), figure.start)
            and not _RATE_BEFORE.search(text, max(0, figure.start - 30), figure.start)
            and not _PART_AFTER.match(text, figure.end)
            and not _listed(text, figure.start, figure.end)  # a part, or another place's
        ):
            groups.setdefault(_count_key(figure.counts), []).append(index)  # type: ignore[arg-type]
    for members in groups.values():
        involved: set[int] = set()
        worst = 1.0
        # Compare distinct bounds, not every pair of figures: an article that repeats "400
        # jobs" and "40" a thousand times has two bounds, not a million pairs. Equal bounds
        # never disagree; a figure counts when some figure of the other bounds is not the
        # other end of its own change ("from 10 to 40"), which only a neighbour can be.
        summed = _sums(figures, members)  # once: it reads the whole group
        members = [m for m in members if m not in summed]
        by_bounds: dict[tuple[float, float], list[int]] = {}
        for index in members:
            by_bounds.setdefault(_interval(figures[index]), []).append(index)
        bounds = list(by_bounds.values())
        lows, highs = np.array([_interval(figures[side[0]]) for side in bounds]).reshape(-1, 2).T
        done = np.zeros(len(bounds), dtype=bool)  # every figure of the bound is involved
        for n, side_a in enumerate(bounds):
            # The ratios of one bound to all later ones at once: a table of thousands of
            # distinct figures for one noun is millions of pairs, and few need reading.
            ratios = _gap_ratios(lows[n], highs[n], lows[n + 1 :], highs[n + 1 :])
            near = (ratios >= min_ratio) & (ratios < _UNRELATED_RATIO)
            if done[n]:  # nothing a pair could add: not a worse ratio, no new figure
                near &= ~((ratios <= worst) & done[n + 1 :])
            for later in np.flatnonzero(near).tolist():
                m = n + 1 + later
                side_b, ratio = bounds[m], float(ratios[later])
                if ratio <= worst and done[n] and done[m]:
                    continue
                ctx = ctx or _Context(text)
                if _any_part_of(ctx, figures, side_a, side_b):
                    continue  # the part and the whole, wherever either is repeated
                a_side = _on_same_occasion(ctx, figures, side_a, side_b)
                b_side = _on_same_occasion(ctx, figures, side_b, side_a)
                if not a_side or not b_side:
                    continue
                found = _unlinked(text, figures, a_side, b_side)
                found |= _unlinked(text, figures, b_side, a_side)
                if found:
                    involved |= found
                    worst = max(worst, ratio)
                    done[n] = involved.issuperset(side_a)
                    done[m] = involved.issuperset(side_b)
        if involved:
            shown = "; ".join(figures[i].text for i in sorted(involved))
            counts = figures[min(involved)].counts
            note = f"figures for {counts} disagree ({shown}): {_spread(worst)}"
            conflicts.append(FigureConflict(tuple(sorted(involved)), worst, note))
    conflicts.sort(key=lambda c: (c.figures[0], len(c.figures)))
    return conflicts


# --- the component ----------------------------------------------------------------------


def not_english_note(share: float) -> str:
    return _not_english(
        "Figures were read from their digits only",
        share,
        "what each figure counts follows English rules and may be missing or wrong",
    )


class FigureFinder:
    """Finds every figure in a document and flags the ones that disagree.

    `predict` finds figures and has no side effects; `set_annotations` writes them,
    with their conflicts and counts in the summary, onto the analyses. Where the
    attributions layer is already there, each figure gets its `source` too.
    """

    name = "figures"

    def __init__(
        self, *, min_ratio: float = 2.0, min_english_share: float = MIN_ENGLISH_SHARE
    ) -> None:
        if min_ratio <= 1.0:
            raise SettingError(
                f"min_ratio is how many times one figure must be another's to flag the two, "
                f"a number above 1; got {min_ratio}"
            )
        self.min_ratio = min_ratio
        self.min_english_share = min_english_share

    def model_info(self) -> dict[str, Any]:
        return {"name": "figure-rules", "version": RULES_VERSION, "min_ratio": self.min_ratio}

    def predict(self, docs: Sequence[Document]) -> list[list[Figure]]:
        """Each document's figures. In a text that does not look English a plain space
        groups thousands too ("3 000"), and where its figures say so a dot groups them
        and a comma marks the decimals ("1.200", "3,5")."""
        found = []
        for doc in docs:
            foreign = self._foreign_share(doc) is not None
            comma = foreign and uses_decimal_comma(doc.text)
            found.append(find_figures(doc.text, spaced_thousands=foreign, decimal_comma=comma))
        return found

    def _foreign_share(self, doc: Document) -> float | None:
        """The share of English function words, where too low for English; else None."""
        share = english_share(doc.text)
        return share if share is not None and share < self.min_english_share else None

    def set_annotations(
        self,
        docs: Sequence[Document],
        analyses: Sequence[Analysis],
        predictions: Sequence[Sequence[Figure]],
    ) -> None:
        for doc, analysis, figures in zip(docs, analyses, predictions, strict=True):
            foreign = self._foreign_share(doc)
            if foreign is not None and figures:
                analysis.notes.append(not_english_note(foreign))
            conflicts = find_conflicts(doc.text, figures, min_ratio=self.min_ratio)
            analysis.figures = list(figures)
            if analysis.attributions is not None:
                # Run after "attributions" (a custom order): link the figures here.
                analysis.figures = link_figures_to_attributions(figures, analysis.attributions)
            analysis.figure_conflicts = conflicts
            analysis.summary.update({"figures": len(figures), "figure_conflicts": len(conflicts)})

    def __call__(self, docs: Sequence[Document], analyses: Sequence[Analysis]) -> None:
        self.set_annotations(docs, analyses, self.predict(docs))


@register_component(
    "figures",
    defaults={"min_ratio": 2.0, "min_english_share": MIN_ENGLISH_SHARE},
    description="Figures with what they count, ranges and disagreeing estimates (rules).",
)
def make_figure_finder(*, min_ratio: float, min_english_share: float) -> FigureFinder:
    return FigureFinder(min_ratio=min_ratio, min_english_share=min_english_share)
