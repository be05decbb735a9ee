"""TypeScript and JavaScript: tree-sitter-typescript facts, path module names, ES/CommonJS imports.

A module is named by its repo-relative path without extension, ``/index``
stripped (``web/src/api/index.ts`` -> ``web/src/api``): config path globs match
it, it never collides with a dotted Python name, and the extension and index
lookup of an import reduce to one set membership test.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import replace
from functools import cached_property
from typing import TYPE_CHECKING

from driftguard.languages.base import EXTERNAL
from driftguard.languages.text import decode_problem
from driftguard.languages.tsconfig import Project, load_project, package_name
from driftguard.model.facts import FileFacts

if TYPE_CHECKING:
    from collections.abc import Collection

    from driftguard.languages.base import Revision
    from driftguard.model.facts import Import
    from driftguard.model.snapshot import Module

EXTENSIONS = (".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs")
# longest first: "x.d.ts" is the module "x", like "x.ts"
SUFFIXES = (".d.ts", ".d.mts", ".d.cts", *EXTENSIONS)
ASSETS = {".css", ".scss", ".sass", ".less", ".json", ".svg", ".png", ".jpg", ".jpeg",
          ".gif", ".webp", ".avif", ".ico", ".html", ".md", ".mdx", ".txt", ".wasm", ".vue",
          ".svelte", ".graphql", ".gql", ".yaml", ".yml", ".woff", ".woff2", ".ttf"}
# JSX closes tags; plain TypeScript almost never has these byte pairs outside strings.
JSX_HINT = re.compile(rb"</|/>")


def module_stem(path: str) -> str:
    """``a/b.d.ts`` -> ``a/b``; ``a/index.tsx`` -> ``a``; a root ``index.ts`` stays ``index``."""
    for suffix in SUFFIXES:
        if path.endswith(suffix):
            path = path[: -len(suffix)]
            break
    return path[: -len("/index")] if path.endswith("/index") else path


class TypeScript:
    name = "typescript"
    extensions = EXTENSIONS
    version = "ts-1"

    def __init__(self, project: Project | None = None, known: Collection[str] = ()) -> None:
        self.project = project or Project()
        self.known = known

    @cached_property
    def _grammars(self):  # type: ignore[no-untyped-def]
        import tree_sitter
        import tree_sitter_typescript

        from driftguard.languages.typescript_facts import QUERY_SOURCE

        out = {}
        for dialect, pointer in (("ts", tree_sitter_typescript.language_typescript()),
                                 ("tsx", tree_sitter_typescript.language_tsx())):
            language = tree_sitter.Language(pointer)
            out[dialect] = (tree_sitter.Parser(language), tree_sitter.Query(language, QUERY_SOURCE))
        return out, tree_sitter.QueryCursor

    def parse(self, data: bytes):  # type: ignore[no-untyped-def]
        """The syntax tree and its dialect: TSX when the bytes look like JSX or TS fails."""
        grammars, _ = self._grammars
        order = ("tsx", "ts") if JSX_HINT.search(data) else ("ts", "tsx")
        tree = grammars[order[0]][0].parse(data)
        if tree.root_node.has_error:
            other = grammars[order[1]][0].parse(data)
            if not other.root_node.has_error:
                return other, order[1]
        return tree, order[0]

    def extract(self, data: bytes) -> FileFacts:
        problem = decode_problem(data)
        if problem == "binary":
            return FileFacts(language=self.name, warnings=("binary file (NUL bytes); skipped",))
        from driftguard.languages.typescript_facts import Extraction

        grammars, cursor_type = self._grammars
        tree, dialect = self.parse(data)
        matches = cursor_type(grammars[dialect][1]).matches(tree.root_node)
        facts = Extraction(data, tree.root_node, matches).run()
        if problem:
            facts = FileFacts(**{**facts.__dict__, "warnings": (problem, *facts.warnings)})
        return facts

    def is_package(self, path: str) -> bool:
        base = path.rsplit("/", 1)[-1]
        return "/" in path and any(base == "index" + suffix for suffix in SUFFIXES)

    def module_name(self, path: str, roots: Collection[str]) -> str:
        return module_stem(path)

    def for_revision(self, revision: Revision) -> TypeScript:
        """A resolver that knows the revision's tsconfig aliases and workspace packages."""
        return TypeScript(load_project(revision.paths, revision.read), set(revision.modules))

    def imports_by_module(self, module: Module) -> tuple[Import, ...]:
        """Imports restated with module names as targets (``'../api'`` -> ``web/src/api``),
        which the contract checks read; the rest become ``EXTERNAL``-prefixed."""
        folder = module.name if module.is_package else posixpath.dirname(module.name)
        return tuple(replace(imp, module=self.target(imp.module, folder, self.known)
                             or EXTERNAL + imp.module) for imp in module.facts.imports)

    def resolve(
        self, importer: str, is_package: bool, imp: Import, known: Collection[str]
    ) -> list[tuple[str, tuple[str, ...]]]:
        folder = importer if is_package else posixpath.dirname(importer)
        target = self.target(imp.module, folder, known)
        if target is None:
            return []
        return [(target, tuple(n.split(" as ", 1)[0] for n in imp.names))]

    def target(self, spec: str, folder: str, known: Collection[str]) -> str | None:
        """The module ``spec`` means from a file in ``folder``: known, internal-looking
        (unresolved) or ``EXTERNAL``-prefixed; None for assets and paths outside the repo."""
        if spec.startswith("."):
            return _stem(posixpath.join(folder, spec))
        aliases, matched = self.project.alias_targets(spec, folder)
        entries = self.project.package_targets(spec) or []
        candidates = [s for s in map(_stem, aliases + entries) if s is not None]
        found = next((c for c in candidates if c in known), None)
        if found is not None:
            return found
        if (matched or entries) and candidates:
            return candidates[0]  # an alias or workspace package of this repo, but no such file
        return EXTERNAL + package_name(spec)


def _stem(path: str) -> str | None:
    path = posixpath.normpath(path)
    if path == ".." or path.startswith("../"):
        return None  # outside the repository
    extension = posixpath.splitext(path)[1].lower()
    if extension in ASSETS:
        return None
    stem = module_stem("" if path == "." else path)
    return stem or "index"


LANGUAGE = TypeScript()
