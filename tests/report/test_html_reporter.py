"""The HTML report on a hand-made report: self-contained, escaped, edges highlighted."""

from __future__ import annotations

import re

from driftguard.model.finding import Finding, Report
from driftguard.reporters import RenderContext, render

STATS = {
    "started": 0, "runs": 3,
    "repos": {
        "service": {"commit": "1" * 40, "units": {
            "svc.orders": {"fan_in": 0, "fan_out": 1, "imports": 2, "instability": 1.0,
                           "change": {"fan_out": 1}},
            "svc.<api>": {"fan_in": 1, "fan_out": 0, "imports": 0, "instability": 0.0,
                          "change": {}}},
            "edges": [["svc.orders", "svc.<api>", 2, "new"]],
            "cross": [["svc.orders", "lib", "shoplib.pricing", 1, "broken"]]},
        "lib": {"commit": "2" * 40, "units": {
            "shoplib.pricing": {"fan_in": 0, "fan_out": 0, "imports": 0, "instability": 0.0,
                                "change": {}}}, "edges": [], "cross": []}},
    "trend": {"service": [{"edges": 1, "imports": 1, "cycles": 0, "instability": 0.5},
                          {"edges": 2, "imports": 3, "cycles": 0, "instability": 0.75}],
              "lib": [{"edges": 0, "imports": 0, "cycles": 0, "instability": 0.0}]},
}
BROKEN = Finding("DG205", "error", "price_of <was> removed", "svc/orders.py", 1, "DG205:x",
                 repo="service", extra={"status": "new"})


def page(findings=(BROKEN,), stats=STATS) -> str:
    return render(Report(findings=list(findings), stats=stats), "html",
                  RenderContext(command="report", version="9.9"))


def test_one_self_contained_page() -> None:
    html = page()
    assert html.startswith("<!doctype html>") and html.rstrip().endswith("</html>")
    assert not re.search(r"(src|href|url)\s*[=(]\s*[\"']?(https?:|//)", html)
    assert "<table class=sortable>" in html and "<script>" in html


def test_names_and_messages_are_escaped() -> None:
    html = page()
    assert "svc.&lt;api&gt;" in html and "price_of &lt;was&gt; removed" in html
    assert "<api>" not in html and "<was>" not in html


def test_new_and_broken_edges_are_highlighted_and_consumers_left_of_providers() -> None:
    html = page()
    dashed = re.findall(r"<path [^>]*stroke='(#\w+)' stroke-width=2.2 stroke-dasharray", html)
    assert sorted(dashed) == ["#a40e26", "#bf8700"]  # broken across repositories, new
    assert html.index(">service</text>") < html.index(">lib</text>")


def test_verdict_and_trends() -> None:
    assert "✖ 1 finding (1 error): 1 × cross-repo-break (DG205)" in page()
    assert "No drift since the last run" in page(findings=())
    assert "<polyline" in page() and "(first run)" in page()


def test_an_empty_report_renders() -> None:
    assert "No units." in page(findings=(), stats={})
