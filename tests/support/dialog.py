"""Conversation helpers: say things as a user, press buttons, read replies as text."""

from __future__ import annotations

from bot.adapters.console.render import render
from bot.services import Services
from core.messages import Action, Inbound, Platform, Reply


class Chat:
    """One workspace on one platform; `say` sends a message as a user and returns the reply."""

    def __init__(self, services: Services, platform: Platform = "console", workspace: str = "acme"):
        self.services = services
        self.platform = platform
        self.workspace = workspace
        self.last: Reply | None = None

    async def say(self, user: str, text: str) -> Reply:
        command = None
        if text.startswith("/"):
            command, _, text = text.partition(" ")
        inbound = Inbound(self.platform, self.workspace, user, text=text, command=command)
        self.last = await self.services.router.handle(inbound)
        return self.last

    async def press(
        self, user: str, action_id: str, value: str = "", fields: dict[str, str] | None = None
    ) -> Reply:
        action = Action(action_id, value, fields or {})
        inbound = Inbound(self.platform, self.workspace, user, action=action)
        self.last = await self.services.router.handle(inbound)
        return self.last

    async def text(self, user: str, text: str) -> str:
        return render(await self.say(user, text))
