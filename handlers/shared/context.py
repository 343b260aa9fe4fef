"""What a handler gets besides its intent: the session, who asks, about whom, and when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from sqlalchemy.ext.asyncio import AsyncSession

from core.messages import Actor
from core.periods import local_today, parse_working_days
from storage.models import Team, User, Workspace

SubjectKind = Literal["self", "user", "team", "workspace"]


@dataclass(frozen=True)
class Subject:
    """Whose numbers: resolved and scoped to the workspace before the policy runs."""

    kind: SubjectKind
    label: str
    user: User | None = None
    team: Team | None = None

    @property
    def title(self) -> str:
        """The label at the start of a sentence ("Team East", "You")."""
        return self.label[:1].upper() + self.label[1:]


@dataclass
class Context:
    session: AsyncSession
    actor: Actor
    workspace: Workspace
    now: datetime
    subject: Subject
    source: str = "chat"

    @property
    def today(self) -> date:
        """The asker's calendar day: "today" is theirs, not the server's."""
        return local_today(self.now, self.actor.tz)

    @property
    def working_days(self) -> frozenset[int]:
        return parse_working_days(self.workspace.working_days)
