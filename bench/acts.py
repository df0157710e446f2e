"""Acts on real news: the statements the attributions layer marks as acts
(`Attribution.act`: "thanked | Ritter"), and the figures and claims whose source
changes because an act holds nobody's words, for a person to judge (docs/quality.md,
"Acts apart from what was said").

    python bench/acts.py                              # the 400 news articles
    python bench/acts.py --limit 100 --sample 40 --seed 7

Prints the count of statements and acts, the most frequent cues of acts, a seeded
random sample of acts, and every figure and a sample of the claims linked otherwise
(what the same analysis links when every statement counts as words said).
"""

from __future__ import annotations

import argparse
import dataclasses
import random
from collections import Counter
from pathlib import Path

from bench_techniques import DEFAULT_ARTICLES, load_texts
from propscope import Analyzer
from propscope.analysis import (
    Attribution,
    link_claims_to_attributions,
    link_figures_to_attributions,
)


def _shown(a: Attribution) -> str:
    return f"{a.cue.text if a.cue else '-'} | {a.content.text[:80]}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES)
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--sample", type=int, default=60, help="acts and claims to print")
    parser.add_argument("--seed", type=int, default=39)
    args = parser.parse_args()

    statements = 0
    acts: list[tuple[int, str, str, str]] = []
    figures: list[tuple[int, str, str]] = []
    claims: list[tuple[int, str, str]] = []
    texts = load_texts(args.articles, args.limit)
    layers = ("figures", "attributions", "claims")
    for n, analysis in enumerate(Analyzer(layers).pipe(texts)):
        text, found = analysis.document.text, analysis.attributions or []
        statements += len(found)
        for a in found:
            if a.act and a.cue is not None:
                acts.append((n, a.source.text if a.source else "-", a.cue.text, a.content.text))
        # What the links were with every statement counted as words said.
        said = [dataclasses.replace(a, act=False) for a in found]

        before = link_figures_to_attributions(analysis.figures or [], said)
        for old, new in zip(before, analysis.figures or [], strict=True):
            if old.source is not None and new.source is None:
                figures.append(
                    (n, new.text or text[new.start : new.end], _shown(found[old.source]))
                )
        linked = link_claims_to_attributions(analysis.claims or [], said)
        for old, new in zip(linked, analysis.claims or [], strict=True):
            if old.attribution is not None and new.attribution != old.attribution:
                claims.append(
                    (
                        n,
                        " ".join(text[new.start : new.end].split())[:140],
                        _shown(found[old.attribution]),
                    )
                )

    print(f"{len(texts)} articles: {statements} statements, {len(acts)} acts")
    print(f"figures no longer said by an act's source: {len(figures)}")
    print(f"claims linked to another statement or none: {len(claims)}")
    print("\ncues of acts, most frequent:")
    print(
        ", ".join(f"{cue} {k}" for cue, k in Counter(a[2].casefold() for a in acts).most_common(30))
    )
    rng = random.Random(args.seed)
    print(f"\n{min(args.sample, len(acts))} acts at random (article, source | cue | content):")
    for n, source, cue, content in rng.sample(acts, min(args.sample, len(acts))):
        print(f"  {n}: {source[:60]} | {cue} | {content[:100]}")
    print("\nfigures (article, figure, the act that held it):")
    for n, figure, act in figures:
        print(f"  {n}: {figure} -- {act}")
    print(
        f"\n{min(args.sample, len(claims))} claims at random "
        "(article, sentence, the statement it was linked to):"
    )
    for n, sentence, act in rng.sample(claims, min(args.sample, len(claims))):
        print(f"  {n}: {sentence} -- {act}")


if __name__ == "__main__":
    main()
