"""Train and measure the check-worthiness model (needs the [train] extra).

    python -m propscope.training.checkworthy ../shared/data/checkworthy \\
        --out src/propscope/models/checkworthy-clef

Data: the 19 CLEF-2019 CheckThat! task 1 training debates and ClaimBuster 3xNCS (less
the sentences that also occur in the test debates). Two measurements, both as in the
lab (mean average precision over debates, and precision at 5 and 10):
- cross-validation: the training debates in 5 folds by debate, each fold scored by a
  model trained on the other debates and all of ClaimBuster; the settings were chosen on
  this figure, never on the test debates;
- test: the model trained on all training data (the shipped one) ranks the sentences of
  each of the 7 `test_annotated` debates.
The model reads the sentence text only, never the speaker: it is meant for news
articles, where there are no debate speakers to lean on. The figures are the claims
layer's ranking, which reads a transcript's turns as well: each debate is read as the
transcript "SPEAKER: sentence" a line, what an interviewer says keeps a quarter of its
score (`propscope.models.checkworthy.questioners`), and a question half of its score
(`questions`). The model's own ranking is reported beside them ("text only").
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from propscope.components.claims import turn_speakers
from propscope.errors import PropscopeError
from propscope.models.checkworthy import (
    QUESTION_WEIGHT,
    QUESTIONER_WEIGHT,
    CheckworthyModel,
    questioners,
    questions,
)

__all__ = [
    "Sentence",
    "average_precision",
    "debate_speakers",
    "load_claimbuster",
    "load_debates",
    "main",
    "rank_metrics",
    "score_debate",
    "train_checkworthy",
]

log = logging.getLogger("propscope.training")

SETTINGS: dict[str, Any] = {
    "n_max": 2,  # word unigrams and bigrams
    "min_df": 2,  # terms seen in at least two sentences
    "C": 1.0,  # inverse regularisation of the logistic regression
    "class_weight": "balanced",
    "claimbuster_weight": 1.0,
}


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    label: int
    speaker: str | None = None  # the debate's speaker column; None for ClaimBuster


def load_debates(folder: Path) -> dict[str, list[Sentence]]:
    """Each CLEF-2019 debate (`line<TAB>speaker<TAB>text<TAB>label` per line) by file name."""
    files = sorted(folder.glob("*.tsv"))
    if not files:
        raise FileNotFoundError(
            f"no .tsv debates in {folder}; point to ../shared/data/checkworthy, which holds "
            "clef2019/training and clef2019/test_annotated"
        )
    out = {}
    for file in files:
        rows = []
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
            parts = line.rstrip("\r").split("\t")
            if len(parts) != 4:
                raise ValueError(f"{file}:{number}: expected 4 tab-separated fields")
            rows.append(Sentence(parts[2], int(parts[3]), parts[1]))
        out[file.stem] = rows
    return out


def load_claimbuster(path: Path, *, exclude: set[str]) -> list[Sentence]:
    rows = json.loads(path.read_text(encoding="utf-8"))
    return [Sentence(r["text"], int(r["label"])) for r in rows if r["text"] not in exclude]


def average_precision(labels: Sequence[int], scores: Sequence[float]) -> float:
    """Average precision of the ranking by descending score (ties: given order), as the
    lab's scorer computes it: the mean of precision at the rank of each positive."""
    order = np.argsort(-np.asarray(scores, dtype=np.float64), kind="stable")
    ranked = np.asarray(labels)[order]
    positives = int(ranked.sum())
    if positives == 0:
        return 0.0
    hits = np.cumsum(ranked)
    return float((hits[ranked == 1] / (np.flatnonzero(ranked) + 1)).sum() / positives)


def rank_metrics(debates: Sequence[tuple[Sequence[int], Sequence[float]]]) -> dict[str, Any]:
    """MAP, P@5 and P@10 over debates given as (labels, scores)."""
    aps, p5, p10 = [], [], []
    for labels, scores in debates:
        order = np.argsort(-np.asarray(scores, dtype=np.float64), kind="stable")
        ranked = np.asarray(labels)[order]
        aps.append(average_precision(labels, scores))
        p5.append(float(ranked[:5].mean()))
        p10.append(float(ranked[:10].mean()))
    return {
        "map": round(float(np.mean(aps)), 4),
        "p_at_5": round(float(np.mean(p5)), 4),
        "p_at_10": round(float(np.mean(p10)), 4),
        "average_precision": [round(a, 4) for a in aps],
    }


