"""DG205: a consumer in another repository of the workspace is broken.

A use (import, call, attribute) of a provider's name breaks when the name is gone at the
provider's head (removed, renamed, moved, no longer re-exported), or when a call that
fitted the old signature does not fit the new one (DG202's rules: a call through an
instance without ``self``). Where a finding points: the consumer's first broken use in
a file, in the consumer's repository; evidence: the provider's change, then every broken
use in that file. One finding per (provider name, consumer file); fingerprint: rule,
consumer, provider, name, file. A break found since the provider's previous run is
``new``; one carried from an earlier run and still unrepaired is ``ongoing``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from driftguard.model.diff import bind_call, call_break
from driftguard.model.finding import Evidence, Finding, make_fingerprint
from driftguard.model.rules import CATALOGUE

if TYPE_CHECKING:
    from collections.abc import Iterator

    from driftguard.model.diff import CallProblem
    from driftguard.report.contracts import Break
    from driftguard.report.crossrepo import CrossUse
    from driftguard.report.summary import RepoSummary


def dg205(consumer: RepoSummary, provider: RepoSummary, uses: list[CrossUse]
          ) -> list[tuple[Finding, Break, set[str | None]]]:
    """(finding, the break, the consumer's units it hits) per (break, consumer file)."""
    return [(_finding(consumer, provider, brk, path, group), brk, {u.unit for u, _ in group})
            for brk, path, group in broken_uses(uses, provider.breaks)]


def _finding(consumer: RepoSummary, provider: RepoSummary, brk: Break, path: str,
             group: list[tuple[CrossUse, str]]) -> Finding:
    use, reason = group[0]
    more = f" (and {len(group) - 1} more uses there)" if len(group) > 1 else ""
    status = "new" if brk.since == provider.base else "ongoing"
    since = f"since {brk.since[:12]}" + ("" if status == "new" else ", still broken")
    why = f": {reason}" if reason else ""
    message = (f"{brk.name} {brk.how} in repository {provider.name!r} ({since}){why}; "
               f"repository {consumer.name!r} still uses it at {path}:{use.line}{more}")
    evidence = (Evidence(brk.path, brk.line, f"{provider.name}: {brk.name} {brk.how}"),
                *(Evidence(u.path, u.line, f"{consumer.name}: {u.describe()}") for u, _ in group))
    return Finding(
        rule="DG205", severity=CATALOGUE["DG205"].severity, message=message, path=path,
        line=use.line, repo=consumer.name, evidence=evidence,
        fingerprint=make_fingerprint("DG205", consumer.name, provider.name, brk.name, path),
        extra={"provider": provider.name, "symbol": brk.name, "status": status,
               "since": brk.since})


def broken_by(use: CrossUse, brk: Break) -> str | None:
    """Why ``use`` breaks under ``brk``: "" when the name is gone, what no longer fits a
    changed signature, None when it does not break."""
    if brk.gone:
        hit = any(use.target == n or use.target.startswith(n + ".") for n in brk.names)
        return "" if hit else None
    if use.kind != "call" or use.target not in brk.names:
        return None
    calls = (brk.bound or brk.direct) if use.via_instance else brk.direct
    if calls is None:
        return None
    old, new = calls
    problem = call_break(old, new, use.positional, use.keywords, use.star_args)
    if problem is None or bind_call(old, use.positional, use.keywords, use.star_args):
        return None  # fits, or did not fit the old signature either: not this change
    return _problem(problem)


def _problem(problem: CallProblem) -> str:
    p = problem.param
    return {"unexpected-keyword": f"it no longer takes '{p}='",
            "too-many-positional": f"it takes at most {problem.limit} positional arguments",
            "missing": f"'{p}' is now required",
            "duplicate": f"'{p}' is passed twice after a reorder",
            "swallowed": f"'{p}' was removed; the argument lands in *args",
            }.get(problem.kind, f"'{p}' changed position")


def broken_uses(uses: list[CrossUse], breaks: list[Break]
                ) -> Iterator[tuple[Break, str, list[tuple[CrossUse, str]]]]:
    """Per (break, consumer file): the broken uses there, with their reasons. A use is
    counted once, for the first break that explains it (a renamed function before the
    re-export that went with it)."""
    taken: set[CrossUse] = set()
    for brk in breaks:
        by_path: dict[str, list[tuple[CrossUse, str]]] = {}
        for use in uses:
            reason = None if use in taken else broken_by(use, brk)
            if reason is not None:
                by_path.setdefault(use.path, []).append((use, reason))
                taken.add(use)
        for path, group in sorted(by_path.items()):
            yield brk, path, group
