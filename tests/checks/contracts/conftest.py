"""Contract checks on real git repositories: a merge-base on main, a change on agent/x."""

from __future__ import annotations

from typing import Any

import pytest
from checks.contracts.contract_helpers import BRANCH, run_checks

from driftguard.model.finding import Finding


@pytest.fixture
def scenario(git_repo):
    """``scenario(base_files, branch_files)`` -> the findings of the DG20x checks on agent/x."""
    def build(base: dict[str, str | None], change: dict[str, str | None], **kwargs: Any
              ) -> list[Finding]:
        git_repo.commit({"pyproject.toml": "[project]\nname = 'shop'\n", **base}, "base")
        git_repo.branch(BRANCH)
        git_repo.commit(change, "change")
        git_repo.checkout("main")
        return run_checks(git_repo, **kwargs)
    return build
