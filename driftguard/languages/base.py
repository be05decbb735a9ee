"""What a language must provide: facts from bytes, module names from paths, import resolution."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from collections.abc import Collection

    from driftguard.model.facts import FileFacts, Import


class Language(Protocol):
    name: str
    extensions: tuple[str, ...]
    #: Bumped whenever extraction output changes; part of the cache key.
    version: str

    def extract(self, data: bytes) -> FileFacts:
        """Facts of one file's bytes. Never raises on bad input: warns in the facts."""

    def module_name(self, path: str, roots: Collection[str]) -> str:
        """Dotted module name of a repo-relative path, given the source roots."""

    def is_package(self, path: str) -> bool:
        """Whether the path is a package's own module (``__init__.py``, ``index.ts``)."""

    def resolve(
        self, importer: str, is_package: bool, imp: Import, known: Collection[str]
    ) -> list[tuple[str, tuple[str, ...]]]:
        """Internal targets of one import: (module, names taken from it) pairs.

        Targets not in ``known`` are external; return them too (the caller
        separates them), with the top-level name only.
        """
