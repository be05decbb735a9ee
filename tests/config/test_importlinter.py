"""import-linter config in its three file forms -> the same driftguard config, which loads."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from repo_helpers import run_cli

from driftguard.config.from_importlinter import convert, render
from driftguard.config.importlinter import read_importlinter
from driftguard.config.loader import load_config, load_config_text
from driftguard.errors import ConfigError

INI = """\
[importlinter]
root_package = shop

[importlinter:contract:layers]
name = Shop layers
type = layers
layers =
    shop.api
    shop.views | shop.cli
    shop.services : shop.jobs
    shop.data
ignore_imports =
    shop.data.legacy -> shop.api

[importlinter:contract:features]
name = Per feature
type = layers
containers =
    shop.search
    shop.cart
layers =
    views
    models

[importlinter:contract:forbid]
name = No web in data
type = forbidden
source_modules =
    shop.data
forbidden_modules =
    shop.api
    shop.views
allow_indirect_imports = True
ignore_imports = shop.data.legacy -> shop.api

[importlinter:contract:apart]
name = Features apart
type = independence
modules =
    shop.search
    shop.cart
"""

PYPROJECT = """\
[project]
name = "shop"

[tool.importlinter]
root_package = "shop"

[[tool.importlinter.contracts]]
id = "layers"
name = "Shop layers"
type = "layers"
layers = ["shop.api", "shop.views | shop.cli", "shop.services : shop.jobs", "shop.data"]
ignore_imports = ["shop.data.legacy -> shop.api"]

[[tool.importlinter.contracts]]
name = "Per feature"
type = "layers"
containers = ["shop.search", "shop.cart"]
layers = ["views", "models"]

[[tool.importlinter.contracts]]
name = "No web in data"
type = "forbidden"
source_modules = ["shop.data"]
forbidden_modules = ["shop.api", "shop.views"]
allow_indirect_imports = true
ignore_imports = ["shop.data.legacy -> shop.api"]

[[tool.importlinter.contracts]]
name = "Features apart"
type = "independence"
modules = ["shop.search", "shop.cart"]
"""

PACKAGE = ["__init__", "api", "views", "cli", "services", "jobs", "data/__init__", "data/legacy",
           "search/__init__", "search/views", "search/models",
           "cart/__init__", "cart/views", "cart/models"]

FORMS = {".importlinter": INI, "setup.cfg": INI, "pyproject.toml": PYPROJECT}


def write_form(folder: Path, name: str) -> Path:
    for module in PACKAGE:
        path = folder / "shop" / f"{module}.py"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("", encoding="utf-8")
    (folder / "shop" / "data" / "legacy.py").write_text("from shop import api\n", "utf-8")
    (folder / name).write_text(FORMS[name], encoding="utf-8")
    return folder / name


@pytest.mark.parametrize("name", list(FORMS))
def test_fixture_is_real_import_linter_config(tmp_path: Path, name: str) -> None:
    config = write_form(tmp_path, name)
    lint = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(lint), "--config", str(config)], cwd=tmp_path, text=True,
                            capture_output=True, env={**os.environ, "PYTHONPATH": str(tmp_path)},
                            timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 kept, 0 broken" in result.stdout


@pytest.mark.parametrize("name", list(FORMS))
def test_conversion_of_each_form(tmp_path: Path, name: str) -> None:
    source = read_importlinter(write_form(tmp_path, name))
    conversion = convert(source)
    assert conversion.warnings == []
    assert source.root_packages == ["shop"]
    config = load_config_text(render(conversion, source), "driftguard.toml")
    assert {m.name: m.packages for m in config.modules} == {
        "shop.api": ["shop.api"], "shop.views": ["shop.views"], "shop.cli": ["shop.cli"],
        "shop.services:shop.jobs": ["shop.services", "shop.jobs"], "shop.data": ["shop.data"],
        "shop.search.views": ["shop.search.views"], "shop.search.models": ["shop.search.models"],
        "shop.cart.views": ["shop.cart.views"], "shop.cart.models": ["shop.cart.models"],
        "shop.search": ["shop.search"], "shop.cart": ["shop.cart"],
    }
    dumped = [r.model_dump(exclude_defaults=True) for r in config.rules]
    assert dumped == [
        {"type": "layers", "name": "Shop layers",
         "layers": ["shop.api", ["shop.views", "shop.cli"], "shop.services:shop.jobs",
                    "shop.data"],
         "ignore_imports": ["shop.data.legacy -> shop.api"]},
        {"type": "layers", "name": "Per feature (shop.search)",
         "layers": ["shop.search.views", "shop.search.models"]},
        {"type": "layers", "name": "Per feature (shop.cart)",
         "layers": ["shop.cart.views", "shop.cart.models"]},
        {"type": "forbidden", "name": "No web in data", "source": ["shop.data"],
         "target": ["shop.api", "shop.views"], "allow_indirect": True,
         "ignore_imports": ["shop.data.legacy -> shop.api"]},
        {"type": "independence", "name": "Features apart", "modules": ["shop.search", "shop.cart"]},
    ]


UNSUPPORTED = """\
[importlinter]
root_package = shop

