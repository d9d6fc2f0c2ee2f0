"""Per-user flood control, ahead of every other handler (group -1).

Over the limit, the first extra command gets one polite notice and every later one is
dropped (ApplicationHandlerStop) until the user's window lets them in again.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import ApplicationHandlerStop, TypeHandler

from bot.flood import Verdict
from bot.handlers.common import for_us
from bot.services import services_of
from bot.types import App, Context


async def guard(update: Update, context: Context) -> None:
    """Count a user's messages to the bot; stop the update when they are over the limit."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None or update.callback_query is not None:
        return
    if not message.text or not for_us(message, context.bot.username):
        return
    services = services_of(context)
    verdict = services.flood.check(user.id)
    if verdict is Verdict.ALLOW:
        return
    if verdict is Verdict.NOTIFY:
        notice = services.renderer.message("flood", limit=services.flood.limit)
        await message.reply_text(notice)
    raise ApplicationHandlerStop


async def forget_idle(context: Context) -> None:
    """Job: drop users with nothing in their window, so memory follows active users only."""
    services_of(context).flood.forget_idle()


def register(application: App) -> None:
    application.add_handler(TypeHandler(Update, guard), group=-1)


async def start(application: App) -> None:
    if application.job_queue is not None:
        application.job_queue.run_repeating(forget_idle, interval=300, name="flood-forget")
