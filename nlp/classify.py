"""Decide the intent of a message from its cues, with a calibrated confidence."""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp import corrections, cues
from nlp.accounts import activity_party
from nlp.analysis import Doc
from nlp.crm import CrmLine, crm_line
from nlp.lexicon import PERSONAL
from nlp.metrics import find_metric
from nlp.numbers import WORD_NUMBER
from nlp.periods import DAILY
from nlp.subjects import find_subject
from nlp.zones import city_time, find_zone

_HAS_WORD = re.compile(r"[^\W_]", re.UNICODE)
_NUMBER = re.compile(rf"\d|\b(?:{WORD_NUMBER})\b")
_MY_PERSONAL = re.compile(
    r"\b(?:my|our|his|her)\s+(?:\w+\s+)?(" + "|".join(sorted(PERSONAL)) + r")\b"
)
_BOOKED_ACTIVITY = re.compile(
    r"\bbooked\s+(?:\w+\s+){0,2}(?:meetings?|mtgs?|demos?|calls?)\b"
    r"|\b(?:meetings?|mtgs?|demos?|calls?)\s+booked\b"
)
_QUARTER = re.compile(r"\bq[1-4]\b")
_STAGE_BY_NUMBER = {1: "prospecting", 2: "qualification", 3: "proposal", 4: "negotiation"}
_QUOTA_METRICS = (None, "revenue", "deals", "attainment")
# What the asker (or their team) still needs, whatever the metric: "how many more calls do I
# need today" asks for the pace against the goal, not the count logged ("how did I do on
# calls"). Said of a named person it is left alone: check_quota would answer for the asker.
_STILL_NEEDED = re.compile(
    r"\bhow\s+(?:much|many)\s+more\b[^?.!]{0,40}?\b(?:do|will|would)\s+(?:i|we)\s+need\b"
    r"|\bhow\s+(?:much|many)\b[^?.!]{0,40}?\b(?:(?:do|will|would)\s+(?:i|we)\s+still\s+need"
    r"|(?:have|got)\s+(?:i|we)\s+(?:got\s+)?left|(?:i|we)\s+(?:have|'?ve|got)(?:\s+got)?\s+left)\b"
)
_STAGE_ORDER = ("lost", "negotiation", "proposal", "prospecting", "qualification", "won")


@dataclass(frozen=True)
class Verdict:
    """The intent name and how sure the classifier is."""

    name: str
    confidence: float


def deal_stage(doc: Doc, *, bare: bool = False) -> tuple[str | None, int]:
    """The stage a statement moves a deal to, and where the cue sits (-1 if none)."""
    key = "_stage_bare" if bare else "_stage"
    cached: tuple[str | None, int] | None = doc.__dict__.get(key)
    if cached is None:
        cached = _deal_stage(doc, bare=bare)
        doc.__dict__[key] = cached  # memo on the (frozen) doc: several steps ask
    return cached


def _deal_stage(doc: Doc, *, bare: bool) -> tuple[str | None, int]:
    found: list[tuple[int, str]] = []
    if bare:
        for stage, rx in cues.STAGE_NAMES.items():
            m = rx.search(doc.low)
            if m:
                return stage, m.start()
    for stage in _STAGE_ORDER:
        m = cues.DEAL_STAGE[stage].search(doc.low)
        if m and not (
            stage == "won" and _BOOKED_ACTIVITY.search(doc.low) and "booked" in m.group().lower()
        ):
            found.append((m.start(), stage))
            if stage in ("lost", "negotiation", "proposal", "prospecting"):
                break
    if not found:
        number = cues.STAGE_NUMBER.search(doc.low)
        if number:
            return _STAGE_BY_NUMBER[int(number.group(1) or number.group(2))], number.start()
        return None, -1
    # "closed-lost" beats "closed"; otherwise a specific stage beats the generic won words.
    pos, stage = found[0]
    return stage, pos


def _vetoed(doc: Doc) -> bool:
    """Off-topic or personal words veto a log, but only in the sentence that holds the activity:
    "my laptop died. anyway, had 3 calls with Borealis" is still a log."""
    hits = [m.start() for rx in (cues.NON_SALES, _MY_PERSONAL) for m in rx.finditer(doc.low)]
    if not hits:
        return False
    if not doc.mentions:
        return True
    busy = {doc.sentence_of(m.start) for m in doc.mentions}
    return any(doc.sentence_of(pos) in busy for pos in hits)


