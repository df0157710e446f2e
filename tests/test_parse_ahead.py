"""Parsing ahead: the attributions layer's parse starts before the technique layer runs,
on one background thread, and every component still gets the one parse of each text.

The cases use a blank English pipeline (a tokenizer only), so they need spaCy but no
model; a wrapper counts which texts it parses, and on which thread.
"""

from __future__ import annotations

import multiprocessing
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import pytest

spacy = pytest.importorskip("spacy")

import propscope.nlp as nlp_module  # noqa: E402
from propscope import Analyzer, register_component  # noqa: E402
from propscope.analysis import Analysis  # noqa: E402
from propscope.document import Document  # noqa: E402
from propscope.nlp import PARSE_CACHE_DOCS, parse_ahead, parse_texts  # noqa: E402


class Counting:
    """A blank English pipeline that records each text it parses and the thread that
    parsed it, and can be held back until the test lets it go."""

    def __init__(self, *, fail: bool = False) -> None:
        self.nlp = spacy.blank("en")
        self.parsed: list[tuple[str, str]] = []
        self.fail = fail
        self.go = threading.Event()
        self.go.set()
        original = self.nlp.pipe

        def pipe(texts: Sequence[str], **kwargs: Any) -> Iterator[Any]:
            self.go.wait(10)
            for text in texts:
                if self.fail:
                    raise RuntimeError(f"cannot parse {text!r}")
                self.parsed.append((text, threading.current_thread().name))
            return original(texts, **kwargs)

        self.nlp.pipe = pipe  # type: ignore[method-assign]


def test_texts_parsed_ahead_are_parsed_once_and_shared() -> None:
    counting = Counting()
    counting.go.clear()  # the parse waits: parse_texts must wait for it, not parse again
    parse_ahead(counting.nlp, ["One text.", "Two texts."])
    threading.Timer(0.2, counting.go.set).start()
    first = parse_texts(counting.nlp, ["Two texts.", "One text.", "Three."])
    again = parse_texts(counting.nlp, ["One text.", "Two texts.", "Three."])
    assert [doc.text for doc in first] == ["Two texts.", "One text.", "Three."]
    assert [a is b for a, b in zip(first, [again[1], again[0], again[2]], strict=True)] == [
        True,
        True,
        True,
    ]
    assert sorted(text for text, _ in counting.parsed) == ["One text.", "Three.", "Two texts."]


def test_every_parse_runs_on_the_parse_thread() -> None:
    # One pipeline never parses two texts at once: the texts parse_texts finds missing
    # go to the same thread as those parsed ahead.
    counting = Counting()
    parse_ahead(counting.nlp, ["Ahead."])
    parse_texts(counting.nlp, ["Ahead.", "Asked for now."])
    threads = {thread for _, thread in counting.parsed}
    assert len(threads) == 1 and threads.pop().startswith("propscope-parse")
    assert len(counting.parsed) == 2


def test_a_failed_parse_ahead_raises_where_the_parse_is_read_and_is_not_kept() -> None:
    counting = Counting(fail=True)
    parse_ahead(counting.nlp, ["Broken."])
    with pytest.raises(RuntimeError, match=r"cannot parse 'Broken\.'"):
        parse_texts(counting.nlp, ["Broken."])
    counting.fail = False  # the next reader parses it again instead of reading the failure
    assert [doc.text for doc in parse_texts(counting.nlp, ["Broken."])] == ["Broken."]


def test_parsing_ahead_can_be_turned_off_and_skips_batches_larger_than_the_cache(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    counting = Counting()
    monkeypatch.setattr(nlp_module, "PARSE_AHEAD", False)
    parse_ahead(counting.nlp, ["Not ahead."])
    monkeypatch.setattr(nlp_module, "PARSE_AHEAD", True)
    parse_ahead(counting.nlp, [f"Text {i}." for i in range(PARSE_CACHE_DOCS)])
    # Nothing was submitted: a parse ahead would have reached the (unheld) pipeline by now.
    nlp_module._submit(counting.nlp, ["Marker."], 8).result()
    assert [text for text, _ in counting.parsed] == ["Marker."]


def _parse_in_child(queue: Any) -> None:
    queue.put([doc.text for doc in parse_texts(spacy.blank("en"), ["In the child."])])


def test_a_forked_process_parses_on_a_thread_of_its_own() -> None:
    # The parent's parse thread does not exist in a forked child; submitting to it there
    # would wait for ever.
    parse_texts(Counting().nlp, ["In the parent."])
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_parse_in_child, args=(queue,))
    child.start()
    child.join(30)
    alive = child.is_alive()
    if alive:
        child.kill()
    assert not alive, "the child's parse never finished"
    assert queue.get(timeout=5) == ["In the child."]


