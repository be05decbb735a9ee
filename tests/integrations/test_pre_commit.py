"""The hooks of .pre-commit-hooks.yaml run by the real pre-commit, which pip-installs
driftguard from a snapshot of this working tree into a virtualenv of its own.

`pre-commit try-repo` builds a fresh environment on every call (its store is a temp
folder), so it runs once; the other tests install the hooks with `pre-commit install`
against a PRE_COMMIT_HOME shared by the session, so they build one environment."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from integrations.helpers import CLEAN_CHANGE, UPWARD_IMPORT, VIOLATION_TEXT, shop_repo
from repo_helpers import GIT_ENV, GitRepo

pytestmark = pytest.mark.slow
TIMEOUT = 900  # building a hook environment downloads driftguard's dependencies


def pre_commit(*args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=cwd,
                          env=hook_env(home), capture_output=True, text=True, timeout=TIMEOUT)


def hook_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PRE_COMMIT")}
    return {**env, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}


def git(repo: GitRepo, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """git with the hooks live: their output comes back with git's."""
    repo.ticks += 1
    stamp = f"2026-01-01T01:{repo.ticks:02d}:00Z"
    env = {**hook_env(home), **GIT_ENV, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    return subprocess.run(["git", *args], cwd=repo.path, env=env, capture_output=True,
                          text=True, timeout=TIMEOUT)


def install_hooks(repo: GitRepo, snapshot: tuple[Path, str], home: Path) -> None:
    hook_repo, commit = snapshot
    repo.write({".pre-commit-config.yaml": (
        "default_install_hook_types: [pre-commit, pre-push]\n"
        f"repos:\n  - repo: {hook_repo}\n    rev: {commit}\n"
        "    hooks:\n      - id: driftguard\n      - id: driftguard-branch\n"
        # The args must reach driftguard whole (a lost first one breaks the clean push).
        "        args: [--base, main, --fail-on, error]\n")})
    repo.commit(message="pre-commit config")
    done = pre_commit("install", "--install-hooks", cwd=repo.path, home=home)
    assert done.returncode == 0, done.stdout + done.stderr


def assert_blocked_by_dg101(done: subprocess.CompletedProcess[str], path: str) -> None:
    output = done.stdout + done.stderr
    assert done.returncode != 0, output
    assert "DG101 layers" in output and f"{path}:1" in output and VIOLATION_TEXT in output
    assert "FAILED" in output and "Failed" in output  # driftguard's verdict, pre-commit's


def test_try_repo_fails_on_a_staged_boundary_violation(project_snapshot, tmp_path) -> None:
    repo = shop_repo(tmp_path / "shop")
    repo.write(UPWARD_IMPORT)
    repo.git("add", "-A")
    hook_repo, commit = project_snapshot
    done = pre_commit("try-repo", str(hook_repo), "driftguard", "--ref", commit,
                      cwd=repo.path, home=tmp_path / "home")
    assert done.returncode == 1
    assert_blocked_by_dg101(done, "src/shop/data/models.py")


def test_commit_hook_blocks_a_violation_and_lets_a_clean_change_through(
        project_snapshot, pre_commit_home, tmp_path) -> None:
    repo = shop_repo(tmp_path / "shop")
    install_hooks(repo, project_snapshot, pre_commit_home)
    before = repo.git("rev-parse", "HEAD")
    repo.write(UPWARD_IMPORT)
    repo.git("add", "-A")
    assert_blocked_by_dg101(git(repo, pre_commit_home, "commit", "-m", "upward import"),
                            "src/shop/data/models.py")
    assert repo.git("rev-parse", "HEAD") == before  # nothing was committed

    repo.git("reset", "-q", "--hard")
    repo.write(CLEAN_CHANGE)
    repo.git("add", "-A")
    done = git(repo, pre_commit_home, "commit", "-m", "search")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "driftguard (staged change)" in done.stdout + done.stderr
    assert repo.git("rev-parse", "HEAD") != before


def test_push_hook_checks_the_pushed_branch(project_snapshot, pre_commit_home,
                                            tmp_path) -> None:
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    repo = shop_repo(tmp_path / "shop")
    install_hooks(repo, project_snapshot, pre_commit_home)
    repo.git("remote", "add", "origin", str(remote))
    repo.branch("agent/data")
    repo.write(UPWARD_IMPORT)
    repo.git("add", "-A")
    repo.git("commit", "-q", "--no-verify", "-m", "upward import")  # past the commit hook
    repo.branch("agent/search", "main")
    repo.commit(CLEAN_CHANGE, "search")

    # HEAD is the clean branch: the hook must check what is pushed, not HEAD. A first
    # push (pre-commit passes the pushed ref only) and a later one (the pushed commit).
    assert_blocked_by_dg101(push(repo, pre_commit_home, "agent/data"), "src/shop/data/models.py")
    for clean in ("agent/search", "main"):
        done = push(repo, pre_commit_home, clean)
        assert done.returncode == 0, done.stdout + done.stderr
    repo.branch("agent/data2", "agent/data")
    repo.git("commit", "-q", "--no-verify", "--allow-empty", "-m", "later")
    assert_blocked_by_dg101(push(repo, pre_commit_home, "agent/data2"),
                            "src/shop/data/models.py")
    repo.checkout("agent/data")
    assert_blocked_by_dg101(push(repo, pre_commit_home, "HEAD:refs/heads/again"),
                            "src/shop/data/models.py")
    refs = subprocess.run(["git", "for-each-ref", "--format=%(refname)"], cwd=remote,
                          capture_output=True, text=True, check=True).stdout.split()
    assert refs == ["refs/heads/agent/search", "refs/heads/main"]


def push(repo: GitRepo, home: Path, refspec: str) -> subprocess.CompletedProcess[str]:
    return git(repo, home, "push", "-q", "origin", refspec)
