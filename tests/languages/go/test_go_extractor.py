"""The Go extractor on real tree-sitter parses: tables of sources and expected facts."""

from __future__ import annotations

import pytest

from driftguard.languages.go import LANGUAGE
from driftguard.model.facts import FileFacts, Import


def facts(body: str) -> FileFacts:
    return LANGUAGE.extract(f"package store\n{body}".encode())


@pytest.mark.parametrize(
    ("src", "expected"),
    [
        ('import "fmt"\n', [Import("fmt", 2, alias="fmt")]),
        ('import s "example.com/svc/internal/store"\n',
         [Import("example.com/svc/internal/store", 2, alias="s")]),
        ('import (\n\t"net/http"\n\t_ "net/http/pprof"\n\t. "strings"\n)\n',
         [Import("net/http", 3, alias="http"), Import("net/http/pprof", 4, alias="_"),
          Import("strings", 5, names=("*",))]),
        ('import "gopkg.in/yaml.v3"\nimport "example.com/x/v2"\nimport "github.com/a/go-sql"\n',
         [Import("gopkg.in/yaml.v3", 2, alias="yaml"), Import("example.com/x/v2", 3, alias="x"),
          Import("github.com/a/go-sql", 4, alias="sql")]),
        ("import `raw/path`\n", [Import("raw/path", 2, alias="path")]),
        ('import "k8s.io/api/core/v1"\n', [Import("k8s.io/api/core/v1", 2, alias="v1")]),
    ],
)
def test_imports(src: str, expected: list[Import]) -> None:
    assert list(facts(src).imports) == expected


@pytest.mark.parametrize(
    ("src", "expected"),
    [
        ("func Open() {}\nfunc open() {}\n", {"Open": "function"}),
        ("type DB struct {\n\tName string\n\tid int\n\tA, b int\n\t*Base\n\tx.Mixin\n}\n",
         {"DB": "struct", "DB.Name": "field", "DB.A": "field", "DB.Base": "field",
          "DB.Mixin": "field"}),
        ("type Reader interface {\n\tRead(p []byte) (int, error)\n\tclose()\n\tio.Closer\n}\n",
         {"Reader": "interface", "Reader.Read": "method"}),
        ("func (d *DB) Close() error { return nil }\nfunc (d DB) close() {}\n"
         "func (t *tx) Commit() {}\nfunc (l *List[T]) Push(v T) {}\n",
         {"DB.Close": "method", "List.Push": "method"}),
        ("type ID = string\ntype Kind int\ntype hidden int\n", {"ID": "type", "Kind": "type"}),
        ("const (\n\tA = iota\n\tB\n\tc\n)\nvar X, y = 1, 2\n",
         {"A": "constant", "B": "constant", "X": "variable"}),
    ],
)
def test_exported_definitions(src: str, expected: dict[str, str]) -> None:
    assert {d.qualname: d.kind for d in facts(src).definitions} == expected


@pytest.mark.parametrize(
    ("src", "rendered"),
    [
        ("func F(a, b int, s string) {}\n", "(a: int, b: int, s: string)"),
        ("func F(dsn string, opts ...Option) (*DB, error) {}\n",
         "(dsn: string, *opts: Option) -> (*DB, error)"),
        ("func F(int, []byte) error {}\n", "(_: int, _: []byte) -> error"),
        # Methods take their receiver first, as Go's method expressions do: DB.Close(d, true).
        ("func (d *DB) Close(force bool) error {}\n", "(d: *DB, force: bool) -> error"),
        ("type I interface { Get(key string) (v int, ok bool) }\n",
         "(_: I, key: string) -> (v int, ok bool)"),
    ],
)
def test_signatures(src: str, rendered: str) -> None:
    signatures = [d.signature for d in facts(src).definitions if d.signature]
    assert [s.render() for s in signatures] == [rendered]
    assert all(p.kind in ("positional_only", "var_positional") for p in signatures[0].params)


def test_references_bindings_and_spans() -> None:
    got = facts(
        'import s "example.com/svc/store"\n'  # 2
        "func f(db *s.DB) {\n"  # 3
        "\tx := s.New(1, 2)\n"  # 4
        "\ts.Run(xs...)\n"  # 5
        "\tc := &s.Config{Addr: s.Default}\n"  # 6
        "\tx.Close()\n"  # 7
        "\tfmt.Println(y.Z)\n"  # 8: neither fmt nor y is bound here
        "}\n")
    refs = [(r.name, r.line, r.kind, r.positional, r.star_args) for r in got.references]
    assert refs == [
        ("s.DB", 3, "attr", 0, False), ("s.New", 4, "call", 2, False),
        ("s.Run", 5, "call", 0, True), ("s.Config", 6, "attr", 0, False),
        ("s.Default", 6, "attr", 0, False), ("x.Close", 7, "call", 0, False),
    ]
    assert got.bindings == (("db", "s.DB", 3), ("x", "s.New", 4), ("c", "s.Config", 6))
    assert got.package == "store"


def test_embedded_types_are_base_references() -> None:
    got = facts("type DB struct {\n\tstore.Base\n}\n")
    assert [(r.name, r.kind, r.keywords) for r in got.references if r.kind == "base"] == [
        ("store.Base", "base", ("DB",))]


def test_suppressions_syntax_errors_and_bad_bytes() -> None:
    got = facts('import "fmt" // driftguard: ignore[dg101, DG102] legacy bridge\n'
                "/* driftguard: ignore[DG201] moved */\nfunc Ok() {}\nfunc broken( {\n")
    assert [(s.line, s.codes, s.reason) for s in got.suppressions] == [
        (2, ("DG101", "DG102"), "legacy bridge"), (3, ("DG201",), "moved")]
    assert [d.qualname for d in got.definitions] == ["Ok"]
    assert got.warnings == ("syntax error near line 5; facts that could be read were kept",)
    assert LANGUAGE.extract(b"\x00\x01").warnings == ("binary file (NUL bytes); skipped",)
    latin = LANGUAGE.extract("package p\n// caf\xe9\nfunc A() {}\n".encode("latin-1"))
    assert latin.warnings[0].startswith("not valid UTF-8")
    assert [d.qualname for d in latin.definitions] == ["A"]


def test_facts_round_trip_through_dict() -> None:
    got = facts('import "fmt"\nfunc F(a int, b ...string) {}\n')
    assert FileFacts.decode(got.encode()) == got
