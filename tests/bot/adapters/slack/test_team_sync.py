"""A team that follows a Slack channel or user group, synced by the scheduler once a day."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.app import make_tick
from storage.models import AuditEntry, Team, User
from tests.bot.adapters.slack.conftest import running
from tests.bot.adapters.slack.harness import SECRET, SlackWorkspace
from tests.bot.adapters.slack.test_roles import say_as
from tests.conftest import make_settings
from tests.support.clock import FakeClock
from tests.support.slack_api import BOT_TOKEN, FakeSlack

ACME = "T0ACME"


@pytest.fixture
async def acme(
    db_url: str, clock: FakeClock, fake_slack: FakeSlack
) -> AsyncIterator[SlackWorkspace]:
    """Ada runs QuotaBot (QUOTABOT_ADMINS); Gil is on West already; Ben, Nora are not known."""
    for user, name in (
        ("U0ADA", "Ada Admin"),
        ("U0GIL", "Gil Gone"),
        ("U0BEN", "Ben Carter"),
        ("U0NORA", "Nora New"),
        ("U0BOT", "Other Bot"),
        ("U0EX", "Ex Employee"),
    ):
        fake_slack.add_user(user, name)
    fake_slack.users["U0BOT"]["is_bot"] = True
    fake_slack.users["U0EX"]["deleted"] = True
    clock.now = datetime(2026, 11, 18, 9, 0, tzinfo=UTC)
    settings = make_settings(
        db_url,
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=SECRET,
        slack_api_url=fake_slack.api_url,
        admins="U0ADA",
    )
    async with running(settings, clock, fake_slack) as slack:
        await say_as(slack, "U0GIL", "/quota", team=ACME)
        assert (await say_as(slack, "U0ADA", "/quotabot team create West", team=ACME)).startswith(
            "👥 Team West is ready."
        )
        await say_as(slack, "U0ADA", "/quotabot team West add @gil", team=ACME)
        yield slack


async def _people(slack: SlackWorkspace) -> dict[str, tuple[str, str, str | None]]:
    """external id -> (name, role, team name)."""
    async with slack.services.sessions() as session:
        teams = {t.id: t.name for t in await session.scalars(select(Team))}
        return {
            u.external_id: (u.name, u.role, teams.get(u.team_id) if u.team_id else None)
            for u in await session.scalars(select(User))
        }


async def _synced(slack: SlackWorkspace) -> list[dict[str, object]]:
    async with slack.services.sessions() as session:
        rows = await session.scalars(select(AuditEntry).where(AuditEntry.action == "team.synced"))
        return [json.loads(r.detail) for r in rows]


async def test_a_team_follows_a_channel_named_in_the_command(
    acme: SlackWorkspace, clock: FakeClock
) -> None:
    fake = acme.fake
    fake.add_members("C0WEST", "sales-west", ["U0ADA", "U0BEN", "U0NORA", "U0BOT", "U0EX"])
    reply = await say_as(acme, "U0ADA", "/quotabot team West sync #sales-west", team=ACME)
    assert reply.startswith("🔄 West now follows #sales-west: the first sync runs within a minute")

    tick = make_tick(acme.services)
    report = await tick(clock.now + timedelta(minutes=1))
    [result] = report.synced
    assert result.error is None and len(result.created) == 2 and len(result.removed) == 1

    people = await _people(acme)
    assert people["U0BEN"] == ("Ben Carter", "rep", "West")
    assert people["U0NORA"] == ("Nora New", "rep", "West")
    assert people["U0ADA"] == ("Ada Admin", "admin", "West")  # joined; still an admin
    assert people["U0GIL"] == ("Gil Gone", "rep", None)  # left the channel
    assert "U0BOT" not in people and "U0EX" not in people
    # Every page of members was read (the fake serves two a page).
    assert [p.get("cursor") for p in fake.called("conversations.members")] == [None, "2", "4"]
    [entry] = await _synced(acme)
    assert entry["source"] == "channel:#sales-west" and entry["by"] == "directory sync"

    # The same day: nothing asked again. Next day: Nora left the channel.
    await tick(clock.now + timedelta(hours=5))
    assert len(fake.called("conversations.list")) == 1
    fake.members["C0WEST"].remove("U0NORA")
    report = await tick(clock.now + timedelta(days=1))
    assert len(report.synced) == 1 and len(report.synced[0].removed) == 1
    assert (await _people(acme))["U0NORA"] == ("Nora New", "rep", None)
    assert fake.misused() == []


async def test_a_team_follows_a_user_group_and_stops_when_told(
    acme: SlackWorkspace, clock: FakeClock
) -> None:
    fake = acme.fake
    fake.add_usergroup("S0WEST", "west-reps", ["U0GIL", "U0BEN"])
    reply = await say_as(acme, "U0ADA", "/quotabot team West sync @west-reps", team=ACME)
    assert reply.startswith("🔄 West now follows @west-reps")
    await make_tick(acme.services)(clock.now)
    people = await _people(acme)
    assert people["U0BEN"][2] == people["U0GIL"][2] == "West"
    assert fake.called("usergroups.users.list") == [{"usergroup": "S0WEST"}]

    reply = await say_as(acme, "U0ADA", "/quotabot team West sync off", team=ACME)
    assert reply == "⏹️ West no longer follows @west-reps; its members stay."
    fake.usergroups["S0WEST"] = ("west-reps", ["U0BEN"])
    report = await make_tick(acme.services)(clock.now + timedelta(days=1))
    assert report.synced == [] and (await _people(acme))["U0GIL"][2] == "West"


async def test_a_channel_quotabot_cannot_see_is_reported_and_nothing_changes(
    acme: SlackWorkspace, clock: FakeClock
) -> None:
    await say_as(acme, "U0ADA", "/quotabot team West sync #nowhere", team=ACME)
    before = await _people(acme)
    [result] = (await make_tick(acme.services)(clock.now)).synced
    assert result.error == "no channel #nowhere (for a private one, invite QuotaBot)"
    assert await _people(acme) == before and await _synced(acme) == []


async def test_a_rep_cannot_make_a_team_follow_a_channel(acme: SlackWorkspace) -> None:
    reply = await say_as(acme, "U0GIL", "/quotabot team West sync #sales-west", team=ACME)
    assert reply == "Only a workspace admin can change that."
    async with acme.services.sessions() as session:
        west = await session.scalar(select(Team).where(Team.name == "West"))
        assert west is not None and west.sync_source is None
