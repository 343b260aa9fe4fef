"""slack-sdk's AsyncInstallationStore over our slack_installations table (tokens encrypted)."""

from __future__ import annotations

import json
import logging
from typing import Any

from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.oauth.installation_store.models.bot import Bot
from slack_sdk.oauth.installation_store.models.installation import Installation
from sqlalchemy import ColumnElement, delete, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.adapters.slack.secrets import TokenBox
from bot.bootstrap import promote
from storage.models import SlackInstallation, User, Workspace

# Everything of an Installation we keep in clear text; tokens live only in the sealed columns.
# Refresh tokens are not kept: the manifest leaves token rotation off.
_PLAIN = (
    "app_id",
    "enterprise_id",
    "enterprise_name",
    "enterprise_url",
    "team_id",
    "team_name",
    "bot_id",
    "bot_user_id",
    "bot_scopes",
    "user_id",
    "user_scopes",
    "incoming_webhook_url",
    "incoming_webhook_channel",
    "incoming_webhook_channel_id",
    "incoming_webhook_configuration_url",
    "is_enterprise_install",
    "token_type",
    "installed_at",
    "custom_values",
)


class SqlInstallationStore(AsyncInstallationStore):
    """One row per install (history kept); lookups take the newest for the workspace."""

    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], client_id: str, box: TokenBox
    ) -> None:
        self.sessions = sessions
        self.client_id = client_id
        self.box = box
        self._logger = logging.getLogger(__name__)

    @property
    def logger(self) -> logging.Logger:
        return self._logger

    async def async_save(self, installation: Installation) -> None:
        data = {key: getattr(installation, key) for key in _PLAIN}
        row = SlackInstallation(
            client_id=self.client_id,
            app_id=installation.app_id,
            enterprise_id=installation.enterprise_id,
            team_id=installation.team_id,
            user_id=installation.user_id,
            is_enterprise_install=bool(installation.is_enterprise_install),
            bot_id=installation.bot_id,
            bot_user_id=installation.bot_user_id,
            bot_token_encrypted=self.box.seal(installation.bot_token),
            user_token_encrypted=self.box.seal(installation.user_token),
            data=json.dumps(data),
        )
        async with self.sessions() as session, session.begin():
            session.add(row)
            await _promote_installer(session, installation)

    async def async_save_bot(self, bot: Bot) -> None:
        # Only token rotation calls this, and we do not enable rotation.
        raise NotImplementedError("token rotation is not enabled for QuotaBot")

    async def async_find_installation(
        self,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        user_id: str | None = None,
        is_enterprise_install: bool | None = False,
    ) -> Installation | None:
        where = self._where(enterprise_id, team_id, is_enterprise_install)
        if user_id is not None:
            where.append(SlackInstallation.user_id == user_id)
        row = await self._newest(where)
        return None if row is None else self._installation(row)

    async def async_find_bot(
        self,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        is_enterprise_install: bool | None = False,
    ) -> Bot | None:
        where = self._where(enterprise_id, team_id, is_enterprise_install)
        where.append(SlackInstallation.bot_token_encrypted.is_not(None))
        row = await self._newest(where)
        return None if row is None else self._installation(row).to_bot()

    async def async_delete_bot(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        where = self._where(enterprise_id, team_id, None)
        async with self.sessions() as session, session.begin():
            for row in await session.scalars(select(SlackInstallation).where(*where)):
                row.bot_token_encrypted = None

    async def async_delete_installation(
        self, *, enterprise_id: str | None, team_id: str | None, user_id: str | None = None
    ) -> None:
        where = self._where(enterprise_id, team_id, None)
        if user_id is not None:
            where.append(SlackInstallation.user_id == user_id)
        async with self.sessions() as session, session.begin():
            await session.execute(delete(SlackInstallation).where(*where))

    async def async_delete_all(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        await self.async_delete_installation(enterprise_id=enterprise_id, team_id=team_id)

    def _where(
        self, enterprise_id: str | None, team_id: str | None, org_wide: bool | None
    ) -> list[ColumnElement[bool]]:
        where = [
            SlackInstallation.client_id == self.client_id,
            SlackInstallation.enterprise_id.is_(None)
            if enterprise_id is None
            else SlackInstallation.enterprise_id == enterprise_id,
        ]
        # An org-wide install (Enterprise Grid) serves every team of the org: no team filter.
        if not org_wide:
            where.append(
                SlackInstallation.team_id.is_(None)
                if team_id is None
                else SlackInstallation.team_id == team_id
            )
        return where

    async def _newest(self, where: list[ColumnElement[bool]]) -> SlackInstallation | None:
        query = select(SlackInstallation).where(*where).order_by(SlackInstallation.id.desc())
        async with self.sessions() as session:
            return (await session.scalars(query.limit(1))).first()

    def _installation(self, row: SlackInstallation) -> Installation:
        data: dict[str, Any] = json.loads(row.data)
        return Installation(
            **data,
            bot_token=self.box.open(row.bot_token_encrypted),
            user_token=self.box.open(row.user_token_encrypted),
        )


async def _promote_installer(session: AsyncSession, installation: Installation) -> None:
    """Whoever installs QuotaBot runs it there. Someone we have not met yet is promoted at
    first contact instead (bot/adapters/slack/people.py finds this row)."""
    if not (installation.team_id and installation.user_id):
        return
    user = await session.scalar(
        select(User)
        .join(Workspace, Workspace.id == User.workspace_id)
        .where(
            Workspace.platform == "slack",
            Workspace.external_id == installation.team_id,
            User.external_id == installation.user_id,
        )
    )
    if user is None:
        return
    if user.role != "admin":
        promote(session, user, "Slack installer")
    user.platform_admin = True
