"""The hot path: a warm `driftguard check` of a 10-file branch beside a warm `lint-imports`
on the same layers contract, alternately; then `check --staged` with one staged file.

Corpus: Django 5.2.8's source in git (graph_build.py makes it), cloned to .work/dj-hot
with a layers contract contrib > views > db > utils in both tools' formats, analysing
the same code (driftguard excludes what is outside django/, as import-linter's
root_package does). Branch agent/ten edits 10 files of django/, one of them with a
new upward import (django.utils.text -> django.contrib.admin.sites). Every round
first commits a new comment to the branch, so each timed run meets a new head commit
and an edited file: neither tool can replay a previous answer.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from common import WORK, Verdict, clean_env, git, median, record, run_timed, table, tool

HOT = WORK / "dj-hot"
BRANCH = "agent/ten"
LAYERS = ["contrib", "views", "db", "utils"]
UPWARD = ("django/utils/text.py", "from django.contrib.admin import sites  # agent: upward\n")
EDITED = ["django/utils/text.py", "django/utils/html.py", "django/db/models/query.py",
          "django/db/models/sql/query.py", "django/views/generic/base.py", "django/views/debug.py",
          "django/contrib/admin/options.py", "django/contrib/auth/models.py",
          "django/core/handlers/base.py", "django/http/request.py"]
OUTSIDE = ["docs/**", "tests/**", "js_tests/**", "scripts/**", "extras/**", "*.py"]


def driftguard_toml() -> str:
    modules = "".join(f'[[modules]]\nname = "{n}"\npackages = ["django.{n}"]\n\n' for n in LAYERS)
    excluded = ", ".join(f'"{g}"' for g in OUTSIDE)
    return (f'{modules}[[rules]]\ntype = "layers"\nlayers = {json.dumps(LAYERS)}\n\n'
            f"[settings]\nexclude = [{excluded}]\n")


def importlinter() -> str:
    layers = "".join(f"    django.{n}\n" for n in LAYERS)
    return ("[importlinter]\nroot_package = django\n\n[importlinter:contract:layers]\n"
            f"name = layers\ntype = layers\nlayers =\n{layers}")


def ensure_hot_repo(source: Path) -> Path:
    if (HOT / ".git").is_dir():
        return HOT
    subprocess.run(["git", "clone", "-q", str(source), str(HOT)], check=True)
    (HOT / "driftguard.toml").write_text(driftguard_toml(), encoding="utf-8")
    (HOT / ".importlinter").write_text(importlinter(), encoding="utf-8")
    git("add", "driftguard.toml", ".importlinter", cwd=HOT)
    git("commit", "-q", "-m", "layers contract, both tools", cwd=HOT)
    git("checkout", "-q", "-b", BRANCH, cwd=HOT)
    for i, path in enumerate(EDITED):
        target = HOT / path
        text = target.read_text(encoding="utf-8")
        if path == UPWARD[0]:
            text += "\n" + UPWARD[1]
        target.write_text(text + f"\n\ndef _agent_helper_{i}():\n    return {i}\n",
                          encoding="utf-8")
    git("commit", "-q", "-am", "ten files, one upward import", cwd=HOT)
    return HOT


def new_commit(round_no: int) -> None:
    target = HOT / EDITED[1]
    target.write_text(target.read_text(encoding="utf-8") + f"# round {round_no}\n",
                      encoding="utf-8")
    git("commit", "-q", "-am", f"round {round_no}", cwd=HOT)


def check_vs_lint_imports(runs: int) -> list[Verdict]:
    dg = [tool("driftguard"), "check", "--base", "main", "-q"]
    li = [tool("lint-imports")]
    git("checkout", "-q", BRANCH, cwd=HOT)
    record(dg, HOT, note=f"warm check of {BRANCH}; a new commit before each of {runs} runs")
    record(li, HOT, note="alternating with the line above, same new commit")
    run_timed(dg, HOT)  # fill both tools' caches
    run_timed(li, HOT)
    ours, theirs = [], []
    for n in range(runs):
        new_commit(n)
        ours.append(run_timed(dg, HOT).seconds)
        theirs.append(run_timed(li, HOT).seconds)
    ratio = median(ours) / median(theirs)
    same = same_violations()
    print(table([["driftguard check", f"{median(ours):.3f}", f"{min(ours):.3f}",
                  f"{max(ours):.3f}"],
                 ["lint-imports", f"{median(theirs):.3f}", f"{min(theirs):.3f}",
                  f"{max(theirs):.3f}"]], ["warm, whole process", "median s", "min", "max"]))
    print(f"ratio driftguard / lint-imports: {ratio:.2f}x (target <= 0.50x)")
    for line in same["lines"]:
        print("  " + line)
    return [
        Verdict("warm check vs lint-imports (Django, 10-file branch)",
                f"{median(ours):.3f} s vs {median(theirs):.3f} s = {ratio:.2f}x", "<= 0.50x",
                ratio <= 0.5, {"driftguard": ours, "lint_imports": theirs}),
        Verdict("same violations as lint-imports", same["summary"],
                "same layer pairs; the new import reported by both", same["ok"], same),
    ]


def same_violations() -> dict:
    """Both tools' DG101-equivalent verdicts at the branch head, and the new one alone."""
    new = json.loads(subprocess.run(
        [tool("driftguard"), "check", "--base", "main", "--format", "json", "-q"], cwd=HOT,
        env=clean_env(), capture_output=True, text=True).stdout)["findings"]
    every = json.loads(subprocess.run(
        [tool("driftguard"), "check", "--all", "--format", "json", "-q"], cwd=HOT,
        env=clean_env(), capture_output=True, text=True).stdout)["findings"]
    linted = subprocess.run([tool("lint-imports")], cwd=HOT, env=clean_env(),
                            capture_output=True, text=True).stdout
    li_pairs, li_firsts = parse_lint_imports(linted)
    dg_pairs = {_pair(f["message"]) for f in every if f["rule"] == "DG101"}
    dg_firsts = {tuple(f["evidence"][0]["text"].split(" -> ")) for f in every
                 if f["rule"] == "DG101"}
    upward = ("django.utils.text", "django.contrib.admin.sites")
    new_ok = [f"{f['rule']} {f['path']}" for f in new] == ["DG101 django/utils/text.py"]
    ok = (dg_pairs == li_pairs and li_firsts <= dg_firsts and upward in li_firsts
          and upward in dg_firsts and new_ok)
    lines = [
        f"violated layer pairs: driftguard {sorted(dg_pairs)}",
        f"                      lint-imports {sorted(li_pairs)}",
        f"first imports: lint-imports shows {len(li_firsts)}, all among driftguard's "
        f"{len(dg_firsts)}: {li_firsts <= dg_firsts} (driftguard reports every offending first"
        " import with its shortest chain; import-linter groups routes and shows fewer)",
        f"the branch's upward import {' -> '.join(upward)}: lint-imports "
        f"{'reports it' if upward in li_firsts else 'MISSES it'}, driftguard check (new only) "
        f"reports {[f['rule'] + ' ' + f['path'] + ':' + str(f['line']) for f in new]}",
    ]
    return {"ok": ok, "lines": lines, "summary": f"pairs equal: {dg_pairs == li_pairs}; "
            f"theirs among ours: {li_firsts <= dg_firsts}; "
            f"new import: both {upward in li_firsts and new_ok}",
            "driftguard_findings": len(every), "lint_imports_first_imports": len(li_firsts)}


