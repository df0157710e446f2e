"""Speed of naming the technique of given spans (the shared task's TC: `propscope ptc
predict --task tc`, `propscope classify`, `/api/classify`), as the shipped model reads
them (in the article's window and again in windows placed around each span, its
`given_spans.views`) and read once (0.3.0's way).

The encoder reads each article once, eight articles at a time (timed on its own); then
every gold span of the article gets its technique, through the same call that
`propscope ptc predict --task tc` makes (`classify_spans(..., given=True)`), timed with
the model's views (their windows on the model's grid, as shipped, and placed exactly)
and again with none. The whole-path rows add the encoder's time to each. It also counts
the windows the extra readings send to the encoder.

    python bench/bench_given_spans.py           # ptc-train: 357 articles with 6,128 spans
    python bench/bench_given_spans.py --limit 100 --model my-model
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from pathlib import Path

from bench_techniques import peak_rss_mb

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "ptc-train"


def main() -> None:
    from propscope.components.techniques import TechniqueTagger
    from propscope.io.ptc import list_ptc_articles, read_ptc_text, read_tc_labels
    from propscope.models.runtime import DEFAULT_MODEL_DIR, TechniqueModelRuntime

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=str(DEFAULT_DATA), help="a PTC folder with TC labels")
    parser.add_argument("--model", help="model folder (default: the shipped one)")
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument(
        "--repeat", type=int, default=3, help="passes of the read-once span step; the best counts"
    )
    args = parser.parse_args()

    data = Path(args.data)
    labels = data / "train-task-flc-tc.labels"
    if not labels.is_file():
        raise SystemExit(f"{labels} does not exist: give --data a PTC folder with TC labels")
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for row in read_tc_labels(labels):
        spans[row.article_id].append((row.start, row.end))
    found = [(i, p) for i, p in list_ptc_articles(data / "articles") if i in spans]
    texts = {i: read_ptc_text(p) for i, p in found[: args.limit]}
    n_spans = sum(len(spans[i]) for i in texts)

    runtime = TechniqueModelRuntime(Path(args.model) if args.model else DEFAULT_MODEL_DIR)
    views = runtime.given_views
    if not views:
        raise SystemExit("the model reads given spans once: run `propscope calibrate` first")
    tagger = TechniqueTagger(runtime=runtime)
    ids = list(texts)
    tagger.scores([texts[ids[0]]])  # warm-up, not timed

    grid = runtime.view_grid
    windows_read = {"grid": 0, "exact": 0}  # encoder windows beyond the article's own
    run_rows = runtime._run_rows

    def counted(parts):  # type: ignore[no-untyped-def]
        if counting is not None:
            windows_read[counting] += len(parts)
        return run_rows(parts)

    runtime._run_rows = counted  # type: ignore[method-assign]
    counting: str | None = None  # the article's own windows are not counted

    def span_seconds(
        batch: list[str], scores: list, *, read: tuple[float, ...], view_grid: int = grid
    ) -> float:
        runtime.given_views, runtime.view_grid = read, view_grid
        best = float("inf")
        # Reading in more windows is the encoder's work, seconds a batch: once is enough.
        for _ in range(1 if read else args.repeat):
            started = time.perf_counter()
            for i, s in zip(batch, scores, strict=True):
                runtime.classify_spans(texts[i], s, spans[i], given=True)
            best = min(best, time.perf_counter() - started)
        return best

    # Eight articles at a time, as `propscope ptc predict` reads them, so memory is the
    # command's own. The extra windows start on the model's grid (as shipped), and again
    # where asked exactly (grid 1), to show what the grid saves.
    encoder_s = viewed = exact = once = 0.0
    for b in range(0, len(ids), 8):
        batch = ids[b : b + 8]
        counting = None
        started = time.perf_counter()
        scores = tagger.scores([texts[i] for i in batch])
        encoder_s += time.perf_counter() - started
        counting = "grid"
        viewed += span_seconds(batch, scores, read=views)
        counting = "exact"
        exact += span_seconds(batch, scores, read=views, view_grid=1)
        counting = None
        once += span_seconds(batch, scores, read=())
    runtime.given_views, runtime.view_grid = views, grid

    n = len(ids)
    shares = ", ".join(f"{v:g}" for v in views)
    print(f"{n} articles, {n_spans} given spans; encoder {encoder_s:.2f} s; views {shares}")
    print(
        f"windows read beyond the article's: {windows_read['grid']:,} on a grid of {grid} "
        f"({windows_read['grid'] / n_spans:.2f} a span), {windows_read['exact']:,} placed "
        f"exactly ({windows_read['exact'] / n_spans:.2f} a span)"
    )
    print(f"peak RSS {peak_rss_mb():.0f} MB")
    print()
    print("| step | seconds | spans/s | articles/s | vs read once |")
    print("|---|---:|---:|---:|---:|")
    times = len(views) + 1
    for name, seconds, base in (
        ("spans only, read once (0.3.0)", once, once),
        (f"spans only, read {times} times, windows placed exactly", exact, once),
        (f"spans only, read {times} times, windows on the grid (shipped)", viewed, once),
        ("whole TC path, read once", encoder_s + once, encoder_s + once),
        (f"whole TC path, read {times} times, placed exactly", encoder_s + exact, encoder_s + once),
        (f"whole TC path, read {times} times, on the grid", encoder_s + viewed, encoder_s + once),
    ):
        print(
            f"| {name} | {seconds:.2f} | {n_spans / seconds:,.0f} | {n / seconds:.2f} "
            f"| {base / seconds:.2f}x |"
        )


if __name__ == "__main__":
    main()
