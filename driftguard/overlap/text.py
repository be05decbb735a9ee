"""The overlap summary for terminals: collision matrix, merge order, pairs to reconcile by hand.

Appended under the findings of ``driftguard overlap --format text``. Plain text
(no colour) so it reads the same in a log, a pipe or a terminal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Sequence

LETTERS = {"DG301": "F", "DG302": "S", "DG303": "C", "DG304": "I", "DG305": "N"}
LEGEND = "F same file, S same symbol, C textual conflict, I interface change, N same new name"
MAX_GRID = 26  # wider grids stop being readable; the pair list says the same


def render_summary(stats: dict[str, Any]) -> str:
    branches = list(stats.get("branches", []))
    matrix = list(stats.get("matrix", []))
    lines = [f"Overlap of {len(branches)} branches"]
    if matrix and len(branches) <= MAX_GRID:
        lines += ["", f"  ({LEGEND})", *_grid(branches, matrix)]
    lines += ["", "Colliding pairs:" if matrix else "No colliding pairs."]
    lines += [f"  {a} <> {b}: {', '.join(row['rules'])}" for row in matrix
              for a, b in [row["branches"]]]
    lines += _order(stats.get("merge_order", []))
    by_hand = stats.get("reconcile_by_hand", [])
    if by_hand:
        lines += ["", "Reconcile by hand:"]
        lines += [f"  {a} <> {b}: {row['reason']}" for row in by_hand
                  for a, b in [row["branches"]]]
    clean = stats.get("clean", [])
    if clean:
        lines += ["", f"No collisions: {', '.join(clean)}"]
    return "\n".join(lines) + "\n"


def _grid(branches: Sequence[str], matrix: Sequence[dict[str, Any]]) -> list[str]:
    cells = {tuple(row["branches"]): "".join(LETTERS.get(r, "?") for r in row["rules"])
             for row in matrix}
    width = max(2, *(len(c) for c in cells.values()))
    label = max(len(b) for b in branches) + 5
    header = " " * label + " ".join(f"{i + 1:>{width}}" for i in range(len(branches)))
    rows = [header]
    for i, a in enumerate(branches):
        row = [cells.get(tuple(sorted((a, b))), "." if a != b else "-") for b in branches]
        rows.append(f"{i + 1:>3}  {a:<{label - 5}}" + " ".join(f"{c:>{width}}" for c in row))
    return ["  " + r for r in rows]


def _order(steps: Sequence[dict[str, Any]]) -> list[str]:
    if not steps:
        return []
    lines = ["", "Suggested merge order:"]
    for i, step in enumerate(steps, 1):
        reason = f"  ({step['reason']})" if step.get("reason") else ""
        lines.append(f"  {i}. {step['branch']}{reason}")
    return lines
