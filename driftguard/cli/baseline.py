"""`driftguard baseline`: record today's findings so later checks report only new ones."""

from __future__ import annotations

import argparse
from typing import Any

BASELINE_VERSION = "1"


def register(sub: Any) -> argparse.ArgumentParser:
    parser = sub.add_parser(
        "baseline", help="record known findings; later checks ignore them",
        description="Run every check on HEAD (as `check --all`) and write the findings' "
        "fingerprints to a baseline file. Fingerprints carry no line numbers, so unrelated "
        "edits do not revive an entry. Commit the file; `check --strict` fails when entries "
        "go stale, so the baseline only shrinks.")
    parser.add_argument("--output", "-o", help="baseline file (default: settings.baseline or "
                        ".driftguard-baseline.json)")
    parser.add_argument("--head", default="HEAD", help="revision to record (default: HEAD)")
    parser.add_argument("--base", help="branch used for ownership checks (default: main)")
    parser.add_argument("--config", help="config file")
    parser.add_argument("--no-cache", action="store_true")
    parser.add_argument("--quiet", "-q", action="store_true")
    return parser


def run(args: argparse.Namespace) -> int:
    import sys
    from pathlib import Path

    from driftguard.cli.common import print_warnings, write_output
    from driftguard.cli.session import baseline_path, open_session
    from driftguard.engine_check import CheckRequest, check

    session, config = open_session(args)
    try:
        report = check(session, config, CheckRequest(base=args.base, head=args.head,
                                                     report_all=True))
        target = baseline_path(args.output, config, session) or (
            (session.repo.workdir or Path.cwd()) / ".driftguard-baseline.json")
    finally:
        session.close()
    write_output(render_baseline(report.findings), str(target))
    print_warnings(report.warnings, args.quiet)
    print(f"driftguard: recorded {len(report.findings)} findings in {target}", file=sys.stderr)
    return 0


def render_baseline(findings: list[Any]) -> str:
    import json

    entries = sorted(
        ({"fingerprint": f.fingerprint, "rule": f.rule, "path": f.path, "message": f.message}
         for f in findings), key=lambda e: (e["rule"], e["path"], e["fingerprint"]))
    unique = list({e["fingerprint"]: e for e in entries}.values())
    return json.dumps({"version": BASELINE_VERSION, "findings": unique}, indent=2) + "\n"
