"""A small TOML writer for the plain data driftguard generates (strings, bools, ints, arrays,
tables, arrays of tables). Enough for ``driftguard init``; no dependency for it."""

from __future__ import annotations

import json
import re
from typing import Any

WIDTH = 88


def dumps(data: dict[str, Any], path: tuple[str, ...] = ()) -> str:
    """TOML text of ``data``: plain keys first, then tables and arrays of tables."""
    plain = [f"{_key(k)} = {value(v)}" for k, v in data.items() if not _is_table(v)]
    out = "\n".join(plain) + ("\n" if plain else "")
    for key, item in data.items():
        child = (*path, key)
        if isinstance(item, dict):
            out += _sep(out) + f"[{_dotted(child)}]\n" + dumps(item, child)
        elif _is_table(item):
            for entry in item:
                out += _sep(out) + f"[[{_dotted(child)}]]\n" + dumps(entry, child)
    return out


def _sep(text: str) -> str:
    return "\n" if text else ""


def _is_table(item: Any) -> bool:
    return isinstance(item, dict) or (
        isinstance(item, list) and bool(item) and all(isinstance(x, dict) for x in item))


def _dotted(path: tuple[str, ...]) -> str:
    return ".".join(_key(part) for part in path)


def _key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else string(key)


def string(text: str) -> str:
    """A TOML basic string (JSON escapes are valid TOML; DEL must be escaped too)."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def value(item: Any) -> str:
    if isinstance(item, bool):
        return "true" if item else "false"
    if isinstance(item, (int, float)):
        return repr(item)
    if isinstance(item, str):
        return string(item)
    if isinstance(item, dict):
        return "{ " + ", ".join(f"{_key(k)} = {value(v)}" for k, v in item.items()) + " }"
    if isinstance(item, (list, tuple)):
        return _array([value(x) for x in item])
    raise TypeError(f"cannot write {type(item).__name__} as TOML")


def _array(items: list[str]) -> str:
    inline = "[" + ", ".join(items) + "]"
    if len(inline) <= WIDTH and "\n" not in inline:
        return inline
    return "[\n" + "".join(f"    {item},\n" for item in items) + "]"
