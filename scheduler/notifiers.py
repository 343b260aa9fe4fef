"""Fill in the notifiers a scheduler process needs: console always, Slack/Teams when configured."""

from __future__ import annotations

import importlib
import logging
from typing import Any

from bot.services import Services
from scheduler.console_notifier import ConsoleNotifier

log = logging.getLogger(__name__)


def install(services: Services) -> list[str]:
    """Add a notifier per available platform (keeping any already set); returns the platforms."""
    services.notifiers.setdefault("console", ConsoleNotifier())
    for platform in ("slack", "teams"):
        if platform in services.notifiers:
            continue
        try:
            module: Any = importlib.import_module(f"bot.adapters.{platform}")
            made = module.notifier(services) if hasattr(module, "notifier") else None
        except Exception:
            # A broken or unconfigured adapter must not stop nudges on the other platforms.
            log.exception("could not set up the %s notifier", platform)
            continue
        if made is not None:
            services.notifiers[platform] = made
    return sorted(services.notifiers)
