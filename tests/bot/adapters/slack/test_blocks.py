"""The Block Kit renderer and the modal builder, within Slack's limits."""

from __future__ import annotations

from bot.adapters.slack.blocks import bar_line, mrkdwn, render, table_text
from bot.adapters.slack.inbound import button_action_id, strip_mention
from bot.adapters.slack.modals import inline_errors, modal, submitted
from core.messages import Bar, Button, Fact, Field, Form, Reply, Table


def test_a_confirmation_renders_text_facts_buttons_and_notes() -> None:
    reply = Reply(
        text="✅ Logged 3 calls with Acme for today.",
        facts=(Fact("Logged", "3 calls with Acme (today)"), Fact("Activities today", "3 of 20")),
        buttons=(
            Button("Undo", "undo", "12", style="danger"),
            Button("Log another", "log_another"),
        ),
        notes=("Tip: `/log` with no text opens a form.",),
    )
    blocks = render(reply)
    assert [b["type"] for b in blocks] == ["section", "section", "actions", "context"]
    assert blocks[1]["fields"][1]["text"] == "*Activities today*\n3 of 20"
    undo = blocks[2]["elements"][0]
    assert (undo["action_id"], undo["value"], undo["style"]) == ("undo", "12", "danger")
    assert "style" not in blocks[2]["elements"][1]


def test_text_is_shown_as_written_and_only_our_markup_formats() -> None:
    # Whatever a name, an account or a note holds, it can never ping, link or style.
    assert mrkdwn("<@U0SAM> beat <#C0SALES|sales> & won **$24k** <3") == (
        "&lt;@U0SAM&gt; beat &lt;#C0SALES|sales&gt; &amp; won *$24k* &lt;3"
    )
    assert mrkdwn("<!channel> <!here> <http://evil.example|your bonus>") == (
        "&lt;!channel&gt; &lt;!here&gt; &lt;http://evil.example|your bonus&gt;"
    )
    assert mrkdwn("*Acme* _Corp_ ~old~ `x` dana_smith 3*4 **ok** `say this`") == (
        "\u2217Acme\u2217 \u02cdCorp\u02cd \u223cold\u223c `x` dana_smith 3*4 *ok* `say this`"
    )


def test_a_table_is_monospace_with_numbers_right_aligned() -> None:
    table = Table(("Rep", "Calls"), (("Dana", "12"), ("Sam", "7")), numeric=frozenset({1}))
    assert table_text(table) == "```\nRep   Calls\n----  -----\nDana     12\nSam       7\n```"


def test_a_long_table_is_cut_with_a_count_of_what_is_left() -> None:
    rows = tuple((f"Rep {i}", str(i)) for i in range(500))
    text = table_text(Table(("Rep", "Calls"), rows))
    assert len(text) <= 3000
    assert "more" in text.splitlines()[-2]


def test_a_bar_shows_progress_toward_its_target() -> None:
    assert bar_line(Bar("Calls", 12, 20)) == "`██████░░░░` 60%  *Calls* 12 / 20"
    assert bar_line(Bar("Calls", 30, 20)).startswith("`██████████` 150%")


def test_repeated_action_ids_are_made_unique_and_read_back() -> None:
    reply = Reply(text="Which?", buttons=(Button("A", "pick", "1"), Button("B", "pick", "2")))
    ids = [e["action_id"] for e in render(reply)[-1]["elements"]]
    assert ids == ["pick", "pick#1"]
    assert {button_action_id(i) for i in ids} == {"pick"}


def test_a_message_never_exceeds_fifty_blocks() -> None:
    facts = tuple(Fact(f"k{i}", "v") for i in range(1000))
    assert len(render(Reply(text="x", facts=facts))) == 50


def test_the_bots_mention_is_stripped_from_the_front_only_for_the_bot() -> None:
    assert strip_mention("<@UBOT> log 3 calls for <@U0SAM>", "UBOT") == "log 3 calls for <@U0SAM>"
    assert strip_mention("<@UBOT|quotabot>: pipeline", "UBOT") == "pipeline"


FORM = Form(
    "log_activity",
    "Log activity",
    (
        Field("kind", "Kind", "choice", ("call", "email"), required=True, value="call"),
        Field("count", "How many", "number", required=True, value="1"),
        Field("date", "Date", "date", value="2026-11-18"),
        Field("notes", "Notes"),
    ),
)


def test_a_form_becomes_a_modal_whose_inputs_are_named_after_the_fields() -> None:
    view = modal(FORM, {"channel": "C0SALES"})
    assert view["callback_id"] == "form:log_activity"
    kinds = [(b["block_id"], b["element"]["type"], b["optional"]) for b in view["blocks"]]
    assert kinds == [
        ("kind", "static_select", False),
        ("count", "number_input", False),
        ("date", "datepicker", True),
        ("notes", "plain_text_input", True),
    ]
    assert view["blocks"][0]["element"]["initial_option"]["value"] == "call"
    assert view["blocks"][2]["element"]["initial_date"] == "2026-11-18"
    assert view["blocks"][3]["element"]["multiline"] is True


def test_submitted_values_and_errors_map_back_by_field_name() -> None:
    view = modal(FORM)
    view["state"] = {
        "values": {
            "kind": {"kind": {"type": "static_select", "selected_option": {"value": "email"}}},
            "count": {"count": {"type": "number_input", "value": "4"}},
            "date": {"date": {"type": "datepicker", "selected_date": None}},
            "notes": {"notes": {"type": "plain_text_input", "value": None}},
        }
    }
    assert submitted(view) == {"kind": "email", "count": "4", "date": "", "notes": ""}
    errors = inline_errors((("count", "Too many"), ("elsewhere", "Odd")), view)
    assert errors == {"count": "Too many", "kind": "Odd"}
