"""The fake Slack, able to read back what the bot posted (now the strict fake's own)."""

from __future__ import annotations

from tests.support.slack_api import FakeSlack


class SlackWithHistory(FakeSlack):
    """FakeSlack: conversations.history answers with what the bot posted there."""
