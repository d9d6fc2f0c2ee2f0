"""Reading `/subscribe [time] [place or time zone]`, and turning stored zone names into tzinfo.

Zones are stored as IANA names or as a fixed offset written "UTC+05:30". A name comes from:
- a small alias table of well-known cities that have no zone of their own ("Beijing");
- common abbreviations, read as the region whose clocks they name, daylight saving and all
  (a fixed "EST" zone would stay at UTC-5 all summer). North American ones name the
  Canadian city of that zone, as the bot's default zone is Toronto: ET/EST/EDT Toronto,
  CT Winnipeg, MT Edmonton, PT Vancouver, AT Halifax. "CST" is North American Central, not
  China Standard Time (say Beijing for that); the reply names the zone chosen either way;
- a zone name ("Asia/Shanghai"), an old alias of one ("US/Eastern", "Asia/Calcutta") read as
  the current name, or a city: the last part of a zone in zone.tab ("Buenos Aires", accents
  optional: "São Paulo"), but not of the zones that name counties or Antarctic stations
  ("Center" is no city).
Fixed offsets are stored in the readable form rather than as "Etc/GMT-8", whose sign is
inverted and would confuse every reader of /settings; that name is refused with the
readable one as a suggestion.
"""

from __future__ import annotations

import re
import unicodedata
import zoneinfo
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from functools import cache
from importlib import resources

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
ABBREVIATIONS = {
    **dict.fromkeys(("et", "est", "edt", "eastern", "est5edt"), "America/Toronto"),
    **dict.fromkeys(("ct", "cst", "cdt", "central", "cst6cdt"), "America/Winnipeg"),
    **dict.fromkeys(("mt", "mst", "mdt", "mountain", "mst7mdt"), "America/Edmonton"),
    **dict.fromkeys(("pt", "pst", "pdt", "pacific", "pst8pdt"), "America/Vancouver"),
    **dict.fromkeys(("at", "ast", "adt", "atlantic"), "America/Halifax"),
    **dict.fromkeys(("nst", "ndt", "newfoundland"), "America/St_Johns"),
    **dict.fromkeys(("akst", "akdt", "alaska"), "America/Anchorage"),
    **dict.fromkeys(("hst", "hdt", "hawaii"), "Pacific/Honolulu"),
    **dict.fromkeys(("gmt", "bst"), "Europe/London"),
    **dict.fromkeys(("wet", "west"), "Europe/Lisbon"),
    **dict.fromkeys(("cet", "cest"), "Europe/Paris"),
    **dict.fromkeys(("eet", "eest"), "Europe/Athens"),
    "msk": "Europe/Moscow",
    "ist": "Asia/Kolkata",
    "hkt": "Asia/Hong_Kong",
    "sgt": "Asia/Singapore",
    "kst": "Asia/Seoul",
    "jst": "Asia/Tokyo",
    **dict.fromkeys(("aest", "aedt"), "Australia/Sydney"),
    **dict.fromkeys(("nzst", "nzdt"), "Pacific/Auckland"),
}
_REGIONS = (
    "America/", "Europe/", "Asia/", "Africa/", "Australia/", "Pacific/", "Atlantic/", "Indian/",
)  # fmt: skip
_NOT_CITIES = ("Antarctica/", "America/Indiana/", "America/Kentucky/", "America/North_Dakota/")
_UTC_NAMES = frozenset({"Etc/UTC", "Etc/GMT"})
_INVERTED = re.compile(r"^etc/gmt([+-])(\d{1,2})$")
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
    """`kind` is "time", "zone" or "input" (neither); `text` is the part not understood;
    `suggestion`, when there is one, what to type instead."""

    def __init__(self, kind: str, text: str, suggestion: str | None = None) -> None:
        super().__init__(f"{kind}: {text!r}")
        self.kind = kind
        self.text = text
        self.suggestion = suggestion


@dataclass(frozen=True, slots=True)
class Request:
    """What /subscribe asked for; None means "keep what the chat has, or the default"."""

    hour: int | None
    minute: int | None
    zone: str | None


