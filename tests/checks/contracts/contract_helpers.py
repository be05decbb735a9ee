"""Helpers for the contract-check tests: run DG201-DG204 on a branch of a real repository."""

from __future__ import annotations

from typing import Any

from driftguard.checks import (
    dg201_symbol_removed,
    dg202_signature_changed,
    dg203_module_removed,
    dg204_missing_name,
)
from driftguard.checks.base import CheckContext
from driftguard.engine import Session
from driftguard.model.finding import Finding

CHECKS = (dg201_symbol_removed, dg202_signature_changed, dg203_module_removed,
          dg204_missing_name)
BRANCH = "agent/x"


def run_checks(repo: Any, branch: str = BRANCH, *, report_all: bool = False,
               config: Any = None) -> list[Finding]:
    """Every DG20x check on ``branch`` against its merge-base with main (real parses)."""
    session = Session.open(repo.path)
    try:
        base = session.snapshot(session.repo.merge_base("main", branch))
        head = session.snapshot(branch)
        ctx = CheckContext(head=head, base=base, config=config, branch=branch,
                           report_all=report_all)
        return sorted((f for check in CHECKS for f in check.run(ctx)), key=Finding.sort_key)
    finally:
        session.close()


def brief(findings: list[Finding]) -> list[tuple[str, str, int]]:
    return [(f.rule, f.path, f.line) for f in findings]
