"""What a daily briefing's text depends on, and rendering each distinct text once a run.

Delivery needs only `daily` from briefs.render.Renderer. The text depends on the store
version the chat last saw (what is new), the subscriber's own local day (the header) and the
local day of their last briefing ("nothing new since ..."), so those three are the cache key:
subscribers due in the same minute mostly share them, and share one render.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from telegram import InlineKeyboardMarkup

from bot.subscriptions.records import Subscription

TextFor = Callable[[Subscription, date], list[str]]


class DailyRenderer(Protocol):
    """What delivery needs from briefs.render.Renderer."""

    def daily(
        self,
        since: datetime | None,
        *,
        now: datetime | None = None,
        today: date | None = None,
        last: date | None = None,
    ) -> list[str]: ...


@dataclass(frozen=True, slots=True)
class Briefing:
    """The briefing source at the start of a run: a renderer and the store version it shows."""

    renderer: DailyRenderer
    version: datetime
    keyboard: InlineKeyboardMarkup | None = None


def texts(renderer: DailyRenderer, now: datetime) -> TextFor:
    """A run's `text_for(subscription, local day)`, rendering each distinct text once."""
    cache: dict[tuple[datetime | None, date, date | None], list[str]] = {}

    def text_for(sub: Subscription, day: date) -> list[str]:
        key = (sub.last_version, day, sub.last_local_day)
        if (parts := cache.get(key)) is None:
            last = sub.last_local_day
            parts = cache[key] = renderer.daily(sub.last_version, now=now, today=day, last=last)
        return parts

    return text_for


__all__ = ["Briefing", "DailyRenderer", "TextFor", "texts"]
