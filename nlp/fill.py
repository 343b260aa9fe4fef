"""Slot filling for each intent once the classifier has chosen it."""

from __future__ import annotations

import re
from typing import Any, Final

from nlp import cues
from nlp.accounts import Party, activity_party, deal_party
from nlp.activities import extract_items
from nlp.amounts import MAX_AMOUNT, Money, as_number
from nlp.analysis import Doc
from nlp.classify import crm_of, deal_stage, moved_to
from nlp.dates import DateHit
from nlp.deals import deal_name, without_fields
from nlp.metrics import find_metric, target_metric
from nlp.numbers import WORD_NUMBER, word_to_int
from nlp.plans import planned_slots
from nlp.reasons import lost_reason
from nlp.subjects import find_subject
from nlp.text import CLAUSE_BREAK, mask
from nlp.zones import city_time, find_time, find_zone

_CLOSE_CUE: Final = re.compile(
    r"\b(?:clos(?:e|es|ing)|close[\s-]?date|expected|expect|eta|target(?:ing)?|to\s+sign|signing"
    r"|land(?:s|ing)?|decision)\b[\s:\-]*(?:date\s*)?(?:on|by|for|around|to|is(?:\s+now)?|now|=)?"
    r"\s*$"
    r"|\b(?:pushed|slipped|slid|moved|delayed|pulled\s+in|pulled\s+forward|bumped|changed"
    r"|updated|set)\s+(?:out\s+|back\s+|up\s+)?(?:to|into|until|till)?\s*$"
)
_FORWARD_ONLY: Final = re.compile(
    r"^(?:by\s+)?(?:the\s+)?(?:end|eo[mqyw]|next|in\s|tomorrow|tmrw|coming)"
)
_TARGET_NUM: Final = re.compile(
    r"(?<![\w.,])(?<!week )(?<!wk )(?<!week #)(?<!stage )(?<!tier )"  # "for week 2": no target
    rf"(\d[\d,]*(?:\.\d+)?)(?![\w.,%])|\b({WORD_NUMBER})\b"
)
Slots = dict[str, Any]
_DANGLING: Final = re.compile(r"(?:\s+(?:for|at|with|of|to|on|in|and|but|by|around|~))+$")
_CLOSED_VIEW: Final = re.compile(
    r"\b(?:(closed[\s-]?lost|lost|lose|losing|losses|loss\s+reasons?|dead)|closed[\s-]?won|won|wins)\b"
)
# Reads about what is still to come: a month or quarter named alone is the nearest one.
_AHEAD_READS: Final = frozenset({"pipeline_summary", "forecast"})


def _amount(doc: Doc) -> Money | None:
    """The deal's amount as written: "$-5k" stays negative, "$1e9" a billion, for the
    handler to judge; "$NaN" is no amount (sanity notes it)."""
    readable = [m for m in doc.money if m.readable]
    explicit = [m for m in readable if m.explicit]
    if explicit:
        return explicit[0]
    plain = [m for m in readable if abs(m.value) >= 100 or "," in doc.text[m.start : m.end]]
    return plain[0] if plain else None


def _close_date(doc: Doc, closed: bool) -> str | None:
    """A close date said with a close word (or a forward phrase for an open deal: a won or
    lost deal's "till next year" is no close date)."""
    for hit in doc.close_dates():
        before = doc.low[max(0, hit.start - 30) : hit.start]
        phrase = doc.low[hit.start : hit.end]
        if _CLOSE_CUE.search(before) or (_FORWARD_ONLY.match(phrase) and not closed):
            return hit.value.isoformat()
    return None


def _planned(doc: Doc, pos: int) -> bool:
    sentence = doc.sentence_of(pos)
    return any(doc.sentence_of(m.start()) == sentence for m in cues.PLANNED.finditer(doc.low))


def _dated(doc: Doc, pos: int, hits: list[DateHit]) -> bool:
    """Whether a date of `hits` shares a clause with the word at `pos`."""
    return any(not CLAUSE_BREAK.search(doc.low, min(pos, d.start), max(pos, d.start)) for d in hits)


