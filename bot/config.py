"""Typed settings from the environment or a .env file (shared/spec/cli-and-config.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import platformdirs
from babel.numbers import list_currencies
from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_database_url() -> str:
    data_dir = Path(platformdirs.user_data_dir("quotabot", appauthor=False))
    return f"sqlite+aiosqlite:///{data_dir / 'quotabot.db'}"


class Settings(BaseSettings):
    """Every knob QuotaBot reads; a malformed value stops start-up naming the variable."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", populate_by_name=True)

    database_url: str = Field(
        default_factory=default_database_url, validation_alias="QUOTABOT_DATABASE_URL"
    )
    timezone: str = Field("UTC", validation_alias="QUOTABOT_TIMEZONE")
    currency: str = Field("USD", validation_alias="QUOTABOT_CURRENCY")
    secret_key: SecretStr | None = Field(None, validation_alias="QUOTABOT_SECRET_KEY")
    # Where people's Slack and Teams reach this server (https://quotabot.example.com): chart
    # images are served under it (bot/chart_route.py); unset, answers carry no pictures.
    public_url: str | None = Field(None, validation_alias="QUOTABOT_PUBLIC_URL")
    # Comma-separated platform ids or emails of people who are always QuotaBot admins.
    admins: str = Field("", validation_alias="QUOTABOT_ADMINS")

    slack_bot_token: SecretStr | None = Field(None, validation_alias="SLACK_BOT_TOKEN")
    slack_signing_secret: SecretStr | None = Field(None, validation_alias="SLACK_SIGNING_SECRET")
    slack_client_id: str | None = Field(None, validation_alias="SLACK_CLIENT_ID")
    slack_client_secret: SecretStr | None = Field(None, validation_alias="SLACK_CLIENT_SECRET")
    slack_scopes: str | None = Field(None, validation_alias="SLACK_SCOPES")
    slack_app_token: SecretStr | None = Field(None, validation_alias="SLACK_APP_TOKEN")
    slack_api_url: str = Field("https://slack.com/api/", validation_alias="SLACK_API_URL")

    teams_client_id: str | None = Field(
        None, validation_alias=AliasChoices("CLIENT_ID", "TEAMS_CLIENT_ID")
    )
    teams_client_secret: SecretStr | None = Field(
        None, validation_alias=AliasChoices("CLIENT_SECRET", "TEAMS_CLIENT_SECRET")
    )
    teams_tenant_id: str | None = Field(
        None, validation_alias=AliasChoices("TENANT_ID", "TEAMS_TENANT_ID")
    )

    # Where the Teams bot gets its outbound tokens (Microsoft's identity platform); sovereign
    # clouds and tests point elsewhere. The tenant path and OpenID discovery sit below it.
    teams_authority_url: str = Field(
        "https://login.microsoftonline.com", validation_alias="QUOTABOT_TEAMS_AUTHORITY_URL"
    )

    # The inbox (bot/inbox_worker.py): rows answered at once by this process, how long a
    # claim lasts without a heartbeat (a killed process's rows wait this long), and how long
    # SIGTERM waits for rows being answered before giving the rest back.
    # Unset: 2 on SQLite (one writer; more only queue for its lock), 8 on PostgreSQL.
    inbox_concurrency: int | None = Field(
        None, ge=1, le=256, validation_alias="QUOTABOT_INBOX_CONCURRENCY"
    )
    inbox_lease_seconds: float = Field(
        30.0, ge=1.0, le=3600.0, validation_alias="QUOTABOT_INBOX_LEASE_SECONDS"
    )
    shutdown_seconds: float = Field(
        10.0, ge=0.0, le=600.0, validation_alias="QUOTABOT_SHUTDOWN_SECONDS"
    )

    # A log line per HTTP request (uvicorn's access log). Off by default: /metrics counts
    # every request by route, method and status, and each line cost ~2% of a busy
    # process's CPU (issue 18's profile).
    access_log: bool = Field(False, validation_alias="QUOTABOT_ACCESS_LOG")

    # "json": one JSON object per line with request_id and workspace, for log shippers.
    log_format: Literal["text", "json"] = Field("text", validation_alias="QUOTABOT_LOG_FORMAT")

    llm_base_url: str | None = Field(None, validation_alias="QUOTABOT_LLM_BASE_URL")
    llm_model: str | None = Field(None, validation_alias="QUOTABOT_LLM_MODEL")
    openai_api_key: SecretStr | None = Field(None, validation_alias="OPENAI_API_KEY")

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown IANA time zone {value!r}") from exc
        return value

    @field_validator("currency")
    @classmethod
    def _known_currency(cls, value: str) -> str:
        code = value.upper()
        if code not in list_currencies():
            raise ValueError(f"unknown ISO 4217 currency {value!r}")
        return code

    @field_validator("database_url")
    @classmethod
    def _async_driver(cls, value: str) -> str:
        # We run one async code path; plain URLs get the async driver we ship.
        if value.startswith("sqlite:///"):
            return "sqlite+aiosqlite:///" + value.removeprefix("sqlite:///")
        if value.startswith(("postgresql://", "postgres://")):
            return "postgresql+asyncpg://" + value.split("://", 1)[1]
        if not value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise ValueError("use sqlite+aiosqlite:///PATH or postgresql+asyncpg://USER@HOST/DB")
        return value

    @property
    def admin_ids(self) -> frozenset[str]:
        """QUOTABOT_ADMINS as a set of lower-cased ids and emails."""
        return frozenset(p.strip().lower() for p in self.admins.split(",") if p.strip())

    @property
    def llm_enabled(self) -> bool:
        return bool(self.llm_base_url and self.llm_model)
