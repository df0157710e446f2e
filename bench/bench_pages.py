"""Speed and memory of reading saved web pages (.html files) into documents, against
plain trafilatura.

The 400 news articles are each written into a web page of the kind a browser saves (a
head with the site's name and date, a menu, the article in paragraphs, a sidebar of
other headlines, a footer and scripts), once, in a temporary folder. Then, each way in
its own process (so peak memory is its own), the folder is read:

- propscope:  `read_corpus([folder])`, as `propscope analyze` and `propscope batch`
              read it: each page's article, title, date and site become a Document;
- trafilatura: the loop a user would write: `trafilatura.extract` on each file's bytes,
              text only (the baseline of the "vs plain" column).

The table also checks each reading: the share of the article's words it holds, and
how many pages' readings keep words of the menu, sidebar, byline, footer or scripts.
Needs the [web] extra.

    python bench/bench_pages.py            # 400 pages
    python bench/bench_pages.py --limit 100
"""

from __future__ import annotations

import argparse
import html
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_ARTICLES = ROOT.parent / "shared" / "data" / "news-unlabeled"

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | The Example Courier</title>
<meta property="og:site_name" content="The Example Courier">
<meta property="article:published_time" content="2026-11-{day:02d}T08:00:00Z">
<link rel="stylesheet" href="/static/site.css"><script src="/static/ads.js"></script>
</head><body>
<header><a href="/">The Example Courier</a>
<nav><a href="/world">World</a> <a href="/politics">Politics</a> <a href="/sport">Sport</a>
<a href="/opinion">Opinion</a> <a href="/subscribe">Subscribe</a></nav></header>
<main><article><h1>{title}</h1><p class="byline">By Staff Reporter</p>
{paragraphs}
</article>
<aside><h2>Most read</h2><ul>{most_read}</ul></aside></main>
<footer><p>Copyright 2026 The Example Courier. All rights reserved.</p>
<a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer>
<script>window.dataLayer = window.dataLayer || []; dataLayer.push({{"page": "article"}});</script>
</body></html>
"""


# Words of the page around the article: any of them in a reading is furniture kept.
FURNITURE = ("Most read", "All rights reserved", "Subscribe", "dataLayer", "Staff Reporter")


def write_pages(folder: Path, texts: list[str]) -> None:
    for n, text in enumerate(texts):
        lines = [line.strip() for line in text.split("\n") if line.strip()]
        title, body = (lines[0], lines[1:]) if len(lines) > 1 else ("Untitled", lines)
        others = [t.split("\n", 1)[0][:80] for t in texts[n + 1 : n + 6]]
        page = PAGE.format(
            title=html.escape(title),
            day=1 + n % 28,
            paragraphs="\n".join(f"<p>{html.escape(p)}</p>" for p in body),
            most_read="".join(
                f'<li><a href="/a/{k}">{html.escape(o)}</a></li>' for k, o in enumerate(others)
            ),
        )
        (folder / f"page{n:04d}.html").write_text(page, encoding="utf-8")


def peak_rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def run_way(way: str, folder: str, articles: str, limit: int) -> dict[str, float]:
    """One way of reading the pages, in this process; prints nothing."""
    paths = sorted(Path(folder).glob("*.html"))
    texts = _load_texts(Path(articles), limit)
    start = time.perf_counter()
    if way == "propscope":
        from propscope.document import Document
        from propscope.io.tables import read_corpus

        docs = list(read_corpus([Path(folder)]))
        bodies = [d.text if isinstance(d, Document) else "" for d in docs]
    else:
        import trafilatura

        bodies = [trafilatura.extract(p.read_bytes()) or "" for p in paths]
    seconds = time.perf_counter() - start
    kept = [_word_share(text, body) for text, body in zip(texts, bodies, strict=True)]
    return {
        "pages": len(paths),
        "seconds": seconds,
        "failed": sum(1 for b in bodies if not b),
        "words_kept": sum(kept) / len(kept),
        "furniture": sum(1 for b in bodies if any(f in b for f in FURNITURE)),
        "peak_mb": peak_rss_mb(),
    }


def run_in_process(
    script: str, way: str, args: list[str], env: dict[str, str] | None = None
) -> dict:
    """Run `script --way WAY ARGS...` in a process of its own (its peak memory its own)
    and return the JSON object its last line prints."""
    out = subprocess.run(
        [sys.executable, script, "--way", way, *args],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def _word_share(text: str, body: str) -> float:
    """The share of the article's body words (its first line, the title, aside) that the
    page's reading holds, counted as a bag of words."""
    from collections import Counter

    words = Counter(text.split("\n", 1)[-1].split())
    found = Counter(body.split())
    total = sum(words.values())
    return sum(min(n, found[w]) for w, n in words.items()) / total if total else 1.0


def _load_texts(folder: Path, limit: int) -> list[str]:
    from propscope.io.ptc import list_ptc_articles, read_ptc_text

    found = list_ptc_articles(folder)
    if not found:
        sys.exit(f"no article<ID>.txt files in {folder}")
    return [read_ptc_text(path) for _, path in found[:limit]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES)
    parser.add_argument("--limit", type=int, default=400)
    parser.add_argument("--way", help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.way:
        print(json.dumps(run_way(args.way, args.folder, str(args.articles), args.limit)))
        return
    texts = _load_texts(args.articles, args.limit)
    with tempfile.TemporaryDirectory() as folder:
        write_pages(Path(folder), texts)
        size = sum(p.stat().st_size for p in Path(folder).iterdir()) / len(texts) / 1024
        rows = {}
        for way in ("trafilatura", "propscope"):
            rows[way] = run_in_process(
                __file__,
                way,
                ["--folder", folder, "--articles", str(args.articles), "--limit", str(args.limit)],
            )
    base = rows["trafilatura"]["pages"] / rows["trafilatura"]["seconds"]
    print(f"{len(texts)} pages, {size:.1f} KB each on average\n")
    print(
        "| way | pages/s | peak MB | pages without text | article words kept "
        "| pages with menus, sidebar or footer kept | vs plain |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for way, row in rows.items():
        rate = row["pages"] / row["seconds"]
        print(
            f"| {way} | {rate:.1f} | {row['peak_mb']:.0f} | {row['failed']} | "
            f"{row['words_kept']:.3f} | {row['furniture']} | {rate / base:.2f}x |"
        )


if __name__ == "__main__":
    main()
