"""What one branch does to names others may use (DG304's first half).

The contract diff (``model.diff.diff_snapshots``) runs on two small snapshots
holding only the branch's changed modules, at the merge-base and at the head:
unchanged modules cannot have changed their interface, and a branch of 10 files
must not pay for linking 3000. Private names count: a merge breaks just as hard
when the other branch newly uses a ``_helper`` this one removed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from driftguard.model.consumers import MISSING, Namespace
from driftguard.model.diff import FAMILY, Kind, diff_snapshots
from driftguard.model.snapshot import Snapshot

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from driftguard.model.diff import ModuleChange, SymbolChange
    from driftguard.model.facts import Definition
    from driftguard.model.snapshot import Module
    from driftguard.overlap.model import FileDelta

GONE = (Kind.SYMBOL_REMOVED, Kind.SYMBOL_RENAMED, Kind.SYMBOL_MOVED)


@dataclass(frozen=True)
class InterfaceChange:
    """A name (absolute, as at the merge-base) that the branch removes or changes."""

    target: str
    kind: str  # removed | renamed | moved | signature | kind
    detail: str  # the new name, the signatures "(a) -> (a, b)", the new kind
    path: str  # where to see the change on the branch
    line: int
    calls_only: bool = False  # a signature change: only calls can break
    old: Definition | None = None
    new: Definition | None = None

    def describe(self) -> str:
        """What the branch does, as a verb phrase: 'renames shop.util.f to 'g''."""
        short = self.detail.rsplit(".", 1)[-1]
        return {"removed": f"removes {self.target}",
                "renamed": f"renames {self.target} to '{short}'",
                "moved": f"moves {self.target} to {self.detail}",
                "signature": f"changes the signature of {self.target} {self.detail}",
                }.get(self.kind, f"turns {self.target} into a {self.detail}")


def interface_changes(files: Sequence[FileDelta]) -> list[InterfaceChange]:
    base = _partial("merge-base", [f.old for f in files if f.old is not None])
    head = _partial("head", [f.new for f in files if f.new is not None])
    if not base.modules:
        return []  # the branch only adds files: nothing of the merge-base's is gone
    diff = diff_snapshots(base, head, include_private=True)
    out = [_module_change(m) for m in diff.gone_modules().values()]
    out.extend(_symbol_changes(diff.symbols, base, head))
    return out


def _partial(label: str, modules: Sequence[Module]) -> Snapshot:
    return Snapshot(label, None, {m.name: m for m in modules if m.name}, [])


def _module_change(change: ModuleChange) -> InterfaceChange:
    if change.kind == Kind.MODULE_MOVED:
        return InterfaceChange(change.name, "moved", change.new_name, change.new_path, 1)
    return InterfaceChange(change.name, "removed", "", change.path, 1)


def _symbol_changes(changes: Sequence[SymbolChange], base: Snapshot, head: Snapshot
                    ) -> Iterator[InterfaceChange]:
    head_ns = Namespace(head)
    for change in changes:
        if change.kind in GONE and head_ns.lookup(change.name) == MISSING:
            yield _gone(change, base, head)
        elif change.kind == Kind.SIGNATURE_CHANGED and change.breaking:
            yield _signature(change, head)
        elif change.kind == Kind.KIND_CHANGED and change.new is not None and (
                FAMILY.get(change.new.kind) is None):
            yield InterfaceChange(change.name, "kind", change.new.kind,
                                  head.modules[change.module].path, change.new.line,
                                  old=change.old, new=change.new)


def _gone(change: SymbolChange, base: Snapshot, head: Snapshot) -> InterfaceChange:
    assert change.old is not None
    kind = {Kind.SYMBOL_RENAMED: "renamed", Kind.SYMBOL_MOVED: "moved"}.get(change.kind, "removed")
    path, line = base.modules[change.module].path, change.old.line
    home = _module_of(change.replacement, head) if change.new is not None else None
    if home is not None:  # renamed or moved: show the new definition on the branch
        path, line = home, change.new.line  # type: ignore[union-attr]
    return InterfaceChange(change.name, kind, change.replacement, path, line,
                           old=change.old, new=change.new)


def _module_of(dotted: str, snapshot: Snapshot) -> str | None:
    parts = dotted.split(".")
    for end in range(len(parts) - 1, 0, -1):
        found = snapshot.modules.get(".".join(parts[:end]))
        if found is not None:
            return found.path
    return None


def _signature(change: SymbolChange, head: Snapshot) -> InterfaceChange:
    assert change.old is not None and change.new is not None
    old_sig, new_sig = change.old.signature, change.new.signature
    render = f"{old_sig.render() if old_sig else '()'} -> {new_sig.render() if new_sig else '()'}"
    target = change.name.removesuffix(".__init__")  # a constructor's callers call the class
    return InterfaceChange(target, "signature", render,
                           head.modules[change.module].path, change.new.line, calls_only=True,
                           old=change.old, new=change.new)
