"""A small corpus for trying the batch run and its report as a researcher would: 40
news-unlabeled articles given four outlets (ten each) and dates from January to April
2024, and two lines that cannot be read (a broken JSON line, an empty text), as JSONL
(docs/quality.md, "A researcher's review of a corpus run"). Seeded, so the same corpus
comes back.

    python bench/review_corpus.py /tmp/review/corpus.jsonl
    propscope batch /tmp/review/corpus.jsonl -o /tmp/review/analyses.jsonl
    propscope report /tmp/review/analyses.jsonl -o /tmp/review/site/dashboard.html \\
        --data-dir /tmp/review/site/data
"""

from __future__ import annotations

import argparse
import datetime
import json
import random
from pathlib import Path

from bench_techniques import DEFAULT_ARTICLES

OUTLETS = ("Harbour Gazette", "Northern Herald", "The Daily Ledger", "Capital Courier")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output", type=Path, help="the JSONL file to write")
    parser.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES)
    parser.add_argument("--seed", type=int, default=48)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    files = sorted(args.articles.glob("*.txt"))
    picked = rng.sample(files, 40)
    # Two articles at least hold a "<", so that the pages' escaping can be checked.
    with_lt = [f for f in files if "<" in f.read_text(encoding="utf-8") and f not in picked]
    held = sum("<" in f.read_text(encoding="utf-8") for f in picked)
    for i in range(max(0, 2 - held)):
        picked[-1 - i] = with_lt[i]
    start = datetime.date(2024, 1, 1)
    days = (datetime.date(2024, 4, 30) - start).days
    lines = []
    for i, path in enumerate(picked):
        raw = path.read_text(encoding="utf-8")
        parts = raw.split("\n")
        if len(parts) > 2 and parts[0].strip() and not parts[1].strip():
            title, text = parts[0].strip(), "\n".join(parts[2:]).strip()
        else:
            title, text = "", raw.strip()
        published = start + datetime.timedelta(days=rng.randint(0, days))
        row = {
            "id": path.stem.removeprefix("article"),
            "title": title,
            "text": text,
            "source": OUTLETS[i % len(OUTLETS)],
            "published": published.isoformat(),
        }
        lines.append(json.dumps(row, ensure_ascii=False))
    lines.insert(12, '{"id": "broken1", "title": "Broken line", "text": "unterminated')
    empty = {"id": "empty1", "title": "Empty text", "text": "", "source": OUTLETS[1]}
    lines.insert(25, json.dumps({**empty, "published": "2024-02-10"}))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} lines written to {args.output}")


if __name__ == "__main__":
    main()
