#!/usr/bin/env python3
"""How `driftguard overlap` grows with the number of concurrent agent branches.

Corpus: a clone of the Django repository graph_build.py makes in
benchmarks/.work/django-5.2.8 (never modified), else a synthetic package of 400
modules. N agent branches are written straight into the object database with
pygit2 (no checkout), each changing about --files Python files: a line edited
inside a function and a new top-level helper per file; every 5th branch renames a
function of a small "hot" set, every 3rd adds a module that newly calls one of them.
Files are drawn 10% from 40 hot files (HOT_SHARE), so some branches collide.

For the first 10, 20, 50 branches it prints the time of a cold run (empty facts
cache) and a warm one, changed files, pairs compared out of all pairs, findings by
rule; then the time of one `driftguard overlap --file` process (the pre-edit hook).

    python benchmarks/overlap_scale.py [--branches 10,20,50] [--files 10] [--synthetic]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import pygit2

HERE = Path(__file__).resolve().parent
DJANGO = HERE / ".work" / "django-5.2.8"
WORK = HERE / ".work" / "overlap-scale"
SIGNATURE = pygit2.Signature("driftguard benchmark", "benchmark@driftguard.invalid", 1767225600, 0)
HOT_SHARE = 0.1  # of each branch's files drawn from 40 hot files: agents crowd some files
TOP_DEF = re.compile(rb"^def ([a-z]\w*)\(", re.MULTILINE)
ANY_DEF = re.compile(rb"^[ \t]*def ([a-z]\w*)\(", re.MULTILINE)


def make_repo(synthetic: bool) -> pygit2.Repository:
    shutil.rmtree(WORK, ignore_errors=True)
    if not synthetic and (DJANGO / ".git").is_dir():
        subprocess.run(["git", "clone", "-q", "--no-checkout", str(DJANGO), str(WORK)], check=True)
        return pygit2.Repository(str(WORK))  # its branch is main, as the source's
    repo = pygit2.init_repository(str(WORK), initial_head="main")
    index = pygit2.Index()
    for i in range(400):
        body = "".join(f"def f{i}_{k}(x):\n    y = x + {k}\n    return y\n\n\n" for k in range(8))
        _add(repo, index, f"pkg/m{i // 40}/mod{i}.py", body.encode())
    _add(repo, index, "pyproject.toml", b"[project]\nname = 'pkg'\n")
    tree = index.write_tree(repo)
    repo.create_commit("refs/heads/main", SIGNATURE, SIGNATURE, "base", tree, [])
    return repo


def _add(repo: pygit2.Repository, index: pygit2.Index, path: str, data: bytes) -> None:
    index.add(pygit2.IndexEntry(path, repo.create_blob(data), pygit2.GIT_FILEMODE_BLOB))


def candidates(repo: pygit2.Repository, pattern: re.Pattern[bytes]) -> dict[str, list[str]]:
    """Python files with functions -> their names (tests, migrations, locale left out)."""
    out: dict[str, list[str]] = {}
    tree = repo.revparse_single("main").peel(pygit2.Tree)
    for path, blob in _walk(repo, tree, ""):
        if path.endswith(".py") and not re.search(r"(^|/)(tests?|migrations|locale)/", path):
            names = [m.decode() for m in pattern.findall(repo[blob].data)]
            if names:
                out[path] = sorted(set(names))
    return out


def _walk(repo: pygit2.Repository, tree: pygit2.Tree, prefix: str):  # type: ignore[no-untyped-def]
    for entry in tree:
        if entry.type_str == "tree":
            yield from _walk(repo, repo[entry.id], f"{prefix}{entry.name}/")
        elif entry.type_str == "blob":
            yield f"{prefix}{entry.name}", entry.id


def make_branches(repo: pygit2.Repository, count: int, files: int) -> tuple[list[str], str]:
    """The branch names, and the hottest file (for the --file question)."""
    rng = random.Random(5)
    pool, tops = candidates(repo, ANY_DEF), candidates(repo, TOP_DEF)
    paths = sorted(pool)
    hot = rng.sample(paths, 40)
    hot_defs = [(p, rng.choice(tops[p])) for p in rng.sample(sorted(tops), 8)]
    base = repo.revparse_single("main").peel(pygit2.Commit)
    names = []
    for n in range(count):
        picks = {rng.choice(hot) if rng.random() < HOT_SHARE else rng.choice(paths)
                 for _ in range(files)}
        edits = {p: _edit(repo[base.tree[p].id].data, n, pool[p], rng) for p in picks}
        if n % 5 == 0:
            path, name = hot_defs[n % len(hot_defs)]
            text = edits.get(path, repo[base.tree[path].id].data)
            edits[path] = text.replace(f"def {name}(".encode(), f"def {name}_v2(".encode(), 1)
        if n % 3 == 1:
            path, name = rng.choice(hot_defs)
            module = path.removesuffix(".py").removesuffix("/__init__").replace("/", ".")
            edits[f"{path.split('/')[0]}/agent_{n}.py"] = (
                f"from {module} import {name}\n\n\ndef use():\n    return {name}\n").encode()
        names.append(_commit(repo, base, f"agent/{n:02d}", edits))
    return names, hot[0]


def _edit(data: bytes, n: int, names: list[str], rng: random.Random) -> bytes:
    """A new helper just above a function (or method), and a line added inside it."""
    name = rng.choice(names)
    found = re.search(rb"^([ \t]*)def " + name.encode() + rb"\(", data, re.MULTILINE)
    assert found is not None
    at, indent = found.start(), found.group(1).decode()
    end = data.index(b"\n", at) + 1
    helper = f"{indent}def agent_{n}_helper(*args):\n{indent}    return {n}\n\n\n".encode()
    return data[:at] + helper + data[at:end] + f"    # agent {n} was here\n".encode() + data[end:]


def _commit(repo: pygit2.Repository, base: pygit2.Commit, name: str, edits: dict[str, bytes]
            ) -> str:
    index = pygit2.Index()
    index.read_tree(base.tree)
    for path, data in edits.items():
        _add(repo, index, path, data)
    tree = index.write_tree(repo)
    repo.create_commit(f"refs/heads/{name}", SIGNATURE, SIGNATURE, name, tree, [base.id])
    return name


def measure(names: list[str], cache: Path) -> tuple[float, dict]:  # type: ignore[type-arg]
    from driftguard.engine import Session
    from driftguard.engine_overlap import OverlapRequest, overlap

    os.environ["DRIFTGUARD_CACHE_DIR"] = str(cache)
    started = time.perf_counter()
    session = Session.open(str(WORK))
    report = overlap(session, None, OverlapRequest(base="main", branches=names))
    session.close()
    return time.perf_counter() - started, {**report.stats, "rules": Counter(
        f.rule for f in report.findings)}


def file_question(path: str) -> float:
    os.environ.pop("DRIFTGUARD_CACHE_DIR", None)  # the repository's own cache, warm by now
    subprocess.run(_file_command(path), capture_output=True, check=False)
    started = time.perf_counter()
    subprocess.run(_file_command(path), capture_output=True, check=False)
    return time.perf_counter() - started


def _file_command(path: str) -> list[str]:
    return [sys.executable, "-m", "driftguard", "-C", str(WORK), "overlap", "--file", path,
            "--pattern", "agent/*"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--branches", default="10,20,50")
    parser.add_argument("--files", type=int, default=10)
    parser.add_argument("--synthetic", action="store_true", help="never use the Django corpus")
    args = parser.parse_args()
    counts = [int(c) for c in args.branches.split(",")]
    repo = make_repo(args.synthetic)
    names, hot = make_branches(repo, max(counts), args.files)
    corpus = "synthetic" if args.synthetic or not (DJANGO / ".git").is_dir() else "Django"
    print(f"corpus: {corpus}; {max(counts)} branches x ~{args.files} changed files; "
          f"{os.cpu_count()} cores")
    print(f"{'branches':>8} {'cold s':>7} {'warm s':>7} {'files':>6} {'pairs':>11}  findings")
    for count in counts:
        with tempfile.TemporaryDirectory() as cache:
            cold, _ = measure(names[:count], Path(cache))
            warm, stats = measure(names[:count], Path(cache))
        pairs = f"{stats['pairs_compared']}/{stats['pairs_total']}"
        rules = ", ".join(f"{r} {n}" for r, n in sorted(stats["rules"].items()))
        print(f"{count:>8} {cold:>7.2f} {warm:>7.2f} {stats['changed_files']:>6} {pairs:>11}  "
              f"{rules}")
    print(f"--file {hot} (one whole process, {max(counts)} branches): "
          f"{file_question(hot):.2f}s")


if __name__ == "__main__":
    main()
