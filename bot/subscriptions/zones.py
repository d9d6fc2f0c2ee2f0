"""Reading `/subscribe [time] [place or time zone]`, and turning stored zone names into tzinfo.

Zones are stored as IANA names or as a fixed offset written "UTC+05:30". A name comes from:
- a small alias table of cities that must win over a namesake ("Victoria" is the one in
  British Columbia);
- common abbreviations, read as the region whose clocks they name, daylight saving and all
  (a fixed "EST" zone would stay at UTC-5 all summer). North American ones name the
  Canadian city of that zone, as the bot's default zone is Toronto: ET/EST/EDT Toronto,
  CT Winnipeg, MT Edmonton, PT Vancouver, AT Halifax. "CST" is North American Central, not
  China Standard Time (say Beijing for that); the reply names the zone chosen either way;
- a zone name ("Asia/Shanghai"), an old alias of one ("US/Eastern", "Asia/Calcutta") read as
  the current name, or a city: the last part of a zone in zone.tab ("Buenos Aires", accents
  optional: "São Paulo"), but not of the zones that name counties or Antarctic stations
  ("Center" is no city);
- then a country (one zone: that zone; several: the reply asks which), and last a city from
  the gazetteer (bot.subscriptions.gazetteer: GeoNames, the most populous of a name wins,
  namesakes of similar size elsewhere are named in the reply).
Fixed offsets are stored in the readable form rather than as "Etc/GMT-8", whose sign is
inverted and would confuse every reader of /settings; that name is refused with the
readable one as a suggestion.
"""

from __future__ import annotations

import re
import zoneinfo
from dataclasses import dataclass, field
from datetime import UTC, timedelta, timezone, tzinfo
from functools import cache
from importlib import resources

from bot.subscriptions import gazetteer
from bot.subscriptions.gazetteer import City, fold

# Cities the gazetteer would read otherwise: "Victoria" would be the Australian state (an
# old zone name) or Hong Kong's, and Davos is below its 15,000 people.
ALIASES = {"victoria": "America/Vancouver", "davos": "Europe/Zurich"}
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


class ParseError(ValueError):
    """`kind` is "time", "zone", "input" (neither) or "country" (one with several zones);
    `text` is the part not understood; `suggestion`, when there is one, what to type
    instead. For a country, `place` is its name, `choices` its zones (most populous first)
    and `prefix` the time typed before it, so the reply can offer whole commands."""

    def __init__(
        self,
        kind: str,
        text: str,
        suggestion: str | None = None,
        *,
        place: str | None = None,
        choices: tuple[str, ...] = (),
    ) -> None:
        super().__init__(f"{kind}: {text!r}")
        self.kind = kind
        self.text = text
        self.suggestion = suggestion
        self.place = place
        self.choices = choices
        self.prefix = ""


@dataclass(frozen=True, slots=True)
class Place:
    """A zone and where it came from: the city or country named (None for a zone name,
    offset or abbreviation), and namesake cities of similar size in other zones."""

    zone: str
    name: str | None = None
    others: tuple[City, ...] = ()


@dataclass(frozen=True, slots=True)
class Request:
    """What /subscribe asked for; None means "keep what the chat has, or the default".
    `place` says how the zone was found; it is for the reply, not part of the request."""

    hour: int | None
    minute: int | None
    zone: str | None
    place: Place | None = field(default=None, compare=False)


def _city(name: str) -> str:
    return fold(name.rsplit("/", 1)[-1].replace("_", " "))


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
    """A place or zone as typed -> the name to store, or None if it is not one we know."""
    place = resolve_place(text)
    return None if place is None else place.zone


def resolve_place(text: str) -> Place | None:
    """A place or zone as typed -> the zone to store and how it was found, or None.

    Zone names, offsets and abbreviations first (cheap, exact), then countries, then the
    gazetteer's cities (loaded on first use). Raises ParseError for "Etc/GMT+5" (UTC-5:
    the sign is inverted), with the readable form, and for a country with several zones.
    """
    key = fold(text)
    if not key:
        return None
    if key in ABBREVIATIONS or key in ALIASES:
        return Place(ABBREVIATIONS.get(key) or ALIASES[key])
    offset = _OFFSET.match(key)
    if offset:
        zone = "UTC" if offset.group(1) is None else _offset_name(*offset.groups())
        return None if zone is None else Place(zone)
    names = _names()
    found = names.get(key) or names.get(key.replace(" ", "_")) or names.get(key.replace("_", " "))
    if found is not None:
        return Place(found)
    inverted = _INVERTED.match(key)
    if inverted:
        sign = "-" if inverted.group(1) == "+" else "+"
        raise ParseError("zone", text.strip(), _offset_name(sign, inverted.group(2), None))
    return _country_or_city(text.strip(), names)


def _country_or_city(text: str, names: dict[str, str]) -> Place | None:
    country = gazetteer.country(text)
    if country is not None and len(country.zones) == 1:
        return Place(country.zones[0], country.name)
    if country is not None and country.zones:
        raise ParseError("country", text, place=country.name, choices=country.zones)
    match = gazetteer.city(text)
    zone = None if match is None else names.get(match.city.zone.lower())
    if match is None or zone is None:
        return None
    others = tuple(c for c in match.others if names.get(c.zone.lower(), zone) != zone)
    return Place(zone, match.city.name, others)


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

    The shape is checked first (so "tomorrow" or "in 5 minutes" are not times), then the
    ranges. "24:00" is midnight.
    """
    _, shape = _shape(text)
    if shape is None:
        return None
    hour, minute, half = int(shape.group(1)), int(shape.group(2) or 0), shape.group(3)
    if (hour, minute, half) == (24, 0, None):
        return 0, 0
    if minute > 59 or (hour > 23 if half is None else not 1 <= hour <= 12):
        return None
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
            return _with_place(clock, " ".join(words[:count]), " ".join(words[count:]))
    place = resolve_place(args)
    if place is not None:
        return Request(None, None, place.zone, place)
    raise ParseError("time" if words[0][0].isdigit() else "input", args.strip())


def _with_place(clock: tuple[int, int], typed: str, rest: str) -> Request:
    """The time, and the place after it (if any); a country's question keeps the time."""
    if not rest:
        return Request(clock[0], clock[1], None)
    try:
        place = resolve_place(rest)
    except ParseError as error:
        error.prefix = typed
        raise
    if place is None:
        raise ParseError("zone", rest)
    return Request(clock[0], clock[1], place.zone, place)
