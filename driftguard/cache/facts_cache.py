"""SQLite cache of per-blob facts, keyed by (blob id, extractor version), and of
derived artifacts (a tree's linked graph, a revision's findings) keyed by digests.

Lives in the repository's git common dir, so all worktrees share it. Safe for
many concurrent processes: WAL journal, a busy timeout, short write
transactions, and INSERT OR IGNORE (two writers of one key write equal facts).
Any problem with the file degrades with a warning, never fails a run: a damaged
or older cache is moved aside and rebuilt (whether found on opening, reading or
writing); a locked one (held past DRIFTGUARD_CACHE_TIMEOUT), a newer version's, or
an unwritable location is bypassed and left as it is. The cache can only make
runs faster, never wrong.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from pathlib import Path
from typing import TYPE_CHECKING

from driftguard.model.facts import FileFacts

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

SCHEMA_VERSION = 3  # 2: facts stored as positional rows (FileFacts.encode); 3: marshal bytes
FILE_NAME = "cache.sqlite3"
ARTIFACTS_KEPT = 200  # per kind by default, the most recently written: no unbounded growth
PRUNE_EVERY = 16  # artifact writes of one run between prunings


def lock_timeout() -> float:
    """Seconds to wait for another process's lock before running without the cache.

    Writes are short transactions, so a wait this long means a stuck writer: a hook
    must not hang on it. DRIFTGUARD_CACHE_TIMEOUT overrides (tests use a small value).
    """
    try:
        return max(0.0, float(os.environ.get("DRIFTGUARD_CACHE_TIMEOUT", "10")))
    except ValueError:
        return 10.0


def _busy(exc: Exception) -> bool:
    """Another process holds the lock: SQLITE_BUSY (5) or SQLITE_LOCKED (6); not damage."""
    code = getattr(exc, "sqlite_errorcode", None)  # Python 3.11+
    if code is not None:
        return code & 0xFF in (5, 6)
    return "locked" in str(exc) or "busy" in str(exc)


class NewerCacheError(sqlite3.DatabaseError):
    """Written by a newer driftguard: left alone (rebuilding it would fight that version)."""


class FactsCache:
    def __init__(self, path: Path | None, warnings: list[str] | None = None) -> None:
        self.path = path
        self.warnings = warnings if warnings is not None else []
        self._db: sqlite3.Connection | None = None
        self._memo: dict[tuple[str, str], FileFacts] = {}
        self._writes = 0
        if path is not None:
            self._db = self._open(path)

    @classmethod
    def for_git_dir(cls, common_dir: Path, warnings: list[str] | None = None) -> FactsCache:
        override = os.environ.get("DRIFTGUARD_CACHE_DIR")
        if override == "":
            return cls(None, warnings)
        folder = Path(override) if override else common_dir / "driftguard"
        return cls(folder / FILE_NAME, warnings)

    @property
    def enabled(self) -> bool:
        return self._db is not None

    def _open(self, path: Path) -> sqlite3.Connection | None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            return self._connect(path)
        except NewerCacheError as exc:
            self.warnings.append(f"cache at {path} is from a newer driftguard ({exc}); "
                                 "continuing without it")
            return None
        except sqlite3.DatabaseError as exc:
            if _busy(exc):
                self.warnings.append(f"cache at {path} is locked ({exc}: held by another"
                                     f" process for over {lock_timeout():g} s); continuing"
                                     " without it")
                return None
            return self._recover(path, exc)
        except OSError as exc:
            self.warnings.append(f"cache disabled: cannot create {path.parent} ({exc.strerror})")
            return None

    def _connect(self, path: Path) -> sqlite3.Connection:
        timeout = lock_timeout()
        db = sqlite3.connect(str(path), timeout=timeout, isolation_level=None)
        db.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        db.execute(
            "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        found = self._schema(db)
        if found is None:  # a new file: the only writes on opening (a reader needs no lock)
            db.execute(
                "CREATE TABLE IF NOT EXISTS facts (blob TEXT NOT NULL, extractor TEXT NOT NULL,"
                " data BLOB NOT NULL, PRIMARY KEY (blob, extractor)) WITHOUT ROWID")
            db.execute(
                "CREATE TABLE IF NOT EXISTS artifacts (kind TEXT NOT NULL, key TEXT NOT NULL,"
                " data BLOB NOT NULL, stamp INTEGER NOT NULL, PRIMARY KEY (kind, key))")
            db.execute("CREATE INDEX IF NOT EXISTS artifacts_age ON artifacts (kind, stamp)")
            db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
            found = self._schema(db)
        if found != str(SCHEMA_VERSION):
            db.close()
            newer = found is not None and found.isdigit() and int(found) > SCHEMA_VERSION
            error = NewerCacheError if newer else sqlite3.DatabaseError
            raise error(f"cache schema {found}, expected {SCHEMA_VERSION}")
        return db

    @staticmethod
    def _schema(db: sqlite3.Connection) -> str | None:
        row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        return None if row is None else str(row[0])

    def _recover(self, path: Path, exc: Exception) -> sqlite3.Connection | None:
        """Move a broken or foreign cache aside and start a fresh one."""
        self.warnings.append(f"cache at {path} was unusable ({exc}); rebuilding it")
        try:
            for suffix in ("", "-wal", "-shm"):
                broken = Path(str(path) + suffix)
                if broken.exists():
                    broken.replace(Path(str(broken) + f".broken-{os.getpid()}"))
            return self._connect(path)
        except (OSError, sqlite3.DatabaseError) as again:
            self.warnings.append(f"cache disabled: {again}")
            return None

    def get_many(self, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], FileFacts]:
        if self._db is None:
            return {}
        by_extractor: dict[str, list[str]] = {}
        found: dict[tuple[str, str], FileFacts] = {}
        for key in keys:
            if key in self._memo:  # base and head share most blobs: decode each once per run
                found[key] = self._memo[key]
            else:
                by_extractor.setdefault(key[1], []).append(key[0])
        try:
            for extractor, blobs in by_extractor.items():
                for start in range(0, len(blobs), 500):
                    chunk = blobs[start : start + 500]
                    marks = ",".join("?" * len(chunk))
                    rows = self._db.execute(
                        f"SELECT blob, data FROM facts WHERE extractor = ? AND blob IN ({marks})",
                        [extractor, *chunk])
                    for blob, data in rows:
                        facts = FileFacts.from_bytes(data)
                        found[(blob, extractor)] = self._memo[(blob, extractor)] = facts
        except (sqlite3.DatabaseError, ValueError, KeyError, TypeError, EOFError) as exc:
            self._failed(exc, "read")
            return {}
        return found

    def put_many(self, items: Iterable[tuple[str, str, FileFacts]],
                 encoded: Mapping[str, bytes] | None = None) -> None:
        """``encoded``: ``to_bytes()`` already made, by blob (the parse workers send them)."""
        if self._db is None:
            return
        items = list(items)
        known = encoded or {}
        self._memo.update(((blob, extractor), facts) for blob, extractor, facts in items)
        rows = [(blob, extractor, known.get(blob) or facts.to_bytes())
                for blob, extractor, facts in items]
        if not rows:
            return
        try:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.executemany("INSERT OR IGNORE INTO facts VALUES (?, ?, ?)", rows)
            self._db.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            with contextlib.suppress(sqlite3.DatabaseError):
                self._db.execute("ROLLBACK")
            self._failed(exc, "write")

    def get_artifact(self, kind: str, key: str) -> bytes | None:
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT data FROM artifacts WHERE kind = ? AND key = ?",
                                   (kind, key)).fetchone()
        except sqlite3.DatabaseError as exc:
            self._failed(exc, "read")
            return None
        return None if row is None else bytes(row[0])

    def put_artifact(self, kind: str, key: str, data: bytes, keep: int = ARTIFACTS_KEPT) -> None:
        if self._db is None:
            return
        stamp = time.time_ns()
        try:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.execute("INSERT OR REPLACE INTO artifacts VALUES (?, ?, ?, ?)",
                             (kind, key, data, stamp))
            self._writes += 1
            if self._writes % PRUNE_EVERY == 1:  # first write of a run, then now and then
                self._db.execute(
                    "DELETE FROM artifacts WHERE kind = ? AND stamp <= (SELECT stamp FROM"
                    " artifacts WHERE kind = ? ORDER BY stamp DESC LIMIT 1 OFFSET ?)",
                    (kind, kind, keep))
            self._db.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            with contextlib.suppress(sqlite3.DatabaseError):
                self._db.execute("ROLLBACK")
            self._failed(exc, "write")

    def _failed(self, exc: Exception, doing: str) -> None:
        """A read or write failed mid-run: bypass a locked cache for the rest of the run;
        move a damaged one aside (damage inside the file only shows when a page is read,
        and would otherwise cost every later run its cache)."""
        self.close()
        self._memo.clear()
        if self.path is None or _busy(exc):
            self.warnings.append(f"cache {doing} failed ({exc}: held by another process for"
                                 f" over {lock_timeout():g} s); continuing without it")
        else:
            self._db = self._recover(self.path, exc)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
