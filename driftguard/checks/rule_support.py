"""What boundary checks share: rule selection, severity, and chain findings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from driftguard.checks.chains import edge_filter
from driftguard.model.finding import Evidence, Finding, make_fingerprint
from driftguard.model.rules import CATALOGUE

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from driftguard.checks.base import CheckContext
    from driftguard.checks.chains import Chain
    from driftguard.model.snapshot import Edge


def rules_of_type(ctx: CheckContext, rule_type: str) -> Iterator[Any]:
    for rule in getattr(ctx.config, "rules", None) or []:
        if getattr(rule, "type", None) == rule_type and severity(ctx, rule, "") != "off":
            yield rule


def severity(ctx: CheckContext, rule: Any, code: str) -> str:
    """The config's per-code override, else the rule's own severity, else the catalogue's."""
    overrides = getattr(ctx.config, "severity", None) or {}
    if code and code in overrides:
        return str(overrides[code])
    own = getattr(rule, "severity", None)
    return str(own or (CATALOGUE[code].severity if code else "error"))


def rule_filter(rule: Any) -> Callable[[Edge], bool]:
    return edge_filter(bool(getattr(rule, "exclude_type_only", False)),
                       getattr(rule, "ignore_imports", None) or [])


def rule_label(rule: Any, fallback: str) -> str:
    return str(getattr(rule, "name", None) or fallback)


def named_suffix(rule: Any) -> str:
    """' [name]' for rules the user named, so messages say which contract broke."""
    name = getattr(rule, "name", None)
    return f" [{name}]" if name else ""


def chain_finding(ctx: CheckContext, code: str, rule: Any, chain: Chain, message: str,
                  *key: str) -> Finding:
    first = chain.first
    evidence = tuple(Evidence(e.path, e.line, f"{e.importer} -> {e.imported}")
                     for e in chain.edges)
    kind = "direct" if chain.direct else "indirect"
    return Finding(
        rule=code, severity=severity(ctx, rule, code),
        message=f"{message} ({kind}: {' -> '.join(chain.modules)})",
        path=first.path, line=first.line,
        fingerprint=make_fingerprint(code, *key, first.importer, first.imported,
                                     chain.modules[-1]),
        branches=ctx.branches, evidence=evidence if not chain.direct else evidence[:1],
    )
