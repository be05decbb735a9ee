"""Checks on raw bytes shared by all languages."""

from __future__ import annotations


def decode_problem(data: bytes) -> str | None:
    """'binary' for files with NUL bytes, a warning for non-UTF-8 text, else None."""
    if b"\x00" in data[:8192]:
        return "binary"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"not valid UTF-8 (byte {exc.start}); read with replacement characters"
    return None
