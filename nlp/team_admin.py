"""`/quotabot` people, privacy and audit commands, and the free-text people forms."""

from __future__ import annotations

import re

from nlp.intent import Intent

# The slash forms are exact grammar (an admin's tool should not guess); the free-text forms
# ("add Ben to West", "make Carla manager of West") cover the few sentences people type.
# The router still resolves every name and checks who may do it.
_MENTION = re.compile(r"<@[A-Za-z0-9._:-]+(?:\|[^>]*)?>")
_ROLES = r"(?P<role>rep|manager|admin)"
# Periods an admin names for the audit log: contract names once spaces become "_".
_PERIOD = (
    r"today|yesterday|(?:this|last)\s+(?:week|month|quarter|year)"
    r"|\d{4}(?:-(?:\d{2}|q[1-4]|w\d{2}))?"
)
_SLASH = (
    (re.compile(r"^team\s+create\s+(?P<name>.+)$", re.I), "team_create"),
    # "team West sync #sales-west", "team West sync @sales-team", "team West sync off"
    (re.compile(r"^team\s+(?P<team>.+?)\s+(?:sync|follow)\s+(?P<source>.+)$", re.I), "team_sync"),
    (
        re.compile(r"^team\s+(?P<team>.+?)\s+(?P<op>add|remove)\s+(?P<people>.+)$", re.I),
        "team_members",
    ),
    (
        re.compile(r"^team\s+(?P<team>.+?)\s+(?:manager|lead)\s+(?P<person>.+)$", re.I),
        "team_manager",
    ),
    (re.compile(rf"^role\s+(?P<person>.+?)\s+{_ROLES}$", re.I), "set_role"),
    (re.compile(r"^people(?:\s+(?:in\s+|on\s+)?(?:team\s+)?(?P<team>.+))?$", re.I), "people"),
    (re.compile(r"^settings?\s+show$", re.I), "settings_show"),
    (
        re.compile(r"^settings?\s+workspace\s+currency\s+(?P<value>\S+)$", re.I),
        "workspace_currency",
    ),
    (
        re.compile(r"^settings?\s+workspace\s+attainment\s+(?P<value>\S+)$", re.I),
        "attainment_visibility",
    ),
    (re.compile(r"^settings?\s+workspace\s+charts?\s+(?P<value>\S+)$", re.I), "workspace_charts"),
    (re.compile(r"^(?:monday\s+)?digest\s+(?P<value>\S+)$", re.I), "manager_digest"),
    (re.compile(r"^(?:admin|manage)$", re.I), "admin_menu"),
    (re.compile(r"^(?:my\s+data|export\s+my\s+data)$", re.I), "my_data"),
    (re.compile(r"^(?:delete|erase|forget)\s+(?:all\s+)?my\s+data$", re.I), "delete_my_data"),
    # "audit", "audit last month", "audit @ben", "audit Ben Carter this week"
    (
        re.compile(rf"^audit(?:\s+(?:team\s+)?(?P<who>.+?))??(?:\s+(?P<period>{_PERIOD}))?$", re.I),
        "audit_log",
    ),
)
_PLEASE = r"^(?:please\s+)?"
_NAME = r"[\w][\w .&'-]*"
# "team West" or "the West team"
_TEAM_REF = rf"(?:the\s+)?(?:team\s+(?P<team>{_NAME})|(?P<team2>{_NAME}?)\s+team)$"
_FREE = (
    (
        re.compile(
            _PLEASE + r"(?:create|make|add)\s+(?:a\s+)?(?:new\s+)?team\s+"
            rf"(?:called\s+|named\s+)?(?P<name>{_NAME})$",
            re.I,
        ),
        "team_create",
    ),
    (
        re.compile(
            _PLEASE
            + r"(?P<op>add|put|move)\s+(?P<people>[^\d]+?)\s+(?:to|on|onto|into)\s+"
            + _TEAM_REF,
            re.I,
        ),
        "team_members",
    ),
    (
        re.compile(
            _PLEASE + r"(?P<op>remove|take)\s+(?P<people>[^\d]+?)\s+(?:from|off)\s+" + _TEAM_REF,
            re.I,
        ),
        "team_members",
    ),
    (
        re.compile(
            _PLEASE + r"make\s+(?P<person>.+?)\s+(?:the\s+)?(?:manager|lead)\s+(?:of|for)\s+"
            rf"(?:team\s+)?(?P<team>{_NAME}?)(?:\s+team)?$",
            re.I,
        ),
        "team_manager",
    ),
    (
        re.compile(_PLEASE + rf"make\s+(?P<person>.+?)\s+(?:an?\s+)?{_ROLES}$", re.I),
        "set_role",
    ),
    (
        re.compile(
            r"^(?:who(?:'s| is)\s+on\s+which\s+team|list\s+(?:all\s+)?(?:the\s+)?people"
            r"|show\s+(?:me\s+)?(?:the\s+)?people)\??$",
            re.I,
        ),
        "people",
    ),
)
_OPS = {"add": "add", "put": "add", "move": "add", "remove": "remove", "take": "remove"}


