"""`report`: every repository of a workspace -> summaries -> drift, cross-repo breaks -> Report.

Per repository: HEAD's units, metrics and outside uses; the contracts it broke since
its previous run (or ``--since``), found by the contract checks' own diff; its
open-branch overlaps. Summaries read from ``--merge`` files join the same way.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from driftguard.cache.history import History
from driftguard.errors import DriftguardError, GitError
from driftguard.model.finding import Finding, Report
from driftguard.report.breaks import assemble
from driftguard.report.contracts import Break, from_diff
from driftguard.report.crossrepo import manifest_provides, outside_uses, python_provides
from driftguard.report.join import join
from driftguard.report.metrics import trend_point
from driftguard.report.summary import RepoSummary, architecture
from driftguard.report.units import violating_edges

if TYPE_CHECKING:
    from pathlib import Path

    from driftguard.engine import Session
    from driftguard.model.facts import Signature
    from driftguard.model.snapshot import Snapshot

MANIFESTS = ("package.json", "go.mod")  # what names a repository provides, beside Python's
MAX_MANIFEST = 256_000

Progress = Callable[[str, int, int], None]  # (what, done, total)
Opener = Callable[["Path"], tuple["Session", Any]]  # a repository's session and its config


@dataclass
class ReportRequest:
    repos: list[tuple[str, Path]]  # (name, path) in the workspace's order
    history: Path | None  # None: keep no history
    merged: list[RepoSummary] = field(default_factory=list)  # from --merge files
    since: str | None = None  # compare with this revision instead of the previous run
    record: bool = True


def report(request: ReportRequest, open_repo: Opener, progress: Progress | None = None
           ) -> Report:
    started, clock = time.time(), time.perf_counter()
    warnings: list[str] = []
    history = History(request.history, warnings)
    try:
        summaries = [*request.merged, *collect(request, open_repo, history, progress)]
        previous = {s.name: s.baseline or history.last(s.name) for s in summaries}
        joined = join(summaries, previous)
        if request.record:
            history.record(joined.records, started)
        trend = {s.name: [trend_point(t, r) for _, t, r in history.rows(s.name)]
                 for s in summaries}
        if not request.record:
            for name, record in joined.records.items():
                trend[name].append(trend_point(started, record))
        runs = history.runs()
    finally:
        history.close()
    stats = {"repos": joined.repos, "trend": trend, "runs": runs, "started": started,
             "history": str(history.path) if history.path else None,
             "seconds": round(time.perf_counter() - clock, 3)}
    notes = [*warnings, *joined.warnings, *(w for s in summaries for w in s.warnings)]
    return Report(findings=joined.findings, stats=stats, warnings=notes)


def summaries(request: ReportRequest, open_repo: Opener, progress: Progress | None = None
              ) -> tuple[list[RepoSummary], list[str]]:
    """The repositories' summaries alone (``--snapshot-out``); history is read, not written."""
    warnings: list[str] = []
    history = History(request.history, warnings)
    try:
        return collect(request, open_repo, history, progress), warnings
    finally:
        history.close()


def collect(request: ReportRequest, open_repo: Opener, history: History,
            progress: Progress | None = None) -> list[RepoSummary]:
    """The summary of each repository the request names (not the merged ones)."""
    out = []
    for done, (name, path) in enumerate(request.repos):
        if progress is not None:
            progress(f"reading {name}", done, len(request.repos))
        out.append(summarize(name, path, open_repo, history.last(name), request.since))
    if progress is not None:
        progress("joining", len(request.repos), len(request.repos))
    return out


def summarize(name: str, path: Path, open_repo: Opener, previous: dict[str, Any] | None,
              since: str | None) -> RepoSummary:
    try:
        session, config = open_repo(path)
    except GitError as exc:
        raise GitError(f"workspace repository {name!r} at {path}: {exc.message}",
                       "Fix its path in the workspace file (paths are relative to that "
                       "file), or clone the repository there.") from exc
    try:
        return _summarize(name, session, config, previous, since)
    except GitError as exc:
        raise GitError(f"workspace repository {name!r}: {exc.message}", exc.hint) from exc
    finally:
        session.close()


