"""Predicted textual conflicts agree with what `git merge` does on the same pairs.

Each pair is merged for real (git CLI, scratch clone); the prediction reads only
the object database (gitio.merge, pygit2 merge_trees).
"""

from __future__ import annotations

import os
import subprocess
from itertools import combinations
from pathlib import Path

import pytest
from overlap.scenario import AGENTS
from repo_helpers import GIT_ENV, GitRepo

from driftguard.gitio import GitRepo as Reader
from driftguard.gitio.merge import predict_conflicts

LINES = "".join(f"line {i}\n" for i in range(1, 9))
EDGE_CASES = {
    "edge/delete": {"notes.txt": None},  # modify/delete against edge/adjacent and edge/same-a
    "edge/adjacent": {"notes.txt": LINES.replace("line 4\n", "line four\n")},
    "edge/next-line": {"notes.txt": LINES.replace("line 5\n", "line five\n")},
    "edge/same-a": {"notes.txt": LINES.replace("line 8\n", "line eight\n")},
    "edge/same-b": {"notes.txt": LINES.replace("line 8\n", "line eight\n")},  # identical edit
    "edge/add-a": {"new.txt": "one\n"},
    "edge/add-b": {"new.txt": "two\n"},  # add/add with different contents
    "edge/rename": {"notes.txt": None, "moved/notes.txt": LINES},  # rename vs modify: clean
    "edge/top": {"notes.txt": LINES.replace("line 1\n", "line one\n")},  # far from line 8
    "edge/folder": {"new.txt/inside.txt": "x\n"},  # a folder where edge/add-* put a file
}


def git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, env={**os.environ, **GIT_ENV},
                          capture_output=True, text=True)


def real_conflicts(scratch: Path, ours: str, theirs: str) -> set[str]:
    git(scratch, "checkout", "-q", "-f", "-B", "try", f"origin/{ours}")
    merged = git(scratch, "merge", "--no-commit", "--no-ff", f"origin/{theirs}")
    unmerged = git(scratch, "diff", "--name-only", "--diff-filter=U").stdout.split()
    # a file/folder conflict: git moves the file aside as 'path~HEAD'; the path is 'path'
    found = {path.split("~", 1)[0] for path in unmerged}
    git(scratch, "merge", "--abort") if merged.returncode else git(scratch, "reset", "-q", "--hard")
    assert bool(found) == (merged.returncode != 0), merged.stdout + merged.stderr
    return found


def assert_agreement(repo: GitRepo, branches: list[str], tmp: Path) -> int:
    scratch = tmp / "scratch"
    subprocess.run(["git", "clone", "-q", str(repo.path), str(scratch)], check=True)
    reader, conflicting = Reader.open(repo.path), 0
    for ours, theirs in combinations(branches, 2):
        predicted = {c.path for c in predict_conflicts(reader, ours, theirs)}
        assert predicted == real_conflicts(scratch, ours, theirs), (ours, theirs)
        conflicting += bool(predicted)
    return conflicting


def test_agent_branches_conflict_exactly_where_git_merge_does(agents, tmp_path):
    assert assert_agreement(agents, list(AGENTS), tmp_path) == 1


@pytest.fixture
def edges(git_repo):
    git_repo.commit({"notes.txt": LINES}, "base")
    for name, files in EDGE_CASES.items():
        git_repo.branch(name)
        git_repo.commit(files, name)
    git_repo.checkout("main")
    return git_repo


def test_edge_cases_agree_with_git_merge(edges, tmp_path):
    assert assert_agreement(edges, list(EDGE_CASES), tmp_path) > 3


def test_far_apart_edits_are_settled_without_the_full_merge(edges):
    from driftguard.gitio.merge import Merges

    reader = Reader.open(edges.path)
    merges = Merges(reader)

    def clean(a: str, b: str) -> bool:
        x, y = reader.commit(a), reader.commit(b)
        return merges._clearly_clean(merges._ancestor(x.id, y.id), x.tree, y.tree)

    assert clean("edge/top", "edge/same-a") and clean("edge/add-a", "edge/same-a")
    assert not clean("edge/adjacent", "edge/next-line")
    assert not clean("edge/folder", "edge/add-a") and not clean("edge/delete", "edge/rename")


def test_conflict_lines_point_into_each_side(edges):
    (found,) = predict_conflicts(Reader.open(edges.path), "edge/adjacent", "edge/next-line")
    assert (found.path, found.ours_line, found.theirs_line) == ("notes.txt", 4, 5)
