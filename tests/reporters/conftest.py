"""The one sample report every format is tested on, and golden-file comparison.

Regenerate the golden files after a deliberate change, then review the diff:
    DRIFTGUARD_UPDATE_GOLDENS=1 /work/venv/bin/python -m pytest tests/reporters
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from driftguard.model.finding import Evidence, Finding, Report, make_fingerprint
from driftguard.reporters import RenderContext

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("DRIFTGUARD_UPDATE_GOLDENS") == "1"
SEARCH = ("agent/search",)
OVERLAP = ("agent/billing", "agent/search")


def _finding(rule: str, severity: str, message: str, path: str, line: int, *,
             branches: tuple[str, ...] = SEARCH, evidence: tuple[Evidence, ...] = (),
             key: str = "") -> Finding:
    return Finding(rule=rule, severity=severity, message=message, path=path, line=line,
                   fingerprint=make_fingerprint(rule, key or path), branches=branches,
                   evidence=evidence)


def sample_findings() -> list[Finding]:
    chain = (Evidence("src/shop/data/repo.py", 3, "shop.data.repo -> shop.utils.fmt"),
             Evidence("src/shop/utils/fmt.py", 5, "shop.utils.fmt -> shop.utils.http"),
             Evidence("src/shop/utils/http.py", 9, "shop.utils.http -> shop.api.views"))
    consumers = (Evidence("src/shop/api/views.py", 4, "shop.api.views imports load_all"),
                 Evidence("src/shop/services/orders.py", 7, "shop.services.orders calls load_all"))
    return [
        _finding("DG101", "error", "layer 'data' imports higher layer 'api' [layered] (indirect: "
                 "shop.data.repo -> shop.utils.fmt -> shop.utils.http -> shop.api.views)",
                 "src/shop/data/repo.py", 3, evidence=chain),
        _finding("DG106", "error", "branch agent/search edits src/shop/api/views.py, outside "
                 "its owned paths (src/shop/search/**)", "src/shop/api/views.py", 1,
                 evidence=(Evidence("src/shop/api/views.py", 1, "modified on agent/search"),)),
        _finding("DG201", "error", "shop.data.repo.load_all was removed while 2 modules still "
                 "use it", "src/shop/data/repo.py", 10, evidence=consumers),
        _finding("DG304", "error", "agent/billing changes shop.pricing.total(cart, currency) "
                 "which agent/search newly calls", "src/shop/pricing.py", 12, branches=OVERLAP,
                 evidence=(Evidence("src/shop/pricing.py", 12, "agent/billing: signature "
                                    "total(cart) -> total(cart, currency)"),
                           Evidence("src/shop/search/rank.py", 21, "agent/search: calls "
                                    "total(cart)"))),
        _finding("DG302", "warning", "both branches edit shop.search.query | 100% of its body",
                 "src/shop/search/query.py", 8, branches=OVERLAP),
        _finding("DG301", "info", "both branches edit src/shop/search/query.py",
                 "src/shop/search/query.py", 1, branches=OVERLAP),
    ]


def sample_report() -> Report:
    stats = {"files": 42, "parsed": 5, "cached": 37, "skipped": 0, "changed_files": 3,
             "seconds": 0.125, "base": "main", "head": "agent/search"}
    warnings = ["src/shop/legacy.py: syntax error at line 3; kept the facts that parse"]
    return Report(findings=sample_findings(), stats=stats, warnings=warnings)


def sample_context(**changes: object) -> RenderContext:
    values: dict[str, object] = {"command": "check", "repo": "shop", "base": "main",
                                 "head": "agent/search", "version": "0.1.0", "fail_on": "error"}
    return RenderContext(**{**values, **changes})  # type: ignore[arg-type]


@pytest.fixture
def report() -> Report:
    return sample_report()


@pytest.fixture
def context() -> RenderContext:
    return sample_context()


@pytest.fixture
def make_context():
    return sample_context


@pytest.fixture
def golden():
    return assert_golden


def assert_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(actual, encoding="utf-8")
    if not path.exists():
        pytest.fail(f"no golden file {path}; run with DRIFTGUARD_UPDATE_GOLDENS=1 and review it")
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"
