"""Go facts from a tree-sitter syntax tree: imports, exported definitions, references.

A query (run in C) finds imports, selector uses and bindings anywhere in the file;
top-level declarations are walked by hand. Only exported (capitalised) names are
definitions: the rest is invisible outside the package.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from driftguard.languages.text import SourceText
from driftguard.model.facts import (
    POSITIONAL_ONLY,
    VAR_POSITIONAL,
    Definition,
    FileFacts,
    Import,
    Param,
    Reference,
    Signature,
)

if TYPE_CHECKING:
    from tree_sitter import Node

QUERY_SOURCE = """
(import_spec) @import
(call_expression function: (selector_expression) @call.fn arguments: (argument_list) @call.args)
(selector_expression) @attr
(qualified_type) @attr
(short_var_declaration left: (expression_list . (identifier) @bind.name)
                       right: (expression_list . (_) @bind.value))
(var_spec name: (identifier) @bind.name type: (_) @bind.value)
(var_spec name: (identifier) @bind.name value: (expression_list . (_) @bind.value))
(parameter_declaration name: (identifier) @bind.name type: (_) @bind.value)
"""

DOTTED = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*\Z")
VERSION_ELEMENT = re.compile(r"v(?:[2-9]|[1-9][0-9]+)\Z")  # a module's major version, v2+


def is_bound(name: str, bound: set[str]) -> bool:
    """A dotted name whose first part an import or a binding of this file names."""
    return bool(DOTTED.match(name)) and name.split(".", 1)[0] in bound


def exported(name: str) -> bool:
    return name[:1].isupper()


def local_name(path: str) -> str:
    """The name an unaliased import binds: the last element, as Go tools guess it."""
    parts = [p for p in path.split("/") if p]
    if len(parts) > 1 and VERSION_ELEMENT.match(parts[-1]):  # example.com/x/v2 is package x
        parts.pop()
    last = parts[-1] if parts else path
    last = re.sub(r"\.v[0-9]+\Z", "", last)  # gopkg.in/yaml.v3 is package yaml
    return re.sub(r"\Ago-|[-.]go\Z", "", last).replace("-", "_").replace(".", "_")


class Extraction(SourceText):
    """One file's extraction."""

    def __init__(self, src: bytes, root: Node, matches: object) -> None:
        super().__init__(src, root)
        self._matches = matches

    def run(self) -> FileFacts:
        caps = self._collect(self._matches(self.root))  # type: ignore[operator]
        imports = tuple(i for node in caps["import"] if (i := self.import_(node)))
        bound = {i.alias for i in imports if i.alias not in (None, "_")}
        bindings = self.bindings(caps["bind"], bound)
        bound |= {b[0] for b in bindings}
        definitions, bases = Definitions(self).run()
        return FileFacts(
            language="go", imports=imports, definitions=tuple(definitions),
            references=self.references(caps, bound, bases), bindings=tuple(bindings),
            suppressions=self.suppressions(), package=self.package(),
            warnings=self.syntax_warnings())

    @staticmethod
    def _collect(matches: list[tuple[int, dict[str, list[Node]]]]) -> dict[str, list]:
        out: dict[str, list] = {"import": [], "call": [], "attr": [], "bind": []}
        for _, caps in matches:
            if "call.fn" in caps:
                out["call"].append((caps["call.fn"][0], caps["call.args"][0]))
            elif "bind.name" in caps:
                out["bind"].append((caps["bind.name"][0], caps["bind.value"][0]))
            else:
                name, nodes = next(iter(caps.items()))
                out[name].append(nodes[0])
        return out

    def package(self) -> str | None:
        clause = next((c for c in self.root.named_children if c.type == "package_clause"), None)
        name = clause.named_children[0] if clause and clause.named_children else None
        return self.text(name) or None

    def import_(self, spec: Node) -> Import | None:
        """``alias`` is the name the import binds (written or guessed from the path), so
        ``store.Open`` maps to its import as ``m.f`` does after Python's ``import a as m``."""
        path = self.text(spec.child_by_field_name("path")).strip("\"`")
        if not path:
            return None
        name = spec.child_by_field_name("name")
        line = spec.start_point[0] + 1
        if name is not None and name.type == "dot":
            return Import(module=path, line=line, names=("*",))
        alias = self.text(name) if name is not None else local_name(path)
        return Import(module=path, line=line, alias=alias)

    # -- references ------------------------------------------------------------

    def references(self, caps: dict[str, list], bound: set[str], bases: list[Reference]
                   ) -> tuple[Reference, ...]:
        refs = list(bases)
        called: set[int] = set()
        for fn, args in caps["call"]:
            name = self.text(fn)
            if is_bound(name, bound):
                called.add(fn.start_byte)
                refs.append(self._call(fn, args, name))
        for node in caps["attr"]:
            parent = node.parent
            if node.start_byte in called or (parent is not None and parent.start_byte ==
                                              node.start_byte and parent.type == node.type):
                continue  # a call's callee, or inside a longer chain a.b.c
            name = self.text(node)
            if is_bound(name, bound):
                refs.append(Reference(name=name, line=node.start_point[0] + 1))
        refs.sort(key=lambda r: (r.line, r.name))
        return tuple(refs)

    def _call(self, fn: Node, args: Node, name: str) -> Reference:
        values = [a for a in args.named_children if a.type != "comment"]
        spread = any(a.type == "variadic_argument" for a in values)
        return Reference(name=name, line=fn.start_point[0] + 1, kind="call",
                         positional=len(values) - spread, star_args=spread)

    def bindings(self, pairs: list[tuple[Node, Node]], bound: set[str]
                 ) -> list[tuple[str, str, int]]:
        """``s := store.New()``, ``s := &store.Server{}``, ``var s store.Server``, ``s *store.DB``.
        """
        out: dict[tuple[str, int], str] = {}
        for name_node, value in pairs:
            callee = self._callee(value)
            key = (self.text(name_node), name_node.start_point[0] + 1)
            if is_bound(callee, bound):
                out.setdefault(key, callee)  # var s T = f(): the declared type wins
        return [(name, callee, line) for (name, line), callee in out.items()]

    def _callee(self, node: Node) -> str:
        while node.type in ("unary_expression", "pointer_type"):
            inner = node.child_by_field_name("operand") or (
                node.named_children[0] if node.named_children else None)
            if inner is None:
                return ""
            node = inner
        if node.type == "call_expression":
            return self.text(node.child_by_field_name("function"))
        if node.type == "composite_literal":
            return self.text(node.child_by_field_name("type"))
        return self.text(node) if node.type == "qualified_type" else ""

    # -- errors ----------------------------------------------------------------



