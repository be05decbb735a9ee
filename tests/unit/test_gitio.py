"""The revision reader on real repositories: revs, bare repos, worktrees, index, merge-base."""

from __future__ import annotations

import subprocess

import pytest

from driftguard.errors import GitError
from driftguard.gitio import STAGED, GitRepo


def everything(_: str) -> bool:
    return True


@pytest.fixture
def history(git_repo):
    first = git_repo.commit({"a.py": "import b\n", "b.py": ""}, "one")
    git_repo.branch("feature")
    git_repo.commit({"c.py": "import a\n", "b.py": None}, "two")
    git_repo.checkout("main")
    git_repo.commit({"d.py": ""}, "three")
    return git_repo, first


def test_files_of_any_revision_without_checkout(history) -> None:
    repo, first = history
    reader = GitRepo.open(repo.path)
    assert [f.path for f in reader.files(first, everything)] == ["a.py", "b.py"]
    assert [f.path for f in reader.files("feature", everything)] == ["a.py", "c.py"]
    assert [f.path for f in reader.files("HEAD", everything)] == ["a.py", "b.py", "d.py"]
    (a_file,) = [f for f in reader.files(first, everything) if f.path == "a.py"]
    assert reader.read_blob(a_file.blob_id) == b"import b\n"
    assert reader.read_path("feature", "c.py") == b"import a\n"
    assert reader.read_path("feature", "b.py") is None


def test_merge_base(history) -> None:
    repo, first = history
    assert GitRepo.open(repo.path).merge_base("main", "feature") == first


def test_bare_clone_and_worktree(history, tmp_path) -> None:
    repo, first = history
    bare = tmp_path / "bare.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(repo.path), str(bare)], check=True)
    assert [f.path for f in GitRepo.open(bare).files("feature", everything)] == ["a.py", "c.py"]
    worktree = tmp_path / "wt"
    repo.git("worktree", "add", "-q", str(worktree), "feature")
    reader = GitRepo.open(worktree)
    assert reader.head_name() == "feature"
    assert reader.common_dir == (repo.path / ".git").resolve()
    assert [f.path for f in reader.files("HEAD", everything)] == ["a.py", "c.py"]


def test_staged_index(history) -> None:
    repo, _ = history
    repo.write({"e.py": "import d\n"})
    repo.git("add", "e.py")
    repo.write({"f.py": "unstaged\n"})
    files = [f.path for f in GitRepo.open(repo.path).files(STAGED, everything)]
    assert files == ["a.py", "b.py", "d.py", "e.py"]


def test_symlinks_and_submodules_are_skipped(git_repo, tmp_path) -> None:
    (git_repo.path / "real.py").write_text("x = 1\n")
    (git_repo.path / "link.py").symlink_to("/etc/passwd")
    git_repo.commit(message="links")
    assert [f.path for f in GitRepo.open(git_repo.path).files("HEAD", everything)] == ["real.py"]


def test_errors(tmp_path, git_repo) -> None:
    with pytest.raises(GitError, match="not inside a git repository"):
        GitRepo.open(tmp_path)
    with pytest.raises(GitError, match="no commits yet"):
        GitRepo.open(git_repo.path).commit("HEAD")
    git_repo.commit({"a.py": ""})
    with pytest.raises(GitError, match="unknown revision 'nope'"):
        GitRepo.open(git_repo.path).commit("nope")


def test_shallow_clone_without_merge_base_says_fetch_depth(history, tmp_path) -> None:
    repo, _ = history
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth=1", "--no-single-branch",
                    f"file://{repo.path}", str(shallow)], check=True)
    reader = GitRepo.open(shallow)
    with pytest.raises(GitError) as info:
        reader.merge_base("origin/main", "origin/feature")
    assert "fetch-depth: 0" in str(info.value)
