"""CSV in chat: managers export their team's rows, admins everyone's; an admin's file is
checked (a dry run) before Import writes it, once."""

from __future__ import annotations

import asyncio
import json

from sqlalchemy import func, select

from bot.services import Services
from core.actions import ActionId
from core.messages import Inbound, Reply, Upload
from storage.models import ChatFile, User
from tests.support.dialog import Chat
from tests.support.world import counts, make_world

PEOPLE = b"name,email,role,team\nNina New,nina@acme.test,rep,East\nOtto Other,,rep,North\n"


async def send_file(
    chat: Chat, user: str, name: str, data: bytes | None, text: str = "", problem: str = ""
) -> Reply:
    upload = Upload(name, size=None if data is None else len(data), data=data, problem=problem)
    inbound = Inbound(chat.platform, chat.workspace, user, text=text, upload=upload)
    chat.last = await chat.services.router.handle(inbound)
    return chat.last


def choice(reply: Reply, label: str) -> str:
    return next(b.value for b in reply.buttons if b.label == label)


async def people(services: Services) -> int:
    async with services.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(User)) or 0)


async def waiting(services: Services) -> int:
    async with services.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(ChatFile)) or 0)


async def test_a_manager_exports_their_team_an_admin_everyone_a_rep_is_told_why(
    services: Services,
) -> None:
    await make_world(services)
    chat = Chat(services)
    await chat.say("rita", "closed Initech for $24k")
    await chat.say("wes", "closed Globex for $10k")

    mine = await chat.say("mia", "/quotabot export deals")
    assert mine.ok and mine.attachment is not None and mine.attachment.direct
    assert mine.attachment.name.endswith(".csv") and "1 deal of team East" in mine.text
    lines = mine.attachment.text.splitlines()
    assert lines[0].startswith("account,owner,amount,currency,stage")
    assert [line.split(",")[0] for line in lines[1:]] == ["Initech"]

    everyone = await chat.say("ada", "/quotabot export deals")
    assert everyone.attachment is not None
    assert sorted(line.split(",")[0] for line in everyone.attachment.text.splitlines()[1:]) == [
        "Globex",
        "Initech",
    ]
    west = await chat.say("ada", "export team West's deals")
    assert west.attachment is not None and "Initech" not in west.attachment.text

    before = await counts(services)
    refused = await chat.say("rita", "/quotabot export deals")
    assert not refused.ok and refused.attachment is None
    assert "Only managers and admins can export data" in refused.text
    assert "/quotabot my data" in refused.text
    other = await chat.say("mia", "/quotabot export deals team West")
    assert other.attachment is None and "your own team only" in other.text
    assert await counts(services) == before


