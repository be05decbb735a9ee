"""The TypeScript/JavaScript extractor on real tree-sitter parses: sources -> expected facts."""

from __future__ import annotations

import pytest

from driftguard.languages.typescript import LANGUAGE
from driftguard.model.facts import (
    POSITIONAL_ONLY,
    VAR_POSITIONAL,
    Import,
    Param,
    Reference,
    Signature,
    Suppression,
)


def facts(src: str):  # type: ignore[no-untyped-def]
    return LANGUAGE.extract(src.encode())


@pytest.mark.parametrize(
    ("src", "expected"),
    [
        ("import def from './a';", [Import("./a", 1, names=("default as def",))]),
        ("import { a, b as c } from '../a.js';", [Import("../a.js", 1, names=("a", "b as c"))]),
        ("import d, { a } from 'pkg';", [Import("pkg", 1, names=("default as d", "a"))]),
        ("import * as api from '@/api';", [Import("@/api", 1, alias="api")]),
        ("import d, * as ns from 'x';",
         [Import("x", 1, names=("default as d",)), Import("x", 1, alias="ns")]),
        ("import './polyfill';", [Import("./polyfill", 1)]),
        ("import type { T } from './t';", [Import("./t", 1, names=("T",), type_only=True)]),
        ("import { type A, type B } from './t';",
         [Import("./t", 1, names=("A", "B"), type_only=True)]),
        ("import { type A, b } from './t';", [Import("./t", 1, names=("A", "b"))]),
        ("import fs = require('fs');", [Import("fs", 1, alias="fs")]),
        ("export * from './all';", [Import("./all", 1, names=("*",))]),
        ("export * as util from './util';", [Import("./util", 1, alias="util")]),
        ("export { a as b, c } from './re';", [Import("./re", 1, names=("a as b", "c"))]),
        ("export { default } from './w';", [Import("./w", 1, names=("default",))]),
        ("export type { Q } from './q';", [Import("./q", 1, names=("Q",), type_only=True)]),
        ("const m = require('./m');", [Import("./m", 1, alias="m")]),
        ("const { a, b: c } = require('./m');", [Import("./m", 1, names=("a", "b as c"))]),
        ("require('./side');", [Import("./side", 1)]),
        ("require(name);", []),
        ("async function f() {\n  const m = await import('./lazy');\n}",
         [Import("./lazy", 2, alias="m", in_function=True)]),
        ("if (x) { import('./maybe'); }", [Import("./maybe", 1, conditional=True)]),
    ],
)
def test_imports(src: str, expected: list[Import]) -> None:
    assert list(facts(src).imports) == expected


def test_exported_definitions_kinds_and_signatures() -> None:
    src = (
        "export function get(id: string, opts?: Opts, retries = 3, ...rest: any[]): Item {}\n"
        "export async function load() {}\n"
        "export const LIMIT = 10, handler = async (e) => e;\n"
        "export let counter = 0;\n"
        "function helper(x) {}\n"
        "export { helper as assist };\n"
        "export class Client extends Base {\n"
        "  constructor(url: string) { super(); }\n"
        "  fetch(path: string) {}\n"
        "  private secret() {}\n"
        "  #hidden() {}\n"
        "  timeout = 5;\n"
        "}\n"
        "export interface Listing { id: string; title?: string; render(x: number): void }\n"
        "export type Price = { amount: number };\n"
        "export enum Color { Red, Blue = 2 }\n"
        "export default function (a, b) {}\n"
        "const internal = 1;\n"
    )
    found = facts(src)
    assert {d.qualname: d.kind for d in found.definitions} == {
        "get": "function", "load": "async_function", "LIMIT": "constant",
        "handler": "async_function", "counter": "variable", "assist": "function",
        "Client": "class", "Client.fetch": "method", "Client.timeout": "attribute",
        "Listing": "interface", "Listing.id": "field", "Listing.title": "field",
        "Listing.render": "method", "Price": "type", "Price.amount": "field",
        "Color": "enum", "Color.Red": "constant", "Color.Blue": "constant",
        "default": "function",
    }
    assert found.exports == ("get", "load", "LIMIT", "handler", "counter", "assist", "Client",
                             "Listing", "Price", "Color", "default")
    by_name = {d.qualname: d for d in found.definitions}
    assert by_name["get"].signature == Signature((
        Param("id", POSITIONAL_ONLY, False, "string"), Param("opts", POSITIONAL_ONLY, True, "Opts"),
        Param("retries", POSITIONAL_ONLY, True), Param("rest", VAR_POSITIONAL, False, "any[]"),
    ), "Item")
    assert by_name["Client"].signature == Signature((Param("url", POSITIONAL_ONLY, False,
                                                           "string"),))
    spans = (by_name["assist"].line, by_name["Client"].line, by_name["Client"].end_line)
    assert spans == (5, 7, 13)
    assert Reference("Base", 7, kind="base", keywords=("Client",)) in found.references


