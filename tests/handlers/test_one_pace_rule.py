"""One answer to "how is this rep doing?": /quota, the manager's /team and the nudge agree."""

from __future__ import annotations

import io
import math
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from bot.adapters.console.notifier import ConsoleNotifier
from bot.app import make_tick
from bot.services import Services
from scheduler.dispatcher import DispatchConfig
from scheduler.pacing import Pacer
from storage.models import Delivery
from tests.support.clock import FakeClock
from tests.support.dialog import Chat
from tests.support.world import make_world, set_quota

NOV = date(2026, 11, 1)
# Wed 18 Nov 2026, 16:00 in New York: Rita's nudge time (the workspace default).
NUDGE_TIME = datetime(2026, 11, 18, 21, 0, tzinfo=UTC)
# November 2026 has 21 working days (Mon-Fri); by 16:00 on the 18th, 12 whole ones and
# 7 of today's 8 working hours are gone: the pace line is $50,000 x 12.875 / 21.
EXPECTED = 50_000 * 12.875 / 21  # $30,654.76


async def _nudge_for(services: Services, rita: int) -> tuple[str | None, str]:
    """Run the scheduler at this instant; Rita's nudge row status and what she was sent."""
    out = io.StringIO()
    services.notifiers = {"console": ConsoleNotifier(out)}
    await make_tick(
        services, DispatchConfig(), Pacer(per_channel=1000.0, per_workspace=100_000.0)
    )()
    async with services.sessions() as session:
        status = await session.scalar(
            select(Delivery.status).where(Delivery.kind == "nudge", Delivery.user_id == rita)
        )
    return status, out.getvalue()


@pytest.mark.parametrize("share", [0.95, 0.90])
async def test_a_rep_near_the_pace_line_is_on_pace_everywhere_and_not_nudged(
    services: Services, clock: FakeClock, share: float
) -> None:
    world = await make_world(services)
    await set_quota(services, world, "rita", "revenue", "month", NOV, 5_000_000)
    clock.now = NUDGE_TIME
    chat = Chat(services)
    await chat.say("rita", "20 calls")  # the daily activity goal (20) is met
    await chat.say("rita", f"closed Initech for ${math.ceil(EXPECTED * share)}")

    quota = await chat.say("rita", "/quota")
    assert quota.text.endswith("on pace 👍.")
    team = await chat.say("mia", "/team")
    row = next(r for r in team.table.rows if r[0] == "Rita Rep") if team.table else ()
    assert row[-1] == "on pace"
    assert "Rita" not in " ".join(team.notes)  # not listed under "could use support"

    status, sent = await _nudge_for(services, world.users["rita"])
    assert status == "skipped" and "Rita" not in sent


@pytest.mark.parametrize("share", [0.50, 0.89])
async def test_a_rep_behind_gets_the_nudge_with_the_numbers_quota_shows(
    services: Services, clock: FakeClock, share: float
) -> None:
    world = await make_world(services)
    await set_quota(services, world, "rita", "revenue", "month", NOV, 5_000_000)
    clock.now = NUDGE_TIME
    chat = Chat(services)
    await chat.say("rita", "20 calls")
    won = round(EXPECTED * share)
    await chat.say("rita", f"closed Initech for ${won}")

    quota = await chat.say("rita", "/quota")
    assert quota.text.endswith("behind pace.")
    team = await chat.say("mia", "/team")
    assert team.table is not None
    assert next(r for r in team.table.rows if r[0] == "Rita Rep")[-1] == "behind"

    status, sent = await _nudge_for(services, world.users["rita"])
    assert status == "sent"
    assert f"${won:,} of $50,000" in sent and "behind pace" in sent
    # The very figures /quota gave at this moment, formatted the same way.
    assert "on pace would be $30,655 by now" in quota.facts[0].value
    assert "on pace would be $30,655 by now" in sent


