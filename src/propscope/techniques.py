"""The 14 propaganda techniques of the Propaganda Techniques Corpus (PTC).

Names are the exact labels of the SemEval-2020 Task 11 data, so predictions can be
scored against it without translation. Each technique also has a short label for
terminals, a plain-language definition for readers, an example and a colour. The
colours stand out from a white page (contrast at least 1.6:1; the pages underline each
mark in a darker shade, at least 4.9:1), keep black text on them
at 7.5:1 or more (WCAG AAA), and differ from one another by at least 0.10 in Oklab, and
by at least 0.055 as seen with each kind of colour blindness (deuteranopia, protanopia,
tritanopia, simulated after Machado et al. 2009): the palette before it had pairs 0.003
apart for a deuteranope (Doubt and Flag-waving). They were found by a search over the
14 colours for the largest of those smallest differences; the most frequent techniques
took the clearest colours, near their old hues where one was.
"""

from __future__ import annotations

from dataclasses import dataclass

from propscope.errors import UnknownTechniqueError

__all__ = ["TECHNIQUES", "TECHNIQUE_NAMES", "Technique", "get_technique"]


@dataclass(frozen=True, slots=True)
class Technique:
    name: str
    label: str
    definition: str
    example: str
    colour: str


TECHNIQUES: tuple[Technique, ...] = (
    Technique(
        "Appeal_to_Authority",
        "Appeal to authority",
        "Stating that a claim is true simply because an authority or expert says so, "
        "without other supporting evidence.",
        "“The world's leading scientists agree this is the only option.”",
        "#b3cdff",
    ),
    Technique(
        "Appeal_to_fear-prejudice",
        "Fear / prejudice",
        "Building support for an idea by stirring anxiety or panic about an alternative, "
        "possibly based on preconceived judgements.",
        "“Unless we act now, they will take everything we have.”",
        "#f2a651",
    ),
    Technique(
        "Bandwagon,Reductio_ad_hitlerum",
        "Bandwagon / Hitler",
        "Persuading people to join a course of action because 'everyone else is', or "
        "rejecting an idea because a hated group is said to hold it.",
        "“Every patriot already supports the bill.”",
        "#b29aa1",
    ),
    Technique(
        "Black-and-White_Fallacy",
        "Black-and-white",
        "Presenting two alternatives as the only possibilities when more exist.",
        "“You are either with us or with the enemy.”",
        "#9d90f2",
    ),
    Technique(
        "Causal_Oversimplification",
        "Oversimplification",
        "Assuming one cause for an outcome that has several, or blaming one party alone.",
        "“Prices rose because of one man's decision.”",
        "#ddce58",
    ),
    Technique(
        "Doubt",
        "Doubt",
        "Questioning the credibility of someone or something without evidence.",
        "“Can we really trust anything this minister says?”",
        "#59c0ff",
    ),
    Technique(
        "Exaggeration,Minimisation",
        "Exaggeration",
        "Representing something as much better or worse than it is, or downplaying it.",
        "“The greatest disaster in the history of the town.”",
        "#ea7e67",
    ),
    Technique(
        "Flag-Waving",
        "Flag-waving",
        "Playing on strong national or group feeling to justify an action or idea.",
        "“True citizens of this great nation will stand firm.”",
        "#00b5c2",
    ),
    Technique(
        "Loaded_Language",
        "Loaded language",
        "Using words or phrases with strong emotional implications to influence the reader.",
        "“A shameful, disastrous betrayal.”",
        "#d994dc",
    ),
    Technique(
        "Name_Calling,Labeling",
        "Name-calling",
        "Labelling the object of the propaganda with something the audience fears, hates "
        "or finds undesirable, or loves and praises.",
        "“The radicals on the council voted again.”",
        "#13ded4",
    ),
    Technique(
        "Repetition",
        "Repetition",
        "Repeating the same message over and over so that the audience comes to accept it.",
        "“Our town, our future. Our town, our future.”",
        "#80cc7b",
    ),
    Technique(
        "Slogans",
        "Slogan",
        "A brief, striking phrase that may include labelling and stereotyping.",
        "“Clean streets, safe homes!”",
        "#60ab72",
    ),
    Technique(
        "Thought-terminating_Cliches",
        "Cliché",
        "Words or phrases that discourage critical thought and debate, such as 'it is what it is'.",
        "“That's just the way things are.”",
        "#c19513",
    ),
    Technique(
        "Whataboutism,Straw_Men,Red_Herring",
        "Whataboutism",
        "Discrediting a position by charging hypocrisy, misrepresenting it, or bringing in "
        "an irrelevant topic.",
        "“And what about the mayor's own record on spending?”",
        "#b7c3ac",
    ),
)

TECHNIQUE_NAMES: tuple[str, ...] = tuple(t.name for t in TECHNIQUES)
_BY_NAME = {t.name: t for t in TECHNIQUES}


def get_technique(name: str) -> Technique:
    """Return the technique with the PTC label `name`."""
    try:
        return _BY_NAME[name]
    except KeyError:
        raise UnknownTechniqueError(
            f"Unknown technique {name!r}. Expected one of: {', '.join(TECHNIQUE_NAMES)}."
        ) from None
