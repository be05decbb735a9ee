"""The pure core: symbols of edits, interface changes, new uses, pair findings, merge order."""

from __future__ import annotations

import pytest
from overlap.builders import branch, file_delta

from driftguard.model.facts import Definition
from driftguard.overlap.detect import pair_findings
from driftguard.overlap.summary import summarize
from driftguard.overlap.symbols import covered, edited
from driftguard.overlap.views import candidate_pairs

CATALOGUE = {"DG301": "info", "DG302": "warning", "DG303": "error", "DG304": "error",
             "DG305": "warning"}
CART = ("class Cart:\n    def add(self, x):\n        return x\n\n"
        "    def remove(self, x):\n        return x\n")
ADD_1, ADD_2 = CART.replace("x\n\n", "1\n\n"), CART.replace("x\n\n", "2\n\n")
REMOVE_2 = CART[:-2] + "2\n"


def severity(code: str) -> str:
    return CATALOGUE[code]


def rules(findings) -> list[tuple[str, str]]:
    return sorted((f.rule, f.extra.get("symbol") or f.extra.get("name") or f.extra["file"])
                  for f in findings)


def test_an_edit_counts_for_the_innermost_definition_only():
    defs = (Definition("Cart", "class", 1, 10), Definition("Cart.add", "method", 2, 4),
            Definition("Cart.remove", "method", 6, 8))
    assert [d.qualname for d in edited(defs, [(3, 3)])] == ["Cart.add"]
    assert [d.qualname for d in edited(defs, [(5, 5)])] == ["Cart"]  # between the methods
    assert [d.qualname for d in edited(defs, [(4, 6)])] == ["Cart", "Cart.add", "Cart.remove"]
    assert covered(2, 8, [(2, 4), (5, 8)]) and not covered(2, 8, [(2, 4), (6, 8)])


def test_different_methods_of_one_class_are_a_same_file_overlap_not_same_symbol():
    a = branch("a", file_delta("src/shop/cart.py", CART, ADD_1))
    b = branch("b", file_delta("src/shop/cart.py", CART, REMOVE_2))
    assert rules(pair_findings(a, b, {}, severity)) == [("DG301", "src/shop/cart.py")]


def test_same_method_is_dg302_and_a_conflict_covers_it():
    a = branch("a", file_delta("src/shop/cart.py", CART, ADD_1))
    b = branch("b", file_delta("src/shop/cart.py", CART, ADD_2))
    assert rules(pair_findings(a, b, {}, severity)) == [("DG302", "Cart.add")]
    conflict = {"src/shop/cart.py": (3, 3)}
    found = pair_findings(a, b, conflict, severity)
    assert rules(found) == [("DG303", "src/shop/cart.py")]
    assert found[0].extra["symbols"] == ["Cart.add"] and found[0].line == 3


def test_both_adding_one_name_is_dg305_and_severity_off_drops_it():
    base = "A = 1\n"
    a = branch("a", file_delta("src/shop/util.py", base, "def helper():\n    pass\n\n" + base))
    b = branch("b", file_delta("src/shop/util.py", base,
                               base + "\n\ndef helper():\n    return 1\n"))
    assert ("DG305", "helper") in rules(pair_findings(a, b, {}, severity))
    quiet = pair_findings(a, b, {}, lambda c: "off" if c == "DG305" else severity(c))
    assert "DG305" not in {f.rule for f in quiet}


SIG = "def total(items, tax):\n    return sum(items) + tax\n"


@pytest.mark.parametrize(("new_sig", "call", "conflict"), [
    ("def total(items, tax, currency):\n", "total([1], 2)", True),  # new required parameter
    ("def total(items, tax, currency='EUR'):\n", "total([1], 2)", False),  # compatible
    ("def total(items, rate):\n", "total([1], tax=2)", True),  # renamed, passed by keyword
    ("def total(items, rate):\n", "total([1], 2)", False),  # renamed, passed by position
])
def test_a_signature_change_conflicts_only_with_calls_it_breaks(new_sig, call, conflict):
    changer = branch("a", file_delta("src/shop/money.py", SIG,
                                     SIG.replace("def total(items, tax):\n", new_sig)))
    user = branch("b", file_delta("src/shop/report.py", None,
                                  f"from shop.money import total\n\n\ndef run():\n    {call}\n"))
    found = [f for f in pair_findings(changer, user, {}, severity) if f.rule == "DG304"]
    assert bool(found) is conflict
    if conflict:
        assert found[0].path == "src/shop/money.py"  # the focus branch is the changer
        assert found[0].extra["interface_branch"] == "a"


def test_an_old_use_on_an_edited_line_is_not_new():
    base = "from shop.money import total\n\n\ndef run():\n    return total([1], 2)\n"
    changer = branch("a", file_delta("src/shop/money.py", SIG, "def amount(items, tax):\n"
                                     "    return sum(items) + tax\n"))
    user = branch("b", file_delta("src/shop/report.py", base, base.replace("2)", "3)")))
    assert not [f for f in pair_findings(changer, user, {}, severity) if f.rule == "DG304"]
    assert candidate_pairs([changer, user]) == []


def test_pairs_are_formed_only_where_paths_or_names_meet():
    views = [branch(f"agent/{i}", file_delta(f"src/shop/m{i}.py", "X = 1\n", "X = 2\n"))
             for i in range(30)]
    views.append(branch("agent/late", file_delta("src/shop/m3.py", "X = 1\n", "X = 3\n")))
    assert candidate_pairs(views) == [(3, 30)]
    assert candidate_pairs(views, focus=5) == []


def test_merge_order_puts_interface_changers_first_and_flags_cycles():
    changer = branch("z-changer", file_delta("src/shop/money.py", SIG, "def amount(items, tax):\n"
                                             "    return sum(items) + tax\n"))
    user = branch("a-user", file_delta("src/shop/report.py", None,
                                       "from shop.money import total\n"))
    findings = pair_findings(user, changer, {}, severity)
    stats = summarize(["a-user", "b-clean", "z-changer"], findings, {"z-changer"})
    assert [s["branch"] for s in stats["merge_order"]] == ["z-changer", "a-user", "b-clean"]
    assert stats["merge_order"][1]["after"] == ["z-changer"]
    assert stats["clean"] == ["b-clean"]
    assert stats["matrix"] == [{"branches": ["a-user", "z-changer"], "rules": ["DG304"],
                                "findings": 1}]


def test_two_branches_that_break_each_other_are_reconciled_by_hand():
    rows = "def rows():\n    pass\n"
    a = branch("a", file_delta("src/shop/report.py", rows, "def lines():\n    pass\n"),
               file_delta("src/shop/a.py", None, "from shop.money import total\n"))
    z = branch("z", file_delta("src/shop/money.py", SIG, SIG.replace("total", "amount")),
               file_delta("src/shop/z.py", None, "from shop.report import rows\n"))
    stats = summarize(["a", "z"], pair_findings(a, z, {}, severity), {"a", "z"})
    assert stats["reconcile_by_hand"] == [
        {"branches": ["a", "z"], "rule": "DG304",
         "reason": "each changes an interface the other newly uses"}]
    assert [s["branch"] for s in stats["merge_order"]] == ["a", "z"]
