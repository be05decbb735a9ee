"""Java facts from a tree-sitter syntax tree: package, imports, public API, references.

A query (run in C) finds imports, calls, field accesses and typed declarations
anywhere; type bodies are walked by hand for the public definitions.
Overloads share one definition whose signature accepts every overload's arity
(extra parameters of the longest one count as optional).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from driftguard.languages.text import SourceText, suppressions_in_comments
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
(import_declaration) @import
(method_invocation arguments: (argument_list) @call.args) @call.fn
(object_creation_expression type: (_) @new.type arguments: (argument_list) @new.args)
(field_access) @attr
(local_variable_declaration type: (_) @bind.type) @bind
(field_declaration type: (_) @bind.type) @bind
(formal_parameter type: (_) @bind.type name: (identifier) @bind.name)
"""

DOTTED = re.compile(r"[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*\Z")
GENERIC = re.compile(r"<.*>|\[\]|\s+", re.DOTALL)
TYPE_KINDS = {"class_declaration": "class", "interface_declaration": "interface",
              "enum_declaration": "enum", "record_declaration": "record",
              "annotation_type_declaration": "annotation"}
IMPLICITLY_PUBLIC = ("interface", "annotation")  # their members are public unless private


class Extraction(SourceText):
    """One file's extraction."""

    def __init__(self, src: bytes, root: Node, matches: object) -> None:
        super().__init__(src, root)
        self._matches = matches

    def run(self) -> FileFacts:
        caps = self._collect(self._matches(self.root))  # type: ignore[operator]
        imports = tuple(i for node in caps["import"] if (i := self.import_(node)))
        bound = {n for i in imports for n in i.names if n != "*"}
        # import a.b.*: any capitalised name may be one of a.b's classes (a.b.C.* is static)
        on_demand = any(i.names == ("*",) and i.module.rpartition(".")[2][:1].islower()
                        for i in imports)
        bindings = self.bindings(caps["bind"], bound, on_demand)
        bound |= {b[0] for b in bindings}
        definitions, bases = Definitions(self).run()
        return FileFacts(
            language="java", imports=imports, definitions=tuple(definitions),
            references=self.references(caps, bound, on_demand, bases),
            bindings=tuple(bindings), suppressions=suppressions_in_comments(
                self.src, self.root, ("line_comment", "block_comment")),
            warnings=self.syntax_warnings(), package=self.package())

    @staticmethod
    def _collect(matches: list[tuple[int, dict[str, list[Node]]]]) -> dict[str, list]:
        out: dict[str, list] = {"import": [], "call": [], "new": [], "attr": [], "bind": []}
        for _, caps in matches:
            if "call.fn" in caps:
                out["call"].append(caps["call.fn"][0])
            elif "new.type" in caps:
                out["new"].append((caps["new.type"][0], caps["new.args"][0]))
            elif "bind.type" in caps:
                owner = caps.get("bind.name") or caps["bind"]
                out["bind"].append((caps["bind.type"][0], owner[0]))
            else:
                name, nodes = next(iter(caps.items()))
                out[name].append(nodes[0])
        return out

    def package(self) -> str | None:
        decl = next((c for c in self.root.named_children if c.type == "package_declaration"),
                    None)
        name = decl.named_children[-1] if decl is not None and decl.named_children else None
        return self.text(name) or None

    def import_(self, node: Node) -> Import | None:
        """``import a.b.C;`` is read as ``from a.b import C``; ``import static a.b.C.m;``
        as ``from a.b.C import m``; on-demand imports take ``*``."""
        target = next((c for c in node.named_children if c.type in ("scoped_identifier",
                                                                    "identifier")), None)
        if target is None:
            return None
        dotted = self.text(target).replace(" ", "")
        line = node.start_point[0] + 1
        if any(c.type == "asterisk" for c in node.named_children):
            return Import(module=dotted, line=line, names=("*",))
        module, _, name = dotted.rpartition(".")
        return Import(module=module, line=line, names=(name,))

    # -- references ------------------------------------------------------------

    @staticmethod
    def _bound(name: str, bound: set[str], on_demand: bool) -> bool:
        first = name.split(".", 1)[0]
        return bool(DOTTED.match(name)) and (first in bound or on_demand and first[:1].isupper())

    def references(self, caps: dict[str, list], bound: set[str], on_demand: bool,
                   bases: list[Reference]) -> tuple[Reference, ...]:
        def is_bound(name: str) -> bool:
            return self._bound(name, bound, on_demand)

        refs = list(bases)
        for call in caps["call"]:
            obj = call.child_by_field_name("object")
            name = ".".join(filter(None, (self.text(obj), self.text(
                call.child_by_field_name("name")))))
            if is_bound(name):
                refs.append(self._call(call, call.child_by_field_name("arguments"), name))
        for type_node, args in caps["new"]:
            name = GENERIC.sub("", self.text(type_node))
            if is_bound(name):
                refs.append(self._call(type_node, args, name))
        for node in caps["attr"]:
            parent = node.parent
            if parent is not None and (parent.type == "method_invocation" or (
                    parent.type == "field_access" and parent.start_byte == node.start_byte)):
                continue  # a call's receiver (recorded with the call), or inside a longer chain
            name = self.text(node)
            if is_bound(name):
                refs.append(Reference(name=name, line=node.start_point[0] + 1))
        refs.sort(key=lambda r: (r.line, r.name))
        return tuple(refs)

    def _call(self, node: Node, args: Node | None, name: str) -> Reference:
        values = [a for a in args.named_children if "comment" not in a.type] if args else []
        return Reference(name=name, line=node.start_point[0] + 1, kind="call",
                         positional=len(values))

    def bindings(self, pairs: list[tuple[Node, Node]], bound: set[str], on_demand: bool
                 ) -> list[tuple[str, str, int]]:
        """``Listing x = ...``, ``var x = new Listing()``, fields and parameters of a bound type."""
        out = []
        for type_node, owner in pairs:
            declared = GENERIC.sub("", self.text(type_node))
            names = [owner] if owner.type == "identifier" else [
                d.child_by_field_name("name") for d in owner.children_by_field_name("declarator")]
            for name_node in filter(None, names):
                callee = declared
                value = name_node.parent.child_by_field_name("value") if name_node.parent else None
                if declared == "var" and value is not None and (
                        value.type == "object_creation_expression"):
                    callee = GENERIC.sub("", self.text(value.child_by_field_name("type")))
                if self._bound(callee, bound, on_demand):
                    out.append((self.text(name_node), callee, name_node.start_point[0] + 1))
        return out

    # -- errors ----------------------------------------------------------------