async def test_team_at_0830_on_the_first_working_day_of_a_month(
    services: Services, clock: FakeClock
) -> None:
    world = await make_world(services)
    dec = date(2026, 12, 1)
    await set_quota(services, world, "rita", "revenue", "month", dec, 4_500_000)
    # Tue 1 Dec 2026, 08:30 in New York: the month's working hours have not started there
    # (Ron, in Bucharest, is mid-afternoon: his pace is his own, so he has no quota here).
    clock.now = datetime(2026, 12, 1, 13, 30, tzinfo=UTC)
    chat = Chat(services)
    await chat.say("rita", "6 calls")

    team = await chat.say("mia", "/team")
    assert team.text == "Team East, December 2026: 1 on pace, 0 behind."
    assert not any("support" in n for n in team.notes)
    # Rita's 6 activities today are divided by today, the one working day so far; ron has none.
    assert ("Activities per rep per day", "3.0") in [(f.label, f.value) for f in team.facts]

    quota = await chat.say("rita", "/quota")
    assert quota.text == "You're at 0% of $45,000 for December 2026, on pace 👍."


async def test_team_mid_week_divides_by_the_days_so_far_today_included(
    services: Services, clock: FakeClock
) -> None:
    world = await make_world(services)
    await set_quota(services, world, "rita", "revenue", "month", date(2026, 11, 1), 5_000_000)
    clock.now = datetime(2026, 11, 17, 15, 0, tzinfo=UTC)  # Tue 17 Nov, 10:00 in New York
    chat = Chat(services)
    await chat.say("rita", "30 calls yesterday")
    await chat.say("rita", "30 calls")

    week = await chat.say("rita", "my stats this week")
    # 60 activities on Monday and Tuesday, asked on Tuesday: 30 a day, not 60.
    assert ("Activities per day", "30.0") in [(f.label, f.value) for f in week.facts]


async def test_a_week_without_its_own_target_takes_its_share_of_the_month(
    services: Services, clock: FakeClock
) -> None:
    world = await make_world(services)
    await set_quota(services, world, "rita", "revenue", "month", date(2026, 12, 1), 4_500_000)
    clock.now = datetime(2026, 12, 8, 15, 0, tzinfo=UTC)  # Tue 8 Dec, 10:00 in New York
    chat = Chat(services)
    await chat.say("rita", "closed Initech for $5k")

    reply = await chat.say("rita", "how am I tracking this week?")
    # December 2026 has 23 weekdays, one of them Christmas... but the workspace has no
    # holiday country, so 23 working days: this week's 5 are $45,000 x 5 / 23 = $9,783.
    assert reply.text.startswith("You're at 51% of $9,783 for week of 07 Dec")
    assert any(
        "$9,783 is its working-day share of your $45,000 quota for December 2026" in n
        for n in reply.notes
    )


async def test_a_week_across_two_months_adds_both_shares(
    services: Services, clock: FakeClock
) -> None:
    world = await make_world(services)
    await set_quota(services, world, "rita", "calls", "month", date(2026, 11, 1), 210)
    await set_quota(services, world, "rita", "calls", "month", date(2026, 12, 1), 230)
    clock.now = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)  # Wed 2 Dec
    chat = Chat(services)
    reply = await chat.say("rita", "/quota this week")
    # Mon 30 Nov is 1 of November's 21 working days (10 calls); 1-4 Dec are 4 of
    # December's 23 (40 calls): 50 calls for the week.
    assert "of 50 calls for week of 30 Nov" in reply.text


async def test_the_nudge_tip_fits_a_rep_without_open_deals(
    services: Services, clock: FakeClock
) -> None:
    world = await make_world(services)
    clock.now = NUDGE_TIME
    chat = Chat(services)
    await chat.say("rita", "2 calls")

    _, sent = await _nudge_for(services, world.users["rita"])
    assert "No open deals yet" in sent and "Pick three open deals" not in sent
