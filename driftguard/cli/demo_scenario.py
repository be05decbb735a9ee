"""The demo's shop application and its agent branches, as data.

The story follows ../shared/context/agent-control-plane.txt: agents work in
parallel on one listings app; each branch passes alone, together they break.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from driftguard.gitio.writer import commit_files, init_repo

if TYPE_CHECKING:
    from pathlib import Path

CONFIG = """\
[[modules]]
name = "api"
packages = ["shop.api"]

[[modules]]
name = "services"
packages = ["shop.services"]

[[modules]]
name = "data"
packages = ["shop.data"]

[[rules]]
type = "layers"
layers = ["api", "services", "data"]

[[agents]]
branch = "agent/search"
owns = ["src/shop/services/search.py", "src/shop/api/search.py"]

[[agents]]
branch = "agent/metadata"
owns = ["src/shop/data/**"]

[overlap]
concurrent = ["agent/*"]
"""

BASE = {
    "pyproject.toml": '[project]\nname = "shop"\nversion = "0.1.0"\n',
    "driftguard.toml": CONFIG,
    "src/shop/__init__.py": "",
    "src/shop/api/__init__.py": "",
    "src/shop/api/listings.py": (
        "from shop.services.listings import list_listings\n\n\n"
        "def get_listings(request):\n"
        "    return list_listings(status=request.args.get('status'))\n"),
    "src/shop/services/__init__.py": "",
    "src/shop/services/listings.py": (
        "from shop.data.models import Listing, listing_status\n\n\n"
        "def list_listings(status=None):\n"
        "    rows = Listing.all()\n"
        "    return [r for r in rows if status is None or listing_status(r) == status]\n"),
    "src/shop/data/__init__.py": "",
    "src/shop/data/models.py": (
        "class Listing:\n"
        "    @classmethod\n"
        "    def all(cls):\n"
        "        return []\n\n\n"
        "def listing_status(listing):\n"
        "    return listing.status\n"),
}

SEARCH = {
    "src/shop/services/search.py": (
        "from shop.data.models import Listing, listing_status\n"
        "from shop.api.listings import get_listings\n\n\n"
        "def search(term, status=None):\n"
        "    return [r for r in Listing.all() if term in r.title\n"
        "            and (status is None or listing_status(r) == status)]\n"),
    "src/shop/data/models.py": BASE["src/shop/data/models.py"] + (
        "\n\ndef search_index():\n    return {}\n"),
}

METADATA = {
    "src/shop/data/models.py": BASE["src/shop/data/models.py"].replace(
        "def listing_status(listing):\n    return listing.status\n",
        "def listing_state(listing):\n    return listing.state\n"),
}

DOCS = {"README.md": "# shop\n\nA listings service.\n"}

AGENT_BRANCHES = ("agent/search", "agent/metadata", "agent/docs")


def build_demo_repo(path: Path) -> Path:
    path.mkdir(parents=True)
    repo = init_repo(path)
    commit_files(repo, "main", BASE, "shop: listings service", tick=0)
    commit_files(repo, "agent/search", SEARCH, "search: add search service", "main", tick=1)
    commit_files(repo, "agent/metadata", METADATA, "metadata: rename status to state",
                 "main", tick=2)
    commit_files(repo, "agent/docs", DOCS, "docs: readme", "main", tick=3)
    return path
