"""/metrics in Prometheus' text format: how deep and how old the inbox is, replies waiting."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.inbox_worker import InboxWorker
from storage import inbox, replies


async def exposition(
    sessions: async_sessionmaker[AsyncSession], worker: InboxWorker, now: datetime
) -> str:
    async with sessions() as session:
        pending, age = await inbox.depth(session, now)
        waiting = await replies.waiting(session)
    samples = [
        ("quotabot_inbox_pending", "gauge", "Inbox rows not yet answered (all replicas).", pending),
        (
            "quotabot_inbox_oldest_age_seconds",
            "gauge",
            "Seconds the oldest unanswered inbox row has waited (0 when none).",
            round(age, 3),
        ),
        (
            "quotabot_inbox_in_flight",
            "gauge",
            "Inbox rows this process holds (answering or queued in memory).",
            worker.in_flight,
        ),
        ("quotabot_replies_waiting", "gauge", "Replies queued or being sent.", waiting),
    ]
    lines = []
    for name, kind, help_text, value in samples:
        lines += [f"# HELP {name} {help_text}", f"# TYPE {name} {kind}", f"{name} {value}"]
    return "\n".join(lines) + "\n"
