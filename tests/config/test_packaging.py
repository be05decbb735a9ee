"""The wheel ships every package and the presets of rules/ as driftguard.presets."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[2]
PRESETS = sorted(p.name for p in (ROOT / "rules").glob("*.toml"))


def setuptools_table() -> dict:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return pyproject["tool"]["setuptools"]


def test_every_package_folder_is_listed_in_pyproject() -> None:
    found = {".".join(p.parent.relative_to(ROOT).parts)
             for p in (ROOT / "driftguard").rglob("__init__.py")}
    table = setuptools_table()
    assert set(table["packages"]) == found | {"driftguard.presets"}, (
        "add the new package to [tool.setuptools] packages in pyproject.toml")
    assert table["package-dir"] == {"driftguard.presets": "rules"}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    source = work / "project"  # a copy: building writes build/ and *.egg-info beside the sources
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("driftguard", "rules"):
        shutil.copytree(ROOT / name, source / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w",
                             str(work / "dist"), str(source)],
                            capture_output=True, text=True, timeout=600)
    if result.returncode and "No matching distribution found for setuptools" in result.stderr:
        pytest.skip("setuptools is not installable here (offline without a mirror)")
    assert result.returncode == 0, result.stderr
    (built,) = (work / "dist").glob("driftguard-*.whl")
    return built


def test_wheel_contains_the_presets(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {f"driftguard/presets/{name}" for name in PRESETS} <= names
    assert "driftguard/py.typed" in names
    assert not any(name.startswith("rules/") for name in names)


def test_installed_wheel_extends_a_preset(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = ("import driftguard.config.presets as p, driftguard.config.loader as l;"
            "c = l.load_config_text('extends = [\"layered-app\", \"agent-worktree\"]', 'x.toml');"
            "print(p._preset_dir(), len(c.modules), c.overlap.concurrent)")
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                            text=True, env={**os.environ, "PYTHONPATH": str(site)}, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("4 ['agent/*']")
    assert str(site / "driftguard" / "presets") in result.stdout
