"""A neutral Form as Adaptive Card inputs (Input.Text/Number/Date/ChoiceSet) and its submit."""

from __future__ import annotations

import contextlib
from typing import Any

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

from core.actions import submission
from core.messages import Field, Form

# Key of the form description inside a submit action's data (never a form input name).
FORM_KEY = "quotabot_form"
_KINDS = frozenset({"text", "number", "date", "choice"})
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
    """Inputs are merged into the action's data by the client; the verb names the form.

    The data also carries the form's own description, so an invalid submission can be shown
    again, as the same card with the person's values and the errors inline, without this
    adapter knowing any form.
    """
    action_id = submission(form.form_id)
    return ExecuteAction(
        title=form.submit_label,
        verb=action_id,
        data={"action_id": action_id, FORM_KEY: describe(form)},
        style="positive",
    )


def describe(form: Form) -> dict[str, Any]:
    return {
        "id": form.form_id,
        "title": form.title,
        "submit": form.submit_label,
        "fields": [
            {
                "name": f.name,
                "label": f.label,
                "kind": f.kind,
                "choices": list(f.choices),
                "required": f.required,
            }
            for f in form.fields
        ],
    }


def restore(data: Any, values: dict[str, str]) -> Form | None:
    """The form a submission came from, filled with what was submitted; None if not ours."""
    spec = data.get(FORM_KEY) if isinstance(data, dict) else None
    if not isinstance(spec, dict):
        return None
    try:
        fields = tuple(
            Field(
                name=str(f["name"]),
                label=str(f["label"]),
                kind=f["kind"] if f["kind"] in _KINDS else "text",
                choices=tuple(str(c) for c in f.get("choices", ())),
                required=bool(f.get("required")),
                value=values.get(str(f["name"]), ""),
            )
            for f in spec["fields"]
        )
        return Form(str(spec["id"]), str(spec["title"]), fields, str(spec["submit"]))
    except (KeyError, TypeError):
        return None


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
