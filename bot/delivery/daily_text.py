"""What a daily briefing's text depends on, and rendering each distinct text once a run.

Delivery needs only `daily` from briefs.render.Renderer. The text depends on the store
version the chat last saw (what is new), the subscriber's own local day (the header), the
local day of their last briefing ("nothing new since ...") and the chat's language, so those
four are the cache key: subscribers due in the same minute mostly share them, and share one
render.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Protocol

from telegram import InlineKeyboardMarkup

from bot.subscriptions.records import Subscription

TextFor = Callable[[Subscription, date, str], list[str]]


class DailyRenderer(Protocol):
    """What delivery needs from briefs.render.Renderer."""

    def daily(
        self,
        since: datetime | None,
        *,
        now: datetime | None = None,
        today: date | None = None,
        last: date | None = None,
        lang: str = "en",
    ) -> list[str]: ...


@dataclass(frozen=True, slots=True)
class Briefing:
    """The briefing source at the start of a run: a renderer, the store version it shows, and
    the buttons under it (`keyboards` by language; `keyboard` for any other)."""

    renderer: DailyRenderer
    version: datetime
    keyboard: InlineKeyboardMarkup | None = None
    keyboards: Mapping[str, InlineKeyboardMarkup] = field(default_factory=dict)


def texts(renderer: DailyRenderer, now: datetime) -> TextFor:
    """A run's `text_for(subscription, local day, language)`, rendering each distinct text
    once."""
    cache: dict[tuple[datetime | None, date, date | None, str], list[str]] = {}

    def text_for(sub: Subscription, day: date, lang: str) -> list[str]:
        key = (sub.last_version, day, sub.last_local_day, lang)
        if (parts := cache.get(key)) is None:
            last, since = sub.last_local_day, sub.last_version
            parts = cache[key] = renderer.daily(since, now=now, today=day, last=last, lang=lang)
        return parts

    return text_for


__all__ = ["Briefing", "DailyRenderer", "TextFor", "texts"]
