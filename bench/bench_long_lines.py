"""How a rule layer's time grows with the length of a text, on one line and in lines as
written: news-unlabeled's articles joined end to end, cut to each length. The figures
layer by default; `--layer claims` times the claims layer (its model and its rules).

A layer whose rules look around every number must cost the same per character on a
one-line megabyte (a scraped page without line breaks) as on a short article; the
"per 100k" column shows the seconds per 100,000 characters, which stays flat where the
time grows linearly. The "dense" layout is a statistics dump instead of news: one
sentence after another, each with a different figure of jobs, which the figures layer
compares with one another for disagreements.

    python bench/bench_long_lines.py                       # 100k, 200k and 400k characters
    python bench/bench_long_lines.py --sizes 50000 800000
    python bench/bench_long_lines.py --layer claims --sizes 500000 1000000 2000000
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "news-unlabeled"


def _conflicts(analysis: object, layer: str) -> str:
    if layer != "figures":
        return ""
    flagged = len(getattr(analysis, "figure_conflicts", None) or [])
    return f" ({flagged:,} disagreement{'' if flagged == 1 else 's'})"


def main() -> None:
    from propscope.analysis import Analysis
    from propscope.components.claims import ClaimScorer
    from propscope.components.figures import FigureFinder
    from propscope.document import Document

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=str(DEFAULT_DATA), help="a folder of .txt articles")
    parser.add_argument("--articles", type=int, default=40, help="articles joined")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 200_000, 400_000])
    parser.add_argument("--layer", choices=["figures", "claims"], default="figures")
    args = parser.parse_args()

    files = sorted(Path(args.data).glob("*.txt"))[: args.articles]
    if not files:
        raise SystemExit(f"no .txt articles in {args.data}")
    written = "\n\n".join(f.read_text(encoding="utf-8", errors="replace") for f in files)
    dense = " ".join(
        f"The council said {10 + (i * 7919) % 90_000:,} jobs would go." for i in range(40_000)
    )
    layouts = {"one line": " ".join(written.split()), "as written": written, "dense": dense}
    layer = FigureFinder() if args.layer == "figures" else ClaimScorer()
    print(f"| characters | layout | seconds | per 100k | {args.layer} |")
    print("|---:|---|---:|---:|---:|")
    for size in args.sizes:
        for layout, base in layouts.items():
            text = (base * (size // len(base) + 1))[:size]
            doc = Document.from_text("Title\n\n" + text)
            analysis = Analysis(document=doc)
            started = time.perf_counter()
            layer([doc], [analysis])
            seconds = time.perf_counter() - started
            found = analysis.figures if args.layer == "figures" else analysis.claims
            print(
                f"| {size:,} | {layout} | {seconds:.2f} | {seconds / size * 100_000:.2f} "
                f"| {len(found or []):,}{_conflicts(analysis, args.layer)} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
