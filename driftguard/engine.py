"""Wires the real parts together: git reader, cache, extractors -> snapshots -> results.

No output here: commands call the engine and hand its results to reporters.
"""

from __future__ import annotations

import hashlib
import marshal
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from driftguard.cache.facts_cache import ARTIFACTS_KEPT, FactsCache
from driftguard.cache.snapshot_codec import StoredSnapshot, decode, encode
from driftguard.extract.build import (
    BlobSource,
    BuildStats,
    analysable,
    build_snapshot,
    facts_for,
)
from driftguard.gitio import STAGED, GitRepo
from driftguard.languages import get_language
from driftguard.model.changes import FileChange
from driftguard.model.facts import FileFacts, SourceFile

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from driftguard.gitio.diff import TreeDiff
    from driftguard.model.snapshot import Snapshot


CHANGES_FORMAT = 1  # bump when gitio.diff.changes reports differently (rename detection)
CHANGES_KEPT = 5_000  # branch diffs remembered


@dataclass
class BuildOptions:
    use_cache: bool = True
    source_roots: Sequence[str] | None = None
    max_file_size: int = 2_000_000
    exclude: Callable[[str], bool] | None = None
    exclude_patterns: Sequence[str] | None = None  # what ``exclude`` tests, for cache keys

    def digest(self) -> str | None:
        """What a stored graph depends on besides the tree; None when that is unknowable
        (an ``exclude`` given as a bare function)."""
        if self.exclude is not None and self.exclude_patterns is None:
            return None
        from driftguard import __version__

        text = repr((__version__, self.source_roots, self.max_file_size, self.exclude_patterns))
        return hashlib.sha1(text.encode()).hexdigest()


