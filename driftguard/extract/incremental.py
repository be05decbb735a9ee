"""A revision's graph from a nearby revision's graph plus the files that changed.

Only the safe case is handled: Python files modified in place, other files touched
only where no module name depends on them. Then module names, the set of known
modules and the source roots are unchanged, so only the changed modules' own imports
need resolving again. Anything else (a source file added, deleted or retyped, another
language touched, a project file such as pyproject.toml, go.mod or package.json, or
anything under a src/ folder) returns None and the caller builds the revision in full.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from driftguard.extract.resolve import Linked
from driftguard.extract.roots import PROJECT_FILES
from driftguard.languages import get_language, language_name_for
from driftguard.model.facts import SourceFile
from driftguard.model.snapshot import Edge, Module, Snapshot

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from driftguard.model.changes import BlobChange
    from driftguard.model.facts import FileFacts

INCREMENTAL_LANGUAGES = ("python",)  # resolution needs nothing beyond the module names
MAX_CHANGED = 300  # beyond this, reading a stored graph (or building one) is cheaper


@dataclass
class Update:
    changed: list[tuple[Module, SourceFile]]  # the reference's module, the new file


def plan(reference: Snapshot, changes: Sequence[BlobChange],
         exclude: Callable[[str], bool] | None) -> Update | None:
    """Which modules to re-read, or None when only a full build is right."""
    if len(changes) > MAX_CHANGED:
        return None
    by_path = {m.path: m for m in reference.modules.values()}
    update = Update([])
    for change in changes:
        language = language_name_for(change.path)
        if language is None:
            if _project_file(change.path):
                return None
            continue  # a README or an image, even added or deleted: no module reads it
        if change.status != "modified" or change.new_blob is None:
            return None
        if exclude is not None and exclude(change.path):
            continue
        module = by_path.get(change.path)
        if module is None or language not in INCREMENTAL_LANGUAGES:
            return None  # skipped, shadowed or unnamed before: it may become a module now
        update.changed.append((module, SourceFile(change.path, change.new_blob,
                                                  change.new_size)))
    return update


def apply(old: Snapshot, roots: Sequence[str], update: Update, facts: dict[str, FileFacts],
          label: str, commit: str | None) -> Snapshot | None:
    """The reference graph (linked with these source roots) with the changed modules
    re-read; None if a file fell out (too large now, or a module name that no longer
    matches)."""
    modules = dict(old.modules)
    replaced: dict[str, Module] = {}
    for module, source in update.changed:
        found = facts.get(source.path)
        language = get_language(module.language)
        if found is None or language.module_name(source.path, roots) != module.name:
            return None
        replaced[module.name] = modules[module.name] = Module(
            module.name, module.path, module.language, module.is_package, found, source.blob_id)
    linked = Linked(set(modules))
    for module in replaced.values():
        linked.add(module, get_language(module.language))
    fresh_edges = _by_importer(linked.edges)
    fresh_unresolved = _by_importer(linked.unresolved)
    kept_edges = _by_importer(e for e in old.edges if e.importer not in replaced)
    kept_unresolved = _by_importer(e for e in old.unresolved if e.importer not in replaced)
    edges, unresolved = [], []
    for name in modules:  # the order a full build gives: module by module, as listed
        edges.extend(fresh_edges.get(name, ()) if name in replaced else kept_edges.get(name, ()))
        unresolved.extend(fresh_unresolved.get(name, ()) if name in replaced
                          else kept_unresolved.get(name, ()))
    external = {name: tops for name, tops in old.external.items() if name not in replaced}
    external.update(linked.external)
    external = {name: external[name] for name in modules if name in external}
    return Snapshot(label, commit, modules, edges, external, unresolved)


def _by_importer(edges: Iterable[Edge]) -> dict[str, list[Edge]]:
    out: dict[str, list[Edge]] = {}
    for edge in edges:
        out.setdefault(edge.importer, []).append(edge)
    return out


def _project_file(path: str) -> bool:
    """Files that name modules or resolve imports: Python project files and ``src/``
    folders (source roots), go.mod, package.json, tsconfig.json."""
    name = path.rpartition("/")[2]
    return (name in PROJECT_FILES or name == "go.mod" or name.endswith(".json")
            or f"/{path}".find("/src/") >= 0)
