"""Dependencies between the repositories of a workspace: what each provides and uses.

A repository *provides* names: its top-level Python packages, the ``name`` of each
package.json, the module path of each go.mod. Another repository's use of such a name
is a cross-repo use: an import makes a cross-repo edge, and a use of a name the
provider broke is DG205 (``dg205``).
"""

from __future__ import annotations

import json
import re
import sys
from typing import TYPE_CHECKING, NamedTuple

from driftguard.languages.base import EXTERNAL
from driftguard.model.consumers import module_uses

if TYPE_CHECKING:
    from collections.abc import Mapping

    from driftguard.model.snapshot import Snapshot

NOT_DISTRIBUTED = frozenset({"tests", "test", "docs", "examples", "scripts", "benchmarks",
                             "setup", "conftest", "noxfile", "tasks", "manage"})
GO_MODULE = re.compile(rb"^\s*module\s+\"?([^\s\"]+)", re.MULTILINE)
SKIPPED = re.compile(r"(^|/)(node_modules|vendor|testdata)/")


class CrossUse(NamedTuple):
    """A use in one repository of a name from outside it (not the standard library)."""

    unit: str | None  # the consumer's unit; None outside the architecture (tests)
    path: str
    line: int
    target: str  # dotted, or a package spec with the name after a dot (``@shop/ui.Button``)
    kind: str  # import | call | attr | base
    positional: int = 0
    keywords: tuple[str, ...] = ()
    star_args: bool = False
    via_instance: bool = False

    def describe(self) -> str:
        verb = {"import": "imports", "call": "calls"}.get(self.kind, "uses")
        return f"{verb} {self.target}"


def python_provides(snapshot: Snapshot) -> set[str]:
    return {m.name.split(".", 1)[0] for m in snapshot.modules.values()
            if m.language == "python" and m.name} - NOT_DISTRIBUTED


def manifest_provides(manifests: Mapping[str, bytes]) -> set[str]:
    """package.json names and go.mod module paths, from those files' bytes by path."""
    out: set[str] = set()
    for path, data in manifests.items():
        if SKIPPED.search(path):
            continue
        if path.rsplit("/", 1)[-1] == "go.mod":
            found = GO_MODULE.search(data)
            out.update([found.group(1).decode("utf-8", "replace")] if found else [])
            continue
        try:
            name = json.loads(data).get("name")
        except (ValueError, AttributeError):
            continue
        out.update([name] if isinstance(name, str) and name else [])
    return out


def outside_uses(snapshot: Snapshot, units: Mapping[str, str]) -> list[CrossUse]:
    """Every use of a name from outside the repository and the standard library."""
    own = {m.name.split(".", 1)[0] for m in snapshot.modules.values() if m.language == "python"}
    found: set[CrossUse] = set()
    for module in snapshot.modules.values():
        for use in module_uses(module):
            if not _outside(use.target, module.language, own):
                continue
            found.add(CrossUse(units.get(module.name), use.path, use.line,
                               use.target.removeprefix(EXTERNAL), use.kind, use.positional,
                               use.keywords, use.star_args, use.via_instance))
    return sorted(found, key=lambda u: (u.path, u.line, u.target, u.kind))


def _outside(target: str, language: str, own: set[str]) -> bool:
    if language != "python":  # the other extractors mark what is not the repository's
        name = target.removeprefix(EXTERNAL)
        go_std = language == "go" and "." not in name.split("/", 1)[0]
        return target.startswith(EXTERNAL) and not go_std
    top = target.split(".", 1)[0]
    return bool(top) and top not in own and top not in sys.stdlib_module_names


def provider_of(target: str, providers: Mapping[str, str]) -> tuple[str, str] | None:
    """(provided name, repository) of the longest provided name ``target`` starts with."""
    best: tuple[str, str] | None = None
    for name, repo in providers.items():
        if (target == name or (target.startswith(name) and target[len(name)] in "./")) and (
                best is None or len(name) > len(best[0])):
            best = (name, repo)
    return best
