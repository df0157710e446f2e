"""What a change to the rule layers changes on real news: the actors, figures, check-
worthiness zeros, attributed statements, headline stance verdicts and update-line verdicts
of the working tree against those of a git revision, article by article, over
news-unlabeled.

    python bench/rule_changes.py --before HEAD                # the uncommitted change
    python bench/rule_changes.py --before 6a3744f --limit 120 --show 20

Each side runs in its own process: the revision's code from a temporary `git worktree`,
the working tree's from `src/`. Prints the totals of each side and every item that one
side has and the other has not (`--show` of each kind), with its article and text, so
each can be read by hand.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from bench_techniques import DEFAULT_ARTICLES, load_texts

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ("figures", "attributions", "claims", "actors", "headline")


def dump(articles: Path, limit: int | None, out: Path) -> None:
    """Write one JSON line per article: the items of each layer, as comparable tuples."""
    from propscope import Analyzer

    texts = load_texts(articles, limit)
    with out.open("w", encoding="utf-8") as f:
        for i, analysis in enumerate(Analyzer(LAYERS).pipe(texts)):
            text = analysis.document.text
            items = {
                "figure": [
                    [g.start, g.end, g.text, g.value, g.counts] for g in analysis.figures or []
                ],
                "statement": [
                    [
                        _text(text, a.source),
                        _text(text, a.cue),
                        _text(text, a.content),
                        a.source_kind,
                        _text(text, a.refers_to),  # whom a pronoun source stands for
                    ]
                    for a in analysis.attributions or []
                ],
                "zeroed sentence": [
                    [c.start, c.end, text[c.start : c.end][:120]]
                    for c in analysis.claims or []
                    if c.checkworthiness == 0.0
                ],
                "actor": [[a.name, a.kind, len(a.mentions)] for a in analysis.actors or []],
                "stance verdict": (
                    [[(analysis.headline.text or "")[:120], analysis.headline.stance]]
                    if analysis.headline is not None and analysis.headline.stance is not None
                    else []
                ),
                "update verdict": [
                    [text[u.start : u.end][:120], u.contradicts_headline, u.reflected_in_body]
                    for u in (analysis.headline.updates if analysis.headline else ())
                ],
            }
            f.write(json.dumps({"article": i, "items": items}, ensure_ascii=False) + "\n")


def _text(text: str, span: object) -> str | None:
    if span is None:
        return None
    return text[span.start : span.end][:120]  # type: ignore[attr-defined]


def _side(src: Path, articles: Path, limit: int | None, out: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(src))
    command = [sys.executable, __file__, "--dump", str(out), "--articles", str(articles)]
    if limit is not None:
        command += ["--limit", str(limit)]
    subprocess.run(command, env=env, check=True, cwd=Path(__file__).parent)


def _read(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)


def compare(before: Path, after: Path, show: int) -> None:
    totals: dict[str, list[int]] = {}
    gone: dict[str, list[str]] = {}
    new: dict[str, list[str]] = {}
    touched: dict[str, set[int]] = {}
    for old, cur in zip(_read(before), _read(after), strict=True):
        for kind in cur["items"]:
            a = [json.dumps(x, ensure_ascii=False) for x in old["items"].get(kind, [])]
            b = [json.dumps(x, ensure_ascii=False) for x in cur["items"][kind]]
            t = totals.setdefault(kind, [0, 0])
            t[0] += len(a)
            t[1] += len(b)
            # As multisets: a statement found twice before and once now is one gone.
            for x in (Counter(a) - Counter(b)).elements():
                gone.setdefault(kind, []).append(f"#{cur['article']} {x}")
                touched.setdefault(kind, set()).add(cur["article"])
            for x in (Counter(b) - Counter(a)).elements():
                new.setdefault(kind, []).append(f"#{cur['article']} {x}")
                touched.setdefault(kind, set()).add(cur["article"])
    print("| items | before | after | gone | new | articles touched |")
    print("|---|---:|---:|---:|---:|---:|")
    for kind, (b, a) in totals.items():
        print(
            f"| {kind}s | {b:,} | {a:,} | {len(gone.get(kind, [])):,} | "
            f"{len(new.get(kind, [])):,} | {len(touched.get(kind, set())):,} |"
        )
    for label, found in (("gone", gone), ("new", new)):
        for kind, lines in found.items():
            print(f"\n{kind}s {label} ({len(lines)}; first {min(show, len(lines))}):")
            for line in lines[:show]:
                print("  " + line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", help="the git revision to compare the working tree with")
    parser.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES)
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--show", type=int, default=10, help="items listed of each kind")
    parser.add_argument("--dump", type=Path, help=argparse.SUPPRESS)  # one side, internal
    args = parser.parse_args()
    if args.dump is not None:
        dump(args.articles, args.limit, args.dump)
        return
    if not args.before:
        parser.error("give --before REV, the git revision to compare with")
    args.articles = args.articles.resolve()  # each side runs from bench/
    with tempfile.TemporaryDirectory() as tmp:
        worktree = Path(tmp) / "before"
        subprocess.run(
            ["git", "worktree", "add", "--detach", "-q", str(worktree), args.before],
            cwd=ROOT,
            check=True,
        )
        try:
            _side(worktree / "src", args.articles, args.limit, Path(tmp) / "before.jsonl")
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(worktree)], cwd=ROOT)
        _side(ROOT / "src", args.articles, args.limit, Path(tmp) / "after.jsonl")
        print(f"{args.articles}, {args.limit or 'all'} articles: {args.before} -> working tree")
        compare(Path(tmp) / "before.jsonl", Path(tmp) / "after.jsonl", args.show)


if __name__ == "__main__":
    main()
