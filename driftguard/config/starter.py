"""The commented starter driftguard.toml that ``driftguard init`` writes."""

from __future__ import annotations

DOCS = "https://github.com/driftguard/driftguard/blob/main/docs/config.md"


def starter_config(presets: list[str]) -> str:
    """A config that loads as is and shows every section, commented out."""
    return STARTER.format(docs=DOCS, presets=", ".join(f'"{p}"' for p in presets))


STARTER = """\
# driftguard configuration. Every key: {docs}
# Check a branch against it:  driftguard check --base main

# Presets shipped with driftguard (merged underneath this file): {presets}
extends = []

# Named architectural units, by path globs ("**" = any depth) or dotted packages
# (a package covers its children). `interface` lists what outsiders may import.
# [[modules]]
# name = "api"
# paths = ["src/shop/api/**"]
#
# [[modules]]
# name = "services"
# packages = ["shop.services"]
# interface = ["shop.services.public"]
#
# [[modules]]
# name = "data"
# packages = ["shop.data"]

# Boundary rules: layers (highest first), forbidden, independence, acyclic, interface.
# [[rules]]
# type = "layers"
# layers = ["api", "services", "data"]
#
# [[rules]]
# type = "forbidden"
# source = ["data"]
# target = ["api"]

# Ownership of parallel branches (DG106 edits outside `owns`, DG107 `cannot_touch`).
# [[agents]]
# branch = "agent/data-*"
# owns = ["src/shop/data/**"]
# cannot_touch = ["src/shop/api/**"]

# Branches checked against each other for overlapping edits (DG3xx).
# [overlap]
# concurrent = ["agent/*"]

# Per rule code severity: error, warning, info or off.
# [severity]
# DG301 = "off"
"""
