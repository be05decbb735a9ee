"""The graph in Graphviz DOT."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from driftguard.graph_formats.view import GraphView


def render(view: GraphView) -> str:
    lines = ["digraph driftguard {", "  rankdir=LR;", "  node [shape=box, fontsize=10];"]
    lines += [f"  {json.dumps(n)};" for n in view.nodes()]
    for a, b, count in view.weighted_edges():
        label = f' [label="{count}"]' if count > 1 else ""
        lines.append(f"  {json.dumps(a)} -> {json.dumps(b)}{label};")
    lines.append("}")
    return "\n".join(lines) + "\n"
