"""`overlap`: concurrent branches against each other -> Report. No output here.

Each branch is diffed against its merge-base with the base; only the changed
files' blobs are parsed (through the facts cache, in one batch). Pairs are formed
only where branches share a path or a changed-and-newly-used name, and textual
conflicts are predicted in memory only for pairs that share a path.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from driftguard.engine_overlap_load import DeltaLoader, repo_relative
from driftguard.errors import DriftguardError
from driftguard.gitio.merge import Merges, branch_names, contains, is_ancestor
from driftguard.model.finding import Finding, Report
from driftguard.model.rules import CATALOGUE
from driftguard.overlap.detect import pair_findings
from driftguard.overlap.summary import summarize
from driftguard.overlap.touching import file_findings, touched_by
from driftguard.overlap.views import BranchView, candidate_pairs

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Sequence

    from driftguard.engine import Session
    from driftguard.gitio import GitRepo
    from driftguard.gitio.merge import Memory
    from driftguard.overlap.model import Conflicts
    from driftguard.overlap.uses import Aliases

__all__ = ["OverlapRequest", "file_overlap", "overlap", "overlaps_for_branch", "repo_relative"]


@dataclass
class OverlapRequest:
    base: str | None = None  # default: the first of main, master that exists
    branches: Sequence[str] = ()  # explicit branches; else --pattern, else [overlap] concurrent
    pattern: str | None = None


def overlap(session: Session, config: Any, request: OverlapRequest) -> Report:
    started = time.perf_counter()
    base = request.base or session.default_base()
    names = select_branches(session, config, base, request.branches, request.pattern)
    loader = DeltaLoader(session, base)
    views = [BranchView.of(d) for d in loader.deltas(names)]
    pairs = candidate_pairs(views, loader.aliases)
    findings = compare(session.repo, views, pairs, severity_of(config), loader.aliases,
                       session.cache)
    report = Report(findings=sorted(findings, key=Finding.sort_key),
                    warnings=session.all_warnings())
    if len(names) < 2:
        report.warnings.append(f"only {len(names)} branch{'es' if names else ''} to compare")
    changers = {v.name for v in views if v.changes}
    report.stats = {
        "base": base, **loader.stats, **summarize(names, findings, changers),
        "changed_files": sum(len(v.files) for v in views),
        "pairs_compared": len(pairs), "pairs_total": len(names) * (len(names) - 1) // 2,
        "seconds": round(time.perf_counter() - started, 4)}
    return report


def overlaps_for_branch(session: Session, config: Any, branch: str, base: str) -> list[Finding]:
    """DG30x findings of ``branch`` against the other branches ``[overlap] concurrent`` names.

    Findings point into ``branch``'s head (so inline suppressions there apply);
    ``branches`` is (branch, other). Empty when the config names no concurrent
    branches or ``branch`` changed nothing since its merge-base with ``base``.
    """
    if not _concurrent(config):
        return []
    others = select_branches(session, config, base, skip={branch})
    if not others:
        return []
    loader = DeltaLoader(session, base)
    deltas = loader.deltas([branch, *others])
    if not deltas[0].files:
        return []
    views = [BranchView.of(d) for d in deltas]
    pairs = candidate_pairs(views, loader.aliases, focus=0)
    return compare(session.repo, views, pairs, severity_of(config), loader.aliases,
                   session.cache)


def file_overlap(session: Session, config: Any, path: str, request: OverlapRequest) -> Report:
    """Which other concurrent branches already edit ``path`` (repo-relative), and its symbols."""
    started = time.perf_counter()
    base = request.base or session.default_base()
    current = session.repo.head_name()
    names = select_branches(session, config, base, request.branches, request.pattern,
                            skip={current})
    head = session.repo.resolve("HEAD")
    # a branch HEAD already holds has nothing left to collide with
    names = [n for n in names if not is_ancestor(session.repo, session.repo.resolve(n), head)]
    loader = DeltaLoader(session, base)
    deltas = loader.deltas(names, only=path)
    level = severity_of(config)("DG301")
    findings = file_findings(path, current, deltas, "info" if level == "off" else level)
    report = Report(findings=findings, warnings=session.all_warnings())
    report.stats = {"base": base, "file": path, "branch": current, **loader.stats,
                    "branches_checked": len(names), "touched_by": touched_by(findings),
                    "seconds": round(time.perf_counter() - started, 4)}
    return report


def compare(repo: GitRepo, views: Sequence[BranchView], pairs: Sequence[tuple[int, int]],
            severity: Callable[[str], str], aliases: Aliases | None,
            memory: Memory | None = None) -> list[Finding]:
    """Findings of every pair (i < j); each points into views[i]'s head."""
    merges = Merges(repo, memory)
    out: list[Finding] = []
    for i, j in pairs:
        a, b = views[i], views[j]
        if contains(repo, a.delta.head, b.delta.head):
            continue  # one already holds the other: merging them changes nothing
        conflicts: Conflicts = {}
        if a.paths & b.paths:
            found = merges.conflicts(a.delta.head, b.delta.head)
            conflicts = {c.path: (c.ours_line, c.theirs_line) for c in found}
        out.extend(pair_findings(a, b, conflicts, severity, aliases))
    return out


def severity_of(config: Any) -> Callable[[str], str]:
    """The config's per-code override ([severity] DG302 = "error"), else the catalogue's."""
    overrides = dict(getattr(config, "severity", None) or {})
    return lambda code: str(overrides.get(code) or CATALOGUE[code].severity)


# -- which branches ------------------------------------------------------------------------

def _concurrent(config: Any) -> list[str]:
    return list(getattr(getattr(config, "overlap", None), "concurrent", None) or [])


def select_branches(session: Session, config: Any, base: str, names: Sequence[str] = (),
                    pattern: str | None = None, skip: Collection[str] = ()) -> list[str]:
    """Explicit names, else open branches matching --pattern, else [overlap] concurrent, else all.

    Open: not yet merged into the base. Named branches are taken as they are.
    """
    repo = session.repo
    if names:
        for name in names:
            repo.commit(name)  # an unknown name is a usage error, said before any work
        return sorted(set(names) - set(skip))
    globs = [pattern] if pattern else _concurrent(config)
    left_out = {base, *skip}
    matching = branch_names(repo, lambda n: n not in left_out and _matches(globs, n))
    merged = repo.resolve(base)  # branches the base already holds (origin/main too) are done
    found = [n for n in matching if not is_ancestor(repo, repo.resolve(n), merged)]
    if pattern and not matching:
        raise DriftguardError(f"no branch matches --pattern {pattern!r}",
                              "`git branch -a` lists the branches; quote the pattern so the "
                              "shell does not expand it (--pattern 'agent/*').")
    return found


def _matches(globs: Sequence[str], name: str) -> bool:
    from driftguard.config.globs import match_branch

    return not globs or any(match_branch(g, name) for g in globs)
