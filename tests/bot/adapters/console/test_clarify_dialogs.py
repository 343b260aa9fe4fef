"""When the parser is unsure about a write, the bot asks first and saves only on yes."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.adapters.console.chat import ConsoleSession
from bot.services import Services
from storage.models import Activity
from tests.support.clock import FakeClock
from tests.support.world import make_world


async def logged(services: Services) -> int:
    async with services.sessions() as session:
        return int(await session.scalar(select(func.coalesce(func.sum(Activity.count), 0))) or 0)


async def test_unsure_write_is_asked_then_saved_on_yes(services: Services) -> None:
    await make_world(services)
    rita = ConsoleSession(services, "rita", "acme")
    question = await rita.say("demo")
    assert "Just checking before I save anything: log 1 demo" in question
    assert "[1] Yes, save it   [2] No" in question
    assert await logged(services) == 0
    answer = await rita.say("yes")
    assert "Logged 1 demo for today" in answer
    assert await logged(services) == 1


async def test_unsure_write_answered_no_saves_nothing(services: Services) -> None:
    await make_world(services)
    rita = ConsoleSession(services, "rita", "acme")
    await rita.say("calls")
    assert "nothing saved" in await rita.say("no")
    assert await logged(services) == 0
    # A later "yes" has nothing pending and is not a write.
    assert "Logged" not in await rita.say("yes")


async def test_button_number_confirms(services: Services) -> None:
    await make_world(services)
    rita = ConsoleSession(services, "rita", "acme")
    await rita.say("demo")
    assert "Logged 1 demo" in await rita.say("1")


async def test_question_expires_after_a_few_minutes(services: Services, clock: FakeClock) -> None:
    await make_world(services)
    rita = ConsoleSession(services, "rita", "acme")
    await rita.say("demo")
    clock.advance(minutes=6)
    await rita.say("yes")
    assert await logged(services) == 0


async def test_pending_question_is_per_user(services: Services) -> None:
    await make_world(services)
    rita, ron = ConsoleSession(services, "rita", "acme"), ConsoleSession(services, "ron", "acme")
    await rita.say("demo")
    await ron.say("yes")
    assert await logged(services) == 0
    await rita.say("yes")
    assert await logged(services) == 1
