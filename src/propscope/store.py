"""The analysis store: analyses kept in one SQLite file.

The web service keeps every analysis it makes here (a permanent link is the row's id),
and batch runs can write here instead of, or beside, JSONL and Parquet. Each row holds
the whole Analysis as JSON plus the columns people search and chart by.

>>> store = Store("analyses.db")
>>> stored = store.add(analysis, metadata={"outlet": "Example Times"})
>>> store.get(stored.id).analysis.document.title
>>> [row.title for row in store.search("harbour")]

One `Store` may be shared between threads: every call opens its own short-lived
connection, and SQLite's write-ahead log lets readers and one writer work at once.
Writers wait up to `timeout` seconds for the lock instead of failing.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from propscope.analysis import Analysis
from propscope.errors import PropscopeError

__all__ = ["Failure", "StorageError", "Store", "StoredAnalysis", "StoredSummary"]

# Kept in the file's `PRAGMA user_version`: a store of a later version is refused.
SCHEMA_VERSION = 1
SCHEMA = """
CREATE TABLE IF NOT EXISTS analyses (
    id TEXT PRIMARY KEY,
    key TEXT,
    created TEXT NOT NULL,
    title TEXT,
    source TEXT,
    url TEXT,
    published TEXT,
    spans INTEGER NOT NULL DEFAULT 0,
    covered_share REAL NOT NULL DEFAULT 0,
    metadata TEXT NOT NULL DEFAULT '{}',
    analysis TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS analyses_key ON analyses(key) WHERE key IS NOT NULL;
CREATE INDEX IF NOT EXISTS analyses_created ON analyses(created);
CREATE TABLE IF NOT EXISTS failures (
    key TEXT PRIMARY KEY,
    created TEXT NOT NULL,
    stage TEXT NOT NULL,
    message TEXT NOT NULL,
    metadata TEXT NOT NULL DEFAULT '{}'
);
"""


class StorageError(PropscopeError):
    """The store's file cannot be opened or written."""


@dataclass(frozen=True, slots=True)
class StoredSummary:
    """One row of a listing: enough to show and link it, without the whole analysis."""

    id: str
    key: str | None
    created: str
    title: str | None
    source: str | None
    url: str | None
    published: str | None
    spans: int
    covered_share: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "key": self.key,
            "created": self.created,
            "title": self.title,
            "source": self.source,
            "url": self.url,
            "published": self.published,
            "spans": self.spans,
            "covered_share": self.covered_share,
        }


@dataclass(frozen=True, slots=True)
class StoredAnalysis:
    """An analysis as stored: its id, when it was made, and its metadata."""

    id: str
    key: str | None
    created: str
    analysis: Analysis
    metadata: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "key": self.key,
            "created": self.created,
            "metadata": dict(self.metadata),
            "analysis": self.analysis.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class Failure:
    """A document that could not be analyzed: which one, at what stage, and why."""

    key: str
    stage: str
    message: str
    created: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def new_id() -> str:
    """A short, unguessable id for a permanent link."""
    return secrets.token_urlsafe(9)


