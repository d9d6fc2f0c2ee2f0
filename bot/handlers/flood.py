"""Per-user flood control, ahead of every other handler (group -1).

Commands, questions and button presses share one allowance: a press costs us an edit
and a callback answer, as much as a command. Over the limit, the first extra message
gets one polite notice and every later one is dropped (ApplicationHandlerStop) until
the user's window lets them in again; an extra press is answered with the notice as a
toast, since every press must be answered and a toast adds nothing to the chat. Edits
are not counted: they are not answered either (see FRESH).
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import ApplicationHandlerStop, TypeHandler, filters

from bot.flood import Verdict
from bot.handlers.common import for_us, voice
from bot.types import App, Context


async def guard(update: Update, context: Context) -> None:
    """Count a user's messages and presses to the bot; stop the update when over the limit."""
    message, query, user = update.effective_message, update.callback_query, update.effective_user
    if user is None or filters.UpdateType.EDITED.check_update(update):
        return
    if query is None and (
        message is None or not message.text or not for_us(message, context.bot.username)
    ):
        return
    services = context.bot_data.services
    verdict = services.flood.check(user.id)
    if verdict is Verdict.ALLOW:
        return
    speaking = voice(update, context)
    if query is not None:
        await query.answer(speaking.message("flood", fmt="text", limit=services.flood.limit))
    elif verdict is Verdict.NOTIFY and message is not None:
        await message.reply_text(speaking.message("flood", limit=services.flood.limit))
    raise ApplicationHandlerStop


async def forget_idle(context: Context) -> None:
    """Job: drop users with nothing in their window, so memory follows active users only."""
    context.bot_data.services.flood.forget_idle()


def register(application: App) -> None:
    application.add_handler(TypeHandler(Update, guard), group=-1)


async def start(application: App) -> None:
    if application.job_queue is not None:
        application.job_queue.run_repeating(forget_idle, interval=300, name="flood-forget")
