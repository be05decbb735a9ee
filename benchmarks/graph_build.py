#!/usr/bin/env python3
"""How fast driftguard builds the graph of a real project, next to a bare tree-sitter parse.

The corpus is Django's source: its sdist, downloaded once with pip into
benchmarks/.cache/, unpacked into benchmarks/.work/ and committed into a git
repository this script makes there. One run measures, N times each (medians):

  bare parse      parser.parse(bytes) on every file driftguard analyses, with its
                  language's official grammar, one core, bytes already in memory:
                  the floor any tree-sitter extractor stands on
  cold            `driftguard graph --rev HEAD --format json`, a whole process,
                  with an empty cache (default workers, then DRIFTGUARD_WORKERS=1)
  warm            the same command with the cache already filled
  phases          driftguard's build steps, timed in this process (cold, then warm)

    python benchmarks/graph_build.py [--runs 5] [--json FILE] [--reference FILE]

benchmarks/README.md explains every figure.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterator

DJANGO = "5.2.8"
HERE = Path(__file__).resolve().parent
SDIST_DIR = HERE / ".cache"
WORK_DIR = HERE / ".work"
REPO_DIR = WORK_DIR / f"django-{DJANGO}"
PINNED_DATE = "2026-01-01T00:00:00+00:00"
GIT_IDENTITY = {"GIT_AUTHOR_NAME": "driftguard benchmark",
                "GIT_AUTHOR_EMAIL": "benchmark@driftguard.invalid",
                "GIT_COMMITTER_NAME": "driftguard benchmark",
                "GIT_COMMITTER_EMAIL": "benchmark@driftguard.invalid",
                "GIT_AUTHOR_DATE": PINNED_DATE, "GIT_COMMITTER_DATE": PINNED_DATE}
GRAPH_ARGS = ["graph", "--rev", "HEAD", "--format", "json"]

COMMANDS: list[str] = []  # every command this run started, printed at the end


# -- the corpus: Django's sdist committed into a git repository --------------------------


def run_logged(cmd: list[str], *, cwd: Path | None = None, env: dict[str, str] | None = None
               ) -> None:
    """Run a set-up command (pip, git), record it, stop with its output if it fails."""
    shown = " ".join(f"{k}={shlex.quote(v)}" for k, v in (env or {}).items())
    COMMANDS.append(f"(cd {shlex.quote(str(cwd or Path.cwd()))} && "
                    f"{shown + ' ' if shown else ''}{shlex.join(cmd)})")
    done = subprocess.run(cmd, cwd=cwd, env={**os.environ, **(env or {})},
                          capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"failed ({done.returncode}): {shlex.join(cmd)}\n{done.stdout}{done.stderr}")


def find_sdist() -> Path | None:
    found = sorted(SDIST_DIR.glob(f"[Dd]jango-{DJANGO}.tar.gz"))
    return found[0] if found else None


def ensure_sdist() -> Path:
    """Django's sdist in benchmarks/.cache/, downloaded with pip the first time only."""
    sdist = find_sdist()
    if sdist is None:
        run_logged([sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:",
                    f"django=={DJANGO}", "-d", str(SDIST_DIR)])
        sdist = find_sdist()
    if sdist is None:
        sys.exit(f"pip download left no Django {DJANGO} sdist in {SDIST_DIR}")
    return sdist


def has_commit(repo: Path) -> bool:
    if not (repo / ".git").is_dir():
        return False
    probe = subprocess.run(["git", "-C", str(repo), "rev-parse", "--verify", "-q", "HEAD"],
                           capture_output=True)
    return probe.returncode == 0


def unpack(sdist: Path, dest: Path) -> None:
    """Extract the sdist so its single top-level folder becomes ``dest``."""
    shutil.rmtree(dest, ignore_errors=True)
    staging = Path(tempfile.mkdtemp(prefix="unpack-", dir=dest.parent))
    with tarfile.open(sdist) as tar:
        safe = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
        tar.extractall(staging, **safe)  # noqa: S202 - a pinned release from PyPI
    (top,) = list(staging.iterdir())
    top.rename(dest)
    staging.rmdir()


