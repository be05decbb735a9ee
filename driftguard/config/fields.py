"""Validated string types of the config: each rejects bad input with a message naming the fix."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from driftguard.config import globs


def _path_glob(value: str) -> str:
    globs.compile_path_glob(value)
    return value


def _branch_glob(value: str) -> str:
    globs.compile_branch_glob(value)
    return value


def _dotted_glob(value: str) -> str:
    globs.compile_dotted_glob(value)
    return value


def _import_pattern(value: str) -> str:
    globs.split_import_pattern(value)
    return value


def _module_name(value: str) -> str:
    if not value.strip() or value != value.strip():
        raise ValueError(f"{value!r} is not a module name: it is empty or has spaces around it")
    return value


def _rule_code(value: str) -> str:
    if not re.fullmatch(r"DG\d{3}", value):
        raise ValueError(f"{value!r} is not a rule code "
                         "(like 'DG101'; `driftguard rules` lists them)")
    return value


PathGlob = Annotated[str, AfterValidator(_path_glob),
                     Field(description="repo-relative path glob: *, ?, [...], ** (any depth)")]
RepoPath = Annotated[str, AfterValidator(globs.check_relative),
                     Field(description="path relative to the repository root")]
BranchGlob = Annotated[str, AfterValidator(_branch_glob),
                       Field(description="branch glob; * also matches '/'")]
DottedName = Annotated[str, AfterValidator(globs.check_dotted_name),
                       Field(description="dotted module name; covers its children too")]
DottedGlob = Annotated[str, AfterValidator(_dotted_glob),
                       Field(description="dotted name or glob: * one segment, ** one or more")]
ImportPattern = Annotated[str, AfterValidator(_import_pattern),
                          Field(description="'importer -> imported', dotted globs")]
ModuleName = Annotated[str, AfterValidator(_module_name),
                       Field(description="name of a declared [[modules]] entry")]
RuleCode = Annotated[str, AfterValidator(_rule_code),
                     Field(json_schema_extra={"pattern": r"^DG\d{3}$"})]

RuleSeverity = Literal["error", "warning", "off"]
CodeSeverity = Literal["error", "warning", "info", "off"]


class Model(BaseModel):
    """Base of every config model: unknown keys are errors, TOML types are exact."""

    model_config = ConfigDict(extra="forbid", strict=True)
