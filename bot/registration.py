"""Every handler of the product, registered explicitly by the composition root."""

from __future__ import annotations

from handlers import (
    admin_settings,
    forecast,
    help,
    leaderboard,
    log_activity,
    log_deal,
    people,
    pipeline,
    quota,
    set_quota,
    settings,
    settings_show,
    team,
    undo,
    unknown,
)
from handlers.contract import Registrar


def register_all(router: Registrar) -> None:
    """bolt-python's `register_listeners(app)` shape: one list, no import side effects."""
    for module in (
        admin_settings,
        log_activity,
        log_deal,
        quota,
        pipeline,
        forecast,
        team,
        leaderboard,
        set_quota,
        settings,
        undo,
        people,
        settings_show,
        unknown,
    ):
        module.register(router)
    # Last: help lists what the others registered.
    help.register(router)
