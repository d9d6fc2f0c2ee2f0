"""build_application: the one place the PTB Application is wired (main() only calls this).

Order matters in post_init: the store loads first (every handler and feature needs it),
then the menu and profile texts (rendered from templates), then each feature's start hook,
then the store watcher. post_shutdown stops features in reverse.

No throttling rate limiter is installed: daily delivery paces itself (bot.delivery.sending), and
putting interactive replies behind a shared limiter would queue them behind a broadcast.
PTB's rate-limiter hook only retries a short 429 once (bot.retry). Per-user flood control
bounds what one person can make the bot send.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from telegram import BotCommand, BotCommandScopeChat, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden
from telegram.ext import Application, Defaults
from telegram.request import BaseRequest

from bot import logs
from bot.briefings.reload import start_watcher
from bot.config import Settings
from bot.handlers import FEATURES
from bot.retry import RetryOnce
from bot.services import Menu, Services
from bot.types import CONTEXT_TYPES, App
from briefs.i18n import DEFAULT, LANGUAGES
from briefs.store import load_store

log = logging.getLogger(__name__)
OFFLINE_TOKEN = "777000111:OFFLINE-console-token"  # noqa: S105 - never sent anywhere


def menu_of(features: tuple[Any, ...] = FEATURES) -> Menu:
    """The command menu from each feature's MENU and ADMIN_MENU, in feature order."""
    public = tuple(name for f in features for name in getattr(f, "MENU", ()))
    admin = tuple(name for f in features for name in getattr(f, "ADMIN_MENU", ()))
    return Menu(public, admin)


def build_application(
    settings: Settings, *, request: BaseRequest | None = None, updater: bool = True
) -> App:
    """The bot: handlers from every feature, services in the typed bot_data, start/stop hooks.

    `request` replaces the network (bot.console.offline.OfflineRequest); without one a token is
    required. `updater=False` builds an application driven by process_update only.
    """
    logs.quiet_libraries()
    offline = settings.token is None and request is not None
    token = OFFLINE_TOKEN if offline else settings.require_token()
    for secret in settings.secrets():
        logs.protect(secret)
    root = settings.api_base_url
    builder = (
        Application.builder()
        .context_types(CONTEXT_TYPES)  # context.bot_data is a bot.services.BotData
        .token(token)
        .base_url(f"{root}/bot")
        .base_file_url(f"{root}/file/bot")
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
        .rate_limiter(RetryOnce())
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
    )
    if request is not None:
        builder = builder.request(request)
    if not updater:
        builder = builder.updater(None)
        if request is not None:
            # Nothing polls, so getUpdates needs no client of its own: PTB's default one loads
            # the system's CA bundle (about 50 ms) for every console session and test app.
            builder = builder.get_updates_request(request)
    application: App = builder.build()
    application.bot_data.services = Services.from_settings(settings, menu_of(), time.monotonic)
    for feature in FEATURES:
        feature.register(application)
    return application


async def _post_init(application: App) -> None:
    services = application.bot_data.services
    if not services.holder.loaded:
        # A broken store at start-up raises StoreError: there is no last good one to keep.
        services.holder.swap(await asyncio.to_thread(load_store, services.holder.root))
    await set_menu(application, services)
    for feature in FEATURES:
        hook = getattr(feature, "start", None)
        if hook is not None:
            await hook(application)
    start_watcher(application)
    log.info("ready as @%s", application.bot.username)


async def _post_shutdown(application: App) -> None:
    for feature in reversed(FEATURES):
        hook = getattr(feature, "stop", None)
        if hook is not None:
            await hook(application)


async def set_menu(application: App, services: Services) -> None:
    """Command menu (admins get theirs too), description and short description, in every
    language: the default one for any client, the others for clients set to that language."""
    for lang in LANGUAGES:
        await _set_menu_in(application, services, lang)


async def _set_menu_in(application: App, services: Services, lang: str) -> None:
    renderer, bot = services.renderer, application.bot
    code = None if lang == DEFAULT else lang  # Telegram's language_code: None means any

    def commands(names: tuple[str, ...]) -> list[BotCommand]:
        return [BotCommand(n, renderer.label(f"cmd_{n}", lang=lang)) for n in names]

    public = commands(services.menu.public)
    admin = public + commands(services.menu.admin)
    await bot.set_my_commands(public, language_code=code)
    for admin_id in sorted(services.admins):
        try:
            await bot.set_my_commands(
                admin, scope=BotCommandScopeChat(admin_id), language_code=code
            )
        except (BadRequest, Forbidden) as error:
            log.warning("no admin menu for %s (has the admin opened the bot?): %s", admin_id, error)
    await bot.set_my_description(renderer.label("bot_description", lang=lang), language_code=code)
    short = renderer.label("bot_short_description", lang=lang)
    await bot.set_my_short_description(short, language_code=code)
