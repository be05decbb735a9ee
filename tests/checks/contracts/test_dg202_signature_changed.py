"""DG202: a signature changed incompatibly and calls at head no longer fit it."""

from __future__ import annotations

from checks.contracts.contract_helpers import brief

LISTINGS = (
    "def list_listings(status, limit=10):\n"
    "    return []\n"
)
SHOP = {
    "src/shop/__init__.py": "",
    "src/shop/services/__init__.py": "",
    "src/shop/services/listings.py": LISTINGS,
    "src/shop/api/__init__.py": "",
    "src/shop/api/listings.py": (
        "from shop.services.listings import list_listings\n"
        "\n"
        "\n"
        "def index():\n"
        "    return list_listings(status='open')\n"
    ),
}
POSITIONAL = {**SHOP, "src/shop/api/listings.py": (
    "from shop.services import listings\n"
    "\n"
    "\n"
    "def index():\n"
    "    return listings.list_listings('open', 5)\n"
)}


def change(new_def: str) -> dict[str, str]:
    return {"src/shop/services/listings.py": new_def + "    return []\n"}


def test_renamed_parameter_passed_by_keyword(scenario) -> None:
    findings = scenario(SHOP, change("def list_listings(state, limit=10):\n"))
    assert brief(findings) == [("DG202", "src/shop/services/listings.py", 1)]
    (finding,) = findings
    assert finding.message == (
        "parameter 'status' of shop.services.listings.list_listings was renamed to 'state'; "
        "src/shop/api/listings.py:5 passes status=")
    assert [(e.path, e.line) for e in finding.evidence] == [
        ("src/shop/services/listings.py", 1), ("src/shop/api/listings.py", 5)]
    assert finding.evidence[0].text == (
        "shop.services.listings.list_listings(state, limit=...) was "
        "shop.services.listings.list_listings(status, limit=...) at the merge-base")


def test_renamed_parameter_passed_by_position_is_fine(scenario) -> None:
    assert scenario(POSITIONAL, change("def list_listings(state, limit=10):\n")) == []


def test_new_required_parameter_while_called(scenario) -> None:
    findings = scenario(SHOP, change("def list_listings(status, limit=10, *, region):\n"))
    assert [f.message for f in findings] == [
        "shop.services.listings.list_listings has a new required parameter 'region'; "
        "src/shop/api/listings.py:5 does not pass it"]


def test_new_optional_parameter_is_fine(scenario) -> None:
    assert scenario(SHOP, change("def list_listings(status, limit=10, region=None):\n")) == []
    assert scenario(POSITIONAL, change("def list_listings(status, limit=10, *a, **k):\n")) == []


def test_parameter_inserted_before_one_passed_by_position(scenario) -> None:
    findings = scenario(POSITIONAL, change("def list_listings(status, region=None, limit=10):\n"))
    assert [f.message for f in findings] == [
        "parameter 'limit' of shop.services.listings.list_listings changed position; "
        "src/shop/api/listings.py:5 passes it by position"]


def test_removed_parameter_passed_by_position(scenario) -> None:
    findings = scenario(POSITIONAL, change("def list_listings(status):\n"))
    assert [f.message for f in findings] == [
        "shop.services.listings.list_listings now takes at most 1 positional argument "
        "('limit' was removed); src/shop/api/listings.py:5 passes 2"]


CART = {
    "src/shop/__init__.py": "",
    "src/shop/cart.py": (
        "class Cart:\n"
        "    def __init__(self, owner):\n"
        "        self.owner = owner\n"
        "\n"
        "    def add(self, item, quantity=1):\n"
        "        pass\n"
        "\n"
        "    @classmethod\n"
        "    def empty(cls, owner):\n"
        "        return cls(owner)\n"
    ),
    "src/shop/checkout.py": (
        "from shop.cart import Cart\n"
        "\n"
        "\n"
        "def pay(user):\n"
        "    basket = Cart(owner=user)\n"
        "    basket.add('book', quantity=2)\n"
        "    return Cart.empty(user)\n"
    ),
}


def test_method_called_through_an_instance(scenario) -> None:
    changed = CART["src/shop/cart.py"].replace("def add(self, item, quantity=1)",
                                               "def add(self, item, count=1)")
    findings = scenario(CART, {"src/shop/cart.py": changed})
    assert [(f.line, f.message) for f in findings] == [(5, (
        "parameter 'quantity' of shop.cart.Cart.add was renamed to 'count'; "
        "src/shop/checkout.py:6 passes quantity="))]


def test_class_called_through_its_init_and_classmethods_without_cls(scenario) -> None:
    changed = (CART["src/shop/cart.py"].replace("__init__(self, owner)", "__init__(self, user)")
               .replace("def empty(cls, owner)", "def empty(cls, owner, currency)"))
    findings = scenario(CART, {"src/shop/cart.py": changed})
    assert [(f.line, f.message) for f in findings] == [
        (2, "parameter 'owner' of shop.cart.Cart was renamed to 'user'; "
            "src/shop/checkout.py:5 passes owner="),
        # line 8: a definition starts at its first decorator
        (8, "shop.cart.Cart.empty has a new required parameter 'currency'; "
            "src/shop/checkout.py:7 does not pass it"),
    ]
    assert len({f.fingerprint for f in findings}) == 2


def test_calls_already_broken_at_the_merge_base_only_with_report_all(scenario) -> None:
    base = {**SHOP, "src/shop/api/listings.py": SHOP["src/shop/api/listings.py"].replace(
        "status='open'", "status='open', page=2")}
    new = change("def list_listings(state, limit=10):\n")
    assert scenario(base, new) == []
    assert brief(scenario(base, new, report_all=True)) == [
        ("DG202", "src/shop/services/listings.py", 1)]


def test_decorated_properties_and_star_calls_are_not_judged(scenario) -> None:
    base = {**SHOP, "src/shop/api/listings.py": (
        "from shop.services.listings import list_listings\n"
        "\n"
        "\n"
        "def index(options):\n"
        "    return list_listings(**options)\n"
    )}
    assert scenario(base, change("def list_listings(state, limit=10):\n")) == []
