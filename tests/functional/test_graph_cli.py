"""`driftguard graph` as a user runs it: real repos, real subprocesses."""

from __future__ import annotations

import pytest
from repo_helpers import run_cli, run_json

V1 = {
    "pyproject.toml": "[project]\nname='shop'\n",
    "src/shop/__init__.py": "",
    "src/shop/api.py": "from shop import services\n",
    "src/shop/services.py": "from shop.data import load\n",
    "src/shop/data.py": "def load(): pass\n",
}


def edges(graph: dict) -> set[tuple[str, str]]:
    return {(e["from"], e["to"]) for e in graph["edges"]}


@pytest.fixture
def three_commits(git_repo):
    first = git_repo.commit(V1, "one")
    git_repo.commit({"src/shop/data.py": "from shop import api\ndef load(): pass\n"}, "two")
    git_repo.commit({"src/shop/services.py": "import json\n"}, "three")
    return git_repo, first


def test_graph_of_first_commit_reports_that_commits_edges(three_commits) -> None:
    repo, first = three_commits
    # The working tree is at the third commit; the first commit's graph must not see it.
    graph = run_json("graph", "--rev", first, "--format", "json", cwd=repo.path)
    assert graph["commit"] == first
    assert edges(graph) == {("shop.api", "shop.services"), ("shop.services", "shop.data")}
    head = run_json("graph", "--format", "json", cwd=repo.path)
    assert edges(head) == {("shop.api", "shop.services"), ("shop.data", "shop.api")}
    assert head["external"] == {"shop.services": ["json"]}
    (edge,) = [e for e in head["edges"] if e["from"] == "shop.data"]
    assert (edge["path"], edge["line"]) == ("src/shop/data.py", 1)


def test_cache_answers_second_run_and_one_change_reparses_one_file(three_commits) -> None:
    repo, first = three_commits
    cold = run_json("graph", "--rev", first, cwd=repo.path)
    assert (cold["stats"]["files"], cold["stats"]["parsed"]) == (4, 4)
    warm = run_json("graph", "--rev", first, cwd=repo.path)
    assert (warm["stats"]["parsed"], warm["stats"]["cached"]) == (0, 4)
    second = run_json("graph", "--rev", "HEAD~1", cwd=repo.path)
    assert (second["stats"]["parsed"], second["stats"]["cached"]) == (1, 3)
    no_cache = run_json("graph", "--rev", first, "--no-cache", cwd=repo.path)
    assert no_cache["stats"]["parsed"] == 4


def test_stats_flag_and_other_formats(three_commits) -> None:
    repo, _ = three_commits
    result = run_cli("graph", "--format", "dot", "--stats", cwd=repo.path)
    assert result.returncode == 0
    assert '"shop.api" -> "shop.services";' in result.stdout
    assert "4 files" in result.stderr
    mermaid = run_cli("graph", "--format", "mermaid", "--depth", "1", cwd=repo.path)
    assert mermaid.stdout.startswith("flowchart LR\n")


def test_worktree_shares_the_cache(three_commits, tmp_path) -> None:
    repo, first = three_commits
    run_json("graph", "--rev", first, cwd=repo.path)
    worktree = tmp_path / "wt"
    repo.git("worktree", "add", "-q", "--detach", str(worktree), first)
    graph = run_json("graph", cwd=worktree)
    assert graph["stats"]["parsed"] == 0


def test_staged_reads_the_index(three_commits) -> None:
    repo, _ = three_commits
    repo.write({"src/shop/api.py": "from shop import data\n"})
    repo.git("add", "-A")
    graph = run_json("graph", "--staged", cwd=repo.path)
    assert ("shop.api", "shop.data") in edges(graph)
    assert graph["rev"] == "staged"


