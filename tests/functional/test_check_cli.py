"""`driftguard check` and `driftguard baseline` as users run them, on real repositories."""

from __future__ import annotations

import json

import pytest
from repo_helpers import run_cli

CONFIG = """\
[[modules]]
name = "api"
packages = ["shop.api"]

[[modules]]
name = "services"
packages = ["shop.services"]

[[modules]]
name = "data"
paths = ["src/shop/data/**"]

[[rules]]
type = "layers"
layers = ["api", "services", "data"]

[[agents]]
branch = "agent/search"
owns = ["src/shop/services/search.py", "tests/**"]
cannot_touch = ["driftguard.toml"]
"""

BASE = {
    "pyproject.toml": "[project]\nname = 'shop'\n",
    "driftguard.toml": CONFIG,
    "src/shop/__init__.py": "",
    "src/shop/api/__init__.py": "",
    "src/shop/api/views.py": "from shop.services import listings\n",
    "src/shop/services/__init__.py": "",
    "src/shop/services/listings.py": "from shop.data import models\n",
    "src/shop/data/__init__.py": "",
    "src/shop/data/models.py": "class Listing:\n    pass\n",
}


@pytest.fixture
def shop(git_repo):
    git_repo.commit(BASE, "base")
    git_repo.branch("agent/search")
    git_repo.commit({
        "src/shop/services/search.py": "import os\nfrom shop.api import views\n",
        "src/shop/data/models.py": "class Listing:\n    pass\n\n\nclass Index:\n    pass\n",
    }, "search")
    git_repo.checkout("main")
    return git_repo


def check_json(repo, *args: str) -> tuple[int, dict]:
    result = run_cli("check", "--format", "json", *args, cwd=repo.path)
    assert result.returncode in (0, 1), result.stderr
    return result.returncode, json.loads(result.stdout)


def test_branch_with_upward_import_and_foreign_edit_fails(shop) -> None:
    code, report = check_json(shop, "--base", "main", "--head", "agent/search")
    assert code == 1
    found = {(f["rule"], f["path"], f["line"]) for f in report["findings"]}
    assert found == {("DG101", "src/shop/services/search.py", 2),
                     ("DG106", "src/shop/data/models.py", 3)}
    dg101 = next(f for f in report["findings"] if f["rule"] == "DG101")
    assert dg101["branches"] == ["agent/search"]
    assert dg101["evidence"][0] == {"path": "src/shop/services/search.py", "line": 2,
                                    "text": "shop.services.search -> shop.api.views"}


def test_main_is_clean(shop) -> None:
    code, report = check_json(shop, "--base", "main", "--head", "main")
    assert (code, report["findings"]) == (0, [])


def test_text_output_names_file_line_and_rule(shop) -> None:
    result = run_cli("check", "--base", "main", "--head", "agent/search", cwd=shop.path)
    assert result.returncode == 1
    assert "DG101" in result.stdout and "src/shop/services/search.py:2" in result.stdout
    assert "DG106" in result.stdout and "src/shop/data/models.py:3" in result.stdout


def test_only_new_violations_unless_all(shop) -> None:
    shop.commit({"src/shop/data/models.py": "from shop.api import views\n"}, "legacy violation")
    shop.branch("agent/other")
    shop.commit({"README.md": "docs\n"}, "docs")
    code, report = check_json(shop, "--base", "main", "--head", "agent/other")
    assert (code, report["findings"]) == (0, [])
    code, report = check_json(shop, "--base", "main", "--head", "agent/other", "--all")
    assert code == 1
    assert [(f["rule"], f["path"], f["line"]) for f in report["findings"]] == [
        ("DG101", "src/shop/data/models.py", 1)]


def test_indirect_chain_is_reported_with_the_whole_chain(shop) -> None:
    shop.branch("agent/chain")
    shop.commit({
        "src/shop/helpers.py": "from shop.api import views\n",
        "src/shop/data/models.py": "import shop.helpers\n",
    }, "indirect")
    code, report = check_json(shop, "--base", "main", "--head", "agent/chain")
    assert code == 1
    (finding,) = report["findings"]
    where = (finding["rule"], finding["path"], finding["line"])
    assert where == ("DG101", "src/shop/data/models.py", 1)
    assert [e["text"] for e in finding["evidence"]] == [
        "shop.data.models -> shop.helpers", "shop.helpers -> shop.api.views"]


def test_inline_suppression_and_unused_suppression(shop) -> None:
    shop.branch("agent/suppress")
    shop.commit({
        "src/shop/data/models.py":
            "from shop.api import views  # driftguard: ignore[DG101] legacy\n",
        "src/shop/data/extra.py": "import os  # driftguard: ignore[DG102] nothing here\n",
    }, "suppressed")
    code, report = check_json(shop, "--base", "main", "--head", "agent/suppress")
    assert [(f["rule"], f["path"], f["line"]) for f in report["findings"]] == [
        ("DG001", "src/shop/data/extra.py", 1)]
    assert report["stats"]["suppressed"] == 1
    assert code == 0  # DG001 is a warning; --fail-on warning makes it fail
    result = run_cli("check", "--base", "main", "--head", "agent/suppress", "--fail-on",
                     "warning", cwd=shop.path)
    assert result.returncode == 1


