"""DG205 case by case: a provider's change (before -> after) against a consumer's code in
another repository, through the contract checks' diff, the summaries and the join."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from driftguard.engine_report import contract_breaks
from driftguard.report.crossrepo import outside_uses, python_provides
from driftguard.report.join import join
from driftguard.report.summary import RepoSummary, architecture, read_snapshot_file, snapshot_file

OLD, NEW = "a" * 40, "b" * 40
PRICING = "def price_of(item, currency='EUR'):\n    return item\n"
CART = "class Cart:\n    def total(self, rate):\n        return rate\n"

CASES = {
    "removed function, imported": (
        {"lib/pricing.py": PRICING}, {"lib/pricing.py": "X = 1\n"},
        "from lib.pricing import price_of\n", [(1, "was removed")]),
    "renamed function, called through the module": (
        {"lib/pricing.py": PRICING}, {"lib/pricing.py": PRICING.replace("price_of", "cost")},
        "import lib.pricing\n\nlib.pricing.price_of(1)\n", [(3, "was renamed to 'cost'")]),
    "new required parameter, not passed": (
        {"lib/pricing.py": PRICING}, {"lib/pricing.py": PRICING.replace("='EUR'", "")},
        "from lib.pricing import price_of\nprice_of(1)\n", [(2, "'currency' is now required")]),
    "new required parameter, passed": (
        {"lib/pricing.py": PRICING}, {"lib/pricing.py": PRICING.replace("='EUR'", "")},
        "from lib.pricing import price_of\nprice_of(1, 'USD')\n", []),
    "new optional parameter": (
        {"lib/pricing.py": PRICING}, {"lib/pricing.py": PRICING.replace("):", ", tax=0):")},
        "from lib.pricing import price_of\nprice_of(1)\n", []),
    "renamed parameter passed by keyword": (
        {"lib/pricing.py": PRICING}, {"lib/pricing.py": PRICING.replace("currency", "cur")},
        "from lib.pricing import price_of\nprice_of(1, currency='X')\n",
        [(2, "it no longer takes 'currency='")]),
    "method removed, called through an instance": (
        {"lib/cart.py": CART}, {"lib/cart.py": "class Cart:\n    pass\n"},
        "from lib.cart import Cart\nc = Cart()\nc.total(2)\n", [(3, "was removed")]),
    "method lost a parameter, called through an instance": (
        {"lib/cart.py": CART}, {"lib/cart.py": CART.replace(", rate", "")},
        "from lib.cart import Cart\nc = Cart()\nc.total(2)\n",
        [(3, "it takes at most 0 positional arguments")]),
    "a call that did not fit before either": (
        {"lib/pricing.py": PRICING}, {"lib/pricing.py": PRICING.replace("='EUR'", "")},
        "from lib.pricing import price_of\nprice_of()\n", []),
    "removed module, imported": (
        {"lib/pricing.py": PRICING, "lib/tax.py": "T = 1\n"}, {"lib/tax.py": "T = 1\n"},
        "import lib.pricing\n", [(1, "was removed")]),
    "removed function nobody uses": (
        {"lib/pricing.py": PRICING}, {"lib/pricing.py": "X = 1\n"}, "import lib\n", []),
}


def summaries(snap, before: dict[str, str], after: dict[str, str], consumer: str
              ) -> list[RepoSummary]:
    base, head = snap(before, OLD), snap(after, NEW)
    units, provider = architecture(head)
    provider = replace(provider, name="lib", base=OLD, provides=sorted(python_provides(head)),
                       breaks=contract_breaks(None, base, head, []))
    app = snap({"app/main.py": consumer})
    app_units, using = architecture(app)
    return [provider, replace(using, name="app", uses=outside_uses(app, app_units))]


@pytest.mark.parametrize("case", CASES)
def test_cross_repo_break(snap, case: str) -> None:
    before, after, consumer, expected = CASES[case]
    findings = join(summaries(snap, before, after, consumer), {}).findings
    assert [(f.repo, f.path) for f in findings] == [("app", "app/main.py")] * len(expected)
    assert [(f.line, f.extra["status"]) for f in findings] == [(n, "new") for n, _ in expected]
    for finding, (_, reason) in zip(findings, expected, strict=True):
        assert reason in finding.message and "in repository 'lib'" in finding.message


def test_summaries_survive_a_snapshot_file(snap) -> None:
    before, after, consumer, _ = CASES["method lost a parameter, called through an instance"]
    found = summaries(snap, before, after, consumer)
    again = read_snapshot_file(json.loads(json.dumps(snapshot_file(found))))
    assert again == found
    assert join(again, {}).findings == join(found, {}).findings


def test_a_break_stays_reported_until_the_consumer_is_repaired(snap) -> None:
    before, after, consumer, _ = CASES["new required parameter, not passed"]
    first = join(summaries(snap, before, after, consumer), {})
    carried = first.records["lib"]["breaks"]
    head = snap(after, NEW)
    still = contract_breaks(None, None, head, carried)
    provider, app = summaries(snap, before, after, consumer)
    later = join([replace(provider, base=None, breaks=still), app], {})
    assert [f.extra["status"] for f in later.findings] == ["ongoing"]
    fixed = summaries(snap, before, after, consumer.replace("price_of(1)", "price_of(1, 'X')"))
    assert join([replace(fixed[0], base=None, breaks=still), fixed[1]], {}).findings == []
