"""`quotabot teams-package`: build the Teams app package to upload in Teams or the admin center."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

import typer

from bot.adapters.teams.manifest import AppInfo, write_package

_SEMVER = re.compile(r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$")
_GUID = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")


def register(app: typer.Typer) -> None:
    app.command("teams-package")(teams_package)


def teams_package(
    out: Annotated[Path, typer.Option("--out", help="Zip file to write.")] = Path(
        "quotabot-teams.zip"
    ),
    version: Annotated[str, typer.Option(help="App version; raise it on every re-upload.")] = (
        "1.0.0"
    ),
    website_url: Annotated[str, typer.Option(help="https URL of your support page.")] = (
        AppInfo.website_url
    ),
    privacy_url: Annotated[str, typer.Option(help="https URL of the privacy page.")] = (
        AppInfo.privacy_url
    ),
    terms_url: Annotated[str, typer.Option(help="https URL of the terms of use.")] = (
        AppInfo.terms_url
    ),
) -> None:
    """Build the Teams app package (manifest.json + icons) with the bot id from CLIENT_ID."""
    from bot.config import Settings

    bot_id = Settings().teams_client_id
    if not bot_id or not _GUID.match(bot_id):
        typer.echo(
            "CLIENT_ID must be set to the bot's Microsoft App ID (a GUID) to build the package.",
            err=True,
        )
        raise typer.Exit(2)
    if not _SEMVER.match(version):
        typer.echo("--version must look like 1.2.3 (Teams requires major.minor.patch).", err=True)
        raise typer.Exit(2)
    for name, url in (("website", website_url), ("privacy", privacy_url), ("terms", terms_url)):
        if not url.startswith("https://"):
            typer.echo(f"The {name} URL must start with https://", err=True)
            raise typer.Exit(2)
    info = AppInfo(
        bot_id=bot_id.lower(),
        version=version,
        website_url=website_url,
        privacy_url=privacy_url,
        terms_url=terms_url,
    )
    path = write_package(info, out)
    typer.echo(f"Wrote {path} (bot {info.bot_id}, version {version}).")
    typer.echo("Upload it in Teams: Apps > Manage your apps > Upload an app.")
