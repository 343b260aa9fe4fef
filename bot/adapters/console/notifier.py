"""A notifier for the console workspace: prints each proactive message to a stream."""

from __future__ import annotations

import itertools
import sys
from typing import TextIO

from bot.adapters.console.render import render
from scheduler.notify import Outbound, SendResult

# A reply in a thread is printed indented under a marker, as a chat client shows it.
INDENT = "    "


class ConsoleNotifier:
    platform = "console"

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream
        self.sent: list[Outbound] = []
        self._ids = itertools.count(1)

    async def send(self, message: Outbound) -> SendResult:
        to = f"#{message.channel.lstrip('#')}" if message.channel else f"@{message.user}"
        out = self.stream or sys.stdout
        body = render(message.reply)
        if message.mentions:
            body = " ".join(f"@{m.name}" for m in message.mentions) + "\n" + body
        if message.thread:
            lines = [f"{INDENT}{line}" if line else line for line in body.splitlines()]
            out.write(f"{INDENT}--- reply in the thread of {message.thread} ---\n")
            out.write("\n".join(lines) + "\n")
        else:
            out.write(f"--- to {to} ({message.workspace}) ---\n{body}\n")
        out.flush()
        self.sent.append(message)
        # Ids like a chat's message ids, so a follow-up can name the post it replies to.
        return SendResult(ok=True, message_id=f"{to} message {next(self._ids)}")
