"""Turn a parsed `subject` ("team", "<@U…>", "EMEA", "Ben Carter") into a workspace Subject.

A written name always means that person or team: several matches ask which one, none
says so; a name is never quietly read as the asker.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.messages import Actor
from handlers.shared.context import Subject
from handlers.shared.errors import NotFound, UserError
from storage.models import Team, User

_MENTION = re.compile(r"^<@([A-Za-z0-9._:-]+)(?:\|[^>]*)?>$")
# Chat markup that no person's or team's name contains: refused, never echoed back.
_MARKUP = re.compile(r"[<>*_~`|\[\]]|https?://|^!", re.IGNORECASE)
_SELF = frozenset({"", "me", "i", "my", "myself", "self", "mine"})
_TEAM = frozenset({"team", "my team", "the team", "us", "our team"})
_EVERYONE = frozenset({"everyone", "company", "all", "workspace", "org", "everybody"})
_MAX_CHOICES = 5
# Several names written as one ("rita and ron", "rita, ron") when no team is called that.
_LIST = re.compile(r"\s(?:and|&|\+)\s|,")


class Ambiguous(UserError):
    """A name that fits several people or teams: the person picks one."""

    def __init__(self, written: str, choices: list[Choice]) -> None:
        listed = ", ".join(c.label for c in choices[:_MAX_CHOICES])
        super().__init__(
            f"{written!r} could be {listed}. Which one? Say the full name or @mention them."
        )
        self.written = written
        self.choices = choices[:_MAX_CHOICES]


@dataclass(frozen=True)
class Choice:
    """One candidate: what the person reads, and a subject that resolves to it alone."""

    label: str
    subject: str


def fold(text: str) -> str:
    """Case- and accent-insensitive form: "Zoë O'Brien" and "zoe o'brien" compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.strip())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


def _written_form(raw: str) -> str:
    """The name as meant: no leading @, no trailing possessive ("Ben's" -> "Ben")."""
    text = raw.strip().lstrip("@").strip()
    return re.sub(r"(?:'s|’s|')$", "", text).strip()


async def resolve_subject(session: AsyncSession, actor: Actor, raw: str | None) -> Subject:
    if raw is None or raw.strip().lower() in _SELF:
        return await _self(session, actor)
    text = raw.strip()
    lowered = text.lower()
    if lowered in _TEAM:
        return await _own_team(session, actor)
    if lowered in _EVERYONE:
        return Subject(kind="workspace", label="everyone")
    mention = _MENTION.match(text)
    if mention:
        return await _by_mention(session, actor, mention.group(1))
    if lowered.startswith("team:"):
        return await _team_by_id(session, actor, text[5:])
    written = _written_form(text)
    if not written or _MARKUP.search(written):
        raise UserError("That doesn't look like a person's or a team's name. Try `@name`.")
    return await _by_name(session, actor, written)


async def _self(session: AsyncSession, actor: Actor) -> Subject:
    user = await session.get(User, actor.user_id)
    return Subject(kind="self", label="you", user=user)


async def _own_team(session: AsyncSession, actor: Actor) -> Subject:
    if actor.team_id is None:
        if actor.role == "admin":
            return Subject(kind="workspace", label="everyone")
        raise NotFound("You're not on a team yet; an admin can add you to one.")
    team = await session.get(Team, actor.team_id)
    assert team is not None
    return _team_subject(team)


def _user_subject(actor: Actor, user: User) -> Subject:
    if user.id == actor.user_id:
        return Subject(kind="self", label="you", user=user)
    return Subject(kind="user", label=user.name, user=user)


def _team_subject(team: Team) -> Subject:
    return Subject(kind="team", label=f"team {team.name}", team=team)


async def _by_mention(session: AsyncSession, actor: Actor, external_id: str) -> Subject:
    # Teams mentions carry a key of their own (mention_id), not the person's Entra id.
    user = await session.scalar(
        select(User).where(
            User.workspace_id == actor.workspace_id,
            or_(User.external_id == external_id, User.mention_id == external_id),
        )
    )
    if user is None:
        raise NotFound(
            "I haven't met that person yet. Once they say hi to me, or an admin adds them "
            "to a team (`/quotabot team East add @name`), I can help with their numbers."
        )
    return _user_subject(actor, user)


async def _team_by_id(session: AsyncSession, actor: Actor, raw_id: str) -> Subject:
    team = await session.get(Team, int(raw_id)) if raw_id.isdigit() else None
    if team is None or team.workspace_id != actor.workspace_id:
        raise NotFound("I don't know that team here.")
    return _team_subject(team)


def _tiers(user: User) -> tuple[set[str], set[str], list[str]]:
    """A person's names by strength: exact ids and full names; single words; word starts."""
    full = fold(user.name)
    exact = {fold(user.external_id), full}
    if user.email and "@" in user.email:
        exact.add(fold(user.email.split("@", 1)[0]))
    words = set(full.split())
    return exact, words, [full, *words]


async def _by_name(session: AsyncSession, actor: Actor, written: str) -> Subject:
    users = (
        await session.scalars(select(User).where(User.workspace_id == actor.workspace_id))
    ).all()
    # A platform id written out beats any display name: a rep who renames himself "ben"
    # must not receive Ben's quota.
    by_id = [u for u in users if u.external_id == written]
    if by_id:
        return _user_subject(actor, by_id[0])
    teams = (
        await session.scalars(select(Team).where(Team.workspace_id == actor.workspace_id))
    ).all()
    key = fold(written)
    tiered = [(u, _tiers(u)) for u in users]
    team_names = [(t, fold(t.name)) for t in teams]
    tests: tuple[tuple[list[User], list[Team]], ...] = (
        (
            [u for u, (exact, _, _) in tiered if key in exact],
            [t for t, name in team_names if name == key],
        ),
        ([u for u, (_, words, _) in tiered if key in words], []),
        (
            [u for u, (_, _, starts) in tiered if any(s.startswith(key) for s in starts)],
            [t for t, name in team_names if name.startswith(key)],
        ),
    )
    for people, found_teams in tests:
        if len(people) + len(found_teams) == 1:
            return _user_subject(actor, people[0]) if people else _team_subject(found_teams[0])
        if people or found_teams:
            raise Ambiguous(written, _choices(people, found_teams, teams))
    if _LIST.search(written):  # "rita and ron": the parser keeps a list as written
        raise NotFound(
            f"{written!r} names more than one person; ask about or set one at a time, "
            "like `set @dana quota to 150k for Q1`."
        )
    raise NotFound(f"I don't know anyone or any team called {written!r} here.")


def _choices(people: list[User], found: list[Team], teams: Sequence[Team]) -> list[Choice]:
    team_name = {t.id: t.name for t in teams}
    out = [
        Choice(
            f"{u.name} ({team_name[u.team_id]})" if u.team_id in team_name else u.name,
            f"<@{u.external_id}>",
        )
        for u in sorted(people, key=lambda u: u.name)
    ]
    out += [Choice(f"team {t.name}", f"team:{t.id}") for t in sorted(found, key=lambda t: t.name)]
    return out
