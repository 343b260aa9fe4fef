"""`reminder days` in chat, and every bad reminder input: a clear reply, nothing written."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from bot.services import Services
from storage.models import AuditEntry, Delivery, Team
from tests.support.dialog import Chat
from tests.support.world import make_world

_COLUMNS = (
    "channel",
    "reminder_enabled",
    "reminder_time",
    "reminder_days",
    "afternoon_time",
    "mention_missing",
)


async def snapshot(services: Services) -> dict[str, Any]:
    """Every team's reminder columns and the row counts a settings change could touch."""
    async with services.sessions() as session:
        teams = (await session.scalars(select(Team).order_by(Team.id))).all()
        rows = {
            model.__tablename__: await session.scalar(select(func.count()).select_from(model))
            for model in (Team, AuditEntry, Delivery)
        }
        return {
            "rows": rows,
            "teams": [tuple(getattr(t, c) for c in _COLUMNS) for t in teams],
        }


async def test_a_manager_sets_the_days_and_hears_when_the_next_post_comes(
    services: Services,
) -> None:
    await make_world(services)
    chat = Chat(services)
    reply = await chat.say("mia", "/quotabot settings team East reminder days mon-thu")
    assert reply.ok, reply.text
    facts = {f.label: f.value for f in reply.facts}
    assert facts == {
        "Reminder days": "Mon–Thu",
        # Wednesday 10:00 in New York: today's 09:00 has gone, Thursday's is next.
        "Next morning post": "Thu 19 Nov at 09:00 (America/New_York) in C-EAST",
    }
    for said, shown in (
        ("mon,tue,fri", "Mon, Tue, Fri"),
        ("mon, wed and fri", "Mon, Wed, Fri"),
        ("weekdays", "Mon–Fri"),
        ("every day", "every day"),
        ("default", "working days (Mon–Fri)"),
    ):
        reply = await chat.say("mia", f"/quotabot settings team East reminder days {said}")
        assert reply.ok and reply.facts[0].value == shown, (said, reply.text)

    said = "/quotabot settings team East afternoon 16:30 reminder 09:30 days tue"
    reply = await chat.say("mia", said)
    assert reply.ok, reply.text
    assert [(f.label, f.value) for f in reply.facts] == [
        ("Afternoon reminder", "16:30"),
        ("Daily reminder", "09:30"),
        ("Reminder days", "Tue"),
        ("Next morning post", "Tue 24 Nov at 09:30 (America/New_York) in C-EAST"),
    ]


async def test_bad_reminder_input_changes_nothing(services: Services) -> None:
    world = await make_world(services)
    async with services.sessions() as session, session.begin():
        session.add(Team(workspace_id=world.workspace_id, name="North", timezone="UTC"))
    chat = Chat(services)
    before = await snapshot(services)
    cases = (
        ("mia", "/quotabot settings team East reminder 25:00", "'25:00' is not a time like 09:30"),
        ("mia", "/quotabot settings team East reminder days funday", "I don't know the day"),
        ("mia", "/quotabot settings team East reminder days mon-fun", "`mon-thu`, `mon,tue,fri`"),
        ("mia", "/quotabot settings team East reminder days", "Which days"),
        ("ada", "/quotabot settings team East afternoon", "Give `afternoon` a time like 09:30"),
        ("mia", "/quotabot settings team East reminder 07:00", "inside quiet hours"),
        ("mia", "/quotabot settings team East afternoon 20:30", "inside quiet hours"),
        ("ada", "/quotabot settings team North reminder 09:00", "has no channel to post in"),
        ("ada", "/quotabot settings team North reminder days mon-thu", "has no channel"),
        ("rita", "/quotabot settings team East reminder days mon-thu", "Only managers and admins"),
        ("walt", "/quotabot settings team East reminder days mon", "your own team only"),
        # Both parts checked before either is written.
        ("mia", "/quotabot settings team East reminder 09:30 days funday", "I don't know"),
    )
    for who, text, expected in cases:
        reply = await chat.say(who, text)
        assert not reply.ok and expected in reply.text, (text, reply.text)
        assert await snapshot(services) == before, text
