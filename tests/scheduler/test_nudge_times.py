"""Time travel: one nudge at local 16:00 on working days, across DST, in four zones."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays
import pytest

from tests.scheduler.world import World

# Each window spans a weekend with a DST change (Kolkata has none, and a :30 offset).
WINDOWS = [
    ("America/New_York", "US", date(2026, 3, 6), date(2026, 3, 11)),
    ("America/New_York", "US", date(2026, 10, 30), date(2026, 11, 4)),
    ("Europe/Bucharest", "RO", date(2026, 3, 27), date(2026, 4, 1)),
    ("Europe/Bucharest", "RO", date(2026, 10, 23), date(2026, 10, 28)),
    ("Australia/Sydney", "AU", date(2026, 4, 3), date(2026, 4, 8)),
    ("Australia/Sydney", "AU", date(2026, 10, 2), date(2026, 10, 7)),
    ("Asia/Kolkata", "IN", date(2026, 3, 6), date(2026, 3, 11)),
]


def every_local_hour(tz: str, first: date, last: date) -> list[datetime]:
    """Each local wall-clock hour of the days [first, last], as UTC instants."""
    zone = ZoneInfo(tz)
    out = []
    day = first
    while day <= last:
        out += [datetime.combine(day, time(h), zone).astimezone(UTC) for h in range(24)]
        day += timedelta(days=1)
    return sorted(set(out))


def working_days(first: date, last: date, country: str) -> list[date]:
    official = holidays.country_holidays(country, years=first.year)
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    return [d for d in days if d.isoweekday() <= 5 and d not in official]


@pytest.mark.parametrize(("tz", "country", "first", "last"), WINDOWS)
async def test_one_nudge_at_local_four_pm_on_each_working_day(
    world: World, tz: str, country: str, first: date, last: date
) -> None:
    ws = await world.workspace(holiday_country=country)
    ana = await world.rep(ws, "Ana Pop", tz)

    for instant in every_local_hour(tz, first, last):
        if (await world.tick(instant)).outcomes:
            again = await world.tick(instant)  # the same instant twice sends nothing more
            assert again.outcomes == [] and again.planned.considered == 0

    zone = ZoneInfo(tz)
    sent_local = [d.sent_at.astimezone(zone) for d in await world.deliveries(status="sent")]
    assert all(s.time() == time(16, 0) for s in sent_local), sent_local
    days = [s.date() for s in sent_local]
    expected = working_days(first, last, country)
    assert days == expected  # each working day once: no weekend, no public holiday
    assert len(world.slack.sent) == len(expected)
    assert {m.user for m in world.slack.sent} == {ana.external_id}


async def test_no_nudge_on_a_national_holiday(world: World) -> None:
    ws = await world.workspace(holiday_country="US")
    ion = await world.rep(ws, "Ion Popescu", "Europe/Bucharest", country="RO")
    jo = await world.rep(ws, "Jo Smith", "America/New_York")

    # 26 November 2026 is US Thanksgiving; 1 December is Romania's National Day.
    await world.tick(datetime(2026, 11, 26, 21, 0, tzinfo=UTC))  # 16:00 in New York
    await world.tick(datetime(2026, 12, 1, 14, 0, tzinfo=UTC))  # 16:00 in Bucharest
    assert world.slack.sent == []
    keys = {d.idempotency_key for d in await world.deliveries()}
    assert f"nudge:{jo.id}:2026-11-26" not in keys
    assert f"nudge:{ion.id}:2026-12-01" not in keys

    await world.tick(datetime(2026, 12, 2, 14, 0, tzinfo=UTC))  # an ordinary Wednesday
    assert [m.user for m in world.slack.sent] == [ion.external_id]


async def test_no_nudge_for_a_rep_on_target(world: World) -> None:
    ws = await world.workspace(daily_activity_goal=5)
    busy = await world.rep(ws, "Busy Bee", "Europe/Bucharest")
    idle = await world.rep(ws, "Idle Ida", "Europe/Bucharest")
    await world.log(busy, date(2026, 11, 18), 6)
    await world.log(idle, date(2026, 11, 18), 2)

    report = await world.tick(datetime(2026, 11, 18, 14, 0, tzinfo=UTC))

    assert [m.user for m in world.slack.sent] == [idle.external_id]
    (skipped,) = await world.deliveries(status="skipped")
    assert skipped.user_id == busy.id and "on target" in (skipped.error or "")
    assert any(line.startswith("skipped nudge:") for line in report.lines())


async def test_no_nudge_when_turned_off(world: World) -> None:
    ws = await world.workspace()
    await world.rep(ws, "Quiet Quinn", "America/New_York", nudges_enabled=False)

    await world.tick(datetime(2026, 11, 18, 21, 0, tzinfo=UTC))

    assert world.slack.sent == [] and await world.count() == 0


async def test_a_users_own_nudge_time_wins_over_the_workspace_default(world: World) -> None:
    ws = await world.workspace(nudge_time="16:00")
    early = await world.rep(ws, "Early Eve", "Asia/Kolkata", nudge_time="11:30")

    await world.tick(datetime(2026, 11, 18, 5, 30, tzinfo=UTC))  # 11:00 IST: not yet
    assert world.slack.sent == []
    await world.tick(datetime(2026, 11, 18, 6, 0, tzinfo=UTC))  # 11:30 IST
    assert [m.user for m in world.slack.sent] == [early.external_id]


async def test_a_nudge_time_inside_quiet_hours_is_recorded_not_sent(world: World) -> None:
    ws = await world.workspace(quiet_start="19:00", quiet_end="08:00")
    await world.rep(ws, "Night Owl", "UTC", nudge_time="22:00")

    await world.tick(datetime(2026, 11, 18, 22, 0, tzinfo=UTC))

    assert world.slack.sent == []
    (row,) = await world.deliveries()
    assert row.status == "skipped" and "quiet hours" in (row.error or "")
