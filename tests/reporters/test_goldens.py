"""Every format on the one sample report, compared with a reviewed golden file."""

from __future__ import annotations

import pytest

from driftguard.model.finding import Report
from driftguard.reporters import render

GOLDENS = {"text": "sample.txt", "json": "sample.json", "sarif": "sample.sarif",
           "markdown": "sample.md", "github": "sample.github.txt"}


@pytest.mark.parametrize("fmt", sorted(GOLDENS))
def test_sample_report_matches_golden(report, context, golden, fmt: str) -> None:
    golden(GOLDENS[fmt], render(report, fmt, context))


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_empty_report_matches_golden(context, golden, fmt: str) -> None:
    empty = Report(stats={"files": 42, "parsed": 1, "cached": 41, "seconds": 0.05})
    golden(f"empty.{'txt' if fmt == 'text' else 'md'}", render(empty, fmt, context))


@pytest.mark.parametrize("fmt", sorted(GOLDENS))
def test_output_does_not_depend_on_input_order(report, context, fmt: str) -> None:
    shuffled = Report(findings=list(reversed(report.findings)), stats=report.stats,
                      warnings=list(reversed(report.warnings)))
    assert render(shuffled, fmt, context) == render(report, fmt, context)
