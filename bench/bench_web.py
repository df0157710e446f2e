"""Load on the web service: 1, 4 and 16 concurrent clients against the real service.

Starts `propscope serve` on a free loopback port with a fresh store, warms it up with one
analysis (model loading is not counted), then for each level of concurrency sends
`--requests` POST /api/analyze requests with the same articles from
../shared/data/news-unlabeled (each level's copy ends with its own short line),
from that many client threads at once. Prints requests/s, p50 and p99 latency, errors
(any answer other than 200 or 201 Created), and whether every analysis the service
returned an id for can be read back (GET /api/analyses/{id}, and the store's count
after the server has stopped).

    python bench/bench_web.py                      # 1,4,16 clients, 24 requests each
    python bench/bench_web.py --clients 1,4,16 --requests 48
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_ARTICLES = ROOT.parent / "shared" / "data" / "news-unlabeled"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def load_articles(folder: Path, n: int) -> list[str]:
    from propscope.io.ptc import list_ptc_articles, read_ptc_text

    found = list_ptc_articles(folder)
    if not found:
        sys.exit(f"no article<ID>.txt files in {folder}")
    return [read_ptc_text(found[i % len(found)][1]) for i in range(n)]


def wait_up(base: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    sys.exit("the service did not start")


def run_level(base: str, texts: list[str], clients: int) -> dict[str, object]:
    latencies: list[float] = []
    errors: list[str] = []
    ids: list[str] = []
    lock = threading.Lock()
    queue = list(enumerate(texts))

    def client() -> None:
        with httpx.Client(base_url=base, timeout=600) as http:
            while True:
                with lock:
                    if not queue:
                        return
                    _, text = queue.pop()
                started = time.perf_counter()
                try:
                    r = http.post("/api/analyze", json={"text": text})
                    ok = r.status_code in (200, 201)
                    body = r.json()
                except (httpx.HTTPError, ValueError) as exc:
                    ok, body = False, {"error": str(exc)}
                elapsed = time.perf_counter() - started
                with lock:
                    latencies.append(elapsed)
                    if ok:
                        ids.append(body["id"])
                    else:
                        errors.append(json.dumps(body)[:200])

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    latencies.sort()
    missing = [i for i in ids if httpx.get(f"{base}/api/analyses/{i}").status_code != 200]
    return {
        "clients": clients,
        "requests": len(texts),
        "seconds": round(wall, 2),
        "requests_per_s": round(len(texts) / wall, 2),
        "p50_s": round(statistics.median(latencies), 3),
        "p99_s": round(latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))], 3),
        "errors": len(errors),
        "stored": len(ids) - len(missing),
        "missing_from_store": len(missing),
        "first_error": errors[0] if errors else "",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", default="1,4,16")
    parser.add_argument("--requests", type=int, default=24, help="requests per level")
    parser.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES)
    args = parser.parse_args()
    levels = [int(c) for c in args.clients.split(",")]
    texts = load_articles(args.articles, args.requests)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        server = subprocess.Popen(
            [sys.executable, "-m", "propscope.cli", "serve", "--port", str(port), "--db", str(db)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            wait_up(base)
            httpx.post(base + "/api/analyze", json={"text": texts[0]}, timeout=600)  # warm-up
            results = []
            for k, clients in enumerate(levels):
                # The same articles at every level, so the levels compare; a level's own
                # last line keeps any per-text cache from serving a repeat.
                batch = [f"{t}\n\nLoad level {k + 1}." for t in texts]
                results.append(run_level(base, batch, clients))
            total = httpx.get(base + "/api/analyses", params={"limit": 1}).json()
        finally:
            server.terminate()
            server.wait(timeout=30)
        # The store after a restart: every analysis is still there.
        from propscope.store import Store

        stored_after = Store(db).count()
    print("| clients | requests | requests/s | p50 s | p99 s | errors | read back | missing |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print(
            f"| {r['clients']} | {r['requests']} | {r['requests_per_s']} | {r['p50_s']} | "
            f"{r['p99_s']} | {r['errors']} | {r['stored']} | {r['missing_from_store']} |"
        )
        if r["first_error"]:
            print(f"first error: {r['first_error']}")
    expected = 1 + sum(int(str(r["stored"])) for r in results)
    print(
        f"\nstore after the server stopped: {stored_after} analyses (expected {expected}, "
        f"warm-up included); listing said {total.get('total', '?')}"
    )


if __name__ == "__main__":
    main()
