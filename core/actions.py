"""Every button and form id the bot sends and answers: one table, routed by bot/router.py."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Final


class FormId(StrEnum):
    """A form the bot shows: a Slack modal, a Teams Adaptive Card, a console prompt."""

    LOG_ACTIVITY = "log_activity"
    LOG_DEAL = "log_deal"


# A submitted form comes back as the action "submit:<form id>" on every platform.
SUBMIT_PREFIX: Final = "submit:"


class ActionId(StrEnum):
    """What a button press or a form submission asks for (its value travels in Action.value).

    These strings are stored in messages already posted (Slack history, Teams cards), so an
    id is never renamed; a new meaning gets a new id and the old one keeps its route.
    """

    # The answers to "Just checking before I save anything: …?"
    CONFIRM = "confirm"
    CANCEL = "cancel"
    # Takes back one log; the value is its log batch id.
    UNDO = "undo"
    OPEN_LOG_FORM = "open_log_form"
    # "Log another" under a logged activity: the activity form again.
    LOG_ANOTHER = "log_another"
    OPEN_DEAL_FORM = "open_deal_form"
    SUBMIT_LOG_ACTIVITY = "submit:log_activity"
    SUBMIT_LOG_DEAL = "submit:log_deal"
    # "Which Ben?": the value carries the request again with the chosen person or team.
    CHOOSE = "choose"
    # "My numbers" under a team channel post: the presser's own /quota, answered privately.
    MY_NUMBERS = "my_numbers"


def submission(form_id: str) -> str:
    """The action id a submitted form arrives as; unknown forms find no route."""
    return SUBMIT_PREFIX + form_id


# The button that opens each form, for where a form cannot open by itself: a Slack modal
# needs the trigger_id of a click (valid 3 s), and a plain chat message has none.
OPENS: Final[Mapping[FormId, ActionId]] = {
    FormId.LOG_ACTIVITY: ActionId.OPEN_LOG_FORM,
    FormId.LOG_DEAL: ActionId.OPEN_DEAL_FORM,
}
# Presses that settle the message their button sits on; Slack replaces it, so a second
# press of a stale Yes or Undo cannot happen.
SETTLING: Final = frozenset({ActionId.CONFIRM, ActionId.CANCEL, ActionId.UNDO, ActionId.CHOOSE})
# Presses that may change the person's numbers (the Slack App Home refreshes after them).
WRITING: Final = frozenset(
    {
        ActionId.CONFIRM,
        ActionId.UNDO,
        ActionId.SUBMIT_LOG_ACTIVITY,
        ActionId.SUBMIT_LOG_DEAL,
        ActionId.CHOOSE,
    }
)
