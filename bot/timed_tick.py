"""A scheduler tick that reports its duration and outcomes to the process's metrics."""

from __future__ import annotations

import time
from datetime import datetime

from bot.metrics import Metrics
from scheduler.runner import KIND_NAMES, Tick, TickReport


class TimedTick(Tick):
    """The same pass as `inner` (same pacer, notifiers and directories), timed."""

    def __init__(self, inner: Tick, metrics: Metrics) -> None:
        super().__init__(
            inner.sessions,
            inner.notifiers,
            inner.clock,
            inner.config,
            inner.pacer,
            inner.directories,
        )
        self.metrics = metrics

    async def __call__(self, at: datetime | None = None, budget: float | None = None) -> TickReport:
        started = time.perf_counter()
        try:
            report = await super().__call__(at, budget)
        finally:
            # Failed passes are timed too: a pass that dies slowly is what an alert wants.
            self.metrics.tick_seconds.observe(time.perf_counter() - started)
        for outcome in report.outcomes:
            kind = KIND_NAMES.get(outcome.kind, outcome.kind)
            self.metrics.tick_outcomes.labels(kind, outcome.status).inc()
        return report
