"""The Java extractor on real tree-sitter parses: tables of sources and expected facts."""

from __future__ import annotations

import pytest

from driftguard.languages.java import LANGUAGE
from driftguard.model.facts import FileFacts, Import


def facts(body: str) -> FileFacts:
    return LANGUAGE.extract(f"package com.shop.api;\n{body}".encode())


@pytest.mark.parametrize(
    ("src", "expected"),
    [
        ("import com.shop.data.Listing;\n", [Import("com.shop.data", 2, names=("Listing",))]),
        ("import com.shop.data.*;\n", [Import("com.shop.data", 2, names=("*",))]),
        ("import static com.shop.Util.helper;\n", [Import("com.shop.Util", 2, names=("helper",))]),
        ("import static com.shop.Util.*;\n", [Import("com.shop.Util", 2, names=("*",))]),
        ("import java.util.Map.Entry;\n", [Import("java.util.Map", 2, names=("Entry",))]),
    ],
)
def test_imports(src: str, expected: list[Import]) -> None:
    assert list(facts(src).imports) == expected


@pytest.mark.parametrize(
    ("src", "expected"),
    [
        ("public class A {\n  public void f() {}\n  void g() {}\n  private int h;\n}\n",
         {"A": "class", "A.f": "method"}),
        ("class Hidden { public void f() {} }\n", {}),  # package-private: not importable
        ("public interface Repo {\n  Listing find(long id);\n  int LIMIT = 3;\n"
         "  private void p() {}\n}\n",
         {"Repo": "interface", "Repo.find": "method", "Repo.LIMIT": "constant"}),
        ("public enum Color { RED, GREEN; public int code() { return 1; } }\n",
         {"Color": "enum", "Color.RED": "constant", "Color.GREEN": "constant",
          "Color.code": "method"}),
        ("public record Point(int x, int y) {}\n",
         {"Point": "record", "Point.x": "field", "Point.y": "field"}),
        ("public class O {\n  public static final int MAX = 3, MIN = 1;\n  public String name;\n"
         "  public static class In { public void go() {} }\n"
         "  class Pkg { public void no() {} }\n}\n",
         {"O": "class", "O.MAX": "constant", "O.MIN": "constant", "O.name": "field",
          "O.In": "class", "O.In.go": "method"}),
        ("public @interface Tag { String value(); }\n",
         {"Tag": "annotation", "Tag.value": "method"}),
    ],
)
def test_public_definitions(src: str, expected: dict[str, str]) -> None:
    assert {d.qualname: d.kind for d in facts(src).definitions} == expected


@pytest.mark.parametrize(
    ("src", "rendered"),
    [
        # A class's signature is its constructors': `new A(x)` is a call of A.
        ("public class A { public A(Listing l, int... xs) {} }\n", "(l: Listing, *xs: int)"),
        ("public class A { }\n", "()"),  # the implicit constructor
        ("public class A { private A() {} }\n", None),
        ("public record P(int x, String y) {}\n", "(x: int, y: String)"),
        # Instance methods take their receiver first (Java's explicit `A this`); static ones not.
        ("public interface I { List<T> all(Map<K, V> m, String[] a); }\n",
         "(this: I, m: Map<K, V>, a: String[]) -> List<T>"),
        ("public class A { private A() {}\n public static A of(long id) {} }\n",
         "(id: long) -> A"),
        # Overloads: one signature accepting every arity, extra parameters optional.
        ("public class A { private A() {}\n public void f(int a) {}\n"
         " public void f(int a, String b) {} }\n", "(this: A, a: int, b: String=...) -> void"),
    ],
)
def test_signatures(src: str, rendered: str | None) -> None:
    last = [d for d in facts(src).definitions if d.kind != "field"][-1].signature
    assert (last.render() if last else None) == rendered


def test_annotations_are_decorators_and_spans_cover_them() -> None:
    got = facts("@Service\npublic class A {\n  @Deprecated\n  public void f() {\n  }\n}\n")
    assert [(d.qualname, d.line, d.end_line, d.decorators) for d in got.definitions] == [
        ("A", 2, 7, ("Service",)), ("A.f", 4, 6, ("Deprecated",))]


def test_references_to_imported_names() -> None:
    got = facts(
        "import com.shop.data.Listing;\n"  # 2
        "import static com.shop.Util.helper;\n"  # 3
        "public class V {\n"  # 4
        "  private Listing field;\n"  # 5
        "  public int r(Listing l) {\n"  # 6
        "    var x = new Listing(a, b);\n"  # 7
        "    Listing y = Listing.create(1);\n"  # 8
        "    helper(x); x.price(); field.save();\n"  # 9
        "    other.call(); String.valueOf(1);\n"  # 10: neither is bound
        "    return Listing.MAX + com.shop.data.Listing.MIN;\n"  # 11
        "  }\n}\n")
    refs = [(r.name, r.line, r.kind, r.positional) for r in got.references]
    assert refs == [
        ("Listing", 7, "call", 2), ("Listing.create", 8, "call", 1), ("field.save", 9, "call", 0),
        ("helper", 9, "call", 1), ("x.price", 9, "call", 0), ("Listing.MAX", 11, "attr", 0),
    ]
    assert got.bindings == (("field", "Listing", 5), ("l", "Listing", 6), ("x", "Listing", 7),
                            ("y", "Listing", 8))
    assert got.package == "com.shop.api"


def test_on_demand_import_binds_capitalised_names() -> None:
    got = facts("import com.shop.data.*;\nclass V { void f() { Listing.create(); x.y(); } }\n")
    assert [r.name for r in got.references] == ["Listing.create"]


def test_bases_suppressions_syntax_errors_and_bad_bytes() -> None:
    got = facts("import a.B; // driftguard: ignore[DG101] legacy\n"
                "public class K extends B<T> implements p.I {\n  public void f( {\n}\n")
    assert [(r.name, r.keywords) for r in got.references if r.kind == "base"] == [
        ("B", ("K",)), ("p.I", ("K",))]
    assert [(s.line, s.codes, s.reason) for s in got.suppressions] == [(2, ("DG101",), "legacy")]
    assert got.warnings and got.warnings[0].startswith("syntax error near line")
    assert [d.qualname for d in got.definitions][:1] == ["K"]
    assert LANGUAGE.extract(b"\x00\x01").warnings == ("binary file (NUL bytes); skipped",)
    latin = LANGUAGE.extract("// caf\xe9\npublic class A {}\n".encode("latin-1"))
    assert latin.warnings[0].startswith("not valid UTF-8")
    assert [d.qualname for d in latin.definitions] == ["A"]


def test_facts_round_trip_through_dict() -> None:
    got = facts("import a.B;\npublic class A { public void f(int... x) {} }\n")
    assert FileFacts.decode(got.encode()) == got
