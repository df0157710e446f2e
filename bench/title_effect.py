"""How much the technique layer's spans in an article's body depend on its first line: each
article with a title (the PTC rule: a first line followed by an empty one) is analyzed as
it is and again with its title replaced by "Staff report", and the spans inside the body
are compared (the same offsets and technique, and a span overlapping one of the same
technique).

    python bench/title_effect.py ../shared/data/news-unlabeled --limit 12

Session 38's researcher's review measured this with a one-off script on 12 articles of
its own corpus; docs/batch.md ("Feed every outlet the same way") has this command's
figures.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from propscope import Analyzer, Document

OTHER_TITLE = "Staff report"


def body_spans(analyzer: Analyzer, doc: Document) -> set[tuple[int, int, str]]:
    """The technique spans inside the body, as offsets into the body."""
    start = doc.body_start
    return {
        (s.start - start, s.end - start, s.technique)
        for s in analyzer.analyze(doc).techniques
        if s.start >= start
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="a folder of .txt articles")
    parser.add_argument("--limit", type=int, default=12, help="articles with a title to read")
    args = parser.parse_args()

    analyzer = Analyzer(("techniques",))
    totals = [0, 0, 0, 0]
    read = 0
    print("article | own title | other title | same | overlapping same technique")
    for path in sorted(args.folder.glob("*.txt")):
        if read >= args.limit:
            break
        doc = Document.from_text(path.read_text(encoding="utf-8"), id=path.stem)
        if not doc.title:
            continue
        read += 1
        own = body_spans(analyzer, doc)
        other = body_spans(analyzer, Document.from_text(doc.body, title=OTHER_TITLE))
        overlapping = sum(
            any(a[2] == b[2] and a[0] < b[1] and b[0] < a[1] for b in other) for a in own
        )
        row = [len(own), len(other), len(own & other), overlapping]
        totals = [t + r for t, r in zip(totals, row, strict=True)]
        print(f"{path.stem} | " + " | ".join(map(str, row)))
    print(f"total ({read} articles) | " + " | ".join(map(str, totals)))


if __name__ == "__main__":
    main()
