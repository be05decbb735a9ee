"""Who uses each name at a revision, and what each name resolves to.

``Consumers``: every import, call and attribute chain of every module becomes a
``Use`` of an absolute dotted name (``from a import f as g`` + ``g(1, k=2)`` -> a
call of ``a.f``; ``x = a.Cls()`` + ``x.m()`` -> a call of ``a.Cls.m`` through an
instance).

``Namespace``: whether a dotted name exists at a revision (a definition, a
re-export through ``__init__``/``__all__``/star imports, a submodule, a method
inherited from an internal base class) and which other names denote it. When a
name cannot be decided statically (external base class, module ``__getattr__``)
the answer is UNKNOWN, and checks treat UNKNOWN as "still there": a contract
check must not cry wolf.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

if TYPE_CHECKING:
    from collections.abc import Callable

    from driftguard.model.facts import Definition, Import, Reference
    from driftguard.model.snapshot import Module, Snapshot

T = TypeVar("T")
FOUND, MISSING, UNKNOWN = "found", "missing", "unknown"
MAX_DEPTH = 12  # re-export chains longer than this are treated as UNKNOWN (and cycles end)
MAX_ALIASES = 200
MODULE_DUNDERS = frozenset({"__name__", "__file__", "__doc__", "__path__", "__spec__",
                            "__loader__", "__package__", "__builtins__", "__dict__"})


class Use(NamedTuple):  # a tuple: a large repository has ~100k of them
    """One use of ``target`` (absolute dotted name) by ``module`` at ``path:line``."""

    module: str
    path: str
    line: int
    target: str
    kind: str  # import | call | attr | base
    positional: int = 0
    keywords: tuple[str, ...] = ()
    star_args: bool = False
    via_instance: bool = False  # x = Cls(); x.meth(): ``self`` is bound

    def describe(self) -> str:
        if self.kind == "import":
            return f"{self.module} imports {self.target}"
        if self.kind == "call":
            return f"{self.module} calls {self.target}({self._args()})"
        return f"{self.module} uses {self.target}"

    def _args(self) -> str:
        parts = ["..."] * self.positional + [f"{k}=" for k in self.keywords]
        return ", ".join(parts + (["*..."] if self.star_args else []))


class Consumers:
    """The uses of one snapshot, sorted by target: ``uses_of`` is two bisections."""

    def __init__(self, snapshot: Snapshot, internal: set[str] | None = None) -> None:
        self.snapshot = snapshot
        tops = internal or {name.split(".", 1)[0] for name in snapshot.modules}
        uses = [use for module in snapshot.modules.values() for use in module_uses(module)
                if use.target.partition(".")[0] in tops]
        uses.sort(key=lambda u: u.target)
        self._uses = uses
        self._targets = [u.target for u in uses]

    def uses_of(self, name: str) -> list[Use]:
        """Uses of ``name`` itself and of anything below it (``a.Cls.m`` uses ``a.Cls``)."""
        # Names below ``name`` sort between ``name.`` and ``name/`` ('/' follows '.').
        targets = self._targets
        exact = self._uses[bisect_left(targets, name):bisect_right(targets, name)]
        below = self._uses[bisect_left(targets, name + "."):bisect_left(targets, name + "/")]
        return exact + below

    def calls_of(self, name: str) -> list[Use]:
        return [u for u in self.uses_of(name) if u.kind == "call" and u.target == name]


def module_uses(module: Module) -> list[Use]:
    facts = module.facts
    local: dict[str, str] = {}
    out: list[Use] = []
    for imp in facts.imports:
        for target, bound in imported_names(module, imp):
            out.append(Use(module.name, module.path, imp.line, target, "import"))
            if bound:
                local[bound] = target if imp.names or imp.alias else bound
    instances = _instances(facts.bindings, local)
    for ref in facts.references:
        use = _reference(module, ref, local, instances)
        if use is not None:
            out.append(use)
    return out


def imported_names(module: Module, imp: Import) -> list[tuple[str, str | None]]:
    """(absolute target, local name it binds) per name an import statement brings in."""
    target = absolute_import(module.name, module.is_package, imp)
    if target is None:
        return []
    if not imp.names:
        return [(target, imp.alias or target.split(".", 1)[0])]
    out: list[tuple[str, str | None]] = []
    for entry in imp.names:
        name, _, alias = entry.partition(" as ")
        if name == "*":
            out.append((target, None))
        else:
            out.append((f"{target}.{name}" if target else name, alias or name))
    return out


def _instances(bindings: tuple[tuple[str, str, int], ...], local: dict[str, str]
               ) -> dict[str, list[tuple[int, str]]]:
    """Local name -> [(line, absolute class)] for ``x = a.Cls(...)``, in line order."""
    out: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for name, callee, line in bindings:
        resolved = _through(callee, local)
        if resolved:
            out[name].append((line, resolved))
    for entries in out.values():
        entries.sort()
    return out


def _through(dotted: str, local: dict[str, str]) -> str | None:
    head, _, rest = dotted.partition(".")
    bound = local.get(head)
    if bound is None:
        return None
    return f"{bound}.{rest}" if rest else bound


def _reference(module: Module, ref: Reference, local: dict[str, str],
               instances: dict[str, list[tuple[int, str]]]) -> Use | None:
    head, _, rest = ref.name.partition(".")
    bound = instances.get(head) if rest else None
    cls = next((c for line, c in reversed(bound) if line <= ref.line), None) if bound else None
    if cls is not None:
        target, via_instance = f"{cls}.{rest}", True
    else:
        imported = local.get(head)
        if imported is None:
            return None
        target, via_instance = (f"{imported}.{rest}" if rest else imported), False
    return Use(module.name, module.path, ref.line, target, ref.kind, ref.positional,
               ref.keywords, ref.star_args, via_instance)


# -- what names resolve to ---------------------------------------------------------------


def absolute_import(importer: str, is_package: bool, imp: Import) -> str | None:
    """The absolute dotted target of an import (Python's rules for leading dots)."""
    if imp.level == 0:
        return imp.module
    parts = importer.split(".") if importer else []
    if not is_package:
        parts = parts[:-1]
    up = imp.level - 1
    if up > len(parts):
        return None
    base = parts[: len(parts) - up]
    return ".".join([*base, imp.module] if imp.module else base)


@dataclass
class Scope:
    """The top-level names one module binds."""

    defs: dict[str, Definition] = field(default_factory=dict)
    imported: dict[str, str] = field(default_factory=dict)  # local name -> absolute name
    reexports: dict[str, str] = field(default_factory=dict)  # from-imports only
    stars: list[str] = field(default_factory=list)
    bases: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    exports: tuple[str, ...] | None = None


class Namespace:
    """Name resolution over one snapshot; scopes are built on first use."""

    def __init__(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self.modules = snapshot.modules
        self._scopes: dict[str, Scope] = {}
        self._reverse: dict[str, list[str]] | None = None

    def scope(self, module: str) -> Scope:
        found = self._scopes.get(module)
        if found is None:
            found = self._scopes[module] = _scope(self.modules[module])
        return found

    def module_prefix(self, dotted: str) -> str | None:
        candidate = dotted
        while candidate not in self.modules:
            cut = candidate.rfind(".")
            if cut < 0:
                return None
            candidate = candidate[:cut]
        return candidate

    def lookup(self, dotted: str, depth: int = 0) -> str:
        """FOUND, MISSING or UNKNOWN (outside the snapshot, or not decidable statically)."""
        module = self.module_prefix(dotted)
        if module is None or depth > MAX_DEPTH:
            return UNKNOWN
        if module == dotted:
            return FOUND
        return self._in_module(module, dotted[len(module) + 1:], depth)

    def _in_module(self, module: str, qualname: str, depth: int) -> str:
        scope = self.scope(module)
        head, _, rest = qualname.partition(".")
        if qualname in scope.defs or qualname in MODULE_DUNDERS or (
                qualname == "__all__" and scope.exports is not None):
            return FOUND
        found = scope.defs.get(head)
        if found is not None:  # an attribute of a function or variable cannot be checked
            return self._member(module, head, rest, depth) if found.kind == "class" else UNKNOWN
        sub = f"{module}.{head}"
        if sub in self.modules:
            return self.lookup(_join(sub, rest), depth + 1)
        if head in scope.imported:
            return self.lookup(_join(scope.imported[head], rest), depth + 1)
        for star in scope.stars:
            result = self.lookup(f"{star}.{qualname}", depth + 1)
            if result != MISSING:
                return result
        dynamic = "__getattr__" in scope.defs or head in (scope.exports or ())
        return UNKNOWN if dynamic else MISSING  # __all__ names may be provided lazily

    def _member(self, module: str, cls: str, rest: str, depth: int) -> str:
        scope = self.scope(module)
        attr, _, deeper = rest.partition(".")
        found = scope.defs.get(f"{cls}.{attr}")
        if found is not None:
            if not deeper:
                return FOUND
            return self._member(module, f"{cls}.{attr}", deeper, depth) if (
                found.kind == "class") else UNKNOWN
        if f"{cls}.__getattr__" in scope.defs or f"{cls}.__getattribute__" in scope.defs:
            return UNKNOWN
        for base in scope.bases.get(cls, ()):
            if base == "object":
                continue
            target = self.written(module, base)
            result = self.lookup(f"{target}.{rest}", depth + 1) if target else UNKNOWN
            if result != MISSING:
                return result  # an external or builtin base may provide anything
        return MISSING

    def written(self, module: str, dotted: str) -> str | None:
        """A name as written in ``module`` -> its absolute name (None: builtin or unknown)."""
        scope = self.scope(module)
        head, _, rest = dotted.partition(".")
        if head in scope.defs:
            return f"{module}.{dotted}"
        bound = scope.imported.get(head)
        return _join(bound, rest) if bound else None

    def aliases(self, dotted: str) -> set[str]:
        """Other names that denote ``dotted``: re-exports (``from a import f``, stars)."""
        reverse = self._reverse_index()
        seen, todo = {dotted}, [dotted]
        while todo and len(seen) < MAX_ALIASES:
            parts = todo.pop().split(".")
            for end in range(len(parts), 0, -1):
                rest = ".".join(parts[end:])
                for alias in reverse.get(".".join(parts[:end]), ()):
                    if alias.endswith(".*") and not self._star_exports(alias[:-2], rest):
                        continue
                    name = _join(alias[:-2] if alias.endswith(".*") else alias, rest)
                    if name not in seen:
                        seen.add(name)
                        todo.append(name)
        return seen - {dotted}

    def _star_exports(self, module: str, rest: str) -> bool:
        first = rest.partition(".")[0]
        exports = self.scope(module).exports
        return bool(first) and (first in exports if exports is not None
                                else not first.startswith("_"))

    def _reverse_index(self) -> dict[str, list[str]]:
        if self._reverse is None:
            reverse: dict[str, list[str]] = defaultdict(list)
            for module in self.modules:
                scope = self.scope(module)
                for local, target in scope.reexports.items():
                    reverse[target].append(f"{module}.{local}")
                for star in scope.stars:
                    reverse[star].append(f"{module}.*")
            self._reverse = reverse
        return self._reverse


def _scope(module: Module) -> Scope:
    facts = module.facts
    scope = Scope(defs={d.qualname: d for d in facts.definitions}, exports=facts.exports)
    for imp in facts.imports:
        if imp.in_function:
            continue
        for target, bound in imported_names(module, imp):
            if bound is None:
                scope.stars.append(target)
            elif imp.names or imp.alias:
                scope.imported[bound] = target
                if imp.names:
                    scope.reexports[bound] = target
            else:
                scope.imported.setdefault(bound, bound)
    for ref in facts.references:
        if ref.kind == "base" and ref.keywords:
            scope.bases[ref.keywords[0]].append(ref.name)
    return scope


def _join(name: str, rest: str) -> str:
    return f"{name}.{rest}" if rest else name


# -- one index per snapshot, shared by the checks of one run ------------------------------

_MEMO: list[tuple[tuple[Any, ...], Any]] = []


def memo(key: tuple[Any, ...], build: Callable[[], T]) -> T:
    """A tiny identity cache: the four contract checks of a run share one index."""
    for known, value in _MEMO:
        if len(known) == len(key) and all(_same(a, b) for a, b in zip(known, key, strict=True)):
            return value  # type: ignore[no-any-return]
    value = build()
    _MEMO.insert(0, (key, value))
    del _MEMO[8:]
    return value


def _same(a: Any, b: Any) -> bool:
    return a is b or (isinstance(a, (str, int, tuple)) and type(a) is type(b) and a == b)


def namespace_of(snapshot: Snapshot) -> Namespace:
    return memo(("namespace", snapshot), lambda: Namespace(snapshot))


def consumers_of(head: Snapshot, base: Snapshot | None = None) -> Consumers:
    """Uses at ``head`` of names internal to either revision (a removed package too)."""
    tops = {name.split(".", 1)[0] for snap in (head, base) if snap for name in snap.modules}
    return memo(("consumers", head, base), lambda: Consumers(head, tops))
