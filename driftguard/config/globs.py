"""The three kinds of pattern in a config: path globs, branch globs and dotted names.

Path globs (``paths``, ``owns``, ``cannot_touch``, ``settings.exclude``) are
anchored at the repo root and use forward slashes, like .gitignore with a
leading slash: ``*`` and ``?`` stay inside one path segment, ``**`` is a whole
segment matching any depth including none, ``[...]`` is a character class
(``[!...]`` negates), and a trailing ``/`` means "everything below".

Branch globs (``agents.branch``, ``overlap.concurrent``) are fnmatch-like:
``*`` also matches ``/``, so ``agent/*`` matches ``agent/search`` and
``agent/a/b``; branch names are hierarchical but agents name them freely.

Dotted globs (``interface``, ``contracts.public``, ``ignore_imports``) follow
import-linter: ``*`` is one name segment (or part of one), ``**`` one or more.
"""

from __future__ import annotations

import re
from functools import lru_cache


class GlobError(ValueError):
    """A malformed pattern; the message says which and why."""


def _char_class(part: str, start: int, forbidden: str, pattern: str) -> tuple[str, int]:
    """Translate the ``[...]`` starting at ``start``; return the regex and the next index."""
    i = start + 1
    negate = i < len(part) and part[i] in "!^"
    i += negate
    if i < len(part) and part[i] == "]":  # a leading ] is a literal member
        i += 1
    end = part.find("]", i)
    if end < 0:
        raise GlobError(f"unbalanced '[' in {pattern!r} (write '[[]' for a literal '[')")
    body = part[start + 1 + negate:end]
    if any(ch in body for ch in forbidden):
        raise GlobError(f"a [...] class cannot match {forbidden!r} in {pattern!r}")
    members = body.replace("\\", "\\\\").replace("[", "\\[").replace("^", "\\^")
    return f"[{'^' if negate else ''}{members}{forbidden if negate else ''}]", end + 1


def _translate(part: str, pattern: str, star: str, separator: str) -> str:
    """Regex for a run of glob characters; ``star`` is what ``*`` may cover."""
    out, i = [], 0
    while i < len(part):
        ch = part[i]
        if ch == "*":
            out.append(star)
            while i < len(part) and part[i] == "*":
                i += 1
            continue
        if ch == "?":
            out.append(star[:-1] if star.endswith("*") else ".")
        elif ch == "[":
            regex, i = _char_class(part, i, separator, pattern)
            out.append(regex)
            continue
        elif ch == "]":
            raise GlobError(f"unbalanced ']' in {pattern!r}")
        else:
            out.append(re.escape(ch))
        i += 1
    return "".join(out)


# -- path globs -----------------------------------------------------------------------

def check_relative(path: str) -> str:
    """Reject paths that are absolute, use backslashes or climb out of the repository."""
    if not path:
        raise GlobError("an empty path matches nothing")
    if "\\" in path:
        raise GlobError(f"{path!r} uses '\\'; write repo paths with forward slashes")
    if path.startswith("/") or re.match(r"^[A-Za-z]:", path):
        raise GlobError(f"{path!r} is absolute; write it relative to the repository root")
    if ".." in path.split("/"):
        raise GlobError(f"{path!r} escapes the repository ('..' is not allowed)")
    return path


def _path_segments(glob: str) -> list[str]:
    check_relative(glob)
    glob = glob.removeprefix("./")
    segments = glob.split("/")
    if segments[-1] == "":
        segments[-1] = "**"
    if "" in segments:
        raise GlobError(f"{glob!r} has an empty path segment ('//')")
    return segments


