"""Who runs QuotaBot in Slack: the installer, workspace owners and admins, QUOTABOT_ADMINS."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from storage.models import AuditEntry, User, utcnow
from tests.bot.adapters.slack.conftest import running
from tests.bot.adapters.slack.harness import SECRET, SlackWorkspace
from tests.bot.adapters.slack.test_oauth import distributed, install
from tests.conftest import make_settings
from tests.support.clock import FakeClock
from tests.support.slack_api import BOT_TOKEN, FakeSlack

GLOBEX = "T0GLOBEX"
__all__ = ["distributed"]  # the OAuth app fixture, shared with test_oauth


@pytest.fixture
async def globex(distributed: SlackWorkspace) -> SlackWorkspace:
    """QuotaBot for many workspaces, which Ines (U0INSTALLER) installs in Globex."""
    fake = distributed.fake
    fake.add_user("U0INSTALLER", "Ines Installer")
    fake.add_user("U0SAM", "Sam Second")
    fake.add_user("U0OLGA", "Olga Owner")
    fake.users["U0OLGA"]["is_owner"] = True
    await install_as_ines(distributed, "c")
    return distributed


async def install_as_ines(slack: SlackWorkspace, code: str) -> None:
    state = await install(slack)
    done = await slack.http.get("/slack/oauth_redirect", params={"code": code, "state": state})
    assert done.status_code == 200


async def say_as(slack: SlackWorkspace, user: str, text: str, team: str = GLOBEX) -> str:
    command, _, rest = text.partition(" ")
    await slack.command(command, rest, team_id=team, user_id=user, user_name=user.lower())
    await slack.settle()
    return str(slack.fake.hooks[-1]["text"])


async def _roles(slack: SlackWorkspace) -> dict[str, str]:
    async with slack.services.sessions() as session:
        return {u.external_id: u.role for u in await session.scalars(select(User))}


async def test_the_installer_and_an_owner_are_admins_and_anyone_else_a_rep(
    globex: SlackWorkspace,
) -> None:
    for user in ("U0INSTALLER", "U0SAM", "U0OLGA"):
        await say_as(globex, user, "/quota")
    assert await _roles(globex) == {"U0INSTALLER": "admin", "U0SAM": "rep", "U0OLGA": "admin"}

    reply = await say_as(globex, "U0SAM", "/quotabot role @Sam admin")
    assert reply == "Only a workspace admin can change that."
    reply = await say_as(globex, "U0INSTALLER", "/quotabot role Sam Second manager")
    assert reply.startswith("🔑 Sam Second is now a manager")
    async with globex.services.sessions() as session:
        why = [e.detail for e in await session.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert '"by": "Slack admin or installer"' in why[0]


async def test_an_owner_demoted_in_chat_stays_demoted(globex: SlackWorkspace) -> None:
    await say_as(globex, "U0INSTALLER", "/quota")
    await say_as(globex, "U0OLGA", "/quota")
    reply = await say_as(globex, "U0INSTALLER", "/quotabot role Olga rep")
    assert reply.startswith("🔑 Olga Owner is now a rep")

    # A day later Slack is asked again and still says owner: that is no news, no promotion.
    async with globex.services.sessions() as session, session.begin():
        await session.execute(update(User).values(platform_checked_at=utcnow() - timedelta(days=2)))
    await say_as(globex, "U0OLGA", "/quota")
    assert len(globex.fake.called("users.info")) == 3
    assert (await _roles(globex))["U0OLGA"] == "rep"


async def test_a_known_person_who_installs_becomes_admin_at_once(
    distributed: SlackWorkspace,
) -> None:
    distributed.fake.add_user("U0INSTALLER", "Ines Installer")
    await install_as_ines(distributed, "c")
    await say_as(distributed, "U0INSTALLER", "/quota")
    async with distributed.services.sessions() as session, session.begin():
        await session.execute(update(User).values(role="rep"))  # an admin demoted Ines
    # She installs again (new scopes, say): the installer runs QuotaBot.
    await install_as_ines(distributed, "c2")
    assert (await _roles(distributed))["U0INSTALLER"] == "admin"


async def test_quotabot_admins_names_them_in_a_single_workspace(
    db_url: str, clock: FakeClock, fake_slack: FakeSlack
) -> None:
    fake_slack.add_user("U0ERIN", "Erin Ops")
    fake_slack.users["U0ERIN"]["profile"]["email"] = "Erin.Ops@example.com"
    settings = make_settings(
        db_url,
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=SECRET,
        slack_api_url=fake_slack.api_url,
        admins="erin.ops@example.com, U0NOBODY",
    )
    async with running(settings, clock, fake_slack) as slack:
        await say_as(slack, "U0DANA", "/quota", team="T0ACME")
        await say_as(slack, "U0ERIN", "/quota", team="T0ACME")
        assert await _roles(slack) == {"U0DANA": "rep", "U0ERIN": "admin"}