class Store:
    """Analyses in one SQLite file, created on first use."""

    def __init__(self, path: str | Path, *, timeout: float = 30.0) -> None:
        self.path = Path(path)
        self.timeout = timeout
        if self.path.is_dir():
            raise StorageError(
                f"{self.path} is a folder; give the store a file path such as "
                f"{self.path / 'analyses.db'}"
            )
        if not self.path.parent.exists():
            raise StorageError(
                f"the folder {self.path.parent} does not exist; create it or choose "
                "another path for the store"
            )
        with self._connect() as db:
            self._check_schema(db)
            db.executescript(SCHEMA)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _check_schema(self, db: sqlite3.Connection) -> None:
        """Refuse an SQLite file of something else (its tables would get propscope's
        added) or a store written by a newer propscope."""
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if tables and not tables & {"analyses", "failures"}:
            shown = ", ".join(sorted(tables)[:3]) + (", ..." if len(tables) > 3 else "")
            raise StorageError(
                f"{self.path} is an SQLite database of something else (tables: {shown}), not "
                "a propscope store; give the store its own file"
            )
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StorageError(
                f"the store {self.path} was written by a newer propscope (store version "
                f"{version}; this one reads up to {SCHEMA_VERSION}); upgrade propscope or "
                "choose another path"
            )

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        try:
            db = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
        except sqlite3.Error as exc:
            raise StorageError(f"cannot open the store {self.path}: {exc}") from exc
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            yield db
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.IntegrityError):
                raise
            raise StorageError(
                f"the store {self.path} could not be used: {exc}. If it is not a "
                "propscope store, choose another path"
            ) from exc
        finally:
            db.close()

    def any_analysis(self) -> dict[str, Any] | None:
        """One stored analysis as its dict (the first stored), None for an empty store:
        enough to tell which layers the store's analyses were made with."""
        with self._connect() as db:
            row = db.execute("SELECT analysis FROM analyses ORDER BY rowid LIMIT 1").fetchone()
        if row is None:
            return None
        try:
            found = json.loads(row[0])
        except ValueError:
            return None
        return found if isinstance(found, dict) else None

    # -- writing -------------------------------------------------------------------

    def add(
        self,
        analysis: Analysis,
        *,
        key: str | None = None,
        metadata: dict[str, Any] | None = None,
        id: str | None = None,
    ) -> StoredAnalysis:
        """Store one analysis and return it with its new id.

        `key` names the document for resumable runs (its id or a content hash); adding
        a second analysis under a key that is already stored replaces the first.
        """
        return self.add_many([(analysis, key, metadata)], ids=[id] if id else None)[0]

    def add_many(
        self,
        rows: Iterable[tuple[Analysis, str | None, dict[str, Any] | None]],
        *,
        ids: list[str] | None = None,
    ) -> list[StoredAnalysis]:
        """Store several analyses in one transaction: all of them or none."""
        stored: list[StoredAnalysis] = []
        records = []
        for i, (analysis, key, metadata) in enumerate(rows):
            row_id = ids[i] if ids and ids[i] else new_id()
            created = _now()
            meta = dict(metadata or {})
            doc = analysis.document
            summary = analysis.summary or {}
            records.append(
                (
                    row_id,
                    key,
                    created,
                    doc.title,
                    doc.source or _str_or_none(meta.get("source")),
                    doc.url or _str_or_none(meta.get("url")),
                    doc.published or _str_or_none(meta.get("published")),
                    int(summary.get("spans", len(analysis.techniques or []))),
                    float(summary.get("covered_share", 0.0)),
                    json.dumps(meta, ensure_ascii=False, default=str),
                    analysis.to_json(),
                )
            )
            stored.append(StoredAnalysis(row_id, key, created, analysis, meta))
        with self._connect() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                keys = [r[1] for r in records if r[1] is not None]
                if keys:
                    db.executemany("DELETE FROM failures WHERE key = ?", [(k,) for k in keys])
                db.executemany(
                    "INSERT INTO analyses (id, key, created, title, source, url, published, "
                    "spans, covered_share, metadata, analysis) VALUES (?,?,?,?,?,?,?,?,?,?,?) "
                    "ON CONFLICT(key) WHERE key IS NOT NULL DO UPDATE SET "
                    "created=excluded.created, title=excluded.title, source=excluded.source, "
                    "url=excluded.url, published=excluded.published, spans=excluded.spans, "
                    "covered_share=excluded.covered_share, metadata=excluded.metadata, "
                    "analysis=excluded.analysis",
                    records,
                )
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        return stored

    def add_failure(self, failure: Failure) -> None:
        """Record a document that failed; a later success under its key clears it."""
        with self._connect() as db:
            db.execute(
                "INSERT OR REPLACE INTO failures (key, created, stage, message, metadata) "
                "VALUES (?,?,?,?,?)",
                (
                    failure.key,
                    failure.created or _now(),
                    failure.stage,
                    failure.message,
                    json.dumps(failure.metadata, ensure_ascii=False, default=str),
                ),
            )

    def remove_failures(self, keys: Iterable[str]) -> None:
        """Forget the failures recorded under `keys`."""
        with self._connect() as db:
            db.executemany("DELETE FROM failures WHERE key = ?", [(key,) for key in keys])

    # -- reading -------------------------------------------------------------------

    def get(self, id: str) -> StoredAnalysis | None:
        """The analysis stored under `id`, or None."""
        with self._connect() as db:
            row = db.execute(
                "SELECT id, key, created, metadata, analysis FROM analyses WHERE id = ?", (id,)
            ).fetchone()
        if row is None:
            return None
        return StoredAnalysis(
            id=row[0],
            key=row[1],
            created=row[2],
            metadata=json.loads(row[3]),
            analysis=Analysis.from_dict(json.loads(row[4])),
        )

    def search(
        self, query: str | None = None, *, limit: int = 50, offset: int = 0
    ) -> list[StoredSummary]:
        """Stored analyses, newest first; `query` matches title or source, any case."""
        sql = (
            "SELECT id, key, created, title, source, url, published, spans, covered_share "
            "FROM analyses"
        )
        params: list[Any] = []
        if query and query.strip():
            like = "%" + _escape_like(query.strip()) + "%"
            sql += " WHERE title LIKE ? ESCAPE '\\' OR source LIKE ? ESCAPE '\\'"
            sql += " OR url LIKE ? ESCAPE '\\'"
            params += [like, like, like]
        sql += " ORDER BY created DESC, rowid DESC LIMIT ? OFFSET ?"
        params += [max(0, int(limit)), max(0, int(offset))]
        with self._connect() as db:
            rows = db.execute(sql, params).fetchall()
        return [StoredSummary(*row) for row in rows]

    def count(self, query: str | None = None) -> int:
        """How many analyses `search(query)` would list without a limit."""
        sql, params = "SELECT COUNT(*) FROM analyses", []
        if query and query.strip():
            like = "%" + _escape_like(query.strip()) + "%"
            sql += " WHERE title LIKE ? ESCAPE '\\' OR source LIKE ? ESCAPE '\\'"
            sql += " OR url LIKE ? ESCAPE '\\'"
            params = [like, like, like]
        with self._connect() as db:
            return int(db.execute(sql, params).fetchone()[0])

    def keys(self) -> set[str]:
        """The keys of every stored analysis: what a resumed run can skip."""
        with self._connect() as db:
            return {row[0] for row in db.execute("SELECT key FROM analyses WHERE key IS NOT NULL")}

    def failures(self) -> list[Failure]:
        """Documents that failed and have not succeeded since."""
        with self._connect() as db:
            rows = db.execute(
                "SELECT key, stage, message, created, metadata FROM failures ORDER BY created"
            ).fetchall()
        return [Failure(r[0], r[1], r[2], r[3], json.loads(r[4])) for r in rows]

    def iter_analyses(self) -> Iterator[StoredAnalysis]:
        """Every stored analysis, oldest first, read in pages (memory stays flat)."""
        last = 0
        while True:
            with self._connect() as db:
                rows = db.execute(
                    "SELECT rowid, id, key, created, metadata, analysis FROM analyses "
                    "WHERE rowid > ? ORDER BY rowid LIMIT 200",
                    (last,),
                ).fetchall()
            if not rows:
                return
            for row in rows:
                last = row[0]
                yield StoredAnalysis(
                    id=row[1],
                    key=row[2],
                    created=row[3],
                    metadata=json.loads(row[4]),
                    analysis=Analysis.from_dict(json.loads(row[5])),
                )


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _str_or_none(value: Any) -> str | None:
    return None if value is None else str(value)
