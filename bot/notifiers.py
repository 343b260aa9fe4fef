"""The notifiers one process sends through: console always, Slack and Teams when configured."""

from __future__ import annotations

import logging
from typing import Protocol

from bot.adapters import console, slack, teams
from bot.services import Services
from scheduler.notify import Notifier

log = logging.getLogger(__name__)


class ProvidesNotifier(Protocol):
    """What each adapter offers the scheduler: a notifier, or None when it is not set up."""

    def __call__(self, services: Services) -> Notifier | None: ...


ADAPTERS: dict[str, ProvidesNotifier] = {
    "console": console.notifier,
    "slack": slack.notifier,
    "teams": teams.notifier,
}


def install(services: Services) -> list[str]:
    """Add a notifier per available platform (keeping any already set); returns the platforms."""
    for platform, provide in ADAPTERS.items():
        if platform in services.notifiers:
            continue
        try:
            made = provide(services)
        except Exception:
            # A broken or unconfigured adapter must not stop nudges on the other platforms.
            log.exception("could not set up the %s notifier", platform)
            continue
        if made is not None:
            services.notifiers[platform] = made
    return sorted(services.notifiers)