def names(text: str) -> list[str]:
    """ "@dev @emma", "<@U1> <@U2>", "Ben Carter, Emma and Dev" -> one entry per person."""
    found = _MENTION.findall(text)
    rest = _MENTION.sub(" ", text)
    for chunk in re.split(r",|\band\b|&", rest):
        words = chunk.split()
        ats = [w for w in words if w.startswith("@")]
        if ats and len(ats) == len(words):
            found.extend(ats)  # "@dev @emma": each @word is a person
        elif words:
            found.append(" ".join(words))
    return found


def _slots(kind: str, groups: dict[str, str | None]) -> dict[str, object]:
    slots: dict[str, object] = {}
    if groups.get("name"):
        slots["name"] = " ".join(str(groups["name"]).split())
    team = groups.get("team") or groups.get("team2")
    if team:
        slots["subject"] = " ".join(team.split())
    if groups.get("op"):
        slots["op"] = _OPS[str(groups["op"]).lower()]
    if groups.get("people"):
        slots["people"] = names(str(groups["people"]))
    if groups.get("person"):
        slots["person"] = " ".join(str(groups["person"]).split())
    if groups.get("role"):
        slots["role"] = str(groups["role"]).lower()
    if groups.get("who"):
        slots["subject"] = " ".join(str(groups["who"]).split())
    if groups.get("period"):
        period = "_".join(str(groups["period"]).lower().split())
        slots["period"] = period.upper() if period[:1].isdigit() else period
    if groups.get("value"):
        slots["value"] = str(groups["value"])
    if groups.get("source"):
        slots["source"] = sync_source(str(groups["source"]))
    return slots


_CHANNEL_LINK = re.compile(r"^<#(?P<id>[CG][A-Z0-9]+)(?:\|[^>]*)?>$")
_GROUP_LINK = re.compile(r"^<!subteam\^(?P<id>S[A-Z0-9]+)(?:\|[^>]*)?>$")
_HANDLE = r"[a-z0-9][a-z0-9._-]{0,79}"


def sync_source(raw: str) -> str:
    """What a team follows, as Team.sync_source stores it; "off" stops; "" is unreadable.

    "<#C123|sales-west>" -> "channel:C123", "#sales-west" -> "channel:#sales-west",
    "<!subteam^S123|@sales>" -> "usergroup:S123", "@sales" -> "usergroup:@sales",
    "roster" or "this team" -> "roster" (the Teams team the command is typed in).
    """
    text = " ".join(raw.split())
    low = text.lower()
    if low in ("off", "stop", "none", "nothing"):
        return "off"
    if low in ("roster", "this team", "the roster", "team roster"):
        return "roster"
    link = _CHANNEL_LINK.match(text)
    if link:
        return f"channel:{link['id']}"
    link = _GROUP_LINK.match(text)
    if link:
        return f"usergroup:{link['id']}"
    plain = re.match(rf"^(?:(?:user\s*)?group\s+)?(?P<sign>[#@])(?P<name>{_HANDLE})$", low)
    if plain:
        kind = "channel" if plain["sign"] == "#" else "usergroup"
        return f"{kind}:{plain['sign']}{plain['name']}"
    return ""


def team_admin(text: str, command: str | None) -> Intent | None:
    """The people intent a message asks for, or None when it is not one.

    Free-text membership changes must say "team" ("add Ben to team West", "... to the West
    team"): "add 3 calls to Acme" is a log, and a write is never guessed.
    """
    body = " ".join(text.strip().rstrip(".!").split())
    slash = (
        bool(command)
        and command is not None
        and command.strip().lower()
        in (
            "/quotabot",
            "quotabot",
        )
    )
    for pattern, kind in _SLASH if slash else _FREE:
        match = pattern.match(body)
        if match:
            return Intent(kind, _slots(kind, match.groupdict()), 0.95 if slash else 0.8)
    return None
