"""The integrator's view: which pairs collide (by kind) and a suggested merge order.

Merge order: a branch that changes an interface another branch newly uses
(DG304) merges first, its dependants after it (they then update their new uses
on a rebase). Otherwise interface changers go before the rest, then by name.
Pairs with a predicted textual conflict, and branches that depend on each other
both ways, are flagged to reconcile by hand. Plain JSON-able data throughout.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Sequence

    from driftguard.model.finding import Finding

OVERLAP_RULES = ("DG301", "DG302", "DG303", "DG304", "DG305")


def summarize(branches: Sequence[str], findings: Sequence[Finding], changers: set[str]
              ) -> dict[str, Any]:
    matrix = collision_matrix(findings)
    after = _dependencies(findings)
    order, cycles = merge_order(branches, after, changers)
    colliding = {name for row in matrix for name in row["branches"]}
    return {
        "branches": list(branches),
        "matrix": matrix,
        "merge_order": order,
        "reconcile_by_hand": _by_hand(findings, cycles),
        "clean": [b for b in branches if b not in colliding],
    }


def collision_matrix(findings: Sequence[Finding]) -> list[dict[str, Any]]:
    """One row per colliding pair: its two branches, the rule codes and how many findings."""
    rules: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for f in findings:
        if f.rule in OVERLAP_RULES and len(f.branches) == 2:
            rules[_pair(f)][f.rule] += 1
    return [{"branches": list(pair), "rules": sorted(codes), "findings": sum(codes.values())}
            for pair, codes in sorted(rules.items())]


def _pair(f: Finding) -> tuple[str, str]:
    a, b = sorted(f.branches)
    return a, b


def _dependencies(findings: Sequence[Finding]) -> dict[str, set[str]]:
    """dependant -> the branches whose interface changes it must merge after."""
    out: dict[str, set[str]] = defaultdict(set)
    for f in findings:
        if f.rule == "DG304":
            out[f.extra["dependant_branch"]].add(f.extra["interface_branch"])
    return out


def merge_order(branches: Sequence[str], after: dict[str, set[str]], changers: set[str]
                ) -> tuple[list[dict[str, Any]], list[tuple[str, str]]]:
    """Kahn's topological order; a cycle is broken at its first branch and reported."""
    waiting = {b: set(after.get(b, ())) & set(branches) for b in branches}
    ready = [_rank(b, changers) for b in branches if not waiting[b]]
    heapq.heapify(ready)
    order: list[dict[str, Any]] = []
    cycles: list[tuple[str, str]] = []
    while len(order) < len(branches):
        if not ready:  # every branch left waits on another: a cycle
            stuck = min((b for b in waiting if waiting[b]), key=lambda b: _rank(b, changers))
            cycles.extend(tuple(sorted((stuck, o))) for o in waiting[stuck]  # type: ignore[misc]
                          if stuck in after.get(o, ()))
            waiting[stuck] = set()
            heapq.heappush(ready, _rank(stuck, changers))
            continue
        branch = heapq.heappop(ready)[1]
        order.append(_step(branch, after, changers))
        del waiting[branch]
        for other, deps in waiting.items():
            if branch in deps:
                deps.discard(branch)
                if not deps:
                    heapq.heappush(ready, _rank(other, changers))
    return order, sorted(set(cycles))


def _rank(branch: str, changers: set[str]) -> tuple[int, str]:
    return (0 if branch in changers else 1, branch)


def _step(branch: str, after: dict[str, set[str]], changers: set[str]) -> dict[str, Any]:
    needs = sorted(after.get(branch, ()))
    users = sorted(b for b, deps in after.items() if branch in deps)
    if users:
        verb = "uses" if len(users) == 1 else "use"
        reason = f"changes interfaces that {', '.join(users)} newly {verb}"
    elif needs:
        reason = f"after {', '.join(needs)}: update its new uses of their changed interfaces"
    else:
        reason = "changes interfaces" if branch in changers else ""
    return {"branch": branch, "after": needs, "reason": reason}


def _by_hand(findings: Sequence[Finding], cycles: list[tuple[str, str]]) -> list[dict[str, Any]]:
    paths: dict[tuple[str, str], list[str]] = defaultdict(list)
    for f in findings:
        if f.rule == "DG303":
            paths[_pair(f)].append(f.path)
    out = [{"branches": list(pair), "rule": "DG303",
            "reason": f"textual conflict in {', '.join(sorted(set(files)))}"}
           for pair, files in sorted(paths.items())]
    out.extend({"branches": list(pair), "rule": "DG304",
                "reason": "each changes an interface the other newly uses"} for pair in cycles)
    return out
