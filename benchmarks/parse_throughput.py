#!/usr/bin/env python3
"""Parse throughput per language: driftguard's extractor next to a bare tree-sitter parse.

Each language reads a real package's sources into memory once, then, N times
each (medians), on one core:

  bare      the grammar's parser.parse(bytes) on every file: the floor
  extract   driftguard's ``Language.extract(bytes)``: parse + queries + facts

and prints files/s, MB/s and the ratio extract / bare.

Corpora (downloaded once into benchmarks/.cache/, which git ignores):

  typescript  the .ts files the rxjs npm package ships (``npm pack rxjs@7``)
  python      Django's sdist, when benchmarks/graph_build.py has fetched it,
              else driftguard's own sources
  go          gin's sources as Debian ships them (``apt-get download
              golang-github-gin-gonic-gin-dev``: /usr/share/gocode/src)
  java        the Java sources in JPype1's sdist on PyPI (``pip download JPype1
              --no-binary :all:``)

    python benchmarks/parse_throughput.py [--runs 5] [--language typescript] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tarfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
RXJS = "rxjs@7"
GIN = "golang-github-gin-gonic-gin-dev"
JPYPE = "JPype1==1.7.1"

Files = list[tuple[str, bytes]]  # (path, bytes)


def from_tarball(tarball: Path, suffixes: tuple[str, ...]) -> Files:
    with tarfile.open(tarball) as tar:
        return [(m.name, tar.extractfile(m).read())  # type: ignore[union-attr]
                for m in tar.getmembers() if m.isfile() and m.name.endswith(suffixes)]


def typescript_corpus() -> Files:
    """rxjs's shipped TypeScript (sources and .d.ts), from its npm tarball."""
    found = sorted(CACHE.glob("rxjs-7*.tgz"))
    if not found:
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "pack", RXJS, "--silent", "--pack-destination", str(CACHE)],
                       check=True, capture_output=True)
        found = sorted(CACHE.glob("rxjs-7*.tgz"))
    return from_tarball(found[-1], (".ts",))


def fetched(pattern: str, command: list[str]) -> Path:
    """The newest file in the cache matching ``pattern``, fetched by ``command`` if none."""
    if not sorted(CACHE.glob(pattern)):
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(command, cwd=CACHE, check=True, capture_output=True)
    return sorted(CACHE.glob(pattern))[-1]


def go_corpus() -> Files:
    """gin, a Go web framework: the .go files of Debian's package (tests included)."""
    deb = fetched(f"{GIN}_*.deb", ["apt-get", "download", GIN])
    tar = subprocess.run(["dpkg-deb", "--fsys-tarfile", str(deb)], check=True,
                         capture_output=True).stdout
    CACHE.joinpath("gin.tar").write_bytes(tar)
    return from_tarball(CACHE / "gin.tar", (".go",))


def java_corpus() -> Files:
    """JPype's Java half (org.jpype.*), as its source distribution ships it."""
    sdist = fetched("[Jj][Pp]ype1-*.tar.gz", [sys.executable, "-m", "pip", "download", JPYPE,
                                              "--no-binary", ":all:", "--no-deps", "-q",
                                              "-d", "."])
    return from_tarball(sdist, (".java",))


def python_corpus() -> Files:
    django = sorted(CACHE.glob("[Dd]jango-*.tar.gz"))
    if django:
        return from_tarball(django[-1], (".py",))
    package = HERE.parent / "driftguard"
    return [(str(p), p.read_bytes()) for p in sorted(package.rglob("*.py"))]


# language -> a function returning its corpus (None: no corpus yet)
CORPORA: dict[str, Callable[[], Files] | None] = {
    "typescript": typescript_corpus,
    "python": python_corpus,
    "go": go_corpus,
    "java": java_corpus,
}


def bare_parsers(language: str) -> Callable[[bytes], object]:
    """The grammar's own parse, as driftguard's extractor would pick it for these files."""
    from driftguard.languages import get_language

    extractor = get_language(language)
    if hasattr(extractor, "parse"):  # TypeScript picks its ts/tsx dialect per file
        return extractor.parse  # type: ignore[no-any-return]
    import tree_sitter

    grammar = __import__(f"tree_sitter_{language}")
    parser = tree_sitter.Parser(tree_sitter.Language(grammar.language()))
    return parser.parse


def timed(step: Callable[[bytes], object], files: Files, runs: int) -> float:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        for _, data in files:
            step(data)
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def measure(language: str, files: Files, runs: int) -> dict[str, object]:
    from driftguard.languages import get_language

    extractor = get_language(language)
    bare_parse = bare_parsers(language)
    extractor.extract(files[0][1])  # grammar loading is not throughput
    bare = timed(bare_parse, files, runs)
    extract = timed(extractor.extract, files, runs)
    size = sum(len(d) for _, d in files)
    return {"language": language, "files": len(files), "bytes": size, "runs": runs,
            "bare_seconds": round(bare, 4), "extract_seconds": round(extract, 4),
            "bare_files_per_s": round(len(files) / bare),
            "files_per_s": round(len(files) / extract),
            "mb_per_s": round(size / extract / 1e6, 2), "ratio": round(extract / bare, 2)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--language", action="append", choices=sorted(CORPORA))
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    results = []
    for language in args.language or list(CORPORA):
        corpus = CORPORA[language]
        if corpus is None:
            print(f"{language:<11} no corpus yet (CORPORA in {Path(__file__).name})")
            continue
        row = measure(language, corpus(), args.runs)
        results.append(row)
        print(f"{language:<11} {row['files']:>5} files {row['bytes'] / 1e6:6.2f} MB | bare "
              f"{row['bare_files_per_s']:>6} files/s | extract {row['files_per_s']:>6} files/s "
              f"{row['mb_per_s']:5.2f} MB/s | extract/bare {row['ratio']:.2f}x")
    if args.json:
        args.json.write_text(json.dumps({"python": sys.version.split()[0], "results": results},
                                        indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
