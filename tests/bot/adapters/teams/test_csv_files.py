"""Teams: an admin attaches a CSV in the personal chat and gets the dry run with Import /
Cancel; an export comes as a FileConsentCard, uploaded once the person accepts. Against the
local connector (and its OneDrive side) with signed tokens."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.services import Services
from storage.models import ChatFile, User
from tests.bot.adapters.teams.conftest import teams_app_services
from tests.bot.adapters.teams.harness import TeamsTenant
from tests.bot.adapters.teams.test_cards import execute
from tests.bot.adapters.teams.test_conversations import (
    DANA,
    DANA_CHAT,
    SALES_THREAD,
    SAM,
    texts,
)
from tests.support.clock import FakeClock

PEOPLE = b"name,email,role,team\nNina New,nina@acme.test,rep,East\nOtto Other,,rep,East\n"
CONSENT = "application/vnd.microsoft.teams.card.file.consent"
INFO = "application/vnd.microsoft.teams.card.file.info"


@pytest.fixture
async def teams_services(db_url: str, clock: FakeClock) -> AsyncIterator[Services]:
    # Dana and Sam run QuotaBot in this tenant (QUOTABOT_ADMINS).
    async with teams_app_services(db_url, clock, admins=f"{DANA},{SAM}") as services:
        yield services


def with_file(teams: TeamsTenant, name: str, data: bytes, text: str, n: int) -> dict[str, Any]:
    attachment = teams.connector.file_attachment(name, data)
    return teams.activity(
        "personal_message", text=text, attachments=[attachment], id=f"17634790{n:05d}"
    )


def consent(teams: TeamsTenant, context: Any, action: str, n: int) -> dict[str, Any]:
    """What Teams sends when the person answers a FileConsentCard."""
    body = teams.activity("personal_message", type="invoke", id=f"f:{n}")
    body["name"] = "fileConsent/invoke"
    body.pop("text")
    body["value"] = {"type": "fileUpload", "action": action, "context": context}
    if action == "accept":
        body["value"]["uploadInfo"] = teams.connector.upload_info("export.csv")
    return body


async def count(teams: TeamsTenant, model: type[User] | type[ChatFile]) -> int:
    async with teams.services.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def test_an_attached_csv_is_checked_then_imported_from_the_card(teams: TeamsTenant) -> None:
    await teams.post(teams.activity("personal_message", text="hi"))
    before = await count(teams, User)

    await teams.post(with_file(teams, "people.csv", PEOPLE, "import people", 1))

    card = teams.connector.cards(DANA_CHAT)[-1]
    assert "Would import 2 people" in texts(card) and teams.connector.downloads == 1
    assert await count(teams, User) == before
    go = {a["title"]: a for a in card["actions"]}["Import"]["data"]

    answer = (await teams.post(execute(teams, go["action_id"], "f:go-1", **go))).json()
    assert "Imported 2 people" in texts(answer["value"])
    assert await count(teams, User) == before + 2 and await count(teams, ChatFile) == 0

    again = (await teams.post(execute(teams, go["action_id"], "f:go-2", **go))).json()
    assert "already imported or cancelled" in texts(again["value"])
    assert await count(teams, User) == before + 2


async def test_a_file_that_is_not_csv_is_refused_and_nothing_kept(teams: TeamsTenant) -> None:
    await teams.post(with_file(teams, "deck.pptx", b"PK\x03\x04", "", 2))

    assert "deck.pptx is not a CSV file" in teams.connector.delivered(DANA_CHAT)[-1].body["text"]
    assert await count(teams, ChatFile) == 0


async def test_an_export_is_offered_then_uploaded_once_accepted(teams: TeamsTenant) -> None:
    await teams.post(teams.activity("personal_message", text="closed Initech for $24k"))

    await teams.post(
        teams.activity("personal_message", text="/quotabot export deals", id="1763479100001")
    )

    [offer] = [
        a
        for c in teams.connector.delivered(DANA_CHAT)
        for a in c.body.get("attachments", ())
        if a["contentType"] == CONSENT
    ]
    assert offer["name"].endswith(".csv") and offer["content"]["sizeInBytes"] > 0
    assert await count(teams, ChatFile) == 1

    response = await teams.post(consent(teams, offer["content"]["acceptContext"], "accept", 1))
    assert response.status_code == 200
    [uploaded] = teams.connector.uploaded.values()
    assert uploaded.decode().startswith("account,owner,amount") and b"Initech" in uploaded
    info = teams.connector.delivered(DANA_CHAT)[-1].body["attachments"][0]
    assert info["contentType"] == INFO and info["name"] == "export.csv"
    assert await count(teams, ChatFile) == 0

    await teams.post(consent(teams, offer["content"]["acceptContext"], "accept", 2))
    assert len(teams.connector.uploaded) == 1  # a second accept uploads nothing
    assert "already sent or declined" in teams.connector.delivered(DANA_CHAT)[-1].body["text"]


async def test_a_declined_export_is_forgotten(teams: TeamsTenant) -> None:
    await teams.post(teams.activity("personal_message", text="/quotabot export people"))
    offer = teams.connector.delivered(DANA_CHAT)[-1].body["attachments"][0]

    await teams.post(consent(teams, offer["content"]["declineContext"], "decline", 3))

    assert teams.connector.uploaded == {} and await count(teams, ChatFile) == 0
    assert "won't send" in teams.connector.delivered(DANA_CHAT)[-1].body["text"]


async def test_an_export_asked_in_a_channel_is_offered_in_the_1_1_chat(teams: TeamsTenant) -> None:
    await teams.post(teams.activity("channel_mention", text="<at>QuotaBot</at> export deals"))

    # The answer and the file card go to Sam's 1:1 chat; the channel gets a short note.
    kinds = [
        a["contentType"]
        for c in teams.connector.delivered("a:private-1")
        for a in c.body.get("attachments", ())
    ]
    assert CONSENT in kinds
    [note] = teams.connector.activities(SALES_THREAD)
    assert "1:1 chat" in note.body["text"] and not note.body.get("attachments")


async def test_an_upload_onedrive_refuses_is_said_and_not_retried(teams: TeamsTenant) -> None:
    await teams.post(teams.activity("personal_message", text="/quotabot export people"))
    offer = teams.connector.delivered(DANA_CHAT)[-1].body["attachments"][0]
    teams.connector.drive_full = True

    response = await teams.post(consent(teams, offer["content"]["acceptContext"], "accept", 4))

    assert response.status_code == 200 and teams.connector.uploaded == {}
    assert "couldn't upload" in teams.connector.delivered(DANA_CHAT)[-1].body["text"]
    assert await count(teams, ChatFile) == 0
