"""What a daily briefing's text depends on, and rendering each distinct text once a run.

Delivery only needs `daily` from briefs.render.Renderer. A renderer that also takes the
subscriber's own local day (for the header) and last delivery day ("nothing new since your
last briefing on ...") gets them; until then the text depends only on the version the chat
last saw, and the cache key says so.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol, cast

from telegram import InlineKeyboardMarkup

from bot.storage_types import Subscription


class DailyRenderer(Protocol):
    """What delivery needs from briefs.render.Renderer."""

    def daily(self, since: datetime | None, *, now: datetime | None = None) -> list[str]: ...


class DatedDailyRenderer(Protocol):
    """A renderer that dates the briefing in the subscriber's own days: `day` is the local day
    it is for (its header), `last_day` the local day of the chat's last briefing."""

    def daily(
        self,
        since: datetime | None,
        *,
        now: datetime | None = None,
        day: date | None = None,
        last_day: date | None = None,
    ) -> list[str]: ...


TextFor = Callable[[Subscription, date], list[str]]


def texts(renderer: DailyRenderer, now: datetime) -> TextFor:
    """Each distinct text once a run. With a renderer that takes the subscriber's days, the
    text depends on them too, so they join the key; otherwise only the version seen does."""
    cache: dict[tuple[datetime | None, date | None, date | None], list[str]] = {}
    if not {"day", "last_day"} <= inspect.signature(renderer.daily).parameters.keys():

        def undated(sub: Subscription, day: date) -> list[str]:
            key = (sub.last_version, None, None)
            if key not in cache:
                cache[key] = renderer.daily(sub.last_version, now=now)
            return cache[key]

        return undated
    dated = cast(DatedDailyRenderer, renderer)

    def text_for(sub: Subscription, day: date) -> list[str]:
        key = (sub.last_version, day, sub.last_local_day)
        if key not in cache:
            cache[key] = dated.daily(sub.last_version, now=now, day=day, last_day=key[2])
        return cache[key]

    return text_for


@dataclass(frozen=True, slots=True)
class Briefing:
    """The briefing source at the start of a run: a renderer and the store version it shows."""

    renderer: DailyRenderer
    version: datetime
    keyboard: InlineKeyboardMarkup | None = None


__all__ = ["Briefing", "DailyRenderer", "DatedDailyRenderer", "TextFor", "texts"]
