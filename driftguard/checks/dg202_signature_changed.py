"""DG202 signature changed: a function, method or class changed its parameters and calls break.

Only calls that actually break count: a renamed parameter breaks the callers that
pass it by keyword, a new required parameter the calls that do not supply it, a
removed parameter the calls that pass it (by keyword, or by position beyond what
the new signature takes), a reordered one the calls that pass it by position. A
class is checked through its ``__init__``; a method called through an instance
(``x = a.Cls(); x.m(...)``) without ``self``. Signatures hidden behind
``property``/``overload`` decorators, or calls made with ``*args``/``**kwargs``
beyond what can be known, are not judged.

Where a finding points: the changed definition at head (the change under review);
evidence: that definition with its old and new signature, then every broken call in
the consumer module. One finding per (symbol, consumer module); fingerprint: rule,
module, symbol, consumer module. By default only calls that fitted the merge-base
signature (the branch broke them); ``--all`` also reports calls that did not fit
before either.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from driftguard.checks.dg201_symbol_removed import contract_diff, group_by_module
from driftguard.checks.rule_support import severity
from driftguard.model.consumers import consumers_of, namespace_of
from driftguard.model.diff import (
    FAMILY,
    Kind,
    bind_call,
    call_break,
    compare_signatures,
    renamed_params,
    without_self,
)
from driftguard.model.finding import Evidence, Finding, make_fingerprint

if TYPE_CHECKING:
    from collections.abc import Iterator

    from driftguard.checks.base import CheckContext
    from driftguard.model.consumers import Use
    from driftguard.model.diff import CallProblem, SymbolChange
    from driftguard.model.facts import Definition, Signature
    from driftguard.model.snapshot import Snapshot

CODES = ("DG202",)
OPAQUE = {"property", "cached_property", "overload", "setter", "getter", "deleter"}

Broken = tuple["Use", "CallProblem", "Signature", "Signature"]


def run(ctx: CheckContext) -> Iterator[Finding]:
    level = severity(ctx, None, "DG202")
    if level == "off" or ctx.base is None:
        return
    head_ns = namespace_of(ctx.head)
    for change in contract_diff(ctx).of_kind(Kind.SIGNATURE_CHANGED, Kind.KIND_CHANGED):
        if change.kind == Kind.SIGNATURE_CHANGED and not change.breaking:
            continue
        consumers = consumers_of(ctx.head, ctx.base)  # built once, and only when needed
        symbol = change.qualname.removesuffix(".__init__")
        name = f"{change.module}.{symbol}"
        calls = {u for n in {name} | head_ns.aliases(name) for u in consumers.calls_of(n)
                 if u.module != change.module}
        broken = [b for u in sorted(calls, key=lambda u: (u.path, u.line))
                  if (b := _broken(ctx, change.module, symbol, u)) is not None]
        by_module = group_by_module([b[0] for b in broken])
        for consumer, uses in by_module.items():
            group = [b for b in broken if b[0] in uses]
            yield _finding(ctx, level, change, name, consumer, group)


def _broken(ctx: CheckContext, module: str, symbol: str, use: Use) -> Broken | None:
    assert ctx.base is not None
    old = call_signature(ctx.base, module, symbol, use)
    new = call_signature(ctx.head, module, symbol, use)
    if old is None or new is None:
        return None
    problem = call_break(old, new, use.positional, use.keywords, use.star_args)
    if problem is None:
        return None
    if not ctx.report_all and bind_call(old, use.positional, use.keywords, use.star_args):
        return None  # already broken at the merge-base: not this branch's doing
    return use, problem, old, new


def call_signature(snapshot: Snapshot, module: str, qualname: str, use: Use
                   ) -> Signature | None:
    """The parameters a call of ``qualname`` binds to, as the call site sees them."""
    if module not in snapshot.modules:
        return None
    defs = namespace_of(snapshot).scope(module).defs
    found = defs.get(qualname)
    if found is not None and found.kind == "class":
        init = defs.get(f"{qualname}.__init__")
        sig = _plain(init)
        return without_self(sig) if sig else None
    sig = _plain(found)
    if found is None or sig is None or found.kind != "method":
        return sig
    names = _decorator_names(found)
    if "staticmethod" in names:
        return sig
    return without_self(sig) if use.via_instance or "classmethod" in names else sig


def _plain(found: Definition | None) -> Signature | None:
    if found is None or FAMILY.get(found.kind) != "callable" or found.signature is None:
        return None
    return None if _decorator_names(found) & OPAQUE else found.signature


def _decorator_names(found: Definition) -> set[str]:
    return {d.split("(", 1)[0].rsplit(".", 1)[-1] for d in found.decorators}


def _finding(ctx: CheckContext, level: str, change: SymbolChange, name: str, consumer: str,
             group: list[Broken]) -> Finding:
    assert change.new is not None
    use, problem, old, new = group[0]
    path = ctx.head.modules[change.module].path
    more = len(group) - 1
    message = explain(problem, old, new, name, use) + (
        f" (and {more} more call{'s' if more != 1 else ''} in {consumer})" if more else "")
    evidence = (Evidence(path, change.new.line,
                         f"{name}{new.render()} was {name}{old.render()} at the merge-base"),
                *(Evidence(u.path, u.line, f"{u.describe()}: {explain(p, o, n, name, u)}")
                  for u, p, o, n in group))
    return Finding(
        rule="DG202", severity=level, message=message, path=path, line=change.new.line,
        fingerprint=make_fingerprint("DG202", change.module, name[len(change.module) + 1:],
                                     consumer),
        branches=ctx.branches, evidence=evidence,
        extra={"symbol": name, "consumer": consumer},
    )


def explain(problem: CallProblem, old: Signature, new: Signature, name: str, use: Use) -> str:
    at, p = f"{use.path}:{use.line}", problem.param
    kinds = {c.name: c.kind for c in compare_signatures(old, new)}
    if problem.kind == "unexpected-keyword":
        renames = renamed_params(old, new)
        if p in renames:
            return f"parameter '{p}' of {name} was renamed to '{renames[p]}'; {at} passes {p}="
        if kinds.get(p) == Kind.PARAMETER_NOW_POSITIONAL_ONLY:
            return f"parameter '{p}' of {name} is now positional-only; {at} passes {p}="
        gone = "was removed" if kinds.get(p) == Kind.PARAMETER_REMOVED else "is not accepted"
        return f"parameter '{p}' of {name} {gone}; {at} passes {p}="
    if problem.kind == "too-many-positional":
        return (f"{name} now takes at most {problem.limit} positional argument"
                f"{'s' if problem.limit != 1 else ''}{_cause(kinds)}; {at} passes "
                f"{use.positional}")
    if problem.kind == "missing":
        if kinds.get(p) == Kind.DEFAULT_REMOVED:
            return f"parameter '{p}' of {name} no longer has a default; {at} does not pass it"
        return f"{name} has a new required parameter '{p}'; {at} does not pass it"
    if problem.kind == "duplicate":
        return (f"parameters of {name} changed order; {at} passes '{p}' both by position "
                "and by keyword")
    if problem.kind == "swallowed":
        return f"parameter '{p}' of {name} was removed; {at} passes it by position"
    return f"parameter '{p}' of {name} changed position; {at} passes it by position"


def _cause(kinds: dict[str, Kind]) -> str:
    for param, kind in kinds.items():
        if kind in (Kind.PARAMETER_NOW_KEYWORD_ONLY, Kind.PARAMETER_REMOVED,
                    Kind.VAR_POSITIONAL_REMOVED):
            what = {Kind.PARAMETER_NOW_KEYWORD_ONLY: "is now keyword-only"}.get(
                kind, "was removed")
            star = "*" if kind == Kind.VAR_POSITIONAL_REMOVED else ""
            return f" ('{star}{param}' {what})"
    return ""
