"""The subscriptions feature's running parts: the SQLite storage and the delivery engine.

Kept in `application.bot_data.subscriptions`, opened from post_init, closed from
post_shutdown. Broadcasts go through their own telegram.Bot with its own connection pool
when the application talks to the real Bot API: a broadcast of 100,000 messages then never
occupies the connections that interactive replies use, its pacing (bot.delivery.pacing) is its own,
and its requests go through bot.delivery.transport (aiohttp). Offline (console, tests with a
recording request) delivery reuses the application's bot, so nothing reaches the network.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from telegram import Bot
from telegram.request import HTTPXRequest

from bot.briefings.keyboards import alert_keyboard, welcome_keyboard
from bot.config import Settings
from bot.delivery.engine import AlertSource, Briefing, Delivery, Limits
from bot.delivery.transport import AiohttpRequest
from bot.subscriptions import schedule
from bot.subscriptions.languages import Languages
from bot.subscriptions.storage import Storage
from bot.types import App

log = logging.getLogger(__name__)


@dataclass
class Runtime:
    """Storage, delivery, the default zone and the clock the subscription handlers share."""

    storage: Storage
    delivery: Delivery
    default_zone: str
    clock: schedule.Clock = schedule.system_clock
    own_bot: Bot | None = field(default=None, repr=False)
    announcing: bool = False  # an /announce is going out (bot.handlers.admin_broadcast)
    languages: Languages = field(init=False, repr=False)  # the chats' choices, held in memory

    def __post_init__(self) -> None:
        self.languages = Languages.of(self.storage)

    @classmethod
    async def start(cls, application: App) -> Runtime:
        services = application.bot_data.services
        settings = services.settings
        limits = broadcast_limits(settings)

        def briefing() -> Briefing:
            edition = services.edition
            keyboards = edition.keyboards(welcome_keyboard)
            return Briefing(edition.renderer, edition.store.version, keyboards=keyboards)

        def alert() -> AlertSource:
            edition = services.edition
            keyboards = edition.keyboards(alert_keyboard)
            return AlertSource(edition.renderer, edition.store.version, keyboards=keyboards)

        storage = await Storage.open(settings.db_path)
        own = None
        try:
            if isinstance(application.bot.request, HTTPXRequest):
                own = Bot(
                    application.bot.token,
                    base_url=f"{settings.api_base_url}/bot",
                    request=broadcast_request(limits),
                )
                await own.initialize()
            bot = own if own is not None else application.bot
            delivery = Delivery(storage, bot, briefing, limits=limits, alerts=alert)
            runtime = cls(storage, delivery, settings.timezone, own_bot=own)
            await runtime.languages.load()
            await delivery.start()
        except BaseException:  # a live connection or client would keep the process alive
            await storage.close()
            if own is not None:
                await own.shutdown()
            raise
        application.bot_data.subscriptions = runtime
        return runtime

    async def forget(self, chat_id: int) -> bool:
        """/forget: delete every row about the chat, and its language held in memory too."""
        deleted = await self.storage.forget(chat_id)
        self.languages.drop(chat_id)
        return deleted

    async def stop(self) -> None:
        await self.delivery.stop()
        await self.storage.close()
        if self.own_bot is not None:
            await self.own_bot.shutdown()


def broadcast_limits(settings: Settings) -> Limits:
    """Delivery's limits from the settings (the benchmarks use these too)."""
    return Limits(
        rate=settings.broadcast_rate,
        chat_rate=settings.chat_rate,
        grace=timedelta(hours=settings.grace_hours),
    )


def broadcast_request(limits: Limits) -> AiohttpRequest:
    """The broadcast bot's request class: a connection for each worker and two to spare."""
    return AiohttpRequest(
        limits.pool + 2,
        read_timeout=limits.timeout,
        write_timeout=limits.timeout,
        connect_timeout=limits.timeout,
        pool_timeout=limits.timeout,
    )