async def test_export_dates_are_a_range_and_bad_ones_are_explained(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    await chat.say("rita", "3 calls with Acme on Nov 2")
    await chat.say("rita", "2 emails with Acme on Nov 10")

    reply = await chat.say("mia", "export my team's activities from 2026-11-01 to 2026-11-05")
    assert reply.attachment is not None
    assert [r.split(",")[0] for r in reply.attachment.text.splitlines()[1:]] == ["2026-11-02"]
    assert "from 2026-11-01 to 2026-11-05" in reply.text

    backwards = await chat.say(
        "mia", "/quotabot export activities --from 2026-11-05 --to 2026-11-01"
    )
    assert not backwards.ok and "starts after it ends" in backwards.text
    wrong = await chat.say("mia", "/quotabot export activities --from 2026-13-01")
    assert not wrong.ok and "2026-13-01" in wrong.text


async def test_an_admins_file_is_checked_first_and_imported_once(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    before = await people(services)

    check = await send_file(chat, "ada", "people.csv", PEOPLE, "import people")
    assert check.ok, check.text
    assert "Would import 2 people" in check.text and "1 new team" in check.text
    assert [b.label for b in check.buttons] == ["Import", "Cancel"]
    assert await people(services) == before and await waiting(services) == 1

    done = await chat.press("ada", ActionId.CHOOSE, choice(check, "Import"))
    assert done.ok and "Imported 2 people" in done.text
    assert await people(services) == before + 2 and await waiting(services) == 0

    again = await chat.press("ada", ActionId.CHOOSE, choice(check, "Import"))
    assert "already imported or cancelled" in again.text
    cancel = await chat.press("ada", ActionId.CHOOSE, choice(check, "Cancel"))
    assert "already imported or cancelled" in cancel.text
    assert await people(services) == before + 2


async def test_cancel_writes_nothing_and_the_kind_comes_from_the_header(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    before = await counts(services)

    check = await send_file(chat, "ada", "team.csv", PEOPLE)
    assert "Would import 2 people" in check.text
    cancelled = await chat.press("ada", ActionId.CHOOSE, choice(check, "Cancel"))
    assert "Cancelled: nothing imported from team.csv" in cancelled.text
    late = await chat.press("ada", ActionId.CHOOSE, choice(check, "Import"))
    assert "already imported or cancelled" in late.text
    assert await counts(services) == before and await waiting(services) == 0


async def test_someone_elses_button_imports_nothing(services: Services) -> None:
    world = await make_world(services)
    async with services.sessions() as session, session.begin():
        ben = await session.get(User, world.users["walt"])
        assert ben is not None
        ben.role = "admin"
    chat = Chat(services)
    check = await send_file(chat, "ada", "people.csv", PEOPLE)
    before = await people(services)

    pressed = await chat.press("walt", ActionId.CHOOSE, choice(check, "Import"))
    assert "already imported or cancelled" in pressed.text
    assert await people(services) == before and await waiting(services) == 1


async def test_bad_files_get_a_reason_and_write_nothing(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    before = await counts(services), await people(services)

    cases = [
        ("rita", "people.csv", PEOPLE, "", "Only a workspace admin can import a CSV file"),
        ("ada", "deck.pdf", b"%PDF-1.7", "", "is not a CSV file"),
        ("ada", "people.csv", "name\nZoë\n".encode("utf-16"), "", "is not UTF-8 text"),
        ("ada", "people.csv", b"", "", "is not UTF-8 text"),
        ("ada", "huge.csv", None, "", "over 5 MB"),
        ("ada", "x.csv", b"colour,size\nred,3\n", "", "can't tell what x.csv holds"),
        (
            "ada",
            "activities.csv",
            b"date,person,kind,count,account\n2026-11-02,rita,fax,1,Acme\n",
            "import activities",
            "activities.csv, line 2: kind 'fax'",
        ),
        ("ada", "a.csv", b"name\nA\n" * 1, "import deals", "missing column"),
        # Over the chat cap: 20,000 rows hold the serving process about 1.3 s; beyond, the CLI.
        ("ada", "big.csv", b"name\n" + b"Zoe\n" * 20_001, "import people", "over 20,000 rows"),
    ]
    for user, name, data, text, expected in cases:
        problem = "too_big" if data is None else ""
        reply = await send_file(chat, user, name, data, text, problem)
        assert not reply.ok, (name, reply.text)
        assert expected in reply.text, (name, reply.text)
        assert not reply.buttons
    assert (await counts(services), await people(services)) == before
    assert await waiting(services) == 0


async def test_import_without_a_file_says_how(services: Services) -> None:
    await make_world(services)
    reply = await Chat(services).say("ada", "/quotabot import deals")
    assert "Send me the CSV file" in reply.text


async def test_a_forged_button_for_a_rep_is_refused(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    check = await send_file(chat, "ada", "people.csv", PEOPLE)
    value = json.loads(choice(check, "Import"))
    pressed = await chat.press("rita", ActionId.CHOOSE, json.dumps(value))
    assert not pressed.ok and "Only a workspace admin" in pressed.text
    assert await waiting(services) == 1


async def test_a_waiting_file_is_in_my_data_without_its_rows_and_goes_with_it(
    services: Services,
) -> None:
    world = await make_world(services)
    async with services.sessions() as session, session.begin():
        walt = await session.get(User, world.users["walt"])
        assert walt is not None
        walt.role = "admin"  # the workspace keeps an admin (ada) when walt leaves
    chat = Chat(services)
    await send_file(chat, "walt", "people.csv", PEOPLE)

    mine = await chat.say("walt", "/quotabot my data")
    assert mine.attachment is not None
    [waiting_file] = json.loads(mine.attachment.text)["files_waiting"]
    assert waiting_file["name"] == "people.csv" and "content" not in waiting_file
    assert "Nina" not in mine.attachment.text

    await chat.say("walt", "/quotabot delete my data")
    assert (await chat.say("walt", "yes")).ok
    assert await waiting(services) == 0


async def test_two_clicks_at_once_import_once(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    check = await send_file(chat, "ada", "people.csv", PEOPLE)
    before = await people(services)
    value = choice(check, "Import")

    first, second = await asyncio.gather(
        Chat(services).press("ada", ActionId.CHOOSE, value),
        Chat(services).press("ada", ActionId.CHOOSE, value),
    )

    assert sorted("Imported 2 people" in r.text for r in (first, second)) == [False, True]
    assert await people(services) == before + 2
