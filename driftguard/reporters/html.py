"""HTML (`report --html`): one self-contained page for the nightly drift report.

Nothing loads at view time: styles, the dependency diagram and the trend sparklines are
inline SVG laid out here, and a few lines of inline JavaScript sort the tables. Sections:
the verdict, the findings, the diagram (new, broken and cyclic edges highlighted), trends
per repository, and the metrics of every unit with their change since the last run.
"""

from __future__ import annotations

import time
from collections import Counter
from html import escape
from typing import TYPE_CHECKING, Any

from driftguard.reporters._common import findings_count, ordered, rule_info, severity_counts
from driftguard.reporters._html_svg import DASHED, diagram

if TYPE_CHECKING:
    from driftguard.model.finding import Finding, Report
    from driftguard.reporters import RenderContext

COLORS = {"": "#8c959f", "new": "#bf8700", "violation": "#cf222e", "broken": "#a40e26",
          "cycle": "#8250df"}
LEGEND = {"new": "new since the last run", "violation": "breaks a rule of the repository",
          "broken": "uses a contract the other repository broke", "cycle": "in a cycle"}
STYLE = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1f2328}
main{max-width:1200px;margin:0 auto;padding:1.5rem}h1{font-size:1.5rem;margin:0 0 .2rem}
h2{font-size:1.15rem;margin:2rem 0 .5rem;border-bottom:1px solid #d0d7de;padding-bottom:.3rem}
.muted{color:#59636e}.verdict{padding:.8rem 1rem;border-radius:6px;font-size:1.1rem;
margin:1rem 0}.clean{background:#dafbe1;border:1px solid #4ac26b}.drift{background:#ffebe9;
border:1px solid #ff8182}.warn{background:#fff8c5;border:1px solid #d4a72c}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{border-bottom:1px solid #d0d7de;
padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#f6f8fa;cursor:pointer;
user-select:none;white-space:nowrap}th[aria-sort=ascending]::after{content:" \\25B2"}
th[aria-sort=descending]::after{content:" \\25BC"}td.n{text-align:right;
font-variant-numeric:tabular-nums}.up{color:#cf222e}.down{color:#1a7f37}code{font-size:12px}
.scroll{overflow-x:auto;border:1px solid #d0d7de;border-radius:6px}
.sev-error{color:#cf222e;font-weight:600}.sev-warning{color:#9a6700}.key span{margin-right:1rem}
td svg,.key svg{vertical-align:middle}
"""
SORT = """document.querySelectorAll("table.sortable th").forEach(function (th) {
  th.addEventListener("click", function () {
    var body = th.closest("table").tBodies[0], i = th.cellIndex;
    var asc = th.getAttribute("aria-sort") !== "ascending";
    th.parentNode.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
    var key = function (row) { var c = row.cells[i]; return c.dataset.v !== undefined ?
      parseFloat(c.dataset.v) : c.textContent.trim().toLowerCase(); };
    Array.prototype.slice.call(body.rows).sort(function (a, b) {
      var x = key(a), y = key(b); return (x < y ? -1 : x > y ? 1 : 0) * (asc ? 1 : -1);
    }).forEach(function (row) { body.appendChild(row); });
  });
});"""


def render(report: Report, context: RenderContext) -> str:
    findings = ordered(report)
    stats = report.stats
    repos: dict[str, Any] = stats.get("repos", {})
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(stats.get("started", 0)))
    parts = [
        "<!doctype html><html lang=en><head><meta charset=utf-8><meta name=viewport "
        "content='width=device-width,initial-scale=1'><title>driftguard drift report</title>"
        f"<style>{STYLE}</style></head><body><main><h1>driftguard drift report</h1>",
        f"<div class=muted>{escape(when)} · {len(repos)} repositories · run "
        f"{stats.get('runs', 1)} of the history</div>", _verdict(findings),
        "<h2>Findings</h2>", _findings(findings),
        "<h2>Dependencies</h2>", _legend(), f"<div class=scroll>{diagram(repos, COLORS)}</div>",
        "<h2>Trends</h2>", _trends(stats.get("trend", {}), repos),
        "<h2>Units</h2>", _units(repos), _warnings(report.warnings),
        f"<p class=muted><small>driftguard {escape(context.version)}</small></p>",
        f"</main><script>{SORT}</script></body></html>"]
    return "\n".join(parts) + "\n"


def _verdict(findings: list[Finding]) -> str:
    if not findings:
        return "<div class='verdict clean'>✔ No drift since the last run.</div>"
    counts = Counter(f.rule for f in findings)
    what = ", ".join(f"{n} × {escape(rule_info(r).name)} ({r})" for r, n in counts.items())
    kind = "drift" if any(f.severity == "error" for f in findings) else "warn"
    return (f"<div class='verdict {kind}'>✖ {findings_count(len(findings))} "
            f"({escape(severity_counts(findings))}): {what}</div>")


def _table(headers: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th scope=col>{escape(h)}</th>" for h in headers)
    body = "".join(f"<tr>{''.join(row)}</tr>" for row in rows)
    return (f"<div class=scroll><table class=sortable><thead><tr>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table></div>")


def _cell(text: Any, number: float | None = None, css: str = "") -> str:
    value = f" data-v='{number}'" if number is not None else ""
    klass = f" class='{css}'" if css else (" class=n" if number is not None else "")
    return f"<td{value}{klass}>{escape(str(text))}</td>"


def _findings(findings: list[Finding]) -> str:
    if not findings:
        return "<p class=muted>None.</p>"
    rows = [[_cell(f.rule), _cell(f.severity, css=f"sev-{f.severity}"), _cell(f.repo or ""),
             _cell(f"{f.path}:{f.line}"), _cell(f.extra.get("status", "new")),
             _cell(f.message)] for f in findings]
    return _table(["rule", "severity", "repository", "where", "status", "message"], rows)


def _legend() -> str:
    keys = "".join(f"<span><svg width=26 height=10><line x1=0 y1=5 x2=26 y2=5 stroke="
                   f"'{COLORS[k]}' stroke-width=3{_dash(k)}/></svg> {escape(v)}</span>"
                   for k, v in LEGEND.items())
    return f"<p class='key muted'>{keys}</p>"


def _dash(flag: str) -> str:
    return " stroke-dasharray='6 3'" if flag in DASHED else ""


def _units(repos: dict[str, Any]) -> str:
    rows = []
    for repo, data in repos.items():
        for unit, m in sorted(data.get("units", {}).items()):
            change = m.get("change", {})
            rows.append([_cell(repo), _cell(unit), *(_cell(m[k], m[k]) for k in (
                "fan_in", "fan_out", "imports", "instability")),
                *(_delta(change.get(k, 0)) for k in ("fan_in", "fan_out", "instability"))])
    return _table(["repository", "unit", "fan-in", "fan-out", "imports", "instability",
                   "Δ fan-in", "Δ fan-out", "Δ instability"], rows)


def _delta(value: float) -> str:
    css = "n up" if value > 0 else "n down" if value < 0 else "n"
    return _cell(f"{value:+g}" if value else "", value, css)


def _trends(trend: dict[str, list[dict[str, Any]]], repos: dict[str, Any]) -> str:
    rows = []
    for repo, points in trend.items():
        cells = [_cell(repo), _cell(str(repos.get(repo, {}).get("commit") or "")[:12])]
        for key in ("edges", "imports", "cycles", "instability"):
            values = [p[key] for p in points]
            last = values[-1] if values else 0
            cells.append(f"<td data-v='{last}'>{_sparkline(values)} {escape(str(last))}</td>")
        rows.append(cells)
    return _table(["repository", "commit", "dependencies", "imports", "cycles",
                   "mean instability"], rows)


def _sparkline(values: list[float], width: int = 120, height: int = 24) -> str:
    if len(values) < 2:
        return "<span class=muted>(first run)</span>"
    low, span = min(values), (max(values) - min(values)) or 1
    step = width / (len(values) - 1)
    xy = [(i * step, height - 3 - (v - low) / span * (height - 6)) for i, v in enumerate(values)]
    points = " ".join(f"{x:.1f},{y:.1f}" for x, y in xy)
    title = escape(" → ".join(f"{v:g}" for v in values[-12:]))
    return (f"<svg width={width + 4} height={height} role=img aria-label='{title}'><title>"
            f"{title}</title><polyline fill=none stroke='#0969da' stroke-width=1.5 "
            f"points='{points}'/><circle cx={xy[-1][0]:.1f} cy={xy[-1][1]:.1f} r=2.5 "
            "fill='#0969da'/></svg>")


def _warnings(warnings: list[str]) -> str:
    if not warnings:
        return ""
    items = "".join(f"<li>{escape(w)}</li>" for w in sorted(warnings)[:200])
    return f"<details><summary>{len(warnings)} warnings while reading</summary><ul>{items}</ul>" \
           "</details>"

