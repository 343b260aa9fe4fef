"""Customer accounts: matched as people write them (case, suffixes, prefixes, typos)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

from rapidfuzz import fuzz, process
from sqlalchemy import Table, bindparam, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session, make_transient_to_detached

from storage.direct import Direct
from storage.models import Account

# Legal forms that say nothing about which company: "Acme Corp" is "Acme".
LEGAL = frozenset(
    [
        "inc",
        "incorporated",
        "llc",
        "llp",
        "lp",
        "ltd",
        "limited",
        "corp",
        "corporation",
        "co",
        "company",
        "companies",
        "gmbh",
        "ag",
        "kg",
        "sa",
        "sas",
        "sarl",
        "srl",
        "spa",
        "bv",
        "nv",
        "oy",
        "ab",
        "as",
        "plc",
        "pty",
        "pte",
        "plc",
    ]
)
# A typo is at most this far from the name (rapidfuzz ratio, 0..100): one slip in a 5-letter
# word still matches, two names of the same length that differ in one letter do not tie.
TYPO_SCORE = 80.0
# Candidates scoring within this of the best are equally close: the person chooses.
TIE_MARGIN = 4.0
# Prefixes and typos only for names at least this long: "Ac" is not a company.
MIN_FUZZY = 3
_WORD = re.compile(r"[^\W_]+")


def name_key(name: str) -> str:
    """The unique key of a stored account: case and spacing folded."""
    return " ".join(name.casefold().split())


def match_key(name: str) -> str:
    """What identifies a company in a name: no accents, case, punctuation or legal form."""
    bare = "".join(
        ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch)
    )
    words = _WORD.findall(bare.casefold())
    core = list(words)
    if core and core[0] == "the" and len(core) > 1:
        core = core[1:]
    while len(core) > 1 and core[-1] in LEGAL:
        core.pop()
        if len(core) > 1 and core[-1] == "and":  # "Sable and Co"
            core.pop()
    return " ".join(core or words)


@dataclass(frozen=True)
class Match:
    """How a written name fits the accounts: indexes into the names given, best first.

    One candidate is a clear match; several mean "ask"; none means a new account. `rest` is
    what the person wrote after a whole account name ("Acme renewal": the deal's name).
    """

    candidates: tuple[int, ...]
    how: str
    rest: str = ""

    @property
    def clear(self) -> int | None:
        return self.candidates[0] if len(self.candidates) == 1 else None


def match(written: str, names: Sequence[str]) -> Match:
    """Match `written` against `names`: exact, same company, prefix or word, name + more
    words, then a small typo. The first test that finds anything decides."""
    exact = name_key(written)
    for i, name in enumerate(names):
        if name_key(name) == exact:
            return Match((i,), "exact")
    key = match_key(written)
    keys = [match_key(n) for n in names]
    same = [i for i, k in enumerate(keys) if k == key or k.replace(" ", "") == key.replace(" ", "")]
    if same:
        return Match(tuple(same), "same")
    if len(key) >= MIN_FUZZY:
        starts = [i for i, k in enumerate(keys) if _starts(k, key)]
        if starts:
            return Match(tuple(starts), "prefix")
        longer = [i for i, k in enumerate(keys) if len(k) >= MIN_FUZZY and key.startswith(k + " ")]
        if longer:
            longest = max(len(keys[i]) for i in longer)
            best = tuple(i for i in longer if len(keys[i]) == longest)
            return Match(best, "name", rest=key[longest:].strip())
        return _typo(key, keys)
    return Match((), "none")


def _starts(account: str, key: str) -> bool:
    """`key` starts the account's name or one of its words: "Stark" for "Stark Logistics"."""
    if account.startswith(key):
        return True
    words = account.split()
    size = len(key.split())
    return any(
        " ".join(words[i : i + size]).startswith(key) for i in range(1, len(words) - size + 1)
    )


def _typo(key: str, keys: Sequence[str]) -> Match:
    # Each account is scored by its whole name and by its words ("Tyrel" ~ "Tyrell Systems").
    choices: list[str] = []
    owner: list[int] = []
    for i, k in enumerate(keys):
        for variant in {k, *(w for w in k.split() if len(w) > MIN_FUZZY)}:
            choices.append(variant)
            owner.append(i)
    found = process.extract(key, choices, scorer=fuzz.ratio, score_cutoff=TYPO_SCORE, limit=None)
    best: dict[int, float] = {}
    for _, score, index in found:
        best[owner[index]] = max(best.get(owner[index], 0.0), score)
    if not best:
        return Match((), "none")
    top = max(best.values())
    close = sorted((i for i, s in best.items() if s >= top - TIE_MARGIN), key=lambda i: -best[i])
    return Match(tuple(close), "typo")


async def workspace_accounts(session: AsyncSession, workspace_id: int) -> list[Account]:
    rows = await session.scalars(
        select(Account).where(Account.workspace_id == workspace_id).order_by(Account.name)
    )
    return list(rows.all())


# Every /log naming an account reads it here: loading an ORM entity by query cost a tenth of
# the serving thread (issue 18's profile), so the row is read by storage.direct and handed
# to the session as the persistent object it is (no SQL).
_ACCOUNTS = cast(Table, Account.__table__)
_BY_KEY = Direct(
    select(*_ACCOUNTS.c).where(
        _ACCOUNTS.c.workspace_id == bindparam("ws"), _ACCOUNTS.c.name_key == bindparam("key")
    )
)


async def find_account(session: AsyncSession, workspace_id: int, name: str) -> Account | None:
    rows = await _BY_KEY.rows(session, {"ws": workspace_id, "key": name_key(name)})
    if not rows:
        return None
    values = dict(zip(_ACCOUNTS.c.keys(), rows[0], strict=True))
    known = session.sync_session.identity_map.get(Session.identity_key(Account, values["id"]))
    if isinstance(known, Account):
        return known  # already in this session (flushed first, so it says what the row says)
    row = Account(**values)
    make_transient_to_detached(row)
    session.add(row)  # persistent as read: no SQL (a merge would copy it attribute by attribute)
    return row


async def account_named(session: AsyncSession, workspace_id: int, name: str) -> Account:
    """The account with exactly this name (case and spacing aside), created if none."""
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
