"""Whose rows a query may touch: one user, one team, or a whole workspace — never more."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, select, true
from sqlalchemy.orm import InstrumentedAttribute

from storage.models import User


@dataclass(frozen=True)
class Scope:
    workspace_id: int
    user_id: int | None = None
    team_id: int | None = None

    def owners(self, column: InstrumentedAttribute[int]) -> ColumnElement[bool]:
        """A WHERE clause restricting `column` (a user id) to this scope."""
        if self.user_id is not None:
            return column == self.user_id
        if self.team_id is not None:
            members = select(User.id).where(
                User.workspace_id == self.workspace_id, User.team_id == self.team_id
            )
            return column.in_(members)
        return true()
