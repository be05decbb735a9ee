"""Which definitions a branch's edits land in, and which top-level names it adds.

Old line ranges are mapped at the merge-base, new ones at the head. An edit
counts for the innermost definition holding it: changing one method of a class
touches that method, not the class (else every edit of a class would collide).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from driftguard.model.facts import Definition
    from driftguard.overlap.model import FileDelta

    Ranges = Sequence[tuple[int, int]]


@dataclass(frozen=True)
class Touch:
    """A definition a branch edits (or adds): where a user can jump to it."""

    key: str  # the file's merge-base path (see FileDelta.key)
    qualname: str
    path: str
    line: int


def touched(delta: FileDelta) -> dict[str, Touch]:
    """qualname -> Touch for every definition the branch's edits of one file land in."""
    out: dict[str, Touch] = {}
    if delta.old is not None:
        for d in edited(delta.old.facts.definitions, delta.change.old_lines):
            out[d.qualname] = Touch(delta.key, d.qualname, delta.old.path, d.line)
    if delta.new is not None:
        at_head = {d.qualname: d for d in delta.new.facts.definitions}
        for d in edited(delta.new.facts.definitions, delta.change.lines):
            out[d.qualname] = Touch(delta.key, d.qualname, delta.new.path, d.line)
        for name in list(out):  # point at the head's version when it exists
            if name in at_head:
                out[name] = Touch(delta.key, name, delta.new.path, at_head[name].line)
    return out


def added_names(delta: FileDelta) -> dict[str, Touch]:
    """Top-level names defined at the head that the merge-base's version did not define."""
    if delta.new is None:
        return {}
    before = {d.qualname for d in delta.old.facts.definitions} if delta.old else set()
    return {d.qualname: Touch(delta.key, d.qualname, delta.new.path, d.line)
            for d in delta.new.facts.definitions
            if "." not in d.qualname and d.qualname not in before}


def edited(definitions: Sequence[Definition], ranges: Ranges) -> list[Definition]:
    """Definitions with a changed line that is theirs, not one of a nested definition's."""
    if not ranges:
        return []
    children = _children(definitions)
    return [d for d in definitions
            if any(_own_overlap(d, r, children.get(d.qualname, ())) for r in ranges)]


def _children(definitions: Iterable[Definition]) -> dict[str, list[tuple[int, int]]]:
    out: dict[str, list[tuple[int, int]]] = {}
    for d in definitions:
        parent = d.qualname.rpartition(".")[0]
        if parent:
            out.setdefault(parent, []).append((d.line, d.end_line))
    return out


def _own_overlap(d: Definition, rng: tuple[int, int], kids: Sequence[tuple[int, int]]) -> bool:
    lo, hi = max(rng[0], d.line), min(rng[1], d.end_line)
    return lo <= hi and not covered(lo, hi, kids)


def covered(lo: int, hi: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Is every line of lo..hi inside one of ``spans``?"""
    cursor = lo
    for start, end in sorted(spans):
        if start > cursor:
            break
        cursor = max(cursor, end + 1)
    return cursor > hi
