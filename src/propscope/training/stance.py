"""Train and measure the headline stance model on FNC-1 (needs the [train] extra).

    python -m propscope.training.stance ../shared/data/fnc-1 --out src/propscope/models/stance-fnc1

The training pairs are split by body: a fifth of the bodies (chosen with the seed) and
every pair that uses them are held out, so no body is read in training and in the
measurement. The shipped model is the one trained on the other four fifths, and the
figures in its card are its own, on the held-out fifth: the challenge's score relative
to its maximum, the F1 of each class and the confusion matrix.
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from propscope.errors import PropscopeError
from propscope.models.stance import STANCES, StanceFeatures, StanceModel, split_sentences

__all__ = ["Pair", "fnc_score", "load_fnc", "main", "split_by_body", "train_stance"]

log = logging.getLogger("propscope.training")

VOCABULARY_SIZE = 5000
# scikit-learn's English stop words, kept here so the runtime does not need sklearn.
STOP_WORDS_SOURCE = "sklearn.feature_extraction.text.ENGLISH_STOP_WORDS"


@dataclass(frozen=True, slots=True)
class Pair:
    headline: str
    body_id: int
    stance: str


def load_fnc(data_dir: Path) -> tuple[dict[int, str], list[Pair]]:
    """Bodies by id, and (headline, body id, stance) pairs, from the FNC-1 training files."""
    bodies_file, stances_file = data_dir / "train_bodies.csv", data_dir / "train_stances.csv"
    for f in (bodies_file, stances_file):
        if not f.exists():
            raise FileNotFoundError(
                f"{f} not found; point to the FNC-1 folder holding train_bodies.csv and "
                "train_stances.csv (../shared/data/fnc-1)"
            )
    try:
        with open(bodies_file, encoding="utf-8", newline="") as handle:
            bodies = {int(r["Body ID"]): r["articleBody"] for r in csv.DictReader(handle)}
        with open(stances_file, encoding="utf-8", newline="") as handle:
            pairs = [
                Pair(r["Headline"], int(r["Body ID"]), r["Stance"]) for r in csv.DictReader(handle)
            ]
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(
            f"{data_dir} does not hold FNC-1's files ({type(exc).__name__}: {exc}): "
            "train_bodies.csv needs the columns Body ID and articleBody, train_stances.csv "
            "Headline, Body ID and Stance (../shared/data/fnc-1)."
        ) from None
    if not pairs or not bodies:
        raise ValueError(
            f"{stances_file if not pairs else bodies_file} holds no rows: training needs "
            "FNC-1's headline and body pairs (../shared/data/fnc-1)."
        )
    unbodied = sorted({p.body_id for p in pairs} - bodies.keys())
    if unbodied:
        raise ValueError(
            f"{stances_file} names bodies that {bodies_file} lacks (first: Body ID "
            f"{unbodied[0]}): give the two files of one FNC-1 folder."
        )
    unknown = {p.stance for p in pairs} - set(STANCES)
    if unknown:
        raise ValueError(f"unknown stance labels in {stances_file}: {sorted(unknown)}")
    return bodies, pairs


def split_by_body(
    pairs: list[Pair], body_ids: list[int], *, held_out: float = 0.2, seed: int = 13
) -> tuple[list[Pair], list[Pair]]:
    """Pairs whose body is in the training part, and pairs whose body is held out."""
    ids = sorted(body_ids)
    random.Random(seed).shuffle(ids)
    held = set(ids[: round(len(ids) * held_out)])
    return [p for p in pairs if p.body_id not in held], [p for p in pairs if p.body_id in held]


def fnc_score(gold: list[str], predicted: list[str]) -> float:
    """The challenge's score relative to its maximum: 0.25 for each right related /
    unrelated decision, 0.75 more for each right agree / disagree / discuss."""
    score = best = 0.0
    for g, p in zip(gold, predicted, strict=True):
        best += 0.25 + (0.75 if g != "unrelated" else 0.0)
        if (g == "unrelated") == (p == "unrelated"):
            score += 0.25
        if g != "unrelated" and g == p:
            score += 0.75
    return score / best if best else 0.0


def _features(featurizer: StanceFeatures, pairs: list[Pair], bodies: dict[int, str]) -> np.ndarray:
    cache = {}
    rows = np.zeros((len(pairs), featurizer.size), np.float32)
    for i, pair in enumerate(pairs):
        if pair.body_id not in cache:
            text = bodies[pair.body_id]
            cache[pair.body_id] = featurizer.body([text[s:e] for s, e in split_sentences(text)])
        rows[i] = featurizer.pair(pair.headline, cache[pair.body_id])
    return rows


def _metrics(gold: list[str], predicted: list[str]) -> dict[str, Any]:
    labels = list(STANCES)
    matrix = [[0] * len(labels) for _ in labels]
    for g, p in zip(gold, predicted, strict=True):
        matrix[labels.index(g)][labels.index(p)] += 1
    f1 = {}
    for k, name in enumerate(labels):
        tp = matrix[k][k]
        fp = sum(matrix[j][k] for j in range(len(labels))) - tp
        fn = sum(matrix[k]) - tp
        f1[name] = round(2 * tp / (2 * tp + fp + fn), 4) if tp else 0.0
    return {
        "fnc_score_relative": round(fnc_score(gold, predicted), 4),
        "accuracy": round(sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(gold), 4),
        "f1": f1,
        "macro_f1": round(sum(f1.values()) / len(f1), 4),
        "confusion_matrix": {"labels (rows gold, columns predicted)": labels, "rows": matrix},
        "pairs": len(gold),
    }


def train_stance(
    data_dir: Path, out_dir: Path, *, seed: int = 13, hidden: int = 100, epochs: int = 30
) -> dict[str, Any]:
    """Train on four fifths of the bodies, measure on the fifth held out, write the model."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
    from sklearn.neural_network import MLPClassifier

    bodies, pairs = load_fnc(data_dir)
    train, held = split_by_body(pairs, list(bodies), seed=seed)
    log.info("%d training pairs, %d held-out pairs", len(train), len(held))
    stop_words = sorted(ENGLISH_STOP_WORDS)
    probe = StanceFeatures([], np.zeros(0, np.float32), stop_words)
    counts: Counter[str] = Counter()
    docs: list[set[str]] = []
    for headline in sorted({p.headline for p in train}):
        words = probe.words(headline)
        counts.update(words)
        docs.append(set(words))
    for body_id in sorted({p.body_id for p in train}):
        words = probe.words(bodies[body_id])
        counts.update(words)
        docs.append(set(words))
    vocabulary = [w for w, _ in sorted(counts.items(), key=lambda x: (-x[1], x[0]))]
    vocabulary = vocabulary[:VOCABULARY_SIZE]
    df = Counter(w for d in docs for w in d)

    def idf_of(frequency: int) -> float:
        return float(np.log((1 + len(docs)) / (1 + frequency)) + 1)

    idf = np.array([idf_of(df[w]) for w in vocabulary], dtype=np.float32)
    # The similarities weigh every word: those of two documents or more by their idf, the
    # rest (and words the training news never had) as a word of one document.
    in_vocabulary = set(vocabulary)
    open_idf = {
        w: round(idf_of(f), 4) for w, f in sorted(df.items()) if f >= 2 and w not in in_vocabulary
    }
    unseen_idf = round(idf_of(1), 4)
    featurizer = StanceFeatures(
        vocabulary, idf, stop_words, open_idf=open_idf, unseen_idf=unseen_idf
    )
    started = time.perf_counter()
    x_train = _features(featurizer, train, bodies)
    x_held = _features(featurizer, held, bodies)
    log.info("features %s in %.0f s", x_train.shape, time.perf_counter() - started)
    y_train = np.array([STANCES.index(p.stance) for p in train])
    from scipy import sparse

    clf = MLPClassifier(
        hidden_layer_sizes=(hidden,), alpha=1e-4, max_iter=epochs, random_state=seed
    )
    started = time.perf_counter()
    clf.fit(sparse.csr_matrix(x_train), y_train)
    log.info("trained in %.0f s", time.perf_counter() - started)

    weights = {
        "w1": clf.coefs_[0].astype(np.float32),
        "b1": clf.intercepts_[0].astype(np.float32),
        "w2": clf.coefs_[1].astype(np.float32),
        "b2": clf.intercepts_[1].astype(np.float32),
    }
    model = StanceModel(featurizer, weights, {})
    predicted = [STANCES[i] for i in model.probabilities(x_held).argmax(axis=1)]
    metrics = _metrics([p.stance for p in held], predicted)
    log.info("held out: %s", json.dumps(metrics))

    out_dir.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out_dir / "stance.npz", idf=idf, **weights)
    (out_dir / "vocabulary.json").write_text(
        json.dumps(
            {
                "words": vocabulary,
                "stop_words": stop_words,
                "open_idf": open_idf,
                "unseen_idf": unseen_idf,
            }
        )
        + "\n"
    )
    config = {
        "name": "stance-fnc1",
        "version": "0.2.0",
        "labels": list(STANCES),
        "features": f"term frequencies of headline and body over {len(vocabulary)} words, "
        "and 9 hand-made features (propscope.models.stance.EXTRA_FEATURES); the "
        f"similarities over every word ({len(vocabulary) + len(open_idf)} with their own "
        "idf, any other as a word of one training document)",
        "classifier": f"perceptron, one hidden layer of {hidden} ReLU units",
        "training": {
            "data": "FNC-1 train_stances.csv / train_bodies.csv",
            "split": "by body: 20% of bodies held out with their pairs",
            "seed": seed,
            "epochs": epochs,
            "train_pairs": len(train),
            "held_out_pairs": len(held),
            "command": "python -m propscope.training.stance ../shared/data/fnc-1 "
            f"--out {out_dir} --seed {seed}",
        },
        "held_out": metrics,
    }
    (out_dir / "config.json").write_text(json.dumps(config, indent=2) + "\n")
    (out_dir / "MODEL_CARD.md").write_text(_card(config))
    return config


