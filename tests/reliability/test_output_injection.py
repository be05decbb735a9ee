"""A PR's file names end up in driftguard's output, which CI runners read line by line:
a name must not forge a workflow command (``::error ...``, ``::stop-commands::``)."""

from __future__ import annotations

import pytest
from repo_helpers import run_cli

CONFIG = """
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
FORGED = "x\n::error file=forged.py::forged\n::stop-commands::pwned\n"


@pytest.fixture
def forged_name(git_repo):
    git_repo.commit({"driftguard.toml": CONFIG, "app/__init__.py": "", "app/api/__init__.py": "",
                     "app/api/views.py": "", "app/data/__init__.py": "",
                     f"app/data/{FORGED}.py": "from app.api import views\n"})
    return git_repo


def command_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.lstrip().startswith("::")]


def test_github_format_escapes_file_names(forged_name) -> None:
    result = run_cli("check", "--all", "--format", "github", cwd=forged_name.path)
    assert result.returncode == 1, result.stderr
    (line,) = command_lines(result.stdout)  # the one real annotation, nothing forged
    assert line.startswith("::error file=app/data/x%0A%3A%3Aerror")


@pytest.mark.parametrize("fmt", [
    pytest.param("text", marks=pytest.mark.xfail(strict=True, reason="reporters/text.py prints "
                 "paths raw: control characters (CR, LF, ESC) need escaping")),
    "markdown", "json", "sarif"])
def test_other_formats_print_no_workflow_command(forged_name, fmt: str) -> None:
    result = run_cli("check", "--all", "--format", fmt, cwd=forged_name.path)
    assert result.returncode == 1, result.stderr
    assert command_lines(result.stdout) == []
