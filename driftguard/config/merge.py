"""Merge presets under the user's config, remembering which file every value came from.

Tables merge key by key, arrays concatenate (preset first), scalars are
overridden by the later layer. One exception: a ``[[modules]]`` entry replaces
a preset's module of the same name, so a user can re-aim a preset's module at
their own layout. The provenance maps a key path of the merged data back to
the file and key path the user wrote, so errors point at the right line of
thought even after merging.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Layer:
    """One source of config data: the user's file or a preset."""

    source: str  # shown in messages: "driftguard.toml", "preset layered-app"
    data: dict[str, Any] = field(hash=False, compare=False)
    prefix: Loc = ()  # where the data sits in its file: ("tool", "driftguard") in pyproject


@dataclass
class Provenance:
    lists: dict[Loc, list[tuple[Layer, int]]] = field(default_factory=dict)
    owners: dict[Loc, Layer] = field(default_factory=dict)

    def locate(self, loc: Loc, default: Layer) -> tuple[Layer, Loc]:
        """The layer that wrote ``loc`` of the merged data, and the key path inside it."""
        for k in range(len(loc), 0, -1):
            prefix, rest = loc[:k - 1], loc[k - 1:]
            entries = self.lists.get(prefix)
            if entries and isinstance(rest[0], int) and rest[0] < len(entries):
                layer, index = entries[rest[0]]
                return layer, (*prefix, index, *rest[1:])
            if loc[:k] in self.owners:
                return self.owners[loc[:k]], loc
        return default, loc


def merge_layers(layers: list[Layer]) -> tuple[dict[str, Any], Provenance]:
    """Merge ``layers`` (lowest first); ``extends`` is taken from the last layer only."""
    merged: dict[str, Any] = {}
    provenance = Provenance()
    for layer in layers:
        _merge(merged, {k: v for k, v in layer.data.items() if k != "extends"}, layer, (),
               provenance)
    if "extends" in layers[-1].data:
        merged["extends"] = layers[-1].data["extends"]
        provenance.owners[("extends",)] = layers[-1]
    return merged, provenance


def _merge(target: dict[str, Any], data: dict[str, Any], layer: Layer, path: Loc,
           provenance: Provenance) -> None:
    for key, value in data.items():
        loc = (*path, key)
        old = target.get(key)
        if isinstance(old, dict) and isinstance(value, dict):
            _merge(old, value, layer, loc, provenance)
        elif isinstance(old, list) and isinstance(value, list):
            pairs = list(zip(old, provenance.lists[loc], strict=True))
            pairs = _replace_by_name(pairs, value, layer) if loc == ("modules",) else (
                pairs + list(zip(value, _origins(layer, value), strict=True)))
            target[key] = [copy.deepcopy(item) for item, _ in pairs]
            provenance.lists[loc] = [origin for _, origin in pairs]
        else:
            target[key] = copy.deepcopy(value)
            _record(value, loc, layer, provenance)


def _record(value: Any, loc: Loc, layer: Layer, provenance: Provenance) -> None:
    """Remember ``layer`` as the writer of ``value`` and of every array or table inside it."""
    provenance.owners[loc] = layer
    if isinstance(value, list):
        provenance.lists[loc] = _origins(layer, value)
    elif isinstance(value, dict):
        for key, item in value.items():
            _record(item, (*loc, key), layer, provenance)


def _origins(layer: Layer, items: list[Any]) -> list[tuple[Layer, int]]:
    return [(layer, index) for index in range(len(items))]


def _replace_by_name(pairs: list[tuple[Any, tuple[Layer, int]]], new: list[Any], layer: Layer
                     ) -> list[tuple[Any, tuple[Layer, int]]]:
    """A new module takes the place of the old one of its name (order decides overlaps)."""
    pending: dict[Any, tuple[Any, tuple[Layer, int]]] = {}
    for index, item in enumerate(new):
        name = item.get("name") if isinstance(item, dict) else None
        pending.setdefault(name, (item, (layer, index)))
    out = []
    for item, origin in pairs:
        name = item.get("name") if isinstance(item, dict) else None
        out.append(pending.pop(name) if name is not None and name in pending else (item, origin))
    used = {id(pair[0]) for pair in out}
    return out + [(item, (layer, i)) for i, item in enumerate(new) if id(item) not in used]