def test_star_reexport_leaves_exports_undeclared() -> None:
    assert facts("export * from './a';\nexport const x = 1;\n").exports is None
    assert facts("export * as a from './a';\n").exports == ("a",)


def test_commonjs_exports() -> None:
    src = ("function a(x) {}\n"
           "exports.b = function (y, z) {};\n"
           "module.exports = { a, c: 1 };\n"
           "exports.d = void 0;\n"
           "exports.d = a;\n")
    found = facts(src)
    assert found.exports == ("b", "a", "c", "d")
    assert {d.qualname: (d.kind, d.line) for d in found.definitions} == {
        "a": ("function", 1), "b": ("function", 2), "c": ("variable", 3), "d": ("function", 1)}


def test_references_to_imported_names() -> None:
    src = ("import * as api from './api';\n"
           "import { client } from './client';\n"
           "import type { Listing } from './types';\n"
           "api.getListings(1, 'q');\n"
           "client.fetch;\n"
           "const c = new api.Client(url, ...more);\n"
           "c.close();\n"
           "const { search, put: store } = api;\n"
           "let l: api.Listing;\n"
           "other.thing(1);\n")
    found = facts(src)
    assert [(r.name, r.line, r.kind, r.positional, r.star_args) for r in found.references] == [
        ("api.getListings", 4, "call", 2, False), ("client.fetch", 5, "attr", 0, False),
        ("api.Client", 6, "call", 1, True), ("c.close", 7, "call", 0, False),
        ("api.put", 8, "attr", 0, False), ("api.search", 8, "attr", 0, False),
        ("api.Listing", 9, "attr", 0, False),
    ]
    assert found.bindings == (("c", "api.Client", 6),)
    assert all(r.keywords == () for r in found.references)


def test_jsx_file_parses_with_the_tsx_dialect() -> None:
    src = ("import { Card } from './card';\n"
           "export function List(props: { items: string[] }) {\n"
           "  return <ul>{props.items.map(i => <Card.Item key={i} />)}</ul>;\n"
           "}\n")
    found = facts(src)
    assert found.warnings == ()
    assert [d.qualname for d in found.definitions] == ["List"]


def test_angle_bracket_cast_parses_with_the_ts_dialect() -> None:
    found = facts("const html = '</b>';\nexport const n = <number>value;\n")
    assert (found.warnings, found.exports) == ((), ("n",))


def test_suppressions_in_line_and_block_comments() -> None:
    src = ("import x from '../api'; // driftguard: ignore[DG101] legacy screen\n"
           "/* driftguard: ignore[dg102, DG105] migrating */\n")
    assert facts(src).suppressions == (Suppression(1, ("DG101",), "legacy screen"),
                                       Suppression(2, ("DG102", "DG105"), "migrating"))


def test_bad_input_warns_and_keeps_what_it_can_read() -> None:
    broken = facts("import { a } from './a';\nexport function f( {\n")
    assert broken.imports == (Import("./a", 1, names=("a",)),)
    assert broken.warnings[0].startswith("syntax error near line")
    assert facts("\x00\x01binary").warnings == ("binary file (NUL bytes); skipped",)
    latin = LANGUAGE.extract("export const caf\xe9 = 1;\n".encode("latin-1"))
    assert latin.warnings[0].startswith("not valid UTF-8")


def test_facts_round_trip_through_dict() -> None:
    from driftguard.model.facts import FileFacts

    for src in ("import * as a from './a';\nexport class K extends a.B { m(x?: number) {} }\n",
                "export * from './a';\n// driftguard: ignore[DG101] why\n"):
        found = facts(src)
        assert FileFacts.decode(found.encode()) == found
