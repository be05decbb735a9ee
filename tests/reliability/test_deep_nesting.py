"""Nesting far past Python's stack (default recursion limit: 1,000 frames) in code, folders
and project files: never a RecursionError traceback.

tree-sitter parses iteratively, so the risk is a recursive Python walker. Ten thousand
levels are used where the syntax is compact; Python blocks need one more indent per level
(quadratic size), so 1,500 levels (1.1 MB, under the default size limit) stand in there.
"""

from __future__ import annotations

import json
import subprocess

import pytest
from repo_helpers import run_cli

from driftguard.languages import get_language

DEEP = 10_000
BLOCKS = 1_500
JAVA_CLASSES = "".join(f"public class C{i} {{ " for i in range(5_000)) + "}" * 5_000 + "\n"


def blocks(opener: str, body: str = "import app.deep") -> str:
    return "".join("\t" * i + opener + "\n" for i in range(BLOCKS)) + "\t" * BLOCKS + body + "\n"


def graph(repo) -> tuple[dict, str]:
    result = run_cli("graph", cwd=repo.path)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-2000:]
    return json.loads(result.stdout), result.stderr


def edges(report: dict) -> set[tuple[str, str]]:
    return {(e["from"], e["to"]) for e in report["edges"]}


def test_ten_thousand_levels_in_every_language(git_repo) -> None:
    files = {
        "app/__init__.py": "", "app/deep.py": "",
        "app/brackets.py": "import app.deep\nx = " + "[" * DEEP + "]" * DEEP + "\n",
        "app/calls.py": "import app.deep\nx = " + "f(" * DEEP + ")" * DEEP + "\n",
        "web/deep.ts": "export const x = " + "[" * DEEP + "]" * DEEP + ";\n"
                       "export function g() { " + "if (a) { " * DEEP + "}" * DEEP + " }\n",
        "go/deep.go": "package deep\n\nfunc F() {\n\t_ = " + "f(" * DEEP + ")" * DEEP + "\n}\n",
        "java/Deep.java": "public class Deep {\n  int x = " + "(" * DEEP + "1" + ")" * DEEP
                          + ";\n}\n",
    }
    git_repo.commit(files)
    report, _ = graph(git_repo)
    assert set(files) <= {m["path"] for m in report["modules"]}
    assert {("app.brackets", "app.deep"), ("app.calls", "app.deep")} <= edges(report)


def test_blocks_nested_past_the_stack_never_crash_a_run(git_repo) -> None:
    git_repo.commit({"app/__init__.py": "", "app/deep.py": "", "app/ok.py": "import app.deep\n",
                     "app/ifs.py": blocks("if x:"), "app/classes.py": blocks("class C:", "pass"),
                     "Nested.java": JAVA_CLASSES})
    report, stderr = graph(git_repo)
    assert ("app.ok", "app.deep") in edges(report)  # the rest of the repository is analysed
    analysed = ("app.ifs", "app.deep") in edges(report)  # once the walkers are iterative
    assert analysed or "app/ifs.py: nested too deeply to analyse" in stderr


# Recursive walkers in driftguard/languages/ give up on these (the run goes on: the file is
# skipped with a warning, test above). Strict: an iterative walker turns them into XPASS.
WALKERS = pytest.mark.xfail(strict=True, raises=RecursionError, reason="recursive walker")


@pytest.mark.parametrize(("language", "source"), [
    pytest.param("python", blocks("if x:"), marks=WALKERS, id="python_facts._statements-if"),
    pytest.param("python", blocks("try:"), marks=WALKERS, id="python_facts._statements-try"),
    pytest.param("python", blocks("class C:", "pass"), marks=WALKERS,
                 id="python_facts._definition-class"),
    pytest.param("python", "[" * DEEP + "a" + "]" * DEEP + " = 1\n", marks=WALKERS,
                 id="python_facts._targets"),
    pytest.param("typescript", "declare " * DEEP + "function f(): void;\n", marks=WALKERS,
                 id="typescript_defs._declared"),
    pytest.param("java", JAVA_CLASSES, marks=WALKERS, id="java_facts._members-classes"),
    pytest.param("python", "x = " + "lambda: " * DEEP + "1\n", id="python-lambdas"),
    pytest.param("typescript", "export namespace N { " * DEEP + "}" * DEEP, id="ts-namespaces"),
    pytest.param("go", "package p\ntype T " + "struct { A " * DEEP + "int" + " }" * DEEP,
                 id="go-structs"),
])
def test_extractor_walks_deep_trees_without_recursion(language: str, source: str) -> None:
    facts = get_language(language).extract(source.encode())
    assert facts.language == language


def test_folders_nested_past_the_stack(git_repo) -> None:
    deep = "/".join(["d"] * BLOCKS) + "/leaf.py"  # 3,000 characters: only git plumbing makes it
    stream = (f"commit refs/heads/main\ncommitter T <t@example.invalid> 0 +0000\ndata 4\ndeep\n"
              f"M 100644 inline {deep}\ndata 10\nimport os\n\n"
              f"M 100644 inline top.py\ndata 0\n\n")
    subprocess.run(["git", "fast-import", "--quiet"], input=stream.encode(), cwd=git_repo.path,
                   check=True)
    report, _ = graph(git_repo)
    assert deep in {m["path"] for m in report["modules"]}
    result = run_cli("check", "--all", "--base", "main", cwd=git_repo.path)
    assert result.returncode == 0 and "Traceback" not in result.stderr


def test_project_files_nested_past_the_stack(git_repo) -> None:
    git_repo.commit({
        "package.json": '{"name": "root", "workspaces": ["pkgs/*"]}',
        "pkgs/a/package.json": '{"name": "a", "exports": ' + '{"a": ' * 20_000 + '"x"'
                               + "}" * 20_000 + "}",
        "tsconfig.json": '{"compilerOptions": {"paths": ' + "[" * 20_000 + "]" * 20_000 + "}}",
        "web/a.ts": "import { x } from './b';\n", "web/b.ts": "export const x = 1;\n",
    })
    report, stderr = graph(git_repo)
    assert ("web/a", "web/b") in edges(report)  # relative imports need no project file
    assert "Traceback" not in stderr
