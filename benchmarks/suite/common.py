"""What every figure of the suite shares: timing whole processes, medians, verdicts."""

from __future__ import annotations

import os
import shlex
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph_build import LAUNCHER

HERE = Path(__file__).resolve().parents[1]  # benchmarks/
WORK = HERE / ".work"
COMMANDS: list[str] = []  # every command timed, as a user would type it


@dataclass
class Timed:
    seconds: float
    cpu: float
    rss_mb: float
    stdout: str
    returncode: int


def tool(name: str) -> str:
    """A console script of this virtualenv (driftguard, lint-imports)."""
    found = Path(sys.executable).with_name(name)
    return str(found) if found.exists() else name


def clean_env(**extra: str) -> dict[str, str]:
    """The environment of a timed process: no DRIFTGUARD_ knobs unless given, and bytecode
    caching on (PYTHONDONTWRITEBYTECODE would recompile every module of every run, as no
    installed tool does)."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("DRIFTGUARD_") and k != "PYTHONDONTWRITEBYTECODE"}
    env.update(extra)
    return env


def run_timed(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> Timed:
    """Wall and CPU seconds (with children) and peak RSS of one whole process."""
    with tempfile.TemporaryDirectory(prefix="dg-bench-") as tmp:
        usage, out = Path(tmp) / "usage", Path(tmp) / "stdout"
        with out.open("wb") as stdout:
            done = subprocess.run([sys.executable, "-c", LAUNCHER, str(usage), *cmd], cwd=cwd,
                                  env=env or clean_env(), stdout=stdout,
                                  stderr=subprocess.DEVNULL)
        seconds, cpu, rss = usage.read_text().split()
        text = out.read_text(encoding="utf-8", errors="replace")
    return Timed(float(seconds), float(cpu), int(rss) / 1024, text, done.returncode)


def record(cmd: list[str], cwd: Path, env: dict[str, str] | None = None, note: str = "") -> None:
    extra = " ".join(f"{k}={v if v.startswith(('$(', '<')) else shlex.quote(v)}"
                     for k, v in sorted((env or {}).items()))
    line = f"(cd {shlex.quote(str(cwd))} && {extra + ' ' if extra else ''}{shlex.join(cmd)})"
    COMMANDS.append(f"{line}{'   # ' + note if note else ''}")


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


@dataclass
class Verdict:
    """One target of the issue: what was measured against what was asked."""

    figure: str
    measured: str
    target: str
    passed: bool | None  # None: informational, no target
    detail: dict[str, Any] = field(default_factory=dict)

    @property
    def mark(self) -> str:
        return {True: "PASS", False: "MISS", None: "info"}[self.passed]


def git(*args: str, cwd: Path) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "driftguard benchmark",
           "GIT_AUTHOR_EMAIL": "benchmark@driftguard.invalid",
           "GIT_COMMITTER_NAME": "driftguard benchmark",
           "GIT_COMMITTER_EMAIL": "benchmark@driftguard.invalid",
           "GIT_AUTHOR_DATE": "2026-01-01T00:00:00+00:00",
           "GIT_COMMITTER_DATE": "2026-01-01T00:00:00+00:00",
           "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
    done = subprocess.run(["git", "-c", "commit.gpgSign=false", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, check=True)
    return done.stdout.strip()


def table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    return "\n".join(out)
