"""Reporters: one module per output format, each rendering a Report into a string.

Reporters render, never print: the CLI decides where the text goes. Each format
module exposes ``render(report, context) -> str`` and is registered below;
modules starting with ``_`` are shared helpers, not formats.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from driftguard.model.finding import Report

# format name -> module. Add a format: one module + one line here.
REPORTERS: dict[str, str] = {
    "text": "driftguard.reporters.text",
    "json": "driftguard.reporters.json_report",
    "sarif": "driftguard.reporters.sarif",
    "markdown": "driftguard.reporters.markdown",
    "github": "driftguard.reporters.github",
    "html": "driftguard.reporters.html",
}


@dataclass(frozen=True)
class RenderContext:
    """What a report does not know about itself: the run that produced it."""

    command: str = "check"  # check | overlap | report
    repo: str = ""  # repository name
    base: str | None = None
    head: str | None = None
    version: str = ""  # driftguard's version
    fail_on: str = "error"  # error | warning | never: decides the verdict
    color: bool = False  # ANSI colours (text format only)
    width: int = 80  # columns (text format only)
    # Dependency edges (importer, imported) to draw; empty: taken from the findings' chains.
    edges: Sequence[tuple[str, str]] = ()


def render(report: Report, fmt: str, context: RenderContext | None = None) -> str:
    """The report in format ``fmt`` (a key of REPORTERS)."""
    if fmt not in REPORTERS:
        raise ValueError(f"unknown report format {fmt!r}; choose one of {', '.join(REPORTERS)}")
    module = importlib.import_module(REPORTERS[fmt])
    return module.render(report, context or RenderContext())  # type: ignore[no-any-return]
