"""Checks on raw bytes shared by all languages."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from driftguard.model.facts import Suppression

if TYPE_CHECKING:
    from collections.abc import Collection, Iterator

    from tree_sitter import Node


def decode_problem(data: bytes) -> str | None:
    """'binary' for files with NUL bytes, a warning for non-UTF-8 text, else None."""
    if b"\x00" in data[:8192]:
        return "binary"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"not valid UTF-8 (byte {exc.start}); read with replacement characters"
    return None


SUPPRESSION = re.compile(r"driftguard:\s*ignore\[([A-Za-z0-9_, ]+)\]\s*(.*)")


def suppressions_in_comments(src: bytes, root: Node, comment_types: Collection[str] = ("comment",)
                             ) -> tuple[Suppression, ...]:
    """``driftguard: ignore[DG101] reason`` in real comments (never in strings or docstrings).

    Walks the tree only when the marker occurs in the file at all, which is rare.
    """
    if b"driftguard:" not in src:
        return ()
    out = []
    for node in _comments(root, set(comment_types)):
        text = src[node.start_byte:node.end_byte].decode("utf-8", "replace")
        match = SUPPRESSION.search(text)
        if match:
            codes = tuple(c.strip().upper() for c in match.group(1).split(",") if c.strip())
            reason = match.group(2).strip().removesuffix("*/").strip()
            out.append(Suppression(node.start_point[0] + 1, codes, reason))
    return tuple(out)


def _comments(root: Node, types: set[str]) -> Iterator[Node]:
    cursor = root.walk()
    while True:
        node = cursor.node
        if node is not None and node.type in types:
            yield node
        elif cursor.goto_first_child():
            continue
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent():
                return


def syntax_warnings(root: Node) -> tuple[str, ...]:
    """One warning naming the first syntax error's line (tree-sitter keeps the rest)."""
    if not root.has_error:
        return ()
    stack, line = [root], root.start_point[0] + 1
    while stack:  # iterative: 10,000 levels of nesting must not exhaust the stack
        node = stack.pop()
        if node.is_error or node.is_missing:
            line = node.start_point[0] + 1
            break
        stack.extend(reversed([c for c in node.children if c.has_error or c.is_missing]))
    return (f"syntax error near line {line}; facts that could be read were kept",)


class SourceText:
    """What every extractor holds: the source (node texts are cheap slices of it) and the
    tree's root; plus the facts read the same way in every language."""

    def __init__(self, src: bytes, root: Node) -> None:
        self.src = src
        self.root = root

    def text(self, node: Node | None) -> str:
        if node is None:
            return ""
        return self.src[node.start_byte : node.end_byte].decode("utf-8", "replace")

    def suppressions(self) -> tuple[Suppression, ...]:
        return suppressions_in_comments(self.src, self.root)

    def syntax_warnings(self) -> tuple[str, ...]:
        return syntax_warnings(self.root)
