"""`driftguard demo`: build a throwaway repository with agent branches and analyse it."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any


def register(sub: Any) -> argparse.ArgumentParser:
    parser = sub.add_parser(
        "demo", help="build a throwaway repo with agent branches and show what driftguard sees",
        description="Builds a small shop application in a temporary git repository, with "
        "branches of parallel agents, and runs driftguard on it. Nothing outside the "
        "temporary folder is touched.")
    parser.add_argument("--keep", metavar="DIR",
                        help="build the demo repository in DIR (must not exist) and keep it")
    return parser


def run(args: argparse.Namespace) -> int:
    from driftguard.cli.demo_scenario import build_demo_repo
    from driftguard.errors import DriftguardError

    if args.keep:
        target = Path(args.keep)
        if target.exists():
            raise DriftguardError(f"{target} already exists", "Name a folder that does not exist.")
        return _show(build_demo_repo(target))
    with tempfile.TemporaryDirectory(prefix="driftguard-demo-") as tmp:
        return _show(build_demo_repo(Path(tmp) / "shop"))


def _show(repo_path: Path) -> int:
    from driftguard.cli.demo_scenario import AGENT_BRANCHES
    from driftguard.cli.session import load_config
    from driftguard.engine import Session
    from driftguard.engine_check import CheckRequest, check
    from driftguard.engine_overlap import OverlapRequest, overlap
    from driftguard.graph_formats import render
    from driftguard.graph_formats.view import GraphView
    from driftguard.overlap.text import render_summary
    from driftguard.reporters import RenderContext
    from driftguard.reporters import render as render_report

    out = sys.stdout
    out.write(f"demo repository: {repo_path}\n")
    out.write(f"branches: main, {', '.join(AGENT_BRANCHES)}\n\n")
    session = Session.open(str(repo_path))
    try:
        config = load_config(session, None)
        snapshot = session.snapshot("main")
        out.write(f"== dependency graph of main ({len(snapshot.modules)} modules, "
                  f"{len(snapshot.edges)} imports) ==\n")
        out.write(render(GraphView(snapshot), "mermaid"))
        for branch in AGENT_BRANCHES:
            out.write(f"\n== driftguard check --base main --head {branch} ==\n")
            report = check(session, config, CheckRequest(base="main", head=branch))
            context = RenderContext(command="check", base="main", head=branch)
            out.write(render_report(report, "text", context))
        out.write("\n== driftguard overlap --base main --pattern 'agent/*' ==\n")
        report = overlap(session, config, OverlapRequest(base="main", pattern="agent/*"))
        out.write(render_report(report, "text", RenderContext(command="overlap", base="main")))
        out.write("\n" + render_summary(report.stats))
    finally:
        session.close()
    return 0
