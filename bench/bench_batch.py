"""Corpus runs: throughput and memory of `propscope batch` by engine, the cost of
resuming a finished run, and how time grows with the number of articles.

The corpus is ../shared/data/news-unlabeled repeated until it holds N articles; repeated
copies get new ids (`<id>-r<copy>`), five made-up outlets and a month each, so that every
article is new to the run. Each measurement runs the real command in its own process:

    python -m propscope.cli batch corpus.jsonl --output OUT [--processes P] [--engine dask]

- articles/s is N over the command's wall time, start-up (model loading) included;
- peak memory is read from /proc every 0.2 s over the command's whole process tree (the
  command, its worker processes, and for Dask the nannies, workers and scheduler): the
  table gives the SUM of every process's high-water mark (VmHWM), an upper bound of the
  memory the run needed at once (peaks need not coincide, and shared pages count once per
  process), and the MAX, the largest single process;
- resume: the local 1-process command again, on its own finished output (nothing to do);
- scaling: by default, read off the local 1-process run at N itself: while it runs, the
  bench counts the records in its JSONL output and the largest resident memory (VmRSS) of
  its process tree so far, so one run gives seconds and memory against articles done, at about 20
  points from the start to N. A least-squares line seconds = start-up + n / rate is fitted;
  the table gives each point, and the plot (SVG) the seconds against n with that line.
  With --sizes, the local 1-process command runs again, once per size, instead.

    python bench/bench_batch.py --articles 10000 --components techniques,figures
    python bench/bench_batch.py --articles 2000 --sizes 250,500,1000,2000
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_ARTICLES = ROOT.parent / "shared" / "data" / "news-unlabeled"
# name: (engine, processes, threads per process or None for the engine's choice). "local1"
# is one process using both cores (two threads); "worker1" is one worker on one core, the
# unit that "2 workers >= 1.7x one worker" compares against.
ENGINES = {
    "worker1": ("local", 1, 1),
    "local1": ("local", 1, None),
    "local2": ("local", 2, None),
    "dask2": ("dask", 2, None),
}
THREAD_VARIABLES = ("PROPSCOPE_THREADS", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS")


@dataclass
class Measurement:
    name: str
    articles: int
    seconds: float
    rate: float
    peak_sum_mb: float
    peak_max_mb: float
    processes: int
    analyzed: int
    failed: int
    skipped: int


def build_corpus(source: Path, n: int, path: Path) -> None:
    from propscope.io.ptc import list_ptc_articles, read_ptc_text

    found = list_ptc_articles(source)
    if not found:
        sys.exit(f"no article<ID>.txt files in {source}")
    with open(path, "w", encoding="utf-8") as out:
        for i in range(n):
            article_id, file = found[i % len(found)]
            copy = i // len(found)
            row = {
                "id": article_id if copy == 0 else f"{article_id}-r{copy}",
                "text": read_ptc_text(file),
                "source": f"outlet-{i % 5}",
                "published": f"2024-{1 + i % 12:02d}-01",
            }
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def first_lines(path: Path, n: int, target: Path) -> None:
    with open(path, encoding="utf-8") as src, open(target, "w", encoding="utf-8") as dst:
        for i, line in enumerate(src):
            if i >= n:
                break
            dst.write(line)


def _tree(root: int) -> list[int]:
    """`root` and every process below it, from /proc."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                ppid = int(handle.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        parents.setdefault(ppid, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(parents.get(pid, []))
    return out


def _status_kb(pid: int, field: str) -> int | None:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith(field):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


class LineCounter:
    """Lines in a file that is being appended to, reading only what is new each time."""

    def __init__(self, path: Path) -> None:
        self.path, self.offset, self.lines = path, 0, 0

    def count(self) -> int:
        try:
            with open(self.path, "rb") as handle:
                handle.seek(self.offset)
                chunk = handle.read()
        except OSError:
            return self.lines
        self.lines += chunk.count(b"\n")
        self.offset += len(chunk)
        return self.lines


@dataclass
class ProgressPoint:
    articles: int
    seconds: float
    rss_mb: float  # the largest resident memory of the process tree seen so far


