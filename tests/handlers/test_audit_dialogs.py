"""Admins read who changed what; workspace currency and attainment settings are audited too."""

from __future__ import annotations

from datetime import date

from bot.services import Services
from tests.support.dialog import Chat
from tests.support.world import counts, make_world, set_quota


async def test_the_audit_log_says_who_changed_what_and_when(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    await chat.say("ada", "/quotabot team create North")
    await chat.say("ada", "/quotabot team North add @wes")
    await chat.say("ada", "/quotabot role @ron manager")
    await chat.say("mia", "set @rita quota to 50k next month")
    await chat.say("rita", "3 calls with Acme")  # a log, not a change

    log = await chat.say("ada", "/quotabot audit")
    assert log.text == "4 changes lately, newest first."
    assert log.table is not None
    assert [row[1:] for row in log.table.rows] == [
        ("Mia Manager", "Rita Rep's revenue quota, December 2026: $50,000"),
        ("Ada Admin", "Ron Rep: rep → manager"),
        ("Ada Admin", "Wes Rep added to North"),
        ("Ada Admin", "created team North"),
    ]
    assert log.table.rows[0][0] == "18 Nov 15:00"

    about_rita = await chat.say("ada", "/quotabot audit Rita Rep this month")
    assert about_rita.table is not None and len(about_rita.table.rows) == 1
    assert (await chat.say("ada", "/quotabot audit last month")).text == "No changes October 2026."
    assert (await chat.say("ada", "/quotabot audit team North")).text.startswith("2 changes about")


async def test_only_admins_read_the_audit_log(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    for who in ("rita", "mia"):
        reply = await chat.say(who, "/quotabot audit")
        assert (reply.text, reply.ok) == ("Only a workspace admin can change that.", False)
    reply = await chat.say("ada", "/quotabot audit @ghost")
    assert not reply.ok and "ghost" in reply.text


async def test_the_currency_is_chosen_before_money_is_recorded(services: Services) -> None:
    world = await make_world(services)
    chat = Chat(services)
    assert not (await chat.say("mia", "/quotabot settings workspace currency EUR")).ok
    reply = await chat.say("ada", "/quotabot settings workspace currency eur")
    assert reply.text == "Workspace settings updated." and reply.facts[0].value == "EUR"
    assert not (await chat.say("ada", "/quotabot settings workspace currency XYZ")).ok

    await set_quota(services, world, "rita", "revenue", "month", date(2026, 11, 1), 100)
    before = await counts(services)
    refused = await chat.say("ada", "/quotabot settings workspace currency USD")
    assert "I don't convert money" in refused.text and not refused.ok
    assert await counts(services) == before
    shown = await chat.say("rita", "/quotabot settings show")
    assert ("Currency", "EUR") in [(f.label, f.value) for f in shown.facts]
    log = await chat.say("ada", "/quotabot audit")
    assert log.table is not None and log.table.rows[0][2] == "workspace settings: currency EUR"


async def test_attainment_on_the_leaderboard_is_each_persons_own_unless_public(
    services: Services,
) -> None:
    world = await make_world(services)
    for rep in ("rita", "ron", "wes"):
        await set_quota(services, world, rep, "calls", "month", date(2026, 11, 1), 100)
    chat = Chat(services)
    for rep, n in (("rita", 30), ("ron", 20), ("wes", 10)):
        await chat.say(rep, f"{n} calls with Acme")

    board = await chat.say("ron", "/leaderboard calls this month")
    assert board.table is not None
    assert [(r[1], r[3]) for r in board.table.rows] == [
        ("Rita Rep", ""),
        ("Ron Rep", "20%"),
        ("Wes Rep", ""),
    ]
    assert not (await chat.say("mia", "/quotabot settings workspace attainment public")).ok
    assert (await chat.say("ada", "/quotabot settings workspace attainment public")).ok
    board = await chat.say("ron", "/leaderboard calls this month")
    assert board.table is not None
    assert [r[3] for r in board.table.rows] == ["30%", "20%", "10%"]
    # With nobody's attainment to show, the column goes.
    await chat.say("ada", "/quotabot settings workspace attainment private")
    board = await chat.say("ada", "/leaderboard calls this month")
    assert board.table is not None and board.table.columns == ("#", "Rep", "Calls")
