"""The history store: runs and records, trends, and any problem with the file degrading
to a warning (the report then runs without history, as the facts cache does)."""

from __future__ import annotations

import sqlite3

import driftguard.cache.history as history_module
from driftguard.cache.history import History, default_path


def rec(commit: str) -> dict:
    return {"commit": commit, "metrics": {}, "edges": [], "cycles": []}


def test_records_come_back_per_repository_oldest_first(tmp_path) -> None:
    warnings: list[str] = []
    store = History(tmp_path / "h" / "history.sqlite3", warnings)
    assert store.last("lib") is None and store.runs() == 0
    store.record({"lib": rec("a"), "app": rec("x")}, started=100.0)
    store.record({"lib": rec("b")}, started=200.0)
    assert store.last("lib") == rec("b") and store.last("app") == rec("x")
    assert [(started, r["commit"]) for _, started, r in store.rows("lib")] == [
        (100.0, "a"), (200.0, "b")]
    assert store.runs() == 2 and warnings == []
    store.close()


def test_old_runs_are_dropped(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(history_module, "KEEP_RUNS", 2)
    store = History(tmp_path / "history.sqlite3", [])
    for commit in "abcd":
        store.record({"lib": rec(commit)}, started=1.0)
    assert [r["commit"] for _, _, r in store.rows("lib")] == ["c", "d"]
    assert store.runs() == 2


def test_a_damaged_file_is_a_warning_and_a_run_without_history(tmp_path) -> None:
    path = tmp_path / "history.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    warnings: list[str] = []
    store = History(path, warnings)
    assert store.path is None and "unusable" in warnings[0]
    store.record({"lib": rec("a")}, started=1.0)  # in memory: this run still has its trend
    assert store.runs() == 1 and path.read_bytes().startswith(b"this is not")


def test_another_schema_is_not_read(tmp_path) -> None:
    path = tmp_path / "history.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        db.execute("INSERT INTO meta VALUES ('schema', 'history-0')")
    warnings: list[str] = []
    assert History(path, warnings).last("lib") is None
    assert "expected history-1" in warnings[0]


def test_default_place_is_beside_the_facts_cache(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("DRIFTGUARD_CACHE_DIR", raising=False)
    assert default_path(tmp_path / ".git") == tmp_path / ".git" / "driftguard" / \
        "history.sqlite3"
    monkeypatch.setenv("DRIFTGUARD_CACHE_DIR", str(tmp_path / "c"))
    assert default_path(tmp_path / ".git") == tmp_path / "c" / "history.sqlite3"
    monkeypatch.setenv("DRIFTGUARD_CACHE_DIR", "")
    assert default_path(tmp_path / ".git") is None
