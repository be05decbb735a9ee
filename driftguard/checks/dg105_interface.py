"""DG105 interface: outsiders may import only what a module declares as its interface."""

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

CODES = ("DG105",)
SCOPE = "state"


def run(ctx: CheckContext) -> Iterator[Finding]:
    named = members(ctx.config, ctx.head)
    declared = {m.name: list(m.interface) for m in getattr(ctx.config, "modules", [])
                if getattr(m, "interface", None)}
    for rule in rules_of_type(ctx, "interface"):
        chosen = getattr(rule, "modules", None) or list(declared)
        for name in chosen:
            if name in declared:
                yield from _check(ctx, rule, name, named.get(name, set()), declared[name])


def allowed(module: str, interface: list[str]) -> bool:
    """An interface entry admits the named module and everything below it."""
    from driftguard.config.globs import match_dotted

    return any(match_dotted(entry, module, children=True) for entry in interface)


def _check(ctx: CheckContext, rule: Any, name: str, inside: set[str], interface: list[str]
           ) -> Iterator[Finding]:
    keep = rule_filter(rule)
    label = rule_label(rule, "interface")
    for module in sorted(inside):
        for edge in ctx.head.edges_to(module):
            if edge.importer in inside or allowed(module, interface) or not keep(edge):
                continue
            yield Finding(
                rule="DG105", severity=severity(ctx, rule, "DG105"),
                message=(f"{edge.importer} imports {module}, past the interface of {name!r} "
                         f"({', '.join(interface)}){named_suffix(rule)}"),
                path=edge.path, line=edge.line,
                fingerprint=make_fingerprint("DG105", label, edge.importer, module),
                branches=ctx.branches,
                evidence=(Evidence(edge.path, edge.line, f"{edge.importer} -> {module}"),),
            )
