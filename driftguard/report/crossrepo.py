"""Dependencies between repositories of a workspace, and contracts broken across them (DG205).

A repository *provides* top-level names (Python packages, package.json names, Go
module paths); another repository's import of such a name is a cross-repo edge.
A provider's change breaks a consumer when a name the consumer imports or calls
existed at the provider's previous revision and is gone at its head.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from driftguard.model.consumers import FOUND, MISSING, Namespace
from driftguard.model.finding import Evidence, Finding, make_fingerprint

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from driftguard.model.snapshot import Snapshot


@dataclass(frozen=True)
class CrossUse:
    """One use in ``consumer`` of a dotted name that ``provider`` defines."""

    consumer: str
    provider: str
    dotted: str  # e.g. "shoplib.pricing.price_of"
    path: str
    line: int
    kind: str  # import | call | attr


def python_packages(snapshot: Snapshot) -> set[str]:
    return {m.name.split(".", 1)[0] for m in snapshot.modules.values()
            if m.language == "python" and m.name}


def cross_uses(consumer: str, snapshot: Snapshot, providers: Mapping[str, str]
               ) -> Iterator[CrossUse]:
    """Every import of another repository's name, and the calls through what it binds."""
    own = python_packages(snapshot)
    for module in snapshot.modules.values():
        bound: dict[str, str] = {}
        for imp in module.facts.imports:
            top = imp.module.split(".", 1)[0]
            provider = providers.get(top)
            if imp.level or provider is None or provider == consumer or top in own:
                continue
            uses, binds = _imported(imp.module, imp.names, imp.alias)
            bound.update(binds)
            for dotted in uses:
                yield CrossUse(consumer, provider, dotted, module.path, imp.line, "import")
        for ref in module.facts.references:
            head, _, rest = ref.name.partition(".")
            if head in bound and (rest or ref.kind == "call"):
                provider = providers[bound[head].split(".", 1)[0]]
                dotted = f"{bound[head]}.{rest}" if rest else bound[head]
                yield CrossUse(consumer, provider, dotted, module.path, ref.line, ref.kind)


def _imported(module: str, names: tuple[str, ...], alias: str | None
              ) -> tuple[list[str], dict[str, str]]:
    """(dotted names the import itself needs, local name -> the dotted name it binds)."""
    if not names:
        if alias:
            return [module], {alias: module}
        top = module.split(".", 1)[0]
        return [module], {top: top}  # `import a.b` binds `a`; `a.b.f()` reads through it
    uses, binds = [], {}
    for entry in names:
        name, _, local = entry.partition(" as ")
        if name != "*":
            uses.append(f"{module}.{name}")
            binds[local or name] = f"{module}.{name}"
    return uses, binds


def broken_uses(uses: list[CrossUse], before: Snapshot | None, after: Snapshot
                ) -> Iterator[tuple[CrossUse, str]]:
    """Uses whose name is gone at the provider's head (and existed before, when known)."""
    now, then = Namespace(after), Namespace(before) if before is not None else None
    for use in uses:
        if now.lookup(use.dotted) != MISSING:
            continue
        if then is not None and then.lookup(use.dotted) != FOUND:
            continue  # broken already, not by this change
        yield use, ("removed or renamed" if then is not None else "missing")


def dg205(use: CrossUse, how: str, provider_commit: str | None) -> Finding:
    at = f" at {provider_commit[:12]}" if provider_commit else ""
    return Finding(
        rule="DG205", severity="error", repo=use.consumer, path=use.path, line=use.line,
        message=(f"{use.dotted} was {how} in repository {use.provider!r}{at}, but "
                 f"repository {use.consumer!r} still uses it ({use.kind})"),
        fingerprint=make_fingerprint("DG205", use.consumer, use.provider, use.dotted,
                                     use.path),
        evidence=(Evidence(use.path, use.line, f"{use.consumer}: {use.kind} of {use.dotted}"),),
    )
