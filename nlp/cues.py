"""Precompiled cue patterns: the words and phrasings that signal each intent."""

from __future__ import annotations

import re
from typing import Final


def _rx(pattern: str) -> re.Pattern[str]:
    # Cues run on the lower-cased message: case-sensitive matching is 2-3x faster.
    return re.compile(pattern)


# Chatter around a bare command: "hey quotabot, help thx", "ok so undo 🙏".
LEAD: Final = (
    r"^[^\w]*(?:(?:hey|hi|hello|yo|ok|okay|so|fyi|um|uh|quotabot|bot|pls|please)[\s,!:.]+)*"
)
TAIL: Final = r"(?:[\s,]+(?:thx|thanks|thank\s+you|pls|please|ty|lol))?[\s!?.]*[^\w\s]*\s*$"
QUOTA_WORD: Final = r"(?:quota|qouta|quoata|quotas|qota|qutoa|quata|quoat|qoutas)"
QUESTION: Final = _rx(
    r"\?|^\s*(?:how|what|whats|what's|wat|who|whos|who's|which|where|wheres|where's|when|why"
    r"|am|are|is|can|could|show|list|give|tell|pull|get|display|any)\b"
    r"|^\s*(?:did|do|does|have|has|was|were)\s+(?:i|we|you|u|the|my|our|he|she|they|anyone|<@)"
)
# Whole-message forms are tried only at the start (`match`): scanning for them is slow.
_UNDO_WHOLE: Final = _rx(
    rf"{LEAD}undo\b|{LEAD}(?:cancel|revert|undo|delete|remove)\s*(?:that|it|this)?\s*[.!]*{TAIL}"
)
_UNDO_ANY: Final = _rx(
    r"\bundo\s+(?:that|this|it|last|my|the)\b|\bscratch\s+that\b"
    r"|\b(?:delete|remove|revert|cancel|erase|drop|take\s+back|undo)\s+(?:my\s+|the\s+|that\s+)?"
    r"(?:last|latest|previous|most\s+recent)\b|\b(?:remove|delete|take)\s+(?:that|it)\s+(?:back|out)\b"
    r"|\b(?:that|last)\s+(?:log|entry)\s+was\s+(?:wrong|a\s+mistake)\b|\bundo\s*[!.]*$"
    r"|\b(?:nvm|nevermind|never\s+mind)\b.{0,20}\b(?:last|that)\b|\b(?:remove|delete)\s+(?:it|that|this)\b"
    r"|\bctrl[- ]?z\b|\b(?:logged|entered|added|put)\s+(?:that|it|this)\s+(?:in\s+)?by\s+mistake\b"
    r"|\bwrong\s+entry\b|^\s*↩\ufe0f?\s*$"
)
_HELP_WHOLE: Final = _rx(
    rf"{LEAD}(?:help|halp|commands|usage|menu|\?+|h)\s*[!?.]*{TAIL}"
    rf"|{LEAD}(?:examples?|tutorial|guide|docs|faq|instructions)\s*[?!.]*{TAIL}"
)
_HELP_ANY: Final = _rx(
    r"\bwhat\s+(?:can|do)\s+(?:you|u)\s+do\b"
    r"|\bwhat\s+can\s+i\s+(?:ask|say|type|do)\b|\bwhat\s+(?:are\s+)?(?:the|your)\s+commands\b"
    r"|\bhow\s+(?:does|do)\s+(?:this|the|you|it)\s*(?:bot|thing|app)?\s*work\b|\bhelp\s+me\s+out\b"
    r"|\bhow\s+(?:do|can|should|would)\s+(?:i|we|u)\s+(?:use\s+(?:this|you|the\s+bot)|log|record"
    r"|add|enter|track|undo|set|change|see|check|view|update|report|turn|stop|get)\b"
    r"|\b(?:list|show)\s+(?:of\s+)?commands\b|\bneed\s+help\b|\bhow\s+to\s+use\b|\bhelp\s+pls\b"
    r"|\bwhat\s+(?:does|is)\s+(?:this|quotabot)\s+(?:bot\s+)?(?:do|for)\b"
    r"|\bwhat\s+(?:can|does)\s+(?:this\s+bot|this\s+thing|it|quotabot)\s+do\b"
    r"|\b(?:i'?m|im)\s+(?:confused|lost|stuck)\s*[.!?]*$|\bwhat\s+is\s+(?:this\s+bot|quotabot)\b"
    r"|\bwho\s+are\s+you\b|\bwhat\s+(?:you|u)\s+can\s+do\b"
    r"|\bwhat\s+(?:sort|sorts|kind|kinds|type|types)\s+of\s+(?:things|stuff|questions|commands)\b"
    r"|\bwhat\s+(?:can|should|could)\s+i\s+ask\b|\bwhat\s+are\s+you\s+(?:for|able\s+to\s+do)\b"
    r"|\bwhat\s+(?:commands|features)\b|\bwhat\s+(?:do|does|can)\s+(?:you|this\s+bot|quotabot)"
    r"\s+(?:support|understand|know|handle)\b"
)


