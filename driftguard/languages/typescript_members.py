"""Members and signatures of exported TypeScript/JavaScript declarations.

TypeScript has no keyword arguments: every parameter is positional-only, so a
renamed parameter is compatible and only counts and optionality matter.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from driftguard.model.facts import (
    POSITIONAL_ONLY,
    VAR_POSITIONAL,
    Definition,
    Param,
    Reference,
    Signature,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from tree_sitter import Node

    from driftguard.languages.typescript_defs import Definitions, Interface

CLASSES = {"class_declaration", "abstract_class_declaration", "class"}
FUNCTION_VALUES = {"arrow_function", "function_expression", "function", "generator_function"}
HIDDEN = {"private", "protected"}


def dotted(node: Node, text: Callable[[Node], str]) -> str | None:
    """``a.b.c`` for identifier/member chains (value or type position), else None."""
    parts = []
    while True:
        kind = node.type
        if kind in ("identifier", "type_identifier", "property_identifier"):
            parts.append(text(node))
            return ".".join(reversed(parts))
        if kind == "generic_type":
            inner = node.child_by_field_name("name")
        elif kind in ("member_expression", "nested_identifier"):
            prop = node.child_by_field_name("property")
            if prop is None or prop.type != "property_identifier":
                return None
            parts.append(text(prop))
            inner = node.child_by_field_name("object")
        elif kind == "nested_type_identifier":
            name = node.child_by_field_name("name")
            parts.append(text(name) if name is not None else "")
            inner = node.child_by_field_name("module")
        else:
            return None
        if inner is None:
            return None
        node = inner


def members(defs: Definitions, qualname: str, target: Node, out: Interface) -> None:
    """Definitions ``qualname.member`` for the members of a class, interface, type or enum."""
    kind = target.type
    if kind in CLASSES:
        out.definitions.extend(_class_members(defs, qualname, target))
        out.bases.extend(_bases(defs, qualname, target))
        return
    if kind == "interface_declaration":
        out.bases.extend(_bases(defs, qualname, target))
        body = target.child_by_field_name("body")
    elif kind == "type_alias_declaration":
        body = target.child_by_field_name("value")
        body = body if body is not None and body.type == "object_type" else None
    elif kind == "enum_declaration":
        body = target.child_by_field_name("body")
    else:
        body = target if kind == "object" else None
    for child in body.named_children if body is not None else ():
        found = _member(defs, child)
        if found is not None:
            name, member_kind, signature = found
            out.definitions.append(Definition(f"{qualname}.{name}", member_kind,
                                              child.start_point[0] + 1, child.end_point[0] + 1,
                                              signature))


def _member(defs: Definitions, node: Node) -> tuple[str, str, Signature | None] | None:
    """(name, kind, signature) of one member of an interface, object type, enum or object."""
    kind = node.type
    name = node.child_by_field_name("name") or node.child_by_field_name("key")
    if kind in ("property_identifier", "shorthand_property_identifier"):
        in_enum = node.parent is not None and node.parent.type == "enum_body"
        return defs.text(node), ("constant" if in_enum else "attribute"), None
    if name is None or name.type not in ("property_identifier", "string", "number"):
        return None
    text = defs.text(name).strip("'\"")
    if kind == "property_signature":
        return text, "field", None
    if kind == "enum_assignment":
        return text, "constant", None
    if kind in ("method_signature", "method_definition"):
        return text, "method", signature(defs, node)
    if kind == "pair":
        value = node.child_by_field_name("value")
        if value is not None and value.type in FUNCTION_VALUES:
            return text, "method", signature(defs, value)
        return text, "attribute", None
    return None


def _class_members(defs: Definitions, qualname: str, cls: Node) -> Iterator[Definition]:
    body = cls.child_by_field_name("body")
    decorators: list[str] = []
    for child in body.named_children if body is not None else ():
        if child.type == "decorator":  # a method's decorators precede it in the body
            decorators.append(defs.text(child)[1:].strip())
            continue
        found = _class_member(defs, child)
        own = [defs.text(d)[1:].strip() for d in child.children if d.type == "decorator"]
        if found is not None:
            name, kind, sig = found
            yield Definition(f"{qualname}.{name}", kind, child.start_point[0] + 1,
                             child.end_point[0] + 1, sig, tuple(decorators + own))
        decorators = []


def _class_member(defs: Definitions, node: Node) -> tuple[str, str, Signature | None] | None:
    name = node.child_by_field_name("name")
    if name is None or name.type not in ("property_identifier", "string", "number"):
        return None  # #private, [computed]
    if any(c.type == "accessibility_modifier" and defs.text(c) in HIDDEN for c in node.children):
        return None
    text = defs.text(name).strip("'\"")
    if text == "constructor":
        return None  # the class's own signature
    if node.type in ("method_definition", "method_signature", "abstract_method_signature"):
        accessor = any(c.type in ("get", "set") for c in node.children)
        return text, ("attribute" if accessor else "method"), (
            None if accessor else signature(defs, node))
    if node.type == "public_field_definition":
        value = node.child_by_field_name("value")
        if value is not None and value.type in FUNCTION_VALUES:
            return text, "method", signature(defs, value)
        return text, "attribute", None
    return None


def _bases(defs: Definitions, qualname: str, node: Node) -> Iterator[Reference]:
    """``class K extends a.Base`` / ``interface I extends A, B``: ``base`` references."""
    line = node.start_point[0] + 1
    for child in node.named_children:
        found: list[Node | None]
        if child.type == "class_heritage":
            found = [c.child_by_field_name("value") for c in child.named_children
                     if c.type == "extends_clause"]
        elif child.type == "extends_type_clause":
            found = list(child.children_by_field_name("type"))
        else:
            continue
        for base in found:
            name = dotted(base, defs.text) if base is not None else None
            yield Reference(name=name or "?", line=line, kind="base", keywords=(qualname,))


def class_signature(defs: Definitions, cls: Node) -> Signature | None:
    """The constructor's parameters: ``new K(a, b)`` is a call of the class."""
    body = cls.child_by_field_name("body")
    for child in body.named_children if body is not None else ():
        name = child.child_by_field_name("name")
        if child.type == "method_definition" and name is not None and (
                defs.text(name) == "constructor"):
            return signature(defs, child)
    return None


