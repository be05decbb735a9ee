"""Graphs kept between runs and derived from each other must equal a fresh full build.

Real repositories, real parser; the reference in every test is the same revision
built with the cache off, from scratch.
"""

from __future__ import annotations

import pytest

from driftguard.engine import BuildOptions, Session

BASE = {
    "pyproject.toml": "[project]\nname = 'shop'\n",
    "src/shop/__init__.py": "from shop.core import run\n__all__ = ['run']\n",
    "src/shop/core.py": "import json\nfrom shop import util\n\ndef run(x):\n    return util.f(x)\n",
    "src/shop/util.py": "def f(x):\n    return x\n",
    "src/shop/api/__init__.py": "",
    "src/shop/api/views.py": "from shop.core import run\nfrom shop.api import nothere\n",
    "web/app.ts": "import { x } from './lib';\n",
    "web/lib.ts": "export const x = 1;\n",
    "README.md": "hello\n",
}

# Edits to the base: each either derived from the base's graph or rebuilt in full.
EDITS = {
    "add an import": {
        "src/shop/util.py": "from shop.api import views\n\ndef f(x):\n    return x\n"},
    "drop every import": {"src/shop/core.py": "def run(x):\n    return x\n"},
    "import a name that is a module": {
        "src/shop/util.py": "from shop.api import views, missing\nimport requests\n"},
    "a type-only import": {"src/shop/util.py": "from typing import TYPE_CHECKING\n"
                           "if TYPE_CHECKING:\n    from shop import core\n"},
    "a README only": {"README.md": "changed\n"},
    "docs added and deleted": {"docs/guide.md": "new\n", "README.md": None,
                               "src/shop/util.py": "import shop.core\n"},
    "a project file added": {"src/shop/api/pyproject.toml": "[project]\nname = 'api'\n"},
    "a src folder appears": {"pyproject.toml": None, "lib/pyproject.toml": "[project]\n",
                             "lib/src/notes.txt": "x\n"},
    "a file added": {"src/shop/extra.py": "from shop import util\n"},
    "a file deleted": {"src/shop/api/views.py": None},
    "a TypeScript file": {"web/app.ts": "import { y } from './other';\n"},
    "a project file": {"web/package.json": "{\"name\": \"web\"}\n"},
    "a syntax error": {"src/shop/util.py": "def f(:\n    import shop.core\n"},
}


def _graph(session: Session, rev: str) -> dict:
    snap = session.snapshot(rev)
    return {
        "modules": [(m.name, m.path, m.language, m.is_package) for m in snap.modules.values()],
        "edges": snap.edges, "unresolved": snap.unresolved, "external": snap.external,
        "definitions": {m.name: m.facts.definitions for m in snap.modules.values()},
        "imports": {m.name: m.facts.imports for m in snap.modules.values()},
    }


def _fresh(path, rev: str) -> tuple[dict, list[str]]:
    session = Session.open(str(path), BuildOptions(use_cache=False))
    try:
        return _graph(session, rev), sorted(session.all_warnings())
    finally:
        session.close()


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("DRIFTGUARD_CACHE_DIR", str(folder))
    return folder


@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
def test_a_head_derived_from_its_base_equals_a_full_build(git_repo, cache_dir, edit) -> None:
    git_repo.commit(BASE)
    base = git_repo.git("rev-parse", "HEAD")
    head = git_repo.commit(edit)
    session = Session.open(str(git_repo.path))
    try:
        session.snapshot(base)
        derived = _graph(session, head)
        warnings = sorted(session.stats.warnings)
    finally:
        session.close()
    expected, expected_warnings = _fresh(git_repo.path, head)
    assert derived == expected
    assert set(expected_warnings) <= set(warnings) | set(_fresh(git_repo.path, base)[1])


@pytest.mark.parametrize("edit", ["add an import", "docs added and deleted"])
def test_only_changed_python_files_are_derived(git_repo, cache_dir, edit) -> None:
    git_repo.commit(BASE)
    base = git_repo.git("rev-parse", "HEAD")
    head = git_repo.commit(EDITS[edit])
    session = Session.open(str(git_repo.path))
    try:
        before = session.snapshot(base)
        parsed_before = session.stats.parsed
        after = session.snapshot(head)
        assert session.stats.parsed - parsed_before == 1  # the one edited file
        kept = [n for n in before.modules if after.modules[n] is before.modules[n]]
        assert kept == [n for n in before.modules if n != "shop.util"]  # derived, not rebuilt
    finally:
        session.close()


