"""import-linter contracts -> driftguard config text (``driftguard init --from-importlinter``).

Every dotted name a contract uses becomes a module of that name (``packages``
cover children, as import-linter's modules do). Non-independent siblings
(``a : b``) become one module named ``a:b`` holding both packages: imports
inside one module are never checked, which is exactly what ``:`` means.
Contracts driftguard cannot express are kept as warnings, never a crash.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from driftguard.config import globs
from driftguard.config.tomlwrite import dumps

if TYPE_CHECKING:
    from collections.abc import Callable

    from driftguard.config.importlinter import Contract, ImportLinterConfig

COMMON = {"name", "type", "id", "ignore_imports", "unmatched_ignore_imports_alerting"}
OPTIONS = {
    "layers": {"layers", "containers"},
    "forbidden": {"source_modules", "forbidden_modules", "allow_indirect_imports", "as_packages"},
    "independence": {"modules"},
}
DOCS = "https://github.com/driftguard/driftguard/blob/main/docs/config.md"


class Unsupported(Exception):
    """A contract (or part of one) driftguard cannot express; the message says why."""


@dataclass
class Conversion:
    rules: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # (comment, rule)
    warnings: list[str] = field(default_factory=list)

    def module_names(self) -> list[str]:
        names = [name for _, rule in self.rules for name in _referenced(rule)]
        return list(dict.fromkeys(names))


def _referenced(rule: dict[str, Any]) -> list[str]:
    items = [*rule.get("layers", []), *rule.get("source", []), *rule.get("target", []),
             *rule.get("modules", [])]
    return [name for item in items for name in ([item] if isinstance(item, str) else item)]


def convert(config: ImportLinterConfig) -> Conversion:
    out = Conversion()
    for contract in config.contracts:
        label = f'import-linter contract "{contract.name}" (type {contract.type or "missing"})'
        converter = CONVERTERS.get(contract.type)
        if converter is None:
            out.warnings.append(f"{label} has no driftguard equivalent and was skipped")
            continue
        try:
            rules = converter(contract)
            ignored = _ignore_imports(contract)
        except Unsupported as exc:
            out.warnings.append(f"{label} was skipped: {exc}")
            continue
        for rule in rules:
            out.rules.append((label, {**rule, **({"ignore_imports": ignored} if ignored else {})}))
        extra = sorted(set(contract.options) - COMMON - OPTIONS[contract.type])
        if extra:
            out.warnings.append(f"{label}: option(s) {', '.join(extra)} not supported, ignored")
    return out


def _name(raw: str, container: str = "") -> str:
    name = raw.strip().removeprefix("(").removesuffix(")").strip()  # "(x)": optional layer
    if "*" in name:
        raise Unsupported(f"{name!r} is a wildcard expression; list the modules it stands for")
    try:
        globs.check_dotted_name(f"{container}.{name}" if container else name)
    except globs.GlobError as exc:
        raise Unsupported(str(exc)) from None
    return f"{container}.{name}" if container else name


def _level(line: str, container: str) -> str | list[str]:
    if "|" in line and ":" in line:
        raise Unsupported(f"layer {line!r} mixes '|' and ':'")
    if "|" in line:
        return [_name(part, container) for part in line.split("|")]
    if ":" in line:
        return ":".join(_name(part, container) for part in line.split(":"))
    return _name(line, container)


def _layers(contract: Contract) -> list[dict[str, Any]]:
    lines = contract.names("layers")
    if not lines:
        raise Unsupported("it lists no layers")
    containers = contract.names("containers") or [""]
    return [{"type": "layers",
             "name": f"{contract.name} ({c})" if len(containers) > 1 else contract.name,
             "layers": [_level(line, c) for line in lines]} for c in containers]


def _forbidden(contract: Contract) -> list[dict[str, Any]]:
    source = [_name(n) for n in contract.names("source_modules")]
    target = [_name(n) for n in contract.names("forbidden_modules")]
    if not source or not target:
        raise Unsupported("it needs source_modules and forbidden_modules")
    if not contract.flag("as_packages", True):
        raise Unsupported("as_packages = false: driftguard modules always include children")
    rule: dict[str, Any] = {"type": "forbidden", "name": contract.name,
                            "source": source, "target": target}
    if contract.flag("allow_indirect_imports"):
        rule["allow_indirect"] = True
    return [rule]


def _independence(contract: Contract) -> list[dict[str, Any]]:
    modules = [_name(n) for n in contract.names("modules")]
    if len(modules) < 2:
        raise Unsupported("it needs at least two modules")
    return [{"type": "independence", "name": contract.name, "modules": modules}]


def _ignore_imports(contract: Contract) -> list[str]:
    out = []
    for item in contract.names("ignore_imports"):
        try:
            globs.split_import_pattern(item)
        except globs.GlobError as exc:
            raise Unsupported(f"ignore_imports: {exc}") from None
        out.append(item)
    return out


CONVERTERS: dict[str, Callable[[Contract], list[dict[str, Any]]]] = {
    "layers": _layers, "forbidden": _forbidden, "independence": _independence,
}


def render(conversion: Conversion, config: ImportLinterConfig) -> str:
    """The driftguard.toml text: a commented header, the modules, then one rule per contract."""
    lines = [f"# driftguard configuration converted from {config.source}",
             "# by `driftguard init --from-importlinter`.",
             "# Each dotted name became a module; a module covers its package's children.",
             f"# Reference: {DOCS}"]
    if config.root_packages:
        lines.append(f"# import-linter root packages: {', '.join(config.root_packages)}")
    lines += [f"# WARNING: {w}" for w in conversion.warnings]
    text = "\n".join(lines) + "\n"
    modules = [{"name": n, "packages": n.split(":")} for n in conversion.module_names()]
    if modules:
        text += "\n" + dumps({"modules": modules})
    for comment, rule in conversion.rules:
        text += f"\n# {comment}\n" + dumps({"rules": [rule]})
    return text
