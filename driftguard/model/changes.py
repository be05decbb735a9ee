"""What a branch changed, file by file (produced by the git reader, read by checks)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FileChange:
    """One file changed between two revisions; paths repo-relative, forward slashes."""

    status: str  # added | modified | deleted | renamed
    path: str  # the new path (the old path for a deletion)
    old_path: str | None = None  # the base path, for renames
    lines: tuple[tuple[int, int], ...] = ()  # changed line ranges in the new file, inclusive
    old_lines: tuple[tuple[int, int], ...] = ()  # changed line ranges in the old file

    def touches(self, start: int, end: int, *, old: bool = False) -> bool:
        ranges = self.old_lines if old else self.lines
        return any(a <= end and start <= b for a, b in ranges)
