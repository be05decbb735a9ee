"""Named architectural modules of the config -> the snapshot modules each one covers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from driftguard.model.snapshot import Snapshot

# Keyed by identity; the entry holds both objects so their ids cannot be reused meanwhile.
_CACHE: dict[tuple[int, int], tuple[Any, Snapshot, dict[str, set[str]]]] = {}


def members(config: Any, snapshot: Snapshot) -> dict[str, set[str]]:
    """Module name -> the dotted names of the snapshot's modules it contains."""
    key = (id(config), id(snapshot))
    if key not in _CACHE:
        covered = {m.name: _covered(m, snapshot) for m in getattr(config, "modules", None) or []}
        _CACHE[key] = (config, snapshot, covered)
    return _CACHE[key][2]


def _covered(module_def: Any, snapshot: Snapshot) -> set[str]:
    from driftguard.config.globs import match_path

    out: set[str] = set()
    for package in getattr(module_def, "packages", None) or []:
        out.update(snapshot.children(package))
    for glob in getattr(module_def, "paths", None) or []:
        out.update(m.name for m in snapshot.modules.values() if match_path(glob, m.path))
    return out


def owner_of(config: Any, snapshot: Snapshot) -> dict[str, str]:
    """Snapshot module -> the first named module containing it."""
    out: dict[str, str] = {}
    for name, names in members(config, snapshot).items():
        for module in names:
            out.setdefault(module, name)
    return out
