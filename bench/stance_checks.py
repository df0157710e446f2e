"""The headline stance model on real titles and FNC-1's held-out pairs (docs/quality.md,
"The headline check, reviewed"; docs/experiments.md and docs/speed.md, session 54).

    python bench/stance_checks.py time                 # judge_stance over the news articles
    python bench/stance_checks.py guards [MODEL_DIR]   # two guards measured and dropped

`time`: `judge_stance` (the headline layer's stance, evidence included) over the 400
news articles, best of three passes; run it with an older checkout of src/ on
PYTHONPATH to compare code.

`guards`: how two guards would act, with the model folder given (the shipped one by
default). The vocabulary guard withholds a verdict when fewer than half of a title's
words, or fewer than two, are in the model's vocabulary: the titles it would withhold on
news and the PTC (a first line followed by an empty line, 30 words at most). The overlap
guard never says "unrelated" when half of the headline's words are in the body: what it
would overturn among FNC-1's held-out pairs (the training split, seed 13), and how many of
those were right.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

import numpy as np

from propscope import Document
from propscope.components.headline import find_update_lines, judge_stance
from propscope.models.stance import STANCES, StanceModel, split_sentences
from propscope.training.stance import fnc_score, load_fnc, split_by_body

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def articles(folder: Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]


def time_stance(model: StanceModel) -> None:
    docs = [Document.from_text(text) for text in articles(DATA / "news-unlabeled")]
    lines = [
        [(c.start, c.end) for c in find_update_lines(d.text, body_start=d.body_start)] for d in docs
    ]
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        for doc, spans in zip(docs, lines, strict=True):
            judge_stance(model, doc, spans)
        best = min(best, time.perf_counter() - started)
    print(f"judge_stance, {len(docs)} news articles: {1000 * best / len(docs):.2f} ms an article")


def vocabulary_guard(model: StanceModel) -> None:
    features = model.features
    for folder in (DATA / "news-unlabeled", DATA / "ptc-train" / "articles"):
        titles = withheld = 0
        for text in articles(folder):
            first, _, rest = text.partition("\n")
            words = set(features.words(first))
            if not rest.startswith("\n") or len(first.split()) > 30 or not words:
                continue
            known = sum(w in features.index for w in words)
            titles += 1
            withheld += known < 2 or known / len(words) < 0.5
        print(f"{folder.name}: the vocabulary guard withholds {withheld} of {titles} titles")


def overlap_guard(model: StanceModel) -> None:
    bodies, pairs = load_fnc(DATA / "fnc-1")
    _, held = split_by_body(pairs, list(bodies), seed=13)
    features = model.features
    made = {}
    rows, overlaps = [], []
    for pair in held:
        if pair.body_id not in made:
            text = bodies[pair.body_id]
            made[pair.body_id] = features.body([text[s:e] for s, e in split_sentences(text)])
        body = made[pair.body_id]
        rows.append(features.pair(pair.headline, body))
        words = set(features.words(pair.headline))
        overlaps.append(len(words & body.word_set) / max(1, len(words)))
    predicted = [STANCES[i] for i in model.probabilities(np.stack(rows)).argmax(axis=1)]
    gold = [p.stance for p in held]
    print(f"FNC-1 held out: {len(held)} pairs, score {fnc_score(gold, predicted):.4f}")
    triples = zip(gold, predicted, overlaps, strict=True)
    overturned = Counter(g for g, p, o in triples if p == "unrelated" and o >= 0.5)
    print(
        f"the overlap guard overturns {sum(overturned.values())} 'unrelated' verdicts, "
        f"{overturned['unrelated']} of them right"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=("time", "guards"))
    parser.add_argument("model", nargs="?", type=Path, help="a stance model folder")
    args = parser.parse_args()
    model = StanceModel.load(args.model)
    if args.what == "time":
        time_stance(model)
    else:
        vocabulary_guard(model)
        overlap_guard(model)


if __name__ == "__main__":
    main()