def _question(doc: Doc) -> bool:
    return bool(cues.QUESTION.search(doc.low))


def _unknown(doc: Doc) -> Verdict:
    salesy = doc.mentions or cues.DEAL_NOUN.search(doc.low) or cues.TARGET_WORD.search(doc.low)
    # Unsure unknowns (sales words present) are what an LLM fallback is worth asking about.
    return Verdict("unknown", 0.45 if salesy else 0.85)


def _target(doc: Doc, period: str | None, question: bool) -> Verdict | None:
    """set_quota: a target word, a number, and a verb or "=" that assigns it."""
    text = doc.low
    has_number = doc.money or _NUMBER.search(_QUARTER.sub(" ", doc.count_text))
    if not cues.TARGET_WORD.search(text):
        # "set <@U0QR> to 50 calls a day": a daily goal names no target word.
        daily = cues.SET_VERB.match(text) and DAILY.search(text) and doc.mentions
        return Verdict("set_quota", 0.8) if daily and has_number and not question else None
    assigns = cues.SET_VERB.search(text) or cues.TARGET_ASSIGN.search(text)
    if assigns and has_number and not (question and "?" in text):
        return Verdict("set_quota", 0.92 if cues.SET_VERB.search(text) else 0.82)
    if cues.SET_VERB.match(text) and not has_number:
        return Verdict("set_quota", 0.5)  # "set my quota": to what? ask
    explicit = any(m.explicit for m in doc.money)
    if explicit and period and not question and not doc.mentions:
        return Verdict("set_quota", 0.7)  # "team quota next quarter 2.5M": likely, but ask
    return None


def _read(doc: Doc) -> Verdict | None:
    """The question intents whose own vocabulary is unambiguous."""
    text = doc.low
    if cues.WHO_ON_PACE.search(text):
        return Verdict("team_stats", 0.85)
    if cues.FORECAST.search(text) or ("likely" in text and cues.FORECAST_LIKELY.search(text)):
        return Verdict("forecast", 0.88)
    if cues.CHECK_QUOTA.search(text):
        return Verdict("check_quota", 0.88)
    if cues.PIPELINE.search(text):
        return Verdict("pipeline_summary", 0.88)
    if _STILL_NEEDED.search(text):
        return Verdict("check_quota", 0.85)
    if cues.SELF_RESULT.search(text) and find_metric(text) in _QUOTA_METRICS:
        return Verdict("check_quota", 0.85)  # "how did I do on calls" is team_stats
    if cues.TARGET_WORD.search(text) and not doc.money and not doc.mentions:
        return Verdict("check_quota", 0.8)  # "what's my target for this quarter"
    return None


def crm_of(doc: Doc) -> CrmLine | None:
    """The CRM-style reading of the message, computed once."""
    if "_crm" not in doc.__dict__:
        doc.__dict__["_crm"] = crm_line(doc.text)
    found: CrmLine | None = doc.__dict__["_crm"]
    return found


def _deal(doc: Doc, period: str | None, question: bool, subject: str | None) -> Verdict | None:
    """log_deal: a stage statement (before any activity word), a CRM-style line, or an edit of
    a deal's amount, close date or stage."""
    if question:
        return None
    text = doc.low
    crm = crm_of(doc)
    if crm and (crm.stage or any(m.explicit for m in doc.money)):
        return Verdict("log_deal", 0.9 if crm.stage else 0.82)
    stage, stage_pos = deal_stage(doc)
    edit = cues.DEAL_EDIT.search(text)
    if edit and not doc.mentions and (doc.money or stage or doc.close_dates()):
        return Verdict("log_deal", 0.85)
    now = cues.NOW_AT.search(text)
    if now and not doc.mentions and any(m.explicit and m.start == now.end() for m in doc.money):
        return Verdict("log_deal", 0.85)
    was = corrections.DEAL_WAS.search(text) if corrections.AMOUNT_FIX.search(text) else None
    if was and not doc.mentions and any(m.explicit and m.start == was.end() for m in doc.money):
        return Verdict("log_deal", 0.85)
    if stage:
        first_activity = doc.mentions[0].start if doc.mentions else len(text)
        has_amount = any(m.explicit for m in doc.money)
        # "West deals closed last month" reads numbers; it moves no deal.
        if not (period and not has_amount and subject) and stage_pos <= first_activity:
            return Verdict("log_deal", 0.9)
    logs_deal = cues.DEAL_NOUN.search(text) and (
        cues.LOG_REQUEST.search(text) or cues.LOG_PREFIX.search(text)
    )
    if (cues.DEAL_UPDATE.search(text) or logs_deal) and doc.money:
        return Verdict("log_deal", 0.85)
    # "closing 25k today" may mean won: only a close still ahead is an open forecast.
    forecast = cues.CLOSING_FORECAST.search(text) and any(m.explicit for m in doc.money)
    if forecast and all(hit.value > doc.today for hit in doc.close_dates()):
        return Verdict("log_deal", 0.8)
    return None


