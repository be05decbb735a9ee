"""Cold builds of synthetic repositories of 2,000, 5,000 and 20,000 Python files: files/s
and peak memory must grow linearly. Repositories are written straight into git's object
database (pygit2, fixed dates: the same commit on every machine) and kept in .work."""

from __future__ import annotations

import random
import sys
import tempfile

import pygit2
from common import WORK, Verdict, clean_env, median, record, run_timed, table, tool

SIZES = (2_000, 5_000, 20_000)
SIGNATURE = pygit2.Signature("driftguard benchmark", "benchmark@driftguard.invalid",
                             1767225600, 0)
PER_PACKAGE = 50


def module_text(i: int, total: int, rng: random.Random) -> bytes:
    """~120 lines: imports of other modules, classes with methods, functions, calls."""
    packages = max(1, total // PER_PACKAGE)
    imports = "\n".join(
        f"from app.p{(j := rng.randrange(total)) % packages} import m{j} as dep{k}"
        for k in range(6))
    parts = [f'"""Module {i}."""\nimport os\nimport json\n{imports}\n\n']
    for k in range(4):
        parts.append(
            f"class Service{k}:\n    \"\"\"A service.\"\"\"\n\n"
            f"    def __init__(self, store, *, retries={k}):\n"
            f"        self.store = store\n        self.retries = retries\n\n"
            f"    def load(self, key: str, default=None) -> dict:\n"
            f"        value = self.store.get(key, default)\n"
            f"        return dep{k}.Service0(value).save(key)\n\n"
            f"    def save(self, key, value=None):\n"
            f"        data = json.dumps({{'key': key, 'value': value}})\n"
            f"        return os.path.join(key, data)\n\n\n")
        parts.append(
            f"def helper_{k}(items, *args, limit=10, **options):\n"
            f"    out = [dep{(k + 1) % 6}.helper_{k}(x) for x in items[:limit]]\n"
            f"    if options.get('strict'):\n        raise ValueError(out)\n"
            f"    return Service{k}(out).load('x')\n\n\n")
    return "".join(parts).encode()


def ensure_repo(size: int) -> pygit2.Repository:
    path = WORK / f"synthetic-{size}"
    if (path / ".git").is_dir():
        return pygit2.Repository(str(path))
    repo = pygit2.init_repository(str(path), initial_head="main")
    rng = random.Random(size)
    index = pygit2.Index()
    packages = max(1, size // PER_PACKAGE)

    def add(name: str, data: bytes) -> None:
        index.add(pygit2.IndexEntry(name, repo.create_blob(data), pygit2.enums.FileMode.BLOB))

    add("pyproject.toml", b"[project]\nname = 'app'\n")
    add("src/app/__init__.py", b"")
    for p in range(packages):
        add(f"src/app/p{p}/__init__.py", b"")
    for i in range(size):
        add(f"src/app/p{i % packages}/m{i}.py", module_text(i, size, rng))
    tree = index.write_tree(repo)
    repo.create_commit("refs/heads/main", SIGNATURE, SIGNATURE, "synthetic", tree, [])
    repo.set_head("refs/heads/main")
    return repo


def scale(runs: int) -> list[Verdict]:
    rows, per_second, per_thousand = [], {}, {}
    for size in SIZES:
        print(f"  scale: {size} files ...", file=sys.stderr, flush=True)
        path = WORK / f"synthetic-{size}"
        ensure_repo(size)
        cmd = [tool("driftguard"), "graph", "--rev", "HEAD", "--format", "json", "-q"]
        record(cmd, path, {"DRIFTGUARD_CACHE_DIR": "$(mktemp -d)"}, f"cold x{runs}")
        walls, rss = [], 0.0
        for _ in range(runs if size < max(SIZES) else max(1, min(runs, 3))):
            with tempfile.TemporaryDirectory(prefix="dg-scale-") as cache:
                result = run_timed(cmd, path, clean_env(DRIFTGUARD_CACHE_DIR=cache))
            walls.append(result.seconds)
            rss = max(rss, result.rss_mb)
        files = size + size // PER_PACKAGE + 1
        per_second[size] = files / median(walls)
        per_thousand[size] = rss / files * 1000
        rows.append([f"{files:,}", f"{median(walls):.2f}", f"{per_second[size]:.0f}",
                     f"{rss:.0f}", f"{per_thousand[size]:.1f}", str(len(walls))])
    print(table(rows, ["files", "cold median s", "files/s", "peak RSS MB", "MB per 1k files",
                       "runs"]))
    small, large = min(SIZES), max(SIZES)
    speed = per_second[large] / per_second[small]
    memory = per_thousand[large] / per_thousand[small]
    print("linear taken to mean: files/s at 20k >= 0.75x files/s at 2k, and peak RSS per "
          "1,000 files at 20k <= 1.5x that at 2k")
    return [Verdict("scale 2k -> 20k files: time linear",
                    f"{per_second[small]:.0f} -> {per_second[large]:.0f} files/s ({speed:.2f}x)",
                    ">= 0.75x", speed >= 0.75, {"table": rows}),
            Verdict("scale 2k -> 20k files: memory linear",
                    f"{per_thousand[small]:.1f} -> {per_thousand[large]:.1f} MB/1k files "
                    f"({memory:.2f}x)", "<= 1.5x", memory <= 1.5)]
