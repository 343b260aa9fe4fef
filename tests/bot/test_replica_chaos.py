"""Replicas under failure: two `serve` behind a proxy and two schedulers share PostgreSQL;
one of each is killed (SIGKILL) mid-run and restarted. Nothing acknowledged is lost or
written twice; no reply, nudge or leaderboard reaches Slack twice.

Five rounds, each with other kill moments. The schedulers are `quotabot tick --at` processes
(what `quotabot scheduler` runs every minute), so the nudge window is crossed at chosen
instants instead of by waiting for the clock.
"""

from __future__ import annotations

import asyncio
import signal
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select, update

from bot.app import build_services
from scheduler.outbox import IN_DOUBT
from storage.models import Team, User, Workspace
from tests.bot.adapters.slack import signing
from tests.bot.adapters.slack.harness import SECRET
from tests.bot.adapters.slack.history import SlackWithHistory
from tests.bot.chaos import Ledger, Proxy, Schedulers, is_reply, ledger
from tests.bot.test_inbox_serve import PEOPLE, Server, dm
from tests.conftest import BACKENDS, make_settings
from tests.support.slack_api import dm_of

MESSAGES = 120
SERVE_KILL_AFTER = (10, 35, 60, 85, 110)  # acks seen before one `serve` is killed
TICK_KILL_AFTER = (1, 3, 5, 7, 9)  # scheduled posts Slack has seen before a scheduler dies
WEDNESDAY_4PM = datetime(2026, 11, 18, 16, 0, tzinfo=UTC)
# Before, at and after the nudge and leaderboard time; the last ones come after the send
# lease (2 min), when rows a dead scheduler held are taken over or called in doubt.
WINDOW = [WEDNESDAY_4PM + timedelta(minutes=m) for m in (-1, 0, 1, 3, 6, 13)]
TEAM_CHANNEL = "C0SALES"
pytestmark = pytest.mark.slow


async def traffic(proxy: str, kill_after: int, victim: Server) -> dict[str, int]:
    """Every DM through the proxy until acked (Slack retries what got no 200); `victim` is
    killed after `kill_after` acks and restarted while the traffic goes on."""
    acked: set[int] = set()
    tries = 0
    killed = asyncio.Event()

    async def kill_and_restart() -> None:
        victim.kill()
        assert victim.child is not None
        await victim.child.wait()
        await victim.start()

    restart: asyncio.Task[None] | None = None
    url = f"{proxy}/slack/events"
    slots = asyncio.Semaphore(10)
    async with httpx.AsyncClient(timeout=30) as http:

        async def one(i: int) -> None:
            nonlocal tries, restart
            body = dm(i)
            async with slots:
                while i not in acked:
                    tries += 1
                    headers = signing.headers(SECRET, body, signing.JSON)
                    try:
                        answer = await http.post(url, content=body, headers=headers)
                    except httpx.TransportError:
                        continue
                    if answer.status_code == 200:
                        acked.add(i)
                        if len(acked) >= kill_after and not killed.is_set():
                            killed.set()
                            restart = asyncio.create_task(kill_and_restart())

        await asyncio.gather(*(one(i) for i in range(MESSAGES)))
    if restart is not None:
        await restart
    return {"acked": len(acked), "posts": tries}


async def settle_inbox(db_url: str, fake: SlackWithHistory) -> Ledger:
    async with asyncio.timeout(90):
        while True:
            seen = await ledger(db_url)
            replies = sum(is_reply(c) for c in fake.delivered())
            if seen.open_inbox == 0 and seen.activities == MESSAGES and replies >= MESSAGES:
                return seen
            await asyncio.sleep(0.2)


async def add_team(db_url: str) -> None:
    """Everyone in one team whose leaderboard goes to a channel on Wednesdays at 16:00."""
    services = build_services(make_settings(db_url), auto_migrate=False)
    try:
        async with services.sessions() as session, session.begin():
            workspace = await session.scalar(select(Workspace))
            assert workspace is not None
            team = Team(
                workspace_id=workspace.id,
                name="Sales",
                channel=TEAM_CHANNEL,
                leaderboard_day=3,
                leaderboard_time="16:00",
            )
            session.add(team)
            await session.flush()
            await session.execute(update(User).values(team_id=team.id))
    finally:
        await services.engine.dispose()


def scheduled_posts(fake: SlackWithHistory) -> list[str]:
    return [c.channel for c in fake.delivered() if not is_reply(c)]


