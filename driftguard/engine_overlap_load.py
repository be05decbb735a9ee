"""Reading branches for `overlap`: changed files, the facts of both sides, re-export aliases.

Only changed blobs are parsed, all branches' in one batch through the facts cache;
nothing builds a whole-revision snapshot (a branch of 10 files must not pay for
linking 3000). Re-exports are read from the changed module's own packages only
(``shop/__init__.py`` re-exporting ``shop.util.f`` as ``shop.f``): Python's usual
way to publish a name, found with a handful of tree lookups.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from driftguard.extract.parallel import extract_all
from driftguard.extract.roots import detect_source_roots
from driftguard.gitio.merge import blob_id
from driftguard.languages import get_language, language_name_for
from driftguard.languages.base import Revision
from driftguard.model.consumers import Namespace
from driftguard.model.facts import FileFacts
from driftguard.model.snapshot import Module, Snapshot
from driftguard.overlap.model import BranchDelta, FileDelta

if TYPE_CHECKING:
    from collections.abc import Sequence

    from driftguard.engine import Session
    from driftguard.model.changes import FileChange

Side = tuple[str, str]  # (path, blob id) of one side of a changed file
Plan = tuple[str, str, str, list[tuple["FileChange", "Side | None", "Side | None"]]]


class DeltaLoader:
    """Branch deltas against one base; facts memoised by blob, counted in ``stats``."""

    def __init__(self, session: Session, base: str) -> None:
        self.session, self.repo, self.base = session, session.repo, base
        self.base_commit = session.repo.resolve(base)
        self.stats = {"files": 0, "parsed": 0, "cached": 0, "skipped": 0}
        self._facts: dict[str, FileFacts] = {}
        self._roots: Sequence[str] | None = None
        self._aliases: dict[str, set[str]] = {}
        self._at_base: dict[str, Side | None] = {}  # path -> its blob at the base, when a file
        self._resolvers: dict[str, object] = {}

    def deltas(self, names: Sequence[str], only: str | None = None) -> list[BranchDelta]:
        """One BranchDelta per branch, in order; ``only``: just that path, no module names."""
        plans = [self._plan(name, only) for name in names]
        self._load({side[1]: side[0] for *_, files in plans for _, old, new in files
                    for side in (old, new) if side is not None})
        named = only is None
        return [BranchDelta(name, head, merge_base, tuple(
            FileDelta(change, self._module(old, named), self._module(new, named))
            for change, old, new in files)) for name, head, merge_base, files in plans]

    def aliases(self, name: str) -> set[str]:
        """Other names of ``name`` at the base: re-exports by its parent packages."""
        if name not in self._aliases:
            modules = [m for m in (self._module(s, True) for s in self._around(name)) if m]
            snapshot = Snapshot("aliases", self.base_commit, {m.name: m for m in modules}, [])
            self._aliases[name] = Namespace(snapshot).aliases(name) if modules else set()
        return self._aliases[name]

    # -- git ------------------------------------------------------------------------------

    def _plan(self, name: str, only: str | None) -> Plan:
        repo = self.repo
        head = repo.resolve(name)
        merge_base = repo.merge_base(self.base, head)
        if only is None:
            found = self.session.changes(merge_base, head)
        elif blob_id(repo, merge_base, only) != blob_id(repo, head, only):
            found = [c for c in self.session.changes(merge_base, head)
                     if only in (c.path, c.old_path)]
        else:
            found = []  # the path is the same blob on both sides: a whole diff would say so slower
        return name, head, merge_base, [
            (c, self._side(merge_base, c.old_path or c.path, c.status != "added"),
             self._side(head, c.path, c.status != "deleted")) for c in found]

    def _side(self, rev: str, path: str, exists: bool) -> Side | None:
        if not exists or language_name_for(path) is None:
            return None
        blob = blob_id(self.repo, rev, path)
        return (path, blob) if blob else None

    def _around(self, name: str) -> list[Side]:
        """The base's files of ``name``'s module and of every package above it."""
        parts, out = name.split("."), []
        for end in range(1, len(parts)):
            folder = "/".join(parts[:end])
            for root in self.roots():
                prefix = f"{root}/" if root else ""
                for path in (f"{prefix}{folder}/__init__.py", f"{prefix}{folder}.py"):
                    if path not in self._at_base:
                        self._at_base[path] = self._side(self.base_commit, path, True)
                    side = self._at_base[path]
                    if side is not None:
                        out.append(side)
        self._load({blob: path for path, blob in out})
        return out

    def roots(self) -> Sequence[str]:
        if self._roots is None:
            self._roots = self.session.options.source_roots or detect_source_roots(
                f.path for f in self.repo.files(self.base_commit, accept=lambda _: True))
        return self._roots

    # -- facts ----------------------------------------------------------------------------

    def _load(self, wanted: dict[str, str]) -> None:
        """Facts of the blobs in ``wanted`` (blob -> a path naming its language), cache first."""
        todo = {b: p for b, p in wanted.items() if b not in self._facts and self._ok(b, p)}
        keys = {blob: (blob, _extractor(path)) for blob, path in todo.items()}
        cache = self.session.cache
        known = cache.get_many(set(keys.values())) if cache is not None else {}
        self._facts.update({blob: known[key] for blob, key in keys.items() if key in known})
        jobs = [(blob, language_name_for(todo[blob]) or "", self.repo.read_blob(blob))
                for blob in todo if blob not in self._facts]
        parsed = extract_all(jobs)
        if cache is not None:
            cache.put_many((blob, keys[blob][1], facts) for blob, facts in parsed.items())
        self._facts.update(parsed)
        self.stats["files"] += len(todo)
        self.stats["parsed"] += len(parsed)
        self.stats["cached"] += len(todo) - len(parsed)

    def _ok(self, blob: str, path: str) -> bool:
        options = self.session.options
        if options.exclude is not None and options.exclude(path):
            return False
        size = self.repo.blob_size(blob)
        if size > options.max_file_size:
            self.stats["skipped"] += 1
            self.session.warnings.append(
                f"{path}: skipped, {size:,} bytes is over the {options.max_file_size:,}-byte "
                "limit (settings.max_file_size)")
            return False
        return True

    def _module(self, side: Side | None, named: bool) -> Module | None:
        if side is None or side[1] not in self._facts:
            return None
        path, facts = side[0], self._facts[side[1]]
        language = get_language(facts.language)
        name = language.module_name(path, self.roots()) if named else ""
        module = Module(name, path, facts.language, language.is_package(path), facts)
        restate = getattr(self._resolver(facts.language), "imports_by_module", None) if named \
            else None
        if restate is None:
            return module
        # TypeScript/Go imports name paths, not modules: restate them as the checks expect.
        return replace(module, source=replace(facts, imports=restate(module)))

    def _resolver(self, language_name: str) -> object:
        if language_name not in self._resolvers:
            language = get_language(language_name)
            bind = getattr(language, "for_revision", None)
            self._resolvers[language_name] = bind(self._base_revision()) if bind else language
        return self._resolvers[language_name]

    def _base_revision(self) -> Revision:
        """The base's paths and path-named modules (no facts: nothing more is parsed), and
        its small project files (tsconfig.json, go.mod) on demand."""
        paths = [f.path for f in self.repo.files(self.base_commit, accept=lambda _: True)]
        modules = {}
        for path in paths:
            name = language_name_for(path)
            if name and name != "python":
                language = get_language(name)
                module_name = language.module_name(path, self.roots())
                modules[module_name] = Module(module_name, path, name, language.is_package(path),
                                              FileFacts(language=name))
        return Revision(modules, paths, lambda p: self.repo.read_path(self.base_commit, p))


def _extractor(path: str) -> str:
    name = language_name_for(path) or ""
    return f"{name}/{get_language(name).version}"  # the cache key build_snapshot uses too


def repo_relative(session: Session, path: str) -> str:
    """A path as the user typed it (relative to the current folder) -> repo-relative."""
    workdir = session.repo.workdir
    if workdir is not None:
        where = (Path.cwd() / path).resolve()
        try:
            return where.relative_to(workdir.resolve()).as_posix()
        except ValueError:
            pass  # outside the work tree (run with -C elsewhere): take it as repo-relative
    return path.replace("\\", "/").removeprefix("./")
