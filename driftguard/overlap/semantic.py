"""DG304 semantic conflict: one branch removes or breaks a name the other newly depends on.

Each branch passes alone (the changer updated every use it could see; the
dependant's new use was right at its merge-base); only the merge breaks.
One finding per (changed name, dependant file); it points at the dependant's
new use (what breaks), or at the change when the changer is the focus branch.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from driftguard.model.finding import Evidence, Finding, make_fingerprint
from driftguard.overlap.uses import broken_by, names_of

if TYPE_CHECKING:
    from collections.abc import Iterator

    from driftguard.model.consumers import Use
    from driftguard.overlap.interface import InterfaceChange
    from driftguard.overlap.uses import Aliases
    from driftguard.overlap.views import BranchView

VERBS = {"import": "imports", "call": "calls"}


def semantic_findings(a: BranchView, b: BranchView, aliases: Aliases | None = None
                      ) -> Iterator[Finding]:
    """Both directions; ``a`` is the focus branch (where findings point when it is the changer)."""
    yield from _one_way(a, b, aliases, focus_is_changer=True)
    yield from _one_way(b, a, aliases, focus_is_changer=False)


def _one_way(changer: BranchView, dependant: BranchView, aliases: Aliases | None,
             focus_is_changer: bool) -> Iterator[Finding]:
    for change in changer.changes:
        names = names_of(change, aliases)
        broken = [u for u in dependant.uses if broken_by(change, u, names)]
        by_file: dict[str, list[Use]] = {}
        for use in broken:
            by_file.setdefault(use.path, []).append(use)
        for _, uses in sorted(by_file.items()):
            yield _finding(changer, dependant, change, uses, focus_is_changer)


def _finding(changer: BranchView, dependant: BranchView, change: InterfaceChange,
             uses: list[Use], focus_is_changer: bool) -> Finding:
    first = min(uses, key=lambda u: u.line)
    verb = VERBS.get(first.kind, "uses")
    where = (change.path, change.line) if focus_is_changer else (first.path, first.line)
    pair = (changer.name, dependant.name) if focus_is_changer else (dependant.name, changer.name)
    return Finding(
        "DG304", "error",
        f"{changer.name} {change.describe()} while {dependant.name} newly {verb} it "
        f"({first.path}:{first.line}): each branch passes alone, the merge breaks",
        where[0], where[1],
        make_fingerprint("DG304", *sorted(pair), change.target, first.path), pair,
        (Evidence(change.path, change.line, f"{changer.name} {change.describe()}"),
         *(Evidence(u.path, u.line, f"{dependant.name}: {u.describe()}") for u in
           sorted(uses, key=lambda u: u.line))),
        extra={"symbol": change.target, "change": change.kind, "detail": change.detail,
               "interface_branch": changer.name, "dependant_branch": dependant.name,
               "use": {"path": first.path, "line": first.line, "kind": first.kind}})
