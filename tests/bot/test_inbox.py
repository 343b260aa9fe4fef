"""The inbox: acked requests are rows first; replays write once; replies go out once."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from bot.sealing import Sealing
from core.messages import Actor, Inbound, Reply
from storage import inbox
from storage.inbox import New, Superseded
from storage.models import Activity, Delivery, InboxMessage
from tests.bot.adapters.slack import signing
from tests.bot.adapters.slack.conftest import fake_slack, running, slack
from tests.bot.adapters.slack.harness import SECRET, SlackWorkspace
from tests.support.clock import FakeClock
from tests.support.slack_api import fixture

__all__ = ["fake_slack", "slack"]  # the Slack app fixtures, shared with the adapter's tests


async def count(slack: SlackWorkspace, what: object) -> int:
    async with slack.services.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(what)) or 0)  # type: ignore[arg-type]


async def logged(slack: SlackWorkspace) -> int:
    async with slack.services.sessions() as session:
        return int(await session.scalar(select(func.coalesce(func.sum(Activity.count), 0))) or 0)


async def replay(slack: SlackWorkspace, body: bytes) -> list[int]:
    """The same signed bytes twice, as an attacker (or a proxy) within the 5 minutes would."""
    headers = signing.headers(SECRET, body, signing.FORM)
    statuses = []
    for _ in range(2):
        response = await slack.http.post("/slack/events", content=body, headers=headers)
        statuses.append(response.status_code)
    return statuses


async def test_a_replayed_signed_log_writes_once(slack: SlackWorkspace) -> None:
    body = fixture("slash_command_log")
    body.update(response_url=slack.fake.hook_url("command"), trigger_id=slack.trigger())

    assert await replay(slack, signing.form_body(body)) == [200, 200]
    await slack.settle()

    assert await logged(slack) == 3
    assert len(slack.fake.hooks) == 1
    assert await count(slack, InboxMessage) == 1


async def test_a_retry_racing_its_original_writes_once(slack: SlackWorkspace) -> None:
    envelope = slack.message("3 calls with Acme")
    retry = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    first, second = await asyncio.gather(slack.event(envelope), slack.event(envelope, **retry))
    assert (first.status_code, second.status_code) == (200, 200)
    await slack.settle()

    assert await logged(slack) == 3
    assert len(slack.fake.called("chat.postMessage")) == 1


async def test_a_replayed_modal_submission_writes_once(slack: SlackWorkspace) -> None:
    await slack.command("/log")
    await slack.settle()
    view = slack.fake.called("views.open")[-1]["view"]
    payload = fixture("view_submission_log_activity")
    payload["view"] = {**view, "state": fixture("view_submission_log_activity")["view"]["state"]}

    assert await replay(slack, signing.interactive_body(payload)) == [200, 200]
    await slack.settle()

    assert await logged(slack) == 2
    [confirmation] = [*slack.fake.called("chat.postMessage"), *slack.fake.hooks]
    assert "Logged 2 meetings" in confirmation["text"]


async def test_a_claimed_row_is_nobody_elses_until_its_lease_ends(
    slack: SlackWorkspace, clock: FakeClock
) -> None:
    sessions, lease = slack.services.sessions, timedelta(seconds=30)
    async with sessions() as session, session.begin():
        await inbox.put(session, [New("test", "k1", "answer", "{}")], clock())
    async with sessions() as session, session.begin():
        [first] = await inbox.claim(session, clock(), lease, ["test"], 10)
    async with sessions() as session, session.begin():
        assert await inbox.claim(session, clock(), lease, ["test"], 10) == []

    clock.advance(seconds=31)  # the first worker died: its lease ran out
    async with sessions() as session, session.begin():
        [second] = await inbox.claim(session, clock(), lease, ["test"], 10)
    assert (first.id, first.attempt, second.attempt) == (second.id, 1, 2)
    with pytest.raises(Superseded):
        async with sessions() as session, session.begin():
            await inbox.finish(session, first.id, first.attempt, clock())
    async with sessions() as session, session.begin():
        await inbox.finish(session, second.id, second.attempt, clock())


async def test_a_write_whose_row_was_taken_over_is_rolled_back(slack: SlackWorkspace) -> None:
    async def taken_over(_session: object, _actor: Actor, _reply: Reply) -> None:
        raise Superseded("another worker holds the row now")

    dm = Inbound("slack", "T0ACME", "U0DANA", text="3 calls with Acme", direct=True)
    reply = await slack.services.router.handle(dm, Sealing(taken_over))

    assert not reply.ok
    assert await logged(slack) == 0


async def test_a_reply_committed_but_never_sent_goes_out_once_after_a_crash(
    slack: SlackWorkspace, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    worker = slack.app.state.inbox
    with monkeypatch.context() as crashed:
        crashed.setattr(worker.replies, "soon", lambda *_a, **_k: None)  # died after commit
        await slack.dm("3 calls with Acme")
        await slack.settle()
    assert await logged(slack) == 3
    assert slack.fake.called("chat.postMessage") == []

    await worker.replies.sweep()  # too early: the dead process's lease still holds
    clock.advance(seconds=31)
    await worker.replies.sweep()
    await worker.replies.sweep()
    await slack.settle()

    assert len(slack.fake.called("chat.postMessage")) == 1


@pytest.mark.parametrize("arrived", [True, False], ids=["arrived", "lost"])
async def test_a_reply_left_on_the_wire_is_resent_only_if_slack_never_got_it(
    slack: SlackWorkspace, clock: FakeClock, monkeypatch: pytest.MonkeyPatch, arrived: bool
) -> None:
    worker = slack.app.state.inbox
    with monkeypatch.context() as crashed:
        if not arrived:
            crashed.setattr(worker.replies, "soon", lambda *_a, **_k: None)
        await slack.dm("3 calls with Acme")
        await slack.settle()
    async with slack.services.sessions() as session, session.begin():
        # As a process killed mid-call leaves it: `sending`, and its lease running out.
        await session.execute(update(Delivery).values(status="sending", lease_until=clock()))
    clock.advance(seconds=1)

    await worker.replies.sweep()
    await slack.settle()

    assert len(slack.fake.called("chat.postMessage")) == 1
    async with slack.services.sessions() as session:
        assert await session.scalar(select(Delivery.status)) == "sent"


async def test_a_stop_gives_queued_rows_back_and_the_next_process_answers_them(
    slack: SlackWorkspace, clock: FakeClock
) -> None:
    worker = slack.app.state.inbox
    gate = asyncio.Event()
    real = slack.services.router.handle

    async def held(inbound: Inbound, seal: Sealing | None = None) -> Reply:
        await gate.wait()
        return await real(inbound, seal)

    slack.services.router.handle = held  # type: ignore[method-assign]
    for i in range(12):  # more than the worker runs at once: some wait in memory
        assert (await slack.dm(f"{i + 1} calls with Acme")).status_code == 200
    await worker.stop(grace=0.05)
    slack.services.router.handle = real  # type: ignore[method-assign]
    gate.set()

    async with slack.services.sessions() as session:
        rows = (await session.execute(select(InboxMessage.status, InboxMessage.lease_until))).all()
    assert [status for status, _ in rows] == ["pending"] * 12
    assert all(lease is None for _, lease in rows)  # no waiting for a lease: given back

    async with running(slack.services.settings, clock, slack.fake) as restarted:
        await restarted.app.state.inbox.heartbeat()  # what a new process does on start
        await restarted.settle()
        assert await logged(restarted) == sum(range(1, 13))
        assert len(slack.fake.called("chat.postMessage")) == 12


async def test_metrics_show_how_deep_and_how_old_the_inbox_is(
    slack: SlackWorkspace, clock: FakeClock
) -> None:
    gate = asyncio.Event()
    real = slack.services.router.handle

    async def held(inbound: Inbound, seal: Sealing | None = None) -> Reply:
        await gate.wait()
        return await real(inbound, seal)

    slack.services.router.handle = held  # type: ignore[method-assign]
    for text in ("1 call with Acme", "2 calls with Acme", "3 calls with Acme"):
        await slack.dm(text)
    clock.advance(seconds=42)

    waiting = (await slack.http.get("/metrics")).text
    gate.set()
    await slack.settle()
    drained = (await slack.http.get("/metrics")).text

    assert "# TYPE quotabot_inbox_pending gauge" in waiting
    assert "\nquotabot_inbox_pending 3.0\n" in waiting
    assert "\nquotabot_inbox_oldest_age_seconds 42.0\n" in waiting
    assert "\nquotabot_inbox_pending 0.0\n" in drained
