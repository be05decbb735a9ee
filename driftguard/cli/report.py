"""`driftguard report`: the nightly drift report across the repositories of a workspace."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def register(sub: Any) -> argparse.ArgumentParser:
    parser = sub.add_parser(
        "report", help="drift report across the workspace's repositories",
        description="For every repository of the workspace: new cross-module dependencies, "
        "coupling growth and new cycles since the previous run (DG401-DG403), and "
        "contracts a repository broke for its consumers in other repositories (DG205). "
        "Each run is recorded in a history file, so the next run reports only new drift.")
    parser.add_argument("--workspace", help="a TOML file with [[workspace.repos]] (name, path "
                        "relative to the file); default: [workspace] of driftguard.toml")
    parser.add_argument("--html", help="write the self-contained HTML report here")
    parser.add_argument("--markdown", help="write the Markdown report here")
    parser.add_argument("--json", help="write the JSON report here")
    parser.add_argument("--history", help="history file (default: .driftguard/history.sqlite3 "
                        "beside the workspace file)")
    parser.add_argument("--since", help="compare providers with this revision, not the last run")
    parser.add_argument("--no-record", action="store_true", help="do not add this run to history")
    parser.add_argument("--fail-on", choices=("error", "warning", "never"), default="never")
    parser.add_argument("--quiet", "-q", action="store_true", help="hide warnings")
    return parser


def run(args: argparse.Namespace) -> int:
    from driftguard import __version__
    from driftguard.cli.common import exit_code, print_warnings, write_output
    from driftguard.engine_report import ReportRequest, report
    from driftguard.reporters import RenderContext, render

    repos, home = _workspace(args)
    history = Path(args.history) if args.history else home / ".driftguard" / "history.sqlite3"
    result = report(ReportRequest(repos, history, args.since, not args.no_record),
                    progress=_progress())
    context = RenderContext(command="report", version=__version__, fail_on=args.fail_on)
    for fmt, target in (("html", args.html), ("markdown", args.markdown), ("json", args.json)):
        if target:
            write_output(render(result, fmt, context), target)
    if not (args.html or args.markdown or args.json):
        write_output(render(result, "text", context), None)
    print_warnings(result.warnings, args.quiet)
    return exit_code(result, args.fail_on)


def _workspace(args: argparse.Namespace) -> tuple[list[tuple[str, Path]], Path]:
    from driftguard.config.loader import find_config, load_config_file
    from driftguard.errors import DriftguardError

    source = Path(args.workspace) if args.workspace else find_config(Path(args.repo))
    if source is None or not source.is_file():
        raise DriftguardError(f"no workspace file {source or ''}".strip(),
                              "Pass --workspace FILE (a TOML file with [[workspace.repos]]) "
                              "or add [workspace] to driftguard.toml.")
    config = load_config_file(source)
    home = source.resolve().parent
    return [(r.name, (home / r.path).resolve()) for r in config.workspace.repos], home


def _progress() -> Any:
    """A status line on a terminal (stderr); silent when piped."""
    import sys

    if not sys.stderr.isatty():
        return lambda _: None
    from rich.console import Console

    console = Console(stderr=True)
    return lambda message: console.print(f"[dim]{message}[/dim]")
