"""A person who spoke a moment ago is not read again, and never answered with stale rights."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import cast

from sqlalchemy import Table, delete, event, update

from bot.identity import Speakers
from bot.services import Services
from core.messages import Inbound
from storage.models import PendingAction, Team, User
from tests.support.dialog import Chat
from tests.support.world import make_world


@contextmanager
def reads_of_people(services: Services) -> Iterator[list[str]]:
    """The SELECTs on `users` run meanwhile (the speaker's lookup is one of them)."""
    seen: list[str] = []

    def record(_c: object, _cur: object, statement: str, *_args: object) -> None:
        if statement.lstrip().upper().startswith("SELECT") and "FROM users" in statement:
            seen.append(statement)

    target = services.engine.sync_engine
    event.listen(target, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(target, "before_cursor_execute", record)


async def test_a_second_message_moments_later_does_not_read_the_speaker_again(
    services: Services,
) -> None:
    await make_world(services)
    chat = Chat(services)
    await chat.say("rita", "2 calls with Acme")
    with reads_of_people(services) as reads:
        reply = await chat.say("rita", "3 calls with Acme")
    assert reply.text == "✅ Logged 3 calls with Acme for today."
    assert reads == []


async def test_a_role_given_in_chat_counts_from_the_very_next_message(
    services: Services,
) -> None:
    await make_world(services)
    chat = Chat(services)
    assert not (await chat.say("ron", "/quotabot team create South")).ok  # a rep: refused
    assert (await chat.say("ada", "/quotabot role @ron admin")).ok
    reply = await chat.say("ron", "/quotabot team create South")
    assert reply.ok, reply.text


async def test_a_change_written_by_any_session_of_the_process_is_seen_at_once(
    services: Services,
) -> None:
    world = await make_world(services)
    chat = Chat(services)
    assert not (await chat.say("rita", "/quotabot team create Central")).ok
    async with services.sessions() as session, session.begin():
        await session.execute(
            update(User).where(User.id == world.users["rita"]).values(role="admin")
        )
    assert (await chat.say("rita", "/quotabot team create Central")).ok


async def test_what_the_platform_says_about_a_person_is_taken_when_it_changes(
    services: Services,
) -> None:
    await make_world(services)
    speakers = Speakers(services.sessions, services.settings)
    base = Inbound("slack", "T1", "U1", text="hi", user_name="Kim", user_tz="Europe/Paris")
    first = await speakers(base)
    assert first.actor.tz == "Europe/Paris"
    moved = await speakers(Inbound("slack", "T1", "U1", text="hi", user_tz="Asia/Tokyo"))
    assert moved.actor.tz == "Asia/Tokyo"
    assert (await speakers(base)).actor.tz == "Europe/Paris"


async def test_after_a_few_seconds_the_rows_are_read_again(services: Services) -> None:
    await make_world(services)
    now = [100.0]
    speakers = Speakers(services.sessions, services.settings, monotonic=lambda: now[0])
    inbound = Inbound("console", "acme", "rita", text="hi")
    await speakers(inbound)
    with reads_of_people(services) as reads:
        await speakers(inbound)
        assert reads == []
        now[0] += 2.5
        await speakers(inbound)
    assert len(reads) == 1


async def test_writes_to_other_tables_leave_remembered_speakers_alone(
    services: Services,
) -> None:
    # The inbox's finish and the reply rows are UPDATEs on their tables with every message:
    # if they counted as changes to people, no speaker would ever be remembered.
    await make_world(services)
    chat = Chat(services)
    await chat.say("rita", "2 calls with Acme")
    async with services.sessions() as session, session.begin():
        teams = cast(Table, Team.__table__)
        await session.execute(update(teams).values(name=teams.c.name))
        await session.execute(delete(PendingAction))
    with reads_of_people(services) as reads:
        assert (await chat.say("rita", "1 call with Acme")).ok
    assert reads == []
