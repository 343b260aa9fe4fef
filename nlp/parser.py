"""The offline parser: message text (and optional slash command) -> contract Intent."""

from __future__ import annotations

import datetime
import re
from dataclasses import replace
from typing import Final

from nlp import corrections, cues, fill, owners
from nlp.admin import admin_settings
from nlp.analysis import Doc, analyse
from nlp.chat import not_for_the_bot, small_talk
from nlp.classify import Verdict, classify
from nlp.forecast_history import forecast_history
from nlp.intent import BAD_VALUES, Intent
from nlp.sanity import checked
from nlp.slash import IMPLIED, allowed, key
from nlp.splits import accounts_per_item
from nlp.subjects import find_subject
from nlp.team_admin import team_admin
from nlp.transfer import transfer

# The router performs a write intent only at or above this confidence; below it, it asks.
CLARIFY_BELOW: Final[float] = 0.75
_READS: Final = frozenset(
    {"check_quota", "pipeline_summary", "forecast", "team_stats", "leaderboard"}
)

_LEADING_MENTION: Final = re.compile(r"^\s*<@[A-Za-z0-9]+(?:\|[^<>]{0,80})?>[\s,:]*")
_FIRST_PERSON: Final = re.compile(r"\b(?:i|i'm|im|me|my|mine|am\s+i)\b|<@")
_ADDRESSED: Final = frozenset({"log_activity", "log_deal", "undo", "help", "settings"})


def _build(doc: Doc, verdict: Verdict, *, leading_name: bool = False) -> Intent:
    name, conf = verdict.name, verdict.confidence
    planned = None
    if name == "log_activity":
        slots, conf, planned = fill.log_activity(doc, leading_name=leading_name)
        slots = accounts_per_item(doc, slots, fill.log_activity) or slots
        if corrections.CORRECTION.search(doc.low):
            # The handler replaces the last log; with no day said, it keeps that log's day.
            slots = {**slots, "correction": "new_day" if doc.dates else "same_day"}
        if not slots["items"]:
            ahead = any(d.value > doc.today for d in doc.dates) or cues.PLANNED.search(doc.low)
            if not (doc.mentions and ahead):
                return Intent("unknown", {}, 0.4)
            return Intent("unknown", {}, 0.4, note="planned", planned=planned)
    elif name == "log_deal":
        slots, conf = fill.log_deal(doc, conf, leading_name=leading_name)
        if conf < 0:
            return Intent("unknown", {}, 0.45)
    elif name == "set_quota":
        slots, conf = fill.set_quota(doc, conf)
    elif name == "settings":
        slots, conf = fill.settings(doc, conf)
        if not slots:
            # "what's my time zone?", "when do nudges go out?": the settings as they are now.
            return Intent("settings", {}, max(round(conf, 2), 0.8))
        scope = owners.someone_named(doc)
        if scope:  # "turn off <@U07>'s nudges": someone else's settings, refused by policy
            slots, conf, note = checked(doc, name, slots, conf)
            return Intent(name, slots, round(conf, 2), note=note, scope=scope)
    elif name in _READS:
        slots = fill.read(doc, name)
        if name == "leaderboard":
            # No subject slot on leaderboards: the team asked for rides along as a hint.
            return Intent(name, slots, round(conf, 2), scope=find_subject(doc.text))
    else:
        slots = {}
    slots, conf, note = checked(doc, name, slots, conf)
    return Intent(name, slots, round(conf, 2), note=note, planned=planned)


def _with_command(doc: Doc, verdict: Verdict, command: str) -> Intent:
    options = allowed(command)
    if options is None:
        return _build(doc, verdict)
    if not doc.text:
        default = options[0]
        if default in _READS or default == "help":
            return Intent(default, {}, 0.95)
        return Intent("unknown", {}, 0.3)  # "/log" alone: the router opens a form instead
    if verdict.name in options:
        intent = _build(doc, verdict, leading_name=True)
        # The command confirms the intent; an odd value is still asked about.
        boost = 0.1 if intent.name != "unknown" and intent.note not in BAD_VALUES else 0.0
        return replace(intent, confidence=round(min(0.98, intent.confidence + boost), 2))
    default = options[0]
    if default == "log_activity" and not doc.mentions:
        return Intent("unknown", {}, 0.4)  # "/log" with nothing loggable: ask, don't guess
    return _build(doc, Verdict(default, 0.8), leading_name=True)


def _free_text(text: str, today: datetime.date, dmy: bool) -> Intent:
    # "<@UBOT> 12 dials today": a leading mention may only address the bot. If what follows
    # is a log or a command, it was the addressee; otherwise it is whose numbers are asked.
    lead = _LEADING_MENTION.match(text)
    if lead and lead.end() < len(text):
        rest = analyse(text[lead.end() :], today, dmy=dmy)
        intent = _build(rest, classify(rest))
        # "<@UBOT> how am I tracking" / "<@UBOT> EMEA pipeline": the question names its own
        # subject (the asker or a team), so the mention only addressed the bot.
        if intent.name in _ADDRESSED or _FIRST_PERSON.search(rest.low) or "subject" in intent.slots:
            return intent
    doc = analyse(text, today, dmy=dmy)
    return _build(doc, classify(doc))


def _whose(intent: Intent, text: str) -> Intent:
    """A log or undo naming someone else as its doer carries them as the scope (refused)."""
    if intent.name in ("log_activity", "log_deal", "undo") and intent.scope is None:
        doer = owners.doer_named(text, intent.name)
        if doer:
            return replace(intent, scope=doer)
    return intent


def parse(
    text: str, *, today: datetime.date, command: str | None = None, date_order: str = "mdy"
) -> Intent:
    """Parse one message; never raises, whatever the input. `date_order` is the workspace's
    reading of numeric dates: "mdy" (11/27, the default) or "dmy" (27/11, 27.11)."""
    try:
        dmy = date_order == "dmy"
        text = text if isinstance(text, str) else str(text)
        if command:
            if not_for_the_bot(text) == "instruction":
                return Intent("unknown", {}, 0.9, note="instruction")
            admin = admin_settings(text, command) or forecast_history(text, today, command)
            if admin is not None:
                return admin
            implied = IMPLIED.get(key(command))
            # The command stands for a word in front of its text; a bare "/team" is "team".
            doc = analyse(f"{implied} {text}" if implied else text, today, dmy=dmy)
            return _whose(_with_command(doc, classify(doc), command), text)
        note = not_for_the_bot(text) or small_talk(text)
        if note:
            return Intent("unknown", {}, 0.9, note=note)
        # "add Ben to team West": exact sentences only; anything else is read as usual.
        return _whose(
            team_admin(text, None)
            or transfer(text)
            or forecast_history(text, today)
            or _free_text(text, today, dmy),
            text,
        )
    except Exception:  # the contract: any input gives an answer, never a crash
        return Intent("unknown", {}, 0.0)
