"""Twenty checks at once, from different worktrees sharing one cache."""

from __future__ import annotations

import json
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
    procs = [subprocess.Popen(args, cwd=w, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for w in worktrees]
    outputs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [1] * 20, [e for _, e in outputs if e][:3]
    findings = [json.loads(out)["findings"] for out, _ in outputs]
    sequential = subprocess.run(args, cwd=worktrees[0], capture_output=True, text=True)
    expected = json.loads(sequential.stdout)["findings"]
    strip = lambda fs: [{k: v for k, v in f.items() if k != "branches"} for f in fs]  # noqa: E731
    assert all(strip(f) == strip(expected) for f in findings)
    cache = git_repo.path / ".git" / "driftguard" / "cache.sqlite3"
    db = sqlite3.connect(cache)
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
