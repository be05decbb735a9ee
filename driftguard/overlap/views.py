"""One branch seen the way pairwise comparison needs it, and which pairs are worth comparing.

Everything per branch is computed once (O(branches)); pairs are only formed
between branches that share a changed path, or where one newly uses a name the
other changes: 50 branches of 10 files each make a few dozen pairs, not 1225.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations
from typing import TYPE_CHECKING

from driftguard.overlap.interface import interface_changes
from driftguard.overlap.symbols import added_names, touched
from driftguard.overlap.uses import names_of, new_uses

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from driftguard.model.consumers import Use
    from driftguard.overlap.interface import InterfaceChange
    from driftguard.overlap.model import BranchDelta, FileDelta
    from driftguard.overlap.symbols import Touch
    from driftguard.overlap.uses import Aliases

Key = tuple[str, str]  # (file key, name)


@dataclass
class BranchView:
    delta: BranchDelta
    files: dict[str, FileDelta]  # by file key
    paths: set[str]  # every path the branch changed, old and new
    touches: dict[Key, Touch]
    added: dict[Key, Touch]
    changes: list[InterfaceChange]
    uses: list[Use]

    @property
    def name(self) -> str:
        return self.delta.name

    @classmethod
    def of(cls, delta: BranchDelta) -> BranchView:
        files = {f.key: f for f in delta.files}
        return cls(
            delta, files, {p for f in delta.files for p in f.paths},
            {(f.key, q): t for f in delta.files for q, t in touched(f).items()},
            {(f.key, q): t for f in delta.files for q, t in added_names(f).items()},
            interface_changes(delta.files),
            [u for f in delta.files for u in new_uses(f)])


def candidate_pairs(views: Sequence[BranchView], aliases: Aliases | None = None,
                    focus: int | None = None) -> list[tuple[int, int]]:
    """Index pairs (i < j) that share a changed path or a changed-and-newly-used name."""
    pairs: set[tuple[int, int]] = set()
    for group in _by_path(views).values():
        pairs.update(combinations(sorted(group), 2))
    changers = _by_changed_name(views, aliases)
    if changers:
        for j, view in enumerate(views):
            for use in view.uses:
                for i in _changers_of(use.target, changers):
                    if i != j:
                        pairs.add((min(i, j), max(i, j)))
    return sorted(p for p in pairs if focus is None or focus in p)


def _by_path(views: Sequence[BranchView]) -> dict[str, set[int]]:
    out: dict[str, set[int]] = defaultdict(set)
    for i, view in enumerate(views):
        for path in view.paths:
            out[path].add(i)
    return out


def _by_changed_name(views: Sequence[BranchView], aliases: Aliases | None
                     ) -> dict[str, set[int]]:
    out: dict[str, set[int]] = defaultdict(set)
    for i, view in enumerate(views):
        for change in view.changes:
            for name in names_of(change, aliases):
                out[name].add(i)
    return out


def _changers_of(target: str, changers: dict[str, set[int]]) -> Iterable[int]:
    parts = target.split(".")
    for end in range(1, len(parts) + 1):
        yield from changers.get(".".join(parts[:end]), ())
