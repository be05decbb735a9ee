"""The presets shipped in rules/ (installed as the package ``driftguard.presets``).

A preset is a TOML file with the keys of driftguard.toml at its top level. A
config extends presets by name; their ``extends`` are followed too.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from driftguard.errors import ConfigError

if TYPE_CHECKING:
    from importlib.abc import Traversable

    from driftguard.config.merge import Layer

PACKAGE = "driftguard.presets"
SUFFIX = ".toml"


def _preset_dir() -> Traversable:
    try:
        return resources.files(PACKAGE)
    except ModuleNotFoundError:
        pass
    # Running from a checkout that is not installed (or installed before rules/ was mapped).
    checkout = Path(__file__).resolve().parents[2] / "rules"
    if not checkout.is_dir():
        raise ConfigError("driftguard's presets are missing from this installation",
                          "Reinstall driftguard (pip install --force-reinstall driftguard).")
    return checkout


def preset_names() -> list[str]:
    """Names of the shipped presets, sorted."""
    return sorted(entry.name[: -len(SUFFIX)] for entry in _preset_dir().iterdir()
                  if entry.name.endswith(SUFFIX))


def preset_text(name: str) -> str | None:
    """The TOML text of preset ``name``, or None when there is no such preset."""
    if name not in preset_names():
        return None
    return (_preset_dir() / f"{name}{SUFFIX}").read_text(encoding="utf-8")


def resolve_extends(user: Layer) -> tuple[list[Layer], list[tuple[Layer, tuple[Any, ...], str]]]:
    """Every layer to merge (presets first, each once, the user last) and the problems found."""
    from driftguard.config.loader import parse_toml
    from driftguard.config.merge import Layer

    ordered: list[Layer] = []
    problems: list[tuple[Layer, tuple[Any, ...], str]] = []
    done: set[str] = set()

    def visit(layer: Layer, chain: tuple[str, ...]) -> None:
        for index, name in enumerate(_extends_of(layer, problems)):
            loc = ("extends", index)
            if name in chain:
                problems.append((layer, loc, f"preset {name!r} extends itself (via "
                                 f"{' -> '.join((*chain, name))})"))
                continue
            if name in done:
                continue
            text = preset_text(name)
            if text is None:
                problems.append((layer, loc, f"unknown preset {name!r}; allowed: "
                                 f"{', '.join(preset_names())}"))
                continue
            preset = Layer(f"preset {name}", parse_toml(text, f"preset {name}"))
            visit(preset, (*chain, name))
            done.add(name)
            ordered.append(preset)

    visit(user, ())
    return [*ordered, user], problems


def _extends_of(layer: Layer, problems: list[tuple[Layer, tuple[Any, ...], str]]) -> list[str]:
    value = layer.data.get("extends", [])
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    problems.append((layer, ("extends",), f"expected an array of preset names, like "
                     f'["layered-app"]; allowed: {", ".join(preset_names())}'))
    return []