async def ticks(schedulers: Schedulers, fake: SlackWithHistory, kill_after: int) -> bool:
    """Two scheduler passes at each instant of the window; at 16:00 one is killed once
    Slack has seen `kill_after` scheduled posts, and a new one takes its place."""
    killed: set[int] = set()
    for at in WINDOW:
        pair = [await schedulers.start(at), await schedulers.start(at)]
        if at == WEDNESDAY_4PM:
            async with asyncio.timeout(120):
                while True:
                    alive = [p for p in pair if p.returncode is None]
                    if not alive or len(scheduled_posts(fake)) >= kill_after:
                        break
                    await asyncio.sleep(0.05)
            if alive:
                victim = alive[0]
                victim.send_signal(signal.SIGKILL)
                killed.add(victim.pid)
                await victim.wait()
                pair.append(await schedulers.start(at))  # the replacement replica
        async with asyncio.timeout(180):
            await asyncio.gather(*(p.wait() for p in pair))
        schedulers.check(pair, killed)
    return bool(killed)


# Replicas share state through PostgreSQL only: parametrized on that backend (never skipped).
@pytest.mark.parametrize("db_url", [b for b in BACKENDS if b == "postgresql"], indirect=True)
@pytest.mark.parametrize("round_", range(5), ids=[f"round{n + 1}" for n in range(5)])
async def test_replicas_killed_under_traffic_lose_and_duplicate_nothing(
    db_url: str, tmp_path: Path, round_: int, capsys: pytest.CaptureFixture[str]
) -> None:
    async with SlackWithHistory() as fake:
        for user in PEOPLE:
            fake.add_user(user)
            fake.add_channel(dm_of(user))
        fake.add_channel(TEAM_CHANNEL)
        a, b = Server(db_url, fake, tmp_path), Server(db_url, fake, tmp_path)
        schedulers = Schedulers(a.env, tmp_path)
        try:
            await asyncio.gather(a.start(), b.start())
            async with Proxy([a.url, b.url]) as proxy:
                sent = await traffic(proxy.base_url, SERVE_KILL_AFTER[round_], a)
                after_serve = await settle_inbox(db_url, fake)
                await add_team(db_url)
                scheduler_killed = await ticks(schedulers, fake, TICK_KILL_AFTER[round_])
                retried = proxy.retried
        finally:
            a.kill()
            b.kill()
            schedulers.kill_all()
        final = await ledger(db_url)
        assert fake.misused() == []

    replies = [c for c in fake.delivered() if is_reply(c)]
    reply_ids = {c.params["metadata"]["event_payload"]["reply"] for c in replies}
    posts = scheduled_posts(fake)
    per_channel = {channel: posts.count(channel) for channel in set(posts)}
    in_doubt = sum(final.in_doubt().values())
    sent_rows = sum(final.sent().values())
    reached = len(posts) - sent_rows  # in-doubt rows Slack did receive
    with capsys.disabled():  # the figures show in CI's quiet output too
        print(
            f"\nround {round_ + 1}: serve killed after {SERVE_KILL_AFTER[round_]} acks, "
            f"scheduler after {TICK_KILL_AFTER[round_]} posts (killed: {scheduler_killed}); "
            f"{sent['acked']} DMs acked in {sent['posts']} posts ({retried} retried by the proxy); "
            f"{after_serve.activities} activities written; {len(replies)} replies "
            f"({len(reply_ids)} distinct); scheduled rows {len(final.scheduled)}: "
            f"{sent_rows} sent, {in_doubt} in doubt ({reached} of them reached Slack, "
            f"{in_doubt - reached} never did); Slack got {len(posts)} scheduled posts"
        )
    # Every acknowledged DM written once and answered once.
    assert sent["acked"] == MESSAGES
    assert final.activities == MESSAGES
    assert len(replies) == len(reply_ids) == MESSAGES
    # Every nudge and leaderboard planned and decided: sent, or (team channel only) in doubt
    # because its sender was killed on the wire; nothing else failed, nothing is pending.
    assert len(final.scheduled) > len(PEOPLE)
    assert final.unfinished() == 0
    failed = [row for row in final.scheduled if row[2] == "failed"]
    assert all(row[3] == IN_DOUBT for row in failed)
    # Nobody got anything twice: one nudge per person, the team channel at most its rows.
    assert any(row[1] == TEAM_CHANNEL for row in final.scheduled)  # the leaderboard's row
    assert per_channel.get(TEAM_CHANNEL, 0) <= sum(r[1] == TEAM_CHANNEL for r in final.scheduled)
    assert all(count == 1 for channel, count in per_channel.items() if channel != TEAM_CHANNEL)
    assert sent_rows <= len(posts) <= sent_rows + in_doubt
    # A nudge left in doubt is looked up in the person's DM (its key rides as metadata):
    # found and recorded, or sent once more. Only the team channel, which QuotaBot may not
    # read (no channels:history), can end in doubt: every nudge reached its person once.
    dm_rows = [row for row in final.scheduled if row[1] != TEAM_CHANNEL]
    assert all(row[2] != "failed" for row in dm_rows)
    dm_posts = sum(count for channel, count in per_channel.items() if channel != TEAM_CHANNEL)
    assert dm_posts == sum(row[2] == "sent" for row in dm_rows)
