"""The article as propscope reads it.

`Document.text` is the one string every offset points into. When an article has a
title, the text is the title, an empty line, and the body (the PTC convention), so a
PTC article file and a `Document` built from its title and body have the same text
and the same offsets.
"""

from __future__ import annotations

import datetime
import decimal
import hashlib
import math
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from propscope.errors import EmptyTextError, InputError

__all__ = ["LONG_TITLE_WORDS", "Document", "find_passage", "is_lede", "split_title"]


# A title line of more words is a lede or a caption taken for the title (an article saved
# without its headline): the headline layer judges no stance against it, and views show
# only its start as the heading.
LONG_TITLE_WORDS = 30


def is_lede(title: str | None) -> bool:
    """Whether a title line is too long to be a headline (`LONG_TITLE_WORDS`)."""
    return title is not None and len(title.split()) > LONG_TITLE_WORDS


def split_title(text: str) -> tuple[str | None, str]:
    """Apply the PTC reading rule: the first line is the title when an empty line follows it.

    Returns (title or None, body). Offsets of the body are not kept here; `Document`
    keeps the whole text. A text of one line, with or without a newline at its end, is a body
    without a title: no empty line follows it.
    """
    lines = text.split("\n", 2)
    if len(lines) >= 3 and lines[1].strip() == "" and lines[0].strip():
        return lines[0].strip(), lines[2]
    return None, text


@dataclass(frozen=True, slots=True)
class Document:
    """An article: its id, title, body and the text that offsets point into."""

    text: str
    id: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # The title is the text's first line, which `body_start` skips: a Document built
        # with a body and a separate title lost the body's first paragraph to it, and
        # its title was never read (review, session 38).
        if self.title and (
            not isinstance(self.text, str) or self.text.split("\n", 1)[0].strip() != self.title
        ):
            raise InputError(
                f"Document.text must open with its title on the first line ({self.title!r}); "
                "to analyze a body with a separate title, build the document with "
                "Document.from_text(body, title=title)."
            )

    @classmethod
    def from_text(
        cls,
        text: str,
        *,
        title: str | None = None,
        id: str | None = None,
        source: str | None = None,
        url: str | None = None,
        published: str | None = None,
        metadata: dict[str, Any] | None = None,
        origin: str = "the text",
    ) -> Document:
        """Build a document from raw text.

        With `title`, the text becomes "title\\n\\nbody". Without it, the PTC rule
        decides: a first line followed by an empty line is the title. Line endings
        become "\\n" ("\\r\\n" and a lone "\\r" too) and a leading byte-order mark is
        dropped, so offsets into an analysis index `Document.text`, which may differ
        from the text passed in.
        Raises `EmptyTextError` when there is nothing to analyze, `InputError` for a
        text or field holding an unpaired surrogate (`"\\ud800"`: half of a character,
        which no output can encode), `TypeError` for a text, title or field that is not
        a str (an int id is taken as its digits) and for metadata JSON cannot hold.
        In `metadata`, NaN and infinities become None (JSON has no such numbers, and
        outputs that wrote them as `NaN` would not parse as JSON), dates and times
        their ISO 8601 text, and tuples lists.
        """
        if not isinstance(text, str):
            raise TypeError(f"text must be str, got {type(text).__name__}")
        if isinstance(id, int) and not isinstance(id, bool):
            id = str(id)
        fields = {"title": title, "id": id, "source": source, "url": url, "published": published}
        for name, value in fields.items():
            if value is not None and not isinstance(value, str):
                raise TypeError(f"{name} must be str or None, got {type(value).__name__}")
        if metadata is not None and not isinstance(metadata, Mapping):
            raise TypeError(f"metadata must be a dict or None, got {type(metadata).__name__}")
        for name, value in {"text": text, **fields}.items():
            if isinstance(value, str):
                refuse_surrogates(value, name)
        text = text.replace("\r\n", "\n").replace("\r", "\n").removeprefix(BOM)
        if title is not None:
            title = " ".join(title.removeprefix(BOM).split())
            body = text.lstrip("\n")
            full = f"{title}\n\n{body}" if title else body
        else:
            full = text
        if not full.strip():
            raise EmptyTextError(
                f"{origin} is empty or holds only whitespace: there is nothing to analyze. "
                "Pass an article with some text in it."
            )
        if not any(c.isalnum() for c in full):
            raise EmptyTextError(
                f"{origin} holds no letter or digit (only punctuation, symbols or control "
                "characters): there is nothing to analyze. Pass an article with some text "
                "in it."
            )
        if title is None:
            title, _ = split_title(full)
        doc_id = id if id else content_id(full)
        return cls(
            text=full,
            id=doc_id,
            title=title or None,
            source=source,
            url=url,
            published=published,
            metadata=_json_safe(dict(metadata or {}), "metadata"),
        )

    @property
    def body_start(self) -> int:
        """Offset of the body in `text` (0 when there is no title)."""
        if not self.title:
            return 0
        first_break = self.text.find("\n")
        if first_break < 0:
            return len(self.text)
        second = self.text.find("\n", first_break + 1)
        return len(self.text) if second < 0 else second + 1

    @property
    def body(self) -> str:
        return self.text[self.body_start :]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "text": self.text,
            "source": self.source,
            "url": self.url,
            "published": self.published,
        }
        if self.metadata:
            out["metadata"] = dict(self.metadata)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        """A document back from `to_dict()`."""
        for key in ("text", "id"):
            if not isinstance(data.get(key), str):
                raise ValueError(
                    f"document.{key} must be a str, got {type(data.get(key)).__name__}: "
                    "a record from to_dict() has the document's text and id"
                )
        return cls(
            text=data["text"],
            id=data["id"],
            title=data.get("title"),
            source=data.get("source"),
            url=data.get("url"),
            published=data.get("published"),
            metadata=dict(data.get("metadata") or {}),
        )


