"""Hostile or odd repositories: each has a clear outcome, never a traceback."""

from __future__ import annotations

import json

import pytest
from repo_helpers import run_cli

LAYERS = """
[[modules]]
name = "api"
packages = ["app.api"]
[[modules]]
name = "data"
packages = ["app.data"]
[[rules]]
type = "layers"
layers = ["api", "data"]
"""


def graph(repo) -> dict:
    result = run_cli("graph", cwd=repo.path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout)


def test_deeply_nested_code_does_not_exhaust_the_stack(git_repo) -> None:
    depth = 10_000
    nested = "x = " + "[" * depth + "]" * depth + "\n"
    ifs = "".join(" " * i + "if x:\n" for i in range(300)) + " " * 300 + "import app.deep\n"
    git_repo.commit({"app/__init__.py": "", "app/deep.py": "", "app/brackets.py": nested,
                     "app/ifs.py": "import app.deep\n" + ifs})
    result = graph(git_repo)
    assert ("app.ifs", "app.deep") in {(e["from"], e["to"]) for e in result["edges"]}


@pytest.mark.parametrize("name", ["with space.py", "ünïcödé.py", "new\nline.py", "tab\tname.py"])
def test_odd_file_names(git_repo, name: str) -> None:
    git_repo.commit({"app/__init__.py": "", f"app/{name}": "import app\n"})
    result = graph(git_repo)
    assert f"app/{name}" in {m["path"] for m in result["modules"]}


def test_config_glob_escaping_the_repository_is_rejected(git_repo) -> None:
    git_repo.commit({"driftguard.toml": '[[modules]]\nname = "x"\npaths = ["../../etc/passwd"]\n',
                     "a.py": ""})
    result = run_cli("check", cwd=git_repo.path)
    assert result.returncode == 2
    assert "driftguard.toml" in result.stderr and "modules[0].paths[0]" in result.stderr
    assert "Traceback" not in result.stderr


