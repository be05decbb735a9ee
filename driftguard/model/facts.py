"""Per-file facts a language extractor produces.

Facts depend only on a blob's bytes (never on its path), so they can be cached
by blob id. Resolving module names and relative imports happens later, when a
Snapshot is built from (path, facts) pairs.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# Parameter kinds, mirroring inspect.Parameter.kind names.
POSITIONAL_ONLY = "positional_only"
POSITIONAL_OR_KEYWORD = "positional_or_keyword"
VAR_POSITIONAL = "var_positional"
KEYWORD_ONLY = "keyword_only"
VAR_KEYWORD = "var_keyword"


@dataclass(frozen=True)
class Param:
    name: str
    kind: str
    has_default: bool = False
    annotation: str | None = None


@dataclass(frozen=True)
class Signature:
    params: tuple[Param, ...] = ()
    returns: str | None = None

    def render(self) -> str:
        parts = []
        for p in self.params:
            prefix = {VAR_POSITIONAL: "*", VAR_KEYWORD: "**"}.get(p.kind, "")
            text = prefix + p.name
            if p.annotation:
                text += f": {p.annotation}"
            if p.has_default:
                text += "=..."
            parts.append(text)
        ret = f" -> {self.returns}" if self.returns else ""
        return f"({', '.join(parts)}){ret}"


@dataclass(frozen=True)
class Import:
    """One imported target as written in the source.

    ``module`` is the dotted target as written (without leading dots); ``level``
    is the number of leading dots of a relative import. ``names`` are the names
    taken from it (``from m import a, b``), empty for ``import m``.
    """

    module: str
    line: int
    level: int = 0
    names: tuple[str, ...] = ()
    alias: str | None = None
    type_only: bool = False
    in_function: bool = False
    conditional: bool = False


@dataclass(frozen=True)
class Definition:
    """A named definition: ``qualname`` is dotted within the module (``Cls.meth``)."""

    qualname: str
    kind: str  # function | async_function | class | method | constant | variable
    line: int
    end_line: int
    signature: Signature | None = None
    decorators: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return self.qualname.rsplit(".", 1)[-1]

    @property
    def is_private(self) -> bool:
        return any(
            part.startswith("_") and not (part.startswith("__") and part.endswith("__"))
            for part in self.qualname.split(".")
        )


@dataclass(frozen=True)
class Reference:
    """A use of a dotted name: a call ``a.b(x, key=1)`` or an attribute chain ``a.b``."""

    name: str
    line: int
    kind: str = "attr"  # call | attr | base (a class's superclass; keywords hold the subclass)
    positional: int = 0
    keywords: tuple[str, ...] = ()
    star_args: bool = False


@dataclass(frozen=True)
class Suppression:
    """An inline ``driftguard: ignore[CODE,...] reason`` comment."""

    line: int
    codes: tuple[str, ...]
    reason: str = ""


@dataclass(frozen=True)
class FileFacts:
    language: str
    imports: tuple[Import, ...] = ()
    definitions: tuple[Definition, ...] = ()
    references: tuple[Reference, ...] = ()
    bindings: tuple[tuple[str, str, int], ...] = ()  # (local name, dotted callee, line): x = Foo()
    exports: tuple[str, ...] | None = None  # __all__ (None when not declared)
    suppressions: tuple[Suppression, ...] = ()
    warnings: tuple[str, ...] = ()
    package: str | None = None  # the declared package (Java ``package a.b;``, Go ``package b``)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FileFacts:
        def sig(d: dict[str, Any] | None) -> Signature | None:
            if d is None:
                return None
            return Signature(tuple(Param(**p) for p in d["params"]), d.get("returns"))

        return cls(
            language=data["language"],
            imports=tuple(
                Import(**{**i, "names": tuple(i["names"])}) for i in data["imports"]
            ),
            definitions=tuple(
                Definition(
                    qualname=d["qualname"],
                    kind=d["kind"],
                    line=d["line"],
                    end_line=d["end_line"],
                    signature=sig(d["signature"]),
                    decorators=tuple(d["decorators"]),
                )
                for d in data["definitions"]
            ),
            references=tuple(
                Reference(**{**r, "keywords": tuple(r["keywords"])}) for r in data["references"]
            ),
            bindings=tuple(tuple(b) for b in data["bindings"]),  # type: ignore[misc]
            exports=None if data["exports"] is None else tuple(data["exports"]),
            suppressions=tuple(
                Suppression(s["line"], tuple(s["codes"]), s["reason"])
                for s in data["suppressions"]
            ),
            warnings=tuple(data["warnings"]),
            package=data.get("package"),
        )


@dataclass(frozen=True)
class SourceFile:
    """A file of one revision: repo-relative path (forward slashes) and its blob."""

    path: str
    blob_id: str
    size: int = 0
    data: bytes | None = field(default=None, repr=False, compare=False)
