"""The daily briefing and alerts go out in each subscriber's language, against real SQLite
and the Bot API stand-in: the text and the buttons, rendered once per language a run."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from telegram import Bot

from bot.briefings.keyboards import alert_keyboard, welcome_keyboard
from bot.delivery.alerts import AlertSource
from bot.delivery.engine import Briefing, Delivery
from bot.subscriptions.alert_storage import Alerts
from bot.subscriptions.languages import Languages
from bot.subscriptions.storage import Storage
from briefs.i18n import LANGUAGES
from briefs.model import Store
from briefs.render import Renderer
from tests.bot.delivery.test_alerts import NOW, after, before, sent_to
from tests.bot.subscriptions_helpers import FAST, subscribe_due
from tests.support.botapi_standin import BotApiStandin

__all__ = ["after", "before"]  # the fixtures these tests share with the alert tests


class Counting:
    """The real renderer, counting the daily and alert renders a run asks of it."""

    def __init__(self, renderer: Renderer) -> None:
        self.renderer = renderer
        self.renders: list[str] = []

    def daily(
        self,
        since: datetime | None,
        *,
        now: datetime | None = None,
        today: date | None = None,
        last: date | None = None,
        lang: str = "en",
    ) -> list[str]:
        self.renders.append(lang)
        return self.renderer.daily(since, now=now, today=today, last=last, lang=lang)

    def alert(
        self, since: datetime | None, *, now: datetime | None = None, lang: str = "en"
    ) -> list[str]:
        self.renders.append(lang)
        return self.renderer.alert(since, now=now, lang=lang)


def engine(storage: Storage, bot: Bot, store: Store, counting: Counting) -> Delivery:
    renderer = counting.renderer
    daily = Briefing(
        counting, store.version,
        keyboards={lang: welcome_keyboard(renderer, lang=lang) for lang in LANGUAGES},
    )  # fmt: skip
    alert = AlertSource(
        counting, store.version,
        keyboards={lang: alert_keyboard(renderer, lang=lang) for lang in LANGUAGES},
    )  # fmt: skip
    return Delivery(
        storage, bot, lambda: daily, limits=FAST, clock=lambda: NOW, alerts=lambda: alert
    )


def first_label(message: dict[str, Any]) -> str:
    return str(message["reply_markup"]["inline_keyboard"][0][0]["text"])


async def test_the_daily_goes_out_in_each_subscribers_language(
    storage: Storage, bot: Bot, standin: BotApiStandin, before: Store
) -> None:
    """A chat that chose French, and one whose subscriber's Telegram is French, get the French
    daily with French buttons; a chat with neither gets English. One render per language."""
    languages = Languages.of(storage)
    await languages.choose(1, "fr", now=NOW)
    await languages.remember(2, "fr", now=NOW)
    for chat in (1, 2, 3):
        await subscribe_due(storage, chat, NOW - timedelta(minutes=1))
    counting = Counting(Renderer(before))
    run = await engine(storage, bot, before, counting).run_once(NOW)
    assert (run.sent, run.failed) == (3, 0)
    for chat, lang in ((1, "fr"), (2, "fr"), (3, "en")):
        expected = counting.renderer.daily(None, now=NOW, today=NOW.date(), lang=lang)
        messages = sent_to(standin, chat)
        assert [m["text"] for m in messages] == expected, chat
        label = counting.renderer.label("summary", lang=lang)
        assert first_label(messages[-1]) == label, chat
    assert sorted(counting.renders) == ["en", "fr"]
    assert sent_to(standin, 1)[0]["text"] != sent_to(standin, 3)[0]["text"]


async def test_alerts_go_out_in_each_chats_language(
    storage: Storage, bot: Bot, standin: BotApiStandin, before: Store, after: Store
) -> None:
    """ "New in the story" reaches a French chat in French, with its French summary button,
    and an English chat in English."""
    await Languages.of(storage).choose(1, "fr", now=NOW)
    for chat in (1, 2):
        await Alerts.of(storage).turn_on(chat, now=NOW - timedelta(days=1), version=before.version)
    counting = Counting(Renderer(after))
    run = await engine(storage, bot, after, counting).alert_once(NOW)
    assert run is not None
    assert (run.sent, run.failed) == (2, 0)
    for chat, lang in ((1, "fr"), (2, "en")):
        (message,) = sent_to(standin, chat)
        expected = counting.renderer.alert(before.version, now=NOW, lang=lang)
        assert message["text"] == expected[0]
        assert first_label(message) == counting.renderer.label("summary", lang=lang)
    assert sorted(counting.renders) == ["en", "fr"]
