"""The Analyzer: an ordered list of named components over one Analysis.

Components are built by name from a registry, with their defaults beside the factory,
so a user can list, disable or swap them. Third-party packages add components through
the `propscope.components` entry point group.
"""

from __future__ import annotations

import logging
import numbers
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, TypeVar, overload, runtime_checkable

from propscope.analysis import Analysis, ClassifiedSpan
from propscope.document import Document, _json_safe
from propscope.errors import ComponentError, PropscopeError, SettingError, UnknownComponentError
from propscope.furniture import furniture_note
from propscope.nlp import transient_parses

__all__ = [
    "DEFAULT_COMPONENTS",
    "Analyzer",
    "Component",
    "ErrorHandler",
    "component_settings",
    "failed_component",
    "raise_error",
    "register_component",
    "registered_components",
]

log = logging.getLogger("propscope")

# "attributions" runs after "figures" so that it can tell each figure whose statement holds it,
# and before "claims", which ties each sentence to the statement it reports; "actors" runs
# after them, as it links each actor to the technique spans and statements before it;
# "double_standards" reads the same parse and needs no other layer.
DEFAULT_COMPONENTS: tuple[str, ...] = (
    "techniques",
    "figures",
    "attributions",
    "claims",
    "headline",
    "actors",
    "double_standards",
)
ENTRY_POINT_GROUP = "propscope.components"
# Prefix of the note added to an exception raised inside a component.
COMPONENT_NOTE = "in propscope component: "


@runtime_checkable
class Component(Protocol):
    """Takes a batch of documents with their analyses so far and enriches each analysis.

    A component may also have `prepare(docs)`, which the Analyzer calls for the batch
    before the first component runs, to start work in the background (it must not
    change the documents, nor fail where `__call__` would not).
    """

    name: str

    def __call__(self, docs: Sequence[Document], analyses: Sequence[Analysis]) -> None: ...


@dataclass(frozen=True, slots=True)
class _Factory:
    name: str
    func: Callable[..., Component]
    defaults: dict[str, Any] = field(default_factory=dict)
    description: str = ""


_REGISTRY: dict[str, _Factory] = {}
_entry_points_loaded = False

F = TypeVar("F", bound=Callable[..., Component])
M = TypeVar("M")  # the metadata a pipe(as_tuples=True) hands back as it was given


def register_component(
    name: str,
    *,
    defaults: dict[str, Any] | None = None,
    description: str = "",
    replace: bool = False,
) -> Callable[[F], F]:
    """Register a component factory under `name`, with its default settings.

    A name already registered (a built-in layer such as "figures", or another plugin's)
    is refused with `ValueError`, whatever the order of imports, unless `replace=True`
    says that this factory is to take its place for the whole process. The same factory
    registered again (its module reloaded) is no clash."""
    _load_builtins()

    def decorator(func: F) -> F:
        known = _REGISTRY.get(name)
        same = known is not None and (known.func.__module__, known.func.__qualname__) == (
            func.__module__,
            func.__qualname__,
        )
        if known is not None and not (replace or same or _builtins_loading):
            raise ValueError(
                f"a component named {name!r} is registered already "
                f"({known.description or known.func.__qualname__}); give yours another "
                "name, or pass replace=True to use it instead everywhere in this process."
            )
        _REGISTRY[name] = _Factory(name, func, dict(defaults or {}), description)
        return func

    return decorator


# True while the built-in components register themselves (they are imported lazily).
_builtins_loading = False


def _load_builtins() -> None:
    """Import the built-in components, unless they are (being) imported already: a name a
    plugin or a user registers is then checked against theirs, whatever came first."""
    global _builtins_loading
    if "propscope.components" in sys.modules or _builtins_loading:
        return
    _builtins_loading = True
    try:
        import propscope.components  # noqa: F401  (registers the built-in components)
    finally:
        _builtins_loading = False


def _load_builtin_and_entry_points() -> None:
    global _entry_points_loaded
    _load_builtins()
    if _entry_points_loaded:
        return
    _entry_points_loaded = True
    from importlib.metadata import entry_points

    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            ep.load()
        except Exception as exc:  # a broken plugin must not break propscope
            log.warning("could not load propscope component plugin %s: %s", ep.name, exc)


def registered_components() -> dict[str, str]:
    """Name -> description of every component that can be built."""
    _load_builtin_and_entry_points()
    return {name: f.description for name, f in sorted(_REGISTRY.items())}


