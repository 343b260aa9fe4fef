"""slack-sdk's AsyncOAuthStateStore over slack_oauth_states: single-use, expiring states."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta

from slack_sdk.oauth.state_store.async_state_store import AsyncOAuthStateStore
from sqlalchemy import delete
from sqlalchemy.engine import CursorResult
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.clock import system_clock
from storage.models import SlackOAuthState


class SqlOAuthStateStore(AsyncOAuthStateStore):
    """The state guards the OAuth redirect against CSRF; consuming it deletes it atomically."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        expiration_seconds: int = 600,
        now: Callable[[], datetime] = system_clock,
    ) -> None:
        self.sessions = sessions
        self.expiration = timedelta(seconds=expiration_seconds)
        # Wall-clock time on purpose: a security expiry must not follow a test or demo clock.
        self.now = now
        self._logger = logging.getLogger(__name__)

    @property
    def logger(self) -> logging.Logger:
        return self._logger

    async def async_issue(self, *args: object, **kwargs: object) -> str:
        state = secrets.token_urlsafe(32)
        now = self.now()
        async with self.sessions() as session, session.begin():
            # Forget abandoned states so the table stays small.
            await session.execute(delete(SlackOAuthState).where(SlackOAuthState.expire_at < now))
            session.add(SlackOAuthState(state=state, expire_at=now + self.expiration))
        return state

    async def async_consume(self, state: str) -> bool:
        # One DELETE decides: two redirects racing with the same state cannot both succeed.
        async with self.sessions() as session, session.begin():
            result = await session.execute(
                delete(SlackOAuthState).where(
                    SlackOAuthState.state == state, SlackOAuthState.expire_at > self.now()
                )
            )
        assert isinstance(result, CursorResult)
        return result.rowcount == 1
