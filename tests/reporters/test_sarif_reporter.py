"""The SARIF format: valid SARIF 2.1.0 per the OASIS schema, with rules, levels, fingerprints."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from driftguard.model.finding import Evidence, Finding, Report
from driftguard.reporters import render

# The OASIS schema lives beside the checkout (../shared/schemas), never inside the project.
SCHEMA = Path(__file__).parents[2] / ".." / "shared" / "schemas" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def sarif_validator() -> jsonschema.Draft4Validator:
    if not SCHEMA.is_file():
        pytest.skip(f"OASIS SARIF 2.1.0 schema not found at {SCHEMA.resolve()}; "
                    "put sarif-schema-2.1.0.json in ../shared/schemas/ to run this test")
    return jsonschema.Draft4Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))


def sarif(report: Report, context) -> dict:
    return json.loads(render(report, "sarif", context))


@pytest.mark.parametrize("sample", ["full", "empty"])
def test_validates_against_the_oasis_schema(sarif_validator, report, context, sample) -> None:
    data = sarif(report if sample == "full" else Report(), context)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in sarif_validator.iter_errors(data)]
    assert errors == []


def test_one_rule_per_code_and_results_point_at_them(report, context) -> None:
    run = sarif(report, context)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["DG101", "DG106", "DG201", "DG301", "DG302", "DG304"]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    assert rules[0]["helpUri"].endswith("#dg101")
    assert rules[3]["defaultConfiguration"] == {"level": "note"}


def test_levels_locations_and_fingerprints(report, context) -> None:
    results = {r["ruleId"]: r for r in sarif(report, context)["runs"][0]["results"]}
    assert {k: r["level"] for k, r in results.items()} == {
        "DG101": "error", "DG106": "error", "DG201": "error", "DG301": "note",
        "DG302": "warning", "DG304": "error"}
    dg101 = results["DG101"]
    location = dg101["locations"][0]["physicalLocation"]
    assert location == {"artifactLocation": {"uri": "src/shop/data/repo.py",
                                             "uriBaseId": "%SRCROOT%"},
                        "region": {"startLine": 3}}
    assert len(dg101["relatedLocations"]) == 3
    fingerprint = next(f.fingerprint for f in report.findings if f.rule == "DG101")
    assert dg101["partialFingerprints"] == {"driftguardFingerprint/v1": fingerprint}


def test_paths_become_uri_references(sarif_validator, context) -> None:
    finding = Finding("DG106", "error", "m", "docs/my notes#1.md", 0, "x",
                      evidence=(Evidence("docs/my notes#1.md", 0, "added"),))
    data = sarif(Report(findings=[finding]), context)
    location = data["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "docs/my%20notes%231.md"
    assert location["region"]["startLine"] == 1
    assert list(sarif_validator.iter_errors(data)) == []