def component_settings(name: str) -> dict[str, Any]:
    """The settings component `name` takes, each with its default: what
    `Analyzer(settings={name: {...}})` may set. Raises `UnknownComponentError` for a
    name no component has."""
    return dict(_factory(name).defaults)


def _factory(name: str) -> _Factory:
    _load_builtin_and_entry_points()
    try:
        return _REGISTRY[name]
    except KeyError:
        raise UnknownComponentError(
            f"No component named {name!r}. Available: {', '.join(sorted(_REGISTRY))}."
        ) from None


def _build(name: str, settings: dict[str, Any]) -> Component:
    factory = _factory(name)
    unknown = set(settings) - set(factory.defaults)
    if unknown:
        raise PropscopeError(
            f"Component {name!r} has no setting(s) {sorted(unknown)}; "
            f"its settings are {sorted(factory.defaults)}."
        )
    if factory.func.__module__.startswith("propscope."):  # a plugin checks its own
        for key, value in settings.items():
            _check_setting(name, key, value, factory.defaults[key])
    component = factory.func(**{**factory.defaults, **settings})
    if not callable(component):
        raise ComponentError(f"The factory of component {name!r} did not return a callable.")
    return component


def _check_setting(component: str, key: str, value: Any, default: Any) -> None:
    """Refuse, when the Analyzer is built, a built-in layer's setting of another kind
    than its default's (any whole number where a number is wanted is fine), a batch size
    under 1 and a share outside 0 to 1, naming what was given and what is wanted; a
    setting whose default is None is the component's own to check."""
    wanted = None
    if isinstance(default, bool):
        if not isinstance(value, bool):
            wanted = "True or False"
    elif isinstance(default, int):
        if isinstance(value, bool) or not isinstance(value, numbers.Integral):
            wanted = "a whole number"
        elif value < 1 and ("batch" in key or key == "min_shared"):
            wanted = "a whole number from 1"
    elif isinstance(default, float):
        if isinstance(value, bool) or not isinstance(value, numbers.Real) or value != value:
            wanted = "a number"
        elif "share" in key and not 0 <= float(value) <= 1:
            wanted = "a share from 0 to 1"
        elif key == "min_ratio" and float(value) <= 1:
            wanted = "a ratio above 1"
    elif isinstance(default, str) and not isinstance(value, str):
        wanted = "a text"
    if wanted is not None:
        raise SettingError(
            f"Component {component!r}: the setting {key!r} must be {wanted}, got {value!r} "
            f"(its default is {default!r})."
        )


ErrorHandler = Callable[[BaseException, Document | None, Any], None]


def failed_component(exc: BaseException) -> str | None:
    """The name of the component that raised `exc`, or None if it came from elsewhere."""
    for note in getattr(exc, "__notes__", ()):
        if isinstance(note, str) and note.startswith(COMPONENT_NOTE):
            return note[len(COMPONENT_NOTE) :]
    return None


def raise_error(exc: BaseException, doc: Document | None, metadata: Any) -> None:
    """The default error handler: stop at the first failure."""
    raise exc


def _name_item(exc: BaseException, position: int, metadata: Any) -> None:
    """Note on `exc` which item of a stream failed: its place and its metadata, so that
    a stream of thousands says which one to fix."""
    where = f"item {position} of the stream"
    try:
        exc.item_position = position  # type: ignore[attr-defined]
    except AttributeError:
        pass  # an exception type without a __dict__ keeps the note only
    if where in str(exc):
        return  # "item 4 of the stream is a str: ..." says it already
    if metadata is not None:
        shown = repr(metadata)
        where += f", metadata {shown if len(shown) <= 200 else shown[:199] + '…'}"
    exc.add_note(f"in {where} (counting from 0)")


def _name_hint(component: Any) -> str:
    """A name to suggest for a component given without one: its own `name`, else its
    class's in lower case."""
    name = getattr(component, "name", None)
    return name if isinstance(name, str) else type(component).__name__.lower()


def _pair(item: Any, position: int) -> tuple[Any, Any]:
    """A `(text, metadata)` item of `pipe(..., as_tuples=True)`, checked."""
    if not isinstance(item, tuple | list) or len(item) != 2:
        raise TypeError(
            f"item {position} of the stream is a {type(item).__name__}: with as_tuples=True "
            "each item is a (text, metadata) pair"
        )
    return item[0], item[1]


