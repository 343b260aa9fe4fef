"""Who may do what, and the sentence a person reads when they may not (bot.policy).

The dialog tests (tests/handlers/test_policy_dialogs.py) go through the bot; these state each
rule once, for every role, with the exact words of the refusal.
"""

from __future__ import annotations

import pytest

from bot.policy import refusal
from core.messages import Actor, Role
from handlers.contract import Access
from handlers.shared.context import Subject
from storage.models import Team, User

EAST, WEST = 1, 2


def person(role: Role, team: int | None = EAST) -> Actor:
    return Actor(workspace_id=1, user_id=10, name=role.title(), role=role, team_id=team, tz="UTC")


REP, MANAGER, ADMIN = person("rep"), person("manager"), person("admin", team=None)
TEAMLESS_MANAGER = person("manager", team=None)

ME = Subject("self", "you")
EVERYONE = Subject("workspace", "everyone")


def rep_in(team: int, name: str) -> Subject:
    return Subject("user", name, user=User(id=20 + team, name=name, role="rep", team_id=team))


def team(team_id: int, name: str) -> Subject:
    return Subject("team", f"team {name}", team=Team(id=team_id, name=name))


RITA, WES = rep_in(EAST, "Rita Rep"), rep_in(WEST, "Wes Rep")
TEAM_EAST, TEAM_WEST = team(EAST, "East"), team(WEST, "West")


# --- public: help, the leaderboard, privacy ---


@pytest.mark.parametrize("actor", [REP, MANAGER, ADMIN])
@pytest.mark.parametrize("subject", [ME, WES, TEAM_WEST, EVERYONE])
def test_public_routes_are_for_everyone(actor: Actor, subject: Subject) -> None:
    assert refusal(actor, "public", subject) is None


# --- admin: workspace settings, people, the audit log ---


def test_only_an_admin_may_use_an_admin_route() -> None:
    assert refusal(ADMIN, "admin", EVERYONE) is None
    for actor in (REP, MANAGER):
        assert refusal(actor, "admin", EVERYONE) == "Only a workspace admin can change that."


# --- self: logging activity and deals, undo, one's own settings ---


@pytest.mark.parametrize("actor", [REP, MANAGER, ADMIN])
def test_everyone_logs_for_themselves(actor: Actor) -> None:
    assert refusal(actor, "self", ME) is None


@pytest.mark.parametrize("actor", [REP, MANAGER, ADMIN])
@pytest.mark.parametrize("subject", [RITA, TEAM_EAST])
def test_nobody_logs_for_someone_else_not_even_their_manager_or_an_admin(
    actor: Actor, subject: Subject
) -> None:
    assert refusal(actor, "self", subject) == (
        "You can only log and change your own activity and deals."
    )


# --- manage: quotas, team members, team reminders, the admin menu ---


@pytest.mark.parametrize(
    ("intent", "sentence"),
    [
        ("set_quota", "Only managers and admins can set quotas. Ask your manager to set yours."),
        ("team_members", "Only managers and admins can change who is on a team."),
        ("team_reminders", "Only managers and admins can set or preview a team's reminders."),
        ("admin_menu", "Only managers and admins can use the admin menu."),
        ("something_new", "Only managers and admins can do that."),
    ],
)
def test_a_rep_manages_nothing(intent: str, sentence: str) -> None:
    assert refusal(REP, "manage", ME, intent) == sentence
    assert refusal(REP, "manage", RITA, intent) == sentence


def test_a_refusal_without_an_intent_is_about_quotas() -> None:
    assert refusal(REP, "manage", ME) == (
        "Only managers and admins can set quotas. Ask your manager to set yours."
    )
    assert refusal(MANAGER, "manage", EVERYONE) == "Only an admin can set quotas for everyone."


def test_a_manager_manages_their_own_team_and_themselves() -> None:
    for subject in (ME, RITA, TEAM_EAST):
        assert refusal(MANAGER, "manage", subject, "set_quota") is None


def test_a_manager_does_not_manage_another_team_or_everyone() -> None:
    assert refusal(MANAGER, "manage", WES, "set_quota") == (
        "You can set quotas for your own team only, not for Wes Rep."
    )
    assert refusal(MANAGER, "manage", TEAM_WEST, "team_reminders") == (
        "You can set or preview a team's reminders for your own team only, not for team West."
    )
    assert refusal(MANAGER, "manage", EVERYONE, "set_quota") == (
        "Only an admin can set quotas for everyone."
    )


