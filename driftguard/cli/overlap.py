"""`driftguard overlap`: which concurrent branches collide, how, and in what order to merge them.

With ``--file PATH`` it answers an agent's pre-edit question instead: does any
other concurrent branch already edit PATH? JSON; exit 0 when none does, 1 when
one does (naming the branches and the symbols they edit).
"""

from __future__ import annotations

import argparse
from typing import Any

from driftguard.cli.check import FAIL_ON, FORMATS


def register(sub: Any) -> argparse.ArgumentParser:
    parser = sub.add_parser(
        "overlap", help="find collisions between concurrent branches",
        description="Compare concurrent branches (each against its merge-base with --base) "
        "and report same-file (DG301) and same-symbol (DG302) edits, predicted textual "
        "conflicts (DG303), semantic conflicts (DG304) and same new names (DG305), with a "
        "collision matrix and a suggested merge order. Branches: the ones named, else "
        "--pattern, else [overlap] concurrent of the config, else every local branch.")
    parser.add_argument("branches", nargs="*", metavar="BRANCH", help="branches to compare")
    parser.add_argument("--base", help="branch to compare against (default: main or master)")
    parser.add_argument("--pattern", metavar="GLOB", help="compare the branches matching this "
                        "glob, e.g. 'agent/*' (remote-tracking ones when no local branch does)")
    parser.add_argument("--file", metavar="PATH", help="only say which other branches edit "
                        "PATH and its symbols (JSON; exit 1 when one does): a pre-edit hook")
    parser.add_argument("--config", help="config file (default: driftguard.toml or "
                        "[tool.driftguard] in pyproject.toml at the repo root)")
    parser.add_argument("--format", choices=FORMATS, default=None,
                        help="output format (default: text; json with --file)")
    parser.add_argument("--output", "-o", help="write the report to this file")
    parser.add_argument("--fail-on", choices=FAIL_ON, default="error",
                        help="exit 1 when a finding is at or above this severity")
    parser.add_argument("--no-cache", action="store_true", help="do not read or write the cache")
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    parser.add_argument("--quiet", "-q", action="store_true", help="hide warnings")
    return parser


def run(args: argparse.Namespace) -> int:
    from driftguard.cli.common import exit_code, print_warnings, write_output
    from driftguard.cli.session import open_session
    from driftguard.engine_overlap import OverlapRequest, file_overlap, overlap, repo_relative
    from driftguard.errors import DriftguardError

    if args.branches and args.pattern:
        raise DriftguardError("name branches or give --pattern, not both",
                              "e.g. `driftguard overlap agent/a agent/b` or "
                              "`driftguard overlap --pattern 'agent/*'`.")
    args.format = args.format or ("json" if args.file else "text")
    request = OverlapRequest(base=args.base, branches=args.branches, pattern=args.pattern)
    session, config = open_session(args)
    try:
        if args.file:
            report = file_overlap(session, config, repo_relative(session, args.file), request)
        else:
            report = overlap(session, config, request)
    finally:
        session.close()
    write_output(_rendered(report, args, session), args.output)
    print_warnings(report.warnings, args.quiet)
    if args.file:
        return 1 if report.findings else 0
    return exit_code(report, args.fail_on)


def _rendered(report: Any, args: argparse.Namespace, session: Any) -> str:
    from driftguard.cli.common import render_report

    text = render_report(report, args, "overlap", session)
    if args.format == "text" and not args.file:
        from driftguard.overlap.text import render_summary

        text += "\n" + render_summary(report.stats)
    return text
