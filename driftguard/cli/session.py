"""Opening what a command needs: the repository session, its config, a baseline file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from driftguard.errors import ConfigError, DriftguardError

if TYPE_CHECKING:
    import argparse

    from driftguard.engine import Session


def open_session(args: argparse.Namespace) -> tuple[Session, Any]:
    from driftguard.engine import BuildOptions, Session

    session = Session.open(args.repo, BuildOptions(use_cache=not getattr(args, "no_cache", False)))
    config = load_config(session, getattr(args, "config", None))
    settings = getattr(config, "settings", None)
    if settings is not None:
        session.options.source_roots = settings.source_roots or None
        session.options.max_file_size = settings.max_file_size
        if settings.exclude:
            from driftguard.config.globs import match_path

            patterns = list(settings.exclude)
            session.options.exclude = lambda p: any(match_path(g, p) for g in patterns)
            session.options.exclude_patterns = tuple(patterns)
    return session, config


def load_config(session: Session, explicit: str | None) -> Any:
    """The explicit file, else the work tree's config, else the one committed at HEAD
    (bare repositories, and checkouts without the file, such as the demo's)."""
    from driftguard.config.loader import find_config, read_config_file

    if explicit:
        return _validated(session, *read_config_file(Path(explicit)))
    root = session.repo.workdir
    found = find_config(root) if root is not None else None
    if found is not None:
        return _validated(session, *read_config_file(found))
    if session.repo.repo.head_is_unborn:
        return None
    for name in ("driftguard.toml", "pyproject.toml"):
        data = session.repo.read_path("HEAD", name)
        if data is not None and (name == "driftguard.toml" or b"[tool.driftguard" in data):
            return _validated(session, data.decode("utf-8", "replace"), f"{name} at HEAD",
                              pyproject=name == "pyproject.toml")
    session.config_key = "defaults"
    return None


def _validated(session: Session, text: str, source: str, pyproject: bool | None = None) -> Any:
    """The config validated once per text: later runs read it back from the cache as plain
    data (pydantic alone would cost more than the whole pre-commit budget)."""
    from driftguard.config.compiled import cache_key, freeze, thaw
    from driftguard.config.loader import load_config_text

    cache = session.cache
    key = session.config_key = cache_key(text, source, pyproject)
    stored = cache.get_artifact("config", key) if cache is not None else None
    if stored is not None:
        try:
            return thaw(stored)
        except ValueError:
            pass  # another format: validated again and replaced
    config = load_config_text(text, source, pyproject=pyproject)
    if cache is not None:
        cache.put_artifact("config", key, freeze(config))
    return config


def baseline_path(explicit: str | None, config: Any, session: Session) -> Path | None:
    name = explicit or getattr(getattr(config, "settings", None), "baseline", None)
    if not name:
        return None
    path = Path(name)
    if not path.is_absolute() and session.repo.workdir is not None and not explicit:
        from driftguard.config.loader import inside_repository

        path = inside_repository(session.repo.workdir / path, session.repo.workdir,
                                 "settings.baseline")
    return path


def load_baseline(explicit: str | None, config: Any, session: Session) -> set[str] | None:
    path = baseline_path(explicit, config, session)
    if path is None:
        return None
    if not path.exists():
        if explicit:
            raise DriftguardError(f"baseline file {path} does not exist",
                                  "Create it with `driftguard baseline --output FILE`.")
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {entry["fingerprint"] for entry in data["findings"]}
    except (ValueError, KeyError, TypeError, RecursionError) as exc:
        raise ConfigError(f"{path} is not a driftguard baseline ({exc})",
                          "Regenerate it with `driftguard baseline --output FILE`.") from exc
