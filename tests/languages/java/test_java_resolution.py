"""Java module names and import resolution by declared package and class."""

from __future__ import annotations

import pytest

from driftguard.extract.resolve import link
from driftguard.languages.base import EXTERNAL
from driftguard.languages.java import LANGUAGE
from driftguard.model.facts import Import, SourceFile

ROOT = "src/main/java/com/shop"
SOURCES = {
    f"{ROOT}/data/Listing.java": "package com.shop.data;\npublic class Listing {\n"
                                 "  public static class Builder {}\n}\n",
    f"{ROOT}/data/Store.java": "package com.shop.data;\nclass Store {}\n",  # package-private
    f"{ROOT}/Util.java": "package com.shop;\npublic final class Util {\n"
                         "  public static int helper() { return 1; }\n}\n",
    "legacy/Odd.java": "package com.shop.odd;\npublic class Odd {}\n",  # folder != package
    f"{ROOT}/api/Views.java": "package com.shop.api;\n",
}


def snapshot(views: str):  # type: ignore[no-untyped-def]
    sources = {**SOURCES, f"{ROOT}/api/Views.java": views}
    files = [(SourceFile(p, p), LANGUAGE.extract(s.encode())) for p, s in sources.items()]
    return link("t", None, files, [""], [], paths=list(sources))


@pytest.mark.parametrize(
    ("line", "edges"),
    [
        ("import com.shop.data.Listing;", [("data/Listing", ("Listing",))]),
        ("import com.shop.data.Listing.Builder;", [("data/Listing", ("Listing.Builder",))]),
        ("import com.shop.data.*;", [("data/Listing", ("*",)), ("data/Store", ("*",))]),
        ("import static com.shop.Util.helper;", [("Util", ("Util.helper",))]),
        ("import static com.shop.Util.*;", [("Util", ("*",))]),
        ("import com.shop.odd.Odd;", [("legacy/Odd", ("Odd",))]),  # by package, not folder
    ],
)
def test_imports_resolve_to_the_declaring_file(line: str, edges: list) -> None:
    snap = snapshot(f"package com.shop.api;\n{line}\npublic class Views {{}}\n")
    got = [(e.imported.replace(ROOT + "/", ""), e.names, e.line) for e in snap.edges]
    assert got == [(target, names, 2) for target, names in edges]
    assert snap.edges[0].importer == f"{ROOT}/api/Views"


def test_missing_class_of_ours_is_unresolved_and_libraries_are_external() -> None:
    snap = snapshot("package com.shop.api;\nimport com.shop.data.Gone;\n"
                    "import java.util.List;\nimport org.slf4j.Logger;\n"
                    "import com.shop.lib.Thing;\n")  # a library sharing our com.shop prefix
    assert [(e.imported, e.line) for e in snap.unresolved] == [(f"{ROOT}/data/Gone", 2)]
    assert snap.edges == []
    assert snap.external == {f"{ROOT}/api/Views": {"java.util", "org.slf4j", "com.shop.lib"}}


def test_module_names_are_paths() -> None:
    assert LANGUAGE.module_name(f"{ROOT}/data/Listing.java", [""]) == f"{ROOT}/data/Listing"
    assert LANGUAGE.is_package(f"{ROOT}/data/package-info.java")
    assert not LANGUAGE.is_package(f"{ROOT}/data/Listing.java")


def test_alone_every_import_is_external() -> None:
    got = LANGUAGE.resolve("a/B", False, Import("com.shop.data", 1, names=("Listing",)), set())
    assert got == [(EXTERNAL + "com.shop.data", ("Listing",))]


def test_imports_are_restated_with_module_names_for_contract_checks() -> None:
    snap = snapshot("package com.shop.api;\nimport com.shop.data.Listing.Builder;\n"
                    "import static com.shop.Util.helper;\nimport com.shop.data.*;\n"
                    "import java.util.List;\n"
                    "class V { void f() { Listing.create(); helper(); } }\n")
    restated = snap.modules[f"{ROOT}/api/Views"].facts.imports
    assert [(i.module.replace(ROOT + "/", ""), i.names, i.line) for i in restated] == [
        ("data/Listing", ("Listing.Builder as Builder",), 2),
        ("Util", ("Util.helper as helper",), 3),
        ("data/Listing", ("Listing",), 4),  # on demand: the classes this file uses, by name
        ("data/Store", ("*",), 4),
        ("java.util", ("List",), 5),  # a library's: as written
    ]
