"""Every handler of the product, registered explicitly by the composition root."""

from __future__ import annotations

from handlers import (
    admin_menu,
    admin_settings,
    audit_log,
    erase,
    export_data,
    forecast,
    help,
    import_file,
    leaderboard,
    log_activity,
    log_deal,
    people,
    pipeline,
    privacy,
    quota,
    set_quota,
    settings,
    settings_show,
    team,
    team_reminders,
    undo,
    unknown,
    workspace_prefs,
)
from handlers.contract import Registrar


def register_all(router: Registrar) -> None:
    """bolt-python's `register_listeners(app)` shape: one list, no import side effects."""
    for module in (
        admin_settings,
        team_reminders,
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
        workspace_prefs,
        admin_menu,
        privacy,
        erase,
        export_data,
        import_file,
        audit_log,
        unknown,
    ):
        module.register(router)
    # Last: help lists what the others registered.
    help.register(router)
