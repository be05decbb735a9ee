"""JSON (`--format json`): the versioned, documented report schema of check, overlap and report.

The pydantic models below are the schema; ``docs/report.schema.json`` is exported
from them (``python -m driftguard.reporters.json_report``) and a test keeps it in
step. Bump SCHEMA_VERSION on any incompatible change.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from driftguard.reporters._common import ordered, rule_info

if TYPE_CHECKING:
    from driftguard.model.finding import Finding, Report
    from driftguard.reporters import RenderContext

SCHEMA_VERSION = "1"
SCHEMA_ID = "https://github.com/driftguard/driftguard/blob/main/docs/report.schema.json"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ToolModel(_Strict):
    name: Literal["driftguard"] = "driftguard"
    version: str


class EvidenceModel(_Strict):
    """One step of evidence: an import of a chain, a consumer, the other branch's change."""

    path: str = Field(description="repo-relative, forward slashes")
    line: int = Field(ge=1)
    text: str


class FindingModel(_Strict):
    rule: str = Field(pattern=r"^DG\d{3}$", description='rule code, e.g. "DG101"')
    rule_name: str = Field(description='rule name, e.g. "layers"')
    severity: Literal["info", "warning", "error"]
    message: str
    path: str = Field(description="repo-relative, forward slashes")
    line: int = Field(ge=1, description="1-based")
    branches: list[str] = Field(description="the checked branch, or both branches of an overlap")
    evidence: list[EvidenceModel]
    fingerprint: str = Field(description="stable across unrelated edits (no line numbers)")
    repo: str | None = Field(description="workspace repository of a cross-repo run, else null")
    extra: dict[str, Any] = Field(description="rule-specific details")


class ReportModel(_Strict):
    """The report of `driftguard check`, `overlap` and `report`."""

    model_config = ConfigDict(extra="forbid", title="driftguard report")

    version: Literal["1"] = Field(description="schema version")
    tool: ToolModel
    command: str
    base: str | None
    head: str | None
    findings: list[FindingModel]
    stats: dict[str, Any] = Field(description="files, parses, cache hits, timings, counts")
    warnings: list[str] = Field(description="problems met while reading (not findings)")


def render(report: Report, context: RenderContext) -> str:
    return to_model(report, context).model_dump_json(indent=2) + "\n"


def to_model(report: Report, context: RenderContext) -> ReportModel:
    return ReportModel(
        version=SCHEMA_VERSION, tool=ToolModel(version=context.version or "unknown"),
        command=context.command, base=context.base, head=context.head,
        findings=[_finding(f) for f in ordered(report)], stats=_sorted(report.stats),
        warnings=sorted(report.warnings))


def _finding(finding: Finding) -> FindingModel:
    return FindingModel(
        rule=finding.rule, rule_name=rule_info(finding.rule).name, severity=finding.severity,
        message=finding.message, path=finding.path, line=max(1, finding.line),
        branches=list(finding.branches),
        evidence=[EvidenceModel(path=e.path, line=max(1, e.line), text=e.text)
                  for e in finding.evidence],
        fingerprint=finding.fingerprint, repo=finding.repo, extra=_sorted(finding.extra))


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
    schema = ReportModel.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}


def schema_text() -> str:
    """The exact contents of docs/report.schema.json."""
    return json.dumps(json_schema(), indent=2) + "\n"


if __name__ == "__main__":
    import sys

    sys.stdout.write(schema_text())