def test_a_manager_without_a_team_manages_only_themselves() -> None:
    assert refusal(TEAMLESS_MANAGER, "manage", ME, "set_quota") is None
    assert refusal(TEAMLESS_MANAGER, "manage", RITA, "set_quota") == (
        "You can set quotas for your own team only, not for Rita Rep."
    )


@pytest.mark.parametrize("subject", [ME, RITA, WES, TEAM_EAST, TEAM_WEST, EVERYONE])
def test_an_admin_manages_everyone(subject: Subject) -> None:
    assert refusal(ADMIN, "manage", subject, "set_quota") is None


# --- read: quota, pipeline, forecast, team stats ---


def test_a_rep_reads_only_their_own_numbers() -> None:
    assert refusal(REP, "read", ME) is None
    private = (
        "Those numbers are private to {} and their manager. "
        "You can see your own with /quota and /pipeline, or the /leaderboard."
    )
    assert refusal(REP, "read", RITA) == private.format("Rita Rep")
    assert refusal(REP, "read", TEAM_EAST) == private.format("team East")
    assert refusal(REP, "read", EVERYONE) == private.format("everyone")


def test_a_manager_reads_their_team_and_its_reps() -> None:
    for subject in (ME, RITA, TEAM_EAST):
        assert refusal(MANAGER, "read", subject) is None


def test_a_manager_does_not_read_another_team_or_everyone() -> None:
    assert refusal(MANAGER, "read", WES) == "You can see your own team's numbers, not Wes Rep's."
    assert refusal(MANAGER, "read", TEAM_WEST) == (
        "You can see your own team's numbers, not team West's."
    )
    assert refusal(MANAGER, "read", EVERYONE) == (
        "Only an admin can see everyone's numbers; try your own team."
    )


def test_a_manager_without_a_team_reads_only_their_own() -> None:
    assert refusal(TEAMLESS_MANAGER, "read", ME) is None
    assert refusal(TEAMLESS_MANAGER, "read", TEAM_EAST) == (
        "You can see your own team's numbers, not team East's."
    )


@pytest.mark.parametrize("subject", [ME, RITA, WES, TEAM_EAST, TEAM_WEST, EVERYONE])
def test_an_admin_reads_everything(subject: Subject) -> None:
    assert refusal(ADMIN, "read", subject) is None


@pytest.mark.parametrize("access", ["read", "manage"])
def test_a_team_or_person_not_found_is_nobodys_to_manage(access: Access) -> None:
    # Resolved subjects always carry their row; without one, only an admin gets through.
    assert refusal(MANAGER, access, Subject("team", "team ?")) is not None
    assert refusal(MANAGER, access, Subject("user", "?")) is not None
    assert refusal(ADMIN, access, Subject("team", "team ?")) is None


# --- CSV in chat: an admin's import, a team's export ---


def test_only_an_admin_may_import_a_file_and_is_told_so() -> None:
    assert refusal(ADMIN, "admin", ME, "import_file") is None
    for actor in (REP, MANAGER):
        assert refusal(actor, "admin", ME, "import_file") == (
            "Only a workspace admin can import a CSV file; ask one to send it to me."
        )


def test_a_team_export_is_for_its_manager_and_admins_a_rep_gets_their_own_way() -> None:
    for subject in (ME, TEAM_EAST, TEAM_WEST, EVERYONE):
        assert refusal(ADMIN, "manage", subject, "export_data") is None
    assert refusal(MANAGER, "manage", ME, "export_data") is None
    assert refusal(MANAGER, "manage", TEAM_EAST, "export_data") is None
    assert refusal(MANAGER, "manage", TEAM_WEST, "export_data") == (
        "You can export data for your own team only, not for team West."
    )
    assert refusal(MANAGER, "manage", EVERYONE, "export_data") == (
        "Only an admin can export data for everyone."
    )
    assert refusal(REP, "manage", ME, "export_data") == (
        "Only managers and admins can export data. Your own data: `/quotabot my data`."
    )
