"""`/quotabot settings workspace|team ...`: an admin's settings command, kept apart from chat.

It is recognised only behind the slash command (never in free text, never from the LLM), so
a rep's "settings" chatter can't reach workspace configuration; the router's policy still
requires an admin.
"""

from __future__ import annotations

import re

from nlp.intent import Intent
from nlp.team_admin import team_admin

_ADMIN = re.compile(r"^\s*settings?\s+((?:workspace|team)\b.*)$", re.IGNORECASE | re.DOTALL)


def admin_settings(text: str, command: str | None) -> Intent | None:
    if not command or command.strip().lower() not in ("/quotabot", "quotabot"):
        return None
    people = team_admin(text, command)
    if people is not None:
        return people
    match = _ADMIN.match(text)
    if match is None:
        return None
    return Intent("admin_settings", {"args": " ".join(match.group(1).split())}, 0.95)
