"""CRM-style deal lines: "Acme: Proposal, $48k, close 12/18", "Opp: Acme | Stage: Negotiation",
"Acme - qualification - 35k - close Oct 15". Fields are read by position and by label."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

# Stage names as CRMs and reps write them in a field.
_STAGES: Final = (
    ("won", r"closed[\s-]?won|won|signed|booked"),
    ("lost", r"closed[\s-]?lost|lost|dead"),
    ("prospecting", r"prospect(?:ing)?|new|lead|stage\s*1|s1"),
    ("qualification", r"qualif(?:ication|ied|y)|qual|discovery|stage\s*2|s2"),
    ("proposal", r"proposal|quote|quoted|pricing|stage\s*3|s3"),
    ("negotiation", r"negotiat\w*|legal|contracting|redlines|procurement|commit|stage\s*4|s4"),
)
_STAGE_FIELD: Final = re.compile(
    r"^(?:stage\s*[:=\-]?\s*)?(?:" + "|".join(f"(?P<{k}>{v})" for k, v in _STAGES) + r")\s*$",
    re.IGNORECASE,
)
_SPLIT: Final = re.compile(r"\s*(?:\||;|,|\s[-–—]\s|\n|\s/\s)\s*")
_LABEL: Final = re.compile(
    r"^(?P<label>opp(?:ortunity)?|deal|account|acct|company|customer|client|logo|name|stage"
    r"|amount|value|acv|arr|tcv|size|close(?:\s+date)?|target\s+close|expected\s+close|eta"
    r"|next\s+step|owner|notes?)\s*[:=#]\s*(?P<value>.*)$",
    re.IGNORECASE,
)
_NAME: Final = re.compile(r"^[A-Z0-9][\w&'.]*(?:\s+(?:&|of|and|[A-Z0-9][\w&'.-]*)){0,5}$")
_ACCOUNT_LABELS: Final = frozenset(
    {"opp", "opportunity", "deal", "account", "acct", "company", "customer", "client", "logo"}
)


@dataclass(frozen=True)
class CrmLine:
    """What a CRM-style line names: the account and the stage (amounts and dates are read by
    the usual extractors)."""

    account: str | None
    stage: str | None


def _stage(field: str) -> str | None:
    m = _STAGE_FIELD.match(field.strip(" .!"))
    return m.lastgroup if m else None


def crm_line(text: str) -> CrmLine | None:
    """The account and stage of a CRM-style deal line, or None when the text is not one."""
    if not _SPLIT.search(text) and ":" not in text:
        return None
    fields = [f for f in _SPLIT.split(text.strip()) if f]
    if len(fields) < 2:
        return None
    account: str | None = None
    stage: str | None = None
    labelled = 0
    for k, field in enumerate(fields[:8]):
        if field.lower().rstrip(":") in _ACCOUNT_LABELS:
            continue  # "Deal - Acme - proposal": the label alone, the name follows
        m = _LABEL.match(field)
        if m:
            label = " ".join(m.group("label").lower().split())
            value = m.group("value").strip()
            labelled += 1
            if label in _ACCOUNT_LABELS and _NAME.match(value):
                account = account or value
            elif label == "stage":
                stage = stage or _stage(value)
            continue
        head, colon, rest = field.partition(":")
        if k == 0 and colon and _NAME.match(head.strip()) and _stage(rest):
            account, stage = head.strip(), _stage(rest)  # "Brightwater Co: Proposal"
            labelled += 1
            continue
        if account is None and _NAME.match(field) and not _stage(field):
            account = field  # "Ironbridge Partners - qualification - 35k"
            continue
        stage = stage or _stage(field)
    if account is None or (stage is None and labelled == 0):
        return None
    return CrmLine(account, stage)
