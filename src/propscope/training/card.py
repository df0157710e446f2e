"""Write a model's card from its config.json and the cross-validation report, so the
figures on the card are the ones measured, never copied by hand."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from propscope.techniques import get_technique

__all__ = [
    "check_version",
    "crossval_section",
    "data_line",
    "note_change",
    "replace_crossval_section",
    "set_model_version",
    "shown_path",
    "write_calibration_section",
    "write_card",
]


def _per_technique_table(per_technique: dict[str, dict[str, Any]]) -> str:
    rows = ["| technique | gold spans | precision | recall | F1 |", "|---|---:|---:|---:|---:|"]
    ordered = sorted(per_technique.items(), key=lambda item: -item[1]["gold"])
    for name, m in ordered:
        rows.append(
            f"| {get_technique(name).label} | {m['gold']} | {m['precision']:.3f} | "
            f"{m['recall']:.3f} | {m['f1']:.3f} |"
        )
    return "\n".join(rows)


def _folds_table(per_fold: list[dict[str, Any]]) -> str:
    rows = [
        "| fold | decoding (threshold, seed, smooth, gap) | SI P | SI R | SI F1 | TC micro-F1 |",
        "|---:|---|---:|---:|---:|---:|",
    ]
    for f in per_fold:
        d = f["decoding"]
        rows.append(
            f"| {f['fold']} | {d['span_threshold']}, {d['span_seed']}, {d['span_smooth']}, "
            f"{d['span_merge_gap']} "
            f"| {f['si']['precision']:.3f} | {f['si']['recall']:.3f} | {f['si']['f1']:.3f} "
            f"| {f['tc_micro_f1']:.3f} |"
        )
    return "\n".join(rows)


_COUNTS = {2: "Two", 3: "Three", 4: "Four", 5: "Five"}


def _stage_note(train: dict[str, Any]) -> str:
    """A bullet naming the earlier stages when the model was trained further from
    earlier checkpoints (each stage's train_meta.json beside its checkpoint); empty
    otherwise. The last stage's settings follow it in the card."""
    from propscope.training.run import earlier_stages

    earlier, unknown = earlier_stages(train.get("init_checkpoint"))
    if unknown:  # a stage whose settings were not kept: name its checkpoint only
        return f"- Trained further from the checkpoint `{unknown}`; settings of the last stage:\n"
    if not earlier:
        return ""

    def described(config: dict[str, Any]) -> str:
        extra = (
            f", technique-tag loss weight {config['technique_tag_weight']}"
            if config.get("technique_tag_weight")
            else ""
        )
        if config.get("prior_weight"):
            extra += f", trained beside the word prior (weight {config['prior_weight']})"
        if config.get("distill_from"):
            extra += f", distilled from a teacher (weight {config['distill_weight']})"
        return (
            f"{config['epochs']} epoch(s) at learning rate {config['learning_rate']} "
            f"(encoder) / {config['head_learning_rate']} (heads), batch "
            f"{config['batch_size']}, seed {config['seed']}{extra}"
        )

    n = len(earlier) + 1
    steps = [f"stage 1, {described(earlier[0])} from the base model"]
    steps += [
        f"stage {i + 1}, {described(c)} from stage {i}'s weights"
        for i, c in enumerate(earlier[1:], start=1)
    ]
    return (
        f"- {_COUNTS.get(n, str(n))} stages: {'; '.join(steps)}; then stage {n} below, "
        f"from stage {n - 1}'s weights.\n"
    )


def _teacher_note(train: dict[str, Any]) -> str:
    """A bullet naming the teacher the last stage was distilled from; empty without one."""
    teacher = train.get("distill_from")
    if not teacher:
        return ""
    config_path = Path(teacher) / "config.json"
    about = ""
    if config_path.is_file():
        meta = json.loads(config_path.read_text())
        about = (
            f": {meta.get('base_model', 'an encoder')} fine-tuned on the same articles, "
            f"safetensors SHA-256 `{meta.get('base_model_sha256', 'unknown')}`"
        )
        how = meta.get("train_config")
        if how:
            about += (
                f" ({how['epochs']} epoch(s) at learning rate {how['learning_rate']} "
                f"(encoder) / {how['head_learning_rate']} (heads), batch {how['batch_size']}, "
                f"seed {how['seed']}{', bfloat16' if how.get('bf16') else ''})"
            )
    unlabelled = train.get("distill_data")
    also = (
        f" It also read the unlabelled articles of `{unlabelled}`, where the student learned "
        "its token probabilities alone."
        if unlabelled
        else ""
    )
    return (
        f"- Distilled (last stage) from the teacher `{teacher}`{about}. The tag and span "
        f"losses mix the gold labels with the teacher's probabilities on each training "
        f"article, teacher weight {train['distill_weight']}.{also}\n"
    )


def _word_prior_note(model_dir: Path) -> str:
    """A bullet on the model's word prior; empty when it has none."""
    from propscope.word_prior import WORD_PRIOR_FILE, WordPrior

    path = model_dir / WORD_PRIOR_FILE
    if not path.is_file():
        return ""
    prior = WordPrior.load(path)
    return (
        f"- A word prior (`{WORD_PRIOR_FILE}`, {path.stat().st_size / 1e6:.2f} MB): a logistic\n"
        "  regression over seven hashed features of each word (the word, the words before\n"
        "  and after it, the two bigrams, its case and the previous word's case), fitted on\n"
        "  the same gold spans; its log-odds, less the base rate's, move the\n"
        f"  inside-probability of the word's pieces at weight {prior.weight}\n"
        "  (`propscope.word_prior`). Each cross-validation fold's model has its own, fitted on\n"
        "  that fold's training articles.\n"
    )


def shown_path(path: Path | str) -> str:
    """`path` as a card shows it: relative to the folder the command ran in where that
    reads well ("../shared/data/ptc-train"), else absolute."""
    path = Path(path)
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive
        return str(path)
    return relative if relative.count("..") <= 1 else str(path.absolute())


def data_line(data: Path | str | None) -> str:
    """The card's line on the training data: the folder and what it holds, counted when
    the card is written (so a card never names data its model did not see)."""
    from propscope.io.ptc import list_ptc_articles, read_si_labels, read_tc_labels

    if data is None:
        return "- Data: not recorded with the checkpoint.\n"
    folder = Path(data)
    name = " (the SemEval-2020 Task 11 training set, PTC)" if folder.name == "ptc-train" else ""
    si_path, tc_path = folder / "train-task-si.labels", folder / "train-task-flc-tc.labels"
    if not (folder / "articles").is_dir() or not si_path.is_file() or not tc_path.is_file():
        return (
            f"- Data: `{shown_path(folder)}`{name}, not on this machine when the card was "
            "written.\n"
        )
    articles = {article_id for article_id, _ in list_ptc_articles(folder / "articles")}
    spans = sum(row.article_id in articles for row in read_si_labels(si_path))
    labels = sum(row.article_id in articles for row in read_tc_labels(tc_path))
    return (
        f"- Data: `{shown_path(folder)}`{name}: {len(articles):,} articles, {spans:,} spans, "
        f"{labels:,} technique labels.\n"
    )


def write_card(
    model_dir: Path,
    crossval: dict[str, Any] | None,
    *,
    train_command: str,
    crossval_command: str,
    export_command: str,
    data: Path | str | None = None,
    split_seed: int | None = None,
    notes: str = "",
) -> Path:
    """Write MODEL_CARD.md from the model's config.json, the training data as it is now,
    and the cross-validation report; without a report, the card says the model is not
    measured (`propscope export --crossval` writes the figures)."""
    config = json.loads((model_dir / "config.json").read_text())
    train = config["train_config"]
    size_mb = (model_dir / "encoder.onnx").stat().st_size / 1e6
    stride = config["inference_stride"]
    stages = _stage_note(train) + _teacher_note(train)
    prior = _word_prior_note(model_dir)
    split = train["seed"] if split_seed is None else split_seed
    if crossval is None:
        quality = (
            f"{CROSSVAL_HEADING}\nNot measured. `{crossval_command}` measures the recipe, "
            "and `propscope export CHECKPOINT --output DIR --crossval RUNS/crossval.json` "
            "writes its figures and decoding here.\n"
        )
    else:
        quality = crossval_section(crossval, seed=split, command=crossval_command, notes=notes)
    text = f"""# Model card: {config["name"]} {config["version"]}

Finds propaganda spans in news text and names the technique of each, one of the 14 of
the Propaganda Techniques Corpus. Runs on onnxruntime (int8), tokenizers and numpy.

## Model
- Base model: {config["base_model"]}, safetensors SHA-256 `{config["base_model_sha256"]}`.
- One encoder, two heads: a token tagger (O / B / I of a propaganda span) and a span
  classifier over [first, last, mean] token vectors plus surface features
  (repetitions in the article, capitals, quotes, ? and !).
- Exported with eager attention, weights quantised to int8 (`quantize_dynamic`):
  `encoder.onnx` {size_mb:.1f} MB; `span_head.npz` (the classifier, numpy);
  `tokenizer.json`; `config.json` (labels, windows, decoding).
- Reads an article in windows of {config["max_tokens"]} word pieces, one every {stride} (it
  trained on windows of {train["max_tokens"]}); each token is read from the window that gives
  it the most context, so long articles are read whole.
{prior}- Decoding: threshold {config["span_threshold"]} (a span needs one token at
  {config["span_seed"]} or more), smoothing over {config["span_smooth"]} token(s), spans at
  most {config["span_merge_gap"]} characters apart on one line merged (-1: never); chosen
  by cross-validation (below).

## Training
{data_line(data)}{stages}- Settings: {train["epochs"]} epochs, batch {train["batch_size"]} windows,
  learning rate {train["learning_rate"]} (encoder) / {train["head_learning_rate"]} (heads),
  linear decay after {train["warmup_share"]:.0%} warm-up, weight decay {train["weight_decay"]}, seed
  {train["seed"]}, training windows every {train["stride"]} word pieces.
- Command: `{train_command}`
- Export: `{export_command}`

{quality}"""
    path = model_dir / "MODEL_CARD.md"
    path.write_text(text)
    return path


CROSSVAL_HEADING = "## Cross-validated quality"


def crossval_section(crossval: dict[str, Any], *, seed: int, command: str, notes: str = "") -> str:
    """The card's cross-validation section, from a `propscope crossval` report."""
    si_mean, si_std = crossval["si_f1_mean"], crossval["si_f1_std"]
    tc_mean, tc_std = crossval["tc_micro_f1_mean"], crossval["tc_micro_f1_std"]
    return f"""## Cross-validated quality
{crossval["folds"]}-fold cross-validation by article (the same split for every run, seed
{seed}); each fold's model is exported to int8 exactly as shipped, reads its
held-out articles in the same windows, and is scored with the shared task's definitions.
The decoding of each fold is chosen on the other folds only.

Command: `{command}`

| measure | mean | spread (std over folds) |
|---|---:|---:|
| SI F1 (span identification) | {si_mean:.4f} | {si_std:.4f} |
| TC micro-F1 (technique of gold spans) | {tc_mean:.4f} | {tc_std:.4f} |

{_folds_table(crossval["per_fold"])}

Per technique (TC on gold spans, all folds pooled):

{_per_technique_table(crossval["tc_pooled"]["per_technique"])}

For scale, SemEval-2020 Task 11's best systems scored SI 0.5155 and TC 0.6207 on the
shared task's test set, with models 15 to 30 times larger, on GPUs.
{notes}"""


def replace_crossval_section(
    model_dir: Path, crossval: dict[str, Any], *, seed: int, command: str, notes: str = ""
) -> Path:
    """Put the figures of `crossval` on the model's card in place of its cross-validation
    section, keeping the rest (so a model calibrated on rebuilt fold models shows theirs)."""
    path = model_dir / "MODEL_CARD.md"
    text = path.read_text()
    if CROSSVAL_HEADING not in text:
        raise ValueError(f"{path} has no {CROSSVAL_HEADING!r} section to replace")
    before, _, after = text.partition(CROSSVAL_HEADING)
    rest = after.find("\n## ")
    section = crossval_section(crossval, seed=seed, command=command, notes=notes).rstrip("\n")
    path.write_text(before + section + ("\n\n" + after[rest + 1 :] if rest >= 0 else "\n"))
    return path


CALIBRATION_HEADING = "## Confidence calibration"


def _figures(summary: dict[str, Any]) -> str:
    return f"{summary['mean_score']:.3f} | {summary['ece']:.3f} | {summary['brier']:.3f}"


def _lexicon_line(choice: dict[str, Any]) -> str:
    """What the card says of the technique lexicon, when the stacker weighs one."""
    stacker = (choice.get("given_spans") or {}).get("stacker") or {}
    weight = stacker.get("lexicon_weight")
    if not weight:
        return ""
    return f"""
- the stacker also weighs the technique lexicon (`technique_lexicon.npz`, what the
  span's own words and its neighbours say of its technique; `propscope.technique_lexicon`)
  at {weight:.2f}. Each fold's stacker learnt from a lexicon fitted on that fold's
  training articles only; the model's is fitted on all of them."""


def _views_line(choice: dict[str, Any]) -> str:
    """What the card says of the windows given spans are read in, when there are more."""
    views = (choice.get("given_spans") or {}).get("views")
    if not views:
        return ""
    shares = ", ".join(f"{v:g}" for v in views)
    return f"""
- a given span is read {len(views) + 1} times: in the window the article was read in,
  and in windows that put the span's middle at about {shares} of their width (they
  start on a grid of a quarter stride, which nearby spans share); the classifier's
  logits are averaged over the readings before the stacker."""


def _choice_part(choice: dict[str, Any]) -> str:
    """The technique choice (offsets, the stacker for given spans) on the card, nested."""
    f1 = choice["tc_micro_f1"]

    def row(name: str, label: str) -> str:
        figures = f1[name]
        folds = " / ".join(f"{v:.3f}" for v in figures["folds"])
        return f"| {label} | {figures['mean']:.4f} ± {figures['std']:.4f} | {folds} |"

    rows = [row("classifier", "the classifier alone")]
    if "classifier_views" in f1:
        rows.append(row("classifier_views", "the classifier alone, spans read as given spans are"))
    if "offsets" in f1:
        rows.append(row("offsets", "with per-technique offsets (spans the layer finds)"))
    if "given_spans" in f1:
        rows.append(row("given_spans", "stacker, then offsets (spans given: the shared task's TC)"))
    part = f"""
Before the scores are calibrated, the classifier's choice of technique is adjusted, on
the cross-validation models' held-out gold spans:
- spans the layer finds get one offset per technique, fitted so that the first choice
  is right most often (coordinate ascent, offsets from -1.5 to 1.5);
- spans a caller gives (whole annotated phrases, as in the shared task's TC) first get
  the technique stacker: a bias and a weighted sum of nine surface features of the span
  (how often its text recurs in the article, quotation marks, capitals, length, its
  share of the sentence, exclamation and question marks, title or body;
  `propscope.stacking`), a multinomial logistic layer; then offsets fitted after it. On
  the fragments the tagger decodes, the stacker measured worse, so they do without it.{
        _lexicon_line(choice)
    }{_views_line(choice)}

TC micro-F1 (the shared task's scorer), each fold adjusted by what was fitted on the
other folds:

| technique choice | TC micro-F1 | per fold |
|---|---:|---|
{chr(10).join(rows)}
"""
    given = choice.get("given_spans") or {}
    if given.get("per_technique_nested"):
        per_technique = {name: m for name, m in given["per_technique_nested"].items() if m["gold"]}
        part += f"""
Per technique, for given spans (stacker, then offsets; every fold adjusted by what the
other folds fitted, all folds pooled):

{_per_technique_table(per_technique)}
"""
    if choice.get("offsets") is not None:
        offset_rows = "\n".join(
            f"| {get_technique(name).label} | {value:+.1f} |"
            for name, value in sorted(choice["offsets"].items(), key=lambda kv: kv[1])
        )
        part += f"""
The shipped offsets for spans the layer finds, fitted on every fold:

| technique | offset |
|---|---:|
{offset_rows}
"""
    return part


def write_calibration_section(model_dir: Path, report: dict[str, Any], *, command: str) -> Path:
    """Put the calibration report on the model's card, in place of an earlier one."""
    from propscope.training.calibration import reliability_markdown

    raw, cal = report["raw"], report["calibrated_nested"]
    logistic = report["logistic_nested"]
    section = f"""{CALIBRATION_HEADING}
A span's score is the probability that it uses the technique named: a logistic
regression over the span's probability, the technique's probability, first or second
choice, and the span's length, then a non-decreasing curve (isotonic regression, at least
100 spans a step) from its output to the share of spans that were right
(`propscope.calibration`). Both are fitted on the held-out spans of the
cross-validation models above, labelled exactly as shipped. A span is counted right
when a gold span of the same technique overlaps it.

Command: `{command}`

Of {report["spans"]:,} held-out labelled spans, {report["share_right"]:.1%} are right. Each
fold's spans are scored here by a calibration fitted on the other folds only:

| scores | mean score | expected calibration error | Brier score |
|---|---:|---:|---:|
| raw (span probability × technique probability) | {_figures(raw)} |
| logistic regression alone | {_figures(logistic)} |
| calibrated: regression and curve (shipped) | {_figures(cal)} |

Reliability (spans binned by score; "right": the share of the bin that is right):

{reliability_markdown(report)}
"""
    choice = report.get("technique_choice")
    if choice is not None:
        section += _choice_part(choice)
    path = model_dir / "MODEL_CARD.md"
    text = path.read_text() if path.is_file() else ""
    if CALIBRATION_HEADING in text:
        before, _, after = text.partition(CALIBRATION_HEADING)
        rest = after.find("\n## ")
        text = before + section + ("\n" + after[rest + 1 :] if rest >= 0 else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text)
    return path


def check_version(version: str) -> str:
    """`version`, or a ValueError when it is not one word."""
    if not version or any(c.isspace() for c in version):
        raise ValueError(f"version {version!r} must be one word, such as 0.2.1")
    return version


def set_model_version(model_dir: Path, version: str) -> None:
    """Give the model in `model_dir` a new version: its config.json (which every Analysis
    it writes names) and its card's title, so outputs of a changed model can be told apart."""
    check_version(version)
    config_path = model_dir / "config.json"
    config = json.loads(config_path.read_text())
    config["version"] = version
    config_path.write_text(json.dumps(config, indent=2) + "\n")
    card = model_dir / "MODEL_CARD.md"
    if card.is_file():
        title, newline, rest = card.read_text().partition("\n")
        if title.startswith("# Model card: "):
            title = f"# Model card: {config.get('name', model_dir.name)} {version}"
        card.write_text(title + newline + rest)


CHANGES_HEADING = "## Changed since the figures above"


def note_change(model_dir: Path, line: str) -> Path | None:
    """Add `line` to the card's list of changes made to the model after its figures were
    measured (a word prior refitted, a decoding taken from another run), so the card
    never describes settings the model no longer has without saying so. None when the
    model has no card."""
    path = model_dir / "MODEL_CARD.md"
    if not path.is_file():
        return None
    text = path.read_text().rstrip("\n")
    if CHANGES_HEADING not in text:
        text += f"\n\n{CHANGES_HEADING}\nThe sections above were written before these changes.\n"
    path.write_text(text.rstrip("\n") + f"\n- {line}\n")
    return path