def _summarize(name: str, session: Session, config: Any, previous: dict[str, Any] | None,
               since: str | None) -> RepoSummary:
    head = session.snapshot("HEAD")
    base = _base(session, since, (previous or {}).get("commit"), head.commit)
    units, arch = _architecture(head, config)
    violations = _violations(config, head)
    baseline = None  # with --since, drift is measured against that revision's own record
    if since:
        then = base or head
        baseline = replace(_architecture(then, config)[1],
                           violations=_violations(config, then)).record()
    provides = python_provides(head) | manifest_provides(_manifests(session, head.commit))
    carried = [] if since else (previous or {}).get("breaks", [])
    summary = replace(
        arch, name=name, base=base.commit if base else None, provides=sorted(provides),
        uses=outside_uses(head, units), breaks=contract_breaks(config, base, head, carried),
        findings=_overlaps(session, config), baseline=baseline, violations=violations,
        violating=violating_edges(violations, units),
        committed=float(session.repo.commit(head.commit or "HEAD").commit_time),
        stats=session.stats.as_dict())
    summary.warnings = [f"{name}: {w}" for w in session.all_warnings()]
    return summary


def _base(session: Session, since: str | None, last: str | None, head: str | None
          ) -> Snapshot | None:
    """The snapshot changes are measured from: ``--since`` (it must exist), else the last
    run's commit (when it is still here); None on a first run or when nothing moved."""
    if since:
        commit = session.repo.resolve(since)
    elif last:
        try:
            commit = session.repo.resolve(last)
        except GitError:
            session.warnings.append(f"the last run's commit {last[:12]} is not here (a shallow "
                                    "clone, or rewritten history): contract changes are "
                                    "measured from now on")
            return None
    else:
        return None
    return session.snapshot(commit) if commit != head else None


def _architecture(snapshot: Snapshot, config: Any) -> tuple[dict[str, str], RepoSummary]:
    """Units are the config's named modules when it declares any, else top packages."""
    modules = list(getattr(config, "modules", None) or [])
    if not modules:
        return architecture(snapshot)
    from driftguard.checks.named_modules import owner_of

    return architecture(snapshot, owner_of(config, snapshot),
                        {m.name: list(m.packages) for m in modules})


def _violations(config: Any, head: Snapshot) -> list[Finding]:
    """The boundary rules of the repository's config broken at head (`check --all`'s)."""
    if not getattr(config, "rules", None):
        return []
    from driftguard.checks import check_modules
    from driftguard.checks.base import CheckContext
    from driftguard.model.suppress import apply_suppressions

    ctx = CheckContext(head=head, base=None, config=config, report_all=True)
    found = [f for check in check_modules() if getattr(check, "SCOPE", "") == "state"
             for f in check.run(ctx) if f.severity != "off"]
    return apply_suppressions(found, head, report_unused_in=set()).kept


def contract_breaks(config: Any, base: Snapshot | None, head: Snapshot,
                    carried: list[dict[str, Any]]) -> list[Break]:
    """What DG201 and DG202 find between base and head, plus earlier unrepaired breaks."""
    from driftguard.checks.base import CheckContext
    from driftguard.checks.dg201_symbol_removed import contract_diff, gone_names

    gone: list[Break] = []
    changed: list[Break] = []
    if base is not None and base.commit:
        ctx = CheckContext(head=head, base=base, config=config)
        gone, changed = from_diff(
            contract_diff(ctx), [(g.module, g.qualname, g.how, g.path, g.line)
                                 for g in gone_names(ctx)], base.commit,
            lambda module, name: _signatures(base, module, name),
            lambda module, name: _signatures(head, module, name))
    return assemble(base, head, gone, changed, carried,
                    lambda module, name: _signatures(head, module, name))


def _signatures(snapshot: Snapshot, module: str, qualname: str
                ) -> tuple[Signature | None, Signature | None]:
    """How a plain call and a call through an instance see ``qualname`` (DG202's rules)."""
    from driftguard.checks.dg202_signature_changed import call_signature
    from driftguard.model.consumers import Use

    plain, bound = (call_signature(snapshot, module, qualname,
                                   Use("", "", 0, "", "call", via_instance=via))
                    for via in (False, True))
    return plain, bound


def _manifests(session: Session, commit: str | None) -> dict[str, bytes]:
    repo = session.repo
    found = repo.files(commit or "HEAD", lambda p: p.rsplit("/", 1)[-1] in MANIFESTS)
    return {f.path: repo.read_blob(f.blob_id) for f in found
            if repo.blob_size(f.blob_id) <= MAX_MANIFEST}


def _overlaps(session: Session, config: Any) -> list[Finding]:
    """DG30x between the repository's open branches (none when it has fewer than two)."""
    from driftguard.engine_overlap import OverlapRequest, overlap

    try:
        return overlap(session, config, OverlapRequest()).findings
    except DriftguardError as exc:
        session.warnings.append(f"open-branch overlaps not computed: {exc.message}")
        return []
