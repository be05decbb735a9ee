"""Cold build of Django's graph beside a bare tree-sitter parse and grimp's cold build;
peak memory of the cold build. graph_build.py's machinery, rounds interleaved."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from common import Verdict, clean_env, median, record, run_timed, table
from graph_build import (
    bare_parse,
    check_stats,
    child_env,
    driftguard_command,
    load_corpus,
    make_parsers,
    run_process,
)

GRIMP = ("import grimp; g = grimp.build_graph('django', cache_dir=None); "
         "print(len(g.modules))")


def cold(repo: Path, scoped: Path, runs: int) -> list[Verdict]:
    """``scoped``: a clone whose driftguard.toml excludes all but django/ (grimp's scope)."""
    corpus = load_corpus(repo)
    parsers = make_parsers(corpus)
    files = len(corpus.paths)
    cmd = driftguard_command()
    grimp_cmd = [sys.executable, "-c", GRIMP]
    record(cmd, repo, {"DRIFTGUARD_CACHE_DIR": "$(mktemp -d)"}, f"cold, default workers x{runs}")
    record(cmd, repo, {"DRIFTGUARD_CACHE_DIR": "$(mktemp -d)", "DRIFTGUARD_WORKERS": "1"},
           f"cold, one worker x{runs}")
    record(grimp_cmd, repo, {"PYTHONPATH": str(repo)}, f"grimp cold (Python files of django/)"
           f" x{runs}")
    record(cmd, scoped, {"DRIFTGUARD_CACHE_DIR": "$(mktemp -d)"},
           f"cold, django/ only (its driftguard.toml excludes the rest) x{runs}")
    bare, both, one, grimp, same_scope = [], [], [], [], []
    grimp_modules = ""
    cpu, rss = [], 0.0
    for n in range(runs):
        print(f"  cold round {n + 1}/{runs} ...", file=sys.stderr, flush=True)
        bare.append(bare_parse(corpus, parsers)[0])
        for workers, into in ((None, both), ("1", one)):
            with tempfile.TemporaryDirectory(prefix="dg-cold-") as cache:
                env = {k: v for k, v in child_env(cache, workers).items()
                       if k != "PYTHONDONTWRITEBYTECODE"}
                result = run_process(cmd, repo, env)
            check_stats("cold", result.stats, files, warm=False)
            into.append(result.seconds)
            if workers is None:
                cpu.append(result.cpu)
                rss = max(rss, result.rss_kb / 1024)
        timed = run_timed(grimp_cmd, repo, clean_env(PYTHONPATH=str(repo)))
        grimp.append(timed.seconds)
        grimp_modules = timed.stdout.strip()
        with tempfile.TemporaryDirectory(prefix="dg-cold-") as cache:
            same_scope.append(run_timed(cmd, scoped, clean_env(DRIFTGUARD_CACHE_DIR=cache))
                              .seconds)
    floor = median(bare)
    cores = median(cpu) / median(both)
    rows = [["bare tree-sitter parse, 1 core", f"{floor:.2f}", "1.00x"],
            ["driftguard cold, default workers", f"{median(both):.2f}",
             f"{median(both) / floor:.2f}x"],
            ["driftguard cold, 1 worker", f"{median(one):.2f}", f"{median(one) / floor:.2f}x"],
            ["driftguard cold, django/ only", f"{median(same_scope):.2f}",
             f"{median(same_scope) / floor:.2f}x"],
            ["grimp cold, django/ Python only", f"{median(grimp):.2f}",
             f"{median(grimp) / floor:.2f}x"]]
    print(f"{files} files; medians of {runs}")
    print(table(rows, ["cold build, whole process", "median s", "x bare"]))
    print(f"cores used by the default-workers build: {cores:.2f} (CPU s / wall s); "
          f"peak RSS of its largest process: {rss:.0f} MB")
    ratio = median(same_scope) / median(grimp)
    faster = "driftguard" if ratio < 1 else "grimp"
    print(f"grimp ({grimp_modules} modules of django/, imports only, parsed in Rust) against "
          f"driftguard on the same folder: {faster} is faster ({ratio:.2f}x driftguard/grimp);"
          " driftguard also reads definitions, references, suppressions and django/'s JS files"
          " for its contract and overlap rules, in Python over tree-sitter")
    return [
        Verdict("cold build vs bare parse (1 core)",
                f"{median(both):.2f} s / {floor:.2f} s = {median(both) / floor:.2f}x",
                "<= 1.25x", median(both) / floor <= 1.25,
                {"bare": bare, "default_workers": both, "one_worker": one}),
        Verdict("cold build uses every core", f"{cores:.2f} cores busy", "> 1.5 of 2",
                cores > 1.5 if (__import__("os").cpu_count() or 1) >= 2 else None),
        Verdict("cold build vs grimp, django/ only (informational)",
                f"{median(same_scope):.2f} s vs {median(grimp):.2f} s = {ratio:.2f}x", "-",
                None, {"grimp": grimp, "driftguard_same_scope": same_scope}),
        Verdict("peak RSS, cold build of Django", f"{rss:.0f} MB", "<= 250 MB", rss <= 250),
    ]
