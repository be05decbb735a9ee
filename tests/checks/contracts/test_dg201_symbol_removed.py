"""DG201: a public name of the merge-base is gone at head while code at head still uses it."""

from __future__ import annotations

from types import SimpleNamespace

from checks.contracts.contract_helpers import brief, run_checks

SHOP = {
    "src/shop/__init__.py": "",
    "src/shop/data/__init__.py": "",
    "src/shop/data/models.py": (
        "def listing_status(listing):\n"
        "    return listing.state\n"
        "\n"
        "\n"
        "def unused():\n"
        "    return 1\n"
    ),
    "src/shop/api/__init__.py": "",
    "src/shop/api/listings.py": (
        "from shop.data.models import listing_status\n"
        "\n"
        "\n"
        "def show(listing):\n"
        "    return listing_status(listing)\n"
    ),
    "src/shop/web/__init__.py": "",
    "src/shop/web/views.py": (
        "import shop.data.models as models\n"
        "\n"
        "\n"
        "def page(listing):\n"
        "    return models.listing_status(listing)\n"
    ),
}
WITHOUT_STATUS = "def unused():\n    return 1\n"


def test_function_removed_while_imported_elsewhere(scenario) -> None:
    findings = scenario(SHOP, {"src/shop/data/models.py": WITHOUT_STATUS})
    assert brief(findings) == [("DG201", "src/shop/api/listings.py", 1),
                               ("DG201", "src/shop/web/views.py", 5)]
    api = findings[0]
    assert api.message == ("shop.data.models.listing_status was removed but is still used "
                           "by 2 modules")
    assert api.severity == "error" and api.branches == ("agent/x",)
    assert [(e.path, e.line) for e in api.evidence] == [
        ("src/shop/data/models.py", 1),  # the definition at the merge-base
        ("src/shop/api/listings.py", 1), ("src/shop/api/listings.py", 5),  # this consumer
        ("src/shop/web/views.py", 5),  # the other consumer's first use
    ]
    assert "shop.api.listings calls shop.data.models.listing_status(...)" in [
        e.text for e in api.evidence]
    assert len({f.fingerprint for f in findings}) == 2


def test_fingerprint_ignores_lines(scenario, git_repo) -> None:
    first = scenario(SHOP, {"src/shop/data/models.py": WITHOUT_STATUS})
    git_repo.checkout("agent/x")
    git_repo.commit({"src/shop/api/listings.py": "# moved down\n\n" +
                     SHOP["src/shop/api/listings.py"]}, "shift")
    second = run_checks(git_repo)
    assert [f.line for f in second][:1] == [3]
    assert {f.fingerprint for f in first} == {f.fingerprint for f in second}


def test_removed_symbol_nobody_uses_is_not_a_finding(scenario) -> None:
    changed = SHOP["src/shop/data/models.py"].replace("def unused():\n    return 1\n", "")
    assert scenario(SHOP, {"src/shop/data/models.py": changed}) == []


def test_renamed_function_names_the_new_name(scenario) -> None:
    renamed = SHOP["src/shop/data/models.py"].replace("def listing_status", "def status_of")
    findings = scenario(SHOP, {"src/shop/data/models.py": renamed})
    assert findings[0].message == ("shop.data.models.listing_status was renamed to "
                                   "'status_of' but is still used by 2 modules")


def test_moved_with_a_re_export_left_behind_is_fine(scenario) -> None:
    findings = scenario(SHOP, {
        "src/shop/data/status.py": SHOP["src/shop/data/models.py"].replace(WITHOUT_STATUS, ""),
        "src/shop/data/models.py": "from shop.data.status import listing_status\n\n\n"
                                   + WITHOUT_STATUS,
    })
    assert findings == []


def test_moved_without_a_re_export_is_a_finding(scenario) -> None:
    findings = scenario(SHOP, {
        "src/shop/data/status.py": SHOP["src/shop/data/models.py"].replace(WITHOUT_STATUS, ""),
        "src/shop/data/models.py": WITHOUT_STATUS,
    })
    assert [f.message for f in findings][:1] == [
        "shop.data.models.listing_status was moved to shop.data.status.listing_status but "
        "is still used by 2 modules"]


