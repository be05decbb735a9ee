"""Which contract breaks of a provider stand now: those since its previous run, with
every alias a consumer may use (re-exports, as DG201 counts its consumers), and those
of earlier runs that are still unrepaired (their consumers stay broken until fixed)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from driftguard.model.consumers import MISSING, Namespace
from driftguard.report.contracts import Break

if TYPE_CHECKING:
    from collections.abc import Iterable

    from driftguard.model.facts import Signature
    from driftguard.model.snapshot import Snapshot
    from driftguard.report.contracts import Calls, Resign


def assemble(base: Snapshot | None, head: Snapshot, gone: Iterable[Break],
             changed: Iterable[Break], carried: Iterable[dict[str, Any]], resign: Resign
             ) -> list[Break]:
    """The breaks at head: fresh since ``base`` first, then unrepaired earlier ones."""
    earlier = [Break.from_json(b) for b in carried]
    found = [*(gone_breaks(base, head, gone) if base is not None else []),
             *changed_breaks(head, changed), *still_gone(earlier, head),
             *still_changed(earlier, resign)]
    unique: dict[str, Break] = {}
    for b in found:
        unique.setdefault(b.name, b)
    return list(unique.values())


def gone_breaks(base: Snapshot, head: Snapshot, gone: Iterable[Break]) -> list[Break]:
    """Names gone at head (no definition, re-export or submodule provides them any more),
    with every alias that no longer resolves either."""
    base_ns, head_ns = Namespace(base), Namespace(head)
    out = []
    for found in gone:
        # A removed top module of a namespace package has no parent to say MISSING.
        orphan = not found.qualname and head_ns.module_prefix(found.name) is None
        if head_ns.lookup(found.name) != MISSING and not orphan:
            continue
        aliases = (base_ns.aliases(found.name) | head_ns.aliases(found.name)) - {found.name}
        names = (found.name, *sorted(a for a in aliases if head_ns.lookup(a) == MISSING))
        out.append(replace(found, names=names))
    return out


def changed_breaks(head: Snapshot, changed: Iterable[Break]) -> list[Break]:
    """Signature changes, with the names that still denote the symbol at head."""
    head_ns = Namespace(head)
    return [replace(b, path=head.modules[b.module].path if b.module in head.modules else b.path,
                    names=(b.name, *sorted(head_ns.aliases(b.name) - {b.name})))
            for b in changed]


def still_gone(carried: Iterable[Break], head: Snapshot) -> list[Break]:
    head_ns = Namespace(head)
    return [b for b in carried if b.gone and head_ns.lookup(b.name) == MISSING]


def still_changed(carried: Iterable[Break], resign: Resign) -> list[Break]:
    """Signature breaks of an earlier run, measured against the signature at head now."""
    out = []
    for b in carried:
        if b.gone:
            continue
        now = resign(b.module, b.qualname)
        direct, bound = (_again(pair, sig) for pair, sig in zip((b.direct, b.bound), now,
                                                                strict=True))
        if direct is not None or bound is not None:
            out.append(replace(b, direct=direct, bound=bound))
    return out


def _again(pair: Calls, now: Signature | None) -> Calls:
    return None if pair is None or now is None or now == pair[0] else (pair[0], now)
