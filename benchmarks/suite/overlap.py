"""`driftguard overlap` over 10 to 50 Django branches of ~10 changed files: whole process,
warm (the cache filled by one run over the same branches first). Branches are made by
overlap_scale.py's generator (agents crowding some hot files, renames, new uses)."""

from __future__ import annotations

import sys
import tempfile

from common import Verdict, clean_env, median, record, run_timed, table, tool
from overlap_scale import WORK, make_branches, make_repo

COUNTS = (10, 20, 30, 40, 50)
FILES = 10


def overlap(runs: int) -> list[Verdict]:
    make_repo(synthetic=False)
    names, _ = make_branches(__import__("pygit2").Repository(str(WORK)), max(COUNTS), FILES)
    rows, at_50 = [], []
    with tempfile.TemporaryDirectory(prefix="dg-overlap-") as cache:
        env = clean_env(DRIFTGUARD_CACHE_DIR=cache)
        for count in COUNTS:
            cmd = [tool("driftguard"), "overlap", "--base", "main", "--format", "json",
                   "-q", *names[:count]]
            first = run_timed(cmd, WORK, env)  # cold for these branches: fills the cache
            warm = [run_timed(cmd, WORK, env).seconds for _ in range(runs)]
            rows.append([str(count), f"{first.seconds:.2f}", f"{median(warm):.2f}",
                         f"{median(warm) / count * 1000:.0f}"])
            if count == max(COUNTS):
                at_50 = warm
            print(f"  overlap {count} branches done", file=sys.stderr, flush=True)
    shown = [tool("driftguard"), "overlap", "--base", "main", "--format", "json", "-q",
             "agent/00", "...", f"agent/{max(COUNTS) - 1:02d}"]
    record(shown, WORK, {"DRIFTGUARD_CACHE_DIR": "<one cache for the whole table>"},
           f"first run fills the cache, then warm x{runs}, for 10..50 branches")
    print(table(rows, ["branches", "first run s", "warm median s", "warm ms/branch"]))
    return [Verdict(f"overlap, {max(COUNTS)} branches x {FILES} files, warm",
                    f"{median(at_50):.2f} s", "<= 2.00 s", median(at_50) <= 2.0,
                    {"table": rows})]
