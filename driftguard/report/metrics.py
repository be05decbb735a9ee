"""Coupling metrics of a unit graph: fan-in (Ca), fan-out (Ce), instability, cycles.

Instability I = Ce / (Ca + Ce) (Robert C. Martin): 0 for a unit everything depends on
and that depends on nothing, 1 for a unit nothing depends on. ``imports`` counts the
import statements behind the fan-out: coupling can grow along edges that already exist.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

Metrics = dict[str, dict[str, Any]]


def unit_metrics(units: Iterable[str], counts: Mapping[tuple[str, str], int]) -> Metrics:
    fan_in: dict[str, set[str]] = defaultdict(set)
    fan_out: dict[str, set[str]] = defaultdict(set)
    imports: dict[str, int] = defaultdict(int)
    for (a, b), n in counts.items():
        fan_out[a].add(b)
        fan_in[b].add(a)
        imports[a] += n
    out: Metrics = {}
    for unit in sorted(set(units)):
        ca, ce = len(fan_in[unit]), len(fan_out[unit])
        out[unit] = {"fan_in": ca, "fan_out": ce, "imports": imports[unit],
                     "instability": round(ce / (ca + ce), 3) if ca + ce else 0.0}
    return out


def cycles(counts: Mapping[tuple[str, str], int]) -> list[list[str]]:
    """Strongly connected groups of two or more units, each sorted, in sorted order."""
    import networkx as nx

    graph = nx.DiGraph(list(counts))
    return sorted(sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1)


def changes(before: Metrics | None, now: Metrics) -> dict[str, dict[str, float]]:
    """Per unit, how each metric moved since ``before`` (new units: everything from 0)."""
    if before is None:
        return {unit: {} for unit in now}  # a first run: nothing to compare with
    out: dict[str, dict[str, float]] = {}
    for unit, values in now.items():
        old = before.get(unit, {})
        moved = {key: round(values[key] - old.get(key, 0), 3) for key in values}
        out[unit] = {k: v for k, v in moved.items() if v}
    return out


def mean_instability(metrics: Metrics) -> float:
    coupled = [m["instability"] for m in metrics.values() if m["fan_in"] or m["fan_out"]]
    return round(sum(coupled) / len(coupled), 3) if coupled else 0.0


def trend_point(started: float, record: dict[str, Any]) -> dict[str, Any]:
    """One run of one repository, as the trend charts plot it."""
    metrics = record["metrics"]
    return {"started": started, "commit": record["commit"], "units": len(metrics),
            "edges": len(record["edges"]) + len(record.get("cross", [])),
            "imports": sum(m["imports"] for m in metrics.values()),
            "cycles": len(record["cycles"]), "instability": mean_instability(metrics)}
