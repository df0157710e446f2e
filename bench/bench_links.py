"""Speed and memory of reading a list of links (a CSV with a `url` column) into
documents, against the loop a user would write.

The 400 news articles are written as web pages (the pages of `bench_pages.py`) and
served from 127.0.0.1 by a server in this process that waits `--latency` seconds before
each answer, as a distant site does. A CSV lists their addresses. Then, each way in its
own process (so peak memory is its own), every page is fetched and its article read:

- plain:                the loop a user would write: `httpx.get` then
                        `trafilatura.extract`, one page after another (the baseline of
                        the "vs plain" column);
- propscope, 1 at once: `fetch_pages(corpus_items([links.csv]), workers=1)`: the
                        checked fetch (`propscope.io.fetch`) one page at a time;
- propscope:            `read_corpus([links.csv])`, as `propscope analyze` and
                        `propscope batch` read it: pages fetched `FETCH_WORKERS` at once.

The table also checks each reading: the share of the article's words it holds. Needs
the [web] extra.

    python bench/bench_links.py                    # 400 pages, 0.2 s a page
    python bench/bench_links.py --limit 100 --latency 0.5
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from bench_pages import (
    DEFAULT_ARTICLES,
    _load_texts,
    _word_share,
    peak_rss_mb,
    run_in_process,
    write_pages,
)

WAYS = ("plain", "propscope, 1 at once", "propscope")


def serve(folder: Path, latency: float) -> ThreadingHTTPServer:
    """Serve `folder` on a free port of 127.0.0.1, each answer after `latency` seconds."""

    class Slow(SimpleHTTPRequestHandler):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, directory=str(folder), **kwargs)  # type: ignore[arg-type]

        def do_GET(self) -> None:
            time.sleep(latency)
            super().do_GET()

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Slow)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def run_way(way: str, links: str, articles: str, limit: int) -> dict[str, float]:
    """One way of reading the links, in this process; prints nothing."""
    with open(links, encoding="utf-8", newline="") as handle:
        urls = [row["url"] for row in csv.DictReader(handle)]
    texts = _load_texts(Path(articles), limit)
    start = time.perf_counter()
    if way == "plain":
        import httpx
        import trafilatura

        bodies = [trafilatura.extract(httpx.get(url).content) or "" for url in urls]
    else:
        from propscope.document import Document
        from propscope.io.readers import fetch_pages
        from propscope.io.tables import corpus_items, read_corpus

        if way == "propscope":
            docs = list(read_corpus([Path(links)]))
        else:
            docs = list(fetch_pages(corpus_items([Path(links)]), workers=1))
        bodies = [d.text if isinstance(d, Document) else "" for d in docs]
    seconds = time.perf_counter() - start
    kept = [_word_share(text, body) for text, body in zip(texts, bodies, strict=True)]
    return {
        "pages": len(urls),
        "seconds": seconds,
        "failed": sum(1 for b in bodies if not b),
        "words_kept": sum(kept) / len(kept),
        "peak_mb": peak_rss_mb(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES)
    parser.add_argument("--limit", type=int, default=400)
    parser.add_argument("--latency", type=float, default=0.2, help="seconds before each answer")
    parser.add_argument("--way", help=argparse.SUPPRESS)
    parser.add_argument("--links", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.way:
        print(json.dumps(run_way(args.way, args.links, str(args.articles), args.limit)))
        return
    texts = _load_texts(args.articles, args.limit)
    with tempfile.TemporaryDirectory() as tmp:
        pages = Path(tmp) / "pages"
        pages.mkdir()
        write_pages(pages, texts)
        server = serve(pages, args.latency)
        port = server.server_address[1]
        links = Path(tmp) / "links.csv"
        with open(links, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["url", "outlet"])
            for page in sorted(pages.iterdir()):
                writer.writerow([f"http://127.0.0.1:{port}/{page.name}", "The Example Courier"])
        env = {**os.environ, "PROPSCOPE_ALLOW_PRIVATE_ADDRESSES": "1"}
        rows = {}
        try:
            for way in WAYS:
                options = ["--links", str(links), "--articles", str(args.articles)]
                rows[way] = run_in_process(
                    __file__, way, [*options, "--limit", str(args.limit)], env=env
                )
        finally:
            server.shutdown()
    base = rows["plain"]["pages"] / rows["plain"]["seconds"]
    print(f"{len(texts)} links, the server answering each after {args.latency:.2f} s\n")
    print("| way | pages/s | peak MB | pages without text | article words kept | vs plain |")
    print("|---|---:|---:|---:|---:|---:|")
    for way, row in rows.items():
        rate = row["pages"] / row["seconds"]
        print(
            f"| {way} | {rate:.1f} | {row['peak_mb']:.0f} | {row['failed']} | "
            f"{row['words_kept']:.3f} | {rate / base:.2f}x |"
        )


if __name__ == "__main__":
    main()