def log_activity(doc: Doc, *, leading_name: bool = False) -> tuple[Slots, float, Slots | None]:
    """Items, account, contact, date (default today) and duration of an activity log, and the
    log_activity slots of what is booked ahead (Intent.planned), if anything is."""
    # "Call w/ Acme. They want a demo next week.": the demo is a plan, not a log.
    done = [m for m in doc.mentions if not _planned(doc, m.start)]
    party = activity_party(doc, leading_name=leading_name)
    if not done and not cues.PAST.search(doc.low):
        # "Acme wants a demo next week": only plans, nothing done
        return {"items": []}, 0.0, planned_slots(doc, doc.mentions, party)
    plan = [m for m in doc.mentions if m not in done] if done else []
    done = done or doc.mentions
    past = [d for d in doc.dates if d.value <= doc.today]
    ahead = [d for d in doc.dates if d.value > doc.today]
    if ahead:
        # "booked a demo for next Thursday": an activity is something done (contract v2);
        # what shares a clause with a future date (and no past one) is a plan.
        later = [m for m in done if _dated(doc, m.start, ahead) and not _dated(doc, m.start, past)]
        if not past and not cues.PAST.search(doc.low):
            later = done  # a plan alone is no log
        done = [m for m in done if m not in later]
        plan += later
    planned = planned_slots(doc, plan, party)
    items, stated = extract_items(doc.count_text, done, doc.counted)
    slots: Slots = {"items": items}
    if party.account:
        slots["account"] = party.account
    if party.contact:
        slots["contact"] = party.contact
    slots["date"] = (past[0].value if past else doc.today).isoformat()
    if doc.durations:
        slots["duration_min"] = doc.durations[0].minutes
    evidence = 0.62
    if party.account:
        evidence += 0.2
    # A stated number is evidence; "a"/"an" alone is just grammar.
    if stated:
        evidence += 0.15
    if doc.dates or doc.durations or cues.PAST.search(doc.low) or cues.LOG_PREFIX.search(doc.low):
        evidence += 0.1
    if not items:
        evidence = 0.3
    if ahead and (not past or planned):
        evidence = min(evidence, 0.7)  # done beside a plan ("called Acme, demo Friday"): ask
    if len({d.value for d in past}) > 1:
        # "2 emails yday, 3 calls today": one log has one day, so saying it back asks first.
        evidence = min(evidence, 0.6)
    if not doc.dates and doc.period not in (None, "today"):
        # "5 calls last week" names no day; logging them today would be wrong: ask.
        evidence = min(evidence, 0.6)
    # Confidence is the evidence found: an account, a number, a time reference.
    return slots, min(0.97, evidence), planned


def log_deal(doc: Doc, confidence: float, *, leading_name: bool = False) -> tuple[Slots, float]:
    """Account, amount, currency, stage and close date of a deal update."""
    slots: Slots = {}
    party = deal_party(doc, exclude=frozenset({"team"}), leading_name=leading_name)
    crm = crm_of(doc)
    if crm:
        party = Party(crm.account, None)
    if party.account:
        party = Party(without_fields(party.account), None)
        slots["account"] = party.account
    money = _amount(doc)
    if money:
        slots["amount"] = as_number(money.value)
        if money.currency:
            slots["currency"] = money.currency
    stage, _ = deal_stage(doc)
    if crm and crm.stage:
        stage = crm.stage
    if stage is None and leading_name:
        stage, _ = deal_stage(doc, bare=True)
    if stage:
        slots["stage"] = stage
    named = deal_name(doc, party.account) if party.account and stage == "prospecting" else None
    if named:
        slots["deal_name"] = named  # beyond the contract: which of the account's deals
    close = _close_date(doc, stage in ("won", "lost"))
    if stage in ("won", "lost") and not close:
        # "closed Initech yesterday": the day it closed, so it counts in that day's month.
        close = next((d.value.isoformat() for d in doc.dates if d.value < doc.today), None)
    if close:
        slots["close_date"] = close
    if stage == "lost":
        reason = _lost_reason(doc, party.account)
        if reason:
            slots["lost_reason"] = reason
    if not party.account and not money:
        return {}, -1.0  # "i lost my badge": a stage word with nothing to apply it to
    if not party.account:
        confidence = min(confidence, 0.55)
    elif not stage and not money and not close:
        confidence = min(confidence, 0.6)
    elif money and stage:
        confidence = min(0.97, confidence + 0.04)
    # "-$24k", "$0", "$0.001" (0 once in cents): kept as written, and asked about.
    if any(m.value < 0 for m in doc.money) or (money and slots["amount"] <= 0):
        confidence = min(confidence, 0.5)
    return slots, confidence


