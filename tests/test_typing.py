"""A client's type checker sees propscope's types (the package ships `py.typed`), and
`Analyzer.pipe` says what it yields with and without `as_tuples`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from propscope import __file__ as package_init

CLIENT = """
from propscope import Analyzer, analyze

analyzer = Analyzer(["figures"])
for analysis in analyzer.pipe(["One text."]):
    print(analysis.figures)
for analysis, meta in analyzer.pipe([("Two.", {"id": 1})], as_tuples=True):
    print(analysis.figures, meta["id"] + 1)
count: int = analyze("Three.").summary
for _, key in analyzer.pipe([("Five.", "a-key")], as_tuples=True):
    number: int = key


def either(flag: bool) -> None:
    # A flag known only at run time: the results are one kind or the other.
    for result in analyzer.pipe(["Four."], as_tuples=flag):
        print(result)
"""


def test_the_package_is_typed() -> None:
    assert (Path(package_init).parent / "py.typed").is_file()


def test_a_client_type_checks_against_the_api(tmp_path: Path) -> None:
    pytest.importorskip("mypy", reason="type checking needs the [dev] extra")
    client = tmp_path / "client.py"
    client.write_text(CLIENT, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(client)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    # Only the deliberate mistakes: the loops over pipe() type-check both ways, and the
    # metadata comes back with the type it went in with (a str is no int).
    errors = [line for line in run.stdout.splitlines() if ": error:" in line]
    assert len(errors) == 2, run.stdout
    assert "client.py:9: error: Incompatible types" in errors[0], run.stdout
    assert (
        'client.py:11: error: Incompatible types in assignment (expression has type "str"'
        in (errors[1])
    )
