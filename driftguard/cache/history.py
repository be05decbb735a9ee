"""History of drift reports in SQLite: per run, one small record per repository (commit,
units with their metrics, edges between units, cycles, cross-repo edges, open breaks).

The next report compares each repository with its last record, and draws trends from
the records. The file sits beside the facts cache unless ``--history`` names one; teams
keep it between CI runs as a cache or an artifact (docs/report.md). Conventions of the
facts cache: WAL, a busy timeout, short write transactions, and any problem with the
file degrades to a warning and a run without history, never a failed report.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from pathlib import Path
from typing import Any

from driftguard.cache.facts_cache import lock_timeout

SCHEMA_VERSION = "history-1"
FILE_NAME = "history.sqlite3"
KEEP_RUNS = 400  # about a year of nightly runs; older records are dropped
SCHEMA = (
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS runs (id INTEGER PRIMARY KEY, started REAL NOT NULL)",
    "CREATE TABLE IF NOT EXISTS records (run INTEGER NOT NULL, repo TEXT NOT NULL,"
    " commit_id TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (run, repo))",
)
Row = tuple[int, float, dict[str, Any]]  # (run, started, record)


def default_path(common_dir: Path) -> Path | None:
    """Beside the facts cache (DRIFTGUARD_CACHE_DIR too); None when that is switched off."""
    override = os.environ.get("DRIFTGUARD_CACHE_DIR")
    if override == "":
        return None
    return (Path(override) if override else common_dir / "driftguard") / FILE_NAME


class History:
    def __init__(self, path: Path | None, warnings: list[str]) -> None:
        self.path = path
        self.warnings = warnings
        self.db = self._open(path) if path is not None else None
        if path is None:
            warnings.append("no history file (pass --history FILE): this run is compared "
                            "with nothing and not kept")
        if self.db is None:
            self.db = self._connect(":memory:")  # this run still has a history of itself

    def _open(self, path: Path) -> sqlite3.Connection | None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            return self._connect(str(path))
        except (OSError, sqlite3.DatabaseError) as exc:
            self.warnings.append(f"history at {path} is unusable ({exc}); this run is "
                                 "compared with nothing and not recorded")
            self.path = None
            return None

    @staticmethod
    def _connect(where: str) -> sqlite3.Connection:
        timeout = lock_timeout()
        db = sqlite3.connect(where, timeout=timeout, isolation_level=None)
        db.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        db.execute("PRAGMA journal_mode = WAL")
        for statement in SCHEMA:
            db.execute(statement)
        found = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        if found is None:  # a new file: the only write on opening (readers take no lock)
            db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
            found = (SCHEMA_VERSION,)
        if found[0] != SCHEMA_VERSION:
            db.close()
            raise sqlite3.DatabaseError(f"schema {found[0]}, expected {SCHEMA_VERSION}")
        return db

    def last(self, repo: str) -> dict[str, Any] | None:
        rows = self.rows(repo, limit=1)
        return rows[-1][2] if rows else None

    def rows(self, repo: str, limit: int = 30) -> list[Row]:
        """The repository's last ``limit`` records, oldest first."""
        assert self.db is not None
        try:
            found = self.db.execute(
                "SELECT r.run, s.started, r.data FROM records r JOIN runs s ON s.id = r.run"
                " WHERE r.repo = ? ORDER BY r.run DESC LIMIT ?", (repo, limit)).fetchall()
            return [(run, started, json.loads(data)) for run, started, data in reversed(found)]
        except (sqlite3.DatabaseError, ValueError) as exc:
            self.warnings.append(f"history read failed ({exc}); comparing with nothing")
            return []

    def record(self, records: dict[str, dict[str, Any]], started: float) -> int | None:
        """Add a run; its id, or None when it could not be written (warned)."""
        assert self.db is not None
        try:
            self.db.execute("BEGIN IMMEDIATE")
            run = self.db.execute("INSERT INTO runs (started) VALUES (?)", (started,)).lastrowid
            self.db.executemany("INSERT INTO records VALUES (?, ?, ?, ?)", [
                (run, repo, data["commit"], json.dumps(data, sort_keys=True,
                                                       separators=(",", ":")))
                for repo, data in records.items()])
            self.db.execute("DELETE FROM records WHERE run <= ?", (int(run or 0) - KEEP_RUNS,))
            self.db.execute("DELETE FROM runs WHERE id <= ?", (int(run or 0) - KEEP_RUNS,))
            self.db.execute("COMMIT")
            return int(run or 0)
        except sqlite3.DatabaseError as exc:
            with contextlib.suppress(sqlite3.DatabaseError):
                self.db.execute("ROLLBACK")
            self.warnings.append(f"history write failed ({exc}); this run is not recorded")
            return None

    def runs(self) -> int:
        assert self.db is not None
        return int(self.db.execute("SELECT count(*) FROM runs").fetchone()[0])

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None
