"""Export a workspace from chat, import the files into an empty one from chat: the same rows
come back out, and the same questions get the same answers."""

from __future__ import annotations

from datetime import date

from bot.adapters.console.render import render
from bot.services import Services
from core.actions import ActionId
from storage.models import User, Workspace
from tests.handlers.test_transfer_dialogs import choice, send_file
from tests.support.dialog import Chat
from tests.support.world import make_world, set_quota

KINDS = ("people", "activities", "deals", "quotas")


async def _empty_workspace(services: Services) -> None:
    async with services.sessions() as session, session.begin():
        ws = Workspace(platform="console", external_id="beta", name="Beta", currency="USD")
        session.add(ws)
        await session.flush()
        session.add(User(workspace_id=ws.id, external_id="bea", name="Bea Boss", role="admin"))


async def test_export_then_import_into_an_empty_workspace_gives_the_same_answers(
    services: Services,
) -> None:
    world = await make_world(services)
    await set_quota(services, world, "rita", "calls", "month", date(2026, 11, 1), 100)
    acme = Chat(services)
    await acme.say("rita", "3 calls and a demo with Acme on Nov 2")
    await acme.say("ron", "2 emails with Globex yesterday")
    await acme.say("wes", "closed Initech for $24k")
    await acme.say("rita", "new opp Hooli 40k closing end of month")
    await acme.say("mia", "set @ron quota to 50k next month")

    files = {}
    for kind in KINDS:
        reply = await acme.say("ada", f"/quotabot export {kind}")
        assert reply.attachment is not None, reply.text
        files[kind] = reply.attachment.text

    await _empty_workspace(services)
    beta = Chat(services, workspace="beta")
    for kind in KINDS:
        check = await send_file(beta, "bea", f"{kind}.csv", files[kind].encode(), f"import {kind}")
        assert check.buttons, check.text
        done = await beta.press("bea", ActionId.CHOOSE, choice(check, "Import"))
        assert done.ok and "Imported" in done.text, done.text

    for kind in ("activities", "deals", "quotas"):
        again = await beta.say("bea", f"/quotabot export {kind}")
        assert again.attachment is not None and again.attachment.text == files[kind], kind
    people = await beta.say("bea", "/quotabot export people")
    assert people.attachment is not None
    assert [r for r in people.attachment.text.splitlines() if "Bea Boss" not in r] == files[
        "people"
    ].splitlines()
    for question in ("/team East", "/leaderboard calls this month", "/pipeline team East"):
        assert render(await beta.say("bea", question)) == render(await acme.say("ada", question)), (
            question
        )
