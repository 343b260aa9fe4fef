"""`/quotabot settings workspace|team ...`: an admin's settings command, kept apart from chat.

It is recognised only behind the slash command (never in free text, never from the LLM), so
a rep's "settings" chatter can't reach workspace configuration; the router's policy still
requires an admin.
"""

from __future__ import annotations

import re

from nlp.intent import Intent
from nlp.team_admin import team_admin
from nlp.transfer import transfer

_ADMIN = re.compile(r"^\s*settings?\s+((?:workspace|team)\b.*)$", re.IGNORECASE | re.DOTALL)


def admin_settings(text: str, command: str | None) -> Intent | None:
    if not command or command.strip().lower() not in ("/quotabot", "quotabot"):
        return None
    people = team_admin(text, command) or transfer(text)
    if people is not None:
        return people
    reminders = _team_reminders(text)
    if reminders is not None:
        return reminders
    match = _ADMIN.match(text)
    if match is None:
        slip = _SLIP.match(text)
        # "/quotabot role @ben superuser": that command's forms, not the whole help page.
        return Intent("help", {"topic": slip.group(1).lower()}, 0.9) if slip else None
    return Intent("admin_settings", {"args": " ".join(match.group(1).split())}, 0.95)


# Commands with an exact grammar: a message starting with one that did not parse slipped.
_SLIP = re.compile(r"^\s*(role|team)\b", re.I)
_REMINDER_KEY = r"(?:reminder(?:-days)?|afternoon(?:-reminder)?|mention-missing)"
# One word or a quoted name, as the handler splits it: "team East channel C1 reminder 09:15"
# is an admin's settings change (a channel), not East-channel-C1's reminders.
_REMINDERS = re.compile(
    rf'^\s*settings?\s+team\s+(?P<team>"[^"]+"|\S+)\s+(?P<rest>{_REMINDER_KEY}\b.*)$', re.I | re.S
)
# "reminder days mon-thu", "reminder 09:15 days mon, tue and fri", "reminder days every day":
# the days run to the end or to the next key (the handler reads and checks them).
_DAYS = r"(?:\S+\s+)?days(?:\s+[\w,&–-]+)+"
_ONLY_REMINDERS = re.compile(rf"^(?:{_REMINDER_KEY}\s+(?:{_DAYS}|\S+)\s*)+$", re.I)
_PREVIEW = re.compile(
    r"^\s*(?P<post>reminder|afternoon)\s+preview(?:\s+(?:team\s+)?(?P<team>.+))?$", re.I
)


def _team_reminders(text: str) -> Intent | None:
    """A team's channel reminders: managers set their own team's, so these are their own
    intent (the policy's `manage`), apart from the admin-only workspace settings."""
    preview = _PREVIEW.match(text.strip())
    if preview:
        team = " ".join((preview.group("team") or "team").split())
        args = f"team {team} {preview.group('post').lower()} preview"
        return Intent("team_reminders", {"subject": team, "args": args}, 0.95)
    match = _REMINDERS.match(text)
    if match is None or not _ONLY_REMINDERS.match(match.group("rest").strip()):
        return None
    team = " ".join(match.group("team").strip('"').split())
    args = f"team {match.group('team')} {' '.join(match.group('rest').split())}"
    return Intent("team_reminders", {"subject": team, "args": args}, 0.95)