class Definitions:
    """Exported top-level declarations, struct fields and interface methods."""

    def __init__(self, ex: Extraction) -> None:
        self.ex = ex
        self.out: list[Definition] = []
        self.bases: list[Reference] = []  # embedded types: Go's inheritance

    def run(self) -> tuple[list[Definition], list[Reference]]:
        for node in self.ex.root.named_children:
            handler = getattr(self, "_" + node.type, None)
            if handler is not None:
                handler(node)
        return self.out, self.bases

    def _add(self, qualname: str, kind: str, node: Node, signature: Signature | None = None
             ) -> None:
        self.out.append(Definition(qualname, kind, node.start_point[0] + 1,
                                   node.end_point[0] + 1, signature))

    def _function_declaration(self, node: Node) -> None:
        name = self.ex.text(node.child_by_field_name("name"))
        if exported(name):
            self._add(name, "function", node, self.signature(node))

    def _method_declaration(self, node: Node) -> None:
        name = self.ex.text(node.child_by_field_name("name"))
        receiver = self.receiver_type(node.child_by_field_name("receiver"))
        if exported(name) and exported(receiver):
            # The receiver is the first parameter, as in Go's method expression T.M(recv, ...)
            receiver_params = self.params(node.child_by_field_name("receiver"))
            self._add(f"{receiver}.{name}", "method", node, self.signature(node, receiver_params))

    def _type_declaration(self, node: Node) -> None:
        for spec in node.named_children:
            name = self.ex.text(spec.child_by_field_name("name"))
            body = spec.child_by_field_name("type")
            if spec.type not in ("type_spec", "type_alias") or not exported(name):
                continue
            kind = {"struct_type": "struct", "interface_type": "interface"}.get(
                body.type if body is not None and spec.type == "type_spec" else "", "type")
            self._add(name, kind, spec)
            if kind == "struct":
                self._fields(name, body)  # type: ignore[arg-type]
            elif kind == "interface":
                self._interface(name, body)  # type: ignore[arg-type]

    def _const_declaration(self, node: Node, kind: str = "constant") -> None:
        for spec in node.named_children:
            for name_node in spec.children_by_field_name("name"):
                if exported(self.ex.text(name_node)):
                    self._add(self.ex.text(name_node), kind, spec)

    def _var_declaration(self, node: Node) -> None:
        self._const_declaration(node, "variable")

    def _fields(self, owner: str, struct: Node) -> None:
        fields = next((c for c in struct.named_children if c.type == "field_declaration_list"),
                      None)
        for field in fields.named_children if fields is not None else ():
            if field.type != "field_declaration":
                continue
            names = [self.ex.text(n) for n in field.children_by_field_name("name")]
            if not names:  # embedded: *Base, pkg.Base
                embedded = self.ex.text(field.child_by_field_name("type")).lstrip("*")
                self.bases.append(Reference(embedded, field.start_point[0] + 1, "base",
                                            keywords=(owner,)))
                names = [embedded.rsplit(".", 1)[-1]]
            for name in filter(exported, names):
                self._add(f"{owner}.{name}", "field", field)

    def _interface(self, owner: str, body: Node) -> None:
        for elem in body.named_children:
            name = self.ex.text(elem.child_by_field_name("name"))
            if elem.type in ("method_elem", "method_spec") and exported(name):
                receiver = [Param("_", POSITIONAL_ONLY, annotation=owner)]
                self._add(f"{owner}.{name}", "method", elem, self.signature(elem, receiver))
            elif elem.type == "type_elem":
                self.bases.append(Reference(self.ex.text(elem), elem.start_point[0] + 1,
                                            "base", keywords=(owner,)))

    def receiver_type(self, receiver: Node | None) -> str:
        decl = receiver.named_children[0] if receiver and receiver.named_children else None
        node = decl.child_by_field_name("type") if decl is not None else None
        while node is not None and node.type in ("pointer_type", "generic_type"):
            node = node.child_by_field_name("type") or (
                node.named_children[0] if node.named_children else None)
        return self.ex.text(node)

    def signature(self, node: Node, receiver: list[Param] | None = None) -> Signature:
        params = self.params(node.child_by_field_name("parameters"))
        result = node.child_by_field_name("result")
        return Signature((*(receiver or ()), *params), self.ex.text(result) or None)

    def params(self, plist: Node | None) -> list[Param]:
        params: list[Param] = []
        for decl in plist.named_children if plist is not None else ():
            if decl.type not in ("parameter_declaration", "variadic_parameter_declaration"):
                continue
            kind = VAR_POSITIONAL if decl.type.startswith("variadic") else POSITIONAL_ONLY
            annotation = self.ex.text(decl.child_by_field_name("type")) or None
            names = [self.ex.text(n) for n in decl.children_by_field_name("name")] or ["_"]
            params.extend(Param(name, kind, annotation=annotation) for name in names)
        return params
