"""Units, metrics and drift (DG401-DG403) on hand-made graphs and records."""

from __future__ import annotations

import pytest

from driftguard.model.snapshot import Edge
from driftguard.report.drift import drift
from driftguard.report.metrics import changes, cycles, unit_metrics
from driftguard.report.units import is_test, top_packages, unit_edges, unit_for, units_of


@pytest.mark.parametrize(("modules", "expected"), [
    (["shop.api", "shop.data.repo", "tools"], {"shop.api": "shop.api",
                                               "shop.data.repo": "shop.data", "tools": "tools"}),
    (["a", "b.x", "b.y"], {"a": "a", "b.x": "b.x", "b.y": "b.y"}),  # b holds most: split
    (["a.x", "b.y"], {"a.x": "a", "b.y": "b"}),  # no dominant package
    (["src/api", "src/page", "src"], {"src/api": "src/api", "src/page": "src/page",
                                      "src": "src"}),
    (["pkg"], {"pkg": "pkg"}),
])
def test_top_packages_split_the_dominant_package(modules, expected) -> None:
    assert top_packages(modules) == expected


@pytest.mark.parametrize("path", ["tests/test_x.py", "pkg/tests/a.py", "a_test.go",
                                  "src/x.spec.ts", "web/__tests__/a.tsx", "conftest.py"])
def test_test_code_is_not_architecture(path) -> None:
    assert is_test(path)
    assert units_of({"m": path}) == {}


def test_named_modules_replace_top_packages() -> None:
    assert units_of({"a.x": "a/x.py", "a.t": "tests/t.py"}, {"a.x": "core", "a.t": "core"}) \
        == {"a.x": "core"}


def test_unit_edges_count_imports_and_keep_the_first_site() -> None:
    edges = [Edge("a.x", "b.y", "a/x.py", 9), Edge("a.x", "b.z", "a/x.py", 3),
             Edge("a.x", "a.w", "a/x.py", 1)]
    counts, sites = unit_edges(edges, {"a.x": "a", "a.w": "a", "b.y": "b", "b.z": "b"})
    assert counts == {("a", "b"): 2} and sites == {("a", "b"): ("a/x.py", 3)}


def test_unit_for_takes_the_longest_prefix_at_a_separator() -> None:
    prefixes = {"shop": "shop", "shop.api": "api", "shopx": "other"}
    assert unit_for("shop.api.views.f", prefixes) == "api"
    assert unit_for("shop.data", prefixes) == "shop"
    assert unit_for("shopping", prefixes) is None


def test_metrics_and_cycles() -> None:
    counts = {("a", "b"): 2, ("b", "c"): 1, ("c", "b"): 1}
    metrics = unit_metrics(["a", "b", "c", "d"], counts)
    assert metrics["a"] == {"fan_in": 0, "fan_out": 1, "imports": 2, "instability": 1.0}
    assert metrics["b"]["instability"] == 0.333 and metrics["d"]["instability"] == 0.0
    assert cycles(counts) == [["b", "c"]]
    assert changes(None, metrics) == {u: {} for u in metrics}
    assert changes(metrics, unit_metrics(["a"], {}))["a"] == {
        "fan_out": -1, "imports": -2, "instability": -1.0}


def record(edges, cross=(), cycles_=()) -> dict:
    counts = {(a, b): n for a, b, n in edges}
    units = {u for a, b, _ in edges for u in (a, b)}
    return {"commit": "c", "edges": [list(e) for e in edges], "cross": [list(c) for c in cross],
            "metrics": unit_metrics(units, counts), "cycles": [list(c) for c in cycles_]}


SITES = {("a", "b"): ("a.py", 1), ("b", "a"): ("b.py", 7), ("a", "lib:x"): ("a.py", 2)}


def rules(before, now) -> list[tuple[str, str, int, str]]:
    return [(f.rule, f.path, f.line, f.message) for f in drift("repo", before, now, SITES)]


def test_first_run_and_unchanged_runs_report_no_drift() -> None:
    now = record([("a", "b", 1)])
    assert rules(None, now) == [] and rules(now, now) == []


def test_new_dependency_inside_and_across_repositories() -> None:
    before = record([("c", "d", 1)])
    now = record([("c", "d", 1), ("a", "b", 1)], cross=[("a", "lib", "x", 3)])
    assert rules(before, now) == [
        ("DG401", "a.py", 1, "a now depends on b (1 import)"),
        ("DG401", "a.py", 2, "a now depends on lib:x (3 imports)")]


def test_coupling_growth_along_an_existing_edge() -> None:
    found = rules(record([("a", "b", 4)]), record([("a", "b", 9)]))
    assert [(r, p) for r, p, _, _ in found] == [("DG402", "a.py")]
    assert "coupling of a grew: 9 imports of other units (was 4)" in found[0][3]
    assert rules(record([("a", "b", 40)]), record([("a", "b", 45)])) == []  # < a quarter


def test_new_cycle_points_at_its_new_edge() -> None:
    found = rules(record([("a", "b", 1)]),
                  record([("a", "b", 1), ("b", "a", 1)], cycles_=[("a", "b")]))
    assert ("DG403", "b.py", 7, "new cycle between a, b") in found
    grown = record([("a", "b", 1), ("b", "a", 1)], cycles_=[("a", "b")])
    assert [f for f in rules(grown, grown) if f[0] == "DG403"] == []
