"""DG102 forbidden: source modules must not import target modules (directly, or via a chain
unless the rule allows indirect imports)."""

from __future__ import annotations

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

CODES = ("DG102",)
SCOPE = "state"


def run(ctx: CheckContext) -> Iterator[Finding]:
    named = members(ctx.config, ctx.head)
    for rule in rules_of_type(ctx, "forbidden"):
        keep = rule_filter(rule)
        label = rule_label(rule, "forbidden")
        indirect = not getattr(rule, "allow_indirect", False)
        for source in rule.source:
            for target in rule.target:
                sources, targets = named.get(source, set()), named.get(target, set())
                sources = sources - targets  # a package inside its own forbidden target
                for chain in find_chains(ctx.head, sources, targets, via=lambda m: True,
                                         keep=keep, indirect=indirect):
                    message = f"{source!r} must not import {target!r}{named_suffix(rule)}"
                    yield chain_finding(ctx, "DG102", rule, chain, message, label, source, target)
