"""Money reads as money on Slack, Teams and the console: whole units with a symbol, never
minor units or scientific notation (issue 9)."""

from __future__ import annotations

import json
import re
from datetime import date

from bot.adapters.console.render import render as console_text
from bot.adapters.slack import blocks
from bot.adapters.slack.home import compose
from bot.adapters.teams.cards import card_json
from bot.services import Services
from core.messages import Bar, Inbound, Reply
from handlers.nudge import build_nudge
from handlers.weekly_board import build_board
from storage.models import Team, User, Workspace
from tests.support.dialog import Chat
from tests.support.world import World, make_world, set_quota

NOV = date(2026, 11, 1)
# Rita's $24,000 won, her $45,000 quota and the $40,000 Globex deal, in cents.
MINOR_UNITS = ("2,400,000", "2400000", "4,500,000", "4500000", "4,000,000", "4000000")
SCIENTIFIC = re.compile(r"\d\.?\d*e[+-]?\d")
CENTS = re.compile(r"\$[\d,]+\.\d")


def on_every_platform(reply: Reply) -> dict[str, str]:
    """What each platform is sent for `reply`, as one string to search."""
    slack = json.dumps(blocks.render(reply), ensure_ascii=False) + blocks.fallback_text(reply)
    return {
        "slack": slack,
        "teams": json.dumps(card_json(reply), ensure_ascii=False),
        "console": console_text(reply),
    }


def misread(shown: str) -> list[str]:
    """Figures in `shown` that nobody should have to decode."""
    return [m for m in MINOR_UNITS if m in shown] + SCIENTIFIC.findall(shown) + CENTS.findall(shown)


async def rita_s_floor(services: Services) -> tuple[World, Chat, dict[str, Reply]]:
    """Rita has won $24,000 of her $45,000 November quota and has Globex ($40,000) open;
    what she is told when she logs it."""
    world = await make_world(services)
    await set_quota(services, world, "rita", "revenue", "month", NOV, 4_500_000)
    chat = Chat(services)
    said = {
        "deal won": await chat.say("rita", "closed Initech for $24k"),
        "deal opened": await chat.say("rita", "new opp Globex 40k closing end of month"),
        "activity": await chat.say("rita", "3 calls with Acme"),
    }
    await chat.say("rita", "2 emails with Hooli")
    said["undo"] = await chat.say("rita", "undo")
    return world, chat, said


async def every_answer(services: Services) -> dict[str, Reply]:
    """Each kind of answer about Rita's floor: chat replies, the nudge, the weekly board."""
    world, chat, replies = await rita_s_floor(services)
    replies["quota"] = await chat.say("rita", "how am I tracking vs quota?")
    replies["pipeline"] = await chat.say("rita", "what's in my pipeline?")
    replies["forecast"] = await chat.say("rita", "what's my forecast?")
    replies["team"] = await chat.say("mia", "how is my team doing?")
    replies["leaderboard"] = await chat.say("rita", "leaderboard revenue this month")
    async with services.sessions() as session:
        workspace = await session.get(Workspace, world.workspace_id)
        east = await session.get(Team, world.east)
        rita = await session.get(User, world.users["rita"])
        assert workspace is not None and east is not None and rita is not None
        replies["weekly board"] = await build_board(session, east, workspace, services.clock())
        nudge = await build_nudge(session, rita, workspace, services.clock())
    assert nudge is not None, "Rita logged 3 of 20 activities today: she is nudged"
    replies["nudge"] = nudge
    return replies


async def test_no_answer_shows_minor_units_or_scientific_notation_anywhere(
    services: Services,
) -> None:
    replies = await every_answer(services)
    assert all(r.ok for r in replies.values()), {k: r.text for k, r in replies.items()}
    titles = [replies[k].title or "" for k in ("quota", "forecast", "team", "leaderboard")]
    assert [t.split(" — ")[0] for t in titles] == ["Quota", "Forecast", "Team", "Leaderboard"]

    problems = {
        (kind, platform): found
        for kind, reply in replies.items()
        for platform, shown in on_every_platform(reply).items()
        if (found := misread(shown))
    }

    assert problems == {}


async def test_the_quota_bar_reads_24000_of_45000_on_every_platform(services: Services) -> None:
    _, chat, _ = await rita_s_floor(services)

    reply = await chat.say("rita", "/quota")

    for platform, shown in on_every_platform(reply).items():
        assert "$24,000 of $45,000" in shown, platform
    assert "`█████░░░░░` 53%  *revenue* $24,000 of $45,000" in blocks.bar_line(reply.bars[0])


async def test_one_open_deal_is_one_deal(services: Services) -> None:
    await rita_s_floor(services)
    chat = Chat(services)

    reply = await chat.say("rita", "what's in my pipeline?")

    assert reply.text == "Your pipeline: $40,000 across 1 open deal."
    facts = {f.label: f.value for f in reply.facts}
    assert facts["Open pipeline"] == "$40,000 in 1 deal"
    assert facts["Closing November 2026"] == "$40,000 in 1 deal"


async def test_the_app_home_shows_whole_dollars(services: Services) -> None:
    await rita_s_floor(services)

    view = await compose(services.router, Inbound("console", "acme", "rita"))

    shown = json.dumps(view, ensure_ascii=False)
    assert "$24,000 of $45,000" in shown
    assert misread(shown) == []


def test_a_bar_without_shown_figures_reads_as_whole_counts() -> None:
    reply = Reply(text="Calls", bars=(Bar("calls", 1_234_567.0, 2_000_000.0), Bar("demos", 2.5)))

    shown = on_every_platform(reply)

    assert "1,234,567 / 2,000,000" in shown["slack"] and "*demos* 3" in shown["slack"]
    assert "calls: 1,234,567 of 2,000,000 (62%)" in shown["teams"]
    assert "demos: 3" in shown["teams"]
    assert "demos      3" in shown["console"]
    # A count has no decimals: 2.5 demos (an average, say) is shown as 3.
    assert not any(SCIENTIFIC.search(s) or "2.5" in s or "567.0" in s for s in shown.values())
