"""Inbound and Reply as JSON, for the inbox and the reply outbox (rows outlive the process)."""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from core.messages import Inbound, Reply

_INBOUND: TypeAdapter[Inbound] = TypeAdapter(Inbound)
_REPLY: TypeAdapter[Reply] = TypeAdapter(Reply)


def dump_inbound(inbound: Inbound) -> dict[str, Any]:
    data: dict[str, Any] = _INBOUND.dump_python(inbound, mode="json", exclude_defaults=True)
    return data


def load_inbound(data: dict[str, Any]) -> Inbound:
    return _INBOUND.validate_python(data)


def dump_reply(reply: Reply) -> dict[str, Any]:
    data: dict[str, Any] = _REPLY.dump_python(reply, mode="json", exclude_defaults=True)
    return data


def load_reply(data: dict[str, Any]) -> Reply:
    return _REPLY.validate_python(data)
