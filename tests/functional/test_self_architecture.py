"""driftguard guards its own architecture: driftguard.toml checked by driftguard itself,
and the same layering cross-checked by import-linter (.importlinter)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from repo_helpers import GitRepo, run_cli

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def project_copy(tmp_path_factory) -> Path:
    """The project's current files (committed or not, minus ignored ones) as a fresh repo."""
    if not (ROOT / ".git").exists():
        pytest.skip("the project is not a git checkout")
    listed = subprocess.run(["git", "ls-files", "-z", "-co", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, check=True).stdout.decode().split("\0")
    repo = GitRepo(tmp_path_factory.mktemp("self") / "driftguard")
    for rel in filter(None, listed):
        source = ROOT / rel
        if source.is_file() and not source.is_symlink():
            target = repo.path / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    repo.commit(message="snapshot of the working tree")
    return repo.path


def test_driftguard_keeps_its_own_layers(project_copy: Path) -> None:
    result = run_cli("check", "--all", "--format", "json", "--no-cache", cwd=project_copy)
    assert result.returncode in (0, 1), result.stderr
    findings = json.loads(result.stdout)["findings"]
    boundary = [f for f in findings if f["rule"].startswith(("DG0", "DG1"))]
    assert boundary == [], "\n".join(f"{f['path']}:{f['line']} {f['message']}" for f in boundary)


def test_import_linter_agrees(project_copy: Path) -> None:
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if lint is None:
        pytest.skip("import-linter is not installed (pip install -e '.[test]')")
    result = subprocess.run([lint, "--no-cache"], cwd=project_copy, capture_output=True,
                            text=True, env={**os.environ, "PYTHONPATH": str(project_copy)})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "architecture KEPT" in result.stdout
