"""The example workflows and the pre-commit snippet: valid for GitHub and pre-commit,
consistent with action.yml and .pre-commit-hooks.yaml, and safe (fetch-depth: 0, no
expression inside `run:`)."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from integrations.helpers import PROJECT_ROOT, check_jsonschema, load_yaml
from repo_helpers import driftguard_exe

EXAMPLES = PROJECT_ROOT / "examples"
WORKFLOWS = sorted((EXAMPLES / "workflows").glob("*.yml"))
REPORT_CONTRACT = ("--workspace", "--html", "--markdown", "--json")


def workflow_id(path) -> str:
    return path.stem


@pytest.fixture(params=WORKFLOWS, ids=workflow_id)
def workflow(request) -> dict:
    return load_yaml(request.param)


def all_steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def test_there_are_pr_and_nightly_workflows() -> None:
    assert {p.name for p in WORKFLOWS} >= {"driftguard-pr.yml", "driftguard-nightly.yml"}


def test_workflow_has_the_keys_github_requires(workflow) -> None:
    # YAML 1.1 reads the key `on` as True: PyYAML hands it back as a boolean.
    assert "on" in workflow or True in workflow
    assert workflow["jobs"]
    for name, job in workflow["jobs"].items():
        assert job.get("runs-on"), name
        assert isinstance(job.get("steps"), list) and job["steps"], name
        for step in job["steps"]:
            assert ("uses" in step) != ("run" in step), step


def test_every_checkout_fetches_the_history(workflow) -> None:
    checkouts = [s for s in all_steps(workflow)
                 if s.get("uses", "").startswith("actions/checkout@")]
    assert checkouts
    for step in checkouts:
        assert step.get("with", {}).get("fetch-depth") == 0, step


def test_no_expression_inside_run(workflow) -> None:
    for step in all_steps(workflow):
        assert "${{" not in step.get("run", ""), step


def test_actions_are_pinned(workflow) -> None:
    for step in all_steps(workflow):
        if "uses" in step:
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@[\w.-]+", step["uses"]), step["uses"]


def test_pr_workflow_uses_the_action_as_declared(action) -> None:
    workflow = load_yaml(EXAMPLES / "workflows" / "driftguard-pr.yml")
    steps = all_steps(workflow)
    (check,) = [s for s in steps if s.get("uses", "").startswith("driftguard/driftguard@")]
    assert set(check.get("with", {})) <= set(action["inputs"])
    (upload,) = [s for s in steps if "upload-sarif" in s.get("uses", "")]
    assert upload["with"]["sarif_file"] == f"${{{{ steps.{check['id']}.outputs.sarif-file }}}}"
    assert "!cancelled()" in upload["if"]  # also after a failing check
    assert workflow["jobs"]["driftguard"]["permissions"]["security-events"] == "write"


def test_nightly_workflow_follows_the_report_contract() -> None:
    text = (EXAMPLES / "workflows" / "driftguard-nightly.yml").read_text(encoding="utf-8")
    assert "actions/cache" in text  # the history survives between nights
    (command,) = [s["run"] for s in all_steps(load_yaml(EXAMPLES / "workflows" /
                                                        "driftguard-nightly.yml"))
                  if "driftguard report" in s.get("run", "")]
    for option in REPORT_CONTRACT:
        assert f" {option} " in command
    assert "git+https://" in text  # not `pip install driftguard`: another project on PyPI


def test_report_command_accepts_the_contract_once_it_exists() -> None:
    done = subprocess.run([*driftguard_exe(), "report", "--help"], capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stderr
    for option in REPORT_CONTRACT:
        assert option in done.stdout


def test_workspace_example_is_toml() -> None:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    data = tomllib.loads((EXAMPLES / "driftguard-workspace.toml").read_text(encoding="utf-8"))
    assert [r["name"] for r in data["workspace"]["repos"]] == ["shop", "shop-lib"]


def test_workflows_match_schemastore_schema() -> None:
    done = check_jsonschema("vendor.github-workflows", *map(str, WORKFLOWS))
    assert done.returncode == 0, done.stdout + done.stderr


def pre_commit(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=PROJECT_ROOT,
                          capture_output=True, text=True)


def test_hook_manifest_is_valid() -> None:
    done = pre_commit("validate-manifest", ".pre-commit-hooks.yaml")
    assert done.returncode == 0, done.stdout + done.stderr


def test_hooks_are_declared_as_issued() -> None:
    hooks = {h["id"]: h for h in load_yaml(PROJECT_ROOT / ".pre-commit-hooks.yaml")}
    assert set(hooks) == {"driftguard", "driftguard-branch"}
    for hook in hooks.values():
        assert (hook["language"], hook["pass_filenames"], hook["always_run"]) == (
            "python", False, True)
    assert hooks["driftguard"]["entry"] == "driftguard check --staged"
    assert hooks["driftguard"]["stages"] == ["pre-commit"]
    assert hooks["driftguard-branch"]["stages"] == ["pre-push"]
    assert "driftguard check --head" in hooks["driftguard-branch"]["entry"]


def test_pre_commit_snippet_is_valid_and_names_real_hooks() -> None:
    done = pre_commit("validate-config", "examples/pre-commit-config.yaml")
    assert done.returncode == 0, done.stdout + done.stderr
    manifest = {h["id"] for h in load_yaml(PROJECT_ROOT / ".pre-commit-hooks.yaml")}
    config = load_yaml(EXAMPLES / "pre-commit-config.yaml")
    (repo,) = config["repos"]
    assert {h["id"] for h in repo["hooks"]} == manifest
    assert set(config["default_install_hook_types"]) == {"pre-commit", "pre-push"}
