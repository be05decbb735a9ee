"""The JSON report's schema as pydantic models: docs/report.schema.json is exported from
them (``python -m driftguard.reporters.json_report``) and a test keeps it in step.

Rendering does not need them (json_report builds the same document from plain data);
they are imported only to export or validate the schema.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

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


def json_schema() -> dict[str, Any]:
    schema = ReportModel.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}


def schema_text() -> str:
    """The exact contents of docs/report.schema.json."""
    return json.dumps(json_schema(), indent=2) + "\n"
