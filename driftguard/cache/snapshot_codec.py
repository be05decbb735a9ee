"""A snapshot's graph as bytes, and back: what the cache keeps per analysed tree.

Only the graph is stored (modules, edges, what linking found); each module's facts
stay in the facts table and are read back when a check asks for them. marshal is
the fastest codec for plain tuples; the bytes come from driftguard's own cache, and
anything unreadable is reported as a miss, never trusted.
"""

from __future__ import annotations

import marshal
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from driftguard.model.facts import FileFacts, Import
from driftguard.model.snapshot import Edge, Module, Snapshot

FORMAT = 2  # bump whenever linking changes what a graph holds (2: symbol counts)


class FactsLoader(Protocol):
    """Reads modules' facts back (from the facts table, or parsing again when gone)."""

    def one(self, path: str, blob: str, language: str) -> FileFacts: ...

    def many(self, files: list[tuple[str, str, str]]) -> dict[str, FileFacts]: ...


@dataclass
class StoredSnapshot:
    """A snapshot with what its build knew that the snapshot itself does not hold."""

    snapshot: Snapshot
    roots: list[str]
    files: int = 0
    skipped: int = 0
    warnings: list[str] = field(default_factory=list)
    restated: dict[str, tuple[Import, ...]] = field(default_factory=dict)  # as linking named them


def encode(stored: StoredSnapshot, versions: dict[str, str]) -> bytes:
    """``versions``: the extractor version of each language, which the graph depends on."""
    snap = stored.snapshot
    modules = tuple((m.name, m.path, m.language, m.is_package, m.blob, m.symbol_count)
                    for m in snap.modules.values())
    data = (FORMAT, tuple(sorted(versions.items())), tuple(stored.roots), modules,
            tuple(_edge_row(e) for e in snap.edges),
            tuple(_edge_row(e) for e in snap.unresolved),
            tuple((name, tuple(sorted(tops))) for name, tops in snap.external.items()),
            tuple((name, tuple(_import_row(i) for i in imports))
                  for name, imports in stored.restated.items()),
            tuple(stored.warnings), stored.files, stored.skipped)
    return zlib.compress(marshal.dumps(data), 1)


def decode(blob: bytes, label: str, commit: str | None, load: FactsLoader,
           version_of: Callable[[str], str]) -> StoredSnapshot:
    """Raises ValueError when the bytes are not a snapshot of this format, or were linked
    from facts of another extractor version."""
    try:
        data = marshal.loads(zlib.decompress(blob))
        (version, versions, roots, module_rows, edge_rows, unresolved_rows, external_rows,
         restated_rows, warnings, files, skipped) = data
    except (ValueError, TypeError, EOFError, zlib.error) as exc:
        raise ValueError(f"unreadable snapshot ({exc})") from exc
    if version != FORMAT:
        raise ValueError(f"snapshot format {version}, expected {FORMAT}")
    try:
        stale = any(version_of(language) != found for language, found in versions)
    except KeyError as exc:  # a language this driftguard does not know
        raise ValueError(f"snapshot of unknown language {exc}") from exc
    if stale:
        raise ValueError("snapshot linked from facts of another extractor version")
    restated = {name: tuple(Import(*row) for row in rows) for name, rows in restated_rows}
    batch = Batch(load, [(path, blob_id, language) for _, path, language, _, blob_id, _
                         in module_rows])
    modules = {}
    for name, path, language, is_package, blob_id, symbols in module_rows:
        loader = _loader(batch, path, restated.get(name))
        modules[name] = Module(name, path, language, is_package, loader, blob_id, symbols)
    snapshot = Snapshot(label, commit, modules, [Edge(*row) for row in edge_rows],
                        {name: set(tops) for name, tops in external_rows},
                        [Edge(*row) for row in unresolved_rows])
    return StoredSnapshot(snapshot, list(roots), files, skipped, list(warnings), restated)


class Batch:
    """Loads the facts of one graph's modules on demand: one file at a time for the few
    a check compares, all the rest at once when a reader turns out to want most of them."""

    ONE_BY_ONE = 32  # single loads before the rest are read in one go

    def __init__(self, load: FactsLoader, files: list[tuple[str, str, str]]) -> None:
        self.load, self.files = load, {path: (blob, language) for path, blob, language in files}
        self.loaded: dict[str, FileFacts] = {}
        self.single = 0

    def facts(self, path: str) -> FileFacts:
        found = self.loaded.get(path)
        if found is not None:
            return found
        self.single += 1
        if self.single > self.ONE_BY_ONE:
            rest = [(p, *self.files[p]) for p in self.files if p not in self.loaded]
            self.loaded.update(self.load.many(rest))
            found = self.loaded.get(path)
        if found is None:
            blob, language = self.files[path]
            found = self.loaded[path] = self.load.one(path, blob, language)
        return found


def _loader(batch: Batch, path: str, imports: tuple[Import, ...] | None
            ) -> Callable[[], FileFacts]:
    def facts() -> FileFacts:
        found = batch.facts(path)
        if imports is None:
            return found
        from dataclasses import replace

        return replace(found, imports=imports)  # as linking restated them (Go, Java, TS)
    return facts


def _edge_row(e: Edge) -> tuple[Any, ...]:
    return (e.importer, e.imported, e.path, e.line, e.names, e.type_only, e.in_function,
            e.conditional, e.target)


def _import_row(i: Import) -> tuple[Any, ...]:
    return (i.module, i.line, i.level, i.names, i.alias, i.type_only, i.in_function,
            i.conditional)
