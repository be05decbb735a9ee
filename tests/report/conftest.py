"""Fixtures of the report tests: snapshots built in memory (no git) for the pure core, and
a workspace of three real repositories (a Python library, a Python service that imports
it, a TypeScript front end), each with a few commits, for the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from driftguard.extract.build import BlobSource, build_snapshot
from driftguard.model.facts import SourceFile
from driftguard.model.snapshot import Snapshot

WORKSPACE = """
[[workspace.repos]]
name = "lib"
path = "lib"

[[workspace.repos]]
name = "service"
path = "service"

[[workspace.repos]]
name = "web"
path = "web"
"""


def snapshot_of(files: dict[str, str], commit: str = "c" * 40) -> Snapshot:
    """The snapshot of a revision holding ``files`` (path -> text), parsed in memory."""
    blobs = {f"{commit}:{path}": text.encode() for path, text in files.items()}
    sources = [SourceFile(path, f"{commit}:{path}") for path in files]
    built, _ = build_snapshot(commit, commit, sources,
                              BlobSource(blobs.__getitem__, lambda b: len(blobs[b])), None,
                              all_paths=list(files), all_files=sources)
    return built


@pytest.fixture
def snap():
    return snapshot_of


@pytest.fixture
def workspace(tmp_path: Path, make_repo):
    """(workspace folder, lib repo, service repo): the service calls lib's price_of."""
    lib, service, web = make_repo("lib"), make_repo("service"), make_repo("web")
    lib.commit({"shoplib/__init__.py": "from shoplib.pricing import price_of\n",
                "shoplib/pricing.py": "def price_of(item, currency='EUR'):\n"
                                      "    return item.price\n"}, "lib: pricing")
    lib.commit({"shoplib/tax.py": "from shoplib.pricing import price_of\n\n\n"
                                  "def tax(item):\n    return price_of(item) / 5\n"}, "lib: tax")
    service.commit({"svc/__init__.py": "", "svc/orders.py": (
        "from shoplib.pricing import price_of\n\n\n"
        "def total(items):\n    return sum(price_of(i) for i in items)\n")}, "service: orders")
    service.commit({"svc/api.py": "from svc.orders import total\n"}, "service: api")
    web.commit({"package.json": '{"name": "@shop/web"}\n',
                "src/api.ts": "export function getOrders() { return fetch('/orders'); }\n"},
               "web: api")
    web.commit({"src/page.ts": "import { getOrders } from './api';\n"}, "web: page")
    (tmp_path / "workspace.toml").write_text(WORKSPACE)
    return tmp_path, lib, service
