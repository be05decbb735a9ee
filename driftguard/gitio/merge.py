"""What comparing branches needs from git: in-memory merges, ancestry, branch names, blob ids.

A merge is predicted with ``Repository.merge_trees`` on the object database: no
checkout, no worktree, nothing written. The ancestor is the two heads'
merge-base, as ``git merge`` picks it. libgit2 walks every entry of all three
trees (tens of milliseconds on a large repository, per pair), so a pair whose
edits cannot meet is settled first from each side's changed files, found by
walking only the subtrees that differ (once per branch): no shared file, or
shared files whose hunks lie several lines apart, merge cleanly.
"""

from __future__ import annotations

import marshal
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    import pygit2

    from driftguard.gitio.repo import GitRepo

    Entry = tuple[str, int]  # (object id, file mode) of a file
    Changes = dict[str, tuple["Entry | None", "Entry | None"]]  # path -> (before, after)

#: Unchanged lines that must separate the two sides' hunks for the shortcut to call a
#: file clean; closer hunks go to the real merge, whatever alignment the diff picks.
MARGIN = 3
MERGES_KEPT = 50_000  # predicted merges remembered (a few dozen bytes each)
MERGE_FORMAT = 1


class Memory(Protocol):
    """Where predicted merges are kept between runs (the cache, given by the engine)."""

    def get_artifact(self, kind: str, key: str) -> bytes | None: ...

    def put_artifact(self, kind: str, key: str, data: bytes, keep: int = ...) -> None: ...


@dataclass(frozen=True)
class Conflict:
    """One conflicting path, with the first conflicting line in each side's version."""

    path: str
    ours_line: int = 1
    theirs_line: int = 1


class Merges:
    """Predicts the merges of many pairs of one repository."""

    def __init__(self, repo: GitRepo, memory: Memory | None = None) -> None:
        self.repo, self.raw, self.memory = repo, repo.repo, memory
        self._changes: dict[tuple[str, str], Changes] = {}

    def conflicts(self, ours: str, theirs: str) -> list[Conflict]:
        """The paths a real ``git merge`` of ``theirs`` into ``ours`` would stop on.

        A merge depends on the three trees only: once predicted, it is remembered."""
        mine, other = self.repo.commit(ours), self.repo.commit(theirs)
        ancestor = self._ancestor(mine.id, other.id)
        key = f"{MERGE_FORMAT}:{ancestor.id}:{mine.tree_id}:{other.tree_id}"
        known = self._recall(key)
        if known is not None:
            return known
        found = self._predict(ancestor, mine.tree, other.tree)
        if self.memory is not None:
            rows = [(c.path, c.ours_line, c.theirs_line) for c in found]
            self.memory.put_artifact("merge", key, marshal.dumps(rows), MERGES_KEPT)
        return found

    def _recall(self, key: str) -> list[Conflict] | None:
        data = self.memory.get_artifact("merge", key) if self.memory is not None else None
        if data is None:
            return None
        try:
            return [Conflict(str(path), int(a), int(b)) for path, a, b in marshal.loads(data)]
        except (ValueError, TypeError, EOFError):
            return None  # unreadable: predicted again and replaced

    def _predict(self, ancestor: pygit2.Tree, mine: pygit2.Tree, other: pygit2.Tree
                 ) -> list[Conflict]:
        if self._clearly_clean(ancestor, mine, other):
            return []
        index = self.raw.merge_trees(ancestor, mine, other)
        found: dict[str, Conflict] = {}
        for before, ours_entry, theirs_entry in index.conflicts or ():
            if ours_entry is None and theirs_entry is None:
                continue  # a rename's old path, gone on both sides: git names the new path only
            path = (ours_entry or theirs_entry).path  # type: ignore[union-attr]
            if path not in found:
                found[path] = self._located(path, before, ours_entry, theirs_entry)
        return sorted(found.values(), key=lambda c: c.path)

    def _ancestor(self, a: pygit2.Oid, b: pygit2.Oid) -> pygit2.Tree:
        base = self.raw.merge_base(a, b)
        if base is not None:
            return self.raw[base].tree  # type: ignore[attr-defined,no-any-return]
        return self.raw[self.raw.TreeBuilder().write()]  # type: ignore[return-value]  # unrelated

    def _located(self, path: str, before: pygit2.IndexEntry | None,
                 mine: pygit2.IndexEntry | None, other: pygit2.IndexEntry | None) -> Conflict:
        if before is None or mine is None or other is None:
            return Conflict(path)  # added twice, or modified on one side and deleted on the other
        ours, theirs = self._hunks(before.id, mine.id), self._hunks(before.id, other.id)
        for lo_a, hi_a, line_a in ours:
            for lo_b, hi_b, line_b in theirs:
                if lo_a <= hi_b and lo_b <= hi_a:  # touching counts, as in git
                    return Conflict(path, line_a, line_b)
        return Conflict(path, ours[0][2] if ours else 1, theirs[0][2] if theirs else 1)

    def _hunks(self, old: pygit2.Oid | str, new: pygit2.Oid | str) -> list[tuple[int, int, int]]:
        """(first ancestor line, the line after the last, first line in the new file) per hunk."""
        import pygit2

        patch = pygit2.Patch.create_from(self.raw[old], self.raw[new], context_lines=0)
        if patch.delta.is_binary:
            return []
        return [(h.old_start, h.old_start + max(h.old_lines, 1), max(h.new_start, 1))
                for h in patch.hunks]

    # -- the shortcut: pairs whose edits cannot meet -----------------------------------------

    def _clearly_clean(self, ancestor: pygit2.Tree, ours: pygit2.Tree, theirs: pygit2.Tree
                       ) -> bool:
        mine, other = self._changed_since(ancestor, ours), self._changed_since(ancestor, theirs)
        if mine.keys() & _folders(other) or other.keys() & _folders(mine):
            return False  # a file on one side where the other has a folder
        adds = any(before is None for changes in (mine, other) for before, _ in changes.values())
        for path in mine.keys() & other.keys():
            (before, after), (_, theirs_after) = mine[path], other[path]
            if after == theirs_after and (after is not None or not adds):
                continue  # the same edit on both sides (a deletion only when no rename can hide)
            if before is None or after is None or theirs_after is None:
                return False  # added twice, or modified on one side and deleted on the other
            if not self._far_apart(before, after, theirs_after):
                return False
        return True

    def _far_apart(self, before: Entry, ours: Entry, theirs: Entry) -> bool:
        if ours[1] != theirs[1] and before[1] not in (ours[1], theirs[1]):
            return False  # both changed the file mode, differently
        mine, other = self._hunks(before[0], ours[0]), self._hunks(before[0], theirs[0])
        if not mine or not other:
            return False  # binary, or a mode-only change: the merge decides
        return all(lo_b - hi_a > MARGIN or lo_a - hi_b > MARGIN
                   for lo_a, hi_a, _ in mine for lo_b, hi_b, _ in other)

    def _changed_since(self, ancestor: pygit2.Tree, tree: pygit2.Tree) -> Changes:
        key = (str(ancestor.id), str(tree.id))
        if key not in self._changes:
            self._changes[key] = self._changed(ancestor, tree, "")
        return self._changes[key]

    def _changed(self, old: pygit2.Tree | None, new: pygit2.Tree | None, prefix: str
                 ) -> Changes:
        """Files that differ between two trees, descending only into subtrees that differ."""
        before = {e.name: e for e in old} if old is not None else {}
        after = {e.name: e for e in new} if new is not None else {}
        out: Changes = {}
        for name in before.keys() | after.keys():
            a, b = before.get(name), after.get(name)
            if a is not None and b is not None and a.id == b.id and a.filemode == b.filemode:
                continue
            a_tree, b_tree = self._subtree(a), self._subtree(b)
            if a_tree is not None or b_tree is not None:
                out.update(self._changed(a_tree, b_tree, f"{prefix}{name}/"))
            a_file, b_file = _file(a), _file(b)
            if a_file != b_file:
                out[prefix + name] = (a_file, b_file)
        return out

    def _subtree(self, entry: pygit2.Object | None) -> pygit2.Tree | None:
        if entry is None or entry.type_str != "tree":
            return None
        return self.raw[entry.id]  # type: ignore[return-value]


