"""Lines reps and managers typed in a user session that the parser misread."""

from __future__ import annotations

from datetime import date

import pytest

from nlp.parser import CLARIFY_BELOW, parse

TUE = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("sent 3 follow-ups", [{"activity": "email", "count": 3}]),
        ("sent 2 follow ups to Acme", [{"activity": "email", "count": 2}]),
        ("sent a followup to Globex", [{"activity": "email", "count": 1}]),
        ("had a convo w/ Bob at Acme", [{"activity": "call", "count": 1}]),
        ("2 conversations with Initech", [{"activity": "call", "count": 2}]),
    ],
)
def test_sent_follow_ups_are_emails_and_convos_are_calls(
    text: str, items: list[dict[str, object]]
) -> None:
    got = parse(text, today=TUE)
    assert got.name == "log_activity"
    assert got.slots["items"] == items


def test_follow_up_alone_is_still_no_email() -> None:
    # Only "sent" makes a follow-up an email; "follow up with Acme tomorrow" logs nothing.
    assert parse("follow up with Acme tomorrow", today=TUE).name != "log_activity"


@pytest.mark.parametrize(
    "text", ["how far behind am I?", "how far ahead am i", "how much do I still need?"]
)
def test_how_far_am_i_is_my_quota(text: str) -> None:
    assert parse(text, today=TUE).name == "check_quota"


@pytest.mark.parametrize(
    "text",
    [
        "who's on pace?",
        "who is on pace this month",
        "who's on track",
        "who's at risk of missing quota",
        "who logged nothing this week",
    ],
)
def test_who_is_on_pace_is_the_team(text: str) -> None:
    assert parse(text, today=TUE).name == "team_stats"


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("set Ben's calls goal to 60 a week", "this_week"),
        ("set ben calls quota 60 per week", "this_week"),
        ("set ben's weekly calls goal to 60", "this_week"),
        ("set my calls goal to 15 a day", "today"),
        ("set ben quota 50k this quarter", "this_quarter"),
    ],
)
def test_a_goal_per_week_is_for_the_week(text: str, period: str) -> None:
    got = parse(text, today=TUE)
    assert got.name == "set_quota"
    assert got.slots["period"] == period


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("lost Globex to a competitor, price", "price"),
        ("lost Globex to a competitor - no budget", "no budget"),
        ("lost Globex to a competitor", None),  # the dev set: only says the deal is lost
    ],
)
def test_a_reason_after_a_generic_rival_is_kept(text: str, reason: str | None) -> None:
    got = parse(text, today=TUE)
    assert got.slots["stage"] == "lost"
    assert got.slots.get("lost_reason") == reason


def test_an_account_per_activity_is_kept_per_item_beside_the_contract() -> None:
    got = parse("3 calls to Acme, 2 emails to Globex and a demo with Hooli", today=TUE)
    assert got.slots["accounts"] == ["Acme", "Globex", "Hooli"]
    assert got.slots["account"] == "Acme"
    assert "accounts" not in got.to_json()["slots"]  # `quotabot parse` prints the contract


@pytest.mark.parametrize(
    "text",
    [
        "3 calls and a demo w/ Acme yesterday",
        "3 calls to Procter and Gamble",
        "5 calls and 3 emails",
    ],
)
def test_one_account_or_none_gives_no_per_item_accounts(text: str) -> None:
    assert "accounts" not in parse(text, today=TUE).slots


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("closed Initech for 24k yesterday", "2026-11-30"),
        ("signed Acme last Friday, $12k", "2026-11-27"),
        ("lost Globex on Nov 20", "2026-11-20"),
    ],
)
def test_a_deal_closed_on_a_past_day_says_that_day(text: str, day: str) -> None:
    assert parse(text, today=TUE).slots["close_date"] == day


@pytest.mark.parametrize(
    "text",
    [
        "closed Initech for 24k",
        "closed Initech for 24k today",
        "Dunder Mifflin qualified yesterday",
    ],
)
def test_no_past_day_or_an_open_deal_adds_no_close_date(text: str) -> None:
    assert "close_date" not in parse(text, today=TUE).slots


@pytest.mark.parametrize(
    ("text", "correction"),
    [
        ("oops that was 4 calls not 3", "same_day"),
        ("actually make that 4 calls", "same_day"),
        ("sorry, meant 2 emails", "same_day"),
        ("that should have been 5 dials yesterday", "new_day"),
    ],
)
def test_a_correction_of_the_last_log_says_so(text: str, correction: str) -> None:
    got = parse(text, today=TUE)
    assert got.name == "log_activity"
    assert got.slots["correction"] == correction
    assert "correction" not in got.to_json()["slots"]


