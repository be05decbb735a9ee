"""GitHub Actions workflow commands (`--format github`): one annotation per finding.

``::error file=PATH,line=N,title=DG101 layers::message``; warnings become
``::warning`` and info ``::notice``. The runner decodes %-escapes, so data is
escaped like the actions toolkit does: ``%``, CR and LF everywhere, and also
``:`` and ``,`` in property values (they delimit properties).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from driftguard.reporters._common import evidence_line, ordered, title

if TYPE_CHECKING:
    from driftguard.model.finding import Finding, Report
    from driftguard.reporters import RenderContext

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report, context: RenderContext) -> str:
    return "".join(annotation(f, context) + "\n" for f in ordered(report))


def annotation(finding: Finding, context: RenderContext) -> str:
    command = COMMANDS.get(finding.severity, "warning")
    properties = {"file": finding.path, "line": str(max(1, finding.line)),
                  "title": title(finding.rule)}
    message = _message(finding)
    if finding.repo and finding.repo != context.repo:
        # A file of another workspace repo: GitHub would pin it on the wrong file.
        del properties["file"], properties["line"]
        message = f"[{finding.repo}] {finding.path}:{finding.line}: {message}"
    joined = ",".join(f"{k}={escape_property(v)}" for k, v in properties.items())
    return f"::{command} {joined}::{escape_data(message)}"


def _message(finding: Finding) -> str:
    lines = [finding.message]
    if len(finding.branches) > 1:
        lines.append(f"branches: {', '.join(finding.branches)}")
    lines += [f"  {evidence_line(e)}" for e in finding.evidence]
    return "\n".join(lines)
