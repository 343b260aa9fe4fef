"""Prometheus metrics with prometheus-client: one registry per app, found through a context."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime
from typing import TYPE_CHECKING

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from nlp.intent import Intent
from storage import inbox, replies
from storage.models import Delivery

if TYPE_CHECKING:  # adapters import this module; the worker is only a type here
    from bot.inbox_worker import InboxWorker

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
# Acks must answer within Slack's 3 s; the buckets resolve the range around that budget.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 3.0, 5.0, 10.0)
TICK_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)


class Metrics:
    """Every figure one process exposes. Its own registry (never the global default), so
    two apps in one test process count apart."""

    def __init__(self) -> None:
        r = self.registry = CollectorRegistry()
        self.requests = Counter(
            "quotabot_http_requests",
            "HTTP requests answered, by route template, method and status.",
            ["route", "method", "status"],
            registry=r,
        )
        self.latency = Histogram(
            "quotabot_http_request_duration_seconds",
            "Seconds from request to the end of the response, by route template.",
            ["route"],
            buckets=LATENCY_BUCKETS,
            registry=r,
        )
        self.platform_errors = Counter(
            "quotabot_platform_api_errors",
            "Failed calls to a platform API, by platform and error code or HTTP status.",
            ["platform", "error"],
            registry=r,
        )
        self.rate_limited = Counter(
            "quotabot_platform_rate_limited",
            "HTTP 429 answers from a platform API (retried or rescheduled).",
            ["platform"],
            registry=r,
        )
        self.intents = Counter(
            "quotabot_parse_intents", "Messages parsed, by intent.", ["intent"], registry=r
        )
        self.clarifications = Counter(
            "quotabot_parse_clarifications",
            "Parsed writes too unsure to record without asking first.",
            registry=r,
        )
        self.tick_seconds = Histogram(
            "quotabot_scheduler_tick_duration_seconds",
            "Seconds one scheduler pass took (plan, send, team sync).",
            buckets=TICK_BUCKETS,
            registry=r,
        )
        self.tick_outcomes = Counter(
            "quotabot_scheduler_deliveries",
            "Deliveries this process's scheduler handled, by kind and outcome.",
            ["kind", "status"],
            registry=r,
        )
        self.inbox_pending = Gauge(
            "quotabot_inbox_pending", "Inbox rows not yet answered (all replicas).", registry=r
        )
        self.inbox_age = Gauge(
            "quotabot_inbox_oldest_age_seconds",
            "Seconds the oldest unanswered inbox row has waited (0 when none).",
            registry=r,
        )
        self.in_flight = Gauge(
            "quotabot_inbox_in_flight",
            "Inbox rows this process holds (answering or queued in memory).",
            registry=r,
        )
        self.replies_waiting = Gauge(
            "quotabot_replies_waiting", "Replies queued or being sent.", registry=r
        )
        self.outbox = Gauge(
            "quotabot_outbox_deliveries",
            "Outbox rows by kind and status (pending, sending, sent, failed, skipped).",
            ["kind", "status"],
            registry=r,
        )
        self.outbox_retried = Gauge(
            "quotabot_outbox_retried",
            "Outbox rows that needed more than one attempt, by kind.",
            ["kind"],
            registry=r,
        )

    async def refresh(
        self, sessions: async_sessionmaker[AsyncSession], worker: InboxWorker, now: datetime
    ) -> None:
        """Read the shared figures from the database at scrape time (every replica agrees)."""
        async with sessions() as session:
            pending, age = await inbox.depth(session, now)
            waiting = await replies.waiting(session)
            by_status = (
                await session.execute(
                    select(Delivery.kind, Delivery.status, func.count()).group_by(
                        Delivery.kind, Delivery.status
                    )
                )
            ).all()
            retried = (
                await session.execute(
                    select(Delivery.kind, func.count())
                    .where(Delivery.attempts > 1)
                    .group_by(Delivery.kind)
                )
            ).all()
        self.inbox_pending.set(pending)
        self.inbox_age.set(round(age, 3))
        self.in_flight.set(worker.in_flight)
        self.replies_waiting.set(waiting)
        # Cleared first: a status no row has any more must read absent, not its last count.
        self.outbox.clear()
        for kind, status, count in by_status:
            self.outbox.labels(kind, status).set(count)
        self.outbox_retried.clear()
        for kind, count in retried:
            self.outbox_retried.labels(kind).set(count)

    def exposition(self) -> bytes:
        return generate_latest(self.registry)


# The app (or scheduler) whose work is running: set per request by the HTTP middleware and
# at start-up, inherited by the tasks started from there. Code that talks to a platform
# counts through it without every constructor taking a Metrics argument.
_active: ContextVar[Metrics | None] = ContextVar("quotabot_metrics", default=None)


def active() -> Metrics | None:
    return _active.get()


def activate(metrics: Metrics) -> None:
    """Make `metrics` the current task's (and its future child tasks') figures."""
    _active.set(metrics)


@contextmanager
def using(metrics: Metrics) -> Iterator[Metrics]:
    token = _active.set(metrics)
    try:
        yield metrics
    finally:
        _active.reset(token)


def platform_error(platform: str, error: str) -> None:
    """Count one failed platform call (no-op outside an app, e.g. `quotabot tick`)."""
    metrics = _active.get()
    if metrics is not None:
        metrics.platform_errors.labels(platform, error).inc()


def parsed(intent: Intent, unsure: bool) -> None:
    """Count one parsed message by intent, and whether it needs a clarifying question."""
    metrics = _active.get()
    if metrics is None:
        return
    metrics.intents.labels(intent.name).inc()
    if unsure:
        metrics.clarifications.inc()


def rate_limited(platform: str) -> None:
    """Count one HTTP 429 answer, whether the client then waited it out or gave up."""
    metrics = _active.get()
    if metrics is not None:
        metrics.rate_limited.labels(platform).inc()
