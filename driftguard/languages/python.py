"""Python: tree-sitter-python facts, dotted module names, absolute and relative imports."""

from __future__ import annotations

from typing import TYPE_CHECKING

from driftguard.languages.grammar import TreeSitterLanguage

if TYPE_CHECKING:
    from collections.abc import Collection

    from driftguard.model.facts import Import


class Python(TreeSitterLanguage):
    grammar = "tree_sitter_python"
    facts_module = "driftguard.languages.python_facts"
    name = "python"
    extensions = (".py", ".pyi")
    version = "py-4"  # py-2: class bases as "base" references; py-3: suppressions in comments
    # only; py-4: every name of `a, b = ...` and `a = b = ...` is a definition

    def is_package(self, path: str) -> bool:
        return path.endswith(("/__init__.py", "/__init__.pyi")) or path in (
            "__init__.py", "__init__.pyi")

    def module_name(self, path: str, roots: Collection[str]) -> str:
        stem = path.rsplit(".", 1)[0]
        if self.is_package(path):
            stem = stem[: -len("__init__")].rstrip("/")
        root = max((r for r in roots if not r or stem.startswith(r + "/")), key=len, default="")
        relative = stem[len(root) + 1 :] if root else stem
        return relative.replace("/", ".")

    def resolve(
        self, importer: str, is_package: bool, imp: Import, known: Collection[str]
    ) -> list[tuple[str, tuple[str, ...]]]:
        target = self._absolute(importer, is_package, imp)
        if target is None:
            return []
        if not imp.names:
            return [(target, ())]
        out: list[tuple[str, tuple[str, ...]]] = []
        plain: list[str] = []
        for entry in imp.names:
            name = entry.split(" as ", 1)[0]
            sub = f"{target}.{name}" if target else name
            if name != "*" and sub in known:
                out.append((sub, ()))
            else:
                plain.append(name)
        if plain or not out:
            out.insert(0, (target, tuple(plain)))
        return out

    @staticmethod
    def _absolute(importer: str, is_package: bool, imp: Import) -> str | None:
        if imp.level == 0:
            return imp.module
        parts = importer.split(".") if importer else []
        if not is_package:
            parts = parts[:-1]
        up = imp.level - 1
        if up > len(parts):
            return None  # beyond the top-level package
        base = parts[: len(parts) - up]
        return ".".join([*base, imp.module] if imp.module else base)


LANGUAGE = Python()
