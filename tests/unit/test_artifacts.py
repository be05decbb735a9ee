"""Derived results kept in the cache (predicted merges, branch diffs): the same answers as
computing them, bounded in number, and recomputed when unreadable."""

from __future__ import annotations

import sqlite3

import pytest

from driftguard.cache.facts_cache import PRUNE_EVERY, FactsCache
from driftguard.engine import Session
from driftguard.gitio import GitRepo as Reader
from driftguard.gitio.diff import changes as diff_changes
from driftguard.gitio.merge import Merges

BASE = "def f(x):\n    return x\n\n\n" + "".join(f"def g{i}():\n    pass\n\n\n" for i in range(8))


@pytest.fixture
def branches(git_repo):
    git_repo.commit({"pkg/__init__.py": "", "pkg/a.py": BASE, "pkg/b.py": "import pkg.a\n"})
    git_repo.branch("one")
    git_repo.commit({"pkg/a.py": BASE.replace("return x", "return x + 1")})
    git_repo.branch("two", "main")
    git_repo.commit({"pkg/a.py": BASE.replace("return x", "return x - 1"), "pkg/c.py": "x = 1\n"})
    git_repo.branch("three", "main")
    git_repo.commit({"pkg/b.py": "import pkg\n"})
    return git_repo


def _wreck(path, kind: str) -> None:
    db = sqlite3.connect(path)
    db.execute("UPDATE artifacts SET data = x'00ff' WHERE kind = ?", (kind,))
    db.commit()
    db.close()


def test_predicted_merges_are_remembered_and_recomputed_when_unreadable(branches, tmp_path):
    reader = Reader.open(branches.path)
    path = tmp_path / "c.sqlite3"
    expected = {pair: Merges(reader).conflicts(*pair)
                for pair in [("one", "two"), ("one", "three"), ("two", "three")]}
    assert [c.path for c in expected[("one", "two")]] == ["pkg/a.py"]
    assert expected[("one", "three")] == expected[("two", "three")] == []
    for _ in range(2):
        cache = FactsCache(path)
        assert {pair: Merges(reader, cache).conflicts(*pair) for pair in expected} == expected
        cache.close()
    assert sqlite3.connect(path).execute(
        "SELECT count(*) FROM artifacts WHERE kind = 'merge'").fetchone()[0] == 3
    _wreck(path, "merge")
    cache = FactsCache(path)
    assert {pair: Merges(reader, cache).conflicts(*pair) for pair in expected} == expected


def test_branch_diffs_are_remembered(branches, monkeypatch, tmp_path):
    monkeypatch.setenv("DRIFTGUARD_CACHE_DIR", str(tmp_path / "cache"))
    reader = Reader.open(branches.path)
    base, head = reader.resolve("main"), reader.resolve("two")
    expected = diff_changes(reader, base, head)
    assert {c.path for c in expected} == {"pkg/a.py", "pkg/c.py"}
    for _ in range(2):
        session = Session.open(str(branches.path))
        assert session.changes(base, head) == expected
        session.close()
    _wreck(tmp_path / "cache" / "cache.sqlite3", "changes")
    session = Session.open(str(branches.path))
    assert session.changes(base, head) == expected
    assert session.changes(base, None) == diff_changes(reader, base, None)  # the index: fresh


def test_artifacts_are_bounded_per_kind(tmp_path) -> None:
    cache = FactsCache(tmp_path / "c.sqlite3")
    for i in range(5 * PRUNE_EVERY):
        cache.put_artifact("small", f"k{i}", b"x", keep=3)
        cache.put_artifact("other", f"k{i}", b"y")
    count = dict(sqlite3.connect(tmp_path / "c.sqlite3").execute(
        "SELECT kind, count(*) FROM artifacts GROUP BY kind").fetchall())
    assert count["small"] <= 3 + PRUNE_EVERY and count["other"] == 5 * PRUNE_EVERY
    assert cache.get_artifact("small", f"k{5 * PRUNE_EVERY - 1}") == b"x"  # the newest stay
