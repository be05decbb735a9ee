"""Errors a user can cause. The CLI turns each into a message and exit code 2."""

from __future__ import annotations


class DriftguardError(Exception):
    """A problem with the user's input (repo, rev, config, arguments).

    ``hint`` says what to do about it; the CLI prints both, never a traceback.
    """

    exit_code = 2

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}\n{self.hint}" if self.hint else self.message


class GitError(DriftguardError):
    """The repository or a revision cannot be read."""


class ConfigError(DriftguardError):
    """The configuration file is invalid."""
