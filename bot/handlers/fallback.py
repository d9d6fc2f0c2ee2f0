"""Last in line: unknown commands get a pointer to /help, unknown buttons a short answer.

In groups an unknown command is answered only when it names this bot (/foo@ThisBot):
a bare /foo there is likely meant for another bot.
"""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import CallbackQueryHandler, MessageHandler, filters

from bot.handlers.common import FRESH, command_target, voice
from bot.types import App, Context


async def unknown_command(update: Update, context: Context) -> None:
    """Say the command is unknown and point to /help."""
    message = update.effective_message
    if message is None:
        return
    target = command_target(message)
    addressed = target == context.bot.username.lower()
    if not addressed and (target or message.chat.type != ChatType.PRIVATE):
        return
    command = (message.text or "").split()[0].split("@")[0][:64]
    speaking = voice(update, context)
    text = speaking.edition.memo(
        ("unknown_command", command, speaking.lang),
        lambda: speaking.message("unknown_command", command=command),
    )
    await message.reply_text(text)


async def unknown_button(update: Update, context: Context) -> None:
    """Answer a button nobody else understood (forged, stale, or from an older version)."""
    if update.callback_query is not None:
        stale = voice(update, context).message("stale_button", fmt="text")
        await update.callback_query.answer(stale)


def register(application: App) -> None:
    application.add_handler(MessageHandler(FRESH & filters.COMMAND, unknown_command))
    application.add_handler(CallbackQueryHandler(unknown_button))
