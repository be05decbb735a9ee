"""Helpers shared by subcommands: output files, warnings on stderr."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from driftguard.errors import DriftguardError

MAX_WARNINGS_SHOWN = 20


def write_output(text: str, output: str | None) -> None:
    if not output or output == "-":
        sys.stdout.write(text)
        return
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise DriftguardError(
            f"cannot write {output}: {exc.strerror}",
            "Pass an --output path in a folder that exists and is writable.") from exc


def print_warnings(warnings: list[str], quiet: bool = False) -> None:
    if quiet or not warnings:
        return
    for warning in warnings[:MAX_WARNINGS_SHOWN]:
        print(f"driftguard: warning: {warning}", file=sys.stderr)
    hidden = len(warnings) - MAX_WARNINGS_SHOWN
    if hidden > 0:
        print(f"driftguard: warning: ... and {hidden} more warnings", file=sys.stderr)


def exit_code(report: object, fail_on: str) -> int:
    """0 when nothing is at or above ``fail_on``, else 1."""
    from driftguard.model.finding import severity_rank

    if fail_on == "never":
        return 0
    threshold = severity_rank(fail_on)
    findings = getattr(report, "findings", [])
    return 1 if any(severity_rank(f.severity) >= threshold for f in findings) else 0


def render_report(report: object, args: object, command: str, session: object) -> str:
    from driftguard import __version__
    from driftguard.reporters import RenderContext, render

    stats = getattr(report, "stats", {})
    color = getattr(args, "color", "auto")
    to_terminal = not getattr(args, "output", None) and sys.stdout.isatty()
    width = shutil.get_terminal_size((80, 24)).columns if to_terminal else 80
    context = RenderContext(
        command=command, repo=getattr(getattr(session, "repo", None), "name", ""),
        base=stats.get("base"), head=stats.get("head"), version=__version__,
        fail_on=getattr(args, "fail_on", "error"),
        color=color == "always" or (color == "auto" and to_terminal), width=max(width, 60))
    return render(report, getattr(args, "format", "text"), context)
