"""The action's steps run as GitHub runs them (action.yml's own env wiring, the same
script files), on pull-request checkouts built the way actions/checkout makes them."""

from __future__ import annotations

import json
import subprocess
import uuid
from pathlib import Path

import pytest
from integrations.helpers import (
    CLEAN_CHANGE,
    DG101_ANNOTATION,
    UPWARD_IMPORT,
    origin_with_pull_request,
    pr_checkout,
    workflow_commands,
)
from repo_helpers import driftguard_exe


@pytest.fixture
def violation_pr(tmp_path: Path) -> Path:
    origin = origin_with_pull_request(tmp_path / "origin", UPWARD_IMPORT)
    return pr_checkout(origin, tmp_path / "workspace")


@pytest.fixture
def clean_pr(tmp_path: Path) -> Path:
    origin = origin_with_pull_request(tmp_path / "origin", CLEAN_CHANGE)
    return pr_checkout(origin, tmp_path / "workspace")


def test_violation_fails_with_annotations_summary_and_sarif(violation_pr, make_runner,
                                                            installed) -> None:
    run = make_runner(violation_pr).run({}, installed)
    assert run.exit_code == 1, run.stdout + run.stderr
    commands = workflow_commands(run.stdout)
    assert any(c.startswith(DG101_ANNOTATION) for c in commands), commands
    assert run.summary.startswith("### ❌ driftguard check: 1 finding: 1 error")
    assert "against origin/main" in run.summary  # the PR's base, as the checkout names it
    assert "```mermaid\nflowchart LR\n" in run.summary
    assert (run.outputs["exit-code"], run.outputs["findings"]) == ("1", "1")
    sarif_path = Path(run.outputs["sarif-file"])
    assert sarif_path.is_absolute()
    sarif = json.loads(sarif_path.read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["DG101"]
    assert Path(run.outputs["markdown-file"]).read_text(encoding="utf-8") in run.summary


def test_clean_pull_request_passes(clean_pr, make_runner, installed) -> None:
    run = make_runner(clean_pr).run({}, installed)
    assert run.exit_code == 0, run.stdout + run.stderr
    assert not [c for c in workflow_commands(run.stdout) if c.startswith("::error")]
    assert run.summary.startswith("### ✅ driftguard check: no findings")
    assert (run.outputs["exit-code"], run.outputs["findings"]) == ("0", "0")
    sarif = json.loads(Path(run.outputs["sarif-file"]).read_text(encoding="utf-8"))
    assert sarif["runs"][0]["results"] == []


def test_fail_on_never_reports_without_failing(violation_pr, make_runner, installed) -> None:
    run = make_runner(violation_pr).run({"fail-on": "never"}, installed)
    assert run.exit_code == 0, run.stdout + run.stderr
    assert any(c.startswith(DG101_ANNOTATION) for c in workflow_commands(run.stdout))
    assert run.summary.startswith("### ✅ driftguard check: 1 finding")
    assert (run.outputs["exit-code"], run.outputs["findings"]) == ("0", "1")


def test_formats_choose_the_outputs(violation_pr, make_runner, installed, tmp_path) -> None:
    run = make_runner(violation_pr).run(
        {"formats": "json\ntext", "sarif-file": str(tmp_path / "unused.sarif")}, installed)
    assert run.exit_code == 1
    assert not workflow_commands(run.stdout)  # no annotations asked for
    assert "DG101 layers (1 error)" in run.stdout  # the text report, commands disabled
    assert run.summary == "" and "sarif-file" not in run.steps[-1].outputs
    report = json.loads(Path(run.outputs["json-file"]).read_text(encoding="utf-8"))
    assert [f["rule"] for f in report["findings"]] == ["DG101"]
    assert run.outputs["findings"] == "1"


@pytest.mark.parametrize(("branches", "expected"), [
    (False, "unknown revision 'main'"),  # the default checkout: the merge ref only
    (True, "shallow clone"),  # the branches fetched, but not the history to the merge-base
])
def test_shallow_checkout_says_fetch_depth_0(tmp_path, make_runner, installed, branches,
                                            expected) -> None:
    origin = origin_with_pull_request(tmp_path / "origin", UPWARD_IMPORT)
    workspace = pr_checkout(origin, tmp_path / "workspace", depth=1, branches=branches)
    run = make_runner(workspace).run({}, installed)
    assert run.exit_code == 2
    commands = workflow_commands(run.stdout)
    assert any(c.startswith("::warning title=driftguard::This is a shallow clone")
               for c in commands)
    (error,) = [c for c in commands if c.startswith("::error")]
    assert error.startswith("::error title=driftguard::driftguard check could not run: ")
    assert expected in error and "fetch-depth: 0" in error
    assert "could not run" in run.summary and "fetch-depth: 0" in run.summary
    assert expected in run.stdout  # driftguard's own message, shown verbatim
    assert run.outputs["exit-code"] == "2"


@pytest.mark.parametrize("name", ["base", "config", "fail-on", "formats", "sarif-file",
                                  "overlap-pattern", "overlap-fail-on"])
def test_inputs_are_data_not_code(violation_pr, make_runner, installed, tmp_path,
                                  name) -> None:
    marks = [tmp_path / f"pwned-{uuid.uuid4().hex}" for _ in range(4)]
    payload = (f"$(touch {marks[0]})`touch {marks[1]}`;touch {marks[2]}\n"
               f"::error::injected'\"; touch {marks[3]} #")
    run = make_runner(violation_pr).run({name: payload}, installed)
    assert run.exit_code in (0, 1, 2)
    assert not [m for m in marks if m.exists()], run.stdout + run.stderr
    assert "::error::injected" not in workflow_commands(run.stdout)


@pytest.mark.parametrize("value", ["sometimes", "error warning"])
def test_bad_fail_on_is_explained(violation_pr, make_runner, installed, value) -> None:
    run = make_runner(violation_pr).run({"fail-on": value}, installed)
    assert run.exit_code == 2
    assert workflow_commands(run.stdout) == [
        f"::error title=driftguard::fail-on must be one of error, warning, never (got '{value}')."]
    assert run.outputs["exit-code"] == "2"


def overlap_available() -> bool:
    done = subprocess.run([*driftguard_exe(), "overlap", "--help"], capture_output=True)
    return done.returncode == 0


@pytest.mark.skipif(not overlap_available(), reason="`driftguard overlap` is not there yet")
def test_overlap_pattern_reports_other_branches(tmp_path, make_runner, installed) -> None:
    origin = origin_with_pull_request(tmp_path / "origin", CLEAN_CHANGE)
    for name, body in (("agent/a", "X = 1\n"), ("agent/b", "X = 2\n")):
        origin.branch(name)
        origin.commit({"src/shop/data/models.py": f"class Listing:\n    pass\n\n\n{body}"}, name)
    origin.checkout("main")
    workspace = pr_checkout(origin, tmp_path / "workspace")
    run = make_runner(workspace).run({"overlap-pattern": "agent/*"}, installed)
    assert run.exit_code == 0, run.stdout + run.stderr  # overlap-fail-on: never
    assert "### ✅ driftguard check" in run.summary
    assert "driftguard overlap" in run.summary
    overlap = [c for c in workflow_commands(run.stdout) if "title=DG30" in c]
    assert overlap and all("src/shop/data/models.py" in c for c in overlap), run.stdout


@pytest.mark.skipif(not overlap_available(), reason="`driftguard overlap` is not there yet")
def test_overlap_without_matching_branches_is_a_notice(clean_pr, make_runner,
                                                       installed) -> None:
    run = make_runner(clean_pr).run({"overlap-pattern": "nobody/*"}, installed)
    assert run.exit_code == 0, run.stdout + run.stderr
    assert ("::notice title=driftguard::driftguard overlap: no branch matches the "
            "overlap-pattern, so there is nothing to compare.") in workflow_commands(run.stdout)
