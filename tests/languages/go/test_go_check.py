"""`driftguard check` on a real Go project: layers by path globs, removed and changed exports."""

from __future__ import annotations

import json

import pytest
from repo_helpers import GitRepo, run_cli

CONFIG = """\
[[modules]]
name = "api"
paths = ["api/**"]

[[modules]]
name = "services"
paths = ["services/**"]

[[modules]]
name = "data"
paths = ["data/**"]

[[rules]]
type = "layers"
layers = ["api", "services", "data"]
"""

STORE = """\
package data

// Open connects to the listing store.
func Open(dsn string) (*Store, error) { return &Store{}, nil }

type Store struct{ Name string }

func (s *Store) Get(id int) string { return "" }
"""

MODELS = """\
package data

type Listing struct {
	Title string
}

func NewListing(title string) Listing { return Listing{Title: title} }
"""
NEW_LISTING = MODELS[MODELS.index("func NewListing"):]

SERVICE = """\
package services

import "example.com/shop/data"

func Titles() []string {
	db, _ := data.Open("db")
	l := data.NewListing("x")
	var s data.Store
	return []string{db.Name, l.Title, s.Get(1)}
}
"""

BRANCHES = {
    "agent/upward": {"data/store.go": STORE.replace(
        "package data\n", 'package data\n\nimport "example.com/shop/api"\n\nvar _ = api.List\n')},
    "agent/remove": {"data/models.go": MODELS.replace(NEW_LISTING, "")},
    "agent/signature": {"data/store.go": STORE.replace("Open(dsn string)",
                                                       "Open(dsn string, timeout int)")},
    "agent/method": {"data/store.go": STORE.replace("Get(id int)", "Get(id int, fresh bool)")},
    # Within a package, a function may move between files: callers do not notice.
    "agent/move": {"data/models.go": MODELS.replace(NEW_LISTING, ""),
                   "data/store.go": STORE + "\n" + NEW_LISTING},
}


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> GitRepo:
    repo = GitRepo(tmp_path_factory.mktemp("go") / "shop")
    repo.commit({
        "go.mod": "module example.com/shop\n\ngo 1.22\n", "driftguard.toml": CONFIG,
        "data/store.go": STORE, "data/models.go": MODELS, "services/listings.go": SERVICE,
        "api/handlers.go": 'package api\n\nimport "example.com/shop/services"\n\n'
                           "func List() []string { return services.Titles() }\n",
    }, "base")
    for branch, files in BRANCHES.items():
        repo.branch(branch)
        repo.commit(files, branch)
    return repo


def findings(repo: GitRepo, branch: str) -> list[dict]:
    result = run_cli("check", "--base", "main", "--head", branch, "--format", "json",
                     cwd=repo.path)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)["findings"]


def where(found: list[dict]) -> set[tuple[str, str, int]]:
    return {(f["rule"], f["path"], f["line"]) for f in found}


def test_upward_import_is_a_layer_violation(shop: GitRepo) -> None:
    found = findings(shop, "agent/upward")
    assert where(found) == {("DG101", "data/store.go", 3)}
    assert found[0]["evidence"][0]["text"] == "data/store -> api/handlers"


def test_removed_export_still_called(shop: GitRepo) -> None:
    found = findings(shop, "agent/remove")
    assert where(found) == {("DG201", "services/listings.go", 7)}
    assert found[0]["evidence"][0]["path"] == "data/models.go"


def test_changed_signature_still_called(shop: GitRepo) -> None:
    found = findings(shop, "agent/signature")
    assert where(found) == {("DG202", "data/store.go", 4)}
    assert ("services/listings.go", 6) in {(e["path"], e["line"]) for e in found[0]["evidence"]}


def test_changed_method_called_through_a_variable(shop: GitRepo) -> None:
    found = findings(shop, "agent/method")
    assert where(found) == {("DG202", "data/store.go", 8)}
    assert ("services/listings.go", 9) in {(e["path"], e["line"]) for e in found[0]["evidence"]}


def test_moving_a_function_within_its_package_breaks_nothing(shop: GitRepo) -> None:
    assert findings(shop, "agent/move") == []
