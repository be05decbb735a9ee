"""`driftguard rules` and `driftguard explain CODE`, run as a user runs them."""

from __future__ import annotations

import pytest
from repo_helpers import run_cli

from driftguard.model.rules import CATALOGUE


@pytest.mark.parametrize("columns", ["80", "50"])
def test_rules_lists_every_code_within_the_width(tmp_path, columns: str) -> None:
    result = run_cli("rules", cwd=tmp_path, env={"COLUMNS": columns})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["Code", "Name", "Severity", "Summary"]
    assert max(len(line) for line in lines) <= int(columns)
    listed = {line.split()[0] for line in lines[1:] if line[:2] == "DG"}
    assert listed == set(CATALOGUE)


def test_rules_row_shows_name_and_severity(tmp_path) -> None:
    stdout = run_cli("rules", cwd=tmp_path, env={"COLUMNS": "200"}).stdout
    (row,) = [line for line in stdout.splitlines() if line.startswith("DG304")]
    assert row.split()[:3] == ["DG304", "semantic-conflict", "error"]
    assert CATALOGUE["DG304"].summary in row


@pytest.mark.parametrize("code", ["DG101", "dg101", "layers"])
def test_explain_prints_summary_why_fix_and_docs(tmp_path, code: str) -> None:
    result = run_cli("explain", code, cwd=tmp_path, env={"COLUMNS": "200"})
    assert result.returncode == 0, result.stderr
    info = CATALOGUE["DG101"]
    assert result.stdout.splitlines()[0] == "DG101 layers (default severity: error)"
    for expected in (info.summary, f"Why: {info.why}", f"How to fix: {info.fix}",
                     f"Docs: {info.help_uri}"):
        assert expected in result.stdout


def test_explain_unknown_code_lists_valid_codes(tmp_path) -> None:
    result = run_cli("explain", "DG999", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "unknown rule code 'DG999'" in result.stderr
    assert "DG101, DG102" in result.stderr
    assert "Traceback" not in result.stderr


def test_rules_reference_doc_is_up_to_date() -> None:
    from pathlib import Path

    from driftguard.cli.rules import rules_markdown

    doc = Path(__file__).resolve().parents[2] / "docs" / "rules.md"
    assert doc.read_text(encoding="utf-8") == rules_markdown(), (
        "docs/rules.md is stale: run `driftguard rules --markdown > docs/rules.md`")
