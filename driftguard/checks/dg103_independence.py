"""DG103 independence: none of the listed modules may import another, directly or via a chain."""

from __future__ import annotations

from itertools import permutations
from typing import TYPE_CHECKING

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

CODES = ("DG103",)
SCOPE = "state"


def run(ctx: CheckContext) -> Iterator[Finding]:
    named = members(ctx.config, ctx.head)
    for rule in rules_of_type(ctx, "independence"):
        keep = rule_filter(rule)
        label = rule_label(rule, "independence")
        listed = {m for name in rule.modules for m in named.get(name, ())}
        indirect = not getattr(rule, "allow_indirect", False)
        def outside(module: str, listed: set[str] = listed) -> bool:
            return module not in listed

        for a, b in permutations(rule.modules, 2):
            for chain in find_chains(ctx.head, named.get(a, set()), named.get(b, set()),
                                     via=outside, keep=keep, indirect=indirect):
                yield chain_finding(ctx, "DG103", rule, chain,
                                    f"{a!r} and {b!r} must be independent{named_suffix(rule)}",
                                    label, a, b)
