"""Re-exports, stacked branches, same new names and remote-tracking branches, end to end."""

from __future__ import annotations

import json
import subprocess

import pytest
from repo_helpers import GitRepo, run_cli

MONEY = "def total(items):\n    return sum(items)\n"
UTIL = "A = 1\nB = 2\nC = 3\n"
BASE = {
    "pyproject.toml": "[project]\nname = 'shop'\n",
    "src/shop/__init__.py": "from .money import total\n",
    "src/shop/money.py": MONEY,
    "src/shop/util.py": UTIL,
}
BRANCHES = [  # (name, start, files)
    ("agent/rename", "main", {"src/shop/money.py": MONEY.replace("total", "amount"),
                              "src/shop/__init__.py": "from .money import amount\n"}),
    ("agent/stack", "agent/rename", {"src/shop/money.py": MONEY.replace("total", "amount")
                                     .replace("sum(items)", "sum(items, 0)")}),
    ("agent/user", "main", {"src/shop/report.py": "from shop import total\n\n\n"
                            "def report(rows):\n    return total(rows)\n"}),
    ("agent/helper-a", "main", {"src/shop/util.py": "def helper():\n    pass\n\n\n" + UTIL}),
    ("agent/helper-b", "main", {"src/shop/util.py": UTIL + "\n\ndef helper():\n    return 1\n"}),
]


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> GitRepo:
    repo = GitRepo(tmp_path_factory.mktemp("edges") / "shop")
    repo.commit(BASE, "base")
    for name, start, files in BRANCHES:
        repo.branch(name, start)
        repo.commit(files, name)
    repo.checkout("main")
    repo.git("branch", "agent/merged", "main")  # nothing the base does not have
    return repo


def findings(repo: GitRepo, *args: str) -> set[tuple[str, tuple[str, ...]]]:
    result = run_cli("overlap", "--format", "json", "--fail-on", "never", *args, cwd=repo.path)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    return {(f["rule"], tuple(sorted(f["branches"]))) for f in report["findings"]}


def test_renaming_a_re_exported_name_breaks_a_user_of_the_re_export(shop):
    found = findings(shop, "--pattern", "agent/*")
    assert ("DG304", ("agent/rename", "agent/user")) in found
    assert ("DG304", ("agent/stack", "agent/user")) in found


def test_branches_the_base_already_holds_are_left_out(shop):
    result = run_cli("overlap", "--format", "json", "--pattern", "agent/*", "--fail-on", "never",
                     cwd=shop.path)
    branches = json.loads(result.stdout)["stats"]["branches"]
    assert "agent/merged" not in branches and "agent/user" in branches


def test_a_branch_stacked_on_another_does_not_collide_with_it(shop):
    assert not any(set(pair) == {"agent/rename", "agent/stack"}
                   for _, pair in findings(shop, "--pattern", "agent/*"))


def test_both_adding_helper_is_dg305_only(shop):
    assert findings(shop, "agent/helper-a", "agent/helper-b") == {
        ("DG305", ("agent/helper-a", "agent/helper-b"))}


def test_remote_tracking_branches_when_no_local_branch_matches(shop, tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(shop.path), str(clone)], check=True)
    result = run_cli("overlap", "--format", "json", "--pattern", "agent/*", "--fail-on", "never",
                     cwd=clone)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert "origin/agent/user" in report["stats"]["branches"]
    assert "origin/main" not in report["stats"]["branches"]
    assert any(f["rule"] == "DG304" for f in report["findings"])


def test_file_question_skips_branches_already_merged_into_head(shop):
    shop.checkout("agent/stack")
    try:
        result = run_cli("overlap", "--file", "src/shop/money.py", cwd=shop.path)
    finally:
        shop.checkout("main")
    assert result.returncode == 0, result.stdout  # agent/rename is part of agent/stack
