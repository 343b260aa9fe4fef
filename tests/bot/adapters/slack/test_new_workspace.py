"""Tried as a new user would: install, make a team, add two reps, set quotas, a rep asks."""

from __future__ import annotations

from sqlalchemy import select

from storage.models import Team, User
from tests.bot.adapters.slack.harness import SlackWorkspace, text_of
from tests.bot.adapters.slack.test_oauth import distributed
from tests.bot.adapters.slack.test_roles import install_as_ines, say_as

__all__ = ["distributed"]  # the OAuth app fixture, shared with test_oauth


async def test_a_new_workspace_is_set_up_entirely_in_chat(distributed: SlackWorkspace) -> None:
    slack = distributed
    slack.fake.add_user("U0INSTALLER", "Ines Installer")
    slack.fake.add_user("U0DEV", "Dev Patel")
    slack.fake.add_user("U0EMMA", "Emma Stone")
    await install_as_ines(slack, "c0de")
    # The reps have tried QuotaBot already: a first log.
    assert "Logged 2 calls" in await say_as(slack, "U0DEV", "/log 2 calls with Acme")
    assert "Logged 1 email" in await say_as(slack, "U0EMMA", "/log 1 email to Globex")

    ines = "U0INSTALLER"
    assert (await say_as(slack, ines, "/quotabot team create West")).startswith(
        "👥 Team West is ready."
    )
    assert await say_as(slack, ines, "/quotabot team West add @dev @emma") == (
        "➕ Added to West: Dev Patel, Emma Stone."
    )
    assert (await say_as(slack, ines, "/goal @dev revenue 50k this month")).startswith(
        "✅ Set Dev Patel's revenue quota for November 2026 to $50,000."
    )
    assert (await say_as(slack, ines, "/goal Emma Stone revenue 40k this month")).startswith(
        "✅ Set Emma Stone's revenue quota for November 2026 to $40,000."
    )

    await say_as(slack, "U0DEV", "/quota")
    assert "You're at 0% of $50,000 for November 2026" in text_of(slack.fake.hooks[-1])
    # What a rep may not do, they are told, and nothing changes.
    assert await say_as(slack, "U0EMMA", "/goal @dev revenue 1 this month") == (
        "Only managers and admins can set quotas. Ask your manager to set yours."
    )

    async with slack.services.sessions() as session:
        west = await session.scalar(select(Team).where(Team.name == "West"))
        people = {u.external_id: (u.role, u.team_id) for u in await session.scalars(select(User))}
    assert west is not None
    assert people == {
        "U0INSTALLER": ("admin", None),
        "U0DEV": ("rep", west.id),
        "U0EMMA": ("rep", west.id),
    }
    # Ines' promotion, the team, its members and the two quotas.
    await say_as(slack, ines, "/quotabot audit")
    assert "5 changes lately" in text_of(slack.fake.hooks[-1])
