"""Build BranchDeltas by hand from source text: the pure core's tests need no git."""

from __future__ import annotations

import difflib

from driftguard.languages import get_language
from driftguard.model.changes import FileChange
from driftguard.model.snapshot import Module
from driftguard.overlap.model import BranchDelta, FileDelta
from driftguard.overlap.views import BranchView

PYTHON = get_language("python")


def module(path: str, source: str | None) -> Module | None:
    if source is None:
        return None
    name = path.removeprefix("src/").removesuffix(".py").removesuffix("/__init__")
    return Module(name.replace("/", "."), path, "python", path.endswith("__init__.py"),
                  PYTHON.extract(source.encode()))


def file_delta(path: str, old: str | None, new: str | None, old_path: str | None = None
               ) -> FileDelta:
    """A FileChange with zero-context hunks, as gitio.diff reports them."""
    before = path if old_path is None else old_path
    status = ("added" if old is None else "deleted" if new is None
              else "renamed" if old_path else "modified")
    lines, old_lines = _ranges(old or "", new or "")
    change = FileChange(status, path, old_path, tuple(lines), tuple(old_lines))
    return FileDelta(change, module(before, old), module(path, new))


def _ranges(old: str, new: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    a, b = old.splitlines(), new.splitlines()
    lines, old_lines = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b).get_opcodes():
        if tag == "equal":
            continue
        lines.append((j1 + 1, j2) if j2 > j1 else (max(j1, 1), max(j1, 1)))
        if i2 > i1:
            old_lines.append((i1 + 1, i2))
    return lines, old_lines


def branch(name: str, *files: FileDelta) -> BranchView:
    return BranchView.of(BranchDelta(name, f"{name}-head", "base", files))
