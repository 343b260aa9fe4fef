"""What QuotaBot reads from a Teams activity: who said what, where, in which time zone."""

from __future__ import annotations

from bot.adapters.teams.inbound import mention_key, parse, place_of, to_inbound
from tests.bot.adapters.teams.harness import activity

URL = "https://smba.trafficmanager.net/emea/"


def test_a_mention_and_html_entities_are_stripped() -> None:
    body = activity(
        "channel_mention", URL, text="<at>QuotaBot</at> log 2 demos&nbsp;with <b>Initech</b>"
    )
    item = parse(body)
    place = place_of(item)
    assert place is not None

    inbound = to_inbound(item, place)

    assert inbound is not None
    assert inbound.text == "log 2 demos with Initech"
    assert (inbound.direct, inbound.thread) == (False, "1763478131440")
    assert inbound.user_tz == "America/New_York"


def test_a_mention_of_a_person_becomes_a_mention_token() -> None:
    body = activity("channel_mention", URL, text="<at>QuotaBot</at> team <at>Dana Reyes</at>")
    body["entities"].append(
        {"type": "mention", "text": "<at>Dana Reyes</at>", "mentioned": {"id": "29:dana"}}
    )
    item = parse(body)
    place = place_of(item)
    assert place is not None

    inbound = to_inbound(item, place)

    # The same `<@id>` token a Slack mention is, keyed like Dana's own messages.
    assert inbound is not None and inbound.text == f"team <@{mention_key('29:dana')}>"


def test_an_activity_without_a_tenant_is_not_teams() -> None:
    body = activity("personal_message", URL, channelData={})
    body["conversation"].pop("tenantId")

    assert place_of(parse(body)) is None
    assert place_of(parse(body), default_tenant="agents-playground") is not None


def test_the_same_activity_id_in_two_conversations_is_two_events() -> None:
    one = parse(activity("personal_message", URL))
    other_body = activity("personal_message", URL)
    other_body["conversation"]["id"] = "a:someone-else"
    other = parse(other_body)
    first, second = place_of(one), place_of(other)
    assert first is not None and second is not None

    a, b = to_inbound(one, first), to_inbound(other, second)

    assert a is not None and b is not None and a.event_id != b.event_id


def test_a_bare_command_menu_word_is_the_slash_command() -> None:
    item = parse(activity("personal_message", URL, text="log"))
    place = place_of(item)
    assert place is not None

    inbound = to_inbound(item, place)

    assert inbound is not None and (inbound.command, inbound.text) == ("/log", "")


def test_a_sentence_stays_a_sentence_and_a_slash_stays_a_command() -> None:
    sentence = parse(activity("personal_message", URL, text="team is doing great"))
    slash = parse(activity("personal_message", URL, text="/log 3 calls Acme"))
    places = place_of(sentence), place_of(slash)
    assert places[0] is not None and places[1] is not None

    said, typed = to_inbound(sentence, places[0]), to_inbound(slash, places[1])

    assert said is not None and (said.command, said.text) == (None, "team is doing great")
    assert typed is not None and (typed.command, typed.text) == ("/log", "3 calls Acme")
