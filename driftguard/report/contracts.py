"""Contracts a repository broke since an earlier revision, in a form that travels.

The engine finds what changed with the contract checks' own diff (DG201's gone names,
DG202's changed signatures as a call site sees them); ``from_diff`` turns each into a
``Break``, which survives JSON (history, ``--snapshot-out``) and is matched against
other repositories' uses without the provider's snapshot at hand.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from driftguard.model.diff import Kind
from driftguard.model.facts import Param, Signature

if TYPE_CHECKING:
    from collections.abc import Iterable

    from driftguard.model.diff import SnapshotDiff

Calls = tuple[Signature, Signature] | None  # (old, new) as a call site sees them
# (module, qualname) -> how (a plain call, a call through an instance) see it
Resign = Callable[[str, str], tuple[Signature | None, Signature | None]]
Gone = tuple[str, str, str, str, int]  # (module, qualname, how, path, line): DG201's gone names


@dataclass(frozen=True)
class Break:
    module: str
    qualname: str  # "" for a whole module
    how: str  # was removed | was renamed to 'x' | was moved to a.b | changed its signature ...
    path: str  # in the provider: where it was (gone) or is (changed)
    line: int
    since: str  # the provider's commit the change is measured from
    names: tuple[str, ...] = ()  # the dotted names consumers may use for it
    direct: Calls = None  # signature changes: a plain call
    bound: Calls = None  # ... a call through an instance, when it differs (methods)

    @property
    def name(self) -> str:
        return f"{self.module}.{self.qualname}" if self.qualname else self.module

    @property
    def gone(self) -> bool:
        return self.direct is None and self.bound is None

    def to_json(self) -> dict[str, Any]:
        return {"module": self.module, "qualname": self.qualname, "how": self.how,
                "path": self.path, "line": self.line, "since": self.since,
                "names": list(self.names), "direct": _calls_json(self.direct),
                "bound": _calls_json(self.bound)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Break:
        return cls(data["module"], data["qualname"], data["how"], data["path"], data["line"],
                   data["since"], tuple(data["names"]), _calls(data["direct"]),
                   _calls(data["bound"]))


def from_diff(diff: SnapshotDiff, gone: Iterable[Gone], since: str, before: Resign,
              after: Resign) -> tuple[list[Break], list[Break]]:
    """(names gone, callables whose calls may break) between two revisions."""
    removed = [Break(m, q, f"{'is' if how.startswith('no longer') else 'was'} {how}", path,
                     line, since) for m, q, how, path, line in gone]
    removed += [Break(m.name, "", f"was moved to {m.new_name}" if m.new_name else "was removed",
                      m.path, 1, since) for m in diff.gone_modules().values()]
    changed = []
    for c in diff.of_kind(Kind.SIGNATURE_CHANGED, Kind.KIND_CHANGED):
        symbol = c.qualname.removesuffix(".__init__")
        old, new = before(c.module, symbol), after(c.module, symbol)
        direct, bound = calls(old, new)
        if c.breaking and (direct or bound) and c.new is not None:
            shown = f"its signature to {new[0].render()}" if new[0] else "its kind"
            changed.append(Break(c.module, symbol, f"changed {shown}", "", c.new.line, since,
                                 direct=direct, bound=bound))
    return removed, changed


def calls(old: tuple[Signature | None, ...], new: tuple[Signature | None, ...]
          ) -> tuple[Calls, Calls]:
    """(plain call, call through an instance) as (old, new) pairs where they differ."""
    direct, bound = ((o, n) if o is not None and n is not None and o != n else None
                     for o, n in zip(old, new, strict=True))
    return direct, bound if bound != direct else None


def _calls_json(pair: Calls) -> list[Any] | None:
    return None if pair is None else [_signature_json(pair[0]), _signature_json(pair[1])]


def _calls(data: list[Any] | None) -> Calls:
    return None if data is None else (_signature(data[0]), _signature(data[1]))


def _signature_json(sig: Signature) -> list[Any]:
    return [[[p.name, p.kind, p.has_default, p.annotation] for p in sig.params], sig.returns]


def _signature(data: list[Any]) -> Signature:
    return Signature(tuple(Param(n, k, d, a) for n, k, d, a in data[0]), data[1])
