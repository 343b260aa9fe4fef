"""Operating commands: `quotabot doctor` and `quotabot db backup`."""

from __future__ import annotations

import typer


def register(app: typer.Typer, db_app: typer.Typer) -> None:
    """Add the operating commands to the `quotabot` command line (none yet)."""
    del app, db_app