def ensure_repo(sdist: Path) -> Path:
    """A git repository holding the sdist's tree in one commit (made once, reproducibly)."""
    if has_commit(REPO_DIR):
        return REPO_DIR
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    unpack(sdist, REPO_DIR)
    git = ["git", "-c", "core.autocrlf=false", "-c", "core.excludesFile=/dev/null",
           "-c", "commit.gpgSign=false", "-c", "init.defaultBranch=main"]
    run_logged([*git, "init", "-q"], cwd=REPO_DIR)
    run_logged([*git, "add", "--all", "--force", "."], cwd=REPO_DIR)
    run_logged([*git, "commit", "-q", "--no-verify", "-m", f"Django {DJANGO} (sdist)"],
               cwd=REPO_DIR, env=GIT_IDENTITY)
    return REPO_DIR


@dataclass
class Corpus:
    commit: str
    paths: list[str]
    languages: list[str]  # driftguard's language name per file
    blobs: list[bytes]

    @property
    def size(self) -> int:
        return sum(len(b) for b in self.blobs)

    def count_by_language(self) -> dict[str, int]:
        return {name: self.languages.count(name) for name in sorted(set(self.languages))}


def load_corpus(repo_dir: Path) -> Corpus:
    """The files driftguard analyses at HEAD, with their bytes read from the git blobs."""
    from driftguard.extract.build import analysable
    from driftguard.gitio import GitRepo
    from driftguard.languages import language_name_for

    repo = GitRepo.open(repo_dir)
    commit = repo.resolve("HEAD")
    files = repo.files(commit, analysable)
    return Corpus(commit, [f.path for f in files],
                  [language_name_for(f.path) or "" for f in files],
                  [repo.read_blob(f.blob_id) for f in files])


# -- figures ---------------------------------------------------------------------------


@dataclass
class Figure:
    label: str
    files: int
    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # user+sys of the process and its workers
    inner: list[float] = field(default_factory=list)  # driftguard's own stats.seconds
    rss_kb: int = 0  # peak RSS of the largest single process over all runs
    by_language: dict[str, list[float]] = field(default_factory=dict)  # bare parse only

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    def as_dict(self) -> dict[str, Any]:
        def med(xs: list[float]) -> float | None:
            return round(statistics.median(xs), 4) if xs else None
        return {"label": self.label, "files": self.files, "median": round(self.median, 4),
                "min": round(min(self.seconds), 4), "max": round(max(self.seconds), 4),
                "files_per_second": round(self.files / self.median, 1),
                "samples": [round(s, 4) for s in self.seconds], "cpu_median": med(self.cpu),
                "stats_seconds_median": med(self.inner), "peak_rss_kb": self.rss_kb or None,
                "by_language": {k: med(v) for k, v in self.by_language.items()}}


# driftguard language -> the official grammar wheel (module, function) its extractor uses;
# .tsx/.jsx files take the TSX dialect. A language missing here stops the run with a message.
GRAMMARS = {
    "python": ("tree_sitter_python", "language"),
    "typescript": ("tree_sitter_typescript", "language_typescript"),
    "go": ("tree_sitter_go", "language"),
    "java": ("tree_sitter_java", "language"),
}
TSX_GRAMMAR = ("tree_sitter_typescript", "language_tsx")


def grammar_for(path: str, language: str) -> tuple[str, str]:
    if language == "typescript" and path.endswith((".tsx", ".jsx")):
        return TSX_GRAMMAR
    if language not in GRAMMARS:
        sys.exit(f"{path}: no bare-parse grammar for driftguard's {language!r} language;"
                 " add it to GRAMMARS in benchmarks/graph_build.py")
    return GRAMMARS[language]


def make_parsers(corpus: Corpus) -> list[Any]:
    """One tree-sitter Parser per file (shared per grammar), built before any timing."""
    import importlib

    import tree_sitter

    made: dict[tuple[str, str], Any] = {}
    for path, language in zip(corpus.paths, corpus.languages):
        key = grammar_for(path, language)
        if key not in made:
            pointer = getattr(importlib.import_module(key[0]), key[1])()
            made[key] = tree_sitter.Parser(tree_sitter.Language(pointer))
    return [made[grammar_for(p, lang)] for p, lang in zip(corpus.paths, corpus.languages)]


