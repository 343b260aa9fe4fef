"""A manager who opted in gets a Monday DM about their team; the others get nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.services import Services
from scheduler.runner import Tick
from tests.scheduler.world import Recorder, fast_pacer
from tests.support.clock import FakeClock
from tests.support.dialog import Chat
from tests.support.world import make_world, set_quota


async def test_the_monday_digest_says_who_is_on_pace_and_how_the_forecast_moved(
    services: Services, clock: FakeClock
) -> None:
    world = await make_world(services)
    await set_quota(services, world, "rita", "revenue", "month", date(2026, 11, 1), 3_000_000)
    await set_quota(services, world, "ron", "revenue", "month", date(2026, 11, 1), 3_000_000)
    chat = Chat(services)
    assert not (await chat.say("rita", "/quotabot digest on")).ok  # managers only
    assert "every Monday" in (await chat.say("mia", "/quotabot digest on")).text
    await chat.say("rita", "closed Initech for $30k")
    await chat.say("rita", "new opp Hooli 40k closing Dec 30")
    console = Recorder("console")
    tick = Tick(services.sessions, {"console": console}, clock, pacer=fast_pacer())

    clock.now = datetime(2026, 11, 23, 5, 0, tzinfo=UTC)  # Monday in UTC: the snapshot
    await tick(clock.now)
    await chat.say("rita", "moved Hooli to negotiation")
    clock.now = datetime(2026, 11, 30, 13, 35, tzinfo=UTC)  # 08:35 Monday in New York
    await tick(clock.now)
    await tick(clock.now)  # once a week, whatever the ticks

    [digest] = [m for m in console.sent if m.idempotency_key.startswith("digest:")]
    assert digest.user == "mia"
    assert digest.reply.title == "Monday digest: team East"
    facts = {f.label: f.value for f in digest.reply.facts}
    assert facts["On pace"] == "1 of 2 reps with a quota"
    assert facts["Could use support"] == "Ron Rep"
    # $30k won + Hooli $40k: 10% weighted last Monday ($34k), 75% now ($60k).
    assert facts["Weighted forecast, Q4 2026"] == "$60,000 (+$26,000 since last Monday)"
    assert facts["Open pipeline closing in Q4 2026"] == "$40,000 (+$0 since last Monday)"
    chart = digest.reply.chart
    assert chart is not None and chart.labels == ("Rita Rep", "Ron Rep")
    assert chart.marked == frozenset({1})

    assert "No more" in (await chat.say("mia", "/quotabot digest off")).text
    clock.now = datetime(2026, 12, 7, 13, 35, tzinfo=UTC)
    await tick(clock.now)
    assert len([m for m in console.sent if m.idempotency_key.startswith("digest:")]) == 1
