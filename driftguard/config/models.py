"""The configuration as pydantic models: the public contract of driftguard.toml.

Every model forbids unknown keys and is strict (TOML types are exact, so
``"true"`` is not a boolean). Checks between fields (rules naming undeclared
modules, duplicate names) live in :mod:`driftguard.config.references`; the rule
models in :mod:`driftguard.config.rule_models`.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, PrivateAttr, model_validator

from driftguard.config.fields import (
    BranchGlob,
    CodeSeverity,
    DottedGlob,
    DottedName,
    Model,
    ModuleName,
    PathGlob,
    RepoPath,
    RuleCode,
)
from driftguard.config.rule_models import (
    RULE_TYPES,
    AcyclicRule,
    ForbiddenRule,
    IndependenceRule,
    InterfaceRule,
    LayersRule,
    Rule,
    RuleBase,
)

__all__ = [
    "RULE_TYPES", "AcyclicRule", "AgentDef", "Config", "ContractsConfig", "ForbiddenRule",
    "IndependenceRule", "InterfaceRule", "LayersRule", "ModuleDef", "OverlapConfig", "RepoDef",
    "Rule", "RuleBase", "Settings", "WorkspaceConfig",
]

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


class AgentDef(Model):
    """Ownership of the branches matching ``branch`` (DG106 / DG107)."""

    branch: BranchGlob
    owns: list[PathGlob] = Field(default=[], description="paths the branch may edit (empty: any)")
    cannot_touch: list[PathGlob] = Field(default=[], description="paths the branch must not edit")

    @model_validator(mode="after")
    def _says_something(self) -> AgentDef:
        if not self.owns and not self.cannot_touch:
            raise ValueError(f"agent {self.branch!r} needs `owns` or `cannot_touch`")
        return self


class OverlapConfig(Model):
    concurrent: list[BranchGlob] = Field(
        default=[], description="branches checked against each other")


class RepoDef(Model):
    name: ModuleName
    path: str = Field(min_length=1, description="path of the repository, relative to this one")


class WorkspaceConfig(Model):
    repos: list[RepoDef] = []


class ContractsConfig(Model):
    public: list[DottedGlob] = Field(default=["**"], description="modules whose API is a contract")
    include_private: bool = Field(default=False, description="also guard _private names")


class Settings(Model):
    source_roots: list[RepoPath] | None = Field(default=None, description="default: detected")
    exclude: list[PathGlob] = Field(default=[], description="paths never analysed")
    max_file_size: int = Field(
        default=2_000_000, gt=0, description="bytes; larger files are skipped")
    baseline: RepoPath | None = Field(default=None, description="file of known findings to ignore")


class Config(Model):
    """The whole configuration (driftguard.toml or [tool.driftguard])."""

    extends: list[str] = Field(
        default=[], description="presets shipped in rules/, merged underneath")
    modules: list[ModuleDef] = []
    rules: list[Rule] = []
    agents: list[AgentDef] = []
    overlap: OverlapConfig = OverlapConfig()
    workspace: WorkspaceConfig = WorkspaceConfig()
    contracts: ContractsConfig = ContractsConfig()
    severity: dict[RuleCode, CodeSeverity] = Field(
        default={}, description="per rule code override",
        json_schema_extra={"additionalProperties": False})
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
