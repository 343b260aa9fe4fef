"""Form -> Slack modal (views.open) and back: submitted state -> fields, errors -> inline."""

from __future__ import annotations

import json
import re
from typing import Any

from core.messages import Field, Form

View = dict[str, Any]

CALLBACK_PREFIX = "form:"
# Modal limits: title and button labels <= 24 characters, private_metadata <= 3000.
TITLE_MAX = 24
LABEL_MAX = 2000
OPTIONS_MAX = 100
METADATA_MAX = 3000
# Free-text fields that deserve several lines.
_MULTILINE = frozenset({"notes", "note", "comment", "comments", "description"})
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _plain(text: str, limit: int) -> dict[str, str]:
    return {"type": "plain_text", "text": text if len(text) <= limit else text[: limit - 1] + "…"}


def _option(choice: str) -> dict[str, Any]:
    return {"text": _plain(choice, 75), "value": choice[:150]}


def _element(field: Field) -> dict[str, Any]:
    if field.kind == "number":
        element: dict[str, Any] = {"type": "number_input", "is_decimal_allowed": True}
        if field.value:
            element["initial_value"] = field.value
    elif field.kind == "date":
        element = {"type": "datepicker"}
        if _ISO_DATE.match(field.value):
            element["initial_date"] = field.value
    elif field.kind == "choice" and field.choices:
        element = {
            "type": "static_select",
            "options": [_option(c) for c in field.choices[:OPTIONS_MAX]],
        }
        if field.value in field.choices:
            element["initial_option"] = _option(field.value)
    else:
        element = {"type": "plain_text_input", "multiline": field.name in _MULTILINE}
        if field.value:
            element["initial_value"] = field.value
    element["action_id"] = field.name
    return element


def modal(form: Form, metadata: dict[str, str] | None = None) -> View:
    """block_id and action_id are the field name, so errors and values map back by name."""
    blocks = [
        {
            "type": "input",
            "block_id": field.name,
            "optional": not field.required,
            "label": _plain(field.label, LABEL_MAX),
            "element": _element(field),
        }
        for field in form.fields
    ]
    meta = json.dumps(metadata or {})
    return {
        "type": "modal",
        "callback_id": CALLBACK_PREFIX + form.form_id,
        "title": _plain(form.title, TITLE_MAX),
        "submit": _plain(form.submit_label, TITLE_MAX),
        "close": _plain("Cancel", TITLE_MAX),
        "private_metadata": meta if len(meta) <= METADATA_MAX else "{}",
        "blocks": blocks,
    }


def form_id(view: View) -> str:
    return str(view.get("callback_id", "")).removeprefix(CALLBACK_PREFIX)


def metadata(view: View) -> dict[str, str]:
    try:
        found = json.loads(view.get("private_metadata") or "{}")
    except json.JSONDecodeError:
        return {}
    return {str(k): str(v) for k, v in found.items()} if isinstance(found, dict) else {}


def submitted(view: View) -> dict[str, str]:
    """view.state.values[block_id][action_id] -> {field name: text}; empty inputs are ""."""
    fields: dict[str, str] = {}
    values: dict[str, dict[str, Any]] = view.get("state", {}).get("values", {})
    for block_id, actions in values.items():
        for state in actions.values():
            fields[block_id] = _value(state)
    return fields


def _value(state: dict[str, Any]) -> str:
    kind = state.get("type")
    if kind == "datepicker":
        return state.get("selected_date") or ""
    if kind in ("static_select", "radio_buttons"):
        option = state.get("selected_option") or {}
        return str(option.get("value") or "")
    return str(state.get("value") or "")


def inline_errors(errors: tuple[tuple[str, str], ...], view: View) -> dict[str, str]:
    """Errors keyed by block_id; a problem with no matching input goes on the first input."""
    block_ids = [b.get("block_id") for b in view.get("blocks", []) if b.get("type") == "input"]
    shown: dict[str, str] = {}
    for name, problem in errors:
        target = name if name in block_ids else (block_ids[0] if block_ids else name)
        shown[target] = f"{shown[target]} {problem}" if target in shown else problem
    return shown
