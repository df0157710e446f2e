"""How well the attribution layer finds source, cue and content on PolNeAR (dev by default).

    python bench/eval_attribution.py                        # ../shared/data/polnear/dev
    python bench/eval_attribution.py --split ../shared/data/polnear/dev --annotators all
    python bench/eval_attribution.py --cache /tmp/polnear-dev.spacy   # parse once, reuse

How each figure is computed: `propscope.training.polnear` (exact offsets after stripping
punctuation and quotes; overlap by whitespace tokens). Texts with several annotators (two
dev texts, six files each) count once, with the first annotator file in sorted order; with
`--annotators all` every file counts as its own document. `--rules-only` leaves out the
learned verb cues and the tagger (the rules' word lists alone); `--no-tagger` leaves out
the tagger's statements only.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from propscope.components.attribution import attributions_from_doc
from propscope.io.brat import read_polnear
from propscope.models.attribution_tagger import shipped_tagger
from propscope.training.polnear import (
    Counts,
    format_table,
    gold_spans,
    measured,
    parse,
    predicted_spans,
)

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SPLIT = ROOT.parent / "shared" / "data" / "polnear" / "dev"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", type=Path, default=DEFAULT_SPLIT)
    parser.add_argument("--annotators", choices=("first", "all"), default="first")
    parser.add_argument("--cache", type=Path, default=None, help="DocBin file of parses to reuse")
    parser.add_argument("--rules-only", action="store_true", help="no learned cues, no tagger")
    parser.add_argument("--no-tagger", action="store_true", help="no tagger statements")
    args = parser.parse_args(argv)

    documents = list(read_polnear(args.split, annotators=args.annotators))
    texts = [d.text for d in documents]
    started = time.perf_counter()
    parsed = parse(texts, args.cache)
    counts = Counts()
    kinds: dict[str, int] = {}
    tagger = None if args.rules_only or args.no_tagger else shipped_tagger()
    for document, doc in zip(documents, parsed, strict=True):
        tagged = None if tagger is None else (tagger.spans(doc.text), tagger.threshold)
        found = measured(
            attributions_from_doc(
                doc, unattributed=False, learned=not args.rules_only, tagged=tagged
            )
        )
        for item in found:
            kinds[item.source_kind] = kinds.get(item.source_kind, 0) + 1
        counts.add(document.text, gold_spans(document), predicted_spans(found))
    elapsed = time.perf_counter() - started
    relations = sum(len(d.attributions) for d in documents)
    print(
        f"PolNeAR {args.split.name}: {len(documents)} documents, {relations} gold relations, "
        f"{sum(kinds.values())} predicted ({elapsed:.1f} s)"
    )
    print(
        f"tagger: {'none' if tagger is None else f'{tagger.version}, threshold {tagger.threshold}'}"
    )
    print(format_table(counts))
    print("predicted source kinds: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