def _card(config: dict[str, Any]) -> str:
    m = config["held_out"]
    labels = m["confusion_matrix"]["labels (rows gold, columns predicted)"]
    rows = m["confusion_matrix"]["rows"]
    matrix = "| gold \\ predicted | " + " | ".join(labels) + " |\n|---|" + "---:|" * len(labels)
    for name, row in zip(labels, rows, strict=True):
        matrix += f"\n| {name} | " + " | ".join(str(v) for v in row) + " |"
    f1 = "\n".join(f"| {k} | {v:.3f} |" for k, v in m["f1"].items())
    t = config["training"]
    return f"""# stance-fnc1 {config["version"]}

Whether an article's body agrees with its headline, disagrees with it, reports its
claim without confirming or denying it ("discuss"), or is unrelated to it: the four
classes of the Fake News Challenge, stage 1 (FNC-1).

- **Model:** {config["features"]}; {config["classifier"]}. No pretrained base model.
  Runs on numpy alone (`propscope.models.stance`).
- **Training data:** {t["data"]} ({t["train_pairs"]} pairs).
- **Held out:** {t["split"]} ({t["held_out_pairs"]} pairs); no body is in both parts.
  Headlines do recur across bodies in FNC-1, so some held-out headlines were seen in
  training with other bodies.
- **Command:** `{t["command"]}` (seed {t["seed"]}, {t["epochs"]} epochs).

## Held-out figures
- FNC-1 score relative to its maximum: **{m["fnc_score_relative"]:.4f}** (the winning
  team scored 0.8202 on the challenge's own test set, which has unseen headlines too)
- Accuracy {m["accuracy"]:.4f}; macro F1 {m["macro_f1"]:.4f}

| class | F1 |
|---|---:|
{f1}

{matrix}

## Limits
- Trained on FNC-1's news of 2014–2015 (rumours and claims); English only.
- Disagreement is the rare class ({sum(rows[1])} held-out pairs) and the
  hardest: read a "disagree" verdict with its evidence sentences.
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="the FNC-1 folder (../shared/data/fnc-1)")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--epochs", type=int, default=30)
    args = parser.parse_args(argv)
    if args.epochs < 1:
        return _error(f"--epochs {args.epochs}: training needs at least 1 epoch.")
    if args.out.exists() and not args.out.is_dir():
        return _error(f"--out {args.out} is a file: give a folder for the model.")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    try:
        config = train_stance(args.data, args.out, seed=args.seed, epochs=args.epochs)
    except (PropscopeError, OSError, ValueError) as exc:
        return _error(exc)
    print(json.dumps(config["held_out"], indent=2))
    return 0


def _error(problem: str | Exception) -> int:
    """Say what went wrong on one line, as argparse does, for a non-zero exit."""
    if isinstance(problem, OSError) and problem.errno is not None:
        problem = f"{problem.filename}: {problem.strerror}"
    print(f"error: {problem}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
