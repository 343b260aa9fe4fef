"""A counter that moves whenever this process writes a person or a workspace row."""

from __future__ import annotations

from itertools import chain
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session

from storage.models import User, Workspace

_WATCHED = (User, Workspace)
_TABLES = frozenset({User.__tablename__, Workspace.__tablename__})


class OrgChanges:
    """What a cache of people and workspaces compares with: `version` moves on every flush
    that adds, changes or deletes a User or Workspace, and on every ORM bulk UPDATE or
    DELETE of one, in any session of this process."""

    def __init__(self) -> None:
        self.version = 0
        self._listening = False

    def watch(self) -> None:
        """Start listening (once per process; later calls do nothing)."""
        if self._listening:
            return
        self._listening = True
        event.listen(Session, "after_flush", self._flushed)
        event.listen(Session, "do_orm_execute", self._executed)

    def _flushed(self, session: Session, _context: Any) -> None:
        # after_flush still shows the flush's own new/dirty/deleted sets.
        touched = chain(session.new, session.dirty, session.deleted)
        if any(isinstance(row, _WATCHED) for row in touched):
            self.version += 1

    def _executed(self, state: ORMExecuteState) -> None:
        if not (state.is_update or state.is_delete):
            return
        # An UPDATE or DELETE names one table, as an entity (update(User)) or as a table.
        table = getattr(state.statement, "table", None)
        if getattr(table, "name", None) in _TABLES:
            self.version += 1


# One per process: the listeners are on the Session class, seen by every session.
org_changes = OrgChanges()
