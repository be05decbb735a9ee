"""DG101 layers: a lower layer must not import a higher one, directly or through a chain.

Like import-linter's layers contract: layers are listed from highest to lowest;
a layer may be a list of siblings that must also stay independent of each other.
Chains are followed through modules outside the layers only (a chain through
another layer is that layer's own violation, reported once there).
"""

from __future__ import annotations

from itertools import combinations
from typing import TYPE_CHECKING, Any

from driftguard.checks.chains import find_chains
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
    for hi, higher_level in enumerate(levels):
        for lower_level in levels[hi + 1:]:
            for higher in higher_level:
                for lower in lower_level:
                    yield from _pair(ctx, rule, named, layered, keep, indirect, label,
                                     lower, higher, "upward")
        for a, b in combinations(higher_level, 2):  # independent siblings of one level
            for x, y in ((a, b), (b, a)):
                yield from _pair(ctx, rule, named, layered, keep, indirect, label, x, y,
                                 "sibling")


def _pair(ctx: CheckContext, rule: Any, named: dict[str, set[str]], layered: set[str],
          keep: Any, indirect: bool, label: str, lower: str, higher: str, kind: str
          ) -> Iterator[Finding]:
    sources, targets = named.get(lower, set()), named.get(higher, set())
    chains = find_chains(ctx.head, sources, targets, via=lambda m: m not in layered,
                         keep=keep, indirect=indirect)
    verb = "imports higher layer" if kind == "upward" else "imports independent sibling layer"
    for chain in chains:
        message = f"layer {lower!r} {verb} {higher!r}{named_suffix(rule)}"
        yield chain_finding(ctx, "DG101", rule, chain, message, label, lower, higher)
