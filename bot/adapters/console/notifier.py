"""A notifier for the console workspace: prints each proactive message to a stream."""

from __future__ import annotations

import sys
from typing import TextIO

from bot.adapters.console.render import render
from scheduler.notify import Outbound, SendResult


class ConsoleNotifier:
    platform = "console"

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream
        self.sent: list[Outbound] = []

    async def send(self, message: Outbound) -> SendResult:
        to = f"#{message.channel}" if message.channel else f"@{message.user}"
        out = self.stream or sys.stdout
        out.write(f"--- to {to} ({message.workspace}) ---\n{render(message.reply)}\n")
        out.flush()
        self.sent.append(message)
        return SendResult(ok=True)
