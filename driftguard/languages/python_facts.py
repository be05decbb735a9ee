"""Python facts from a tree-sitter syntax tree: imports, definitions, references.

Runs tree-sitter queries (in C) for the things that can be anywhere in a file
(imports, calls, attribute chains) and walks only module and class bodies by
hand for definitions, so a large file costs little Python work.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from driftguard.languages.text import SourceText
from driftguard.model.facts import (
    KEYWORD_ONLY,
    POSITIONAL_ONLY,
    POSITIONAL_OR_KEYWORD,
    VAR_KEYWORD,
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
(import_statement) @import
(import_from_statement) @import
(call function: [(identifier) (attribute)] @call.fn arguments: (argument_list) @call.args)
(attribute) @attr
(assignment left: (identifier) @bind.name
            right: (call function: [(identifier) (attribute)] @bind.fn))
"""

DOTTED = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*\Z")
SCOPE_TYPES = {"function_definition", "lambda"}
BRANCH_TYPES = {"if_statement", "try_statement", "elif_clause", "else_clause", "except_clause",
                "with_statement", "while_statement", "for_statement", "match_statement"}


class Extraction(SourceText):
    """One file's extraction."""

    def __init__(self, src: bytes, root: Node, query_cursor_factory: object) -> None:
        super().__init__(src, root)
        self._cursor_factory = query_cursor_factory

    def run(self) -> FileFacts:
        captures = self._collect(self._cursor_factory(self.root))  # type: ignore[operator]
        imports = tuple(i for node in captures["import"] for i in self.imports(node))
        bound = {name for i in imports for name in self._bound_names(i)}
        bindings = self.bindings(captures, bound)
        bound |= {b[0] for b in bindings}
        self._bases: list[Reference] = []
        definitions, exports = self.definitions()
        return FileFacts(
            language="python",
            imports=imports,
            definitions=tuple(definitions),
            references=self.references(captures, bound, self._bases),
            bindings=tuple(bindings),
            exports=exports,
            suppressions=self.suppressions(),
            warnings=self.syntax_warnings(),
        )

    @staticmethod
    def _collect(matches: list[tuple[int, dict[str, list[Node]]]]) -> dict[str, list]:
        """Group query matches: single captures by name, paired ones as tuples."""
        out: dict[str, list] = {"import": [], "attr": [], "call": [], "bind": []}
        for _, caps in matches:
            if "import" in caps:
                out["import"].append(caps["import"][0])
            elif "attr" in caps:
                out["attr"].append(caps["attr"][0])
            elif "call.fn" in caps:
                out["call"].append((caps["call.fn"][0], caps["call.args"][0]))
            elif "bind.name" in caps:
                out["bind"].append((caps["bind.name"][0], caps["bind.fn"][0]))
        return out

    # -- imports ---------------------------------------------------------------

    def imports(self, node: Node) -> list[Import]:
        type_only, in_function, conditional = self._context(node)
        line = node.start_point[0] + 1
        common = {"line": line, "type_only": type_only, "in_function": in_function,
                  "conditional": conditional}
        if node.type == "import_statement":
            out = []
            for child in node.children_by_field_name("name"):
                name, alias = self._name_and_alias(child)
                out.append(Import(module=name, alias=alias, **common))
            return out
        module_node = node.child_by_field_name("module_name")
        if module_node is None:
            return []
        level, module = 0, self.text(module_node)
        if module_node.type == "relative_import":
            prefix = module_node.children[0] if module_node.children else None
            level = len(self.text(prefix)) if prefix is not None else 0
            module = module[level:]
        names = []
        for child in node.children_by_field_name("name"):
            name, alias = self._name_and_alias(child)
            names.append(f"{name} as {alias}" if alias else name)
        if any(c.type == "wildcard_import" for c in node.children):
            names.append("*")
        return [Import(module=module, level=level, names=tuple(names), **common)]

    def _name_and_alias(self, node: Node) -> tuple[str, str | None]:
        if node.type == "aliased_import":
            name_node = node.child_by_field_name("name")
            alias_node = node.child_by_field_name("alias")
            name = self.text(name_node) if name_node else ""
            return name, (self.text(alias_node) if alias_node else None)
        return self.text(node), None

    @staticmethod
    def _bound_names(imp: Import) -> list[str]:
        """Names an import binds: ``import a.b`` binds ``a``; ``from m import x as y``, ``y``."""
        if imp.names:
            return [n.rsplit(" as ", 1)[-1] for n in imp.names if n != "*"]
        return [imp.alias or imp.module.split(".", 1)[0]]

    def _context(self, node: Node) -> tuple[bool, bool, bool]:
        type_only = in_function = conditional = False
        parent = node.parent
        while parent is not None:
            kind = parent.type
            if kind in SCOPE_TYPES:
                in_function = True
            elif kind == "if_statement":
                condition = parent.child_by_field_name("condition")
                if condition is not None and "TYPE_CHECKING" in self.text(condition):
                    type_only = not self._in_else(node, parent)
                conditional = True
            elif kind in BRANCH_TYPES:
                conditional = True
            parent = parent.parent
        return type_only, in_function, conditional and not type_only

    @staticmethod
    def _in_else(node: Node, if_node: Node) -> bool:
        consequence = if_node.child_by_field_name("consequence")
        return consequence is None or not (
            consequence.start_byte <= node.start_byte < consequence.end_byte
        )

    # -- references ------------------------------------------------------------

    def references(self, captures: dict[str, list], bound: set[str],
                   bases: list[Reference]) -> tuple[Reference, ...]:
        refs: list[Reference] = list(bases)
        called: set[int] = set()
        for fn, args in captures["call"]:
            name = self.text(fn)
            if not DOTTED.match(name) or name.split(".", 1)[0] not in bound:
                continue
            called.add(fn.start_byte)
            refs.append(self._call(fn, args, name))
        for node in captures["attr"]:
            if node.start_byte in called:
                continue
            parent = node.parent
            parent_chain = parent is not None and parent.type == "attribute"
            if parent_chain and parent.start_byte == node.start_byte:
                continue  # only the outermost chain: a.b.c, not a.b
            name = self.text(node)
            if DOTTED.match(name) and name.split(".", 1)[0] in bound:
                refs.append(Reference(name=name, line=node.start_point[0] + 1))
        refs.sort(key=lambda r: (r.line, r.name))
        return tuple(refs)

    def _call(self, fn: Node, args: Node, name: str) -> Reference:
        positional, keywords, star = 0, [], False
        for arg in args.named_children:
            if arg.type == "keyword_argument":
                key = arg.child_by_field_name("name")
                if key is not None:
                    keywords.append(self.text(key))
            elif arg.type in ("list_splat", "dictionary_splat"):
                star = True
            elif arg.type != "comment":
                positional += 1
        return Reference(name=name, line=fn.start_point[0] + 1, kind="call",
                         positional=positional, keywords=tuple(keywords), star_args=star)

    def bindings(self, captures: dict[str, list], bound: set[str]) -> list[tuple[str, str, int]]:
        out = []
        for name_node, fn in captures["bind"]:
            callee = self.text(fn)
            if DOTTED.match(callee) and callee.split(".", 1)[0] in bound:
                out.append((self.text(name_node), callee, name_node.start_point[0] + 1))
        return out

    # -- definitions -----------------------------------------------------------

    def definitions(self) -> tuple[list[Definition], tuple[str, ...] | None]:
        out: list[Definition] = []
        exports: list[str] | None = None
        for node in self._statements(self.root):
            exports = self._all(node, exports)
            out.extend(self._definition(node, prefix="", in_class=False))
        return out, (tuple(exports) if exports is not None else None)

    def _statements(self, block: Node) -> list[Node]:
        """Statements of a body, looking through if/try/with blocks (conditional definitions)."""
        out = []
        for child in block.named_children:
            if child.type in BRANCH_TYPES or child.type == "block":
                out.extend(self._statements(child))
            else:
                out.append(child)
        return out

    def _definition(self, node: Node, prefix: str, in_class: bool) -> list[Definition]:
        decorators: tuple[str, ...] = ()
        line, end = node.start_point[0] + 1, node.end_point[0] + 1  # spans include decorators
        if node.type == "decorated_definition":
            decorators = tuple(self.text(d)[1:].strip() for d in node.named_children
                               if d.type == "decorator")
            inner = node.child_by_field_name("definition")
            if inner is None:
                return []
            node = inner
        if node.type == "function_definition":
            name_node = node.child_by_field_name("name")
            if name_node is None:
                return []
            is_async = bool(node.children) and node.children[0].type == "async"
            kind = "method" if in_class else ("async_function" if is_async else "function")
            return [Definition(prefix + self.text(name_node), kind, line, end,
                               self.signature(node), decorators)]
        if node.type == "class_definition":
            return self._class(node, prefix, decorators, line)
        if node.type == "expression_statement":
            return self._assignment(node, prefix, line, end)
        return []

    def _class(self, node: Node, prefix: str, decorators: tuple[str, ...], line: int
               ) -> list[Definition]:
        name_node = node.child_by_field_name("name")
        if name_node is None:
            return []
        qualname = prefix + self.text(name_node)
        out = [Definition(qualname, "class", line, node.end_point[0] + 1, None, decorators)]
        self._bases.extend(self._class_bases(node, qualname, line))
        body = node.child_by_field_name("body")
        if body is not None:
            for child in self._statements(body):
                out.extend(self._definition(child, qualname + ".", in_class=True))
        return out

    def _class_bases(self, node: Node, qualname: str, line: int) -> list[Reference]:
        """``class K(a.Base, Mixin[T])``: one ``base`` reference per superclass.

        ``keywords`` holds the subclass's qualname and ``line`` its definition line,
        so contract checks can look a method up the (internal) hierarchy. A base
        that is not a dotted name (``with_metaclass(M)``) is recorded as ``?``.
        """
        args = node.child_by_field_name("superclasses")
        out = []
        for arg in args.named_children if args is not None else ():
            if arg.type in ("keyword_argument", "comment"):
                continue
            if arg.type == "subscript":
                arg = arg.child_by_field_name("value") or arg
            text = self.text(arg)
            out.append(Reference(name=text if DOTTED.match(text) else "?", line=line,
                                 kind="base", keywords=(qualname,)))
        return out

    def _assignment(self, node: Node, prefix: str, line: int, end: int) -> list[Definition]:
        first = node.named_children[0] if node.named_children else None
        names: list[str] = []
        while first is not None and first.type == "assignment":  # a = b = 1 binds both
            names.extend(self._targets(first.child_by_field_name("left")))
            first = first.child_by_field_name("right")
        out = []
        for name in names:
            if name == "__all__":
                continue
            kind = "constant" if name.isupper() else ("attribute" if prefix else "variable")
            out.append(Definition(prefix + name, kind, line, end))
        return out

    def _targets(self, left: Node | None) -> list[str]:
        """Names an assignment target binds: ``a``, ``a, (b, *c)``; not ``x.y`` or ``x[0]``."""
        if left is None:
            return []
        if left.type == "identifier":
            return [self.text(left)]
        if left.type in ("pattern_list", "tuple_pattern", "list_pattern", "list_splat_pattern"):
            return [n for child in left.named_children for n in self._targets(child)]
        return []

    def _all(self, node: Node, current: list[str] | None) -> list[str] | None:
        if node.type != "expression_statement" or not node.named_children:
            return current
        stmt = node.named_children[0]
        if stmt.type not in ("assignment", "augmented_assignment"):
            return current
        left, right = stmt.child_by_field_name("left"), stmt.child_by_field_name("right")
        if left is None or right is None or self.text(left) != "__all__":
            return current
        names = [self.text(s)[1:-1] for s in right.named_children if s.type == "string"]
        names = [n.strip("'\"") for n in names]
        return (current or []) + names if stmt.type == "augmented_assignment" else names

    def signature(self, fn: Node) -> Signature:
        params_node = fn.child_by_field_name("parameters")
        returns = fn.child_by_field_name("return_type")
        params: list[Param] = []
        kind = POSITIONAL_OR_KEYWORD
        for child in params_node.named_children if params_node is not None else ():
            t = child.type
            if t == "positional_separator":
                params = [Param(p.name, POSITIONAL_ONLY, p.has_default, p.annotation)
                          for p in params]
            elif t == "keyword_separator":
                kind = KEYWORD_ONLY
            elif t in ("list_splat_pattern", "dictionary_splat_pattern"):
                star = VAR_POSITIONAL if t == "list_splat_pattern" else VAR_KEYWORD
                params.append(Param(self.text(child).lstrip("*"), star))
                kind = KEYWORD_ONLY
            elif t == "typed_parameter" and child.named_children and child.named_children[
                    0].type in (
                "list_splat_pattern", "dictionary_splat_pattern"
            ):
                inner = child.named_children[0]
                star = VAR_POSITIONAL if inner.type == "list_splat_pattern" else VAR_KEYWORD
                params.append(Param(self.text(inner).lstrip("*"), star, False,
                                    self._annotation(child)))
                kind = KEYWORD_ONLY
            elif t in ("identifier", "typed_parameter", "default_parameter",
                       "typed_default_parameter"):
                params.append(self._param(child, kind))
        return Signature(tuple(params), self.text(returns) if returns is not None else None)

    def _param(self, node: Node, kind: str) -> Param:
        if node.type == "identifier":
            return Param(self.text(node), kind)
        name_node = node.child_by_field_name("name")
        if name_node is None:  # typed_parameter has no name field: the first child is the name
            name_node = node.named_children[0]
        has_default = node.type in ("default_parameter", "typed_default_parameter")
        return Param(self.text(name_node), kind, has_default, self._annotation(node))

    def _annotation(self, node: Node) -> str | None:
        type_node = node.child_by_field_name("type")
        return self.text(type_node) if type_node is not None else None

    # -- comments and errors ---------------------------------------------------