def moved_to(low: str) -> str | None:
    """The zone of the place in "I moved to Berlin" (a known zone only), or None."""
    m = cues.MOVED.search(low)
    return find_zone(low[m.end() : m.end() + 40]) if m else None


def _asks_about(doc: Doc, subject: str) -> bool:
    """Activity nouns after a team's name with no count and no verb: numbers asked about."""
    if _NUMBER.search(doc.count_text) or cues.PAST.search(doc.low.replace("yesterday", "")):
        return False
    nouns = all(doc.low[m.start : m.end].endswith("s") for m in doc.mentions)
    return nouns and doc.low.startswith(subject.lower()) and not cues.LOG_PREFIX.search(doc.low)


def _stats_or_log(doc: Doc, period: str | None, question: bool, subject: str | None) -> Verdict:
    """team_stats for numbers about someone, log_activity for activity reported, else unknown."""
    text = doc.low
    team_cue = bool(cues.TEAM_STATS.search(text))
    stage, _ = deal_stage(doc)
    if subject and period and doc.mentions and _asks_about(doc, subject):
        return Verdict("team_stats", 0.8)  # "EMEA calls last week": a team, a metric, a period
    if subject and (team_cue or period or question):
        # "2 calls w/ US Bank yesterday" is a log whose account merely looks like a team.
        logged = doc.mentions and not question and not team_cue
        if not (logged and activity_party(doc).account):
            return Verdict("team_stats", 0.85)
    if team_cue and (question or (period and not doc.mentions and not stage)):
        return Verdict("team_stats", 0.75)
    if team_cue and not doc.mentions and not stage and not doc.money:
        return Verdict("team_stats", 0.7)
    if period and cues.READ_NOUN.match(text) and not _NUMBER.search(doc.count_text):
        return Verdict("team_stats", 0.75)  # "my calls this week" asks; "12 calls today" logs
    if not doc.mentions or cues.NEGATED.search(text):
        return _unknown(doc)  # "didn't get to call Acme": nothing happened to log
    requested = cues.LOG_REQUEST.search(text) or cues.LOG_PREFIX.search(text)
    if question and not requested:
        return _unknown(doc)
    if cues.FUTURE.search(text) and not cues.PAST.search(text) and not requested:
        return _unknown(doc)
    return Verdict("log_activity", 0.8)


def classify(doc: Doc) -> Verdict:
    """Pick the intent; write intents get confidence >= 0.8 only on strong evidence."""
    text = doc.low
    if cues.is_help(text):
        return Verdict("help", 0.9)
    if not _HAS_WORD.search(text):
        return Verdict("unknown", 0.95)
    if cues.is_undo(text):
        return Verdict("undo", 0.93 if len(text) < 60 else 0.8)
    if cues.TZ_WORD.search(text) or cues.NUDGE.search(text) or city_time(text) or moved_to(text):
        return Verdict("settings", 0.9)
    if cues.OFF_TOPIC.search(text):
        return _unknown(doc)
    period = doc.period
    question = _question(doc)
    if cues.LEADERBOARD.search(text):
        return Verdict("leaderboard", 0.9)
    verdict = _target(doc, period, question) or _read(doc)
    if verdict:
        return verdict
    if _vetoed(doc):
        return _unknown(doc)
    subject = find_subject(doc.text, we_is_team=False)
    return _deal(doc, period, question, subject) or _stats_or_log(doc, period, question, subject)
