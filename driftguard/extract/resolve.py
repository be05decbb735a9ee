"""Link per-file facts into a Snapshot: name modules, resolve imports to edges."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import TYPE_CHECKING

from driftguard.languages import get_language
from driftguard.languages.base import EXTERNAL, Revision
from driftguard.model.snapshot import Edge, Module, Snapshot

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from driftguard.languages.base import Resolver
    from driftguard.model.facts import FileFacts, Import, SourceFile


def link(label: str, commit: str | None, files: Sequence[tuple[SourceFile, FileFacts]],
         roots: Sequence[str], warnings: list[str], paths: Sequence[str] = (),
         read: Callable[[str], bytes | None] | None = None) -> Snapshot:
    modules = _modules(files, roots, warnings)
    known = set(modules)
    revision = Revision(modules, paths, read or (lambda _: None))
    resolvers: dict[str, Resolver] = {}
    linked = Linked(known)
    for module in modules.values():
        if module.language not in resolvers:
            resolvers[module.language] = _resolver(module.language, revision, warnings)
        linked.add(module, resolvers[module.language])
    _name_imports_by_module(modules, resolvers)
    return Snapshot(label, commit, modules, linked.edges, dict(linked.external), linked.unresolved)


class Linked:
    """Edges, unresolved imports and external packages found for modules, one at a time."""

    def __init__(self, known: set[str]) -> None:
        self.known = known
        self.internal_tops = {_top(name) for name in known}
        self.edges: list[Edge] = []
        self.unresolved: list[Edge] = []
        self.external: dict[str, set[str]] = defaultdict(set)

    def add(self, module: Module, resolver: Resolver) -> None:
        for imp in module.facts.imports:
            for target, names in resolver.resolve(module.name, module.is_package, imp,
                                                  self.known):
                _classify(module, imp, target, names, self.known, self.internal_tops,
                          self.edges, self.unresolved, self.external)


def _resolver(language_name: str, revision: Revision, warnings: list[str]) -> Resolver:
    language = get_language(language_name)
    bind = getattr(language, "for_revision", None)  # languages that need go.mod & co.
    try:
        return bind(revision) if bind is not None else language
    except RecursionError:  # a hostile package.json / tsconfig.json nested thousands deep
        warnings.append(f"{language_name}: project files (go.mod, tsconfig.json, package.json)"
                        " nested too deeply to read; imports resolved without them")
        return language


def _name_imports_by_module(modules: dict[str, Module], resolvers: dict[str, Resolver]) -> None:
    """Imports that name no module as written (a Go import path, a Java class, a TypeScript
    specifier) are restated by their resolvers with the snapshot's module names, which the
    contract checks read (``import "x.com/svc/store"`` -> ``import store/db as store``)."""
    for name, module in modules.items():
        restate = getattr(resolvers[module.language], "imports_by_module", None)
        if restate is not None:
            modules[name] = replace(module, source=replace(module.facts, imports=restate(module)))


def _top(name: str) -> str:
    return name.replace("/", ".").split(".", 1)[0]  # modules are named by paths too (Go, Java)


def _modules(files: Sequence[tuple[SourceFile, FileFacts]], roots: Sequence[str],
             warnings: list[str]) -> dict[str, Module]:
    modules: dict[str, Module] = {}
    for source, facts in files:
        language = get_language(facts.language)
        name = language.module_name(source.path, roots)
        if not name:
            continue
        if name in modules:
            warnings.append(f"{source.path}: module {name} is also defined by "
                            f"{modules[name].path}; keeping the first")
            continue
        modules[name] = Module(name, source.path, facts.language,
                               language.is_package(source.path), facts, source.blob_id)
    return modules


def _classify(module: Module, imp: Import, target: str, names: tuple[str, ...],
              known: set[str], internal_tops: set[str], edges: list[Edge],
              unresolved: list[Edge], external: dict[str, set[str]]) -> None:
    if not target:
        return
    if target.startswith(EXTERNAL):
        external[module.name].add(target[len(EXTERNAL):])
        return
    found = target if target in known else _known_prefix(target, known)
    top = _top(target)
    if found is None and top not in internal_tops:
        external[module.name].add(top)
        return
    edge = Edge(module.name, found or target, module.path, imp.line, names, imp.type_only,
                imp.in_function, imp.conditional, "" if found == target else target)
    if found != target:
        unresolved.append(edge)
    if found is not None and found != module.name:
        edges.append(edge)


def _known_prefix(target: str, known: set[str]) -> str | None:
    parts = target.split(".")
    for end in range(len(parts) - 1, 0, -1):
        candidate = ".".join(parts[:end])
        if candidate in known:
            return candidate
    return None
