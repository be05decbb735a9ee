"""The graph of one revision: modules, their symbols, and import edges between them.

networkx sits underneath for path queries, built only when asked for (importing
networkx costs ~0.3 s, which the pre-commit hot path must not pay for nothing).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    import networkx as nx

    from driftguard.model.facts import Definition, FileFacts


@dataclass(frozen=True)
class Module:
    """One analysed file. ``facts`` may be given as a loader, called on first use: a
    snapshot read back from the cache holds only the graph until a check needs more."""

    name: str
    path: str
    language: str
    is_package: bool
    source: FileFacts | Callable[[], FileFacts] = field(repr=False, compare=False)
    blob: str = field(default="", repr=False, compare=False)
    symbols: int | None = field(default=None, repr=False, compare=False)  # when facts wait

    @property
    def symbol_count(self) -> int:
        """How many definitions the file has, without reading its facts when known."""
        if self.symbols is not None and callable(self.source):
            return self.symbols
        return len(self.facts.definitions)

    @property
    def facts(self) -> FileFacts:
        source = self.source
        if callable(source):
            source = source()
            object.__setattr__(self, "source", source)  # loaded once, then kept
        return source

    def same_source(self, other: Module) -> bool:
        """Read from the same bytes: the same definitions, imports and references as written
        (so a check comparing two revisions need not load either)."""
        return bool(self.blob) and self.blob == other.blob


class Edge(NamedTuple):
    """One import statement's dependency of ``importer`` on ``imported``.

    A named tuple, not a dataclass: a graph read from the cache makes ~10,000 of them
    per revision, and a tuple is built several times faster."""

    importer: str
    imported: str
    path: str  # the importer's file
    line: int
    names: tuple[str, ...] = ()
    type_only: bool = False
    in_function: bool = False
    conditional: bool = False
    target: str = ""  # the dotted name as written, when it differs from ``imported``

    def describe(self) -> str:
        return f"{self.importer} -> {self.imported} (l.{self.line})"


@dataclass
class Snapshot:
    label: str  # what the user named: a rev, "staged"
    commit: str | None
    modules: dict[str, Module]
    edges: list[Edge]
    external: dict[str, set[str]] = field(default_factory=dict)  # module -> external tops
    unresolved: list[Edge] = field(default_factory=list)  # internal-looking, no such module

    @cached_property
    def _by_path(self) -> dict[str, Module]:
        return {m.path: m for m in self.modules.values()}

    @cached_property
    def _out(self) -> dict[str, list[Edge]]:
        out: dict[str, list[Edge]] = defaultdict(list)
        for edge in self.edges:
            out[edge.importer].append(edge)
        return out

    @cached_property
    def _in(self) -> dict[str, list[Edge]]:
        into: dict[str, list[Edge]] = defaultdict(list)
        for edge in self.edges:
            into[edge.imported].append(edge)
        return into

    @cached_property
    def _in_by_importer(self) -> dict[str, list[Edge]]:
        return {}  # filled per module on demand: searches visit a fraction of the graph

    def module_for_path(self, path: str) -> Module | None:
        return self._by_path.get(path)

    def edges_from(self, module: str) -> list[Edge]:
        return self._out.get(module, [])

    def edges_to(self, module: str) -> list[Edge]:
        return self._in.get(module, [])

    def edges_to_by_importer(self, module: str) -> list[Edge]:
        """``edges_to`` ordered by importer and line (searches that must be deterministic)."""
        found = self._in_by_importer.get(module)
        if found is None:
            found = self._in_by_importer[module] = sorted(
                self._in.get(module, ()), key=lambda e: (e.importer, e.line))
        return found

    def symbols(self, module: str) -> tuple[Definition, ...]:
        found = self.modules.get(module)
        return found.facts.definitions if found else ()

    def symbol(self, module: str, qualname: str) -> Definition | None:
        return next((d for d in self.symbols(module) if d.qualname == qualname), None)

    def children(self, package: str) -> Iterator[str]:
        """The package itself and every module below it."""
        prefix = package + "."
        return (m for m in self.modules if m == package or m.startswith(prefix))

    # -- graph queries (networkx) ------------------------------------------------

    def graph(self, *, exclude_type_only: bool = False) -> nx.DiGraph:
        key = "typed" if exclude_type_only else "all"
        cached = self._graphs.get(key)
        if cached is None:
            cached = self._graphs[key] = self._build_graph(exclude_type_only)
        return cached

    @cached_property
    def _graphs(self) -> dict[str, nx.DiGraph]:
        return {}

    def _build_graph(self, exclude_type_only: bool) -> nx.DiGraph:
        import networkx as nx

        graph = nx.DiGraph()
        graph.add_nodes_from(self.modules)
        for edge in self.edges:
            if exclude_type_only and edge.type_only:
                continue
            if graph.has_edge(edge.importer, edge.imported):
                graph[edge.importer][edge.imported]["edges"].append(edge)
            else:
                graph.add_edge(edge.importer, edge.imported, edges=[edge])
        return graph

    def find_chain(self, sources: Iterable[str], targets: Iterable[str], *,
                   exclude_type_only: bool = False) -> list[Edge] | None:
        """The shortest import chain from any source module to any target module."""
        import networkx as nx

        graph = self.graph(exclude_type_only=exclude_type_only)
        source_set = {s for s in sources if s in graph}
        target_set = {t for t in targets if t in graph}
        if not source_set or not target_set:
            return None
        view = graph.copy()
        view.add_edges_from(("\0src", s) for s in source_set)
        view.add_edges_from((t, "\0dst") for t in target_set)
        try:
            nodes = nx.shortest_path(view, "\0src", "\0dst")[1:-1]
        except nx.NetworkXNoPath:
            return None
        return [graph[a][b]["edges"][0] for a, b in zip(nodes, nodes[1:], strict=False)]

    def collapsed(self, depth: int) -> dict[tuple[str, str], int]:
        """Edges between packages cut to ``depth`` dotted parts, with import counts."""
        counts: dict[tuple[str, str], int] = defaultdict(int)
        for edge in self.edges:
            a = ".".join(edge.importer.split(".")[:depth])
            b = ".".join(edge.imported.split(".")[:depth])
            if a != b:
                counts[(a, b)] += 1
        return dict(counts)
