"""The SQLite store: round trips, search, keys for resuming, failures, concurrency."""

from __future__ import annotations

import threading

import pytest

from propscope import Analysis, Document, TechniqueSpan
from propscope.analysis import summarize_techniques
from propscope.store import Failure, StorageError, Store


def make_analysis(title: str, body: str = "They are traitors, all of them.", source=None):
    doc = Document.from_text(body, title=title, source=source)
    start = doc.text.index("traitors")
    spans = [TechniqueSpan(start, start + 8, "Name_Calling,Labeling", 0.9, "traitors")]
    return Analysis(doc, techniques=spans, summary=summarize_techniques(doc.text, spans))


def test_add_then_get_returns_the_same_analysis(tmp_path):
    store = Store(tmp_path / "a.db")
    stored = store.add(make_analysis("Harbour vote"), metadata={"outlet": "Times"})
    again = store.get(stored.id)
    assert again is not None
    assert again.analysis.to_dict() == stored.analysis.to_dict()
    assert again.metadata == {"outlet": "Times"}
    assert store.get("no-such-id") is None


def test_store_survives_reopening(tmp_path):
    stored = Store(tmp_path / "a.db").add(make_analysis("Kept"))
    assert Store(tmp_path / "a.db").get(stored.id).analysis.document.title == "Kept"


def test_search_is_newest_first_and_matches_title_or_source(tmp_path):
    store = Store(tmp_path / "a.db")
    store.add(make_analysis("Harbour vote"))
    store.add(make_analysis("Bridge closed", source="Harbour Gazette"))
    store.add(make_analysis("Weather"))
    assert [r.title for r in store.search()] == ["Weather", "Bridge closed", "Harbour vote"]
    assert [r.title for r in store.search("harbour")] == ["Bridge closed", "Harbour vote"]
    assert store.count("HARBOUR") == 2
    assert store.search("100%") == []  # LIKE wildcards are taken literally
    assert [r.title for r in store.search(limit=1, offset=1)] == ["Bridge closed"]


def test_a_key_is_stored_once_and_clears_its_failure(tmp_path):
    store = Store(tmp_path / "a.db")
    store.add_failure(Failure("doc-1", "techniques", "boom"))
    assert [f.key for f in store.failures()] == ["doc-1"]
    store.add(make_analysis("First"), key="doc-1")
    store.add(make_analysis("Second"), key="doc-1")
    assert store.keys() == {"doc-1"}
    assert store.count() == 1
    assert store.search()[0].title == "Second"
    assert store.failures() == []


def test_concurrent_writers_lose_nothing(tmp_path):
    store = Store(tmp_path / "a.db")
    errors = []

    def write(n):
        try:
            for i in range(10):
                store.add(make_analysis(f"t{n}-{i}"), key=f"{n}-{i}")
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert store.count() == 40
    assert len(list(store.iter_analyses())) == 40


def test_bad_paths_get_a_clear_error(tmp_path):
    with pytest.raises(StorageError, match="is a folder"):
        Store(tmp_path)
    with pytest.raises(StorageError, match="does not exist"):
        Store(tmp_path / "missing" / "a.db")
    (tmp_path / "junk.db").write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StorageError, match="could not be used"):
        Store(tmp_path / "junk.db")


def test_an_sqlite_file_of_something_else_is_refused_untouched(tmp_path):
    import sqlite3

    other = tmp_path / "shop.db"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE customers (name TEXT)")
    with pytest.raises(StorageError, match=r"something else \(tables: customers\)"):
        Store(other)
    with sqlite3.connect(other) as db:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables == {"customers"}  # propscope's tables were not added


def test_a_store_of_a_newer_propscope_is_refused(tmp_path):
    import sqlite3

    from propscope.store import SCHEMA_VERSION

    path = tmp_path / "s.db"
    Store(path)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StorageError, match="written by a newer propscope"):
        Store(path)
