"""Read revisions straight from the object database: no checkout, works in bare repos and worktrees.

This package is the only place that imports pygit2.
"""

from __future__ import annotations

import os
import posixpath
from pathlib import Path
from typing import TYPE_CHECKING

from driftguard.errors import GitError
from driftguard.model.facts import SourceFile

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    import pygit2

MODE_LINK = 0o120000
MODE_SUBMODULE = 0o160000
STAGED = ":staged"  # pseudo-revision: the index


class GitRepo:
    def __init__(self, repo: pygit2.Repository) -> None:
        self.repo = repo

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> GitRepo:
        import pygit2

        where = Path(path)
        if not where.exists():
            raise GitError(f"{where} does not exist", "Pass the path of a git repository with -C.")
        found = pygit2.discover_repository(str(where))
        if found is None:
            raise GitError(
                f"{where.resolve()} is not inside a git repository",
                "Run driftguard inside a git repository, or pass one with -C PATH.",
            )
        try:
            return cls(pygit2.Repository(found))
        except pygit2.GitError as exc:
            raise GitError(f"cannot open the repository at {found}: {exc}") from exc

    # -- places ---------------------------------------------------------------

    @property
    def git_dir(self) -> Path:
        return Path(self.repo.path)

    @property
    def common_dir(self) -> Path:
        """The directory shared by every worktree of the repository (holds objects and refs)."""
        commondir = self.git_dir / "commondir"
        if commondir.is_file():
            return (self.git_dir / commondir.read_text().strip()).resolve()
        return self.git_dir

    @property
    def workdir(self) -> Path | None:
        return Path(self.repo.workdir) if self.repo.workdir else None

    @property
    def name(self) -> str:
        base = self.workdir or self.common_dir
        name = base.name
        return name[:-4] if name.endswith(".git") else name

    # -- revisions ------------------------------------------------------------

    def commit(self, rev: str) -> pygit2.Commit:
        import pygit2

        if self.repo.head_is_unborn and (rev in ("HEAD", "@") or not self._has_refs()):
            where = (f"the checked-out branch {self.head_name()!r}" if self._has_refs()
                     else "the repository")  # an orphan branch beside others, or nothing yet
            raise GitError(
                f"{where} has no commits yet",
                "Commit something first; driftguard reads committed revisions (or --staged),"
                " or name another revision with --head / --rev.",
            )
        try:
            obj = self.repo.revparse_single(rev)
            return obj.peel(pygit2.Commit)
        except (KeyError, ValueError, pygit2.GitError, pygit2.InvalidSpecError) as exc:
            raise GitError(
                f"unknown revision {rev!r}",
                "Name a branch, tag or commit that exists here (git branch -a lists them);"
                " in CI, fetch it first (actions/checkout with fetch-depth: 0).",
            ) from exc

    def _has_refs(self) -> bool:
        return any(True for _ in self.repo.references)

    def resolve(self, rev: str) -> str:
        return str(self.commit(rev).id)

    def tree_id(self, rev: str) -> str:
        return str(self.commit(rev).tree_id)

    def merge_base(self, base: str, head: str) -> str:
        base_id, head_id = self.commit(base).id, self.commit(head).id
        found = self.repo.merge_base(base_id, head_id)
        if found is None:
            if self.repo.is_shallow:
                raise GitError(
                    f"no merge-base of {base} and {head}: this is a shallow clone",
                    "Fetch the full history: `git fetch --unshallow`, or in GitHub Actions"
                    " set `fetch-depth: 0` on actions/checkout.",
                )
            raise GitError(f"{base} and {head} have no common history (no merge-base)")
        return str(found)

    def head_name(self) -> str:
        """Short name of the checked-out branch, or the commit id on a detached HEAD."""
        if self.repo.head_is_unborn:
            target = self.repo.references["HEAD"].target
            return str(target).removeprefix("refs/heads/")
        if self.repo.head_is_detached:
            return str(self.repo.head.target)
        return self.repo.head.shorthand

    # -- files ----------------------------------------------------------------

    def files(self, rev: str, accept: Callable[[str], bool]) -> list[SourceFile]:
        """Regular files of a revision (or the index for STAGED) whose path is accepted."""
        if rev == STAGED:
            return self._index_files(accept)
        tree = self.commit(rev).tree
        return sorted(self._walk(tree, "", accept), key=lambda f: f.path)

    def _walk(self, tree: pygit2.Tree, prefix: str, accept: Callable[[str], bool]
              ) -> Iterator[SourceFile]:
        pending = [(tree, prefix)]  # iterative: a hostile tree may nest thousands of folders
        while pending:
            folder, where = pending.pop()
            for entry in folder:
                path = f"{where}{entry.name}"
                if entry.filemode in (MODE_SUBMODULE, MODE_LINK):
                    continue  # never follow links or enter submodules: they may point anywhere
                if entry.type_str == "tree":
                    pending.append((self.repo[entry.id], path + "/"))  # type: ignore[arg-type]
                elif entry.type_str == "blob" and accept(path):
                    yield SourceFile(path=path, blob_id=str(entry.id))

    def _index_files(self, accept: Callable[[str], bool]) -> list[SourceFile]:
        index = self.repo.index
        index.read()
        out = []
        for entry in index:
            if entry.mode in (MODE_LINK, MODE_SUBMODULE) or not accept(entry.path):
                continue
            out.append(SourceFile(path=entry.path, blob_id=str(entry.id)))
        return sorted(out, key=lambda f: f.path)

    def blob_size(self, blob_id: str) -> int:
        import pygit2

        _, size = self.repo.odb.read_header(pygit2.Oid(hex=blob_id))
        return int(size)

    def read_blob(self, blob_id: str) -> bytes:
        import pygit2

        _, data = self.repo.odb.read(pygit2.Oid(hex=blob_id))
        return bytes(data)

    def read_path(self, rev: str, path: str, *, follow: bool = True) -> bytes | None:
        """Bytes of one path at a revision (or STAGED), None if absent. A committed symlink
        is followed once, and only to a path inside the same tree."""
        if rev == STAGED:
            try:
                return self.read_blob(str(self.repo.index[path].id))
            except KeyError:
                return None
        tree = self.commit(rev).tree
        try:
            entry = tree[path]
        except KeyError:
            return None
        if entry.filemode == MODE_LINK:
            link = self.read_blob(str(entry.id)).decode("utf-8", "replace")
            target = posixpath.normpath(posixpath.join(posixpath.dirname(path), link))
            inside = not target.startswith(("/", "../")) and target != ".."
            return self.read_path(rev, target, follow=False) if follow and inside else None
        return self.read_blob(str(entry.id)) if entry.type_str == "blob" else None
