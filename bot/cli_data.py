"""`quotabot import` and `quotabot export`: a team's history in and out as CSV."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the data commands to the `quotabot` command line (none yet)."""
    del app
