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


def test_a_long_run_of_invisible_characters_is_one_space_token(nlp) -> None:  # type: ignore[no-untyped-def]
    """The tokenizer took a run of zero-width spaces off a word one character at a time,
    copying the rest each time: 20,000 in a row took 110 s to analyze, and a page of
    them hours (session 56). A long run is one token now, read as a space, and the
    parse around it is the one the same text with spaces there gets."""
    from propscope.components.attribution import find_attributions
    from propscope.nlp import INVISIBLE_RUN, parse_texts

    run = "\u200b\ufeff" * INVISIBLE_RUN
    text = f"The minister said the plan would work. {run}Smith said that it failed.{run}"
    (doc,) = parse_texts(nlp, [text])
    assert doc.text == text
    runs = [t for t in doc if set(t.text) <= set("\u200b\ufeff")]
    assert [(t.idx, len(t)) for t in runs] == [(39, len(run)), (len(text) - len(run), len(run))]
    assert all(t.is_space for t in runs)
    spaced = text.replace(run, " " * len(run))
    (spaced_doc,) = parse_texts(nlp, [spaced])
    words = [(t.idx, t.text, t.dep_) for t in doc if not t.is_space]
    assert words == [(t.idx, t.text, t.dep_) for t in spaced_doc if not t.is_space]
    found = find_attributions(text, nlp=nlp)
    said = [(a.source and a.source.text, a.content.text) for a in found]
    assert ("Smith", "that it failed") in said
    # A short run is left to the tokenizer, a token per character, as before.
    (short,) = parse_texts(nlp, ["Smith said\u200b\u200b it failed."])
    assert [t.text for t in short][:4] == ["Smith", "said", "\u200b", "\u200b"]


def test_a_long_run_of_one_symbol_is_one_token(nlp) -> None:  # type: ignore[no-untyped-def]
    # "!", "*" or "!?" thousands of times in a row was as slow as the invisible characters.
    from propscope.nlp import SYMBOL_RUN, parse_texts

    bang = "!" * SYMBOL_RUN
    mixed = "!?" * SYMBOL_RUN
    text = f"Smith said the plan failed{bang} Jones said it worked.\n\n{mixed}\n"
    (doc,) = parse_texts(nlp, [text])
    assert doc.text == text
    assert [t.text for t in doc if len(t) >= SYMBOL_RUN] == [bang, mixed]
    assert not any(t.is_space for t in doc if len(t) >= SYMBOL_RUN)
    assert [t.text for t in doc][:6] == ["Smith", "said", "the", "plan", "failed", bang]
    # A shorter run is the tokenizer's, as before.
    short = "Smith said the plan failed" + "!" * (SYMBOL_RUN - 1) + " Jones agreed."
    (doc,) = parse_texts(nlp, [short])
    assert [t.text for t in doc] == [t.text for t in nlp.make_doc(short)]


def test_a_title_with_a_full_stop_is_one_word_and_ends_no_sentence(nlp) -> None:  # type: ignore[no-untyped-def]
    # spaCy's tokenizer split "Capt." (not "Gen."), and the parser ended a sentence
    # there (session 58).
    doc = nlp("He met Capt. Jack Collins and Lt. Col. Ann Lee. Sgt. Ray Diaz said so.")
    assert [t.text for t in doc][:5] == ["He", "met", "Capt.", "Jack", "Collins"]
    assert [s.text for s in doc.sents] == [
        "He met Capt. Jack Collins and Lt. Col. Ann Lee.",
        "Sgt. Ray Diaz said so.",
    ]
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Jack Collins", "PERSON"),
        ("Ann Lee", "PERSON"),
        ("Ray Diaz", "PERSON"),
    ]
