"""Reading `/subscribe [time] [place or time zone]`: the accepted forms and the nonsense ones."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.subscriptions.zones import ParseError, Request, parse_subscribe, resolve_zone, tzinfo_for


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8am", Request(8, 0, None)),
        ("20:30", Request(20, 30, None)),
        ("7:15 pm", Request(19, 15, None)),
        ("7:15pm", Request(19, 15, None)),
        ("12am", Request(0, 0, None)),
        ("12pm", Request(12, 0, None)),
        ("noon", Request(12, 0, None)),
        ("8 Toronto", Request(8, 0, "America/Toronto")),
        ("08:00 America/Halifax", Request(8, 0, "America/Halifax")),
        ("9am Beijing", Request(9, 0, "Asia/Shanghai")),
        ("6:45 UTC+8", Request(6, 45, "UTC+08:00")),
        ("7 pm new york", Request(19, 0, "America/New_York")),
        ("UTC-3:30", Request(None, None, "UTC-03:30")),
        ("GMT+1", Request(None, None, "UTC+01:00")),
        ("utc", Request(None, None, "UTC")),
        ("Europe/Paris", Request(None, None, "Europe/Paris")),
        ("paris", Request(None, None, "Europe/Paris")),
        ("  OTTAWA ", Request(None, None, "America/Toronto")),
        ("", Request(None, None, None)),
        ("24:00", Request(0, 0, None)),
        ("8am EST", Request(8, 0, "America/Toronto")),
        ("8am PST", Request(8, 0, "America/Vancouver")),
        ("8am CST", Request(8, 0, "America/Winnipeg")),
        ("9 GMT", Request(9, 0, "Europe/London")),
        ("9 cest", Request(9, 0, "Europe/Paris")),
        ("9 IST", Request(9, 0, "Asia/Kolkata")),
        ("9 AEDT", Request(9, 0, "Australia/Sydney")),
        ("8 São Paulo", Request(8, 0, "America/Sao_Paulo")),
        ("Buenos Aires", Request(None, None, "America/Argentina/Buenos_Aires")),
        ("US/Eastern", Request(None, None, "America/New_York")),
        ("Calcutta", Request(None, None, "Asia/Kolkata")),
    ],
)
def test_accepted_forms(text: str, expected: Request) -> None:
    """Every documented /subscribe form reads as the intended time and zone."""
    assert parse_subscribe(text) == expected


@pytest.mark.parametrize(
    ("text", "kind", "part"),
    [
        ("25:99", "time", "25:99"),
        ("8:60", "time", "8:60"),
        ("13pm", "time", "13pm"),
        ("tomorrow-ish", "input", "tomorrow-ish"),
        ("in 5 minutes", "input", "in 5 minutes"),
        ("8pm Mars", "zone", "Mars"),
        ("8 UTC+15", "zone", "UTC+15"),
        ("<b>8</b>", "input", "<b>8</b>"),
        ("0 pm", "time", "0 pm"),
        ("24:30", "time", "24:30"),
        ("8 Center", "zone", "Center"),
        ("8 Davis Station", "zone", "Davis Station"),
    ],
)
def test_nonsense_is_refused_with_the_part_not_understood(text: str, kind: str, part: str) -> None:
    """Nonsense raises ParseError naming what was not understood, so the reply can quote it."""
    with pytest.raises(ParseError) as error:
        parse_subscribe(text)
    assert (error.value.kind, error.value.text) == (kind, part)


def test_fixed_offsets_round_trip() -> None:
    """A stored "UTC-03:30" turns back into that fixed offset."""
    zone = resolve_zone("UTC-3:30")
    assert zone == "UTC-03:30"
    assert tzinfo_for(zone).utcoffset(None) == -timedelta(hours=3, minutes=30)


def test_inverted_legacy_offsets_are_refused_with_the_readable_form() -> None:
    """ "Etc/GMT-8" is UTC+8 (sign inverted): refused, suggesting "UTC+08:00" instead."""
    with pytest.raises(ParseError) as error:
        parse_subscribe("8am Etc/GMT-8")
    assert (error.value.kind, error.value.text, error.value.suggestion) == (
        "zone",
        "Etc/GMT-8",
        "UTC+08:00",
    )
