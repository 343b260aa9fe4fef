"""The Adaptive Card a Reply becomes: readable on every Teams client, within Teams' limits."""

from __future__ import annotations

from bot.adapters.teams.cards import card_json
from bot.adapters.teams.connector import message_for
from core.messages import Bar, Button, Field, Form, Reply, Table


def test_a_plain_answer_is_a_plain_message() -> None:
    message = message_for(Reply(text="Nudges are off."))

    assert message.model_dump(by_alias=True, exclude_none=True) == {
        "type": "message",
        "text": "Nudges are off.",
        "textFormat": "markdown",
    }


def test_a_table_has_a_header_row_and_right_aligned_numbers() -> None:
    table = Table(("Rep", "Calls"), (("Dana", "12"), ("Sam", "9")), numeric=frozenset({1}))

    card = card_json(Reply(text="Leaderboard", table=table))

    [grid] = [e for e in card["body"] if e["type"] == "Table"]
    assert grid["firstRowAsHeaders"] is True
    header, first, _ = grid["rows"]
    assert [c["items"][0]["text"] for c in header["cells"]] == ["Rep", "Calls"]
    assert first["cells"][1]["items"][0]["horizontalAlignment"] == "Right"
    assert card["msteams"] == {"width": "full"}


def test_a_bar_shows_progress_toward_its_target() -> None:
    card = card_json(Reply(text="Quota", bars=(Bar("Revenue", 30_000, 50_000),)))

    label, bar = card["body"][1:3]
    assert label["text"] == "Revenue: 30,000 of 50,000 (60%)"
    assert [c["width"] for c in bar["columns"]] == [60, 40]


def test_a_finished_bar_is_one_full_segment() -> None:
    card = card_json(Reply(text="Quota", bars=(Bar("Calls", 25, 20),)))

    assert [(c["width"], c["style"]) for c in card["body"][2]["columns"]] == [(100, "good")]


def test_buttons_are_execute_actions_carrying_their_value() -> None:
    card = card_json(Reply(text="Logged.", buttons=(Button("Undo", "undo", "41", "danger"),)))

    assert card["actions"] == [
        {
            "type": "Action.Execute",
            "title": "Undo",
            "verb": "undo",
            "style": "destructive",
            "data": {"action_id": "undo", "value": "41"},
        }
    ]


def test_a_form_becomes_typed_inputs_with_a_save_action() -> None:
    form = Form(
        "log_deal",
        "Log deal",
        (
            Field("account", "Account", required=True),
            Field("stage", "Stage", "choice", choices=("prospecting", "won"), value="won"),
            Field("amount", "Amount", "number"),
            Field("close_date", "Close date", "date"),
        ),
    )

    card = card_json(Reply(text="Log deal", form=form, errors=(("amount", "Too big."),)))

    inputs = [e for e in card["body"] if e["type"].startswith("Input.")]
    assert [(i["id"], i["type"]) for i in inputs] == [
        ("account", "Input.Text"),
        ("stage", "Input.ChoiceSet"),
        ("amount", "Input.Number"),
        ("close_date", "Input.Date"),
    ]
    assert inputs[0]["isRequired"] is True
    assert inputs[1]["value"] == "won"
    assert any(e.get("text") == "Too big." and e.get("color") == "Attention" for e in card["body"])
    [save] = card["actions"]
    assert (save["verb"], save["title"]) == ("submit:log_deal", "Save")


def test_a_refusal_reads_as_a_warning() -> None:
    card = card_json(Reply(text="Only managers can see that.", ok=False, title="Sorry"))

    assert card["body"][1]["color"] == "Attention"
