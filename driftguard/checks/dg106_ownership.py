"""DG106 / DG107 ownership: a branch edits only the paths its agent owns, never the ones it
must not touch. Evaluated on the branch's own changes against the merge-base."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from driftguard.checks.rule_support import severity
from driftguard.model.finding import Evidence, Finding, make_fingerprint

if TYPE_CHECKING:
    from collections.abc import Iterator

    from driftguard.checks.base import CheckContext
    from driftguard.model.changes import FileChange

CODES = ("DG106", "DG107")
SCOPE = "change"


def agents_for(config: Any, branch: str) -> list[Any]:
    from driftguard.config.globs import match_branch

    return [a for a in getattr(config, "agents", None) or [] if match_branch(a.branch, branch)]


def run(ctx: CheckContext) -> Iterator[Finding]:
    from driftguard.config.globs import match_path

    for agent in agents_for(ctx.config, ctx.branch):
        owns = list(getattr(agent, "owns", None) or [])
        forbidden = list(getattr(agent, "cannot_touch", None) or [])
        for change in ctx.changes:
            for path in _paths(change):
                hit = next((g for g in forbidden if match_path(g, path)), None)
                if hit:
                    yield _finding(ctx, "DG107", agent, change, path,
                                   f"branch {ctx.branch} must not touch {path} "
                                   f"(cannot_touch {hit!r} of agents {agent.branch!r})")
                elif owns and not any(match_path(g, path) for g in owns):
                    yield _finding(ctx, "DG106", agent, change, path,
                                   f"branch {ctx.branch} edits {path}, outside its owned paths "
                                   f"({', '.join(owns)})")


def _paths(change: FileChange) -> list[str]:
    return [change.path, *([change.old_path] if change.old_path else [])]


def _finding(ctx: CheckContext, code: str, agent: Any, change: FileChange, path: str,
             message: str) -> Finding:
    line = change.lines[0][0] if change.lines and path == change.path else 1
    return Finding(
        rule=code, severity=severity(ctx, None, code), message=message, path=path, line=line,
        fingerprint=make_fingerprint(code, agent.branch, path), branches=ctx.branches,
        evidence=(Evidence(path, line, f"{change.status} on {ctx.branch}"),),
    )
