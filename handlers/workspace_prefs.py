"""Preferences: the workspace currency (before money is recorded), who sees attainment and
whether answers carry charts (admins); a manager's Monday digest (their own opt-in)."""

from __future__ import annotations

from babel.numbers import list_currencies
from sqlalchemy import func, select

from core.messages import Fact, Reply
from handlers.contract import Registrar
from handlers.shared.audit import audit
from handlers.shared.context import Context
from handlers.shared.errors import UserError
from nlp.intent import Intent
from storage.models import ChartSetting, Deal, DigestSubscription, Quota

PUBLIC = ("public", "on", "everyone", "all")
PRIVATE = ("private", "off", "managers", "own")
ON = ("on", "yes", "true", "enable", "enabled")
OFF = ("off", "no", "false", "disable", "disabled")


async def _money_recorded(ctx: Context) -> int:
    ws = ctx.actor.workspace_id
    deals = await ctx.session.scalar(select(func.count()).where(Deal.workspace_id == ws))
    quotas = await ctx.session.scalar(
        select(func.count()).where(Quota.workspace_id == ws, Quota.metric == "revenue")
    )
    return int(deals or 0) + int(quotas or 0)


async def handle_workspace_currency(intent: Intent, ctx: Context) -> Reply:
    code = str(intent.slots.get("value") or "").strip().upper()
    if code not in list_currencies():
        raise UserError(f"{code or 'That'} is not an ISO currency code; try EUR, USD or GBP.")
    ws = ctx.workspace
    if code == ws.currency:
        return Reply(text=f"The workspace currency is already {code}.")
    # Revenue quotas are stored in the workspace currency's minor units, and QuotaBot has no
    # exchange rates: switching later would silently re-read every target in another money.
    recorded = await _money_recorded(ctx)
    if recorded:
        raise UserError(
            f"This workspace already has {recorded} deals and revenue quotas in {ws.currency}, "
            "and I don't convert money. The currency is chosen before the first deal or quota."
        )
    before, ws.currency = ws.currency, code
    audit(ctx, "workspace.settings", changes={"currency": code}, before={"currency": before})
    return Reply(text="Workspace settings updated.", facts=(Fact("Currency", code),))


async def handle_attainment_visibility(intent: Intent, ctx: Context) -> Reply:
    value = str(intent.slots.get("value") or "").strip().lower()
    if value not in PUBLIC + PRIVATE:
        raise UserError("Say `attainment public` (everyone sees % of target) or `private`.")
    ws = ctx.workspace
    ws.attainment_public = value in PUBLIC
    shown = "public" if ws.attainment_public else "private"
    audit(ctx, "workspace.settings", changes={"attainment": shown})
    who = (
        "everyone on the leaderboard"
        if ws.attainment_public
        else "each person (their own row) and, in /team, their managers"
    )
    return Reply(
        text="Workspace settings updated.",
        facts=(Fact("Attainment (% of target)", f"{shown}: shown to {who}"),),
    )


async def handle_workspace_charts(intent: Intent, ctx: Context) -> Reply:
    value = str(intent.slots.get("value") or "").strip().lower()
    if value not in ON + OFF:
        raise UserError("Say `charts on` (answers carry a picture) or `charts off` (text only).")
    setting = await ctx.session.get(ChartSetting, ctx.actor.workspace_id)
    if setting is None:
        setting = ChartSetting(workspace_id=ctx.actor.workspace_id, enabled=True)
        ctx.session.add(setting)
    setting.enabled = value in ON
    shown = "on" if setting.enabled else "off"
    audit(ctx, "workspace.settings", changes={"charts": shown})
    said = "answers with figures carry a chart" if setting.enabled else "answers are text only"
    return Reply(text="Workspace settings updated.", facts=(Fact("Charts", f"{shown}: {said}"),))


async def handle_manager_digest(intent: Intent, ctx: Context) -> Reply:
    """A manager's own opt-in to the Monday DM digest of their team (scheduler/digests.py)."""
    value = str(intent.slots.get("value") or "").strip().lower()
    if value not in ON + OFF:
        raise UserError("Say `/quotabot digest on` (a Monday DM about your team) or `off`.")
    if not ctx.actor.is_manager or ctx.actor.team_id is None:
        raise UserError("The Monday digest is for managers who lead a team.")
    kept = await ctx.session.get(DigestSubscription, ctx.actor.user_id)
    if value in ON and kept is None:
        ctx.session.add(
            DigestSubscription(user_id=ctx.actor.user_id, workspace_id=ctx.actor.workspace_id)
        )
    elif value in OFF and kept is not None:
        await ctx.session.delete(kept)
    if value in ON:
        return Reply(text="You'll get your team's digest by DM every Monday morning. 📬")
    return Reply(text="No more Monday digest. `/quotabot digest on` brings it back.")


def register(router: Registrar) -> None:
    router.add(
        "workspace_currency",
        handle_workspace_currency,
        access="admin",
        summary="Admins: the workspace currency, before any deal or revenue quota",
        examples=("/quotabot settings workspace currency EUR",),
    )
    router.add(
        "attainment_visibility",
        handle_attainment_visibility,
        access="admin",
        summary="Admins: whether leaderboards show everyone's % of target",
        examples=("/quotabot settings workspace attainment public",),
    )
    router.add(
        "workspace_charts",
        handle_workspace_charts,
        access="admin",
        summary="Admins: whether answers carry charts (pictures) or text only",
        examples=("/quotabot settings workspace charts off",),
    )
    router.add(
        "manager_digest",
        handle_manager_digest,
        access="read",
        summary="Managers: a Monday DM digest of your team (on pace, who needs support)",
        examples=("/quotabot digest on",),
    )
