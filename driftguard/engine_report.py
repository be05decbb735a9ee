"""`report`: every repository of a workspace, drift since the last run, cross-repo breaks."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from driftguard.cache.history import History
from driftguard.engine import Session
from driftguard.errors import DriftguardError, GitError
from driftguard.model.finding import Finding, Report
from driftguard.report.crossrepo import broken_uses, cross_uses, dg205, python_packages
from driftguard.report.metrics import drift, summarize

if TYPE_CHECKING:
    from collections.abc import Callable

    from driftguard.model.snapshot import Snapshot


@dataclass
class ReportRequest:
    repos: list[tuple[str, Path]]  # (name, path), in the workspace's order
    history: Path
    since: str | None = None  # compare providers with this rev instead of the last run
    record: bool = True


@dataclass
class RepoState:
    name: str
    session: Session
    head: Snapshot
    before: dict[str, Any] | None  # the previous run's summary
    base: Snapshot | None  # the provider side's previous revision


def report(request: ReportRequest, progress: Callable[[str], None] = lambda _: None) -> Report:
    started = time.perf_counter()
    if not request.repos:
        raise DriftguardError("the workspace names no repositories",
                              "Add [[workspace.repos]] entries (name, path) to the workspace "
                              "file or to driftguard.toml's [workspace].")
    history = History(request.history)
    try:
        states = [_open(name, path, history, request.since, progress)
                  for name, path in request.repos]
        findings, summaries, stats = _analyse(states)
        if request.record:
            history.record(summaries)
        stats.update(runs=history.runs(), seconds=round(time.perf_counter() - started, 3),
                     trend={s.name: history.trend(s.name) for s in states})
    finally:
        history.close()
        for state in locals().get("states", []):
            state.session.close()
    return Report(findings=sorted(findings, key=Finding.sort_key), stats=stats,
                  warnings=[w for s in states for w in s.session.all_warnings()])


def _open(name: str, path: Path, history: History, since: str | None,
          progress: Callable[[str], None]) -> RepoState:
    progress(f"reading {name}")
    try:
        session = Session.open(str(path))
    except GitError as exc:
        raise GitError(f"workspace repository {name!r} at {path}: {exc.message}",
                       "Fix its path in the workspace file (paths are relative to that "
                       "file), or clone the repository there.") from exc
    head = session.snapshot("HEAD")
    before = history.last(name)
    base_rev = since or (before or {}).get("commit")
    base = None
    if base_rev and base_rev != head.commit:
        try:
            base = session.snapshot(base_rev)
        except GitError:
            session.warnings.append(f"{name}: previous revision {base_rev} is gone; "
                                    "cross-repo changes are measured from now on")
    return RepoState(name, session, head, before, base)


def _analyse(states: list[RepoState]) -> tuple[list[Finding], dict[str, Any], dict[str, Any]]:
    providers = {top: s.name for s in states for top in python_packages(s.head)}
    by_name = {s.name: s for s in states}
    findings: list[Finding] = []
    summaries, repos = {}, {}
    for state in states:
        summary = summarize(state.head)
        findings += drift(state.name, state.before, summary, _edge_sites(state.head))
        uses = list(cross_uses(state.name, state.head, providers))
        for provider in sorted({u.provider for u in uses}):
            side = by_name[provider]
            if side.base is not None or side.before is None:
                mine = [u for u in uses if u.provider == provider]
                findings += [dg205(use, how, side.head.commit)
                             for use, how in broken_uses(mine, side.base, side.head)]
        summaries[state.name] = summary
        repos[state.name] = {
            "commit": state.head.commit, "modules": len(state.head.modules),
            "edges": len(state.head.edges), "metrics": summary["metrics"],
            "cycles": summary["cycles"], "module_edges": summary["edges"],
            "depends_on": sorted({u.provider for u in uses})}
    return findings, summaries, {"repos": repos}


def _edge_sites(snapshot: Snapshot, depth: int = 2) -> dict[tuple[str, str], tuple[str, int]]:
    sites: dict[tuple[str, str], tuple[str, int]] = {}
    for edge in sorted(snapshot.edges, key=lambda e: (e.path, e.line)):
        a = ".".join(edge.importer.split(".")[:depth])
        b = ".".join(edge.imported.split(".")[:depth])
        if a != b:
            sites.setdefault((a, b), (edge.path, edge.line))
    return sites
