"""Findings: what checks produce and reporters render."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

SEVERITIES = ("info", "warning", "error")


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)


@dataclass(frozen=True)
class Evidence:
    """One step of evidence: an import in a chain, a consumer, the other branch's change.

    Import-chain steps (DG1xx) carry ``text`` of the exact form ``importer -> imported``:
    reporters rebuild the offending dependency edges (Markdown's Mermaid diagram) from it.
    """

    path: str
    line: int
    text: str


@dataclass(frozen=True)
class Finding:
    rule: str  # "DG101"
    severity: str  # info | warning | error
    message: str
    path: str  # repo-relative, forward slashes
    line: int  # 1-based
    fingerprint: str
    branches: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    repo: str | None = None  # workspace repo name in cross-repo runs
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def sort_key(self) -> tuple[Any, ...]:
        return (self.rule, self.path, self.line, self.message)


def make_fingerprint(rule: str, *parts: str) -> str:
    """A stable id of a finding: rule plus line-free identifying parts.

    Never include line numbers: an unrelated edit above an import must not
    change the fingerprint (baselines and SARIF partialFingerprints rely on it).
    """
    digest = hashlib.sha256("\x1f".join((rule, *parts)).encode("utf-8")).hexdigest()
    return f"{rule}:{digest[:16]}"


@dataclass
class Report:
    """The result of one command: findings plus statistics (files, parses, timings)."""

    findings: list[Finding] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def sorted_findings(self) -> list[Finding]:
        return sorted(self.findings, key=Finding.sort_key)

    def worst(self) -> str | None:
        if not self.findings:
            return None
        return max((f.severity for f in self.findings), key=severity_rank)