@dataclass
class Session:
    """One open repository with its cache; snapshots are built once per revision.

    A commit's graph is stored in the cache by tree; a revision not stored yet is derived
    from one already built in this session when only files changed in place, else built
    in full from per-file facts (themselves cached by blob).
    """

    repo: GitRepo
    options: BuildOptions = field(default_factory=BuildOptions)
    warnings: list[str] = field(default_factory=list)
    stats: BuildStats = field(default_factory=BuildStats)
    _cache: FactsCache | None = None
    _snapshots: dict[str, Snapshot] = field(default_factory=dict)
    _stored: dict[str, StoredSnapshot] = field(default_factory=dict)  # by commit: references
    config_key: str | None = None  # a digest of the config's text, set by whoever loaded it
    _diffs: dict[tuple[str | None, str | None], TreeDiff] = field(default_factory=dict)

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
        started = time.perf_counter()
        label = "staged" if rev == STAGED else rev
        # Cheapest first: a few files re-read on top of a graph in memory, then a stored
        # graph, then a full build (from cached facts), which is stored for next time.
        stored = self._derive(label, commit)
        if stored is None:
            key = self._stored_key(commit)
            stored = self._load_stored(key, label, commit) if key else None
            if stored is None:
                stored = self._build_full(label, commit)
                if key and self.cache is not None:
                    self.cache.put_artifact("snapshot", key, encode(stored, _versions(stored)))
        if commit is not None:
            self._stored[commit] = stored
        self.stats.seconds += time.perf_counter() - started
        return stored.snapshot

    def _stored_key(self, commit: str | None) -> str | None:
        digest = self.options.digest()
        if commit is None or digest is None or self.cache is None or not self.cache.enabled:
            return None
        return f"{self.repo.tree_id(commit)}:{digest}"

    def _load_stored(self, key: str, label: str, commit: str | None) -> StoredSnapshot | None:
        data = self.cache.get_artifact("snapshot", key) if self.cache is not None else None
        if data is None:
            return None
        try:
            stored = decode(data, label, commit, self._facts_loader(),
                            lambda name: get_language(name).version)
        except ValueError:
            return None  # written by another format: rebuilt and replaced below
        self._add_stats(BuildStats(files=stored.files, cached=stored.files,
                                   skipped=stored.skipped, warnings=stored.warnings))
        return stored

    def _derive(self, label: str, commit: str | None) -> StoredSnapshot | None:
        """From the last graph built in this session, when only files changed in place."""
        from driftguard.extract import incremental

        if not self._stored:
            return None
        ref_commit, reference = next(reversed(self._stored.items()))
        update = incremental.plan(reference.snapshot, self._tree_diff(ref_commit, commit).blobs(),
                                  self.options.exclude)
        if update is None:
            return None
        stats = BuildStats()
        facts = facts_for([source for _, source in update.changed], self._blobs(), self.cache,
                          stats, self.options.max_file_size)
        snapshot = incremental.apply(reference.snapshot, reference.roots, update, facts, label,
                                     commit)
        if snapshot is None:
            return None
        changed = tuple(f"{source.path}: " for _, source in update.changed)
        warnings = [w for w in reference.warnings if not w.startswith(changed)]
        warnings = sorted([*warnings, *stats.warnings])
        self._add_stats(BuildStats(files=reference.files, parsed=stats.parsed,
                                   cached=reference.files - stats.parsed,
                                   skipped=reference.skipped, warnings=warnings))
        return StoredSnapshot(snapshot, reference.roots, reference.files, reference.skipped,
                              warnings, reference.restated)

    def _build_full(self, label: str, commit: str | None) -> StoredSnapshot:
        everything = self.repo.files(commit or STAGED, accept=lambda _: True)
        files = [f for f in everything if analysable(f.path)]
        snapshot, stats = build_snapshot(
            label, commit, files, self._blobs(), self.cache,
            source_roots=self.options.source_roots,
            all_paths=[f.path for f in everything], max_file_size=self.options.max_file_size,
            exclude=self.options.exclude, all_files=everything)
        self._add_stats(stats)
        restated = {m.name: m.facts.imports for m in snapshot.modules.values()
                    if hasattr(get_language(m.language), "for_revision")}
        return StoredSnapshot(snapshot, stats.roots, stats.files, stats.skipped,
                              list(stats.warnings), restated)

    def remembered(self, what: str, commit: str, compute: Callable[[], list[str]]) -> list[str]:
        """``compute()`` of a commit's graph under this config, kept in the cache: the
        merge-base's findings are the same on every run of a branch."""
        key = self._stored_key(commit)
        if key is None or self.config_key is None:
            return compute()
        found = self._kept("findings", f"{what}:{key}:{self.config_key}", compute)
        return found if isinstance(found, list) else compute()

    def changes(self, base: str | None, head: str | None) -> list[FileChange]:
        """Files and lines changed from commit ``base`` to ``head`` (None: the index).
        Between two commits the answer never changes: it is kept in the cache."""
        if base is None or head is None:
            return self._tree_diff(base, head).files()

        def rows() -> list[tuple[object, ...]]:
            return [(c.status, c.path, c.old_path, c.lines, c.old_lines)
                    for c in self._tree_diff(base, head).files()]

        return [FileChange(*row) for row in self._kept(
            "changes", f"{CHANGES_FORMAT}:{base}:{head}", rows, CHANGES_KEPT)]

    def _tree_diff(self, base: str | None, head: str | None) -> TreeDiff:
        """One diff per pair of revisions a run compares (deriving a graph and listing the
        changed lines read the same one)."""
        key = (base, head)
        if key not in self._diffs:
            from driftguard.gitio.diff import TreeDiff

            self._diffs[key] = TreeDiff(self.repo, base, head)
        return self._diffs[key]

    def _kept(self, kind: str, key: str, compute: Callable[[], Any], keep: int = ARTIFACTS_KEPT
              ) -> Any:
        """``compute()`` (plain data), kept in the cache under (kind, key)."""
        if self.cache is None:
            return compute()
        data = self.cache.get_artifact(kind, key)
        if data is not None:
            try:
                return marshal.loads(data)
            except (ValueError, TypeError, EOFError):
                pass  # unreadable: computed again and replaced
        found = compute()
        self.cache.put_artifact(kind, key, marshal.dumps(found), keep)
        return found

    def _blobs(self) -> BlobSource:
        return BlobSource(self.repo.read_blob, self.repo.blob_size)

    def _facts_loader(self) -> StoredFacts:
        return StoredFacts(self)

    def _add_stats(self, stats: BuildStats) -> None:
        self.stats.files += stats.files
        self.stats.parsed += stats.parsed
        self.stats.cached += stats.cached
        self.stats.skipped += stats.skipped  # seconds: counted once, around the whole build
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
        """Release the cache; a graph's facts read after this open it again."""
        if self._cache is not None:
            self._cache.close()
            self._cache = None


@dataclass
class StoredFacts:
    """Facts of the modules of graphs read back from the cache, for their loaders (parsed
    again if the facts table lost them)."""

    session: Session

    def one(self, path: str, blob: str, language: str) -> FileFacts:
        return self.many([(path, blob, language)])[path]

    def many(self, files: list[tuple[str, str, str]]) -> dict[str, FileFacts]:
        session, stats = self.session, BuildStats()
        found = facts_for([SourceFile(path, blob) for path, blob, _ in files], session._blobs(),
                          session.cache, stats, session.options.max_file_size)
        session.stats.parsed += stats.parsed  # the facts table lost them: say so
        return {path: found.get(path) or FileFacts(language=language)
                for path, _, language in files}


def _versions(stored: StoredSnapshot) -> dict[str, str]:
    languages = {m.language for m in stored.snapshot.modules.values()}
    return {name: get_language(name).version for name in languages}
