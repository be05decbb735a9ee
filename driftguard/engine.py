"""Wires the real parts together: git reader, cache, extractors -> snapshots -> results.

No output here: commands call the engine and hand its results to reporters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from driftguard.cache.facts_cache import FactsCache
from driftguard.extract.build import BlobSource, BuildStats, analysable, build_snapshot
from driftguard.gitio import STAGED, GitRepo

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from driftguard.model.snapshot import Snapshot


@dataclass
class BuildOptions:
    use_cache: bool = True
    source_roots: Sequence[str] | None = None
    max_file_size: int = 2_000_000
    exclude: Callable[[str], bool] | None = None


@dataclass
class Session:
    """One open repository with its cache; snapshots are built once per revision."""

    repo: GitRepo
    options: BuildOptions = field(default_factory=BuildOptions)
    warnings: list[str] = field(default_factory=list)
    stats: BuildStats = field(default_factory=BuildStats)
    _cache: FactsCache | None = None
    _snapshots: dict[str, Snapshot] = field(default_factory=dict)

    @classmethod
    def open(cls, path: str, options: BuildOptions | None = None) -> Session:
        return cls(GitRepo.open(path), options or BuildOptions())

    @property
    def cache(self) -> FactsCache | None:
        if self._cache is None and self.options.use_cache:
            self._cache = FactsCache.for_git_dir(self.repo.common_dir, self.warnings)
        return self._cache

    def snapshot(self, rev: str) -> Snapshot:
        """The graph of a revision (a rev name, a commit id, or STAGED for the index)."""
        commit = None if rev == STAGED else self.repo.resolve(rev)
        key = commit or STAGED
        if key not in self._snapshots:
            self._snapshots[key] = self._build(rev, commit)
        return self._snapshots[key]

    def _build(self, rev: str, commit: str | None) -> Snapshot:
        everything = self.repo.files(commit or STAGED, accept=lambda _: True)
        files = [f for f in everything if analysable(f.path)]
        label = "staged" if rev == STAGED else rev
        snapshot, stats = build_snapshot(
            label, commit, files, BlobSource(self.repo.read_blob, self.repo.blob_size),
            self.cache, source_roots=self.options.source_roots,
            all_paths=[f.path for f in everything], max_file_size=self.options.max_file_size,
            exclude=self.options.exclude, all_files=everything)
        self._add_stats(stats)
        return snapshot

    def _add_stats(self, stats: BuildStats) -> None:
        self.stats.files += stats.files
        self.stats.parsed += stats.parsed
        self.stats.cached += stats.cached
        self.stats.skipped += stats.skipped
        self.stats.seconds += stats.seconds
        self.stats.warnings.extend(w for w in stats.warnings if w not in self.stats.warnings)

    def default_base(self) -> str:
        """The branch to compare against when none is given: main or master, local or remote."""
        from driftguard.errors import GitError

        for candidate in ("main", "master", "origin/main", "origin/master"):
            try:
                self.repo.commit(candidate)
            except GitError:
                continue
            return candidate
        raise GitError("no --base given and no main or master branch found",
                       "Pass the branch to compare against, e.g. --base develop.")

    def all_warnings(self) -> list[str]:
        return [*self.warnings, *self.stats.warnings]

    def close(self) -> None:
        if self._cache is not None:
            self._cache.close()
