"""How the claims layer's link from each sentence to a statement changes with the working
tree's `link_claims_to_attributions`, on the claims and statements of a saved run (the
JSONL of `propscope analyze --format jsonl`): the sentences with no source before and
after, and a seeded sample of those that changed, to read by hand.

    propscope analyze ../shared/data/news-unlabeled --format jsonl -o news.jsonl
    python bench/claim_links.py news.jsonl --show 30

Relinking the same statements isolates the linking rule from the attribution layer's own
changes (the claims rules of session 37: 159 of 3,159 unsourced sentences got a source on
the dump of the session's start, c951ce8).
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from propscope.analysis import Attribution, Claim, link_claims_to_attributions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("analyses", type=Path, help="a JSONL of analyses with both layers")
    parser.add_argument("--show", type=int, default=20, help="changed sentences to print")
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()

    total = unsourced_before = unsourced_after = 0
    changed: list[str] = []
    with args.analyses.open(encoding="utf-8") as lines:
        for line in lines:
            data = json.loads(line)
            if not data.get("claims") or data.get("attributions") is None:
                continue
            statements = [Attribution.from_dict(a) for a in data["attributions"]]
            claims = [Claim.from_dict(c) for c in data["claims"]]
            for old, new in zip(
                claims, link_claims_to_attributions(claims, statements), strict=True
            ):
                total += 1
                unsourced_before += old.attribution is None
                unsourced_after += new.attribution is None
                if old.attribution != new.attribution and new.attribution is not None:
                    source = statements[new.attribution].source
                    who = source.text if source is not None else "(no source)"
                    changed.append(f"{data['document']['id']}: {old.text[:120]!r} -> {who}")
    print(f"{total:,} sentences; without a source: {unsourced_before:,} -> {unsourced_after:,}")
    random.seed(args.seed)
    for row in random.sample(changed, min(args.show, len(changed))):
        print(" ", row)


if __name__ == "__main__":
    main()
