"""Markdown (`--format markdown`) for pull-request comments and job summaries.

A verdict line, a table of findings, how to fix each rule, and a Mermaid diagram
of the offending dependency edges (GitHub renders it). The whole body stays under
GitHub's comment limit: the table and the diagram are cut with a count.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from driftguard.reporters._common import (
    dependency_edges,
    fails,
    grouped,
    location,
    ordered,
    rule_info,
    scope,
    stats_line,
    summary,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from driftguard.model.finding import Finding, Report
    from driftguard.reporters import RenderContext

MAX_CHARS = 65_536  # GitHub rejects longer comment bodies
DIAGRAM_SHARE = 4  # the diagram may take at most a quarter of the body
MAX_EDGES = 60  # beyond this a diagram is no longer readable
MAX_WARNINGS = 20  # each clipped, so the warnings cannot crowd out the findings
RESERVE = 200  # room for the "... and N more" lines
UNSAFE_ID = re.compile(r"[^A-Za-z0-9_]")
TABLE_HEAD = "| Rule | Severity | Location | Message |\n|---|---|---|---|"


def render(report: Report, context: RenderContext) -> str:
    findings = ordered(report)
    head = _verdict(findings, context)
    edges = list(context.edges) or dependency_edges(findings)
    diagram = _diagram(edges, MAX_CHARS // DIAGRAM_SHARE)
    tail = [*_fixes(findings), *diagram, *_warnings(report.warnings), _footer(report, context)]
    budget = MAX_CHARS - RESERVE - sum(len(part) + 2 for part in [*head, *tail])
    return "\n\n".join([*head, *_table(findings, budget), *tail]) + "\n"


def _verdict(findings: list[Finding], context: RenderContext) -> list[str]:
    mark = "❌" if fails(findings, context.fail_on) else "✅"
    lines = [f"### {mark} driftguard {context.command}: {summary(findings)}"]
    where = scope(context)
    if where:
        lines.append(f"{_cell(where)} · fail-on `{context.fail_on}`")
    return lines


def _table(findings: list[Finding], budget: int) -> list[str]:
    if not findings:
        return []
    rows: list[str] = []
    used = len(TABLE_HEAD)
    for finding in findings:
        row = _row(finding)
        used += len(row) + 1
        if used > budget:
            break
        rows.append(row)
    hidden = len(findings) - len(rows)
    more = [f"... and {hidden} more findings"] if hidden else []
    return ["\n".join([TABLE_HEAD, *rows]), *more]


def _row(finding: Finding) -> str:
    info = rule_info(finding.rule)
    message = _cell(finding.message)
    if len(finding.branches) > 1:
        message += f" _({_cell(', '.join(finding.branches))})_"
    return (f"| [{finding.rule}]({info.help_uri}) {_cell(info.name)} | {finding.severity} "
            f"| {_code(location(finding))} | {message} |")


def _cell(text: str) -> str:
    """Text safe inside a table cell: no HTML, no column breaks, no row breaks."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _one_line(text.replace("|", "\\|"))


def _code(text: str) -> str:
    # Code spans show entities literally, so only pipes and line breaks are escaped.
    if "`" in text:
        return _cell(text)
    return "`" + _one_line(text.replace("|", "\\|")) + "`"


def _one_line(text: str) -> str:
    return text.replace("\r\n", "<br>").replace("\n", "<br>").replace("\r", "<br>")


def _fixes(findings: list[Finding]) -> list[str]:
    items = []
    for code, _ in grouped(findings):
        info = rule_info(code)
        if info.fix:
            items.append(f"- **{code} {info.name}**: {info.fix} ([docs]({info.help_uri}))")
    return ["#### How to fix", "\n".join(items)] if items else []


def _diagram(edges: Sequence[tuple[str, str]], budget: int) -> list[str]:
    if not edges:
        return []
    ids: dict[str, str] = {}
    lines: list[str] = []
    used = 0
    for importer, imported in edges[:MAX_EDGES]:
        line = f"  {_node(importer, ids)} --> {_node(imported, ids)}"
        used += len(line) + 1
        if used > budget:
            break
        lines.append(line)
    block = "\n".join(["```mermaid", "flowchart LR", *lines, "```"])
    more = [f"... and {len(edges) - len(lines)} more edges"] if len(lines) < len(edges) else []
    return ["#### Offending dependencies", block, *more]


def _node(name: str, ids: dict[str, str]) -> str:
    """``id["label"]``: ids reduced to [A-Za-z0-9_] and kept unique, labels quoted."""
    if name not in ids:
        ids[name] = _unique_id("m_" + UNSAFE_ID.sub("_", name), set(ids.values()))
    label = name.replace('"', "#quot;").replace("`", "#96;")
    return f'{ids[name]}["{label}"]'


def _unique_id(base: str, taken: set[str]) -> str:
    candidate, n = base, 1
    while candidate in taken:  # "a.b" and "a_b" sanitize alike
        n += 1
        candidate = f"{base}_{n}"
    return candidate


def _warnings(warnings: list[str]) -> list[str]:
    if not warnings:
        return []
    shown = sorted(warnings)[:MAX_WARNINGS]
    items = "\n".join(f"- {_cell(_clip(w))}" for w in shown)
    more = f"\n- ... and {len(warnings) - len(shown)} more" if len(warnings) > len(shown) else ""
    noun = "warning" if len(warnings) == 1 else "warnings"
    return [f"<details><summary>{len(warnings)} {noun} while reading</summary>\n\n"
            f"{items}{more}\n\n</details>"]


def _clip(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _footer(report: Report, context: RenderContext) -> str:
    parts = [p for p in (stats_line(report.stats), f"driftguard {context.version}".strip()) if p]
    return f"<sub>{_cell(' · '.join(parts))}</sub>"