def test_baseline_ignores_known_findings_and_strict_fails_on_stale(shop) -> None:
    shop.commit({"src/shop/data/models.py": "from shop.api import views\n"}, "legacy")
    baseline = shop.path / "baseline.json"
    result = run_cli("baseline", "--output", str(baseline), cwd=shop.path)
    assert result.returncode == 0, result.stderr
    data = json.loads(baseline.read_text())
    assert [e["rule"] for e in data["findings"]] == ["DG101"]
    assert "line" not in data["findings"][0]
    # An unrelated edit above the import must not revive the baselined finding.
    shop.commit({"src/shop/data/models.py": "'''Models.'''\n\nfrom shop.api import views\n"}, "doc")
    code, report = check_json(shop, "--all", "--baseline", str(baseline))
    assert (code, report["findings"], report["stats"]["baselined"]) == (0, [], 1)
    shop.commit({"src/shop/data/models.py": "class Listing:\n    pass\n"}, "fixed")
    assert run_cli("check", "--all", "--baseline", str(baseline), cwd=shop.path).returncode == 0
    strict = run_cli("check", "--all", "--baseline", str(baseline), "--strict", cwd=shop.path)
    assert strict.returncode == 1 and "no longer match" in strict.stderr


def test_staged_change_is_checked(shop) -> None:
    shop.write({"src/shop/data/models.py": "from shop.api import views\n"})
    shop.git("add", "-A")
    code, report = check_json(shop, "--staged")
    assert code == 1
    assert [(f["rule"], f["line"]) for f in report["findings"]] == [("DG101", 1)]
    assert report["stats"]["head"] == "staged"


def test_cannot_touch_is_dg107(shop) -> None:
    shop.checkout("agent/search")
    shop.commit({"driftguard.toml": CONFIG + "\n# loosen the rules\n"}, "edit config")
    code, report = check_json(shop, "--base", "main", "--head", "agent/search")
    assert ("DG107", "driftguard.toml") in {(f["rule"], f["path"]) for f in report["findings"]}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--base", "nope"], "unknown revision 'nope'"),
        (["--config", "missing.toml"], "missing.toml"),
    ],
)
def test_errors_exit_2(shop, args, message) -> None:
    result = run_cli("check", *args, cwd=shop.path)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_check_reports_overlaps_with_concurrent_branches(shop) -> None:
    shop.write({"driftguard.toml": CONFIG + '\n[overlap]\nconcurrent = ["agent/*"]\n'})
    shop.commit(message="concurrent agents")
    shop.branch("agent/one")
    shop.commit({"src/shop/data/models.py": "class Listing:\n    kind = 'one'\n"}, "one")
    shop.branch("agent/two", "main")
    shop.commit({"src/shop/data/models.py": "class Listing:\n    kind = 'two'\n"}, "two")
    code, report = check_json(shop, "--base", "main", "--head", "agent/two")
    overlaps = [f for f in report["findings"] if f["rule"].startswith("DG3")]
    assert overlaps, report["findings"]
    assert all(f["branches"][0] == "agent/two" for f in overlaps)
    # agent/search (from the fixture) edits models.py too: both collide with agent/two.
    assert {f["branches"][1] for f in overlaps} == {"agent/one", "agent/search"}
    assert {f["path"] for f in overlaps} == {"src/shop/data/models.py"}
    assert code == 1  # DG303: the two edits of one line conflict


def test_staged_first_commit_of_a_new_repository(git_repo) -> None:
    git_repo.write({**BASE, "src/shop/data/models.py": "from shop.api import views\n"})
    git_repo.git("add", "-A")
    code, report = check_json(git_repo, "--staged")
    assert code == 1
    assert [(f["rule"], f["path"]) for f in report["findings"]] == [
        ("DG101", "src/shop/data/models.py")]
    git_repo.write(BASE)
    git_repo.git("add", "-A")
    code, report = check_json(git_repo, "--staged")
    assert (code, report["findings"]) == (0, [])


@pytest.mark.parametrize(("exclude", "expected"), [(False, ["DG101"]), (True, [])])
def test_type_only_imports_can_be_excluded(shop, exclude: bool, expected: list[str]) -> None:
    config = CONFIG.replace('type = "layers"', f'type = "layers"\nexclude_type_only = '
                            f'{str(exclude).lower()}')
    shop.commit({"driftguard.toml": config}, "config")
    shop.branch("agent/typing")
    shop.commit({"src/shop/data/models.py": (
        "from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n"
        "    from shop.api import views\n")}, "type-only")
    code, report = check_json(shop, "--base", "main", "--head", "agent/typing")
    assert [f["rule"] for f in report["findings"]] == expected
