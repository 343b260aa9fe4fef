"""`/quotabot settings workspace|team ...` from an admin (and the CLI's `quotabot settings`)."""

from __future__ import annotations

import re

from core.messages import Reply
from handlers.contract import Registrar
from handlers.shared.audit import audit
from handlers.shared.context import Context
from handlers.shared.errors import UserError
from handlers.shared.fx_settings import set_fx
from handlers.shared.setting_args import KNOWN, parse_args
from handlers.shared.setting_values import working_days
from handlers.shared.team_settings import apply_team, change_team
from handlers.shared.workspace_settings import apply_workspace
from nlp.intent import Intent

# Callers (the CLI, tests) reach these through this module, as before the split.
__all__ = ["apply_team", "apply_workspace", "parse_args", "register", "working_days"]

# "/quotabot settings workspace fx EUR 1.08": exchange rates (handlers/shared/fx_settings.py).
_FX = re.compile(r"^workspace\s+fx\b\s*(.*)$", re.IGNORECASE)


async def handle_admin_settings(intent: Intent, ctx: Context) -> Reply:
    slots = intent.slots
    fx = _FX.match(slots["args"]) if isinstance(slots.get("args"), str) else None
    if fx:
        done = await set_fx(
            ctx.workspace, ctx.session, fx.group(1), by=ctx.actor.user_id, now=ctx.now
        )
        audit(ctx, "settings.fx", args=fx.group(1))
        return Reply(text=done)
    if isinstance(slots.get("args"), str):
        scope, team_name, changes = parse_args(slots["args"])
    else:
        scope = str(slots.get("scope") or "workspace")
        team_name = slots.get("team")
        changes = {str(k): str(v) for k, v in dict(slots.get("changes") or {}).items()}
    if scope == "team":
        if not team_name:
            raise UserError("Which team? `settings team NAME channel #sales`.")
        changed = await change_team(ctx.session, ctx.workspace, str(team_name), changes, ctx.now)
        if isinstance(changed, Reply):
            return changed
        facts = changed
        title = f"Team {team_name}"
    else:
        facts = await apply_workspace(ctx.workspace, changes)
        title = "Workspace"
    if not facts:
        return Reply(text=f"{title} settings: nothing to change. I know: {KNOWN}.")
    audit(ctx, "admin_settings", scope=scope, team=team_name, changes=changes)
    return Reply(text=f"{title} settings updated.", facts=tuple(facts))


def register(router: Registrar) -> None:
    router.add(
        "admin_settings",
        handle_admin_settings,
        access="admin",
        summary="Admins: working days, holiday calendar, nudge defaults, team leaderboards.",
        examples=(
            "/quotabot settings workspace working-days mon-fri holiday-country RO",
            "/quotabot settings workspace nudge-time 16:00 quiet-hours 19:00-08:00",
            "/quotabot settings team Closers channel #sales leaderboard fri 16:00",
            "/quotabot settings team Closers reminder 09:30 afternoon 16:30",
        ),
    )
