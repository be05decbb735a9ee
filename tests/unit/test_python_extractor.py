"""The Python extractor on real tree-sitter parses: a table of sources and expected facts."""

from __future__ import annotations

import pytest

from driftguard.languages.python import LANGUAGE
from driftguard.model.facts import Import


def imports_of(src: str) -> list[Import]:
    return list(LANGUAGE.extract(src.encode()).imports)


@pytest.mark.parametrize(
    ("src", "expected"),
    [
        ("import a.b\n", [Import("a.b", 1)]),
        ("import a.b as c, d\n", [Import("a.b", 1, alias="c"), Import("d", 1)]),
        ("from a import b\n", [Import("a", 1, names=("b",))]),
        ("from a import (b,\n   c as d)\n", [Import("a", 1, names=("b", "c as d"))]),
        ("from . import x\n", [Import("", 1, level=1, names=("x",))]),
        ("from ..p.q import *\n", [Import("p.q", 1, level=2, names=("*",))]),
        ("def f():\n    import late\n", [Import("late", 2, in_function=True)]),
        ("if TYPE_CHECKING:\n    from t import T\n",
         [Import("t", 2, names=("T",), type_only=True)]),
        ("if typing.TYPE_CHECKING:\n    import t\nelse:\n    import u\n",
         [Import("t", 2, type_only=True), Import("u", 4, conditional=True)]),
        ("try:\n    import fast\nexcept ImportError:\n    fast = None\n",
         [Import("fast", 2, conditional=True)]),
        ("from __future__ import annotations\n", []),
    ],
)
def test_imports(src: str, expected: list[Import]) -> None:
    assert imports_of(src) == expected


def test_definitions_kinds_spans_and_signatures() -> None:
    src = (
        "X = 1\n"
        "helper = object()\n"
        "def f(a, /, b: int, c=1, *args, d, e: str = 'x', **kw) -> int:\n"
        "    return 1\n"
        "async def g(*, key):\n"
        "    pass\n"
        "@decorator\n"
        "class K(Base):\n"
        "    LIMIT = 3\n"
        "    def m(self, x=None):\n"
        "        pass\n"
        "    @property\n"
        "    def p(self):\n"
        "        return 1\n"
        "__all__ = ['f', 'K']\n"
    )
    facts = LANGUAGE.extract(src.encode())
    by_name = {d.qualname: d for d in facts.definitions}
    assert {q: d.kind for q, d in by_name.items()} == {
        "X": "constant", "helper": "variable", "f": "function", "g": "async_function",
        "K": "class", "K.LIMIT": "constant", "K.m": "method", "K.p": "method",
    }
    assert (by_name["f"].line, by_name["f"].end_line) == (3, 4)
    assert (by_name["K"].line, by_name["K"].end_line) == (7, 14)
    assert by_name["K"].decorators == ("decorator",)
    assert by_name["K.p"].decorators == ("property",)
    params = [(p.name, p.kind, p.has_default) for p in by_name["f"].signature.params]
    assert params == [
        ("a", "positional_only", False), ("b", "positional_or_keyword", False),
        ("c", "positional_or_keyword", True), ("args", "var_positional", False),
        ("d", "keyword_only", False), ("e", "keyword_only", True), ("kw", "var_keyword", False),
    ]
    assert by_name["f"].signature.returns == "int"
    assert by_name["f"].signature.params[1].annotation == "int"
    assert [(p.name, p.kind) for p in by_name["g"].signature.params] == [("key", "keyword_only")]
    assert facts.exports == ("f", "K")


def test_all_extended_with_plus_equals() -> None:
    facts = LANGUAGE.extract(b"__all__ = ('a',)\n__all__ += ['b']\n")
    assert facts.exports == ("a", "b")


def test_references_calls_with_keywords_and_bindings() -> None:
    src = (
        "import api\n"
        "from models import Listing\n"
        "row = Listing.create(1)\n"
        "row.save(force=True)\n"
        "api.client.get(1, 2, timeout=3)\n"
        "local = 5\n"
        "local.bit_length()\n"
        "print(api.VERSION)\n"
    )
    facts = LANGUAGE.extract(src.encode())
    refs = {(r.name, r.kind, r.positional, r.keywords, r.line) for r in facts.references}
    assert ("Listing.create", "call", 1, (), 3) in refs
    assert ("row.save", "call", 0, ("force",), 4) in refs
    assert ("api.client.get", "call", 2, ("timeout",), 5) in refs
    assert ("api.VERSION", "attr", 0, (), 8) in refs
    assert not any(r.name.startswith("local") for r in facts.references)
    assert facts.bindings == (("row", "Listing.create", 3),)


def test_suppression_comments() -> None:
    src = b"import x  # driftguard: ignore[DG101, dg102] legacy report module\nimport y\n"
    (supp,) = LANGUAGE.extract(src).suppressions
    assert (supp.line, supp.codes, supp.reason) == (1, ("DG101", "DG102"), "legacy report module")


def test_syntax_error_keeps_facts_and_warns() -> None:
    facts = LANGUAGE.extract(b"import ok\ndef broken(:\n    pass\nimport after\n")
    assert [i.module for i in facts.imports] == ["ok", "after"]
    assert facts.warnings and "syntax error near line 2" in facts.warnings[0]


def test_binary_and_non_utf8() -> None:
    binary = LANGUAGE.extract(b"import x\x00\x01\x02")
    assert binary.imports == () and "binary" in binary.warnings[0]
    latin = LANGUAGE.extract("import os\nNAME = 'caf\xe9'\n".encode("latin-1"))
    assert [i.module for i in latin.imports] == ["os"]
    assert "not valid UTF-8" in latin.warnings[0]


def test_facts_round_trip_through_dict() -> None:
    from driftguard.model.facts import FileFacts

    facts = LANGUAGE.extract(b"from a import b as c\ndef f(x, *, y=1): return c.d(x, y=y)\n"
                             b"__all__ = ['f']  # driftguard: ignore[DG201] why\n")
    assert FileFacts.decode(facts.encode()) == facts


def test_suppression_text_inside_strings_is_not_a_suppression() -> None:
    src = (b'"""Docs: write # driftguard: ignore[DG101] reason on the line."""\n'
           b'EXAMPLE = "import x  # driftguard: ignore[DG102] nope"\n'
           b"import y  # driftguard: ignore[DG103] real one\n")
    assert [(s.line, s.codes) for s in LANGUAGE.extract(src).suppressions] == [(3, ("DG103",))]
