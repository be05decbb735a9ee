"""The shipped presets: each valid on its own, found by name, merged under the user's config."""

from __future__ import annotations

from pathlib import Path

import pytest

from driftguard.config.globs import match_branch, match_path
from driftguard.config.loader import load_config, load_config_text
from driftguard.config.merge import Layer, merge_layers
from driftguard.config.models import LayersRule
from driftguard.config.presets import preset_names, preset_text

RULES_DIR = Path(__file__).resolve().parents[2] / "rules"


def test_every_file_in_rules_is_a_preset() -> None:
    assert preset_names() == sorted(p.stem for p in RULES_DIR.glob("*.toml"))
    assert {"layered-app", "agent-worktree"} <= set(preset_names())


@pytest.mark.parametrize("name", sorted(p.stem for p in RULES_DIR.glob("*.toml")))
def test_preset_is_valid_and_documented(name: str) -> None:
    text = preset_text(name)
    assert text is not None and text.startswith(f'# Preset "{name}"')
    assert load_config_text(f'extends = ["{name}"]\n', "driftguard.toml") is not None
    assert load_config(RULES_DIR / f"{name}.toml") is not None


def test_layered_app_layers_and_globs() -> None:
    config = load_config_text('extends = ["layered-app"]\n', "driftguard.toml")
    (rule,) = config.rules
    assert isinstance(rule, LayersRule)
    assert rule.layers == ["presentation", "application", "domain", "infrastructure"]
    owner = {m.name: m.paths for m in config.modules}
    assert any(match_path(g, "src/shop/api/orders.py") for g in owner["presentation"])
    assert any(match_path(g, "services/billing.py") for g in owner["application"])
    assert any(match_path(g, "pkg/domain/order.py") for g in owner["domain"])
    assert any(match_path(g, "src/shop/repositories/sql.py") for g in owner["infrastructure"])


def test_agent_worktree_protects_ci_config_and_lockfiles() -> None:
    config = load_config_text('extends = ["agent-worktree"]\n', "driftguard.toml")
    assert config.overlap.concurrent == ["agent/*"]
    (agent,) = config.agents
    assert match_branch(agent.branch, "agent/search")
    for path in (".github/workflows/ci.yml", "driftguard.toml", "pyproject.toml",
                 "services/api/poetry.lock", "uv.lock", "web/package-lock.json"):
        assert any(match_path(g, path) for g in agent.cannot_touch), path
    assert not any(match_path(g, "src/shop/api.py") for g in agent.cannot_touch)


def test_user_config_merges_over_presets() -> None:
    config = load_config_text("""\
extends = ["layered-app", "agent-worktree"]

[[modules]]
name = "domain"            # replaces the preset's module of that name, in place
packages = ["shop.core"]

[[modules]]
name = "vendor"
paths = ["vendor/**"]

[[rules]]
type = "forbidden"
source = ["domain"]
target = ["vendor"]

[[agents]]
branch = "agent/search-*"
owns = ["src/search/**"]

[overlap]
concurrent = ["bot/*"]
""", "driftguard.toml")
    assert [m.name for m in config.modules] == [
        "presentation", "application", "domain", "infrastructure", "vendor"]
    assert config.module("domain").packages == ["shop.core"]
    assert [r.type for r in config.rules] == ["layers", "forbidden"]  # preset first
    assert [a.branch for a in config.agents] == ["agent/*", "agent/search-*"]
    assert config.overlap.concurrent == ["agent/*", "bot/*"]
    assert config.extends == ["layered-app", "agent-worktree"]


def test_scalars_are_overridden_and_provenance_kept() -> None:
    preset = Layer("preset p", {"settings": {"max_file_size": 10, "exclude": ["a/**"]},
                                "rules": [{"type": "acyclic"}]})
    user = Layer("driftguard.toml", {"settings": {"max_file_size": 20, "exclude": ["b/**"]},
                                     "rules": [{"type": "x"}]})
    merged, provenance = merge_layers([preset, user])
    assert merged["settings"] == {"max_file_size": 20, "exclude": ["a/**", "b/**"]}
    assert provenance.locate(("rules", 1, "type"), user) == (user, ("rules", 0, "type"))
    assert provenance.locate(("rules", 0), user) == (preset, ("rules", 0))
    exclude = ("settings", "exclude", 0)
    assert provenance.locate(exclude, user) == (preset, exclude)
    assert provenance.locate(("settings", "max_file_size"), user)[0] is user


def test_errors_point_at_the_users_own_keys(config_error) -> None:
    # The preset contributes rules[0]; the user's first rule is still called rules[0].
    message = config_error('extends = ["layered-app"]\n[[rules]]\ntype = "layers"\n'
                           'layers = ["presentation", "domian"]\n')
    assert message.splitlines()[1] == (
        "  driftguard.toml: rules[0].layers[1]: no module named 'domian' is declared; allowed: "
        "presentation, application, domain, infrastructure")


def test_unknown_preset_lists_the_available_ones(config_error) -> None:
    message = config_error('extends = ["layered-app", "layerd-app"]\n')
    assert message.splitlines() == [
        "invalid configuration (1 problem):",
        "  driftguard.toml: extends[1]: unknown preset 'layerd-app'; allowed: "
        + ", ".join(preset_names()),
    ]


def test_extends_must_be_an_array_of_names(config_error) -> None:
    message = config_error('[tool.driftguard]\nextends = "layered-app"\n', "pyproject.toml")
    assert message.splitlines()[1].startswith(
        "  pyproject.toml: tool.driftguard.extends: expected an array of preset names")
