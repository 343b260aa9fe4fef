"""App Home: the person's numbers, composed from the same router answers as chat."""

from __future__ import annotations

import dataclasses
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient

from bot.adapters.slack.blocks import Block, render
from bot.router import Router
from core.actions import ActionId
from core.messages import Button, Inbound, Reply

# A home view holds at most 100 blocks.
HOME_BLOCKS_MAX = 100

# What the home tab shows, in order: each is asked of the router as that person would.
# A section the person may not see (a rep asking for /team) is refused and left out.
SECTIONS = (
    ("/quota", ""),
    ("/pipeline", ""),
    ("/team", ""),
)

ACTIONS = (
    Button("Log activity", ActionId.OPEN_LOG_FORM, style="primary"),
    Button("Log deal", ActionId.OPEN_DEAL_FORM),
)


# Managers and admins also get the admin menu's buttons (people, audit log, settings).
ADMIN_MENU = ("/quotabot", "admin")


async def compose(router: Router, person: Inbound) -> dict[str, Any]:
    command, text = ADMIN_MENU
    ask = dataclasses.replace(person, text=text, command=command, action=None, event_id=None)
    menu = await router.handle(ask)
    extra = menu.buttons if menu.ok else ()
    blocks: list[Block] = render(Reply(text="*QuotaBot*", buttons=ACTIONS + extra))
    seen: set[str] = set()
    for command, text in SECTIONS:
        ask = dataclasses.replace(person, text=text, command=command, action=None, event_id=None)
        reply = await router.handle(ask)
        if not reply.ok or reply.text in seen:
            continue
        seen.add(reply.text)
        section = render(reply, with_buttons=False)
        if len(blocks) + len(section) + 1 > HOME_BLOCKS_MAX:
            break
        blocks.append({"type": "divider"})
        blocks.extend(section)
    return {"type": "home", "blocks": blocks}


async def publish(client: AsyncWebClient, router: Router, person: Inbound) -> None:
    view = await compose(router, person)
    # views.publish is Tier 4 (100+/min per workspace): fine once per open and per log.
    await client.views_publish(user_id=person.user, view=view)
