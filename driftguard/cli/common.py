"""Helpers shared by subcommands: output files, warnings on stderr."""

from __future__ import annotations

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
        raise DriftguardError(f"cannot write {output}: {exc.strerror}",
                              "Pass an --output path in a folder that exists and is writable.") from exc


def print_warnings(warnings: list[str], quiet: bool = False) -> None:
    if quiet or not warnings:
        return
    for warning in warnings[:MAX_WARNINGS_SHOWN]:
        print(f"driftguard: warning: {warning}", file=sys.stderr)
    hidden = len(warnings) - MAX_WARNINGS_SHOWN
    if hidden > 0:
        print(f"driftguard: warning: ... and {hidden} more warnings", file=sys.stderr)
