"""`check`: evaluate a branch (or the staged index) against its merge-base -> Report."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from driftguard.checks import check_modules
from driftguard.checks.base import CheckContext
from driftguard.gitio import STAGED
from driftguard.model.finding import Finding, Report
from driftguard.model.snapshot import Snapshot
from driftguard.model.suppress import apply_baseline, apply_suppressions

if TYPE_CHECKING:
    from collections.abc import Callable

    from driftguard.engine import Session

    Remember = Callable[[str, Callable[[], list[str]]], list[str]]


@dataclass
class CheckRequest:
    base: str | None = None  # default: the first of main, master that exists
    head: str = "HEAD"
    staged: bool = False
    report_all: bool = False
    baseline: set[str] | None = None


def check(session: Session, config: Any, request: CheckRequest) -> Report:
    started = time.perf_counter()
    repo = session.repo
    head_rev = STAGED if request.staged else request.head
    head_commit = None if request.staged else repo.resolve(request.head)
    first_commit = request.staged and repo.repo.head_is_unborn  # everything staged is new
    base_ref = "(no commits yet)" if first_commit else request.base or session.default_base()
    base_commit = None if first_commit else repo.merge_base(
        base_ref, "HEAD" if request.staged else request.head)
    base = session.snapshot(base_commit) if base_commit else Snapshot("empty", None, {}, [])
    branch = repo.head_name() if request.staged or request.head == "HEAD" else request.head
    ctx = CheckContext(
        head=session.snapshot(head_rev), base=base, config=config,
        branch=branch, changes=session.changes(base_commit, head_commit),
        report_all=request.report_all)
    findings = run_checks(ctx, remember=(
        (lambda what, compute: session.remembered(what, base_commit, compute))
        if base_commit else None))
    if not first_commit and getattr(getattr(config, "overlap", None), "concurrent", None):
        from driftguard.engine_overlap import overlaps_for_branch  # only when branches are named

        findings += overlaps_for_branch(session, config, branch, base_ref)
    findings = [f for f in findings if f.severity != "off"]
    touched = None if request.report_all else ctx.changed_paths()
    filtered = apply_suppressions(findings, ctx.head, report_unused_in=touched,
                                  branches=ctx.branches)
    kept = filtered.kept + filtered.unused
    baselined, stale = 0, set()
    if request.baseline is not None:
        kept, baselined, stale = apply_baseline(kept, request.baseline)
    report = Report(findings=sorted(kept, key=Finding.sort_key), warnings=session.all_warnings())
    report.stats = {
        **session.stats.as_dict(), "base": base_ref, "merge_base": base_commit,
        "head": "staged" if request.staged else request.head, "head_commit": head_commit,
        "branch": branch, "changed_files": len(ctx.changes),
        "suppressed": len(filtered.suppressed), "baselined": baselined,
        "stale_baseline": sorted(stale), "seconds": round(time.perf_counter() - started, 4),
    }
    return report


def run_checks(ctx: CheckContext, remember: Remember | None = None) -> list[Finding]:
    """Every registered check; state checks keep only what is new since the merge-base
    (whose fingerprints ``remember`` may keep between runs)."""
    out: list[Finding] = []
    for module in check_modules():
        found = list(module.run(ctx))
        if getattr(module, "SCOPE", "change") == "state" and not ctx.report_all and ctx.base:
            at_base = replace(ctx, head=ctx.base, base=None)

            def compute(module: Any = module, at_base: CheckContext = at_base) -> list[str]:
                return sorted({f.fingerprint for f in module.run(at_base)})

            what = f"{module.__name__}@{code_stamp()}"
            before = set(remember(what, compute) if remember else compute())
            found = [f for f in found if f.fingerprint not in before]
        out.extend(found)
    return out


@cache
def code_stamp() -> str:
    """Sizes and times of the rule and model code: remembered findings never outlive an
    edit to the code that found them (a release changes it anyway; a checkout may not)."""
    root = Path(__file__).resolve().parent
    stats = [entry.stat() for folder in ("checks", "model")
             for entry in os.scandir(root / folder) if entry.name.endswith(".py")]
    return f"{sum(s.st_size for s in stats)}-{max((s.st_mtime_ns for s in stats), default=0)}"
