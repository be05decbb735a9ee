"""Fixtures of the overlap tests: the four-agent shop of scenario.py, built once per module."""

from __future__ import annotations

import pytest
from overlap.scenario import build_agents
from repo_helpers import GitRepo


@pytest.fixture(scope="module")
def agents(tmp_path_factory: pytest.TempPathFactory) -> GitRepo:
    return build_agents(GitRepo(tmp_path_factory.mktemp("agents") / "shop"))
