"""DG101 layers: a lower layer must not import a higher one, directly or through a chain.

Like import-linter's layers contract: layers are listed from highest to lowest;
a layer may be a list of siblings that must also stay independent of each other.
Chains are followed through modules outside the layers only (a chain through
another layer is that layer's own violation, reported once there).
"""

from __future__ import annotations

from itertools import combinations
from typing import TYPE_CHECKING, Any

from driftguard.checks.chains import find_chains, reach_targets
from driftguard.checks.named_modules import members
from driftguard.checks.rule_support import (
    chain_finding,
    named_suffix,
    rule_filter,
    rule_label,
    rules_of_type,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from driftguard.checks.base import CheckContext
    from driftguard.model.finding import Finding

CODES = ("DG101",)
SCOPE = "state"


def run(ctx: CheckContext) -> Iterator[Finding]:
    named = members(ctx.config, ctx.head)
    for rule in rules_of_type(ctx, "layers"):
        yield from _check_rule(ctx, rule, named)


def _check_rule(ctx: CheckContext, rule: Any, named: dict[str, set[str]]) -> Iterator[Finding]:
    levels = rule.levels()
    layered = {m for level in levels for name in level for m in named.get(name, ())}
    keep = rule_filter(rule)
    indirect = not getattr(rule, "allow_indirect", False)
    label = rule_label(rule, "layers")
    hops: dict[str, dict[str, Any]] = {}  # per higher layer: one search serves every lower one

    def pair(lower: str, higher: str, kind: str) -> Iterator[Finding]:
        targets = named.get(higher, set())
        if indirect and higher not in hops:
            # Sources need no exclusion here: every layered module is already barred from
            # the middle of a chain, and sources are layered.
            hops[higher] = reach_targets(ctx.head, set(targets), lambda m: m not in layered,
                                         keep)
        chains = find_chains(ctx.head, named.get(lower, set()), targets,
                             via=lambda m: m not in layered, keep=keep, indirect=indirect,
                             next_hop=hops.get(higher, {}))
        yield from _findings(ctx, rule, chains, label, lower, higher, kind)

    for hi, higher_level in enumerate(levels):
        for lower_level in levels[hi + 1:]:
            for higher in higher_level:
                for lower in lower_level:
                    yield from pair(lower, higher, "upward")
        for a, b in combinations(higher_level, 2):  # independent siblings of one level
            for x, y in ((a, b), (b, a)):
                yield from pair(x, y, "sibling")


def _findings(ctx: CheckContext, rule: Any, chains: list[Any], label: str, lower: str,
              higher: str, kind: str) -> Iterator[Finding]:
    verb = "imports higher layer" if kind == "upward" else "imports independent sibling layer"
    for chain in chains:
        message = f"layer {lower!r} {verb} {higher!r}{named_suffix(rule)}"
        yield chain_finding(ctx, "DG101", rule, chain, message, label, lower, higher)
