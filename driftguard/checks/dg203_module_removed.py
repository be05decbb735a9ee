"""DG203 module removed: a module of the merge-base is gone at head and still imported there.

A module is gone when no module has its dotted name at head: deleted, or moved to
another name (the same definitions reappear elsewhere: the message says where).
``import a.b`` and ``from a.b import x`` need the module itself; ``from a import b``
is also satisfied when the parent package still provides the name ``b`` (say
``from . import records as b``). Every importer at head counts, including files
the branch did not touch: they are the ones it breaks.

Where a finding points: the consumer's import (the module is gone; there is no
other place at head); evidence: the module's merge-base path, then every import
of it in that consumer, then the first import in each other consumer module. One
finding per (module, consumer module); fingerprint: rule, module, consumer module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from driftguard.checks.dg201_symbol_removed import (
    contract_diff,
    group_by_module,
    is_public_module,
)
from driftguard.checks.rule_support import severity
from driftguard.model.consumers import (
    MISSING,
    Use,
    absolute_import,
    imported_names,
    namespace_of,
)
from driftguard.model.diff import Kind
from driftguard.model.finding import Evidence, Finding, make_fingerprint

if TYPE_CHECKING:
    from collections.abc import Iterator

    from driftguard.checks.base import CheckContext
    from driftguard.model.consumers import Namespace
    from driftguard.model.diff import ModuleChange
    from driftguard.model.snapshot import Module, Snapshot

CODES = ("DG203",)


def run(ctx: CheckContext) -> Iterator[Finding]:
    level = severity(ctx, None, "DG203")
    if level == "off" or ctx.base is None:
        return
    gone = {name: change for name, change in contract_diff(ctx).gone_modules().items()
            if is_public_module(ctx, name) and name in ctx.base.modules}
    if not gone:
        return
    uses: dict[str, list[Use]] = {}
    for module in ctx.head.modules.values():
        for use in broken_imports(ctx.head, module, gone):
            uses.setdefault(owner(use.target, gone) or "", []).append(use)
    for name in sorted(uses):
        every = sorted(uses[name], key=lambda u: (u.path, u.line, u.target))
        for consumer, group in group_by_module(every).items():
            yield _finding(ctx, level, gone[name], consumer, group, every)


def broken_imports(head: Snapshot, module: Module, gone: dict[str, ModuleChange]
                   ) -> Iterator[Use]:
    """Imports of ``module`` that need a gone module.

    ``import a.b`` and ``from a.b import x`` need ``a.b`` to be a module; only
    ``from a import b`` is also satisfied by an attribute ``b`` of ``a``.
    """
    head_ns = namespace_of(head)
    for imp in module.facts.imports:
        target = absolute_import(module.name, module.is_package, imp)
        if not target:
            continue
        if owner(target, gone) and not _is_module(head, target):
            yield Use(module.name, module.path, imp.line, target, "import")
            continue
        for full, bound in imported_names(module, imp) if imp.names else ():
            if bound and owner(full, gone) and missing(head_ns, full):
                yield Use(module.name, module.path, imp.line, full, "import")


def _is_module(head: Snapshot, name: str) -> bool:
    prefix, modules = name + ".", head.modules
    return name in modules or any(m.startswith(prefix) for m in modules)


def owner(target: str, modules: dict[str, ModuleChange]) -> str | None:
    """The longest prefix of ``target`` among ``modules`` (``a.b.f`` -> ``a.b``)."""
    parts = target.split(".")
    for end in range(len(parts), 0, -1):
        candidate = ".".join(parts[:end])
        if candidate in modules:
            return candidate
    return None


def missing(namespace: Namespace, target: str) -> bool:
    """No module prefix at all (a namespace package) counts as missing, unlike lookup()."""
    return namespace.module_prefix(target) is None or namespace.lookup(target) == MISSING


def _finding(ctx: CheckContext, level: str, change: ModuleChange, consumer: str,
             group: list[Use], every: list[Use]) -> Finding:
    modules = group_by_module(every)
    count = len(modules)
    how = (f"moved to {change.new_name}" if change.kind == Kind.MODULE_MOVED else "removed")
    others = [uses[0] for name, uses in modules.items() if name != consumer]
    evidence = (Evidence(change.path, 1, f"module {change.name} was here at the merge-base; "
                         f"{how}" + (f" ({change.new_path})" if change.new_path else "")),
                *(Evidence(u.path, u.line, u.describe()) for u in [*group, *others]))
    return Finding(
        rule="DG203", severity=level,
        message=(f"module {change.name} was {how} but is still imported by {count} "
                 f"module{'s' if count != 1 else ''}"),
        path=group[0].path, line=group[0].line,
        fingerprint=make_fingerprint("DG203", change.name, "", consumer),
        branches=ctx.branches, evidence=evidence,
        extra={"module": change.name, "consumer": consumer},
    )
