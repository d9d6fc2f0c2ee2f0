"""Running the real bot: long polling by default, a webhook with a secret token when
BRIEFBOT_WEBHOOK_URL is set. SIGINT and SIGTERM stop it cleanly (PTB's stop_signals)."""

from __future__ import annotations

import asyncio
import secrets
from urllib.parse import urlsplit

from telegram import Update

from bot import logs
from bot.app import build_application
from bot.config import Settings
from bot.types import App


def run(settings: Settings) -> int:
    """Run until a stop signal; returns the exit code."""
    token = settings.require_token()
    logs.configure(token)
    application = build_application(settings)
    # The loop is ours: PTB runs on the thread's current loop and leaves it open
    # (close_loop=False) so that _close can still close the bot's clients on it.
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        _serve(application, settings)
    finally:
        _close(application, loop)
    return 0


def _serve(application: App, settings: Settings) -> None:
    if settings.webhook_url is None:
        application.run_polling(allowed_updates=Update.ALL_TYPES, close_loop=False)
        return
    # Telegram sends the secret in a header on every call; without one configured, a fresh
    # random secret still keeps strangers from posting updates to the webhook.
    chosen = settings.webhook_secret
    secret = chosen.get_secret_value() if chosen is not None else secrets.token_urlsafe(32)
    application.run_webhook(
        listen=settings.webhook_listen,
        port=settings.webhook_port,
        url_path=urlsplit(settings.webhook_url).path.lstrip("/"),
        webhook_url=settings.webhook_url,
        secret_token=secret,
        allowed_updates=Update.ALL_TYPES,
        close_loop=False,
    )


def _close(application: App, loop: asyncio.AbstractEventLoop) -> None:
    """Close the bot's HTTP clients, then the loop. PTB's shutdown skips an application whose
    start failed (a rejected token, an unreachable API), which would leave the connection
    that learnt it open until the process ends."""
    try:
        loop.run_until_complete(application.bot.shutdown())
    finally:
        asyncio.set_event_loop(None)
        loop.close()
