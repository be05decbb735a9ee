"""The JSON format: the documented schema, exported to docs/ and validated against."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from driftguard.model.finding import Finding, Report
from driftguard.reporters import render
from driftguard.reporters._json_models import ReportModel
from driftguard.reporters.json_report import json_schema, schema_text, to_model

SCHEMA_FILE = Path(__file__).parents[2] / "docs" / "report.schema.json"
UPDATE_HINT = "python -m driftguard.reporters.json_report > docs/report.schema.json"


def test_committed_schema_is_up_to_date() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), f"regenerate: {UPDATE_HINT}"


@pytest.mark.parametrize("sample", ["full", "empty"])
def test_output_validates_against_the_schema(report, context, sample: str) -> None:
    data = json.loads(render(report if sample == "full" else Report(), "json", context))
    validator = jsonschema.Draft202012Validator(json_schema())
    validator.check_schema(json_schema())
    assert list(validator.iter_errors(data)) == []


def test_design_fields_are_present(report, context) -> None:
    data = json.loads(render(report, "json", context))
    assert {"version", "findings", "stats"} <= set(data)
    first = data["findings"][0]
    assert {"rule", "severity", "message", "path", "line", "branches", "evidence",
            "fingerprint"} <= set(first)
    assert first["evidence"][0] == {"path": "src/shop/data/repo.py", "line": 3,
                                    "text": "shop.data.repo -> shop.utils.fmt"}


def test_output_parses_back_into_the_model(report, context) -> None:
    model = ReportModel.model_validate_json(render(report, "json", context))
    assert [f.rule for f in model.findings] == sorted(f.rule for f in report.findings)


def test_mappings_are_sorted_whatever_the_insertion_order(context) -> None:
    finding = Finding("DG101", "error", "m", "a.py", 1, "x", extra={"z": 1, "a": {"y": 2, "b": 3}})
    data = json.loads(render(Report(findings=[finding], stats={"z": 4, "a": 5}), "json", context))
    assert list(data["stats"]) == ["a", "z"]
    assert list(data["findings"][0]["extra"]) == ["a", "z"]
    assert list(data["findings"][0]["extra"]["a"]) == ["b", "y"]


def test_an_invalid_severity_is_refused(context) -> None:
    finding = Finding("DG101", "fatal", "m", "a.py", 1, "x")
    with pytest.raises(ValueError, match="severity"):
        render(Report(findings=[finding]), "json", context)


@pytest.mark.parametrize("sample", ["full", "empty", "unicode"])
def test_plain_rendering_is_what_the_models_dump(report, context, sample: str) -> None:
    """render() builds the document without pydantic; the models must dump the same bytes."""
    if sample == "unicode":
        message = "caf\u00e9 \u2192 \U0001f600 \"q\" \\ \t \x1b[31m \u2028 \x7f"
        finding = Finding("DG101", "error", message, "src/\u00e9.py", 2, "fp",
                          extra={"b": [1, 2.5, None], "a": {"z": True}})
        sample_report = Report([finding], stats={"seconds": 0.25, "files": 3})
    else:
        sample_report = report if sample == "full" else Report()
    expected = to_model(sample_report, context).model_dump_json(indent=2) + "\n"
    assert render(sample_report, "json", context) == expected
