"""Console front end: a local chat with the bot (the embedded default, no platform account)."""

from __future__ import annotations

from bot.adapters.console.notifier import ConsoleNotifier
from bot.services import Services
from scheduler.notify import Notifier


def notifier(services: Services) -> Notifier | None:
    """Always available: prints proactive messages (the demo's nudges and leaderboards)."""
    return ConsoleNotifier()
