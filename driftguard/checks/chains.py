"""Import chains between groups of modules: the machinery of layers, forbidden, independence.

One reverse breadth-first search from the targets gives, for every module that
can reach them through allowed modules, its next hop: so every offending first
import gets its shortest chain in O(edges), not one search per module.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Iterable

    from driftguard.model.snapshot import Edge, Snapshot


@dataclass(frozen=True)
class Chain:
    edges: tuple[Edge, ...]

    @property
    def first(self) -> Edge:
        return self.edges[0]

    @property
    def direct(self) -> bool:
        return len(self.edges) == 1

    @property
    def modules(self) -> list[str]:
        return [self.edges[0].importer, *(e.imported for e in self.edges)]


def edge_filter(exclude_type_only: bool, ignore_imports: Iterable[str]) -> Callable[[Edge], bool]:
    """Which edges a rule considers: optionally no type-only imports, minus ignored ones."""
    from driftguard.config.globs import match_import

    patterns = list(ignore_imports)

    def keep(edge: Edge) -> bool:
        if exclude_type_only and edge.type_only:
            return False
        return not any(match_import(p, edge.importer, edge.imported) for p in patterns)

    return keep


def find_chains(snapshot: Snapshot, sources: Collection[str], targets: Collection[str], *,
                via: Callable[[str], bool], keep: Callable[[Edge], bool],
                indirect: bool = True, next_hop: dict[str, Edge] | None = None) -> list[Chain]:
    """Every import from a source module that starts a chain ending in a target module.

    ``via`` says which modules a chain may pass through (never sources or targets
    themselves). One chain per first import; direct imports are chains of one.
    ``next_hop``: ``reach_targets`` of these targets, when the caller already has it.
    """
    source_set, target_set = set(sources), set(targets)
    if next_hop is None:
        next_hop = reach_targets(snapshot, target_set, via, keep, source_set) if indirect else {}
    chains = []
    for module in sorted(source_set):
        for edge in snapshot.edges_from(module):
            if not keep(edge) or edge.imported in source_set:
                continue
            if edge.imported in target_set:
                chains.append(Chain((edge,)))
            elif edge.imported in next_hop:
                chains.append(Chain((edge, *_follow(edge.imported, next_hop))))
    return chains


def reach_targets(snapshot: Snapshot, targets: set[str], via: Callable[[str], bool],
                  keep: Callable[[Edge], bool], sources: Collection[str] = ()
                  ) -> dict[str, Edge]:
    """For each intermediate module that reaches a target: the first edge of its shortest route."""
    next_hop: dict[str, Edge] = {}
    queue = deque(sorted(targets))
    seen = set(targets)
    while queue:
        node = queue.popleft()
        for edge in snapshot.edges_to_by_importer(node):
            importer = edge.importer
            if importer in seen or importer in sources or not via(importer) or not keep(edge):
                continue
            seen.add(importer)
            next_hop[importer] = edge
            queue.append(importer)
    return next_hop


def _follow(start: str, next_hop: dict[str, Edge]) -> list[Edge]:
    out = []
    node = start
    while node in next_hop:
        edge = next_hop[node]
        out.append(edge)
        node = edge.imported
    return out