def test_preset_outside_the_shipped_ones_is_rejected(git_repo) -> None:
    git_repo.commit({"driftguard.toml": 'extends = ["../../etc/passwd"]\n', "a.py": ""})
    result = run_cli("check", cwd=git_repo.path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "extends" in result.stderr


def test_bare_repository_reads_config_from_head(git_repo, tmp_path) -> None:
    git_repo.commit({"driftguard.toml": LAYERS, "app/__init__.py": "", "app/api.py": "",
                     "app/data.py": ""})
    git_repo.branch("feature")
    git_repo.commit({"app/data.py": "from app import api\n"})
    bare = tmp_path / "bare.git"
    git_repo.git("clone", "-q", "--bare", str(git_repo.path), str(bare))
    result = run_cli("-C", str(bare), "check", "--base", "main", "--head", "feature",
                     "--format", "json", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert [f["rule"] for f in json.loads(result.stdout)["findings"]] == ["DG101"]


def test_detached_head_checks_the_commit(git_repo) -> None:
    git_repo.commit({"driftguard.toml": LAYERS, "app/__init__.py": "", "app/api.py": "",
                     "app/data.py": ""})
    git_repo.branch("feature")
    commit = git_repo.commit({"app/data.py": "from app import api\n"})
    git_repo.git("checkout", "-q", "--detach", commit)
    result = run_cli("check", "--base", "main", "--format", "json", cwd=git_repo.path)
    report = json.loads(result.stdout)
    assert result.returncode == 1
    assert report["findings"][0]["branches"] == [commit]


def test_renamed_module_is_one_rename_seen_by_ownership(git_repo) -> None:
    config = ('[[agents]]\nbranch = "agent/*"\nowns = ["app/new_place.py"]\n')
    git_repo.commit({"driftguard.toml": config, "app/__init__.py": "",
                     "app/old_place.py": "def f():\n    return 1\n" * 20})
    git_repo.branch("agent/move")
    git_repo.git("mv", "app/old_place.py", "app/new_place.py")
    git_repo.commit(message="move")
    result = run_cli("check", "--base", "main", "--head", "agent/move", "--format", "json",
                     cwd=git_repo.path)
    findings = json.loads(result.stdout)["findings"]
    assert [(f["rule"], f["path"]) for f in findings] == [("DG106", "app/old_place.py")]


@pytest.mark.parametrize(("path", "source"), [
    ("deep.py", "x = " + "f(" * 10_000 + ")" * 10_000 + "\nclass A:\n" + "".join(
        "    " * i + f"class N{i}:\n" for i in range(1, 90)) + "    " * 90 + "pass\n"),
    ("deep.ts", "export const x = " + "[" * 10_000 + "]" * 10_000 + ";\n"
     "export function g() { " + "if (a) { " * 2_000 + "}" * 2_000 + " }\n"),
    ("deep.go", "package deep\n\nfunc F() {\n\t_ = " + "f(" * 10_000 + ")" * 10_000 + "\n}\n"),
    ("Deep.java", "public class Deep {\n  int x = " + "(" * 10_000 + "1" + ")" * 10_000 + ";\n}\n"),
])
def test_ten_thousand_levels_in_every_language(git_repo, path: str, source: str) -> None:
    git_repo.commit({path: source, "ok.py": ""})
    result = graph(git_repo)
    assert path in {m["path"] for m in result["modules"]}


def test_submodule_is_skipped(git_repo, make_repo) -> None:
    inner = make_repo("inner")
    inner.commit({"lib.py": "import os\n"})
    git_repo.commit({"app/__init__.py": ""})
    git_repo.git("-c", "protocol.file.allow=always", "submodule", "add", "-q",
                 str(inner.path), "vendor/inner")
    git_repo.commit(message="submodule")
    result = graph(git_repo)
    assert {m["path"] for m in result["modules"]} == {"app/__init__.py"}


def test_huge_generated_file_is_skipped_by_size(git_repo) -> None:
    line = "VALUE_%06d = %d\n"
    big = "".join(line % (i, i) for i in range(2_700_000))  # ~50 MB
    git_repo.commit({"app/__init__.py": "", "app/generated.py": big, "app/use.py": "import app\n"})
    result = run_cli("graph", cwd=git_repo.path)
    assert result.returncode == 0
    assert "app/generated.py: skipped" in result.stderr and "max_file_size" in result.stderr


def test_minified_bundle_parses_under_a_raised_limit(git_repo) -> None:
    bundle = "var a=" + ",".join(f"function(x){{return x+{i}}}" for i in range(200_000)) + ";"
    assert len(bundle) > 5_000_000
    config = "[settings]\nmax_file_size = 20_000_000\n"
    git_repo.commit({"dist/bundle.min.js": bundle, "driftguard.toml": config,
                     "src/app.js": "import './lib.js';\n", "src/lib.js": "export const x = 1;\n"})
    result = run_cli("check", "--all", "--format", "json", cwd=git_repo.path)  # hang: timeout
    assert result.returncode == 0, result.stderr
    git_repo.commit({"driftguard.toml": None}, "back to the default limit")
    default = run_cli("graph", cwd=git_repo.path, env={"DRIFTGUARD_CACHE_DIR": ""})
    assert "dist/bundle.min.js: skipped" in default.stderr


def test_merge_commits_on_the_branch(git_repo) -> None:
    git_repo.commit({"driftguard.toml": LAYERS, "app/__init__.py": "", "app/api.py": "",
                     "app/data.py": ""})
    git_repo.branch("feature")
    git_repo.commit({"app/other.py": ""}, "feature work")
    git_repo.checkout("main")
    git_repo.commit({"app/main_only.py": ""}, "main moves on")
    git_repo.checkout("feature")
    git_repo.git("merge", "-q", "--no-edit", "main")
    git_repo.commit({"app/data.py": "from app import api\n"}, "violation after the merge")
    result = run_cli("check", "--base", "main", "--head", "feature", "--format", "json",
                     cwd=git_repo.path)
    report = json.loads(result.stdout)
    assert [(f["rule"], f["path"]) for f in report["findings"]] == [("DG101", "app/data.py")]
    assert report["stats"]["changed_files"] == 2  # other.py and data.py; not main_only.py


def test_shallow_clone_without_the_merge_base_says_fetch_depth(git_repo, tmp_path) -> None:
    git_repo.commit({"app/__init__.py": ""})
    git_repo.branch("feature")
    git_repo.commit({"app/x.py": ""})
    git_repo.checkout("main")
    git_repo.commit({"app/y.py": ""})
    shallow = tmp_path / "shallow"
    git_repo.git("clone", "-q", "--depth=1", "--no-single-branch", f"file://{git_repo.path}",
                 str(shallow))
    result = run_cli("check", "--base", "origin/main", "--head", "origin/feature", cwd=shallow)
    assert result.returncode == 2
    assert "fetch-depth: 0" in result.stderr and "Traceback" not in result.stderr
