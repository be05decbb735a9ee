"""Fixtures of the integration tests: the project as a hook/action repository, a
pre-commit home shared by the session, and the composite-action runner."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from integrations.actions_runner import Runner
from integrations.helpers import PROJECT_ROOT, load_yaml, locked, shared_dir, snapshot_project
from repo_helpers import driftguard_exe


def pytest_configure(config: pytest.Config) -> None:
    # Also declared here so that `-m "not slow"` works whatever pyproject says.
    config.addinivalue_line(
        "markers", "slow: builds a virtualenv or installs from a registry (> 30 s); runs by "
                   "default, deselect with -m 'not slow'")


@pytest.fixture(scope="session")
def project_snapshot(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The working tree committed into a repo of its own: (path, commit). One per
    session, shared by the xdist workers, so pre-commit builds one hook environment."""
    folder = shared_dir(tmp_path_factory, "driftguard-snapshot")
    marker = folder.parent / f"{folder.name}.commit"
    with locked(folder):
        if not marker.exists():
            shutil.rmtree(folder, ignore_errors=True)
            marker.write_text(snapshot_project(folder), encoding="utf-8")
    return folder, marker.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """PRE_COMMIT_HOME of the session: pre-commit locks its store, so workers share it."""
    home = shared_dir(tmp_path_factory, "pre-commit-home")
    home.mkdir(parents=True, exist_ok=True)
    return home


@pytest.fixture(scope="session")
def action() -> dict:
    return load_yaml(PROJECT_ROOT / "action.yml")


@pytest.fixture
def make_runner(action: dict, tmp_path: Path):
    """A runner for action.yml on a workspace; the install step is replaced by the
    driftguard of this test environment (test_action_install.py runs the real one)."""
    def factory(workspace: Path, *, base_ref: str = "main", action_path: Path = PROJECT_ROOT
                ) -> Runner:
        temp = tmp_path / "runner-temp"
        temp.mkdir(exist_ok=True)
        return Runner(action=action, action_path=action_path, workspace=workspace, temp=temp,
                      github={"base_ref": base_ref, "action_path": str(action_path)})
    return factory


@pytest.fixture(scope="session")
def installed() -> dict[str, dict[str, str]]:
    """Outputs standing in for the setup-python and install steps."""
    exe = driftguard_exe()
    if len(exe) != 1:
        pytest.skip("no driftguard executable beside this Python; `pip install -e .` first")
    return {"python": {"python-path": ""}, "install": {"driftguard": exe[0]}}
