"""The web service's settings, and where it keeps its analyses by default."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from propscope.io.fetch import DEFAULT_MAX_BYTES, DEFAULT_MAX_REDIRECTS, DEFAULT_TIMEOUT

__all__ = ["DEFAULT_MAX_CHARS", "WebSettings", "default_db_path"]

DEFAULT_MAX_CHARS = 200_000
DB_NAME = "analyses.db"


@dataclass(frozen=True, slots=True, kw_only=True)
class WebSettings:
    """What the service accepts and how it fetches URLs.

    `max_chars` bounds an article's text (title included), pasted or fetched; a longer
    one is refused with HTTP 413. `allow_private_addresses=None` reads the environment
    variable PROPSCOPE_ALLOW_PRIVATE_ADDRESSES (see `propscope.io.fetch`).
    """

    max_chars: int = DEFAULT_MAX_CHARS
    allow_private_addresses: bool | None = None
    fetch_timeout: float = DEFAULT_TIMEOUT
    fetch_max_bytes: int = DEFAULT_MAX_BYTES
    max_redirects: int = DEFAULT_MAX_REDIRECTS

    def __post_init__(self) -> None:
        if self.max_chars < 1:
            raise ValueError(f"max_chars must be at least 1, got {self.max_chars}")

    @property
    def max_body_bytes(self) -> int:
        """The largest request body read: room for `max_chars` characters even when
        every one is written as a JSON escape pair (12 bytes), and for a saved page as
        large as a fetched one may be (`fetch_max_bytes`) with every byte escaped as a
        quotation mark or line break is (2 bytes), plus the JSON around either."""
        return max(12 * self.max_chars, 2 * self.fetch_max_bytes) + 65_536


def default_db_path() -> Path:
    """The store's file when `--db` is not given: in the user's data folder, so that
    analyses survive a restart whichever folder the service is started from.

    Linux and others: $XDG_DATA_HOME/propscope/analyses.db (~/.local/share/...);
    macOS: ~/Library/Application Support/propscope/; Windows: %LOCALAPPDATA%\\propscope\\.
    """
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return base / "propscope" / DB_NAME
