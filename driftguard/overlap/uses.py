"""What one branch newly depends on (DG304's second half), and whether a change breaks it."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from driftguard.model.consumers import module_uses
from driftguard.model.diff import call_break, without_self

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from driftguard.model.consumers import Use
    from driftguard.model.facts import Definition, Signature
    from driftguard.overlap.interface import InterfaceChange
    from driftguard.overlap.model import FileDelta

    Aliases = Callable[[str], Iterable[str]]  # a name -> other names that denote it

OPAQUE = {"property", "cached_property", "overload", "setter", "getter", "deleter"}


def new_uses(delta: FileDelta) -> list[Use]:
    """Uses on lines the branch wrote, of names its file did not use as often before.

    Counting keeps an edited line that merely still calls ``f`` from looking new,
    while a second call of ``f`` added beside an old one does count.
    """
    if delta.new is None:
        return []
    head = module_uses(delta.new)
    before = Counter((u.target, u.kind) for u in module_uses(delta.old)) if delta.old else Counter()
    now = Counter((u.target, u.kind) for u in head)
    return [u for u in head if now[(u.target, u.kind)] > before[(u.target, u.kind)]
            and delta.change.touches(u.line, u.line)]


def names_of(change: InterfaceChange, aliases: Aliases | None) -> set[str]:
    """The changed name and the names that re-exported it at the merge-base."""
    return {change.target, *(aliases(change.target) if aliases else ())}


def broken_by(change: InterfaceChange, use: Use, names: set[str]) -> bool:
    if not change.calls_only:
        return any(use.target == n or use.target.startswith(n + ".") for n in names)
    if use.kind != "call" or use.target not in names:
        return False
    old, new = _as_called(change.old, use), _as_called(change.new, use)
    if old is None or new is None:
        return False  # a call the signatures cannot judge is not a conflict we can prove
    return call_break(old, new, use.positional, use.keywords, use.star_args) is not None


def _as_called(found: Definition | None, use: Use) -> Signature | None:
    """The parameters a call binds to, as the call site sees them (no ``self``)."""
    if found is None or found.signature is None:
        return None
    decorators = {d.split("(", 1)[0].rsplit(".", 1)[-1] for d in found.decorators}
    if decorators & OPAQUE:
        return None
    if found.qualname.endswith(".__init__") or (found.kind == "method" and (
            "classmethod" in decorators or (use.via_instance and "staticmethod" not in
                                            decorators))):
        return without_self(found.signature)
    return found.signature
