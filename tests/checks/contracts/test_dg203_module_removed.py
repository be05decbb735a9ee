"""DG203: a module of the merge-base is gone at head while code at head still imports it."""

from __future__ import annotations

from checks.contracts.contract_helpers import brief

SHOP = {
    "src/shop/__init__.py": "",
    "src/shop/data/__init__.py": "",
    "src/shop/data/models.py": "class Listing:\n    pass\n\n\nSTATES = ('open', 'sold')\n",
    "src/shop/api/__init__.py": "",
    "src/shop/api/listings.py": "from shop.data.models import Listing\n",
    "src/shop/api/admin.py": "import os\nfrom shop.data import models\n",
    "src/shop/api/report.py": "import shop.data.models\n",
}
RENAMED = {"src/shop/data/models.py": None,
           "src/shop/data/records.py": SHOP["src/shop/data/models.py"]}


def test_module_renamed_while_imported(scenario) -> None:
    findings = scenario(SHOP, RENAMED)
    assert brief(findings) == [("DG203", "src/shop/api/admin.py", 2),
                               ("DG203", "src/shop/api/listings.py", 1),
                               ("DG203", "src/shop/api/report.py", 1)]
    assert findings[0].message == ("module shop.data.models was moved to shop.data.records but "
                                   "is still imported by 3 modules")
    assert findings[1].evidence[0].path == "src/shop/data/models.py"
    assert findings[1].evidence[0].text == ("module shop.data.models was here at the merge-base; "
                                            "moved to shop.data.records "
                                            "(src/shop/data/records.py)")
    assert len({f.fingerprint for f in findings}) == 3


def test_module_removed_while_imported(scenario) -> None:
    findings = scenario(SHOP, {"src/shop/data/models.py": None})
    assert {f.message for f in findings} == {
        "module shop.data.models was removed but is still imported by 3 modules"}


def test_parent_package_keeping_the_old_name_satisfies_from_imports_only(scenario) -> None:
    findings = scenario(SHOP, {**RENAMED, "src/shop/data/__init__.py":
                               "from . import records as models\n"})
    assert brief(findings) == [("DG203", "src/shop/api/listings.py", 1),
                               ("DG203", "src/shop/api/report.py", 1)]


def test_importers_updated_by_the_branch_are_fine(scenario) -> None:
    assert scenario(SHOP, {**RENAMED,
                           "src/shop/api/listings.py": "from shop.data.records import Listing\n",
                           "src/shop/api/admin.py": "from shop.data import records\n",
                           "src/shop/api/report.py": "import shop.data.records\n"}) == []


def test_module_turned_into_a_package_is_fine(scenario) -> None:
    assert scenario(SHOP, {"src/shop/data/models.py": None,
                           "src/shop/data/models/__init__.py": SHOP["src/shop/data/models.py"]}
                    ) == []


def test_private_modules_are_not_contracts(scenario) -> None:
    base = {"src/shop/__init__.py": "", "src/shop/_compat.py": "X = 1\n",
            "src/shop/api.py": "from shop._compat import X\n"}
    assert scenario(base, {"src/shop/_compat.py": None}) == []
