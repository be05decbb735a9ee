"""Cache faults: truncated, corrupt, locked, another version, killed mid-write. The same
findings every time, a warning when the cache could not be used."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import time

import pytest
from repo_helpers import driftguard_exe, run_cli

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


@pytest.fixture
def repo(git_repo):
    git_repo.commit({"driftguard.toml": CONFIG, "app/__init__.py": "", "app/api/__init__.py": "",
                     "app/api/views.py": "", "app/data/__init__.py": "",
                     "app/data/models.py": "from app.api import views\n"})
    return git_repo


def findings(repo, env: dict[str, str] | None = None) -> tuple[list, str]:
    result = run_cli("check", "--all", "--format", "json", cwd=repo.path, env=env)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout)["findings"], result.stderr


def cache_file(repo):
    return repo.path / ".git" / "driftguard" / "cache.sqlite3"


@pytest.mark.parametrize("damage", ["truncate", "garbage", "other_version"])
def test_damaged_cache_is_rebuilt_with_the_same_findings(repo, damage: str) -> None:
    expected, _ = findings(repo)
    path = cache_file(repo)
    if damage == "truncate":
        data = path.read_bytes()
        for suffix in ("-wal", "-shm"):
            (path.parent / (path.name + suffix)).unlink(missing_ok=True)
        path.write_bytes(data[: len(data) // 3])
    elif damage == "garbage":
        path.write_bytes(os.urandom(8192))
    else:
        db = sqlite3.connect(path)
        db.execute("UPDATE meta SET value = '99' WHERE key = 'schema'")
        db.commit()
        db.close()
    got, stderr = findings(repo)
    assert got == expected
    assert "cache" in stderr and "warning" in stderr
    again, stderr = findings(repo)  # the rebuilt cache works silently
    assert again == expected and "cache" not in stderr


def test_locked_cache_is_bypassed_not_waited_on(repo) -> None:
    expected, _ = findings(repo)
    holder = sqlite3.connect(cache_file(repo), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:  # a hang here would hit run_cli's timeout; no timing assertion (machines are noisy)
        got, stderr = findings(repo, {"DRIFTGUARD_CACHE_TIMEOUT": "0.5"})
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert got == expected
    assert "cache" in stderr


def test_killed_writer_leaves_a_usable_cache(git_repo) -> None:
    files = {"app/__init__.py": ""}
    files.update({f"app/m{i}.py": "import app\n" + "def f(x):\n    return x\n" * 50
                  for i in range(600)})
    git_repo.commit(files)
    env = {**os.environ, "DRIFTGUARD_WORKERS": "1"}
    for delay in (0.6, 1.0, 1.5):
        proc = subprocess.Popen([*driftguard_exe(), "graph"], cwd=git_repo.path, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    result = run_cli("graph", cwd=git_repo.path)
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert len(json.loads(result.stdout)["modules"]) == 601
    db = sqlite3.connect(cache_file(git_repo))
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_unwritable_cache_location_runs_without_caching(repo, tmp_path) -> None:
    # Tests run as root, where chmod does not stop writes: a file where the cache folder
    # should be is unwritable for everyone.
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    expected, _ = findings(repo, {"DRIFTGUARD_CACHE_DIR": ""})
    got, stderr = findings(repo, {"DRIFTGUARD_CACHE_DIR": str(blocker / "cache")})
    assert got == expected
    assert "cache disabled" in stderr
