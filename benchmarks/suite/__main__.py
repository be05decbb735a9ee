"""`benchmarks/run`: every performance figure with its target, PASS or MISS, and the
exact commands timed. Ratios and medians only; nothing here is a test."""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parents[1])]

from common import COMMANDS, Verdict, table  # noqa: E402

SECTIONS = ("check", "staged", "cold", "overlap", "scale")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="benchmarks/run", description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="samples per figure (>= 5 for "
                        "verdicts; default 5)")
    parser.add_argument("--only", default=",".join(SECTIONS),
                        help=f"comma-separated subset of {','.join(SECTIONS)}")
    parser.add_argument("--json", metavar="FILE", help="also write the figures here")
    parser.add_argument("--reference", metavar="FILE", help="an earlier --json run, shown "
                        "side by side")
    args = parser.parse_args(argv)
    unknown = set(args.only.split(",")) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section(s) {', '.join(sorted(unknown))}")
    return args


def run_sections(only: list[str], runs: int) -> list[Verdict]:
    import cold
    import hot
    import overlap
    import scale
    from graph_build import ensure_repo, ensure_sdist

    django = ensure_repo(ensure_sdist())
    hot.ensure_hot_repo(django)
    sections: dict[str, tuple[str, Callable[[], list[Verdict]]]] = {
        "check": ("warm check vs lint-imports", lambda: hot.check_vs_lint_imports(runs)),
        "staged": ("pre-commit: check --staged", lambda: hot.staged(runs)),
        "cold": ("cold build, memory", lambda: cold.cold(django, hot.HOT, runs)),
        "overlap": ("overlap, 10 to 50 branches", lambda: overlap.overlap(runs)),
        "scale": ("scale: synthetic 2k, 5k, 20k files", lambda: scale.scale(runs)),
    }
    verdicts: list[Verdict] = []
    for name in SECTIONS:
        if name in only:
            title, measure = sections[name]
            section(title)
            verdicts += measure()
    return verdicts


def section(title: str) -> None:
    print(f"\n== {title} " + "=" * max(0, 70 - len(title)), flush=True)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    only = args.only.split(",")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    print(f"driftguard benchmarks: {platform.python_version()} on {platform.platform()}, "
          f"{os.cpu_count()} cores, load average {load:.2f}; medians of {args.runs} runs")
    if args.runs < 5:
        print("note: fewer than 5 runs: the PASS/MISS verdicts need >= 5 (issue 9)")
    verdicts = run_sections(only, args.runs)
    after = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    reference = {}
    if args.reference:
        reference = {v["figure"]: v["measured"] for v in
                     json.loads(Path(args.reference).read_text(encoding="utf-8"))["verdicts"]}
    section("summary")
    header = ["figure", "measured", "target", "verdict"] + (["reference"] if reference else [])
    rows = [[v.figure, v.measured, v.target, v.mark if args.runs >= 5 or v.passed is None
             else f"({v.mark})"] + ([reference.get(v.figure, "-")] if reference else [])
            for v in verdicts]
    print(table(rows, header))
    print(f"load average before {load:.2f}, after {after:.2f}"
          + ("  (busy machine: figures are noisier)" if max(load, after) > 1.0 else ""))
    section("commands timed")
    print("\n".join(COMMANDS))
    if args.json:
        Path(args.json).write_text(json.dumps({
            "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "runs": args.runs,
            "load": [load, after], "commands": COMMANDS,
            "verdicts": [{"figure": v.figure, "measured": v.measured, "target": v.target,
                          "verdict": v.mark, "detail": v.detail} for v in verdicts]},
            indent=2, default=str) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
