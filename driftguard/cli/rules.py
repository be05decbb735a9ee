"""`driftguard rules`: every rule code with its name, default severity and summary."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any) -> argparse.ArgumentParser:
    return sub.add_parser("rules", help="list the rule codes",
                          description="List every rule code driftguard can report, with its "
                          "name, default severity and summary. `driftguard explain CODE` "
                          "tells more about one.")


def run(args: argparse.Namespace) -> int:
    from rich.table import Table

    from driftguard.model.rules import CATALOGUE

    # No box: the table stays plain ASCII, and the summary column wraps to the terminal.
    table = Table(box=None, header_style="bold", pad_edge=False)
    table.add_column("Code", no_wrap=True)
    table.add_column("Name", no_wrap=True)
    table.add_column("Severity", no_wrap=True)
    table.add_column("Summary", overflow="fold")
    for info in CATALOGUE.values():
        table.add_row(info.code, info.name, info.severity, info.summary)
    print_rich(table)
    return 0


def print_rich(*renderables: Any) -> None:
    """Print to stdout at the terminal's width (80 when piped), without trailing padding."""
    import shutil
    import sys

    from driftguard.cli.common import write_output
    from driftguard.reporters.text import string_console, strip_padding

    width = max(40, shutil.get_terminal_size((80, 24)).columns)
    console = string_console(width, color=sys.stdout.isatty())
    for renderable in renderables:
        console.print(renderable)
    write_output(strip_padding(console.file.getvalue()), None)  # type: ignore[attr-defined]