class Analyzer:
    """Runs named components, in order, over documents.

    >>> analyzer = Analyzer()                        # the default components
    >>> analysis = analyzer.analyze("Title\\n\\nBody text ...")
    """

    def __init__(
        self,
        components: Sequence[str] = DEFAULT_COMPONENTS,
        *,
        settings: dict[str, dict[str, Any]] | None = None,
        disable: Sequence[str] = (),
    ) -> None:
        """`components`: the names of the layers to run, in order (`DEFAULT_COMPONENTS`:
        techniques, figures, attributions, claims, headline, actors, double_standards; see
        `registered_components()`). `settings`: keyword arguments for a component's
        factory, by name (`{"techniques": {"threshold": 0.2}}`). `disable`: names left
        out of `components`. Raises `UnknownComponentError` for a name no component has.
        """
        for argument, names in (("components", components), ("disable", disable)):
            if isinstance(names, str):
                raise TypeError(
                    f"{argument} takes a list of names, not one string: write "
                    f"{argument}=[{names!r}]"
                )
            if not isinstance(names, Iterable):
                raise TypeError(
                    f"{argument} takes a list of component names, not "
                    f"{type(names).__name__}; leave it out for the default "
                    f"{list(DEFAULT_COMPONENTS) if argument == 'components' else []}"
                )
        if settings is not None and not isinstance(settings, Mapping):
            raise TypeError(
                f"settings takes a dict of each component's settings by its name, not "
                f"{type(settings).__name__}: settings={{'techniques': {{'threshold': 0.2}}}}"
            )
        # Read once: a generator of names was used up by the checks below, and the
        # analyzer then had no layer at all.
        components, disable = list(components), list(disable)
        twice = sorted({name for name in components if list(components).count(name) > 1})
        if twice:
            raise PropscopeError(
                f"components names {twice} more than once; each layer runs once: list it once."
            )
        settings = settings or {}
        not_there = [name for name in disable if name not in components]
        if not_there:
            raise UnknownComponentError(
                f"disable names {not_there}, which are not in the pipeline {list(components)}."
            )
        unknown = set(settings) - set(components)
        if unknown:
            raise PropscopeError(
                f"Settings given for {sorted(unknown)}, which are not in the pipeline "
                f"{list(components)}."
            )
        for name, options in settings.items():
            if not isinstance(options, Mapping):
                raise TypeError(
                    f"settings[{name!r}] is a {type(options).__name__}: give each component's "
                    f"settings as a dict of its options, e.g. {{{name!r}: {{...}}}}; "
                    "`propscope.registered_components()` lists the components"
                )
        self._components: list[tuple[str, Component]] = [
            (name, _build(name, settings.get(name, {})))
            for name in components
            if name not in disable
        ]

    @classmethod
    def from_components(cls, components: Iterable[tuple[str, Component]]) -> Analyzer:
        """An analyzer over components built elsewhere (tests, custom pipelines)."""
        pairs = list(components)
        for k, pair in enumerate(pairs):
            if not (isinstance(pair, tuple | list) and len(pair) == 2 and isinstance(pair[0], str)):
                raise TypeError(
                    f"from_components takes (name, component) pairs; item {k} is "
                    f"{type(pair).__name__}: write [({_name_hint(pair)!r}, component), ...]"
                )
            if not callable(pair[1]):
                raise ComponentError(
                    f"Component {pair[0]!r} is a {type(pair[1]).__name__}, not a callable "
                    "taking (docs, analyses)."
                )
        names = [name for name, _ in pairs]
        twice = sorted({name for name in names if names.count(name) > 1})
        if twice:
            raise PropscopeError(
                f"from_components names {twice} more than once; give each component its own name."
            )
        analyzer = cls.__new__(cls)
        analyzer._components = [(name, component) for name, component in pairs]
        return analyzer

    @property
    def component_names(self) -> list[str]:
        """The names of the components, in the order they run."""
        return [name for name, _ in self._components]

    def get(self, name: str) -> Component:
        """The component called `name` ("techniques", "figures", ...); raises
        `UnknownComponentError` naming the ones this analyzer has."""
        for component_name, component in self._components:
            if component_name == name:
                return component
        raise UnknownComponentError(
            f"No component {name!r} in this analyzer; it has {self.component_names}."
        )

    def classify(self, text: str, spans: Sequence[tuple[int, int]]) -> list[ClassifiedSpan]:
        """The technique of passages you chose, each `text[start:end]`, by this
        analyzer's technique layer (its model and settings): `propscope.classify` with
        a model of your own. Raises `UnknownComponentError` where the analyzer has no
        technique layer."""
        if not isinstance(text, str):
            raise TypeError(f"text must be str, got {type(text).__name__}")
        tagger = self.get("techniques")
        classify = getattr(tagger, "classify", None)
        if not callable(classify):
            raise ComponentError(
                f"This analyzer's 'techniques' layer ({type(tagger).__name__}) cannot "
                "classify given passages."
            )
        return classify(text, spans)  # type: ignore[no-any-return]

    def describe(self) -> dict[str, Any]:
        """Name and version of each component's model, for the Analysis."""
        out: dict[str, Any] = {}
        for name, component in self._components:
            info = getattr(component, "model_info", None)
            out[name] = info() if callable(info) else {}
        return out

    # -- running ---------------------------------------------------------------------

    def __call__(self, doc: Document | str) -> Analysis:
        """Analyze one document; a plain string is read as `analyze(text)` reads it."""
        if isinstance(doc, str):
            return self.analyze(doc)
        if not isinstance(doc, Document):
            raise TypeError(
                f"Analyzer() takes a Document or a str, not {type(doc).__name__}; "
                "for many texts use analyzer.pipe(...)"
            )
        return self._run_batch([doc])[0]

    def analyze(
        self,
        text: str | Document,
        *,
        title: str | None = None,
        id: str | None = None,
        metadata: dict[str, Any] | None = None,
    ) -> Analysis:
        """Analyze one text (`Document.from_text` reads it: the title, the id, line
        endings), or one `Document` as it is. Offsets in the result index
        `analysis.document.text`. Raises `EmptyTextError` for a text with nothing to
        analyze, `TypeError` for a text that is not a str or a Document, or a Document
        given with a title, id or metadata (they are the Document's own)."""
        if isinstance(text, Document):
            given = [n for n, v in (("title", title), ("id", id), ("metadata", metadata)) if v]
            if given:
                raise TypeError(
                    f"analyze() takes {', '.join(given)} for a text only; a Document has its "
                    "own: build it with Document.from_text(body, title=..., id=...)."
                )
            return self(text)
        return self(Document.from_text(text, title=title, id=id, metadata=metadata))

    def _run_batch(self, docs: Sequence[Document]) -> list[Analysis]:
        # What spaCy adds to its vocabulary while the batch is parsed is freed after it:
        # a stream of a million articles must not grow the process with every new name.
        with transient_parses():
            return self._run_components(docs)

    def _run_components(self, docs: Sequence[Document]) -> list[Analysis]:
        analyses = [Analysis(document=doc) for doc in docs]
        # A component may start work in the background before the first one runs (the
        # attributions layer parses the batch while the technique layer reads it).
        for name, component in self._components:
            prepare = getattr(component, "prepare", None)
            if callable(prepare):
                try:
                    prepare(docs)
                except Exception as exc:
                    exc.add_note(f"{COMPONENT_NOTE}{name}")
                    raise
        for name, component in self._components:
            try:
                component(docs, analyses)
            except Exception as exc:
                # Tracebacks then name the component; batch runs read it as the error's stage.
                exc.add_note(f"{COMPONENT_NOTE}{name}")
                raise
            for doc, analysis in zip(docs, analyses, strict=True):
                if not isinstance(analysis, Analysis) or analysis.document is not doc:
                    raise ComponentError(
                        f"Component {name!r} replaced the analysis or its document; a "
                        "component must add its layer to the analysis it is given."
                    )
                if not type(component).__module__.startswith("propscope."):
                    # A plugin's numpy number in the summary failed only in to_json,
                    # wherever the caller wrote the result, naming no one.
                    try:
                        analysis.summary = _json_safe(analysis.summary, "summary")
                    except TypeError as exc:
                        raise ComponentError(
                            f"Component {name!r} put into analysis.summary what JSON cannot "
                            f"hold: {str(exc).split(';')[0]}; give str, numbers, bools, "
                            "None, lists and dicts."
                        ) from exc
        model = self.describe()
        for analysis in analyses:
            analysis.model = {"name": "propscope", "components": model}
            # A robot check or a page of advertisement slots is no article: say so first.
            note = furniture_note(analysis.document.text)
            if note is not None:
                analysis.notes.insert(0, note)
        return analyses

    @overload
    def pipe(
        self,
        items: Iterable[Document | str],
        *,
        as_tuples: Literal[False] = False,
        batch_size: int = 8,
        error_handler: ErrorHandler = raise_error,
    ) -> Iterator[Analysis]: ...

    @overload
    def pipe(
        self,
        items: Iterable[tuple[str | Document, M]],
        *,
        as_tuples: Literal[True],
        batch_size: int = 8,
        error_handler: ErrorHandler = raise_error,
    ) -> Iterator[tuple[Analysis, M]]: ...

    @overload
    def pipe(
        self,
        items: Iterable[Document | str | tuple[str | Document, Any]],
        *,
        as_tuples: bool,
        batch_size: int = 8,
        error_handler: ErrorHandler = raise_error,
    ) -> Iterator[Analysis] | Iterator[tuple[Analysis, Any]]: ...

    def pipe(
        self,
        items: Iterable[Document | str | tuple[str | Document, Any]],
        *,
        as_tuples: bool = False,
        batch_size: int = 8,
        error_handler: ErrorHandler = raise_error,
    ) -> Iterator[Analysis] | Iterator[tuple[Analysis, Any]]:
        """Analyze a stream of documents (or texts), in order, a batch at a time.

        With `as_tuples=True`, items are `(text or Document, metadata)` pairs and the
        results are `(Analysis, metadata)` pairs, with the metadata handed back untouched.
        `error_handler(exc, doc, metadata)` is called for a document that fails; the
        default raises, a handler that returns lets the stream go on without it. The
        exception's `item_position` is the item's place in the stream, counting from 0
        (`doc` is None where the item was refused before it became a Document).
        `batch_size` documents are read together (the first result waits for them).
        Raises `ValueError` here, before the stream is read, for a `batch_size` that is
        not a whole number from 1.
        """
        if isinstance(items, str | bytes | Document) or not isinstance(items, Iterable):
            raise TypeError(
                f"pipe() takes an iterable of documents, got one {type(items).__name__}: "
                "give a list, [text], or use analyze(text) for one article."
            )
        if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
            raise ValueError(
                f"batch_size is how many documents are analyzed together, a whole number "
                f"from 1; got {batch_size!r}"
            )
        return self._pipe(items, as_tuples, batch_size, error_handler)  # type: ignore[return-value]

    def _pipe(
        self,
        items: Iterable[Document | str | tuple[str | Document, Any]],
        as_tuples: bool,
        batch_size: int,
        error_handler: ErrorHandler,
    ) -> Iterator[Analysis | tuple[Analysis, Any]]:
        batch: list[tuple[Document, Any, int]] = []
        stream = enumerate(items)
        while True:
            try:
                position, item = next(stream)
            except StopIteration:
                break
            except Exception:
                # The stream itself failed (a file share gone, a generator's error): the
                # documents read before it come out first, then the error goes on.
                if batch:
                    yield from self._pipe_batch(batch, as_tuples, error_handler)
                raise
            metadata = None
            try:
                if as_tuples:
                    item, metadata = _pair(item, position)
                elif (
                    isinstance(item, tuple)
                    and len(item) == 2
                    and isinstance(item[0], str | Document)
                ):
                    raise TypeError(
                        f"item {position} of the stream is a (text, metadata) pair: pass "
                        "as_tuples=True to pipe() to analyze the text and get the metadata "
                        "back beside its Analysis"
                    )
                doc = item if isinstance(item, Document) else Document.from_text(item)  # type: ignore[arg-type]
            except (PropscopeError, TypeError) as exc:  # a text that is empty, or not a text
                # The items read before it come out first: a handler that raises (the
                # default) lost them with the batch they waited in.
                if batch:
                    yield from self._pipe_batch(batch, as_tuples, error_handler)
                    batch = []
                _name_item(exc, position, metadata)
                error_handler(exc, None, metadata)
                continue
            batch.append((doc, metadata, position))
            if len(batch) >= batch_size:
                yield from self._pipe_batch(batch, as_tuples, error_handler)
                batch = []
        if batch:
            yield from self._pipe_batch(batch, as_tuples, error_handler)

    def _pipe_batch(
        self,
        batch: list[tuple[Document, Any, int]],
        as_tuples: bool,
        error_handler: ErrorHandler,
    ) -> Iterator[Analysis | tuple[Analysis, Any]]:
        try:
            analyses = self._run_batch([doc for doc, _, _ in batch])
        except Exception:
            # One bad document must not sink the others: retry one at a time.
            analyses = None
        if analyses is None:
            for doc, metadata, position in batch:
                try:
                    result = self._run_batch([doc])[0]
                except Exception as exc:
                    _name_item(exc, position, metadata)
                    error_handler(exc, doc, metadata)
                    continue
                yield (result, metadata) if as_tuples else result
            return
        for analysis, (_, metadata, _) in zip(analyses, batch, strict=True):
            yield (analysis, metadata) if as_tuples else analysis
