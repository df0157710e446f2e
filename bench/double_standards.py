"""Every double standard the double-standards layer finds in a folder of articles, with
its two passages, for a person to judge (docs/quality.md, "Double standards"). Prints
the number found by kind, the judgements the rules read (the raw material of a
finding), and the layer's time on top of the shared parse. With --gold (the PTC's
technique labels), also how many findings overlap a gold span, and how many of the
gold whataboutism spans a finding covers.

    python bench/double_standards.py ../shared/data/news-unlabeled
    python bench/double_standards.py ../shared/data/ptc-train/articles \\
        --gold ../shared/data/ptc-train/train-task-flc-tc.labels
"""

from __future__ import annotations

import argparse
import time
from collections import Counter, defaultdict
from pathlib import Path

from propscope.components.double_standards import _judgements, double_standards_from_doc
from propscope.nlp import load_spacy

WHATABOUTISM = "Whataboutism,Straw_Men,Red_Herring"


def read_gold(path: Path) -> dict[str, list[tuple[str, int, int]]]:
    gold: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        article, technique, start, end = line.split("\t")
        gold[article].append((technique, int(start), int(end)))
    return gold


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("articles", type=Path, help="a folder of article<ID>.txt files")
    parser.add_argument(
        "--gold", type=Path, help="PTC technique labels (id, technique, start, end)"
    )
    args = parser.parse_args()

    files = sorted(args.articles.glob("*.txt"))
    if not files:
        raise SystemExit(f"no .txt files in {args.articles}")
    gold = read_gold(args.gold) if args.gold else None
    nlp = load_spacy()
    kinds: Counter[str] = Counter()
    judgements = 0
    parse_s = layer_s = 0.0
    overlapping = covered = 0
    shown = []
    for path in files:
        # The file's own text: the PTC's offsets count from its first character.
        text = path.read_text(encoding="utf-8")
        t0 = time.perf_counter()
        doc = nlp(text)
        t1 = time.perf_counter()
        found = double_standards_from_doc(doc)
        layer_s += time.perf_counter() - t1
        parse_s += t1 - t0
        judgements += len(_judgements([s for s in doc.sents if s.text.strip()]))
        kinds.update(item.kind for item in found)
        shown += [(path.name, item) for item in found]
        if gold is not None:
            spans = gold.get(path.stem.removeprefix("article"), [])

            overlapping += sum(
                any(s < p.end and p.start < e for p in item.passages for _, s, e in spans)
                for item in found
            )
            covered += sum(
                1
                for t, s, e in spans
                if t == WHATABOUTISM
                and any(p.start < e and s < p.end for item in found for p in item.passages)
            )
    n = len(files)
    print(
        f"{n} articles: {sum(kinds.values())} double standards in "
        f"{len({name for name, _ in shown})} of them "
        f"({', '.join(f'{k} {v}' for k, v in sorted(kinds.items())) or 'none'}); "
        f"{judgements} judgements read"
    )
    print(
        f"time per article: parse {parse_s / n * 1000:.1f} ms, the layer on top of it "
        f"{layer_s / n * 1000:.2f} ms"
    )
    if gold is not None:
        total = sum(1 for spans in gold.values() for t, _, _ in spans if t == WHATABOUTISM)
        print(
            f"findings with a passage on a gold span: {overlapping} of {sum(kinds.values())}; "
            f"gold whataboutism spans covered: {covered} of {total}"
        )
    for name, item in shown:
        print(f"\n{name} ({item.kind}): “{item.act}” — {item.parties} {item.judgements}")
        for passage in item.passages:
            print(f"  - {' '.join(passage.text.split())[:240]}")
        if item.charge is not None:
            print(f"  charge: {' '.join(item.charge.text.split())[:200]}")


if __name__ == "__main__":
    main()
