"""A validated config kept as plain data, read back without pydantic.

Importing pydantic and building the models costs ~0.25 s, more than the whole
pre-commit budget. Validation runs once per config text; the result is stored
(in the cache, by a digest of the text) as plain tuples, and later runs rebuild
light objects with the same attributes and the few methods checks call.
"""

from __future__ import annotations

import hashlib
import marshal
from types import SimpleNamespace
from typing import Any

FORMAT = 1
_MODEL, _DICT, _LIST = "m", "d", "l"


def cache_key(text: str, source: str, pyproject: bool | None) -> str:
    from driftguard import __version__

    parts = [__version__, str(FORMAT), source, str(pyproject), text]
    if "extends" in text:  # presets are read too: their text is part of what was validated
        parts.extend(_preset_texts())
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _preset_texts() -> list[str]:
    from driftguard.config.presets import _preset_dir

    folder = _preset_dir()
    return [f"{entry.name}\0{entry.read_text(encoding='utf-8')}"
            for entry in sorted(folder.iterdir(), key=lambda e: e.name)]


def freeze(config: Any) -> bytes:
    """A validated Config as bytes (called where pydantic is already loaded)."""
    return marshal.dumps((FORMAT, config.source, _encode(config)))


def thaw(data: bytes) -> PlainConfig:
    """Raises ValueError for bytes not written by ``freeze`` of this format."""
    try:
        version, source, tree = marshal.loads(data)
    except (ValueError, TypeError, EOFError) as exc:
        raise ValueError(f"unreadable config ({exc})") from exc
    if version != FORMAT:
        raise ValueError(f"config format {version}, expected {FORMAT}")
    config = _decode(tree)
    if not isinstance(config, PlainConfig):
        raise ValueError("not a config")
    config.source = source
    return config


class Plain(SimpleNamespace):
    """A model's fields as attributes."""


class PlainRule(Plain):
    def levels(self) -> list[list[str]]:
        """Each layer as a list of sibling module names, highest first (layers rules)."""
        return [[item] if isinstance(item, str) else list(item) for item in self.layers]


class PlainConfig(Plain):
    source: str | None

    def module(self, name: str) -> Any:
        return next((m for m in self.modules if m.name == name), None)


_KINDS = {"Config": PlainConfig}


def _kind(model: Any) -> str:
    name = type(model).__name__
    if name in _KINDS:
        return name
    return "Rule" if hasattr(model, "references") and hasattr(model, "type") else "Plain"


def _encode(value: Any) -> Any:
    from pydantic import BaseModel

    if isinstance(value, BaseModel):
        fields = {name: _encode(getattr(value, name)) for name in type(value).model_fields}
        return (_MODEL, _kind(value), fields)
    if isinstance(value, dict):
        return (_DICT, {k: _encode(v) for k, v in value.items()})
    if isinstance(value, list | tuple):
        return (_LIST, [_encode(v) for v in value])
    return value


def _decode(value: Any) -> Any:
    if not isinstance(value, tuple):
        return value
    if value[0] == _MODEL:
        cls = _KINDS.get(value[1], PlainRule if value[1] == "Rule" else Plain)
        return cls(**{k: _decode(v) for k, v in value[2].items()})
    if value[0] == _DICT:
        return {k: _decode(v) for k, v in value[1].items()}
    return [_decode(v) for v in value[1]]
