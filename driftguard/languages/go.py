"""Go: tree-sitter-go facts, modules named by path, imports resolved through go.mod.

Go's unit is the package (a folder) while the snapshot's is the file: an import
of a package resolves to every non-test file of its folder.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from typing import TYPE_CHECKING

from driftguard.languages.base import EXTERNAL
from driftguard.languages.grammar import TreeSitterLanguage
from driftguard.model.facts import Import

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable

    from driftguard.languages.base import Revision
    from driftguard.model.snapshot import Module

MODULE_LINE = re.compile(rb'^\s*module\s+"?([^\s"]+)', re.MULTILINE)
SKIPPED_FOLDERS = ("vendor/", "testdata/")


class Go(TreeSitterLanguage):
    grammar = "tree_sitter_go"
    facts_module = "driftguard.languages.go_facts"
    name = "go"
    extensions = (".go",)
    version = "go-1"

    def is_package(self, path: str) -> bool:
        return False  # the package is the folder; no file stands for it

    def module_name(self, path: str, roots: Collection[str]) -> str:
        return path[: -len(".go")] if path.endswith(".go") else path

    def resolve(
        self, importer: str, is_package: bool, imp: Import, known: Collection[str]
    ) -> list[tuple[str, tuple[str, ...]]]:
        """Without the revision (no go.mod): import paths are matched by their tails."""
        return GoResolver({}, known).resolve(importer, is_package, imp, known)

    def for_revision(self, revision: Revision) -> GoResolver:
        go_files = (m.name for m in revision.modules.values() if m.language == self.name)
        return GoResolver(module_paths(revision), go_files)


def module_paths(revision: Revision) -> dict[str, str]:
    """go.mod folder -> its module path, for every go.mod of the revision."""
    out: dict[str, str] = {}
    for path in revision.paths:
        folder, _, name = path.rpartition("/")
        if name != "go.mod" or skipped(path):
            continue
        match = MODULE_LINE.search(revision.read(path) or b"")
        if match:
            out[folder] = match.group(1).decode("utf-8", "replace")
    return out


def skipped(path: str) -> bool:
    """Vendored copies and test data are not the repository's own packages."""
    return any(f"/{folder}" in f"/{path}" for folder in SKIPPED_FOLDERS)


class GoResolver:
    """Import paths -> the files of the package folder, for one revision."""

    def __init__(self, go_mods: dict[str, str], go_files: Iterable[str]) -> None:
        # Longest module path first: a nested module owns its folder (svc/go.mod in a monorepo).
        self.go_mods = sorted(((p, f) for f, p in go_mods.items()), key=lambda m: -len(m[0]))
        self.packages: dict[str, list[str]] = defaultdict(list)
        for name in sorted(go_files):
            if not name.endswith("_test") and not skipped(name):
                self.packages[name.rpartition("/")[0]].append(name)

    def resolve(
        self, importer: str, is_package: bool, imp: Import, known: Collection[str]
    ) -> list[tuple[str, tuple[str, ...]]]:
        return [(target, ()) for target in self.targets(imp.module)]

    def targets(self, path: str) -> list[str]:
        """The package's files; its folder when it has none (unresolved); else external."""
        folder = self.folder(path)
        if folder is None:
            return [EXTERNAL + path]
        return self.packages.get(folder) or [folder or path]

    def imports_by_module(self, module: Module) -> tuple[Import, ...]:
        """A package import names its first file (sorted), which answers for the package:
        its siblings' names reach it through star imports (``s.Open`` defined in tx.go is
        ``db.Open`` by way of db.go, as a Python ``__init__`` re-exports its submodules)."""
        out = [replace(imp, module=self.targets(imp.module)[0]) for imp in module.facts.imports]
        siblings = self.packages.get(module.name.rpartition("/")[0], [])
        if siblings and siblings[0] == module.name:
            out.extend(Import(sibling, 1, names=("*",)) for sibling in siblings[1:])
        return tuple(out)

    def folder(self, path: str) -> str | None:
        """The repo folder of an import path; None for the standard library and third parties."""
        for module_path, module_folder in self.go_mods:
            if path == module_path or path.startswith(module_path + "/"):
                rest = path[len(module_path) :].strip("/")
                return "/".join(p for p in (module_folder, rest) if p)
        if self.go_mods or "." not in path.split("/", 1)[0]:
            return None
        # No go.mod (a GOPATH layout, a snippet): the longest tail that is a package folder.
        parts = path.split("/")
        return next(("/".join(parts[i:]) for i in range(1, len(parts))
                     if "/".join(parts[i:]) in self.packages), None)


LANGUAGE = Go()
