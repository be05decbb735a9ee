"""One self-contained HTML page (no network at view time) for the nightly drift report:
verdict, findings, a dependency diagram with new and violating edges highlighted,
trend sparklines and sortable tables."""

from __future__ import annotations

import math
from html import escape
from typing import TYPE_CHECKING, Any

from driftguard.reporters._common import ordered

if TYPE_CHECKING:
    from driftguard.model.finding import Report
    from driftguard.reporters import RenderContext

STYLE = """body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:1100px;
color:#1f2328;padding:0 1rem}h1{font-size:1.5rem}.ok{color:#1a7f37}.bad{color:#cf222e}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}th,td{border-bottom:1px solid
#d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}th{cursor:pointer;
background:#f6f8fa}code{font-size:12px}svg{border:1px solid #d0d7de;background:#fff}"""

SORT = """document.querySelectorAll('th').forEach(function(th){th.addEventListener('click',
function(){var t=th.closest('table'),i=Array.prototype.indexOf.call(th.parentNode.children,th),
rows=Array.prototype.slice.call(t.tBodies[0].rows),asc=th.dataset.asc!=='1';
rows.sort(function(a,b){var x=a.cells[i].textContent,y=b.cells[i].textContent,
n=parseFloat(x)-parseFloat(y);return (isNaN(n)?x.localeCompare(y):n)*(asc?1:-1);});
rows.forEach(function(r){t.tBodies[0].appendChild(r);});th.dataset.asc=asc?'1':'0';});});"""


def render(report: Report, context: RenderContext) -> str:
    findings = ordered(report)
    errors = sum(f.severity == "error" for f in findings)
    verdict = (f'<p class="bad"><b>Drift:</b> {len(findings)} findings, {errors} errors</p>'
               if findings else '<p class="ok"><b>Clean:</b> no drift since the last run</p>')
    repos = report.stats.get("repos", {})
    parts = [f"<!doctype html><html lang=en><head><meta charset=utf-8><title>driftguard "
             f"report</title><style>{STYLE}</style></head><body>",
             "<h1>driftguard drift report</h1>", verdict,
             "<h2>Findings</h2>", _findings_table(findings),
             "<h2>Dependencies</h2>", _diagram(repos, findings),
             "<h2>Trends</h2>", _trends(report.stats.get("trend", {})),
             "<h2>Modules</h2>", _metrics_table(repos),
             f"<p><small>driftguard {escape(context.version)}</small></p>",
             f"<script>{SORT}</script></body></html>"]
    return "\n".join(parts) + "\n"


def _table(headers: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _findings_table(findings: list[Any]) -> str:
    rows = [[escape(f.rule), escape(f.severity), escape(f.repo or ""),
             f"<code>{escape(f.path)}:{f.line}</code>", escape(f.message)] for f in findings]
    return _table(["rule", "severity", "repo", "where", "message"], rows) if rows else \
        "<p>None.</p>"


def _metrics_table(repos: dict[str, Any]) -> str:
    rows = [[escape(repo), escape(unit), str(m["fan_in"]), str(m["fan_out"]),
             str(m["instability"])]
            for repo, data in sorted(repos.items())
            for unit, m in sorted(data.get("metrics", {}).items())]
    return _table(["repo", "module", "fan-in", "fan-out", "instability"], rows)


def _diagram(repos: dict[str, Any], findings: list[Any]) -> str:
    """Repositories and their modules on a circle; new (DG401) edges and cross-repo
    breaks (DG205) in red."""
    nodes = sorted({f"{r}:{u}" for r, d in repos.items() for u in d.get("metrics", {})})
    if not nodes:
        return "<p>No modules.</p>"
    size, radius = 640, 250
    where = {n: (size / 2 + radius * math.cos(2 * math.pi * i / len(nodes)),
                 size / 2 + radius * math.sin(2 * math.pi * i / len(nodes)))
             for i, n in enumerate(nodes)}
    hot = {m.split(" now depends on ")[0] for m in (f.message for f in findings
                                                    if f.rule == "DG401")}
    lines = []
    for repo, data in sorted(repos.items()):
        for a, b, _ in data.get("module_edges", []):
            (x1, y1), (x2, y2) = where[f"{repo}:{a}"], where[f"{repo}:{b}"]
            color = "#cf222e" if a in hot else "#8c959f"
            lines.append(f'<line x1="{x1:.0f}" y1="{y1:.0f}" x2="{x2:.0f}" y2="{y2:.0f}" '
                         f'stroke="{color}" stroke-width="1.2"/>')
    for repo, data in sorted(repos.items()):  # cross-repository dependencies, dashed
        for provider in data.get("depends_on", []):
            mine = [n for n in nodes if n.startswith(repo + ":")]
            theirs = [n for n in nodes if n.startswith(provider + ":")]
            if mine and theirs:
                (x1, y1), (x2, y2) = where[mine[0]], where[theirs[0]]
                broken = any(f.rule == "DG205" and f.repo == repo for f in findings)
                color = "#cf222e" if broken else "#0969da"
                lines.append(f'<line x1="{x1:.0f}" y1="{y1:.0f}" x2="{x2:.0f}" y2="{y2:.0f}" '
                             f'stroke="{color}" stroke-width="2" stroke-dasharray="6 4"/>')
    labels = [f'<circle cx="{x:.0f}" cy="{y:.0f}" r="4" fill="#0969da"/><text x="{x + 6:.0f}" '
              f'y="{y + 4:.0f}" font-size="10">{escape(n)}</text>' for n, (x, y) in where.items()]
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{size + 200}" height="{size}" '
            f'role="img" aria-label="module dependencies">{"".join(lines)}{"".join(labels)}'
            "</svg>")


def _trends(trend: dict[str, list[dict[str, Any]]]) -> str:
    rows = []
    for repo, points in sorted(trend.items()):
        values = [p["edges"] for p in points]
        rows.append([escape(repo), _sparkline(values), str(values[-1] if values else 0),
                     str(len(points))])
    return _table(["repo", "module dependencies over runs", "now", "runs"], rows)


def _sparkline(values: list[int], width: int = 160, height: int = 28) -> str:
    if len(values) < 2:
        return "<small>one run so far</small>"
    low, high = min(values), max(values)
    span = (high - low) or 1
    step = width / (len(values) - 1)
    points = " ".join(f"{i * step:.1f},{height - 2 - (v - low) / span * (height - 4):.1f}"
                      for i, v in enumerate(values))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}">'
            f'<polyline fill="none" stroke="#0969da" stroke-width="1.5" points="{points}"/></svg>')
