"""The boundary rules of ``[[rules]]``, one model per ``type`` (a tagged union)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, field_validator
from pydantic_core import PydanticCustomError

from driftguard.config.fields import ImportPattern, Model, ModuleName, RuleSeverity

LAYER_ITEM = "layer_item"  # error type whose context names the bad layer's index


class RuleBase(Model):
    name: str | None = Field(default=None, description="label shown in findings")
    severity: RuleSeverity = "error"
    exclude_type_only: bool = Field(default=False, description="ignore `if TYPE_CHECKING:` imports")
    ignore_imports: list[ImportPattern] = []

    def references(self) -> list[tuple[tuple[str | int, ...], str]]:
        """(key path inside the rule, module name) of every module the rule names."""
        return []


def _names(key: str, names: list[str]) -> list[tuple[tuple[str | int, ...], str]]:
    return [((key, i), name) for i, name in enumerate(names)]


class LayersRule(RuleBase):
    """Higher layers (listed first) may import lower ones, never the reverse."""

    type: Literal["layers"]
    layers: Annotated[list[str | list[str]], Field(min_length=1)]
    allow_indirect: bool = False

    @field_validator("layers", mode="before")
    @classmethod
    def _shape(cls, value: Any) -> Any:
        for i, item in enumerate(value if isinstance(value, list) else []):
            if isinstance(item, list) and not item:
                raise PydanticCustomError(LAYER_ITEM, "an empty array names no module; write "
                                          "a module name or an array of sibling names",
                                          {"index": i})
            ok = isinstance(item, str) or (isinstance(item, list)
                                           and all(isinstance(x, str) for x in item))
            if not ok:
                raise PydanticCustomError(LAYER_ITEM, "expected a module name or an array of "
                                          "sibling module names", {"index": i})
        return value

    def levels(self) -> list[list[str]]:
        """Each layer as a list of sibling module names, highest first."""
        return [[item] if isinstance(item, str) else list(item) for item in self.layers]

    def references(self) -> list[tuple[tuple[str | int, ...], str]]:
        return [(("layers", i) if isinstance(item, str) else ("layers", i, j), name)
                for i, item in enumerate(self.layers)
                for j, name in enumerate([item] if isinstance(item, str) else item)]


class ForbiddenRule(RuleBase):
    """Source modules may not import target modules (directly or, by default, indirectly)."""

    type: Literal["forbidden"]
    source: Annotated[list[ModuleName], Field(min_length=1)]
    target: Annotated[list[ModuleName], Field(min_length=1)]
    allow_indirect: bool = False

    def references(self) -> list[tuple[tuple[str | int, ...], str]]:
        return _names("source", self.source) + _names("target", self.target)


class IndependenceRule(RuleBase):
    """The listed modules may not import each other."""

    type: Literal["independence"]
    modules: Annotated[list[ModuleName], Field(min_length=2)]

    def references(self) -> list[tuple[tuple[str | int, ...], str]]:
        return _names("modules", self.modules)


class AcyclicRule(RuleBase):
    """No import cycle between the listed modules (empty: all declared modules)."""

    type: Literal["acyclic"]
    modules: list[ModuleName] = []

    def references(self) -> list[tuple[tuple[str | int, ...], str]]:
        return _names("modules", self.modules)


class InterfaceRule(RuleBase):
    """Outsiders import only a module's declared interface (empty: all with an interface)."""

    type: Literal["interface"]
    modules: list[ModuleName] = []

    def references(self) -> list[tuple[tuple[str | int, ...], str]]:
        return _names("modules", self.modules)


Rule = Annotated[LayersRule | ForbiddenRule | IndependenceRule | AcyclicRule | InterfaceRule,
                 Field(discriminator="type")]
RULE_TYPES: dict[str, type[RuleBase]] = {
    "layers": LayersRule, "forbidden": ForbiddenRule, "independence": IndependenceRule,
    "acyclic": AcyclicRule, "interface": InterfaceRule,
}
