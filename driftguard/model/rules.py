"""The catalogue of rule codes: name, default severity and documentation.

Pure data, so checks, reporters (SARIF rule entries, help text) and the CLI
(`driftguard rules`, `driftguard explain`) share one source of truth.
"""

from __future__ import annotations

from dataclasses import dataclass

DOCS_URL = "https://github.com/driftguard/driftguard/blob/main/docs/rules.md#"


@dataclass(frozen=True)
class RuleInfo:
    code: str
    name: str
    summary: str
    severity: str
    why: str
    fix: str

    @property
    def help_uri(self) -> str:
        return DOCS_URL + self.code.lower()


def _r(code: str, name: str, summary: str, severity: str, why: str, fix: str) -> RuleInfo:
    return RuleInfo(code, name, summary, severity, why, fix)


CATALOGUE: dict[str, RuleInfo] = {
    r.code: r
    for r in (
        _r("DG001", "unused-suppression", "An ignore comment suppresses nothing any more.",
           "warning", "Stale suppressions hide the next real violation on that line.",
           "Delete the `driftguard: ignore[...]` comment."),
        _r("DG101", "layers", "A lower layer imports a higher layer (directly or via a chain).",
           "error", "Layers keep dependencies pointing one way; an upward import couples "
           "the foundation to what is built on it.",
           "Move the shared code down a layer, or invert the dependency (callback, protocol)."),
        _r("DG102", "forbidden", "A module imports a module it is forbidden to import.",
           "error", "A forbidden contract records a dependency the architecture rules out.",
           "Remove the import, or route it through an allowed module."),
        _r("DG103", "independence", "Two modules declared independent import each other.",
           "error", "Independent modules must be changeable and deployable on their own.",
           "Move the shared part into a module both may import."),
        _r("DG104", "cycle", "The change introduces an import cycle between modules.",
           "error", "Cycles make modules impossible to understand, test or split alone.",
           "Break the cycle: move the shared code, or depend on an interface."),
        _r("DG105", "interface", "An import reaches past a module's declared interface.",
           "error", "Outsiders that use internals break when the owner refactors.",
           "Import from the module's declared interface, or ask its owner to export it."),
        _r("DG106", "ownership", "The branch edits a file outside the paths it owns.",
           "error", "Parallel agents stay out of each other's way by owning disjoint paths.",
           "Revert the edit, or hand it to the branch that owns the path."),
        _r("DG107", "cannot-touch", "The branch edits a path it must not touch.",
           "error", "Some paths are reserved for other branches or for people.",
           "Revert the edit of that path."),
        _r("DG201", "symbol-removed", "A public symbol was removed or renamed while still used.",
           "error", "Every consumer of the old name breaks when the change merges.",
           "Keep the old name (an alias or re-export), or update every consumer."),
        _r("DG202", "signature-changed", "A signature changed incompatibly while still called.",
           "error", "Callers that pass the removed or renamed parameter break.",
           "Keep the old parameter (deprecated) or update the callers."),
        _r("DG203", "module-removed", "A module was removed or moved while still imported.",
           "error", "Every importer of the old module path fails at import time.",
           "Leave a re-exporting module at the old path, or update the importers."),
        _r("DG204", "missing-name", "An import names something that does not exist.",
           "error", "The import fails at run time.",
           "Import an existing name, or add the definition."),
        _r("DG205", "cross-repo-break", "A consumer in another repository of the workspace "
           "is broken.", "error", "Contracts between repositories break silently in CI "
           "of the provider.", "Coordinate the change with the consuming repository."),
        _r("DG301", "same-file", "Two concurrent branches edit the same file.",
           "info", "Edits of one file by two agents need a careful merge.",
           "Merge one branch first and rebase the other."),
        _r("DG302", "same-symbol", "Two concurrent branches edit the same symbol.",
           "warning", "Two agents changing one function rarely agree on its behaviour.",
           "Have one branch own the symbol; rebase the other on it."),
        _r("DG303", "merge-conflict", "Two concurrent branches will conflict textually.",
           "error", "The merge will stop with a conflict someone must resolve by hand.",
           "Merge one branch, rebase the other and resolve the conflict there."),
        _r("DG304", "semantic-conflict", "One branch changes an interface another branch "
           "newly depends on.", "error", "Each branch passes alone; together they break.",
           "Merge the interface change first, then update the dependant branch."),
        _r("DG305", "same-new-name", "Two concurrent branches add the same new name in one "
           "module.", "warning", "The second definition silently replaces the first.",
           "Rename one of them, or merge one branch first and reuse its definition."),
        _r("DG401", "new-dependency", "A new cross-module dependency since the baseline.",
           "info", "Coupling grows one import at a time.",
           "Review whether the dependency belongs in the architecture."),
        _r("DG402", "coupling-growth", "Coupling of a module grew since the baseline.",
           "warning", "Growing fan-in or fan-out makes a module harder to change.",
           "Split the module or narrow its interface."),
        _r("DG403", "new-cycle", "A new cycle since the baseline.",
           "warning", "Cycles make modules impossible to change alone.",
           "Break the cycle."),
    )
}
