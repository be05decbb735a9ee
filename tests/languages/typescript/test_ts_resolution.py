"""TypeScript module names and import resolution: relative, tsconfig aliases, workspaces."""

from __future__ import annotations

import json

import pytest

from driftguard.languages.base import EXTERNAL, Revision
from driftguard.languages.tsconfig import loads_jsonc
from driftguard.languages.typescript import LANGUAGE
from driftguard.model.facts import Import


@pytest.mark.parametrize(
    ("path", "name", "is_package"),
    [
        ("web/src/api/client.ts", "web/src/api/client", False),
        ("web/src/api/index.ts", "web/src/api", True),
        ("web/src/App.tsx", "web/src/App", False),
        ("web/types/global.d.ts", "web/types/global", False),
        ("lib/util.mjs", "lib/util", False),
        ("lib/index.cjs", "lib", True),
        ("web/src/listing.service.ts", "web/src/listing.service", False),
        ("index.js", "index", False),
    ],
)
def test_module_names(path: str, name: str, is_package: bool) -> None:
    assert LANGUAGE.module_name(path, [""]) == name
    assert LANGUAGE.is_package(path) is is_package


FILES = {
    "tsconfig.base.json": {"compilerOptions": {"paths": {"@shared/*": ["libs/shared/src/*"]}}},
    "web/tsconfig.json": """{
        // JSONC: comments and trailing commas, like real tsconfig files
        "extends": "../tsconfig.base.json",
        "compilerOptions": {
            "baseUrl": "src",
            "paths": {"@/*": ["./*"], "config": ["./settings/index.ts"],},
        },
    }""",
    "admin/tsconfig.json": {"extends": "../tsconfig.base", "compilerOptions": {"strict": True}},
    "packages/ui/package.json": {"name": "@acme/ui", "main": "dist/index.js"},
    "packages/ui/node_modules/x/package.json": {"name": "react"},
}
KNOWN = {"web/src/api/client", "web/src/api", "web/src/pages/home", "web/src/settings",
         "web/src/store", "libs/shared/src/date", "packages/ui/src", "packages/ui/src/button",
         "shop.api"}


def project_resolver():  # type: ignore[no-untyped-def]
    data = {p: (v if isinstance(v, str) else json.dumps(v)).encode() for p, v in FILES.items()}
    return LANGUAGE.for_revision(Revision({}, [*data, "web/src/store.ts"], data.get))


@pytest.mark.parametrize(
    ("importer", "is_package", "spec", "names", "expected"),
    [
        # relative: extension and index lookup
        ("web/src/pages/home", False, "../api/client", (), "web/src/api/client"),
        ("web/src/pages/home", False, "../api/client.js", (), "web/src/api/client"),
        ("web/src/pages/home", False, "../api", ("default as api",), "web/src/api"),
        ("web/src/pages/home", False, "../api/index", (), "web/src/api"),
        ("web/src/api", True, "./client", ("get",), "web/src/api/client"),
        ("web/src/pages/home", False, "../gone", (), "web/src/gone"),  # unresolved, internal
        # tsconfig paths (own, or inherited through extends when a config has none), baseUrl
        ("web/src/pages/home", False, "@/api/client", (), "web/src/api/client"),
        ("web/src/pages/home", False, "config", (), "web/src/settings"),
        ("admin/main", False, "@shared/date", (), "libs/shared/src/date"),
        ("web/src/pages/home", False, "@shared/date", (), EXTERNAL + "@shared/date"),
        ("web/src/pages/home", False, "store", (), "web/src/store"),
        ("web/src/pages/home", False, "@/missing", (), "web/src/missing"),
        # workspace package: entry in dist/ maps back to src/
        ("web/src/pages/home", False, "@acme/ui", ("Button",), "packages/ui/src"),
        ("web/src/pages/home", False, "@acme/ui/button", (), "packages/ui/src/button"),
        # bare packages are external, named by package
        ("web/src/pages/home", False, "react", ("default as React",), EXTERNAL + "react"),
        ("web/src/pages/home", False, "@tanstack/query/core", (), EXTERNAL + "@tanstack/query"),
        ("web/src/pages/home", False, "node:fs", (), EXTERNAL + "node:fs"),
    ],
)
def test_resolve(importer: str, is_package: bool, spec: str, names: tuple[str, ...],
                 expected: str) -> None:
    imp = Import(spec, 1, names=names)
    plain = tuple(n.split(" as ")[0] for n in names)
    assert project_resolver().resolve(importer, is_package, imp, KNOWN) == [(expected, plain)]


@pytest.mark.parametrize("spec", ["./styles.css", "../../../../outside", "./data.json"])
def test_assets_and_paths_outside_the_repo_are_no_modules(spec: str) -> None:
    assert LANGUAGE.resolve("web/src/pages/home", False, Import(spec, 1), KNOWN) == []


def test_without_project_files_aliases_are_external() -> None:
    imp = Import("@/api/client", 1)
    assert LANGUAGE.resolve("web/src/pages/home", False, imp, KNOWN) == [(EXTERNAL + "@/api", ())]


def test_tsconfig_outside_its_folder_does_not_apply() -> None:
    resolver = project_resolver()
    assert resolver.resolve("server/main", False, Import("store", 1), KNOWN) == [
        (EXTERNAL + "store", ())]


def test_jsonc_reader_keeps_comment_like_text_inside_strings() -> None:
    text = b'{"a": "http://x/*y*/", /* c */ "b": [1, 2,], // d\n}'
    assert loads_jsonc(text) == {"a": "http://x/*y*/", "b": [1, 2]}
    assert loads_jsonc(b"{not json") is None


def test_imports_restated_with_module_names_for_the_contract_checks() -> None:
    from driftguard.model.facts import FileFacts
    from driftguard.model.snapshot import Module

    imports = (Import("@/api/client", 1, names=("get",)), Import("../gone", 2),
               Import("react", 3, names=("default as React",)), Import("./app.css", 4))
    module = Module("web/src/pages/home", "web/src/pages/home.tsx", "typescript", False,
                    FileFacts("typescript", imports=imports))
    data = {p: (v if isinstance(v, str) else json.dumps(v)).encode() for p, v in FILES.items()}
    modules = dict.fromkeys(KNOWN, module)
    resolver = LANGUAGE.for_revision(Revision(modules, list(data), data.get))
    assert [(i.module, i.names, i.line) for i in resolver.imports_by_module(module)] == [
        ("web/src/api/client", ("get",), 1), ("web/src/gone", (), 2),
        (EXTERNAL + "react", ("default as React",), 3), (EXTERNAL + "./app.css", (), 4)]
