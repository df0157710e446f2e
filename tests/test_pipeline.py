"""The Analyzer's contract, with hand-made components: no model needed."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pytest

from fakes import Shouter
from propscope import Analysis, Analyzer, ComponentError, Document
from propscope.components.techniques import SpanPrediction, TechniqueTagger
from propscope.errors import PropscopeError, UnknownComponentError
from propscope.pipeline import register_component, registered_components
from propscope.techniques import TECHNIQUE_NAMES


class Breaker:
    name = "breaker"

    def __call__(self, docs: Sequence[Document], analyses: Sequence[Analysis]) -> None:
        for analysis in analyses:
            analysis.document = Document.from_text("something else")


class FailsOn:
    name = "fails"

    def __init__(self, word: str) -> None:
        self.word = word

    def __call__(self, docs: Sequence[Document], analyses: Sequence[Analysis]) -> None:
        for doc in docs:
            if self.word in doc.text:
                raise RuntimeError(f"cannot handle {self.word}")


def test_components_run_in_order_and_add_layers() -> None:
    analyzer = Analyzer.from_components([("shouter", Shouter())])
    analysis = analyzer.analyze("Title\n\nThis is OUTRAGEOUS and SHAMEFUL.")
    assert [s.text for s in analysis.techniques or []] == ["OUTRAGEOUS", "SHAMEFUL."]
    assert analyzer.component_names == ["shouter"]


def test_calling_the_analyzer_takes_a_document_or_a_string() -> None:
    analyzer = Analyzer.from_components([("shouter", Shouter())])
    text = "Title\n\nThis is OUTRAGEOUS."
    from_string = analyzer(text)
    assert from_string.document.title == "Title"
    assert [s.text for s in from_string.techniques or []] == ["OUTRAGEOUS."]
    assert analyzer(Document.from_text(text)).to_dict() == from_string.to_dict()
    with pytest.raises(TypeError, match="Document or a str"):
        analyzer(b"bytes")  # type: ignore[arg-type]


def test_a_component_that_replaces_the_document_is_named() -> None:
    analyzer = Analyzer.from_components([("breaker", Breaker())])
    with pytest.raises(ComponentError, match="breaker"):
        analyzer.analyze("text")


def test_pipe_hands_metadata_back_in_order() -> None:
    analyzer = Analyzer.from_components([("shouter", Shouter())])
    items = [(f"text {i} LOUD", {"n": i}) for i in range(5)]
    results = list(analyzer.pipe(items, as_tuples=True, batch_size=2))
    assert [meta["n"] for _, meta in results] == [0, 1, 2, 3, 4]
    assert all(a.techniques and a.techniques[0].text == "LOUD" for a, _ in results)


def test_pipe_error_handler_lets_the_others_finish() -> None:
    analyzer = Analyzer.from_components([("fails", FailsOn("poison"))])
    failed = []
    items = [("fine one", 1), ("poison here", 2), ("fine two", 3), ("   ", 4)]
    results = list(
        analyzer.pipe(
            items,
            as_tuples=True,
            batch_size=4,
            error_handler=lambda exc, doc, meta: failed.append((meta, type(exc).__name__)),
        )
    )
    assert [meta for _, meta in results] == [1, 3]
    # In stream order: the batch read before the empty text is analyzed before it is
    # reported (session 38; it came after).
    assert failed == [(2, "RuntimeError"), (4, "EmptyTextError")]


def test_pipe_error_handler_gets_items_that_are_not_texts_or_pairs() -> None:
    analyzer = Analyzer.from_components([("shouter", Shouter())])
    failed = []
    items = [("A LOUD one", 1), (None, 2), (b"bytes", 3), "no pair", ("ab",), ("LOUD again", 6)]
    results = list(
        analyzer.pipe(
            items,  # type: ignore[arg-type]
            as_tuples=True,
            error_handler=lambda exc, doc, meta: failed.append((meta, str(exc))),
        )
    )
    assert [meta for _, meta in results] == [1, 6]
    pair = "with as_tuples=True each item is a (text, metadata) pair"
    assert failed == [
        (2, "text must be str, got NoneType"),
        (3, "text must be str, got bytes"),
        (None, f"item 3 of the stream is a str: {pair}"),
        (None, f"item 4 of the stream is a tuple: {pair}"),
    ]
    with pytest.raises(TypeError, match="item 0 of the stream is a str"):
        list(analyzer.pipe(["ab"], as_tuples=True))  # a two-letter text is no pair


def test_analyzer_arguments_are_checked() -> None:
    with pytest.raises(TypeError, match=r"write components=\['techniques'\]"):
        Analyzer("techniques")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"write disable=\['actors'\]"):
        Analyzer(disable="actors")  # type: ignore[arg-type]
    with pytest.raises(UnknownComponentError, match=r"disable names \['attribution'\]"):
        Analyzer(disable=["attribution"])  # the layer is "attributions"


def test_pipe_reports_a_text_with_half_a_character_and_goes_on() -> None:
    # "\ud800" (an emoji cut in two) could not be encoded: it stopped the whole stream.
    analyzer = Analyzer.from_components([("shouter", Shouter())])
    failed = []
    items = [("A LOUD one", 1), ("cut \ud83d here", 2), ("LOUD again", 3)]
    results = list(
        analyzer.pipe(
            items,
            as_tuples=True,
            error_handler=lambda exc, doc, meta: failed.append(
                (meta, type(exc).__name__, str(exc))
            ),
        )
    )
    assert [meta for _, meta in results] == [1, 3]
    assert [(meta, kind) for meta, kind, _ in failed] == [(2, "InputError")]
    assert "unpaired surrogate (U+D83D at character 4)" in failed[0][2]
    assert all(analysis.to_json() for analysis, _ in results)


@pytest.mark.parametrize("size", [0, -3, 2.5, "8", None, True])
def test_pipe_refuses_a_batch_size_that_is_not_a_whole_number_from_one(size: object) -> None:
    analyzer = Analyzer.from_components([("shouter", Shouter())])
    with pytest.raises(ValueError, match="batch_size is how many documents"):
        analyzer.pipe(["A LOUD one"], batch_size=size)  # type: ignore[arg-type]


def test_a_component_named_twice_is_refused() -> None:
    with pytest.raises(PropscopeError, match=r"components names \['figures'\] more than once"):
        Analyzer(["figures", "claims", "figures"])


def test_settings_that_are_not_a_dict_are_refused_by_name() -> None:
    with pytest.raises(TypeError, match=r"settings\['figures'\] is a float"):
        Analyzer(["figures"], settings={"figures": 2.0})  # type: ignore[dict-item]


def test_the_default_analyzer_is_built_once_when_threads_ask_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import threading
    import time

    import propscope

    built = []

    class Slow:
        def __init__(self) -> None:
            time.sleep(0.05)  # as loading the models does: the other threads ask meanwhile
            built.append(self)

    monkeypatch.setattr(propscope, "Analyzer", Slow)
    monkeypatch.setattr(propscope, "_default", [])
    got = []
    threads = [
        threading.Thread(target=lambda: got.append(propscope.default_analyzer())) for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(built) == 1 and all(analyzer is built[0] for analyzer in got) and len(got) == 4


def test_pipe_raises_by_default() -> None:
    analyzer = Analyzer.from_components([("fails", FailsOn("poison"))])
    with pytest.raises(RuntimeError, match="poison"):
        list(analyzer.pipe(["poison"]))


def test_pipe_yields_what_came_before_a_failure_and_names_the_item() -> None:
    # With the default handler an empty third item lost the two read before it, and the
    # error said neither where it was nor whose it was (review, session 38).
    analyzer = Analyzer.from_components([("fails", FailsOn("poison"))])
    items = [("One.", {"id": 1}), ("Two.", {"id": 2}), ("   ", {"id": "bad"}), ("Four.", {})]
    got = []
    with pytest.raises(PropscopeError) as raised:
        for _, metadata in analyzer.pipe(items, as_tuples=True):
            got.append(metadata)
    assert got == [{"id": 1}, {"id": 2}]
    assert raised.value.__notes__ == [
        "in item 2 of the stream, metadata {'id': 'bad'} (counting from 0)"
    ]
    with pytest.raises(RuntimeError) as failed:
        list(analyzer.pipe(["One.", "poison"]))
    assert "in item 1 of the stream (counting from 0)" in failed.value.__notes__


def test_pipe_yields_what_came_before_the_stream_itself_fails() -> None:
    # A source that raised after two texts lost both (review, session 39).
    analyzer = Analyzer.from_components([("fails", FailsOn("poison"))])

    def source():  # type: ignore[no-untyped-def]
        yield "One."
        yield "Two."
        raise OSError("network share went away")

    got = []
    with pytest.raises(OSError, match="share went away"):
        for analysis in analyzer.pipe(source()):
            got.append(analysis.document.text)
    assert got == ["One.", "Two."]


def test_registry_builds_by_name_and_rejects_unknown_names_and_settings() -> None:
    @register_component("test-shouter", defaults={}, description="test only")
    def make_shouter() -> Shouter:
        return Shouter()

    assert "test-shouter" in registered_components()
    analyzer = Analyzer(["test-shouter"])
    assert analyzer.analyze("A LOUD word").techniques
    with pytest.raises(UnknownComponentError, match="No component named 'nope'"):
        Analyzer(["nope"])
    with pytest.raises(PropscopeError, match="no setting"):
        Analyzer(["test-shouter"], settings={"test-shouter": {"volume": 11}})
    assert Analyzer(["test-shouter"], disable=["test-shouter"]).component_names == []


def test_a_registered_name_is_refused_unless_replaced_whatever_the_import_order() -> None:
    """Registering "figures" before the built-ins loaded was overwritten by them; after,
    it replaced the built-in for the whole process, silently (API audit, session 27)."""
    from propscope import pipeline

    with pytest.raises(ValueError, match="a component named 'figures' is registered already"):

        @register_component("figures")
        def mine() -> Shouter:
            return Shouter()

    assert "figures" in registered_components()  # the built-in, still there

    @register_component("test-once", description="first")
    def first() -> Shouter:
        return Shouter()

    with pytest.raises(ValueError, match="pass replace=True"):

        @register_component("test-once")
        def other() -> Shouter:
            return Shouter()

    @register_component("test-once", description="second", replace=True)
    def second() -> Shouter:
        return Shouter()

    assert registered_components()["test-once"] == "second"
    assert pipeline._REGISTRY["test-once"].func is second
    # Before anything loaded the built-ins, in a fresh process: refused too.
    import subprocess
    import sys

    code = (
        "from propscope.pipeline import register_component\n"
        "register_component('figures')(lambda: None)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 1 and "is registered already" in run.stderr
    # A built-in module imported first (as the CLI and the training code do): the same.
    code = "import propscope.components.techniques\n" + code
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 1 and "is registered already" in run.stderr
    # A component module reloaded registers the same factory again: no clash.
    code = "import importlib, propscope.components.figures as f; importlib.reload(f)"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


def test_pipe_refuses_one_text_where_it_wants_many() -> None:
    """pipe("Hello") analyzed "H", "e", "l", "l", "o" (API audit, session 27)."""
    analyzer = Analyzer.from_components([("shout", Shouter())])
    for one in ("Hello there", b"Hello", Document.from_text("Hello")):
        with pytest.raises(TypeError, match="pipe\\(\\) takes an iterable of documents"):
            analyzer.pipe(one)  # type: ignore[arg-type]
    assert [a.document.text for a in analyzer.pipe(["Hello there"])] == ["Hello there"]


class _FakeRuntime:
    def __init__(self) -> None:
        self.labels = list(TECHNIQUE_NAMES)
        self.config = {"span_threshold": 0.5}

    def info(self) -> dict[str, str]:
        return {"name": "fake", "version": "0"}


def test_technique_tagger_set_annotations_from_hand_made_scores() -> None:
    tagger = TechniqueTagger(runtime=_FakeRuntime(), second_technique=0.3)  # type: ignore[arg-type]
    doc = Document.from_text("Headline\n\nThe traitors lied. Fine words.")
    start = doc.text.index("traitors")
    probs = np.zeros((1, len(TECHNIQUE_NAMES)), dtype=np.float32)
    name_calling = TECHNIQUE_NAMES.index("Name_Calling,Labeling")
    loaded = TECHNIQUE_NAMES.index("Loaded_Language")
    probs[0, name_calling] = 0.6
    probs[0, loaded] = 0.35
    probs[0, 0] = 0.05
    pred = SpanPrediction(spans=[(start, start + 8, 0.9)], technique_probs=probs)
    analysis = Analysis(document=doc)
    tagger.set_annotations([doc], [analysis], [pred])
    got = [(s.technique, s.text, round(s.score, 3)) for s in analysis.techniques or []]
    # The second technique is kept because its probability (0.35) clears 0.3.
    assert got == [
        ("Name_Calling,Labeling", "traitors", 0.54),
        ("Loaded_Language", "traitors", 0.315),
    ]
    assert analysis.summary["techniques"] == {"Loaded_Language": 1, "Name_Calling,Labeling": 1}


def test_analyze_keeps_metadata_as_the_analyzer_does(monkeypatch: pytest.MonkeyPatch) -> None:
    import propscope

    analyzer = Analyzer.from_components([("shout", Shouter())])
    monkeypatch.setattr(propscope, "default_analyzer", lambda: analyzer)
    analysis = propscope.analyze("A LOUD word", metadata={"outlet": "Gazette"})
    assert analysis.document.metadata == {"outlet": "Gazette"}


@pytest.mark.parametrize(
    ("settings", "said"),
    [
        ({"figures": {"min_ratio": "two"}}, "'min_ratio' must be a number, got 'two'"),
        ({"figures": {"min_ratio": 0.5}}, "'min_ratio' must be a ratio above 1"),
        ({"figures": {"min_english_share": 7}}, "must be a share from 0 to 1, got 7"),
        ({"figures": {"min_english_share": True}}, "must be a number, got True"),
    ],
)
def test_a_setting_of_the_wrong_kind_is_refused_when_the_analyzer_is_built(
    settings: dict[str, dict[str, object]], said: str
) -> None:
    """They were taken, then failed inside the analysis with a bare TypeError, or quietly
    took every English text for another language (API audit, session 27)."""
    with pytest.raises(PropscopeError, match=re.escape(said)):
        Analyzer(["figures"], settings=settings)
    assert Analyzer(["figures"], settings={"figures": {"min_ratio": 3}}).component_names == [
        "figures"
    ]


def test_a_plugins_settings_are_its_own_to_check() -> None:
    """The built-in layers' rules by setting name refused a plugin's own defaults given
    explicitly (the review of session 27)."""

    @register_component("test-loose", defaults={"batch_size": 0, "max_share": 5.0})
    def make(batch_size: int, max_share: float) -> Shouter:
        return Shouter()

    settings = {"test-loose": {"batch_size": 0, "max_share": 5.0}}
    assert Analyzer(["test-loose"], settings=settings).component_names == ["test-loose"]
    # A numpy number is a number for a built-in layer too.
    figures = {"figures": {"min_ratio": np.float64(3.0)}}
    assert Analyzer(["figures"], settings=figures).component_names == ["figures"]


def test_a_document_opens_with_its_title_and_analyze_takes_one() -> None:
    # Document(text=body, title=...) lost the body's first paragraph to a title the text
    # did not hold, and analyze() refused a Document (review, session 38).
    with pytest.raises(PropscopeError, match=r"Document.from_text\(body, title=title\)"):
        Document(text="The mayor spoke.\n\nShe left.", id="d", title="Council news")
    doc = Document.from_text("The mayor spoke.\n\nShe left.", title="Council news", id="d")
    assert doc.body == "The mayor spoke.\n\nShe left."
    analyzer = Analyzer.from_components([("shout", Shouter())])
    assert analyzer.analyze(doc).document is doc
    with pytest.raises(TypeError, match="a Document has its own"):
        analyzer.analyze(doc, title="Other")


# --- a developer's review of the Python API (session 49) ------------------------------------


def test_names_given_as_a_generator_build_the_same_analyzer() -> None:
    # The checks used the generator up: an analyzer with no layer, and no error.
    built = Analyzer(name for name in ["figures", "claims"])
    assert built.component_names == ["figures", "claims"]
    kept = Analyzer(["figures", "claims"], disable=(name for name in ["claims"]))
    assert kept.component_names == ["figures"]


def test_constructor_mistakes_name_the_argument() -> None:
    with pytest.raises(TypeError, match="components takes a list of component names"):
        Analyzer(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="settings takes a dict"):
        Analyzer(["figures"], settings=[("figures", {})])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="pipe\\(\\) takes an iterable"):
        Analyzer(["figures"]).pipe(None)  # type: ignore[call-overload]


def test_from_components_checks_what_it_is_given() -> None:
    with pytest.raises(TypeError, match=r"\(name, component\) pairs; item 0 is Shouter"):
        Analyzer.from_components([Shouter()])  # type: ignore[list-item]
    with pytest.raises(ComponentError, match="'x' is a str, not a callable"):
        Analyzer.from_components([("x", "not a component")])  # type: ignore[list-item]
    with pytest.raises(PropscopeError, match="more than once"):
        Analyzer.from_components([("s", Shouter()), ("s", Shouter())])


def test_a_pair_without_as_tuples_points_at_the_flag() -> None:
    shouter = Analyzer.from_components([("shouter", Shouter())])
    with pytest.raises(TypeError, match="pass as_tuples=True"):
        list(shouter.pipe([("SOME text", {"id": 1})]))
    with pytest.raises(TypeError, match="pass as_tuples=True"):
        list(shouter.pipe([(Document.from_text("SOME text"), {"id": 1})]))  # type: ignore[list-item]


def test_the_error_handler_reads_the_failed_items_position() -> None:
    seen: list[int] = []
    analyzer = Analyzer.from_components([("shouter", Shouter()), ("fails", FailsOn("BAD"))])
    out = list(
        analyzer.pipe(
            ["one TEXT", "", "a BAD one", "last"],
            error_handler=lambda exc, doc, meta: seen.append(exc.item_position),  # type: ignore[attr-defined]
        )
    )
    assert len(out) == 2
    assert seen == [1, 2]


def test_a_plugins_summary_is_kept_as_json_holds_it_or_refused_by_name() -> None:
    class Loudness:
        name = "loudness"

        def __call__(self, docs: Sequence[Document], analyses: Sequence[Analysis]) -> None:
            for analysis in analyses:
                analysis.summary["loudness"] = np.float32(0.25)

    class Opaque:
        def __call__(self, docs: Sequence[Document], analyses: Sequence[Analysis]) -> None:
            for analysis in analyses:
                analysis.summary["thing"] = object()

    loud = Analyzer.from_components([("loudness", Loudness())]).analyze("They LIED again.")
    assert '"loudness": 0.25' in loud.to_json()
    with pytest.raises(ComponentError, match=r"'opaque' put into analysis\.summary"):
        Analyzer.from_components([("opaque", Opaque())]).analyze("They LIED again.")


@pytest.mark.parametrize(
    ("component", "settings"),
    [
        ("figures", {"min_ratio": 1}),
        ("figures", {"min_ratio": 0.5}),
        ("techniques", {"threshold": 1.5}),
        ("techniques", {"min_score": 2}),
        ("techniques", {"second_technique": -1}),
    ],
)
def test_a_setting_out_of_range_is_a_setting_error(component: str, settings: dict) -> None:
    from propscope.errors import SettingError

    # A plain ValueError escaped `except PropscopeError` (review, session 49).
    with pytest.raises(SettingError):
        Analyzer([component], settings={component: settings})


def test_an_analyzer_classifies_by_its_own_technique_layer() -> None:
    class Tagger:
        name = "techniques"

        def __call__(self, docs: Sequence[Document], analyses: Sequence[Analysis]) -> None:
            pass

        def classify(self, text: str, spans: Sequence[tuple[int, int]]) -> list[str]:
            return [text[s:e] for s, e in spans]

    analyzer = Analyzer.from_components([("techniques", Tagger())])
    assert analyzer.classify("The traitors lied.", [(4, 12)]) == ["traitors"]  # type: ignore[comparison-overlap]
    with pytest.raises(UnknownComponentError, match="No component 'techniques'"):
        Analyzer.from_components([("shouter", Shouter())]).classify("A text.", [(0, 1)])
    with pytest.raises(TypeError, match="text must be str"):
        analyzer.classify(b"bytes", [(0, 1)])  # type: ignore[arg-type]


def test_the_default_analyzer_frees_the_technique_layer_classify_built(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # `propscope.classify` first built a technique layer alone, kept for the process
    # beside the default analyzer's own (about 42 MB; review, session 49).
    import propscope

    monkeypatch.setattr(propscope, "_default", [])
    monkeypatch.setattr(propscope, "_techniques_only", ["the technique layer alone"])
    monkeypatch.setattr(propscope, "Analyzer", lambda: "the default analyzer")
    assert propscope.default_analyzer() == "the default analyzer"  # type: ignore[comparison-overlap]
    assert propscope._techniques_only == []


def test_a_components_settings_and_their_defaults_are_listed() -> None:
    import propscope

    settings = propscope.component_settings("figures")
    assert settings["min_ratio"] == 2.0
    assert set(propscope.component_settings("techniques")) >= {"threshold", "min_score"}
    with pytest.raises(UnknownComponentError, match="No component named 'nope'"):
        propscope.component_settings("nope")