def _fit(sentences: Sequence[Sentence], weights: Sequence[float], settings: dict[str, Any]):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = TfidfVectorizer(
        ngram_range=(1, settings["n_max"]), sublinear_tf=True, min_df=settings["min_df"]
    )
    x = vectorizer.fit_transform([s.text for s in sentences])
    classifier = LogisticRegression(
        C=settings["C"], class_weight=settings["class_weight"], max_iter=5000
    )
    classifier.fit(x, [s.label for s in sentences], sample_weight=np.asarray(weights))
    vocabulary = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.__getitem__)
    return CheckworthyModel(
        vocabulary,
        vectorizer.idf_,
        classifier.coef_[0],
        float(classifier.intercept_[0]),
        n_max=settings["n_max"],
    )


def _training_set(
    debates: dict[str, list[Sentence]], names: Sequence[str], claimbuster: list[Sentence], w: float
) -> tuple[list[Sentence], list[float]]:
    sentences = [s for name in names for s in debates[name]]
    return sentences + claimbuster, [1.0] * len(sentences) + [w] * len(claimbuster)


def score_debate(
    model: CheckworthyModel, debate: list[Sentence], *, turns: bool = True
) -> tuple[list[int], list[float]]:
    """Labels and scores of a debate's sentences, ranked as the claims layer ranks them
    (`turns`: an interviewer's sentences keep a quarter of their score, questions half
    of theirs), or by the model's text-only score."""
    texts = [s.text for s in debate]
    scores = model.scores(texts)
    if turns:
        scores[questioners(debate_speakers(debate), texts)] *= QUESTIONER_WEIGHT
        scores[questions(texts)] *= QUESTION_WEIGHT
    return [s.label for s in debate], scores.tolist()


def debate_speakers(debate: Sequence[Sentence]) -> list[str | None]:
    """Each sentence's speaker as the claims layer finds it in the debate written as a
    transcript, "SPEAKER: sentence" a line (`propscope.components.claims.turn_speakers`):
    a speaker column the layer would not read as a name ("SYSTEM" would be; "SEN.
    BERNIE SANDERS (D-VT), PRESIDENTIAL CANDIDATE" is not) gives None."""
    lines = [f"{s.speaker}: {s.text}" if s.speaker else s.text for s in debate]
    spans = []
    offset = 0
    for sentence, line in zip(debate, lines, strict=True):
        spans.append((offset + len(line) - len(sentence.text), offset + len(line)))
        offset += len(line) + 1
    return turn_speakers("\n".join(lines), spans)


def train_checkworthy(
    data_dir: Path, out_dir: Path, *, settings: dict[str, Any] | None = None, folds: int = 5
) -> dict[str, Any]:
    settings = {**SETTINGS, **(settings or {})}
    if folds < 2:
        raise ValueError(f"cross-validation needs at least 2 folds, got --folds {folds}.")
    started = time.perf_counter()
    train = load_debates(data_dir / "clef2019" / "training")
    test = load_debates(data_dir / "clef2019" / "test_annotated")
    test_texts = {s.text for rows in test.values() for s in rows}
    claimbuster = load_claimbuster(data_dir / "claimbuster-3xncs.json", exclude=test_texts)
    w = settings["claimbuster_weight"]

    names = sorted(train)
    if folds > len(names):
        raise ValueError(
            f"--folds {folds} is more than the {len(names)} training debates: each fold "
            f"holds out whole debates. Give --folds {len(names)} or fewer."
        )
    held: list[tuple[list[int], list[float]]] = []
    held_text: list[tuple[list[int], list[float]]] = []
    for k in range(folds):
        fold = set(names[k::folds])
        model = _fit(
            *_training_set(train, [n for n in names if n not in fold], claimbuster, w), settings
        )
        held += [score_debate(model, train[name]) for name in sorted(fold)]
        held_text += [score_debate(model, train[name], turns=False) for name in sorted(fold)]
        log.info("fold %d: %d debates held out", k, len(fold))
    crossval = rank_metrics(held)
    crossval_text = rank_metrics(held_text)
    log.info("cross-validated: %s", crossval)

    model = _fit(*_training_set(train, names, claimbuster, w), settings)
    tested = rank_metrics([score_debate(model, test[name]) for name in sorted(test)])
    tested["debates"] = sorted(test)
    tested_text = rank_metrics(
        [score_debate(model, test[name], turns=False) for name in sorted(test)]
    )
    log.info("test: %s", tested)

    out_dir.mkdir(parents=True, exist_ok=True)
    vocabulary = sorted(model.index, key=model.index.__getitem__)
    np.savez_compressed(
        out_dir / "checkworthy.npz",
        idf=model.idf.astype(np.float32),
        coef=model.coef.astype(np.float32),
        intercept=np.float64(model.intercept),
    )
    (out_dir / "vocabulary.json").write_text(json.dumps(vocabulary, ensure_ascii=False) + "\n")
    config = {
        "name": "checkworthy-clef",
        "version": "0.1.0",
        "n_max": settings["n_max"],
        "features": f"tf-idf of word 1-{settings['n_max']}-grams ({len(vocabulary)} terms, "
        f"seen in at least {settings['min_df']} sentences), sublinear tf, l2 norm",
        "classifier": f"logistic regression, C = {settings['C']}, "
        f"class weights {settings['class_weight']}",
        "training": {
            "data": "CLEF-2019 CheckThat! task 1 training debates (19) and ClaimBuster 3xNCS",
            "sentences": {
                "clef": sum(len(r) for r in train.values()),
                "clef_positive": sum(s.label for r in train.values() for s in r),
                "claimbuster": len(claimbuster),
                "claimbuster_positive": sum(s.label for s in claimbuster),
            },
            "settings": settings,
            "seconds": round(time.perf_counter() - started, 1),
            "command": "python -m propscope.training.checkworthy ../shared/data/checkworthy "
            f"--out {out_dir}",
        },
        "ranking": "the claims layer's: an interviewer's sentences in a transcript keep "
        f"{QUESTIONER_WEIGHT} of their score (propscope.models.checkworthy.questioners), "
        f"and a question {QUESTION_WEIGHT} of its score (questions)",
        "crossval": {**crossval, "folds": folds, "split": "training debates, by debate"},
        "test": tested,
        "text_only": {"crossval": crossval_text, "test": tested_text},
    }
    (out_dir / "config.json").write_text(json.dumps(config, indent=2) + "\n")
    (out_dir / "MODEL_CARD.md").write_text(_card(config))
    return config


