"""What one branch changed since its merge-base, file by file, with the facts of both sides."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from driftguard.model.changes import FileChange
    from driftguard.model.facts import FileFacts
    from driftguard.model.snapshot import Module


@dataclass(frozen=True)
class FileDelta:
    """One changed file; ``old``/``new`` are None when absent on that side or not analysed."""

    change: FileChange
    old: Module | None = None  # the module at the merge-base (its facts, name, path)
    new: Module | None = None  # the module at the branch head

    @property
    def key(self) -> str:
        """How two branches name the same file: its path at the merge-base (renames too)."""
        return self.change.old_path or self.change.path

    @property
    def paths(self) -> tuple[str, ...]:
        old = self.change.old_path
        return (self.change.path, old) if old else (self.change.path,)

    @property
    def old_facts(self) -> FileFacts | None:
        return self.old.facts if self.old else None

    @property
    def new_facts(self) -> FileFacts | None:
        return self.new.facts if self.new else None

    def first_line(self) -> int:
        return self.change.lines[0][0] if self.change.lines else 1


@dataclass(frozen=True)
class BranchDelta:
    name: str
    head: str  # commit id
    merge_base: str  # commit id of the merge-base with the base branch
    files: tuple[FileDelta, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.files)


#: Predicted textual conflicts of a pair (a, b): path -> (line in a's head, line in b's head).
Conflicts = dict[str, tuple[int, int]]