def is_help(low: str) -> bool:
    """Asks what the bot can do or how to use it."""
    return bool(_HELP_WHOLE.match(low) or _HELP_ANY.search(low))


def is_undo(low: str) -> bool:
    """Takes back the last log."""
    return bool(_UNDO_WHOLE.match(low) or _UNDO_ANY.search(low))


NUDGE: Final = _rx(
    r"\b(?:nudg\w*|reminders|daily\s+reminder|reminder\s+time|notifications?|pings|pinging\s+me"
    r"|daily\s+ping|the\s+ping)\b"
    r"|\bremind(?:ing|s)?\s+me\s+(?:every|each|daily)\b|\bstop\s+reminding\b"
    r"|\bping\s+me\s+(?:at|@)\s*\d|\b(?:the|my|that|this|your)\s+(?:daily\s+)?reminders?\b"
    r"|\bremind(?:ers?)?\s+(?:me\s+)?(?:daily\s+|every\s+(?:day|morning|afternoon|evening)\s+"
    r"|each\s+day\s+)?(?:at|@)\s*\d"
)
NUDGE_OFF: Final = _rx(
    r"\b(?:stop|quit|turn\s+off|switch\s+off|shut\s+off|disable|mute|pause|silence|quiet|no\s+more"
    r"|unsubscribe|don'?t|do\s+not|dont|cancel|kill|opt\s+out|snooze|off)\b"
)
NUDGE_ON: Final = _rx(
    r"\b(?:turn\s+(?:\w+\s+){0,2}on|switch\s+(?:\w+\s+){0,2}on|back\s+on|on\s+again|enable|resume"
    r"|unmute|restart|re-?enable|start|opt\s+(?:back\s+)?in|on)\b"
)
TZ_WORD: Final = _rx(
    r"\b(?:tz|timezone|time\s*zone|time-zone)\b|\b(?:pacific|eastern|central|mountain)\s+time\b"
    r"|\b(?:i'?m|i\s+am|now)\s+(?:in|on)\s+(?:pst|pdt|est|edt|cst|cdt|mst|mdt|pt|et|ct|mt|gmt|utc"
    r"|cet|cest|bst|ist|jst|aest)\b"
)
# "I moved to Berlin": a new home, so (if the place is a known zone) a new time zone.
MOVED: Final = _rx(
    r"^\s*(?:just\s+|recently\s+)?(?:moved|relocated)\s+(?:over\s+)?to\s+(?=[a-z])|\b(?:i|i'?ve|i'?m|im|we|we'?ve|we'?re)\s+(?:just\s+|recently\s+|finally\s+|now\s+)?"
    r"(?:moved|relocated|relocating|moving|am\s+moving|am\s+relocating|live|living|based|am\s+based"
    r"|work(?:ing)?\s+from)\s+(?:over\s+)?(?:to|in)\s+(?:the\s+)?(?=[a-z])"
)
# Moving the nudge without a time: "can the reminder come later?".
NUDGE_SHIFT: Final = _rx(
    r"\b(?:later|earlier|another\s+time|different\s+time|move|moved|change\s+the\s+time"
    r"|reschedule|push\s+back|sooner)\b"
)
SET_VERB: Final = _rx(r"\b(?:set|make|change|update|put|bump|raise|lower|adjust|assign|give)\b")
TARGET_WORD: Final = _rx(rf"\b(?:{QUOTA_WORD}|targets?|goals?)\b|\bmy\s+number\b")
TARGET_ASSIGN: Final = _rx(
    rf"\b(?:{QUOTA_WORD}|targets?|goals?|my\s+number)\b[^?]{{0,40}}?(?:[:=]|\bto\b|\bat\b|\bof\b|\bis\b"
    rf"|\bshould\s+be\b)"
    rf"|\b(?:{QUOTA_WORD}|targets?|goals?)\s*[:=]?\s*[$€£¥]?\d"
)
CHECK_QUOTA: Final = _rx(
    rf"\b{QUOTA_WORD}\b|\battainment\b|\battain\b|\bmy\s+(?:number|#)\b|\b%\s*(?:to|of)\s+(?:plan|goal|target)\b"
    r"|\bon\s+track\b|\btracking\b|\bhit\s+(?:my\s+)?(?:number|target|goal)\b|\bto\s+plan\b"
    r"|\bwhere\s+(?:do|am)\s+i\s+(?:stand|at)\b|\b(?:vs\.?|versus|against|to)\s+(?:my\s+)?(?:target|goal|plan)\b"
)
# "which deals are likely to close": a forecast asked without the word (tried only when the
# message says "likely").
FORECAST_LIKELY: Final = _rx(
    r"\b(?:which|what|how\s+much|how\s+many|anything)\b.{0,30}\blikely\s+to\s+(?:close|land"
    r"|sign|come\s+in|book)\b"
)
# The asker's own results, asked without the word quota: "how am I doing this week?".
SELF_RESULT: Final = _rx(
    r"\b(?:what'?s|whats|what\s+is|how'?s)\s+my\s+pace\b|"
    r"\bhow\s+(?:am|did|have|was)\s+i\s+(?:doing|do|done|been\s+doing|fare|faring|tracking"
    r"|pacing|trending)\b|\bhow'?s\s+my\s+(?:week|month|quarter|year|day)\b"
    r"|\bam\s+i\s+(?:on\s+pace|behind|ahead|going\s+to\s+make\s+it|gonna\s+make\s+it)\b"
    r"|\bhow\s+far\s+(?:behind|ahead|off|away)\s+(?:am\s+i|i\s+am|i'?m)\b"
    r"|\bhow\s+much\s+(?:more\s+)?(?:do|will|would)\s+i\s+(?:still\s+)?need\b"
)
# "who's on pace?" asks about the team, though "on track" alone is the asker's quota.
WHO_ON_PACE: Final = _rx(
    r"\bwho(?:'?s|\s+is|\s+are)\s+(?:(?:still|actually|currently)\s+)?(?:on\s+(?:pace|track|plan"
    r"|target)|(?:the\s+)?(?:furthest|farthest|most|way)?\s*behind(?!\s+on\s+quota)|at\s+risk|off\s+(?:pace|track)"
    r"|(?:going\s+to|gonna|likely\s+to)\s+miss|missing)\b"
    r"|\bwho\s+(?:logged|did|has\s+logged|has\s+done|made)\s+(?:nothing|no\s+\w+|zero)\b"
)
FORECAST: Final = _rx(
    r"\bforecast\w*|\bfor(?:e?cast|cats|ecst|ceast)\w*|(?<!verbally\s)(?<!verbal\s)\bcommit(?:s|ted|ting)?\b|\bbest[\s-]case\b|\bweighted\b|\bexpected\s+(?:revenue|bookings|close(?!\s+(?:date\s+)?(?:is\s+|of\s+|on\s+|:\s*)?(?:\d|next"
    r"|end|eo[mqy]|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|q[1-4]\b)))"
    r"|\bproject(?:ed|ion|ions|ing)\b|\b(?:gonna|going\s+to|will\s+(?:i|we))\s+(?:land|close|bring\s+in)"
    r"|\bexpect(?:ed|ing)?\s+to\s+bring\s+in\b|\bon\s+track\s+to\s+close\b"
    r"|\bland\s+this\b|\bupside\b|\bcall\s+for\s+the\s+(?:quarter|month)\b"
)
PIPELINE: Final = _rx(
    r"\bpipe(?:line)?s?\b|\bpip(?:e?lin|leline|ieline|elin)e?s?\b|\bopen\s+(?:opps?|deals?|opportunities)\b|\bby\s+stage\b|\bfunnel\b"
    r"|\bstatus\s+of\b.{0,40}\b(?:deal|opp|opportunity)\b|\b(?:deal|opp)\s+status\b"
    r"|\b(?:biggest|largest|top)\s+(?:\d+\s+)?(?:open\s+)?(?:deals|opps|opportunities)\b"
    r"|\b(?:what'?s|whats|what\s+is|what\s+deals?\s+(?:are|is)|deals?|opps?|anything)"
    r"\s+(?:is\s+|are\s+)?closing\b"
    r"|\b(?:opps?|deals?|opportunities)\s+(?:do\s+)?(?:i|we)\s+(?:have|got)\b|\bmy\s+(?:opps|deals|opportunities)\b"
    r"|\b(?:deals?|opps?)\s+(?:in|at)\s+(?:negotiation|proposal|legal|qualification|prospecting)\b"
    r"|\b(?:what'?s|whats|what\s+is|what|anything|how\s+much|how\s+many)\s+(?:\w+\s+){0,2}?"
    r"(?:in|at)\s+(?:legal|negotiation|proposal|qualification|prospecting|discovery|procurement"
    r"|contracting|redlines)\b|\bin\s+(?:proposal|negotiation|qualification|prospecting)\s+stage\b"
    r"|\b(?:stale|stuck|aging|old|slipping|stalled)\s+(?:deals|opps|opportunities)\b"
    # The closed views and coverage: "lost deals this quarter", "why did we lose", "my coverage"
    r"|\bloss\s+reasons?\b|\bwhy\s+(?:did\s+|do\s+|are\s+|am\s+|have\s+)?(?:we|i)\s+(?:lose|losing|lost)\b"
    r"|^(?:show\s+(?:me\s+)?)?(?:my\s+|our\s+|the\s+)?(?:lost|won|closed[\s-]?(?:lost|won))"
    r"\s+(?:deals|opps)\b|\b(?:my|our|pipe(?:line)?)\s+coverage\b"
)
LEADERBOARD: Final = _rx(
    r"\bleader\s?boards?\b|\bleader\s?bo?a?rd\b|\bleaderbaord\b|\bstandings?\b|\brank(?:ing|ings|ed)?\b|\bscoreboard\b"
    r"|\bwho(?:'?s|\s+is|\s+was|\s+are)?\s+(?:on\s+)?(?:top|#\s?1|number\s+(?:one|1)|first|winning|leading|ahead|ahead|crushing|killing)"
    r"|\bwho(?:'?s|\s+is|\s+has|\s+had)?\s+(?:\w+\s+){0,2}(?:the\s+)?most\b|\btop\s+(?:\d+\s+|ten\s+|five\s+|three\s+)?(?:reps|callers|sellers|performers|closers|people|dialers|producers)\b"
    r"|\bwho\s+(?:has|had|have)\s+the\s+(?:most|highest|best)\b|\bbest\s+reps?\b"
    r"|\bwhich\s+(?:rep|reps|person|people|seller|sellers|ae|aes|sdr|sdrs|bdr|bdrs)\b.{0,40}"
    r"\b(?:most|highest|best|fewest|least|lowest|top)\b"
    r"|\b(?:top|bottom)\s+(?:\d{1,2}|ten|five|three)\s+(?:\w+\s+)?(?:by|in|on|for)\s+\w"
)
TEAM_STATS: Final = _rx(
    r"\bstats\b|\bstatistics\b|\bactivity\b|\bactivities\b|\bactive\b|\bvolume\b|\bnumbers\b"
    r"|\bhow(?:'?s|\s+is|\s+are|\s+did|\s+was)\s+.{0,30}\b(?:doing|do|going|tracking|performing)\b"
    r"|\bhow\s+many\b|\b#\s*of\b|\bnumber\s+of\b|\bwhat\s+did\b.{0,40}\bdo\b|\btotal\b|\breport\b"
    r"|\brevenue\b|\bbookings\b|\bresults\b|\bperformance\b|\boutput\b|\bproductivity\b"
    r"|\bwho\s+(?:has(?:n'?t)?|did(?:n'?t)?|hasn'?t|didn'?t)\s+(?:logged|log|made|done|called)\b"
    r"|\baverage\b|\bavg\b|\bdeal\s+size\b"
    r"|\bwho(?:'?s|\s+is|\s+are)\s+(?:falling\s+|running\s+)?(?:behind|lagging|slipping)\b"
    r"|\bwho(?:'?s|\s+is|\s+are)\s+(?:off|not\s+on)\s+(?:pace|track)\b|\bwho\s+needs?\s+help\b"
    r"|\bwhat\s+(?:did|have)\s+(?:i|we)\s+(?:close|closed|win|won|sign|signed|book|booked)\b"
    r"|^(?:my|our)\s+wins\b"
    r"|\bhow\s+much\b|\bwin\s+rate\b|\bclose\s+rate\b|\bconversion\b|\bwhat\s+did\s+i\s+log\b"
)
# A deal moved to a stage, written as a statement ("closed X", "X signed", "sent a quote").
DEAL_STAGE: Final = {
    "lost": _rx(
        r"\bclosed[\s-]?lost\b|\blost\b|\bdead\b|\bwent\s+(?:with|w/)\s+(?:a\s+|another\s+|the\s+)?competi\w*"
        r"|\b(?:chose|picked|selected|signed\s+with|went\s+(?:with|w/))\s+(?:a\s+|another\s+|the\s+)?"
        r"(?:competi\w*|vendor|someone\s+else|other\s+vendor)|\bpassed\s+on\s+us\b|\bno[\s-]go\b"
        r"|\bfell\s+through\b|\bchurned\b"
        # "Acme went with HubSpot": a rival named (not "went with us", "the annual plan").
        r"|\bwent\s+(?:with|w/)\s+(?!(?:us|our|me|my|the|a|an|it|that|this|annual|monthly|yearly"
        r"|option|plan|tier)\b)[a-z][\w.-]*\b(?!\s+(?:plan|tier|package|option|edition|bundle"
        r"|licen[sc]es?|seats|pricing|deal|contract)\b)"
    ),
    "won": _rx(
        r"\bclosed[\s-]?won\b|\bclosed\b|\bsigned\b|\bbooked\b|\bwon\b|\binked\b|\blanded\b|\bbagged\b"
        r"|\bgot\s+the\s+(?:signature|deal|contract|po)\b|\bcontract\s+(?:is\s+)?signed\b|\bcame\s+in\b"
        r"|\bcounter-?signed\b|\bexecuted\b|\brenewed\b|\bpo\s+(?:received|signed|is\s+in)\b"
        r"|\breceived\s+(?:the\s+)?po\b"
        # "POC converted to paid", "trial converted": a conversion is a win.
        r"|\b(?:poc|pilot|trial|proof\s+of\s+concept)\s+(?:\w+\s+)?convert(?:ed|s)\b"
        r"|\bconverted\s+(?:to\s+)?(?:paid|a\s+(?:paying\s+)?customer|customer|contract|annual)\b"
    ),
    "proposal": _rx(
        r"\bsent\s+(?:\S+\s+){0,5}?(?:a\s+|the\s+|our\s+)?(?:proposal|quote|pricing|price)\b"
        r"|\b(?:proposal|quote|pricing)\s+(?:sent|out|delivered)\b|\bto\s+proposal\b|\bproposal\s+stage\b"
        r"|\bquoted\b|\bsent\s+(?:over\s+)?(?:an?\s+)?(?:proposal|quote|order\s+form\s+draft)\b"
    ),
    "prospecting": _rx(
        r"\bnew\s+(?:opp|opps|opportunity|deal|lead|prospect)\b|\bto\s+prospecting\b"
        r"|\b(?:opened|open|created?|add(?:ed)?)\s+(?:a\s+|an\s+)?(?:new\s+)?(?:opp|opportunity|deal)\b"
        r"|\blog(?:ged)?\s+(?:a\s+)?new\s+(?:opp|opportunity|deal)\b|\bnew\s+biz\s+opp\b"
    ),
    "qualification": _rx(
        r"\bqualified\b|\bqualification\b|\bqual'?d\b|\bto\s+qual\b|\bin\s+discovery\b"
    ),
    "negotiation": _rx(
        r"\bnegotiat\w*|\bin\s+legal\b|\blegal\s+review\b|\bredlin\w*|\bprocurement\b"
        r"|\bverbal(?:ly)?\s+(?:agreed|commit\w*|yes|ok)\b|\b(?:out|sent)\s+for\s+signature\b"
        r"|\bsent\s+(?:\S+\s+){0,5}?(?:the\s+|our\s+)?(?:contract|msa|order\s+form|sow|paperwork)\b"
        r"|\bcontract\s+review\b|\bin\s+contracting\b|\bmsa\s+review\b|\bwith\s+legal\b"
    ),
}
# Stage names written bare, trusted only after /deal ("/deal Acme 20k proposal").
STAGE_NAMES: Final = {
    "prospecting": _rx(r"\bprospect(?:ing)?\b|^\s*new\b"),
    "qualification": _rx(r"\bqualif(?:ication|ied|y)\b"),
    "proposal": _rx(r"\bproposal\b|\bquote\b"),
    "negotiation": _rx(r"\bnegotiat\w*|\blegal\b"),
}
# Stage numbers as CRMs show them ("moved Initech to stage 3"): the open stages in order.
STAGE_NUMBER: Final = _rx(
    r"\b(?:to|into|in|at|now|reached|hit)\s+stage\s*#?\s*([1-4])\b|\bstage\s*[:=]\s*([1-4])\b"
)
# Edits of a deal's amount, close date or stage ("update Hooli amount to 45k", "Globex pushed
# to Q1", "close date moved to 9/30").
DEAL_EDIT: Final = _rx(
    r"\b(?:update|updated|change|changed|set|bump|bumped|revise|revised|adjust|adjusted|up|upped"
    r"|lower|lowered|raise|raised|increase|increased|decrease|decreased|drop|dropped)\s+"
    r"(?:the\s+)?.{1,40}?\b(?:amount|value|size|acv|arr|tcv|close\s+date|closing\s+date"
    r"|close|stage)\b"
    r"|\b(?:amount|value|close\s+date|closing\s+date|stage)\s+(?:is\s+now|now|to|=|:|moved\s+to"
    r"|changed\s+to|pushed\s+to|updated\s+to|slipped\s+to)\b"
    r"|\b(?:pushed|slipped|slid|moved|delayed|pulled\s+in|pulled\s+forward|bumped)\s+(?:out\s+"
    r"|back\s+|up\s+)?(?:to|into|until|till)\s+(?:q[1-4]|next|the\s+end|end|eo[mqy]|\d|jan|feb|mar"
    r"|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|mid|early|late|start|beginning)"
)
# "Soylent Labs now €18k", "Hooli is now at $45k": a deal's new amount (the money must
# follow); "I'm now at $40k" is about the speaker, not a deal.
NOW_AT: Final = _rx(
    r"^(?!\s*(?:i|i'?m|im|we|we'?re|my|our|it|it'?s|that|this|he|she|they|you|team)\b)"
    r"[^.?!\n]{2,60}?\bnow\s+(?:at\s+|worth\s+|=\s*)?(?=[$€£¥]|\d)"
)
DEAL_UPDATE: Final = _rx(
    r"\b(?:update|updated|change|changed|bump|bumped|revise|revised)\s+.{1,40}?\b(?:deal|opp|opportunity)"
    r"\b.{0,12}?\b(?:to|=|at)\b|\b(?:deal|opp|opportunity)\s+(?:size|amount|value)\b"
)
# A forecast close ("Hooli 25k closing in Q1"): with an amount it states an open deal.
CLOSING_FORECAST: Final = _rx(
    r"\b(?:closing|close\s+date|closes|expected\s+(?:to\s+)?close|should\s+close|to\s+close)\b"
)
DEAL_NOUN: Final = _rx(r"\b(?:deal|deals|opp|opps|opportunity|opportunities|contract)\b")
# Verbs of planning rather than reporting: "I need to call my mom" is not a log.
FUTURE: Final = _rx(
    r"\b(?:need\s+to|needs\s+to|gotta|got\s+to|have\s+to|has\s+to|going\s+to|gonna|will|should"
    r"|must|plan\s+to|planning\s+to|want\s+to|wanna|remind\s+me|don'?t\s+forget|supposed\s+to"
    r"|reminder\s+to|set\s+a\s+reminder|i'll|we'll|i\s+will|will\s+be|about\s+to|heading\s+(?:to|into)"
    r"|can\s+you|could\s+you|let'?s|lets)\b"
)
PAST: Final = _rx(
    r"\b(?:had|did|done|logged|log|made|held|ran|got\s+off|finished|completed|wrapped|just|"
    r"today|yesterday|yday|this\s+morning|earlier|sent|called|emailed|met|rang|phoned|demoed"
    r"|demo'd|dialed|dialled|visited|followed\s+up|reached\s+out|spoke|talked|pinged)\b"
)
NON_SALES: Final = _rx(
    r"\b(?:weather|game|flight|hotel|uber|taxi|restaurant|recipe|movie|song|capital\s+of|joke"
    r"|slack\s+channel|channel|password|wifi|printer|vacation|pto|birthday|holiday\s+party"
    r"|(?:the|our|my)\s+(?:next\s+|weekly\s+|daily\s+|monthly\s+)?team\s+"
    r"(?:meeting|mtg|call|lunch|dinner|sync|standup|offsite)\b(?!s)"
    r"|\b(?:can'?t|cannot|won'?t)\s+make\b|\ball[\s-]hands\b|\bstand-?up\b|\bthe\s+offsite\b"
    r"|\bdemo\s+(?:environment|env|instance|server|org|sandbox|day|video\s+is)\b|\bis\s+down\b"
    r"|\b(?:laptop|computer|expense\s+reports?|expenses|payroll|benefits|badge|keys)\b"
    r"|\b1:1\b|\bone[\s-]on[\s-]one\b|\bmid[\s-](?:call|meeting|demo)\b"
    r"|\b(?:phone|laptop|battery|internet|wifi|headset|mic|camera)\s+(?:died|crashed|froze|is\s+dead)\b"
    r"|\b(?:closed|signed|lost|won|booked|closing)\s+(?:the\s+|a\s+|my\s+|our\s+|up\s+)?"
    r"(?:door|window|lease|apartment|house|power|office|store|shop|laptop|game|bet|raffle|league"
    r"|tab|ticket|flight|table|room|hotel|car|account\s+settings)\b"
    r"|\bfrom\s+(?:accounting|finance|hr|marketing|engineering|product|support|ops|it|recruiting"
    r"|payroll|the\s+office)\b"
    r"|meeting\s+rooms?|conference\s+rooms?|call\s+(?:me|you|him|her|them|us|it)\b(?!\s+(?:at|from|re\b))"
    r"|e-?mail\s+(?:me|you)\b|(?:emailed|called|met)\s+(?:me|you)\b)\b"
)
# Off-topic subjects that share words with reads ("what's the forecast for tomorrow").
OFF_TOPIC: Final = _rx(
    r"\b(?:weather|rain|raining|snow|snowing|sunny|temperature|storm|sewer|plumbing\s+issue"
    r"|of\s+coffee|of\s+snacks)\b|\bforecast\s+(?:says|for\s+(?:tomorrow|tonight|the\s+weekend))"
)
NEGATED: Final = _rx(
    r"\b(?:didn'?t|did\s+not|couldn'?t|could\s+not|haven'?t|have\s+not|wasn'?t\s+able\s+to"
    r"|never|not\s+able\s+to|no\s+time\s+to)\s+(?:get\s+to\s+|manage\s+to\s+|even\s+)?"
    r"(?:call|email|e-mail|meet|demo|dial|ring|phone|reach)"
)
# Words that make a sentence about the future: its activities are plans, not logs.
PLANNED: Final = _rx(
    r"\b(?:wants?|next\s+(?:week|month|time)|tomorrow|tmrw|scheduled|will|going\s+to|gonna|plan\w*)\b"
)
# "my calls this week", "demos last week": activity nouns asked about, not reported.
READ_NOUN: Final = _rx(
    r"^\s*(?:my\s+|our\s+|team\s+|total\s+)?(?:calls|emails|meetings|mtgs|demos|dials|activity"
    r"|activities)\b"
)
LOG_REQUEST: Final = _rx(r"\b(?:log|record|add|enter)\s+(?:a|an|my|\d+|one|two|three|four|five)\b")
LOG_PREFIX: Final = _rx(
    r"^\s*(?:log(?:ged)?|add(?:ed)?|record(?:ed)?|forgot\s+to\s+log)\b\s*[:\-]?"
)
