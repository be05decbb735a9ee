"""Shared fixtures: real git repositories built in tmp folders with the git CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from repo_helpers import GitRepo


@pytest.fixture
def git_repo(tmp_path: Path) -> GitRepo:
    return GitRepo(tmp_path / "repo")


@pytest.fixture
def make_repo(tmp_path: Path):
    def factory(name: str = "repo") -> GitRepo:
        return GitRepo(tmp_path / name)
    return factory
