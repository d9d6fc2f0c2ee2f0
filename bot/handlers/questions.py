"""Plain-text questions ("what did Chong say?", "tariffs"), answered from the store with
sources; "summary please" opens the section, "thanks" gets a friendly line; when there is
nothing to look up, a short reply pointing to the commands. In the chat's language, except
that a question written in French gets French (briefs.render.questions tells).
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import MessageHandler, filters

from bot.briefings.callbacks import SectionView
from bot.handlers.briefings import send_view
from bot.handlers.common import FRESH, Voice, for_us, voice, without_mention
from bot.handlers.help import send_help
from bot.handlers.start import send_welcome
from bot.types import App, Context

_MAX_QUESTION = 500


async def ask(update: Update, context: Context) -> None:
    """Answer a question in private, or in a group when it mentions or replies to the bot."""
    message = update.effective_message
    if message is None or not message.text:
        return
    username = context.bot.username
    if not for_us(message, username):
        return
    question = without_mention(message, username)[:_MAX_QUESTION]
    speaking = voice(update, context)
    if not question:  # a bare "@bot": they want to know what it does
        await send_welcome(message, speaking)
        return
    reply = speaking.edition.reply(question, speaking.lang)
    if reply is not None:  # in the chat's language, or French for a French question
        speaking = Voice(speaking.edition, reply.lang)
    if reply is not None and reply.section == "help":
        await send_help(update, context, speaking)
    elif reply is not None and reply.section is not None:
        await send_view(message, speaking, SectionView(reply.section, 1))
    else:
        text = reply.text if reply else speaking.message("no_match", question=question)
        await message.reply_text(text)


def register(application: App) -> None:
    application.add_handler(MessageHandler(FRESH & filters.TEXT & ~filters.COMMAND, ask))
