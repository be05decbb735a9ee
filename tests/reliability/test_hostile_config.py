"""A config (in a fork's PR, say) that reaches outside the repository, or is built to
crash the parser: rejected with the file, the key and exit 2; nothing outside is read."""

from __future__ import annotations

import os

import pytest
from repo_helpers import run_cli

OUTSIDE_CONFIG = '[[modules]]\nname = "smuggled"\npaths = ["app/**"]\n'
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


def rejected(git_repo, *args: str) -> str:
    result = run_cli("check", *args, cwd=git_repo.path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    return result.stderr


def test_config_glob_escaping_the_repository_is_rejected(git_repo) -> None:
    git_repo.commit({"driftguard.toml": '[[modules]]\nname = "x"\npaths = ["../../etc/passwd"]\n',
                     "a.py": ""})
    stderr = rejected(git_repo)
    assert "driftguard.toml: modules[0].paths[0]" in stderr and "escapes the repository" in stderr


def test_extends_outside_the_shipped_presets_is_rejected(git_repo) -> None:
    git_repo.commit({"driftguard.toml": 'extends = ["../../etc/passwd"]\n', "a.py": ""})
    stderr = rejected(git_repo)
    assert "extends[0]" in stderr and "unknown preset '../../etc/passwd'" in stderr


@pytest.mark.parametrize("path", ["../../etc/passwd", "/etc/passwd"])
def test_baseline_path_outside_the_repository_is_rejected(git_repo, path: str) -> None:
    git_repo.commit({"driftguard.toml": f'[settings]\nbaseline = "{path}"\n', "a.py": ""})
    assert "settings.baseline" in rejected(git_repo)


@pytest.mark.parametrize("name", ["driftguard.toml", "pyproject.toml", "known.json"])
def test_committed_symlink_to_a_file_outside_is_not_followed(git_repo, tmp_path,
                                                             name: str) -> None:
    outside = tmp_path / "outside"
    outside.write_text(OUTSIDE_CONFIG)
    git_repo.path.joinpath(name).symlink_to(outside)
    if name == "known.json":
        git_repo.write({"driftguard.toml": '[settings]\nbaseline = "known.json"\n'})
    git_repo.commit({"a.py": ""})
    stderr = rejected(git_repo, "--all")
    assert f"{name}" in stderr and "outside the repository" in stderr


def test_symlink_to_a_config_inside_the_repository_is_read(git_repo, tmp_path) -> None:
    git_repo.write({"configs/driftguard.toml": LAYERS})
    git_repo.path.joinpath("driftguard.toml").symlink_to("configs/driftguard.toml")
    git_repo.commit({"app/__init__.py": "", "app/api.py": "", "app/data.py": "import app.api\n"})
    bare = tmp_path / "bare.git"
    git_repo.git("clone", "-q", "--bare", str(git_repo.path), str(bare))
    for where in (git_repo.path, bare):  # a work tree reads the file, a bare repo the blob
        result = run_cli("-C", str(where), "check", "--all", cwd=tmp_path)
        assert result.returncode == 1 and "DG101" in result.stdout, result.stderr


def test_config_nested_too_deeply_is_a_config_error(git_repo) -> None:
    git_repo.commit({"driftguard.toml": "x = " + "[" * 5000 + "]" * 5000 + "\n", "a.py": ""})
    assert "driftguard.toml: arrays or inline tables nested too deeply" in rejected(git_repo)


def test_baseline_nested_too_deeply_is_a_config_error(git_repo) -> None:
    git_repo.commit({"driftguard.toml": '[settings]\nbaseline = "known.json"\n',
                     "known.json": "[" * 100_000, "a.py": ""})
    assert "is not a driftguard baseline" in rejected(git_repo, "--all")


def test_explicit_files_outside_the_repository_are_the_user_s_choice(git_repo, tmp_path
                                                                    ) -> None:
    config = tmp_path / "ci-config.toml"  # CI may keep its config outside the checkout
    config.write_text('[[rules]]\ntype = "acyclic"\n')
    git_repo.commit({"a.py": ""})
    result = run_cli("check", "--all", "--config", os.fspath(config), cwd=git_repo.path)
    assert result.returncode == 0, result.stderr
