"""The claims layer: every sentence scored for check-worthiness, tied to its source.

A fact-checker reading an article wants the claims worth checking first. This layer
splits the document text (title included) into sentences, scores each with the
check-worthiness model (`propscope.models.checkworthy`), and links each to the
attributed statement it reports, when the "attributions" layer ran before it: so a
reader sees "the Russian military say ... 20 tanks" at the top of the list with its
source, and the author's own unsourced assertions among the claims too.

Sentences: the text is cut at line breaks and after ".", "!", "?" or "…" followed by
space (closing quotes and brackets stay with their sentence), as the headline layer
does, but not after an abbreviation ("Blvd.", "Mr.", "U.S.", "Maj."), before a lowercase
word, or before the speaker's tail of a quotation ('"Why?" Yang said.'); a sentence with
fewer than two word characters (a stray "—") is left out.

Scores: "45%" is read as "45 percent", as the debates the model learnt from write it.
What is no sentence to check scores 0 and sinks to the bottom of the list: a fragment of
fewer than three words ("Yes.", "In 2019."), a short line with no sentence punctuation (a
heading, a site's name), a credit or a call to action ("Courtesy of ...", "FILE PHOTO:
..."); the title and update lines keep their scores. A sentence that repeats an earlier
one word for word scores 0 too, so the list names it once. In a transcript ("MUIR:
Secretary Clinton, ..." opening each turn), what an interviewer says keeps a quarter of
its score: a speaker who asks questions in an eighth of their sentences or more, where
another speaker asks fewer, is putting the claims to others, and the claims a checker
wants are in the answers (`propscope.models.checkworthy.questioners`; on the CLEF-2019
test debates MAP 0.155 -> 0.175). A question, whoever asks it, keeps half of its score:
it asserts nothing itself (`questions`; test MAP 0.175 -> 0.176).

As the pipeline component "claims" (on by default, after "attributions"), it fills
`Analysis.claims` with every sentence in text order and adds `claims` and `checkworthy`
(the sentences at or above 0.5) to the summary. A text that is clearly not English gets
a note instead: the model reads English words only.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from propscope.analysis import (
    Analysis,
    Attribution,
    Claim,
    link_claims_to_attributions,
    summarize_claims,
)
from propscope.components.attribution_lexicon import SPEAKER_COLON, line_label
from propscope.components.headline import find_update_lines
from propscope.document import Document
from propscope.furniture import find_furniture
from propscope.language import MIN_ENGLISH_SHARE, english_share
from propscope.language import not_english_note as _not_english
from propscope.lines import stripped
from propscope.models.checkworthy import (
    QUESTION_WEIGHT,
    QUESTIONER_WEIGHT,
    CheckworthyModel,
    questioners,
    questions,
)
from propscope.pipeline import register_component
from propscope.sentences import sentence_spans

__all__ = ["ClaimScorer", "make_claim_scorer", "no_sentence", "sentence_spans", "turn_speakers"]

# The layer's own ranking rules, beside the model's version (in `model_info`): 2 (session
# 31): an interviewer's sentences in a transcript keep a quarter of their score; 3
# (session 37): a sentence that holds one source's cues is that source's
# (`link_claims_to_attributions`); 4 (session 38): a photo credit inside a caption
# ("(AP Photo/Vahid Salemi)", "Courtesy of Stephanie Hofeller") is page furniture; 5
# (session 38): a byline on its own line ("By Lana Sweeten-Shults of the Times Record
# News") and a line of contributors ("... contributed to this report") are no claims,
# and a plural title ends no sentence ("Republican Sens. Richard Lugar"); 6 (session
# 39): an act ("thanked | Ritter", `Attribution.act`) makes no sentence its source's; 7
# (session 39): an instruction to the reader ("Preheat the oven to 425 degrees.",
# "Click here to subscribe.") is no claim; 8 (session 52): a question keeps half its
# score; 9 (session 52): a call to read, hear or watch more is an instruction; 10
# (session 53): neither a statement ending on a quoted question nor a quoted call is one;
# 11 (session 53): initials at a line's end ("H.R.\nMcMaster said") end no sentence; 12
# (session 53): unless a time's or a place's before a paragraph; "What’s the “plan?”" asks;
# 13 (session 63): a sentence starts after the page's furniture that opens it ("Article
# content The 30 legally ..."), and a title that is furniture is no claim; 14 (session
# 64): a line cut at a name's "!" or an abbreviation's full stop goes on where the next
# opens in lower case ("at Democracy Now!\nthat getting ..."); an embedded Facebook
# post's footer ("Posted by ... on Tuesday, September 25, 2018"), a shop's "Check
# Amazon for Pricing." box and a paper's sign-up box are furniture. 15 (session 65): a
# label in capitals that ends on a label's word ("REMNANT COMMENT:", "SPECIAL REPORT:")
# opens no speaker's turn. 16 (session 66): nor do two words or more in capitals that are
# all labels' words ("EXCLUSIVE PICS:").
RULES_VERSION = "16"


# The model learnt from debate transcripts, which write "percent" out: "45%" read as
# "45 percent" (the tokenizer drops "%", one of the strongest signs of a claim).
_PERCENT = re.compile(r"(?<=\d)\s?%")
# A credit: who took, wrote or edited it, not what it says (the actors layer leaves its
# names out too).
CREDIT = re.compile(
    r"(?:Courtesy of\b|REUTERS/|(?:Translated|Reporting|Editing|Photo|Photos)\b.{0,60}\bby\b)",
    re.IGNORECASE,
)
# Lines that are furniture, not sentences: credits, captions' sources, calls to action.
FURNITURE = re.compile(
    r"(?:FILE PHOTO:|Courtesy of\b|REUTERS/|(?:Translated|Reporting|Editing|Photo|Photos)\b"
    r".{0,60}\bby\b|Read more\b|Log in\b|Sign up\b|Subscribe\b|Click here\b|"
    r"Enter the characters\b|.*\baccept(?:ing)? cookies\b|.*\bbrought to you by\b)",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")
# A credit or a caption's source is a short line: "Reporting by ProPublica found that ..."
# is a sentence.
CREDIT_WORDS = 10
# A byline as its own line: "By Lana Sweeten-Shults of the Times Record News", "by Waste &
# Recycling Staff January 2, 2020"; a line that says more ends like a sentence ("By
# Friday, officials said the road would reopen.").
_BYLINE = re.compile(r"[Bb]y\s+[A-Z]")
_BYLINE_WORDS = 12
# "Staff writers Shannon Prather and David Chanen contributed to this report."
_CONTRIBUTED = re.compile(
    r"\bcontributed(?: reporting)? to (?:this|the) (?:report|story|article)\W*$", re.IGNORECASE
)
_CONTRIBUTED_WORDS = 30


# An instruction to the reader: a recipe's step ("Preheat the oven to 425 degrees
# Fahrenheit.", "Then stir in the sugar."), a how-to's, a call to follow or sign up, to
# read, hear, watch or check out more ("Hear more from Orville Peck in the interview
# above"). It states nothing to check, whatever its figures.
_INSTRUCTION = re.compile(
    # Not after a quotation mark: "“Watch the numbers: ...,” Trump said." reports words.
    r"^[^\w“”\"‘’'«]*(?:(?:Then|Next|Now|Finally|First|Meanwhile),?\s+)?(?i:"
    r"preheat|bake|stir|whisk|pour|sprinkle|chop|slice|dice|knead|simmer|saut[eé]|"
    r"garnish|grease|sift|marinate|drizzle|refrigerate|"
    r"subscribe|sign\s+up|click|download|follow\s+us|like\s+us|"
    r"(?:hear|read|see|learn|find\s+out)\s+more|check\s+out|"
    r"watch\s+(?:the|our|it|now|live|more)|"
    r"listen\s+(?:to\s+(?:the|our|this(?!\s*:)|it|more)|now|live)"  # not "Listen to this: ..."
    r")\b(?!\s+(?:sales?|is|was|are|were|has|had|will|would|can|could)\b)"
)


def _as_read(sentence: str) -> str:
    return _PERCENT.sub(" percent", sentence)


def _not_claims(doc: Document, spans: Sequence[tuple[int, int]]) -> list[bool]:
    """Whether each sentence is a stretch the sentence rules leave that is no sentence to
    check: a fragment of fewer than three words ("Yes.", "In 2019.", "Advertisement"), a
    short line with no sentence punctuation and no figure (a heading, a site's name), a
    short credit or call to action ("Courtesy of ...", "FILE PHOTO: ..."), or a stretch
    at least half of which is a page's furniture (`propscope.furniture`). The title,
    and an update line, are claims whatever their form: the headline layer may show
    them disputed. Each line is looked at once, however many sentences it holds."""
    text = doc.text
    furniture = find_furniture(text)
    breaks = [m.start() for m in re.finditer("\n", text)]
    update_line: dict[int, bool] = {}  # by line start
    out = []
    for start, end in spans:
        k = bisect.bisect_left(breaks, start)  # the first line break at or after start
        line_start = breaks[k - 1] + 1 if k else 0
        line_end = breaks[k] if k < len(breaks) else len(text)
        if line_start not in update_line:
            update_line[line_start] = bool(find_update_lines(text[line_start:line_end]))
        title = bool(doc.title) and start < doc.body_start
        page = 2 * furniture.covered(start, end) >= end - start
        # A title that is furniture ("Enter the characters you see below", a robot
        # check's page) is no claim either.
        out.append(
            page
            or (
                not title
                and not update_line[line_start]
                and no_sentence(text, start, end, stripped(text, line_start, line_end))
            )
        )
    return out


def _past_furniture(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Each sentence without the page's furniture that opens it: "Article content The 30
    legally questionable permits are ..." is the sentence from "The". A sentence that is
    furniture to its end, or to a full stop or a number ("Photo: May James/HKFP.", "33
    Superhero films ... 2."), stays whole, for `_not_claims` to give it no score."""
    furniture = find_furniture(text)
    if not furniture:
        return spans
    return [furniture.past(text, start, end) for start, end in spans]


def no_sentence(text: str, start: int, end: int, line: tuple[int, int]) -> bool:
    """Whether `text[start:end]`, on the line `line` ([start, end) without its outer
    white space), is no sentence a reader would check: a fragment of fewer than three
    words, a short credit or call to action ("Courtesy of ...", "Read more ..."), a
    byline or a line of contributors, an instruction to the reader ("Preheat the oven to
    425 degrees Fahrenheit.", "Click here to subscribe."), or a heading (a short line
    with no sentence punctuation and no figure)."""
    sentence = _as_read(text[start:end])  # "Inflation is 8%." has four words
    words = len(_WORD.findall(sentence))
    if words < 3:
        return True
    if words <= CREDIT_WORDS and (FURNITURE.match(sentence) or CREDIT.match(sentence)):
        return True
    if words <= _CONTRIBUTED_WORDS and _CONTRIBUTED.search(sentence):
        return True
    if _INSTRUCTION.match(sentence):
        return True
    whole_line = stripped(text, start, end) == line
    if (
        whole_line
        and words <= _BYLINE_WORDS
        and _BYLINE.match(sentence)
        and sentence.rstrip()[-1:] not in ".!?"
    ):
        return True
    # A heading: a short line with no sentence punctuation and no figure ("Taxes rose
    # by 40 percent in 2019" as a list item is a claim).
    return (
        whole_line
        and sentence.rstrip()[-1:] not in ".!?…\"”’)]'"
        and words < 9
        and not (_DIGIT.search(sentence) and words >= 5)
    )


def turn_speakers(text: str, spans: Sequence[tuple[int, int]]) -> list[str | None]:
    """For each sentence, the speaker whose turn holds it in a transcript: the name that
    opens its line ("MUIR: Secretary Clinton, ...", "Lesley Stahl: ..."), in lower case;
    None for a sentence on a line no speaker opens. A name is one to four capitalised
    words; a label ("UPDATE:", "Note:": `LINE_LABELS`) is no speaker, but "Q:" and "A:" are
    an interview's two sides."""
    names: dict[int, str | None] = {}  # by line start
    out: list[str | None] = []
    for start, _ in spans:
        line_start = text.rfind("\n", 0, start) + 1
        if line_start not in names:
            names[line_start] = _speaker(text, line_start)
        out.append(names[line_start])
    return out


def _speaker(text: str, line_start: int) -> str | None:
    line_end = text.find("\n", line_start)
    match = SPEAKER_COLON.match(text[line_start : len(text) if line_end < 0 else line_end])
    if match is None:
        return None
    name = match["name"].strip()
    words = name.split()
    if not 1 <= len(words) <= 4 or not all(w[:1].isupper() for w in words):
        return None
    label = name.lower()
    return label if label in _TURN_LABELS or not line_label(name) else None


# Labels that name no one but open a turn all the same: an interview's questions and answers.
_TURN_LABELS = frozenset({"q", "a", "question", "answer"})


def _repeats(text: str, spans: Sequence[tuple[int, int]]) -> list[bool]:
    """Whether each sentence repeats an earlier one word for word (a caption or lede
    printed twice): it scores 0, so the list of claims to check names it once."""
    seen: set[str] = set()
    out = []
    for s, e in spans:
        words = " ".join(text[s:e].split()).casefold()
        out.append(words in seen)
        seen.add(words)
    return out


def not_english_note(share: float) -> str:
    return _not_english(
        "Claims were not scored", share, "the check-worthiness model reads English words only"
    )


class ClaimScorer:
    """The claims layer. `predict` scores the sentences of each document, with no side
    effects; `set_annotations` writes them, linked to the attributions already on the
    analysis, and adds the counts to the summary. Tests can feed hand-made claims."""

    name = "claims"

    def __init__(
        self, *, model: CheckworthyModel | None = None, min_english_share: float = MIN_ENGLISH_SHARE
    ) -> None:
        self.model = model if model is not None else CheckworthyModel.load()
        self.min_english_share = min_english_share

    def model_info(self) -> dict[str, Any]:
        return {**self.model.model_info(), "rules": RULES_VERSION}

    def predict(self, docs: Sequence[Document]) -> list[list[Claim] | str]:
        """Each document's sentences as claims (not yet linked to attributions), or a
        note saying why it has none."""
        out: list[list[Claim] | str] = []
        for doc in docs:
            share = english_share(doc.text)
            if share is not None and share < self.min_english_share:
                out.append(not_english_note(share))
                continue
            spans = _past_furniture(doc.text, sentence_spans(doc.text))
            sentences = [_as_read(doc.text[s:e]) for s, e in spans]
            scores = self.model.scores(sentences)
            scores[questioners(turn_speakers(doc.text, spans), sentences)] *= QUESTIONER_WEIGHT
            scores[questions(sentences)] *= QUESTION_WEIGHT
            scores[_not_claims(doc, spans)] = 0.0
            scores[_repeats(doc.text, spans)] = 0.0
            out.append(
                [
                    Claim(
                        start=s, end=e, checkworthiness=round(float(score), 4), text=doc.text[s:e]
                    )
                    for (s, e), score in zip(spans, scores, strict=True)
                ]
            )
        return out

    def set_annotations(
        self,
        docs: Sequence[Document],
        analyses: Sequence[Analysis],
        predictions: Sequence[Sequence[Claim] | str],
    ) -> None:
        for analysis, found in zip(analyses, predictions, strict=True):
            if isinstance(found, str):
                analysis.notes.append(found)
                continue
            attributions: Sequence[Attribution] = analysis.attributions or ()
            claims = link_claims_to_attributions(found, attributions)
            analysis.claims = claims
            analysis.summary.update(summarize_claims(claims))

    def __call__(self, docs: Sequence[Document], analyses: Sequence[Analysis]) -> None:
        self.set_annotations(docs, analyses, self.predict(docs))


@register_component(
    "claims",
    defaults={"model_path": None, "min_english_share": MIN_ENGLISH_SHARE},
    description="Every sentence scored for check-worthiness (which claims to check first), "
    "linked to the statement and source it reports.",
)
def make_claim_scorer(*, model_path: str | None, min_english_share: float) -> ClaimScorer:
    model = CheckworthyModel.load(Path(model_path) if model_path else None)
    return ClaimScorer(model=model, min_english_share=min_english_share)
