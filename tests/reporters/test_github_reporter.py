"""The github format: workflow commands, escaped as the actions toolkit escapes them."""

from __future__ import annotations

import pytest

from driftguard.model.finding import Finding, Report
from driftguard.reporters import render
from driftguard.reporters.github import escape_data, escape_property


@pytest.mark.parametrize(("raw", "data", "prop"), [
    ("plain text", "plain text", "plain text"),
    ("100%", "100%25", "100%25"),
    ("a\nb", "a%0Ab", "a%0Ab"),
    ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
    ("%0A stays literal", "%250A stays literal", "%250A stays literal"),
    ("a:b,c", "a:b,c", "a%3Ab%2Cc"),
    ("C:\\x,y%\n", "C:\\x,y%25%0A", "C%3A\\x%2Cy%25%0A"),
    ("::error::", "::error::", "%3A%3Aerror%3A%3A"),
])
def test_escaping(raw: str, data: str, prop: str) -> None:
    assert (escape_data(raw), escape_property(raw)) == (data, prop)


@pytest.mark.parametrize(("severity", "command"),
                         [("error", "error"), ("warning", "warning"), ("info", "notice")])
def test_severity_picks_the_command(context, severity: str, command: str) -> None:
    finding = Finding("DG101", severity, "upward import", "src/a.py", 7, "x")
    assert render(Report([finding]), "github", context) == (
        f"::{command} file=src/a.py,line=7,title=DG101 layers::upward import\n")


def test_properties_and_message_are_escaped(context) -> None:
    finding = Finding("DG106", "error", "50% done\nsecond line", "src/a,b:c.py", 2, "x")
    assert render(Report([finding]), "github", context) == (
        "::error file=src/a%2Cb%3Ac.py,line=2,title=DG106 ownership::50%25 done%0Asecond line\n")


def test_one_line_per_finding(report, context) -> None:
    lines = render(report, "github", context).splitlines()
    assert len(lines) == len(report.findings)
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)


def test_a_file_of_another_repo_is_not_pinned_on_this_one(context) -> None:
    finding = Finding("DG205", "error", "breaks app", "src/app.py", 4, "x", repo="app")
    assert render(Report([finding]), "github", context) == (
        "::error title=DG205 cross-repo-break::[app] src/app.py:4: breaks app\n")
