"""The graph as a Mermaid flowchart (GitHub renders it in Markdown)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from driftguard.graph_formats.view import GraphView

UNSAFE = re.compile(r"[^A-Za-z0-9_]")


def node_id(name: str) -> str:
    return "m_" + UNSAFE.sub("_", name)


def render(view: GraphView) -> str:
    lines = ["flowchart LR"]
    lines += [f'  {node_id(n)}["{n}"]' for n in view.nodes()]
    for a, b, count in view.weighted_edges():
        arrow = f"-->|{count}|" if count > 1 else "-->"
        lines.append(f"  {node_id(a)} {arrow} {node_id(b)}")
    return "\n".join(lines) + "\n"