def _file(entry: pygit2.Object | None) -> Entry | None:
    if entry is None or entry.type_str == "tree":
        return None
    return str(entry.id), int(entry.filemode)


def _folders(paths: Iterable[str]) -> set[str]:
    return {path[:i] for path in paths for i, char in enumerate(path) if char == "/"}


def predict_conflicts(repo: GitRepo, ours: str, theirs: str) -> list[Conflict]:
    """One pair's predicted conflicts (``Merges`` keeps work across many pairs)."""
    return Merges(repo).conflicts(ours, theirs)


# -- ancestry, branches, blobs ------------------------------------------------------------------

def contains(repo: GitRepo, a: str, b: str) -> bool:
    """Whether one of two commits contains the other (merging them changes nothing)."""
    return is_ancestor(repo, a, b) or is_ancestor(repo, b, a)


def is_ancestor(repo: GitRepo, ancestor: str, descendant: str) -> bool:
    """Whether ``descendant`` (a commit id) already holds ``ancestor`` (or is it)."""
    import pygit2

    old, new = pygit2.Oid(hex=ancestor), pygit2.Oid(hex=descendant)
    return old == new or bool(repo.repo.descendant_of(new, old))


def branch_names(repo: GitRepo, accept: Callable[[str], bool]) -> list[str]:
    """Local branches ``accept`` takes; remote-tracking ones when no local branch matches.

    ``accept`` sees a remote-tracking branch without its remote (``agent/x`` for
    ``origin/agent/x``), so one glob serves both; the names returned are full.
    """
    branches = repo.repo.branches
    local = sorted(name for name in branches.local if accept(name))
    if local:
        return local
    return sorted(name for name in branches.remote
                  if not name.endswith("/HEAD") and accept(name.split("/", 1)[-1]))


def blob_id(repo: GitRepo, rev: str, path: str) -> str | None:
    """The blob id of ``path`` at a commit, None when absent or not a regular file."""
    try:
        entry = repo.commit(rev).tree[path]
    except KeyError:
        return None
    return str(entry.id) if entry.type_str == "blob" else None
