"""SnapshotDiff: what changed between two snapshots' modules and public symbols.

Signature changes are classified the way griffe classifies breakages: a new
optional parameter, a new keyword-only parameter with a default, or a new
``*args``/``**kwargs`` is compatible; a removed, renamed, reordered or newly
required parameter, a removed ``*args``/``**kwargs`` or a positional-only /
keyword-only change breaks callers. Whether a *particular* call breaks is
``call_break``'s question: a renamed parameter breaks only callers passing it by
keyword. Private names (a ``_name`` part, dunders excepted) are not contracts
unless ``include_private``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum
from typing import TYPE_CHECKING

from driftguard.model.facts import (
    KEYWORD_ONLY,
    POSITIONAL_ONLY,
    POSITIONAL_OR_KEYWORD,
    VAR_KEYWORD,
    VAR_POSITIONAL,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from driftguard.model.facts import Definition, Param, Signature
    from driftguard.model.snapshot import Snapshot

POSITIONAL = (POSITIONAL_ONLY, POSITIONAL_OR_KEYWORD)
VARIADIC = (VAR_POSITIONAL, VAR_KEYWORD)
FAMILY = {"function": "callable", "async_function": "callable", "method": "callable",
          "class": "class"}  # everything else is data


class Kind(str, Enum):
    MODULE_ADDED = "module-added"
    MODULE_REMOVED = "module-removed"
    MODULE_MOVED = "module-moved"  # same definitions under a new module name
    MODULE_PATH_CHANGED = "module-path-changed"  # same module name, new file
    SYMBOL_ADDED = "symbol-added"
    SYMBOL_REMOVED = "symbol-removed"
    SYMBOL_RENAMED = "symbol-renamed"
    SYMBOL_MOVED = "symbol-moved"
    KIND_CHANGED = "kind-changed"
    SIGNATURE_CHANGED = "signature-changed"
    PARAMETER_ADDED_OPTIONAL = "parameter-added-optional"
    PARAMETER_ADDED_REQUIRED = "parameter-added-required"
    PARAMETER_REMOVED = "parameter-removed"
    PARAMETER_RENAMED = "parameter-renamed"
    PARAMETER_MOVED = "parameter-moved"
    PARAMETER_NOW_KEYWORD_ONLY = "parameter-now-keyword-only"
    PARAMETER_NOW_POSITIONAL_ONLY = "parameter-now-positional-only"
    PARAMETER_NOW_POSITIONAL_OR_KEYWORD = "parameter-now-positional-or-keyword"
    DEFAULT_REMOVED = "parameter-default-removed"
    DEFAULT_ADDED = "parameter-default-added"
    VAR_POSITIONAL_ADDED = "var-positional-added"
    VAR_POSITIONAL_REMOVED = "var-positional-removed"
    VAR_KEYWORD_ADDED = "var-keyword-added"
    VAR_KEYWORD_REMOVED = "var-keyword-removed"


COMPATIBLE = frozenset({
    Kind.MODULE_ADDED, Kind.MODULE_PATH_CHANGED, Kind.SYMBOL_ADDED,
    Kind.PARAMETER_ADDED_OPTIONAL, Kind.PARAMETER_NOW_POSITIONAL_OR_KEYWORD,
    Kind.DEFAULT_ADDED, Kind.VAR_POSITIONAL_ADDED, Kind.VAR_KEYWORD_ADDED,
})


@dataclass(frozen=True)
class ParamChange:
    kind: Kind
    name: str  # the parameter's old name (its new name for additions)
    new_name: str = ""  # renames

    @property
    def breaking(self) -> bool:
        return self.kind not in COMPATIBLE


@dataclass(frozen=True)
class SymbolChange:
    kind: Kind
    module: str
    qualname: str
    old: Definition | None = None
    new: Definition | None = None
    params: tuple[ParamChange, ...] = ()
    replacement: str = ""  # the dotted name a renamed or moved symbol has now

    @property
    def name(self) -> str:
        return f"{self.module}.{self.qualname}"

    @property
    def breaking(self) -> bool:
        if self.kind == Kind.SIGNATURE_CHANGED:
            return any(p.breaking for p in self.params)
        return self.kind not in COMPATIBLE


@dataclass(frozen=True)
class ModuleChange:
    kind: Kind
    name: str
    path: str
    new_name: str = ""
    new_path: str = ""


@dataclass
class SnapshotDiff:
    modules: list[ModuleChange] = field(default_factory=list)
    symbols: list[SymbolChange] = field(default_factory=list)

    def gone_modules(self) -> dict[str, ModuleChange]:
        """Modules no longer at their name: removed, or moved to another name."""
        return {m.name: m for m in self.modules
                if m.kind in (Kind.MODULE_REMOVED, Kind.MODULE_MOVED)}

    def of_kind(self, *kinds: Kind) -> list[SymbolChange]:
        return [s for s in self.symbols if s.kind in kinds]


def is_contract(dotted: str, include_private: bool = False) -> bool:
    return include_private or not any(
        part.startswith("_") and not (part.startswith("__") and part.endswith("__"))
        for part in dotted.split("."))


def diff_snapshots(base: Snapshot, head: Snapshot, *, include_private: bool = False,
                   public: Callable[[str], bool] | None = None) -> SnapshotDiff:
    """Modules and contract symbols added, removed, moved or changed from base to head."""
    def keep(module: str) -> bool:
        return is_contract(module, include_private) and (public is None or public(module))

    modules = _module_changes(base, head)
    symbols: list[SymbolChange] = []
    for name in sorted(base.modules.keys() & head.modules.keys()):
        before, after = base.modules[name], head.modules[name]
        if before.same_source(after) or not keep(name):
            continue  # the same bytes define the same symbols: no need to read them
        old, new = before.facts.definitions, after.facts.definitions
        if old != new:
            symbols.extend(_symbol_changes(name, old, new, include_private))
    for change in modules:
        if change.kind == Kind.MODULE_ADDED and keep(change.name):
            symbols.extend(_symbol_changes(change.name, (), head.symbols(change.name),
                                           include_private))
    return SnapshotDiff(modules, _pair_moves(symbols))


def _module_changes(base: Snapshot, head: Snapshot) -> list[ModuleChange]:
    removed = {n: base.modules[n] for n in base.modules.keys() - head.modules.keys()}
    added = {n: head.modules[n] for n in head.modules.keys() - base.modules.keys()}
    by_shape: dict[frozenset[tuple[str, str]], list[str]] = {}
    for name, module in added.items():
        by_shape.setdefault(_shape(module.facts.definitions), []).append(name)
    out = [ModuleChange(Kind.MODULE_PATH_CHANGED, n, base.modules[n].path, n, head.modules[n].path)
           for n in sorted(base.modules.keys() & head.modules.keys())
           if base.modules[n].path != head.modules[n].path]
    moved: set[str] = set()
    for name in sorted(removed):
        shape = _shape(removed[name].facts.definitions)
        twins = by_shape.get(shape, []) if shape else []
        if len(twins) == 1 and twins[0] not in moved:
            moved.add(twins[0])
            out.append(ModuleChange(Kind.MODULE_MOVED, name, removed[name].path, twins[0],
                                    added[twins[0]].path))
        else:
            out.append(ModuleChange(Kind.MODULE_REMOVED, name, removed[name].path))
    out.extend(ModuleChange(Kind.MODULE_ADDED, n, added[n].path) for n in sorted(added)
               if n not in moved)
    return out


def _shape(definitions: tuple[Definition, ...]) -> frozenset[tuple[str, str]]:
    return frozenset((d.qualname, d.kind) for d in definitions)


def _symbol_changes(module: str, old_defs: tuple[Definition, ...],
                    new_defs: tuple[Definition, ...], include_private: bool
                    ) -> list[SymbolChange]:
    old = {d.qualname: d for d in old_defs}  # the last definition wins, as at run time
    new = {d.qualname: d for d in new_defs}
    out = []
    for qualname, before in old.items():
        after = new.get(qualname)
        if not is_contract(qualname, include_private) or not _has_parent(qualname, new):
            continue  # a removed class reports itself, not each of its methods
        if after is None:
            out.append(SymbolChange(Kind.SYMBOL_REMOVED, module, qualname, before))
        elif FAMILY.get(before.kind) != FAMILY.get(after.kind):
            out.append(SymbolChange(Kind.KIND_CHANGED, module, qualname, before, after))
        elif before.signature and after.signature and _shape_of(before) != _shape_of(after):
            params = tuple(compare_signatures(before.signature, after.signature))
            if params:  # a renamed positional-only parameter changes nothing for callers
                out.append(SymbolChange(Kind.SIGNATURE_CHANGED, module, qualname, before,
                                        after, params))
    out.extend(SymbolChange(Kind.SYMBOL_ADDED, module, q, None, d) for q, d in new.items()
               if q not in old and is_contract(q, include_private) and _has_parent(q, old))
    return out


def _parent(qualname: str) -> str:
    return qualname.rpartition(".")[0]


def _has_parent(qualname: str, defs: dict[str, Definition]) -> bool:
    parent = _parent(qualname)
    return not parent or parent in defs


def _shape_of(definition: Definition) -> tuple[tuple[str, str, bool], ...]:
    sig = definition.signature
    return tuple((p.name, p.kind, p.has_default) for p in sig.params) if sig else ()


def _pair_moves(symbols: list[SymbolChange]) -> list[SymbolChange]:
    """A removed symbol with one same-kind newcomer beside it was renamed; elsewhere, moved."""
    added = [s for s in symbols if s.kind == Kind.SYMBOL_ADDED]
    removed = [s for s in symbols if s.kind == Kind.SYMBOL_REMOVED]
    paired: dict[int, SymbolChange] = {}
    used: set[int] = set()
    for gone in removed:
        twin = _twin(gone, added, removed, used)
        if twin is not None:
            used.add(id(twin))
            kind = Kind.SYMBOL_RENAMED if twin.module == gone.module else Kind.SYMBOL_MOVED
            paired[id(gone)] = SymbolChange(kind, gone.module, gone.qualname, gone.old,
                                            twin.new, replacement=twin.name)
    return [paired.get(id(s), s) for s in symbols if id(s) not in used]


def _twin(gone: SymbolChange, added: list[SymbolChange], removed: list[SymbolChange],
          used: set[int]) -> SymbolChange | None:
    assert gone.old is not None
    family = FAMILY.get(gone.old.kind)

    def similar(s: SymbolChange) -> bool:
        return (id(s) not in used and s.new is not None and FAMILY.get(s.new.kind) == family
                and _parent(s.qualname) == _parent(gone.qualname))

    beside = [s for s in added if s.module == gone.module and similar(s)]
    rivals = [s for s in removed if s.module == gone.module and s.old is not None
              and FAMILY.get(s.old.kind) == family and _parent(s.qualname) == _parent(
                  gone.qualname)]
    if len(beside) == 1 and (len(rivals) == 1 or _shape_of(beside[0].new) == _shape_of(gone.old)):
        return beside[0]
    elsewhere = [s for s in added if s.module != gone.module and similar(s)
                 and s.qualname == gone.qualname]
    return elsewhere[0] if len(elsewhere) == 1 else None


# -- signatures ---------------------------------------------------------------------------

def compare_signatures(old: Signature, new: Signature) -> list[ParamChange]:
    renames = renamed_params(old, new)
    after = {p.name: p for p in new.params}
    out: list[ParamChange] = []
    for before in (p for p in old.params if p.kind not in VARIADIC):
        name = renames.get(before.name, before.name)
        if name not in after:
            out.append(ParamChange(Kind.PARAMETER_REMOVED, before.name))
            continue
        if name != before.name and before.kind != POSITIONAL_ONLY:
            out.append(ParamChange(Kind.PARAMETER_RENAMED, before.name, name))
        out.extend(_param_changes(before, after[name]))
    out.extend(_moves(old, new, renames))
    mapped = {renames.get(p.name, p.name) for p in old.params}
    out.extend(ParamChange(Kind.PARAMETER_ADDED_OPTIONAL if p.has_default else
                           Kind.PARAMETER_ADDED_REQUIRED, p.name)
               for p in new.params if p.kind not in VARIADIC and p.name not in mapped)
    out.extend(_variadic_changes(old, new))
    return out


def renamed_params(old: Signature, new: Signature) -> dict[str, str]:
    """Old name -> new name for a parameter replaced by a new name in the same slot."""
    old_names, new_names = {p.name for p in old.params}, {p.name for p in new.params}
    gone = [p for p in old.params if p.name not in new_names and p.kind not in VARIADIC]
    fresh = [p for p in new.params if p.name not in old_names and p.kind not in VARIADIC]
    out: dict[str, str] = {}
    for before in gone:
        slot = _slot(old, before)
        match = next((p for p in fresh if _slot(new, p) == slot
                      and p.name not in out.values()), None)
        if match is not None:
            out[before.name] = match.name
    return out


def _slot(sig: Signature, param: Param) -> tuple[bool, int]:
    """(keyword-only?, index within its group): where a parameter sits."""
    keyword = param.kind == KEYWORD_ONLY
    group = [p for p in sig.params if (p.kind == KEYWORD_ONLY) == keyword
             and p.kind not in VARIADIC]
    return keyword, group.index(param)


def _param_changes(before: Param, after: Param) -> list[ParamChange]:
    out = []
    if before.kind != after.kind:
        kind = {KEYWORD_ONLY: Kind.PARAMETER_NOW_KEYWORD_ONLY,
                POSITIONAL_ONLY: Kind.PARAMETER_NOW_POSITIONAL_ONLY}.get(
            after.kind, Kind.PARAMETER_NOW_POSITIONAL_OR_KEYWORD)
        out.append(ParamChange(kind, before.name))
    if before.has_default != after.has_default:
        out.append(ParamChange(Kind.DEFAULT_REMOVED if before.has_default else
                               Kind.DEFAULT_ADDED, before.name))
    return out


def _moves(old: Signature, new: Signature, renames: dict[str, str]) -> list[ParamChange]:
    before = [renames.get(p.name, p.name) for p in old.params if p.kind in POSITIONAL]
    after = [p.name for p in new.params if p.kind in POSITIONAL]
    return [ParamChange(Kind.PARAMETER_MOVED, name) for i, name in enumerate(before)
            if name in after and after.index(name) != i]


def _variadic_changes(old: Signature, new: Signature) -> list[ParamChange]:
    out = []
    for kind, added, removed in ((VAR_POSITIONAL, Kind.VAR_POSITIONAL_ADDED,
                                  Kind.VAR_POSITIONAL_REMOVED),
                                 (VAR_KEYWORD, Kind.VAR_KEYWORD_ADDED, Kind.VAR_KEYWORD_REMOVED)):
        was = next((p.name for p in old.params if p.kind == kind), None)
        now = next((p.name for p in new.params if p.kind == kind), None)
        if was and not now:
            out.append(ParamChange(removed, was))
        elif now and not was:
            out.append(ParamChange(added, now))
    return out


# -- calls ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class CallProblem:
    """Why a call does not fit a signature."""

    kind: str  # unexpected-keyword | too-many-positional | missing | duplicate | reordered
    # | swallowed (a positional argument now lands in *args)
    param: str = ""
    limit: int = 0  # how many positional arguments fit (too-many-positional)


def without_self(sig: Signature) -> Signature:
    """The signature as seen through an instance (or a class, for ``__init__``)."""
    params = sig.params
    if params and params[0].kind in POSITIONAL:
        params = params[1:]
    return replace(sig, params=params)


def bind_call(sig: Signature, positional: int, keywords: tuple[str, ...], star: bool
              ) -> CallProblem | None:
    slots = [p for p in sig.params if p.kind in POSITIONAL]
    by_keyword = {p.name: p for p in sig.params if p.kind in (POSITIONAL_OR_KEYWORD,
                                                              KEYWORD_ONLY)}
    kinds = {p.kind for p in sig.params}
    if positional > len(slots) and VAR_POSITIONAL not in kinds:
        return CallProblem("too-many-positional", limit=len(slots))
    filled = {p.name for p in slots[:positional]}
    for key in keywords:
        if key not in by_keyword:
            if VAR_KEYWORD in kinds:
                continue
            return CallProblem("unexpected-keyword", key)
        if key in filled:
            return CallProblem("duplicate", key)
        filled.add(key)
    if star:  # *args / **kwargs at the call: the rest cannot be known
        return None
    missing = next((p.name for p in sig.params if p.kind not in VARIADIC
                    and not p.has_default and p.name not in filled), None)
    return CallProblem("missing", missing) if missing else None


def call_break(old: Signature, new: Signature, positional: int, keywords: tuple[str, ...],
               star: bool) -> CallProblem | None:
    """Why a call written against ``old`` no longer works (or means something else) with ``new``."""
    problem = bind_call(new, positional, keywords, star)
    if problem is not None:
        return problem
    renames = renamed_params(old, new)
    before = [renames.get(p.name, p.name) for p in old.params if p.kind in POSITIONAL]
    after = [p.name for p in new.params if p.kind in POSITIONAL]
    if len(before) < positional:  # the old *args took the surplus: nothing to compare
        return None
    shared = min(positional, len(after))
    moved = next((a for a, b in zip(before[:shared], after[:shared], strict=True) if a != b), None)
    if moved is not None:
        return CallProblem("reordered", moved)
    return CallProblem("swallowed", before[shared]) if shared < positional else None