def test_the_analyzer_prepares_every_component_before_the_first_runs() -> None:
    calls: list[str] = []

    class Recorder:
        def __init__(self, name: str) -> None:
            self.name = name

        def prepare(self, docs: Sequence[Document]) -> None:
            calls.append(f"prepare {self.name} {len(docs)}")

        def __call__(self, docs: Sequence[Document], analyses: Sequence[Analysis]) -> None:
            calls.append(f"run {self.name}")

    register_component("test-ahead-first")(lambda: Recorder("first"))
    register_component("test-ahead-second")(lambda: Recorder("second"))
    analyzer = Analyzer(["test-ahead-first", "test-ahead-second"])
    list(analyzer.pipe(["A text to read.", "Another text."], batch_size=2))
    assert calls == ["prepare first 2", "prepare second 2", "run first", "run second"]


def test_a_failing_prepare_names_its_component() -> None:
    class Broken:
        name = "test-ahead-broken"

        def prepare(self, docs: Sequence[Document]) -> None:
            raise ValueError("no")

        def __call__(self, docs: Sequence[Document], analyses: Sequence[Analysis]) -> None:
            pass

    register_component("test-ahead-broken")(Broken)
    with pytest.raises(ValueError, match="no") as info:
        Analyzer(["test-ahead-broken"]).analyze("A text to read.")
    assert "in propscope component: test-ahead-broken" in "".join(info.value.__notes__)


def test_the_parsing_layers_prepare_one_parse_between_them() -> None:
    from propscope.components.actors import ActorFinder
    from propscope.components.attribution import AttributionFinder

    counting = Counting()
    english = Document.from_text("The minister said the plan would work, and it did.")
    not_english = Document.from_text(
        "Der Minister sagte am Montag in Berlin, dass der Plan der Regierung funktionieren "
        "werde und dass die Menschen im Land keine Angst haben müssten. Die Opposition "
        "sieht das anders und fordert eine Debatte im Parlament über die Kosten."
    )
    attributions = AttributionFinder(nlp=counting.nlp, learned=False, tagger=False)
    actors = ActorFinder(nlp=counting.nlp)
    attributions.prepare([english, not_english])
    actors.prepare([english, not_english])
    parse_texts(counting.nlp, [english.text])
    # Parsed once, ahead; the text neither layer reads (not English) is not parsed at all.
    assert [text for text, _ in counting.parsed] == [english.text]
    assert counting.parsed[0][1].startswith("propscope-parse")


def _strings(nlp: Any) -> int:
    return len(nlp.vocab.strings)


def _zone_parser(nlp: Any) -> Any:
    def parse(docs: Sequence[Document], analyses: Sequence[Analysis]) -> None:
        for doc, analysis in zip(docs, analyses, strict=True):
            parsed = parse_texts(nlp, [doc.text])[0]
            analysis.summary["words"] = [token.text for token in parsed]

    return parse


def test_what_a_batch_adds_to_the_vocabulary_is_freed_after_it() -> None:
    """A process that had read 3,200 different texts held 41,000 strings more than it
    started with, and went on growing with every new name (session 51)."""
    counting = Counting()
    parse_texts(counting.nlp, ["A text read once, before the run."])
    before = _strings(counting.nlp)
    analyzer = Analyzer.from_components([("words", _zone_parser(counting.nlp))])
    texts = [f"Zorblatt{i} met Quux{i} in Blorfton{i}." for i in range(20)]
    analyses = list(analyzer.pipe(texts, batch_size=4))
    # The words came out whole, read while the batch's parses were alive ...
    assert analyses[7].summary["words"] == ["Zorblatt7", "met", "Quux7", "in", "Blorfton7", "."]
    # ... and none of the 60 new words is left in the vocabulary or the parse cache.
    assert _strings(counting.nlp) == before
    assert "Zorblatt19" not in counting.nlp.vocab.strings
    assert not any(t.startswith("Zorblatt") for t in nlp_module._parses[counting.nlp])


def _waits_for_a_batch(nlp: Any, batch_text: str, outside: Callable[[], None]) -> None:
    """Run `outside` on a thread while another thread's batch, which has parsed
    `batch_text` with `nlp`, holds its zone open: it must not finish before the batch
    ends, and must finish after."""
    inside, release, done = threading.Event(), threading.Event(), threading.Event()

    def batch() -> None:
        with nlp_module.transient_parses():
            parse_texts(nlp, [batch_text])
            inside.set()
            release.wait(10)

    def run_outside() -> None:
        outside()
        done.set()

    runner = threading.Thread(target=batch)
    runner.start()
    assert inside.wait(10)
    other = threading.Thread(target=run_outside)
    other.start()
    assert not done.wait(0.3)  # held back while the batch's zone is open
    release.set()
    runner.join(10)
    other.join(30)
    assert done.is_set()


