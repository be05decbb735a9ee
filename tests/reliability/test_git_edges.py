"""Git edge cases: shallow, detached, unborn, bare, worktree, merges, renames, missing refs."""

from __future__ import annotations

import json

from repo_helpers import run_cli

from driftguard.gitio import GitRepo as Reader
from driftguard.gitio.diff import changes

LAYERS = """
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


def layered_feature(git_repo) -> str:
    """main with a layered app; branch feature adds one DG101 violation. Returns its commit."""
    git_repo.commit({"driftguard.toml": LAYERS, "app/__init__.py": "", "app/api.py": "",
                     "app/data.py": ""})
    git_repo.branch("feature")
    return git_repo.commit({"app/data.py": "from app import api\n"})


def check_json(cwd, *args: str) -> tuple[int, dict]:
    result = run_cli(*args, "--format", "json", cwd=cwd)
    assert "Traceback" not in result.stderr
    return result.returncode, json.loads(result.stdout) if result.stdout else {}


def test_shallow_clone_without_the_merge_base_says_fetch_depth(git_repo, tmp_path) -> None:
    git_repo.commit({"app/__init__.py": ""})
    git_repo.branch("feature")
    git_repo.commit({"app/x.py": ""})
    git_repo.checkout("main")
    git_repo.commit({"app/y.py": ""})
    shallow = tmp_path / "shallow"
    git_repo.git("clone", "-q", "--depth=1", "--no-single-branch", f"file://{git_repo.path}",
                 str(shallow))
    result = run_cli("check", "--base", "origin/main", "--head", "origin/feature", cwd=shallow)
    assert result.returncode == 2
    assert "fetch-depth: 0" in result.stderr and "Traceback" not in result.stderr


def test_detached_head_checks_the_commit(git_repo) -> None:
    commit = layered_feature(git_repo)
    git_repo.git("checkout", "-q", "--detach", commit)
    code, report = check_json(git_repo.path, "check", "--base", "main")
    assert code == 1
    assert [(f["rule"], f["branches"]) for f in report["findings"]] == [("DG101", [commit])]


def test_empty_repository_says_no_commits_yet(git_repo) -> None:
    for args in (["graph"], ["check"], ["baseline", "--output", "b.json"]):
        result = run_cli(*args, cwd=git_repo.path)
        assert result.returncode == 2, args
        assert "has no commits yet" in result.stderr and "Traceback" not in result.stderr


def test_unborn_branch_beside_others_is_named(git_repo) -> None:
    git_repo.commit({"app/__init__.py": ""})
    git_repo.git("checkout", "-q", "--orphan", "fresh")
    result = run_cli("check", "--base", "main", cwd=git_repo.path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "branch 'fresh' has no commits yet" in result.stderr
    assert run_cli("graph", "--rev", "main", cwd=git_repo.path).returncode == 0


def test_bare_repository_reads_config_from_head(git_repo, tmp_path) -> None:
    layered_feature(git_repo)
    git_repo.checkout("main")
    bare = tmp_path / "bare.git"
    git_repo.git("clone", "-q", "--bare", str(git_repo.path), str(bare))
    code, report = check_json(tmp_path, "-C", str(bare), "check", "--base", "main",
                              "--head", "feature")
    assert code == 1
    assert [f["rule"] for f in report["findings"]] == ["DG101"]


def test_worktree_checks_its_own_branch_with_the_shared_cache(git_repo, tmp_path) -> None:
    layered_feature(git_repo)
    git_repo.checkout("main")
    worktree = tmp_path / "wt"
    git_repo.git("worktree", "add", "-q", str(worktree), "feature")
    code, report = check_json(worktree, "check", "--base", "main")
    assert code == 1 and report["findings"][0]["branches"] == ["feature"]
    assert (git_repo.path / ".git" / "driftguard" / "cache.sqlite3").exists()
    assert not (worktree / ".git").is_dir()  # the worktree's .git is a file: no cache there


def test_merge_commits_on_the_branch(git_repo) -> None:
    layered_feature(git_repo)
    git_repo.commit({"app/data.py": ""}, "undo")
    git_repo.commit({"app/other.py": ""}, "feature work")
    git_repo.checkout("main")
    git_repo.commit({"app/main_only.py": ""}, "main moves on")
    git_repo.checkout("feature")
    git_repo.git("merge", "-q", "--no-edit", "main")
    git_repo.commit({"app/data.py": "from app import api\n"}, "violation after the merge")
    code, report = check_json(git_repo.path, "check", "--base", "main", "--head", "feature")
    assert [(f["rule"], f["path"]) for f in report["findings"]] == [("DG101", "app/data.py")]
    assert report["stats"]["changed_files"] == 2  # other.py and data.py; not main_only.py


def test_renamed_module_is_one_rename_seen_by_ownership(git_repo) -> None:
    config = '[[agents]]\nbranch = "agent/*"\nowns = ["docs/**"]\n'
    git_repo.commit({"driftguard.toml": config, "app/__init__.py": "",
                     "app/old_place.py": "def f():\n    return 1\n" * 20})
    git_repo.branch("agent/move")
    git_repo.git("mv", "app/old_place.py", "app/new_place.py")
    git_repo.commit(message="move")
    moved = changes(Reader.open(git_repo.path), "main", "agent/move")
    assert [(c.status, c.path, c.old_path) for c in moved] == [
        ("renamed", "app/new_place.py", "app/old_place.py")]
    code, report = check_json(git_repo.path, "check", "--base", "main", "--head", "agent/move")
    assert sorted((f["rule"], f["path"]) for f in report["findings"]) == [
        ("DG106", "app/new_place.py"), ("DG106", "app/old_place.py")]


def test_base_ref_that_does_not_exist(git_repo) -> None:
    git_repo.commit({"app/__init__.py": ""})
    result = run_cli("check", "--base", "no-such-branch", cwd=git_repo.path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "unknown revision 'no-such-branch'" in result.stderr
    assert "fetch-depth: 0" in result.stderr  # in CI, the usual cause: the ref was not fetched
