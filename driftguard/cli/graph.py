"""`driftguard graph`: the dependency graph of one revision (or the staged index)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

FORMATS = ("json", "dot", "mermaid")


def register(sub: Any) -> argparse.ArgumentParser:
    parser = sub.add_parser("graph", help="print the dependency graph of a revision",
                            description="Print the module dependency graph of one revision, "
                            "read straight from git objects (no checkout).")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--rev", default="HEAD", help="revision to read (default: HEAD)")
    where.add_argument("--staged", action="store_true", help="read the staged index instead")
    parser.add_argument("--format", choices=FORMATS, default="json")
    parser.add_argument("--output", "-o", help="write to this file instead of stdout")
    parser.add_argument("--depth", type=int, help="collapse modules to N dotted parts")
    parser.add_argument("--stats", action="store_true",
                        help="print files, parses and cache hits on stderr")
    parser.add_argument("--no-cache", action="store_true", help="do not read or write the cache")
    parser.add_argument("--config", help="config file (for settings: source_roots, exclude, "
                        "max_file_size)")
    parser.add_argument("--quiet", "-q", action="store_true", help="hide warnings")
    return parser


def run(args: argparse.Namespace) -> int:
    from driftguard.cli.common import print_warnings, write_output
    from driftguard.cli.session import open_session
    from driftguard.errors import DriftguardError
    from driftguard.gitio import STAGED
    from driftguard.graph_formats import render
    from driftguard.graph_formats.view import GraphView

    if args.depth is not None and args.depth < 1:
        raise DriftguardError("--depth must be 1 or more")
    session, _ = open_session(args)  # the config's settings: source roots, exclude, size limit
    try:
        snapshot = session.snapshot(STAGED if args.staged else args.rev)
    finally:
        session.close()
    warnings = session.all_warnings()
    view = GraphView(snapshot, args.depth, session.stats.as_dict(), warnings)
    write_output(render(view, args.format), args.output)
    print_warnings(warnings, args.quiet)
    if args.stats:
        s = session.stats
        print(f"driftguard: {s.files} files, {s.parsed} parsed, {s.cached} from cache, "
              f"{s.skipped} skipped, {s.seconds:.3f}s", file=sys.stderr)
    return 0
