"""The activity rollups always equal a recomputation from the raw rows, whatever mix of logs,
undos, imports, edits and deletes came before (issue 14), and a rebuild restores them."""

from __future__ import annotations

import itertools
from collections import defaultdict
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select, update

from bot.services import Services
from storage.models import Activity, Workspace
from storage.models.sales import ActivityDay, ActivityMonth
from storage.rollups import COLUMNS, rebuild
from storage.transfer.run import import_file
from tests.support.dialog import Chat

USERS = ("u1", "u2", "u3")
KINDS = ("call", "email", "meeting", "demo")
# Days either side of month ends, so month rollups split and merge (today is 2026-11-18).
DAYS = (date(2026, 10, 30), date(2026, 10, 31), date(2026, 11, 1), date(2026, 11, 18))
SAID = ("calls", "emails", "meetings", "demos")
_names = itertools.count()

user = st.sampled_from(USERS)
op = st.one_of(
    st.tuples(st.just("log"), user, st.sampled_from(SAID), st.integers(1, 9), st.booleans()),
    st.tuples(st.just("undo"), user),
    st.tuples(
        st.just("import"),
        st.lists(
            st.tuples(user, st.sampled_from(KINDS), st.integers(1, 50), st.sampled_from(DAYS)),
            min_size=1,
            max_size=5,
        ),
    ),
    st.tuples(st.just("edit"), st.integers(0, 99), st.sampled_from(KINDS), st.integers(1, 9)),
    st.tuples(st.just("move"), st.integers(0, 99), st.sampled_from(DAYS)),
    st.tuples(st.just("delete"), st.integers(0, 99)),
    st.tuples(st.just("restore"), st.integers(0, 99)),
)


Sums = tuple[dict[tuple[object, ...], int], dict[tuple[object, ...], int]]


async def _rollups(services: Services, ws: int) -> Sums:
    found: Sums = ({}, {})
    async with services.sessions() as session:
        tables: tuple[tuple[type[ActivityDay] | type[ActivityMonth], str], ...] = (
            (ActivityDay, "day"),
            (ActivityMonth, "month"),
        )
        for sums, (model, at) in zip(found, tables, strict=True):
            rows: list[ActivityDay | ActivityMonth] = list(
                await session.scalars(select(model).where(model.workspace_id == ws))
            )
            for row in rows:
                for kind, column in COLUMNS.items():
                    if getattr(row, column):
                        sums[(getattr(row, at), row.user_id, kind)] = getattr(row, column)
    return found


async def _recomputed(services: Services, ws: int) -> Sums:
    days: dict[tuple[object, ...], int] = defaultdict(int)
    months: dict[tuple[object, ...], int] = defaultdict(int)
    async with services.sessions() as session:
        live = await session.scalars(
            select(Activity).where(Activity.workspace_id == ws, Activity.deleted_at.is_(None))
        )
        for a in live:
            days[(a.occurred_on, a.user_id, a.kind)] += a.count
            months[(a.occurred_on.replace(day=1), a.user_id, a.kind)] += a.count
    return dict(days), dict(months)


async def _nth(services: Services, ws: int, index: int) -> int | None:
    async with services.sessions() as session:
        ids = list(
            await session.scalars(
                select(Activity.id).where(Activity.workspace_id == ws).order_by(Activity.id)
            )
        )
    return ids[index % len(ids)] if ids else None


async def _change(services: Services, ws: int, index: int, **values: object) -> None:
    row = await _nth(services, ws, index)
    async with services.sessions() as session, session.begin():
        if values:
            await session.execute(update(Activity).where(Activity.id == row).values(**values))
        else:
            await session.execute(delete(Activity).where(Activity.id == row))


async def _apply(
    services: Services, chat: Chat, ws: int, step: tuple[object, ...], tmp: Path
) -> None:
    name = step[0]
    if name == "log":
        _, who, said, n, yesterday = step
        await chat.say(str(who), f"{n} {said}" + (" yesterday" if yesterday else ""))
    elif name == "undo":
        await chat.say(str(step[1]), "undo")
    elif name == "import":
        path = tmp / f"{chat.workspace}.csv"
        lines = [f"{d},{u},{k},{n},Acme" for u, k, n, d in step[1]]  # type: ignore[attr-defined]
        path.write_text("date,person,kind,count,account\n" + "\n".join(lines) + "\n")
        await import_file(
            services.sessions, "activities", path, chat.workspace, now=services.clock()
        )
    elif name == "edit":
        await _change(services, ws, int(str(step[1])), kind=step[2], count=step[3])
    elif name == "move":
        await _change(services, ws, int(str(step[1])), occurred_on=step[2])
    elif name == "delete":
        await _change(services, ws, int(str(step[1])))
    else:  # restore: an undone row coming back counts again
        await _change(services, ws, int(str(step[1])), deleted_at=None)


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.lists(op, min_size=1, max_size=8))
async def test_rollups_equal_a_recomputation_after_any_writes(
    services: Services, tmp_path: Path, steps: list[tuple[object, ...]]
) -> None:
    chat = Chat(services, workspace=f"prop{next(_names)}")
    for login in USERS:  # everyone exists before a file names them
        await chat.say(login, "1 call")
    async with services.sessions() as session:
        ws = await session.scalar(
            select(Workspace.id).where(Workspace.external_id == chat.workspace)
        )
    assert ws is not None
    for step in steps:
        await _apply(services, chat, ws, step, tmp_path)
        assert await _rollups(services, ws) == await _recomputed(services, ws), step


async def test_a_rebuild_restores_damaged_rollups(services: Services) -> None:
    chat = Chat(services)
    await chat.say("u1", "3 calls and 2 demos")
    await chat.say("u2", "4 emails yesterday")
    async with services.sessions() as session:
        ws = await session.scalar(select(Workspace.id).where(Workspace.external_id == "acme"))
    assert ws is not None
    right = await _rollups(services, ws)
    async with services.sessions() as session, session.begin():
        await session.execute(update(ActivityDay).values(calls=ActivityDay.calls + 7))
        await session.execute(delete(ActivityMonth))
    assert await _rollups(services, ws) != right
    async with services.sessions() as session, session.begin():
        assert await rebuild(session, ws) == 2  # two person-days
    assert await _rollups(services, ws) == right == await _recomputed(services, ws)
