"""Personal numbers stay private unless the asker says to share them in the channel."""

from __future__ import annotations

import pytest

from bot.services import Services
from bot.share import split_share
from tests.support.dialog import Chat
from tests.support.world import make_world


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("share my pipeline", "my pipeline"),
        ("how am I tracking? share it with the channel", "how am I tracking?"),
        ("pipeline, post it here", "pipeline"),
        ("share", ""),
    ],
)
def test_share_requests_are_recognised_and_removed(text: str, rest: str) -> None:
    assert split_share(text) == (rest, True)


@pytest.mark.parametrize(
    "text", ["I shared the deck with Acme", "share of wallet at Acme", "3 calls with Acme"]
)
def test_ordinary_messages_are_not_share_requests(text: str) -> None:
    assert split_share(text) == (text, False)


async def test_quota_is_private_unless_shared(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    assert (await chat.say("rita", "/quota")).private
    shared = await chat.say("rita", "/quota share")
    assert shared.ok and not shared.private
    assert "No quota is set for you" in shared.text


async def test_a_log_confirmation_stays_private_even_when_shared(services: Services) -> None:
    await make_world(services)
    reply = await Chat(services).say("rita", "3 calls with Acme, share it")
    assert reply.ok and reply.private