def bare_parse(corpus: Corpus, parsers: list[Any]) -> tuple[float, float, dict[str, float]]:
    """Wall and CPU seconds of parser.parse(bytes) over every file (and wall per language);
    only the call is timed."""
    wall = cpu = 0.0
    by_language = dict.fromkeys(corpus.languages, 0.0)
    for data, parser, language in zip(corpus.blobs, parsers, corpus.languages):
        start, start_cpu = time.perf_counter(), time.process_time()
        tree = parser.parse(data)
        took = time.perf_counter() - start
        cpu += time.process_time() - start_cpu
        del tree  # freed outside the timed region
        wall += took
        by_language[language] += took
    return wall, cpu, by_language


@dataclass
class ProcessRun:
    seconds: float
    cpu: float
    rss_kb: int
    stats: dict[str, Any]


# Starts the measured command and writes its wall seconds, CPU seconds and peak RSS.
# A separate small process forks it because on Linux a child's ru_maxrss starts from the
# RSS of the process it was forked from: forked from this (large) script, every command
# would report this script's size.
LAUNCHER = """import os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as out:
    out.write(f"{time.perf_counter() - start} {usage.ru_utime + usage.ru_stime} {usage.ru_maxrss}")
sys.exit(os.waitstatus_to_exitcode(status))
"""


