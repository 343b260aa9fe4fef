"""Customer accounts: found by a case- and space-insensitive key, created on first mention."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Account


def name_key(name: str) -> str:
    return " ".join(name.casefold().split())


async def find_account(session: AsyncSession, workspace_id: int, name: str) -> Account | None:
    return await session.scalar(
        select(Account).where(
            Account.workspace_id == workspace_id, Account.name_key == name_key(name)
        )
    )


async def account_named(session: AsyncSession, workspace_id: int, name: str) -> Account:
    found = await find_account(session, workspace_id, name)
    if found:
        return found
    account = Account(workspace_id=workspace_id, name=name.strip(), name_key=name_key(name))
    try:
        async with session.begin_nested():
            session.add(account)
    except IntegrityError:
        # Someone else created it between our read and write.
        found = await find_account(session, workspace_id, name)
        assert found is not None
        return found
    return account
