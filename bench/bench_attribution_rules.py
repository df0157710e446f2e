"""The attribution layer's rules alone, without the parse and the tagger they read: the
first articles of news-unlabeled parsed once and tagged once, then the rules, the learned
cues and the tagger's statements found on them (`attributions_from_doc`) several times
over, the best pass kept.

The whole analyzer's bench (`bench_techniques.py --engines analyzer-all`) times the
attribution layer with spaCy's parse inside it, which is most of its time and drifts with
the machine; this one times what a change to the rules changes. To compare two versions,
run it on each, alternating, with the older one's source on `PYTHONPATH`:

    mkdir -p /tmp/old && git archive <commit> src | tar -x -C /tmp/old
    PYTHONPATH=/tmp/old/src python bench/bench_attribution_rules.py
    python bench/bench_attribution_rules.py
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "news-unlabeled"


def main() -> None:
    import propscope
    from propscope.components.attribution import attributions_from_doc
    from propscope.models.attribution_tagger import shipped_tagger
    from propscope.nlp import load_spacy, parse_texts

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=str(DEFAULT_DATA), help="a folder of .txt articles")
    parser.add_argument("--articles", type=int, default=150, help="articles read")
    parser.add_argument("--passes", type=int, default=3, help="passes over them, best kept")
    args = parser.parse_args()

    files = sorted(Path(args.data).glob("*.txt"))[: args.articles]
    if not files:
        raise SystemExit(f"no .txt articles in {args.data}")
    texts = [f.read_text(encoding="utf-8", errors="replace") for f in files]
    docs = parse_texts(load_spacy(), texts)
    tagger = shipped_tagger()
    tagged = [(tagger.spans(text), tagger.threshold) for text in texts]
    seconds = []
    for _ in range(args.passes):
        start = time.perf_counter()
        found = sum(
            len(attributions_from_doc(doc, tagged=marks))
            for doc, marks in zip(docs, tagged, strict=True)
        )
        seconds.append(time.perf_counter() - start)
    best = min(seconds)
    print(f"source: {Path(propscope.__file__).parent}")
    print("| articles | passes | seconds, each pass | best | ms an article | statements |")
    print("|---:|---:|---|---:|---:|---:|")
    each = " / ".join(f"{s:.2f}" for s in seconds)
    print(
        f"| {len(docs)} | {args.passes} | {each} | {best:.2f} | "
        f"{1000 * best / len(docs):.1f} | {found:,} |"
    )


if __name__ == "__main__":
    main()
