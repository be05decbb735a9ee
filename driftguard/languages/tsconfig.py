"""A revision's TypeScript project files: tsconfig.json aliases and workspace packages.

``compilerOptions.paths``/``baseUrl`` (following relative ``extends``) apply to
the files below the tsconfig.json or jsconfig.json that declares them, the
nearest one winning. Every package.json outside node_modules with a ``name``
is a workspace package: importing that name means its entry module.
"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Iterator

CONFIG_NAMES = ("tsconfig.json", "jsconfig.json")
ENTRY_FIELDS = ("source", "types", "typings", "module", "main")
BUILD_FOLDERS = ("dist/", "lib/", "build/", "out/")  # entries point at builds; source is in src/
MAX_EXTENDS = 5
_STRINGS_OR_COMMENTS = re.compile(r'"(?:\\.|[^"\\])*"|//[^\n]*|/\*.*?\*/', re.S)
_STRINGS_OR_TRAILING_COMMAS = re.compile(r'"(?:\\.|[^"\\])*"|,(?=\s*[}\]])')

@dataclass(frozen=True)
class AliasScope:
    folder: str  # the tsconfig's folder: it applies to files below
    base_url: str | None  # repo-relative
    paths: tuple[tuple[str, tuple[str, ...]], ...] = ()  # pattern -> repo-relative targets


@dataclass(frozen=True)
class Project:
    scopes: tuple[AliasScope, ...] = ()  # deepest folder first
    packages: dict[str, tuple[str, ...]] = field(default_factory=dict)  # name -> entry paths

    def scope_for(self, folder: str) -> AliasScope | None:
        return next((s for s in self.scopes if _inside(folder, s.folder)), None)

    def alias_targets(self, spec: str, folder: str) -> tuple[list[str], bool]:
        """Paths ``spec`` may mean through tsconfig, and whether a ``paths`` pattern matched
        (then the import is internal even when no candidate exists)."""
        scope = self.scope_for(folder)
        if scope is None:
            return [], False
        star = _best_pattern(spec, [p for p, _ in scope.paths])
        out: list[str] = []
        if star is not None:
            pattern, captured = star
            targets = dict(scope.paths)[pattern]
            out = [t.replace("*", captured, 1) for t in targets]
        if scope.base_url is not None:
            out.append(_join(scope.base_url, spec))
        return out, star is not None and star[0] != "*"

    def package_targets(self, spec: str) -> list[str] | None:
        name, _, sub = _split_package(spec)
        entries = self.packages.get(name)
        if entries is None:
            return None
        if not sub:
            return list(entries)
        folder = entries[-1]
        return [_join(folder, sub), _join(folder, "src/" + sub)]


def load_project(paths: Collection[str], read: Callable[[str], bytes | None]) -> Project:
    configs = [p for p in paths if posixpath.basename(p) in CONFIG_NAMES and _source_path(p)]
    scopes = [scope for p in configs if (scope := _alias_scope(p, read)) is not None]
    scopes.sort(key=lambda s: -len(s.folder.split("/")) if s.folder else 0)
    packages: dict[str, tuple[str, ...]] = {}
    for path in sorted(p for p in paths if posixpath.basename(p) == "package.json"):
        manifest = loads_jsonc(read(path)) if _source_path(path) else None
        if isinstance(manifest, dict) and isinstance(manifest.get("name"), str):
            packages.setdefault(manifest["name"], _entries(posixpath.dirname(path), manifest))
    return Project(tuple(scopes), packages)


def loads_jsonc(data: bytes | None) -> Any:
    """JSON with comments and trailing commas (tsconfig.json's dialect); None if unreadable."""
    if data is None:
        return None
    text = data.decode("utf-8", "replace").lstrip("\ufeff")
    text = _STRINGS_OR_COMMENTS.sub(lambda m: m[0] if m[0].startswith('"') else " ", text)
    text = _STRINGS_OR_TRAILING_COMMAS.sub(lambda m: m[0] if m[0].startswith('"') else "", text)
    try:
        return json.loads(text)
    except ValueError:
        return None


def _alias_scope(path: str, read: Callable[[str], bytes | None]) -> AliasScope | None:
    options = _options(path, read, 0)
    base_url = options.get("baseUrl")
    paths = options.get("paths")
    if base_url is None and paths is None:
        return None
    relative_to = base_url if base_url is not None else options.get("pathsFolder", "")
    aliases = tuple((pattern, tuple(_join(relative_to, t) for t in targets
                                    if isinstance(t, str)))
                    for pattern, targets in (paths or {}).items() if isinstance(targets, list))
    return AliasScope(posixpath.dirname(path), base_url, aliases)


def _options(path: str, read: Callable[[str], bytes | None], depth: int) -> dict[str, Any]:
    """baseUrl and paths of a tsconfig after its ``extends`` chain, as repo-relative paths."""
    config = loads_jsonc(read(path)) if depth <= MAX_EXTENDS else None
    if not isinstance(config, dict):
        return {}
    folder = posixpath.dirname(path)
    out: dict[str, Any] = {}
    for parent in _extends(folder, config.get("extends")):
        out.update(_options(parent, read, depth + 1))
    options = config.get("compilerOptions")
    options = options if isinstance(options, dict) else {}
    if isinstance(options.get("baseUrl"), str):
        out["baseUrl"] = _join(folder, options["baseUrl"])
    if isinstance(options.get("paths"), dict):
        out["paths"], out["pathsFolder"] = options["paths"], folder
    return out


def _extends(folder: str, value: object) -> Iterator[str]:
    for entry in [value] if isinstance(value, str) else value if isinstance(value, list) else []:
        if isinstance(entry, str) and entry.startswith("."):  # packages (@tsconfig/...) skipped
            target = _join(folder, entry)
            yield target if target.endswith(".json") else target + ".json"


def _entries(folder: str, manifest: dict[str, Any]) -> tuple[str, ...]:
    """Candidate entry paths of a workspace package; the last one is its folder."""
    exports = manifest.get("exports")
    if isinstance(exports, dict):
        exports = exports.get(".", exports)
    declared = [manifest.get(key) for key in ENTRY_FIELDS] + _strings(exports)
    out: list[str] = []
    for entry in (e for e in declared if isinstance(e, str)):
        path = _join(folder, entry)
        out.append(path)
        relative = posixpath.normpath(entry)
        for build in BUILD_FOLDERS:
            if relative.startswith(build):
                out.append(_join(folder, "src/" + relative[len(build):]))
    return (*out, _join(folder, "src"), folder)


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    return []


def _best_pattern(spec: str, patterns: list[str]) -> tuple[str, str] | None:
    """TypeScript's rule: an exact pattern, else the ``*`` pattern with the longest prefix."""
    if spec in patterns:
        return spec, ""
    best: tuple[str, str] | None = None
    for pattern in patterns:
        prefix, star, suffix = pattern.partition("*")
        if star and spec.startswith(prefix) and spec.endswith(suffix) and (
                len(spec) >= len(prefix) + len(suffix)) and (
                best is None or len(prefix) > len(best[0].partition("*")[0])):
            best = pattern, spec[len(prefix):len(spec) - len(suffix)]
    return best


def _split_package(spec: str) -> tuple[str, str, str]:
    """``@scope/pkg/sub/path`` -> (``@scope/pkg``, "/", ``sub/path``)."""
    parts = spec.split("/", 2 if spec.startswith("@") else 1)
    if spec.startswith("@") and len(parts) >= 2:
        return f"{parts[0]}/{parts[1]}", "/", parts[2] if len(parts) > 2 else ""
    return parts[0], "/", parts[1] if len(parts) > 1 else ""


def package_name(spec: str) -> str:
    return _split_package(spec)[0]


def _join(folder: str, relative: str) -> str:
    joined = posixpath.normpath(posixpath.join(folder, relative))
    return "" if joined == "." else joined


def _inside(path: str, folder: str) -> bool:
    return not folder or path == folder or path.startswith(folder + "/")


def _source_path(path: str) -> bool:
    return "node_modules/" not in path and not path.startswith("node_modules")
