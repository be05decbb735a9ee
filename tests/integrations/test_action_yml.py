"""action.yml read as data: no expression inside a `run:`, inputs wired through `env:`
to the variables the scripts read, outputs wired to what the scripts set."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from integrations.helpers import PROJECT_ROOT, check_jsonschema

SCRIPTS = PROJECT_ROOT / "scripts" / "action"
ENV_READ = re.compile(r"\$\{?(INPUT_[A-Z_]+|DRIFTGUARD_[A-Z_]+)")
OUTPUT_SET = re.compile(r"set_output ([a-z-]+) ")
INPUT_REFERENCE = re.compile(r"\binputs\.([A-Za-z0-9_-]+)")


def steps(action: dict) -> list[dict]:
    return action["runs"]["steps"]


def test_composite_action(action) -> None:
    assert action["runs"]["using"] == "composite"
    assert {"name", "description", "inputs", "outputs"} <= set(action)


def test_no_expression_inside_run(action) -> None:
    """`${{ }}` in `run:` is pasted into the script before bash parses it: injection."""
    for step in steps(action):
        assert "${{" not in step.get("run", ""), f"expression in run of {step.get('name')}"


def test_run_steps_call_the_script_files(action) -> None:
    for step in steps(action):
        if "run" in step:
            assert step["shell"] == "bash"
            (script,) = re.findall(r'"\$GITHUB_ACTION_PATH/(scripts/action/[a-z_]+\.sh)"',
                                   step["run"])
            assert (PROJECT_ROOT / script).is_file()


def test_every_input_reaches_a_step(action) -> None:
    texts = [str(value) for step in steps(action)
             for value in (step.get("if", ""), step.get("working-directory", ""),
                           *step.get("env", {}).values(), *step.get("with", {}).values())]
    used = {name for text in texts for name in INPUT_REFERENCE.findall(text)}
    assert used == set(action["inputs"])


def test_env_names_match_what_the_scripts_read(action) -> None:
    for step in steps(action):
        if "run" not in step:
            continue
        script = PROJECT_ROOT / re.search(r"scripts/action/[a-z_]+\.sh", step["run"]).group()
        read = set(ENV_READ.findall(script.read_text(encoding="utf-8")))
        assert read == set(step.get("env", {})), step["id"]


def test_outputs_are_set_by_the_check_script(action) -> None:
    set_by_script = set(OUTPUT_SET.findall((SCRIPTS / "run.sh").read_text(encoding="utf-8")))
    for name, spec in action["outputs"].items():
        assert spec["value"] == f"${{{{ steps.check.outputs.{name} }}}}"
        assert name in set_by_script
    installed = OUTPUT_SET.findall((SCRIPTS / "install.sh").read_text(encoding="utf-8"))
    assert installed == ["driftguard"]


def test_base_defaults_to_the_pull_requests_base(action) -> None:
    assert action["inputs"]["base"]["default"] == "${{ github.base_ref }}"
    assert action["inputs"]["fail-on"]["default"] == "error"


def test_scripts_are_strict_bash() -> None:
    for script in sorted(SCRIPTS.glob("*.sh")):
        text = script.read_text(encoding="utf-8")
        if script.name != "lib.sh":  # sourced, inherits the caller's options
            assert "\nset -euo pipefail\n" in text, script.name
        subprocess.run(["bash", "-n", str(script)], check=True)


@pytest.mark.skipif(shutil.which("shellcheck") is None, reason="shellcheck is not installed "
                    "(apt-get install shellcheck)")
def test_shellcheck() -> None:
    done = subprocess.run(["shellcheck", "-x", *map(str, sorted(SCRIPTS.glob("*.sh")))],
                          cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout


def test_action_matches_schemastore_schema() -> None:
    done = check_jsonschema("vendor.github-actions", "action.yml")
    assert done.returncode == 0, done.stdout + done.stderr
