"""`driftguard overlap` as users run it, on four agent branches built in the test (conftest)."""

from __future__ import annotations

import json

import pytest
from repo_helpers import run_cli

PRICING, CHECKOUT, EXPORT, DOCS = "agent/pricing", "agent/checkout", "agent/export", "agent/docs"


def overlap_json(repo, *args: str) -> tuple[int, dict]:
    result = run_cli("overlap", "--format", "json", *args, cwd=repo.path)
    assert result.returncode in (0, 1), result.stderr
    return result.returncode, json.loads(result.stdout)


@pytest.fixture(scope="module")
def pattern_run(agents) -> tuple[int, dict]:
    return overlap_json(agents, "--pattern", "agent/*")


def test_reports_exactly_the_collisions_and_the_clean_branch_in_no_pair(pattern_run):
    code, report = pattern_run
    found = {(f["rule"], tuple(sorted(f["branches"]))) for f in report["findings"]}
    assert found == {("DG302", (CHECKOUT, PRICING)), ("DG303", (CHECKOUT, EXPORT)),
                     ("DG304", (EXPORT, PRICING))}
    assert code == 1  # DG303 and DG304 are errors
    assert all(DOCS not in f["branches"] for f in report["findings"])
    stats = report["stats"]
    assert DOCS not in {b for row in stats["matrix"] for b in row["branches"]}
    assert stats["clean"] == [DOCS]
    assert stats["pairs_compared"] == 3 and stats["pairs_total"] == 6


def test_each_finding_names_where_to_look(agents):
    _, report = overlap_json(agents, PRICING, CHECKOUT, EXPORT, DOCS)
    by_rule = {f["rule"]: f for f in report["findings"]}
    same = by_rule["DG302"]
    assert same["extra"]["symbol"] == "discount" and same["path"] == "src/shop/pricing.py"
    conflict = by_rule["DG303"]
    assert conflict["path"] == "src/shop/config.py" and conflict["line"] == 1
    semantic = by_rule["DG304"]
    assert semantic["extra"]["symbol"] == "shop.report.summary"
    assert semantic["extra"]["interface_branch"] == PRICING
    assert (semantic["path"], semantic["line"]) == ("src/shop/export.py", 1)
    assert "renames shop.report.summary to 'summarize'" in semantic["message"]
    assert [(e["path"], e["line"]) for e in semantic["evidence"]] == [
        ("src/shop/report.py", 1), ("src/shop/export.py", 1), ("src/shop/export.py", 5)]
    for finding in report["findings"]:
        assert finding["line"] >= 1 and len(finding["branches"]) == 2


def test_fingerprints_do_not_depend_on_how_branches_are_chosen(agents, pattern_run):
    _, named = overlap_json(agents, EXPORT, CHECKOUT, PRICING)
    assert {f["fingerprint"] for f in named["findings"]} == {
        f["fingerprint"] for f in pattern_run[1]["findings"]}


def test_merge_order_and_hand_reconciliation(pattern_run):
    _, report = pattern_run
    order = [step["branch"] for step in report["stats"]["merge_order"]]
    assert order.index(PRICING) < order.index(EXPORT)
    assert report["stats"]["reconcile_by_hand"] == [
        {"branches": [CHECKOUT, EXPORT], "rule": "DG303",
         "reason": "textual conflict in src/shop/config.py"}]


def test_text_output_has_findings_matrix_and_merge_order(agents):
    result = run_cli("overlap", "--pattern", "agent/*", "--color", "never", cwd=agents.path)
    assert result.returncode == 1, result.stderr
    text = result.stdout
    for expected in ("DG302", "DG303", "DG304", "Colliding pairs:", "Suggested merge order:",
                     "Reconcile by hand:", f"No collisions: {DOCS}"):
        assert expected in text
    assert text.index("1. agent/pricing") < text.index("agent/export  (after agent/pricing")


@pytest.mark.parametrize("fmt", ["sarif", "markdown", "github"])
def test_every_report_format_renders(agents, fmt):
    result = run_cli("overlap", "--pattern", "agent/*", "--format", fmt, cwd=agents.path)
    assert result.returncode == 1, result.stderr
    assert "DG304" in result.stdout


def test_fail_on_never_exits_zero(agents):
    result = run_cli("overlap", "--pattern", "agent/*", "--fail-on", "never", cwd=agents.path)
    assert result.returncode == 0, result.stderr


def test_file_question_names_branches_and_symbols(agents):
    result = run_cli("overlap", "--file", "src/shop/pricing.py", cwd=agents.path)
    assert result.returncode == 1, result.stderr
    touched = json.loads(result.stdout)["stats"]["touched_by"]
    assert touched == [{"branch": CHECKOUT, "status": "modified", "symbols": ["discount"]},
                       {"branch": PRICING, "status": "modified", "symbols": ["discount"]}]


def test_file_question_leaves_out_the_current_branch_and_says_no_when_free(agents):
    agents.checkout(PRICING)
    try:
        result = run_cli("overlap", "--file", "src/shop/report.py", cwd=agents.path)
        free = run_cli("overlap", "--file", "src/shop/cart.py", cwd=agents.path)
    finally:
        agents.checkout("main")
    assert result.returncode == 0, result.stdout  # only agent/pricing itself edits it
    assert free.returncode == 0 and json.loads(free.stdout)["findings"] == []


def test_file_question_accepts_a_path_relative_to_the_current_folder(agents):
    result = run_cli("overlap", "--file", "config.py", cwd=agents.path / "src" / "shop")
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["stats"]["file"] == "src/shop/config.py"
    assert {t["branch"] for t in report["stats"]["touched_by"]} == {CHECKOUT, EXPORT}


@pytest.mark.parametrize(("args", "message"), [
    (["agent/nope", PRICING], "unknown revision 'agent/nope'"),
    (["--pattern", "team/*"], "no branch matches --pattern 'team/*'"),
    ([PRICING, "--pattern", "agent/*"], "not both"),
])
def test_usage_errors_exit_2_with_a_message(agents, args, message):
    result = run_cli("overlap", *args, cwd=agents.path)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
