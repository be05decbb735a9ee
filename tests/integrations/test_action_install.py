"""The whole action, its install step included: driftguard pip-installed from the
action's own checkout (a snapshot of this working tree) into a virtualenv of its own."""

from __future__ import annotations

import sys

import pytest
from integrations.helpers import (
    DG101_ANNOTATION,
    UPWARD_IMPORT,
    origin_with_pull_request,
    pr_checkout,
    workflow_commands,
)

pytestmark = pytest.mark.slow


def test_action_installs_driftguard_from_its_checkout_and_runs(project_snapshot, tmp_path,
                                                              make_runner) -> None:
    origin = origin_with_pull_request(tmp_path / "origin", UPWARD_IMPORT)
    workspace = pr_checkout(origin, tmp_path / "workspace")
    action_path, _ = project_snapshot
    runner = make_runner(workspace, action_path=action_path)
    runner.timeout = 900  # pip downloads driftguard's dependencies
    run = runner.run({}, {"python": {"python-path": sys.executable}})
    install, check = run.steps
    assert install.exit_code == 0, install.stdout + install.stderr
    installed = install.outputs["driftguard"]
    assert installed.startswith(str(runner.temp)) and installed.endswith("/bin/driftguard")
    assert install.stdout.startswith("driftguard ")  # its --version
    assert check.exit_code == 1, check.stdout + check.stderr
    assert any(c.startswith(DG101_ANNOTATION) for c in workflow_commands(check.stdout))
    assert run.outputs["sarif-file"] and run.outputs["findings"] == "1"
