"""The configuration as pydantic models: the public contract of driftguard.toml.

Every model forbids unknown keys and is strict (TOML types are exact, so
``"true"`` is not a boolean). Checks between fields (rules naming undeclared
modules, duplicate names) live in :mod:`driftguard.config.references`.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from pydantic_core import PydanticCustomError

from driftguard.config.fields import (
    BranchGlob,
    CodeSeverity,
    DottedGlob,
    DottedName,
    ImportPattern,
    ModuleName,
    PathGlob,
    RepoPath,
    RuleCode,
    RuleSeverity,
)


LAYER_ITEM = "layer_item"  # error type whose context names the bad layer's index


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class ModuleDef(Model):
    """A named architectural unit: files by path glob and/or packages by dotted name."""

    name: ModuleName
    paths: list[PathGlob] = []
    packages: list[DottedName] = []
    interface: Annotated[list[DottedGlob], Field(min_length=1)] | None = Field(
        None, description="what outsiders may import; omit for no declared interface")

    @model_validator(mode="after")
    def _needs_members(self) -> ModuleDef:
        if not self.paths and not self.packages:
            raise ValueError(f"module {self.name!r} needs `paths` or `packages` (or both)")
        return self


class RuleBase(Model):
    name: str | None = Field(None, description="label shown in findings")
    severity: RuleSeverity = "error"
    exclude_type_only: bool = Field(False, description="ignore `if TYPE_CHECKING:` imports")
    ignore_imports: list[ImportPattern] = []

    def references(self) -> list[tuple[tuple[str | int, ...], str]]:
        """(key path inside the rule, module name) of every module the rule names."""
        return []


def _names(key: str, names: list[str]) -> list[tuple[tuple[str | int, ...], str]]:
    return [((key, i), name) for i, name in enumerate(names)]


class LayersRule(RuleBase):
    """Higher layers (listed first) may import lower ones, never the reverse."""

    type: Literal["layers"]
    layers: Annotated[list[Union[str, list[str]]], Field(min_length=1)]
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


Rule = Annotated[Union[LayersRule, ForbiddenRule, IndependenceRule, AcyclicRule, InterfaceRule],
                 Field(discriminator="type")]
RULE_TYPES: dict[str, type[RuleBase]] = {
    "layers": LayersRule, "forbidden": ForbiddenRule, "independence": IndependenceRule,
    "acyclic": AcyclicRule, "interface": InterfaceRule,
}


class AgentDef(Model):
    """Ownership of the branches matching ``branch`` (DG106 / DG107)."""

    branch: BranchGlob
    owns: list[PathGlob] = Field([], description="paths the branch may edit (empty: any)")
    cannot_touch: list[PathGlob] = Field([], description="paths the branch must not edit")

    @model_validator(mode="after")
    def _says_something(self) -> AgentDef:
        if not self.owns and not self.cannot_touch:
            raise ValueError(f"agent {self.branch!r} needs `owns` or `cannot_touch`")
        return self


class OverlapConfig(Model):
    concurrent: list[BranchGlob] = Field([], description="branches checked against each other")


class RepoDef(Model):
    name: ModuleName
    path: str = Field(min_length=1, description="path of the repository, relative to this one")


class WorkspaceConfig(Model):
    repos: list[RepoDef] = []


class ContractsConfig(Model):
    public: list[DottedGlob] = Field(["**"], description="modules whose API is a contract")
    include_private: bool = Field(False, description="also guard _private names")


class Settings(Model):
    source_roots: list[RepoPath] | None = Field(None, description="default: detected")
    exclude: list[PathGlob] = Field([], description="paths never analysed")
    max_file_size: int = Field(2_000_000, gt=0, description="bytes; larger files are skipped")
    baseline: RepoPath | None = Field(None, description="file of known findings to ignore")


class Config(Model):
    """The whole configuration (driftguard.toml or [tool.driftguard])."""

    extends: list[str] = Field([], description="presets shipped in rules/, merged underneath")
    modules: list[ModuleDef] = []
    rules: list[Rule] = []
    agents: list[AgentDef] = []
    overlap: OverlapConfig = OverlapConfig()
    workspace: WorkspaceConfig = WorkspaceConfig()
    contracts: ContractsConfig = ContractsConfig()
    severity: dict[RuleCode, CodeSeverity] = Field(
        {}, description="per rule code override", json_schema_extra={"additionalProperties": False})
    settings: Settings = Settings()

    _source: str | None = PrivateAttr(None)

    @model_validator(mode="after")
    def _cross_check(self) -> Config:
        from driftguard.config.references import raise_reference_issues

        raise_reference_issues(self)
        return self

    @property
    def source(self) -> str | None:
        """The file the config was read from (None for defaults)."""
        return self._source

    def module(self, name: str) -> ModuleDef | None:
        return next((m for m in self.modules if m.name == name), None)
