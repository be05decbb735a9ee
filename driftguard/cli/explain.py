"""`driftguard explain CODE`: what a rule checks, why it matters, how to fix it."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from driftguard.model.rules import RuleInfo


def register(sub: Any) -> argparse.ArgumentParser:
    parser = sub.add_parser("explain", help="explain one rule code",
                            description="Explain one rule: what it checks, why, how to fix it.")
    parser.add_argument("code", metavar="CODE", help="a rule code (DG101) or name (layers)")
    return parser


def run(args: argparse.Namespace) -> int:
    from rich.text import Text

    from driftguard.cli.rules import print_rich

    info = lookup(args.code)
    heading = Text.assemble((f"{info.code} {info.name}", "bold"),
                            f" (default severity: {info.severity})")
    parts: list[Any] = [heading, "", info.summary]
    for heading, body in (("Why", info.why), ("How to fix", info.fix), ("Docs", info.help_uri)):
        parts += ["", Text.assemble((f"{heading}: ", "bold"), body)]
    print_rich(*parts)
    return 0


def lookup(code: str) -> RuleInfo:
    """A rule by code (any case) or by name; DriftguardError naming the valid codes."""
    from driftguard.errors import DriftguardError
    from driftguard.model.rules import CATALOGUE

    wanted = code.strip()
    by_name = {info.name: info for info in CATALOGUE.values()}
    info = CATALOGUE.get(wanted.upper()) or by_name.get(wanted.lower())
    if info is None:
        raise DriftguardError(f"unknown rule code {code!r}",
                              f"Valid codes: {', '.join(CATALOGUE)}. "
                              "Run `driftguard rules` to see them with their names.")
    return info
