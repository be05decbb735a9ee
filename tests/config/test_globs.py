"""Glob semantics, one table per kind of pattern."""

from __future__ import annotations

import pytest

from driftguard.config.globs import (
    GlobError,
    compile_branch_glob,
    compile_dotted_glob,
    compile_path_glob,
    match_branch,
    match_dotted,
    match_import,
    match_package,
    match_path,
)

PATHS = [
    ("src/api/**", "src/api/x.py", True),
    ("src/api/**", "src/api/a/b/c.py", True),
    ("src/api/**", "src/apix/y.py", False),
    ("src/api/", "src/api/a/b.py", True),  # trailing slash: everything below
    ("**/api/**", "api/x.py", True),  # ** matches zero segments
    ("**/api/**", "a/b/api/c/d.py", True),
    ("**/api/**", "a/myapi/c.py", False),
    ("a/**/b.py", "a/b.py", True),
    ("a/**/b.py", "a/x/y/b.py", True),
    ("*.py", "setup.py", True),
    ("*.py", "src/setup.py", False),  # anchored at the root, unlike .gitignore
    ("**/*.py", "src/setup.py", True),
    ("src/*.py", "src/a/b.py", False),  # * stays inside one segment
    ("src/?.py", "src/a.py", True),
    ("src/?.py", "src/ab.py", False),
    ("src/[ab]*.py", "src/a1.py", True),
    ("src/[!ab]*.py", "src/a1.py", False),
    ("src/[!ab]*.py", "src/c1.py", True),
    ("./src/*.py", "src/a.py", True),
    ("**", "any/thing/at/all.txt", True),
    (".github/**", ".github/workflows/ci.yml", True),
    ("driftguard.toml", "driftguard.toml", True),
    ("driftguard.toml", "sub/driftguard.toml", False),
    ("src/a.b", "src/aXb", False),  # dots are literal
]


@pytest.mark.parametrize(("glob", "path", "expected"), PATHS)
def test_path_glob(glob: str, path: str, expected: bool) -> None:
    assert match_path(glob, path) is expected


BRANCHES = [
    ("agent/*", "agent/search", True),
    ("agent/*", "agent/a/b", True),  # * crosses '/' in branch names
    ("agent/*", "refs/heads/agent/search", True),
    ("agent/data-*", "agent/data-import", True),
    ("agent/data-*", "agent/search", False),
    ("agent/?", "agent/x", True),
    ("agent/[ab]*", "agent/b1", True),
    ("main", "main", True),
    ("main", "maintenance", False),
]


@pytest.mark.parametrize(("glob", "branch", "expected"), BRANCHES)
def test_branch_glob(glob: str, branch: str, expected: bool) -> None:
    assert match_branch(glob, branch) is expected


DOTTED = [
    ("shop.api", "shop.api", False, True),
    ("shop.api", "shop.api.v1", False, False),
    ("shop.api", "shop.api.v1", True, True),  # children=True: names below a match
    ("shop.api", "shop.apix", True, False),
    ("shop.*", "shop.api", False, True),
    ("shop.*", "shop.api.v1", False, False),  # * is one segment
    ("shop.**", "shop.api.v1", False, True),
    ("shop.**", "shop", False, False),  # ** is one or more segments (import-linter)
    ("shop.*.public", "shop.api.public", False, True),
    ("shop.test_*", "shop.test_api", False, True),
]


@pytest.mark.parametrize(("pattern", "name", "children", "expected"), DOTTED)
def test_dotted_glob(pattern: str, name: str, children: bool, expected: bool) -> None:
    assert match_dotted(pattern, name, children=children) is expected


def test_package_covers_itself_and_children_only() -> None:
    assert match_package("shop.api", "shop.api")
    assert match_package("shop.api", "shop.api.v1.views")
    assert not match_package("shop.api", "shop.apis")


def test_import_pattern_matches_both_sides() -> None:
    assert match_import("shop.* -> shop.data.**", "shop.api", "shop.data.orm.base")
    assert not match_import("shop.* -> shop.data.**", "shop.api.v1", "shop.data.orm")


MALFORMED_PATHS = [
    ("src/[api/**", "unbalanced '[' in 'src/[api/**' (write '[[]' for a literal '[')"),
    ("src/a]/**", "unbalanced ']' in 'src/a]/**'"),
    ("/etc/**", "'/etc/**' is absolute; write it relative to the repository root"),
    ("C:/src/**", "'C:/src/**' is absolute; write it relative to the repository root"),
    ("../other/**", "'../other/**' escapes the repository ('..' is not allowed)"),
    ("src/../../x", "'src/../../x' escapes the repository ('..' is not allowed)"),
    ("src\\api", "'src\\\\api' uses '\\'; write repo paths with forward slashes"),
    ("src/**.py", "'**' must be a whole path segment in 'src/**.py' (like 'a/**/b')"),
    ("src//a", "'src//a' has an empty path segment ('//')"),
    ("", "an empty path matches nothing"),
]


@pytest.mark.parametrize(("glob", "message"), MALFORMED_PATHS)
def test_malformed_path_glob(glob: str, message: str) -> None:
    with pytest.raises(GlobError) as caught:
        compile_path_glob(glob)
    assert str(caught.value) == message


def test_malformed_branch_and_dotted_globs() -> None:
    with pytest.raises(GlobError, match=r"unbalanced '\['"):
        compile_branch_glob("agent/[x")
    with pytest.raises(GlobError, match="not a dotted name or glob"):
        compile_dotted_glob("shop..api")
    with pytest.raises(GlobError, match="not a dotted name or glob"):
        compile_dotted_glob("shop/api")
