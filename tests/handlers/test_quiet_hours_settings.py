"""Settings never confirm a nudge that quiet hours would silence, and what they confirm is saved."""

from __future__ import annotations

import asyncio

import pytest
from typer.testing import CliRunner

from bot.identity import actor_of
from bot.services import Services
from handlers.settings import handle_settings
from handlers.shared.context import Context, Subject
from nlp.intent import Intent
from storage.models import User, Workspace
from tests.scheduler.test_cli_and_settings import cli, seed_console_rep
from tests.support.dialog import Chat
from tests.support.world import World, make_world


async def _workspace(services: Services, world: World) -> Workspace:
    async with services.sessions() as session:
        ws = await session.get(Workspace, world.workspace_id)
    assert ws is not None
    return ws


async def _quiet(services: Services, world: World) -> tuple[str, str]:
    ws = await _workspace(services, world)
    return ws.quiet_start, ws.quiet_end


async def _person(services: Services, world: World, login: str) -> User:
    async with services.sessions() as session:
        user = await session.get(User, world.users[login])
    assert user is not None
    return user


async def _set(
    services: Services, world: World, login: str | None = None, **values: object
) -> None:
    """Arrange the floor directly (as an earlier release or another path may have left it)."""
    async with services.sessions() as session, session.begin():
        row = (
            await session.get(User, world.users[login])
            if login
            else await session.get(Workspace, world.workspace_id)
        )
        for name, value in values.items():
            setattr(row, name, value)


# --- a rep's own nudge time, against the workspace's default quiet hours 19:00-08:00 ---


async def test_a_nudge_time_in_quiet_hours_is_refused_with_the_window(services: Services) -> None:
    world = await make_world(services)

    reply = await Chat(services).say("rita", "nudge me at 7am")

    assert not reply.ok
    assert reply.text == (
        "07:00 is inside quiet hours (19:00–08:00), so no nudge would come. "
        "Pick a time between 08:00 and 18:59."
    )
    assert (await _person(services, world, "rita")).nudge_time is None


@pytest.mark.parametrize(
    ("said", "saved"),
    [
        ("nudge me at 08:00", "08:00"),  # quiet hours end at 08:00: the first minute allowed
        ("nudge me at 07:59", None),
        ("nudge me at 18:59", "18:59"),
        ("nudge me at 19:00", None),  # quiet hours start at 19:00: already quiet
        ("nudge me at 23:30", None),
        ("nudge me at 00:15", None),  # after midnight, still inside 19:00-08:00
    ],
)
async def test_the_edges_of_quiet_hours(services: Services, said: str, saved: str | None) -> None:
    world = await make_world(services)

    reply = await Chat(services).say("rita", said)

    assert reply.ok is (saved is not None), reply.text
    if saved:
        assert reply.text == f"⏰ Nudges will come at {saved} your time."
    else:
        assert "is inside quiet hours (19:00–08:00)" in reply.text
    assert (await _person(services, world, "rita")).nudge_time == saved


@pytest.mark.parametrize(
    ("quiet", "said", "saved", "window"),
    [
        # Quiet hours that do not wrap midnight: a lunch-time lull.
        (("12:00", "14:00"), "nudge me at 13:00", None, "between 14:00 and 11:59"),
        (("12:00", "14:00"), "nudge me at 14:00", "14:00", None),
        (("12:00", "14:00"), "nudge me at 11:59", "11:59", None),
        # Quiet hours that wrap midnight, late to early.
        (("22:00", "06:00"), "nudge me at 05:59", None, "between 06:00 and 21:59"),
        (("22:00", "06:00"), "nudge me at 06:00", "06:00", None),
        (("22:00", "06:00"), "nudge me at 21:59", "21:59", None),
        # Equal bounds mean no quiet hours at all: any time works.
        (("00:00", "00:00"), "nudge me at 03:00", "03:00", None),
        (("19:00", "19:00"), "nudge me at 19:00", "19:00", None),
    ],
)
async def test_whichever_quiet_hours_the_workspace_keeps_decide(
    services: Services, quiet: tuple[str, str], said: str, saved: str | None, window: str | None
) -> None:
    world = await make_world(services)
    await _set(services, world, quiet_start=quiet[0], quiet_end=quiet[1])

    reply = await Chat(services).say("rita", said)

    assert reply.ok is (saved is not None), reply.text
    if window:
        assert f"inside quiet hours ({quiet[0]}–{quiet[1]})" in reply.text
        assert window in reply.text
    assert (await _person(services, world, "rita")).nudge_time == saved


