"""Test helpers: real git repositories in tmp folders, real subprocess runs of the CLI."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test Author",
    "GIT_AUTHOR_EMAIL": "author@example.invalid",
    "GIT_COMMITTER_NAME": "Test Author",
    "GIT_COMMITTER_EMAIL": "author@example.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
}


class GitRepo:
    """A scratch repository: write files, commit with pinned dates, branch, run driftguard."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.ticks = 0
        path.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str, check: bool = True) -> str:
        env = {**os.environ, **GIT_ENV,
               "GIT_AUTHOR_DATE": f"2026-01-01T00:{self.ticks:02d}:00Z",
               "GIT_COMMITTER_DATE": f"2026-01-01T00:{self.ticks:02d}:00Z"}
        result = subprocess.run(["git", *args], cwd=self.path, env=env, check=check,
                                capture_output=True, text=True)
        return result.stdout.strip()

    def write(self, files: dict[str, str | bytes | None]) -> None:
        for rel, content in files.items():
            target = self.path / rel
            if content is None:
                if target.exists():
                    target.unlink()
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, encoding="utf-8")

    def commit(self, files: dict[str, str | bytes | None] | None = None,
               message: str = "change") -> str:
        if files:
            self.write(files)
        self.git("add", "-A")
        self.ticks += 1
        self.git("commit", "-q", "--allow-empty", "-m", message)
        return self.git("rev-parse", "HEAD")

    def branch(self, name: str, start: str = "main") -> None:
        self.git("checkout", "-q", "-B", name, start)

    def checkout(self, name: str) -> None:
        self.git("checkout", "-q", name)


def driftguard_exe() -> list[str]:
    found = shutil.which("driftguard", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", "driftguard"]


def run_cli(*args: str, cwd: Path, env: dict[str, str] | None = None
            ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*driftguard_exe(), *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=300)


def run_json(*args: str, cwd: Path) -> dict:
    result = run_cli(*args, cwd=cwd)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)
