"""The Markdown format: a verdict, an escaped table, a sane Mermaid block, under GitHub's limit."""

from __future__ import annotations

import re

from driftguard.model.finding import Evidence, Finding, Report
from driftguard.reporters import render
from driftguard.reporters.markdown import MAX_CHARS

MERMAID = re.compile(r"```mermaid\n(.*?)\n```", re.DOTALL)
# The whole subset the reporter emits: id["label"] --> id["label"], labels without quotes.
EDGE = re.compile(r'^  ([A-Za-z0-9_]+)\["([^"]*)"\] --> ([A-Za-z0-9_]+)\["([^"]*)"\]$')


def mermaid_edges(markdown: str) -> list[tuple[str, str]]:
    """Parse the diagram; assert it stays in the grammar and gives one id per label."""
    (block,) = MERMAID.findall(markdown)
    header, *lines = block.split("\n")
    assert header == "flowchart LR"
    labels: dict[str, str] = {}
    edges = []
    for line in lines:
        match = EDGE.match(line)
        assert match, f"not in the emitted grammar: {line!r}"
        a, a_label, b, b_label = match.groups()
        for node, label in ((a, a_label), (b, b_label)):
            assert labels.setdefault(node, label) == label, f"{node} has two labels"
        edges.append((a_label, b_label))
    assert len(set(labels.values())) == len(labels), "two ids for one module"
    return edges


def test_verdict_line(report, make_context) -> None:
    first = render(report, "markdown", make_context()).splitlines()[0]
    assert first == "### ❌ driftguard check: 6 findings: 4 errors, 1 warning, 1 info"
    passing = render(report, "markdown", make_context(fail_on="never")).splitlines()[0]
    assert passing.startswith("### ✅ ")


def test_mermaid_draws_the_chain_edges(report, context) -> None:
    assert mermaid_edges(render(report, "markdown", context)) == [
        ("shop.data.repo", "shop.utils.fmt"), ("shop.utils.fmt", "shop.utils.http"),
        ("shop.utils.http", "shop.api.views")]


def test_mermaid_ids_are_sanitized_and_unique(make_context) -> None:
    edges = [("a.b", "a_b"), ("@scope/pkg", 'we"ird'), ("end", "a.b")]
    markdown = render(Report(), "markdown", make_context(edges=edges))
    assert mermaid_edges(markdown) == [("a.b", "a_b"), ("@scope/pkg", "we#quot;ird"),
                                       ("end", "a.b")]


def test_table_cells_are_escaped(context) -> None:
    finding = Finding("DG102", "error", "a | b\nc <script>", "src/x|y.py", 3, "x")
    markdown = render(Report(findings=[finding]), "markdown", context)
    (row,) = [line for line in markdown.splitlines() if line.startswith("| [DG102]")]
    assert "a \\| b<br>c &lt;script&gt;" in row
    assert "`src/x\\|y.py:3`" in row
    assert len(re.split(r"(?<!\\)\|", row)) == 6  # four cells


def many_findings(count: int) -> list[Finding]:
    return [Finding("DG101", "error", f"layer 'data' imports higher layer 'api' via module "
                    f"number {i} " + "x" * 60, f"src/shop/data/module_{i}.py", i + 1, f"fp{i}",
                    evidence=(Evidence(f"src/shop/data/module_{i}.py", i + 1,
                                       f"shop.data.module_{i} -> shop.api.views_{i}"),))
            for i in range(count)]


def test_five_thousand_findings_stay_under_the_comment_limit(context) -> None:
    markdown = render(Report(findings=many_findings(5000)), "markdown", context)
    assert len(markdown) < MAX_CHARS == 65_536
    rows = [line for line in markdown.splitlines() if line.startswith("| [DG101]")]
    assert 100 < len(rows) < 5000
    assert f"... and {5000 - len(rows)} more findings" in markdown
    edges = mermaid_edges(markdown)
    assert 10 < len(edges) < 5000
    assert f"... and {5000 - len(edges)} more edges" in markdown
    assert markdown.rstrip().endswith("</sub>")


def test_small_reports_are_not_truncated(report, context) -> None:
    assert "more findings" not in render(report, "markdown", context)


def test_huge_warnings_do_not_crowd_out_the_findings(report, context) -> None:
    noisy = Report(findings=report.findings, warnings=["w" * 100_000] * 500)
    markdown = render(noisy, "markdown", context)
    assert len(markdown) < MAX_CHARS
    assert "more findings" not in markdown
    assert "... and 480 more" in markdown
