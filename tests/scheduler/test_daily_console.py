"""The console notifier prints a team post under its channel, and a reply in its thread
indented beneath it, with the people it mentions."""

from __future__ import annotations

import io

from bot.adapters.console.notifier import ConsoleNotifier
from core.messages import Reply
from scheduler.notify import Mention, Outbound


async def test_a_thread_reply_is_printed_indented_under_the_post() -> None:
    out = io.StringIO()
    console = ConsoleNotifier(out)
    post = Reply(text="Log before you go: 2 of 3 reps haven't logged.", private=False)
    sent = await console.send(Outbound("console", "demo", post, channel="#sales-emea"))
    assert sent.ok and sent.message_id == "#sales-emea message 1"

    names = Reply(text="Nothing logged today yet.", private=False)
    who = (Mention("ana", "Ana Pop"), Mention("cy", "Cy Dee"))
    reply = Outbound(
        "console", "demo", names, channel="#sales-emea", thread=sent.message_id, mentions=who
    )
    assert (await console.send(reply)).ok
    assert out.getvalue().splitlines() == [
        "--- to #sales-emea (demo) ---",
        "Log before you go: 2 of 3 reps haven't logged.",
        "    --- reply in the thread of #sales-emea message 1 ---",
        "    @Ana Pop @Cy Dee",
        "    Nothing logged today yet.",
    ]
