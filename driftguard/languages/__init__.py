"""Language registry: one module per language, declared here explicitly.

Grammars load lazily: importing this package costs nothing until a language
is used.
"""

from __future__ import annotations

import importlib
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from driftguard.languages.base import Language

# language name -> (module, extensions). Add a language: one module + one line.
REGISTRY: dict[str, tuple[str, tuple[str, ...]]] = {
    "python": ("driftguard.languages.python", (".py", ".pyi")),
    "typescript": ("driftguard.languages.typescript",
                   (".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs")),
    "go": ("driftguard.languages.go", (".go",)),
    "java": ("driftguard.languages.java", (".java",)),
}

_BY_EXTENSION = {ext: name for name, (_, exts) in REGISTRY.items() for ext in exts}


def language_name_for(path: str) -> str | None:
    dot = path.rfind(".")
    if dot < 0 or "/" in path[dot:]:
        return None
    return _BY_EXTENSION.get(path[dot:])


@cache
def get_language(name: str) -> Language:
    module = importlib.import_module(REGISTRY[name][0])
    return module.LANGUAGE  # type: ignore[no-any-return]
