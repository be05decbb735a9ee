"""Units of a repository's architecture, and the dependency graph between them.

A unit is a named module of the repository's config when it declares ``[[modules]]``,
else a top package. A repository whose code sits in one dominant package (``shoplib``
holds most modules, or ``src/`` does) is split one level further, up to three levels,
so a library shows ``shoplib.pricing`` and ``shoplib.tax`` rather than one blob. Test
code is left out: tests import everything and say nothing about the architecture.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from driftguard.model.finding import Finding
    from driftguard.model.snapshot import Edge

MAX_DEPTH = 3
SEPARATOR = re.compile(r"[./]")  # dotted Python and Java names, path-named TS and Go modules
TEST_PATH = re.compile(
    r"(^|/)(tests?|testing|__tests__|testdata)/|(^|/)(test_[^/]*|conftest)\.py$"
    r"|_test\.(py|go)$|\.(test|spec)\.[cm]?[jt]sx?$")


def is_test(path: str) -> bool:
    return TEST_PATH.search(path) is not None


def cut(name: str, depth: int) -> str:
    """The first ``depth`` parts of a dotted or slashed name, separators kept."""
    ends = [m.start() for m in SEPARATOR.finditer(name)]
    return name if depth > len(ends) else name[: ends[depth - 1]]


def top_packages(modules: Iterable[str]) -> dict[str, str]:
    """Module -> its top package, the dominant package split further (see above)."""
    names = sorted(modules)
    out: dict[str, str] = {}
    _assign(names, 1, len(names), out)
    return out


def _assign(names: list[str], depth: int, total: int, out: dict[str, str]) -> None:
    groups: dict[str, list[str]] = defaultdict(list)
    for name in names:
        groups[cut(name, depth)].append(name)
    for unit, members in groups.items():
        below = {cut(m, depth + 1) for m in members}
        if depth < MAX_DEPTH and 2 * len(members) > total and len(below) > 1:
            _assign(members, depth + 1, total, out)
        else:
            out.update(dict.fromkeys(members, unit))


def units_of(modules: Mapping[str, str], named: Mapping[str, str] | None = None
             ) -> dict[str, str]:
    """Module -> unit for the modules that belong to the architecture.

    ``modules`` maps module names to their paths; ``named`` is the config's named
    modules (module -> name), used instead of top packages when given.
    """
    kept = {name for name, path in modules.items() if not is_test(path)}
    if named:
        return {m: unit for m, unit in named.items() if m in kept}
    return top_packages(kept)


def unit_edges(edges: Iterable[Edge], units: Mapping[str, str]
               ) -> tuple[dict[tuple[str, str], int], dict[tuple[str, str], tuple[str, int]]]:
    """(imports per unit pair, the first import making each pair) from module edges."""
    counts: dict[tuple[str, str], int] = defaultdict(int)
    sites: dict[tuple[str, str], tuple[str, int]] = {}
    for edge in sorted(edges, key=lambda e: (e.path, e.line)):
        a, b = units.get(edge.importer), units.get(edge.imported)
        if a is None or b is None or a == b:
            continue
        counts[(a, b)] += 1
        sites.setdefault((a, b), (edge.path, edge.line))
    return dict(counts), sites


def prefixes(units: Mapping[str, str], named_packages: Mapping[str, list[str]] | None = None
             ) -> dict[str, str]:
    """Name prefix -> unit, to place another repository's import of a name in a unit."""
    if named_packages:
        return {p: unit for unit, packages in named_packages.items() for p in packages}
    return {unit: unit for unit in set(units.values())}


def unit_for(name: str, prefix_map: Mapping[str, str]) -> str | None:
    """The unit of the longest prefix of ``name`` (at a separator) in ``prefix_map``."""
    best = None
    for prefix, unit in prefix_map.items():
        if (name == prefix or (name.startswith(prefix) and name[len(prefix)] in "./")) and (
                best is None or len(prefix) > len(best[0])):
            best = (prefix, unit)
    return best[1] if best else None


def violating_edges(findings: Iterable[Finding], units: Mapping[str, str]
                    ) -> list[tuple[str, str]]:
    """Unit pairs on the import chains of boundary findings (evidence "a -> b")."""
    out = set()
    for finding in findings:
        for step in finding.evidence:
            a, arrow, b = step.text.partition(" -> ")
            pair = (units.get(a), units.get(b))
            if arrow and pair[0] and pair[1] and pair[0] != pair[1]:
                out.add(pair)
    return sorted(out)  # type: ignore[arg-type]
