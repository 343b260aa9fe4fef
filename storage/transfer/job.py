"""What one import works with: its session, workspace, clock and progress callback."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Workspace

SOURCE = "import"
# Rows written per bulk statement: big enough to amortise, small enough to stay in memory.
CHUNK = 50_000


def _ignore(_: int) -> None:
    return None


@dataclass
class Job:
    session: AsyncSession
    workspace: Workspace
    now: datetime
    today: date
    # Called with the line number reached, for a progress bar.
    progress: Callable[[int], None] = field(default=_ignore)
    chunk: int = CHUNK
    created: dict[str, int] = field(default_factory=dict)

    @property
    def sqlite(self) -> bool:
        return self.session.get_bind().dialect.name == "sqlite"

    def count(self, what: str, n: int = 1) -> None:
        self.created[what] = self.created.get(what, 0) + n