@lru_cache(maxsize=4096)
def compile_path_glob(glob: str) -> re.Pattern[str]:
    """Compile a repo-relative path glob; raise GlobError when it is malformed."""
    segments = _path_segments(glob)
    segments = [s for i, s in enumerate(segments)
                if not (s == "**" and segments[i - 1:i] == ["**"])]  # a/**/**/b is a/**/b
    regex, open_dir = "", False  # open_dir: the regex ends where a new segment may start
    for index, segment in enumerate(segments):
        if segment == "**":
            if index == len(segments) - 1:
                regex += "(?:/.*)?" if regex else ".*"
            else:
                regex += ("/" if regex else "") + "(?:.*/)?"
                open_dir = True
            continue
        if "**" in segment:
            raise GlobError(f"'**' must be a whole path segment in {glob!r} (like 'a/**/b')")
        regex += ("" if open_dir or not regex else "/") + _translate(segment, glob, "[^/]*", "/")
        open_dir = False
    return re.compile(regex + r"\Z")


def match_path(glob: str, path: str) -> bool:
    """Does the repo-relative ``path`` (forward slashes) match ``glob``?"""
    return compile_path_glob(glob).match(path.removeprefix("./")) is not None


# -- branch globs ---------------------------------------------------------------------

def _short_branch(name: str) -> str:
    return name.removeprefix("refs/heads/")


@lru_cache(maxsize=1024)
def compile_branch_glob(glob: str) -> re.Pattern[str]:
    """Compile a branch glob (``*`` matches across ``/``); raise GlobError when malformed."""
    if not glob.strip():
        raise GlobError("an empty branch pattern matches nothing")
    return re.compile(_translate(_short_branch(glob), glob, ".*", "") + r"\Z")


def match_branch(glob: str, branch: str) -> bool:
    """Does ``branch`` (``agent/x`` or ``refs/heads/agent/x``) match ``glob``?"""
    return compile_branch_glob(glob).match(_short_branch(branch)) is not None


# -- dotted names ---------------------------------------------------------------------

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*\Z")
_GLOB_SEGMENT = re.compile(r"[A-Za-z0-9_*?\[\]!]+\Z")


def check_dotted_name(name: str) -> str:
    if not _NAME.match(name):
        raise GlobError(f"{name!r} is not a dotted module name (like 'shop.api')")
    return name


def match_package(package: str, name: str) -> bool:
    """A package covers itself and everything below it: ``shop.api`` covers ``shop.api.v1``."""
    return name == package or name.startswith(package + ".")


@lru_cache(maxsize=4096)
def compile_dotted_glob(pattern: str) -> re.Pattern[str]:
    """Compile a dotted glob (``*`` one segment, ``**`` one or more); GlobError if malformed."""
    segments = pattern.split(".")
    if not all(_GLOB_SEGMENT.match(s) for s in segments):
        raise GlobError(f"{pattern!r} is not a dotted name or glob (like 'shop.api.*')")
    parts = []
    for segment in segments:
        if segment == "**":
            parts.append(r"[^.]+(?:\.[^.]+)*")
        elif "**" in segment:
            raise GlobError(f"'**' must be a whole segment in {pattern!r} (like 'shop.**.v1')")
        else:
            parts.append(_translate(segment, pattern, "[^.]*", "."))
    return re.compile(r"\.".join(parts) + r"\Z")


def match_dotted(pattern: str, name: str, *, children: bool = False) -> bool:
    """Does the dotted ``name`` match ``pattern``? With ``children``, also names below a match."""
    regex = compile_dotted_glob(pattern)
    if regex.match(name):
        return True
    if children:
        parts = name.split(".")
        return any(regex.match(".".join(parts[:n])) for n in range(1, len(parts)))
    return False


def split_import_pattern(text: str) -> tuple[str, str]:
    """``"a.b -> c.*"`` -> ``("a.b", "c.*")``, both validated as dotted globs."""
    importer, arrow, imported = text.partition("->")
    importer, imported = importer.strip(), imported.strip()
    if not arrow or not importer or not imported:
        raise GlobError(f"{text!r} is not an import pattern (like 'shop.api -> shop.data.*')")
    compile_dotted_glob(importer)
    compile_dotted_glob(imported)
    return importer, imported


def match_import(pattern: str, importer: str, imported: str) -> bool:
    """Does the import ``importer -> imported`` match an ``ignore_imports`` entry?"""
    left, right = split_import_pattern(pattern)
    return match_dotted(left, importer) and match_dotted(right, imported)