async def test_a_refused_time_keeps_the_time_set_before(services: Services) -> None:
    world = await make_world(services)
    chat = Chat(services)
    assert (await chat.say("rita", "nudge me at 16:30")).ok

    refused = await chat.say("rita", "nudge me at 7am")

    assert not refused.ok and "inside quiet hours" in refused.text
    rita = await _person(services, world, "rita")
    assert (rita.nudge_time, rita.nudges_enabled) == ("16:30", True)


async def test_settings_show_the_quiet_hours_that_apply(services: Services) -> None:
    # Asked of the handler directly: the parser answers a bare "settings" with help.
    world = await make_world(services)
    async with services.sessions() as session:
        rita = await session.get(User, world.users["rita"])
        ws = await session.get(Workspace, world.workspace_id)
        assert rita is not None and ws is not None
        ctx = Context(session, actor_of(rita, ws), ws, services.clock(), Subject("self", "you"))
        reply = await handle_settings(Intent("settings", {}), ctx)

    facts = {f.label: f.value for f in reply.facts}
    assert facts["Nudge time"] == "16:00"  # no time of her own: the workspace default
    assert facts["Quiet hours (workspace)"] == "19:00–08:00"


# --- nudges off and on ---


async def test_nudges_off_and_on_are_saved(services: Services) -> None:
    world = await make_world(services)
    chat = Chat(services)

    off = await chat.say("rita", "nudges off")
    assert off.ok and "Nudges are off" in off.text
    assert (await _person(services, world, "rita")).nudges_enabled is False

    on = await chat.say("rita", "nudges on")
    assert on.text == "🔔 Nudges are on, at 16:00 your time on working days."
    assert (await _person(services, world, "rita")).nudges_enabled is True


async def test_a_time_set_while_nudges_are_off_does_not_promise_a_nudge(
    services: Services,
) -> None:
    world = await make_world(services)
    chat = Chat(services)
    await chat.say("rita", "nudges off")

    reply = await chat.say("rita", "nudge me at 15:00")

    assert reply.text == (
        "⏰ Nudge time set to 15:00 your time. Nudges are off: say `nudges on` to get them."
    )
    rita = await _person(services, world, "rita")
    assert (rita.nudge_time, rita.nudges_enabled) == ("15:00", False)
    assert "at 15:00" in (await chat.say("rita", "nudges on")).text


async def test_nudges_on_is_refused_while_her_own_time_is_in_quiet_hours(
    services: Services,
) -> None:
    # Quiet hours moved while her nudges were off (an admin only checks reps with nudges on).
    world = await make_world(services)
    await _set(services, world, "rita", nudge_time="07:30", nudges_enabled=False)

    reply = await Chat(services).say("rita", "nudges on")

    assert not reply.ok
    assert reply.text == (
        "Your nudge time 07:30 is inside quiet hours (19:00–08:00), so no nudge would come. "
        "Pick a time between 08:00 and 18:59 (e.g. `nudge me at 08:00`), "
        "then say `nudges on` again."
    )
    assert (await _person(services, world, "rita")).nudges_enabled is False


async def test_managers_are_not_promised_nudges_the_scheduler_never_sends(
    services: Services,
) -> None:
    world = await make_world(services)

    reply = await Chat(services).say("mia", "nudge me at 16:30")

    assert not reply.ok and "Nudges go to reps only" in reply.text and "a manager" in reply.text
    assert (await _person(services, world, "mia")).nudge_time is None


# --- an admin's workspace defaults ---


async def test_an_admin_cannot_put_the_default_nudge_time_in_quiet_hours(
    services: Services,
) -> None:
    world = await make_world(services)
    chat = Chat(services)

    refused = await chat.say("ada", "/quotabot settings workspace nudge-time 07:00")
    allowed = await chat.say("ada", "/quotabot settings workspace nudge-time 08:00")

    assert not refused.ok
    assert refused.text == (
        "07:00 is inside quiet hours (19:00–08:00), so no nudge would come. "
        "Pick a time between 08:00 and 18:59."
    )
    assert allowed.ok and ("Default nudge time", "08:00") in [
        (f.label, f.value) for f in allowed.facts
    ]
    assert (await _workspace(services, world)).nudge_time == "08:00"


async def test_a_refused_change_saves_none_of_the_other_settings_in_it(
    services: Services,
) -> None:
    world = await make_world(services)

    reply = await Chat(services).say(
        "ada", "/quotabot settings workspace working-days mon-thu nudge-time 19:00"
    )

    assert not reply.ok and "19:00 is inside quiet hours" in reply.text
    ws = await _workspace(services, world)
    assert (ws.working_days, ws.nudge_time) == ("1,2,3,4,5", "16:00")


