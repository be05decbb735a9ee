"""Module names from paths (src layout, namespace packages) and import resolution."""

from __future__ import annotations

import pytest

from driftguard.extract.roots import detect_source_roots
from driftguard.languages.python import LANGUAGE
from driftguard.model.facts import Import


@pytest.mark.parametrize(
    ("path", "roots", "name"),
    [
        ("shop/api/views.py", [""], "shop.api.views"),
        ("shop/api/__init__.py", [""], "shop.api"),
        ("src/shop/api/views.py", ["", "src"], "shop.api.views"),
        ("src/shop/__init__.py", ["", "src"], "shop"),
        ("src/ns/pkg/mod.py", ["", "src"], "ns.pkg.mod"),  # ns has no __init__: namespace
        ("services/billing/src/billing/core.py", ["", "services/billing",
                                                  "services/billing/src"], "billing.core"),
        ("tools/run.py", ["", "src"], "tools.run"),
        ("stubs/thing.pyi", [""], "stubs.thing"),
    ],
)
def test_module_names(path: str, roots: list[str], name: str) -> None:
    assert LANGUAGE.module_name(path, roots) == name


def test_detect_source_roots() -> None:
    paths = ["pyproject.toml", "src/shop/__init__.py", "services/billing/pyproject.toml",
             "services/billing/src/billing/core.py", "scripts/x.py"]
    assert detect_source_roots(paths) == ["", "services/billing", "services/billing/src", "src"]


def test_setup_py_inside_a_package_is_not_a_project_root() -> None:
    paths = ["pkg/__init__.py", "pkg/cli/__init__.py", "pkg/cli/setup.py", "pkg/cli/run.py"]
    assert detect_source_roots(paths) == [""]
    assert LANGUAGE.module_name("pkg/cli/run.py", detect_source_roots(paths)) == "pkg.cli.run"


KNOWN = {"shop", "shop.api", "shop.api.views", "shop.data", "shop.data.models"}


@pytest.mark.parametrize(
    ("importer", "is_package", "imp", "expected"),
    [
        ("shop.api.views", False, Import("shop.data.models", 1), [("shop.data.models", ())]),
        ("shop.api.views", False, Import("shop.data", 1, names=("models", "helper")),
         [("shop.data", ("helper",)), ("shop.data.models", ())]),
        ("shop.api.views", False, Import("", 1, level=1, names=("views",)),
         [("shop.api.views", ())]),
        ("shop.api", True, Import("", 1, level=1, names=("views",)), [("shop.api.views", ())]),
        ("shop.api.views", False, Import("data.models", 1, level=2, names=("Listing",)),
         [("shop.data.models", ("Listing",))]),
        ("shop.api.views", False, Import("x", 1, level=4), []),  # beyond the top package
        ("shop.api.views", False, Import("os.path", 1), [("os.path", ())]),
    ],
)
def test_resolve(importer: str, is_package: bool, imp: Import, expected: list) -> None:
    assert LANGUAGE.resolve(importer, is_package, imp, KNOWN) == expected
