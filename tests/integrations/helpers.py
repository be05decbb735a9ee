"""Helpers of the integration tests: the sample repository and its pull-request
checkouts, workflow-command parsing, a committed snapshot of the working tree, session
folders shared by pytest-xdist workers, YAML and schema checks."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from repo_helpers import GitRepo

if TYPE_CHECKING:
    from collections.abc import Iterator

PROJECT_ROOT = Path(__file__).resolve().parents[2]

CONFIG = """\
[[modules]]
name = "api"
packages = ["shop.api"]

[[modules]]
name = "services"
packages = ["shop.services"]

[[modules]]
name = "data"
packages = ["shop.data"]

[[rules]]
type = "layers"
layers = ["api", "services", "data"]
"""

SHOP = {
    "driftguard.toml": CONFIG,
    "src/shop/__init__.py": "",
    "src/shop/api/__init__.py": "",
    "src/shop/api/views.py": "from shop.services import listings\n",
    "src/shop/services/__init__.py": "",
    "src/shop/services/listings.py": "from shop.data import models\n",
    "src/shop/data/__init__.py": "",
    "src/shop/data/models.py": "class Listing:\n    pass\n",
}
# Staged or committed on a branch: the data layer imports the api layer (DG101).
UPWARD_IMPORT = {"src/shop/data/models.py": "from shop.api import views\n\n\nclass Listing:\n"
                                            "    pass\n"}
CLEAN_CHANGE = {"src/shop/services/search.py": "from shop.data import models\n"}
VIOLATION_TEXT = "layer 'data' imports higher layer 'api'"
DG101_ANNOTATION = ("::error file=src/shop/data/models.py,line=1,title=DG101 layers::"
                    + VIOLATION_TEXT)


def origin_with_pull_request(path: Path, change: dict[str, str | None]) -> GitRepo:
    """A remote with main, the PR branch, and refs/pull/1/merge (what a PR checks out)."""
    origin = shop_repo(path)
    origin.branch("feature")
    origin.commit(change, "the pull request")
    origin.git("checkout", "-q", "--detach", "main")
    origin.ticks += 1
    origin.git("merge", "-q", "--no-ff", "-m", "Merge feature into main", "feature")
    origin.git("update-ref", "refs/pull/1/merge", "HEAD")
    origin.checkout("main")
    return origin


def pr_checkout(origin: GitRepo, path: Path, *, depth: int | None = None,
                branches: bool = True) -> Path:
    """actions/checkout of a pull request: the merge ref, detached. fetch-depth: 0 also
    fetches every branch as origin/<name>; the default (depth 1) fetches the merge only."""
    workspace = GitRepo(path)
    workspace.git("remote", "add", "origin", origin.path.as_uri())
    refspecs = ["+refs/pull/1/merge:refs/remotes/pull/1/merge"]
    if branches:
        refspecs.append("+refs/heads/*:refs/remotes/origin/*")
    shallow = [f"--depth={depth}"] if depth else []
    workspace.git("fetch", "-q", "--no-tags", *shallow, "origin", *refspecs)
    workspace.git("checkout", "-q", "--detach", "refs/remotes/pull/1/merge")
    return path


def workflow_commands(stdout: str) -> list[str]:
    """The lines the runner would act on: `::`-lines outside ::stop-commands:: blocks."""
    commands, token = [], None
    for line in stdout.splitlines():
        if token is not None:
            token = None if line == f"::{token}::" else token
        elif line.startswith("::stop-commands::"):
            token = line.split("::", 2)[2]
        elif line.startswith("::"):
            commands.append(line)
    return commands


def load_yaml(path: Path) -> Any:
    import yaml  # PyYAML comes with pre-commit (the test extra)

    return yaml.safe_load(path.read_text(encoding="utf-8"))


def shared_dir(factory: pytest.TempPathFactory, name: str) -> Path:
    """A folder of this test session that every xdist worker of it sees."""
    base = factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # pytest-N/popen-gwK -> pytest-N: this session's, shared
    return base / name


@contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Exclusive across processes: one worker builds, the others wait and reuse."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    with open(folder.parent / f".{folder.name}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def snapshot_project(dest: Path) -> str:
    """Commit the working tree (tracked and untracked, not ignored) into a new repo at
    ``dest``: hook and action tests install what is being written, not the last commit."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=PROJECT_ROOT, check=True, capture_output=True, text=True).stdout
    for rel in sorted(set(filter(None, listed.split("\0")))):
        source = PROJECT_ROOT / rel
        if source.is_file() and not source.is_symlink():
            target = dest / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return GitRepo(dest).commit(message="driftguard working tree")


def shop_repo(path: Path) -> GitRepo:
    repo = GitRepo(path)
    repo.commit(SHOP, "base")
    return repo


def check_jsonschema(schema: str, *files: str) -> subprocess.CompletedProcess[str]:
    pytest.importorskip("check_jsonschema", reason="check-jsonschema is not installed; it "
                        "carries SchemaStore's schemas of action.yml and workflow files")
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema",
                           schema, *files], cwd=PROJECT_ROOT, capture_output=True, text=True)
