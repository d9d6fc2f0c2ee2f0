"""Admin /announce TEXT (now, to every active subscriber, through the delivery engine) and
/stats (subscriber counts and the last delivery run)."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import CommandHandler

from bot.handlers.common import FRESH, after_command, voice
from bot.types import App, Context
from briefs.render import LIMIT, telegram_length

ADMIN_MENU = ("announce", "stats")
# Room for the announcement template's own text around the admin's, so the message that
# reaches subscribers stays within Telegram's limit; refused before the broadcast starts.
ANNOUNCE_LIMIT = LIMIT - 64
log = logging.getLogger(__name__)


async def _refused(update: Update, context: Context) -> bool:
    services = context.bot_data.services
    user = update.effective_user
    if services.is_admin(user.id if user else None):
        return False
    if update.effective_message is not None:
        text = voice(update, context).message("admin_only")
        await update.effective_message.reply_text(text)
    return True


async def announce(update: Update, context: Context) -> None:
    """/announce TEXT: send it to every active subscriber; report the figures when done."""
    message = update.effective_message
    if message is None or await _refused(update, context):
        return
    speaking = voice(update, context)  # the admin's language, the announcement's too
    text = after_command(message)
    if text is None:
        await message.reply_text(speaking.message("announce_usage"))
        return
    length = telegram_length(text, "text")
    if length > ANNOUNCE_LIMIT:
        reply = speaking.message("announce_too_long", length=length, limit=ANNOUNCE_LIMIT)
        await message.reply_text(reply)
        return
    runtime = context.bot_data.subscriptions
    if runtime.announcing:  # one at a time: a second copy (or a repeat) would reach everyone
        await message.reply_text(speaking.message("announce_busy"))
        return
    html = speaking.message("announcement", text=text)  # the admin's text is escaped here
    # In the background: updates are handled one at a time, and a broadcast takes minutes.
    runtime.announcing = True
    done = _announce(context, html, message.chat_id, speaking.lang)
    context.application.create_task(done, update=update)


async def _announce(context: Context, html: str, chat_id: int, lang: str) -> None:
    runtime = context.bot_data.subscriptions
    try:
        run = await runtime.delivery.announce(html)
    finally:
        runtime.announcing = False
    done = context.bot_data.services.renderer.message("announce_done", run=run, lang=lang)
    await context.bot.send_message(chat_id, done)


async def stats(update: Update, context: Context) -> None:
    """Subscriber counts and the last run's figures."""
    message = update.effective_message
    if message is None or await _refused(update, context):
        return
    figures = await context.bot_data.subscriptions.storage.stats()
    await message.reply_text(voice(update, context).message("stats", stats=figures))


def register(application: App) -> None:
    application.add_handler(CommandHandler("announce", announce, filters=FRESH))
    application.add_handler(CommandHandler("stats", stats, filters=FRESH))
