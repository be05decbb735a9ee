"""DG104 cycle: named modules (of an `acyclic` rule, default all) must not import each other
in a cycle. The engine keeps only cycles the branch introduces (absent at the merge-base)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from driftguard.checks.named_modules import members
from driftguard.checks.rule_support import (
    named_suffix,
    rule_filter,
    rule_label,
    rules_of_type,
    severity,
)
from driftguard.model.finding import Evidence, Finding, make_fingerprint

if TYPE_CHECKING:
    from collections.abc import Iterator

    from driftguard.checks.base import CheckContext
    from driftguard.model.snapshot import Edge

CODES = ("DG104",)
SCOPE = "state"
MAX_CYCLES = 50  # per rule: past this the report says "and more", not every rotation


def run(ctx: CheckContext) -> Iterator[Finding]:
    named = members(ctx.config, ctx.head)
    for rule in rules_of_type(ctx, "acyclic"):
        chosen = list(getattr(rule, "modules", None) or named)
        yield from _cycles(ctx, rule, {n: named.get(n, set()) for n in chosen})


def _collapsed(ctx: CheckContext, rule: Any, groups: dict[str, set[str]]
               ) -> dict[tuple[str, str], Edge]:
    owner = {m: name for name, mods in groups.items() for m in mods}
    keep = rule_filter(rule)
    first: dict[tuple[str, str], Edge] = {}
    for edge in sorted(ctx.head.edges, key=lambda e: (e.path, e.line)):
        a, b = owner.get(edge.importer), owner.get(edge.imported)
        if a and b and a != b and keep(edge):
            first.setdefault((a, b), edge)
    return first


def _cycles(ctx: CheckContext, rule: Any, groups: dict[str, set[str]]) -> Iterator[Finding]:
    import networkx as nx

    edges = _collapsed(ctx, rule, groups)
    graph = nx.DiGraph(list(edges))
    label = rule_label(rule, "acyclic")
    for count, cycle in enumerate(nx.simple_cycles(graph)):
        if count >= MAX_CYCLES:
            break
        start = cycle.index(min(cycle))
        cycle = cycle[start:] + cycle[:start]
        steps = [edges[(a, b)] for a, b in zip(cycle, cycle[1:] + cycle[:1], strict=True)]
        yield Finding(
            rule="DG104", severity=severity(ctx, rule, "DG104"),
            message=(f"import cycle between modules: {' -> '.join([*cycle, cycle[0]])}"
                     f"{named_suffix(rule)}"),
            path=steps[-1].path, line=steps[-1].line,
            fingerprint=make_fingerprint("DG104", label, *cycle),
            branches=ctx.branches,
            evidence=tuple(Evidence(e.path, e.line, f"{e.importer} -> {e.imported}")
                           for e in steps),
        )
