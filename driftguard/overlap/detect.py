"""DG301, DG302, DG303 and DG305 for one pair of branches (DG304 lives in semantic.py).

Within one file the strongest kind wins: a predicted conflict (DG303) covers the
same-symbol edits in that file (DG302), which cover the mere same-file edit
(DG301). A same new name (DG305) is reported whatever else happens in the file:
git merges two additions at different places silently, and the later definition
replaces the earlier one.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from driftguard.model.finding import Evidence, Finding, make_fingerprint
from driftguard.overlap.semantic import semantic_findings

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from driftguard.overlap.model import Conflicts, FileDelta
    from driftguard.overlap.uses import Aliases
    from driftguard.overlap.views import BranchView

    Severity = Callable[[str], str]  # rule code -> severity ("off": not reported)


def pair_findings(a: BranchView, b: BranchView, conflicts: Conflicts, severity: Severity,
                  aliases: Aliases | None = None) -> list[Finding]:
    """Findings of a pair; locations point into ``a``'s head (put the focus branch first)."""
    found = [*_conflicts(a, b, conflicts), *_symbols(a, b, conflicts), *_files(a, b, conflicts),
             *_new_names(a, b), *semantic_findings(a, b, aliases)]
    out = []
    for finding in found:
        level = severity(finding.rule)
        if level != "off":
            out.append(replace(finding, severity=level))
    return out


def fingerprint(rule: str, a: BranchView, b: BranchView, *parts: str) -> str:
    return make_fingerprint(rule, *sorted((a.name, b.name)), *parts)


def _conflicted_keys(a: BranchView, b: BranchView, conflicts: Conflicts) -> set[str]:
    return {key for view in (a, b) for key, f in view.files.items()
            if any(p in conflicts for p in f.paths)}


def _conflicts(a: BranchView, b: BranchView, conflicts: Conflicts) -> Iterator[Finding]:
    for path, (line_a, line_b) in sorted(conflicts.items()):
        key = next((k for k, f in a.files.items() if path in f.paths), path)
        shared = sorted(q for (k, q) in a.touches.keys() & b.touches.keys() if k == key)
        yield Finding(
            "DG303", "error", f"merging {a.name} and {b.name} will conflict in {path}",
            path, line_a, fingerprint("DG303", a, b, key), (a.name, b.name),
            (Evidence(path, line_a, f"{a.name}'s side of the conflict"),
             Evidence(path, line_b, f"{b.name}'s side of the conflict")),
            extra={"file": path, "symbols": shared})


def _symbols(a: BranchView, b: BranchView, conflicts: Conflicts) -> Iterator[Finding]:
    skip = _conflicted_keys(a, b, conflicts)
    both_added = a.added.keys() & b.added.keys()  # DG305 says it better
    for key, qualname in sorted(a.touches.keys() & b.touches.keys()):
        if key in skip or (key, qualname.split(".", 1)[0]) in both_added:
            continue
        mine, theirs = a.touches[(key, qualname)], b.touches[(key, qualname)]
        yield Finding(
            "DG302", "warning", f"{a.name} and {b.name} both edit {qualname} in {mine.path}",
            mine.path, mine.line, fingerprint("DG302", a, b, key, qualname), (a.name, b.name),
            (Evidence(mine.path, mine.line, f"{a.name} edits {qualname}"),
             Evidence(theirs.path, theirs.line, f"{b.name} edits {qualname}")),
            extra={"file": key, "symbol": qualname})


def _files(a: BranchView, b: BranchView, conflicts: Conflicts) -> Iterator[Finding]:
    skip = _conflicted_keys(a, b, conflicts) | {k for k, _ in a.touches.keys() & b.touches.keys()}
    for mine, theirs in shared_files(a, b):
        key, path = mine.key, mine.change.path
        if key in skip or theirs.key in skip:
            continue
        yield Finding(
            "DG301", "info", f"{a.name} and {b.name} both edit {path}", path, mine.first_line(),
            fingerprint("DG301", a, b, key), (a.name, b.name),
            (Evidence(path, mine.first_line(), f"{a.name}: {mine.change.status}"),
             Evidence(theirs.change.path, theirs.first_line(),
                      f"{b.name}: {theirs.change.status}")),
            extra={"file": key})


def shared_files(a: BranchView, b: BranchView) -> list[tuple[FileDelta, FileDelta]]:
    """Files both changed, matched by either side's path (so renames and re-adds count)."""
    by_path = {p: f for f in b.files.values() for p in f.paths}
    out = []
    for _, mine in sorted(a.files.items()):
        theirs = next((by_path[p] for p in mine.paths if p in by_path), None)
        if theirs is not None:
            out.append((mine, theirs))
    return out


def _new_names(a: BranchView, b: BranchView) -> Iterator[Finding]:
    for key, name in sorted(a.added.keys() & b.added.keys()):
        mine, theirs = a.added[(key, name)], b.added[(key, name)]
        yield Finding(
            "DG305", "warning", f"{a.name} and {b.name} both add {name} to {mine.path}",
            mine.path, mine.line, fingerprint("DG305", a, b, key, name), (a.name, b.name),
            (Evidence(mine.path, mine.line, f"{a.name} adds {name}"),
             Evidence(theirs.path, theirs.line, f"{b.name} adds {name}")),
            extra={"file": key, "name": name})
