"""What every check receives: the configuration, both snapshots and the branch's changes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from driftguard.model.changes import FileChange
    from driftguard.model.snapshot import Snapshot


@dataclass
class CheckContext:
    head: Snapshot
    base: Snapshot | None  # the merge-base's snapshot; None when checking one revision alone
    config: Any = None  # driftguard.config.models.Config (untyped to keep the core free of it)
    branch: str = ""  # the checked branch name ("staged" for the index)
    changes: list[FileChange] = field(default_factory=list)
    report_all: bool = False  # report everything broken at head, not only what is new

    @property
    def branches(self) -> tuple[str, ...]:
        return (self.branch,) if self.branch else ()

    def changed_paths(self) -> set[str]:
        out = {c.path for c in self.changes}
        out.update(c.old_path for c in self.changes if c.old_path)
        return out
