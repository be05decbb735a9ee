"""Checks between keys: rules name declared modules, names are unique.

They run after every key is valid on its own. All problems are collected and
raised as one pydantic error whose context carries each (key path, message),
so the loader can report each one at its own key.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic_core import PydanticCustomError

if TYPE_CHECKING:
    from collections.abc import Iterator

    from driftguard.config.models import Config, RuleBase

Loc = tuple[str | int, ...]
Issue = tuple[Loc, str]
ERROR_TYPE = "config_references"


def raise_reference_issues(config: Config) -> None:
    issues = list(reference_issues(config))
    if issues:
        raise PydanticCustomError(ERROR_TYPE, "{summary}",
                                  {"summary": "; ".join(m for _, m in issues), "issues": issues})


def reference_issues(config: Config) -> Iterator[Issue]:
    yield from _duplicates("modules", [m.name for m in config.modules], "module name")
    yield from _duplicates(("workspace", "repos"), [r.name for r in config.workspace.repos],
                           "repository name")
    declared = list(dict.fromkeys(m.name for m in config.modules))
    with_interface = {m.name for m in config.modules if m.interface}
    for index, rule in enumerate(config.rules):
        yield from _rule_issues(("rules", index), rule, declared, with_interface)


def _duplicates(key: str | Loc, names: list[str], what: str) -> Iterator[Issue]:
    prefix = key if isinstance(key, tuple) else (key,)
    seen: set[str] = set()
    for index, name in enumerate(names):
        if name in seen:
            yield (*prefix, index, "name"), f"duplicate {what} {name!r}: declare each one once"
        seen.add(name)


def _rule_issues(at: Loc, rule: RuleBase, declared: list[str], with_interface: set[str]
                 ) -> Iterator[Issue]:
    seen: dict[str, Loc] = {}
    for sub, name in rule.references():
        loc = (*at, *sub)
        if name not in declared:
            yield loc, _undeclared(name, declared)
        elif name in seen and getattr(rule, "type", "") in ("layers", "forbidden"):
            yield loc, f"module {name!r} appears twice in this rule"
        elif getattr(rule, "type", "") == "interface" and name not in with_interface:
            yield loc, _no_interface(name, sorted(with_interface))
        seen.setdefault(name, loc)


def _undeclared(name: str, declared: list[str]) -> str:
    if not declared:
        return f"no module named {name!r}: no [[modules]] are declared; declare it first"
    return f"no module named {name!r} is declared; allowed: {_listing(declared)}"


def _no_interface(name: str, with_interface: list[str]) -> str:
    if not with_interface:
        return f"module {name!r} declares no interface: add `interface = [...]` to it"
    return f"module {name!r} declares no interface; allowed: {_listing(with_interface)}"


def _listing(names: list[str]) -> str:
    return ", ".join(names) if names else "(none)"
