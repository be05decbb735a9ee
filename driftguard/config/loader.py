"""Find, read, merge and validate the configuration; every problem becomes one ConfigError.

Top-level imports stay light (no pydantic): ``find_config`` runs on the hook's
hot path even when there is nothing to load.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from driftguard.errors import ConfigError

if TYPE_CHECKING:
    from collections.abc import Callable

    from driftguard.config.merge import Layer, Provenance
    from driftguard.config.models import Config

CONFIG_FILE = "driftguard.toml"
PYPROJECT = "pyproject.toml"
PYPROJECT_PREFIX = ("tool", "driftguard")
DOCS = "https://github.com/driftguard/driftguard/blob/main/docs/config.md"
HINT = f"Fix the keys named above; every key is described in {DOCS}."


def parse_toml(text: str, source: str) -> dict[str, Any]:
    """Parse TOML; a syntax error names the file, line and column."""
    if sys.version_info >= (3, 11):  # imported here: a config read back from the cache skips it
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        reason, line, column = _syntax_error_position(str(exc), text)
        raise ConfigError(f"{source}:{line}:{column}: TOML syntax error: {reason}",
                          "Fix the TOML syntax there: strings need quotes, arrays use [...], "
                          "and each key appears once per table.") from None
    except RecursionError:  # tomllib parses nested arrays and inline tables recursively
        raise ConfigError(f"{source}: arrays or inline tables nested too deeply to read",
                          "A driftguard config needs a few levels at most; "
                          "flatten the nesting.") from None


def _syntax_error_position(message: str, text: str) -> tuple[str, int, int]:
    """tomllib says "(at line L, column C)" or "(at end of document)"; return both numbers."""
    found = re.search(r"\s*\(at line (\d+), column (\d+)\)", message)
    if found:
        return message[: found.start()], int(found[1]), int(found[2])
    lines = text.split("\n")
    return re.sub(r"\s*\(at end of document\)", "", message), len(lines), len(lines[-1]) + 1


def _driftguard_table(text: str) -> bool:
    return bool(re.search(r"^\s*\[\[?\s*tool\.driftguard\s*[.\]]", text, re.MULTILINE))


def select_config(read: Callable[[str], str | None]) -> tuple[str, str] | None:
    """Pick the config among repo-root files; ``read(name)`` returns a file's text or None.

    ``driftguard.toml`` wins; else ``pyproject.toml`` when it has ``[tool.driftguard]``.
    Works on a working tree and on a git revision alike.
    """
    for name in (CONFIG_FILE, PYPROJECT):
        text = read(name)
        if text is not None and (name == CONFIG_FILE or _driftguard_table(text)):
            return name, text
    return None


def find_config(root: Path) -> Path | None:
    """The config file of the repository at ``root``, or None."""
    found = select_config(lambda name: _read_if_file(Path(root) / name, Path(root)))
    return Path(root) / found[0] if found else None


def _read_if_file(path: Path, root: Path) -> str | None:
    return _read(inside_repository(path, root, path.name)) if path.is_file() else None


def inside_repository(path: Path, root: Path, what: str) -> Path:
    """``path`` if it resolves inside ``root``: a committed symlink must not make
    driftguard read other files of the machine it runs on (a fork's PR in CI)."""
    if not path.resolve().is_relative_to(root.resolve()):
        raise ConfigError(f"{what} ({path}) links to {path.resolve()}, outside the repository",
                          "driftguard reads only files inside the repository it checks. "
                          "Replace the link with the file itself, or pass the file on the "
                          "command line.")
    return path


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ConfigError(f"{path} is not UTF-8 text", "Save the config as UTF-8.") from None
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror}",
                          "Check that the file exists and is readable.") from None


def load_config(path: Path | str) -> Config:
    """Load and validate a driftguard.toml or a pyproject.toml with [tool.driftguard]."""
    return load_config_text(*read_config_file(path))


def read_config_file(path: Path | str) -> tuple[str, str]:
    """(text, the name messages give it) of a config file."""
    return _read(Path(path)), _display(Path(path))


def _display(path: Path) -> str:
    """The path as the user would type it: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


load_config_file = load_config  # the name driftguard.cli.session uses


def load_config_text(text: str, source: str, *, pyproject: bool | None = None) -> Config:
    """Validate config text; ``source`` names it in messages (a path, or ``rev:path``).

    ``pyproject`` says whether the keys sit under ``[tool.driftguard]``; by default
    it is guessed from the file name in ``source``.
    """
    from driftguard.config.merge import Layer, merge_layers
    from driftguard.config.presets import resolve_extends

    if pyproject is None:
        pyproject = re.search(r"(^|[/\\:])pyproject\.toml\b", source) is not None
    data = parse_toml(text, source)
    user = Layer(source, _table(data, source) if pyproject else data,
                 PYPROJECT_PREFIX if pyproject else ())
    layers, problems = resolve_extends(user)
    if problems:
        raise _error([(layer, loc, message) for layer, loc, message in problems])
    merged, provenance = merge_layers(layers)
    config = _validate(merged, provenance, user)
    config._source = source
    return config


def _table(data: dict[str, Any], source: str) -> dict[str, Any]:
    table = data.get("tool", {}).get("driftguard") if isinstance(data.get("tool"), dict) else None
    if not isinstance(table, dict):
        raise ConfigError(f"{source} has no [tool.driftguard] table",
                          f"Add a [tool.driftguard] table, or put the keys in {CONFIG_FILE}.")
    return table


def _validate(merged: dict[str, Any], provenance: Provenance, user: Layer) -> Config:
    from pydantic import ValidationError

    from driftguard.config.messages import issues_of
    from driftguard.config.models import Config

    try:
        return Config.model_validate(merged)
    except ValidationError as exc:
        problems = [(*provenance.locate(loc, user), message) for loc, message in issues_of(exc)]
        raise _error(problems) from None


def _error(problems: list[tuple[Layer, tuple[Any, ...], str]]) -> ConfigError:
    from driftguard.config.messages import key_path

    lines = []
    for layer, loc, message in problems:
        key = key_path((*layer.prefix, *loc)) or "(top level)"
        lines.append(f"  {layer.source}: {key}: {message}")
    count = f"{len(lines)} problem{'s' if len(lines) != 1 else ''}"
    return ConfigError(f"invalid configuration ({count}):\n" + "\n".join(lines), HINT)


def load_default(root: Path | str, explicit: str | None = None) -> Config:
    """The config a command uses: ``explicit`` (``--config``), else the repo's, else defaults."""
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError(f"config file {explicit} not found",
                              "Pass an existing file to --config, or omit it to use the "
                              f"repository's {CONFIG_FILE}.")
        return load_config(path)
    found = find_config(Path(root))
    if found:
        return load_config(found)
    from driftguard.config.models import Config

    return Config()
