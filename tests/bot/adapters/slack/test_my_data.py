"""Slack: `/quotabot my data` comes back privately, the JSON in code blocks Slack accepts."""

from __future__ import annotations

import json

from bot.adapters.slack.blocks import MESSAGE_BLOCKS_MAX, SECTION_MAX, render
from core.messages import Attachment, Reply
from tests.bot.adapters.slack.harness import SlackWorkspace


def _code(message: dict[str, object]) -> str:
    """The text of the message's code blocks, joined back into the file."""
    blocks = message["blocks"]
    assert isinstance(blocks, list)
    parts = [
        b["text"]["text"].removeprefix("```\n").removesuffix("\n```")
        for b in blocks
        if "text" in b and b["text"]["text"].startswith("```")
    ]
    return "\n".join(parts).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


async def test_my_data_arrives_as_json_only_for_the_asker(slack: SlackWorkspace) -> None:
    await slack.command("/log", "3 calls with <Acme & Sons>")
    await slack.settle()
    await slack.command("/quotabot", "my data")
    await slack.settle()

    answer = slack.fake.hooks[-1]
    assert answer["response_type"] == "ephemeral"
    data = json.loads(_code(answer))
    assert data["profile"]["name"] == "Dana Lee"
    assert [a["count"] for a in data["activities"]] == [3]


def test_a_large_file_fills_the_message_and_says_what_is_left() -> None:
    lines = [json.dumps({"row": i, "note": "x" * 300}) for i in range(1000)]
    blocks = render(Reply(text="Your data", attachment=Attachment("big.json", "\n".join(lines))))

    assert len(blocks) <= MESSAGE_BLOCKS_MAX
    assert all(len(b["text"]["text"]) <= SECTION_MAX for b in blocks if "text" in b)
    assert "more characters not shown" in blocks[-1]["text"]["text"]
