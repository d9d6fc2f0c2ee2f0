"""Reading `/subscribe [time] [place or time zone]`, and turning stored zone names into tzinfo.

Zones are stored as IANA names ("America/Toronto", resolved from a zone name, its city part
or a small alias table of well-known cities that have no zone of their own) or as a fixed
offset written "UTC+05:30". Fixed offsets are stored in that readable form rather than as
"Etc/GMT-8", whose sign is inverted and would confuse every reader of /settings.
"""

from __future__ import annotations

import re
import zoneinfo
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from functools import cache

import dateparser

# Cities people name that have no zone of their own (city part of an IANA name covers the rest).
ALIASES = {
    "beijing": "Asia/Shanghai",
    "shenzhen": "Asia/Shanghai",
    "guangzhou": "Asia/Shanghai",
    "ottawa": "America/Toronto",
    "montreal": "America/Toronto",
    "quebec": "America/Toronto",
    "calgary": "America/Edmonton",
    "victoria": "America/Vancouver",
    "washington": "America/New_York",
    "washington dc": "America/New_York",
    "boston": "America/New_York",
    "san francisco": "America/Los_Angeles",
    "seattle": "America/Los_Angeles",
    "davos": "Europe/Zurich",
    "geneva": "Europe/Zurich",
    "frankfurt": "Europe/Berlin",
    "munich": "Europe/Berlin",
    "milan": "Europe/Rome",
    "barcelona": "Europe/Madrid",
    "doha": "Asia/Qatar",
    "delhi": "Asia/Kolkata",
    "new delhi": "Asia/Kolkata",
    "mumbai": "Asia/Kolkata",
    "bangalore": "Asia/Kolkata",
    "osaka": "Asia/Tokyo",
    "canberra": "Australia/Sydney",
    "abu dhabi": "Asia/Dubai",
    "kiev": "Europe/Kyiv",
}
_REGIONS = ("America/", "Europe/", "Asia/", "Africa/", "Australia/", "Pacific/", "Atlantic/")
_OFFSET = re.compile(r"^(?:utc|gmt)\s*(?:([+-])\s*(\d{1,2})(?:[:.]?(\d{2}))?)?$")
_STORED_OFFSET = re.compile(r"^UTC([+-])(\d{2}):(\d{2})$")
_TIME = re.compile(r"^(\d{1,2})(?:[:.h](\d{2}))?\s*(?:([ap])\.?m\.?)?$")
_TIME_WORDS = {"noon": "12:00", "midday": "12:00", "midnight": "00:00"}
_DATEPARSER_SETTINGS = {
    "PREFER_DATES_FROM": "future",
    "RETURN_AS_TIMEZONE_AWARE": False,
    "RELATIVE_BASE": datetime(2000, 1, 1),
}


class ParseError(ValueError):
    """`kind` is "time", "zone" or "input" (neither); `text` is the part not understood."""

    def __init__(self, kind: str, text: str) -> None:
        super().__init__(f"{kind}: {text!r}")
        self.kind = kind
        self.text = text


@dataclass(frozen=True, slots=True)
class Request:
    """What /subscribe asked for; None means "keep what the chat has, or the default"."""

    hour: int | None
    minute: int | None
    zone: str | None


@cache
def _names() -> dict[str, str]:
    """Lower-cased lookup keys -> IANA name; region zones win over legacy links."""
    table: dict[str, str] = {}
    for name in sorted(
        zoneinfo.available_timezones(),
        key=lambda n: (not n.startswith(_REGIONS), n.count("/"), n),
    ):
        if name in {"localtime", "Factory"}:
            continue
        table.setdefault(name.lower(), name)
        city = name.rsplit("/", 1)[-1].replace("_", " ").lower()
        table.setdefault(city, name)
    return table


def _offset_name(sign: str, hours: str, minutes: str | None) -> str | None:
    total = int(hours) * 60 + int(minutes or 0)
    if int(minutes or 0) >= 60 or total > 14 * 60:
        return None
    return "UTC" if total == 0 else f"UTC{sign}{total // 60:02d}:{total % 60:02d}"


def resolve_zone(text: str) -> str | None:
    """A place or zone as typed -> the name to store, or None if it is not one we know."""
    key = " ".join(text.split()).lower()
    if not key:
        return None
    offset = _OFFSET.match(key)
    if offset:
        return "UTC" if offset.group(1) is None else _offset_name(*offset.groups())
    names = _names()
    return ALIASES.get(key) or names.get(key) or names.get(key.replace(" ", "_"))


def tzinfo_for(name: str) -> tzinfo:
    """The tzinfo for a stored zone name (IANA, or "UTC+05:30")."""
    fixed = _STORED_OFFSET.match(name)
    if fixed:
        sign = -1 if fixed.group(1) == "-" else 1
        delta = timedelta(hours=int(fixed.group(2)), minutes=int(fixed.group(3)))
        return timezone(sign * delta, name)
    return UTC if name == "UTC" else zoneinfo.ZoneInfo(name)


def parse_time(text: str) -> tuple[int, int] | None:
    """ "8am", "20:30", "7:15 pm", "8", "noon" -> (hour, minute); None if not a clock time.

    The shape is checked first (so "tomorrow" or "in 5 minutes" are not times), then
    dateparser reads it, then the ranges are checked again ourselves.
    """
    key = " ".join(text.split()).lower()
    key = _TIME_WORDS.get(key, key)
    shape = _TIME.match(key)
    if shape is None:
        return None
    hour, minute, half = int(shape.group(1)), int(shape.group(2) or 0), shape.group(3)
    if minute > 59 or (hour > 23 if half is None else not 1 <= hour <= 12):
        return None
    if shape.group(2) is None:  # dateparser reads a bare "8" as a day of the month
        key = f"{hour}:00" + (f" {half}m" if half else "")
    parsed = dateparser.parse(key, languages=["en"], settings=_DATEPARSER_SETTINGS)
    if parsed is None or (parsed.hour, parsed.minute) != _expected(hour, minute, half):
        return None
    return parsed.hour, parsed.minute


def _expected(hour: int, minute: int, half: str | None) -> tuple[int, int]:
    if half is None:
        return hour, minute
    return (hour % 12) + (12 if half == "p" else 0), minute


def parse_subscribe(args: str) -> Request:
    """Split `/subscribe` arguments into a time (first 1-3 words) and a place (the rest)."""
    words = args.split()
    if not words:
        return Request(None, None, None)
    for count in (3, 2, 1):
        clock = parse_time(" ".join(words[:count])) if len(words) >= count else None
        if clock is not None:
            rest = " ".join(words[count:])
            zone = resolve_zone(rest) if rest else None
            if rest and zone is None:
                raise ParseError("zone", rest)
            return Request(clock[0], clock[1], zone)
    zone = resolve_zone(args)
    if zone is not None:
        return Request(None, None, zone)
    raise ParseError("time" if words[0][0].isdigit() else "input", args.strip())
