"""A neutral Form as Adaptive Card inputs (Input.Text/Number/Date/ChoiceSet) and its submit."""

from __future__ import annotations

import contextlib

from microsoft_teams.cards import (
    CardElement,
    Choice,
    ChoiceSetInput,
    DateInput,
    ExecuteAction,
    NumberInput,
    TextBlock,
    TextInput,
)

from bot.core import Field, Form

SUBMIT_PREFIX = "submit:"
# Multi-line fields: notes are free text; everything else fits a line.
_MULTILINE = frozenset({"notes"})
# Teams limits an Input.Text to what fits the 28 KB message; notes are stored up to 2000.
_MAX_TEXT = 2000


def form_elements(form: Form, errors: dict[str, str]) -> list[CardElement]:
    """One input per field (id = field name), each followed by its error, if any."""
    elements: list[CardElement] = []
    for field in form.fields:
        elements.append(_input(field))
        problem = errors.get(field.name)
        if problem:
            elements.append(
                TextBlock(text=problem, color="Attention", size="Small", wrap=True, spacing="None")
            )
    return elements


def submit_action(form: Form) -> ExecuteAction:
    """Inputs are merged into the action's data by the client; the verb names the form."""
    action_id = SUBMIT_PREFIX + form.form_id
    return ExecuteAction(
        title=form.submit_label,
        verb=action_id,
        data={"action_id": action_id},
        style="positive",
    )


def _input(field: Field) -> CardElement:
    required = field.required or None
    message = f"{field.label} is required." if field.required else None
    if field.kind == "number":
        number = NumberInput(
            id=field.name, label=field.label, is_required=required, error_message=message
        )
        if field.value.strip():
            # A bad earlier value is shown as empty; the error line under it says why.
            with contextlib.suppress(ValueError):
                number.value = float(field.value)
        return number
    if field.kind == "date":
        return DateInput(
            id=field.name,
            label=field.label,
            is_required=required,
            error_message=message,
            value=field.value or None,
        )
    if field.kind == "choice":
        return ChoiceSetInput(
            id=field.name,
            label=field.label,
            is_required=required,
            error_message=message,
            style="compact",
            value=field.value or None,
            choices=[Choice(title=c.capitalize(), value=c) for c in field.choices],
        )
    return TextInput(
        id=field.name,
        label=field.label,
        is_required=required,
        error_message=message,
        value=field.value or None,
        is_multiline=field.name in _MULTILINE or None,
        max_length=_MAX_TEXT,
    )
