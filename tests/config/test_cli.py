"""The config layer as a user meets it: `driftguard init`, and config errors from a real run."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from repo_helpers import GitRepo, run_cli

from driftguard.config.loader import load_config
from driftguard.config.presets import preset_names

RULE_TYPES = "allowed: layers, forbidden, independence, acyclic, interface"


def test_init_writes_a_starter_that_loads(tmp_path: Path) -> None:
    result = run_cli("init", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "driftguard: wrote driftguard.toml (0 modules, 0 rules)\n"
    text = (tmp_path / "driftguard.toml").read_text(encoding="utf-8")
    assert text.startswith("# driftguard configuration.")
    assert all(f'"{name}"' in text for name in preset_names())
    assert load_config(tmp_path / "driftguard.toml").rules == []


def test_init_example_sections_are_valid_when_uncommented(tmp_path: Path) -> None:
    run_cli("init", cwd=tmp_path)
    lines = (tmp_path / "driftguard.toml").read_text(encoding="utf-8").splitlines()
    example = re.compile(r"# (\[|[a-z_]+ = |DG\d{3} = )")
    uncommented = [line[2:] if example.match(line) else line for line in lines]
    (tmp_path / "all.toml").write_text("\n".join(uncommented) + "\n", encoding="utf-8")
    config = load_config(tmp_path / "all.toml")
    assert [r.type for r in config.rules] == ["layers", "forbidden"]
    assert config.severity == {"DG301": "off"}


def test_init_refuses_to_overwrite(tmp_path: Path) -> None:
    (tmp_path / "driftguard.toml").write_text("# mine\n", encoding="utf-8")
    result = run_cli("init", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == ("driftguard: error: driftguard.toml already exists\n"
                             "Pass --force to overwrite it, or --output to write elsewhere.\n")
    assert (tmp_path / "driftguard.toml").read_text(encoding="utf-8") == "# mine\n"
    forced = run_cli("init", "--force", cwd=tmp_path)
    assert forced.returncode == 0, forced.stderr
    assert (tmp_path / "driftguard.toml").read_text(encoding="utf-8") != "# mine\n"


def test_init_refuses_to_shadow_a_pyproject_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.driftguard]\nextends = []\n", "utf-8")
    result = run_cli("init", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith(
        "driftguard: error: pyproject.toml already has a [tool.driftguard] table\n")
    assert run_cli("init", "--output", "other.toml", cwd=tmp_path).returncode == 0


def test_init_into_another_repo_and_to_stdout(tmp_path: Path) -> None:
    (tmp_path / "repo").mkdir()
    assert run_cli("-C", "repo", "init", cwd=tmp_path).returncode == 0
    assert (tmp_path / "repo" / "driftguard.toml").is_file()
    printed = run_cli("init", "-o", "-", cwd=tmp_path)
    assert printed.stdout.startswith("# driftguard configuration.")
    assert not (tmp_path / "driftguard.toml").exists()


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    repo = GitRepo(tmp_path / "repo")
    repo.commit({"src/shop/__init__.py": ""}, "start")
    return repo


MUST_SHOW = [
    ('[[rules]]\ntype = "layer"\nlayers = ["api"]\n',
     f"  driftguard.toml: rules[0].type: unknown rule type 'layer'; {RULE_TYPES}"),
    ('[[modules]]\nname = "api"\npaths = ["src/api/**"]\n[[rules]]\ntype = "layers"\n'
     'layers = ["api", "services"]\n',
     "  driftguard.toml: rules[0].layers[1]: no module named 'services' is declared; "
     "allowed: api"),
    ('[[modules]]\nname = "api"\npaths = ["src/[api/**"]\n',
     "  driftguard.toml: modules[0].paths[0]: unbalanced '[' in 'src/[api/**' "
     "(write '[[]' for a literal '[')"),
]


@pytest.mark.parametrize(("text", "line"), MUST_SHOW, ids=["rule-type", "layer", "glob"])
def test_config_errors_exit_2_naming_file_key_and_allowed(repo: GitRepo, text: str,
                                                          line: str) -> None:
    (repo.path / "driftguard.toml").write_text(text, encoding="utf-8")
    result = run_cli("check", "--base", "main", cwd=repo.path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.splitlines()[:2] == [
        "driftguard: error: invalid configuration (1 problem):", line]
    assert "Traceback" not in result.stderr


def test_toml_syntax_error_exits_2_with_line_and_column(repo: GitRepo) -> None:
    (repo.path / "bad.toml").write_text('[[rules]]\ntype = layers\n', encoding="utf-8")
    result = run_cli("check", "--base", "main", "--config", "bad.toml", cwd=repo.path)
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == (
        "driftguard: error: bad.toml:2:8: TOML syntax error: Invalid value")


def test_pyproject_error_names_the_tool_table(repo: GitRepo) -> None:
    (repo.path / "pyproject.toml").write_text(
        '[project]\nname = "shop"\n\n[[tool.driftguard.rules]]\ntype = "cycles"\n', "utf-8")
    result = run_cli("check", "--base", "main", cwd=repo.path)
    assert result.returncode == 2
    assert result.stderr.splitlines()[1] == (
        f"  pyproject.toml: tool.driftguard.rules[0].type: unknown rule type 'cycles'; "
        f"{RULE_TYPES}")
