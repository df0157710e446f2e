"""Every figure disagreement the figures layer flags in a folder of articles, with the
sentences of its figures, for a person to judge (docs/quality.md, "Quality of the
figures layer"). Prints the number of flags by kind (a range, or figures across
sentences) and, with --sample N, a seeded random sample of them to judge.

    python bench/figure_flags.py ../shared/data/news-unlabeled
    python bench/figure_flags.py ../shared/data/ptc-train/articles --sample 20 --seed 7
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from bench_techniques import load_texts
from propscope.components.figures import find_conflicts, find_figures
from propscope.document import Document


def sentence(text: str, start: int, end: int) -> str:
    """The stretch of text around [start, end) from the last full stop or line break."""
    before = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1, 0)
    stops = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    after = min(stops) + 1 if stops else len(text)
    return " ".join(text[before:after].split())[:240]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("articles", type=Path, help="a folder of article<ID>.txt files")
    parser.add_argument("--sample", type=int, help="print only this many flags, at random")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    flags = []
    texts = load_texts(args.articles, None)
    for n, raw in enumerate(texts):
        text = Document.from_text(raw).text
        figures = find_figures(text)
        for conflict in find_conflicts(text, figures):
            kind = "range" if len(conflict.figures) == 1 else "across figures"
            shown = [sentence(text, figures[i].start, figures[i].end) for i in conflict.figures]
            flags.append((n, kind, conflict.note, list(dict.fromkeys(shown))))
    ranges = sum(1 for flag in flags if flag[1] == "range")
    print(
        f"{len(texts)} articles, {len(flags)} flags in {len({f[0] for f in flags})} of them: "
        f"{ranges} ranges, {len(flags) - ranges} across figures"
    )
    chosen = flags
    if args.sample is not None and args.sample < len(flags):
        chosen = sorted(random.Random(args.seed).sample(flags, args.sample))
    for n, kind, note, shown in chosen:
        print(f"\narticle {n} ({kind}): {note}")
        for line in shown:
            print(f"  - {line}")


if __name__ == "__main__":
    main()
