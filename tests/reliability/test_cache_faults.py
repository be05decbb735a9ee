"""Cache faults: damaged, older or newer, locked, killed mid-write, unwritable. The same
findings every time, and a warning whenever the cache could not be used."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from repo_helpers import GitRepo, driftguard_exe, run_cli

CONFIG = """
[[modules]]
name = "api"
packages = ["app.api"]
[[modules]]
name = "data"
packages = ["app.data"]
[[rules]]
type = "layers"
layers = ["api", "data"]
"""
QUICK_LOCK = {"DRIFTGUARD_CACHE_TIMEOUT": "0.5"}


@pytest.fixture(scope="module")
def warm(tmp_path_factory) -> tuple[Path, list]:
    """A repository with a warm cache, and its findings: each test damages a copy."""
    repo = GitRepo(tmp_path_factory.mktemp("warm") / "repo")
    files = {"driftguard.toml": CONFIG, "app/__init__.py": "", "app/api/__init__.py": "",
             "app/api/views.py": "", "app/data/__init__.py": "",
             "app/data/models.py": "from app.api import views\n"}
    files.update({f"app/data/m{i}.py": f"import app.data.models\ndef f{i}(x):\n    return x\n"
                  for i in range(60)})  # enough rows that damage mid-file lands in the facts
    repo.commit(files)
    expected, stderr = findings(repo)
    assert expected and "warning" not in stderr
    return repo.path, expected


@pytest.fixture
def repo(warm, tmp_path) -> GitRepo:
    shutil.copytree(warm[0], tmp_path / "repo", symlinks=True)
    return GitRepo(tmp_path / "repo")


@pytest.fixture
def expected(warm) -> list:
    return warm[1]


def findings(repo, env: dict[str, str] | None = None) -> tuple[list, str]:
    result = run_cli("check", "--all", "--format", "json", cwd=repo.path, env=env)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout)["findings"], result.stderr


def cache_file(repo):
    return repo.path / ".git" / "driftguard" / "cache.sqlite3"


def moved_aside(repo) -> list[str]:
    return sorted(p.name for p in cache_file(repo).parent.glob("*.broken-*"))


def checkpoint(path) -> None:
    """Fold the WAL into the main file, so damage to the file hits real pages."""
    db = sqlite3.connect(path)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


def damage(path, how: str) -> None:
    checkpoint(path)
    data = path.read_bytes()
    if how == "truncated":
        path.write_bytes(data[: len(data) // 3])
    elif how == "garbage":
        path.write_bytes(os.urandom(len(data)))
    elif how == "damaged_pages":  # header intact: only reading the facts finds it
        middle = len(data) // 2
        path.write_bytes(data[:middle] + b"\xab" * 8192 + data[middle + 8192 :])
    elif how == "older_version":
        db = sqlite3.connect(path)
        db.execute("UPDATE meta SET value = '1' WHERE key = 'schema'")
        db.commit()
        db.close()
    elif how == "older_layout":  # before the meta table existed, another facts layout
        path.unlink()
        db = sqlite3.connect(path)
        db.execute("CREATE TABLE facts (blob TEXT, language TEXT, version TEXT, json TEXT)")
        db.commit()
        db.close()


@pytest.mark.parametrize(
    "how", ["truncated", "garbage", "damaged_pages", "older_version", "older_layout"])
def test_damaged_or_older_cache_is_rebuilt_with_the_same_findings(repo, expected, how: str
                                                                  ) -> None:
    damage(cache_file(repo), how)
    got, stderr = findings(repo)
    assert got == expected
    assert "cache" in stderr and "rebuilding it" in stderr
    again, stderr = findings(repo)  # the rebuilt cache works silently
    assert again == expected and "warning" not in stderr
    db = sqlite3.connect(cache_file(repo))
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_newer_version_cache_is_bypassed_and_left_alone(repo, expected) -> None:
    db = sqlite3.connect(cache_file(repo))
    db.execute("UPDATE meta SET value = '99' WHERE key = 'schema'")
    db.execute("DROP TABLE artifacts")  # a layout of its own: nothing may be added to it
    db.commit()
    tables = db.execute("SELECT name FROM sqlite_master ORDER BY name").fetchall()
    db.close()
    for _ in range(2):  # rebuilding it would fight the newer driftguard in another worktree
        got, stderr = findings(repo)
        assert got == expected and "newer driftguard" in stderr
    assert moved_aside(repo) == []
    db = sqlite3.connect(cache_file(repo))
    assert db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone() == ("99",)
    assert db.execute("SELECT name FROM sqlite_master ORDER BY name").fetchall() == tables


def test_cache_locked_by_a_stuck_writer_is_bypassed_not_rebuilt(repo, expected) -> None:
    holder = sqlite3.connect(cache_file(repo), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # a writer that never commits
    holder.execute("INSERT OR REPLACE INTO meta VALUES ('stuck', 'yes')")
    try:
        got, stderr = findings(repo, QUICK_LOCK)  # reads only: WAL readers never wait
        assert got == expected and "warning" not in stderr
        repo.commit({"app/data/new.py": "from app.api import views  # a new blob\n"})
        got, stderr = findings(repo, QUICK_LOCK)  # must write: waits 0.5 s, then goes on
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert len(got) == len(expected) + 1
    assert "held by another process" in stderr and "continuing without it" in stderr
    assert moved_aside(repo) == []
    again, stderr = findings(repo)
    assert again == got and "warning" not in stderr


def test_cache_held_in_exclusive_mode_is_bypassed(repo, expected) -> None:
    holder = sqlite3.connect(cache_file(repo), isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")  # blocks readers too, until closed
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT OR REPLACE INTO meta VALUES ('stuck', 'yes')")
    holder.execute("COMMIT")
    try:
        got, stderr = findings(repo, QUICK_LOCK)
    finally:
        holder.close()
    assert got == expected
    assert "is locked" in stderr and "continuing without it" in stderr
    assert moved_aside(repo) == []


def test_killed_writer_leaves_a_usable_cache(git_repo) -> None:
    files = {"app/__init__.py": ""}
    files.update({f"app/m{i}.py": "import app\n" + f"def f{i}(x):\n    return x\n" * 50
                  for i in range(400)})
    git_repo.commit(files)
    args = [*driftguard_exe(), "graph"]
    env = {**os.environ, "DRIFTGUARD_WORKERS": "1"}
    started = time.monotonic()
    subprocess.run(args, cwd=git_repo.path, env={**env, "DRIFTGUARD_CACHE_DIR": ""},
                   capture_output=True, check=True)
    full = time.monotonic() - started
    alive = 0
    for share in (0.7, 0.9, 1.0):  # facts are written at the end of a build
        proc = subprocess.Popen(args, cwd=git_repo.path, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(full * share)
        alive += proc.poll() is None
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert alive, "the runs finished before they could be killed"
    result = run_cli("graph", cwd=git_repo.path)
    assert result.returncode == 0 and "warning" not in result.stderr
    assert len(json.loads(result.stdout)["modules"]) == 401
    db = sqlite3.connect(git_repo.path / ".git" / "driftguard" / "cache.sqlite3")
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_unwritable_cache_location_runs_without_caching(repo, expected, tmp_path) -> None:
    # Tests run as root, where chmod does not stop writes: a file where the cache folder
    # should be is unwritable for everyone.
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    got, stderr = findings(repo, {"DRIFTGUARD_CACHE_DIR": str(blocker / "cache")})
    assert got == expected
    assert "cache disabled" in stderr


def test_repository_without_room_for_the_cache_runs_without_caching(repo, expected) -> None:
    shutil.rmtree(cache_file(repo).parent)
    cache_file(repo).parent.write_text("")  # .git/driftguard cannot be made: a read-only .git
    got, stderr = findings(repo)
    assert got == expected and "cache disabled" in stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through chmod; the blocker-file "
                    "tests above cover an unwritable location for root")
def test_read_only_repository_runs_without_caching(repo, expected) -> None:
    shutil.rmtree(cache_file(repo).parent)
    modes = {p: p.stat().st_mode for p in [repo.path, *repo.path.rglob("*")]}
    for path in modes:
        path.chmod(modes[path] & ~0o222)
    try:
        got, stderr = findings(repo)
    finally:
        for path, mode in modes.items():
            path.chmod(mode)
    assert got == expected and "cache disabled" in stderr
