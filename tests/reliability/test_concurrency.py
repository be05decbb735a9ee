"""Twenty checks at once, from different worktrees sharing one cache."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess

from repo_helpers import driftguard_exe

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


def test_twenty_concurrent_checks_agree_and_leave_a_sound_cache(git_repo, tmp_path) -> None:
    files = {"driftguard.toml": CONFIG, "app/__init__.py": "", "app/api/__init__.py": "",
             "app/data/__init__.py": ""}
    files.update({f"app/data/m{i}.py": f"def f{i}(x):\n    return x\n" for i in range(40)})
    git_repo.commit(files, "base")
    git_repo.branch("agent/up")
    git_repo.commit({"app/data/m0.py": "from app.api import views\n", "app/api/views.py": ""})
    worktrees = []
    for n in range(20):
        path = tmp_path / f"wt{n}"
        git_repo.git("worktree", "add", "-q", "--detach", str(path), "agent/up")
        worktrees.append(path)
    args = [*driftguard_exe(), "check", "--base", "main", "--format", "json"]
    sequential = subprocess.run(args, cwd=worktrees[0], capture_output=True, text=True,
                                env={**os.environ, "DRIFTGUARD_CACHE_DIR": ""})
    expected = json.loads(sequential.stdout)["findings"]
    assert [f["rule"] for f in expected] == ["DG101"]
    procs = [subprocess.Popen(args, cwd=w, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for w in worktrees]  # all start before any is awaited
    outputs = [p.communicate(timeout=300) for p in procs]
    errors = [err for _, err in outputs if err]
    assert [p.returncode for p in procs] == [1] * 20, errors[:3]
    assert all(json.loads(out)["findings"] == expected for out, _ in outputs)
    assert not any("Traceback" in e or "rebuilding" in e for e in errors), errors[:3]
    folder = git_repo.path / ".git" / "driftguard"
    assert not list(folder.glob("*.broken-*"))  # nobody took a busy cache for a broken one
    db = sqlite3.connect(folder / "cache.sqlite3")
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    # every distinct blob once: "" (4 files), m0..m39 at base, m0 at head
    assert db.execute("SELECT count(*) FROM facts").fetchone() == (42,)
