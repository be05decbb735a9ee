"""A shop with four agent branches that collide in every way `driftguard overlap` names.

    agent/pricing   edits discount() in pricing.py; renames report.summary -> summarize
    agent/checkout  edits discount() elsewhere (same symbol, no conflict); sets TIMEOUT
    agent/export    sets TIMEOUT differently (textual conflict with agent/checkout);
                    adds export.py, which newly imports and calls report.summary
    agent/docs      edits only the docs: collides with nobody

Expected: DG302 pricing/checkout, DG303 checkout/export, DG304 pricing -> export.
"""

from __future__ import annotations

from repo_helpers import GitRepo

BASE = {
    "pyproject.toml": "[project]\nname = 'shop'\n",
    "README.md": "# shop\n",
    "src/shop/__init__.py": "",
    "src/shop/config.py": "TIMEOUT = 10\nRETRIES = 3\n",
    "src/shop/pricing.py": (
        "def discount(total, rate):\n"
        "    if rate < 0:\n"
        "        raise ValueError('negative rate')\n"
        "    price = total * (1 - rate)\n"
        "    return price\n"
    ),
    "src/shop/report.py": "def summary(rows):\n    return len(rows)\n",
}

PRICING = {
    "src/shop/pricing.py": BASE["src/shop/pricing.py"].replace("rate < 0", "rate <= 0"),
    "src/shop/report.py": "def summarize(rows):\n    return len(rows)\n",
}
CHECKOUT = {
    "src/shop/pricing.py": BASE["src/shop/pricing.py"].replace(
        "return price", "return round(price, 2)"),
    "src/shop/config.py": "TIMEOUT = 30\nRETRIES = 3\n",
}
EXPORT = {
    "src/shop/config.py": "TIMEOUT = 60\nRETRIES = 3\n",
    "src/shop/export.py": (
        "from shop.report import summary\n\n\n"
        "def export(rows):\n"
        "    return summary(rows)\n"
    ),
}
DOCS = {"README.md": "# shop\n\nSee docs/guide.md.\n", "docs/guide.md": "# Guide\n"}

AGENTS = {"agent/pricing": PRICING, "agent/checkout": CHECKOUT, "agent/export": EXPORT,
          "agent/docs": DOCS}


def build_agents(repo: GitRepo) -> GitRepo:
    repo.commit(BASE, "base")
    for name, files in AGENTS.items():
        repo.branch(name)
        repo.commit(files, name)
    repo.checkout("main")
    return repo
