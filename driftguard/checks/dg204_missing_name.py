"""DG204 missing name: an import of an internal module or name that does not exist at head.

``from a import nope`` where ``a`` is internal and has no definition, import,
submodule, ``__all__``-exported star import or ``__getattr__`` that provides
``nope``; ``import a.nope`` where no module ``a.nope`` exists. Names that existed at
the merge-base as contracts are DG201's business (removed while used) and gone
modules DG203's; DG204 is about imports that never could work.

By default only imports the branch added (the same module did not import that
name at the merge-base); ``--all`` reports every such import at head. Imports under
``try``/``if`` are skipped: they usually come with a fallback. Where a finding
points: the import; fingerprint: rule, imported module, name, consumer module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from driftguard.checks.dg201_symbol_removed import is_public_module
from driftguard.checks.dg203_module_removed import missing
from driftguard.checks.rule_support import severity
from driftguard.model.consumers import (
    FOUND,
    absolute_import,
    imported_names,
    namespace_of,
)
from driftguard.model.diff import is_contract
from driftguard.model.finding import Evidence, Finding, make_fingerprint

if TYPE_CHECKING:
    from collections.abc import Iterator

    from driftguard.checks.base import CheckContext
    from driftguard.model.facts import Import
    from driftguard.model.snapshot import Module

CODES = ("DG204",)


def run(ctx: CheckContext) -> Iterator[Finding]:
    level = severity(ctx, None, "DG204")
    if level == "off":
        return
    modules = ctx.head.modules
    internal = {name.split(".", 1)[0] for name in modules}
    for module in sorted(modules.values(), key=lambda m: m.name):
        before = ctx.base.modules.get(module.name) if ctx.base else None
        if before is not None and not ctx.report_all and (
                before.same_source(module) or before.facts.imports == module.facts.imports):
            continue  # the hot path: only modules whose imports changed can add one
        known = _targets(before) if before is not None and not ctx.report_all else set()
        for imp in module.facts.imports:
            if not imp.conditional:
                for target, message in _problems(ctx, module, imp, internal):
                    if target not in known and not _reported_elsewhere(ctx, target):
                        yield _finding(ctx, level, module, imp, target, message)


def _problems(ctx: CheckContext, module: Module, imp: Import, internal: set[str]
              ) -> list[tuple[str, str]]:
    """(missing absolute name, message) for each thing the import names that does not exist."""
    target = absolute_import(module.name, module.is_package, imp)
    if not target or target.split(".", 1)[0] not in internal:
        return []
    head_ns = namespace_of(ctx.head)
    if missing(head_ns, target):
        return [(target, f"no module named '{target}'")]
    out = []
    for full, bound in imported_names(module, imp):
        if bound is not None and imp.names and missing(head_ns, full):
            name = full.rsplit(".", 1)[-1]
            out.append((full, f"cannot import name '{name}' from '{target}': it defines, "
                              "imports and re-exports no such name"))
    return out


def _targets(module: Module) -> set[str]:
    return {t for imp in module.facts.imports for t, _ in imported_names(module, imp)} | {
        absolute_import(module.name, module.is_package, imp) or "" for imp in module.facts.imports}


def _reported_elsewhere(ctx: CheckContext, target: str) -> bool:
    """A contract of the merge-base that is gone: DG201 or DG203 reports its consumers."""
    if ctx.base is None:
        return False
    base_ns = namespace_of(ctx.base)
    owner = base_ns.module_prefix(target)
    private = bool(getattr(getattr(ctx.config, "contracts", None), "include_private", False))
    return (owner is not None and base_ns.lookup(target) == FOUND
            and is_contract(target, private) and is_public_module(ctx, owner))


def _finding(ctx: CheckContext, level: str, module: Module, imp: Import, target: str,
             message: str) -> Finding:
    owner, _, name = target.rpartition(".") if message.startswith("cannot") else (
        target, "", "")
    return Finding(
        rule="DG204", severity=level, message=message, path=module.path, line=imp.line,
        fingerprint=make_fingerprint("DG204", owner, name, module.name),
        branches=ctx.branches,
        evidence=(Evidence(module.path, imp.line, f"{module.name} imports {target}"),),
        extra={"name": target, "consumer": module.name},
    )
