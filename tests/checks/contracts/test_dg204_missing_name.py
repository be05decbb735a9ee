"""DG204: the branch adds an import of an internal name that does not exist at head."""

from __future__ import annotations

from checks.contracts.contract_helpers import brief

SHOP = {
    "src/shop/__init__.py": "",
    "src/shop/data/__init__.py": "from .models import *\n",
    "src/shop/data/models.py": "__all__ = ['Listing', 'lazy']\n\n\nclass Listing:\n    pass\n",
    "src/shop/data/dynamic.py": "def __getattr__(name):\n    return name\n",
    "src/shop/data/layout.py": "__all__ = ['HORIZONTAL']\nHORIZONTAL, VERTICAL = 1, 2\n",
    "src/shop/api/__init__.py": "",
    "src/shop/api/views.py": "import os\n",
}


def views(*lines: str) -> dict[str, str]:
    return {"src/shop/api/views.py": "import os\n" + "".join(line + "\n" for line in lines)}


def test_new_import_of_a_name_that_does_not_exist(scenario) -> None:
    findings = scenario(SHOP, views("from shop.data.models import Listing, Lisitng"))
    assert brief(findings) == [("DG204", "src/shop/api/views.py", 2)]
    assert findings[0].message == ("cannot import name 'Lisitng' from 'shop.data.models': it "
                                   "defines, imports and re-exports no such name")


def test_new_import_of_a_module_that_does_not_exist(scenario) -> None:
    findings = scenario(SHOP, views("import shop.data.nope", "from shop.nowhere import x"))
    assert [f.message for f in findings] == ["no module named 'shop.data.nope'",
                                             "no module named 'shop.nowhere'"]


def test_names_that_exist_in_other_ways(scenario) -> None:
    assert scenario(SHOP, views(
        "from shop.data import Listing",  # star re-export
        "from shop.data import models",  # submodule
        "from shop.data.models import lazy",  # listed in __all__ (lazy loading)
        "from shop.data.dynamic import anything",  # module __getattr__
        "from shop.data.layout import VERTICAL, __all__ as layouts, __name__",  # a, b = ...
        "from requests import nope",  # not internal
        "try:\n    from shop.data.models import optional\nexcept ImportError:\n    optional = None",
    )) == []


def test_existing_broken_imports_only_with_report_all(scenario) -> None:
    base = {**SHOP, **views("from shop.data.models import Gone")}
    unrelated = {"src/shop/api/__init__.py": "VERSION = 2\n"}
    assert scenario(base, unrelated) == []
    assert brief(scenario(base, unrelated, report_all=True)) == [
        ("DG204", "src/shop/api/views.py", 2)]


def test_removed_names_are_dg201_not_dg204(scenario) -> None:
    findings = scenario(SHOP, {"src/shop/data/models.py": "__all__ = []\n",
                               **views("from shop.data.models import Listing")})
    assert [f.rule for f in findings] == ["DG201"]
