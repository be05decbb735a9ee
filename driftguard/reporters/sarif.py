"""SARIF 2.1.0 (`--format sarif`), for GitHub code scanning and other SARIF viewers.

One run; one rule entry per rule code that occurs, with the catalogue's help;
results carry repo-relative locations under %SRCROOT%, the evidence as related
locations, and the finding fingerprint as a partial fingerprint so alerts stay
matched across unrelated edits.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from driftguard.reporters._common import PROJECT_URL, ordered, rule_info

if TYPE_CHECKING:
    from driftguard.model.finding import Evidence, Finding, Report
    from driftguard.model.rules import RuleInfo
    from driftguard.reporters import RenderContext

SARIF_SCHEMA = ("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
                "sarif-schema-2.1.0.json")
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "driftguardFingerprint/v1"
SRCROOT = "%SRCROOT%"


def render(report: Report, context: RenderContext) -> str:
    return json.dumps(to_sarif(report, context), indent=2, ensure_ascii=False) + "\n"


def to_sarif(report: Report, context: RenderContext) -> dict[str, Any]:
    findings = ordered(report)
    codes = sorted({f.rule for f in findings})
    index = {code: i for i, code in enumerate(codes)}
    run: dict[str, Any] = {
        "tool": {"driver": _driver(codes, context)},
        "automationDetails": {"id": f"driftguard/{context.command}/"},
        "results": [_result(f, index[f.rule]) for f in findings],
        "properties": {"command": context.command, "base": context.base, "head": context.head},
    }
    if report.warnings:
        run["invocations"] = [_invocation(report.warnings)]
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def _driver(codes: list[str], context: RenderContext) -> dict[str, Any]:
    return {"name": "driftguard", "version": context.version or "unknown",
            "informationUri": PROJECT_URL, "rules": [_rule(rule_info(c)) for c in codes]}


def _rule(info: RuleInfo) -> dict[str, Any]:
    summary = info.summary or info.code
    return {
        "id": info.code,
        "name": info.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": f"{summary} {info.why}".strip()},
        "help": {"text": f"Why: {info.why}\nHow to fix: {info.fix}\nSee {info.help_uri}",
                 "markdown": f"**Why:** {info.why}\n\n**How to fix:** {info.fix}\n\n"
                             f"[{info.code} {info.name}]({info.help_uri})"},
        "helpUri": info.help_uri,
        "defaultConfiguration": {"level": LEVELS.get(info.severity, "warning")},
    }


def _result(finding: Finding, rule_index: int) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": LEVELS.get(finding.severity, "warning"),
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": _physical(finding.path, finding.line)}],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
    }
    if finding.evidence:
        result["relatedLocations"] = [_related(i, e) for i, e in enumerate(finding.evidence)]
    properties = {k: v for k, v in (("branches", list(finding.branches)),
                                    ("repo", finding.repo)) if v}
    if properties:
        result["properties"] = properties
    return result


def _physical(path: str, line: int) -> dict[str, Any]:
    return {"artifactLocation": {"uri": quote(path, safe="/"), "uriBaseId": SRCROOT},
            "region": {"startLine": max(1, line)}}


def _related(index: int, evidence: Evidence) -> dict[str, Any]:
    return {"id": index, "physicalLocation": _physical(evidence.path, evidence.line),
            "message": {"text": evidence.text}}


def _invocation(warnings: list[str]) -> dict[str, Any]:
    notes = [{"level": "warning", "message": {"text": w}} for w in sorted(warnings)]
    return {"executionSuccessful": True, "toolExecutionNotifications": notes}
