"""`/quota share`, "share my pipeline": the asker wants the answer in the channel, not private."""

from __future__ import annotations

import re

# "share my pipeline", a bare "share" (after /quota); not "share of wallet at Acme".
_LEADING = re.compile(
    r"^\s*(?:pls\s+|please\s+)?share(?=\s+(?:my|our|the|team|this)\b|\s*$)[:,]?\s*",
    re.IGNORECASE,
)
_TRAILING = re.compile(
    r"[\s,;:-]*(?:and\s+|&\s+|then\s+)?(?:(?:pls|please)\s+)?"
    r"(?:share(?:\s+(?:it|this|them))?(?:\s+with\s+(?:the\s+)?(?:channel|team|everyone|group))?"
    r"|post\s+(?:it|this|them)\s+(?:here|in\s+(?:the\s+)?channel)"
    r"|(?:in|to)\s+(?:the\s+)?channel|publicly|for\s+everyone)"
    r"(?:\s+(?:pls|please))?\s*[.!]*\s*$",
    re.IGNORECASE,
)


def split_share(text: str) -> tuple[str, bool]:
    """The message without its share request, and whether there was one."""
    stripped = _LEADING.sub("", text, count=1)
    stripped = _TRAILING.sub("", stripped, count=1)
    if stripped == text:
        return text, False
    return stripped.strip(), True
