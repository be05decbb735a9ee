"""DG201 symbol removed: a public name of the merge-base is gone at head and still used there.

A name is gone when its definition was removed, renamed or moved to another module,
or a re-export (``from .models import f`` in ``__init__``) was dropped, and the old
dotted name no longer resolves at head: no definition, re-export, star import,
submodule, method inherited from an internal base class or module ``__getattr__``
provides it. Consumers of the names that re-exported it at the merge-base are
broken too (``from shop.data import f`` when ``shop.data.models.f`` goes).

Where a finding points: the definition no longer exists at head, so the finding
sits at the first use in the broken consumer module (what has to be fixed);
evidence is the removed definition's merge-base location, then every use in that
module, then the first use in each other broken module. One finding per (symbol,
consumer module); fingerprint: rule, module, symbol, consumer module. Everything
found is the branch's doing (the name existed at the merge-base), so ``--all``
adds nothing here.

Language-neutral: other languages restate their imports with module names
(``imports_by_module``); relative imports (``level``) follow Python's rules. This
module also holds what the DG20x checks share (options, the memoised diff).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from driftguard.checks.rule_support import severity
from driftguard.model.consumers import (
    MISSING,
    consumers_of,
    imported_names,
    memo,
    namespace_of,
)
from driftguard.model.diff import Kind, diff_snapshots, is_contract
from driftguard.model.finding import Evidence, Finding, make_fingerprint

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from driftguard.checks.base import CheckContext
    from driftguard.model.consumers import Consumers, Namespace, Use
    from driftguard.model.diff import SnapshotDiff

CODES = ("DG201",)


@dataclass(frozen=True)
class Gone:
    module: str
    qualname: str
    how: str  # removed | renamed to 'x' | moved to a.b.x | no longer re-exported
    path: str  # where it was at the merge-base
    line: int

    @property
    def name(self) -> str:
        return f"{self.module}.{self.qualname}"


def run(ctx: CheckContext) -> Iterator[Finding]:
    level = severity(ctx, None, "DG201")
    if level == "off" or ctx.base is None:
        return
    head_ns, base_ns = namespace_of(ctx.head), namespace_of(ctx.base)
    for gone in gone_names(ctx):
        if head_ns.lookup(gone.name) != MISSING:
            continue  # still importable: re-exported, inherited or dynamic
        consumers = consumers_of(ctx.head, ctx.base)  # built once, and only when needed
        uses = broken_uses(gone, consumers, base_ns, head_ns)
        for consumer, group in group_by_module(uses).items():
            yield _finding(ctx, level, gone, consumer, group, uses)


def gone_names(ctx: CheckContext) -> Iterator[Gone]:
    assert ctx.base is not None
    diff = contract_diff(ctx)
    for change in diff.of_kind(Kind.SYMBOL_REMOVED, Kind.SYMBOL_RENAMED, Kind.SYMBOL_MOVED):
        assert change.old is not None
        how = {Kind.SYMBOL_RENAMED: f"renamed to '{change.replacement.rsplit('.', 1)[-1]}'",
               Kind.SYMBOL_MOVED: f"moved to {change.replacement}"}.get(change.kind, "removed")
        yield Gone(change.module, change.qualname, how, ctx.base.modules[change.module].path,
                   change.old.line)
    yield from _dropped_reexports(ctx)


def _dropped_reexports(ctx: CheckContext) -> Iterator[Gone]:
    assert ctx.base is not None
    private = options(ctx)[0]
    head_ns = namespace_of(ctx.head)
    for name, before in ctx.base.modules.items():
        after = ctx.head.modules.get(name)
        if after is None or before.same_source(after) or (
                before.facts.imports == after.facts.imports) or not is_public_module(ctx, name):
            continue
        scope = head_ns.scope(name)
        for imp in before.facts.imports:
            if imp.in_function or not imp.names:
                continue
            for target, bound in imported_names(before, imp):
                if bound and bound not in scope.imported and bound not in scope.defs and (
                        is_contract(bound, private)):
                    yield Gone(name, bound, f"no longer re-exported (it was {target})",
                               before.path, imp.line)


def broken_uses(gone: Gone, consumers: Consumers, base_ns: Namespace, head_ns: Namespace
                ) -> list[Use]:
    names = {gone.name} | base_ns.aliases(gone.name) | head_ns.aliases(gone.name)
    uses = {u for n in names for u in consumers.uses_of(n) if u.module != gone.module and (
        n == gone.name or head_ns.lookup(n) == MISSING)}  # an alias may still resolve
    return sorted(uses, key=lambda u: (u.path, u.line, u.target, u.kind))


def group_by_module(uses: list[Use]) -> dict[str, list[Use]]:
    out: dict[str, list[Use]] = {}
    for use in uses:
        out.setdefault(use.module, []).append(use)
    return out


def _finding(ctx: CheckContext, level: str, gone: Gone, consumer: str, group: list[Use],
             every: list[Use]) -> Finding:
    modules = group_by_module(every)
    count = len(modules)
    others = [uses[0] for name, uses in modules.items() if name != consumer]
    evidence = (Evidence(gone.path, gone.line, f"{gone.name} was here at the merge-base"),
                *(Evidence(u.path, u.line, u.describe()) for u in [*group, *others]))
    return Finding(
        rule="DG201", severity=level,
        message=(f"{gone.name} was {gone.how} but is still used by {count} "
                 f"module{'s' if count != 1 else ''}"),
        path=group[0].path, line=group[0].line,
        fingerprint=make_fingerprint("DG201", gone.module, gone.qualname, consumer),
        branches=ctx.branches, evidence=evidence,
        extra={"symbol": gone.name, "consumer": consumer},
    )


# -- shared by the DG20x checks --------------------------------------------------------------

def options(ctx: CheckContext) -> tuple[bool, Callable[[str], bool] | None]:
    """(include private names?, which modules are public API) from the duck-typed config."""
    contracts = getattr(ctx.config, "contracts", None)
    private = bool(getattr(contracts, "include_private", False))
    patterns = list(getattr(contracts, "public", None) or [])
    if not patterns or patterns == ["**"]:
        return private, None
    from driftguard.config.globs import match_dotted

    return private, lambda module: any(match_dotted(p, module, children=True)
                                       for p in patterns)


def contract_diff(ctx: CheckContext) -> SnapshotDiff:
    assert ctx.base is not None
    private, public = options(ctx)
    patterns = tuple(getattr(getattr(ctx.config, "contracts", None), "public", None) or ())
    base, head = ctx.base, ctx.head
    return memo(("diff", base, head, private, patterns),
                lambda: diff_snapshots(base, head, include_private=private, public=public))


def is_public_module(ctx: CheckContext, module: str) -> bool:
    private, public = options(ctx)
    return is_contract(module, private) and (public is None or public(module))
