"""How long the whole analyzer takes on odd long texts that no article is, each made
here by repeating a piece: runs of invisible characters or symbols, thousands of
statements, of figures, of quotation marks, one hyphenated "word" of 150 KB. A layer
whose time grows with the square of such a text shows here, not on news; session 56
found four (docs/speed.md). Texts the analyzer refuses show the refusal's message.

    python bench/bench_odd_texts.py                   # every text
    python bench/bench_odd_texts.py said hyphen_words # some of them
"""

from __future__ import annotations

import argparse
import time

TEXTS = {
    "invisible": "The minister said the plan would work. " + "\u200b" * 20000 + "x end.",
    "bangs": "The minister said the plan would work. " + "!" * 20000 + "x end.",
    "numbers": " ".join(f"{i},000" for i in range(20000)),
    "quotes": "“" * 20000 + " he said.",
    "quoted_words": "“a” " * 10000,
    "said": "Smith said it. " * 8000,
    "lines": "Title\n\n" + "x\n" * 50000,
    "parens": "(" * 20000 + "a" + ")" * 20000,
    "apostrophes": "'" * 20000,
    "digits": "1" * 200000,
    "hyphen_words": "-".join(["word"] * 30000),
    "dots": "a." * 50000,
    "caps": " ".join(["WORD"] * 30000),
    "names": " and ".join(["John Smith"] * 8000) + " said it.",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help=f"texts to run, of: {', '.join(TEXTS)}")
    args = parser.parse_args()
    if unknown := sorted(set(args.names) - TEXTS.keys()):
        parser.error(f"no such text: {', '.join(unknown)}; the texts are {', '.join(TEXTS)}")
    from propscope import Analyzer

    analyzer = Analyzer()
    analyzer("A warm-up text, so that loading the models is timed apart.")
    print("| text | characters | seconds | result |\n|---|---:|---:|---|")
    for name in args.names or TEXTS:
        text = TEXTS[name]
        started = time.perf_counter()
        try:
            analyzer(text)
            result = "analyzed"
        except Exception as exc:  # a refusal is a result here
            result = f"{type(exc).__name__}: {str(exc)[:70]}"
        seconds = time.perf_counter() - started
        print(f"| {name} | {len(text):,} | {seconds:.1f} | {result} |", flush=True)


if __name__ == "__main__":
    main()