def test_consumers_through_a_package_re_export(scenario) -> None:
    base = {**SHOP, "src/shop/data/__init__.py": "from .models import listing_status\n",
            "src/shop/api/listings.py": "from shop.data import listing_status\n"}
    del base["src/shop/web/views.py"]
    findings = scenario(base, {"src/shop/data/models.py": WITHOUT_STATUS})
    assert brief(findings) == [("DG201", "src/shop/api/listings.py", 1),
                               ("DG201", "src/shop/data/__init__.py", 1)]


def test_dropped_re_export_while_imported_through_it(scenario) -> None:
    base = {**SHOP, "src/shop/data/__init__.py": "from .models import listing_status\n",
            "src/shop/api/listings.py": "from shop.data import listing_status\n"}
    findings = scenario(base, {"src/shop/data/__init__.py": ""})
    assert brief(findings) == [("DG201", "src/shop/api/listings.py", 1)]
    assert findings[0].message == (
        "shop.data.listing_status was no longer re-exported (it was "
        "shop.data.models.listing_status) but is still used by 1 module")


CART = {
    "src/shop/__init__.py": "",
    "src/shop/cart.py": (
        "class Base:\n"
        "    def total(self):\n"
        "        return 0\n"
        "\n"
        "\n"
        "class Cart(Base):\n"
        "    def add(self, item):\n"
        "        pass\n"
        "\n"
        "    def total(self):\n"
        "        return 1\n"
        "\n"
        "    def clear(self):\n"
        "        pass\n"
    ),
    "src/shop/checkout.py": (
        "from shop import cart\n"
        "\n"
        "\n"
        "def pay():\n"
        "    basket = cart.Cart()\n"
        "    basket.add(1)\n"
        "    basket.clear()\n"
        "    return basket.total()\n"
    ),
}


def test_method_removed_while_called_through_an_instance(scenario) -> None:
    changed = CART["src/shop/cart.py"].replace("    def clear(self):\n        pass\n", "")
    findings = scenario(CART, {"src/shop/cart.py": changed})
    assert brief(findings) == [("DG201", "src/shop/checkout.py", 7)]
    assert findings[0].message == "shop.cart.Cart.clear was removed but is still used by 1 module"


def test_method_still_inherited_from_an_internal_base_is_fine(scenario) -> None:
    changed = CART["src/shop/cart.py"].replace("    def total(self):\n        return 1\n", "")
    assert scenario(CART, {"src/shop/cart.py": changed}) == []


def test_method_removed_from_a_class_with_an_external_base_is_not_judged(scenario) -> None:
    base = {**CART, "src/shop/cart.py": "import collections\n\n\n" + CART["src/shop/cart.py"]
            .replace("class Cart(Base):", "class Cart(collections.UserList):")}
    changed = base["src/shop/cart.py"].replace("    def clear(self):\n        pass\n", "")
    assert scenario(base, {"src/shop/cart.py": changed}) == []


def test_private_names_are_not_contracts(scenario) -> None:
    base = {**SHOP, "src/shop/api/listings.py": "from shop.data.models import _secret\n",
            "src/shop/data/models.py": "def _secret():\n    pass\n"}
    assert scenario(base, {"src/shop/data/models.py": "X = 1\n"}) == []


def test_private_names_with_include_private(scenario) -> None:
    base = {**SHOP, "src/shop/api/listings.py": "from shop.data.models import _secret\n",
            "src/shop/data/models.py": "def _secret():\n    pass\n"}
    config = SimpleNamespace(contracts=SimpleNamespace(include_private=True), severity={})
    findings = scenario(base, {"src/shop/data/models.py": "X = 1\n"}, config=config)
    assert brief(findings) == [("DG201", "src/shop/api/listings.py", 1)]


def test_severity_from_config_and_off(scenario, git_repo) -> None:
    warn = SimpleNamespace(severity={"DG201": "warning"}, contracts=None)
    findings = scenario(SHOP, {"src/shop/data/models.py": WITHOUT_STATUS}, config=warn)
    assert {f.severity for f in findings} == {"warning"}
    assert run_checks(git_repo, config=SimpleNamespace(severity={"DG201": "off"})) == []


def test_only_public_modules_when_configured(scenario) -> None:
    config = SimpleNamespace(contracts=SimpleNamespace(public=["shop.api.**"]), severity={})
    assert scenario(SHOP, {"src/shop/data/models.py": WITHOUT_STATUS}, config=config) == []
