"""TypeScript/JavaScript facts from a tree-sitter syntax tree: imports, references, comments.

Like the Python extractor, queries (run in C) find what can be anywhere in a
file (imports, require/import() calls, member chains); definitions and exports
come from a hand walk of the top level (``typescript_defs``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from driftguard.languages.text import SourceText
from driftguard.languages.typescript_defs import Definitions
from driftguard.languages.typescript_members import dotted
from driftguard.model.facts import FileFacts, Import, Reference

if TYPE_CHECKING:
    from tree_sitter import Node

QUERY_SOURCE = """
(import_statement) @import
(export_statement source: (string)) @import
(call_expression function: [(identifier) (import)] @req.fn
                 arguments: (arguments . (string) @req.src))
(call_expression function: [(identifier) (member_expression)] @call.fn
                 arguments: (arguments) @call.args)
(new_expression constructor: [(identifier) (member_expression)] @call.fn
                arguments: (arguments) @call.args)
(member_expression) @attr
(nested_type_identifier) @attr
(variable_declarator name: (identifier) @bind.name
                     value: [(call_expression function: _ @bind.fn)
                             (new_expression constructor: _ @bind.fn)])
(variable_declarator name: (object_pattern) @destr.names value: (identifier) @destr.from)
"""

SCOPE_TYPES = {"function_declaration", "function_expression", "arrow_function",
               "method_definition", "generator_function_declaration", "generator_function",
               "class_static_block"}
BRANCH_TYPES = {"if_statement", "else_clause", "try_statement", "catch_clause",
                "finally_clause", "switch_statement", "ternary_expression", "for_statement",
                "for_in_statement", "while_statement", "do_statement"}
# query group -> its capture names, in the order the extractor unpacks them
GROUPS = {"import": ("import",), "req": ("req.fn", "req.src"), "call": ("call.fn", "call.args"),
          "attr": ("attr",), "bind": ("bind.name", "bind.fn"),
          "destr": ("destr.names", "destr.from")}


class Extraction(SourceText):
    """One file's extraction."""

    def __init__(self, src: bytes, root: Node, matches: list) -> None:
        super().__init__(src, root)
        self.matches = matches

    def run(self) -> FileFacts:
        captures = self._collect(self.matches)
        imports = [i for n in captures["import"] for i in self.statement_imports(n)]
        imports += [i for fn, src in captures["req"] for i in self.call_imports(fn, src)]
        imports.sort(key=lambda i: i.line)
        bound = {name for i in imports for name in _bound_names(i)}
        bindings = self.bindings(captures["bind"], bound)
        bound |= {b[0] for b in bindings}
        defs = Definitions(self.src, self.root).run()
        return FileFacts(
            language="typescript",
            imports=tuple(imports),
            definitions=tuple(defs.definitions),
            references=self.references(captures, bound, defs.bases),
            bindings=tuple(bindings),
            # `export * from` forwards names this file does not list: not fully declared
            exports=None if any(i.names == ("*",) for i in imports) else tuple(defs.exports),
            suppressions=self.suppressions(),
            warnings=self.syntax_warnings(),
        )

    @staticmethod
    def _collect(matches: list) -> dict[str, list]:
        """Group query matches by the first part of their capture names."""
        out: dict[str, list] = {group: [] for group in GROUPS}
        for _, caps in matches:
            group = next(iter(caps)).split(".", 1)[0]
            nodes = tuple(caps[key][0] for key in GROUPS[group])
            out[group].append(nodes[0] if len(nodes) == 1 else nodes)
        return out

    # -- imports ---------------------------------------------------------------

    def statement_imports(self, node: Node) -> list[Import]:
        require = next((c for c in node.named_children if c.type == "import_require_clause"), None)
        source = (require or node).child_by_field_name("source")
        if source is None:
            return []
        common = self._common(node, source)
        if require is not None:  # import fs = require("fs")
            return [Import(alias=self.text(require.named_children[0]), **common)]
        if node.type == "export_statement":
            return [self._reexport(node, common)]
        clause = next((c for c in node.named_children if c.type == "import_clause"), None)
        if clause is None:
            return [Import(**common)]  # side effect only
        names, out = [], []
        for child in clause.named_children:
            if child.type == "identifier":
                names.append(f"default as {self.text(child)}")
            elif child.type == "namespace_import":
                out.append(Import(alias=self.text(child.named_children[-1]), **common))
            elif child.type == "named_imports":
                specifiers, typed = self._specifiers(child)
                names.extend(specifiers)
                common["type_only"] |= typed and len(clause.named_children) == 1
        if names or not out:
            out.insert(0, Import(names=tuple(names), **common))
        return out

    def _specifiers(self, node: Node) -> tuple[list[str], bool]:
        """Names as ``name`` or ``name as alias``, and whether every one is ``type``-only."""
        out, typed = [], 0
        for spec in node.named_children:
            name, alias = spec.child_by_field_name("name"), spec.child_by_field_name("alias")
            if name is None:
                continue
            typed += any(c.type == "type" for c in spec.children)
            text = self.text(name).strip("'\"")
            out.append(f"{text} as {self.text(alias)}" if alias is not None else text)
        return out, bool(out) and typed == len(out)  # { type A, type B }: erased at run time

    def _reexport(self, node: Node, common: dict) -> Import:
        clause = next((c for c in node.named_children
                       if c.type in ("export_clause", "namespace_export")), None)
        if clause is None:
            return Import(names=("*",), **common)  # export * from
        if clause.type == "namespace_export":
            return Import(alias=self.text(clause.named_children[-1]), **common)
        names, typed = self._specifiers(clause)
        common["type_only"] |= typed
        return Import(names=tuple(names), **common)

    def call_imports(self, fn: Node, source: Node) -> list[Import]:
        """``require("x")`` and ``import("x")``, with what they are assigned to."""
        if fn.type == "identifier" and self.text(fn) != "require":
            return []
        common = self._common(fn, source)
        target = fn.parent
        if target is None:
            return []
        while target.parent is not None and target.parent.type in ("await_expression",
                                                                    "parenthesized_expression"):
            target = target.parent
        holder = target.parent
        if holder is None or holder.type != "variable_declarator" or (
                holder.child_by_field_name("value") != target):
            return [Import(**common)]
        name = holder.child_by_field_name("name")
        if name is not None and name.type == "identifier":
            return [Import(alias=self.text(name), **common)]
        if name is not None and name.type == "object_pattern":
            return [Import(names=tuple(n if n == a else f"{n} as {a}"
                                       for n, a in self._pattern(name)), **common)]
        return [Import(**common)]

    def _common(self, node: Node, source: Node) -> dict:
        in_function, conditional = self._context(node)
        return {"module": self.text(source)[1:-1], "line": node.start_point[0] + 1,
                "type_only": any(c.type == "type" for c in node.children),
                "in_function": in_function, "conditional": conditional}

    @staticmethod
    def _context(node: Node) -> tuple[bool, bool]:
        in_function = conditional = False
        parent = node.parent
        while parent is not None:
            in_function = in_function or parent.type in SCOPE_TYPES
            conditional = conditional or parent.type in BRANCH_TYPES
            parent = parent.parent
        return in_function, conditional

    def _pattern(self, pattern: Node) -> list[tuple[str, str]]:
        """``{ a, b: c }`` -> [(a, a), (b, c)]; nested and rest patterns are left out."""
        out = []
        for child in pattern.named_children:
            if child.type == "shorthand_property_identifier_pattern":
                out.append((self.text(child), self.text(child)))
            elif child.type == "pair_pattern":
                key, value = child.child_by_field_name("key"), child.child_by_field_name("value")
                if key is not None and value is not None and value.type == "identifier":
                    out.append((self.text(key), self.text(value)))
        return out

    # -- references ------------------------------------------------------------

    def references(self, captures: dict[str, list], bound: set[str],
                   bases: list[Reference]) -> tuple[Reference, ...]:
        refs = list(bases)
        called: set[int] = set()
        for fn, args in captures["call"]:
            name = dotted(fn, self.text)
            if name and name.split(".", 1)[0] in bound:
                called.add(fn.start_byte)
                refs.append(self._call(fn, args, name))
        for node in captures["attr"]:
            parent = node.parent
            if node.start_byte in called or (parent is not None and parent.type in (
                    "member_expression", "nested_type_identifier")
                    and parent.start_byte == node.start_byte):
                continue  # a call's callee, or the inside of a longer chain
            name = dotted(node, self.text)
            if name and name.split(".", 1)[0] in bound:
                refs.append(Reference(name=name, line=node.start_point[0] + 1))
        for names, source in captures["destr"]:
            if self.text(source) in bound:
                refs.extend(Reference(f"{self.text(source)}.{key}", names.start_point[0] + 1)
                            for key, _ in self._pattern(names))
        refs.sort(key=lambda r: (r.line, r.name))
        return tuple(refs)

    def _call(self, fn: Node, args: Node, name: str) -> Reference:
        items = [a for a in args.named_children if a.type != "comment"]
        spread = sum(a.type == "spread_element" for a in items)
        return Reference(name=name, line=fn.start_point[0] + 1, kind="call",
                         positional=len(items) - spread, star_args=spread > 0)

    def bindings(self, pairs: list, bound: set[str]) -> list[tuple[str, str, int]]:
        out = []
        for name_node, fn in pairs:
            callee = dotted(fn, self.text)
            if callee and callee.split(".", 1)[0] in bound:
                out.append((self.text(name_node), callee, name_node.start_point[0] + 1))
        return out

    # -- comments and errors ---------------------------------------------------



def _bound_names(imp: Import) -> list[str]:
    """Local names an import binds: ``import * as ns`` binds ``ns``; ``{ a as b }``, ``b``."""
    if imp.names:
        return [n.rsplit(" as ", 1)[-1] for n in imp.names if n != "*"]
    return [imp.alias] if imp.alias else []
