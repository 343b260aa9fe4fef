"""Every button and form id comes from core/actions.py, and every one of them has a route."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from bot.router import ACTIONS
from bot.services import Services
from core.actions import OPENS, SETTLING, WRITING, ActionId, FormId, submission
from handlers.shared.forms import FORMS
from tests.support.dialog import Chat
from tests.support.world import make_world

ROOT = Path(__file__).resolve().parents[2]
CODE = ("core", "bot", "handlers", "scheduler", "nlp", "storage")
# Constructor -> (position, keyword) of the id it carries.
CARRIERS = {"Button": (1, "action_id"), "Action": (0, "action_id"), "Form": (0, "form_id")}
ENUMS: dict[str, type[ActionId] | type[FormId]] = {"ActionId": ActionId, "FormId": FormId}
GONE = "That button is no longer active."


def test_every_action_id_has_exactly_one_route() -> None:
    assert sorted(ACTIONS) == sorted(ActionId)


def test_every_form_opens_from_a_button_and_submits_to_a_route() -> None:
    assert set(FORMS) == set(FormId) == set(OPENS)
    assert {submission(form) for form in FormId} <= set(ActionId)
    assert set(OPENS.values()) | SETTLING | WRITING <= set(ActionId)


def ids_in_code() -> list[tuple[str, str, str]]:
    """(file:line, constructor, id) for every id written into a Button, Action or Form."""
    found = []
    for package in CODE:
        for path in sorted((ROOT / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                    continue
                if node.func.id not in CARRIERS:
                    continue
                position, keyword = CARRIERS[node.func.id]
                given = [k.value for k in node.keywords if k.arg == keyword]
                if len(node.args) > position:
                    given.append(node.args[position])
                for arg in given:
                    where = f"{path.relative_to(ROOT)}:{arg.lineno}"
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        found.append((where, node.func.id, arg.value))
                    elif (
                        isinstance(arg, ast.Attribute)
                        and isinstance(arg.value, ast.Name)
                        and arg.value.id in ENUMS
                    ):
                        member = ENUMS[arg.value.id].__members__.get(arg.attr)
                        found.append((where, node.func.id, str(member or arg.attr)))
    return found


def test_every_button_and_form_in_the_code_uses_an_id_from_the_table() -> None:
    found = ids_in_code()
    assert {kind for _, kind, _ in found} == {"Button", "Form"}  # the scan sees them
    known: dict[str, set[str]] = {
        "Button": set(ActionId),
        "Action": set(ActionId),
        "Form": set(FormId),
    }
    unknown = [(where, value) for where, kind, value in found if value not in known[kind]]
    assert unknown == []


def value_for(action_id: ActionId) -> str:
    return "999999" if action_id == ActionId.UNDO else ""


@pytest.mark.parametrize("action_id", list(ActionId))
async def test_each_action_id_is_answered_by_its_route(
    services: Services, action_id: ActionId
) -> None:
    await make_world(services)
    reply = await Chat(services).press("rita", action_id, value_for(action_id))
    assert reply.text != GONE
    assert "went wrong" not in reply.text


async def test_an_unknown_action_id_says_the_button_is_gone(services: Services) -> None:
    await make_world(services)
    chat = Chat(services)
    assert (await chat.press("rita", "open_the_pod_bay_doors")).text == GONE
    assert (await chat.press("rita", submission("no_such_form"))).text == GONE
