"""Places from the gazetteer: cities by name in any case or accent, countries by their zones."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.handlers.subscriptions import shown
from bot.runtime import Runtime
from bot.services import Services
from bot.subscriptions import gazetteer
from bot.subscriptions.zones import ParseError, Request, parse_subscribe, resolve_place
from tests.support.harness import Harness
from tests.support.updates import USER_ID

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8am Houston", Request(8, 0, "America/Chicago")),
        ("9am Miami", Request(9, 0, "America/New_York")),
        ("7am Rio de Janeiro", Request(7, 0, "America/Sao_Paulo")),
        ("6am Cape Town", Request(6, 0, "Africa/Johannesburg")),
        ("8am Kyoto", Request(8, 0, "Asia/Tokyo")),
        ("8am Wuhan", Request(8, 0, "Asia/Shanghai")),
        ("8am KYŌTO", Request(8, 0, "Asia/Tokyo")),
        ("8am zurich", Request(8, 0, "Europe/Zurich")),
        ("8am Winston Salem", Request(8, 0, "America/New_York")),
        ("8am Bombay", Request(8, 0, "Asia/Kolkata")),
        ("8am Portland", Request(8, 0, "America/Los_Angeles")),
        ("8am Victoria", Request(8, 0, "America/Vancouver")),
        ("8am Japan", Request(8, 0, "Asia/Tokyo")),
        ("8am India", Request(8, 0, "Asia/Kolkata")),
        ("8am Germany", Request(8, 0, "Europe/Berlin")),
        ("8am South Korea", Request(8, 0, "Asia/Seoul")),
        ("8am UK", Request(8, 0, "Europe/London")),
        ("8am Ivory Coast", Request(8, 0, "Africa/Abidjan")),
    ],
)
def test_cities_and_single_clock_countries_resolve(text: str, expected: Request) -> None:
    """A city (by name or alternate name) or a country keeping one clock gives its zone."""
    assert parse_subscribe(text) == expected


def test_the_most_populous_namesake_wins_and_close_ones_are_named() -> None:
    """Springfield goes to the largest one; the one of similar size in another zone is kept."""
    place = resolve_place("springfield")
    assert place is not None
    assert (place.zone, place.name) == ("America/Chicago", "Springfield")
    assert "America/New_York" in {other.zone for other in place.others}
    assert all(other.zone != place.zone for other in place.others)


def test_a_far_smaller_namesake_is_not_named() -> None:
    """Portland, Oregon is ten times Portland, Maine: no question, no alternative named."""
    place = resolve_place("Portland")
    assert place is not None
    assert (place.zone, place.others) == ("America/Los_Angeles", ())


@pytest.mark.parametrize(
    ("text", "country", "first", "prefix"),
    [
        ("8am Brazil", "Brazil", ("America/Sao_Paulo",), "8am"),
        ("United States", "United States", ("America/New_York", "America/Chicago"), ""),
        ("7:30 pm usa", "United States", ("America/New_York", "America/Chicago"), "7:30 pm"),
        ("Australia", "Australia", ("Australia/Sydney",), ""),
    ],
)
def test_a_country_with_several_clocks_asks_which(
    text: str, country: str, first: tuple[str, ...], prefix: str
) -> None:
    """A country keeping several clocks is a question listing its zones, most populous first."""
    with pytest.raises(ParseError) as caught:
        parse_subscribe(text)
    error = caught.value
    assert (error.kind, error.place) == ("country", country)
    assert error.choices[: len(first)] == first
    assert len(set(error.choices)) == len(error.choices) > 1
    assert error.prefix == prefix


@pytest.mark.parametrize("text", ["8 Center", "8 Mars", "8 Korea", "8am Davis Station"])
def test_noise_and_unknown_places_are_refused(text: str) -> None:
    """An alternate name of a small town, an ambiguous or unknown name is no place."""
    with pytest.raises(ParseError) as caught:
        parse_subscribe(text)
    assert (caught.value.kind, caught.value.text) == ("zone", text.split(maxsplit=1)[1])


def test_the_gazetteer_is_read_once() -> None:
    """However many cities are looked up, the city file is read and indexed once."""
    for name in ("Houston", "Kyoto", "Lagos", "nowhere at all"):
        resolve_place(name)
    assert gazetteer._city_index.cache_info().misses == 1


def test_zone_names_and_one_zone_countries_never_load_the_gazetteer() -> None:
    """Zone names, abbreviations, offsets and one-zone countries answer without the cities."""
    script = (
        "from bot.subscriptions import gazetteer, zones\n"
        "for text in ('Europe/Paris', 'EST', 'UTC+5', 'Toronto', 'India', 'US/Eastern'):\n"
        "    assert zones.resolve_zone(text), text\n"
        "print(gazetteer._city_index.cache_info().misses)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "0"


def _services(harness: Harness) -> tuple[Services, Runtime]:
    return harness.app.bot_data.services, harness.app.bot_data.subscriptions


async def test_a_country_of_several_zones_gets_the_which_one_reply(harness: Harness) -> None:
    """/subscribe 8am Brazil replies with the which-zone message and saves nothing."""
    services, runtime = _services(harness)
    reply = await harness.reply("/subscribe 8am Brazil")
    with pytest.raises(ParseError) as caught:
        parse_subscribe("8am Brazil")
    error = caught.value
    assert reply.params["text"] == services.renderer.message(
        "sub_which_zone", place="Brazil", choices=error.choices, prefix="8am"
    )
    assert "/subscribe 8am America/Sao_Paulo" in reply.params["text"]
    assert await runtime.storage.get(USER_ID) is None


async def test_a_city_reply_names_the_place_and_its_namesakes(harness: Harness) -> None:
    """/subscribe 8am Springfield saves the largest one and names the other's zone."""
    services, runtime = _services(harness)
    reply = await harness.reply("/subscribe 8am Springfield")
    saved = await runtime.storage.get(USER_ID)
    assert saved is not None
    assert saved.tz == "America/Chicago"
    place = resolve_place("Springfield")
    assert place is not None
    assert reply.params["text"] == services.renderer.message(
        "sub_saved", updated=False, view=shown(saved), place="Springfield", others=place.others
    )
    assert "/subscribe 08:00 America/New_York" in reply.params["text"]
