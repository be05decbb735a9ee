"""The public interface of a TypeScript/JavaScript module: its exports, walked by hand.

Only exported names become definitions (``export function``, ``export { a as
b }``, ``export default``, CommonJS ``exports.x =``): a module's other top-level
names cannot be imported, so they are no contract. Classes bring their public
members, interfaces and object types their members (``Listing.title``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from driftguard.languages.typescript_members import class_signature, dotted, members, signature
from driftguard.model.facts import Definition, Reference, Signature

if TYPE_CHECKING:
    from collections.abc import Iterator

    from tree_sitter import Node

FUNCTIONS = {"function_declaration", "generator_function_declaration", "function_signature",
             "function_expression", "function", "arrow_function", "generator_function"}
CLASSES = {"class_declaration", "abstract_class_declaration", "class"}
DECLARATIONS = FUNCTIONS | CLASSES | {"interface_declaration", "type_alias_declaration",
                                      "enum_declaration", "internal_module", "module"}


@dataclass
class Interface:
    definitions: list[Definition] = field(default_factory=list)
    exports: list[str] = field(default_factory=list)
    bases: list[Reference] = field(default_factory=list)


class Definitions:
    def __init__(self, src: bytes, root: Node) -> None:
        self.src = src
        self.root = root
        self.out = Interface()
        self.local: dict[str, Node] = {}
        self.deferred: list[tuple[str, str]] = []  # (local name, exported as)

    def text(self, node: Node) -> str:
        return self.src[node.start_byte : node.end_byte].decode("utf-8", "replace")

    def run(self) -> Interface:
        for stmt in self.root.named_children:
            if stmt.type == "export_statement":
                self._export(stmt)
            elif stmt.type == "expression_statement":
                self._commonjs(stmt)
            else:
                for name, node in self._declared(stmt):
                    self.local.setdefault(name, node)
        for name, exported in self.deferred:
            found = self.local.get(name)
            if found is not None:
                self._emit(exported, found, found)
        unique: dict[str, Definition] = {}  # overloads: the first signature stands
        for definition in sorted(self.out.definitions, key=lambda d: d.line):
            unique.setdefault(definition.qualname, definition)
        self.out.definitions = list(unique.values())
        self.out.exports = list(dict.fromkeys(self.out.exports))
        return self.out

    def _declared(self, node: Node) -> Iterator[tuple[str, Node]]:
        if node.type == "ambient_declaration":  # declare function f(): void;
            for child in node.named_children:
                yield from self._declared(child)
        elif node.type in DECLARATIONS:
            name = node.child_by_field_name("name")
            if name is not None:
                yield self.text(name), node
        elif node.type in ("lexical_declaration", "variable_declaration"):
            for declarator in node.named_children:
                name = declarator.child_by_field_name("name")
                if declarator.type != "variable_declarator" or name is None:
                    continue
                targets = [name] if name.type == "identifier" else [
                    n for n in name.named_children
                    if n.type in ("identifier", "shorthand_property_identifier_pattern")]
                yield from ((self.text(t), declarator) for t in targets)

    def _export(self, stmt: Node) -> None:
        clause = next((c for c in stmt.named_children
                       if c.type in ("export_clause", "namespace_export")), None)
        if stmt.child_by_field_name("source") is not None:  # re-export: recorded as an import
            self.out.exports.extend(self._clause_names(clause) if clause is not None else [])
            return
        declaration = stmt.child_by_field_name("declaration")
        value = stmt.child_by_field_name("value")
        default = any(c.type == "default" for c in stmt.children)
        if declaration is not None:
            names = list(self._declared(declaration))
            for name, node in names:
                self.local.setdefault(name, node)
            for name, node in [("default", declaration)] if default else names:
                self._emit(name, node, node if node.type == "variable_declarator" else stmt)
        elif value is not None or any(c.type == "=" for c in stmt.children):
            value = value or stmt.named_children[-1]  # export = x (TypeScript's CommonJS)
            self._export_value("default", value, stmt)
        elif clause is not None:
            for spec in clause.named_children:
                local = spec.child_by_field_name("name")
                alias = spec.child_by_field_name("alias")
                if local is not None:
                    exported = self.text(alias if alias is not None else local)
                    self.out.exports.append(exported)
                    self.deferred.append((self.text(local), exported))

    def _clause_names(self, clause: Node) -> list[str]:
        if clause.type == "namespace_export":
            return [self.text(clause.named_children[-1])]
        out = []
        for spec in clause.named_children:
            name = spec.child_by_field_name("alias") or spec.child_by_field_name("name")
            if name is not None:
                out.append(self.text(name).strip("'\""))
        return out

    def _export_value(self, name: str, value: Node, span: Node) -> None:
        """``export default <value>`` and CommonJS assignments: a local's name or an expression."""
        if value.type == "identifier":
            self.out.exports.append(name)
            self.deferred.append((self.text(value), name))
        else:
            self._emit(name, value, span)

    def _commonjs(self, stmt: Node) -> None:
        assignment = stmt.named_children[0] if stmt.named_children else None
        if assignment is None or assignment.type != "assignment_expression":
            return
        left = assignment.child_by_field_name("left")
        right = assignment.child_by_field_name("right")
        target = dotted(left, self.text) if left is not None else None
        if right is None or target is None:
            return
        if target == "module.exports" and right.type == "object":
            for name, node in self._object_members(right):
                self._export_value(name, node, node)
        elif target == "module.exports":
            self._export_value("default", right, stmt)
        elif (target.count(".") == 1 and target.startswith("exports.")) or (
                target.count(".") == 2 and target.startswith("module.exports.")):
            name = target.rsplit(".", 1)[1]
            if self.text(right) == "void 0":  # compiled TypeScript declares exports up front
                self.out.exports.append(name)
            else:
                self._export_value(name, right, stmt)

    def _object_members(self, obj: Node) -> Iterator[tuple[str, Node]]:
        for child in obj.named_children:
            if child.type == "shorthand_property_identifier":
                yield self.text(child), child
            elif child.type in ("pair", "method_definition"):
                key = child.child_by_field_name("key") or child.child_by_field_name("name")
                value = child.child_by_field_name("value") or child
                if key is not None and key.type in ("property_identifier", "string"):
                    yield self.text(key).strip("'\""), value

    # -- one exported name -------------------------------------------------------

    def _emit(self, name: str, node: Node, span: Node, exported: bool = True) -> None:
        if exported and name not in self.out.exports:
            self.out.exports.append(name)
        if node.type == "shorthand_property_identifier":
            local = self.local.get(self.text(node))
            if local is not None:
                self._emit(name, local, local, exported=False)
            return
        line, end = span.start_point[0] + 1, span.end_point[0] + 1
        target = self._value(node) or node
        kind, signature = self._kind(target, node)
        decorators = tuple(self.text(d)[1:].strip() for d in (*span.children, *node.children)
                           if d.type == "decorator")
        self.out.definitions.append(Definition(name, kind, line, end, signature, decorators))
        members(self, name, target, self.out)

    @staticmethod
    def _value(node: Node) -> Node | None:
        """What ``const x = <value>`` declares, when the value has a shape of its own."""
        if node.type != "variable_declarator":
            return None
        name, value = node.child_by_field_name("name"), node.child_by_field_name("value")
        if name is None or name.type != "identifier" or value is None:
            return None
        while value.type in ("parenthesized_expression", "as_expression", "satisfies_expression"):
            value = value.named_children[0]
        return value if value.type in FUNCTIONS | CLASSES | {"object"} else None

    def _kind(self, target: Node, declared: Node) -> tuple[str, Signature | None]:
        kind = target.type
        if kind in FUNCTIONS:
            is_async = any(c.type == "async" for c in target.children)
            return ("async_function" if is_async else "function"), signature(self, target)
        if kind in CLASSES:
            return "class", class_signature(self, target)
        simple = {"interface_declaration": "interface", "type_alias_declaration": "type",
                  "enum_declaration": "enum", "internal_module": "namespace", "module": "namespace"}
        if kind in simple:
            return simple[kind], None
        parent = declared.parent if declared.type == "variable_declarator" else None
        const = parent is not None and any(c.type == "const" for c in parent.children)
        return ("constant" if const else "variable"), None
