"""The pre-edit question: which other branches already edit this file, and which of its symbols?

The engine hands over, per other branch, only the delta of that one file (its
blobs parsed, nothing else): cheap enough to ask before every edit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from driftguard.model.finding import Evidence, Finding, make_fingerprint
from driftguard.overlap.symbols import touched

if TYPE_CHECKING:
    from collections.abc import Sequence

    from driftguard.overlap.model import BranchDelta, FileDelta


def file_findings(path: str, current: str, deltas: Sequence[BranchDelta], severity: str
                  ) -> list[Finding]:
    """One DG301 per other branch whose changes include ``path`` (or moved it)."""
    out = []
    for delta in deltas:
        found = next((f for f in delta.files if path in f.paths), None)
        if found is not None and delta.name != current:
            out.append(_finding(path, current, delta.name, found, severity))
    return out


def _finding(path: str, current: str, other: str, delta: FileDelta, severity: str) -> Finding:
    symbols = sorted(touched(delta).values(), key=lambda t: (t.line, t.qualname))
    names = ", ".join(t.qualname for t in symbols)
    status = delta.change.status
    what = f"edits {names} in {path}" if names else f"has {status} {path}"
    evidence = [Evidence(t.path, t.line, f"{other} edits {t.qualname}") for t in symbols]
    line = symbols[0].line if symbols and symbols[0].path == path else delta.first_line()
    return Finding(
        "DG301", severity, f"{other} already {what}", path, line,
        make_fingerprint("DG301", *sorted((current, other)), delta.key),
        (current, other) if current else (other,),
        tuple(evidence) or (Evidence(delta.change.path, delta.first_line(),
                                     f"{other}: {status}"),),
        extra={"file": path, "symbols": [t.qualname for t in symbols], "status": status})


def touched_by(findings: Sequence[Finding]) -> list[dict[str, Any]]:
    """The stats of a --file run: per touching branch, its symbols in the file."""
    return [{"branch": f.branches[-1], "symbols": f.extra["symbols"],
             "status": f.extra["status"]} for f in findings]
