"""JSON (`--format json`): the versioned, documented report schema of check, overlap and report.

The pydantic models of ``_json_models`` are the schema; ``docs/report.schema.json`` is
exported from them (``python -m driftguard.reporters.json_report``) and a test keeps
it in step. Bump SCHEMA_VERSION on any incompatible change.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from driftguard.reporters._common import ordered, rule_info

if TYPE_CHECKING:
    from driftguard.model.finding import Finding, Report
    from driftguard.reporters import RenderContext
    from driftguard.reporters._json_models import ReportModel

SCHEMA_VERSION = "1"
SEVERITIES = ("info", "warning", "error")


def render(report: Report, context: RenderContext) -> str:
    """The report as the models below would dump it, built from plain data: importing
    pydantic would cost more than a warm check (a test holds the two to the same bytes)."""
    return json.dumps(to_data(report, context), indent=2, ensure_ascii=False) + "\n"


def to_model(report: Report, context: RenderContext) -> ReportModel:
    from driftguard.reporters._json_models import ReportModel

    return ReportModel.model_validate(to_data(report, context))


def to_data(report: Report, context: RenderContext) -> dict[str, Any]:
    return {
        "version": SCHEMA_VERSION, "tool": {"name": "driftguard",
                                            "version": context.version or "unknown"},
        "command": context.command, "base": context.base, "head": context.head,
        "findings": [_finding(f) for f in ordered(report)], "stats": _sorted(report.stats),
        "warnings": sorted(report.warnings)}


def _finding(finding: Finding) -> dict[str, Any]:
    if finding.severity not in SEVERITIES:  # what the schema would refuse, checked cheaply
        raise ValueError(f"finding severity {finding.severity!r} is not one of {SEVERITIES}")
    return {
        "rule": finding.rule, "rule_name": rule_info(finding.rule).name,
        "severity": finding.severity, "message": finding.message, "path": finding.path,
        "line": max(1, finding.line), "branches": list(finding.branches),
        "evidence": [{"path": e.path, "line": max(1, e.line), "text": e.text}
                     for e in finding.evidence],
        "fingerprint": finding.fingerprint, "repo": finding.repo,
        "extra": _sorted(finding.extra)}


def _sorted(value: Any) -> Any:
    """Mappings with sorted keys, all the way down: stable output whatever the insertion order."""
    if isinstance(value, dict):
        return {str(k): _sorted(value[k]) for k in sorted(value, key=str)}
    if isinstance(value, (list, tuple)):
        return [_sorted(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(_sorted(v) for v in value)
    return value


def json_schema() -> dict[str, Any]:
    from driftguard.reporters._json_models import json_schema as exported

    return exported()


def schema_text() -> str:
    """The exact contents of docs/report.schema.json."""
    from driftguard.reporters._json_models import schema_text as exported

    return exported()


if __name__ == "__main__":
    import sys

    sys.stdout.write(schema_text())
