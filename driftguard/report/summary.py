"""One repository's summary for the report: what a CI job per repository writes with
``--snapshot-out`` and ``--merge`` joins, and (cut down by ``record``) what history keeps.

Everything the join needs travels here, so a report merged from per-repository files
and a report of the whole workspace in one run are computed by the same code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from driftguard.model.finding import Evidence, Finding
from driftguard.report.contracts import Break
from driftguard.report.crossrepo import CrossUse
from driftguard.report.metrics import cycles, unit_metrics
from driftguard.report.units import prefixes, unit_edges, units_of

if TYPE_CHECKING:
    from collections.abc import Mapping

    from driftguard.model.snapshot import Snapshot

FORMAT = "driftguard-snapshot/1"


@dataclass
class RepoSummary:
    name: str
    commit: str
    committed: float  # the commit's time (seconds since the epoch)
    base: str | None  # the commit contract changes are measured from (None: first run)
    metrics: dict[str, dict[str, Any]]  # unit -> fan_in, fan_out, imports, instability
    edges: list[tuple[str, str, int]]  # (unit, unit, imports)
    sites: dict[tuple[str, str], tuple[str, int]]  # (unit, unit) -> first import
    cycles: list[list[str]]
    provides: list[str] = field(default_factory=list)
    prefixes: dict[str, str] = field(default_factory=dict)  # name prefix -> unit
    uses: list[CrossUse] = field(default_factory=list)  # of names from outside
    breaks: list[Break] = field(default_factory=list)  # contracts broken since ``base``
    findings: list[Finding] = field(default_factory=list)  # open-branch overlaps
    baseline: dict[str, Any] | None = None  # record of a --since revision: drift is against it
    violations: list[Finding] = field(default_factory=list)  # its boundary rules, at head
    violating: list[tuple[str, str]] = field(default_factory=list)  # unit edges they follow
    warnings: list[str] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name, "commit": self.commit, "committed": self.committed,
            "base": self.base, "metrics": self.metrics, "edges": [list(e) for e in self.edges],
            "sites": [[a, b, p, n] for (a, b), (p, n) in sorted(self.sites.items())],
            "cycles": self.cycles, "provides": self.provides, "prefixes": self.prefixes,
            "uses": [list(u) for u in self.uses], "breaks": [b.to_json() for b in self.breaks],
            "findings": [finding_json(f) for f in self.findings], "baseline": self.baseline,
            "violations": [finding_json(f) for f in self.violations],
            "violating": [list(e) for e in self.violating], "warnings": self.warnings,
            "stats": self.stats}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RepoSummary:
        return cls(
            data["name"], data["commit"], data["committed"], data["base"], data["metrics"],
            [(a, b, n) for a, b, n in data["edges"]],
            {(a, b): (p, n) for a, b, p, n in data["sites"]}, data["cycles"],
            data["provides"], data["prefixes"],
            [CrossUse(u, p, ln, t, k, pos, tuple(kw), st, vi)
             for u, p, ln, t, k, pos, kw, st, vi in data["uses"]],
            [Break.from_json(b) for b in data["breaks"]],
            [finding_from_json(f) for f in data["findings"]], data["baseline"],
            [finding_from_json(f) for f in data["violations"]],
            [(a, b) for a, b in data["violating"]], data["warnings"], data["stats"])

    def record(self) -> dict[str, Any]:
        """What history keeps of this run (cross-repo edges and breaks are added by the join)."""
        return {"commit": self.commit, "committed": self.committed, "metrics": self.metrics,
                "edges": [list(e) for e in self.edges], "cycles": self.cycles,
                "violations": sorted({f.fingerprint for f in self.violations})}


def architecture(snapshot: Snapshot, named: Mapping[str, str] | None = None,
                 named_packages: Mapping[str, list[str]] | None = None
                 ) -> tuple[dict[str, str], RepoSummary]:
    """(module -> unit, a summary holding the units' graph and metrics) of one snapshot;
    ``named``: the config's named modules (module -> name) and their packages."""
    units = units_of({m.name: m.path for m in snapshot.modules.values()}, named)
    counts, sites = unit_edges(snapshot.edges, units)
    summary = RepoSummary(
        name="", commit=snapshot.commit or "", committed=0.0, base=None,
        metrics=unit_metrics(units.values(), counts),
        edges=[(a, b, n) for (a, b), n in sorted(counts.items())], sites=sites,
        cycles=cycles(counts), prefixes=prefixes(units, named_packages))
    return units, summary


def snapshot_file(summaries: list[RepoSummary]) -> dict[str, Any]:
    return {"format": FORMAT, "repos": [s.to_json() for s in summaries]}


def read_snapshot_file(data: Any) -> list[RepoSummary]:
    """The summaries of a ``--snapshot-out`` file; ValueError when it is not one."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError(f"not a {FORMAT} file")
    try:
        return [RepoSummary.from_json(r) for r in data["repos"]]
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"damaged {FORMAT} file ({exc!r})") from exc


def finding_json(finding: Finding) -> dict[str, Any]:
    return {"rule": finding.rule, "severity": finding.severity, "message": finding.message,
            "path": finding.path, "line": finding.line, "fingerprint": finding.fingerprint,
            "branches": list(finding.branches), "repo": finding.repo, "extra": finding.extra,
            "evidence": [[e.path, e.line, e.text] for e in finding.evidence]}


def finding_from_json(data: dict[str, Any]) -> Finding:
    return Finding(data["rule"], data["severity"], data["message"], data["path"], data["line"],
                   data["fingerprint"], tuple(data["branches"]),
                   tuple(Evidence(p, n, t) for p, n, t in data["evidence"]), data["repo"],
                   dict(data["extra"]))
