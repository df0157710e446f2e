"""Memory over a long stream: the whole analyzer reads several thousand different news
texts in one process, as a batch worker or the web service does for weeks, and this prints
the process's memory and what spaCy's vocabulary holds every N articles, with the
vocabulary freed after each batch (`propscope.nlp.transient_parses`, the default) and
without (what every release before session 51 did).

The texts are every article of the shared data, each once: FNC-1's 1,683 bodies, PolNeAR
train's texts, news-unlabeled and the PTC's training articles (about 3,300). A run over
the same texts again would add nothing to the vocabulary: a long run's growth comes from
names, numbers and words it has not met. Each setting runs in a process of its own.

    python bench/bench_memory_stream.py                      # both settings, every text
    python bench/bench_memory_stream.py --articles 1000 --every 250
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from bench_techniques import peak_rss_mb

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"


def texts(data: Path) -> Iterator[str]:
    """Every text of the shared data, each once, in a fixed order."""
    from propscope.io.ptc import list_ptc_articles, read_ptc_text

    csv.field_size_limit(2**31 - 1)
    with open(data / "fnc-1" / "train_bodies.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            yield row["articleBody"]
    for path in sorted((data / "polnear" / "train" / "text").rglob("*.txt")):
        yield path.read_text(encoding="utf-8", errors="replace")
    for folder in ("news-unlabeled", "ptc-train/articles"):
        for _, path in list_ptc_articles(data / folder):
            yield read_ptc_text(path)


def _rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024
    return float("nan")


def measure(data: Path, articles: int, every: int, transient: bool) -> list[dict[str, float]]:
    """One setting, in this process: a row before the first article, then one every
    `every` articles."""
    import propscope.nlp as nlp_module
    from propscope import Analyzer

    nlp_module.TRANSIENT_PARSES = transient
    analyzer = Analyzer()
    nlp = nlp_module.load_spacy(None)
    lemmatizer = nlp.get_pipe("lemmatizer")
    stream = (t for t in texts(data) if t.strip())
    rows, started, read = [], time.perf_counter(), 0

    def row() -> dict[str, float]:
        return {
            "articles": read,
            "seconds": time.perf_counter() - started,
            "rss_mb": _rss_mb(),
            "peak_mb": peak_rss_mb(),
            "strings": len(nlp.vocab.strings),
            "lemma_cache": len(lemmatizer.cache),
        }

    rows.append(row())
    for _ in analyzer.pipe(t for _, t in zip(range(articles), stream, strict=False)):
        read += 1
        if read % every == 0:
            rows.append(row())
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=str(DATA), help="the shared data folder")
    parser.add_argument("--articles", type=int, default=10**9, help="at most this many")
    parser.add_argument("--every", type=int, default=500, help="a row every N articles")
    parser.add_argument("--one", choices=["freed", "kept"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:  # a child process: one setting, its rows as JSON
        print(json.dumps(measure(Path(args.data), args.articles, args.every, args.one == "freed")))
        return
    results = {}
    for setting in ("kept", "freed"):
        command = [sys.executable, __file__, "--data", args.data, "--articles", str(args.articles)]
        command += ["--every", str(args.every), "--one", setting]
        out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        results[setting] = json.loads(out.strip().splitlines()[-1])
    print(
        "| articles | vocabulary strings, kept / freed | lemmatizer cache, kept / freed "
        "| memory MB, kept / freed | peak MB, kept / freed | articles/s, kept / freed |"
    )
    print("|---:|---:|---:|---:|---:|---:|")
    for kept, freed in zip(results["kept"][1:], results["freed"][1:], strict=True):
        rate = (
            f"{kept['articles'] / kept['seconds']:.2f} / {freed['articles'] / freed['seconds']:.2f}"
        )
        print(
            f"| {kept['articles']:,} | {kept['strings']:,} / {freed['strings']:,} "
            f"| {kept['lemma_cache']:,} / {freed['lemma_cache']:,} "
            f"| {kept['rss_mb']:.0f} / {freed['rss_mb']:.0f} "
            f"| {kept['peak_mb']:.0f} / {freed['peak_mb']:.0f} "
            f"| {rate} |"
        )
    start, *kept = results["kept"]
    if len(kept) >= 2:
        first, last = kept[0], kept[-1]
        added = [r["strings"] - start["strings"] for r in (first, last)]
        exponent = math.log(added[1] / added[0]) / math.log(last["articles"] / first["articles"])
        print(
            f"\nKept, the vocabulary grew by {added[1]:,} strings in {last['articles']:,} "
            f"articles ({start['strings']:,} before the first); the strings added grow as "
            f"articles^{exponent:.2f} from row {first['articles']:,} to row {last['articles']:,}."
        )


if __name__ == "__main__":
    main()
