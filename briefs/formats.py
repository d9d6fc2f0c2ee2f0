"""Dates, numbers, quotation marks and curated prose in the reader's language.

Babel writes dates and numbers from CLDR data for the language's locale (briefs/i18n.py),
the same on every platform (strftime's "%-d" was glibc only). `filters(lang)` gives each
language's Jinja environment these functions with its language bound.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from functools import lru_cache, partial
from typing import Any

from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal
from jinja2 import Undefined

from briefs.i18n import DEFAULT, LOCALES, QUOTES
from briefs.model import DatedValue, Localizable, Precision, localized

_PATTERNS = {"day": "EEE d MMM y", "month": "MMM y", "year": "y", "weekday": "EEE d MMM"}
"""CLDR patterns by precision, the same in both languages: "Fri 16 Jan 2026", "ven. 16 janv.
2026"; "weekday" leaves out the year, for a date in the coming week ("Fri 16 Jan")."""


def day(
    value: date | datetime | DatedValue,
    precision: Precision | str = Precision.DAY,
    lang: str = DEFAULT,
) -> str:
    """A date as people write it: "Wed 14 Jan 2026", "Jan 2026" (month) or "2025" (year)."""
    if isinstance(value, DatedValue):
        precision = value.precision
        value = value.date
    elif isinstance(value, datetime):
        value = value.date()
    elif isinstance(value, Undefined):
        str(value)  # StrictUndefined: raises UndefinedError naming the missing variable
    return _formatted(value, str(precision), lang)


@lru_cache(maxsize=4096)
def _formatted(value: date, precision: str, lang: str) -> str:
    """Babel's format_date, remembered: a briefing prints the same few dates many times, and
    each call costs tens of microseconds (a tenth of a daily briefing's render)."""
    return format_date(value, _PATTERNS[precision], locale=LOCALES[lang])


def clock(value: datetime, lang: str = DEFAULT) -> str:
    """A time of day on the 24-hour clock as the locale writes it: "08:00", "08 h 00"."""
    return format_skeleton("HHmm", value, locale=LOCALES[lang])


def tr(obj: Localizable, field: str, lang: str = DEFAULT) -> str:
    """A curated record's prose in `lang` (its `fr:` in the store), for `{{ e|tr("text") }}`."""
    return localized(obj, field, lang)


def number(value: int | float, lang: str = DEFAULT) -> str:
    """A number grouped the locale's way: "1,234" in English, "1 234" in French."""
    return format_decimal(value, locale=LOCALES[lang])


def quoted(text: str, lang: str = DEFAULT) -> str:
    """A quotation between the language's quotation marks, verbatim: a trailing comma was
    printed inside them."""
    opening, closing = QUOTES[lang]
    return f"{opening}{text}{closing}"


def filters(lang: str) -> dict[str, Callable[..., Any]]:
    """This module's filters with `lang` bound, for the environment of that language."""
    return {f.__name__: partial(f, lang=lang) for f in (day, clock, number, quoted, tr)}
