"""SnapshotDiff on real parses: one table of (old source, new source, expected change kinds)."""

from __future__ import annotations

import pytest

from driftguard.languages.python import LANGUAGE
from driftguard.model.diff import bind_call, call_break, diff_snapshots
from driftguard.model.snapshot import Module, Snapshot


def snapshot(sources: dict[str, str]) -> Snapshot:
    modules = {name: Module(name, name.replace(".", "/") + ".py", "python", False,
                            LANGUAGE.extract(src.encode()))
               for name, src in sources.items()}
    return Snapshot("test", None, modules, [])


def kinds(old: str, new: str, **options: bool) -> tuple[list[str], bool]:
    """Change kinds (a signature change shows as its parameter changes) and 'any breaking'."""
    diff = diff_snapshots(snapshot({"m": old}), snapshot({"m": new}), **options)
    found = []
    for change in diff.symbols:
        found.extend(p.kind.value for p in change.params) if change.params else found.append(
            change.kind.value)
    return sorted(found), any(c.breaking for c in diff.symbols)


@pytest.mark.parametrize(
    ("old", "new", "expected", "breaking"),
    [
        ("def f(a): ...", "def f(a): ...", [], False),
        ("def f(a: int) -> int: ...", "def f(a: str) -> str: ...", [], False),
        # compatible
        ("def f(a): ...", "def f(a, b=1): ...", ["parameter-added-optional"], False),
        ("def f(a): ...", "def f(a, *, b=1): ...", ["parameter-added-optional"], False),
        ("def f(a): ...", "def f(a, *args): ...", ["var-positional-added"], False),
        ("def f(a): ...", "def f(a, **kw): ...", ["var-keyword-added"], False),
        ("def f(a): ...", "def f(a=1): ...", ["parameter-default-added"], False),
        ("def f(a, /): ...", "def f(a): ...", ["parameter-now-positional-or-keyword"], False),
        ("def f(*, a): ...", "def f(a): ...", ["parameter-now-positional-or-keyword"], False),
        ("def f(a, /): ...", "def f(b, /): ...", [], False),
        ("def f(): ...", "def f(): ...\ndef g(): ...", ["symbol-added"], False),
        # breaking
        ("def f(a, b): ...", "def f(a): ...", ["parameter-removed"], True),
        ("def f(a): ...", "def f(a, b): ...", ["parameter-added-required"], True),
        ("def f(a): ...", "def f(a, *, b): ...", ["parameter-added-required"], True),
        ("def f(status): ...", "def f(state): ...", ["parameter-renamed"], True),
        ("def f(*, key=1): ...", "def f(*, name=1): ...", ["parameter-renamed"], True),
        ("def f(a, b): ...", "def f(b, a): ...", ["parameter-moved", "parameter-moved"], True),
        ("def f(a, b=1): ...", "def f(a, c=2, b=1): ...",
         ["parameter-added-optional", "parameter-moved"], True),
        ("def f(a, *args): ...", "def f(a): ...", ["var-positional-removed"], True),
        ("def f(a, **kw): ...", "def f(a): ...", ["var-keyword-removed"], True),
        ("def f(a, b): ...", "def f(a, *, b): ...", ["parameter-now-keyword-only"], True),
        ("def f(a, b): ...", "def f(a, /, b): ...", ["parameter-now-positional-only"], True),
        ("def f(a=1): ...", "def f(a): ...", ["parameter-default-removed"], True),
        ("def f(a): ...", "class f: ...", ["kind-changed"], True),
        ("class C:\n    def m(self): ...\n    def n(self): ...\n",
         "class C:\n    def n(self): ...\n", ["symbol-removed"], True),
        ("class C:\n    def m(self): ...\n", "X = 1\n", ["symbol-removed", "symbol-added"],
         True),
        ("class C:\n    def __init__(self, a): ...\n",
         "class C:\n    def __init__(self, a, b): ...\n", ["parameter-added-required"], True),
        ("def f(a): ...", "def g(a): ...", ["symbol-renamed"], True),
        ("LIMIT = 1\n", "", ["symbol-removed"], True),
        # private names are not contracts
        ("def _f(a): ...", "", [], False),
        ("class C:\n    def _m(self): ...\n", "class C: ...", [], False),
        ("def _f(a): ...", "def _f(b): ...", [], False),
    ],
)
def test_change_kinds(old: str, new: str, expected: list[str], breaking: bool) -> None:
    assert kinds(old, new) == (sorted(expected), breaking)


