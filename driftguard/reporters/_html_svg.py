"""The HTML report's dependency diagram as inline SVG, laid out here (no JavaScript).

One column per repository; inside it, units in layers: every unit sits below the
units that import it (longest-path layering; edges inside a cycle point up). Edges
between repositories run from column to column. Highlighted edges are drawn last.
"""

from __future__ import annotations

from html import escape
from typing import Any

BOX_H, ROW_GAP, COL_GAP, PAD, CHAR_W, TITLE_H = 24, 44, 70, 12, 6.8, 30
DASHED = ("new", "broken")  # what changed; rule violations and cycles are solid
MAX_UNITS = 150  # per repository: beyond this the diagram keeps the units with edges


def diagram(repos: dict[str, Any], colors: dict[str, str]) -> str:
    nodes: dict[str, list[str]] = {}
    edges: list[tuple[str, str, str]] = []  # ("repo:unit", "repo:unit", flag)
    for repo, data in repos.items():
        nodes.setdefault(repo, []).extend(data.get("units", {}))
        edges += [(f"{repo}:{a}", f"{repo}:{b}", flag) for a, b, _, flag in data["edges"]]
        for a, other, b, _, flag in data.get("cross", []):
            edges.append((f"{repo}:{a}", f"{other}:{b}", flag))
            nodes.setdefault(other, []).append(b)  # a provided name outside the units
    if not edges and not any(nodes.values()):
        return "<p class=muted>No units.</p>"
    boxes, width, height = _layout({r: nodes[r] for r in _order(nodes, edges)}, edges)
    lines = sorted(edges, key=lambda e: e[2] != "")  # highlighted edges on top
    markers = "".join(f"<marker id='a{i}' viewBox='0 0 10 10' refX=9 refY=5 markerWidth=8 "
                      f"markerHeight=8 markerUnits=userSpaceOnUse orient=auto><path "
                      f"d='M0,0L10,5L0,10z' fill='{c}'/></marker>"
                      for i, c in enumerate(colors.values()))
    marker_of = {flag: i for i, flag in enumerate(colors)}
    paths = [_edge(boxes, a, b, colors.get(flag, colors[""]), marker_of.get(flag, 0), flag)
             for a, b, flag in lines if a in boxes and b in boxes]
    return (f"<svg xmlns='http://www.w3.org/2000/svg' width={width} height={height} "
            f"viewBox='0 0 {width} {height}' role=img aria-label='dependency diagram' "
            f"font-family='system-ui,sans-serif' font-size=11><defs>{markers}</defs>"
            f"{_columns(nodes, boxes)}{''.join(paths)}{_boxes(boxes)}</svg>")


def _order(nodes: dict[str, list[str]], edges: list[tuple[str, str, str]]) -> list[str]:
    """Repositories left to right, consumers before what they use (workspace order else)."""
    uses = {(a.split(":", 1)[0], b.split(":", 1)[0]) for a, b, _ in edges}
    uses = {(a, b) for a, b in uses if a != b}
    left, out = list(nodes), []
    while left:
        free = [r for r in left if not any(b == r and a in left for a, b in uses)] or left
        out.append(free[0])
        left.remove(free[0])
    return out


def _layers(units: list[str], edges: list[tuple[str, str]]) -> dict[str, int]:
    rank = dict.fromkeys(units, 0)
    for _ in range(len(units)):  # longest path; a cycle stops growing at len(units)
        moved = False
        for a, b in edges:
            if a in rank and b in rank and rank[b] <= rank[a] and rank[a] + 1 < len(units):
                rank[b], moved = rank[a] + 1, True
        if not moved:
            break
    return rank


def _layout(nodes: dict[str, list[str]], edges: list[tuple[str, str, str]]
            ) -> tuple[dict[str, tuple[float, float, float]], int, int]:
    """Box of each "repo:unit": (x, y, width), of each column ("\0repo"); the picture's size."""
    boxes: dict[str, tuple[float, float, float]] = {}
    x = float(PAD)
    for repo, units in nodes.items():
        inside = [(a.split(":", 1)[1], b.split(":", 1)[1]) for a, b, _ in edges
                  if a.startswith(repo + ":") and b.startswith(repo + ":")]
        names = sorted(set(units))
        if len(names) > MAX_UNITS:
            linked = {u for pair in inside for u in pair}
            names = [n for n in names if n in linked][:MAX_UNITS]
        width = _column(repo, names, inside, x, boxes)
        boxes[f"\0{repo}"] = (x, 0, width)
        x += width + COL_GAP
    bottom = max((b[1] + BOX_H for b in boxes.values()), default=0.0)
    return boxes, int(x - COL_GAP + PAD), int(bottom + PAD * 2)


