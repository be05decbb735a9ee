"""`driftguard report` over a 3-repository workspace with history."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
from repo_helpers import run_cli

WORKSPACE = """
[[workspace.repos]]
name = "lib"
path = "lib"

[[workspace.repos]]
name = "service"
path = "service"

[[workspace.repos]]
name = "web"
path = "web"
"""


@pytest.fixture
def workspace(tmp_path, make_repo):
    lib, service, web = make_repo("lib"), make_repo("service"), make_repo("web")
    lib.commit({"shoplib/__init__.py": "", "shoplib/pricing.py":
                "def price_of(item, currency='EUR'):\n    return item.price\n"}, "lib v1")
    lib.commit({"shoplib/tax.py": "from shoplib.pricing import price_of\n"}, "lib v2")
    service.commit({"svc/__init__.py": "", "svc/orders.py": (
        "from shoplib.pricing import price_of\n\n\n"
        "def total(items):\n    return sum(price_of(i) for i in items)\n")}, "service v1")
    web.commit({"src/api.ts": "export function getOrders() { return fetch('/orders'); }\n",
                "src/page.ts": "import { getOrders } from './api';\n"}, "web v1")
    (tmp_path / "workspace.toml").write_text(WORKSPACE)
    return tmp_path, lib


def report(home, *extra: str) -> dict:
    result = run_cli("report", "--workspace", "workspace.toml", "--json", "out.json", *extra,
                     cwd=home)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return json.loads((home / "out.json").read_text())


def test_a_broken_library_function_names_the_consumer_in_the_other_repo(workspace) -> None:
    home, lib = workspace
    first = report(home)
    assert first["findings"] == []
    assert first["stats"]["repos"]["service"]["depends_on"] == ["lib"]
    lib.commit({"shoplib/pricing.py":
                "def compute_price(item, currency='EUR'):\n    return item.price\n",
                "shoplib/tax.py": "from shoplib.pricing import compute_price\n"}, "rename")
    second = report(home)
    broken = [f for f in second["findings"] if f["rule"] == "DG205"]
    assert {(f["repo"], f["path"], f["line"]) for f in broken} == {
        ("service", "svc/orders.py", 1), ("service", "svc/orders.py", 5)}
    assert all("shoplib.pricing.price_of" in f["message"] and "'lib'" in f["message"]
               for f in broken)


def test_rerun_without_change_reports_no_new_drift_and_history_holds_both(workspace) -> None:
    home, _ = workspace
    report(home)
    again = report(home)
    assert again["findings"] == []
    assert again["stats"]["runs"] == 2
    assert [len(points) for points in again["stats"]["trend"].values()] == [2, 2, 2]


def test_new_dependency_since_the_last_run_is_dg401(workspace) -> None:
    home, lib = workspace
    report(home)
    lib.commit({"shoplib/extra/__init__.py": "", "shoplib/extra/fmt.py": "",
                "shoplib/cart/__init__.py": "", "shoplib/cart/lines.py":
                "from shoplib.extra import fmt\n"}, "new dependency")
    later = report(home)
    assert ("DG401", "lib", "shoplib/cart/lines.py") in {
        (f["rule"], f["repo"], f["path"]) for f in later["findings"]}


def test_html_report_renders_in_headless_chromium(workspace, tmp_path) -> None:
    home, lib = workspace
    report(home)
    lib.commit({"shoplib/pricing.py": "def compute_price(item):\n    return 1\n"}, "break")
    result = run_cli("report", "--workspace", "workspace.toml", "--html", "report.html",
                     cwd=home)
    assert result.returncode == 0, result.stderr
    page = (home / "report.html").read_text()
    assert "DG205" in page and "<script" in page
    assert not re.search(r"(src|href)=[\"']?(https?:|//)", page)  # nothing loads from the net
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    shot = tmp_path / "shot.png"
    run = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", f"--user-data-dir={tmp_path / 'ud'}",
         "--enable-logging=stderr", "--v=0", f"--screenshot={shot}", "--window-size=1280,900",
         f"file://{home / 'report.html'}"], capture_output=True, text=True, timeout=120)
    assert shot.exists(), run.stderr[-2000:]
    console = [line for line in run.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]
    assert console == []


def test_a_missing_repository_is_named_with_its_workspace_entry(tmp_path) -> None:
    (tmp_path / "workspace.toml").write_text('[[workspace.repos]]\nname = "gone"\npath = "nope"\n')
    result = run_cli("report", "--workspace", "workspace.toml", cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "workspace repository 'gone'" in result.stderr
