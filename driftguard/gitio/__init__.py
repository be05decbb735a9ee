"""Git access through pygit2: the only package that talks to git."""

from driftguard.gitio.repo import STAGED, GitRepo

__all__ = ["STAGED", "GitRepo"]