def _row(label: str, m: dict[str, Any]) -> str:
    return f"| {label} | {m['map']:.4f} | {m['p_at_5']:.3f} | {m['p_at_10']:.3f} |"


def _card(config: dict[str, Any]) -> str:
    t, cv, test = config["training"], config["crossval"], config["test"]
    n = t["sentences"]
    per_debate = "\n".join(
        f"| {name} | {ap:.3f} |"
        for name, ap in zip(test["debates"], test["average_precision"], strict=True)
    )
    return f"""# checkworthy-clef {config["version"]}

How much a sentence deserves a fact-checker's time: a score in [0, 1] that ranks the
sentences of an article, the check-worthy factual claims of public interest first.

- **Model:** {config["features"]}; {config["classifier"]}. No pretrained base model.
  Runs on numpy alone (`propscope.models.checkworthy`).
- **Training data:** {t["data"]}: {n["clef"]} debate sentences ({n["clef_positive"]}
  check-worthy) and {n["claimbuster"]} ClaimBuster sentences ({n["claimbuster_positive"]}
  check-worthy; those also in the test debates removed). The model reads the text only,
  never the speaker.
- **Command:** `{t["command"]}` (deterministic: no sampling; {t["seconds"]} s).

## Figures (mean average precision over debates, as in the lab)

| measure | MAP | P@5 | P@10 |
|---|---:|---:|---:|
{_row(f"cross-validation, {cv['folds']} folds of the training debates", cv)}
{_row("**CLEF-2019 test_annotated (7 debates)**", test)}
{_row("cross-validation, the model's text-only score", config["text_only"]["crossval"])}
{_row("test_annotated, the model's text-only score", config["text_only"]["test"])}

The best system of the CLEF-2019 lab scored MAP 0.166 on the same test debates. The
first two rows rank as the claims layer does: each debate read as a transcript
("SPEAKER: sentence" a line), where what an interviewer says (a speaker who ends at
least an eighth of their sentences with a question mark, beside one who asks less)
keeps a quarter of its score, and a question half of its own. The last two rank by
the model's score alone.

| test debate | average precision |
|---|---:|
{per_debate}

## Limits
- Trained on political debates and speeches (2012–2019, US), applied to news: sentences
  with figures, comparisons and statements about policy score high; opinions,
  questions and greetings low. It does not know whether a claim is true.
- The scores rank; they are not calibrated probabilities (the classes were balanced in
  training, so scores run high on every article).
- English only.
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "data", type=Path, help="the check-worthiness folder (../shared/data/checkworthy)"
    )
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args(argv)
    if args.folds < 2:
        return _error(f"cross-validation needs at least 2 folds, got --folds {args.folds}.")
    if args.out.exists() and not args.out.is_dir():
        return _error(f"--out {args.out} is a file: give a folder for the model.")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    try:
        config = train_checkworthy(args.data, args.out, folds=args.folds)
    except KeyError as exc:
        return _error(f"a record lacks the field {exc}: is this the check-worthiness data?")
    except (PropscopeError, OSError, ValueError) as exc:
        return _error(exc)
    print(json.dumps({"crossval": config["crossval"], "test": config["test"]}, indent=2))
    return 0


def _error(problem: str | Exception) -> int:
    """Say what went wrong on one line, as argparse does, for a non-zero exit."""
    if isinstance(problem, OSError) and problem.errno is not None:
        problem = f"{problem.filename}: {problem.strerror}"
    print(f"error: {problem}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
