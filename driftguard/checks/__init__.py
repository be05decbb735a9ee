"""Checks: one module per rule code (or tight family of codes), registered here explicitly.

A check module exposes ``CODES`` (the rule codes it can emit) and
``run(ctx: CheckContext) -> Iterable[Finding]``. It never prints and never
touches git: everything it needs is in the context.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator
    from types import ModuleType

# check module -> the codes it emits. Add a check: one module + one line.
REGISTRY: dict[str, tuple[str, ...]] = {
    "driftguard.checks.dg101_layers": ("DG101",),
    "driftguard.checks.dg102_forbidden": ("DG102",),
    "driftguard.checks.dg103_independence": ("DG103",),
    "driftguard.checks.dg104_cycles": ("DG104",),
    "driftguard.checks.dg105_interface": ("DG105",),
    "driftguard.checks.dg106_ownership": ("DG106", "DG107"),
    "driftguard.checks.dg201_symbol_removed": ("DG201",),
    "driftguard.checks.dg202_signature_changed": ("DG202",),
    "driftguard.checks.dg203_module_removed": ("DG203",),
    "driftguard.checks.dg204_missing_name": ("DG204",),
}


def check_modules() -> Iterator[ModuleType]:
    for name in REGISTRY:
        yield importlib.import_module(name)