def _column(repo: str, names: list[str], inside: list[tuple[str, str]], x: float,
            boxes: dict[str, tuple[float, float, float]]) -> float:
    """Place one repository's units in layers, each row centred; the column's width."""
    rank = _layers(names, inside)
    rows: dict[int, list[str]] = {}
    for name in names:
        rows.setdefault(rank[name], []).append(name)
    widths = {level: sum(_width(n) + PAD for n in row) + PAD for level, row in rows.items()}
    widest = max([len(repo) * CHAR_W * 1.2 + 2 * PAD, *widths.values()])
    for level, row in rows.items():
        cx = x + PAD + (widest - widths[level]) / 2
        for name in row:
            boxes[f"{repo}:{name}"] = (cx, TITLE_H + PAD + level * (BOX_H + ROW_GAP), _width(name))
            cx += _width(name) + PAD
    return widest


def _width(label: str) -> float:
    return len(label) * CHAR_W + 2 * PAD


def _columns(nodes: dict[str, list[str]], boxes: dict[str, tuple[float, float, float]]) -> str:
    out = []
    height = max((b[1] + BOX_H for k, b in boxes.items() if not k.startswith("\0")), default=0)
    for repo in nodes:
        x, _, w = boxes[f"\0{repo}"]
        out.append(f"<rect x={x:.0f} y=2 width={w:.0f} height={height + PAD:.0f} rx=8 "
                   f"fill='#f6f8fa' stroke='#d0d7de'/><text x={x + PAD:.0f} y=20 "
                   f"font-weight=600 font-size=13>{escape(repo)}</text>")
    return "".join(out)


def _boxes(boxes: dict[str, tuple[float, float, float]]) -> str:
    out = []
    for key, (x, y, w) in boxes.items():
        if key.startswith("\0"):
            continue
        label = escape(key.split(":", 1)[1])
        out.append(f"<g><title>{escape(key)}</title><rect x={x:.0f} y={y:.0f} width={w:.0f} "
                   f"height={BOX_H} rx=4 fill='#fff' stroke='#57606a'/><text x={x + PAD:.0f} "
                   f"y={y + 16:.0f}>{label}</text></g>")
    return "".join(out)


def _edge(boxes: dict[str, tuple[float, float, float]], a: str, b: str, color: str,
          marker: int, flag: str) -> str:
    (ax, ay, aw), (bx, by, bw) = boxes[a], boxes[b]
    if a.split(":", 1)[0] != b.split(":", 1)[0]:  # between columns: side to side
        right = bx > ax
        start, end = (ax + aw if right else ax, ay + BOX_H / 2), (bx if right else bx + bw,
                                                                  by + BOX_H / 2)
        bend = ((end[0] - start[0]) / 2, 0.0)
    else:  # down to what it imports; up (a cycle) from the top
        down = by > ay
        start = (ax + aw / 2, ay + BOX_H if down else ay)
        end = (bx + bw / 2, by if down else by + BOX_H)
        bend = (0.0, (end[1] - start[1]) / 2 if down else -30.0)
    points = (start, (start[0] + bend[0], start[1] + bend[1]),
              (end[0] - bend[0], end[1] - bend[1]), end)
    d = "M{:.0f},{:.0f} C{:.0f},{:.0f} {:.0f},{:.0f} {:.0f},{:.0f}".format(
        *(v for point in points for v in point))
    width = 2.2 if flag else 1.1
    dash = " stroke-dasharray='6 3'" if flag in DASHED else ""
    return (f"<path d='{d}' fill=none stroke='{color}' stroke-width={width}{dash} "
            f"marker-end='url(#a{marker})'><title>{escape(a)} → {escape(b)}</title></path>")