def test_private_names_with_include_private() -> None:
    assert kinds("def _f(a): ...", "", include_private=True) == (["symbol-removed"], True)


def test_symbol_moved_to_another_module() -> None:
    diff = diff_snapshots(snapshot({"a": "def f(): ...", "b": ""}),
                          snapshot({"a": "", "b": "def f(): ..."}))
    (moved,) = diff.symbols
    assert (moved.kind.value, moved.name, moved.replacement) == ("symbol-moved", "a.f", "b.f")


def test_modules_added_removed_and_moved() -> None:
    diff = diff_snapshots(snapshot({"p.models": "class Listing: ...", "p.gone": "X = 1"}),
                          snapshot({"p.records": "class Listing: ...", "p.new": "Y = 2"}))
    found = {(m.kind.value, m.name, m.new_name) for m in diff.modules}
    assert found == {("module-moved", "p.models", "p.records"), ("module-removed", "p.gone", ""),
                     ("module-added", "p.new", "")}
    assert set(diff.gone_modules()) == {"p.models", "p.gone"}


def test_same_module_name_new_path_is_compatible() -> None:
    base = snapshot({"p": "X = 1"})
    head = Snapshot("h", None, {"p": Module("p", "src/p.py", "python", False,
                                            base.modules["p"].facts)}, [])
    (moved,) = diff_snapshots(base, head).modules
    assert (moved.kind.value, moved.path, moved.new_path) == ("module-path-changed", "p.py",
                                                              "src/p.py")


def sig(src: str):  # the signature of the one function in ``src``
    return LANGUAGE.extract(src.encode()).definitions[0].signature


@pytest.mark.parametrize(
    ("old", "new", "positional", "keywords", "expected"),
    [
        ("def f(status): ...", "def f(state): ...", 0, ("status",), "unexpected-keyword"),
        ("def f(status): ...", "def f(state): ...", 1, (), None),
        ("def f(a): ...", "def f(a, b): ...", 1, (), "missing"),
        ("def f(a): ...", "def f(a, b): ...", 1, ("b",), None),
        ("def f(a): ...", "def f(a, b=1): ...", 1, (), None),
        ("def f(a, b): ...", "def f(a): ...", 2, (), "too-many-positional"),
        ("def f(a, b): ...", "def f(a): ...", 1, ("b",), "unexpected-keyword"),
        ("def f(a, b): ...", "def f(a, **kw): ...", 1, ("b",), None),
        ("def f(a, b): ...", "def f(a, *rest): ...", 2, (), "swallowed"),
        ("def f(a, b): ...", "def f(b, a): ...", 2, (), "reordered"),
        ("def f(a, b): ...", "def f(b, a): ...", 0, ("a", "b"), None),
        ("def f(a, b): ...", "def f(a, *, b): ...", 2, (), "too-many-positional"),
        ("def f(a, b): ...", "def f(a, /, b): ...", 0, ("a", "b"), "unexpected-keyword"),
        ("def f(a=1): ...", "def f(a): ...", 0, (), "missing"),
        ("def f(*args): ...", "def f(a, b): ...", 3, (), "too-many-positional"),
    ],
)
def test_call_break(old: str, new: str, positional: int, keywords: tuple[str, ...],
                    expected: str | None) -> None:
    problem = call_break(sig(old), sig(new), positional, keywords, False)
    assert (problem.kind if problem else None) == expected


def test_star_args_at_the_call_hide_missing_arguments() -> None:
    assert bind_call(sig("def f(a, b): ..."), 1, (), True) is None
    assert bind_call(sig("def f(a): ..."), 0, ("nope",), True).kind == "unexpected-keyword"
