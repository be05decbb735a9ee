"""`driftguard report`: the nightly drift report across the repositories of a workspace."""

from __future__ import annotations

import argparse
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterator

OUTPUTS = ("html", "markdown", "json")


def register(sub: Any) -> argparse.ArgumentParser:
    parser = sub.add_parser(
        "report", help="drift report across the workspace's repositories",
        description="For every repository of the workspace: new dependencies between its "
        "units, coupling growth and new cycles since the previous run (DG401-DG403), "
        "contracts it broke for consumers in other repositories (DG205), and collisions "
        "between its open branches (DG30x). Each run is recorded in a history file, so the "
        "next run reports only new drift and the HTML report draws trends.")
    add = parser.add_argument
    add("--workspace", metavar="FILE", help="a TOML file with [[workspace.repos]] (name, path "
        "relative to the file); default: [workspace] of driftguard.toml, else the repository")
    add("--html", metavar="FILE", help="write the self-contained HTML report here")
    add("--markdown", metavar="FILE", help="write the Markdown report here")
    add("--json", metavar="FILE", help="write the JSON report here")
    add("--history", metavar="FILE", help="history file (default: history.sqlite3 beside the "
        "first repository's facts cache)")
    add("--merge", nargs="+", metavar="SNAPSHOT", default=[], help="join --snapshot-out files "
        "(one CI job per repository) into this report")
    add("--snapshot-out", metavar="FILE", help="write the repositories' summaries for a later "
        "--merge instead of a report")
    add("--name", help="name of the repository when there is no workspace (default: its folder)")
    add("--since", metavar="REF", help="compare with this revision instead of the last run")
    add("--no-record", action="store_true", help="do not add this run to the history")
    add("--fail-on", choices=("error", "warning", "never"), default="never",
        help="exit 1 when a finding is at or above this severity (default: never)")
    add("--quiet", "-q", action="store_true", help="hide warnings")
    return parser


def run(args: argparse.Namespace) -> int:
    from driftguard.cli.common import exit_code, print_warnings, write_output
    from driftguard.engine_report import ReportRequest, report, summaries
    from driftguard.errors import DriftguardError

    if args.snapshot_out and (args.merge or any(getattr(args, f) for f in OUTPUTS)):
        raise DriftguardError("--snapshot-out writes summaries for a later --merge, no report",
                              "Run --snapshot-out per repository, then one report with "
                              "--merge FILE ... and the output options.")
    repos = _repositories(args)
    request = ReportRequest(repos, _history(args, repos), _merged(args.merge), args.since,
                            not args.no_record)
    with _progress() as progress:
        if args.snapshot_out:
            found, warnings = summaries(request, _opener, progress)
            write_output(_snapshot_text(found), args.snapshot_out)
            print_warnings([*warnings, *(w for s in found for w in s.warnings)], args.quiet)
            return 0
        result = report(request, _opener, progress)
    for fmt in OUTPUTS:
        if getattr(args, fmt):
            write_output(_render(result, fmt, args.fail_on), getattr(args, fmt))
    if not any(getattr(args, fmt) for fmt in OUTPUTS):
        write_output(_render(result, "text", args.fail_on), None)
    print_warnings(result.warnings, args.quiet)
    return exit_code(result, args.fail_on)


def _repositories(args: argparse.Namespace) -> list[tuple[str, Path]]:
    """The workspace file's repositories, else driftguard.toml's, else the repository itself."""
    from driftguard.config.loader import load_config_file
    from driftguard.errors import DriftguardError

    if args.merge and not args.workspace:
        return []
    source = _workspace_file(args)
    entries = list(load_config_file(source).workspace.repos) if source is not None else []
    if args.workspace and not entries:
        raise DriftguardError(f"{args.workspace} names no repositories",
                              "Add [[workspace.repos]] entries with name and path.")
    if entries and args.name:
        raise DriftguardError("--name names the repository of a one-repository report",
                              "The workspace file names its repositories; drop --name.")
    if source is not None and entries:
        return [(r.name, (source.resolve().parent / r.path).resolve()) for r in entries]
    path = Path(args.repo).resolve()
    return [(args.name or path.name, path)]


def _workspace_file(args: argparse.Namespace) -> Path | None:
    from driftguard.config.loader import find_config
    from driftguard.errors import DriftguardError

    if not args.workspace:
        return find_config(Path(args.repo))
    if not Path(args.workspace).is_file():
        raise DriftguardError(f"no workspace file {args.workspace}",
                              "Pass --workspace FILE: a TOML file with [[workspace.repos]] "
                              "entries (name, path relative to the file).")
    return Path(args.workspace)


def _history(args: argparse.Namespace, repos: list[tuple[str, Path]]) -> Path | None:
    from driftguard.cache.history import default_path
    from driftguard.errors import GitError
    from driftguard.gitio import GitRepo

    if args.history:
        return Path(args.history)
    if not repos:
        return None
    try:
        return default_path(GitRepo.open(repos[0][1]).common_dir)
    except GitError:
        return None  # the report itself names the missing repository


def _merged(paths: list[str]) -> list[Any]:
    import json

    from driftguard.errors import DriftguardError
    from driftguard.report.summary import read_snapshot_file

    out = []
    for name in paths:
        try:
            out += read_snapshot_file(json.loads(Path(name).read_text(encoding="utf-8")))
        except (OSError, ValueError) as exc:
            raise DriftguardError(f"cannot merge {name}: {exc}",
                                  "Pass files written by `driftguard report --snapshot-out "
                                  "FILE` (one per repository).") from exc
    return out


def _opener(path: Path) -> Any:
    from driftguard.cli.session import open_session

    return open_session(argparse.Namespace(repo=str(path), config=None, no_cache=False))


def _snapshot_text(found: list[Any]) -> str:
    import json

    from driftguard.report.summary import snapshot_file

    return json.dumps(snapshot_file(found), indent=1, sort_keys=True) + "\n"


def _render(result: Any, fmt: str, fail_on: str) -> str:
    from driftguard import __version__
    from driftguard.reporters import RenderContext, render

    # A page people read says whether errors were found, also when the exit code
    # ignores them (--fail-on never, the default of a nightly report).
    verdict = "error" if fail_on == "never" and fmt in ("html", "markdown") else fail_on
    context = RenderContext(command="report", version=__version__, fail_on=verdict,
                            edges=_highlighted(result.stats))
    return render(result, fmt, context)


def _highlighted(stats: dict[str, Any]) -> list[tuple[str, str]]:
    """New, broken and cyclic dependencies, for the Markdown report's diagram."""
    out = []
    for repo, data in sorted(stats.get("repos", {}).items()):
        out += [(f"{repo}:{a}", f"{repo}:{b}") for a, b, _, flag in data["edges"] if flag]
        out += [(f"{repo}:{a}", f"{r}:{b}") for a, r, b, _, flag in data["cross"] if flag]
    return out


@contextmanager
def _progress() -> Iterator[Any]:
    """A progress bar on a terminal (stderr); nothing when stderr is not one (CI, tests)."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("report", total=None)
        yield lambda what, done, total: bar.update(task, description=what, completed=done,
                                                   total=total)
