"""Text for terminals (rich): findings grouped by rule code, evidence beneath, a fix per group.

Rendered into a string through a Console of fixed width and explicit colour
choice, so the same report gives the same bytes on every machine. Messages go in
as ``Text``, never markup: a ``[name]`` in a message must survive.
"""

from __future__ import annotations

import re
from io import StringIO
from typing import TYPE_CHECKING

from driftguard.reporters._common import (
    evidence_line,
    fails,
    grouped,
    location,
    ordered,
    rule_info,
    scope,
    severity_counts,
    stats_line,
    summary,
    title,
    worst,
)

if TYPE_CHECKING:
    from rich.console import Console
    from rich.padding import Padding
    from rich.text import Text

    from driftguard.model.finding import Finding, Report
    from driftguard.reporters import RenderContext

# Rich pads wrapped lines to the full width; drop that padding (before any closing ANSI code).
TRAILING_SPACE = re.compile(r" +((?:\x1b\[[0-9;]*m)*)$", re.MULTILINE)
STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}
FINDING_INDENT = 2
EVIDENCE_INDENT = 6


def render(report: Report, context: RenderContext) -> str:
    findings = ordered(report)
    if not findings and not context.color:
        clean = plain_clean(report, context)
        if clean is not None:
            return clean
    return render_rich(report, context, findings)


def render_rich(report: Report, context: RenderContext, findings: list[Finding]) -> str:
    from rich.text import Text

    console = string_console(context.width, context.color)
    where = scope(context)
    if where:
        console.print(Text(f"driftguard {context.command}: {where}", style="bold"))
        console.print()
    for code, group in grouped(findings):
        _print_group(console, code, group)
    _print_verdict(console, findings, context)
    stats = stats_line(report.stats)
    if stats:
        console.print(Text(stats, style="dim"))
    return strip_padding(console.file.getvalue())  # type: ignore[attr-defined]


def plain_clean(report: Report, context: RenderContext) -> str | None:
    """A clean report without colours, as rich would print it, without loading rich (the
    pre-commit hot path, where every commit pays for the import); None when a line is
    one rich would treat differently (too wide, not plain ASCII)."""
    where = scope(context)
    lines = [f"driftguard {context.command}: {where}", ""] if where else []
    lines.append("No findings.")
    stats = stats_line(report.stats)
    if stats:
        lines.append(stats)
    if not all(line.isascii() and line.isprintable() and len(line) <= context.width
               for line in lines):
        return None
    return "\n".join(line.rstrip(" ") for line in lines) + "\n"


def string_console(width: int, color: bool) -> Console:
    """A console that writes into a string: fixed width, colours only when asked."""
    from rich.console import Console

    return Console(file=StringIO(), width=width, force_terminal=color,
                   color_system="standard" if color else None, highlight=False,
                   markup=False, emoji=False, legacy_windows=False)


def strip_padding(text: str) -> str:
    return TRAILING_SPACE.sub(r"\1", text)


def _indented(text: Text, indent: int) -> Padding:
    from rich.padding import Padding

    # Padding (not leading spaces) so wrapped continuation lines keep the indent.
    return Padding(text, (0, 0, 0, indent), expand=False)


def _print_group(console: Console, code: str, group: list[Finding]) -> None:
    from rich.text import Text

    style = STYLES.get(worst(group), "bold")
    console.print(Text.assemble((title(code), style),
                                f" ({severity_counts(group)})"))
    for finding in group:
        _print_finding(console, finding)
    info = rule_info(code)
    if info.fix:
        fix = Text.assemble(("how to fix: ", "green"), info.fix,
                            (f" (driftguard explain {code})", "dim"))
        console.print(_indented(fix, FINDING_INDENT))
    console.print()


def _print_finding(console: Console, finding: Finding) -> None:
    from rich.text import Text

    line = Text.assemble((location(finding), "bold"), "  ", finding.message)
    console.print(_indented(line, FINDING_INDENT))
    if len(finding.branches) > 1:
        branches = Text(f"branches: {', '.join(finding.branches)}", style="dim")
        console.print(_indented(branches, EVIDENCE_INDENT))
    for evidence in finding.evidence:
        console.print(_indented(Text(evidence_line(evidence), style="dim"), EVIDENCE_INDENT))


def _print_verdict(console: Console, findings: list[Finding], context: RenderContext) -> None:
    from rich.text import Text

    if not findings:
        console.print(Text("No findings.", style="bold green"))
        return
    failed = fails(findings, context.fail_on)
    verdict = Text("FAILED" if failed else "passed", style="bold red" if failed else "bold green")
    console.print(Text.assemble(verdict, f"  {summary(findings)} (fail-on: {context.fail_on})"))
