"""Every error propscope raises on purpose.

Each message says what was received, what was expected and how to fix it. The CLI turns
any `PropscopeError` into one line on stderr and a non-zero exit.
"""

from __future__ import annotations

import sys

__all__ = [
    "ComponentError",
    "DecodeError",
    "EmptyTextError",
    "FetchError",
    "FetchTimeoutError",
    "InputError",
    "MissingDependencyError",
    "ModelError",
    "NoInputsError",
    "PropscopeError",
    "ScoringFormatError",
    "SettingError",
    "SpanError",
    "UnknownComponentError",
    "UnknownTechniqueError",
    "UrlRefusedError",
]


class PropscopeError(Exception):
    """Base class of propscope's errors."""


class InputError(PropscopeError, ValueError):
    """An input could not be read as an article."""


class EmptyTextError(InputError):
    """The input holds no text to analyze."""


class DecodeError(InputError):
    """The input's bytes are not UTF-8 text."""


class NoInputsError(InputError):
    """A path or folder held nothing that propscope can read."""


class SpanError(InputError):
    """A span given by the caller is not a passage of the text it was given with."""


class FetchError(PropscopeError):
    """A URL could not be fetched, or the page held no article."""


class UrlRefusedError(FetchError):
    """A URL was refused before anything was sent: its scheme, or an address it resolves
    to, is not allowed."""


class FetchTimeoutError(FetchError):
    """Fetching a URL took longer than allowed."""


class ModelError(PropscopeError):
    """A model is missing, damaged or does not match the code."""


class ComponentError(PropscopeError):
    """A pipeline component broke its contract."""


class SettingError(PropscopeError, ValueError):
    """A component's setting is of the wrong kind or out of range."""


class UnknownComponentError(PropscopeError, KeyError):
    """No component is registered under the requested name."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class UnknownTechniqueError(PropscopeError, KeyError, ValueError):
    """A technique name is not one of the 14 PTC techniques."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class MissingDependencyError(PropscopeError, ImportError):
    """An optional dependency is needed for this feature."""


class ScoringFormatError(PropscopeError, ValueError):
    """A prediction or gold file is not in the shared task's format."""


def missing_dependency(package: str, *, feature: str, extra: str) -> MissingDependencyError:
    """Build the error for a missing optional package, naming the install command. Raised
    in the `except ImportError` that caught it, it tells a package that is not installed
    from one that is but fails to import (one of its own dependencies is missing)."""
    install = f"pip install 'propscope[{extra}]' (from a checkout: pip install -e '.[{extra}]')"
    caught = sys.exc_info()[1]
    top = package.split(".")[0]
    if isinstance(caught, ImportError) and caught.name not in (None, package, top):
        return MissingDependencyError(
            f"{feature} needs the package {package!r}, which is installed but cannot be "
            f"imported: {caught}. Install the extra again to bring what it needs: {install}"
        )
    return MissingDependencyError(
        f"{feature} needs the package {package!r}, which is not installed. "
        f"Install it with: {install}"
    )
