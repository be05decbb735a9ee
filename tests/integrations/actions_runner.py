"""A small stand-in for the GitHub Actions runner: runs a composite action's steps
from action.yml the way the runner does, so tests exercise the real wiring (the
`env:` names, the step ids and outputs), not a copy of it.

What it emulates: input defaults; `${{ }}` in `env`, `with`, `if`,
`working-directory` and `outputs` (references to inputs, steps.<id>.outputs,
github.* and runner.*, and `X != ''`); each `run:` written to a file and run as
`bash --noprofile --norc -eo pipefail FILE`; GITHUB_OUTPUT and GITHUB_STEP_SUMMARY
files per step; steps stop at the first failure. `uses:` steps are not run: a test
gives their outputs (and may replace any step's outputs the same way).
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
NOT_EMPTY = re.compile(r"^(.+?)\s*!=\s*''$")
BASH = ["bash", "--noprofile", "--norc", "-eo", "pipefail"]


@dataclass
class StepResult:
    id: str
    exit_code: int
    stdout: str
    stderr: str
    outputs: dict[str, str]
    summary: str


@dataclass
class ActionRun:
    steps: list[StepResult] = field(default_factory=list)
    outputs: dict[str, str] = field(default_factory=dict)
    summary: str = ""

    @property
    def exit_code(self) -> int:
        return next((s.exit_code for s in self.steps if s.exit_code), 0)

    @property
    def stdout(self) -> str:
        return "".join(s.stdout for s in self.steps)

    @property
    def stderr(self) -> str:
        return "".join(s.stderr for s in self.steps)


@dataclass
class Runner:
    action: dict[str, Any]
    action_path: Path
    workspace: Path
    temp: Path
    github: dict[str, str] = field(default_factory=dict)  # github.* context
    env: dict[str, str] = field(default_factory=dict)  # the job's environment
    timeout: float = 600

    def run(self, inputs: dict[str, str], given: dict[str, dict[str, str]]) -> ActionRun:
        """Run the steps with ``inputs``; ``given[step_id]`` are the outputs of a step
        that is not run (a `uses:` step, or one replaced by the test)."""
        context = {"inputs": self._inputs(inputs), "steps": {}}
        result = ActionRun()
        for index, step in enumerate(self.action["runs"]["steps"]):
            step_id = step.get("id", f"__{index}")
            if not self._enabled(step, context):
                context["steps"][step_id] = {"outputs": {}}
                continue
            if step_id in given or "uses" in step:
                context["steps"][step_id] = {"outputs": dict(given.get(step_id, {}))}
                continue
            outcome = self._run_step(step_id, step, context)
            result.steps.append(outcome)
            result.summary += outcome.summary
            context["steps"][step_id] = {"outputs": outcome.outputs}
            if outcome.exit_code:
                break
        result.outputs = {name: self.evaluate(spec["value"], context)
                          for name, spec in self.action.get("outputs", {}).items()}
        return result

    def _inputs(self, given: dict[str, str]) -> dict[str, str]:
        declared = self.action.get("inputs", {})
        unknown = set(given) - set(declared)
        assert not unknown, f"inputs not declared in action.yml: {sorted(unknown)}"
        values = {}
        for name, spec in declared.items():
            default = str(spec.get("default", ""))
            values[name] = given[name] if name in given else self.evaluate(default, {})
        return values

    def _enabled(self, step: dict[str, Any], context: dict[str, Any]) -> bool:
        condition = step.get("if")
        if condition is None:
            return True
        condition = EXPRESSION.sub(r"\1", str(condition)).strip()
        match = NOT_EMPTY.match(condition)
        assert match, f"condition not emulated: {condition!r}"
        return self._lookup(match.group(1).strip(), context) != ""

    def _run_step(self, step_id: str, step: dict[str, Any], context: dict[str, Any]
                  ) -> StepResult:
        folder = self.temp / "_runner" / step_id
        folder.mkdir(parents=True, exist_ok=True)
        script, outputs, summary = folder / "step.sh", folder / "output", folder / "summary"
        script.write_text(step["run"], encoding="utf-8")
        outputs.write_text("", encoding="utf-8")
        summary.write_text("", encoding="utf-8")
        env = {**os.environ, **self.env, "GITHUB_ACTION_PATH": str(self.action_path),
               "GITHUB_WORKSPACE": str(self.workspace), "GITHUB_OUTPUT": str(outputs),
               "GITHUB_STEP_SUMMARY": str(summary), "RUNNER_TEMP": str(self.temp),
               "GITHUB_ACTIONS": "true", "CI": "true",
               **{k: self.evaluate(str(v), context) for k, v in step.get("env", {}).items()}}
        cwd = self.workspace / self.evaluate(str(step.get("working-directory", ".")), context)
        assert step.get("shell") == "bash", f"step {step_id}: only shell: bash is emulated"
        done = subprocess.run([*BASH, str(script)], cwd=cwd, env=env, capture_output=True,
                              text=True, timeout=self.timeout)
        return StepResult(step_id, done.returncode, done.stdout, done.stderr,
                          parse_outputs(outputs.read_text(encoding="utf-8")),
                          summary.read_text(encoding="utf-8"))

    def evaluate(self, text: str, context: dict[str, Any]) -> str:
        return EXPRESSION.sub(lambda m: self._lookup(m.group(1), context), text)

    def _lookup(self, reference: str, context: dict[str, Any]) -> str:
        head, _, rest = reference.partition(".")
        if head == "github":
            return self.github.get(rest, "")
        if head == "runner":
            assert rest == "temp", f"not emulated: {reference}"
            return str(self.temp)
        value: Any = context
        for part in reference.split("."):
            assert isinstance(value, dict), f"not emulated: {reference}"
            value = value.get(part, "" if value is not context else None)
            assert value is not None, f"unknown context in {reference!r}"
        return str(value)


def parse_outputs(text: str) -> dict[str, str]:
    """The GITHUB_OUTPUT file format: `name=value` and `name<<DELIMITER` blocks."""
    outputs: dict[str, str] = {}
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            end = lines.index(delimiter, i)
            outputs[name] = "\n".join(lines[i:end])
            i = end + 1
        elif "=" in line:
            name, value = line.split("=", 1)
            outputs[name] = value
    return outputs
