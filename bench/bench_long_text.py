"""How the whole analyzer's time and memory grow with the length of one text: news-
unlabeled's articles joined end to end as written (blank lines between paragraphs), cut
to each length, analyzed by the default analyzer, each layer timed on its own.

The Python API caps no length (the web service refuses texts over 200,000 characters),
so a service that takes long texts reads its cost here. The "per 100k" columns show
seconds per 100,000 characters: flat where a layer's time grows in step with the text.
The attributions layer's time includes waiting for the parse it starts in the
background, and so the parse's own growth.

    python bench/bench_long_text.py                          # 50k, 100k and 200k characters
    python bench/bench_long_text.py --sizes 25000 400000
"""

from __future__ import annotations

import argparse
import resource
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "news-unlabeled"


class Timed:
    """A component whose calls are timed; everything else is the component's own."""

    def __init__(self, component: Any) -> None:
        self.component = component
        self.seconds = 0.0

    def __call__(self, docs: Sequence[Any], analyses: Sequence[Any]) -> None:
        started = time.perf_counter()
        self.component(docs, analyses)
        self.seconds += time.perf_counter() - started

    def __getattr__(self, name: str) -> Any:
        return getattr(self.component, name)


def main() -> None:
    from propscope import Analyzer

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=str(DEFAULT_DATA), help="a folder of .txt articles")
    parser.add_argument("--sizes", type=int, nargs="+", default=[50_000, 100_000, 200_000])
    args = parser.parse_args()

    files = sorted(Path(args.data).glob("*.txt"))
    if not files:
        raise SystemExit(f"no .txt articles in {args.data}")
    written = "\n\n".join(f.read_text(encoding="utf-8", errors="replace") for f in files)
    analyzer = Analyzer()
    timed = [(name, Timed(component)) for name, component in analyzer._components]
    analyzer = Analyzer.from_components(timed)
    analyzer.analyze("Warm-up\n\nThe council said 1,200 jobs would go, the mayor said.")
    names = [name for name, _ in timed]
    print("| characters | whole, s | per 100k | " + " | ".join(names) + " | peak RSS, MB |")
    print("|---:|---:|---:|" + "---:|" * len(names) + "---:|")
    for size in args.sizes:
        for _, layer in timed:
            layer.seconds = 0.0
        text = written[:size]
        started = time.perf_counter()
        analyzer.analyze("Title\n\n" + text)
        seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        layers = " | ".join(f"{layer.seconds:.2f}" for _, layer in timed)
        print(
            f"| {size:,} | {seconds:.2f} | {seconds / size * 100_000:.2f} | {layers} "
            f"| {peak:,.0f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