def test_a_plain_log_is_no_correction() -> None:
    assert "correction" not in parse("3 calls with Acme, not bad", today=TUE).slots


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("left 4 VMs", [{"activity": "call", "count": 4}]),
        ("left 4 voicemails for Acme", [{"activity": "call", "count": 4}]),
        (
            "left 2 vms and sent 3 follow-ups",
            [{"activity": "call", "count": 2}, {"activity": "email", "count": 3}],
        ),
    ],
)
def test_voicemails_left_are_calls_counted_once(text: str, items: list[dict[str, object]]) -> None:
    assert parse(text, today=TUE).slots["items"] == items


@pytest.mark.parametrize(
    ("text", "account"),
    [
        ("2 calls with <http://acme.com|acme.com>", "acme.com"),  # Slack links a typed domain
        ("call w/ <https://evil.com|Acme>", "Acme"),  # the label is what the rep read
    ],
)
def test_a_slack_link_is_read_as_its_label(text: str, account: str) -> None:
    got = parse(text, today=TUE)
    assert got.name == "log_activity"
    assert got.slots["account"] == account


def test_who_is_furthest_behind_names_nobody() -> None:
    got = parse("who is furthest behind", today=TUE)
    assert got.name == "team_stats"
    assert "subject" not in got.slots


@pytest.mark.parametrize(
    "text",
    ["oops Initech was 25k not 24k", "Initech was actually 25k", "sorry, the Initech deal was 25k"],
)
def test_an_amount_said_again_corrected_edits_the_deal(text: str) -> None:
    got = parse(text, today=TUE)
    assert (got.name, got.slots["account"], got.slots["amount"]) == ("log_deal", "Initech", 25000)
    assert got.confidence >= 0.75


@pytest.mark.parametrize(
    ("text", "account"),
    [("Sorry Globex is dead", "Globex"), ("Actually, Acme Corp signed for 30k", "Acme Corp")],
)
def test_an_aside_before_the_name_is_not_the_name(text: str, account: str) -> None:
    assert parse(text, today=TUE).slots["account"] == account


def test_a_month_that_was_an_amount_edits_no_deal() -> None:
    assert parse("October was $80k", today=TUE).name != "log_deal"


def test_f_u_between_a_count_and_its_activity_keeps_the_count() -> None:
    got = parse("1 mtg + 2 f/u emails Acme", today=TUE)
    assert got.slots["items"] == [
        {"activity": "meeting", "count": 1},
        {"activity": "email", "count": 2},
    ]


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("set carla and dev quota to 40k next month", "carla and dev"),
        ("set Carla and Dev's quota to 40k", "Carla and Dev"),
        ("set the quota for Carla, Dev to 40k", "Carla, Dev"),
    ],
)
def test_two_people_in_a_quota_are_kept_as_written(text: str, subject: str) -> None:
    # Never no subject (the asker's own quota) nor one of the two.
    assert parse(text, today=TUE).slots["subject"] == subject


@pytest.mark.parametrize(
    ("text", "name", "stage"),
    [
        ("what's my pace", "check_quota", None),
        ("what's my coverage", "pipeline_summary", None),
        ("what did I close last week", "team_stats", None),
        ("my wins this quarter", "team_stats", None),
        ("why did we lose deals", "pipeline_summary", "lost"),
        ("why am I losing deals this quarter", "pipeline_summary", "lost"),
        ("loss reasons this quarter", "pipeline_summary", "lost"),
        ("lost deals this quarter", "pipeline_summary", "lost"),
        ("won deals last month", "pipeline_summary", "won"),
    ],
)
def test_questions_about_pace_coverage_wins_and_losses(
    text: str, name: str, stage: str | None
) -> None:
    got = parse(text, today=TUE)
    assert (got.name, got.slots.get("stage")) == (name, stage)


def test_a_lost_deal_said_is_still_a_write() -> None:
    assert parse("lost Globex", today=TUE).name == "log_deal"


@pytest.mark.parametrize("text", ["3 calls today and 2 yesterday", "2 emails yday, 3 calls today"])
def test_two_days_in_one_log_are_asked_about(text: str) -> None:
    got = parse(text, today=TUE)
    assert got.name == "log_activity"
    assert got.confidence < CLARIFY_BELOW


@pytest.mark.parametrize(
    ("text", "account"),
    [("closed 🚀 Rocket Co for $5k 🎉", "Rocket Co"), ("signed 🎉🎉 Initech for 20k", "Initech")],
)
def test_an_emoji_after_the_deal_verb_is_not_the_end_of_the_name(text: str, account: str) -> None:
    got = parse(text, today=TUE)
    assert got.slots["account"] == account
    assert got.confidence >= CLARIFY_BELOW


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Acme 40k, expected close 1/15", "log_deal"),
        ("Acme 40k expected close date next friday", "log_deal"),
        ("what's my expected close this quarter", "forecast"),
        ("expected close for Q4?", "forecast"),
    ],
)
def test_an_expected_close_with_a_date_states_a_deal(text: str, name: str) -> None:
    assert parse(text, today=TUE).name == name
