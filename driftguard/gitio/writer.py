"""Write commits straight into the object database (used by `driftguard demo`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

    import pygit2

IDENTITY = ("driftguard demo", "demo@driftguard.invalid")
EPOCH = 1_767_225_600  # 2026-01-01, so demo commit ids are reproducible


def init_repo(path: Path) -> pygit2.Repository:
    import pygit2

    return pygit2.init_repository(str(path), initial_head="main")


def commit_files(repo: pygit2.Repository, branch: str, files: Mapping[str, str | None],
                 message: str, parent_branch: str | None = None, tick: int = 0) -> str:
    """Commit ``files`` (path -> text, None deletes) on ``branch``, starting from its tip
    (or ``parent_branch``'s tip for a new branch). Returns the commit id."""
    import pygit2

    ref_name = f"refs/heads/{branch}"
    start = ref_name if ref_name in repo.references else (
        f"refs/heads/{parent_branch}" if parent_branch else None)
    parents = [repo.references[start].target] if start and start in repo.references else []
    index = pygit2.Index()
    if parents:
        index.read_tree(repo[parents[0]].tree)
    for path, text in files.items():
        if text is None:
            if path in index:
                index.remove(path)
            continue
        blob = repo.create_blob(text.encode("utf-8"))
        index.add(pygit2.IndexEntry(path, blob, pygit2.GIT_FILEMODE_BLOB))
    tree = index.write_tree(repo)
    signature = pygit2.Signature(*IDENTITY, time=EPOCH + tick * 60, offset=0)
    oid = repo.create_commit(ref_name, signature, signature, message, tree, parents)
    return str(oid)
