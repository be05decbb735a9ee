"""The published JSON Schema is current and agrees with the loader."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import jsonschema
import pytest

from driftguard.config.loader import parse_toml
from driftguard.config.schema import DEFAULT_OUTPUT, config_json_schema, render_schema

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[2]


def test_committed_schema_is_up_to_date() -> None:
    assert DEFAULT_OUTPUT == ROOT / "docs" / "config.schema.json"
    assert DEFAULT_OUTPUT.read_text(encoding="utf-8") == render_schema(), (
        "docs/config.schema.json is stale: run `python -m driftguard.config.schema`")


def test_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(config_json_schema())


@pytest.mark.parametrize("preset", sorted((ROOT / "rules").glob("*.toml")), ids=lambda p: p.stem)
def test_presets_validate_against_the_schema(preset: Path) -> None:
    data = tomllib.loads(preset.read_text(encoding="utf-8"))
    jsonschema.validate(data, config_json_schema())


def test_schema_rejects_what_the_loader_rejects() -> None:
    validator = jsonschema.Draft202012Validator(config_json_schema())
    bad = parse_toml('bogus = 1\n[[rules]]\ntype = "layer"\n[severity]\nDG1 = "error"\n', "x")
    assert len(list(validator.iter_errors(bad))) == 3
    assert json.loads(render_schema())["title"] == "driftguard configuration"
