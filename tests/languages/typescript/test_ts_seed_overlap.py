"""The seed case of agent-control-plane.txt in TypeScript: a metadata branch renames the
function the listing page reads while a search branch newly reads the old one."""

from __future__ import annotations

import json

import pytest
from repo_helpers import run_cli

CONFIG = """\
[[modules]]
name = "pages"
paths = ["web/src/pages/**"]

[[modules]]
name = "search"
paths = ["web/src/search/**"]

[[modules]]
name = "data"
paths = ["web/src/data/**"]

[[rules]]
type = "layers"
layers = [["pages", "search"], "data"]

[[agents]]
branch = "agent/search"
owns = ["web/src/search/**"]

[[agents]]
branch = "agent/metadata"
owns = ["web/src/data/**", "web/src/pages/**"]

[overlap]
concurrent = ["agent/*"]
"""

BASE = {
    "driftguard.toml": CONFIG,
    "web/package.json": '{"name": "web"}\n',
    "web/src/data/listing.ts": (
        "export interface Listing { title: string; status: string }\n\n"
        "export function listingStatus(listing: Listing): string {\n"
        "  return listing.status;\n}\n"),
    "web/src/pages/listings.tsx": (
        "import { listingStatus, Listing } from '../data/listing';\n\n"
        "export function Row(props: { listing: Listing }) {\n"
        "  return <td>{listingStatus(props.listing)}</td>;\n}\n"),
}


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    from repo_helpers import GitRepo

    repo = GitRepo(tmp_path_factory.mktemp("seed") / "repo")
    repo.commit(BASE, "listings")
    repo.branch("agent/metadata")
    repo.commit({
        "web/src/data/listing.ts": BASE["web/src/data/listing.ts"].replace(
            "listingStatus", "listingState"),
        "web/src/pages/listings.tsx": BASE["web/src/pages/listings.tsx"].replace(
            "listingStatus", "listingState"),
    }, "metadata: listingStatus -> listingState")
    repo.branch("agent/search", "main")
    repo.commit({
        "web/src/search/filter.ts": (
            "import { listingStatus, Listing } from '../data/listing';\n\n"
            "export function byStatus(rows: Listing[], status: string): Listing[] {\n"
            "  return rows.filter((row) => listingStatus(row) === status);\n}\n"),
        "web/src/pages/listings.tsx": BASE["web/src/pages/listings.tsx"] + (
            "\nexport const SEARCHABLE = true;\n"),
    }, "search: filter by status")
    repo.checkout("main")
    return repo


def test_overlap_reports_the_semantic_conflict(seed) -> None:
    result = run_cli("overlap", "--base", "main", "--format", "json", cwd=seed.path)
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)["findings"]
    (dg304,) = [f for f in findings if f["rule"] == "DG304"]
    assert set(dg304["branches"]) == {"agent/metadata", "agent/search"}
    assert "listingStatus" in dg304["message"]
    texts = [(e["path"], e["line"]) for e in dg304["evidence"]]
    assert ("web/src/search/filter.ts", 1) in texts


def test_check_reports_the_foreign_edit_and_each_branch_passes_its_own_contracts(seed) -> None:
    result = run_cli("check", "--base", "main", "--head", "agent/search", "--format", "json",
                     cwd=seed.path)
    findings = json.loads(result.stdout)["findings"]
    own = [(f["rule"], f["path"]) for f in findings if not f["rule"].startswith("DG3")]
    assert own == [("DG106", "web/src/pages/listings.tsx")]
    metadata = run_cli("check", "--base", "main", "--head", "agent/metadata", "--format",
                       "json", cwd=seed.path)
    rules = {f["rule"] for f in json.loads(metadata.stdout)["findings"]}
    assert not rules & {"DG101", "DG106", "DG201", "DG202"}  # alone, the rename is clean
