"""The notifiers one process sends through: console always, Slack and Teams when configured."""

from __future__ import annotations

import logging
from typing import Protocol

from bot.adapters import console, slack, teams
from bot.adapters.slack.bolt_app import configured, missing
from bot.adapters.slack.directory import SlackDirectory
from bot.adapters.slack.directory import directory as slack_directory
from bot.adapters.slack.installations import SqlInstallationStore
from bot.adapters.slack.secrets import TokenBox
from bot.adapters.teams.roster import roster as teams_roster
from bot.services import Services
from scheduler.notify import Notifier
from scheduler.sync import Directory

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


def _slack(services: Services) -> SlackDirectory | None:
    settings = services.settings
    if not configured(settings) or missing(settings):
        return None
    store = None
    if settings.slack_client_id and settings.secret_key is not None:
        box = TokenBox(settings.secret_key.get_secret_value())
        store = SqlInstallationStore(services.sessions, settings.slack_client_id, box)
    return slack_directory(settings, store)


def directories(services: Services) -> dict[str, Directory]:
    """Who is in a channel or group, per platform that can say (teams that follow one)."""
    found: dict[str, Directory] = {}
    slack_dir = _slack(services)
    if slack_dir is not None:
        found["slack"] = slack_dir
    teams_dir = teams_roster(services)
    if teams_dir is not None:
        found["teams"] = teams_dir
    return found
