"""Many rows in one statement: COPY on PostgreSQL, executemany of plain tuples on SQLite."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Base

# SQLAlchemy's SQLite text forms, so bulk rows read back like ORM-written ones.
SQLITE_MOMENT = "%Y-%m-%d %H:%M:%S.%f"


def day_value(day: date, sqlite: bool) -> date | str:
    return day.isoformat() if sqlite else day


def moment_value(moment: datetime, sqlite: bool) -> datetime | str:
    """A UTC moment as the column stores it (naive UTC)."""
    naive = moment.astimezone(UTC).replace(tzinfo=None)
    return naive.strftime(SQLITE_MOMENT) if sqlite else naive


async def write(
    session: AsyncSession, table: str, columns: Sequence[str], records: list[tuple[Any, ...]]
) -> None:
    """Insert `records` (values in `columns` order) inside the session's transaction."""
    if not records:
        return
    conn = await session.connection()
    if conn.dialect.name == "postgresql":
        raw = await conn.get_raw_connection()
        driver: Any = raw.driver_connection
        await driver.copy_records_to_table(table, records=records, columns=list(columns))
        return
    # The statement is compiled from the model's table, so only known names reach the SQL.
    compiled = insert(Base.metadata.tables[table]).compile(
        dialect=conn.dialect, column_keys=list(columns)
    )
    assert list(compiled.positiontup or ()) == list(columns)
    await conn.exec_driver_sql(str(compiled), records)