@pytest.mark.parametrize(
    ("setup", "args", "message"),
    [
        ("plain_dir", ["graph"], "is not inside a git repository"),
        ("empty_repo", ["graph"], "has no commits yet"),
        ("repo", ["graph", "--rev", "no-such-branch"], "unknown revision 'no-such-branch'"),
        ("repo", ["graph", "--depth", "0"], "--depth must be 1 or more"),
        ("repo", ["graph", "--output", "/nonexistent/dir/out.json"], "cannot write"),
    ],
)
def test_bad_input_exits_2_without_traceback(setup, args, message, tmp_path, make_repo) -> None:
    if setup == "plain_dir":
        cwd = tmp_path / "plain"
        cwd.mkdir()
    else:
        repo = make_repo()
        if setup == "repo":
            repo.commit({"a.py": ""})
        cwd = repo.path
    result = run_cli(*args, cwd=cwd)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_broken_files_warn_and_keep_their_facts(git_repo) -> None:
    git_repo.commit({
        "pkg/__init__.py": "",
        "pkg/ok.py": "import pkg.broken\n",
        "pkg/broken.py": "import pkg.ok\ndef f(:\n    pass\n",
        "pkg/binary.py": b"\x00\x01\x02import pkg.ok",
        "pkg/latin.py": "import pkg.ok\nNAME = 'caf\xe9'\n".encode("latin-1"),
    })
    result = run_cli("graph", cwd=git_repo.path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "pkg/broken.py: syntax error near line 2" in result.stderr
    assert "pkg/binary.py: binary file" in result.stderr
    assert "pkg/latin.py: not valid UTF-8" in result.stderr
    import json

    graph = json.loads(result.stdout)
    expected = {("pkg.broken", "pkg.ok"), ("pkg.latin", "pkg.ok"), ("pkg.ok", "pkg.broken")}
    assert expected <= edges(graph)
    assert not any(e["from"] == "pkg.binary" for e in graph["edges"])


def test_oversized_file_is_skipped_with_a_warning(git_repo) -> None:
    git_repo.commit({"big.py": "x = 1\n" * 400_000, "small.py": "import big\n"})
    result = run_cli("graph", cwd=git_repo.path)
    assert result.returncode == 0
    assert "big.py: skipped" in result.stderr and "max_file_size" in result.stderr


def test_demo_runs() -> None:
    import tempfile
    from pathlib import Path

    result = run_cli("demo", cwd=Path(tempfile.gettempdir()))
    assert result.returncode == 0, result.stderr
    assert "m_shop_services_listings --> m_shop_data_models" in result.stdout
    search = result.stdout.split("--head agent/search ==", 1)[1].split("== driftguard", 1)[0]
    assert "DG101" in search and "src/shop/services/search.py:2" in search
    assert "DG106" in search and "src/shop/data/models.py" in search
    metadata = result.stdout.split("--head agent/metadata ==", 1)[1].split("== driftguard", 1)[0]
    assert "DG201" in metadata and "src/shop/services/listings.py:1" in metadata
    overlap = result.stdout.split("driftguard overlap", 1)[1]
    assert "DG304" in overlap and "src/shop/services/search.py:1" in overlap
    assert "Suggested merge order" in overlap


def test_declaration_files_beside_their_source_are_not_duplicates(git_repo) -> None:
    git_repo.commit({
        "pkg/__init__.py": "", "pkg/a.py": "import pkg.b\n", "pkg/a.pyi": "def f() -> int: ...\n",
        "pkg/b.py": "",
        "web/x.ts": "import { y } from './y';\n", "web/x.d.ts": "export {};\n",
        "web/y.ts": "export const y = 1;\n", "web/only.d.ts": "export declare const z: number;\n",
    })
    result = run_cli("graph", cwd=git_repo.path)
    assert result.returncode == 0 and "also defined by" not in result.stderr
    import json

    graph = json.loads(result.stdout)
    paths = {m["path"] for m in graph["modules"]}
    assert {"pkg/a.py", "web/x.ts", "web/only.d.ts"} <= paths
    assert not {"pkg/a.pyi", "web/x.d.ts"} & paths


def test_graph_honours_the_config_settings(git_repo) -> None:
    git_repo.commit({
        "driftguard.toml": '[settings]\nexclude = ["legacy/**"]\nsource_roots = ["lib"]\n',
        "lib/pkg/__init__.py": "", "lib/pkg/core.py": "import pkg\n", "legacy/old.py": "",
    })
    graph = run_json("graph", cwd=git_repo.path)
    assert {m["name"] for m in graph["modules"]} == {"pkg", "pkg.core"}
