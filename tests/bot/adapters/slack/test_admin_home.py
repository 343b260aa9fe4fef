"""App Home gives managers and admins the admin menu's buttons; reps see their own only."""

from __future__ import annotations

from typing import Any

from tests.bot.adapters.slack.harness import SlackWorkspace, buttons, text_of
from tests.support.slack_api import fixture
from tests.support.world import make_world


async def _home(slack: SlackWorkspace, user: str, name: str) -> dict[str, Any]:
    slack.fake.add_user(user, name)
    opened = fixture("event_app_home_opened")
    opened["event"]["user"], opened["event_id"] = user, f"Ev0HOME{user.upper()}"
    await slack.event(opened)
    await slack.settle()
    view: dict[str, Any] = slack.fake.called("views.publish")[-1]["view"]
    return view


def _labels(view: dict[str, Any]) -> list[str]:
    return [b["text"]["text"] for b in buttons(view).values()]


async def test_an_admin_runs_the_floor_from_app_home(slack: SlackWorkspace) -> None:
    await make_world(slack.services, platform="slack", workspace="T0ACME")
    home = await _home(slack, "ada", "Ada Admin")
    assert _labels(home) == [
        "Log activity",
        "Log deal",
        "People and teams",
        "Audit log",
        "Settings",
    ]
    audit = buttons(home)["choose#1"]
    await slack.press("choose", audit["value"], user="ada")
    await slack.settle()
    assert text_of(slack.last_posted()).startswith("No changes lately.")

    assert _labels(await _home(slack, "mia", "Mia Manager"))[2:] == ["People and teams", "Settings"]
    assert _labels(await _home(slack, "rita", "Rita Rep")) == ["Log activity", "Log deal"]
