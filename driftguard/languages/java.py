"""Java: tree-sitter-java facts, modules named by path, imports resolved by declared package.

Module names are paths (``src/main/java/com/shop/data/Listing``) so config path
globs work as for every language; each file records its ``package`` so that
``import com.shop.data.Listing;`` finds the file that declares that class.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import TYPE_CHECKING

from driftguard.languages.base import EXTERNAL
from driftguard.languages.grammar import TreeSitterLanguage

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable

    from driftguard.languages.base import Revision
    from driftguard.model.facts import Import
    from driftguard.model.snapshot import Module

TYPE_KINDS = ("class", "interface", "enum", "record", "annotation")


class Java(TreeSitterLanguage):
    grammar = "tree_sitter_java"
    facts_module = "driftguard.languages.java_facts"
    name = "java"
    extensions = (".java",)
    version = "java-1"

    def is_package(self, path: str) -> bool:
        return path.rpartition("/")[2] == "package-info.java"

    def module_name(self, path: str, roots: Collection[str]) -> str:
        return path[: -len(".java")] if path.endswith(".java") else path

    def resolve(
        self, importer: str, is_package: bool, imp: Import, known: Collection[str]
    ) -> list[tuple[str, tuple[str, ...]]]:
        """Needs the revision's packages (``for_revision``); alone, every import is external."""
        return JavaResolver(()).resolve(importer, is_package, imp, known)

    def for_revision(self, revision: Revision) -> JavaResolver:
        return JavaResolver((m.name, m.facts.package or "", m.facts.definitions)
                            for m in revision.modules.values() if m.language == self.name)


class JavaResolver:
    """Fully qualified class names and packages -> files, for one revision."""

    def __init__(self, files: Iterable[tuple[str, str, Iterable]]) -> None:
        self.classes: dict[str, str] = {}
        self.packages: dict[str, list[str]] = defaultdict(list)
        for name, package, definitions in sorted(files, key=lambda f: f[0]):
            self._add(name, package, definitions)

    def _add(self, name: str, package: str, definitions: Iterable) -> None:
        stem = name.rpartition("/")[2]
        prefix = f"{package}." if package else ""
        self.packages[package].append(name)
        for d in definitions:
            if "." not in d.qualname and d.kind in TYPE_KINDS:
                self.classes.setdefault(prefix + d.qualname, name)
        if "-" not in stem:  # package-info, module-info declare no class
            self.classes.setdefault(prefix + stem, name)  # a package-private class, a broken file

    def resolve(
        self, importer: str, is_package: bool, imp: Import, known: Collection[str]
    ) -> list[tuple[str, tuple[str, ...]]]:
        out: dict[str, list[str]] = {}
        for name in imp.names or ("*",):
            for target, taken in self._one(imp.module, name):
                names = out.setdefault(target, [])
                if taken not in names:
                    names.append(taken)
        return [(target, tuple(names)) for target, names in out.items()]

    def imports_by_module(self, module: Module) -> tuple[Import, ...]:
        """``import a.b.C;`` as ``from <C's file> import C``; a static ``import a.b.C.m;`` as
        ``from <C's file> import C.m as m``; ``import a.b.*;`` as one import per file of
        a.b, naming the classes this file uses from it."""
        facts = module.facts
        used = {r.name.split(".", 1)[0] for r in facts.references} | {
            callee.split(".", 1)[0] for _, callee, _ in facts.bindings}
        out: list[Import] = []
        for imp in facts.imports:
            for name in imp.names:
                out.extend(self._restated(imp, name, used))
        return tuple(out)

    def _restated(self, imp: Import, name: str, used: set[str]) -> list[Import]:
        if name == "*" and imp.module in self.packages:
            return [replace(imp, module=file, names=tuple(sorted(
                c for c in used if self.classes.get(f"{imp.module}.{c}") == file)) or ("*",))
                for file in self.packages[imp.module]]
        target, taken = self._one(imp.module, name)[0]
        if target.startswith(EXTERNAL):
            return [replace(imp, names=(name,))]
        written = name if taken in (name, "*") else f"{taken} as {name}"
        return [replace(imp, module=target, names=(written,))]

    def _one(self, module: str, name: str) -> list[tuple[str, str]]:
        if name == "*" and module in self.packages:  # import a.b.*: every file of a.b
            return [(file, "*") for file in self.packages[module]]
        dotted = module if name == "*" else f"{module}.{name}"
        found = self._class(dotted)
        if found is not None:
            return [(found[0], "*" if name == "*" else found[1])]
        return [(self._missing(dotted, module), name)]

    def _class(self, dotted: str) -> tuple[str, str] | None:
        """The file of the longest prefix that is a class, and the qualname in it:
        ``a.b.C.Inner`` and ``a.b.C.helper`` (a static import) are ``C.Inner``, ``C.helper``."""
        parts = dotted.split(".")
        for end in range(len(parts), 0, -1):
            file = self.classes.get(".".join(parts[:end]))
            if file is not None:
                return file, ".".join(parts[end - 1 :])
        return None

    def _missing(self, dotted: str, module: str) -> str:
        """A class absent from one of our packages (removed): named as its file would be.
        Else a library's: ``com.shop.lib.X`` is not ours for having ``com.shop`` classes."""
        parts = dotted.split(".")
        # By convention packages are lower case and classes capitalised: a.b.C.m is in a.b.
        end = next((i for i, p in enumerate(parts) if p[:1].isupper()), len(parts) - 1)
        files = self.packages.get(".".join(parts[:end])) if end else None
        if not files:
            return EXTERNAL + module
        return "/".join([files[0].rpartition("/")[0], *parts[end:]]).lstrip("/")


LANGUAGE = Java()
