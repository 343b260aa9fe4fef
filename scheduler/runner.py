"""One scheduler pass (plan, then dispatch) and the APScheduler job that runs it every minute.

APScheduler only provides the heartbeat; it keeps no per-user jobs. Every replica may
tick: the outbox's unique keys and conditional updates make the work happen once.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.clock import Clock, system_clock
from scheduler import forecast_snapshots
from scheduler.dispatcher import DispatchConfig, Dispatcher, Outcome
from scheduler.notify import Notifier
from scheduler.pacing import Pacer
from scheduler.planner import PlanResult, plan
from scheduler.sync import Directory, SyncResult, sync_due
from storage import chat_files

log = logging.getLogger(__name__)

TICK_ID = "quotabot-tick"
# What each delivery kind is called on a `quotabot tick` line.
KIND_NAMES = {
    "daily": "reminder",
    "afternoon": "afternoon-reminder",
    "channel_help": "channel-help",
}
# Dispatch stops claiming new rows this long into a pass, so the next minute's tick is
# never blocked by a long send queue (max_instances=1 would drop it with a warning).
PASS_BUDGET = 50.0


@dataclass
class TickReport:
    at: datetime
    planned: PlanResult
    outcomes: list[Outcome] = field(default_factory=list)
    synced: list[SyncResult] = field(default_factory=list)
    # Forecast snapshots kept this pass (Mondays): one per rep, team and workspace.
    snapshots: int = 0

    def lines(self) -> list[str]:
        """One line per delivery this pass decided: skipped at planning, or dispatched."""
        out = [
            f"skipped {key} ({self.planned.reasons.get(key, '')})"
            for key in self.planned.recorded.get("skipped", [])
        ]
        for o in self.outcomes:
            detail = f" ({o.detail})" if o.detail else ""
            kind = KIND_NAMES.get(o.kind, o.kind)
            out.append(f"{o.status} {kind} {o.key} -> {o.platform} {o.recipient}{detail}")
        if self.snapshots:
            out.append(f"kept forecast snapshot x{self.snapshots}")
        return out


class Tick:
    """Plan + dispatch with one pacer shared across passes (pacing spans minutes)."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        notifiers: Mapping[str, Notifier],
        clock: Clock = system_clock,
        config: DispatchConfig | None = None,
        pacer: Pacer | None = None,
        directories: Mapping[str, Directory] | None = None,
    ) -> None:
        self.sessions = sessions
        self.notifiers = notifiers
        self.clock = clock
        self.config = config or DispatchConfig()
        self.pacer = pacer
        # Who is in a channel or group, per platform, for teams that follow one (sync.py).
        self.directories: Mapping[str, Directory] = directories or {}

    async def __call__(self, at: datetime | None = None, budget: float | None = None) -> TickReport:
        now = at or self.clock()
        if self.pacer is None:
            self.pacer = Pacer()
        planned = await plan(self.sessions, now, self.config.grace)
        async with self.sessions() as session, session.begin():
            await chat_files.forget_expired(session, now)
        clock = (lambda: now) if at is not None else self.clock
        dispatcher = Dispatcher(self.sessions, dict(self.notifiers), clock, self.config, self.pacer)
        deadline = None if budget is None else asyncio.get_running_loop().time() + budget
        report = TickReport(now, planned, await dispatcher.run(deadline))
        try:
            # After the sends, so a slow directory never delays a nudge; once a day per team.
            report.synced = await sync_due(self.sessions, self.directories, now)
        except Exception:
            log.exception("team sync failed")
        try:
            report.snapshots = await forecast_snapshots.take_due(self.sessions, now)
        except Exception:
            # Logged: the next minute of the same Monday tries again.
            log.exception("forecast snapshots failed")
        log.info(
            "tick %s: %d recorded, %d handled",
            now.isoformat(),
            sum(len(v) for v in planned.recorded.values()),
            len(report.outcomes),
        )
        return report


@dataclass
class SchedulerHandle:
    scheduler: AsyncIOScheduler
    tick: Tick

    def shutdown(self) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)


def start_in_process(tick: Tick) -> SchedulerHandle:
    """Start the every-minute tick on the running event loop (for `quotabot serve`)."""
    log.info("scheduler sending through: %s", ", ".join(sorted(tick.notifiers)))

    async def job() -> None:
        try:
            await tick(budget=PASS_BUDGET)
        except Exception:
            # Logged, not raised: the next minute retries from the database's state.
            log.exception("scheduler tick failed")

    scheduler = AsyncIOScheduler(timezone=UTC)
    scheduler.add_job(
        job,
        IntervalTrigger(minutes=1, timezone=UTC),
        id=TICK_ID,
        coalesce=True,  # after a stall, one catch-up run, not one per missed minute
        max_instances=1,  # never two passes of this process at once
        misfire_grace_time=30,
        next_run_time=datetime.now(UTC) + timedelta(seconds=1),
    )
    scheduler.start()
    return SchedulerHandle(scheduler, tick)


async def run_forever(tick: Tick, stop: asyncio.Event | None = None) -> None:
    """`quotabot scheduler`: tick every minute until `stop` is set (or the task is cancelled)."""
    handle = start_in_process(tick)
    try:
        await (stop or asyncio.Event()).wait()
    finally:
        handle.shutdown()
