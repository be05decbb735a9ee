"""Files of a revision -> facts (cached or parsed) -> Snapshot."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from driftguard.extract.parallel import extract_all
from driftguard.extract.resolve import link
from driftguard.extract.roots import detect_source_roots
from driftguard.languages import get_language, language_name_for

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence

    from driftguard.model.facts import FileFacts, SourceFile
    from driftguard.model.snapshot import Snapshot

DEFAULT_MAX_FILE_SIZE = 2_000_000
MAX_PROJECT_FILE_SIZE = 256_000  # go.mod, tsconfig.json: what a language may read at link time


class FactsStore(Protocol):
    """Where parsed facts are kept between runs (the SQLite cache, at the edge)."""

    def get_many(self, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], FileFacts]: ...

    def put_many(self, items: Iterable[tuple[str, str, FileFacts]],
                 encoded: Mapping[str, bytes] | None = None) -> None: ...


@dataclass
class BuildStats:
    files: int = 0
    parsed: int = 0
    cached: int = 0
    skipped: int = 0
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)
    roots: list[str] = field(default_factory=list)  # the source roots module names start at

    def as_dict(self) -> dict[str, object]:
        return {"files": self.files, "parsed": self.parsed, "cached": self.cached,
                "skipped": self.skipped, "seconds": round(self.seconds, 4)}


@dataclass
class BlobSource:
    """How the builder reaches blob bytes and sizes (the git reader, at the edge)."""

    read: Callable[[str], bytes]
    size: Callable[[str], int]


def analysable(path: str) -> bool:
    return language_name_for(path) is not None


def build_snapshot(
    label: str,
    commit: str | None,
    files: Sequence[SourceFile],
    blobs: BlobSource,
    cache: FactsStore | None,
    *,
    source_roots: Sequence[str] | None = None,
    all_paths: Sequence[str] = (),
    max_file_size: int = DEFAULT_MAX_FILE_SIZE,
    exclude: Callable[[str], bool] | None = None,
    all_files: Sequence[SourceFile] = (),
) -> tuple[Snapshot, BuildStats]:
    started = time.perf_counter()
    stats = BuildStats()
    chosen = _choose_files(files, exclude)
    stats.files = len(chosen)
    facts = facts_for(chosen, blobs, cache, stats, max_file_size)
    roots = list(source_roots) if source_roots else detect_source_roots(all_paths or
                                                                      [f.path for f in files])
    stats.roots = roots
    snapshot = link(label, commit, [(f, facts[f.path]) for f in chosen if f.path in facts],
                    roots, stats.warnings, all_paths, _reader(all_files, blobs))
    stats.seconds = time.perf_counter() - started
    return snapshot, stats


def _reader(files: Sequence[SourceFile], blobs: BlobSource) -> Callable[[str], bytes | None]:
    by_path = {f.path: f.blob_id for f in files}

    def read(path: str) -> bytes | None:
        blob = by_path.get(path)
        if blob is None or blobs.size(blob) > MAX_PROJECT_FILE_SIZE:
            return None
        return blobs.read(blob)
    return read


def _choose_files(files: Sequence[SourceFile], exclude: Callable[[str], bool] | None
                  ) -> list[SourceFile]:
    chosen = [f for f in files if analysable(f.path) and not (exclude and exclude(f.path))]
    paths = {f.path for f in chosen}
    # A stub or declaration file beside its source describes the same module: read the code.
    return [f for f in chosen if not _shadowed_declaration(f.path, paths)]


def _shadowed_declaration(path: str, paths: set[str]) -> bool:
    if path.endswith(".pyi"):
        return path[:-1] in paths
    if path.endswith(".d.ts"):
        stem = path[: -len(".d.ts")]
        return any(stem + ext in paths for ext in (".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs"))
    return False


def facts_for(files: list[SourceFile], blobs: BlobSource, cache: FactsStore | None,
              stats: BuildStats, max_file_size: int) -> dict[str, FileFacts]:
    """Facts by path: from the cache, else parsed (in parallel when there are many)."""
    keys = {f.path: (f.blob_id, _extractor_key(f.path)) for f in files}
    known = cache.get_many(set(keys.values())) if cache is not None else {}
    out: dict[str, FileFacts] = {}
    todo: list[tuple[SourceFile, str]] = []
    for f in files:
        hit = known.get(keys[f.path])
        if hit is not None:
            out[f.path] = hit
            stats.cached += 1
        else:
            todo.append((f, language_name_for(f.path) or ""))
    jobs = []
    for f, language in todo:
        size = blobs.size(f.blob_id)
        if size > max_file_size:
            stats.skipped += 1
            stats.warnings.append(
                f"{f.path}: skipped, {size:,} bytes is over the {max_file_size:,}-byte limit"
                " (settings.max_file_size)")
            continue
        jobs.append((f.path, language, blobs.read(f.blob_id)))
    encoded: dict[str, bytes] = {}
    parsed = extract_all(jobs, workers=_workers(len(jobs)), encoded=encoded)
    stats.parsed = len(parsed)
    out.update(parsed)
    for path in sorted(out):  # cached facts keep their warnings: warm runs say the same
        stats.warnings.extend(f"{path}: {w}" for w in out[path].warnings)
    if cache is not None:
        cache.put_many(((keys[p][0], keys[p][1], r) for p, r in parsed.items()),
                       {keys[p][0]: data for p, data in encoded.items()})
    return out


def _extractor_key(path: str) -> str:
    name = language_name_for(path) or ""
    return f"{name}/{get_language(name).version}"


def _workers(jobs: int) -> int:
    override = os.environ.get("DRIFTGUARD_WORKERS")
    if override and override.isdigit():
        return max(1, int(override))
    if jobs < 200:
        return 1  # process start-up costs more than it saves on small batches
    return max(1, min(os.cpu_count() or 1, 8))
