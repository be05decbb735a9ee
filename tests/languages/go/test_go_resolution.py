"""Go module names and import resolution: go.mod module paths, package = folder."""

from __future__ import annotations

import pytest

from driftguard.extract.resolve import link
from driftguard.languages.base import EXTERNAL
from driftguard.languages.go import LANGUAGE, GoResolver
from driftguard.model.facts import Import, SourceFile

FILES = ["go.mod", "main.go", "errors.go", "internal/store/db.go", "internal/store/tx.go",
         "internal/store/db_test.go", "vendor/x/y.go", "tools/go.mod", "tools/gen/gen.go"]
GO_MODS = {"go.mod": b"module example.com/svc\n\ngo 1.22\n",
           "tools/go.mod": b'// nested module\nmodule "example.com/svc/tools"\n'}


def resolver() -> GoResolver:
    names = [p[:-3] for p in FILES if p.endswith(".go")]
    return GoResolver({"": "example.com/svc", "tools": "example.com/svc/tools"}, names)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("example.com/svc/internal/store", [("internal/store/db", ()), ("internal/store/tx", ())]),
        ("example.com/svc", [("errors", ()), ("main", ())]),
        ("example.com/svc/tools/gen", [("tools/gen/gen", ())]),  # the nested module wins
        ("example.com/svc/internal/gone", [("internal/gone", ())]),  # ours, absent: unresolved
        ("errors", [(EXTERNAL + "errors", ())]),  # not the root errors.go
        ("github.com/pkg/errors", [(EXTERNAL + "github.com/pkg/errors", ())]),
    ],
)
def test_resolve_through_go_mod(path: str, expected: list) -> None:
    assert resolver().resolve("main", False, Import(path, 1, alias="x"), set()) == expected


def test_without_go_mod_import_paths_match_by_their_tail() -> None:
    known = {"store/db", "store/db_test", "cmd/main"}
    assert LANGUAGE.resolve("cmd/main", False, Import("github.com/me/app/store", 3), known) == [
        ("store/db", ())]
    assert LANGUAGE.resolve("cmd/main", False, Import("fmt", 3), known) == [
        (EXTERNAL + "fmt", ())]


@pytest.mark.parametrize(
    ("path", "name"),
    [("svc/internal/store/db.go", "svc/internal/store/db"), ("main.go", "main")],
)
def test_module_names_are_paths(path: str, name: str) -> None:
    assert LANGUAGE.module_name(path, ["", "src"]) == name
    assert not LANGUAGE.is_package(path)


def test_link_reads_go_mod_and_classifies_edges() -> None:
    sources = {
        "main.go": 'package main\nimport (\n\t"errors"\n\t"example.com/svc/internal/store"\n'
                   '\t"example.com/svc/internal/gone"\n)\n',
        "errors.go": "package main\n",
        "internal/store/db.go": "package store\n",
        "internal/store/tx.go": "package store\n",
    }
    files = [(SourceFile(p, p), LANGUAGE.extract(s.encode())) for p, s in sources.items()]
    snap = link("t", None, files, [""], [], paths=[*sources, *GO_MODS],
                read=GO_MODS.get)
    assert [(e.imported, e.line) for e in snap.edges] == [
        ("internal/store/db", 4), ("internal/store/tx", 4)]
    assert [(e.imported, e.line) for e in snap.unresolved] == [("internal/gone", 5)]
    assert snap.external == {"main": {"errors"}}
    # Contract checks read imports restated with module names; the package's first file
    # answers for it and reaches its siblings' names through star imports.
    restated = snap.modules["main"].facts.imports
    assert [(i.module, i.alias) for i in restated] == [
        (EXTERNAL + "errors", "errors"), ("internal/store/db", "store"), ("internal/gone", "gone")]
    assert [(i.module, i.names) for i in snap.modules["internal/store/db"].facts.imports] == [
        ("internal/store/tx", ("*",))]
    assert snap.modules["internal/store/tx"].facts.imports == ()