def signature(defs: Definitions, fn: Node) -> Signature:
    params_node = fn.child_by_field_name("parameters")
    single = fn.child_by_field_name("parameter")  # x => x
    returns = fn.child_by_field_name("return_type")
    params: list[Param] = []
    if single is not None:
        params.append(Param(defs.text(single), POSITIONAL_ONLY))
    for child in params_node.named_children if params_node is not None else ():
        param = _param(defs, child)
        if param is not None:
            params.append(param)
    return Signature(tuple(params), _type_text(defs, returns))


def _param(defs: Definitions, node: Node) -> Param | None:
    if node.type not in ("required_parameter", "optional_parameter"):
        return None
    pattern = node.child_by_field_name("pattern")
    if pattern is None or pattern.type == "this":
        return None  # function f(this: Window): a type for `this`, not an argument
    annotation = _type_text(defs, node.child_by_field_name("type"))
    if pattern.type == "rest_pattern":
        inner = pattern.named_children[0] if pattern.named_children else pattern
        return Param(defs.text(inner), VAR_POSITIONAL, False, annotation)
    has_default = node.type == "optional_parameter" or node.child_by_field_name("value") is not None
    name = " ".join(defs.text(pattern).split())  # destructured: {a, b}
    return Param(name, POSITIONAL_ONLY, has_default, annotation)


def _type_text(defs: Definitions, node: Node | None) -> str | None:
    if node is None:
        return None
    text = defs.text(node)
    return " ".join((text[1:] if text.startswith(":") else text).split()) or None