def _key(text: str) -> str:
    """Lower case, single spaces, accents dropped ("São  Paulo" -> "sao paulo")."""
    folded = unicodedata.normalize("NFKD", " ".join(text.split()).lower())
    return "".join(c for c in folded if not unicodedata.combining(c))


def _city(name: str) -> str:
    return _key(name.rsplit("/", 1)[-1].replace("_", " "))


@cache
def _names() -> dict[str, str]:
    """Lookup keys -> the name to store: zone.tab's zones and their cities first, then the
    old names tzdata keeps as links, read as their current zone (from the tzdata package)."""
    data = resources.files("tzdata").joinpath("zoneinfo")
    zones = [
        line.split("\t")[2]
        for line in data.joinpath("zone.tab").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    links = [
        (parts[2], parts[1])
        for line in data.joinpath("tzdata.zi").read_text(encoding="utf-8").splitlines()
        if (parts := line.split())[:1] == ["L"]
    ]
    table = {name.lower(): name for name in zones}
    for name in zones:
        if not name.startswith(_NOT_CITIES):
            table.setdefault(_city(name), name)
    for link, target in links:
        current = "UTC" if target in _UTC_NAMES else table.get(target.lower())
        if current is not None:
            table.setdefault(link.lower(), current)
            if link.startswith(_REGIONS):
                table.setdefault(_city(link), current)
    return table


def _offset_name(sign: str, hours: str, minutes: str | None) -> str | None:
    total = int(hours) * 60 + int(minutes or 0)
    if int(minutes or 0) >= 60 or total > 14 * 60:
        return None
    return "UTC" if total == 0 else f"UTC{sign}{total // 60:02d}:{total % 60:02d}"


def resolve_zone(text: str) -> str | None:
    """A place or zone as typed -> the name to store, or None if it is not one we know.

    Raises ParseError for "Etc/GMT+5" (UTC-5: the sign is inverted), with the readable form.
    """
    key = _key(text)
    if not key:
        return None
    if key in ABBREVIATIONS or key in ALIASES:
        return ABBREVIATIONS.get(key) or ALIASES[key]
    offset = _OFFSET.match(key)
    if offset:
        return "UTC" if offset.group(1) is None else _offset_name(*offset.groups())
    names = _names()
    found = names.get(key) or names.get(key.replace(" ", "_")) or names.get(key.replace("_", " "))
    inverted = _INVERTED.match(key)
    if found is None and inverted:
        sign = "-" if inverted.group(1) == "+" else "+"
        raise ParseError("zone", text.strip(), _offset_name(sign, inverted.group(2), None))
    return found


def tzinfo_for(name: str) -> tzinfo:
    """The tzinfo for a stored zone name (IANA, or "UTC+05:30")."""
    fixed = _STORED_OFFSET.match(name)
    if fixed:
        sign = -1 if fixed.group(1) == "-" else 1
        delta = timedelta(hours=int(fixed.group(2)), minutes=int(fixed.group(3)))
        return timezone(sign * delta, name)
    return UTC if name == "UTC" else zoneinfo.ZoneInfo(name)


def _shape(text: str) -> tuple[str, re.Match[str] | None]:
    key = " ".join(text.split()).lower()
    key = _TIME_WORDS.get(key, key)
    return key, _TIME.match(key)


def parse_time(text: str) -> tuple[int, int] | None:
    """ "8am", "20:30", "7:15 pm", "8", "noon" -> (hour, minute); None if not a clock time.

    The shape is checked first (so "tomorrow" or "in 5 minutes" are not times), then
    dateparser reads it, then the ranges are checked again ourselves. "24:00" is midnight.
    """
    key, shape = _shape(text)
    if shape is None:
        return None
    hour, minute, half = int(shape.group(1)), int(shape.group(2) or 0), shape.group(3)
    if (hour, minute, half) == (24, 0, None):
        return 0, 0
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
        if clock is None and len(words) >= count and _shape(" ".join(words[:count]))[1]:
            raise ParseError("time", " ".join(words[:count]))  # "0 pm": a time, but no hour
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
