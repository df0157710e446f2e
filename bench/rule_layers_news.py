"""What the rule layers show on real news, counted: the figures of docs/quality.md's
sections on the figures, attributions, claims, actors and headline layers that are
counts rather than judgements (the judgements were made by hand, sentence by sentence).

    python bench/rule_layers_news.py                        # all 400 news-unlabeled articles
    python bench/rule_layers_news.py --limit 120            # the first 120 (the actors audit)

Run with another revision's code (`PYTHONPATH=WORKTREE/src`) to count what a rule change
found before it was made (session 35's mistakes: passives' agents, hyphenated words).
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from bench_techniques import DEFAULT_ARTICLES, load_texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES)
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    args = parser.parse_args()

    from propscope import Analyzer
    from propscope.analysis import THIRD_PARTY_KINDS
    from propscope.components.claims import sentence_spans, turn_speakers
    from propscope.models.checkworthy import questioners

    texts = load_texts(args.articles, args.limit)
    counts = dict.fromkeys(
        [
            "figures",
            "figure disagreements flagged",
            "sentences scored",
            "sentences scored 0 (furniture, repeats)",
            "sentences scored whose source is a third party",
            "third-party statements (sources other than the author)",
            "pronoun sources",
            "pronoun sources resolved to a name",
            "he and she sources",
            "he and she sources resolved to a name",
            "articles with lines a speaker's name opens",
            "articles with an interviewer (claims ranked below the answers)",
            "actors",
            "actors with labels",
            "distancing labels",
            "update lines",
            "first lines that are update lines",
            "articles with no stance verdict",
            'statements whose source follows the cue after "by" (passives\' agents)',
            "sources or contents that start or end inside a hyphenated word",
            "statements whose whole content is one word",
            "statements whose whole content is a pronoun",
            "statements the tagger adds (with it against without)",
            "person actors named by 2-6 capitals only",
        ],
        0,
    )
    from propscope.components.attribution import find_attributions

    def inside_hyphenated(text: str, start: int, end: int) -> bool:
        return bool(
            (start > 1 and text[start - 1] == "-" and text[start - 2].isalnum())
            or (end < len(text) - 1 and text[end] == "-" and text[end + 1].isalnum())
        )

    def key(a):  # type: ignore[no-untyped-def]
        return tuple(None if s is None else (s.start, s.end) for s in (a.source, a.cue, a.content))

    analyzer = Analyzer(["figures", "attributions", "claims", "headline", "actors"])
    for analysis in analyzer.pipe(texts):
        counts["figures"] += len(analysis.figures or [])
        counts["figure disagreements flagged"] += len(analysis.figure_conflicts or [])
        claims = analysis.claims or []
        counts["sentences scored"] += len(claims)
        counts["sentences scored 0 (furniture, repeats)"] += sum(
            c.checkworthiness == 0.0 for c in claims
        )
        attributions = analysis.attributions or []
        counts["sentences scored whose source is a third party"] += sum(
            c.attribution is not None
            and attributions[c.attribution].source_kind in THIRD_PARTY_KINDS
            for c in claims
        )
        counts["third-party statements (sources other than the author)"] += sum(
            a.source_kind in THIRD_PARTY_KINDS for a in attributions
        )
        text = analysis.document.text
        for a in attributions:
            if a.source is not None and a.cue is not None and a.source.start > a.cue.end:
                counts[
                    'statements whose source follows the cue after "by" (passives\' agents)'
                ] += bool(re.fullmatch(r"\s+(?:\w+\s+)?by\s+", text[a.cue.end : a.source.start]))
            counts["sources or contents that start or end inside a hyphenated word"] += sum(
                inside_hyphenated(text, s.start, s.end)
                for s in (a.source, a.content)
                if s is not None and a.source is not None
            )
            if a.source is not None and a.content is not None and len(a.content.text.split()) == 1:
                counts["statements whose whole content is one word"] += 1
                counts["statements whose whole content is a pronoun"] += (
                    a.content.text.lower()
                    in (
                        "it him her them us me you itself himself herself themselves that this what"
                    ).split()
                )
        rules_only = {key(a) for a in find_attributions(text, tagger=False)}
        counts["statements the tagger adds (with it against without)"] += sum(
            a.cue is not None and key(a) not in rules_only for a in attributions
        )
        pronouns = [a for a in attributions if a.source_kind == "pronoun"]
        counts["pronoun sources"] += len(pronouns)
        counts["pronoun sources resolved to a name"] += sum(
            a.refers_to is not None for a in pronouns
        )
        personal = [a for a in pronouns if a.source and a.source.text.lower() in {"he", "she"}]
        counts["he and she sources"] += len(personal)
        counts["he and she sources resolved to a name"] += sum(
            a.refers_to is not None for a in personal
        )
        spans = sentence_spans(text)
        speakers = turn_speakers(text, spans)
        counts["articles with lines a speaker's name opens"] += any(speakers)
        counts["articles with an interviewer (claims ranked below the answers)"] += bool(
            questioners(speakers, [text[s:e] for s, e in spans]).any()
        )
        actors = analysis.actors or []
        counts["actors"] += len(actors)
        counts["actors with labels"] += sum(bool(a.labels) for a in actors)
        counts["distancing labels"] += sum(lb.distancing for a in actors for lb in a.labels)
        counts["person actors named by 2-6 capitals only"] += sum(
            a.kind == "person" and re.fullmatch(r"[A-Z]{2,6}", a.name) is not None for a in actors
        )
        headline = analysis.headline
        if headline is not None:
            counts["update lines"] += len(headline.updates)
            counts["first lines that are update lines"] += any(
                u.start == 0 for u in headline.updates
            )
            counts["articles with no stance verdict"] += headline.stance is None
    print(f"{len(texts)} articles of {args.articles}")
    print("| what | count |\n|---|---:|")
    for what, count in counts.items():
        print(f"| {what} | {count:,} |")


if __name__ == "__main__":
    main()
