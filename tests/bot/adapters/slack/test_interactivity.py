"""Buttons, the log form (modal) with inline errors, shortcuts and the App Home tab."""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import func, select

from core.messages import Field, Form, Inbound, Reply
from storage.models import Activity
from tests.bot.adapters.slack.harness import SlackWorkspace, buttons, text_of
from tests.support.slack_api import fixture
from tests.support.world import make_world, set_quota


async def activities(slack: SlackWorkspace) -> int:
    async with slack.services.sessions() as session:
        live = select(func.coalesce(func.sum(Activity.count), 0)).where(
            Activity.deleted_at.is_(None)
        )
        return int(await session.scalar(live) or 0)


async def test_undo_takes_back_the_log_and_replaces_the_confirmation(
    slack: SlackWorkspace,
) -> None:
    await slack.command("/log", "3 calls with Acme")
    await slack.settle()
    undo = buttons(slack.fake.hooks[-1])["undo"]
    assert await activities(slack) == 3

    response = await slack.press("undo", undo["value"])
    assert response.status_code == 200
    await slack.settle()

    answer = slack.fake.hooks[-1]
    assert answer["hook"] == "action"
    assert answer["replace_original"] is True
    assert await activities(slack) == 0


async def test_log_form_opens_validates_inline_and_saves(slack: SlackWorkspace) -> None:
    await slack.command("/log")
    await slack.settle()
    view = slack.fake.called("views.open")[-1]["view"]
    assert json.loads(view["private_metadata"])["channel"] == "C0SALES"

    # A count of zero is refused inside the modal, next to the field.
    response = await slack.submit(view, kind="call", count="0", account="Acme")
    assert response.status_code == 200
    answer = response.json()
    assert answer["response_action"] == "errors"
    assert set(answer["errors"]) == {"count"}
    assert await activities(slack) == 0

    response = await slack.submit(view, kind="meeting", count="2", account="Globex")
    assert response.status_code == 200
    assert response.text == ""  # an empty ack closes the modal
    await slack.settle()
    assert await activities(slack) == 2
    assert "Logged 2 meetings" in text_of(slack.last_posted())


async def test_after_a_log_an_open_app_home_is_refreshed(slack: SlackWorkspace) -> None:
    await slack.event(fixture("event_app_home_opened"))
    await slack.settle()
    await slack.command("/log", "4 emails with Initech")
    await slack.settle()
    opened, refreshed = slack.fake.called("views.publish")
    assert refreshed["user_id"] == "U0DANA"
    assert "*Activities so far*\n0" in text_of(opened["view"])
    assert "*Activities so far*\n4" in text_of(refreshed["view"])


async def test_app_home_never_opened_is_not_published_on_every_log(
    slack: SlackWorkspace,
) -> None:
    # Whoever opens it later gets a freshly composed view then.
    await slack.command("/log", "4 emails with Initech")
    await slack.settle()
    assert slack.fake.called("views.publish") == []


async def test_opening_app_home_shows_numbers_and_log_buttons(slack: SlackWorkspace) -> None:
    await slack.event(fixture("event_app_home_opened"))
    await slack.settle()
    [home] = slack.fake.called("views.publish")
    view = home["view"]
    assert {"open_log_form", "open_deal_form"} <= set(buttons(view))
    assert "quota" in text_of(view).lower()
    assert len(view["blocks"]) <= 100


async def test_log_another_opens_the_form_again(slack: SlackWorkspace) -> None:
    await slack.command("/log", "3 calls with Acme")
    await slack.settle()
    await slack.press("log_another")
    await slack.settle()
    [opened] = slack.fake.called("views.open")
    assert opened["view"]["callback_id"] == "form:log_activity"


async def test_the_global_shortcut_opens_the_log_form(slack: SlackWorkspace) -> None:
    response = await slack.interact(fixture("shortcut_log_activity"))
    assert response.status_code == 200
    await slack.settle()
    [opened] = slack.fake.called("views.open")
    assert opened["trigger_id"] == fixture("shortcut_log_activity")["trigger_id"]


async def test_a_form_asked_for_in_a_dm_becomes_a_button(slack: SlackWorkspace) -> None:
    form = Form("log_deal", "Log deal", (Field("account", "Account", required=True),))

    async def wants_a_form(inbound: Inbound, seal: object = None) -> Reply:
        return Reply(text="Log deal: fill in the form.", form=form)

    slack.services.router.handle = wants_a_form  # type: ignore[method-assign]
    # Events carry no trigger_id, so no modal can open; the reply offers the form instead.
    await slack.dm("new deal")
    await slack.settle()
    assert slack.fake.called("views.open") == []
    assert "open_deal_form" in buttons(slack.last_posted())


async def test_a_manager_sees_the_team_and_who_is_behind_on_app_home(slack: SlackWorkspace) -> None:
    world = await make_world(slack.services, platform="slack", workspace="T0ACME")
    await set_quota(slack.services, world, "ron", "revenue", "month", date(2026, 11, 1), 3_000_000)
    opened = fixture("event_app_home_opened")
    opened["event"]["user"], opened["event_id"] = "mia", "Ev0HOMEMIA"
    slack.fake.add_user("mia", "Mia Manager")
    await slack.event(opened)
    await slack.settle()
    [published] = [call for call in slack.fake.calls if call.method == "views.publish"]
    assert published.ok
    home = published.params
    assert home["user_id"] == "mia"
    shown = text_of(home["view"])
    assert "Team East" in shown
    assert "Ron Rep" in shown and "behind" in shown