def test_a_parse_outside_a_run_waits_until_the_run_ends() -> None:
    """A caller on another thread must not get a parse whose strings a batch frees."""
    counting = Counting()
    parse_texts(counting.nlp, ["Known before."])
    _waits_for_a_batch(
        counting.nlp, "Parsed inside.", lambda: parse_texts(counting.nlp, ["Parsed outside."])
    )
    assert "Parsed" in counting.nlp.vocab.strings  # parsed outside: kept
    assert [text for text, _ in counting.parsed] == [
        "Known before.",
        "Parsed inside.",
        "Parsed outside.",
    ]
    # The batch's parses left the cache with it; the one outside stays.
    assert list(nlp_module._parses[counting.nlp]) == ["Parsed outside."]


def test_the_lemmatizers_own_cache_is_bounded(nlp, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """The rule lemmatizer's dict of forms grows by 6 to 14 entries an article, and no
    memory zone frees it: past `LEMMA_CACHE_ENTRIES`, a batch's end empties it."""
    lemmatizer = nlp.get_pipe("lemmatizer")
    monkeypatch.setattr(nlp_module, "LEMMA_CACHE_ENTRIES", 5)
    with nlp_module.transient_parses():
        parse_texts(nlp, ["The ministers said that the prices were rising in the cities."])
        assert len(lemmatizer.cache) > 5
    assert len(lemmatizer.cache) == 0
    again = parse_texts(nlp, ["The ministers said that the prices were rising in the cities."])[0]
    assert [t.lemma_ for t in again][1:4] == ["minister", "say", "that"]


def test_two_threads_share_one_zone_and_read_their_own_words() -> None:
    """Threads may share an Analyzer: a batch on one thread must not free the words of
    the batch the other thread is reading."""
    counting = Counting()
    parse_texts(counting.nlp, ["Warm."])
    before = _strings(counting.nlp)
    analyzer = Analyzer.from_components([("words", _zone_parser(counting.nlp))])
    results: dict[str, list[list[str]]] = {}

    def run(name: str) -> None:
        texts = [f"{name}{i} met {name}x{i} twice." for i in range(40)]
        results[name] = [a.summary["words"] for a in analyzer.pipe(texts, batch_size=3)]

    threads = [threading.Thread(target=run, args=(name,)) for name in ("Alpha", "Beta")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    for name in ("Alpha", "Beta"):
        assert results[name] == [
            [f"{name}{i}", "met", f"{name}x{i}", "twice", "."] for i in range(40)
        ]
    assert _strings(counting.nlp) == before


def test_find_attributions_on_another_thread_waits_for_the_batch(nlp) -> None:  # type: ignore[no-untyped-def]
    """It parsed with `pipeline(text)` on its own thread, inside the zone another thread's
    batch held open, and read freed strings when that batch ended ("KeyError: [E018]
    Can't retrieve string for hash", in a helper's review of session 51)."""
    from propscope.components.attribution import find_attributions

    found: list[Any] = []
    _waits_for_a_batch(
        nlp,
        "Xyzzqa said the plan works.",
        lambda: found.extend(
            find_attributions("Qwarvel told reporters that Blorpton will win.", nlp=nlp)
        ),
    )
    assert [(a.source.text if a.source else None) for a in found if a.cue] == ["Qwarvel"]


def test_a_parse_outside_does_not_wait_for_batches_that_keep_coming() -> None:
    """Batches overlapping on two threads kept the shared zone open, and a parse outside
    waited until both streams ended (7.8 s in the review)."""
    counting = Counting()
    parse_texts(counting.nlp, ["Warm."])
    rounds, stop = 60, threading.Event()
    seen: list[int] = []

    def stream() -> None:
        for k in range(rounds):
            with nlp_module.transient_parses():
                if stop.is_set():
                    seen.append(k)
                time.sleep(0.02)

    threads = [threading.Thread(target=stream) for _ in range(2)]
    for thread in threads:
        thread.start()
    time.sleep(0.1)
    parse_texts(counting.nlp, ["Asked outside."])
    stop.set()
    for thread in threads:
        thread.join(30)
    # The parse got in while both streams still had most of their rounds to run.
    assert min(seen) < rounds - 10


def test_a_batch_inside_the_callers_own_memory_zone_frees_nothing_of_theirs() -> None:
    """spaCy's zones do not nest: the Analyzer's, opened inside a caller's, freed the
    caller's strings with its own."""
    counting = Counting()
    parse_texts(counting.nlp, ["Warm."])
    analyzer = Analyzer.from_components([("words", _zone_parser(counting.nlp))])
    with counting.nlp.memory_zone():
        mine = counting.nlp("Glimmerfax met Quorble.")
        [analysis] = analyzer.pipe(["Snorbit met Plinth."])
        assert analysis.summary["words"] == ["Snorbit", "met", "Plinth", "."]
        assert mine.text == "Glimmerfax met Quorble."
        assert [t.text for t in mine] == ["Glimmerfax", "met", "Quorble", "."]
