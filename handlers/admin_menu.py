"""`/quotabot admin`: what a manager or admin runs, as buttons (the App Home shows them too)."""

from __future__ import annotations

import json

from core.actions import ActionId
from core.messages import Button, Reply
from handlers.contract import Registrar
from handlers.shared.context import Context
from nlp.intent import Intent


def ask(label: str, intent: str) -> Button:
    """A button that asks what the person could type: the router runs it through the policy."""
    return Button(label, ActionId.CHOOSE, json.dumps({"intent": intent, "slots": {}}))


async def handle_admin_menu(intent: Intent, ctx: Context) -> Reply:
    buttons = [ask("People and teams", "people"), ask("Settings", "settings_show")]
    if ctx.actor.role == "admin":
        buttons.insert(1, ask("Audit log", "audit_log"))
    return Reply(
        text="Run your floor from here, or type the commands below.",
        title="QuotaBot admin",
        buttons=tuple(buttons),
        notes=(
            "Teams: `/quotabot team create West`, `/quotabot team West add @dev @emma`, "
            "`/quotabot team West manager @carla`",
            "Roles (admins): `/quotabot role @ben manager`; quotas: `/goal @dev revenue 50k`",
        ),
    )


def register(router: Registrar) -> None:
    router.add(
        "admin_menu",
        handle_admin_menu,
        access="manage",
        summary="Managers and admins: people, audit and settings as buttons",
        examples=("/quotabot admin",),
    )
