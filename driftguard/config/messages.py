"""Pydantic errors -> one line per problem: file, key path in TOML terms, what is allowed."""

from __future__ import annotations

import re
import types
from typing import TYPE_CHECKING, Any, Union, get_args, get_origin

from pydantic import BaseModel

from driftguard.config.models import Config
from driftguard.config.references import ERROR_TYPE
from driftguard.config.rule_models import LAYER_ITEM, RULE_TYPES

if TYPE_CHECKING:
    from pydantic import ValidationError

Loc = tuple[Any, ...]
RULES_LOC = "rules"

_EXPECTED = {
    "string_type": "a string", "bool_type": "true or false", "int_type": "an integer",
    "list_type": "an array", "dict_type": "a table", "model_type": "a table",
    "model_attributes_type": "a table", "float_type": "a number",
}


def issues_of(error: ValidationError) -> list[tuple[Loc, str]]:
    """(key path, message) of every problem, tags of unions removed from the paths."""
    out: list[tuple[Loc, str]] = []
    for item in error.errors(include_url=False):
        if item["type"] == ERROR_TYPE:
            out.extend(item["ctx"]["issues"])
        else:
            out.append(_issue(dict(item)))
    return out


def _issue(item: dict[str, Any]) -> tuple[Loc, str]:
    raw = tuple(item["loc"])
    loc = _strip_tags(raw)
    kind, value = item["type"], item.get("input")
    if kind == "extra_forbidden":
        return loc, f"unknown key {loc[-1]!r}; allowed: {', '.join(_fields_at(raw[:-1]))}"
    if kind == "missing":
        return loc[:-1], f"missing required key {loc[-1]!r}"
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        return _rule_type_issue(loc, value)
    if kind == "literal_error":
        allowed = ", ".join(re.findall(r"'([^']*)'", item["ctx"]["expected"]))
        return loc, f"{_show(value)} is not allowed; allowed: {allowed}"
    if kind in _EXPECTED:
        return loc, f"expected {_EXPECTED[kind]}, got {_show(value)}"
    if kind == LAYER_ITEM:
        return (*loc, item["ctx"]["index"]), str(item["msg"])
    if kind == "too_short":
        return loc, f"needs at least {item['ctx']['min_length']} item(s), got {len(value or [])}"
    return loc, str(item["msg"]).removeprefix("Value error, ")


def _rule_type_issue(loc: Loc, value: Any) -> tuple[Loc, str]:
    allowed = ", ".join(RULE_TYPES)
    if not isinstance(value, dict):
        return loc, f"expected a table ([[rules]]), got {_show(value)}"
    if "type" not in value:
        return loc, f"missing required key 'type'; allowed: {allowed}"
    return (*loc, "type"), f"unknown rule type {_show(value['type'])}; allowed: {allowed}"


def _strip_tags(loc: Loc) -> Loc:
    """Drop the union member pydantic adds (``rules.1.layers.type`` -> ``rules.1.type``)."""
    out = list(loc)
    if len(out) > 2 and out[0] == RULES_LOC and isinstance(out[1], int) and out[2] in RULE_TYPES:
        del out[2]
    return tuple(part for part in out if part != "[key]")


def _fields_at(raw: Loc) -> list[str]:
    """Keys allowed in the table at ``raw`` (a pydantic location, union tags included)."""
    model: Any = Config
    for part in raw:
        if isinstance(part, int) or part == "[key]":
            continue
        if part in RULE_TYPES and model is None:
            model = RULE_TYPES[part]
            continue
        found = model.model_fields.get(part) if model else None
        model = _model_in(found.annotation) if found else None
    if model is None:
        return []
    return sorted(model.model_fields, key=lambda name: name != "type")


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model inside ``list[X]``, ``X | None``...; None for the rule union (tag decides)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if get_origin(annotation) in (Union, types.UnionType):
        return None if _is_rule_union(annotation) else _first_model(get_args(annotation))
    return _first_model(get_args(annotation))


def _first_model(args: tuple[Any, ...]) -> type[BaseModel] | None:
    return next((m for m in map(_model_in, args) if m is not None), None)


def _is_rule_union(annotation: Any) -> bool:
    return set(get_args(annotation)) == set(RULE_TYPES.values())


def _show(value: Any) -> str:
    """A value as the user wrote it in TOML."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "an array"
    return str(value)


def key_path(loc: Loc) -> str:
    """``("rules", 1, "layers", 2)`` -> ``rules[1].layers[2]`` (TOML key syntax)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            text = part if re.fullmatch(r"[A-Za-z0-9_-]+", part) else f'"{part}"'
            out += f".{text}" if out else text
    return out
