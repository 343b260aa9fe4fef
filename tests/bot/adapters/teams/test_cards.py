"""Buttons and forms on Adaptive Cards: Action.Execute invokes and Action.Submit messages."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from storage.models import Activity
from tests.bot.adapters.teams.harness import TeamsTenant
from tests.bot.adapters.teams.test_conversations import DANA_CHAT, texts

CARD = "application/vnd.microsoft.card.adaptive"


def execute(teams: TeamsTenant, verb: str, activity_id: str, **data: Any) -> dict[str, Any]:
    """A card button press as Teams sends it: an adaptiveCard/action invoke."""
    body = teams.activity("card_execute_submit", id=activity_id)
    body["value"]["action"] = {"type": "Action.Execute", "verb": verb, "data": data}
    return body


async def logged(teams: TeamsTenant) -> list[tuple[str, int, str | None]]:
    async with teams.services.sessions() as session:
        rows = (await session.scalars(select(Activity).order_by(Activity.id))).all()
    return [(a.kind, a.count, a.notes) for a in rows if a.deleted_at is None]


async def test_submitting_the_log_form_replaces_the_card_with_the_result(
    teams: TeamsTenant,
) -> None:
    response = await teams.post(teams.activity("card_execute_submit"))

    assert response.status_code == 200
    answer = response.json()
    assert (answer["statusCode"], answer["type"]) == (200, CARD)
    assert "Logged 1 meeting with Globex" in texts(answer["value"])
    assert await logged(teams) == [("meeting", 1, "Kick-off with their CFO")]
    assert teams.connector.activities() == []  # the invoke answer is the reply


async def test_a_bad_submission_shows_the_form_again_with_the_problem(
    teams: TeamsTenant,
) -> None:
    body = teams.activity("card_execute_submit")
    body["value"]["action"]["data"]["count"] = "lots"

    answer = (await teams.post(body)).json()

    card = answer["value"]
    inputs = {e["id"]: e for e in card["body"] if e["type"].startswith("Input.")}
    assert inputs["account"]["value"] == "Globex"  # what was typed is kept
    assert "Enter a whole number" in texts(card)
    assert card["actions"][0]["verb"] == "submit:log_activity"
    assert await logged(teams) == []


async def test_undo_from_the_card_takes_the_log_back(teams: TeamsTenant) -> None:
    await teams.post(teams.activity("personal_message"))
    [card] = teams.connector.cards(DANA_CHAT)
    undo = next(a for a in card["actions"] if a["title"] == "Undo")

    answer = (await teams.post(execute(teams, undo["verb"], "f:undo-1", **undo["data"]))).json()

    assert answer["statusCode"] == 200
    assert await logged(teams) == []


async def test_log_another_opens_the_form(teams: TeamsTenant) -> None:
    answer = await teams.post(execute(teams, "log_another", "f:again", action_id="log_another"))
    card = answer.json()["value"]

    kinds = {e["id"]: e["type"] for e in card["body"] if e["type"].startswith("Input.")}
    assert kinds == {
        "kind": "Input.ChoiceSet",
        "count": "Input.Number",
        "account": "Input.Text",
        "date": "Input.Date",
        "duration_min": "Input.Number",
        "notes": "Input.Text",
    }


async def test_an_action_submit_card_posts_its_answer_as_a_message(teams: TeamsTenant) -> None:
    response = await teams.post(teams.activity("card_submit_message"))

    assert response.status_code == 200
    [card] = teams.connector.cards(DANA_CHAT)
    assert "Logged 4 emails with Umbrella" in texts(card)
    assert await logged(teams) == [("email", 4, None)]


async def test_a_refused_press_is_told_to_the_presser_only(teams: TeamsTenant) -> None:
    answer = (await teams.post(execute(teams, "undo", "f:undo-x", value="999999"))).json()

    assert answer["type"] == "application/vnd.microsoft.activity.message"
    assert answer["value"]


async def test_picking_log_from_the_command_menu_shows_the_form(teams: TeamsTenant) -> None:
    await teams.post(teams.activity("personal_message", text="log"))

    [card] = teams.connector.cards(DANA_CHAT)
    assert any(e["type"] == "Input.ChoiceSet" for e in card["body"])
    assert card["actions"][0]["verb"] == "submit:log_activity"
