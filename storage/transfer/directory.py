"""Who and which account a row names, resolved from dicts loaded once per import."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.accounts import name_key
from storage.models import Account, Team, User
from storage.transfer.errors import BadValue

# A name that two people share: resolving it needs their email instead.
AMBIGUOUS = -1


@dataclass
class People:
    """email, platform id (console login) and full name -> user id, for one workspace."""

    by_email: dict[str, int] = field(default_factory=dict)
    by_id: dict[str, int] = field(default_factory=dict)
    by_name: dict[str, int] = field(default_factory=dict)

    def add(self, user_id: int, external_id: str, name: str, email: str | None) -> None:
        self.by_id[external_id.casefold()] = user_id
        if email:
            self.by_email[email.casefold()] = user_id
        key = name.casefold()
        seen = self.by_name.get(key)
        self.by_name[key] = user_id if seen in (None, user_id) else AMBIGUOUS

    def find(self, written: str) -> int | None:
        key = written.casefold()
        found = self.by_email.get(key) or self.by_id.get(key) or self.by_name.get(key)
        if found == AMBIGUOUS:
            raise BadValue(f"two people are named {written!r}: use their email")
        return found

    def resolve(self, written: str, column: str) -> int:
        if not written:
            raise BadValue(f"{column} is empty")
        found = self.find(written)
        if found is None:
            raise BadValue(
                f"{column} {written!r} is nobody here (an email, platform id or full name; "
                "import people first)"
            )
        return found


async def load_people(session: AsyncSession, workspace_id: int) -> People:
    people = People()
    # FOR KEY SHARE on PostgreSQL, as a foreign-key check would lock each one: nobody can
    # delete them before the import commits, even when it skips those checks (fast.py).
    rows = await session.execute(
        select(User.id, User.external_id, User.name, User.email)
        .where(User.workspace_id == workspace_id)
        .with_for_update(read=True, key_share=True)
    )
    for user_id, external_id, name, email in rows:
        people.add(user_id, external_id, name, email)
    return people


async def load_teams(session: AsyncSession, workspace_id: int) -> dict[str, int]:
    rows = await session.execute(
        select(Team.name, Team.id).where(Team.workspace_id == workspace_id)
    )
    return {name.casefold(): team_id for name, team_id in rows}


class Accounts:
    """Account name -> id; accounts the file names for the first time are created together
    when rows are written (one statement for all, not one round trip each)."""

    def __init__(self, session: AsyncSession, workspace_id: int) -> None:
        self.session = session
        self.workspace_id = workspace_id
        self.ids: dict[str, int] = {}
        self.new: dict[str, str] = {}
        self.created = 0

    async def load(self) -> None:
        rows = await self.session.execute(
            select(Account.name_key, Account.id)
            .where(Account.workspace_id == self.workspace_id)
            .with_for_update(read=True, key_share=True)
        )
        self.ids = {key: account_id for key, account_id in rows}

    def key(self, written: str) -> str | None:
        """The account's key (None for no account); the id comes from `id_of` after `flush`."""
        if not written:
            return None
        if len(written) > 200:
            raise BadValue("account is longer than 200 characters")
        key = name_key(written)
        if key not in self.ids:
            self.new.setdefault(key, written)
        return key

    async def flush(self) -> None:
        if not self.new:
            return
        made = await self.session.execute(
            insert(Account).returning(Account.name_key, Account.id),
            [
                {"workspace_id": self.workspace_id, "name": name, "name_key": key}
                for key, name in self.new.items()
            ],
        )
        self.ids.update({key: account_id for key, account_id in made})
        self.created += len(self.new)
        self.new = {}

    def id_of(self, key: str | None) -> int | None:
        return None if key is None else self.ids[key]
