"""Calendar rules on their own: when a leaderboard is due; the keys that make sends once-only."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from scheduler.rules import (
    DEFAULT_GRACE,
    Due,
    afternoon_key,
    channel_help_key,
    daily_key,
    leaderboard_due,
    leaderboard_key,
    mention_key,
    nudge_key,
    team_post_due,
)

# Friday 20 Nov 2026, 09:00 in New York is 14:00 UTC.
FRIDAY_9AM_NY = datetime(2026, 11, 20, 14, 0, tzinfo=UTC)


def due(now: datetime, weekday: int = 5, at: str = "09:00") -> Due | None:
    return leaderboard_due("America/New_York", weekday, at, now, DEFAULT_GRACE)


def test_a_leaderboard_is_due_from_its_local_moment_on_its_weekday() -> None:
    friday = date(2026, 11, 20)
    assert due(FRIDAY_9AM_NY - timedelta(seconds=1)) is None
    assert due(FRIDAY_9AM_NY) == Due(friday, FRIDAY_9AM_NY, missed=False)
    assert due(FRIDAY_9AM_NY + DEFAULT_GRACE) == Due(friday, FRIDAY_9AM_NY, missed=False)
    late = FRIDAY_9AM_NY + DEFAULT_GRACE + timedelta(seconds=1)
    assert due(late) == Due(friday, FRIDAY_9AM_NY, missed=True)


def test_a_leaderboard_is_not_due_on_other_days_or_before_its_time() -> None:
    assert due(FRIDAY_9AM_NY, weekday=4) is None
    assert due(FRIDAY_9AM_NY, at="09:30") is None
    # 03:00 UTC on Saturday is still Friday evening in New York.
    saturday_utc = datetime(2026, 11, 21, 3, 0, tzinfo=UTC)
    assert due(saturday_utc, at="21:30") == Due(
        date(2026, 11, 20), datetime(2026, 11, 21, 2, 30, tzinfo=UTC), missed=False
    )


def test_keys_name_the_person_or_team_and_the_day_or_iso_week() -> None:
    assert nudge_key(7, date(2026, 11, 18)) == "nudge:7:2026-11-18"
    assert leaderboard_key(3, date(2026, 11, 20)) == "leaderboard:3:2026-W47"
    # 1 Jan 2027 belongs to ISO week 53 of 2026.
    assert leaderboard_key(3, date(2027, 1, 1)) == "leaderboard:3:2026-W53"
    assert leaderboard_key(3, date(2027, 1, 4)) == "leaderboard:3:2027-W01"


def test_a_team_post_is_due_at_its_time_on_working_days_only() -> None:
    friday_9am_ny = team_post_due(
        "America/New_York", "09:00", "1,2,3,4,5", "US", FRIDAY_9AM_NY, DEFAULT_GRACE
    )
    assert friday_9am_ny == Due(date(2026, 11, 20), FRIDAY_9AM_NY, missed=False)
    early = FRIDAY_9AM_NY - timedelta(minutes=1)
    assert (
        team_post_due("America/New_York", "09:00", "1,2,3,4,5", "US", early, DEFAULT_GRACE) is None
    )
    # Thanksgiving (Thu 26 Nov 2026) is a US holiday; Fridays are off for a 4-day week.
    thanksgiving = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)
    assert (
        team_post_due("America/New_York", "09:00", "1,2,3,4,5", "US", thanksgiving, DEFAULT_GRACE)
        is None
    )
    assert (
        team_post_due("America/New_York", "09:00", "1,2,3,4", None, FRIDAY_9AM_NY, DEFAULT_GRACE)
        is None
    )


def test_team_post_keys_name_the_team_and_the_day() -> None:
    day = date(2026, 11, 20)
    assert daily_key(3, day) == "daily:3:2026-11-20"
    assert afternoon_key(3, day) == "afternoon:3:2026-11-20"
    assert mention_key(3, day) == "afternoon-mention:3:2026-11-20"
    assert channel_help_key(daily_key(3, day)) == "channel-help:3:2026-11-20"
