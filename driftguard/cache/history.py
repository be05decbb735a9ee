"""History of drift reports: one summary per repository per run, in SQLite.

The nightly report compares each repository with its previous run. Teams keep the
file between CI runs as a cache or artifact (docs/report.md).
"""

from __future__ import annotations

import json
import sqlite3
import time
from typing import TYPE_CHECKING, Any

from driftguard.errors import DriftguardError

if TYPE_CHECKING:
    from pathlib import Path

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS runs (id INTEGER PRIMARY KEY, started REAL NOT NULL)",
    "CREATE TABLE IF NOT EXISTS summaries (run INTEGER NOT NULL REFERENCES runs(id),"
    " repo TEXT NOT NULL, commit_id TEXT, data TEXT NOT NULL, PRIMARY KEY (run, repo))",
)


class History:
    def __init__(self, path: Path) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(str(path), timeout=10, isolation_level=None)
            self.db.execute("PRAGMA journal_mode = WAL")
            for statement in SCHEMA:
                self.db.execute(statement)
        except (OSError, sqlite3.DatabaseError) as exc:
            raise DriftguardError(f"cannot use the history file {path}: {exc}",
                                  "Pass --history with a writable path.") from exc

    def last(self, repo: str) -> dict[str, Any] | None:
        row = self.db.execute(
            "SELECT data FROM summaries WHERE repo = ? ORDER BY run DESC LIMIT 1", (repo,)
        ).fetchone()
        return json.loads(row[0]) if row else None

    def record(self, summaries: dict[str, dict[str, Any]]) -> int:
        self.db.execute("BEGIN IMMEDIATE")
        cursor = self.db.execute("INSERT INTO runs (started) VALUES (?)", (time.time(),))
        run = int(cursor.lastrowid or 0)
        self.db.executemany(
            "INSERT INTO summaries VALUES (?, ?, ?, ?)",
            [(run, repo, s.get("commit"), json.dumps(s, sort_keys=True))
             for repo, s in summaries.items()])
        self.db.execute("COMMIT")
        return run

    def runs(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM runs").fetchone()[0])

    def trend(self, repo: str, limit: int = 30) -> list[dict[str, Any]]:
        """Oldest first: per run, the repository's edge and cycle counts."""
        rows = self.db.execute(
            "SELECT s.run, r.started, s.data FROM summaries s JOIN runs r ON r.id = s.run"
            " WHERE s.repo = ? ORDER BY s.run DESC LIMIT ?", (repo, limit)).fetchall()
        out = []
        for run, started, data in reversed(rows):
            summary = json.loads(data)
            out.append({"run": run, "started": started, "commit": summary.get("commit"),
                        "edges": len(summary["edges"]), "cycles": len(summary["cycles"])})
        return out

    def close(self) -> None:
        self.db.close()
