"""The reporter registry: every format module registered, formats import only the model."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest

import driftguard.reporters as reporters
from driftguard.cli.check import FORMATS as CHECK_FORMATS
from driftguard.model.finding import Report
from driftguard.reporters import REPORTERS, render

FOLDER = Path(reporters.__file__).parent


def test_every_format_module_is_registered() -> None:
    modules = {f"driftguard.reporters.{m.name}" for m in pkgutil.iter_modules([str(FOLDER)])
               if not m.name.startswith("_")}
    assert modules == set(REPORTERS.values())


@pytest.mark.parametrize("fmt", sorted(REPORTERS))
def test_registered_module_renders_a_string(fmt: str) -> None:
    assert callable(importlib.import_module(REPORTERS[fmt]).render)
    assert isinstance(render(Report(), fmt), str)


def test_check_offers_only_registered_formats() -> None:
    assert set(CHECK_FORMATS) <= set(REPORTERS)


def test_unknown_format_names_the_known_ones() -> None:
    with pytest.raises(ValueError, match="text, json, sarif, markdown, github"):
        render(Report(), "yaml")


@pytest.mark.parametrize("path", sorted(FOLDER.glob("*.py")), ids=lambda p: p.name)
def test_reporters_import_only_the_model(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    names += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    ours = [n for n in names if n.split(".")[0] == "driftguard"]
    assert all(n.startswith(("driftguard.model", "driftguard.reporters")) for n in ours), ours
