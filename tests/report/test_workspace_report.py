"""`driftguard report` over a real three-repository workspace, through the real CLI."""

from __future__ import annotations

import json
import sqlite3

from repo_helpers import run_cli

RENAMED = {"shoplib/__init__.py": "from shoplib.pricing import compute_price\n",
           "shoplib/pricing.py": "def compute_price(item, currency='EUR'):\n"
                                 "    return item.price\n",
           "shoplib/tax.py": "from shoplib.pricing import compute_price\n"}


def report(home, *extra: str) -> dict:
    result = run_cli("report", "--workspace", "workspace.toml", "--history", "history.db",
                     "--json", "out.json", *extra, cwd=home)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return json.loads((home / "out.json").read_text())


def brief(findings: list[dict]) -> list[tuple]:
    return [(f["rule"], f["repo"], f["path"], f["line"], f["extra"].get("status"))
            for f in findings]


def test_a_broken_library_function_names_the_consumer_in_the_other_repo(workspace) -> None:
    home, lib, _ = workspace
    first = report(home)
    assert first["findings"] == []
    service = first["stats"]["repos"]["service"]
    assert service["depends_on"] == ["lib"]
    assert ["svc.orders", "lib", "shoplib.pricing", 1, ""] in service["cross"]

    lib.commit(RENAMED, "lib: rename price_of")
    (broken,) = report(home)["findings"]
    assert brief([broken]) == [("DG205", "service", "svc/orders.py", 1, "new")]
    assert "shoplib.pricing.price_of was renamed to 'compute_price' in repository 'lib'" \
        in broken["message"]
    assert [(e["path"], e["line"]) for e in broken["evidence"]] == [
        ("shoplib/pricing.py", 1), ("svc/orders.py", 1), ("svc/orders.py", 5)]

    still = report(home)  # nothing changed: the consumer is still broken, nothing is new
    assert brief(still["findings"]) == [("DG205", "service", "svc/orders.py", 1, "ongoing")]


def test_rerun_without_change_reports_no_new_drift_and_history_holds_both(workspace) -> None:
    home, _, _ = workspace
    report(home)
    again = report(home)
    assert again["findings"] == []
    assert again["stats"]["runs"] == 2
    assert {repo: len(points) for repo, points in again["stats"]["trend"].items()} == {
        "lib": 2, "service": 2, "web": 2}
    with sqlite3.connect(home / "history.db") as db:
        rows = db.execute("SELECT run, repo FROM records ORDER BY run, repo").fetchall()
    assert rows == [(1, "lib"), (1, "service"), (1, "web"),
                    (2, "lib"), (2, "service"), (2, "web")]


def test_snapshot_files_merge_into_the_findings_of_one_run(workspace) -> None:
    home, lib, _ = workspace
    report(home)
    lib.commit(RENAMED, "lib: rename price_of")
    for name in ("lib", "service"):  # one CI job per repository, each with the history
        done = run_cli("-C", name, "report", "--name", name, "--history", "history.db",
                       "--snapshot-out", f"{name}.json", cwd=home)
        assert done.returncode == 0, done.stderr
    merged = run_cli("report", "--merge", "lib.json", "service.json", "--history",
                     "history.db", "--no-record", "--json", "merged.json", cwd=home)
    assert merged.returncode == 0, merged.stderr
    direct = report(home, "--no-record")
    joined = json.loads((home / "merged.json").read_text())
    cross = [f for f in direct["findings"] if f["rule"] == "DG205"]
    assert cross and joined["findings"] == cross
    assert joined["stats"]["repos"]["service"]["cross"] == \
        direct["stats"]["repos"]["service"]["cross"]


def test_a_file_that_is_not_a_snapshot_cannot_be_merged(tmp_path) -> None:
    (tmp_path / "x.json").write_text('{"findings": []}')
    result = run_cli("report", "--merge", "x.json", cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "cannot merge x.json: not a driftguard-snapshot/1 file" in result.stderr


def test_a_missing_repository_is_named_with_its_workspace_entry(tmp_path) -> None:
    (tmp_path / "workspace.toml").write_text('[[workspace.repos]]\nname = "gone"\npath = "nope"\n')
    result = run_cli("report", "--workspace", "workspace.toml", cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "workspace repository 'gone'" in result.stderr