def _pair(message: str) -> tuple[str, str]:
    found = re.search(r"layer '(\w+)' imports (?:higher|independent sibling) layer '(\w+)'",
                      message)
    assert found, message
    return f"django.{found.group(1)}", f"django.{found.group(2)}"


def parse_lint_imports(text: str) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """(lower, higher) pairs and (importer, imported) first imports of lint-imports' text."""
    pairs, firsts = set(), set()
    importers: list[str] = []
    for line in text.splitlines():
        header = re.match(r"^(\S+) is not allowed to import (\S+):$", line)
        if header:
            pairs.add((header.group(1), header.group(2)))
            continue
        step = re.match(r"^\s*([-&]) (\S+)(?: -> (\S+))? \(l\.", line)
        if step:  # "- a (l.1)", "  & b (l.2)", "  & c -> d (l.3)": a, b and c import d
            importers = [*(importers if step.group(1) == "&" else []), step.group(2)]
            if step.group(3):  # the hop the listed importers share
                firsts.update((importer, step.group(3)) for importer in importers)
                importers = []
    return pairs, firsts


def staged(runs: int) -> list[Verdict]:
    cmd = [tool("driftguard"), "check", "--staged", "-q"]
    record(cmd, HOT, note=f"one file staged, a new blob each of {runs} runs")
    target = HOT / EDITED[2]
    original = target.read_text(encoding="utf-8")
    times = []
    try:
        for n in range(runs + 1):
            target.write_text(original + f"# staged edit {n}\n", encoding="utf-8")
            git("add", EDITED[2], cwd=HOT)
            seconds = run_timed(cmd, HOT).seconds
            if n:  # the first fills what a first commit on the branch would
                times.append(seconds)
    finally:
        git("reset", "-q", "--hard", "HEAD", cwd=HOT)
    print(f"check --staged, whole process: median {median(times):.3f} s "
          f"(min {min(times):.3f}, max {max(times):.3f}); target <= 0.150 s")
    return [Verdict("check --staged, one staged file", f"{median(times):.3f} s", "<= 0.150 s",
                    median(times) <= 0.15, {"seconds": times})]
