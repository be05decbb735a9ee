"""`driftguard check` runs the contract checks through the registry (a real CLI run)."""

from __future__ import annotations

import json

from checks.contracts.contract_helpers import BRANCH
from repo_helpers import run_cli


def test_check_reports_a_removed_symbol_as_json(git_repo) -> None:
    git_repo.commit({
        "pyproject.toml": "[project]\nname = 'shop'\n",
        "src/shop/__init__.py": "",
        "src/shop/models.py": "def listing_status(listing):\n    return listing\n",
        "src/shop/api.py": "\n\nfrom shop.models import listing_status\n",
    }, "base")
    git_repo.branch(BRANCH)
    git_repo.commit({"src/shop/models.py": "def status_of(listing):\n    return listing\n"},
                    "rename")
    git_repo.checkout("main")
    result = run_cli("check", "--base", "main", "--head", BRANCH, "--format", "json",
                     cwd=git_repo.path)
    assert result.returncode == 1, result.stderr
    (finding,) = json.loads(result.stdout)["findings"]
    assert (finding["rule"], finding["path"], finding["line"]) == ("DG201", "src/shop/api.py", 3)
    assert finding["message"] == ("shop.models.listing_status was renamed to 'status_of' but "
                                  "is still used by 1 module")
    assert finding["evidence"][0] == {"path": "src/shop/models.py", "line": 1,
                                      "text": "shop.models.listing_status was here at the "
                                              "merge-base"}
