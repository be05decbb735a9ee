"""`overlaps_for_branch`: what `driftguard check` adds about the branch's concurrent branches."""

from __future__ import annotations

import pytest

from driftguard.config.models import Config
from driftguard.engine import Session
from driftguard.engine_overlap import overlaps_for_branch

PRICING, CHECKOUT, EXPORT, DOCS = "agent/pricing", "agent/checkout", "agent/export", "agent/docs"


@pytest.fixture
def session(agents):
    opened = Session.open(str(agents.path))
    yield opened
    opened.close()


def config(**overlap) -> Config:
    return Config.model_validate({"overlap": overlap})


def test_findings_point_into_the_checked_branch(session):
    found = overlaps_for_branch(session, config(concurrent=["agent/*"]), EXPORT, "main")
    assert sorted((f.rule, f.branches) for f in found) == [
        ("DG303", (EXPORT, CHECKOUT)), ("DG304", (EXPORT, PRICING))]
    semantic = next(f for f in found if f.rule == "DG304")
    assert (semantic.path, semantic.line) == ("src/shop/export.py", 1)


def test_the_changing_branch_sees_the_change_it_made(session):
    found = overlaps_for_branch(session, config(concurrent=["agent/*"]), PRICING, "main")
    semantic = next(f for f in found if f.rule == "DG304")
    assert (semantic.path, semantic.line) == ("src/shop/report.py", 1)
    assert {f.rule for f in found} == {"DG302", "DG304"}


def test_fingerprints_match_the_overlap_command(session):
    from driftguard.engine_overlap import OverlapRequest, overlap

    whole = overlap(session, None, OverlapRequest(base="main", pattern="agent/*"))
    mine = overlaps_for_branch(session, config(concurrent=["agent/*"]), EXPORT, "main")
    assert {f.fingerprint for f in mine} <= {f.fingerprint for f in whole.findings}


def test_nothing_without_concurrent_branches_or_changes(session):
    assert overlaps_for_branch(session, config(), EXPORT, "main") == []
    assert overlaps_for_branch(session, config(concurrent=["agent/*"]), DOCS, "main") == []
    assert overlaps_for_branch(session, config(concurrent=["team/*"]), EXPORT, "main") == []


def test_severity_overrides_apply(session):
    strict = Config.model_validate({"overlap": {"concurrent": ["agent/*"]},
                                    "severity": {"DG302": "error", "DG304": "off"}})
    found = overlaps_for_branch(session, strict, PRICING, "main")
    assert [(f.rule, f.severity) for f in found] == [("DG302", "error")]
