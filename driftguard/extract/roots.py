"""Where module names start: the repo root, project folders, and their src/ layouts."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

PROJECT_FILES = ("pyproject.toml", "setup.py", "setup.cfg")


def detect_source_roots(paths: Iterable[str]) -> list[str]:
    """Roots a module name is relative to; the deepest root containing a file wins.

    The repo root always counts; so does each folder holding a Python project
    file, and the ``src/`` folder beside it (the src layout).
    """
    paths = list(paths)
    packages = {p.rpartition("/")[0] for p in paths if p.endswith("/__init__.py")}
    projects = {""}
    for path in paths:
        folder, _, name = path.rpartition("/")
        # A setup.py inside a package is a module of it, not a project file.
        if name in PROJECT_FILES and folder not in packages:
            projects.add(folder)
    roots = set(projects)
    for project in projects:
        src = f"{project}/src" if project else "src"
        if any(p.startswith(src + "/") for p in paths):
            roots.add(src)
    return sorted(roots)
