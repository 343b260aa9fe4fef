"""People commands read exactly behind /quotabot, and a few natural free-text forms."""

from __future__ import annotations

import pytest

from nlp.team_admin import names, team_admin


@pytest.mark.parametrize(
    ("text", "intent", "slots"),
    [
        ("team create West", "team_create", {"name": "West"}),
        ("team create North America", "team_create", {"name": "North America"}),
        (
            "team West add @dev @emma",
            "team_members",
            {"subject": "West", "op": "add", "people": ["@dev", "@emma"]},
        ),
        (
            "team North America add <@U1|dev>, Emma Stone",
            "team_members",
            {"subject": "North America", "op": "add", "people": ["<@U1|dev>", "Emma Stone"]},
        ),
        (
            "team West remove @dev",
            "team_members",
            {"subject": "West", "op": "remove", "people": ["@dev"]},
        ),
        ("team West manager @carla", "team_manager", {"subject": "West", "person": "@carla"}),
        ("role @ben admin", "set_role", {"person": "@ben", "role": "admin"}),
        ("role Ben Carter Manager", "set_role", {"person": "Ben Carter", "role": "manager"}),
        ("people", "people", {}),
        ("people in team West", "people", {"subject": "West"}),
        ("settings show", "settings_show", {}),
    ],
)
def test_slash_grammar(text: str, intent: str, slots: dict[str, object]) -> None:
    parsed = team_admin(text, "/quotabot")
    assert parsed is not None and (parsed.name, parsed.slots) == (intent, slots)


@pytest.mark.parametrize(
    ("text", "intent", "slots"),
    [
        (
            "add Ben to team West",
            "team_members",
            {"subject": "West", "op": "add", "people": ["Ben"]},
        ),
        (
            "put Ben and Emma on the West team",
            "team_members",
            {"subject": "West", "op": "add", "people": ["Ben", "Emma"]},
        ),
        (
            "remove @dev from team West",
            "team_members",
            {"subject": "West", "op": "remove", "people": ["@dev"]},
        ),
        ("make Carla manager of West", "team_manager", {"subject": "West", "person": "Carla"}),
        ("make Ben an admin", "set_role", {"person": "Ben", "role": "admin"}),
        ("create a team called West", "team_create", {"name": "West"}),
        ("who is on which team?", "people", {}),
    ],
)
def test_free_text_forms(text: str, intent: str, slots: dict[str, object]) -> None:
    parsed = team_admin(text, None)
    assert parsed is not None and (parsed.name, parsed.slots) == (intent, slots)


@pytest.mark.parametrize(
    "text",
    [
        "add 3 calls to Acme",
        "add Ben to West",
        "put the demo on Thursday",
        "make the call",
        "remove the Acme deal",
        "made 40 calls",
        "team West is crushing it",
    ],
)
def test_everyday_sentences_are_not_people_commands(text: str) -> None:
    assert team_admin(text, None) is None


def test_slash_only_grammar_is_not_read_from_chat() -> None:
    assert team_admin("role @ben admin", None) is None
    assert team_admin("team create West", None) is None


def test_names_split_mentions_and_plain_names() -> None:
    assert names("@a @b") == ["@a", "@b"]
    assert names("<@U1> and Zoë O'Brien") == ["<@U1>", "Zoë O'Brien"]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("team West sync #sales-west", "channel:#sales-west"),
        ("team West sync #Sales-West", "channel:#sales-west"),
        ("team West sync <#C0WEST|sales-west>", "channel:C0WEST"),
        ("team West sync <#G0PRIV>", "channel:G0PRIV"),
        ("team West sync @west-reps", "usergroup:@west-reps"),
        ("team West sync user group @west-reps", "usergroup:@west-reps"),
        ("team West sync <!subteam^S0WEST|@west-reps>", "usergroup:S0WEST"),
        ("team North America follow #na", "channel:#na"),
        ("team West sync off", "off"),
        ("team West sync roster", "roster"),
        ("team West sync <!channel>", ""),
        ("team West sync *x*", ""),
        ("team West sync #a b", ""),
    ],
)
def test_what_a_team_follows(text: str, source: str) -> None:
    parsed = team_admin(text, "/quotabot")
    team = "North America" if "North" in text else "West"
    assert parsed is not None and (parsed.name, parsed.slots) == (
        "team_sync",
        {"subject": team, "source": source},
    )
