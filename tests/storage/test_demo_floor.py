"""The demo floor looks alive on any day: work up to now, quotas that add up, a real spread."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services import Services
from core.clock import local_date, local_moment
from core.pace import Progress
from core.periods import containing
from handlers.shared.standing import rep_lead
from storage import demo
from storage.models import Activity, Deal, DealStageChange, Quota, Team, User, Workspace
from tests.support.clock import FakeClock
from tests.support.dialog import Chat

# 15:00 UTC is morning in the Americas, late afternoon in Europe and evening in India.
DAYS = {
    "the 1st of a month": datetime(2026, 10, 1, 15, 0, tzinfo=UTC),
    "a Monday that is the 1st": datetime(2026, 6, 1, 15, 0, tzinfo=UTC),
    "a Monday mid-month": datetime(2026, 11, 16, 15, 0, tzinfo=UTC),
    "mid-month": datetime(2026, 5, 15, 15, 0, tzinfo=UTC),
    # New York's afternoon; Kolkata is already in the small hours of Q4.
    "the last day of a quarter": datetime(2026, 9, 30, 21, 0, tzinfo=UTC),
    "Jan 1, a holiday": datetime(2027, 1, 1, 15, 0, tzinfo=UTC),
    "a Saturday the 1st": datetime(2026, 8, 1, 15, 0, tzinfo=UTC),
}


@pytest.fixture(params=list(DAYS.values()), ids=list(DAYS))
def now(request: pytest.FixtureRequest) -> datetime:
    day: datetime = request.param
    return day


async def seeded(services: Services, clock: FakeClock, now: datetime) -> Services:
    """The demo floor seeded at `now`, with the bot's clock stopped there too."""
    clock.now = now
    async with services.sessions() as session, session.begin():
        await demo.seed(session, now)
    return services


@pytest.fixture
async def floor(services: Services, clock: FakeClock, now: datetime) -> Services:
    return await seeded(services, clock, now)


async def reps(session: AsyncSession) -> list[User]:
    found = await session.scalars(select(User).where(User.role == "rep").order_by(User.name))
    return list(found.all())


async def logged(session: AsyncSession, rep: User, first: date, last: date) -> int:
    """Activities the rep logged from `first` to `last`, both included."""
    total = await session.scalar(
        select(func.sum(Activity.count)).where(
            Activity.user_id == rep.id, Activity.occurred_on.between(first, last)
        )
    )
    return int(total or 0)


async def test_every_rep_has_worked_today_this_week_and_this_month(
    floor: Services, now: datetime
) -> None:
    async with floor.sessions() as session:
        for rep in await reps(session):
            today = local_date(now, rep.tz)
            for kind in ("day", "week", "month"):
                start = containing(kind, today).start
                assert await logged(session, rep, start, today), f"{rep.name}: {kind} of {today}"


async def test_nothing_is_dated_after_now(floor: Services, now: datetime) -> None:
    async with floor.sessions() as session:
        for rep in await reps(session):
            today = local_date(now, rep.tz)
            later = await session.scalar(
                select(func.count())
                .select_from(Activity)
                .where(
                    Activity.user_id == rep.id,
                    or_(Activity.occurred_on > today, Activity.created_at > now),
                )
            )
            assert later == 0, rep.name
            won_later = await session.scalar(
                select(func.count())
                .select_from(Deal)
                .where(Deal.owner_id == rep.id, Deal.stage == "won", Deal.close_date > today)
            )
            assert won_later == 0, rep.name
        future_deals = await session.scalar(
            select(func.count())
            .select_from(Deal)
            .where(or_(Deal.created_at > now, Deal.updated_at > now, Deal.closed_at > now))
        )
        future_changes = await session.scalar(
            select(func.count())
            .select_from(DealStageChange)
            .where(DealStageChange.changed_at > now)
        )
    assert (future_deals, future_changes) == (0, 0)


async def test_each_quarter_quota_is_the_sum_of_its_months(floor: Services, now: datetime) -> None:
    async with floor.sessions() as session:
        rows = (await session.execute(select(Quota))).scalars().all()
        targets = {(q.subject, q.metric, q.period_kind, q.period_start): q.target for q in rows}
        for rep in await reps(session):
            today = local_date(now, rep.tz)
            this = containing("quarter", today)
            for quarter in (this.shifted(-1), this):
                months = [containing("month", quarter.start).shifted(i) for i in range(3)]
                for metric in ("revenue", "activities"):
                    key = f"user:{rep.id}", metric
                    monthly = [targets[(*key, "month", m.start)] for m in months]
                    assert targets[(*key, "quarter", quarter.start)] == sum(monthly)
            # The month the rep is in has a quota of its own, so /quota answers for it.
            assert (f"user:{rep.id}", "revenue", "month", today.replace(day=1)) in targets


async def test_a_team_quota_is_the_sum_of_its_reps(services: Services, clock: FakeClock) -> None:
    now = DAYS["mid-month"]
    await seeded(services, clock, now)
    async with services.sessions() as session:
        own = await session.scalar(
            select(func.count())
            .select_from(Quota)
            .where(or_(Quota.team_id.is_not(None), Quota.subject.like("team:%")))
        )
        americas = await session.scalar(select(Team.id).where(Team.name == "Americas"))
        summed = await session.scalar(
            select(func.sum(Quota.target))
            .join(User, User.id == Quota.user_id)
            .where(
                User.team_id == americas,
                Quota.metric == "revenue",
                Quota.period_kind == "month",
                Quota.period_start == now.date().replace(day=1),
            )
        )
    # No quota rows of their own: a team's target is always its reps' together.
    assert own == 0
    assert summed == 260_000_00

    reply = await Chat(services, workspace=demo.DEMO_WORKSPACE).text(
        "maya", "how is my team tracking?"
    )

    assert "$260,000" in reply, reply


async def _leads(services: Services, when: Callable[[User], datetime]) -> list[Progress]:
    """Each rep's headline quota (what /quota answers first) at the moment `when` gives."""
    async with services.sessions() as session:
        ws = await session.scalar(select(Workspace))
        assert ws is not None
        found = []
        for rep in await reps(session):
            lead = await rep_lead(session, rep, ws, when(rep))
            assert lead is not None, rep.name
            found.append(lead)
        return found


async def test_a_few_reps_are_ahead_most_near_pace_and_one_or_two_behind(
    floor: Services, now: datetime
) -> None:
    leads = await _leads(floor, lambda rep: now)
    if not any(lead.grace_line for lead in leads):
        # Less than half a working day of the month has gone by anywhere (the morning of the
        # 1st, a holiday or a weekend 1st): nobody can be behind yet (core.pace.GRACE_DAYS).
        # Judge how last month closed.
        def closing(rep: User) -> datetime:
            last_day = local_date(now, rep.tz).replace(day=1) - timedelta(days=1)
            return local_moment(last_day, time(23, 0), rep.tz)

        leads = await _leads(floor, closing)
        assert all(lead.period.end == now.date().replace(day=1) for lead in leads)
    ahead = [lead for lead in leads if lead.ahead]
    behind = [lead for lead in leads if not lead.on_pace]

    assert all(lead.metric == "revenue" for lead in leads)
    assert 1 <= len(ahead) <= 4, [(lead.actual, lead.expected) for lead in leads]
    if all(lead.grace_line for lead in leads):
        assert 1 <= len(behind) <= 2, [(lead.actual, lead.expected) for lead in leads]
    else:
        # Some reps' day has barely begun (zones): they cannot be behind yet.
        assert len(behind) <= 2, [(lead.actual, lead.expected) for lead in leads]
