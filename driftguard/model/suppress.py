"""Inline suppressions (`# driftguard: ignore[DG101] reason`) and baselines, as pure filters."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from driftguard.model.finding import Finding, make_fingerprint

if TYPE_CHECKING:
    from collections.abc import Iterable

    from driftguard.model.snapshot import Snapshot

UNUSED_SUPPRESSION = "DG001"


@dataclass
class Filtered:
    kept: list[Finding]
    suppressed: list[Finding]
    unused: list[Finding]  # DG001 findings for suppressions that matched nothing


def apply_suppressions(findings: Iterable[Finding], head: Snapshot, *,
                       report_unused_in: set[str] | None = None,
                       branches: tuple[str, ...] = ()) -> Filtered:
    """Drop findings whose line carries a matching ignore comment; flag unused comments.

    ``report_unused_in`` limits the unused-suppression report to these paths (the
    branch's changed files); None reports them everywhere.
    """
    findings = list(findings)
    wanted = {f.path for f in findings} | (report_unused_in or set())
    by_line = {(m.path, s.line): (m, s) for m in head.modules.values()
               if report_unused_in is None or m.path in wanted
               for s in m.facts.suppressions}
    used: set[tuple[str, int]] = set()
    kept, suppressed = [], []
    for finding in findings:
        hit = by_line.get((finding.path, finding.line))
        if hit and finding.rule in hit[1].codes:
            used.add((finding.path, finding.line))
            suppressed.append(finding)
        else:
            kept.append(finding)
    unused = [
        Finding(rule=UNUSED_SUPPRESSION, severity="warning",
                message=f"suppression of {', '.join(s.codes)} matches no finding; remove it",
                path=path, line=line, branches=branches,
                fingerprint=make_fingerprint(UNUSED_SUPPRESSION, path, ",".join(s.codes), s.reason))
        for (path, line), (_, s) in sorted(by_line.items())
        if (path, line) not in used and (report_unused_in is None or path in report_unused_in)
    ]
    return Filtered(kept, suppressed, unused)


def apply_baseline(findings: Iterable[Finding], known: set[str]
                   ) -> tuple[list[Finding], int, set[str]]:
    """(findings not in the baseline, how many were, baseline entries no finding matched)."""
    kept, matched = [], set()
    for finding in findings:
        if finding.fingerprint in known:
            matched.add(finding.fingerprint)
        else:
            kept.append(finding)
    return kept, len(matched), known - matched


def with_severity(finding: Finding, severity: str) -> Finding:
    return replace(finding, severity=severity)
