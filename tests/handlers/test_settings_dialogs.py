"""A rep's own settings in chat: each change is saved, audited and confirmed in plain words;
what cannot be saved is refused with the reason, and nothing changes."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from bot.adapters.console.render import render
from bot.identity import actor_of
from bot.services import Services
from core.messages import Reply
from handlers.settings import handle_settings
from handlers.shared.context import Context, Subject
from handlers.shared.errors import UserError
from nlp.intent import Intent
from storage.models import AuditEntry, User, Workspace
from tests.support.dialog import Chat
from tests.support.world import World, counts, make_world


async def _person(services: Services, world: World, login: str) -> User:
    async with services.sessions() as session:
        user = await session.get(User, world.users[login])
    assert user is not None
    return user


async def _audited(services: Services) -> list[tuple[int | None, str, dict[str, object]]]:
    async with services.sessions() as session:
        rows = (await session.scalars(select(AuditEntry).order_by(AuditEntry.id))).all()
    return [(row.user_id, row.action, json.loads(row.detail)) for row in rows]


async def _arrange(services: Services, world: World, login: str, **values: object) -> None:
    async with services.sessions() as session, session.begin():
        user = await session.get(User, world.users[login])
        ws = await session.get(Workspace, world.workspace_id)
        assert user is not None and ws is not None
        for name, value in values.items():
            setattr(ws if name.startswith("ws_") else user, name.removeprefix("ws_"), value)


async def _handled(services: Services, world: World, login: str, slots: dict[str, str]) -> Reply:
    """Ask the handler directly, as a confirmed question or another front end would."""
    async with services.sessions() as session, session.begin():
        user = await session.get(User, world.users[login])
        ws = await session.get(Workspace, world.workspace_id)
        assert user is not None and ws is not None
        ctx = Context(session, actor_of(user, ws), ws, services.clock(), Subject("self", "you"))
        return await handle_settings(Intent("settings", dict(slots)), ctx)


# --- time zone ---


async def test_a_rep_moves_to_berlin_and_the_zone_is_saved_and_audited(services: Services) -> None:
    world = await make_world(services)

    reply = await Chat(services).say("rita", "my time zone is Europe/Berlin")

    assert reply.ok and reply.text == "🌍 Time zone set to Europe/Berlin."
    assert (await _person(services, world, "rita")).tz == "Europe/Berlin"
    assert await _audited(services) == [
        (world.users["rita"], "settings", {"setting": "timezone", "value": "Europe/Berlin"})
    ]


async def test_a_time_zone_asked_about_without_a_zone_is_not_saved(services: Services) -> None:
    world = await make_world(services)
    chat = Chat(services)
    before = await counts(services)

    reply = await chat.say("rita", "change my time zone")

    # Asked which at once: a yes/no to "change your time zone?" would have nothing to save.
    assert not reply.ok
    assert reply.text == "Which time zone? Say it like `my time zone is Europe/Berlin`."
    assert (await _person(services, world, "rita")).tz == "America/New_York"
    assert await counts(services) == before


@pytest.mark.parametrize(
    "said", ["my timezone is Mars/Olympus", "set my time zone to Narnia", "tz: Atlantis"]
)
async def test_a_zone_nobody_knows_is_named_as_unknown_at_once(
    services: Services, said: str
) -> None:
    world = await make_world(services)
    before = await counts(services)

    reply = await Chat(services).say("rita", said)

    assert not reply.ok
    assert reply.text.startswith("I don't know that time zone.")
    assert not reply.buttons  # nothing to confirm
    assert (await _person(services, world, "rita")).tz == "America/New_York"
    assert await counts(services) == before


async def test_asking_for_the_time_zone_shows_the_settings(services: Services) -> None:
    await make_world(services)
    before = await counts(services)

    reply = await Chat(services).say("rita", "what's my time zone?")

    assert reply.ok and reply.text == "Your settings:"
    assert ("Time zone", "America/New_York") in [(f.label, f.value) for f in reply.facts]
    assert await counts(services) == before


async def test_a_zone_that_does_not_exist_is_refused(services: Services) -> None:
    world = await make_world(services)

    with pytest.raises(UserError) as refused:
        await _handled(services, world, "rita", {"setting": "timezone", "value": "Mars/Olympus"})

    assert str(refused.value) == (
        "I don't know the time zone 'Mars/Olympus'; try e.g. `Europe/Berlin`."
    )
    assert (await _person(services, world, "rita")).tz == "America/New_York"
    assert await _audited(services) == []


# --- nudges ---


async def test_nudges_off_is_confirmed_saved_and_audited(services: Services) -> None:
    world = await make_world(services)

    reply = await Chat(services).say("rita", "nudges off")

    assert reply.text == "🔕 Nudges are off. Turn them back on any time with `nudges on`."
    assert (await _person(services, world, "rita")).nudges_enabled is False
    assert await _audited(services) == [
        (world.users["rita"], "settings", {"setting": "nudges_off", "value": None})
    ]


async def test_a_new_nudge_time_is_audited_with_the_time(services: Services) -> None:
    world = await make_world(services)

    reply = await Chat(services).say("rita", "nudge me at 15:30")

    assert reply.text == "⏰ Nudges will come at 15:30 your time."
    assert await _audited(services) == [
        (world.users["rita"], "settings", {"setting": "nudge_time", "value": "15:30"})
    ]


@pytest.mark.parametrize(
    ("login", "said", "role"),
    [
        ("mia", "nudge me at 16:30", "a manager"),
        ("mia", "nudges on", "a manager"),
        ("ada", "nudge me at 16:30", "an admin"),
        ("ada", "nudges on", "an admin"),
    ],
)
async def test_only_reps_get_nudges(services: Services, login: str, said: str, role: str) -> None:
    world = await make_world(services)
    before = await counts(services)

    reply = await Chat(services).say(login, said)

    assert not reply.ok
    assert reply.text == (
        "Nudges go to reps only (they remind a rep who is behind on the day), "
        f"so none would come to you as {role}."
    )
    person = await _person(services, world, login)
    assert (person.nudge_time, person.nudges_enabled) == (None, True)
    assert await counts(services) == before


@pytest.mark.parametrize("value", ["25:00", "16.30", "4pm", ""])
async def test_a_nudge_time_must_be_a_24_hour_time(services: Services, value: str) -> None:
    world = await make_world(services)

    with pytest.raises(UserError) as refused:
        await _handled(services, world, "rita", {"setting": "nudge_time", "value": value})

    assert str(refused.value) == "Give a time like `16:30` (24-hour)."
    assert (await _person(services, world, "rita")).nudge_time is None


# --- what the settings are now ---


async def test_her_own_settings_are_shown_where_she_has_them(services: Services) -> None:
    world = await make_world(services)
    await _arrange(
        services,
        world,
        "rita",
        nudges_enabled=False,
        nudge_time="15:30",
        tz="Europe/Berlin",
        daily_activity_goal=12,
        ws_quiet_start="00:00",
        ws_quiet_end="00:00",
    )

    reply = await _handled(services, world, "rita", {})

    assert reply.text == "Your settings:"
    assert [(f.label, f.value) for f in reply.facts] == [
        ("Nudges", "off"),
        ("Nudge time", "15:30"),
        ("Quiet hours (workspace)", "none"),
        ("Time zone", "Europe/Berlin"),
        ("Daily activity goal", "12"),
    ]
    assert reply.notes == (
        "Change with `nudges off`, `nudge me at 15:30`, `my time zone is Europe/Berlin`.",
    )
    assert await _audited(services) == []  # looking changes nothing


async def test_the_workspace_defaults_are_shown_where_she_has_none(services: Services) -> None:
    world = await make_world(services)

    reply = await _handled(services, world, "rita", {})

    assert [(f.label, f.value) for f in reply.facts] == [
        ("Nudges", "on"),
        ("Nudge time", "16:00"),
        ("Quiet hours (workspace)", "19:00–08:00"),
        ("Time zone", "America/New_York"),
        ("Daily activity goal", "20"),
    ]


async def test_help_lists_the_settings_with_an_example(services: Services) -> None:
    await make_world(services)

    text = render(await Chat(services).say("rita", "help"))

    row = next(line for line in text.splitlines() if "Your settings" in line)
    what, example = row.strip().split("  ", 1)
    assert (what, example.strip()) == (
        "Your settings: nudges on/off, nudge time, time zone",
        "`nudges off`",
    )


async def test_naming_someone_else_changes_nobodys_nudges(services: Services) -> None:
    # A manager's "turn off <rep>'s nudges" once turned off the manager's own.
    world = await make_world(services)
    chat = Chat(services)
    before = await nudge_flags(services)
    mia_zone = (await _person(services, world, "mia")).tz
    for said in (
        "turn off @rita's nudges",
        "nudges off for @rita",
        # Named without a mention, as people type: these changed the manager's own.
        "turn off Rita's nudges",
        "nudges off for rita please",
        "stop nudging rita",
        "Rita's nudge time 9am",
        "set rita's time zone to Berlin",
    ):
        reply = await chat.say("mia", said)
        assert (reply.ok, reply.text) == (
            False,
            "You can change only your own settings; Rita Rep changes theirs "
            "(`nudges off`, `nudge me at 15:30`).",
        )
    assert await nudge_flags(services) == before
    assert before[world.users["mia"]] is True and before[world.users["rita"]] is True
    assert (await _person(services, world, "mia")).tz == mia_zone


async def test_a_setting_for_a_while_is_still_the_speakers_own(services: Services) -> None:
    world = await make_world(services)
    chat = Chat(services)

    for said in ("nudges off for today", "turn off nudges for the weekend", "nudges off for me"):
        reply = await chat.say("rita", said)
        assert reply.ok, (said, reply.text)
        assert (await nudge_flags(services))[world.users["rita"]] is False
        await chat.say("rita", "nudges on")


async def nudge_flags(services: Services) -> dict[int, bool]:
    async with services.sessions() as session:
        rows = await session.execute(select(User.id, User.nudges_enabled))
        return {uid: bool(enabled) for uid, enabled in rows}
