"""`driftguard init`: write a starter driftguard.toml, or convert import-linter contracts."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def register(sub: Any) -> argparse.ArgumentParser:
    parser = sub.add_parser(
        "init", help="write a starter driftguard.toml (or convert import-linter contracts)",
        description="Write a commented driftguard.toml at the repository root. With "
        "--from-importlinter, convert the contracts of an .importlinter, setup.cfg or "
        "pyproject.toml into driftguard modules and rules instead.")
    parser.add_argument("--from-importlinter", metavar="FILE",
                        help="import-linter config to convert (.importlinter, setup.cfg, "
                        "pyproject.toml)")
    parser.add_argument("--output", "-o", metavar="FILE",
                        help="where to write (default: driftguard.toml in the repository; "
                        "'-' for stdout)")
    parser.add_argument("--force", action="store_true", help="overwrite an existing config")
    return parser


def run(args: argparse.Namespace) -> int:
    from driftguard.config.loader import load_config_text

    text, warnings = _config_text(args.from_importlinter)
    target = Path(args.output) if args.output else Path(args.repo) / "driftguard.toml"
    config = load_config_text(text, str(target))  # what we write must load
    if args.output == "-":
        sys.stdout.write(text)
    else:
        _refuse_overwrite(target, default=not args.output, force=args.force)
        _write(target, text)
        print(f"driftguard: wrote {target} ({len(config.modules)} modules, "
              f"{len(config.rules)} rules)", file=sys.stderr)
    for warning in warnings:
        print(f"driftguard: warning: {warning}", file=sys.stderr)
    return 0


def _config_text(importlinter: str | None) -> tuple[str, list[str]]:
    if not importlinter:
        from driftguard.config.presets import preset_names
        from driftguard.config.starter import starter_config

        return starter_config(preset_names()), []
    from driftguard.config.from_importlinter import convert, render
    from driftguard.config.importlinter import read_importlinter

    source = read_importlinter(importlinter)
    conversion = convert(source)
    return render(conversion, source), conversion.warnings


def _refuse_overwrite(target: Path, *, default: bool, force: bool) -> None:
    from driftguard.config.loader import PYPROJECT, find_config
    from driftguard.errors import DriftguardError

    if force:
        return
    if target.exists():
        raise DriftguardError(f"{target} already exists",
                              "Pass --force to overwrite it, or --output to write elsewhere.")
    existing = find_config(target.parent) if default else None
    if existing is not None and existing.name == PYPROJECT:
        raise DriftguardError(f"{existing} already has a [tool.driftguard] table",
                              f"A {target.name} would take its place; pass --force to write "
                              "it anyway, or edit the table.")


def _write(target: Path, text: str) -> None:
    from driftguard.errors import DriftguardError

    try:
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise DriftguardError(f"cannot write {target}: {exc.strerror}",
                              "Pass an --output path in a folder that exists and is "
                              "writable.") from exc
