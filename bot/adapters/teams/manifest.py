"""The Teams app package: manifest.json (bot, scopes, command menu) and icons, zipped."""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.adapters.teams.icons import ACCENT, color_icon, outline_icon

MANIFEST_VERSION = "1.19"
SCHEMA_URL = (
    f"https://developer.microsoft.com/en-us/json-schemas/teams/v{MANIFEST_VERSION}"
    "/MicrosoftTeams.schema.json"
)
SCOPES = ["personal", "team", "groupChat"]
# The command menu Teams shows above the compose box: at most 10 per list, title <= 32
# characters, description <= 128. Picking one puts its title in the box.
COMMANDS = [
    ("log", "Log activity: log 3 calls with Acme, or just log for a form"),
    ("deal", "Create or move a deal: closed Initech for $24k"),
    ("quota", "How you track against quota, with pace"),
    ("pipeline", "Open deals by stage, what's closing, stale deals"),
    ("forecast", "Won plus weighted pipeline, commit and best case"),
    ("team", "Managers: each rep's activity, results and pace"),
    ("leaderboard", "Who leads by activities, calls, demos, deals or revenue"),
    ("help", "What QuotaBot can do"),
]


@dataclass(frozen=True)
class AppInfo:
    bot_id: str
    version: str = "1.0.0"
    developer: str = "QuotaBot"
    website_url: str = "https://www.example.com/quotabot"
    privacy_url: str = "https://www.example.com/quotabot/privacy"
    terms_url: str = "https://www.example.com/quotabot/terms"


def build_manifest(info: AppInfo) -> dict[str, Any]:
    """A manifest whose app id is the bot id (one Entra app registration for both)."""
    return {
        "$schema": SCHEMA_URL,
        "manifestVersion": MANIFEST_VERSION,
        "version": info.version,
        "id": info.bot_id,
        "developer": {
            "name": info.developer,
            "websiteUrl": info.website_url,
            "privacyUrl": info.privacy_url,
            "termsOfUseUrl": info.terms_url,
        },
        "name": {"short": "QuotaBot", "full": "QuotaBot: sales activity and quota assistant"},
        "description": {
            "short": "Log sales activity by chat and see how you track against quota.",
            "full": (
                "QuotaBot lets reps log calls, emails, meetings, demos and deals by chat, "
                "ask how they track against quota and what their pipeline looks like, and "
                "gives managers their team's numbers. It nudges reps who are behind on the "
                "day's activity and posts weekly leaderboards to team channels."
            ),
        },
        "icons": {"color": "color.png", "outline": "outline.png"},
        "accentColor": "#{:02X}{:02X}{:02X}".format(*ACCENT),
        "bots": [
            {
                "botId": info.bot_id,
                "scopes": SCOPES,
                "isNotificationOnly": False,
                # Files in the personal chat: a CSV to import, an export by FileConsentCard.
                "supportsFiles": True,
                "commandLists": [
                    {
                        "scopes": SCOPES,
                        "commands": [
                            {"title": title, "description": description}
                            for title, description in COMMANDS
                        ],
                    }
                ],
            }
        ],
        "validDomains": [],
    }


def build_package(info: AppInfo) -> bytes:
    """The zip Teams accepts: manifest.json and both icons at the root, nothing else."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(build_manifest(info), indent=2))
        archive.writestr("color.png", color_icon())
        archive.writestr("outline.png", outline_icon())
    return buffer.getvalue()


def write_package(info: AppInfo, out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(build_package(info))
    return out
