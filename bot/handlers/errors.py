"""The error handler: log the failure with its traceback, and tell the user something went
wrong (never what, which may name internals).

Two failures are not bugs and get one warning line instead: a 429 that outlasted the
one bounded retry (bot.retry), where an apology would itself be rate-limited; and the
network failing between polls, which PTB retries on its own with growing pauses.
"""

from __future__ import annotations

import contextlib
import logging

from telegram import Update
from telegram.error import Forbidden, NetworkError, RetryAfter, TelegramError

from bot.handlers.common import voice
from bot.types import App, Context

log = logging.getLogger(__name__)


async def on_error(update: object, context: Context) -> None:
    """Log the error; apologise in the chat it came from, if there is one we can still reach."""
    error = context.error
    if isinstance(error, RetryAfter):
        log.warning("rate-limited by Telegram, reply dropped: %s", error)
        return
    if update is None and isinstance(error, NetworkError):
        log.warning("cannot reach the Bot API, retrying: %s", error)
        return
    log.error("error while handling an update", exc_info=error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if isinstance(error, Forbidden):
        return  # the user blocked the bot: there is no one to tell
    if not context.bot_data.services.holder.loaded:
        return
    speaking = voice(update, context)
    if update.callback_query is not None:
        # Already answered, or too old: the message below still tells them.
        with contextlib.suppress(TelegramError):
            await update.callback_query.answer(speaking.message("error", fmt="text"))
    try:
        await context.bot.send_message(update.effective_chat.id, speaking.message("error"))
    except TelegramError as failure:
        log.warning("could not report the error to the chat: %s", failure)


def register(application: App) -> None:
    application.add_error_handler(on_error)
