"""Coupling metrics of one repository's package graph, and drift between two summaries.

A summary is plain JSON-able data (kept in the history store between runs):
``{"commit", "edges": [[a, b, count]], "metrics": {unit: {fan_in, fan_out,
instability}}, "cycles": [[units]]}``. Units are packages cut to ``depth`` dotted parts.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from driftguard.model.finding import Evidence, Finding, make_fingerprint

if TYPE_CHECKING:
    from driftguard.model.snapshot import Snapshot

DEPTH = 2


def summarize(snapshot: Snapshot, depth: int = DEPTH) -> dict[str, Any]:
    edges = snapshot.collapsed(depth)
    units = {".".join(m.split(".")[:depth]) for m in snapshot.modules}
    fan_in: dict[str, set[str]] = defaultdict(set)
    fan_out: dict[str, set[str]] = defaultdict(set)
    for a, b in edges:
        fan_out[a].add(b)
        fan_in[b].add(a)
    metrics = {}
    for unit in sorted(units):
        ca, ce = len(fan_in[unit]), len(fan_out[unit])
        metrics[unit] = {"fan_in": ca, "fan_out": ce,
                         "instability": round(ce / (ca + ce), 3) if ca + ce else 0.0}
    return {"commit": snapshot.commit, "depth": depth,
            "edges": sorted([a, b, n] for (a, b), n in edges.items()),
            "metrics": metrics, "cycles": _cycles(edges)}


def _cycles(edges: dict[tuple[str, str], int]) -> list[list[str]]:
    import networkx as nx

    graph = nx.DiGraph(list(edges))
    return sorted(sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1)


def drift(repo: str, before: dict[str, Any] | None, now: dict[str, Any],
          edge_sites: dict[tuple[str, str], tuple[str, int]]) -> list[Finding]:
    """DG401 new cross-module dependency, DG402 fan-out growth, DG403 new cycle."""
    if before is None:
        return []
    out: list[Finding] = []
    old_edges = {(a, b) for a, b, _ in before["edges"]}
    for a, b, count in now["edges"]:
        if (a, b) not in old_edges:
            path, line = edge_sites.get((a, b), ("", 1))
            out.append(_finding("DG401", "info", repo, path, line,
                                f"{a} now depends on {b} ({count} imports)", a, b))
    for unit, values in now["metrics"].items():
        old = before["metrics"].get(unit)
        if old and values["fan_out"] > old["fan_out"]:
            path, line = next(((p, n) for (a, _), (p, n) in edge_sites.items() if a == unit),
                              ("", 1))
            out.append(_finding("DG402", "warning", repo, path, line,
                                f"fan-out of {unit} grew from {old['fan_out']} to "
                                f"{values['fan_out']}", unit))
    old_cycles = {tuple(c) for c in before["cycles"]}
    for cycle in now["cycles"]:
        if tuple(cycle) not in old_cycles:
            path, line = next(((p, n) for (a, b), (p, n) in edge_sites.items()
                               if a in cycle and b in cycle), ("", 1))
            out.append(_finding("DG403", "warning", repo, path, line,
                                f"new cycle between {', '.join(cycle)}", *cycle))
    return out


def _finding(rule: str, severity: str, repo: str, path: str, line: int, message: str,
             *key: str) -> Finding:
    return Finding(rule=rule, severity=severity, message=message, path=path, line=line,
                   fingerprint=make_fingerprint(rule, repo, *key), repo=repo,
                   evidence=(Evidence(path, line, message),) if path else ())
