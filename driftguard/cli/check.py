"""`driftguard check`: what a branch (or the staged change) breaks, relative to its merge-base."""

from __future__ import annotations

import argparse
from typing import Any

FORMATS = ("text", "json", "sarif", "markdown", "github")
FAIL_ON = ("error", "warning", "never")


def register(sub: Any) -> argparse.ArgumentParser:
    parser = sub.add_parser(
        "check", help="check a branch or the staged change against its merge-base",
        description="Evaluate the head revision (or the staged index) and report the "
        "boundary, contract and ownership violations it introduces relative to the "
        "merge-base with --base.")
    add_check_arguments(parser)
    return parser


def add_check_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--base", help="branch to compare against (default: main or master)")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--head", default="HEAD", help="revision to check (default: HEAD)")
    where.add_argument("--staged", action="store_true", help="check the staged index")
    parser.add_argument("--config", help="config file (default: driftguard.toml or "
                        "[tool.driftguard] in pyproject.toml at the repo root)")
    parser.add_argument("--format", choices=FORMATS, default="text")
    parser.add_argument("--output", "-o", help="write the report to this file")
    parser.add_argument("--fail-on", choices=FAIL_ON, default="error",
                        help="exit 1 when a finding is at or above this severity")
    parser.add_argument("--all", dest="report_all", action="store_true",
                        help="report everything broken at head, not only what is new")
    parser.add_argument("--baseline", help="ignore the findings recorded in this baseline file")
    parser.add_argument("--strict", action="store_true",
                        help="fail when baseline entries no longer match (keep it shrinking)")
    parser.add_argument("--no-cache", action="store_true", help="do not read or write the cache")
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    parser.add_argument("--quiet", "-q", action="store_true", help="hide warnings")


def run(args: argparse.Namespace) -> int:
    from driftguard.cli.common import exit_code, print_warnings, render_report, write_output
    from driftguard.cli.session import load_baseline, open_session
    from driftguard.engine_check import CheckRequest, check

    session, config = open_session(args)
    try:
        baseline = load_baseline(args.baseline, config, session)
        report = check(session, config, CheckRequest(
            base=args.base, head=args.head, staged=args.staged, report_all=args.report_all,
            baseline=baseline))
    finally:
        session.close()
    write_output(render_report(report, args, "check", session), args.output)
    print_warnings(report.warnings, args.quiet)
    stale = report.stats.get("stale_baseline") or []
    if args.strict and stale:
        import sys

        print(f"driftguard: {len(stale)} baseline entries no longer match a finding; "
              "regenerate the baseline with `driftguard baseline` (--strict)", file=sys.stderr)
        return 1
    return exit_code(report, args.fail_on)
