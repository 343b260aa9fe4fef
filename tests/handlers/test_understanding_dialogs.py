"""The answers behind the parser's newer readings: named months, names, small talk, goals."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select

from bot.services import Services
from storage.models import Activity, User
from tests.support.clock import FakeClock
from tests.support.dialog import Chat
from tests.support.world import counts, make_world, set_quota

DEC_2 = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)  # Wed 2 Dec, 10:00 in New York


async def test_a_named_month_is_that_month_in_quota_and_team(
    services: Services, clock: FakeClock
) -> None:
    world = await make_world(services)
    await set_quota(services, world, "rita", "revenue", "month", date(2026, 10, 1), 3_000_000)
    clock.now = datetime(2026, 10, 20, 15, 0, tzinfo=UTC)
    chat = Chat(services)
    await chat.say("rita", "closed Initech for $12k")
    clock.now = DEC_2

    mine = await chat.say("rita", "how did I do in October?")
    assert mine.text.startswith("You're at 40% of $30,000 for October 2026")
    team = await chat.say("mia", "how did my team do in October?")
    assert team.text.startswith("Team East, October 2026:")


async def test_who_is_behind_lists_the_reps_behind_first(
    services: Services, clock: FakeClock
) -> None:
    world = await make_world(services)
    for rep in ("rita", "ron"):
        await set_quota(services, world, rep, "calls", "month", date(2026, 12, 1), 230)
    clock.now = DEC_2
    chat = Chat(services)
    await chat.say("rita", "40 calls")  # Rita is ahead; Ron has nothing

    reply = await chat.say("mia", "who is behind?")
    assert reply.table is not None
    assert [(r[0], r[-1]) for r in reply.table.rows][:2] == [
        ("Ron Rep", "behind"),
        ("Rita Rep", "on pace"),
    ]


async def test_a_person_named_without_a_mention_is_that_person_under_the_rules(
    services: Services,
) -> None:
    await make_world(services)
    chat = Chat(services)
    await chat.say("rita", "12 calls")
    reply = await chat.say("mia", "how is rita doing?")
    assert reply.text.startswith("Rita Rep's activity") and "12 calls" in reply.text
    for asker in ("ron", "walt"):  # another rep; a manager of another team
        refused = await chat.say(asker, "how is rita doing?")
        assert not refused.ok and "12 calls" not in refused.text


async def test_small_talk_gets_a_short_friendly_answer_and_writes_nothing(
    services: Services,
) -> None:
    await make_world(services)
    chat = Chat(services)
    before = await counts(services)
    assert (await chat.say("rita", "hi")).text.startswith("Hi Rita! 👋")
    assert (await chat.say("rita", "thanks!")).text == "Anytime, Rita! 🙌"
    planned = await chat.say("rita", "booked a demo with Acme for next thursday")
    assert planned.text.startswith("Thu 19 Nov hasn't happened yet, so I haven't logged")
    assert await counts(services) == before


async def test_a_daily_goal_is_stored_for_the_rep_and_used(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    reply = await chat.say("mia", "/goal @rita 25 activities a day")
    assert reply.text == "🎯 Daily goal for Rita Rep: 25 activities a day."
    async with services.sessions() as session:
        rita = await session.scalar(select(User).where(User.external_id == "rita"))
        assert rita is not None and rita.daily_activity_goal == 25
    logged = await chat.say("rita", "5 calls")
    assert ("Activities today", "5 of 25") in [(f.label, f.value) for f in logged.facts]
    refused = await chat.say("ron", "/goal @rita 5 activities a day")
    assert not refused.ok


async def _days(services: Services) -> list[date]:
    async with services.sessions() as session:
        return sorted((await session.scalars(select(Activity.occurred_on))).all())


async def test_numeric_dates_follow_the_workspace_date_order(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    await chat.say("rita", "3 calls on 11/16")  # month first by default
    assert await _days(services) == [date(2026, 11, 16)]
    assert not (await chat.say("rita", "/quotabot settings workspace date-order dmy")).ok
    changed = await chat.say("ada", "/quotabot settings workspace date-order dmy")
    assert changed.ok, changed.text
    await chat.say("rita", "2 emails on 17/11")
    assert await _days(services) == [date(2026, 11, 16), date(2026, 11, 17)]
    refused = await chat.say("ada", "/quotabot settings workspace date-order ymd")
    assert not refused.ok and "mdy" in refused.text
