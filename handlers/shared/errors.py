"""Failures a person can cause: each carries the friendly sentence they will read."""

from __future__ import annotations


class UserError(Exception):
    """Bad or impossible request: the reply explains, the transaction rolls back."""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class Forbidden(UserError):
    """The policy said no."""


class NotFound(UserError):
    """A person, team, account or log the request names does not exist here."""


class FormError(UserError):
    """A form submission with field-level problems, shown inline where the platform can."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("Please fix: " + "; ".join(errors.values()))
        self.errors = errors
