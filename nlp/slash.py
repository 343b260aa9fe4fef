"""Slash commands as strong hints: which intents each command may produce."""

from __future__ import annotations

from typing import Final

# The first intent listed is the command's default when the text alone is not conclusive.
COMMANDS: Final = {
    "/log": ("log_activity", "log_deal", "undo", "help"),
    "/deal": ("log_deal", "help"),
    "/deals": ("log_deal", "help"),
    "/quota": ("check_quota", "set_quota", "help"),
    "/pipeline": ("pipeline_summary", "help"),
    "/pipe": ("pipeline_summary", "help"),
    "/forecast": ("forecast", "help"),
    "/team": ("team_stats", "help"),
    "/stats": ("team_stats", "help"),
    "/leaderboard": ("leaderboard", "help"),
    "/goal": ("set_quota", "help"),
    "/target": ("set_quota", "help"),
    "/quotabot": ("help", "settings", "undo"),
}

# Words the command stands for, read in front of its text ("/quota set mine to 200k").
IMPLIED: Final = {
    "/quota": "quota",
    "/pipeline": "pipeline",
    "/pipe": "pipeline",
    "/forecast": "forecast",
    "/team": "team",
    "/stats": "stats",
    "/leaderboard": "leaderboard",
    "/goal": "goal",
    "/target": "target",
}


def key(command: str) -> str:
    """Normalised command name: lower case with a leading slash."""
    k = command.strip().lower()
    return k if k.startswith("/") else "/" + k


def allowed(command: str | None) -> tuple[str, ...] | None:
    """Intents a command admits, or None when there is no (known) command."""
    if not command:
        return None
    return COMMANDS.get(key(command))