async def test_quiet_hours_that_would_cover_the_default_nudge_time_are_refused(
    services: Services,
) -> None:
    world = await make_world(services)

    reply = await Chat(services).say("ada", "/quotabot settings workspace quiet-hours 15:00-09:00")

    assert not reply.ok
    assert reply.text == (
        "Quiet hours 15:00–09:00 would cover the default nudge time 16:00, so no nudge would "
        "come. Keep 16:00 outside quiet hours, or move the nudge time first."
    )
    assert await _quiet(services, world) == ("19:00", "08:00")


async def test_quiet_hours_that_would_silence_a_reps_own_time_are_refused(
    services: Services,
) -> None:
    world = await make_world(services)
    chat = Chat(services)
    assert (await chat.say("rita", "nudge me at 08:30")).ok

    refused = await chat.say("ada", "/quotabot settings workspace quiet-hours 19:00-09:00")

    assert not refused.ok
    assert refused.text == (
        "Quiet hours 19:00–09:00 would cover the nudge time of Rita Rep (08:30), so no nudge "
        "would come for them. Pick quiet hours that leave 08:30 free, or ask them to move "
        "their nudge time first."
    )
    assert await _quiet(services, world) == ("19:00", "08:00")

    # Once her nudges are off, nobody's nudge is silenced: the change goes through.
    await chat.say("rita", "nudges off")
    allowed = await chat.say("ada", "/quotabot settings workspace quiet-hours 19:00-09:00")
    assert allowed.ok, allowed.text
    assert await _quiet(services, world) == ("19:00", "09:00")


async def test_a_nudge_time_and_quiet_hours_changed_together_are_checked_together(
    services: Services,
) -> None:
    world = await make_world(services)
    chat = Chat(services)

    # Alone, 21:00 is in the current quiet hours; with the new ones it is not.
    reply = await chat.say(
        "ada", "/quotabot settings workspace nudge-time 21:00 quiet-hours 22:00-07:00"
    )

    assert reply.ok, reply.text
    ws = await _workspace(services, world)
    assert (ws.nudge_time, ws.quiet_start, ws.quiet_end) == ("21:00", "22:00", "07:00")


async def test_quiet_hours_can_be_turned_off_and_then_any_time_works(
    services: Services,
) -> None:
    world = await make_world(services)
    chat = Chat(services)

    off = await chat.say("ada", "/quotabot settings workspace quiet-hours off")
    early = await chat.say("rita", "nudge me at 06:00")

    assert off.ok and ("Quiet hours", "none") in [(f.label, f.value) for f in off.facts]
    assert early.ok, early.text
    assert (await _person(services, world, "rita")).nudge_time == "06:00"


@pytest.mark.parametrize(
    ("typed", "saved"),
    [
        ("20-7", ("20:00", "07:00")),
        ("8pm-7am", ("20:00", "07:00")),
        ("22 - 6:30", ("22:00", "06:30")),
    ],
)
async def test_quiet_hours_read_as_people_type_them(
    services: Services, typed: str, saved: tuple[str, str]
) -> None:
    world = await make_world(services)

    reply = await Chat(services).say("ada", f"/quotabot settings workspace quiet-hours {typed}")

    # "20-7" was refused: "Give quiet hours as a start and an end, like 19:00-08:00".
    assert reply.ok, reply.text
    assert await _quiet(services, world) == saved


async def test_quiet_hours_need_a_start_and_an_end(services: Services) -> None:
    world = await make_world(services)

    reply = await Chat(services).say("ada", "/quotabot settings workspace quiet-hours 19:00")

    assert not reply.ok and "like `19:00-08:00`" in reply.text
    assert await _quiet(services, world) == ("19:00", "08:00")


def test_the_command_line_refuses_a_default_nudge_time_in_quiet_hours(db_url: str) -> None:
    asyncio.run(seed_console_rep(db_url))
    env = {"QUOTABOT_DATABASE_URL": db_url}

    refused = CliRunner().invoke(cli(), ["settings", "workspace", "--nudge-time", "07:00"], env=env)
    shown = CliRunner().invoke(cli(), ["settings", "workspace", "--nudge-time", "08:00"], env=env)

    assert refused.exit_code == 2 and "07:00 is inside quiet hours" in refused.output
    assert shown.exit_code == 0 and shown.output.splitlines() == ["Default nudge time: 08:00"]