def content_id(text: str) -> str:
    """A stable id for a text that came without one."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# Characters a passage copied from a terminal, a browser or an editor may have traded for
# others: any run of whitespace (a non-breaking space, a line break) for any other, and
# straight quotation marks for curly ones and back.
_QUOTES = {'"': '"“”„', "'": "'‘’‚"}
_QUOTE_OF = {c: key for key, group in _QUOTES.items() for c in group}


def find_passage(text: str, passage: str) -> tuple[int, int] | None:
    """[start, end) of the first occurrence of `passage` in `text`, or None.

    An exact match wins, the first that is not inside a word before any other ("he" is
    found as the word, not in "The"); otherwise whitespace runs match any whitespace run
    and quotation marks match straight or curly ones, so a passage copied from a rendered
    page (where a non-breaking space looks like a space) is still found. Leading and
    trailing whitespace of `passage` is ignored in that second search.
    """
    if not passage.strip():
        return None
    start = text.find(passage)
    if start >= 0:
        whole = _as_words(passage).search(text)
        if whole:  # the same as `start` when the passage begins and ends with no word
            return whole.start(), whole.end()
        return start, start + len(passage)
    parts: list[str] = []
    for piece in re.split(r"(\s+)", passage.strip()):
        if not piece:
            continue
        if piece.isspace():
            parts.append(r"\s+")
            continue
        for c in piece:
            key = _QUOTE_OF.get(c)
            parts.append("[" + re.escape(_QUOTES[key]) + "]" if key else re.escape(c))
    found = re.search("".join(parts), text)
    return (found.start(), found.end()) if found else None


def count_passage(text: str, passage: str) -> int:
    """How often `passage` occurs in `text`, as words where it begins or ends with one
    (as `find_passage` looks for it first), else anywhere."""
    return len(_as_words(passage).findall(text)) or text.count(passage)


def _as_words(passage: str) -> re.Pattern[str]:
    before = r"(?<!\w)" if re.match(r"\w", passage) else ""
    after = r"(?!\w)" if re.search(r"\w$", passage) else ""
    return re.compile(before + re.escape(passage) + after)


def _json_safe(value: Any, where: str) -> Any:
    """`value` as JSON holds it, however deep: NaN and infinities as None, dates and
    times as their ISO 8601 text, tuples as lists, decimals and numpy scalars as numbers,
    durations and UUIDs as text, bytes decoded. Raises `TypeError` naming `where` for
    anything else that is not a str, number, bool, None, list or dict with str keys (int
    keys become their digits, as JSON writes them)."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if value is None or isinstance(value, str | int | float):  # bool is an int
        if isinstance(value, str):
            refuse_surrogates(value, where)
        return value
    if isinstance(value, datetime.date | datetime.time):  # a datetime is a date
        return value.isoformat()
    if isinstance(value, decimal.Decimal):  # a Parquet decimal column
        return _json_safe(float(value), where)
    if isinstance(value, datetime.timedelta | uuid.UUID):
        return str(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    if hasattr(value, "dtype") and hasattr(value, "tolist"):
        return _json_safe(value.tolist(), where)  # numpy: np.int64(5) is 5, arrays lists
    if isinstance(value, Mapping):
        out: dict[str, Any] = {}
        for key, item in value.items():
            if isinstance(key, int) and not isinstance(key, bool):
                key = str(key)  # as JSON writes it
            if isinstance(key, str):
                refuse_surrogates(key, f"{where} key")
            if not isinstance(key, str):
                raise TypeError(
                    f"{where} has the key {key!r}, a {type(key).__name__}: JSON keys are text; "
                    "give the metadata str keys"
                )
            out[key] = _json_safe(item, f"{where}[{key!r}]")
        return out
    if isinstance(value, list | tuple):
        return [_json_safe(item, f"{where}[{n}]") for n, item in enumerate(value)]
    raise TypeError(
        f"{where} is a {type(value).__name__}, which JSON cannot hold; give metadata as str, "
        "numbers, bools, None, lists and dicts (a date as its ISO text)"
    )


BOM = "\ufeff"
_SURROGATE = re.compile("[\ud800-\udfff]")


def refuse_surrogates(text: str, name: str = "text") -> None:
    """Raise `InputError` when `text` holds an unpaired surrogate, naming the field (the
    input is named by whoever reports the error) and the fix."""
    found = _SURROGATE.search(text)
    if found:
        raise InputError(
            f"the {name} holds an unpaired surrogate (U+{ord(found.group()):04X} at "
            f"character {found.start()}), half of a character that no output can encode; "
            "it comes from text cut inside an emoji or from a \\ud800-style escape. Fix "
            "the text, or replace the half: text.encode('utf-8', 'replace').decode()."
        )