def test_a_source_file_added_is_a_full_build(git_repo, cache_dir) -> None:
    base = git_repo.commit(BASE)
    head = git_repo.commit(EDITS["a file added"])
    session = Session.open(str(git_repo.path))
    try:
        before, after = session.snapshot(base), session.snapshot(head)
        assert not any(after.modules[n] is before.modules[n] for n in before.modules)
    finally:
        session.close()


def test_a_stored_graph_reads_back_equal_and_parses_nothing(git_repo, cache_dir) -> None:
    head = git_repo.commit(BASE)
    first = Session.open(str(git_repo.path))
    try:
        built = _graph(first, head)
    finally:
        first.close()
    again = Session.open(str(git_repo.path))
    try:
        stored = _graph(again, head)
        assert again.stats.parsed == 0 and again.stats.cached == again.stats.files > 0
    finally:
        again.close()
    assert stored == built == _fresh(git_repo.path, head)[0]


def test_the_index_is_derived_from_a_commit(git_repo, cache_dir) -> None:
    head = git_repo.commit(BASE)
    git_repo.write(EDITS["add an import"])
    git_repo.git("add", "-A")
    session = Session.open(str(git_repo.path))
    try:
        session.snapshot(head)
        staged = _graph(session, ":staged")
    finally:
        session.close()
    assert staged == _fresh(git_repo.path, ":staged")[0]


def test_unreadable_stored_graphs_are_rebuilt(git_repo, cache_dir) -> None:
    import sqlite3

    head = git_repo.commit(BASE)
    Session.open(str(git_repo.path)).snapshot(head)
    db = sqlite3.connect(cache_dir / "cache.sqlite3")
    db.execute("UPDATE artifacts SET data = x'00ff00ff' WHERE kind = 'snapshot'")
    db.commit()
    db.close()
    session = Session.open(str(git_repo.path))
    try:
        assert _graph(session, head) == _fresh(git_repo.path, head)[0]
        assert session.stats.parsed == 0  # facts still came from the facts table
    finally:
        session.close()


def test_stored_graphs_follow_the_build_options(git_repo, cache_dir) -> None:
    head = git_repo.commit(BASE)
    Session.open(str(git_repo.path)).snapshot(head)
    options = BuildOptions(exclude=lambda p: p.startswith("web/"), exclude_patterns=("web/**",))
    session = Session.open(str(git_repo.path), options)
    try:
        assert not any(m.path.startswith("web/") for m in session.snapshot(head).modules.values())
    finally:
        session.close()
    assert options.digest() != BuildOptions().digest()
    assert BuildOptions(exclude=lambda p: False).digest() is None  # unknowable: not stored


def test_facts_of_a_stored_graph_read_in_bulk_and_after_closing(git_repo, cache_dir) -> None:
    """Past a few single reads the rest load at once; a closed session reopens its cache."""
    files = {f"src/shop/m{i:02d}.py": f"from shop import m{(i + 1) % 40:02d}\n"
             f"def f{i}(a, b={i}):\n    return a\n" for i in range(40)}
    head = git_repo.commit({**BASE, **files})
    Session.open(str(git_repo.path)).snapshot(head)
    session = Session.open(str(git_repo.path))
    snap = session.snapshot(head)
    session.close()
    counts = {m.name: m.symbol_count for m in snap.modules.values()}  # stored: no facts read
    read = {m.name: m.facts.definitions for m in snap.modules.values()}
    expected = _fresh(git_repo.path, head)[0]["definitions"]
    assert read == expected
    assert counts == {name: len(defs) for name, defs in expected.items()}
    assert session.stats.parsed == 0


def test_build_seconds_are_counted_once(git_repo, cache_dir) -> None:
    """stats.seconds is the time spent building graphs: never more than the time it took."""
    import time

    base = git_repo.commit(BASE)
    head = git_repo.commit(EDITS["a file added"])  # a full build, then a stored read
    session = Session.open(str(git_repo.path))
    started = time.perf_counter()
    session.snapshot(base)
    session.snapshot(head)
    elapsed = time.perf_counter() - started
    session.close()
    assert 0 < session.stats.seconds <= elapsed
