"""A rep logs a day's work in one line, an account per activity: each goes to its own."""

from __future__ import annotations

from sqlalchemy import select

from bot.services import Services
from core.actions import ActionId
from storage.accounts import name_key
from storage.models import Account, Activity
from tests.support.dialog import Chat
from tests.support.world import counts, make_world


async def logged(services: Services) -> list[tuple[str, int, str | None]]:
    """(kind, count, account name) of every live activity, in the order saved."""
    async with services.sessions() as session:
        rows = await session.execute(
            select(Activity.kind, Activity.count, Account.name)
            .outerjoin(Account, Account.id == Activity.account_id)
            .where(Activity.deleted_at.is_(None))
            .order_by(Activity.id)
        )
        return [(kind, count, name) for kind, count, name in rows]


async def two_globexes(services: Services) -> None:
    """Two companies that "Globex" fits equally well."""
    world = await make_world(services)
    async with services.sessions() as session, session.begin():
        session.add_all(
            Account(workspace_id=world.workspace_id, name=n, name_key=name_key(n))
            for n in ("Globex Inc", "Globex GmbH")
        )


async def test_each_activity_goes_to_the_account_said_with_it(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)

    reply = await chat.say("rita", "3 calls to Acme, 2 emails to Globex and a demo with Hooli")

    assert reply.text == (
        "✅ Logged 3 calls with Acme, 2 emails with Globex and 1 demo with Hooli for today."
    )
    assert await logged(services) == [
        ("call", 3, "Acme"),
        ("email", 2, "Globex"),
        ("demo", 1, "Hooli"),
    ]
    undone = await chat.say("rita", "undo")
    assert "Undone: 3 calls with Acme, 2 emails with Globex and 1 demo with Hooli" in undone.text
    assert await logged(services) == []


async def test_a_count_without_its_activity_word_repeats_the_one_before(
    services: Services,
) -> None:
    await make_world(services)
    chat = Chat(services)

    reply = await chat.say("rita", "2 calls w/ Acme and 1 w/ Globex")

    assert reply.text == "✅ Logged 2 calls with Acme and 1 call with Globex for today."
    assert await logged(services) == [("call", 2, "Acme"), ("call", 1, "Globex")]


async def test_one_account_for_the_whole_line_is_unchanged(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)

    await chat.say("rita", "3 calls and a demo w/ Acme")

    assert await logged(services) == [("call", 3, "Acme"), ("demo", 1, "Acme")]


async def test_an_unclear_account_is_asked_and_only_it_changes(services: Services) -> None:
    await two_globexes(services)
    chat = Chat(services)
    before = await counts(services)

    asked = await chat.say("rita", "3 calls to Acme and 2 emails to Globex")

    assert asked.text == "“Globex” could be Globex GmbH or Globex Inc. Which account?"
    assert await counts(services) == before  # nothing saved until they choose
    chosen = await chat.press("rita", ActionId.CHOOSE, asked.buttons[1].value)
    assert chosen.text == "✅ Logged 3 calls with Acme and 2 emails with Globex Inc for today."
    assert await logged(services) == [("call", 3, "Acme"), ("email", 2, "Globex Inc")]


async def test_a_new_account_chosen_is_created_for_that_item_only(services: Services) -> None:
    await two_globexes(services)
    chat = Chat(services)
    asked = await chat.say("rita", "2 emails to Globex, 3 calls to Acme")

    chosen = await chat.press("rita", ActionId.CHOOSE, asked.buttons[-1].value)

    assert chosen.text == "✅ Logged 2 emails with Globex and 3 calls with Acme for today."
    assert "🆕 new account Globex" in chosen.notes
    assert await logged(services) == [("email", 2, "Globex"), ("call", 3, "Acme")]


async def test_a_day_said_once_at_the_end_is_the_whole_lines(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)

    reply = await chat.say("rita", "emailed Acme & called Globex yesterday")

    assert reply.text == "✅ Logged 1 email with Acme and 1 call with Globex for Tue 17 Nov."
    assert await logged(services) == [("email", 1, "Acme"), ("call", 1, "Globex")]


async def test_a_name_with_an_ampersand_stays_one_account(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)

    await chat.say("rita", "3 calls to Procter & Gamble")

    assert await logged(services) == [("call", 3, "Procter & Gamble")]


async def test_two_days_in_one_line_are_asked_before_saving(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)

    asked = await chat.say("rita", "2 emails yday, 3 calls today")

    assert asked.text.startswith("Just checking before I save anything: log 2 emails and 3 calls")
    assert await logged(services) == []


async def test_one_activity_then_a_list_of_names_is_one_each(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)

    reply = await chat.say("rita", "called Acme, Globex and Hooli")
    await chat.say("rita", "3 calls to Initech, Umbrella and Stark")

    assert reply.text == (
        "✅ Logged 1 call with Acme, 1 call with Globex and 1 call with Hooli for today."
    )
    assert await logged(services) == [
        ("call", 1, "Acme"),
        ("call", 1, "Globex"),
        ("call", 1, "Hooli"),
        ("call", 1, "Initech"),
        ("call", 1, "Umbrella"),
        ("call", 1, "Stark"),
    ]


async def test_two_names_without_a_comma_stay_one_account(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)

    await chat.say("rita", "called Barnes and Noble")

    assert len(await logged(services)) == 1
