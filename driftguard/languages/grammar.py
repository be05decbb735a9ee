"""What every tree-sitter language shares: loading its grammar lazily, guarding extraction.

A language names its grammar wheel and its facts module; the grammar loads on
the first file of that language, so an all-Python repo never imports Go's.
"""

from __future__ import annotations

import importlib
from dataclasses import replace
from functools import cached_property
from typing import Any

from driftguard.languages.text import decode_problem
from driftguard.model.facts import FileFacts


class TreeSitterLanguage:
    name: str
    grammar: str  # the grammar wheel's module, e.g. "tree_sitter_go"
    facts_module: str  # defines QUERY_SOURCE and Extraction(src, root, matches)

    @cached_property
    def _parser_and_query(self) -> tuple[Any, Any, Any]:
        import tree_sitter

        facts = importlib.import_module(self.facts_module)
        language = tree_sitter.Language(importlib.import_module(self.grammar).language())
        query = tree_sitter.Query(language, facts.QUERY_SOURCE)
        return tree_sitter.Parser(language), query, tree_sitter.QueryCursor

    def extract(self, data: bytes) -> FileFacts:
        problem = decode_problem(data)
        if problem == "binary":
            return FileFacts(language=self.name, warnings=("binary file (NUL bytes); skipped",))
        parser, query, cursor_type = self._parser_and_query
        extraction = importlib.import_module(self.facts_module).Extraction
        tree = parser.parse(data)
        facts = extraction(data, tree.root_node, lambda n: cursor_type(query).matches(n)).run()
        if problem:
            facts = replace(facts, warnings=(problem, *facts.warnings))
        return facts  # type: ignore[no-any-return]
