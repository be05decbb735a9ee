"""Drift of one repository since its previous run: DG401 new dependency between units
(inside the repository or onto another one), DG402 coupling growth, DG403 new cycle.

Both sides are history records (``summary.record``); the first run of a repository has
nothing to compare with and reports no drift.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from driftguard.model.finding import Evidence, Finding, make_fingerprint
from driftguard.model.rules import CATALOGUE

if TYPE_CHECKING:
    from collections.abc import Mapping

Sites = dict[tuple[str, str], tuple[str, int]]
GROWTH_IMPORTS = 3  # DG402: imports out of a unit grew by at least this many ...
GROWTH_SHARE = 0.25  # ... and by at least this share of what they were


def drift(repo: str, before: Mapping[str, Any] | None, now: Mapping[str, Any],
          sites: Sites) -> list[Finding]:
    if before is None:
        return []
    return [*_new_edges(repo, before, now, sites), *_growth(repo, before, now, sites),
            *_new_cycles(repo, before, now, sites)]


def edge_keys(record: Mapping[str, Any]) -> dict[tuple[str, str], int]:
    """(unit, unit) -> imports, cross-repo targets named ``repo:unit``."""
    out = {(a, b): n for a, b, n in record.get("edges", [])}
    out.update({(a, f"{r}:{b}"): n for a, r, b, n in record.get("cross", [])})
    return out


def _new_edges(repo: str, before: Mapping[str, Any], now: Mapping[str, Any], sites: Sites
               ) -> list[Finding]:
    old = edge_keys(before)
    out = []
    for (a, b), n in sorted(edge_keys(now).items()):
        if (a, b) not in old:
            path, line = sites.get((a, b), ("", 1))
            imports = f"{n} import{'s' if n != 1 else ''}"
            out.append(_finding("DG401", repo, (Evidence(path, line, f"{a} -> {b}"),),
                                f"{a} now depends on {b} ({imports})", a, b))
    return out


def _growth(repo: str, before: Mapping[str, Any], now: Mapping[str, Any], sites: Sites
            ) -> list[Finding]:
    out = []
    for unit, values in sorted(now["metrics"].items()):
        old = before["metrics"].get(unit)
        if old is None:
            continue
        grew = values["imports"] - old.get("imports", 0)
        if grew < GROWTH_IMPORTS or grew < GROWTH_SHARE * old.get("imports", 0):
            continue
        path, line = next((sites[k] for k in sorted(sites) if k[0] == unit), ("", 1))
        out.append(_finding(
            "DG402", repo, (Evidence(path, line, f"first import out of {unit}"),),
            f"coupling of {unit} grew: {values['imports']} imports of other units (was "
            f"{old.get('imports', 0)}), fan-out {values['fan_out']} (was {old['fan_out']}), "
            f"instability {values['instability']} (was {old['instability']})", unit))
    return out


def _new_cycles(repo: str, before: Mapping[str, Any], now: Mapping[str, Any], sites: Sites
                ) -> list[Finding]:
    old = [set(c) for c in before.get("cycles", [])]
    out = []
    for cycle in now.get("cycles", []):
        if any(set(cycle) <= known for known in old):
            continue
        inside = [k for k in sorted(sites) if k[0] in cycle and k[1] in cycle]
        fresh = [k for k in inside if k not in edge_keys(before)] or inside
        steps = tuple(Evidence(*sites[k], f"{k[0]} -> {k[1]}") for k in [*fresh, *inside])
        out.append(_finding("DG403", repo, tuple(dict.fromkeys(steps)),
                            f"new cycle between {', '.join(cycle)}", *cycle))
    return out


def _finding(rule: str, repo: str, evidence: tuple[Evidence, ...], message: str, *key: str
             ) -> Finding:
    """At the first piece of evidence (the import to look at), if any."""
    evidence = tuple(e for e in evidence if e.path)
    path, line = (evidence[0].path, evidence[0].line) if evidence else ("", 1)
    return Finding(rule=rule, severity=CATALOGUE[rule].severity, message=message, path=path,
                   line=line, fingerprint=make_fingerprint(rule, repo, *key), repo=repo,
                   evidence=evidence)
