"""`driftguard report` in one repository, without a workspace: its own boundary rules
(new violations since the last run), history beside the facts cache."""

from __future__ import annotations

import json

from repo_helpers import run_cli

CONFIG = """
[[modules]]
name = "api"
packages = ["shop.api"]

[[modules]]
name = "data"
packages = ["shop.data"]

[[rules]]
type = "layers"
layers = ["api", "data"]
"""


def test_a_new_boundary_violation_is_reported_once_and_drawn(git_repo) -> None:
    git_repo.commit({"driftguard.toml": CONFIG, "shop/__init__.py": "",
                     "shop/api/__init__.py": "from shop.data import rows\n",
                     "shop/data/__init__.py": "", "shop/data/rows.py": "R = 1\n"}, "start")
    first = run_cli("report", "--json", "-", cwd=git_repo.path)
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout)["findings"] == []

    git_repo.commit({"shop/data/rows.py": "from shop.api import views\n",
                     "shop/api/views.py": ""}, "data imports api")
    second = json.loads(run_cli("report", "--json", "-", cwd=git_repo.path).stdout)
    assert [(f["rule"], f["path"], f["line"]) for f in second["findings"]] == [
        ("DG101", "shop/data/rows.py", 1), ("DG401", "shop/data/rows.py", 1),
        ("DG403", "shop/data/rows.py", 1)]  # api already imported data: now a cycle
    repo = second["stats"]["repos"]["repo"]
    assert ["data", "api", 1, "violation"] in repo["edges"]
    assert second["stats"]["runs"] == 2
    assert (git_repo.path / ".git" / "driftguard" / "history.sqlite3").is_file()

    third = json.loads(run_cli("report", "--json", "-", cwd=git_repo.path).stdout)
    assert third["findings"] == []  # known since the last run: drawn, not reported again
    assert ["data", "api", 1, "violation"] in third["stats"]["repos"]["repo"]["edges"]