def run_process(cmd: list[str], cwd: Path, env: dict[str, str]) -> ProcessRun:
    """Wall time, CPU time (with its workers) and peak RSS of one driftguard process."""
    with tempfile.TemporaryDirectory(prefix="dg-run-") as tmp:
        out, err, usage = (Path(tmp) / name for name in ("stdout", "stderr", "usage"))
        with out.open("wb") as stdout, err.open("wb") as stderr:
            done = subprocess.run([sys.executable, "-c", LAUNCHER, str(usage), *cmd],
                                  cwd=cwd, env=env, stdout=stdout, stderr=stderr)
        if done.returncode != 0:
            sys.exit(f"{shlex.join(cmd)} exited {done.returncode}:\n{err.read_text()}")
        seconds, cpu, rss = usage.read_text().split()
        stats = json.loads(out.read_bytes())["stats"]
    scale = 1024 if sys.platform == "darwin" else 1  # macOS reports bytes, Linux KiB
    return ProcessRun(float(seconds), float(cpu), int(rss) // scale, stats)


def driftguard_command() -> list[str]:
    script = Path(sys.executable).with_name("driftguard")
    if script.exists():
        return [str(script), *GRAPH_ARGS]
    return [sys.executable, "-m", "driftguard.cli.main", *GRAPH_ARGS]


def child_env(cache_dir: str, workers: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DRIFTGUARD_")}
    env["DRIFTGUARD_CACHE_DIR"] = cache_dir
    if workers is not None:
        env["DRIFTGUARD_WORKERS"] = workers
    return env


def check_stats(label: str, stats: dict[str, Any], files: int, *, warm: bool) -> None:
    """A figure only counts if driftguard did what it names: all parsed, or all cached."""
    expected = {"files": files, "parsed": 0 if warm else files, "cached": files if warm else 0}
    wrong = {k: stats.get(k) for k, v in expected.items() if stats.get(k) != v}
    if wrong:
        sys.exit(f"{label}: driftguard reported {wrong}, expected {expected} (stats {stats})")


def add_run(figure: Figure, result: ProcessRun) -> None:
    figure.seconds.append(result.seconds)
    figure.cpu.append(result.cpu)
    figure.inner.append(float(result.stats["seconds"]))
    figure.rss_kb = max(figure.rss_kb, result.rss_kb)


# -- in-process phases -------------------------------------------------------------------


class Probes:
    """Wall time spent inside named driftguard functions during a real build.

    Wraps attributes for the duration of a ``with`` block and restores them after, so the
    figures follow driftguard's own wiring (engine -> build -> extract/cache/link) as it is.
    """

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def wrap(self, owner: Any, name: str, label: str) -> Iterator[None]:
        original = getattr(owner, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.seconds[label] = self.seconds.get(label, 0.0) + time.perf_counter() - start

        setattr(owner, name, timed)
        try:
            yield
        finally:
            setattr(owner, name, original)


@contextmanager
def environment(**values: str) -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def probed_build(repo_dir: Path, prefix: str) -> dict[str, float]:
    """Build HEAD's snapshot in this process (as `driftguard graph` does) and render it."""
    from contextlib import ExitStack

    import driftguard.extract.build as build
    from driftguard.cache.facts_cache import FactsCache
    from driftguard.engine import BuildOptions, Session
    from driftguard.gitio import GitRepo
    from driftguard.graph_formats import render
    from driftguard.graph_formats.view import GraphView

    probes = Probes()
    with ExitStack() as stack:
        for owner, name, label in (
                (GitRepo, "files", "list files"), (GitRepo, "blob_size", "blob sizes + reads"),
                (GitRepo, "read_blob", "blob sizes + reads"),
                (FactsCache, "get_many", "cache lookup + decode"),
                (build, "extract_all", "extract (parse + facts), 1 worker"),
                (FactsCache, "put_many", "cache encode + write"), (build, "link", "link")):
            stack.enter_context(probes.wrap(owner, name, label))
        start = time.perf_counter()
        session = Session.open(str(repo_dir), BuildOptions())
        snapshot = session.snapshot("HEAD")
        session.close()
        built = time.perf_counter() - start
    start = time.perf_counter()
    render(GraphView(snapshot, None, session.stats.as_dict(), []), "json")
    out = {**probes.seconds, "other build steps": built - sum(probes.seconds.values()),
           "render json": time.perf_counter() - start}
    return {prefix + k: v for k, v in out.items()}


def phase_run(repo_dir: Path) -> dict[str, float]:
    """A cold in-process build on one worker, then a warm one on the cache it filled."""
    with tempfile.TemporaryDirectory(prefix="dg-phase-") as cache_dir:
        with environment(DRIFTGUARD_CACHE_DIR=cache_dir, DRIFTGUARD_WORKERS="1"):
            return {**probed_build(repo_dir, "cold: "), **probed_build(repo_dir, "warm: ")}


# -- the measurement loop ------------------------------------------------------------------


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))  # driftguard's default for >= 200 files


def make_figures(files: int) -> dict[str, Figure]:
    return {
        "bare_parse": Figure("bare tree-sitter parse, 1 core", files),
        "cold_default": Figure(f"driftguard cold, default workers ({default_workers()})", files),
        "cold_1_worker": Figure("driftguard cold, DRIFTGUARD_WORKERS=1", files),
        "warm": Figure("driftguard warm (cache filled)", files),
    }


def describe(cmd: list[str], env: str, cwd: Path) -> str:
    return f"(cd {shlex.quote(str(cwd))} && {env} {shlex.join(cmd)} > graph.json)"


def record_commands(cmd: list[str], repo: Path, warm_dir: str, runs: int) -> None:
    fresh = "DRIFTGUARD_CACHE_DIR=$(mktemp -d)"
    COMMANDS.append(f"{describe(cmd, fresh, repo)}   # cold, default workers, x{runs}")
    COMMANDS.append(f"{describe(cmd, fresh + ' DRIFTGUARD_WORKERS=1', repo)}   # cold, x{runs}")
    COMMANDS.append(f"{describe(cmd, 'DRIFTGUARD_CACHE_DIR=' + warm_dir, repo)}"
                    f"   # once to fill the cache, then warm x{runs}")


def add_bare_parse(figure: Figure, corpus: Corpus, parsers: list[Any]) -> None:
    wall, cpu, by_language = bare_parse(corpus, parsers)
    figure.seconds.append(wall)
    figure.cpu.append(cpu)
    for language, seconds in by_language.items():
        figure.by_language.setdefault(language, []).append(seconds)


def measure_round(figures: dict[str, Figure], corpus: Corpus, parsers: list[Any], repo: Path,
                  warm_dir: str) -> None:
    """One sample of every figure; rounds interleave them so drift hits all alike."""
    cmd = driftguard_command()
    n = len(corpus.paths)
    add_bare_parse(figures["bare_parse"], corpus, parsers)
    for key, workers in (("cold_default", None), ("cold_1_worker", "1")):
        with tempfile.TemporaryDirectory(prefix="dg-cold-") as cache_dir:
            result = run_process(cmd, repo, child_env(cache_dir, workers))
        check_stats(figures[key].label, result.stats, n, warm=False)
        add_run(figures[key], result)
    result = run_process(cmd, repo, child_env(warm_dir, None))
    check_stats(figures["warm"].label, result.stats, n, warm=True)
    add_run(figures["warm"], result)


def add_phases(phases: dict[str, list[float]], repo: Path) -> None:
    """In-process phase timings; skipped with a note if driftguard's internals moved on."""
    try:
        sample = phase_run(repo)
    except (AttributeError, ImportError, TypeError) as exc:
        print(f"  in-process phases skipped: {exc!r}", file=sys.stderr)
        return
    for name, seconds in sample.items():
        phases.setdefault(name, []).append(seconds)


def measure(corpus: Corpus, repo: Path, runs: int
            ) -> tuple[dict[str, Figure], dict[str, list[float]]]:
    figures = make_figures(len(corpus.paths))
    parsers = make_parsers(corpus)
    phases: dict[str, list[float]] = {}
    cmd = driftguard_command()
    with tempfile.TemporaryDirectory(prefix="dg-warm-") as warm_dir:
        record_commands(cmd, repo, warm_dir, runs)
        run_process(cmd, repo, child_env(warm_dir, None))  # fills the cache; also warms the OS
        for i in range(runs):
            print(f"  round {i + 1}/{runs} ...", file=sys.stderr, flush=True)
            measure_round(figures, corpus, parsers, repo, warm_dir)
            add_phases(phases, repo)
    return figures, phases


# -- output ------------------------------------------------------------------------------


def summary(corpus: Corpus, figures: dict[str, Figure], phases: dict[str, list[float]],
            runs: int, load: tuple[float, float]) -> dict[str, Any]:
    from driftguard import __version__

    return {
        "benchmark": "graph_build", "corpus": f"django-{DJANGO} sdist", "commit": corpus.commit,
        "files": len(corpus.paths), "files_by_language": corpus.count_by_language(),
        "bytes": corpus.size, "runs": runs,
        "driftguard": __version__, "tree_sitter": package_version("tree-sitter"),
        "tree_sitter_python": package_version("tree-sitter-python"),
        "python": platform.python_version(), "machine": platform.platform(),
        "cpus": os.cpu_count(), "load_before_after": [round(x, 2) for x in load],
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "figures": {k: f.as_dict() for k, f in figures.items()},
        "phases": {k: {"median": round(statistics.median(v), 4), "min": round(min(v), 4),
                       "max": round(max(v), 4)} for k, v in phases.items()},
        "commands": COMMANDS,
    }


def package_version(name: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return None


def load_average() -> float:
    return os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0


def ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:.2f}x" if a is not None and b else "-"


def print_header(data: dict[str, Any]) -> None:
    before, after = data["load_before_after"]
    print(f"\nDjango {DJANGO} sdist: {data['files']} files, {data['bytes'] / 1e6:.1f} MB; "
          f"{data['runs']} runs; {data['cpus']} CPUs; Python {data['python']}; tree-sitter "
          f"{data['tree_sitter']}; load average {before:.1f} before, {after:.1f} after")
    if max(before, after) > 0.5 * (data["cpus"] or 1):
        print("note: other processes were busy; wall times are inflated, CPU ratios less so")


def print_figures(data: dict[str, Any]) -> None:
    figs = data["figures"]
    bare, cold = figs["bare_parse"], figs["cold_default"]["median"]
    print_header(data)
    head = (f"{'measurement':<40} {'files':>5} {'median s':>8} {'min s':>6} {'max s':>6} "
            f"{'files/s':>7} {'x bare':>6} {'x cold':>6} {'CPU s':>6} {'CPU x bare':>10} "
            f"{'RSS MB':>6}")
    print(f"\n{head}\n{'-' * len(head)}")
    for key, f in figs.items():
        vs_cold = ratio(f["median"], cold) if key == "warm" else ""
        cpu = f"{f['cpu_median']:.2f}" if f["cpu_median"] is not None else "-"
        rss = f"{f['peak_rss_kb'] / 1024:.0f}" if f["peak_rss_kb"] else "-"
        print(f"{f['label']:<40} {f['files']:>5} {f['median']:>8.3f} {f['min']:>6.2f} "
              f"{f['max']:>6.2f} {f['files_per_second']:>7.0f} "
              f"{ratio(f['median'], bare['median']):>6} {vs_cold:>6} {cpu:>6} "
              f"{ratio(f['cpu_median'], bare['cpu_median']):>10} {rss:>6}")


def print_phases(data: dict[str, Any]) -> None:
    phases, bare = data["phases"], data["figures"]["bare_parse"]["median"]
    if not phases:
        print("\n(in-process phases skipped)")
        return
    print("\nIn-process phases, medians: driftguard's own build of HEAD in this process,"
          " 1 worker,\ncold (empty cache) then warm (the cache it filled)\n")
    print(f"{'phase':<44} {'median s':>8} {'share':>6} {'x bare':>6}")
    for prefix in ("cold: ", "warm: "):
        group = {k: p["median"] for k, p in phases.items()
                 if k.startswith(prefix) and p["median"] >= 0.0005}  # warm runs parse nothing
        total = sum(group.values())
        for name, seconds in group.items():
            print(f"{name:<44} {seconds:>8.3f} {seconds / total:>6.0%} {ratio(seconds, bare):>6}")
        print(f"{prefix + 'total':<44} {total:>8.3f} {'':>6} {ratio(total, bare):>6}")


def print_notes(data: dict[str, Any]) -> None:
    figs = data["figures"]
    parts = figs["bare_parse"]["by_language"]
    counts = data["files_by_language"]
    print("\nbare parse by language: " + ", ".join(
        f"{name} {counts.get(name, '?')} files {seconds:.3f} s" for name, seconds in parts.items()))
    one = figs["cold_1_worker"]
    print(f"cold, 1 worker: whole process {one['median']:.3f} s, of which driftguard's own "
          f"stats.seconds {one['stats_seconds_median']:.3f} s; start-up, imports and output "
          f"~{one['median'] - one['stats_seconds_median']:.3f} s")
    print("peak RSS, largest single process: " + ", ".join(
        f"{figs[k]['label'].removeprefix('driftguard ')} {figs[k]['peak_rss_kb'] / 1024:.0f} MB"
        for k in ("cold_default", "cold_1_worker", "warm")))


def print_reference(data: dict[str, Any], ref: dict[str, Any], name: str) -> None:
    print(f"\nAgainst {name} ({ref.get('when', '?')}, {ref.get('files')} files, "
          f"{ref.get('machine', '?')})\n")
    print(f"{'measurement':<40} {'now s':>8} {'then s':>8} {'now/then':>9} "
          f"{'x bare now':>11} {'x bare then':>12}")
    bare_now = data["figures"]["bare_parse"]["median"]
    bare_then = ref["figures"].get("bare_parse", {}).get("median")
    for key, f in data["figures"].items():
        old = ref["figures"].get(key)
        then = old["median"] if old else None
        then_s = f"{then:>8.3f}" if then is not None else f"{'-':>8}"
        print(f"{f['label']:<40} {f['median']:>8.3f} {then_s} {ratio(f['median'], then):>9} "
              f"{ratio(f['median'], bare_now):>11} {ratio(then, bare_then):>12}")


def print_commands() -> None:
    print("\nCommands run:")
    for line in COMMANDS:
        print(f"  {line}")
    print("  (plus in-process: tree-sitter parser.parse(bytes) per file, and the phases above"
          " via driftguard's modules)")


# -- main ----------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="repetitions per figure (default 5)")
    parser.add_argument("--json", metavar="FILE", help="save the figures to FILE")
    parser.add_argument("--reference", metavar="FILE",
                        help="print this run's figures beside a run saved with --json")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be 1 or more")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    reference = json.loads(Path(args.reference).read_text()) if args.reference else None
    repo = ensure_repo(ensure_sdist())
    corpus = load_corpus(repo)
    print(f"corpus: {repo} ({len(corpus.paths)} files), {args.runs} runs", file=sys.stderr)
    load_before = load_average()
    figures, phases = measure(corpus, repo, args.runs)
    data = summary(corpus, figures, phases, args.runs, (load_before, load_average()))
    print_figures(data)
    print_notes(data)
    print_phases(data)
    if reference is not None:
        print_reference(data, reference, args.reference)
    print_commands()
    if args.json:
        Path(args.json).write_text(json.dumps(data, indent=2) + "\n")
        print(f"\nsaved to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
