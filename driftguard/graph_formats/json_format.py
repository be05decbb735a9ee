"""The graph as JSON: modules, every import edge with file and line, externals, stats."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from driftguard.graph_formats.view import GraphView

GRAPH_SCHEMA_VERSION = "1"


def render(view: GraphView) -> str:
    snap = view.snapshot
    data = {
        "version": GRAPH_SCHEMA_VERSION,
        "rev": snap.label,
        "commit": snap.commit,
        "modules": [
            {"name": m.name, "path": m.path, "language": m.language, "is_package": m.is_package,
             "symbols": m.symbol_count}
            for m in sorted(snap.modules.values(), key=lambda m: m.name)
        ],
        "edges": [
            {"from": e.importer, "to": e.imported, "path": e.path, "line": e.line,
             "names": list(e.names), "type_only": e.type_only, "in_function": e.in_function,
             "conditional": e.conditional}
            for e in sorted(snap.edges, key=lambda e: (e.importer, e.imported, e.line))
        ],
        "unresolved": [
            {"from": e.importer, "target": e.target or e.imported, "path": e.path, "line": e.line}
            for e in snap.unresolved
        ],
        "external": {k: sorted(v) for k, v in sorted(snap.external.items())},
        "stats": view.stats,
        "warnings": view.warnings,
    }
    if view.depth is not None:
        data["collapsed"] = [{"from": a, "to": b, "imports": n}
                             for a, b, n in view.weighted_edges()]
    return json.dumps(data, indent=2) + "\n"
