"""The whole analyzer with the parse started ahead (shipped) and in turn, alternating in
one process so that the machine's drift falls on both ways; optionally with onnxruntime's
threads not spinning while they wait (`--no-spinning`, a second analyzer built so).

Each way reads the same chunks of articles, the parse cache cleared before each chunk;
the first chunk's order alternates. Prints articles/s per way and whether every way gave
the same analyses (as JSON).

    python bench/parse_ahead.py --limit 160
    python bench/parse_ahead.py --limit 160 --no-spinning
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from bench_techniques import DEFAULT_ARTICLES, load_texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES)
    parser.add_argument("--limit", type=int, default=160, help="first N articles")
    parser.add_argument("--chunk", type=int, default=16, help="articles a way reads in turn")
    parser.add_argument(
        "--no-spinning",
        action="store_true",
        help="also time an analyzer whose onnxruntime threads do not spin while waiting",
    )
    args = parser.parse_args()

    import onnxruntime as ort

    import propscope.models.attribution_tagger as tagger_module
    import propscope.nlp
    from propscope import Analyzer
    from propscope.document import Document

    spin = ["1"]
    base = ort.SessionOptions

    class Options(base):  # type: ignore[misc, valid-type]
        def __init__(self) -> None:
            super().__init__()
            self.add_session_config_entry("session.intra_op.allow_spinning", spin[0])

    ort.SessionOptions = Options  # read when each layer opens its onnxruntime session
    docs = [Document.from_text(t) for t in load_texts(args.articles, args.limit)]
    analyzers = {"spinning": Analyzer()}
    if args.no_spinning:
        spin[0] = "0"
        tagger_module.shipped_tagger.cache_clear()  # a tagger with the other setting
        analyzers["not spinning"] = Analyzer()
    ways = [(name, ahead) for name in analyzers for ahead in (False, True)]
    for name, _ in ways:
        list(analyzers[name].pipe(docs[:4]))  # warm-up
    seconds = dict.fromkeys(ways, 0.0)
    outputs: dict[tuple[str, bool], list[str]] = {way: [] for way in ways}
    for k, start in enumerate(range(0, len(docs), args.chunk)):
        for name, ahead in ways[k % len(ways) :] + ways[: k % len(ways)]:
            propscope.nlp._parses.clear()
            propscope.nlp.PARSE_AHEAD = ahead
            t0 = time.perf_counter()
            done = list(analyzers[name].pipe(docs[start : start + args.chunk]))
            seconds[(name, ahead)] += time.perf_counter() - t0
            outputs[(name, ahead)] += [json.dumps(a.to_dict(), sort_keys=True) for a in done]
    print("onnxruntime threads | parse | articles/s")
    print("--- | --- | ---:")
    for (name, ahead), s in seconds.items():
        print(f"{name} | {'ahead' if ahead else 'in turn'} | {len(docs) / s:.3f}")
    same = all(out == outputs[ways[0]] for out in outputs.values())
    print(f"articles: {len(docs)}; the same analyses every way: {same}")


if __name__ == "__main__":
    main()
