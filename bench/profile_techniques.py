"""Where the technique layer's time goes: a cProfile of `TechniqueTagger.predict` over
news articles, grouped into the encoder (onnxruntime), the tokenizer, and the rest
(window planning, decoding, the span classifier in numpy, Python).

    python bench/profile_techniques.py --limit 120
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time
from pathlib import Path

from bench_techniques import DEFAULT_ARTICLES, load_texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES)
    parser.add_argument("--limit", type=int, default=120, help="first N articles")
    parser.add_argument("--batch", type=int, default=8, help="articles per batch")
    args = parser.parse_args()

    from propscope.components.techniques import TechniqueTagger
    from propscope.document import Document

    docs = [Document.from_text(t) for t in load_texts(args.articles, args.limit)]
    tagger = TechniqueTagger()
    tagger.predict(docs[: args.batch])  # warm-up: the first run sets up onnxruntime
    profile = cProfile.Profile()
    started = time.perf_counter()
    profile.enable()
    for b in range(0, len(docs), args.batch):
        tagger.predict(docs[b : b + args.batch])
    profile.disable()
    wall = time.perf_counter() - started

    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    own = {"encoder (onnxruntime run)": 0.0, "tokenizer (encode)": 0.0}
    total = 0.0
    for (_file, _line, name), (_cc, _nc, tottime, _ct, _callers) in stats.items():
        total += tottime
        if "onnxruntime" in name and name.rstrip(">").endswith(".run"):
            own["encoder (onnxruntime run)"] += tottime
        elif name == "<method 'encode' of 'tokenizers.Tokenizer' objects>":
            own["tokenizer (encode)"] += tottime
    own["the rest"] = total - sum(own.values())
    print(f"{len(docs)} articles, {len(docs) / wall:.2f} articles/s under the profiler")
    print("part | seconds | share")
    print("--- | --- | ---")
    for part, seconds in own.items():
        print(f"{part} | {seconds:.2f} | {seconds / total:.1%}")


if __name__ == "__main__":
    main()
