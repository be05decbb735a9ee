"""Read import-linter configuration: .importlinter / setup.cfg (INI) or pyproject.toml.

The result is format-neutral: root packages and contracts whose options are
lists of strings, strings or booleans, as import-linter itself reads them.
"""

from __future__ import annotations

import configparser
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from driftguard.errors import ConfigError

INI_ROOT = "importlinter"
INI_CONTRACT = "importlinter:contract:"


@dataclass
class Contract:
    id: str
    name: str
    type: str
    options: dict[str, Any] = field(default_factory=dict)

    def names(self, key: str) -> list[str]:
        """A list option: INI values have one item per line; TOML values are arrays."""
        raw = self.options.get(key, [])
        items = raw.splitlines() if isinstance(raw, str) else [str(x) for x in raw]
        return [i.strip() for i in items if i.strip() and not i.strip().startswith("#")]

    def flag(self, key: str, default: bool = False) -> bool:
        raw = self.options.get(key, default)
        return raw if isinstance(raw, bool) else str(raw).strip().lower() in ("true", "1", "yes")


@dataclass
class ImportLinterConfig:
    source: str
    root_packages: list[str]
    contracts: list[Contract]


def read_importlinter(path: Path | str) -> ImportLinterConfig:
    """Read import-linter's config from ``path``; its format follows the file name."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read {path}: {getattr(exc, 'strerror', None) or exc}",
                          "Pass the .importlinter, setup.cfg or pyproject.toml that holds "
                          "your import-linter contracts.") from None
    if path.suffix == ".toml":
        return _from_toml(text, str(path))
    return _from_ini(text, str(path))


def _from_ini(text: str, source: str) -> ImportLinterConfig:
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(text, source)
    except configparser.Error as exc:
        raise ConfigError(f"{source}: not a valid INI file: {exc.message}",
                          "Fix the file so import-linter itself can read it.") from None
    if not parser.has_section(INI_ROOT):
        raise ConfigError(f"{source} has no [{INI_ROOT}] section",
                          "Point --from-importlinter at the file with your import-linter config.")
    contracts = [_contract(name[len(INI_CONTRACT):], dict(parser.items(name)))
                 for name in parser.sections() if name.startswith(INI_CONTRACT)]
    root = Contract("", "", "", dict(parser.items(INI_ROOT)))
    return ImportLinterConfig(source, _roots(root), contracts)


def _from_toml(text: str, source: str) -> ImportLinterConfig:
    from driftguard.config.loader import parse_toml

    table = parse_toml(text, source).get("tool", {}).get("importlinter")
    if not isinstance(table, dict):
        raise ConfigError(f"{source} has no [tool.importlinter] table",
                          "Point --from-importlinter at the file with your import-linter config.")
    raw = table.get("contracts", [])
    contracts = [_contract(str(c.get("id", index)), c) for index, c in enumerate(raw)
                 if isinstance(c, dict)]
    return ImportLinterConfig(source, _roots(Contract("", "", "", table)), contracts)


def _contract(contract_id: str, options: dict[str, Any]) -> Contract:
    name = str(options.get("name") or contract_id)
    return Contract(contract_id, name, str(options.get("type", "")).strip(), options)


def _roots(root: Contract) -> list[str]:
    return root.names("root_packages") or root.names("root_package")
