"""Teams: `/quotabot my data` in a personal chat answers with the JSON in the card."""

from __future__ import annotations

import json

from bot.adapters.teams.cards import MAX_FILE_TEXT, card_json
from core.messages import Attachment, Reply
from tests.bot.adapters.teams.harness import TeamsTenant
from tests.bot.adapters.teams.test_conversations import DANA_CHAT


def _runs(card: dict[str, object]) -> list[str]:
    body = card["body"]
    assert isinstance(body, list)
    return [run["text"] for b in body if b["type"] == "RichTextBlock" for run in b["inlines"]]


async def test_my_data_is_the_json_in_plain_monospace(teams: TeamsTenant) -> None:
    await teams.post(teams.activity("personal_message"))
    ask = teams.activity("personal_message", text="/quotabot my data", id="1763478003999")
    await teams.post(ask)

    card = teams.connector.cards(DANA_CHAT)[-1]
    [text] = _runs(card)
    data = json.loads(text)
    assert data["profile"]["name"] == "Dana Reyes"
    assert [a["count"] for a in data["activities"]] == [3]


def test_a_large_file_is_cut_and_says_so() -> None:
    card = card_json(Reply(text="Your data", attachment=Attachment("big.json", "x" * 50_000)))
    [text] = _runs(card)
    assert len(text) == MAX_FILE_TEXT
    assert "30,000 more characters not shown" in json.dumps(card)
