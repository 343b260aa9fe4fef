"""Logs and undo are the speaker's own: naming someone else as who did it, or whose log to
undo, is refused with the reason, and nobody's numbers change."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from bot.services import Services
from storage.models import Activity
from tests.support.dialog import Chat
from tests.support.world import make_world

REFUSED = "You can only log and change your own activity and deals."


async def logged(services: Services) -> dict[int, int]:
    async with services.sessions() as session:
        rows = await session.execute(
            select(Activity.user_id, func.sum(Activity.count))
            .where(Activity.deleted_at.is_(None))
            .group_by(Activity.user_id)
        )
        return {uid: int(total) for uid, total in rows}


@pytest.mark.parametrize(
    "said",
    [
        "undo rita's last log",
        "undo @rita's log",
        "undo Rita's calls",
    ],
)
async def test_a_manager_cannot_undo_a_reps_log_and_keeps_their_own(
    services: Services, said: str
) -> None:
    world = await make_world(services)
    chat = Chat(services)
    await chat.say("rita", "3 calls with Acme")
    await chat.say("mia", "2 demos with Globex")
    before = await logged(services)

    reply = await chat.say("mia", said)

    # It undid the manager's own last log before.
    assert (reply.ok, reply.text) == (False, REFUSED)
    assert await logged(services) == before
    assert before == {world.users["rita"]: 3, world.users["mia"]: 2}


@pytest.mark.parametrize(
    "said",
    [
        "@rita made 3 calls with Acme",
        "log a demo on behalf of @rita",
        "2 calls with Acme for @rita",
    ],
)
async def test_a_log_for_someone_else_is_refused_not_put_on_the_speaker(
    services: Services, said: str
) -> None:
    await make_world(services)
    before = await logged(services)

    reply = await Chat(services).say("mia", said)

    assert (reply.ok, reply.text) == (False, REFUSED)
    assert await logged(services) == before


async def test_naming_yourself_or_an_account_is_still_your_own_log(services: Services) -> None:
    world = await make_world(services)
    chat = Chat(services)

    for said in (
        "@rita made 3 calls with Acme",
        "2 calls for Acme",
        "undo my last log",
        "a demo with Globex for @mia's deal",  # helping a colleague's deal: still my demo
    ):
        reply = await chat.say("rita", said)
        assert reply.ok, (said, reply.text)

    assert await logged(services) == {world.users["rita"]: 4}
