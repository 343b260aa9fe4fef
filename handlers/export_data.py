"""`/quotabot export activities|deals|quotas|people [--from D --to D]`: a CSV file in a DM."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

from core.messages import Attachment, Reply
from handlers.contract import Registrar
from handlers.shared.audit import audit
from handlers.shared.context import Context
from handlers.shared.errors import UserError
from nlp.intent import Intent
from nlp.transfer import KINDS
from storage.models import Team
from storage.transfer.export import export
from storage.transfer.run import SINGULAR

# Read on the serving process's event loop (about 40,000 rows a second): 50,000 rows keep it
# busy ~1.3 s, within Slack's 3 s for the acks behind it. The CLI streams any size to a file.
MAX_ROWS = 50_000
MAX_BYTES = 20 * 1024 * 1024
CLI = "`quotabot export {kind} --workspace NAME --out {kind}.csv` on the server"
USAGE = (
    "Say what to export: `/quotabot export deals`, `/quotabot export activities --from "
    "2026-01-01 --to 2026-06-30` (people, activities, deals or quotas)."
)


def _day(slots: dict[str, object], key: str) -> date | None:
    raw = slots.get(key)
    if not raw:
        return None
    try:
        return date.fromisoformat(str(raw))
    except ValueError:
        raise UserError(f"`{raw}` is not a date I can read; write it like 2026-01-31.") from None


async def _scope(ctx: Context) -> tuple[int | None, str]:
    """The team whose rows go out (None: the whole workspace) and how the reply names it."""
    subject, actor = ctx.subject, ctx.actor
    if subject.kind == "team" and subject.team is not None:
        return subject.team.id, f"team {subject.team.name}"
    if subject.kind == "workspace" or (subject.kind == "self" and actor.role == "admin"):
        return None, "everyone"
    if subject.kind == "user":
        raise UserError(
            "I export a whole team, not one person: try `/quotabot export deals` "
            "(your team), or they can get their own with `/quotabot my data`."
        )
    team = await ctx.session.get(Team, actor.team_id) if actor.team_id is not None else None
    if team is None:
        raise UserError("You don't manage a team yet, so there is nothing of yours to export.")
    return team.id, f"team {team.name}"


async def handle_export_data(intent: Intent, ctx: Context) -> Reply:
    kind = str(intent.slots.get("kind") or "")
    if kind not in KINDS:
        return Reply(text=USAGE, ok=False)
    start, last = _day(intent.slots, "from"), _day(intent.slots, "to")
    if start and last and start > last:
        raise UserError(f"The range starts after it ends ({start} to {last}).")
    team, label = await _scope(ctx)
    out = io.StringIO()
    end = None if last is None else last + timedelta(days=1)
    count = await export(
        ctx.session, ctx.workspace, kind, out, start, end, team=team, limit=MAX_ROWS + 1
    )
    text = out.getvalue()
    if count > MAX_ROWS or len(text) > MAX_BYTES:
        raise UserError(
            f"That's more than {MAX_ROWS:,} rows, too big for a chat file. Narrow it with "
            f"`--from`/`--to`, or ask an admin to run {CLI.format(kind=kind)}."
        )
    span = f" from {start or 'the start'} to {last or 'today'}" if start or last else ""
    audit(ctx, "export", kind=kind, team=team, rows=count, start=start, end=last)
    what = SINGULAR[kind] if count == 1 else kind
    slug = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")
    return Reply(
        text=f"📤 {count:,} {what} of {label}{span}, as a CSV file sent to you alone.",
        notes=("The columns are the ones `quotabot import` reads back.",),
        attachment=Attachment(
            f"quotabot-{kind}-{slug}-{ctx.today.isoformat()}.csv",
            text,
            media_type="text/csv",
            direct=True,
        ),
    )


def register(router: Registrar) -> None:
    router.add(
        "export_data",
        handle_export_data,
        access="manage",
        summary="Export your team's (admins: everyone's) data as a CSV file",
        examples=(
            "/quotabot export deals",
            "/quotabot export activities --from 2026-01-01 --to 2026-06-30",
            "export my team's deals from 2026-01-01 to 2026-06-30",
        ),
    )
