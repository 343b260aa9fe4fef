"""The one error an import stops at: which line, and why, in words a person can act on."""

from __future__ import annotations


class BadFile(Exception):
    """The file (or one of its lines) cannot be imported; nothing was written."""

    def __init__(self, reason: str, line: int | None = None) -> None:
        self.reason = reason
        self.line = line
        super().__init__(f"line {line}: {reason}" if line is not None else reason)


class BadValue(ValueError):
    """One field is wrong; the reader adds the line number."""
