"""Settings values: 24-hour nudge times and IANA time zones from names, abbreviations, cities."""

from __future__ import annotations

import re
import zoneinfo
from typing import Final

# Read once at import: the tz database names, keyed in lower case, plus every city in them.
_ZONES: Final = {z.lower(): z for z in zoneinfo.available_timezones() if "/" in z or z == "UTC"}
_CITIES: dict[str, str] = {}
for _key, _zone in sorted(_ZONES.items()):
    if _zone.split("/")[0] in {
        "Africa",
        "America",
        "Asia",
        "Atlantic",
        "Australia",
        "Europe",
        "Pacific",
    }:
        _CITIES.setdefault(_zone.rsplit("/", 1)[-1].replace("_", " ").lower(), _zone)
# Abbreviations and big cities that have no zone of their own name.
_ALIASES: Final = {
    "pst": "America/Los_Angeles", "pdt": "America/Los_Angeles", "pt": "America/Los_Angeles",
    "pacific": "America/Los_Angeles", "mst": "America/Denver", "mdt": "America/Denver",
    "mt": "America/Denver", "mountain": "America/Denver", "cst": "America/Chicago",
    "cdt": "America/Chicago", "ct": "America/Chicago", "central": "America/Chicago",
    "est": "America/New_York", "edt": "America/New_York", "et": "America/New_York",
    "eastern": "America/New_York", "akst": "America/Anchorage", "hst": "Pacific/Honolulu",
    "gmt": "Europe/London", "bst": "Europe/London", "utc": "UTC", "cet": "Europe/Paris",
    "cest": "Europe/Paris", "ist": "Asia/Kolkata", "jst": "Asia/Tokyo", "kst": "Asia/Seoul",
    "aest": "Australia/Sydney", "aedt": "Australia/Sydney", "sgt": "Asia/Singapore",
    "san francisco": "America/Los_Angeles", "sf": "America/Los_Angeles",
    "seattle": "America/Los_Angeles", "portland": "America/Los_Angeles",
    "san diego": "America/Los_Angeles", "las vegas": "America/Los_Angeles",
    "bay area": "America/Los_Angeles", "silicon valley": "America/Los_Angeles",
    "nyc": "America/New_York", "boston": "America/New_York", "atlanta": "America/New_York",
    "miami": "America/New_York", "philadelphia": "America/New_York",
    "washington": "America/New_York", "dc": "America/New_York", "raleigh": "America/New_York",
    "austin": "America/Chicago", "dallas": "America/Chicago", "houston": "America/Chicago",
    "minneapolis": "America/Chicago", "nashville": "America/Chicago",
    "salt lake city": "America/Denver", "mumbai": "Asia/Kolkata", "bangalore": "Asia/Kolkata",
    "bengaluru": "Asia/Kolkata", "delhi": "Asia/Kolkata", "new delhi": "Asia/Kolkata",
    "munich": "Europe/Berlin", "frankfurt": "Europe/Berlin", "hamburg": "Europe/Berlin",
    "manchester": "Europe/London", "edinburgh": "Europe/London", "uk": "Europe/London",
    "barcelona": "Europe/Madrid", "milan": "Europe/Rome", "beijing": "Asia/Shanghai",
    "shenzhen": "Asia/Shanghai", "tel aviv": "Asia/Jerusalem", "geneva": "Europe/Zurich",
    "cape town": "Africa/Johannesburg", "rio": "America/Sao_Paulo",
}  # fmt: skip
_IANA: Final = re.compile(r"\b([A-Za-z]+(?:/[A-Za-z_+\-0-9]+){1,2})\b")
_WORDS: Final = re.compile(r"[a-z][a-z.\-']*")
_TIME_12: Final = re.compile(
    r"\b(\d{1,2})(?::|\.)?(\d{2})?\s*(a\.?m\.?|p\.?m\.?|a|p)(?!\w)", re.IGNORECASE
)
_TIME_24: Final = re.compile(
    r"\b([01]?\d|2[0-3])[:h.]([0-5]\d)\b|\b([01]?\d|2[0-3])h\b"
    r"|(?:\bat|\bto|@)\s*([01]\d|2[0-3])([0-5]\d)\b"
)
_TIME_BARE: Final = re.compile(
    r"\b(?:at|to|for|@)\s+(\d{1,2})\b(?![:.\d%])"
    r"(?:\s+(?:in\s+the\s+)?(morning|afternoon|evening|night|tonight))?"
)


def find_zone(text: str) -> str | None:
    """An IANA zone named directly, by abbreviation, or by a well-known city."""
    for m in _IANA.finditer(text):
        zone = _ZONES.get(m.group(1).lower())
        if zone:
            return zone
    words = _WORDS.findall(text.lower())
    for size in (3, 2, 1):
        for k in range(len(words) - size + 1):
            phrase = " ".join(w.strip(".'") for w in words[k : k + size])
            hit = _ALIASES.get(phrase) or _CITIES.get(phrase)
            if hit:
                return hit
    return None


def find_time(text: str) -> str | None:
    """A clock time as "HH:MM" (24-hour); "4:30pm" -> "16:30", "noon" -> "12:00"."""
    m = _TIME_12.search(text)
    if m:
        hour, minute = int(m.group(1)), int(m.group(2) or 0)
        if not 1 <= hour <= 12 or minute > 59:
            return None
        pm = m.group(3).lower().startswith("p")
        hour = hour % 12 + (12 if pm else 0)
        return f"{hour:02d}:{minute:02d}"
    m = _TIME_24.search(text)
    if m:
        clock_hour = m.group(1) or m.group(3) or m.group(4)
        return f"{int(clock_hour):02d}:{m.group(2) or m.group(5) or '00'}"
    low = text.lower()
    if "noon" in low or "midday" in low:
        return "12:00"
    m = _TIME_BARE.search(low)
    if m and 1 <= int(m.group(1)) <= 23:
        hour, part = int(m.group(1)), m.group(2)
        if part in ("afternoon", "evening", "night", "tonight") and hour < 12:
            hour += 12
        elif part is None and hour <= 6:
            hour += 12  # nudges go out in working hours: "at 5" is 17:00, "at 9" 09:00
        return f"{hour:02d}:00"
    return None


# "switch me to London time", "I'm on Tokyo time": a setting only if the place is a zone.
_CITY_TIME = re.compile(r"\b(?:to|on)\s+([a-z]+(?:\s+[a-z]+)?)\s+time\b")


def city_time(text: str) -> str | None:
    """The zone of "<city> time" in lower-cased text, or None ("on time", "lunch time")."""
    if "time" not in text:
        return None
    for m in _CITY_TIME.finditer(text):
        zone = find_zone(m.group(1))
        if zone:
            return zone
    return None
