"""What an alert run sends: "New in the story" to each chat behind the store's version.

The engine (bot.delivery.engine) runs alerts as it runs the daily briefing, through the same
workers, pacing, fault handling and group-committed claims; only the log differs (alert_log,
once per (chat, store version), see bot.subscriptions.alert_storage). Each chat's text lists
what changed after the version its last alert covered, so each distinct text is rendered
once a run (per language: each chat's own, bot.subscriptions.languages), and a chat with
nothing left to hear about is marked handled without a message.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from telegram import InlineKeyboardMarkup

from bot.subscriptions.alert_storage import AlertChoice, Alerts
from bot.subscriptions.languages import Languages
from bot.subscriptions.records import Outcome, Subscription
from briefs.i18n import DEFAULT


class AlertRenderer(Protocol):
    """What alert delivery needs from briefs.render.Renderer."""

    def alert(
        self, since: datetime | None, *, now: datetime | None = None, lang: str = "en"
    ) -> list[str]: ...


@dataclass(frozen=True, slots=True)
class AlertSource:
    """The alert source at the start of a run: a renderer, the store version, the button
    (`keyboards` by language; `keyboard` for any other)."""

    renderer: AlertRenderer
    version: datetime
    keyboard: InlineKeyboardMarkup | None = None
    keyboards: Mapping[str, InlineKeyboardMarkup] = field(default_factory=dict)


def as_subscription(choice: AlertChoice, version: datetime) -> Subscription:
    """An alert chat in the shape the engine's jobs carry: its "day" is the version's (UTC),
    its last version what its last alert covered. No daily subscription is implied."""
    return Subscription(
        chat_id=choice.chat_id, hour=0, minute=0, tz="UTC", active=True,
        created_at=choice.updated_at, updated_at=choice.updated_at, next_due_utc=version,
        last_version=choice.seen, last_local_day=None, deactivated_reason=None,
    )  # fmt: skip


def nothing_to_tell(sub: Subscription) -> Outcome:
    """The outcome for a chat whose alert would list nothing: handled, no message."""
    return Outcome(sub.chat_id, sub.next_due_utc.date(), "skipped", sub.next_due_utc)


async def alert_plan(
    alerts: Alerts, source: AlertSource, now: datetime, batch: int
) -> AsyncIterator[tuple[Subscription, list[str], str]]:
    """Each chat behind `source.version` with its alert's messages (empty: nothing new) and
    the chat's language."""
    cache: dict[tuple[datetime, str], list[str]] = {}
    async for chats in alerts.due_alerts(batch):
        langs = await Languages.of(alerts).stored(choice.chat_id for choice in chats)
        for choice in chats:
            key = (choice.seen, langs.get(choice.chat_id, DEFAULT))
            if (parts := cache.get(key)) is None:
                parts = cache[key] = source.renderer.alert(choice.seen, now=now, lang=key[1])
            yield as_subscription(choice, source.version), parts, key[1]