[importlinter:contract:one]
name = Custom
type = shop.contracts.MyContract

[importlinter:contract:two]
name = Wild
type = forbidden
source_modules = shop.*.api
forbidden_modules = shop.data

[importlinter:contract:three]
name = Exhaustive
type = layers
layers =
    shop.api
    shop.data
exhaustive = true

[importlinter:contract:four]
name = Cycles
type = acyclic_siblings
ancestors = shop
"""


def test_unsupported_contracts_become_warnings(tmp_path: Path) -> None:
    path = tmp_path / ".importlinter"
    path.write_text(UNSUPPORTED, encoding="utf-8")
    source = read_importlinter(path)
    text = render(convert(source), source)
    assert [line for line in text.splitlines() if line.startswith("# WARNING")] == [
        '# WARNING: import-linter contract "Custom" (type shop.contracts.MyContract) has no '
        "driftguard equivalent and was skipped",
        "# WARNING: import-linter contract \"Wild\" (type forbidden) was skipped: 'shop.*.api' "
        "is a wildcard expression; list the modules it stands for",
        '# WARNING: import-linter contract "Exhaustive" (type layers): option(s) exhaustive not '
        "supported, ignored",
        '# WARNING: import-linter contract "Cycles" (type acyclic_siblings) has no driftguard '
        "equivalent and was skipped",
    ]
    config = load_config_text(text, "driftguard.toml")
    assert [r.type for r in config.rules] == ["layers"]


def test_cli_converts_and_the_result_loads(tmp_path: Path) -> None:
    write_form(tmp_path, "setup.cfg")
    result = run_cli("init", "--from-importlinter", "setup.cfg", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "driftguard: wrote driftguard.toml (11 modules, 5 rules)\n"
    config = load_config(tmp_path / "driftguard.toml")
    assert len(config.rules) == 5


def test_cli_prints_warnings_and_writes_to_stdout(tmp_path: Path) -> None:
    (tmp_path / ".importlinter").write_text(UNSUPPORTED, encoding="utf-8")
    result = run_cli("init", "--from-importlinter", ".importlinter", "-o", "-", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# driftguard configuration converted from .importlinter\n")
    assert result.stderr.count("driftguard: warning: import-linter contract") == 4
    assert not (tmp_path / "driftguard.toml").exists()


@pytest.mark.parametrize(("name", "text", "message"), [
    ("missing.cfg", None, "driftguard: error: cannot read missing.cfg: No such file or directory"),
    ("setup.cfg", "[metadata]\nname = x\n", "driftguard: error: setup.cfg has no [importlinter] "
     "section"),
    ("pyproject.toml", "[project]\nname = 'x'\n", "driftguard: error: pyproject.toml has no "
     "[tool.importlinter] table"),
    ("setup.cfg", "not ini at all\n", "driftguard: error: setup.cfg: not a valid INI file: "),
])
def test_cli_errors_exit_2(tmp_path: Path, name: str, text: str | None, message: str) -> None:
    if text is not None:
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = run_cli("init", "--from-importlinter", name, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith(message)
    assert "Traceback" not in result.stderr


def test_read_errors_are_config_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        read_importlinter(tmp_path / "nope.ini")
