"""TypeScript through the real CLI: a layering violation on a branch, a mixed repository."""

from __future__ import annotations

import json

from repo_helpers import run_cli, run_json

CONFIG = """\
[[modules]]
name = "pages"
paths = ["web/src/pages/**"]

[[modules]]
name = "api"
paths = ["web/src/api/**"]

[[modules]]
name = "lib"
paths = ["web/src/lib/**", "packages/ui/**"]

[[rules]]
type = "layers"
layers = ["pages", "api", "lib"]
"""

WEB = {
    "driftguard.toml": CONFIG,
    "web/tsconfig.json": '{"compilerOptions": {"baseUrl": ".", "paths": {"@/*": ["src/*"]}}}',
    "web/src/pages/listing.tsx": (
        "import { getListings } from '@/api';\n"
        "import { Button } from '@acme/ui';\n"
        "export function ListingPage() {\n"
        "  return <Button onClick={() => getListings('q')} />;\n"
        "}\n"),
    "web/src/api/index.ts": "export * from './client';\n",
    "web/src/api/client.ts": (
        "import { request } from '../lib/http.js';\n"
        "import axios from 'axios';\n"
        "export async function getListings(query: string, page = 1) {\n"
        "  return request(`/listings?q=${query}&page=${page}`);\n"
        "}\n"),
    "web/src/lib/http.ts": "export const request = (url: string) => fetch(url);\n",
    "packages/ui/package.json": '{"name": "@acme/ui", "main": "dist/index.js"}\n',
    "packages/ui/src/index.ts": "export const Button = (props: object) => null;\n",
}


def test_branch_adding_an_upward_import_in_typescript_reports_dg101(git_repo) -> None:
    git_repo.commit(WEB, "web app")
    git_repo.branch("agent/cache")
    git_repo.commit({
        "web/src/lib/http.ts": ("import { ListingPage } from '../pages/listing';\n"
                                "export const request = (url: string) => fetch(url);\n"),
        "web/src/lib/legacy.js": ("const pages = require('../pages/listing');"
                                  "  // driftguard: ignore[DG101] goes with the old shell\n"),
    }, "lib reaches up")
    result = run_cli("check", "--base", "main", "--head", "agent/cache", "--format", "json",
                     cwd=git_repo.path)
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    found = [(f["rule"], f["path"], f["line"]) for f in report["findings"]]
    assert found == [("DG101", "web/src/lib/http.ts", 1)]
    assert report["findings"][0]["branches"] == ["agent/cache"]
    clean = run_cli("check", "--base", "main", "--head", "main", "--format", "json",
                    cwd=git_repo.path)
    assert (clean.returncode, json.loads(clean.stdout)["findings"]) == (0, [])


def test_removed_export_and_changed_signature_still_used_report_dg201_and_dg202(git_repo) -> None:
    git_repo.commit({
        "web/src/api/client.ts": ("export function getListings(q: string) { return []; }\n"
                                  "export function getListing(id: string) { return null; }\n"),
        "web/src/api/index.ts": "export * from './client';\n",
        "web/src/pages/home.ts": ("import * as api from '../api/client';\n"
                                  "api.getListings('x');\n"),
        "web/src/pages/detail.ts": ("import { getListing } from '../api';\n"
                                    "export const show = (id: string) => getListing(id);\n"),
    }, "base")
    git_repo.branch("agent/api")
    git_repo.commit({"web/src/api/client.ts": (
        "export function getListings(q: string, page: number) { return []; }\n")}, "api v2")
    result = run_cli("check", "--base", "main", "--head", "agent/api", "--format", "json",
                     cwd=git_repo.path)
    found = {(f["rule"], f["path"], f["line"]) for f in json.loads(result.stdout)["findings"]}
    assert found == {("DG201", "web/src/pages/detail.ts", 1),  # through the index.ts barrel
                     ("DG202", "web/src/api/client.ts", 1)}, result.stderr


def test_mixed_python_service_and_typescript_front_end_in_one_graph(git_repo) -> None:
    git_repo.commit({
        **WEB,
        "pyproject.toml": "[project]\nname = 'shop'\n",
        "src/shop/__init__.py": "",
        "src/shop/api.py": "from shop import models\nimport requests\n",
        "src/shop/models.py": "class Listing:\n    pass\n",
    }, "service and front end")
    graph = run_json("graph", "--format", "json", cwd=git_repo.path)
    edges = {(e["from"], e["to"]) for e in graph["edges"]}
    assert edges == {
        ("shop.api", "shop.models"),
        ("web/src/pages/listing", "web/src/api"),
        ("web/src/pages/listing", "packages/ui/src"),
        ("web/src/api", "web/src/api/client"),
        ("web/src/api/client", "web/src/lib/http"),
    }
    assert graph["external"] == {"shop.api": ["requests"], "web/src/api/client": ["axios"]}
    languages = {m["name"]: m["language"] for m in graph["modules"]}
    assert (languages["shop.api"], languages["web/src/api"]) == ("python", "typescript")
    assert graph["stats"]["files"] == 8  # 5 TypeScript, 3 Python
    assert graph["unresolved"] == graph["warnings"] == []
