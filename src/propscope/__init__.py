"""propscope: shows what a news article does to its reader.

>>> import propscope
>>> analysis = propscope.analyze("Headline\\n\\nThe body of the article ...")
>>> [(s.technique, s.text) for s in analysis.techniques]
"""

import threading as _threading
from collections.abc import Sequence as _Sequence
from typing import Any as _Any

from propscope.analysis import (
    Actor,
    ActorLabel,
    Analysis,
    AttributedSpan,
    Attribution,
    Claim,
    ClassifiedSpan,
    Figure,
    FigureConflict,
    Headline,
    TechniqueSpan,
    UpdateLine,
)
from propscope.document import Document
from propscope.errors import (
    ComponentError,
    DecodeError,
    EmptyTextError,
    InputError,
    MissingDependencyError,
    ModelError,
    NoInputsError,
    PropscopeError,
)
from propscope.pipeline import (
    Analyzer,
    component_settings,
    register_component,
    registered_components,
)
from propscope.techniques import TECHNIQUE_NAMES, TECHNIQUES, Technique

__version__ = "0.1.0"

__all__ = [
    "TECHNIQUES",
    "TECHNIQUE_NAMES",
    "Actor",
    "ActorLabel",
    "Analysis",
    "Analyzer",
    "AttributedSpan",
    "Attribution",
    "Claim",
    "ClassifiedSpan",
    "ComponentError",
    "DecodeError",
    "Document",
    "EmptyTextError",
    "Figure",
    "FigureConflict",
    "Headline",
    "InputError",
    "MissingDependencyError",
    "ModelError",
    "NoInputsError",
    "PropscopeError",
    "Technique",
    "TechniqueSpan",
    "UpdateLine",
    "__version__",
    "analyze",
    "classify",
    "component_settings",
    "default_analyzer",
    "register_component",
    "registered_components",
]


_default: list[Analyzer] = []
_default_lock = _threading.Lock()


def default_analyzer() -> Analyzer:
    """The analyzer with the default components, built once per process (threads that
    ask at once wait for the first, rather than each loading the models)."""
    if not _default:
        with _default_lock:
            if not _default:
                _default.append(Analyzer())
                # The technique layer alone that an earlier `classify` built is the
                # default's now: a second copy of the model was kept for the process.
                _techniques_only.clear()
    return _default[0]


def analyze(
    text: str | Document,
    *,
    title: str | None = None,
    id: str | None = None,
    metadata: dict[str, _Any] | None = None,
) -> Analysis:
    """Analyze one article with the default analyzer.

    `title` is optional; without it, a first line followed by an empty line is taken
    as the title (the PTC convention). `metadata` (an outlet, a date, your own keys) is
    kept in `analysis.document.metadata`, as `Analyzer.analyze` keeps it. A `Document`
    is analyzed as it is.
    """
    return default_analyzer().analyze(text, title=title, id=id, metadata=metadata)


def classify(text: str, spans: _Sequence[tuple[int, int]]) -> list[ClassifiedSpan]:
    """The technique of passages you chose, each `text[start:end]`, with every technique
    ranked by probability (the shared task's TC). The default analyzer's technique
    model reads the whole text for context.

    >>> text = "Title\\n\\nThe traitors lied."
    >>> [c.technique for c in propscope.classify(text, [(11, 19)])]

    The offsets index `text` as given. For spans taken from an analysis, pass
    `analysis.document.text`, which its offsets index: it differs from the text analyzed
    where that had "\\r\\n" line endings or a `title=`.
    """
    return _technique_analyzer().classify(text, spans)


_techniques_only: list[Analyzer] = []


def _technique_analyzer() -> Analyzer:
    """The default analyzer where it is built already, else one of the technique layer
    alone: `classify` needs no parse, so it does not load spaCy and five other layers."""
    if _default:
        return _default[0]
    with _default_lock:
        if not _techniques_only:
            _techniques_only.append(Analyzer(["techniques"]))
    return _techniques_only[0]
