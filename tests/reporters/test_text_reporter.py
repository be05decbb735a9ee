"""The text format: grouped, readable at 80 columns, deterministic, markup-safe."""

from __future__ import annotations

import pytest

from driftguard.model.finding import Finding, Report
from driftguard.reporters import render


@pytest.mark.parametrize("width", [80, 60])
def test_lines_fit_the_width(report, make_context, width: int) -> None:
    text = render(report, "text", make_context(width=width))
    assert max(len(line) for line in text.splitlines()) <= width
    assert not [line for line in text.splitlines() if line != line.rstrip()]


def test_groups_by_rule_with_name_count_and_fix(report, context) -> None:
    text = render(report, "text", context)
    assert "DG101 layers (1 error)" in text
    assert "  src/shop/data/repo.py:3  layer 'data'" in text
    assert "      shop.utils.fmt -> shop.utils.http (l.5)" in text
    assert "how to fix: Move the shared code down a layer" in text
    assert text.index("DG101 layers") < text.index("DG106 ownership") < text.index("DG304")


def test_square_brackets_in_messages_are_not_markup(report, context) -> None:
    assert "[layered]" in render(report, "text", context)


def test_colour_only_when_asked(report, make_context) -> None:
    assert "\x1b[" not in render(report, "text", make_context(color=False))
    assert "\x1b[" in render(report, "text", make_context(color=True))


def test_verdict_follows_fail_on(report, make_context) -> None:
    last_lines = render(report, "text", make_context(fail_on="never")).splitlines()[-2:]
    assert last_lines[0] == "passed  6 findings: 4 errors, 1 warning, 1 info (fail-on: never)"
    failing = render(report, "text", make_context(fail_on="error"))
    assert "FAILED  6 findings" in failing


def test_warnings_only_pass_when_failing_on_errors(make_context) -> None:
    only_info = Report(findings=[Finding("DG301", "info", "both edit a.py", "a.py", 1, "x")])
    assert "passed  1 finding: 1 info" in render(only_info, "text", make_context())
    assert "FAILED" not in render(only_info, "text", make_context(fail_on="warning"))


def test_no_findings_says_so_with_stats(make_context) -> None:
    text = render(Report(stats={"files": 3, "parsed": 3, "seconds": 0.5}), "text",
                  make_context(base=None, head=None))
    assert text == "No findings.\n3 files (3 parsed), 0.50s\n"


def test_repo_of_a_cross_repo_finding_is_shown(context) -> None:
    finding = Finding("DG205", "error", "lib.load removed", "src/app.py", 4, "x", repo="app")
    assert "[app] src/app.py:4  lib.load removed" in render(Report([finding]), "text", context)


@pytest.mark.parametrize("where", [
    {}, {"base": None, "head": None}, {"head": "agent/" + "x" * 90},
    {"head": "agent/caf\u00e9"}, {"width": 60}])
def test_a_clean_report_reads_the_same_without_rich(make_context, where) -> None:
    """The hot path prints a clean report without importing rich: byte for byte what rich
    prints, or rich itself when a line is too wide or not plain ASCII."""
    from driftguard.reporters import text

    report = Report(stats={"files": 3, "parsed": 1, "cached": 2, "seconds": 0.25})
    context = make_context(**where)
    assert text.render(report, context) == text.render_rich(report, context, [])


def test_the_clean_shortcut_leaves_wide_lines_to_rich(make_context) -> None:
    from driftguard.reporters import text

    report = Report(stats={"files": 3})
    assert text.plain_clean(report, make_context(head="agent/" + "x" * 90)) is None
    assert text.plain_clean(report, make_context()) is not None
