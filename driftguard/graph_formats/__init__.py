"""Renderings of one Snapshot's dependency graph (`driftguard graph --format ...`)."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from driftguard.graph_formats.view import GraphView

# format name -> module exposing render(view) -> str
FORMATS: dict[str, str] = {
    "json": "driftguard.graph_formats.json_format",
    "dot": "driftguard.graph_formats.dot",
    "mermaid": "driftguard.graph_formats.mermaid",
}


def render(view: GraphView, fmt: str) -> str:
    module = importlib.import_module(FORMATS[fmt])
    return module.render(view)  # type: ignore[no-any-return]
