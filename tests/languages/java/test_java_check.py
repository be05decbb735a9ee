"""`driftguard check` on a real Java project: layers by path globs, removed and changed methods."""

from __future__ import annotations

import json

import pytest
from repo_helpers import GitRepo, run_cli

SRC = "src/main/java/com/shop"
CONFIG = "".join(f'[[modules]]\nname = "{name}"\npaths = ["{SRC}/{name}/**"]\n\n'
                 for name in ("api", "services", "data")) + (
    '[[rules]]\ntype = "layers"\nlayers = ["api", "services", "data"]\n')

LISTING = """\
package com.shop.data;

public class Listing {
    public static Listing create(String title) {
        return new Listing();
    }

    public String title() {
        return "";
    }
}
"""
TITLE = LISTING[LISTING.index("\n    public String title"):LISTING.rindex("}")]

CATALOG = """\
package com.shop.services;

import com.shop.data.Listing;

public class Catalog {
    public String first() {
        Listing l = Listing.create("x");
        return l.title();
    }
}
"""

VIEWS = """\
package com.shop.api;

import com.shop.services.*;

public class Views {
    public String show() {
        return new Catalog().first();
    }
}
"""

BRANCHES = {
    "agent/upward": {f"{SRC}/data/Listing.java": LISTING.replace(
        "package com.shop.data;\n", "package com.shop.data;\n\nimport com.shop.api.Views;\n")},
    "agent/remove": {f"{SRC}/data/Listing.java": LISTING.replace(TITLE, "")},
    "agent/signature": {f"{SRC}/data/Listing.java": LISTING.replace(
        "create(String title)", "create(String title, int limit)")},
    # An added overload keeps every existing call valid.
    "agent/overload": {f"{SRC}/data/Listing.java": LISTING.replace(
        TITLE, TITLE + '\n\n    public String title(boolean upper) {\n        return "";\n    }')},
}


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> GitRepo:
    repo = GitRepo(tmp_path_factory.mktemp("java") / "shop")
    repo.commit({"driftguard.toml": CONFIG, f"{SRC}/data/Listing.java": LISTING,
                 f"{SRC}/services/Catalog.java": CATALOG, f"{SRC}/api/Views.java": VIEWS},
                "base")
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
    assert where(found) == {("DG101", f"{SRC}/data/Listing.java", 3)}


def test_removed_method_still_called_through_an_instance(shop: GitRepo) -> None:
    found = findings(shop, "agent/remove")
    assert where(found) == {("DG201", f"{SRC}/services/Catalog.java", 8)}
    assert found[0]["evidence"][0]["path"] == f"{SRC}/data/Listing.java"


def test_changed_signature_still_called(shop: GitRepo) -> None:
    found = findings(shop, "agent/signature")
    assert where(found) == {("DG202", f"{SRC}/data/Listing.java", 4)}
    assert (f"{SRC}/services/Catalog.java", 7) in {
        (e["path"], e["line"]) for e in found[0]["evidence"]}


def test_new_overload_breaks_nothing(shop: GitRepo) -> None:
    assert findings(shop, "agent/overload") == []
