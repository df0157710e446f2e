"""Why the runtime never batches two articles' windows together, and what reading each
window alone would cost instead.

The int8 encoder quantizes its activations with one scale per batch, so a window's
output depends on the windows read beside it. This reads each of the first N news
articles alone (as the runtime does) and again with its windows mixed into batches of
16 with those of the next seven articles, sorted by length (how runtimes before 0.3.2
batched), and prints how far each article's token inside-probabilities move. Then it
times the shipped reading (an article's windows batched together) against every window
read alone (`batch_rows=1`), interleaved.

    python bench/bench_batch_effect.py --limit 40
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import numpy as np

from bench_techniques import DEFAULT_ARTICLES, load_texts


def mixed_inside(runtime, texts: list[str]) -> list[np.ndarray]:  # type: ignore[no-untyped-def]
    """Each text's token inside-probabilities with windows batched across texts."""
    from propscope.encoding import encode_text, plan_windows

    encoded = [encode_text(runtime.tokenizer, t) for t in texts]
    w = runtime.window
    plans = [plan_windows(len(e), max_tokens=w.tokens, stride=w.stride, align_last=False)
             for e in encoded]  # fmt: skip
    rows = [(d, win) for d, plan in enumerate(plans) for win in plan]
    order = sorted(range(len(rows)), key=lambda i: rows[i][1][1] - rows[i][1][0])
    hidden: dict[int, np.ndarray] = {}
    probs: dict[int, np.ndarray] = {}
    for b in range(0, len(order), 16):
        chunk = order[b : b + 16]
        h, p = runtime._run_rows([(encoded[rows[i][0]], *rows[i][1]) for i in chunk])
        for j, i in enumerate(chunk):
            hidden[i], probs[i] = h[j], p[j]
    out, cursor = [], 0
    for e, plan in zip(encoded, plans, strict=True):
        ks = range(cursor, cursor + len(plan))
        cursor += len(plan)
        scores = runtime._assemble(e, plan, [hidden[k] for k in ks], [probs[k] for k in ks])
        out.append(scores.token_probs[:, 1] + scores.token_probs[:, 2])
    return out


def main() -> None:
    from propscope.models.runtime import TechniqueModelRuntime

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_ARTICLES)
    parser.add_argument("--limit", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=3, help="interleaved timing passes")
    args = parser.parse_args()
    texts = load_texts(args.data, args.limit)
    runtime = TechniqueModelRuntime()
    runtime.word_prior = None  # the encoder's own probabilities
    moved = []
    for b in range(0, len(texts), 8):
        batch = texts[b : b + 8]
        alone = [s.token_probs[:, 1] + s.token_probs[:, 2] for s in runtime.score_texts(batch)]
        for a, m in zip(alone, mixed_inside(runtime, batch), strict=True):
            moved.append(float(np.abs(a - m).max()))
    print(f"{len(texts)} articles: largest move of a token's inside-probability, read alone "
          f"against batched across articles: median {statistics.median(moved):.3f}, "
          f"max {max(moved):.3f}, {sum(m > 0.05 for m in moved) / len(moved):.0%} "
          "of articles over 0.05")  # fmt: skip
    speeds: dict[str, list[float]] = {"an article's windows together (shipped)": [],
                                      "every window alone": []}  # fmt: skip
    for _ in range(args.repeat):
        for name, rows in zip(speeds, (16, 1), strict=True):
            start = time.perf_counter()
            runtime.score_texts(texts, batch_rows=rows)
            speeds[name].append(len(texts) / (time.perf_counter() - start))
    print("\n| reading | articles/s (median of passes) |\n|---|---:|")
    for name, values in speeds.items():
        print(f"| {name} | {statistics.median(values):.2f} |")


if __name__ == "__main__":
    main()
