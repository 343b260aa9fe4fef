"""The team reminder grammar: `reminder days ...` is a manager's own intent; a change with
other keys (a channel) stays an admin's settings command."""

from __future__ import annotations

import pytest

from nlp.admin import admin_settings


@pytest.mark.parametrize(
    ("text", "team", "args"),
    [
        ("settings team East reminder days mon-thu", "East", "team East reminder days mon-thu"),
        (
            "settings team East reminder days mon, tue and fri",
            "East",
            "team East reminder days mon, tue and fri",
        ),
        (
            "settings team East reminder 09:15 days every day afternoon 16:30",
            "East",
            "team East reminder 09:15 days every day afternoon 16:30",
        ),
        ("settings team East reminder-days weekdays", "East", "team East reminder-days weekdays"),
        (
            'settings team "Closers West" reminder days mon-thu',
            "Closers West",
            'team "Closers West" reminder days mon-thu',
        ),
        # Read as days and refused by the handler with a clear reply, not as another intent.
        ("settings team East reminder days funday", "East", "team East reminder days funday"),
    ],
)
def test_reminder_days_are_the_teams_reminders(text: str, team: str, args: str) -> None:
    intent = admin_settings(text, "/quotabot")
    assert intent is not None and intent.name == "team_reminders"
    assert intent.slots == {"subject": team, "args": args}


def test_a_channel_with_a_reminder_is_an_admins_settings_change() -> None:
    intent = admin_settings("settings team East channel C1 reminder 09:15", "/quotabot")
    assert intent is not None and intent.name == "admin_settings"
    assert intent.slots == {"args": "team East channel C1 reminder 09:15"}
