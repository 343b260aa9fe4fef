"""`/quotabot audit [@name] [period]`: who changed roles, teams, quotas and settings, and when."""

from __future__ import annotations

import json
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from core.messages import Reply, Table
from core.periods import named
from handlers.contract import Registrar
from handlers.shared.attainment import show
from handlers.shared.context import Context
from handlers.shared.errors import UserError
from nlp.intent import Intent
from storage.models import AuditEntry, Team, User

# Changes, not logs: a rep's "3 calls" is not an administrative event.
CHANGES = (
    "role.set",
    "team.create",
    "team.add",
    "team.remove",
    "team.manager",
    "set_quota",
    "settings",
    "admin_settings",
    "workspace.settings",
    "privacy.erase",
)
SHOWN = 30
# How far back an unqualified `/quotabot audit` reads before filtering in Python.
SCAN = 2000


class _Names:
    def __init__(self, users: dict[int, str], teams: dict[int, str], currency: str) -> None:
        self.users, self.teams, self.currency = users, teams, currency

    def user(self, uid: Any) -> str:
        return self.users.get(uid, f"#{uid}") if isinstance(uid, int) else "?"

    def team(self, tid: Any) -> str:
        return self.teams.get(tid, f"#{tid}") if isinstance(tid, int) else "?"

    def subject(self, key: Any) -> str:
        kind, _, raw = str(key).partition(":")
        ident = int(raw) if raw.isdigit() else raw
        return self.user(ident) if kind == "user" else f"team {self.team(ident)}"


def describe(action: str, d: dict[str, Any], n: _Names) -> str:
    """One change in words, the way an admin would say it."""
    if action == "role.set":
        by = f" ({d['by']})" if d.get("by") else ""
        return f"{n.user(d.get('user'))}: {d.get('before')} → {d.get('after')}{by}"
    if action == "team.create":
        return f"created team {d.get('name')}"
    if action in ("team.add", "team.remove"):
        who = ", ".join(n.user(u) for u in d.get("users") or [])
        verb = "added to" if action == "team.add" else "removed from"
        return f"{who} {verb} {n.team(d.get('team'))}"
    if action == "team.manager":
        return f"{n.user(d.get('user'))} manages {n.team(d.get('team'))}"
    if action == "set_quota":
        metric = str(d.get("metric"))
        target = show(metric, float(d.get("target") or 0), n.currency)
        was = d.get("before")
        before = f" (was {show(metric, float(was), n.currency)})" if was is not None else ""
        return (
            f"{n.subject(d.get('subject'))}'s {metric} quota, {d.get('period')}: {target}{before}"
        )
    if action == "settings":
        return f"own setting {d.get('setting')} = {d.get('value')}"
    if action in ("admin_settings", "workspace.settings"):
        where = f"team {d['team']}" if d.get("team") else "workspace"
        changes = d.get("changes") or {}
        said = ", ".join(f"{k.replace('_', '-')} {v}" for k, v in changes.items())
        return f"{where} settings: {said}"
    if action == "privacy.erase":
        return "erased their data"
    return action


def _about(entry: AuditEntry, d: dict[str, Any], uid: int | None, tid: int | None) -> bool:
    if uid is not None:
        return (
            entry.user_id == uid
            or d.get("user") == uid
            or uid in (d.get("users") or [])
            or d.get("subject") == f"user:{uid}"
        )
    if tid is not None:
        return d.get("team") == tid or d.get("subject") == f"team:{tid}"
    return True


async def handle_audit_log(intent: Intent, ctx: Context) -> Reply:
    ws = ctx.actor.workspace_id
    query = select(AuditEntry).where(AuditEntry.workspace_id == ws, AuditEntry.action.in_(CHANGES))
    when = intent.slots.get("period")
    label = "lately"
    if isinstance(when, str):
        try:
            period = named(when, ctx.today)
        except ValueError as exc:
            raise UserError("Say a period like `this month` or `last week`.") from exc
        start, end = period.utc_bounds(ctx.actor.tz)
        query = query.where(AuditEntry.at >= start, AuditEntry.at < end)
        label = period.label
    rows = await ctx.session.scalars(
        query.order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(SCAN)
    )
    subject = ctx.subject
    uid = subject.user.id if subject.user is not None and subject.kind != "workspace" else None
    tid = subject.team.id if subject.team is not None else None
    found = [(e, json.loads(e.detail or "{}")) for e in rows]
    found = [(e, d) for e, d in found if _about(e, d, uid, tid)]
    people = await ctx.session.execute(select(User.id, User.name).where(User.workspace_id == ws))
    squads = await ctx.session.execute(select(Team.id, Team.name).where(Team.workspace_id == ws))
    users: dict[int, str] = dict(people.all())
    teams: dict[int, str] = dict(squads.all())
    names = _Names(users, teams, ctx.workspace.currency)
    whose = "" if uid is None and tid is None else f" about {subject.label}"
    if not found:
        return Reply(text=f"No changes{whose} {label}.")
    zone = ZoneInfo(ctx.actor.tz)
    table = Table(
        ("When", "Who", "What"),
        tuple(
            (
                e.at.astimezone(zone).strftime("%d %b %H:%M"),
                names.user(e.user_id) if e.user_id is not None else "QuotaBot",
                describe(e.action, d, names),
            )
            for e, d in found[:SHOWN]
        ),
    )
    more = (
        (f"{len(found) - SHOWN} older not shown; name a period to see them.",)
        if len(found) > SHOWN
        else ()
    )
    return Reply(
        text=f"{len(found)} change{'s' if len(found) != 1 else ''}{whose} {label}, newest first.",
        title="Audit log",
        table=table,
        notes=more,
    )


def register(router: Registrar) -> None:
    router.add(
        "audit_log",
        handle_audit_log,
        access="admin",
        summary="Admins: who changed roles, teams, quotas and settings, and when",
        examples=("/quotabot audit", "/quotabot audit @ben last month"),
        default_subject="everyone",
    )