def _lost_reason(doc: Doc, account: str | None) -> str | None:
    cue = cues.DEAL_STAGE["lost"].search(doc.low)
    after = cue.end() if cue else 0
    if account and account in doc.text:
        after = max(after, doc.text.index(account) + len(account))
    # Amounts and dates are blanked: "lost Hooli, 40k" gives no reason.
    spans = [(m.start, m.end) for m in doc.money] + [(d.start, d.end) for d in doc.dates]
    reason = lost_reason(mask(doc.text, spans, "\x00"), after)
    reason = reason.split("\x00")[0].strip(" ,;:-") if reason else None
    return _DANGLING.sub("", reason) if reason else None


def _target(doc: Doc) -> int | float | None:
    explicit = [m for m in doc.money if m.explicit and m.readable]
    if explicit:
        return as_number(explicit[0].value)
    for m in _TARGET_NUM.finditer(doc.count_text):
        if m.group(1):
            value = float(m.group(1).replace(",", ""))
            return as_number(value) if 0 < value <= MAX_AMOUNT else None
        n = word_to_int(m.group(2))
        if n:
            return n
    return None


def set_quota(doc: Doc, confidence: float) -> tuple[Slots, float]:
    """Subject, metric, target and period of a target being set."""
    slots: Slots = {}
    subject = find_subject(doc.text)
    if subject:
        slots["subject"] = subject
    slots["metric"] = target_metric(doc.low)
    target = _target(doc)
    if target is not None:
        slots["target"] = target  # as written: "-50k" is for the handler to refuse
    if target is None or target <= 0:
        confidence = min(confidence, 0.5)
    period = doc.period_for("ahead")
    if period:
        slots["period"] = period
    return slots, confidence


def settings(doc: Doc, confidence: float) -> tuple[Slots, float]:
    """Which setting changes and its new value."""
    text = doc.low
    moved = moved_to(text)
    if moved and not cues.TZ_WORD.search(text):
        return {"setting": "timezone", "value": moved}, min(confidence, 0.7)  # ask: a new home?
    if (cues.TZ_WORD.search(text) or city_time(text)) and not cues.NUDGE.search(text):
        zone = find_zone(text)
        if zone:
            return {"setting": "timezone", "value": zone}, confidence
        if cues.QUESTION.search(text):
            return {}, max(confidence, 0.8)  # "what's my timezone?": shows the settings
        # "change my time zone": which one is not said; the handler asks (Intent.is_write).
        return {"setting": "timezone"}, 0.5
    clock = find_time(text)
    if clock:
        return {"setting": "nudge_time", "value": clock}, confidence
    on = cues.NUDGE_ON.search(text)
    off = cues.NUDGE_OFF.search(text)
    if off and not (on and on.start() > off.start() and on.group().lower() != "on"):
        return {"setting": "nudges_off"}, confidence
    if on:
        return {"setting": "nudges_on"}, confidence
    if cues.NUDGE_SHIFT.search(text):
        return {"setting": "nudge_time"}, 0.5  # "can the reminder come later?": to when? ask
    return {}, 0.4


def read(doc: Doc, name: str) -> Slots:
    """Subject, period and (for team stats and leaderboards) metric of a question."""
    slots: Slots = {}
    if name != "leaderboard":
        subject = find_subject(doc.text)
        if subject:
            slots["subject"] = subject
    period = doc.period_for("near" if name in _AHEAD_READS else "past")
    if period:
        slots["period"] = period
    if name in ("team_stats", "leaderboard"):
        metric = find_metric(doc.low)
        if metric:
            slots["metric"] = metric
    closed = _CLOSED_VIEW.search(doc.low) if name == "pipeline_summary" else None
    if closed:
        # Beyond the contract: "/pipeline lost this quarter" asks for the lost deals (and
        # their reasons), "/pipeline won" for the won ones; open stages stay the pipeline.
        slots["stage"] = "lost" if closed.group(1) else "won"
    return slots
