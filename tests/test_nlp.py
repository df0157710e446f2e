"""Loading spaCy: what it imports. Each case runs in a fresh interpreter, since what a
process has imported cannot be undone."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

pytest.importorskip("spacy")


def _run(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_spacy_loads_without_importing_torch_and_torch_still_imports_after() -> None:
    out = _run(
        "import sys, importlib.util\n"
        "from propscope.nlp import load_spacy\n"
        "nlp = load_spacy()\n"
        "doc = nlp('The minister said that prices would rise.')\n"
        "print('torch' in sys.modules, [t.lemma_ for t in doc][2])\n"
        "if importlib.util.find_spec('torch') is not None:\n"
        "    import torch\n"
        "    print(int(torch.tensor([2, 3]).sum()))\n"
        "else:\n"
        "    print(5)\n"
    )
    loaded, lemma, total = out.split()
    assert loaded == "False"
    assert lemma == "say"
    assert total == "5"


@pytest.mark.skipif(importlib.util.find_spec("torch") is None, reason="torch is not installed here")
def test_a_process_that_imported_torch_keeps_it() -> None:
    out = _run(
        "import sys, torch\n"
        "from propscope.nlp import load_spacy\n"
        "load_spacy()\n"
        "print(sys.modules['torch'] is torch)\n"
    )
    assert out == "True"


def test_a_spacy_model_setting_that_is_not_installed_names_itself_and_the_fix() -> None:
    """It said "Attribution (who says what) needs the package 'xx-bogus' ... pip install
    'propscope[nlp]'" for the actors layer (API audit, session 27)."""
    from propscope import Analyzer
    from propscope.errors import MissingDependencyError

    with pytest.raises(MissingDependencyError) as info:
        Analyzer(["actors"], settings={"actors": {"spacy_model": "xx_bogus"}})
    said = str(info.value)
    assert "the spaCy pipeline 'xx_bogus' (the spacy_model setting) is not installed" in said
    assert "leave spacy_model out" in said and "Analyzer(disable=['actors'])" in said
    assert "Attribution" not in said and ".." not in said


def test_the_default_pipeline_loads_once_however_it_is_asked_for(nlp) -> None:  # type: ignore[no-untyped-def]
    """`load_spacy()` (the layers' own functions) and `load_spacy(None)` (the Analyzer's
    components) were two cache keys, so a process that used both held two pipelines."""
    from propscope import Analyzer
    from propscope.nlp import load_spacy

    assert load_spacy(None) is nlp
    assert load_spacy(name=None) is nlp
    assert Analyzer(["actors"]).get("actors").nlp is nlp
