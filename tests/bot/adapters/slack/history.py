"""The fake Slack, able to read back what the bot posted (conversations.history, metadata)."""

from __future__ import annotations

from typing import Any

from tests.support.slack_api import FakeSlack
from tests.support.slack_wire import Grant


class SlackWithHistory(FakeSlack):
    """conversations.history answers with the messages the bot posted there, newest first,
    each with the metadata it was posted with (Slack returns it with include_all_metadata).
    `oldest` is not applied: this fake's timestamps are not on the app's clock."""

    def _conversations_history(self, params: dict[str, Any], grant: Grant) -> dict[str, Any]:
        channel = self._channel(str(params["channel"])).id
        messages = [
            {
                "type": "message",
                "ts": call.answer["ts"],
                "text": call.params.get("text", ""),
                "metadata": call.params.get("metadata"),
            }
            for call in self.delivered()
            if call.channel == channel
        ]
        return {"ok": True, "messages": messages[::-1], "has_more": False}