class PeakSampler:
    """Every process's VmHWM in a process tree, sampled until stopped; with `progress`, also
    the records written to that JSONL output and the tree's resident memory over time."""

    def __init__(
        self, root: int, every: float = 0.2, *, progress: Path | None = None, target: int = 0
    ) -> None:
        self.root, self.every = root, every
        self.peaks: dict[int, int] = {}
        self.trace: list[ProgressPoint] = []
        self._counter = LineCounter(progress) if progress is not None else None
        # about 20 points from the start to the end of the run
        self._step, self._next = max(1, target // 20), max(1, target // 20)
        self._started = time.perf_counter()
        self._rss_peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            rss = 0
            for pid in _tree(self.root):
                kb = _status_kb(pid, "VmHWM:")
                if kb is not None:
                    self.peaks[pid] = max(kb, self.peaks.get(pid, 0))
                rss += _status_kb(pid, "VmRSS:") or 0
            self._rss_peak = max(self._rss_peak, rss)
            if self._counter is not None:
                done = self._counter.count()
                if done >= self._next:
                    elapsed = time.perf_counter() - self._started
                    peak = round(self._rss_peak / 1024)
                    self.trace.append(ProgressPoint(done, round(elapsed, 2), peak))
                    self._next = (done // self._step + 1) * self._step
            self._stop.wait(self.every)

    def stop(self) -> tuple[float, float, int]:
        self._stop.set()
        self._thread.join()
        values = list(self.peaks.values()) or [0]
        return sum(values) / 1024, max(values) / 1024, len(self.peaks)


def run_command(
    name: str,
    corpus: Path,
    output: Path,
    articles: int,
    engine: str,
    processes: int,
    components: str | None,
    threads: int | None = None,
    trace: list[ProgressPoint] | None = None,
) -> Measurement:
    command = [
        sys.executable, "-m", "propscope.cli", "batch", str(corpus), "--output", str(output),
        "--processes", str(processes), "--engine", engine, "--no-progress", "--json",
    ]  # fmt: skip
    if components:
        command += ["--components", components]
    started = time.perf_counter()
    env = dict(os.environ)
    if threads is not None:
        env.update({name: str(threads) for name in THREAD_VARIABLES})
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    sampler = PeakSampler(
        process.pid, progress=output if trace is not None else None, target=articles
    )
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - started
    peak_sum, peak_max, count = sampler.stop()
    if trace is not None:
        trace.extend(sampler.trace)
    if process.returncode not in (0, 1):
        sys.exit(f"{name} failed ({process.returncode}):\n{stderr}")
    summary = json.loads(stdout)
    return Measurement(
        name=name,
        articles=articles,
        seconds=round(seconds, 2),
        rate=round(articles / seconds, 2),
        peak_sum_mb=round(peak_sum),
        peak_max_mb=round(peak_max),
        processes=count,
        analyzed=summary["analyzed"],
        failed=summary["failed"],
        skipped=summary["skipped"],
    )


def fit_line(points: list[tuple[int, float]]) -> tuple[float, float]:
    """Least squares seconds = a + b * articles; returns (a, b)."""
    n = len(points)
    if n < 2:
        return 0.0, points[0][1] / points[0][0]
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    sxx = sum((x - mean_x) ** 2 for x, _ in points)
    b = sum((x - mean_x) * (y - mean_y) for x, y in points) / sxx if sxx else 0.0
    return mean_y - b * mean_x, b


def scaling_svg(points: list[tuple[int, float]], a: float, b: float, title: str) -> str:
    width, height, left, right, top, bottom = 640, 360, 64, 24, 36, 52
    max_x = max(x for x, _ in points)
    max_y = max([y for _, y in points] + [a + b * max_x]) * 1.1 or 1.0

    def sx(x: float) -> float:
        return left + (width - left - right) * x / max_x

    def sy(y: float) -> float:
        return top + (height - top - bottom) * (1 - y / max_y)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        'font-family="sans-serif" font-size="12">',
        f'<text x="{left}" y="20" font-size="14">{title}</text>',
        f'<line x1="{left}" y1="{sy(0)}" x2="{width - right}" y2="{sy(0)}" stroke="#888"/>',
        f'<line x1="{left}" y1="{sy(0)}" x2="{left}" y2="{top}" stroke="#888"/>',
        f'<text x="{(left + width) / 2}" y="{height - 12}" text-anchor="middle">articles</text>',
        f'<text x="14" y="{(top + height) / 2}" transform="rotate(-90 14 {(top + height) / 2})" '
        'text-anchor="middle">seconds (wall, start-up included)</text>',
        f'<line x1="{sx(0):.1f}" y1="{sy(a):.1f}" x2="{sx(max_x):.1f}" '
        f'y2="{sy(a + b * max_x):.1f}" stroke="#b00020" stroke-dasharray="6 4"/>',
    ]
    for fraction in (0.0, 0.5, 1.0):
        parts.append(
            f'<text x="{left - 6}" y="{sy(max_y * fraction) + 4:.1f}" '
            f'text-anchor="end">{max_y * fraction:.0f}</text>'
        )
    for x, y in points:
        parts.append(f'<circle cx="{sx(x):.1f}" cy="{sy(y):.1f}" r="4" fill="#1a1a1a"/>')
        parts.append(f'<text x="{sx(x):.1f}" y="{sy(0) + 16:.1f}" text-anchor="middle">{x}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000, help="N articles in the corpus")
    parser.add_argument(
        "--sizes",
        default=None,
        help="comma-separated sizes for separate scaling runs (default: read the scaling "
        "off the local1 run at N while it runs)",
    )
    parser.add_argument(
        "--engines",
        default="worker1,local1,local2,dask2",
        help=f"which of {', '.join(ENGINES)} to measure at N articles",
    )
    parser.add_argument(
        "--components",
        default=None,
        help="layers to compute, e.g. techniques,figures (default: all)",
    )
    parser.add_argument("--source", type=Path, default=DEFAULT_ARTICLES)
    parser.add_argument("--work-dir", type=Path, default=ROOT / "runs" / "bench-batch")
    parser.add_argument(
        "--plot",
        type=Path,
        default=None,
        help="where to write the scaling plot (default WORK_DIR/scaling.svg)",
    )
    args = parser.parse_args()
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    unknown = [e for e in engines if e not in ENGINES]
    if unknown:
        sys.exit(f"unknown engine(s) {unknown}; choose from {list(ENGINES)}")
    n = args.articles
    sizes = sorted({int(s) for s in args.sizes.split(",")}) if args.sizes else []
    if sizes and max(sizes) > n:
        sys.exit(f"--sizes go up to {max(sizes)}, beyond --articles {n}")
    work = args.work_dir
    work.mkdir(parents=True, exist_ok=True)
    corpus = work / f"corpus-{n}.jsonl"
    build_corpus(args.source, n, corpus)

    def fresh(path: Path) -> Path:
        path.unlink(missing_ok=True)
        return path

    results: list[Measurement] = []
    trace: list[ProgressPoint] = []
    for name in engines:
        engine, processes, threads = ENGINES[name]
        output = fresh(work / f"out-{name}-{n}.jsonl")
        print(f"running {name} on {n} articles ...", file=sys.stderr)
        traced = trace if name == "local1" and not sizes else None
        results.append(
            run_command(
                name, corpus, output, n, engine, processes, args.components, threads, traced
            )
        )
    resume_of = "local1" if "local1" in engines else engines[0]
    engine, processes, threads = ENGINES[resume_of]
    print(f"resuming the finished {resume_of} run ...", file=sys.stderr)
    resume = run_command(
        f"resume ({resume_of}, nothing left)",
        corpus,
        work / f"out-{resume_of}-{n}.jsonl",
        n,
        engine,
        processes,
        args.components,
        threads,
    )
    results.append(resume)

    scaling: list[ProgressPoint] = []
    for size in sizes:
        existing = next((r for r in results if r.name == "local1" and r.articles == size), None)
        if existing is None:
            part = work / f"corpus-{size}.jsonl"
            first_lines(corpus, size, part)
            print(f"scaling: local1 on {size} articles ...", file=sys.stderr)
            existing = run_command(
                "local1",
                part,
                fresh(work / f"out-scaling-{size}.jsonl"),
                size,
                "local",
                1,
                args.components,
            )
        scaling.append(ProgressPoint(existing.articles, existing.seconds, existing.peak_max_mb))
    if not sizes:
        scaling = trace
    points = [(m.articles, m.seconds) for m in scaling]
    a, b = fit_line(points) if points else (0.0, 0.0)
    plot = args.plot or work / "scaling.svg"
    if points:
        plot.write_text(
            scaling_svg(
                points,
                a,
                b,
                f"propscope batch, 1 process: seconds against "
                f"articles (fit: {a:.1f} s + N / {1 / b:.2f} per s)"
                if b > 0
                else "propscope batch, 1 process",
            ),
            encoding="utf-8",
        )

    print(f"\n### Engines, {n} articles, components: {args.components or 'all (default)'}\n")
    print(
        "| run | articles/s | seconds | peak MB (sum of VmHWM) | peak MB (max process) "
        "| processes | analyzed | failed | skipped |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for m in results:
        print(
            f"| {m.name} | {m.rate:.2f} | {m.seconds:.2f} | {m.peak_sum_mb:.0f} | "
            f"{m.peak_max_mb:.0f} | {m.processes} | {m.analyzed} | {m.failed} | {m.skipped} |"
        )
    how = "separate runs" if sizes else "read off the local1 run while it ran"
    memory = "peak MB of the run" if sizes else "largest resident MB (VmRSS) so far"
    print(f"\n### Scaling, local engine, 1 process ({how})\n")
    print(f"| articles | seconds | articles/s so far | seconds predicted by the line | {memory} |")
    print("|---:|---:|---:|---:|---:|")
    for m in scaling:
        rate = m.articles / m.seconds if m.seconds else 0.0
        print(
            f"| {m.articles} | {m.seconds:.2f} | {rate:.2f} | {a + b * m.articles:.2f} "
            f"| {m.rss_mb:.0f} |"
        )
    if b > 0:
        print(
            f"\nLine: seconds = {a:.2f} + N / {1 / b:.2f} (start-up {a:.2f} s, then "
            f"{1 / b:.2f} articles/s); plot: {plot}"
        )
    report = {
        "articles": n,
        "components": args.components,
        "engines": [asdict(m) for m in results],
        "scaling": [asdict(m) for m in scaling],
        "scaling_from": how,
        "fit": {"startup_s": a, "seconds_per_article": b},
    }
    (work / "bench_batch.json").write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