class Definitions:
    """Public types and their public members; nested public types as ``Outer.Inner``."""

    def __init__(self, ex: Extraction) -> None:
        self.ex = ex
        self.out: list[Definition] = []
        self.bases: list[Reference] = []  # extends / implements

    def run(self) -> tuple[list[Definition], list[Reference]]:
        for node in self.ex.root.named_children:
            if node.type in TYPE_KINDS and "public" in self.modifiers(node)[0]:
                self.type_(node, "")
        self.out.sort(key=lambda d: d.line)  # stable: a type stays before its members
        return self.out, self.bases

    def modifiers(self, node: Node) -> tuple[set[str], tuple[str, ...]]:
        mods = next((c for c in node.children if c.type == "modifiers"), None)
        if mods is None:
            return set(), ()
        notes = tuple(self.ex.text(c.child_by_field_name("name")) for c in mods.named_children
                      if c.type in ("marker_annotation", "annotation"))
        return {c.type for c in mods.children if not c.is_named}, notes

    def _add(self, qualname: str, kind: str, node: Node, signature: Signature | None = None,
             notes: tuple[str, ...] = ()) -> None:
        self.out.append(Definition(qualname, kind, node.start_point[0] + 1,
                                   node.end_point[0] + 1, signature, notes))

    def type_(self, node: Node, prefix: str) -> None:
        qualname = prefix + self.ex.text(node.child_by_field_name("name"))
        kind = TYPE_KINDS[node.type]
        at = len(self.out)
        self._bases(node, qualname)
        constructors = self._members(node, qualname, kind)
        if kind == "record":
            components = self.params(node.child_by_field_name("parameters"))
            for param in components:
                self._add(f"{qualname}.{param.name}", "field", node)
            constructors = [*(constructors or []), Signature(components)]  # canonical
        elif kind == "class" and constructors is None:
            constructors = [Signature()]  # the implicit no-argument constructor
        # A class is called through its constructors: ``new Listing(a)`` checks them.
        signature = merge(constructors) if constructors else None
        self.out.insert(at, Definition(qualname, kind, node.start_point[0] + 1,
                                       node.end_point[0] + 1, signature,
                                       self.modifiers(node)[1]))

    def _bases(self, node: Node, qualname: str) -> None:
        for field in ("superclass", "interfaces"):
            holder = node.child_by_field_name(field)
            self._base_list(holder, qualname)
        extends = next((c for c in node.named_children if c.type == "extends_interfaces"), None)
        self._base_list(extends, qualname)

    def _base_list(self, holder: Node | None, qualname: str) -> None:
        types = holder.named_children if holder is not None else []
        if types and types[0].type == "type_list":
            types = types[0].named_children
        for t in types:
            self.bases.append(Reference(GENERIC.sub("", self.ex.text(t)), t.start_point[0] + 1,
                                        "base", keywords=(qualname,)))

    def _members(self, node: Node, owner: str, kind: str) -> list[Signature] | None:
        """Adds the public members; returns the public constructors (None: none declared)."""
        body = node.child_by_field_name("body")
        members = [] if body is None else body.named_children
        members = [m for c in members for m in (
            c.named_children if c.type == "enum_body_declarations" else [c])]
        constructors: list[Signature] | None = None
        methods: dict[str, list[tuple[Node, Signature]]] = {}
        for member in members:
            words, _ = self.modifiers(member)
            public = "public" in words or (kind in IMPLICITLY_PUBLIC and "private" not in words)
            if member.type in ("constructor_declaration", "compact_constructor_declaration"):
                constructors = constructors or []
                if public and member.type == "constructor_declaration":  # compact: canonical
                    constructors.append(self.signature(member))
            elif member.type == "enum_constant":
                self._add(f"{owner}.{self.ex.text(member.child_by_field_name('name'))}",
                          "constant", member)
            elif not public:
                continue
            elif member.type in ("method_declaration", "annotation_type_element_declaration"):
                name = self.ex.text(member.child_by_field_name("name"))
                # An instance method's receiver comes first (Java's explicit ``Owner this``),
                # so a call through an instance binds like a Python method's ``self``.
                receiver = () if "static" in words else (
                    Param("this", POSITIONAL_ONLY, annotation=owner.rsplit(".", 1)[-1]),)
                methods.setdefault(name, []).append((member, self.signature(member, receiver)))
            elif member.type in ("field_declaration", "constant_declaration"):
                self._fields(member, owner, words)
            elif member.type in TYPE_KINDS:
                self.type_(member, owner + ".")
        for name, overloads in methods.items():
            first = overloads[0][0]
            self._add(f"{owner}.{name}", "method", first, merge([s for _, s in overloads]),
                      self.modifiers(first)[1])
        return constructors

    def _fields(self, node: Node, owner: str, words: set[str]) -> None:
        constant = node.type == "constant_declaration" or {"static", "final"} <= words
        for declarator in node.children_by_field_name("declarator"):
            name = self.ex.text(declarator.child_by_field_name("name"))
            self._add(f"{owner}.{name}", "constant" if constant else "field", node)

    def signature(self, node: Node, receiver: tuple[Param, ...] = ()) -> Signature:
        returns = node.child_by_field_name("type")
        return Signature((*receiver, *self.params(node.child_by_field_name("parameters"))),
                         self.ex.text(returns) or None)

    def params(self, node: Node | None) -> tuple[Param, ...]:
        out = []
        for p in node.named_children if node is not None else ():
            if p.type == "formal_parameter":
                out.append(Param(self.ex.text(p.child_by_field_name("name")), POSITIONAL_ONLY,
                                 annotation=self.ex.text(p.child_by_field_name("type"))))
            elif p.type == "spread_parameter":
                typed = [c for c in p.named_children if c.type not in ("modifiers",
                                                                       "variable_declarator")]
                declarator = next((c for c in p.named_children
                                   if c.type == "variable_declarator"), None)
                name = declarator.child_by_field_name("name") if declarator else None
                out.append(Param(self.ex.text(name), VAR_POSITIONAL,
                                 annotation=self.ex.text(typed[0]) if typed else None))
        return tuple(out)


def merge(overloads: list[Signature]) -> Signature:
    """One signature for overloads: the longest one, its extra parameters optional."""
    longest = max(overloads, key=lambda s: len(s.params))
    fewest = min(len([p for p in s.params if p.kind != VAR_POSITIONAL]) for s in overloads)
    params = [Param(p.name, p.kind, p.kind != VAR_POSITIONAL and i >= fewest, p.annotation)
              for i, p in enumerate(longest.params)]
    spread = next((p for s in overloads for p in s.params if p.kind == VAR_POSITIONAL), None)
    if spread is not None and all(p.kind != VAR_POSITIONAL for p in params):
        params.append(spread)
    return Signature(tuple(params), longest.returns)
