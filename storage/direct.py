"""Hot statements compiled once per dialect, run on the driver connection of the open transaction.

Issue 18's profile of one `serve` process under a burst: SQLAlchemy's per-statement work
(session, connection, execution context, result) took about a third of the serving
thread, several times the databases' own work for these small statements. The message
path's hottest statements skip it: compiled once here by SQLAlchemy itself (same SQL, same
bind and result processing, so the same values reach the database), then handed straight
to sqlite3 or asyncpg inside the transaction the session already holds. Anything fancier
(ORM entities, expanding IN lists, column defaults computed at execution) is refused when
the plan is made, so a statement either runs exactly as SQLAlchemy would run it or not at all.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql import ClauseElement

from storage.sqlite_driver import run_now

Params = Mapping[str, Any]
Processor = Callable[[Any], Any] | None


@dataclass(frozen=True)
class _Plan:
    sql: str
    names: tuple[str, ...]  # bind names in positional order
    binds: tuple[Processor, ...]
    defaults: Mapping[str, Any]  # literal values written into the statement (`.values(x=1)`)
    results: tuple[Processor, ...]

    def args(self, params: Params) -> tuple[Any, ...]:
        values = []
        for name, process in zip(self.names, self.binds, strict=True):
            value = params[name] if name in params else self.defaults[name]
            values.append(process(value) if process is not None and value is not None else value)
        return tuple(values)

    def rows(self, raw: Sequence[Sequence[Any]]) -> list[tuple[Any, ...]]:
        if not any(self.results):
            return [tuple(r) for r in raw]
        return [
            tuple(p(v) if p is not None else v for p, v in zip(self.results, r, strict=True))
            for r in raw
        ]


class Direct:
    """One Core statement (on tables, not ORM entities), e.g. `Direct(insert(t).returning(...))`,
    or one per dialect by name when they differ (`{"sqlite": ..., "postgresql": ...}`)."""

    def __init__(self, statement: ClauseElement | Mapping[str, ClauseElement]) -> None:
        self.statement = statement
        self._plans: dict[tuple[str, tuple[str, ...], bool], _Plan] = {}

    async def rows(self, session: AsyncSession, params: Params) -> list[tuple[Any, ...]]:
        """Run once with `params`; the rows it returns (none for a plain INSERT/UPDATE)."""
        held = await _held(session)
        plan = self._plan(held.dialect, tuple(params), many=False)
        return plan.rows(await _run(held, plan, [plan.args(params)], many=False))

    async def scalar(self, session: AsyncSession, params: Params) -> Any:
        """The first column of the one row it returns (an id, a total)."""
        return (await self.rows(session, params))[0][0]

    async def many(self, session: AsyncSession, rows: Sequence[Params]) -> None:
        """Run once per parameter set (executemany); all sets must name the same keys."""
        if not rows:
            return
        held = await _held(session)
        plan = self._plan(held.dialect, tuple(rows[0]), many=True)
        if plan.results:
            raise ValueError("executemany cannot return rows on every driver")
        # One row is one statement: asyncpg's executemany costs a pipeline set-up even then.
        await _run(held, plan, [plan.args(r) for r in rows], many=len(rows) > 1)

    def _plan(self, dialect: Dialect, keys: tuple[str, ...], many: bool) -> _Plan:
        found = self._plans.get((dialect.name, keys, many))
        if found is None:
            statement = (
                self.statement[dialect.name]
                if isinstance(self.statement, Mapping)
                else self.statement
            )
            found = self._plans[(dialect.name, keys, many)] = _compile(
                statement, dialect, keys, many
            )
        return found


@dataclass(frozen=True)
class _Held:
    """The driver connection under a session's transaction, found once per transaction."""

    transaction: object
    dialect: Dialect
    adapted: Any  # SQLAlchemy's adapter of the driver connection
    driver: Any  # sqlite3.Connection or asyncpg.Connection


_HELD = "direct.held"


async def _held(session: AsyncSession) -> _Held:
    # What session.execute would do first: objects added or changed are written before
    # a statement that may refer to them (autoflush).
    sync = session.sync_session
    if sync.autoflush and (sync.new or sync.dirty or sync.deleted):
        await session.flush()
    held: _Held | None = session.info.get(_HELD)
    transaction = sync.get_transaction()
    if held is None or transaction is None or held.transaction is not transaction:
        conn = await session.connection()  # begins the transaction if none is open yet
        raw: Any = await conn.get_raw_connection()
        adapted = raw.dbapi_connection
        held = _Held(sync.get_transaction(), conn.dialect, adapted, adapted.driver_connection)
        session.info[_HELD] = held
    return held


def _compile(
    statement: ClauseElement, dialect: Dialect, keys: tuple[str, ...], many: bool
) -> _Plan:
    # As SQLAlchemy compiles for executemany: no implicit RETURNING of the primary key.
    compiled: Any = statement.compile(dialect=dialect, column_keys=list(keys), for_executemany=many)
    if compiled.positiontup is None:
        raise ValueError(f"{dialect.name} does not compile to positional parameters")
    if compiled.insert_prefetch or compiled.update_prefetch:
        raise ValueError("a column default computed at execution: give every value")
    if any(b.expanding for b in compiled.binds.values()):
        raise ValueError("expanding IN parameters are not planned once")
    names = tuple(compiled.positiontup)
    processors = compiled._bind_processors
    defaults = {
        name: bind.value
        for name, bind in compiled.binds.items()
        if name not in keys and not bind.required
    }
    results = tuple(
        entry.type._cached_result_processor(dialect, None) for entry in compiled._result_columns
    )
    return _Plan(
        compiled.string,
        names,
        tuple(processors.get(n) for n in names),
        defaults,
        results,
    )


async def _run(
    held: _Held, plan: _Plan, args: list[tuple[Any, ...]], many: bool
) -> Sequence[Sequence[Any]]:
    dbapi = held.dialect.loaded_dbapi
    if held.dialect.name == "sqlite":
        try:
            return run_now(held.driver, plan.sql, args if many else args[0], many)
        except dbapi.Error as exc:  # sqlite3's errors: the adapter names the same classes
            raise DBAPIError.instance(plan.sql, args, exc, dbapi.Error) from exc
    adapted = held.adapted
    async with adapted._execute_mutex:
        try:
            # asyncpg opens the transaction on its first statement (SQLAlchemy's adapter
            # begins lazily); this may be that statement.
            if adapted._transaction is None:
                await adapted._start_transaction()
            if many:
                await held.driver.executemany(plan.sql, args)
                return []
            return list(await held.driver.fetch(plan.sql, *args[0]))
        except Exception as exc:
            try:
                adapted._handle_exception(exc)  # raises it as the DBAPI's error
            except dbapi.Error as translated:
                raise DBAPIError.instance(plan.sql, args, translated, dbapi.Error) from exc
            raise
