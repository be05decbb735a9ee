"""What the formats share: ordering, grouping, counts, the verdict, rule lookup, evidence."""

from __future__ import annotations

import re
from collections import Counter
from itertools import groupby
from typing import TYPE_CHECKING

from driftguard.model.finding import SEVERITIES, Finding, severity_rank
from driftguard.model.rules import CATALOGUE, RuleInfo

if TYPE_CHECKING:
    from collections.abc import Iterable

    from driftguard.model.finding import Evidence, Report
    from driftguard.reporters import RenderContext

PROJECT_URL = "https://github.com/driftguard/driftguard"
# Evidence of an import chain reads "importer -> imported" (see checks' chain findings).
IMPORT_STEP = re.compile(r"^(\S+) -> (\S+)$")
CHAIN_FAMILY = "DG1"


def ordered(report: Report) -> list[Finding]:
    """Findings in a total order, so equal inputs always render the same bytes."""
    return sorted(report.findings, key=lambda f: (*f.sort_key(), f.fingerprint))


def grouped(findings: Iterable[Finding]) -> list[tuple[str, list[Finding]]]:
    """Consecutive findings of one rule code (``findings`` already ordered by rule)."""
    return [(code, list(group)) for code, group in groupby(findings, key=lambda f: f.rule)]


def rule_info(code: str) -> RuleInfo:
    """The catalogue entry, or a bare one for a code the catalogue does not know (yet)."""
    return CATALOGUE.get(code) or RuleInfo(code, code.lower(), "", "warning", "", "")


def title(code: str) -> str:
    return f"{code} {rule_info(code).name}"


def plural(count: int, severity: str) -> str:
    return f"{count} {severity}" if count == 1 or severity == "info" else f"{count} {severity}s"


def severity_counts(findings: Iterable[Finding]) -> str:
    """'3 errors, 1 warning, 1 info': worst first, absent severities left out."""
    counts = Counter(f.severity for f in findings)
    order = sorted(counts, key=lambda s: (-_rank(s), s))
    return ", ".join(plural(counts[s], s) for s in order)


def findings_count(count: int) -> str:
    return f"{count} finding" if count == 1 else f"{count} findings"


def at_or_above(finding: Finding, fail_on: str) -> bool:
    if fail_on not in SEVERITIES or finding.severity not in SEVERITIES:
        return False
    return severity_rank(finding.severity) >= severity_rank(fail_on)


def worst(findings: Iterable[Finding]) -> str:
    return max((f.severity for f in findings), key=_rank, default="info")


def _rank(severity: str) -> int:
    return severity_rank(severity) if severity in SEVERITIES else -1


def fails(findings: Iterable[Finding], fail_on: str) -> bool:
    """The verdict, as the exit code will have it: a finding at or above --fail-on."""
    return any(at_or_above(f, fail_on) for f in findings)


def summary(findings: list[Finding]) -> str:
    """'6 findings: 4 errors, 1 warning, 1 info' or 'no findings'."""
    if not findings:
        return "no findings"
    return f"{findings_count(len(findings))}: {severity_counts(findings)}"


def scope(context: RenderContext) -> str:
    """'agent/search against main', for headings."""
    if context.head and context.base:
        return f"{context.head} against {context.base}"
    return f"against {context.base}" if context.base else (context.head or "")


def location(finding: Finding) -> str:
    where = f"{finding.path}:{finding.line}"
    return f"[{finding.repo}] {where}" if finding.repo else where


def import_step(evidence: Evidence) -> tuple[str, str] | None:
    match = IMPORT_STEP.match(evidence.text)
    return (match.group(1), match.group(2)) if match else None


def evidence_line(evidence: Evidence) -> str:
    """An import step like import-linter prints it ('a.b -> c.d (l.12)'), else 'path:line  text'."""
    if import_step(evidence):
        return f"{evidence.text} (l.{evidence.line})"
    return f"{evidence.path}:{evidence.line}  {evidence.text}"


def dependency_edges(findings: Iterable[Finding]) -> list[tuple[str, str]]:
    """The offending import edges: every step of the evidence chains of DG1xx findings."""
    edges: dict[tuple[str, str], None] = {}
    for finding in findings:
        if finding.rule.startswith(CHAIN_FAMILY):
            for evidence in finding.evidence:
                step = import_step(evidence)
                if step:
                    edges[step] = None
    return list(edges)


def stats_line(stats: dict[str, object]) -> str:
    """'42 files (5 parsed, 37 from cache), 3 changed, 0.12s' from whichever stats are known."""
    parts = []
    if "files" in stats:
        detail = ", ".join(f"{stats[k]} {label}" for k, label in
                           (("parsed", "parsed"), ("cached", "from cache"), ("skipped", "skipped"))
                           if stats.get(k))
        parts.append(f"{stats['files']} files" + (f" ({detail})" if detail else ""))
    for key, label in (("changed_files", "changed"), ("suppressed", "suppressed"),
                       ("baselined", "baselined")):
        if stats.get(key):
            parts.append(f"{stats[key]} {label}")
    if isinstance(stats.get("seconds"), (int, float)):
        parts.append(f"{stats['seconds']:.2f}s")
    return ", ".join(parts)
