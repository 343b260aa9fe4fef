"""What a hostile or broken request gets from the running app: 4xx, never a 500 or a write."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from storage.models import Activity, InboxMessage, Workspace
from tests.bot.adapters.slack import signing
from tests.bot.adapters.slack.harness import SECRET, SlackWorkspace, text_of
from tests.support.slack_api import fixture

MB = 1024 * 1024


async def rows(slack: SlackWorkspace, model: object) -> int:
    async with slack.services.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)  # type: ignore[arg-type]


async def test_a_body_over_a_megabyte_is_refused_before_any_signature_work(
    slack: SlackWorkspace,
) -> None:
    huge = b"x" * (MB + 1)
    response = await slack.http.post("/slack/events", content=huge)  # unsigned: 413, not 401
    assert response.status_code == 413
    signed = await slack.post(b'{"type":"event_callback","pad":"' + huge + b'"}', signing.JSON)
    assert signed.status_code == 413
    lying = await slack.http.post(
        "/slack/events", content=b"{}", headers={"Content-Length": str(5 * MB)}
    )
    assert lying.status_code == 413


@pytest.mark.parametrize("stamp", ["abc", "1.5", "", "-5", " 1", "9" * 30])
async def test_a_malformed_timestamp_is_401_never_500(slack: SlackWorkspace, stamp: str) -> None:
    body = signing.event_body(slack.message("3 calls with Acme"))
    headers = signing.headers(SECRET, body, signing.JSON)
    headers["X-Slack-Request-Timestamp"] = stamp
    response = await slack.http.post("/slack/events", content=body, headers=headers)
    assert response.status_code == 401


@pytest.mark.parametrize(
    "body",
    [
        b'{"type": "event_callback", "event": ',  # cut short
        b"[1, 2, 3]",  # JSON, but no object
        b'{"a": ' * 100 + b"1" + b"}" * 100,  # nested deeper than any Slack payload
    ],
    ids=["truncated", "not-an-object", "too-deep"],
)
async def test_a_signed_body_that_is_not_a_slack_payload_is_400(
    slack: SlackWorkspace, body: bytes
) -> None:
    assert (await slack.post(body, signing.JSON)).status_code == 400
    assert await rows(slack, InboxMessage) == 0


async def test_signed_payloads_missing_what_their_type_carries_are_400(
    slack: SlackWorkspace,
) -> None:
    no_event_id = slack.message("3 calls with Acme")
    del no_event_id["event_id"]
    command = fixture("slash_command_log")
    del command["user_id"]
    deep = {"payload": json.dumps(json.loads("[" * 80 + "]" * 80))}

    assert (await slack.event(no_event_id)).status_code == 400
    assert (await slack.post(signing.form_body(command), signing.FORM)).status_code == 400
    assert (await slack.post(signing.form_body(deep), signing.FORM)).status_code == 400
    await slack.settle()
    assert await rows(slack, Activity) == 0


async def test_the_signed_team_decides_the_workspace_not_the_event(slack: SlackWorkspace) -> None:
    envelope = slack.message("3 calls with Acme")
    envelope["event"]["team"] = "T0SOMEONE"  # the author's home team (Slack Connect)
    await slack.event(envelope)
    await slack.settle()
    async with slack.services.sessions() as session:
        teams = list(await session.scalars(select(Workspace.external_id)))
    assert teams == ["T0ACME"]


async def test_a_single_workspace_install_answers_only_its_own_team(
    slack: SlackWorkspace,
) -> None:
    await slack.dm("1 call with Acme")  # the bot learns its team (auth.test)
    await slack.settle()
    stranger = slack.message("3 calls with Acme")
    stranger.update(team_id="T0OTHER", context_team_id="T0OTHER")
    stranger["authorizations"][0]["team_id"] = stranger["event"]["team"] = "T0OTHER"
    command = await slack.command("/log", "5 calls with Acme", team_id="T0OTHER")

    assert (await slack.event(stranger)).status_code == 200
    assert command.status_code == 200
    await slack.settle()
    async with slack.services.sessions() as session:
        assert int(await session.scalar(select(func.sum(Activity.count))) or 0) == 1
    assert len(slack.fake.called("chat.postMessage")) == 1


async def test_form_inputs_are_cleaned_and_shown_as_written(slack: SlackWorkspace) -> None:
    await slack.command("/log")
    await slack.settle()
    view = slack.fake.called("views.open")[-1]["view"]
    account = "<!channel> *Big*\x00 Co\u202e"  # a ping, bold, NUL, a bidi override

    response = await slack.submit(view, kind="call", count="2", account=account)
    assert response.status_code == 200
    await slack.settle()

    shown = text_of(slack.last_posted())
    assert "Logged 2 calls" in shown
    assert "<!channel>" not in shown and "*Big*" not in shown
    assert "&lt;!channel&gt; \u2217Big\u2217 Co" in shown
    assert "\x00" not in shown and "\u202e" not in shown
