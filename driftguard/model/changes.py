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


@dataclass(frozen=True)
class BlobChange:
    """One path whose blob differs between two trees (no rename pairing): enough to
    update a graph file by file."""

    status: str  # added | modified | deleted | retyped (a file became a link or the reverse)
    path: str
    old_blob: str | None
    new_blob: str | None
    new_size: int = 0
