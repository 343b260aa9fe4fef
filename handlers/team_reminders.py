"""`/quotabot settings team East reminder 09:15`, `reminder preview`: a team's channel posts."""

from __future__ import annotations

from core.messages import Reply
from handlers.contract import Registrar
from handlers.shared.audit import audit
from handlers.shared.context import Context
from handlers.shared.errors import UserError
from handlers.shared.setting_args import parse_args
from handlers.shared.team_settings import change_team
from nlp.intent import Intent


async def handle_team_reminders(intent: Intent, ctx: Context) -> Reply:
    """A team's channel reminders: its manager (or an admin) sets and previews them."""
    team = ctx.subject.team
    if ctx.subject.kind != "team" or team is None:
        raise UserError("Which team? `/quotabot settings team East reminder 09:15`.")
    _, _, changes = parse_args(str(intent.slots.get("args") or ""))
    done = await change_team(ctx.session, ctx.workspace, team.name, changes, ctx.now)
    if isinstance(done, Reply):
        return done
    audit(ctx, "team_reminders", team=team.id, changes=changes)
    return Reply(text=f"Team {team.name} reminders updated.", facts=tuple(done))


def register(router: Registrar) -> None:
    router.add(
        "team_reminders",
        handle_team_reminders,
        access="manage",
        summary="A team's channel reminders (managers for their team): time, days, preview",
        examples=(
            "/quotabot settings team East reminder 09:15",
            "/quotabot settings team East reminder days mon-thu",
            "/quotabot reminder preview",
        ),
    )
