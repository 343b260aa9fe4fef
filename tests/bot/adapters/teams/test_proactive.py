"""Nudges and leaderboards reach Teams users and channels through stored conversation refs."""

from __future__ import annotations

import pytest

import bot.adapters.teams as teams_adapter
from bot.adapters.teams.connector import Connector
from bot.adapters.teams.notifier import Pacer, TeamsNotifier
from core.messages import Fact, Reply
from scheduler.notify import Outbound
from tests.bot.adapters.teams.conftest import BOT_TOKEN, StubTokenProvider
from tests.bot.adapters.teams.fake_connector import Answer
from tests.bot.adapters.teams.harness import TeamsTenant
from tests.bot.adapters.teams.test_conversations import DANA, DANA_CHAT, TEAM_GENERAL
from tests.bot.adapters.teams.tokens import TENANT

NUDGE = Reply(
    text="You're at 5 of 20 activities today.",
    title="Daily nudge",
    facts=(Fact("Calls", "3"), Fact("Emails", "2")),
)


class Sleeps:
    """Records the waits instead of waiting."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
async def installed(teams: TeamsTenant) -> TeamsTenant:
    """Dana installed the app personally and the team added it: both are reachable."""
    await teams.post(teams.activity("install_personal"))
    await teams.post(teams.activity("install_team"))
    teams.connector.calls.clear()
    return teams


def notifier_for(teams: TeamsTenant, sleeps: Sleeps) -> TeamsNotifier:
    """Retry waits go to `sleeps`; pacing waits are skipped (tested on their own below)."""
    connector = Connector(StubTokenProvider())
    pacer = Pacer(sleep=Sleeps())
    return TeamsNotifier(teams.services.sessions, connector, sleep=sleeps, pacer=pacer)


async def test_a_nudge_reaches_the_reps_personal_chat(
    installed: TeamsTenant, sleeps: Sleeps
) -> None:
    notifier = notifier_for(installed, sleeps)

    result = await notifier.send(Outbound("teams", TENANT, NUDGE, user=DANA, idempotency_key="n1"))

    assert result.ok
    [sent] = installed.connector.delivered(DANA_CHAT)
    assert sent.headers["Authorization"] == f"Bearer {BOT_TOKEN}"
    card = sent.body["attachments"][0]["content"]
    assert card["body"][0]["text"] == "Daily nudge"


async def test_a_leaderboard_reaches_the_team_channel(
    installed: TeamsTenant, sleeps: Sleeps
) -> None:
    notifier = notifier_for(installed, sleeps)
    board = Reply(text="Leaderboard this week", private=False)

    result = await notifier.send(Outbound("teams", TENANT, board, channel=TEAM_GENERAL))

    assert result.ok
    [sent] = installed.connector.delivered(TEAM_GENERAL)
    assert sent.body["text"] == "Leaderboard this week"


async def test_a_throttled_send_waits_as_told_and_is_delivered_once(
    installed: TeamsTenant, sleeps: Sleeps
) -> None:
    installed.connector.script = [Answer(429, headers={"Retry-After": "2"})]
    notifier = notifier_for(installed, sleeps)

    result = await notifier.send(Outbound("teams", TENANT, NUDGE, user=DANA, idempotency_key="n2"))

    assert result.ok
    assert sleeps.waits == [2.0]
    assert [c.status for c in installed.connector.activities(DANA_CHAT)] == [429, 201]
    assert len(installed.connector.delivered(DANA_CHAT)) == 1


@pytest.mark.parametrize("status", [412, 502, 504])
async def test_transient_errors_are_retried_with_backoff(
    installed: TeamsTenant, sleeps: Sleeps, status: int
) -> None:
    installed.connector.script = [Answer(status), Answer(status)]
    notifier = notifier_for(installed, sleeps)

    result = await notifier.send(Outbound("teams", TENANT, NUDGE, user=DANA))

    assert result.ok
    first, second = sleeps.waits
    assert 0.5 <= first <= 1.0 and 1.0 <= second <= 2.0  # exponential, jittered
    assert len(installed.connector.delivered(DANA_CHAT)) == 1


async def test_a_long_throttle_is_handed_back_to_the_dispatcher(
    installed: TeamsTenant, sleeps: Sleeps
) -> None:
    installed.connector.script = [Answer(429, headers={"Retry-After": "120"})]
    notifier = notifier_for(installed, sleeps)

    result = await notifier.send(Outbound("teams", TENANT, NUDGE, user=DANA))

    assert not result.ok and not result.permanent
    assert result.retry_after == 120
    assert installed.connector.delivered() == []


async def test_a_removed_bot_is_a_permanent_failure(installed: TeamsTenant, sleeps: Sleeps) -> None:
    installed.connector.script = [
        Answer(403, body={"error": {"code": "BotNotInConversationRoster"}})
    ]
    notifier = notifier_for(installed, sleeps)

    result = await notifier.send(Outbound("teams", TENANT, NUDGE, user=DANA))

    assert not result.ok and result.permanent
    assert len(installed.connector.activities()) == 1  # not retried


async def test_someone_the_bot_never_met_cannot_be_nudged(
    installed: TeamsTenant, sleeps: Sleeps
) -> None:
    notifier = notifier_for(installed, sleeps)

    result = await notifier.send(Outbound("teams", TENANT, NUDGE, user="someone-else"))

    assert not result.ok and result.permanent
    assert "no Teams conversation" in (result.error or "")


async def test_sends_to_one_conversation_are_paced_under_seven_a_second() -> None:
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(round(seconds, 3))

    pacer = Pacer(rate=7.0, clock=lambda: 100.0, sleep=sleep)
    for _ in range(3):
        await pacer.wait("19:channel")
    await pacer.wait("a:other-chat")

    assert waits == [round(1 / 7, 3), round(2 / 7, 3)]


async def test_the_notifier_is_offered_only_with_credentials(teams: TeamsTenant) -> None:
    assert teams_adapter.notifier(teams.services) is not None
