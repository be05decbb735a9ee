"""The HTML report of a real workspace, opened in real headless Chromium (Debian's
chromium package): it renders, and the page logs no console error."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from repo_helpers import run_cli

# Chromium logs every console message of the page as "...:INFO:CONSOLE:12] ..." (or
# ERROR:CONSOLE, by version); the report logs nothing, so any such line is a failure.
CONSOLE = re.compile(r"Uncaught|:CONSOLE[:(]")


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.skip("headless Chromium is not installed: `apt-get install chromium` (Debian) "
                    "puts `chromium` on PATH")
    return found


def test_html_report_renders_in_headless_chromium(workspace, tmp_path) -> None:
    home, lib, _ = workspace
    assert run_cli("report", "--workspace", "workspace.toml", "--history", "h.db",
                   "--json", "first.json", cwd=home).returncode == 0
    lib.commit({"shoplib/pricing.py": "def price_of(item, currency):\n    return 1\n",
                "shoplib/cart.py": "from shoplib.tax import tax\n"}, "lib: currency required")
    result = run_cli("report", "--workspace", "workspace.toml", "--history", "h.db",
                     "--html", "report.html", cwd=home)
    assert result.returncode == 0, result.stderr
    page = (home / "report.html").read_text(encoding="utf-8")
    assert "DG205" in page and "DG401" in page and "<svg" in page and "<script>" in page
    assert not re.search(r"(src|href)\s*=\s*[\"']?(https?:|//)", page)  # nothing from the net
    assert "stroke-dasharray" in page  # the broken and new edges are highlighted

    shot, console = screenshot(home / "report.html", tmp_path)
    assert shot.stat().st_size > 10_000
    assert console == []


def test_the_console_check_sees_a_page_error(tmp_path) -> None:
    page = tmp_path / "bad.html"
    page.write_text("<!doctype html><script>console.error('boom'); missing();</script>")
    _, console = screenshot(page, tmp_path)
    assert any("Uncaught ReferenceError" in line for line in console), console


def screenshot(page, tmp_path) -> tuple:
    """(the screenshot, console lines) of ``page`` in headless Chromium."""
    shot = tmp_path / "shot.png"
    run = subprocess.run(
        [chromium(), "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--no-first-run",
         f"--user-data-dir={tmp_path / 'profile'}", "--enable-logging=stderr", "--v=0",
         f"--screenshot={shot}", "--window-size=1280,900", page.as_uri()],
        capture_output=True, text=True, timeout=120)
    assert shot.exists(), run.stderr[-2000:]
    return shot, [line for line in run.stderr.splitlines() if CONSOLE.search(line)]
