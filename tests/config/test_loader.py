"""Loading valid configs in both file forms, finding them, and every kind of error."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from driftguard.config.loader import (
    find_config,
    load_config,
    load_config_text,
    load_default,
    select_config,
)
from driftguard.config.models import Config, ForbiddenRule, LayersRule
from driftguard.errors import ConfigError

# The example of design.md, plus every other section.
FULL = """\
[[modules]]
name = "api"
paths = ["src/shop/api/**"]
interface = ["shop.api.public"]

[[modules]]
name = "services"
packages = ["shop.services"]

[[modules]]
name = "data"
packages = ["shop.data"]

[[rules]]
type = "layers"
layers = ["api", "services", "data"]

[[rules]]
type = "forbidden"
source = ["data"]
target = ["api"]
allow_indirect = true
severity = "warning"
ignore_imports = ["shop.data.legacy -> shop.api.*"]

[[rules]]
type = "independence"
modules = ["api", "data"]
exclude_type_only = true

[[rules]]
type = "acyclic"

[[rules]]
type = "interface"
name = "public api only"

[[agents]]
branch = "agent/data-*"
owns = ["src/shop/data/**"]
cannot_touch = ["src/shop/api/**"]

[overlap]
concurrent = ["agent/*"]

[[workspace.repos]]
name = "lib"
path = "../lib"

[contracts]
public = ["shop.api.**"]
include_private = true

[severity]
DG301 = "off"
DG102 = "info"

[settings]
source_roots = ["src"]
exclude = ["src/shop/generated/**"]
max_file_size = 100000
baseline = ".driftguard/baseline.json"
"""


def as_pyproject(text: str) -> str:
    """The same keys under [tool.driftguard]."""
    out = ['[project]\nname = "shop"\n\n[tool.driftguard]']
    for line in text.splitlines():
        if line.startswith("[["):
            out.append("[[tool.driftguard." + line[2:])
        elif line.startswith("["):
            out.append("[tool.driftguard." + line[1:])
        else:
            out.append(line)
    return "\n".join(out) + "\n"


def test_full_config_loads(tmp_path: Path) -> None:
    path = tmp_path / "driftguard.toml"
    path.write_text(FULL, encoding="utf-8")
    config = load_config(path)
    assert [m.name for m in config.modules] == ["api", "services", "data"]
    layers, forbidden, *_ = config.rules
    assert isinstance(layers, LayersRule) and layers.levels() == [["api"], ["services"], ["data"]]
    assert isinstance(forbidden, ForbiddenRule) and forbidden.allow_indirect
    assert forbidden.severity == "warning" and layers.severity == "error"
    assert [r.type for r in config.rules] == [
        "layers", "forbidden", "independence", "acyclic", "interface"]
    assert config.agents[0].cannot_touch == ["src/shop/api/**"]
    assert config.overlap.concurrent == ["agent/*"]
    assert config.workspace.repos[0].path == "../lib"
    assert config.severity == {"DG301": "off", "DG102": "info"}
    assert config.settings.max_file_size == 100000
    assert config.source == str(path)


def test_pyproject_form_is_the_same_config(tmp_path: Path) -> None:
    (tmp_path / "driftguard.toml").write_text(FULL, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(as_pyproject(FULL), encoding="utf-8")
    plain = load_config(tmp_path / "driftguard.toml")
    nested = load_config(tmp_path / "pyproject.toml")
    assert nested.model_dump() == plain.model_dump()


def test_defaults() -> None:
    config = Config()
    assert config.contracts.public == ["**"] and not config.contracts.include_private
    assert config.settings.source_roots is None and config.settings.max_file_size == 2_000_000
    assert config.rules == [] and config.source is None


def test_layer_siblings_and_defaults_of_rules() -> None:
    config = load_config_text(textwrap.dedent("""\
        modules = [{name = "a", packages = ["a"]}, {name = "b", packages = ["b"]},
                   {name = "c", packages = ["c"]}]
        [[rules]]
        type = "layers"
        layers = ["a", ["b", "c"]]
        """), "driftguard.toml")
    (rule,) = config.rules
    assert isinstance(rule, LayersRule)
    assert rule.levels() == [["a"], ["b", "c"]]
    assert (rule.allow_indirect, rule.exclude_type_only, rule.ignore_imports) == (False, False, [])


def test_find_config_prefers_driftguard_toml(tmp_path: Path) -> None:
    assert find_config(tmp_path) is None
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert find_config(tmp_path) is None  # no [tool.driftguard]
    (tmp_path / "pyproject.toml").write_text("[[tool.driftguard.rules]]\ntype = 'acyclic'\n",
                                             encoding="utf-8")
    assert find_config(tmp_path) == tmp_path / "pyproject.toml"
    (tmp_path / "driftguard.toml").write_text("", encoding="utf-8")
    assert find_config(tmp_path) == tmp_path / "driftguard.toml"


def test_select_config_reads_any_storage() -> None:
    files = {"pyproject.toml": "[tool.driftguard.settings]\nmax_file_size = 10\n"}
    assert select_config(files.get) == ("pyproject.toml", files["pyproject.toml"])
    assert select_config({}.get) is None


def test_config_from_a_git_revision_names_its_source(config_error) -> None:
    text = "[tool.driftguard]\nextends = ['agent-worktree']\n"
    config = load_config_text(text, "HEAD:pyproject.toml")
    assert config.overlap.concurrent == ["agent/*"] and config.source == "HEAD:pyproject.toml"
    message = config_error("[tool.driftguard]\nbogus = 1\n", "pyproject.toml at main")
    assert "  pyproject.toml at main: tool.driftguard.bogus: unknown key 'bogus'" in message


def test_load_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert load_default(tmp_path) == Config()
    (tmp_path / "driftguard.toml").write_text("[overlap]\nconcurrent = ['x/*']\n", "utf-8")
    assert load_default(tmp_path).overlap.concurrent == ["x/*"]
    other = tmp_path / "other.toml"
    other.write_text("[overlap]\nconcurrent = ['y/*']\n", encoding="utf-8")
    assert load_default(tmp_path, str(other)).overlap.concurrent == ["y/*"]
    with pytest.raises(ConfigError, match=r"config file missing\.toml not found"):
        load_default(tmp_path, "missing.toml")


def test_pyproject_without_table_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text('[project]\nname = "x"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"has no \[tool.driftguard\] table"):
        load_config(path)


def test_non_utf8_file(tmp_path: Path) -> None:
    path = tmp_path / "driftguard.toml"
    path.write_bytes(b"name = '\xff'\n")
    with pytest.raises(ConfigError, match="is not UTF-8 text"):
        load_config(path)
