"""Config errors name the file, the key (TOML path) and what is allowed; all are shown at once."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from driftguard.config.loader import load_config, load_config_text
from driftguard.errors import ConfigError

MODULES = """\
[[modules]]
name = "api"
paths = ["src/shop/api/**"]

[[modules]]
name = "services"
packages = ["shop.services"]
"""
RULE_TYPES = "allowed: layers, forbidden, independence, acyclic, interface"


def test_unknown_rule_type(config_error) -> None:
    message = config_error(MODULES + '[[rules]]\ntype = "acyclic"\n\n[[rules]]\ntype = "layer"\n')
    assert message.splitlines()[:2] == [
        "invalid configuration (1 problem):",
        f"  driftguard.toml: rules[1].type: unknown rule type 'layer'; {RULE_TYPES}",
    ]


def test_rule_without_type(config_error) -> None:
    message = config_error('[[rules]]\nlayers = ["api"]\n')
    assert f"  driftguard.toml: rules[0]: missing required key 'type'; {RULE_TYPES}" in message


def test_layer_naming_no_module(config_error) -> None:
    message = config_error(MODULES + '[[rules]]\ntype = "layers"\n'
                           'layers = ["api", ["services", "servces"]]\n')
    assert ("  driftguard.toml: rules[0].layers[1][1]: no module named 'servces' is declared; "
            "allowed: api, services") in message


def test_empty_layer_names_no_module(config_error) -> None:
    message = config_error(MODULES + '[[rules]]\ntype = "layers"\nlayers = ["api", []]\n')
    assert ("  driftguard.toml: rules[0].layers[1]: an empty array names no module; write a "
            "module name or an array of sibling names") in message


def test_malformed_glob(config_error) -> None:
    message = config_error('[[modules]]\nname = "api"\npaths = ["src/[api/**"]\n')
    assert message.splitlines()[1] == (
        "  driftguard.toml: modules[0].paths[0]: unbalanced '[' in 'src/[api/**' "
        "(write '[[]' for a literal '[')")


def test_toml_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "driftguard.toml"
    path.write_text('[[modules]]\nname = api\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert caught.value.message == f"{path}:2:8: TOML syntax error: Invalid value"
    assert "strings need quotes" in caught.value.hint


def test_toml_syntax_error_at_end_of_document(config_error) -> None:
    message = config_error('[[modules]]\nname = "api"\npaths = ["src/**"\n')
    assert message == "driftguard.toml:4:1: TOML syntax error: Unclosed array"


def test_every_problem_at_once_with_what_is_allowed(config_error) -> None:
    message = config_error(textwrap.dedent("""\
        extra = 1

        [[modules]]
        name = "api"
        paths = ["/abs/**", "../up/**"]
        interface = "shop.api"

        [[modules]]
        name = "data"

        [[rules]]
        type = "forbidden"
        source = ["api"]
        target = ["api"]
        severity = "warn"
        alow_indirect = true

        [[agents]]
        branch = "agent/*"

        [severity]
        DG1 = "error"
        DG101 = "fatal"

        [settings]
        max_file_size = "2MB"
        """))
    assert message.splitlines() == [
        "invalid configuration (11 problems):",
        "  driftguard.toml: modules[0].paths[0]: '/abs/**' is absolute; "
        "write it relative to the repository root",
        "  driftguard.toml: modules[0].paths[1]: '../up/**' escapes the "
        "repository ('..' is not allowed)",
        "  driftguard.toml: modules[0].interface: expected an array, got 'shop.api'",
        "  driftguard.toml: modules[1]: module 'data' needs `paths` or "
        "`packages` (or both)",
        "  driftguard.toml: rules[0].severity: 'warn' is not allowed; "
        "allowed: error, warning, off",
        "  driftguard.toml: rules[0].alow_indirect: unknown key 'alow_indirect'; "
        "allowed: type, name, severity, exclude_type_only, ignore_imports, source, target, "
        "allow_indirect",
        "  driftguard.toml: agents[0]: agent 'agent/*' needs `owns` or "
        "`cannot_touch`",
        "  driftguard.toml: severity.DG1: 'DG1' is not a rule code (like "
        "'DG101'; `driftguard rules` lists them)",
        "  driftguard.toml: severity.DG101: 'fatal' is not allowed; allowed: "
        "error, warning, info, off",
        "  driftguard.toml: settings.max_file_size: expected an integer, got '2MB'",
        "  driftguard.toml: extra: unknown key 'extra'; allowed: extends, modules, "
        "rules, agents, overlap, workspace, contracts, severity, settings",
    ]


@pytest.mark.parametrize(("body", "line"), [
    (MODULES + MODULES.replace("shop.services", "x"),
     "modules[3].name: duplicate module name 'services': declare each one once"),
    (MODULES + '[[rules]]\ntype = "forbidden"\nsource = ["api"]\ntarget = ["api"]\n',
     "rules[0].target[0]: module 'api' appears twice in this rule"),
    (MODULES + '[[rules]]\ntype = "interface"\nmodules = ["api"]\n',
     "rules[0].modules[0]: module 'api' declares no interface: add `interface = [...]` to it"),
    (MODULES + '[[rules]]\ntype = "independence"\nmodules = ["api"]\n',
     "rules[0].modules: needs at least 2 item(s), got 1"),
    ('[[rules]]\ntype = "acyclic"\nmodules = ["x"]\n',
     "rules[0].modules[0]: no module named 'x': no [[modules]] are declared; declare it first"),
    (MODULES + '[[rules]]\ntype = "acyclic"\nignore_imports = ["shop.api"]\n',
     "rules[0].ignore_imports[0]: 'shop.api' is not an import pattern "
     "(like 'shop.api -> shop.data.*')"),
    ('[[modules]]\nname = "x"\npackages = ["shop/api"]\n',
     "modules[0].packages[0]: 'shop/api' is not a dotted module name (like 'shop.api')"),
    ('[[agents]]\nbranch = "agent/[x"\nowns = ["src/**"]\n',
     "agents[0].branch: unbalanced '[' in 'agent/[x' (write '[[]' for a literal '[')"),
    ('[[workspace.repos]]\nname = "a"\npath = "../a"\n[[workspace.repos]]\nname = "a"\n'
     'path = "../b"\n', "workspace.repos[1].name: duplicate repository name 'a': declare each "
     "one once"),
    ('[[modules]]\npaths = ["a/**"]\n', "modules[0]: missing required key 'name'"),
    ('rules = ["layers"]\n', "rules[0]: expected a table, got 'layers'"),
    ('[overlap]\nconcurrent = "agent/*"\n', "overlap.concurrent: expected an array, got 'agent/*'"),
    ('[contracts]\ninclude_private = "yes"\n',
     "contracts.include_private: expected true or false, got 'yes'"),
])
def test_each_error_names_its_key(config_error, body: str, line: str) -> None:
    assert f"  driftguard.toml: {line}" in config_error(body).splitlines()


def test_problems_between_keys_wait_for_valid_keys(config_error) -> None:
    # References are checked once every key is valid on its own: fix those first.
    message = config_error('[[rules]]\ntype = "acyclic"\nmodules = ["x"]\nseverity = 1\n')
    assert message.splitlines()[:2] == [
        "invalid configuration (1 problem):",
        "  driftguard.toml: rules[0].severity: 1 is not allowed; allowed: error, warning, off"]


def test_hint_points_at_the_reference(config_error) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config_text("bogus = 1\n", "driftguard.toml")
    assert caught.value.hint == ("Fix the keys named above; every key is described in "
                                 "https://github.com/driftguard/driftguard/blob/main/docs/config.md.")
