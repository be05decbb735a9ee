"""Join the summaries of a workspace's repositories into the report's findings and figures.

Per repository: drift since its previous record (DG401-DG403, cross-repo edges
included), its open-branch overlaps, and its consumers in other repositories broken by
what it changed (DG205). ``records`` is what history keeps of this run.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from driftguard.errors import DriftguardError
from driftguard.model.finding import Finding
from driftguard.report.crossrepo import provider_of
from driftguard.report.dg205 import dg205
from driftguard.report.drift import drift, edge_keys
from driftguard.report.metrics import changes
from driftguard.report.units import unit_for

if TYPE_CHECKING:
    from collections.abc import Mapping

    from driftguard.report.contracts import Break
    from driftguard.report.crossrepo import CrossUse
    from driftguard.report.summary import RepoSummary


@dataclass
class Joined:
    findings: list[Finding] = field(default_factory=list)
    records: dict[str, dict[str, Any]] = field(default_factory=dict)
    repos: dict[str, dict[str, Any]] = field(default_factory=dict)  # stats per repository
    warnings: list[str] = field(default_factory=list)


def join(summaries: list[RepoSummary], previous: Mapping[str, dict[str, Any] | None]
         ) -> Joined:
    out = Joined()
    _no_twins(summaries)
    providers = _providers(summaries, out.warnings)
    by_name = {s.name: s for s in summaries}
    kept: dict[str, list[Break]] = defaultdict(list)  # breaks with consumers: carried forward
    for s in summaries:
        cross, sites = _cross_edges(s, providers, by_name)
        record = {**s.record(), "cross": cross}
        before = previous.get(s.name)
        out.findings += drift(s.name, before, record, {**s.sites, **sites})
        out.findings += [replace(f, repo=s.name, extra={**f.extra, "status": "open"})
                         for f in s.findings]  # open-branch overlaps
        out.findings += _new_violations(s, before)
        broken: set[tuple[str | None, str]] = set()  # (consumer unit, provider)
        for provider, uses in _uses_by_provider(s, providers).items():
            for finding, brk, units in dg205(s, by_name[provider], uses):
                out.findings.append(finding)
                kept[provider] += [brk] if brk not in kept[provider] else []
                broken.update((unit, provider) for unit in units)
        out.records[s.name] = record
        out.repos[s.name] = _repo_stats(s, record, before, providers, broken)
    for name, breaks in kept.items():
        out.records[name]["breaks"] = [b.to_json() for b in breaks]
    out.findings = sorted({f.fingerprint: f for f in out.findings}.values(),
                          key=Finding.sort_key)
    return out


def _new_violations(s: RepoSummary, before: dict[str, Any] | None) -> list[Finding]:
    """Boundary findings at head that the previous run did not have (none on a first run:
    the diagram shows every violating edge, the findings what crossed a line since)."""
    known = set(before.get("violations", [])) if before is not None else None
    return [replace(f, repo=s.name, extra={**f.extra, "status": "new"}) for f in s.violations
            if known is not None and f.fingerprint not in known]


def _no_twins(summaries: list[RepoSummary]) -> None:
    names = [s.name for s in summaries]
    twins = sorted({n for n in names if names.count(n) > 1})
    if twins:
        raise DriftguardError(f"repository {twins[0]!r} appears twice in the report",
                              "Give each workspace repository (and each --merge file's "
                              "repository) its own name.")


def _providers(summaries: list[RepoSummary], warnings: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for s in summaries:
        for name in s.provides:
            if out.setdefault(name, s.name) != s.name:
                warnings.append(f"{name} is provided by both {out[name]!r} and {s.name!r}; "
                                f"imports of it count as {out[name]!r}'s")
    return out


def _cross_edges(s: RepoSummary, providers: Mapping[str, str],
                 by_name: Mapping[str, RepoSummary]
                 ) -> tuple[list[list[Any]], dict[tuple[str, str], tuple[str, int]]]:
    counts: dict[tuple[str, str, str], int] = defaultdict(int)
    sites: dict[tuple[str, str], tuple[str, int]] = {}
    for use in s.uses:
        hit = provider_of(use.target, providers)
        if use.kind != "import" or use.unit is None or hit is None or hit[1] == s.name:
            continue
        name, repo = hit
        inside = use.target[len(name) + 1:]  # a Go import path names the provider's folder
        prefixes = by_name[repo].prefixes
        unit = unit_for(use.target, prefixes) or unit_for(inside, prefixes) or name
        counts[(use.unit, repo, unit)] += 1
        sites.setdefault((use.unit, f"{repo}:{unit}"), (use.path, use.line))
    return [[a, r, b, n] for (a, r, b), n in sorted(counts.items())], sites


def _uses_by_provider(s: RepoSummary, providers: Mapping[str, str]
                      ) -> dict[str, list[CrossUse]]:
    out: dict[str, list[CrossUse]] = defaultdict(list)
    for use in s.uses:
        hit = provider_of(use.target, providers)
        if hit is not None and hit[1] != s.name:
            out[hit[1]].append(use)
    return dict(sorted(out.items()))


def _repo_stats(s: RepoSummary, record: dict[str, Any], before: dict[str, Any] | None,
                providers: Mapping[str, str], broken: set[tuple[str | None, str]]
                ) -> dict[str, Any]:
    old = edge_keys(before) if before is not None else None
    in_cycle = {u for c in s.cycles for u in c}
    moved = changes(before["metrics"] if before else None, s.metrics)

    violating = set(s.violating)

    def flag(a: str, b: str, provider: str = "") -> str:
        if (a, provider) in broken:
            return "broken"
        if (a, b) in violating:
            return "violation"
        if old is not None and (a, b) not in old:
            return "new"
        return "cycle" if a in in_cycle and b in in_cycle else ""

    return {
        "commit": s.commit, "committed": s.committed, "base": s.base,
        "previous": before["commit"] if before else None, "provides": s.provides,
        "depends_on": sorted({r for u in s.uses if (h := provider_of(u.target, providers))
                              and (r := h[1]) != s.name}),
        "units": {u: {**m, "change": moved.get(u, {})} for u, m in s.metrics.items()},
        "edges": [[a, b, n, flag(a, b)] for a, b, n in s.edges],
        "cross": [[a, r, b, n, flag(a, f"{r}:{b}", r)] for a, r, b, n in record["cross"]],
        "cycles": s.cycles, "stats": s.stats}
