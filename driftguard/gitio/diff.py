"""Which files and lines changed between two revisions (or a revision and the index)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from driftguard.model.changes import BlobChange, FileChange

if TYPE_CHECKING:
    import pygit2

    from driftguard.gitio.repo import GitRepo

STATUS = {"A": "added", "M": "modified", "D": "deleted", "R": "renamed", "T": "modified",
          "C": "added"}


class TreeDiff:
    """One diff from commit ``base`` (None: the empty tree of a repo with no commits yet)
    to ``head`` (a commit, or None for the staged index), read as files and lines changed
    or as blobs changed: one diff serves both, patches are read only for lines."""

    def __init__(self, repo: GitRepo, base: str | None, head: str | None) -> None:
        import pygit2

        raw = repo.repo
        base_tree = repo.commit(base).tree if base else raw[raw.TreeBuilder().write()]
        if head is None:
            index = raw.index
            index.read()
            self.diff = index.diff_to_tree(base_tree, context_lines=0)
        else:
            self.diff = raw.diff(base_tree, repo.commit(head).tree, context_lines=0)
        self.diff.find_similar(flags=pygit2.enums.DiffFind.FIND_RENAMES)
        self._files: list[FileChange] | None = None

    def files(self) -> list[FileChange]:
        if self._files is None:
            self._files = sorted((_change(patch) for patch in self.diff), key=lambda c: c.path)
        return self._files

    def blobs(self) -> list[BlobChange]:
        """Paths whose blob differs, both ids known; a rename is its deletion and addition,
        links and submodules are "retyped": a caller updating regular files in place falls
        back to a full build on anything else."""
        out = []
        for delta in self.diff.deltas:
            old, new = delta.old_file, delta.new_file
            status = STATUS.get(delta.status_char(), "modified")
            if status == "renamed":
                out.append(BlobChange("deleted", old.path, str(old.id), None))
                out.append(BlobChange("added", new.path, None, str(new.id), new.size))
                continue
            regular = all(f.mode in (0o100644, 0o100755, 0) for f in (old, new))
            if status == "modified" and not (regular and delta.status_char() == "M"):
                status = "retyped"
            out.append(BlobChange(status, new.path if status != "deleted" else old.path,
                                  None if status == "added" else str(old.id),
                                  None if status == "deleted" else str(new.id), new.size))
        return out


def changes(repo: GitRepo, base: str | None, head: str | None) -> list[FileChange]:
    """Files and line ranges changed from ``base`` to ``head`` (see TreeDiff)."""
    return TreeDiff(repo, base, head).files()


def _delta_change(delta: pygit2.DiffDelta) -> FileChange:
    status = STATUS.get(delta.status_char(), "modified")
    path = delta.old_file.path if status == "deleted" else delta.new_file.path
    old = delta.old_file.path if status == "renamed" else None
    return FileChange(status, path, old)


def _change(patch: pygit2.Patch) -> FileChange:
    base = _delta_change(patch.delta)
    new_ranges, old_ranges = [], []
    for hunk in patch.hunks:
        if hunk.new_lines:
            new_ranges.append((hunk.new_start, hunk.new_start + hunk.new_lines - 1))
        else:  # a pure deletion: mark the line the removal sits after
            new_ranges.append((max(hunk.new_start, 1), max(hunk.new_start, 1)))
        if hunk.old_lines:
            old_ranges.append((hunk.old_start, hunk.old_start + hunk.old_lines - 1))
    return FileChange(base.status, base.path, base.old_path, tuple(new_ranges), tuple(old_ranges))
