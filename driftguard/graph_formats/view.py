"""What graph formats draw: a snapshot, optionally collapsed to package depth."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from driftguard.model.snapshot import Snapshot


@dataclass
class GraphView:
    snapshot: Snapshot
    depth: int | None = None  # collapse module names to this many dotted parts
    stats: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def nodes(self) -> list[str]:
        names = self.snapshot.modules
        if self.depth is None:
            return sorted(names)
        return sorted({".".join(n.split(".")[: self.depth]) for n in names})

    def weighted_edges(self) -> list[tuple[str, str, int]]:
        if self.depth is not None:
            counts = self.snapshot.collapsed(self.depth)
        else:
            counts = {}
            for edge in self.snapshot.edges:
                key = (edge.importer, edge.imported)
                counts[key] = counts.get(key, 0) + 1
        return sorted((a, b, n) for (a, b), n in counts.items())
