"""`settings team East reminder 09:15 afternoon off` -> the scope, the team, the changes."""

from __future__ import annotations

import shlex

from handlers.shared.errors import UserError
from handlers.shared.team_settings import KEYS as TEAM_KEYS
from handlers.shared.workspace_settings import KEYS as WORKSPACE_KEYS
from handlers.shared.workspace_settings import NAMES

KNOWN = f"{NAMES}, and for a team: channel reminder afternoon mention-missing"


def parse_args(text: str) -> tuple[str, str | None, dict[str, str]]:
    """ "team Closers channel C1 leaderboard fri 16:00" -> ("team", "Closers", {...}).

    Values run until the next known key, so "leaderboard fri 16:00" needs no quotes.
    """
    try:
        words = shlex.split(text)
    except ValueError as exc:  # an unclosed quote
        raise UserError("A quote is not closed; try again without it.") from exc
    if not words or words[0].lower() not in ("workspace", "team"):
        raise UserError("Say `settings workspace ...` or `settings team NAME ...`.")
    scope, rest = words[0].lower(), words[1:]
    team = None
    if scope == "team":
        if not rest:
            raise UserError("Which team? `settings team NAME channel #sales`.")
        team, rest = rest[0], rest[1:]
    known = set(WORKSPACE_KEYS) | set(TEAM_KEYS)
    changes: dict[str, str] = {}
    key: str | None = None
    for word in rest:
        name = word.lower().lstrip("-").replace("-", "_")
        if name in known:
            key = name
            changes[key] = ""
        elif key is None:
            raise UserError(f"I don't know the setting {word!r}; I know: {KNOWN}.")
        else:
            changes[key] = f"{changes[key]} {word}".strip()
    return scope, team, changes
