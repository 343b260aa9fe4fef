"""`/quotabot admin` offers each role what it may run; a forged button still meets the policy."""

from __future__ import annotations

import json

from bot.services import Services
from core.actions import ActionId
from tests.support.dialog import Chat
from tests.support.world import make_world


async def test_the_admin_menu_fits_the_role(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    menu = await chat.say("ada", "/quotabot admin")
    assert [b.label for b in menu.buttons] == ["People and teams", "Audit log", "Settings"]
    people = await chat.press("ada", ActionId.CHOOSE, menu.buttons[0].value)
    assert people.title == "People" and people.table is not None

    mine = await chat.say("mia", "/quotabot admin")
    assert [b.label for b in mine.buttons] == ["People and teams", "Settings"]
    forged = json.dumps({"intent": "audit_log", "slots": {}})
    assert not (await chat.press("mia", ActionId.CHOOSE, forged)).ok

    refused = await chat.say("rita", "/quotabot admin")
    assert (refused.text, refused.ok) == ("Only managers and admins can use the admin menu.", False)
