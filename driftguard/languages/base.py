"""What a language must provide: facts from bytes, module names from paths, import resolution."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Mapping

    from driftguard.model.facts import FileFacts, Import
    from driftguard.model.snapshot import Module

#: A resolved target with this prefix is external whatever its name: ``"errors"``
#: imported in Go is the standard library even beside a root ``errors.go``.
EXTERNAL = "external:"


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
        separates them), with the top-level name only, or prefixed with EXTERNAL.
        """


@dataclass(frozen=True)
class Revision:
    """The whole revision being linked, for imports that one file cannot resolve."""

    modules: Mapping[str, Module]  # every analysed file's module, with its facts
    paths: Collection[str]  # every path of the revision, analysed or not
    read: Callable[[str], bytes | None]  # a small file's bytes (go.mod); None if absent


class Resolver(Protocol):
    """One revision's import resolution. Optionally also ``imports_by_module(module)``:
    the module's imports restated with the snapshot's module names as targets, for
    languages whose imports name no module (Go import paths, Java classes, TS specifiers)."""

    def resolve(
        self, importer: str, is_package: bool, imp: Import, known: Collection[str]
    ) -> list[tuple[str, tuple[str, ...]]]: ...


class RevisionAware(Protocol):
    """Optional on a Language: resolution that needs go.mod, tsconfig.json, Java packages."""

    def for_revision(self, revision: Revision) -> Resolver: ...
